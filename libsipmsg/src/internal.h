/* SPDX-License-Identifier: MIT */
/* The message model shared by the scanner, the header API, the editor and the
 * writer. Nothing here is public. */
#ifndef SM_INTERNAL_H
#define SM_INTERNAL_H

#include "sipmsg/sipmsg.h"
#include "arena.h"
#include "lex.h"

#include <string.h>

#if defined(__GNUC__)
#define SM_LIKELY(x) __builtin_expect(!!(x), 1)
#define SM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define SM_INLINE inline __attribute__((always_inline))
#define SM_NOINLINE __attribute__((noinline))
#else
#define SM_LIKELY(x) (x)
#define SM_UNLIKELY(x) (x)
#define SM_INLINE inline
#define SM_NOINLINE
#endif

#define SM_NOPOS ((size_t)-1)

/* SSE2 is part of x86-64; -DSIPMSG_NO_SIMD (meson -Dsimd=false) builds the
 * portable scalar code instead, which the test suite also runs. */
#if defined(__SSE2__) && !defined(SIPMSG_NO_SIMD)
#define SM_SIMD 1
#include <emmintrin.h>
#else
#define SM_SIMD 0
#endif

/* Clear size bytes at p (a multiple of 8) in place. The library's memset
 * strategy (meson.build) calls the C library for clears above ~128 bytes,
 * which costs about twice the 16-byte stores written out here. */
static SM_INLINE void sm_zero(void *p, size_t size)
{
#if SM_SIMD
	__m128i zero = _mm_setzero_si128();
	__asm__("" : "+x"(zero)); /* or gcc turns the stores back into memset */
	size_t i = 0;
#pragma GCC unroll 64
	for (; i + 16 <= size; i += 16)
		_mm_storeu_si128((__m128i *)(void *)((char *)p + i), zero);
	if (i < size)
		_mm_storel_epi64((__m128i *)(void *)((char *)p + i), zero);
#else
	memset(p, 0, size);
#endif
}

#if SM_SIMD
/* The control characters other than HTAB (CR and LF included) and DEL among
 * 16 bytes, as a bit mask. */
static inline unsigned sm_ctl_mask16(__m128i v)
{
	__m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
	stop = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), stop);
	stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
	return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* Index of the first control character other than HTAB (or DEL) in
 * p[0..n), n when there is none. Reads nothing past p + n. */
static inline size_t sm_find_ctl(const char *p, size_t n)
{
	size_t i = 0;
#if SM_SIMD
	for (; n - i >= 16; i += 16) {
		unsigned mask = sm_ctl_mask16(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return i;
	}
	return n;
}

/* One header line. Parsed lines point into the input; edited and added lines
 * point into the arena and have SIPMSG_HEADER_MODIFIED set. The raw bytes of a
 * parsed line (name through its line end, folding included) start at `name`
 * and are `raw_len` long. 48 bytes: the array of these is the hot data. */
struct sm_hdr {
	const char *name;
	const char *value;
	void *view;          /* typed view (kind-specific), NULL until parsed */
	uint32_t name_len;
	uint16_t id;         /* sipmsg_hdr_id */
	uint16_t flags;      /* SIPMSG_HEADER_* and SM_H_* below */
	uint32_t value_len;
	uint32_t raw_len;    /* 0 for edited/added headers */
	uint32_t line;       /* 1-based line in the input, 0 for added */
};

/* Private header flags (above the public ones). */
#define SM_H_VIEW_DONE 0x0100u /* typed parse attempted; view is valid or BAD set */
#define SM_H_AUTO_LENGTH 0x0200u /* the Content-Length: 0 a built message starts with (edit.c) */

struct sipmsg_msg {
	sipmsg_arena *arena;
	bool own_arena;
	bool is_request;
	bool modified;         /* any edit since parse */
	bool start_modified;   /* the start line must be written canonically */
	bool body_modified;
	uint32_t edits;        /* bumped by every header edit: caches of positions compare it */
	const sipmsg_diag *edit_refusal; /* why the last edit was refused by a grammar (edit.c) */
	const char *base;      /* input (or its copy) */
	size_t length;         /* bytes of base that make the message */

	/* start line */
	sipmsg_slice preamble;   /* leading CRLFs (kept for byte-exact output) */
	sipmsg_slice start_raw;  /* the start line with its line end */
	sipmsg_slice method;     /* always a token: hot.c's CSeq fast path relies on it */
	sipmsg_slice ruri;
	sipmsg_slice version;
	sipmsg_slice reason;
	int status;
	sipmsg_method method_id;

	/* headers, in wire order */
	struct sm_hdr *hdrs;
	uint32_t nhdrs, cap;
	/* index+1 of the first header of each id, 0 when absent; rebuilt after edits */
	uint32_t first[SIPMSG_HDR_COUNT_];

	sipmsg_slice separator;  /* the empty line ending the header section (CRLF, LF or empty) */
	sipmsg_slice body;
	sipmsg_slice trailing;   /* ignored bytes after the message */

	/* diagnostics */
	sipmsg_diag *diags;
	uint32_t ndiags, diag_cap;
	/* the line of the last position computed (offset of a byte on it, its
	 * number, its first byte), so that diagnostics added in input order cost
	 * the bytes between them, not the bytes from the start of the input */
	size_t pos_offset, pos_line_start;
	uint32_t pos_line;

	sipmsg_parse_opts opts;  /* the options of the parse (limits for lazy typed parsing) */
	void *ext[4];            /* per-layer caches (typed layer, SDP, multipart): SM_EXT_* */
};

/* Slots of sipmsg_msg::ext. */
#define SM_EXT_SDP 1 /* struct sm_sdp_cache (sdp_msg.c) */

/* Fill err (which may be NULL) for a fault at `offset` of `base`. */
void sm_error_set(sipmsg_error *err, sipmsg_status st, int code, const char *base, size_t len,
		  size_t offset, const char *hname, size_t hname_len, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 9, 10)))
#endif
	;

/* Line and column (1-based) of offset in base[0..len). */
void sm_position(const char *base, size_t len, size_t offset, uint32_t *line, uint32_t *column);

/* Append a diagnostic to msg. `at` is a pointer into the message's input (or
 * NULL when the diagnostic is not about input bytes); `hdr` the header index
 * or SM_NOPOS. `message` must outlive the message (a literal) or be formatted
 * with sm_diag_addf(). Returns SIPMSG_ENOMEM when it cannot be stored. */
sipmsg_status sm_diag_add(sipmsg_msg *m, sipmsg_diag_code code, sipmsg_severity sev, const char *at,
			  size_t hdr, const char *message);
sipmsg_status sm_diag_addf(sipmsg_msg *m, sipmsg_diag_code code, sipmsg_severity sev, const char *at,
			   size_t hdr, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* Append a slot to a growable diagnostic array in arena `a` (the list a
 * message, an SDP or any other object owns); NULL when out of memory. */
sipmsg_diag *sm_diag_push(sipmsg_arena *a, sipmsg_diag **v, uint32_t *n, uint32_t *cap);

/* The default text for a diagnostic code. */
const char *sm_diag_default_message(int code);

/* True when a pointer lies in the message's input bytes. */
static inline bool sm_in_input(const sipmsg_msg *m, const char *p)
{
	return p && m->base && p >= m->base && p < m->base + m->length + 1;
}

/* Header table access (hdr_table.c). */
struct sm_hdr_row {
	const char *name;
	uint8_t name_len;
	char compact;
	uint8_t flags;
	uint8_t kind;
};
extern const struct sm_hdr_row sm_hdr_rows[SIPMSG_HDR_COUNT_];
sipmsg_hdr_id sm_hdr_lookup(const char *name, size_t len);

/* Record a header edit: the message must be written anew, and the typed
 * layer's cursor (views.c) no longer describes the lines. */
static inline void sm_touch(sipmsg_msg *m)
{
	m->modified = true;
	m->edits++;
	m->edit_refusal = NULL;
}

/* Keep m->first right after edits: rebuild it, or adjust it for one header
 * inserted at / removed from `index` (linear-time editing). */
void sm_index_rebuild(sipmsg_msg *m);
void sm_index_inserted(sipmsg_msg *m, uint32_t index);
void sm_index_removed(sipmsg_msg *m, uint32_t index, unsigned id);
/* Make room for one more header. */
sipmsg_status sm_hdrs_reserve(sipmsg_msg *m, uint32_t extra);
/* sipmsg_request_new() with the Request-URI taken as it is (ACK, CANCEL: edit.c) */
sipmsg_status sm_request_new_same_uri(const char *method, size_t mlen, const char *uri, size_t ulen,
				      const sipmsg_allocator *al, sipmsg_msg **out);
/* Decimal number of at most max (fits in uint64); false when not all digits or too large. */
bool sm_parse_uint(const char *p, size_t n, uint64_t max, uint64_t *out);

/* SDP seam for multipart (sdp_msg.c): parse an SDP body that lives in the
 * message's arena (the body, or one part of a multipart body) with the
 * message's options; the SDP lives and dies with the message. The multipart
 * module calls this for a part whose Content-Type is application/sdp, with
 * mime_part set: the line end before a part's delimiter belongs to the
 * delimiter (RFC 2046 §5.1.1), so an SDP part whose sender wrote only that
 * one has no line end of its own on its last line, a warning in any mode. */
sipmsg_status sm_sdp_parse_body(sipmsg_msg *msg, sipmsg_slice body, bool mime_part, sipmsg_sdp **out,
			       sipmsg_error *err);

/* Options (opts.c): the caller's options when complete, else the defaults
 * overlaid with what an older caller set; and normalisation: every limit of
 * 0 becomes its default, strict mode clears the leniencies, sizes are
 * clamped to what the message model holds. */
const sipmsg_parse_opts *sm_opts_effective(const sipmsg_parse_opts *in, sipmsg_parse_opts *merged);
void sm_opts_normalize(sipmsg_parse_opts *o);

/* Typed layer hook: parse the typed view of header i at parse time. Returns
 * SIPMSG_OK, SIPMSG_ESYNTAX (header marked bad, diagnostic added) or ENOMEM. */
sipmsg_status sm_typed_parse_header(sipmsg_msg *m, size_t i);

#define SM_INITIAL_HEADER_SLOTS 32u

/* sm_msg_new() zeroes all but opts; a field added after opts must be zeroed there too */
_Static_assert(offsetof(sipmsg_msg, ext) == offsetof(sipmsg_msg, opts) + sizeof(sipmsg_parse_opts) &&
		       sizeof(sipmsg_msg) == offsetof(sipmsg_msg, ext) + sizeof(void *[4]),
	       "opts and ext end struct sipmsg_msg");
_Static_assert(offsetof(sipmsg_msg, opts) % 8 == 0, "sm_zero() clears whole words");

/* The message skeleton shared by parse and build: a message in `arena`
 * (inline: it is most of the parse's set-up). */
static inline sipmsg_msg *sm_msg_new(sipmsg_arena *arena, bool own_arena, const sipmsg_parse_opts *opts, uint32_t slots)
{
	sipmsg_msg *m = sm_alloc(arena, sizeof *m);
	if (!m)
		return NULL;
	/* zeroed but for the options, which are copied over right after */
	sm_zero(m, offsetof(sipmsg_msg, opts));
	memset(m->ext, 0, sizeof m->ext);
	m->arena = arena;
	m->own_arena = own_arena;
	if (opts)
		m->opts = *opts;
	else
		sipmsg_parse_opts_init(&m->opts);
	if (slots < SM_INITIAL_HEADER_SLOTS)
		slots = SM_INITIAL_HEADER_SLOTS;
	m->hdrs = sm_alloc(arena, slots * sizeof *m->hdrs);
	if (!m->hdrs)
		return NULL;
	m->cap = slots;
	return m;
}

#endif
