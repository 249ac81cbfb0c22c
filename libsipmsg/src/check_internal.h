/* SPDX-License-Identifier: MIT */
/* What the files of sipmsg_msg_check() share: the one way a rule reports,
 * and the rule families kept in files of their own. */
#ifndef SIPMSG_CHECK_INTERNAL_H
#define SIPMSG_CHECK_INTERNAL_H

#include "sipmsg/check.h"
#include "typed.h"

/* A 3xx diagnostic about header line i, or (i == SM_NOPOS) about the
 * header called name, which is absent; at is where (NULL: the value of
 * line i). SIPMSG_ENOMEM when it cannot be kept. */
sipmsg_status sm_check_report(sipmsg_msg *m, sipmsg_diag_code code, sipmsg_severity sev, size_t i,
			      const char *name, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;

/* A parameter the grammar names once, repeated: the typed view reads the
 * first, so sm_check_repeated_params() warns (multiple-values) at the name
 * of each later one among names. The first is the first with a value
 * (a valueless one is no value to read), unless by_presence: then a name
 * alone counts (Via's rport). */
struct sm_once_params {
	const char *const *names; /* lowercase, at most 8 */
	size_t n;
	bool lead;                /* names[0] leads the value, before the parameters */
	const char *rfc;
	bool by_presence;
};
sipmsg_status sm_check_repeated_params(sipmsg_msg *m, size_t i, const sipmsg_param *params, size_t count,
				       const struct sm_once_params *once);

/* The parameters of a SIP or SIPS URI of header i (SM_NOPOS: the
 * Request-URI): repeated ones, lr with a value (check_uri.c). */
sipmsg_status sm_check_uri_params(sipmsg_msg *m, size_t i, const sipmsg_uri *u);
/* The parameters other headers' RFCs name once (check_params.c). */
sipmsg_status sm_check_header_params(sipmsg_msg *m);
/* P-Access-Network-Info, Session-ID and P-Charging-Vector (check_ims.c). */
sipmsg_status sm_check_ims(sipmsg_msg *m);
/* Digest credentials, challenges and Authentication-Info (check_digest.c). */
sipmsg_status sm_check_digest(sipmsg_msg *m);

#endif
