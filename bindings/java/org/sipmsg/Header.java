// SPDX-License-Identifier: MIT
package org.sipmsg;

/**
 * One header line as the message holds it.
 *
 * @param name the name as written ("v", "Via", "X-Foo")
 * @param value the value without surrounding whitespace (line folding kept)
 * @param id the known header's {@link HeaderId}, or {@code HeaderId.SIPMSG_HDR_OTHER}
 * @param flags {@code SIPMSG_HEADER_*} bits of {@link capiConstants}
 * @param offset the byte offset of the line in the input, -1 for an added header
 * @param line the 1-based line in the input, 0 for an added header
 */
public record Header(String name, String value, int id, int flags, long offset, int line) {}
