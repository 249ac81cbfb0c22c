#!/bin/sh
# Regenerates the conformance report from a corpus run and compares it with
# docs/conformance.md. With --write, updates docs/conformance.md instead.
# Usage: check_conformance.sh [--write] RUNNER KNOWN-GAPS GENERATOR REPORT
set -eu
write=0
if [ "$1" = "--write" ]; then write=1; shift; fi
runner=$1 gaps=$2 gen=$3 report=$4
if [ -z "${SIPMSG_CORPUS:-}" ] || [ ! -d "$SIPMSG_CORPUS" ]; then
  echo "SKIP: the shared corpus is absent; the conformance report cannot be regenerated"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SIPMSG_CONFORMANCE=$tmp/verdicts.tsv "$runner" "$gaps" >"$tmp/runner.log" || { cat "$tmp/runner.log"; exit 1; }
/usr/bin/python3 "$gen" "$tmp/verdicts.tsv" "$SIPMSG_CORPUS/MANIFEST.tsv" "$tmp/conformance.md"
if [ $write = 1 ]; then
  cp "$tmp/conformance.md" "$report"
  echo "wrote $report"
  exit 0
fi
if ! diff -u "$report" "$tmp/conformance.md"; then
  echo "docs/conformance.md is out of date: run 'ninja -C <build> conformance' and commit it"
  exit 1
fi
echo "docs/conformance.md matches this build's corpus run"
