/* SPDX-License-Identifier: MIT */
/* Reassembly of fragmented IPv4 and IPv6 datagrams (RFC 791, RFC 8200 §4.5).
 * Bounded: at most max_datagrams in progress, each at most 65535 bytes;
 * the oldest is given up (and reported) when a new one needs room, and any
 * datagram still incomplete 60 s of capture time after its first fragment or
 * at the end of the capture is reported as incomplete, named by its SIP
 * start line and Call-ID when its first fragment shows them. */
#ifndef SIPMSG_TOOL_IPFRAG_H
#define SIPMSG_TOOL_IPFRAG_H

#include "netdecode.h"
#include "notice.h"

struct ipfrag_table;

/* A reassembled datagram; data stays valid until the next ipfrag_* call. */
struct ipfrag_datagram {
	struct net_addr src, dst;
	uint8_t proto;         /* upper-layer protocol after any extension headers */
	const uint8_t *data;   /* the upper-layer packet (UDP or TCP header first) */
	size_t len;
	uint64_t first_frame;  /* frame of the first fragment seen (cut short or not) */
	uint64_t cut_frame;    /* IPFRAG_CUT_SHORT: the frame of an earlier fragment of this datagram
	                          (or an earlier copy of this one) cut short too, else 0 */
	uint64_t told_frame;   /* IPFRAG_CUT_SHORT: the frame in which the caller counted this
	                          datagram as SIP cut short (ipfrag_told), else 0 */
};

/* ipfrag_add: the fragment was cut short by the capture's snapshot length and
 * dropped; its datagram cannot be reassembled. *out holds what is known of
 * the datagram's start, for the caller to tell what it was: data/len the
 * upper-layer bytes from offset 0 as far as they were kept (by this
 * fragment, when it is the first, by a first fragment cut short earlier, or
 * by the whole fragments held; len 0 when none), src, dst, proto,
 * first_frame, cut_frame, told_frame. The datagram is remembered (a slot of
 * the table, given up first when the table is full, forgotten without a
 * notice when it held no whole fragment), so that copies and further
 * fragments of it find what was kept and told. */
#define IPFRAG_CUT_SHORT 2

/* ipfrag_add: the whole first fragment of a datagram a fragment of which
 * was cut short before, not yet told (ipfrag_told): added, and *out holds
 * the datagram's start as for IPFRAG_CUT_SHORT, so that the caller can
 * count the datagram as SIP cut short, as it would have had the first
 * fragment come first. */
#define IPFRAG_CUT_START 3

/* notices: what the table has to say. sip_lost (may be NULL: notices
 * then): an incomplete datagram whose first fragment shows a SIP
 * datagram, which the caller counts as SIP the capture cut short (its
 * later fragments were not captured, often by a port capture filter). */
struct ipfrag_table *ipfrag_new(size_t max_datagrams, const struct notice_sink *notices,
				const struct notice_sink *sip_lost);
void ipfrag_free(struct ipfrag_table *t);

/* Add one fragment seen in frame `frame` at capture time ts_sec. Returns 1 when
 * it completed a datagram (*out filled), 0 when more fragments are needed, -1
 * when the fragment was dropped (a notice says why), IPFRAG_CUT_SHORT when
 * it was dropped because the capture cut it short (no notice: the caller
 * says it, knowing what the datagram carries). */
int ipfrag_add(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame, int64_t ts_sec,
	       struct ipfrag_datagram *out);

/* The caller counted the datagram of fragment `ip`, just reported
 * IPFRAG_CUT_SHORT, as SIP cut short in `frame`: the fragments of it cut
 * short later (and copies of this one) report told_frame, so that it is
 * counted once. */
void ipfrag_told(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame);

/* Report every datagram still incomplete and forget them (end of capture). */
void ipfrag_flush(struct ipfrag_table *t, uint64_t frame);

#endif
