// SPDX-License-Identifier: MIT
package org.sipmsg;

/**
 * The library's functions that belong to no object: version, tables,
 * random tags, stream framing, and the flag constants. Messages come from
 * {@link Message#parse(byte[])}, {@link Message#request(String, String)} and
 * {@link Message#response(int)}; SDP from {@link Sdp#parse(byte[])} and
 * {@link Sdp#create()}.
 */
public final class SipMsg {
  /** Parse flag: strict mode, any invalid header fails the parse. */
  public static final long PARSE_STRICT = capiConstants.SIPMSG_PARSE_STRICT;
  /** Parse flag: the bytes come from a stream (Content-Length is required). */
  public static final long PARSE_STREAM = capiConstants.SIPMSG_PARSE_STREAM;
  /** Write flag: compact header names. */
  public static final long WRITE_COMPACT = capiConstants.SIPMSG_WRITE_COMPACT;
  /** Write flag: every header in canonical form. */
  public static final long WRITE_CANONICAL = capiConstants.SIPMSG_WRITE_CANONICAL;

  private SipMsg() {}

  /** The C library's version ("0.1.0"). */
  public static String version() {
    return capi.sipmsg_version();
  }

  /** The registry's reason phrase for a status code, or null. */
  public static String reasonPhrase(int code) {
    return capi.sipmsg_reason_phrase(code);
  }

  /** A new random tag (16 characters), also usable as a Call-ID. */
  public static String generateTag() {
    return capi.generate_tag();
  }

  /** A new Via branch: "z9hG4bK" and 16 random characters. */
  public static String generateBranch() {
    return capi.generate_branch();
  }

  /** The known header id of a name (long or compact), {@code HeaderId.SIPMSG_HDR_OTHER} if unknown. */
  public static int headerId(String name) {
    return capi.sipmsg_hdr_lookup(name);
  }

  /** The canonical name of a known header id. */
  public static String headerName(int id) {
    return capi.sipmsg_hdr_name(id);
  }

  /**
   * Frames the next message of a stream buffer (TCP, TLS).
   *
   * @return {length, skip}: skip keep-alive bytes, then a message of length
   *     bytes; null when more bytes are needed
   * @throws SipParseException when the bytes cannot be a SIP message
   */
  public static long[] frame(byte[] data, long maxMessageSize) {
    return capi.frame(data, maxMessageSize);
  }
}
