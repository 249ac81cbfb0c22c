/* SPDX-License-Identifier: MIT */
/* URI parse. Byte 0: bit 0 small max_uri_params (byte 1 low 4 bits), bit 1
 * a failing allocator (at call 1 + byte 1 high 4 bits), bit 2 an arena with
 * a tiny first block; the rest is the URI text. Checked: the status and the
 * error record; every slice of a parsed URI lies inside the text; the
 * parameter and header counts respect the limit; a URI equals itself and a
 * second parse of the same text. */
#include "fuzz.h"

#include <string.h>

static void in_text(sipmsg_slice s, const char *t, size_t n, const char *what)
{
	FUZZ_CHECK(!s.len || (s.ptr >= t && s.ptr <= t + n && s.len <= (size_t)(t + n - s.ptr)), "%s outside the text",
		   what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	uint8_t mode = fuzz_u8(&in), b = fuzz_u8(&in);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	if (mode & 1)
		o.max_uri_params = b & 15u;
	struct fuzz_alloc fa;
	fuzz_alloc_init(&fa, mode & 2 ? 1u + (b >> 4) : 0);
	sipmsg_arena *a = sipmsg_arena_new(&fa.al, mode & 4 ? 16 : 0);
	if (!a) {
		fuzz_alloc_check_balanced(&fa, "arena");
		return 0;
	}
	const char *t = (const char *)in.p;
	size_t n = in.n;
	sipmsg_uri u;
	sipmsg_error err;
	size_t failed = fa.failed;
	sipmsg_status st = sipmsg_uri_parse(t, n, a, &o, &u, &err);
	if (fa.failed > failed)
		FUZZ_CHECK(st == SIPMSG_ENOMEM, "allocation failed, status %s", sipmsg_status_name(st));
	if (st == SIPMSG_OK) {
		FUZZ_CHECK(u.raw.ptr == t && u.raw.len == n, "raw is not the whole text");
		const sipmsg_slice parts[] = {u.scheme_name, u.user, u.password, u.host, u.transport, u.user_param,
					      u.method, u.maddr, u.ttl, u.opaque};
		for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
			in_text(parts[i], t, n, "a part");
		size_t max = fuzz_limit(o.max_uri_params, SIPMSG_DEFAULT_MAX_URI_PARAMS);
		FUZZ_CHECK(u.param_count <= max && u.header_count <= max, "%zu params, %zu headers, limit %zu",
			   u.param_count, u.header_count, max);
		for (size_t i = 0; i < u.param_count; i++) {
			in_text(u.params[i].name, t, n, "a parameter name");
			in_text(u.params[i].value, t, n, "a parameter value");
		}
		for (size_t i = 0; i < u.header_count; i++) {
			in_text(u.headers[i].name, t, n, "a header name");
			in_text(u.headers[i].value, t, n, "a header value");
		}
		FUZZ_CHECK(sipmsg_uri_equal(&u, &u), "a URI differs from itself");
		sipmsg_uri v;
		if (sipmsg_uri_parse(t, n, a, &o, &v, NULL) == SIPMSG_OK)
			FUZZ_CHECK(sipmsg_uri_equal(&u, &v) && sipmsg_uri_equal(&v, &u), "two parses differ");
	} else {
		FUZZ_CHECK(st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT || st == SIPMSG_ENOMEM || st == SIPMSG_EINVAL,
			   "status %d", st);
		FUZZ_CHECK(err.status == st, "err.status");
		if (st == SIPMSG_ESYNTAX || st == SIPMSG_ELIMIT)
			FUZZ_CHECK(err.offset <= n, "error offset %zu of %zu", err.offset, n);
	}
	sipmsg_arena_free(a);
	fuzz_alloc_check_balanced(&fa, "uri");
	return 0;
}
