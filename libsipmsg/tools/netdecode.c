/* SPDX-License-Identifier: MIT */
/* Link layer, IP and transport header decoding. Lengths from headers are
 * trusted only as far as the captured bytes go: the captured part is what we
 * hand on, the announced (wire) length is kept so that callers can tell a
 * frame cut by the snaplen from a complete one. */
#include "netdecode.h"
#include "wlan.h"

#include <arpa/inet.h>
#include <pcap/dlt.h>
#include <stdio.h>
#include <string.h>

/* LINKTYPE_RAW as stored in files; libpcap normally maps it to DLT_RAW. */
#define LINKTYPE_RAW_FILE 101
#define DLT_RAW_OPENBSD 14

#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_IPV6 0x86ddu
#define ETHERTYPE_MPLS 0x8847u
#define ETHERTYPE_MPLS_MULTICAST 0x8848u
#define ETHERTYPE_PPPOE_SESSION 0x8864u

/* Link types libpcap may not name on every version it builds against. */
#ifndef DLT_PPP_SERIAL
#define DLT_PPP_SERIAL 50
#endif
#ifndef DLT_PPP_ETHER
#define DLT_PPP_ETHER 51
#endif
#ifndef DLT_C_HDLC
#define DLT_C_HDLC 104
#endif
#ifndef DLT_PPP_WITH_DIR
#define DLT_PPP_WITH_DIR 204
#endif
#ifndef DLT_NFLOG
#define DLT_NFLOG 239
#endif

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* Decimal digits of v at p; returns the end. */
static char *put_decimal(char *p, unsigned v)
{
	char tmp[12];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Every reported message formats two endpoints: IPv4 by hand, because
 * glibc's inet_ntop goes through sprintf and cost a tenth of `check`. */
void net_addr_format(const struct net_addr *a, char *buf, size_t size)
{
	if (a->family != 6 && size >= 16) {
		char *p = buf;
		for (int i = 0; i < 4; i++) {
			if (i)
				*p++ = '.';
			p = put_decimal(p, a->bytes[i]);
		}
		*p = '\0';
		return;
	}
	if (!inet_ntop(a->family == 6 ? AF_INET6 : AF_INET, a->bytes, buf, (socklen_t)size))
		snprintf(buf, size, "?");
}

void net_endpoint_format(const struct net_addr *a, uint16_t port, char *buf, size_t size)
{
	char host[NET_ADDR_STRLEN];
	net_addr_format(a, host, sizeof host);
	size_t n = strlen(host);
	if (size < n + 10) { /* brackets, colon, five digits, NUL */
		snprintf(buf, size, a->family == 6 ? "[%s]:%u" : "%s:%u", host, (unsigned)port);
		return;
	}
	char *p = buf;
	if (a->family == 6)
		*p++ = '[';
	memcpy(p, host, n);
	p += n;
	if (a->family == 6)
		*p++ = ']';
	*p++ = ':';
	p = put_decimal(p, port);
	*p = '\0';
}

bool net_addr_equal(const struct net_addr *a, const struct net_addr *b)
{
	return a->family == b->family && memcmp(a->bytes, b->bytes, a->family == 6 ? 16 : 4) == 0;
}

uint64_t net_flow_hash(const struct net_flow_key *k)
{
	uint64_t h = 1469598103934665603ull;
	const uint8_t *parts[2] = {k->src.bytes, k->dst.bytes};
	size_t n = k->src.family == 6 ? 16 : 4;
	for (int i = 0; i < 2; i++)
		for (size_t j = 0; j < n; j++)
			h = (h ^ parts[i][j]) * 1099511628211ull;
	h = (h ^ k->sport) * 1099511628211ull;
	h = (h ^ k->dport) * 1099511628211ull;
	return h ^ (h >> 29);
}

bool net_flow_equal(const struct net_flow_key *a, const struct net_flow_key *b)
{
	return a->sport == b->sport && a->dport == b->dport && net_addr_equal(&a->src, &b->src) &&
	       net_addr_equal(&a->dst, &b->dst);
}

enum net_result net_short_header(size_t need, size_t wire, const char *what, const char **reason)
{
	*reason = what;
	return wire >= need ? NET_CUT_SHORT : NET_MALFORMED;
}

bool net_link_supported(int dlt)
{
	switch (dlt) {
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_EN10MB:
	case DLT_RAW:
	case DLT_RAW_OPENBSD:
	case LINKTYPE_RAW_FILE:
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_PPP:
	case DLT_PPP_SERIAL:
	case DLT_PPP_ETHER:
	case DLT_PPP_WITH_DIR:
	case DLT_C_HDLC:
	case DLT_NFLOG:
		return true;
	default:
		return wlan_link_supported(dlt);
	}
}

/* An MPLS label stack (RFC 3032): 4 bytes a label, popped up to the one
 * marked bottom of stack. What follows has no type field: like Wireshark, take
 * IP from the version nibble (a pseudowire control word starts with 0 and is
 * not for us). The loop ends within the captured bytes, however many labels. */
static enum net_result mpls(const uint8_t *p, size_t len, size_t wire, const uint8_t **ip, size_t *ip_len,
			    size_t *ip_wire, const char **reason)
{
	size_t off = 0;
	for (;;) {
		if (len - off < 4)
			return net_short_header(off + 4, wire, "MPLS label stack cut short", reason);
		bool bottom = (p[off + 2] & 0x01u) != 0;
		off += 4;
		if (bottom)
			break;
	}
	if (len == off)
		return net_short_header(off + 1, wire, "nothing after the MPLS label stack", reason);
	if (p[off] >> 4 != 4 && p[off] >> 4 != 6)
		return NET_OTHER;
	*ip = p + off;
	*ip_len = len - off;
	*ip_wire = wire - off;
	return NET_OK;
}

static enum net_result pppoe_session(const uint8_t *p, size_t len, size_t wire, const uint8_t **ip, size_t *ip_len,
				     size_t *ip_wire, const char **reason);

/* A PPP frame from its protocol field on (RFC 1661 §2; a one-byte field when
 * it was compressed, RFC 1661 §6.5): IPv4, IPv6 and MPLS are read, anything
 * else (LCP, IPCP, ...) is not SIP. */
static enum net_result ppp_protocol(const uint8_t *p, size_t len, size_t wire, const uint8_t **ip, size_t *ip_len,
				    size_t *ip_wire, const char **reason)
{
	if (len < 1 || (!(p[0] & 1) && len < 2))
		return net_short_header(len < 1 ? 1 : 2, wire, "PPP header cut short", reason);
	size_t n = p[0] & 1 ? 1 : 2;
	uint16_t proto = n == 1 ? p[0] : rd16(p);
	static const struct { uint16_t ppp, ether; } map[] = {
		{0x0021, ETHERTYPE_IPV4}, {0x0057, ETHERTYPE_IPV6},
		{0x0281, ETHERTYPE_MPLS}, {0x0283, ETHERTYPE_MPLS_MULTICAST},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].ppp == proto)
			return net_ethertype_decode(map[i].ether, p + n, len - n, wire - n, ip, ip_len, ip_wire, reason);
	return NET_OTHER;
}

/* PPP in HDLC-like framing (RFC 1662: address 0xff, control 0x03, which a
 * link may leave out), or Cisco HDLC (address 0x0f or 0x8f, control 0,
 * then an EtherType), as a serial link's capture may hold either. */
static enum net_result hdlc(const uint8_t *f, size_t caplen, size_t wire, const uint8_t **ip, size_t *ip_len,
			    size_t *ip_wire, const char **reason)
{
	if (caplen >= 4 && (f[0] == 0x0f || f[0] == 0x8f) && f[1] == 0)
		return net_ethertype_decode(rd16(f + 2), f + 4, caplen - 4, wire - 4, ip, ip_len, ip_wire, reason);
	if (caplen >= 2 && f[0] == 0xff && f[1] == 0x03)
		return ppp_protocol(f + 2, caplen - 2, wire - 2, ip, ip_len, ip_wire, reason);
	return ppp_protocol(f, caplen, wire, ip, ip_len, ip_wire, reason);
}

/* Linux NFLOG (libpcap's LINKTYPE_NFLOG): family, version, resource id,
 * then TLVs whose length and type are in the capturing host's byte order
 * (as libpcap hands them on); the packet is the NFULA_PAYLOAD one. */
static enum net_result nflog(const uint8_t *f, size_t caplen, size_t wire, const uint8_t **ip, size_t *ip_len,
			     size_t *ip_wire, const char **reason)
{
	enum { NFULA_PAYLOAD = 9 };
	if (caplen < 4)
		return net_short_header(4, wire, "NFLOG header cut short", reason);
	uint16_t type = f[0] == 2 ? ETHERTYPE_IPV4 : f[0] == 10 ? ETHERTYPE_IPV6 : 0;
	if (!type)
		return NET_OTHER;
	/* off can pass caplen: a last attribute's padding need not be captured */
	for (size_t off = 4; off <= caplen && caplen - off >= 4;) {
		uint16_t tlen, ttype;
		memcpy(&tlen, f + off, 2);
		memcpy(&ttype, f + off + 2, 2);
		/* Written by a host of the other byte order? Told by the length on
		 * the wire, which an attribute the snapshot length cut still fits. */
		if (tlen < 4 || tlen > wire - off) {
			tlen = (uint16_t)(tlen >> 8 | tlen << 8);
			ttype = (uint16_t)(ttype >> 8 | ttype << 8);
		}
		if (tlen < 4) {
			*reason = "NFLOG attribute shorter than its header";
			return NET_MALFORMED;
		}
		if (ttype == NFULA_PAYLOAD)
			/* a payload the snapshot length cut has its length and fewer bytes */
			return net_ethertype_decode(type, f + off + 4, (tlen < caplen - off ? tlen : caplen - off) - 4,
						    (tlen < wire - off ? tlen : wire - off) - 4, ip, ip_len, ip_wire,
						    reason);
		if (tlen > caplen - off)
			break;
		off += ((size_t)tlen + 3) & ~(size_t)3;
	}
	return NET_OTHER; /* no packet: a log entry of headers only */
}

enum net_result net_ethertype_decode(uint16_t type, const uint8_t *p, size_t len, size_t wire, const uint8_t **ip,
				     size_t *ip_len, size_t *ip_wire, const char **reason)
{
	if (type == ETHERTYPE_PPPOE_SESSION)
		return pppoe_session(p, len, wire, ip, ip_len, ip_wire, reason);
	if (type == ETHERTYPE_MPLS || type == ETHERTYPE_MPLS_MULTICAST)
		return mpls(p, len, wire, ip, ip_len, ip_wire, reason);
	if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6)
		return NET_OTHER;
	*ip = p;
	*ip_len = len;
	*ip_wire = wire;
	return NET_OK;
}

/* BSD loopback: the address family, in the capturing host's byte order
 * (DLT_NULL) or in network order (DLT_LOOP). IPv6 is 10 on Linux, 24 on
 * NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS. */
static enum net_result null_header(int dlt, const uint8_t *f, size_t caplen, size_t wire, const uint8_t **ip,
				   size_t *ip_len, size_t *ip_wire, const char **reason)
{
	if (caplen < 4)
		return net_short_header(4, wire, "loopback header cut short", reason);
	uint32_t be = rd32(f), le = (uint32_t)f[3] << 24 | (uint32_t)f[2] << 16 | (uint32_t)f[1] << 8 | f[0];
	uint32_t fam = dlt == DLT_LOOP ? be : (le < 0x10000u ? le : be);
	if (fam == 2)
		return net_ethertype_decode(ETHERTYPE_IPV4, f + 4, caplen - 4, wire - 4, ip, ip_len, ip_wire, reason);
	if (fam == 10 || fam == 24 || fam == 28 || fam == 30)
		return net_ethertype_decode(ETHERTYPE_IPV6, f + 4, caplen - 4, wire - 4, ip, ip_len, ip_wire, reason);
	return NET_OTHER;
}

/* A PPPoE session frame (RFC 2516 §4): version and type 0x11, code 0, the
 * session id and the length of the PPP frame that follows. */
static enum net_result pppoe_session(const uint8_t *p, size_t len, size_t wire, const uint8_t **ip, size_t *ip_len,
				     size_t *ip_wire, const char **reason)
{
	if (len < 6)
		return net_short_header(6, wire, "PPPoE header cut short", reason);
	if (p[0] != 0x11 || p[1] != 0)
		return NET_OTHER;
	size_t n = rd16(p + 4);
	return ppp_protocol(p + 6, n < len - 6 ? n : len - 6, n < wire - 6 ? n : wire - 6, ip, ip_len, ip_wire, reason);
}

enum net_result net_tagged_ethertype_decode(const uint8_t *p, size_t len, size_t wire, size_t off, const char *cut,
					    const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason)
{
	for (int tags = 0;; tags++) {
		if (len < off + 2)
			return net_short_header(off + 2, wire, cut, reason);
		uint16_t type = rd16(p + off);
		off += 2;
		/* 802.1Q, 802.1ad and the old QinQ type: skip the tag control field. */
		if ((type == 0x8100u || type == 0x88a8u || type == 0x9100u) && tags < 8) {
			off += 2;
			continue;
		}
		return net_ethertype_decode(type, p + off, len - off, wire - off, ip, ip_len, ip_wire, reason);
	}
}

static enum net_result ethernet(const uint8_t *f, size_t caplen, size_t wire, const uint8_t **ip, size_t *ip_len,
				size_t *ip_wire, const char **reason)
{
	return net_tagged_ethertype_decode(f, caplen, wire, 12, "Ethernet header cut short", ip, ip_len, ip_wire,
					   reason);
}

enum net_result net_link_decode(int dlt, const uint8_t *f, size_t caplen, size_t wirelen, const uint8_t **ip,
				size_t *ip_len, const char **reason)
{
	size_t ip_wire;
	return net_link_decode_first(dlt, f, caplen, wirelen, NULL, ip, ip_len, &ip_wire, reason);
}

enum net_result net_link_next(struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
			      const char **reason)
{
	return wlan_next(rest, ip, ip_len, ip_wire, reason); /* the only link layer that aggregates */
}

enum net_result net_link_decode_first(int dlt, const uint8_t *f, size_t caplen, size_t wirelen,
				      struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
				      const char **reason)
{
	if (rest)
		*rest = (struct net_link_rest){0};
	size_t wire = wirelen > caplen ? wirelen : caplen;
	switch (dlt) {
	case DLT_NULL:
	case DLT_LOOP:
		return null_header(dlt, f, caplen, wire, ip, ip_len, ip_wire, reason);
	case DLT_EN10MB:
		return ethernet(f, caplen, wire, ip, ip_len, ip_wire, reason);
	case DLT_LINUX_SLL: /* 16 bytes, protocol (an EtherType) last */
		if (caplen < 16)
			return net_short_header(16, wire, "Linux cooked (SLL) header cut short", reason);
		return net_ethertype_decode(rd16(f + 14), f + 16, caplen - 16, wire - 16, ip, ip_len, ip_wire, reason);
	case DLT_LINUX_SLL2: /* 20 bytes, protocol (an EtherType) first */
		if (caplen < 20)
			return net_short_header(20, wire, "Linux cooked (SLL2) header cut short", reason);
		return net_ethertype_decode(rd16(f), f + 20, caplen - 20, wire - 20, ip, ip_len, ip_wire, reason);
	case DLT_PPP:
	case DLT_PPP_SERIAL:
	case DLT_C_HDLC:
		return hdlc(f, caplen, wire, ip, ip_len, ip_wire, reason);
	case DLT_PPP_WITH_DIR: /* a direction byte first */
		if (caplen < 1)
			return net_short_header(1, wire, "PPP direction byte missing", reason);
		return hdlc(f + 1, caplen - 1, wire - 1, ip, ip_len, ip_wire, reason);
	case DLT_PPP_ETHER: /* the PPPoE header without its Ethernet one */
		return pppoe_session(f, caplen, wire, ip, ip_len, ip_wire, reason);
	case DLT_NFLOG:
		return nflog(f, caplen, wire, ip, ip_len, ip_wire, reason);
	case DLT_RAW:
	case DLT_RAW_OPENBSD:
	case LINKTYPE_RAW_FILE:
	case DLT_IPV4:
	case DLT_IPV6:
		if (caplen < 1)
			return net_short_header(1, wire, wire ? "IP header cut short" : "empty raw IP frame", reason);
		*ip = f;
		*ip_len = caplen;
		*ip_wire = wire;
		return NET_OK;
	default:
		if (wlan_link_supported(dlt))
			return wlan_decode(dlt, f, caplen, wire, rest, ip, ip_len, ip_wire, reason);
		*reason = "unsupported link type";
		return NET_OTHER;
	}
}

enum net_result net_ip6_skip_ext(const uint8_t *p, size_t len, size_t wire, uint8_t *next, size_t *off,
				 const char **reason)
{
	size_t o = 0, hlen;
	for (;;) {
		switch (*next) {
		case 0:   /* hop-by-hop options */
		case 43:  /* routing */
		case 60:  /* destination options */
		case 135: /* mobility */
		case 139: /* HIP */
		case 140: /* shim6 */
			if (len - o < 2) {
				hlen = 2;
				goto short_hdr;
			}
			hlen = ((size_t)p[o + 1] + 1) * 8;
			break;
		case 51: /* authentication header: length in 4-octet units, minus 2 */
			if (len - o < 2) {
				hlen = 2;
				goto short_hdr;
			}
			hlen = ((size_t)p[o + 1] + 2) * 4;
			break;
		default: /* an upper layer, the fragment header, ESP or "no next header" */
			*off = o;
			return NET_OK;
		}
		if (len - o < hlen)
			goto short_hdr;
		*next = p[o];
		o += hlen;
	}
short_hdr:
	return net_short_header(o + hlen, wire, "IPv6 extension header cut short", reason);
}

static enum net_result ipv4(const uint8_t *p, size_t caplen, size_t wire, struct net_ip *ip, const char **reason)
{
	if (caplen < 20)
		return net_short_header(20, wire, "IPv4 header cut short", reason);
	size_t ihl = (size_t)(p[0] & 0x0f) * 4;
	size_t total = rd16(p + 2);
	if (total == 0) /* segmentation offload: the capture shows the length as 0 */
		total = wire;
	if (ihl < 20 || total < ihl) {
		*reason = "IPv4 header length or total length is invalid";
		return NET_MALFORMED;
	}
	if (total > wire) {
		*reason = "IPv4 total length runs past the frame";
		return NET_MALFORMED;
	}
	if (caplen < ihl)
		return net_short_header(ihl, wire, "IPv4 options cut short", reason);
	size_t have = caplen < total ? caplen : total; /* drop link-layer padding */
	ip->src.family = ip->dst.family = 4;
	memcpy(ip->src.bytes, p + 12, 4);
	memcpy(ip->dst.bytes, p + 16, 4);
	ip->proto = p[9];
	uint16_t frag = rd16(p + 6);
	ip->more_fragments = (frag & 0x2000u) != 0;
	ip->frag_offset = (uint32_t)(frag & 0x1fffu) * 8;
	ip->fragment = ip->more_fragments || ip->frag_offset != 0;
	ip->frag_id = rd16(p + 4);
	ip->payload = p + ihl;
	ip->payload_len = have - ihl;
	ip->payload_wire_len = total - ihl;
	return NET_OK;
}

static enum net_result ipv6(const uint8_t *p, size_t caplen, size_t wire, struct net_ip *ip, const char **reason)
{
	if (caplen < 40)
		return net_short_header(40, wire, "IPv6 header cut short", reason);
	size_t plen = rd16(p + 4);
	if (plen == 0) /* jumbogram or offload: take what was on the wire */
		plen = wire - 40;
	if (plen > wire - 40) {
		*reason = "IPv6 payload length runs past the frame";
		return NET_MALFORMED;
	}
	size_t have = caplen - 40 < plen ? caplen - 40 : plen;
	ip->src.family = ip->dst.family = 6;
	memcpy(ip->src.bytes, p + 8, 16);
	memcpy(ip->dst.bytes, p + 24, 16);
	ip->fragment = ip->more_fragments = false;
	ip->frag_offset = ip->frag_id = 0;
	const uint8_t *q = p + 40;
	uint8_t next = p[6];
	size_t off;
	for (;;) {
		enum net_result r = net_ip6_skip_ext(q, have, plen, &next, &off, reason);
		if (r != NET_OK)
			return r;
		q += off;
		have -= off;
		plen -= off;
		if (next != 44)
			break;
		if (have < 8)
			return net_short_header(8, plen, "IPv6 fragment header cut short", reason);
		uint16_t fo = rd16(q + 2);
		uint32_t offset = (uint32_t)(fo >> 3) * 8;
		bool more = (fo & 1u) != 0;
		uint8_t frag_next = q[0];
		uint32_t id = rd32(q + 4);
		q += 8;
		have -= 8;
		plen -= 8;
		next = frag_next;
		if (offset != 0 || more) {
			ip->fragment = true;
			ip->more_fragments = more;
			ip->frag_offset = offset;
			ip->frag_id = id;
			break; /* the rest belongs to the reassembled datagram */
		}
		/* an atomic fragment (RFC 6946): carry on with its next header */
	}
	ip->proto = next;
	ip->payload = q;
	ip->payload_len = have;
	ip->payload_wire_len = plen;
	return NET_OK;
}

enum net_result net_ip_decode(const uint8_t *p, size_t caplen, size_t wire, struct net_ip *ip, const char **reason)
{
	if (wire < caplen)
		wire = caplen;
	if (caplen < 1)
		return net_short_header(1, wire, wire ? "IP header cut short" : "no IP header", reason);
	switch (p[0] >> 4) {
	case 4:
		return ipv4(p, caplen, wire, ip, reason);
	case 6:
		return ipv6(p, caplen, wire, ip, reason);
	default:
		return NET_OTHER;
	}
}

enum net_result net_udp_decode(const uint8_t *p, size_t caplen, size_t wire_len, struct net_udp *udp,
			       const char **reason)
{
	if (caplen < 8)
		return net_short_header(8, wire_len, "UDP header cut short", reason);
	size_t ulen = rd16(p + 4);
	if (ulen == 0) /* IPv6 jumbogram */
		ulen = wire_len;
	if (ulen < 8 || ulen > wire_len) {
		*reason = "UDP length disagrees with the IP length";
		return NET_MALFORMED;
	}
	udp->sport = rd16(p);
	udp->dport = rd16(p + 2);
	udp->payload = p + 8;
	udp->payload_wire_len = ulen - 8;
	udp->payload_len = caplen - 8 < ulen - 8 ? caplen - 8 : ulen - 8;
	return NET_OK;
}

enum net_result net_tcp_decode(const uint8_t *p, size_t caplen, size_t wire_len, struct net_tcp *tcp,
			       const char **reason)
{
	if (caplen < 20)
		return net_short_header(20, wire_len, "TCP header cut short", reason);
	size_t doff = (size_t)(p[12] >> 4) * 4;
	if (doff < 20 || doff > wire_len) {
		*reason = "TCP data offset is invalid";
		return NET_MALFORMED;
	}
	if (caplen < doff)
		return net_short_header(doff, wire_len, "TCP options cut short", reason);
	tcp->sport = rd16(p);
	tcp->dport = rd16(p + 2);
	tcp->seq = rd32(p + 4);
	tcp->ack = rd32(p + 8);
	tcp->flags = p[13];
	tcp->payload = p + doff;
	tcp->payload_len = caplen - doff;
	tcp->payload_wire_len = wire_len - doff;
	if (tcp->payload_len > tcp->payload_wire_len)
		tcp->payload_len = tcp->payload_wire_len;
	return NET_OK;
}
