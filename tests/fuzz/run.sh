#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the fuzz targets with clang + libFuzzer + ASan + UBSan in their own
# build directory and fuzz each target, one after the other, for a bounded
# time. Exit 1 on any finding (crash, failed check, leak, timeout, OOM) and
# print where the reproducer was saved.
#
# usage: tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#   SECONDS_PER_TARGET  default 60; 0 only builds the targets
#   TARGET              default: every target in tests/fuzz/meson.build
#                       (capture and pcapng need libpcap: skipped, with a message, when
#                       the build could not make it)
# environment:
#   FUZZ_BUILD_DIR  build directory (default: <source>/build-libfuzzer)
#   FUZZ_JOBS       parallel libFuzzer jobs per target (default 1)
#   FUZZ_ARGS       extra libFuzzer arguments
#
# New inputs go to $FUZZ_BUILD_DIR/fuzz-corpus/<target>/ (the checked-in seeds
# are only read); reproducers to $FUZZ_BUILD_DIR/fuzz-artifacts/<target>/.
# Replay one with: $FUZZ_BUILD_DIR/tests/fuzz/fuzz_<target> FILE
set -eu

secs=${1:-60}
[ $# -gt 0 ] && shift
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$src/build-libfuzzer}
case $build in /*) ;; *) build=$(pwd)/$build ;; esac
jobs=${FUZZ_JOBS:-1}

if [ $# -gt 0 ]; then
	targets=$*
else
	targets=$(sed -n "/^fuzz_targets = \[/,/^\]/s/^ *'\([a-z_0-9]*\)',*$/\1/p" "$src/tests/fuzz/meson.build")
fi

if [ ! -f "$build/build.ninja" ]; then
	CC=${CC:-clang} meson setup "$build" "$src" \
		-Dfuzzing=enabled -Dfuzzing_engine=libfuzzer \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fno-sanitize-recover=all \
		-Dbuildtype=debugoptimized \
		-Dtests=disabled -Dbenchmarks=disabled -Dtools=auto \
		-Dpython=disabled -Djava=disabled -Dlua=disabled -Ddocs=disabled >/dev/null
fi
# A build directory set up before the capture target existed had the tools off.
if grep -q '^tools = disabled' "$build/meson-private/cmd_line.txt" 2>/dev/null; then
	meson configure "$build" -Dtools=auto >/dev/null
	ninja -C "$build" build.ninja >/dev/null # regenerate now: the target list below reads it
fi
# fuzz_capture and fuzz_pcapng are only defined when libpcap was found
# (tests/fuzz/meson.build).
built=""
for t in $targets; do
	if { [ "$t" = capture ] || [ "$t" = pcapng ]; } &&
		! ninja -C "$build" -t targets all 2>/dev/null | grep -q "^tests/fuzz/fuzz_$t:"; then
		echo "== fuzz_$t: skipped, not built (libpcap not found: install libpcap-dev, then reconfigure $build)"
		continue
	fi
	ninja -C "$build" "tests/fuzz/fuzz_$t" >/dev/null
	built="$built $t"
done
targets=$built
# 0 seconds: only build (CI builds every target once, then fuzzes two at a
# time without two ninja processes racing in one build directory).
if [ "$secs" = 0 ]; then
	echo "built:$built"
	exit 0
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=""
summary=""
for t in $targets; do
	work=$build/fuzz-corpus/$t
	art=$build/fuzz-artifacts/$t/
	mkdir -p "$work" "$art"
	dirs="$work $src/tests/fuzz/corpus/$t"
	[ -d "$src/tests/fuzz/regressions/$t" ] && dirs="$dirs $src/tests/fuzz/regressions/$t"
	log=$build/fuzz-$t.log
	echo "== fuzz_$t: ${secs}s"
	status=0
	t0=$(date +%s)
	# shellcheck disable=SC2086
	# -jobs makes libFuzzer restart after each finding and log to files:
	# only for FUZZ_JOBS > 1; one job stops at the first finding.
	par=""
	[ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
	(cd "$build" && exec "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		$par -print_final_stats=1 -artifact_prefix="$art" \
		${FUZZ_ARGS:-} $dirs) >"$log" 2>&1 || status=$?
	[ "$jobs" -gt 1 ] && cat "$build"/fuzz-*.log >>"$log" 2>/dev/null
	took=$(($(date +%s) - t0))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ "$status" -ne 0 ] || grep -q -E '^==[0-9]+==ERROR|runtime error|check failed' "$log"; then
		failed="$failed $t"
		echo "FAIL fuzz_$t (exit $status); log $log"
		grep -E 'check failed|ERROR|runtime error|Test unit written' "$log" | head -5
		summary="$summary
$t	FAIL	${took}s	${runs:-?} runs	${rate:-?} exec/s	$cov"
	else
		summary="$summary
$t	ok	${took}s	${runs:-?} runs	${rate:-?} exec/s	$cov"
	fi
done
echo "== summary (${secs}s per target)$summary"
if [ -n "$failed" ]; then
	echo "findings in:$failed"
	exit 1
fi
