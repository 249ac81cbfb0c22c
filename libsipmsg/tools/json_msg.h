/* SPDX-License-Identifier: MIT */
/* What `sipmsg parse` prints: a SIP message, a bare SDP, or why the input
 * did not parse, as one JSON document (the schema is docs/json.md). */
#ifndef SIPMSG_TOOL_JSON_MSG_H
#define SIPMSG_TOOL_JSON_MSG_H

#include "json.h"

#include <sipmsg/sipmsg.h>

/* A parsed message. Runs sipmsg_msg_check() (and the SDP checks) first, so
 * that the diagnostics are complete. Returns the number of errors among
 * them, those of the SDP bodies and parts included. */
size_t jmsg_message(struct jw *w, sipmsg_msg *m);

/* A parsed bare SDP; input/len is what it was parsed from. */
void jmsg_sdp(struct jw *w, sipmsg_sdp *sdp, const char *input, size_t len);

/* Input that did not parse: type "error", input "sip" or "sdp". */
void jmsg_error(struct jw *w, const char *input_kind, size_t len, sipmsg_status st, const sipmsg_error *err);

/* Bytes as a body object: length, encoding ("text" when valid UTF-8 without
 * NUL, else "base64") and content. */
void jmsg_bytes(struct jw *w, const void *data, size_t len);

#endif
