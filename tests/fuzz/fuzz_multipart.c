/* SPDX-License-Identifier: MIT */
/* Multipart split. Byte 0: bit 7 strict mode, bits 0..6 the boundary length
 * (mod 72); byte 1: bit 3 a small max_multipart_depth (bits 0..2), bits 4..7
 * a failing allocator (at that call); then the boundary, then the body.
 * Checked: the status and error offset; every slice of every part, nested
 * ones included, lies inside the body and inside its part; nesting respects
 * the limit; an unclosed body (lenient only) has no epilogue and its last
 * part runs to its end. */
#include "fuzz.h"

#include <string.h>

static bool inside(sipmsg_slice s, sipmsg_slice outer)
{
	return !s.len || (s.ptr >= outer.ptr && s.ptr <= outer.ptr + outer.len &&
			  s.len <= (size_t)(outer.ptr + outer.len - s.ptr));
}

/* Nothing after part but, at most, a last delimiter line the body ends in:
 * [[CR] LF] "--" boundary, then only padding and a line end (an empty part
 * right after a delimiter line has no line end of its own before the next). */
static bool only_delimiter_after(sipmsg_slice part, sipmsg_slice body, sipmsg_slice boundary)
{
	const char *p = part.ptr + part.len, *end = body.ptr + body.len;
	if (p == end)
		return true;
	if (p < end && *p == '\r')
		p++;
	if (p < end && *p == '\n')
		p++;
	if ((size_t)(end - p) < boundary.len + 2 || p[0] != '-' || p[1] != '-' ||
	    memcmp(p + 2, boundary.ptr, boundary.len) != 0)
		return false;
	for (p += 2 + boundary.len; p < end; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

static void check_parts(const sipmsg_multipart *mp, sipmsg_slice body, size_t depth, size_t max_depth)
{
	FUZZ_CHECK(depth <= max_depth, "nesting %zu over max_multipart_depth %zu", depth, max_depth);
	FUZZ_CHECK(inside(mp->preamble, body) && inside(mp->epilogue, body), "preamble or epilogue outside the body");
	for (size_t i = 0; i < mp->part_count; i++) {
		const sipmsg_mime_part *p = &mp->parts[i];
		FUZZ_CHECK(inside(p->raw, body), "part %zu outside the body", i);
		FUZZ_CHECK(inside(p->body, p->raw), "part %zu body outside the part", i);
		FUZZ_CHECK(inside(p->content_type, p->raw), "part %zu Content-Type outside the part", i);
		for (size_t h = 0; h < p->header_count; h++)
			FUZZ_CHECK(inside(p->headers[h].name, p->raw) && inside(p->headers[h].value, p->raw),
				   "part %zu header %zu outside the part", i, h);
		if (p->nested)
			check_parts(p->nested, p->body, depth + 1, max_depth);
	}
	if (!mp->closed) {
		FUZZ_CHECK(mp->epilogue.len == 0, "an unclosed body with an epilogue");
		const sipmsg_mime_part *last = mp->part_count ? &mp->parts[mp->part_count - 1] : NULL;
		FUZZ_CHECK(!last || only_delimiter_after(last->raw, body, mp->boundary),
			   "the last part of an unclosed body stops before its end");
	}
}

static bool all_closed(const sipmsg_multipart *mp)
{
	if (!mp->closed)
		return false;
	for (size_t i = 0; i < mp->part_count; i++)
		if (mp->parts[i].nested && !all_closed(mp->parts[i].nested))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	uint8_t b0 = fuzz_u8(&in);
	size_t blen = (b0 & 0x7fu) % 72u;
	uint8_t b1 = fuzz_u8(&in);
	if (blen > in.n)
		blen = in.n;
	const char *boundary = (const char *)in.p;
	const char *body = boundary + blen;
	size_t len = in.n - blen;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	if (b1 & 8)
		o.max_multipart_depth = b1 & 7u;
	if (b0 & 0x80)
		o.flags |= SIPMSG_PARSE_STRICT;
	struct fuzz_alloc fa;
	fuzz_alloc_init(&fa, b1 >> 4);
	sipmsg_arena *a = sipmsg_arena_new(&fa.al, 64);
	if (!a) {
		fuzz_alloc_check_balanced(&fa, "arena");
		return 0;
	}
	sipmsg_multipart mp;
	sipmsg_error err;
	size_t failed = fa.failed;
	sipmsg_status st = sipmsg_multipart_parse(body, len, boundary, blen, a, &o, &mp, &err);
	if (fa.failed > failed)
		FUZZ_CHECK(st == SIPMSG_ENOMEM, "allocation failed, status %s", sipmsg_status_name(st));
	if (st == SIPMSG_OK) {
		check_parts(&mp, (sipmsg_slice){body, len}, 0,
			    fuzz_limit(o.max_multipart_depth, SIPMSG_DEFAULT_MAX_MULTIPART_DEPTH));
		FUZZ_CHECK(!(b0 & 0x80) || all_closed(&mp), "strict mode split an unclosed body");
	} else {
		FUZZ_CHECK(st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT || st == SIPMSG_ENOMEM || st == SIPMSG_EINVAL,
			   "status %d", st);
		FUZZ_CHECK(err.status == st, "err.status");
		if (st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT)
			FUZZ_CHECK(err.offset <= len, "error offset %zu of %zu", err.offset, len);
	}
	sipmsg_arena_free(a);
	fuzz_alloc_check_balanced(&fa, "multipart");
	return 0;
}
