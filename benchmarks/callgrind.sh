#!/bin/sh
# Instructions per message, per phase and library, counted by callgrind
# (repeatable where wall-clock time is not).
#
#   benchmarks/callgrind.sh [-n N] [-o FILE.csv] [-f MSG:PHASE:LIB] BENCH [bench options]
#
# BENCH is the built sipmsg-bench; options after it go to the bench
# (--messages a,f --libs libsipmsg,Sofia-SIP ...). The bench runs each case
# once to warm up (lazy binding, first touch), then N times with collection
# on (CALLGRIND_TOGGLE_COLLECT around the loop only, so loading and setup are
# not counted), dumps the counts with a label, and the script divides by N
# and subtracts the harness's own per-iteration cost (an empty case measured
# the same way). -f prints callgrind_annotate's per-function breakdown of one
# case, e.g. -f a_invite:parse:libsipmsg (exclusive instructions, all N runs).
set -eu

n=200
csv=
focus=
while [ $# -gt 0 ]; do
	case "$1" in
	-n) n=$2; shift 2 ;;
	-o) csv=$2; shift 2 ;;
	-f) focus=$2; shift 2 ;;
	-h|--help) sed -n '2,16p' "$0"; exit 0 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { echo "usage: $0 [-n N] [-o FILE.csv] [-f MSG:PHASE:LIB] BENCH [bench options]" >&2; exit 2; }
bench=$1
shift
command -v valgrind >/dev/null || { echo "SKIP: valgrind not installed"; exit 77; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/sipmsg-callgrind.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

set +e
valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$dir/cg.out" \
	"$bench" --callgrind "$n" "$@" >"$dir/stdout" 2>"$dir/valgrind.log"
rc=$?
set -e
if [ $rc -eq 77 ]; then cat "$dir/stdout"; exit 77; fi
if [ $rc -ne 0 ]; then cat "$dir/stdout" "$dir/valgrind.log" >&2; exit $rc; fi

# Each dump: "desc: Trigger: Client Request: bench|MSG|PHASE|LIB|VARIANT|N|BYTES"
# and "summary: IR" (or "totals: IR").
i=1
while [ -f "$dir/cg.out.$i" ]; do
	f="$dir/cg.out.$i"
	i=$((i + 1))
	awk -v file="$f" '
		/^desc: Trigger: Client Request: bench\|/ { sub(/^desc: Trigger: Client Request: /, ""); label = $0 }
		/^(summary|totals): / { ir = $2 }
		END { if (label != "") printf "%s|%s|%s\n", label, ir, file }' "$f"
done >"$dir/dumps"

[ -s "$dir/dumps" ] || { echo "no callgrind dumps were written" >&2; cat "$dir/valgrind.log" >&2; exit 1; }

awk -F'|' -v csv="$csv" '
	{ ir[NR] = $8 / $6; msg[NR] = $2; ph[NR] = $3; lib[NR] = $4; var[NR] = $5; bytes[NR] = $7
	  if ($3 == "ref" && $5 == "harness") harness[$2] = $8 / $6 }
	END {
		printf "%-20s %-12s %-28s %12s %10s\n", "message", "phase", "library", "instr/msg", "instr/byte"
		if (csv != "") print "message,bytes,phase,library,variant,instructions" > csv
		for (i = 1; i <= NR; i++) {
			if (ph[i] == "ref" && var[i] == "harness") continue
			v = ir[i] - harness[msg[i]]
			name = lib[i]
			if (ph[i] == "ref") name = var[i]
			else if (var[i] != "") name = lib[i] " (" var[i] ")"
			printf "%-20s %-12s %-28s %12.0f %10.2f\n", msg[i], ph[i], name, v, (bytes[i] > 0 ? v / bytes[i] : 0)
			if (csv != "") printf "%s,%s,%s,%s,%s,%.0f\n", msg[i], bytes[i], ph[i], lib[i], var[i], v >> csv
		}
		printf "(harness cost per iteration, already subtracted: %.0f instructions)\n", harness[msg[1]]
	}' "$dir/dumps"

if [ -n "$focus" ]; then
	fmsg=${focus%%:*}
	rest=${focus#*:}
	fphase=${rest%%:*}
	flib=${rest#*:}
	file=$(awk -F'|' -v m="$fmsg" -v p="$fphase" -v l="$flib" \
		'$2 == m && $3 == p && $4 == l && $5 == "" { print $9; exit }' "$dir/dumps")
	if [ -z "$file" ]; then
		echo "no dump for $focus" >&2
		exit 1
	fi
	echo
	echo "== per-function instructions of $focus over $n runs (divide by $n for one message)"
	callgrind_annotate --inclusive=no --threshold=100 --auto=no "$file" | sed -n "/file:function/,\$p" |
		grep -v "(100.0%)" | head -30
fi
