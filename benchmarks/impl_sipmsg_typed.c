/* SPDX-License-Identifier: MIT */
/* libsipmsg "full typed read": parse the message (reused arena) and read
 * every header through its typed view, as DESIGN.md's target defines it
 * (compared with Sofia-SIP's plain parse, which decodes every known header).
 * Built only when sipmsg/uri.h (the typed layer) exists and this file
 * compiles against it (benchmarks/meson.build, bench_optional).
 *
 * Everything this file needs from the typed API is in the adapter block
 * below: when the typed layer lands with other names, change those lines;
 * meson warns while the file does not compile. read_all() also parses the
 * SDP body, so the row covers "plus its SDP". */
#include "bench.h"

#include <sipmsg/sipmsg.h>
#include <sipmsg/uri.h>

#include <stdlib.h>

/* ---- adapter: read header i of m through its typed views (sipmsg/views.h);
 * returns a number taken from the views (so the read cannot be optimised
 * away), or -1 ---- */
static long read_typed(sipmsg_msg *m, size_t i)
{
	size_t count;
	sipmsg_status st = sipmsg_header_parse(m, i, &count);
	if (st == SIPMSG_ENOMEM)
		return -1;
	if (st != SIPMSG_OK)
		return 0; /* a malformed value: reported, raw only */
	long acc = 0;
	for (size_t j = 0; j < count; j++) {
		sipmsg_typed t;
		if (sipmsg_header_value(m, i, j, &t) == SIPMSG_OK)
			acc += (long)t.raw.len;
	}
	return acc;
}
/* ---- end of the adapter ---- */

struct st {
	const struct bench_input *in;
	sipmsg_parse_opts opts;
	sipmsg_arena *arena;
};

static long read_all(void *p)
{
	struct st *s = p;
	sipmsg_msg *m;
	sipmsg_arena_reset(s->arena);
	if (sipmsg_parse(s->in->data, s->in->len, &s->opts, &m, NULL) != SIPMSG_OK)
		return -1;
	long acc = 0;
	for (size_t i = 0, n = sipmsg_header_count(m); i < n; i++) {
		long r = read_typed(m, i);
		if (r < 0)
			return -1;
		acc += r;
	}
	/* plus its SDP (every line and typed attribute, sipmsg/sdp.h) */
	sipmsg_sdp *sdp;
	if (sipmsg_msg_sdp(m, &sdp, NULL) == SIPMSG_OK)
		acc += (long)sipmsg_sdp_media_count(sdp);
	sipmsg_msg_free(m);
	return acc;
}

static void *setup(const struct bench_input *in)
{
	struct st *s = calloc(1, sizeof *s);
	if (!s || !(s->arena = sipmsg_arena_new(NULL, 0)))
		abort();
	s->in = in;
	sipmsg_parse_opts_init(&s->opts);
	s->opts.arena = s->arena;
	if (read_all(s) < 0)
		bench_fail("libsipmsg", "typed read", in);
	return s;
}

static void teardown(void *p)
{
	struct st *s = p;
	sipmsg_arena_free(s->arena);
	free(s);
}

static const struct bench_case cases[] = {
	{BP_TYPED, NULL, NULL, setup, read_all, teardown},
};

const struct bench_impl bench_impl_sipmsg_typed = {
	"libsipmsg", sipmsg_version, false, NULL, cases, BENCH_COUNTOF(cases),
};
