/* SPDX-License-Identifier: MIT */
/* SIP over SCTP in captures these tests write: whole messages in DATA and
 * I-DATA chunks, bundled chunks, messages in fragments, retransmissions,
 * lost fragments, cuts by the snapshot length, malformed chunks and the
 * limits. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "collect.h"
#include "pcapgen.h"
#include "sctpfrag.h"

static const char INVITE[] =
	"INVITE sip:bob@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/SCTP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@example.com>\r\n"
	"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static const char RINGING[] =
	"SIP/2.0 180 Ringing\r\n"
	"Via: SIP/2.0/SCTP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
	"To: Bob <sip:bob@example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static struct gen_endpoint A, B;

static void open_gen(struct gen *g, char *path, size_t size, uint32_t snaplen)
{
	gen_tmpname(path, size, ".pcap");
	gen_open(g, path, GEN_ETHERNET, false);
	g->snaplen = snaplen;
	A = gen_ep4("192.0.2.1", 5060);
	B = gen_ep4("192.0.2.2", 5060);
}

static struct collected *read_back(struct gen *g, const char *path, const struct capture_opts *o)
{
	gen_close(g);
	struct collected *c = read_capture_opts(path, o);
	cr_assert_eq(c->rc, 0, "%s", c->err);
	unlink(path);
	return c;
}

static void assert_message(const struct rec *r, const char *want, uint64_t frame)
{
	cr_assert_eq(r->kind, CAPTURE_MESSAGE, "a message, not %s: %s", r->notice_kind, r->text);
	cr_assert_eq(r->transport, CAPTURE_SCTP);
	cr_assert_eq(r->len, strlen(want), "%zu bytes, want %zu", r->len, strlen(want));
	cr_assert(memcmp(r->data, want, r->len) == 0, "the bytes differ");
	cr_assert_eq(r->frame, frame, "frame %llu, want %llu", (unsigned long long)r->frame,
		     (unsigned long long)frame);
}

static struct gen_sctp_chunk data(uint32_t tsn, uint8_t flags, const void *p, size_t len)
{
	return (struct gen_sctp_chunk){.type = GEN_SCTP_DATA, .flags = flags, .tsn = tsn, .data = p, .len = len};
}

static void one(struct gen *g, const struct gen_endpoint *s, const struct gen_endpoint *d, uint32_t vtag,
		struct gen_sctp_chunk c)
{
	gen_sctp(g, s, d, vtag, &c, 1);
}

Test(sctp, whole_messages_bundled_and_alone)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	static const char diameter[] = "\x01\x00\x00\x14\x80\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x01";
	struct gen_sctp_chunk init = {.type = 1, .data = "\0\0\0\1\0\0\xff\xff\0\1\0\1\0\0\0\1", .len = 16};
	one(&g, &A, &B, 0, init); /* INIT: no data */
	one(&g, &A, &B, 7, data(100, GEN_SCTP_WHOLE, INVITE, strlen(INVITE)));
	/* a SACK, then two messages bundled, the first of a length that needs padding */
	struct gen_sctp_chunk bundle[] = {
		{.type = 3, .data = "\0\0\0\x63\0\0\xff\xff\0\0\0\0", .len = 12},
		data(200, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)),
		data(201, GEN_SCTP_WHOLE, INVITE, strlen(INVITE)),
		data(202, GEN_SCTP_WHOLE, diameter, sizeof diameter - 1), /* not SIP */
		data(203, GEN_SCTP_WHOLE, "\r\n\r\n", 4),                /* a keep-alive */
	};
	cr_assert_neq(strlen(RINGING) % 4, 0, "the test wants padding after the first message");
	gen_sctp(&g, &B, &A, 9, bundle, 5);
	struct gen_endpoint a6 = gen_ep6("2001:db8::1", 5061), b6 = gen_ep6("2001:db8::2", 5060);
	one(&g, &a6, &b6, 11, data(1, GEN_SCTP_WHOLE, INVITE, strlen(INVITE)));
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(c->n, 4, "%zu records", c->n);
	assert_message(&c->r[0], INVITE, 2);
	assert_message(&c->r[1], RINGING, 3);
	assert_message(&c->r[2], INVITE, 3);
	assert_message(&c->r[3], INVITE, 4);
	cr_assert_eq(c->r[1].sport, 5060);
	cr_assert_eq(c->r[3].src.family, 6);
	cr_assert_eq(c->r[3].sport, 5061);
	cr_assert_eq(c->stats.sctp_messages, 4);
	cr_assert_eq(c->stats.udp_messages + c->stats.tcp_messages, 0);
	free_collected(c);
}

Test(sctp, fragments_put_back_together_and_retransmissions_dropped)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	size_t n = strlen(INVITE), k = n / 3;
	one(&g, &A, &B, 7, data(10, GEN_SCTP_B, INVITE, k));
	one(&g, &A, &B, 7, data(11, 0, INVITE + k, k));
	one(&g, &A, &B, 7, data(11, 0, INVITE + k, k)); /* retransmitted */
	one(&g, &A, &B, 7, data(12, GEN_SCTP_E, INVITE + 2 * k, n - 2 * k));
	one(&g, &A, &B, 7, data(13, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)));
	one(&g, &A, &B, 7, data(13, GEN_SCTP_WHOLE, RINGING, strlen(RINGING))); /* retransmitted */
	one(&g, &A, &B, 7, data(9, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)));  /* late, not seen before */
	/* a new association on the same ports starts its TSNs afresh */
	one(&g, &A, &B, 8, data(13, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)));
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(c->n, 4, "%zu records: %s", c->n, c->r[0].text);
	assert_message(&c->r[0], INVITE, 4);
	assert_message(&c->r[1], RINGING, 5);
	assert_message(&c->r[2], RINGING, 7);
	assert_message(&c->r[3], RINGING, 8);
	cr_assert_eq(c->stats.retransmitted, 2);
	free_collected(c);
}

/* A fragment may still come as a retransmission, so a message is given up
 * when it cannot be completed any more: here at the end of the capture,
 * once each, in the order they began. */
Test(sctp, lost_fragments_are_said_not_glued)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	size_t n = strlen(INVITE), k = n / 3;
	one(&g, &A, &B, 7, data(10, GEN_SCTP_B, INVITE, k));
	one(&g, &A, &B, 7, data(12, GEN_SCTP_E, INVITE + 2 * k, n - 2 * k)); /* 11 never comes */
	one(&g, &A, &B, 7, data(20, 0, INVITE + k, k));                      /* no first fragment */
	one(&g, &A, &B, 7, data(21, GEN_SCTP_E, INVITE + 2 * k, n - 2 * k));
	one(&g, &A, &B, 7, data(30, GEN_SCTP_B, INVITE, k)); /* the capture ends first */
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(count_kind(c, CAPTURE_MESSAGE), 0);
	cr_assert_eq(c->n, 3, "%zu records", c->n);
	cr_assert_str_eq(c->r[0].notice_kind, "sctp-fragments-lost");
	cr_assert(strstr(c->r[0].text, "TSN 11 is missing"), "%s", c->r[0].text);
	cr_assert(strstr(c->r[0].text, "from frame 1"), "%s", c->r[0].text);
	cr_assert(strstr(c->r[1].text, "first fragment is not in the capture"), "%s", c->r[1].text);
	cr_assert(strstr(c->r[1].text, "from frame 3"), "said once for both fragments: %s", c->r[1].text);
	cr_assert(strstr(c->r[2].text, "the capture ends before its last fragment"), "%s", c->r[2].text);
	for (size_t i = 0; i < c->n; i++)
		cr_assert_eq(c->r[i].frame, 5, "said at the end of the capture");
	for (size_t i = 0; i < c->n; i++)
		cr_assert(!c->r[i].cut_short, "lost, not cut by the snapshot length");
	free_collected(c);
}

Test(sctp, cut_by_the_snapshot_length)
{
	struct gen g;
	char path[256];
	/* Ethernet 14 + IPv4 20 + SCTP 12 + DATA 16 = 62: 100 keeps the start line */
	open_gen(&g, path, sizeof path, 100);
	one(&g, &A, &B, 7, data(1, GEN_SCTP_WHOLE, INVITE, strlen(INVITE)));
	size_t n = strlen(INVITE);
	one(&g, &A, &B, 7, data(2, GEN_SCTP_B, INVITE, n / 2));
	one(&g, &A, &B, 7, data(3, GEN_SCTP_E, INVITE + n / 2, n - n / 2)); /* dropped with its message */
	g.snaplen = 55; /* inside the DATA chunk's header (46 to 62) */
	one(&g, &A, &B, 7, data(4, GEN_SCTP_WHOLE, INVITE, strlen(INVITE)));
	g.snaplen = 0;
	one(&g, &A, &B, 7, data(5, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)));
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(c->n, 4, "%zu records", c->n);
	cr_assert_str_eq(c->r[0].notice_kind, "frame-truncated");
	cr_assert(c->r[0].cut_short, "a SIP start line was kept: counted");
	cr_assert(strstr(c->r[0].text, "SIP message over SCTP 192.0.2.1:5060 -> 192.0.2.2:5060"), "%s", c->r[0].text);
	cr_assert_str_eq(c->r[1].notice_kind, "frame-truncated");
	cr_assert(c->r[1].cut_short);
	cr_assert_eq(c->r[1].frame, 3, "said when its last fragment came");
	cr_assert_str_eq(c->r[2].notice_kind, "frame-truncated");
	cr_assert(!c->r[2].cut_short, "nothing of the message kept: not counted");
	cr_assert(strstr(c->r[2].text, "whether it carries SIP"), "%s", c->r[2].text);
	assert_message(&c->r[3], RINGING, 5);
	cr_assert_eq(c->stats.cut_short, 2);
	free_collected(c);
}

Test(sctp, malformed_chunks_are_said)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	struct gen_sctp_chunk short_len = data(1, GEN_SCTP_WHOLE, INVITE, strlen(INVITE));
	short_len.length = 3;
	one(&g, &A, &B, 7, short_len);
	struct gen_sctp_chunk long_len = data(2, GEN_SCTP_WHOLE, INVITE, strlen(INVITE));
	long_len.length = 4000;
	one(&g, &A, &B, 7, long_len);
	one(&g, &A, &B, 7, data(3, GEN_SCTP_WHOLE, NULL, 0));
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(c->n, 3, "%zu records", c->n);
	for (size_t i = 0; i < 3; i++)
		cr_assert_str_eq(c->r[i].notice_kind, "malformed-packet", "record %zu: %s", i, c->r[i].text);
	cr_assert(strstr(c->r[0].text, "has length 3 (at least 4)"), "%s", c->r[0].text);
	cr_assert(strstr(c->r[1].text, "has length 4000, beyond"), "%s", c->r[1].text);
	cr_assert(strstr(c->r[2].text, "DATA chunk at byte 12 carries no user data"), "%s", c->r[2].text);
	free_collected(c);
}

static struct gen_sctp_chunk idata(uint32_t tsn, uint8_t flags, uint32_t mid, uint32_t fsn, const char *m, size_t from,
				   size_t to)
{
	return (struct gen_sctp_chunk){.type = GEN_SCTP_IDATA, .flags = flags, .tsn = tsn, .mid = mid, .fsn = fsn,
				       .data = m + from, .len = to - from};
}

/* I-DATA (RFC 8260): a whole message, then fragments of three messages
 * interleaved (one unordered, with the same MID as an ordered one), some
 * bundled, out of FSN order, and a message whose middle fragment is lost. */
Test(sctp, idata_fragments_interleaved_put_back_together)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	size_t n = strlen(INVITE), r = strlen(RINGING);
	one(&g, &A, &B, 7, idata(1, GEN_SCTP_WHOLE, 0, 0, INVITE, 0, n));
	one(&g, &A, &B, 7, idata(2, GEN_SCTP_B, 1, 0, INVITE, 0, 40));
	struct gen_sctp_chunk bundle[] = {
		idata(3, GEN_SCTP_B | GEN_SCTP_U, 1, 0, RINGING, 0, 50),
		idata(4, GEN_SCTP_E, 1, 2, INVITE, 80, n), /* before FSN 1 */
	};
	gen_sctp(&g, &A, &B, 7, bundle, 2);
	one(&g, &A, &B, 7, idata(5, GEN_SCTP_E | GEN_SCTP_U, 1, 1, RINGING, 50, r)); /* frame 4: RINGING */
	one(&g, &A, &B, 7, idata(6, 0, 1, 1, INVITE, 40, 80));                       /* frame 5: INVITE */
	one(&g, &A, &B, 7, idata(7, GEN_SCTP_B, 2, 0, INVITE, 0, 40));
	one(&g, &A, &B, 7, idata(9, GEN_SCTP_E, 2, 2, INVITE, 80, n)); /* FSN 1 (TSN 8) never comes */
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(c->n, 4, "%zu records", c->n);
	assert_message(&c->r[0], INVITE, 1);
	assert_message(&c->r[1], RINGING, 4);
	assert_message(&c->r[2], INVITE, 5);
	cr_assert_str_eq(c->r[3].notice_kind, "sctp-fragments-lost");
	cr_assert(strstr(c->r[3].text, "from frame 6, given up: the fragment with FSN 1 is missing"), "%s",
		  c->r[3].text);
	cr_assert_eq(c->stats.sctp_messages, 3);
	free_collected(c);
}

/* A fragment lost and retransmitted after its message's last fragment
 * completes the message, as long as its TSN is still within the window of
 * TSNs remembered; past that, the message is given up once, and the late
 * copy is a retransmission. */
Test(sctp, fragment_retransmitted_after_the_last_completes_its_message)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	size_t n = strlen(INVITE), k = n / 3;
	one(&g, &A, &B, 7, data(10, GEN_SCTP_B, INVITE, k));
	one(&g, &A, &B, 7, data(12, GEN_SCTP_E, INVITE + 2 * k, n - 2 * k));
	one(&g, &A, &B, 7, data(13, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)));
	one(&g, &A, &B, 7, data(11, 0, INVITE + k, k)); /* frame 4: late, completes the INVITE */
	one(&g, &A, &B, 7, data(11, 0, INVITE + k, k)); /* and again: a retransmission */
	/* the same on stream 2, with the window passed before the copy comes */
	struct gen_sctp_chunk b = data(20, GEN_SCTP_B, INVITE, k), e = data(22, GEN_SCTP_E, INVITE + 2 * k, n - 2 * k);
	b.stream = e.stream = 2;
	one(&g, &A, &B, 7, b);
	one(&g, &A, &B, 7, e);
	one(&g, &A, &B, 7, data(22 + 1024, GEN_SCTP_WHOLE, RINGING, strlen(RINGING))); /* frame 8 */
	struct gen_sctp_chunk late = data(21, 0, INVITE + k, k);
	late.stream = 2;
	one(&g, &A, &B, 7, late);
	struct collected *c = read_back(&g, path, NULL);
	cr_assert_eq(c->n, 4, "%zu records", c->n);
	assert_message(&c->r[0], RINGING, 3);
	assert_message(&c->r[1], INVITE, 4);
	cr_assert_str_eq(c->r[2].notice_kind, "sctp-fragments-lost", "%s", c->r[2].text);
	cr_assert(strstr(c->r[2].text, "on stream 2, in fragments from frame 6, given up: the fragment with TSN 21 is missing"),
		  "%s", c->r[2].text);
	cr_assert_eq(c->r[2].frame, 8);
	assert_message(&c->r[3], RINGING, 8);
	cr_assert_eq(c->stats.retransmitted, 2, "the second copy of 11 and the late 21");
	free_collected(c);
}

Test(sctp, limits_are_options)
{
	struct gen g;
	char path[256];
	open_gen(&g, path, sizeof path, 0);
	size_t n = strlen(INVITE);
	one(&g, &A, &B, 7, data(1, GEN_SCTP_B, INVITE, n / 2));
	one(&g, &A, &B, 7, data(2, GEN_SCTP_E, INVITE + n / 2, n - n / 2));
	/* a second direction while the first holds a fragment: one direction only */
	one(&g, &A, &B, 7, data(3, GEN_SCTP_B, INVITE, 20));
	one(&g, &B, &A, 8, data(1, GEN_SCTP_WHOLE, RINGING, strlen(RINGING)));
	struct capture_opts o;
	capture_opts_init(&o);
	o.max_flow_bytes = n - 1;
	o.max_flows = 1;
	struct collected *c = read_back(&g, path, &o);
	cr_assert_eq(c->n, 3, "%zu records", c->n);
	cr_assert(strstr(c->r[0].text, "bytes (--max-flow-bytes)"), "%s", c->r[0].text);
	cr_assert_eq(c->r[0].frame, 2);
	cr_assert(strstr(c->r[1].text, "more than 1 SCTP directions at once"), "%s", c->r[1].text);
	assert_message(&c->r[2], RINGING, 4);
	free_collected(c);
}

/* --- out of memory in sctpfrag.c ---------------------------------------- */

/* An allocator that fails its fail_at-th block request (0 first), only
 * that one, and counts the blocks it gave out and not yet back. */
struct failing_alloc {
	size_t calls, fail_at, live;
	bool failed;
};

static void *failing_resize(void *ctx, void *p, size_t size)
{
	struct failing_alloc *a = ctx;
	if (a->calls++ == a->fail_at) {
		a->failed = true;
		return NULL;
	}
	void *q = realloc(p, size);
	if (q && !p)
		a->live++;
	return q;
}

static void failing_release(void *ctx, void *p)
{
	struct failing_alloc *a = ctx;
	if (p)
		a->live--;
	free(p);
}

/* What the reassembly gave out. */
struct oom_out {
	size_t messages, lost, oom;
	bool wrong_bytes;
};

static const char *const OOM_MSG[] = {"first message, in three DATA fragments", "second, in I-DATA fragments",
				      "third, DATA, its last fragment lost", "fourth, I-DATA, never finished"};

static void oom_message(void *ctx, uint16_t stream, uint32_t ppid, const uint8_t *data, size_t len, size_t wire,
			uint64_t first_frame)
{
	(void)ppid, (void)wire, (void)first_frame;
	struct oom_out *o = ctx;
	o->messages++;
	const char *want = OOM_MSG[stream];
	o->wrong_bytes |= len > strlen(want) || memcmp(data, want, len) != 0;
}

static void oom_lost(void *ctx, uint16_t stream, uint64_t first_frame, const char *why)
{
	(void)stream, (void)first_frame;
	struct oom_out *o = ctx;
	o->lost++;
	o->oom += strstr(why, "out of memory") != NULL;
}

/* The fragments of message m (stream m) cut in pieces of 9 bytes; DATA
 * ones take TSNs from *tsn on. */
static void oom_feed(struct sctp_frags *h, int m, bool idata, bool send_last, uint32_t *tsn, size_t order_rev,
		     const struct sctp_frag_out *out)
{
	const char *text = OOM_MSG[m];
	size_t len = strlen(text), n = (len + 8) / 9;
	for (size_t k = 0; k < n; k++) {
		size_t i = order_rev ? n - 1 - k : k; /* DATA out of order too: groups join */
		if (i == n - 1 && !send_last)
			continue;
		size_t at = i * 9, part = len - at < 9 ? len - at : 9;
		struct sctp_frag f = {
			.idata = idata, .first = i == 0, .last = i == n - 1, .stream = (uint16_t)m, .mid = (uint32_t)m,
			.fsn = (uint32_t)i, .tsn = *tsn + (uint32_t)i, .data = (const uint8_t *)text + at, .len = part,
			.wire = part, .frame = (uint64_t)(*tsn + i),
		};
		sctp_frags_add(h, &f, 1u << 20, out);
	}
	*tsn += (uint32_t)n;
}

/* Every block sctpfrag.c asks for, failed in turn: no crash, nothing
 * kept (every block given back), no message glued wrong, and the failure
 * said once as "out of memory", no message dropped silently. */
Test(sctp, fragments_out_of_memory_at_each_allocation)
{
	for (size_t fail_at = 0;; fail_at++) {
		struct failing_alloc a = {.fail_at = fail_at};
		struct sctp_frags_alloc alloc = {&a, failing_resize, failing_release};
		struct sctp_frags h = {.alloc = &alloc};
		struct oom_out o = {0};
		struct sctp_frag_out out = {&o, oom_message, oom_lost};
		uint32_t tsn = 100;
		oom_feed(&h, 0, false, true, &tsn, 1, &out);  /* whole, in reverse: joins */
		oom_feed(&h, 1, true, true, &tsn, 0, &out);   /* I-DATA, whole */
		oom_feed(&h, 2, false, false, &tsn, 0, &out); /* its last one lost */
		oom_feed(&h, 3, true, false, &tsn, 1, &out);  /* I-DATA, no last */
		sctp_frags_expire(&h, tsn + 5000, 1024, &out);
		cr_assert_null(h.groups, "fail at %zu: groups left after expiry", fail_at);
		sctp_frags_clear(&h);
		cr_assert_eq(a.live, 0, "fail at %zu: %zu blocks never given back", fail_at, a.live);
		cr_assert_eq(h.bytes, 0, "fail at %zu: %zu bytes still counted", fail_at, h.bytes);
		cr_assert(!o.wrong_bytes, "fail at %zu: a message put back together wrong", fail_at);
		if (!a.failed) { /* past the last allocation: the run without a failure */
			cr_assert_eq(o.messages, 2, "%zu messages", o.messages);
			cr_assert_eq(o.lost, 2, "%zu lost", o.lost);
			cr_assert_gt(fail_at, 10, "only %zu allocations", fail_at);
			break;
		}
		/* said, and said to be out of memory; a fragment whose group could
		 * not be made is said apart from the rest of its message */
		cr_assert_geq(o.messages + o.lost, 4, "fail at %zu: %zu messages, %zu lost: one not said", fail_at,
			      o.messages, o.lost);
		cr_assert_leq(o.messages + o.lost, 5, "fail at %zu: %zu messages, %zu lost", fail_at, o.messages, o.lost);
		cr_assert_leq(o.messages, 2, "fail at %zu", fail_at);
		cr_assert_eq(o.oom, 1, "fail at %zu: %zu out-of-memory notices", fail_at, o.oom);
	}
}

/* An I-DATA fragment that straggles in after its message was given up for
 * age is a message of its own, said again with its own frame (sctpfrag.h
 * says why). */
Test(sctp, idata_straggler_after_the_window_is_said_on_its_own)
{
	struct sctp_frags h = {0};
	struct oom_out o = {0};
	struct sctp_frag_out out = {&o, oom_message, oom_lost};
	const char *text = OOM_MSG[1];
	struct sctp_frag f = {.idata = true, .first = true, .stream = 1, .mid = 7, .tsn = 10,
			      .data = (const uint8_t *)text, .len = 9, .wire = 9, .frame = 1};
	sctp_frags_add(&h, &f, 1u << 20, &out);
	sctp_frags_expire(&h, 10 + 1024, 1024, &out);
	cr_assert_eq(o.lost, 1);
	f = (struct sctp_frag){.idata = true, .stream = 1, .mid = 7, .fsn = 1, .tsn = 2000,
			       .data = (const uint8_t *)text + 9, .len = 9, .wire = 9, .frame = 2};
	sctp_frags_add(&h, &f, 1u << 20, &out);
	cr_assert_eq(o.lost, 1, "held, not said at once");
	sctp_frags_expire(&h, 2000 + 1024, 1024, &out);
	cr_assert_eq(o.lost, 2);
	cr_assert_eq(o.messages, 0);
	cr_assert_null(h.groups);
}
