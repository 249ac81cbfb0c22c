#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""`sipmsg parse` and `sipmsg build`:
  - every message and bare SDP of the shared corpus (read in place) parses to
    a document that matches the schema of docs/json.md (json_schema.py);
  - parse | build gives bytes that parse equal to the original (same start
    line, headers with the same typed views, same body; same SDP lines), and
    the very same bytes when the original was canonical;
  - the corpus's bare SDPs are detected by their first line, and --sdp gives
    the same document;
  - malformed JSON into build: a clear error with line and column, exit 2;
  - parse of input that does not parse, --strict, help and usage errors.
Standard library only.

usage: test_cli_json.py SIPMSG CORPUS_DIR HDR_H SDP_H
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import json_schema  # noqa: E402
import runner  # noqa: E402

SIPMSG = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="sipmsg-json-")


def run(*args, stdin=None):
    p = subprocess.run([SIPMSG, *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def parse(path_or_dash, *opts, stdin=None):
    rc, out, err = run("parse", *opts, path_or_dash, stdin=stdin)
    assert rc in (0, 1), "parse exit %d: %s" % (rc, err)
    doc = json.loads(out)
    json_schema.check_document(doc)
    assert (rc == 1) == (doc["type"] == "error") or "--strict" in opts, (rc, doc["type"], err)
    return doc


def build(doc):
    rc, out, err = run("build", "-", stdin=json.dumps(doc).encode())
    return rc, out, err


# ---- what "parses equal" compares --------------------------------------------

def strip_positions(v):
    """Everything but where and how things were written: offsets, line
    numbers, lengths, and whether a value was folded over lines (build
    writes it on one line when the fold came before the value)."""
    if isinstance(v, dict):
        return {k: strip_positions(x) for k, x in v.items()
                if k not in ("offset", "line", "length", "trailing", "folded")}
    if isinstance(v, list):
        return [strip_positions(x) for x in v]
    return v


def sip_essence(d):
    keys = ("type", "method", "uri", "version", "status", "reason", "uri_typed", "headers", "body")
    return strip_positions({k: d.get(k) for k in keys})


def sdp_essence(d):
    return strip_positions({k: d[k] for k in ("session", "media")})


# ---- what "canonical" means, independently of the tool -------------------------

HEADER_LINE = re.compile(rb"[^\s:]+: (?:\S(?:[^\r\n]*\S)?)?")


def canonical_sip(data, doc):
    """One CRLF per line, single spaces in the start line, "Name: value" with
    nothing around the value, no folding, nothing before or after the message."""
    head, sep, _ = data.partition(b"\r\n\r\n")
    if not sep or doc["trailing"] or doc["length"] != len(data):
        return False
    lines = head.split(b"\r\n")
    if any(b"\r" in l or b"\n" in l for l in lines):
        return False
    if doc["type"] == "request":
        start_ok = re.fullmatch(rb"\S+ \S+ \S+", lines[0])
    else:
        start_ok = re.fullmatch(rb"\S+ \d{3} (?:[^\r\n]*)", lines[0])
    return bool(start_ok) and all(HEADER_LINE.fullmatch(l) for l in lines[1:])


def canonical_sdp(data):
    eol = b"\r\n" if b"\r\n" in data else b"\n"
    if not data.endswith(eol):
        return False
    if eol == b"\r\n":
        return data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r")
    return b"\r" not in data


# ---- tests ---------------------------------------------------------------------

def corpus_rows(corpus):
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "MANIFEST.tsv"))][1:]
    return [(r[0], r[1], r[3]) for r in rows if len(r) >= 4]


def test_corpus_round_trip(corpus):
    counts = {"documents": 0, "errors": 0, "identical": 0, "canonical": 0, "equal": 0, "sdp": 0}
    failures = []
    for rel, kind, _ in corpus_rows(corpus):
        path = os.path.join(corpus, rel)
        data = open(path, "rb").read()
        try:
            doc = parse(path)
            counts["documents"] += 1
            if doc["type"] == "error":
                counts["errors"] += 1
                rc, _, err = build(doc)
                assert rc == 2 and "nothing to build" in err, (rc, err)
                continue
            assert (doc["type"] == "sdp") == (kind == "sdp"), "%s detected as %s" % (kind, doc["type"])
            rc, out, err = build(doc)
            assert rc == 0, "build exit %d: %s" % (rc, err)
            again = parse(write("again", out), *(["--sdp"] if kind == "sdp" else []))
            if kind == "sdp":
                counts["sdp"] += 1
                assert sdp_essence(again) == sdp_essence(doc), "the built SDP parses differently"
                canonical = canonical_sdp(data)
            else:
                assert sip_essence(again) == sip_essence(doc), "the built message parses differently"
                views = ("sdp", "multipart")  # the same body gives the same SDP and parts
                assert strip_positions({k: again.get(k) for k in views}) == \
                    strip_positions({k: doc.get(k) for k in views}), "the body's views differ"
                canonical = canonical_sip(data, doc)
            counts["equal"] += 1
            counts["canonical"] += canonical
            if out == data:
                counts["identical"] += 1
            elif canonical:
                i = next((k for k in range(min(len(out), len(data))) if out[k] != data[k]), min(len(out), len(data)))
                raise AssertionError("canonical input, but the built bytes differ at byte %d" % i)
        except Exception as e:
            failures.append("%s: %s: %s" % (rel, type(e).__name__, e))
    for f in failures[:20]:
        print("  " + f)
    print("  corpus: %(documents)d documents (%(errors)d inputs that do not parse), %(equal)d rebuilt and "
          "parsed equal (%(sdp)d bare SDPs), %(canonical)d canonical, %(identical)d byte-identical" % counts)
    assert not failures, "%d corpus entries failed" % len(failures)
    assert counts["canonical"] > 100 and counts["identical"] >= counts["canonical"], counts


def test_bare_sdp_detected_and_forced(corpus):
    n = 0
    for rel, kind, _ in corpus_rows(corpus):
        if kind != "sdp":
            continue
        path = os.path.join(corpus, rel)
        detected, forced = parse(path), parse(path, "--sdp")
        assert detected["type"] == "sdp" and detected == forced, rel
        n += 1
    assert n >= 30, n
    # --sdp reads anything as SDP: a SIP message is then a (bad) description
    sip = os.path.join(corpus, "bench", "a_invite.sip")
    assert parse(sip)["type"] == "request"
    forced = parse(sip, "--sdp")
    assert forced["type"] in ("sdp", "error"), forced["type"]


def test_typed_views_and_body(corpus):
    d = parse(os.path.join(corpus, "bench", "a_invite.sip"))
    by_name = {h["name"]: h for h in d["headers"]}
    via = d["headers"][0]
    assert via["id"] == "Via" and via["kind"] == "via" and isinstance(via["typed"], list)
    assert via["typed"][0]["branch"].startswith("z9hG4bK") and via["typed"][0]["params"][0]["name"] == "branch"
    cseq = by_name["CSeq"]["typed"]
    assert cseq["method"] == d["method"] and isinstance(cseq["number"], int)
    frm = by_name["From"]["typed"]
    assert frm["uri"]["scheme"] == "sip" and frm["tag"] and frm["uri"]["host"]
    assert d["uri_typed"]["raw"] == d["uri"]
    assert d["body"]["encoding"] == "text" and d["body"]["length"] == len(d["body"]["content"].encode())
    sdp = d["sdp"]
    assert sdp["parsed"] and sdp["session"]["lines"][0]["raw"] == "v=0" and sdp["media"]
    m = sdp["media"][0]["lines"][0]
    assert m["type"] == "m" and m["typed"]["media"] == "audio" and m["typed"]["formats"]
    rtpmaps = [l for l in sdp["media"][0]["lines"] if l.get("name") == "rtpmap"]
    assert rtpmaps and all(isinstance(l["typed"]["payload_type"], int) for l in rtpmaps)
    assert rtpmaps[0]["typed"]["clock_rate"] == 8000
    # an rtpmap without a clock rate: null, as every absent number
    sdp_text = open(os.path.join(corpus, "bench", "a_invite.sip"), "rb").read().replace(
        b"a=rtpmap:0 PCMU/8000", b"a=rtpmap:0 PCMU").replace(b"Content-Length: 412", b"Content-Length: 407")
    d2 = parse(write("noclock.sip", sdp_text))
    first = [l for l in d2["sdp"]["media"][0]["lines"] if l.get("name") == "rtpmap"][0]
    assert first["typed"]["clock_rate"] is None, first
    # a body that is not UTF-8 goes in base64, and a header value too
    msg = (b"MESSAGE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
           b"To: <sip:b@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\n"
           b"Subject: caf\xe9\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n\r\n\x00\xff\x10\x80")
    d = parse(write("bin.sip", msg))
    assert d["body"] == {"length": 4, "encoding": "base64", "content": base64.b64encode(b"\x00\xff\x10\x80").decode()}
    subj = [h for h in d["headers"] if h["name"] == "Subject"][0]
    assert base64.b64decode(subj["value_base64"]) == b"caf\xe9", subj
    rc, out, err = build(d)
    assert rc == 0 and out == msg, (rc, err)


def test_multipart_sdp_part(corpus):
    sdp = open(os.path.join(corpus, "bench", "a_invite.sip"), "rb").read().partition(b"\r\n\r\n")[2]
    body = (b"--xyz\r\nContent-Type: application/sdp\r\n\r\n" + sdp +
            b"\r\n--xyz\r\nContent-Type: text/plain\r\n\r\nhi\r\n--xyz--\r\n")
    msg = (b"INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
           b"To: <sip:b@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"
           b"Contact: <sip:a@192.0.2.1>\r\nContent-Type: multipart/mixed;boundary=xyz\r\n"
           b"Content-Length: %d\r\n\r\n" % len(body)) + body
    d = parse(write("multi.sip", msg))
    mp = d["multipart"]
    assert "sdp" not in d and mp["parsed"] and mp["boundary"] == "xyz" and len(mp["parts"]) == 2, mp
    part = mp["parts"][0]
    assert part["content_type"] == "application/sdp" and part["sdp"]["parsed"], part
    assert part["sdp"]["media"][0]["lines"][0]["typed"]["media"] == "audio"
    assert "sdp" not in mp["parts"][1] and mp["parts"][1]["body"]["content"] == "hi"
    rc, out, _ = build(d)
    assert rc == 0 and out == msg


def test_ims_and_priority_views():
    """Session-ID, Resource-Priority, P-Charging-Vector, P-Access-Network-Info
    (RFC 7989, RFC 4412, RFC 7315) print their typed views, and build writes
    them back."""
    data = (b"OPTIONS sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
            b"To: <sip:b@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
            b"Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2\r\n"
            b"Resource-Priority: wps.2, dsn.flash\r\n"
            b"P-Charging-Vector: icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net;"
            b"transit-ioi=\"opA.1, void.2\"\r\n"
            b"P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=23456789ABCDE; network-provided\r\n"
            b"Content-Length: 0\r\n\r\n")
    d = parse(write("ims.sip", data))
    by_name = {h["name"]: h for h in d["headers"]}
    sid = by_name["Session-ID"]
    assert sid["kind"] == "session-id" and sid["typed"]["local_uuid"] == "ab30317f1a784dc48ff824d0d3715d86", sid
    assert sid["typed"]["remote_uuid"] == "47755a9de7794ba387653f2099600ef2", sid
    rp = by_name["Resource-Priority"]["typed"]
    assert [(v["namespace"], v["priority"]) for v in rp] == [("wps", "2"), ("dsn", "flash")], rp
    cv = by_name["P-Charging-Vector"]["typed"]
    assert (cv["icid"], cv["icid_generated_at"], cv["orig_ioi"], cv["term_ioi"]) == (
        "1234bc9876e", "192.0.6.8", "home1.net", None), cv
    assert cv["transit_ioi"] == "opA.1, void.2" and cv["transit_iois"] == ["opA.1", "void.2"], cv
    pani = by_name["P-Access-Network-Info"]["typed"]
    assert pani[0]["access_type"] == "3GPP-UTRAN-TDD" and pani[0]["network_provided"] is True, pani
    assert pani[0]["params"][0] == {"name": "utran-cell-id-3gpp", "value": "23456789ABCDE", "quoted": False}
    rc, out, err = build(d)
    assert rc == 0 and out == data, (rc, out, err)


def test_parse_failures_and_strict():
    bad = write("bad.sip", b"SIP/2.0 4294967301 nope\r\nContent-Length: 0\r\n\r\n")
    rc, out, err = run("parse", bad)
    d = json.loads(out)
    json_schema.check_document(d)
    assert rc == 1 and d["type"] == "error" and d["input"] == "sip", d
    assert d["diagnostics"][0]["code"] == "bad-status-code" and d["diagnostics"][0]["column"] == 9, d
    assert bad in err and "line 1, column 9" in err, err
    # lenient parse of a bare-LF message: exit 0 with a warning; strict: exit 1
    lf = write("lf.sip", b"OPTIONS sip:b@example.com SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n"
                         b"Max-Forwards: 70\nTo: <sip:b@example.com>\nFrom: <sip:a@example.com>;tag=1\n"
                         b"Call-ID: c1\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n")
    d = parse(lf)
    assert d["type"] == "request" and d["diagnostics"][0]["code"] == "bare-lf", d["diagnostics"]
    rc, out, _ = run("parse", "--strict", lf)
    assert rc == 1 and json.loads(out)["type"] == "error"
    # strict, parsed, but an RFC 3261 error: exit 1 with the whole document
    no_to = write("noto.sip", b"OPTIONS sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                              b"Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c1\r\n"
                              b"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
    assert run("parse", no_to)[0] == 0
    rc, out, _ = run("parse", "--strict", no_to)
    d = json.loads(out)
    assert rc == 1 and d["type"] == "request" and any(x["code"] == "missing-header" for x in d["diagnostics"])
    # strict counts the errors of an SDP inside a multipart part too
    sdp = b"v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n"
    body = b"--b\r\nContent-Type: application/sdp\r\n\r\n" + sdp + b"\r\n--b--\r\n"
    multi = write("multi-bad.sip", open(no_to, "rb").read().replace(b"CSeq: 1 OPTIONS\r\n", b"CSeq: 1 OPTIONS\r\nTo: <sip:b@example.com>\r\n")
                  .replace(b"Content-Length: 0\r\n\r\n", b"Content-Type: multipart/mixed;boundary=b\r\n"
                           b"Content-Length: %d\r\n\r\n" % len(body)) + body)
    d = parse(multi)
    part = d["multipart"]["parts"][0]["sdp"]
    assert [x["code"] for x in part["diagnostics"]] == ["sdp-bad-port"], part["diagnostics"]
    assert not [x for x in d["diagnostics"] if x["severity"] == "error"], d["diagnostics"]
    assert run("parse", multi)[0] == 0 and run("parse", "--strict", multi)[0] == 1
    # standard input, and --compact prints one line
    rc, out, _ = run("parse", "--compact", "-", stdin=open(no_to, "rb").read())
    assert rc == 0 and out.count(b"\n") == 1 and out.endswith(b"\n") and json.loads(out)["type"] == "request"


MALFORMED = [
    # (JSON text, line, column, what the message says)
    (b"", 1, 1, "expected a value"),
    (b"{\"type\": \"request\",}", 1, 20, "trailing comma"),
    (b"{\"type\": 'request'}", 1, 10, "expected a value"),
    (b"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"),
    (b"[1, 2", 1, 1, "unterminated array"),
    (b"{\n  \"a\": 01\n}", 2, 9, "leading zeros"),
    (b"{\"a\": \"x\ny\"}", 1, 9, "control character"),
    (b"{\"a\": \"\\x\"}", 1, 8, "invalid escape"),
    (b"{\"a\": \"\\ud800\"}", 1, 8, "surrogate"),
    (b"{\"a\": \"\xff\"}", 1, 8, "invalid UTF-8"),
    (b"{\"a\": 1, \"a\": 2}", 1, 10, "duplicate member name"),
    (b"{\"a\": tru}", 1, 7, "expected true"),
    (b"{} {}", 1, 4, "after the JSON value"),
    (b"\xef\xbb\xbf{}", 1, 1, "byte order mark"),
    (b"[" * 65 + b"]" * 65, 1, 65, "nesting deeper than 64"),
    (b"{\"a\": -}", 1, 8, "a digit must follow '-'"),
    (b"{\"a\": 1.}", 1, 9, "a digit must follow '.'"),
    (b"{\"a\": NaN}", 1, 7, "expected a value"),
]


def test_build_rejects_malformed_json():
    for text, line, col, what in MALFORMED:
        rc, out, err = run("build", "-", stdin=text)
        assert rc == 2 and out == b"", (text, rc, out)
        assert "malformed JSON at line %d, column %d" % (line, col) in err and what in err, (text, err)
    # well formed, but not a message: the member and where it is
    for text, what in [(b"[]", "expected an object"),
                       (b"{\"type\": \"request\"}", "the member \"method\" is missing"),
                       (b"{\"type\": \"fax\"}", "expected \"request\", \"response\" or \"sdp\""),
                       (b"{\"type\": \"response\", \"version\": \"SIP/2.0\", \"status\": 2000, \"reason\": \"x\","
                        b" \"headers\": []}", "status: expected an integer from 0 to 999"),
                       (b"{\"type\": \"request\", \"method\": \"A B\", \"uri\": \"sip:x\", \"version\": \"SIP/2.0\","
                        b" \"headers\": []}", "method: must not contain whitespace"),
                       (b"{\"type\": \"request\", \"method\": \"OPTIONS\", \"uri\": \"sip:x\", \"version\": \"SIP/2.0\","
                        b" \"headers\": [{\"name\": \"X\", \"value\": \"a\\r\\nB: c\"}]}",
                        "headers[0].value: a line break not followed by a space or tab"),
                       (b"{\"type\": \"request\", \"method\": \"OPTIONS\", \"uri\": \"sip:x\", \"version\": \"SIP/2.0\","
                        b" \"headers\": [{\"name\": 7, \"value\": \"a\"}]}",
                        "headers[0].name: expected a string, found a number"),
                       (b"{\"type\": \"request\", \"method\": \"OPTIONS\", \"uri\": \"sip:x\", \"version\": \"SIP/2.0\","
                        b" \"headers\": [], \"body\": {\"encoding\": \"base64\", \"content\": \"abc\"}}",
                        "body.content: not base64")]:
        rc, out, err = run("build", "-", stdin=text)
        assert rc == 2 and out == b"" and what in err and "(line 1, column" in err, (text, rc, err)
    # built, but the bytes do not parse back: written anyway, exit 1
    rc, out, err = run("build", "-", stdin=b"{\"type\": \"request\", \"method\": \"OPTIONS\", \"uri\": \"sip:x\","
                                           b" \"version\": \"SIP/2.0\", \"headers\": [{\"name\": \"CSeq\","
                                           b" \"value\": \"x\"}]}")
    assert rc == 1 and out.startswith(b"OPTIONS sip:x SIP/2.0\r\nCSeq: x\r\n") and "does not parse" in err, (rc, err)


def test_build_from_scratch_and_edit():
    """The documented minimal input, and an edit of a parsed message."""
    doc = {"type": "response", "version": "SIP/2.0", "status": 180, "reason": "Ringing",
           "headers": [{"name": "Call-ID", "value": "x"}, {"name": "Content-Length", "value": "0"}]}
    rc, out, err = build(doc)
    assert rc == 0 and out == b"SIP/2.0 180 Ringing\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n", (out, err)
    doc = {"type": "sdp", "session": {"lines": [{"raw": "v=0"}, {"raw": "s=-"}]},
           "media": [{"lines": [{"raw": "m=audio 9 RTP/AVP 0"}]}]}
    rc, out, err = build(doc)
    assert rc == 0 and out == b"v=0\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n", (out, err)


def test_help_and_usage():
    for cmd, opts in (("parse", ["--strict", "--sdp", "--compact"]), ("build", [])):
        rc, out, _ = run(cmd, "--help")
        assert rc == 0 and out.startswith(b"usage: sipmsg " + cmd.encode()), out
        assert all(o.encode() in out for o in opts), out
        for args in ([], ["--bogus", "x"], ["a", "b"]):
            rc, _, err = run(cmd, *args)
            assert rc == 2 and "sipmsg " + cmd in err, (cmd, args, err)
        rc, _, err = run(cmd, os.path.join(TMP, "missing"))
        assert rc == 2 and "cannot open" in err, err


def main():
    global SIPMSG
    SIPMSG, corpus, hdr_h, sdp_h = sys.argv[1:5]
    json_schema.load_tables(hdr_h, sdp_h)
    have_corpus = os.path.exists(os.path.join(corpus, "MANIFEST.tsv"))
    if not have_corpus:
        print("SKIP: the shared corpus is absent (%s)" % corpus)
        shutil.rmtree(TMP, ignore_errors=True)
        return 77
    return runner.run_tests(globals(), TMP, corpus)


if __name__ == "__main__":
    sys.exit(main())
