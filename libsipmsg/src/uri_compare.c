/* SPDX-License-Identifier: MIT */
/* URI equality (RFC 3261 §19.1.4, RFC 3966 §4), the escape and unescape
 * helpers, parameter lookup and quoted-string unquoting. */
#include "uri.h"

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = sm_lower(c);
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* One character of a component: the decoded byte and whether it was escaped. */
static inline unsigned char next_char(const char *p, size_t n, size_t *i, bool *escaped)
{
	unsigned char c = (unsigned char)p[*i];
	if (c == '%' && *i + 2 < n) {
		int h = hexval((unsigned char)p[*i + 1]), l = hexval((unsigned char)p[*i + 2]);
		if (h >= 0 && l >= 0) {
			*i += 3;
			*escaped = true;
			return (unsigned char)(h * 16 + l);
		}
	}
	*i += 1;
	*escaped = false;
	return c;
}

static bool is_reserved(unsigned char c)
{
	return c == ';' || c == '/' || c == '?' || c == ':' || c == '@' || c == '&' || c == '=' || c == '+' ||
	       c == '$' || c == ',';
}

/* Components equal after unescaping; an escaped reserved character differs
 * from the literal one. */
static bool comp_eq(sipmsg_slice a, sipmsg_slice b, bool icase)
{
	size_t i = 0, j = 0;
	while (i < a.len && j < b.len) {
		bool ea, eb;
		unsigned char ca = next_char(a.ptr, a.len, &i, &ea);
		unsigned char cb = next_char(b.ptr, b.len, &j, &eb);
		if (icase) {
			ca = sm_lower(ca);
			cb = sm_lower(cb);
		}
		if (ca != cb || (is_reserved(ca) && ea != eb))
			return false;
	}
	return i == a.len && j == b.len;
}

static bool present(sipmsg_slice s) { return s.ptr != NULL; }

static const sipmsg_param *find_param(const sipmsg_param *ps, size_t n, sipmsg_slice name)
{
	for (size_t i = 0; i < n; i++)
		if (comp_eq(ps[i].name, name, true))
			return &ps[i];
	return NULL;
}

/* A name may repeat (";maddr=a;maddr=b", "?h=1&h=2"): the n-th occurrence of
 * a name in one URI is compared with the n-th in the other, so that every
 * URI equals itself and equality stays symmetric. */
static size_t occurrence(const sipmsg_param *ps, size_t i)
{
	size_t k = 0;
	for (size_t j = 0; j < i; j++)
		k += comp_eq(ps[j].name, ps[i].name, true);
	return k;
}

static const sipmsg_param *find_nth(const sipmsg_param *ps, size_t n, sipmsg_slice name, size_t nth)
{
	for (size_t i = 0; i < n; i++)
		if (comp_eq(ps[i].name, name, true) && nth-- == 0)
			return &ps[i];
	return NULL;
}

static bool param_values_eq(const sipmsg_param *a, const sipmsg_param *b, bool icase)
{
	if (present(a->value) != present(b->value))
		return false;
	return comp_eq(a->value, b->value, icase);
}

static bool host_eq(const sipmsg_uri *a, const sipmsg_uri *b)
{
	if (a->host_type == SIPMSG_HOST_IPV6 && b->host_type == SIPMSG_HOST_IPV6 && a->host.len >= 2 &&
	    b->host.len >= 2) {
		uint8_t x[16], y[16];
		bool o1, o2;
		if (sm_ipv6_parse(a->host.ptr + 1, a->host.len - 2, x, &o1) &&
		    sm_ipv6_parse(b->host.ptr + 1, b->host.len - 2, y, &o2))
			return memcmp(x, y, 16) == 0;
	}
	return sm_casecmp_eq(a->host.ptr, a->host.len, b->host.ptr, b->host.len);
}

static bool sip_params_eq(const sipmsg_uri *a, const sipmsg_uri *b)
{
	static const char *const must_agree[] = {"user", "ttl", "method", "maddr", "transport"};
	for (size_t k = 0; k < sizeof must_agree / sizeof must_agree[0]; k++) {
		sipmsg_slice name = {must_agree[k], strlen(must_agree[k])};
		const sipmsg_param *pa = find_param(a->params, a->param_count, name);
		const sipmsg_param *pb = find_param(b->params, b->param_count, name);
		if (!pa != !pb)
			return false;
	}
	for (size_t i = 0; i < a->param_count; i++) {
		const sipmsg_param *pb =
			find_nth(b->params, b->param_count, a->params[i].name, occurrence(a->params, i));
		if (pb && !param_values_eq(&a->params[i], pb, true))
			return false;
	}
	return true;
}

static bool headers_eq(const sipmsg_uri *a, const sipmsg_uri *b)
{
	if (a->header_count != b->header_count)
		return false;
	for (size_t i = 0; i < a->header_count; i++) {
		const sipmsg_param *hb =
			find_nth(b->headers, b->header_count, a->headers[i].name, occurrence(a->headers, i));
		if (!hb || !comp_eq(a->headers[i].value, hb->value, false))
			return false;
	}
	return true;
}

static bool is_visual_separator(unsigned char c) { return c == '-' || c == '.' || c == '(' || c == ')'; }

static bool tel_number_eq(sipmsg_slice a, sipmsg_slice b)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < a.len && is_visual_separator((unsigned char)a.ptr[i]))
			i++;
		while (j < b.len && is_visual_separator((unsigned char)b.ptr[j]))
			j++;
		if (i == a.len || j == b.len)
			return i == a.len && j == b.len;
		if (sm_lower((unsigned char)a.ptr[i]) != sm_lower((unsigned char)b.ptr[j]))
			return false;
		i++, j++;
	}
}

static bool all_params_in(const sipmsg_uri *a, const sipmsg_uri *b)
{
	for (size_t i = 0; i < a->param_count; i++) {
		const sipmsg_param *pb =
			find_nth(b->params, b->param_count, a->params[i].name, occurrence(a->params, i));
		if (!pb || !param_values_eq(&a->params[i], pb, true))
			return false;
	}
	return true;
}

bool sipmsg_uri_equal(const sipmsg_uri *a, const sipmsg_uri *b)
{
	if (!a || !b || a->scheme != b->scheme)
		return false;
	switch (a->scheme) {
	case SIPMSG_SCHEME_SIP:
	case SIPMSG_SCHEME_SIPS:
		if (present(a->user) != present(b->user) || !comp_eq(a->user, b->user, false))
			return false;
		if (present(a->password) != present(b->password) || !comp_eq(a->password, b->password, false))
			return false;
		if (!host_eq(a, b) || a->has_port != b->has_port || a->port != b->port)
			return false;
		return sip_params_eq(a, b) && headers_eq(a, b);
	case SIPMSG_SCHEME_TEL:
		return tel_number_eq(a->user, b->user) && a->param_count == b->param_count && all_params_in(a, b) &&
		       all_params_in(b, a);
	default:
		return sm_casecmp_eq(a->scheme_name.ptr, a->scheme_name.len, b->scheme_name.ptr, b->scheme_name.len) &&
		       comp_eq(a->opaque, b->opaque, false);
	}
}

const sipmsg_param *sipmsg_param_find(const sipmsg_param *params, size_t count, const char *name)
{
	if (!params || !name)
		return NULL;
	size_t n = strlen(name);
	for (size_t i = 0; i < count; i++)
		if (sm_casecmp_eq(params[i].name.ptr, params[i].name.len, name, n))
			return &params[i];
	return NULL;
}

const sipmsg_param *sipmsg_param_at(const sipmsg_param *params, size_t count, size_t i)
{
	return params && i < count ? &params[i] : NULL;
}

size_t sipmsg_unescape(const char *in, size_t len, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; in && i < len;) {
		bool esc;
		unsigned char c = next_char(in, len, &i, &esc);
		if (n < size)
			out[n] = (char)c;
		n++;
	}
	return n;
}

size_t sipmsg_escape(const char *in, size_t len, sipmsg_uri_part part, char *out, size_t size)
{
	static const unsigned classes[] = {SM_U_USER, SM_U_PASS, SM_U_PARAM, SM_U_HNV};
	static const char hex[] = "0123456789ABCDEF";
	unsigned cls = (unsigned)part < 4 ? classes[part] : SM_U_UNRES;
	size_t n = 0;
	for (size_t i = 0; in && i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (sm_uis(c, cls)) {
			if (n < size)
				out[n] = (char)c;
			n++;
			continue;
		}
		char e[3] = {'%', hex[c >> 4], hex[c & 15]};
		for (int k = 0; k < 3; k++, n++)
			if (n < size)
				out[n] = e[k];
	}
	return n;
}

size_t sipmsg_unquote(const char *in, size_t len, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; in && i < len; i++) {
		char c = in[i];
		if (c == '\\' && i + 1 < len)
			c = in[++i];
		if (n < size)
			out[n] = c;
		n++;
	}
	return n;
}
