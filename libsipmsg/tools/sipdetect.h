/* SPDX-License-Identifier: MIT */
/* Does a run of bytes start like a SIP message? Used to find SIP on any port
 * (UDP datagrams, the first bytes of a TCP flow) and to find the next message
 * after a gap or a framing error. Looks at the start line only. */
#ifndef SIPMSG_TOOL_SIPDETECT_H
#define SIPMSG_TOOL_SIPDETECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sip_detect {
	SIP_NO = 0,    /* not a SIP start line */
	SIP_YES = 1,   /* a SIP request or status line */
	SIP_MAYBE = 2  /* a valid beginning; the line is not complete yet */
};

/* The longest start line we wait for before deciding. */
#define SIP_DETECT_MAX_LINE 8192u

/* Classify data[0..len), which must start at the first byte of the start line
 * (keep-alive CR/LF already skipped). A request line is a token, SP, anything,
 * SP "SIP/" digits "." digits, then optional spaces to the line end; a status
 * line is "SIP/" digits "." digits SP three digits. "SIP" is matched without
 * regard to case. `complete`: no more bytes will follow (a datagram), so the
 * input's end ends the line and the answer is never SIP_MAYBE. */
enum sip_detect sip_detect_start_line(const void *data, size_t len, bool complete);

/* Stricter, for the first byte after a hole in a stream (a TCP gap, or a
 * capture that joins a connection mid-way): there, the suffix of a cut
 * request line ("VITE sip:... SIP/2.0") would pass as a start line. A SIP
 * status line or a request with a method the library knows. Call it on data
 * for which sip_detect_start_line() said SIP_YES. */
bool sip_detect_known_start(const void *data, size_t len);

/* Is what follows a start line a header section: one header line (token,
 * optional spaces, ":") or more, each perhaps folded onto lines that begin
 * with SP or HTAB, then the empty line? Text or a second start line there
 * says the start line was one inside a body (message/sipfrag). data[0..len)
 * is the message; *at, the first line after the start line on the first
 * call, is where the look resumes: on SIP_MAYBE (the bytes end first) it is
 * the line to look at when more bytes came. `limit`: a header section
 * longer than this is taken as one (the framer reports its size). */
enum sip_detect sip_detect_header_section(const void *data, size_t len, size_t first, size_t *at, size_t limit);

/* The header a line data[0..len) starts: token, optional SP/HTAB, ":"; its
 * id by the library's table (long names and compact forms, any case;
 * SIPMSG_HDR_OTHER for an unknown name) and *value_at, the first byte of the
 * value after optional SP/HTAB. False when the line is no header line. */
bool sip_detect_header_name(const void *data, size_t len, int *id, size_t *value_at);

/* Is the complete line data[0..len) (no CR/LF) a Content-Length header
 * ("l" compact) with a decimal value? *value is it, capped at UINT64_MAX. */
bool sip_detect_content_length(const void *data, size_t len, uint64_t *value);

#endif
