/* SPDX-License-Identifier: MIT */
/* SDP parse. Byte 0: bit 0 STRICT, bit 1 COPY, bit 2 small limits (bytes 2
 * and 3), bit 3 a failing allocator (at call 1 + byte 4), bit 4 a caller
 * arena; byte 1: SDP leniency flags to clear (low 4 bits); byte 2:
 * max_sdp_lines; byte 3: max_line_length / 4 and max_list_items / 8; then
 * the SDP. Checked: the status and the error record (position recounted);
 * an untouched SDP writes back byte for byte; every line lies where it says;
 * checks and diagnostics; the canonical write parses again into the same
 * sections and line counts. */
#include "fuzz.h"

#include <string.h>

static void check_diags(const sipmsg_sdp *sdp, const uint8_t *d, size_t n)
{
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++) {
		const sipmsg_diag *g = sipmsg_sdp_diag_at(sdp, i);
		FUZZ_CHECK(g && g->message, "diag %zu", i);
		if (g->offset == SIZE_MAX)
			continue;
		uint32_t line, col;
		FUZZ_CHECK(g->offset <= n, "diag %zu offset %zu of %zu", i, g->offset, n);
		fuzz_position(d, n, g->offset, &line, &col);
		FUZZ_CHECK(g->line == line && g->column == col, "diag %zu (%s) at %zu: %u:%u, expected %u:%u", i,
			   sipmsg_diag_code_name(g->code), g->offset, g->line, g->column, line, col);
	}
}

static size_t lines_of(const sipmsg_sdp_section *sec, const uint8_t *d, size_t n, bool copied)
{
	size_t count = sipmsg_sdp_line_count(sec);
	for (size_t i = 0; i < count; i++) {
		sipmsg_sdp_line l;
		FUZZ_CHECK(sipmsg_sdp_line_at(sec, i, &l) == SIPMSG_OK, "line %zu of %zu", i, count);
		if (!d || l.offset == SIZE_MAX)
			continue;
		FUZZ_CHECK(l.offset < n && l.raw.len <= n - l.offset && memcmp(l.raw.ptr, d + l.offset, l.raw.len) == 0,
			   "line %zu is not at offset %zu", i, l.offset);
		if (!copied)
			FUZZ_CHECK(l.raw.ptr == (const char *)d + l.offset, "line %zu slice", i);
		uint32_t line, col;
		fuzz_position(d, n, l.offset, &line, &col);
		FUZZ_CHECK(l.line == line && col == 1, "line %zu: number %u, expected %u:%u", i, l.line, line, col);
	}
	sipmsg_sdp_line none;
	FUZZ_CHECK(sipmsg_sdp_line_at(sec, count, &none) != SIPMSG_OK, "line past the end");
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	uint8_t mode = fuzz_u8(&in), off = fuzz_u8(&in), b2 = fuzz_u8(&in), b3 = fuzz_u8(&in), b4 = fuzz_u8(&in);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	if (mode & 1)
		o.flags |= SIPMSG_PARSE_STRICT;
	if (mode & 2)
		o.flags |= SIPMSG_PARSE_COPY;
	o.lenient &= ~((uint32_t)(off & 15u) << 16);
	if (mode & 4) {
		o.max_sdp_lines = b2;
		o.max_line_length = (size_t)b3 * 4;
		o.max_list_items = b3 / 8u;
	}
	struct fuzz_alloc fa;
	fuzz_alloc_init(&fa, mode & 8 ? 1u + b4 : 0);
	o.allocator = &fa.al;
	sipmsg_arena *arena = NULL;
	if (mode & 16)
		o.arena = arena = sipmsg_arena_new(&fa.al, 32);
	const uint8_t *d = in.p;
	size_t n = in.n;

	sipmsg_sdp *sdp = NULL;
	sipmsg_error err;
	size_t failed = fa.failed;
	sipmsg_status st = sipmsg_sdp_parse(d, n, &o, &sdp, &err);
	if (fa.failed > failed)
		FUZZ_CHECK(st == SIPMSG_ENOMEM, "allocation failed, status %s", sipmsg_status_name(st));
	if (st != SIPMSG_OK) {
		FUZZ_CHECK(st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT || st == SIPMSG_ENOMEM, "status %d", st);
		FUZZ_CHECK(err.status == st, "err.status %d, returned %d", err.status, st);
		if (st != SIPMSG_ENOMEM && err.offset == SIZE_MAX) {
			/* an error about no place in the input (e.g. a missing line) */
			FUZZ_CHECK(err.line == 0 && err.column == 0, "error without offset at %u:%u", err.line, err.column);
		} else if (st != SIPMSG_ENOMEM) {
			uint32_t line, col;
			FUZZ_CHECK(err.offset <= n, "error offset %zu of %zu", err.offset, n);
			fuzz_position(d, n, err.offset, &line, &col);
			FUZZ_CHECK(err.line == line && err.column == col, "error (%s) at %zu: %u:%u, expected %u:%u",
				   err.reason, err.offset, err.line, err.column, line, col);
		}
		goto done;
	}
	FUZZ_CHECK(!sipmsg_sdp_is_modified(sdp), "modified after parse");
	char *out;
	size_t olen;
	FUZZ_CHECK(sipmsg_sdp_write_alloc(sdp, 0, &out, &olen) == SIPMSG_OK, "write");
	FUZZ_CHECK(olen == n && memcmp(out, d, n) == 0, "untouched SDP written as %zu other bytes (input %zu)", olen, n);
	sipmsg_free(out);
	bool copied = o.flags & SIPMSG_PARSE_COPY;
	size_t media = sipmsg_sdp_media_count(sdp), counts[65];
	counts[0] = lines_of(sipmsg_sdp_session(sdp), d, n, copied);
	for (size_t i = 0; i < media; i++) {
		const sipmsg_sdp_section *sec = sipmsg_sdp_media_at(sdp, i);
		FUZZ_CHECK(sec && sipmsg_sdp_section_is_media(sec), "media %zu", i);
		size_t c = lines_of(sec, d, n, copied);
		if (i < 64)
			counts[i + 1] = c;
	}
	FUZZ_CHECK(sipmsg_sdp_media_at(sdp, media) == NULL, "media past the end");
	check_diags(sdp, d, n);
	st = sipmsg_sdp_check(sdp);
	FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ESYNTAX || st == SIPMSG_ENOMEM, "check: %s", sipmsg_status_name(st));
	check_diags(sdp, d, n);

	/* canonical: every line end CRLF; parses again into the same shape */
	FUZZ_CHECK(sipmsg_sdp_write_alloc(sdp, SIPMSG_WRITE_CANONICAL, &out, &olen) == SIPMSG_OK, "canonical write");
	sipmsg_parse_opts ro;
	fuzz_sdp_reparse_opts(&ro, olen);
	sipmsg_sdp *r;
	st = sipmsg_sdp_parse(out, olen, &ro, &r, &err);
	FUZZ_CHECK(st == SIPMSG_OK, "the canonical SDP does not parse: %s: %s", sipmsg_status_name(st), err.reason);
	FUZZ_CHECK(sipmsg_sdp_media_count(r) == media, "%zu media, then %zu", media, sipmsg_sdp_media_count(r));
	FUZZ_CHECK(lines_of(sipmsg_sdp_session(r), NULL, 0, false) == counts[0], "session lines");
	for (size_t i = 0; i < media && i < 64; i++)
		FUZZ_CHECK(lines_of(sipmsg_sdp_media_at(r, i), NULL, 0, false) == counts[i + 1], "media %zu lines", i);
	sipmsg_sdp_free(r);
	sipmsg_free(out);
done:
	sipmsg_sdp_free(sdp);
	sipmsg_arena_free(arena);
	fuzz_alloc_check_balanced(&fa, "sdp");
	return 0;
}
