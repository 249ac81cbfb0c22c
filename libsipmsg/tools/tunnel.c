/* SPDX-License-Identifier: MIT */
/* Tunnel headers: IP in IP, GRE (with ERSPAN and bridged Ethernet) and VXLAN,
 * each stripped to reach the IP packet inside. */
#include "tunnel.h"

#include <pcap/dlt.h>

#define IPPROTO_IPIP_NUM 4
#define IPPROTO_IPV6_NUM 41
#define IPPROTO_GRE_NUM 47

#define GRE_CHECKSUM 0x8000u /* checksum and reserved1 follow (4 bytes) */
#define GRE_ROUTING 0x4000u  /* RFC 1701 source routing: obsolete, not decoded */
#define GRE_KEY 0x2000u      /* key follows (4 bytes) */
#define GRE_SEQUENCE 0x1000u /* sequence number follows (4 bytes) */
#define GRE_VERSION 0x0007u  /* 0; 1 is PPTP's enhanced GRE, which carries PPP */

#define GRE_PROTO_ETHERNET 0x6558u /* transparent Ethernet bridging */
#define GRE_PROTO_ERSPAN 0x88beu   /* ERSPAN type I or II */

#define VXLAN_FLAG_VNI 0x08u

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static enum net_result too_deep(unsigned depth, const char **reason)
{
	if (depth < TUNNEL_MAX_DEPTH)
		return NET_OK;
	*reason = "tunnels nested more than " STRINGIFY(TUNNEL_MAX_DEPTH) " deep; the inner packet is not decoded";
	return NET_MALFORMED;
}

/* The IP packet in a mirrored or bridged Ethernet frame. */
static enum net_result ethernet_inside(const uint8_t *p, size_t len, const uint8_t **inner, size_t *inner_len,
				       const char **reason)
{
	return net_link_decode(DLT_EN10MB, p, len, inner, inner_len, reason);
}

/* ERSPAN: type II has an 8-byte header (version 1) and GRE's sequence number;
 * type I has neither. Both then carry the mirrored Ethernet frame. */
static enum net_result erspan(bool gre_sequence, const uint8_t *p, size_t len, const uint8_t **inner,
			      size_t *inner_len, const char **reason)
{
	if (!gre_sequence)
		return ethernet_inside(p, len, inner, inner_len, reason);
	if (len < 8) {
		*reason = "ERSPAN header cut short";
		return NET_MALFORMED;
	}
	if (p[0] >> 4 != 1) {
		*reason = "ERSPAN version other than type II";
		return NET_OTHER;
	}
	return ethernet_inside(p + 8, len - 8, inner, inner_len, reason);
}

static enum net_result gre(const uint8_t *p, size_t len, const uint8_t **inner, size_t *inner_len,
			   const char **reason)
{
	if (len < 4) {
		*reason = "GRE header cut short";
		return NET_MALFORMED;
	}
	uint16_t flags = rd16(p), proto = rd16(p + 2);
	if (flags & (GRE_ROUTING | GRE_VERSION)) {
		*reason = "GRE with source routing or of version 1 (PPTP)";
		return NET_OTHER;
	}
	size_t hlen = 4;
	hlen += flags & GRE_CHECKSUM ? 4 : 0;
	hlen += flags & GRE_KEY ? 4 : 0;
	hlen += flags & GRE_SEQUENCE ? 4 : 0;
	if (len < hlen) {
		*reason = "GRE header cut short";
		return NET_MALFORMED;
	}
	p += hlen;
	len -= hlen;
	switch (proto) {
	case GRE_PROTO_ETHERNET:
		return ethernet_inside(p, len, inner, inner_len, reason);
	case GRE_PROTO_ERSPAN:
		return erspan((flags & GRE_SEQUENCE) != 0, p, len, inner, inner_len, reason);
	default: /* an EtherType: IPv4, IPv6, MPLS */
		return net_ethertype_decode(proto, p, len, inner, inner_len, reason);
	}
}

enum net_result tunnel_ip_payload(uint8_t proto, const uint8_t *p, size_t len, unsigned depth, const uint8_t **inner,
				  size_t *inner_len, const char **reason)
{
	if (proto != IPPROTO_IPIP_NUM && proto != IPPROTO_IPV6_NUM && proto != IPPROTO_GRE_NUM)
		return NET_OTHER;
	if (too_deep(depth, reason) != NET_OK)
		return NET_MALFORMED;
	if (proto == IPPROTO_GRE_NUM)
		return gre(p, len, inner, inner_len, reason);
	/* IP in IP: the protocol number says which version is inside */
	if (len < 1) {
		*reason = "IP-in-IP packet without its inner header";
		return NET_MALFORMED;
	}
	if (p[0] >> 4 != (proto == IPPROTO_IPIP_NUM ? 4 : 6)) {
		*reason = "IP-in-IP inner header of the wrong IP version";
		return NET_MALFORMED;
	}
	*inner = p;
	*inner_len = len;
	return NET_OK;
}

enum net_result tunnel_udp_payload(uint16_t dport, const uint8_t *p, size_t len, unsigned depth, const uint8_t **inner,
				   size_t *inner_len, const char **reason)
{
	if (dport != TUNNEL_VXLAN_PORT)
		return NET_OTHER;
	if (len < 8) {
		*reason = "VXLAN header cut short";
		return NET_MALFORMED;
	}
	/* Without the I flag this is no VXLAN we know; leave it to SIP detection. */
	if (!(p[0] & VXLAN_FLAG_VNI))
		return NET_OTHER;
	if (too_deep(depth, reason) != NET_OK)
		return NET_MALFORMED;
	return ethernet_inside(p + 8, len - 8, inner, inner_len, reason);
}
