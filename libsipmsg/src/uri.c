/* SPDX-License-Identifier: MIT */
/* Layer 2: URI parsing. sip and sips by RFC 3261 §19.1 / §25.1 (IPv6 forms by
 * RFC 5118), tel by RFC 3966, any other scheme kept as an opaque absoluteURI
 * (RFC 2396). One pass per component over one character-class table;
 * escapes are checked, never decoded. */
#include "uri.h"

/* The class table is computed from the grammar's character sets at compile
 * time, so the sets below are the only place they are written down. */
#define U_ALNUM(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9'))
#define U_MARK(c) \
	((c) == '-' || (c) == '_' || (c) == '.' || (c) == '!' || (c) == '~' || (c) == '*' || (c) == '\'' || \
	 (c) == '(' || (c) == ')')
#define U_UNRESERVED(c) (U_ALNUM(c) || U_MARK(c))
#define U_USER_UNRES(c) \
	((c) == '&' || (c) == '=' || (c) == '+' || (c) == '$' || (c) == ',' || (c) == ';' || (c) == '?' || (c) == '/')
#define U_PASS_EXTRA(c) ((c) == '&' || (c) == '=' || (c) == '+' || (c) == '$' || (c) == ',')
#define U_PARAM_UNRES(c) \
	((c) == '[' || (c) == ']' || (c) == '/' || (c) == ':' || (c) == '&' || (c) == '+' || (c) == '$')
#define U_HNV_UNRES(c) \
	((c) == '[' || (c) == ']' || (c) == '/' || (c) == '?' || (c) == ':' || (c) == '+' || (c) == '$')
#define U_RESERVED(c) \
	((c) == ';' || (c) == '/' || (c) == '?' || (c) == ':' || (c) == '@' || (c) == '&' || (c) == '=' || \
	 (c) == '+' || (c) == '$' || (c) == ',')
#define U_TOKEN(c) \
	(U_ALNUM(c) || (c) == '-' || (c) == '.' || (c) == '!' || (c) == '%' || (c) == '*' || (c) == '_' || \
	 (c) == '+' || (c) == '`' || (c) == '\'' || (c) == '~')
#define U_HEXDIG(c) (((c) >= '0' && (c) <= '9') || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))
#define U_CLASS(c) \
	((U_UNRESERVED(c) ? SM_U_UNRES | SM_U_USER | SM_U_PASS | SM_U_PARAM | SM_U_HNV | SM_U_URIC : 0) | \
	 (U_USER_UNRES(c) ? SM_U_USER : 0) | (U_PASS_EXTRA(c) ? SM_U_PASS : 0) | \
	 (U_PARAM_UNRES(c) ? SM_U_PARAM : 0) | (U_HNV_UNRES(c) ? SM_U_HNV : 0) | \
	 (U_ALNUM(c) || (c) == '-' || (c) == '.' || (c) == '_' ? SM_U_HOST : 0) | \
	 (U_ALNUM(c) || (c) == '+' || (c) == '-' || (c) == '.' ? SM_U_SCHEME : 0) | \
	 (U_RESERVED(c) || (c) == '[' || (c) == ']' ? SM_U_URIC : 0) | \
	 (U_HEXDIG(c) || (c) == '*' || (c) == '#' || (c) == '+' || (c) == '-' || (c) == '.' || (c) == '(' || \
		  (c) == ')' ? SM_U_TEL : 0) | \
	 ((U_ALNUM(c) && !((c) >= '0' && (c) <= '9')) || (c) == '-' || (c) == '_' ? SM_U_NAMECH : 0) | \
	 (U_TOKEN(c) || (c) == ':' ? SM_U_GENVAL : 0) | \
	 ((c) != '"' && (c) != '\\' && ((c) >= 0x20 || (c) == '\t') && (c) != 0x7f ? SM_U_QDTEXT : 0) | \
	 (U_HEXDIG(c) ? SM_U_HEX : 0))
#define U_R4(b) U_CLASS(b), U_CLASS((b) + 1), U_CLASS((b) + 2), U_CLASS((b) + 3)
#define U_R16(b) U_R4(b), U_R4((b) + 4), U_R4((b) + 8), U_R4((b) + 12)
#define U_R64(b) U_R16(b), U_R16((b) + 16), U_R16((b) + 32), U_R16((b) + 48)

const uint16_t sm_uclass[256] = {U_R64(0), U_R64(64), U_R64(128), U_R64(192)};

static inline bool is_hex(unsigned char c) { return sm_is(c, SM_C_HEX); }

/* Skip the bytes of class cls and %HH escapes; stop at anything else.
 * A '%' without two hex digits is an error (*bad set to it). */
static inline const char *span_escaped(const char *p, const char *end, unsigned cls, const char **bad)
{
	while (p < end) {
		p = sm_span(sm_uclass, cls, p, end);
		if (p < end && *p == '%') {
			if (end - p < 3 || !is_hex((unsigned char)p[1]) || !is_hex((unsigned char)p[2])) {
				*bad = p;
				return p;
			}
			p += 3;
		} else {
			break;
		}
	}
	return p;
}

bool sm_ipv4_parse(const char *p, size_t n, uint8_t out[4])
{
	const unsigned char *q = (const unsigned char *)p, *end = q + n;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0, nd = 0, d;
		while (q < end && (d = (unsigned)*q - '0') <= 9 && nd < 4) {
			v = v * 10 + d;
			q++, nd++;
		}
		if (nd == 0 || nd > 3 || v > 255)
			return false;
		out[part] = (uint8_t)v;
		if (part < 3 && (q >= end || *q++ != '.'))
			return false;
	}
	return q == end;
}

bool sm_ipv6_parse(const char *p, size_t n, uint8_t out[16], bool *rfc3261_only)
{
	const char *end = p + n, *s = p;
	uint16_t g[8];
	int ng = 0, dcolon = -1;
	*rfc3261_only = false;
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		dcolon = 0;
		s += 2;
	}
	while (s < end) {
		const char *h = s;
		unsigned v = 0;
		while (s < end && s - h < 5 && is_hex((unsigned char)*s)) {
			unsigned char c = (unsigned char)*s++;
			v = v * 16 + (c <= '9' ? (unsigned)(c - '0') : (unsigned)(sm_lower(c) - 'a' + 10));
		}
		if (s < end && *s == '.') {
			/* the last 32 bits as dotted IPv4 */
			uint8_t v4[4];
			if (ng > 6 || !sm_ipv4_parse(h, (size_t)(end - h), v4))
				return false;
			g[ng++] = (uint16_t)(v4[0] << 8 | v4[1]);
			g[ng++] = (uint16_t)(v4[2] << 8 | v4[3]);
			s = end;
			break;
		}
		if (s == h || s - h > 4 || ng == 8)
			return false;
		g[ng++] = (uint16_t)v;
		if (s == end)
			break;
		if (*s != ':')
			return false;
		s++;
		if (s < end && *s == ':') {
			if (dcolon >= 0)
				return false;
			dcolon = ng;
			s++;
			if (s < end && *s == ':') {
				/* RFC 3261's hexpart "::" then ":" IPv4address (RFC 5118 §4.10) */
				uint8_t v4[4];
				if (ng > 5 || !sm_ipv4_parse(s + 1, (size_t)(end - s - 1), v4))
					return false;
				g[ng++] = (uint16_t)(v4[0] << 8 | v4[1]);
				g[ng++] = (uint16_t)(v4[2] << 8 | v4[3]);
				*rfc3261_only = true;
				s = end;
				break;
			}
		} else if (s == end) {
			return false; /* a single trailing colon */
		}
	}
	if (dcolon < 0 ? ng != 8 : ng > 7)
		return false;
	int fill = 8 - ng;
	for (int i = 0, o = 0; i < ng; i++) {
		if (i == dcolon)
			for (int z = 0; z < fill; z++, o++)
				out[2 * o] = out[2 * o + 1] = 0;
		out[2 * o] = (uint8_t)(g[i] >> 8);
		out[2 * o + 1] = (uint8_t)g[i];
		o++;
	}
	if (dcolon == ng)
		for (int o = ng; o < 8; o++)
			out[2 * o] = out[2 * o + 1] = 0;
	return true;
}

sipmsg_status sm_host_parse(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_slice *host,
			    sipmsg_host_type *type, const char **after)
{
	if (p < end && *p == '[') {
		const char *q = memchr(p, ']', (size_t)(end - p));
		uint8_t a[16];
		bool only3261;
		if (!q)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_IP_ADDRESS, p, "IPv6 reference without ']'");
		if (!sm_ipv6_parse(p + 1, (size_t)(q - p - 1), a, &only3261))
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_IP_ADDRESS, p + 1, "malformed IPv6 address");
		if (only3261 && !c->warn.code)
			sm_fail_set(&c->warn, SIPMSG_DIAG_BAD_IP_ADDRESS, p + 1,
				    "IPv6 address valid only by RFC 3261's ABNF (\":::\"), not by RFC 4291 (RFC 5118 §4.10)");
		*host = (sipmsg_slice){p, (size_t)(q + 1 - p)};
		*type = SIPMSG_HOST_IPV6;
		*after = q + 1;
		return SIPMSG_OK;
	}
	const unsigned char *q = (const unsigned char *)sm_span(sm_uclass, SM_U_HOST, p, end);
	const unsigned char *e = (const unsigned char *)end;
	size_t len = (size_t)((const char *)q - p);
	if (len == 0)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p, "missing host");
	if (SM_UNLIKELY(q < e && *q == ':' && len <= 4)) {
		/* a short hex "host" and two colons before the parameters: an IPv6
		 * address without brackets (RFC 5118 §4.3); "h:5060:5061" is not */
		bool hex = true;
		for (const char *h = p; h < (const char *)q; h++)
			hex &= is_hex((unsigned char)*h);
		const unsigned char *r = q + 1;
		while (hex && r < e && *r != ';' && *r != '?' && *r != ':')
			r++;
		if (hex && r < e && *r == ':')
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_IP_ADDRESS, p,
					   "an IPv6 address must be in [brackets] (RFC 5118 §4.3)");
	}
	/* a name has a letter, '-' or '_' somewhere (most start with a letter) */
	bool name = sm_uclass[(unsigned char)*p] & SM_U_NAMECH;
	for (const unsigned char *r = (const unsigned char *)p; !name && r < q; r++)
		name = sm_uclass[*r] & SM_U_NAMECH;
	if (!name) {
		uint8_t a[4];
		if (!sm_ipv4_parse(p, len, a))
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_IP_ADDRESS, p, "malformed IPv4 address");
		*type = SIPMSG_HOST_IPV4;
	} else {
		if (*p == '.' || *p == '-')
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p, "a host name starts with a letter or digit");
		*type = SIPMSG_HOST_NAME;
	}
	*host = (sipmsg_slice){p, len};
	*after = (const char *)q;
	return SIPMSG_OK;
}

const char *sm_hostname_fault(sipmsg_slice host, const char **why)
{
	const char *p = host.ptr, *end = p + host.len;
	if (end > p && end[-1] == '.')
		end--; /* the root's dot */
	const char *label = p;
	for (const char *q = p;; q++) {
		if (q < end && *q != '.')
			continue;
		if (q == label) {
			*why = "an empty label in the host name (RFC 3261 §25.1 hostname)";
			return q;
		}
		if (*label == '-' || q[-1] == '-') {
			*why = "a host name label starts or ends with '-' (RFC 3261 §25.1 domainlabel)";
			return *label == '-' ? label : q - 1;
		}
		if (q == end) {
			if (*label >= '0' && *label <= '9') {
				*why = "the last label of a host name starts with a digit (RFC 3261 §25.1 toplabel)";
				return label;
			}
			return NULL;
		}
		label = q + 1;
	}
}

/* host as sm_host_parse() reads a URI's or a Via's, and nothing after it.
 * A bare IPv6 address (which Via's received takes, RFC 3261 §20.42) is
 * told apart; the caller's failure is kept, a warning joins c->warn. */
const char *sm_maddr_bad(struct sm_uri_ctx *c, const sipmsg_param *pr)
{
	if (!pr->value.ptr || pr->quoted)
		return "maddr must be a host (RFC 3261 §25.1)";
	const char *p = pr->value.ptr, *end = p + pr->value.len, *after;
	uint8_t a[16];
	bool only3261;
	if (p[0] != '[' && memchr(p, ':', pr->value.len)) {
		if (sm_ipv6_parse(p, pr->value.len, a, &only3261))
			return "maddr takes an IPv6 address in [brackets]: it is a host (RFC 3261 §25.1)";
		return "maddr must be a host: no ':' outside an [IPv6] reference (RFC 3261 §25.1)";
	}
	struct sm_fail kept = c->fail;
	sipmsg_slice host;
	sipmsg_host_type type;
	sipmsg_status st = sm_host_parse(c, p, end, &host, &type, &after);
	int code = c->fail.code;
	c->fail = kept;
	if (st == SIPMSG_OK && after == end)
		return NULL;
	if (p[0] == '[')
		return "maddr: an [IPv6] reference must hold an IPv6 address and end the value (RFC 3261 §25.1)";
	if (st == SIPMSG_OK)
		return "maddr must be a host: a name has only letters, digits, '-', '_' and '.' (RFC 3261 §25.1)";
	if (code == SIPMSG_DIAG_BAD_IP_ADDRESS)
		return "maddr must be a host: digits and dots alone must be an IPv4 address (RFC 3261 §25.1)";
	return "maddr must be a host: a name starts with a letter or digit (RFC 3261 §25.1)";
}

sipmsg_status sm_port_parse(struct sm_uri_ctx *c, const char *p, const char *end, uint16_t *port,
			    const char **after)
{
	const unsigned char *q = (const unsigned char *)p, *e = (const unsigned char *)end;
	uint32_t v = 0;
	unsigned d;
	while (q < e && (d = (unsigned)*q - '0') <= 9) {
		v = v * 10 + d;
		if (v > 65535)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, p, "port larger than 65535");
		q++;
	}
	if ((const char *)q == p)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p, "the port is not a number");
	*port = (uint16_t)v;
	*after = (const char *)q;
	return SIPMSG_OK;
}

/* Remember the parameters RFC 3261 gives a meaning; NULL, or why the value
 * breaks its rule (ttl's and maddr's are checked here). One given twice is
 * checked each time and read from its first, as header parameters are. */
static const char *known_uri_param(struct sm_uri_ctx *c, sipmsg_uri *u, const sipmsg_param *pr)
{
	const char *n = pr->name.ptr;
	switch (pr->name.len) {
	case 2:
		if (sm_eq_lower(n, 2, SM_LIT("lr")))
			u->lr = true;
		break;
	case 3:
		if (sm_eq_lower(n, 3, SM_LIT("ttl"))) {
			if (!sm_ttl_valid(pr->value))
				return "ttl must be 0..255";
			if (!u->ttl.ptr)
				u->ttl = pr->value;
		}
		break;
	case 4:
		if (sm_eq_lower(n, 4, SM_LIT("user")) && !u->user_param.ptr)
			u->user_param = pr->value;
		break;
	case 5:
		if (sm_eq_lower(n, 5, SM_LIT("maddr"))) {
			const char *why = sm_maddr_bad(c, pr);
			if (why)
				return why;
			if (!u->maddr.ptr)
				u->maddr = pr->value;
		}
		break;
	case 6:
		if (sm_eq_lower(n, 6, SM_LIT("method")) && !u->method.ptr)
			u->method = pr->value;
		break;
	case 9:
		if (sm_eq_lower(n, 9, SM_LIT("transport")) && !u->transport.ptr)
			u->transport = pr->value;
		break;
	default:
		break;
	}
	return NULL;
}

/* *( ";" pname [ "=" pvalue ] ) starting at p (on a ';'). */
static sipmsg_status parse_params(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_uri *u,
				  const char **after)
{
	struct sm_vec v = {0};
	const char *bad = NULL;
	while (p < end && *p == ';') {
		const char *nb = ++p;
		p = span_escaped(p, end, SM_U_PARAM, &bad);
		if (bad)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_ESCAPE, bad, "'%' not followed by two hex digits");
		if (p == nb)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_PARAMETER, nb, "empty URI parameter");
		sipmsg_slice name = {nb, (size_t)(p - nb)}, value = {NULL, 0};
		if (p < end && *p == '=') {
			const char *vb = ++p;
			p = span_escaped(p, end, SM_U_PARAM, &bad);
			if (bad)
				return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_ESCAPE, bad,
						   "'%' not followed by two hex digits");
			if (p == vb)
				return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_PARAMETER, vb, "empty URI parameter value");
			value = (sipmsg_slice){vb, (size_t)(p - vb)};
		}
		if (v.n >= c->max_params) {
			sm_fail_set(&c->fail, SIPMSG_DIAG_LIMIT_URI_PARAMS, nb, "more URI parameters than max_uri_params");
			return SIPMSG_ELIMIT;
		}
		sipmsg_param *pr = sm_vec_push(c->arena, &v, sizeof *pr);
		if (!pr)
			return SIPMSG_ENOMEM;
		pr->name = name;
		pr->value = value;
		pr->quoted = false;
		/* the parameters RFC 3261 §19.1.1 names are the sip URI's, not tel's */
		const char *why = u->scheme == SIPMSG_SCHEME_TEL ? NULL : known_uri_param(c, u, pr);
		if (why)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_PARAMETER, value.ptr ? value.ptr : nb, why);
	}
	u->params = v.items;
	u->param_count = v.n;
	*after = p;
	return SIPMSG_OK;
}

/* "?" hname "=" hvalue *( "&" hname "=" hvalue ) starting at p (on the '?'). */
static sipmsg_status parse_headers(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_uri *u,
				   const char **after)
{
	struct sm_vec v = {0};
	const char *bad = NULL;
	do {
		const char *nb = ++p;
		p = span_escaped(p, end, SM_U_HNV, &bad);
		if (!bad && p == nb)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, nb, "empty URI header name");
		if (!bad && (p >= end || *p != '='))
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p, "URI header without '='");
		sipmsg_slice name = {nb, (size_t)(p - nb)};
		const char *vb = bad ? p : ++p;
		if (!bad)
			p = span_escaped(p, end, SM_U_HNV, &bad);
		if (bad)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_ESCAPE, bad, "'%' not followed by two hex digits");
		if (v.n >= c->max_params) {
			sm_fail_set(&c->fail, SIPMSG_DIAG_LIMIT_URI_PARAMS, nb, "more URI headers than max_uri_params");
			return SIPMSG_ELIMIT;
		}
		sipmsg_param *pr = sm_vec_push(c->arena, &v, sizeof *pr);
		if (!pr)
			return SIPMSG_ENOMEM;
		pr->name = name;
		pr->value = (sipmsg_slice){vb, (size_t)(p - vb)};
		pr->quoted = false;
	} while (p < end && *p == '&');
	u->headers = v.items;
	u->header_count = v.n;
	*after = p;
	return SIPMSG_OK;
}

static sipmsg_status parse_sip(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_uri *u)
{
	sipmsg_status st;
	const char *bad = NULL;
	/* '@' appears in no other component unescaped, so it alone tells
	 * whether there is a userinfo. */
	const char *at = memchr(p, '@', (size_t)(end - p));
	if (at) {
		const char *q = span_escaped(p, at, SM_U_USER, &bad);
		if (bad)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_ESCAPE, bad, "'%' not followed by two hex digits");
		if (q == p)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p, "empty user part before '@'");
		u->user = (sipmsg_slice){p, (size_t)(q - p)};
		if (q < at && *q == ':') {
			const char *pb = ++q;
			q = span_escaped(q, at, SM_U_PASS, &bad);
			if (bad)
				return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_ESCAPE, bad,
						   "'%' not followed by two hex digits");
			u->password = (sipmsg_slice){pb, (size_t)(q - pb)};
		}
		if (q != at)
			return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, q, "character not allowed in the user part");
		p = at + 1;
	}
	if ((st = sm_host_parse(c, p, end, &u->host, &u->host_type, &p)))
		return st;
	if (p < end && *p == ':') {
		if ((st = sm_port_parse(c, p + 1, end, &u->port, &p)))
			return st;
		u->has_port = true;
	}
	if (p < end && *p == ';' && (st = parse_params(c, p, end, u, &p)))
		return st;
	if (p < end && *p == '?' && (st = parse_headers(c, p, end, u, &p)))
		return st;
	if (p != end)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p,
				   *p == '@' ? "a second '@' in the URI" : "character not allowed in the URI");
	return SIPMSG_OK;
}

/* The digits of a tel URI at [p, end), RFC 3966: phonedigit = DIGIT /
 * visual-separator, phonedigit-hex = HEXDIG / "*" / "#" / visual-separator,
 * the separators being - . ( ). At least one that is not a separator is
 * needed: global-number-digits = "+" *phonedigit DIGIT *phonedigit, and
 * local-number-digits likewise with HEXDIG / "*" / "#". False with *bad
 * at the first byte that breaks the rule (at p when there is no digit). */
static bool tel_digits(const char *p, const char *end, bool hex, const char **bad)
{
	bool any = false;
	for (const char *q = p; q < end; q++) {
		unsigned char ch = (unsigned char)*q;
		if (ch == '-' || ch == '.' || ch == '(' || ch == ')')
			continue;
		if (hex ? !(sm_is(ch, SM_C_HEX) || ch == '*' || ch == '#') : !sm_is(ch, SM_C_DIGIT)) {
			*bad = q;
			return false;
		}
		any = true;
	}
	*bad = p;
	return any;
}

/* The parameters RFC 3966 gives a grammar: extension = ";ext=" 1*phonedigit,
 * context = ";phone-context=" descriptor, whose global-number-digits form
 * is checked (a domainname is taken as it is). A local number without a
 * context breaks a MUST of RFC 3966 §5.1.5 but is common: a warning. */
static sipmsg_status tel_params(struct sm_uri_ctx *c, const char *number, sipmsg_uri *u)
{
	bool context = false;
	const char *bad;
	for (size_t i = 0; i < u->param_count; i++) {
		const sipmsg_param *pr = &u->params[i];
		/* a parameter without "=" has no value: ptr NULL, no end to compute */
		const char *v = pr->value.ptr;
		size_t vn = pr->value.len;
		if (sm_eq_lower(pr->name.ptr, pr->name.len, SM_LIT("ext"))) {
			if (!v || !tel_digits(v, v + vn, false, &bad))
				return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_PARAMETER, v ? v : pr->name.ptr,
						   "ext must be digits and - . ( ) (RFC 3966)");
		} else if (sm_eq_lower(pr->name.ptr, pr->name.len, SM_LIT("phone-context"))) {
			if (!v || !vn || (*v == '+' && !tel_digits(v + 1, v + vn, false, &bad)))
				return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_PARAMETER, v ? v : pr->name.ptr,
						   "phone-context must be a domain name or '+' and digits (RFC 3966)");
			context = true;
		}
	}
	if (*number != '+' && !context && !c->warn.code)
		sm_fail_set(&c->warn, SIPMSG_DIAG_BAD_URI, number,
			    "a local tel number needs a phone-context parameter (RFC 3966 §5.1.5)");
	return SIPMSG_OK;
}

/* telephone-subscriber *par (RFC 3966): the number, then ;parameters. */
static sipmsg_status parse_tel(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_uri *u)
{
	const char *q = p;
	while (q < end && sm_uis((unsigned char)*q, SM_U_TEL))
		q++;
	if (q == p || (*p == '+' && q == p + 1))
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, p, "tel URI without a number");
	bool global = *p == '+';
	const char *bad;
	if (!tel_digits(p + global, q, !global, &bad))
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, bad,
				   global ? "a global tel number is '+' then digits and - . ( ) (RFC 3966)"
					  : "a local tel number is hex digits, '*', '#' and - . ( ) (RFC 3966)");
	u->user = (sipmsg_slice){p, (size_t)(q - p)};
	sipmsg_status st;
	if (q < end && *q == ';' && (st = parse_params(c, q, end, u, &q)))
		return st;
	if (q != end)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, q, "character not allowed in a tel URI");
	return tel_params(c, p, u);
}

sipmsg_status sm_uri_parse(struct sm_uri_ctx *c, const char *p, const char *end, sipmsg_uri *u)
{
	u->raw = (sipmsg_slice){p, (size_t)(end - p)};
	if (SM_LIKELY(end - p > 4 && (p[0] | 0x20) == 's' && (p[1] | 0x20) == 'i' && (p[2] | 0x20) == 'p' &&
		      p[3] == ':')) {
		u->scheme = SIPMSG_SCHEME_SIP;
		u->scheme_name = (sipmsg_slice){p, 3};
		return parse_sip(c, p + 4, end, u);
	}
	const char *s = p;
	if (s >= end || !sm_is((unsigned char)*s, SM_C_ALPHA))
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, s, "a URI must start with a scheme");
	s++;
	while (s < end && sm_uis((unsigned char)*s, SM_U_SCHEME))
		s++;
	if (s >= end || *s != ':')
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, s, "no ':' after the URI scheme");
	u->scheme_name = (sipmsg_slice){p, (size_t)(s - p)};
	s++;
	size_t sl = u->scheme_name.len;
	if (sl == 3 && sm_eq_lower(p, 3, SM_LIT("sip"))) {
		u->scheme = SIPMSG_SCHEME_SIP;
		return parse_sip(c, s, end, u);
	}
	if (sl == 4 && sm_eq_lower(p, 4, SM_LIT("sips"))) {
		u->scheme = SIPMSG_SCHEME_SIPS;
		return parse_sip(c, s, end, u);
	}
	if (sl == 3 && sm_eq_lower(p, 3, SM_LIT("tel"))) {
		u->scheme = SIPMSG_SCHEME_TEL;
		return parse_tel(c, s, end, u);
	}
	u->scheme = SIPMSG_SCHEME_OTHER;
	const char *bad = NULL;
	const char *q = span_escaped(s, end, SM_U_URIC, &bad);
	if (bad)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_ESCAPE, bad, "'%' not followed by two hex digits");
	if (q == s)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, s, "nothing after the URI scheme");
	if (q != end)
		return sm_fail_set(&c->fail, SIPMSG_DIAG_BAD_URI, q, "character not allowed in the URI");
	u->opaque = (sipmsg_slice){s, (size_t)(end - s)};
	return SIPMSG_OK;
}

const char *sm_uri_addr_spec_end(const char *p, const char *end)
{
	while (p < end && *p != ';' && *p != ',' && !sm_is((unsigned char)*p, SM_C_LWS))
		p++;
	return p;
}

sipmsg_status sipmsg_uri_parse(const char *text, size_t len, sipmsg_arena *arena, const sipmsg_parse_opts *opts,
			       sipmsg_uri *out, sipmsg_error *err)
{
	if (!out || !arena || (!text && len)) {
		sm_error_set(err, SIPMSG_EINVAL, 0, NULL, 0, SM_NOPOS, NULL, 0, "NULL URI, text or arena");
		return SIPMSG_EINVAL;
	}
	memset(out, 0, sizeof *out);
	if (!text)
		text = "";
	struct sm_uri_ctx c = {.arena = arena,
			       .max_params = opts && opts->max_uri_params ? opts->max_uri_params
									  : SIPMSG_DEFAULT_MAX_URI_PARAMS};
	sipmsg_status st = sm_uri_parse(&c, text, text + len, out);
	if (st == SIPMSG_ENOMEM)
		sm_error_set(err, st, 0, NULL, 0, SM_NOPOS, NULL, 0, "out of memory");
	else if (st)
		sm_error_set(err, st, c.fail.code, text, len, (size_t)(c.fail.at - text), NULL, 0, "%s", c.fail.msg);
	if (st)
		memset(out, 0, sizeof *out);
	return st;
}
