/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/views.h
 * @brief Typed views of header values: plain structs of slices, parsed on
 *        first access and cached on the message.
 *
 * Every header row of SIPMSG_HEADER_TABLE has a kind (sipmsg_hdr_kind); each
 * kind has one view struct below. A header line holds one value, or, for
 * comma-list headers (SIPMSG_HF_LIST), one value per element. Slices point
 * into the message (its input or its arena) and stay valid as long as the
 * message and its input; arrays (params) live in the message's arena.
 *
 * The hot headers (Via, From, To, Call-ID, CSeq, Content-Length,
 * Content-Type, Max-Forwards) are parsed during sipmsg_parse(); the others on
 * first access. A value that does not match its grammar gets the header
 * flagged SIPMSG_HEADER_BAD and an error diagnostic with its position; the
 * accessors then return NULL / SIPMSG_ESYNTAX and the raw value stays usable
 * through sipmsg_header_at().
 *
 * Reading views caches them in the message, so a message must not be read
 * from two threads at once (see sipmsg/msg.h).
 */
#ifndef SIPMSG_VIEWS_H
#define SIPMSG_VIEWS_H

#include "sipmsg/msg.h"
#include "sipmsg/uri.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief name-addr / addr-spec with parameters: From, To, Contact, Route,
 *        Record-Route, Path, Refer-To, P-Asserted-Identity, ... (KIND_NAMEADDR,
 *        KIND_CONTACT).
 */
typedef struct sipmsg_nameaddr {
	sipmsg_slice raw;            /**< the whole value (list element) as written */
	bool star;                   /**< Contact: "*" (nothing else is set) */
	bool angle;                  /**< the URI was written in angle brackets (name-addr form) */
	bool display_quoted;         /**< the display name was a quoted-string */
	sipmsg_slice display;        /**< display name: the text inside the quotes (escapes kept) or the tokens as written; NULL ptr when none */
	sipmsg_uri uri;              /**< the URI */
	sipmsg_slice tag;            /**< the tag parameter's value */
	sipmsg_slice q;              /**< the q parameter's value ("0.7") */
	bool has_expires;            /**< an expires parameter is present */
	uint32_t expires;            /**< its value (delta-seconds) */
	const sipmsg_param *params;  /**< the header parameters after the URI, in order (P-Asserted-Identity and
					  P-Preferred-Identity have none: a bare URI's parameters are the URI's own);
					  tag, q and expires above are the first of each with a value */
	size_t param_count;          /**< number of params */
} sipmsg_nameaddr;

/** @brief One Via value (KIND_VIA). */
typedef struct sipmsg_via {
	sipmsg_slice raw;              /**< the whole via-parm as written */
	sipmsg_slice protocol_name;    /**< "SIP" */
	sipmsg_slice protocol_version; /**< "2.0" */
	sipmsg_slice transport;        /**< "UDP", "TCP", "TLS", "SCTP", "WS", any token */
	sipmsg_slice host;             /**< sent-by host as written (IPv6 in brackets) */
	sipmsg_host_type host_type;    /**< what host is */
	bool has_port;                 /**< sent-by has a port */
	uint16_t port;                 /**< the port (0 when absent) */
	sipmsg_slice branch;           /**< branch parameter */
	sipmsg_slice received;         /**< received parameter, as written (with or without brackets) */
	bool has_rport;                /**< rport is present (RFC 3581), with or without a value */
	sipmsg_slice rport;            /**< rport's value; NULL ptr when valueless */
	sipmsg_slice maddr;            /**< maddr parameter */
	sipmsg_slice ttl;              /**< ttl parameter */
	const sipmsg_param *params;    /**< every parameter in order (the above included: the first of each) */
	size_t param_count;            /**< number of params */
} sipmsg_via;

/** @brief CSeq (KIND_CSEQ). */
typedef struct sipmsg_cseq {
	sipmsg_slice raw;      /**< the value as written */
	uint32_t number;       /**< the sequence number (32 bits, RFC 3261 §8.1.1.5) */
	sipmsg_slice method;   /**< the method token */
	sipmsg_method method_id; /**< the method as a known id */
} sipmsg_cseq;

/** @brief Call-ID and each In-Reply-To element (KIND_CALLID). */
typedef struct sipmsg_callid {
	sipmsg_slice raw; /**< the Call-ID */
} sipmsg_callid;

/** @brief A number, possibly with parameters: Content-Length, Max-Forwards,
 *         Expires, Min-Expires, RSeq, Session-Expires, Min-SE (KIND_UINT, KIND_UINT_PARAMS). */
typedef struct sipmsg_number {
	sipmsg_slice raw;           /**< the value as written */
	uint32_t value;             /**< the number, within the header's range */
	sipmsg_slice refresher;     /**< Session-Expires: the refresher parameter ("uac", "uas"); absent in Min-SE */
	const sipmsg_param *params; /**< parameters after the number */
	size_t param_count;         /**< number of params */
} sipmsg_number;

/** @brief A media type with parameters: Content-Type, each Accept element (KIND_MEDIATYPE). */
typedef struct sipmsg_mediatype {
	sipmsg_slice raw;           /**< the value (element) as written */
	sipmsg_slice type;          /**< "application", or "*" */
	sipmsg_slice subtype;       /**< "sdp", or "*" */
	sipmsg_slice boundary;      /**< the boundary parameter (multipart), without quotes */
	const sipmsg_param *params; /**< parameters in order */
	size_t param_count;         /**< number of params */
} sipmsg_mediatype;

/** @brief A token, possibly with parameters: Allow, Supported, Require, Event,
 *         Subscription-State, Reason, Content-Disposition, ... (KIND_TOKEN, KIND_TOKEN_PARAMS). */
typedef struct sipmsg_token {
	sipmsg_slice raw;           /**< the value (element) as written */
	sipmsg_slice value;         /**< the token */
	const sipmsg_param *params; /**< parameters in order */
	size_t param_count;         /**< number of params */
} sipmsg_token;

/** @brief Credentials, a challenge, or Authentication-Info (KIND_AUTH, KIND_AUTH_INFO). */
typedef struct sipmsg_auth {
	sipmsg_slice raw;           /**< the value as written */
	sipmsg_slice scheme;        /**< "Digest", any token; empty for Authentication-Info */
	sipmsg_slice token68;       /**< a token68 credential ("Bearer abc=="), when that form is used */
	sipmsg_slice realm;         /**< realm (quotes removed, escapes kept) */
	sipmsg_slice nonce;         /**< nonce */
	sipmsg_slice opaque;        /**< opaque */
	sipmsg_slice algorithm;     /**< algorithm */
	sipmsg_slice qop;           /**< qop (a list in challenges) */
	sipmsg_slice username;      /**< username */
	sipmsg_slice uri;           /**< digest-uri */
	sipmsg_slice response;      /**< response */
	sipmsg_slice cnonce;        /**< cnonce */
	sipmsg_slice nc;            /**< nonce-count */
	const sipmsg_param *params; /**< every auth-param in order (quoted values without quotes, quoted = true) */
	size_t param_count;         /**< number of params */
} sipmsg_auth;

/** @brief Retry-After (KIND_RETRY_AFTER). */
typedef struct sipmsg_retry_after {
	sipmsg_slice raw;           /**< the value as written */
	uint32_t seconds;           /**< delta-seconds */
	sipmsg_slice comment;       /**< the comment without its parentheses; NULL ptr when none */
	bool has_duration;          /**< a duration parameter is present */
	uint32_t duration;          /**< its value */
	const sipmsg_param *params; /**< parameters in order */
	size_t param_count;         /**< number of params */
} sipmsg_retry_after;

/** @brief One Warning value (KIND_WARNING). */
typedef struct sipmsg_warning {
	sipmsg_slice raw;   /**< the value as written */
	uint16_t code;      /**< warn-code (3 digits) */
	sipmsg_slice agent; /**< warn-agent (host[:port] or pseudonym) */
	sipmsg_slice text;  /**< warn-text without its quotes (escapes kept) */
} sipmsg_warning;

/** @brief RAck (KIND_RACK, RFC 3262). */
typedef struct sipmsg_rack {
	sipmsg_slice raw;        /**< the value as written */
	uint32_t rseq;           /**< response-num */
	uint32_t cseq;           /**< CSeq-num */
	sipmsg_slice method;     /**< the method */
	sipmsg_method method_id; /**< the method as a known id */
} sipmsg_rack;

/** @brief Timestamp (KIND_TIMESTAMP). */
typedef struct sipmsg_timestamp {
	sipmsg_slice raw;   /**< the value as written */
	sipmsg_slice value; /**< the timestamp ("54.21") */
	sipmsg_slice delay; /**< the delay; NULL ptr when absent */
} sipmsg_timestamp;

/** @brief Date (KIND_DATE, rfc1123-date, always GMT). */
typedef struct sipmsg_date {
	sipmsg_slice raw;     /**< the value as written */
	sipmsg_slice weekday; /**< "Mon" .. "Sun", in the case written (any case is read) */
	uint16_t year;        /**< four digits */
	uint8_t month;        /**< 1..12 */
	uint8_t day;          /**< 1..31 */
	uint8_t hour;         /**< 0..23 */
	uint8_t minute;       /**< 0..59 */
	uint8_t second;       /**< 0..60 */
} sipmsg_date;

/** @brief Replaces, Join, Target-Dialog (KIND_REPLACES). */
typedef struct sipmsg_replaces {
	sipmsg_slice raw;           /**< the value as written */
	sipmsg_slice call_id;       /**< the dialog's Call-ID */
	sipmsg_slice to_tag;        /**< to-tag (Target-Dialog: remote-tag) */
	sipmsg_slice from_tag;      /**< from-tag (Target-Dialog: local-tag) */
	bool early_only;            /**< the early-only flag */
	const sipmsg_param *params; /**< every parameter in order */
	size_t param_count;         /**< number of params */
} sipmsg_replaces;

/** @brief Session-ID (KIND_SESSION_ID, RFC 7989 §4.2). */
typedef struct sipmsg_session_id {
	sipmsg_slice raw;           /**< the value as written */
	sipmsg_slice local_uuid;    /**< local-uuid: 32 hex digits (all "0" is the null UUID) */
	sipmsg_slice remote_uuid;   /**< the remote parameter's value; NULL ptr when absent */
	const sipmsg_param *params; /**< every parameter in order (remote included) */
	size_t param_count;         /**< number of params */
} sipmsg_session_id;

/** @brief One Resource-Priority or Accept-Resource-Priority value
 *         (KIND_RESOURCE_PRIORITY, RFC 4412 §3.1): r-value = namespace "." r-priority. */
typedef struct sipmsg_resource_priority {
	sipmsg_slice raw;      /**< the r-value as written ("wps.2") */
	sipmsg_slice ns;       /**< the namespace ("wps"; a token without '.') */
	sipmsg_slice priority; /**< the r-priority ("2"; a token without '.') */
} sipmsg_resource_priority;

/** @brief P-Charging-Vector (KIND_CHARGING_VECTOR, RFC 7315 §5.6). */
typedef struct sipmsg_charging_vector {
	sipmsg_slice raw;               /**< the value as written */
	sipmsg_slice icid;              /**< icid-value (quotes removed when quoted) */
	sipmsg_slice icid_generated_at; /**< icid-generated-at (a host); NULL ptr when absent */
	sipmsg_slice orig_ioi;          /**< orig-ioi; NULL ptr when absent */
	sipmsg_slice term_ioi;          /**< term-ioi; NULL ptr when absent */
	sipmsg_slice transit_ioi;       /**< transit-ioi, the quoted list without its quotes; NULL ptr when absent;
					 *   its entries with sipmsg_transit_ioi_next() */
	const sipmsg_param *params;     /**< the parameters after icid-value, in order (the above included) */
	size_t param_count;             /**< number of params */
} sipmsg_charging_vector;

/** @brief One entry of a P-Charging-Vector transit-ioi list (RFC 7315 §5.6:
 *         transit-ioi-name "." transit-ioi-index, or "void." index). */
typedef struct sipmsg_transit_ioi {
	sipmsg_slice raw;   /**< the entry as written, trimmed ("operatorA.1", "void.2"; empty for ",,") */
	sipmsg_slice name;  /**< before the last '.' ("operatorA", "void"); all of raw when it has no '.' */
	sipmsg_slice index; /**< after the last '.' (digits when well formed); NULL ptr when raw has no '.' */
} sipmsg_transit_ioi;

/**
 * @brief Split the next entry off a transit-ioi list, without allocating:
 *        `sipmsg_slice rest = cv->transit_ioi; sipmsg_transit_ioi e;
 *        while (sipmsg_transit_ioi_next(&rest, &e)) ...`. Every entry is
 *        returned, empty ones too; their syntax is judged by
 *        sipmsg_msg_check(), not here.
 * @return false when rest holds nothing more (or is absent).
 */
bool sipmsg_transit_ioi_next(sipmsg_slice *rest, sipmsg_transit_ioi *entry);

/** @brief One P-Access-Network-Info value (KIND_ACCESS_NETWORK_INFO,
 *         RFC 7315 §5.4 as updated by RFC 7913). */
typedef struct sipmsg_access_network_info {
	sipmsg_slice raw;           /**< the access-net-spec as written */
	sipmsg_slice access_type;   /**< access-type or access-class ("3GPP-E-UTRAN-FDD", any token) */
	bool network_provided;      /**< the network-provided parameter is present */
	const sipmsg_param *params; /**< the access-info parameters in order (cgi-3gpp, utran-cell-id-3gpp, ...);
				     *   RFC 3455's bare item ("x") has an empty name */
	size_t param_count;         /**< number of params */
} sipmsg_access_network_info;

/**
 * @brief One typed value of any kind, for code that walks every header (a
 *        JSON printer, a binding). Exactly the pointer for `kind` is set
 *        (KIND_CONTACT uses nameaddr, UINT_PARAMS number, TOKEN_PARAMS token,
 *        AUTH_INFO auth); for KIND_TEXT none is, and raw is the value.
 */
typedef struct sipmsg_typed {
	sipmsg_hdr_kind kind;                   /**< the kind of the header's row */
	sipmsg_hdr_id id;                       /**< the header's id */
	size_t header;                          /**< index of the header line */
	size_t index;                           /**< index of the value within the line */
	sipmsg_slice raw;                       /**< the value as written */
	const sipmsg_nameaddr *nameaddr;        /**< KIND_NAMEADDR, KIND_CONTACT */
	const sipmsg_via *via;                  /**< KIND_VIA */
	const sipmsg_cseq *cseq;                /**< KIND_CSEQ */
	const sipmsg_callid *callid;            /**< KIND_CALLID */
	const sipmsg_number *number;            /**< KIND_UINT, KIND_UINT_PARAMS */
	const sipmsg_mediatype *mediatype;      /**< KIND_MEDIATYPE */
	const sipmsg_token *token;              /**< KIND_TOKEN, KIND_TOKEN_PARAMS */
	const sipmsg_auth *auth;                /**< KIND_AUTH, KIND_AUTH_INFO */
	const sipmsg_retry_after *retry_after;  /**< KIND_RETRY_AFTER */
	const sipmsg_warning *warning;          /**< KIND_WARNING */
	const sipmsg_rack *rack;                /**< KIND_RACK */
	const sipmsg_timestamp *timestamp;      /**< KIND_TIMESTAMP */
	const sipmsg_date *date;                /**< KIND_DATE */
	const sipmsg_replaces *replaces;        /**< KIND_REPLACES */
	const sipmsg_session_id *session_id;    /**< KIND_SESSION_ID */
	const sipmsg_resource_priority *resource_priority; /**< KIND_RESOURCE_PRIORITY */
	const sipmsg_charging_vector *charging_vector;     /**< KIND_CHARGING_VECTOR */
	const sipmsg_access_network_info *access_network_info; /**< KIND_ACCESS_NETWORK_INFO */
} sipmsg_typed;

/** @name Any header, by line */
/** @{ */
/**
 * @brief Parse header line i into its typed view (once; later calls are free).
 * @param msg   the message
 * @param i     the header line (as for sipmsg_header_at())
 * @param count receives the number of values on the line (may be NULL): list
 *        elements for comma-list headers, else 1; 0 for an empty list
 *        ("Allow:") or a bad value.
 * @return SIPMSG_OK, SIPMSG_ESYNTAX (the value is bad; a diagnostic says
 *         where), SIPMSG_ENOTFOUND (no such line) or SIPMSG_ENOMEM.
 */
sipmsg_status sipmsg_header_parse(const sipmsg_msg *msg, size_t i, size_t *count);

/** @brief Value j of header line i, typed (parsed on first access).
 *  @return SIPMSG_OK, SIPMSG_ESYNTAX, SIPMSG_ENOTFOUND or SIPMSG_ENOMEM. */
sipmsg_status sipmsg_header_value(const sipmsg_msg *msg, size_t i, size_t j, sipmsg_typed *out);
/** @} */

/** @name Every value of one header, across repeated lines and comma lists
 * Sequential access (k = 0, 1, 2, ...) costs O(1) per call.
 */
/** @{ */
/** @brief Number of typed values of header id in the message (bad lines count 0). */
size_t sipmsg_typed_count(const sipmsg_msg *msg, sipmsg_hdr_id id);
/** @brief Value k of header id across the message. @return SIPMSG_OK or SIPMSG_ENOTFOUND (or ENOMEM). */
sipmsg_status sipmsg_typed_at(const sipmsg_msg *msg, sipmsg_hdr_id id, size_t k, sipmsg_typed *out);
/** @} */

/** @name The common headers
 * Single-valued headers read their first line. NULL / empty / SIPMSG_ENOTFOUND
 * when the header is absent or bad.
 */
/** @{ */
/** @brief Call-ID. */
sipmsg_slice sipmsg_msg_call_id(const sipmsg_msg *msg);
/** @brief CSeq. */
const sipmsg_cseq *sipmsg_msg_cseq(const sipmsg_msg *msg);
/** @brief From. */
const sipmsg_nameaddr *sipmsg_msg_from(const sipmsg_msg *msg);
/** @brief To. */
const sipmsg_nameaddr *sipmsg_msg_to(const sipmsg_msg *msg);
/** @brief Number of Via values (every line, every element). */
size_t sipmsg_msg_via_count(const sipmsg_msg *msg);
/** @brief Via value k, topmost first. */
const sipmsg_via *sipmsg_msg_via(const sipmsg_msg *msg, size_t k);
/** @brief Number of Contact values. */
size_t sipmsg_msg_contact_count(const sipmsg_msg *msg);
/** @brief Contact value k. */
const sipmsg_nameaddr *sipmsg_msg_contact(const sipmsg_msg *msg, size_t k);
/** @brief Content-Type. */
const sipmsg_mediatype *sipmsg_msg_content_type(const sipmsg_msg *msg);
/** @brief A numeric header (Max-Forwards, Content-Length, Expires, ...).
 *  @return SIPMSG_OK, SIPMSG_ENOTFOUND, SIPMSG_ESYNTAX (bad) or SIPMSG_EINVAL (not a number kind). */
sipmsg_status sipmsg_msg_number(const sipmsg_msg *msg, sipmsg_hdr_id id, uint32_t *value);
/** @brief The Request-URI, parsed (NULL for a response or a malformed URI,
 *         which then has a diagnostic). */
const sipmsg_uri *sipmsg_msg_request_uri_parsed(const sipmsg_msg *msg);
/** @} */

/**
 * @brief Parse every header (and the Request-URI) into its typed view, so
 *        that every grammar error is among the diagnostics.
 * @return the number of bad header lines plus 1 when the Request-URI is bad.
 */
size_t sipmsg_msg_parse_all(const sipmsg_msg *msg);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_VIEWS_H */
