#!/bin/sh
# Every C code block in docs/*.md that follows a "<!-- test:c -->" line is
# compiled against the library and run; it must exit 0. When the block is
# followed by "<!-- test:output -->" and a fenced block, the program's output
# must equal that block. Usage: check_examples.sh DOCS_DIR INCLUDE_DIR LIBSIPMSG_A
set -eu
docs=$1 inc=$2 lib=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
for md in "$docs"/*.md; do
  # split into numbered example files: code -> ex<N>.c, expected output -> ex<N>.out
  awk -v dir="$tmp" -v base="$(basename "$md" .md)" '
    /<!-- test:c -->/ { want = "c"; next }
    /<!-- test:output -->/ { want = "out"; next }
    /^```/ {
      if (infence) { infence = 0; close(file); next }
      if (want != "") { infence = 1; if (want == "c") k++; file = dir "/" base "-" k "." want; want = ""; printf "" > file; next }
    }
    infence { print > file }
  ' "$md"
done
for src in "$tmp"/*.c; do
  [ -e "$src" ] || continue
  n=$((n + 1))
  exe=${src%.c}
  name=$(basename "$exe")
  if ! ${CC:-cc} -std=c11 -Wall -Wextra -Werror -I"$inc" -o "$exe" "$src" "$lib" 2>"$exe.err"; then
    echo "FAIL $name: does not compile"; cat "$exe.err"; failed=$((failed + 1)); continue
  fi
  if ! "$exe" >"$exe.actual" 2>&1; then
    echo "FAIL $name: exit status $?"; cat "$exe.actual"; failed=$((failed + 1)); continue
  fi
  if [ -f "$exe.out" ] && ! diff -u "$exe.out" "$exe.actual"; then
    echo "FAIL $name: output differs from the document"; failed=$((failed + 1)); continue
  fi
  echo "ok   $name"
done
echo "$n examples, $failed failed"
[ "$n" -gt 0 ] && [ "$failed" -eq 0 ]
