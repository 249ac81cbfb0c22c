# SPDX-License-Identifier: MIT
"""The shared corpus replayed through Python, with the C runner's verdicts.

Reads ../shared/corpus/MANIFEST.tsv in place (meson sets SIPMSG_CORPUS) and
holds every SIP message to the same rules as tests/corpus/corpus_runner.c:

  valid     parses leniently, has no error diagnostic, and bytes(msg) is the
            input byte for byte (trailing bytes after the message excepted);
  invalid   fails in strict mode or carries an error diagnostic, unless it
            is listed in tests/corpus/known-gaps.tsv (and a listed message
            that is now caught fails, so that list only shrinks);
  tolerate  never crashes.

Files whose archive bytes use bare LF are judged in their wire form, as the
C runner does. When the C runner is built (SIPMSG_CORPUS_RUNNER), its counts
must equal the ones found here.
"""

import os
import re
import subprocess

import pytest

import sipmsg

CORPUS = os.environ.get("SIPMSG_CORPUS", "")
GAPS_FILE = os.environ.get("SIPMSG_KNOWN_GAPS", "")
HAVE_CORPUS = bool(CORPUS) and os.path.isfile(os.path.join(CORPUS, "MANIFEST.tsv"))
SKIP_REASON = f"the shared corpus is absent (SIPMSG_CORPUS={CORPUS or '(unset)'}); nothing to replay"


def _manifest():
    if not HAVE_CORPUS:
        return []
    rows = []
    with open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4 and fields[3]:
                rows.append((fields[0], fields[1], fields[3]))
    return rows


def _gaps():
    gaps = set()
    if GAPS_FILE:
        with open(GAPS_FILE, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                gaps.add(line.split("\t", 1)[0])
    return gaps


ROWS = _manifest()
SIP_ROWS = [r for r in ROWS if r[1] == "sip"]
GAPS = _gaps()


def _wire_form(data):
    """CRLF line ends, the header section closed, Content-Length recomputed
    (the C runner's wire_form, through the binding)."""
    out = bytearray()
    for i, c in enumerate(data):
        if c == 0x0A and (i == 0 or data[i - 1] != 0x0D):
            out += b"\r"
        out.append(c)
    crlf = bytes(out)
    if b"\r\n\r\n" not in crlf:
        crlf += b"\r\n"
    try:
        msg = sipmsg.parse(crlf)
    except sipmsg.ParseError:
        return crlf
    body = msg.body
    length = msg.header("Content-Length")
    if length is not None and length != str(len(body)):
        msg.set_body(body)
        return bytes(msg)
    return crlf


def _errors(msg):
    return msg is not None and any(d.severity == "error" for d in msg.diagnostics)


def _parse(data, strict):
    try:
        return sipmsg.parse(data, strict=strict), None
    except sipmsg.ParseError as e:
        return None, e


def _verdict(path, expected, data):
    """'ok', 'caught', 'gap', 'accepted', 'rejected', or raises AssertionError."""
    lenient, err = _parse(data, False)
    strict, _ = _parse(data, True)
    if expected == "valid":
        assert lenient is not None, f"valid message rejected: {err}"
        bad = [d for d in lenient.diagnostics if d.severity == "error"]
        assert not bad, f"valid message has an error diagnostic: {bad[0].message}"
        out = bytes(lenient)
        assert out == data[:len(data) - len(lenient.trailing)], "round trip is not byte-exact"
        return "ok"
    if expected == "invalid":
        caught = strict is None or any(d.severity == "error" for d in strict.check()) or _errors(lenient)
        gap = path in GAPS
        assert not (caught and gap), "now caught: remove it from tests/corpus/known-gaps.tsv"
        assert caught or gap, "invalid message accepted in strict mode without an error diagnostic"
        return "caught" if caught else "gap"
    return "accepted" if lenient is not None else "rejected"


def _load(path):
    with open(os.path.join(CORPUS, path), "rb") as f:
        data = f.read()
    if b"\r" not in data:
        _parse(data, False)  # the raw archive bytes must not crash anything
        data = _wire_form(data)
    return data


@pytest.mark.skipif(not HAVE_CORPUS, reason=SKIP_REASON)
@pytest.mark.parametrize("path,expected", [(r[0], r[2]) for r in SIP_ROWS], ids=[r[0] for r in SIP_ROWS])
def test_corpus_message(path, expected):
    _verdict(path, expected, _load(path))


@pytest.mark.skipif(not HAVE_CORPUS, reason=SKIP_REASON)
def test_counts_match_the_c_runner():
    counts = {"valid": 0, "valid_ok": 0, "invalid": 0, "caught": 0, "gap": 0, "tolerate": 0, "accepted": 0}
    for path, _, expected in SIP_ROWS:
        try:
            v = _verdict(path, expected, _load(path))
        except AssertionError:
            v = "failed"
        if expected == "valid":
            counts["valid"] += 1
            counts["valid_ok"] += v == "ok"
        elif expected == "invalid":
            counts["invalid"] += 1
            counts["caught"] += v == "caught"
            counts["gap"] += v == "gap"
        else:
            counts["tolerate"] += 1
            counts["accepted"] += v == "accepted"
    assert counts["valid"] > 0 and counts["valid_ok"] == counts["valid"]
    runner = os.environ.get("SIPMSG_CORPUS_RUNNER", "")
    if not runner or not os.path.exists(runner) or not GAPS_FILE:
        pytest.skip("the C corpus runner is not built (Criterion missing or tests disabled); counts not compared")
    errata = os.path.join(os.path.dirname(GAPS_FILE), "errata.tsv")
    disputes = os.path.join(os.path.dirname(GAPS_FILE), "sdp-disputes.tsv")
    r = subprocess.run([runner, GAPS_FILE, errata, disputes], capture_output=True, text=True, env=dict(os.environ))
    out = r.stdout
    m_valid = re.search(r"SIP valid:\s+(\d+)/(\d+)", out)
    m_invalid = re.search(r"SIP invalid:\s+(\d+)/(\d+) caught, (\d+) known gaps", out)
    m_tol = re.search(r"SIP tolerate:\s+(\d+) messages, (\d+) accepted", out)
    assert m_valid and m_invalid and m_tol, out
    assert tuple(map(int, m_valid.groups())) == (counts["valid_ok"], counts["valid"])
    assert tuple(map(int, m_invalid.groups())) == (counts["caught"], counts["invalid"], counts["gap"])
    assert tuple(map(int, m_tol.groups())) == (counts["tolerate"], counts["accepted"])


# -- typed reads and SDP, through the Python API -------------------------------

def _listed(name):
    listed = set()
    if GAPS_FILE:
        with open(os.path.join(os.path.dirname(GAPS_FILE), name), encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    listed.add(line.split("\t", 1)[0])
    return listed


def _typed_reads(msg, valid):
    """Read the common headers through the views; they must agree with the raw
    values. A header may be absent (the RFC examples are abridged); in an
    invalid or tolerated message it may also be malformed."""
    def _optional(read):
        try:
            return read()
        except sipmsg.Error as e:
            assert e.status == "not-found" or (e.status == "syntax" and not valid), f"typed read failed: {e}"
            return None

    call_id = _optional(lambda: msg.call_id)
    assert call_id is None or call_id == msg.header("Call-ID")
    cseq = _optional(lambda: msg.cseq)
    assert cseq is None or (cseq.number >= 0 and cseq.method)
    for name, read in (("From", lambda: msg.from_), ("To", lambda: msg.to)):
        view = _optional(read)
        assert view is not None or msg.header(name) is None or not valid
        if view is not None:
            assert view.raw == msg.header(name)
            if not view.star:
                assert view.uri.raw and view.uri.scheme
    assert [v.raw for v in msg.vias] == list(msg.values("Via"))
    assert all(v.transport and v.host for v in msg.vias)
    assert [c.raw for c in msg.contacts] == list(msg.values("Contact"))
    if isinstance(msg, sipmsg.Request):
        _optional(lambda: msg.request_uri)


def _sdp_clean(sdp, data, disputed):
    """The runner's sdp_clean_round_trip: byte-exact, and no error after the checks (or, when disputed, one)."""
    assert bytes(sdp) == data, "SDP round trip is not byte-exact"
    errors = [d for d in sdp.check() if d.severity == "error"]
    if disputed:
        assert errors, "now clean: remove it from tests/corpus/sdp-disputes.tsv"
        return False
    assert not errors, f"valid SDP has an error diagnostic: {errors[0].message}"
    return True


@pytest.mark.skipif(not HAVE_CORPUS, reason=SKIP_REASON)
def test_typed_reads_and_sdp_match_the_c_runner():
    errata, disputes = _listed("errata.tsv"), _listed("sdp-disputes.tsv")
    n = {"typed": 0, "errata": 0, "bodies": 0, "bodies_ok": 0, "disputed": 0, "multipart_sdp": 0,
         "sdp_valid": 0, "sdp_valid_ok": 0, "sdp_invalid": 0, "sdp_caught": 0, "sdp_tolerate": 0,
         "sdp_tolerate_diag": 0, "sdp_tolerate_rejected": 0}
    failures = []
    for path, kind, expected in ROWS:
        try:
            if kind != "sip":
                with open(os.path.join(CORPUS, path), "rb") as f:
                    data = f.read()
                lenient = strict = None
                try:
                    lenient = sipmsg.parse_sdp(data)
                except sipmsg.ParseError as e:
                    assert expected != "valid", f"valid SDP rejected: {e}"
                    assert str(e), "an SDP rejected without a reason"
                try:
                    strict = sipmsg.parse_sdp(data, strict=True)
                except sipmsg.ParseError:
                    pass
                if expected == "valid":
                    n["sdp_valid"] += 1
                    n["sdp_valid_ok"] += _sdp_clean(lenient, data, path in disputes)
                    n["disputed"] += path in disputes
                elif expected == "invalid":
                    n["sdp_invalid"] += 1
                    n["sdp_caught"] += strict is None
                else:
                    n["sdp_tolerate"] += 1
                    if lenient is None:
                        n["sdp_tolerate_rejected"] += 1
                    else:
                        assert lenient.check(), "tolerated SDP accepted without any diagnostic"
                        n["sdp_tolerate_diag"] += 1
                continue
            data = _load(path)
            msg, _ = _parse(data, False)
            if msg is None:
                continue
            _typed_reads(msg, expected == "valid")
            if expected == "valid":
                bad = msg._h.parse_all() or any(d.severity == "error" for d in msg.diagnostics)
                if path in errata:
                    assert bad, "no error diagnostic any more: remove it from tests/corpus/errata.tsv"
                    n["errata"] += 1
                else:
                    assert not bad, "valid message has an error diagnostic after the typed reads"
                    n["typed"] += 1
            sdp = msg.sdp
            if sdp is not None and msg.parts:
                n["multipart_sdp"] += 1  # the C runner reads application/sdp bodies only
                continue
            if sdp is not None and expected == "valid":
                n["bodies"] += 1
                n["bodies_ok"] += _sdp_clean(sdp, msg.body, path in disputes)
                n["disputed"] += path in disputes
        except (AssertionError, sipmsg.Error) as e:
            failures.append(f"{path}: {e}")
    assert failures == []
    runner = os.environ.get("SIPMSG_CORPUS_RUNNER", "")
    if not runner or not os.path.exists(runner) or not GAPS_FILE:
        pytest.skip("the C corpus runner is not built (Criterion missing or tests disabled); counts not compared")
    d = os.path.dirname(GAPS_FILE)
    out = subprocess.run([runner, GAPS_FILE, os.path.join(d, "errata.tsv"), os.path.join(d, "sdp-disputes.tsv")],
                         capture_output=True, text=True, env=dict(os.environ)).stdout

    def grab(pattern):
        m = re.search(pattern, out)
        assert m, f"{pattern!r} not in the runner's output:\n{out}"
        return tuple(map(int, m.groups()))

    assert grab(r"SIP valid:\s+\d+/\d+ as expected: (\d+) parsed, typed without error diagnostic, "
                r"byte-exact round trip; (\d+) with a source erratum") == (n["typed"], n["errata"])
    assert grab(r"SDP valid:\s+(\d+)/(\d+)") == (n["sdp_valid_ok"], n["sdp_valid"])
    assert grab(r"SDP invalid:\s+(\d+)/(\d+)") == (n["sdp_caught"], n["sdp_invalid"])
    assert grab(r"SDP tolerate:\s+(\d+) entries, (\d+) accepted with diagnostics, (\d+) rejected") == (
        n["sdp_tolerate"], n["sdp_tolerate_diag"], n["sdp_tolerate_rejected"])
    assert grab(r"SDP bodies of valid SIP messages: (\d+)/(\d+)") == (n["bodies_ok"], n["bodies"])
    assert grab(r"SDP verdicts disputed \(tests/corpus/sdp-disputes.tsv\): (\d+)") == (n["disputed"],)
