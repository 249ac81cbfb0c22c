/* SPDX-License-Identifier: MIT */
/* An SDP (sipmsg/sdp.h) as JSON: its lines in wire order, grouped into the
 * session section and the media sections, each with its typed view where
 * one exists (fields named as the C structs), then its diagnostics. */
#ifndef SIPMSG_TOOL_JSON_SDP_H
#define SIPMSG_TOOL_JSON_SDP_H

#include "json.h"

#include <sipmsg/sipmsg.h>

/* The members of the SDP object (the caller opens and closes it): parsed,
 * line_end, session, media, diagnostics. Runs sipmsg_sdp_check() first so
 * that every finding is among the diagnostics. `input` is what it was
 * parsed from (for the line end). Returns the number of errors among them. */
size_t jsdp_members(struct jw *w, sipmsg_sdp *sdp, const char *input, size_t len);

/* The members of an SDP that did not parse: parsed false, and the error as
 * its only diagnostic. */
void jsdp_failed_members(struct jw *w, sipmsg_status st, const sipmsg_error *err);

#endif
