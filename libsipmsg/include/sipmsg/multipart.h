/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/multipart.h
 * @brief multipart/... bodies (RFC 2046 §5.1): split a body into its parts,
 *        each with its MIME headers and its exact bytes (binary kept), and
 *        build a multipart body from parts.
 */
#ifndef SIPMSG_MULTIPART_H
#define SIPMSG_MULTIPART_H

#include "sipmsg/msg.h"
#include "sipmsg/sdp.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One MIME header line of a part (value trimmed, folding kept). */
typedef struct sipmsg_mime_header {
	sipmsg_slice name;  /**< as written */
	sipmsg_slice value; /**< as written */
} sipmsg_mime_header;

struct sipmsg_multipart;

/** @brief One body part. Slices point into the body that was split. */
typedef struct sipmsg_mime_part {
	sipmsg_slice raw;                      /**< the part: headers, empty line and body */
	const sipmsg_mime_header *headers;     /**< its MIME headers in order */
	size_t header_count;                   /**< number of headers */
	sipmsg_slice content_type;             /**< its Content-Type value (NULL ptr: none, text/plain by RFC 2046) */
	sipmsg_slice body;                     /**< the exact bytes of its body */
	const struct sipmsg_multipart *nested; /**< the parts of a nested multipart/... part, else NULL */
} sipmsg_mime_part;

/** @brief A split multipart body. */
typedef struct sipmsg_multipart {
	sipmsg_slice boundary;         /**< the boundary (without "--") */
	sipmsg_slice preamble;         /**< bytes before the first boundary */
	sipmsg_slice epilogue;         /**< bytes after the closing boundary */
	const sipmsg_mime_part *parts; /**< the parts in order */
	size_t part_count;             /**< number of parts */
	bool closed;                   /**< false: no closing --boundary-- line, the last part runs to the end
					    (accepted under SIPMSG_LENIENT_UNCLOSED_MULTIPART) */
} sipmsg_multipart;

/**
 * @brief Split body[0..len) on boundary into parts (allocated in arena).
 *        Nested multipart/... parts are split too, up to opts->max_multipart_depth.
 * @param body         the body (not NUL-terminated; never read past len)
 * @param len          its length
 * @param boundary     the boundary, without the leading "--"
 * @param boundary_len its length
 * @param arena        where the part arrays go (slices point into body)
 * @param opts         NULL for the defaults; SIPMSG_LENIENT_UNCLOSED_MULTIPART
 *                     (on by default) accepts a body without its closing
 *                     boundary line and leaves out->closed (of it or of a
 *                     nested part) false
 * @param out          receives the parts
 * @param err          NULL, or the reason and offset on failure
 * @return SIPMSG_OK, SIPMSG_ESYNTAX (no opening boundary, no closing one in
 *         strict mode, a part header without a colon), SIPMSG_ELIMIT (too
 *         deep), SIPMSG_ENOMEM, SIPMSG_EINVAL; err has the offset in body.
 */
sipmsg_status sipmsg_multipart_parse(const char *body, size_t len, const char *boundary, size_t boundary_len,
				     sipmsg_arena *arena, const sipmsg_parse_opts *opts, sipmsg_multipart *out,
				     sipmsg_error *err);

/**
 * @brief The parts of a message's multipart body (by its Content-Type
 *        boundary), split on first use and cached.
 * @return SIPMSG_OK, SIPMSG_ESTATE (the body is not multipart/...),
 *         SIPMSG_ESYNTAX (it does not split; a 5xx diagnostic says where;
 *         a body without its closing boundary line splits, with the
 *         multipart-unclosed diagnostic, unless the message was parsed
 *         without SIPMSG_LENIENT_UNCLOSED_MULTIPART),
 *         SIPMSG_ELIMIT, SIPMSG_ENOMEM.
 */
sipmsg_status sipmsg_msg_multipart(const sipmsg_msg *msg, const sipmsg_multipart **out);

/**
 * @brief Parse a part of msg's multipart body as SDP (its Content-Type must be
 *        application/sdp). The SDP lives in the message's arena and goes with
 *        the message (do not free it).
 * @param msg  the message the part was split from (sipmsg_msg_multipart())
 * @param part one of its parts (nested ones too)
 * @param out  receives the SDP
 * @param err  NULL, or the reason and offset (in the part's body) on failure
 * @return SIPMSG_OK, SIPMSG_ESTATE (not application/sdp), or what
 *         sipmsg_sdp_parse() returns
 */
sipmsg_status sipmsg_mime_part_sdp(sipmsg_msg *msg, const sipmsg_mime_part *part, sipmsg_sdp **out,
				   sipmsg_error *err);

/** @brief What to put in one part when building. */
typedef struct sipmsg_mime_part_spec {
	const char *content_type; /**< NUL-terminated Content-Type value, or NULL for none */
	const char *headers;      /**< more header lines, each ending in CRLF ("Content-ID: <x>\r\n"), or NULL */
	const void *body;         /**< the part's bytes (any, binary too) */
	size_t body_len;          /**< number of bytes */
} sipmsg_mime_part_spec;

/**
 * @brief Write a multipart body: "--boundary" CRLF, each part's headers, CRLF,
 *        its bytes, CRLF "--boundary", ..., "--boundary--" CRLF.
 * @param parts    the parts
 * @param count    how many
 * @param boundary the boundary (1 to 70 RFC 2046 bchars, not ending in a space)
 * @param buf      where to write (may be NULL when size is 0)
 * @param size     its size
 * @param written  receives the bytes written, or needed when SIPMSG_ENOSPC
 * @return SIPMSG_OK, SIPMSG_ENOSPC, SIPMSG_EINVAL (a bad boundary, a part
 *         that contains the delimiter, or part headers that are not all
 *         "token: value" CRLF lines without control characters: an empty
 *         line, a line without a colon or a delimiter line would change
 *         where the parts end)
 */
sipmsg_status sipmsg_multipart_write(const sipmsg_mime_part_spec *parts, size_t count, const char *boundary,
				     char *buf, size_t size, size_t *written);

/**
 * @brief Set the message body to a multipart/SUBTYPE of parts, with
 *        Content-Type "multipart/SUBTYPE;boundary=BOUNDARY" and
 *        Content-Length set.
 * @param msg      the message
 * @param subtype  "mixed", "alternative", "related", ...
 * @param parts    the parts
 * @param count    how many
 * @param boundary NULL: a new random one
 */
sipmsg_status sipmsg_msg_set_multipart_body(sipmsg_msg *msg, const char *subtype, const sipmsg_mime_part_spec *parts,
					    size_t count, const char *boundary);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_MULTIPART_H */
