# SPDX-License-Identifier: MIT
"""Property tests (hypothesis): build -> bytes -> parse -> equal, and friends.

The runs are derandomized (conftest.py), so they are the same on every
machine and never depend on timing.
"""

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="python3-hypothesis is not installed")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import sipmsg  # noqa: E402
from sipmsg import capi  # noqa: E402

TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"
token = st.text(TOKEN_CHARS, min_size=1, max_size=20)

# Header values: any text without line ends or control characters, with no
# whitespace at either end (the parser trims it, as RFC 3261 says).
value_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
header_value = st.text(value_chars, max_size=60).map(str.strip)

# Extension headers only: a random name must not turn into a known header
# whose grammar (or Content-Length) the random value would break.
ext_name = token.map(lambda t: "X-" + t)

known_headers = st.sampled_from([
    ("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds"),
    ("Max-Forwards", "70"),
    ("From", '"Alice" <sip:alice@example.com>;tag=1928301774'),
    ("To", "<sip:bob@example.com>"),
    ("Call-ID", "a84b4c76e66710@192.0.2.1"),
    ("i", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com"),
    ("CSeq", "314159 INVITE"),
    ("Contact", "<sip:alice@192.0.2.1>"),
    ("Subject", "lunch?"),
])
headers = st.lists(st.one_of(st.tuples(ext_name, header_value), known_headers), max_size=12)
body = st.one_of(st.none(), st.binary(max_size=300))
content_type = st.one_of(st.none(), st.sampled_from(["application/sdp", "text/plain", "application/octet-stream"]))
method = st.one_of(st.sampled_from(["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "MESSAGE"]), token)
uri = st.builds(lambda u, h: f"sip:{u}@{h}", st.text("abcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()", min_size=1,
                                                     max_size=12),
                st.sampled_from(["example.com", "192.0.2.1", "[2001:db8::1]:5070", "a.b.c"]))
reason = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                                      min_size=1, max_size=30).map(str.strip).filter(bool))


def _check_round_trip(msg, given_headers, body_bytes, ctype):
    data = bytes(msg)
    again = sipmsg.parse(data)
    assert type(again) is type(msg)
    assert again.headers == msg.headers
    assert again.body == msg.body == (body_bytes or b"")
    assert [d for d in again.diagnostics if d.severity == "error"] == []
    assert bytes(again) == data  # idempotent on the image of bytes()
    # the given headers come back first, in order, as given
    assert again.headers[:len(given_headers)] == list(given_headers)
    added = [n for n, _ in again.headers[len(given_headers):]]
    assert set(added) <= {"Content-Type", "Content-Length"}
    if ctype is not None:
        assert again.header("Content-Type") == ctype
    assert again.header("Content-Length") == str(len(body_bytes or b""))
    return again


@given(method, uri, headers, body, content_type)
def test_request_build_write_parse(m, u, hs, b, ct):
    req = sipmsg.Request(m, u, headers=hs, body=b, content_type=ct)
    again = _check_round_trip(req, hs, b, ct)
    assert (again.method, again.uri) == (m, u)


@given(st.integers(100, 699), reason, headers, body, content_type)
def test_response_build_write_parse(code, r, hs, b, ct):
    resp = sipmsg.Response(code, headers=hs, body=b, reason=r, content_type=ct)
    again = _check_round_trip(resp, hs, b, ct)
    assert again.status == code
    if r is not None:
        assert again.reason == r
    else:
        assert again.reason == capi.sipmsg_reason_phrase_or_class(code)


edit = st.one_of(
    st.tuples(st.just("set"), st.one_of(ext_name, st.sampled_from(["Subject", "X-A"])), header_value),
    st.tuples(st.just("add"), st.one_of(ext_name, st.sampled_from(["Subject", "X-A"])), header_value),
    st.tuples(st.just("remove"), st.sampled_from(["Subject", "X-A", "Via", "v", "Contact", "i"]), st.none()),
    st.tuples(st.just("body"), st.none(), st.binary(max_size=100)),
)

BASE = (b"INVITE sip:bob@example.com SIP/2.0\r\n"
        b"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2\r\n"
        b"v: SIP/2.0/TCP 192.0.2.3;branch=z9hG4bK3\r\n"
        b"i: 1@a\r\nX-A:  folded\r\n  value\r\nSubject: x\r\nContent-Type: text/plain\r\nl: 3\r\n\r\nabc")


@given(st.lists(edit, max_size=10))
def test_edits_then_write_parse_gives_the_edited_message(edits):
    msg = sipmsg.parse(BASE)
    for op, name, value in edits:
        if op == "set":
            msg.set_header(name, value)
        elif op == "add":
            msg.add_header(name, value)
        elif op == "remove":
            msg.remove_header(name)
        else:
            msg.body = value
    data = bytes(msg)
    again = sipmsg.parse(data)
    assert again.headers == msg.headers
    assert again.body == msg.body
    assert bytes(again) == data
    # every header line nobody touched keeps its bytes (folding included)
    touched = {_key(n) for _, n, _ in edits if n}
    if any(op == "body" for op, _, _ in edits):
        touched |= {_key("Content-Length"), _key("Content-Type")}
    for name, raw in _raw_lines(BASE):
        if _key(name) not in touched:
            assert raw in data


def _key(name):
    """Known headers by id (so "v" is "Via"), others by lower-case name."""
    return capi.sipmsg_hdr_lookup(name) or name.lower()


def _raw_lines(data):
    """(name, raw bytes of the header line with its continuation lines)."""
    out = []
    for line in data.partition(b"\r\n\r\n")[0].split(b"\r\n")[1:]:
        if line[:1] in (b" ", b"\t"):
            out[-1] = (out[-1][0], out[-1][1] + line + b"\r\n")
        else:
            out.append((line.split(b":")[0].decode(), line + b"\r\n"))
    return out


@given(st.binary(max_size=400), st.booleans())
def test_arbitrary_bytes_parse_or_raise(data, strict):
    try:
        msg = sipmsg.parse(data, strict=strict)
    except sipmsg.ParseError as e:
        assert e.line >= 1 and e.column >= 1 and 0 <= e.offset <= len(data)
        return
    assert bytes(msg) == data[:len(data) - len(msg.trailing)]


@given(headers)
def test_compact_form_reads_back_the_same(hs):
    req = sipmsg.Request("OPTIONS", "sip:a@b", headers=hs)
    compact = sipmsg.parse(req.to_bytes(compact=True))
    assert [v for _, v in compact.headers] == [v for _, v in req.headers]
    for (n1, _), (n2, _) in zip(compact.headers, req.headers):
        assert capi.sipmsg_hdr_lookup(n1) == capi.sipmsg_hdr_lookup(n2)
