// SPDX-License-Identifier: MIT
package org.sipmsg.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipmsg.HeaderId;
import org.sipmsg.Message;
import org.sipmsg.Sdp;
import org.sipmsg.SdpDirection;
import org.sipmsg.SdpMediaSpec;
import org.sipmsg.SdpSection;
import org.sipmsg.SipMsg;

/** Building from objects: an INVITE with an SDP offer, the RFC 3261 builders, edits. */
class BuildTest {
  static Sdp offer() {
    Sdp sdp = Sdp.create();
    sdp.setOrigin("alice", "2890844526", "1", null, null, "198.51.100.1");
    sdp.setSessionName("call");
    sdp.session().setConnection(null, null, "198.51.100.1", -1, 0);
    try (SdpMediaSpec spec = new SdpMediaSpec("audio", 49170, "RTP/AVP", "0", "8", "101")) {
      SdpSection audio = sdp.addMedia(spec);
      audio.attrAdd("rtpmap", "0 PCMU/8000");
      audio.attrAdd("rtpmap", "8 PCMA/8000");
      audio.attrAdd("rtpmap", "101 telephone-event/8000");
      audio.attrAdd("fmtp", "101 0-16");
      audio.attrAdd("sendrecv", null);
    }
    return sdp;
  }

  static Message invite() {
    Message req = Message.request("INVITE", "sip:bob@example.com");
    req.headerAdd("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds");
    req.headerAdd("Max-Forwards", "70");
    req.setFrom("Alice", "sip:alice@example.com", "1928301774");
    req.setTo(null, "sip:bob@example.com", null);
    req.setCallId("a84b4c76e66710@192.0.2.1");
    req.setCseq(314159, null);
    req.addContact(null, "sip:alice@192.0.2.1");
    try (Sdp sdp = offer()) {
      req.setSdp(sdp);
    }
    return req;
  }

  @Test
  void inviteWithSdpFromObjects() {
    try (Message req = invite()) {
      byte[] wire = req.toBytes();
      String text = new String(wire, StandardCharsets.UTF_8);
      assertTrue(text.startsWith("INVITE sip:bob@example.com SIP/2.0\r\n"), text);
      assertTrue(text.contains("\r\nFrom: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"), text);
      assertTrue(text.contains("\r\nCSeq: 314159 INVITE\r\n"), text);
      assertTrue(text.contains("\r\nContent-Type: application/sdp\r\n"), text);
      assertTrue(text.contains("\r\nm=audio 49170 RTP/AVP 0 8 101\r\n"), text);

      try (Message back = Message.parse(wire)) {
        assertArrayEquals(wire, back.toBytes());
        assertEquals("a84b4c76e66710@192.0.2.1", back.callId());
        assertEquals(314159, back.cseqNumber());
        assertEquals("1928301774", back.from().tag());
        assertEquals("z9hG4bK776asdhds", back.via(0).branch());
        assertEquals(String.valueOf(back.body().length), back.header("Content-Length"));
        SdpSection audio = back.sdp().media().get(0);
        assertEquals(49170, audio.port());
        assertEquals(List.of("0", "8", "101"), audio.formats());
        assertEquals("telephone-event", audio.codecs().get(2).name());
        assertEquals("101 0-16", audio.attribute("fmtp"));
        assertEquals(SdpDirection.SIPMSG_SDP_DIR_SENDRECV, audio.direction());
        assertEquals(0, back.errorCount());
      }
    }
  }

  @Test
  void responsesAckCancel() {
    try (Message req = invite()) {
      try (Message ringing = req.makeResponse(180, null, "a6c85cf")) {
        assertEquals(180, ringing.status());
        assertEquals("Ringing", ringing.reason());
        assertEquals("a6c85cf", ringing.to().tag());
        assertEquals(req.callId(), ringing.callId());
        assertEquals("z9hG4bK776asdhds", ringing.via(0).branch());
      }
      try (Message busy = req.makeResponse(486, null, null); Message ack = req.makeAck(busy)) {
        assertEquals("ACK", ack.method());
        assertEquals("ACK", ack.cseqMethod());
        assertEquals(314159, ack.cseqNumber());
        assertEquals(busy.to().tag(), ack.to().tag());
      }
      try (Message cancel = req.makeCancel()) {
        assertEquals("CANCEL", cancel.method());
        assertEquals(req.via(0).branch(), cancel.via(0).branch());
      }
    }
  }

  @Test
  void edits() {
    try (Message resp = Message.response(200)) {
      assertEquals("OK", resp.reason());
      resp.headerSet("Subject", "hi");
      resp.headerAdd("X-Tag", "1");
      resp.headerAdd("X-Tag", "2");
      assertEquals(List.of("1", "2"), resp.headersNamed("x-tag"));
      assertEquals(2, resp.headerRemoveAll("X-Tag"));
      assertNull(resp.header("X-Tag"));
      resp.setNumber(HeaderId.SIPMSG_HDR_MAX_FORWARDS, 69);
      assertEquals(69, resp.number(HeaderId.SIPMSG_HDR_MAX_FORWARDS));
      resp.setBody("hello".getBytes(StandardCharsets.UTF_8), "text/plain");
      assertEquals("5", resp.header("Content-Length"));
      resp.setStatus(404, null);
      assertTrue(resp.toString().startsWith("SIP/2.0 404 Not Found\r\n"), resp.toString());
      String compact = new String(resp.toBytes(SipMsg.WRITE_COMPACT), StandardCharsets.UTF_8);
      assertTrue(compact.contains("\r\nl: 5\r\n"), compact);
    }
  }
}
