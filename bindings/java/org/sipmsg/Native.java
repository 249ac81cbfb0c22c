// SPDX-License-Identifier: MIT
package org.sipmsg;

import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Java side of the JNI glue (package-private): loading the library,
 * the text conversions the typemaps name, and the objects the C side builds
 * (exceptions, header records, diagnostics) from UTF-8 bytes.
 */
final class Native {
  /** Frees the C handle of every collected object (see the handle classes). */
  static final Cleaner CLEANER = Cleaner.create();

  private Native() {}

  /**
   * Loads the JNI library: the file named by the system property
   * {@code org.sipmsg.library} when set, else {@code libsipmsg_jni} from
   * {@code java.library.path}.
   */
  static void load() {
    String path = System.getProperty("org.sipmsg.library");
    if (path != null && !path.isEmpty()) {
      System.load(path);
    } else {
      System.loadLibrary("sipmsg_jni");
    }
  }

  static byte[] utf8(String s) {
    return Objects.requireNonNull(s, "a String argument is null").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] utf8OrNull(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] nonNull(byte[] b) {
    return Objects.requireNonNull(b, "a byte[] argument is null");
  }

  /** A NUL-terminated copy for a C string argument; null stays null. */
  static byte[] cstr(String s) {
    if (s == null) {
      return null;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (byte c : b) {
      if (c == 0) {
        throw new IllegalArgumentException("embedded NUL character in \"" + s.replace("\0", "\\0") + "\"");
      }
    }
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static String textOrNull(byte[] b) {
    return b == null ? null : text(b);
  }

  /** Called from C: the exception for a failed call (kind 1: a parse error). */
  static RuntimeException error(int kind, byte[] message, byte[] status, byte[] code, int codeNumber, long offset,
      int line, int column, byte[] header, byte[] reason) {
    String m = textOrNull(message);
    String s = textOrNull(status);
    String c = textOrNull(code);
    String h = textOrNull(header);
    String r = textOrNull(reason);
    if (kind == 1) {
      return new SipParseException(m, s, c, codeNumber, offset, line, column, h, r);
    }
    return new SipException(m, s, c, codeNumber, offset, line, column, h, r);
  }

  /** Called from C: one header line. */
  static Header header(byte[] name, byte[] value, int id, int flags, long offset, int line) {
    return new Header(text(name), text(value), id, flags, offset, line);
  }

  /** Called from C: one diagnostic. */
  static Diagnostic diagnostic(byte[] code, byte[] severity, byte[] header, long offset, byte[] message, int line,
      int column, int codeNumber, long headerIndex) {
    return new Diagnostic(text(code), text(severity), textOrNull(header), offset, text(message), line, column,
        codeNumber, headerIndex);
  }
}
