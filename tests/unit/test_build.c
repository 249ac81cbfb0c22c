/* SPDX-License-Identifier: MIT */
/* Building: typed setters, generated branches and tags, responses (RFC 3261
 * §8.2.6), the ACK for a non-2xx response (§17.1.1.3) and CANCEL (§9.1).
 * Built messages are written and parsed back (strictly) to check them. */
#include "typed_test.h"

#include <stdlib.h>

static sipmsg_msg *built[4];

static void teardown(void)
{
	for (size_t i = 0; i < sizeof built / sizeof built[0]; i++) {
		sipmsg_msg_free(built[i]);
		built[i] = NULL;
	}
	tt_teardown();
}

TestSuite(build, .fini = teardown);

/* Write m, parse the bytes strictly into tt_m, and check the round trip. */
static void reparse(const sipmsg_msg *m)
{
	char *out;
	size_t n;
	cr_assert_eq(sipmsg_write_alloc(m, 0, &out, &n), SIPMSG_OK);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	sipmsg_status st = tt_parse_opts(out, &o);
	cr_assert_eq(st, SIPMSG_OK, "%s\n%s", tt_err.reason, out);
	char *again;
	size_t n2;
	cr_assert_eq(sipmsg_write_alloc(tt_m, 0, &again, &n2), SIPMSG_OK);
	cr_assert(n == n2 && memcmp(out, again, n) == 0, "a parsed built message writes back the same bytes");
	sipmsg_free(out);
	sipmsg_free(again);
}

Test(build, generated_branch_and_tag)
{
	char b1[SIPMSG_BRANCH_SIZE], b2[SIPMSG_BRANCH_SIZE], t[SIPMSG_TAG_SIZE];
	cr_assert_eq(sipmsg_generate_branch(b1, sizeof b1), SIPMSG_OK);
	cr_assert_eq(sipmsg_generate_branch(b2, sizeof b2), SIPMSG_OK);
	cr_assert_eq(strlen(b1), 23);
	cr_assert(strncmp(b1, "z9hG4bK", 7) == 0);
	cr_assert_str_neq(b1, b2, "80 random bits do not repeat");
	cr_assert_eq(sipmsg_generate_tag(t, sizeof t), SIPMSG_OK);
	cr_assert_eq(strlen(t), 16);
	for (size_t i = 0; i < 16; i++)
		cr_assert((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'v'));
	cr_assert_eq(sipmsg_generate_branch(b1, 23), SIPMSG_ENOSPC);
	cr_assert_eq(sipmsg_generate_tag(t, 16), SIPMSG_ENOSPC);
}

static sipmsg_msg *invite(void)
{
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_request_new(TT_STR("INVITE"), TT_STR("sip:bob@biloxi.example.com"), NULL, &m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_push_via(m, "UDP", "pc33.atlanta.example.com", 5060, "z9hG4bK776asdhds"), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_MAX_FORWARDS, 70), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_to(m, "Bob", "sip:bob@biloxi.example.com", NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_from(m, "Alice \"Al\" \\o/", "sip:alice@atlanta.example.com", "1928301774"),
		     SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_call_id(m, "a84b4c76e66710@pc33.atlanta.example.com"), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_cseq(m, 314159, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_add_contact(m, NULL, "sip:alice@pc33.atlanta.example.com"), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_add_route(m, "sip:p1.example.com;lr"), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_add_route(m, "sip:p2.example.com;lr"), SIPMSG_OK);
	return m;
}

Test(build, request_from_typed_setters)
{
	built[0] = invite();
	sipmsg_msg *m = built[0];
	cr_assert_eq(sipmsg_msg_push_via(m, "TCP", "2001:db8::1", 0, NULL), SIPMSG_OK, "an IPv6 host gets brackets");
	const char *sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
	cr_assert_eq(sipmsg_msg_set_body(m, sdp, strlen(sdp), "application/sdp"), SIPMSG_OK);
	reparse(m);
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 2);
	const sipmsg_via *v = sipmsg_msg_via(tt_m, 0);
	TT_SLICE(v->host, "[2001:db8::1]");
	TT_SLICE(v->transport, "TCP");
	cr_assert_eq(v->branch.len, 23);
	v = sipmsg_msg_via(tt_m, 1);
	TT_SLICE(v->branch, "z9hG4bK776asdhds");
	cr_assert_eq(v->port, 5060);
	const sipmsg_nameaddr *f = sipmsg_msg_from(tt_m);
	char name[64];
	size_t n = sipmsg_unquote(f->display.ptr, f->display.len, name, sizeof name);
	cr_assert(n == strlen("Alice \"Al\" \\o/") && memcmp(name, "Alice \"Al\" \\o/", n) == 0);
	TT_SLICE(f->tag, "1928301774");
	TT_SLICE(sipmsg_msg_to(tt_m)->display, "Bob");
	TT_SLICE(sipmsg_msg_call_id(tt_m), "a84b4c76e66710@pc33.atlanta.example.com");
	cr_assert_eq(sipmsg_msg_cseq(tt_m)->number, 314159);
	TT_SLICE(sipmsg_msg_cseq(tt_m)->method, "INVITE");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ROUTE), 2);
	TT_SLICE(tt_value(SIPMSG_HDR_ROUTE, 1).nameaddr->uri.host, "p2.example.com");
	TT_SLICE(sipmsg_msg_content_type(tt_m)->subtype, "sdp");
	cr_assert_eq(sipmsg_msg_body(tt_m).len, strlen(sdp));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "a built INVITE passes the RFC 3261 checks");
}

Test(build, setters_refuse_bad_arguments)
{
	built[0] = invite();
	sipmsg_msg *m = built[0];
	cr_assert_eq(sipmsg_msg_set_from(m, NULL, "not a uri", NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_from(m, NULL, "sip:a@h", "bad tag"), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_to(m, "line\r\nbreak", "sip:a@h", NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_push_via(m, "U DP", "h", 0, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_push_via(m, "UDP", "h;x", 0, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_push_via(m, "UDP", "1.2.3.999", 0, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_call_id(m, "a b"), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_call_id(m, "a@"), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_cseq(m, 1, "IN VITE"), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_MAX_FORWARDS, 256), SIPMSG_EINVAL);
	/* RSeq is 1..2^31-1 (RFC 3262): nothing is written that would not read back */
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_RSEQ, 0), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_RSEQ, 2147483648u), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_RSEQ, 0), -1);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_RSEQ, 2147483647u), SIPMSG_OK);
	uint32_t rseq = 0;
	cr_assert_eq(sipmsg_msg_number(m, SIPMSG_HDR_RSEQ, &rseq), SIPMSG_OK);
	cr_assert_eq(rseq, 2147483647u);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_FROM, 1), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_call_id(m, NULL), SIPMSG_OK, "NULL generates one");
	cr_assert_eq(sipmsg_msg_call_id(m).len, 16);
}

static const char *inv_text =
	"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2d4790.1, SIP/2.0/UDP\r\n"
	" pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n"
	"Max-Forwards: 69\r\n"
	"Route: <sip:p1.example.com;lr>\r\n"
	"Record-Route: <sip:proxy.example.com;lr>\r\n"
	"To: Bob <sip:bob@biloxi.example.com>\r\n"
	"From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Timestamp: 54\r\n"
	"Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
	"Content-Length: 0\r\n\r\n";

static sipmsg_msg *parsed_invite(void)
{
	sipmsg_msg *m;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	cr_assert_eq(sipmsg_parse(inv_text, strlen(inv_text), &o, &m, NULL), SIPMSG_OK);
	return m;
}

Test(build, response_rfc3261_8_2_6)
{
	built[0] = parsed_invite();
	cr_assert_eq(sipmsg_make_response(built[0], 180, NULL, "a6c85cf", &built[1]), SIPMSG_OK);
	reparse(built[1]);
	cr_assert_eq(sipmsg_msg_status(tt_m), 180);
	TT_SLICE(sipmsg_msg_reason(tt_m), "Ringing");
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 2, "every Via, folding undone");
	TT_SLICE(sipmsg_msg_via(tt_m, 1)->received, "192.0.2.1");
	TT_SLICE(sipmsg_msg_via(tt_m, 0)->branch, "z9hG4bK2d4790.1");
	TT_SLICE(sipmsg_msg_to(tt_m)->tag, "a6c85cf");
	TT_SLICE(sipmsg_msg_from(tt_m)->tag, "1928301774");
	TT_SLICE(sipmsg_msg_call_id(tt_m), "a84b4c76e66710@pc33.atlanta.example.com");
	cr_assert_eq(sipmsg_msg_cseq(tt_m)->number, 314159);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_RECORD_ROUTE), 1, "dialog-creating 1xx keeps Record-Route");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ROUTE), 0);
	cr_assert_eq(sipmsg_header_count_id(tt_m, SIPMSG_HDR_TIMESTAMP), 1);
	cr_assert_eq(sipmsg_header_count_id(tt_m, SIPMSG_HDR_CONTACT), 0);
	uint32_t cl;
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_CONTENT_LENGTH, &cl), SIPMSG_OK);
	cr_assert_eq(cl, 0);

	/* 100 Trying gets no tag; a generated tag otherwise; a present tag is kept */
	cr_assert_eq(sipmsg_make_response(built[0], 100, NULL, NULL, &built[2]), SIPMSG_OK);
	reparse(built[2]);
	cr_assert_null(sipmsg_msg_to(tt_m)->tag.ptr);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_RECORD_ROUTE), 0);
	cr_assert_eq(sipmsg_make_response(built[0], 486, "Busy Here Now", NULL, &built[3]), SIPMSG_OK);
	reparse(built[3]);
	TT_SLICE(sipmsg_msg_reason(tt_m), "Busy Here Now");
	cr_assert_eq(sipmsg_msg_to(tt_m)->tag.len, 16);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_RECORD_ROUTE), 0, "not in a 4xx");
	sipmsg_msg *r2;
	cr_assert_eq(sipmsg_make_response(built[3], 200, NULL, NULL, &r2), SIPMSG_ESTATE, "not from a response");
	cr_assert_null(r2);
	cr_assert_eq(sipmsg_make_response(built[0], 99, NULL, NULL, &r2), SIPMSG_EINVAL);
}

Test(build, ack_for_non_2xx_rfc3261_17_1_1_3)
{
	built[0] = parsed_invite();
	cr_assert_eq(sipmsg_make_response(built[0], 486, NULL, "t486", &built[1]), SIPMSG_OK);
	cr_assert_eq(sipmsg_make_ack(built[0], built[1], &built[2]), SIPMSG_OK);
	reparse(built[2]);
	TT_SLICE(sipmsg_msg_method(tt_m), "ACK");
	TT_SLICE(sipmsg_msg_request_uri(tt_m), "sip:bob@biloxi.example.com");
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 1, "only the top Via");
	TT_SLICE(sipmsg_msg_via(tt_m, 0)->branch, "z9hG4bK2d4790.1");
	TT_SLICE(sipmsg_msg_to(tt_m)->tag, "t486");
	TT_SLICE(sipmsg_msg_from(tt_m)->tag, "1928301774");
	cr_assert_eq(sipmsg_msg_cseq(tt_m)->number, 314159);
	TT_SLICE(sipmsg_msg_cseq(tt_m)->method, "ACK");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ROUTE), 1);
	uint32_t mf;
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_MAX_FORWARDS, &mf), SIPMSG_OK);
	cr_assert_eq(mf, 69);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);

	sipmsg_msg *x;
	cr_assert_eq(sipmsg_make_response(built[0], 200, NULL, NULL, &built[3]), SIPMSG_OK);
	cr_assert_eq(sipmsg_make_ack(built[0], built[3], &x), SIPMSG_ESTATE, "a 2xx is ACKed end to end");
	cr_assert_eq(sipmsg_make_ack(built[1], built[1], &x), SIPMSG_ESTATE);
}

Test(build, cancel_rfc3261_9_1)
{
	built[0] = parsed_invite();
	cr_assert_eq(sipmsg_make_cancel(built[0], &built[1]), SIPMSG_OK);
	reparse(built[1]);
	TT_SLICE(sipmsg_msg_method(tt_m), "CANCEL");
	TT_SLICE(sipmsg_msg_request_uri(tt_m), "sip:bob@biloxi.example.com");
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 1);
	TT_SLICE(sipmsg_msg_via(tt_m, 0)->branch, "z9hG4bK2d4790.1");
	cr_assert_null(sipmsg_msg_to(tt_m)->tag.ptr, "To as in the INVITE");
	TT_SLICE(sipmsg_msg_cseq(tt_m)->method, "CANCEL");
	cr_assert_eq(sipmsg_msg_cseq(tt_m)->number, 314159);
	TT_SLICE(sipmsg_msg_call_id(tt_m), "a84b4c76e66710@pc33.atlanta.example.com");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_make_cancel(built[1], &built[2]), SIPMSG_ESTATE, "CANCEL is for an INVITE");
}
