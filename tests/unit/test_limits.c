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

Test(limits, max_message_size_cut_anywhere)
{
	/* Wherever the limit falls in a message that goes on (inside a hot
	 * value, a line end, a folded line, a line without colon, the empty
	 * line), the error is the size limit, at the limit: never a malformed
	 * Via or a missing colon seen in a line the limit cut short. The
	 * message with a line without colon is lenient only: strict mode
	 * rightly fails on that line first. */
	static const char *const msgs[] = {
		"INVITE sip:bob@example.com SIP/2.0\r\n"
		"Via: SIP/2.0/UDP h;branch=z9hG4bK1, SIP/2.0/UDP g;branch=z9hG4bK2\r\n"
		"To: <sip:bob@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c\r\n"
		"CSeq: 1 INVITE\r\nSubject: folded\r\n value\r\nContent-Length: 4\r\n\r\nbody",
		"OPTIONS sip:bob@example.com SIP/2.0\r\nCall-ID: c\r\nX-No-Colon\r\n\r\n\r\n",
	};
	for (size_t k = 0; k < 2; k++) {
		const char *t = msgs[k];
		size_t n = strlen(t);
		for (int strict = 0; strict < (k == 0 ? 2 : 1); strict++) {
			for (size_t lim = 1; lim < n; lim++) {
				sipmsg_parse_opts o;
				sipmsg_parse_opts_init(&o);
				o.flags = strict ? SIPMSG_PARSE_STRICT : 0;
				o.max_message_size = lim;
				sipmsg_msg *m = NULL;
				sipmsg_error err;
				sipmsg_status st = sipmsg_parse(t, n, &o, &m, &err);
				cr_assert_eq(st, SIPMSG_ELIMIT, "message %zu, limit %zu, strict %d: %s (%s)", k, lim,
					     strict, sipmsg_status_name(st), st ? err.reason : "parsed");
				cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, "message %zu, limit %zu: %s", k,
					     lim, err.reason);
				cr_assert_leq(err.offset, lim, "limit %zu: offset %zu", lim, err.offset);
			}
		}
	}
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

/* ---- big inputs with the limits raised: no crash, output correct ---- */

/* A growable string for building big inputs. */
struct sbuf {
	char *p;
	size_t n, cap;
};

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		cr_assert_not_null(b->p);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_str(struct sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_fill(struct sbuf *b, char c, size_t n)
{
	while (n) {
		char chunk[4096];
		size_t k = n < sizeof chunk ? n : sizeof chunk;
		memset(chunk, c, k);
		sb_put(b, chunk, k);
		n -= k;
	}
}

/* Parse s with o; it must give back the same bytes untouched. */
static sipmsg_msg *parse_exact(const char *s, size_t n, const sipmsg_parse_opts *o)
{
	struct guarded g = {0};
	const char *p = guard_copy(&g, s, n);
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(p, n, o, &m, &err);
	cr_assert_eq(st, SIPMSG_OK, "%s", err.reason);
	cr_assert_eq(sipmsg_msg_length(m), n);
	char *out;
	size_t len;
	cr_assert_eq(sipmsg_write_alloc(m, 0, &out, &len), SIPMSG_OK);
	cr_assert_eq(len, n);
	cr_assert_eq(memcmp(out, s, n), 0, "untouched write is byte-exact");
	free(out);
	/* the message keeps pointing into the guarded copy: re-parse from s */
	sipmsg_msg_free(m);
	guard_free(&g);
	cr_assert_eq(sipmsg_parse(s, n, o, &m, &err), SIPMSG_OK);
	return m;
}

Test(limits, ten_megabyte_message)
{
	const size_t body = 10u * 1024 * 1024;
	struct sbuf b = {0};
	char head[128];
	snprintf(head, sizeof head, "MESSAGE sip:x SIP/2.0\r\nContent-Type: application/octet-stream\r\nContent-Length: %zu\r\n\r\n",
		 body);
	sb_str(&b, head);
	sb_fill(&b, 'b', body);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(b.p, b.n, &o, &m, &err), SIPMSG_ELIMIT, "over the default 1 MiB");
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE);
	o.max_message_size = b.n;
	m = parse_exact(b.p, b.n, &o);
	cr_assert_eq(sipmsg_msg_body(m).len, body);
	cr_assert_eq(sipmsg_msg_body(m).ptr[body - 1], 'b');
	/* edited, the 10 MB body is written after the changed header */
	cr_assert_eq(sipmsg_header_set(m, "Subject", 7, "big", 3), SIPMSG_OK);
	char *out;
	size_t len;
	cr_assert_eq(sipmsg_write_alloc(m, 0, &out, &len), SIPMSG_OK);
	cr_assert_eq(len, b.n + strlen("Subject: big\r\n"));
	cr_assert_eq(memcmp(out + len - body, b.p + b.n - body, body), 0);
	free(out);
	sipmsg_msg_free(m);
	free(b.p);
}

Test(limits, hundred_thousand_headers)
{
	const size_t count = 100000;
	struct sbuf b = {0};
	sb_str(&b, "OPTIONS sip:x SIP/2.0\r\n");
	for (size_t i = 0; i < count; i++) {
		char line[64];
		snprintf(line, sizeof line, i % 3 ? "X-H: %zu\r\n" : "Via: SIP/2.0/UDP h%zu\r\n", i);
		sb_str(&b, line);
	}
	sb_str(&b, "\r\n");
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(b.p, b.n, &o, &m, &err), SIPMSG_ELIMIT, "over the default message size");
	o.max_message_size = b.n;
	cr_assert_eq(sipmsg_parse(b.p, b.n, &o, &m, &err), SIPMSG_ELIMIT, "over the default max_headers");
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_HEADERS);
	cr_assert_eq(err.line, SIPMSG_DEFAULT_MAX_HEADERS + 2);
	o.max_headers = count;
	m = parse_exact(b.p, b.n, &o);
	cr_assert_eq(sipmsg_header_count(m), count);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(m, count - 2, &h), SIPMSG_OK);
	cr_assert_eq(h.line, count);
	cr_assert_eq(h.value.len, 5);
	cr_assert_eq(memcmp(h.value.ptr, "99998", 5), 0);
	cr_assert_eq(sipmsg_header_count_id(m, SIPMSG_HDR_VIA), (count + 2) / 3);
	size_t vias = 0;
	sipmsg_value_iter it;
	sipmsg_slice v;
	sipmsg_values_begin_id(&it, m, SIPMSG_HDR_VIA);
	while (sipmsg_values_next(&it, &v))
		vias++;
	cr_assert_eq(vias, (count + 2) / 3);
	/* one more header is over the raised limit */
	cr_assert_eq(sipmsg_header_add(m, "X-One-More", 10, "1", 1), SIPMSG_ELIMIT);
	/* removing every Via in one call */
	cr_assert_eq(sipmsg_header_remove_all(m, "v", 1), (count + 2) / 3);
	cr_assert_eq(sipmsg_header_count(m), count - (count + 2) / 3);
	sipmsg_msg_free(m);
	free(b.p);
}

Test(limits, sixty_four_kilobyte_line)
{
	/* the default max_line_length (65536) at its edge and one past it */
	const char *pre = "OPTIONS sip:x SIP/2.0\r\n", *name = "Subject: ";
	for (int over = 0; over <= 1; over++) {
		struct sbuf b = {0};
		sb_str(&b, pre);
		sb_str(&b, name);
		sb_fill(&b, 's', SIPMSG_DEFAULT_MAX_LINE_LENGTH - strlen(name) - 2 + (size_t)over);
		sb_str(&b, "\r\n\r\n");
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		sipmsg_msg *m = NULL;
		sipmsg_error err;
		sipmsg_status st = sipmsg_parse(b.p, b.n, &o, &m, &err);
		if (!over) {
			cr_assert_eq(st, SIPMSG_OK, "%s", err.reason);
			sipmsg_header h;
			sipmsg_header_at(m, 0, &h);
			cr_assert_eq(h.value.len, SIPMSG_DEFAULT_MAX_LINE_LENGTH - strlen(name) - 2);
			sipmsg_msg_free(m);
		} else {
			cr_assert_eq(st, SIPMSG_ELIMIT);
			cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_LINE_LENGTH);
			cr_assert_eq(err.line, 2);
			cr_assert_str_eq(err.header, "Subject");
			/* raised, the same line parses and writes back */
			o.max_line_length = b.n;
			m = parse_exact(b.p, b.n, &o);
			sipmsg_msg_free(m);
		}
		free(b.p);
	}
	/* a folded line counts as one line, folding included */
	struct sbuf b = {0};
	sb_str(&b, "OPTIONS sip:x SIP/2.0\r\nSubject: a");
	for (int i = 0; i < 4000; i++)
		sb_str(&b, "\r\n continued");
	sb_str(&b, "\r\n\r\n");
	size_t line = b.n - strlen("OPTIONS sip:x SIP/2.0\r\n") - 2;
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_line_length = line;
	sipmsg_msg *m = parse_exact(b.p, b.n, &o);
	sipmsg_msg_free(m);
	o.max_line_length = line - 1;
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(b.p, b.n, &o, &m, &err), SIPMSG_ELIMIT);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_LINE_LENGTH);
	free(b.p);
}

/* The framer's max_message_size, fed in one piece and byte by byte: the
 * message exactly at the limit is framed, one byte over is refused with the
 * same error either way, both in the header section and in the body. */
static sipmsg_status frame_bytewise(const char *s, size_t n, size_t max, size_t *len, sipmsg_error *err)
{
	sipmsg_framer f;
	sipmsg_framer_init(&f, max);
	size_t skip;
	sipmsg_status st = SIPMSG_EAGAIN;
	for (size_t have = 1; have <= n && st == SIPMSG_EAGAIN; have++)
		st = sipmsg_framer_next(&f, s, have, &skip, len, err);
	return st;
}

Test(limits, framer_max_message_size)
{
	const char *msgs[] = {
		"MESSAGE sip:x SIP/2.0\r\nContent-Length: 5\r\n\r\nhello", /* the body reaches the limit */
		"OPTIONS sip:x SIP/2.0\r\nSubject: long enough\r\nl: 0\r\n\r\n", /* the header section does */
	};
	for (size_t i = 0; i < 2; i++) {
		const char *s = msgs[i];
		size_t n = strlen(s), skip, len;
		sipmsg_error e1, e2;
		cr_assert_eq(sipmsg_frame(s, n, n, &skip, &len, &e1), SIPMSG_OK);
		cr_assert_eq(len, n);
		cr_assert_eq(frame_bytewise(s, n, n, &len, &e1), SIPMSG_OK, "byte by byte at the limit");
		cr_assert_eq(len, n);
		cr_assert_eq(sipmsg_frame(s, n, n - 1, &skip, &len, &e1), SIPMSG_ELIMIT, "one over, whole");
		cr_assert_eq(frame_bytewise(s, n, n - 1, &len, &e2), SIPMSG_ELIMIT, "one over, byte by byte");
		cr_assert_eq(e1.code, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE);
		cr_assert_eq(e2.code, e1.code);
		cr_assert_eq(e2.offset, e1.offset);
	}
	/* keep-alives before the message do not count against it */
	char buf[200];
	snprintf(buf, sizeof buf, "\r\n\r\n\r\n%s", msgs[0]);
	size_t skip, len;
	cr_assert_eq(sipmsg_frame(buf, strlen(buf), strlen(msgs[0]), &skip, &len, NULL), SIPMSG_OK);
	cr_assert_eq(skip, 6);
}

Test(limits, zero_means_the_default)
{
	/* One rule for every limit in every parser: 0 is the default, not "none". */
	const char *t = "INVITE sip:bob@b;transport=udp;lr SIP/2.0\r\n"
			"Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContact: <sip:a@h;x=1>;q=0.5\r\n"
			"Content-Type: application/sdp\r\nContent-Length: 24\r\n\r\n"
			"v=0\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\n";
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_message_size = o.max_headers = o.max_line_length = o.max_list_items = 0;
	o.max_uri_params = o.max_sdp_lines = o.max_multipart_depth = 0;
	o.flags |= SIPMSG_PARSE_STRICT;
	sipmsg_msg *m = NULL;
	sipmsg_error err;
	cr_assert_eq(sipmsg_parse(t, strlen(t), &o, &m, &err), SIPMSG_OK, "%s", err.reason);
	cr_assert_eq(sipmsg_msg_parse_all(m), 0, "URI and header parameters are allowed");
	sipmsg_sdp *sdp = NULL;
	const char *body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\n";
	cr_assert_eq(sipmsg_sdp_parse(body, strlen(body), &o, &sdp, &err), SIPMSG_OK, "%s", err.reason);
	sipmsg_sdp_free(sdp);
	sipmsg_msg_free(m);
}
