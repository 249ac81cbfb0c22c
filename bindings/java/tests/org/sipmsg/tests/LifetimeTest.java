// SPDX-License-Identifier: MIT
package org.sipmsg.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sipmsg.Message;
import org.sipmsg.NameAddr;
import org.sipmsg.Sdp;
import org.sipmsg.SdpCodec;
import org.sipmsg.SdpSection;
import org.sipmsg.SipMsg;
import org.sipmsg.Uri;
import org.sipmsg.Via;

/**
 * Lifetimes: a closed object throws and never crashes; views keep what they
 * point into alive, in C, whatever is closed or collected first.
 */
class LifetimeTest {
  static Message invite() {
    return TypedTest.invite();
  }

  @Test
  void useAfterCloseThrows() {
    Message m = invite();
    Sdp sdp = m.sdp();
    Via via = m.via(0);
    m.close();
    assertTrue(m.isClosed());
    m.close(); // twice is fine
    assertThrows(IllegalStateException.class, m::callId);
    assertThrows(IllegalStateException.class, m::toBytes);
    assertThrows(IllegalStateException.class, () -> m.headerAdd("X", "y"));
    assertThrows(IllegalStateException.class, m::headers);
    assertEquals("Message(closed)", m.toString());
    try (Message other = invite()) {
      assertThrows(NullPointerException.class, () -> other.makeAck(m), "a closed argument is refused");
    }

    // the views outlive their message
    assertEquals("z9hG4bK776asdhds", via.branch());
    assertEquals(49170, sdp.media().get(0).port());
    via.close();
    assertThrows(IllegalStateException.class, via::branch);
    sdp.close();
    assertThrows(IllegalStateException.class, sdp::mediaCount);
  }

  @Test
  void viewsOutliveEveryParent() {
    SdpCodec codec;
    Uri uri;
    SdpSection section;
    try (Message m = invite()) {
      try (Sdp sdp = m.sdp()) {
        section = sdp.media(0);
        codec = section.codecs().get(1);
      }
      try (NameAddr from = m.from()) {
        uri = from.uri();
      }
    }
    assertEquals("opus", codec.name());
    assertEquals("alice", uri.user());
    assertEquals(49170, section.port());
    try (Sdp back = section.sdp()) {
      assertTrue(back.inMessage());
      assertEquals("-", back.sessionName());
    }
    section.close();
    codec.close();
    uri.close();
  }

  /** Make objects, drop them in the given order (by index), collect. */
  static void dropInOrder(int[] order) {
    Object[] objs = new Object[5];
    Message m = invite();
    Sdp sdp = m.sdp();
    SdpSection sec = sdp.media(0);
    objs[0] = m;
    objs[1] = sdp;
    objs[2] = sec;
    objs[3] = m.from();
    objs[4] = sec.codec(0);
    m = null;
    sdp = null;
    sec = null;
    for (int i : order) {
      objs[i] = null;
      System.gc();
    }
  }

  @Test
  void collectedInAnyOrder() {
    int[][] orders = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {1, 4, 0, 3, 2}};
    for (int[] order : orders) {
      dropInOrder(order);
    }
    // A dropped message is collected (its Cleaner frees it), and what is
    // still reachable keeps working.
    Message m = invite();
    Via via = m.via(0);
    WeakReference<Message> weak = new WeakReference<>(m);
    m = null;
    for (int i = 0; i < 100 && weak.get() != null; i++) {
      System.gc();
      List<byte[]> pressure = new ArrayList<>();
      for (int k = 0; k < 64; k++) {
        pressure.add(new byte[16384]);
      }
      assertFalse(pressure.isEmpty());
    }
    assertNull(weak.get(), "the message was collected");
    assertEquals("z9hG4bK776asdhds", via.branch());
    via.close();
  }

  @Test
  void closeRacingWithUseNeverCrashes() throws InterruptedException {
    for (int round = 0; round < 50; round++) {
      Message m = invite();
      AtomicInteger closedSeen = new AtomicInteger();
      Thread reader = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          try {
            m.callId();
            m.headers();
          } catch (IllegalStateException e) {
            closedSeen.incrementAndGet();
            return;
          }
        }
      });
      reader.start();
      m.close();
      reader.join();
      assertThrows(IllegalStateException.class, m::callId);
      assertTrue(closedSeen.get() <= 1);
    }
  }

  @Test
  void threadsParseAtOnce() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    AtomicInteger ok = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          try (Message m = invite()) {
            if ("1928301774".equals(m.from().tag()) && SipMsg.version() != null) {
              ok.incrementAndGet();
            }
          }
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(800, ok.get());
  }

  @Test
  void sourceFilterIsAHandleLikeTheOthers() throws Exception {
    try (Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
        + "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10\r\n")) {
      SdpSection session = sdp.session();
      Object filter = session.sourceFilterAt(session.attrFindName("source-filter", 0));
      assertTrue(filter instanceof AutoCloseable, "SdpSourceFilter is AutoCloseable");
      org.sipmsg.SdpSourceFilter f = (org.sipmsg.SdpSourceFilter) filter;
      assertEquals("192.0.2.10", f.sourceAt(0));
      ((AutoCloseable) filter).close();
      assertThrows(IllegalStateException.class, () -> f.sourceAt(0));
    }
  }
}
