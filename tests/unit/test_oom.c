/* SPDX-License-Identifier: MIT */
/* Allocation-failure sweep over the entry points test_arena does not cover:
 * parse with COPY, strict parse, a parse that grows every array (many
 * headers, many diagnostics), edits on a parsed message, clone. The
 * allocator fails its 1st, 2nd, ... call; each run must return
 * SIPMSG_ENOMEM (or succeed once the failure falls after the last call) and
 * give back every block it took. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct failing {
	size_t calls, frees, fail_at;
};

static void *f_alloc(void *ctx, size_t n)
{
	struct failing *f = ctx;
	if (++f->calls == f->fail_at)
		return NULL;
	return malloc(n);
}

static void f_free(void *ctx, void *p)
{
	struct failing *f = ctx;
	if (p)
		f->frees++;
	free(p);
}

static const char invite[] =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Type: text/plain\r\n"
	"Content-Length: 5\r\n\r\nhello";

/* Run op with the k-th allocation failing, for k = 1, 2, ... until op no
 * longer reaches the failure. */
static void sweep(sipmsg_status (*op)(const sipmsg_allocator *), const char *what)
{
	for (size_t k = 1; k < 100000; k++) {
		struct failing f = {.fail_at = k};
		sipmsg_allocator al = {f_alloc, f_free, &f};
		sipmsg_status st = op(&al);
		bool hit = f.calls >= k;
		cr_assert_eq(f.frees, f.calls - (hit ? 1 : 0), "%s: allocation %zu failed: %zu blocks, %zu freed", what, k,
			     f.calls, f.frees);
		if (!hit) {
			cr_assert_eq(st, SIPMSG_OK, "%s: no failure, status %s", what, sipmsg_status_name(st));
			return;
		}
		cr_assert_eq(st, SIPMSG_ENOMEM, "%s: allocation %zu failed, status %s", what, k, sipmsg_status_name(st));
	}
	cr_assert_fail("%s: the sweep did not end", what);
}

static sipmsg_status parse_with(const sipmsg_allocator *al, const char *s, size_t n, uint32_t flags, sipmsg_msg **out)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.allocator = al;
	o.flags |= flags;
	o.max_headers = 100000;
	o.max_message_size = 1u << 24;
	return sipmsg_parse(s, n, &o, out, NULL);
}

static sipmsg_status op_copy(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = parse_with(al, invite, strlen(invite), SIPMSG_PARSE_COPY, &m);
	sipmsg_msg_free(st ? NULL : m);
	return st;
}

static sipmsg_status op_strict(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = parse_with(al, invite, strlen(invite), SIPMSG_PARSE_STRICT, &m);
	sipmsg_msg_free(st ? NULL : m);
	return st;
}

static char *big;
static size_t big_len;

/* 3000 headers, every third one with a control character (a diagnostic
 * each): the header and diagnostic arrays grow many times. */
static void make_big(void)
{
	if (big)
		return;
	size_t cap = 3000 * 40 + 100, n = 0;
	big = malloc(cap);
	cr_assert_not_null(big);
	n += (size_t)snprintf(big + n, cap - n, "OPTIONS sip:x SIP/2.0\r\n");
	for (int i = 0; i < 3000; i++)
		n += (size_t)snprintf(big + n, cap - n, i % 3 ? "X-H-%d: v\r\n" : "X-C-%d: a\x01z\r\n", i);
	n += (size_t)snprintf(big + n, cap - n, "\r\n");
	big_len = n;
}

static sipmsg_status op_big(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = parse_with(al, big, big_len, 0, &m);
	if (!st) {
		cr_assert_eq(sipmsg_header_count(m), 3000);
		cr_assert_eq(sipmsg_msg_diag_count(m), 1000);
		sipmsg_msg_free(m);
	}
	return st;
}

/* Parse, then edit until the arena must grow, then clone. */
static sipmsg_status op_edit_clone(const sipmsg_allocator *al)
{
	sipmsg_msg *m, *c = NULL;
	sipmsg_status st = parse_with(al, invite, strlen(invite), 0, &m);
	if (st)
		return st;
	char value[200];
	memset(value, 'v', sizeof value);
	for (int i = 0; i < 40 && !st; i++)
		st = sipmsg_header_add(m, "X-Added", 7, value, sizeof value);
	if (!st)
		st = sipmsg_header_set(m, "Via", 3, "SIP/2.0/TCP h;branch=z9hG4bK1", 29);
	if (!st)
		st = sipmsg_header_insert(m, 0, "Subject", 7, "first", 5);
	if (!st)
		st = sipmsg_msg_set_request_uri(m, "sip:carol@example.com", 21);
	if (!st)
		st = sipmsg_msg_set_body(m, value, sizeof value, "application/octet-stream");
	if (!st)
		st = sipmsg_msg_clone(m, &c);
	if (!st) {
		cr_assert_eq(sipmsg_write_size(c, 0), sipmsg_write_size(m, 0));
		sipmsg_msg_free(c);
	}
	sipmsg_msg_free(m);
	return st;
}

static sipmsg_status op_build(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = sipmsg_response_new(180, "Ringing", 7, al, &m);
	if (st)
		return st;
	for (int i = 0; i < 300 && !st; i++)
		st = sipmsg_header_add(m, "Record-Route", 12, "<sip:proxy.example.com;lr>", 26);
	if (!st)
		st = sipmsg_msg_set_status(m, 183, NULL, 0);
	sipmsg_msg_free(m);
	return st;
}

Test(oom, parse_copy) { sweep(op_copy, "parse with COPY"); }
Test(oom, parse_strict) { sweep(op_strict, "strict parse"); }
Test(oom, parse_growing_arrays)
{
	make_big();
	sweep(op_big, "parse with 3000 headers and 1000 diagnostics");
	free(big);
	big = NULL;
}
Test(oom, edit_then_clone) { sweep(op_edit_clone, "parse, edit, clone"); }
Test(oom, build_response) { sweep(op_build, "build a response with 300 headers"); }
