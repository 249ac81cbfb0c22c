/* SPDX-License-Identifier: MIT */
/* Via (RFC 3261 §20.42, rport RFC 3581, IPv6 RFC 5118):
 * via-parm = sent-protocol LWS sent-by *( SEMI via-params ) */
#include "typed.h"
#include "uri.h"

/* A parameter name: the exact lowercase spelling first, as sent nearly always. */
static SM_INLINE bool name_is(sipmsg_slice n, const char *lit, size_t len)
{
	return n.len == len && (memcmp(n.ptr, lit, len) == 0 || sm_eq_lower(n.ptr, len, lit, len));
}
#define NAME_IS(s, lit) name_is((s), SM_LIT(lit))

/* protocol-name / protocol-version / transport, each a token, SWS around '/'. */
static const char *protocol_part(const char *p, const char *end, sipmsg_slice *out, bool slash_after)
{
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return NULL;
	*out = (sipmsg_slice){p, (size_t)(q - p)};
	if (!slash_after)
		return q;
	q = sm_skip_lws(q, end);
	if (q >= end || *q != '/')
		return NULL;
	return sm_skip_lws(q + 1, end);
}

/* received = IPv4address / IPv6address (RFC 3261 §20.42). RFC 5118 §4.5
 * asks receivers to take a bracketed IPv6 reference as well, which some
 * proxies send: kept, with a warning. */
static sipmsg_status received(struct sm_tctx *t, const sipmsg_param *pr)
{
	const char *at = pr->value.ptr ? pr->value.ptr : pr->name.ptr;
	uint8_t addr[16];
	bool only;
	if (!pr->value.ptr || pr->quoted)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at, "received must be an IP address");
	sipmsg_slice a = pr->value;
	if (sm_ipv4_parse(a.ptr, a.len, addr) || sm_ipv6_parse(a.ptr, a.len, addr, &only))
		return SIPMSG_OK;
	if (a.len > 2 && a.ptr[0] == '[' && a.ptr[a.len - 1] == ']' && sm_ipv6_parse(a.ptr + 1, a.len - 2, addr, &only))
		return sm_typed_warn(t, SIPMSG_DIAG_BAD_PARAMETER, at,
				     "received takes an IPv6 address without brackets (RFC 5118 §4.5)");
	return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at, "received must be an IPv4 or IPv6 address");
}

/* Each known parameter is checked wherever it comes; given twice, the
 * first is the one kept, as for every parameter named once (the check
 * warns of the repeat). */
static sipmsg_status known_params(struct sm_tctx *t, sipmsg_via *v)
{
	for (size_t i = 0; i < v->param_count; i++) {
		const sipmsg_param *pr = &v->params[i];
		const char *at = pr->value.ptr ? pr->value.ptr : pr->name.ptr;
		switch (pr->name.len) {
		case 3:
			if (NAME_IS(pr->name, "ttl")) {
				if (!sm_ttl_valid(pr->value))
					return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at, "ttl must be 0..255");
				if (!v->ttl.ptr)
					v->ttl = pr->value;
			}
			break;
		case 5:
			if (NAME_IS(pr->name, "rport")) {
				uint32_t port;
				if (pr->value.ptr && !sm_u32(pr->value.ptr, pr->value.len, 65535, &port))
					return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at, "rport must be a port number");
				if (!v->has_rport) {
					v->has_rport = true;
					v->rport = pr->value;
				}
			} else if (NAME_IS(pr->name, "maddr")) {
				struct sm_uri_ctx c = {0};
				const char *why = sm_maddr_bad(&c, pr);
				if (why)
					return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at, why);
				sipmsg_status st;
				if (c.warn.code &&
				    (st = sm_typed_warn(t, (sipmsg_diag_code)c.warn.code, c.warn.at, c.warn.msg)))
					return st;
				if (!v->maddr.ptr)
					v->maddr = pr->value;
			}
			break;
		case 6:
			if (NAME_IS(pr->name, "branch")) {
				if (!pr->value.ptr || pr->quoted)
					return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, at, "branch must be a token");
				if (!v->branch.ptr)
					v->branch = pr->value;
			}
			break;
		case 8:
			if (NAME_IS(pr->name, "received")) {
				sipmsg_status st = received(t, pr);
				if (st)
					return st;
				if (!v->received.ptr)
					v->received = pr->value;
			}
			break;
		default:
			break;
		}
	}
	return SIPMSG_OK;
}

sipmsg_status sm_parse_via(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_via *v = view;
	memset(v, 0, sizeof *v);
	const char *q;
	if (SM_LIKELY(end - p > 8 && memcmp(p, "SIP/2.0/", 8) == 0)) {
		/* the form every peer sends */
		v->protocol_name = (sipmsg_slice){p, 3};
		v->protocol_version = (sipmsg_slice){p + 4, 3};
		q = protocol_part(p + 8, end, &v->transport, false);
	} else {
		q = protocol_part(p, end, &v->protocol_name, true);
		if (q)
			q = protocol_part(q, end, &v->protocol_version, true);
		if (q)
			q = protocol_part(q, end, &v->transport, false);
	}
	if (!q)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "Via must start with protocol/version/transport");
	const char *h = sm_skip_lws(q, end);
	if (h == q || h == end)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, h, "missing sent-by host");

	struct sm_uri_ctx c = {.arena = t->m->arena, .max_params = t->m->opts.max_uri_params};
	sipmsg_status st = sm_host_parse(&c, h, end, &v->host, &v->host_type, &q);
	if (st)
		return sm_typed_fail(t, st, &c.fail);
	if (c.warn.code && (st = sm_typed_warn(t, (sipmsg_diag_code)c.warn.code, c.warn.at, c.warn.msg)))
		return st;
	const char *r = sm_skip_lws(q, end);
	if (r < end && *r == ':') {
		if ((st = sm_port_parse(&c, sm_skip_lws(r + 1, end), end, &v->port, &q)))
			return sm_typed_fail(t, st, &c.fail);
		v->has_port = true;
	}
	if ((st = sm_gparams(t, &q, end, &v->params, &v->param_count)))
		return st;
	if (v->param_count && (st = known_params(t, v)))
		return st;
	return sm_value_end(t, q, end, stop);
}
