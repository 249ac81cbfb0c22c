# SPDX-License-Identifier: MIT
"""The pythonic API: reading, editing, building and writing messages."""

import copy
import json
import pickle

import pytest

import sipmsg
from conftest import INVITE, OK


def test_parse_request_start_line():
    msg = sipmsg.parse(INVITE)
    assert isinstance(msg, sipmsg.Request)
    assert isinstance(msg, sipmsg.Message)
    assert msg.method == "INVITE"
    assert msg.uri == "sip:bob@example.com"
    assert msg.version == "SIP/2.0"
    assert msg.status is None and msg.reason is None


def test_parse_response_start_line():
    msg = sipmsg.parse(OK)
    assert isinstance(msg, sipmsg.Response)
    assert msg.status == 200
    assert msg.reason == "OK"
    assert msg.method is None and msg.uri is None


def test_parse_accepts_bytes_like_and_str():
    for data in (INVITE, bytearray(INVITE), memoryview(INVITE), INVITE.decode()):
        assert bytes(sipmsg.parse(data)) == INVITE


def test_parse_keeps_its_own_copy():
    buf = bytearray(OK)
    msg = sipmsg.parse(buf)
    buf[:] = b"x" * len(buf)
    assert bytes(msg) == OK


def test_parse_rejects_other_types():
    with pytest.raises(TypeError):
        sipmsg.parse(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        sipmsg.parse(None)  # type: ignore[arg-type]


def test_headers_in_wire_order_as_written():
    msg = sipmsg.parse(INVITE)
    assert msg.headers == [
        ("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK42"),
        ("v", "SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK7"),
        ("Max-Forwards", "70"),
        ("From", '"Alice" <sip:alice@example.com>;tag=1928301774'),
        ("To", "<sip:bob@example.com>"),
        ("i", "a84b4c76e66710@192.0.2.1"),
        ("CSeq", "314159 INVITE"),
        ("Contact", "<sip:alice@192.0.2.1>"),
        ("X-Odd", "spaced value"),
        ("Content-Type", "application/sdp"),
        ("Content-Length", "40"),
    ]
    # a fresh list each time: changing it leaves the message alone
    msg.headers.clear()
    assert len(msg.headers) == 11


def test_header_lookup_long_compact_any_case():
    msg = sipmsg.parse(INVITE)
    assert msg.header("Call-ID") == "a84b4c76e66710@192.0.2.1"
    assert msg.header("call-id") == "a84b4c76e66710@192.0.2.1"
    assert msg.header("i") == "a84b4c76e66710@192.0.2.1"
    assert msg.header("V").startswith("SIP/2.0/UDP 192.0.2.1:5060")
    assert msg.header("x-odd") == "spaced value"
    assert msg.header("Subject") is None
    assert msg.header("Subject", "none") == "none"


def test_headers_named_one_entry_per_line():
    msg = sipmsg.parse(INVITE)
    assert msg.headers_named("Via") == [
        "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK42",
        "SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK7",
    ]
    assert msg.headers_named("v") == msg.headers_named("VIA")
    assert msg.headers_named("Route") == []


def test_values_split_lines_and_comma_lists():
    msg = sipmsg.parse(INVITE)
    assert list(msg.values("Via")) == [
        "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds",
        "SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK42",
        "SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK7",
    ]
    assert list(msg.values("From")) == ['"Alice" <sip:alice@example.com>;tag=1928301774']
    assert list(msg.values("Route")) == []
    it = msg.values("x-odd")
    assert iter(it) is it
    assert next(it) == "spaced value"
    with pytest.raises(StopIteration):
        next(it)


def test_body_bytes():
    assert sipmsg.parse(INVITE).body == b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
    assert sipmsg.parse(OK).body == b""


def test_untouched_parse_writes_identical_bytes():
    for data in (INVITE, OK):
        msg = sipmsg.parse(data)
        assert bytes(msg) == data
        assert msg.to_bytes() == data
        assert not msg.modified


def test_compact_and_canonical_writing():
    msg = sipmsg.parse(b"OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP x\r\ni: 1\r\nX-A: 1\r\n  folded\r\nl: 0\r\n\r\n")
    assert msg.to_bytes(canonical=True) == (
        b"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP x\r\nCall-ID: 1\r\nX-A: 1 folded\r\nContent-Length: 0\r\n\r\n")
    compact = sipmsg.parse(sipmsg.parse(INVITE).to_bytes(compact=True))
    assert compact.header("Call-ID") == "a84b4c76e66710@192.0.2.1"
    assert [n for n, _ in compact.headers][:3] == ["v", "v", "Max-Forwards"]
    assert compact.body == sipmsg.parse(INVITE).body


def _lines(data):
    return data.split(b"\r\n")


def test_set_header_adds_and_keeps_every_other_byte():
    msg = sipmsg.parse(INVITE)
    msg.set_header("Subject", "lunch")
    out = bytes(msg)
    assert msg.modified
    head, _, body = out.partition(b"\r\n\r\n")
    orig_head, _, orig_body = INVITE.partition(b"\r\n\r\n")
    assert body == orig_body
    lines = _lines(head)
    assert b"Subject: lunch" in lines
    lines.remove(b"Subject: lunch")
    assert lines == _lines(orig_head)  # every untouched line byte for byte, in order
    assert sipmsg.parse(out).header("Subject") == "lunch"


def test_set_header_replaces_first_and_removes_others():
    msg = sipmsg.parse(INVITE)
    msg.set_header("Via", "SIP/2.0/UDP 203.0.113.5;branch=z9hG4bKnew")
    assert msg.headers_named("Via") == ["SIP/2.0/UDP 203.0.113.5;branch=z9hG4bKnew"]
    out = bytes(msg)
    assert b"203.0.113.5" in out and b"192.0.2.9" not in out and b"192.0.2.7" not in out
    # the other lines are untouched
    for line in _lines(INVITE.partition(b"\r\n\r\n")[0])[2:]:
        if not line.startswith((b"Via", b"v:")):
            assert line in _lines(out)


def test_add_insert_remove_header():
    msg = sipmsg.parse(OK)
    msg.add_header("Server", "test/1.0")
    assert msg.headers[-2:] == [("Server", "test/1.0"), ("Content-Length", "0")]  # before a closing Content-Length
    msg.insert_header(0, "X-First", "1")
    assert msg.headers[0] == ("X-First", "1")
    msg.insert_header(-1, "X-Late", "2")
    assert msg.headers[-2] == ("X-Late", "2")
    assert msg.remove_header("x-first") == 1
    assert msg.remove_header("X-First") == 0
    assert msg.header("X-First") is None
    assert sipmsg.parse(bytes(msg)).headers == msg.headers


def test_remove_header_by_compact_name_removes_both_forms():
    msg = sipmsg.parse(INVITE)
    assert msg.remove_header("v") == 2
    assert msg.headers_named("Via") == []
    assert b"Via" not in bytes(msg) and b"\r\nv:" not in bytes(msg)


def test_bad_edits_raise_and_change_nothing():
    msg = sipmsg.parse(OK)
    for name, value in (("X-Bad", "a\r\nb"), ("Bad Name", "x"), ("", "x")):
        with pytest.raises(sipmsg.Error) as exc:
            msg.add_header(name, value)
        assert isinstance(exc.value, ValueError)
        assert exc.value.status == "invalid-argument"
    assert bytes(msg) == OK
    with pytest.raises(TypeError):
        msg.add_header(None, "x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        msg.set_header("X", 5)  # type: ignore[arg-type]


def test_body_setter_keeps_content_length_true():
    msg = sipmsg.parse(INVITE)
    msg.body = b"v=0\r\n"
    assert msg.body == b"v=0\r\n"
    assert msg.header("Content-Length") == "5"
    assert msg.header("Content-Type") == "application/sdp"
    again = sipmsg.parse(bytes(msg))
    assert again.body == b"v=0\r\n" and again.diagnostics == []
    msg.body = b""
    assert msg.header("Content-Length") == "0"
    assert msg.header("Content-Type") is None
    msg.set_body("héllo", "text/plain; charset=utf-8")
    assert msg.body == "héllo".encode()
    assert msg.header("Content-Type") == "text/plain; charset=utf-8"
    assert msg.header("Content-Length") == str(len("héllo".encode()))


def test_body_setter_adds_content_length_when_missing():
    msg = sipmsg.parse(b"MESSAGE sip:a@b SIP/2.0\r\nCall-ID: 1\r\n\r\n")
    msg.body = bytearray(b"hi")
    assert msg.header("Content-Length") == "2"
    assert bytes(msg).endswith(b"\r\n\r\nhi")


def test_request_from_keywords():
    req = sipmsg.Request("INVITE", "sip:bob@example.com",
                         headers=[("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds"),
                                  ("Max-Forwards", "70"),
                                  ("From", '"Alice" <sip:alice@example.com>;tag=1928301774'),
                                  ("To", "<sip:bob@example.com>"),
                                  ("Call-ID", "a84b4c76e66710@192.0.2.1"),
                                  ("CSeq", "314159 INVITE")],
                         body=b"v=0\r\n", content_type="application/sdp")
    assert bytes(req) == (
        b"INVITE sip:bob@example.com SIP/2.0\r\n"
        b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
        b"Max-Forwards: 70\r\n"
        b'From: "Alice" <sip:alice@example.com>;tag=1928301774\r\n'
        b"To: <sip:bob@example.com>\r\n"
        b"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
        b"CSeq: 314159 INVITE\r\n"
        b"Content-Type: application/sdp\r\n"
        b"Content-Length: 5\r\n"
        b"\r\n"
        b"v=0\r\n")
    back = sipmsg.parse(bytes(req))
    assert (back.method, back.uri, back.headers, back.body) == (req.method, req.uri, req.headers, req.body)
    assert back.diagnostics == []


def test_request_without_body_gets_content_length_zero():
    req = sipmsg.Request("OPTIONS", "sip:a@b", headers={"Call-ID": "1", "CSeq": "1 OPTIONS"})
    assert bytes(req) == b"OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    own = sipmsg.Request("OPTIONS", "sip:a@b", headers=[("l", "0")])
    assert own.headers == [("l", "0")]


def test_response_from_keywords():
    resp = sipmsg.Response(486, headers=[("Call-ID", "x")])
    assert resp.reason == "Busy Here"
    assert bytes(resp) == b"SIP/2.0 486 Busy Here\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n"
    resp = sipmsg.Response(200, body=b"hello", reason="Fine", content_type="text/plain")
    assert bytes(resp) == b"SIP/2.0 200 Fine\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
    assert sipmsg.Response(499).reason == "Client Error"  # unregistered: the class phrase
    with pytest.raises(sipmsg.Error):
        sipmsg.Response(99)
    with pytest.raises(sipmsg.Error):
        sipmsg.Request("BAD METHOD", "sip:a@b")


def test_start_line_setters():
    req = sipmsg.Request("INVITE", "sip:bob@example.com")
    req.method = "OPTIONS"
    req.uri = "sip:carol@example.com"
    assert bytes(req).startswith(b"OPTIONS sip:carol@example.com SIP/2.0\r\n")
    resp = sipmsg.parse(OK)
    resp.status = 404
    assert (resp.status, resp.reason) == (404, "Not Found")
    resp.reason = "Nobody Here"
    assert bytes(resp).startswith(b"SIP/2.0 404 Nobody Here\r\n")
    assert bytes(resp).endswith(OK[OK.index(b"\r\n"):])  # headers and body untouched


def test_non_utf8_bytes_survive_as_surrogates():
    msg = sipmsg.parse(b"OPTIONS sip:a@b SIP/2.0\r\nFrom: \xe9t\xe9 <sip:a@b>\r\nl: 0\r\n\r\n")
    value = msg.header("From")
    assert value == "\udce9t\udce9 <sip:a@b>"
    msg.set_header("To", value)
    assert b"To: \xe9t\xe9 <sip:a@b>\r\n" in bytes(msg)


def test_diagnostics():
    msg = sipmsg.parse(b"OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nbad line\r\nl: 0\r\n\r\ntrailing")
    codes = [(d.code, d.severity, d.line) for d in msg.diagnostics]
    assert ("missing-colon", "error", 3) in codes
    assert ("trailing-bytes", "warning", 6) in codes
    d = next(d for d in msg.diagnostics if d.code == "missing-colon")
    assert isinstance(d, sipmsg.Diagnostic)
    assert d.offset == len(b"OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nbad")
    assert d.column == 4
    assert d.message
    code, severity, header, offset, message = d[:5]
    assert (code, severity, offset) == ("missing-colon", "error", d.offset)
    assert msg.trailing == b"trailing"
    assert sipmsg.parse(INVITE).diagnostics == []


def test_repr():
    assert repr(sipmsg.parse(INVITE)) == "<Request INVITE sip:bob@example.com, 11 headers, 40-byte body>"
    assert repr(sipmsg.parse(OK)) == "<Response 200 OK, 5 headers, no body>"
    assert repr(sipmsg.Response(100, headers=[])) == "<Response 100 Trying, 1 header, no body>"


def test_to_dict():
    d = sipmsg.parse(INVITE).to_dict()
    assert d["kind"] == "request" and d["method"] == "INVITE" and d["uri"] == "sip:bob@example.com"
    assert d["headers"][5] == ["i", "a84b4c76e66710@192.0.2.1"]
    assert d["body"].encode("utf-8", "surrogateescape") == sipmsg.parse(INVITE).body
    assert d["diagnostics"] == []
    assert json.loads(json.dumps(d)) == d
    r = sipmsg.parse(OK + b"x").to_dict()
    assert (r["kind"], r["status"], r["reason"]) == ("response", 200, "OK")
    assert r["diagnostics"][0]["code"] == "trailing-bytes"


def test_copy_is_independent_and_pickle_round_trips():
    msg = sipmsg.parse(INVITE)
    for dup in (msg.copy(), copy.copy(msg), copy.deepcopy(msg), pickle.loads(pickle.dumps(msg))):
        assert type(dup) is sipmsg.Request
        assert bytes(dup) == INVITE
        dup.set_header("Subject", "changed")
    assert bytes(msg) == INVITE


def test_frame():
    stream = b"\r\n\r\n" + OK + INVITE[:30]
    assert sipmsg.frame(stream) == (4, len(OK))
    assert sipmsg.frame(INVITE[:30]) is None
    assert sipmsg.frame(b"") is None
    with pytest.raises(sipmsg.ParseError):
        sipmsg.frame(b"OPTIONS sip:a SIP/2.0\r\nCall-ID: 1\r\n\r\n")  # no Content-Length on a stream


def test_stream_parse_requires_content_length():
    with pytest.raises(sipmsg.ParseError) as exc:
        sipmsg.parse(b"OPTIONS sip:a SIP/2.0\r\nCall-ID: 1\r\n\r\n", stream=True)
    assert exc.value.code == "missing-content-length"


def test_tables():
    assert sipmsg.reason_phrase(486) == "Busy Here"
    assert sipmsg.reason_phrase(299) is None
    assert sipmsg.__version__.count(".") == 2


def test_constructors_are_guarded():
    with pytest.raises(TypeError):
        sipmsg.Message()
    with pytest.raises(TypeError):
        sipmsg.NameAddr()
    with pytest.raises(TypeError):
        sipmsg.Via()
    for cls in (sipmsg.capi.Message, sipmsg.capi.Uri, sipmsg.capi.Via, sipmsg.capi.NameAddr, sipmsg.capi.Sdp,
                sipmsg.capi.SdpSection):
        with pytest.raises(TypeError):
            cls()
    with pytest.raises(TypeError):
        sipmsg.capi.Message.method(None)
    with pytest.raises(ValueError):
        sipmsg.capi.write(None, 0)
    with pytest.raises(ValueError):
        sipmsg.capi.parse(b"OPTIONS sip:a SIP/2.0\r\n\r\n", 0).make_ack(None)
