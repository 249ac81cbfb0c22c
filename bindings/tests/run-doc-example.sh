#!/bin/sh
# run-doc-example.sh DOC.md LANG WORKDIR COMMAND...
# Runs the example of a language guide: the first ```LANG block of DOC.md is
# written to WORKDIR/example.LANG and run as COMMAND... WORKDIR/example.LANG;
# its standard output must equal the first ```text block after it.
set -eu
doc=$1 lang=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
src="$work/example.$lang"
awk -v lang="$lang" -v src="$src" -v out="$work/expected.txt" '
  state == 0 && $0 == "```" lang { state = 1; next }
  state == 1 && $0 == "```" { state = 2; next }
  state == 1 { print > src; next }
  state == 2 && $0 == "```text" { state = 3; next }
  state == 3 && $0 == "```" { state = 4; next }
  state == 3 { print > out; next }
  END { if (state != 4) { print "no ```" lang " example followed by a ```text block in the guide" > "/dev/stderr"; exit 1 } }
' "$doc"
"$@" "$src" >"$work/actual.txt"
if ! diff -u "$work/expected.txt" "$work/actual.txt"; then
  echo "the example's output differs from the guide ($doc)" >&2
  exit 1
fi
echo "the example of $doc runs and prints what the guide shows"
