#!/bin/bash
# SPDX-License-Identifier: MIT
# Records real SIP traffic on loopback: SIPp's built-in UAC calling its
# built-in UAS (INVITE, 180, 200, ACK, BYE, 200 per call), captured with
# dumpcap on `lo` in pcap format. This is how docs/samples/sipp-loopback.pcap
# was made, and tests/cli/test_sipp_capture.py runs it to record afresh.
#
#   usage: record-sipp.sh OUTPUT.pcap [BASE_PORT]
#
# Calls (6 messages each, 48 in all):
#   UDP over IPv4: 3   TCP over IPv4: 2   UDP over IPv6: 2   TCP over IPv6: 1
# Ports BASE_PORT .. BASE_PORT+39 (default 15060): UACs on BASE+0..3, UASes
# on BASE+10..13; the capture filter covers the whole range. At the end one
# non-SIP UDP datagram ("sipmsg-capture-end") marks that everything has been
# written, which also shows that non-SIP traffic is skipped.
#
# Exit status: 0 recorded; 77 sipp or dumpcap missing, or capturing not
# permitted (a test skips); 1 something failed (logs are printed).
set -u

out=${1:?usage: record-sipp.sh OUTPUT.pcap [BASE_PORT]}
base=${2:-15060}
for tool in sipp dumpcap; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed (Debian: sip-tester, wireshark-common)"
		exit 77
	fi
done

work=$(mktemp -d)
pids=()
cleanup() {
	# Only the processes this script started, by PID.
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT

# Is something bound to this port (TCP listening, UDP bound), IPv4 or IPv6?
port_ready() {
	local hex
	hex=$(printf '%04X' "$1")
	grep -Eq ":$hex [0-9A-F]+:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null ||
		grep -Eq ":$hex [0-9A-F]+:0000 07" /proc/net/udp /proc/net/udp6 2>/dev/null
}

wait_for() { # wait_for DESCRIPTION COMMAND...: poll up to 10 s
	local what=$1
	shift
	for _ in $(seq 200); do
		"$@" && return 0
		sleep 0.05
	done
	echo "FAIL: $what" >&2
	return 1
}

# 1. Start the capture and wait until dumpcap says it is capturing.
raw="$work/capture.pcap"
dumpcap -i lo -f "udp portrange $base-$((base + 39)) or tcp portrange $base-$((base + 39))" \
	-P -w "$raw" -q 2>"$work/dumpcap.log" &
dumpcap_pid=$!
pids+=("$dumpcap_pid")
capturing() {
	grep -q "Capturing on" "$work/dumpcap.log" && return 0
	if ! kill -0 "$dumpcap_pid" 2>/dev/null; then
		echo "SKIP: dumpcap cannot capture on lo here: $(tr '\n' ' ' <"$work/dumpcap.log")"
		exit 77
	fi
	return 1
}
wait_for "dumpcap did not start capturing" capturing || exit 1

# 2. Calls: run_calls LABEL TRANSPORT_FLAG LOCAL_IP REMOTE_HOST UAC_PORT UAS_PORT CALLS
run_calls() {
	local label=$1 tflag=$2 ip=$3 host=$4 uac_port=$5 uas_port=$6 calls=$7
	sipp -sn uas -i "$ip" -p "$uas_port" $tflag -m "$calls" -nostdin >"$work/uas-$label.log" 2>&1 &
	local uas_pid=$!
	pids+=("$uas_pid")
	wait_for "the $label UAS did not bind port $uas_port" port_ready "$uas_port" || return 1
	if ! timeout 60 sipp -sn uac "$host:$uas_port" -i "$ip" -p "$uac_port" $tflag -m "$calls" -r 10 -d 100 \
		-nostdin >"$work/uac-$label.log" 2>&1; then
		echo "FAIL: the $label UAC did not complete its $calls calls" >&2
		tail -30 "$work/uac-$label.log" >&2
		return 1
	fi
	# Every message has been exchanged once the UAC is done; the UAS would
	# linger for retransmission timers (and, over TCP, count the closed
	# connection as a failed call), so it is stopped here.
	kill "$uas_pid" 2>/dev/null
	wait "$uas_pid" 2>/dev/null
	return 0
}
run_calls udp4 "" 127.0.0.1 127.0.0.1 "$base" $((base + 10)) 3 || exit 1
run_calls tcp4 "-t t1" 127.0.0.1 127.0.0.1 $((base + 1)) $((base + 11)) 2 || exit 1
run_calls udp6 "" ::1 "[::1]" $((base + 2)) $((base + 12)) 2 || exit 1
run_calls tcp6 "-t t1" ::1 "[::1]" $((base + 3)) $((base + 13)) 1 || exit 1

# 3. Mark the end and wait until dumpcap has written the marker, then stop it.
marker_written() {
	printf 'sipmsg-capture-end' >"/dev/udp/127.0.0.1/$((base + 39))" 2>/dev/null
	sleep 0.1
	grep -aq 'sipmsg-capture-end' "$raw" 2>/dev/null
}
wait_for "dumpcap did not write the end marker" marker_written || exit 1
kill -INT "$dumpcap_pid"
wait "$dumpcap_pid"
cp "$raw" "$out" && chmod 644 "$out"
echo "recorded $out"
