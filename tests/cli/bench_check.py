#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Messages per second of `sipmsg check` on one core (docs/performance.md,
"sipmsg check"). Not a test: the figure depends on the machine.

Writes a capture of COUNT UDP datagrams cycling through the bench mix
(../shared/corpus/bench/*.sip) with the project's pcap writer (bench_capture,
built from tests/cli/bench_capture.c), then runs `sipmsg check` on it RUNS
times with its report going to /dev/null, and takes the child's CPU time
(user + system, from getrusage) of each run. Prints each run and the median.

usage: bench_check.py SIPMSG BENCH_CAPTURE BENCH_DIR [--count N] [--runs N] [--json] [--strict] [--keep PATH]
   or: ninja -C BUILD bench-check
"""
import argparse
import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sipmsg")
    ap.add_argument("bench_capture")
    ap.add_argument("bench_dir")
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="measure check --json")
    ap.add_argument("--strict", action="store_true", help="measure check --strict")
    ap.add_argument("--keep", help="write the capture here and keep it")
    a = ap.parse_args()
    msgs = sorted(glob.glob(os.path.join(a.bench_dir, "*.sip")))
    if not msgs:
        print("SKIP: no bench messages in %s" % a.bench_dir)
        return 77
    tmp = tempfile.mkdtemp(prefix="sipmsg-bench-")
    cap = a.keep or os.path.join(tmp, "bench.pcap")
    subprocess.run([a.bench_capture, cap, str(a.count)] + msgs, check=True)
    args = [a.sipmsg, "check"] + (["--json"] if a.json else []) + (["--strict"] if a.strict else []) + [cap]
    # one run to warm the page cache, not counted
    subprocess.run(args, stdout=subprocess.DEVNULL, check=False)
    rates = []
    for i in range(a.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(args, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0:
            print("sipmsg check exited %d" % p.returncode)
            return 1
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        user = after.ru_utime - before.ru_utime
        rates.append(a.count / cpu)
        print("run %d: %.3f s CPU (%.3f user), %.0f messages/s" % (i + 1, cpu, user, a.count / cpu))
    size = os.path.getsize(cap)
    print("%d messages (%d bytes of capture, %d kinds), %s: median %.0f messages/s on one core (min %.0f, max %.0f)"
          % (a.count, size, len(msgs), " ".join(args[1:-1]), statistics.median(rates), min(rates), max(rates)))
    if not a.keep:
        os.remove(cap)
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
