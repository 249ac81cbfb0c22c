#!/bin/sh
# Runs a test under valgrind, following Criterion's worker processes, and
# fails when any process reported anything: valgrind's own exit code is lost
# when the error happens in a forked worker.
logdir=$(mktemp -d)
valgrind -q --trace-children=yes --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect --track-origins=yes --log-file="$logdir/vg.%p" "$@"
rc=$?
if cat "$logdir"/vg.* 2>/dev/null | grep -q .; then
  cat "$logdir"/vg.*
  echo "valgrind reported errors (above)"
  rc=1
fi
rm -rf "$logdir"
exit $rc
