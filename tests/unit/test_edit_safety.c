/* SPDX-License-Identifier: MIT */
/* Edits keep a message consistent: reads after an edit describe the edited
 * message, what is written parses back to what was edited, and an edit that
 * would write something else is refused (red team 4's findings). */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdlib.h>
#include <string.h>

static sipmsg_msg *m;

static void teardown(void)
{
	sipmsg_msg_free(m);
	m = NULL;
}

TestSuite(edit_safety, .fini = teardown);

static sipmsg_msg *parse_msg(const char *text)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	sipmsg_msg *r;
	cr_assert_eq(sipmsg_parse(text, strlen(text), &o, &r, NULL), SIPMSG_OK);
	return r;
}

static void parse(const char *text) { m = parse_msg(text); }

static char *out(const sipmsg_msg *msg)
{
	char *s;
	size_t n;
	cr_assert_eq(sipmsg_write_alloc(msg, 0, &s, &n), SIPMSG_OK);
	return s;
}

/* The message written and parsed again. */
static sipmsg_msg *reparse(void)
{
	char *s = out(m);
	sipmsg_msg *r = parse_msg(s);
	free(s);
	return r;
}

static bool slice_is(sipmsg_slice s, const char *want)
{
	return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

#define S(lit) lit, sizeof lit - 1

static const char options[] = "OPTIONS sip:bob@b SIP/2.0\r\n"
			      "Via: SIP/2.0/UDP a;branch=z9hG4bKA\r\n"
			      "To: <sip:bob@b>\r\n"
			      "From: <sip:a@a>;tag=1\r\n"
			      "Call-ID: cid\r\n"
			      "CSeq: 1 OPTIONS\r\n"
			      "Content-Length: 0\r\n\r\n";

static const char invite[] = "INVITE sip:bob@b SIP/2.0\r\n"
			     "v: SIP/2.0/UDP a;branch=z9hG4bKA\r\n"
			     "Via: SIP/2.0/UDP b;branch=z9hG4bKB\r\n"
			     "Max-Forwards: 70\r\n"
			     "t: <sip:bob@b>\r\n"
			     "f: <sip:a@a>;tag=1\r\n"
			     "i: cid\r\n"
			     "CSeq: 1 INVITE\r\n"
			     "Contact: <sip:a@h1>\r\n"
			     "Contact: <sip:b@h1>\r\n"
			     "l: 0\r\n\r\n";

/* Finding 3: part headers could end the part's header section or the part. */
Test(edit_safety, multipart_part_headers_cannot_inject_lines)
{
	parse(options);
	static const char *bad[] = {
		"X: a\r\n--b1--\r\n", "X: a\r\n\r\nInjected\r\n", "NoColonHere\r\n", "--b1--: x\r\n",
		"X: a\nY: b\r\n",     "X: a\rY: b\r\n",         ": x\r\n",         "X y: z\r\n",
		"X: a\x01\r\n",       "X: a",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		sipmsg_mime_part_spec p[2] = {{"text/plain", bad[i], "secret", 6}, {"text/plain", NULL, "two", 3}};
		cr_assert_eq(sipmsg_msg_set_multipart_body(m, "mixed", p, 2, "b1"), SIPMSG_EINVAL, "%zu", i);
	}
	sipmsg_mime_part_spec ct = {"text/plain\x01", NULL, "x", 1};
	cr_assert_eq(sipmsg_msg_set_multipart_body(m, "mixed", &ct, 1, "b1"), SIPMSG_EINVAL);
}

Test(edit_safety, built_multipart_reparses_to_the_same_parts)
{
	parse(options);
	sipmsg_mime_part_spec p[2] = {{"text/plain", "Content-ID: <a@b>\r\nX-Note:\tok\r\n", "one", 3},
				      {"application/sdp", NULL, "v=0\r\n", 5}};
	cr_assert_eq(sipmsg_msg_set_multipart_body(m, "mixed", p, 2, "b1"), SIPMSG_OK);
	sipmsg_msg *r = reparse();
	const sipmsg_multipart *mp;
	cr_assert_eq(sipmsg_msg_multipart(r, &mp), SIPMSG_OK);
	cr_assert_eq(mp->part_count, 2);
	cr_assert(slice_is(mp->parts[0].body, "one"));
	cr_assert_eq(mp->parts[0].header_count, 3);
	cr_assert(slice_is(mp->parts[0].headers[1].name, "Content-ID"));
	cr_assert(slice_is(mp->parts[0].headers[2].value, "ok"));
	cr_assert(slice_is(mp->parts[1].body, "v=0\r\n"));
	cr_assert(slice_is(mp->parts[1].content_type, "application/sdp"));
	sipmsg_msg_free(r);
}

/* Finding 7: the SDP was cached on the body alone. */
Test(edit_safety, sdp_follows_a_content_type_edit)
{
	parse("INVITE sip:bob@b SIP/2.0\r\nContent-Type: application/sdp\r\nContent-Length: 22\r\n\r\n"
	      "v=0\r\ns=-\r\nt=0 0\r\n\r\n\r\n");
	sipmsg_sdp *sdp;
	cr_assert_eq(sipmsg_msg_sdp(m, &sdp, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_set(m, S("Content-Type"), S("text/plain")), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_sdp(m, &sdp, NULL), SIPMSG_ENOTFOUND);
	cr_assert_null(sdp);
	cr_assert_eq(sipmsg_header_set(m, S("Content-Type"), S("application/sdp")), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_sdp(m, &sdp, NULL), SIPMSG_OK);
}

/* Finding 1: the cursor of sipmsg_typed_at() was kept across an edit of an
 * earlier line that changed how many values it holds. */
Test(edit_safety, via_cursor_follows_an_edit_of_an_earlier_line)
{
	parse(invite);
	cr_assert(slice_is(sipmsg_msg_via(m, 1)->branch, "z9hG4bKB"));
	cr_assert_eq(sipmsg_header_replace(m, 0, S("SIP/2.0/UDP a;branch=z9hG4bKA1, SIP/2.0/UDP a2;branch=z9hG4bKA2")),
		     SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_via_count(m), 3);
	cr_assert(slice_is(sipmsg_msg_via(m, 1)->branch, "z9hG4bKA2"));
	cr_assert_not_null(sipmsg_msg_via(m, 2));
	cr_assert(slice_is(sipmsg_msg_via(m, 2)->branch, "z9hG4bKB"));
}

Test(edit_safety, contact_cursor_follows_remove_then_add)
{
	parse(invite);
	cr_assert(slice_is(sipmsg_msg_contact(m, 1)->uri.user, "b"));
	long c0 = sipmsg_header_find(m, SIPMSG_HDR_CONTACT, 0);
	cr_assert_eq(sipmsg_header_replace(m, (size_t)c0, S("<sip:x@h1>, <sip:y@h1>")), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_contact_count(m), 3);
	cr_assert(slice_is(sipmsg_msg_contact(m, 1)->uri.user, "y"));
	sipmsg_typed t;
	cr_assert_eq(sipmsg_typed_at(m, SIPMSG_HDR_CONTACT, 2, &t), SIPMSG_OK);
	cr_assert(slice_is(t.nameaddr->uri.user, "b"));
}

/* Finding 14: a continuation line kept as a bad line before the first
 * header was dropped from the output once a header was inserted before it. */
Test(edit_safety, kept_leading_continuation_line_is_written_after_an_insert)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	const char *in = "OPTIONS sip:a@b SIP/2.0\r\n Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n";
	cr_assert_eq(sipmsg_parse(in, strlen(in), &o, &m, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 2);
	cr_assert_eq(sipmsg_msg_push_via(m, "UDP", "h", 5060, "z9hG4bK2"), SIPMSG_OK);
	char *s = out(m);
	cr_assert_str_eq(s, "OPTIONS sip:a@b SIP/2.0\r\n Via: SIP/2.0/UDP a;branch=z9hG4bK1\r\n"
			    "Via: SIP/2.0/UDP h:5060;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n");
	sipmsg_msg *r;
	cr_assert_eq(sipmsg_parse(s, strlen(s), &o, &r, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(r), 3, "nothing lost");
	sipmsg_msg_free(r);
	free(s);
}

/* Finding 9: sipmsg_make_response() and sipmsg_msg_set_cseq(). */
Test(edit_safety, no_response_to_an_ack)
{
	parse("ACK sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKA\r\nTo: <sip:bob@b>;tag=2\r\n"
	      "From: <sip:a@a>;tag=1\r\nCall-ID: cid\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
	sipmsg_msg *r = (sipmsg_msg *)1;
	cr_assert_eq(sipmsg_make_response(m, 200, NULL, NULL, &r), SIPMSG_ESTATE);
	cr_assert_null(r);
}

Test(edit_safety, no_response_to_a_request_without_to)
{
	parse("OPTIONS sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKA\r\n"
	      "From: <sip:a@a>;tag=1\r\nCall-ID: cid\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
	sipmsg_msg *r;
	cr_assert_eq(sipmsg_make_response(m, 200, NULL, NULL, &r), SIPMSG_EINVAL);
	cr_assert_null(r);
}

Test(edit_safety, valueless_to_tag_is_replaced)
{
	parse("OPTIONS sip:bob@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bKA\r\nTo: <sip:bob@b> ; tag;x=1\r\n"
	      "From: <sip:a@a>;tag=1\r\nCall-ID: cid\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
	sipmsg_msg *r;
	cr_assert_eq(sipmsg_make_response(m, 200, NULL, "abc", &r), SIPMSG_OK);
	long to = sipmsg_header_find(r, SIPMSG_HDR_TO, 0);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(r, (size_t)to, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "<sip:bob@b>;x=1;tag=abc"), "%.*s", (int)h.value.len, h.value.ptr);
	sipmsg_msg_free(r);
}

Test(edit_safety, cseq_number_below_2_31)
{
	parse(options);
	cr_assert_eq(sipmsg_msg_set_cseq(m, 2147483648u, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_cseq(m, 4294967295u, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_cseq(m, 2147483647u, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_cseq(m)->number, 2147483647u);
}

/* Finding 12: a number setter replaced the parameters too. */
Test(edit_safety, set_number_keeps_parameters)
{
	parse("UPDATE sip:bob@b SIP/2.0\r\nSession-Expires: 1800;refresher=uac\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_SESSION_EXPIRES, 90), SIPMSG_OK);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "90;refresher=uac"), "%.*s", (int)h.value.len, h.value.ptr);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_MAX_FORWARDS, 69), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_at(m, 1, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "69"));
}

/* Finding 5: a built message had no Content-Length. */
Test(edit_safety, built_messages_have_a_true_content_length)
{
	cr_assert_eq(sipmsg_request_new(S("OPTIONS"), S("sip:a@b"), NULL, &m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_push_via(m, "UDP", "h", 5060, "z9hG4bK1"), SIPMSG_OK);
	char *s = out(m);
	cr_assert_str_eq(s, "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h:5060;branch=z9hG4bK1\r\n"
			    "Content-Length: 0\r\n\r\n");
	free(s);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STREAM;
	s = out(m);
	sipmsg_msg *r;
	cr_assert_eq(sipmsg_parse(s, strlen(s), &o, &r, NULL), SIPMSG_OK, "framed on a stream");
	sipmsg_msg_free(r);
	free(s);
	/* the caller's own Content-Length takes its place: never two */
	cr_assert_eq(sipmsg_header_add(m, S("Content-Length"), S("0")), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 2);
	cr_assert_eq(sipmsg_msg_set_body(m, "hi", 2, "text/plain"), SIPMSG_OK);
	long cl = sipmsg_header_find(m, SIPMSG_HDR_CONTENT_LENGTH, 0);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_CONTENT_LENGTH, (size_t)cl + 1), -1);
	uint32_t n;
	cr_assert_eq(sipmsg_msg_number(m, SIPMSG_HDR_CONTENT_LENGTH, &n), SIPMSG_OK);
	cr_assert_eq(n, 2);
}

Test(edit_safety, built_response_and_derived_have_one_content_length)
{
	cr_assert_eq(sipmsg_response_new(200, NULL, 0, NULL, &m), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 1);
	sipmsg_msg *req = parse_msg(options), *r;
	cr_assert_eq(sipmsg_make_response(req, 200, NULL, NULL, &r), SIPMSG_OK);
	long cl = sipmsg_header_find(r, SIPMSG_HDR_CONTENT_LENGTH, 0);
	cr_assert_eq(cl, (long)sipmsg_header_count(r) - 1, "one, last");
	sipmsg_msg_free(r);
	sipmsg_msg_free(req);
}

/* Finding 8: raw edits of known headers are checked by their grammar. */
Test(edit_safety, raw_edits_of_known_headers_are_checked)
{
	parse(options);
	static const struct {
		const char *name, *value;
	} bad[] = {
		{"Content-Length", "abc"}, {"Via", "garbage"}, {"CSeq", "x"},   {"From", "<<"},
		{"Call-ID", "a b"},        {"To", "<sip:"},    {"l", "-1"},      {"Max-Forwards", "256"},
		{"Content-Type", "garbage"},
	};
	char *before = out(m);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t nl = strlen(bad[i].name), vl = strlen(bad[i].value);
		cr_assert_eq(sipmsg_header_set(m, bad[i].name, nl, bad[i].value, vl), SIPMSG_ESYNTAX, "%s", bad[i].name);
		cr_assert_eq(sipmsg_header_add(m, bad[i].name, nl, bad[i].value, vl), SIPMSG_ESYNTAX, "%s", bad[i].name);
		cr_assert_eq(sipmsg_header_insert(m, 0, bad[i].name, nl, bad[i].value, vl), SIPMSG_ESYNTAX);
	}
	cr_assert_eq(sipmsg_header_replace(m, 0, S("garbage")), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_msg_set_body(m, "x", 1, "garbage"), SIPMSG_ESYNTAX);
	char *after = out(m);
	cr_assert_str_eq(after, before, "a refused edit changes nothing");
	cr_assert_not(sipmsg_msg_is_modified(m));
	cr_assert_eq(sipmsg_msg_diag_count(m), 0, "and leaves no diagnostic");
	free(before);
	free(after);
	/* unknown headers take any text */
	cr_assert_eq(sipmsg_header_add(m, S("X-Anything"), S("<< a b ;;")), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_set(m, S("CSeq"), S("7 OPTIONS")), SIPMSG_OK);
}

Test(edit_safety, raw_edit_longer_than_a_line_is_refused)
{
	parse(options);
	size_t n = 70000;
	char *big = malloc(n);
	memset(big, 'a', n);
	cr_assert_eq(sipmsg_header_add(m, S("X-Big"), big, n), SIPMSG_ELIMIT);
	cr_assert_eq(sipmsg_header_replace(m, 0, big, n), SIPMSG_ELIMIT);
	free(big);
}

Test(edit_safety, request_uri_is_checked_by_the_uri_parser)
{
	parse(options);
	cr_assert_eq(sipmsg_msg_set_request_uri(m, S("bob")), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_msg_set_request_uri(m, S("sip:")), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_msg_set_request_uri(m, S("sip:carol@c")), SIPMSG_OK);
	sipmsg_msg *r;
	cr_assert_eq(sipmsg_request_new(S("OPTIONS"), S("bob"), NULL, &r), SIPMSG_ESYNTAX);
	cr_assert_null(r);
}

/* Finding 11: SDP setters whose fields others hang on. */
Test(edit_safety, sdp_setters_refuse_values_that_shift_fields)
{
	sipmsg_sdp *sdp;
	cr_assert_eq(sipmsg_sdp_new(NULL, &sdp), SIPMSG_OK);
	sipmsg_sdp_origin o = {.username = {S("al ice")}, .sess_id = {S("1")}, .sess_version = {S("1")},
			       .address = {S("1.2.3.4")}};
	cr_assert_eq(sipmsg_sdp_set_origin(sdp, &o), SIPMSG_EINVAL);
	o.username = (sipmsg_slice){S("alice")};
	cr_assert_eq(sipmsg_sdp_set_origin(sdp, &o), SIPMSG_OK);
	sipmsg_sdp_connection c = {.address = {S("1.2.3.4 5.6.7.8")}, .ttl = -1};
	cr_assert_eq(sipmsg_sdp_set_connection(sipmsg_sdp_session(sdp), &c), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_set_session_name(sdp, "", 0), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_line_add(sipmsg_sdp_session(sdp), 'v', S("0"), NULL), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_line_add(sipmsg_sdp_session(sdp), 's', S("x"), NULL), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_media_add(sdp, S("garbage"), NULL), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_media_add(sdp, S("audio 49170 RTP/AVP 0"), NULL), SIPMSG_OK);
	char *s;
	size_t n;
	cr_assert_eq(sipmsg_sdp_write_alloc(sdp, 0, &s, &n), SIPMSG_OK);
	sipmsg_parse_opts po;
	sipmsg_parse_opts_init(&po);
	po.flags |= SIPMSG_PARSE_STRICT;
	sipmsg_sdp *back;
	cr_assert_eq(sipmsg_sdp_parse(s, n, &po, &back, NULL), SIPMSG_OK, "%s", s);
	sipmsg_sdp_free(back);
	free(s);
	sipmsg_sdp_free(sdp);
}

/* Finding 10: a bad index is the same status for replace and remove. */
Test(edit_safety, bad_index_is_not_found_for_replace_and_remove)
{
	parse(options);
	cr_assert_eq(sipmsg_header_replace(m, 999, S("x")), SIPMSG_ENOTFOUND);
	cr_assert_eq(sipmsg_header_remove(m, 999), SIPMSG_ENOTFOUND);
}

/* Finding 6: one value of a comma-list line. */
Test(edit_safety, remove_one_value_of_a_list_line)
{
	parse("INVITE sip:bob@b SIP/2.0\r\n"
	      "Via: SIP/2.0/UDP p1;branch=z9hG4bKP1, SIP/2.0/UDP p2;branch=z9hG4bKP2 ,SIP/2.0/UDP p3;branch=z9hG4bKP3\r\n"
	      "Route: <sip:r1;lr>,\r\n <sip:r2;lr>\r\n"
	      "Content-Length: 0\r\n\r\n");
	cr_assert(slice_is(sipmsg_msg_via(m, 2)->branch, "z9hG4bKP3"));
	cr_assert_eq(sipmsg_header_remove_value(m, 0, 0), SIPMSG_OK);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "SIP/2.0/UDP p2;branch=z9hG4bKP2 ,SIP/2.0/UDP p3;branch=z9hG4bKP3"));
	cr_assert_eq(sipmsg_msg_via_count(m), 2);
	cr_assert(slice_is(sipmsg_msg_via(m, 1)->branch, "z9hG4bKP3"));
	cr_assert_eq(sipmsg_header_remove_value(m, 0, 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "SIP/2.0/UDP p2;branch=z9hG4bKP2"));
	cr_assert_eq(sipmsg_header_remove_value(m, 0, 1), SIPMSG_ENOTFOUND);
	/* a folded line: the fold goes too */
	cr_assert_eq(sipmsg_header_remove_value(m, 1, 0), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_at(m, 1, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "<sip:r2;lr>"), "%.*s", (int)h.value.len, h.value.ptr);
	/* the last value takes its line */
	cr_assert_eq(sipmsg_header_remove_value(m, 0, 0), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 2);
	cr_assert_eq(sipmsg_header_remove_value(m, 9, 0), SIPMSG_ENOTFOUND);
	sipmsg_msg *r = reparse();
	cr_assert_eq(sipmsg_header_count(r), 2);
	sipmsg_msg_free(r);
}

Test(edit_safety, replace_one_value_of_a_list_line)
{
	parse("INVITE sip:bob@b SIP/2.0\r\nRoute: <sip:r1;lr>, <sip:r2;lr>\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_header_replace_value(m, 0, 1, S("<sip:x;lr>")), SIPMSG_OK);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "<sip:r1;lr>, <sip:x;lr>"));
	cr_assert_eq(sipmsg_header_replace_value(m, 0, 0, S("<<")), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_header_replace_value(m, 0, 0, S("<sip:y>\r\nX: 1")), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_header_replace_value(m, 0, 2, S("<sip:y>")), SIPMSG_ENOTFOUND);
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert(slice_is(h.value, "<sip:r1;lr>, <sip:x;lr>"));
}

/* Finding 10: a refused edit says why. */
Test(edit_safety, a_refused_edit_says_why)
{
	parse(options);
	cr_assert_null(sipmsg_msg_edit_refusal(m));
	cr_assert_eq(sipmsg_header_set(m, S("Via"), S("garbage")), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = sipmsg_msg_edit_refusal(m);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert(d->message && *d->message);
	cr_assert(slice_is(d->header, "Via"));
	cr_assert_eq(d->header_index, 0, "the line whose replacement was refused");
	cr_assert_eq(sipmsg_msg_diag_count(m), 0, "not in the message's diagnostics");
	cr_assert_eq(sipmsg_header_add(m, S("CSeq"), S("x")), SIPMSG_ESYNTAX);
	d = sipmsg_msg_edit_refusal(m);
	cr_assert(d && slice_is(d->header, "CSeq") && d->header_index == SIZE_MAX, "an added line is not there");
	cr_assert_eq(sipmsg_header_add(m, S("Subject"), S("ok")), SIPMSG_OK);
	cr_assert_null(sipmsg_msg_edit_refusal(m), "an edit that succeeds clears it");
}

/* ACK and CANCEL carry the INVITE's Request-URI as it is (RFC 3261 §9.1,
 * §17.1.1.3), even one the lenient parse took that the URI grammar refuses
 * (a '*' in the host): the Request-URI check of the builders made them fail
 * (found by the build fuzz target). */
Test(edit_safety, ack_and_cancel_keep_a_request_uri_the_parse_took)
{
	parse("INVITE sip:bob*biloxi.example.org SIP/2.0\r\n"
	      "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
	      "To: <sip:bob@biloxi.example.org>\r\nFrom: <sip:a@a.example.com>;tag=1\r\n"
	      "Call-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
	sipmsg_msg *resp = NULL, *ack = NULL, *cancel = NULL;
	cr_assert_eq(sipmsg_make_response(m, 486, NULL, "t1", &resp), SIPMSG_OK);
	cr_assert_eq(sipmsg_make_ack(m, resp, &ack), SIPMSG_OK);
	cr_assert_eq(sipmsg_make_cancel(m, &cancel), SIPMSG_OK);
	sipmsg_slice u = sipmsg_msg_request_uri(ack);
	cr_assert(u.len == 26 && memcmp(u.ptr, "sip:bob*biloxi.example.org", 26) == 0);
	u = sipmsg_msg_request_uri(cancel);
	cr_assert(u.len == 26 && memcmp(u.ptr, "sip:bob*biloxi.example.org", 26) == 0);
	/* a Request-URI set by the caller is still held to the grammar */
	cr_assert_eq(sipmsg_msg_set_request_uri(ack, "sip:bob*biloxi.example.org", 26), SIPMSG_ESYNTAX);
	sipmsg_msg_free(resp);
	sipmsg_msg_free(ack);
	sipmsg_msg_free(cancel);
}
