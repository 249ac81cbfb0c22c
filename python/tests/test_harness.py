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
