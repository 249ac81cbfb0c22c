/* SPDX-License-Identifier: MIT */
/* libre (baresip/re), used as its documentation and its own stack show:
 * the bytes sit in an mbuf (as its transports receive them), sip_msg_decode()
 * parses, mem_deref() frees. Its SDP is an offer/answer session object:
 * sdp_session_alloc() + sdp_decode(sess, mb, offer) reads a remote
 * description into it. libre has no encoder for a parsed message and no
 * public call that builds a message into bytes, so the write phases do not
 * apply (see the n/a reasons). */
#include "bench.h"

#include <re.h>

#include <stdlib.h>
#include <string.h>

#ifndef BENCH_LIBRE_VERSION
#define BENCH_LIBRE_VERSION "?"
#endif

struct st {
	const struct bench_input *in;
	struct mbuf *mb;
	struct sa laddr;
};

static struct st *st_new(const struct bench_input *in, const void *data, size_t len)
{
	struct st *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->in = in;
	s->mb = mbuf_alloc(len);
	if (!s->mb || mbuf_write_mem(s->mb, data, len) != 0)
		abort();
	mbuf_set_pos(s->mb, 0);
	return s;
}

static void teardown(void *p)
{
	struct st *s = p;
	mem_deref(s->mb);
	free(s);
}

/* ---- parse */

static long parse_run(void *p)
{
	struct st *s = p;
	struct sip_msg *msg;
	mbuf_set_pos(s->mb, 0);
	if (sip_msg_decode(&msg, s->mb) != 0)
		return -1;
	long r = (long)msg->callid.l + (long)msg->cseq.num + msg->scode;
	mem_deref(msg);
	return r;
}

static void *parse_setup(const struct bench_input *in)
{
	struct st *s = st_new(in, in->data, in->len);
	struct sip_msg *msg;
	if (sip_msg_decode(&msg, s->mb) != 0 || msg->callid.l != strlen(in->call_id) ||
	    memcmp(msg->callid.p, in->call_id, msg->callid.l) != 0)
		bench_fail("libre", "parse", in);
	mem_deref(msg);
	return s;
}

/* ---- SDP: decode the body as a remote offer into a fresh session */

static long sdp_parse_run(void *p)
{
	struct st *s = p;
	struct sdp_session *sess;
	if (sdp_session_alloc(&sess, &s->laddr) != 0)
		return -1;
	mbuf_set_pos(s->mb, 0);
	int err = sdp_decode(sess, s->mb, true);
	long r = err ? -1 : (long)list_count(sdp_session_medial(sess, false));
	mem_deref(sess);
	return r;
}

static void *sdp_parse_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	struct st *s = st_new(in, in->body, in->body_len);
	sa_set_str(&s->laddr, "192.0.2.1", 5060);
	if (sdp_parse_run(s) <= 0)
		bench_fail("libre", "sdp decode", in);
	return s;
}

static const char *version(void) { return BENCH_LIBRE_VERSION; }

static const struct bench_case cases[] = {
	{BP_FRAME, NULL, "framing is the parse: sip_msg_decode() returns ENODATA on a partial stream (see parse)", NULL,
	 NULL, NULL},
	{BP_PARSE, NULL, NULL, parse_setup, parse_run, teardown},
	{BP_TYPED, NULL, "no typed view beyond the first Via, To, From, CSeq and Content-Type it decodes in the parse",
	 NULL, NULL, NULL},
	{BP_SDP_PARSE, NULL, NULL, sdp_parse_setup, sdp_parse_run, teardown},
	{BP_SDP_WRITE, NULL, "sdp_encode() writes the local side of an offer/answer session, not a decoded description",
	 NULL, NULL, NULL},
	{BP_WRITE, NULL, "no encoder for a parsed sip_msg (the stack formats outgoing messages with printf handlers)",
	 NULL, NULL, NULL},
	{BP_EDIT_WRITE, NULL, "no encoder for a parsed sip_msg, so no edit-and-write", NULL, NULL, NULL},
	{BP_BUILD_WRITE, NULL, "requests are formatted and sent in one step (sip_request(), sip_treplyf()); no call "
			       "builds a message into bytes",
	 NULL, NULL, NULL},
};

const struct bench_impl bench_impl_libre = {"libre", version, true, NULL, cases, BENCH_COUNTOF(cases)};
