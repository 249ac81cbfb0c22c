/* SPDX-License-Identifier: MIT */
/* libsipmsg SDP phases: parse the body of each message that carries SDP, and
 * write a parsed one back. Built only when sipmsg/sdp.h exists and this file
 * compiles against it (benchmarks/meson.build, bench_optional).
 *
 * Everything this file needs from the SDP API is in the adapter block below:
 * when sdp.h lands with other names, change those few lines (and nothing
 * else); meson warns while the file does not compile. */
#include "bench.h"

#include <sipmsg/sdp.h>
#include <sipmsg/sipmsg.h>

#include <stdlib.h>

/* ---- adapter: the SDP API as this file expects it ---- */
typedef sipmsg_sdp bench_sdp;
static sipmsg_status sdp_parse(const char *p, size_t n, bench_sdp **out)
{
	return sipmsg_sdp_parse(p, n, NULL, out, NULL);
}
static long sdp_check(const bench_sdp *s) { return (long)sipmsg_sdp_media_count(s); }
static sipmsg_status sdp_write(const bench_sdp *s, char *buf, size_t size, size_t *n)
{
	return sipmsg_sdp_write(s, 0, buf, size, n);
}
static void sdp_free(bench_sdp *s) { sipmsg_sdp_free(s); }
/* ---- end of the adapter ---- */

struct st {
	const struct bench_input *in;
	bench_sdp *sdp;
	char *buf;
	size_t size;
};

static void teardown(void *p)
{
	struct st *s = p;
	if (s->sdp)
		sdp_free(s->sdp);
	free(s->buf);
	free(s);
}

static struct st *st_new(const struct bench_input *in)
{
	struct st *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->in = in;
	s->size = in->body_len * 2 + 1024;
	if (!(s->buf = malloc(s->size)))
		abort();
	return s;
}

static long parse_run(void *p)
{
	struct st *s = p;
	bench_sdp *sdp;
	if (sdp_parse(s->in->body, s->in->body_len, &sdp) != SIPMSG_OK)
		return -1;
	long r = sdp_check(sdp);
	sdp_free(sdp);
	return r;
}

static void *parse_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	struct st *s = st_new(in);
	if (parse_run(s) <= 0)
		bench_fail("libsipmsg", "sdp parse", in);
	return s;
}

static long write_run(void *p)
{
	struct st *s = p;
	size_t n = 0;
	if (sdp_write(s->sdp, s->buf, s->size, &n) != SIPMSG_OK)
		return -1;
	return (long)n;
}

static void *write_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	struct st *s = st_new(in);
	if (sdp_parse(in->body, in->body_len, &s->sdp) != SIPMSG_OK || write_run(s) != (long)in->body_len)
		bench_fail("libsipmsg", "sdp write (untouched, byte-identical)", in);
	return s;
}

static const struct bench_case cases[] = {
	{BP_SDP_PARSE, NULL, NULL, parse_setup, parse_run, teardown},
	{BP_SDP_WRITE, NULL, NULL, write_setup, write_run, teardown},
};

const struct bench_impl bench_impl_sipmsg_sdp = {
	"libsipmsg", sipmsg_version, false, NULL, cases, BENCH_COUNTOF(cases),
};
