/* SPDX-License-Identifier: MIT */
/* Stream framing. Byte 0 picks max_message_size, byte 1 the number of split
 * points (low 4 bits) and whether the caller drops keep-alives as they come
 * (bit 4); then two bytes per split point; the rest is the byte stream.
 *
 * The stream is framed once, whole, with sipmsg_frame() in a loop, then fed
 * to one sipmsg_framer in pieces cut at the split points. Both must find the
 * same messages at the same offsets and end the same way. Each message that
 * then parses as a stream message must end exactly where the framer said:
 * a framer and a parser that disagree on a message's end let one peer
 * smuggle a message past another. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#define MAX_MSGS 256

struct framing {
	size_t start[MAX_MSGS], len[MAX_MSGS];
	size_t n;
	sipmsg_status end; /* EAGAIN at the end of the input, or the error */
	int code;
	size_t err_at; /* stream offset of the error */
};

static size_t limit_of(uint8_t b)
{
	return b == 0 ? 0 : (size_t)b * (b < 128 ? 8 : 64);
}

static void check_error(const sipmsg_error *err, sipmsg_status st, const uint8_t *p, size_t len)
{
	FUZZ_CHECK(st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT, "framer status %s", sipmsg_status_name(st));
	FUZZ_CHECK(err->status == st && err->code != 0 && err->offset <= len, "framer error record");
	uint32_t line, col;
	fuzz_position(p, len, err->offset, &line, &col);
	FUZZ_CHECK(err->line == line && err->column == col, "framer error at %zu: %u:%u, expected %u:%u", err->offset,
		   err->line, err->column, line, col);
}

static void whole(const uint8_t *s, size_t n, size_t max, struct framing *f)
{
	size_t off = 0;
	memset(f, 0, sizeof *f);
	for (;;) {
		size_t skip = 99, len = 99;
		sipmsg_error err;
		sipmsg_status st = sipmsg_frame(s + off, n - off, max, &skip, &len, &err);
		if (st == SIPMSG_OK) {
			FUZZ_CHECK(len > 0 && skip + len <= n - off, "message %zu+%zu of %zu", skip, len, n - off);
			if (f->n < MAX_MSGS) {
				f->start[f->n] = off + skip;
				f->len[f->n] = len;
			}
			f->n++;
			off += skip + len;
			continue;
		}
		if (st != SIPMSG_EAGAIN) {
			check_error(&err, st, s + off, n - off);
			f->code = err.code;
			f->err_at = off + err.offset;
		} else {
			FUZZ_CHECK(skip <= n - off, "keep-alives %zu of %zu", skip, n - off);
		}
		f->end = st;
		return;
	}
}

static void pieces(const uint8_t *s, size_t n, size_t max, const size_t *cuts, size_t ncuts, bool drop,
		   struct framing *f)
{
	memset(f, 0, sizeof *f);
	sipmsg_framer fr;
	sipmsg_framer_init(&fr, max);
	size_t start = 0; /* where the caller's buffer begins */
	for (size_t c = 0; c <= ncuts; c++) {
		size_t have = c < ncuts ? cuts[c] : n;
		for (;;) {
			size_t skip = 99, len = 99;
			sipmsg_error err;
			sipmsg_status st = sipmsg_framer_next(&fr, s + start, have - start, &skip, &len, &err);
			if (st == SIPMSG_OK) {
				if (f->n < MAX_MSGS) {
					f->start[f->n] = start + skip;
					f->len[f->n] = len;
				}
				f->n++;
				start += skip + len;
				continue;
			}
			if (st != SIPMSG_EAGAIN) {
				check_error(&err, st, s + start, have - start);
				f->end = st;
				f->code = err.code;
				f->err_at = start + err.offset;
				return;
			}
			FUZZ_CHECK(skip <= have - start, "keep-alives %zu of %zu", skip, have - start);
			if (drop && skip) {
				start += skip;
				sipmsg_framer_reset(&fr);
			}
			break;
		}
	}
	f->end = SIPMSG_EAGAIN;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	size_t max = limit_of(fuzz_u8(&in));
	uint8_t b1 = fuzz_u8(&in);
	size_t ncuts = b1 & 15u;
	bool drop = b1 & 16u;
	uint16_t raw[15];
	for (size_t i = 0; i < ncuts; i++)
		raw[i] = fuzz_u16(&in);
	const uint8_t *s = in.p;
	size_t n = in.n;
	size_t cuts[15];
	for (size_t i = 0; i < ncuts; i++)
		cuts[i] = n ? raw[i] % (n + 1) : 0;
	qsort(cuts, ncuts, sizeof cuts[0], cmp_size);

	static struct framing a, b; /* large; one input at a time */
	whole(s, n, max, &a);
	pieces(s, n, max, cuts, ncuts, drop, &b);
	FUZZ_CHECK(a.n == b.n, "%zu messages whole, %zu in pieces", a.n, b.n);
	for (size_t i = 0; i < a.n && i < MAX_MSGS; i++)
		FUZZ_CHECK(a.start[i] == b.start[i] && a.len[i] == b.len[i], "message %zu: %zu+%zu whole, %zu+%zu in pieces",
			   i, a.start[i], a.len[i], b.start[i], b.len[i]);
	FUZZ_CHECK(a.end == b.end && a.code == b.code, "ends with %s/%d whole, %s/%d in pieces",
		   sipmsg_status_name(a.end), a.code, sipmsg_status_name(b.end), b.code);
	if (a.end != SIPMSG_EAGAIN)
		FUZZ_CHECK(a.err_at == b.err_at, "error at %zu whole, %zu in pieces", a.err_at, b.err_at);

	/* framer and parser agree on where each message ends */
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STREAM;
	o.max_message_size = max ? max : SIPMSG_DEFAULT_MAX_MESSAGE_SIZE;
	for (size_t i = 0; i < a.n && i < MAX_MSGS; i++) {
		FUZZ_CHECK(a.len[i] <= o.max_message_size, "framed %zu bytes over the limit %zu", a.len[i],
			   o.max_message_size);
		sipmsg_msg *m;
		if (sipmsg_parse(s + a.start[i], a.len[i], &o, &m, NULL) != SIPMSG_OK)
			continue;
		FUZZ_CHECK(sipmsg_msg_length(m) == a.len[i], "message %zu: framed %zu bytes, parsed %zu", i, a.len[i],
			   sipmsg_msg_length(m));
		sipmsg_msg_free(m);
	}
	return 0;
}
