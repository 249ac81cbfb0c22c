# SPDX-License-Identifier: MIT
"""Typed headers, URIs, the typed builders, and response/ACK/CANCEL
construction checked against RFC 3261 §8.2.6, §17.1.1.3 and §9.1."""

import pytest

import sipmsg
from conftest import INVITE, OK

# RFC 3261 §24.2 F1, as a proxy received it: two Vias, a Record-Route, a
# Route, a Timestamp (copied by §8.2.6.1) and a Contact.
F1 = (
    b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;rport=5070;received=192.0.2.2\r\n"
    b"Via: SIP/2.0/TCP [2001:db8::9]:5061;branch=z9hG4bKnashds8\r\n"
    b"Record-Route: <sip:bigbox3.site3.atlanta.example.com;lr>\r\n"
    b"Route: <sip:ss2.biloxi.example.com;lr>\r\n"
    b"Max-Forwards: 69\r\n"
    b"To: Bob <sip:bob@biloxi.example.com>\r\n"
    b'From: "Alice \\"A\\" Liddell" <sip:alice%40home@atlanta.example.com:5060;transport=tcp?subject=hi>;tag=9fxced76sl\r\n'
    b"Call-ID: 3848276298220188511@atlanta.example.com\r\n"
    b"CSeq: 1 INVITE\r\n"
    b"Timestamp: 54\r\n"
    b"Contact: <sip:alice@client.atlanta.example.com;transport=tcp>;expires=60;q=0.7\r\n"
    b"Content-Length: 0\r\n"
    b"\r\n"
)


def test_design_names_on_a_parsed_invite():
    msg = sipmsg.parse(INVITE)
    assert msg.call_id == "a84b4c76e66710@192.0.2.1"  # from the compact "i"
    assert msg.cseq == sipmsg.CSeq(314159, "INVITE")
    assert msg.cseq.number == 314159 and msg.cseq.method == "INVITE"
    assert msg.from_.uri.user == "alice"
    assert msg.from_.tag == "1928301774"
    assert msg.from_.display_name == "Alice"
    assert msg.to.tag is None and msg.to.uri == "sip:bob@example.com"
    assert [v.branch for v in msg.vias] == ["z9hG4bK776asdhds", "z9hG4bK42", "z9hG4bK7"]
    assert [(v.host, v.port, v.transport) for v in msg.vias] == [
        ("192.0.2.1", 5060, "UDP"), ("192.0.2.9", None, "UDP"), ("192.0.2.7", None, "TCP")]
    assert [str(c.uri) for c in msg.contacts] == ["sip:alice@192.0.2.1"]
    assert msg.max_forwards == 70
    assert msg.request_uri.host == "example.com"


def test_every_field_of_the_views():
    msg = sipmsg.parse(F1)
    top, second = msg.vias
    assert top.protocol == "SIP/2.0" and top.transport == "UDP"
    assert top.host == "bigbox3.site3.atlanta.example.com" and top.host_type == "name" and top.port is None
    assert top.branch == "z9hG4bK77ef4c2312983.1"
    assert top.received == "192.0.2.2" and top.has_rport and top.rport == 5070
    assert top.params == [("branch", "z9hG4bK77ef4c2312983.1"), ("rport", "5070"), ("received", "192.0.2.2")]
    assert top.param("RPORT") == "5070" and top.param("maddr") is None
    assert second.host == "[2001:db8::9]" and second.host_type == "ipv6" and second.port == 5061
    assert not second.has_rport and second.rport is None and second.received is None

    f = msg.from_
    assert f.display_name == 'Alice "A" Liddell'  # quotes and escapes removed
    assert f.tag == "9fxced76sl" and f.params == [("tag", "9fxced76sl")]
    u = f.uri
    assert (u.scheme, u.user, u.host, u.port, u.transport) == ("sip", "alice%40home", "atlanta.example.com", 5060, "tcp")
    assert sipmsg.unescape(u.user) == "alice@home"
    assert u.headers == [("subject", "hi")] and u.params == [("transport", "tcp")]
    assert u.host_type == "name" and u.password is None and not u.lr

    (c1,) = msg.contacts
    assert c1.expires == 60 and c1.q == "0.7" and c1.uri.transport == "tcp" and not c1.star
    # "*" is a Contact's whole value (RFC 3261 §20.10), never a list element
    contact = b"Contact: <sip:alice@client.atlanta.example.com;transport=tcp>;expires=60;q=0.7\r\n"
    (star,) = sipmsg.parse(F1.replace(contact, b"Contact: *\r\n")).contacts
    assert star.star
    with pytest.raises(ValueError):
        star.uri
    route = sipmsg.parse(F1).header("Record-Route")
    assert route == "<sip:bigbox3.site3.atlanta.example.com;lr>"
    assert str(msg.to) == "Bob <sip:bob@biloxi.example.com>" and msg.to.display_name == "Bob"


def test_uri_parse_and_rfc3261_comparison():
    # RFC 3261 §19.1.4: equal pairs, then unequal pairs
    equal = [("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"),
             ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"),
             ("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
              "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    unequal = [("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"),
               ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"),
               ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"),
               ("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    for a, b in equal:
        assert sipmsg.Uri(a) == sipmsg.Uri(b) and sipmsg.Uri(a) == b, (a, b)
    for a, b in unequal:
        assert sipmsg.Uri(a) != sipmsg.Uri(b) and sipmsg.Uri(a) != b, (a, b)
    assert sipmsg.Uri("tel:+1-201-555-0123").scheme == "tel"
    assert sipmsg.Uri("tel:+1-201-555-0123").user == "+1-201-555-0123"
    assert sipmsg.Uri("urn:service:sos").opaque == "service:sos"
    assert sipmsg.Uri("sips:[::1]:5061").host_type == "ipv6"
    assert sipmsg.Uri("sip:a@b") != 5 and sipmsg.Uri("sip:a@b") != "not a uri"
    assert repr(sipmsg.Uri("sip:a@b")) == "sipmsg.Uri('sip:a@b')"
    with pytest.raises(TypeError):
        hash(sipmsg.Uri("sip:a@b"))
    with pytest.raises(sipmsg.ParseError):
        sipmsg.Uri("sip:")
    assert sipmsg.escape("a b@c") == "a%20b%40c"
    assert sipmsg.escape("x;y", "param") == "x%3By"
    with pytest.raises(ValueError):
        sipmsg.escape("x", "nowhere")


def test_nameaddr_and_via_equality():
    a = sipmsg.parse(F1)
    b = sipmsg.parse(F1.replace(b"Bob <sip:bob@biloxi.example.com>", b"Bob <sip:bob@BILOXI.example.com>")
                     .replace(b"SIP/2.0/UDP bigbox3", b"SIP/2.0/udp BIGBOX3"))
    assert a.to == b.to and a.vias == b.vias
    assert a.from_ != a.to
    assert a.vias[0] != a.vias[1]


def test_absent_and_malformed_typed_headers_raise_with_a_status():
    bare = sipmsg.parse(b"OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n")
    for read in (lambda: bare.call_id, lambda: bare.cseq, lambda: bare.from_, lambda: bare.to):
        with pytest.raises(sipmsg.Error) as e:
            read()
        assert e.value.status == "not-found"
    assert bare.vias == [] and bare.contacts == [] and bare.max_forwards is None and bare.sdp is None
    # CSeq and From must be valid for a parse to succeed, and an edit that
    # would make one bad is refused, saying which header and why
    for name, value in (("CSeq", "x OPTIONS"), ("From", "<nope")):
        with pytest.raises(sipmsg.Error) as e:
            sipmsg.Request("OPTIONS", "sip:a@b", headers=[(name, value)])
        assert e.value.status == "syntax" and e.value.header == name
        assert isinstance(e.value, ValueError) and str(e.value).startswith(f"edit refused: {name}: ")
        msg = sipmsg.Request("OPTIONS", "sip:a@b")
        with pytest.raises(sipmsg.Error) as e:
            msg.set_header(name, value)
        assert e.value.status == "syntax" and e.value.header == name
        assert msg.header(name) is None
    # an optional header the lenient parse kept bad reads as absent, with its diagnostic
    bad = sipmsg.parse(b"OPTIONS sip:a@b SIP/2.0\r\nMax-Forwards: x\r\nContact: <nope\r\nContent-Length: 0\r\n\r\n")
    assert bad.max_forwards is None and bad.contacts == []
    assert {d.header for d in bad.diagnostics if d.severity == "error"} >= {"Max-Forwards", "Contact"}


def test_typed_builders_write_canonical_values_that_read_back():
    req = sipmsg.Request("REGISTER", "sip:registrar.example.com")
    req.push_via("192.0.2.4", 5060, branch="z9hG4bKnashds7")
    req.push_via("proxy.example.com", transport="TCP")  # a generated branch, on top
    req.set_from("sip:bob@example.com", display_name='Bob "B"', tag="456248")
    req.set_to(sipmsg.Uri("sip:bob@example.com"))
    req.call_id = "843817637684230@998sdasdh09"
    req.cseq = sipmsg.CSeq(1826, "REGISTER")
    req.max_forwards = 70
    req.add_contact("sip:bob@192.0.2.4", display_name="Bob")
    req.add_route("sip:p1.example.com;lr")
    back = sipmsg.parse(bytes(req))
    top, second = back.vias
    assert top.transport == "TCP" and top.host == "proxy.example.com" and top.port is None
    assert top.branch is not None and top.branch.startswith("z9hG4bK") and len(top.branch) == 23
    assert (second.host, second.port, second.branch) == ("192.0.2.4", 5060, "z9hG4bKnashds7")
    assert back.from_.display_name == 'Bob "B"' and back.from_.tag == "456248"
    assert back.to.uri == "sip:bob@example.com" and back.to.tag is None
    assert back.call_id == "843817637684230@998sdasdh09"
    assert back.cseq == (1826, "REGISTER")
    assert back.max_forwards == 70
    assert [c.display_name for c in back.contacts] == ["Bob"]
    assert back.header("Route") == "<sip:p1.example.com;lr>"
    assert [d for d in back.check() if d.severity == "error"] == []
    fresh = sipmsg.Request("OPTIONS", "sip:a@b")
    fresh.call_id = None  # type: ignore[assignment]  # a new random one
    assert len(fresh.call_id) == 16
    tags = {sipmsg.new_tag() for _ in range(50)}
    assert len(tags) == 50 and all(len(t) == 16 for t in tags)
    assert sipmsg.new_branch().startswith("z9hG4bK") and len(sipmsg.new_branch()) == 23
    with pytest.raises(sipmsg.Error):
        req.set_from("not a uri")
    with pytest.raises(sipmsg.Error):
        req.push_via("bad host name!")


# -- RFC 3261 §8.2.6: responses ------------------------------------------------

def _names(msg):
    return [n for n, _ in msg.headers]


def test_make_response_copies_what_8_2_6_says():
    inv = sipmsg.parse(F1)
    ringing = inv.make_response(180, to_tag="a6c85cf")
    assert isinstance(ringing, sipmsg.Response)
    assert (ringing.status, ringing.reason) == (180, "Ringing")  # reason from the table
    # §8.2.6.2: Via values in the same order, From, Call-ID and CSeq equal
    assert [v.raw for v in ringing.vias] == [v.raw for v in inv.vias]
    assert ringing.from_ == inv.from_ and ringing.from_.tag == "9fxced76sl"
    assert ringing.call_id == inv.call_id and ringing.cseq == inv.cseq
    # To: the request's, plus a tag
    assert ringing.to.uri == inv.to.uri and ringing.to.display_name == "Bob"
    assert ringing.to.tag == "a6c85cf"
    # §12.1.1: Record-Route copied into a 1xx-2xx to a dialog-creating request
    assert ringing.header("Record-Route") == inv.header("Record-Route")
    # §8.2.6.1: Timestamp copied
    assert ringing.header("Timestamp") == "54"
    assert ringing.header("Content-Length") == "0" and ringing.body == b""
    assert "Route" not in _names(ringing) and "Max-Forwards" not in _names(ringing)
    assert "Contact" not in _names(ringing)


def test_make_response_tags_and_reasons():
    inv = sipmsg.parse(F1)
    assert inv.make_response(100).to.tag is None  # no tag on 100 Trying
    generated = inv.make_response(486).to.tag
    assert generated is not None and len(generated) >= 8
    assert inv.make_response(486).to.tag != generated  # a new one each time
    assert inv.make_response(486, "Gone Fishing").reason == "Gone Fishing"
    assert inv.make_response(486).reason == "Busy Here"
    assert "Record-Route" not in _names(inv.make_response(486))  # not for a failure
    in_dialog = sipmsg.parse(F1.replace(b"To: Bob <sip:bob@biloxi.example.com>",
                                        b"To: Bob <sip:bob@biloxi.example.com>;tag=x1"))
    assert isinstance(in_dialog, sipmsg.Request)
    assert in_dialog.make_response(200, to_tag="other").to.tag == "x1"  # To already had one: kept
    with pytest.raises(sipmsg.Error):
        inv.make_response(99)
    with pytest.raises(sipmsg.Error):
        inv.make_response(700)


# -- RFC 3261 §17.1.1.3: the ACK of a non-2xx final response -------------------

def test_make_ack_follows_17_1_1_3():
    inv = sipmsg.parse(F1)
    busy = sipmsg.parse(bytes(inv.make_response(486, to_tag="314159")))
    ack = inv.make_ack(busy)
    assert isinstance(ack, sipmsg.Request)
    assert ack.method == "ACK" and ack.uri == inv.uri  # the INVITE's Request-URI
    assert ack.call_id == inv.call_id and ack.from_ == inv.from_
    assert ack.to.tag == "314159" and ack.to.uri == busy.to.uri  # To of the response
    assert ack.cseq == (1, "ACK")  # the INVITE's number, method ACK
    assert [v.raw for v in ack.vias] == [inv.vias[0].raw]  # only the top Via
    assert ack.headers_named("Route") == inv.headers_named("Route")  # the INVITE's Route
    assert ack.body == b""
    with pytest.raises(sipmsg.Error) as e:
        inv.make_ack(inv.make_response(200))  # a 2xx is ACKed by the dialog, not here
    assert e.value.status == "state"
    busy_ok = sipmsg.parse(OK.replace(b"200 OK", b"486 Busy Here"))
    assert isinstance(busy_ok, sipmsg.Response) and not hasattr(busy_ok, "make_response")


def test_make_ack_needs_an_invite():
    opts = sipmsg.Request("OPTIONS", "sip:a@b", headers=[("Call-ID", "1"), ("CSeq", "1 OPTIONS")])
    with pytest.raises(sipmsg.Error):
        opts.make_ack(opts.make_response(486))
    with pytest.raises(TypeError):
        opts.make_ack(opts)  # type: ignore[arg-type]


# -- RFC 3261 §9.1: CANCEL ------------------------------------------------------

def test_make_cancel_follows_9_1():
    inv = sipmsg.parse(F1)
    cancel = inv.make_cancel()
    assert cancel.method == "CANCEL" and cancel.uri == inv.uri
    assert cancel.call_id == inv.call_id and cancel.to == inv.to and cancel.from_ == inv.from_
    assert cancel.to.tag is None
    assert cancel.cseq == (inv.cseq.number, "CANCEL")
    assert [v.raw for v in cancel.vias] == [inv.vias[0].raw]  # the single top Via
    assert cancel.headers_named("Route") == inv.headers_named("Route")
    assert [d for d in cancel.check() if d.severity == "error"] == []
    bye = sipmsg.Request("BYE", "sip:a@b", headers=[("Call-ID", "1"), ("CSeq", "2 BYE")])
    with pytest.raises(sipmsg.Error):
        bye.make_cancel()


# -- checks and multipart --------------------------------------------------------

def test_check_returns_diagnostics():
    msg = sipmsg.parse(b"INVITE sip:a@b SIP/2.0\r\nCall-ID: 1\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n")
    found = msg.check()
    assert all(isinstance(d, sipmsg.Diagnostic) for d in found)
    errors = {d.header for d in found if d.severity == "error"}
    assert {"CSeq", "Via", "From", "To", "Max-Forwards"} <= errors
    assert msg.check() == found  # a rerun replaces, not appends


def test_multipart_parts_and_sdp_inside():
    sdp = sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                           b"m=audio 5004 RTP/AVP 0\r\n")
    req = sipmsg.Request("INVITE", "sip:bob@example.com", headers=[("Call-ID", "m1"), ("CSeq", "1 INVITE")])
    req.set_multipart([("application/sdp", sdp),
                       sipmsg.Part("application/pidf+xml", b"<presence/>", [("Content-ID", "<p1@x>")])],
                      boundary="unique-boundary-1")
    assert req.header("Content-Type") == "multipart/mixed;boundary=unique-boundary-1"
    back = sipmsg.parse(bytes(req))
    first, second = back.parts
    assert first.content_type == "application/sdp" and first.body == bytes(sdp)
    assert second.headers == [("Content-Type", "application/pidf+xml"), ("Content-ID", "<p1@x>")]
    assert second.body == b"<presence/>" and second.parts == []
    found = back.sdp  # the application/sdp part
    assert found is not None and found.media[0].port == 5004
    assert sipmsg.parse(INVITE).parts == []


def test_multipart_cut_short_keeps_its_last_part():
    body = b"--sep\r\nContent-Type: text/plain\r\n\r\nhello\r\n--sep\r\n\r\nwor"
    raw = (b"MESSAGE sip:bob@example.com SIP/2.0\r\nCall-ID: m2\r\nCSeq: 1 MESSAGE\r\n"
           b"Content-Type: multipart/mixed;boundary=sep\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
    msg = sipmsg.parse(raw)
    first, second = msg.parts
    assert first.body == b"hello" and second.body == b"wor"
    unclosed = [d for d in msg.diagnostics if d.code == "multipart-unclosed"]
    assert len(unclosed) == 1 and unclosed[0].severity == "error"
    with pytest.raises(sipmsg.ParseError):  # strict: the body does not split
        sipmsg.parse(raw, strict=True).parts


# The IMS and priority headers, with the RFCs' example values (RFC 7989 §9,
# RFC 4412 §3.1, RFC 7315 §5.4 and §5.6); the UTRAN cell id has 3GPP TS
# 24.229's shape (16 digits), which RFC 7315's 13-digit example misses.
IMS = (
    b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
    b"Max-Forwards: 70\r\n"
    b"To: Bob <sip:bob@biloxi.example.com>\r\n"
    b"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    b"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
    b"Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2\r\n"
    b"Resource-Priority: wps.2, dsn.flash\r\n"
    b"Accept-Resource-Priority: dsn.routine\r\n"
    b"P-Charging-Vector: icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net\r\n"
    b"P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=2345601234ABCDEF, IEEE-802.11;network-provided\r\n"
    b"Content-Length: 0\r\n"
    b"\r\n"
)


def test_ims_and_priority_headers():
    msg = sipmsg.parse(IMS)
    assert msg.session_id == sipmsg.SessionId("ab30317f1a784dc48ff824d0d3715d86", "47755a9de7794ba387653f2099600ef2",
                                              [("remote", "47755a9de7794ba387653f2099600ef2")])
    assert msg.resource_priority == [sipmsg.ResourcePriority("wps", "2"), sipmsg.ResourcePriority("dsn", "flash")]
    assert msg.resource_priority[1].namespace == "dsn"
    assert msg.accept_resource_priority == [("dsn", "routine")]
    cv = msg.charging_vector
    assert cv is not None
    assert (cv.icid, cv.icid_generated_at, cv.orig_ioi, cv.term_ioi, cv.transit_ioi) == (
        "1234bc9876e", "192.0.6.8", "home1.net", None, None)
    assert cv.params == [("icid-generated-at", "192.0.6.8"), ("orig-ioi", "home1.net")]
    assert msg.access_network_info == [
        sipmsg.AccessNetworkInfo("3GPP-UTRAN-TDD", False, [("utran-cell-id-3gpp", "2345601234ABCDEF")]),
        sipmsg.AccessNetworkInfo("IEEE-802.11", True, [("network-provided", None)]),
    ]
    assert msg.diagnostics == []


def test_ims_headers_absent_or_malformed():
    msg = sipmsg.parse(INVITE)
    assert msg.session_id is None and msg.charging_vector is None
    assert msg.resource_priority == [] and msg.access_network_info == []
    bad = IMS.replace(b"ab30317f1a784dc48ff824d0d3715d86;", b"ab30317f;").replace(b"icid-value=", b"icid=")
    bad = bad.replace(b"dsn.flash", b"dsn").replace(b"Accept-Resource-Priority: dsn.routine", b"X: y")
    msg = sipmsg.parse(bad)
    assert msg.session_id is None and msg.charging_vector is None and msg.resource_priority == []
    assert len(msg.access_network_info) == 2
    found = {(d.header, d.code) for d in msg.diagnostics}
    assert ("Session-ID", "bad-header-value") in found
    assert ("P-Charging-Vector", "bad-header-value") in found
    assert ("Resource-Priority", "bad-header-value") in found
    # the message itself parsed, and writes back as it came
    assert bytes(msg) == bad


def test_ims_views_outlive_their_message():
    msg = sipmsg.parse(IMS)
    sid, anis = msg.session_id, msg.access_network_info
    del msg
    assert sid is not None and sid.local_uuid == "ab30317f1a784dc48ff824d0d3715d86"
    assert anis[0].params == [("utran-cell-id-3gpp", "2345601234ABCDEF")]


def test_charging_vector_transit_ioi_entries():
    msg = sipmsg.parse(IMS.replace(b"orig-ioi=home1.net", b'orig-ioi=home1.net;transit-ioi="opA.1 , void.2,opB.3"'))
    cv = msg.charging_vector
    assert cv is not None
    assert cv.transit_ioi == "opA.1 , void.2,opB.3"
    assert cv.transit_iois == ["opA.1", "void.2", "opB.3"]
    # the C handle's cursor: out of order and past the end
    h = msg._h.charging_vector_view()
    assert [h.transit_ioi_at(k) for k in (2, 0, 1, 1, 5)] == ["opB.3", "opA.1", "void.2", "void.2", ""]
    assert msg.check() == []
    assert sipmsg.parse(IMS).charging_vector.transit_iois == []
    # an entry out of RFC 7315's shape is kept, and the check warns of it
    msg = sipmsg.parse(IMS.replace(b"orig-ioi=home1.net", b'orig-ioi=home1.net;transit-ioi="1.sip.example"'))
    assert msg.charging_vector.transit_iois == ["1.sip.example"]
    assert [(d.code, d.severity) for d in msg.check()] == [("header-rule", "warning")]
