/* SPDX-License-Identifier: MIT */
/* Layer 1: one pass over the bytes of a message. Finds the start line, every
 * header line (with folding), each name's id, the empty line and the body.
 * Nothing is copied; every fragment is a slice of the input. */
#include "internal.h"
#include "hdr_lookup.h"
#include "typed.h"    /* the Content-Length view */


struct scan {
	sipmsg_msg *m;
	const char *p;    /* input */
	size_t n;         /* input length */
	size_t lim;       /* bytes that may belong to the message: min(n, max_message_size) */
	uint32_t line;    /* line of the byte being read, 1-based */
	unsigned lenient; /* SIPMSG_LENIENT_* in force */
	bool stream;
	bool lenient_typed; /* false in strict mode: every known header is parsed now */
	bool must_later;    /* must-be-valid ids that are not hot: checked after the lines */
	bool bare_lf_reported;
	bool lone_cr_reported;
	bool ctl_reported;     /* a control character was reported for line ctl_hdr */
	size_t ctl_hdr;        /* header index (SM_NOPOS: the start line) */
	/* quoted_pair_ctl(): how far header qp_hdr was read for quotes */
	size_t qp_hdr, qp_pos;
	bool qp_in_quotes;
	sipmsg_error *err;
};

#if SM_SIMD
/* The control characters, HTAB included, and DEL among 16 bytes: two
 * operations fewer than sm_ctl_mask16(). For plain_lines(), which leaves
 * a line with an HTAB to the general path. */
static inline unsigned ctl_or_tab_mask16(__m128i v)
{
	__m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
	stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)));
	return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* Index of the first byte at or after i that is a control character other
 * than HTAB (CR and LF included), an HTAB when `tab` is set, or a ':' when
 * `colon` is; n when there is none. Lines are long and clean, so this runs
 * 16 bytes at a time where SSE2 is there; with constant flags the compiler
 * drops the unused tests. */
static inline size_t find_stop(const char *p, size_t i, size_t n, bool colon, bool tab)
{
#if SM_SIMD
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned mask = tab ? ctl_or_tab_mask16(v) : sm_ctl_mask16(v);
		if (colon)
			mask |= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c < 0x20 && (tab || c != '\t')) || c == 0x7f || (colon && c == ':'))
			return i;
	}
	return n;
}

static inline size_t find_ctl(const char *p, size_t i, size_t n) { return find_stop(p, i, n, false, false); }

/* find_ctl(), but HTAB stops it too: for plain_lines(). */
static inline size_t find_ctl_or_tab(const char *p, size_t i, size_t n)
{
#if SM_SIMD
	/* the last block start computed once: one compare per step */
	for (const size_t last = n - 16; n >= 16 && i <= last; i += 16) {
		unsigned mask = ctl_or_tab_mask16(_mm_loadu_si128((const __m128i *)(const void *)(p + i)));
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7f)
			return i;
	}
	return n;
}

static sipmsg_status fail(struct scan *s, sipmsg_status st, int code, size_t at, const char *hname,
			  size_t hlen, const char *reason)
{
	sm_error_set(s->err, st, code, s->p, s->n, at, hname, hlen, "%s", reason);
	return st;
}

/* A lenient deviation: a diagnostic when the flag allows it, else a failure. */
static sipmsg_status deviate(struct scan *s, unsigned flag, int code, sipmsg_severity sev, size_t at,
			     size_t hdr, const char *hname, size_t hlen, const char *reason)
{
	if (!(s->lenient & flag))
		return fail(s, SIPMSG_ESYNTAX, code, at, hname, hlen, reason);
	if (sm_diag_add(s->m, code, sev, s->p + at, hdr, reason) != SIPMSG_OK)
		return fail(s, SIPMSG_ENOMEM, 0, at, NULL, 0, "out of memory");
	/* a line is read before its header is recorded (hdr is then the index
	 * it will get), so the name comes from here, as the strict error has it */
	if (hdr != SM_NOPOS && hname)
		s->m->diags[s->m->ndiags - 1].header = (sipmsg_slice){hname, hlen};
	return SIPMSG_OK;
}

/* Is the control character at i the byte a backslash escapes inside a
 * quoted string of the header line starting at b? RFC 3261's quoted-pair
 * is "\" (%x00-09 / %x0B-0C / %x0E-7F), so that one is no fault (RFC 4475
 * §3.1.1.2). Only reached when a control character is found; what was read
 * of the header is kept, so a line of many stays linear. */
static bool quoted_pair_ctl(struct scan *s, size_t b, size_t hdr, size_t i)
{
	if (s->qp_hdr != hdr) { /* line_end() reads each header's lines in order */
		s->qp_hdr = hdr;
		s->qp_pos = b;
		s->qp_in_quotes = false;
	}
	const char *p = s->p;
	size_t k = s->qp_pos;
	bool in = s->qp_in_quotes;
	while (k < i) {
		if (in && p[k] == '\\') {
			k += 2; /* the escaped byte, whatever it is */
			continue;
		}
		if (p[k] == '"')
			in = !in;
		k++;
	}
	s->qp_pos = k;
	s->qp_in_quotes = in;
	return k == i + 1;
}

/* The end of the line that starts at or before i: *lf is the index of its LF
 * (or lim when the input ends first), *end the end of its content (before CR
 * LF or LF). Reports bare LF, lone CR and control characters. */
static SM_INLINE sipmsg_status line_end(struct scan *s, size_t i, size_t hdr, const char *hname, size_t hlen,
			      size_t *end, size_t *lf)
{
	for (;;) {
		i = find_ctl(s->p, i, s->lim);
		if (i >= s->lim) {
			*end = *lf = s->lim;
			return SIPMSG_OK;
		}
		unsigned char c = (unsigned char)s->p[i];
		if (SM_LIKELY(c == '\r')) {
			if (SM_LIKELY(i + 1 < s->lim && s->p[i + 1] == '\n')) {
				*end = i;
				*lf = i + 1;
				return SIPMSG_OK;
			}
			if (i + 1 >= s->lim) {
				/* the input ends after CR: the line is complete for our
				 * purposes; or max_message_size does, and the caller
				 * reports that (lim < n) */
				*end = i;
				*lf = s->lim;
				return SIPMSG_OK;
			}
			if (!s->lone_cr_reported || !(s->lenient & SIPMSG_LENIENT_CTL_IN_VALUES)) {
				sipmsg_status st = deviate(s, SIPMSG_LENIENT_CTL_IN_VALUES, SIPMSG_DIAG_LONE_CR,
							   SIPMSG_SEVERITY_ERROR, i, hdr, hname, hlen,
							   "a CR not followed by LF");
				if (st)
					return st;
				s->lone_cr_reported = true;
			}
			i++;
			continue;
		}
		if (c == '\n') {
			if (!s->bare_lf_reported || !(s->lenient & SIPMSG_LENIENT_BARE_LF)) {
				sipmsg_status st = deviate(s, SIPMSG_LENIENT_BARE_LF, SIPMSG_DIAG_BARE_LF,
							   SIPMSG_SEVERITY_WARNING, i, hdr, hname, hlen,
							   "line ends in LF without CR");
				if (st)
					return st;
				s->bare_lf_reported = true;
			}
			*end = *lf = i;
			return SIPMSG_OK;
		}
		if (hname && quoted_pair_ctl(s, (size_t)(hname - s->p), hdr, i)) {
			i++;
			continue;
		}
		/* one diagnostic per line (folding included), not one per byte: a
		 * value of control characters must not cost a record per byte */
		if (!s->ctl_reported || s->ctl_hdr != hdr || !(s->lenient & SIPMSG_LENIENT_CTL_IN_VALUES)) {
			sipmsg_status st = deviate(s, SIPMSG_LENIENT_CTL_IN_VALUES, SIPMSG_DIAG_CTL_IN_VALUE,
						   SIPMSG_SEVERITY_ERROR, i, hdr, hname, hlen,
						   "control character in the line");
			if (st)
				return st;
			s->ctl_reported = true;
			s->ctl_hdr = hdr;
		}
		i++;
	}
}

static bool is_version(const char *p, size_t n)
{
	if (n < 7 || sm_lower((unsigned char)p[0]) != 's' || sm_lower((unsigned char)p[1]) != 'i' ||
	    sm_lower((unsigned char)p[2]) != 'p' || p[3] != '/')
		return false;
	size_t i = 4, d = 0;
	while (i < n && sm_is((unsigned char)p[i], SM_C_DIGIT))
		i++, d++;
	if (!d || i >= n || p[i] != '.')
		return false;
	i++;
	d = 0;
	while (i < n && sm_is((unsigned char)p[i], SM_C_DIGIT))
		i++, d++;
	return d && i == n;
}

static sipmsg_status check_version(struct scan *s, size_t at, size_t len)
{
	const char *v = s->p + at;
	if (!is_version(v, len))
		return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_VERSION, at, NULL, 0,
			    "the SIP-Version is not SIP/<digits>.<digits>");
	if (len != 7 || memcmp(v + 3, "/2.0", 4) != 0) {
		if (sm_diag_addf(s->m, SIPMSG_DIAG_UNSUPPORTED_VERSION, SIPMSG_SEVERITY_ERROR, v, SM_NOPOS,
				 "unsupported version %.*s (505 Version Not Supported)", (int)(len > 32 ? 32 : len),
				 v) != SIPMSG_OK)
			return fail(s, SIPMSG_ENOMEM, 0, at, NULL, 0, "out of memory");
	}
	return SIPMSG_OK;
}

static sipmsg_status status_line(struct scan *s, size_t b, size_t e)
{
	sipmsg_msg *m = s->m;
	const char *p = s->p;
	size_t i = b;
	while (i < e && p[i] != ' ')
		i++;
	sipmsg_status st = check_version(s, b, i - b);
	if (st)
		return st;
	m->version = (sipmsg_slice){p + b, i - b};
	if (i >= e)
		return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_STATUS_CODE, i, NULL, 0, "missing status code");
	i++;
	while (i < e && p[i] == ' ') {
		if ((st = deviate(s, SIPMSG_LENIENT_START_LINE_SPACES, SIPMSG_DIAG_START_LINE_SPACES,
				  SIPMSG_SEVERITY_WARNING, i, SM_NOPOS, NULL, 0, "extra space before the status code")))
			return st;
		i++;
	}
	size_t c = i;
	while (i < e && sm_is((unsigned char)p[i], SM_C_DIGIT))
		i++;
	if (i - c != 3 || (i < e && p[i] != ' '))
		return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_STATUS_CODE, c, NULL, 0,
			    "the status code is not three digits");
	m->status = (p[c] - '0') * 100 + (p[c + 1] - '0') * 10 + (p[c + 2] - '0');
	if (i >= e) {
		/* "SIP/2.0 200" with neither SP nor reason */
		if ((st = deviate(s, SIPMSG_LENIENT_START_LINE_SPACES, SIPMSG_DIAG_START_LINE_SPACES,
				  SIPMSG_SEVERITY_WARNING, i, SM_NOPOS, NULL, 0,
				  "no space after the status code")))
			return st;
		m->reason = (sipmsg_slice){p + i, 0};
	} else {
		m->reason = (sipmsg_slice){p + i + 1, e - i - 1};
	}
	m->is_request = false;
	return SIPMSG_OK;
}

/* The request line as nearly every request has it: method SP URI SP
 * "SIP/2.0", single spaces, no space in the URI. False (nothing changed)
 * for anything else, which request_line() reads and reports. */
static SM_INLINE bool plain_request_line(struct scan *s, size_t b, size_t e)
{
	const char *p = s->p;
	if (e - b < 12 || memcmp(p + e - 8, " SIP/2.0", 8) != 0)
		return false;
	size_t i = b;
	while (sm_is((unsigned char)p[i], SM_C_TOKEN)) /* stops at the space before the version at the latest */
		i++;
	size_t ub = i + 1, ue = e - 8;
	if (i == b || p[i] != ' ' || ub >= ue || p[ub] == ' ' || memchr(p + ub, ' ', ue - ub))
		return false;
	sipmsg_msg *m = s->m;
	m->method = (sipmsg_slice){p + b, i - b};
	m->method_id = sipmsg_method_lookup(p + b, i - b);
	m->ruri = (sipmsg_slice){p + ub, ue - ub};
	m->version = (sipmsg_slice){p + e - 7, 7};
	m->is_request = true;
	return true;
}

static sipmsg_status request_line(struct scan *s, size_t b, size_t e)
{
	if (plain_request_line(s, b, e))
		return SIPMSG_OK;
	sipmsg_msg *m = s->m;
	const char *p = s->p;
	sipmsg_status st;
	size_t i = b;
	while (i < e && sm_is((unsigned char)p[i], SM_C_TOKEN))
		i++;
	if (i == b || i >= e || p[i] != ' ')
		return fail(s, SIPMSG_ESYNTAX, i == b ? SIPMSG_DIAG_BAD_START_LINE : SIPMSG_DIAG_BAD_METHOD, i,
			    NULL, 0,
			    i == b ? "the start line does not begin with a method or SIP-Version"
				   : "the method is not followed by a space");
	m->method = (sipmsg_slice){p + b, i - b};
	m->method_id = sipmsg_method_lookup(p + b, i - b);

	/* The version is the last word; spaces around the URI are deviations. */
	size_t ve = e;
	while (ve > i && p[ve - 1] == ' ')
		ve--;
	if (ve < e && (st = deviate(s, SIPMSG_LENIENT_START_LINE_SPACES, SIPMSG_DIAG_START_LINE_SPACES,
				    SIPMSG_SEVERITY_ERROR, ve, SM_NOPOS, NULL, 0,
				    "spaces at the end of the request line")))
		return st;
	size_t vb = ve;
	while (vb > i && p[vb - 1] != ' ')
		vb--;
	size_t ub = i + 1, ue = vb;
	while (ub < ue && p[ub] == ' ')
		ub++;
	while (ue > ub && p[ue - 1] == ' ')
		ue--;
	if (ue <= ub)
		return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_REQUEST_URI, i + 1, NULL, 0,
			    "the request line has no Request-URI or no SIP-Version");
	if ((ub != i + 1 || ue + 1 != vb) &&
	    (st = deviate(s, SIPMSG_LENIENT_START_LINE_SPACES, SIPMSG_DIAG_START_LINE_SPACES,
			  SIPMSG_SEVERITY_ERROR, ub != i + 1 ? i + 1 : ue, SM_NOPOS, NULL, 0,
			  "more than one space around the Request-URI")))
		return st;
	const char *sp = memchr(p + ub, ' ', ue - ub);
	if (sp)
		return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_REQUEST_URI, (size_t)(sp - p), NULL, 0,
			    "space inside the Request-URI");
	if ((st = check_version(s, vb, ve - vb)))
		return st;
	m->ruri = (sipmsg_slice){p + ub, ue - ub};
	m->version = (sipmsg_slice){p + vb, ve - vb};
	m->is_request = true;
	return SIPMSG_OK;
}

static sipmsg_status start_line(struct scan *s, size_t *pos)
{
	size_t b = *pos, end, lf;
	sipmsg_status st = line_end(s, b, SM_NOPOS, NULL, 0, &end, &lf);
	if (st)
		return st;
	if (lf >= s->lim)
		return fail(s, s->lim < s->n ? SIPMSG_ELIMIT : SIPMSG_ESYNTAX,
			    s->lim < s->n ? SIPMSG_DIAG_LIMIT_MESSAGE_SIZE : SIPMSG_DIAG_BAD_START_LINE, end, NULL, 0,
			    "the start line is not terminated by a line end");
	if (end - b >= 4 && sm_lower((unsigned char)s->p[b]) == 's' && sm_lower((unsigned char)s->p[b + 1]) == 'i' &&
	    sm_lower((unsigned char)s->p[b + 2]) == 'p' && s->p[b + 3] == '/')
		st = status_line(s, b, end);
	else
		st = request_line(s, b, end);
	if (st)
		return st;
	s->m->start_raw = (sipmsg_slice){s->p + b, lf + 1 - b};
	s->line++;
	*pos = lf + 1;
	return SIPMSG_OK;
}

static sipmsg_status push_header(struct scan *s, struct sm_hdr **out)
{
	sipmsg_msg *m = s->m;
	if (SM_UNLIKELY(m->nhdrs >= m->opts.max_headers))
		return SIPMSG_ELIMIT;
	if (SM_UNLIKELY(m->nhdrs == m->cap)) {
		sipmsg_status st = sm_hdrs_reserve(m, 1);
		if (st)
			return st;
	}
	*out = &m->hdrs[m->nhdrs++];
	return SIPMSG_OK;
}

static bool must_be_valid(const sipmsg_msg *m, unsigned id)
{
	return (m->opts.flags & SIPMSG_PARSE_STRICT) || ((m->opts.must_be_valid[id / 64] >> (id % 64)) & 1);
}

/* The status of a parse failed by a typed view's diagnostic: going over a
 * limit (list items, URI parameters) is SIPMSG_ELIMIT, as everywhere. */
static sipmsg_status limit_or_syntax(const sipmsg_diag *d)
{
	return d && d->code >= SIPMSG_DIAG_LIMIT_MESSAGE_SIZE && d->code <= SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH
		       ? SIPMSG_ELIMIT
		       : SIPMSG_ESYNTAX;
}

/* The typed view of header i, parsed now because its row is hot (or every
 * known header in strict mode, or it must be valid). A malformed header
 * fails the parse when it must be valid; otherwise it stays, marked bad,
 * with its diagnostic. */
static sipmsg_status typed_now(struct scan *s, uint32_t i)
{
	sipmsg_msg *m = s->m;
	uint32_t before = m->ndiags;
	sipmsg_status st = sm_typed_parse_header(m, i);
	if (SM_LIKELY(st == SIPMSG_OK))
		return SIPMSG_OK;
	const struct sm_hdr *hd = &m->hdrs[i];
	if (st != SIPMSG_ESYNTAX)
		return fail(s, st, 0, (size_t)(hd->name - s->p), hd->name, hd->name_len,
			    st == SIPMSG_ENOMEM ? "out of memory" : "typed parse failed");
	if (!must_be_valid(m, hd->id))
		return SIPMSG_OK;
	const sipmsg_diag *d = m->ndiags > before ? &m->diags[m->ndiags - 1] : NULL;
	st = limit_or_syntax(d);
	sm_error_set(s->err, st, d ? (int)d->code : SIPMSG_DIAG_BAD_HEADER_VALUE, s->p, s->n,
		     d && d->offset != SM_NOPOS ? d->offset : (size_t)(hd->value - s->p), hd->name, hd->name_len,
		     "%s", d ? d->message : "malformed value");
	return st;
}

/* The id of the name p[b..e), or 0 when it is unknown; *bad_at is set to
 * the first byte that is not a token character (or b for an empty name). */
static SM_INLINE sipmsg_hdr_id header_name(const char *p, size_t b, size_t e, size_t lim, size_t *bad_at)
{
	size_t len = e - b;
	*bad_at = SM_NOPOS;
	if (len == 1 && sm_is((unsigned char)p[b], SM_C_ALPHA))
		return sipmsg_hdr_lookup(p + b, 1);
	if (len >= 2 && len < SM_HDR_NAME_MAX) {
		sipmsg_hdr_id id = sm_hdr_find_clean(p + b, len, lim - b);
		if (id)
			return id; /* a known name is a token by construction */
	}
	if (len == 0)
		*bad_at = b;
	for (size_t i = b; i < e; i++)
		if (!sm_is((unsigned char)p[i], SM_C_TOKEN)) {
			*bad_at = i;
			break;
		}
	return SIPMSG_HDR_OTHER;
}

/* The typed view of the last header when its fast path did not take it
 * (SM_FAST_NO) or failed. */
static sipmsg_status typed_slow(struct scan *s, sipmsg_status st)
{
	uint32_t n = s->m->nhdrs - 1;
	if (st == SM_FAST_NO && !(st = typed_now(s, n)))
		return SIPMSG_OK;
	if (st != SIPMSG_ENOMEM)
		return st;
	const struct sm_hdr *hd = &s->m->hdrs[n];
	return fail(s, st, 0, (size_t)(hd->name - s->p), hd->name, hd->name_len, "out of memory");
}

/* Per header id, what the line loop needs of its row: the kind, and
 * SCAN_HOT when the typed view is parsed now. One byte, one load. */
#define SCAN_HOT 0x80u
_Static_assert(SIPMSG_KIND_COUNT <= SCAN_HOT, "kinds fit below SCAN_HOT");
static const uint8_t scan_kind[SIPMSG_HDR_COUNT_] = {
#define ROW(id, name, compact, flags, kind) \
	[SIPMSG_HDR_##id] = SIPMSG_KIND_##kind | ((flags) & SIPMSG_HF_HOT ? SCAN_HOT : 0),
	SIPMSG_HEADER_TABLE(ROW)
#undef ROW
};

/* The hot rows as the two words of a bit set by id. */
_Static_assert(SIPMSG_HDR_COUNT_ <= 128, "header ids fit two words");
#define HOT_BIT(id, flags, word) \
	((flags) & SIPMSG_HF_HOT && SIPMSG_HDR_##id / 64 == (word) ? (uint64_t)1 << (SIPMSG_HDR_##id % 64) : 0)
#define HOT_ROW0(id, name, compact, flags, kind) | HOT_BIT(id, flags, 0)
#define HOT_ROW1(id, name, compact, flags, kind) | HOT_BIT(id, flags, 1)
static const uint64_t hot_ids[2] = {0 SIPMSG_HEADER_TABLE(HOT_ROW0), 0 SIPMSG_HEADER_TABLE(HOT_ROW1)};
#undef HOT_ROW0
#undef HOT_ROW1
#undef HOT_BIT

/* Does the caller want headers valid that the line loop does not parse (not
 * hot, lenient mode)? */
static bool must_be_valid_beyond_hot(const sipmsg_parse_opts *o)
{
	return ((o->must_be_valid[0] & ~hot_ids[0]) | (o->must_be_valid[1] & ~hot_ids[1])) != 0;
}

/* The must-be-valid headers that are not hot, parsed once every line is
 * read (the line loop stays as it is for the common options). */
static sipmsg_status must_be_valid_later(struct scan *s)
{
	sipmsg_msg *m = s->m;
	for (uint32_t i = 0; i < m->nhdrs; i++) {
		unsigned id = m->hdrs[i].id;
		sipmsg_status st;
		if (id && !(scan_kind[id] & SCAN_HOT) && must_be_valid(m, id) && (st = typed_now(s, i)))
			return st;
	}
	return SIPMSG_OK;
}

/* The id of a compact form (one letter), or 0. */
static SM_INLINE sipmsg_hdr_id compact_name(char c)
{
	unsigned k = ((unsigned char)c | 0x20u) - 'a';
	return k < 26 ? (sipmsg_hdr_id)sm_hdr_compact_ids[k] : SIPMSG_HDR_OTHER;
}

/* Header lines of the common shape, "Name: value" CRLF with a known or
 * token name (a one-letter one a compact form), no folding, no control
 * character or HTAB, within the limits, read with everything in locals.
 * Stops, with *pos on it, at the first line that needs the general path
 * (header_line, which also produces the diagnostics) or at the end of the
 * header section. check_length: test each line against max_line_length. */
static SM_INLINE sipmsg_status plain_loop(struct scan *s, size_t *pos, bool check_length)
{
	const char *const p = s->p;
	const size_t lim = s->lim;
	sipmsg_msg *const m = s->m;
	const size_t max_line = m->opts.max_line_length;
	const uint32_t max_n = m->cap < m->opts.max_headers ? m->cap : (uint32_t)m->opts.max_headers;
	const bool all_typed = !s->lenient_typed;
	const uintptr_t last16 = sm_last16(p + s->n); /* for the fast parsers */
	size_t b = *pos;
	for (;; b = *pos) {
		size_t colon, cr;
#if SM_SIMD
		if (SM_LIKELY(lim - b >= 16)) {
			/* the colon, and often the line end, in the line's first 16 bytes */
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + b));
			unsigned ctl = ctl_or_tab_mask16(v); /* an HTAB is then a stop that is not CR */
			unsigned col = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')));
			unsigned stops = ctl | col;
			if (SM_LIKELY(stops)) {
				unsigned off = (unsigned)__builtin_ctz(stops);
				if (SM_UNLIKELY(!((col >> off) & 1) || off == 0))
					return SIPMSG_OK; /* a line end or control character first, or no name */
				colon = b + off;
				unsigned rest = (ctl >> off) >> 1;
				cr = rest ? colon + 1 + (unsigned)__builtin_ctz(rest) : find_ctl_or_tab(p, b + 16, lim);
			} else {
				colon = find_stop(p, b + 16, lim, true, true);
				if (SM_UNLIKELY(colon >= lim || p[colon] != ':'))
					return SIPMSG_OK;
				cr = find_ctl_or_tab(p, colon + 1, lim);
			}
		} else
#endif
		{
			colon = find_stop(p, b, lim, true, true);
			if (SM_UNLIKELY(colon >= lim || p[colon] != ':' || colon == b))
				return SIPMSG_OK;
			cr = find_ctl_or_tab(p, colon + 1, lim);
		}
		/* CR LF, and the next line is not a continuation; every search above
		 * stops at an HTAB too, so a line that passes has none before cr */
		size_t raw_end = cr + 2; /* cr <= lim: no overflow */
		if (SM_UNLIKELY(raw_end >= lim || memcmp(p + cr, "\r\n", 2) != 0 ||
				sm_is((unsigned char)p[cr + 2], SM_C_WS)))
			return SIPMSG_OK; /* end of input, bare LF, control character, HTAB or folding */
		size_t nlen = colon - b;
		if (SM_UNLIKELY(p[colon - 1] == ' '))
			return SIPMSG_OK; /* whitespace before the colon */
		sipmsg_hdr_id id;
		if (SM_LIKELY(nlen - 2 <= SM_HDR_KEY_LEN - 2)) { /* 2..16 bytes: one range test */
			id = sm_hdr_find_short(p + b, nlen, lim - b);
		} else if (nlen == 1) {
			id = compact_name(p[b]);
			if (!id)
				return SIPMSG_OK; /* one letter but no compact form: the general path */
		} else {
			id = sm_hdr_find_long(p + b, nlen);
		}
		if (!id) {
			for (size_t k = b; k < colon; k++)
				if (!sm_is((unsigned char)p[k], SM_C_TOKEN))
					return SIPMSG_OK;
		}
		uint32_t n = m->nhdrs;
		if (SM_UNLIKELY((check_length && raw_end - b > max_line) || n >= max_n))
			return SIPMSG_OK;
		size_t vb = colon + 1 + (p[colon + 1] == ' '), ve = cr;
		if (SM_UNLIKELY(p[vb] == ' '))
			while (p[vb] == ' ') /* stops at the CR */
				vb++;
		if (SM_UNLIKELY(p[ve - 1] == ' '))
			while (ve > vb && p[ve - 1] == ' ')
				ve--;
		m->hdrs[n] = (struct sm_hdr){
			.name = p + b,
			.value = p + vb,
			.view = NULL,
			.name_len = (uint32_t)nlen,
			.value_len = (uint32_t)(ve - vb),
			.raw_len = (uint32_t)(raw_end - b),
			.line = s->line++,
			.id = (uint16_t)id,
			.flags = (uint16_t)(nlen == 1 ? SIPMSG_HEADER_COMPACT : 0), /* a known compact form */
		};
		m->nhdrs = n + 1;
		*pos = raw_end;
		if (id) {
			if (!m->first[id])
				m->first[id] = n + 1;
			unsigned kind = scan_kind[id];
			if ((kind & SCAN_HOT) || all_typed) {
				sm_hot_fn fn = sm_hot_fns[kind & ~SCAN_HOT];
				sipmsg_status st = fn && vb < ve ? fn(m, &m->hdrs[n], last16) : SM_FAST_NO;
				/* past the call the line is the last header (fewer values kept across it) */
				if (SM_UNLIKELY(st))
					return typed_slow(s, st);
			}
		}
	}
}

/* No line can exceed max_line_length when the rest of the input does not,
 * as in nearly every message: the loop then leaves the test out. */
static SM_INLINE sipmsg_status plain_lines(struct scan *s, size_t *pos)
{
	if (SM_LIKELY(s->lim - *pos <= s->m->opts.max_line_length))
		return plain_loop(s, pos, false);
	return plain_loop(s, pos, true);
}

/* The header section runs past max_message_size (s->lim < s->n). */
static sipmsg_status message_too_big(struct scan *s)
{
	return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, s->lim, NULL, 0,
		    "the header section exceeds max_message_size");
}

/* One header line starting at *pos (not a line end, not SP/HTAB). */
static sipmsg_status header_line(struct scan *s, size_t *pos)
{
	const char *p = s->p;
	size_t b = *pos;
	size_t colon = find_stop(p, b, s->lim, true, false);
	size_t name_end = colon, bad_at = SM_NOPOS, j;
	sipmsg_hdr_id id = SIPMSG_HDR_OTHER;
	bool bad_line;
	if (SM_LIKELY(colon < s->lim && p[colon] == ':')) {
		while (name_end > b && (p[name_end - 1] == ' ' || p[name_end - 1] == '\t'))
			name_end--; /* HCOLON allows whitespace before the colon */
		id = header_name(p, b, name_end, s->lim, &bad_at);
		bad_line = bad_at != SM_NOPOS;
	} else {
		if (colon >= s->lim && s->lim < s->n)
			return message_too_big(s);
		name_end = b;
		while (name_end < s->lim && sm_is((unsigned char)p[name_end], SM_C_TOKEN))
			name_end++;
		bad_line = true;
	}
	size_t hdr_index = s->m->nhdrs;
	if (SM_UNLIKELY(bad_line)) {
		bool no_colon = bad_at == SM_NOPOS;
		sipmsg_status st = deviate(s, SIPMSG_LENIENT_BAD_LINES,
					   no_colon ? SIPMSG_DIAG_MISSING_COLON : SIPMSG_DIAG_BAD_HEADER_NAME,
					   SIPMSG_SEVERITY_ERROR, no_colon ? name_end : bad_at, SM_NOPOS, p + b, name_end - b,
					   no_colon ? "no colon after the header name"
						    : "the header name is empty or not a token");
		if (st)
			return st;
		j = b;
	} else {
		j = colon + 1;
		while (j < s->lim && (p[j] == ' ' || p[j] == '\t'))
			j++;
	}

	/* The value runs to the line end, continuation lines included. */
	uint32_t first_line = s->line;
	size_t vb = j, end, lf;
	bool folded = false;
	for (;;) {
		sipmsg_status st = line_end(s, j, hdr_index, p + b, name_end - b, &end, &lf);
		if (st)
			return st;
		if (lf >= s->lim) {
			/* cut by max_message_size, not by the end of the input */
			if (s->lim < s->n)
				return message_too_big(s);
			break;
		}
		s->line++;
		if (lf + 1 < s->lim && (p[lf + 1] == ' ' || p[lf + 1] == '\t')) {
			folded = true;
			j = lf + 1;
			continue;
		}
		break;
	}
	size_t raw_end = lf < s->lim ? lf + 1 : s->lim;
	if (SM_UNLIKELY(raw_end - b > s->m->opts.max_line_length))
		return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_LINE_LENGTH, b, p + b, name_end - b,
			    "the header line exceeds max_line_length");
	/* Trim linear whitespace (folding included) off both ends of the value. */
	size_t ve = end;
	while (ve > vb && sm_is((unsigned char)p[ve - 1], SM_C_LWS))
		ve--;
	while (vb < ve && sm_is((unsigned char)p[vb], SM_C_LWS))
		vb++;

	struct sm_hdr *hd;
	sipmsg_status st = push_header(s, &hd);
	if (st)
		return fail(s, st, st == SIPMSG_ELIMIT ? SIPMSG_DIAG_LIMIT_HEADERS : 0, b, p + b, name_end - b,
			    st == SIPMSG_ELIMIT ? "more header lines than max_headers" : "out of memory");
	hd->name = p + b;
	hd->name_len = (uint32_t)(bad_line ? 0 : name_end - b);
	hd->value = p + vb;
	hd->value_len = (uint32_t)(ve - vb);
	hd->raw_len = (uint32_t)(raw_end - b);
	hd->line = first_line;
	hd->view = NULL;
	if (bad_line) {
		hd->id = SIPMSG_HDR_OTHER;
		hd->flags = SIPMSG_HEADER_BAD | SIPMSG_HEADER_BAD_LINE;
		hd->value = p + b;
		hd->value_len = (uint32_t)(end - b);
	} else {
		hd->id = (uint16_t)id;
		hd->flags = (uint16_t)((folded ? SIPMSG_HEADER_FOLDED : 0) |
				       (name_end - b == 1 && id ? SIPMSG_HEADER_COMPACT : 0));
		if (id && !s->m->first[id])
			s->m->first[id] = s->m->nhdrs;
		if (id && ((sm_hdr_rows[id].flags & SIPMSG_HF_HOT) || !s->lenient_typed) &&
		    (st = typed_now(s, (uint32_t)hdr_index)))
			return st;
	}
	*pos = raw_end;
	return SIPMSG_OK;
}

/* The body: by Content-Length, else to the end of the datagram. */
static sipmsg_status body(struct scan *s, size_t b)
{
	sipmsg_msg *m = s->m;
	const char *p = s->p;
	uint64_t cl = 0;
	bool have_cl = false;
	/* Each Content-Length was parsed (typed, hot) as its line was read; a bad
	 * one that did not fail the parse was reported there and is ignored. */
	for (uint32_t i = m->first[SIPMSG_HDR_CONTENT_LENGTH]; i && i <= m->nhdrs; i++) {
		struct sm_hdr *hd = &m->hdrs[i - 1];
		if (hd->id != SIPMSG_HDR_CONTENT_LENGTH)
			continue;
		if (hd->flags & SIPMSG_HEADER_BAD) {
			if (s->stream)
				return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_CONTENT_LENGTH, (size_t)(hd->value - p),
					    hd->name, hd->name_len, "Content-Length is not a decimal number below 2^32");
			continue;
		}
		uint64_t v = sm_view_number(hd);
		if (have_cl && v != cl)
			return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_CONFLICTING_CONTENT_LENGTH, (size_t)(hd->value - p),
				    hd->name, hd->name_len, "Content-Length values disagree");
		cl = v;
		have_cl = true;
	}
	size_t avail = s->n - b;
	if (!have_cl) {
		if (s->stream)
			return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_MISSING_CONTENT_LENGTH, b, NULL, 0,
				    "no Content-Length on a stream transport");
		if (avail > s->lim - b)
			return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, s->lim, NULL, 0,
				    "the message exceeds max_message_size");
		m->body = (sipmsg_slice){p + b, avail};
		m->length = s->n;
		return SIPMSG_OK;
	}
	/* the bytes taken: Content-Length of them, or all there is when the body
	 * is short (SIPMSG_LENIENT_SHORT_BODY) */
	if ((cl < avail ? cl : avail) > s->lim - b)
		return fail(s, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, s->lim, NULL, 0,
			    "the message exceeds max_message_size");
	if (cl > avail) {
		long hi = (long)m->first[SIPMSG_HDR_CONTENT_LENGTH] - 1;
		sipmsg_status st = deviate(s, s->stream ? 0 : SIPMSG_LENIENT_SHORT_BODY, SIPMSG_DIAG_BODY_TRUNCATED,
					   SIPMSG_SEVERITY_ERROR, b, (size_t)hi, m->hdrs[hi].name,
					   m->hdrs[hi].name_len, "Content-Length is larger than the body");
		if (st)
			return st;
		m->body = (sipmsg_slice){p + b, avail};
		m->length = s->n;
		return SIPMSG_OK;
	}
	m->body = (sipmsg_slice){p + b, (size_t)cl};
	m->length = b + (size_t)cl;
	if (m->length < s->n) {
		m->trailing = (sipmsg_slice){p + m->length, s->n - m->length};
		if (sm_diag_addf(m, SIPMSG_DIAG_TRAILING_BYTES, SIPMSG_SEVERITY_WARNING, p + m->length, SM_NOPOS,
				 "%zu bytes after the message were ignored", s->n - m->length))
			return fail(s, SIPMSG_ENOMEM, 0, b, NULL, 0, "out of memory");
	}
	return SIPMSG_OK;
}


/* Strict mode: the Request-URI must match the URI grammar too. */
static sipmsg_status strict_request_uri(struct scan *s)
{
	const sipmsg_uri *u;
	sipmsg_msg *m = s->m;
	if (!m->is_request)
		return SIPMSG_OK;
	uint32_t before = m->ndiags;
	sipmsg_status st = sm_typed_parse_ruri(m, &u);
	if (st == SIPMSG_ENOMEM)
		return fail(s, st, 0, (size_t)(m->ruri.ptr - s->p), NULL, 0, "out of memory");
	if (st == SIPMSG_OK)
		return SIPMSG_OK;
	const sipmsg_diag *d = m->ndiags > before ? &m->diags[m->ndiags - 1] : NULL;
	st = limit_or_syntax(d);
	sm_error_set(s->err, st, st == SIPMSG_ELIMIT ? (int)d->code : SIPMSG_DIAG_BAD_REQUEST_URI, s->p, s->n,
		     d && d->offset != SM_NOPOS ? d->offset : (size_t)(m->ruri.ptr - s->p), NULL, 0, "%s",
		     d ? d->message : "malformed Request-URI");
	return st;
}

static sipmsg_status scan_message(struct scan *s)
{
	sipmsg_msg *m = s->m;
	const char *p = s->p;
	size_t i = 0;
	sipmsg_status st;

	while (i < s->lim && (p[i] == '\r' || p[i] == '\n')) {
		if (p[i] == '\n')
			s->line++;
		i++;
	}
	if (i >= s->n)
		return fail(s, SIPMSG_ESYNTAX, SIPMSG_DIAG_EMPTY_MESSAGE, 0, NULL, 0, "no message in the input");
	if (i) {
		/* RFC 3261 §7.5: on streams CRLFs before the start line are keep-alives */
		if (!s->stream && (st = deviate(s, SIPMSG_LENIENT_LEADING_CRLF, SIPMSG_DIAG_LEADING_CRLF,
						SIPMSG_SEVERITY_WARNING, 0, SM_NOPOS, NULL, 0,
						"line ends before the start line were skipped")))
			return st;
		m->preamble = (sipmsg_slice){p, i};
	}
	if ((st = start_line(s, &i)))
		return st;

	for (;;) {
		size_t before = i;
		if (SM_UNLIKELY(i >= s->lim)) {
			if (s->lim < s->n)
				return message_too_big(s);
			if ((st = deviate(s, s->stream ? 0 : SIPMSG_LENIENT_UNTERMINATED,
					  SIPMSG_DIAG_UNTERMINATED_HEADERS, SIPMSG_SEVERITY_WARNING, i, SM_NOPOS, NULL, 0,
					  "the header section is not closed by an empty line")))
				return st;
			m->separator = (sipmsg_slice){p + i, 0};
			break;
		}
		char c = p[i];
		if (SM_UNLIKELY(c == '\r' && i + 1 == s->lim && s->lim < s->n))
			return message_too_big(s); /* the limit falls inside a line end */
		if (c == '\r' && i + 1 < s->lim && p[i + 1] == '\n') {
			m->separator = (sipmsg_slice){p + i, 2};
			i += 2;
			break;
		}
		if (c == '\n' || (c == '\r' && i + 1 == s->n)) {
			if (c == '\n' && (st = deviate(s, SIPMSG_LENIENT_BARE_LF, SIPMSG_DIAG_BARE_LF,
						       SIPMSG_SEVERITY_WARNING, i, SM_NOPOS, NULL, 0,
						       "the empty line ends in LF without CR")))
				return st;
			m->separator = (sipmsg_slice){p + i, 1};
			i += 1;
			break;
		}
		if (SM_UNLIKELY(c == ' ' || c == '\t')) {
			if ((st = deviate(s, SIPMSG_LENIENT_BAD_LINES, SIPMSG_DIAG_FOLD_WITHOUT_HEADER,
					  SIPMSG_SEVERITY_ERROR, i, SM_NOPOS, NULL, 0,
					  "a continuation line before any header")))
				return st;
		}
		if ((st = plain_lines(s, &i)))
			return st;
		if (i != before)
			continue;
		if ((st = header_line(s, &i)))
			return st;
	}
	s->line++;
	if (SM_UNLIKELY(s->must_later) && (st = must_be_valid_later(s)))
		return st;
	if ((st = body(s, i)))
		return st;
	return s->lenient_typed ? SIPMSG_OK : strict_request_uri(s);
}

/* The first arena block: the message, its header slots and room for typed
 * views, sized from the input so that one allocation serves even a message
 * with hundreds of headers (about one header line per 24 bytes, at worst). */
static size_t header_slots_for(size_t len, size_t max_headers)
{
	size_t slots = len / 24 + 8;
	if (slots < 32)
		slots = 32;
	return slots < max_headers ? slots : max_headers + 1;
}

static size_t first_block_size(size_t len, size_t max_headers)
{
	/* 3 KiB: the typed views of the hot headers (two Vias, From, To, ...) */
	return sizeof(sipmsg_msg) + header_slots_for(len, max_headers) * sizeof(struct sm_hdr) + 3072 + len / 2;
}

sipmsg_status sipmsg_parse(const void *data, size_t len, const sipmsg_parse_opts *opts_in, sipmsg_msg **out,
			   sipmsg_error *err)
{
	if (opts_in && (opts_in->struct_size < offsetof(sipmsg_parse_opts, arena) + sizeof(void *) ||
			opts_in->struct_size > sizeof *opts_in)) {
		sm_error_set(err, SIPMSG_EINVAL, 0, NULL, 0, SM_NOPOS, NULL, 0,
			     "sipmsg_parse_opts not initialised with sipmsg_parse_opts_init()");
		return SIPMSG_EINVAL;
	}
	if (!out || (!data && len)) {
		sm_error_set(err, SIPMSG_EINVAL, 0, NULL, 0, SM_NOPOS, NULL, 0, "NULL output or data");
		return SIPMSG_EINVAL;
	}
	*out = NULL;
	sipmsg_parse_opts merged;
	const sipmsg_parse_opts *opts = sm_opts_effective(opts_in, &merged);

	sipmsg_arena *arena = opts->arena;
	bool own = !arena;
	/* sizing only: the limits in force (0 = default) are settled by sm_opts_normalize below */
	size_t max_size = opts->max_message_size ? opts->max_message_size : SIPMSG_DEFAULT_MAX_MESSAGE_SIZE;
	size_t max_headers = opts->max_headers ? opts->max_headers : SIPMSG_DEFAULT_MAX_HEADERS;
	size_t scan_len = len < max_size ? len : max_size;
	if (own && !(arena = sipmsg_arena_new(opts->allocator, first_block_size(scan_len, max_headers)))) {
		sm_error_set(err, SIPMSG_ENOMEM, 0, NULL, 0, SM_NOPOS, NULL, 0, "out of memory");
		return SIPMSG_ENOMEM;
	}
	sipmsg_msg *m = sm_msg_new(arena, own, opts, (uint32_t)header_slots_for(scan_len, max_headers));
	const char *base = data;
	if (m && (opts->flags & SIPMSG_PARSE_COPY)) {
		base = sm_memdup(arena, data, len);
		if (!base)
			m = NULL;
	}
	if (!m) {
		if (own)
			sipmsg_arena_free(arena);
		sm_error_set(err, SIPMSG_ENOMEM, 0, NULL, 0, SM_NOPOS, NULL, 0, "out of memory");
		return SIPMSG_ENOMEM;
	}
	sm_opts_normalize(&m->opts);
	m->base = base ? base : "";
	m->length = len;
	struct scan s = {
		.m = m,
		.p = m->base,
		.n = len,
		.lim = len < m->opts.max_message_size ? len : m->opts.max_message_size,
		.line = 1,
		.lenient = m->opts.lenient,
		.stream = (m->opts.flags & SIPMSG_PARSE_STREAM) != 0,
		.lenient_typed = !(m->opts.flags & SIPMSG_PARSE_STRICT),
		.must_later = !(m->opts.flags & SIPMSG_PARSE_STRICT) && must_be_valid_beyond_hot(&m->opts),
		.qp_hdr = SM_NOPOS,
		.err = err,
	};
	sipmsg_status st = scan_message(&s);
	if (st) {
		if (own)
			sipmsg_arena_free(arena);
		return st;
	}
	*out = m;
	return SIPMSG_OK;
}

