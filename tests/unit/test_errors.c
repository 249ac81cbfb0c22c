/* SPDX-License-Identifier: MIT */
/* The error record: codes, positions, header names, formatting, arguments. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <string.h>

Test(errors, formatted_line)
{
	const char *t = "INVITE sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nContent-Length: x\r\n\r\n";
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(t, strlen(t), NULL, &m, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.status, SIPMSG_ESYNTAX);
	cr_assert_eq(err.offset, strlen("INVITE sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nContent-Length: "));
	char line[256];
	size_t n = sipmsg_error_format(&err, line, sizeof line);
	cr_assert_str_eq(line, "line 3, column 17: Content-Length: not a decimal number");
	cr_assert_eq(n, strlen(line));
	char tiny[8];
	cr_assert_eq(sipmsg_error_format(&err, tiny, sizeof tiny), n, "returns the needed length");
	cr_assert_eq(strlen(tiny), 7);
}

Test(errors, invalid_arguments)
{
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(NULL, 5, NULL, &m, &err), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_parse("x", 1, NULL, NULL, &err), SIPMSG_EINVAL);
	sipmsg_parse_opts o;
	memset(&o, 0, sizeof o);
	cr_assert_eq(sipmsg_parse("x", 1, &o, &m, &err), SIPMSG_EINVAL, "uninitialised options are refused");
	cr_assert_eq(sipmsg_header_count(NULL), 0);
	cr_assert_eq(sipmsg_header_find(NULL, SIPMSG_HDR_VIA, 0), -1);
	cr_assert_eq(sipmsg_write(NULL, 0, NULL, 0, NULL), SIPMSG_EINVAL);
	sipmsg_msg_free(NULL);
}

Test(errors, nothing_returned_on_failure)
{
	sipmsg_msg *m = (sipmsg_msg *)0x1;
	cr_assert_eq(sipmsg_parse("garbage\r\n\r\n", 11, NULL, &m, NULL), SIPMSG_ESYNTAX);
	cr_assert_null(m);
}
