# SPDX-License-Identifier: MIT
"""What test harnesses lean on: dict-like header access, request/response
tests, iteration that survives edits, Content-Length kept true by the
constructors, and message equality."""

import pytest

import sipmsg
from conftest import INVITE, OK


def test_getitem_gives_the_first_line_by_long_or_compact_name():
    msg = sipmsg.parse(INVITE)
    first = "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK42"
    assert msg["Via"] == first
    assert msg["v"] == first
    assert msg["via"] == first
    assert msg["Call-ID"] == "a84b4c76e66710@192.0.2.1"     # written as "i"
    assert msg["i"] == msg.header("Call-ID")


def test_getitem_raises_keyerror_when_absent():
    msg = sipmsg.parse(OK)
    with pytest.raises(KeyError) as exc:
        msg["Subject"]
    assert exc.value.args == ("Subject",)
    with pytest.raises(TypeError, match="header name is a str"):
        msg[0]  # type: ignore[index]


def test_contains_and_get():
    msg = sipmsg.parse(INVITE)
    assert "Via" in msg and "v" in msg and "call-id" in msg and "i" in msg
    assert "Subject" not in msg and "s" not in msg
    assert 42 not in msg
    assert msg.get("Subject") is None
    assert msg.get("Subject", "none") == "none"
    assert msg.get("Max-Forwards") == "70"


def test_a_message_is_not_iterable_by_index():
    with pytest.raises(TypeError, match="msg.headers"):
        iter(sipmsg.parse(OK))


def test_is_request_is_response():
    req, resp = sipmsg.parse(INVITE), sipmsg.parse(OK)
    assert req.is_request and not req.is_response
    assert resp.is_response and not resp.is_request
    assert sipmsg.Request("OPTIONS", "sip:a@b").is_request
    assert sipmsg.Response(200).is_response


def _bounded(iterable, limit=100):
    n = 0
    for item in iterable:
        n += 1
        if n > limit:
            raise AssertionError(f"more than {limit} iterations: the iteration follows its own edits")
        yield item


def test_editing_while_iterating_values_ends():
    msg = sipmsg.parse(INVITE)
    seen = []
    for v in _bounded(msg.values("Via")):
        seen.append(v)
        msg.add_header("Via", "SIP/2.0/UDP 203.0.113.1;branch=z9hG4bKadded")
    assert len(seen) == 3
    assert len(list(msg.values("v"))) == 6


def test_removing_while_iterating_values_keeps_the_snapshot():
    msg = sipmsg.parse(INVITE)
    seen = []
    for v in _bounded(msg.values("Via")):
        seen.append(v)
        msg.remove_header("Via")
    assert len(seen) == 3 and "Via" not in msg


def test_editing_while_iterating_headers_ends():
    msg = sipmsg.parse(INVITE)
    for name, value in _bounded(msg.headers):
        msg.add_header(name, value)
    assert len(msg.headers) == 2 * len(sipmsg.parse(INVITE).headers)
    for name in _bounded(msg.headers_named("Via")):
        msg.set_header("Via", name)


def test_response_from_request_headers_gets_a_true_content_length():
    req = sipmsg.parse(INVITE)                     # Content-Length: 40, SDP body
    resp = sipmsg.Response(200, headers=req.headers)
    assert resp.body == b""
    assert resp.headers_named("Content-Length") == ["0"]
    assert sipmsg.parse(bytes(resp)).body == b""
    assert not [d for d in resp.check() if d.code.startswith("content-length")]


def test_constructors_correct_every_content_length_they_are_given():
    headers = [("Call-ID", "x@y"), ("Content-Length", "12"), ("l", "7")]
    req = sipmsg.Request("OPTIONS", "sip:a@b", headers=headers)
    assert req.headers_named("Content-Length") == ["0"]
    resp = sipmsg.Response(200, headers=headers, body=b"hello")
    assert resp.headers_named("Content-Length") == ["5"]
    ok = sipmsg.Response(200, headers=[("l", "0")])
    assert ok.headers == [("l", "0")]                # already true: kept as given


def test_a_false_content_length_can_still_be_asked_for():
    req = sipmsg.Request("OPTIONS", "sip:a@b")
    req.set_header("Content-Length", "999")
    assert b"\r\nContent-Length: 999\r\n" in bytes(req)


def test_messages_compare_by_their_wire_bytes():
    a, b = sipmsg.parse(INVITE), sipmsg.parse(INVITE)
    assert a == b and not (a != b)
    assert a == a.copy()
    b.set_header("Subject", "hi")
    assert a != b
    assert sipmsg.parse(OK) != a
    assert a != INVITE                  # not equal to its bytes: compare bytes(a)
    built = sipmsg.Response(200, headers=[("Call-ID", "x")])
    assert built == sipmsg.parse(bytes(built))


def test_messages_are_unhashable_since_they_are_mutable():
    with pytest.raises(TypeError):
        hash(sipmsg.parse(OK))
    with pytest.raises(TypeError):
        {sipmsg.Request("OPTIONS", "sip:a@b")}


def test_a_proxy_pops_one_value_of_a_shared_via_or_route_line():
    # RFC 3261 §16.7 step 3 and §16.4: one value, not the whole line
    msg = sipmsg.parse(b"INVITE sip:bob@b SIP/2.0\r\n"
                       b"Via: SIP/2.0/UDP p1;branch=z9hG4bKP1, SIP/2.0/UDP p2;branch=z9hG4bKP2\r\n"
                       b"Route: <sip:r1;lr>, <sip:r2;lr>\r\n"
                       b"Max-Forwards: 70\r\nTo: <sip:bob@b>\r\nFrom: <sip:a@a>;tag=1\r\n"
                       b"Call-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")
    msg.remove_header_value(0, 0)
    assert [v.branch for v in msg.vias] == ["z9hG4bKP2"]
    msg.replace_header_value(1, 1, "<sip:r3;lr>")
    assert list(msg.values("Route")) == ["<sip:r1;lr>", "<sip:r3;lr>"]
    back = sipmsg.parse(bytes(msg), strict=True)
    assert back.headers_named("Via") == ["SIP/2.0/UDP p2;branch=z9hG4bKP2"]
    msg.remove_header_value(0, 0)  # the only value: the line goes
    assert msg.vias == [] and msg.headers[0][0] == "Route"
    with pytest.raises(sipmsg.Error) as e:
        msg.remove_header_value(0, 5)
    assert e.value.status == "not-found"
    with pytest.raises(sipmsg.Error) as e:
        msg.replace_header_value(0, 0, "<nope")
    assert e.value.status == "syntax" and e.value.header == "Route"
    with pytest.raises((TypeError, ValueError)):
        msg.remove_header_value(-1, 0)
