/* SPDX-License-Identifier: MIT */
/* SDP parse: one pass that splits the lines (vectorised search for control
 * characters), classifies each one (type letter, attribute id through the
 * name index), checks the RFC 8866 line order and groups the lines into the
 * session and media sections. Values are parsed later, on first access
 * (sdp_views.c), except in strict mode where every one is parsed here. */
#include "sdp_internal.h"
#include "sdp_attr_hash.h"

#include <stdarg.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Index of the first byte below 0x20 (line ends, NUL, HTAB ...) at or after i. */
static inline size_t find_low(const char *p, size_t i, size_t n)
{
#if defined(__SSE2__)
	const __m128i c1f = _mm_set1_epi8(0x1f);
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
#endif
	for (; i < n; i++)
		if ((unsigned char)p[i] < 0x20)
			return i;
	return n;
}

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
	size_t max_lines, max_line_len;
	struct sm_sdp_line *lines;
	uint32_t nlines, cap;
	uint32_t nmedia;
	uint8_t rank;       /* rank of the last ordered line */
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

/* A deviation: a diagnostic when `flag` is lenient, else the parse fails. */
static sipmsg_status deviate(struct sp *s, unsigned flag, const struct sm_sdp_line *l, const char *at, int code,
			     sipmsg_severity sev, const char *reason)
{
	if (!(s->lenient & flag))
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
	uint64_t cap = (uint64_t)s->cap * 2;
	if (cap > s->max_lines + 1)
		cap = s->max_lines + 1;
	if (cap > UINT32_MAX / 2 || cap <= s->cap)
		return fail(s, SIPMSG_ENOMEM, 0, NULL, NULL, "out of memory");
	struct sm_sdp_line *nl = sm_realloc_last(s->sdp->arena, s->lines, s->cap * sizeof *nl, (size_t)cap * sizeof *nl);
	if (!nl)
		return fail(s, SIPMSG_ENOMEM, 0, NULL, NULL, "out of memory");
	s->lines = nl;
	s->cap = (uint32_t)cap;
	return SIPMSG_OK;
}

/* The attribute name of an a= line: its length and its id. */
static void classify_attr(struct sm_sdp_line *l)
{
	const char *p = l->p + 2;
	size_t n = l->len - 2, k = 0;
	uint32_t h = SM_HASH_INIT;
	while (k < n && p[k] != ':') {
		h = sm_hash_step(h, (unsigned char)p[k]);
		k++;
	}
	l->name_len = (uint16_t)(k > UINT16_MAX ? UINT16_MAX : k);
	l->attr = (uint8_t)sm_sdp_attr_lookup_hashed(p, k, h);
}

static bool is_token_char(unsigned char c)
{
	/* RFC 8866 token-char: RFC 3261's token plus # $ & ^ { | } */
	return sm_is(c, SM_C_TOKEN) || c == '#' || c == '$' || c == '&' || c == '^' || c == '{' || c == '|' ||
	       c == '}';
}

/* Order and placement of one typed line. */
static sipmsg_status check_order(struct sp *s, struct sm_sdp_line *l)
{
	char t = l->type;
	if (t == 'm') {
		s->in_media = true;
		s->rank = 1;
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

/* Classify one split line and check what the line grammar needs. */
static sipmsg_status classify(struct sp *s, struct sm_sdp_line *l)
{
	const char *p = l->p;
	size_t n = l->len;
	if (SM_LIKELY(n >= 2 && p[1] == '=' && p[0] >= 'a' && p[0] <= 'z')) {
		l->type = p[0];
		switch (l->type) {
		case 'a':
			classify_attr(l);
			if (SM_UNLIKELY(!l->attr)) {
				bool ok = l->name_len > 0;
				for (size_t k = 0; ok && k < l->name_len; k++)
					ok = is_token_char((unsigned char)p[2 + k]);
				if (!ok) {
					sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, p + 2,
								   SIPMSG_DIAG_SDP_BAD_VALUE, SIPMSG_SEVERITY_ERROR,
								   "the attribute name is not a token");
					if (st)
						return st;
				}
			}
			break;
		case 'm':
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
			if (n == 2) {
				sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_MISSING, l, p + 2,
							   SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME, SIPMSG_SEVERITY_ERROR,
							   "the s= line is empty (RFC 8866: use \"s= \" or \"s=-\")");
				if (st)
					return st;
			}
			break;
		case 't':
			s->seen |= SM_MISS_T;
			break;
		default:
			break;
		}
		if (SM_UNLIKELY(!session_rank[(unsigned char)l->type] && l->type != 'm')) {
			return deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, p, SIPMSG_DIAG_SDP_UNKNOWN_TYPE,
				       SIPMSG_SEVERITY_ERROR, "an unknown SDP line type (RFC 8866 §5: reject the description)");
		}
		if (SM_UNLIKELY(s->nlines == 1 && l->type != 'v')) {
			sipmsg_status st = deviate(s, SIPMSG_LENIENT_SDP_MISSING, l, p, SIPMSG_DIAG_SDP_MISSING_LINE,
						   SIPMSG_SEVERITY_ERROR, "the description does not start with v=");
			if (st)
				return st;
			s->sdp->missing |= SM_MISS_V;
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

static sipmsg_status split(struct sp *s)
{
	const char *p = s->p;
	size_t n = s->n, i = 0;
	while (i < n) {
		size_t start = i, j = find_low(p, i, n);
		const char *ctl = NULL;
		/* Stop at LF or CR LF; anything else below 0x20 stays in the line. */
		while (j < n && p[j] != '\n' && !(p[j] == '\r' && j + 1 < n && p[j + 1] == '\n')) {
			if (p[j] != '\t' && !ctl)
				ctl = p + j;
			j = find_low(p, j + 1, n);
		}
		uint8_t eol = j >= n ? 0 : p[j] == '\r' ? 2 : 1;
		i = j + eol;
		if (SM_UNLIKELY(s->nlines == s->cap)) {
			if (s->nlines >= s->max_lines)
				return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_SDP_LINES, NULL, p + start,
					    "the SDP has more lines than max_sdp_lines");
			sipmsg_status st = grow_lines(s);
			if (st)
				return st;
		}
		struct sm_sdp_line *l = &s->lines[s->nlines++];
		l->p = p + start;
		l->view = NULL;
		l->len = (uint32_t)(j - start);
		l->lineno = s->nlines;
		l->name_len = 0;
		l->attr = 0;
		l->eol = eol;
		l->flags = 0;
		l->pad_ = 0;
		if (SM_UNLIKELY(j - start > s->max_line_len))
			return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_LINE_LENGTH, l, p + start,
				    "an SDP line is longer than max_line_length");
		sipmsg_status st = classify(s, l);
		if (st)
			return st;
		if (SM_UNLIKELY(ctl != NULL) && !s->ctl_reported) {
			st = deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, ctl, SIPMSG_DIAG_SDP_CTL_IN_LINE,
				     SIPMSG_SEVERITY_ERROR, "a control character inside an SDP line");
			if (st)
				return st;
			s->ctl_reported = true;
		}
		if (SM_UNLIKELY(eol == 0)) {
			st = deviate(s, SIPMSG_LENIENT_SDP_BAD_LINES, l, p + j, SIPMSG_DIAG_SDP_NO_LINE_END,
				     SIPMSG_SEVERITY_WARNING, "the last line has no line end");
			if (st)
				return st;
		}
	}
	return SIPMSG_OK;
}

/* The mandatory lines the whole description lacks. */
static sipmsg_status check_missing(struct sp *s)
{
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
		uint32_t k = 0;
		for (uint32_t i = 0; i < s->nlines; i++) {
			if (s->lines[i].type != 'm')
				continue;
			if (k == 0)
				first_m = i;
			else
				secs[k - 1].nlines = i - (uint32_t)(secs[k - 1].lines - s->lines);
			secs[k] = (sipmsg_sdp_section){sdp, &s->lines[i], 0, 0, true, false};
			sdp->media[k] = &secs[k];
			k++;
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

/* Lines are about 38 bytes in WebRTC offers; a first guess that rarely grows. */
static uint32_t first_cap(size_t len, size_t max_lines)
{
	size_t c = len / 24 + 8;
	if (c > max_lines + 1)
		c = max_lines + 1;
	return (uint32_t)(c > UINT32_MAX / 4 ? UINT32_MAX / 4 : c);
}

sipmsg_status sipmsg_sdp_parse(const void *data, size_t len, const sipmsg_parse_opts *opts_in, sipmsg_sdp **out,
			       sipmsg_error *err)
{
	sipmsg_parse_opts opts;
	sipmsg_parse_opts_init(&opts);
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
	if (opts.flags & SIPMSG_PARSE_STRICT)
		opts.lenient = 0;
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
		.max_lines = opts.max_sdp_lines,
		.max_line_len = opts.max_line_length,
	};
	s.cap = first_cap(len, opts.max_sdp_lines);
	s.lines = sdp && base ? sm_alloc(arena, s.cap * sizeof *s.lines) : NULL;
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
