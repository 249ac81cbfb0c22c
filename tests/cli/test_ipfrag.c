/* SPDX-License-Identifier: MIT */
/* IP datagrams that never became whole (ipfrag.h), as `sipmsg check` reads
 * them from a capture: one whose first fragment shows a SIP datagram is
 * named by its start line and Call-ID and counted as SIP not checked; one
 * that does not show SIP is only said. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "collect.h"
#include "pcapgen.h"

/* An INVITE of about 1500 bytes: it needs two fragments of 976 bytes. */
static char *big_invite(const char *call_id)
{
	static char body[1200];
	memset(body, 'a', sizeof body - 1);
	for (size_t i = 70; i < sizeof body - 1; i += 72)
		body[i] = '\n';
	char *m = malloc(2000);
	snprintf(m, 2000,
		 "INVITE sip:bob@example.com SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK%s\r\n"
		 "Max-Forwards: 70\r\n"
		 "To: <sip:bob@example.com>\r\n"
		 "From: <sip:alice@example.com>;tag=1\r\n"
		 "Call-ID: %s\r\n"
		 "CSeq: 1 INVITE\r\n"
		 "Content-Type: text/plain\r\n"
		 "Content-Length: %zu\r\n\r\n%s",
		 call_id, call_id, strlen(body), body);
	return m;
}

static struct collected *capture_of(void (*write)(struct gen *g))
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	write(&g);
	gen_close(&g);
	struct collected *col = read_capture_opts(path, NULL);
	unlink(path);
	return col;
}

static const struct rec *only_notice(const struct collected *col, const char *kind)
{
	const struct rec *found = NULL;
	for (size_t i = 0; i < col->n; i++) {
		if (col->r[i].kind != CAPTURE_NOTICE)
			continue;
		cr_assert_null(found, "two notices: %s / %s", found ? found->text : "", col->r[i].text);
		found = &col->r[i];
	}
	cr_assert_not_null(found, "no %s notice", kind);
	cr_assert_str_eq(found->notice_kind, kind);
	return found;
}

/* What `tcpdump port 5060` keeps of a fragmented INVITE: the first
 * fragment, which alone has the UDP header. */
static void first_fragment_only(struct gen *g)
{
	struct gen_endpoint a = gen_ep4("192.0.2.1", 5060), b = gen_ep4("192.0.2.2", 5060);
	char *m = big_invite("lost-1@example.com");
	gen_udp_fragments(g, &a, &b, m, strlen(m), 976, (const size_t[]){0}, 1);
	free(m);
}

Test(ipfrag, sip_datagram_without_its_later_fragments_is_named_and_counted)
{
	struct collected *col = capture_of(first_fragment_only);
	const struct rec *r = only_notice(col, "ip-fragments-incomplete");
	cr_assert(strstr(r->text, "(976 bytes, total unknown)"), "%s", r->text);
	cr_assert(strstr(r->text, "a SIP datagram 192.0.2.1:5060 -> 192.0.2.2:5060, \"INVITE sip:bob@example.com SIP/2.0\""),
		  "%s", r->text);
	cr_assert(strstr(r->text, "Call-ID lost-1@example.com, not checked"), "%s", r->text);
	cr_assert(strstr(r->text, "capture filter on the port"), "%s", r->text);
	cr_assert(r->cut_short, "SIP that could not be checked is counted");
	cr_assert_eq(col->stats.cut_short, 1);
	free_collected(col);
}

/* The middle fragment is missing: SIP all the same, but no filter to blame. */
static void middle_missing(struct gen *g)
{
	struct gen_endpoint a = gen_ep4("192.0.2.1", 5060), b = gen_ep4("192.0.2.2", 5060);
	char *m = big_invite("lost-2@example.com");
	gen_udp_fragments(g, &a, &b, m, strlen(m), 512, (const size_t[]){0, 2}, 2);
	free(m);
}

Test(ipfrag, sip_datagram_with_a_hole_is_counted)
{
	struct collected *col = capture_of(middle_missing);
	const struct rec *r = only_notice(col, "ip-fragments-incomplete");
	cr_assert(strstr(r->text, "is incomplete (974 of 1486 bytes)"), "%s", r->text); /* 512 + 462 */
	cr_assert(strstr(r->text, "Call-ID lost-2@example.com, not checked"), "%s", r->text);
	cr_assert_null(strstr(r->text, "capture filter"), "%s", r->text);
	cr_assert(r->cut_short);
	cr_assert_eq(col->stats.cut_short, 1);
	free_collected(col);
}

/* Not SIP: said, not counted. */
static void other_datagram(struct gen *g)
{
	struct gen_endpoint a = gen_ep4("192.0.2.1", 4000), b = gen_ep4("192.0.2.2", 4000);
	char data[1500];
	memset(data, 'x', sizeof data);
	gen_udp_fragments(g, &a, &b, data, sizeof data, 976, (const size_t[]){0}, 1);
}

Test(ipfrag, other_datagram_is_only_said)
{
	struct collected *col = capture_of(other_datagram);
	const struct rec *r = only_notice(col, "ip-fragments-incomplete");
	cr_assert(strstr(r->text, "(976 bytes, total unknown) at the end of the capture; dropped"), "%s", r->text);
	cr_assert_null(strstr(r->text, "SIP"), "%s", r->text);
	cr_assert(!r->cut_short);
	cr_assert_eq(col->stats.cut_short, 0);
	free_collected(col);
}
