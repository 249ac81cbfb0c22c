/* SPDX-License-Identifier: MIT */
/* Typed views: the dispatch from a header's kind (its row in the header
 * table) to the parser of that grammar. A view is parsed once and cached on
 * the header; a value that does not parse is marked bad and reported, and
 * stays available raw. */
#include "internal.h"
#include "typed.h"

/* The largest value each numeric header allows (RFC 3261 §20 and §25.1). */
static uint64_t uint_max(sipmsg_hdr_id id)
{
	switch (id) {
	case SIPMSG_HDR_MAX_FORWARDS: return 255;
	case SIPMSG_HDR_MAX_BREADTH: return 255;
	default: return UINT32_MAX;
	}
}

static sipmsg_status parse_uint(struct sm_tctx *t, const char *p, size_t n, void **view)
{
	uint64_t v;
	if (!sm_parse_uint(p, n, UINT64_MAX, &v) || n > 19) {
		sipmsg_diag_code code = t->id == SIPMSG_HDR_CONTENT_LENGTH ? SIPMSG_DIAG_BAD_CONTENT_LENGTH
									    : SIPMSG_DIAG_BAD_HEADER_VALUE;
		for (size_t i = 0; i < n; i++)
			if (!sm_is((unsigned char)p[i], SM_C_DIGIT))
				return sm_typed_bad(t, code, p + i, "not a decimal number");
		if (n == 0)
			return sm_typed_bad(t, SIPMSG_DIAG_EMPTY_HEADER_VALUE, p, "empty value, a number is required");
		return sm_typed_bad(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "number too large");
	}
	uint64_t max = uint_max(t->id);
	if (v > max)
		return sm_typed_badf(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "%llu is larger than %llu",
				     (unsigned long long)v, (unsigned long long)max);
	struct sipmsg_uint_view *u = sm_alloc(t->m->arena, sizeof *u);
	if (!u)
		return SIPMSG_ENOMEM;
	u->value = v;
	*view = u;
	return SIPMSG_OK;
}

/* Call-ID = word [ "@" word ] */
static sipmsg_status parse_callid(struct sm_tctx *t, const char *p, size_t n, void **view)
{
	if (n == 0)
		return sm_typed_bad(t, SIPMSG_DIAG_EMPTY_HEADER_VALUE, p, "empty Call-ID");
	size_t i = 0;
	while (i < n && sm_is((unsigned char)p[i], SM_C_WORD))
		i++;
	if (i < n && p[i] == '@' && i > 0 && i + 1 < n) {
		i++;
		while (i < n && sm_is((unsigned char)p[i], SM_C_WORD))
			i++;
	}
	if (i != n) {
		unsigned char c = (unsigned char)p[i];
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p + i, "character '%c' not allowed in a Call-ID",
				     c >= 0x21 && c < 0x7f ? c : '?');
	}
	*view = (void *)p; /* the raw value is the view */
	return SIPMSG_OK;
}

static const sm_kind_parse_fn kind_parsers[SIPMSG_KIND_COUNT] = {
	[SIPMSG_KIND_UINT] = parse_uint,
	[SIPMSG_KIND_CALLID] = parse_callid,
};

sipmsg_status sm_typed_bad(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *msg)
{
	if (sm_diag_add(t->m, code, SIPMSG_SEVERITY_ERROR, at, t->index, msg))
		return SIPMSG_ENOMEM;
	return SIPMSG_ESYNTAX;
}

sipmsg_status sm_typed_badf(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (sm_diag_addf(t->m, code, SIPMSG_SEVERITY_ERROR, at, t->index, "%s", buf))
		return SIPMSG_ENOMEM;
	return SIPMSG_ESYNTAX;
}

sipmsg_status sm_typed_parse_header(sipmsg_msg *m, size_t i)
{
	struct sm_hdr *h = &m->hdrs[i];
	if (h->flags & SM_H_VIEW_DONE)
		return (h->flags & SIPMSG_HEADER_BAD) ? SIPMSG_ESYNTAX : SIPMSG_OK;
	sm_kind_parse_fn fn = h->id ? kind_parsers[sm_hdr_rows[h->id].kind] : NULL;
	if (!fn) {
		h->flags |= SM_H_VIEW_DONE;
		return SIPMSG_OK;
	}
	struct sm_tctx t = {.m = m, .index = i, .id = (sipmsg_hdr_id)h->id};
	void *view = NULL;
	sipmsg_status st = fn(&t, h->value, h->value_len, &view);
	if (st == SIPMSG_ENOMEM)
		return st;
	h->flags |= SM_H_VIEW_DONE;
	if (st == SIPMSG_OK)
		h->view = view;
	else
		h->flags |= SIPMSG_HEADER_BAD;
	return st;
}
