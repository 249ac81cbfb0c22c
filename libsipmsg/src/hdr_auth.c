/* SPDX-License-Identifier: MIT */
/* Credentials and challenges (RFC 3261 §25.1, RFC 7235 token68 for Bearer,
 * RFC 8898): Authorization, Proxy-Authorization, WWW-Authenticate,
 * Proxy-Authenticate = auth-scheme LWS auth-param *(COMMA auth-param);
 * Authentication-Info = ainfo *(COMMA ainfo). */
#include "typed.h"

static void known_param(sipmsg_auth *a, const sipmsg_param *pr)
{
	static const struct {
		const char *name;
		size_t len;
		size_t field;
	} fields[] = {
		{SM_LIT("realm"), offsetof(sipmsg_auth, realm)},
		{SM_LIT("nonce"), offsetof(sipmsg_auth, nonce)},
		{SM_LIT("opaque"), offsetof(sipmsg_auth, opaque)},
		{SM_LIT("algorithm"), offsetof(sipmsg_auth, algorithm)},
		{SM_LIT("qop"), offsetof(sipmsg_auth, qop)},
		{SM_LIT("username"), offsetof(sipmsg_auth, username)},
		{SM_LIT("uri"), offsetof(sipmsg_auth, uri)},
		{SM_LIT("response"), offsetof(sipmsg_auth, response)},
		{SM_LIT("cnonce"), offsetof(sipmsg_auth, cnonce)},
		{SM_LIT("nc"), offsetof(sipmsg_auth, nc)},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (sm_eq_lower(pr->name.ptr, pr->name.len, fields[i].name, fields[i].len)) {
			*(sipmsg_slice *)(void *)((char *)a + fields[i].field) = pr->value;
			return;
		}
}

/* auth-param *(COMMA auth-param), to the end of the value. */
static sipmsg_status auth_params(struct sm_tctx *t, const char *p, const char *end, sipmsg_auth *a)
{
	struct sm_vec v = {0};
	for (;;) {
		const char *ne = sm_skip_token(p, end);
		if (ne == p)
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, p, "an auth-param name must be a token");
		const char *r = sm_skip_lws(ne, end);
		if (r >= end || *r != '=')
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, r, "an auth-param needs '=' and a value");
		const char *vb = sm_skip_lws(r + 1, end), *ve;
		sipmsg_slice value;
		bool quoted = vb < end && *vb == '"';
		if (quoted) {
			if (!(ve = sm_quoted(vb, end, &value)))
				return sm_typed_bad(t, SIPMSG_DIAG_UNTERMINATED_QUOTE, vb, "the quoted value is not closed");
		} else {
			ve = sm_skip_token(vb, end);
			if (ve == vb)
				return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, vb,
						    "an auth-param value is a token or a quoted-string");
			value = (sipmsg_slice){vb, (size_t)(ve - vb)};
		}
		if (v.n >= t->m->opts.max_uri_params)
			return sm_typed_bad(t, SIPMSG_DIAG_LIMIT_URI_PARAMS, p, "more auth-params than max_uri_params");
		sipmsg_param *pr = sm_vec_push(t->m->arena, &v, sizeof *pr);
		if (!pr)
			return SIPMSG_ENOMEM;
		pr->name = (sipmsg_slice){p, (size_t)(ne - p)};
		pr->value = value;
		pr->quoted = quoted;
		known_param(a, pr);
		r = sm_skip_lws(ve, end);
		if (r == end)
			break;
		if (*r != ',')
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, r, "auth-params are separated by commas");
		p = sm_skip_lws(r + 1, end);
		if (p == end || *p == ',')
			return sm_typed_bad(t, SIPMSG_DIAG_EMPTY_LIST_ITEM, p, "empty auth-param");
	}
	a->params = v.items;
	a->param_count = v.n;
	return SIPMSG_OK;
}

/* token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
static const char *token68_end(const char *p, const char *end)
{
	const char *q = p;
	while (q < end && (sm_is((unsigned char)*q, SM_C_ALPHA | SM_C_DIGIT) || *q == '-' || *q == '.' || *q == '_' ||
			   *q == '~' || *q == '+' || *q == '/'))
		q++;
	if (q == p)
		return NULL;
	while (q < end && *q == '=')
		q++;
	return q;
}

sipmsg_status sm_parse_auth(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_auth *a = view;
	memset(a, 0, sizeof *a);
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "an auth scheme token is required");
	a->scheme = (sipmsg_slice){p, (size_t)(q - p)};
	const char *r = sm_skip_lws(q, end);
	if (r == q || r == end)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, r, "the auth scheme must be followed by parameters");
	const char *te = token68_end(r, end);
	if (te && sm_skip_lws(te, end) == end && (te == end || *te != '=')) {
		a->token68 = (sipmsg_slice){r, (size_t)(te - r)};
		*stop = end;
		return SIPMSG_OK;
	}
	sipmsg_status st = auth_params(t, r, end, a);
	*stop = end;
	return st;
}

sipmsg_status sm_parse_auth_info(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	memset(view, 0, sizeof(sipmsg_auth));
	sipmsg_status st = auth_params(t, p, end, view);
	*stop = end;
	return st;
}
