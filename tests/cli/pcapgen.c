/* SPDX-License-Identifier: MIT */
#include "pcapgen.h"

#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "pcapgen: %s\n", what);
	abort();
}

const char *gen_link_name(enum gen_link l)
{
	static const char *names[] = {"ethernet", "ethernet-vlan", "ethernet-qinq", "sll", "sll2", "raw",
				      "ipv4", "ipv6", "null", "null-be", "loop", "ppp", "ppp-compressed",
				      "pppoe", "c-hdlc", "nflog", "wlan", "radiotap", "radiotap-wds",
				      "prism", "avs", "ppi"};
	return l < GEN_LINK_COUNT ? names[l] : "?";
}

static int link_dlt(enum gen_link l)
{
	switch (l) {
	case GEN_ETHERNET:
	case GEN_ETHERNET_VLAN:
	case GEN_ETHERNET_QINQ: return DLT_EN10MB;
	case GEN_SLL: return DLT_LINUX_SLL;
	case GEN_SLL2: return DLT_LINUX_SLL2;
	case GEN_RAW: return DLT_RAW;
	case GEN_IPV4: return DLT_IPV4;
	case GEN_IPV6: return DLT_IPV6;
	case GEN_NULL:
	case GEN_NULL_BE: return DLT_NULL;
	case GEN_LOOP: return DLT_LOOP;
	case GEN_PPP:
	case GEN_PPP_COMPRESSED: return DLT_PPP;
	case GEN_PPPOE: return DLT_EN10MB;
	case GEN_C_HDLC: return DLT_C_HDLC;
	case GEN_NFLOG: return DLT_NFLOG;
	case GEN_WLAN: return DLT_IEEE802_11;
	case GEN_RADIOTAP:
	case GEN_RADIOTAP_WDS: return DLT_IEEE802_11_RADIO;
	case GEN_PRISM: return DLT_PRISM_HEADER;
	case GEN_AVS: return DLT_IEEE802_11_RADIO_AVS;
	case GEN_PPI: return DLT_PPI;
	default: die("bad link"); return -1;
	}
}

/* The LINKTYPE_ number a pcapng interface block stores. */
static uint16_t link_type_number(enum gen_link l)
{
	switch (link_dlt(l)) {
	case DLT_EN10MB: return 1;
	case DLT_LINUX_SLL: return 113;
	case DLT_LINUX_SLL2: return 276;
	case DLT_RAW: return 101;
	case DLT_IPV4: return 228;
	case DLT_IPV6: return 229;
	case DLT_NULL: return 0;
	case DLT_PPP: return 9;
	case DLT_C_HDLC: return 104;
	case DLT_NFLOG: return 239;
	case DLT_IEEE802_11: return 105;
	case DLT_IEEE802_11_RADIO: return 127;
	case DLT_PRISM_HEADER: return 119;
	case DLT_IEEE802_11_RADIO_AVS: return 163;
	case DLT_PPI: return 192;
	default: return 108; /* DLT_LOOP */
	}
}

struct gen_endpoint gen_ep4(const char *addr, uint16_t port)
{
	struct gen_endpoint e = {.family = 4, .port = port};
	if (inet_pton(AF_INET, addr, e.addr) != 1)
		die("bad IPv4 address");
	return e;
}

struct gen_endpoint gen_ep6(const char *addr, uint16_t port)
{
	struct gen_endpoint e = {.family = 6, .port = port};
	if (inet_pton(AF_INET6, addr, e.addr) != 1)
		die("bad IPv6 address");
	return e;
}

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xffff); }

static void ng_write(struct gen *g, const void *p, size_t n)
{
	if (fwrite(p, 1, n, g->ng) != n)
		die("write failed");
}

static void ng_u32(struct gen *g, uint32_t v)
{
	if (g->ng_swap)
		v = v >> 24 | (v >> 8 & 0xff00u) | (v << 8 & 0xff0000u) | v << 24;
	ng_write(g, &v, 4);
}

static void ng_u16(struct gen *g, uint16_t v)
{
	if (g->ng_swap)
		v = (uint16_t)(v >> 8 | v << 8);
	ng_write(g, &v, 2);
}

void gen_ng_section(struct gen *g, bool swapped)
{
	g->ng_swap = swapped;
	ng_u32(g, 0x0a0d0d0a); /* section header block */
	ng_u32(g, 28);
	ng_u32(g, 0x1a2b3c4d);
	ng_u16(g, 1);
	ng_u16(g, 0);
	ng_u32(g, 0xffffffffu); /* section length: unknown (-1) */
	ng_u32(g, 0xffffffffu);
	ng_u32(g, 28);
	g->ng_nifs = 0;
	g->ng_iface = 0;
}

unsigned gen_ng_interface(struct gen *g, int link, uint16_t linktype, unsigned tsexp)
{
	if (!g->ng || g->ng_nifs == sizeof g->ng_link / sizeof g->ng_link[0])
		die("gen_ng_interface: not a pcapng capture, or too many interfaces");
	bool opt = tsexp != 6;
	uint32_t total = opt ? 32 : 20;
	ng_u32(g, 1); /* interface description block */
	ng_u32(g, total);
	ng_u16(g, link >= 0 ? link_type_number((enum gen_link)link) : linktype);
	ng_u16(g, 0);
	ng_u32(g, 65535);
	if (opt) {
		uint8_t v[4] = {(uint8_t)tsexp, 0, 0, 0};
		ng_u16(g, 9); /* if_tsresol */
		ng_u16(g, 1);
		ng_write(g, v, 4);
		ng_u32(g, 0); /* opt_endofopt */
	}
	ng_u32(g, total);
	g->ng_link[g->ng_nifs] = link;
	g->ng_tsexp[g->ng_nifs] = tsexp;
	gen_ng_use(g, g->ng_nifs);
	return g->ng_nifs++;
}

void gen_ng_use(struct gen *g, unsigned i)
{
	g->ng_iface = i;
	if (g->ng_link[i] >= 0)
		g->link = (enum gen_link)g->ng_link[i];
}

void gen_open(struct gen *g, const char *path, enum gen_link link, bool pcapng)
{
	memset(g, 0, sizeof *g);
	g->link = link;
	g->sec = 1700000000;
	g->ip_id = 0x1000;
	if (pcapng) {
		g->ng = fopen(path, "wb");
		if (!g->ng)
			die("cannot create the pcapng file");
		gen_ng_section(g, false);
		gen_ng_interface(g, link, 0, 6);
		return;
	}
	pcap_t *p = pcap_open_dead(link_dlt(link), 65535);
	if (!p)
		die("pcap_open_dead failed");
	pcap_dumper_t *d = pcap_dump_open(p, path);
	if (!d)
		die(pcap_geterr(p));
	g->pcap = p;
	g->dumper = d;
}

void gen_open_ng_bare(struct gen *g, const char *path)
{
	memset(g, 0, sizeof *g);
	g->sec = 1700000000;
	g->ip_id = 0x1000;
	g->ng = fopen(path, "wb");
	if (!g->ng)
		die("cannot create the pcapng file");
	gen_ng_section(g, false);
}

void gen_close(struct gen *g)
{
	if (g->ng)
		fclose(g->ng);
	if (g->dumper)
		pcap_dump_close(g->dumper);
	if (g->pcap)
		pcap_close(g->pcap);
	memset(g, 0, sizeof *g);
}

void gen_raw_frame(struct gen *g, const void *frame, size_t caplen, size_t wirelen)
{
	if (g->snaplen && caplen > g->snaplen)
		caplen = g->snaplen;
	if (g->ng) {
		uint64_t units = 1, ts;
		unsigned exp = g->ng_tsexp[g->ng_iface];
		for (unsigned k = 0; k < exp; k++)
			units *= 10;
		ts = (uint64_t)g->sec * units + (exp >= 6 ? g->usec * (units / 1000000u) : g->usec / (1000000u / units));
		size_t pad = (4 - caplen % 4) % 4;
		uint32_t total = (uint32_t)(32 + caplen + pad);
		static const uint8_t zeros[4];
		ng_u32(g, 6); /* enhanced packet block */
		ng_u32(g, total);
		ng_u32(g, g->ng_iface);
		ng_u32(g, (uint32_t)(ts >> 32));
		ng_u32(g, (uint32_t)ts);
		ng_u32(g, (uint32_t)caplen);
		ng_u32(g, (uint32_t)wirelen);
		ng_write(g, frame, caplen);
		ng_write(g, zeros, pad);
		ng_u32(g, total);
	} else {
		struct pcap_pkthdr h = {.caplen = (bpf_u_int32)caplen, .len = (bpf_u_int32)wirelen};
		h.ts.tv_sec = g->sec;
		h.ts.tv_usec = g->usec;
		pcap_dump(g->dumper, &h, frame);
	}
	g->frames++;
	g->usec += 1000;
	if (g->usec >= 1000000) {
		g->usec -= 1000000;
		g->sec++;
	}
}

static uint8_t *xmalloc(size_t n)
{
	uint8_t *p = malloc(n);
	if (!p)
		die("out of memory");
	return p;
}

static void le16_put(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void le32_put(uint8_t *p, uint32_t v) { le16_put(p, v & 0xffff); le16_put(p + 2, v >> 16); }

size_t gen_wlan_header(enum gen_link l, uint8_t *h, uint8_t flags)
{
	static const uint8_t ap[6] = {0x02, 0, 0, 0, 0, 0x10}, sta[6] = {0x02, 0, 0, 0, 0, 0x11},
			     router[6] = {0x02, 0, 0, 0, 0, 0x12}, peer[6] = {0x02, 0, 0, 0, 0, 0x13};
	bool qos = l == GEN_RADIOTAP || l == GEN_RADIOTAP_WDS || l == GEN_PPI;
	bool wds = l == GEN_RADIOTAP_WDS;
	h[0] = qos ? 0x88 : 0x08; /* QoS data or data */
	h[1] = (uint8_t)((wds ? 0x03 : qos ? 0x01 : 0x02) | (wds ? 0x80 : 0) | flags); /* to/from DS, order */
	le16_put(h + 2, 44); /* duration */
	if (wds) { /* receiver, transmitter, destination, source */
		memcpy(h + 4, peer, 6);
		memcpy(h + 10, ap, 6);
		memcpy(h + 16, router, 6);
		memcpy(h + 24, sta, 6);
	} else if (qos) { /* to the AP: BSSID, source, destination */
		memcpy(h + 4, ap, 6);
		memcpy(h + 10, sta, 6);
		memcpy(h + 16, router, 6);
	} else { /* from the AP: destination, BSSID, source */
		memcpy(h + 4, sta, 6);
		memcpy(h + 10, ap, 6);
		memcpy(h + 16, router, 6);
	}
	le16_put(h + 22, 0x123u << 4); /* sequence number 0x123, fragment 0 */
	size_t n = wds ? 30 : 24;
	if (qos) {
		h[n] = 5; /* TID 5 (video), no A-MSDU */
		h[n + 1] = 0;
		n += 2;
	}
	if (wds) { /* HT control */
		le32_put(h + n, 0);
		n += 4;
	}
	return n;
}

size_t gen_wlan_radio_header(enum gen_link l, uint8_t *h)
{
	switch (l) {
	case GEN_RADIOTAP: /* TSFT, flags, rate, channel, antenna signal */
		memset(h, 0, 24);
		le16_put(h + 2, 24);
		le32_put(h + 4, 0x0000002fu);
		le32_put(h + 8, 0x01234567u); /* TSFT at 8, aligned */
		h[16] = 0x30;                  /* flags: FCS at end, data pad */
		h[17] = 12;                    /* rate: 6 Mb/s */
		le16_put(h + 18, 5180);        /* channel 36 */
		le16_put(h + 20, 0x0140);      /* OFDM, 5 GHz */
		h[22] = (uint8_t)-45;          /* dBm */
		return 24;
	case GEN_RADIOTAP_WDS: /* bitmaps: TSFT, flags, radiotap namespace, extended; antenna signal */
		memset(h, 0, 32);
		le16_put(h + 2, 32);
		le32_put(h + 4, 0xa0000003u);
		le32_put(h + 8, 0x00000020u);
		le32_put(h + 16, 0x89abcdefu); /* TSFT: at 12, aligned to 16 */
		h[24] = 0x10;                  /* flags: FCS at end */
		h[25] = (uint8_t)-60;          /* dBm */
		return 32;
	case GEN_PRISM: { /* message code, length, device, then 10 items of did, status, length, data */
		memset(h, 0, 144);
		le32_put(h, 0x00000041u);
		le32_put(h + 4, 144);
		memcpy(h + 8, "wlan0", 5);
		for (int i = 0; i < 10; i++) {
			le32_put(h + 24 + 12 * i, 0x1041u + ((uint32_t)i << 12));
			le16_put(h + 30 + 12 * i, 4);
		}
		return 144;
	}
	case GEN_AVS: /* version 1: 64 bytes, big-endian */
		memset(h, 0, 64);
		put32(h, 0x80211001u);
		put32(h + 4, 64);
		put32(h + 32, 1);  /* PHY type: FHSS... any */
		put32(h + 36, 36); /* channel */
		put32(h + 40, 60); /* data rate, 500 kb/s units */
		return 64;
	case GEN_PPI: /* header, then an 802.11-Common field of 20 bytes */
		memset(h, 0, 32);
		le16_put(h + 2, 32);
		le32_put(h + 4, 105);
		le16_put(h + 8, 2);
		le16_put(h + 10, 20);
		le16_put(h + 20, 0x0001); /* flags: FCS present */
		le16_put(h + 22, 12);     /* rate */
		le16_put(h + 24, 5180);   /* channel */
		h[30] = (uint8_t)-50;    /* antenna signal, dBm */
		return 32;
	default:
		return 0;
	}
}

bool gen_wlan_has_fcs(enum gen_link l)
{
	return l == GEN_RADIOTAP || l == GEN_RADIOTAP_WDS || l == GEN_PPI;
}

void gen_wlan_fcs(const uint8_t *mac, size_t len, uint8_t out[4])
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < len; i++) {
		c ^= mac[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	le32_put(out, ~c);
}

/* Radio header, MAC header (padded for radiotap's data pad), LLC/SNAP. */
static size_t wlan_link_header(const struct gen *g, uint16_t ethertype, uint8_t *h)
{
	size_t n = gen_wlan_radio_header(g->link, h);
	size_t mac = gen_wlan_header(g->link, h + n, g->wlan_flags);
	if (g->link == GEN_RADIOTAP) /* the data pad */
		for (; mac % 4; mac++)
			h[n + mac] = 0;
	n += mac;
	static const uint8_t snap[6] = {0xaa, 0xaa, 0x03, 0, 0, 0};
	memcpy(h + n, snap, 6);
	put16(h + n + 6, ethertype);
	return n + 8;
}

/* The link-layer header before an IP packet of len bytes. */
static size_t link_header(const struct gen *g, int version, uint8_t *h, size_t len)
{
	uint16_t ethertype = version == 4 ? 0x0800 : 0x86dd;
	if (g->mpls_labels && g->link != GEN_SLL && g->link != GEN_SLL2)
		ethertype = 0x8847;
	uint16_t ppp = version == 4 ? 0x0021 : 0x0057;
	static const uint8_t mac_a[6] = {0x02, 0, 0, 0, 0, 1}, mac_b[6] = {0x02, 0, 0, 0, 0, 2};
	size_t n = 0;
	switch (g->link) {
	case GEN_ETHERNET:
	case GEN_ETHERNET_VLAN:
	case GEN_ETHERNET_QINQ:
		memcpy(h, mac_b, 6);
		memcpy(h + 6, mac_a, 6);
		n = 12;
		if (g->link == GEN_ETHERNET_QINQ) {
			put16(h + n, 0x88a8);
			put16(h + n + 2, 100);
			n += 4;
		}
		if (g->link != GEN_ETHERNET) {
			put16(h + n, 0x8100);
			put16(h + n + 2, 42);
			n += 4;
		}
		put16(h + n, ethertype);
		n += 2;
		for (int i = 0; i < g->mpls_labels; i++, n += 4) /* label 1000 + i, TTL 64 */
			put32(h + n, (uint32_t)(1000 + i) << 12 | (i + 1 == g->mpls_labels ? 0x100u : 0) | 64);
		return n;
	case GEN_SLL:
		put16(h, 0);      /* sent to us */
		put16(h + 2, 772); /* ARPHRD_LOOPBACK */
		put16(h + 4, 6);
		memset(h + 6, 0, 8);
		memcpy(h + 6, mac_a, 6);
		put16(h + 14, ethertype);
		return 16;
	case GEN_SLL2:
		put16(h, ethertype);
		put16(h + 2, 0);
		put32(h + 4, 1);   /* interface index */
		put16(h + 8, 1);   /* ARPHRD_ETHER */
		h[10] = 0;
		h[11] = 6;
		memset(h + 12, 0, 8);
		memcpy(h + 12, mac_a, 6);
		return 20;
	case GEN_NULL: { /* a little-endian host, Linux's AF_INET6 */
		uint32_t fam = version == 4 ? 2 : 10;
		h[0] = (uint8_t)fam;
		h[1] = h[2] = h[3] = 0;
		return 4;
	}
	case GEN_NULL_BE: /* a big-endian host, macOS's AF_INET6 */
		put32(h, version == 4 ? 2 : 30);
		return 4;
	case GEN_LOOP: /* network order, OpenBSD's AF_INET6 */
		put32(h, version == 4 ? 2 : 24);
		return 4;
	case GEN_PPP:
		h[0] = 0xff;
		h[1] = 0x03;
		put16(h + 2, ppp);
		return 4;
	case GEN_PPP_COMPRESSED:
		h[0] = (uint8_t)ppp;
		return 1;
	case GEN_PPPOE:
		memcpy(h, mac_b, 6);
		memcpy(h + 6, mac_a, 6);
		put16(h + 12, 0x8864);
		h[14] = 0x11;
		h[15] = 0;
		put16(h + 16, 0x1234);  /* session */
		put16(h + 18, (uint32_t)(2 + len));
		put16(h + 20, ppp);
		return 22;
	case GEN_C_HDLC:
		h[0] = 0x0f;
		h[1] = 0;
		put16(h + 2, ethertype);
		return 4;
	case GEN_NFLOG: { /* AF_INET or AF_INET6, a prefix TLV, then the payload TLV */
		h[0] = version == 4 ? 2 : 10;
		h[1] = 0;
		put16(h + 2, 1);
		static const uint8_t prefix[8] = {8, 0, 10, 0, 's', 'i', 'p', 0}; /* NFULA_PREFIX "sip" */
		memcpy(h + 4, prefix, 8);
		size_t tlv = 4 + len;
		h[12] = (uint8_t)tlv;
		h[13] = (uint8_t)(tlv >> 8);
		h[14] = 9; /* NFULA_PAYLOAD, little-endian */
		h[15] = 0;
		return 16;
	}
	case GEN_WLAN:
	case GEN_RADIOTAP:
	case GEN_RADIOTAP_WDS:
	case GEN_PRISM:
	case GEN_AVS:
	case GEN_PPI:
		return wlan_link_header(g, ethertype, h);
	default:
		return 0;
	}
}

static uint16_t ip_checksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | (i + 1 < n ? p[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* IP header(s) for src -> dst, then the l4 bytes: a malloc'd packet of *len
 * bytes. frag_* describe a fragment (frag_more false and frag_off 0: not a
 * fragment). */
static uint8_t *ip_packet(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint8_t proto,
			  const uint8_t *l4, size_t l4len, bool fragment, size_t frag_off, bool frag_more,
			  uint32_t frag_id, size_t *len)
{
	uint8_t *ip = xmalloc(96 + l4len);
	size_t n = 0;
	if (src->family == 4) {
		memset(ip, 0, 20);
		ip[0] = 0x45;
		put16(ip + 2, (uint32_t)(20 + l4len));
		put16(ip + 4, fragment ? frag_id : g->ip_id++);
		put16(ip + 6, (uint32_t)((frag_more ? 0x2000 : 0) | (frag_off / 8)));
		ip[8] = 64;
		ip[9] = proto;
		memcpy(ip + 12, src->addr, 4);
		memcpy(ip + 16, dst->addr, 4);
		put16(ip + 10, ip_checksum(ip, 20));
		n = 20;
	} else {
		memset(ip, 0, 40);
		ip[0] = 0x60;
		ip[7] = 64;
		memcpy(ip + 8, src->addr, 16);
		memcpy(ip + 24, dst->addr, 16);
		size_t h = 40;
		uint8_t *next = ip + 6;
		/* extension headers: hop-by-hop (first, as RFC 8200 asks), destination options, routing */
		static const uint8_t types[3] = {0, 60, 43};
		for (int i = 0; i < g->v6_ext && i < 3; i++) {
			*next = types[i];
			memset(ip + h, 0, 8);
			if (types[i] != 43) { /* a PadN option filling the header */
				ip[h + 2] = 1;
				ip[h + 3] = 4;
			}
			next = ip + h;
			h += 8;
		}
		if (fragment) {
			*next = 44;
			memset(ip + h, 0, 8);
			next = ip + h;
			put16(ip + h + 2, (uint32_t)(frag_off | (frag_more ? 1 : 0)));
			put32(ip + h + 4, frag_id);
			h += 8;
		}
		*next = proto;
		put16(ip + 4, (uint32_t)(h - 40 + l4len));
		n = h;
	}
	memcpy(ip + n, l4, l4len);
	*len = n + l4len;
	return ip;
}

static size_t ethernet_header(uint8_t *h, int version)
{
	static const uint8_t mac_c[6] = {0x02, 0, 0, 0, 0, 3}, mac_d[6] = {0x02, 0, 0, 0, 0, 4};
	memcpy(h, mac_d, 6);
	memcpy(h + 6, mac_c, 6);
	put16(h + 12, version == 4 ? 0x0800 : 0x86dd);
	return 14;
}

/* A reply: the tunnel's port is the UDP header b's source port, and an
 * ephemeral one its destination. */
static void swap_for_reply(const struct gen_tunnel *t, uint8_t *b)
{
	if (!t->reply)
		return;
	memcpy(b, b + 2, 2);
	put16(b + 2, 49154);
}

/* UDP, then a GTP-U or Geneve header (and Ethernet when it carries that),
 * before an IP packet of len bytes; returns their length. */
static size_t udp_tunnel_header(const struct gen_tunnel *t, uint8_t *b, int version, size_t len)
{
	size_t n = 8;
	if (t->kind == GEN_TUN_GTPU || t->kind == GEN_TUN_GTPU_EXT) {
		bool ext = t->kind == GEN_TUN_GTPU_EXT;
		put16(b, t->port ? t->port : 2152);
		put16(b + 2, t->port ? t->port : 2152);
		b[n] = ext ? 0x36 : 0x30; /* version 1, GTP, E and S for ext */
		b[n + 1] = 255;           /* G-PDU */
		put16(b + n + 2, (uint32_t)(len + (ext ? 12 : 0)));
		put32(b + n + 4, 0x0badcafeu); /* TEID */
		n += 8;
		if (ext) {
			put16(b + n, 0x4242); /* sequence number */
			b[n + 2] = 0;         /* N-PDU number */
			b[n + 3] = 0x85;      /* next: PDU session container */
			b[n + 4] = 1;         /* 4 bytes: length, PDU type 1 (UL), QFI 9, next */
			b[n + 5] = 0x10;
			b[n + 6] = 9;
			b[n + 7] = 0x40;      /* next: UDP port */
			b[n + 8] = 1;         /* 4 bytes: length, port 2152, next */
			put16(b + n + 9, 2152);
			b[n + 11] = 0;        /* no more */
			n += 12;
		}
	} else {
		bool eth = t->kind == GEN_TUN_GENEVE;
		put16(b, 49153);
		put16(b + 2, t->port ? t->port : 6081);
		b[n] = eth ? 2 : 0; /* version 0, option length (4-byte units) */
		b[n + 1] = 0;
		put16(b + n + 2, eth ? 0x6558 : version == 4 ? 0x0800 : 0x86dd);
		put32(b + n + 4, 200u << 8); /* VNI 200 */
		n += 8;
		if (eth) { /* an option: class 0x0103, type 0x80, 4 bytes of data */
			put16(b + n, 0x0103);
			b[n + 2] = 0x80;
			b[n + 3] = 1;
			put32(b + n + 4, 0x11223344u);
			n += 8;
			n += ethernet_header(b + n, version);
		}
	}
	put16(b + 4, (uint32_t)(n + len));
	put16(b + 6, 0);
	swap_for_reply(t, b);
	return n;
}

/* Wraps the IP packet `inner` (freed) of the given version in tunnel t;
 * returns the outer IP packet. Tunnel endpoints are 203.0.113.1 -> .2 or
 * 2001:db8:ffff::1 -> ::2. */
static uint8_t *wrap(struct gen *g, const struct gen_tunnel *t, uint8_t *inner, size_t len, int version,
		     size_t *out_len)
{
	uint8_t *b = xmalloc(64 + len);
	size_t n = 0, gre_csum_at = 0;
	bool gre_csum = false;
	uint8_t proto;
	if (t->kind == GEN_TUN_IPIP) {
		proto = version == 4 ? 4 : 41;
	} else if (t->kind == GEN_TUN_GTPU || t->kind == GEN_TUN_GTPU_EXT || t->kind == GEN_TUN_GENEVE ||
		   t->kind == GEN_TUN_GENEVE_IP) {
		proto = 17;
		n = udp_tunnel_header(t, b, version, len);
	} else if (t->kind == GEN_TUN_VXLAN) {
		proto = 17;
		put16(b, 49152);
		put16(b + 2, t->port ? t->port : 4789);
		put16(b + 4, (uint32_t)(8 + 8 + 14 + len));
		put16(b + 6, 0);
		put32(b + 8, 0x08000000u); /* I flag */
		put32(b + 12, 100u << 8);   /* VNI 100 */
		n = 16;
		n += ethernet_header(b + n, version);
		swap_for_reply(t, b);
	} else {
		proto = 47;
		uint16_t flags = t->gre_flags | (t->kind == GEN_TUN_ERSPAN ? GEN_GRE_SEQ : 0);
		put16(b, flags);
		put16(b + 2, t->kind == GEN_TUN_GRE ? (version == 4 ? 0x0800 : 0x86dd)
			     : t->kind == GEN_TUN_GRE_ETH ? 0x6558 : 0x88be);
		n = 4;
		if (flags & GEN_GRE_CSUM) {
			gre_csum = true;
			gre_csum_at = n;
			put32(b + n, 0);
			n += 4;
		}
		if (flags & GEN_GRE_KEY) {
			put32(b + n, 0x00c0ffee);
			n += 4;
		}
		if (flags & GEN_GRE_SEQ) {
			put32(b + n, (uint32_t)g->frames);
			n += 4;
		}
		if (t->kind == GEN_TUN_ERSPAN) { /* version 1 (type II), VLAN 0; COS 0, session 7; index 0 */
			put16(b + n, 0x1000);
			put16(b + n + 2, 7);
			put32(b + n + 4, 0);
			n += 8;
		}
		if (t->kind != GEN_TUN_GRE)
			n += ethernet_header(b + n, version);
	}
	memcpy(b + n, inner, len);
	n += len;
	free(inner);
	if (gre_csum) /* over the GRE header and its payload */
		put16(b + gre_csum_at, ip_checksum(b, n));
	struct gen_endpoint a = t->family == 4 ? gen_ep4("203.0.113.1", 0) : gen_ep6("2001:db8:ffff::1", 0);
	struct gen_endpoint z = t->family == 4 ? gen_ep4("203.0.113.2", 0) : gen_ep6("2001:db8:ffff::2", 0);
	uint8_t *outer = ip_packet(g, &a, &z, proto, b, n, false, 0, false, 0, out_len);
	free(b);
	return outer;
}

/* Writes link header + IP packet (in g's tunnels) as one frame. */
static void emit_ip(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint8_t proto,
		    const uint8_t *l4, size_t l4len, bool fragment, size_t frag_off, bool frag_more, uint32_t frag_id)
{
	size_t len;
	uint8_t *pkt = ip_packet(g, src, dst, proto, l4, l4len, fragment, frag_off, frag_more, frag_id, &len);
	int version = src->family;
	for (size_t i = g->ntunnels; i-- > 0;) {
		pkt = wrap(g, &g->tunnels[i], pkt, len, version, &len);
		version = g->tunnels[i].family;
	}
	uint8_t *f = xmalloc(256 + 4 * (size_t)g->mpls_labels + len);
	size_t n = link_header(g, version, f, len);
	memcpy(f + n, pkt, len);
	n += len;
	free(pkt);
	if (gen_wlan_has_fcs(g->link)) { /* after the radio header, whose length is at 2 in both */
		size_t radio = (size_t)(f[2] | f[3] << 8);
		gen_wlan_fcs(f + radio, n - radio, f + n);
		n += 4;
	}
	gen_raw_frame(g, f, n, n);
	free(f);
}

static uint8_t *udp_datagram(const struct gen_endpoint *src, const struct gen_endpoint *dst, const void *payload,
			     size_t len)
{
	uint8_t *u = malloc(8 + len);
	if (!u)
		die("out of memory");
	put16(u, src->port);
	put16(u + 2, dst->port);
	put16(u + 4, (uint32_t)(8 + len));
	put16(u + 6, 0);
	memcpy(u + 8, payload, len);
	return u;
}

void gen_udp(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, const void *payload,
	     size_t len)
{
	uint8_t *u = udp_datagram(src, dst, payload, len);
	emit_ip(g, src, dst, 17, u, 8 + len, false, 0, false, 0);
	free(u);
}

size_t gen_wlan_msdus(struct gen *g, const struct gen_msdu *m, size_t n, bool amsdu, int mesh_ae, size_t *at)
{
	size_t cap = 256;
	for (size_t i = 0; i < n; i++)
		cap += 160 + m[i].len; /* padding, subframe header, mesh control, LLC/SNAP, IP headers (96 at most), UDP */
	uint8_t *f = xmalloc(cap);
	size_t radio = gen_wlan_radio_header(g->link, f);
	uint8_t *h = f + radio;
	size_t mac = gen_wlan_header(g->link, h, g->wlan_flags);
	if (h[0] == 0x08) { /* a plain data frame: made QoS data, its QoS control after the 24 bytes */
		h[0] = 0x88;
		h[24] = 5;
		h[25] = 0;
		mac = 26;
	}
	size_t qos = (h[1] & 0x03) == 0x03 ? 30 : 24;
	if (amsdu)
		h[qos] |= 0x80; /* A-MSDU present */
	if (mesh_ae >= 0) {
		h[qos + 1] |= 0x01; /* Mesh Control Present */
		if ((h[1] & 0x03) == 0x01)
			h[1] ^= 0x03; /* to the AP -> from a mesh STA (FromDS): mesh frames are not ToDS alone */
	}
	if (g->link == GEN_RADIOTAP) /* the data pad */
		for (; mac % 4; mac++)
			h[mac] = 0;
	size_t len = radio + mac;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && amsdu)
			for (; (len - radio - mac) % 4; len++)
				f[len] = 0; /* each subframe but the last padded to 4 bytes */
		if (at)
			at[i] = len;
		size_t sub = len;
		if (amsdu) { /* DA, SA, then the length (set below) */
			static const uint8_t da[6] = {0x02, 0, 0, 0, 0, 0x21}, sa[6] = {0x02, 0, 0, 0, 0, 0x22};
			memcpy(f + len, da, 6);
			memcpy(f + len + 6, sa, 6);
			len += 14;
		}
		if (mesh_ae >= 0) { /* flags, TTL, sequence number, address extension */
			f[len] = (uint8_t)mesh_ae;
			f[len + 1] = 31;
			le32_put(f + len + 2, 0x1000u + (uint32_t)i);
			memset(f + len + 6, 0x33, 6 * (size_t)mesh_ae);
			len += 6 + 6 * (size_t)mesh_ae;
		}
		static const uint8_t snap[6] = {0xaa, 0xaa, 0x03, 0, 0, 0};
		memcpy(f + len, snap, 6);
		put16(f + len + 6, m[i].src.family == 4 ? 0x0800 : 0x86dd);
		len += 8;
		uint8_t *u = udp_datagram(&m[i].src, &m[i].dst, m[i].payload, m[i].len);
		size_t ip_len;
		uint8_t *ip = ip_packet(g, &m[i].src, &m[i].dst, 17, u, 8 + m[i].len, false, 0, false, 0, &ip_len);
		memcpy(f + len, ip, ip_len);
		len += ip_len;
		free(ip);
		free(u);
		if (amsdu)
			put16(f + sub + 12, (uint32_t)(len - sub - 14));
	}
	if (gen_wlan_has_fcs(g->link)) {
		gen_wlan_fcs(h, len - radio, f + len);
		len += 4;
	}
	gen_raw_frame(g, f, len, len);
	free(f);
	return len;
}

void gen_tcp(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint32_t seq,
	     uint8_t flags, const void *payload, size_t len)
{
	gen_tcp_ack(g, src, dst, seq, flags & GEN_ACK ? 1 : 0, flags, payload, len);
}

void gen_tcp_ack(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint32_t seq,
		 uint32_t ack, uint8_t flags, const void *payload, size_t len)
{
	uint8_t *t = malloc(20 + len);
	if (!t)
		die("out of memory");
	memset(t, 0, 20);
	put16(t, src->port);
	put16(t + 2, dst->port);
	put32(t + 4, seq);
	put32(t + 8, ack);
	t[12] = 5 << 4;
	t[13] = flags;
	put16(t + 14, 65535);
	if (len)
		memcpy(t + 20, payload, len);
	emit_ip(g, src, dst, 6, t, 20 + len, false, 0, false, 0);
	free(t);
}

/* CRC32c (RFC 9260 appendix B), bit by bit: the checksum SCTP carries. */
static uint32_t crc32c(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0x82f63b78u : c >> 1;
	}
	return ~c;
}

void gen_sctp(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint32_t vtag,
	      const struct gen_sctp_chunk *chunks, size_t n)
{
	size_t len = 12;
	for (size_t i = 0; i < n; i++)
		len += (gen_sctp_chunk_header(&chunks[i]) + chunks[i].len + 3) & ~(size_t)3;
	uint8_t *s = malloc(len);
	if (!s)
		die("out of memory");
	memset(s, 0, len);
	put16(s, src->port);
	put16(s + 2, dst->port);
	put32(s + 4, vtag);
	size_t off = 12;
	for (size_t i = 0; i < n; i++) {
		const struct gen_sctp_chunk *c = &chunks[i];
		size_t hdr = gen_sctp_chunk_header(c);
		s[off] = c->type;
		s[off + 1] = c->flags;
		put16(s + off + 2, c->length ? c->length : (uint32_t)(hdr + c->len));
		if (c->type == GEN_SCTP_DATA || c->type == GEN_SCTP_IDATA) {
			put32(s + off + 4, c->tsn);
			put16(s + off + 8, c->stream);
			if (c->type == GEN_SCTP_DATA) {
				put32(s + off + 12, c->ppid); /* the SSN (s + off + 10) stays 0 */
			} else {
				put32(s + off + 12, c->mid);
				put32(s + off + 16, c->flags & GEN_SCTP_B ? c->ppid : c->fsn);
			}
		}
		if (c->len)
			memcpy(s + off + hdr, c->data, c->len);
		off += (hdr + c->len + 3) & ~(size_t)3;
	}
	/* the checksum over the packet with its own field zero, stored
	 * little-endian as RFC 9260 appendix B has it */
	uint32_t crc = crc32c(s, len);
	s[8] = (uint8_t)crc;
	s[9] = (uint8_t)(crc >> 8);
	s[10] = (uint8_t)(crc >> 16);
	s[11] = (uint8_t)(crc >> 24);
	emit_ip(g, src, dst, 132, s, len, false, 0, false, 0);
	free(s);
}

size_t gen_sctp_chunk_header(const struct gen_sctp_chunk *c)
{
	return c->type == GEN_SCTP_DATA ? 16 : c->type == GEN_SCTP_IDATA ? 20 : 4;
}

void gen_udp_fragments(struct gen *g, const struct gen_endpoint *src, const struct gen_endpoint *dst,
		       const void *payload, size_t len, size_t frag_size, const size_t *order, size_t norder)
{
	uint8_t *u = udp_datagram(src, dst, payload, len);
	size_t total = 8 + len, count = (total + frag_size - 1) / frag_size;
	uint32_t id = g->ip_id++;
	for (size_t k = 0; k < (order ? norder : count); k++) {
		size_t i = order ? order[k] : k;
		size_t off = i * frag_size, n = off + frag_size < total ? frag_size : total - off;
		emit_ip(g, src, dst, 17, u + off, n, true, off, i + 1 < count, id);
	}
	free(u);
}

void gen_tmpname(char *buf, size_t size, const char *suffix)
{
	snprintf(buf, size, "/tmp/sipmsg-test-XXXXXX%s", suffix);
	int fd = mkstemps(buf, (int)strlen(suffix));
	if (fd < 0)
		die("mkstemps failed");
	close(fd);
}

size_t gen_ws_frame(uint8_t *out, bool fin, uint8_t opcode, const uint8_t *mask, const void *payload, size_t len,
		    int len_bits)
{
	size_t n = 0;
	out[n++] = (uint8_t)((fin ? 0x80 : 0) | (opcode & 0x0f));
	uint8_t m = mask ? 0x80 : 0;
	if (len_bits == 64 || (len_bits == 0 && len > 65535)) {
		out[n++] = m | 127;
		for (int i = 7; i >= 0; i--)
			out[n++] = (uint8_t)((uint64_t)len >> (8 * i));
	} else if (len_bits == 16 || len > 125) {
		out[n++] = m | 126;
		put16(out + n, (uint32_t)len);
		n += 2;
	} else {
		out[n++] = m | (uint8_t)len;
	}
	if (mask) {
		memcpy(out + n, mask, 4);
		n += 4;
	}
	const uint8_t *p = payload;
	for (size_t i = 0; i < len; i++)
		out[n + i] = mask ? p[i] ^ mask[i & 3] : p[i];
	return n + len;
}

static size_t hep_chunk(uint8_t *out, uint16_t type, const void *data, size_t len)
{
	put16(out, 0);    /* vendor: generic */
	put16(out + 2, type);
	put16(out + 4, (uint32_t)(6 + len));
	memcpy(out + 6, data, len);
	return 6 + len;
}

size_t gen_hep3(uint8_t *out, const struct gen_endpoint *src, const struct gen_endpoint *dst, uint8_t ip_proto,
		uint32_t ts_sec, uint32_t ts_usec, const void *payload, size_t len)
{
	size_t n = 6;
	memcpy(out, "HEP3", 4);
	uint8_t b[4], family = src->family == 6 ? 10 : 2;
	n += hep_chunk(out + n, 0x0001, &family, 1);
	n += hep_chunk(out + n, 0x0002, &ip_proto, 1);
	size_t alen = src->family == 6 ? 16 : 4;
	n += hep_chunk(out + n, src->family == 6 ? 0x0005 : 0x0003, src->addr, alen);
	n += hep_chunk(out + n, src->family == 6 ? 0x0006 : 0x0004, dst->addr, alen);
	put16(b, src->port);
	n += hep_chunk(out + n, 0x0007, b, 2);
	put16(b, dst->port);
	n += hep_chunk(out + n, 0x0008, b, 2);
	put32(b, ts_sec);
	n += hep_chunk(out + n, 0x0009, b, 4);
	put32(b, ts_usec);
	n += hep_chunk(out + n, 0x000a, b, 4);
	uint8_t sip = 1;
	n += hep_chunk(out + n, 0x000b, &sip, 1);
	put32(b, 2001);
	n += hep_chunk(out + n, 0x000c, b, 4);
	n += hep_chunk(out + n, 0x000f, payload, len);
	put16(out + 4, (uint32_t)n);
	return n;
}

/* HEPv1 and v2 (Kamailio's hep_hdr): the same header; v2 adds a time header. */
static size_t hep12(uint8_t *out, int version, enum gen_hep_form form, const struct gen_endpoint *src,
		    const struct gen_endpoint *dst, uint8_t ip_proto, const void *payload, size_t len)
{
	size_t alen = src->family == 6 ? 16 : 4, n = 0;
	out[n++] = (uint8_t)version;
	out[n++] = (uint8_t)(form == GEN_HEP_KAMAILIO ? 8 + 2 * alen : 8);
	out[n++] = src->family == 6 ? 10 : 2;
	out[n++] = ip_proto;
	put16(out + n, src->port);
	put16(out + n + 2, dst->port);
	n += 4;
	memcpy(out + n, src->addr, alen);
	memcpy(out + n + alen, dst->addr, alen);
	n += 2 * alen;
	if (version == 2) {
		memset(out + n, 0, 12); /* struct hep_timehdr: seconds, microseconds, capture id, padding (host order) */
		out[n] = 1;
		n += 12;
	}
	memcpy(out + n, payload, len);
	return n + len;
}

size_t gen_hep2(uint8_t *out, enum gen_hep_form form, const struct gen_endpoint *src, const struct gen_endpoint *dst,
		uint8_t ip_proto, const void *payload, size_t len)
{
	return hep12(out, 2, form, src, dst, ip_proto, payload, len);
}

size_t gen_hep1(uint8_t *out, enum gen_hep_form form, const struct gen_endpoint *src, const struct gen_endpoint *dst,
		uint8_t ip_proto, const void *payload, size_t len)
{
	return hep12(out, 1, form, src, dst, ip_proto, payload, len);
}
