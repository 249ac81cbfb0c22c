/* SPDX-License-Identifier: MIT */
/*
 * Java shape on the generated classes (included by sipmsg_java.i): static
 * factories, lists, toBytes()/toString(). Every method is a few lines over
 * the generated ones; no parsing happens in Java.
 */

%typemap(javaimports) struct sipmsg_binding_msg %{
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
%}
%typemap(javacode) struct sipmsg_binding_msg %{
  /**
   * Parses one SIP message in the default (lenient) mode. The message keeps
   * its own copy of the bytes.
   *
   * @throws SipParseException with the offset, line and column of the fault
   */
  public static Message parse(byte[] data) {
    return capi.parse(data, 0);
  }

  /** Parses the UTF-8 bytes of text. */
  public static Message parse(String text) {
    return parse(Native.utf8(text));
  }

  /** Parses with {@code SipMsg.PARSE_*} flags ({@code PARSE_STRICT}: any invalid header fails). */
  public static Message parse(byte[] data, long flags) {
    return capi.parse(data, flags);
  }

  /** Parses in strict mode. */
  public static Message parseStrict(byte[] data) {
    return capi.parse(data, SipMsg.PARSE_STRICT);
  }

  /** A new request with an empty header list ("INVITE", "sip:bob@example.com"). */
  public static Message request(String method, String uri) {
    return capi.request_new(method, uri);
  }

  /** A new response with the registry's reason phrase. */
  public static Message response(int code) {
    return capi.response_new(code, null);
  }

  /** A new response; reason null: the registry's phrase. */
  public static Message response(int code, String reason) {
    return capi.response_new(code, reason);
  }

  /** Every header line in wire order (a fresh list). */
  public synchronized List<Header> headers() {
    long n = headerCount();
    List<Header> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(headerAt(i));
    }
    return out;
  }

  /**
   * The value of the first header line called name (case-insensitive; a
   * known header also by its compact name: "i" finds Call-ID), or null.
   */
  public synchronized String header(String name) {
    int index = headerFindName(name, 0);
    return index < 0 ? null : headerAt(index).value();
  }

  /** The values of every line called name, one entry per line, in wire order. */
  public synchronized List<String> headersNamed(String name) {
    List<String> out = new ArrayList<>();
    for (int index = headerFindName(name, 0); index >= 0; index = headerFindName(name, index + 1)) {
      out.add(headerAt(index).value());
    }
    return out;
  }

  /**
   * Every value of the header name across its lines and, for a list header
   * (Via, Contact, Route, Allow, ...), across its comma-separated elements.
   */
  public synchronized List<String> values(String name) {
    List<String> out = new ArrayList<>();
    try (ValueIter it = new ValueIter(this, name)) {
      for (String v = it.nextValue(); v != null; v = it.nextValue()) {
        out.add(v);
      }
    }
    return out;
  }

  /** The Via headers' values, topmost first. */
  public synchronized List<Via> vias() {
    long n = viaCount();
    List<Via> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(via(i));
    }
    return out;
  }

  /** The Contact values in order. */
  public synchronized List<NameAddr> contacts() {
    long n = contactCount();
    List<NameAddr> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(contact(i));
    }
    return out;
  }

  /** The diagnostics of the parse (and of {@link #check()}). */
  public synchronized List<Diagnostic> diagnostics() {
    long n = diagCount();
    List<Diagnostic> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(diagnostic(i));
    }
    return out;
  }

  /** The wire bytes: an untouched parsed message is written back byte for byte. */
  public synchronized byte[] toBytes() {
    return toBytes(0);
  }

  /** The wire bytes with {@code SipMsg.WRITE_*} flags (compact names, canonical form). */
  public synchronized byte[] toBytes(long flags) {
    if (isClosed()) {
      throw new IllegalStateException("this libsipmsg object is closed");
    }
    return capi.write(this, flags);
  }

  /** The wire bytes as text (UTF-8); "Message(closed)" once closed. */
  @Override
  public synchronized String toString() {
    return isClosed() ? "Message(closed)" : new String(toBytes(), StandardCharsets.UTF_8);
  }
%}

%typemap(javaimports) struct sipmsg_binding_sdp %{
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
%}
%typemap(javacode) struct sipmsg_binding_sdp %{
  /**
   * Parses a bare SDP body (lenient mode).
   *
   * @throws SipParseException with the offset, line and column of the fault
   */
  public static Sdp parse(byte[] data) {
    return capi.sdp_parse(data, 0);
  }

  /** Parses the UTF-8 bytes of text. */
  public static Sdp parse(String text) {
    return parse(Native.utf8(text));
  }

  /** Parses in strict mode. */
  public static Sdp parseStrict(byte[] data) {
    return capi.sdp_parse(data, SipMsg.PARSE_STRICT);
  }

  /** A new, empty session description ("v=0", then what is set and added). */
  public static Sdp create() {
    return capi.sdp_new();
  }

  /** The media sections in order. */
  public synchronized List<SdpSection> media() {
    long n = mediaCount();
    List<SdpSection> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(media(i));
    }
    return out;
  }

  /** The SDP written out. */
  public synchronized byte[] toBytes() {
    return writeBytes(0);
  }

  /** The SDP as text (UTF-8); "Sdp(closed)" once closed. */
  @Override
  public synchronized String toString() {
    return isClosed() ? "Sdp(closed)" : new String(toBytes(), StandardCharsets.UTF_8);
  }
%}

%typemap(javaimports) struct sipmsg_binding_section %{
import java.util.ArrayList;
import java.util.List;
%}
%typemap(javacode) struct sipmsg_binding_section %{
  /** The m= line's formats ("0", "8", "101"); empty at the session level. */
  public synchronized List<String> formats() {
    long n = formatCount();
    List<String> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(formatAt(i));
    }
    return out;
  }

  /** The codecs of the formats, in m= order (rtpmap, else RFC 3551's table). */
  public synchronized List<SdpCodec> codecs() {
    long n = codecCount();
    List<SdpCodec> out = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      out.add(codec(i));
    }
    return out;
  }

  /** The rtpmap attributes in order. */
  public synchronized List<SdpRtpmap> rtpmaps() {
    List<SdpRtpmap> out = new ArrayList<>();
    for (long i = 0, n = lineCount(); i < n; i++) {
      SdpRtpmap r = rtpmap(i);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** The value of the first a=name line (null when absent; "" for a flag). */
  public synchronized String attribute(String name) {
    int index = attrFindName(name, 0);
    if (index < 0) {
      return null;
    }
    String v = lineValue(index);
    return v == null ? "" : v;
  }
%}

%typemap(javacode) struct sipmsg_binding_media_spec %{
  /** A media description: new SdpMediaSpec("audio", 49170, "RTP/AVP", "0", "8", "101"). */
  public SdpMediaSpec(String media, long port, String proto, String... formats) {
    this(media, port, 0, proto);
    for (String f : formats) {
      addFormat(f);
    }
  }
%}

%typemap(javacode) struct sipmsg_binding_uri %{
  /**
   * Parses a URI on its own (sip, sips, tel or any absolute URI).
   *
   * @throws SipParseException with the offset and column of the fault
   */
  public static Uri parse(String uri) {
    return capi.uri_parse(uri);
  }

  /** The URI as written; "Uri(closed)" once closed. */
  @Override
  public synchronized String toString() {
    return isClosed() ? "Uri(closed)" : raw();
  }
%}
