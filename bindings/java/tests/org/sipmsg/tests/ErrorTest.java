// SPDX-License-Identifier: MIT
package org.sipmsg.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipmsg.Diagnostic;
import org.sipmsg.Message;
import org.sipmsg.Sdp;
import org.sipmsg.SipException;
import org.sipmsg.SipMsg;
import org.sipmsg.SipParseException;
import org.sipmsg.Uri;

/** Errors: a parse error's position, the other failures, bad arguments. */
class ErrorTest {
  static final String BAD_VIA = "INVITE sip:bob@example.com SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP ;branch=z9hG4bK1\r\n"
      + "\r\n";

  @Test
  void parseErrorHasItsPosition() {
    SipParseException e = assertThrows(SipParseException.class, () -> Message.parse(BAD_VIA));
    assertEquals(2, e.line());
    assertEquals(BAD_VIA.indexOf("Via:"), e.offset() - e.column() + 1);
    assertTrue(e.offset() > BAD_VIA.indexOf("Via:") && e.offset() < BAD_VIA.indexOf("branch"), "offset " + e.offset());
    assertEquals("Via", e.header());
    assertEquals("syntax", e.status());
    assertTrue(e.reason().contains("host"), e.reason());
    assertTrue(e.getMessage().startsWith("line 2, column " + e.column() + ": "), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e, "unchecked, an IllegalArgumentException");
  }

  @Test
  void startLineError() {
    SipParseException e = assertThrows(SipParseException.class,
        () -> Message.parse("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(1, e.line());
    assertEquals(e.column() - 1, e.offset());
    assertEquals("syntax", e.status());
    assertTrue(e.code().startsWith("bad-"), e.code());
    assertNull(e.header());
  }

  @Test
  void lenientKeepsABadHeaderStrictRefusesIt() {
    String text = "OPTIONS sip:carol@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKhjhs8ass877\r\n"
        + "To: <sip:carol@example.com>\r\n"
        + "From: <sip:alice@example.com>;tag=1928301774\r\n"
        + "Call-ID: a84b4c76e66710\r\n"
        + "CSeq: 63104 OPTIONS\r\n"
        + "Expires: soon\r\n"
        + "Content-Length: 0\r\n\r\n";
    try (Message m = Message.parse(text)) {
      assertEquals(0, m.errorCount(), "Expires is parsed on demand");
      assertEquals(1, m.parseAll());
      assertEquals(1, m.diagCount());
      Diagnostic d = m.diagnostics().get(0);
      assertEquals("Expires", d.header());
      assertEquals(7, d.line());
      assertTrue(d.offset() > 0);
      assertEquals(-2, m.number(org.sipmsg.HeaderId.SIPMSG_HDR_EXPIRES));
    }
    SipParseException e = assertThrows(SipParseException.class,
        () -> Message.parseStrict(text.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(7, e.line());
    assertEquals("Expires", e.header());
  }

  @Test
  void sdpAndUriErrors() {
    byte[] sdp = ("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
        + "m=audio x RTP/AVP 0\r\n").getBytes(StandardCharsets.US_ASCII);
    SipParseException e = assertThrows(SipParseException.class, () -> Sdp.parseStrict(sdp));
    assertEquals(6, e.line());
    assertEquals(new String(sdp, StandardCharsets.US_ASCII).indexOf(" x ") + 1, e.offset());
    try (Sdp lenient = Sdp.parse(sdp)) {
      assertEquals(-1, lenient.media(0).port(), "lenient: the line is kept, its port unread");
      lenient.check();
      assertEquals(1, lenient.diagCount(), "check() reports it");
      assertEquals(6, lenient.diagnostic(0).line());
    }
    SipParseException u = assertThrows(SipParseException.class, () -> Uri.parse("sip:alice@"));
    assertEquals(11, u.column());
  }

  @Test
  void otherFailures() {
    SipException e = assertThrows(SipException.class, () -> Message.response(1000));
    assertEquals("invalid-argument", e.status());
    try (Message req = Message.request("OPTIONS", "sip:carol@example.com")) {
      assertThrows(SipException.class, req::makeCancel);
      assertThrows(SipException.class, () -> req.headerAdd("Bad Name", "x"));
      assertThrows(SipException.class, () -> req.headerAdd("X", "a\r\nInjected: 1"));
      assertThrows(SipException.class, () -> req.headerAt(5));
      assertThrows(SipException.class, () -> req.setStatus(200, null));
      assertThrows(IllegalArgumentException.class, () -> req.setCallId("a\0b"));
      assertThrows(NullPointerException.class, () -> req.headerAdd(null, "x"));
      assertThrows(NullPointerException.class, () -> req.makeAck(null));
      assertThrows(NullPointerException.class, () -> req.setSdp(null));
    }
    assertThrows(NullPointerException.class, () -> Message.parse((byte[]) null));
    assertNull(SipMsg.frame("OPTIONS sip:x SIP/2.0\r\nContent-Length: 10\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0));
  }

  @Test
  void statusErrorsNameTheCallAndTheIndex() {
    try (Message req = Message.request("OPTIONS", "sip:carol@example.com")) {
      SipException e = assertThrows(SipException.class, () -> req.headerAdd("Bad Name", "x"));
      assertEquals("invalid-argument", e.status());
      assertTrue(e.reason().startsWith("Message_headerAdd: invalid argument"), e.reason());
      req.headerAdd("X-A", "1"); // before the built message's Content-Length: 0
      e = assertThrows(SipException.class, () -> req.headerReplace(Long.MAX_VALUE, "x"));
      assertEquals("invalid-argument", e.status());
      assertEquals("Message_headerReplace: index is 9223372036854775807, out of range: the message has 2 header line(s)",
          e.reason());
      e = assertThrows(SipException.class, () -> req.headerRemove(2));
      assertEquals("not-found", e.status());
      assertTrue(e.reason().contains("index is 2, out of range"), e.reason());
      e = assertThrows(SipException.class, () -> req.headerInsert(3, "X-B", "2"));
      assertTrue(e.reason().contains("index is 3, out of range"), e.reason());
      req.headerInsert(1, "X-B", "2");
      req.headerReplace(1, "3");
      req.headerRemove(0);
      assertEquals(2, req.headerCount());
      assertEquals("3", req.header("X-B"));
    }
  }

  /** f must throw an invalid-argument SipException whose reason names the argument and its range. */
  static SipException outOfRange(String argument, String range, org.junit.jupiter.api.function.Executable f) {
    SipException e = assertThrows(SipException.class, f);
    assertEquals("invalid-argument", e.status());
    assertTrue(e.reason().contains(": " + argument + " must be in " + range), e.reason());
    assertTrue(e.reason().contains(", got "), e.reason());
    return e;
  }

  @Test
  void numbersMustFitTheirCParameter() {
    String invite = "INVITE sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKA\r\nMax-Forwards: 70\r\n"
        + "To: <sip:b@b>\r\nFrom: <sip:a@a>;tag=1\r\nCall-ID: cid\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    try (Message m = Message.parse(invite); Message r = Message.response(200); Sdp sdp = Sdp.create()) {
      String before = m.toString();
      // these wrapped silently: a port of 2^32 + 5060 was 5060
      SipException e = outOfRange("port", "0..65535", () -> m.pushVia("UDP", "h", (1L << 32) + 5060, "z9hG4bKwrap"));
      assertEquals("Message_pushVia: port must be in 0..65535, got 4294972356", e.reason());
      outOfRange("port", "0..65535", () -> m.pushVia("UDP", "h", 70000, null));
      outOfRange("port", "0..65535", () -> m.pushVia("UDP", "h", -1, null));
      outOfRange("number", "0..4294967295", () -> m.setCseq(-1, null));
      outOfRange("number", "0..4294967295", () -> m.setCseq((1L << 32) + 1, null));
      outOfRange("value", "0..4294967295", () -> m.setNumber(org.sipmsg.HeaderId.SIPMSG_HDR_EXPIRES, 1L << 32));
      outOfRange("index", "0..", () -> m.headerRemove(-1));
      outOfRange("index", "0..", () -> m.headerReplace(-1, "x"));
      outOfRange("k", "0..", () -> m.via(-1));
      outOfRange("code", "100..699", () -> m.makeResponse(99, null, null));
      outOfRange("code", "100..699", () -> Message.response(1000));
      outOfRange("code", "100..699", () -> r.setStatus(700, null));
      outOfRange("flags", "0..4294967295", () -> m.toBytes(1L << 32));
      assertEquals(before, m.toString(), "the message is unchanged");
      assertEquals(200, r.status());
      org.sipmsg.SdpSection session = sdp.session();
      outOfRange("count", "0..4294967295", () -> session.setConnection(null, null, "192.0.2.1", -1, (1L << 32) + 2));
      outOfRange("start", "0..", () -> sdp.setTiming(-1, 0));
      outOfRange("port", "0..4294967295", () -> new org.sipmsg.SdpMediaSpec("audio", -1, "RTP/AVP", "0"));
      // a char past ASCII was cut to its low byte: '\u0176' was a 'v'
      e = assertThrows(SipException.class, () -> session.lineAdd('\u0176', "0"));
      assertTrue(e.reason().contains("type must be an ASCII character, got U+0176"), e.reason());
      assertEquals(1, sdp.toString().split("v=", -1).length - 1, "one v= line");
      // what fits is passed on as it is
      assertEquals(699, Message.response(699).status());
      m.setNumber(org.sipmsg.HeaderId.SIPMSG_HDR_EXPIRES, 4294967295L);
      assertEquals(4294967295L, m.number(org.sipmsg.HeaderId.SIPMSG_HDR_EXPIRES));
    }
  }
}
