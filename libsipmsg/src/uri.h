/* SPDX-License-Identifier: MIT */
/* The URI parser as the typed layer calls it: over [p, end) of a message's
 * bytes, with the first error and the first warning reported as positions. */
#ifndef SM_URI_H
#define SM_URI_H

#include "grammar.h"

struct sm_uri_ctx {
	sipmsg_arena *arena;
	size_t max_params;  /* for the parameters and, separately, the headers */
	struct sm_fail fail; /* why SIPMSG_ESYNTAX or SIPMSG_ELIMIT was returned */
	struct sm_fail warn; /* an accepted oddity (code 0 when none) */
};

/* Parse the URI that is exactly [p, end) into *u (which the caller zeroed).
 * Returns SIPMSG_OK, SIPMSG_ESYNTAX, SIPMSG_ELIMIT (c->fail set) or ENOMEM. */
sipmsg_status sm_uri_parse(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_uri *u);

/* host = hostname / IPv4address / IPv6reference at p; *after is its end.
 * An RFC 3261-only IPv6 form is accepted with c->warn set. */
sipmsg_status sm_host_parse(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_slice *host,
			    sipmsg_host_type *type, const char **after);
/* maddr-param and via-maddr are "maddr" EQUAL host (RFC 3261 §25.1): NULL
 * when parameter pr's value is a host as sm_host_parse() reads one (an
 * RFC 3261-only IPv6 form sets c->warn), else why not. */
const char *sm_maddr_bad(struct sm_uri_ctx *c, const sipmsg_param *pr);
/* hostname = *( domainlabel "." ) toplabel [ "." ] (RFC 3261 §25.1), over a
 * host sm_host_parse() read as a name: the first byte that breaks it (an
 * empty label, a label starting or ending in '-', a last label that does
 * not start with a letter) and *why, or NULL. The parse takes such names
 * (sm_host_parse() and the hot path read the characters only); the check
 * reports them. '_', seen in the wild, counts as a letter. */
const char *sm_hostname_fault(sipmsg_slice host, const char **why);
/* port = 1*DIGIT at p, at most 65535. */
sipmsg_status sm_port_parse(struct sm_uri_ctx *c, const char *p, const char *end, uint16_t *port,
			    const char **after);

/* Where the addr-spec form of a URI ends in a header value: at the first
 * ';', ',', '?' is not special there (RFC 3261 §20.10: URIs with those in
 * them must be in angle brackets), or linear whitespace. */
const char *sm_uri_addr_spec_end(const char *p, const char *end);

static inline int sm_uis(unsigned char c, unsigned cls) { return (sm_uclass[c] & cls) != 0; }

#endif
