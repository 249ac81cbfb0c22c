/* SPDX-License-Identifier: MIT */
/* SIP over SCTP (RFC 4168): the user messages of SCTP packets (RFC 9260).
 * Each SIP message travels as one user message, in one DATA or I-DATA
 * chunk or in fragments, which are put back together per association
 * direction (sctpfrag.h: DATA by TSN, I-DATA by MID and FSN, interleaved or
 * not, in any order). A chunk whose TSN was seen already (a retransmission)
 * is dropped. Checksums are not verified (captures of the sending host
 * carry offloaded, unfilled ones).
 *
 * Bounded: at most max_dirs directions followed at once (past that the least
 * recently active is forgotten, with a notice), each holding at most
 * max_message_bytes of messages in fragments; a message whose missing
 * fragment is older than the last 1024 TSNs is given up. */
#ifndef SIPMSG_TOOL_SCTP_H
#define SIPMSG_TOOL_SCTP_H

#include "netdecode.h"
#include "notice.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One user message, valid during the callback only. wire_len > len when the
 * capture's snapshot length cut it short (data holds what was kept). */
struct sctp_message {
	uint16_t sport, dport;
	uint16_t stream;
	uint32_t ppid;
	const uint8_t *data;
	size_t len, wire_len;
	uint64_t first_frame; /* the frame of its first fragment (this one when whole) */
};

typedef void (*sctp_message_fn)(void *ctx, const struct net_ip *ip, const struct sctp_message *m);

struct sctp_stats {
	uint64_t dirs;          /* association directions seen */
	uint64_t retransmitted; /* DATA chunks dropped as already seen */
};

struct sctp_table;

struct sctp_table *sctp_table_new(size_t max_dirs, size_t max_message_bytes, const struct notice_sink *notices,
				  sctp_message_fn fn, void *ctx);
void sctp_table_free(struct sctp_table *t);

/* One SCTP packet: cap bytes of it captured out of wire, from frame `frame`. */
void sctp_packet_in(struct sctp_table *t, const struct net_ip *ip, const uint8_t *p, size_t cap, size_t wire,
		    uint64_t frame);

/* End of capture: say which messages are still waiting for fragments. */
void sctp_table_flush(struct sctp_table *t, uint64_t frame);

const struct sctp_stats *sctp_table_stats(const struct sctp_table *t);

#endif
