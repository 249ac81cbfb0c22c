/* SPDX-License-Identifier: MIT */
/* Header parameters their RFC gives one meaning, for sipmsg_msg_check():
 * a header of the list below that names one twice is a multiple-values
 * warning, as for Via and name-addr parameters (check.c) and URI ones
 * (check_uri.c): a reader takes the first, the sender may mean another. */
#include "check_internal.h"

static const char *const id_names[] = {"id"};
static const char *const subexp_names[] = {"reason", "expires", "retry-after"};
static const char *const handling_names[] = {"handling"};
static const char *const reason_names[] = {"cause", "text"};
static const char *const duration_names[] = {"duration"};
static const char *const refresher_names[] = {"refresher"};
static const char *const q_names[] = {"q"};
static const char *const purpose_names[] = {"purpose"};

#define ONCE(names, rfc) {names, sizeof names / sizeof names[0], false, rfc, false}
static const struct {
	sipmsg_hdr_id id;
	struct sm_once_params once;
} once_rows[] = {
	/* event-param = generic-param / ( "id" EQUAL token ) */
	{SIPMSG_HDR_EVENT, ONCE(id_names, "RFC 6665 §8.4")},
	/* subexp-params = reason / expires / retry-after / generic-param */
	{SIPMSG_HDR_SUBSCRIPTION_STATE, ONCE(subexp_names, "RFC 6665 §8.4")},
	/* disp-param = handling-param / generic-param */
	{SIPMSG_HDR_CONTENT_DISPOSITION, ONCE(handling_names, "RFC 3261 §20.11")},
	/* reason-params = protocol-cause / reason-text / reason-extension */
	{SIPMSG_HDR_REASON, ONCE(reason_names, "RFC 3326 §2")},
	/* retry-param = ("duration" EQUAL delta-seconds) / generic-param */
	{SIPMSG_HDR_RETRY_AFTER, ONCE(duration_names, "RFC 3261 §20.33")},
	/* se-params = refresher-param / generic-param */
	{SIPMSG_HDR_SESSION_EXPIRES, ONCE(refresher_names, "RFC 4028 §4")},
	/* accept-param = ("q" EQUAL qvalue) / generic-param */
	{SIPMSG_HDR_ACCEPT, ONCE(q_names, "RFC 3261 §20.1")},
	{SIPMSG_HDR_ACCEPT_ENCODING, ONCE(q_names, "RFC 3261 §20.2")},
	{SIPMSG_HDR_ACCEPT_LANGUAGE, ONCE(q_names, "RFC 3261 §20.3")},
	/* info-param = ( "purpose" EQUAL ( "icon" / "info" / "card" / token ) ) / generic-param */
	{SIPMSG_HDR_CALL_INFO, ONCE(purpose_names, "RFC 3261 §20.9")},
};
#undef ONCE

/* The parameters of value j of a line of kind `kind`. */
static const sipmsg_param *value_params(unsigned kind, const void *items, uint32_t j, size_t *count)
{
	switch (kind) {
	case SIPMSG_KIND_TOKEN_PARAMS: {
		const sipmsg_token *t = (const sipmsg_token *)items + j;
		*count = t->param_count;
		return t->params;
	}
	case SIPMSG_KIND_MEDIATYPE: {
		const sipmsg_mediatype *t = (const sipmsg_mediatype *)items + j;
		*count = t->param_count;
		return t->params;
	}
	case SIPMSG_KIND_RETRY_AFTER: {
		const sipmsg_retry_after *t = (const sipmsg_retry_after *)items + j;
		*count = t->param_count;
		return t->params;
	}
	case SIPMSG_KIND_UINT_PARAMS: {
		const sipmsg_number *t = (const sipmsg_number *)items + j;
		*count = t->param_count;
		return t->params;
	}
	case SIPMSG_KIND_NAMEADDR: {
		const sipmsg_nameaddr *t = (const sipmsg_nameaddr *)items + j;
		*count = t->param_count;
		return t->params;
	}
	default:
		*count = 0;
		return NULL;
	}
}

sipmsg_status sm_check_header_params(sipmsg_msg *m)
{
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		const struct sm_once_params *once = NULL;
		for (size_t r = 0; r < sizeof once_rows / sizeof once_rows[0] && !once; r++)
			if (m->hdrs[i].id == once_rows[r].id)
				once = &once_rows[r].once;
		if (!once)
			continue;
		unsigned kind = sm_hdr_rows[m->hdrs[i].id].kind;
		const struct sm_vals *v = sm_typed_vals(m, i, NULL);
		for (uint32_t j = 0; v && j < v->n; j++) {
			size_t count;
			const sipmsg_param *params = value_params(kind, v->items, j, &count);
			sipmsg_status st = sm_check_repeated_params(m, i, params, count, once);
			if (st)
				return st;
		}
	}
	return SIPMSG_OK;
}
