#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""`sipmsg check` over every SIP message and bare SDP of the shared corpus,
held to the same verdicts as tests/corpus/corpus_runner.c:
  valid     lenient verdict OK or WARN (parses, no diagnostic that fails it:
            the errors of the RFC 3261 and SDP checks only WARN without
            --strict, as the runner counts them without judging) and a
            byte-exact round trip;
  invalid   FAIL in strict or in lenient mode, except the messages listed in
            tests/corpus/known-gaps.tsv, which must not be caught yet;
  tolerate  a verdict is printed (no crash).
A bare SDP (recognised by its leading v=) is held to the same: valid ones
OK or WARN and byte-exact, invalid ones FAIL in strict mode.
Bare-LF archive files are judged in their wire form (CRLF, header section
closed, Content-Length recomputed), as the runner does.

usage: test_cli_corpus.py SIPMSG CORPUS_DIR KNOWN_GAPS.tsv   (exit 77 without the corpus)
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def wire_form(data):
    crlf = re.sub(rb"(?<!\r)\n", b"\r\n", data)
    if b"\r\n\r\n" not in crlf:
        crlf += b"\r\n"
    head, _, body = crlf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    for i, line in enumerate(lines):
        m = re.match(rb"(?i)(content-length|l)([ \t]*:[ \t]*)\d+[ \t]*$", line)
        if m:
            lines[i] = m.group(1) + m.group(2) + str(len(body)).encode()
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def verdicts(sipmsg, paths, strict):
    args = [sipmsg, "check", "--json"] + (["--strict"] if strict else []) + ["--"] + paths
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    assert p.returncode in (0, 1), "exit %d: %s" % (p.returncode, p.stderr.decode())
    msgs = [o for o in map(json.loads, p.stdout.decode().splitlines()) if o["type"] == "message"]
    assert len(msgs) == len(paths), "%d results for %d files" % (len(msgs), len(paths))
    return {m["file"]: m for m in msgs}


def main():
    sipmsg, corpus, gaps_file = sys.argv[1:4]
    manifest = os.path.join(corpus, "MANIFEST.tsv")
    if not os.path.exists(manifest):
        print("SKIP: the shared corpus is absent (%s)" % corpus)
        return 77
    gaps = {line.split("\t")[0] for line in open(gaps_file) if line.strip() and not line.startswith("#")}
    rows = [line.rstrip("\n").split("\t") for line in open(manifest)][1:]
    rows = [r for r in rows if len(r) >= 4 and r[1] in ("sip", "sdp")]
    with tempfile.TemporaryDirectory(prefix="sipmsg-corpus-") as tmp:
        paths, expected = [], {}
        for i, (rel, kind, _, exp, *_) in enumerate(rows):
            path = os.path.join(corpus, rel)
            data = open(path, "rb").read()
            if kind == "sip" and b"\r" not in data:
                path = os.path.join(tmp, "%03d-%s" % (i, os.path.basename(rel)))
                open(path, "wb").write(wire_form(data))
            paths.append(path)
            expected[path] = (rel, kind, exp)
        lenient = verdicts(sipmsg, paths, False)
        strict = verdicts(sipmsg, paths, True)
    failures = []
    counts = {"valid": 0, "invalid": 0, "tolerate": 0}
    for path, (rel, kind, exp) in expected.items():
        counts[exp] += 1
        lv, sv = lenient[path], strict[path]
        if lv.get("input") != kind:
            failures.append("%s: read as %s, not %s" % (rel, lv.get("input"), kind))
            continue
        if exp == "valid":
            if lv["verdict"] == "fail" or lv["round_trip"] is not True:
                failures.append("%s: valid, but %s: %s" % (rel, lv["verdict"], lv["reason"]))
        elif exp == "invalid":
            caught = lv["verdict"] == "fail" or sv["verdict"] == "fail"
            if kind == "sdp" and sv["verdict"] != "fail":
                failures.append("%s: invalid SDP, but not failed in strict mode" % rel)
            elif caught and rel in gaps:
                failures.append("%s: now caught; remove it from known-gaps.tsv" % rel)
            elif not caught and rel not in gaps:
                failures.append("%s: invalid, but not failed" % rel)
    for f in failures:
        print("FAIL " + f)
    print("corpus through sipmsg check: %d valid, %d invalid, %d tolerate; %d failures" %
          (counts["valid"], counts["invalid"], counts["tolerate"], len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
