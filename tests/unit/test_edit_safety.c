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
