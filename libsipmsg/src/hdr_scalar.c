/* SPDX-License-Identifier: MIT */
/* Scalar headers: CSeq, Call-ID, the numeric headers with their per-header
 * ranges, Session-Expires/Min-SE, RAck and Timestamp (RFC 3261 §20, §25.1;
 * RFC 3262; RFC 4028). */
#include "typed.h"

/* The largest value each numeric header allows: 255 for the hop counts,
 * 2^32-1 (RFC 3261 §20.19, §8.1.1.5) for the rest. */
static uint32_t number_max(sipmsg_hdr_id id)
{
	switch (id) {
	case SIPMSG_HDR_MAX_FORWARDS:
	case SIPMSG_HDR_MAX_BREADTH:
		return 255;
	default:
		return UINT32_MAX;
	}
}

/* 1*DIGIT at p within max; *after is the first non-digit. */
static sipmsg_status digits(struct sm_tctx *t, const char *p, const char *end, uint32_t max, uint32_t *out,
			    const char **after, const char *what)
{
	const char *q = sm_skip_digits(p, end);
	if (q == p)
		return sm_typed_bad(t, p == end ? SIPMSG_DIAG_EMPTY_HEADER_VALUE
				     : t->id == SIPMSG_HDR_CONTENT_LENGTH ? SIPMSG_DIAG_BAD_CONTENT_LENGTH
									  : SIPMSG_DIAG_BAD_HEADER_VALUE,
				    p, "not a decimal number");
	if (!sm_u32(p, (size_t)(q - p), max, out)) {
		const char *z = p;
		while (z + 1 < q && *z == '0')
			z++; /* leading zeros do not make a number large */
		if (!sm_u32(z, (size_t)(q - z), max, out))
			return sm_typed_badf(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "%s %.*s is larger than %lu", what,
					     (int)(q - p > 24 ? 24 : q - p), p, (unsigned long)max);
	}
	*after = q;
	return SIPMSG_OK;
}

/* A method token after LWS; sets *after. */
static sipmsg_status method_after_lws(struct sm_tctx *t, const char *p, const char *end, sipmsg_slice *method,
				      sipmsg_method *id, const char **after)
{
	const char *m = sm_skip_lws(p, end);
	const char *me = sm_skip_token(m, end);
	if (m == p || me == m)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, m, "a space and a method are required here");
	*method = (sipmsg_slice){m, (size_t)(me - m)};
	*id = sipmsg_method_lookup(m, (size_t)(me - m));
	*after = me;
	return SIPMSG_OK;
}

sipmsg_status sm_parse_cseq(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_cseq *c = view;
	const char *q;
	sipmsg_status st = digits(t, p, end, UINT32_MAX, &c->number, &q, "the CSeq number");
	if (!st)
		st = method_after_lws(t, q, end, &c->method, &c->method_id, &q);
	return st ? st : sm_value_end(t, q, end, stop);
}

/* Call-ID = word [ "@" word ] */
sipmsg_status sm_parse_callid(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	(void)view;
	const char *q = p, *at = NULL;
	for (; q < end; q++) {
		unsigned char c = (unsigned char)*q;
		if (SM_LIKELY(sm_is(c, SM_C_WORD)))
			continue;
		if (c != '@' || at)
			break;
		at = q;
	}
	if (q == p || (at && (at == p || at + 1 == q)))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, at && at != p ? at : p,
				    "a Call-ID is word [ \"@\" word ]");
	if (q < end && !sm_is((unsigned char)*q, SM_C_LWS) && *q != ',')
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "character '%c' not allowed in a Call-ID",
				     (unsigned char)*q >= 0x21 && (unsigned char)*q < 0x7f ? *q : '?');
	return sm_value_end(t, q, end, stop);
}

sipmsg_status sm_parse_number(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_number *n = view;
	const char *q;
	sipmsg_status st = digits(t, p, end, number_max(t->id), &n->value, &q, sm_hdr_rows[t->id].name);
	if (st)
		return st;
	if (q < end && !sm_is((unsigned char)*q, SM_C_LWS))
		return sm_typed_bad(t, t->id == SIPMSG_HDR_CONTENT_LENGTH ? SIPMSG_DIAG_BAD_CONTENT_LENGTH
									  : SIPMSG_DIAG_BAD_HEADER_VALUE,
				    q, "not a decimal number");
	return sm_value_end(t, q, end, stop);
}

sipmsg_status sm_parse_number_params(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				     void *view)
{
	sipmsg_number *n = view;
	const char *q;
	sipmsg_status st = digits(t, p, end, UINT32_MAX, &n->value, &q, sm_hdr_rows[t->id].name);
	if (!st)
		st = sm_gparams(t, &q, end, &n->params, &n->param_count);
	if (st)
		return st;
	for (size_t i = 0; i < n->param_count; i++)
		if (SM_IS(n->params[i].name, "refresher"))
			n->refresher = n->params[i].value;
	return sm_value_end(t, q, end, stop);
}

/* RAck = response-num LWS CSeq-num LWS Method (RFC 3262 §7.2) */
sipmsg_status sm_parse_rack(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_rack *r = view;
	const char *q, *s;
	sipmsg_status st = digits(t, p, end, UINT32_MAX, &r->rseq, &q, "the response-num");
	if (st)
		return st;
	s = sm_skip_lws(q, end);
	if (s == q)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "RAck: a space is required after response-num");
	if ((st = digits(t, s, end, UINT32_MAX, &r->cseq, &q, "the CSeq-num")) ||
	    (st = method_after_lws(t, q, end, &r->method, &r->method_id, &q)))
		return st;
	return sm_value_end(t, q, end, stop);
}

/* 1*DIGIT [ "." *DIGIT ] (or, for a delay, *DIGIT [ "." *DIGIT ]) */
static const char *decimal(const char *p, const char *end)
{
	const char *q = sm_skip_digits(p, end);
	if (q < end && *q == '.')
		q = sm_skip_digits(q + 1, end);
	return q;
}

/* Timestamp = 1*(DIGIT) [ "." *(DIGIT) ] [ LWS delay ] */
sipmsg_status sm_parse_timestamp(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_timestamp *ts = view;
	const char *q = decimal(p, end);
	if (q == p || *p == '.')
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "Timestamp must start with a number");
	ts->value = (sipmsg_slice){p, (size_t)(q - p)};
	const char *d = sm_skip_lws(q, end);
	if (d > q && d < end) {
		const char *de = decimal(d, end);
		if (de > d)
			ts->delay = (sipmsg_slice){d, (size_t)(de - d)};
		q = de;
	}
	return sm_value_end(t, q, end, stop);
}
