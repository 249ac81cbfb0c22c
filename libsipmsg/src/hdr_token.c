/* SPDX-License-Identifier: MIT */
/* Token-shaped headers: media types (Content-Type, Accept), bare tokens
 * (Allow, Supported, Require, ...) and tokens with parameters (Event,
 * Subscription-State, Reason, Content-Disposition, ...). */
#include "typed.h"

/* media-type = m-type SLASH m-subtype *( SEMI m-parameter ), m-parameter =
 * m-attribute EQUAL m-value: a Content-Type parameter has a value. Accept's
 * media-range = ( "*" SLASH "*" ) / ( m-type SLASH "*" ) / ( m-type SLASH
 * m-subtype ) allows "*" for the subtype, and for the type only with a "*"
 * subtype ("*" is a token character: only a "*" type with another subtype
 * needs telling apart); its accept-param is ("q" EQUAL qvalue) / generic-param, which may have none. */
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
	if (t->id == SIPMSG_HDR_ACCEPT && SM_IS(mt->type, "*") && !SM_IS(mt->subtype, "*"))
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, s,
				    "a media range with type \"*\" has subtype \"*\" too (RFC 3261 media-range)");
	sipmsg_status st = sm_gparams(t, &q, end, &mt->params, &mt->param_count);
	if (st)
		return st;
	for (size_t i = 0; i < mt->param_count; i++) {
		const sipmsg_param *pr = &mt->params[i];
		if (!pr->value.ptr && t->id != SIPMSG_HDR_ACCEPT)
			return sm_typed_badf(t, SIPMSG_DIAG_BAD_PARAMETER, pr->name.ptr,
					     "media type parameter %.*s needs \"=\" and a value (RFC 3261 m-parameter)",
					     (int)(pr->name.len > 40 ? 40 : pr->name.len), pr->name.ptr);
		if (SM_IS(pr->name, "boundary"))
			mt->boundary = pr->value;
	}
	return sm_value_end(t, q, end, stop);
}

/* event-type = event-package *( "." event-template ), each part a
 * token-nodot (RFC 6665 §8.4): the dot that leaves a part empty, or NULL. */
static const char *empty_event_part(const char *p, const char *end)
{
	for (const char *q = p; q < end; q++)
		if (*q == '.' && (q == p || q + 1 == end || q[1] == '.'))
			return q;
	return NULL;
}

/* The token of Event or Allow-Events, held to event-type. */
static sipmsg_status event_type(struct sm_tctx *t, const char *p, const char *end)
{
	const char *dot = empty_event_part(p, end);
	return dot ? sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, dot,
				  "an event package or template is empty around this dot (RFC 6665)")
		   : SIPMSG_OK;
}

/* language-tag = primary-tag *( "-" subtag ), primary-tag = 1*8ALPHA
 * (RFC 3261 §20.13, RFC 2616 §3.10). A subtag may also hold digits, as
 * BCP 47 (RFC 5646) has them ("es-419", "de-CH-1996"); RFC 2616's 1*8ALPHA
 * predates it. The first byte out of that shape, or NULL; a "_" between
 * subtags (a POSIX locale, "en_US") is taken as "-" and the first one
 * kept in *underscore. */
static const char *bad_language_tag(const char *p, const char *end, const char **underscore)
{
	unsigned cls = SM_C_ALPHA;
	*underscore = NULL;
	for (;;) {
		const char *q = p;
		while (q < end && q - p < 8 && sm_is((unsigned char)*q, cls))
			q++;
		if (q == p || (q < end && *q != '-' && *q != '_'))
			return q;
		if (q == end)
			return NULL;
		if (*q == '_' && !*underscore)
			*underscore = q;
		p = q + 1;
		cls = SM_C_ALPHA | SM_C_DIGIT;
	}
}

/* The token of Content-Language, held to language-tag, or of
 * Accept-Language, held to language-range = language-tag / "*" (RFC 3261
 * §20.3). Agents that write their locale ("en_US") are seen in real
 * traffic and mean the tag plainly: a warning, where any other stray byte
 * is an error. */
static sipmsg_status language_tag(struct sm_tctx *t, const char *p, const char *end)
{
	if (t->id == SIPMSG_HDR_ACCEPT_LANGUAGE && end - p == 1 && *p == '*')
		return SIPMSG_OK;
	const char *underscore, *bad = bad_language_tag(p, end, &underscore);
	if (bad)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, bad,
				    t->id == SIPMSG_HDR_ACCEPT_LANGUAGE
					    ? "a language range is \"*\" or 1 to 8 letters, then \"-\" and 1 to 8 "
					      "letters or digits each (RFC 3261 §20.3)"
					    : "a language tag is 1 to 8 letters, then \"-\" and 1 to 8 letters or digits "
					      "each (RFC 3261 §20.13)");
	if (underscore)
		return sm_typed_warn(t, SIPMSG_DIAG_BAD_HEADER_VALUE, underscore,
				     "language subtags are separated by \"-\", not \"_\" (RFC 3261 §20.13)");
	return SIPMSG_OK;
}

sipmsg_status sm_parse_token(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view)
{
	sipmsg_token *tk = view;
	memset(tk, 0, sizeof *tk);
	const char *q = sm_skip_token(p, end);
	if (q == p)
		return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "a token is required");
	tk->value = (sipmsg_slice){p, (size_t)(q - p)};
	sipmsg_status st = SIPMSG_OK;
	if (t->id == SIPMSG_HDR_ALLOW_EVENTS)
		st = event_type(t, p, q);
	else if (t->id == SIPMSG_HDR_CONTENT_LANGUAGE)
		st = language_tag(t, p, q);
	return st ? st : sm_value_end(t, q, end, stop);
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
	sipmsg_status st = SIPMSG_OK;
	if (t->id == SIPMSG_HDR_EVENT)
		st = event_type(t, p, q);
	else if (t->id == SIPMSG_HDR_ACCEPT_LANGUAGE)
		st = language_tag(t, p, q);
	if (!st)
		st = sm_gparams(t, &q, end, &tk->params, &tk->param_count);
	if (st)
		return st;
	return sm_value_end(t, q, end, stop);
}
