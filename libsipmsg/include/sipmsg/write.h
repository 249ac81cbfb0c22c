/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/write.h
 * @brief Serialization: a message back to wire bytes.
 *
 * An untouched parsed message is written back byte for byte. After edits,
 * untouched fragments keep their bytes and edited ones are written in
 * canonical form. Content-Length is kept true by the editing calls that
 * change the body.
 */
#ifndef SIPMSG_WRITE_H
#define SIPMSG_WRITE_H

#include "sipmsg/msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Write known headers with their compact names (those lines are rewritten canonically). */
#define SIPMSG_WRITE_COMPACT 0x0001u
/** @brief Rewrite every line canonically: long names, "Name: value", folding undone, CRLF line ends. */
#define SIPMSG_WRITE_CANONICAL 0x0002u

/**
 * @brief Write the message into the caller's buffer.
 * @param msg the message
 * @param flags 0 or SIPMSG_WRITE_* flags
 * @param buf where to write (may be NULL when size is 0, to ask for the size)
 * @param size bytes available at buf
 * @param written receives the bytes written, or the bytes needed when the
 *        result is SIPMSG_ENOSPC (the buffer is then left partly written).
 * @return SIPMSG_OK or SIPMSG_ENOSPC
 */
sipmsg_status sipmsg_write(const sipmsg_msg *msg, unsigned flags, char *buf, size_t size, size_t *written);

/** @brief The number of bytes sipmsg_write() needs. */
size_t sipmsg_write_size(const sipmsg_msg *msg, unsigned flags);

/**
 * @brief Write the message into a new buffer (release it with sipmsg_free()).
 *        The buffer is NUL-terminated for convenience; *len excludes the NUL.
 * @return SIPMSG_OK or SIPMSG_ENOMEM
 */
sipmsg_status sipmsg_write_alloc(const sipmsg_msg *msg, unsigned flags, char **out, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_WRITE_H */
