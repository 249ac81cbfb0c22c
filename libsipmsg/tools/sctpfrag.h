/* SPDX-License-Identifier: MIT */
/* SCTP user messages in fragments, held until they are whole (sctp.h).
 * The DATA fragments of a message have consecutive TSNs (RFC 9260 §6.9).
 * An I-DATA fragment names its message (stream, U bit, MID) and its place
 * in it (FSN; the first fragment carries the PPID there instead and is
 * FSN 0), so fragments of several messages may interleave (RFC 8260 §2.1).
 * Fragments are kept in whatever order they come: a retransmission that
 * fills a gap completes its message.
 *
 * A message is given up, and said once, when it can no longer be completed:
 * the TSN next to a DATA fragment holds another message, its oldest
 * fragment falls out of the caller's TSN window (sctp_frags_expire), the
 * fragments held would take more than the caller's byte limit, or the
 * caller gives up everything (sctp_frags_give_up). The later fragments of
 * a message given up are dropped without a word, while it is remembered:
 * one given up for age (sctp_frags_expire) is forgotten, so a fragment of
 * it that straggles in a window of TSNs later starts a message of its own,
 * said in turn, with its own frame. That second notice is right: the
 * fragment came and could not be checked; remembering every message given
 * up would make what is held grow without bound. */
#ifndef SIPMSG_TOOL_SCTPFRAG_H
#define SIPMSG_TOOL_SCTPFRAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One fragment, as read from its chunk. */
struct sctp_frag {
	bool idata, unordered; /* unordered: I-DATA's U bit, part of the message's name */
	bool first, last;      /* B and E flags */
	uint16_t stream;
	uint32_t mid, fsn;     /* I-DATA */
	uint32_t tsn;
	uint32_t ppid;         /* in the first fragment */
	const uint8_t *data;
	size_t len, wire;      /* bytes kept of its user data, and on the wire */
	uint64_t frame;
};

/* Where messages go. message: one put back together (wire_len > len when
 * the capture cut a fragment short: data holds the bytes up to the cut).
 * lost: one given up, and why (without the endpoints, which the caller
 * knows). */
struct sctp_frag_out {
	void *ctx;
	void (*message)(void *ctx, uint16_t stream, uint32_t ppid, const uint8_t *data, size_t len, size_t wire_len,
			uint64_t first_frame);
	void (*lost)(void *ctx, uint16_t stream, uint64_t first_frame, const char *why);
};

struct sctp_frag_group;

/* Where the memory for fragments held comes from: resize(ctx, NULL, n)
 * takes a block, resize(ctx, p, n) resizes one (NULL when out of memory,
 * p then untouched), release(ctx, p) gives one back. A test fails it to
 * reach every out-of-memory path. */
struct sctp_frags_alloc {
	void *ctx;
	void *(*resize)(void *ctx, void *p, size_t size);
	void (*release)(void *ctx, void *p);
};

/* The fragments held for one association direction; zeroed to start. */
struct sctp_frags {
	struct sctp_frag_group *groups;
	size_t bytes; /* user data held */
	const struct sctp_frags_alloc *alloc; /* NULL: realloc and free */
};

/* Hold one fragment (not a whole message); completes or gives up
 * messages through out. max_bytes bounds what is held. */
void sctp_frags_add(struct sctp_frags *h, const struct sctp_frag *f, size_t max_bytes, const struct sctp_frag_out *out);

/* A whole message came in a DATA chunk with this TSN: DATA fragments
 * waiting for that TSN are given up. */
void sctp_frags_whole(struct sctp_frags *h, uint32_t tsn, const struct sctp_frag_out *out);

/* Give up messages with a fragment `window` or more TSNs below top_tsn:
 * the missing ones would be too old to be told from retransmissions. */
void sctp_frags_expire(struct sctp_frags *h, uint32_t top_tsn, uint32_t window, const struct sctp_frag_out *out);

/* Give up every message held, in the order they began; why NULL: the
 * capture ended (each says what it was still missing). */
void sctp_frags_give_up(struct sctp_frags *h, const char *why, const struct sctp_frag_out *out);

/* Forget everything without a word. */
void sctp_frags_clear(struct sctp_frags *h);

#endif
