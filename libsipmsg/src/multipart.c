/* SPDX-License-Identifier: MIT */
/* multipart/... bodies (RFC 2046 §5.1): splitting on the boundary into parts
 * with their MIME headers and exact bytes, nested parts within
 * max_multipart_depth, and writing a multipart body from parts. */
#include "sipmsg/build.h"
#include "sipmsg/multipart.h"
#include "typed.h"

struct mp_ctx {
	sipmsg_arena *arena;
	size_t max_depth;
	size_t max_headers;
	bool allow_unclosed;     /* SIPMSG_LENIENT_UNCLOSED_MULTIPART */
	const char *unclosed_at; /* the end of the first body split without its close-delimiter */
	struct sm_fail fail;
};

static sipmsg_status mp_fail(struct mp_ctx *c, int code, const char *at, const char *msg)
{
	sm_fail_set(&c->fail, code, at, msg);
	return code == SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH ? SIPMSG_ELIMIT : SIPMSG_ESYNTAX;
}

/* The next "--boundary" at the start of a line at or after p (a line starts
 * at b or after an LF), or NULL. Line by line with memchr: each search stops
 * where it finds its LF (memmem's sanitizer interceptor checks the whole
 * rest of the body on every call, which made many parts quadratic there). */
static const char *find_delimiter(const char *b, const char *p, const char *end, sipmsg_slice boundary)
{
	size_t need = boundary.len + 2;
	const char *line = p == b || (p > b && p[-1] == '\n') ? p : NULL;
	for (;;) {
		if (!line) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			if (!nl)
				return NULL;
			line = nl + 1;
		}
		if ((size_t)(end - line) < need)
			return NULL;
		if (line[0] == '-' && line[1] == '-' && memcmp(line + 2, boundary.ptr, boundary.len) == 0)
			return line;
		p = line;
		line = NULL;
	}
}

/* The line end before a delimiter at d (CRLF or LF) belongs to it. */
static const char *before_line_end(const char *b, const char *d)
{
	if (d > b && d[-1] == '\n')
		d--;
	if (d > b && d[-1] == '\r')
		d--;
	return d;
}

/* The boundary parameter of a multipart/... Content-Type value, when it is one. */
static bool multipart_boundary(sipmsg_slice ct, sipmsg_slice *boundary, bool *is_multipart)
{
	const char *p = ct.ptr, *end = p ? p + ct.len : NULL; /* no Content-Type: NULL, not NULL + 0 */
	const char *q = sm_skip_token(p, end);
	*is_multipart = sm_eq_lower(p, (size_t)(q - p), SM_LIT("multipart"));
	if (!*is_multipart)
		return false;
	q = sm_skip_lws(q, end);
	if (q >= end || *q != '/')
		return false;
	q = sm_skip_token(sm_skip_lws(q + 1, end), end);
	for (;;) {
		q = sm_skip_lws(q, end);
		if (q >= end || *q != ';')
			return false;
		const char *nb = sm_skip_lws(q + 1, end), *ne = sm_skip_token(nb, end);
		q = sm_skip_lws(ne, end);
		if (q >= end || *q != '=')
			return false;
		const char *vb = sm_skip_lws(q + 1, end);
		sipmsg_slice v;
		if (vb < end && *vb == '"') {
			if (!(q = sm_quoted(vb, end, &v)))
				return false;
		} else {
			q = sm_skip_token(vb, end);
			v = (sipmsg_slice){vb, (size_t)(q - vb)};
		}
		if (sm_eq_lower(nb, (size_t)(ne - nb), SM_LIT("boundary"))) {
			*boundary = v;
			return v.len > 0;
		}
	}
}

static sipmsg_status split(struct mp_ctx *c, const char *b, size_t n, sipmsg_slice boundary, size_t depth,
			   sipmsg_multipart *out);

/* MIME-part-headers [CRLF *OCTET] of one part. */
static sipmsg_status parse_part(struct mp_ctx *c, const char *p, const char *end, size_t depth, sipmsg_mime_part *part)
{
	memset(part, 0, sizeof *part);
	part->raw = (sipmsg_slice){p, (size_t)(end - p)};
	struct sm_vec v = {0};
	for (;;) {
		if (p >= end) {
			part->body = (sipmsg_slice){end, 0};
			break;
		}
		if (*p == '\n' || (*p == '\r' && end - p >= 2 && p[1] == '\n')) {
			p += *p == '\n' ? 1 : 2;
			part->body = (sipmsg_slice){p, (size_t)(end - p)};
			break;
		}
		const char *ne = sm_skip_token(p, end), *q = ne;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (ne == p || q >= end || *q != ':')
			return mp_fail(c, SIPMSG_DIAG_MULTIPART_BAD, p, "a part header line without a name and a colon");
		/* the value runs to the line end, continuation lines included */
		const char *vb = q + 1, *le = vb;
		for (;;) {
			const char *lf = memchr(le, '\n', (size_t)(end - le));
			le = lf ? lf + 1 : end;
			if (le < end && (*le == ' ' || *le == '\t'))
				continue;
			break;
		}
		const char *ve = le;
		while (ve > vb && sm_is((unsigned char)ve[-1], SM_C_LWS))
			ve--;
		vb = sm_skip_lws(vb, ve);
		if (v.n >= c->max_headers)
			return mp_fail(c, SIPMSG_DIAG_LIMIT_HEADERS, p, "more part headers than max_headers");
		sipmsg_mime_header *h = sm_vec_push(c->arena, &v, sizeof *h);
		if (!h)
			return SIPMSG_ENOMEM;
		h->name = (sipmsg_slice){p, (size_t)(ne - p)};
		h->value = (sipmsg_slice){vb, (size_t)(ve - vb)};
		if (sm_eq_lower(p, (size_t)(ne - p), SM_LIT("content-type")))
			part->content_type = h->value;
		p = le;
	}
	part->headers = v.items;
	part->header_count = v.n;
	sipmsg_slice nb;
	bool is_mp;
	if (part->content_type.ptr && multipart_boundary(part->content_type, &nb, &is_mp)) {
		if (depth + 2 > c->max_depth) /* the top body is level 1 */
			return mp_fail(c, SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH, part->content_type.ptr,
				       "multipart nested deeper than max_multipart_depth");
		sipmsg_multipart *nested = sm_zalloc(c->arena, sizeof *nested);
		if (!nested)
			return SIPMSG_ENOMEM;
		sipmsg_status st = split(c, part->body.ptr, part->body.len, nb, depth + 1, nested);
		if (st)
			return st;
		part->nested = nested;
	}
	return SIPMSG_OK;
}

static sipmsg_status split(struct mp_ctx *c, const char *b, size_t n, sipmsg_slice boundary, size_t depth,
			   sipmsg_multipart *out)
{
	const char *end = b + n;
	memset(out, 0, sizeof *out);
	out->boundary = boundary;
	const char *d = find_delimiter(b, b, end, boundary);
	if (!d)
		return mp_fail(c, SIPMSG_DIAG_MULTIPART_BAD, b, "the body has no line starting with --boundary");
	out->preamble = (sipmsg_slice){b, (size_t)(before_line_end(b, d) - b)};
	struct sm_vec parts = {0};
	for (;;) {
		const char *p = d + 2 + boundary.len;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
			/* close-delimiter, then the epilogue after its line */
			p += 2;
			while (p < end && *p != '\n')
				p++;
			if (p < end)
				p++;
			out->epilogue = (sipmsg_slice){p, (size_t)(end - p)};
			out->closed = true;
			break;
		}
		while (p < end && (*p == ' ' || *p == '\t'))
			p++; /* transport-padding */
		if (p < end && *p == '\r')
			p++;
		if (p >= end && c->allow_unclosed)
			break; /* cut inside the last delimiter line */
		if (p >= end || *p != '\n')
			return mp_fail(c, SIPMSG_DIAG_MULTIPART_BAD, p, "the boundary line does not end after the boundary");
		p++;
		const char *next = find_delimiter(b, p, end, boundary);
		if (!next && !c->allow_unclosed)
			return mp_fail(c, SIPMSG_DIAG_MULTIPART_BAD, end, "no closing --boundary-- line");
		/* a body cut short (by Content-Length, a lost segment): its last
		 * part is what there is, and nothing when it ends on a delimiter line */
		if (!next && p == end)
			break;
		sipmsg_mime_part *part = sm_vec_push(c->arena, &parts, sizeof *part);
		if (!part)
			return SIPMSG_ENOMEM;
		/* parse into a copy: nested splits allocate and would move the array */
		sipmsg_mime_part tmp;
		const char *pe = next ? before_line_end(p, next) : end;
		sipmsg_status st = parse_part(c, p, pe < p ? p : pe, depth, &tmp);
		if (st)
			return st;
		part = (sipmsg_mime_part *)parts.items + parts.n - 1;
		*part = tmp;
		if (!next)
			break;
		d = next;
	}
	if (!out->closed) { /* every way out of the loop but the close-delimiter */
		out->epilogue = (sipmsg_slice){end, 0};
		if (!c->unclosed_at)
			c->unclosed_at = end;
	}
	out->parts = parts.items;
	out->part_count = parts.n;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_multipart_parse(const char *body, size_t len, const char *boundary, size_t blen,
				     sipmsg_arena *arena, const sipmsg_parse_opts *opts, sipmsg_multipart *out,
				     sipmsg_error *err)
{
	if (!out || !arena || !boundary || !blen || (!body && len)) {
		sm_error_set(err, SIPMSG_EINVAL, 0, NULL, 0, SM_NOPOS, NULL, 0, "NULL body, boundary, arena or output");
		return SIPMSG_EINVAL;
	}
	sipmsg_parse_opts merged, o = *sm_opts_effective(opts, &merged);
	sm_opts_normalize(&o); /* 0 limits are the defaults; strict clears the leniency */
	struct mp_ctx c = {.arena = arena, .max_depth = o.max_multipart_depth, .max_headers = o.max_headers,
			   .allow_unclosed = o.lenient & SIPMSG_LENIENT_UNCLOSED_MULTIPART};
	if (!body)
		body = "";
	sipmsg_status st = split(&c, body, len, (sipmsg_slice){boundary, blen}, 0, out);
	if (st == SIPMSG_ENOMEM)
		sm_error_set(err, st, 0, NULL, 0, SM_NOPOS, NULL, 0, "out of memory");
	else if (st)
		sm_error_set(err, st, c.fail.code, body, len, (size_t)(c.fail.at - body), NULL, 0, "%s", c.fail.msg);
	return st;
}

sipmsg_status sipmsg_mime_part_sdp(sipmsg_msg *m, const sipmsg_mime_part *part, sipmsg_sdp **out,
				   sipmsg_error *err)
{
	if (!m || !part || !out)
		return SIPMSG_EINVAL;
	*out = NULL;
	/* application/sdp, any case, parameters allowed */
	sipmsg_slice ct = part->content_type;
	const char *p = ct.ptr, *end = p ? p + ct.len : NULL; /* no Content-Type: NULL, not NULL + 0 */
	const char *q = p ? sm_skip_token(p, end) : NULL;
	if (!q || !sm_eq_lower(p, (size_t)(q - p), SM_LIT("application")))
		return SIPMSG_ESTATE;
	q = sm_skip_lws(q, end);
	if (q >= end || *q != '/')
		return SIPMSG_ESTATE;
	const char *s = sm_skip_lws(q + 1, end), *se = sm_skip_token(s, end);
	if (!sm_eq_lower(s, (size_t)(se - s), SM_LIT("sdp")))
		return SIPMSG_ESTATE;
	return sm_sdp_parse_body(m, part->body, true, out, err);
}

struct mp_cache {
	sipmsg_slice body; /* what was split (a later set_body splits again) */
	sipmsg_status st;
	sipmsg_multipart mp;
};

sipmsg_status sipmsg_msg_multipart(const sipmsg_msg *cm, const sipmsg_multipart **out)
{
	if (!cm || !out)
		return SIPMSG_EINVAL;
	*out = NULL;
	sipmsg_msg *m = (sipmsg_msg *)(uintptr_t)cm;
	struct mp_cache *mc = m->ext[SM_EXT_MULTIPART];
	if (mc && mc->body.ptr == m->body.ptr && mc->body.len == m->body.len) {
		*out = mc->st ? NULL : &mc->mp;
		return mc->st;
	}
	const sipmsg_mediatype *ct = sipmsg_msg_content_type(m);
	if (!ct || !SM_IS(ct->type, "multipart"))
		return SIPMSG_ESTATE;
	if (!mc && !(mc = m->ext[SM_EXT_MULTIPART] = sm_zalloc(m->arena, sizeof *mc)))
		return SIPMSG_ENOMEM;
	mc->body = m->body;
	size_t cti = m->first[SIPMSG_HDR_CONTENT_TYPE] - 1;
	if (!ct->boundary.len) {
		mc->st = SIPMSG_ESYNTAX;
		if (sm_diag_add(m, SIPMSG_DIAG_MULTIPART_NO_BOUNDARY, SIPMSG_SEVERITY_ERROR, ct->raw.ptr, cti, NULL))
			return SIPMSG_ENOMEM;
		return mc->st;
	}
	struct mp_ctx c = {.arena = m->arena, .max_depth = m->opts.max_multipart_depth,
			   .max_headers = m->opts.max_headers,
			   .allow_unclosed = m->opts.lenient & SIPMSG_LENIENT_UNCLOSED_MULTIPART};
	const char *body = m->body.ptr ? m->body.ptr : "";
	mc->st = split(&c, body, m->body.len, ct->boundary, 0, &mc->mp);
	if (mc->st == SIPMSG_ENOMEM) {
		m->ext[SM_EXT_MULTIPART] = NULL;
		return SIPMSG_ENOMEM;
	}
	if (mc->st) {
		if (sm_diag_add(m, (sipmsg_diag_code)c.fail.code, SIPMSG_SEVERITY_ERROR, c.fail.at, SM_NOPOS, c.fail.msg))
			return SIPMSG_ENOMEM;
		return mc->st;
	}
	if (c.unclosed_at && sm_diag_add(m, SIPMSG_DIAG_MULTIPART_UNCLOSED, SIPMSG_SEVERITY_ERROR, c.unclosed_at,
					 SM_NOPOS, "no closing --boundary-- line: the last part runs to the end of the body")) {
		m->ext[SM_EXT_MULTIPART] = NULL; /* split again, diagnostic included, next time */
		return SIPMSG_ENOMEM;
	}
	*out = &mc->mp;
	return SIPMSG_OK;
}

/* bchars of RFC 2046: DIGIT / ALPHA / ' ( ) + _ , - . / : = ? and space (not last). */
static bool valid_boundary(const char *b, size_t n)
{
	if (n == 0 || n > 70 || b[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		if (!sm_is(c, SM_C_ALPHA | SM_C_DIGIT) && !strchr("'()+_,-./:=? ", c))
			return false;
	}
	return true;
}

/* A part's extra header section: *( field-name ":" value CRLF ), each name a
 * token and each value free of control characters but HTAB (RFC 2046
 * §5.1.1, RFC 5322 §2.2), and no line a delimiter. An empty line, a line
 * without a colon, a bare CR or LF would end the section early or make it
 * unreadable: the parts written would not be the parts given. */
static bool valid_part_headers(const char *h, size_t n, sipmsg_slice boundary)
{
	if (find_delimiter(h, h, h + n, boundary))
		return false;
	for (size_t i = 0; i < n;) {
		const char *line = h + i;
		const char *crlf = memchr(line, '\r', n - i);
		if (!crlf || crlf + 1 >= h + n || crlf[1] != '\n')
			return false;
		size_t len = (size_t)(crlf - line);
		const char *colon = memchr(line, ':', len);
		if (!colon || colon == line || sm_skip_token(line, colon) != colon)
			return false;
		if (sm_find_ctl(colon + 1, len - (size_t)(colon + 1 - line)) != len - (size_t)(colon + 1 - line))
			return false;
		i += len + 2;
	}
	return true;
}

struct wbuf {
	char *p;
	size_t size, n;
};

static void w_add(struct wbuf *w, const void *s, size_t n)
{
	if (w->n < w->size)
		memcpy(w->p + w->n, s, w->n + n <= w->size ? n : w->size - w->n);
	w->n += n;
}

static void w_str(struct wbuf *w, const char *s) { w_add(w, s, strlen(s)); }

sipmsg_status sipmsg_multipart_write(const sipmsg_mime_part_spec *parts, size_t count, const char *boundary,
				     char *buf, size_t size, size_t *written)
{
	if (written)
		*written = 0;
	if ((!parts && count) || !boundary || (!buf && size))
		return SIPMSG_EINVAL;
	size_t bl = strlen(boundary);
	if (!valid_boundary(boundary, bl))
		return SIPMSG_EINVAL;
	sipmsg_slice bs = {boundary, bl};
	struct wbuf w = {buf, size, 0};
	for (size_t i = 0; i < count; i++) {
		const sipmsg_mime_part_spec *sp = &parts[i];
		size_t hl = sp->headers ? strlen(sp->headers) : 0;
		if ((!sp->body && sp->body_len) || (hl && !valid_part_headers(sp->headers, hl, bs)) ||
		    (sp->content_type && sm_find_ctl(sp->content_type, strlen(sp->content_type)) !=
						 strlen(sp->content_type)))
			return SIPMSG_EINVAL;
		/* the delimiter must not occur inside a part */
		if (sp->body_len && find_delimiter(sp->body, sp->body, (const char *)sp->body + sp->body_len, bs))
			return SIPMSG_EINVAL;
		w_add(&w, "--", 2);
		w_add(&w, boundary, bl);
		w_add(&w, "\r\n", 2);
		if (sp->content_type) {
			w_str(&w, "Content-Type: ");
			w_str(&w, sp->content_type);
			w_add(&w, "\r\n", 2);
		}
		if (hl)
			w_add(&w, sp->headers, hl);
		w_add(&w, "\r\n", 2);
		if (sp->body_len)
			w_add(&w, sp->body, sp->body_len);
		w_add(&w, "\r\n", 2);
	}
	w_add(&w, "--", 2);
	w_add(&w, boundary, bl);
	w_add(&w, "--\r\n", 4);
	if (written)
		*written = w.n;
	return w.n <= size ? SIPMSG_OK : SIPMSG_ENOSPC;
}

sipmsg_status sipmsg_msg_set_multipart_body(sipmsg_msg *m, const char *subtype, const sipmsg_mime_part_spec *parts,
					    size_t count, const char *boundary)
{
	if (!m || !subtype || !*subtype || sm_skip_token(subtype, subtype + strlen(subtype)) != subtype + strlen(subtype))
		return SIPMSG_EINVAL;
	char gen[SIPMSG_TAG_SIZE];
	sipmsg_status st;
	if (!boundary) {
		if ((st = sipmsg_generate_tag(gen, sizeof gen)))
			return st;
		boundary = gen;
	}
	size_t need;
	st = sipmsg_multipart_write(parts, count, boundary, NULL, 0, &need);
	if (st != SIPMSG_ENOSPC && st != SIPMSG_OK)
		return st;
	char *body = sm_alloc(m->arena, need ? need : 1);
	size_t ctn = strlen(subtype) + strlen(boundary) + 32;
	char *ct = sm_alloc(m->arena, ctn);
	if (!body || !ct)
		return SIPMSG_ENOMEM;
	if ((st = sipmsg_multipart_write(parts, count, boundary, body, need, &need)))
		return st;
	/* a boundary with characters outside token goes in quotes */
	bool tok = sm_skip_token(boundary, boundary + strlen(boundary)) == boundary + strlen(boundary);
	snprintf(ct, ctn, tok ? "multipart/%s;boundary=%s" : "multipart/%s;boundary=\"%s\"", subtype, boundary);
	return sipmsg_msg_set_body(m, body, need, ct);
}
