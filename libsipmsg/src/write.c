/* SPDX-License-Identifier: MIT */
/* Layer 5: serialization. Fragments that were not touched are copied as they
 * came (adjacent ones in one memcpy); touched ones are written canonically. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

/* A sink that either counts or copies, coalescing adjacent source runs. */
struct out {
	char *buf;       /* NULL: count only */
	size_t size;
	size_t len;
	const char *run; /* pending run of source bytes */
	size_t run_len;
};

static void flush(struct out *o)
{
	if (o->run_len) {
		if (o->buf && o->len + o->run_len <= o->size)
			memcpy(o->buf + o->len, o->run, o->run_len);
		o->len += o->run_len;
		o->run_len = 0;
	}
}

/* Source bytes that stay valid until the end of the write: coalesced. */
static void put_src(struct out *o, const char *p, size_t n)
{
	if (!n)
		return;
	if (o->run_len && o->run + o->run_len == p) {
		o->run_len += n;
		return;
	}
	flush(o);
	o->run = p;
	o->run_len = n;
}

static void put(struct out *o, const char *p, size_t n)
{
	flush(o);
	if (o->buf && o->len + n <= o->size)
		memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void put_c(struct out *o, char c) { put(o, &c, 1); }

/* A value with its folding undone: each run of linear whitespace that
 * contains a line end becomes one SP. */
static void put_unfolded(struct out *o, const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != '\r' && p[j] != '\n')
			j++;
		size_t k = j;
		while (k > i && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		put(o, p + i, k - i);
		if (j >= n)
			break;
		while (j < n && sm_is((unsigned char)p[j], SM_C_LWS))
			j++;
		put_c(o, ' ');
		i = j;
	}
}

static bool rewrite_header(const struct sm_hdr *h, unsigned flags)
{
	if (h->flags & SIPMSG_HEADER_BAD_LINE)
		return false;
	if ((h->flags & SIPMSG_HEADER_MODIFIED) || (flags & SIPMSG_WRITE_CANONICAL))
		return true;
	return (flags & SIPMSG_WRITE_COMPACT) && h->id && sm_hdr_rows[h->id].compact &&
	       !(h->flags & SIPMSG_HEADER_COMPACT);
}

/* Does a raw line start with SP or HTAB? (A continuation line before any
 * header, kept as a bad line under SIPMSG_LENIENT_BAD_LINES.) */
static bool starts_with_ws(const struct sm_hdr *h)
{
	return h->raw_len && (h->name[0] == ' ' || h->name[0] == '\t');
}

static void put_header(struct out *o, const struct sm_hdr *h, unsigned flags, bool first)
{
	if (!rewrite_header(h, flags)) {
		const char *p = h->name;
		size_t n = h->raw_len;
		/* Such a line stands alone only right after the start line; after
		 * another header it would read as that header's folding, and
		 * without its leading whitespace it could read as a header of its
		 * own (' Via: ...' becoming a Via). write_all() writes it there
		 * wherever edits moved it (lead_line()); not again here. */
		if (!first && starts_with_ws(h))
			return;
		put_src(o, p, n);
		/* The last line of a header section that was not closed (or that
		 * ended in a lone CR at the end of the input) has no LF: complete
		 * it, or whatever follows would join it. */
		if (n && p[n - 1] != '\n')
			put(o, p[n - 1] == '\r' ? "\n" : "\r\n", p[n - 1] == '\r' ? 1 : 2);
		return;
	}
	const struct sm_hdr_row *row = &sm_hdr_rows[h->id];
	if (!(flags & (SIPMSG_WRITE_COMPACT | SIPMSG_WRITE_CANONICAL)) && !(h->flags & SIPMSG_HEADER_FOLDED)) {
		/* the usual edited line, "Name: value" CRLF, in one piece when it fits */
		size_t need = (size_t)h->name_len + h->value_len + 4;
		flush(o);
		if (o->buf && o->len + need <= o->size) {
			char *d = o->buf + o->len;
			memcpy(d, h->name, h->name_len);
			d += h->name_len;
			memcpy(d, ": ", 2);
			memcpy(d + 2, h->value, h->value_len);
			memcpy(d + 2 + h->value_len, "\r\n", 2);
			o->len += need;
			return;
		}
	}
	if (h->id && (flags & SIPMSG_WRITE_COMPACT) && row->compact)
		put_c(o, row->compact);
	else if (h->id && (flags & SIPMSG_WRITE_CANONICAL))
		put(o, row->name, row->name_len);
	else
		put(o, h->name, h->name_len);
	put(o, ": ", 2);
	if (h->flags & SIPMSG_HEADER_FOLDED)
		put_unfolded(o, h->value, h->value_len);
	else
		put(o, h->value, h->value_len);
	put(o, "\r\n", 2);
}

static void put_start_line(struct out *o, const sipmsg_msg *m, unsigned flags)
{
	if (!m->start_modified && !(flags & SIPMSG_WRITE_CANONICAL)) {
		put_src(o, m->start_raw.ptr, m->start_raw.len);
		return;
	}
	if (m->is_request) {
		put(o, m->method.ptr, m->method.len);
		put_c(o, ' ');
		put(o, m->ruri.ptr, m->ruri.len);
		put_c(o, ' ');
		put(o, m->version.ptr, m->version.len);
	} else {
		char code[8];
		int n = snprintf(code, sizeof code, " %03d ", m->status);
		put(o, m->version.ptr, m->version.len);
		put(o, code, (size_t)n);
		put(o, m->reason.ptr, m->reason.len);
	}
	put(o, "\r\n", 2);
}

/* A kept continuation line that edits moved away from the top (a header
 * inserted before it), or NULL. Only the first line of the input can be one. */
static const struct sm_hdr *lead_line(const sipmsg_msg *m)
{
	for (uint32_t i = 1; i < m->nhdrs; i++)
		if ((m->hdrs[i].flags & SIPMSG_HEADER_BAD_LINE) && starts_with_ws(&m->hdrs[i]))
			return &m->hdrs[i];
	return NULL;
}

static void write_all(struct out *o, const sipmsg_msg *m, unsigned flags)
{
	if (!m->modified && !flags && m->base) {
		put_src(o, m->base, m->length);
		flush(o);
		return;
	}
	bool canonical = flags & SIPMSG_WRITE_CANONICAL;
	if (!canonical)
		put_src(o, m->preamble.ptr, m->preamble.len);
	put_start_line(o, m, flags);
	const struct sm_hdr *lead = lead_line(m);
	if (lead)
		put_header(o, lead, flags, true);
	const struct sm_hdr *h = m->hdrs, *hend = h + m->nhdrs;
	for (; h < hend; h++) {
		/* an untouched line that follows the pending run extends it */
		const char *run = o->run;
		size_t run_len = o->run_len;
		if (!flags) {
			/* (a line without LF is left to put_header(), which ends it) */
			while (h < hend && !(h->flags & SIPMSG_HEADER_MODIFIED) && run_len && run + run_len == h->name &&
			       h->name[h->raw_len - 1] == '\n')
				run_len += (h++)->raw_len;
			o->run_len = run_len;
			if (h == hend)
				break;
		}
		put_header(o, h, flags, h == m->hdrs);
	}
	/* A lone CR ends the header section only as the input's last byte: with
	 * a body after it, it would read as the start of a header line. */
	if (m->separator.len == 1 && m->separator.ptr[0] == '\r' && !canonical)
		put(o, "\r\n", 2);
	else if (m->separator.len && !canonical)
		put_src(o, m->separator.ptr, m->separator.len);
	else if (m->separator.len || m->modified || canonical)
		put(o, "\r\n", 2);
	if (m->body_modified)
		put(o, m->body.ptr, m->body.len);
	else
		put_src(o, m->body.ptr, m->body.len);
	flush(o);
}

size_t sipmsg_write_size(const sipmsg_msg *m, unsigned flags)
{
	if (!m)
		return 0;
	struct out o = {0};
	write_all(&o, m, flags);
	return o.len;
}

sipmsg_status sipmsg_write(const sipmsg_msg *m, unsigned flags, char *buf, size_t size, size_t *written)
{
	if (!m || (!buf && size))
		return SIPMSG_EINVAL;
	struct out o = {.buf = buf, .size = size};
	write_all(&o, m, flags);
	if (written)
		*written = o.len;
	return o.len <= size ? SIPMSG_OK : SIPMSG_ENOSPC;
}

sipmsg_status sipmsg_write_alloc(const sipmsg_msg *m, unsigned flags, char **out, size_t *len)
{
	if (!m || !out)
		return SIPMSG_EINVAL;
	*out = NULL;
	size_t need = sipmsg_write_size(m, flags);
	char *buf = malloc(need + 1);
	if (!buf)
		return SIPMSG_ENOMEM;
	size_t n = 0;
	sipmsg_write(m, flags, buf, need, &n);
	buf[n] = '\0';
	*out = buf;
	if (len)
		*len = n;
	return SIPMSG_OK;
}
