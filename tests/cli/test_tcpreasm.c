/* SPDX-License-Identifier: MIT */
/* TCP reassembly (tcpreasm.c) on captures written here: a lost segment is
 * declared as soon as the receiver's acknowledgement proves it lost, and
 * the messages held after it are reported at their own frames and times;
 * the flow table, once full, drops flows with nothing to lose first and
 * silently, and names only the flows that held bytes or carried SIP. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "collect.h"
#include "pcapgen.h"

#define MAX_MSG 400

/* OPTIONS number i, as a whole message. */
static size_t options(char *out, unsigned i)
{
	int n = snprintf(out, MAX_MSG,
			 "OPTIONS sip:bob@example.com SIP/2.0\r\n"
			 "Via: SIP/2.0/TCP 192.0.2.1:40001;branch=z9hG4bK-%u\r\n"
			 "Max-Forwards: 70\r\n"
			 "To: <sip:bob@example.com>\r\n"
			 "From: <sip:alice@example.com>;tag=%u\r\n"
			 "Call-ID: opt-%u@192.0.2.1\r\n"
			 "CSeq: %u OPTIONS\r\n"
			 "Content-Length: 0\r\n"
			 "\r\n",
			 i, i, i, i);
	cr_assert(n > 0 && n < MAX_MSG);
	return (size_t)n;
}

static struct collected *read_with_max_flows(const char *path, size_t max_flows)
{
	struct capture_opts o;
	capture_opts_init(&o);
	if (max_flows)
		o.max_flows = max_flows;
	return read_capture_opts(path, &o);
}

/* The messages, in the order reported. */
static size_t messages(const struct collected *c, const struct rec **out, size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->r[k].kind == CAPTURE_MESSAGE && n < max)
			out[n++] = &c->r[k];
	return n;
}

static size_t notices(const struct collected *c, const char *kind, const struct rec **out, size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < c->n; k++)
		if (c->r[k].kind == CAPTURE_NOTICE && strcmp(c->r[k].notice_kind, kind) == 0 && n < max)
			out[n++] = &c->r[k];
	return n;
}

/* The call number in a message's CSeq. */
static unsigned cseq_of(const struct rec *r)
{
	const char *p = strstr(r->data, "CSeq: ");
	cr_assert_not_null(p);
	return (unsigned)strtoul(p + 6, NULL, 10);
}

/* gen writes frame k (from 1) at 1700000000 s + (k - 1) ms. */
static void assert_at_frame(const struct rec *r, uint64_t frame, const char *what)
{
	cr_assert_eq(r->frame, frame, "%s: frame %llu, want %llu", what, (unsigned long long)r->frame,
		     (unsigned long long)frame);
	uint64_t us = (frame - 1) * 1000;
	cr_assert_eq(r->ts_sec, 1700000000 + (int64_t)(us / 1000000), "%s: seconds", what);
	cr_assert_eq(r->ts_usec, (uint32_t)(us % 1000000), "%s: microseconds %u, want %u", what, r->ts_usec,
		     (unsigned)(us % 1000000));
}

/* --- a lost segment ------------------------------------------------------- */

/* Client 192.0.2.1:40001 -> server 192.0.2.2:5060, ISN 1000. OPTIONS 0..9 in
 * one segment each; the capture misses 1, 5 and 7. The server's pure ACKs
 * say what it got:
 *   1 SYN             2 SYN-ACK          3 OPTIONS 0
 *   (OPTIONS 1 lost)  4 OPTIONS 2        5 OPTIONS 3
 *   6 ACK to the end of 2: OPTIONS 1 was received, the capture lost it
 *   7 OPTIONS 4       (OPTIONS 5 lost)
 *   8 ACK to the end of 5, before the capture sees anything after it
 *   9 OPTIONS 6: held after a hole already acknowledged
 *   (OPTIONS 7 lost)  10 OPTIONS 8
 *   11 ACK far past anything the client sent: a stray number, not believed
 *   12 OPTIONS 9 (the capture ends, and so does the hole before 8) */
static void write_lost(const char *path)
{
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint c = gen_ep4("192.0.2.1", 40001), s = gen_ep4("192.0.2.2", 5060);
	char m[10][MAX_MSG];
	size_t len[10];
	uint32_t at[11]; /* at[i]: OPTIONS i's sequence number; at[10]: the end */
	at[0] = 1001;
	for (unsigned i = 0; i < 10; i++) {
		len[i] = options(m[i], i);
		at[i + 1] = at[i] + (uint32_t)len[i];
	}
	uint8_t data = GEN_ACK | GEN_PSH;
	gen_tcp(&g, &c, &s, 1000, GEN_SYN, NULL, 0);                        /* 1 */
	gen_tcp_ack(&g, &s, &c, 7000, 1001, GEN_SYN | GEN_ACK, NULL, 0);    /* 2 */
	gen_tcp_ack(&g, &c, &s, at[0], 7001, data, m[0], len[0]);           /* 3 */
	gen_tcp_ack(&g, &c, &s, at[2], 7001, data, m[2], len[2]);           /* 4 */
	gen_tcp_ack(&g, &c, &s, at[3], 7001, data, m[3], len[3]);           /* 5 */
	gen_tcp_ack(&g, &s, &c, 7001, at[3], GEN_ACK, NULL, 0);             /* 6 */
	gen_tcp_ack(&g, &c, &s, at[4], 7001, data, m[4], len[4]);           /* 7 */
	gen_tcp_ack(&g, &s, &c, 7001, at[6], GEN_ACK, NULL, 0);             /* 8 */
	gen_tcp_ack(&g, &c, &s, at[6], 7001, data, m[6], len[6]);           /* 9 */
	gen_tcp_ack(&g, &c, &s, at[8], 7001, data, m[8], len[8]);           /* 10 */
	gen_tcp_ack(&g, &s, &c, 7001, at[10] + 100000, GEN_ACK, NULL, 0);   /* 11 */
	gen_tcp_ack(&g, &c, &s, at[9], 7001, data, m[9], len[9]);           /* 12 */
	gen_close(&g);
}

Test(tcpreasm, lost_segment_messages_at_their_own_frames)
{
	char path[256];
	gen_tmpname(path, sizeof path, ".pcap");
	write_lost(path);
	struct collected *col = read_with_max_flows(path, 0);
	unlink(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);

	const struct rec *m[16];
	cr_assert_eq(messages(col, m, 16), 7, "OPTIONS 0, 2, 3, 4, 6, 8, 9");
	static const unsigned want_cseq[] = {0, 2, 3, 4, 6, 8, 9};
	static const uint64_t want_frame[] = {3, 4, 5, 7, 9, 10, 12};
	for (size_t i = 0; i < 7; i++) {
		char what[40];
		snprintf(what, sizeof what, "OPTIONS %u", want_cseq[i]);
		cr_assert_eq(cseq_of(m[i]), want_cseq[i], "%s: CSeq %u", what, cseq_of(m[i]));
		assert_at_frame(m[i], want_frame[i], what);
	}

	const struct rec *gap[8];
	cr_assert_eq(notices(col, "tcp-gap", gap, 8), 3);
	/* at the ACK that proves it, at the held segment that an earlier ACK
	 * covers, and (the ACK at 11 being out of range) at the capture's end */
	static const uint64_t gap_frame[] = {6, 9, 12};
	for (size_t i = 0; i < 3; i++) {
		cr_assert_eq(gap[i]->frame, gap_frame[i], "gap %zu at frame %llu", i, (unsigned long long)gap[i]->frame);
		cr_assert_not_null(strstr(gap[i]->text, i < 2 ? "the receiver acknowledged them"
							      : "the capture ends before the missing bytes"),
				   "gap %zu: %s", i, gap[i]->text);
	}
	/* each gap is reported before the messages held after it */
	cr_assert(gap[0] < m[1] && m[0] < gap[0] && gap[1] < m[4] && gap[2] < m[5]);
	free_collected(col);
}

/* --- the flow table's limit ------------------------------------------------- */

static const char INVITE_HEAD[] = "INVITE sip:bob@example.com SIP/2.0\r\n"
				  "Via: SIP/2.0/TCP 192.0.2.10:40010;branch=z9hG4bK-inv\r\n";
static const char INVITE_TAIL[] = "Max-Forwards: 70\r\n"
				  "To: <sip:bob@example.com>\r\n"
				  "From: <sip:alice@example.com>;tag=9\r\n"
				  "Call-ID: inv@192.0.2.10\r\n"
				  "CSeq: 77 INVITE\r\n"
				  "Content-Length: 0\r\n"
				  "\r\n";

/* A flow holding half an INVITE, a SIP flow that has closed, then a port
 * scan's SYNs (many more flows than the limit of 4), then the rest of the
 * INVITE: the scan pushes out only flows with nothing to lose, without a
 * word, and the INVITE is whole. */
Test(tcpreasm, flow_limit_drops_quiet_flows_silently)
{
	char path[256];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint a = gen_ep4("192.0.2.10", 40010), srv = gen_ep4("192.0.2.2", 5060);
	struct gen_endpoint b = gen_ep4("192.0.2.11", 40011);
	char opt[MAX_MSG];
	size_t n = options(opt, 1);
	uint32_t head = (uint32_t)strlen(INVITE_HEAD);
	gen_tcp(&g, &a, &srv, 100, GEN_SYN, NULL, 0);
	gen_tcp(&g, &a, &srv, 101, GEN_ACK, INVITE_HEAD, head);
	gen_tcp(&g, &b, &srv, 500, GEN_SYN, NULL, 0);
	gen_tcp(&g, &b, &srv, 501, GEN_ACK, opt, n);
	gen_tcp(&g, &b, &srv, 501 + (uint32_t)n, GEN_ACK | GEN_FIN, NULL, 0);
	struct gen_endpoint scanner = gen_ep4("203.0.113.7", 40000);
	for (uint16_t port = 1; port <= 50; port++) {
		struct gen_endpoint dst = gen_ep4("192.0.2.2", port);
		gen_tcp(&g, &scanner, &dst, 9000, GEN_SYN, NULL, 0);
	}
	gen_tcp(&g, &a, &srv, 101 + head, GEN_ACK, INVITE_TAIL, strlen(INVITE_TAIL));
	gen_close(&g);

	struct collected *col = read_with_max_flows(path, 4);
	unlink(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	for (size_t k = 0; k < col->n; k++)
		cr_assert_neq(col->r[k].kind, CAPTURE_NOTICE, "no notice, got %s: %s", col->r[k].notice_kind,
			      col->r[k].text);
	const struct rec *m[4];
	cr_assert_eq(messages(col, m, 4), 2);
	cr_assert_eq(cseq_of(m[0]), 1);
	cr_assert_not_null(strstr(m[1]->data, "CSeq: 77 INVITE"));
	cr_assert_eq(m[1]->len, strlen(INVITE_HEAD) + strlen(INVITE_TAIL), "the INVITE is whole");
	assert_at_frame(m[1], 56, "the INVITE");
	free_collected(col);
}

/* Only flows with data, more than the limit of 3: the least recently active
 * go. A flow holding half a message is named (and so is the half message),
 * as is one that carried SIP; one that carried another protocol is not. */
Test(tcpreasm, flow_limit_names_only_flows_that_mattered)
{
	char path[256];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint srv = gen_ep4("192.0.2.2", 5060), tls = gen_ep4("192.0.2.2", 443);
	struct gen_endpoint held = gen_ep4("192.0.2.10", 40010), sip = gen_ep4("192.0.2.11", 40011);
	struct gen_endpoint other = gen_ep4("192.0.2.12", 40012);
	static const char NOT_SIP[] = "\x16\x03\x01\x00\x20 a TLS ClientHello, say\r\n\r\n";
	char opt[MAX_MSG];
	size_t n = options(opt, 1);
	gen_tcp(&g, &held, &srv, 100, GEN_SYN, NULL, 0);
	gen_tcp(&g, &held, &srv, 101, GEN_ACK, INVITE_HEAD, strlen(INVITE_HEAD));
	gen_tcp(&g, &sip, &srv, 500, GEN_SYN, NULL, 0);
	gen_tcp(&g, &sip, &srv, 501, GEN_ACK, opt, n);
	gen_tcp(&g, &other, &tls, 700, GEN_SYN, NULL, 0);
	gen_tcp(&g, &other, &tls, 701, GEN_ACK, NOT_SIP, sizeof NOT_SIP - 1);
	for (uint16_t i = 0; i < 3; i++) { /* three new flows with data push the three out */
		struct gen_endpoint c = gen_ep4("192.0.2.20", (uint16_t)(41000 + i));
		char o[MAX_MSG];
		size_t k = options(o, 10u + i);
		gen_tcp(&g, &c, &srv, 1000, GEN_ACK, o, k);
	}
	gen_close(&g);

	struct collected *col = read_with_max_flows(path, 3);
	unlink(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	const struct rec *lim[8];
	cr_assert_eq(notices(col, "tcp-flow-limit", lim, 8), 2);
	cr_assert_not_null(strstr(lim[0]->text, "stopped following 192.0.2.10:40010 -> 192.0.2.2:5060"), "%s",
			   lim[0]->text);
	cr_assert_eq(lim[0]->frame, 7);
	cr_assert_not_null(strstr(lim[1]->text, "stopped following 192.0.2.11:40011 -> 192.0.2.2:5060"), "%s",
			   lim[1]->text);
	cr_assert_eq(lim[1]->frame, 8);
	const struct rec *inc[2];
	cr_assert_eq(notices(col, "stream-incomplete", inc, 2), 1, "the half INVITE is said");
	for (size_t k = 0; k < col->n; k++)
		cr_assert_null(strstr(col->r[k].text, "192.0.2.12"), "the TLS flow goes silently: %s", col->r[k].text);
	const struct rec *m[8];
	cr_assert_eq(messages(col, m, 8), 4, "OPTIONS 1, 10, 11, 12");
	free_collected(col);
}
