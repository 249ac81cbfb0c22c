// SPDX-License-Identifier: MIT
package org.sipmsg.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipmsg.Header;
import org.sipmsg.HeaderId;
import org.sipmsg.Message;
import org.sipmsg.Method;
import org.sipmsg.NameAddr;
import org.sipmsg.Sdp;
import org.sipmsg.SdpCodec;
import org.sipmsg.SdpRtpmap;
import org.sipmsg.SdpSection;
import org.sipmsg.SipMsg;
import org.sipmsg.Uri;
import org.sipmsg.Via;

/** Typed reads of a message that needs no corpus: compact names, views, SDP. */
class TypedTest {
  static final String BODY = "v=0\r\n"
      + "o=alice 2890844526 2890844527 IN IP4 192.0.2.1\r\n"
      + "s=-\r\n"
      + "c=IN IP4 192.0.2.1\r\n"
      + "t=0 0\r\n"
      + "m=audio 49170 RTP/AVP 0 96\r\n"
      + "a=rtpmap:96 opus/48000/2\r\n"
      + "a=fmtp:96 useinbandfec=1\r\n";

  static final String INVITE = "INVITE sip:bob@biloxi.example.com;transport=tcp SIP/2.0\r\n"
      + "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport, SIP/2.0/TCP [2001:db8::1];branch=z9hG4bKx\r\n"
      + "Max-Forwards: 70\r\n"
      + "f: \"Alice \\\"A\\\"\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
      + "t: Bob <sip:bob@biloxi.example.com>\r\n"
      + "i: a84b4c76e66710@pc33.atlanta.example.com\r\n"
      + "CSeq: 314159 INVITE\r\n"
      + "m: <sip:alice@192.0.2.1>;expires=60, \"Desk\" <sip:alice@192.0.2.2>;q=0.5\r\n"
      + "Allow: INVITE, ACK, BYE\r\n"
      + "c: application/sdp\r\n"
      + "l: " + BODY.length() + "\r\n"
      + "\r\n"
      + BODY;

  static Message invite() {
    return Message.parse(INVITE);
  }

  @Test
  void startLineAndHeaders() {
    try (Message m = invite()) {
      assertTrue(m.isRequest());
      assertEquals("INVITE", m.method());
      assertEquals(Method.SIPMSG_METHOD_INVITE, m.methodId());
      assertEquals("sip:bob@biloxi.example.com;transport=tcp", m.requestUri());
      assertEquals("SIP/2.0", m.version());
      List<Header> headers = m.headers();
      assertEquals(10, headers.size());
      assertEquals("v", headers.get(0).name());
      assertEquals(HeaderId.SIPMSG_HDR_VIA, headers.get(0).id());
      assertEquals(2, headers.get(0).line());
      assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.header("Call-ID"));
      assertEquals(m.header("Call-ID"), m.header("i"));
      assertNull(m.header("Subject"));
      assertEquals(List.of("INVITE", "ACK", "BYE"), m.values("Allow"));
      assertEquals(1, m.headersNamed("Via").size());
      assertEquals(70, m.number(HeaderId.SIPMSG_HDR_MAX_FORWARDS));
      assertEquals(HeaderId.SIPMSG_HDR_CALL_ID, SipMsg.headerId("i"));
    }
  }

  @Test
  void views() {
    try (Message m = invite()) {
      assertEquals("a84b4c76e66710@pc33.atlanta.example.com", m.callId());
      assertEquals(314159, m.cseqNumber());
      assertEquals("INVITE", m.cseqMethod());

      NameAddr from = m.from();
      assertEquals("1928301774", from.tag());
      assertEquals("Alice \"A\"", from.displayName());
      Uri uri = from.uri();
      assertEquals("alice", uri.user());
      assertEquals("atlanta.example.com", uri.host());
      assertEquals(-1, uri.port());
      assertNull(m.to().tag());

      List<Via> vias = m.vias();
      assertEquals(2, vias.size());
      assertEquals("UDP", vias.get(0).transport());
      assertEquals("192.0.2.1", vias.get(0).host());
      assertEquals(5060, vias.get(0).port());
      assertEquals("z9hG4bK776asdhds", vias.get(0).branch());
      assertTrue(vias.get(0).hasRport());
      assertEquals(-1, vias.get(0).rport());
      assertEquals("2001:db8::1", vias.get(1).host().replaceAll("[\\[\\]]", ""));

      List<NameAddr> contacts = m.contacts();
      assertEquals(2, contacts.size());
      assertEquals(60, contacts.get(0).expires());
      assertEquals("0.5", contacts.get(1).q());
      assertEquals("Desk", contacts.get(1).displayName());

      Uri ruri = m.requestUriParsed();
      assertEquals("tcp", ruri.transport());
      assertTrue(ruri.sameAs(Uri.parse("sip:bob@BILOXI.example.com;transport=tcp")));
      assertFalse(ruri.sameAs(Uri.parse("sip:carol@biloxi.example.com;transport=tcp")));
    }
  }

  @Test
  void sdp() {
    try (Message m = invite(); Sdp sdp = m.sdp()) {
      assertTrue(sdp.inMessage());
      assertEquals("alice", sdp.origin().username());
      assertEquals(2890844527L, sdp.origin().sessVersionValue());
      assertEquals("-", sdp.sessionName());
      assertEquals("192.0.2.1", sdp.session().connection().address());
      SdpSection audio = sdp.media().get(0);
      assertEquals("audio", audio.media());
      assertEquals(49170, audio.port());
      assertEquals("RTP/AVP", audio.proto());
      assertEquals(List.of("0", "96"), audio.formats());
      assertEquals("192.0.2.1", audio.connection().address());
      List<SdpCodec> codecs = audio.codecs();
      assertEquals("PCMU", codecs.get(0).name());
      assertEquals(8000, codecs.get(0).clockRate());
      assertEquals("opus", codecs.get(1).name());
      assertEquals(48000, codecs.get(1).clockRate());
      assertEquals(2, codecs.get(1).channels());
      assertEquals("useinbandfec=1", codecs.get(1).fmtp());
      List<SdpRtpmap> rtpmaps = audio.rtpmaps();
      assertEquals(1, rtpmaps.size());
      assertEquals(96, rtpmaps.get(0).payloadType());
      assertEquals("useinbandfec=1", audio.attribute("fmtp").substring(3));
    }
  }
}
