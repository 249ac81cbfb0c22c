/* SPDX-License-Identifier: MIT */
/* permessage-deflate (RFC 7692) for the WebSocket reader: one raw-deflate
 * inflate stream per direction of a connection, kept from message to message
 * (context takeover, the default) or started again for each message when
 * the handshake said no_context_takeover. Built with zlib when meson found
 * it (SIPMSG_TOOL_ZLIB); without it nothing is inflated and
 * ws_inflate_available() says so. */
#ifndef SIPMSG_TOOL_WSINFLATE_H
#define SIPMSG_TOOL_WSINFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ws_inflater;

/* This build can inflate. */
bool ws_inflate_available(void);

enum ws_inflate_rc {
	WS_INFLATE_OK,
	WS_INFLATE_TOO_LARGE, /* the message inflates to more than max bytes */
	WS_INFLATE_ERROR,     /* not a deflate stream, or one that refers to bytes not at hand; *why says */
	WS_INFLATE_NOMEM,
	WS_INFLATE_NO_ZLIB,
};

/* A buffer the inflated bytes go to, grown as needed (freed by the caller). */
struct ws_inflate_out {
	uint8_t *buf;
	size_t len, cap;
};

/* Inflate one message's payload in[0..n) (RFC 7692 §7.2.2: the 0x00 0x00
 * 0xff 0xff the sender took off is put back) into out, which is emptied
 * first, at most max bytes. *z is the direction's stream, made on first use
 * with window_bits (8 to 15, the sender's max_window_bits). Anything but
 * WS_INFLATE_OK starts the stream again: later messages that refer to
 * what was lost then fail to inflate instead of inflating wrong. */
enum ws_inflate_rc ws_inflate_message(struct ws_inflater **z, int window_bits, const uint8_t *in, size_t n,
				      struct ws_inflate_out *out, size_t max, const char **why);

/* Forget the context: the next message is inflated on its own (no context
 * takeover, or a compressed message that was not inflated). */
void ws_inflate_reset(struct ws_inflater *z);

void ws_inflate_free(struct ws_inflater *z);

#endif
