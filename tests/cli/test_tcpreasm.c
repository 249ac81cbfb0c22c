/* SPDX-License-Identifier: MIT */
/* TCP reassembly (tcpreasm.c) on captures written here: the flow table,
 * once full, drops flows with nothing to lose first and silently, and names
 * only the flows that held bytes or carried SIP. */
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
