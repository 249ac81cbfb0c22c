/* SPDX-License-Identifier: MIT */
/* The capture reader of `sipmsg check` (libsipmsg/tools): link layer, IP and
 * its fragments, tunnels, UDP, TCP reassembly, WebSocket, SCTP and HEP, then the
 * check pipeline on every message found.
 *
 * Byte 0 picks the link type, bytes 1 and 2 the capture options (below);
 * then frames until the input ends, each a 2-byte big-endian length and that many
 * bytes. The length's top bit announces a larger original length than was
 * captured (a snapshot-length cut); a last frame the input cuts short is
 * written with the length it announced as its original length. The frames
 * are written into a pcap file in memory, which is read through fmemopen()
 * and capture_open_fp(), as `sipmsg check -` reads a pipe.
 *
 * Checks: every message and framing error's bytes are read (ASan sees a bad
 * pointer) and checked by a pipeline as cmd_check.c does; frame numbers never
 * decrease and never exceed the frames written; notices have a kind and a
 * one-line text, and none says a tunnel is malformed when tunnels are off;
 * a notice counted as SIP cut short is a frame-truncated or tcp-gap notice
 * about the snapshot length that does not doubt it is SIP, or an incomplete
 * datagram's that names it a SIP datagram;
 * capture_run() reads every frame and returns 0 (or -1 with a reason); the
 * stats count what the callback saw; nothing leaks. */
#include "fuzz.h"

#include "capture.h"
#include "pipeline.h"
#include "tunnel.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LINKTYPE_ numbers as a pcap file stores them. The last one is not
 * supported (USER0): the open fails. */
static const uint32_t link_types[] = {
	1,   /* EN10MB */
	101, /* RAW */
	113, /* LINUX_SLL */
	276, /* LINUX_SLL2 */
	0,   /* NULL */
	108, /* LOOP */
	228, /* IPV4 */
	229, /* IPV6 */
	12,  /* DLT_RAW as some files store it */
	14,  /* DLT_RAW of OpenBSD */
	9,   /* PPP */
	50,  /* PPP_HDLC */
	51,  /* PPP_ETHER (PPPoE) */
	104, /* C_HDLC */
	204, /* PPP_WITH_DIR */
	239, /* NFLOG */
	105, /* IEEE802_11 */
	127, /* IEEE802_11_RADIO (radiotap) */
	119, /* PRISM_HEADER */
	163, /* IEEE802_11_RADIO_AVS */
	192, /* PPI */
	147, /* USER0: not supported */
};
#define LINK_UNSUPPORTED 147u

/* Byte 1 */
#define OPT_FLOW_BYTES 0x03u /* max_flow_bytes: default, 64, 512, 4096 */
#define OPT_FLOWS 0x0cu      /* max_flows: default, 1, 2, 8 */
#define OPT_FRAGS 0x30u      /* max_fragmented: default, 1, 2, 4 */
#define OPT_STRICT 0x40u     /* the pipeline checks in strict mode */
#define OPT_SLOW 0x80u       /* frames 25 s apart (IP reassembly expires after 60 s), else 1 s */

/* Byte 2: where tunnels are looked for, as sipmsg check's --no-tunnels,
 * --vxlan-port, --geneve-port and --gtpu-port set it (the lists read by the
 * same parser, a conflict refused by the same check); 0: the defaults.
 * Each kind's 2 bits: its default ports, SIP's 5060, another kind's
 * default port, or TUNNEL_MAX_PORTS ports. Bit 7 is not used. */
#define OPT2_NO_TUNNELS 0x01u
#define OPT2_VXLAN_SHIFT 1
#define OPT2_GENEVE_SHIFT 3
#define OPT2_GTPU_SHIFT 5
static const char *const tunnel_port_lists[3][4] = {
	{NULL, "5060", "6081", "1,2,3,4,5,6,7,4789"},         /* VXLAN */
	{NULL, "5060", "2152", "11,12,13,14,15,16,17,6081"},  /* Geneve */
	{NULL, "5060", "4789", "21,22,23,24,25,26,27,2152"},  /* GTP-U */
};

/* The tunnel options byte 2 picks into o; false when sipmsg check would
 * refuse them (one port given to two kinds), as it says why. */
static bool tunnel_options(uint8_t opt2, struct tunnel_opts *o)
{
	static const int shift[3] = {OPT2_VXLAN_SHIFT, OPT2_GENEVE_SHIFT, OPT2_GTPU_SHIFT};
	struct tunnel_ports *ports[3] = {&o->vxlan, &o->geneve, &o->gtp_u};
	char why[160] = "";
	o->off = (opt2 & OPT2_NO_TUNNELS) != 0;
	for (int k = 0; k < 3; k++) {
		const char *list = tunnel_port_lists[k][opt2 >> shift[k] & 3u];
		if (list)
			FUZZ_CHECK(tunnel_ports_parse(list, ports[k], why, sizeof why), "%s refused: %s", list, why);
	}
	if (tunnel_opts_check(o, why, sizeof why))
		return true;
	FUZZ_CHECK(why[0] && !strchr(why, '\n'), "tunnel options refused without a one-line reason");
	return false;
}

#define SNAPLEN 262144u
#define TS_BASE 1700000000u

struct seen {
	struct pipeline pipe;
	uint64_t frames_written;
	uint64_t last_frame;
	uint64_t udp, tcp, ws, sctp, framing_errors, notices, cut_short;
	unsigned sum; /* of every byte handed over, so that every byte is read */
	bool trace;   /* FUZZ_TRACE=1: print every record */
	bool tunnels_off; /* byte 2 said --no-tunnels */
};

static volatile unsigned sink; /* keeps the byte reads */

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); } /* host order, as the magic is */

static void on_record(void *ctx, const struct capture_record *rec)
{
	struct seen *s = ctx;
	FUZZ_CHECK(rec->frame >= 1 && rec->frame <= s->frames_written, "record of frame %llu, %llu frames written",
		   (unsigned long long)rec->frame, (unsigned long long)s->frames_written);
	/* in frame order, but for TCP (and WebSocket and HEP over it): what
	 * segments held after a hole declared lost complete is reported at their
	 * own frames, after the later frame that declared it (tcpreasm.h) */
	bool tcp = rec->stream_order;
	FUZZ_CHECK(tcp || rec->frame >= s->last_frame, "record of frame %llu after one of frame %llu",
		   (unsigned long long)rec->frame, (unsigned long long)s->last_frame);
	if (rec->frame > s->last_frame)
		s->last_frame = rec->frame;
	if (s->trace)
		fprintf(stderr, "frame %llu: %s %s %zu bytes%s%s\n", (unsigned long long)rec->frame,
			rec->kind == CAPTURE_MESSAGE ? "message" : rec->kind == CAPTURE_FRAMING_ERROR ? "framing-error" : "notice",
			rec->transport == CAPTURE_UDP   ? "udp"
			: rec->transport == CAPTURE_TCP ? "tcp"
			: rec->transport == CAPTURE_WS  ? "ws"
							: "sctp",
			rec->len,
			rec->kind == CAPTURE_NOTICE ? ": " : "", rec->kind == CAPTURE_NOTICE && rec->text ? rec->text : "");
	switch (rec->kind) {
	case CAPTURE_MESSAGE:
	case CAPTURE_FRAMING_ERROR:
		FUZZ_CHECK(rec->len == 0 || rec->data, "%zu bytes at NULL", rec->len);
		for (size_t i = 0; i < rec->len; i++)
			s->sum += rec->data[i];
		if (rec->kind == CAPTURE_MESSAGE) {
			FUZZ_CHECK(rec->len > 0, "an empty message");
			FUZZ_CHECK(rec->has_endpoints, "a message without endpoints");
			if (rec->transport == CAPTURE_UDP)
				s->udp++;
			else if (rec->transport == CAPTURE_WS)
				s->ws++;
			else if (rec->transport == CAPTURE_SCTP)
				s->sctp++;
			else
				s->tcp++;
		} else {
			FUZZ_CHECK(rec->error, "a framing error without its error");
			FUZZ_CHECK(rec->error->status != SIPMSG_OK, "a framing error of status OK");
			s->framing_errors++;
		}
		FUZZ_CHECK(rec->transport == CAPTURE_UDP || rec->transport == CAPTURE_TCP ||
				   rec->transport == CAPTURE_WS || rec->transport == CAPTURE_SCTP,
			   "transport %d", (int)rec->transport);
		if (rec->has_endpoints)
			FUZZ_CHECK((rec->src.family == 4 || rec->src.family == 6) && rec->dst.family == rec->src.family,
				   "address families %d, %d", (int)rec->src.family, (int)rec->dst.family);
		enum verdict v = pipeline_check(&s->pipe, rec->data, rec->len, rec->transport == CAPTURE_TCP,
						rec->kind == CAPTURE_FRAMING_ERROR ? rec->error : NULL);
		FUZZ_CHECK(v == VERDICT_OK || v == VERDICT_WARN || v == VERDICT_FAIL, "verdict %d", (int)v);
		FUZZ_CHECK(rec->kind == CAPTURE_MESSAGE || v == VERDICT_FAIL, "a framing error that did not fail");
		FUZZ_CHECK(s->pipe.length <= rec->len, "a message of %zu bytes in %zu", s->pipe.length, rec->len);
		for (size_t i = 0; i < pipeline_diag_count(&s->pipe); i++) {
			struct report_diag d;
			pipeline_diag_at(&s->pipe, i, &d);
			FUZZ_CHECK(d.code && d.message, "diagnostic %zu without code or message", i);
			FUZZ_CHECK(d.offset == SIZE_MAX || d.offset <= rec->len, "diagnostic %s at %zu of %zu", d.code,
				   d.offset, rec->len);
		}
		break;
	case CAPTURE_NOTICE:
		FUZZ_CHECK(rec->notice_kind && rec->text, "a notice without kind or text");
		FUZZ_CHECK(strlen(rec->notice_kind) > 0 && strlen(rec->text) > 0, "an empty notice");
		FUZZ_CHECK(!strchr(rec->text, '\n') && !strchr(rec->text, '\r'), "a notice of more than one line: %s",
			   rec->text);
		FUZZ_CHECK(!s->tunnels_off || strncmp(rec->text, "malformed tunnel", 16) != 0, "tunnels off, but: %s",
			   rec->text);
		if (rec->cut_short && strcmp(rec->notice_kind, "ip-fragments-incomplete") == 0) {
			/* fragments never captured: said only of a datagram named SIP */
			FUZZ_CHECK(strstr(rec->text, "a SIP datagram") && strstr(rec->text, "not checked"),
				   "counted as SIP never whole: %s", rec->text);
			s->cut_short++;
		} else if (rec->cut_short) {
			FUZZ_CHECK(strcmp(rec->notice_kind, "frame-truncated") == 0 ||
					   strcmp(rec->notice_kind, "tcp-gap") == 0 ||
					   strcmp(rec->notice_kind, "ip-fragment-truncated") == 0,
				   "a %s notice counted as SIP cut short", rec->notice_kind);
			FUZZ_CHECK(strstr(rec->text, "snapshot length") && !strstr(rec->text, "could be told"),
				   "counted as SIP cut short: %s", rec->text);
			s->cut_short++;
		}
		s->notices++;
		break;
	default:
		FUZZ_CHECK(0, "record kind %d", (int)rec->kind);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	uint32_t link = link_types[fuzz_u8(&in) % (sizeof link_types / sizeof link_types[0])];
	uint8_t opt = fuzz_u8(&in);
	uint8_t opt2 = fuzz_u8(&in);

	struct capture_opts o;
	capture_opts_init(&o);
	if (!tunnel_options(opt2, &o.tunnels))
		return 0; /* as sipmsg check refuses them */
	static const size_t flow_bytes[] = {CAPTURE_DEFAULT_MAX_FLOW_BYTES, 64, 512, 4096};
	static const size_t flows[] = {CAPTURE_DEFAULT_MAX_FLOWS, 1, 2, 8};
	static const size_t frags[] = {CAPTURE_DEFAULT_MAX_FRAGMENTED, 1, 2, 4};
	o.max_flow_bytes = flow_bytes[opt & OPT_FLOW_BYTES];
	o.max_flows = flows[(opt & OPT_FLOWS) >> 2];
	o.max_fragmented = frags[(opt & OPT_FRAGS) >> 4];

	/* The pcap file: every frame costs at most 16 header bytes for 2 input bytes. */
	size_t cap = 24 + in.n * 8 + 16;
	uint8_t *file = malloc(cap);
	FUZZ_CHECK(file, "out of memory");
	put32(file, 0xa1b2c3d4u);
	uint16_t version[2] = {2, 4};
	memcpy(file + 4, version, 4);
	put32(file + 8, 0);  /* thiszone */
	put32(file + 12, 0); /* sigfigs */
	put32(file + 16, SNAPLEN);
	put32(file + 20, link);
	size_t flen = 24;
	uint64_t nframes = 0;
	while (in.n > 0) {
		uint16_t v = fuzz_u16(&in);
		size_t want = v & 0x7fffu, got = want < in.n ? want : in.n;
		uint32_t orig = (uint32_t)want + (v & 0x8000u ? 1u + (uint32_t)(want & 0xffu) : 0u);
		put32(file + flen, TS_BASE + (uint32_t)nframes * (opt & OPT_SLOW ? 25u : 1u));
		put32(file + flen + 4, (uint32_t)(nframes * 1000u % 1000000u));
		put32(file + flen + 8, (uint32_t)got);
		put32(file + flen + 12, orig);
		memcpy(file + flen + 16, in.p, got);
		flen += 16 + got;
		in.p += got;
		in.n -= got;
		nframes++;
	}
	FUZZ_CHECK(flen <= cap, "pcap of %zu bytes in %zu", flen, cap);

	struct seen s;
	memset(&s, 0, sizeof s);
	s.frames_written = nframes;
	const char *trace = getenv("FUZZ_TRACE");
	s.trace = trace && *trace == '1';
	s.tunnels_off = o.tunnels.off;
	FUZZ_CHECK(pipeline_init(&s.pipe, opt & OPT_STRICT), "pipeline_init");

	char err[512] = "";
	FILE *fp = fmemopen(file, flen, "rb");
	FUZZ_CHECK(fp, "fmemopen");
	struct capture *c = capture_open_fp(fp, &o, err, sizeof err);
	if (!c) {
		FUZZ_CHECK(err[0] && strlen(err) < sizeof err, "open failed without a reason");
		FUZZ_CHECK(!strchr(err, '\n'), "a reason of more than one line: %s", err);
		FUZZ_CHECK(link == LINK_UNSUPPORTED, "a capture of link type %u was refused: %s", (unsigned)link, err);
	} else {
		FUZZ_CHECK(link != LINK_UNSUPPORTED, "a capture of link type %u (USER0) was accepted", (unsigned)link);
		err[0] = '\0';
		int rc = capture_run(c, on_record, &s, err, sizeof err);
		FUZZ_CHECK(rc == 0 || rc == -1, "capture_run returned %d", rc);
		FUZZ_CHECK(rc == 0 || err[0], "capture_run failed without a reason");
		const struct capture_stats *st = capture_get_stats(c);
		/* The file is well formed: every frame is read. */
		FUZZ_CHECK(rc == 0 && st->frames == nframes, "capture_run %d (%s) after %llu of %llu frames", rc, err,
			   (unsigned long long)st->frames, (unsigned long long)nframes);
		FUZZ_CHECK(st->udp_messages == s.udp && st->tcp_messages == s.tcp && st->ws_messages == s.ws &&
				   st->sctp_messages == s.sctp,
			   "stats say %llu/%llu/%llu/%llu UDP/TCP/WS/SCTP messages, the callback saw %llu/%llu/%llu/%llu",
			   (unsigned long long)st->udp_messages, (unsigned long long)st->tcp_messages,
			   (unsigned long long)st->ws_messages, (unsigned long long)st->sctp_messages,
			   (unsigned long long)s.udp, (unsigned long long)s.tcp, (unsigned long long)s.ws,
			   (unsigned long long)s.sctp);
		FUZZ_CHECK(st->hep_messages <= st->udp_messages + st->tcp_messages + st->sctp_messages, "%llu HEP messages",
			   (unsigned long long)st->hep_messages);
		FUZZ_CHECK(st->framing_errors == s.framing_errors && st->notices == s.notices,
			   "stats say %llu framing errors and %llu notices, the callback saw %llu and %llu",
			   (unsigned long long)st->framing_errors, (unsigned long long)st->notices,
			   (unsigned long long)s.framing_errors, (unsigned long long)s.notices);
		FUZZ_CHECK(st->cut_short == s.cut_short, "stats say %llu SIP cut short, the callback saw %llu",
			   (unsigned long long)st->cut_short, (unsigned long long)s.cut_short);
		FUZZ_CHECK(nframes == 0 || (st->first_ts_sec == TS_BASE && st->first_ts_nsec == 0),
			   "first frame at %lld.%09u", (long long)st->first_ts_sec, (unsigned)st->first_ts_nsec);
		/* a retransmission is a TCP segment or an SCTP DATA chunk: 16 bytes at least */
		FUZZ_CHECK(st->tcp_flows <= nframes && st->retransmitted <= size / 16, "%llu flows, %llu retransmitted",
			   (unsigned long long)st->tcp_flows, (unsigned long long)st->retransmitted);
		FUZZ_CHECK(capture_link_count(c) > 0, "no link type");
		for (size_t i = 0; i < capture_link_count(c); i++) {
			char buf[CAPTURE_LINK_NAME_LEN];
			FUZZ_CHECK(strlen(capture_link_name(c, i, buf)) > 0, "no name for link type %zu", i);
		}
		capture_close(c);
	}
	pipeline_release(&s.pipe);
	free(file);
	sink = s.sum;
	return 0;
}
