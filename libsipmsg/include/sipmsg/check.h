/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/check.h
 * @brief RFC 3261 rules as diagnostics (layer 6), not as parse failures.
 */
#ifndef SIPMSG_CHECK_H
#define SIPMSG_CHECK_H

#include "sipmsg/msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Check a message against RFC 3261 and add what is wrong to its
 *        diagnostics (sipmsg_msg_diag_at()).
 *
 * Every header and the Request-URI are read typed first, so grammar errors
 * are reported too. Then (3xx codes): mandatory headers (To, From, CSeq,
 * Call-ID, Via, and Max-Forwards in requests; Contact in INVITE and in 2xx
 * responses to INVITE), single-valued headers repeated, the CSeq method
 * against the request method, Content-Length against the body, a body
 * without Content-Type, the SIP version, the status code range, URI headers
 * in the Request-URI (errors); the branch magic cookie and an unknown
 * Request-URI scheme (warnings). Each diagnostic names the header concerned
 * (for a missing header, its canonical name) and its offset where it has one.
 *
 * Running it again replaces the diagnostics of the previous run (so it may be
 * called after edits).
 * @return SIPMSG_OK when the message has no diagnostic of severity error,
 *         SIPMSG_ESYNTAX when it has, SIPMSG_ENOMEM, or SIPMSG_EINVAL.
 */
sipmsg_status sipmsg_msg_check(const sipmsg_msg *msg);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_CHECK_H */
