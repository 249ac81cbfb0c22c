/* SPDX-License-Identifier: MIT */
/* GNU oSIP (libosip2), used as its documentation shows: parser_init() once;
 * osip_message_init / osip_message_parse / osip_message_free; the
 * osip_message_set_<header>() setters to build; osip_message_to_str() to
 * write; sdp_message_init / sdp_message_parse / sdp_message_to_str for SDP. */
#include "bench.h"

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#include <osipparser2/sdp_message.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef BENCH_OSIP_VERSION
#define BENCH_OSIP_VERSION "?"
#endif

struct st {
	const struct bench_input *in;
	osip_message_t *sip;
	sdp_message_t *sdp;
	unsigned edits;
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
	if (s->sip)
		osip_message_free(s->sip);
	if (s->sdp)
		sdp_message_free(s->sdp);
	free(s);
}

static osip_message_t *parse(const struct bench_input *in)
{
	osip_message_t *sip;
	if (osip_message_init(&sip) != OSIP_SUCCESS)
		return NULL;
	if (osip_message_parse(sip, in->data, in->len) != OSIP_SUCCESS) {
		osip_message_free(sip);
		return NULL;
	}
	return sip;
}

/* ---- parse */

static void *parse_setup(const struct bench_input *in)
{
	osip_message_t *sip = parse(in);
	if (!sip || !sip->call_id || !sip->call_id->number)
		bench_fail("oSIP", "parse", in);
	osip_message_free(sip);
	return st_new(in);
}

static long parse_run(void *p)
{
	struct st *s = p;
	osip_message_t *sip = parse(s->in);
	if (!sip)
		return -1;
	long r = sip->status_code + (sip->call_id && sip->call_id->number ? sip->call_id->number[0] : 0);
	osip_message_free(sip);
	return r;
}

/* ---- SDP (the body, NUL-terminated as sdp_message_parse wants it) */

static void *sdp_parse_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	return st_new(in);
}

static long sdp_parse_run(void *p)
{
	struct st *s = p;
	sdp_message_t *sdp;
	if (sdp_message_init(&sdp) != OSIP_SUCCESS)
		return -1;
	if (sdp_message_parse(sdp, s->in->body) != OSIP_SUCCESS) {
		sdp_message_free(sdp);
		return -1;
	}
	long r = osip_list_size(&sdp->m_medias);
	sdp_message_free(sdp);
	return r;
}

static void *sdp_write_setup(const struct bench_input *in)
{
	if (!in->sdp)
		return NULL;
	struct st *s = st_new(in);
	if (sdp_message_init(&s->sdp) != OSIP_SUCCESS || sdp_message_parse(s->sdp, in->body) != OSIP_SUCCESS)
		bench_fail("oSIP", "sdp parse", in);
	return s;
}

static long sdp_write_run(void *p)
{
	struct st *s = p;
	char *out = NULL;
	if (sdp_message_to_str(s->sdp, &out) != OSIP_SUCCESS)
		return -1;
	long r = out[0];
	osip_free(out);
	return r;
}

/* ---- untouched write */

static long write_run(void *p)
{
	struct st *s = p;
	char *out = NULL;
	size_t n = 0;
	if (osip_message_to_str(s->sip, &out, &n) != OSIP_SUCCESS)
		return -1;
	osip_free(out);
	return (long)n;
}

static void *write_setup(const struct bench_input *in)
{
	struct st *s = st_new(in);
	if (!(s->sip = parse(in)))
		bench_fail("oSIP", "parse", in);
	char *out = NULL;
	size_t n = 0;
	if (osip_message_to_str(s->sip, &out, &n) != OSIP_SUCCESS || !bench_check_sip(out, n, in->call_id, in->body_len))
		bench_fail("oSIP", "write", in);
	osip_free(out);
	return s;
}

/* ---- edit the Call-ID, then write */

static long edit_run(void *p)
{
	struct st *s = p;
	osip_call_id_free(s->sip->call_id);
	s->sip->call_id = NULL;
	if (osip_message_set_call_id(s->sip, bench_edit_callid(s->edits++)) != OSIP_SUCCESS)
		return -1;
	osip_message_force_update(s->sip);
	return write_run(s);
}

static void *edit_setup(const struct bench_input *in)
{
	struct st *s = st_new(in);
	if (!(s->sip = parse(in)))
		bench_fail("oSIP", "parse", in);
	osip_call_id_free(s->sip->call_id);
	s->sip->call_id = NULL;
	osip_message_set_call_id(s->sip, bench_edit_callid(0));
	osip_message_force_update(s->sip);
	char *out = NULL;
	size_t n = 0;
	if (osip_message_to_str(s->sip, &out, &n) != OSIP_SUCCESS ||
	    !bench_check_sip(out, n, bench_edit_callid(0), in->body_len))
		bench_fail("oSIP", "edit + write", in);
	osip_free(out);
	s->edits = 1;
	return s;
}

/* ---- build from parts, then write */

typedef int (*setter_fn)(osip_message_t *, const char *);

static int set_max_forwards(osip_message_t *sip, const char *v) { return osip_message_set_max_forwards(sip, v); }
static int set_supported(osip_message_t *sip, const char *v) { return osip_message_set_supported(sip, v); }
static int set_user_agent(osip_message_t *sip, const char *v) { return osip_message_set_user_agent(sip, v); }
static int set_require(osip_message_t *sip, const char *v) { return osip_message_set_require(sip, v); }
static int set_expires(osip_message_t *sip, const char *v) { return osip_message_set_expires(sip, v); }

static const struct {
	const char *name;
	setter_fn set;
} setters[] = {
	{"Via", osip_message_set_via},
	{"From", osip_message_set_from},
	{"To", osip_message_set_to},
	{"Call-ID", osip_message_set_call_id},
	{"CSeq", osip_message_set_cseq},
	{"Contact", osip_message_set_contact},
	{"Record-Route", osip_message_set_record_route},
	{"Route", osip_message_set_route},
	{"Content-Type", osip_message_set_content_type},
	{"Max-Forwards", set_max_forwards},
	{"Allow", osip_message_set_allow},
	{"Supported", set_supported},
	{"Require", set_require},
	{"User-Agent", set_user_agent},
	{"Expires", set_expires},
	{"Authorization", osip_message_set_authorization},
};

struct build_st {
	const struct bench_input *in;
	setter_fn *fn; /* per header of the input: its setter, NULL for osip_message_set_header */
};

static void *build_prepare(const struct bench_input *in)
{
	struct build_st *b = calloc(1, sizeof *b);
	if (!b || !(b->fn = calloc(in->nheaders + 1, sizeof *b->fn)))
		abort();
	b->in = in;
	for (size_t i = 0; i < in->nheaders; i++)
		for (size_t k = 0; k < BENCH_COUNTOF(setters); k++)
			if (strcasecmp(in->hname[i], setters[k].name) == 0)
				b->fn[i] = setters[k].set;
	return b;
}

static osip_message_t *build(const struct build_st *b)
{
	const struct bench_input *in = b->in;
	osip_message_t *sip;
	if (osip_message_init(&sip) != OSIP_SUCCESS)
		return NULL;
	osip_message_set_version(sip, osip_strdup("SIP/2.0"));
	if (in->is_request) {
		osip_uri_t *uri;
		osip_message_set_method(sip, osip_strdup(in->method));
		if (osip_uri_init(&uri) != OSIP_SUCCESS)
			goto fail;
		if (osip_uri_parse(uri, in->uri) != OSIP_SUCCESS) {
			osip_uri_free(uri);
			goto fail;
		}
		osip_message_set_uri(sip, uri);
	} else {
		osip_message_set_status_code(sip, in->status);
		osip_message_set_reason_phrase(sip, osip_strdup(in->reason));
	}
	for (size_t i = 0; i < in->nheaders; i++) {
		int rc = b->fn[i] ? b->fn[i](sip, in->hvalue[i]) : osip_message_set_header(sip, in->hname[i], in->hvalue[i]);
		if (rc != OSIP_SUCCESS)
			goto fail;
	}
	if (in->body && osip_message_set_body(sip, in->body, in->body_len) != OSIP_SUCCESS)
		goto fail;
	return sip;
fail:
	osip_message_free(sip);
	return NULL;
}

static long build_run(void *p)
{
	struct build_st *b = p;
	osip_message_t *sip = build(b);
	if (!sip)
		return -1;
	char *out = NULL;
	size_t n = 0;
	int rc = osip_message_to_str(sip, &out, &n);
	osip_message_free(sip);
	if (rc != OSIP_SUCCESS)
		return -1;
	osip_free(out);
	return (long)n;
}

static void *build_setup(const struct bench_input *in)
{
	struct build_st *b = build_prepare(in);
	osip_message_t *sip = build(b);
	char *out = NULL;
	size_t n = 0;
	if (!sip || osip_message_to_str(sip, &out, &n) != OSIP_SUCCESS ||
	    !bench_check_sip(out, n, in->call_id, in->body_len))
		bench_fail("oSIP", "build + write", in);
	osip_free(out);
	osip_message_free(sip);
	return b;
}

static void build_teardown(void *p)
{
	struct build_st *b = p;
	free(b->fn);
	free(b);
}

static void init(void) { parser_init(); }

static const char *version(void) { return BENCH_OSIP_VERSION; }

static const struct bench_case cases[] = {
	{BP_FRAME, NULL, "no stream framer: the application cuts TCP streams itself", NULL, NULL, NULL},
	{BP_PARSE, NULL, NULL, parse_setup, parse_run, teardown},
	{BP_TYPED, NULL, "the parse already builds every known header's typed struct (see parse)", NULL, NULL, NULL},
	{BP_SDP_PARSE, NULL, NULL, sdp_parse_setup, sdp_parse_run, teardown},
	{BP_SDP_WRITE, NULL, NULL, sdp_write_setup, sdp_write_run, teardown},
	{BP_WRITE, NULL, NULL, write_setup, write_run, teardown},
	{BP_EDIT_WRITE, NULL, NULL, edit_setup, edit_run, teardown},
	{BP_BUILD_WRITE, NULL, NULL, build_setup, build_run, build_teardown},
};

const struct bench_impl bench_impl_osip = {"oSIP", version, true, init, cases, BENCH_COUNTOF(cases)};
