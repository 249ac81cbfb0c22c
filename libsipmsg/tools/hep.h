/* SPDX-License-Identifier: MIT */
/* HEP, the Homer Encapsulation Protocol, in which Kamailio, OpenSIPS,
 * FreeSWITCH and capture agents mirror the SIP they send and receive to a
 * collector over UDP (often port 9060). A packet names the captured message's
 * own addresses and ports, so a collector's capture can be read as if taken
 * at the SIP endpoints. HEPv3 is a chunk list ("HEP3", then vendor/type/
 * length chunks); HEPv1 and v2 a fixed header. Recognised by content on any
 * port. Every read is bounds-checked against the captured length. */
#ifndef SIPMSG_TOOL_HEP_H
#define SIPMSG_TOOL_HEP_H

#include "netdecode.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* HEPv3 "protocol type" (chunk 0x000b) of SIP. */
#define HEP_PROTO_SIP 1u

struct hep_packet {
	uint8_t version;           /* 1, 2 or 3 */
	struct net_addr src, dst;  /* the captured message's endpoints */
	uint16_t sport, dport;
	uint8_t ip_proto;          /* 17 UDP, 6 TCP, 132 SCTP, ... */
	bool has_time;             /* ts_*: when the agent captured it */
	uint32_t ts_sec, ts_usec;
	uint8_t proto_type;        /* HEPv3 chunk 0x000b (HEP_PROTO_SIP); 0 when absent (v1/v2 carry SIP) */
	bool compressed;           /* the payload is the compressed payload chunk (0x0010), not read */
	const uint8_t *payload;
	size_t payload_len;
};

/* Decode the UDP payload p[0..len) as HEP; complete: the whole datagram was
 * captured (len is its length). NET_OTHER: not HEP (no "HEP3" magic; for
 * v1/v2, whose header has no magic, a header that is not consistent, or a
 * payload that is not SIP). NET_MALFORMED: a HEPv3 packet cut short or with
 * an inconsistent chunk, or a HEPv1/v2 packet whose capture was cut short
 * in its header or before its payload's start line ended, the header kept
 * being consistent; reason says which. Of a packet cut short, h->proto_type
 * is what the whole chunks kept say (0 when they do not say, and always for
 * v1/v2), and nothing else in h is set. */
enum net_result hep_decode(const uint8_t *p, size_t len, bool complete, struct hep_packet *h, const char **reason);

/* The protocol type that the whole chunks among p[6..len) of a HEPv3
 * packet cut short (len: the bytes kept, at least 6) say, 0 when none does
 * (the chunk was not kept, or a chunk before it is broken). */
uint8_t hep_v3_kept_proto_type(const uint8_t *p, size_t len);

#endif
