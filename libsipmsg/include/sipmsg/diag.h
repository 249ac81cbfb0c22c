/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/diag.h
 * @brief Diagnostics: what was odd or wrong in a message, where, and how bad.
 *
 * A diagnostic never stops a lenient parse by itself; it tells the caller what
 * was found so that it can decide (answer 400, log, drop). Codes are grouped by
 * layer: 1xx scanning and framing, 2xx typed headers and URIs, 3xx RFC 3261
 * checks, 4xx SDP, 5xx multipart bodies, 6xx limits. Each code has a stable
 * name (e.g. "bare-lf") used by the JSON output and the bindings.
 */
#ifndef SIPMSG_DIAG_H
#define SIPMSG_DIAG_H

#include "sipmsg/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How bad a diagnostic is. */
typedef enum sipmsg_severity {
	SIPMSG_SEVERITY_WARNING = 1, /**< odd but usable; a strict peer may object */
	SIPMSG_SEVERITY_ERROR = 2    /**< breaks a MUST of the RFC; a strict peer answers 400 or drops */
} sipmsg_severity;

/** @brief What a diagnostic is about. The numeric values are stable. */
typedef enum sipmsg_diag_code {
	SIPMSG_DIAG_NONE = 0, /**< no diagnostic */

	/* 1xx: scanning and framing (scan.c, frame.c) */
	SIPMSG_DIAG_EMPTY_MESSAGE = 100,        /**< no bytes, or only line ends */
	SIPMSG_DIAG_BAD_START_LINE = 101,       /**< the start line is neither a request nor a status line */
	SIPMSG_DIAG_BAD_METHOD = 102,           /**< the method is not a token */
	SIPMSG_DIAG_BAD_REQUEST_URI = 103,      /**< the Request-URI is empty or holds forbidden bytes */
	SIPMSG_DIAG_BAD_VERSION = 104,          /**< the SIP-Version is not "SIP/" digits "." digits */
	SIPMSG_DIAG_UNSUPPORTED_VERSION = 105,  /**< well-formed version other than SIP/2.0 */
	SIPMSG_DIAG_BAD_STATUS_CODE = 106,      /**< the status code is not three digits */
	SIPMSG_DIAG_BAD_REASON_PHRASE = 107,    /**< control characters in the reason phrase */
	SIPMSG_DIAG_START_LINE_SPACES = 108,    /**< extra spaces in the start line (e.g. trailing SP) */
	SIPMSG_DIAG_LEADING_CRLF = 109,         /**< line ends before the start line (ignored) */
	SIPMSG_DIAG_BARE_LF = 110,              /**< a line ends in LF without CR */
	SIPMSG_DIAG_BAD_HEADER_NAME = 111,      /**< a header name is empty or not a token */
	SIPMSG_DIAG_MISSING_COLON = 112,        /**< a header line has no ':' after its name */
	SIPMSG_DIAG_FOLD_WITHOUT_HEADER = 113,  /**< a continuation line before any header */
	SIPMSG_DIAG_CTL_IN_VALUE = 114,         /**< a control character (NUL, ...) in a header value */
	SIPMSG_DIAG_UNTERMINATED_HEADERS = 115, /**< the header section is not closed by an empty line */
	SIPMSG_DIAG_BAD_CONTENT_LENGTH = 116,   /**< Content-Length is not a decimal number that fits */
	SIPMSG_DIAG_CONFLICTING_CONTENT_LENGTH = 117, /**< several Content-Length values that disagree */
	SIPMSG_DIAG_BODY_TRUNCATED = 118,       /**< Content-Length is larger than the bytes that follow */
	SIPMSG_DIAG_TRAILING_BYTES = 119,       /**< bytes after the message in a datagram (ignored) */
	SIPMSG_DIAG_MISSING_CONTENT_LENGTH = 120, /**< no Content-Length on a stream transport */
	SIPMSG_DIAG_LONE_CR = 121,              /**< a CR not followed by LF inside a line */
	SIPMSG_DIAG_EMPTY_HEADER_VALUE = 122,   /**< a header whose grammar needs a value has none */

	/* 2xx: typed headers and URIs */
	SIPMSG_DIAG_BAD_HEADER_VALUE = 200,     /**< a header value does not match its grammar (kept raw) */
	SIPMSG_DIAG_BAD_URI = 201,              /**< a URI does not match its grammar */
	SIPMSG_DIAG_VALUE_OUT_OF_RANGE = 202,   /**< a number is larger than its grammar allows */
	SIPMSG_DIAG_EMPTY_LIST_ITEM = 203,      /**< ",," or ";;" in a list */
	SIPMSG_DIAG_UNTERMINATED_QUOTE = 204,   /**< a quoted string without its closing quote */
	SIPMSG_DIAG_UNBALANCED_ANGLE = 205,     /**< a '<' without '>' or the reverse */
	SIPMSG_DIAG_BAD_ESCAPE = 206,           /**< '%' not followed by two hex digits where an escape is required */
	SIPMSG_DIAG_BAD_IP_ADDRESS = 207,       /**< an IPv4 or IPv6 literal that is not well formed */
	SIPMSG_DIAG_BAD_PARAMETER = 208,        /**< a parameter that does not match its grammar */

	/* 3xx: RFC 3261 checks (check.c) */
	SIPMSG_DIAG_MISSING_HEADER = 300,       /**< a mandatory header is absent */
	SIPMSG_DIAG_MULTIPLE_VALUES = 301,      /**< a single-valued header appears more than once, a "*" Contact with other Contact values, or a header or SIP URI parameter named once repeated (warning) */
	SIPMSG_DIAG_CSEQ_METHOD_MISMATCH = 302, /**< CSeq method differs from the request method */
	SIPMSG_DIAG_CONTENT_LENGTH_MISMATCH = 303, /**< Content-Length disagrees with the body */
	SIPMSG_DIAG_BRANCH_NO_COOKIE = 304,     /**< Via branch lacks the z9hG4bK magic cookie */
	SIPMSG_DIAG_MISSING_CONTENT_TYPE = 305, /**< a non-empty body without Content-Type */
	SIPMSG_DIAG_UNKNOWN_URI_SCHEME = 306,   /**< Request-URI scheme other than sip, sips, tel */
	SIPMSG_DIAG_STATUS_OUT_OF_RANGE = 307,  /**< status code outside 100..699 */
	SIPMSG_DIAG_MAX_FORWARDS_RANGE = 308,   /**< Max-Forwards outside 0..255 */
	SIPMSG_DIAG_EMPTY_BRANCH = 309,         /**< Via branch is only the magic cookie */
	SIPMSG_DIAG_REQUEST_URI_HEADERS = 310,  /**< URI headers ("?a=b") in the Request-URI (RFC 3261 §19.1.1) */
	SIPMSG_DIAG_MISSING_BRANCH = 311,       /**< a Via without a branch parameter (RFC 3261 §8.1.1.7) */
	SIPMSG_DIAG_BAD_DIGEST_PARAM = 312,     /**< a Digest credential, challenge or Authentication-Info parameter is missing or out of its shape (RFC 3261 §25.1, RFC 2617) */
	SIPMSG_DIAG_BAD_TEXT_HEADER = 313,      /**< a header kept as text (MIME-Version, User-Agent, Server, Privacy) is out of its grammar (RFC 3261 §25.1, RFC 3323 §4.2) */
	SIPMSG_DIAG_BAD_VIA_PARAM = 314,        /**< a Via extension parameter's value is not a gen-value (a bare ':' past received and maddr) (RFC 3261 §25.1) */
	SIPMSG_DIAG_HEADER_RULE = 315,          /**< a header value (or Request-URI) the parse takes but its RFC's rules retire or narrow: RFC 3455's bare P-Access-Network-Info item, a cell id out of 3GPP TS 24.229's shape, a transit-ioi entry out of shape, a wildcard Content-Type, a URI's lr with a value, an unquoted display name with non-token characters */
	SIPMSG_DIAG_START_LINE_RULE = 316,      /**< a start line its grammar or RFC 3261 rules out for senders but a receiver reads: a SIP-Version not in upper case (§7.1), a '%' in the reason phrase that is not an escape (§25.1) */
	SIPMSG_DIAG_BAD_HOST_NAME = 317,        /**< a host name the parse reads but RFC 3261 §25.1 hostname rules out: an empty label, a label starting or ending in '-', a last label starting with a digit (warning) */

	/* 4xx: SDP */
	SIPMSG_DIAG_SDP_BAD_LINE = 400,         /**< a line is not "<letter>=<value>" */
	SIPMSG_DIAG_SDP_UNKNOWN_TYPE = 401,     /**< an unknown type letter */
	SIPMSG_DIAG_SDP_LINE_ORDER = 402,       /**< a line out of the RFC 8866 order */
	SIPMSG_DIAG_SDP_MISSING_LINE = 403,     /**< a mandatory line (v, o, s, t, c) is absent */
	SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME = 404, /**< "s=" with nothing after it (a warning when lenient) */
	SIPMSG_DIAG_SDP_BAD_VALUE = 405,        /**< a line or attribute value does not match its grammar */
	SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS = 406, /**< rtpmap/fmtp/rtcp-fb/rid pt= for a payload type not on the m= line */
	SIPMSG_DIAG_SDP_BAD_PORT = 407,         /**< a port outside 0..65535, or one its RFC rules out (active TCP candidate not 9) */
	SIPMSG_DIAG_SDP_BAD_ADDRESS = 408,      /**< an address that does not match its address type */
	SIPMSG_DIAG_SDP_DUPLICATE_MID = 409,    /**< two media sections share a mid */
	SIPMSG_DIAG_SDP_GROUP_UNKNOWN_MID = 410, /**< a group names a mid no media section has */
	SIPMSG_DIAG_SDP_SCOPE = 411,            /**< a media-level attribute at session level, or the reverse */
	SIPMSG_DIAG_SDP_EMPTY_LINE = 412,       /**< an empty line inside the description */
	SIPMSG_DIAG_SDP_CTL_IN_LINE = 413,      /**< a control character (NUL, lone CR, ...) inside a line */
	SIPMSG_DIAG_SDP_NO_LINE_END = 414,      /**< the last line is not ended by CRLF or LF */
	SIPMSG_DIAG_SDP_SIMULCAST_UNKNOWN_RID = 415, /**< a=simulcast names a rid no a=rid defines */

	/* 5xx: multipart bodies */
	SIPMSG_DIAG_MULTIPART_NO_BOUNDARY = 500, /**< multipart Content-Type without a boundary */
	SIPMSG_DIAG_MULTIPART_BAD = 501,         /**< the body does not split on its boundary */
	SIPMSG_DIAG_MULTIPART_UNCLOSED = 502,    /**< no closing --boundary-- line: the last part runs to the end */

	/* 6xx: limits */
	SIPMSG_DIAG_LIMIT_MESSAGE_SIZE = 600,   /**< message larger than max_message_size */
	SIPMSG_DIAG_LIMIT_HEADERS = 601,        /**< more headers than max_headers */
	SIPMSG_DIAG_LIMIT_LINE_LENGTH = 602,    /**< a line longer than max_line_length */
	SIPMSG_DIAG_LIMIT_LIST_ITEMS = 603,     /**< more list items than max_list_items */
	SIPMSG_DIAG_LIMIT_URI_PARAMS = 604,     /**< more URI parameters than max_uri_params */
	SIPMSG_DIAG_LIMIT_SDP_LINES = 605,      /**< more SDP lines than max_sdp_lines */
	SIPMSG_DIAG_LIMIT_MULTIPART_DEPTH = 606 /**< multipart nested deeper than max_multipart_depth */
} sipmsg_diag_code;

/** @brief Stable short name of a code ("bare-lf", "missing-header", ...); "unknown" if not a code. */
const char *sipmsg_diag_code_name(int code);

/** @brief Stable name of a severity: "warning" or "error". */
const char *sipmsg_severity_name(sipmsg_severity severity);

/** @brief One diagnostic. Owned by the object it was read from. */
typedef struct sipmsg_diag {
	sipmsg_diag_code code;    /**< what */
	sipmsg_severity severity; /**< how bad */
	size_t offset;            /**< byte offset in the parsed input; SIZE_MAX when not about input bytes */
	uint32_t line;            /**< 1-based line of offset (0 when offset is SIZE_MAX) */
	uint32_t column;          /**< 1-based column (bytes) of offset */
	size_t header_index;      /**< index of the header concerned, SIZE_MAX when none */
	sipmsg_slice header;      /**< name of the header concerned as written (empty when none) */
	const char *message;      /**< one-line reason, NUL-terminated, owned by the message */
} sipmsg_diag;

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_DIAG_H */
