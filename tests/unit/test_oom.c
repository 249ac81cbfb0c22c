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

/* ---- every other parse and build entry point */

static const char ok_180[] =
	"SIP/2.0 486 Busy Here\r\n"
	"Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
	"To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Length: 0\r\n\r\n";

/* typed read of every header, which fills the views in the arena */
static sipmsg_status op_typed(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = parse_with(al, invite, sizeof invite - 1, 0, &m);
	if (st)
		return st;
	size_t errors = sipmsg_msg_parse_all(m);
	st = sipmsg_msg_check(m);
	sipmsg_msg_free(m);
	/* a view that could not be allocated counts as an error of parse_all */
	return errors || st == SIPMSG_ENOMEM ? SIPMSG_ENOMEM : SIPMSG_OK;
}

/* make_response, make_ack and make_cancel allocate with the request's allocator */
static sipmsg_status op_make(const sipmsg_allocator *al)
{
	sipmsg_msg *inv, *resp = NULL, *r = NULL, *ack = NULL, *cancel = NULL;
	sipmsg_status st = parse_with(al, invite, sizeof invite - 1, 0, &inv);
	if (st)
		return st;
	if (!(st = parse_with(al, ok_180, sizeof ok_180 - 1, 0, &resp)) &&
	    !(st = sipmsg_make_response(inv, 180, NULL, "a6c85cf", &r)) && !(st = sipmsg_make_ack(inv, resp, &ack)))
		st = sipmsg_make_cancel(inv, &cancel);
	sipmsg_msg_free(cancel);
	sipmsg_msg_free(ack);
	sipmsg_msg_free(r);
	sipmsg_msg_free(resp);
	sipmsg_msg_free(inv);
	return st;
}

static sipmsg_status op_uri(const sipmsg_allocator *al)
{
	sipmsg_arena *a = sipmsg_arena_new(al, 64);
	if (!a)
		return SIPMSG_ENOMEM;
	static const char u[] = "sips:alice;day=tue:secret@[2001:db8::10]:5061;transport=tls;lr;maddr=192.0.2.1"
				";x=1;y;z=2?subject=project%20x&priority=urgent";
	sipmsg_uri out;
	sipmsg_status st = sipmsg_uri_parse(u, sizeof u - 1, a, NULL, &out, NULL);
	sipmsg_arena_free(a);
	return st;
}

static const char mp_body[] = "--x\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n"
			      "--x\r\nContent-Type: multipart/mixed;boundary=y\r\n\r\n"
			      "--y\r\nContent-Type: text/plain\r\n\r\none\r\n--y\r\n\r\ntwo\r\n--y--\r\n"
			      "--x--\r\n";

static sipmsg_status op_multipart(const sipmsg_allocator *al)
{
	sipmsg_arena *a = sipmsg_arena_new(al, 64);
	if (!a)
		return SIPMSG_ENOMEM;
	sipmsg_multipart mp;
	sipmsg_status st = sipmsg_multipart_parse(mp_body, sizeof mp_body - 1, "x", 1, a, NULL, &mp, NULL);
	sipmsg_arena_free(a);
	return st;
}

static const char sdp_text[] = "v=0\r\no=alice 2890844526 2890844526 IN IP4 198.51.100.1\r\ns=-\r\n"
			       "c=IN IP4 198.51.100.1\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
			       "m=audio 49170 UDP/TLS/RTP/SAVPF 111 0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n"
			       "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
			       "a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host generation 0\r\n"
			       "m=video 49172 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n"
			       "a=rtcp-fb:96 nack pli\r\na=ssrc:1 cname:x\r\n";

static sipmsg_status op_sdp_parse(const sipmsg_allocator *al)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.allocator = al;
	o.flags |= SIPMSG_PARSE_STRICT; /* every value parsed at once */
	sipmsg_sdp *sdp;
	sipmsg_status st = sipmsg_sdp_parse(sdp_text, sizeof sdp_text - 1, &o, &sdp, NULL);
	if (st)
		return st;
	st = sipmsg_sdp_check(sdp) == SIPMSG_ENOMEM ? SIPMSG_ENOMEM : SIPMSG_OK;
	sipmsg_sdp_free(sdp);
	return st;
}

static sipmsg_status op_sdp_in_message(const sipmsg_allocator *al)
{
	sipmsg_msg *m;
	sipmsg_status st = sipmsg_request_new("INVITE", 6, "sip:bob@example.com", 19, al, &m);
	if (st)
		return st;
	sipmsg_sdp *sdp;
	if (!(st = sipmsg_msg_set_body(m, sdp_text, sizeof sdp_text - 1, "application/sdp")))
		st = sipmsg_msg_sdp(m, &sdp, NULL);
	sipmsg_msg_free(m);
	return st;
}

static sipmsg_status op_sdp_build(const sipmsg_allocator *al)
{
	sipmsg_sdp *sdp;
	sipmsg_status st = sipmsg_sdp_new(al, &sdp);
	if (st)
		return st;
	sipmsg_sdp_origin o = {.username = {"alice", 5}, .sess_id_value = 1, .sess_version_value = 1,
			       .address = {"198.51.100.1", 12}};
	sipmsg_sdp_section *m = NULL;
	if (!(st = sipmsg_sdp_set_origin(sdp, &o)) &&
	    !(st = sipmsg_sdp_media_add(sdp, "audio 49170 RTP/AVP 0 8 101", 27, &m)))
		for (int i = 0; i < 50 && !st; i++)
			st = sipmsg_sdp_attr_add(m, "rtpmap", 6, "101 telephone-event/8000", 24, NULL);
	sipmsg_sdp_free(sdp);
	return st;
}

Test(oom, typed_reads_and_checks) { sweep(op_typed, "typed read of every header and the checks"); }
Test(oom, make_response_ack_cancel) { sweep(op_make, "make_response, make_ack, make_cancel"); }
Test(oom, uri_parse) { sweep(op_uri, "standalone URI parse"); }
Test(oom, multipart_parse) { sweep(op_multipart, "nested multipart split"); }
Test(oom, sdp_parse_strict) { sweep(op_sdp_parse, "strict SDP parse and checks"); }
Test(oom, sdp_of_a_message) { sweep(op_sdp_in_message, "SDP body set and read back"); }
Test(oom, sdp_build) { sweep(op_sdp_build, "SDP built from parts"); }
