/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/build.h
 * @brief Building messages (RFC 3261): typed setters, responses from
 *        requests, the ACK for a non-2xx final response and CANCEL.
 *
 * The setters write canonical header values ("Name: value") through the
 * editing calls of sipmsg/msg.h, so a built message writes canonically and
 * parses back to the same typed values. Strings are NUL-terminated; NULL
 * means "absent" (or "generate one" where that is said).
 */
#ifndef SIPMSG_BUILD_H
#define SIPMSG_BUILD_H

#include "sipmsg/msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Bytes a generated branch needs, the NUL included ("z9hG4bK" + 16). */
#define SIPMSG_BRANCH_SIZE 24
/** @brief Bytes a generated tag or Call-ID needs, the NUL included (16 characters). */
#define SIPMSG_TAG_SIZE 17

/**
 * @brief A new Via branch: the RFC 3261 magic cookie "z9hG4bK" and 16
 *        random characters (80 bits from getrandom()).
 * @return SIPMSG_OK, SIPMSG_ENOSPC (size < SIPMSG_BRANCH_SIZE) or
 *         SIPMSG_EUNSUPPORTED (no randomness available).
 */
sipmsg_status sipmsg_generate_branch(char *buf, size_t size);

/** @brief A new random tag (16 characters, 80 bits), also usable as a Call-ID.
 *  @return as sipmsg_generate_branch(), with SIPMSG_TAG_SIZE. */
sipmsg_status sipmsg_generate_tag(char *buf, size_t size);

/**
 * @brief Add a Via as the topmost one: "SIP/2.0/TRANSPORT HOST[:PORT];branch=BRANCH".
 * @param msg       the message
 * @param transport "UDP", "TCP", "TLS", "WS", ... (a token)
 * @param host      a host name, IPv4 address, or IPv6 address (brackets added when missing)
 * @param port      0 for none
 * @param branch    NULL: a new one from sipmsg_generate_branch()
 * @return SIPMSG_OK, SIPMSG_EINVAL (malformed argument), SIPMSG_ENOMEM, ...
 */
sipmsg_status sipmsg_msg_push_via(sipmsg_msg *msg, const char *transport, const char *host, uint16_t port,
				  const char *branch);

/**
 * @brief Set From: `"display" <uri>;tag=tag` (display and tag may be NULL).
 *        The URI must parse (sipmsg_uri_parse()); the display name is quoted
 *        with backslash escapes.
 */
sipmsg_status sipmsg_msg_set_from(sipmsg_msg *msg, const char *display, const char *uri, const char *tag);
/** @brief Set To, as sipmsg_msg_set_from(). */
sipmsg_status sipmsg_msg_set_to(sipmsg_msg *msg, const char *display, const char *uri, const char *tag);
/** @brief Add a Contact `"display" <uri>` (display may be NULL). */
sipmsg_status sipmsg_msg_add_contact(sipmsg_msg *msg, const char *display, const char *uri);
/** @brief Add a Route `<uri>` after the existing ones. */
sipmsg_status sipmsg_msg_add_route(sipmsg_msg *msg, const char *uri);
/** @brief Set Call-ID (NULL: a new random one). */
sipmsg_status sipmsg_msg_set_call_id(sipmsg_msg *msg, const char *call_id);
/** @brief Set CSeq "number method" (method NULL: the request's method). */
sipmsg_status sipmsg_msg_set_cseq(sipmsg_msg *msg, uint32_t number, const char *method);
/** @brief Set a numeric header (Max-Forwards, Expires, Min-Expires, ...) within its range. */
sipmsg_status sipmsg_msg_set_number(sipmsg_msg *msg, sipmsg_hdr_id id, uint32_t value);

/**
 * @brief A response to a request (RFC 3261 §8.2.6): every Via in order, From,
 *        To, Call-ID and CSeq copied; a To tag added when To has none (to_tag,
 *        or a new one when to_tag is NULL; none for 100 Trying); Record-Route
 *        copied into 101-299 responses to dialog-creating requests (§12.1.1);
 *        Timestamp copied (§8.2.6.1); Content-Length: 0.
 * @param request the request answered
 * @param code    the status code, 100..699
 * @param reason  NULL: the phrase of the status-code registry
 * @param to_tag  the To tag to add when To has none (NULL: a new one)
 * @param out     receives the response (free it with sipmsg_msg_free())
 * @return SIPMSG_OK, SIPMSG_EINVAL (code outside 100..699), SIPMSG_ESTATE
 *         (not a request), SIPMSG_ENOMEM
 */
sipmsg_status sipmsg_make_response(const sipmsg_msg *request, int code, const char *reason, const char *to_tag,
				   sipmsg_msg **out);

/**
 * @brief The ACK for a non-2xx final response to an INVITE (RFC 3261
 *        §17.1.1.3): Request-URI, Call-ID, From, Route and the top Via of the
 *        INVITE, To of the response, CSeq number of the INVITE with method ACK.
 * @return SIPMSG_OK, SIPMSG_ESTATE (not an INVITE, or the response is not a
 *         3xx-6xx final response), SIPMSG_ENOMEM
 */
sipmsg_status sipmsg_make_ack(const sipmsg_msg *invite, const sipmsg_msg *response, sipmsg_msg **out);

/**
 * @brief A CANCEL for an INVITE (RFC 3261 §9.1): Request-URI, Call-ID, To,
 *        From, Route, the top Via and the CSeq number of the INVITE, method
 *        CANCEL.
 * @return SIPMSG_OK, SIPMSG_ESTATE (not an INVITE), SIPMSG_ENOMEM
 */
sipmsg_status sipmsg_make_cancel(const sipmsg_msg *invite, sipmsg_msg **out);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_BUILD_H */
