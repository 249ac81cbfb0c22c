/* SPDX-License-Identifier: MIT */
/* The fast paths of the hot headers' grammars (Via, From/To/Contact and the
 * other name-addr headers, CSeq, Call-ID, the numbers, Content-Type).
 *
 * Each recognises only the common, plain shape of a header line's value:
 * one value (not a comma list), no whitespace where the grammar allows it,
 * no quotes, escapes, brackets or comments, parameters with token values.
 * It fills the very view the general parser (hdr_*.c, uri.c) would fill, in
 * one pass, writing the view and its parameter arrays straight into the top
 * of the arena and taking that memory only once the whole value has been
 * read. For anything else it gives up, having reported and kept nothing,
 * and the general parser runs from the start: every diagnostic, error
 * position and limit stays the general parser's. So a fast parser may
 * accept a value only when the general parser accepts it without any
 * diagnostic and builds the same view; tests/unit/test_fast.c holds both to
 * that on the corpus and on every one-byte edit of a set of values. */
#include "typed.h"
#include "uri.h"

/* Most parameters a fast parser takes in one URI or after one value (more:
 * the general path). */
#define FAST_PARAMS 8u

#if SM_SIMD
/* The constants of uncommon16(), one 16-byte row each. */
#define K16(c) {c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c}
static const union {
	uint8_t b[6][16];
	__m128i v[6];
} span_k = {{
	K16(0x20),       /* to lowercase */
	K16(0x80 - 'a'), /* 'a'..'z' to 0x80..0x99, -128..-103 signed */
	K16(0x80 + 25),  /* the last letter */
	K16(0x80 - '-'), /* '-'..'9' to 0x80..0x8c, -128..-116 signed */
	K16(0x80 + 12),  /* the last digit */
	K16('/'),
}};
#undef K16

/* The bytes of p[0..16) that are not letters, digits, '-' or '.', as a bit
 * mask: each range moved to the bottom of the signed bytes, then one signed
 * compare. The constants are read through a pointer gcc cannot see through,
 * so each is a memory operand of its instruction: otherwise gcc loads all
 * of them into registers before every inlined span (and rewrites the
 * compares into more instructions). */
static SM_INLINE unsigned uncommon16(const char *p)
{
	const __m128i *k = span_k.v;
	__asm__("" : "+r"(k));
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i not_alpha = _mm_cmpgt_epi8(_mm_add_epi8(_mm_or_si128(v, k[0]), k[1]), k[2]);
	__m128i not_num = _mm_cmpgt_epi8(_mm_add_epi8(v, k[3]), k[4]);
	/* '/' is not in every class spanned */
	__m128i stop = _mm_or_si128(_mm_and_si128(not_alpha, not_num), _mm_cmpeq_epi8(v, k[5]));
	return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* The bytes of class `bit` of tab from p on, up to end: sm_span(), but 16
 * bytes at a time while the bytes are letters, digits, '-' or '.' (in every
 * class spanned here, and most of what SIP values are made of). `last16` is
 * the last address a 16-byte load may start at (last16 + 16 >= end: what the
 * loads see past `end` is ignored). */
static SM_INLINE const char *span(const uint16_t *tab, unsigned bit, const char *p, const char *end,
				  uintptr_t last16)
{
#if SM_SIMD
	while ((uintptr_t)p <= last16) {
		unsigned stop = uncommon16(p);
		if (stop) {
			p += (unsigned)__builtin_ctz(stop);
			if (p >= end)
				return end;
			if (!(tab[(unsigned char)*p] & bit))
				return p;
			p++; /* in the class, not among the common bytes */
			continue;
		}
		p += 16;
		if (p >= end)
			return end;
	}
#else
	(void)last16;
#endif
	return sm_span(tab, bit, p, end);
}

static SM_INLINE uint64_t ld8(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}
static SM_INLINE uint32_t ld4(const char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}
static SM_INLINE uint16_t ld2(const char *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

/* Is n[0..len) the lowercase literal lit[0..len) (len 1..16), ignoring
 * case? Reads only n[0..len), with overlapping word loads. n holds token
 * or URI-parameter characters, and for those c | 0x20 equals a lowercase
 * letter only when c is that letter in either case, so this is exact. */
static SM_INLINE bool fold_eq(const char *n, const char *lit, size_t len)
{
	if (len >= 8)
		return (ld8(n) | 0x2020202020202020ull) == ld8(lit) &&
		       (ld8(n + len - 8) | 0x2020202020202020ull) == ld8(lit + len - 8);
	if (len >= 4)
		return (ld4(n) | 0x20202020u) == ld4(lit) && (ld4(n + len - 4) | 0x20202020u) == ld4(lit + len - 4);
	if (len >= 2)
		return (uint16_t)(ld2(n) | 0x2020u) == ld2(lit) &&
		       (uint16_t)(ld2(n + len - 2) | 0x2020u) == ld2(lit + len - 2);
	return ((unsigned char)n[0] | 0x20u) == (unsigned char)lit[0];
}
/* a[0..len) == b[0..len), reading nothing outside them: overlapping word
 * loads up to 16 bytes (a method name), memcmp beyond. */
static SM_INLINE bool same_bytes(const char *a, const char *b, size_t len)
{
	if (len > 16)
		return memcmp(a, b, len) == 0;
	if (len >= 8)
		return ld8(a) == ld8(b) && ld8(a + len - 8) == ld8(b + len - 8);
	if (len >= 4)
		return ld4(a) == ld4(b) && ld4(a + len - 4) == ld4(b + len - 4);
	if (len >= 2)
		return ld2(a) == ld2(b) && ld2(a + len - 2) == ld2(b + len - 2);
	return len == 0 || a[0] == b[0];
}

/* A fast parse of one value: where its bytes may be read and where its
 * view and arrays go (the free top of the arena, taken on success). */
struct fx {
	sipmsg_msg *m;
	uintptr_t last16; /* 16-byte loads may start up to here, past the value too */
	char *top;        /* struct sm_vals, then the view, then arrays */
	char *cur;        /* next free byte for an array */
	sipmsg_hdr_id id;
};

/* Room for the values header, a view of `size` bytes and 2 * FAST_PARAMS
 * parameters at the top of the arena; NULL (the general path then) when the
 * current block has less. */
static SM_INLINE void *begin(struct fx *f, size_t size)
{
	size_t room = sizeof(struct sm_vals) + size + 2 * FAST_PARAMS * sizeof(sipmsg_param);
	const sipmsg_arena *a = f->m->arena;
	/* sm_arena_top() without its NULL: an arena with no block has no room */
	if ((size_t)(a->end - a->pos) < room)
		return NULL;
	f->top = a->pos;
	f->cur = f->top + sizeof(struct sm_vals) + size;
	return f->top + sizeof(struct sm_vals);
}

/* Take what was written at top: header line h now has its one value. */
static SM_INLINE sipmsg_status commit(struct fx *f, struct sm_hdr *h)
{
	struct sm_vals *v = sm_arena_take(f->m->arena, (size_t)(f->cur - f->top));
	v->n = 1;
	v->cap = 1;
	v->items = v + 1;
	*(sipmsg_slice *)v->items = (sipmsg_slice){h->value, h->value_len};
	h->view = v;
	h->flags |= SM_H_VIEW_DONE;
	return SIPMSG_OK;
}

/* Whose parameters params() reads, and the parameters each view keeps
 * apart (hdr_via.c's and hdr_nameaddr.c's known_params(), the boundary of a
 * media type). */
enum pkind { P_VIA, P_NAMEADDR, P_MEDIATYPE };
enum pname {
	N_OTHER, N_TTL, N_RPORT, N_MADDR, N_BRANCH, N_RECEIVED, N_Q, N_TAG, N_EXPIRES, N_REG_ID, N_INSTANCE, N_BOUNDARY,
	N_RULED /* a name hdr_param_rules.c may judge: the general path */
};

/* The name n[0..len) among those kind keeps (N_OTHER: none of them). */
static SM_INLINE enum pname known_name(enum pkind kind, const char *n, size_t len)
{
	switch (kind) {
	case P_VIA:
		switch (len) {
		case 3:
			return fold_eq(n, "ttl", 3) ? N_TTL : N_OTHER;
		case 5:
			return fold_eq(n, "rport", 5) ? N_RPORT : fold_eq(n, "maddr", 5) ? N_MADDR : N_OTHER;
		case 6:
			return fold_eq(n, "branch", 6) ? N_BRANCH : N_OTHER;
		case 8:
			return fold_eq(n, "received", 8) ? N_RECEIVED : N_OTHER;
		default:
			return N_OTHER;
		}
	case P_NAMEADDR:
		switch (len) {
		case 1:
			return fold_eq(n, "q", 1) ? N_Q : N_OTHER;
		case 2: /* History-Info's target parameters */
			return fold_eq(n, "rc", 2) || fold_eq(n, "mp", 2) || fold_eq(n, "np", 2) ? N_RULED : N_OTHER;
		case 3:
			return fold_eq(n, "tag", 3) ? N_TAG : N_OTHER;
		case 5:
			return fold_eq(n, "index", 5) ? N_RULED : N_OTHER;
		case 6: /* checked only (hdr_nameaddr.c warns of a bad one in a Contact) */
			return fold_eq(n, "reg-id", 6) ? N_REG_ID : N_OTHER;
		case 7:
			return fold_eq(n, "expires", 7) ? N_EXPIRES : N_OTHER;
		case 13:
			return fold_eq(n, "+sip.instance", 13) ? N_INSTANCE : N_OTHER;
		default:
			return N_OTHER;
		}
	case P_MEDIATYPE:
		if (len == 1 && fold_eq(n, "q", 1))
			return N_RULED; /* Accept's q */
		return len == 8 && fold_eq(n, "boundary", 8) ? N_BOUNDARY : N_OTHER;
	}
	return N_OTHER;
}

/* Eight bytes as one little-endian word (what ld8() loads). */
#define LE8(a, b, c, d, e, f, g, h)                                                                      \
	((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 | (uint64_t)(e) << 32 | \
	 (uint64_t)(f) << 40 | (uint64_t)(g) << 48 | (uint64_t)(h) << 56)

/* Does the word w (the 8 bytes at a parameter) start with `name`, a
 * lowercase name of len letters (1..7) and '=' (LE8(), zero-padded), its
 * letters in either case? */
static SM_INLINE bool word_is_name(uint64_t w, uint64_t name, unsigned len)
{
	uint64_t mask = (1ull << (8 * (len + 1))) - 1;
	return ((w | (0x2020202020202020ull >> (8 * (8 - len)))) & mask) == name;
}

/* The commonest parameters of kind, recognised with their '=' from one
 * word at the name nb (8 bytes of the value) without spanning the name
 * (N_OTHER: span it). */
static SM_INLINE enum pname common_name(enum pkind kind, const char *nb, const char *end, size_t *len)
{
	uint64_t w = ld8(nb);
	if (kind == P_VIA) {
		if (word_is_name(w, LE8('b', 'r', 'a', 'n', 'c', 'h', '=', 0), 6))
			return *len = 6, N_BRANCH;
		if (word_is_name(w, LE8('r', 'p', 'o', 'r', 't', '=', 0, 0), 5))
			return *len = 5, N_RPORT;
		if ((w | 0x2020202020202020ull) == LE8('r', 'e', 'c', 'e', 'i', 'v', 'e', 'd') && end - nb > 8 &&
		    nb[8] == '=')
			return *len = 8, N_RECEIVED;
	} else if (kind == P_NAMEADDR) {
		if (word_is_name(w, LE8('t', 'a', 'g', '=', 0, 0, 0, 0), 3))
			return *len = 3, N_TAG;
	}
	return N_OTHER;
}

#if SM_SIMD
/* Is the part of n digits at s (1..3, 4 bytes readable) at most 255? Three
 * digits are when as text they are no greater than "255": compared as the
 * top three bytes of a big-endian word. */
static SM_INLINE bool octet(const char *s, unsigned n)
{
	return n < 3 || __builtin_bswap32(ld4(s)) >> 8 <= ('2' << 16 | '5' << 8 | '5');
}

/* dotted_quad() of the len bytes at r (at most 15, 16 readable), from the
 * bit masks of its digits and of its dots: three dots with parts of one to
 * three digits around them, each part at most 255. About 80 instructions on
 * a 13-byte address, where the byte loop takes about 130. */
static SM_INLINE bool dotted_quad16(const char *r, unsigned len)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)r);
	/* '0'..'9' moved to the bottom of the signed bytes, then one compare */
	__m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
				       _mm_set1_epi8((char)(0x80 + 10)));
	unsigned in = (1u << len) - 1;
	unsigned dots = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))) & in;
	if ((((unsigned)_mm_movemask_epi8(digit) | dots) & in) != in || !dots)
		return false; /* a byte that is neither, or no dot */
	unsigned d1 = (unsigned)__builtin_ctz(dots);
	if (!(dots &= dots - 1))
		return false;
	unsigned d2 = (unsigned)__builtin_ctz(dots);
	if (!(dots &= dots - 1))
		return false;
	unsigned d3 = (unsigned)__builtin_ctz(dots);
	if (dots & (dots - 1))
		return false; /* a fourth dot */
	/* parts of one to three digits: the first dot at 1..3, the next ones 2..4
	 * after it, the end 2..4 after the last (unsigned: a short part wraps) */
	if (d1 - 1 > 2 || d2 - d1 - 2 > 2 || d3 - d2 - 2 > 2 || len - d3 - 2 > 2)
		return false;
	return octet(r, d1) && octet(r + d1 + 1, d2 - d1 - 1) && octet(r + d2 + 1, d3 - d2 - 1) &&
	       octet(r + d3 + 1, len - d3 - 1);
}
#endif

/* Is r[0..q-r) four decimal parts of one to three digits, each at most 255,
 * separated by dots (sm_ipv4_parse)? 16-byte loads may start up to last16.
 * Out of line: only IPv4 hosts and received= come here, and inlined it
 * costs the other values a few instructions of register shuffling. */
static SM_NOINLINE bool dotted_quad(const char *r, const char *q, uintptr_t last16)
{
#if SM_SIMD
	if ((uintptr_t)r <= last16)
		return q - r <= 15 && dotted_quad16(r, (unsigned)(q - r));
#else
	(void)last16;
#endif
	/* unrolled: a part costs a few compares */
	for (int part = 0;; part++) {
		unsigned v, d;
		if (r >= q || (v = (unsigned)(unsigned char)*r - '0') > 9)
			return false;
		r++;
		if (r < q && (d = (unsigned)(unsigned char)*r - '0') <= 9) {
			v = v * 10 + d;
			r++;
			if (r < q && (d = (unsigned)(unsigned char)*r - '0') <= 9) {
				if ((v = v * 10 + d) > 255)
					return false;
				r++;
			}
		}
		if (part == 3)
			return r == q;
		if (r >= q || *r != '.')
			return false;
		r++;
	}
}

/* Keep parameter `id`'s value in the view, checked as the general parser
 * checks it (false: the general path). */
static SM_INLINE bool keep_param(const struct fx *f, void *view, enum pname id, sipmsg_slice value)
{
	sipmsg_via *v = view;
	sipmsg_nameaddr *na = view;
	uint32_t n;
	switch (id) {
	case N_OTHER:
		break;
	/* a Via parameter given twice: each is checked, the first is kept
	 * (hdr_via.c's known_params()) */
	case N_TTL:
		if (!sm_ttl_valid(value))
			return false;
		if (!v->ttl.ptr)
			v->ttl = value;
		break;
	case N_RPORT:
		if (value.ptr && !sm_u32(value.ptr, value.len, 65535, &n))
			return false;
		if (!v->has_rport) {
			v->has_rport = true;
			v->rport = value;
		}
		break;
	case N_MADDR:
		/* a host, judged by hdr_via.c (maddr is rare) */
		return false;
	case N_BRANCH:
		if (!value.ptr)
			return false;
		if (!v->branch.ptr)
			v->branch = value;
		break;
	case N_RECEIVED:
		/* IPv6 and anything else: hdr_via.c judges it */
		if (!value.ptr || !dotted_quad(value.ptr, value.ptr + value.len, f->last16))
			return false;
		if (!v->received.ptr)
			v->received = value;
		break;
	/* a name-addr parameter given twice: the first is kept
	 * (hdr_nameaddr.c's known_params()) */
	case N_Q:
		if (!sm_qvalue_valid(value))
			return false;
		if (!na->q.ptr)
			na->q = value;
		break;
	case N_TAG:
		if (!na->tag.ptr)
			na->tag = value;
		break;
	case N_EXPIRES:
		if (!value.ptr || !sm_u32(value.ptr, value.len, UINT32_MAX, &n))
			return false;
		if (!na->has_expires) {
			na->expires = n;
			na->has_expires = true;
		}
		break;
	case N_REG_ID:
		if (!sm_reg_id_valid(value))
			return false;
		break;
	case N_INSTANCE:
		return false; /* its valid form is quoted, which only the general path reads */
	case N_RULED:
		return false;
	case N_BOUNDARY:
		((sipmsg_mediatype *)view)->boundary = value;
		break;
	}
	return true;
}

/* *( ";" token [ "=" token-or-host ] ) at *qp with nothing between the
 * parts: the parameters sm_gparams() finds, written at f->cur, those the
 * view of kind keeps apart checked and kept as they come. With none, *out
 * and *count are left as they are (zeroed). */
static SM_INLINE bool params(struct fx *f, enum pkind kind, void *view, const char **qp, const char *end,
			     const sipmsg_param **out, size_t *count)
{
	const char *q = *qp;
	if (q >= end || *q != ';')
		return true;
	size_t max = f->m->opts.max_uri_params;
	if (max > FAST_PARAMS)
		max = FAST_PARAMS;
	sipmsg_param *pr = (sipmsg_param *)(void *)f->cur;
	size_t n = 0;
	do {
		const char *nb = q + 1, *ne;
		size_t len;
		enum pname id = end - nb >= 8 ? common_name(kind, nb, end, &len) : N_OTHER;
		if (id != N_OTHER) {
			ne = nb + len;
		} else {
			ne = span(sm_ctype, SM_C_TOKEN, nb, end, f->last16);
			if (ne == nb)
				return false;
			id = known_name(kind, nb, (size_t)(ne - nb));
		}
		if (n >= max)
			return false;
		pr[n].name = (sipmsg_slice){nb, (size_t)(ne - nb)};
		pr[n].quoted = false;
		q = ne;
		if (q < end && *q == '=') {
			const char *vb = q + 1;
			/* a media type's m-value is a token (or quoted), and so is
			 * a name-addr's gen-value unless quoted or bracketed: no
			 * ':' but in a Via's received (bare IPv6; maddr goes to
			 * hdr_via.c, which rejects a bare one) */
			q = kind != P_VIA ? span(sm_ctype, SM_C_TOKEN, vb, end, f->last16)
					  : span(sm_uclass, SM_U_GENVAL, vb, end, f->last16);
			if (q == vb)
				return false;
			pr[n].value = (sipmsg_slice){vb, (size_t)(q - vb)};
		} else {
			/* a media type's m-parameter has a value (Accept's
			 * generic-param need not: hdr_token.c tells them apart) */
			if (kind == P_MEDIATYPE)
				return false;
			pr[n].value = (sipmsg_slice){NULL, 0};
		}
		if (!keep_param(f, view, id, pr[n].value))
			return false;
		n++;
	} while (q < end && *q == ';');
	f->cur += n * sizeof *pr;
	*out = pr;
	*count = n;
	*qp = q;
	return true;
}

/* A host name or an IPv4 address at p (no IPv6 reference), as
 * sm_host_parse() takes it when it reports nothing: a name has a letter,
 * '-' or '_'; digits and dots alone must make a dotted IPv4 address. */
static SM_INLINE bool host(const char *p, const char *end, uintptr_t last16, sipmsg_slice *h,
			   sipmsg_host_type *type, const char **after)
{
	const char *q = span(sm_uclass, SM_U_HOST, p, end, last16);
	size_t len = (size_t)(q - p);
	if (len == 0 || (q < end && *q == ':' && len <= 4))
		return false;
	*h = (sipmsg_slice){p, len};
	*after = q;
	if (sm_uclass[(unsigned char)*p] & SM_U_NAMECH) {
		*type = SIPMSG_HOST_NAME; /* the usual case: it starts with a letter */
		return *p != '-';
	}
	/* a dotted IPv4 address (then there is no name character), or else a
	 * name if a letter, '-' or '_' comes later (not when it starts with '.') */
	if (dotted_quad(p, q, last16)) {
		*type = SIPMSG_HOST_IPV4;
		return true;
	}
	for (const char *r = p + 1; r < q; r++)
		if (sm_uclass[(unsigned char)*r] & SM_U_NAMECH) {
			*type = SIPMSG_HOST_NAME;
			return *p != '.';
		}
	return false;
}

/* 1*DIGIT of at most max at p (leading zeros allowed). The range is
 * checked once at the end: 19 digits cannot overflow the 64-bit sum, and
 * longer runs (leading zeros) take the loop that checks every digit. */
static SM_INLINE bool number(const char *p, const char *end, uint32_t max, uint32_t *out, const char **after)
{
	const char *q = p;
	uint64_t v = 0;
	unsigned d;
	while (q < end && (d = (unsigned)(unsigned char)*q - '0') <= 9) {
		v = v * 10 + d;
		q++;
	}
	if (SM_UNLIKELY(q - p > 19)) {
		for (q = p, v = 0; q < end && (d = (unsigned)(unsigned char)*q - '0') <= 9; q++)
			if ((v = v * 10 + d) > max)
				return false;
	}
	if (q == p || v > max)
		return false;
	*out = (uint32_t)v;
	*after = q;
	return true;
}

/* A port, as sm_port_parse(): 1*DIGIT of at most 65535. */
static SM_INLINE bool port(const char *p, const char *end, uint16_t *out, const char **after)
{
	uint32_t v;
	if (!number(p, end, 65535, &v, after))
		return false;
	*out = (uint16_t)v;
	return true;
}

/* A sip or sips URI without password, escapes, IPv6 reference or headers,
 * into *u (zeroed by the caller) as sm_uri_parse() fills it. */
static SM_INLINE bool uri(struct fx *f, const char *p, const char *end, sipmsg_uri *u, const char **stop)
{
	const char *s;
	if (end - p <= 4)
		return false;
	uint32_t w = ld4(p) | 0x00202020u; /* "sip" in either case, then ':' or 's' */
	if (w == ld4("sip:")) {
		u->scheme = SIPMSG_SCHEME_SIP;
		u->scheme_name = (sipmsg_slice){p, 3};
		s = p + 4;
	} else if ((w | 0x20000000u) == ld4("sips") && p[4] == ':') {
		u->scheme = SIPMSG_SCHEME_SIPS;
		u->scheme_name = (sipmsg_slice){p, 4};
		s = p + 5;
	} else {
		return false;
	}
	/* userinfo: the user characters up to the first '@' */
	const char *q = span(sm_uclass, SM_U_USER, s, end, f->last16), *h = s;
	if (q < end && *q == '@') {
		if (q == s)
			return false;
		u->user = (sipmsg_slice){s, (size_t)(q - s)};
		h = q + 1;
	} else if (q < end && (*q != ':' || memchr(q, '@', (size_t)(end - q)))) {
		return false; /* an escape, a password, an IPv6 reference, ... */
	}
	if (!host(h, end, f->last16, &u->host, &u->host_type, &q))
		return false;
	if (q < end && *q == ':') {
		if (!port(q + 1, end, &u->port, &q))
			return false;
		u->has_port = true;
	}
	if (q < end && *q == ';') {
		size_t max = f->m->opts.max_uri_params;
		if (max > FAST_PARAMS)
			max = FAST_PARAMS;
		sipmsg_param *pr = (sipmsg_param *)(void *)f->cur;
		size_t n = 0;
		do {
			const char *nb = q + 1;
			const char *ne = span(sm_uclass, SM_U_PARAM, nb, end, f->last16);
			if (ne == nb || n >= max)
				return false;
			sipmsg_slice name = {nb, (size_t)(ne - nb)}, value = {NULL, 0};
			q = ne;
			if (q < end && *q == '=') {
				const char *vb = q + 1;
				q = span(sm_uclass, SM_U_PARAM, vb, end, f->last16);
				if (q == vb)
					return false;
				value = (sipmsg_slice){vb, (size_t)(q - vb)};
			}
			pr[n].name = name;
			pr[n].value = value;
			pr[n].quoted = false;
			n++;
			/* the parameters RFC 3261 gives a meaning, the first of each
			 * kept (uri.c, known_uri_param) */
			switch (name.len) {
			case 2:
				if (fold_eq(name.ptr, "lr", 2))
					u->lr = true;
				break;
			case 3:
				if (fold_eq(name.ptr, "ttl", 3)) {
					if (!sm_ttl_valid(value))
						return false; /* uri.c reports it */
					if (!u->ttl.ptr)
						u->ttl = value;
				}
				break;
			case 4:
				if (fold_eq(name.ptr, "user", 4) && !u->user_param.ptr)
					u->user_param = value;
				break;
			case 5:
				if (fold_eq(name.ptr, "maddr", 5))
					return false; /* a host: uri.c judges it */
				break;
			case 6:
				if (fold_eq(name.ptr, "method", 6) && !u->method.ptr)
					u->method = value;
				break;
			case 9:
				if (fold_eq(name.ptr, "transport", 9) && !u->transport.ptr)
					u->transport = value;
				break;
			default:
				break;
			}
		} while (q < end && *q == ';');
		f->cur += n * sizeof *pr;
		u->params = pr;
		u->param_count = n;
	}
	/* where it stopped: the caller checks that the URI ends there */
	u->raw = (sipmsg_slice){p, (size_t)(q - p)};
	*stop = q;
	return true;
}

/* Via: "SIP/2.0/" transport SP host [":" port] *(";" param) */
static SM_INLINE bool via(struct fx *f, const char *p, const char *end, sipmsg_via *v)
{
	if (end - p <= 8 || ld8(p) != ld8("SIP/2.0/"))
		return false;
	const char *q;
	/* the usual transports with their space, from one word */
	uint32_t t = end - p > 12 ? ld4(p + 8) : 0;
	if (t == ld4("UDP ") || t == ld4("TCP ") || t == ld4("TLS ") || t == ld4("WSS ")) {
		q = p + 11;
	} else {
		q = span(sm_ctype, SM_C_TOKEN, p + 8, end, f->last16);
		if (q == p + 8 || q >= end || *q != ' ')
			return false;
	}
	memset(v, 0, sizeof *v);
	v->protocol_name = (sipmsg_slice){p, 3};
	v->protocol_version = (sipmsg_slice){p + 4, 3};
	v->transport = (sipmsg_slice){p + 8, (size_t)(q - p - 8)};
	if (!host(q + 1, end, f->last16, &v->host, &v->host_type, &q))
		return false;
	if (q < end && *q == ':') {
		if (!port(q + 1, end, &v->port, &q))
			return false;
		v->has_port = true;
	}
	if (!params(f, P_VIA, v, &q, end, &v->params, &v->param_count))
		return false;
	return q == end;
}

/* name-addr / addr-spec: an optional display name (a quoted-string without
 * escapes, or tokens), <URI> or a bare URI on the fast URI path, plain
 * parameters. */
static SM_INLINE bool nameaddr(struct fx *f, const char *p, const char *end,
			       sipmsg_nameaddr *na)
{
	const char *q = p;
	/* "*", and the shapes whose rules only the general parser checks */
	if (*p == '*' || sm_na_general_only(f->id))
		return false;
	sm_zero(na, sizeof *na);
	if (*p == '"') {
		q = span(sm_uclass, SM_U_QDTEXT, p + 1, end, f->last16);
		if (q >= end || *q != '"')
			return false;
		na->display = (sipmsg_slice){p + 1, (size_t)(q - p - 1)};
		na->display_quoted = true;
		q = sm_skip_lws(q + 1, end);
		if (q >= end || *q != '<')
			return false;
	} else if (*p != '<') {
		/* display-name tokens before '<', or else the value is an addr-spec */
		const char *r = p, *last = p;
		while (r < end) {
			unsigned char c = (unsigned char)*r;
			if (sm_is(c, SM_C_TOKEN | SM_C_UTF8))
				last = ++r;
			else if (sm_is(c, SM_C_LWS))
				r++;
			else
				break;
		}
		if (r < end && *r == '<' && last > p) {
			na->display = (sipmsg_slice){p, (size_t)(last - p)};
			q = r;
		} else {
			const char *ue = sm_uri_addr_spec_end(p, end);
			/* hdr_nameaddr.c reports a bare URI where a name-addr must be */
			if (sm_na_shape(f->id) != SM_NA_ANY || memchr(p, '?', (size_t)(ue - p)) ||
			    !uri(f, p, ue, &na->uri, &q) || q != ue)
				return false; /* a '?' needs <> (hdr_nameaddr.c reports it) */
			goto params;
		}
	}
	/* <URI>: the URI stops at the first '>' (no URI character is a '>') */
	if (!uri(f, q + 1, end, &na->uri, &q) || q >= end || *q != '>')
		return false;
	na->angle = true;
	q++;
params:
	if (!params(f, P_NAMEADDR, na, &q, end, &na->params, &na->param_count))
		return false;
	return q == end;
}

/* CSeq: number SP method */
static SM_INLINE bool cseq(struct fx *f, const char *p, const char *end, sipmsg_cseq *c)
{
	const char *q;
	if (!number(p, end, UINT32_MAX, &c->number, &q) || q >= end || *q != ' ')
		return false;
	const char *mb = q + 1;
	/* Most often the rest is the request's own method, whose id is known:
	 * then no span, for a request's method is a token (scan.c and edit.c
	 * take no other). */
	const sipmsg_msg *m = f->m;
	size_t len = (size_t)(end - mb);
	if (m->is_request && m->method.len == len && same_bytes(m->method.ptr, mb, len)) {
		c->method = (sipmsg_slice){mb, len};
		c->method_id = m->method_id;
		return true;
	}
	const char *me = span(sm_ctype, SM_C_TOKEN, mb, end, f->last16);
	if (me != end || me == mb)
		return false;
	c->method = (sipmsg_slice){mb, len};
	c->method_id = sipmsg_method_lookup(mb, len);
	return true;
}

/* Call-ID: word [ "@" word ] */
static SM_INLINE bool callid(struct fx *f, const char *p, const char *end)
{
	const char *q = span(sm_ctype, SM_C_WORD, p, end, f->last16);
	if (q == p)
		return false;
	if (q < end && *q == '@') {
		const char *h = q + 1;
		q = span(sm_ctype, SM_C_WORD, h, end, f->last16);
		if (q == h)
			return false;
	}
	return q == end;
}

/* Content-Length, Max-Forwards, Expires, ...: 1*DIGIT within the header's range */
static SM_INLINE bool uint_value(struct fx *f, const char *p, const char *end,
				 sipmsg_number *n)
{
	const char *q;
	memset(n, 0, sizeof *n);
	/* an RSeq out of 1..SM_RSEQ_MAX is left to the general parser to report */
	return number(p, end, sm_number_max(f->id), &n->value, &q) && q == end &&
	       (n->value - 1u < SM_RSEQ_MAX || f->id != SIPMSG_HDR_RSEQ);
}

/* media-type: type "/" subtype *(";" param) */
static SM_INLINE bool mediatype(struct fx *f, const char *p, const char *end,
				sipmsg_mediatype *mt)
{
	const char *q, *s;
	/* application/sdp, the usual SIP body, from two words (letters in
	 * either case, the '/' as it is) */
	if (end - p >= 15 && (ld8(p) | 0x2020202020202020ull) == ld8("applicat") &&
	    (ld8(p + 7) | 0x2020200020202020ull) == ld8("tion/sdp")) {
		s = p + 12;
		q = p + 15;
	} else {
		q = span(sm_ctype, SM_C_TOKEN, p, end, f->last16);
		if (q == p || q >= end || *q != '/')
			return false;
		s = q + 1;
		q = span(sm_ctype, SM_C_TOKEN, s, end, f->last16);
		/* a "*" type ("*" / "*", or an Accept range that is no media
		 * range): the general parser judges it */
		if (q == s || (s - p == 2 && *p == '*'))
			return false;
	}
	memset(mt, 0, sizeof *mt);
	mt->type = (sipmsg_slice){p, (size_t)(s - 1 - p)};
	mt->subtype = (sipmsg_slice){s, (size_t)(q - s)};
	if (!params(f, P_MEDIATYPE, mt, &q, end, &mt->params, &mt->param_count))
		return false;
	return q == end;
}

/* commit() takes whole words: every view and array is a multiple of 8 bytes */
_Static_assert(sizeof(struct sm_vals) % 8 == 0 && sizeof(sipmsg_param) % 8 == 0 && sizeof(sipmsg_via) % 8 == 0 &&
		       sizeof(sipmsg_nameaddr) % 8 == 0 && sizeof(sipmsg_cseq) % 8 == 0 &&
		       sizeof(sipmsg_number) % 8 == 0 && sizeof(sipmsg_mediatype) % 8 == 0,
	       "fast-path views are whole words");

/* The view size and element parser of each kind with a fast path. */
#define HOT(name, type, kind_parse)                                                        \
	static sipmsg_status hot_##name(sipmsg_msg *m, struct sm_hdr *h, uintptr_t last16)  \
	{                                                                                  \
		struct fx f = {.m = m, .last16 = last16, .id = (sipmsg_hdr_id)h->id};        \
		type *view = begin(&f, sizeof(type));                                      \
		if (!view || !kind_parse(&f, h->value, h->value + h->value_len, view))    \
			return SM_FAST_NO;                                                 \
		return commit(&f, h);                                                      \
	}
HOT(via, sipmsg_via, via)
HOT(nameaddr, sipmsg_nameaddr, nameaddr)
HOT(cseq, sipmsg_cseq, cseq)
HOT(number, sipmsg_number, uint_value)
HOT(mediatype, sipmsg_mediatype, mediatype)
#undef HOT

/* Call-ID has nothing but raw: no room to reserve. */
static sipmsg_status hot_callid(sipmsg_msg *m, struct sm_hdr *h, uintptr_t last16)
{
	struct fx f = {.m = m, .last16 = last16};
	if (!callid(&f, h->value, h->value + h->value_len))
		return SM_FAST_NO;
	struct sm_vals *v = sm_alloc(m->arena, sizeof *v + sizeof(sipmsg_callid));
	if (!v)
		return SIPMSG_ENOMEM;
	v->n = 1;
	v->cap = 1;
	v->items = v + 1;
	*(sipmsg_slice *)v->items = (sipmsg_slice){h->value, h->value_len};
	h->view = v;
	h->flags |= SM_H_VIEW_DONE;
	return SIPMSG_OK;
}

const sm_hot_fn sm_hot_fns[SIPMSG_KIND_COUNT] = {
	[SIPMSG_KIND_NAMEADDR] = hot_nameaddr,
	[SIPMSG_KIND_CONTACT] = hot_nameaddr,
	[SIPMSG_KIND_VIA] = hot_via,
	[SIPMSG_KIND_CSEQ] = hot_cseq,
	[SIPMSG_KIND_CALLID] = hot_callid,
	[SIPMSG_KIND_UINT] = hot_number,
	[SIPMSG_KIND_MEDIATYPE] = hot_mediatype,
};

sipmsg_status sm_typed_fast(sipmsg_msg *m, size_t i)
{
	struct sm_hdr *h = &m->hdrs[i];
	sm_hot_fn fn = sm_hot_fns[sm_hdr_rows[h->id].kind];
	if (!fn || !h->value_len)
		return SM_FAST_NO;
	/* a value from the input may be read on to the input's end */
	return fn(m, h, sm_last16(sm_in_input(m, h->value) ? m->base + m->length : h->value + h->value_len));
}
