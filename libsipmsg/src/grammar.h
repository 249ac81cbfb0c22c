/* SPDX-License-Identifier: MIT */
/* Small scanning primitives of the RFC 3261 header grammar shared by the URI
 * parser and every typed-header parser: linear whitespace, tokens,
 * quoted-strings, the first grammar error, and arrays that grow at the top of
 * the arena. All work on [p, end) and never read at or past end. */
#ifndef SM_GRAMMAR_H
#define SM_GRAMMAR_H

#include "internal.h"

/* The first thing that went wrong (or the first oddity, for warnings):
 * a diagnostic code, where, and a literal reason. */
struct sm_fail {
	int code;
	const char *at;
	const char *msg;
};

static inline sipmsg_status sm_fail_set(struct sm_fail *f, int code, const char *at, const char *msg)
{
	f->code = code;
	f->at = at;
	f->msg = msg;
	return SIPMSG_ESYNTAX;
}

/* LWS and SWS: spaces, tabs and folding (CR LF inside a value is folding). */
static inline const char *sm_skip_lws(const char *p, const char *end)
{
	while (p < end && sm_is((unsigned char)*p, SM_C_LWS))
		p++;
	return p;
}

/* The character classes of the URI grammar and of quoted strings (one
 * table, uri.c). */
enum {
	SM_U_UNRES = 0x0001,  /* unreserved: alphanum / mark */
	SM_U_USER = 0x0002,   /* user: unreserved / user-unreserved (& = + $ , ; ? /) */
	SM_U_PASS = 0x0004,   /* password: unreserved / & = + $ , */
	SM_U_PARAM = 0x0008,  /* paramchar: unreserved / [ ] / : & + $ */
	SM_U_HNV = 0x0010,    /* hname, hvalue: unreserved / [ ] / ? : + $ */
	SM_U_HOST = 0x0020,   /* hostname: alphanum / - . (and _ seen in the wild) */
	SM_U_SCHEME = 0x0040, /* scheme after its first letter: alphanum / + - . */
	SM_U_URIC = 0x0080,   /* absoluteURI: reserved / unreserved (and [ ] of RFC 2732) */
	SM_U_TEL = 0x0100,    /* tel number: HEXDIG / * # + and visual separators - . ( ) */
	SM_U_NAMECH = 0x0200, /* host characters that make it a name: ALPHA / - _ */
	SM_U_GENVAL = 0x0400, /* gen-value without quotes or brackets: token / ":" (bare IPv6) */
	SM_U_QDTEXT = 0x0800, /* quoted-string bytes that need no care: not '"', '\\' or a control */
	SM_U_HEX = 0x1000,    /* HEXDIG */
};
extern const uint16_t sm_uclass[256];


/* The first byte at or after p whose class in tab lacks bit (or end). Four
 * bytes per bounds check: these spans are most of the work of parsing. */
static SM_INLINE const char *sm_span(const uint16_t *tab, unsigned bit, const char *p, const char *end)
{
	const unsigned char *q = (const unsigned char *)p, *e = (const unsigned char *)end;
	if (e - q >= 4) {
		const unsigned char *e4 = e - 3; /* q < e4: four bytes left */
		do {
			if (!(tab[q[0]] & bit))
				return (const char *)q;
			if (!(tab[q[1]] & bit))
				return (const char *)q + 1;
			if (!(tab[q[2]] & bit))
				return (const char *)q + 2;
			if (!(tab[q[3]] & bit))
				return (const char *)q + 3;
			q += 4;
		} while (q < e4);
	}
	while (q < e && (tab[*q] & bit))
		q++;
	return (const char *)q;
}

static SM_INLINE const char *sm_skip_token(const char *p, const char *end)
{
	return sm_span(sm_ctype, SM_C_TOKEN, p, end);
}

/* A quoted-string starting at the '"' at p. On success *content is the text
 * between the quotes (escapes kept) and the return value points after the
 * closing quote; NULL when it is not closed or holds a forbidden byte. */
static inline const char *sm_quoted(const char *p, const char *end, sipmsg_slice *content)
{
	const char *q = p + 1;
	while (q < end) {
		q = sm_span(sm_uclass, SM_U_QDTEXT, q, end);
		if (q >= end)
			break;
		unsigned char c = (unsigned char)*q;
		if (c == '"') {
			content->ptr = p + 1;
			content->len = (size_t)(q - p - 1);
			return q + 1;
		}
		if (c == '\\') {
			if (q + 1 >= end || q[1] == '\r' || q[1] == '\n')
				return NULL;
			q += 2;
			continue;
		}
		if (sm_is(c, SM_C_CTL) && c != '\r' && c != '\n')
			return NULL;
		q++;
	}
	return NULL;
}

/* A comment "(...)" starting at the '(' at p, nested, with quoted-pairs;
 * returns the byte after the closing ')' or NULL. */
static inline const char *sm_comment(const char *p, const char *end)
{
	int depth = 0;
	for (const char *q = p; q < end; q++) {
		if (*q == '\\') {
			q++;
			continue;
		}
		if (*q == '(')
			depth++;
		else if (*q == ')' && --depth == 0)
			return q + 1;
	}
	return NULL;
}

/* An array of fixed-size items built at the top of the arena: while nothing
 * else is allocated, growing it costs no copy. */
struct sm_vec {
	void *items;
	size_t n, cap;
};

static inline void *sm_vec_push(sipmsg_arena *a, struct sm_vec *v, size_t size)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4;
		void *items = sm_realloc_last(a, v->items, v->cap * size, cap * size);
		if (!items)
			return NULL;
		v->items = items;
		v->cap = cap;
	}
	return (char *)v->items + size * v->n++;
}

/* Decimal digits of p[0..n) into a uint32; false when empty, not all digits,
 * or above max. */
static SM_INLINE bool sm_u32(const char *p, size_t n, uint32_t max, uint32_t *out)
{
	if (n == 0 || n > 10)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)p[i] - '0';
		if (d > 9)
			return false;
		v = v * 10 + d;
	}
	if (v > max)
		return false;
	*out = (uint32_t)v;
	return true;
}

static inline const char *sm_skip_digits(const char *p, const char *end)
{
	while (p < end && (unsigned)(unsigned char)*p - '0' <= 9)
		p++;
	return p;
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) */
static inline bool sm_qvalue_valid(sipmsg_slice v)
{
	if (!v.ptr || v.len == 0 || v.len > 5 || (v.ptr[0] != '0' && v.ptr[0] != '1'))
		return false;
	if (v.len == 1)
		return true;
	if (v.ptr[1] != '.')
		return false;
	for (size_t i = 2; i < v.len; i++)
		if (v.ptr[0] == '1' ? v.ptr[i] != '0' : (unsigned)(unsigned char)v.ptr[i] - '0' > 9)
			return false;
	return true;
}

/* ttl = 1*3DIGIT ; 0 to 255 (RFC 3261 §25.1), of a Via and of a sip URI;
 * leading zeros are let through, as in every number here. */
static inline bool sm_ttl_valid(sipmsg_slice v)
{
	uint32_t n;
	return v.ptr && sm_u32(v.ptr, v.len, 255, &n);
}

/* Parse an IPv6 address (no brackets) of p[0..n) into 16 bytes. *rfc3261_only
 * is set when the text is valid only by RFC 3261's ABNF ("::" followed by
 * ":" and an IPv4 tail, RFC 5118 §4.10), not by RFC 4291. */
bool sm_ipv6_parse(const char *p, size_t n, uint8_t out[16], bool *rfc3261_only);
/* A dotted IPv4 address, four decimal parts 0..255. */
bool sm_ipv4_parse(const char *p, size_t n, uint8_t out[4]);

#endif
