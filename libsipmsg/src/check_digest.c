/* SPDX-License-Identifier: MIT */
/* The Digest parameters' shapes for sipmsg_msg_check(). */
#include "check_internal.h"

/* Digest parameters (RFC 3261 §25.1, RFC 2617 §3.2, RFC 8760), checked
 * after the parse, which reads any auth-param = token EQUAL ( token /
 * quoted-string ). Warnings only: real devices quote what the grammar
 * leaves bare (qop="auth", algorithm="MD5", stale="false"), so a token
 * value is taken quoted or not and only its content is judged; what the
 * grammar quotes (realm, nonce, response, ...) is warned of when bare. */
enum { D_CRED = 1, D_CHAL = 2, D_INFO = 4 };
enum dshape {
	S_QUOTED,   /* quoted-string */
	S_RESPONSE, /* request-digest: LDQUOT 32LHEX RDQUOT, 64 for SHA-256 and
		     * SHA-512-256 (RFC 8760); empty in 3GPP's first REGISTER */
	S_RSPAUTH,  /* response-digest: LDQUOT *LHEX RDQUOT */
	S_NC,       /* nc-value: 8LHEX */
	S_TOKEN,    /* qop-value, algorithm: a token */
	S_QOP_LIST, /* qop-options: qop-value *( "," qop-value ) */
	S_STALE,    /* "true" / "false" */
};
enum dname {
	DP_USERNAME, DP_REALM, DP_NONCE, DP_URI, DP_RESPONSE, DP_CNONCE, DP_OPAQUE, DP_NC, DP_QOP, DP_QOP_OPTIONS,
	DP_ALGORITHM, DP_DOMAIN, DP_STALE, DP_NEXTNONCE, DP_RSPAUTH, DP_COUNT
};
#define DP(id, name, where, shape, must) [id] = {SM_LIT(name), where, shape, must}
static const struct dparam {
	const char *name;
	size_t len;
	uint8_t where;
	uint8_t shape;
	const char *must;
} dparams[DP_COUNT] = {
	DP(DP_USERNAME, "username", D_CRED, S_QUOTED, "be a quoted-string"),
	DP(DP_REALM, "realm", D_CRED | D_CHAL, S_QUOTED, "be a quoted-string"),
	DP(DP_NONCE, "nonce", D_CRED | D_CHAL, S_QUOTED, "be a quoted-string"),
	DP(DP_URI, "uri", D_CRED, S_QUOTED, "be a quoted digest-uri"),
	DP(DP_RESPONSE, "response", D_CRED, S_RESPONSE, "be 32 (or 64, RFC 8760) hex digits in quotes"),
	DP(DP_CNONCE, "cnonce", D_CRED | D_INFO, S_QUOTED, "be a quoted-string"),
	DP(DP_OPAQUE, "opaque", D_CRED | D_CHAL, S_QUOTED, "be a quoted-string"),
	DP(DP_NC, "nc", D_CRED | D_INFO, S_NC, "be 8 hex digits"),
	DP(DP_QOP, "qop", D_CRED | D_INFO, S_TOKEN, "be a token"),
	DP(DP_QOP_OPTIONS, "qop", D_CHAL, S_QOP_LIST, "be a comma list of tokens in quotes"),
	DP(DP_ALGORITHM, "algorithm", D_CRED | D_CHAL, S_TOKEN, "be a token"),
	DP(DP_DOMAIN, "domain", D_CHAL, S_QUOTED, "be a quoted list of URIs"),
	DP(DP_STALE, "stale", D_CHAL, S_STALE, "be true or false"),
	DP(DP_NEXTNONCE, "nextnonce", D_INFO, S_QUOTED, "be a quoted-string"),
	DP(DP_RSPAUTH, "rspauth", D_INFO, S_RSPAUTH, "be hex digits in quotes"),
};
#undef DP
/* What RFC 2617 §3.2.1 and §3.2.2 require: username, realm, nonce, uri,
 * response in credentials; realm and nonce in a challenge; cnonce and nc in
 * credentials with a qop. */
#define D_BIT(i) (1u << (i))
#define D_NEED_CRED (D_BIT(DP_USERNAME) | D_BIT(DP_REALM) | D_BIT(DP_NONCE) | D_BIT(DP_URI) | D_BIT(DP_RESPONSE))
#define D_NEED_CHAL (D_BIT(DP_REALM) | D_BIT(DP_NONCE))
#define D_NEED_QOP (D_BIT(DP_CNONCE) | D_BIT(DP_NC))

static bool all_hex(sipmsg_slice v)
{
	for (size_t k = 0; k < v.len; k++)
		if (!sm_is((unsigned char)v.ptr[k], SM_C_HEX))
			return false;
	return true;
}

static bool dshape_ok(const sipmsg_param *pr, enum dshape shape)
{
	sipmsg_slice v = pr->value;
	switch (shape) {
	case S_QUOTED:
		return pr->quoted;
	case S_RESPONSE:
		return pr->quoted && (v.len == 0 || v.len == 32 || v.len == 64) && all_hex(v);
	case S_RSPAUTH:
		return pr->quoted && all_hex(v);
	case S_NC:
		return v.len == 8 && all_hex(v);
	case S_TOKEN:
		return v.len && sm_skip_token(v.ptr, v.ptr + v.len) == v.ptr + v.len;
	case S_QOP_LIST:
		for (const char *p = v.ptr, *end = v.ptr + v.len;;) {
			p = sm_skip_lws(p, end);
			const char *q = sm_skip_token(p, end);
			if (q == p)
				return false;
			q = sm_skip_lws(q, end);
			if (q == end)
				return true;
			if (*q != ',')
				return false;
			p = q + 1;
		}
	case S_STALE:
		return SM_IS(v, "true") || SM_IS(v, "false");
	}
	return false;
}

/* The Digest parameters of one value of header line i. */
static sipmsg_status digest_value(sipmsg_msg *m, size_t i, const sipmsg_auth *a, unsigned where)
{
	unsigned seen = 0;
	sipmsg_status st;
	for (size_t k = 0; k < a->param_count; k++) {
		const sipmsg_param *pr = &a->params[k];
		for (size_t d = 0; d < DP_COUNT; d++) {
			const struct dparam *dp = &dparams[d];
			if (!(dp->where & where) || !sm_eq_lower(pr->name.ptr, pr->name.len, dp->name, dp->len))
				continue;
			seen |= D_BIT(d);
			if (!dshape_ok(pr, (enum dshape)dp->shape) &&
			    (st = sm_check_report(m, SIPMSG_DIAG_BAD_DIGEST_PARAM, SIPMSG_SEVERITY_WARNING, i, NULL,
						  pr->value.ptr, "Digest %s must %s (RFC 3261 §25.1)", dp->name, dp->must)))
				return st;
			break;
		}
	}
	unsigned need = where == D_CRED ? D_NEED_CRED | (seen & D_BIT(DP_QOP) ? D_NEED_QOP : 0)
		      : where == D_CHAL ? D_NEED_CHAL
					: 0;
	for (size_t d = 0; d < DP_COUNT; d++)
		if ((need & ~seen & D_BIT(d)) &&
		    (st = sm_check_report(m, SIPMSG_DIAG_BAD_DIGEST_PARAM, SIPMSG_SEVERITY_WARNING, i, NULL, a->raw.ptr,
					  "Digest %s without %s (RFC 2617 §3.2%s)", where == D_CRED ? "credentials" : "challenge",
					  dparams[d].name, where == D_CRED ? ".2" : ".1")))
			return st;
	return SIPMSG_OK;
}

sipmsg_status sm_check_digest(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		unsigned where;
		switch (m->hdrs[i].id) {
		case SIPMSG_HDR_AUTHORIZATION:
		case SIPMSG_HDR_PROXY_AUTHORIZATION:
			where = D_CRED;
			break;
		case SIPMSG_HDR_WWW_AUTHENTICATE:
		case SIPMSG_HDR_PROXY_AUTHENTICATE:
			where = D_CHAL;
			break;
		case SIPMSG_HDR_AUTHENTICATION_INFO:
			where = D_INFO;
			break;
		default:
			continue;
		}
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		for (uint32_t j = 0; v && j < v->n; j++) {
			const sipmsg_auth *a = (const sipmsg_auth *)v->items + j;
			if (where != D_INFO && !SM_IS(a->scheme, "digest"))
				continue; /* another scheme: its own rules */
			sipmsg_status st = digest_value(m, i, a, where);
			if (st)
				return st;
		}
	}
	return SIPMSG_OK;
}
