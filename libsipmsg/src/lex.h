/* SPDX-License-Identifier: MIT */
/* Character classes of the RFC 3261 / RFC 5234 grammars, as one table, and
 * the small scanning helpers every parser in the library shares. */
#ifndef SM_LEX_H
#define SM_LEX_H

#include <stddef.h>
#include <stdint.h>

enum {
	SM_C_TOKEN = 0x0001,   /* RFC 3261 token: alphanum - . ! % * _ + ` ' ~ */
	SM_C_WS = 0x0002,      /* SP, HTAB */
	SM_C_DIGIT = 0x0004,
	SM_C_ALPHA = 0x0008,
	SM_C_HEX = 0x0010,
	SM_C_CTL = 0x0020,     /* %x00-08 / %x0A-1F / %x7F (HTAB is not a CTL here) */
	SM_C_UNRESERVED = 0x0040, /* alphanum / mark (RFC 3261 §25.1) */
	SM_C_LWS = 0x0080,     /* SP, HTAB, CR, LF: inside a value, CR LF can only be folding */
	SM_C_WORD = 0x0100,    /* RFC 3261 word (Call-ID): token chars plus ( ) < > : \ " / [ ] ? { } */
	SM_C_SEP = 0x0200,     /* RFC 3261 separators */
	SM_C_UTF8 = 0x0400,    /* bytes >= 0x80 */
};

extern const uint16_t sm_ctype[256];

static inline int sm_is(unsigned char c, unsigned cls) { return (sm_ctype[c] & cls) != 0; }

static inline unsigned char sm_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* Case-insensitive comparison of a slice with a lowercase ASCII literal. */
static inline int sm_eq_lower(const char *p, size_t n, const char *lit, size_t litn)
{
	if (n != litn)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (sm_lower((unsigned char)p[i]) != (unsigned char)lit[i])
			return 0;
	return 1;
}

/* Case-insensitive: does slice s equal the lowercase literal? (ABNF
 * quoted strings match so, RFC 5234 §2.3) */
#define SM_IS(s, lit) sm_eq_lower((s).ptr, (s).len, SM_LIT(lit))

static inline int sm_casecmp_eq(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (sm_lower((unsigned char)a[i]) != sm_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

#define SM_LIT(s) (s), (sizeof(s) - 1)

/* 1 to max decimal digits and nothing else (SIZE_MAX: any length; no value
 * is made, so no length overflows). The SIP and SDP grammars share it. */
static inline int sm_all_digits(const char *p, size_t n, size_t max)
{
	if (n == 0 || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned)(unsigned char)p[i] - '0' > 9)
			return 0;
	return 1;
}

#endif
