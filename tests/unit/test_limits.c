/* SPDX-License-Identifier: MIT */
/* Every limit at its edge and one past it: a clear error with a position. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"

static char *make_headers(size_t count)
{
	size_t cap = 64 + count * 16;
	char *s = malloc(cap);
	if (!s)
		abort();
	size_t n = (size_t)sprintf(s, "OPTIONS sip:x SIP/2.0\r\n");
	for (size_t i = 0; i < count; i++)
		n += (size_t)sprintf(s + n, "X-H: %zu\r\n", i);
	sprintf(s + n, "\r\n");
	return s;
}

Test(limits, max_headers)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_headers = 50;
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	char *ok = make_headers(50), *over = make_headers(51);
	cr_assert_eq(sipmsg_parse(ok, strlen(ok), &o, &m, &err), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 50);
	sipmsg_msg_free(m);
	cr_assert_eq(sipmsg_parse(over, strlen(over), &o, &m, &err), SIPMSG_ELIMIT);
	cr_assert_null(m);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_HEADERS);
	cr_assert_eq(err.line, 52, "the 51st header is on line 52");
	cr_assert_eq(err.column, 1);
	free(ok);
	free(over);
}

Test(limits, max_line_length)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	char buf[200];
	/* "Subject: " + 21 x + CRLF = 32 bytes */
	snprintf(buf, sizeof buf, "OPTIONS sip:x SIP/2.0\r\nSubject: %s\r\n\r\n", "xxxxxxxxxxxxxxxxxxxxx");
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	o.max_line_length = 32;
	cr_assert_eq(sipmsg_parse(buf, strlen(buf), &o, &m, &err), SIPMSG_OK);
	sipmsg_msg_free(m);
	o.max_line_length = 31;
	cr_assert_eq(sipmsg_parse(buf, strlen(buf), &o, &m, &err), SIPMSG_ELIMIT);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_LINE_LENGTH);
	cr_assert_eq(err.line, 2);
	cr_assert_str_eq(err.header, "Subject");
}

Test(limits, max_message_size)
{
	const char *t = "MESSAGE sip:x SIP/2.0\r\nContent-Length: 5\r\n\r\nhello";
	size_t n = strlen(t);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	o.max_message_size = n;
	cr_assert_eq(sipmsg_parse(t, n, &o, &m, &err), SIPMSG_OK);
	sipmsg_msg_free(m);
	o.max_message_size = n - 1;
	cr_assert_eq(sipmsg_parse(t, n, &o, &m, &err), SIPMSG_ELIMIT);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE);
	o.max_message_size = 30; /* inside the header section */
	cr_assert_eq(sipmsg_parse(t, n, &o, &m, &err), SIPMSG_ELIMIT);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE);
	/* trailing bytes beyond the limit do not count against the message */
	char buf[200];
	snprintf(buf, sizeof buf, "%sGARBAGE-GARBAGE", t);
	o.max_message_size = n;
	cr_assert_eq(sipmsg_parse(buf, strlen(buf), &o, &m, &err), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_trailing(m).len, 15);
	sipmsg_msg_free(m);
}

Test(limits, many_headers_grow_linearly)
{
	/* 20k headers with the limit raised: the header array grows, nothing breaks. */
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_headers = 20000;
	char *s = make_headers(20000);
	sipmsg_msg *m = NULL;
	cr_assert_eq(sipmsg_parse(s, strlen(s), &o, &m, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m), 20000);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, 19999, &h), SIPMSG_OK);
	cr_assert_eq(h.line, 20001);
	char *out;
	size_t len;
	cr_assert_eq(sipmsg_write_alloc(m, 0, &out, &len), SIPMSG_OK);
	cr_assert_eq(len, strlen(s));
	cr_assert_eq(memcmp(out, s, len), 0);
	free(out);
	sipmsg_msg_free(m);
	free(s);
}

Test(limits, max_message_size_with_short_body)
{
	/* Content-Length promises more than the datagram holds (lenient short
	 * body): the bytes taken still count against max_message_size. */
	const char *t = "MESSAGE sip:x SIP/2.0\r\nContent-Length: 500\r\n\r\n0123456789";
	size_t n = strlen(t);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	o.max_message_size = n;
	cr_assert_eq(sipmsg_parse(t, n, &o, &m, &err), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_length(m), n);
	cr_assert_eq(sipmsg_msg_body(m).len, 10);
	sipmsg_msg_free(m);
	o.max_message_size = n - 1;
	cr_assert_eq(sipmsg_parse(t, n, &o, &m, &err), SIPMSG_ELIMIT);
	cr_assert_null(m);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE);
	cr_assert_eq(err.offset, n - 1);
}
