/* SPDX-License-Identifier: MIT */
/* The header parameters whose value a header's grammar narrows from what
 * sm_gparams() reads (token, ':', a bracketed reference or a quoted-string)
 * to something stricter, checked wherever sm_gparams() reads parameters: by
 * name, or every parameter of a header by its one value rule. Every header
 * with parameters but Via and Content-Type has generic-params, so every
 * value is at least a gen-value (token / host / quoted-string: no bare ':',
 * brackets only round an IPv6 address). Parameters that also fill a view
 * (Contact's q and expires, Retry-After's duration, ...) are checked by
 * their parsers instead. The fast paths (hot.c) decline every parameter
 * name listed here, and read a token value only (but in Via), so only this
 * table judges them. */
#include "typed.h"

enum value_rule {
	V_DELTA_SECONDS, /* 1*DIGIT, at most 2^32-1 */
	V_DIGITS,        /* 1*DIGIT */
	V_QVALUE,        /* qvalue (RFC 3261 §25.1) */
	V_QUOTED,        /* quoted-string */
	V_UAC_UAS,       /* "uac" / "uas" */
	V_INDEX,         /* number *( "." number ), number = [ %x31-39 *DIGIT ] DIGIT */
	V_TOKEN,         /* token */
	V_M_VALUE,       /* m-value = token / quoted-string */
	V_GEN_VALUE,     /* gen-value = token / host / quoted-string: host adds
			  * only an IPv6reference to token, no bare ':' */
	V_OWN,           /* judged by the header's parser, not here */
};

struct param_rule {
	const char *name; /* lowercase */
	size_t name_len;
	enum value_rule rule;
	const char *must; /* what "<name> must" be */
};
#define RULE(name, rule, must) {SM_LIT(name), rule, must}

/* accept-param = ("q" EQUAL qvalue) / generic-param (RFC 3261 §25.1);
 * preference = "q" EQUAL qvalue (RFC 3329 §2.2) */
static const struct param_rule q_rules[] = {
	RULE("q", V_QVALUE, "be a qvalue between 0 and 1 (at most 3 decimals)"),
};
/* subexp-params (RFC 6665 §8.4) */
static const struct param_rule subexp_rules[] = {
	RULE("expires", V_DELTA_SECONDS, "be delta-seconds"),
	RULE("retry-after", V_DELTA_SECONDS, "be delta-seconds"),
};
/* protocol-cause = "cause" EQUAL 1*DIGIT; reason-text = "text" EQUAL
 * quoted-string (RFC 3326 §2) */
static const struct param_rule reason_rules[] = {
	RULE("cause", V_DIGITS, "be a number (RFC 3326)"),
	RULE("text", V_QUOTED, "be a quoted-string (RFC 3326)"),
};
/* refresher-param = "refresher" EQUAL ("uas" / "uac") (RFC 4028 §4) */
static const struct param_rule refresher_rules[] = {
	RULE("refresher", V_UAC_UAS, "be uac or uas (RFC 4028)"),
};
/* hi-index and the rc, mp, np target parameters are index-val (RFC 7044 §5) */
static const struct param_rule history_rules[] = {
	RULE("index", V_INDEX, "be numbers without leading zeros, separated by dots (RFC 7044)"),
	RULE("rc", V_INDEX, "be numbers without leading zeros, separated by dots (RFC 7044)"),
	RULE("mp", V_INDEX, "be numbers without leading zeros, separated by dots (RFC 7044)"),
	RULE("np", V_INDEX, "be numbers without leading zeros, separated by dots (RFC 7044)"),
};
/* handling-param = "handling" EQUAL ( "optional" / "required" /
 * other-handling ), other-handling = token (RFC 3261 §20.11) */
static const struct param_rule disposition_rules[] = {
	RULE("handling", V_TOKEN, "be a token (RFC 3261 handling-param)"),
};

/* RFC 5626 §4.1's +sip.instance is a quoted "<URN>"; the Contact parser
 * warns of a bare one ("urn:uuid:...", seen in real traffic) and reads on */
static const struct param_rule contact_rules[] = {
	RULE("+sip.instance", V_OWN, ""),
};

/* The rule of every parameter value of a header (one with a value: whether
 * it needs one is the header parser's rule). Content-Type's m-parameter
 * has an m-value; Accept's m-parameter and accept-param and
 * Content-Disposition's disp-param may be a generic-param, whose gen-value
 * is the wider one (RFC 3261 §25.1). */
static const struct param_rule m_value_rule =
	RULE("", V_M_VALUE, "be a token or quoted-string (RFC 3261 m-value)");
static const struct param_rule gen_value_rule =
	RULE("", V_GEN_VALUE, "be a token, host or quoted-string (RFC 3261 gen-value)");
#undef RULE

struct rule_set {
	const struct param_rule *rules;
	size_t n;
	const struct param_rule *every; /* or NULL */
};
#define SET_EVERY(a, every) ((struct rule_set){a, sizeof a / sizeof a[0], every})
#define SET(a) SET_EVERY(a, &gen_value_rule)

/* The header's rules: the one table from header to rules. Via's
 * parameters are its own grammar (received takes a bare IPv6 address,
 * RFC 3261 §20.42) and stay with hdr_via.c and the check. */
static struct rule_set rules_of(sipmsg_hdr_id id)
{
	switch (id) {
	case SIPMSG_HDR_VIA:
		return (struct rule_set){NULL, 0, NULL};
	case SIPMSG_HDR_CONTENT_TYPE:
		return (struct rule_set){NULL, 0, &m_value_rule};
	case SIPMSG_HDR_CONTENT_DISPOSITION:
		return SET(disposition_rules);
	case SIPMSG_HDR_ACCEPT:
	case SIPMSG_HDR_ACCEPT_ENCODING:
	case SIPMSG_HDR_ACCEPT_LANGUAGE:
	case SIPMSG_HDR_SECURITY_CLIENT:
	case SIPMSG_HDR_SECURITY_SERVER:
	case SIPMSG_HDR_SECURITY_VERIFY:
		return SET(q_rules);
	case SIPMSG_HDR_SUBSCRIPTION_STATE:
		return SET(subexp_rules);
	case SIPMSG_HDR_REASON:
		return SET(reason_rules);
	case SIPMSG_HDR_SESSION_EXPIRES:
		return SET(refresher_rules);
	case SIPMSG_HDR_HISTORY_INFO:
		return SET(history_rules);
	case SIPMSG_HDR_CONTACT:
		return SET(contact_rules);
	default:
		return (struct rule_set){NULL, 0, &gen_value_rule};
	}
}
#undef SET
#undef SET_EVERY

/* index-val: numbers without leading zeros, separated by single dots */
static bool index_valid(sipmsg_slice v)
{
	const char *p = v.ptr, *end = v.ptr + v.len;
	for (;;) {
		const char *q = sm_skip_digits(p, end);
		if (q == p || (*p == '0' && q - p > 1))
			return false;
		if (q == end)
			return true;
		if (*q != '.')
			return false;
		p = q + 1;
	}
}

static bool all_token(sipmsg_slice v) { return v.len && sm_skip_token(v.ptr, v.ptr + v.len) == v.ptr + v.len; }

/* host = hostname / IPv4address / IPv6reference: the first two are tokens */
static bool token_or_host(sipmsg_slice v)
{
	uint8_t addr[16];
	bool only;
	if (v.len > 2 && v.ptr[0] == '[' && v.ptr[v.len - 1] == ']')
		return sm_ipv6_parse(v.ptr + 1, v.len - 2, addr, &only);
	return all_token(v);
}

/* Does parameter pr keep the rule? A number too large for delta-seconds
 * is told apart (*too_large) from a value of the wrong shape. */
static bool value_valid(const sipmsg_param *pr, enum value_rule rule, bool *too_large)
{
	sipmsg_slice v = pr->value;
	uint32_t n;
	*too_large = false;
	if (rule == V_OWN)
		return true;
	if (!v.ptr)
		return false; /* every other rule here asks for a value */
	if (pr->quoted)
		return rule == V_QUOTED || rule == V_M_VALUE || rule == V_GEN_VALUE;
	switch (rule) {
	case V_DELTA_SECONDS:
		if (!sm_all_digits(v.ptr, v.len, SIZE_MAX))
			return false;
		*too_large = !sm_u32(v.ptr, v.len, UINT32_MAX, &n);
		return !*too_large;
	case V_DIGITS:
		return sm_all_digits(v.ptr, v.len, SIZE_MAX);
	case V_QVALUE:
		return sm_qvalue_valid(v);
	case V_UAC_UAS:
		return SM_IS(v, "uac") || SM_IS(v, "uas");
	case V_INDEX:
		return index_valid(v);
	case V_TOKEN:
	case V_M_VALUE:
		return all_token(v);
	case V_GEN_VALUE:
		return token_or_host(v);
	case V_OWN:
		return true;
	case V_QUOTED:
		break;
	}
	return false;
}

bool sm_param_gen_value_ok(const sipmsg_param *pr)
{
	bool too_large;
	return value_valid(pr, V_GEN_VALUE, &too_large);
}

sipmsg_status sm_param_rules_check(struct sm_tctx *t, const sipmsg_param *params, size_t count)
{
	struct rule_set set = rules_of((sipmsg_hdr_id)t->id);
	for (size_t i = 0; i < count && (set.n || set.every); i++) {
		const sipmsg_param *pr = &params[i];
		const struct param_rule *rule = pr->value.ptr ? set.every : NULL;
		for (size_t r = 0; r < set.n; r++)
			if (sm_eq_lower(pr->name.ptr, pr->name.len, set.rules[r].name, set.rules[r].name_len)) {
				rule = &set.rules[r];
				break;
			}
		bool too_large;
		if (rule && !value_valid(pr, rule->rule, &too_large)) {
			const char *at = pr->value.ptr ? pr->value.ptr : pr->name.ptr;
			if (too_large)
				return sm_typed_badf(t, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, at, "%.*s is larger than 2^32-1",
						     (int)pr->name.len, pr->name.ptr);
			/* a nameless item (P-Access-Network-Info's RFC 3455 form,
			 * typed.c) is quoted, which passes, or bracketed */
			if (!pr->name.len)
				return sm_typed_badf(t, SIPMSG_DIAG_BAD_PARAMETER, at,
						     "access-info \"%.*s\" is not an IPv6 reference "
						     "(RFC 3455 §4.4 gen-value)",
						     (int)(pr->value.len > 40 ? 40 : pr->value.len), pr->value.ptr);
			return sm_typed_badf(t, SIPMSG_DIAG_BAD_PARAMETER, at, "%.*s must %s", (int)pr->name.len,
					     pr->name.ptr, rule->must);
		}
	}
	return SIPMSG_OK;
}
