# SPDX-License-Identifier: MIT
"""Property tests (hypothesis) for the typed API: random typed messages and
random SDPs are built from objects, written, parsed back and compared field
by field. Derandomized (conftest.py): the same examples on every machine."""

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="python3-hypothesis is not installed")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import sipmsg  # noqa: E402

TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"
token = st.text(TOKEN, min_size=1, max_size=16).filter(lambda t: "%" not in t)
word = st.text(TOKEN + "()<>:/[]?{}", min_size=1, max_size=16).filter(lambda t: "%" not in t)
# display names: any text but control characters (quoted and escaped by the library)
text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=24)

label = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
fqdn = st.lists(label, min_size=1, max_size=4).map(".".join).filter(lambda h: not h.replace(".", "").isdigit())
ipv4 = st.tuples(*[st.integers(0, 255)] * 4).map(lambda t: ".".join(map(str, t)))
ipv6 = st.lists(st.integers(0, 0xFFFF), min_size=8, max_size=8).map(lambda g: ":".join(f"{x:x}" for x in g))
host = st.one_of(fqdn, ipv4, ipv6.map(lambda a: f"[{a}]"))
port = st.one_of(st.none(), st.integers(1, 65535))
user = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,;?/",
               min_size=1, max_size=12)

param_value = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()", min_size=1, max_size=8)


@st.composite
def sip_uri(draw):
    scheme = draw(st.sampled_from(["sip", "sips"]))
    u = draw(st.one_of(st.none(), user))
    h = draw(host)
    p = draw(port)
    params = draw(st.lists(st.sampled_from(["transport", "lr", "x-a", "maddr"]), max_size=2, unique=True))
    # maddr-param = "maddr=" host (RFC 3261 §19.1.1); the others take any pvalue
    params = [(n, draw(host if n == "maddr" else param_value)) for n in params]
    text_ = f"{scheme}:" + (f"{u}@" if u else "") + h + (f":{p}" if p else "")
    text_ += "".join(f";{n}" if n == "lr" else f";{n}={v}" for n, v in params)
    return {"text": text_, "scheme": scheme, "user": u, "host": h, "port": p}


@st.composite
def typed_request(draw):
    return {
        "method": draw(st.sampled_from(["INVITE", "OPTIONS", "REGISTER", "BYE", "MESSAGE", "SUBSCRIBE"])),
        "ruri": draw(sip_uri()),
        "vias": draw(st.lists(st.tuples(st.sampled_from(["UDP", "TCP", "TLS", "WS"]), host, port, token),
                              min_size=1, max_size=4)),
        "from": (draw(st.one_of(st.none(), text)), draw(sip_uri()), draw(token)),
        "to": (draw(st.one_of(st.none(), text)), draw(sip_uri()), draw(st.one_of(st.none(), token))),
        "call_id": draw(st.one_of(word, st.tuples(word, fqdn).map("@".join))),
        "cseq": draw(st.integers(0, 2**31 - 1)),  # RFC 3261 §8.1.1.5: under 2**31
        "max_forwards": draw(st.integers(0, 255)),
        # at least one: RFC 3261 requires a Contact in an INVITE (the checks say so)
        "contacts": draw(st.lists(st.tuples(st.one_of(st.none(), text), sip_uri()), min_size=1, max_size=3)),
    }


def _build(spec):
    req = sipmsg.Request(spec["method"], spec["ruri"]["text"])
    for transport, h, p, branch in reversed(spec["vias"]):  # push_via adds on top
        req.push_via(h, p, transport=transport, branch="z9hG4bK" + branch)
    display, uri, tag = spec["from"]
    req.set_from(uri["text"], display_name=display, tag=tag)
    display, uri, tag = spec["to"]
    req.set_to(uri["text"], display_name=display, tag=tag)
    req.call_id = spec["call_id"]
    req.cseq = (spec["cseq"], spec["method"])
    req.max_forwards = spec["max_forwards"]
    for display, uri in spec["contacts"]:
        req.add_contact(uri["text"], display_name=display)
    return req


def _same_uri(view, uri):
    assert view == uri["text"]  # RFC 3261 comparison
    assert view.raw == uri["text"]
    assert (view.scheme, view.user, view.host, view.port) == (uri["scheme"], uri["user"], uri["host"], uri["port"])


@settings(max_examples=200)
@given(typed_request())
def test_typed_message_build_write_parse_equal_field_by_field(spec):
    built = _build(spec)
    back = sipmsg.parse(bytes(built))
    assert isinstance(back, sipmsg.Request)
    assert [d for d in back.diagnostics if d.severity == "error"] == []
    assert back.method == spec["method"]
    _same_uri(back.request_uri, spec["ruri"])
    assert len(back.vias) == len(spec["vias"])
    for via, (transport, h, p, branch) in zip(back.vias, spec["vias"]):
        assert (via.transport, via.host, via.port, via.branch) == (transport, h, p, "z9hG4bK" + branch)
    for view, (display, uri, tag) in ((back.from_, spec["from"]), (back.to, spec["to"])):
        assert view.display_name == display
        assert view.tag == tag
        _same_uri(view.uri, uri)
    assert back.call_id == spec["call_id"]
    assert back.cseq == sipmsg.CSeq(spec["cseq"], spec["method"])
    assert back.max_forwards == spec["max_forwards"]
    assert len(back.contacts) == len(spec["contacts"])
    for view, (display, uri) in zip(back.contacts, spec["contacts"]):
        assert view.display_name == display
        _same_uri(view.uri, uri)
    assert [d for d in back.check() if d.severity == "error"] == []
    assert bytes(back) == bytes(built)
    # and the views agree with the same message before writing
    assert [v.raw for v in built.vias] == [v.raw for v in back.vias] and built.from_ == back.from_


# -- SDP -------------------------------------------------------------------------

attr_value = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)
address = st.one_of(ipv4, ipv6, fqdn)
rtp_protos = ["RTP/AVP", "RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF"]


@st.composite
def media(draw):
    kind = draw(st.sampled_from(["audio", "video", "text", "application"]))
    proto = draw(st.sampled_from(rtp_protos + ["UDP/DTLS/SCTP", "udp"]))
    if proto in rtp_protos:
        formats = draw(st.lists(st.integers(0, 127), min_size=1, max_size=6, unique=True))
    else:
        formats = draw(st.lists(token, min_size=1, max_size=3, unique=True))
    attrs = draw(st.lists(st.tuples(token.map(lambda t: "x-" + t), st.one_of(st.none(), attr_value)), max_size=5))
    if proto in rtp_protos:
        attrs = [("rtpmap", f"{pt} codec{pt}/{draw(st.sampled_from([8000, 16000, 48000, 90000]))}")
                 for pt in formats] + attrs
    attrs.append((draw(st.sampled_from(["sendrecv", "sendonly", "recvonly", "inactive"])), None))
    conn = draw(st.one_of(st.none(), address))
    return {"media": kind, "port": draw(st.integers(0, 65535)), "proto": proto, "formats": formats,
            "attributes": attrs, "connection": conn}


@st.composite
def sdp_spec(draw):
    return {
        "origin": (draw(token), draw(st.integers(0, 2**63)), draw(st.integers(0, 2**63)), draw(address)),
        "session_name": draw(st.one_of(st.just("-"), attr_value)),
        "connection": draw(st.one_of(st.none(), address)),
        "timing": (draw(st.integers(0, 2**40)), draw(st.integers(0, 2**40))),
        "attributes": draw(st.lists(st.tuples(token.map(lambda t: "x-" + t), st.one_of(st.none(), attr_value)),
                                    max_size=3)),
        "media": draw(st.lists(media(), max_size=4)),
    }


def _addrtype(addr):
    return "IP6" if ":" in addr else "IP4"


def _build_sdp(spec):
    username, sid, version, addr = spec["origin"]
    return sipmsg.Sdp(
        origin=sipmsg.Origin(username=username, session_id=sid, session_version=version, address=addr),
        session_name=spec["session_name"],
        connection=sipmsg.Connection(address=spec["connection"]) if spec["connection"] else None,
        timing=spec["timing"], attributes=spec["attributes"],
        media=[sipmsg.Media(m["media"], m["port"], m["proto"], m["formats"], attributes=m["attributes"],
                            connection=sipmsg.Connection(m["connection"]) if m["connection"] else None)
               for m in spec["media"]])


def _check_sdp(back, spec):
    username, sid, version, addr = spec["origin"]
    assert back.origin == sipmsg.Origin(username, sid, version, addr, "IN", _addrtype(addr))
    assert back.session_name == spec["session_name"]
    assert back.timing == spec["timing"]
    assert back.attributes == spec["attributes"]
    if spec["connection"]:
        assert back.connection == sipmsg.Connection(spec["connection"], "IN", _addrtype(spec["connection"]))
    else:
        assert back.connection is None
    assert len(back.media) == len(spec["media"])
    for view, m in zip(back.media, spec["media"]):
        assert (view.media, view.port, view.proto) == (m["media"], m["port"], m["proto"])
        assert view.formats == [str(f) for f in m["formats"]]
        assert view.attributes == m["attributes"]
        assert view.direction == m["attributes"][-1][0]
        if m["proto"] in rtp_protos:
            assert [r.payload_type for r in view.rtpmaps] == m["formats"]
            assert view.payload_types == m["formats"]
            assert [c.name for c in view.codecs] == [f"codec{pt}" for pt in m["formats"]]
        conn = m["connection"] or spec["connection"]
        assert view.connection == (sipmsg.Connection(conn, "IN", _addrtype(conn)) if conn else None)


@settings(max_examples=200)
@given(sdp_spec())
def test_sdp_build_write_parse_equal_field_by_field(spec):
    built = _build_sdp(spec)
    data = bytes(built)
    back = sipmsg.parse_sdp(data)
    _check_sdp(back, spec)
    _check_sdp(built, spec)  # the built object reads the same
    assert bytes(back) == data and back == built
    assert not [d for d in back.diagnostics if d.severity == "error"]


@settings(max_examples=60)
@given(sdp_spec(), typed_request())
def test_sdp_as_a_message_body(spec, req_spec):
    req = _build(req_spec)
    req.body = _build_sdp(spec)
    back = sipmsg.parse(bytes(req))
    assert back.header("Content-Type") == "application/sdp"
    assert back.header("Content-Length") == str(len(back.body))
    found = back.sdp
    assert found is not None
    _check_sdp(found, spec)
