/* SPDX-License-Identifier: MIT */
/* The remaining grammars: Retry-After, Warning, Date (RFC 3261 §20.33,
 * §20.43, §20.17) and the dialog identifiers of Replaces, Join and
 * Target-Dialog (RFC 3891, RFC 3911, RFC 4538). */
#include "typed.h"
#include "uri.h"

static bool u32_slice(sipmsg_slice v, uint32_t *out)
{
	return v.ptr && sm_all_digits(v.ptr, v.len, SIZE_MAX) && sm_u32(v.ptr, v.len, UINT32_MAX, out);
}

/* Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) */
sipmsg_status sm_parse_retry_after(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				   void *view)
{
	sipmsg_retry_after *ra = view;
	memset(ra, 0, sizeof *ra);
	const char *q = sm_skip_digits(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "Retry-After starts with delta-seconds");
	if (!sm_u32(p, (size_t)(q - p), UINT32_MAX, &ra->seconds))
		return sm_typed_bad(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "Retry-After is larger than 2^32-1");
	const char *c = sm_skip_lws(q, end);
	if (c < end && *c == '(') {
		const char *ce = sm_comment(c, end);
		if (!ce)
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, c, "the comment is not closed");
		ra->comment = (sipmsg_slice){c + 1, (size_t)(ce - c - 2)};
		q = ce;
	}
	sipmsg_status st = sm_gparams(t, &q, end, &ra->params, &ra->param_count);
	if (st)
		return st;
	for (size_t i = 0; i < ra->param_count; i++) {
		const sipmsg_param *pr = &ra->params[i];
		if (SM_IS(pr->name, "duration")) {
			/* "duration" EQUAL delta-seconds: digits, never quoted */
			if (pr->quoted || !u32_slice(pr->value, &ra->duration))
				return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, pr->value.ptr ? pr->value.ptr : pr->name.ptr,
						    "duration must be delta-seconds");
			ra->has_duration = true;
		}
	}
	return sm_value_end(t, q, end, stop);
}

/* warn-agent = hostport / pseudonym (pseudonym = token): the agent
 * [a, ae) is one of them, or else where it breaks the hostport. */
static const char *bad_warn_agent(const char *a, const char *ae)
{
	if (sm_skip_token(a, ae) == ae)
		return NULL; /* a pseudonym, or a host name or IPv4 address alone */
	struct sm_uri_ctx c = {0};
	sipmsg_slice host;
	sipmsg_host_type type;
	uint16_t port;
	const char *q;
	if (sm_host_parse(&c, a, ae, &host, &type, &q))
		return c.fail.at;
	if (q < ae && *q == ':' && sm_port_parse(&c, q + 1, ae, &port, &q))
		return c.fail.at;
	return q == ae ? NULL : q;
}

/* warning-value = warn-code SP warn-agent SP warn-text */
sipmsg_status sm_parse_warning(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_warning *w = view;
	memset(w, 0, sizeof *w);
	const char *q = sm_skip_digits(p, end);
	if (q - p != 3)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "warn-code must be three digits");
	w->code = (uint16_t)((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
	const char *a = sm_skip_lws(q, end);
	const char *ae = a;
	while (ae < end && !sm_is((unsigned char)*ae, SM_C_LWS | SM_C_CTL) && *ae != '"' && *ae != ',')
		ae++;
	if (a == q || ae == a)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, a, "warn-agent is missing");
	const char *bad = bad_warn_agent(a, ae);
	if (bad)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, bad,
				    "warn-agent must be host[:port] or a token (RFC 3261 §20.43)");
	w->agent = (sipmsg_slice){a, (size_t)(ae - a)};
	const char *x = sm_skip_lws(ae, end);
	if (x == ae || x >= end || *x != '"')
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, x, "warn-text must be a quoted-string");
	q = sm_quoted(x, end, &w->text);
	if (!q)
		return sm_typed_bad(t, SIPMSG_DIAG_UNTERMINATED_QUOTE, x, "warn-text is not closed");
	return sm_value_end(t, q, end, stop);
}

static bool two_digits(const char *p, const char *end, uint8_t max, uint8_t *out)
{
	if (end - p < 2 || (unsigned)(unsigned char)p[0] - '0' > 9 || (unsigned)(unsigned char)p[1] - '0' > 9)
		return false;
	unsigned v = (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
	*out = (uint8_t)v;
	return v <= max;
}

/* Which of the n three-letter lowercase names in names[] the three bytes
 * at q are, in any case (n when none, or fewer than three bytes). */
static size_t name3(const char *q, const char *end, const char *names, size_t n)
{
	for (size_t i = 0; end - q >= 3 && i < n; i++)
		if (sm_eq_lower(q, 3, names + 3 * i, 3))
			return i;
	return n;
}

/* rfc1123-date = wkday "," SP date1 SP time SP "GMT"
 * date1 = 2DIGIT SP month SP 4DIGIT; time = 2DIGIT ":" 2DIGIT ":" 2DIGIT
 * wkday, month and "GMT" are ABNF string literals, so any case will do
 * (RFC 5234 §2.3): "sat, 13 nov 2010 23:29:00 gmt" is a Date too. */
/* The LWS that stands for one SP of the Date grammar: RFC 3261 §25.1 gives
 * linear whitespace, folding included, the meaning of SP. Past it, or NULL
 * when there is none. */
static const char *date_sp(const char *q, const char *end)
{
	const char *r = sm_skip_lws(q, end); /* inside a value, CR LF is always folding */
	return r > q ? r : NULL;
}

sipmsg_status sm_parse_date(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	static const char days[] = "montuewedthufrisatsun";
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	sipmsg_date *d = view;
	memset(d, 0, sizeof *d);
	const char *q = p, *r;
	size_t i = name3(q, end, days, 7);
	if (i == 7 || end - q < 5 || q[3] != ',' || !(r = date_sp(q + 4, end)))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "Date must start with a weekday, a comma and a space");
	d->weekday = (sipmsg_slice){q, 3};
	q = r;
	if (!two_digits(q, end, 31, &d->day) || d->day == 0 || !(r = date_sp(q + 2, end)))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "the day must be two digits");
	q = r;
	i = name3(q, end, months, 12);
	if (i == 12 || !(r = date_sp(q + 3, end)))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "unknown month");
	d->month = (uint8_t)(i + 1);
	q = r;
	uint8_t hi, lo;
	if (!two_digits(q, end, 99, &hi) || !two_digits(q + 2, end, 99, &lo) || !(r = date_sp(q + 4, end)))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "the year must be four digits");
	d->year = (uint16_t)(hi * 100 + lo);
	q = r;
	if (!two_digits(q, end, 23, &d->hour) || end - q < 8 || q[2] != ':' || !two_digits(q + 3, end, 59, &d->minute) ||
	    q[5] != ':' || !two_digits(q + 6, end, 60, &d->second))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "the time must be hh:mm:ss");
	q += 8;
	if (!(r = date_sp(q, end)) || end - r < 3 || !sm_eq_lower(r, 3, SM_LIT("gmt")))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "Date must end in GMT");
	return sm_value_end(t, r + 3, end, stop);
}

/* callid *( SEMI ( to-tag / from-tag / early-flag / generic-param ) ) */
sipmsg_status sm_parse_replaces(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_replaces *r = view;
	memset(r, 0, sizeof *r);
	const char *q = p, *at = NULL;
	while (q < end && (sm_is((unsigned char)*q, SM_C_WORD) || (*q == '@' && !at))) {
		if (*q == '@')
			at = q;
		q++;
	}
	if (q == p || (at && (at == p || at + 1 == q)))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "a dialog identifier starts with a Call-ID");
	r->call_id = (sipmsg_slice){p, (size_t)(q - p)};
	sipmsg_status st = sm_gparams(t, &q, end, &r->params, &r->param_count);
	if (st)
		return st;
	bool target_dialog = t->id == SIPMSG_HDR_TARGET_DIALOG;
	unsigned to_tags = 0, from_tags = 0;
	for (size_t i = 0; i < r->param_count; i++) {
		sipmsg_slice n = r->params[i].name;
		if (target_dialog ? SM_IS(n, "remote-tag") : SM_IS(n, "to-tag")) {
			r->to_tag = r->params[i].value;
			to_tags++;
		} else if (target_dialog ? SM_IS(n, "local-tag") : SM_IS(n, "from-tag")) {
			r->from_tag = r->params[i].value;
			from_tags++;
		} else if (SM_IS(n, "early-only"))
			r->early_only = true;
	}
	if ((st = sm_value_end(t, q, end, stop)))
		return st;
	/* RFC 3891 §6.1 (Replaces) and RFC 3911 §7.1 (Join): "MUST contain
	 * exactly one to-tag and exactly one from-tag, as they are required
	 * for unique dialog matching" */
	if (!target_dialog && (to_tags != 1 || from_tags != 1))
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_PARAMETER, p,
				     "%s needs exactly one to-tag and one from-tag (RFC %s)",
				     t->id == SIPMSG_HDR_JOIN ? "Join" : "Replaces",
				     t->id == SIPMSG_HDR_JOIN ? "3911 §7.1" : "3891 §6.1");
	return SIPMSG_OK;
}
