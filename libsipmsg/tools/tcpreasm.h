/* SPDX-License-Identifier: MIT */
/* TCP reassembly: each direction of each connection (by addresses and ports)
 * is put back in sequence-number order, retransmitted and overlapping bytes
 * are dropped, out-of-order segments are held until the hole before them is
 * filled, and a hole that is never filled is reported as a gap (the message
 * it cut is dropped and named, never glued to the bytes after the hole). The
 * in-order bytes go to a sipstream, which frames them into SIP messages, or,
 * when the direction opens with an HTTP upgrade to WebSocket with the "sip"
 * subprotocol that the other direction accepts, to a ws_stream (RFC 7118,
 * websocket.h), which reads one SIP message out of each WebSocket message,
 * or, when it opens with a HEPv3 magic ("HEP3"), to a hep_stream
 * (hepstream.h), which hands on one HEP packet at a time.
 *
 * A hole is also declared as soon as the other direction acknowledges bytes
 * past it (the receiver got what the capture lost), and the messages in the
 * segments held after it are then reported at their own frames.
 *
 * Bounded memory: a flow holds at most max_flow_bytes (unfinished message plus
 * out-of-order segments; past that the hole is declared a gap), and the table
 * at most max_flows flows. Past that the least recently active one is
 * dropped, in O(1): a closed flow or one that never carried a byte first, and
 * silently; a flow that held bytes or carried SIP with a notice. */
#ifndef SIPMSG_TOOL_TCPREASM_H
#define SIPMSG_TOOL_TCPREASM_H

#include "netdecode.h"
#include "sipstream.h"

#include <stdbool.h>

/* A frame's number and capture time. */
struct tcp_when {
	uint64_t frame;
	int64_t ts_sec;
	uint32_t ts_nsec;
};

/* What a flow's messages are. */
enum tcp_carrier {
	TCP_CARRIES_SIP, /* SIP framed by Content-Length (or nothing known yet) */
	TCP_CARRIES_WS,  /* SIP over WebSocket: a message is one WebSocket message */
	TCP_CARRIES_HEP, /* HEPv3 to a collector: a message is one whole HEP packet, still encapsulated */
};

/* Everything a flow's stream reports, with the flow and the frame it is
 * reported at: the frame being processed, except for what comes out of
 * segments that were held after a hole declared lost, which is reported at
 * the latest frame that carried them or the held bytes before them in the
 * stream: so records may come after those of a later frame (another flow's,
 * or the tcp-gap notice itself). */
typedef void (*tcp_emit_fn)(void *ctx, const struct net_flow_key *flow, const struct tcp_when *when,
			    enum tcp_carrier carrier, const struct sipstream_event *ev);

struct tcp_table;

struct tcp_stats {
	uint64_t flows;           /* directions seen */
	uint64_t retransmitted;   /* segments wholly dropped as already seen */
	uint64_t gaps;            /* holes reported */
};

struct tcp_table *tcp_table_new(size_t max_flows, size_t max_flow_bytes, tcp_emit_fn emit, void *ctx);
void tcp_table_free(struct tcp_table *t);

/* One TCP segment from the frame `when`. */
void tcp_segment_in(struct tcp_table *t, const struct net_addr *src, const struct net_addr *dst,
		    const struct net_tcp *seg, const struct tcp_when *when);

/* End of capture (`when`: the last frame): report holes and unfinished
 * messages of every flow. */
void tcp_table_flush(struct tcp_table *t, const struct tcp_when *when);

const struct tcp_stats *tcp_table_stats(const struct tcp_table *t);

#endif
