#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The Python package's costs, per operation, on the benchmark messages.

    PYTHONPATH=build/python python3 benchmarks/bench_python.py [--corpus DIR] [--reps N] [--iterations N]

Cases (messages from ../shared/corpus/bench, read in place):
  parse(a)+call_id+cseq  sipmsg.parse() of (a), then msg.call_id and msg.cseq
                         (DESIGN.md's target: under 3 microseconds)
  parse(a)               sipmsg.parse() alone
  parse(a)+sdp           parse, then msg.sdp.media[0] port and codecs
  build+write INVITE     DESIGN.md's INVITE with an SDP offer built from
                         objects (Sdp, Origin, Connection, Media, Request),
                         then bytes(req)
  write(a)               bytes() of an untouched parsed (a)
  parse(f)               sipmsg.parse() of (f), the 3979-byte WebRTC INVITE
  parse_sdp(f body)      sipmsg.parse_sdp() of (f)'s body

Each case runs batches of a calibrated size (about --batch-ms each; a fixed
size with --iterations) and prints the median of --reps batches, in
nanoseconds per operation. Nothing is asserted: timings belong in
docs/performance.md, never in tests (the bench-smoke suite runs this once
with --iterations 1 to keep it working).
"""

import argparse
import gc
import os
import statistics
import sys
import time

import sipmsg

TARGET_NS = 3000


def _corpus_default():
    env = os.environ.get("SIPMSG_BENCH_CORPUS")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "shared", "corpus", "bench")


def _read(corpus, prefix):
    for name in sorted(os.listdir(corpus)):
        if name.startswith(prefix) and name.endswith(".sip"):
            with open(os.path.join(corpus, name), "rb") as f:
                return name, f.read()
    raise SystemExit(f"bench_python: no {prefix}*.sip in {corpus}")


def _build_invite():
    sdp = sipmsg.Sdp(
        origin=sipmsg.Origin(username="alice", session_id=2890844526, session_version=1, address="198.51.100.1"),
        session_name="call",
        connection=sipmsg.Connection(address="198.51.100.1"),
        media=[sipmsg.Media("audio", 49170, "RTP/AVP", [0, 8, 101],
                            attributes=[("rtpmap", "0 PCMU/8000"), ("rtpmap", "8 PCMA/8000"),
                                        ("rtpmap", "101 telephone-event/8000"), ("fmtp", "101 0-16"),
                                        ("sendrecv", None)])])
    req = sipmsg.Request("INVITE", "sip:bob@example.com",
                         headers=[("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds"),
                                  ("Max-Forwards", "70"),
                                  ("From", '"Alice" <sip:alice@example.com>;tag=1928301774'),
                                  ("To", "<sip:bob@example.com>"),
                                  ("Call-ID", "a84b4c76e66710@192.0.2.1"),
                                  ("CSeq", "314159 INVITE"),
                                  ("Contact", "<sip:alice@192.0.2.1>")],
                         body=sdp)
    return bytes(req)


def _cases(a, f):
    parse = sipmsg.parse
    f_body = parse(f).body
    a_msg = parse(a)

    def parse_read(n):
        for _ in range(n):
            m = parse(a)
            m.call_id
            m.cseq

    def parse_a(n):
        for _ in range(n):
            parse(a)

    def parse_sdp_read(n):
        for _ in range(n):
            s = parse(a).sdp
            assert s is not None
            audio = s.media[0]
            audio.port
            audio.codecs

    def build_write(n):
        for _ in range(n):
            _build_invite()

    def write_a(n):
        for _ in range(n):
            bytes(a_msg)

    def parse_f(n):
        for _ in range(n):
            parse(f)

    def parse_sdp_f(n):
        for _ in range(n):
            sipmsg.parse_sdp(f_body)

    return [("parse(a)+call_id+cseq", parse_read), ("parse(a)", parse_a), ("parse(a)+sdp", parse_sdp_read),
            ("build+write INVITE", build_write), ("write(a)", write_a), ("parse(f)", parse_f),
            ("parse_sdp(f body)", parse_sdp_f)]


def _batch_ns(fn, n):
    t0 = time.perf_counter_ns()
    fn(n)
    return (time.perf_counter_ns() - t0) / n


def _measure(fn, reps, iterations, batch_ms):
    if iterations:
        n = iterations
    else:
        n = 1
        while True:  # calibrate: grow the batch until it lasts batch_ms
            t0 = time.perf_counter_ns()
            fn(n)
            if time.perf_counter_ns() - t0 >= batch_ms * 1e6 or n >= 1 << 24:
                break
            n *= 2
    gc.disable()
    try:
        return statistics.median(_batch_ns(fn, n) for _ in range(reps)), n
    finally:
        gc.enable()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=_corpus_default(), help="the benchmark messages (*.sip)")
    ap.add_argument("--reps", type=int, default=11, help="batches per case; the median is printed")
    ap.add_argument("--iterations", type=int, default=0, help="fixed operations per batch (1: a smoke run)")
    ap.add_argument("--batch-ms", type=float, default=100.0, help="calibrated batch length")
    args = ap.parse_args(argv)

    if not os.path.isdir(args.corpus):
        # as sipmsg-bench: the corpus is shared test data, absent on some machines
        print(f"SKIP: no benchmark messages in {args.corpus}; set --corpus or SIPMSG_BENCH_CORPUS")
        return 77
    a_name, a = _read(args.corpus, "a")
    f_name, f = _read(args.corpus, "f")
    # the cases must do what they claim before they are timed
    m = sipmsg.parse(a)
    assert m.call_id and m.cseq.number >= 0 and bytes(m) == a
    assert sipmsg.parse(_build_invite()).sdp is not None
    print(f"sipmsg {sipmsg.__version__}, Python {sys.version.split()[0]}; (a) {a_name} {len(a)} bytes, "
          f"(f) {f_name} {len(f)} bytes; median of {args.reps} batches")
    print(f"{'case':<24} {'ns/op':>10} {'ops/s':>12} {'batch':>9}")
    results = {}
    for name, fn in _cases(a, f):
        ns, n = _measure(fn, args.reps, args.iterations, args.batch_ms)
        results[name] = ns
        print(f"{name:<24} {ns:>10.0f} {1e9 / ns:>12.0f} {n:>9}")
    ns = results["parse(a)+call_id+cseq"]
    verdict = "met" if ns < TARGET_NS else "missed"
    print(f"target: parse(a) + call_id + cseq under {TARGET_NS / 1000:.0f} us: {ns / 1000:.2f} us, {verdict}"
          + (" (one-iteration smoke run: not a measurement)" if args.iterations == 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
