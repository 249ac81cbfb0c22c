/* SPDX-License-Identifier: MIT */
/* The frame loop: libpcap record -> link layer -> IP (fragments reassembled)
 * -> UDP datagram or TCP segment -> records for the caller. A tunnel's inner
 * IP packet goes round the same path again. Notices from every layer are
 * stamped with the current frame and its time here. */
#include "capture.h"

#include "hep.h"
#include "ipfrag.h"
#include "pcapng.h"
#include "sctp.h"
#include "sipdetect.h"
#include "tcpreasm.h"
#include "tunnel.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#define IPPROTO_TCP_NUM 6
#define IPPROTO_UDP_NUM 17
#define IPPROTO_SCTP_NUM 132

struct capture {
	pcap_t *pcap;      /* pcap files: libpcap */
	struct pcapng *ng; /* pcapng files: pcapng.c (one link type per interface) */
	int dlt;           /* pcap: the file's; pcapng: the first one read (each frame has its own) */
	struct capture_opts opts;
	struct ipfrag_table *frags;
	struct tcp_table *tcp;
	struct sctp_table *sctp;
	struct capture_stats stats;
	/* the reasons of the unreadable frames said so far (each said once:
	 * a WPA capture has thousands of encrypted frames) */
	const char *unreadable_told[8];
	size_t unreadable_told_n;
	/* the frame being processed, and where its records go */
	uint64_t frame;
	size_t caplen, wirelen;  /* its bytes captured, and on the wire */
	bool frame_said;         /* a notice about it was given (not one about another frame) */
	int64_t ts_sec;
	uint32_t ts_nsec;
	capture_fn fn;
	void *ctx;
};

void capture_opts_init(struct capture_opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_flow_bytes = CAPTURE_DEFAULT_MAX_FLOW_BYTES;
	o->max_flows = CAPTURE_DEFAULT_MAX_FLOWS;
	o->max_fragmented = CAPTURE_DEFAULT_MAX_FRAGMENTED;
	o->max_interfaces = CAPTURE_DEFAULT_MAX_INTERFACES;
	tunnel_opts_init(&o->tunnels);
}

bool capture_has_magic(const void *data, size_t len)
{
	static const uint8_t magics[][4] = {
		{0xa1, 0xb2, 0xc3, 0xd4}, {0xd4, 0xc3, 0xb2, 0xa1}, /* pcap, microseconds */
		{0xa1, 0xb2, 0x3c, 0x4d}, {0x4d, 0x3c, 0xb2, 0xa1}, /* pcap, nanoseconds */
		{0xa1, 0xb2, 0xcd, 0x34}, {0x34, 0xcd, 0xb2, 0xa1}, /* Alexey Kuznetsov's modified pcap */
		{0x0a, 0x0d, 0x0d, 0x0a},                           /* pcapng section header block */
	};
	if (len < 4)
		return false;
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (memcmp(data, magics[i], 4) == 0)
			return true;
	return false;
}

/* r at its frame (0: the current one) and that frame's time. */
static void deliver_at(struct capture *c, struct capture_record *r, int64_t ts_sec, uint32_t ts_nsec)
{
	r->frame = r->frame ? r->frame : c->frame;
	r->ts_sec = ts_sec;
	r->ts_nsec = ts_nsec;
	switch (r->kind) {
	case CAPTURE_MESSAGE:
		if (r->transport == CAPTURE_UDP)
			c->stats.udp_messages++;
		else if (r->transport == CAPTURE_WS)
			c->stats.ws_messages++;
		else if (r->transport == CAPTURE_SCTP)
			c->stats.sctp_messages++;
		else
			c->stats.tcp_messages++;
		break;
	case CAPTURE_FRAMING_ERROR:
		c->stats.framing_errors++;
		break;
	case CAPTURE_NOTICE:
		c->stats.notices++;
		c->stats.cut_short += r->cut_short;
		/* a notice of an earlier frame (a fragment or TCP flow given up
		 * now) says nothing of this one */
		c->frame_said |= r->frame == c->frame;
		break;
	}
	c->fn(c->ctx, r);
}

static void deliver(struct capture *c, struct capture_record *r) { deliver_at(c, r, c->ts_sec, c->ts_nsec); }

static void notice(void *ctx, uint64_t frame, const char *kind, const char *text)
{
	struct capture *c = ctx;
	struct capture_record r = {.kind = CAPTURE_NOTICE, .frame = frame, .notice_kind = kind, .text = text};
	deliver(c, &r);
}

/* An incomplete IP datagram that was SIP (ipfrag.h): not checked, so
 * counted as SIP the capture cut short. */
static void sip_lost_notice(void *ctx, uint64_t frame, const char *kind, const char *text)
{
	struct capture_record r = {.kind = CAPTURE_NOTICE, .frame = frame, .notice_kind = kind, .text = text,
				   .cut_short = true};
	deliver(ctx, &r);
}

/* libpcap's name of a link type, for messages that also give its number. */
static const char *dlt_name(int dlt)
{
	const char *name = pcap_datalink_val_to_name(dlt);
	return name ? name : "unknown";
}

/* One more frame read (c->ts_* set): the first one's time is the base of
 * the relative times. */
static void count_frame(struct capture *c)
{
	c->frame = ++c->stats.frames;
	if (c->frame == 1) {
		c->stats.first_ts_sec = c->ts_sec;
		c->stats.first_ts_nsec = c->ts_nsec;
	}
}

/* The first link type of a pcapng's interfaces that is read, or the first
 * one when none is: a file is refused only when none of its interfaces can
 * be read (the frames of the others are skipped with a notice). */
static int first_supported_link(const struct pcapng *ng)
{
	for (size_t i = 0; i < pcapng_link_count(ng); i++)
		if (net_link_supported(pcapng_link_at(ng, i)))
			return pcapng_link_at(ng, i);
	return pcapng_link_at(ng, 0);
}

static void sctp_message_in(void *ctx, const struct net_ip *ip, const struct sctp_message *m);
static void tcp_event(void *ctx, const struct net_flow_key *k, const struct tcp_when *when,
		      enum tcp_carrier carrier, const struct sipstream_event *ev);

static struct capture *setup(pcap_t *p, struct pcapng *ng, const struct capture_opts *opts, char *err,
			     size_t errlen)
{
	struct capture *c = calloc(1, sizeof *c);
	if (!c) {
		if (p)
			pcap_close(p);
		pcapng_close(ng);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	c->pcap = p;
	c->ng = ng;
	c->dlt = p ? pcap_datalink(p) : first_supported_link(ng);
	if (opts)
		c->opts = *opts;
	else
		capture_opts_init(&c->opts);
	if (!net_link_supported(c->dlt)) {
		snprintf(err, errlen, "link type %s (%d) is not supported (Ethernet, Linux cooked SLL/SLL2, raw IP, BSD loopback, PPP, PPPoE, Cisco HDLC, Linux NFLOG, and IEEE 802.11 bare or with a radiotap, Prism, AVS or PPI header are)",
			 dlt_name(c->dlt), c->dlt);
		capture_close(c);
		return NULL;
	}
	struct notice_sink sink = {notice, c};
	c->frags = ipfrag_new(c->opts.max_fragmented, &sink, &(struct notice_sink){sip_lost_notice, c});
	c->tcp = tcp_table_new(c->opts.max_flows, c->opts.max_flow_bytes, tcp_event, c);
	c->sctp = sctp_table_new(c->opts.max_flows, c->opts.max_flow_bytes, &sink, sctp_message_in, c);
	if (!c->frags || !c->tcp || !c->sctp) {
		snprintf(err, errlen, "out of memory");
		capture_close(c);
		return NULL;
	}
	return c;
}

/* pcapng goes to pcapng.c, anything else to libpcap; fp is consumed. */
static struct capture *open_fp(FILE *fp, const struct capture_opts *opts, char *err, size_t errlen)
{
	static const uint8_t shb[4] = {0x0a, 0x0d, 0x0d, 0x0a};
	uint8_t magic[4];
	char pe[PCAP_ERRBUF_SIZE] = "";
	if (fread(magic, 1, sizeof magic, fp) == sizeof magic && memcmp(magic, shb, 4) == 0) {
		struct pcapng *ng = pcapng_open(fp, opts ? opts->max_interfaces : CAPTURE_DEFAULT_MAX_INTERFACES, pe, sizeof pe);
		if (!ng) {
			snprintf(err, errlen, "not a readable capture: %s", pe);
			return NULL;
		}
		return setup(NULL, ng, opts, err, errlen);
	}
	if (fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		snprintf(err, errlen, "not a readable capture: cannot go back to its start");
		return NULL;
	}
	/* nanoseconds: a nanosecond pcap keeps its resolution (libpcap scales
	 * a microsecond one up) */
	pcap_t *p = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_NANO, pe);
	if (!p) {
		fclose(fp);
		snprintf(err, errlen, "not a readable capture: %s", pe);
		return NULL;
	}
	return setup(p, NULL, opts, err, errlen);
}

struct capture *capture_open_file(const char *path, const struct capture_opts *opts, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errlen, "not a readable capture: %s: %s", path, strerror(errno));
		return NULL;
	}
	return open_fp(fp, opts, err, errlen);
}

struct capture *capture_open_fp(FILE *fp, const struct capture_opts *opts, char *err, size_t errlen)
{
	return open_fp(fp, opts, err, errlen);
}

static void ip_in(struct capture *c, const uint8_t *p, size_t cap, size_t wire, unsigned depth);

/* A header the capture's snapshot length cut (NET_CUT_SHORT; reason names
 * it): the packets from there on are not checked. Said as one uncounted
 * frame-truncated notice, and only when nothing was said of the frame yet:
 * a SIP message cut short in it has said the frame was cut, and the user
 * wants one notice per cut frame, not one per packet it may have held. */
static void snapshot_cut(struct capture *c, const char *reason)
{
	if (c->frame_said)
		return;
	notice_emit(&(struct notice_sink){notice, c}, c->frame, "frame-truncated",
		    "%s by the capture's snapshot length (%zu of %zu bytes): the packets from there on are not checked, nor told whether they are SIP",
		    reason, c->caplen, c->wirelen);
}

/* The outcome of looking for a tunnel: the inner packet is decoded like the
 * outer one, its length on the wire taken from the outer payload's (cap of
 * wire bytes at outer) when it runs to the end of what was captured. The
 * recursion is bounded: tunnel.h refuses to go deeper than
 * TUNNEL_MAX_DEPTH. Returns false when there was no tunnel. */
static bool tunnel_in(struct capture *c, enum net_result r, const uint8_t *inner, size_t len, const uint8_t *outer,
		      size_t cap, size_t wire, const char *reason, unsigned depth)
{
	if (r == NET_OK)
		ip_in(c, inner, len, inner + len == outer + cap ? len + (wire - cap) : len, depth + 1);
	else if (r == NET_MALFORMED)
		notice_emit(&(struct notice_sink){notice, c}, c->frame, "malformed-packet", "malformed tunnel: %s",
			    reason);
	return r != NET_OTHER;
}

/* A datagram that the capture's snapshot length cut short: a notice
 * instead of the message (r: its record, endpoints set or not). unsure:
 * NULL when the bytes kept show that it is SIP, which could not be checked
 * and is counted; else what they are too few to tell ("whether it is SIP"),
 * and the notice is not counted. */
static void cut_short_at(struct capture *c, struct capture_record *r, const char *what, const char *unsure,
			 const struct net_ip *ip, uint16_t sport, uint16_t dport, size_t kept, size_t wire)
{
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN], text[320];
	net_endpoint_format(&ip->src, sport, src, sizeof src);
	net_endpoint_format(&ip->dst, dport, dst, sizeof dst);
	snprintf(text, sizeof text,
		 "%s %s -> %s cut short by the capture's snapshot length (%zu of %zu bytes)%s%s; not checked", what,
		 src, dst, kept, wire, unsure ? " before it could be told " : "", unsure ? unsure : "");
	r->kind = CAPTURE_NOTICE;
	r->notice_kind = "frame-truncated";
	r->text = text;
	r->cut_short = !unsure;
	r->data = NULL;
	r->len = 0;
	deliver(c, r);
}

static void deliver_cut_short(struct capture *c, struct capture_record *r, const char *what, const char *unsure,
			      const struct net_ip *ip, const struct net_udp *u)
{
	cut_short_at(c, r, what, unsure, ip, u->sport, u->dport, u->payload_len, u->payload_wire_len);
}

/* One SCTP user message (sctp.h): SIP when it starts like a SIP message,
 * whatever its stream or payload protocol identifier (RFC 4168 gives SIP
 * none of its own; implementations send 0). */
static void sctp_message_in(void *ctx, const struct net_ip *ip, const struct sctp_message *m)
{
	struct capture *c = ctx;
	size_t i = 0;
	while (i < m->len && (m->data[i] == '\r' || m->data[i] == '\n'))
		i++;
	bool cut = m->len < m->wire_len;
	if (i == m->len && !cut)
		return; /* empty, or a CRLF keep-alive */
	enum sip_detect d = sip_detect_start_line(m->data + i, m->len - i, !cut);
	if (d == SIP_NO)
		return; /* not SIP: Diameter, M3UA, ... */
	struct capture_record r = {
		.has_endpoints = true, .transport = CAPTURE_SCTP, .src = ip->src, .dst = ip->dst,
		.sport = m->sport, .dport = m->dport, .data = m->data, .len = m->len,
	};
	if (!cut)
		deliver(c, &r);
	else
		cut_short_at(c, &r, d == SIP_YES ? "SIP message over SCTP" : "SCTP message",
			     d == SIP_YES ? NULL : "whether it is SIP", ip, m->sport, m->dport, m->len, m->wire_len);
}

/* The SIP a decoded HEP packet (hep.h) mirrors, reported at r's frame and
 * time with the endpoints the agent captured it between, not the
 * collector's (from, to: theirs, for the notices). */
static void hep_payload_in(struct capture *c, struct capture_record *r, const struct hep_packet *h, const char *from,
			   const char *to)
{
	if (h->proto_type && h->proto_type != HEP_PROTO_SIP)
		return; /* RTCP reports, logs, ... mirrored to the same collector */
	if (h->compressed) {
		char text[320];
		snprintf(text, sizeof text, "HEP packet %s -> %s carries a compressed payload; not checked", from, to);
		r->kind = CAPTURE_NOTICE;
		r->notice_kind = "hep-compressed";
		r->text = text;
		deliver_at(c, r, r->ts_sec, r->ts_nsec);
		return;
	}
	size_t i = 0;
	while (i < h->payload_len && (h->payload[i] == '\r' || h->payload[i] == '\n'))
		i++;
	if (i == h->payload_len)
		return; /* empty, or a CRLF keep-alive */
	c->stats.hep_messages++;
	*r = (struct capture_record){
		.kind = CAPTURE_MESSAGE, .frame = r->frame, .ts_sec = r->ts_sec, .ts_nsec = r->ts_nsec,
		.has_endpoints = true,
		.transport = h->ip_proto == IPPROTO_TCP_NUM ? CAPTURE_TCP : h->ip_proto == IPPROTO_SCTP_NUM ? CAPTURE_SCTP : CAPTURE_UDP,
		.src = h->src, .dst = h->dst, .sport = h->sport, .dport = h->dport,
		.data = h->payload, .len = h->payload_len, .stream_order = r->stream_order,
	};
	deliver_at(c, r, r->ts_sec, r->ts_nsec);
}

/* A HEP packet (hep.h) in a UDP datagram: the SIP it mirrors, reported with
 * the endpoints the agent captured it between, not the collector's. */
static void hep_in(struct capture *c, const struct net_ip *ip, const struct net_udp *u, enum net_result r,
		   const struct hep_packet *h, const char *reason)
{
	struct notice_sink sink = {notice, c};
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN];
	net_endpoint_format(&ip->src, u->sport, src, sizeof src);
	net_endpoint_format(&ip->dst, u->dport, dst, sizeof dst);
	bool cut = u->payload_len < u->payload_wire_len;
	if (r == NET_MALFORMED) {
		if (!cut)
			notice_emit(&sink, c->frame, "malformed-packet", "malformed HEP packet %s -> %s: %s", src, dst,
				    reason);
		else if (h->proto_type == HEP_PROTO_SIP) /* the chunks kept say so */
			deliver_cut_short(c, &(struct capture_record){0}, "HEP packet", NULL, ip, u);
		else if (!h->proto_type) /* not among the chunks kept */
			deliver_cut_short(c, &(struct capture_record){0}, "HEP packet", "whether it mirrors SIP",
					  ip, u);
		/* else RTCP reports, logs, ...: not read whole either */
		return;
	}
	if (cut && h->version < 3) {
		/* HEPv1/v2: its payload, SIP by its start line, runs to the end
		 * of the datagram, whose end was not kept */
		deliver_cut_short(c, &(struct capture_record){0}, "HEP packet", NULL, ip, u);
		return;
	}
	struct capture_record rec = {.frame = c->frame, .ts_sec = c->ts_sec, .ts_nsec = c->ts_nsec};
	hep_payload_in(c, &rec, h, src, dst);
}

/* One whole HEPv3 packet framed from a TCP stream to a collector
 * (hepstream.h), at the frame that completed it. */
static void hep_tcp_in(struct capture *c, const struct net_flow_key *k, const struct tcp_when *when,
		       const uint8_t *p, size_t len)
{
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN];
	net_endpoint_format(&k->src, k->sport, src, sizeof src);
	net_endpoint_format(&k->dst, k->dport, dst, sizeof dst);
	struct hep_packet h;
	const char *reason = "not a HEP packet";
	struct capture_record r = {.frame = when->frame, .ts_sec = when->ts_sec, .ts_nsec = when->ts_nsec,
				   .stream_order = true};
	if (hep_decode(p, len, true, &h, &reason) != NET_OK) {
		char text[400];
		snprintf(text, sizeof text, "malformed HEP packet %s -> %s (TCP): %s", src, dst, reason);
		r.kind = CAPTURE_NOTICE;
		r.notice_kind = "malformed-packet";
		r.text = text;
		r.has_endpoints = true;
		r.transport = CAPTURE_TCP;
		r.src = k->src;
		r.dst = k->dst;
		r.sport = k->sport;
		r.dport = k->dport;
		deliver_at(c, &r, r.ts_sec, r.ts_nsec);
		return;
	}
	hep_payload_in(c, &r, &h, src, dst);
}

static void tcp_event(void *ctx, const struct net_flow_key *k, const struct tcp_when *when,
		      enum tcp_carrier carrier, const struct sipstream_event *ev)
{
	struct capture *c = ctx;
	if (carrier == TCP_CARRIES_HEP && ev->kind == SIPSTREAM_MESSAGE) {
		hep_tcp_in(c, k, when, ev->data, ev->len);
		return;
	}
	struct capture_record r = {
		.frame = when->frame, .has_endpoints = true, .transport = carrier == TCP_CARRIES_WS ? CAPTURE_WS : CAPTURE_TCP,
		.src = k->src, .dst = k->dst, .sport = k->sport, .dport = k->dport,
		.data = ev->data, .len = ev->len, .error = ev->error,
		.notice_kind = ev->notice_kind, .text = ev->text, .cut_short = ev->cut_short, .stream_order = true,
	};
	r.kind = ev->kind == SIPSTREAM_MESSAGE ? CAPTURE_MESSAGE
		 : ev->kind == SIPSTREAM_FRAMING_ERROR ? CAPTURE_FRAMING_ERROR
						       : CAPTURE_NOTICE;
	deliver_at(c, &r, when->ts_sec, when->ts_nsec);
}

static void udp_in(struct capture *c, const struct net_ip *ip, const uint8_t *l4, size_t cap, size_t wire,
		   unsigned depth)
{
	struct net_udp u;
	const char *reason = NULL;
	enum net_result ur = net_udp_decode(l4, cap, wire, &u, &reason);
	if (ur == NET_CUT_SHORT) {
		snapshot_cut(c, reason);
		return;
	}
	if (ur != NET_OK) {
		notice_emit(&(struct notice_sink){notice, c}, c->frame, "malformed-packet", "malformed UDP datagram: %s",
			    reason);
		return;
	}
	size_t i = 0;
	while (i < u.payload_len && (u.payload[i] == '\r' || u.payload[i] == '\n'))
		i++;
	bool cut = u.payload_len < u.payload_wire_len;
	enum sip_detect d = sip_detect_start_line(u.payload + i, u.payload_len - i, !cut);
	/* A SIP start line is no tunnel header (those start with flag bits or
	 * a version): SIP sent to a tunnel's port is read as SIP. */
	if (d != SIP_YES) {
		const uint8_t *inner = NULL;
		size_t inner_len = 0;
		enum net_result tunnel = tunnel_udp_payload(&c->opts.tunnels, u.sport, u.dport, u.payload, u.payload_len,
							    depth, &inner, &inner_len, &reason);
		if (tunnel_in(c, tunnel, inner, inner_len, u.payload, u.payload_len, u.payload_wire_len, reason, depth))
			return;
	}
	struct hep_packet h;
	enum net_result hep = hep_decode(u.payload, u.payload_len, u.payload_len == u.payload_wire_len, &h, &reason);
	if (hep != NET_OTHER) {
		hep_in(c, ip, &u, hep, &h, reason);
		return;
	}
	if (i == u.payload_len && u.payload_len == u.payload_wire_len)
		return; /* empty, or a CRLF keep-alive */
	if (d == SIP_NO)
		return; /* not SIP: RTP, DNS, ... */
	struct capture_record r = {
		.has_endpoints = true, .transport = CAPTURE_UDP, .src = ip->src, .dst = ip->dst,
		.sport = u.sport, .dport = u.dport, .data = u.payload, .len = u.payload_len,
	};
	if (!cut)
		deliver(c, &r);
	else if (d == SIP_YES) /* its start line was kept */
		deliver_cut_short(c, &r, "SIP datagram", NULL, ip, &u);
	else /* SIP_MAYBE: cut inside its first line, or before it */
		deliver_cut_short(c, &r, "datagram", "whether it is SIP", ip, &u);
}

static void transport_in(struct capture *c, const struct net_ip *ip, uint8_t proto, const uint8_t *l4, size_t cap,
			 size_t wire, unsigned depth)
{
	const uint8_t *inner = NULL;
	size_t inner_len = 0;
	const char *why = NULL;
	enum net_result tunnel = tunnel_ip_payload(&c->opts.tunnels, proto, l4, cap, depth, &inner, &inner_len, &why);
	if (tunnel_in(c, tunnel, inner, inner_len, l4, cap, wire, why, depth))
		return;
	if (proto == IPPROTO_UDP_NUM) {
		udp_in(c, ip, l4, cap, wire, depth);
	} else if (proto == IPPROTO_TCP_NUM) {
		struct net_tcp t;
		const char *reason = NULL;
		enum net_result r = net_tcp_decode(l4, cap, wire, &t, &reason);
		if (r == NET_CUT_SHORT) {
			snapshot_cut(c, reason);
			return;
		}
		if (r != NET_OK) {
			notice_emit(&(struct notice_sink){notice, c}, c->frame, "malformed-packet",
				    "malformed TCP segment: %s", reason);
			return;
		}
		tcp_segment_in(c->tcp, &ip->src, &ip->dst, &t, &(struct tcp_when){c->frame, c->ts_sec, c->ts_nsec});
	} else if (proto == IPPROTO_SCTP_NUM) {
		sctp_packet_in(c->sctp, ip, l4, cap, wire, c->frame);
	}
}

/* An IP fragment that the capture's snapshot length cut short (ipfrag.h):
 * its datagram cannot be reassembled. It is SIP cut short, counted as a
 * cut datagram is, when the datagram's start that was kept (this fragment,
 * if it is the first, a first fragment cut short earlier, or the fragments
 * held) holds a UDP header and a SIP start line, or a HEP packet that says
 * it mirrors SIP; once per datagram (its later fragments, and copies of a
 * fragment, name the frame it was counted in). Without its start it could
 * be anything; with a start too short to tell, or one that is not SIP, it
 * is said, not counted. whole: ip is the whole first fragment of a datagram
 * cut before (IPFRAG_CUT_START), which is said only when it shows SIP. */
static void fragment_cut_short(struct capture *c, const struct net_ip *ip, const struct ipfrag_datagram *d, bool whole)
{
	char src[NET_ENDPOINT_STRLEN], dst[NET_ENDPOINT_STRLEN], text[400], *what = NULL;
	net_addr_format(&ip->src, src, sizeof src);
	net_addr_format(&ip->dst, dst, sizeof dst);
	int n = whole ? snprintf(text, sizeof text,
				 "IPv%u fragment %s -> %s id 0x%x at offset 0 came whole, but a fragment of its datagram in frame %llu was cut short by the capture's snapshot length; its datagram cannot be reassembled",
				 (unsigned)ip->src.family, src, dst, (unsigned)ip->frag_id,
				 (unsigned long long)d->cut_frame)
		      : snprintf(text, sizeof text,
				 "IPv%u fragment %s -> %s id 0x%x at offset %u cut short by the capture's snapshot length (%zu of %zu bytes); its datagram cannot be reassembled",
				 (unsigned)ip->src.family, src, dst, (unsigned)ip->frag_id, (unsigned)ip->frag_offset,
				 ip->payload_len, ip->payload_wire_len);
	bool sip = false, unsure = d->proto == IPPROTO_UDP_NUM && d->len > 0 && d->len < 8;
	if (d->proto == IPPROTO_UDP_NUM && d->len >= 8) {
		const uint8_t *p = d->data + 8;
		size_t len = d->len - 8, i = 0;
		struct hep_packet h;
		const char *reason = NULL;
		enum net_result hep = hep_decode(p, len, false, &h, &reason);
		while (i < len && (p[i] == '\r' || p[i] == '\n'))
			i++;
		if (hep != NET_OTHER) {
			sip = h.proto_type == HEP_PROTO_SIP || (hep == NET_OK && !h.proto_type);
			unsure = hep != NET_OK && !h.proto_type;
		} else {
			enum sip_detect sd = sip_detect_start_line(p + i, len - i, false);
			sip = sd == SIP_YES;
			unsure = sd == SIP_MAYBE;
		}
		what = hep != NET_OTHER ? "a HEP packet mirroring SIP" : "a SIP datagram";
		net_endpoint_format(&ip->src, (uint16_t)(d->data[0] << 8 | d->data[1]), src, sizeof src);
		net_endpoint_format(&ip->dst, (uint16_t)(d->data[2] << 8 | d->data[3]), dst, sizeof dst);
	}
	struct capture_record r = {.kind = CAPTURE_NOTICE, .notice_kind = "ip-fragment-truncated", .text = text};
	if (n > 0 && (size_t)n < sizeof text) {
		if (sip && d->told_frame)
			snprintf(text + n, sizeof text - (size_t)n, ", %s %s -> %s already said cut short in frame %llu",
				 what, src, dst, (unsigned long long)d->told_frame);
		else if (sip)
			snprintf(text + n, sizeof text - (size_t)n, ": %s %s -> %s by the bytes kept; not checked", what, src,
				 dst);
		else if (unsure)
			snprintf(text + n, sizeof text - (size_t)n,
				 ", and too little of its start was kept to tell whether it is SIP");
		else if (!d->len)
			snprintf(text + n, sizeof text - (size_t)n,
				 ", and its first fragment is not at hand to tell whether it is SIP");
	}
	r.cut_short = sip && !d->told_frame;
	if (whole && !r.cut_short)
		return; /* not SIP, or already counted: the end of the capture says it is incomplete */
	if (r.cut_short)
		ipfrag_told(c->frags, ip, c->frame);
	deliver(c, &r);
}

/* An IP packet, `depth` tunnels deep (0: the frame's own), cap of its wire
 * bytes captured. */
static void ip_in(struct capture *c, const uint8_t *p, size_t cap, size_t wire, unsigned depth)
{
	struct net_ip ip;
	const char *reason = NULL;
	enum net_result r = net_ip_decode(p, cap, wire, &ip, &reason);
	if (r == NET_CUT_SHORT) {
		snapshot_cut(c, reason);
		return;
	}
	if (r == NET_MALFORMED) {
		notice_emit(&(struct notice_sink){notice, c}, c->frame, "malformed-packet", "malformed frame: %s",
			    reason);
		return;
	}
	if (r != NET_OK)
		return;
	if (!ip.fragment) {
		transport_in(c, &ip, ip.proto, ip.payload, ip.payload_len, ip.payload_wire_len, depth);
		return;
	}
	struct ipfrag_datagram d;
	int got = ipfrag_add(c->frags, &ip, c->frame, c->ts_sec, &d);
	if (got == 1) {
		struct net_ip whole = ip;
		whole.fragment = false;
		transport_in(c, &whole, d.proto, d.data, d.len, d.len, depth);
	} else if (got == IPFRAG_CUT_SHORT || got == IPFRAG_CUT_START) {
		fragment_cut_short(c, &ip, &d, got == IPFRAG_CUT_START);
	}
}

/* A frame whose content cannot be read (the reason, one of the decoders'
 * fixed strings, says why): skipped, and said the first time per reason. */
static void unreadable_frame(struct capture *c, const char *reason)
{
	c->stats.unreadable++;
	for (size_t i = 0; i < c->unreadable_told_n; i++)
		if (c->unreadable_told[i] == reason)
			return;
	if (c->unreadable_told_n < sizeof c->unreadable_told / sizeof c->unreadable_told[0])
		c->unreadable_told[c->unreadable_told_n++] = reason;
	notice_emit(&(struct notice_sink){notice, c}, c->frame, "frame-unreadable",
		    "%s; skipped, as are the later frames of this kind, without another notice", reason);
}

/* Every IP packet of a frame (an 802.11 A-MSDU holds several), in order.
 * The packets a snapshot cut hid (NET_CUT_SHORT: the walk ends there) are
 * said once, as snapshot_cut says. */
static void frame_in(struct capture *c, int dlt, const uint8_t *data, size_t caplen, size_t wirelen)
{
	const uint8_t *ipp;
	size_t iplen, ipwire;
	const char *reason = NULL;
	struct net_link_rest rest;
	c->caplen = caplen;
	c->wirelen = wirelen > caplen ? wirelen : caplen;
	c->frame_said = false;
	enum net_result r = net_link_decode_first(dlt, data, caplen, wirelen, &rest, &ipp, &iplen, &ipwire, &reason);
	for (;;) {
		if (r == NET_OK)
			ip_in(c, ipp, iplen, ipwire, 0);
		else if (r == NET_MALFORMED)
			notice_emit(&(struct notice_sink){notice, c}, c->frame, "malformed-packet",
				    "malformed frame: %s", reason);
		else if (r == NET_UNREADABLE)
			unreadable_frame(c, reason);
		else if (r == NET_CUT_SHORT)
			snapshot_cut(c, reason);
		if (!rest.p)
			return;
		r = net_link_next(&rest, &ipp, &iplen, &ipwire, &reason);
	}
}

/* The next frame from either reader: 1, 0 at the end, -1 an error in err. */
static int next_frame(struct capture *c, int *dlt, const uint8_t **data, size_t *caplen, size_t *wirelen, char *err,
		      size_t errlen)
{
	if (c->pcap) {
		struct pcap_pkthdr *h;
		const u_char *d;
		int rc = pcap_next_ex(c->pcap, &h, &d);
		if (rc == 1) {
			*dlt = c->dlt;
			*data = d;
			*caplen = h->caplen;
			*wirelen = h->len;
			c->ts_sec = (int64_t)h->ts.tv_sec;
			c->ts_nsec = (uint32_t)h->ts.tv_usec;
			return 1;
		}
		if (rc == PCAP_ERROR) {
			snprintf(err, errlen, "%s", pcap_geterr(c->pcap));
			return -1;
		}
		return 0;
	}
	for (;;) {
		struct pcapng_frame f;
		int rc = pcapng_next(c->ng, &f, err, errlen);
		if (rc != 1)
			return rc;
		c->ts_sec = f.ts_sec;
		c->ts_nsec = f.ts_nsec;
		if (net_link_supported(f.dlt)) {
			*dlt = f.dlt;
			*data = f.data;
			*caplen = f.caplen;
			*wirelen = f.wirelen;
			return 1; /* counted by the caller */
		}
		/* a frame of an interface whose link layer is not read: counted,
		 * skipped, and said once per interface */
		count_frame(c);
		if (f.iface_first)
			notice_emit(&(struct notice_sink){notice, c}, c->frame, "link-type-unsupported",
				    "interface %u has link type %s (%d), which is not supported; its frames are skipped",
				    f.iface, dlt_name(f.dlt), f.dlt);
	}
}

int capture_run(struct capture *c, capture_fn fn, void *ctx, char *err, size_t errlen)
{
	c->fn = fn;
	c->ctx = ctx;
	const uint8_t *data;
	size_t caplen, wirelen;
	int dlt, rc;
	char why[PCAP_ERRBUF_SIZE + 64] = "";
	while ((rc = next_frame(c, &dlt, &data, &caplen, &wirelen, why, sizeof why)) == 1) {
		count_frame(c);
		frame_in(c, dlt, data, caplen, wirelen);
		if (c->opts.progress && (c->frame & 0xffffu) == 0)
			c->opts.progress(c->opts.progress_ctx, c->frame);
	}
	/* Whatever the reason the frames stop, what is held is reported. */
	ipfrag_flush(c->frags, c->frame);
	tcp_table_flush(c->tcp, &(struct tcp_when){c->frame, c->ts_sec, c->ts_nsec});
	sctp_table_flush(c->sctp, c->frame);
	const struct tcp_stats *ts = tcp_table_stats(c->tcp);
	c->stats.tcp_flows = ts->flows;
	c->stats.retransmitted = ts->retransmitted + sctp_table_stats(c->sctp)->retransmitted;
	if (rc < 0) {
		snprintf(err, errlen, "frame %llu: %s", (unsigned long long)c->stats.frames + 1, why);
		return -1;
	}
	return 0;
}

const struct capture_stats *capture_get_stats(const struct capture *c) { return &c->stats; }

size_t capture_link_count(const struct capture *c) { return c->pcap ? 1 : pcapng_link_count(c->ng); }

const char *capture_link_name(const struct capture *c, size_t i, char buf[CAPTURE_LINK_NAME_LEN])
{
	int dlt = c->pcap ? c->dlt : pcapng_link_at(c->ng, i);
	const char *n = pcap_datalink_val_to_name(dlt);
	if (n)
		return n;
	snprintf(buf, CAPTURE_LINK_NAME_LEN, "%d", dlt);
	return buf;
}

void capture_close(struct capture *c)
{
	if (!c)
		return;
	if (c->pcap)
		pcap_close(c->pcap);
	pcapng_close(c->ng);
	ipfrag_free(c->frags);
	tcp_table_free(c->tcp);
	sctp_table_free(c->sctp);
	free(c);
}
