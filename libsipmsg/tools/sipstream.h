/* SPDX-License-Identifier: MIT */
/* SIP over one byte stream (one direction of a TCP connection, or a file given
 * with --stream): decides whether the stream carries SIP, frames it into
 * messages with sipmsg_framer, and after a framing error or a gap skips to the
 * next line that starts a SIP message. Bytes are consumed straight from the
 * caller's buffer where possible; only an unfinished message is copied, and
 * never more than max_bytes of it. */
#ifndef SIPMSG_TOOL_SIPSTREAM_H
#define SIPMSG_TOOL_SIPSTREAM_H

#include <sipmsg/sipmsg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sipstream_mode {
	SIPSTREAM_DETECT,     /* a stream seen from its first byte: SIP or not is decided on its first line */
	SIPSTREAM_ASSUME_SIP, /* the user says it is SIP: frame from the first byte */
	SIPSTREAM_MIDSTREAM,  /* joined in the middle: skip to the first line that starts a SIP message */
};

enum sipstream_event_kind {
	SIPSTREAM_MESSAGE,       /* data/len: one framed message */
	SIPSTREAM_FRAMING_ERROR, /* data/len: the bytes that could not be framed; error says why */
	SIPSTREAM_NOTICE,        /* notice_kind/text */
};

struct sipstream_event {
	enum sipstream_event_kind kind;
	const uint8_t *data;
	size_t len;
	uint64_t offset;            /* stream offset of data[0] */
	const sipmsg_error *error;  /* SIPSTREAM_FRAMING_ERROR */
	const char *notice_kind;    /* SIPSTREAM_NOTICE */
	const char *text;           /* SIPSTREAM_NOTICE */
	bool cut_short;             /* SIPSTREAM_NOTICE: SIP bytes the capture's snapshot length cut off */
};

typedef void (*sipstream_emit_fn)(void *ctx, const struct sipstream_event *ev);

enum sipstream_state {
	SIPSTREAM_ST_DETECT,
	SIPSTREAM_ST_SIP,
	SIPSTREAM_ST_BAD_HEAD, /* framing failed inside a header section: wait for its empty line */
	SIPSTREAM_ST_RESYNC,
	SIPSTREAM_ST_NOT_SIP
};

struct sipstream {
	uint8_t *buf;              /* bytes kept for an unfinished message */
	size_t len, cap, max_bytes;
	uint64_t offset;           /* stream offset of buf[0] */
	sipmsg_framer framer;
	enum sipstream_state state;
	bool at_line_start;        /* RESYNC: the next byte begins a line */
	bool after_hole;           /* RESYNC: the next byte follows a hole (gap, mid-way join) */
	bool ever_sip;             /* a message was framed at least once */
	bool start_seen;           /* a SIP start line was seen (framed or not) */
	uint64_t skipped;          /* bytes dropped while resynchronising */
	/* RESYNC: a "Content-Length: N" line was skipped (body_cl), and once
	 * its empty line is skipped too, no start line is taken before
	 * body_end: it is the body of a message joined mid-way (a sipfrag or
	 * message/sip body holds start lines) */
	bool body_cl_seen;
	uint64_t body_cl, body_end;
	uint64_t cand_at;          /* RESYNC: stream offset of a start line waiting for its header section */
	size_t cand_checked;       /* ... and how much of it is known to be start line and header lines */
	sipmsg_error bad_err;      /* BAD_HEAD: the framer's error */
	uint64_t bad_at, bad_scan; /* BAD_HEAD: the message's stream offset, the next line to look at */
	sipstream_emit_fn emit;
	void *ctx;
};

void sipstream_init(struct sipstream *s, enum sipstream_mode mode, size_t max_bytes, sipstream_emit_fn emit, void *ctx);
void sipstream_release(struct sipstream *s);

/* The next bytes of the stream. */
void sipstream_feed(struct sipstream *s, const uint8_t *data, size_t len);

/* `missing` bytes of the stream were not seen. Drops any unfinished message
 * and returns its length (0 when only keep-alives were pending), then looks
 * for the next message start. */
size_t sipstream_gap(struct sipstream *s, uint64_t missing);

/* The stream ended: report an unfinished message or skipped bytes. */
void sipstream_finish(struct sipstream *s);

/* The stream has shown that it carries SIP: a SIP start line was seen in
 * it. False for another protocol, for a stream whose first line is still
 * too short to tell (a capture that keeps only headers shows none of it),
 * and for a stream joined mid-way that showed no start line yet. */
static inline bool sipstream_carries_sip(const struct sipstream *s)
{
	return s->start_seen && s->state != SIPSTREAM_ST_NOT_SIP;
}

/* Bytes held for an unfinished message. */
static inline size_t sipstream_pending(const struct sipstream *s) { return s->len; }

#endif
