#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Real SIPp traffic through `sipmsg check`.

  test_sipp_capture.py SIPMSG --record docs/samples/record-sipp.sh
      records SIPp UAC <-> UAS calls over UDP, TCP and IPv6 on loopback with
      dumpcap (exit 77, a skip, when sipp or dumpcap is missing or capturing
      is not permitted), then checks the capture;
  test_sipp_capture.py SIPMSG --recorded docs/samples/sipp-loopback.pcap
      checks the capture committed in docs/samples.

Either way: 48 messages (8 calls of INVITE, 180, 200, ACK, BYE, 200), every
one round-tripped, over the transports and address families the script uses,
and exit status 0. Every message is OK except the SDP offers and answers over
IPv6: SIPp's built-in scenarios write the origin as "IN IP6 [::1]", and an
SDP address is never bracketed (RFC 8866 §5.2), so those 6 (INVITE and 200
of each IPv6 call) WARN with exactly that one diagnostic.
"""
import collections
import contextlib
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time

# Every build tree on the machine (other worktrees, CI jobs) records on the
# same ports; two recordings at once collide (a UAC finds its port taken, or
# one capture holds the other's calls). They take turns through this lock.
LOCK = "/tmp/sipmsg-sipp-loopback.lock"


@contextlib.contextmanager
def recording_turn(wait=240):
    with open(LOCK, "a") as f:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise AssertionError("another SIPp recording held %s for %d s" % (LOCK, wait))
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)

# UDP/IPv4 3 calls, TCP/IPv4 2, UDP/IPv6 2, TCP/IPv6 1 (see record-sipp.sh)
CALLS = {("udp", 4): 3, ("tcp", 4): 2, ("udp", 6): 2, ("tcp", 6): 1}
PER_CALL = collections.Counter({"INVITE": 1, "180": 1, "200": 2, "ACK": 1, "BYE": 1})


def check_capture(sipmsg, path, live=False):
    """live: a recording made just now on a possibly loaded machine, where
    SIPp may retransmit over UDP (a 200 OK sent again before the ACK came);
    such a capture may hold extra UDP messages, never fewer, and TCP counts
    stay exact. The committed sample is held to exact counts."""
    p = subprocess.run([sipmsg, "check", "--json", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    objs = [json.loads(line) for line in p.stdout.decode().splitlines()]
    msgs = [o for o in objs if o["type"] == "message"]
    notices = [o for o in objs if o["type"] == "notice"]
    def sipp_ipv6_origin(m):
        d = m["diagnostics"]
        return (":" in m["src"] and m["verdict"] == "warn" and len(d) == 1 and d[0]["code"] == "sdp-bad-address"
                and d[0]["header"] == "o" and d[0]["severity"] == "warning")
    warned = [m for m in msgs if sipp_ipv6_origin(m)]
    bad = [m for m in msgs if (m["verdict"] != "ok" and m not in warned) or m["round_trip"] is not True]
    assert p.returncode == 0, "exit %d: %s" % (p.returncode, p.stderr.decode())
    assert not bad, "not OK: %s" % bad[:3]
    assert not notices, "notices: %s" % notices
    total = sum(CALLS.values())
    per_path = collections.Counter((m["transport"], 6 if ":" in m["src"] else 4) for m in msgs)
    kinds = collections.Counter(m["start_line"].split()[1] if m["start_line"].startswith("SIP/2.0")
                                else m["start_line"].split()[0] for m in msgs)
    want_paths = collections.Counter({k: 6 * v for k, v in CALLS.items()})
    want_kinds = collections.Counter({k: v * total for k, v in PER_CALL.items()})
    ipv6_calls = sum(n for (_, v), n in CALLS.items() if v == 6)
    if live:
        for key, n in want_paths.items():
            if key[0] == "tcp":
                assert per_path[key] == n, per_path
            else:
                assert per_path[key] >= n, per_path
        assert all(kinds[k] >= n for k, n in want_kinds.items()), kinds
        assert len(warned) >= 2 * ipv6_calls, "%d IPv6 SDP warnings, want at least %d" % (len(warned), 2 * ipv6_calls)
    else:
        assert len(msgs) == 6 * total, "%d messages, want %d" % (len(msgs), 6 * total)
        assert per_path == want_paths, per_path
        assert kinds == want_kinds, kinds
        assert len(warned) == 2 * ipv6_calls, "%d IPv6 SDP warnings, want %d" % (len(warned), 2 * ipv6_calls)
    ok = len(msgs) - len(warned)
    summary = objs[-1]
    assert summary["type"] == "summary" and summary["ok"] == ok and summary["warnings"] == len(warned) \
        and summary["failed"] == 0, summary
    # and the text report says the same
    p = subprocess.run([sipmsg, "check", path], stdout=subprocess.PIPE, timeout=120)
    last = p.stdout.decode().splitlines()[-1]
    assert p.returncode == 0 and last.startswith("summary: %d messages, %d ok, %d warnings, 0 failed" %
                                                 (len(msgs), ok, len(warned))), last
    print("%s: %d messages, %d OK, %d WARN for SIPp's bracketed IPv6 SDP origin (%s)" % (
        path, len(msgs), ok, len(warned), ", ".join(
        "%s/IPv%d %d" % (t, v, n) for (t, v), n in sorted(per_path.items()))))


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("--record", "--recorded"):
        print(__doc__)
        return 2
    sipmsg, mode, arg = sys.argv[1:]
    if mode == "--recorded":
        check_capture(sipmsg, arg)
        return 0
    with tempfile.TemporaryDirectory(prefix="sipmsg-sipp-") as tmp:
        out = os.path.join(tmp, "sipp.pcap")
        # ports 15060-15099: an unusual range, to keep clear of real SIP services
        with recording_turn():
            p = subprocess.run(["bash", arg, out, "15060"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=300)
        log = p.stdout.decode()
        if p.returncode == 77:
            print(log.strip() or "SKIP: cannot record")
            return 77
        assert p.returncode == 0, "recording failed:\n" + log
        check_capture(sipmsg, out, live=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
