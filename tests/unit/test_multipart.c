/* SPDX-License-Identifier: MIT */
/* multipart bodies: splitting (exact and binary bytes, RFC 4475 mpart01),
 * nesting and its limit, errors, and writing then splitting again. */
#include "typed_test.h"

#include <stdlib.h>

static sipmsg_arena *arena;

static void setup(void) { arena = sipmsg_arena_new(NULL, 0); }

static void teardown(void)
{
	sipmsg_arena_free(arena);
	tt_teardown();
}

TestSuite(multipart, .init = setup, .fini = teardown);

Test(multipart, split_parts_preamble_epilogue)
{
	static const char b[] = "preamble\r\n--xyz\r\nContent-Type: text/plain\r\nContent-ID:\r\n <a@b>\r\n\r\nhello\r\n"
			"--xyz  \r\n\r\nno headers\r\n--xyz\r\nContent-Type: application/octet-stream\r\n\r\n"
			"\x00\x01--xy\r\n-\r\n--xyz--\r\nepilogue";
	size_t n = sizeof b - 1;
	sipmsg_multipart mp;
	sipmsg_error err;
	cr_assert_eq(sipmsg_multipart_parse(b, n, TT_STR("xyz"), arena, NULL, &mp, &err), SIPMSG_OK, "%s", err.reason);
	TT_SLICE(mp.preamble, "preamble");
	TT_SLICE(mp.epilogue, "epilogue");
	cr_assert_eq(mp.part_count, 3);
	const sipmsg_mime_part *p = &mp.parts[0];
	cr_assert_eq(p->header_count, 2);
	TT_SLICE(p->content_type, "text/plain");
	TT_SLICE(p->headers[1].name, "Content-ID");
	TT_SLICE(p->headers[1].value, "<a@b>");
	TT_SLICE(p->body, "hello");
	p = &mp.parts[1];
	cr_assert_eq(p->header_count, 0);
	cr_assert_null(p->content_type.ptr);
	TT_SLICE(p->body, "no headers");
	p = &mp.parts[2];
	cr_assert_eq(p->body.len, 9, "binary bytes kept exactly, a NUL and a false boundary included");
	cr_assert(memcmp(p->body.ptr, "\x00\x01--xy\r\n-", 9) == 0);
}

Test(multipart, rfc4475_mpart01_binary_part)
{
	const char *dir = corpus_dir();
	if (!dir)
		cr_skip_test("the shared corpus is absent");
	char path[4096];
	snprintf(path, sizeof path, "%s/rfc4475/mpart01.dat", dir);
	size_t len;
	char *data = read_file(path, &len);
	cr_assert_not_null(data);
	tt_teardown();
	const char *p = guard_copy(&tt_g, data, len);
	cr_assert_eq(sipmsg_parse(p, len, NULL, &tt_m, &tt_err), SIPMSG_OK);
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_OK);
	cr_assert_eq(mp->part_count, 2);
	TT_SLICE(mp->boundary, "7a9cbec02ceef655");
	TT_SLICE(mp->parts[0].content_type, "text/plain");
	TT_SLICE(mp->parts[0].body, "Hello");
	TT_SLICE(mp->parts[1].content_type, "application/octet-stream");
	/* the binary part runs from after its empty line to the CRLF before the closing boundary */
	const char *bin = mp->parts[1].body.ptr;
	const char *close = memmem(p, len, "\r\n--7a9cbec02ceef655--", 22);
	cr_assert_not_null(close);
	cr_assert_eq(bin + mp->parts[1].body.len, close);
	cr_assert_eq((unsigned char)bin[0], 0x30, "DER starts with a SEQUENCE");
	const sipmsg_multipart *again;
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &again), SIPMSG_OK);
	cr_assert_eq(again, mp, "cached");
	free(data);
}

Test(multipart, nesting_and_its_limit)
{
	const char *b = "--outer\r\nContent-Type: multipart/alternative; boundary=\"in ner\"\r\n\r\n"
			"--in ner\r\nContent-Type: text/plain\r\n\r\nplain\r\n--in ner\r\nContent-Type: text/html\r\n\r\n"
			"<b>x</b>\r\n--in ner--\r\n\r\n--outer--\r\n";
	sipmsg_multipart mp;
	cr_assert_eq(sipmsg_multipart_parse(b, strlen(b), TT_STR("outer"), arena, NULL, &mp, NULL), SIPMSG_OK);
	cr_assert_eq(mp.part_count, 1);
	const sipmsg_multipart *in = mp.parts[0].nested;
	cr_assert_not_null(in);
	cr_assert_eq(in->part_count, 2);
	TT_SLICE(in->parts[1].body, "<b>x</b>");
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_multipart_depth = 1;
	sipmsg_error err;
	cr_assert_eq(sipmsg_multipart_parse(b, strlen(b), TT_STR("outer"), arena, &o, &mp, &err), SIPMSG_ELIMIT);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH);
}

/* b fails to split in strict mode, with code at offset. */
static void bad(const char *b, sipmsg_diag_code code, size_t offset)
{
	sipmsg_multipart mp;
	sipmsg_error err;
	sipmsg_parse_opts strict;
	sipmsg_parse_opts_init(&strict);
	strict.flags |= SIPMSG_PARSE_STRICT;
	struct guarded g = {0};
	const char *p = guard_str(&g, b);
	cr_assert_eq(sipmsg_multipart_parse(p, strlen(b), TT_STR("b"), arena, &strict, &mp, &err), SIPMSG_ESYNTAX, "%s", b);
	cr_assert_eq(err.code, (int)code);
	cr_assert_eq(err.offset, offset, "%s: offset %zu (%s)", b, err.offset, err.reason);
	guard_free(&g);
}

Test(multipart, errors)
{
	bad("no boundary at all", SIPMSG_DIAG_MULTIPART_BAD, 0);
	bad("--b\r\n\r\nx\r\n", SIPMSG_DIAG_MULTIPART_BAD, 10);
	bad("--bx\r\n\r\n--b--", SIPMSG_DIAG_MULTIPART_BAD, 3);
	bad("--b\r\nno colon here\r\n\r\nx\r\n--b--", SIPMSG_DIAG_MULTIPART_BAD, 5);
	TT_PARSE(TT_REQ("Content-Type: multipart/mixed\r\n"));
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_ESYNTAX);
	cr_assert_not_null(tt_diag(tt_m, SIPMSG_DIAG_MULTIPART_NO_BOUNDARY));
	TT_PARSE(TT_REQ("Content-Type: application/sdp\r\n"));
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_ESTATE);
}

/* The split of b (lenient defaults), which must succeed; its bytes stay
 * in tt_g until the next call or the teardown. */
static sipmsg_multipart split_ok(const char *b)
{
	sipmsg_multipart mp;
	sipmsg_error err;
	tt_teardown();
	const char *p = guard_str(&tt_g, b);
	cr_assert_eq(sipmsg_multipart_parse(p, strlen(b), TT_STR("b"), arena, NULL, &mp, &err), SIPMSG_OK, "%s: %s", b,
		     err.reason);
	return mp;
}

Test(multipart, unclosed_body_keeps_its_last_part)
{
	/* cut inside the last part: it runs to the end, bytes kept as they are */
	sipmsg_multipart mp = split_ok("--b\r\nContent-Type: text/plain\r\n\r\none\r\n--b\r\n\r\ntwo, cut\r");
	cr_assert_not(mp.closed);
	cr_assert_eq(mp.part_count, 2);
	cr_assert_eq(mp.parts[1].body.len, 9);
	cr_assert(memcmp(mp.parts[1].body.ptr, "two, cut\r", 9) == 0);
	cr_assert_eq(mp.epilogue.len, 0);
	/* cut right after a delimiter line, or inside it: no empty part made up */
	mp = split_ok("--b\r\n\r\none\r\n--b\r\n");
	cr_assert(!mp.closed && mp.part_count == 1);
	TT_SLICE(mp.parts[0].body, "one");
	mp = split_ok("--b\r\n\r\none\r\n--b");
	cr_assert(!mp.closed && mp.part_count == 1);
	/* closed bodies say so; a nested part cut short is unclosed on its own */
	mp = split_ok("--b\r\n\r\none\r\n--b--\r\n");
	cr_assert(mp.closed);
	mp = split_ok("--b\r\nContent-Type: multipart/mixed;boundary=in\r\n\r\n--in\r\n\r\nx\r\n--b--\r\n");
	cr_assert(mp.closed && mp.part_count == 1);
	cr_assert_not_null(mp.parts[0].nested);
	cr_assert_not(mp.parts[0].nested->closed);
	TT_SLICE(mp.parts[0].nested->parts[0].body, "x");
}

Test(multipart, unclosed_message_body_is_reported)
{
	const char *msg = "MESSAGE sip:bob@biloxi.example.com SIP/2.0\r\n"
			  "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
			  "Max-Forwards: 70\r\nTo: <sip:bob@biloxi.example.com>\r\n"
			  "From: <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
			  "Call-ID: a84b4c76e66710\r\nCSeq: 1 MESSAGE\r\n"
			  "Content-Type: multipart/mixed;boundary=sep\r\nContent-Length: 30\r\n\r\n"
			  "--sep\r\n\r\nhello\r\n--sep\r\n\r\nworld";
	cr_assert_eq(tt_parse(msg), SIPMSG_OK, "%s", tt_err.reason);
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_OK);
	cr_assert(!mp->closed && mp->part_count == 2);
	TT_SLICE(mp->parts[1].body, "world");
	const sipmsg_diag *d = tt_diag(tt_m, SIPMSG_DIAG_MULTIPART_UNCLOSED);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert_eq(d->offset, strlen(msg), "reported at the end of the body");
	/* a second look neither splits again nor repeats the diagnostic */
	size_t n = sipmsg_msg_diag_count(tt_m);
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), n);
	/* without the flag the body does not split */
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.lenient &= ~SIPMSG_LENIENT_UNCLOSED_MULTIPART;
	cr_assert_eq(tt_parse_opts(msg, &o), SIPMSG_OK, "%s", tt_err.reason);
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_ESYNTAX);
	cr_assert_not_null(tt_diag(tt_m, SIPMSG_DIAG_MULTIPART_BAD));
	cr_assert_null(tt_diag(tt_m, SIPMSG_DIAG_MULTIPART_UNCLOSED));
}

Test(multipart, write_then_split)
{
	unsigned char bin[256];
	for (int i = 0; i < 256; i++)
		bin[i] = (unsigned char)i;
	sipmsg_mime_part_spec parts[3] = {
		{"application/sdp", NULL, "v=0\r\n", 5},
		{"application/octet-stream", "Content-Transfer-Encoding: binary\r\n", bin, sizeof bin},
		{NULL, NULL, "", 0},
	};
	size_t need;
	cr_assert_eq(sipmsg_multipart_write(parts, 3, "bnd42", NULL, 0, &need), SIPMSG_ENOSPC);
	char *buf = malloc(need);
	size_t n;
	cr_assert_eq(sipmsg_multipart_write(parts, 3, "bnd42", buf, need, &n), SIPMSG_OK);
	cr_assert_eq(n, need);
	sipmsg_multipart mp;
	cr_assert_eq(sipmsg_multipart_parse(buf, n, TT_STR("bnd42"), arena, NULL, &mp, NULL), SIPMSG_OK);
	cr_assert_eq(mp.part_count, 3);
	TT_SLICE(mp.parts[0].body, "v=0\r\n");
	cr_assert_eq(mp.parts[1].body.len, 256);
	cr_assert(memcmp(mp.parts[1].body.ptr, bin, 256) == 0);
	TT_SLICE(mp.parts[1].headers[1].value, "binary");
	cr_assert_eq(mp.parts[2].body.len, 0);
	free(buf);

	sipmsg_mime_part_spec evil = {"text/plain", NULL, "x\r\n--bnd42\r\n", 12};
	cr_assert_eq(sipmsg_multipart_write(&evil, 1, "bnd42", NULL, 0, &need), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_multipart_write(parts, 1, "bad boundary ", NULL, 0, &need), SIPMSG_EINVAL);
	sipmsg_mime_part_spec badh = {NULL, "X: no crlf", "", 0};
	cr_assert_eq(sipmsg_multipart_write(&badh, 1, "b", NULL, 0, &need), SIPMSG_EINVAL);
}

Test(multipart, message_body_round_trip)
{
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_request_new(TT_STR("MESSAGE"), TT_STR("sip:kumiko@example.org"), NULL, &m), SIPMSG_OK);
	sipmsg_mime_part_spec parts[2] = {{"text/plain", NULL, "Hello", 5}, {"application/octet-stream", NULL, "\0\r\n", 3}};
	cr_assert_eq(sipmsg_msg_set_multipart_body(m, "mixed", parts, 2, NULL), SIPMSG_OK);
	char *out;
	size_t n;
	cr_assert_eq(sipmsg_write_alloc(m, 0, &out, &n), SIPMSG_OK);
	sipmsg_msg_free(m);
	tt_teardown();
	const char *p = guard_copy(&tt_g, out, n);
	cr_assert_eq(sipmsg_parse(p, n, NULL, &tt_m, &tt_err), SIPMSG_OK);
	sipmsg_free(out);
	TT_SLICE(sipmsg_msg_content_type(tt_m)->subtype, "mixed");
	cr_assert_eq(sipmsg_msg_content_type(tt_m)->boundary.len, 16);
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_OK);
	cr_assert_eq(mp->part_count, 2);
	TT_SLICE(mp->parts[0].body, "Hello");
	cr_assert(mp->parts[1].body.len == 3 && memcmp(mp->parts[1].body.ptr, "\0\r\n", 3) == 0);
}

Test(multipart, sdp_part)
{
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_request_new(TT_STR("INVITE"), TT_STR("sip:bob@example.org"), NULL, &m), SIPMSG_OK);
	const char *sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
			  "m=audio 49170 RTP/AVP 0\r\n";
	sipmsg_mime_part_spec parts[2] = {{"Application/SDP; x=1", NULL, sdp, strlen(sdp)},
					  {"application/resource-lists+xml", NULL, "<x/>", 4}};
	cr_assert_eq(sipmsg_msg_set_multipart_body(m, "mixed", parts, 2, "sep"), SIPMSG_OK);
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(m, &mp), SIPMSG_OK);
	sipmsg_sdp *s;
	cr_assert_eq(sipmsg_mime_part_sdp(m, &mp->parts[0], &s, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_media_count(s), 1);
	cr_assert_eq(sipmsg_mime_part_sdp(m, &mp->parts[1], &s, NULL), SIPMSG_ESTATE);
	cr_assert_null(s);
	sipmsg_msg_free(m);
}

/* The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1): an
 * SDP part whose sender wrote only that one ends without a line end of its
 * own. Common (SIPREC recorders write it), so a warning even in strict
 * mode, where a bare SDP without its last line end fails. */
Test(multipart, sdp_part_whose_last_line_end_is_the_delimiters)
{
	const char *text = "INVITE sip:srs@example.com SIP/2.0\r\n"
			   "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nTo: <sip:srs@example.com>\r\n"
			   "From: <sip:src@example.com>;tag=1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
			   "Content-Type: multipart/mixed;boundary=b1\r\nContent-Length: 123\r\n\r\n"
			   "--b1\r\nContent-Type: application/sdp\r\n\r\n"
			   "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n--b1--\r\n";
	cr_assert_eq(tt_parse_strict(text), SIPMSG_OK, "%s", tt_err.reason);
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(tt_m, &mp), SIPMSG_OK);
	cr_assert_eq(mp->part_count, 1);
	sipmsg_sdp *s;
	sipmsg_error err;
	cr_assert_eq(sipmsg_mime_part_sdp(tt_m, &mp->parts[0], &s, &err), SIPMSG_OK, "%s", err.reason);
	cr_assert_eq(sipmsg_sdp_media_count(s), 1);
	cr_assert_eq(sipmsg_sdp_diag_count(s), 1);
	const sipmsg_diag *d = sipmsg_sdp_diag_at(s, 0);
	cr_assert_eq(d->code, SIPMSG_DIAG_SDP_NO_LINE_END);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);

	/* the same SDP on its own still fails strict mode */
	const sipmsg_mime_part *part = &mp->parts[0];
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	cr_assert_eq(sipmsg_sdp_parse(part->body.ptr, part->body.len, &o, &s, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_SDP_NO_LINE_END);
	/* ... and so it does with every leniency but that one: the part's
	 * exception is no bit of the caller's leniency word */
	sipmsg_parse_opts_init(&o);
	o.lenient = SIPMSG_LENIENT_ALL & ~SIPMSG_LENIENT_SDP_BAD_LINES;
	cr_assert_eq(sipmsg_sdp_parse(part->body.ptr, part->body.len, &o, &s, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_SDP_NO_LINE_END);
}
