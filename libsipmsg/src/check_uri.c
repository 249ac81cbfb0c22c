/* SPDX-License-Identifier: MIT */
/* The SIP URI parameters' rules for sipmsg_msg_check(), on the Request-URI
 * and every name-addr's URI: the parse reads the first of each parameter
 * RFC 3261 §19.1.1 gives a meaning and takes lr in any form, so what it
 * lets through is a warning here, off the hot path. check.c's walk over
 * the SIP URIs calls them with the host name rule. */
#include "check_internal.h"

/* uri-parameter = transport-param / user-param / method-param / ttl-param /
 * maddr-param / lr-param / other-param (RFC 3261 §25.1): each read once. */
static const char *const uri_once_names[] = {"transport", "user", "method", "ttl", "maddr"};
static const struct sm_once_params uri_once = {uri_once_names, sizeof uri_once_names / sizeof uri_once_names[0],
					       false, "RFC 3261 §19.1.1"};
/* lr is a flag: a second one counts with or without a value */
static const char *const uri_flag_names[] = {"lr"};
static const struct sm_once_params uri_flag_once = {uri_flag_names, 1, false, "RFC 3261 §19.1.1", true};

/* lr-param = "lr" (RFC 3261 §25.1): no value. ";lr=on" (an old form some
 * proxies still write) is read as lr, so it is a warning, at the '='. */
static sipmsg_status lr_value_rule(sipmsg_msg *m, size_t i, const sipmsg_uri *u)
{
	for (size_t k = 0; k < u->param_count; k++) {
		const sipmsg_param *pr = &u->params[k];
		if (pr->value.ptr && SM_IS(pr->name, "lr"))
			return sm_check_report(m, SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, i, NULL,
					       pr->name.ptr + pr->name.len,
					       "the lr parameter takes no value (RFC 3261 §25.1 lr-param = \"lr\")");
	}
	return SIPMSG_OK;
}

sipmsg_status sm_check_uri_params(sipmsg_msg *m, size_t i, const sipmsg_uri *u)
{
	sipmsg_status st;
	if ((st = sm_check_repeated_params(m, i, u->params, u->param_count, &uri_once)) ||
	    (st = sm_check_repeated_params(m, i, u->params, u->param_count, &uri_flag_once)))
		return st;
	return lr_value_rule(m, i, u);
}
