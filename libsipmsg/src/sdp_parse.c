/* SPDX-License-Identifier: MIT */
/* SDP parse: one pass that splits the lines (a bitmap of the control bytes
 * of each 64-byte block, four SSE2 compares), classifies each line (type
 * letter, attribute id through the generated name index), checks the RFC
 * 8866 line order and groups the lines into the session and media sections.
 * Values are parsed later, on first access (sdp_views.c), except in strict
 * mode where every one is parsed here. */
#include "sdp_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Rank of each line type in the session grammar (v o s i u e p c b t r z k a)
 * and in the media grammar (m i c b k a); 0 where the type is not allowed. */
static const uint8_t session_rank[128] = {
	['v'] = 1, ['o'] = 2, ['s'] = 3, ['i'] = 4, ['u'] = 5, ['e'] = 6, ['p'] = 7,
	['c'] = 8, ['b'] = 9, ['t'] = 10, ['r'] = 11, ['z'] = 12, ['k'] = 13, ['a'] = 14,
};
static const uint8_t media_rank[128] = {
	['m'] = 1, ['i'] = 2, ['c'] = 3, ['b'] = 4, ['k'] = 5, ['a'] = 6,
};
uint8_t sm_sdp_rank(bool media, char type)
{
	unsigned char t = (unsigned char)type;
	return t < 128 ? (media ? media_rank[t] : session_rank[t]) : 0;
}

/* Types that may repeat in a row: session e p b t r a, media c b a. */
static bool repeats(bool media, char t)
{
	return media ? (t == 'c' || t == 'b' || t == 'a')
		     : (t == 'e' || t == 'p' || t == 'b' || t == 't' || t == 'r' || t == 'a');
}

struct sp {
	sipmsg_sdp *sdp;
	const char *p;
	size_t n;
	sipmsg_error *err;
	uint32_t lenient;
	bool mime_part;     /* a multipart part: see sm_sdp_parse_body() */
	size_t max_lines, max_line_len;
	struct sm_sdp_line *lines;
	uint32_t nlines, cap;
	uint32_t nmedia;
	uint32_t m_at[16];  /* line index of the first media sections (the rest: found by a scan) */
	uint8_t rank;       /* rank of the last ordered line */
	uint8_t rank_a;     /* rank of a= in the current grammar */
	bool in_media;
	bool ctl_reported;
	unsigned seen;      /* SM_MISS_* bits of the types seen */
};

static void line_name(const struct sm_sdp_line *l, const char **name, size_t *len)
{
	*name = l ? l->p : NULL;
	*len = !l ? 0 : l->type == 'a' ? 2u + l->name_len : l->type ? 1 : 0;
}

static sipmsg_status fail(struct sp *s, sipmsg_status st, int code, const struct sm_sdp_line *l, const char *at,
			  const char *reason)
{
	const char *hn;
	size_t hl;
	line_name(l, &hn, &hl);
	sm_error_set(s->err, st, code, s->p, s->n, at ? (size_t)(at - s->p) : SM_NOPOS, hn, hl, "%s", reason);
	return st;
}

/* deviate()'s flag for a deviation that is a diagnostic in every mode */
#define SM_ALWAYS_LENIENT 0u

/* A deviation: a diagnostic when `flag` is lenient (or SM_ALWAYS_LENIENT),
 * else the parse fails. */
static sipmsg_status deviate(struct sp *s, unsigned flag, const struct sm_sdp_line *l, const char *at, int code,
			     sipmsg_severity sev, const char *reason)
{
	if (flag != SM_ALWAYS_LENIENT && !(s->lenient & flag))
		return fail(s, SIPMSG_ESYNTAX, code, l, at, reason);
	if (sm_sdp_diag(s->sdp, l, at, code, sev, reason) != SIPMSG_OK)
		return fail(s, SIPMSG_ENOMEM, 0, NULL, NULL, "out of memory");
	return SIPMSG_OK;
}

sipmsg_status sm_sdp_diag(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const char *at, sipmsg_diag_code code,
			  sipmsg_severity sev, const char *msg)
{
	sipmsg_diag *d = sdp->checking ? sm_diag_push(sdp->arena, &sdp->cdiags, &sdp->ncdiags, &sdp->cdiag_cap)
				       : sm_diag_push(sdp->arena, &sdp->diags, &sdp->ndiags, &sdp->diag_cap);
	if (!d)
		return SIPMSG_ENOMEM;
	d->code = code;
	d->severity = sev;
	d->header_index = SM_NOPOS;
	d->offset = SM_NOPOS;
	d->line = 0;
	d->column = 0;
	line_name(l, &d->header.ptr, &d->header.len);
	if (!d->header.len)
		d->header.ptr = NULL;
	if (l && !(l->flags & SM_SL_MODIFIED) && l->lineno) {
		if (!at || at < l->p || at > l->p + l->len)
			at = l->p;
		d->offset = (size_t)(at - sdp->base);
		d->line = l->lineno;
		d->column = (uint32_t)(at - l->p) + 1;
	}
	d->message = msg ? msg : sm_diag_default_message(code);
	return SIPMSG_OK;
}

static sipmsg_status grow_lines(struct sp *s)
{
	uint64_t cap = (uint64_t)s->cap * 2 + 8;
	if (cap > s->max_lines)
		cap = s->max_lines;
	if (cap > UINT32_MAX / 2 || cap <= s->cap)
		return fail(s, SIPMSG_ENOMEM, 0, NULL, NULL, "out of memory");
	struct sm_sdp_line *nl = sm_realloc_last(s->sdp->arena, s->lines, s->cap * sizeof *nl, (size_t)cap * sizeof *nl);
	if (!nl)
		return fail(s, SIPMSG_ENOMEM, 0, NULL, NULL, "out of memory");
	s->lines = nl;
	s->cap = (uint32_t)cap;
	return SIPMSG_OK;
}

/* Bytes of the name of an a= line at p (n bytes left in the line, `end` the
 * end of the input): up to the ':' or the end of the line. One 16-byte
 * compare covers every name in the table. */
static inline size_t attr_name_len(const char *p, size_t n, const char *end)
{
	size_t k = 0;
#if defined(__SSE2__)
	if ((size_t)(end - p) >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
		if (m) {
			k = (size_t)__builtin_ctz(m);
			return k < n ? k : n;
		}
		if (n <= 16)
			return n;
		k = 16;
	}
#else
	(void)end;
#endif
	while (k < n && p[k] != ':')
		k++;
	return k;
}

/* Order and placement of one typed line. */
static sipmsg_status check_order(struct sp *s, struct sm_sdp_line *l)
{
	char t = l->type;
	if (t == 'm') {
		s->in_media = true;
		s->rank = 1;
		s->rank_a = media_rank['a'];
		return SIPMSG_OK;
	}
	uint8_t r = s->in_media ? media_rank[(unsigned char)t] : session_rank[(unsigned char)t];
	if (!r)
		return deviate(s, SIPMSG_LENIENT_SDP_ORDER, l, l->p, SIPMSG_DIAG_SDP_LINE_ORDER,
			       SIPMSG_SEVERITY_WARNING, "this line type is not allowed in a media description");
	bool ok = r > s->rank || (r == s->rank && repeats(s->in_media, t)) ||
		  (!s->in_media && t == 't' && (s->rank == session_rank['r'] || s->rank == session_rank['z']));
	if (!ok)
		return deviate(s, SIPMSG_LENIENT_SDP_ORDER, l, l->p, SIPMSG_DIAG_SDP_LINE_ORDER,
			       SIPMSG_SEVERITY_WARNING, "line out of the RFC 8866 order");
	s->rank = r;
	return SIPMSG_OK;
}

/* An a= line whose name is not in the table must at least be a token. One
 * with no name is an error; one whose name is not a token (Firefox 35 wrote
 * "a=sctp-port 5000") is an attribute not understood, which RFC 8866 §5.13
 * has receivers ignore: a warning, kept as it is (strict mode fails both). */
static sipmsg_status check_attr_name(struct sp *s, struct sm_sdp_line *l)
{
	if (l->name_len == 0)
		return deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, l->p + 2, SIPMSG_DIAG_SDP_BAD_VALUE,
			       SIPMSG_SEVERITY_ERROR, "the attribute has no name");
	for (size_t k = 0; k < l->name_len; k++)
		if (!sm_sdp_token_char((unsigned char)l->p[2 + k]))
			return deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, l->p + 2 + k, SIPMSG_DIAG_SDP_BAD_VALUE,
				       SIPMSG_SEVERITY_WARNING,
				       "the attribute name is not a token: the line is ignored (RFC 8866 §5.13)");
	return SIPMSG_OK;
}

/* Classify a line other than a=, and check what the line grammar needs. */
static sipmsg_status classify_other(struct sp *s, struct sm_sdp_line *l)
{
	const char *p = l->p;
	size_t n = l->len;
	if (SM_LIKELY(n >= 2 && p[1] == '=' && p[0] >= 'a' && p[0] <= 'z')) {
		l->type = p[0];
		switch (l->type) {
		case 'm':
			if (s->nmedia < sizeof s->m_at / sizeof s->m_at[0])
				s->m_at[s->nmedia] = s->nlines - 1;
			s->nmedia++;
			break;
		case 'v':
			s->seen |= SM_MISS_V;
			break;
		case 'o':
			s->seen |= SM_MISS_O;
			break;
		case 's':
			s->seen |= SM_MISS_S;
			/* RFC 8866 §5.3 wants a name, " " for none; RFC 3264's
			 * examples and real tools write "s=": a warning when
			 * lenient, kept as written */
			if (n == 2) {
				sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_MISSING, l, p + 2,
							   SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME, SIPMSG_SEVERITY_WARNING,
							   "the s= line is empty (RFC 8866 §5.3: use \"s= \" or \"s=-\")");
				if (st)
					return st;
			}
			break;
		case 't':
			s->seen |= SM_MISS_T;
			break;
		case 'z':
			/* RFC 8866 §9 puts z= in repeat-description = 1*repeat-field
			 * [zone-field], and §10 makes a z= without r= a syntax error
			 * (RFC 4566 allowed it). Here, off the path of other lines;
			 * a z= after z= or a= is check_order's to report. */
			if (!s->in_media && s->rank < session_rank['r']) {
				sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_ORDER, l, p, SIPMSG_DIAG_SDP_LINE_ORDER,
							   SIPMSG_SEVERITY_WARNING, "z= without a preceding r= (RFC 8866 §9)");
				if (st)
					return st;
			}
			break;
		default:
			if (!session_rank[(unsigned char)l->type])
				return deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, p, SIPMSG_DIAG_SDP_UNKNOWN_TYPE,
					       SIPMSG_SEVERITY_ERROR,
					       "an unknown SDP line type (RFC 8866 §5: reject the description)");
			break;
		}
		return check_order(s, l);
	}
	l->type = 0;
	if (n == 0)
		return deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, p, SIPMSG_DIAG_SDP_EMPTY_LINE,
			       SIPMSG_SEVERITY_WARNING, "an empty line in the SDP");
	return deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, p, SIPMSG_DIAG_SDP_BAD_LINE, SIPMSG_SEVERITY_ERROR,
		       "the line is not <letter>=<value>");
}

/* Store and classify one line [start, end) followed by `eol` line-end bytes.
 * `dirty`: a byte below 0x20 other than the line end may be inside. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline sipmsg_status add_line(struct sp *s, size_t start, size_t end, uint8_t eol, bool dirty)
{
	const char *p = s->p;
	if (SM_UNLIKELY(s->nlines == s->cap)) {
		if (s->nlines >= s->max_lines)
			return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_SDP_LINES, NULL, p + start,
				    "the SDP has more lines than max_sdp_lines");
		sipmsg_status st = grow_lines(s);
		if (st)
			return st;
	}
	const char *lp = p + start;
	size_t ll = end - start;
	struct sm_sdp_line *l = &s->lines[s->nlines++];
	*l = (struct sm_sdp_line){.p = lp, .len = (uint32_t)ll, .lineno = s->nlines, .eol = eol};
	if (SM_UNLIKELY(ll > s->max_line_len))
		return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_LINE_LENGTH, l, lp,
			    "an SDP line is longer than max_line_length");
	sipmsg_status st;
	if (SM_LIKELY(ll >= 2 && lp[0] == 'a' && lp[1] == '=')) {
		/* the common case: a= ends both grammars, so it is never out of order */
		size_t k = attr_name_len(lp + 2, ll - 2, p + s->n);
		l->type = 'a';
		l->name_len = (uint16_t)(k > UINT16_MAX ? UINT16_MAX : k);
		l->attr = (uint8_t)sm_sdp_attr_lookup(lp + 2, k);
		s->rank = s->rank_a;
		if (SM_UNLIKELY(!l->attr) && (st = check_attr_name(s, l)))
			return st;
	} else if ((st = classify_other(s, l))) {
		return st;
	}
	if (SM_UNLIKELY(dirty) && !s->ctl_reported) {
		const char *ctl = NULL;
		for (size_t k = 0; k < ll && !ctl; k++)
			if ((unsigned char)lp[k] < 0x20 && lp[k] != '\t')
				ctl = lp + k;
		if (ctl) {
			st = deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, ctl, SIPMSG_DIAG_SDP_CTL_IN_LINE,
				     SIPMSG_SEVERITY_ERROR, "a control character inside an SDP line");
			if (st)
				return st;
			s->ctl_reported = true;
		}
	}
	/* in a multipart part, the delimiter's CRLF may be the only one: a
	 * warning in any mode (sm_sdp_parse_body()) */
	if (SM_UNLIKELY(eol == 0))
		return deviate(s, s->mime_part ? SM_ALWAYS_LENIENT : SIPMSG_LENIENT_SDP_BAD_LINES, l, lp + ll,
			       SIPMSG_DIAG_SDP_NO_LINE_END, SIPMSG_SEVERITY_WARNING, "the last line has no line end");
	return SIPMSG_OK;
}

/* Mask of the bytes below 0x20 among 64 bytes (bit k for src[k]). */
static inline uint64_t block_low(const char *src)
{
#if defined(__SSE2__)
	const __m128i t = _mm_set1_epi8(0x1f);
	__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)src);
	__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(src + 16));
	__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(src + 32));
	__m128i v3 = _mm_loadu_si128((const __m128i *)(const void *)(src + 48));
	uint64_t m0 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v0, t), v0));
	uint64_t m1 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v1, t), v1));
	uint64_t m2 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v2, t), v2));
	uint64_t m3 = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v3, t), v3));
	return m0 | m1 << 16 | m2 << 32 | m3 << 48;
#else
	uint64_t m = 0;
	for (unsigned k = 0; k < 64; k++)
		m |= (uint64_t)((unsigned char)src[k] < 0x20) << k;
	return m;
#endif
}

/* The block at b; the last, partial one through a zero-padded copy, so that
 * nothing past n is read. */
static inline uint64_t load_block(const char *p, size_t b, size_t n)
{
	if (SM_LIKELY(n - b >= 64))
		return block_low(p + b);
	char tmp[64] = {0};
	memcpy(tmp, p + b, n - b);
	return block_low(tmp) & ((UINT64_C(1) << (n - b)) - 1);
}

/* Split into lines 64 bytes at a time: a mask of the bytes below 0x20, then
 * one step per set bit. CR LF ends a line at the CR (its LF bit is dropped),
 * LF alone ends one too; HTAB is text; any other control byte marks its line
 * for a closer look. */
static sipmsg_status split(struct sp *s)
{
	const char *p = s->p;
	size_t n = s->n, b = 0, start = 0;
	uint64_t m = load_block(p, 0, n);
	bool dirty = false;
	for (;;) {
		while (!m) {
			b += 64;
			if (b >= n)
				return start < n ? add_line(s, start, n, 0, dirty) : SIPMSG_OK;
			m = load_block(p, b, n);
			if (start > b) /* the LF of a CR LF that straddled the blocks */
				m &= ~(uint64_t)1;
		}
		size_t e = b + (size_t)__builtin_ctzll(m);
		m &= m - 1;
		char c = p[e];
		uint8_t eol;
		if (c == '\r' && e + 1 < n && p[e + 1] == '\n') {
			eol = 2;
			if (e + 1 - b < 64)
				m &= ~((uint64_t)1 << (e + 1 - b)); /* its LF */
			/* else the LF opens the next block: dropped when that block loads */
		} else if (SM_LIKELY(c == '\n')) {
			eol = 1;
		} else {
			if (c != '\t')
				dirty = true;
			continue;
		}
		sipmsg_status st = add_line(s, start, e, eol, dirty);
		if (SM_UNLIKELY(st))
			return st;
		dirty = false;
		start = e + eol;
	}
}

/* The mandatory lines the whole description lacks. */
static sipmsg_status check_missing(struct sp *s)
{
	if (s->nlines && s->lines[0].type != 'v' && (s->seen & SM_MISS_V)) {
		sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_MISSING, &s->lines[0], s->lines[0].p,
					   SIPMSG_DIAG_SDP_MISSING_LINE, SIPMSG_SEVERITY_ERROR,
					   "the description does not start with v=");
		if (st)
			return st;
	}
	static const struct {
		unsigned bit;
		const char *msg;
	} need[] = {
		{SM_MISS_V, "the v= line is missing"},
		{SM_MISS_O, "the o= line is missing"},
		{SM_MISS_S, "the s= line is missing"},
		{SM_MISS_T, "the t= line is missing"},
	};
	for (size_t k = 0; k < sizeof need / sizeof need[0]; k++) {
		if ((s->seen & need[k].bit) || (s->sdp->missing & need[k].bit))
			continue;
		/* a missing t= is common (RFC 4145's own examples) and harmless in SIP */
		sipmsg_severity sev = need[k].bit == SM_MISS_T ? SIPMSG_SEVERITY_WARNING : SIPMSG_SEVERITY_ERROR;
		sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_MISSING, NULL, NULL, SIPMSG_DIAG_SDP_MISSING_LINE,
					   sev, need[k].msg);
		if (st)
			return st;
		s->sdp->missing |= (uint8_t)need[k].bit;
	}
	return SIPMSG_OK;
}

/* Point the session and media sections at their runs of lines. */
static sipmsg_status make_sections(struct sp *s)
{
	sipmsg_sdp *sdp = s->sdp;
	uint32_t first_m = s->nlines;
	if (s->nmedia) {
		sipmsg_sdp_section *secs = sm_alloc(sdp->arena, s->nmedia * sizeof *secs);
		sdp->media = sm_alloc(sdp->arena, s->nmedia * sizeof *sdp->media);
		if (!secs || !sdp->media)
			return fail(s, SIPMSG_ENOMEM, 0, NULL, NULL, "out of memory");
		uint32_t known = sizeof s->m_at / sizeof s->m_at[0], i = 0, k;
		for (k = 0; k < s->nmedia; k++) {
			if (k < known)
				i = s->m_at[k];
			else
				for (i++; s->lines[i].type != 'm'; i++) {
				}
			if (k == 0)
				first_m = i;
			else
				secs[k - 1].nlines = i - (uint32_t)(secs[k - 1].lines - s->lines);
			secs[k] = (sipmsg_sdp_section){sdp, &s->lines[i], 0, 0, true, false};
			sdp->media[k] = &secs[k];
		}
		secs[k - 1].nlines = s->nlines - (uint32_t)(secs[k - 1].lines - s->lines);
		sdp->nmedia = sdp->media_cap = s->nmedia;
	}
	sdp->session = (sipmsg_sdp_section){sdp, s->lines, first_m, 0, false, false};
	return SIPMSG_OK;
}

/* Strict mode: parse every value now; a bad one fails the parse. */
static sipmsg_status parse_values(struct sp *s, sipmsg_sdp_section *sec)
{
	for (uint32_t i = 0; i < sec->nlines; i++) {
		struct sm_sdp_line *l = &sec->lines[i];
		unsigned k = sm_sdp_line_kind(l);
		if (!sm_sdp_kinds[k].parse)
			continue;
		const void *v;
		uint32_t before = s->sdp->ndiags;
		sipmsg_status st = sm_sdp_view(sec, i, k, &v);
		if (st == SIPMSG_ENOMEM)
			return fail(s, st, 0, NULL, NULL, "out of memory");
		if (st == SIPMSG_ESYNTAX) {
			const sipmsg_diag *d = before < s->sdp->ndiags ? &s->sdp->diags[s->sdp->ndiags - 1] : NULL;
			return fail(s, SIPMSG_ESYNTAX, d ? (int)d->code : SIPMSG_DIAG_SDP_BAD_VALUE, l,
				    d && d->offset != SM_NOPOS ? s->p + d->offset : l->p,
				    d ? d->message : "the value does not match its grammar");
		}
	}
	return SIPMSG_OK;
}

sipmsg_sdp *sm_sdp_alloc(sipmsg_arena *arena, bool own)
{
	sipmsg_sdp *sdp = sm_zalloc(arena, sizeof *sdp);
	if (!sdp)
		return NULL;
	sdp->arena = arena;
	sdp->own_arena = own;
	sdp->eol = 2;
	sdp->lenient = SIPMSG_LENIENT_SDP_ALL;
	sdp->max_items = SIPMSG_DEFAULT_MAX_LIST_ITEMS;
	sdp->base = "";
	sdp->session.sdp = sdp;
	return sdp;
}

/* Lines are about 38 bytes in WebRTC offers: a first guess that rarely
 * grows, and grows in place when it does (it is the arena's last allocation). */
static uint32_t first_cap(size_t len, size_t max_lines)
{
	size_t c = len / 32 + 8;
	if (c > max_lines)
		c = max_lines;
	return (uint32_t)(c > UINT32_MAX / 4 ? UINT32_MAX / 4 : c);
}

sipmsg_status sipmsg_sdp_parse(const void *data, size_t len, const sipmsg_parse_opts *opts_in, sipmsg_sdp **out,
			       sipmsg_error *err)
{
	return sm_sdp_parse_with(data, len, opts_in, false, out, err);
}

sipmsg_status sm_sdp_parse_with(const void *data, size_t len, const sipmsg_parse_opts *opts_in, bool mime_part,
				sipmsg_sdp **out, sipmsg_error *err)
{
	sipmsg_parse_opts opts;
	if (!opts_in || opts_in->struct_size != sizeof opts)
		sipmsg_parse_opts_init(&opts); /* defaults for fields an older caller does not know */
	if (opts_in) {
		if (opts_in->struct_size < offsetof(sipmsg_parse_opts, arena) + sizeof(void *) ||
		    opts_in->struct_size > sizeof opts) {
			sm_error_set(err, SIPMSG_EINVAL, 0, NULL, 0, SM_NOPOS, NULL, 0,
				     "sipmsg_parse_opts not initialised with sipmsg_parse_opts_init()");
			return SIPMSG_EINVAL;
		}
		memcpy(&opts, opts_in, opts_in->struct_size);
	}
	if (!out || (!data && len)) {
		sm_error_set(err, SIPMSG_EINVAL, 0, NULL, 0, SM_NOPOS, NULL, 0, "NULL output or data");
		return SIPMSG_EINVAL;
	}
	*out = NULL;
	sm_opts_normalize(&opts);
	if (opts.max_sdp_lines > UINT32_MAX / 4)
		opts.max_sdp_lines = UINT32_MAX / 4;
	if (opts.max_line_length > UINT32_MAX)
		opts.max_line_length = UINT32_MAX;

	sipmsg_arena *arena = opts.arena;
	bool own = !arena;
	if (own && !(arena = sipmsg_arena_new(opts.allocator, len < SIZE_MAX / 4 ? 2 * len + 4096 : 0))) {
		sm_error_set(err, SIPMSG_ENOMEM, 0, NULL, 0, SM_NOPOS, NULL, 0, "out of memory");
		return SIPMSG_ENOMEM;
	}
	sipmsg_sdp *sdp = sm_sdp_alloc(arena, own);
	const char *base = data;
	if (sdp && (opts.flags & SIPMSG_PARSE_COPY))
		base = sm_memdup(arena, data, len);
	struct sp s = {
		.sdp = sdp,
		.p = base ? base : "",
		.n = len,
		.err = err,
		.lenient = opts.lenient,
		.mime_part = mime_part,
		.max_lines = opts.max_sdp_lines,
		.max_line_len = opts.max_line_length,
		.rank_a = session_rank['a'],
	};
	s.cap = first_cap(len, opts.max_sdp_lines);
	s.lines = sdp && base ? sm_alloc(arena, (s.cap ? s.cap : 1) * sizeof *s.lines) : NULL;
	if (!s.lines) {
		if (own)
			sipmsg_arena_free(arena);
		sm_error_set(err, SIPMSG_ENOMEM, 0, NULL, 0, SM_NOPOS, NULL, 0, "out of memory");
		return SIPMSG_ENOMEM;
	}
	sdp->base = s.p;
	sdp->length = len;
	sdp->lenient = opts.lenient & SIPMSG_LENIENT_SDP_ALL;
	sdp->max_items = opts.max_list_items;

	sipmsg_status st = SIPMSG_OK;
	if (len == 0)
		st = fail(&s, SIPMSG_ESYNTAX, SIPMSG_DIAG_SDP_MISSING_LINE, NULL, NULL, "the SDP is empty");
	if (!st)
		st = split(&s);
	if (!st)
		st = check_missing(&s);
	if (!st)
		st = make_sections(&s);
	if (!st) {
		sdp->eol = s.lines[0].eol == 1 ? 1 : 2;
		if (!(s.lenient & SIPMSG_LENIENT_SDP_BAD_VALUES)) {
			st = parse_values(&s, &sdp->session);
			for (uint32_t k = 0; !st && k < sdp->nmedia; k++)
				st = parse_values(&s, sdp->media[k]);
		}
	}
	if (st) {
		if (own)
			sipmsg_arena_free(arena);
		return st;
	}
	*out = sdp;
	return SIPMSG_OK;
}

void sipmsg_sdp_free(sipmsg_sdp *sdp)
{
	if (sdp && sdp->own_arena)
		sipmsg_arena_free(sdp->arena);
}
