/* SPDX-License-Identifier: MIT */
/* Stateless decoding of one captured frame: link-layer header (MPLS label
 * stacks included), IPv4 or IPv6 (options and extension headers skipped),
 * then the UDP or TCP header. Tunnels are tunnel.h's. No
 * checksum is verified: loopback captures routinely carry unfinished
 * (offloaded) checksums. Every read is bounds-checked against the captured
 * length. */
#ifndef SIPMSG_TOOL_NETDECODE_H
#define SIPMSG_TOOL_NETDECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An IPv4 or IPv6 address (IPv4 in the first 4 bytes). */
struct net_addr {
	uint8_t family; /* 4 or 6 */
	uint8_t bytes[16];
};

/* Formats "192.0.2.1" or "2001:db8::1" (no brackets). */
#define NET_ADDR_STRLEN 46
void net_addr_format(const struct net_addr *a, char *buf, size_t size);
/* Formats "192.0.2.1:5060" or "[2001:db8::1]:5060". */
#define NET_ENDPOINT_STRLEN (NET_ADDR_STRLEN + 8)
void net_endpoint_format(const struct net_addr *a, uint16_t port, char *buf, size_t size);
bool net_addr_equal(const struct net_addr *a, const struct net_addr *b);

/* One direction of a transport flow (TCP connection, SCTP association), as
 * the reassembly tables key it. Zero it before filling it in. */
struct net_flow_key {
	struct net_addr src, dst;
	uint16_t sport, dport;
};
uint64_t net_flow_hash(const struct net_flow_key *k);
bool net_flow_equal(const struct net_flow_key *a, const struct net_flow_key *b);

enum net_result {
	NET_OK = 0,      /* decoded */
	NET_OTHER,       /* well formed but not IP, or not UDP/TCP: not for us */
	NET_MALFORMED,   /* a header is inconsistent, or shorter on the wire than it must
	                    be; reason says which */
	NET_UNREADABLE,  /* well formed, but what it carries cannot be read (an encrypted
	                    802.11 frame, ...); reason says why */
	NET_CUT_SHORT,   /* the capture's snapshot length cut the frame inside a header
	                    (link, IP, transport, an 802.11 A-MSDU subframe's) that the
	                    frame holds whole on the wire: not malformed, and nothing
	                    after it was captured; reason says which header */
};

/* A header of `need` bytes of which fewer were captured: NET_CUT_SHORT when
 * the `wire` bytes the frame has there on the wire hold it all (the capture
 * cut it, not the sender), else NET_MALFORMED; *reason is `what` either way. */
enum net_result net_short_header(size_t need, size_t wire, const char *what, const char **reason);

/* An IP packet after its headers. Fragment fields are set when the packet is a
 * fragment; the payload is then the fragment's data, not an L4 header. */
struct net_ip {
	struct net_addr src, dst;
	uint8_t proto;             /* upper-layer protocol (17 UDP, 6 TCP, ...) */
	bool fragment;             /* this is one fragment of a larger datagram */
	bool more_fragments;       /* MF flag / M flag */
	uint32_t frag_offset;      /* byte offset of this fragment's data */
	uint32_t frag_id;          /* identification (IPv4: 16 bits) */
	const uint8_t *payload;    /* bytes after the IP headers, captured part */
	size_t payload_len;        /* captured bytes of payload */
	size_t payload_wire_len;   /* bytes of payload the headers announce (>= payload_len; never
	                              more than the frame held on the wire) */
};

/* Locate the IP packet inside a frame of the given DLT link type, caplen of
 * its wirelen bytes captured (the rest cut by the snapshot length; a
 * wirelen below caplen is taken as caplen). On NET_OK *ip and *ip_len
 * delimit the network-layer packet. A header that runs past caplen but
 * not past wirelen is NET_CUT_SHORT. 802.11 link types are wlan.h's, the
 * only ones that answer NET_UNREADABLE. A frame holding more than one
 * packet (an 802.11 A-MSDU) gives its first one here; see
 * net_link_decode_first for all of them. */
enum net_result net_link_decode(int dlt, const uint8_t *frame, size_t caplen, size_t wirelen, const uint8_t **ip,
				size_t *ip_len, const char **reason);

/* Where the packets of a frame after the one decoded are (the later
 * subframes of an 802.11 A-MSDU). p NULL: there are none. */
struct net_link_rest {
	const uint8_t *p; /* the next one's start; only caplen bytes from here were captured */
	size_t caplen;
	size_t wirelen;   /* bytes from p to the end of the aggregate on the wire (>= caplen) */
	bool mesh;        /* 802.11s: each subframe may start with a mesh control field */
	bool mesh_le;     /* 802.11s: subframe lengths little-endian, the mesh control not
	                     counted in them (as older Linux mac80211 wrote them) */
};

/* net_link_decode, and *rest set for net_link_next (rest may be NULL): a
 * caller that loops while rest->p is not NULL reads every packet of the
 * frame, in order. On NET_OK *ip_wire is the IP packet's length on the wire
 * (>= *ip_len: what the snapshot length cut of it counted in), for
 * net_ip_decode. */
enum net_result net_link_decode_first(int dlt, const uint8_t *frame, size_t caplen, size_t wirelen,
				      struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
				      const char **reason);

/* The frame's next packet, with a result as net_link_decode's: NET_OTHER
 * for one that is not IP, NET_CUT_SHORT for one the snapshot length cut
 * before its IP packet starts (or the first of those not captured at all).
 * rest moves on; it is zeroed after the last one, after NET_CUT_SHORT, and
 * after one whose length runs past the frame (NET_MALFORMED), which leaves
 * the end of the next one unknown. net_link_decode_first answers
 * NET_CUT_SHORT for a first subframe so cut. */
enum net_result net_link_next(struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
			      const char **reason);

/* Locate the IP packet after a header whose next protocol is the EtherType
 * `type` (IPv4, IPv6, or an MPLS label stack over either); NET_OTHER for any
 * other type. GRE names its payload the same way. len bytes were captured
 * at p, of wire (>= len) on the wire; *ip_wire as net_link_decode_first's. */
enum net_result net_ethertype_decode(uint16_t type, const uint8_t *p, size_t len, size_t wire, const uint8_t **ip,
				     size_t *ip_len, size_t *ip_wire, const char **reason);

/* The same for the EtherType at p[off], after any 802.1Q, 802.1ad or old
 * QinQ tags (up to 8), as Ethernet and 802.11's LLC/SNAP carry it; `cut`
 * is the reason given when the header runs past len. */
enum net_result net_tagged_ethertype_decode(const uint8_t *p, size_t len, size_t wire, size_t off, const char *cut,
					    const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason);

/* True when this library knows how to decode the link type. */
bool net_link_supported(int dlt);

/* Decode an IPv4 or IPv6 header chain from the captured bytes p[0..caplen)
 * of a packet of wire bytes on the wire (>= caplen; caplen when not known).
 * A length field that runs past wire is NET_MALFORMED; a header cut at
 * caplen that wire holds whole is NET_CUT_SHORT. */
enum net_result net_ip_decode(const uint8_t *p, size_t caplen, size_t wire, struct net_ip *ip, const char **reason);

/* Walk IPv6 extension headers starting with header type *next at p[0..len),
 * of wire (>= len) on the wire: on return *next is the upper-layer protocol
 * and *off the bytes skipped. A fragment header stops the walk (*next is
 * then 44). */
enum net_result net_ip6_skip_ext(const uint8_t *p, size_t len, size_t wire, uint8_t *next, size_t *off,
				 const char **reason);

struct net_udp {
	uint16_t sport, dport;
	const uint8_t *payload;
	size_t payload_len;       /* captured */
	size_t payload_wire_len;  /* from the UDP length field */
};

/* wire_len: the bytes the IP header gives the datagram (net_ip's
 * payload_wire_len); a header cut at caplen but not at wire_len is
 * NET_CUT_SHORT. The same for net_tcp_decode. */
enum net_result net_udp_decode(const uint8_t *p, size_t caplen, size_t wire_len, struct net_udp *udp,
			       const char **reason);

#define NET_TCP_FIN 0x01u
#define NET_TCP_SYN 0x02u
#define NET_TCP_RST 0x04u
#define NET_TCP_ACK 0x10u

struct net_tcp {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	const uint8_t *payload;
	size_t payload_len;       /* captured */
	size_t payload_wire_len;  /* from the IP length */
};

enum net_result net_tcp_decode(const uint8_t *p, size_t caplen, size_t wire_len, struct net_tcp *tcp,
			       const char **reason);

#endif
