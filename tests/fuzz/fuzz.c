/* SPDX-License-Identifier: MIT */
/* Helpers shared by the fuzz targets: option bytes, a counting and failing
 * allocator, and the invariants every parsed message must satisfy. */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	fprintf(stderr, "%s:%d: check failed: %s: ", file, line, cond);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

uint8_t fuzz_u8(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t hi = fuzz_u8(in);
	return (uint16_t)(hi << 8 | fuzz_u8(in));
}

static void *fa_alloc(void *ctx, size_t n)
{
	struct fuzz_alloc *a = ctx;
	a->allocs++;
	if (a->fail_at && a->allocs == a->fail_at) {
		a->failed++;
		return NULL;
	}
	return malloc(n);
}

static void fa_free(void *ctx, void *p)
{
	struct fuzz_alloc *a = ctx;
	if (p)
		a->frees++;
	free(p);
}

void fuzz_alloc_init(struct fuzz_alloc *a, size_t fail_at)
{
	memset(a, 0, sizeof *a);
	a->fail_at = fail_at;
	a->al.alloc = fa_alloc;
	a->al.free = fa_free;
	a->al.ctx = a;
}

void fuzz_alloc_check_balanced(const struct fuzz_alloc *a, const char *what)
{
	FUZZ_CHECK(a->allocs - a->failed == a->frees, "%s: %zu allocations (%zu failed), %zu frees", what, a->allocs,
		   a->failed, a->frees);
}

void fuzz_take_parse_opts(struct fuzz_in *in, struct fuzz_parse *fp)
{
	uint8_t mode = fuzz_u8(in), off = fuzz_u8(in), b2 = fuzz_u8(in), b3 = fuzz_u8(in), b4 = fuzz_u8(in),
		b5 = fuzz_u8(in);
	memset(fp, 0, sizeof *fp);
	sipmsg_parse_opts *o = &fp->opts;
	sipmsg_parse_opts_init(o);
	if (mode & FUZZ_M_STRICT)
		o->flags |= SIPMSG_PARSE_STRICT;
	if (mode & FUZZ_M_STREAM)
		o->flags |= SIPMSG_PARSE_STREAM;
	if (mode & FUZZ_M_COPY)
		o->flags |= SIPMSG_PARSE_COPY;
	o->lenient = SIPMSG_LENIENT_ALL & ~(uint32_t)off;
	if (mode & FUZZ_M_LIMITS) {
		o->max_message_size = (size_t)b2 * 16;
		o->max_headers = b3;
		o->max_line_length = (size_t)b4 * 4;
	}
	if (mode & FUZZ_M_MBV_NONE)
		o->must_be_valid[0] = o->must_be_valid[1] = 0;
	if (mode & FUZZ_M_MBV_ALL)
		for (int id = 1; id < SIPMSG_HDR_COUNT_; id++)
			sipmsg_parse_opts_must_be_valid(o, (sipmsg_hdr_id)id, true);
	fp->fail_alloc = mode & FUZZ_M_FAILALLOC;
	fuzz_alloc_init(&fp->alloc, fp->fail_alloc ? 1u + b5 : 0);
	o->allocator = &fp->alloc.al;
	if (mode & FUZZ_M_ARENA) {
		fp->arena = sipmsg_arena_new(&fp->alloc.al, 32);
		o->arena = fp->arena; /* NULL when that first allocation failed: parse makes its own */
	}
}

void fuzz_parse_done(struct fuzz_parse *fp)
{
	sipmsg_arena_free(fp->arena);
	fp->arena = NULL;
	fuzz_alloc_check_balanced(&fp->alloc, "parse");
}

void fuzz_position(const uint8_t *data, size_t len, size_t offset, uint32_t *line, uint32_t *column)
{
	if (offset > len)
		offset = len;
	uint32_t l = 1;
	size_t start = 0;
	for (size_t i = 0; i < offset; i++)
		if (data[i] == '\n') {
			l++;
			start = i + 1;
		}
	*line = l;
	*column = (uint32_t)(offset - start + 1);
}

static bool is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Next unit of a value: a byte, or a whitespace run; *sp says the run had a line end. */
static size_t next_unit(const char *p, size_t n, size_t i, bool *folded)
{
	*folded = false;
	if (!is_lws(p[i]))
		return i + 1;
	size_t j = i;
	bool nl = false;
	while (j < n && is_lws(p[j])) {
		nl |= p[j] == '\r' || p[j] == '\n';
		j++;
	}
	if (!nl)
		return i + 1;
	*folded = true;
	return j;
}

bool fuzz_same_unfolded(sipmsg_slice a, sipmsg_slice b)
{
	size_t i = 0, j = 0;
	while (i < a.len && j < b.len) {
		bool fa, fb;
		size_t ni = next_unit(a.ptr, a.len, i, &fa), nj = next_unit(b.ptr, b.len, j, &fb);
		char ca = fa ? ' ' : a.ptr[i], cb = fb ? ' ' : b.ptr[j];
		if (ca != cb)
			return false;
		i = ni;
		j = nj;
	}
	return i == a.len && j == b.len;
}

void fuzz_reparse_opts(sipmsg_parse_opts *o, size_t len, size_t headers)
{
	sipmsg_parse_opts_init(o);
	o->must_be_valid[0] = o->must_be_valid[1] = 0;
	o->max_message_size = len + 1;
	o->max_headers = headers + 1;
	o->max_line_length = len + 1;
}

/* p[0..n) lies inside data[0..len). */
static bool inside(const void *p, size_t n, const uint8_t *data, size_t len)
{
	const uint8_t *q = p;
	return q >= data && q <= data + len && n <= (size_t)(data + len - q);
}

static void check_start_line(const sipmsg_msg *m, const uint8_t *data, size_t mlen, bool copied)
{
	sipmsg_slice v = sipmsg_msg_version(m);
	FUZZ_CHECK(v.len >= 7 && v.ptr, "version of %zu bytes", v.len);
	if (sipmsg_msg_is_request(m)) {
		sipmsg_slice me = sipmsg_msg_method(m), u = sipmsg_msg_request_uri(m);
		FUZZ_CHECK(me.len > 0, "empty method");
		FUZZ_CHECK(u.len > 0 && !memchr(u.ptr, ' ', u.len), "Request-URI of %zu bytes", u.len);
		FUZZ_CHECK(sipmsg_msg_method_id(m) == sipmsg_method_lookup(me.ptr, me.len), "method id");
		FUZZ_CHECK(sipmsg_msg_status(m) == 0 && sipmsg_msg_reason(m).len == 0, "a request has no status");
		if (!copied)
			FUZZ_CHECK(inside(me.ptr, me.len, data, mlen) && inside(u.ptr, u.len, data, mlen),
				   "start line slices outside the message");
	} else {
		int st = sipmsg_msg_status(m);
		FUZZ_CHECK(st >= 0 && st <= 999, "status %d", st);
		FUZZ_CHECK(sipmsg_msg_method(m).len == 0 && sipmsg_msg_request_uri(m).len == 0, "a response has no method");
		sipmsg_slice r = sipmsg_msg_reason(m);
		if (!copied)
			FUZZ_CHECK(!r.len || inside(r.ptr, r.len, data, mlen), "reason outside the message");
	}
	if (!copied)
		FUZZ_CHECK(inside(v.ptr, v.len, data, mlen), "version outside the message");
}

static void check_values(const sipmsg_msg *m, sipmsg_hdr_id id, const char *name, size_t nlen)
{
	sipmsg_value_iter it;
	if (id)
		sipmsg_values_begin_id(&it, m, id);
	else
		sipmsg_values_begin(&it, m, name, nlen);
	sipmsg_slice v;
	size_t n = 0, total = 0;
	for (size_t i = 0; i < sipmsg_header_count(m); i++) {
		sipmsg_header h;
		sipmsg_header_at(m, i, &h);
		total += h.value.len + 1;
	}
	while (sipmsg_values_next(&it, &v)) {
		sipmsg_header h;
		FUZZ_CHECK(sipmsg_header_at(m, it.header, &h) == SIPMSG_OK, "value of header %zu", it.header);
		FUZZ_CHECK(id ? h.id == id : h.id == SIPMSG_HDR_OTHER, "value from header %zu of id %d", it.header, h.id);
		FUZZ_CHECK(v.len > 0 || !(sipmsg_hdr_flags(id) & SIPMSG_HF_LIST), "an empty list element was returned");
		FUZZ_CHECK(v.len == 0 || (v.ptr >= h.value.ptr && v.ptr + v.len <= h.value.ptr + h.value.len),
			   "value outside its header");
		FUZZ_CHECK(++n <= total, "the value iterator does not stop");
	}
}

bool fuzz_is_token(const char *p, size_t n)
{
	static const char marks[] = "-.!%*_+`'~";
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c && strchr(marks, c))))
			return false;
	}
	return true;
}

bool fuzz_is_text(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

sipmsg_slice fuzz_trim(sipmsg_slice s)
{
	while (s.len && s.ptr[0] && strchr(" \t\r\n", s.ptr[0]))
		s.ptr++, s.len--;
	while (s.len && s.ptr[s.len - 1] && strchr(" \t\r\n", s.ptr[s.len - 1]))
		s.len--;
	return s;
}

void fuzz_sdp_reparse_opts(sipmsg_parse_opts *o, size_t len)
{
	sipmsg_parse_opts_init(o);
	o->max_sdp_lines = len + 1;
	o->max_line_length = len + 1;
	o->max_list_items = len + 1;
}

size_t fuzz_limit(size_t v, size_t dflt)
{
	return v ? v : dflt;
}

void fuzz_check_message(const sipmsg_msg *m, const uint8_t *data, size_t len, const sipmsg_parse_opts *o)
{
	bool copied = o->flags & SIPMSG_PARSE_COPY;
	size_t mlen = sipmsg_msg_length(m);
	size_t max_size = fuzz_limit(o->max_message_size, SIPMSG_DEFAULT_MAX_MESSAGE_SIZE);
	size_t max_headers = fuzz_limit(o->max_headers, SIPMSG_DEFAULT_MAX_HEADERS);
	FUZZ_CHECK(mlen <= len, "length %zu of %zu", mlen, len);
	FUZZ_CHECK(mlen <= max_size, "message of %zu bytes, max_message_size %zu", mlen, max_size);
	FUZZ_CHECK(!sipmsg_msg_is_modified(m), "modified after parse");
	sipmsg_slice tr = sipmsg_msg_trailing(m);
	FUZZ_CHECK(tr.len == len - mlen, "trailing %zu, expected %zu", tr.len, len - mlen);
	FUZZ_CHECK(!tr.len || memcmp(tr.ptr, data + mlen, tr.len) == 0, "trailing bytes differ");
	check_start_line(m, data, mlen, copied);

	/* headers: in order, where they say, named as they say */
	size_t count = sipmsg_header_count(m);
	FUZZ_CHECK(count <= max_headers, "%zu headers, max_headers %zu", count, max_headers);
	long first[SIPMSG_HDR_COUNT_];
	for (int i = 0; i < SIPMSG_HDR_COUNT_; i++)
		first[i] = -1;
	long first_other = -1;
	size_t prev_off = 0;
	uint32_t prev_line = 1;
	for (size_t i = 0; i < count; i++) {
		sipmsg_header h;
		FUZZ_CHECK(sipmsg_header_at(m, i, &h) == SIPMSG_OK, "header %zu of %zu", i, count);
		FUZZ_CHECK(h.offset < mlen && h.offset > prev_off, "header %zu at offset %zu (previous %zu)", i,
			   h.offset, prev_off);
		uint32_t line, col;
		fuzz_position(data, len, h.offset, &line, &col);
		FUZZ_CHECK(h.line == line && col == 1 && h.line > prev_line, "header %zu: line %u, expected %u:%u", i,
			   h.line, line, col);
		prev_off = h.offset;
		prev_line = h.line;
		FUZZ_CHECK(!(h.flags & ~0x1fu) && !(h.flags & SIPMSG_HEADER_MODIFIED), "header %zu flags %#x", i,
			   h.flags);
		if (!copied)
			FUZZ_CHECK(inside(h.value.ptr, h.value.len, data + h.offset, mlen - h.offset),
				   "header %zu value outside its line", i);
		if (h.flags & SIPMSG_HEADER_BAD_LINE) {
			FUZZ_CHECK(h.id == SIPMSG_HDR_OTHER && (h.flags & SIPMSG_HEADER_BAD), "bad line %zu", i);
			FUZZ_CHECK(memcmp(h.value.ptr, data + h.offset, h.value.len) == 0, "bad line %zu bytes", i);
			continue;
		}
		FUZZ_CHECK(h.name.len > 0 && h.name.len <= mlen - h.offset &&
				   memcmp(h.name.ptr, data + h.offset, h.name.len) == 0,
			   "header %zu name", i);
		FUZZ_CHECK(h.id == sipmsg_hdr_lookup(h.name.ptr, h.name.len), "header %zu id %d", i, h.id);
		FUZZ_CHECK(!!(h.flags & SIPMSG_HEADER_COMPACT) == (h.name.len == 1 && h.id), "header %zu compact flag", i);
		if (h.value.len) {
			FUZZ_CHECK(!is_lws(h.value.ptr[0]) && !is_lws(h.value.ptr[h.value.len - 1]),
				   "header %zu value not trimmed", i);
		}
		if (!(h.flags & SIPMSG_HEADER_FOLDED))
			FUZZ_CHECK(!memchr(h.value.ptr, '\n', h.value.len), "header %zu: LF in an unfolded value", i);
		if (h.id && first[h.id] < 0)
			first[h.id] = (long)i;
		if (!h.id && first_other < 0)
			first_other = (long)i;
	}
	sipmsg_header none;
	FUZZ_CHECK(sipmsg_header_at(m, count, &none) == SIPMSG_ENOTFOUND, "header past the end");
	for (int id = 1; id < SIPMSG_HDR_COUNT_; id++) {
		FUZZ_CHECK(sipmsg_header_find(m, (sipmsg_hdr_id)id, 0) == first[id], "find(%d) %ld, expected %ld", id,
			   sipmsg_header_find(m, (sipmsg_hdr_id)id, 0), first[id]);
		if (first[id] >= 0) {
			const char *name = sipmsg_hdr_name((sipmsg_hdr_id)id);
			FUZZ_CHECK(sipmsg_header_find_name(m, name, strlen(name), 0) == first[id], "find_name(%s)", name);
			check_values(m, (sipmsg_hdr_id)id, NULL, 0);
		}
	}
	if (first_other >= 0) {
		sipmsg_header h;
		sipmsg_header_at(m, (size_t)first_other, &h);
		FUZZ_CHECK(sipmsg_header_find_name(m, h.name.ptr, h.name.len, 0) == first_other, "find_name(other)");
		check_values(m, SIPMSG_HDR_OTHER, h.name.ptr, h.name.len);
	}

	/* the body ends the message */
	sipmsg_slice b = sipmsg_msg_body(m);
	FUZZ_CHECK(b.len <= mlen, "body of %zu bytes", b.len);
	FUZZ_CHECK(!b.len || memcmp(b.ptr, data + mlen - b.len, b.len) == 0, "body bytes");
	if (!copied && b.ptr)
		FUZZ_CHECK(b.ptr + b.len == (const char *)data + mlen, "the body does not end the message");

	/* untouched: written back byte for byte */
	FUZZ_CHECK(sipmsg_write_size(m, 0) == mlen, "write size %zu, length %zu", sipmsg_write_size(m, 0), mlen);
	char *out = NULL;
	size_t olen = 0;
	FUZZ_CHECK(sipmsg_write_alloc(m, 0, &out, &olen) == SIPMSG_OK, "write_alloc");
	FUZZ_CHECK(olen == mlen && memcmp(out, data, mlen) == 0 && out[olen] == '\0', "untouched write differs");
	if (mlen) {
		size_t w = 0;
		FUZZ_CHECK(sipmsg_write(m, 0, out, mlen - 1, &w) == SIPMSG_ENOSPC && w == mlen, "short buffer");
	}
	sipmsg_free(out);

	/* diagnostics: positions agree with an independent count */
	size_t nd = sipmsg_msg_diag_count(m), errors = 0;
	for (size_t i = 0; i < nd; i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(m, i);
		FUZZ_CHECK(d && d->message, "diag %zu", i);
		FUZZ_CHECK(strcmp(sipmsg_diag_code_name(d->code), "unknown") != 0, "diag %zu code %d", i, d->code);
		FUZZ_CHECK(d->severity == SIPMSG_SEVERITY_ERROR || d->severity == SIPMSG_SEVERITY_WARNING, "severity");
		errors += d->severity == SIPMSG_SEVERITY_ERROR;
		FUZZ_CHECK(d->header_index == SIZE_MAX || d->header_index < count, "diag %zu header %zu", i,
			   d->header_index);
		if (d->offset != SIZE_MAX) {
			uint32_t line, col;
			FUZZ_CHECK(d->offset <= len, "diag %zu offset %zu", i, d->offset);
			fuzz_position(data, len, d->offset, &line, &col);
			FUZZ_CHECK(d->line == line && d->column == col, "diag %zu (%s) at %zu: %u:%u, expected %u:%u", i,
				   sipmsg_diag_code_name(d->code), d->offset, d->line, d->column, line, col);
		}
	}
	FUZZ_CHECK(sipmsg_msg_diag_at(m, nd) == NULL, "diag past the end");
	FUZZ_CHECK(sipmsg_msg_error_count(m) == errors, "error count");
}

static bool has_nul(const char *s, size_t n) { return memchr(s, '\0', n) != NULL; }

sipmsg_status fuzz_parse_checked(const uint8_t *data, size_t len, struct fuzz_parse *fp, sipmsg_msg **out)
{
	sipmsg_error err;
	memset(&err, 0x5a, sizeof err);
	sipmsg_msg *m = (sipmsg_msg *)&err; /* anything but NULL: a failure must clear it */
	size_t failed = fp->alloc.failed;
	sipmsg_status st = sipmsg_parse(data, len, &fp->opts, &m, &err);
	if (fp->alloc.failed > failed)
		FUZZ_CHECK(st == SIPMSG_ENOMEM, "allocation %zu failed, status %s", fp->alloc.fail_at,
			   sipmsg_status_name(st));
	if (st == SIPMSG_OK) {
		FUZZ_CHECK(m != NULL, "OK without a message");
		fuzz_check_message(m, data, len, &fp->opts);
		*out = m;
		return st;
	}
	*out = NULL;
	FUZZ_CHECK(m == NULL, "failure left a message");
	FUZZ_CHECK(st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT || st == SIPMSG_ENOMEM, "status %d", st);
	FUZZ_CHECK(err.status == st, "err.status %d, returned %d", err.status, st);
	FUZZ_CHECK(has_nul(err.reason, sizeof err.reason) && err.reason[0], "reason");
	FUZZ_CHECK(has_nul(err.header, sizeof err.header), "header name");
	if (st != SIPMSG_ENOMEM) {
		FUZZ_CHECK(err.code != 0 && strcmp(sipmsg_diag_code_name(err.code), "unknown") != 0, "code %d",
			   err.code);
		FUZZ_CHECK(err.offset <= len, "error offset %zu of %zu", err.offset, len);
		uint32_t line, col;
		fuzz_position(data, len, err.offset, &line, &col);
		FUZZ_CHECK(err.line == line && err.column == col, "error (%s) at %zu: %u:%u, expected %u:%u",
			   err.reason, err.offset, err.line, err.column, line, col);
	}
	char buf[300];
	size_t need = sipmsg_error_format(&err, NULL, 0);
	FUZZ_CHECK(sipmsg_error_format(&err, buf, sizeof buf) == need && strlen(buf) == need, "error_format");
	return st;
}
