#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Markdown tables for docs/performance.md from the two CSVs the bench writes.

    sipmsg-bench --reps 21 --csv docs/performance.csv
    benchmarks/callgrind.sh -o docs/performance-callgrind.csv BENCH
    python3 benchmarks/report.py docs/performance.csv docs/performance-callgrind.csv [a_invite f_webrtc_invite]

One table per message: every (phase, library) row with ns/message, MB/s,
allocations/message, instructions/message, and the ratios to the fastest
peer (by instructions, the repeatable figure) and to the memchr floor and
memcpy (by time, as DESIGN.md states them). Standard library only.
"""
import csv
import sys

PHASES = ["frame", "parse", "typed-read", "sdp-parse", "sdp-write", "write", "edit-write", "build-write"]
PEERS = {"oSIP", "Sofia-SIP", "libre"}


def name(lib, variant):
    return lib + (" (%s)" % variant if variant else "")


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], newline="") as f:
        timing = list(csv.DictReader(f))
    with open(argv[2], newline="") as f:
        instr = list(csv.DictReader(f))
    messages = argv[3:] or ["a_invite", "f_webrtc_invite"]
    ir = {(r["message"], r["phase"], r["library"], r["variant"]): float(r["instructions"]) for r in instr}
    for msg in messages:
        rows = [r for r in timing if r["message"] == msg]
        if not rows:
            continue
        ref = {r["variant"]: float(r["ns"]) for r in rows if r["phase"] == "ref"}
        ref_ir = {k[3]: v for k, v in ir.items() if k[0] == msg and k[1] == "ref"}
        floor, copy = ref.get("memchr per line", 0), ref.get("memcpy", 0)
        print("#### %s (%s bytes)\n" % (msg, rows[0]["bytes"]))
        print("memchr per line: %.0f ns, %.0f instructions; memcpy: %.0f ns, %.0f instructions\n"
              % (floor, ref_ir.get("memchr per line", 0), copy, ref_ir.get("memcpy", 0)))
        print("| phase | library | ns/msg | MB/s | allocs/msg | instr/msg | x fastest peer (instr) "
              "| x memchr (ns) | x memcpy (ns) |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for ph in PHASES:
            prow = [r for r in rows if r["phase"] == ph]
            peer_ir = [ir[(msg, ph, r["library"], r["variant"])] for r in prow
                       if r["library"] in PEERS and (msg, ph, r["library"], r["variant"]) in ir]
            best = min(peer_ir) if peer_ir else None
            for r in prow:
                n = ir.get((msg, ph, r["library"], r["variant"]))
                ns = float(r["ns"])
                print("| %s | %s | %.0f | %.0f | %.2f | %s | %s | %s | %s |" % (
                    ph, name(r["library"], r["variant"]), ns, float(r["mbps"]), float(r["allocs"]),
                    "%.0f" % n if n is not None else "-",
                    "%.3f" % (n / best) if n is not None and best else "-",
                    "%.2f" % (ns / floor) if floor else "-",
                    "%.2f" % (ns / copy) if copy else "-"))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
