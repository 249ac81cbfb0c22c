/* SPDX-License-Identifier: MIT */
/* Reassembly of fragmented IPv4 and IPv6 datagrams (RFC 791, RFC 8200 §4.5).
 * Bounded: at most max_datagrams in progress, each at most 65535 bytes;
 * the oldest is given up (and reported) when a new one needs room, and any
 * datagram still incomplete 60 s of capture time after its first fragment or
 * at the end of the capture is reported as incomplete. */
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
	uint64_t first_frame;  /* frame of the first fragment seen */
};

struct ipfrag_table *ipfrag_new(size_t max_datagrams, const struct notice_sink *notices);
void ipfrag_free(struct ipfrag_table *t);

/* Add one fragment seen in frame `frame` at capture time ts_sec. Returns 1 when
 * it completed a datagram (*out filled), 0 when more fragments are needed, -1
 * when the fragment was dropped (a notice says why). */
int ipfrag_add(struct ipfrag_table *t, const struct net_ip *ip, uint64_t frame, int64_t ts_sec,
	       struct ipfrag_datagram *out);

/* Report every datagram still incomplete and forget them (end of capture). */
void ipfrag_flush(struct ipfrag_table *t, uint64_t frame);

#endif
