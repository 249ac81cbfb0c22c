/* SPDX-License-Identifier: MIT */
/* Test support: the records of a capture, copied (collect.h). */
#include "collect.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

void collect(void *ctx, const struct capture_record *r)
{
	struct collected *c = ctx;
	cr_assert_lt(c->n, sizeof c->r / sizeof c->r[0], "too many records");
	struct rec *x = &c->r[c->n++];
	memset(x, 0, sizeof *x);
	x->kind = r->kind;
	x->frame = r->frame;
	x->ts_sec = r->ts_sec;
	x->ts_usec = r->ts_nsec / 1000u;
	x->ts_nsec = r->ts_nsec;
	x->has_endpoints = r->has_endpoints;
	x->transport = r->transport;
	x->src = r->src;
	x->dst = r->dst;
	x->sport = r->sport;
	x->dport = r->dport;
	x->len = r->len;
	x->data = malloc(r->len + 1);
	if (r->len)
		memcpy(x->data, r->data, r->len);
	x->data[r->len] = '\0';
	x->error_code = r->error ? r->error->code : 0;
	if (r->notice_kind)
		snprintf(x->notice_kind, sizeof x->notice_kind, "%s", r->notice_kind);
	if (r->text)
		snprintf(x->text, sizeof x->text, "%s", r->text);
	x->cut_short = r->cut_short;
}

struct collected *read_capture_opts(const char *path, const struct capture_opts *o)
{
	struct collected *c = calloc(1, sizeof *c);
	char err[512] = "";
	struct capture *cap = capture_open_file(path, o, err, sizeof err);
	cr_assert_not_null(cap, "cannot open %s: %s", path, err);
	c->links_at_open = capture_link_count(cap);
	c->rc = capture_run(cap, collect, c, c->err, sizeof c->err);
	c->stats = *capture_get_stats(cap);
	for (size_t i = 0, at = 0; i < capture_link_count(cap) && at < sizeof c->links; i++) {
		char buf[CAPTURE_LINK_NAME_LEN];
		at += (size_t)snprintf(c->links + at, sizeof c->links - at, "%s%s", i ? ", " : "",
				       capture_link_name(cap, i, buf));
	}
	capture_close(cap);
	return c;
}

void free_collected(struct collected *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->r[i].data);
	free(c);
}

size_t count_kind(const struct collected *c, enum capture_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->r[i].kind == k;
	return n;
}
