/* SPDX-License-Identifier: MIT */
/* IEEE 802.11 data frames and the radio headers monitor-mode captures put
 * before them. Radio headers are skipped whole; of their fields only the
 * one that says the frame ends in a 4-byte FCS (and radiotap's "data pad")
 * is read, since the FCS would otherwise be taken for payload; of an FCS
 * the snapshot length cut, only what was captured is taken off. */
#include "wlan.h"

#include <pcap/dlt.h>

#ifndef DLT_IEEE802_11_RADIO_AVS
#define DLT_IEEE802_11_RADIO_AVS 163
#endif
#ifndef DLT_PPI
#define DLT_PPI 192
#endif

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static size_t be16(const uint8_t *p) { return (size_t)(p[0] << 8 | p[1]); }

bool wlan_link_supported(int dlt)
{
	return dlt == DLT_IEEE802_11 || dlt == DLT_IEEE802_11_RADIO || dlt == DLT_PRISM_HEADER ||
	       dlt == DLT_IEEE802_11_RADIO_AVS || dlt == DLT_PPI;
}

/* Frame control (IEEE 802.11-2020 §9.2.4.1): type and subtype in the first
 * byte, flags in the second. */
#define FC_TYPE_DATA 2u
#define FC_SUBTYPE_QOS 0x8u     /* QoS data subtypes: a 2-byte QoS control field */
#define FC_SUBTYPE_NODATA 0x4u  /* Null, CF-Ack, CF-Poll, QoS Null...: no frame body */
#define FC_TO_DS 0x01u
#define FC_FROM_DS 0x02u
#define FC_MORE_FRAGMENTS 0x04u
#define FC_PROTECTED 0x40u
#define FC_ORDER 0x80u          /* on a QoS data frame: a 4-byte HT control field */
#define QOS_AMSDU 0x80u         /* QoS control, first byte: the body is an A-MSDU */
#define AMSDU_SUBFRAME_HEADER 14 /* A-MSDU subframe: DA, SA, then the length of what follows (big-endian) */
#define QOS_MESH_CONTROL 0x01u  /* QoS control, second byte (bit 8): a mesh control field in the body */
#define MESH_FLAGS_AE 0x03u     /* mesh flags: the address extension mode (3 is reserved) */

/* Which optional parts a radio header says the 802.11 frame has, and how
 * much of the frame's end the capture did not keep. */
struct wlan_radio {
	bool fcs;       /* a 4-byte FCS ends the frame */
	bool data_pad;  /* radiotap: padding after the MAC header up to 4-byte alignment */
	size_t missing; /* bytes the snapshot length cut off the frame's end */
};

/* LLC/SNAP (RFC 1042, or 802.1H's bridge-tunnel OUI) and the EtherType it
 * carries, 802.1Q tags skipped as on Ethernet. */
static enum net_result llc_snap(const uint8_t *p, size_t len, size_t wire, const uint8_t **ip, size_t *ip_len,
				size_t *ip_wire, const char **reason)
{
	if (len < 8) {
		if (len >= 3 && (p[0] != 0xaa || p[1] != 0xaa || p[2] != 0x03))
			return NET_OTHER;
		return net_short_header(8, wire, "802.11 LLC/SNAP header cut short", reason);
	}
	if (p[0] != 0xaa || p[1] != 0xaa || p[2] != 0x03 || p[3] != 0 || p[4] != 0 || (p[5] != 0 && p[5] != 0xf8))
		return NET_OTHER; /* plain LLC (STP, ...), not an EtherType */
	return net_tagged_ethertype_decode(p, len, wire, 6, "802.11 LLC/SNAP header cut short", ip, ip_len, ip_wire,
					   reason);
}

/* The length of the mesh control field with these flags, or 0 when they
 * are not valid ones (reserved bits set, mode 3). */
static size_t mesh_control_length(uint8_t flags)
{
	if ((flags & ~MESH_FLAGS_AE) != 0 || (flags & MESH_FLAGS_AE) == MESH_FLAGS_AE)
		return 0;
	return 6 + 6 * (size_t)(flags & MESH_FLAGS_AE);
}

/* An MSDU: in a mesh frame (mesh), the 802.11s Mesh Control field first
 * (IEEE 802.11-2020 §9.2.4.7.3): flags, TTL, a 4-byte sequence number, then
 * 0, 6 or 12 bytes of addresses as the flags' address extension mode says.
 * The QoS control bit that announces it means something else outside a
 * mesh BSS, so as Wireshark does the field is taken to be there only when
 * its flags are valid (reserved bits clear, mode not 3): LLC/SNAP's first
 * byte, 0xaa, never is. Then LLC/SNAP. */
static enum net_result msdu(const uint8_t *p, size_t len, size_t wire, bool mesh, const uint8_t **ip, size_t *ip_len,
			    size_t *ip_wire, const char **reason)
{
	size_t skip = mesh && len >= 1 ? mesh_control_length(p[0]) : 0;
	if (skip) {
		if (len < skip)
			return net_short_header(skip, wire, "802.11s mesh control field cut short", reason);
		p += skip;
		len -= skip;
		wire -= skip;
	}
	return llc_snap(p, len, wire, ip, ip_len, ip_wire, reason);
}

/* Older Linux mac80211 wrote a mesh A-MSDU subframe's length little-endian
 * and without its mesh control field. Taken to be so only when it cannot be
 * anything else: the big-endian reading ran past the frame, and this one
 * ends the subframe exactly where the IP packet after a valid mesh control
 * and LLC/SNAP header says it ends (captured up to its length field). *end: the
 * subframe's end, from its start. */
static bool mesh_le_subframe(const struct net_link_rest *at, size_t *end)
{
	if (at->caplen < AMSDU_SUBFRAME_HEADER + 1)
		return false;
	const uint8_t *p = at->p;
	size_t mesh = mesh_control_length(p[AMSDU_SUBFRAME_HEADER]);
	size_t llc = AMSDU_SUBFRAME_HEADER + mesh, ip = llc + 8;
	size_t e = llc + le16(p + 12); /* the length counts from LLC/SNAP on */
	if (!mesh || e > at->wirelen || at->caplen < ip + 6)
		return false;
	static const uint8_t snap[6] = {0xaa, 0xaa, 0x03, 0, 0, 0};
	for (size_t i = 0; i < 6; i++)
		if (p[llc + i] != snap[i])
			return false;
	size_t type = be16(p + llc + 6), ip_len;
	if (type == 0x0800 && p[ip] >> 4 == 4)
		ip_len = be16(p + ip + 2);
	else if (type == 0x86dd && p[ip] >> 4 == 6)
		ip_len = 40 + be16(p + ip + 4);
	else
		return false;
	if (ip + ip_len != e)
		return false;
	*end = e;
	return true;
}

/* A-MSDU subframes (IEEE 802.11-2020 §9.3.2.2.2): each one's header, then
 * its MSDU (LLC/SNAP first), then padding to 4 bytes but after the last.
 * Fewer bytes left on the wire than a subframe header end the walk: that
 * is the end of the frame, or an FCS no radio header told of. A subframe
 * whose length runs past the frame ends it too, with a reason; one the
 * snapshot length cut is read as far as it was captured. The walk ends at
 * the cut: a subframe cut before its IP packet starts, or not captured at
 * all, is NET_CUT_SHORT, once, however many subframes the cut hid (a cut is
 * the capture's doing, not the frame's: it is not malformed). */
enum net_result wlan_next(struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
			  const char **reason)
{
	struct net_link_rest at = *rest;
	*rest = (struct net_link_rest){0};
	if (at.wirelen < AMSDU_SUBFRAME_HEADER)
		return NET_OTHER;
	if (at.caplen < AMSDU_SUBFRAME_HEADER) {
		*reason = at.caplen ? "802.11 A-MSDU cut inside a subframe header" : "802.11 A-MSDU cut between subframes";
		return NET_CUT_SHORT;
	}
	size_t end = AMSDU_SUBFRAME_HEADER + be16(at.p + 12);
	if (at.mesh_le) {
		if (at.caplen < AMSDU_SUBFRAME_HEADER + 1) {
			*reason = "802.11 A-MSDU cut inside a subframe header";
			return NET_CUT_SHORT;
		}
		size_t mesh = mesh_control_length(at.p[AMSDU_SUBFRAME_HEADER]);
		if (!mesh) {
			*reason = "802.11s A-MSDU subframe without a valid mesh control field";
			return NET_MALFORMED;
		}
		end = AMSDU_SUBFRAME_HEADER + mesh + le16(at.p + 12);
	} else if (end > at.wirelen && at.mesh && mesh_le_subframe(&at, &end)) {
		at.mesh_le = true; /* and the frame's later subframes too */
	}
	if (end > at.wirelen) {
		*reason = "802.11 A-MSDU subframe length runs past its frame";
		return NET_MALFORMED;
	}
	size_t next = (end + 3) & ~(size_t)3, kept = end < at.caplen ? end : at.caplen;
	if (next < at.wirelen) {
		/* only captured bytes are pointed at: after a cut, none */
		size_t skip = next < at.caplen ? next : at.caplen;
		*rest = (struct net_link_rest){.p = at.p + skip, .caplen = at.caplen - skip, .wirelen = at.wirelen - next,
					       .mesh = at.mesh, .mesh_le = at.mesh_le};
	}
	enum net_result r = msdu(at.p + AMSDU_SUBFRAME_HEADER, kept - AMSDU_SUBFRAME_HEADER, end - AMSDU_SUBFRAME_HEADER,
				 at.mesh, ip, ip_len, ip_wire, reason);
	if (r == NET_CUT_SHORT) {
		/* its mesh control or LLC/SNAP header ran into the cut */
		*rest = (struct net_link_rest){0};
		*reason = "802.11 A-MSDU cut inside a subframe's headers, before its packet";
	}
	return r;
}

/* An 802.11 frame (MAC header first); rest: as wlan_decode's. */
static enum net_result mac_frame(const uint8_t *f, size_t caplen, struct wlan_radio radio,
				 struct net_link_rest *rest, const uint8_t **ip, size_t *ip_len, size_t *ip_wire,
				 const char **reason)
{
	if (radio.fcs && radio.missing < 4) {
		/* Only what was captured of the FCS is taken off: a frame the
		 * snapshot length cut lost its FCS (or some of it) first. */
		size_t kept = 4 - radio.missing;
		if (caplen < kept) {
			*reason = "802.11 frame shorter than its FCS";
			return NET_MALFORMED;
		}
		caplen -= kept;
	}
	/* The frame's length on the wire, short of its FCS: what was captured,
	 * and what the snapshot length cut off before the FCS. */
	size_t wire = caplen + (radio.fcs ? (radio.missing > 4 ? radio.missing - 4 : 0) : radio.missing);
	if (caplen < 2)
		return net_short_header(2, wire, "802.11 frame control cut short", reason);
	unsigned fc0 = f[0], fc1 = f[1], subtype = fc0 >> 4;
	if ((fc0 & 3u) != 0 || (fc0 >> 2 & 3u) != FC_TYPE_DATA || (subtype & FC_SUBTYPE_NODATA))
		return NET_OTHER; /* another protocol version, management, control, or no data */
	size_t hlen = 24;
	if ((fc1 & (FC_TO_DS | FC_FROM_DS)) == (FC_TO_DS | FC_FROM_DS))
		hlen += 6; /* the 4-address form of a wireless distribution system or mesh */
	size_t qos_at = hlen;
	if (subtype & FC_SUBTYPE_QOS)
		hlen += 2 + (fc1 & FC_ORDER ? 4 : 0);
	if (caplen < hlen)
		return net_short_header(hlen, wire, "802.11 MAC header cut short", reason);
	if (fc1 & FC_PROTECTED) {
		*reason = "802.11 data frame protected (WEP, TKIP, CCMP or GCMP): its payload cannot be read without the keys";
		return NET_UNREADABLE;
	}
	if ((fc1 & FC_MORE_FRAGMENTS) || (f[22] & 0x0fu)) {
		*reason = "802.11 data frame sent in fragments, which are not reassembled";
		return NET_UNREADABLE;
	}
	if (radio.data_pad)
		hlen = (hlen + 3) & ~(size_t)3;
	if (caplen < hlen)
		return net_short_header(hlen, wire, "802.11 MAC header padding cut short", reason);
	/* a mesh frame: QoS data from a mesh STA (FromDS: 4 addresses, or group
	 * addressed), mesh control present */
	bool mesh = (subtype & FC_SUBTYPE_QOS) && (fc1 & FC_FROM_DS) && (f[qos_at + 1] & QOS_MESH_CONTROL);
	if ((subtype & FC_SUBTYPE_QOS) && (f[qos_at] & QOS_AMSDU)) {
		struct net_link_rest body = {.p = f + hlen, .caplen = caplen - hlen, .wirelen = wire - hlen,
					     .mesh = mesh};
		if (!rest)
			rest = &body; /* the caller wants the first packet only */
		else
			*rest = body;
		return wlan_next(rest, ip, ip_len, ip_wire, reason);
	}
	return msdu(f + hlen, caplen - hlen, wire - hlen, mesh, ip, ip_len, ip_wire, reason);
}

/* Radiotap (radiotap.org): version 0, pad, length, then presence bitmaps
 * (bit 31: another follows), then the fields in bit order, each aligned to
 * its own size from the header's start. Flags is bit 1, after TSFT (bit 0,
 * 8 bytes): only those two need walking, as the first bitmap's fields come
 * first whatever the later bitmaps say. All little-endian. */
static enum net_result radiotap(const uint8_t *f, size_t caplen, size_t missing, struct net_link_rest *rest,
				const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason)
{
	enum { PRESENT_TSFT = 1u << 0, PRESENT_FLAGS = 1u << 1, PRESENT_EXT = 1u << 31 };
	enum { FLAGS_FCS = 0x10, FLAGS_DATA_PAD = 0x20 };
	if (caplen < 8)
		return net_short_header(8, caplen + missing, "radiotap header cut short", reason);
	if (f[0] != 0) {
		*reason = "radiotap header of an unknown version";
		return NET_MALFORMED;
	}
	size_t len = le16(f + 2);
	if (len < 8) {
		*reason = "radiotap length shorter than its header";
		return NET_MALFORMED;
	}
	if (len > caplen)
		return net_short_header(len, caplen + missing, "radiotap header cut short", reason);
	uint32_t present = le32(f + 4);
	size_t off = 8;
	for (uint32_t word = present; word & PRESENT_EXT; off += 4) {
		if (len - off < 4) {
			*reason = "radiotap presence bitmaps run past its length";
			return NET_MALFORMED;
		}
		word = le32(f + off);
	}
	struct wlan_radio radio = {.missing = missing};
	if (present & PRESENT_TSFT)
		off = ((off + 7) & ~(size_t)7) + 8;
	if (present & PRESENT_FLAGS) {
		if (off >= len) {
			*reason = "radiotap fields run past its length";
			return NET_MALFORMED;
		}
		radio.fcs = (f[off] & FLAGS_FCS) != 0;
		radio.data_pad = (f[off] & FLAGS_DATA_PAD) != 0;
	}
	return mac_frame(f + len, caplen - len, radio, rest, ip, ip_len, ip_wire, reason);
}

/* AVS (a wlan-ng capture header): a version word 0x8021100N, then the
 * header's length, both big-endian. No FCS indication: none assumed. */
static enum net_result avs(const uint8_t *f, size_t caplen, size_t missing, struct net_link_rest *rest,
			   const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason)
{
	if (caplen < 8)
		return net_short_header(8, caplen + missing, "AVS header cut short", reason);
	uint32_t len = be32(f + 4);
	if ((be32(f) & 0xfffffff0u) != 0x80211000u || len < 8) {
		*reason = (be32(f) & 0xfffffff0u) != 0x80211000u ? "AVS header of an unknown version"
								  : "AVS header length is invalid";
		return NET_MALFORMED;
	}
	if (len > caplen)
		return net_short_header(len, caplen + missing, "AVS header length is invalid or cut short", reason);
	return mac_frame(f + len, caplen - len, (struct wlan_radio){.missing = missing}, rest, ip, ip_len, ip_wire,
			 reason);
}

/* Prism (Linux wlan-ng, old madwifi): message code, message length (the
 * header's, 144 in practice) in the capturing host's byte order, device
 * name, then fixed items. Some drivers wrote an AVS header under this link
 * type, as libpcap and Wireshark know: read by its version word. */
static enum net_result prism(const uint8_t *f, size_t caplen, size_t missing, struct net_link_rest *rest,
			     const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason)
{
	size_t wire = caplen + missing;
	if (caplen < 8)
		return net_short_header(8, wire, "Prism header cut short", reason);
	if ((be32(f) & 0xfffffff0u) == 0x80211000u)
		return avs(f, caplen, missing, rest, ip, ip_len, ip_wire, reason);
	uint32_t len = le32(f + 4);
	if (len < 8 || len > wire)
		len = be32(f + 4);
	if (len < 8 || len > wire) {
		*reason = "Prism header length is invalid or cut short";
		return NET_MALFORMED;
	}
	if (len > caplen)
		return net_short_header(len, wire, "Prism header cut short", reason);
	return mac_frame(f + len, caplen - len, (struct wlan_radio){.missing = missing}, rest, ip, ip_len, ip_wire,
			 reason);
}

/* PPI (Per-Packet Information, CACE): version 0, flags (bit 0: fields
 * 4-byte aligned), the header's length and the link type that follows, then
 * fields of type and length; the 802.11-Common one (type 2) says whether
 * the frame ends in an FCS (its flags word, bit 0). Little-endian. */
static enum net_result ppi(const uint8_t *f, size_t caplen, size_t missing, struct net_link_rest *rest,
			   const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason)
{
	enum { FIELD_80211_COMMON = 2, COMMON_FLAGS_AT = 8, COMMON_FLAG_FCS = 0x0001 };
	if (caplen < 8)
		return net_short_header(8, caplen + missing, "PPI header cut short", reason);
	size_t len = le16(f + 2);
	uint32_t dlt = le32(f + 4);
	if (f[0] != 0 || len < 8) {
		*reason = f[0] != 0 ? "PPI header of an unknown version" : "PPI header length is invalid";
		return NET_MALFORMED;
	}
	if (len > caplen)
		return net_short_header(len, caplen + missing, "PPI header length is invalid or cut short", reason);
	bool aligned = (f[1] & 1u) != 0;
	struct wlan_radio radio = {.missing = missing};
	for (size_t off = 8; len - off >= 4;) {
		uint16_t type = le16(f + off);
		size_t flen = le16(f + off + 2);
		off += 4;
		if (flen > len - off) {
			*reason = "PPI field runs past its header";
			return NET_MALFORMED;
		}
		if (type == FIELD_80211_COMMON && flen >= COMMON_FLAGS_AT + 2)
			radio.fcs = (le16(f + off + COMMON_FLAGS_AT) & COMMON_FLAG_FCS) != 0;
		off += flen;
		if (aligned)
			off = (off + 3) & ~(size_t)3;
		if (off > len)
			break;
	}
	if (dlt == DLT_IEEE802_11)
		return mac_frame(f + len, caplen - len, radio, rest, ip, ip_len, ip_wire, reason);
	if (dlt == DLT_PPI) {
		*reason = "PPI header inside a PPI header";
		return NET_MALFORMED;
	}
	if (!net_link_supported((int)dlt))
		return NET_OTHER;
	return net_link_decode_first((int)dlt, f + len, caplen - len, caplen - len + missing, NULL, ip, ip_len, ip_wire,
				     reason);
}

enum net_result wlan_decode(int dlt, const uint8_t *f, size_t caplen, size_t wirelen, struct net_link_rest *rest,
			    const uint8_t **ip, size_t *ip_len, size_t *ip_wire, const char **reason)
{
	if (rest)
		*rest = (struct net_link_rest){0};
	size_t missing = wirelen > caplen ? wirelen - caplen : 0;
	switch (dlt) {
	case DLT_IEEE802_11: /* whether an FCS ends the frame is not said: IP's length ignores it */
		return mac_frame(f, caplen, (struct wlan_radio){.missing = missing}, rest, ip, ip_len, ip_wire, reason);
	case DLT_IEEE802_11_RADIO:
		return radiotap(f, caplen, missing, rest, ip, ip_len, ip_wire, reason);
	case DLT_PRISM_HEADER:
		return prism(f, caplen, missing, rest, ip, ip_len, ip_wire, reason);
	case DLT_IEEE802_11_RADIO_AVS:
		return avs(f, caplen, missing, rest, ip, ip_len, ip_wire, reason);
	case DLT_PPI:
		return ppi(f, caplen, missing, rest, ip, ip_len, ip_wire, reason);
	default:
		*reason = "unsupported link type";
		return NET_OTHER;
	}
}
