/* SPDX-License-Identifier: MIT */
/* The stream framer on its own (sipstream.h): where it resynchronises in a
 * stream joined mid-way (never on a start line inside a message/sipfrag or
 * message/sip body), and what it reports of a message it cannot frame.
 * Every stream is fed whole and one byte at a time: segment boundaries must
 * not change what is found. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipstream.h"

#define MAX_EVENTS 16

struct seen {
	size_t n;
	enum sipstream_event_kind kind[MAX_EVENTS];
	char *data[MAX_EVENTS]; /* message bytes, or notice kind ": " text */
	int code[MAX_EVENTS];   /* framing errors */
	uint64_t offset[MAX_EVENTS];
};

static void on_event(void *ctx, const struct sipstream_event *ev)
{
	struct seen *s = ctx;
	cr_assert_lt(s->n, MAX_EVENTS);
	s->kind[s->n] = ev->kind;
	s->offset[s->n] = ev->offset;
	if (ev->kind == SIPSTREAM_NOTICE) {
		size_t len = strlen(ev->notice_kind) + 2 + strlen(ev->text) + 1;
		s->data[s->n] = malloc(len);
		snprintf(s->data[s->n], len, "%s: %s", ev->notice_kind, ev->text);
	} else {
		s->data[s->n] = strndup((const char *)ev->data, ev->len);
		s->code[s->n] = ev->error ? ev->error->code : 0;
	}
	s->n++;
}

static void seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->data[i]);
	memset(s, 0, sizeof *s);
}

/* Feeds text to a fresh stream of max_bytes, in pieces of `piece` bytes (0: whole). */
static void run_max(struct seen *out, enum sipstream_mode mode, size_t max_bytes, const char *text, size_t piece)
{
	memset(out, 0, sizeof *out);
	struct sipstream s;
	sipstream_init(&s, mode, max_bytes, on_event, out);
	size_t len = strlen(text);
	if (!piece)
		piece = len;
	for (size_t i = 0; i < len; i += piece)
		sipstream_feed(&s, (const uint8_t *)text + i, len - i < piece ? len - i : piece);
	sipstream_finish(&s);
	sipstream_release(&s);
}

static void run(struct seen *out, enum sipstream_mode mode, const char *text, size_t piece)
{
	run_max(out, mode, 1u << 20, text, piece);
}

/* A request with a body of type `type`; Content-Length says the body's length. */
static char *request(const char *method, const char *call_id, const char *type, const char *body)
{
	char *m = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&m, &len);
	cr_assert_not_null(f);
	fprintf(f,
		"%s sip:bob@example.com SIP/2.0\r\n"
		"Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK%s\r\n"
		"Max-Forwards: 70\r\n"
		"To: <sip:bob@example.com>\r\n"
		"From: <sip:alice@example.com>;tag=1\r\n"
		"Call-ID: %s\r\n"
		"CSeq: 1 %s\r\n",
		method, call_id, call_id, method);
	if (type)
		fprintf(f, "Content-Type: %s\r\n", type);
	fprintf(f, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
	fclose(f);
	return m;
}

static char *concat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *r = malloc(la + lb + lc + 1);
	memcpy(r, a, la);
	memcpy(r + la, b, lb);
	memcpy(r + la + lb, c, lc + 1);
	return r;
}

/* The messages found, in order, by their start line's first word. */
static void expect_messages(const struct seen *s, const char *const *methods, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->kind[i] == SIPSTREAM_NOTICE)
			continue;
		cr_assert_lt(k, n, "one message too many: %.40s", s->data[i]);
		cr_assert_eq(s->kind[i], SIPSTREAM_MESSAGE, "not framed: %.60s", s->data[i]);
		cr_assert(strncmp(s->data[i], methods[k], strlen(methods[k])) == 0, "message %zu is %.40s, not %s", k,
			  s->data[i], methods[k]);
		k++;
	}
	cr_assert_eq(k, n, "%zu messages found, %zu expected", k, n);
}

static const size_t PIECES[] = {0, 1, 7};

/* A capture joins a connection inside the headers of a NOTIFY whose body
 * is a sipfrag status line (any REFER transfer): that line is no message,
 * and the MESSAGE after it is found. */
Test(sipstream, midstream_skips_a_sipfrag_body)
{
	char *notify = request("NOTIFY", "n1", "message/sipfrag;version=2.0", "SIP/2.0 200 OK\r\n");
	char *message = request("MESSAGE", "m1", "text/plain", "hi");
	char *bye = request("BYE", "b1", NULL, "");
	char *all = concat3(notify + 60, message, bye);
	for (size_t k = 0; k < sizeof PIECES / sizeof PIECES[0]; k++) {
		struct seen s;
		run(&s, SIPSTREAM_MIDSTREAM, all, PIECES[k]);
		expect_messages(&s, (const char *const[]){"MESSAGE ", "BYE "}, 2);
		cr_assert_eq(s.kind[0], SIPSTREAM_NOTICE);
		char want[80];
		snprintf(want, sizeof want, "stream-skipped: %zu bytes", strlen(notify) - 60);
		cr_assert(strncmp(s.data[0], want, strlen(want)) == 0, "%s (pieces of %zu)", s.data[0], PIECES[k]);
		seen_free(&s);
	}
	free(notify), free(message), free(bye), free(all);
}

/* Joined inside the headers of a MESSAGE carrying a whole INVITE
 * (message/sip): the INVITE is its body, not a message of the stream. */
Test(sipstream, midstream_skips_a_message_sip_body)
{
	char *inner = request("INVITE", "i1", NULL, "");
	char *message = request("MESSAGE", "m2", "message/sip", inner);
	char *bye = request("BYE", "b2", NULL, "");
	char *all = concat3(message + 40, bye, "");
	for (size_t k = 0; k < sizeof PIECES / sizeof PIECES[0]; k++) {
		struct seen s;
		run(&s, SIPSTREAM_MIDSTREAM, all, PIECES[k]);
		expect_messages(&s, (const char *const[]){"BYE "}, 1);
		seen_free(&s);
	}
	free(inner), free(message), free(bye), free(all);
}

/* Joined inside the sipfrag body itself, where its Content-Length was not
 * seen: the status line is followed by the next start line, not headers. */
Test(sipstream, midstream_start_line_needs_header_lines)
{
	char *message = request("MESSAGE", "m3", "text/plain", "hi");
	char *all = concat3("SIP/2.0 200 OK\r\n", message, "");
	for (size_t k = 0; k < sizeof PIECES / sizeof PIECES[0]; k++) {
		struct seen s;
		run(&s, SIPSTREAM_MIDSTREAM, all, PIECES[k]);
		expect_messages(&s, (const char *const[]){"MESSAGE "}, 1);
		seen_free(&s);
	}
	free(message), free(all);
}

/* The ordinary mid-way join still finds the first whole message, right
 * after the body of the one it joined, and a body of text is skipped. */
Test(sipstream, midstream_join_finds_the_next_message)
{
	char *invite = request("INVITE", "i4", "text/plain", "some text\r\nACK sip:x SIP/2.0\r\n");
	char *options = request("OPTIONS", "o4", NULL, "");
	char *all = concat3(invite + 100, options, options);
	for (size_t k = 0; k < sizeof PIECES / sizeof PIECES[0]; k++) {
		struct seen s;
		run(&s, SIPSTREAM_MIDSTREAM, all, PIECES[k]);
		expect_messages(&s, (const char *const[]){"OPTIONS ", "OPTIONS "}, 2);
		seen_free(&s);
	}
	free(invite), free(options), free(all);
}

/* A bad Content-Length: the message is reported through the empty line
 * that ends its header section (not cut at the bad line, whose rest would
 * pass for skipped bytes), and the next message is found. */
Test(sipstream, bad_content_length_reports_the_header_section)
{
	char *bad = request("OPTIONS", "o5", NULL, "");
	char *cl = strstr(bad, "Content-Length: 0");
	cr_assert_not_null(cl);
	memcpy(cl + 16, "x", 1);
	char *good = request("OPTIONS", "o6", NULL, "");
	char *all = concat3(bad, good, "");
	for (size_t k = 0; k < sizeof PIECES / sizeof PIECES[0]; k++) {
		struct seen s;
		run(&s, SIPSTREAM_DETECT, all, PIECES[k]);
		cr_assert_eq(s.n, 2, "%zu events (pieces of %zu): %s", s.n, PIECES[k], s.data[s.n - 1]);
		cr_assert_eq(s.kind[0], SIPSTREAM_FRAMING_ERROR);
		cr_assert_eq(s.code[0], SIPMSG_DIAG_BAD_CONTENT_LENGTH);
		cr_assert_str_eq(s.data[0], bad);
		cr_assert_eq(s.kind[1], SIPSTREAM_MESSAGE);
		cr_assert_str_eq(s.data[1], good);
		seen_free(&s);
	}
	free(bad), free(good), free(all);
}

/* The stream ends before the empty line: what there is is the message. */
Test(sipstream, bad_content_length_at_the_end_of_the_stream)
{
	const char *text = "OPTIONS sip:bob@example.com SIP/2.0\r\nContent-Length: 0, 0\r\nCSeq: 1 OPTIONS\r\n";
	for (size_t k = 0; k < sizeof PIECES / sizeof PIECES[0]; k++) {
		struct seen s;
		run(&s, SIPSTREAM_DETECT, text, PIECES[k]);
		cr_assert_eq(s.n, 1);
		cr_assert_eq(s.kind[0], SIPSTREAM_FRAMING_ERROR);
		cr_assert_str_eq(s.data[0], text);
		seen_free(&s);
	}
}

/* A Content-Length past the framer's limit in the skipped bytes (junk, or
 * a message that could not be framed anyway) does not make resync skip
 * everything after it. */
Test(sipstream, midstream_ignores_a_body_too_large_to_frame)
{
	char *options = request("OPTIONS", "o7", NULL, "");
	char *all = concat3("x\r\nContent-Length: 4000000000\r\n\r\n", options, "");
	struct seen s;
	run(&s, SIPSTREAM_MIDSTREAM, all, 0);
	expect_messages(&s, (const char *const[]){"OPTIONS "}, 1);
	seen_free(&s);
	free(options), free(all);
}

/* A bad Content-Length, then a header line longer than the framer's limit:
 * the message is reported (up to the bad line) once that limit is passed,
 * not held until the stream's buffer limit drops it unreported. */
Test(sipstream, bad_content_length_in_an_endless_header_section)
{
	const char *head = "OPTIONS sip:bob@example.com SIP/2.0\r\nContent-Length: x\r\nX-Long: ";
	size_t long_len = SIPMSG_DEFAULT_MAX_MESSAGE_SIZE + 100;
	char *text = malloc(strlen(head) + long_len + 1);
	strcpy(text, head);
	memset(text + strlen(head), 'a', long_len);
	text[strlen(head) + long_len] = 0;
	struct seen s;
	run_max(&s, SIPSTREAM_DETECT, 3 * SIPMSG_DEFAULT_MAX_MESSAGE_SIZE, text, 65536);
	cr_assert_geq(s.n, 1);
	cr_assert_eq(s.kind[0], SIPSTREAM_FRAMING_ERROR, "%.80s", s.data[0]);
	cr_assert(strcmp(s.data[0], "OPTIONS sip:bob@example.com SIP/2.0\r\n") == 0, "%zu bytes: %.80s",
		  strlen(s.data[0]), s.data[0]);
	for (size_t i = 1; i < s.n; i++)
		cr_assert(strstr(s.data[i], "stream-skipped"), "%.100s", s.data[i]);
	seen_free(&s);
	free(text);
}

/* Bytes dropped at the stream's buffer limit still count in the offsets of
 * the messages after them (offsets bound where a Content-Length body ends,
 * and --stream reports them). */
Test(sipstream, offsets_after_the_buffer_limit)
{
	char *options = request("OPTIONS", "o8", NULL, "");
	char big[401];
	memset(big, 'a', 400);
	big[400] = 0;
	char *head = concat3("OPTIONS sip:bob@example.com SIP/2.0\r\nX-Big: ", big, "\r\n");
	char *all = concat3(head, "\r\n", options);
	struct seen s;
	run_max(&s, SIPSTREAM_DETECT, 256, all, 100);
	expect_messages(&s, (const char *const[]){"OPTIONS "}, 1);
	cr_assert_eq(s.kind[s.n - 1], SIPSTREAM_MESSAGE);
	cr_assert_eq(s.offset[s.n - 1], strlen(head) + 2);
	seen_free(&s);
	free(options), free(head), free(all);
}
