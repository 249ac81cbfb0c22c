/* SPDX-License-Identifier: MIT */
/* name-addr / addr-spec with header parameters (RFC 3261 §20.10, §25.1):
 * From, To, Contact (and "*"), Route, Record-Route, Path, Refer-To, ... */
#include "typed.h"
#include "uri.h"

/* RFC 5626 §4.1: +sip.instance = DQUOTE "<" instance-val ">" DQUOTE */
static bool instance_valid(const sipmsg_param *pr)
{
	return pr->quoted && pr->value.len >= 3 && pr->value.ptr[0] == '<' && pr->value.ptr[pr->value.len - 1] == '>';
}

/* The outbound parameters of a Contact (RFC 5626). A malformed one is a
 * warning only: the Contact still reads, and only outbound needs them. */
static sipmsg_status outbound_params(struct sm_tctx *t, const sipmsg_param *pr)
{
	if (t->id != SIPMSG_HDR_CONTACT)
		return SIPMSG_OK;
	if (pr->name.len == 6 && SM_IS(pr->name, "reg-id") && (pr->quoted || !sm_reg_id_valid(pr->value)))
		return sm_typed_warn(t, SIPMSG_DIAG_BAD_PARAMETER, pr->value.ptr ? pr->value.ptr : pr->name.ptr,
				     "reg-id must be a number from 1 to 2^31-1 (RFC 5626)");
	if (pr->name.len == 13 && SM_IS(pr->name, "+sip.instance") && !instance_valid(pr))
		return sm_typed_warn(t, SIPMSG_DIAG_BAD_PARAMETER, pr->value.ptr ? pr->value.ptr : pr->name.ptr,
				     "+sip.instance must be a quoted \"<URN>\" (RFC 5626)");
	return SIPMSG_OK;
}

/* Each known parameter is checked wherever it comes; given twice, the
 * first is the one kept, as for Via's (the check warns of the repeat). */
static sipmsg_status known_params(struct sm_tctx *t, sipmsg_nameaddr *na)
{
	for (size_t i = 0; i < na->param_count; i++) {
		const sipmsg_param *pr = &na->params[i];
		sipmsg_status st = outbound_params(t, pr);
		if (st)
			return st;
		switch (pr->name.len) {
		case 1:
			if (sm_lower((unsigned char)pr->name.ptr[0]) == 'q') {
				/* qvalue is bare digits: "0.5" quoted is not one */
				if (pr->quoted || !sm_qvalue_valid(pr->value))
					return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER,
							    pr->value.ptr ? pr->value.ptr : pr->name.ptr,
							    "q must be a qvalue between 0 and 1 (at most 3 decimals)");
				if (!na->q.ptr)
					na->q = pr->value;
			}
			break;
		case 3:
			if (SM_IS(pr->name, "tag") && !na->tag.ptr)
				na->tag = pr->value;
			break;
		case 7:
			if (SM_IS(pr->name, "expires")) {
				const char *at = pr->value.ptr ? pr->value.ptr : pr->name.ptr;
				if (!pr->value.ptr || pr->quoted || !sm_all_digits(at, pr->value.len, SIZE_MAX))
					return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at,
							    "expires must be delta-seconds");
				uint32_t expires;
				if (!sm_u32(pr->value.ptr, pr->value.len, UINT32_MAX, &expires))
					return sm_typed_bad(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, at,
							    "expires is larger than 2^32-1");
				if (!na->has_expires) {
					na->expires = expires;
					na->has_expires = true;
				}
			}
			break;
		default:
			break;
		}
	}
	return SIPMSG_OK;
}

/* Why sm_quoted() failed on the quoted string at p: the first control
 * character in it that no backslash escapes, or NULL when it is simply
 * not closed. */
static const char *ctl_in_quotes(const char *p, const char *end)
{
	for (const char *q = p + 1; q < end; q++) {
		if (*q == '\\') {
			q++;
			continue;
		}
		if (*q == '"')
			return NULL;
		if (sm_is((unsigned char)*q, SM_C_CTL) && *q != '\r' && *q != '\n')
			return q;
	}
	return NULL;
}

static sipmsg_status parse_uri(struct sm_tctx *t, const char *p, const char *end, sipmsg_uri *u)
{
	struct sm_uri_ctx c = {.arena = t->m->arena, .max_params = t->m->opts.max_uri_params};
	sipmsg_status st = sm_uri_parse(&c, p, end, u);
	if (st)
		return sm_typed_fail(t, st, &c.fail);
	if (c.warn.code)
		return sm_typed_warn(t, (sipmsg_diag_code)c.warn.code, c.warn.at, c.warn.msg);
	return SIPMSG_OK;
}

/* Where a bare URI ends in a header that has no header parameters: at the
 * next list element or whitespace (sm_uri_addr_spec_end() stops at ';'). */
static const char *bare_uri_end(const char *p, const char *end)
{
	while (p < end && *p != ',' && !sm_is((unsigned char)*p, SM_C_LWS))
		p++;
	return p;
}

/* A bare URI at p where the header's grammar (typed.h) wants it in <>:
 * said before the URI is read, so that "Alert-Info: Ring Answer" is told
 * about the brackets, not about a URI scheme. */
static sipmsg_status check_bare(struct sm_tctx *t, enum sm_na_shape shape, const char *p)
{
	const char *name = sm_hdr_rows[t->id].name;
	if (shape == SM_NA_NAME_ADDR)
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p,
				     "%s takes a name-addr: enclose the URI in '<' and '>'", name);
	if (shape == SM_NA_ANGLE_URI)
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "%s takes its URI in '<' and '>'", name);
	return SIPMSG_OK;
}

/* What the header's grammar allows around the URI just read: na as read
 * from p, q where the parameters would start. */
static sipmsg_status check_around(struct sm_tctx *t, enum sm_na_shape shape, const sipmsg_nameaddr *na,
				  const char *p, const char *q, const char *end)
{
	const char *name = sm_hdr_rows[t->id].name;
	if (shape == SM_NA_ANGLE_URI && (na->display_quoted || na->display.len))
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "%s takes <URI> without a display name", name);
	if (shape == SM_NA_IDENTITY && (q = sm_skip_lws(q, end)) < end && *q == ';')
		return sm_typed_badf(t, SIPMSG_DIAG_BAD_PARAMETER, q,
				     "%s takes no parameters (RFC 3325); URI parameters go inside '<' and '>'", name);
	return SIPMSG_OK;
}

sipmsg_status sm_parse_nameaddr(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_nameaddr *na = view;
	memset(na, 0, sizeof *na);
	sipmsg_status st;
	const char *q = p;
	const enum sm_na_shape shape = sm_na_shape(t->id);

	if (*p == '*' && sm_hdr_rows[t->id].kind == SIPMSG_KIND_CONTACT) {
		/* Contact = HCOLON ( STAR / (contact-param *(COMMA contact-param)) ):
		 * "*" is the whole value, never one element of a list */
		if (p != t->m->hdrs[t->index].value)
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p,
					    "\"*\" must be the only Contact value (RFC 3261 §20.10)");
		na->star = true;
		if ((st = sm_value_end(t, p + 1, end, stop)))
			return st;
		if (*stop != end)
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, *stop,
					    "\"*\" must be the only Contact value (RFC 3261 §20.10)");
		return SIPMSG_OK;
	}
	if (*p == '"') {
		q = sm_quoted(p, end, &na->display);
		if (!q) {
			const char *c = ctl_in_quotes(p, end);
			return c ? sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, c,
						"a control character in the display name (escape it with '\\')")
				 : sm_typed_bad(t, SIPMSG_DIAG_UNTERMINATED_QUOTE, p, "the display name's quote is not closed");
		}
		na->display_quoted = true;
		q = sm_skip_lws(q, end);
		if (q >= end || *q != '<')
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q,
					    "a quoted display name must be followed by <URI>");
	} else if (*p != '<') {
		/* display-name tokens before '<', or else the value is an addr-spec */
		const char *r = p, *last = p;
		while (r < end) {
			unsigned char c = (unsigned char)*r;
			if (sm_is(c, SM_C_TOKEN | SM_C_UTF8))
				last = ++r;
			else if (sm_is(c, SM_C_LWS))
				r++;
			else
				break;
		}
		if (r < end && *r == '<' && last > p) {
			na->display = (sipmsg_slice){p, (size_t)(last - p)};
			q = r;
		} else {
			/* an identity takes no header parameters: its URI runs on
			 * over ';' up to the next element or the end */
			const char *ue = shape == SM_NA_IDENTITY ? bare_uri_end(p, end) : sm_uri_addr_spec_end(p, end);
			/* no scheme before where an addr-spec would end, and a '<'
			 * further on: words with a separator meant as a display name
			 * ("Bell, Alexander <sip:...>", RFC 4475 §3.1.2.15). In a list
			 * header a comma ends the item instead: "foo, <sip:...>" is a
			 * bad URI "foo" before a good item, not a display name. */
			if (r < end && !(t->list && *r == ',') && !memchr(p, ':', (size_t)(ue - p)) &&
			    memchr(r, '<', (size_t)(end - r)))
				return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, r,
						    "a display name with characters other than tokens must be quoted");
			/* RFC 3261 §20.10: a URI with ',', ';' or '?' must be in
			 * <>; ',' and ';' end an addr-spec, a '?' would be read as
			 * the URI's headers (RFC 4475 §3.1.2.13) */
			if ((st = check_bare(t, shape, p)))
				return st;
			const char *qm = shape == SM_NA_IDENTITY ? NULL : memchr(p, '?', (size_t)(ue - p));
			if (qm)
				return sm_typed_bad(t, SIPMSG_DIAG_BAD_URI, qm,
						    "a URI with '?' must be enclosed in '<' and '>'");
			if ((st = parse_uri(t, p, ue, &na->uri)))
				return st;
			q = ue;
			goto params;
		}
	}
	/* q is on the '<' */
	{
		const char *gt = memchr(q, '>', (size_t)(end - q));
		if (!gt)
			return sm_typed_bad(t, SIPMSG_DIAG_UNBALANCED_ANGLE, q, "'<' without '>'");
		/* LAQUOT and RAQUOT take no whitespace inside (RFC 4475 §3.1.2.14) */
		if (q + 1 < gt && sm_is((unsigned char)q[1], SM_C_LWS))
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_URI, q + 1, "whitespace after '<'");
		if (q + 1 < gt && sm_is((unsigned char)gt[-1], SM_C_LWS))
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_URI, gt - 1, "whitespace before '>'");
		if ((st = parse_uri(t, q + 1, gt, &na->uri)))
			return st;
		na->angle = true;
		q = gt + 1;
	}
params:
	if ((st = check_around(t, shape, na, p, q, end)))
		return st;
	if ((st = sm_gparams(t, &q, end, &na->params, &na->param_count)))
		return st;
	if (na->param_count && (st = known_params(t, na)))
		return st;
	return sm_value_end(t, q, end, stop);
}
