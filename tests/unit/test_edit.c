/* SPDX-License-Identifier: MIT */
/* Editing headers, body and start line; building requests and responses. */
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

TestSuite(edit, .fini = teardown);

static void parse(const char *text)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	cr_assert_eq(sipmsg_parse(text, strlen(text), &o, &m, NULL), SIPMSG_OK);
}

static char *out(void)
{
	char *s;
	size_t n;
	cr_assert_eq(sipmsg_write_alloc(m, 0, &s, &n), SIPMSG_OK);
	return s;
}

#define EXPECT_WIRE(want)                                  \
	do {                                               \
		char *s_ = out();                          \
		cr_assert_str_eq(s_, want);                \
		free(s_);                                  \
	} while (0)

Test(edit, add_goes_before_closing_content_length)
{
	parse("OPTIONS sip:x SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 0\r\n\r\n");
	cr_assert_not(sipmsg_msg_is_modified(m));
	cr_assert_eq(sipmsg_header_add(m, "X-A", 3, "1", 1), SIPMSG_OK);
	cr_assert(sipmsg_msg_is_modified(m));
	EXPECT_WIRE("OPTIONS sip:x SIP/2.0\r\nCall-ID: 1\r\nX-A: 1\r\nContent-Length: 0\r\n\r\n");
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 1, &h), SIPMSG_OK);
	cr_assert(h.flags & SIPMSG_HEADER_MODIFIED);
	cr_assert_eq(h.offset, (size_t)-1);
	cr_assert_eq(sipmsg_header_find_name(m, "x-a", 3, 0), 1);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_CONTENT_LENGTH, 0), 2, "the index follows the edit");
}

Test(edit, insert_replace_remove)
{
	parse("OPTIONS sip:x SIP/2.0\r\nXa: 1\r\nXb: 2\r\nXc: 3\r\n\r\n");
	cr_assert_eq(sipmsg_header_insert(m, 0, "Via", 3, "SIP/2.0/UDP h", 13), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_insert(m, 4, "Xd", 2, "4", 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_insert(m, 9, "Xe", 2, "5", 1), SIPMSG_EINVAL, "past the end");
	cr_assert_eq(sipmsg_header_replace(m, 2, "two", 3), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_remove(m, 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_remove(m, 7), SIPMSG_ENOTFOUND);
	EXPECT_WIRE("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nXb: two\r\nXc: 3\r\nXd: 4\r\n\r\n");
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_VIA, 0), 0);
}

/* A value walk does not outlive an edit: the line it was in the middle of
 * may be gone (the parse is not copied here, so the value would still read
 * as the removed line's text) and indexes shift. Begin again walks anew. */
Test(edit, value_walk_ends_at_an_edit)
{
	static const char text[] = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP a, SIP/2.0/UDP b\r\n"
				   "Via: SIP/2.0/UDP c\r\nCall-ID: 1\r\n\r\n";
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	cr_assert_eq(sipmsg_parse(text, strlen(text), &o, &m, NULL), SIPMSG_OK);
	sipmsg_value_iter it;
	sipmsg_slice v;
	sipmsg_values_begin(&it, m, "Via", 3);
	cr_assert(sipmsg_values_next(&it, &v));
	cr_assert_eq(v.len, 13);
	cr_assert_eq(memcmp(v.ptr, "SIP/2.0/UDP a", 13), 0);
	cr_assert_eq(sipmsg_header_remove(m, 0), SIPMSG_OK);
	cr_assert_not(sipmsg_values_next(&it, &v), "\"b\" was on the removed line");
	cr_assert_not(sipmsg_values_next(&it, &v), "and stays ended");
	sipmsg_values_begin_id(&it, m, SIPMSG_HDR_VIA);
	cr_assert(sipmsg_values_next(&it, &v));
	cr_assert_eq(memcmp(v.ptr, "SIP/2.0/UDP c", 13), 0);
	cr_assert_not(sipmsg_values_next(&it, &v));
	/* between lines too: an added line ends the walk instead of showing up */
	sipmsg_values_begin(&it, m, "X-A", 3);
	cr_assert_eq(sipmsg_header_add(m, "X-A", 3, "2", 1), SIPMSG_OK);
	cr_assert_not(sipmsg_values_next(&it, &v));
}

Test(edit, set_and_remove_all)
{
	parse("OPTIONS sip:x SIP/2.0\r\nv: SIP/2.0/UDP a\r\nX: 1\r\nVia: SIP/2.0/UDP b\r\nx: 2\r\n\r\n");
	cr_assert_eq(sipmsg_header_set(m, "Via", 3, "SIP/2.0/TCP c", 13), SIPMSG_OK);
	EXPECT_WIRE("OPTIONS sip:x SIP/2.0\r\nv: SIP/2.0/TCP c\r\nX: 1\r\nx: 2\r\n\r\n");
	cr_assert_eq(sipmsg_header_remove_all(m, "X", 1), 2);
	cr_assert_eq(sipmsg_header_set(m, "Subject", 7, "new", 3), SIPMSG_OK, "set adds when absent");
	EXPECT_WIRE("OPTIONS sip:x SIP/2.0\r\nv: SIP/2.0/TCP c\r\nSubject: new\r\n\r\n");
	cr_assert_eq(sipmsg_header_remove_all(m, "Nope", 4), 0);
}

Test(edit, values_lose_whitespace_at_their_ends_as_a_parse_would)
{
	parse("MESSAGE sip:x SIP/2.0\r\nXx: 1\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_header_replace(m, 0, " \tone two\t ", 11), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_add(m, "Subject", 7, "  hi", 4), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_set(m, "Yy", 2, "\t", 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_body(m, "x", 1, " text/plain "), SIPMSG_OK);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert_eq(h.value.len, 7);
	cr_assert_eq(memcmp(h.value.ptr, "one two", 7), 0, "inner whitespace is kept");
	/* the typed view of the edited Content-Type reads as it will after a write */
	cr_assert_not_null(sipmsg_msg_content_type(m), "the edited Content-Type parses typed");
	EXPECT_WIRE("MESSAGE sip:x SIP/2.0\r\nXx: one two\r\nSubject: hi\r\nYy: \r\nContent-Type: text/plain\r\n"
		    "l: 1\r\n\r\nx");
}

Test(edit, values_cannot_inject_lines)
{
	parse("OPTIONS sip:x SIP/2.0\r\n\r\n");
	cr_assert_eq(sipmsg_header_add(m, "Subject", 7, "a\r\nVia: evil", 12), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_header_add(m, "Sub ject", 8, "a", 1), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_header_add(m, "", 0, "a", 1), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_header_add(m, "X", 1, "nul\0", 4), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_request_uri(m, "sip:a b", 7), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_msg_set_method(m, "IN VITE", 7), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_header_count(m), 0);
	cr_assert_not(sipmsg_msg_is_modified(m));
}

Test(edit, body_keeps_content_length_and_type_true)
{
	parse("MESSAGE sip:x SIP/2.0\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_set_body(m, "hello", 5, "text/plain"), SIPMSG_OK);
	EXPECT_WIRE("MESSAGE sip:x SIP/2.0\r\nContent-Type: text/plain\r\nl: 5\r\n\r\nhello");
	cr_assert_eq(sipmsg_msg_set_body(m, NULL, 0, NULL), SIPMSG_OK);
	EXPECT_WIRE("MESSAGE sip:x SIP/2.0\r\nl: 0\r\n\r\n");
	static const char bin[] = {0, 1, 2, '\r', '\n'};
	cr_assert_eq(sipmsg_msg_set_body(m, bin, sizeof bin, "application/octet-stream"), SIPMSG_OK);
	sipmsg_slice b = sipmsg_msg_body(m);
	cr_assert_eq(b.len, 5);
	cr_assert_eq(memcmp(b.ptr, bin, 5), 0);
}

Test(edit, start_line)
{
	parse("INVITE sip:a@b SIP/2.0\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_set_request_uri(m, "sip:c@d", 7), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_method(m, "BYE", 3), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_method_id(m), SIPMSG_METHOD_BYE);
	EXPECT_WIRE("BYE sip:c@d SIP/2.0\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_set_status(m, 200, NULL, 0), SIPMSG_ESTATE);
}

Test(edit, build_request)
{
	cr_assert_eq(sipmsg_request_new("OPTIONS", 7, "sip:bob@example.com", 19, NULL, &m), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_add(m, "Max-Forwards", 12, "70", 2), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_body(m, "", 0, NULL), SIPMSG_OK);
	EXPECT_WIRE("OPTIONS sip:bob@example.com SIP/2.0\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_method_id(m), SIPMSG_METHOD_OPTIONS);
	sipmsg_msg_free(m);
	cr_assert_eq(sipmsg_request_new("BAD METHOD", 10, "sip:x", 5, NULL, &m), SIPMSG_EINVAL);
	cr_assert_null(m);
}

Test(edit, build_response)
{
	cr_assert_eq(sipmsg_response_new(486, NULL, 0, NULL, &m), SIPMSG_OK);
	EXPECT_WIRE("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_set_status(m, 299, NULL, 0), SIPMSG_OK);
	EXPECT_WIRE("SIP/2.0 299 Success\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_set_status(m, 180, "Klingeling", 10), SIPMSG_OK);
	EXPECT_WIRE("SIP/2.0 180 Klingeling\r\nContent-Length: 0\r\n\r\n");
	sipmsg_msg_free(m);
	cr_assert_eq(sipmsg_response_new(99, NULL, 0, NULL, &m), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_response_new(700, NULL, 0, NULL, &m), SIPMSG_EINVAL);
}

Test(edit, clone_is_independent)
{
	parse("INVITE sip:a@b SIP/2.0\r\nSubject: x\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_header_add(m, "X-Y", 3, "z", 1), SIPMSG_OK);
	sipmsg_msg *c;
	cr_assert_eq(sipmsg_msg_clone(m, &c), SIPMSG_OK);
	char *a = out();
	sipmsg_msg *keep = m;
	sipmsg_msg_free(keep);
	m = c;
	char *b = out();
	cr_assert_str_eq(a, b);
	free(a);
	free(b);
	cr_assert_eq(sipmsg_header_count(m), 3);
}

Test(edit, index_follows_random_edits)
{
	/* The per-id index is adjusted, not rebuilt, on each edit: it must always
	 * agree with a linear scan of the header list. */
	const char *names[] = {"Via", "To", "X-A", "Contact", "v", "m", "X-B"};
	/* values their grammars take (an edit of a known header is checked) */
	const char *values[] = {"SIP/2.0/UDP x", "<sip:x>", "x", "<sip:x>", "SIP/2.0/UDP x", "<sip:x>", "x"};
	parse("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP a\r\nTo: <sip:b@c>\r\n\r\n");
	unsigned seed = 12345;
	for (int step = 0; step < 2000; step++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = sipmsg_header_count(m);
		unsigned r = (seed >> 16) % 100;
		if (r < 60 || n == 0) {
			const char *name = names[(seed >> 8) % 7];
			const char *value = values[(seed >> 8) % 7];
			cr_assert_eq(sipmsg_header_insert(m, n ? (seed >> 4) % (n + 1) : 0, name, strlen(name), value,
							  strlen(value)),
				     SIPMSG_OK);
		} else {
			cr_assert_eq(sipmsg_header_remove(m, (seed >> 4) % n), SIPMSG_OK);
		}
		for (int id = SIPMSG_HDR_OTHER + 1; id < SIPMSG_HDR_COUNT_; id++) {
			long want = -1;
			for (size_t i = 0; i < sipmsg_header_count(m) && want < 0; i++) {
				sipmsg_header h;
				sipmsg_header_at(m, i, &h);
				if (h.id == (sipmsg_hdr_id)id)
					want = (long)i;
			}
			cr_assert_eq(sipmsg_header_find(m, (sipmsg_hdr_id)id, 0), want, "step %d id %d", step, id);
		}
	}
}
