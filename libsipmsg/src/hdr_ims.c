/* SPDX-License-Identifier: MIT */
/* The IMS and priority headers: Session-ID (RFC 7989 §4.2),
 * Resource-Priority and Accept-Resource-Priority (RFC 4412 §3.1),
 * P-Charging-Vector (RFC 7315 §5.6) and P-Access-Network-Info (RFC 7315
 * §5.4, whose access-info RFC 7913 made a generic-param). */
#include "typed.h"
#include "uri.h"

#define SM_UUID_LEN 32

/* sess-uuid = 32(DIGIT / %x61-66): the bytes of [p, end) that break it
 * (NULL when it is one); *upper set when it holds A-F, which RFC 7989 does
 * not allow but RFC 7329 devices are seen to send. */
static const char *bad_uuid(const char *p, const char *end, bool *upper)
{
	const char *q = p;
	*upper = false;
	while (q < end && sm_is((unsigned char)*q, SM_C_HEX)) {
		*upper |= *q >= 'A' && *q <= 'F';
		q++;
	}
	if (q - p > SM_UUID_LEN)
		return p + SM_UUID_LEN;
	return q - p == SM_UUID_LEN && q == end ? NULL : q;
}

/* session-id-value = local-uuid *( SEMI sess-id-param )
 * sess-id-param = remote-param / generic-param; remote-param = "remote" EQUAL remote-uuid */
sipmsg_status sm_parse_session_id(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_session_id *s = view;
	memset(s, 0, sizeof *s);
	const char *q = sm_skip_token(p, end);
	bool upper;
	const char *bad = bad_uuid(p, q, &upper);
	if (bad)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, bad,
				    "Session-ID starts with a local-uuid of 32 hex digits (RFC 7989 §4.2)");
	sipmsg_status st;
	if (upper && (st = sm_typed_warn(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p,
					 "local-uuid in upper case: RFC 7989 §4.2 asks for lower-case hex")))
		return st;
	s->local_uuid = (sipmsg_slice){p, (size_t)(q - p)};
	if ((st = sm_gparams(t, &q, end, &s->params, &s->param_count)))
		return st;
	for (size_t i = 0; i < s->param_count; i++) {
		const sipmsg_param *pr = &s->params[i];
		if (!SM_IS(pr->name, "remote"))
			continue;
		const char *v = pr->value.ptr;
		if (!v || pr->quoted || (bad = bad_uuid(v, v + pr->value.len, &upper)))
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, !v ? pr->name.ptr : pr->quoted ? v - 1 : bad,
					    "remote must be a uuid of 32 hex digits (RFC 7989 §4.2)");
		if (upper && (st = sm_typed_warn(t, SIPMSG_DIAG_BAD_PARAMETER, v,
						 "remote uuid in upper case: RFC 7989 §4.2 asks for lower-case hex")))
			return st;
		if (!s->remote_uuid.ptr)
			s->remote_uuid = pr->value;
	}
	return sm_value_end(t, q, end, stop);
}

/* r-value = namespace "." r-priority; both are token-nodot (a token
 * without '.'), so the r-value is one token with exactly one '.' inside. */
sipmsg_status sm_parse_resource_priority(struct sm_tctx *t, const char *p, const char *end, const char **stop,
					 void *view)
{
	sipmsg_resource_priority *r = view;
	memset(r, 0, sizeof *r);
	const char *q = sm_skip_token(p, end);
	const char *dot = q > p ? memchr(p, '.', (size_t)(q - p)) : NULL;
	if (!dot)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q,
				    "a resource value is namespace \".\" priority (RFC 4412 §3.1)");
	if (dot == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "the namespace before the '.' is empty");
	if (dot + 1 == q)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "the priority after the '.' is empty");
	const char *dot2 = memchr(dot + 1, '.', (size_t)(q - dot - 1));
	if (dot2)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, dot2,
				    "a priority is a token without '.' (RFC 4412 §3.1)");
	r->ns = (sipmsg_slice){p, (size_t)(dot - p)};
	r->priority = (sipmsg_slice){dot + 1, (size_t)(q - dot - 1)};
	return sm_value_end(t, q, end, stop);
}

/* P-Charging-Vector = icid-value *( SEMI charge-params ), icid-value =
 * "icid-value" EQUAL gen-value; charge-params = icid-gen-addr / orig-ioi /
 * term-ioi / transit-ioi / related-icid / related-icid-gen-addr /
 * generic-param, icid-gen-addr = "icid-generated-at" EQUAL host. */
sipmsg_status sm_parse_charging_vector(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				       void *view)
{
	sipmsg_charging_vector *c = view;
	memset(c, 0, sizeof *c);
	const char *q = sm_skip_token(p, end);
	if (!sm_eq_lower(p, (size_t)(q - p), SM_LIT("icid-value")))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p,
				    "P-Charging-Vector starts with icid-value= (RFC 7315 §5.6)");
	q = sm_skip_lws(q, end);
	if (q == end || *q != '=')
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, q, "icid-value needs a value");
	const char *vb = sm_skip_lws(q + 1, end);
	bool quoted = false;
	q = sm_gen_value(vb, end, &c->icid, &quoted);
	if (!q)
		return sm_typed_bad(t, SIPMSG_DIAG_UNTERMINATED_QUOTE, vb, "icid-value: quoted-string not closed");
	if (q == vb)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, vb, "icid-value must be a token, host or quoted-string");
	sipmsg_status st = sm_gparams(t, &q, end, &c->params, &c->param_count);
	if (st)
		return st;
	for (size_t i = 0; i < c->param_count; i++) {
		const sipmsg_param *pr = &c->params[i];
		sipmsg_slice *slot = SM_IS(pr->name, "icid-generated-at") ? &c->icid_generated_at
				     : SM_IS(pr->name, "orig-ioi")        ? &c->orig_ioi
				     : SM_IS(pr->name, "term-ioi")        ? &c->term_ioi
				     : SM_IS(pr->name, "transit-ioi")     ? &c->transit_ioi
									  : NULL;
		if (!slot)
			continue;
		if (!pr->value.ptr)
			return sm_typed_badf(t, SIPMSG_DIAG_BAD_PARAMETER, pr->name.ptr, "%.*s needs a value",
					     (int)pr->name.len, pr->name.ptr);
		if (slot == &c->icid_generated_at) {
			struct sm_uri_ctx u = {0};
			sipmsg_slice host;
			sipmsg_host_type type;
			const char *he, *ve = pr->value.ptr + pr->value.len;
			if (pr->quoted || sm_host_parse(&u, pr->value.ptr, ve, &host, &type, &he) || he != ve)
				return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, pr->value.ptr,
						    "icid-generated-at must be a host (RFC 7315 §5.6)");
		}
		if (!slot->ptr)
			*slot = pr->value;
	}
	return sm_value_end(t, q, end, stop);
}

/* transit-ioi-list = DQUOTE transit-ioi-param *( COMMA transit-ioi-param )
 * DQUOTE: the entries of the list inside the quotes, each split at its
 * last '.' into name and index. */
bool sipmsg_transit_ioi_next(sipmsg_slice *rest, sipmsg_transit_ioi *entry)
{
	if (!entry || !sipmsg_list_next(rest, &entry->raw))
		return false;
	const char *p = entry->raw.ptr, *dot = p + entry->raw.len;
	while (dot > p && dot[-1] != '.')
		dot--;
	if (dot == p) {
		entry->name = entry->raw;
		entry->index = (sipmsg_slice){NULL, 0};
	} else {
		entry->name = (sipmsg_slice){p, (size_t)(dot - 1 - p)};
		entry->index = (sipmsg_slice){dot, (size_t)(p + entry->raw.len - dot)};
	}
	return true;
}

/* access-net-spec = ( access-type / access-class ) *( SEMI access-info );
 * both are a token from a registry or an extension token, and access-info
 * is a generic-param (RFC 7913 §3), network-provided among them. */
sipmsg_status sm_parse_access_network_info(struct sm_tctx *t, const char *p, const char *end, const char **stop,
					   void *view)
{
	sipmsg_access_network_info *a = view;
	memset(a, 0, sizeof *a);
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p,
				    "P-Access-Network-Info starts with an access type or class token (RFC 7315 §5.4)");
	a->access_type = (sipmsg_slice){p, (size_t)(q - p)};
	sipmsg_status st = sm_gparams(t, &q, end, &a->params, &a->param_count);
	if (st)
		return st;
	for (size_t i = 0; i < a->param_count; i++)
		if (SM_IS(a->params[i].name, "network-provided"))
			a->network_provided = true;
	return sm_value_end(t, q, end, stop);
}
