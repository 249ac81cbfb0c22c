# SPDX-License-Identifier: MIT
"""Parse errors carry the C library's error record: position, header, reason."""

import pickle

import pytest

import sipmsg


def _error(data, **kw):
    with pytest.raises(sipmsg.ParseError) as exc:
        sipmsg.parse(data, **kw)
    return exc.value


def test_parse_error_is_a_value_error_with_fields():
    err = _error(b"FOO\r\n\r\n")
    assert isinstance(err, ValueError)
    assert isinstance(err, sipmsg.Error)
    assert (err.status, err.code, err.offset, err.line, err.column) == ("syntax", "bad-method", 3, 1, 4)
    assert err.header is None
    assert err.reason == "the method is not followed by a space"
    assert str(err) == "line 1, column 4: the method is not followed by a space"


def test_error_inside_a_header_names_it():
    data = b"INVITE sip:x@y SIP/2.0\r\nContent-Length: x\r\n\r\n"
    err = _error(data)
    assert err.header == "Content-Length"
    assert (err.line, err.column) == (2, 17)
    assert data[err.offset:err.offset + 1] == b"x"
    assert err.code == "bad-content-length"
    assert str(err) == f"line 2, column 17: Content-Length: {err.reason}"


def test_strict_mode_fails_what_lenient_mode_reports():
    data = b"OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nX-Y: a\x00b\r\nl: 0\r\n\r\n"
    msg = sipmsg.parse(data)
    assert [(d.code, d.severity) for d in msg.diagnostics] == [("ctl-in-value", "error")]
    assert bytes(msg) == data
    err = _error(data, strict=True)
    assert (err.code, err.header, err.line, err.column) == ("ctl-in-value", "X-Y", 3, 7)
    assert err.offset == data.index(b"\x00")


def test_bare_lf_is_a_warning_leniently_and_an_error_strictly():
    data = b"OPTIONS sip:a@b SIP/2.0\nCall-ID: 1\nl: 0\n\n"
    assert {d.code for d in sipmsg.parse(data).diagnostics} == {"bare-lf"}
    err = _error(data, strict=True)
    assert (err.code, err.line, err.column, err.offset) == ("bare-lf", 1, 24, 23)


def test_empty_input():
    err = _error(b"")
    assert err.code == "empty-message"
    assert (err.line, err.column, err.offset) == (1, 1, 0)


def test_status_code_error_position():
    err = _error(b"SIP/2.0 2000 OK\r\n\r\n")
    assert (err.code, err.line, err.column, err.offset) == ("bad-status-code", 1, 9, 8)


def test_limit_is_reported_as_limit():
    n = 1100000
    err = _error(b"OPTIONS sip:a@b SIP/2.0\r\nl: %d\r\n\r\n" % n + b"x" * n)
    assert err.status == "limit"
    assert err.code == "limit-message-size"


def test_error_survives_pickling_as_its_message():
    err = _error(b"FOO\r\n\r\n")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is sipmsg.ParseError
    assert str(again) == str(err)


def test_errors_are_per_call_across_threads():
    # Two different failures interleaved: each exception carries its own call's record.
    import threading
    bad = [(b"FOO\r\n\r\n", "bad-method"), (b"SIP/2.0 2000 OK\r\n\r\n", "bad-status-code")]
    seen = []

    def worker(data, code):
        for _ in range(500):
            try:
                sipmsg.parse(data)
            except sipmsg.ParseError as e:
                seen.append(e.code == code)

    threads = [threading.Thread(target=worker, args=bad[i % 2]) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 2000 and all(seen)


LIMITED = (b"OPTIONS sip:a@b SIP/2.0\r\n"
           b"Via: SIP/2.0/UDP h;branch=z9hG4bK1, SIP/2.0/UDP g;branch=z9hG4bK2, SIP/2.0/UDP f;branch=z9hG4bK3\r\n"
           b"To: <sip:a@b;x=1;y=2;z=3>\r\nFrom: <sip:c@d>;tag=1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
           b"Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: 41\r\n\r\n"
           b"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n")


def test_every_limit_is_a_keyword_of_parse():
    assert len(sipmsg.parse(LIMITED).vias) == 3
    over = [("max_message_size", 100, "limit-message-size", None),
            ("max_headers", 7, "limit-headers", (9, 1)),
            ("max_line_length", 90, "limit-line-length", (2, 1)),
            ("max_list_items", 2, "limit-list-items", (2, 68)),
            ("max_uri_params", 2, "limit-uri-params", (3, 22))]
    for name, value, code, where in over:
        err = _error(LIMITED, **{name: value})
        assert err.code == code, (name, err.code)
        assert err.status == "limit", (name, err.status)
        if where:
            assert (err.line, err.column) == where, (name, err.line, err.column)
    # at the edge each passes
    for name, value in (("max_headers", 8), ("max_list_items", 3), ("max_uri_params", 3), ("max_line_length", 200)):
        assert sipmsg.parse(LIMITED, **{name: value}).call_id == "x", name
    # the SDP body is parsed on first use, with the message's limits
    assert len(sipmsg.parse(LIMITED, max_sdp_lines=5).sdp.media) == 1
    with pytest.raises(sipmsg.ParseError) as exc:
        sipmsg.parse(LIMITED, max_sdp_lines=4).sdp
    assert exc.value.code == "limit-sdp-lines"


def test_limits_of_parse_sdp_and_bad_limits():
    sdp = b"v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\na=x:1 2 3\r\n"
    assert len(sipmsg.parse_sdp(sdp, max_sdp_lines=5).attributes) == 1
    for kw, code in (({"max_sdp_lines": 4}, "limit-sdp-lines"), ({"max_line_length": 8}, "limit-line-length")):
        with pytest.raises(sipmsg.ParseError) as exc:
            sipmsg.parse_sdp(sdp, **kw)
        assert exc.value.code == code, kw
    for bad in (-1, 2 ** 32, 1.5, True, "3"):
        with pytest.raises(ValueError, match="max_headers"):
            sipmsg.parse(LIMITED, max_headers=bad)
    assert sipmsg.parse(LIMITED, max_headers=0).call_id == "x", "0 is the default"


# Every method of the SWIG module, called with None for each argument, in a
# child process (a NULL that reached C would kill it): a TypeError or
# ValueError is fine, a crash is not.
_NONE_CALLS = r'''
import inspect, sys
import sipmsg
from sipmsg import capi
msg = sipmsg.parse(sys.stdin.buffer.read())
objs = {"Message": msg._h, "Sdp": msg.sdp._s, "SdpSection": msg.sdp.media[0]._sec, "Uri": msg.from_.uri._u,
        "NameAddr": msg.from_._n, "Via": msg.vias[0]._v, "MultipartBuilder": capi.MultipartBuilder(),
        "SdpMediaSpec": capi.SdpMediaSpec("audio", 1, 0, "RTP/AVP")}
calls = [(getattr(o, n), name + "." + n) for name, o in objs.items() for n in dir(type(o))
         if not n.startswith("_") and n not in ("this", "thisown") and callable(getattr(type(o), n))]
calls += [(f, n) for n, f in vars(capi).items()
          if n[:1].islower() and callable(f) and not inspect.isclass(f) and not n.startswith("_")]
for f, name in calls:
    for nargs in (1, 2, 3):
        print(name, nargs, flush=True)
        try:
            f(*([None] * nargs))
        except (TypeError, ValueError, OverflowError, sipmsg.Error, RuntimeError):
            pass
print("done", len(calls), flush=True)
'''


def test_swig_methods_refuse_none_without_crashing():
    import subprocess
    import sys
    sdp = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
    data = (b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
            b"Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
            b"Call-ID: c\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
            b"Content-Length: %d\r\n\r\n" % len(sdp) + sdp)
    p = subprocess.run([sys.executable, "-c", _NONE_CALLS], input=data, capture_output=True, timeout=300)
    out = p.stdout.decode().splitlines()
    assert p.returncode == 0, "crashed (status %d) calling %s with None: %s" % (
        p.returncode, out[-1] if out else "?", p.stderr.decode()[-500:])
    assert out[-1].startswith("done ") and int(out[-1].split()[1]) > 100, out[-3:]


# -- a user's mistake is a ValueError or TypeError that says what is allowed

def _req():
    return sipmsg.Request("INVITE", "sip:bob@example.com", headers=[("Call-ID", "a@b"), ("CSeq", "1 INVITE")])


def _media():
    return sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n").media[0]


def _set(obj, attr, value):
    return lambda: setattr(obj(), attr, value)


HUGE = 10 ** 20
ORIGIN = sipmsg.Origin("alice", 1, 1, "192.0.2.1")

# (what is called, a word its message must hold)
MISTAKES = [
    (lambda: sipmsg.Response(HUGE), "status"),
    (lambda: sipmsg.Response(-1), "status"),
    (lambda: sipmsg.Response(99), "status"),
    (lambda: sipmsg.Response("200"), "status"),
    (lambda: sipmsg.Response(2.5), "status"),
    (lambda: sipmsg.Response(200, reason="a\r\nb"), "reason"),
    (lambda: sipmsg.Response(200, reason=7), "reason"),
    (lambda: sipmsg.Response(200, headers=[("X Y", "a")]), "header"),
    (lambda: sipmsg.Response(200, headers=[("X", "a\r\nb")]), "header"),
    (lambda: sipmsg.Response(200, headers=[("X", 1)]), "header"),
    (lambda: sipmsg.Response(200, headers=["X: y"]), "headers"),
    (lambda: sipmsg.Response(200, headers="X: y"), "headers"),
    (lambda: sipmsg.Response(200, body=12), "body"),
    (lambda: sipmsg.Response(200, content_type="a\r\nb"), "content_type"),
    (lambda: sipmsg.Request("IN VITE", "sip:a@b"), "method"),
    (lambda: sipmsg.Request(1, "sip:a@b"), "method"),
    (lambda: sipmsg.Request("INVITE", None), "uri"),
    (lambda: sipmsg.Request("INVITE", "sip:a@b\r\n"), "uri"),
    (_set(_req, "method", "BAD METHOD"), "method"),
    (_set(_req, "uri", 5), "uri"),
    (_set(lambda: sipmsg.Response(200), "status", HUGE), "status"),
    (_set(lambda: sipmsg.Response(200), "status", -1), "status"),
    (_set(lambda: sipmsg.Response(200), "reason", "a\nb"), "reason"),
    (_set(_req, "max_forwards", -1), "max_forwards"),
    (_set(_req, "max_forwards", HUGE), "max_forwards"),
    (_set(_req, "max_forwards", "70"), "max_forwards"),
    (_set(_req, "cseq", (HUGE, "INVITE")), "CSeq"),
    (_set(_req, "cseq", (-1, "INVITE")), "CSeq"),
    (_set(_req, "cseq", (2**31, "INVITE")), "CSeq"),  # RFC 3261 §8.1.1.5: under 2**31
    (_set(_req, "cseq", (1, "BAD METHOD")), "CSeq"),
    (_set(_req, "cseq", 5), "cseq"),
    (_set(_req, "call_id", 5), "call_id"),
    (_set(_req, "call_id", "a b"), "Call-ID"),
    (_set(_req, "body", 5), "body"),
    (lambda: _req().set_header("X Y", "a"), "header"),
    (lambda: _req().set_header("X", "a\r\nb"), "header"),
    (lambda: _req().add_header("X:", "a"), "header"),
    (lambda: _req().add_header(None, "a"), "name"),
    (lambda: _req().insert_header("0", "X", "a"), "index"),
    (lambda: _req().insert_header(HUGE, "X", "a\n"), "header"),
    (lambda: _req().remove_header(5), "name"),
    (lambda: _req().push_via("192.0.2.1", -1), "port"),
    (lambda: _req().push_via("192.0.2.1", HUGE), "port"),
    (lambda: _req().push_via("192.0.2.1", 70000), "port"),
    (lambda: _req().push_via("192.0.2.1", "5060"), "port"),
    (lambda: _req().push_via("bad host", transport="UDP"), "host"),
    (lambda: _req().set_from("sip:a@b", tag="bad tag"), "tag"),
    (lambda: _req().set_to(5), "uri"),
    (lambda: _req().add_contact("sip:a@b", display_name="a\r\nb"), "display_name"),
    (lambda: _req().add_route(None), "uri"),
    (lambda: _req().make_response(HUGE), "status"),
    (lambda: _req().make_response(1000), "status"),
    (lambda: _req().make_response(200, to_tag="bad tag"), "to_tag"),
    (lambda: _req().set_body(b"x", content_type=5), "content_type"),
    (lambda: _req().set_multipart([("text/plain", b"x")], subtype="bad subtype"), "subtype"),
    (lambda: sipmsg.frame(b"", -1), "max_message_size"),
    (lambda: sipmsg.frame(b"", HUGE), "max_message_size"),
    (lambda: sipmsg.parse(b"", max_headers=-1), "max_headers"),
    (lambda: sipmsg.reason_phrase("200"), "code"),
    (lambda: sipmsg.parse(5), "data"),
    (lambda: sipmsg.parse_sdp(None), "data"),
    (lambda: sipmsg.frame([1]), "data"),
    (lambda: sipmsg.Uri(5), "text"),
    (lambda: sipmsg.Media("audio", -1, "RTP/AVP", [0]), "port"),
    (lambda: sipmsg.Media("audio", HUGE, "RTP/AVP", [0]), "port"),
    (lambda: sipmsg.Media("audio", 70000, "RTP/AVP", [0]), "port"),
    (lambda: sipmsg.Media("audio", "5004", "RTP/AVP", [0]), "port"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", [0], port_count=-2), "port_count"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", [None]), "format"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", [-1]), "format"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", ["0 8"]), "format"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", "0 8"), "formats"),
    (lambda: sipmsg.Media("", 5004, "RTP/AVP", [0]), "media"),
    (lambda: sipmsg.Media(None, 5004, "RTP/AVP", [0]), "media"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", [0], attributes=[("rtpmap", "0\r\n")]), "attribute"),
    (lambda: sipmsg.Media("audio", 5004, "RTP/AVP", [0], attributes=[(1, None)]), "attribute"),
    (_set(_media, "port", -1), "port"),
    (_set(_media, "port", HUGE), "port"),
    (_set(_media, "direction", "both"), "direction"),
    (_set(_media, "connection", "192.0.2.1"), "connection"),
    (_set(_media, "connection", sipmsg.Connection("192.0.2.1", ttl=-5)), "ttl"),
    (_set(_media, "connection", sipmsg.Connection("192.0.2.1", ttl=HUGE)), "ttl"),
    (_set(_media, "connection", sipmsg.Connection("192.0.2.1", num_addresses=-1)), "num_addresses"),
    (_set(_media, "connection", sipmsg.Connection("a\r\nb")), "address"),
    (lambda: _media().add_attribute("a b\n", "x"), "attribute"),
    (lambda: sipmsg.Sdp(timing=(-1, 0)), "timing"),
    (lambda: sipmsg.Sdp(timing=(HUGE * HUGE, 0)), "timing"),
    (lambda: sipmsg.Sdp(timing=5), "timing"),
    (lambda: sipmsg.Sdp(origin=ORIGIN._replace(session_id=-1)), "session_id"),
    (lambda: sipmsg.Sdp(origin=ORIGIN._replace(session_version=HUGE * HUGE)), "session_version"),
    (lambda: sipmsg.Sdp(origin=ORIGIN._replace(session_id="1")), "session_id"),
    (lambda: sipmsg.Sdp(origin=ORIGIN._replace(address="a\r\nb")), "Origin"),
    (lambda: sipmsg.Sdp(origin=("alice", 1, 1, "192.0.2.1")), "origin"),
    (lambda: sipmsg.Sdp(session_name="a\r\nb"), "session_name"),
    (lambda: sipmsg.Sdp(session_name=5), "session_name"),
    (lambda: sipmsg.Sdp(media=[5]), "Media"),
    (lambda: sipmsg.Sdp(attributes=[("a b\r\n", None)]), "attribute"),
    (lambda: sipmsg.Sdp().remove_media(0), "index"),
    (lambda: sipmsg.Sdp().remove_media(HUGE), "index"),
    (lambda: sipmsg.Sdp().remove_media("0"), "index"),
]


@pytest.mark.parametrize("call,word", MISTAKES, ids=[str(i) for i in range(len(MISTAKES))])
def test_mistakes_name_the_argument_and_what_is_allowed(call, word):
    with pytest.raises((ValueError, TypeError, IndexError)) as exc:
        call()
    message = str(exc.value)
    assert "in method" not in message, message            # SWIG's wrapper, not the user's call
    assert not message.startswith("invalid argument"), message
    assert word.lower() in message.lower(), message
    if isinstance(exc.value, sipmsg.Error):
        assert exc.value.status != "" and exc.value.reason
