#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed corpus of every fuzz target into tests/fuzz/corpus/<target>/.

The messages below are the project's own (written for these seeds, covering
the shapes the parser distinguishes). Each target reads option bytes before
the message (tests/fuzz/fuzz.h), so every seed is a prefix plus a message.
Run it again after changing the messages or the option layout:

    /usr/bin/python3 tests/fuzz/gen_seeds.py
"""
import os
import shutil
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

SDP = (b"v=0\r\no=alice 2890844526 2890844526 IN IP4 198.51.100.7\r\ns=-\r\n"
       b"c=IN IP4 198.51.100.7\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8 101\r\n"
       b"a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n")


def msg(start, headers, body=b"", cl=True, eol=b"\r\n", sep=None):
    lines = [start] + headers
    if cl:
        lines.append(b"Content-Length: %d" % len(body))
    head = eol.join(lines) + eol
    return head + (eol if sep is None else sep) + body


MESSAGES = {
    "invite-sdp": msg(b"INVITE sip:bob@biloxi.example.org SIP/2.0", [
        b"Via: SIP/2.0/UDP pc33.atlanta.example.org:5060;branch=z9hG4bK776asdhds",
        b"Max-Forwards: 70",
        b'From: "Alice" <sip:alice@atlanta.example.org>;tag=1928301774',
        b"To: Bob <sip:bob@biloxi.example.org>",
        b"Call-ID: a84b4c76e66710@pc33.atlanta.example.org",
        b"CSeq: 314159 INVITE",
        b"Contact: <sip:alice@pc33.atlanta.example.org>",
        b"Content-Type: application/sdp"], SDP),
    "register-compact": msg(b"REGISTER sip:registrar.example.net SIP/2.0", [
        b"v: SIP/2.0/TCP 192.0.2.4:5060;branch=z9hG4bKnashds7;rport",
        b"f: <sip:carol@example.net>;tag=456248",
        b"t: <sip:carol@example.net>",
        b"i: 843817637684230@998sdasdh09",
        b"CSeq: 1826 REGISTER",
        b"m: <sip:carol@192.0.2.4>;expires=7200;q=0.7, <sip:carol@[2001:db8::9]:5070>",
        b"k: path, gruu",
        b"Expires: 7200"], b"", True),
    "ok-response": msg(b"SIP/2.0 200 OK", [
        b"Via: SIP/2.0/UDP server10.biloxi.example.org;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3",
        b"Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.org;branch=z9hG4bK77ef4c2312983.1, "
        b"SIP/2.0/UDP pc33.atlanta.example.org;branch=z9hG4bKnashds8",
        b"Record-Route: <sip:p1.example.org;lr>, <sip:p2.example.org;lr>",
        b"From: Alice <sip:alice@atlanta.example.org>;tag=1928301774",
        b"To: Bob <sip:bob@biloxi.example.org>;tag=a6c85cf",
        b"Call-ID: a84b4c76e66710",
        b"CSeq: 314159 INVITE",
        b"Contact: <sip:bob@192.0.2.4>",
        b"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE"]),
    "options-bare-lf": msg(b"OPTIONS sip:carol@chicago.example.com SIP/2.0", [
        b"Via: SIP/2.0/UDP pc33.atlanta.example.org;branch=z9hG4bKhjhs8ass877",
        b"Max-Forwards: 70",
        b"To: <sip:carol@chicago.example.com>",
        b"From: Alice <sip:alice@atlanta.example.org>;tag=1928301774",
        b"Call-ID: a84b4c76e66710",
        b"CSeq: 63104 OPTIONS",
        b"Accept: application/sdp"], eol=b"\n"),
    "folded": msg(b"MESSAGE sip:user@example.com SIP/2.0", [
        b"Via: SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK74bf9",
        b"Subject: a subject that goes\r\n   on over\r\n\tthree lines",
        b"From: <sip:a@example.com>\r\n ;tag=88",
        b"To: <sip:user@example.com>",
        b"Call-ID: folded@example.com",
        b"CSeq: 1 MESSAGE",
        b"Content-Type: text/plain"], b"hello"),
    "leading-crlf": b"\r\n\r\n" + msg(b"BYE sip:bob@192.0.2.4 SIP/2.0", [
        b"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKnashds10",
        b"From: <sip:alice@example.org>;tag=1", b"To: <sip:bob@example.org>;tag=2",
        b"Call-ID: x@y", b"CSeq: 2 BYE"]),
    "unterminated": b"OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nSubject: no end",
    "short-body": msg(b"MESSAGE sip:x@example.com SIP/2.0", [b"Content-Type: text/plain"], cl=False) .replace(
        b"\r\n\r\n", b"\r\nContent-Length: 50\r\n\r\n") + b"only a few bytes",
    "trailing-bytes": msg(b"NOTIFY sip:x@example.com SIP/2.0", [
        b"Event: presence;id=7", b"Subscription-State: active;expires=599",
        b"Content-Type: application/pidf+xml"], b"<p/>") + b"GARBAGE AFTER THE MESSAGE",
    "bad-lines": msg(b"INFO sip:x@example.com SIP/2.0", [
        b"this line has no colon", b" continuation of nothing", b"X-Ctl: a\x01b", b"Bad Name: v",
        b"Max-Forwards: 999", b"CSeq: abc", b"Content-Type"]),
    "status-no-reason": b"SIP/2.0 180\r\nCall-ID: r\r\nContent-Length: 0\r\n\r\n",
    "request-spaces": b"INVITE  sip:x@example.com  SIP/2.0 \r\nl: 0\r\n\r\n",
    "multipart": msg(b"INVITE sip:x@example.com SIP/2.0", [
        b'Content-Type: multipart/mixed;boundary="unique-boundary-1"', b"MIME-Version: 1.0"],
        b"--unique-boundary-1\r\nContent-Type: application/sdp\r\n\r\n" + SDP +
        b"\r\n--unique-boundary-1\r\nContent-Type: application/isup; version=itu-t92+\r\n\r\n\x01\x02\x00\xff"
        b"\r\n--unique-boundary-1--\r\n"),
    "lists-quotes": msg(b"SUBSCRIBE sip:x@example.com SIP/2.0", [
        b'Contact: "Hi, there" <sip:a@b;x=",">;q=0.5, <sip:c@d>,,',
        b'Route: <sip:r1;lr>,<sip:r2;lr>', b"Route: <sip:r3;lr>",
        b"Warning: 370 devnull \"Choose a bigger pipe\"",
        b'Authorization: Digest username="bob", realm="biloxi.com", nonce="dcd98b", uri="sip:bob@biloxi.com", '
        b'response="6629fae49393a05397450978507c4ef1"',
        b"Date: Sat, 13 Nov 2010 23:29:00 GMT", b"Supported: ", b"Accept-Contact: *;audio"]),
    "conflicting-length": b"MESSAGE sip:x SIP/2.0\r\nl: 1\r\nContent-Length: 2\r\n\r\nab",
    "sip3": b"OPTIONS sip:x SIP/3.0\r\nContent-Length: 0\r\n\r\n",
    "lone-cr": b"OPTIONS sip:x SIP/2.0\r\nSubject: a\rb\r\nContent-Length: 0\r\n\r",
    "huge-length": b"OPTIONS sip:x SIP/2.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
    "unknown-method": msg(b"FOO.BAR! tel:+1-201-555-0123;phone-context=x SIP/2.0", [
        b"X-Custom-Header: value", b"x-custom-header: other", b"RAck: 776656 1 INVITE", b"RSeq: 988789",
        b"Session-Expires: 4000;refresher=uac", b"Timestamp: 54.3 0.2", b"Retry-After: 18000;duration=3600"]),
    "empty": b"",
    "volte-ims": msg(b"INVITE sip:+15551234567@ims.example.net;user=phone SIP/2.0", [
        b"Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKims7",
        b"Max-Forwards: 70", b"From: <sip:alice@ims.example.net>;tag=a1", b"To: <tel:+15551234567>",
        b"Call-ID: ims7@2001:db8::1", b"CSeq: 1 INVITE",
        b"Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=00000000000000000000000000000000",
        b"Resource-Priority: wps.2, dsn.flash", b"Accept-Resource-Priority: ",
        b"P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=\"; icid-generated-at=[2001:db8::1]; "
        b"orig-ioi=home1.net; transit-ioi=\"1.a,2.void\"",
        b"P-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=234150999999999; network-provided, "
        b"IEEE-802.11;i-wlan-node-id=ffeeddccbbaa",
        b"Session-ID: AB30317F1A784DC48FF824D0D3715D86;remote=1234",
        b"P-Access-Network-Info: ;\"x\"", b"Resource-Priority: wps"]),
    # sorts after volte-ims, so the other messages keep their prefixes
    "volte-ims-pani-pcv": msg(b"MESSAGE sip:+15551234567@ims.example.net SIP/2.0", [
        b"Via: SIP/2.0/UDP h;branch=z9hG4bKa;received=192.0.2.1;rport=1;maddr=[2001:db8:::192.0.2.1];ttl=1"
        b";BRANCH=z9hG4bKb;received=2001:db8::2;rport;maddr=mc-1.example.net.;ttl=2",
        b"Via: SIP/2.0/TCP g;maddr=239.1.1.256, SIP/2.0/TCP g;maddr=-x, SIP/2.0/TCP g;maddr=a!b",
        b"Max-Forwards: 70", b"From: <sip:alice@ims.example.net;maddr=10.0.0>;tag=a1", b"To: <tel:+15551234567>",
        b"Call-ID: pani-pcv@h", b"CSeq: 2 MESSAGE",
        b"P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=23456789ABCDE; \"x,y\"; [2001:db8::1]; "
        b"network-provided",
        b"P-Access-Network-Info: 3GPP-GERAN; cgi-3gpp=2345678ABCDEF; [x]",
        b"P-Access-Network-Info: 3GPP-E-UTRAN-TDD; utran-cell-id-3gpp=0010100010019B01, "
        b"ADSL; dsl-location=\"a b\", IEEE-802.11; i-wlan-node-id=ffeeddccbbaa; [], "
        b"3GPP2-1X-HRPD; ci-3gpp2=1234123412341234123412341234; utran-sai-3gpp=x; ;",
        b"P-Charging-Vector: icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net; "
        b"term-ioi=home2.net; transit-ioi=\"a.1,void.2,b-c.10\"; related-icid=x; related-icid-generated-at=h",
        b"P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=\";icid-value=2;orig-ioi=a;orig-ioi=b;"
        b"transit-ioi=x.1;transit-ioi=\"1.a,,void.,.3\";term-ioi=\"q\"",
        b"P-Charging-Vector: orig-ioi=a", b"P-Charging-Vector: icid-value="]),
}

PARSE_PREFIXES = {
    "default": bytes(6),
    "strict": bytes([0x01, 0, 0, 0, 0, 0]),
    "stream": bytes([0x02, 0, 0, 0, 0, 0]),
    "copy-arena": bytes([0x0c, 0, 0, 0, 0, 0]),
    "small-limits": bytes([0x10, 0, 16, 8, 32, 0]),
    "must-be-valid-all": bytes([0x40, 0, 0, 0, 0, 0]),
    "no-lenient": bytes([0x20, 0xff, 0, 0, 0, 0]),
    "fail-alloc-2": bytes([0x80, 0, 0, 0, 0, 1]),
}

# (kind, a, b) edits for fuzz_edit.c: 0 add, 1 insert, 2 replace, 3 remove,
# 4 remove_all, 5 set, 6 set_body, 7 Request-URI, 8 method, 9 status, 10 clone, 11 write
EDIT_PROGRAMS = {
    "add-set-remove": [(0, 0, 1), (5, 4, 2), (3, 2, 0), (4, 6, 0), (11, 0, 0), (11, 0, 0)],
    "body-uri-clone": [(6, 1, 4), (7, 0, 3), (10, 0, 0), (2, 3, 6), (1, 5, 7), (9, 33, 0)],
    "method-invalid": [(8, 2, 0), (0, 17, 0), (2, 0, 9), (6, 3, 0), (5, 13, 12), (1, 255, 255)],
}


URIS = {
    "sip-full": b"sip:alice:secret@atlanta.example.com:5061;transport=tcp;lr;maddr=192.0.2.1;ttl=15;user=phone;method=INVITE?subject=project%20x&priority=urgent",
    "sips-ipv6": b"sips:[2001:db8::10]:5070;transport=tls",
    "sip-escaped-user": b"sip:%61lice;x=1@example.com;unknownparam=%20;novalue",
    "tel": b"tel:+1-201-555-0123;phone-context=example.com;ext=22",
    "urn": b"urn:service:sos",
    "ipv4-host": b"sip:192.0.2.4",
    "quoted-header": b"sip:carol@chicago.example.com?Call-ID=a84b4c76e66710&to=%3Csip:x%3E",
    "bad-port": b"sip:a@b:99999",
    "bad-ipv6": b"sip:[2001:db8::zz]",
    "many-params": b"sip:x" + b"".join(b";p%d=%d" % (i, i) for i in range(40)),
}

SDPS = {
    "audio": SDP,
    "webrtc": (b"v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
               b"a=group:BUNDLE 0 1\r\na=msid-semantic: WMS stream\r\n"
               b"m=audio 9 UDP/TLS/RTP/SAVPF 111 103\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
               b"a=ice-ufrag:EsAw\r\na=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\r\na=ice-options:trickle\r\n"
               b"a=fingerprint:sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F\r\n"
               b"a=setup:actpass\r\na=mid:0\r\na=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
               b"a=sendrecv\r\na=msid:stream track0\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
               b"a=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
               b"a=ssrc:3735928559 cname:4TOk42mSjXCkVIa6\r\n"
               b"a=candidate:1 1 udp 2122260223 192.0.2.3 54400 typ host generation 0 network-id 1\r\n"
               b"m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n"
               b"a=rtpmap:96 VP8/90000\r\na=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n"
               b"a=ssrc-group:FID 1 2\r\na=rid:h send pt=96;max-width=1280\r\na=simulcast:send h;~l\r\n"
               b"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n"),
    "bare-lf-out-of-order": b"v=0\ns=x\no=a 1 1 IN IP6 ::1\nm=application 5000 UDP/DTLS/SCTP webrtc-datachannel\na=sctp-port:5000\na=max-message-size:262144\nb=AS:30\nnot a line\nk=clear:x\nz=1 -1h\nr=7d 1h 0 25h\n",
    "silencesupp": (b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                    b"m=audio 49170 RTP/AVP 0 18\r\na=silenceSupp:on 250 standard Fixed Noise 30\r\n"
                    b"a=silenceSupp:off - - - -\r\na=silenceSupp: on - custom No\tSID -\r\n"
                    b"a=silenceSupp:ON 20 - sampled  noise 7\r\na=silenceSupp:on - - Fixed\r\n"),
    "bad-values": b"v=1\r\no=\r\ns=\r\nc=IN IP4 999.1.1.1\r\nt=x y\r\nm=audio 70000 RTP/AVP abc\r\na=rtpmap:x\r\na=fmtp\r\n",
}

BOUNDARY = b"unique-boundary-1"
MULTIPARTS = {
    "two-parts": b"preamble\r\n--unique-boundary-1\r\nContent-Type: application/sdp\r\n\r\n" + SDP +
                 b"\r\n--unique-boundary-1\r\nContent-Type: text/plain\r\nContent-ID: <a@b>\r\n\r\nhello\r\n--unique-boundary-1--\r\nepilogue",
    "nested": b"--unique-boundary-1\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
              b"--inner\r\nContent-Type: text/plain\r\n\r\na\r\n--inner\r\n\r\nb\r\n--inner--\r\n"
              b"\r\n--unique-boundary-1--\r\n",
    "unclosed": b"--unique-boundary-1\r\nContent-Type: text/plain\r\n\r\nno end",
    "no-colon": b"--unique-boundary-1\r\nnot a header\r\n\r\nx\r\n--unique-boundary-1--",
}


# fuzz_build.c: a string is a length byte (0xfe: 16-bit length follows) and
# its bytes; ops below 0x80 are SIP calls (op % 18), from 0x80 SDP calls (op % 16).
def bstr(b):
    if len(b) < 0xfe:
        return bytes([len(b)]) + b
    return bytes([0xfe, len(b) >> 8, len(b) & 255]) + b


def u16(v):
    return bytes([v >> 8, v & 255])


def u32(v):
    return u16(v >> 16) + u16(v & 0xffff)


BUILD_INVITE_OPS = (
    bytes([10, 1]) + u16(5060) + bstr(b"UDP") + bstr(b"pc33.atlanta.example.com") + bstr(b"z9hG4bK776asdhds") +
    bytes([11, 3]) + bstr(b'Alice "A" \\') + bstr(b"sip:alice@atlanta.example.com") + bstr(b"1928301774") +
    bytes([12, 1]) + bstr(b"Bob") + bstr(b"sip:bob@biloxi.example.com") + bstr(b"") +
    bytes([15, 1]) + u32(0) + bstr(b"a84b4c76e66710@pc33.atlanta.example.com") +
    bytes([15, 3]) + u32(314159) + bstr(b"INVITE") +
    bytes([16, 22]) + u32(70) +
    bytes([13, 0]) + bstr(b"") + bstr(b"sip:alice@192.0.2.1;transport=tcp") + bstr(b"") +
    bytes([14, 0]) + bstr(b"") + bstr(b"sip:p1.example.com;lr") + bstr(b"") +
    bytes([0]) + bstr(b"Subject") + bstr(b"lunch?") +
    bytes([6, 1]) + bstr(SDP) + bstr(b""))
BUILD_SDP_OPS = (
    bytes([0x80, 0]) + bstr(b"alice") + bstr(b"2890844526") + bstr(b"") + bstr(b"IN") + bstr(b"IP4") +
    bstr(b"198.51.100.7") + u32(0) + u16(1) +
    bytes([0x81, 0]) + bstr(b"call") +
    bytes([0x82, 0]) + u32(0) + bytes([0]) + u32(0) +
    bytes([0x83, 0]) + bstr(b"IN") + bstr(b"IP4") + bstr(b"198.51.100.7") + bytes([0x80, 0]) +
    bytes([0x8d, 0]) + bstr(b"audio 49170 RTP/AVP 0 8 101") +
    bytes([0x8a, 1, 0, 0]) + bstr(b"rtpmap") + bstr(b"101 telephone-event/8000") +
    bytes([0x86, 1, 2]) +
    bytes([0x8e, 0]) + bstr(b"video") + bstr(b"RTP/AVP") + bstr(b"96") + bstr(b"97") + bstr(b"") + bstr(b"") +
    bytes([2]) + u16(3000) +
    bytes([0x87, 2, ord("b")]) + bstr(b"AS:64") +
    bytes([0x8f, 0, 1]))
BUILD_SEEDS = {
    # mode, fail byte, start, ops
    "invite": (0, 0, bstr(b"INVITE") + bstr(b"sip:bob@biloxi.example.com"),
               BUILD_INVITE_OPS + bytes([17]) + u16(486) + bytes([2]) + bstr(b"") + bstr(b"a6c85cf") + BUILD_SDP_OPS),
    "invite-compact-canonical": (0x30, 0, bstr(b"INVITE") + bstr(b"sip:bob@biloxi.example.com"),
                                 BUILD_INVITE_OPS + bytes([17]) + u16(180) + bytes([0, 0, 0])),
    "response": (2, 0, u16(200) + bytes([1]) + bstr(b""),
                 bytes([9]) + u16(486) + bytes([0]) + bstr(b"Busy Here") + BUILD_INVITE_OPS[:40] + BUILD_SDP_OPS),
    "parsed-invite": (4, 0, bstr(MESSAGES["invite-sdp"]),
                      bytes([17]) + u16(603) + bytes([3]) + bstr(b"Decline") + bstr(b"t1") +
                      bytes([5]) + bstr(b"Max-Forwards") + bstr(b"69") + bytes([3, 1, 4]) + bstr(b"From") +
                      bytes([7]) + bstr(b"sip:carol@example.com") + bytes([8]) + bstr(b"OPTIONS")),
    "parsed-folded": (4, 0, bstr(MESSAGES["folded"]), bytes([1, 0]) + bstr(b"X-A") + bstr(b"b") + bytes([17]) + u16(200) + bytes([0, 0, 0])),
    "parsed-sdp": (8, 0, bstr(b"OPTIONS") + bstr(b"sip:x") + bstr(SDPS["webrtc"]),
                   bytes([0x84, 1, 1]) + bstr(b"2001:db8::1") + bytes([0x85, 1]) + u16(9) + bytes([0]) +
                   bytes([0x8c, 1]) + bstr(b"candidate") + bytes([0x88, 0, 5, 0]) + bstr(b"x") +
                   bytes([0x89, 0, 3]) + bytes([0x8b, 1, 1, 1]) + bstr(b"end-of-candidates") + bstr(b"") +
                   bytes([0x8f, 0, 2])),
    "parsed-sdp-bare-lf": (8, 0, bstr(b"OPTIONS") + bstr(b"sip:x") + bstr(SDPS["bare-lf-out-of-order"]), bytes([0x8a, 0, 0, 0]) + bstr(b"x") + bstr(b"y") +
                           bytes([0x86, 1, 0])),
    "hostile": (0, 0, bstr(b"MESSAGE") + bstr(b"sip:x"),
                bytes([8]) + bstr(b"INV\r\nITE") + bytes([7]) + bstr(b"sip:a b") + bytes([0]) + bstr(b"X-A") + bstr(b"a\r\nb") + bytes([0]) + bstr(b"X-B") + bstr(b"a\x00b") +
                bytes([6, 2]) + bstr(b"\x00body\r\n") + bstr(b"text/plain\r\nX: y") +
                bytes([11, 1]) + bstr(b"A\x00B") + bstr(b"sip:a@b\x00c") + bstr(b"t") +
                bytes([0x81, 0]) + bstr(b"a\rb") + bytes([0x8a, 0, 0, 0]) + bstr(b"a:b") + bstr(b"c") +
                bytes([0x8d, 0]) + bstr(b"audio\x00 1 RTP/AVP 0")),
}


# --- capture: byte 0 the link type (index into fuzz_capture.c's table), byte 1
# the options, byte 2 the tunnel options, then frames: 2-byte big-endian
# length (top bit: a snaplen cut) and the bytes.
LINK_INDEX = {1: 0, 101: 1, 113: 2, 276: 3, 0: 4, 108: 5, 228: 6, 229: 7,
              105: 16, 127: 17, 119: 18, 163: 19, 192: 20}
SAMPLE_PCAP = os.path.join(HERE, "..", "..", "docs", "samples", "sipp-calls.pcap")


def capture_seed(link, frames, opts=0, cut=(), tunnels=0):
    out = bytes([LINK_INDEX[link], opts, tunnels])
    for i, f in enumerate(frames):
        assert len(f) < 0x8000
        out += struct.pack(">H", len(f) | (0x8000 if i in cut else 0)) + f
    return out


def pcap_frames(path):
    """The link type and frames of a classic pcap file (either byte order)."""
    with open(path, "rb") as f:
        d = f.read()
    end = {b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">",
           b"\x4d\x3c\xb2\xa1": "<", b"\xa1\xb2\x3c\x4d": ">"}[d[:4]]
    link = struct.unpack(end + "I", d[20:24])[0] & 0x0fffffff
    frames, off = [], 24
    while off + 16 <= len(d):
        incl = struct.unpack(end + "I", d[off + 8:off + 12])[0]
        frames.append(d[off + 16:off + 16 + incl])
        off += 16 + incl
    return link, frames


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def ipv4(src, dst, proto, payload, ident=1, frag_off=0, more=False, total=None):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total or 20 + len(payload), ident,
                    (0x2000 if more else 0) | (frag_off // 8), 64, proto, 0, bytes(src), bytes(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(sport, dport, seq, ack, payload, flags=0x18):
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload


def sctp(sport, dport, vtag, chunks):
    return struct.pack("!HHII", sport, dport, vtag, 0) + b"".join(chunks)


def sctp_data(tsn, flags, payload, stream=0):
    """A DATA chunk (flags: 2 first fragment, 1 last, 3 whole), padded."""
    c = struct.pack("!BBHIHHI", 0, flags, 16 + len(payload), tsn, stream, 0, 0) + payload
    return c + b"\0" * (-len(c) % 4)


def sctp_idata(tsn, flags, mid, fsn_or_ppid, payload, stream=0):
    """An I-DATA chunk (RFC 8260; flags as sctp_data, 4 unordered), padded."""
    c = struct.pack("!BBHIHHII", 64, flags, 20 + len(payload), tsn, stream, 0, mid, fsn_or_ppid) + payload
    return c + b"\0" * (-len(c) % 4)


def ether(payload, etype=0x0800):
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + struct.pack("!H", etype) + payload


A4, B4, C4, D4 = [192, 0, 2, 1], [192, 0, 2, 2], [198, 51, 100, 1], [198, 51, 100, 2]


def wlan_data(payload, etype=0x0800, qos=False, flags=0x01):
    """An 802.11 data frame to the AP (QoS: TID 5), LLC/SNAP, payload."""
    addrs = b"\x02\0\0\0\0\x10" + b"\x02\0\0\0\0\x11" + b"\x02\0\0\0\0\x12"
    h = bytes([0x88 if qos else 0x08, flags]) + b"\x2c\0" + addrs + struct.pack("<H", 0x123 << 4)
    if qos:
        h += b"\x05\0"
    return h + b"\xaa\xaa\x03\0\0\0" + struct.pack("!H", etype) + payload


def wlan_amsdu(payloads, mesh=False):
    """A QoS data frame from a mesh STA or an AP (FromDS) holding an A-MSDU:
    subframes of DA, SA, length, [mesh control, AE mode 1,] LLC/SNAP, IPv4,
    each but the last padded to 4 bytes."""
    addrs = b"\x02\0\0\0\0\x11" + b"\x02\0\0\0\0\x10" + b"\x02\0\0\0\0\x12"
    h = b"\x88\x02\x2c\0" + addrs + struct.pack("<H", 0x123 << 4) + bytes([0x85, 0x01 if mesh else 0])
    body = b""
    for i, p in enumerate(payloads):
        if i:
            body += bytes(-len(body) % 4)
        msdu = (b"\x01\x1f" + struct.pack("<I", i) + b"\x02\0\0\0\0\x33" if mesh else b"") + \
            b"\xaa\xaa\x03\0\0\0\x08\0" + p
        body += b"\x02\0\0\0\0\x21\x02\0\0\0\0\x22" + struct.pack("!H", len(msdu)) + msdu
    return h + body


def wlan_fcs(frame):
    return frame + struct.pack("<I", zlib.crc32(frame))


def radiotap(frame, fcs=True):
    """Radiotap: TSFT, flags (FCS at the end when fcs), then the frame."""
    return struct.pack("<BBHIQB", 0, 0, 17, 0x3, 1, 0x10 if fcs else 0) + (wlan_fcs(frame) if fcs else frame)


def hep3(src, dst, sport, dport, payload):
    def chunk(t, v):
        return struct.pack("!HHH", 0, t, 6 + len(v)) + v
    body = (chunk(1, b"\x02") + chunk(2, b"\x11") + chunk(3, bytes(src)) + chunk(4, bytes(dst)) +
            chunk(7, struct.pack("!H", sport)) + chunk(8, struct.pack("!H", dport)) +
            chunk(9, struct.pack("!I", 1700000000)) + chunk(10, struct.pack("!I", 5)) +
            chunk(11, b"\x01") + chunk(12, struct.pack("!I", 2001)) + chunk(15, payload))
    return b"HEP3" + struct.pack("!H", 6 + len(body)) + body


def ws_frame(payload, mask=None, opcode=1):
    n = len(payload)
    head = bytes([0x80 | opcode])
    m = 0x80 if mask else 0
    head += bytes([m | n]) if n < 126 else bytes([m | 126]) + struct.pack("!H", n)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        head += mask
    return head + payload


def capture_seeds():
    seeds = {}
    link, frames = pcap_frames(SAMPLE_PCAP)
    seeds["sipp-calls"] = capture_seed(link, frames)
    seeds["sipp-calls.small-limits"] = capture_seed(link, frames, opts=0x3f)
    seeds["sipp-calls.cut"] = capture_seed(link, frames[:12], opts=0x40, cut=(3, 7))

    invite = MESSAGES["invite-sdp"]
    dgram = ipv4(A4, B4, 17, udp(5060, 5060, invite))
    seeds["raw-udp-invite"] = capture_seed(101, [dgram])
    seeds["ipv4-udp-invite.cut"] = capture_seed(228, [dgram[:200]], cut=(0,))
    # the same datagram in two fragments (the first 8-aligned)
    u = udp(5060, 5060, invite)
    first, rest = u[:304], u[304:]
    seeds["raw-udp-fragments"] = capture_seed(101, [
        ipv4(A4, B4, 17, first, ident=7, more=True),
        ipv4(A4, B4, 17, rest, ident=7, frag_off=304)])
    seeds["raw-udp-fragments.expired"] = capture_seed(101, [
        ipv4(A4, B4, 17, first, ident=9, more=True), dgram, dgram, dgram,
        ipv4(A4, B4, 17, rest, ident=9, frag_off=304)], opts=0x80)
    seeds["raw-udp-fragments.reversed"] = capture_seed(101, [
        ipv4(A4, B4, 17, rest, ident=8, frag_off=304),
        ipv4(A4, B4, 17, first, ident=8, more=True)], opts=0x10)
    # first fragments cut by the snaplen (ipfrag remembers their datagram, so
    # that it is counted once): with room for one datagram, B's cut copies
    # beside A's held fragment, then B remembered once A completes, B's last
    # fragment cut, and C's first cut before its start line could be told
    C = ipv4(C4, B4, 17, first, ident=12, more=True)
    seeds["raw-udp-fragments.cut-first"] = capture_seed(101, [
        ipv4(A4, B4, 17, first, ident=11, more=True), C[:120], C[:120],
        ipv4(A4, B4, 17, rest, ident=11, frag_off=304), C[:120],
        ipv4(C4, B4, 17, rest, ident=12, frag_off=304)[:60],
        ipv4(C4, B4, 17, rest, ident=13, frag_off=304),
        ipv4(C4, B4, 17, first, ident=13, more=True)[:30]], opts=0x10, cut=(1, 2, 4, 5, 7))
    # GRE (EtherType IPv4) and VXLAN (UDP 4789, bridged Ethernet), on Ethernet
    gre = struct.pack("!HH", 0, 0x0800) + dgram
    seeds["gre-invite"] = capture_seed(1, [ether(ipv4(C4, D4, 47, gre))])
    vx = b"\x08\0\0\0\0\0\x2a\0" + ether(dgram)
    seeds["vxlan-invite"] = capture_seed(1, [ether(ipv4(C4, D4, 17, udp(40000, 4789, vx)))])
    # byte 2: no tunnels looked into; VXLAN looked for on SIP's 5060 (a SIP
    # start line is still SIP there)
    seeds["vxlan-invite.no-tunnels"] = capture_seed(1, [ether(ipv4(C4, D4, 17, udp(40000, 4789, vx)))], tunnels=0x01)
    gre_cut = ether(ipv4(C4, D4, 47, gre[:3]))
    seeds["gre-cut.no-tunnels"] = capture_seed(1, [gre_cut, gre_cut], tunnels=0x01)
    seeds["sipp-calls.vxlan-on-5060"] = capture_seed(link, frames[:12], tunnels=0x02)
    # 802.11: radiotap with an FCS (QoS data, then a protected frame), bare,
    # and PPI with its 802.11-Common field saying FCS
    seeds["radiotap-invite"] = capture_seed(127, [
        radiotap(wlan_data(dgram, qos=True)), radiotap(wlan_data(dgram, flags=0x41))])
    seeds["wlan-invite"] = capture_seed(105, [wlan_data(dgram)])
    # A-MSDUs: an INVITE in the second of two subframes, bare; in both of a
    # mesh one's (a mesh control field in each), after radiotap with an FCS
    short = ipv4(C4, D4, 17, udp(5004, 5004, b"\x80\0\x12\x34rtp"))
    seeds["wlan-amsdu-invite"] = capture_seed(105, [wlan_amsdu([short, dgram])])
    seeds["radiotap-mesh-amsdu-invite"] = capture_seed(127, [radiotap(wlan_amsdu([dgram, dgram], mesh=True))])
    ppi_common = struct.pack("<HHQHHHHBBbb", 2, 20, 1, 1, 12, 5180, 0x140, 0, 0, -50, -90)
    seeds["ppi-invite"] = capture_seed(192, [
        struct.pack("<BBHI", 0, 0, 8 + len(ppi_common), 105) + ppi_common + wlan_fcs(wlan_data(dgram, qos=True))])
    # GTP-U (UDP 2152; a sequence number, a PDU session container extension
    # header) and Geneve (UDP 6081, an option, Ethernet inside)
    gtp = struct.pack("!BBHIHBB", 0x36, 255, 8 + len(dgram), 1, 7, 0, 0x85) + b"\x01\x10\x09\x00" + dgram
    seeds["gtpu-invite"] = capture_seed(1, [ether(ipv4(C4, D4, 17, udp(2152, 2152, gtp)))])
    gnv = struct.pack("!BBHI", 2, 0, 0x6558, 200 << 8) + struct.pack("!HBBI", 0x0103, 0x80, 1, 7) + ether(dgram)
    seeds["geneve-invite"] = capture_seed(1, [ether(ipv4(C4, D4, 17, udp(49153, 6081, gnv)))])
    # byte 2: the ports rotated (VXLAN on 6081, Geneve on 2152, GTP-U on 4789),
    # so the Geneve packet is looked at as VXLAN (which it is not: no I flag)
    seeds["geneve-invite.ports-rotated"] = capture_seed(1, [ether(ipv4(C4, D4, 17, udp(49153, 6081, gnv)))],
                                                        tunnels=0x54)
    # HEPv3 to a collector, carrying an INVITE between A and B
    seeds["hep3-invite"] = capture_seed(228, [ipv4(C4, D4, 17, udp(9060, 9060, hep3(A4, B4, 5060, 5060, invite)))])
    # HEPv3 over TCP to a collector: two packets, the first cut after its
    # magic, the second whole with it in the second segment
    hs = hep3(A4, B4, 5060, 5060, invite) + hep3(B4, A4, 5060, 5060, MESSAGES["ok-response"])
    seeds["hep3-tcp-invite"] = capture_seed(101, [
        ipv4(C4, D4, 6, tcp(41000, 9060, 7000, 1, hs[:5])),
        ipv4(C4, D4, 6, tcp(41000, 9060, 7005, 1, hs[5:]))])
    # the same stream joined 20 bytes into its first packet (no SYN): the
    # second packet's header is looked for past the rest of the first
    seeds["hep3-tcp-joined-inside"] = capture_seed(101, [ipv4(C4, D4, 6, tcp(41000, 9060, 7020, 1, hs[20:]))])
    # SIP over WebSocket: upgrade, 101, one masked text frame, no SYN seen
    get = (b"GET / HTTP/1.1\r\nHost: ws.example.org\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           b"Sec-WebSocket-Protocol: sip\r\n\r\n")
    ok = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
    wsf = ws_frame(invite, mask=b"\x11\x22\x33\x44")
    cseq, sseq = 1000, 5000
    seeds["websocket-invite"] = capture_seed(101, [
        ipv4(A4, B4, 6, tcp(50000, 80, cseq, sseq, get)),
        ipv4(B4, A4, 6, tcp(80, 50000, sseq, cseq + len(get), ok)),
        ipv4(A4, B4, 6, tcp(50000, 80, cseq + len(get), sseq + len(ok), wsf))])
    # the same with permessage-deflate agreed (RFC 7692): two compressed
    # messages with context takeover, the second in an RSV1 frame and a
    # continuation
    getz = get.replace(b"\r\n\r\n", b"\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
    okz = ok.replace(b"\r\n\r\n", b"\r\nSec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10\r\n\r\n")
    zc = zlib.compressobj(9, zlib.DEFLATED, -15)
    z1 = (zc.compress(invite) + zc.flush(zlib.Z_SYNC_FLUSH))[:-4]
    z2 = (zc.compress(MESSAGES["ok-response"]) + zc.flush(zlib.Z_SYNC_FLUSH))[:-4]
    m = b"\x11\x22\x33\x44"
    f1 = ws_frame(z1, mask=m)
    f2 = ws_frame(z2[:10], mask=m)
    f3 = ws_frame(z2[10:], mask=m, opcode=0)
    wsz = bytes([f1[0] | 0x40]) + f1[1:] + bytes([(f2[0] & 0x7f) | 0x40]) + f2[1:] + f3
    seeds["websocket-deflate"] = capture_seed(101, [
        ipv4(A4, B4, 6, tcp(50000, 80, cseq, sseq, getz)),
        ipv4(B4, A4, 6, tcp(80, 50000, sseq, cseq + len(getz), okz)),
        ipv4(A4, B4, 6, tcp(50000, 80, cseq + len(getz), sseq + len(okz), wsz))])
    # plain SIP over TCP, the INVITE split over two segments
    split = [ipv4(A4, B4, 6, tcp(5060, 5060, 1, 1, invite[:100])),
             ipv4(A4, B4, 6, tcp(5060, 5060, 101, 1, invite[100:]))]
    seeds["tcp-invite-split"] = capture_seed(101, split)
    seeds["tcp-invite-split.flow-64"] = capture_seed(101, split, opts=0x01)
    # SIP over SCTP: a whole INVITE and a keep-alive bundled, then an INVITE
    # in three fragments with one retransmitted
    seeds["sctp-bundled"] = capture_seed(101, [
        ipv4(A4, B4, 132, sctp(5060, 5060, 7, [sctp_data(1, 3, invite), sctp_data(2, 3, b"\r\n\r\n")]))])
    k = len(invite) // 3
    frags = [sctp_data(10, 2, invite[:k]), sctp_data(11, 0, invite[k:2 * k]), sctp_data(12, 1, invite[2 * k:])]
    seeds["sctp-fragments"] = capture_seed(101, [
        ipv4(A4, B4, 132, sctp(5060, 5060, 7, [c])) for c in frags[:2] + frags[1:]])
    # the middle fragment lost, then retransmitted after the last one
    seeds["sctp-late-retransmit"] = capture_seed(101, [
        ipv4(A4, B4, 132, sctp(5060, 5060, 7, [c])) for c in [frags[0], frags[2], frags[1]]])
    # I-DATA: two messages in fragments interleaved, one unordered, FSNs out of order
    idata = [sctp_idata(1, 2, 1, 0, invite[:k]), sctp_idata(2, 6, 1, 0, invite[:k]),
             sctp_idata(3, 1, 1, 2, invite[2 * k:]), sctp_idata(4, 5, 1, 1, invite[k:]),
             sctp_idata(5, 0, 1, 1, invite[k:2 * k])]
    seeds["sctp-idata-interleaved"] = capture_seed(101, [
        ipv4(A4, B4, 132, sctp(5060, 5060, 7, idata[:2])), ipv4(A4, B4, 132, sctp(5060, 5060, 7, idata[2:]))])
    return seeds


# --- pcapng: the raw file. Blocks are type, total length, body, total length.
def ng_block(end, btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack(end + "II", btype, n) + body + struct.pack(end + "I", n)


def ng_shb(end):
    return ng_block(end, 0x0a0d0d0a, struct.pack(end + "IHHq", 0x1a2b3c4d, 1, 0, -1))


def ng_idb(end, link, tsresol=None, tsoffset=None):
    opts = b""
    if tsresol is not None:
        opts += struct.pack(end + "HH", 9, 1) + bytes([tsresol]) + b"\0\0\0"
    if tsoffset is not None:
        opts += struct.pack(end + "HHq", 14, 8, tsoffset)
    if opts:
        opts += struct.pack(end + "HH", 0, 0)
    return ng_block(end, 1, struct.pack(end + "HHI", link, 0, 0) + opts)


def ng_epb(end, iface, ts, data, orig=None):
    return ng_block(end, 6, struct.pack(end + "IIIII", iface, ts >> 32, ts & 0xffffffff, len(data),
                                        orig or len(data)) + data)


def pcapng_seeds():
    invite = MESSAGES["invite-sdp"]
    dgram = ipv4(A4, B4, 17, udp(5060, 5060, invite))
    seeds = {}
    seeds["raw-invite"] = ng_shb("<") + ng_idb("<", 101) + ng_epb("<", 0, 1700000000 * 10**6, dgram)
    # two interfaces of different link types and time resolutions, a block
    # to skip, then a second section in the other byte order
    seeds["two-interfaces-two-sections"] = (
        ng_shb("<") + ng_idb("<", 1) + ng_idb("<", 101, tsresol=9) + ng_block("<", 4, b"\0\0\0\0") +
        ng_epb("<", 1, 1700000000 * 10**9, dgram) + ng_epb("<", 0, 1700000001 * 10**6, ether(dgram)) +
        ng_shb(">") + ng_idb(">", 228, tsresol=0x80 | 20, tsoffset=1) +
        ng_epb(">", 0, 5 << 20, dgram[:100], orig=len(dgram)))
    # an interface of a link type the tool does not read, and a simple packet block
    seeds["unsupported-and-simple"] = (
        ng_shb("<") + ng_idb("<", 105) + ng_idb("<", 101) + ng_epb("<", 0, 0, b"\x80\0\0\0") +
        ng_block("<", 3, struct.pack("<I", len(dgram)) + dgram))
    return seeds


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def frame_seed(msgs, cuts, drop=False, limit=0):
    stream = b"\r\n".join(msgs)
    head = bytes([limit, len(cuts) | (16 if drop else 0)])
    for c in cuts:
        head += bytes([c >> 8, c & 255])
    return head + stream


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    pnames = list(PARSE_PREFIXES)
    for i, (name, m) in enumerate(sorted(MESSAGES.items())):
        chosen = ["default", pnames[1 + i % (len(pnames) - 1)], pnames[1 + (i + 3) % (len(pnames) - 1)]]
        for p in dict.fromkeys(chosen):
            write("sip_parse", "%s.%s" % (name, p), PARSE_PREFIXES[p] + m)
        for p in ["default", "strict" if i % 2 else "copy-arena"]:
            write("roundtrip", "%s.%s" % (name, p), PARSE_PREFIXES[p] + m)
        prog = list(EDIT_PROGRAMS)[i % len(EDIT_PROGRAMS)]
        ops = b"".join(bytes(op) for op in EDIT_PROGRAMS[prog])
        write("edit", "%s.%s" % (name, prog), PARSE_PREFIXES["default"] + ops + m)
    for i, (name, m) in enumerate(sorted(MESSAGES.items())):
        for p in ["default", "strict" if i % 2 else "must-be-valid-all"]:
            write("typed", "%s.%s" % (name, p), PARSE_PREFIXES[p] + m)
    for name, u in sorted(URIS.items()):
        write("uri", name, bytes([0, 0]) + u)
        write("uri", name + ".small-limit", bytes([1, 4]) + u)
    for name, sdp in sorted(SDPS.items()):
        write("sdp", name, bytes(5) + sdp)
        write("sdp", name + ".strict", bytes([1, 0, 0, 0, 0]) + sdp)
        write("sdp", name + ".limits-copy", bytes([6, 0, 20, 40, 0]) + sdp)
    for name, body in sorted(MULTIPARTS.items()):
        write("multipart", name, bytes([len(BOUNDARY), 0]) + BOUNDARY + body)
        write("multipart", name + ".depth-1", bytes([len(BOUNDARY), 8 | 1]) + BOUNDARY + body)
    for name, (mode, fail, start, ops) in sorted(BUILD_SEEDS.items()):
        write("build", name, bytes([mode, fail]) + start + ops)
        if mode & 4 == 0:
            write("build", name + ".fail-alloc", bytes([mode | 1, 3]) + start + ops)
    stream_msgs = [MESSAGES[k] for k in ("invite-sdp", "register-compact", "ok-response", "folded")]
    write("frame", "four-whole", frame_seed(stream_msgs, []))
    write("frame", "four-cut", frame_seed(stream_msgs, [1, 40, 41, 700, 1000, 1001, 1400]))
    write("frame", "keepalives-drop", frame_seed([b"\r\n\r\n" + stream_msgs[1], b"\r\n\r\n"], [2, 3, 9], True))
    write("frame", "byte-steps", frame_seed([MESSAGES["status-no-reason"]], list(range(1, 16))))
    write("frame", "limit", frame_seed(stream_msgs[:2], [100], limit=40))
    write("frame", "no-length", frame_seed([MESSAGES["unterminated"] + b"\r\n\r\nbody"], [5]))
    write("frame", "bad-length", frame_seed([MESSAGES["conflicting-length"], MESSAGES["huge-length"]], [30]))
    write("frame", "bare-lf", frame_seed([MESSAGES["options-bare-lf"]], [60, 61]))
    for name, data in sorted(capture_seeds().items()):
        write("capture", name, data)
    for name, data in sorted(pcapng_seeds().items()):
        write("pcapng", name, data)


if __name__ == "__main__":
    main()
