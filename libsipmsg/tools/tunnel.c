/* SPDX-License-Identifier: MIT */
/* Tunnel headers: IP in IP, GRE (with ERSPAN and bridged Ethernet), VXLAN,
 * Geneve and GTP-U, each stripped to reach the IP packet inside. */
#include "tunnel.h"

#include <errno.h>
#include <pcap/dlt.h>
#include <stdio.h>
#include <stdlib.h>

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

#define GENEVE_VERSION 0xc0u  /* first byte: version (0), then option length */
#define GENEVE_OPT_LEN 0x3fu  /* in 4-byte units */

#define GTP_VERSION 0xe0u     /* first byte: version (1 for GTPv1)... */
#define GTP_PT 0x10u          /* ...protocol type (1: GTP, 0: GTP') */
#define GTP_E 0x04u           /* an extension header follows */
#define GTP_S 0x02u           /* sequence number present */
#define GTP_PN 0x01u          /* N-PDU number present */
#define GTP_G_PDU 255u        /* the message type that carries a user packet */

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
	return net_link_decode(DLT_EN10MB, p, len, len, inner, inner_len, reason);
}

/* The IP packet after a header naming it by EtherType. How much of it the
 * snapshot length cut is not known here: a header cut short is malformed. */
static enum net_result ethertype_inside(uint16_t proto, const uint8_t *p, size_t len, const uint8_t **inner,
					size_t *inner_len, const char **reason)
{
	size_t wire;
	return net_ethertype_decode(proto, p, len, len, inner, inner_len, &wire, reason);
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
		return ethertype_inside(proto, p, len, inner, inner_len, reason);
	}
}

void tunnel_opts_init(struct tunnel_opts *o)
{
	*o = (struct tunnel_opts){
		.vxlan = {{4789, 8472}, 2},
		.geneve = {{6081}, 1},
		.gtp_u = {{2152}, 1},
	};
}

bool tunnel_ports_parse(const char *list, struct tunnel_ports *out, char *why, size_t whylen)
{
	struct tunnel_ports got = {{0}, 0};
	for (const char *s = list;; s++) {
		char *end = (char *)s;
		errno = 0;
		unsigned long v = *s >= '0' && *s <= '9' ? strtoul(s, &end, 10) : 0;
		if (errno || v < 1 || v > 65535 || (*end != ',' && *end != '\0')) {
			snprintf(why, whylen, "'%s' is not a list of UDP ports N[,N...], each from 1 to 65535", list);
			return false;
		}
		if (got.n == TUNNEL_MAX_PORTS) {
			snprintf(why, whylen, "'%s' names more than %d ports", list, TUNNEL_MAX_PORTS);
			return false;
		}
		got.port[got.n++] = (uint16_t)v;
		s = end;
		if (!*s)
			break;
	}
	*out = got;
	return true;
}

bool tunnel_opts_check(const struct tunnel_opts *o, char *why, size_t whylen)
{
	const struct {
		const char *option;
		const struct tunnel_ports *ports;
	} kinds[] = {{"--vxlan-port", &o->vxlan}, {"--geneve-port", &o->geneve}, {"--gtpu-port", &o->gtp_u}};
	for (size_t a = 0; a < 3; a++)
		for (size_t b = a + 1; b < 3; b++)
			for (size_t i = 0; i < kinds[a].ports->n; i++)
				for (size_t j = 0; j < kinds[b].ports->n; j++)
					if (kinds[a].ports->port[i] == kinds[b].ports->port[j]) {
						snprintf(why, whylen, "UDP port %u is both in %s and in %s (defaults included)",
							 (unsigned)kinds[a].ports->port[i], kinds[a].option, kinds[b].option);
						return false;
					}
	return true;
}

static bool on_port(const struct tunnel_ports *ports, uint16_t dport)
{
	for (size_t i = 0; i < ports->n; i++)
		if (ports->port[i] == dport)
			return true;
	return false;
}

enum net_result tunnel_ip_payload(const struct tunnel_opts *o, uint8_t proto, const uint8_t *p, size_t len,
				  unsigned depth, const uint8_t **inner, size_t *inner_len, const char **reason)
{
	if (o->off)
		return NET_OTHER;
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

/* Geneve (RFC 8926): version 0, option length, flags, protocol type (an
 * EtherType, 0x6558 for Ethernet), VNI, then the options, opaque here. */
static enum net_result geneve(const uint8_t *p, size_t len, unsigned depth, const uint8_t **inner, size_t *inner_len,
			      const char **reason)
{
	if (len < 8) {
		*reason = "Geneve header cut short";
		return NET_MALFORMED;
	}
	if (p[0] & GENEVE_VERSION)
		return NET_OTHER; /* no Geneve we know; leave it to SIP detection */
	size_t hlen = 8 + (size_t)(p[0] & GENEVE_OPT_LEN) * 4;
	if (len < hlen) {
		*reason = "Geneve options cut short";
		return NET_MALFORMED;
	}
	if (too_deep(depth, reason) != NET_OK)
		return NET_MALFORMED;
	uint16_t proto = rd16(p + 2);
	if (proto == GRE_PROTO_ETHERNET)
		return ethernet_inside(p + hlen, len - hlen, inner, inner_len, reason);
	return ethertype_inside(proto, p + hlen, len - hlen, inner, inner_len, reason);
}

/* GTPv1-U (3GPP TS 29.281 §5): flags, message type, length (of what follows
 * the first 8 bytes), TEID; with any of E, S, PN 4 more bytes (sequence
 * number, N-PDU number, next extension header type); then extension
 * headers, each a length in 4-byte units (its own, length and next type
 * included), its content and the next type, until a next type 0. A G-PDU
 * carries the subscriber's IP packet; the other messages (echo, error
 * indication, end marker) carry none. */
static enum net_result gtp_u(const uint8_t *p, size_t len, unsigned depth, const uint8_t **inner, size_t *inner_len,
			     const char **reason)
{
	if (len < 8) {
		*reason = "GTP-U header cut short";
		return NET_MALFORMED;
	}
	if ((p[0] & (GTP_VERSION | GTP_PT)) != (0x20u | GTP_PT) || p[1] != GTP_G_PDU)
		return NET_OTHER; /* not GTPv1, GTP', or a message without a user packet */
	size_t end = 8 + (size_t)rd16(p + 2); /* the message's end, as announced */
	if (end > len)
		end = len; /* cut by the snapshot length: the inner packet says so */
	size_t off = 8;
	if (p[0] & (GTP_E | GTP_S | GTP_PN)) {
		off += 4;
		if (end < off) {
			*reason = "GTP-U header cut short";
			return NET_MALFORMED;
		}
		for (uint8_t next = p[0] & GTP_E ? p[off - 1] : 0; next != 0;) {
			if (end < off + 1) {
				*reason = "GTP-U extension header cut short";
				return NET_MALFORMED;
			}
			size_t n = (size_t)p[off] * 4;
			if (n == 0) {
				*reason = "GTP-U extension header of length 0";
				return NET_MALFORMED;
			}
			if (end < off + n) {
				*reason = "GTP-U extension header cut short";
				return NET_MALFORMED;
			}
			next = p[off + n - 1];
			off += n;
		}
	}
	if (too_deep(depth, reason) != NET_OK)
		return NET_MALFORMED;
	if (end == off) {
		*reason = "GTP-U G-PDU without a packet";
		return NET_MALFORMED;
	}
	if (p[off] >> 4 != 4 && p[off] >> 4 != 6)
		return NET_OTHER; /* an Ethernet or unstructured PDU session */
	*inner = p + off;
	*inner_len = end - off;
	return NET_OK;
}

/* VXLAN (RFC 7348): flags (I: the VNI is valid), VNI, then Ethernet. */
static enum net_result vxlan(const uint8_t *p, size_t len, unsigned depth, const uint8_t **inner, size_t *inner_len,
			     const char **reason)
{
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

/* The tunnel o names UDP port `port` for, if any, decoded. */
static enum net_result on_tunnel_port(const struct tunnel_opts *o, uint16_t port, const uint8_t *p, size_t len,
				      unsigned depth, const uint8_t **inner, size_t *inner_len, const char **reason)
{
	if (on_port(&o->geneve, port))
		return geneve(p, len, depth, inner, inner_len, reason);
	if (on_port(&o->gtp_u, port))
		return gtp_u(p, len, depth, inner, inner_len, reason);
	if (on_port(&o->vxlan, port))
		return vxlan(p, len, depth, inner, inner_len, reason);
	return NET_OTHER;
}

enum net_result tunnel_udp_payload(const struct tunnel_opts *o, uint16_t sport, uint16_t dport, const uint8_t *p,
				   size_t len, unsigned depth, const uint8_t **inner, size_t *inner_len,
				   const char **reason)
{
	if (o->off)
		return NET_OTHER;
	if (on_port(&o->geneve, dport) || on_port(&o->gtp_u, dport) || on_port(&o->vxlan, dport))
		return on_tunnel_port(o, dport, p, len, depth, inner, inner_len, reason);
	/* A tunnel port as the source only (a GTP-U peer answering from 2152
	 * to an ephemeral port) is weaker evidence: an ordinary datagram may
	 * come from an ephemeral port that is a tunnel's. Only a tunnel
	 * header that decodes around a well-formed IP header counts; anything
	 * else is left to be read as the plain UDP it then is. */
	const uint8_t *in = NULL;
	size_t in_len = 0;
	const char *why = NULL;
	struct net_ip ip;
	if (on_tunnel_port(o, sport, p, len, depth, &in, &in_len, &why) != NET_OK ||
	    net_ip_decode(in, in_len, SIZE_MAX, &ip, &why) != NET_OK) /* wire unknown: its header alone */
		return NET_OTHER;
	*inner = in;
	*inner_len = in_len;
	return NET_OK;
}
