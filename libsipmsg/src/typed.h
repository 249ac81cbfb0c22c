/* SPDX-License-Identifier: MIT */
/* The contract between the typed-view dispatcher (typed.c) and the parsers of
 * each grammar (one kind per row of SIPMSG_HEADER_TABLE). */
#ifndef SM_TYPED_H
#define SM_TYPED_H

#include "grammar.h"
#include "sipmsg/views.h"

#include <stdarg.h>
#include <stdio.h>

/* What a kind parser gets besides the value. */
struct sm_tctx {
	sipmsg_msg *m;
	size_t index;     /* header index, for diagnostics (SM_NOPOS: not a header) */
	sipmsg_hdr_id id; /* which header (some grammars vary by header) */
	bool list;        /* the header is a comma list: a top-level ',' ends a value */
	const char *rend; /* fast paths (hot.c): bytes up to here may be read, past the value too */
};

/* Parse one value that starts at p (no leading whitespace) into *view (zeroed
 * by the caller, raw set afterwards by the caller). Stop at the first
 * top-level ',' or at end, after trailing whitespace, and set *stop there; the
 * dispatcher decides whether what follows is allowed. On a grammar error add
 * a diagnostic with the position (sm_typed_bad) and return SIPMSG_ESYNTAX. */
typedef sipmsg_status (*sm_elem_fn)(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				    void *view);

/* The values of one header line: the cached view of a header (sm_hdr.view). */
struct sm_vals {
	uint32_t n, cap;
	void *items; /* n items of the kind's view struct */
};

sipmsg_status sm_typed_bad(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *msg);
sipmsg_status sm_typed_badf(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* A grammar oddity that is accepted: a warning diagnostic. */
sipmsg_status sm_typed_warn(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *msg);
/* Report a failed sub-parse (a URI) recorded in f; returns what st was
 * (ESYNTAX for grammar and limit errors). */
sipmsg_status sm_typed_fail(struct sm_tctx *t, sipmsg_status st, const struct sm_fail *f);

/* *( SEMI generic-param ) starting at *pp: generic-param = token [ EQUAL
 * gen-value ], gen-value = token / host / quoted-string. Stops before a ','
 * or anything that does not start a parameter, after trailing LWS. */
sipmsg_status sm_gparams(struct sm_tctx *t, const char **pp, const char *end, const sipmsg_param **out,
			 size_t *count);
/* gen-value at p (token / host / quoted-string, RFC 3261 §25.1): *v is the
 * value (a quoted-string's text without its quotes, *quoted set); returns
 * where it ends (p when there is none), NULL for an unclosed quote or IPv6
 * reference. */
const char *sm_gen_value(const char *p, const char *end, sipmsg_slice *v, bool *quoted);
/* The parameters whose value the header's grammar narrows (hdr_param_rules.c),
 * checked by sm_gparams() once it has read them: a bad-parameter error at the first
 * that breaks its rule. */
sipmsg_status sm_param_rules_check(struct sm_tctx *t, const sipmsg_param *params, size_t count);
/* Is the value of a parameter that has one a gen-value (token / host /
 * quoted-string, RFC 3261 §25.1)? For the check of Via's extensions. */
bool sm_param_gen_value_ok(const sipmsg_param *pr);

/* After a value: skip LWS and require a ',' (list) or the end; *stop set. */
static inline sipmsg_status sm_value_end(struct sm_tctx *t, const char *p, const char *end, const char **stop)
{
	p = sm_skip_lws(p, end);
	*stop = p;
	if (p == end || (*p == ',' && t->list))
		return SIPMSG_OK;
	return sm_typed_bad(t, SIPMSG_DIAG_BAD_HEADER_VALUE, p, "unexpected character after the value");
}

/* What the grammar of a name-addr kind header allows around its URI
 * (hdr_nameaddr.c; hot.c takes SM_NA_ANY, and SM_NA_NAME_ADDR with <>). */
enum sm_na_shape {
	/* ( name-addr / addr-spec ) *( SEMI param ): From, To, Contact,
	 * Reply-To (RFC 3261 §25.1), Refer-To (RFC 3515), Referred-By (RFC
	 * 3892), and Remote-Party-ID (a draft, read as leniently) */
	SM_NA_ANY,
	/* name-addr *( SEMI param ), never a bare URI, whose ";lr" would read
	 * as a header parameter: Route, Record-Route (RFC 3261 §25.1), Path
	 * (RFC 3327 §4), Service-Route (RFC 3608 §5), History-Info (RFC 7044
	 * §5), Diversion (RFC 5806 §3), P-Called-Party-ID and P-Associated-URI
	 * (RFC 7315 §5) */
	SM_NA_NAME_ADDR,
	/* from here on, the general parser's alone (sm_na_general_only) */
	/* LAQUOT absoluteURI RAQUOT *( SEMI param ), no display name:
	 * Alert-Info, Call-Info, Error-Info (RFC 3261 §25.1), Identity-Info
	 * (RFC 4474 §9), Geolocation (RFC 6442 §4.1) */
	SM_NA_ANGLE_URI,
	/* name-addr / addr-spec and no parameters, so a bare URI keeps its
	 * own: P-Asserted-Identity, P-Preferred-Identity (RFC 3325 §9) */
	SM_NA_IDENTITY,
};

static inline enum sm_na_shape sm_na_shape(sipmsg_hdr_id id)
{
	switch (id) {
	case SIPMSG_HDR_ROUTE:
	case SIPMSG_HDR_RECORD_ROUTE:
	case SIPMSG_HDR_PATH:
	case SIPMSG_HDR_SERVICE_ROUTE:
	case SIPMSG_HDR_HISTORY_INFO:
	case SIPMSG_HDR_DIVERSION:
	case SIPMSG_HDR_P_CALLED_PARTY_ID:
	case SIPMSG_HDR_P_ASSOCIATED_URI:
		return SM_NA_NAME_ADDR;
	case SIPMSG_HDR_ALERT_INFO:
	case SIPMSG_HDR_CALL_INFO:
	case SIPMSG_HDR_ERROR_INFO:
	case SIPMSG_HDR_IDENTITY_INFO:
	case SIPMSG_HDR_GEOLOCATION:
		return SM_NA_ANGLE_URI;
	case SIPMSG_HDR_P_ASSERTED_IDENTITY:
	case SIPMSG_HDR_P_PREFERRED_IDENTITY:
		return SM_NA_IDENTITY;
	default:
		return SM_NA_ANY;
	}
}

/* The shapes whose rules only the general parser checks (hot.c declines
 * them): the last two, one compare (two cost the fast path 20 instructions). */
static inline bool sm_na_general_only(sipmsg_hdr_id id) { return sm_na_shape(id) >= SM_NA_ANGLE_URI; }

/* RFC 5626 §13: reg-id = "reg-id" EQUAL 1*DIGIT ; 1 to (2^31 - 1). For
 * hdr_nameaddr.c and the fast path (hot.c), which must agree. */
static inline bool sm_reg_id_valid(sipmsg_slice v)
{
	uint32_t n;
	return v.ptr && sm_u32(v.ptr, v.len, INT32_MAX, &n) && n > 0;
}

/* The element parsers, one per kind (hdr_*.c). */
sipmsg_status sm_parse_nameaddr(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_via(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_cseq(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_callid(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_number(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_number_params(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				     void *view);
sipmsg_status sm_parse_mediatype(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_token(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_token_params(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				    void *view);
sipmsg_status sm_parse_auth(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_auth_info(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_retry_after(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				   void *view);
sipmsg_status sm_parse_warning(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_rack(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_timestamp(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_date(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_replaces(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
/* hdr_ims.c: the IMS and priority headers (RFC 7989, RFC 4412, RFC 7315) */
sipmsg_status sm_parse_session_id(struct sm_tctx *t, const char *p, const char *end, const char **stop, void *view);
sipmsg_status sm_parse_resource_priority(struct sm_tctx *t, const char *p, const char *end, const char **stop,
					 void *view);
sipmsg_status sm_parse_charging_vector(struct sm_tctx *t, const char *p, const char *end, const char **stop,
				       void *view);
sipmsg_status sm_parse_access_network_info(struct sm_tctx *t, const char *p, const char *end, const char **stop,
					   void *view);

/* RSeq and RAck's response-num: "between 1 and 2**31 - 1" (RFC 3262 §3) */
#define SM_RSEQ_MAX 2147483647u

/* The largest value each numeric header allows: 255 for the hop counts,
 * 2^32-1 (RFC 3261 §20.19, §8.1.1.5) for the rest (RSeq's narrower range,
 * SM_RSEQ_MAX, is checked apart). */
static inline uint32_t sm_number_max(sipmsg_hdr_id id)
{
	switch (id) {
	case SIPMSG_HDR_MAX_FORWARDS:
	case SIPMSG_HDR_MAX_BREADTH:
		return 255;
	default:
		return UINT32_MAX;
	}
}

/* Is value in the range of numeric header id (sm_number_max, and RSeq's
 * 1..SM_RSEQ_MAX)? For the builders, which must write only what reads back. */
static inline bool sm_number_allowed(sipmsg_hdr_id id, uint32_t value)
{
	if (id == SIPMSG_HDR_RSEQ)
		return value >= 1 && value <= SM_RSEQ_MAX;
	return value <= sm_number_max(id);
}

/* The values of header line i on the fast path (hot.c): the common shape of
 * the hot grammars in one pass. SIPMSG_OK (view cached), SIPMSG_ENOMEM, or
 * SM_FAST_NO with nothing reported and nothing kept when a value is not in
 * that shape (the general parser then runs). */
#define SM_FAST_NO ((sipmsg_status)-1)
/* Header line i's values by the general parser alone, not cached (the
 * fast-path tests compare the two). */
sipmsg_status sm_typed_parse_general(sipmsg_msg *m, size_t i, struct sm_vals **out);
sipmsg_status sm_typed_fast(sipmsg_msg *m, size_t i);
/* The last address a 16-byte load may start at when bytes up to rend may
 * be read (none when there are fewer than 16). */
static inline uintptr_t sm_last16(const char *rend)
{
	return (uintptr_t)rend >= 16 ? (uintptr_t)rend - 16 : 0;
}
/* The same per kind (NULL: no fast path) for header line h of m, for the
 * scanner, which knows that the value lies in the input and that 16-byte
 * loads may start up to last16 (sm_last16() of the input's end). */
typedef sipmsg_status (*sm_hot_fn)(sipmsg_msg *m, struct sm_hdr *h, uintptr_t last16);
extern const sm_hot_fn sm_hot_fns[SIPMSG_KIND_COUNT];

/* The number of a parsed, good numeric header line (Content-Length). */
static inline uint32_t sm_view_number(const struct sm_hdr *h)
{
	return ((const sipmsg_number *)((const struct sm_vals *)h->view)->items)->value;
}

/* The view size of a kind (0 for KIND_TEXT). */
size_t sm_kind_view_size(sipmsg_hdr_kind kind);

/* The typed layer's per-message state (msg->ext[SM_EXT_TYPED]). */
#define SM_EXT_TYPED 0
#define SM_EXT_MULTIPART 2

struct sm_typed_state {
	/* the parsed Request-URI and the text it was parsed from */
	sipmsg_uri ruri;
	sipmsg_slice ruri_text;
	bool ruri_done, ruri_bad;
	bool checked; /* sipmsg_msg_check() ran; its diagnostics are in the list */
	/* cursor of sipmsg_typed_at(): value `base` is value 0 of line `line` */
	sipmsg_hdr_id cur_id;
	uint32_t cur_line;
	uint32_t cur_edits; /* sipmsg_msg::edits when the cursor was set */
	size_t cur_base;
	const void *cur_view;
};

/* The state, created on first use (NULL when out of memory). */
struct sm_typed_state *sm_typed_state(sipmsg_msg *m);

/* Parse the Request-URI (cached); SIPMSG_OK, ESYNTAX (diagnostic added),
 * ENOMEM, or ESTATE for a response. */
sipmsg_status sm_typed_parse_ruri(sipmsg_msg *m, const sipmsg_uri **out);

/* The values of header line i after parsing it; NULL when bad or untyped. */
const struct sm_vals *sm_typed_vals(sipmsg_msg *m, size_t i, sipmsg_status *st);

#endif
