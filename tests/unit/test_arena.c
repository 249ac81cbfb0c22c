/* SPDX-License-Identifier: MIT */
/* Arenas, custom allocators, allocation counts, and the allocation-failure
 * sweep over parse, edit and build. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"

struct counting {
	size_t allocs, frees;
	size_t fail_at; /* 0: never; n: the n-th allocation fails */
};

static void *c_alloc(void *ctx, size_t n)
{
	struct counting *c = ctx;
	c->allocs++;
	if (c->fail_at && c->allocs == c->fail_at)
		return NULL;
	return malloc(n);
}

static void c_free(void *ctx, void *p)
{
	struct counting *c = ctx;
	if (p)
		c->frees++;
	free(p);
}

static const char *bench_like =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP proxy1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1\r\n"
	"Via: SIP/2.0/UDP 198.51.100.23:5060;branch=z9hG4bK74bf9;received=198.51.100.23;rport=5060\r\n"
	"Max-Forwards: 69\r\n"
	"From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"Call-ID: 3848276298220188511@atlanta.example.com\r\n"
	"CSeq: 31862 INVITE\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 4\r\n\r\nv=0\n";

Test(arena, alignment_and_reset)
{
	sipmsg_arena *a = sipmsg_arena_new(NULL, 64);
	cr_assert_not_null(a);
	cr_assert_eq(sipmsg_arena_block_allocations(a), 1);
	sipmsg_msg *m;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.arena = a;
	cr_assert_eq(sipmsg_parse(bench_like, strlen(bench_like), &o, &m, NULL), SIPMSG_OK);
	size_t blocks = sipmsg_arena_block_allocations(a);
	cr_assert_gt(blocks, 1, "a 64-byte first block had to grow");
	cr_assert_gt(sipmsg_arena_used(a), 0);
	sipmsg_msg_free(m); /* does not free the caller's arena */
	sipmsg_arena_reset(a);
	cr_assert_eq(sipmsg_arena_used(a), 0);
	for (int i = 0; i < 100; i++) {
		cr_assert_eq(sipmsg_parse(bench_like, strlen(bench_like), &o, &m, NULL), SIPMSG_OK);
		sipmsg_arena_reset(a);
	}
	cr_assert_eq(sipmsg_arena_block_allocations(a), blocks, "a reused arena allocates nothing more");
	sipmsg_arena_free(a);
}

Test(arena, one_allocation_per_parse)
{
	struct counting c = {0};
	sipmsg_allocator al = {c_alloc, c_free, &c};
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.allocator = &al;
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_parse(bench_like, strlen(bench_like), &o, &m, NULL), SIPMSG_OK);
	cr_assert_eq(c.allocs, 1, "parse made %zu allocations", c.allocs);
	sipmsg_msg_free(m);
	cr_assert_eq(c.frees, c.allocs);
}

/* Fail the 1st, 2nd, ... allocation of an operation until it succeeds: each
 * failure must be SIPMSG_ENOMEM and leave nothing allocated. */
static void sweep(sipmsg_status (*op)(const sipmsg_allocator *), const char *what)
{
	for (size_t k = 1; k < 10000; k++) {
		struct counting c = {.fail_at = k};
		sipmsg_allocator al = {c_alloc, c_free, &c};
		sipmsg_status st = op(&al);
		cr_assert_eq(c.allocs - (c.allocs >= k ? 1 : 0), c.frees, "%s: leak when allocation %zu failed", what, k);
		if (c.allocs < k) {
			cr_assert_eq(st, SIPMSG_OK, "%s", what);
			cr_assert_gt(k, 1, "%s never allocated", what);
			return;
		}
		cr_assert_eq(st, SIPMSG_ENOMEM, "%s: allocation %zu failed but status %d", what, k, st);
	}
	cr_assert_fail("%s: sweep did not finish", what);
}

static sipmsg_status op_parse(const sipmsg_allocator *al)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.allocator = al;
	sipmsg_msg *m;
	sipmsg_status st = sipmsg_parse(bench_like, strlen(bench_like), &o, &m, NULL);
	if (st == SIPMSG_OK)
		sipmsg_msg_free(m);
	return st;
}

static sipmsg_status op_parse_small_arena(const sipmsg_allocator *al)
{
	/* a tiny first block forces growth inside the parse */
	sipmsg_arena *a = sipmsg_arena_new(al, 32);
	if (!a)
		return SIPMSG_ENOMEM;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.arena = a;
	sipmsg_msg *m;
	sipmsg_status st = sipmsg_parse(bench_like, strlen(bench_like), &o, &m, NULL);
	sipmsg_arena_free(a);
	return st;
}

static sipmsg_status op_build(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = sipmsg_request_new("INVITE", 6, "sip:a@b", 7, al, &m);
	if (st)
		return st;
	for (int i = 0; i < 60 && !st; i++)
		st = sipmsg_header_add(m, "X-Header-With-A-Long-Name", 25, "and a value that takes room", 27);
	if (!st)
		st = sipmsg_msg_set_body(m, "hello", 5, "text/plain");
	sipmsg_msg_free(m);
	return st;
}

Test(arena, allocation_failure_sweep)
{
	sweep(op_parse, "parse");
	sweep(op_parse_small_arena, "parse into a growing arena");
	sweep(op_build, "build");
}
