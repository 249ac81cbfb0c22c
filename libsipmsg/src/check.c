/* SPDX-License-Identifier: MIT */
/* Layer 6: RFC 3261 rules checked on a parsed or built message, reported as
 * 3xx diagnostics. Nothing here fails a parse; the caller decides. */
#include "check_internal.h"
#include "uri.h"

static sipmsg_msg *mut(const sipmsg_msg *m) { return (sipmsg_msg *)(uintptr_t)m; }

sipmsg_status sm_check_report(sipmsg_msg *m, sipmsg_diag_code code, sipmsg_severity sev, size_t i,
			      const char *name, const char *at, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (!at && i != SM_NOPOS)
		at = m->hdrs[i].value;
	if (sm_diag_addf(m, code, sev, at, i, "%s", buf))
		return SIPMSG_ENOMEM;
	if (i == SM_NOPOS && name)
		m->diags[m->ndiags - 1].header = (sipmsg_slice){name, strlen(name)};
	return SIPMSG_OK;
}

/* One pass with the first of each name kept, so many parameters cost no
 * more than a few. */
sipmsg_status sm_check_repeated_params(sipmsg_msg *m, size_t i, const sipmsg_param *params, size_t count,
				       const struct sm_once_params *once)
{
	bool seen[8] = {once->lead};
	for (size_t k = 0; k < count; k++) {
		const sipmsg_param *pr = &params[k];
		if (!pr->value.ptr && !once->by_presence)
			continue;
		for (size_t r = 0; r < once->n; r++) {
			if (!sm_eq_lower(pr->name.ptr, pr->name.len, once->names[r], strlen(once->names[r])))
				continue;
			sipmsg_status st;
			if (seen[r] &&
			    (st = sm_check_report(m, SIPMSG_DIAG_MULTIPLE_VALUES, SIPMSG_SEVERITY_WARNING, i, NULL, pr->name.ptr,
						  "a second %s parameter: the first is the one read (%s)", once->names[r],
						  once->rfc)))
				return st;
			seen[r] = true;
			break;
		}
	}
	return SIPMSG_OK;
}

static bool has_diag(const sipmsg_msg *m, sipmsg_diag_code code)
{
	for (uint32_t i = 0; i < m->ndiags; i++)
		if (m->diags[i].code == code)
			return true;
	return false;
}

/* Forget the 3xx diagnostics of an earlier run. */
static void drop_check_diags(sipmsg_msg *m)
{
	uint32_t o = 0;
	for (uint32_t i = 0; i < m->ndiags; i++)
		if (m->diags[i].code < 300 || m->diags[i].code >= 400)
			m->diags[o++] = m->diags[i];
	m->ndiags = o;
}

/* Where a missing header would have been: the empty line that ends the
 * header section of a parsed message (NULL, no position, for a built one). */
static const char *section_end(const sipmsg_msg *m)
{
	return sm_in_input(m, m->separator.ptr) ? m->separator.ptr : NULL;
}

static sipmsg_status mandatory(sipmsg_msg *m, const sipmsg_cseq *cseq)
{
	static const sipmsg_hdr_id always[] = {SIPMSG_HDR_TO, SIPMSG_HDR_FROM, SIPMSG_HDR_CSEQ, SIPMSG_HDR_CALL_ID,
					       SIPMSG_HDR_VIA};
	sipmsg_status st;
	for (size_t k = 0; k < sizeof always / sizeof always[0]; k++)
		if (!m->first[always[k]] &&
		    (st = sm_check_report(m, SIPMSG_DIAG_MISSING_HEADER, SIPMSG_SEVERITY_ERROR, SM_NOPOS,
					  sm_hdr_rows[always[k]].name, section_end(m), "missing %s (RFC 3261 §8.1.1)",
					  sm_hdr_rows[always[k]].name)))
			return st;
	if (m->is_request && !m->first[SIPMSG_HDR_MAX_FORWARDS] &&
	    (st = sm_check_report(m, SIPMSG_DIAG_MISSING_HEADER, SIPMSG_SEVERITY_ERROR, SM_NOPOS, "Max-Forwards",
				  section_end(m), "missing Max-Forwards in a request (RFC 3261 §8.1.1.6)")))
		return st;
	bool invite_req = m->is_request && m->method_id == SIPMSG_METHOD_INVITE;
	bool invite_2xx = !m->is_request && m->status >= 200 && m->status < 300 && cseq &&
			  cseq->method_id == SIPMSG_METHOD_INVITE;
	if ((invite_req || invite_2xx) && !m->first[SIPMSG_HDR_CONTACT] &&
	    (st = sm_check_report(m, SIPMSG_DIAG_MISSING_HEADER, SIPMSG_SEVERITY_ERROR, SM_NOPOS, "Contact", section_end(m),
				  "missing Contact in %s (RFC 3261 §8.1.1.8, §13.3.1.4)",
				  invite_req ? "an INVITE" : "a 2xx response to INVITE")))
		return st;
	return SIPMSG_OK;
}

static sipmsg_status single_valued(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		const struct sm_hdr *h = &m->hdrs[i];
		if (!h->id || !(sm_hdr_rows[h->id].flags & SIPMSG_HF_SINGLE) || m->first[h->id] == i + 1)
			continue;
		/* report each repeated line once: it is not the first of its id */
		sipmsg_status st = sm_check_report(m, SIPMSG_DIAG_MULTIPLE_VALUES, SIPMSG_SEVERITY_ERROR, i, NULL, NULL,
						   "%s appears more than once (RFC 3261 §7.3)", sm_hdr_rows[h->id].name);
		if (st)
			return st;
	}
	return SIPMSG_OK;
}

/* A "*" Contact is the whole Contact header field (RFC 3261 §20.10, §10.2.2),
 * and lines of one header are one comma list (§7.3.1): no other Contact
 * line may come with it. A line that mixes "*" with URIs is already bad. */
static sipmsg_status contact_star_rule(sipmsg_msg *m)
{
	size_t values = 0, star_line = SM_NOPOS;
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		if (m->hdrs[i].id != SIPMSG_HDR_CONTACT)
			continue;
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		if (!v)
			continue;
		values += v->n;
		if (v->n && ((const sipmsg_nameaddr *)v->items)->star && star_line == SM_NOPOS)
			star_line = i;
	}
	if (star_line == SM_NOPOS || values < 2)
		return SIPMSG_OK;
	return sm_check_report(m, SIPMSG_DIAG_MULTIPLE_VALUES, SIPMSG_SEVERITY_ERROR, star_line, NULL, NULL,
			       "a \"*\" Contact with other Contact values (RFC 3261 §10.2.2, §20.10)");
}

static sipmsg_status request_rules(sipmsg_msg *m, const sipmsg_cseq *cseq)
{
	sipmsg_status st;
	if (cseq && (cseq->method.len != m->method.len || memcmp(cseq->method.ptr, m->method.ptr, m->method.len) != 0)) {
		size_t i = m->first[SIPMSG_HDR_CSEQ] - 1;
		if ((st = sm_check_report(m, SIPMSG_DIAG_CSEQ_METHOD_MISMATCH, SIPMSG_SEVERITY_ERROR, i, NULL, cseq->method.ptr,
					  "CSeq method %.*s differs from the request method %.*s (RFC 3261 §8.1.1.5)",
					  (int)(cseq->method.len > 32 ? 32 : cseq->method.len), cseq->method.ptr,
					  (int)(m->method.len > 32 ? 32 : m->method.len), m->method.ptr)))
			return st;
	}
	const sipmsg_uri *u = NULL;
	st = sm_typed_parse_ruri(m, &u);
	if (st == SIPMSG_ENOMEM)
		return st;
	if (!u)
		return SIPMSG_OK;
	if (u->scheme == SIPMSG_SCHEME_OTHER &&
	    (st = sm_check_report(m, SIPMSG_DIAG_UNKNOWN_URI_SCHEME, SIPMSG_SEVERITY_WARNING, SM_NOPOS, NULL, u->raw.ptr,
				  "Request-URI scheme %.*s is not sip, sips or tel (416 Unsupported URI Scheme)",
				  (int)(u->scheme_name.len > 32 ? 32 : u->scheme_name.len), u->scheme_name.ptr)))
		return st;
	if (u->header_count &&
	    (st = sm_check_report(m, SIPMSG_DIAG_REQUEST_URI_HEADERS, SIPMSG_SEVERITY_ERROR, SM_NOPOS, NULL,
				  u->headers[0].name.ptr - 1, "URI headers are not allowed in a Request-URI (RFC 3261 §19.1.1)")))
		return st;
	return SIPMSG_OK;
}

/* via-extension = generic-param (RFC 3261 §25.1): a gen-value, where the
 * parser takes the bare ':' it needs for received (a bare IPv6 address,
 * RFC 3261 §20.42) in every Via parameter; maddr, a host, it judges itself
 * (bare IPv6 is an error there). The parse of Via is
 * the hot path, so this rule is a warning here, at the first such value. */
static sipmsg_status via_extension_rule(sipmsg_msg *m, uint32_t i, const sipmsg_via *via)
{
	for (size_t k = 0; k < via->param_count; k++) {
		const sipmsg_param *pr = &via->params[k];
		if (!pr->value.ptr || SM_IS(pr->name, "received") || SM_IS(pr->name, "maddr") ||
		    sm_param_gen_value_ok(pr))
			continue;
		return sm_check_report(m, SIPMSG_DIAG_BAD_VIA_PARAM, SIPMSG_SEVERITY_WARNING, i, NULL, pr->value.ptr,
				       "Via parameter %.*s must be a token, host or quoted-string (RFC 3261 gen-value)",
				       (int)(pr->name.len > 40 ? 40 : pr->name.len), pr->name.ptr);
	}
	return SIPMSG_OK;
}

/* The Via parameters RFC 3261 §20.42 gives a meaning, each read once. */
static const char *const via_once_names[] = {"branch", "received", "rport", "maddr", "ttl"};
static const struct sm_once_params via_once = {via_once_names, sizeof via_once_names / sizeof via_once_names[0], false,
					       "RFC 3261 §20.42", true};

static sipmsg_status via_rules(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		if (m->hdrs[i].id != SIPMSG_HDR_VIA)
			continue;
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		for (uint32_t j = 0; v && j < v->n; j++) {
			const sipmsg_via *via = (const sipmsg_via *)v->items + j;
			sipmsg_status st = SIPMSG_OK;
			if (!via->branch.ptr)
				st = sm_check_report(m, SIPMSG_DIAG_MISSING_BRANCH, SIPMSG_SEVERITY_WARNING, i, NULL, via->raw.ptr,
						     "Via without a branch parameter (RFC 3261 §8.1.1.7)");
			else if (via->branch.len < 7 || memcmp(via->branch.ptr, "z9hG4bK", 7) != 0)
				st = sm_check_report(m, SIPMSG_DIAG_BRANCH_NO_COOKIE, SIPMSG_SEVERITY_WARNING, i, NULL, via->branch.ptr,
						     "Via branch does not start with the magic cookie z9hG4bK (RFC 2543 peer?)");
			else if (via->branch.len == 7)
				st = sm_check_report(m, SIPMSG_DIAG_EMPTY_BRANCH, SIPMSG_SEVERITY_WARNING, i, NULL, via->branch.ptr,
						     "Via branch is only the magic cookie (RFC 4475 §3.2.1)");
			if (st || (st = via_extension_rule(m, i, via)) ||
			    (st = sm_check_repeated_params(m, i, via->params, via->param_count, &via_once)))
				return st;
		}
	}
	return SIPMSG_OK;
}

/* The name-addr parameters RFC 3261 gives a meaning (§20.10, §20.20, §20.39),
 * each read once. */
static const char *const nameaddr_once_names[] = {"tag", "q", "expires"};
static const struct sm_once_params nameaddr_once = {
	nameaddr_once_names, sizeof nameaddr_once_names / sizeof nameaddr_once_names[0], false, "RFC 3261 §25.1"};

/* tag-param = "tag" EQUAL token (RFC 3261 §25.1): a bare ";tag" is only a
 * generic-param, and no tag; the view reads a later one with a value. */
static sipmsg_status valueless_tag_rule(sipmsg_msg *m, uint32_t i, const sipmsg_nameaddr *na)
{
	for (size_t k = 0; k < na->param_count; k++) {
		const sipmsg_param *pr = &na->params[k];
		if (!pr->value.ptr && SM_IS(pr->name, "tag"))
			return sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL, pr->name.ptr,
					       "a tag parameter without a value is no tag (RFC 3261 §25.1 tag-param)");
	}
	return SIPMSG_OK;
}

/* display-name = *(token LWS) / quoted-string (RFC 3261 §25.1): token is
 * ASCII, so a name with UTF-8 or other characters must be quoted. The parse
 * reads UTF-8 words before '<' as real agents write them; the first byte
 * out of the grammar is a warning here. */
static sipmsg_status unquoted_display_rule(sipmsg_msg *m, uint32_t i, const sipmsg_nameaddr *na)
{
	if (!na->display.ptr || na->display_quoted)
		return SIPMSG_OK;
	for (size_t k = 0; k < na->display.len; k++) {
		unsigned char c = (unsigned char)na->display.ptr[k];
		if (!sm_is(c, SM_C_TOKEN | SM_C_LWS))
			return sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL,
					       na->display.ptr + k,
					       "an unquoted display name is tokens only: quote one with other characters "
					       "(RFC 3261 §25.1 display-name)");
	}
	return SIPMSG_OK;
}

static sipmsg_status nameaddr_rules(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		unsigned kind = m->hdrs[i].id ? sm_hdr_rows[m->hdrs[i].id].kind : SIPMSG_KIND_TEXT;
		if (kind != SIPMSG_KIND_NAMEADDR && kind != SIPMSG_KIND_CONTACT)
			continue;
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		for (uint32_t j = 0; v && j < v->n; j++) {
			const sipmsg_nameaddr *na = (const sipmsg_nameaddr *)v->items + j;
			sipmsg_status st = sm_check_repeated_params(m, i, na->params, na->param_count, &nameaddr_once);
			if (st || (st = valueless_tag_rule(m, i, na)) || (st = unquoted_display_rule(m, i, na)))
				return st;
		}
	}
	return SIPMSG_OK;
}

/* A SIP URI's or a Via's host name held to RFC 3261's hostname rule, which
 * the parse leaves to here (it reads host characters only, on the hot
 * path too). One warning per header value, at the first fault. */
static sipmsg_status host_name_rule(sipmsg_msg *m, size_t i, sipmsg_slice host, sipmsg_host_type type)
{
	const char *why, *at = type == SIPMSG_HOST_NAME && host.len ? sm_hostname_fault(host, &why) : NULL;
	return at ? sm_check_report(m, SIPMSG_DIAG_BAD_HOST_NAME, SIPMSG_SEVERITY_WARNING, i, NULL, at, "%s", why)
		  : SIPMSG_OK;
}

static bool sip_uri(const sipmsg_uri *u) { return u->scheme == SIPMSG_SCHEME_SIP || u->scheme == SIPMSG_SCHEME_SIPS; }

/* A SIP URI's host name and parameters. */
static sipmsg_status sip_uri_rules(sipmsg_msg *m, size_t i, const sipmsg_uri *u)
{
	if (!sip_uri(u))
		return SIPMSG_OK;
	sipmsg_status st = host_name_rule(m, i, u->host, u->host_type);
	return st ? st : sm_check_uri_params(m, i, u);
}

/* The Request-URI, every Via sent-by and every name-addr's SIP URI. */
static sipmsg_status host_and_uri_rules(sipmsg_msg *m)
{
	sipmsg_status st;
	const sipmsg_uri *ru = NULL;
	if (m->is_request && (st = sm_typed_parse_ruri(m, &ru)) == SIPMSG_ENOMEM)
		return st;
	if (ru && (st = sip_uri_rules(m, SM_NOPOS, ru)))
		return st;
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		unsigned kind = m->hdrs[i].id ? sm_hdr_rows[m->hdrs[i].id].kind : SIPMSG_KIND_TEXT;
		if (kind != SIPMSG_KIND_VIA && kind != SIPMSG_KIND_NAMEADDR && kind != SIPMSG_KIND_CONTACT)
			continue;
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		for (uint32_t j = 0; v && j < v->n; j++) {
			if (kind == SIPMSG_KIND_VIA) {
				const sipmsg_via *via = (const sipmsg_via *)v->items + j;
				st = host_name_rule(m, i, via->host, via->host_type);
			} else {
				const sipmsg_nameaddr *na = (const sipmsg_nameaddr *)v->items + j;
				st = na->star ? SIPMSG_OK : sip_uri_rules(m, i, &na->uri);
			}
			if (st)
				return st;
		}
	}
	return SIPMSG_OK;
}

/* The headers the library keeps as text whose grammar is not free text,
 * checked here rather than given a typed view: there is nothing to type,
 * and real agents write them loosely (RFC 2045 lets MIME-Version carry
 * comments, products come with stray characters), so a deviation is a
 * warning. NULL when the value keeps its grammar, else the first stray
 * byte and *why. */

/* MIME-Version = "MIME-Version" HCOLON 1*DIGIT "." 1*DIGIT */
static const char *bad_mime_version(const char *p, const char *end, const char **why)
{
	const char *q = sm_skip_digits(p, end);
	*why = "must be 1*DIGIT \".\" 1*DIGIT, with no comment (RFC 3261 §20.24)";
	if (q == p || q >= end || *q != '.')
		return q;
	p = q + 1;
	q = sm_skip_digits(p, end);
	return q == p ? q : q != end ? sm_skip_lws(q, end) : NULL;
}

/* server-val *( LWS server-val ), server-val = product / comment, product =
 * token [ SLASH product-version ], product-version = token (RFC 3261
 * §20.35, §20.41). A comment right after a product ("FPBX-16.0.40(18.9.0)")
 * is taken without the LWS, as HTTP's implied *LWS had it. */
static const char *bad_server_vals(const char *p, const char *end, const char **why)
{
	p = sm_skip_lws(p, end);
	if (p == end) {
		*why = "an empty value: at least one product or comment (RFC 3261 §20.41)";
		return p;
	}
	*why = "expected a product (token [\"/\" token]) or a (comment) (RFC 3261 §20.41)";
	for (; p < end; p = sm_skip_lws(p, end)) {
		if (*p == '(') {
			const char *e = sm_comment(p, end);
			if (!e) {
				*why = "the comment is not closed (RFC 3261 §25.1)";
				return p;
			}
			p = e;
			continue;
		}
		const char *q = sm_skip_token(p, end);
		if (q == p)
			return p;
		const char *s = sm_skip_lws(q, end);
		if (s < end && *s == '/') {
			s = sm_skip_lws(s + 1, end);
			q = sm_skip_token(s, end);
			if (q == s) {
				*why = "a product-version after \"/\" must be a token (RFC 3261 §25.1)";
				return s;
			}
		}
		p = q;
	}
	return NULL;
}

/* Privacy-hdr = "Privacy" HCOLON priv-value *(";" priv-value), priv-value
 * = "header" / "session" / "user" / "none" / "critical" / "id" /
 * "history" / token (RFC 3323 §4.2, RFC 3325 §9.3, RFC 7044 §6): a
 * ";"-separated token list (LWS around ";" taken, as SEMI has it). */
static const char *bad_privacy(const char *p, const char *end, const char **why)
{
	*why = "expected a priv-value (a token) (RFC 3323 §4.2)";
	for (;;) {
		p = sm_skip_lws(p, end);
		const char *q = sm_skip_token(p, end);
		if (q == p)
			return p;
		p = sm_skip_lws(q, end);
		if (p == end)
			return NULL;
		if (*p != ';') {
			*why = "priv-values are separated by \";\" (RFC 3323 §4.2)";
			return p;
		}
		p++;
	}
}

static sipmsg_status text_header_rules(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		const struct sm_hdr *h = &m->hdrs[i];
		const char *end = h->value + h->value_len, *why, *bad;
		switch (h->id) {
		case SIPMSG_HDR_MIME_VERSION:
			bad = bad_mime_version(h->value, end, &why);
			break;
		case SIPMSG_HDR_USER_AGENT:
		case SIPMSG_HDR_SERVER:
			bad = bad_server_vals(h->value, end, &why);
			break;
		case SIPMSG_HDR_PRIVACY:
			bad = bad_privacy(h->value, end, &why);
			break;
		default:
			continue;
		}
		sipmsg_status st;
		if (bad && (st = sm_check_report(m, SIPMSG_DIAG_BAD_TEXT_HEADER, SIPMSG_SEVERITY_WARNING, i, NULL, bad, "%s: %s",
						 sm_hdr_rows[h->id].name, why)))
			return st;
	}
	return SIPMSG_OK;
}

static sipmsg_status body_rules(sipmsg_msg *m)
{
	sipmsg_status st;
	uint32_t cl;
	if (m->first[SIPMSG_HDR_CONTENT_LENGTH] && sipmsg_msg_number(m, SIPMSG_HDR_CONTENT_LENGTH, &cl) == SIPMSG_OK &&
	    cl != m->body.len && !has_diag(m, SIPMSG_DIAG_BODY_TRUNCATED) &&
	    (st = sm_check_report(m, SIPMSG_DIAG_CONTENT_LENGTH_MISMATCH, SIPMSG_SEVERITY_ERROR,
				  m->first[SIPMSG_HDR_CONTENT_LENGTH] - 1, NULL, NULL,
				  "Content-Length is %lu but the body has %zu bytes", (unsigned long)cl, m->body.len)))
		return st;
	if (m->body.len && !m->first[SIPMSG_HDR_CONTENT_TYPE] &&
	    (st = sm_check_report(m, SIPMSG_DIAG_MISSING_CONTENT_TYPE, SIPMSG_SEVERITY_ERROR, SM_NOPOS, "Content-Type",
				  section_end(m), "a %zu-byte body without Content-Type (RFC 3261 §20.15)", m->body.len)))
		return st;
	return SIPMSG_OK;
}

/* m-type and m-subtype are tokens, and "*" is a token character, so
 * Content-Type: "*" "/" "*" parses; but a wildcard is Accept's media-range
 * (RFC 3261 §20.1), naming no type of the body it labels (§20.15). */
static sipmsg_status content_type_rule(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		if (m->hdrs[i].id != SIPMSG_HDR_CONTENT_TYPE)
			continue;
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		if (!v || !v->n)
			continue;
		const sipmsg_mediatype *mt = v->items;
		const sipmsg_slice *wild = NULL;
		if (SM_IS(mt->type, "*"))
			wild = &mt->type;
		else if (SM_IS(mt->subtype, "*"))
			wild = &mt->subtype;
		sipmsg_status st;
		if (wild && (st = sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL, wild->ptr,
						  "a \"*\" media type names no type: wildcards are Accept's (RFC 3261 §20.1, "
						  "§20.15)")))
			return st;
	}
	return SIPMSG_OK;
}

/* The first '%' of the reason phrase that does not start an escape (RFC
 * 3261 §25.1: Reason-Phrase takes '%' only in escaped = "%" HEXDIG HEXDIG),
 * or NULL. */
static const char *bare_percent(sipmsg_slice r)
{
	for (size_t k = 0; k < r.len; k++)
		if (r.ptr[k] == '%' && (k + 2 >= r.len || !sm_is((unsigned char)r.ptr[k + 1], SM_C_HEX) ||
					!sm_is((unsigned char)r.ptr[k + 2], SM_C_HEX)))
			return r.ptr + k;
	return NULL;
}

static sipmsg_status start_line_rules(sipmsg_msg *m)
{
	sipmsg_status st;
	/* RFC 3261 §7.1: the SIP-Version is case-insensitive, but senders MUST
	 * write it in upper case */
	bool is_2_0 = m->version.len == 7 && sm_eq_lower(m->version.ptr, 7, SM_LIT("sip/2.0"));
	if (!is_2_0 && !has_diag(m, SIPMSG_DIAG_UNSUPPORTED_VERSION) && !has_diag(m, SIPMSG_DIAG_BAD_VERSION) &&
	    (st = sm_check_report(m, SIPMSG_DIAG_UNSUPPORTED_VERSION, SIPMSG_SEVERITY_ERROR, SM_NOPOS, NULL, m->version.ptr,
				  "the SIP-Version is not SIP/2.0 (505)")))
		return st;
	if (is_2_0 && memcmp(m->version.ptr, "SIP", 3) != 0 &&
	    (st = sm_check_report(m, SIPMSG_DIAG_START_LINE_RULE, SIPMSG_SEVERITY_WARNING, SM_NOPOS, NULL, m->version.ptr,
				  "the SIP-Version is read in any case, but senders must write \"SIP\" in upper case "
				  "(RFC 3261 §7.1)")))
		return st;
	const char *pct = m->is_request ? NULL : bare_percent(m->reason);
	if (pct && (st = sm_check_report(m, SIPMSG_DIAG_START_LINE_RULE, SIPMSG_SEVERITY_WARNING, SM_NOPOS, NULL, pct,
					 "a '%%' in the reason phrase that is not an escape (%%HH; RFC 3261 §25.1)")))
		return st;
	if (!m->is_request && (m->status < 100 || m->status > 699) &&
	    (st = sm_check_report(m, SIPMSG_DIAG_STATUS_OUT_OF_RANGE, SIPMSG_SEVERITY_ERROR, SM_NOPOS, NULL, m->start_raw.ptr,
				  "status code %d is outside 100..699", m->status)))
		return st;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_msg_check(const sipmsg_msg *cm)
{
	if (!cm)
		return SIPMSG_EINVAL;
	sipmsg_msg *m = mut(cm);
	struct sm_typed_state *s = sm_typed_state(m);
	if (!s)
		return SIPMSG_ENOMEM;
	if (s->checked)
		drop_check_diags(m);
	s->checked = true;
	for (uint32_t i = 0; i < m->nhdrs; i++)
		if (sm_typed_parse_header(m, i) == SIPMSG_ENOMEM)
			return SIPMSG_ENOMEM;
	const sipmsg_cseq *cseq = sipmsg_msg_cseq(m);
	sipmsg_status st;
	if ((st = start_line_rules(m)) || (st = mandatory(m, cseq)) || (st = single_valued(m)) ||
	    (st = contact_star_rule(m)) ||
	    (m->is_request && (st = request_rules(m, cseq))) || (st = via_rules(m)) || (st = nameaddr_rules(m)) ||
	    (st = host_and_uri_rules(m)) || (st = sm_check_header_params(m)) ||
	    (st = sm_check_digest(m)) ||
	    (st = sm_check_ims(m)) ||
	    (st = text_header_rules(m)) || (st = content_type_rule(m)) || (st = body_rules(m)))
		return st;
	return sipmsg_msg_error_count(m) ? SIPMSG_ESYNTAX : SIPMSG_OK;
}
