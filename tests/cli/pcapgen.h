/* SPDX-License-Identifier: MIT */
/* Test support: write small captures from scratch. IPv4/IPv6 packets with UDP
 * or TCP are built byte by byte, wrapped in any link-layer header the reader
 * supports, and written with libpcap's pcap_dump (pcap) or by hand (pcapng). */
#ifndef TEST_PCAPGEN_H
#define TEST_PCAPGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The link layers the tests write. */
enum gen_link {
	GEN_ETHERNET,      /* DLT_EN10MB */
	GEN_ETHERNET_VLAN, /* DLT_EN10MB with an 802.1Q tag */
	GEN_ETHERNET_QINQ, /* DLT_EN10MB with 802.1ad + 802.1Q tags */
	GEN_SLL,           /* DLT_LINUX_SLL */
	GEN_SLL2,          /* DLT_LINUX_SLL2 */
	GEN_RAW,           /* DLT_RAW (LINKTYPE_RAW 101 in the file) */
	GEN_IPV4,          /* LINKTYPE_IPV4 228 (IPv4 packets only) */
	GEN_IPV6,          /* LINKTYPE_IPV6 229 (IPv6 packets only) */
	GEN_NULL,          /* DLT_NULL, family in little-endian host order */
	GEN_NULL_BE,       /* DLT_NULL written by a big-endian host */
	GEN_LOOP,          /* DLT_LOOP, family in network order */
	GEN_PPP,           /* DLT_PPP: PPP in HDLC-like framing (0xff 0x03, protocol) */
	GEN_PPP_COMPRESSED,/* DLT_PPP without address and control, a one-byte protocol */
	GEN_PPPOE,         /* DLT_EN10MB, PPPoE session (0x8864) carrying PPP */
	GEN_C_HDLC,        /* DLT_C_HDLC: Cisco HDLC, address 0x0f, an EtherType */
	GEN_NFLOG,         /* DLT_NFLOG: Linux NFLOG, little-endian TLVs, the packet in NFULA_PAYLOAD */
	/* IEEE 802.11 data frames (see gen_wlan_header), LLC/SNAP, then IP */
	GEN_WLAN,          /* DLT_IEEE802_11: a data frame from the AP (FromDS), no FCS */
	GEN_RADIOTAP,      /* DLT_IEEE802_11_RADIO: radiotap with TSFT, flags (FCS, data pad), rate,
	                      channel, signal; QoS data to the AP, padded to 4 bytes; an FCS */
	GEN_RADIOTAP_WDS,  /* DLT_IEEE802_11_RADIO: two presence bitmaps (so TSFT is aligned to 16),
	                      flags (FCS); QoS data in the 4-address form with HT control; an FCS */
	GEN_PRISM,         /* DLT_PRISM_HEADER: a 144-byte Prism header, then GEN_WLAN's frame */
	GEN_AVS,           /* DLT_IEEE802_11_RADIO_AVS: a 64-byte AVS header, then GEN_WLAN's frame */
	GEN_PPI,           /* DLT_PPI: PPI with an 802.11-Common field (FCS), QoS data; an FCS */
	GEN_LINK_COUNT
};

const char *gen_link_name(enum gen_link l);

struct gen_endpoint {
	int family;        /* 4 or 6 */
	uint8_t addr[16];
	uint16_t port;
};

struct gen_endpoint gen_ep4(const char *addr, uint16_t port);
struct gen_endpoint gen_ep6(const char *addr, uint16_t port);

/* A tunnel the packets are written in (struct gen's tunnels, outermost first). */
enum gen_tunnel_kind {
	GEN_TUN_IPIP,     /* IP in IP: protocol 4 or 41 by the inner version */
	GEN_TUN_GRE,      /* GRE carrying IP (0x0800, 0x86DD) */
	GEN_TUN_GRE_ETH,  /* GRE carrying Ethernet (0x6558) */
	GEN_TUN_ERSPAN,   /* GRE (with a sequence number) + ERSPAN type II + Ethernet */
	GEN_TUN_VXLAN,    /* UDP to port 4789 + VXLAN + Ethernet */
	GEN_TUN_GTPU,     /* UDP 2152 -> 2152 (or port -> port) + GTPv1-U G-PDU (8-byte header) + IP */
	GEN_TUN_GTPU_EXT, /* the same with a sequence number and two extension headers (a PDU
	                     session container, 0x85, then a UDP port one, 0x40) */
	GEN_TUN_GENEVE,   /* UDP to port 6081 + Geneve with an 8-byte option + Ethernet (0x6558) */
	GEN_TUN_GENEVE_IP,/* UDP to port 6081 + Geneve, no option, protocol IPv4 or IPv6 */
};

#define GEN_GRE_CSUM 0x8000
#define GEN_GRE_KEY 0x2000
#define GEN_GRE_SEQ 0x1000

struct gen_tunnel {
	enum gen_tunnel_kind kind;
	int family;          /* the outer IP version, 4 or 6 */
	uint16_t gre_flags;  /* GEN_GRE_*: optional GRE fields to write */
	uint16_t port;       /* VXLAN, GTP-U, Geneve: the UDP destination port (0: IANA's) */
	bool reply;          /* VXLAN, GTP-U, Geneve: port is the source port, sent to an ephemeral one */
};

#define GEN_MAX_TUNNELS 8

struct gen {
	FILE *ng;          /* pcapng: written by hand */
	bool ng_swap;      /* pcapng: this section is written in the other byte order */
	unsigned ng_iface; /* pcapng: the interface the next frames are written on */
	unsigned ng_nifs;
	int ng_link[16];         /* each interface's enum gen_link, or -1 (gen_raw_frame only) */
	unsigned ng_tsexp[16];   /* each interface's if_tsresol, 10^-exp s */
	void *pcap;        /* pcap_t from pcap_open_dead */
	void *dumper;      /* pcap_dumper_t */
	enum gen_link link;
	uint32_t sec, usec;  /* the next frame's timestamp; advances 1 ms per frame */
	uint16_t ip_id;
	uint32_t snaplen;    /* frames longer than this are cut (0: no cut) */
	size_t frames;
	int v6_ext;          /* IPv6: number of extension headers to put in (0..3) */
	int mpls_labels;     /* Ethernet: an MPLS label stack of this many labels before IP */
	struct gen_tunnel tunnels[GEN_MAX_TUNNELS]; /* every packet is wrapped in these */
	size_t ntunnels;
	uint8_t wlan_flags;  /* 802.11 links: frame control flags added to every data frame
	                        (GEN_WLAN_PROTECTED, GEN_WLAN_MORE_FRAGMENTS) */
};

#define GEN_WLAN_MORE_FRAGMENTS 0x04
#define GEN_WLAN_PROTECTED 0x40

/* The 802.11 MAC header of a data frame as the link l writes it (l one of
 * the 802.11 links; any other: GEN_WLAN's) into h, room for 36 bytes, with
 * the frame control flags `flags` added. Returns its length (without
 * GEN_RADIOTAP's data pad). */
size_t gen_wlan_header(enum gen_link l, uint8_t *h, uint8_t flags);

/* The radio header the 802.11 link l writes before the MAC header (none for
 * GEN_WLAN) into h, room for 160 bytes; returns its length. */
size_t gen_wlan_radio_header(enum gen_link l, uint8_t *h);

/* Whether link l ends its frames with an FCS, and the frame's FCS (CRC-32,
 * stored little-endian) over mac[0..len) into out. */
bool gen_wlan_has_fcs(enum gen_link l);
void gen_wlan_fcs(const uint8_t *mac, size_t len, uint8_t out[4]);

/* One UDP datagram of gen_wlan_msdus. */
struct gen_msdu {
	struct gen_endpoint src, dst;
	const void *payload;
	size_t len;
};

/* Write one QoS data frame on g's 802.11 link (a plain data frame is made
 * QoS data) holding the datagrams: an A-MSDU of n subframes (DA, SA,
 * length, each but the last padded to 4 bytes) when amsdu, else n is 1.
 * mesh_ae 0..2: an 802.11s mesh frame (Mesh Control Present, FromDS at
 * least), a Mesh Control field with that address extension mode (0, 6 or
 * 12 bytes) before each LLC/SNAP header; -1: none. at (room for n, or
 * NULL): where each subframe (or the mesh control, or LLC/SNAP) starts in
 * the frame. Returns the frame's length. */
size_t gen_wlan_msdus(struct gen *g, const struct gen_msdu *m, size_t n, bool amsdu, int mesh_ae, size_t *at);

/* Open a capture for writing; pcapng selects the format. Aborts on failure. */
void gen_open(struct gen *g, const char *path, enum gen_link link, bool pcapng);
void gen_close(struct gen *g);

/* pcapng: open a file with one section and no interface yet (the first
 * one then comes from gen_ng_interface, of any link type). */
void gen_open_ng_bare(struct gen *g, const char *path);
/* pcapng: begin a new section (SHB), in the other byte order than this host's
 * when swapped; it has no interface until gen_ng_interface adds one. */
void gen_ng_section(struct gen *g, bool swapped);
/* pcapng: add an interface (IDB) with the link type of `link`, or with the
 * raw LINKTYPE_ `linktype` when link < 0 (frames then only by
 * gen_raw_frame); timestamps in 10^-tsexp s (6 writes no if_tsresol).
 * Returns its index; frames go to it from now on. */
unsigned gen_ng_interface(struct gen *g, int link, uint16_t linktype, unsigned tsexp);
/* pcapng: write the next frames on interface i. */
void gen_ng_use(struct gen *g, unsigned i);

/* Write one frame holding a UDP datagram. */
void gen_udp(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, const void *payload,
	     size_t len);

/* Write one frame holding a TCP segment. */
#define GEN_FIN 0x01
#define GEN_SYN 0x02
#define GEN_RST 0x04
#define GEN_PSH 0x08
#define GEN_ACK 0x10
void gen_tcp(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint32_t seq,
	     uint8_t flags, const void *payload, size_t len);
/* The same with this acknowledgement number (gen_tcp writes 1 with GEN_ACK). */
void gen_tcp_ack(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint32_t seq,
		 uint32_t ack, uint8_t flags, const void *payload, size_t len);

/* One chunk of an SCTP packet (RFC 9260 §3.2). DATA and I-DATA carry data as
 * their user data after the header that the other fields fill; any other
 * type has data as its value. length: the chunk length field to write
 * (0: the true one). */
#define GEN_SCTP_DATA 0
#define GEN_SCTP_IDATA 64
#define GEN_SCTP_E 0x01
#define GEN_SCTP_B 0x02
#define GEN_SCTP_U 0x04 /* I-DATA: unordered */
#define GEN_SCTP_WHOLE (GEN_SCTP_B | GEN_SCTP_E)
struct gen_sctp_chunk {
	uint8_t type, flags;
	uint32_t tsn;
	uint16_t stream;
	uint32_t ppid;
	uint32_t mid, fsn; /* I-DATA */
	const void *data;
	size_t len;
	uint16_t length;
};

/* Write one frame holding an SCTP packet with these chunks (each padded to
 * 4 bytes), with a true CRC32c checksum. */
void gen_sctp(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint32_t vtag,
	      const struct gen_sctp_chunk *chunks, size_t n);
/* The bytes of a chunk's header: 16 DATA, 20 I-DATA, 4 others. */
size_t gen_sctp_chunk_header(const struct gen_sctp_chunk *c);

/* Write a UDP datagram as IP fragments of at most frag_size payload bytes
 * (a multiple of 8), in the order given by `order` (indexes; NULL = in order). */
void gen_udp_fragments(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst,
		       const void *payload, size_t len, size_t frag_size, const size_t *order, size_t norder);

/* Write a raw frame as is. */
void gen_raw_frame(struct gen *g, const void *frame, size_t caplen, size_t wirelen);

/* One WebSocket frame (RFC 6455 §5.2) into out, which has room for len + 14
 * bytes. mask: NULL for an unmasked frame (a server's), else the masking key
 * (a client's). len_bits: 0 for the shortest length form, 16 or 64 to use
 * that form. Returns the frame's length. */
size_t gen_ws_frame(uint8_t *out, bool fin, uint8_t opcode, const uint8_t *mask, const void *payload, size_t len,
		    int len_bits);

/* A HEPv3 packet (as Kamailio's siptrace sends it: family, protocol, the
 * captured packet's addresses and ports, timestamp, protocol type SIP,
 * capture agent id, then the payload chunk) into out, which has room for
 * len + 128 bytes. Returns its length. */
size_t gen_hep3(uint8_t *out, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint8_t ip_proto,
		uint32_t ts_sec, uint32_t ts_usec, const void *payload, size_t len);

/* Who wrote a HEPv1/v2 packet: its header length byte differs. */
enum gen_hep_form {
	GEN_HEP_SOFIA,    /* sofia-sip (FreeSWITCH): 8, the fixed header alone */
	GEN_HEP_KAMAILIO, /* Kamailio's siptrace, sipcapture, captagent: the addresses
	                     counted too, 16 for IPv4 and 40 for IPv6 */
};

/* A HEPv2 packet (version byte, fixed header, addresses, time header) in
 * the given form into out, which has room for len + 64 bytes. Returns its
 * length. */
size_t gen_hep2(uint8_t *out, enum gen_hep_form form, const struct gen_endpoint *src, const struct gen_endpoint *dst,
		uint8_t ip_proto, const void *payload, size_t len);
/* The same as HEPv1: no time header. */
size_t gen_hep1(uint8_t *out, enum gen_hep_form form, const struct gen_endpoint *src, const struct gen_endpoint *dst,
		uint8_t ip_proto, const void *payload, size_t len);

/* A fresh temporary file name (removed by the caller). */
void gen_tmpname(char *buf, size_t size, const char *suffix);

#endif
