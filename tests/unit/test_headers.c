/* SPDX-License-Identifier: MIT */
/* The raw header API: find by id and name, iterate every value across lines
 * and comma lists, the list tokenizer. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <string.h>

#include "guard.h"

static struct guarded g;
static sipmsg_msg *m;

static void teardown(void)
{
	sipmsg_msg_free(m);
	m = NULL;
	guard_free(&g);
}

TestSuite(headers, .fini = teardown);

static void parse(const char *text)
{
	const char *p = guard_str(&g, text);
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(p, strlen(text), NULL, &m, &err), SIPMSG_OK, "%s", err.reason);
}

static bool slice_is(sipmsg_slice s, const char *want)
{
	return s.len == strlen(want) && (s.len == 0 || memcmp(s.ptr, want, s.len) == 0);
}

static const char *msg_text =
	"INVITE sip:bob@b SIP/2.0\r\n"
	"Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2\r\n"
	"v: SIP/2.0/UDP c.example.com;branch=z9hG4bK3\r\n"
	"To: \"Bond, James\" <sip:bond@mi6.example>\r\n"
	"Contact: <sip:a@h1;x=\"1,2\">;q=0.5 , \"A, B\" <sip:b@h2> ,<sip:c@h3>\r\n"
	"m: <sip:d@h4>\r\n"
	"X-Custom: one, two\r\n"
	"x-custom: three\r\n"
	"Allow: INVITE,,ACK , \r\n"
	"Record-Route: <sip:p1;lr>,\r\n <sip:p2;lr>\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

Test(headers, find_by_id_and_name)
{
	parse(msg_text);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_VIA, 0), 0);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_VIA, 1), 1);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_VIA, 2), -1);
	cr_assert_eq(sipmsg_header_find_name(m, "v", 1, 1), 1, "compact name finds the long form too");
	cr_assert_eq(sipmsg_header_find_name(m, "VIA", 3, 0), 0);
	cr_assert_eq(sipmsg_header_find_name(m, "contact", 7, 0), 3);
	cr_assert_eq(sipmsg_header_find_name(m, "m", 1, 4), 4);
	cr_assert_eq(sipmsg_header_find_name(m, "X-CUSTOM", 8, 0), 5, "unknown names match case-insensitively");
	cr_assert_eq(sipmsg_header_find_name(m, "x-custom", 8, 6), 6);
	cr_assert_eq(sipmsg_header_find_name(m, "X-Missing", 9, 0), -1);
	cr_assert_eq(sipmsg_header_find(m, SIPMSG_HDR_CALL_ID, 0), -1);
	cr_assert_eq(sipmsg_header_count_id(m, SIPMSG_HDR_VIA), 2);
	cr_assert_eq(sipmsg_header_count_id(m, SIPMSG_HDR_CONTACT), 2);
}

static size_t collect(const char *name, sipmsg_slice *out, size_t max)
{
	sipmsg_value_iter it;
	sipmsg_values_begin(&it, m, name, strlen(name));
	size_t n = 0;
	sipmsg_slice v;
	while (sipmsg_values_next(&it, &v))
		if (n < max)
			out[n++] = v;
	return n;
}

Test(headers, values_across_lines_and_commas)
{
	parse(msg_text);
	sipmsg_slice v[8];
	cr_assert_eq(collect("Via", v, 8), 3);
	cr_assert(slice_is(v[0], "SIP/2.0/UDP a.example.com;branch=z9hG4bK1"));
	cr_assert(slice_is(v[1], "SIP/2.0/TCP b.example.com;branch=z9hG4bK2"));
	cr_assert(slice_is(v[2], "SIP/2.0/UDP c.example.com;branch=z9hG4bK3"));

	cr_assert_eq(collect("m", v, 8), 4, "quotes and <...> protect commas (JsSIP #11)");
	cr_assert(slice_is(v[0], "<sip:a@h1;x=\"1,2\">;q=0.5"));
	cr_assert(slice_is(v[1], "\"A, B\" <sip:b@h2>"));
	cr_assert(slice_is(v[2], "<sip:c@h3>"));
	cr_assert(slice_is(v[3], "<sip:d@h4>"));

	cr_assert_eq(collect("To", v, 8), 1, "To is not a list: \"Bond, James\" stays whole");
	cr_assert(slice_is(v[0], "\"Bond, James\" <sip:bond@mi6.example>"));

	cr_assert_eq(collect("X-Custom", v, 8), 2, "unknown headers are not split");
	cr_assert(slice_is(v[0], "one, two"));
	cr_assert(slice_is(v[1], "three"));

	cr_assert_eq(collect("Allow", v, 8), 2, "empty elements are skipped");
	cr_assert(slice_is(v[0], "INVITE"));
	cr_assert(slice_is(v[1], "ACK"));

	cr_assert_eq(collect("Record-Route", v, 8), 2, "a folded list");
	cr_assert(slice_is(v[0], "<sip:p1;lr>"));
	cr_assert(slice_is(v[1], "<sip:p2;lr>"));

	cr_assert_eq(collect("Route", v, 8), 0);
	sipmsg_value_iter it;
	sipmsg_values_begin_id(&it, m, SIPMSG_HDR_VIA);
	sipmsg_slice one;
	cr_assert(sipmsg_values_next(&it, &one));
	cr_assert_eq(it.header, 0);
	cr_assert(sipmsg_values_next(&it, &one));
	cr_assert_eq(it.header, 0);
	cr_assert(sipmsg_values_next(&it, &one));
	cr_assert_eq(it.header, 1, "the iterator says which line a value came from");
}

Test(headers, list_tokenizer)
{
	const char *s = "a, \"x,\\\"y\" <u,v>, (c,o) d ,, e,";
	sipmsg_slice rest = {s, strlen(s)}, item;
	const char *want[] = {"a", "\"x,\\\"y\" <u,v>", "(c,o) d", "", "e", ""};
	size_t n = 0;
	while (sipmsg_list_next(&rest, &item)) {
		cr_assert_lt(n, 6);
		cr_assert(slice_is(item, want[n]), "item %zu: '%.*s'", n, (int)item.len, item.ptr);
		n++;
	}
	cr_assert_eq(n, 6, "N commas give N+1 elements, empty ones included");

	sipmsg_slice empty = {"", 0};
	cr_assert(sipmsg_list_next(&empty, &item));
	cr_assert_eq(item.len, 0);
	cr_assert_not(sipmsg_list_next(&empty, &item));

	const char *unterminated = "\"open, quote";
	rest = (sipmsg_slice){unterminated, strlen(unterminated)};
	cr_assert(sipmsg_list_next(&rest, &item));
	cr_assert_eq(item.len, strlen(unterminated), "an unterminated quote runs to the end, never past it");
}

Test(headers, header_table_lookup)
{
	for (sipmsg_hdr_id id = 1; id < SIPMSG_HDR_COUNT_; id++) {
		const char *name = sipmsg_hdr_name(id);
		cr_assert_not_null(name);
		cr_assert_eq(sipmsg_hdr_lookup(name, strlen(name)), id, "%s", name);
		char upper[64], lower[64];
		size_t n = strlen(name);
		for (size_t i = 0; i <= n; i++) {
			upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
			lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
		}
		cr_assert_eq(sipmsg_hdr_lookup(upper, n), id, "%s", upper);
		cr_assert_eq(sipmsg_hdr_lookup(lower, n), id, "%s", lower);
		char c = sipmsg_hdr_compact(id);
		if (c) {
			char uc = (char)(c - 32);
			cr_assert_eq(sipmsg_hdr_lookup(&c, 1), id, "%c", c);
			cr_assert_eq(sipmsg_hdr_lookup(&uc, 1), id, "%c", uc);
		}
		if (n - 1 > 1)
			cr_assert_neq(sipmsg_hdr_lookup(name, n - 1), id, "a prefix of %s is not %s", name, name);
	}
	/* every IANA compact form */
	const char *compact = "abcdefijklmnorstuvxy";
	const sipmsg_hdr_id ids[] = {SIPMSG_HDR_ACCEPT_CONTACT, SIPMSG_HDR_REFERRED_BY, SIPMSG_HDR_CONTENT_TYPE,
			   SIPMSG_HDR_REQUEST_DISPOSITION, SIPMSG_HDR_CONTENT_ENCODING, SIPMSG_HDR_FROM,
			   SIPMSG_HDR_CALL_ID, SIPMSG_HDR_REJECT_CONTACT, SIPMSG_HDR_SUPPORTED,
			   SIPMSG_HDR_CONTENT_LENGTH, SIPMSG_HDR_CONTACT, SIPMSG_HDR_IDENTITY_INFO, SIPMSG_HDR_EVENT,
			   SIPMSG_HDR_REFER_TO, SIPMSG_HDR_SUBJECT, SIPMSG_HDR_TO, SIPMSG_HDR_ALLOW_EVENTS,
			   SIPMSG_HDR_VIA, SIPMSG_HDR_SESSION_EXPIRES, SIPMSG_HDR_IDENTITY};
	for (size_t i = 0; compact[i]; i++)
		cr_assert_eq(sipmsg_hdr_lookup(&compact[i], 1), ids[i], "compact %c", compact[i]);
	cr_assert_eq(sipmsg_hdr_lookup("g", 1), SIPMSG_HDR_OTHER);
	cr_assert_eq(sipmsg_hdr_lookup("Vias", 4), SIPMSG_HDR_OTHER);
	cr_assert_eq(sipmsg_hdr_lookup("", 0), SIPMSG_HDR_OTHER);
	cr_assert_eq(sipmsg_hdr_lookup("Call_ID", 7), SIPMSG_HDR_OTHER, "'_' must not match '-'");
	cr_assert(sipmsg_hdr_flags(SIPMSG_HDR_VIA) & SIPMSG_HF_LIST);
	cr_assert_not(sipmsg_hdr_flags(SIPMSG_HDR_TO) & SIPMSG_HF_LIST);
	cr_assert_eq(sipmsg_hdr_kind_of(SIPMSG_HDR_FROM), SIPMSG_KIND_NAMEADDR);
	cr_assert_str_eq(sipmsg_hdr_kind_name(SIPMSG_KIND_VIA), "via");
}
