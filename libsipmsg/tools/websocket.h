/* SPDX-License-Identifier: MIT */
/* SIP over WebSocket (RFC 7118) in one direction of a TCP connection. The
 * connection opens with an HTTP/1.1 upgrade (RFC 6455 §4): the client's GET
 * asks for "Upgrade: websocket" with the "sip" subprotocol and the server
 * answers 101. From then on each direction is a sequence of frames (RFC 6455
 * §5): a text or binary message, whether in one frame or continued over
 * several, is one SIP message (RFC 7118 §5, no Content-Length needed);
 * control frames (ping, pong, close) are skipped; masked payloads (the
 * client's) are unmasked. A message with RSV1 set is compressed with
 * permessage-deflate (RFC 7692) and inflated (wsinflate.h) with the
 * parameters the server's 101 agreed on (Sec-WebSocket-Extensions: context
 * takeover, max window bits, for each direction); other extensions (RSV2,
 * RSV3) are not read.
 *
 * Bounded memory: the HTTP head is held up to WS_MAX_HTTP_HEAD bytes; the
 * bytes a client sends before the answer and a message being assembled up to
 * max_bytes, a compressed one inflated into at most max_bytes too. A larger
 * message is skipped frame by frame (its length is in each frame header)
 * and reported, never held. Events are a sipstream's: messages and
 * notices. */
#ifndef SIPMSG_TOOL_WEBSOCKET_H
#define SIPMSG_TOOL_WEBSOCKET_H

#include "sipstream.h"
#include "wsinflate.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WS_MAX_HTTP_HEAD 16384u

enum ws_role { WS_CLIENT, WS_SERVER };

enum ws_state {
	WS_ST_HANDSHAKE,    /* reading the HTTP request (client) or response (server) head */
	WS_ST_AWAIT_ANSWER, /* client: the upgrade was asked for; its bytes are held until the answer */
	WS_ST_FRAMES,       /* reading frames */
	WS_ST_DONE,         /* no WebSocket SIP, closed, or given up: bytes are ignored */
};

enum ws_answer { WS_ANSWER_NONE, WS_ANSWER_ACCEPTED, WS_ANSWER_REFUSED };

/* Why the message being assembled is not held. WS_SKIP_COMPRESSED: an
 * extension this build cannot read (RSV2 or RSV3, or permessage-deflate
 * without zlib). */
enum ws_skip { WS_SKIP_NONE, WS_SKIP_TOO_LARGE, WS_SKIP_COMPRESSED, WS_SKIP_LOST };

/* permessage-deflate as a 101 answer agreed on it (RFC 7692 §7.1): for each
 * sender, whether each message is compressed on its own and the window. */
struct ws_deflate_params {
	bool agreed;               /* the answer named permessage-deflate */
	bool client_no_takeover, server_no_takeover;
	int client_max_bits, server_max_bits; /* 8 to 15; 15 when not said */
};

struct ws_stream {
	enum ws_role role;
	enum ws_state state;
	enum ws_answer answer;     /* server: what its head said (NONE until read) */
	size_t max_bytes;
	uint8_t *buf;              /* the HTTP head, a client's held bytes, or the message being assembled */
	size_t len, cap;
	/* the frame being read */
	uint8_t hdr[14];
	size_t hdr_len;            /* header bytes read; the payload follows once it is complete */
	bool in_payload;
	uint64_t payload_left;     /* payload bytes still to come */
	uint64_t payload_pos;      /* payload bytes already seen (the mask's phase) */
	bool masked, fin;
	uint8_t opcode, mask[4];
	/* the message being assembled */
	bool in_message;
	enum ws_skip skip;
	uint8_t rsv;               /* its first frame's RSV bits (4: RSV1, permessage-deflate) */
	uint64_t msg_total;        /* payload bytes of the message so far, held or not */
	/* permessage-deflate of this direction's messages */
	struct ws_deflate_params ext; /* server: what its answer agreed on; client: told by ws_answered */
	struct ws_inflater *inflater; /* made on the first compressed message, freed by ws_release */
	struct ws_inflate_out inflated;
	sipstream_emit_fn emit;
	void *ctx;
};

/* Does a direction's first data start an HTTP request that may ask for the
 * upgrade ("GET ") or an HTTP response ("HTTP/")? WS_START_MAYBE: the bytes
 * are a prefix of one of them, too few to say. */
enum ws_start { WS_START_NO, WS_START_REQUEST, WS_START_RESPONSE, WS_START_MAYBE };
enum ws_start ws_detect_start(const uint8_t *data, size_t len);

void ws_init(struct ws_stream *s, enum ws_role role, size_t max_bytes, sipstream_emit_fn emit, void *ctx);
void ws_release(struct ws_stream *s);

/* The next bytes of the direction. */
void ws_feed(struct ws_stream *s, const uint8_t *data, size_t len);

/* Client: the server answered the upgrade (accepted: 101, with the
 * extension parameters ext of the answer). The bytes held since the request
 * are then read as frames, or dropped. */
void ws_answered(struct ws_stream *client, bool accepted, const struct ws_deflate_params *ext);

/* `missing` bytes were not seen. Inside a frame's payload the frame is still
 * followed (its message is lost); anywhere else framing is lost and the rest
 * of the direction is not read. Returns the bytes of a message dropped. */
size_t ws_gap(struct ws_stream *s, uint64_t missing);

/* The direction ended: report an unfinished or skipped message. */
void ws_finish(struct ws_stream *s);

static inline size_t ws_pending(const struct ws_stream *s) { return s->len; }
static inline bool ws_ignoring(const struct ws_stream *s) { return s->state == WS_ST_DONE; }
/* The direction carries SIP: its HTTP head asked for (or accepted) the sip
 * subprotocol, and it is still being read. */
static inline bool ws_carries_sip(const struct ws_stream *s)
{
	return s->state == WS_ST_AWAIT_ANSWER || s->state == WS_ST_FRAMES;
}

#endif
