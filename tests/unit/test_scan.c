/* SPDX-License-Identifier: MIT */
/* Scanner (layer 1): start lines, header lines, folding, bodies, leniency.
 * Every input sits right before a guard page. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <string.h>

#include <stdio.h>

#include "guard.h"

static struct guarded g;
static sipmsg_msg *m;
static sipmsg_error err;

static void teardown(void)
{
	sipmsg_msg_free(m);
	m = NULL;
	guard_free(&g);
}

TestSuite(scan, .fini = teardown);

static sipmsg_status parse_opts(const char *text, const sipmsg_parse_opts *o)
{
	memset(&err, 0, sizeof err);
	sipmsg_msg_free(m);
	m = NULL;
	guard_free(&g);
	const char *p = guard_str(&g, text);
	return sipmsg_parse(p, strlen(text), o, &m, &err);
}

static sipmsg_status parse(const char *text) { return parse_opts(text, NULL); }

static sipmsg_status parse_strict(const char *text)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	return parse_opts(text, &o);
}

static bool slice_is(sipmsg_slice s, const char *want)
{
	return s.len == strlen(want) && (s.len == 0 || memcmp(s.ptr, want, s.len) == 0);
}

static bool has_diag(sipmsg_diag_code code)
{
	for (size_t i = 0; i < sipmsg_msg_diag_count(m); i++)
		if (sipmsg_msg_diag_at(m, i)->code == code)
			return true;
	return false;
}

#define INVITE_HEAD "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"

Test(scan, request_line)
{
	cr_assert_eq(parse(INVITE_HEAD "Call-ID: a@b\r\nContent-Length: 0\r\n\r\n"), SIPMSG_OK);
	cr_assert(sipmsg_msg_is_request(m));
	cr_assert(slice_is(sipmsg_msg_method(m), "INVITE"));
	cr_assert_eq(sipmsg_msg_method_id(m), SIPMSG_METHOD_INVITE);
	cr_assert(slice_is(sipmsg_msg_request_uri(m), "sip:bob@biloxi.example.com"));
	cr_assert(slice_is(sipmsg_msg_version(m), "SIP/2.0"));
	cr_assert_eq(sipmsg_msg_status(m), 0);
	cr_assert_eq(sipmsg_header_count(m), 2);
	cr_assert_eq(sipmsg_msg_diag_count(m), 0);
}

Test(scan, every_known_method_and_extensions)
{
	const char *methods[] = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "PRACK",
				 "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "REFER", "UPDATE", "SERVICE", "BENOTIFY"};
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		char buf[128];
		snprintf(buf, sizeof buf, "%s sip:x@y SIP/2.0\r\nContent-Length: 0\r\n\r\n", methods[i]);
		cr_assert_eq(parse(buf), SIPMSG_OK, "%s", methods[i]);
		cr_assert_eq(sipmsg_msg_method_id(m), (sipmsg_method)(i + 1), "%s", methods[i]);
		cr_assert_str_eq(sipmsg_method_name(sipmsg_msg_method_id(m)), methods[i]);
	}
	cr_assert_eq(parse("NEWMETHOD sip:x@y SIP/2.0\r\n\r\n"), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_method_id(m), SIPMSG_METHOD_OTHER);
	cr_assert(slice_is(sipmsg_msg_method(m), "NEWMETHOD"));
	/* method names are case-sensitive (RFC 3261 §7.1) */
	cr_assert_eq(parse("invite sip:x@y SIP/2.0\r\n\r\n"), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_method_id(m), SIPMSG_METHOD_OTHER);
	/* escapes are token characters: RFC 4475 esc02 */
	cr_assert_eq(parse("RE%47IST%45R sip:registrar.example.com SIP/2.0\r\n\r\n"), SIPMSG_OK);
	cr_assert(slice_is(sipmsg_msg_method(m), "RE%47IST%45R"));
}

Test(scan, status_lines)
{
	cr_assert_eq(parse("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n"), SIPMSG_OK);
	cr_assert_not(sipmsg_msg_is_request(m));
	cr_assert_eq(sipmsg_msg_status(m), 486);
	cr_assert(slice_is(sipmsg_msg_reason(m), "Busy Here"));
	cr_assert(slice_is(sipmsg_msg_method(m), ""));

	cr_assert_eq(parse("SIP/2.0 200 \r\n\r\n"), SIPMSG_OK, "empty reason phrase");
	cr_assert(slice_is(sipmsg_msg_reason(m), ""));
	cr_assert_eq(sipmsg_msg_diag_count(m), 0);

	cr_assert_eq(parse("SIP/2.0 180 Sonne \xc3\xbc\xe2\x82\xac\r\n\r\n"), SIPMSG_OK, "UTF-8 reason");
	cr_assert(slice_is(sipmsg_msg_reason(m), "Sonne \xc3\xbc\xe2\x82\xac"));

	cr_assert_eq(parse("SIP/2.0 200\r\n\r\n"), SIPMSG_OK, "no SP and no reason, lenient");
	cr_assert(has_diag(SIPMSG_DIAG_START_LINE_SPACES));
	cr_assert_eq(parse_strict("SIP/2.0 200\r\n\r\n"), SIPMSG_ESYNTAX);
}

Test(scan, bad_status_codes)
{
	cr_assert_eq(parse("SIP/2.0 4294967301 better not break the receiver\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_STATUS_CODE);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 9);
	cr_assert_eq(parse("SIP/2.0 20 OK\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(parse("SIP/2.0 2x0 OK\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(parse("SIP/2.0\r\n\r\n"), SIPMSG_ESYNTAX);
}

Test(scan, versions)
{
	cr_assert_eq(parse("OPTIONS sip:a@b SIP/7.0\r\n\r\n"), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_UNSUPPORTED_VERSION));
	cr_assert_eq(sipmsg_msg_error_count(m), 1);
	cr_assert_eq(parse("OPTIONS sip:a@b sip/2.0\r\n\r\n"), SIPMSG_OK, "ABNF literals are case-insensitive");
	cr_assert_eq(sipmsg_msg_diag_count(m), 0);
	cr_assert_eq(parse("OPTIONS sip:a@b HTTP/1.1\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_VERSION);
	cr_assert_eq(err.column, 17);
	cr_assert_eq(parse("OPTIONS sip:a@b SIP/2.\r\n\r\n"), SIPMSG_ESYNTAX);
}

Test(scan, request_line_spaces)
{
	const char *trws = "OPTIONS sip:remote-target@example.com SIP/2.0  \r\nContent-Length: 0\r\n\r\n";
	cr_assert_eq(parse(trws), SIPMSG_OK, "RFC 4475 trws: lenient accepts");
	cr_assert(has_diag(SIPMSG_DIAG_START_LINE_SPACES));
	cr_assert(slice_is(sipmsg_msg_version(m), "SIP/2.0"));
	cr_assert_eq(parse_strict(trws), SIPMSG_ESYNTAX, "strict rejects");
	cr_assert_eq(err.code, SIPMSG_DIAG_START_LINE_SPACES);
	cr_assert_eq(err.column, 46);

	cr_assert_eq(parse("INVITE sip:a b SIP/2.0\r\n\r\n"), SIPMSG_ESYNTAX, "space inside the URI");
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_REQUEST_URI);
	cr_assert_eq(parse("INVITE  SIP/2.0\r\n\r\n"), SIPMSG_ESYNTAX, "no URI");
	cr_assert_eq(parse("INVITE\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(parse(" INVITE sip:a SIP/2.0\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_START_LINE);
}

Test(scan, header_names_and_ids)
{
	cr_assert_eq(parse(INVITE_HEAD "v: SIP/2.0/UDP h\r\ni: x\r\nCONTENT-length: 0\r\nX-Custom-Thing: yes\r\n"
				       "C%6Fntact: <sip:a@b>\r\nVia : SIP/2.0/UDP h2\r\n\r\n"),
		     SIPMSG_OK);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert_eq(h.id, SIPMSG_HDR_VIA);
	cr_assert(h.flags & SIPMSG_HEADER_COMPACT);
	cr_assert(slice_is(h.name, "v"));
	cr_assert(slice_is(h.value, "SIP/2.0/UDP h"));
	cr_assert_eq(h.line, 2);
	cr_assert_eq(h.offset, strlen(INVITE_HEAD));
	cr_assert_eq(sipmsg_header_at(m, 1, &h), SIPMSG_OK);
	cr_assert_eq(h.id, SIPMSG_HDR_CALL_ID);
	cr_assert_eq(sipmsg_header_at(m, 2, &h), SIPMSG_OK);
	cr_assert_eq(h.id, SIPMSG_HDR_CONTENT_LENGTH);
	cr_assert(slice_is(h.name, "CONTENT-length"), "the name is kept as written");
	cr_assert_eq(sipmsg_header_at(m, 3, &h), SIPMSG_OK);
	cr_assert_eq(h.id, SIPMSG_HDR_OTHER);
	cr_assert(slice_is(h.name, "X-Custom-Thing"));
	cr_assert_eq(sipmsg_header_at(m, 4, &h), SIPMSG_OK);
	cr_assert_eq(h.id, SIPMSG_HDR_OTHER, "C%%6Fntact is not Contact (RFC 4475 esc02)");
	cr_assert_eq(sipmsg_header_at(m, 5, &h), SIPMSG_OK);
	cr_assert_eq(h.id, SIPMSG_HDR_VIA, "whitespace before the colon is allowed (HCOLON)");
	cr_assert(slice_is(h.name, "Via"));
	cr_assert(slice_is(h.value, "SIP/2.0/UDP h2"));
	cr_assert_eq(sipmsg_header_at(m, 6, &h), SIPMSG_ENOTFOUND);
}

Test(scan, value_whitespace)
{
	cr_assert_eq(parse(INVITE_HEAD "Subject:    spaced out   \r\nX-Empty:\r\nX-Tab:\tt\t\r\nl:0\r\n\r\n"), SIPMSG_OK);
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert(slice_is(h.value, "spaced out"));
	sipmsg_header_at(m, 1, &h);
	cr_assert(slice_is(h.value, ""));
	cr_assert_not_null(h.value.ptr, "an empty value is present, not absent");
	sipmsg_header_at(m, 2, &h);
	cr_assert(slice_is(h.value, "t"));
	sipmsg_header_at(m, 3, &h);
	cr_assert(slice_is(h.value, "0"), "no space after the colon (FreeSWITCH l:0)");

	/* HTAB and SP around names and values, within and past a line's first 16 bytes */
	cr_assert_eq(parse(INVITE_HEAD "X-A-Rather-Long-Name\t: v\r\nX-B: a value longer than sixteen\tbytes\t\r\n"
				       "X-Longer-Name-Here :\t \tx y \t \r\nX-C:  \t  \r\nX-D: \t\r\n\r\n"),
		     SIPMSG_OK);
	const char *names[] = {"X-A-Rather-Long-Name", "X-B", "X-Longer-Name-Here", "X-C", "X-D"};
	const char *values[] = {"v", "a value longer than sixteen\tbytes", "x y", "", ""};
	for (size_t i = 0; i < 5; i++) {
		cr_assert_eq(sipmsg_header_at(m, i, &h), SIPMSG_OK);
		cr_assert(slice_is(h.name, names[i]), "%zu", i);
		cr_assert(slice_is(h.value, values[i]), "%zu: %.*s", i, (int)h.value.len, h.value.ptr);
		cr_assert_eq(h.line, i + 2);
	}
}

Test(scan, one_letter_names)
{
	/* compact forms and one-letter names that are none */
	cr_assert_eq(parse(INVITE_HEAD "g: x-unknown-one-letter\r\nI: call-id@host.example\r\nz:1\r\n\r\n"), SIPMSG_OK);
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert_eq(h.id, SIPMSG_HDR_OTHER);
	cr_assert_not(h.flags & SIPMSG_HEADER_COMPACT);
	cr_assert(slice_is(h.value, "x-unknown-one-letter"));
	sipmsg_header_at(m, 1, &h);
	cr_assert_eq(h.id, SIPMSG_HDR_CALL_ID);
	cr_assert(h.flags & SIPMSG_HEADER_COMPACT);
	sipmsg_header_at(m, 2, &h);
	cr_assert_eq(h.id, SIPMSG_HDR_OTHER);
	cr_assert_eq(h.flags, 0);
	cr_assert(slice_is(h.name, "z"));
	cr_assert_eq(h.line, 4);
}

Test(scan, folding)
{
	const char *text = INVITE_HEAD "Subject: first\r\n second\r\n\tthird\r\nTo: <sip:a@b>\r\n\r\n";
	cr_assert_eq(parse(text), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 2);
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert(h.flags & SIPMSG_HEADER_FOLDED);
	cr_assert(slice_is(h.value, "first\r\n second\r\n\tthird"));
	sipmsg_header_at(m, 1, &h);
	cr_assert_eq(h.line, 5, "line numbers count the continuation lines");
	cr_assert(slice_is(h.value, "<sip:a@b>"));

	cr_assert_eq(parse(INVITE_HEAD "Subject:\r\n  late value\r\n\r\n"), SIPMSG_OK);
	sipmsg_header_at(m, 0, &h);
	cr_assert(slice_is(h.value, "late value"), "leading folding is whitespace");
}

Test(scan, body_by_content_length_with_trailing_bytes)
{
	const char *text = "REGISTER sip:r SIP/2.0\r\nContent-Length: 4\r\n\r\nabcdINVITE sip:x SIP/2.0\r\n";
	cr_assert_eq(parse(text), SIPMSG_OK);
	cr_assert(slice_is(sipmsg_msg_body(m), "abcd"));
	cr_assert_eq(sipmsg_msg_length(m), strlen(text) - strlen("INVITE sip:x SIP/2.0\r\n"));
	cr_assert(slice_is(sipmsg_msg_trailing(m), "INVITE sip:x SIP/2.0\r\n"));
	cr_assert(has_diag(SIPMSG_DIAG_TRAILING_BYTES));
	cr_assert_eq(sipmsg_msg_error_count(m), 0, "trailing bytes are a warning (RFC 4475 dblreq is valid)");
}

Test(scan, body_without_content_length_runs_to_datagram_end)
{
	cr_assert_eq(parse("MESSAGE sip:x SIP/2.0\r\nContent-Type: text/plain\r\n\r\nhello\r\nworld"), SIPMSG_OK);
	cr_assert(slice_is(sipmsg_msg_body(m), "hello\r\nworld"));
	cr_assert_eq(sipmsg_msg_diag_count(m), 0);

	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STREAM;
	cr_assert_eq(parse_opts("MESSAGE sip:x SIP/2.0\r\n\r\nhello", &o), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_MISSING_CONTENT_LENGTH);
}

Test(scan, content_length_larger_than_datagram)
{
	const char *text = "INVITE sip:x SIP/2.0\r\nContent-Length: 9999\r\n\r\nshort";
	cr_assert_eq(parse(text), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_BODY_TRUNCATED));
	cr_assert(slice_is(sipmsg_msg_body(m), "short"));
	cr_assert_eq(parse_strict(text), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BODY_TRUNCATED);
	cr_assert_str_eq(err.header, "Content-Length");
	cr_assert_eq(err.line, 4);
}

Test(scan, bad_and_conflicting_content_length)
{
	cr_assert_eq(parse("INVITE sip:x SIP/2.0\r\nContent-Length: 12a\r\n\r\n"), SIPMSG_ESYNTAX,
		     "Content-Length is in the default must-be-valid set");
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_CONTENT_LENGTH);
	cr_assert_eq(err.column, 19, "the position of the first byte that is not a digit");

	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_parse_opts_must_be_valid(&o, SIPMSG_HDR_CONTENT_LENGTH, false);
	cr_assert_eq(parse_opts("INVITE sip:x SIP/2.0\r\nContent-Length: 12a\r\n\r\nbody", &o), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_BAD_CONTENT_LENGTH));
	cr_assert(slice_is(sipmsg_msg_body(m), "body"));

	cr_assert_eq(parse("INVITE sip:x SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nab"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_CONFLICTING_CONTENT_LENGTH);
	cr_assert_eq(parse("INVITE sip:x SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\n\r\nab"), SIPMSG_OK,
		     "repeated but equal");
	cr_assert_eq(parse("INVITE sip:x SIP/2.0\r\nContent-Length: 99999999999\r\n\r\n"), SIPMSG_ESYNTAX);
}

Test(scan, bare_lf)
{
	const char *text = "OPTIONS sip:x SIP/2.0\nVia: SIP/2.0/UDP h\nContent-Length: 2\n\nab";
	cr_assert_eq(parse(text), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_BARE_LF));
	cr_assert_eq(sipmsg_header_count(m), 2);
	cr_assert(slice_is(sipmsg_msg_body(m), "ab"));
	cr_assert_eq(parse_strict(text), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BARE_LF);
	cr_assert_eq(err.line, 1);
	cr_assert_eq(err.column, 22);
}

Test(scan, unterminated_header_section)
{
	const char *text = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nMax-Forwards: 70\r\n";
	cr_assert_eq(parse(text), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_UNTERMINATED_HEADERS));
	cr_assert_eq(sipmsg_header_count(m), 2);
	cr_assert_eq(sipmsg_msg_body(m).len, 0);
	cr_assert_eq(parse_strict(text), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_UNTERMINATED_HEADERS);
	cr_assert_eq(err.line, 4);

	cr_assert_eq(parse("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h"), SIPMSG_OK, "ends mid-line");
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert(slice_is(h.value, "SIP/2.0/UDP h"));
}

Test(scan, leading_crlf)
{
	cr_assert_eq(parse("\r\n\r\nOPTIONS sip:x SIP/2.0\r\nl: 0\r\n\r\n"), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_LEADING_CRLF));
	cr_assert(slice_is(sipmsg_msg_method(m), "OPTIONS"));
	cr_assert_eq(parse_strict("\r\nOPTIONS sip:x SIP/2.0\r\nl: 0\r\n\r\n"), SIPMSG_ESYNTAX);

	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STREAM | SIPMSG_PARSE_STRICT;
	cr_assert_eq(parse_opts("\r\nOPTIONS sip:x SIP/2.0\r\nl: 0\r\n\r\n", &o), SIPMSG_OK,
		     "on streams CRLFs before a message are keep-alives, even in strict mode");
}

Test(scan, empty_inputs)
{
	cr_assert_eq(parse(""), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_EMPTY_MESSAGE);
	cr_assert_eq(parse("\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_EMPTY_MESSAGE);
	cr_assert_eq(parse("OPTIONS sip:x SIP/2.0"), SIPMSG_ESYNTAX, "start line without line end");
}

Test(scan, bad_header_lines)
{
	const char *text = INVITE_HEAD "Call-ID: a@b\r\nThis line has no colon\r\nTo: <sip:a@b>\r\n\r\n";
	cr_assert_eq(parse(text), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 3);
	sipmsg_header h;
	sipmsg_header_at(m, 1, &h);
	cr_assert(h.flags & SIPMSG_HEADER_BAD_LINE);
	cr_assert(slice_is(h.value, "This line has no colon"));
	cr_assert(has_diag(SIPMSG_DIAG_MISSING_COLON));
	sipmsg_header_at(m, 2, &h);
	cr_assert_eq(h.id, SIPMSG_HDR_TO, "parsing goes on after a bad line");

	cr_assert_eq(parse_strict(text), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_MISSING_COLON);
	cr_assert_eq(err.line, 3);
	cr_assert_eq(err.column, 5);
	cr_assert_str_eq(err.header, "This");

	cr_assert_eq(parse_strict(INVITE_HEAD ": novalue\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_HEADER_NAME);
	cr_assert_eq(parse_strict(INVITE_HEAD " folded-first\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_FOLD_WITHOUT_HEADER);
}

Test(scan, control_characters)
{
	static const char text[] = "OPTIONS sip:x SIP/2.0\r\nSubject: a\0b\r\nl: 0\r\n\r\n";
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	guard_free(&g);
	const char *p = guard_copy(&g, text, sizeof text - 1);
	cr_assert_eq(sipmsg_parse(p, sizeof text - 1, &o, &m, &err), SIPMSG_OK);
	cr_assert(has_diag(SIPMSG_DIAG_CTL_IN_VALUE));
	const sipmsg_diag *d = sipmsg_msg_diag_at(m, 0);
	cr_assert_eq(d->code, SIPMSG_DIAG_CTL_IN_VALUE);
	cr_assert(d->header_index == 0 && d->header.len == 7 && memcmp(d->header.ptr, "Subject", 7) == 0,
		  "the lenient diagnostic names its header, as the strict error does");
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert_eq(h.value.len, 3, "the NUL stays inside the value, nothing is cut");
	sipmsg_msg_free(m);
	m = NULL;
	o.flags |= SIPMSG_PARSE_STRICT;
	cr_assert_eq(sipmsg_parse(p, sizeof text - 1, &o, &m, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_CTL_IN_VALUE);
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.column, 11);
}

/* quoted-pair = "\\" (%x00-09 / %x0B-0C / %x0E-7F): a control character a
 * backslash escapes inside a quoted string is valid (RFC 4475 §3.1.1.2);
 * one that is not escaped, or a backslash outside quotes, is not. */
Test(scan, control_characters_in_quoted_pairs)
{
	static const char ok[] = "OPTIONS sip:x SIP/2.0\r\nTo: \"a\\\x07 b\\\0c\\\x7f\" <sip:a@h>\r\n"
				 "Subject: \"\\\x01\" x \"\\\x02\"\r\nl: 0\r\n\r\n";
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STRICT;
	guard_free(&g);
	const char *p = guard_copy(&g, ok, sizeof ok - 1);
	cr_assert_eq(sipmsg_parse(p, sizeof ok - 1, &o, &m, &err), SIPMSG_OK, "%s at %u:%u", err.reason, err.line,
		     err.column);
	cr_assert_eq(sipmsg_msg_diag_count(m), 0);
	const sipmsg_nameaddr *to = sipmsg_msg_to(m);
	cr_assert_not_null(to);
	cr_assert_eq(to->display.len, 10, "the display name keeps its escapes");
	sipmsg_msg_free(m);
	m = NULL;

	static const char bad[][64] = {
		"OPTIONS sip:x SIP/2.0\r\nSubject: \"a\x07\"\r\nl: 0\r\n\r\n",  /* not escaped */
		"OPTIONS sip:x SIP/2.0\r\nSubject: a\\\x07\r\nl: 0\r\n\r\n",   /* no quotes */
		"OPTIONS sip:x SIP/2.0\r\nSubject: \"\\\\\" \x07\r\nl: 0\r\n\r\n", /* after the quotes */
	};
	static const uint32_t col[] = {12, 12, 15};
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(bad[k]);
		guard_free(&g);
		p = guard_copy(&g, bad[k], n);
		cr_assert_eq(sipmsg_parse(p, n, &o, &m, &err), SIPMSG_ESYNTAX, "case %zu", k);
		cr_assert_eq(err.code, SIPMSG_DIAG_CTL_IN_VALUE, "case %zu", k);
		cr_assert_eq(err.column, col[k], "case %zu: column %u", k, err.column);
	}
}

Test(scan, hot_header_checked_at_parse_time)
{
	const char *text = INVITE_HEAD "Max-Forwards: 300\r\nl: 0\r\n\r\n";
	cr_assert_eq(parse(text), SIPMSG_OK, "Max-Forwards is not must-be-valid by default");
	cr_assert(has_diag(SIPMSG_DIAG_VALUE_OUT_OF_RANGE));
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert(h.flags & SIPMSG_HEADER_BAD);
	cr_assert(slice_is(h.value, "300"), "the raw value stays usable");

	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_parse_opts_must_be_valid(&o, SIPMSG_HDR_MAX_FORWARDS, true);
	cr_assert_eq(parse_opts(text, &o), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_VALUE_OUT_OF_RANGE);
	cr_assert_str_eq(err.header, "Max-Forwards");
	cr_assert_eq(err.line, 2);
	cr_assert_eq(err.column, 15);
}

Test(scan, must_be_valid_applies_to_headers_that_are_not_hot)
{
	/* Contact and Expires are read lazily; once the caller asks for them to
	 * be valid, the parse checks them, with the place of the fault. */
	const char *text = INVITE_HEAD "Contact: <sip:a@b\r\nExpires: soon\r\nl: 0\r\n\r\n";
	cr_assert_eq(parse(text), SIPMSG_OK, "neither is must-be-valid by default");
	cr_assert_eq(sipmsg_msg_diag_count(m), 0, "nor read yet");

	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_parse_opts_must_be_valid(&o, SIPMSG_HDR_EXPIRES, true);
	cr_assert_eq(parse_opts(text, &o), SIPMSG_ESYNTAX);
	cr_assert_str_eq(err.header, "Expires");
	cr_assert_eq(err.line, 3);
	cr_assert_eq(err.column, 10);

	sipmsg_parse_opts_must_be_valid(&o, SIPMSG_HDR_CONTACT, true);
	cr_assert_eq(parse_opts(text, &o), SIPMSG_ESYNTAX);
	cr_assert_str_eq(err.header, "Contact", "the first bad line is reported");
	cr_assert_eq(err.line, 2);

	/* a valid message passes, and the checked views are kept */
	const char *good = INVITE_HEAD "Contact: <sip:a@b>\r\nExpires: 60\r\nl: 0\r\n\r\n";
	cr_assert_eq(parse_opts(good, &o), SIPMSG_OK, "%s", err.reason);
	cr_assert_eq(sipmsg_msg_diag_count(m), 0);
}

Test(scan, copy_flag_detaches_from_input)
{
	char buf[] = "OPTIONS sip:x SIP/2.0\r\nCall-ID: abc\r\nl: 0\r\n\r\n";
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	cr_assert_eq(sipmsg_parse(buf, strlen(buf), &o, &m, &err), SIPMSG_OK);
	memset(buf, 'X', strlen(buf));
	sipmsg_header h;
	sipmsg_header_at(m, 0, &h);
	cr_assert(slice_is(h.value, "abc"));
	cr_assert(slice_is(sipmsg_msg_method(m), "OPTIONS"));
}

Test(scan, every_prefix_is_safe)
{
	/* Any prefix of a message parses or fails cleanly, never reading past it. */
	const char *text = INVITE_HEAD "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nSubject: a\r\n b\r\n"
				       "Content-Length: 5\r\n\r\nhello";
	size_t n = strlen(text);
	for (size_t i = 0; i <= n; i++) {
		struct guarded pg = {0};
		const char *p = guard_copy(&pg, text, i);
		sipmsg_msg *pm = NULL;
		sipmsg_status st = sipmsg_parse(p, i, NULL, &pm, NULL);
		cr_assert(st == SIPMSG_OK || st == SIPMSG_ESYNTAX, "prefix %zu: %d", i, st);
		cr_assert_eq(st == SIPMSG_OK, pm != NULL);
		sipmsg_msg_free(pm);
		guard_free(&pg);
	}
}

/* The id of the one header of "OPTIONS ... <name>: 1" followed by a padding
 * line, so that the scanner reads the name with its word compares (16 and
 * more bytes readable) rather than byte by byte as sipmsg_hdr_lookup() does. */
static sipmsg_hdr_id scanned_id(const char *name)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	for (sipmsg_hdr_id id = 1; id < SIPMSG_HDR_COUNT_; id++)
		sipmsg_parse_opts_must_be_valid(&o, id, false);
	char text[256];
	snprintf(text, sizeof text, "OPTIONS sip:a@b SIP/2.0\r\n%s: 1\r\nX-Padding-Line: 0123456789\r\n\r\n", name);
	cr_assert_eq(parse_opts(text, &o), SIPMSG_OK, "%s: %s", name, err.reason);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 0, &h), SIPMSG_OK);
	cr_assert_eq(h.name.len, strlen(name));
	return h.id;
}

Test(scan, every_known_name_in_either_case)
{
	for (sipmsg_hdr_id id = 1; id < SIPMSG_HDR_COUNT_; id++) {
		const char *name = sipmsg_hdr_name(id);
		size_t n = strlen(name);
		char upper[64], lower[64], longer[64];
		for (size_t i = 0; i <= n; i++) {
			upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
			lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
		}
		cr_assert_eq(scanned_id(name), id, "%s", name);
		cr_assert_eq(scanned_id(upper), id, "%s", upper);
		cr_assert_eq(scanned_id(lower), id, "%s", lower);
		snprintf(longer, sizeof longer, "%sx", name);
		cr_assert_neq(scanned_id(longer), id, "%s", longer);
		lower[n - 1] = '\0';
		if (n - 1 > 1)
			cr_assert_neq(scanned_id(lower), id, "a prefix of %s is not %s", name, name);
		upper[n - 1] = upper[n - 1] == '_' ? '-' : '_'; /* '_' | 0x20 is DEL, never a name byte */
		cr_assert_neq(scanned_id(upper), id, "%s", upper);
	}
}
