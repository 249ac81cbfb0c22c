// SPDX-License-Identifier: MIT
package org.sipmsg;

/**
 * A libsipmsg call failed. Unchecked, like {@link NumberFormatException}: it
 * is an {@link IllegalArgumentException} (the bytes or values given were not
 * acceptable), and callers that handle untrusted input catch it where they
 * can answer (a 400 response, a log line).
 *
 * <p>The fields mirror the C library's {@code sipmsg_error} record. {@link
 * #getMessage()} is the library's formatted line, for example {@code "line 3,
 * column 18: Via: missing sent-by host"}.
 */
public class SipException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String status;
  private final String code;
  private final int codeNumber;
  private final long offset;
  private final int line;
  private final int column;
  private final String header;
  private final String reason;

  public SipException(String message, String status, String code, int codeNumber, long offset, int line, int column,
      String header, String reason) {
    super(message);
    this.status = status;
    this.code = code;
    this.codeNumber = codeNumber;
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.header = header;
    this.reason = reason != null && !reason.isEmpty() ? reason : message;
  }

  /** The short status name: "syntax", "limit", "invalid", "not-found", ... */
  public String status() {
    return status;
  }

  /** The stable diagnostic code name ("bad-start-line", ...), or "" when none. */
  public String code() {
    return code;
  }

  /** The numeric diagnostic code ({@link DiagCode}), 0 when none. */
  public int codeNumber() {
    return codeNumber;
  }

  /** The byte offset of the fault in the input. */
  public long offset() {
    return offset;
  }

  /** The 1-based line of the fault (0 when the fault is not about input bytes). */
  public int line() {
    return line;
  }

  /** The 1-based column (in bytes) of the fault. */
  public int column() {
    return column;
  }

  /** The name of the header where the fault is, or null. */
  public String header() {
    return header;
  }

  /** The one-line reason, without the position. */
  public String reason() {
    return reason;
  }
}
