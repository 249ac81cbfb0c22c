// SPDX-License-Identifier: MIT
package org.sipmsg;

/**
 * The bytes are not a SIP message (or SDP body, or URI) the parser accepts,
 * or a limit was hit. {@link #offset()}, {@link #line()} and {@link
 * #column()} say where.
 */
public class SipParseException extends SipException {
  private static final long serialVersionUID = 1L;

  public SipParseException(String message, String status, String code, int codeNumber, long offset, int line,
      int column, String header, String reason) {
    super(message, status, code, codeNumber, offset, line, column, header, reason);
  }
}
