#!/bin/sh
# SPDX-License-Identifier: MIT
# meson test wrapper: run a test under valgrind memcheck, following the
# worker processes Criterion starts for each test (--trace-children=yes:
# without it only the runner is checked and the test code never is). The
# workers' exit codes do not reach the runner, so every process writes its
# own log and this script fails when any log reports an error or a leak.
#
# Use: meson test -C build --setup valgrind --suite unit
set -u
logs=$(mktemp -d "${TMPDIR:-/tmp}/sipmsg-vg.XXXXXX")
valgrind --quiet --trace-children=yes --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --track-origins=yes \
	--log-file="$logs/vg.%p.log" "$@"
status=$?
bad=0
for f in "$logs"/vg.*.log; do
	[ -s "$f" ] || continue
	# memcheck prints nothing with --quiet unless something is wrong
	echo "== valgrind: $f" >&2
	cat "$f" >&2
	bad=1
done
rm -rf "$logs"
if [ "$bad" -ne 0 ]; then
	echo "valgrind found errors (logs above)" >&2
	exit 1
fi
exit $status
