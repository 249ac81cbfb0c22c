/* SPDX-License-Identifier: MIT */
/* The writer: byte-exact output of untouched messages, caller buffers,
 * compact and canonical forms. */
#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdlib.h>
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

TestSuite(write, .fini = teardown);

static void parse(const char *text)
{
	sipmsg_msg_free(m);
	guard_free(&g);
	const char *p = guard_str(&g, text);
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(p, strlen(text), NULL, &m, &err), SIPMSG_OK, "%s", err.reason);
}

static char *written(unsigned flags, size_t *len)
{
	char *out;
	cr_assert_eq(sipmsg_write_alloc(m, flags, &out, len), SIPMSG_OK);
	cr_assert_eq(out[*len], '\0');
	return out;
}

static const char *odd_but_valid[] = {
	"INVITE sip:a@b SIP/2.0\r\nVia:   SIP/2.0/UDP h  \r\nSubject: x\r\n  folded\r\n\tagain\r\nl:0\r\n\r\n",
	"\r\n\r\nOPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n",
	"OPTIONS sip:x SIP/2.0\nVia: SIP/2.0/UDP h\nContent-Length: 2\n\nab",
	"SIP/2.0 200 \r\nTo: <sip:a@b>;tag=1\r\n\r\n",
	"MESSAGE sip:x SIP/2.0\r\nContent-Type: application/octet-stream\r\n\r\n\x01\x02\xff\x00zz",
	"OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nMax-Forwards: 70\r\n",
	"OPTIONS sip:x SIP/2.0\r\nNo colon here\r\nl: 0\r\n\r\n",
};

Test(write, untouched_is_byte_identical)
{
	for (size_t i = 0; i < sizeof odd_but_valid / sizeof odd_but_valid[0]; i++) {
		const char *t = odd_but_valid[i];
		size_t n = i == 4 ? strlen(t) + 3 : strlen(t); /* the binary body holds a NUL */
		sipmsg_msg_free(m);
		guard_free(&g);
		const char *p = guard_copy(&g, t, n);
		cr_assert_eq(sipmsg_parse(p, n, NULL, &m, NULL), SIPMSG_OK, "message %zu", i);
		size_t len;
		char *out = written(0, &len);
		cr_assert_eq(len, n, "message %zu", i);
		cr_assert_eq(memcmp(out, t, n), 0, "message %zu", i);
		cr_assert_eq(sipmsg_write_size(m, 0), n);
		free(out);
	}
}

Test(write, trailing_bytes_are_not_written)
{
	parse("REGISTER sip:r SIP/2.0\r\nl: 0\r\n\r\nINVITE garbage");
	size_t len;
	char *out = written(0, &len);
	cr_assert_eq(len, strlen("REGISTER sip:r SIP/2.0\r\nl: 0\r\n\r\n"));
	free(out);
}

Test(write, caller_buffer_reports_needed_size)
{
	const char *t = "OPTIONS sip:x SIP/2.0\r\nCall-ID: 1\r\nl: 0\r\n\r\n";
	parse(t);
	char small[10], exact[64];
	size_t n = 0;
	cr_assert_eq(sipmsg_write(m, 0, small, sizeof small, &n), SIPMSG_ENOSPC);
	cr_assert_eq(n, strlen(t));
	cr_assert_eq(sipmsg_write(m, 0, exact, strlen(t), &n), SIPMSG_OK);
	cr_assert_eq(n, strlen(t));
	cr_assert_eq(memcmp(exact, t, n), 0);
	cr_assert_eq(sipmsg_write(m, 0, NULL, 0, &n), SIPMSG_ENOSPC, "a size query with no buffer");
	cr_assert_eq(n, strlen(t));
	/* the edited path checks the size too */
	cr_assert_eq(sipmsg_header_add(m, "Subject", 7, "hello", 5), SIPMSG_OK);
	cr_assert_eq(sipmsg_write(m, 0, small, sizeof small, &n), SIPMSG_ENOSPC);
	cr_assert_eq(n, strlen(t) + strlen("Subject: hello\r\n"));
	cr_assert_eq(sipmsg_write_size(m, 0), n);
}

Test(write, compact_names)
{
	parse("INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@b>;tag=1\r\nCSeq: 1 INVITE\r\n"
	      "X-Other: 1\r\nContent-Length: 0\r\n\r\n");
	size_t len;
	char *out = written(SIPMSG_WRITE_COMPACT, &len);
	cr_assert_str_eq(out, "INVITE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h\r\nf: <sip:a@b>;tag=1\r\nCSeq: 1 INVITE\r\n"
			      "X-Other: 1\r\nl: 0\r\n\r\n");
	free(out);
	/* and the result parses to the same headers */
	sipmsg_msg *m2;
	char *again = written(SIPMSG_WRITE_COMPACT, &len);
	cr_assert_eq(sipmsg_parse(again, len, NULL, &m2, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_count(m2), 5);
	cr_assert_eq(sipmsg_header_find(m2, SIPMSG_HDR_FROM, 0), 1);
	sipmsg_msg_free(m2);
	free(again);
}

Test(write, canonical_form)
{
	parse("\r\nINVITE sip:a@b SIP/2.0\nv:   SIP/2.0/UDP h\nSubject: one\n  two\n\tthree  \nl: 0\n\n");
	size_t len;
	char *out = written(SIPMSG_WRITE_CANONICAL, &len);
	cr_assert_str_eq(out, "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nSubject: one two three\r\n"
			      "Content-Length: 0\r\n\r\n");
	free(out);
}

Test(write, edits_keep_untouched_lines)
{
	const char *t = "INVITE sip:a@b SIP/2.0\r\nVia:  SIP/2.0/UDP h ;branch=z9hG4bK1\r\n"
			"Subject: old\r\nx-weird :  keep me  \r\nContent-Length: 0\r\n\r\n";
	parse(t);
	long i = sipmsg_header_find_name(m, "Subject", 7, 0);
	cr_assert_eq(sipmsg_header_replace(m, (size_t)i, "new", 3), SIPMSG_OK);
	size_t len;
	char *out = written(0, &len);
	cr_assert_str_eq(out, "INVITE sip:a@b SIP/2.0\r\nVia:  SIP/2.0/UDP h ;branch=z9hG4bK1\r\n"
			      "Subject: new\r\nx-weird :  keep me  \r\nContent-Length: 0\r\n\r\n");
	free(out);
}
