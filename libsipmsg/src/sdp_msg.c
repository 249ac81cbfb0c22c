/* SPDX-License-Identifier: MIT */
/* SDP bodies of SIP messages: read the body as SDP when Content-Type says
 * application/sdp (cached in the message), and set an SDP as the body. */
#include "sdp_internal.h"

#include <stdlib.h>

/* What sipmsg_msg::ext[SM_EXT_SDP] holds: the SDP and the body it came from,
 * so that a new body is parsed afresh. */
struct sm_sdp_cache {
	const char *body;
	size_t len;
	sipmsg_sdp *sdp;
};

/* "application/sdp" with optional whitespace and parameters, any case. */
static bool is_application_sdp(sipmsg_slice v)
{
	size_t i = 0, n = v.len;
	while (i < n && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
		i++;
	static const char want[] = "application";
	size_t k = 0;
	while (k < sizeof want - 1 && i < n && sm_lower((unsigned char)v.ptr[i]) == (unsigned char)want[k])
		i++, k++;
	if (k != sizeof want - 1)
		return false;
	while (i < n && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
		i++;
	if (i >= n || v.ptr[i++] != '/')
		return false;
	while (i < n && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
		i++;
	if (n - i < 3 || !sm_eq_lower(v.ptr + i, 3, SM_LIT("sdp")))
		return false;
	i += 3;
	while (i < n && (v.ptr[i] == ' ' || v.ptr[i] == '\t'))
		i++;
	return i == n || v.ptr[i] == ';';
}

sipmsg_status sm_sdp_parse_body(sipmsg_msg *m, sipmsg_slice body, bool mime_part, sipmsg_sdp **out,
			       sipmsg_error *err)
{
	sipmsg_parse_opts o = m->opts;
	o.arena = m->arena;
	o.allocator = NULL;
	o.flags &= ~(uint32_t)SIPMSG_PARSE_COPY; /* the body already lives as long as the message */
	return sm_sdp_parse_with(body.ptr, body.len, &o, mime_part, out, err);
}

sipmsg_status sipmsg_msg_sdp(sipmsg_msg *m, sipmsg_sdp **out, sipmsg_error *err)
{
	if (!m || !out)
		return SIPMSG_EINVAL;
	*out = NULL;
	/* Content-Type first: an edit of it alone (no new body) changes the answer */
	long h = sipmsg_header_find(m, SIPMSG_HDR_CONTENT_TYPE, 0);
	sipmsg_header ct;
	if (h < 0 || sipmsg_header_at(m, (size_t)h, &ct) != SIPMSG_OK || !is_application_sdp(ct.value) ||
	    !m->body.len)
		return SIPMSG_ENOTFOUND;
	struct sm_sdp_cache *c = m->ext[SM_EXT_SDP];
	if (c && c->body == m->body.ptr && c->len == m->body.len) {
		*out = c->sdp;
		return SIPMSG_OK;
	}
	/* multipart bodies: the multipart module finds the application/sdp part
	 * and calls sm_sdp_parse_body() on it. */
	sipmsg_sdp *sdp;
	sipmsg_status st = sm_sdp_parse_body(m, m->body, false, &sdp, err);
	if (st)
		return st;
	if (!c && !(c = sm_alloc(m->arena, sizeof *c)))
		return SIPMSG_ENOMEM;
	c->body = m->body.ptr;
	c->len = m->body.len;
	c->sdp = sdp;
	m->ext[SM_EXT_SDP] = c;
	*out = sdp;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_msg_set_sdp(sipmsg_msg *m, const sipmsg_sdp *sdp)
{
	if (!m || !sdp)
		return SIPMSG_EINVAL;
	char *buf;
	size_t len;
	sipmsg_status st = sipmsg_sdp_write_alloc(sdp, 0, &buf, &len);
	if (st)
		return st;
	st = sipmsg_msg_set_body(m, buf, len, "application/sdp");
	free(buf);
	return st;
}
