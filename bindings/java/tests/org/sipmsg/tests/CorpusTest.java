// SPDX-License-Identifier: MIT
package org.sipmsg.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipmsg.Message;
import org.sipmsg.Sdp;
import org.sipmsg.SdpCodec;
import org.sipmsg.SdpSection;
import org.sipmsg.Via;

/**
 * The messages of ../shared/corpus/bench, read in place: each parses, writes
 * back byte for byte, and has the typed fields bindings/tests/bench-fields.tsv
 * lists. Skipped, with the path, when the corpus is absent.
 */
class CorpusTest {
  static Path benchDir() {
    String corpus = System.getenv("SIPMSG_CORPUS");
    Path dir = Path.of(corpus == null ? "../shared/corpus" : corpus, "bench");
    Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: the bench corpus is not at " + dir.toAbsolutePath());
    return dir;
  }

  static Stream<String[]> fields() throws IOException {
    Path tsv = Path.of(System.getenv("SIPMSG_BENCH_FIELDS"));
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        rows.add(line.split("\t"));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void parsesWritesAndReadsTypedFields(String file, String callId, String cseq, String method, String fromTag,
      String viaBranch, String mediaPort, String codecs) throws IOException {
    byte[] data = Files.readAllBytes(benchDir().resolve(file));
    try (Message msg = Message.parse(data)) {
      assertArrayEquals(data, msg.toBytes(), "an untouched message writes back byte for byte");
      assertFalse(msg.isModified());
      assertEquals(callId, msg.callId());
      assertEquals(Long.parseLong(cseq), msg.cseqNumber());
      assertEquals(method, msg.cseqMethod());
      assertEquals(fromTag, msg.from().tag());
      Via top = msg.vias().get(0);
      assertEquals(viaBranch, top.branch());
      assertEquals(viaBranch, msg.via(0).branch());

      Sdp sdp = msg.sdp();
      if (mediaPort.equals("-")) {
        assertNull(sdp, "no SDP body");
        return;
      }
      assertNotNull(sdp);
      SdpSection audio = sdp.media().get(0);
      assertEquals("audio", audio.media());
      assertEquals(Long.parseLong(mediaPort), audio.port());
      List<String> got = new ArrayList<>();
      for (SdpCodec c : audio.codecs()) {
        got.add(c.payloadType() + ":" + c.name() + "/" + c.clockRate() + (c.channels() > 1 ? "/" + c.channels() : ""));
      }
      assertEquals(String.join(",", got), codecs);
      assertEquals(audio.formats().size(), got.size());
    }
  }
}
