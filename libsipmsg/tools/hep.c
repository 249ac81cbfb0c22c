/* SPDX-License-Identifier: MIT */
/* HEPv3 (sipcapture's HEP3 specification, rev. 12): "HEP3", a 16-bit total
 * length, then chunks of vendor id, type id and a 16-bit length that counts
 * the chunk's own 6-byte header, all big-endian. Generic chunks (vendor 0)
 * of a known type must have that type's size; unknown and vendor chunks are
 * skipped. HEPv1/v2 (Kamailio's hep_hdr) have no magic: a version byte, a
 * header length, the address family, the protocol, the ports, the
 * addresses, and for v2 a host-order time header (12 bytes with its padding)
 * before the payload. The header length is that of the fixed header with
 * the addresses (16 for IPv4, 40 for IPv6) as Kamailio's siptrace,
 * sipcapture and captagent write it, or of the fixed header alone (8) as
 * sofia-sip (FreeSWITCH) does; they are taken for HEP only when all of that is
 * consistent and the payload starts like SIP, or, of a datagram the capture
 * cut short, when what was kept of them is and may still be. */
#include "hep.h"

#include "sipdetect.h"

#include <string.h>

#define AF_INET_NUM 2u
#define AF_INET6_LINUX 10u

enum {
	CH_FAMILY = 0x0001,
	CH_PROTO = 0x0002,
	CH_SRC4 = 0x0003,
	CH_DST4 = 0x0004,
	CH_SRC6 = 0x0005,
	CH_DST6 = 0x0006,
	CH_SPORT = 0x0007,
	CH_DPORT = 0x0008,
	CH_TS_SEC = 0x0009,
	CH_TS_USEC = 0x000a,
	CH_PROTO_TYPE = 0x000b,
	CH_PAYLOAD = 0x000f,
	CH_PAYLOAD_COMPRESSED = 0x0010,
};

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) << 16 | get16(p + 2); }

/* The value size of a generic chunk type; 0 for variable or unknown. */
static size_t fixed_size(uint16_t type)
{
	switch (type) {
	case CH_FAMILY:
	case CH_PROTO:
	case CH_PROTO_TYPE:
		return 1;
	case CH_SPORT:
	case CH_DPORT:
		return 2;
	case CH_SRC4:
	case CH_DST4:
	case CH_TS_SEC:
	case CH_TS_USEC:
		return 4;
	case CH_SRC6:
	case CH_DST6:
		return 16;
	default:
		return 0;
	}
}

static void set_addr(struct net_addr *a, uint8_t family, const uint8_t *v)
{
	memset(a, 0, sizeof *a);
	a->family = family;
	memcpy(a->bytes, v, family == 6 ? 16 : 4);
}

static enum net_result malformed(const char **reason, const char *why)
{
	*reason = why;
	return NET_MALFORMED;
}

uint8_t hep_v3_kept_proto_type(const uint8_t *p, size_t len)
{
	if (len < 6)
		return 0;
	for (size_t at = 6; len - at >= 6;) {
		uint16_t vendor = get16(p + at), type = get16(p + at + 2), clen = get16(p + at + 4);
		if (clen < 6 || clen > len - at)
			break;
		if (vendor == 0 && type == CH_PROTO_TYPE)
			return clen == 7 ? p[at + 6] : 0;
		at += clen;
	}
	return 0;
}

static enum net_result decode_v3(const uint8_t *p, size_t len, struct hep_packet *h, const char **reason)
{
	if (len < 6)
		return malformed(reason, "HEPv3 header cut short");
	size_t total = get16(p + 4);
	if (total < 6)
		return malformed(reason, "HEPv3 length shorter than its header");
	if (total > len) {
		h->proto_type = hep_v3_kept_proto_type(p, len);
		return malformed(reason, "HEPv3 packet shorter than its length field says");
	}
	h->version = 3;
	uint8_t family = 0;
	const uint8_t *addr[4] = {NULL, NULL, NULL, NULL}; /* src4, dst4, src6, dst6 */
	bool sport = false, dport = false, sec = false, usec = false, payload = false;
	size_t at = 6;
	while (at < total) {
		if (total - at < 6)
			return malformed(reason, "HEPv3 chunk header cut short");
		uint16_t vendor = get16(p + at), type = get16(p + at + 2), clen = get16(p + at + 4);
		if (clen < 6 || clen > total - at)
			return malformed(reason, "HEPv3 chunk length runs past the packet");
		const uint8_t *v = p + at + 6;
		size_t vlen = clen - 6u;
		at += clen;
		if (vendor != 0)
			continue;
		size_t want = fixed_size(type);
		if (want && vlen != want)
			return malformed(reason, "HEPv3 chunk of the wrong size for its type");
		switch (type) {
		case CH_FAMILY:
			if (v[0] != AF_INET_NUM && v[0] != AF_INET6_LINUX)
				return malformed(reason, "HEPv3 IP family neither IPv4 (2) nor IPv6 (10)");
			family = v[0] == AF_INET_NUM ? 4 : 6;
			break;
		case CH_PROTO:
			h->ip_proto = v[0];
			break;
		case CH_SRC4:
		case CH_DST4:
		case CH_SRC6:
		case CH_DST6:
			addr[type - CH_SRC4] = v;
			break;
		case CH_SPORT:
			h->sport = get16(v);
			sport = true;
			break;
		case CH_DPORT:
			h->dport = get16(v);
			dport = true;
			break;
		case CH_TS_SEC:
			h->ts_sec = get32(v);
			sec = true;
			break;
		case CH_TS_USEC:
			h->ts_usec = get32(v);
			usec = true;
			break;
		case CH_PROTO_TYPE:
			h->proto_type = v[0];
			break;
		case CH_PAYLOAD:
		case CH_PAYLOAD_COMPRESSED:
			h->payload = v;
			h->payload_len = vlen;
			h->compressed = type == CH_PAYLOAD_COMPRESSED;
			payload = true;
			break;
		default:
			break; /* capture agent id, keep-alive, auth key, correlation id, ... */
		}
	}
	if (!family) /* no family chunk: the address chunks say it */
		family = addr[0] || addr[1] ? 4 : addr[2] || addr[3] ? 6 : 0;
	const uint8_t *src = family == 4 ? addr[0] : addr[2], *dst = family == 4 ? addr[1] : addr[3];
	if (!family || !src || !dst)
		return malformed(reason, "HEPv3 packet without source and destination address chunks");
	if (!sport || !dport)
		return malformed(reason, "HEPv3 packet without source and destination port chunks");
	if (!payload)
		return malformed(reason, "HEPv3 packet without a payload chunk");
	set_addr(&h->src, family, src);
	set_addr(&h->dst, family, dst);
	h->has_time = sec && usec && h->ts_usec < 1000000u;
	return NET_OK;
}

/* complete: the whole datagram was captured. One that the capture cut short
 * inside the header, or before its payload's start line ended, is
 * NET_MALFORMED (proto_type 0: not told) when the header kept is plausible:
 * its bytes cannot say whether it mirrors SIP. */
static enum net_result decode_v12(const uint8_t *p, size_t len, bool complete, struct hep_packet *h,
				  const char **reason)
{
	if (len < 3 || (p[2] != AF_INET_NUM && p[2] != AF_INET6_LINUX))
		return NET_OTHER;
	uint8_t family = p[2] == AF_INET_NUM ? 4 : 6;
	size_t alen = family == 4 ? 4 : 16, at = 8 + 2 * alen + (p[0] == 2 ? 12 : 0);
	if ((p[1] != 8 && p[1] != 8 + 2 * alen) || (len < 8 && complete))
		return NET_OTHER;
	if (len < 8)
		return malformed(reason, "HEPv1/v2 header cut short");
	if (len <= at)
		return complete ? NET_OTHER : malformed(reason, "HEPv1/v2 packet cut short before its payload");
	size_t i = at;
	while (i < len && (p[i] == '\r' || p[i] == '\n'))
		i++;
	enum sip_detect d = i < len ? sip_detect_start_line(p + i, len - i, complete) : complete ? SIP_NO : SIP_MAYBE;
	if (d == SIP_NO)
		return NET_OTHER;
	if (d == SIP_MAYBE) /* only when cut: a start line may have been on its way */
		return malformed(reason, "HEPv1/v2 packet cut short before its payload's start line ended");
	h->version = p[0];
	h->ip_proto = p[3];
	h->sport = get16(p + 4);
	h->dport = get16(p + 6);
	set_addr(&h->src, family, p + 8);
	set_addr(&h->dst, family, p + 8 + alen);
	h->payload = p + at;
	h->payload_len = len - at;
	return NET_OK;
}

enum net_result hep_decode(const uint8_t *p, size_t len, bool complete, struct hep_packet *h, const char **reason)
{
	memset(h, 0, sizeof *h);
	if (len >= 4 && (memcmp(p, "HEP3", 4) == 0 || memcmp(p, "EEP3", 4) == 0))
		return decode_v3(p, len, h, reason);
	if (len >= 1 && (p[0] == 1 || p[0] == 2))
		return decode_v12(p, len, complete, h, reason);
	return NET_OTHER;
}
