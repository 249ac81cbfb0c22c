/* SPDX-License-Identifier: MIT */
/* The capture reader on captures these tests write themselves: every link
 * type, IPv4 and IPv6, UDP and TCP (coalesced messages, a message split at
 * every byte, reordering, retransmission, overlap, gaps, streams joined
 * mid-way, framing errors), IP fragments, frames cut by the snaplen, SIP
 * inside tunnels, and truncated or corrupt files. */
#include <criterion/criterion.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef SIPMSG_TOOL_ZLIB
#include <zlib.h>
#endif

#include "capture.h"
#include "collect.h"
#include "pcapgen.h"
#include "tunnel.h"

/* --- messages --------------------------------------------------------- */

static const char INVITE[] =
	"INVITE sip:bob@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@example.com>\r\n"
	"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Contact: <sip:alice@192.0.2.1>\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: 29\r\n"
	"\r\n"
	"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n";

static const char RINGING[] =
	"SIP/2.0 180 Ringing\r\n"
	"Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
	"To: Bob <sip:bob@example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static const char BYE[] =
	"BYE sip:bob@192.0.2.4 SIP/2.0\r\n"
	"Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bKnashds10\r\n"
	"Max-Forwards: 70\r\n"
	"To: Bob <sip:bob@example.com>;tag=a6c85cf\r\n"
	"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
	"CSeq: 231 BYE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static struct collected *read_capture(const char *path) { return read_capture_opts(path, NULL); }

/* The i-th record of kind MESSAGE. */
static const struct rec *message(const struct collected *c, size_t i)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->r[k].kind == CAPTURE_MESSAGE && i-- == 0)
			return &c->r[k];
	cr_assert_fail("no message %zu", i);
	return NULL;
}

static const struct rec *notice_of(const struct collected *c, const char *kind)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->r[k].kind == CAPTURE_NOTICE && strcmp(c->r[k].notice_kind, kind) == 0)
			return &c->r[k];
	return NULL;
}

static void assert_bytes(const struct rec *r, const char *want, const char *what)
{
	cr_assert_eq(r->len, strlen(want), "%s: %zu bytes, want %zu", what, r->len, strlen(want));
	cr_assert(memcmp(r->data, want, r->len) == 0, "%s: bytes differ", what);
}

static void assert_endpoint(const struct net_addr *a, uint16_t port, const struct gen_endpoint *e, const char *what)
{
	cr_assert_eq(a->family, e->family, "%s: address family", what);
	cr_assert(memcmp(a->bytes, e->addr, e->family == 6 ? 16 : 4) == 0, "%s: address", what);
	cr_assert_eq(port, e->port, "%s: port", what);
}

/* --- TCP helpers ------------------------------------------------------- */

struct conn {
	struct gen_endpoint a, b;
	uint32_t isn;
};

static struct conn conn4(void)
{
	return (struct conn){gen_ep4("192.0.2.1", 40001), gen_ep4("192.0.2.2", 5060), 1000};
}

/* SYN, then the stream s[0..n) as segments ending at cuts[] (ascending, last == n). */
static void tcp_segments(struct gen *g, const struct conn *c, const char *s, const size_t *cuts, size_t ncuts)
{
	gen_tcp(g, &c->a, &c->b, c->isn, GEN_SYN, NULL, 0);
	size_t from = 0;
	for (size_t i = 0; i < ncuts; i++) {
		gen_tcp(g, &c->a, &c->b, c->isn + 1 + (uint32_t)from, GEN_ACK | GEN_PSH, s + from, cuts[i] - from);
		from = cuts[i];
	}
}

static char *concat3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c);
	char *s = malloc(n + 1);
	snprintf(s, n + 1, "%s%s%s", a, b, c);
	return s;
}

/* --- link types -------------------------------------------------------- */

Test(capture, every_link_type_ipv4_ipv6_pcap_and_pcapng)
{
	for (int ng = 0; ng <= 1; ng++) {
		for (int l = 0; l < GEN_LINK_COUNT; l++) {
			for (int fam = 4; fam <= 6; fam += 2) {
				if ((l == GEN_IPV4 && fam == 6) || (l == GEN_IPV6 && fam == 4))
					continue;
				char what[96];
				snprintf(what, sizeof what, "%s IPv%d %s", gen_link_name(l), fam, ng ? "pcapng" : "pcap");
				char path[64];
				gen_tmpname(path, sizeof path, ".cap");
				struct gen g;
				gen_open(&g, path, (enum gen_link)l, ng);
				struct gen_endpoint ua = fam == 4 ? gen_ep4("198.51.100.7", 5060) : gen_ep6("2001:db8::7", 5060);
				struct gen_endpoint ub = fam == 4 ? gen_ep4("198.51.100.8", 5080) : gen_ep6("2001:db8::8", 5080);
				gen_udp(&g, &ua, &ub, INVITE, strlen(INVITE));
				gen_udp(&g, &ua, &ub, "\x80\x00\x12\x34rtp-ish", 11); /* not SIP */
				struct conn c = {ua, ub, 7};
				c.a.port = 40002;
				size_t cut = strlen(BYE);
				tcp_segments(&g, &c, BYE, &cut, 1);
				gen_close(&g);
				struct collected *col = read_capture(path);
				cr_assert_eq(col->rc, 0, "%s: %s", what, col->err);
				cr_assert_eq(col->n, 2, "%s: %zu records", what, col->n);
				const struct rec *m = message(col, 0);
				assert_bytes(m, INVITE, what);
				cr_assert_eq(m->frame, 1, "%s", what);
				cr_assert_eq(m->transport, CAPTURE_UDP, "%s", what);
				assert_endpoint(&m->src, m->sport, &ua, what);
				assert_endpoint(&m->dst, m->dport, &ub, what);
				m = message(col, 1);
				assert_bytes(m, BYE, what);
				cr_assert_eq(m->transport, CAPTURE_TCP, "%s", what);
				cr_assert_eq(m->frame, 4, "%s", what);
				assert_endpoint(&m->src, m->sport, &c.a, what);
				free_collected(col);
				unlink(path);
			}
		}
	}
}

/* What dumpcap writes when it captures on several interfaces at once (`-i lo
 * -i any`): one pcapng section with an interface of each link type, frames
 * interleaved. libpcap refuses such a file ("an interface has a type 113
 * different from the type of the first interface"); each frame is read with
 * its own interface's link type and time resolution here. An interface of a
 * link type not read is skipped with one notice; a second section in the
 * other byte order brings its own interfaces. */
Test(capture, pcapng_interfaces_of_different_link_types)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcapng");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, true);                 /* interface 0: Ethernet, microseconds */
	unsigned sll = gen_ng_interface(&g, GEN_SLL, 0, 9);     /* 1: Linux cooked, nanoseconds */
	unsigned user = gen_ng_interface(&g, -1, 147, 6);       /* 2: LINKTYPE_USER0, not read */
	unsigned null = gen_ng_interface(&g, GEN_NULL, 0, 3);   /* 3: BSD loopback, milliseconds */
	struct gen_endpoint a = gen_ep4("127.0.0.1", 5060), b = gen_ep4("127.0.0.1", 5070);
	struct gen_endpoint a6 = gen_ep6("::1", 5062), b6 = gen_ep6("::1", 5072);
	gen_ng_use(&g, 0);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));            /* frame 1 */
	gen_ng_use(&g, sll);
	gen_udp(&g, &b, &a, RINGING, strlen(RINGING));          /* frame 2, at 1700000000.001000 */
	gen_ng_use(&g, user);
	gen_raw_frame(&g, "not a frame we read", 19, 19);      /* frames 3 and 4 */
	gen_raw_frame(&g, "nor this one", 12, 12);
	gen_ng_use(&g, null);
	struct conn c = {a6, b6, 77};
	size_t cut = strlen(BYE);
	tcp_segments(&g, &c, BYE, &cut, 1);                     /* frames 5 (SYN) and 6 */
	gen_ng_section(&g, true);                               /* the other byte order */
	gen_ng_interface(&g, GEN_ETHERNET, 0, 6);               /* a link type seen before: named once */
	gen_ng_interface(&g, GEN_SLL2, 0, 9);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));            /* frame 7 */
	gen_udp(&g, &b6, &a6, RINGING, strlen(RINGING));        /* frame 8 */
	gen_close(&g);

	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(col->stats.frames, 8);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 5, "%zu messages", count_kind(col, CAPTURE_MESSAGE));
	static const struct {
		const char *bytes;
		uint64_t frame;
		enum capture_transport transport;
	} want[] = {{INVITE, 1, CAPTURE_UDP}, {RINGING, 2, CAPTURE_UDP}, {BYE, 6, CAPTURE_TCP},
		    {INVITE, 7, CAPTURE_UDP}, {RINGING, 8, CAPTURE_UDP}};
	for (size_t i = 0; i < 5; i++) {
		const struct rec *m = message(col, i);
		char what[32];
		snprintf(what, sizeof what, "message %zu", i + 1);
		assert_bytes(m, want[i].bytes, what);
		cr_assert_eq(m->frame, want[i].frame, "%s: frame %llu", what, (unsigned long long)m->frame);
		cr_assert_eq(m->transport, want[i].transport, "%s", what);
		/* pcapgen stamps frame n at 1700000000 s + (n - 1) ms, in every resolution */
		cr_assert_eq(m->ts_sec, 1700000000, "%s: %lld s", what, (long long)m->ts_sec);
		cr_assert_eq(m->ts_usec, (uint32_t)(m->frame - 1) * 1000u, "%s: %u us", what, m->ts_usec);
	}
	assert_endpoint(&message(col, 2)->src, message(col, 2)->sport, &a6, "BYE over BSD loopback");
	assert_endpoint(&message(col, 4)->src, message(col, 4)->sport, &b6, "IPv6 in the swapped section");
	cr_assert_eq(count_kind(col, CAPTURE_NOTICE), 1);
	const struct rec *n = notice_of(col, "link-type-unsupported");
	cr_assert_not_null(n);
	cr_assert_eq(n->frame, 3);
	cr_assert(strstr(n->text, "interface 2") && strstr(n->text, "(147)"), "%s", n->text);
	/* every link type once, the second section's known only once it is read */
	cr_assert_str_eq(col->links, "EN10MB, LINUX_SLL, 147, NULL, LINUX_SLL2"); /* 147: libpcap has no name */
	cr_assert_eq(col->links_at_open, 4);
	free_collected(col);
	unlink(path);
}

/* The interfaces a pcapng section describes are held until it ends, so
 * their number is bounded (capture_opts.max_interfaces, --max-interfaces):
 * one more is an error that names the section and the block's byte offset,
 * after the frames before it; each section counts its own. */
Test(capture, pcapng_interfaces_are_bounded_per_section)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcapng");
	struct gen g;
	struct gen_endpoint a = gen_ep4("127.0.0.1", 5060), b = gen_ep4("127.0.0.1", 5070);
	gen_open(&g, path, GEN_ETHERNET, true); /* interface 0 */
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
	gen_udp(&g, &b, &a, RINGING, strlen(RINGING));
	fflush(g.ng);
	long at = ftell(g.ng);
	gen_ng_interface(&g, GEN_SLL, 0, 6); /* interface 1, after two frames */
	gen_udp(&g, &a, &b, BYE, strlen(BYE));
	gen_ng_section(&g, true);
	gen_ng_interface(&g, GEN_ETHERNET, 0, 6);
	gen_ng_interface(&g, GEN_SLL2, 0, 6);
	gen_udp(&g, &a, &b, BYE, strlen(BYE));
	gen_close(&g);

	struct capture_opts o;
	capture_opts_init(&o);
	cr_assert_eq(o.max_interfaces, 65536);
	o.max_interfaces = 2; /* each section describes two */
	struct collected *col = read_capture_opts(path, &o);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 4);
	free_collected(col);

	o.max_interfaces = 1;
	col = read_capture_opts(path, &o);
	cr_assert_eq(col->rc, -1);
	char want[200];
	snprintf(want, sizeof want,
		 "frame 3: pcapng section 1 describes more than 1 interfaces (--max-interfaces): the interface description block at byte %ld would be its interface 1",
		 at);
	cr_assert_str_eq(col->err, want);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "the frames before it are read");
	free_collected(col);
	unlink(path);

	/* before the first frame: the capture opens (its first interface is
	 * known), the error is the first frame's */
	gen_open(&g, path, GEN_ETHERNET, true);
	gen_ng_interface(&g, GEN_SLL, 0, 6);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
	gen_close(&g);
	col = read_capture_opts(path, &o);
	cr_assert_eq(col->rc, -1);
	static const char first[] = "frame 1: pcapng section 1 describes more than 1 interfaces";
	cr_assert(strncmp(col->err, first, strlen(first)) == 0, "%s", col->err);
	cr_assert_eq(col->n, 0);
	free_collected(col);
	unlink(path);
}

Test(capture, ipv6_extension_headers_are_skipped)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	g.v6_ext = 3;
	struct gen_endpoint a = gen_ep6("2001:db8::1", 5060), b = gen_ep6("2001:db8::2", 5060);
	gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
	struct conn c = {a, b, 99};
	c.a.port = 40000;
	size_t cuts[] = {10, strlen(INVITE)};
	tcp_segments(&g, &c, INVITE, cuts, 2);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
	assert_bytes(message(col, 0), RINGING, "UDP after 3 extension headers");
	assert_bytes(message(col, 1), INVITE, "TCP after 3 extension headers");
	free_collected(col);
	unlink(path);
}

Test(capture, unsupported_link_type_is_a_clear_error)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	pcap_t *p = pcap_open_dead(DLT_USER0, 65535);
	pcap_dumper_t *d = pcap_dump_open(p, path);
	pcap_dump_close(d);
	pcap_close(p);
	char err[512];
	struct capture *cap = capture_open_file(path, NULL, err, sizeof err);
	cr_assert_null(cap);
	cr_assert(strstr(err, "link type") && strstr(err, "not supported"), "%s", err);
	unlink(path);
}

/* dumpcap lists interfaces in the order given (`-i nflog -i lo`): a first
 * interface of a link type not read must not cost the frames of the others. */
Test(capture, pcapng_first_interface_unsupported_others_read)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcapng");
	struct gen g;
	gen_open_ng_bare(&g, path);
	unsigned user = gen_ng_interface(&g, -1, 147, 6);   /* 0: LINKTYPE_USER0, not read */
	unsigned eth = gen_ng_interface(&g, GEN_ETHERNET, 0, 6); /* 1: Ethernet */
	struct gen_endpoint a = gen_ep4("127.0.0.1", 5060), b = gen_ep4("127.0.0.1", 5070);
	gen_ng_use(&g, user);
	gen_raw_frame(&g, "not a frame we read", 19, 19);  /* frame 1 */
	gen_ng_use(&g, eth);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));        /* frame 2 */
	gen_close(&g);

	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(col->stats.frames, 2);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1);
	assert_bytes(message(col, 0), INVITE, "the Ethernet interface's frame");
	cr_assert_eq(message(col, 0)->frame, 2);
	const struct rec *n = notice_of(col, "link-type-unsupported");
	cr_assert_not_null(n);
	cr_assert(strstr(n->text, "interface 0") && strstr(n->text, "(147)"), "%s", n->text);
	cr_assert_str_eq(col->links, "147, EN10MB");
	free_collected(col);
	unlink(path);

	/* no interface read at all: still the clear error */
	gen_open_ng_bare(&g, path);
	gen_ng_interface(&g, -1, 147, 6);
	gen_raw_frame(&g, "x", 1, 1);
	gen_close(&g);
	char err[512];
	struct capture *cap = capture_open_file(path, NULL, err, sizeof err);
	cr_assert_null(cap);
	cr_assert(strstr(err, "link type") && strstr(err, "(147)") && strstr(err, "not supported"), "%s", err);
	unlink(path);
}

/* --- IEEE 802.11 --------------------------------------------------------- */

static bool wlan_link(int l) { return l >= GEN_WLAN && l < GEN_LINK_COUNT; }

/* The first frame of a pcap file, copied (free it); its link type in *dlt. */
static uint8_t *first_frame(const char *path, size_t *len, int *dlt)
{
	char pe[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline(path, pe);
	cr_assert_not_null(pc, "%s", pe);
	struct pcap_pkthdr *h;
	const u_char *frame;
	cr_assert_eq(pcap_next_ex(pc, &h, &frame), 1);
	uint8_t *copy = malloc(h->caplen);
	memcpy(copy, frame, h->caplen);
	*len = h->caplen;
	*dlt = pcap_datalink(pc);
	pcap_close(pc);
	return copy;
}

/* The length an IP packet's own header gives it. */
static size_t ip_announced_length(const uint8_t *ip)
{
	return ip[0] >> 4 == 4 ? (size_t)(ip[2] << 8 | ip[3]) : 40 + (size_t)(ip[4] << 8 | ip[5]);
}

/* The IP packet found in an 802.11 frame is the one written, up to its last
 * byte and no further: a radio header's FCS flag (radiotap: after TSFT,
 * aligned from the header's start across two presence bitmaps; PPI: in the
 * 802.11-Common field) takes the 4-byte FCS off the end. Every shorter cut,
 * in an exact-size buffer, is malformed or a shorter packet. */
Test(capture, wlan_ip_packet_stops_before_the_fcs_and_never_past_a_cut)
{
	for (int l = GEN_WLAN; wlan_link(l); l++) {
		for (int fam = 4; fam <= 6; fam += 2) {
			char what[64];
			snprintf(what, sizeof what, "%s IPv%d", gen_link_name(l), fam);
			char path[64];
			gen_tmpname(path, sizeof path, ".pcap");
			struct gen g;
			gen_open(&g, path, (enum gen_link)l, false);
			struct gen_endpoint a = fam == 4 ? gen_ep4("198.51.100.7", 5060) : gen_ep6("2001:db8::7", 5060);
			struct gen_endpoint b = fam == 4 ? gen_ep4("198.51.100.8", 5060) : gen_ep6("2001:db8::8", 5060);
			gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
			gen_close(&g);
			size_t len;
			int dlt;
			uint8_t *frame = first_frame(path, &len, &dlt);
			unlink(path);
			const uint8_t *ip;
			size_t ip_len;
			const char *reason = "";
			cr_assert_eq(net_link_decode(dlt, frame, len, len, &ip, &ip_len, &reason), NET_OK, "%s: %s", what,
				     reason);
			size_t want = ip_announced_length(ip);
			cr_assert_eq(want, (fam == 4 ? 20 : 40) + 8 + strlen(RINGING), "%s", what);
			cr_assert_eq(ip_len, want, "%s: %zu bytes of IP, want %zu", what, ip_len, want);
			cr_assert_eq(ip + ip_len, frame + len - (gen_wlan_has_fcs((enum gen_link)l) ? 4 : 0), "%s", what);
			/* cut by the snapshot length: inside the FCS, the packet is whole
			 * (only the FCS bytes kept are taken off); before it, cut
			 * (never malformed: every header is whole on the wire) */
			size_t fcs_at = len - (gen_wlan_has_fcs((enum gen_link)l) ? 4 : 0);
			for (size_t cut = 0; cut < len; cut++) {
				uint8_t *copy = malloc(cut ? cut : 1);
				memcpy(copy, frame, cut);
				size_t ip_wire = 0;
				enum net_result r =
					net_link_decode_first(dlt, copy, cut, len, NULL, &ip, &ip_len, &ip_wire, &reason);
				if (cut >= fcs_at)
					cr_assert(r == NET_OK && ip_len == want && ip + ip_len == copy + fcs_at &&
							  ip_wire == want,
						  "%s cut at %zu of %zu, in the FCS: result %d, %zu bytes of IP", what, cut,
						  len, (int)r, ip_len);
				else
					cr_assert(r == NET_CUT_SHORT ||
							  (r == NET_OK && ip_len < want && ip + ip_len == copy + cut &&
							   ip_wire == want),
						  "%s cut at %zu of %zu: result %d", what, cut, len, (int)r);
				free(copy);
			}
			free(frame);
		}
	}
}

/* A frame with an FCS that the snapshot length cut: cut inside the FCS, its
 * packet is whole and checked; cut inside the packet, it is SIP cut short
 * with all the bytes kept counted (none taken for an FCS that is not there). */
Test(capture, wlan_fcs_cut_by_the_snapshot_length)
{
	for (int l = GEN_WLAN; wlan_link(l); l++) {
		if (!gen_wlan_has_fcs((enum gen_link)l))
			continue;
		char path[64];
		gen_tmpname(path, sizeof path, ".pcap");
		struct gen g;
		gen_open(&g, path, (enum gen_link)l, false);
		struct gen_endpoint a = gen_ep4("198.51.100.7", 5060), b = gen_ep4("198.51.100.8", 5060);
		gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
		size_t len = 0;
		int dlt;
		gen_close(&g);
		free(first_frame(path, &len, &dlt));
		gen_open(&g, path, (enum gen_link)l, false);
		for (size_t missing = 1; missing <= 4; missing++) { /* frames 1-4: cut inside the FCS */
			g.snaplen = (uint32_t)(len - missing);
			gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
		}
		g.snaplen = (uint32_t)(len - 10); /* frame 5: 6 bytes of the message lost */
		gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->n, 5, "%s: %zu records", gen_link_name(l), col->n);
		for (size_t i = 0; i < 4; i++) {
			cr_assert_eq(col->r[i].kind, CAPTURE_MESSAGE, "%s frame %zu: %s", gen_link_name(l), i + 1,
				     col->r[i].text);
			assert_bytes(&col->r[i], RINGING, gen_link_name(l));
		}
		const struct rec *n = &col->r[4];
		cr_assert(n->kind == CAPTURE_NOTICE && n->cut_short, "%s: %s", gen_link_name(l), n->text);
		char want[64];
		snprintf(want, sizeof want, "(%zu of %zu bytes)", strlen(RINGING) - 6, strlen(RINGING));
		cr_assert(strstr(n->text, want), "%s: %s, want %s", gen_link_name(l), n->text, want);
		cr_assert_eq(col->stats.cut_short, 1);
		free_collected(col);
		unlink(path);
	}
}

/* A protected frame (WEP, TKIP, CCMP, GCMP) cannot be read without the
 * keys; an 802.11 fragment is not reassembled: each is skipped, and said
 * once per capture and reason, since a WPA capture holds thousands. */
Test(capture, wlan_protected_and_fragmented_frames_are_said_once)
{
	for (int ng = 0; ng <= 1; ng++) {
		char path[64];
		gen_tmpname(path, sizeof path, ".cap");
		struct gen g;
		gen_open(&g, path, GEN_RADIOTAP, ng);
		struct gen_endpoint a = gen_ep4("192.0.2.1", 5060), b = gen_ep4("192.0.2.2", 5060);
		g.wlan_flags = GEN_WLAN_PROTECTED;
		gen_udp(&g, &a, &b, INVITE, strlen(INVITE));   /* 1 */
		gen_udp(&g, &a, &b, INVITE, strlen(INVITE));   /* 2 */
		g.wlan_flags = 0;
		gen_udp(&g, &a, &b, INVITE, strlen(INVITE));   /* 3 */
		g.wlan_flags = GEN_WLAN_MORE_FRAGMENTS;
		gen_udp(&g, &a, &b, RINGING, strlen(RINGING)); /* 4 */
		g.wlan_flags = GEN_WLAN_PROTECTED;
		gen_udp(&g, &a, &b, RINGING, strlen(RINGING)); /* 5 */
		g.wlan_flags = GEN_WLAN_MORE_FRAGMENTS;
		gen_udp(&g, &a, &b, RINGING, strlen(RINGING)); /* 6 */
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, 0, "%s", col->err);
		cr_assert_eq(col->n, 3, "%zu records", col->n);
		cr_assert_eq(col->r[0].kind, CAPTURE_NOTICE);
		cr_assert_str_eq(col->r[0].notice_kind, "frame-unreadable");
		cr_assert_eq(col->r[0].frame, 1);
		cr_assert(strstr(col->r[0].text, "protected") && strstr(col->r[0].text, "later frames"), "%s",
			  col->r[0].text);
		assert_bytes(message(col, 0), INVITE, "the frame in clear");
		cr_assert_eq(message(col, 0)->frame, 3);
		cr_assert_str_eq(col->r[2].notice_kind, "frame-unreadable");
		cr_assert_eq(col->r[2].frame, 4);
		cr_assert(strstr(col->r[2].text, "fragments"), "%s", col->r[2].text);
		cr_assert_eq(col->stats.notices, 2);
		cr_assert_eq(col->stats.unreadable, 5, "every frame skipped is counted, not only those said");
		free_collected(col);
		unlink(path);
	}
}

/* --- 802.11 A-MSDUs ---------------------------------------------------- */

/* What net_link_decode_first and net_link_next give for one frame, in order. */
struct link_walk {
	size_t n;
	enum net_result r[8];
	const uint8_t *ip[8];
	size_t ip_len[8];
	size_t ip_wire[8];
	const char *reason[8];
};

static void walk_frame(int dlt, const uint8_t *f, size_t caplen, size_t wirelen, struct link_walk *w)
{
	struct net_link_rest rest;
	memset(w, 0, sizeof *w);
	w->reason[0] = "";
	w->r[0] = net_link_decode_first(dlt, f, caplen, wirelen, &rest, &w->ip[0], &w->ip_len[0], &w->ip_wire[0],
					&w->reason[0]);
	for (w->n = 1; rest.p; w->n++) {
		cr_assert_lt(w->n, 8, "the walk does not end");
		w->reason[w->n] = "";
		w->r[w->n] = net_link_next(&rest, &w->ip[w->n], &w->ip_len[w->n], &w->ip_wire[w->n], &w->reason[w->n]);
	}
}

/* An RTP-like datagram, then SIP over IPv4, then SIP over IPv6, in one
 * aggregate on each 802.11 link (mesh_ae >= 0: a mesh frame, as
 * gen_wlan_msdus writes it); the frame copied into *frame, its length in
 * *len, where each IP packet starts in it in ip_at[3]. */
static int amsdu_frame(enum gen_link l, int mesh_ae, uint8_t **frame, size_t *len, size_t ip_at[3])
{
	struct gen_msdu m[3] = {
		{gen_ep4("198.51.100.7", 5004), gen_ep4("198.51.100.8", 5004), "\x80\x00\x12\x34rtp-ish", 11},
		{gen_ep4("198.51.100.7", 5060), gen_ep4("198.51.100.8", 5060), INVITE, strlen(INVITE)},
		{gen_ep6("2001:db8::7", 5062), gen_ep6("2001:db8::8", 5060), RINGING, strlen(RINGING)},
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, l, false);
	size_t at[3];
	gen_wlan_msdus(&g, m, 3, true, mesh_ae, at);
	gen_close(&g);
	int dlt;
	*frame = first_frame(path, len, &dlt);
	unlink(path);
	for (size_t i = 0; i < 3; i++)
		ip_at[i] = at[i] + 14 + (mesh_ae >= 0 ? 6 + 6 * (size_t)mesh_ae : 0) + 8;
	return dlt;
}

/* Every subframe's IP packet is found, in order, up to its last byte; cut
 * at every length in an exact-size buffer, the packets wholly captured are
 * still found whole, then at most the one the cut falls in (cut) and a
 * reason, and nothing is read past the cut. */
static void amsdu_every_packet_every_cut(int mesh_ae)
{
	for (int l = GEN_WLAN; wlan_link(l); l++) {
		char what[80];
		snprintf(what, sizeof what, "%s%s", gen_link_name(l), mesh_ae >= 0 ? " mesh" : "");
		uint8_t *frame;
		size_t len, ip_at[3], want[3];
		int dlt = amsdu_frame((enum gen_link)l, mesh_ae, &frame, &len, ip_at);
		struct link_walk w;
		walk_frame(dlt, frame, len, len, &w);
		cr_assert_eq(w.n, 3, "%s: %zu packets", what, w.n);
		for (size_t i = 0; i < 3; i++) {
			cr_assert_eq(w.r[i], NET_OK, "%s packet %zu: %s", what, i, w.reason[i]);
			cr_assert_eq(w.ip[i], frame + ip_at[i], "%s packet %zu: found at %td, want %zu", what, i,
				     w.ip[i] - frame, ip_at[i]);
			want[i] = ip_announced_length(w.ip[i]);
			cr_assert_eq(w.ip_len[i], want[i], "%s packet %zu: %zu bytes, want %zu", what, i, w.ip_len[i],
				     want[i]);
		}
		size_t fcs_at = len - (gen_wlan_has_fcs((enum gen_link)l) ? 4 : 0);
		size_t body = ip_at[0] - 8 - 14 - (mesh_ae >= 0 ? 6 + 6 * (size_t)mesh_ae : 0); /* the aggregate's start */
		for (size_t cut = 0; cut < len; cut++) {
			uint8_t *copy = malloc(cut ? cut : 1);
			memcpy(copy, frame, cut);
			walk_frame(dlt, copy, cut, len, &w);
			size_t whole = 0;
			for (size_t i = 0; i < 3; i++)
				whole += ip_at[i] + want[i] <= (cut < fcs_at ? cut : fcs_at);
			for (size_t i = 0; i < whole; i++)
				cr_assert(i < w.n && w.r[i] == NET_OK && w.ip[i] == copy + ip_at[i] && w.ip_len[i] == want[i],
					  "%s cut at %zu of %zu: packet %zu not found whole", what, cut, len, i);
			cr_assert_leq(w.n, whole + 2, "%s cut at %zu: %zu results", what, cut, w.n);
			/* a cut is nothing malformed, not even in the radio and MAC
			 * headers before the aggregate (body: where it starts) */
			(void)body;
			for (size_t i = whole; i < w.n; i++)
				cr_assert((w.r[i] == NET_CUT_SHORT && i == w.n - 1) ||
						  (w.r[i] == NET_OK && i == whole && w.ip[i] == copy + ip_at[i] &&
						   w.ip_len[i] < want[i] && w.ip[i] + w.ip_len[i] == copy + cut),
					  "%s cut at %zu of %zu: result %zu is %d (%s)", what, cut, len, i, (int)w.r[i],
					  w.reason[i]);
			if (whole < 3)
				cr_assert(w.n > whole && (w.r[w.n - 1] != NET_OTHER),
					  "%s cut at %zu: the cut is not told", what, cut);
			free(copy);
		}
		free(frame);
	}
}

Test(capture, wlan_amsdu_every_subframe_read_and_never_past_a_cut)
{
	amsdu_every_packet_every_cut(-1);
}

/* 802.11s mesh frames: the mesh control field (0, 6 or 12 bytes of address
 * extension) is skipped in every subframe of a mesh A-MSDU, and after the
 * MAC header of a mesh frame that is not one; cut at every length, the
 * same holds as for A-MSDUs. */
Test(capture, wlan_mesh_amsdu_every_subframe_read_and_never_past_a_cut)
{
	for (int ae = 0; ae <= 2; ae++)
		amsdu_every_packet_every_cut(ae);
}

Test(capture, wlan_mesh_frame_skips_its_mesh_control_and_never_reads_past_a_cut)
{
	for (int l = GEN_WLAN; wlan_link(l); l++) {
		for (int ae = 0; ae <= 2; ae++) {
			char what[80];
			snprintf(what, sizeof what, "%s mesh AE %d", gen_link_name(l), ae);
			struct gen_msdu m = {gen_ep6("2001:db8::7", 5060), gen_ep6("2001:db8::8", 5060), INVITE,
					     strlen(INVITE)};
			char path[64];
			gen_tmpname(path, sizeof path, ".pcap");
			struct gen g;
			gen_open(&g, path, (enum gen_link)l, false);
			size_t at;
			gen_wlan_msdus(&g, &m, 1, false, ae, &at);
			gen_close(&g);
			struct collected *col = read_capture(path);
			cr_assert_eq(col->n, 1, "%s: %zu records", what, col->n);
			assert_bytes(&col->r[0], INVITE, what);
			free_collected(col);
			size_t len;
			int dlt;
			uint8_t *frame = first_frame(path, &len, &dlt);
			unlink(path);
			size_t ip_at = at + 6 + 6 * (size_t)ae + 8;
			struct link_walk w;
			walk_frame(dlt, frame, len, len, &w);
			cr_assert(w.n == 1 && w.r[0] == NET_OK && w.ip[0] == frame + ip_at, "%s: %s", what, w.reason[0]);
			size_t want = ip_announced_length(w.ip[0]);
			cr_assert_eq(w.ip_len[0], want, "%s", what);
			for (size_t cut = 0; cut < ip_at + want; cut++) {
				uint8_t *copy = malloc(cut ? cut : 1);
				memcpy(copy, frame, cut);
				walk_frame(dlt, copy, cut, len, &w);
				cr_assert(w.n == 1 && (w.r[0] == NET_CUT_SHORT ||
						       (w.r[0] == NET_OK && w.ip[0] == copy + ip_at &&
							w.ip[0] + w.ip_len[0] == copy + cut && w.ip_wire[0] == want)),
					  "%s cut at %zu: result %d (%s)", what, cut, (int)w.r[0], w.reason[0]);
				free(copy);
			}
			/* the same bit in a frame from an AP (TXOP, buffer state), whose
			 * body starts with LLC/SNAP, not valid mesh flags: read as it is */
			uint8_t *qos = frame + (ip_at - 8 - 6 - 6 * (size_t)ae);
			memmove(qos, qos + 6 + 6 * (size_t)ae, len - (size_t)(qos - frame) - 6 - 6 * (size_t)ae);
			walk_frame(dlt, frame, len - 6 - 6 * (size_t)ae, len - 6 - 6 * (size_t)ae, &w);
			cr_assert(w.n == 1 && w.r[0] == NET_OK && w.ip[0] == frame + ip_at - 6 - 6 * (size_t)ae,
				  "%s without its mesh control: %d (%s)", what, (int)w.r[0], w.reason[0]);
			free(frame);
		}
	}
}

/* A subframe whose length runs past the frame ends the walk with a reason;
 * the subframes before it are read. */
Test(capture, wlan_amsdu_subframe_running_past_the_frame)
{
	uint8_t *frame;
	size_t len, ip_at[3];
	int dlt = amsdu_frame(GEN_RADIOTAP, -1, &frame, &len, ip_at);
	size_t sub2 = ip_at[1] - 8 - 14;
	frame[sub2 + 12] = 0x7f; /* length 0x7fxx */
	struct link_walk w;
	walk_frame(dlt, frame, len, len, &w);
	cr_assert_eq(w.n, 2, "%zu results", w.n);
	cr_assert(w.r[0] == NET_OK && w.ip[0] == frame + ip_at[0]);
	cr_assert_eq(w.r[1], NET_MALFORMED);
	cr_assert(strstr(w.reason[1], "A-MSDU subframe length runs past its frame"), "%s", w.reason[1]);
	/* net_link_decode alone gives the first packet */
	const uint8_t *ip;
	size_t ip_len;
	const char *reason = "";
	cr_assert_eq(net_link_decode(dlt, frame, len, len, &ip, &ip_len, &reason), NET_OK);
	cr_assert_eq(ip, frame + ip_at[0]);
	free(frame);
}

/* In a capture: SIP in the second and third subframes is checked, in the
 * frame's order, with its own endpoints; cut by the snapshot length inside
 * the third, the second is still checked and the third said cut short;
 * cut inside the second, that is the frame's one notice: the third, hidden
 * by the cut, is no malformed packet. */
Test(capture, wlan_amsdu_sip_in_every_subframe_is_checked)
{
	for (int l = GEN_WLAN; wlan_link(l); l++) {
		uint8_t *frame;
		size_t len, ip_at[3];
		amsdu_frame((enum gen_link)l, -1, &frame, &len, ip_at);
		free(frame);
		char path[64];
		gen_tmpname(path, sizeof path, ".pcap");
		struct gen g;
		gen_open(&g, path, (enum gen_link)l, false);
		struct gen_msdu m[3] = {
			{gen_ep4("198.51.100.7", 5004), gen_ep4("198.51.100.8", 5004), "\x80\x00\x12\x34rtp-ish", 11},
			{gen_ep4("198.51.100.7", 5060), gen_ep4("198.51.100.8", 5060), INVITE, strlen(INVITE)},
			{gen_ep6("2001:db8::7", 5062), gen_ep6("2001:db8::8", 5060), RINGING, strlen(RINGING)},
		};
		gen_wlan_msdus(&g, m, 3, true, -1, NULL);           /* frame 1: whole */
		g.snaplen = (uint32_t)(ip_at[2] + 60);              /* frame 2: cut in the third */
		gen_wlan_msdus(&g, m, 3, true, -1, NULL);
		g.snaplen = (uint32_t)(ip_at[1] + 40 + 100);        /* frame 3: cut in the second */
		gen_wlan_msdus(&g, m, 3, true, -1, NULL);
		gen_close(&g);
		struct collected *col = read_capture(path);
		const char *name = gen_link_name(l);
		cr_assert_eq(col->rc, 0, "%s: %s", name, col->err);
		cr_assert_eq(col->n, 5, "%s: %zu records, last: %s", name, col->n, col->n ? col->r[col->n - 1].text : "");
		assert_bytes(&col->r[0], INVITE, name);
		assert_endpoint(&col->r[0].src, col->r[0].sport, &m[1].src, name);
		assert_bytes(&col->r[1], RINGING, name);
		assert_endpoint(&col->r[1].src, col->r[1].sport, &m[2].src, name);
		cr_assert_eq(col->r[0].frame, 1);
		cr_assert_eq(col->r[1].frame, 1);
		assert_bytes(&col->r[2], INVITE, name);
		cr_assert(col->r[3].kind == CAPTURE_NOTICE && col->r[3].cut_short && col->r[3].frame == 2, "%s: %s",
			  name, col->r[3].text);
		cr_assert(strstr(col->r[3].text, "[2001:db8::7]:5062"), "%s: %s", name, col->r[3].text);
		cr_assert(col->r[4].kind == CAPTURE_NOTICE && col->r[4].cut_short && col->r[4].frame == 3, "%s: %s",
			  name, col->r[4].text);
		cr_assert(strstr(col->r[4].text, "198.51.100.7:5060"), "%s: %s", name, col->r[4].text);
		free_collected(col);
		unlink(path);
	}
}

/* A 2-subframe mesh A-MSDU (SIP over IPv4, then over IPv6) as older Linux
 * mac80211 wrote it: each subframe's length little-endian, its mesh control
 * field not counted. Both packets are found where the big-endian frame has
 * them; the same bytes outside a mesh frame are not read that way; nor is
 * a little-endian length that does not end exactly on its IP packet. */
Test(capture, wlan_mesh_amsdu_little_endian_lengths)
{
	static const enum gen_link links[] = {GEN_WLAN, GEN_RADIOTAP};
	for (size_t l = 0; l < sizeof links / sizeof links[0]; l++)
		for (int ae = 0; ae <= 2; ae++) {
			char what[64], path[64];
			snprintf(what, sizeof what, "%s mesh AE %d", gen_link_name(links[l]), ae);
			gen_tmpname(path, sizeof path, ".pcap");
			struct gen_msdu m[2] = {
				{gen_ep4("198.51.100.7", 5060), gen_ep4("198.51.100.8", 5060), INVITE, strlen(INVITE)},
				{gen_ep6("2001:db8::7", 5060), gen_ep6("2001:db8::8", 5060), RINGING, strlen(RINGING)},
			};
			struct gen g;
			gen_open(&g, path, links[l], false);
			size_t at[2];
			gen_wlan_msdus(&g, m, 2, true, ae, at);
			gen_close(&g);
			size_t len;
			int dlt;
			uint8_t *frame = first_frame(path, &len, &dlt);
			struct link_walk be, le;
			walk_frame(dlt, frame, len, len, &be);
			cr_assert(be.n == 2 && be.r[0] == NET_OK && be.r[1] == NET_OK, "%s: big-endian", what);
			size_t mesh = 6 + 6 * (size_t)ae;
			for (size_t i = 0; i < 2; i++) {
				uint8_t *f = frame + at[i] + 12;
				size_t v = (size_t)(f[0] << 8 | f[1]) - mesh;
				f[0] = (uint8_t)v;
				f[1] = (uint8_t)(v >> 8);
			}
			walk_frame(dlt, frame, len, len, &le);
			cr_assert_eq(le.n, 2, "%s: %zu packets", what, le.n);
			for (size_t i = 0; i < 2; i++)
				cr_assert(le.r[i] == NET_OK && le.ip[i] == be.ip[i] && le.ip_len[i] == be.ip_len[i],
					  "%s: packet %zu: result %d (%s)", what, i, (int)le.r[i], le.reason[i]);
			/* read whole: both messages */
			gen_open(&g, path, links[l], false);
			gen_raw_frame(&g, frame, len, len);
			gen_close(&g);
			struct collected *col = read_capture(path);
			cr_assert_eq(col->n, 2, "%s: %zu records", what, col->n);
			assert_bytes(&col->r[0], INVITE, what);
			assert_bytes(&col->r[1], RINGING, what);
			free_collected(col);
			/* one byte more in the first length: it no longer ends on its
			 * IP packet, and the big-endian reading runs past the frame */
			frame[at[0] + 12]++;
			walk_frame(dlt, frame, len, len, &le);
			cr_assert(le.n == 1 && le.r[0] == NET_MALFORMED, "%s: one off: %zu results, %d", what, le.n,
				  (int)le.r[0]);
			frame[at[0] + 12]--;
			/* outside a mesh frame (Mesh Control Present clear) it is not read */
			uint8_t *mac = frame + (links[l] == GEN_RADIOTAP ? (size_t)(frame[2] | frame[3] << 8) : 0);
			mac[((mac[1] & 3) == 3 ? 30 : 24) + 1] &= (uint8_t)~1u;
			walk_frame(dlt, frame, len, len, &le);
			cr_assert(le.n == 1 && le.r[0] == NET_MALFORMED, "%s: not mesh: %zu results, %d", what, le.n,
				  (int)le.r[0]);
			free(frame);
			unlink(path);
		}
}

/* A frame the snapshot length cut is said once: cut at every length inside
 * its aggregate, it gives at most one notice, never a malformed packet for
 * the subframes the cut hid; and while SIP was hidden, that one notice is
 * given (a cut in the RTP subframe, silent itself, included). Cut in the FCS
 * only, nothing is said. */
Test(capture, wlan_amsdu_cut_anywhere_is_said_once)
{
	for (int mesh_ae = -1; mesh_ae <= 2; mesh_ae++) {
		for (int l = GEN_WLAN; wlan_link(l); l++) {
			char what[80];
			snprintf(what, sizeof what, "%s%s", gen_link_name(l), mesh_ae >= 0 ? " mesh" : "");
			uint8_t *frame;
			size_t len, ip_at[3];
			amsdu_frame((enum gen_link)l, mesh_ae, &frame, &len, ip_at);
			free(frame);
			size_t body = ip_at[0] - 8 - 14 - (mesh_ae >= 0 ? 6 + 6 * (size_t)mesh_ae : 0);
			size_t sip_end = ip_at[2] + 40 + 8 + strlen(RINGING);
			struct gen_msdu m[3] = {
				{gen_ep4("198.51.100.7", 5004), gen_ep4("198.51.100.8", 5004), "\x80\x00\x12\x34rtp-ish", 11},
				{gen_ep4("198.51.100.7", 5060), gen_ep4("198.51.100.8", 5060), INVITE, strlen(INVITE)},
				{gen_ep6("2001:db8::7", 5062), gen_ep6("2001:db8::8", 5060), RINGING, strlen(RINGING)},
			};
			/* frames of cut from, from + 1, ...: 150 a capture, for collect's room */
			for (size_t from = body; from < len; from += 150) {
				size_t to = from + 150 < len ? from + 150 : len, told[150] = {0};
				char path[64];
				gen_tmpname(path, sizeof path, ".pcap");
				struct gen g;
				gen_open(&g, path, (enum gen_link)l, false);
				for (size_t cut = from; cut < to; cut++) {
					g.snaplen = (uint32_t)cut;
					gen_wlan_msdus(&g, m, 3, true, mesh_ae, NULL);
				}
				gen_close(&g);
				struct collected *col = read_capture(path);
				cr_assert_eq(col->rc, 0, "%s: %s", what, col->err);
				for (size_t i = 0; i < col->n; i++) {
					const struct rec *r = &col->r[i];
					if (r->kind != CAPTURE_NOTICE)
						continue;
					size_t cut = from + (size_t)r->frame - 1;
					cr_assert(!strstr(r->text, "A-MSDU") || strcmp(r->notice_kind, "malformed-packet") != 0,
						  "%s cut at %zu: %s", what, cut, r->text);
					cr_assert_eq(++told[r->frame - 1], 1, "%s cut at %zu: a second notice: %s", what, cut,
						     r->text);
				}
				for (size_t cut = from; cut < to; cut++)
					cr_assert_eq(told[cut - from], cut < sip_end ? 1 : 0, "%s cut at %zu of %zu: %zu notices",
						     what, cut, len, told[cut - from]);
				free_collected(col);
				unlink(path);
			}
		}
	}
}

/* Management and control frames, data frames without data (Null, QoS
 * Null) and LLC payloads that are not SNAP or not IP carry no SIP: skipped
 * without a word, as a non-IP Ethernet frame is. */
Test(capture, wlan_frames_without_ip_are_skipped_silently)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_WLAN, false);
	uint8_t f[128] = {0};
	size_t n = gen_wlan_header(GEN_WLAN, f, 0);
	f[0] = 0x80; /* beacon */
	memset(f + n, 0x55, 40);
	gen_raw_frame(&g, f, n + 40, n + 40);
	static const uint8_t ack[10] = {0xd4, 0, 0, 0, 2, 0, 0, 0, 0, 0x11};
	gen_raw_frame(&g, ack, sizeof ack, sizeof ack);
	n = gen_wlan_header(GEN_WLAN, f, 0);
	f[0] = 0x48; /* Null data */
	gen_raw_frame(&g, f, n, n);
	f[0] = 0x08; /* data: spanning tree over plain LLC */
	static const uint8_t stp[] = {0x42, 0x42, 0x03, 0, 0, 0, 0, 0};
	memcpy(f + n, stp, sizeof stp);
	gen_raw_frame(&g, f, n + sizeof stp, n + sizeof stp);
	static const uint8_t arp[] = {0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1};
	memcpy(f + n, arp, sizeof arp);
	gen_raw_frame(&g, f, n + sizeof arp, n + sizeof arp);
	static const uint8_t ipx_oui[] = {0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x08, 0x00, 0x45};
	memcpy(f + n, ipx_oui, sizeof ipx_oui); /* Cisco's OUI: not an EtherType */
	gen_raw_frame(&g, f, n + sizeof ipx_oui, n + sizeof ipx_oui);
	f[0] = 0x09; /* protocol version 1 */
	memcpy(f + n, arp, sizeof arp);
	gen_raw_frame(&g, f, n + sizeof arp, n + sizeof arp);
	struct gen_endpoint a = gen_ep6("2001:db8::1", 5060), b = gen_ep6("2001:db8::2", 5060);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE)); /* 8 */
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(col->n, 1, "%zu records, first: %s", col->n, col->r[0].text);
	cr_assert_eq(message(col, 0)->frame, 8);
	free_collected(col);
	unlink(path);

	/* QoS Null, on a link whose data frames are QoS ones */
	gen_open(&g, path, GEN_RADIOTAP, false);
	n = gen_wlan_radio_header(GEN_RADIOTAP, f);
	size_t mac = gen_wlan_header(GEN_RADIOTAP, f + n, 0);
	f[n] = 0xc8;
	gen_wlan_fcs(f + n, mac, f + n + mac);
	gen_raw_frame(&g, f, n + mac + 4, n + mac + 4);
	gen_close(&g);
	col = read_capture(path);
	cr_assert_eq(col->n, 0, "%zu records", col->n);
	free_collected(col);
	unlink(path);
}

static enum net_result link_bytes(int dlt, const uint8_t *f, size_t len, const char **reason)
{
	const uint8_t *ip;
	size_t ip_len;
	return net_link_decode(dlt, f, len, len, &ip, &ip_len, reason);
}

/* An 802.11 data frame to the AP of `mac_len` header bytes (24, or a QoS
 * one's 26), LLC/SNAP for IPv4 and one byte of IPv4 into f; its length. */
static size_t wlan_frame(uint8_t *f, bool qos, uint8_t qos0)
{
	memset(f, 0, 40);
	f[0] = qos ? 0x88 : 0x08;
	f[1] = 0x01;
	size_t n = 24;
	if (qos) {
		f[24] = qos0;
		n = 26;
	}
	static const uint8_t snap[] = {0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, 0x45};
	memcpy(f + n, snap, sizeof snap);
	return n + sizeof snap;
}

Test(capture, wlan_and_radio_headers_malformed_or_foreign)
{
	const char *reason = "";
	uint8_t f[256];
	size_t n = wlan_frame(f, false, 0);
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, n, &reason), NET_OK);
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, 23, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "MAC header cut short"), "%s", reason);
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, 29, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "LLC/SNAP"), "%s", reason);
	f[22] = 0x01; /* fragment number 1 */
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, n, &reason), NET_UNREADABLE);
	cr_assert(strstr(reason, "fragments"), "%s", reason);
	n = wlan_frame(f, true, 0x80); /* an A-MSDU whose 9 bytes are too few for a subframe: none */
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, n, &reason), NET_OTHER);
	n = wlan_frame(f, true, 0x05);
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, n, &reason), NET_OK);
	f[1] = 0x81; /* order: 4 bytes of HT control, which the frame lacks */
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, 29, &reason), NET_MALFORMED);
	/* SNAP with an 802.1Q tag */
	n = wlan_frame(f, false, 0);
	static const uint8_t tagged[] = {0x81, 0x00, 0x00, 0x2a, 0x86, 0xdd, 0x60};
	memcpy(f + 30, tagged, sizeof tagged);
	const uint8_t *ip;
	size_t ip_len;
	cr_assert_eq(net_link_decode(DLT_IEEE802_11, f, 37, 37, &ip, &ip_len, &reason), NET_OK);
	cr_assert(ip == f + 36 && ip_len == 1);
	cr_assert_eq(link_bytes(DLT_IEEE802_11, f, 35, &reason), NET_MALFORMED);

	/* radiotap */
	uint8_t r[64] = {0, 0, 8, 0, 0, 0, 0, 0};
	n = wlan_frame(r + 8, false, 0) + 8;
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, r, n, &reason), NET_OK);
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, r, 7, &reason), NET_MALFORMED);
	r[0] = 1;
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, r, n, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "version"), "%s", reason);
	r[0] = 0;
	r[2] = 6;
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, r, n, &reason), NET_MALFORMED);
	r[2] = 64;
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, r, n, &reason), NET_MALFORMED);
	uint8_t ext[16] = {0, 0, 12, 0, 0, 0, 0, 0x80, 0, 0, 0, 0x80, 0, 0, 0, 0}; /* bitmaps past the length */
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, ext, sizeof ext, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "bitmaps"), "%s", reason);
	uint8_t no_flags[16] = {0, 0, 16, 0, 0x03, 0, 0, 0}; /* TSFT fills it: flags past the length */
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, no_flags, sizeof no_flags, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "fields run past"), "%s", reason);
	uint8_t fcs_only[13] = {0, 0, 9, 0, 0x02, 0, 0, 0, 0x10, 0x08, 0x01, 0, 0}; /* 4 bytes: the FCS alone */
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, fcs_only, sizeof fcs_only, &reason), NET_MALFORMED);
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO, fcs_only, 11, &reason), NET_MALFORMED);

	/* AVS, and an AVS header under Prism's link type */
	memset(f, 0, sizeof f);
	static const uint8_t avs_v1[8] = {0x80, 0x21, 0x10, 0x01, 0, 0, 0, 64};
	memcpy(f, avs_v1, 8);
	n = wlan_frame(f + 64, false, 0) + 64;
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO_AVS, f, n, &reason), NET_OK);
	cr_assert_eq(link_bytes(DLT_PRISM_HEADER, f, n, &reason), NET_OK);
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO_AVS, f, 63, &reason), NET_MALFORMED);
	f[3] = 0x21;
	cr_assert_eq(link_bytes(DLT_IEEE802_11_RADIO_AVS, f, n, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "version"), "%s", reason);
	/* Prism: its length in either byte order, else malformed */
	memset(f, 0, 64);
	f[0] = 0x41;
	f[4] = 64;
	cr_assert_eq(link_bytes(DLT_PRISM_HEADER, f, n, &reason), NET_OK);
	f[4] = 0;
	f[7] = 64;
	cr_assert_eq(link_bytes(DLT_PRISM_HEADER, f, n, &reason), NET_OK);
	f[6] = 1;
	cr_assert_eq(link_bytes(DLT_PRISM_HEADER, f, n, &reason), NET_MALFORMED);

	/* PPI: fields bounded, a link type inside other than 802.11 */
	uint8_t p[96] = {0, 0, 8, 0, 105, 0, 0, 0};
	n = wlan_frame(p + 8, false, 0) + 8;
	cr_assert_eq(link_bytes(DLT_PPI, p, n, &reason), NET_OK);
	p[0] = 1;
	cr_assert_eq(link_bytes(DLT_PPI, p, n, &reason), NET_MALFORMED);
	p[0] = 0;
	static const uint8_t field_past[] = {0, 0, 16, 0, 105, 0, 0, 0, 2, 0, 20, 0, 0, 0, 0, 0};
	memcpy(p, field_past, sizeof field_past);
	cr_assert_eq(link_bytes(DLT_PPI, p, sizeof p, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "PPI field"), "%s", reason);
	static const uint8_t ppi_ppi[] = {0, 0, 8, 0, 192, 0, 0, 0, 0, 0, 8, 0, 192, 0, 0, 0};
	cr_assert_eq(link_bytes(DLT_PPI, ppi_ppi, sizeof ppi_ppi, &reason), NET_MALFORMED);
	static const uint8_t ppi_user0[] = {0, 0, 8, 0, 147, 0, 0, 0, 0x45};
	cr_assert_eq(link_bytes(DLT_PPI, ppi_user0, sizeof ppi_user0, &reason), NET_OTHER);
	uint8_t ppi_eth[32] = {0, 0, 8, 0, 1, 0, 0, 0};
	ppi_eth[8 + 12] = 0x08;
	ppi_eth[8 + 14] = 0x45;
	cr_assert_eq(net_link_decode(DLT_PPI, ppi_eth, 23, 23, &ip, &ip_len, &reason), NET_OK);
	cr_assert(ip == ppi_eth + 22 && ip_len == 1);
}

/* An NFLOG attribute whose padding is not captured ends the walk: the bytes
 * after caplen are never read, even when they would make a payload. The
 * attributes are in little-endian order; nflog() takes either. */
Test(capture, nflog_attributes_never_read_past_the_capture)
{
	uint8_t f[36] = {2, 0, 0, 0,            /* AF_INET, version, resource id */
			 5, 0, 1, 0, 0xaa, 0, 0, 0, /* a 5-byte attribute, padded to 8 */
			 24, 0, 9, 0};              /* NFULA_PAYLOAD with 20 bytes */
	f[16] = 0x45;
	const uint8_t *ip;
	size_t ip_len;
	const char *reason = NULL;
	cr_assert_eq(net_link_decode(DLT_NFLOG, f, sizeof f, sizeof f, &ip, &ip_len, &reason), NET_OK);
	cr_assert(ip == f + 16 && ip_len == 20);
	/* cut inside the first attribute's padding: no payload in the capture */
	cr_assert_eq(net_link_decode(DLT_NFLOG, f, 9, 9, &ip, &ip_len, &reason), NET_OTHER);
	/* every cut, in an exact-size copy (ASan and valgrind see an over-read) */
	for (size_t cut = 0; cut <= sizeof f; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);
		cr_assert_not_null(copy);
		memcpy(copy, f, cut);
		reason = NULL;
		enum net_result r = net_link_decode(DLT_NFLOG, copy, cut, sizeof f, &ip, &ip_len, &reason);
		if (cut >= 16) {
			cr_assert_eq(r, NET_OK, "cut %zu: %d %s", cut, r, reason ? reason : "");
			cr_assert(ip == copy + 16 && ip_len == cut - 16, "cut %zu: %zu bytes", cut, ip_len);
		} else {
			cr_assert_neq(r, NET_OK, "cut %zu", cut);
		}
		free(copy);
	}
}

/* --- UDP --------------------------------------------------------------- */

Test(capture, sip_found_by_content_on_any_port)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint a = gen_ep4("10.0.0.1", 33333), b = gen_ep4("10.0.0.2", 44444);
	struct gen_endpoint s1 = gen_ep4("10.0.0.1", 5060), s2 = gen_ep4("10.0.0.2", 5060);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));                 /* SIP, odd ports */
	gen_udp(&g, &s1, &s2, "\r\n\r\n", 4);                        /* keep-alive */
	gen_udp(&g, &s1, &s2, "HTTP/1.1 200 OK\r\n\r\n", 19);         /* not SIP */
	gen_udp(&g, &s1, &s2, "\x00\x01\x00\x00\x21\x12\xa4\x42", 8); /* STUN-like */
	gen_udp(&g, &s1, &s2, "Via: SIP/2.0/UDP x\r\n", 20);         /* a header, not a start line */
	gen_udp(&g, &s2, &s1, "SIP/2.0 200 OK", 14);                 /* status line without line end */
	gen_udp(&g, &s2, &s1, "\r\nOPTIONS sip:x SIP/2.0\r\n\r\n", 27); /* leading CRLF */
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->n, 3, "%zu records", col->n);
	cr_assert_eq(message(col, 0)->frame, 1);
	cr_assert_eq(message(col, 1)->frame, 6);
	cr_assert_eq(message(col, 2)->frame, 7);
	assert_bytes(message(col, 2), "\r\nOPTIONS sip:x SIP/2.0\r\n\r\n", "leading CRLF kept");
	free_collected(col);
	unlink(path);
}

Test(capture, udp_cut_by_snaplen_is_reported)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	g.snaplen = 200;
	struct gen_endpoint a = gen_ep4("10.0.0.1", 5060), b = gen_ep4("10.0.0.2", 5060);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0);
	const struct rec *n = notice_of(col, "frame-truncated");
	cr_assert_not_null(n);
	cr_assert_eq(n->frame, 1);
	cr_assert(strstr(n->text, "snapshot length"), "%s", n->text);
	cr_assert(n->cut_short, "SIP that could not be checked is marked");
	cr_assert_eq(col->stats.cut_short, 1);
	free_collected(col);
	unlink(path);
}

/* What each frame of a capture gave: its notices (kinds and texts), its
 * messages, and how many were counted as SIP cut short. */
struct frame_tally {
	size_t notices[1024], messages[1024], counted[1024];
	char kind[1024][24];
	char text[1024][160];
	uint64_t frames_seen;
};

static void tally_frame(void *ctx, const struct capture_record *r)
{
	struct frame_tally *t = ctx;
	cr_assert_lt(r->frame, 1024);
	if (r->frame > t->frames_seen)
		t->frames_seen = r->frame;
	if (r->kind == CAPTURE_MESSAGE) {
		t->messages[r->frame]++;
		return;
	}
	t->notices[r->frame]++;
	t->counted[r->frame] += r->cut_short;
	snprintf(t->kind[r->frame], sizeof t->kind[0], "%s", r->notice_kind ? r->notice_kind : "");
	snprintf(t->text[r->frame], sizeof t->text[0], "%s", r->text ? r->text : "");
}

/* Read path whole into a fresh tally; its stats must add up to what was
 * seen. */
static struct frame_tally *tally_capture(const char *path)
{
	struct frame_tally *t = calloc(1, sizeof *t);
	char err[512] = "";
	struct capture *cap = capture_open_file(path, NULL, err, sizeof err);
	cr_assert_not_null(cap, "%s", err);
	cr_assert_eq(capture_run(cap, tally_frame, t, err, sizeof err), 0, "%s", err);
	const struct capture_stats *st = capture_get_stats(cap);
	uint64_t notices = 0, counted = 0, messages = 0;
	for (size_t f = 0; f < 1024; f++) {
		notices += t->notices[f];
		counted += t->counted[f];
		messages += t->messages[f];
	}
	cr_assert_eq(st->notices, notices);
	cr_assert_eq(st->cut_short, counted);
	cr_assert_eq(st->udp_messages + st->tcp_messages, messages);
	capture_close(cap);
	return t;
}

/* The capture's snapshot length cut a frame at every length, on several
 * link types, over IPv4 and IPv6, UDP and TCP: the bytes cut off are there
 * on the wire, so no header is malformed. Each cut frame gives one notice
 * at most, a frame-truncated one (a SIP message cut short, counted; or a
 * header cut, not counted; TCP data cut is a tcp-gap); a frame cut only in
 * its FCS is whole. */
Test(capture, a_snapshot_cut_in_any_header_is_no_malformed_packet)
{
	static const enum gen_link links[] = {GEN_ETHERNET, GEN_ETHERNET_VLAN, GEN_SLL2,
					      GEN_RAW,      GEN_PPPOE,         GEN_RADIOTAP};
	for (size_t l = 0; l < sizeof links / sizeof links[0]; l++)
		for (int fam = 4; fam <= 6; fam += 2)
			for (int tcp = 0; tcp <= 1; tcp++) {
				char what[80], path[64];
				snprintf(what, sizeof what, "%s IPv%d %s", gen_link_name(links[l]), fam, tcp ? "TCP" : "UDP");
				gen_tmpname(path, sizeof path, ".pcap");
				struct gen_endpoint a = fam == 4 ? gen_ep4("198.51.100.7", 5060) : gen_ep6("2001:db8::7", 5060);
				struct gen_endpoint b = fam == 4 ? gen_ep4("198.51.100.8", 5060) : gen_ep6("2001:db8::8", 5060);
				struct gen g;
				gen_open(&g, path, links[l], false);
				if (tcp)
					gen_tcp(&g, &a, &b, 1000, GEN_ACK | GEN_PSH, RINGING, strlen(RINGING));
				else
					gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
				gen_close(&g);
				size_t len;
				int dlt;
				uint8_t *frame = first_frame(path, &len, &dlt);
				size_t fcs_at = len - (gen_wlan_has_fcs(links[l]) ? 4 : 0);
				cr_assert_lt(len, 1024);
				/* frame 1 + cut: the frame cut at `cut`, each in its own
				 * flow (a source port of its own) */
				gen_open(&g, path, links[l], false);
				for (size_t cut = 0; cut < len; cut++) {
					a.port = (uint16_t)(20000 + cut);
					g.snaplen = (uint32_t)cut;
					if (cut == 0)
						gen_raw_frame(&g, frame, 0, len);
					else if (tcp)
						gen_tcp(&g, &a, &b, 1000, GEN_ACK | GEN_PSH, RINGING, strlen(RINGING));
					else
						gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
				}
				gen_close(&g);
				struct frame_tally *t = tally_capture(path);
				unlink(path);
				size_t payload_at = len - (len - fcs_at) - strlen(RINGING);
				for (size_t cut = 0; cut < len; cut++) {
					size_t f = cut + 1;
					if (cut >= fcs_at) {
						cr_assert(t->messages[f] == 1 && t->notices[f] == 0, "%s cut at %zu (FCS): %zu notices",
							  what, cut, t->notices[f]);
						continue;
					}
					cr_assert_eq(t->messages[f], 0, "%s cut at %zu", what, cut);
					cr_assert_leq(t->notices[f], 1, "%s cut at %zu: %zu notices", what, cut, t->notices[f]);
					cr_assert_eq(t->notices[f], 1, "%s cut at %zu: not told", what, cut);
					/* TCP data cut short is a gap in its stream */
					const char *kind = tcp && cut >= payload_at ? "tcp-gap" : "frame-truncated";
					cr_assert_str_eq(t->kind[f], kind, "%s cut at %zu: %s", what, cut, t->text[f]);
					cr_assert(strstr(t->text[f], "snapshot length"), "%s cut at %zu: %s", what, cut, t->text[f]);
					/* counted once enough of the start line was kept to
					 * tell it is SIP; never a header cut */
					if (cut <= payload_at)
						cr_assert_eq(t->counted[f], 0, "%s cut at %zu: %s", what, cut, t->text[f]);
					if (cut >= payload_at + strlen("SIP/2.0 180 Ringing\r\n"))
						cr_assert_eq(t->counted[f], 1, "%s cut at %zu: %s", what, cut, t->text[f]);
				}
				free(t);
				free(frame);
			}
}

/* A header shorter on the wire than it must be is malformed, cut by the
 * snapshot length or not: an IPv4 header the frame ends inside, a total
 * length past the frame's end, a UDP header inside an IP packet too short
 * for it. */
Test(capture, a_header_short_on_the_wire_is_malformed)
{
	struct gen_endpoint a = gen_ep4("198.51.100.7", 5060), b = gen_ep4("198.51.100.8", 5060);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
	gen_close(&g);
	size_t len;
	int dlt;
	uint8_t *frame = first_frame(path, &len, &dlt);
	uint8_t udp_short[14 + 20 + 4];
	memcpy(udp_short, frame, sizeof udp_short);
	udp_short[14 + 2] = 0, udp_short[14 + 3] = 24; /* IPv4 total length: 4 bytes of UDP */
	gen_open(&g, path, GEN_ETHERNET, false);
	gen_raw_frame(&g, frame, 14 + 10, 14 + 10);           /* 1: the frame ends inside the IPv4 header */
	gen_raw_frame(&g, frame, 14 + 10, 14 + 12);           /* 2: the same, cut by the snapshot length too */
	gen_raw_frame(&g, frame, len - 10, len - 10);         /* 3: the total length runs past the frame */
	gen_raw_frame(&g, udp_short, sizeof udp_short - 2, sizeof udp_short); /* 4: 4 bytes of UDP header, cut */
	gen_close(&g);
	struct frame_tally *t = tally_capture(path);
	unlink(path);
	static const char *const why[] = {NULL, "IPv4 header cut short", "IPv4 header cut short",
					  "IPv4 total length runs past the frame", "UDP header cut short"};
	for (size_t f = 1; f <= 4; f++) {
		cr_assert_eq(t->notices[f], 1, "frame %zu: %zu notices", f, t->notices[f]);
		cr_assert_str_eq(t->kind[f], "malformed-packet", "frame %zu: %s", f, t->text[f]);
		cr_assert(strstr(t->text[f], why[f]), "frame %zu: %s", f, t->text[f]);
		cr_assert_eq(t->counted[f], 0);
	}
	free(t);
	free(frame);
}

/* Datagrams cut by the snaplen: each case's bytes from src_addr, port
 * 40000 + its index, to port dport, `keep` of them kept. */
struct cut_case {
	const void *bytes;
	size_t len, keep; /* payload bytes, and those the capture keeps */
	int notice;       /* 0 none, 1 a frame-truncated notice counted, 2 one not counted */
};

/* Read the cases back: each gives the notice it says, naming its bytes
 * kept; a counted one starts with `sure` ("SIP datagram"), one not counted
 * with `unsure` and says it was cut before it could be told `doubt`
 * ("whether it is SIP"); no message. Returns how many were counted. */
static size_t check_cut_datagrams(const struct cut_case *cases, size_t n, const char *src_addr, uint16_t dport,
				  const char *sure, const char *unsure, const char *doubt)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint dst = gen_ep4("10.0.0.2", dport);
	for (size_t i = 0; i < n; i++) {
		struct gen_endpoint src = gen_ep4(src_addr, (uint16_t)(40000 + i));
		g.snaplen = (uint32_t)(14 + 20 + 8 + cases[i].keep);
		gen_udp(&g, &src, &dst, cases[i].bytes, cases[i].len);
	}
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0);
	size_t seen[16] = {0}, counted = 0;
	cr_assert_leq(n, sizeof seen / sizeof seen[0]);
	for (size_t k = 0; k < col->n; k++) {
		const struct rec *r = &col->r[k];
		cr_assert_str_eq(r->notice_kind, "frame-truncated");
		char from[64], doubted[96];
		snprintf(from, sizeof from, "%s %s:", r->cut_short ? sure : unsure, src_addr);
		cr_assert(strncmp(r->text, from, strlen(from)) == 0, "%s", r->text);
		size_t i = (size_t)atoi(r->text + strlen(from)) - 40000u;
		cr_assert_lt(i, n, "%s", r->text);
		seen[i]++;
		char want[80];
		snprintf(want, sizeof want, "(%zu of %zu bytes)", cases[i].keep, cases[i].len);
		cr_assert(strstr(r->text, want), "case %zu: %s", i, r->text);
		cr_assert_eq(r->cut_short, cases[i].notice == 1, "case %zu: %s", i, r->text);
		snprintf(doubted, sizeof doubted, " before it could be told %s; not checked", doubt);
		cr_assert(r->cut_short ? !strstr(r->text, "could be told") : strstr(r->text, doubted) != NULL,
			  "case %zu: %s", i, r->text);
		counted += r->cut_short;
	}
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(seen[i], cases[i].notice != 0, "case %zu: %zu notices", i, seen[i]);
	cr_assert_eq(col->stats.cut_short, counted);
	free_collected(col);
	unlink(path);
	return counted;
}

/* A datagram cut by the snaplen is SIP cut short (counted) only when the
 * bytes kept hold a SIP start line. Cut before that, it may be SIP or not
 * (a headers-only capture keeps 0 or 2 bytes of a DNS query): a notice that
 * says so, not counted. Bytes kept that are no start line: nothing. */
Test(capture, udp_cut_by_snaplen_counts_only_a_kept_start_line)
{
	static const char DNS[] = "ab\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07example\x03com\x00\x00\x01\x00\x01";
	static const char BINARY_DNS[] = "\x8e\x21\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03www\x00\x00\x01\x00\x01";
	size_t start_line = strlen("INVITE sip:bob@example.com SIP/2.0\r\n");
	struct cut_case cases[] = {
		{INVITE, sizeof INVITE - 1, 200, 1},
		{INVITE, sizeof INVITE - 1, start_line, 1},
		{INVITE, sizeof INVITE - 1, start_line - 2, 2}, /* without its line end */
		{INVITE, sizeof INVITE - 1, 2, 2},
		{DNS, sizeof DNS - 1, 0, 2},
		{DNS, sizeof DNS - 1, 2, 2},                    /* "ab": two token bytes */
		{BINARY_DNS, sizeof BINARY_DNS - 1, 2, 0},
		{BINARY_DNS, sizeof BINARY_DNS - 1, 12, 0},
	};
	size_t counted = check_cut_datagrams(cases, sizeof cases / sizeof cases[0], "10.0.0.1", 53, "SIP datagram",
					     "datagram", "whether it is SIP");
	cr_assert_eq(counted, 2);
}

/* --- IP fragments ------------------------------------------------------ */

/* A MESSAGE whose X-Padding header holds `pad` letters, sent over
 * `transport` (with Content-Length: 0 unless it is WS, which needs none). */
static char *padded_message(size_t pad, const char *transport, size_t *len)
{
	size_t cap = pad + 256;
	char *m = malloc(cap);
	int n = snprintf(m, cap, "MESSAGE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/%s 192.0.2.1;branch=z9hG4bKf\r\n"
				 "X-Padding: ", transport);
	for (size_t i = 0; i < pad; i++)
		m[n++] = (char)('a' + i % 26);
	n += snprintf(m + n, cap - (size_t)n, strcmp(transport, "WS") ? "\r\nContent-Length: 0\r\n\r\n" : "\r\n\r\n");
	*len = (size_t)n;
	return m;
}

/* an INVITE with a 2600-byte header, so that it needs several fragments */
static char *big_message(size_t *len)
{
	return padded_message(2600, "UDP", len);
}

static void fragments_case(int family, const size_t *order, size_t norder, bool complete, const char *what)
{
	size_t len;
	char *m = big_message(&len);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	g.v6_ext = family == 6 ? 1 : 0;
	struct gen_endpoint a = family == 4 ? gen_ep4("10.1.0.1", 5060) : gen_ep6("fd00::1", 5060);
	struct gen_endpoint b = family == 4 ? gen_ep4("10.1.0.2", 5060) : gen_ep6("fd00::2", 5060);
	gen_udp_fragments(&g, &a, &b, m, len, 1000, order, norder);
	gen_udp(&g, &b, &a, BYE, strlen(BYE)); /* something after */
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0);
	if (complete) {
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "%s", what);
		const struct rec *r = message(col, 0);
		cr_assert_eq(r->len, len, "%s: %zu bytes", what, r->len);
		cr_assert(memcmp(r->data, m, len) == 0, "%s: bytes differ", what);
		assert_endpoint(&r->src, r->sport, &a, what);
		cr_assert_null(notice_of(col, "ip-fragments-incomplete"), "%s", what);
	} else {
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1, "%s", what);
		const struct rec *n = notice_of(col, "ip-fragments-incomplete");
		cr_assert_not_null(n, "%s", what);
		cr_assert(strstr(n->text, "incomplete") && strstr(n->text, "first fragment in frame 1"), "%s", n->text);
	}
	free_collected(col);
	free(m);
	unlink(path);
}

Test(capture, ip_fragments_reassembled)
{
	static const size_t reversed[] = {2, 1, 0};
	static const size_t duplicated[] = {0, 1, 1, 0, 2};
	static const size_t missing[] = {0, 2};
	for (int fam = 4; fam <= 6; fam += 2) {
		fragments_case(fam, NULL, 0, true, "in order");
		fragments_case(fam, reversed, 3, true, "reversed");
		fragments_case(fam, duplicated, 5, true, "duplicated");
		fragments_case(fam, missing, 2, false, "one missing");
	}
}

/* The fragments of one datagram, cut by the snapshot length: the first
 * `whole` written whole (in order), then those of `order` (an index twice:
 * a copy) cut to `keep` payload bytes each (0: 300). */
struct frag_cut_case {
	const char *what;
	int family;
	bool hep;            /* the big message mirrored in HEPv3 */
	bool sip;            /* else a DNS-like binary payload */
	size_t whole;        /* fragments written whole first */
	size_t order[4], norder;
	uint64_t counted;    /* ip-fragment-truncated notices counted as SIP cut short */
	size_t told;         /* notices saying what the datagram was */
	size_t unknown;      /* notices saying its first fragment is not at hand */
	size_t too_short;    /* notices saying too little of its start was kept */
	bool incomplete;     /* an ip-fragments-incomplete notice at the end */
	size_t keep;         /* payload bytes kept of a cut fragment; 0: 300 */
	size_t whole_after;  /* fragments written whole after the cut ones */
};

/* An IP fragment cut short by the capture: its datagram cannot be
 * reassembled. Counted as SIP cut short (exit status 1, the summary's
 * cut_short) when the datagram's start that was kept (the first fragment,
 * cut or held whole) shows a SIP start line or a HEP packet of SIP, and
 * once per datagram however many of its fragments were cut; a fragment
 * cut before its datagram's start was seen is said, not counted. */
Test(capture, ip_fragment_cut_short_counts_sip_once_per_datagram)
{
	static const struct frag_cut_case cases[] = {
		/* the first fragment cut: the later ones know what it was from it */
		{"all cut, in order", 4, false, true, 0, {0, 1, 2}, 3, 1, 3, 0, 0, false, 0},
		{"all cut, in order, IPv6", 6, false, true, 0, {0, 1, 2}, 3, 1, 3, 0, 0, false, 0},
		{"all cut, reversed", 4, false, true, 0, {2, 1, 0}, 3, 1, 1, 2, 0, false, 0},
		{"first whole, rest cut", 4, false, true, 1, {1, 2}, 2, 1, 2, 0, 0, true, 0},
		{"first whole, rest cut, IPv6", 6, false, true, 1, {1, 2}, 2, 1, 2, 0, 0, true, 0},
		{"HEP, all cut", 4, true, true, 0, {0, 1, 2}, 3, 1, 3, 0, 0, false, 0},
		{"not SIP, all cut", 4, false, false, 0, {0, 1, 2}, 3, 0, 0, 0, 0, false, 0},
		{"not SIP, first whole", 4, false, false, 1, {1, 2}, 2, 0, 0, 0, 0, true, 0},
		/* a copy of the first fragment, cut again: the same datagram, counted once */
		{"first cut twice", 4, false, true, 0, {0, 0}, 2, 1, 2, 0, 0, false, 0},
		{"first cut twice, IPv6", 6, false, true, 0, {0, 0}, 2, 1, 2, 0, 0, false, 0},
		{"HEP, first cut twice", 4, true, true, 0, {0, 0}, 2, 1, 2, 0, 0, false, 0},
		{"first cut twice, then the rest", 4, false, true, 0, {0, 1, 0, 2}, 4, 1, 4, 0, 0, false, 0},
		{"not SIP, first cut twice", 4, false, false, 0, {0, 0, 1}, 3, 0, 0, 0, 0, false, 0},
		/* the first fragment cut inside the start line: not told, not counted */
		{"cut in the start line", 4, false, true, 0, {0, 1}, 2, 0, 0, 0, 2, false, 12},
		{"cut in the UDP header", 4, false, true, 0, {0, 0, 1}, 3, 0, 0, 0, 3, false, 4},
		/* the first fragment whole after cut ones: it tells, as if it came first */
		{"rest cut, then first whole", 4, false, true, 0, {1, 2}, 2, 1, 1, 2, 0, true, 0, 1},
		{"rest cut, then first whole, IPv6", 6, false, true, 0, {1, 2}, 2, 1, 1, 2, 0, true, 0, 1},
		{"HEP, rest cut, then first whole", 4, true, true, 0, {2}, 1, 1, 1, 1, 0, true, 0, 1},
		{"not SIP, rest cut, then first whole", 4, false, false, 0, {1, 2}, 2, 0, 0, 2, 0, true, 0, 1},
	};
	size_t len;
	char *m = big_message(&len);
	uint8_t *hep = malloc(len + 128), *binary = malloc(len);
	for (size_t i = 0; i < len; i++)
		binary[i] = (uint8_t)(i * 7 + 0x80);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const struct frag_cut_case *t = &cases[k];
		struct gen_endpoint a = t->family == 4 ? gen_ep4("10.1.0.1", 5060) : gen_ep6("fd00::1", 5060);
		struct gen_endpoint b = t->family == 4 ? gen_ep4("10.1.0.2", 5060) : gen_ep6("fd00::2", 5060);
		const void *payload = t->sip ? (const void *)m : binary;
		size_t plen = len;
		if (t->hep)
			plen = gen_hep3(hep, &a, &b, 17, 1700000000, 0, m, len), payload = hep;
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		g.v6_ext = t->family == 6 ? 1 : 0;
		uint16_t id = g.ip_id;
		static const size_t first[] = {0};
		if (t->whole)
			gen_udp_fragments(&g, &a, &b, payload, plen, 1000, first, t->whole);
		g.ip_id = id; /* the same datagram */
		size_t keep = t->keep ? t->keep : 300;
		g.snaplen = (uint32_t)(14 + (t->family == 4 ? 20 : 40 + 8 + 8) + keep); /* IPv6: one extension header, the fragment header */
		gen_udp_fragments(&g, &a, &b, payload, plen, 1000, t->order, t->norder);
		g.snaplen = 0;
		g.ip_id = id;
		if (t->whole_after)
			gen_udp_fragments(&g, &a, &b, payload, plen, 1000, first, t->whole_after);
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0, "%s", t->what);
		size_t cut = 0, told = 0, counted = 0, unknown = 0, too_short = 0;
		char kept[96];
		snprintf(kept, sizeof kept, "cut short by the capture's snapshot length (%zu of ", keep);
		for (size_t i = 0; i < col->n; i++) {
			const struct rec *r = &col->r[i];
			if (strcmp(r->notice_kind, "ip-fragment-truncated") != 0)
				continue;
			bool came_whole = strstr(r->text, "came whole") != NULL;
			cut += !came_whole;
			cr_assert(came_whole || strstr(r->text, kept), "%s: %s", t->what, r->text);
			counted += r->cut_short;
			unknown += strstr(r->text, "first fragment is not at hand") != NULL;
			too_short += strstr(r->text, "too little of its start was kept to tell whether it is SIP") != NULL;
			if (strstr(r->text, t->hep ? "a HEP packet mirroring SIP" : "a SIP datagram")) {
				told++;
				cr_assert(strstr(r->text, t->family == 4 ? "10.1.0.1:5060 -> 10.1.0.2:5060"
									: "[fd00::1]:5060 -> [fd00::2]:5060"),
					  "%s: %s", t->what, r->text);
				cr_assert_eq(r->cut_short, strstr(r->text, "already said") == NULL, "%s: %s", t->what, r->text);
			} else {
				cr_assert(!r->cut_short, "%s: %s", t->what, r->text);
			}
		}
		cr_assert_eq(cut, t->norder, "%s: %zu notices", t->what, cut);
		cr_assert_eq(counted, t->counted, "%s: %zu counted", t->what, counted);
		cr_assert_eq(col->stats.cut_short, t->counted, "%s", t->what);
		cr_assert_eq(told, t->told, "%s: %zu told", t->what, told);
		cr_assert_eq(unknown, t->unknown, "%s: %zu without the first fragment", t->what, unknown);
		cr_assert_eq(too_short, t->too_short, "%s: %zu too short to tell", t->what, too_short);
		const struct rec *inc = notice_of(col, "ip-fragments-incomplete");
		cr_assert_eq(inc != NULL, t->incomplete, "%s", t->what);
		char cut_at[80];
		snprintf(cut_at, sizeof cut_at, "(a fragment in frame %zu was cut short by the capture)", t->whole + 1);
		if (inc)
			cr_assert(strstr(inc->text, cut_at), "%s: %s", t->what, inc->text);
		free_collected(col);
	}
	unlink(path);
	free(hep);
	free(binary);
	free(m);
}

/* A datagram with a fragment cut short is remembered in a slot of the
 * reassembly table (so that it is counted once), but never at the cost of
 * one whose whole fragments are held: with room for one datagram, B's cut
 * fragments leave A's alone and A completes; with room for two, B is also
 * counted once for its two cut copies. The whole fragments of a datagram
 * whose first fragment was cut are held to the end, and the notice that
 * gives them up names the cut frame. */
Test(capture, ip_fragment_cut_short_is_remembered_without_displacing_reassembly)
{
	size_t len;
	char *m = big_message(&len);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen_endpoint a = gen_ep4("10.1.0.1", 5060), b = gen_ep4("10.1.0.2", 5060);
	struct gen_endpoint c = gen_ep4("10.1.0.3", 5060), d = gen_ep4("10.1.0.4", 5060);
	static const size_t first[] = {0}, rest[] = {1, 2};
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	uint16_t ida = g.ip_id;
	gen_udp_fragments(&g, &a, &b, m, len, 1000, first, 1); /* frame 1: A's first, whole */
	uint16_t idb = g.ip_id;
	g.snaplen = 14 + 20 + 300;
	gen_udp_fragments(&g, &c, &d, m, len, 1000, first, 1); /* frame 2: B's first, cut */
	g.ip_id = idb;
	gen_udp_fragments(&g, &c, &d, m, len, 1000, first, 1); /* frame 3: a copy of it, cut */
	g.snaplen = 0;
	g.ip_id = ida;
	gen_udp_fragments(&g, &a, &b, m, len, 1000, rest, 2); /* frames 4, 5: A complete */
	uint16_t idc = g.ip_id;
	g.snaplen = 14 + 20 + 300;
	gen_udp_fragments(&g, &a, &b, m, len, 1000, first, 1); /* frame 6: C's first, cut */
	g.snaplen = 0;
	g.ip_id = idc;
	gen_udp_fragments(&g, &a, &b, m, len, 1000, rest, 2); /* frames 7, 8: the rest of C, whole */
	gen_close(&g);
	for (size_t room = 1; room <= 2; room++) {
		struct capture_opts o;
		capture_opts_init(&o);
		o.max_fragmented = room;
		struct collected *col = read_capture_opts(path, &o);
		cr_assert_eq(col->rc, 0);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1, "room %zu: A is reassembled", room);
		const struct rec *r = message(col, 0);
		cr_assert_eq(r->len, len, "room %zu", room);
		cr_assert_eq(r->frame, 5, "room %zu", room);
		size_t incomplete = 0;
		for (size_t i = 0; i < col->n; i++)
			if (strcmp(col->r[i].notice_kind, "ip-fragments-incomplete") == 0) {
				incomplete++;
				cr_assert(strstr(col->r[i].text, "first fragment in frame 6") &&
						  strstr(col->r[i].text, "(a fragment in frame 6 was cut short by the capture)"),
					  "room %zu: %s", room, col->r[i].text);
			}
		cr_assert_eq(incomplete, 1, "room %zu: only C is given up", room);
		/* room 1: B could not be remembered beside A, its copy is counted again */
		cr_assert_eq(col->stats.cut_short, room == 1 ? 3 : 2, "room %zu: %llu counted", room,
			     (unsigned long long)col->stats.cut_short);
		free_collected(col);
	}
	unlink(path);
	free(m);
}

/* --- TCP --------------------------------------------------------------- */

/* The stream INVITE + CRLF keep-alive + RINGING + BYE, read back as 3 messages. */
static void assert_three(const struct collected *col, const char *what)
{
	cr_assert_eq(col->rc, 0, "%s: %s", what, col->err);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 3, "%s: %zu messages", what, count_kind(col, CAPTURE_MESSAGE));
	cr_assert_eq(col->n, 3, "%s: %zu records (notices?) first: %s", what, col->n, col->r[0].text);
	assert_bytes(message(col, 0), INVITE, what);
	assert_bytes(message(col, 1), RINGING, what);
	assert_bytes(message(col, 2), BYE, what);
}

static char *three_stream(size_t *n)
{
	char *first = concat3(INVITE, "\r\n\r\n", "");
	char *s = concat3(first, RINGING, BYE);
	free(first);
	*n = strlen(s);
	return s;
}

Test(capture, tcp_several_messages_in_one_segment)
{
	size_t n;
	char *s = three_stream(&n);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_SLL2, false);
	struct conn c = conn4();
	tcp_segments(&g, &c, s, &n, 1);
	gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)n, GEN_FIN | GEN_ACK, NULL, 0);
	gen_close(&g);
	struct collected *col = read_capture(path);
	assert_three(col, "coalesced");
	for (int i = 0; i < 3; i++)
		cr_assert_eq(message(col, (size_t)i)->frame, 2);
	free_collected(col);
	free(s);
	unlink(path);
}

Test(capture, tcp_split_at_every_byte_position)
{
	size_t n;
	char *s = three_stream(&n);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	size_t invite_end = strlen(INVITE);
	for (size_t k = 1; k < n; k++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, k % 2 == 0);
		struct conn c = conn4();
		size_t cuts[2] = {k, n};
		tcp_segments(&g, &c, s, cuts, 2);
		gen_close(&g);
		struct collected *col = read_capture(path);
		char what[32];
		snprintf(what, sizeof what, "split at %zu", k);
		assert_three(col, what);
		/* the INVITE is complete in the frame holding its last byte */
		cr_assert_eq(message(col, 0)->frame, k >= invite_end ? 2u : 3u, "%s", what);
		free_collected(col);
	}
	unlink(path);
	free(s);
}

Test(capture, tcp_one_byte_segments)
{
	size_t n;
	char *s = three_stream(&n);
	size_t *cuts = malloc(n * sizeof *cuts);
	for (size_t i = 0; i < n; i++)
		cuts[i] = i + 1;
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_RAW, false);
	struct conn c = conn4();
	tcp_segments(&g, &c, s, cuts, n);
	gen_close(&g);
	struct collected *col = read_capture(path);
	assert_three(col, "one byte per segment");
	cr_assert_eq(message(col, 0)->frame, 1 + strlen(INVITE));
	free_collected(col);
	free(cuts);
	free(s);
	unlink(path);
}

/* Segments of `size` bytes written in the order of `perm` (indexes). */
static void tcp_permuted(const char *path, const char *s, size_t n, size_t size, const size_t *perm, size_t count,
			 bool twice)
{
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
	for (size_t k = 0; k < count; k++) {
		size_t from = perm[k] * size, len = from + size < n ? size : n - from;
		for (int t = 0; t <= (twice ? 1 : 0); t++)
			gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)from, GEN_ACK, s + from, len);
	}
	gen_close(&g);
}

Test(capture, tcp_reordered_segments)
{
	size_t n;
	char *s = three_stream(&n);
	size_t size = 64, count = (n + size - 1) / size;
	size_t *perm = malloc(count * sizeof *perm);
	for (size_t i = 0; i < count; i++) /* reversed */
		perm[i] = count - 1 - i;
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	tcp_permuted(path, s, n, size, perm, count, false);
	struct collected *col = read_capture(path);
	assert_three(col, "reversed");
	for (int i = 0; i < 3; i++) /* nothing completes before the first segment arrives, last */
		cr_assert_eq(message(col, (size_t)i)->frame, 1 + count);
	free_collected(col);
	for (size_t i = 0; i + 1 < count; i += 2) { /* pairs swapped */
		perm[i] = i + 1;
		perm[i + 1] = i;
	}
	if (count % 2)
		perm[count - 1] = count - 1;
	tcp_permuted(path, s, n, size, perm, count, false);
	col = read_capture(path);
	assert_three(col, "pairs swapped");
	free_collected(col);
	free(perm);
	free(s);
	unlink(path);
}

Test(capture, tcp_retransmissions_dropped)
{
	size_t n;
	char *s = three_stream(&n);
	size_t size = 100, count = (n + size - 1) / size;
	size_t *perm = malloc(count * sizeof *perm);
	for (size_t i = 0; i < count; i++)
		perm[i] = i;
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	tcp_permuted(path, s, n, size, perm, count, true);
	struct collected *col = read_capture(path);
	assert_three(col, "every segment twice");
	cr_assert_eq(col->stats.retransmitted, count);
	free_collected(col);
	/* a late retransmission of the whole stream after it was all seen */
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	tcp_segments(&g, &c, s, &n, 1);
	gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
	gen_tcp(&g, &c.a, &c.b, c.isn + 1, GEN_ACK, s, n);
	gen_close(&g);
	col = read_capture(path);
	assert_three(col, "late retransmission");
	free_collected(col);
	free(perm);
	free(s);
	unlink(path);
}

Test(capture, tcp_overlapping_segments_trimmed)
{
	size_t n;
	char *s = three_stream(&n);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
	uint32_t base = c.isn + 1;
	/* [0,300) [200,500) [450,n) then [100,350) overlapping what is there */
	gen_tcp(&g, &c.a, &c.b, base, GEN_ACK, s, 300);
	gen_tcp(&g, &c.a, &c.b, base + 200, GEN_ACK, s + 200, 300);
	gen_tcp(&g, &c.a, &c.b, base + 100, GEN_ACK, s + 100, 250);
	/* out of order and overlapping each other: [700,n) before [450,760) */
	gen_tcp(&g, &c.a, &c.b, base + 700, GEN_ACK, s + 700, n - 700);
	gen_tcp(&g, &c.a, &c.b, base + 450, GEN_ACK, s + 450, 310);
	gen_close(&g);
	struct collected *col = read_capture(path);
	assert_three(col, "overlaps");
	free_collected(col);
	free(s);
	unlink(path);
}

Test(capture, tcp_gap_reported_never_merged)
{
	/* INVITE | first part of RINGING | (lost) | rest of RINGING + BYE */
	size_t n;
	char *s = three_stream(&n);
	size_t a = strlen(INVITE) + 4 + 40, b = a + 50;
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
	gen_tcp(&g, &c.a, &c.b, c.isn + 1, GEN_ACK, s, a);
	gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)b, GEN_ACK, s + b, n - b);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "%zu messages", count_kind(col, CAPTURE_MESSAGE));
	assert_bytes(message(col, 0), INVITE, "before the gap");
	assert_bytes(message(col, 1), BYE, "after the gap");
	const struct rec *gap = notice_of(col, "tcp-gap");
	cr_assert_not_null(gap);
	cr_assert(strstr(gap->text, "50 bytes") && strstr(gap->text, "192.0.2.1:40001 -> 192.0.2.2:5060"), "%s",
		  gap->text);
	cr_assert(strstr(gap->text, "unfinished message of 40 bytes"), "%s", gap->text);
	cr_assert(!gap->cut_short, "a lost segment is not SIP the capture cut short");
	cr_assert_eq(col->stats.cut_short, 0);
	cr_assert_not_null(notice_of(col, "stream-skipped"), "the rest of RINGING is skipped, and said so");
	for (size_t i = 0; i < col->n; i++) /* no record carries bytes from both sides of the hole */
		cr_assert(!(col->r[i].kind != CAPTURE_NOTICE && strstr(col->r[i].data, "180 Ringing")));
	cr_assert_eq(col->stats.framing_errors, 0);
	free_collected(col);
	free(s);
	unlink(path);
}

/* A hole that ends inside a request method: "VITE sip:... SIP/2.0" looks like
 * a request line but is the tail of a cut one, and must not pass for a
 * message; a hole that ends exactly between messages loses nothing else. */
Test(capture, tcp_gap_boundaries)
{
	size_t n;
	char *s = three_stream(&n);
	size_t ringing = strlen(INVITE) + 4, bye = ringing + strlen(RINGING);
	struct {
		size_t hole_from, hole_end;
		const char *want[2];
	} cases[] = {
		{0, 2, {RINGING, BYE}},              /* "IN" lost: "VITE ..." is not a message */
		{ringing - 4, bye, {INVITE, BYE}},   /* exactly RINGING (and the keep-alive) lost */
		{ringing, ringing + 1, {INVITE, BYE}}, /* "S" of the status line lost */
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct conn c = conn4();
		gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
		if (cases[k].hole_from)
			gen_tcp(&g, &c.a, &c.b, c.isn + 1, GEN_ACK, s, cases[k].hole_from);
		gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)cases[k].hole_end, GEN_ACK, s + cases[k].hole_end,
			n - cases[k].hole_end);
		gen_close(&g);
		struct collected *col = read_capture(path);
		char what[32];
		snprintf(what, sizeof what, "case %zu", k);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "%s: %zu messages", what, count_kind(col, CAPTURE_MESSAGE));
		assert_bytes(message(col, 0), cases[k].want[0], what);
		assert_bytes(message(col, 1), cases[k].want[1], what);
		cr_assert_not_null(notice_of(col, "tcp-gap"), "%s", what);
		free_collected(col);
	}
	/* the same rule where a capture joins a connection mid-way */
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	gen_tcp(&g, &c.a, &c.b, 777, GEN_ACK, s + 2, n - 2);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
	assert_bytes(message(col, 0), RINGING, "joined inside the INVITE's method");
	free_collected(col);
	free(s);
	unlink(path);
}

Test(capture, tcp_gap_declared_when_the_flow_buffer_fills)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
	/* 100 bytes never captured, then BYEs well past the 4 KiB limit */
	uint32_t seq = c.isn + 1 + 100;
	for (int i = 0; i < 40; i++) {
		gen_tcp(&g, &c.a, &c.b, seq, GEN_ACK, BYE, strlen(BYE));
		seq += (uint32_t)strlen(BYE);
	}
	gen_close(&g);
	struct capture_opts o;
	capture_opts_init(&o);
	o.max_flow_bytes = 4096;
	struct collected *col = read_capture_opts(path, &o);
	const struct rec *gap = notice_of(col, "tcp-gap");
	cr_assert_not_null(gap);
	cr_assert(strstr(gap->text, "flow buffer limit"), "%s", gap->text);
	cr_assert_lt(gap->frame, 40, "declared before the end of the capture (frame %llu)",
		     (unsigned long long)gap->frame);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 40);
	free_collected(col);
	unlink(path);
}

Test(capture, tcp_cut_by_snaplen_is_a_gap)
{
	size_t n;
	char *s = three_stream(&n);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	size_t a = strlen(INVITE) + 4;
	gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
	gen_tcp(&g, &c.a, &c.b, c.isn + 1, GEN_ACK, s, a);
	g.snaplen = 14 + 20 + 20 + 30; /* RINGING cut after 30 bytes */
	gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)a, GEN_ACK, s + a, strlen(RINGING));
	g.snaplen = 0;
	gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)(a + strlen(RINGING)), GEN_ACK, BYE, strlen(BYE));
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
	assert_bytes(message(col, 1), BYE, "after the cut");
	const struct rec *gap = notice_of(col, "tcp-gap");
	cr_assert_not_null(gap);
	cr_assert(strstr(gap->text, "snapshot length"), "%s", gap->text);
	cr_assert_eq(gap->frame, 3);
	cr_assert(gap->cut_short, "SIP that could not be checked is marked");
	cr_assert_eq(col->stats.cut_short, 1);
	free_collected(col);
	free(s);
	unlink(path);
}

/* A frame cut by the snaplen is a gap on any flow, but SIP cut short (and
 * counted as such) only on a flow that showed a SIP start line: not on
 * another protocol, an HTTP request that is no upgrade to SIP, a flow joined
 * mid-way before any SIP start line, nor a flow of which the capture kept too
 * little to tell (a headers-only capture: no payload byte, or part of the
 * first line). */
Test(capture, tcp_cut_by_snaplen_counts_only_sip_flows)
{
	static const char TLS[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 a client hello, and more of it, and more";
	static const char HTTP[] = "GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nAccept: */*\r\n\r\n";
	static const char TEXT[] = "lorem ipsum dolor sit amet\r\nconsectetur adipiscing elit\r\n";
	struct {
		const char *bytes;
		size_t len;
		uint16_t dport;
		size_t keep; /* payload bytes the capture keeps */
		bool from_syn, counted;
	} flows[] = {
		{TLS, sizeof TLS - 1, 5060, 40, true, false},
		{HTTP, sizeof HTTP - 1, 5060, 40, true, false},
		{TEXT, sizeof TEXT - 1, 5060, 40, false, false},
		{INVITE, sizeof INVITE - 1, 5060, 40, false, true}, /* the INVITE's start line and more */
		{INVITE, sizeof INVITE - 1, 5060, 40, true, true},
		{TLS, sizeof TLS - 1, 443, 0, true, false},     /* tcpdump -s 54: headers only */
		{INVITE, sizeof INVITE - 1, 5060, 0, true, false},
		{INVITE, sizeof INVITE - 1, 5060, 20, true, false}, /* inside the start line */
	};
	size_t nflows = sizeof flows / sizeof flows[0];
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	for (size_t i = 0; i < nflows; i++) {
		struct conn c = conn4();
		c.a.port = (uint16_t)(41000 + i);
		c.b.port = flows[i].dport;
		g.snaplen = 0;
		if (flows[i].from_syn)
			gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
		g.snaplen = (uint32_t)(14 + 20 + 20 + flows[i].keep);
		gen_tcp(&g, &c.a, &c.b, c.isn + 1, GEN_ACK, flows[i].bytes, flows[i].len);
	}
	gen_close(&g);
	struct collected *col = read_capture(path);
	size_t gaps = 0, counted = 0;
	for (size_t k = 0; k < col->n; k++) {
		const struct rec *r = &col->r[k];
		if (r->kind != CAPTURE_NOTICE || strcmp(r->notice_kind, "tcp-gap") != 0)
			continue;
		gaps++;
		size_t i = r->sport - 41000u;
		cr_assert_lt(i, nflows);
		cr_assert(strstr(r->text, "snapshot length"), "flow %zu: %s", i, r->text);
		cr_assert_eq(r->cut_short, flows[i].counted, "flow %zu: %s", i, r->text);
		counted += r->cut_short;
	}
	cr_assert_eq(gaps, nflows, "every cut is a gap (%zu)", gaps);
	cr_assert_eq(col->stats.cut_short, counted);
	cr_assert_eq(counted, 2);
	free_collected(col);
	unlink(path);
}

Test(capture, tcp_joined_mid_stream)
{
	size_t n;
	char *s = three_stream(&n);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	/* no SYN: the capture starts 30 bytes into the INVITE */
	gen_tcp(&g, &c.a, &c.b, 5000, GEN_ACK, s + 30, 200);
	gen_tcp(&g, &c.a, &c.b, 5200, GEN_ACK, s + 230, n - 230);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
	assert_bytes(message(col, 0), RINGING, "first whole message");
	assert_bytes(message(col, 1), BYE, "second");
	const struct rec *skip = notice_of(col, "stream-skipped");
	cr_assert_not_null(skip);
	char want[32];
	snprintf(want, sizeof want, "%zu bytes", strlen(INVITE) + 4 - 30);
	cr_assert(strstr(skip->text, want), "%s (want %s)", skip->text, want);
	free_collected(col);
	free(s);
	unlink(path);
}

Test(capture, tcp_missing_content_length_fails_framing_then_recovers)
{
	static const char no_cl[] = "OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n";
	char *s = concat3(no_cl, INVITE, BYE);
	size_t n = strlen(s);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	tcp_segments(&g, &c, s, &n, 1);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_FRAMING_ERROR), 1);
	cr_assert_eq(col->r[0].kind, CAPTURE_FRAMING_ERROR);
	cr_assert_eq(col->r[0].error_code, SIPMSG_DIAG_MISSING_CONTENT_LENGTH);
	assert_bytes(&col->r[0], no_cl, "the unframed message");
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
	assert_bytes(message(col, 0), INVITE, "next message");
	assert_bytes(message(col, 1), BYE, "and the one after");
	free_collected(col);
	free(s);
	unlink(path);
}

Test(capture, tcp_interleaved_flows_and_non_sip)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c1 = conn4(), c2 = conn4(), web = conn4();
	c2.a.port = 40002;
	c2.isn = 77777;
	web.a.port = 40003;
	web.b.port = 5060; /* HTTP on the SIP port: not SIP by content */
	gen_tcp(&g, &c1.a, &c1.b, c1.isn, GEN_SYN, NULL, 0);
	gen_tcp(&g, &c2.a, &c2.b, c2.isn, GEN_SYN, NULL, 0);
	gen_tcp(&g, &c2.b, &c2.a, 4242, GEN_SYN | GEN_ACK, NULL, 0);
	gen_tcp(&g, &web.a, &web.b, 1, GEN_SYN, NULL, 0);
	size_t half = 100;
	gen_tcp(&g, &c1.a, &c1.b, c1.isn + 1, GEN_ACK, INVITE, half);
	gen_tcp(&g, &c2.a, &c2.b, c2.isn + 1, GEN_ACK, BYE, half);
	gen_tcp(&g, &web.a, &web.b, 2, GEN_ACK, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27);
	gen_tcp(&g, &c2.b, &c2.a, 4243, GEN_ACK, RINGING, strlen(RINGING)); /* reverse direction of c2 */
	gen_tcp(&g, &c2.a, &c2.b, c2.isn + 1 + (uint32_t)half, GEN_ACK, BYE + half, strlen(BYE) - half);
	gen_tcp(&g, &c1.a, &c1.b, c1.isn + 1 + (uint32_t)half, GEN_ACK, INVITE + half, strlen(INVITE) - half);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->n, 3, "%zu records", col->n);
	assert_bytes(message(col, 0), RINGING, "c2 reverse");
	cr_assert_eq(message(col, 0)->sport, 5060);
	cr_assert_eq(message(col, 0)->dport, 40002);
	assert_bytes(message(col, 1), BYE, "c2");
	cr_assert_eq(message(col, 1)->sport, 40002);
	assert_bytes(message(col, 2), INVITE, "c1");
	cr_assert_eq(message(col, 2)->sport, 40001);
	cr_assert_eq(col->stats.tcp_flows, 4);
	free_collected(col);
	unlink(path);
}

Test(capture, tcp_unfinished_message_at_the_end_is_reported)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	size_t cut = 120;
	tcp_segments(&g, &c, INVITE, &cut, 1);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0);
	const struct rec *n = notice_of(col, "stream-incomplete");
	cr_assert_not_null(n);
	cr_assert(strstr(n->text, "120 bytes") && strstr(n->text, "INVITE sip:bob@example.com"), "%s", n->text);
	free_collected(col);
	unlink(path);
}

/* A small deterministic generator, so that failures reproduce. */
static uint32_t lcg(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

struct piece {
	size_t from, len;
};

/* Random segmentation, segments shuffled within a window of 4, some sent
 * twice or widened to overlap their neighbours; optionally one dropped. */
static size_t random_pieces(uint32_t *st, size_t n, struct piece *out, size_t max, bool drop, size_t *dropped)
{
	size_t count = 0;
	for (size_t from = 0; from < n && count < max;) {
		size_t len = 1 + lcg(st) % 200;
		if (from + len > n)
			len = n - from;
		out[count++] = (struct piece){from, len};
		from += len;
	}
	for (size_t i = 0; i + 1 < count; i++) { /* local reordering */
		size_t j = i + lcg(st) % 4;
		if (j < count) {
			struct piece t = out[i];
			out[i] = out[j];
			out[j] = t;
		}
	}
	*dropped = SIZE_MAX;
	size_t hole_from = 0, hole_end = 0;
	if (drop && count > 2) {
		*dropped = 1 + lcg(st) % (count - 2);
		hole_from = out[*dropped].from;
		hole_end = hole_from + out[*dropped].len;
		out[*dropped].len = 0; /* never sent */
	}
	size_t total = count;
	for (size_t i = 0; i < count && total < max; i++) {
		if (!out[i].len)
			continue;
		uint32_t r = lcg(st) % 8;
		if (r == 0) { /* a retransmission */
			out[total++] = out[i];
		} else if (r == 1 && out[i].from >= 10 && (out[i].from - 10 >= hole_end || out[i].from <= hole_from)) {
			/* widened back over bytes already sent (never into the hole) */
			out[i].from -= 10;
			out[i].len += 10;
		}
	}
	return total;
}

Test(capture, tcp_random_segmentation_property)
{
	size_t n;
	char *s = three_stream(&n);
	const char *originals[3] = {INVITE, RINGING, BYE};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	uint32_t st = 20240601;
	struct piece pieces[4096];
	for (int iter = 0; iter < 300; iter++) {
		bool drop = iter % 3 == 2;
		size_t dropped;
		size_t count = random_pieces(&st, n, pieces, sizeof pieces / sizeof pieces[0], drop, &dropped);
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct conn c = conn4();
		c.isn = lcg(&st) * 256u; /* exercises sequence number wrap-around too */
		gen_tcp(&g, &c.a, &c.b, c.isn, GEN_SYN, NULL, 0);
		for (size_t i = 0; i < count; i++)
			if (pieces[i].len)
				gen_tcp(&g, &c.a, &c.b, c.isn + 1 + (uint32_t)pieces[i].from, GEN_ACK, s + pieces[i].from,
					pieces[i].len);
		gen_close(&g);
		struct collected *col = read_capture(path);
		char what[48];
		snprintf(what, sizeof what, "iteration %d", iter);
		if (!drop) {
			assert_three(col, what);
		} else {
			/* whatever survives is an original message, byte for byte */
			for (size_t i = 0; i < col->n; i++) {
				const struct rec *r = &col->r[i];
				if (r->kind == CAPTURE_NOTICE)
					continue;
				cr_assert_eq(r->kind, CAPTURE_MESSAGE, "%s: a framing error from a gap", what);
				bool known = false;
				for (int k = 0; k < 3; k++)
					known |= r->len == strlen(originals[k]) && memcmp(r->data, originals[k], r->len) == 0;
				cr_assert(known, "%s: a message that is not one of the originals (%zu bytes)", what, r->len);
			}
			/* a hole with data after it is a gap; at the very end, an unfinished message */
			cr_assert(notice_of(col, "tcp-gap") || notice_of(col, "stream-incomplete"),
				  "%s: the lost segment is reported", what);
		}
		free_collected(col);
	}
	free(s);
	unlink(path);
}

/* --- bounded tables ---------------------------------------------------- */

Test(capture, tcp_flow_table_limit_drops_the_least_recent_flow)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c[3];
	for (int i = 0; i < 3; i++) {
		c[i] = conn4();
		c[i].a.port = (uint16_t)(41000 + i);
	}
	size_t half = 100;
	for (int i = 0; i < 3; i++) { /* three connections, each half way through an INVITE */
		gen_tcp(&g, &c[i].a, &c[i].b, c[i].isn, GEN_SYN, NULL, 0);
		gen_tcp(&g, &c[i].a, &c[i].b, c[i].isn + 1, GEN_ACK, INVITE, half);
	}
	for (int k = 1; k <= 3; k++) { /* flows 1 and 2 finish; flow 0, dropped for flow 2, comes last */
		int i = k % 3;
		gen_tcp(&g, &c[i].a, &c[i].b, c[i].isn + 1 + (uint32_t)half, GEN_ACK, INVITE + half,
			strlen(INVITE) - half);
	}
	gen_close(&g);
	struct capture_opts o;
	capture_opts_init(&o);
	o.max_flows = 2;
	struct collected *col = read_capture_opts(path, &o);
	const struct rec *n = notice_of(col, "tcp-flow-limit");
	cr_assert_not_null(n);
	cr_assert(strstr(n->text, "192.0.2.1:41000"), "%s", n->text);
	cr_assert_not_null(notice_of(col, "stream-incomplete"), "its unfinished INVITE is reported");
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
	cr_assert_eq(message(col, 0)->sport, 41001);
	cr_assert_eq(message(col, 1)->sport, 41002);
	free_collected(col);
	unlink(path);
}

Test(capture, fragment_table_limit_gives_up_the_oldest)
{
	size_t len;
	char *m = big_message(&len);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint a = gen_ep4("10.1.0.1", 5060), b = gen_ep4("10.1.0.2", 5060);
	static const size_t first[] = {0};
	gen_udp_fragments(&g, &a, &b, m, len, 1000, first, 1); /* datagram 1 starts */
	gen_udp_fragments(&g, &b, &a, m, len, 1000, NULL, 0);  /* datagram 2, whole */
	gen_close(&g);
	struct capture_opts o;
	capture_opts_init(&o);
	o.max_fragmented = 1;
	struct collected *col = read_capture_opts(path, &o);
	const struct rec *n = notice_of(col, "ip-fragments-incomplete");
	cr_assert_not_null(n);
	cr_assert(strstr(n->text, "too many datagrams"), "%s", n->text);
	cr_assert_eq(n->frame, 2, "given up when the second datagram needs the slot");
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1);
	cr_assert_eq(message(col, 0)->len, len);
	free_collected(col);
	free(m);
	unlink(path);
}

/* A datagram's last fragment more than 60 s after its first does not
 * complete it: the first is given up, the late one starts a datagram that
 * stays incomplete (fuzz_capture's seeds showed the late one completing it). */
Test(capture, fragment_after_60_s_does_not_complete_an_expired_datagram)
{
	size_t len;
	char *m = big_message(&len);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint a = gen_ep4("10.1.0.1", 5060), b = gen_ep4("10.1.0.2", 5060);
	static const size_t first[] = {0}, rest[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
	size_t nfrags = (len + 8 + 999) / 1000;
	cr_assert(nfrags >= 2 && nfrags <= 16, "%zu fragments", nfrags);
	uint16_t id = g.ip_id;
	gen_udp_fragments(&g, &a, &b, m, len, 1000, first, 1);
	g.sec += 61;
	g.ip_id = id; /* the same datagram */
	gen_udp_fragments(&g, &a, &b, m, len, 1000, rest, nfrags - 1);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0, "the late fragments completed an expired datagram");
	const struct rec *n = notice_of(col, "ip-fragments-incomplete");
	cr_assert_not_null(n);
	cr_assert(strstr(n->text, "after 60 s"), "%s", n->text);
	cr_assert_eq(n->frame, 2, "given up when the late fragment came");
	free_collected(col);
	free(m);
	unlink(path);
}

/* --- damaged files ----------------------------------------------------- */

static void three_datagrams(const char *path)
{
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint a = gen_ep4("10.0.0.1", 5060), b = gen_ep4("10.0.0.2", 5060);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
	gen_udp(&g, &b, &a, RINGING, strlen(RINGING));
	gen_udp(&g, &a, &b, BYE, strlen(BYE));
	gen_close(&g);
}

/* Byte offset of record i's header (0-based) in a pcap file written here. */
static long record_offset(const char *path, int i)
{
	FILE *f = fopen(path, "rb");
	long off = 24;
	for (int k = 0; k < i; k++) {
		uint32_t hdr[4];
		fseek(f, off, SEEK_SET);
		cr_assert_eq(fread(hdr, 4, 4, f), 4);
		off += 16 + (long)hdr[2];
	}
	fclose(f);
	return off;
}

Test(capture, truncated_file_names_the_frame)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	long cuts[2];
	three_datagrams(path);
	cuts[0] = record_offset(path, 2) + 16 + 50; /* inside frame 3's data */
	cuts[1] = record_offset(path, 2) + 7;       /* inside frame 3's record header */
	for (int i = 0; i < 2; i++) {
		three_datagrams(path);
		cr_assert_eq(truncate(path, cuts[i]), 0);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, -1, "cut %d", i);
		cr_assert(strstr(col->err, "frame 3") && strstr(col->err, "truncated"), "%s", col->err);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "the frames before are delivered");
		free_collected(col);
	}
	unlink(path);
}

Test(capture, corrupt_record_header_names_the_frame)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	three_datagrams(path);
	long off = record_offset(path, 1);
	FILE *f = fopen(path, "r+b");
	uint32_t huge = 0x7ffffff0u;
	fseek(f, off + 8, SEEK_SET); /* incl_len of frame 2 */
	fwrite(&huge, 4, 1, f);
	fclose(f);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, -1);
	cr_assert(strstr(col->err, "frame 2"), "%s", col->err);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1);
	free_collected(col);
	unlink(path);
}

Test(capture, corrupt_file_header_is_a_clear_error)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	three_datagrams(path);
	FILE *f = fopen(path, "r+b");
	uint16_t bad_major = 9;
	fseek(f, 4, SEEK_SET);
	fwrite(&bad_major, 2, 1, f);
	fclose(f);
	char err[512];
	cr_assert_null(capture_open_file(path, NULL, err, sizeof err));
	cr_assert(strstr(err, "not a readable capture"), "%s", err);
	cr_assert(truncate(path, 10) == 0);
	cr_assert_null(capture_open_file(path, NULL, err, sizeof err));
	cr_assert(strstr(err, "not a readable capture"), "%s", err);
	unlink(path);
}

/* --- tunnels ----------------------------------------------------------- */

struct tunnel_case {
	const char *what;
	struct gen_tunnel tunnels[GEN_MAX_TUNNELS]; /* outermost first */
	size_t ntunnels;
	int mpls_labels;
	int inner_family;
};

#define GRE_ALL_FLAGS (GEN_GRE_CSUM | GEN_GRE_KEY | GEN_GRE_SEQ)

static const struct tunnel_case tunnel_cases[] = {
	{"IPv4 in IPv4", {{GEN_TUN_IPIP, 4, 0}}, 1, 0, 4},
	{"IPv6 in IPv4 (6in4)", {{GEN_TUN_IPIP, 4, 0}}, 1, 0, 6},
	{"IPv4 in IPv6", {{GEN_TUN_IPIP, 6, 0}}, 1, 0, 4},
	{"IPv6 in IPv6", {{GEN_TUN_IPIP, 6, 0}}, 1, 0, 6},
	{"GRE IPv4 in IPv4", {{GEN_TUN_GRE, 4, 0}}, 1, 0, 4},
	{"GRE IPv6 in IPv6", {{GEN_TUN_GRE, 6, 0}}, 1, 0, 6},
	{"GRE with checksum, key and sequence", {{GEN_TUN_GRE, 4, GRE_ALL_FLAGS}}, 1, 0, 4},
	{"GRE key only, IPv6 inside", {{GEN_TUN_GRE, 4, GEN_GRE_KEY}}, 1, 0, 6},
	{"GRE transparent Ethernet bridging", {{GEN_TUN_GRE_ETH, 4, GEN_GRE_KEY}}, 1, 0, 4},
	{"ERSPAN type II", {{GEN_TUN_ERSPAN, 4, 0}}, 1, 0, 4},
	{"ERSPAN type II over IPv6, IPv6 inside", {{GEN_TUN_ERSPAN, 6, 0}}, 1, 0, 6},
	{"MPLS, 2 labels, IPv4", {{0}}, 0, 2, 4},
	{"MPLS, 1 label, IPv6", {{0}}, 0, 1, 6},
	{"VXLAN carrying IPv6", {{GEN_TUN_VXLAN, 4, 0}}, 1, 0, 6},
	{"VXLAN over IPv6 carrying IPv4", {{GEN_TUN_VXLAN, 6, 0}}, 1, 0, 4},
	{"MPLS, then GRE, then VXLAN", {{GEN_TUN_GRE, 4, GEN_GRE_SEQ}, {GEN_TUN_VXLAN, 4, 0}}, 2, 3, 6},
	{"GTP-U IPv4 in IPv4", {{GEN_TUN_GTPU, 4, 0}}, 1, 0, 4},
	{"GTP-U IPv6 in IPv4", {{GEN_TUN_GTPU, 4, 0}}, 1, 0, 6},
	{"GTP-U with extension headers, IPv6 in IPv6", {{GEN_TUN_GTPU_EXT, 6, 0}}, 1, 0, 6},
	{"GTP-U with extension headers, IPv4 in IPv6", {{GEN_TUN_GTPU_EXT, 6, 0}}, 1, 0, 4},
	{"Geneve with an option, Ethernet, IPv4", {{GEN_TUN_GENEVE, 4, 0}}, 1, 0, 4},
	{"Geneve over IPv6 carrying IPv6", {{GEN_TUN_GENEVE_IP, 6, 0}}, 1, 0, 6},
	{"Geneve, then GTP-U with extension headers", {{GEN_TUN_GENEVE, 4, 0}, {GEN_TUN_GTPU_EXT, 6, 0}}, 2, 0, 4},
	{"4 tunnels deep (the bound)",
	 {{GEN_TUN_IPIP, 6, 0}, {GEN_TUN_GRE, 4, 0}, {GEN_TUN_VXLAN, 4, 0}, {GEN_TUN_GRE_ETH, 6, 0}}, 4, 0, 4},
};

static struct gen_endpoint inner_ep(int family, int host, uint16_t port)
{
	return family == 4 ? gen_ep4(host == 1 ? "192.0.2.11" : "192.0.2.12", port)
			   : gen_ep6(host == 1 ? "2001:db8:5::11" : "2001:db8:5::12", port);
}

static void gen_open_tunnel(struct gen *g, const char *path, const struct tunnel_case *t)
{
	gen_open(g, path, GEN_ETHERNET, false);
	g->mpls_labels = t->mpls_labels;
	g->ntunnels = t->ntunnels;
	memcpy(g->tunnels, t->tunnels, sizeof t->tunnels);
}

Test(capture, sip_inside_tunnels_found_with_inner_endpoints)
{
	for (size_t k = 0; k < sizeof tunnel_cases / sizeof tunnel_cases[0]; k++) {
		const struct tunnel_case *t = &tunnel_cases[k];
		char path[64];
		gen_tmpname(path, sizeof path, ".pcap");
		struct gen g;
		gen_open_tunnel(&g, path, t);
		struct gen_endpoint a = inner_ep(t->inner_family, 1, 5060), b = inner_ep(t->inner_family, 2, 5062);
		gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
		/* a TCP stream in three segments, reassembled inside the tunnel */
		struct conn c = {a, b, 5000};
		c.a.port = 40100;
		size_t cuts[] = {10, 60, strlen(BYE)};
		tcp_segments(&g, &c, BYE, cuts, 3);
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, 0, "%s: %s", t->what, col->err);
		cr_assert_eq(col->n, 2, "%s: %zu records, first: %s", t->what, col->n, col->n ? col->r[0].text : "");
		const struct rec *m = message(col, 0);
		assert_bytes(m, INVITE, t->what);
		cr_assert_eq(m->transport, CAPTURE_UDP, "%s", t->what);
		assert_endpoint(&m->src, m->sport, &a, t->what);
		assert_endpoint(&m->dst, m->dport, &b, t->what);
		m = message(col, 1);
		assert_bytes(m, BYE, t->what);
		cr_assert_eq(m->transport, CAPTURE_TCP, "%s", t->what);
		cr_assert_eq(m->frame, 5, "%s", t->what);
		assert_endpoint(&m->src, m->sport, &c.a, t->what);
		assert_endpoint(&m->dst, m->dport, &c.b, t->what);
		free_collected(col);
		unlink(path);
	}
}

Test(capture, fragments_inside_ip_in_ip_reassembled)
{
	size_t len;
	char *m = big_message(&len);
	static const size_t reversed[] = {2, 1, 0};
	for (int outer = 4; outer <= 6; outer += 2) {
		for (int inner = 4; inner <= 6; inner += 2) {
			char what[64];
			snprintf(what, sizeof what, "IPv%d fragments in IPv%d", inner, outer);
			char path[64];
			gen_tmpname(path, sizeof path, ".pcap");
			struct gen g;
			gen_open(&g, path, GEN_ETHERNET, false);
			g.tunnels[0] = (struct gen_tunnel){GEN_TUN_IPIP, outer, 0};
			g.ntunnels = 1;
			struct gen_endpoint a = inner_ep(inner, 1, 5060), b = inner_ep(inner, 2, 5060);
			gen_udp_fragments(&g, &a, &b, m, len, 1000, reversed, 3);
			gen_close(&g);
			struct collected *col = read_capture(path);
			cr_assert_eq(col->n, 1, "%s: %zu records, first: %s", what, col->n, col->n ? col->r[0].text : "");
			const struct rec *r = message(col, 0);
			cr_assert_eq(r->len, len, "%s: %zu bytes", what, r->len);
			cr_assert(memcmp(r->data, m, len) == 0, "%s: bytes differ", what);
			assert_endpoint(&r->src, r->sport, &a, what);
			assert_endpoint(&r->dst, r->dport, &b, what);
			free_collected(col);
			unlink(path);
		}
	}
	free(m);
}

Test(capture, tunnels_nested_past_the_bound_are_refused)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	g.ntunnels = 5;
	for (size_t i = 0; i < g.ntunnels; i++)
		g.tunnels[i] = (struct gen_tunnel){i % 2 ? GEN_TUN_IPIP : GEN_TUN_GRE, 4, 0};
	struct gen_endpoint a = inner_ep(4, 1, 5060), b = inner_ep(4, 2, 5060);
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
	g.ntunnels = 8;
	for (size_t i = 0; i < g.ntunnels; i++)
		g.tunnels[i] = (struct gen_tunnel){GEN_TUN_VXLAN, 6, 0};
	gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->n, 2, "%zu records", col->n);
	for (size_t i = 0; i < 2; i++) {
		cr_assert_eq(col->r[i].kind, CAPTURE_NOTICE);
		cr_assert_str_eq(col->r[i].notice_kind, "malformed-packet");
		cr_assert(strstr(col->r[i].text, "nested more than 4 deep"), "%s", col->r[i].text);
	}
	free_collected(col);
	unlink(path);
}

/* Notices per frame, for captures with more frames than `collected` holds. */
struct per_frame {
	size_t notices[4096];
	size_t messages;
	char last[400];
};

static void count_per_frame(void *ctx, const struct capture_record *r)
{
	struct per_frame *p = ctx;
	if (r->kind == CAPTURE_MESSAGE)
		p->messages++;
	else if (r->frame < sizeof p->notices / sizeof p->notices[0])
		p->notices[r->frame]++;
	if (r->text)
		snprintf(p->last, sizeof p->last, "%s", r->text);
}

Test(capture, tunnel_frames_cut_at_every_length_give_a_notice)
{
	for (size_t k = 0; k < sizeof tunnel_cases / sizeof tunnel_cases[0]; k++) {
		const struct tunnel_case *t = &tunnel_cases[k];
		char path[64];
		gen_tmpname(path, sizeof path, ".pcap");
		struct gen g;
		gen_open_tunnel(&g, path, t);
		struct gen_endpoint a = inner_ep(t->inner_family, 1, 5060), b = inner_ep(t->inner_family, 2, 5060);
		/* the whole frame's length: headers (< 300 bytes) + the message */
		size_t full = 0;
		for (uint32_t cut = 1; cut < 300 + sizeof RINGING; cut++) {
			g.snaplen = cut;
			gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
		}
		gen_close(&g);
		struct per_frame *p = calloc(1, sizeof *p);
		char err[512] = "";
		struct capture *cap = capture_open_file(path, NULL, err, sizeof err);
		cr_assert_not_null(cap, "%s", err);
		cr_assert_eq(capture_run(cap, count_per_frame, p, err, sizeof err), 0, "%s", err);
		capture_close(cap);
		/* every cut frame is reported; the frames that fit whole are messages */
		for (size_t f = 1; f < 300 + sizeof RINGING && p->notices[f]; f++)
			full = f + 1;
		cr_assert_gt(full, 50, "%s: frame %zu not reported", t->what, full);
		cr_assert_eq(p->messages, 300 + sizeof RINGING - full, "%s: %zu messages, frames cut from %zu (%s)",
			     t->what, p->messages, full, p->last);
		free(p);
		unlink(path);
	}
}

/* The stateless decoders alone, down to the innermost UDP header: what
 * capture.c does, without the state, so that each cut can be given an
 * exact-size buffer (valgrind then sees any over-read). */
static enum net_result decode_innermost_udp(const uint8_t *f, size_t len, struct net_udp *u, const char **reason)
{
	const uint8_t *p;
	size_t n;
	struct tunnel_opts tun;
	tunnel_opts_init(&tun);
	enum net_result r = net_link_decode(DLT_EN10MB, f, len, len, &p, &n, reason);
	for (unsigned depth = 0; r == NET_OK; depth++) {
		struct net_ip ip;
		if ((r = net_ip_decode(p, n, n, &ip, reason)) != NET_OK)
			return r;
		r = tunnel_ip_payload(&tun, ip.proto, ip.payload, ip.payload_len, depth, &p, &n, reason);
		if (r != NET_OTHER)
			continue;
		if (ip.proto != 17)
			return NET_OTHER;
		if ((r = net_udp_decode(ip.payload, ip.payload_len, ip.payload_wire_len, u, reason)) != NET_OK)
			return r;
		r = tunnel_udp_payload(&tun, u->sport, u->dport, u->payload, u->payload_len, depth, &p, &n, reason);
		if (r == NET_OTHER)
			return NET_OK;
	}
	return r;
}

Test(capture, tunnel_decoders_never_read_past_a_cut)
{
	for (size_t k = 0; k < sizeof tunnel_cases / sizeof tunnel_cases[0]; k++) {
		const struct tunnel_case *t = &tunnel_cases[k];
		char path[64];
		gen_tmpname(path, sizeof path, ".pcap");
		struct gen g;
		gen_open_tunnel(&g, path, t);
		struct gen_endpoint a = inner_ep(t->inner_family, 1, 5060), b = inner_ep(t->inner_family, 2, 5060);
		gen_udp(&g, &a, &b, RINGING, strlen(RINGING));
		gen_close(&g);
		char pe[PCAP_ERRBUF_SIZE];
		pcap_t *pc = pcap_open_offline(path, pe);
		cr_assert_not_null(pc, "%s", pe);
		struct pcap_pkthdr *h;
		const u_char *frame;
		cr_assert_eq(pcap_next_ex(pc, &h, &frame), 1);
		size_t len = h->caplen;
		for (size_t cut = 0; cut <= len; cut++) {
			uint8_t *copy = malloc(cut ? cut : 1);
			memcpy(copy, frame, cut);
			struct net_udp u;
			const char *reason = "";
			enum net_result r = decode_innermost_udp(copy, cut, &u, &reason);
			if (cut == len) {
				cr_assert_eq(r, NET_OK, "%s: %s", t->what, reason);
				cr_assert_eq(u.payload_len, strlen(RINGING), "%s", t->what);
				cr_assert(memcmp(u.payload, RINGING, u.payload_len) == 0, "%s", t->what);
			} else {
				cr_assert(r == NET_MALFORMED || (r == NET_OK && u.payload_len < u.payload_wire_len),
					  "%s cut at %zu of %zu: result %d", t->what, cut, len, (int)r);
			}
			free(copy);
		}
		pcap_close(pc);
		unlink(path);
	}
}

static enum net_result tunnel_bytes(uint8_t proto, const uint8_t *p, size_t len, unsigned depth, const char **reason)
{
	const uint8_t *inner;
	size_t inner_len;
	struct tunnel_opts tun;
	tunnel_opts_init(&tun);
	return tunnel_ip_payload(&tun, proto, p, len, depth, &inner, &inner_len, reason);
}

/* The UDP tunnels are looked for on the ports capture_opts names: VXLAN on
 * 8472 by default too, the others on another port only when told, and none
 * with the tunnels off. */
Test(capture, udp_tunnel_ports_are_options)
{
	static const struct {
		enum gen_tunnel_kind kind;
		uint16_t port;
	} cases[] = {{GEN_TUN_VXLAN, 8472}, {GEN_TUN_GTPU, 3386}, {GEN_TUN_GENEVE, 7000}, {GEN_TUN_VXLAN, 4789}};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char path[64];
		gen_tmpname(path, sizeof path, ".pcap");
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		g.tunnels[0] = (struct gen_tunnel){cases[k].kind, 4, 0, cases[k].port};
		g.ntunnels = 1;
		struct gen_endpoint a = inner_ep(4, 1, 5060), b = inner_ep(4, 2, 5062);
		gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
		gen_close(&g);
		bool by_default = cases[k].kind == GEN_TUN_VXLAN;
		struct collected *col = read_capture(path);
		cr_assert_eq(col->stats.udp_messages, by_default ? 1 : 0, "case %zu with the defaults", k);
		free_collected(col);

		struct capture_opts o;
		capture_opts_init(&o);
		struct tunnel_ports *ports = cases[k].kind == GEN_TUN_VXLAN ? &o.tunnels.vxlan
					     : cases[k].kind == GEN_TUN_GTPU ? &o.tunnels.gtp_u
									      : &o.tunnels.geneve;
		*ports = (struct tunnel_ports){{cases[k].port}, 1};
		col = read_capture_opts(path, &o);
		cr_assert_eq(col->stats.udp_messages, 1, "case %zu on its port", k);
		const struct rec *m = message(col, 0);
		assert_endpoint(&m->src, m->sport, &a, "inner");
		assert_endpoint(&m->dst, m->dport, &b, "inner");
		free_collected(col);

		ports->port[0]++; /* not on the one it is sent to */
		col = read_capture_opts(path, &o);
		cr_assert_eq(col->stats.udp_messages, 0, "case %zu on another port", k);
		cr_assert_eq(col->n, 0, "case %zu: %s", k, col->n ? col->r[0].text : "");
		free_collected(col);

		capture_opts_init(&o);
		o.tunnels.off = true;
		col = read_capture_opts(path, &o);
		cr_assert_eq(col->stats.udp_messages, 0, "case %zu with the tunnels off", k);
		free_collected(col);
		unlink(path);
	}
}

/* A UDP tunnel is found by either port, as Wireshark finds it: a GTP-U
 * peer may answer from 2152 to an ephemeral port. */
Test(capture, udp_tunnel_found_by_its_source_port_too)
{
	static const enum gen_tunnel_kind kinds[] = {GEN_TUN_VXLAN, GEN_TUN_GTPU, GEN_TUN_GTPU_EXT, GEN_TUN_GENEVE,
						     GEN_TUN_GENEVE_IP};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		for (int reply = 0; reply <= 1; reply++) {
			char path[64], what[48];
			snprintf(what, sizeof what, "tunnel kind %d, %s", (int)kinds[k], reply ? "from its port" : "to its port");
			gen_tmpname(path, sizeof path, ".pcap");
			struct gen g;
			gen_open(&g, path, GEN_ETHERNET, false);
			g.tunnels[0] = (struct gen_tunnel){kinds[k], 4, 0, 0, reply};
			g.ntunnels = 1;
			struct gen_endpoint a = inner_ep(4, 1, 5060), b = inner_ep(4, 2, 5062);
			gen_udp(&g, &a, &b, INVITE, strlen(INVITE));
			gen_close(&g);
			struct collected *col = read_capture(path);
			cr_assert_eq(col->n, 1, "%s: %zu records, first: %s", what, col->n, col->n ? col->r[0].text : "");
			const struct rec *m = message(col, 0);
			assert_bytes(m, INVITE, what);
			assert_endpoint(&m->src, m->sport, &a, what);
			assert_endpoint(&m->dst, m->dport, &b, what);
			free_collected(col);

			struct capture_opts o;
			capture_opts_init(&o);
			o.tunnels.off = true;
			col = read_capture_opts(path, &o);
			cr_assert_eq(col->stats.udp_messages, 0, "%s, tunnels off", what);
			free_collected(col);
			unlink(path);
		}
	}
}

/* A tunnel's port as the source only is weaker evidence: a datagram from
 * an ephemeral port that happens to be a tunnel's is read as plain UDP
 * unless a tunnel header around a well-formed IP header is there. */
Test(capture, tunnel_source_port_alone_needs_a_tunnel_around_ip)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint gtp_port = gen_ep4("192.0.2.1", 2152), vxlan_port = gen_ep4("192.0.2.1", 4789);
	struct gen_endpoint sip = gen_ep4("192.0.2.2", 5060);
	/* a GTP-U G-PDU header, then 20 bytes that start like IPv4 but whose
	 * total length (2) is shorter than its header */
	static const uint8_t not_ip[] = {0x30, 0xff, 0, 20, 0, 0, 0, 1, 0x45, 0, 0, 2, 0, 0, 0, 0, 64, 17,
					 0, 0, 192, 0, 2, 11, 192, 0, 2, 12};
	gen_udp(&g, &gtp_port, &sip, INVITE, strlen(INVITE));  /* frame 1: SIP */
	gen_udp(&g, &vxlan_port, &sip, "\r\n\r\n", 4);         /* frame 2: a keep-alive */
	gen_udp(&g, &gtp_port, &sip, not_ip, sizeof not_ip);   /* frame 3: not a tunnel */
	gen_udp(&g, &sip, &gtp_port, not_ip, sizeof not_ip);   /* frame 4: to 2152, a bad one */
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->n, 2, "%zu records, first: %s", col->n, col->n ? col->r[0].text : "");
	const struct rec *m = message(col, 0);
	assert_bytes(m, INVITE, "SIP from port 2152");
	assert_endpoint(&m->src, m->sport, &gtp_port, "SIP from port 2152");
	assert_endpoint(&m->dst, m->dport, &sip, "SIP from port 2152");
	const struct rec *n = notice_of(col, "malformed-packet");
	cr_assert(n && n->frame == 4, "the datagram to 2152 is a malformed tunnel: %s", n ? n->text : "none");
	free_collected(col);
	unlink(path);
}

/* Port lists as --vxlan-port and its kin give them. */
Test(capture, tunnel_port_lists_parsed)
{
	struct tunnel_ports p = {{1}, 1};
	char why[200];
	cr_assert(tunnel_ports_parse("8472", &p, why, sizeof why));
	cr_assert(p.n == 1 && p.port[0] == 8472);
	cr_assert(tunnel_ports_parse("1,65535,4789,1,2,3,4,5", &p, why, sizeof why));
	cr_assert(p.n == 8 && p.port[0] == 1 && p.port[1] == 65535 && p.port[7] == 5);
	static const char *bad[] = {"", "0", "65536", "4789,", ",4789", "47 89", " 4789", "+4789", "-1", "4789x",
				    "99999999999999999999", "1,2,3,4,5,6,7,8,9"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = 0;
		cr_assert_not(tunnel_ports_parse(bad[i], &p, why, sizeof why), "'%s'", bad[i]);
		cr_assert(strstr(why, bad[i]) && why[0], "'%s': %s", bad[i], why);
		cr_assert(p.n == 8 && p.port[7] == 5, "'%s' left the list as it was", bad[i]);
	}
	struct tunnel_opts o;
	tunnel_opts_init(&o);
	cr_assert(tunnel_opts_check(&o, why, sizeof why));
	o.geneve = (struct tunnel_ports){{8472}, 1};
	cr_assert_not(tunnel_opts_check(&o, why, sizeof why));
	cr_assert(strstr(why, "8472") && strstr(why, "--vxlan-port") && strstr(why, "--geneve-port"), "%s", why);
}

Test(capture, malformed_and_foreign_tunnel_headers)
{
	const char *reason = "";
	static const uint8_t v6_start[] = {0x60, 0, 0, 0};
	static const uint8_t v4_start[] = {0x45, 0, 0, 20};
	cr_assert_eq(tunnel_bytes(4, v6_start, sizeof v6_start, 0, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "wrong IP version"), "%s", reason);
	cr_assert_eq(tunnel_bytes(41, v4_start, sizeof v4_start, 0, &reason), NET_MALFORMED);
	cr_assert_eq(tunnel_bytes(41, v6_start, 0, 0, &reason), NET_MALFORMED);
	cr_assert_eq(tunnel_bytes(17, v4_start, sizeof v4_start, 0, &reason), NET_OTHER, "UDP is no tunnel");
	/* the bound: depth counts the tunnels already entered */
	cr_assert_eq(tunnel_bytes(4, v4_start, sizeof v4_start, TUNNEL_MAX_DEPTH - 1, &reason), NET_OK);
	cr_assert_eq(tunnel_bytes(4, v4_start, sizeof v4_start, TUNNEL_MAX_DEPTH, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "nested"), "%s", reason);

	static const uint8_t gre_v1[] = {0x30, 0x01, 0x88, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0x45};
	cr_assert_eq(tunnel_bytes(47, gre_v1, sizeof gre_v1, 0, &reason), NET_OTHER, "PPTP's GRE");
	static const uint8_t gre_routing[] = {0x40, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0x45};
	cr_assert_eq(tunnel_bytes(47, gre_routing, sizeof gre_routing, 0, &reason), NET_OTHER, "RFC 1701 routing");
	/* checksum, key and sequence announced: 16 bytes of header, 12 there */
	static const uint8_t gre_short[] = {0xb0, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 0, 1};
	cr_assert_eq(tunnel_bytes(47, gre_short, sizeof gre_short, 0, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "GRE header cut short"), "%s", reason);
	static const uint8_t gre_ppp[] = {0x00, 0x00, 0x88, 0x0b, 0xff, 0x03};
	cr_assert_eq(tunnel_bytes(47, gre_ppp, sizeof gre_ppp, 0, &reason), NET_OTHER);
	/* ERSPAN version 2 (type III) is not decoded */
	static const uint8_t erspan3[] = {0x10, 0x00, 0x88, 0xbe, 0, 0, 0, 1, 0x20, 0, 0, 0, 0, 0, 0, 0};
	cr_assert_eq(tunnel_bytes(47, erspan3, sizeof erspan3, 0, &reason), NET_OTHER);

	const uint8_t *inner;
	size_t inner_len;
	struct tunnel_opts tun;
	tunnel_opts_init(&tun);
	static const uint8_t vxlan[8] = {0x08, 0, 0, 0, 0, 0, 100, 0};
	static const uint8_t no_i_flag[8] = {0};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 4790, vxlan, sizeof vxlan, 0, &inner, &inner_len, &reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 4789, no_i_flag, 8, 0, &inner, &inner_len, &reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 4789, vxlan, 7, 0, &inner, &inner_len, &reason), NET_MALFORMED);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 4789, vxlan, 8, TUNNEL_MAX_DEPTH, &inner, &inner_len, &reason), NET_MALFORMED);

	/* GTP-U: only a G-PDU of GTPv1 carrying IP is a tunnel */
	static const uint8_t gtp[] = {0x30, 0xff, 0, 1, 0, 0, 0, 1, 0x45};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp, sizeof gtp, 0, &inner, &inner_len, &reason), NET_OK);
	cr_assert(inner == gtp + 8 && inner_len == 1);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2153, gtp, sizeof gtp, 0, &inner, &inner_len, &reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp, sizeof gtp, TUNNEL_MAX_DEPTH, &inner, &inner_len, &reason),
		     NET_MALFORMED);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp, 7, 0, &inner, &inner_len, &reason), NET_MALFORMED);
	static const uint8_t gtp_echo[] = {0x32, 0x01, 0, 4, 0, 0, 0, 0, 0, 1, 0, 0};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_echo, sizeof gtp_echo, 0, &inner, &inner_len, &reason), NET_OTHER);
	static const uint8_t gtp_prime[] = {0x20, 0xff, 0, 1, 0, 0, 0, 1, 0x45};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_prime, sizeof gtp_prime, 0, &inner, &inner_len, &reason), NET_OTHER);
	static const uint8_t gtp_v2[] = {0x48, 0xff, 0, 1, 0, 0, 0, 1, 0x45};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_v2, sizeof gtp_v2, 0, &inner, &inner_len, &reason), NET_OTHER);
	static const uint8_t gtp_no_pkt[] = {0x30, 0xff, 0, 0, 0, 0, 0, 1};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_no_pkt, sizeof gtp_no_pkt, 0, &inner, &inner_len, &reason),
		     NET_MALFORMED);
	static const uint8_t gtp_ethernet[] = {0x30, 0xff, 0, 1, 0, 0, 0, 1, 0x02};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_ethernet, sizeof gtp_ethernet, 0, &inner, &inner_len, &reason),
		     NET_OTHER);
	/* the length field bounds the packet: padding after it is not IP */
	static const uint8_t gtp_padded[] = {0x30, 0xff, 0, 1, 0, 0, 0, 1, 0x45, 0, 0};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_padded, sizeof gtp_padded, 0, &inner, &inner_len, &reason), NET_OK);
	cr_assert_eq(inner_len, 1);
	/* S set: 4 more bytes; E set: an extension header (1 unit), then 0 */
	static const uint8_t gtp_ext[] = {0x36, 0xff, 0, 9, 0, 0, 0, 1, 0, 7, 0, 0x85, 1, 0x10, 9, 0, 0x60};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_ext, sizeof gtp_ext, 0, &inner, &inner_len, &reason), NET_OK);
	cr_assert(inner == gtp_ext + 16 && inner_len == 1);
	for (size_t cut = 8; cut < sizeof gtp_ext - 1; cut++) {
		uint8_t *copy = malloc(cut);
		memcpy(copy, gtp_ext, cut);
		cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, copy, cut, 0, &inner, &inner_len, &reason), NET_MALFORMED,
			     "GTP-U cut at %zu", cut);
		free(copy);
	}
	static const uint8_t gtp_ext0[] = {0x34, 0xff, 0, 9, 0, 0, 0, 1, 0, 0, 0, 0x85, 0, 0x10, 9, 0, 0x60};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_ext0, sizeof gtp_ext0, 0, &inner, &inner_len, &reason),
		     NET_MALFORMED);
	cr_assert(strstr(reason, "length 0"), "%s", reason);
	/* an extension header past the length the header announces */
	static const uint8_t gtp_ext_long[] = {0x34, 0xff, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0x85, 1, 0x10, 9, 0, 0x60};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 2152, gtp_ext_long, sizeof gtp_ext_long, 0, &inner, &inner_len, &reason),
		     NET_MALFORMED);

	/* Geneve: version 0 only; options bounded; IP or Ethernet inside */
	static const uint8_t geneve_ip[] = {0x01, 0, 0x08, 0x00, 0, 0, 200, 0, 1, 2, 3, 4, 0x45};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_ip, sizeof geneve_ip, 0, &inner, &inner_len, &reason), NET_OK);
	cr_assert(inner == geneve_ip + 12 && inner_len == 1);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_ip, 12, 0, &inner, &inner_len, &reason), NET_OK);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_ip, 11, 0, &inner, &inner_len, &reason), NET_MALFORMED);
	cr_assert(strstr(reason, "Geneve options"), "%s", reason);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_ip, 7, 0, &inner, &inner_len, &reason), NET_MALFORMED);
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_ip, sizeof geneve_ip, TUNNEL_MAX_DEPTH, &inner, &inner_len,
					&reason), NET_MALFORMED);
	static const uint8_t geneve_v1[] = {0x40, 0, 0x08, 0x00, 0, 0, 200, 0, 0x45};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_v1, sizeof geneve_v1, 0, &inner, &inner_len, &reason), NET_OTHER);
	static const uint8_t geneve_arp[] = {0, 0, 0x08, 0x06, 0, 0, 200, 0, 0, 1};
	cr_assert_eq(tunnel_udp_payload(&tun, 40000, 6081, geneve_arp, sizeof geneve_arp, 0, &inner, &inner_len, &reason), NET_OTHER);

	/* from a tunnel's port only: the tunnel must decode around a well-formed
	 * IP header, or the datagram is plain UDP (NET_OTHER, never malformed) */
	static const uint8_t gtp_ip[] = {0x30, 0xff, 0, 20, 0, 0, 0, 1, 0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17,
					 0, 0, 192, 0, 2, 11, 192, 0, 2, 12};
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 40000, gtp_ip, sizeof gtp_ip, 0, &inner, &inner_len, &reason),
		     NET_OK);
	cr_assert(inner == gtp_ip + 8 && inner_len == 20);
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 40000, gtp, sizeof gtp, 0, &inner, &inner_len, &reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 40000, gtp_ip, 7, 0, &inner, &inner_len, &reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 40000, gtp_ip, 27, 0, &inner, &inner_len, &reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 40000, gtp_ip, sizeof gtp_ip, TUNNEL_MAX_DEPTH, &inner, &inner_len,
					&reason), NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 6081, 40000, geneve_ip, sizeof geneve_ip, 0, &inner, &inner_len, &reason),
		     NET_OTHER);
	cr_assert_eq(tunnel_udp_payload(&tun, 4789, 40000, vxlan, sizeof vxlan, 0, &inner, &inner_len, &reason),
		     NET_OTHER);
	/* the destination port decides when it is a tunnel's */
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 4789, gtp_ip, sizeof gtp_ip, 0, &inner, &inner_len, &reason),
		     NET_OTHER);
	tun.off = true;
	cr_assert_eq(tunnel_udp_payload(&tun, 2152, 40000, gtp_ip, sizeof gtp_ip, 0, &inner, &inner_len, &reason),
		     NET_OTHER);
	tunnel_opts_init(&tun);

	/* MPLS: no bottom-of-stack label before the end; a pseudowire control word */
	static const uint8_t no_bottom[] = {0, 0x3e, 0x80, 64, 0, 0x3e, 0x90, 64};
	size_t inner_wire;
	cr_assert_eq(net_ethertype_decode(0x8847, no_bottom, sizeof no_bottom, sizeof no_bottom, &inner, &inner_len,
					  &inner_wire, &reason),
		     NET_MALFORMED);
	cr_assert(strstr(reason, "MPLS"), "%s", reason);
	/* the same stack with more on the wire: the snapshot length cut it */
	cr_assert_eq(net_ethertype_decode(0x8847, no_bottom, sizeof no_bottom, sizeof no_bottom + 4, &inner, &inner_len,
					  &inner_wire, &reason),
		     NET_CUT_SHORT);
	static const uint8_t control_word[] = {0, 0x3e, 0x81, 64, 0, 0, 0, 0};
	cr_assert_eq(net_ethertype_decode(0x8848, control_word, sizeof control_word, sizeof control_word, &inner,
					  &inner_len, &inner_wire, &reason),
		     NET_OTHER);
	cr_assert_eq(net_ethertype_decode(0x8847, control_word, 4, 4, &inner, &inner_len, &inner_wire, &reason),
		     NET_MALFORMED);
}

/* --- SIP over WebSocket (RFC 7118) -------------------------------------- */

static const char WS_UPGRADE[] =
	"GET /sip HTTP/1.1\r\n"
	"Host: sip-ws.example.com:8080\r\n"
	"Upgrade: websocket\r\n"
	"Connection: Upgrade\r\n"
	"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	"Origin: http://www.example.com\r\n"
	"Sec-WebSocket-Protocol: SIP\r\n"
	"Sec-WebSocket-Version: 13\r\n"
	"\r\n";

static const char WS_ACCEPT[] =
	"HTTP/1.1 101 Switching Protocols\r\n"
	"Upgrade: websocket\r\n"
	"Connection: Upgrade\r\n"
	"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
	"Sec-WebSocket-Protocol: sip\r\n"
	"\r\n";

static const char WS_OK[] =
	"SIP/2.0 200 OK\r\n"
	"Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks\r\n"
	"To: <sip:bob@example.com>;tag=a6c85cf\r\n"
	"From: <sip:alice@example.com>;tag=1928301774\r\n"
	"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
	"CSeq: 314159 INVITE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static const uint8_t WS_MASK[4] = {0x37, 0xfa, 0x21, 0x3d};

struct ws_bytes {
	uint8_t b[8192];
	size_t n;
};

static void ws_add(struct ws_bytes *w, bool fin, uint8_t opcode, bool masked, const void *p, size_t len, int bits)
{
	cr_assert_lt(w->n + len + 14, sizeof w->b);
	w->n += gen_ws_frame(w->b + w->n, fin, opcode, masked ? WS_MASK : NULL, p, len, bits);
}

/* The client's frames: the INVITE as a text frame (16-bit length) and a
 * continuation, with a ping between them, then a BYE, then a close. ends[]
 * gets where the INVITE's and the BYE's last frames end. */
static void ws_client_frames(struct ws_bytes *w, size_t ends[2])
{
	size_t half = 150;
	w->n = 0;
	ws_add(w, false, 1, true, INVITE, half, 0);
	ws_add(w, true, 9, true, "ping", 4, 0);
	ws_add(w, true, 0, true, INVITE + half, strlen(INVITE) - half, 0);
	ends[0] = w->n;
	ws_add(w, true, 1, true, BYE, strlen(BYE), 64);
	ends[1] = w->n;
	ws_add(w, true, 8, true, "\x03\xe8", 2, 0);
}

struct ws_conn {
	struct gen_endpoint c, s;
	uint32_t cseq, sseq; /* next sequence numbers */
};

static struct ws_conn ws_open(struct gen *g, const char *upgrade, const char *answer)
{
	struct ws_conn w = {gen_ep4("192.0.2.10", 50000), gen_ep4("192.0.2.20", 8080), 1000, 5000};
	gen_tcp(g, &w.c, &w.s, w.cseq++, GEN_SYN, NULL, 0);
	gen_tcp(g, &w.s, &w.c, w.sseq++, GEN_SYN | GEN_ACK, NULL, 0);
	gen_tcp(g, &w.c, &w.s, w.cseq, GEN_ACK | GEN_PSH, upgrade, strlen(upgrade));
	w.cseq += (uint32_t)strlen(upgrade);
	gen_tcp(g, &w.s, &w.c, w.sseq, GEN_ACK | GEN_PSH, answer, strlen(answer));
	w.sseq += (uint32_t)strlen(answer);
	return w;
}

static void ws_send(struct gen *g, struct ws_conn *w, bool from_client, const void *p, size_t len)
{
	if (from_client) {
		gen_tcp(g, &w->c, &w->s, w->cseq, GEN_ACK | GEN_PSH, p, len);
		w->cseq += (uint32_t)len;
	} else {
		gen_tcp(g, &w->s, &w->c, w->sseq, GEN_ACK | GEN_PSH, p, len);
		w->sseq += (uint32_t)len;
	}
}

/* The session the WebSocket tests (and tshark) read: the upgrade both ways,
 * the client's frames in two segments cut inside the INVITE's first frame,
 * the server's 200 OK unmasked in a 64-bit length frame between them. */
static void ws_session(const char *path)
{
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
	struct ws_bytes cf, sf = {.n = 0};
	size_t ends[2];
	ws_client_frames(&cf, ends);
	ws_send(&g, &w, true, cf.b, 60);
	ws_add(&sf, true, 1, false, WS_OK, strlen(WS_OK), 64);
	ws_add(&sf, true, 10, false, "ping", 4, 0); /* pong */
	ws_send(&g, &w, false, sf.b, sf.n);
	ws_send(&g, &w, true, cf.b + 60, cf.n - 60);
	gen_close(&g);
}

Test(capture, websocket_session_messages_with_their_endpoints)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	ws_session(path);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	for (size_t i = 0; i < col->n; i++)
		cr_assert_neq(col->r[i].kind, CAPTURE_NOTICE, "notice %s: %s", col->r[i].notice_kind, col->r[i].text);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 3, "%zu messages", count_kind(col, CAPTURE_MESSAGE));
	struct gen_endpoint c = gen_ep4("192.0.2.10", 50000), s = gen_ep4("192.0.2.20", 8080);
	const char *want[3] = {WS_OK, INVITE, BYE};
	const bool from_client[3] = {false, true, true};
	const uint64_t frame[3] = {6, 7, 7};
	for (size_t i = 0; i < 3; i++) {
		const struct rec *m = message(col, i);
		char what[32];
		snprintf(what, sizeof what, "message %zu", i);
		assert_bytes(m, want[i], what);
		cr_assert_eq(m->transport, CAPTURE_WS, "%s", what);
		cr_assert_eq(m->frame, frame[i], "%s: frame %llu", what, (unsigned long long)m->frame);
		assert_endpoint(&m->src, m->sport, from_client[i] ? &c : &s, what);
		assert_endpoint(&m->dst, m->dport, from_client[i] ? &s : &c, what);
	}
	cr_assert_eq(col->stats.ws_messages, 3);
	cr_assert_eq(col->stats.tcp_messages, 0);
	free_collected(col);
	if (getenv("SIPMSG_KEEP_WS_PCAP")) /* for a look with tshark */
		fprintf(stderr, "kept %s\n", path);
	else
		unlink(path);
}

Test(capture, websocket_needs_the_sip_subprotocol_and_a_101)
{
	static const char refused[] = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
	static const char ok_200[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
	char other_protocol[sizeof WS_UPGRADE + 8];
	snprintf(other_protocol, sizeof other_protocol, "%s", WS_UPGRADE);
	memcpy(strstr(other_protocol, "SIP\r\n"), "xmpp", 4); /* the same length: "xmpp\n" */
	struct {
		const char *upgrade, *answer, *what;
	} cases[] = {
		{WS_UPGRADE, refused, "a 403 answer"},
		{WS_UPGRADE, ok_200, "a 200 answer"},
		{other_protocol, WS_ACCEPT, "another subprotocol"},
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct ws_conn w = ws_open(&g, cases[k].upgrade, cases[k].answer);
		struct ws_bytes cf;
		size_t ends[2];
		ws_client_frames(&cf, ends);
		ws_send(&g, &w, true, cf.b, cf.n);
		struct ws_bytes sf = {.n = 0};
		ws_add(&sf, true, 1, false, WS_OK, strlen(WS_OK), 0);
		ws_send(&g, &w, false, sf.b, sf.n);
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->n, 0, "%s: %zu records (first: %s %s)", cases[k].what, col->n,
			     col->n ? col->r[0].notice_kind : "", col->n ? col->r[0].text : "");
		free_collected(col);
	}
	unlink(path);
}

/* Empty data frames, the first frames of each direction (nothing buffered
 * yet), then a message: the empty ones are skipped like keep-alives, the
 * message is read (fuzz_capture found UB on the empty first frame). */
Test(capture, websocket_empty_first_frames)
{
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
	struct ws_bytes cf = {.n = 0}, sf = {.n = 0};
	ws_add(&sf, true, 2, false, "", 0, 0);
	ws_add(&sf, true, 1, false, "", 0, 0);
	ws_add(&sf, true, 1, false, WS_OK, strlen(WS_OK), 0);
	ws_send(&g, &w, false, sf.b, sf.n);
	ws_add(&cf, true, 1, true, "", 0, 0);
	ws_add(&cf, true, 1, true, INVITE, strlen(INVITE), 0);
	ws_send(&g, &w, true, cf.b, cf.n);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(col->n, 2, "%zu records (first: %s %s)", col->n, col->n ? col->r[0].notice_kind : "",
		     col->n ? col->r[0].text : "");
	assert_bytes(message(col, 0), WS_OK, "the 200 OK");
	assert_bytes(message(col, 1), INVITE, "the INVITE");
	free_collected(col);
	unlink(path);
}

/* The client's frames cut at every length (the capture ends there): the
 * messages wholly before the cut are found, and a cut inside a message is
 * a notice. */
Test(capture, websocket_frames_cut_at_every_length)
{
	struct ws_bytes cf;
	size_t ends[2];
	ws_client_frames(&cf, ends);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t cut = 0; cut <= cf.n; cut++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
		ws_send(&g, &w, true, cf.b, cut);
		gen_close(&g);
		struct collected *col = read_capture(path);
		size_t want = (cut >= ends[0]) + (cut >= ends[1]);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), want, "cut %zu: %zu messages", cut,
			     count_kind(col, CAPTURE_MESSAGE));
		bool inside = (cut > 0 && cut < ends[0]) || (cut > ends[0] && cut < ends[1]);
		cr_assert_eq(notice_of(col, "stream-incomplete") != NULL, inside, "cut %zu", cut);
		free_collected(col);
	}
	unlink(path);
}

/* SIP over WebSocket cut by the snaplen: the message is lost, framing goes
 * on, and the cut counts as SIP that could not be checked. */
Test(capture, websocket_frame_cut_by_snaplen_is_sip_cut_short)
{
	struct ws_bytes invite = {.n = 0}, bye = {.n = 0};
	ws_add(&invite, true, 1, true, INVITE, strlen(INVITE), 0);
	ws_add(&bye, true, 1, true, BYE, strlen(BYE), 0);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
	g.snaplen = 14 + 20 + 20 + 40; /* inside the INVITE's frame */
	ws_send(&g, &w, true, invite.b, invite.n);
	g.snaplen = 0;
	ws_send(&g, &w, true, bye.b, bye.n);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1);
	assert_bytes(message(col, 0), BYE, "the frame after the cut");
	const struct rec *gap = notice_of(col, "tcp-gap");
	cr_assert(gap && gap->cut_short, "%s", gap ? gap->text : "no gap");
	cr_assert_eq(col->stats.cut_short, 1);
	free_collected(col);
	unlink(path);
}

/* A TCP hole inside a frame's payload loses that message only (the frame's
 * end is known); a hole across a frame header loses the rest of the
 * direction, and says so. */
Test(capture, websocket_gap_inside_a_payload_keeps_framing)
{
	struct ws_bytes cf;
	size_t ends[2];
	ws_client_frames(&cf, ends);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct {
		size_t from, to;
		size_t messages;
		const char *notice;
	} cases[] = {
		{ends[0] - 40, ends[0] - 10, 1, "tcp-gap"}, /* inside the continuation's payload */
		{ends[0] - 10, ends[0] + 5, 0, "ws-lost"},  /* across the BYE frame's header */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
		gen_tcp(&g, &w.c, &w.s, w.cseq, GEN_ACK, cf.b, cases[k].from);
		gen_tcp(&g, &w.c, &w.s, w.cseq + (uint32_t)cases[k].to, GEN_ACK, cf.b + cases[k].to,
			cf.n - cases[k].to);
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), cases[k].messages, "case %zu", k);
		if (cases[k].messages)
			assert_bytes(message(col, 0), BYE, "after the hole");
		cr_assert_not_null(notice_of(col, cases[k].notice), "case %zu", k);
		const struct rec *gap = notice_of(col, "tcp-gap");
		cr_assert_not_null(gap);
		cr_assert(k != 0 || strstr(gap->text, "unfinished message of"), "%s", gap->text);
		free_collected(col);
	}
	unlink(path);
}

/* A MESSAGE of 6000 bytes and more. */
static char *big_ws_message(size_t *len)
{
	return padded_message(6000, "WS", len);
}

Test(capture, websocket_messages_past_the_flow_limit_are_skipped_with_a_notice)
{
	size_t big_len;
	char *big = big_ws_message(&big_len);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
	uint8_t *f = malloc(big_len + 14);
	/* too large in one frame, then in two frames each under the limit */
	size_t n = gen_ws_frame(f, true, 1, WS_MASK, big, big_len, 0);
	ws_send(&g, &w, true, f, n);
	n = gen_ws_frame(f, false, 2, WS_MASK, big, 3000, 0);
	ws_send(&g, &w, true, f, n);
	n = gen_ws_frame(f, true, 0, WS_MASK, big + 3000, big_len - 3000, 0);
	ws_send(&g, &w, true, f, n);
	/* with RSV2 (an extension other than permessage-deflate): not read,
	 * said so */
	n = gen_ws_frame(f, true, 1, WS_MASK, "\xf2\x48\xcd\xc9\xc9\x07\x00", 7, 0);
	f[0] |= 0x20;
	ws_send(&g, &w, true, f, n);
	struct ws_bytes cf = {.n = 0};
	ws_add(&cf, true, 1, true, BYE, strlen(BYE), 0);
	ws_send(&g, &w, true, cf.b, cf.n);
	/* a frame announcing 2^40 bytes: skipped as it comes, nothing held */
	uint8_t huge[14] = {0x81, 0x80 | 127, 0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4};
	ws_send(&g, &w, true, huge, sizeof huge);
	ws_send(&g, &w, true, big, big_len);
	gen_close(&g);
	struct capture_opts o;
	capture_opts_init(&o);
	o.max_flow_bytes = 4096;
	struct collected *col = read_capture_opts(path, &o);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1);
	assert_bytes(message(col, 0), BYE, "after the skipped messages");
	size_t limits = 0;
	for (size_t i = 0; i < col->n; i++)
		limits += col->r[i].kind == CAPTURE_NOTICE && strcmp(col->r[i].notice_kind, "ws-message-limit") == 0;
	cr_assert_eq(limits, 3, "%zu limit notices", limits);
	const struct rec *lim = notice_of(col, "ws-message-limit");
	char want[64];
	snprintf(want, sizeof want, "of %zu bytes", big_len);
	cr_assert(strstr(lim->text, want), "%s", lim->text);
	const struct rec *ext = notice_of(col, "ws-compressed");
	cr_assert(ext && strstr(ext->text, "RSV2 or RSV3"), "%s", ext ? ext->text : "no ws-compressed notice");
	free(f);
	free(big);
	free_collected(col);
	unlink(path);
}

Test(capture, websocket_protocol_errors_stop_the_direction)
{
	struct {
		uint8_t frame[8];
		size_t len;
		const char *what;
	} cases[] = {
		{{0x80, 0x02, 'h', 'i'}, 4, "a continuation with no message"},
		{{0x83, 0x00}, 2, "a reserved data opcode"},
		{{0x09, 0x00}, 2, "a fragmented ping"},
		{{0x01, 0x01, 'I', 0x81, 0x00}, 5, "a new message inside another"},
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct ws_conn w = ws_open(&g, WS_UPGRADE, WS_ACCEPT);
		ws_send(&g, &w, false, cases[k].frame, cases[k].len);
		struct ws_bytes sf = {.n = 0};
		ws_add(&sf, true, 1, false, WS_OK, strlen(WS_OK), 0);
		ws_send(&g, &w, false, sf.b, sf.n);
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0, "%s", cases[k].what);
		cr_assert_not_null(notice_of(col, "ws-malformed"), "%s", cases[k].what);
		free_collected(col);
	}
	unlink(path);
}

/* --- permessage-deflate (RFC 7692) -------------------------------------- */

static const char WS_UPGRADE_DEFLATE[] =
	"GET /sip HTTP/1.1\r\n"
	"Host: sip-ws.example.com:8080\r\n"
	"Upgrade: websocket\r\n"
	"Connection: Upgrade\r\n"
	"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
	"Sec-WebSocket-Protocol: sip\r\n"
	"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
	"Sec-WebSocket-Version: 13\r\n"
	"\r\n";

/* A 101 that agrees on permessage-deflate with these parameters. */
static void ws_accept_deflate(char *out, size_t cap, const char *params)
{
	snprintf(out, cap,
		 "HTTP/1.1 101 Switching Protocols\r\n"
		 "Upgrade: websocket\r\n"
		 "Connection: Upgrade\r\n"
		 "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
		 "Sec-WebSocket-Protocol: sip\r\n"
		 "Sec-WebSocket-Extensions: permessage-deflate%s\r\n"
		 "\r\n",
		 params);
}

/* A frame with RSV1 set (the first frame of a compressed message). */
static void ws_add_rsv1(struct ws_bytes *w, bool fin, uint8_t opcode, bool masked, const void *p, size_t len)
{
	size_t at = w->n;
	ws_add(w, fin, opcode, masked, p, len, 0);
	w->b[at] |= 0x40;
}

#ifdef SIPMSG_TOOL_ZLIB
/* A permessage-deflate sender (RFC 7692 §7.2.1): raw deflate, each message
 * ended by a sync flush whose 0x00 0x00 0xff 0xff is taken off; with
 * context takeover unless reset after each message. */
struct pmd {
	z_stream z;
	bool reset;
};

static void pmd_init(struct pmd *d, int bits, bool reset)
{
	memset(d, 0, sizeof *d);
	d->reset = reset;
	cr_assert_eq(deflateInit2(&d->z, Z_BEST_COMPRESSION, Z_DEFLATED, -bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
}

static size_t pmd_message(struct pmd *d, const void *in, size_t n, uint8_t *out, size_t cap)
{
	d->z.next_in = (Bytef *)(uintptr_t)in;
	d->z.avail_in = (uInt)n;
	d->z.next_out = out;
	d->z.avail_out = (uInt)cap;
	cr_assert_eq(deflate(&d->z, Z_SYNC_FLUSH), Z_OK);
	cr_assert_eq(d->z.avail_in, 0);
	size_t len = cap - d->z.avail_out;
	cr_assert(len >= 4 && memcmp(out + len - 4, "\x00\x00\xff\xff", 4) == 0);
	if (d->reset)
		deflateReset(&d->z);
	return len - 4;
}

static void pmd_end(struct pmd *d) { deflateEnd(&d->z); }

/* The client's INVITE and BYE and the server's 200 OK compressed, the
 * client's with context takeover (the BYE refers back to the INVITE's
 * lines) and the BYE in a first RSV1 frame and a continuation; read with
 * the parameters of each 101: every message inflated, no notice. */
Test(capture, websocket_permessage_deflate_messages_are_inflated)
{
	static const char *const params[] = {
		"",
		"; client_no_context_takeover; server_max_window_bits=10",
		"; server_no_context_takeover; client_max_window_bits=\"9\", x-other",
		"; client_max_window_bits=8",
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof params / sizeof params[0]; k++) {
		char accept[512];
		ws_accept_deflate(accept, sizeof accept, params[k]);
		int cbits = k == 2 ? 9 : k == 3 ? 8 : 15, sbits = k == 1 ? 10 : 15;
		struct pmd client, server;
		pmd_init(&client, cbits == 8 ? 9 : cbits, k == 1);
		pmd_init(&server, sbits, k == 2);
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct ws_conn w = ws_open(&g, WS_UPGRADE_DEFLATE, accept);
		uint8_t z[4096];
		struct ws_bytes cf = {.n = 0}, sf = {.n = 0};
		size_t zn = pmd_message(&client, INVITE, strlen(INVITE), z, sizeof z);
		ws_add_rsv1(&cf, true, 1, true, z, zn);
		zn = pmd_message(&client, BYE, strlen(BYE), z, sizeof z);
		ws_add_rsv1(&cf, false, 1, true, z, zn / 2);
		ws_add(&cf, true, 0, true, z + zn / 2, zn - zn / 2, 0);
		zn = pmd_message(&server, WS_OK, strlen(WS_OK), z, sizeof z);
		ws_add_rsv1(&sf, true, 1, false, z, zn);
		zn = pmd_message(&server, WS_OK, strlen(WS_OK), z, sizeof z);
		ws_add_rsv1(&sf, true, 1, false, z, zn);
		ws_send(&g, &w, true, cf.b, 40);
		ws_send(&g, &w, false, sf.b, sf.n);
		ws_send(&g, &w, true, cf.b + 40, cf.n - 40);
		gen_close(&g);
		pmd_end(&client);
		pmd_end(&server);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, 0, "%s", col->err);
		cr_assert_eq(col->n, 4, "params '%s': %zu records (first: %s %s)", params[k], col->n,
			     col->n ? col->r[0].notice_kind : "", col->n ? col->r[0].text : "");
		const char *want[4] = {WS_OK, WS_OK, INVITE, BYE};
		for (size_t i = 0; i < 4; i++) {
			assert_bytes(message(col, i), want[i], params[k]);
			cr_assert_eq(message(col, i)->transport, CAPTURE_WS);
		}
		free_collected(col);
	}
	unlink(path);
}

/* What cannot be inflated is said, never reported as a message made of the
 * wrong bytes: bytes that are no deflate stream; a message that refers back
 * to one a TCP hole lost (the context starts again after it, so the
 * reference fails); a message that inflates past --max-flow-bytes. A
 * message that refers to nothing before it is read after each. */
Test(capture, websocket_permessage_deflate_failures_give_notices)
{
	char accept[512];
	ws_accept_deflate(accept, sizeof accept, "");
	size_t big_len;
	char *big = big_ws_message(&big_len);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (int k = 0; k < 3; k++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct ws_conn w = ws_open(&g, WS_UPGRADE_DEFLATE, accept);
		uint8_t z[8192];
		struct ws_bytes cf = {.n = 0};
		struct pmd d;
		pmd_init(&d, 15, false);
		const char *kind = "ws-inflate-error", *text = "does not inflate";
		if (k == 0) {
			ws_add_rsv1(&cf, true, 1, true, "\xff\xff\xff\xff\xff", 5);
			ws_send(&g, &w, true, cf.b, cf.n);
		} else if (k == 1) {
			/* a MESSAGE read (longer than the INVITE, so that what
			 * the BYE refers back to lies inside what was inflated),
			 * then the INVITE's frame loses bytes in its payload; the
			 * BYE after it refers back to them */
			size_t pad_len;
			char *pad = padded_message(2000, "WS", &pad_len);
			size_t zn = pmd_message(&d, pad, pad_len, z, sizeof z);
			free(pad);
			ws_add_rsv1(&cf, true, 1, true, z, zn);
			ws_send(&g, &w, true, cf.b, cf.n);
			cf.n = 0;
			zn = pmd_message(&d, INVITE, strlen(INVITE), z, sizeof z);
			ws_add_rsv1(&cf, true, 1, true, z, zn);
			size_t first = cf.n;
			zn = pmd_message(&d, BYE, strlen(BYE), z, sizeof z);
			ws_add_rsv1(&cf, true, 1, true, z, zn);
			gen_tcp(&g, &w.c, &w.s, w.cseq, GEN_ACK, cf.b, first - 10);
			gen_tcp(&g, &w.c, &w.s, w.cseq + (uint32_t)first - 5, GEN_ACK, cf.b + first - 5,
				cf.n - first + 5);
			w.cseq += (uint32_t)cf.n;
			kind = "tcp-gap";
			text = "missing";
		} else {
			size_t zn = pmd_message(&d, big, big_len, z, sizeof z);
			cr_assert_lt(zn, 4096);
			ws_add_rsv1(&cf, true, 1, true, z, zn);
			ws_send(&g, &w, true, cf.b, cf.n);
			kind = "ws-message-limit";
			text = "inflates to more than the flow buffer limit of 4096 bytes";
		}
		pmd_end(&d);
		/* a message on its own after it */
		struct pmd fresh;
		pmd_init(&fresh, 15, false);
		size_t zn = pmd_message(&fresh, BYE, strlen(BYE), z, sizeof z);
		pmd_end(&fresh);
		cf.n = 0;
		ws_add_rsv1(&cf, true, 1, true, z, zn);
		ws_send(&g, &w, true, cf.b, cf.n);
		gen_close(&g);
		struct capture_opts o;
		capture_opts_init(&o);
		o.max_flow_bytes = 4096;
		struct collected *col = read_capture_opts(path, &o);
		cr_assert_eq(col->rc, 0, "%s", col->err);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1 + (k == 1), "case %d: %zu messages", k,
			     count_kind(col, CAPTURE_MESSAGE));
		if (k == 1)
			cr_assert(strncmp(message(col, 0)->data, "MESSAGE ", 8) == 0, "before the hole");
		assert_bytes(message(col, k == 1), BYE, "the message on its own");
		const struct rec *n = notice_of(col, kind);
		cr_assert(n && strstr(n->text, text), "case %d: %s", k, n ? n->text : kind);
		if (k == 1) {
			n = notice_of(col, "ws-inflate-error");
			cr_assert(n && strstr(n->text, "client's inflate context starts again"), "%s",
				  n ? n->text : "no ws-inflate-error after the hole");
		}
		free_collected(col);
	}
	free(big);
	unlink(path);
}
#else
/* Built without zlib: a compressed message is said not inflated. */
Test(capture, websocket_permessage_deflate_without_zlib_is_a_notice)
{
	char accept[512];
	ws_accept_deflate(accept, sizeof accept, "");
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct ws_conn w = ws_open(&g, WS_UPGRADE_DEFLATE, accept);
	struct ws_bytes cf = {.n = 0};
	ws_add_rsv1(&cf, true, 1, true, "\xf2\x48\xcd\xc9\xc9\x07\x00", 7);
	ws_add(&cf, true, 1, true, BYE, strlen(BYE), 0);
	ws_send(&g, &w, true, cf.b, cf.n);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 1);
	assert_bytes(message(col, 0), BYE, "after the compressed one");
	const struct rec *n = notice_of(col, "ws-compressed");
	cr_assert(n && strstr(n->text, "compressed WebSocket message not inflated (built without zlib)"), "%s",
		  n ? n->text : "no ws-compressed notice");
	free_collected(col);
	unlink(path);
}
#endif

/* --- HEP (Homer Encapsulation Protocol) --------------------------------- */

/* A HEP packet of the given version as Kamailio's siptrace writes it. */
static size_t kamailio_hep(uint8_t *pkt, int version, const struct gen_endpoint *src, const struct gen_endpoint *dst,
			   uint8_t proto, uint32_t usec, const char *msg)
{
	if (version == 3)
		return gen_hep3(pkt, src, dst, proto, 1700000000, usec, msg, strlen(msg));
	if (version == 2)
		return gen_hep2(pkt, GEN_HEP_KAMAILIO, src, dst, proto, msg, strlen(msg));
	return gen_hep1(pkt, GEN_HEP_KAMAILIO, src, dst, proto, msg, strlen(msg));
}

/* Kamailio mirroring to a collector: the messages are reported with the
 * endpoints in the HEP chunks, over IPv4 and IPv6, on any port. */
Test(capture, hep_messages_reported_with_the_inner_endpoints)
{
	struct {
		int outer, inner;
		uint16_t port;
		uint8_t proto;
		int version;
	} cases[] = {
		{4, 4, 9060, 17, 3}, {4, 6, 9060, 6, 3}, {6, 4, 9999, 17, 3}, {6, 6, 19060, 17, 3},
		{4, 4, 9060, 17, 2}, {4, 6, 9061, 6, 2}, {6, 4, 9060, 17, 1}, {6, 6, 9061, 6, 1},
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char what[64];
		snprintf(what, sizeof what, "HEPv%d IPv%d in IPv%d, port %u", cases[k].version, cases[k].inner,
			 cases[k].outer, cases[k].port);
		struct gen_endpoint agent = cases[k].outer == 4 ? gen_ep4("203.0.113.5", 41000) : gen_ep6("2001:db8:f::5", 41000);
		struct gen_endpoint coll = cases[k].outer == 4 ? gen_ep4("203.0.113.9", cases[k].port)
							       : gen_ep6("2001:db8:f::9", cases[k].port);
		struct gen_endpoint ua = cases[k].inner == 4 ? gen_ep4("198.51.100.1", 5060) : gen_ep6("2001:db8::1", 5060);
		struct gen_endpoint ub = cases[k].inner == 4 ? gen_ep4("198.51.100.2", 5062) : gen_ep6("2001:db8::2", 5062);
		uint8_t pkt[2048];
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		gen_udp(&g, &agent, &coll, pkt, kamailio_hep(pkt, cases[k].version, &ua, &ub, cases[k].proto, 123456, INVITE));
		gen_udp(&g, &agent, &coll, pkt, kamailio_hep(pkt, cases[k].version, &ub, &ua, cases[k].proto, 223456, RINGING));
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->n, 2, "%s: %zu records", what, col->n);
		for (size_t i = 0; i < 2; i++) {
			const struct rec *m = message(col, i);
			assert_bytes(m, i ? RINGING : INVITE, what);
			cr_assert_eq(m->transport, cases[k].proto == 6 ? CAPTURE_TCP : CAPTURE_UDP, "%s", what);
			assert_endpoint(&m->src, m->sport, i ? &ub : &ua, what);
			assert_endpoint(&m->dst, m->dport, i ? &ua : &ub, what);
		}
		cr_assert_eq(col->stats.hep_messages, 2, "%s", what);
		free_collected(col);
	}
	unlink(path);
}

/* HEPv1/v2's header length: Kamailio's siptrace (and sipcapture, captagent)
 * count the addresses in it, 16 for IPv4 and 40 for IPv6, sofia-sip
 * (FreeSWITCH) the fixed header alone, 8: both are read. Any other length is
 * not HEP, and the datagram, which does not start like SIP, is no message. */
Test(capture, hep_v1_v2_header_length_as_kamailio_and_sofia_write_it)
{
	struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (int family = 4; family <= 6; family += 2) {
		struct gen_endpoint ua = family == 4 ? gen_ep4("198.51.100.1", 5060) : gen_ep6("2001:db8::1", 5060);
		struct gen_endpoint ub = family == 4 ? gen_ep4("198.51.100.2", 5062) : gen_ep6("2001:db8::2", 5062);
		/* the two forms as written, then lengths no one writes, patched in */
		uint8_t kamailio = family == 4 ? 16 : 40, other = family == 4 ? 40 : 16;
		const uint8_t lengths[] = {8, kamailio, other, 12, 0};
		for (int version = 1; version <= 2; version++) {
			for (size_t l = 0; l < sizeof lengths; l++) {
				uint8_t pkt[2048];
				enum gen_hep_form form = l == 1 ? GEN_HEP_KAMAILIO : GEN_HEP_SOFIA;
				size_t n = version == 1 ? gen_hep1(pkt, form, &ua, &ub, 17, INVITE, strlen(INVITE))
							: gen_hep2(pkt, form, &ua, &ub, 17, INVITE, strlen(INVITE));
				cr_assert(l >= 2 || pkt[1] == lengths[l], "%s form writes %u", l ? "Kamailio's" : "sofia-sip's",
					  pkt[1]);
				if (l >= 2)
					pkt[1] = lengths[l];
				struct gen g;
				gen_open(&g, path, GEN_ETHERNET, false);
				gen_udp(&g, &agent, &coll, pkt, n);
				gen_close(&g);
				struct collected *col = read_capture(path);
				bool hep = l < 2;
				cr_assert_eq(col->n, (size_t)hep, "HEPv%d, IPv%d, header length %u: %zu records", version,
					     family, lengths[l], col->n);
				if (hep) {
					assert_bytes(message(col, 0), INVITE, "HEP");
					assert_endpoint(&message(col, 0)->src, message(col, 0)->sport, &ua, "HEP");
					cr_assert_eq(col->stats.hep_messages, 1);
				}
				free_collected(col);
			}
		}
	}
	unlink(path);
}

/* A HEPv3 packet whose protocol type is not SIP (RTCP, logs) is no message. */
Test(capture, hep_other_protocol_types_are_ignored)
{
	struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
	struct gen_endpoint ua = gen_ep4("198.51.100.1", 5060), ub = gen_ep4("198.51.100.2", 5062);
	uint8_t pkt[1024];
	size_t n = gen_hep3(pkt, &ua, &ub, 17, 1, 2, "\x81\xc8\x00\x06rtcp", 8);
	uint8_t *type = NULL; /* the protocol type chunk, SIP */
	for (size_t i = 0; i + 7 <= n && !type; i++)
		if (memcmp(pkt + i, "\x00\x00\x00\x0b\x00\x07\x01", 7) == 0)
			type = pkt + i;
	cr_assert_not_null(type);
	type[6] = 5; /* RTCP */
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	gen_udp(&g, &agent, &coll, pkt, n);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->n, 0, "%zu records", col->n);
	free_collected(col);
	unlink(path);
}

/* The end of a HEPv3 packet's protocol type chunk (gen_hep3 writes one). */
static size_t hep_type_chunk_end(const uint8_t *p, size_t n)
{
	for (size_t i = 6; i + 7 <= n; i++)
		if (memcmp(p + i, "\x00\x00\x00\x0b\x00\x07", 6) == 0)
			return i + 7;
	cr_assert_fail("no protocol type chunk");
	return 0;
}

/* A HEPv3 packet cut at every length, by its own length field or by the
 * snapshot length, and with each chunk's length field broken: a notice
 * each time (never a message, never a read past the bytes). A cut by the
 * snapshot length is SIP cut short (counted) once the protocol type chunk,
 * which says SIP, was kept; before that, it is not told whether it is. */
Test(capture, hep_cut_at_every_length_gives_notices)
{
	struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
	struct gen_endpoint ua = gen_ep6("2001:db8::1", 5060), ub = gen_ep6("2001:db8::2", 5062);
	uint8_t full[1024];
	size_t n = gen_hep3(full, &ua, &ub, 17, 1700000000, 0, BYE, strlen(BYE));
	size_t type_end = hep_type_chunk_end(full, n);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t cut = 0; cut < n; cut++) {
		for (int by_snaplen = 0; by_snaplen <= 1; by_snaplen++) {
			struct gen g;
			gen_open(&g, path, GEN_ETHERNET, false);
			if (by_snaplen) {
				g.snaplen = (uint32_t)(14 + 20 + 8 + cut);
				gen_udp(&g, &agent, &coll, full, n);
			} else {
				uint8_t *p = malloc(cut ? cut : 1); /* exactly cut bytes: valgrind sees an over-read */
				memcpy(p, full, cut);
				gen_udp(&g, &agent, &coll, p, cut);
				free(p);
			}
			gen_close(&g);
			struct collected *col = read_capture(path);
			cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 0, "cut %zu", cut);
			const char *kind = by_snaplen ? "frame-truncated" : "malformed-packet";
			bool sip = by_snaplen && cut >= type_end;
			cr_assert_eq(col->stats.cut_short, (uint64_t)sip, "cut %zu", cut);
			if (cut >= 4)
				cr_assert(col->n == 1 && notice_of(col, kind), "cut %zu%s: %zu records", cut,
					  by_snaplen ? " by the snaplen" : "", col->n);
			else
				cr_assert_eq(col->n, (size_t)by_snaplen, "cut %zu: not HEP", cut);
			if (by_snaplen) {
				const char *text = col->r[0].text;
				cr_assert_eq(col->r[0].cut_short, sip, "cut %zu: %s", cut, text);
				cr_assert_eq(strstr(text, "before it could be told") == NULL, sip, "cut %zu: %s", cut, text);
				if (cut >= 4)
					cr_assert(strncmp(text, "HEP packet ", 11) == 0 &&
							  (sip || strstr(text, "whether it mirrors SIP")),
						  "cut %zu: %s", cut, text);
			}
			free_collected(col);
		}
	}
	/* every chunk's length field too small or running past the packet */
	for (size_t at = 6; at < n;) {
		size_t clen = (size_t)full[at + 4] << 8 | full[at + 5];
		const uint16_t bad[] = {0, 5, (uint16_t)(n - at + 1), 0xffff};
		for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
			uint8_t p[1024];
			memcpy(p, full, n);
			p[at + 4] = (uint8_t)(bad[b] >> 8);
			p[at + 5] = (uint8_t)bad[b];
			struct gen g;
			gen_open(&g, path, GEN_ETHERNET, false);
			gen_udp(&g, &agent, &coll, p, n);
			gen_close(&g);
			struct collected *col = read_capture(path);
			cr_assert(col->n == 1 && notice_of(col, "malformed-packet"), "chunk at %zu, length %u: %zu records",
				  at, bad[b], col->n);
			free_collected(col);
		}
		at += clen;
	}
	unlink(path);
}

/* A HEP packet cut by the snapshot length counts as SIP cut short only when
 * the bytes kept say it mirrors SIP: a HEPv3 protocol type chunk of SIP
 * (not one of RTCP: that packet is ignored, as whole it would be; nor no
 * such chunk kept: not told), or a HEPv2 packet, whose payload starts with
 * a SIP start line and runs to the end the capture did not keep. */
Test(capture, hep_cut_by_snaplen_counts_only_what_says_sip)
{
	struct gen_endpoint ua = gen_ep4("198.51.100.1", 5060), ub = gen_ep4("198.51.100.2", 5062);
	uint8_t sip[2048], rtcp[2048], v2[2048];
	size_t nsip = gen_hep3(sip, &ua, &ub, 17, 1700000000, 0, INVITE, strlen(INVITE));
	size_t type_end = hep_type_chunk_end(sip, nsip);
	memcpy(rtcp, sip, nsip);
	rtcp[type_end - 1] = 5; /* RTCP */
	size_t nv2 = gen_hep2(v2, GEN_HEP_SOFIA, &ua, &ub, 17, INVITE, strlen(INVITE));
	struct cut_case cases[] = {
		{sip, nsip, type_end, 1},
		{sip, nsip, type_end + 40, 1},
		{sip, nsip, type_end - 1, 2}, /* the protocol type chunk cut */
		{sip, nsip, 20, 2},
		{rtcp, nsip, type_end + 40, 0},
		{rtcp, nsip, type_end - 1, 2},
		{v2, nv2, nv2 - 100, 1},
	};
	size_t counted = check_cut_datagrams(cases, sizeof cases / sizeof cases[0], "203.0.113.5", 9060, "HEP packet",
					     "HEP packet", "whether it mirrors SIP");
	cr_assert_eq(counted, 3);
}

/* HEPv1/v2 have no magic: cut by the snapshot length inside the header, or
 * before their payload's start line ended, they are told by a plausible
 * header (version, header length 8, family) and a payload that may still
 * be SIP: a notice that the cut came before it could be told, not counted.
 * A header that is not HEP's, or a payload that is not SIP, stays quiet as
 * other UDP does. */
Test(capture, hep_v1_v2_cut_before_their_start_line_ended_give_a_notice)
{
	struct gen_endpoint ua = gen_ep4("198.51.100.1", 5060), ub = gen_ep4("198.51.100.2", 5062);
	struct gen_endpoint ua6 = gen_ep6("2001:db8::1", 5060), ub6 = gen_ep6("2001:db8::2", 5062);
	uint8_t v2[2048], v1[2048], v1_6[2048], rtcp[256], other[2048];
	size_t nv2 = gen_hep2(v2, GEN_HEP_SOFIA, &ua, &ub, 17, INVITE, strlen(INVITE));
	size_t nv1 = gen_hep1(v1, GEN_HEP_SOFIA, &ua, &ub, 17, INVITE, strlen(INVITE));
	size_t nv1_6 = gen_hep1(v1_6, GEN_HEP_SOFIA, &ua6, &ub6, 6, INVITE, strlen(INVITE));
	size_t nrtcp = gen_hep2(rtcp, GEN_HEP_SOFIA, &ua, &ub, 17, "\x81\xc8\x00\x06rtcp-report", 16);
	uint8_t v2k[2048], v1_6k[2048]; /* as Kamailio writes them: the header length counts the addresses */
	gen_hep2(v2k, GEN_HEP_KAMAILIO, &ua, &ub, 17, INVITE, strlen(INVITE));
	gen_hep1(v1_6k, GEN_HEP_KAMAILIO, &ua6, &ub6, 6, INVITE, strlen(INVITE));
	memcpy(other, v2, nv2);
	other[2] = 3; /* no address family of HEP's */
	size_t v2_head = 8 + 8 + 12, v1_head = 8 + 8, v1_6_head = 8 + 32;
	struct cut_case cases[] = {
		{v2, nv2, v2_head + 5, 2},     /* "INVIT" */
		{v2k, nv2, v2_head + 5, 2},
		{v2, nv2, v2_head, 2},         /* the whole header, no payload byte */
		{v2, nv2, v2_head - 6, 2},     /* in the time header */
		{v2, nv2, 3, 2},               /* version, header length, family */
		{v1, nv1, v1_head + 20, 2},
		{v1_6, nv1_6, v1_6_head + 30, 2},
		{v1_6k, nv1_6, v1_6_head + 30, 2},
		{v2, nv2, v2_head + 80, 1},    /* the start line kept: SIP cut short */
		{v2, nv2, 2, 0},               /* too few bytes to see the family */
		{rtcp, nrtcp, v2_head + 6, 0}, /* a payload that is no SIP */
		{other, nv2, v2_head + 5, 0},
	};
	size_t counted = check_cut_datagrams(cases, sizeof cases / sizeof cases[0], "203.0.113.5", 9060, "HEP packet",
					     "HEP packet", "whether it mirrors SIP");
	cr_assert_eq(counted, 1);
	/* whole, a HEPv1 packet is read like a HEPv2 one */
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
	gen_udp(&g, &agent, &coll, v1_6, nv1_6);
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->n, 1);
	assert_bytes(message(col, 0), INVITE, "HEPv1");
	cr_assert_eq(message(col, 0)->transport, CAPTURE_TCP);
	assert_endpoint(&message(col, 0)->src, message(col, 0)->sport, &ua6, "HEPv1");
	free_collected(col);
	unlink(path);
}

/* --- HEP over TCP (heplify, Kamailio's siptrace to a TCP collector) ----- */

/* Three HEPv3 packets back to back, as a collector's TCP stream carries
 * them: an INVITE and a BYE from ua to ub, the 180 between them back;
 * ends[] gets where each ends. */
static size_t hep_tcp_stream(uint8_t *out, size_t ends[3])
{
	struct gen_endpoint ua = gen_ep4("198.51.100.1", 5060), ub = gen_ep4("198.51.100.2", 5062);
	size_t n = gen_hep3(out, &ua, &ub, 17, 1700000000, 1, INVITE, strlen(INVITE));
	ends[0] = n;
	n += gen_hep3(out + n, &ub, &ua, 17, 1700000000, 2, RINGING, strlen(RINGING));
	ends[1] = n;
	n += gen_hep3(out + n, &ua, &ub, 17, 1700000000, 3, BYE, strlen(BYE));
	ends[2] = n;
	return n;
}

/* The stream's bytes in segments of the agent's connection to the
 * collector, split at cuts[] (sorted, inside the stream); with its SYN
 * when syn (else the capture joins it mid-way, at a packet's start). */
static void hep_tcp_capture(const char *path, const uint8_t *b, size_t n, const size_t *cuts, size_t ncuts, bool syn)
{
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
	uint32_t seq = 7000;
	if (syn) {
		gen_tcp(&g, &agent, &coll, seq++, GEN_SYN, NULL, 0);
		gen_tcp(&g, &coll, &agent, 900, GEN_SYN | GEN_ACK, NULL, 0);
	}
	size_t from = 0;
	for (size_t k = 0; k <= ncuts; k++) {
		size_t to = k < ncuts ? cuts[k] : n;
		gen_tcp(&g, &agent, &coll, seq + (uint32_t)from, GEN_ACK | GEN_PSH, b + from, to - from);
		from = to;
	}
	gen_close(&g);
}

static void assert_hep_tcp_messages(const struct collected *col, size_t first, const char *what)
{
	static const char *const want[3] = {INVITE, RINGING, BYE};
	struct gen_endpoint ua = gen_ep4("198.51.100.1", 5060), ub = gen_ep4("198.51.100.2", 5062);
	for (size_t i = first; i < 3; i++) {
		const struct rec *m = message(col, i - first);
		cr_assert_not_null(m, "%s: message %zu", what, i);
		assert_bytes(m, want[i], what);
		cr_assert_eq(m->transport, CAPTURE_UDP, "%s: the transport the agent saw", what);
		assert_endpoint(&m->src, m->sport, i == 1 ? &ub : &ua, what);
		assert_endpoint(&m->dst, m->dport, i == 1 ? &ua : &ub, what);
	}
	cr_assert_eq(col->stats.hep_messages, 3 - first, "%s", what);
}

/* HEP over TCP: each packet framed by its own length, whether a segment
 * holds several packets or a packet spans segments (cut at every byte,
 * header included), from the SYN or joined mid-way at a packet's start. */
Test(capture, hep_over_tcp_framed_by_the_packet_lengths)
{
	uint8_t b[4096];
	size_t ends[3], n = hep_tcp_stream(b, ends);
	char path[64], what[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t cut = 0; cut < n; cut++) {
		bool syn = cut % 2 == 0;
		snprintf(what, sizeof what, "cut at %zu, %s", cut, syn ? "SYN" : "mid-way");
		hep_tcp_capture(path, b, n, &cut, cut ? 1 : 0, syn);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, 0, "%s", col->err);
		cr_assert_eq(col->n, 3, "%s: %zu records (first: %s %s)", what, col->n, col->n ? col->r[0].notice_kind : "",
			     col->n ? col->r[0].text : "");
		assert_hep_tcp_messages(col, 0, what);
		/* a message is reported at the frame that completed its packet */
		uint64_t base = syn ? 3 : 1;
		cr_assert_eq(message(col, 0)->frame, base + (cut && cut < ends[0]), "%s", what);
		free_collected(col);
	}
	/* every packet in a segment of its own, and three segments of one byte
	 * in a header */
	size_t each[] = {ends[0], ends[1]}, bytes[] = {ends[0] + 1, ends[0] + 2, ends[0] + 3};
	hep_tcp_capture(path, b, n, each, 2, true);
	struct collected *col = read_capture(path);
	assert_hep_tcp_messages(col, 0, "a packet per segment");
	cr_assert_eq(col->n, 3);
	free_collected(col);
	hep_tcp_capture(path, b, n, bytes, 3, true);
	col = read_capture(path);
	assert_hep_tcp_messages(col, 0, "a header byte per segment");
	cr_assert_eq(col->n, 3);
	free_collected(col);
	unlink(path);
}

/* HEP over TCP with lengths that are not a packet's, a stream that ends
 * inside a packet, and holes: a notice saying what, the framing found again
 * at the next "HEP3" when it was lost, never a message glued from the wrong
 * bytes. */
Test(capture, hep_over_tcp_bad_lengths_ends_and_gaps_give_notices)
{
	uint8_t good[4096];
	size_t ends[3], n = hep_tcp_stream(good, ends);
	size_t second = ends[1] - ends[0];
	enum { EDIT_NONE, EDIT_MAGIC, EDIT_LEN };
	struct {
		const char *what;
		int edit;
		long len_delta;     /* EDIT_LEN: added to the second packet's length */
		size_t end;         /* the capture ends here (0: at n) */
		size_t hole_from, hole_to; /* bytes never captured (equal: none) */
		size_t first;       /* the first of the three messages reported (3: none) */
		bool bye;           /* the BYE is reported */
		const char *notice, *text;
	} cases[] = {
		{"a bad magic", EDIT_MAGIC, 0, 0, 0, 0, 0, true, "hep-malformed", "not a HEP3 header"},
		{"a length under the header's", EDIT_LEN, -(long)second + 3, 0, 0, 0, 0, true, "hep-malformed",
		 "shorter than its header"},
		{"a length short of the chunks", EDIT_LEN, -10, 0, 0, 0, 0, true, "malformed-packet",
		 "chunk length runs past the packet"},
		{"a length past the packet", EDIT_LEN, 10, 0, 0, 0, 0, false, "malformed-packet",
		 "chunk length runs past the packet"},
		{"the end inside a packet", EDIT_NONE, 0, ends[0] + 20, 0, 0, 0, false, "stream-incomplete",
		 "inside a HEP packet (20 of"},
		{"the end inside a header", EDIT_NONE, 0, ends[0] + 3, 0, 0, 0, false, "stream-incomplete",
		 "inside a HEP packet header (3 bytes)"},
		{"a hole in a payload", EDIT_NONE, 0, 0, ends[0] + 50, ends[0] + 100, 0, true, "tcp-gap",
		 "unfinished message of 50 bytes"},
		{"a hole over a header", EDIT_NONE, 0, 0, ends[1] - 10, ends[1] + 10, 0, false, "hep-resync",
		 "bytes that start no HEP3 packet"},
	};
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint8_t b[4096];
		memcpy(b, good, n);
		if (cases[k].edit == EDIT_MAGIC)
			b[ends[0]] = 'X';
		if (cases[k].edit == EDIT_LEN) {
			long len = (long)second + cases[k].len_delta;
			b[ends[0] + 4] = (uint8_t)(len >> 8);
			b[ends[0] + 5] = (uint8_t)len;
		}
		size_t end = cases[k].end ? cases[k].end : n;
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
		gen_tcp(&g, &agent, &coll, 6999, GEN_SYN, NULL, 0);
		if (cases[k].hole_from < cases[k].hole_to) {
			gen_tcp(&g, &agent, &coll, 7000, GEN_ACK, b, cases[k].hole_from);
			gen_tcp(&g, &agent, &coll, 7000 + (uint32_t)cases[k].hole_to, GEN_ACK, b + cases[k].hole_to,
				end - cases[k].hole_to);
		} else {
			gen_tcp(&g, &agent, &coll, 7000, GEN_ACK, b, end);
		}
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, 0, "%s", col->err);
		const char *what = cases[k].what;
		size_t want = 1 + cases[k].bye;
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), want, "%s: %zu messages", what,
			     count_kind(col, CAPTURE_MESSAGE));
		assert_bytes(message(col, 0), INVITE, what);
		if (cases[k].bye)
			assert_bytes(message(col, 1), BYE, what);
		const struct rec *note = notice_of(col, cases[k].notice);
		cr_assert_not_null(note, "%s: no %s notice", what, cases[k].notice);
		cr_assert(strstr(note->text, cases[k].text), "%s: %s", what, note->text);
		free_collected(col);
	}
	unlink(path);
}

/* A capture that joins a HEP stream inside a packet, at any byte of it: the
 * rest of that packet is skipped and said (how many bytes), and the stream
 * is framed from the next packet's header on; it was taken for SIP and
 * skipped whole. A join at the mirrored INVITE's own start line reads it as
 * SIP (it is one), so that byte is left out. */
Test(capture, hep_over_tcp_joined_inside_a_packet)
{
	uint8_t b[4096];
	size_t ends[3], n = hep_tcp_stream(b, ends);
	const uint8_t *line = NULL;
	for (size_t i = 0; !line && i + strlen(INVITE) <= ends[0]; i++)
		if (memcmp(b + i, INVITE, strlen(INVITE)) == 0)
			line = b + i;
	cr_assert_not_null(line);
	char path[64], what[64], want[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (size_t join = 1; join < ends[0]; join++) {
		if (b + join == line)
			continue;
		snprintf(what, sizeof what, "joined %zu bytes in", join);
		hep_tcp_capture(path, b + join, n - join, NULL, 0, false);
		struct collected *col = read_capture(path);
		cr_assert_eq(col->rc, 0, "%s", col->err);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "%s: %zu messages", what,
			     count_kind(col, CAPTURE_MESSAGE));
		assert_hep_tcp_messages(col, 1, what);
		const struct rec *note = notice_of(col, "hep-resync");
		cr_assert_not_null(note, "%s: no hep-resync notice", what);
		snprintf(want, sizeof want, "%zu bytes skipped", ends[0] - join);
		cr_assert(strstr(note->text, want), "%s: %s (want %s)", what, note->text, want);
		cr_assert_null(notice_of(col, "stream-skipped"), "%s", what);
		free_collected(col);
	}
	unlink(path);
}

/* A SIP stream joined mid-way whose text says "HEP3" (with bytes after it
 * that could be read as a length) is still SIP: a header is taken only when
 * its binary chunk header holds. */
Test(capture, sip_over_tcp_joined_mid_way_saying_hep3_stays_sip)
{
	static const char note[] = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
				   "Via: SIP/2.0/TCP h;branch=z9hG4bKhep3\r\n"
				   "Subject: HEP3 HEP3\x01\x10HEP3 over TCP\r\n"
				   "Content-Length: 0\r\n\r\n";
	char *s = concat3(note, INVITE, BYE);
	size_t n = strlen(s);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	struct gen g;
	gen_open(&g, path, GEN_ETHERNET, false);
	struct conn c = conn4();
	gen_tcp(&g, &c.a, &c.b, 5000, GEN_ACK, s + 10, n - 10); /* no SYN, 10 bytes into the MESSAGE */
	gen_close(&g);
	struct collected *col = read_capture(path);
	cr_assert_eq(col->rc, 0, "%s", col->err);
	cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2, "%zu messages", count_kind(col, CAPTURE_MESSAGE));
	assert_bytes(message(col, 0), INVITE, "the first whole message");
	assert_bytes(message(col, 1), BYE, "the second");
	cr_assert_not_null(notice_of(col, "stream-skipped"));
	cr_assert_null(notice_of(col, "hep-resync"));
	free_collected(col);
	free(s);
	unlink(path);
}

/* HEP over TCP cut by the snapshot length: the packet is lost, framing goes
 * on from its length, and the cut counts as SIP that could not be checked
 * when the chunks kept say it mirrors SIP. */
Test(capture, hep_over_tcp_cut_by_snaplen_is_sip_cut_short)
{
	uint8_t b[4096];
	size_t ends[3], n = hep_tcp_stream(b, ends);
	size_t type_end = hep_type_chunk_end(b + ends[0], ends[1] - ends[0]);
	char path[64];
	gen_tmpname(path, sizeof path, ".pcap");
	for (int sip = 0; sip < 2; sip++) {
		struct gen g;
		gen_open(&g, path, GEN_ETHERNET, false);
		struct gen_endpoint agent = gen_ep4("203.0.113.5", 41000), coll = gen_ep4("203.0.113.9", 9060);
		gen_tcp(&g, &agent, &coll, 6999, GEN_SYN, NULL, 0);
		gen_tcp(&g, &agent, &coll, 7000, GEN_ACK, b, ends[0]);
		g.snaplen = 14 + 20 + 20 + (uint32_t)(sip ? type_end + 10 : type_end - 1);
		gen_tcp(&g, &agent, &coll, 7000 + (uint32_t)ends[0], GEN_ACK, b + ends[0], ends[1] - ends[0]);
		g.snaplen = 0;
		gen_tcp(&g, &agent, &coll, 7000 + (uint32_t)ends[1], GEN_ACK, b + ends[1], n - ends[1]);
		gen_close(&g);
		struct collected *col = read_capture(path);
		cr_assert_eq(count_kind(col, CAPTURE_MESSAGE), 2);
		assert_bytes(message(col, 0), INVITE, "before the cut");
		assert_bytes(message(col, 1), BYE, "after the cut");
		const struct rec *gap = notice_of(col, "tcp-gap");
		cr_assert_not_null(gap);
		cr_assert_eq(gap->cut_short, (bool)sip, "%s", gap->text);
		cr_assert_eq(col->stats.cut_short, (uint64_t)sip);
		free_collected(col);
	}
	unlink(path);
}
