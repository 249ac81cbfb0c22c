/* SPDX-License-Identifier: MIT */
/* Reading SIP out of pcap and pcapng captures (through libpcap). Each UDP
 * datagram that starts like a SIP message is one message (IP fragments are
 * reassembled first); each TCP direction is reassembled and framed into
 * messages, or read as WebSocket messages after an upgrade to SIP over
 * WebSocket (websocket.h), or as HEPv3 packets to a collector (hepstream.h). Each SCTP user message that starts like a SIP
 * message is one (sctp.h). SIP mirrored to a collector in HEP (hep.h) is
 * reported with the endpoints the agent saw. SIP is recognised by content, on any port, and inside tunnels
 * (tunnel.h), reported with the innermost endpoints. Everything found is
 * handed to the caller as a record, in capture order: messages, streams that
 * could not be framed, and notices (gaps, lost fragments, cut frames). */
#ifndef SIPMSG_TOOL_CAPTURE_H
#define SIPMSG_TOOL_CAPTURE_H

#include "netdecode.h"
#include "tunnel.h"

#include <sipmsg/sipmsg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct capture_opts {
	size_t max_flow_bytes;   /* per TCP direction: unfinished message + out-of-order data; per
	                            SCTP direction: a message in fragments */
	size_t max_flows;        /* TCP directions followed at once, and SCTP ones */
	size_t max_fragmented;   /* IP datagrams in reassembly at once */
	size_t max_interfaces;   /* pcapng interfaces described in one section; more is an error */
	struct tunnel_opts tunnels; /* which tunnels are looked into, on which UDP ports */
	/* Called every 65536 frames (may be NULL). */
	void (*progress)(void *ctx, uint64_t frames);
	void *progress_ctx;
};

#define CAPTURE_DEFAULT_MAX_FLOW_BYTES (4u * 1024u * 1024u)
#define CAPTURE_DEFAULT_MAX_FLOWS 65536u
#define CAPTURE_DEFAULT_MAX_FRAGMENTED 64u
#define CAPTURE_DEFAULT_MAX_INTERFACES 65536u /* per section; far beyond any capture tool's */

void capture_opts_init(struct capture_opts *o);

/* CAPTURE_WS: SIP over WebSocket (RFC 7118) on a TCP connection; the message
 * is one WebSocket message, so it needs no Content-Length. CAPTURE_SCTP: SIP
 * over SCTP (RFC 4168), one message per SCTP user message (sctp.h). */
enum capture_transport { CAPTURE_UDP, CAPTURE_TCP, CAPTURE_WS, CAPTURE_SCTP };

enum capture_kind {
	CAPTURE_MESSAGE,       /* data/len: one SIP message (UDP or HEP payload, framed from TCP, or one WebSocket message) */
	CAPTURE_FRAMING_ERROR, /* data/len: TCP bytes that could not be framed; error says why */
	CAPTURE_NOTICE,        /* notice_kind/text: something the user must know about the capture */
};

struct capture_record {
	enum capture_kind kind;
	uint64_t frame;                /* 1-based; for TCP the frame that completed the message */
	int64_t ts_sec;                /* capture time of that frame */
	uint32_t ts_nsec;              /* its fraction of a second, in nanoseconds (a capture in
	                                  microseconds gives multiples of 1000) */
	bool has_endpoints;            /* transport, addresses and ports are set */
	enum capture_transport transport;
	struct net_addr src, dst;
	uint16_t sport, dport;
	const uint8_t *data;           /* valid during the callback only */
	size_t len;
	const sipmsg_error *error;     /* CAPTURE_FRAMING_ERROR */
	const char *notice_kind;       /* CAPTURE_NOTICE: stable short name */
	const char *text;              /* CAPTURE_NOTICE: one line */
	bool cut_short;                /* CAPTURE_NOTICE: about SIP that the capture's snapshot
	                                  length cut short, which could not be checked */
	bool stream_order;             /* out of a TCP stream (transport TCP or WS, or a HEP packet's
	                                  own from a TCP stream to a collector): in the stream's order,
	                                  which may come after a later frame's records (tcpreasm.h) */
};

typedef void (*capture_fn)(void *ctx, const struct capture_record *rec);

struct capture_stats {
	uint64_t frames;        /* records read from the file */
	int64_t first_ts_sec;   /* capture time of frame 1 (the base of relative times) */
	uint32_t first_ts_nsec;
	uint64_t udp_messages;
	uint64_t tcp_messages;
	uint64_t ws_messages;
	uint64_t sctp_messages;
	uint64_t hep_messages;  /* of the UDP and TCP messages, those read out of HEP packets */
	uint64_t framing_errors;
	uint64_t notices;
	uint64_t cut_short;     /* of the notices, those about SIP cut short by the snapshot length */
	uint64_t tcp_flows;     /* TCP directions seen */
	uint64_t retransmitted; /* TCP segments and SCTP DATA chunks dropped as already seen */
	uint64_t unreadable;    /* frames skipped as unreadable (frame-unreadable notices: said
	                           once per reason, counted here every time) */
};

struct capture;

/* True when the bytes begin with a pcap or pcapng magic number. */
bool capture_has_magic(const void *data, size_t len);

/* Open a capture file, or a capture in a stdio stream (the capture takes
 * ownership of fp). On failure returns NULL with a one-line reason in err. */
struct capture *capture_open_file(const char *path, const struct capture_opts *opts, char *err, size_t errlen);
struct capture *capture_open_fp(FILE *fp, const struct capture_opts *opts, char *err, size_t errlen);

/* Read every frame, calling fn for each record. Returns 0 at the end of the
 * capture, -1 when the file is truncated or corrupt (err names the frame;
 * records before it were delivered). */
int capture_run(struct capture *c, capture_fn fn, void *ctx, char *err, size_t errlen);

const struct capture_stats *capture_get_stats(const struct capture *c);

/* The capture's link types, each once, in the order its interfaces were
 * described: a pcap file has one; in a pcapng file they are known as its
 * Interface Description Blocks are read, those before the first frame once
 * the capture is open, every one after capture_run. */
size_t capture_link_count(const struct capture *c);
/* The name of the i-th (i < capture_link_count), e.g. "EN10MB"; one that
 * libpcap has no name for is written as its number, in buf. */
#define CAPTURE_LINK_NAME_LEN 16
const char *capture_link_name(const struct capture *c, size_t i, char buf[CAPTURE_LINK_NAME_LEN]);

void capture_close(struct capture *c);

#endif
