/* SPDX-License-Identifier: MIT */
/* Token-shaped headers: media types (Content-Type, Accept), bare tokens
 * (Allow, Supported, Require, ...) and tokens with parameters (Event,
 * Subscription-State, Reason, Content-Disposition, ...). */
#include "typed.h"

/* media-type = m-type SLASH m-subtype *( SEMI m-parameter ); Accept's
 * media-range allows "*" for either (a token character). */
sipmsg_status sm_parse_mediatype(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_mediatype *mt = view;
	memset(mt, 0, sizeof *mt);
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "a media type starts with a type token");
	mt->type = (sipmsg_slice){p, (size_t)(q - p)};
	q = sm_skip_lws(q, end);
	if (q >= end || *q != '/')
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, q, "a media type needs type/subtype");
	const char *s = sm_skip_lws(q + 1, end);
	q = sm_skip_token(s, end);
	if (q == s)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, s, "missing media subtype");
	mt->subtype = (sipmsg_slice){s, (size_t)(q - s)};
	sipmsg_status st = sm_gparams(t, &q, end, &mt->params, &mt->param_count);
	if (st)
		return st;
	for (size_t i = 0; i < mt->param_count; i++)
		if (SM_IS(mt->params[i].name, "boundary"))
			mt->boundary = mt->params[i].value;
	return sm_value_end(t, q, end, stop);
}

sipmsg_status sm_parse_token(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_token *tk = view;
	memset(tk, 0, sizeof *tk);
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "a token is required");
	tk->value = (sipmsg_slice){p, (size_t)(q - p)};
	return sm_value_end(t, q, end, stop);
}

sipmsg_status sm_parse_token_params(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				    void *view)
{
	sipmsg_token *tk = view;
	memset(tk, 0, sizeof *tk);
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "a token is required");
	tk->value = (sipmsg_slice){p, (size_t)(q - p)};
	sipmsg_status st = sm_gparams(t, &q, end, &tk->params, &tk->param_count);
	if (st)
		return st;
	return sm_value_end(t, q, end, stop);
}
