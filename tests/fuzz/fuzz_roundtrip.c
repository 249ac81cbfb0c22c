/* SPDX-License-Identifier: MIT */
/* Differential: parse -> write -> parse. FUZZ_OPT_BYTES option bytes
 * (fuzz.h), then the message.
 *
 * 1. The untouched write is the input's message bytes exactly (checked in
 *    fuzz_check_message), and parsing those bytes again with the same options
 *    gives the same start line, the same headers (names, values, ids, flags,
 *    offsets, lines) and the same body.
 * 2. The canonical and the compact writes parse again (leniently) into the
 *    same start line, the same header ids and values (folding undone) and the
 *    same body.
 * 3. A clone writes the same bytes as its original. */
#include "fuzz.h"

#include <string.h>

static bool same(sipmsg_slice a, sipmsg_slice b)
{
	return a.len == b.len && (!a.len || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void same_start(const sipmsg_msg *a, const sipmsg_msg *b, const char *what)
{
	FUZZ_CHECK(sipmsg_msg_is_request(a) == sipmsg_msg_is_request(b), "%s: kind", what);
	FUZZ_CHECK(same(sipmsg_msg_method(a), sipmsg_msg_method(b)), "%s: method", what);
	FUZZ_CHECK(same(sipmsg_msg_request_uri(a), sipmsg_msg_request_uri(b)), "%s: Request-URI", what);
	FUZZ_CHECK(same(sipmsg_msg_version(a), sipmsg_msg_version(b)), "%s: version", what);
	FUZZ_CHECK(sipmsg_msg_status(a) == sipmsg_msg_status(b), "%s: status", what);
	FUZZ_CHECK(same(sipmsg_msg_reason(a), sipmsg_msg_reason(b)), "%s: reason", what);
	FUZZ_CHECK(same(sipmsg_msg_body(a), sipmsg_msg_body(b)), "%s: body", what);
	FUZZ_CHECK(sipmsg_header_count(a) == sipmsg_header_count(b), "%s: %zu headers, then %zu", what,
		   sipmsg_header_count(a), sipmsg_header_count(b));
}

/* Write m with flags, parse that leniently, compare. */
static void rewrite(const sipmsg_msg *m, unsigned flags, const char *what)
{
	char *out;
	size_t len;
	FUZZ_CHECK(sipmsg_write_alloc(m, flags, &out, &len) == SIPMSG_OK, "%s: write", what);
	FUZZ_CHECK(sipmsg_write_size(m, flags) == len, "%s: write size", what);
	sipmsg_parse_opts o;
	fuzz_reparse_opts(&o, len, sipmsg_header_count(m));
	sipmsg_msg *r;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(out, len, &o, &r, &err);
	FUZZ_CHECK(st == SIPMSG_OK, "%s: the written message does not parse: %s at %u:%u: %s", what,
		   sipmsg_status_name(st), err.line, err.column, err.reason);
	FUZZ_CHECK(sipmsg_msg_length(r) == len, "%s: wrote %zu bytes, parsed %zu", what, len, sipmsg_msg_length(r));
	same_start(m, r, what);
	for (size_t i = 0; i < sipmsg_header_count(m); i++) {
		sipmsg_header a, b;
		sipmsg_header_at(m, i, &a);
		sipmsg_header_at(r, i, &b);
		FUZZ_CHECK(a.id == b.id, "%s: header %zu id %d, then %d", what, i, a.id, b.id);
		FUZZ_CHECK((a.flags & SIPMSG_HEADER_BAD_LINE) == (b.flags & SIPMSG_HEADER_BAD_LINE), "%s: header %zu bad line",
			   what, i);
		if (!a.id && !(a.flags & SIPMSG_HEADER_BAD_LINE))
			FUZZ_CHECK(same(a.name, b.name), "%s: header %zu name", what, i);
		if (a.id && flags == SIPMSG_WRITE_COMPACT && sipmsg_hdr_compact(a.id))
			FUZZ_CHECK(b.name.len == 1 && (b.name.ptr[0] | 0x20) == sipmsg_hdr_compact(a.id), "%s: header %zu not compact",
				   what, i);
		FUZZ_CHECK(fuzz_same_unfolded(a.value, b.value), "%s: header %zu value '%.*s', then '%.*s'", what, i,
			   (int)a.value.len, a.value.ptr, (int)b.value.len, b.value.ptr);
	}
	sipmsg_msg_free(r);
	sipmsg_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	struct fuzz_parse fp;
	fuzz_take_parse_opts(&in, &fp);
	sipmsg_msg *m;
	if (fuzz_parse_checked(in.p, in.n, &fp, &m) != SIPMSG_OK) {
		fuzz_parse_done(&fp);
		return 0;
	}
	size_t mlen = sipmsg_msg_length(m);

	/* 1. the message bytes alone, same options */
	sipmsg_parse_opts o = fp.opts;
	o.allocator = NULL;
	o.arena = NULL;
	sipmsg_msg *r;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(in.p, mlen, &o, &r, &err);
	FUZZ_CHECK(st == SIPMSG_OK, "the message bytes alone do not parse: %s: %s", sipmsg_status_name(st), err.reason);
	same_start(m, r, "same bytes");
	FUZZ_CHECK(sipmsg_msg_length(r) == mlen && sipmsg_msg_trailing(r).len == 0, "same bytes: length");
	for (size_t i = 0; i < sipmsg_header_count(m); i++) {
		sipmsg_header a, b;
		sipmsg_header_at(m, i, &a);
		sipmsg_header_at(r, i, &b);
		FUZZ_CHECK(a.id == b.id && a.flags == b.flags && a.offset == b.offset && a.line == b.line &&
				   same(a.name, b.name) && same(a.value, b.value),
			   "same bytes: header %zu differs", i);
	}
	sipmsg_msg_free(r);

	/* 2. canonical and compact forms */
	rewrite(m, SIPMSG_WRITE_CANONICAL, "canonical");
	rewrite(m, SIPMSG_WRITE_COMPACT, "compact");

	/* 3. clone */
	sipmsg_msg *c;
	st = sipmsg_msg_clone(m, &c);
	if (!(st == SIPMSG_ENOMEM && fp.fail_alloc)) {
		FUZZ_CHECK(st == SIPMSG_OK, "clone: %s", sipmsg_status_name(st));
		FUZZ_CHECK(sipmsg_write_size(c, 0) == mlen, "the clone writes %zu bytes, not %zu", sipmsg_write_size(c, 0),
			   mlen);
		char *w;
		size_t wl;
		FUZZ_CHECK(sipmsg_write_alloc(c, 0, &w, &wl) == SIPMSG_OK && wl == mlen && memcmp(w, in.p, mlen) == 0,
			   "the clone writes other bytes");
		sipmsg_free(w);
		same_start(m, c, "clone");
		sipmsg_msg_free(c);
	}
	sipmsg_msg_free(m);
	fuzz_parse_done(&fp);
	return 0;
}
