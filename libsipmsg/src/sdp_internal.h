/* SPDX-License-Identifier: MIT */
/* The SDP model shared by the SDP parser, the typed views, the editor, the
 * writer and the checks. Nothing here is public. */
#ifndef SM_SDP_INTERNAL_H
#define SM_SDP_INTERNAL_H

#include "internal.h"
#include "sipmsg/sdp.h"
#include "sdp_attr_hash.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* One line. Parsed lines point into the input; added or changed lines point
 * into the arena ("x=value", no line end) and have SM_SL_MODIFIED. 32 bytes:
 * the array of these is what a parse fills. */
struct sm_sdp_line {
	const char *p;     /* the type letter */
	void *view;        /* typed view, NULL until parsed (or when bad) */
	uint32_t len;      /* bytes without the line end */
	uint32_t lineno;   /* 1-based line in the input, 0 when modified */
	uint16_t name_len; /* a=: bytes of the attribute name */
	uint8_t attr;      /* a=: sipmsg_sdp_attr_id */
	char type;         /* the letter, 0 for a line that is not "<letter>=" */
	uint8_t eol;       /* line end that followed: 0 none, 1 LF, 2 CRLF */
	uint8_t flags;     /* SM_SL_* */
	uint16_t pad_;
};

#define SM_SL_MODIFIED 0x01u /* text in the arena; no input position */
#define SM_SL_VIEW_DONE 0x02u /* typed parse attempted; view valid unless BAD */
#define SM_SL_BAD 0x04u       /* the value breaks its grammar */

struct sipmsg_sdp_section {
	sipmsg_sdp *sdp;
	struct sm_sdp_line *lines;
	uint32_t nlines;
	uint32_t cap;     /* 0: lines is a slice of the parse array, copied before it grows */
	bool is_media;
	bool removed;
};

struct sipmsg_sdp {
	sipmsg_arena *arena;
	bool own_arena;
	bool modified;
	uint8_t eol;          /* line end for added lines: 1 LF, 2 CRLF */
	uint8_t missing;      /* SM_MISS_* already reported */
	uint32_t lenient;     /* SIPMSG_LENIENT_SDP_* in effect */
	const char *base;     /* the input (or its copy) */
	size_t length;
	size_t max_items;     /* max_list_items */
	sipmsg_sdp_section session;
	sipmsg_sdp_section **media;
	uint32_t nmedia, media_cap;
	sipmsg_diag *diags;   /* parse and typed views */
	uint32_t ndiags, diag_cap;
	sipmsg_diag *cdiags;  /* the last sipmsg_sdp_check() */
	uint32_t ncdiags, cdiag_cap;
	bool checking;        /* diagnostics go to cdiags */
};

/* The parser proper: sipmsg_sdp_parse(), and for an application/sdp
 * multipart part (mime_part) a last line without a line end of its own is a
 * warning in any mode (see sm_sdp_parse_body()). A flag of its own, not a
 * bit of the caller's leniency word, which the public SIPMSG_LENIENT_ALL
 * fills. */
sipmsg_status sm_sdp_parse_with(const void *data, size_t len, const sipmsg_parse_opts *opts, bool mime_part,
				sipmsg_sdp **out, sipmsg_error *err);

#define SM_MISS_V 0x01u
#define SM_MISS_O 0x02u
#define SM_MISS_S 0x04u
#define SM_MISS_T 0x08u

/* ---- typed views: one row per grammar ("kind") ---- */

enum sm_sdp_kind {
	SM_K_NONE = 0,
	SM_K_VERSION, SM_K_ORIGIN, SM_K_CONNECTION, SM_K_BANDWIDTH, SM_K_TIMING, SM_K_REPEAT,
	SM_K_ZONE, SM_K_MEDIA,
	SM_K_flag, SM_K_text, SM_K_token, SM_K_number, SM_K_uint, SM_K_tokens, SM_K_commalist,
	SM_K_rtpmap, SM_K_fmtp, SM_K_rtcp, SM_K_rtcp_fb, SM_K_candidate, SM_K_fingerprint,
	SM_K_setup, SM_K_group, SM_K_msid, SM_K_ssrc, SM_K_ssrc_group, SM_K_extmap, SM_K_rid,
	SM_K_simulcast, SM_K_crypto, SM_K_sctpmap, SM_K_imageattr, SM_K_silencesupp, SM_K_source_filter,
	SM_K_COUNT
};

/* What a value parser gets and how it reports the first fault. */
struct sm_pctx {
	sipmsg_arena *a;
	size_t max_items;
	const char *fault_at;     /* where in the value */
	const char *fault_msg;    /* a literal */
	int fault_code;           /* sipmsg_diag_code */
	sipmsg_severity fault_sev;
	bool strict;              /* no SIPMSG_LENIENT_SDP_BAD_VALUES: what is a warning otherwise may be an error */
};

/* Parse v[0..n) into view (zeroed, kind-sized). SM_PARSE_OK (a warning may
 * be set in x), SM_PARSE_BAD (x says why) or SM_PARSE_NOMEM. */
enum { SM_PARSE_OK = 0, SM_PARSE_BAD = 1, SM_PARSE_NOMEM = 2 };
typedef int (*sm_sdp_parse_fn)(struct sm_pctx *x, const char *v, size_t n, void *view);

/* Output with snprintf semantics: writes what fits, counts everything. */
struct sm_out {
	char *buf;
	size_t size;
	size_t len;
};
typedef void (*sm_sdp_write_fn)(struct sm_out *o, const void *view);

struct sm_sdp_kind_row {
	sm_sdp_parse_fn parse;
	sm_sdp_write_fn write;
	uint16_t view_size;
	bool fields_sp; /* a=: SP-separated fields from the first byte (sm_sdp_view judges a space first) */
};
extern const struct sm_sdp_kind_row sm_sdp_kinds[SM_K_COUNT];

/* The attribute table (sdp_attr_table.c). `key` is the name zero-padded, so
 * that a name compares with a few 8-byte loads. */
struct sm_sdp_attr_row {
	char key[SM_SDP_ATTR_KEY];
	const char *name;
	uint8_t name_len;
	uint8_t scope;
	uint8_t kind;
};
extern const struct sm_sdp_attr_row sm_sdp_attrs[SIPMSG_SDP_ATTR_COUNT_];
/* The generated open-addressing index: attribute id per slot, 0 when empty
 * (fewer than half the slots are used, so a probe always ends). */
extern const uint8_t sm_sdp_attr_slot_ids[SM_SDP_ATTR_SLOTS];

/* p[0..len) equals the padded key (len < SM_SDP_ATTR_KEY); reads only
 * inside both. */
static inline bool sm_sdp_key_eq(const char *p, const char *key, size_t len)
{
	uint64_t a, b;
	if (len >= 8) {
		memcpy(&a, p, 8);
		memcpy(&b, key, 8);
		if (a != b)
			return false;
		if (len > 16) {
			memcpy(&a, p + 8, 8);
			memcpy(&b, key + 8, 8);
			if (a != b)
				return false;
		}
		memcpy(&a, p + len - 8, 8);
		memcpy(&b, key + len - 8, 8);
		return a == b;
	}
	if (len >= 4) {
		uint32_t c, d;
		memcpy(&c, p, 4);
		memcpy(&d, key, 4);
		if (c != d)
			return false;
		memcpy(&c, p + len - 4, 4);
		memcpy(&d, key + len - 4, 4);
		return c == d;
	}
	for (size_t i = 0; i < len; i++)
		if (p[i] != key[i])
			return false;
	return true;
}

/* Case-insensitive fallback for names written in another case. */
bool sm_sdp_name_eq_nocase(const char *p, const char *name, size_t n);

/* The id of an attribute name; SIPMSG_SDP_ATTR_OTHER when unknown. Inlined
 * into the parser's loop. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline sipmsg_sdp_attr_id sm_sdp_attr_lookup(const char *p, size_t len)
{
	if (!len || len >= SM_SDP_ATTR_KEY)
		return SIPMSG_SDP_ATTR_OTHER;
	unsigned s = sm_sdp_attr_slot(p, len);
	for (;;) {
		unsigned id = sm_sdp_attr_slot_ids[s];
		if (!id)
			return SIPMSG_SDP_ATTR_OTHER;
		const struct sm_sdp_attr_row *r = &sm_sdp_attrs[id];
		if (r->name_len == len && (sm_sdp_key_eq(p, r->key, len) || sm_sdp_name_eq_nocase(p, r->name, len)))
			return (sipmsg_sdp_attr_id)id;
		s = (s + 1) & (SM_SDP_ATTR_SLOTS - 1);
	}
}

/* The kind of a line: by letter, or by attribute. */
unsigned sm_sdp_line_kind(const struct sm_sdp_line *l);

/* The value of a line: after "x=", for a= after "name:" (NULL when no ':'). */
static inline const char *sm_sdp_value(const struct sm_sdp_line *l, size_t *n)
{
	if (l->type == 'a') {
		size_t at = 2u + l->name_len;
		if (at >= l->len || l->p[at] != ':') {
			*n = 0;
			return NULL;
		}
		*n = l->len - at - 1;
		return l->p + at + 1;
	}
	if (l->len < 2) {
		*n = 0;
		return l->p + l->len;
	}
	*n = l->len - 2;
	return l->p + 2;
}

/* The typed view of line i, parsed and cached on first use. Returns the
 * status a getter returns; *view set on SIPMSG_OK. */
sipmsg_status sm_sdp_view(const sipmsg_sdp_section *s, size_t i, unsigned kind, const void **view);

/* ---- diagnostics ---- */
sipmsg_status sm_sdp_diag(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const char *at, sipmsg_diag_code code,
			  sipmsg_severity sev, const char *msg);

/* ---- output helpers ---- */
static inline void sm_out_put(struct sm_out *o, const char *p, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len;
		memcpy(o->buf + o->len, p, n < room ? n : room);
	}
	o->len += n;
}
static inline void sm_out_ch(struct sm_out *o, char c)
{
	if (o->len < o->size)
		o->buf[o->len] = c;
	o->len++;
}
static inline void sm_out_slice(struct sm_out *o, sipmsg_slice s)
{
	if (s.len)
		sm_out_put(o, s.ptr, s.len);
}
void sm_out_u64(struct sm_out *o, uint64_t v);
void sm_out_i64(struct sm_out *o, int64_t v);
/* Finish: NUL-terminate within size, return the needed length. */
size_t sm_out_finish(struct sm_out *o);

/* ---- value scanning helpers for the parsers ---- */
struct sm_cur {
	const char *p;
	size_t n, i;
};

static inline bool sm_cur_end(const struct sm_cur *c) { return c->i >= c->n; }
/* Cursor helpers work on locals: a char load may alias the cursor itself,
 * which would make the compiler reload it for every byte. */
static inline void sm_cur_sp(struct sm_cur *c)
{
	size_t i = c->i, n = c->n;
	const char *p = c->p;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	c->i = i;
}
/* The bytes up to the next SP/HTAB (or the end). Any byte up to 0x20 ends a
 * word: inside a line only HTAB can be one (the parse reports the others). */
static inline sipmsg_slice sm_cur_word(struct sm_cur *c)
{
	size_t s = c->i, i = c->i, n = c->n;
	const char *p = c->p;
#if defined(__SSE2__)
	const __m128i sp = _mm_set1_epi8(' ');
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, sp), v));
		if (m) {
			c->i = i + (size_t)__builtin_ctz(m);
			return (sipmsg_slice){p + s, c->i - s};
		}
		i += 16;
	}
#endif
	while (i < n && (unsigned char)p[i] > ' ')
		i++;
	c->i = i;
	return (sipmsg_slice){p + s, i - s};
}
/* The bytes up to `stop`, SP/HTAB or the end. */
static inline sipmsg_slice sm_cur_until(struct sm_cur *c, char stop)
{
	size_t s = c->i, i = c->i, n = c->n;
	const char *p = c->p;
	while (i < n && p[i] != stop && p[i] != ' ' && p[i] != '\t')
		i++;
	c->i = i;
	return (sipmsg_slice){p + s, i - s};
}
static inline bool sm_cur_eat(struct sm_cur *c, char ch)
{
	if (c->i < c->n && c->p[c->i] == ch) {
		c->i++;
		return true;
	}
	return false;
}
/* 1*DIGIT, saturating at UINT64_MAX; false when there is no digit. Up to 19
 * digits always fit, so only longer numbers pay for the overflow test. */
static inline bool sm_cur_u64(struct sm_cur *c, uint64_t *out)
{
	size_t s = c->i, i = c->i, n = c->n, fits = n - i < 19 ? n : i + 19;
	const char *p = c->p;
	uint64_t v = 0;
	unsigned d;
	while (i < fits && (d = (unsigned)(p[i] - '0')) < 10u) {
		v = v * 10 + d;
		i++;
	}
	while (i < n && (d = (unsigned)(p[i] - '0')) < 10u) {
		v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
		i++;
	}
	c->i = i;
	*out = v;
	return i > s;
}
/* A whole slice as a decimal number no larger than max. */
static inline bool sm_slice_uint(sipmsg_slice s, uint64_t max, uint64_t *out)
{
	struct sm_cur c = {s.ptr, s.len, 0};
	uint64_t v;
	if (!s.len || !sm_cur_u64(&c, &v) || c.i != s.len || v > max || (v == UINT64_MAX && max == UINT64_MAX))
		return false;
	*out = v;
	return true;
}

/* RFC 8866 token-char: RFC 3261's token plus # $ & ^ { | } */
static inline bool sm_sdp_token_char(unsigned char c)
{
	return sm_is(c, SM_C_TOKEN) || c == '#' || c == '$' || c == '&' || c == '^' || c == '{' || c == '|' ||
	       c == '}';
}
/* The first byte of s that is not a token-char, NULL when s is a token
 * (or empty: callers test the length themselves). */
static inline const char *sm_sdp_token_bad(sipmsg_slice s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!sm_sdp_token_char((unsigned char)s.ptr[i]))
			return s.ptr + i;
	return NULL;
}

/* Record the first fault; returns SM_PARSE_BAD for errors, SM_PARSE_OK for warnings. */
int sm_fault(struct sm_pctx *x, const char *at, sipmsg_severity sev, const char *msg);
/* Allocate a zeroed array of n items of size sz (NULL ptr for n == 0 is fine). */
void *sm_sdp_array(struct sm_pctx *x, size_t n, size_t sz, bool *nomem);
/* Count the items of p[0..n) separated by sep (and SP when sep is ' '). */
size_t sm_count_items(const char *p, size_t n, char sep);
/* RFC 8866 §9, and the attribute grammars written like it, separate fields
 * with exactly one SP. `gap` is the separator before the field at `next`:
 * more spaces or an HTAB still separate, with a warning, and in strict mode
 * an error (false), at the first byte past the one SP. */
bool sm_sdp_one_space(struct sm_pctx *x, const char *gap, const char *next);
/* Skip the separator before the next field of a value and hold it to
 * sm_sdp_one_space(); false only in strict mode on a bad separator. No
 * separator, or only spaces up to the end, is the caller's to judge. */
static inline bool sm_sdp_sep(struct sm_pctx *x, struct sm_cur *c)
{
	size_t gap = c->i;
	sm_cur_sp(c);
	if (c->i == gap || sm_cur_end(c) || SM_LIKELY(c->i == gap + 1 && c->p[gap] == ' '))
		return true;
	return sm_sdp_one_space(x, c->p + gap, c->p + c->i);
}
/* Trim SP/HTAB on both sides. */
sipmsg_slice sm_trim(const char *p, size_t n);
/* The next item of a "a=b;c;d=e" list at the cursor as a param (trimmed,
 * empty items skipped; value NULL without '='); false at the end. Inline so
 * that sm_split_params (every fmtp) pays no call per parameter. */
static inline bool sm_next_param(struct sm_cur *c, char sep, sipmsg_sdp_param *out)
{
	const char *p = c->p;
	size_t i = c->i, n = c->n;
	while (i < n) {
		size_t s = i;
		while (i < n && p[i] != sep)
			i++;
		sipmsg_slice item = sm_trim(p + s, i - s);
		i++; /* the separator */
		if (!item.len)
			continue;
		c->i = i;
		const char *eq = memchr(item.ptr, '=', item.len);
		if (!eq) {
			*out = (sipmsg_sdp_param){item, {NULL, 0}};
			return true;
		}
		out->name = sm_trim(item.ptr, (size_t)(eq - item.ptr));
		out->value = sm_trim(eq + 1, item.len - (size_t)(eq - item.ptr) - 1);
		return true;
	}
	c->i = i;
	return false;
}
/* Split "a=b;c;d=e" into params (trimmed, empty items skipped). */
int sm_split_params(struct sm_pctx *x, const char *p, size_t n, char sep, const sipmsg_sdp_param **out,
		    size_t *count);

/* ---- the per-kind parse/write functions (sdp_lines.c, sdp_attr_*.c) ---- */
#define SM_KIND_DECL(k) \
	int sm_sdp_parse_##k(struct sm_pctx *x, const char *v, size_t n, void *view); \
	void sm_sdp_write_##k(struct sm_out *o, const void *view);
SM_KIND_DECL(version)
SM_KIND_DECL(origin)
SM_KIND_DECL(connection)
SM_KIND_DECL(bandwidth)
SM_KIND_DECL(timing)
SM_KIND_DECL(repeat)
SM_KIND_DECL(zone)
SM_KIND_DECL(media)
SM_KIND_DECL(token)
SM_KIND_DECL(number)
SM_KIND_DECL(uint)
SM_KIND_DECL(tokens)
SM_KIND_DECL(commalist)
SM_KIND_DECL(rtpmap)
SM_KIND_DECL(fmtp)
SM_KIND_DECL(rtcp)
SM_KIND_DECL(rtcp_fb)
SM_KIND_DECL(candidate)
SM_KIND_DECL(fingerprint)
SM_KIND_DECL(setup)
SM_KIND_DECL(group)
SM_KIND_DECL(msid)
SM_KIND_DECL(ssrc)
SM_KIND_DECL(ssrc_group)
SM_KIND_DECL(extmap)
SM_KIND_DECL(rid)
SM_KIND_DECL(simulcast)
SM_KIND_DECL(crypto)
SM_KIND_DECL(sctpmap)
SM_KIND_DECL(imageattr)
SM_KIND_DECL(silencesupp)
SM_KIND_DECL(source_filter)
#undef SM_KIND_DECL

/* A rid's pt= list as written (the last pt= counts, as in the parse) and its
 * next value, so that a check finds each payload type where it stands. */
sipmsg_slice sm_sdp_rid_pt_list(const sipmsg_sdp_rid *r);
sipmsg_slice sm_sdp_rid_pt_next(struct sm_cur *pc);

/* Views of the simple kinds. */
struct sm_num_view {
	double value;
};
struct sm_uint_view {
	uint64_t value;
};

/* Rank of a line type in the session or media grammar (RFC 8866 order);
 * 0 when the type is not allowed there. */
uint8_t sm_sdp_rank(bool media, char type);

/* ---- editing (sdp_edit.c) ---- */
/* Make room for `extra` more lines in a section (copies a shared slice). */
sipmsg_status sm_sdp_reserve(sipmsg_sdp_section *s, uint32_t extra);
/* A new empty SDP in `arena`. */
sipmsg_sdp *sm_sdp_alloc(sipmsg_arena *arena, bool own);


#endif
