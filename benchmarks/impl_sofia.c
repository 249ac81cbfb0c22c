/* SPDX-License-Identifier: MIT */
/* Sofia-SIP (libsofia-sip-ua), used as its documentation shows:
 * msg_make(sip_default_mclass(), 0, data, len) + sip_object() to parse,
 * msg_destroy() to free; msg_as_string() to write; sip_add_make() to set a
 * header; msg_create() + sip_request_create()/sip_status_create() +
 * sip_add_make() + sip_payload_create() + sip_complete_message() to build;
 * sdp_parse()/sdp_session() and sdp_print()/sdp_message() for SDP. */
#include "bench.h"

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/sdp.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su_alloc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BENCH_SOFIA_VERSION
#define BENCH_SOFIA_VERSION "?"
#endif

struct st {
	const struct bench_input *in;
	msg_t *msg;
	sdp_parser_t *sdp;
	unsigned edits;
	/* build: per header its class, or NULL with a "Name: value" string */
	msg_hclass_t **hc;
	char **line;
};

static struct st *st_new(const struct bench_input *in)
{
	struct st *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	s->in = in;
	return s;
}

static void teardown(void *p)
{
	struct st *s = p;
	if (s->msg)
		msg_destroy(s->msg);
	if (s->sdp)
		sdp_parser_free(s->sdp);
	if (s->line)
		for (size_t i = 0; i < s->in->nheaders; i++)
			free(s->line[i]);
	free(s->line);
	free(s->hc);
	free(s);
}

static msg_t *parse(const struct bench_input *in, sip_t **sipp)
{
	msg_t *msg = msg_make(sip_default_mclass(), 0, in->data, (ssize_t)in->len);
	if (!msg)
		return NULL;
	sip_t *sip = sip_object(msg);
	if (!sip || (sip->sip_flags & MSG_FLG_ERROR)) {
		msg_destroy(msg);
		return NULL;
	}
	*sipp = sip;
	return msg;
}

/* ---- parse */

static void *parse_setup(const struct bench_input *in)
{
	sip_t *sip;
	msg_t *msg = parse(in, &sip);
	if (!msg || !sip->sip_call_id || strcmp(sip->sip_call_id->i_id, in->call_id) != 0)
		bench_fail("Sofia-SIP", "parse", in);
	msg_destroy(msg);
	return st_new(in);
}

static long parse_run(void *p)
{
	struct st *s = p;
	sip_t *sip;
	msg_t *msg = parse(s->in, &sip);
	if (!msg)
		return -1;
	long r = (sip->sip_call_id ? sip->sip_call_id->i_id[0] : 0) + (sip->sip_cseq ? (long)sip->sip_cseq->cs_seq : 0);
	msg_destroy(msg);
	return r;
}

/* ---- SDP */

static void *sdp_parse_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	sdp_parser_t *p = sdp_parse(NULL, in->body, (issize_t)in->body_len, 0);
	if (!p || !sdp_session(p))
		bench_fail("Sofia-SIP", "sdp parse", in);
	sdp_parser_free(p);
	return st_new(in);
}

static long sdp_parse_run(void *p)
{
	struct st *s = p;
	sdp_parser_t *parser = sdp_parse(NULL, s->in->body, (issize_t)s->in->body_len, 0);
	sdp_session_t *sess = sdp_session(parser);
	long r = sess && sess->sdp_media ? (long)sess->sdp_media->m_port : -1;
	sdp_parser_free(parser);
	return r;
}

static void *sdp_write_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	struct st *s = st_new(in);
	s->sdp = sdp_parse(NULL, in->body, (issize_t)in->body_len, 0);
	if (!s->sdp || !sdp_session(s->sdp))
		bench_fail("Sofia-SIP", "sdp parse", in);
	return s;
}

static long sdp_write_run(void *p)
{
	struct st *s = p;
	sdp_printer_t *pr = sdp_print(NULL, sdp_session(s->sdp), NULL, 0, 0);
	const char *out = sdp_message(pr);
	long r = out ? (long)sdp_message_size(pr) : -1;
	sdp_printer_free(pr);
	return r;
}

/* ---- untouched write */

static long write_run(void *p)
{
	struct st *s = p;
	size_t n = 0;
	char *out = msg_as_string(msg_home(s->msg), s->msg, NULL, 0, &n);
	if (!out)
		return -1;
	su_free(msg_home(s->msg), out);
	return (long)n;
}

static void check_write(struct st *s, const char *callid, const char *what)
{
	size_t n = 0;
	char *out = msg_as_string(msg_home(s->msg), s->msg, NULL, 0, &n);
	if (!out || !bench_check_sip(out, n, callid, s->in->body_len))
		bench_fail("Sofia-SIP", what, s->in);
	su_free(msg_home(s->msg), out);
}

static void *write_setup(const struct bench_input *in)
{
	struct st *s = st_new(in);
	sip_t *sip;
	if (!(s->msg = parse(in, &sip)))
		bench_fail("Sofia-SIP", "parse", in);
	check_write(s, in->call_id, "write");
	return s;
}

/* ---- edit the Call-ID, then write */

static long edit_run(void *p)
{
	struct st *s = p;
	if (sip_add_make(s->msg, sip_object(s->msg), sip_call_id_class, bench_edit_callid(s->edits++)) < 0)
		return -1;
	return write_run(s);
}

static void *edit_setup(const struct bench_input *in)
{
	struct st *s = st_new(in);
	sip_t *sip;
	if (!(s->msg = parse(in, &sip)))
		bench_fail("Sofia-SIP", "parse", in);
	if (sip_add_make(s->msg, sip, sip_call_id_class, bench_edit_callid(s->edits++)) < 0)
		bench_fail("Sofia-SIP", "edit", in);
	check_write(s, bench_edit_callid(0), "edit + write");
	return s;
}

/* ---- build from parts, then write */

static msg_t *build(const struct st *s)
{
	const struct bench_input *in = s->in;
	msg_t *msg = msg_create(sip_default_mclass(), 0);
	if (!msg)
		return NULL;
	sip_t *sip = sip_object(msg);
	su_home_t *home = msg_home(msg);
	msg_header_t *first = in->is_request
		? (msg_header_t *)sip_request_create(home, sip_method_code(in->method), in->method, URL_STRING_MAKE(in->uri), NULL)
		: (msg_header_t *)sip_status_create(home, (unsigned)in->status, in->reason, NULL);
	if (!first || msg_header_insert(msg, (msg_pub_t *)sip, first) < 0)
		goto fail;
	for (size_t i = 0; i < in->nheaders; i++) {
		int rc = s->hc[i] ? sip_add_make(msg, sip, s->hc[i], in->hvalue[i])
				  : msg_header_add_str(msg, (msg_pub_t *)sip, s->line[i]);
		if (rc < 0)
			goto fail;
	}
	if (in->body) {
		sip_payload_t *pl = sip_payload_create(home, in->body, (isize_t)in->body_len);
		if (!pl || msg_header_insert(msg, (msg_pub_t *)sip, (msg_header_t *)pl) < 0)
			goto fail;
	}
	if (sip_complete_message(msg) < 0)
		goto fail;
	return msg;
fail:
	msg_destroy(msg);
	return NULL;
}

static long build_run(void *p)
{
	struct st *s = p;
	msg_t *msg = build(s);
	if (!msg)
		return -1;
	size_t n = 0;
	char *out = msg_as_string(msg_home(msg), msg, NULL, 0, &n);
	msg_destroy(msg); /* frees out too: it lives in the message's home */
	return out ? (long)n : -1;
}

static void *build_setup(const struct bench_input *in)
{
	struct st *s = st_new(in);
	s->hc = calloc(in->nheaders + 1, sizeof *s->hc);
	s->line = calloc(in->nheaders + 1, sizeof *s->line);
	if (!s->hc || !s->line)
		abort();
	msg_mclass_t const *mc = sip_default_mclass();
	for (size_t i = 0; i < in->nheaders; i++) {
		msg_href_t const *hr = msg_find_hclass(mc, in->hname[i], NULL);
		if (hr && hr->hr_class && hr->hr_class != sip_unknown_class) {
			s->hc[i] = hr->hr_class;
		} else {
			size_t n = strlen(in->hname[i]) + strlen(in->hvalue[i]) + 3;
			if (!(s->line[i] = malloc(n)))
				abort();
			snprintf(s->line[i], n, "%s: %s", in->hname[i], in->hvalue[i]);
		}
	}
	s->msg = build(s);
	if (!s->msg)
		bench_fail("Sofia-SIP", "build", in);
	check_write(s, in->call_id, "build + write");
	msg_destroy(s->msg);
	s->msg = NULL;
	return s;
}

static const char *version(void) { return BENCH_SOFIA_VERSION; }

static const struct bench_case cases[] = {
	{BP_FRAME, NULL, "framing is not separate: msg_recv_iovec() + msg_extract() frame and parse at once (see parse)",
	 NULL, NULL, NULL},
	{BP_PARSE, NULL, NULL, parse_setup, parse_run, teardown},
	{BP_TYPED, NULL, "the parse already decodes every known header into its typed struct (see parse)", NULL, NULL,
	 NULL},
	{BP_SDP_PARSE, NULL, NULL, sdp_parse_setup, sdp_parse_run, teardown},
	{BP_SDP_WRITE, NULL, NULL, sdp_write_setup, sdp_write_run, teardown},
	{BP_WRITE, NULL, NULL, write_setup, write_run, teardown},
	{BP_EDIT_WRITE, NULL, NULL, edit_setup, edit_run, teardown},
	{BP_BUILD_WRITE, NULL, NULL, build_setup, build_run, teardown},
};

const struct bench_impl bench_impl_sofia = {"Sofia-SIP", version, true, NULL, cases, BENCH_COUNTOF(cases)};
