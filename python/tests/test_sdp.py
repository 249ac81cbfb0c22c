# SPDX-License-Identifier: MIT
"""SDP: building an INVITE with an offer from objects and reading it back
field by field, parse_sdp, the views and edits."""

import pytest

import sipmsg

# RFC 4566 §5's example, with an RTCP port and ICE-style lines
OFFER = (b"v=0\r\n"
         b"o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\n"
         b"s=SDP Seminar\r\n"
         b"i=A Seminar on the session description protocol\r\n"
         b"c=IN IP4 224.2.17.12/127\r\n"
         b"t=2873397496 2873404696\r\n"
         b"a=recvonly\r\n"
         b"m=audio 49170 RTP/AVP 0 96\r\n"
         b"a=rtpmap:96 opus/48000/2\r\n"
         b"a=fmtp:96 minptime=10;useinbandfec=1\r\n"
         b"a=x-unknown:kept verbatim\r\n"
         b"m=video 51372/2 RTP/AVP 99\r\n"
         b"c=IN IP6 2001:db8::1\r\n"
         b"a=rtpmap:99 h263-1998/90000\r\n"
         b"a=mid:v1\r\n"
         b"a=inactive\r\n")


def design_sdp():
    """DESIGN.md's example, exactly."""
    return sipmsg.Sdp(
        origin=sipmsg.Origin(username="alice", session_id=2890844526, session_version=1, address="198.51.100.1"),
        session_name="call",
        connection=sipmsg.Connection(address="198.51.100.1"),
        media=[sipmsg.Media("audio", 49170, "RTP/AVP", [0, 8, 101],
                            attributes=[("rtpmap", "0 PCMU/8000"), ("rtpmap", "8 PCMA/8000"),
                                        ("rtpmap", "101 telephone-event/8000"), ("fmtp", "101 0-16"),
                                        ("sendrecv", None)])])


def design_invite(sdp):
    return sipmsg.Request("INVITE", "sip:bob@example.com",
                          headers=[("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds"),
                                   ("Max-Forwards", "70"),
                                   ("From", '"Alice" <sip:alice@example.com>;tag=1928301774'),
                                   ("To", "<sip:bob@example.com>"),
                                   ("Call-ID", "a84b4c76e66710@192.0.2.1"),
                                   ("CSeq", "314159 INVITE"),
                                   ("Contact", "<sip:alice@192.0.2.1>")],
                          body=sdp)


def test_invite_with_an_offer_built_from_objects_reads_back_field_by_field():
    sdp = design_sdp()
    wire = bytes(design_invite(sdp))
    msg = sipmsg.parse(wire)
    assert isinstance(msg, sipmsg.Request)
    # the SIP part
    assert (msg.method, msg.uri) == ("INVITE", "sip:bob@example.com")
    assert msg.vias[0].branch == "z9hG4bK776asdhds" and msg.vias[0].port == 5060
    assert msg.from_.display_name == "Alice" and msg.from_.tag == "1928301774"
    assert msg.to.uri == "sip:bob@example.com" and msg.to.tag is None
    assert msg.call_id == "a84b4c76e66710@192.0.2.1" and msg.cseq == (314159, "INVITE")
    assert msg.contacts[0].uri.host == "192.0.2.1" and msg.max_forwards == 70
    # Content-Type and Content-Length come from the body
    assert msg.header("Content-Type") == "application/sdp"
    assert msg.header("Content-Length") == str(len(msg.body)) and msg.body == bytes(sdp)
    assert [d for d in msg.check() if d.severity == "error"] == []
    # the SDP
    offer = msg.sdp
    assert offer is not None
    assert offer.origin == sipmsg.Origin("alice", 2890844526, 1, "198.51.100.1", "IN", "IP4")
    assert offer.session_name == "call"
    assert offer.connection == sipmsg.Connection("198.51.100.1", "IN", "IP4")
    assert offer.timing == (0, 0)
    assert len(offer.media) == 1
    audio = offer.media[0]
    assert (audio.media, audio.port, audio.proto) == ("audio", 49170, "RTP/AVP")
    assert audio.formats == ["0", "8", "101"] and audio.payload_types == [0, 8, 101]
    assert audio.attributes == [("rtpmap", "0 PCMU/8000"), ("rtpmap", "8 PCMA/8000"),
                                ("rtpmap", "101 telephone-event/8000"), ("fmtp", "101 0-16"), ("sendrecv", None)]
    assert audio.rtpmaps == [sipmsg.Rtpmap(0, "PCMU", 8000), sipmsg.Rtpmap(8, "PCMA", 8000),
                             sipmsg.Rtpmap(101, "telephone-event", 8000)]
    assert audio.codecs == [sipmsg.Codec(0, "PCMU", 8000, 0), sipmsg.Codec(8, "PCMA", 8000, 0),
                            sipmsg.Codec(101, "telephone-event", 8000, 0, "0-16")]
    assert audio.direction == "sendrecv" and audio.connection == offer.connection
    assert offer.check() == []
    assert offer == sdp and audio == sdp.media[0]
    assert bytes(offer) == bytes(sdp)


def test_the_written_offer_is_canonical_rfc8866():
    assert bytes(design_sdp()) == (
        b"v=0\r\n"
        b"o=alice 2890844526 1 IN IP4 198.51.100.1\r\n"
        b"s=call\r\n"
        b"c=IN IP4 198.51.100.1\r\n"
        b"t=0 0\r\n"
        b"m=audio 49170 RTP/AVP 0 8 101\r\n"
        b"a=rtpmap:0 PCMU/8000\r\n"
        b"a=rtpmap:8 PCMA/8000\r\n"
        b"a=rtpmap:101 telephone-event/8000\r\n"
        b"a=fmtp:101 0-16\r\n"
        b"a=sendrecv\r\n")
    v6 = sipmsg.Sdp(origin=sipmsg.Origin("-", 1, 2, "2001:db8::2"), connection=sipmsg.Connection("2001:db8::2"))
    assert b"o=- 1 2 IN IP6 2001:db8::2\r\n" in bytes(v6) and b"c=IN IP6 2001:db8::2\r\n" in bytes(v6)


def test_parse_sdp_reads_every_part():
    sdp = sipmsg.parse_sdp(OFFER)
    assert bytes(sdp) == OFFER and not sdp.modified
    assert sdp.origin == sipmsg.Origin("jdoe", 2890844526, 2890842807, "10.47.16.5", "IN", "IP4")
    assert sdp.session_name == "SDP Seminar"
    assert sdp.connection == sipmsg.Connection("224.2.17.12", "IN", "IP4", ttl=127)
    assert sdp.timing == (2873397496, 2873404696)
    assert sdp.direction == "recvonly" and sdp.attributes == [("recvonly", None)]
    assert sdp.lines[3] == ("i", "i=A Seminar on the session description protocol")
    audio, video = sdp.media
    assert audio.direction == "recvonly"  # the session's
    assert audio.codecs == [sipmsg.Codec(0, "PCMU", 8000, 1),  # RFC 3551's static table
                            sipmsg.Codec(96, "opus", 48000, 2, "minptime=10;useinbandfec=1")]
    assert audio.rtpmaps == [sipmsg.Rtpmap(96, "opus", 48000, "2")]
    assert audio.attribute("x-unknown") == "kept verbatim" and audio.attribute("nope") is None
    assert audio.connection == sdp.connection  # inherited
    assert (video.port, video.port_count, video.direction) == (51372, 2, "inactive")
    assert video.connection == sipmsg.Connection("2001:db8::1", "IN", "IP6")
    assert sdp.media_by_mid("v1") == video and sdp.media_by_mid("zz") is None
    assert video.has_attribute("INACTIVE") and video.attribute("inactive") is None
    assert repr(sdp) == "<Sdp 'SDP Seminar', 2 media sections>"
    assert repr(video) == "<Media m=video 51372/2 RTP/AVP 99>"


def test_edits_change_only_what_they_touch():
    sdp = sipmsg.parse_sdp(OFFER)
    audio = sdp.media[0]
    audio.port = 50000
    audio.direction = "sendonly"
    audio.add_attribute("ptime", "20")
    assert audio.remove_attribute("x-unknown") == 1
    sdp.session_name = "renamed"
    out = bytes(sdp)
    assert sdp.modified
    assert b"m=audio 50000 RTP/AVP 0 96\r\n" in out and b"a=sendonly\r\n" in out and b"a=ptime:20\r\n" in out
    assert b"x-unknown" not in out and b"s=renamed\r\n" in out
    assert b"m=video 51372/2 RTP/AVP 99\r\nc=IN IP6 2001:db8::1\r\n" in out  # untouched section
    again = sipmsg.parse_sdp(out)
    assert again.media[0].port == 50000 and again.media[0].direction == "sendonly"
    sdp.remove_media(-1)
    assert len(sdp.media) == 1
    with pytest.raises(ValueError):
        audio.direction = "sideways"
    with pytest.raises(TypeError):
        sdp.add_media("audio 1 RTP/AVP 0")  # type: ignore[arg-type]


def test_media_views_share_their_sdp():
    sdp = sipmsg.parse_sdp(OFFER)
    a1, a2 = sdp.media[0], sdp.media[0]
    a1.port = 1234
    assert a2.port == 1234 and a1 == a2
    added = sdp.add_media(sipmsg.Media("application", 5000, "UDP/DTLS/SCTP", ["webrtc-datachannel"],
                                       [("sctp-port", "5000")], connection=sipmsg.Connection("192.0.2.3")))
    assert added == sdp.media[2] and added.formats == ["webrtc-datachannel"] and added.payload_types == []
    assert added.connection == sipmsg.Connection("192.0.2.3", "IN", "IP4")


def test_a_message_sdp_lives_in_the_message_until_set_again():
    msg = design_invite(design_sdp())
    msg = sipmsg.parse(bytes(msg))
    offer = msg.sdp
    assert offer is not None
    offer.media[0].port = 6000
    assert msg.sdp is not None and b"49170" in msg.body  # the body is unchanged ...
    msg.body = offer                                    # ... until it is set
    assert msg.sdp is not None and msg.sdp.media[0].port == 6000
    assert msg.header("Content-Length") == str(len(msg.body))
    msg.set_body(b"hello", "text/plain")
    assert msg.sdp is None


def test_diagnostics_and_strict_mode():
    sloppy = b"v=0\r\ns=\r\nm=audio 5004 RTP/AVP 0\r\na=rtpmap:97 x/8000\r\n"
    sdp = sipmsg.parse_sdp(sloppy)  # lenient: kept, reported
    assert bytes(sdp) == sloppy
    codes = {d.code for d in sdp.check()}
    assert codes and all(isinstance(d, sipmsg.Diagnostic) for d in sdp.diagnostics)
    assert any(d.severity == "error" for d in sdp.diagnostics)
    with pytest.raises(sipmsg.ParseError) as e:
        sipmsg.parse_sdp(sloppy, strict=True)
    assert e.value.line >= 1
    with pytest.raises(sipmsg.ParseError):
        sipmsg.parse_sdp(b"")
    empty = sipmsg.parse(b"INVITE sip:a@b SIP/2.0\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n")
    assert empty.sdp is None  # no body, no SDP


def test_check_rid_payload_type_not_on_the_m_line():
    # RFC 8851 §6.1: a pt= value MUST be one of the m= line's formats
    sdp = sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nc=IN IP4 192.0.2.1\r\n"
                           b"m=video 9 RTP/AVP 97\r\na=rid:1 send pt=97,96\r\na=rid:2 send pt=97\r\n")
    found = [d for d in sdp.check() if d.code == "sdp-pt-not-in-formats"]
    assert [(d.severity, d.line, d.column) for d in found] == [("error", 7, 20)], found


def test_check_active_tcp_candidate_port():
    # RFC 6544 §4.5: an active TCP candidate's port is 9; the peer ignores it (§3)
    sdp = sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nc=IN IP4 192.0.2.1\r\n"
                           b"m=audio 9 RTP/AVP 0\r\n"
                           b"a=candidate:1 1 tcp 1518280447 192.0.2.1 7 typ host tcptype active\r\n"
                           b"a=candidate:2 1 tcp 1518280446 192.0.2.1 0 typ host tcptype passive\r\n")
    found = [d for d in sdp.check() if d.code == "sdp-bad-port"]
    assert [(d.severity, d.line, d.column) for d in found] == [("warning", 7, 42)], found


def test_building_rejects_bad_values():
    with pytest.raises(sipmsg.Error):
        sipmsg.Media("audio", 49170, "RTP/AVP", ["0 8"])  # a format with a space
    with pytest.raises(sipmsg.Error):
        sipmsg.Sdp(session_name="two\r\nlines")
    with pytest.raises(TypeError):
        sipmsg.Sdp(origin=("alice", 1, 1, "192.0.2.1"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="port must be a whole number from 0 to 65535"):
        sipmsg.Media("audio", -1, "RTP/AVP", [0])


def test_source_filters_read_as_values():
    sdp = sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                           b"a=source-filter: excl IN IP4 * 192.0.2.10\r\n"
                           b"m=audio 49170 RTP/AVP 0\r\nc=IN IP4 232.3.4.5/127\r\n"
                           b"a=source-filter: incl IN * dst.example.com 192.0.2.10 2001:db8::1\r\n"
                           b"a=source-filter: keep IN IP4 232.3.4.5 192.0.2.10\r\n")
    assert sdp.source_filters == [sipmsg.SourceFilter("excl", "IN", "IP4", "*", ("192.0.2.10",))]
    assert sdp.media[0].source_filters == [
        sipmsg.SourceFilter("incl", "IN", "*", "dst.example.com", ("192.0.2.10", "2001:db8::1"))]
    bad = [d for d in sdp.diagnostics if d.severity == "error"]
    assert len(bad) == 1 and "neither incl nor excl" in bad[0].message


def test_source_filter_address_type_is_checked():
    sdp = sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
                           b"m=audio 49170 RTP/AVP 0\r\nc=IN IP4 232.3.4.5/127\r\n"
                           b"a=source-filter: incl IN IP4 232.3.4.5 2001:db8::1\r\n")
    found = [d for d in sdp.check() if d.code == "sdp-bad-address"]
    assert [(d.severity, d.message) for d in found] == [("warning", "an IPv6 address with address type IP4")]


def test_fields_separated_by_more_than_one_space():
    text = b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio  49170 RTP/AVP 0\r\n"
    sdp = sipmsg.parse_sdp(text)
    assert sdp.media[0].port == 49170
    assert any(d.message == "fields not separated by exactly one space" for d in sdp.diagnostics)
    with pytest.raises(sipmsg.ParseError) as e:
        sipmsg.parse_sdp(text, strict=True)
    assert (e.value.line, e.value.column) == (5, 9)


def test_malformed_media_port_is_none():
    sdp = sipmsg.parse_sdp(b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio x RTP/AVP 0\r\n")
    assert sdp.media[0].port is None
    assert sdp.media[0].port_count is None
    assert any(d.severity == "error" for d in sdp.diagnostics)


TWO = (b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
       b"m=audio 5004 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=mid:a\r\n"
       b"m=video 5006 RTP/AVP 99\r\na=rtpmap:99 H264/90000\r\na=mid:v\r\n")


def test_formats_setter_rewrites_the_m_line():
    sdp = sipmsg.parse_sdp(TWO)
    audio = sdp.media[0]
    audio.formats = [8, "0", 101]
    assert audio.formats == ["8", "0", "101"]
    assert audio.port == 5004 and audio.proto == "RTP/AVP"
    assert b"m=audio 5004 RTP/AVP 8 0 101\r\n" in bytes(sdp)
    assert sipmsg.parse_sdp(bytes(sdp)).media[0].formats == ["8", "0", "101"]
    with pytest.raises(sipmsg.Error, match="at least one"):
        audio.formats = []
    with pytest.raises(sipmsg.Error, match="format"):
        audio.formats = ["0 8"]
    assert audio.formats == ["8", "0", "101"]


def test_insert_and_replace_media_keep_the_order_and_the_other_sections():
    sdp = sipmsg.parse_sdp(TWO)
    data = sipmsg.Media("application", 9, "UDP/DTLS/SCTP", ["webrtc-datachannel"], [("mid", "d")])
    new = sdp.insert_media(1, data)
    assert new.attribute("mid") == "d"
    assert [m.attribute("mid") for m in sdp.media] == ["a", "d", "v"]
    assert sdp.media[2].rtpmaps == [sipmsg.Rtpmap(99, "H264", 90000)]
    sdp.insert_media(0, sipmsg.Media("audio", 6000, "RTP/AVP", [0], [("mid", "first")]))
    sdp.insert_media(len(sdp.media), sipmsg.Media("audio", 6002, "RTP/AVP", [0], [("mid", "last")]))
    sdp.insert_media(-1, sipmsg.Media("audio", 6004, "RTP/AVP", [0], [("mid", "before-last")]))
    assert [m.attribute("mid") for m in sdp.media] == ["first", "a", "d", "v", "before-last", "last"]
    got = sdp.replace_media(2, sipmsg.Media("audio", 7000, "RTP/AVP", [8], [("mid", "d2")]))
    assert got.port == 7000
    assert [m.attribute("mid") for m in sdp.media] == ["first", "a", "d2", "v", "before-last", "last"]
    again = sipmsg.parse_sdp(bytes(sdp))
    assert [(m.media, m.port, m.attribute("mid")) for m in again.media] == [
        (m.media, m.port, m.attribute("mid")) for m in sdp.media]
    with pytest.raises(IndexError):
        sdp.replace_media(6, got)
    with pytest.raises(IndexError):
        sdp.insert_media(8, got)
    with pytest.raises(TypeError):
        sdp.replace_media(0, "m=audio 1 RTP/AVP 0")  # type: ignore[arg-type]


def test_edits_through_a_removed_media_section_raise():
    sdp = sipmsg.parse_sdp(TWO)
    audio, video = sdp.media
    sdp.remove_media(0)
    assert audio.removed and not video.removed
    assert audio.port == 5004                       # reading still works
    edits = [lambda: setattr(audio, "port", 1), lambda: audio.add_attribute("x"),
             lambda: audio.remove_attribute("mid"), lambda: setattr(audio, "direction", "sendonly"),
             lambda: setattr(audio, "connection", sipmsg.Connection("192.0.2.2")),
             lambda: setattr(audio, "formats", [0])]
    for edit in edits:
        with pytest.raises(sipmsg.Error, match="no longer in its Sdp") as exc:
            edit()
        assert exc.value.status == "state"
    before = bytes(sdp)
    video.add_attribute("x")                         # a live one still edits
    assert bytes(sdp) != before


def test_replace_media_makes_the_old_views_stale():
    sdp = sipmsg.parse_sdp(TWO)
    audio, video = sdp.media
    sdp.replace_media(0, sipmsg.Media("audio", 7000, "RTP/AVP", [0]))
    assert audio.removed and video.removed          # the video section was re-made after it
    with pytest.raises(sipmsg.Error, match="no longer in its Sdp"):
        video.port = 1
    sdp.media[1].port = 1
    assert sdp.media[1].port == 1


def test_capi_refuses_edits_of_a_removed_section_for_every_language():
    sdp = sipmsg.parse_sdp(TWO)
    sec = sdp._s.media_at(0)
    sdp._s.remove_media(0)
    assert sec.is_removed()
    with pytest.raises(sipmsg.Error) as exc:
        sec.attr_add("x", None)
    assert exc.value.status == "state"


MULTIPART = (b"INVITE sip:bob@example.com SIP/2.0\r\n"
             b"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
             b"Call-ID: mp@192.0.2.1\r\nCSeq: 1 INVITE\r\n"
             b"Content-Type: multipart/mixed;boundary=unique-boundary-1\r\n"
             b"Content-Length: %d\r\n\r\n")
MULTIPART_BODY = (b"--unique-boundary-1\r\n"
                  b"Content-Type: application/sdp\r\n\r\n"
                  b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n\r\n"
                  b"--unique-boundary-1\r\n"
                  b"Content-Type: application/isup;version=itu-t92+\r\n"
                  b"Content-Disposition: signal;handling=optional\r\n\r\n"
                  b"\x01\x00\x49\x00\x00\x03\x02\x00\x07\r\n"
                  b"--unique-boundary-1--\r\n")


def test_setting_an_sdp_on_a_multipart_body_replaces_only_the_sdp_part():
    msg = sipmsg.parse(MULTIPART % len(MULTIPART_BODY) + MULTIPART_BODY)
    isup_before = msg.parts[1]
    sdp = msg.sdp
    assert sdp is not None
    sdp.media[0].port = 6000
    msg.body = sdp
    parts = msg.parts
    assert [p.content_type for p in parts] == ["application/sdp", "application/isup;version=itu-t92+"]
    assert parts[1].body == isup_before.body
    assert parts[1].headers == isup_before.headers
    assert msg.header("Content-Type") == "multipart/mixed;boundary=unique-boundary-1"
    again = sipmsg.parse(bytes(msg))
    assert again.sdp is not None and again.sdp.media[0].port == 6000
    assert int(again.header("Content-Length") or "") == len(again.body)
    msg.set_body(sdp, content_type="application/sdp")   # asked for: the whole body
    assert msg.parts == [] and msg.header("Content-Type") == "application/sdp"


def test_setting_an_sdp_on_a_nested_multipart_sdp_part_raises():
    inner = (b"--inner\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=-\r\n\r\n--inner--\r\n")
    body = (b"--outer\r\nContent-Type: multipart/alternative;boundary=inner\r\n\r\n" + inner +
            b"\r\n--outer\r\nContent-Type: text/plain\r\n\r\nhi\r\n--outer--\r\n")
    head = MULTIPART.replace(b"boundary=unique-boundary-1", b"boundary=outer")
    msg = sipmsg.parse(head % len(body) + body)
    sdp = msg.sdp
    assert sdp is not None
    before = bytes(msg)
    with pytest.raises(sipmsg.Error, match="nested multipart") as exc:
        msg.body = sdp
    assert exc.value.status == "unsupported" and bytes(msg) == before


@pytest.mark.parametrize("strict", [False, True])
def test_text_that_is_not_sdp_at_all_raises_with_a_position(strict):
    with pytest.raises(sipmsg.ParseError) as exc:
        sipmsg.parse_sdp(b"hello", strict=strict)
    e = exc.value
    assert (e.offset, e.line, e.column) == (0, 1, 1)
    assert "<letter>=<value>" in str(e) and str(e).startswith("line 1, column 1: ")
    with pytest.raises(sipmsg.ParseError):
        sipmsg.parse_sdp(b"<html>\r\n<body>502 Bad Gateway</body>\r\n", strict=strict)
    with pytest.raises(sipmsg.ParseError):
        sipmsg.parse_sdp(b"\r\n\r\n", strict=strict)


def test_lenient_parse_keeps_an_sdp_with_some_bad_lines():
    sdp = sipmsg.parse_sdp(b"hello\r\nv=0\r\ns=-\r\n")
    assert [d.code for d in sdp.diagnostics][:1] == ["sdp-bad-line"]
    with pytest.raises(sipmsg.ParseError):
        sipmsg.parse_sdp(b"hello\r\nv=0\r\ns=-\r\n", strict=True)


def test_message_body_that_is_not_sdp_raises():
    msg = sipmsg.Request("INVITE", "sip:bob@example.com", body=b"hello", content_type="application/sdp")
    with pytest.raises(sipmsg.ParseError, match="not an SDP") as exc:
        msg.sdp
    assert (exc.value.line, exc.value.column) == (1, 1)
