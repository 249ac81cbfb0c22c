/* SPDX-License-Identifier: MIT */
#include "json_msg.h"

#include "json_sdp.h"
#include "json_views.h"

#include <string.h>

void jmsg_bytes(struct jw *w, const void *data, size_t len)
{
	if (!data)
		data = "";
	bool text = json_is_utf8(data, len) && !memchr(data, '\0', len);
	jw_object(w);
	jw_kuint(w, "length", len);
	jw_kcstr(w, "encoding", text ? "text" : "base64");
	jw_key(w, "content");
	if (text)
		jw_str(w, data, len);
	else
		jw_base64(w, data, len);
	jw_end_object(w);
}

/* The typed view of header line i: an array for comma-list headers, an
 * object for the others, null for free text and for a bad value. */
static bool header_typed(struct jw *w, const sipmsg_msg *m, size_t i, const sipmsg_header *h)
{
	size_t count = 0;
	sipmsg_hdr_kind kind = sipmsg_hdr_kind_of(h->id);
	if (kind == SIPMSG_KIND_TEXT || (h->flags & SIPMSG_HEADER_BAD_LINE)) {
		jw_null(w);
		return true;
	}
	if (sipmsg_header_parse(m, i, &count) != SIPMSG_OK) {
		jw_null(w);
		return false;
	}
	bool list = sipmsg_hdr_flags(h->id) & SIPMSG_HF_LIST;
	if (list)
		jw_array(w);
	bool ok = true;
	for (size_t j = 0; j < count && (list || j == 0); j++) {
		sipmsg_typed t;
		if (sipmsg_header_value(m, i, j, &t) == SIPMSG_OK) {
			jv_typed(w, &t);
		} else {
			jw_null(w);
			ok = false;
		}
	}
	if (list)
		jw_end_array(w);
	else if (count == 0)
		jw_null(w);
	return ok;
}

static void header(struct jw *w, const sipmsg_msg *m, size_t i)
{
	sipmsg_header h;
	if (sipmsg_header_at(m, i, &h) != SIPMSG_OK)
		return;
	jw_object(w);
	jw_kwire(w, "name", h.name.ptr ? h.name.ptr : "", h.name.len);
	jw_kwire(w, "value", h.value.ptr ? h.value.ptr : "", h.value.len);
	jw_kcstr(w, "id", sipmsg_hdr_name(h.id));
	jw_kcstr(w, "kind", sipmsg_hdr_kind_name(sipmsg_hdr_kind_of(h.id)));
	jw_kbool(w, "compact", h.flags & SIPMSG_HEADER_COMPACT);
	jw_kbool(w, "folded", h.flags & SIPMSG_HEADER_FOLDED);
	jw_kbool(w, "bad_line", h.flags & SIPMSG_HEADER_BAD_LINE);
	jw_key(w, "offset");
	if (h.offset == SIZE_MAX)
		jw_null(w);
	else
		jw_uint(w, h.offset);
	jw_key(w, "line");
	if (h.line)
		jw_uint(w, h.line);
	else
		jw_null(w);
	jw_key(w, "typed");
	bool ok = header_typed(w, m, i, &h);
	/* after the typed read, which is what marks a value bad */
	if (sipmsg_header_at(m, i, &h) == SIPMSG_OK && (h.flags & SIPMSG_HEADER_BAD))
		ok = false;
	jw_kbool(w, "bad", !ok);
	jw_end_object(w);
}

static void sdp_failed(struct jw *w, sipmsg_status st, const sipmsg_error *err)
{
	jw_object(w);
	jsdp_failed_members(w, st, err);
	jw_end_object(w);
}

static size_t multipart(struct jw *w, sipmsg_msg *m, const sipmsg_multipart *mp)
{
	size_t errors = 0;
	jw_object(w);
	jw_kbool(w, "parsed", true);
	jw_kslice(w, "boundary", mp->boundary);
	jw_key(w, "preamble");
	jmsg_bytes(w, mp->preamble.ptr, mp->preamble.len);
	jw_key(w, "epilogue");
	jmsg_bytes(w, mp->epilogue.ptr, mp->epilogue.len);
	jw_kbool(w, "closed", mp->closed);
	jw_key(w, "parts");
	jw_array(w);
	for (size_t i = 0; i < mp->part_count; i++) {
		const sipmsg_mime_part *part = &mp->parts[i];
		jw_object(w);
		jw_key(w, "headers");
		jw_array(w);
		for (size_t k = 0; k < part->header_count; k++) {
			jw_object(w);
			jw_kslice(w, "name", part->headers[k].name);
			jw_kslice(w, "value", part->headers[k].value);
			jw_end_object(w);
		}
		jw_end_array(w);
		jw_kslice(w, "content_type", part->content_type);
		jw_key(w, "body");
		jmsg_bytes(w, part->body.ptr, part->body.len);
		if (part->nested) {
			jw_key(w, "multipart");
			errors += multipart(w, m, part->nested);
		}
		sipmsg_sdp *sdp = NULL;
		sipmsg_error err;
		sipmsg_status st = sipmsg_mime_part_sdp(m, part, &sdp, &err);
		if (st != SIPMSG_ESTATE) {
			jw_key(w, "sdp");
			if (st == SIPMSG_OK) {
				jw_object(w);
				errors += jsdp_members(w, sdp, part->body.ptr, part->body.len);
				jw_end_object(w);
			} else {
				sdp_failed(w, st, &err);
				errors++;
			}
		}
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
	return errors;
}

/* The SDP body or the multipart parts, when the body is either; returns
 * the number of errors found there. */
static size_t body_views(struct jw *w, sipmsg_msg *m)
{
	sipmsg_slice body = sipmsg_msg_body(m);
	sipmsg_sdp *sdp = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_msg_sdp(m, &sdp, &err);
	if (st == SIPMSG_OK) {
		jw_key(w, "sdp");
		jw_object(w);
		size_t errors = jsdp_members(w, sdp, body.ptr, body.len);
		jw_end_object(w);
		return errors;
	}
	if (st != SIPMSG_ENOTFOUND) {
		jw_key(w, "sdp");
		sdp_failed(w, st, &err);
		return 1;
	}
	const sipmsg_multipart *mp;
	st = sipmsg_msg_multipart(m, &mp);
	if (st == SIPMSG_OK) {
		jw_key(w, "multipart");
		return multipart(w, m, mp);
	}
	if (st != SIPMSG_ESTATE) {
		jw_key(w, "multipart"); /* why is among the message's diagnostics */
		jw_object(w);
		jw_kbool(w, "parsed", false);
		jw_end_object(w);
	}
	return 0;
}

size_t jmsg_message(struct jw *w, sipmsg_msg *m)
{
	sipmsg_msg_check(m); /* ENOMEM only; the findings are diagnostics */
	jw_object(w);
	bool request = sipmsg_msg_is_request(m);
	jw_kcstr(w, "type", request ? "request" : "response");
	jw_kuint(w, "length", sipmsg_msg_length(m));
	jw_kuint(w, "trailing", sipmsg_msg_trailing(m).len);
	sipmsg_slice v = sipmsg_msg_version(m);
	if (request) {
		sipmsg_slice s = sipmsg_msg_method(m);
		jw_kwire(w, "method", s.ptr, s.len);
		s = sipmsg_msg_request_uri(m);
		jw_kwire(w, "uri", s.ptr, s.len);
		jw_kwire(w, "version", v.ptr, v.len);
		const sipmsg_uri *u = sipmsg_msg_request_uri_parsed(m);
		jw_key(w, "uri_typed");
		if (u)
			jv_uri(w, u);
		else
			jw_null(w);
	} else {
		jw_kwire(w, "version", v.ptr, v.len);
		jw_kint(w, "status", sipmsg_msg_status(m));
		sipmsg_slice s = sipmsg_msg_reason(m);
		jw_kwire(w, "reason", s.ptr ? s.ptr : "", s.len);
	}
	jw_key(w, "headers");
	jw_array(w);
	size_t n = sipmsg_header_count(m);
	for (size_t i = 0; i < n; i++)
		header(w, m, i);
	jw_end_array(w);
	sipmsg_slice body = sipmsg_msg_body(m);
	jw_key(w, "body");
	jmsg_bytes(w, body.ptr, body.len);
	size_t errors = body_views(w, m);
	jw_key(w, "diagnostics");
	jw_array(w);
	n = sipmsg_msg_diag_count(m);
	for (size_t i = 0; i < n; i++)
		jv_diag(w, sipmsg_msg_diag_at(m, i));
	jw_end_array(w);
	jw_end_object(w);
	return errors + sipmsg_msg_error_count(m);
}

void jmsg_sdp(struct jw *w, sipmsg_sdp *sdp, const char *input, size_t len)
{
	jw_object(w);
	jw_kcstr(w, "type", "sdp");
	jw_kuint(w, "length", len);
	jsdp_members(w, sdp, input, len);
	jw_end_object(w);
}

void jmsg_error(struct jw *w, const char *input_kind, size_t len, sipmsg_status st, const sipmsg_error *err)
{
	jw_object(w);
	jw_kcstr(w, "type", "error");
	jw_kcstr(w, "input", input_kind);
	jw_kuint(w, "length", len);
	jw_key(w, "diagnostics");
	jw_array(w);
	jv_error(w, st, err);
	jw_end_array(w);
	jw_end_object(w);
}
