// SPDX-License-Identifier: MIT
package org.sipmsg;

/**
 * One diagnostic of a parse or of {@link Message#check()}.
 *
 * @param code the stable code name ("bad-via", ...)
 * @param severity "error" or "warning"
 * @param header the header concerned as written, or null
 * @param offset the byte offset in the input, -1 when not about input bytes
 * @param message a one-line reason
 * @param line the 1-based line (0 when offset is -1)
 * @param column the 1-based column, in bytes
 * @param codeNumber the numeric code ({@link DiagCode})
 * @param headerIndex the index of the header concerned, -1 when none
 */
public record Diagnostic(String code, String severity, String header, long offset, String message, int line,
    int column, int codeNumber, long headerIndex) {
  /** True for an error (a warning otherwise). */
  public boolean isError() {
    return "error".equals(severity);
  }
}
