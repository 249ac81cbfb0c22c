/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/hdr.h
 * @brief The known SIP headers: one table, one row per header.
 *
 * SIPMSG_HEADER_TABLE is the single source of truth for the header names, the
 * compact letters (IANA registry), whether commas separate values, whether
 * the header is parsed at parse time ("hot"), whether it may appear once only,
 * and which grammar its value follows. The id enum, the name lookup and the
 * typed parsers are all derived from it.
 *
 * Adding a header is adding a row AT THE END (the ids are part of the ABI).
 */
#ifndef SIPMSG_HDR_H
#define SIPMSG_HDR_H

#include "sipmsg/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Header flag: commas separate values (RFC 3261 §7.3.1). */
#define SIPMSG_HF_LIST 0x01u
/** @brief Header flag: parsed into its typed view at parse time. */
#define SIPMSG_HF_HOT 0x02u
/** @brief Header flag: a message carries at most one value (RFC 3261 §20). */
#define SIPMSG_HF_SINGLE 0x04u

/**
 * @brief What grammar a header's value (or each list element) follows; picks
 *        the typed parser and view.
 */
typedef enum sipmsg_hdr_kind {
	SIPMSG_KIND_TEXT = 0,     /**< free text or a grammar not typed here: raw value only */
	SIPMSG_KIND_NAMEADDR,     /**< name-addr / addr-spec with parameters (From, To, Route, ...) */
	SIPMSG_KIND_CONTACT,      /**< name-addr with parameters, or "*" */
	SIPMSG_KIND_VIA,          /**< via-parm */
	SIPMSG_KIND_CSEQ,         /**< number and method */
	SIPMSG_KIND_CALLID,       /**< word [ "@" word ] */
	SIPMSG_KIND_UINT,         /**< a 32-bit decimal number (Expires, Max-Forwards, ...) */
	SIPMSG_KIND_UINT_PARAMS,  /**< a number with ;parameters (Session-Expires, Min-SE) */
	SIPMSG_KIND_MEDIATYPE,    /**< type "/" subtype with ;parameters (Content-Type, Accept) */
	SIPMSG_KIND_TOKEN,        /**< a token (each element of Allow, Supported, ...) */
	SIPMSG_KIND_TOKEN_PARAMS, /**< a token with ;parameters (Event, Subscription-State, Reason, ...) */
	SIPMSG_KIND_AUTH,         /**< scheme and auth-params (Authorization, WWW-Authenticate, ...) */
	SIPMSG_KIND_AUTH_INFO,    /**< auth-params without a scheme (Authentication-Info) */
	SIPMSG_KIND_RETRY_AFTER,  /**< delta-seconds, comment, ;duration and parameters */
	SIPMSG_KIND_WARNING,      /**< warn-code warn-agent warn-text */
	SIPMSG_KIND_RACK,         /**< response-num CSeq-num method */
	SIPMSG_KIND_TIMESTAMP,    /**< number [ . number ] [ delay ] */
	SIPMSG_KIND_DATE,         /**< rfc1123-date */
	SIPMSG_KIND_REPLACES,     /**< callid with ;to-tag, ;from-tag, ;early-only */
	SIPMSG_KIND_SESSION_ID,   /**< 32 hex digits with ;remote= and parameters (RFC 7989) */
	SIPMSG_KIND_RESOURCE_PRIORITY, /**< namespace "." priority (RFC 4412) */
	SIPMSG_KIND_CHARGING_VECTOR,   /**< icid-value= and charging parameters (RFC 7315 §5.6) */
	SIPMSG_KIND_ACCESS_NETWORK_INFO, /**< access type or class with ;parameters (RFC 7315 §5.4, RFC 7913) */
	SIPMSG_KIND_COUNT         /**< number of kinds */
} sipmsg_hdr_kind;

/* X(ID, "Canonical-Name", compact letter or 0, flags, KIND) */
/** @brief The header table (append only). */
#define SIPMSG_HEADER_TABLE(X) \
	X(ACCEPT,               "Accept",               0,   SIPMSG_HF_LIST,                  MEDIATYPE) \
	X(ACCEPT_ENCODING,      "Accept-Encoding",      0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(ACCEPT_LANGUAGE,      "Accept-Language",      0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(ALERT_INFO,           "Alert-Info",           0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(ALLOW,                "Allow",                0,   SIPMSG_HF_LIST,                  TOKEN) \
	X(AUTHENTICATION_INFO,  "Authentication-Info",  0,   0,                               AUTH_INFO) \
	X(AUTHORIZATION,        "Authorization",        0,   0,                               AUTH) \
	X(CALL_ID,              "Call-ID",              'i', SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, CALLID) \
	X(CALL_INFO,            "Call-Info",            0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(CONTACT,              "Contact",              'm', SIPMSG_HF_LIST,                  CONTACT) \
	X(CONTENT_DISPOSITION,  "Content-Disposition",  0,   SIPMSG_HF_SINGLE,                TOKEN_PARAMS) \
	X(CONTENT_ENCODING,     "Content-Encoding",     'e', SIPMSG_HF_LIST,                  TOKEN) \
	X(CONTENT_LANGUAGE,     "Content-Language",     0,   SIPMSG_HF_LIST,                  TOKEN) \
	X(CONTENT_LENGTH,       "Content-Length",       'l', SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, UINT) \
	X(CONTENT_TYPE,         "Content-Type",         'c', SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, MEDIATYPE) \
	X(CSEQ,                 "CSeq",                 0,   SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, CSEQ) \
	X(DATE,                 "Date",                 0,   SIPMSG_HF_SINGLE,                DATE) \
	X(ERROR_INFO,           "Error-Info",           0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(EXPIRES,              "Expires",              0,   SIPMSG_HF_SINGLE,                UINT) \
	X(FROM,                 "From",                 'f', SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, NAMEADDR) \
	X(IN_REPLY_TO,          "In-Reply-To",          0,   SIPMSG_HF_LIST,                  CALLID) \
	X(MAX_FORWARDS,         "Max-Forwards",         0,   SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, UINT) \
	X(MIME_VERSION,         "MIME-Version",         0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(MIN_EXPIRES,          "Min-Expires",          0,   SIPMSG_HF_SINGLE,                UINT) \
	X(ORGANIZATION,         "Organization",         0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(PRIORITY,             "Priority",             0,   SIPMSG_HF_SINGLE,                TOKEN) \
	X(PROXY_AUTHENTICATE,   "Proxy-Authenticate",   0,   0,                               AUTH) \
	X(PROXY_AUTHORIZATION,  "Proxy-Authorization",  0,   0,                               AUTH) \
	X(PROXY_REQUIRE,        "Proxy-Require",        0,   SIPMSG_HF_LIST,                  TOKEN) \
	X(RECORD_ROUTE,         "Record-Route",         0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(REPLY_TO,             "Reply-To",             0,   SIPMSG_HF_SINGLE,                NAMEADDR) \
	X(REQUIRE,              "Require",              0,   SIPMSG_HF_LIST,                  TOKEN) \
	X(RETRY_AFTER,          "Retry-After",          0,   SIPMSG_HF_SINGLE,                RETRY_AFTER) \
	X(ROUTE,                "Route",                0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(SERVER,               "Server",               0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(SUBJECT,              "Subject",              's', SIPMSG_HF_SINGLE,                TEXT) \
	X(SUPPORTED,            "Supported",            'k', SIPMSG_HF_LIST,                  TOKEN) \
	X(TIMESTAMP,            "Timestamp",            0,   SIPMSG_HF_SINGLE,                TIMESTAMP) \
	X(TO,                   "To",                   't', SIPMSG_HF_HOT | SIPMSG_HF_SINGLE, NAMEADDR) \
	X(UNSUPPORTED,          "Unsupported",          0,   SIPMSG_HF_LIST,                  TOKEN) \
	X(USER_AGENT,           "User-Agent",           0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(VIA,                  "Via",                  'v', SIPMSG_HF_LIST | SIPMSG_HF_HOT,  VIA) \
	X(WARNING,              "Warning",              0,   SIPMSG_HF_LIST,                  WARNING) \
	X(WWW_AUTHENTICATE,     "WWW-Authenticate",     0,   0,                               AUTH) \
	X(RSEQ,                 "RSeq",                 0,   SIPMSG_HF_SINGLE,                UINT) \
	X(RACK,                 "RAck",                 0,   SIPMSG_HF_SINGLE,                RACK) \
	X(EVENT,                "Event",                'o', SIPMSG_HF_SINGLE,                TOKEN_PARAMS) \
	X(ALLOW_EVENTS,         "Allow-Events",         'u', SIPMSG_HF_LIST,                  TOKEN) \
	X(SUBSCRIPTION_STATE,   "Subscription-State",   0,   SIPMSG_HF_SINGLE,                TOKEN_PARAMS) \
	X(REFER_TO,             "Refer-To",             'r', SIPMSG_HF_SINGLE,                NAMEADDR) \
	X(REFERRED_BY,          "Referred-By",          'b', SIPMSG_HF_SINGLE,                NAMEADDR) \
	X(REPLACES,             "Replaces",             0,   SIPMSG_HF_SINGLE,                REPLACES) \
	X(SESSION_EXPIRES,      "Session-Expires",      'x', SIPMSG_HF_SINGLE,                UINT_PARAMS) \
	X(MIN_SE,               "Min-SE",               0,   SIPMSG_HF_SINGLE,                UINT_PARAMS) \
	X(P_ASSERTED_IDENTITY,  "P-Asserted-Identity",  0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(P_PREFERRED_IDENTITY, "P-Preferred-Identity", 0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(PRIVACY,              "Privacy",              0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(PATH,                 "Path",                 0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(SERVICE_ROUTE,        "Service-Route",        0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(REASON,               "Reason",               0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(IDENTITY,             "Identity",             'y', 0,                               TEXT) \
	X(IDENTITY_INFO,        "Identity-Info",        'n', SIPMSG_HF_SINGLE,                NAMEADDR) \
	X(SIP_ETAG,             "SIP-ETag",             0,   SIPMSG_HF_SINGLE,                TOKEN) \
	X(SIP_IF_MATCH,         "SIP-If-Match",         0,   SIPMSG_HF_SINGLE,                TOKEN) \
	X(SECURITY_CLIENT,      "Security-Client",      0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(SECURITY_SERVER,      "Security-Server",      0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(SECURITY_VERIFY,      "Security-Verify",      0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(ACCEPT_CONTACT,       "Accept-Contact",       'a', SIPMSG_HF_LIST,                  TEXT) \
	X(REJECT_CONTACT,       "Reject-Contact",       'j', SIPMSG_HF_LIST,                  TEXT) \
	X(REQUEST_DISPOSITION,  "Request-Disposition",  'd', SIPMSG_HF_LIST,                  TOKEN) \
	X(GEOLOCATION,          "Geolocation",          0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(HISTORY_INFO,         "History-Info",         0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(DIVERSION,            "Diversion",            0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(REMOTE_PARTY_ID,      "Remote-Party-ID",      0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(USER_TO_USER,         "User-to-User",         0,   SIPMSG_HF_LIST,                  TEXT) \
	X(TARGET_DIALOG,        "Target-Dialog",        0,   SIPMSG_HF_SINGLE,                REPLACES) \
	X(JOIN,                 "Join",                 0,   SIPMSG_HF_SINGLE,                REPLACES) \
	X(RESOURCE_PRIORITY,    "Resource-Priority",    0,   SIPMSG_HF_LIST,                  RESOURCE_PRIORITY) \
	X(ACCEPT_RESOURCE_PRIORITY, "Accept-Resource-Priority", 0, SIPMSG_HF_LIST,           RESOURCE_PRIORITY) \
	X(P_CALLED_PARTY_ID,    "P-Called-Party-ID",    0,   SIPMSG_HF_SINGLE,                NAMEADDR) \
	X(P_ASSOCIATED_URI,     "P-Associated-URI",     0,   SIPMSG_HF_LIST,                  NAMEADDR) \
	X(P_ACCESS_NETWORK_INFO, "P-Access-Network-Info", 0, SIPMSG_HF_LIST,                  ACCESS_NETWORK_INFO) \
	X(P_CHARGING_VECTOR,    "P-Charging-Vector",    0,   SIPMSG_HF_SINGLE,                CHARGING_VECTOR) \
	X(P_VISITED_NETWORK_ID, "P-Visited-Network-ID", 0,   SIPMSG_HF_LIST,                  TEXT) \
	X(RECV_INFO,            "Recv-Info",            0,   SIPMSG_HF_LIST,                  TOKEN_PARAMS) \
	X(INFO_PACKAGE,         "Info-Package",         0,   SIPMSG_HF_SINGLE,                TOKEN_PARAMS) \
	X(MAX_BREADTH,          "Max-Breadth",          0,   SIPMSG_HF_SINGLE,                UINT) \
	X(FLOW_TIMER,           "Flow-Timer",           0,   SIPMSG_HF_SINGLE,                UINT) \
	X(SUPPRESS_IF_MATCH,    "Suppress-If-Match",    0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(FEATURE_CAPS,         "Feature-Caps",         0,   SIPMSG_HF_LIST,                  TEXT) \
	X(CONTENT_ID,           "Content-ID",           0,   SIPMSG_HF_SINGLE,                TEXT) \
	X(SESSION_ID,           "Session-ID",           0,   SIPMSG_HF_SINGLE,                SESSION_ID)

/** @brief Known header ids. 0 is any header not in the table. */
typedef enum sipmsg_hdr_id {
	SIPMSG_HDR_OTHER = 0, /**< a header not in the table (kept with its name as written) */
#define SIPMSG_HDR_ENUM_ROW_(id, name, compact, flags, kind) SIPMSG_HDR_##id,
	SIPMSG_HEADER_TABLE(SIPMSG_HDR_ENUM_ROW_)
#undef SIPMSG_HDR_ENUM_ROW_
	SIPMSG_HDR_COUNT_ /**< number of ids (not an id) */
} sipmsg_hdr_id;

/** @brief The id of a header name (long or compact form, any case); SIPMSG_HDR_OTHER if unknown. */
sipmsg_hdr_id sipmsg_hdr_lookup(const char *name, size_t len);

/** @brief Canonical long name ("Call-ID"); NULL for SIPMSG_HDR_OTHER or an invalid id. */
const char *sipmsg_hdr_name(sipmsg_hdr_id id);

/** @brief Compact letter ('i' for Call-ID), or 0 when the header has none. */
char sipmsg_hdr_compact(sipmsg_hdr_id id);

/** @brief The SIPMSG_HF_* flags of a header (0 for unknown ids). */
unsigned sipmsg_hdr_flags(sipmsg_hdr_id id);

/** @brief The grammar a header's value follows (SIPMSG_KIND_TEXT for unknown ids). */
sipmsg_hdr_kind sipmsg_hdr_kind_of(sipmsg_hdr_id id);

/** @brief Stable name of a kind ("nameaddr", "via", ...). */
const char *sipmsg_hdr_kind_name(sipmsg_hdr_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_HDR_H */
