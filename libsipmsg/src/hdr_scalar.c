/* SPDX-License-Identifier: MIT */
/* Scalar headers: CSeq, Call-ID, the numeric headers with their per-header
 * ranges, Session-Expires/Min-SE, RAck and Timestamp (RFC 3261 §20, §25.1;
 * RFC 3262; RFC 4028). */
#include "typed.h"

/* 1*DIGIT at p within max; *after is the first non-digit. One pass; the
 * value is kept in 64 bits so that 20 digits cannot wrap (leading zeros do
 * not make a number large). */
static SM_INLINE sipmsg_status digits(struct sm_tctx *t, const char *p, const char *end, uint32_t max,
				      uint32_t *out, const char **after)
{
	const unsigned char *q = (const unsigned char *)p, *e = (const unsigned char *)end;
	uint64_t v = 0;
	unsigned d;
	while (q < e && (d = (unsigned)*q - '0') <= 9) {
		v = v * 10 + d;
		if (SM_UNLIKELY(v > UINT32_MAX))
			v = (uint64_t)UINT32_MAX + 1; /* saturate: too large either way */
		q++;
	}
	if (SM_UNLIKELY((const char *)q == p))
		return sm_typed_bad(t, p == end ? SIPMSG_DIAG_EMPTY_HEADER_VALUE
				     : t->id == SIPMSG_HDR_CONTENT_LENGTH ? SIPMSG_DIAG_BAD_CONTENT_LENGTH
									  : SIPMSG_DIAG_BAD_HEADER_VALUE,
				    p, "not a decimal number");
	if (SM_UNLIKELY(v > max))
		return sm_typed_badf(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "%.*s is larger than %lu",
				     (int)((const char *)q - p > 24 ? 24 : (const char *)q - p), p, (unsigned long)max);
	*out = (uint32_t)v;
	*after = (const char *)q;
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
	memset(c, 0, sizeof *c);
	const char *q = p;
	sipmsg_status st = digits(t, p, end, UINT32_MAX, &c->number, &q);
	if (!st)
		st = method_after_lws(t, q, end, &c->method, &c->method_id, &q);
	return st ? st : sm_value_end(t, q, end, stop);
}

/* Call-ID = word [ "@" word ] */
sipmsg_status sm_parse_callid(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	memset(view, 0, sizeof(sipmsg_callid));
	const unsigned char *e = (const unsigned char *)end;
	const unsigned char *q = (const unsigned char *)sm_span(sm_ctype, SM_C_WORD, p, end);
	if (q < e && *q == '@' && (const char *)q > p) {
		const unsigned char *h = ++q;
		q = (const unsigned char *)sm_span(sm_ctype, SM_C_WORD, (const char *)q, end);
		if (q == h)
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, (const char *)h - 1,
					    "a Call-ID is word [ \"@\" word ]");
	}
	if ((const char *)q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "a Call-ID is word [ \"@\" word ]");
	if (q < e && !sm_is(*q, SM_C_LWS) && *q != ',')
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_HEADER_VALUE, (const char *)q,
				     "character '%c' not allowed in a Call-ID", *q >= 0x21 && *q < 0x7f ? *q : '?');
	return sm_value_end(t, (const char *)q, end, stop);
}

/* RSeq and RAck's response-num (SM_RSEQ_MAX) */
static sipmsg_status response_num(struct sm_tctx *t, const char *p, const char *end, uint32_t *out,
				  const char **after)
{
	sipmsg_status st = digits(t, p, end, SM_RSEQ_MAX, out, after);
	if (!st && *out == 0)
		return sm_typed_bad(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "a response number starts at 1 (RFC 3262)");
	return st;
}

sipmsg_status sm_parse_number(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_number *n = view;
	memset(n, 0, sizeof *n);
	const char *q = p;
	sipmsg_status st = t->id == SIPMSG_HDR_RSEQ ? response_num(t, p, end, &n->value, &q)
						    : digits(t, p, end, sm_number_max(t->id), &n->value, &q);
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
	memset(n, 0, sizeof *n);
	const char *q = p;
	sipmsg_status st = digits(t, p, end, UINT32_MAX, &n->value, &q);
	if (!st)
		st = sm_gparams(t, &q, end, &n->params, &n->param_count);
	if (st)
		return st;
	/* refresher is Session-Expires' alone (RFC 4028 §4): in Min-SE it is
	 * a generic-param like any other */
	for (size_t i = 0; t->id == SIPMSG_HDR_SESSION_EXPIRES && i < n->param_count; i++)
		if (SM_IS(n->params[i].name, "refresher"))
			n->refresher = n->params[i].value;
	return sm_value_end(t, q, end, stop);
}

/* RAck = response-num LWS CSeq-num LWS Method (RFC 3262 §7.2) */
sipmsg_status sm_parse_rack(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_rack *r = view;
	memset(r, 0, sizeof *r);
	const char *q = p, *s;
	sipmsg_status st = response_num(t, p, end, &r->rseq, &q);
	if (st)
		return st;
	s = sm_skip_lws(q, end);
	if (s == q)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "a space is required after response-num");
	if ((st = digits(t, s, end, UINT32_MAX, &r->cseq, &q)) ||
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
	memset(ts, 0, sizeof *ts);
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
