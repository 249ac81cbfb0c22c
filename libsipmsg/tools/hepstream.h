/* SPDX-License-Identifier: MIT */
/* HEPv3 over one direction of a TCP connection, as heplify and Kamailio's
 * siptrace send it to a collector (often port 9060, as over UDP): packets
 * back to back, each framed by its own 16-bit total length (after the
 * "HEP3" magic). A segment may hold several packets or part of one. Each
 * whole packet is handed on as a message event carrying the HEP packet's
 * bytes (hep_decode reads it); notices as a sipstream's.
 *
 * A header whose magic or length is not a HEP packet's, or a gap that hides
 * a header, loses the framing: the following bytes are skipped up to the
 * next "HEP3" magic, and what was skipped is said. A gap inside a packet's
 * payload loses that packet only (its end is known). Bounded memory: a
 * packet is held only when it spans segments, and only up to max_bytes (a
 * packet is 65535 bytes at most); a larger one is skipped by its length and
 * said. */
#ifndef SIPMSG_TOOL_HEPSTREAM_H
#define SIPMSG_TOOL_HEPSTREAM_H

#include "sipstream.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum hep_stream_start { HEP_START_NO, HEP_START_YES, HEP_START_MAYBE };

/* Do a direction's first bytes start a HEPv3 packet ("HEP3", or the
 * "EEP3" of encrypted-capable agents)? MAYBE: a prefix, too few to say. */
enum hep_stream_start hep_stream_detect(const uint8_t *data, size_t len);

/* Bytes a header needs to be judged: the magic, the length and the first
 * chunk's header. */
#define HEP_STREAM_PROBE 12u

/* The offset in data[0..len) of the first HEPv3 packet header that looks
 * real, for a direction joined inside a packet; len when none. Looks real:
 * the magic, a length that holds a chunk, and a first chunk that is a
 * generic one (vendor 0, which no text has); every chunk header kept fits
 * the packet, and a packet kept whole is tiled exactly by its chunks. So
 * text that merely says "HEP3" is never taken for a header. */
size_t hep_stream_find(const uint8_t *data, size_t len);

struct hep_stream {
	bool resync;          /* looking for the next magic */
	uint64_t skipped;     /* resync: bytes skipped so far */
	uint8_t win[3];       /* resync: the last bytes seen, for a magic across feeds */
	size_t win_len;
	size_t total;         /* the packet being read: its length field, 0 until its header is whole */
	size_t left;          /* its bytes still to come, once total is known */
	bool skip;            /* it is not held: larger than max_bytes, or a gap lost part of it */
	uint8_t *buf;         /* its bytes so far, header first (when it spans feeds) */
	size_t len, cap, max_bytes;
	sipstream_emit_fn emit;
	void *ctx;
};

void hep_stream_init(struct hep_stream *s, size_t max_bytes, sipstream_emit_fn emit, void *ctx);
void hep_stream_release(struct hep_stream *s);

/* The next bytes of the direction. */
void hep_stream_feed(struct hep_stream *s, const uint8_t *data, size_t len);

/* `missing` bytes were not seen. Returns the bytes of the packet it cut
 * that were held (0 when it fell between packets). */
size_t hep_stream_gap(struct hep_stream *s, uint64_t missing);

/* The direction ended: say an unfinished packet or skipped bytes. */
void hep_stream_finish(struct hep_stream *s);

/* The packet being read mirrors SIP by the chunks kept of it (its protocol
 * type chunk). */
bool hep_stream_in_sip_packet(const struct hep_stream *s);

static inline size_t hep_stream_pending(const struct hep_stream *s) { return s->len; }

#endif
