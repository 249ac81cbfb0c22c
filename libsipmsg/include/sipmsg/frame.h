/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/frame.h
 * @brief Stream framing: where does the next SIP message in a TCP/TLS byte
 *        stream end?
 *
 * CRLF keep-alives before a message are skipped (RFC 3261 §7.5, RFC 5626
 * §3.5.1). Content-Length (or "l") is required on streams (RFC 3261 §18.3).
 */
#ifndef SIPMSG_FRAME_H
#define SIPMSG_FRAME_H

#include "sipmsg/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Incremental framing state. Pass the same buffer again with more bytes
 *        appended and the framer resumes where it stopped, so feeding a message
 *        byte by byte costs linear time. After a message is returned the
 *        framer is ready for the next one, whose bytes start at the buffer
 *        the caller passes next. Call sipmsg_framer_reset() whenever the caller
 *        drops bytes from the front of its buffer at another moment.
 */
typedef struct sipmsg_framer {
	size_t max_message_size; /**< largest message accepted (0: the default 1 MiB) */
	size_t scanned;          /**< private: bytes of the header section already searched */
	size_t line_start;       /**< private: start of the line being scanned */
	size_t skip;             /**< private: keep-alive bytes at the front */
	size_t header_end;       /**< private: end of the header section, 0 while unknown */
	size_t content_length;   /**< private: Content-Length, once header_end is known */
	uint32_t lines;          /**< private: lines seen, for error positions */
} sipmsg_framer;

/** @brief Prepare a framer; max_message_size 0 means the default 1 MiB. */
void sipmsg_framer_init(sipmsg_framer *framer, size_t max_message_size);

/** @brief Forget any progress (the caller dropped bytes from its buffer). */
void sipmsg_framer_reset(sipmsg_framer *framer);

/**
 * @brief Find the next complete message in data[0..len).
 *
 * @param framer  the state from sipmsg_framer_init() (and earlier calls on this buffer)
 * @param data    the buffered stream bytes, starting where the previous message ended
 * @param len     number of bytes buffered
 * @param skip    receives the number of keep-alive bytes (CR, LF) before the message
 * @param length  receives the length of the message that starts at data + *skip
 * @return SIPMSG_OK: a message is data[*skip .. *skip + *length);
 *         SIPMSG_EAGAIN: incomplete, read more (the first *skip bytes are keep-alives
 *         that may be dropped, after which call sipmsg_framer_reset());
 *         SIPMSG_ESYNTAX: no or a malformed Content-Length, or a bad header section
 *         (err says where); SIPMSG_ELIMIT: the message exceeds max_message_size.
 *         After an error the stream cannot be resynchronised reliably; close it.
 * @param err     NULL, or filled with the reason and position on failure
 */
sipmsg_status sipmsg_framer_next(sipmsg_framer *framer, const void *data, size_t len,
				 size_t *skip, size_t *length, sipmsg_error *err);

/**
 * @brief One-shot framing of a buffer (no state kept between calls).
 * @param data, len, skip, length, err  as for sipmsg_framer_next()
 * @param max_message_size  largest message accepted (0: 1 MiB)
 */
sipmsg_status sipmsg_frame(const void *data, size_t len, size_t max_message_size,
			   size_t *skip, size_t *length, sipmsg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_FRAME_H */
