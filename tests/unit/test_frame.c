/* SPDX-License-Identifier: MIT */
/* Stream framing: complete messages, keep-alives, partial input at every
 * prefix, byte-by-byte feeding, errors and limits. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <string.h>

#include "guard.h"

static const char one[] = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h\r\nContent-Length: 5\r\n\r\nhello";
static const char two[] = "BYE sip:a@b SIP/2.0\r\nl:0\r\n\r\n";

Test(frame, one_message)
{
	size_t skip, len;
	struct guarded g = {0};
	const char *p = guard_str(&g, one);
	cr_assert_eq(sipmsg_frame(p, strlen(one), 0, &skip, &len, NULL), SIPMSG_OK);
	cr_assert_eq(skip, 0);
	cr_assert_eq(len, strlen(one));
	guard_free(&g);
}

Test(frame, keepalives_and_two_messages)
{
	char buf[512];
	snprintf(buf, sizeof buf, "\r\n\r\n%s\r\n%s", one, two);
	size_t n = strlen(buf), skip, len;
	cr_assert_eq(sipmsg_frame(buf, n, 0, &skip, &len, NULL), SIPMSG_OK);
	cr_assert_eq(skip, 4);
	cr_assert_eq(len, strlen(one));
	size_t off = skip + len;
	cr_assert_eq(sipmsg_frame(buf + off, n - off, 0, &skip, &len, NULL), SIPMSG_OK);
	cr_assert_eq(skip, 2);
	cr_assert_eq(len, strlen(two));
	cr_assert_eq(memcmp(buf + off + skip, two, len), 0);
	/* each framed message parses as a stream message */
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_STREAM;
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_parse(buf + off + skip, len, &o, &m, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_method_id(m), SIPMSG_METHOD_BYE);
	sipmsg_msg_free(m);

	cr_assert_eq(sipmsg_frame("\r\n\r\n", 4, 0, &skip, &len, NULL), SIPMSG_EAGAIN);
	cr_assert_eq(skip, 4, "keep-alives alone can be dropped");
}

Test(frame, every_prefix_needs_more)
{
	size_t n = strlen(one);
	for (size_t i = 0; i < n; i++) {
		struct guarded g = {0};
		const char *p = guard_copy(&g, one, i);
		size_t skip, len;
		cr_assert_eq(sipmsg_frame(p, i, 0, &skip, &len, NULL), SIPMSG_EAGAIN, "prefix %zu", i);
		guard_free(&g);
	}
}

Test(frame, incremental_byte_by_byte)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s%s\r\n", one, two);
	size_t n = strlen(buf), start = 0, found = 0;
	sipmsg_framer f;
	sipmsg_framer_init(&f, 0);
	size_t lens[2] = {0};
	for (size_t end = 1; end <= n; end++) {
		size_t skip, len;
		sipmsg_status st = sipmsg_framer_next(&f, buf + start, end - start, &skip, &len, NULL);
		if (st == SIPMSG_OK) {
			cr_assert_lt(found, 2);
			lens[found++] = len;
			start += skip + len;
		} else {
			cr_assert_eq(st, SIPMSG_EAGAIN, "at %zu", end);
		}
	}
	cr_assert_eq(found, 2);
	cr_assert_eq(lens[0], strlen(one));
	cr_assert_eq(lens[1], strlen(two));
	cr_assert_eq(f.scanned, 0, "after a message the framer starts afresh");
}

Test(frame, errors)
{
	size_t skip, len;
	sipmsg_error err;
	const char *nocl = "MESSAGE sip:a SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n\r\nbody";
	cr_assert_eq(sipmsg_frame(nocl, strlen(nocl), 0, &skip, &len, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_MISSING_CONTENT_LENGTH);
	const char *bad = "MESSAGE sip:a SIP/2.0\r\nContent-Length: ten\r\n\r\n";
	cr_assert_eq(sipmsg_frame(bad, strlen(bad), 0, &skip, &len, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_BAD_CONTENT_LENGTH);
	cr_assert_eq(err.line, 2);
	const char *clash = "MESSAGE sip:a SIP/2.0\r\nl: 1\r\nContent-Length: 2\r\n\r\nab";
	cr_assert_eq(sipmsg_frame(clash, strlen(clash), 0, &skip, &len, &err), SIPMSG_ESYNTAX);
	cr_assert_eq(err.code, SIPMSG_DIAG_CONFLICTING_CONTENT_LENGTH);
}

Test(frame, limits)
{
	size_t skip, len;
	sipmsg_error err;
	size_t n = strlen(one);
	cr_assert_eq(sipmsg_frame(one, n, n, &skip, &len, &err), SIPMSG_OK, "exactly at the limit");
	cr_assert_eq(sipmsg_frame(one, n, n - 1, &skip, &len, &err), SIPMSG_ELIMIT, "one past it");
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE);
	const char *big = "INVITE sip:a SIP/2.0\r\nContent-Length: 4000000000\r\n\r\n";
	cr_assert_eq(sipmsg_frame(big, strlen(big), 0, &skip, &len, &err), SIPMSG_ELIMIT,
		     "a huge Content-Length is refused at once, not waited for");
	/* a header section that never ends stops at the limit */
	char endless[300];
	memset(endless, 'a', sizeof endless);
	memcpy(endless, "INVITE sip:a SIP/2.0\r\nX: ", 25);
	cr_assert_eq(sipmsg_frame(endless, sizeof endless, 200, &skip, &len, &err), SIPMSG_ELIMIT);
}
