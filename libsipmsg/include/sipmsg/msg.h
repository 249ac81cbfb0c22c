/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/msg.h
 * @brief A SIP message: parse it, read its start line, headers and body,
 *        edit it, build one from scratch.
 *
 * A parsed message is a list of wire fragments (start line, header lines, the
 * empty line, the body) that point into the caller's input, plus typed views
 * parsed on demand. The input must stay valid and unchanged while the message
 * is used, unless SIPMSG_PARSE_COPY is given. A message is not safe to use from
 * two threads at once (typed views are cached on first read); different
 * messages may be used by different threads freely.
 */
#ifndef SIPMSG_MSG_H
#define SIPMSG_MSG_H

#include "sipmsg/diag.h"
#include "sipmsg/hdr.h"
#include "sipmsg/tables.h"
#include "sipmsg/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An opaque SIP request or response. */
typedef struct sipmsg_msg sipmsg_msg;

/** @name Parse flags (sipmsg_parse_opts::flags) */
/** @{ */
/** Strict mode: every leniency is off, every known header is parsed at parse
 *  time and any malformed one fails the parse. */
#define SIPMSG_PARSE_STRICT 0x0001u
/** The bytes come from a stream (TCP, TLS): Content-Length is required and the
 *  body never runs "to the end of the datagram" (RFC 3261 §18.3). */
#define SIPMSG_PARSE_STREAM 0x0002u
/** Copy the input into the message's arena, so the caller's buffer may be
 *  released or reused right after the parse. */
#define SIPMSG_PARSE_COPY 0x0004u
/** @} */

/** @name Leniency flags (sipmsg_parse_opts::lenient)
 * Each flag accepts one kind of malformed input that real peers send. All are
 * on by default; SIPMSG_PARSE_STRICT turns all of them off. Each accepted
 * deviation still produces a diagnostic.
 */
/** @{ */
/** Accept a bare LF as a line end. Risk: two parsers that disagree on line
 *  ends see different headers (request smuggling through a proxy). */
#define SIPMSG_LENIENT_BARE_LF 0x0001u
/** Accept a datagram whose header section is not closed by an empty line.
 *  Risk: a truncated datagram is taken for a whole message. */
#define SIPMSG_LENIENT_UNTERMINATED 0x0002u
/** Accept a Content-Length larger than the bytes in the datagram: the body is
 *  what is there, with an error diagnostic. Risk: a truncated body is used. */
#define SIPMSG_LENIENT_SHORT_BODY 0x0004u
/** Accept extra spaces in the start line (RFC 4475 §3.1.2.10, trailing SP).
 *  Risk: low; the URI can no longer contain the spaces. */
#define SIPMSG_LENIENT_START_LINE_SPACES 0x0008u
/** Keep a header whose value is malformed, unless its id is in must_be_valid:
 *  it stays raw, is marked bad and reported. Risk: the caller must check the
 *  diagnostics before trusting such a header. */
#define SIPMSG_LENIENT_BAD_HEADERS 0x0010u
/** Skip CRLFs before the start line of a datagram (RFC 3261 §7.5 asks this on
 *  streams). They are kept and written back. Risk: none known. */
#define SIPMSG_LENIENT_LEADING_CRLF 0x0020u
/** Keep a header line that has no colon or an invalid name as a bad raw line
 *  instead of failing. Risk: a mangled header is silently not seen as the
 *  header it was meant to be. */
#define SIPMSG_LENIENT_BAD_LINES 0x0040u
/** Accept control characters (NUL and others except HTAB) in header values.
 *  Risk: C string handling downstream may cut such a value short. */
#define SIPMSG_LENIENT_CTL_IN_VALUES 0x0080u
/** Accept a multipart body without its closing "--boundary--" line (most
 *  often a body cut short): the last part runs to the end of the body and
 *  sipmsg_multipart::closed is false, with an error diagnostic. Risk: a
 *  truncated last part is used. */
#define SIPMSG_LENIENT_UNCLOSED_MULTIPART 0x0100u
/** Every leniency flag, those other headers define included (sdp.h:
 *  SIPMSG_LENIENT_SDP_*, bits 16..19). */
#define SIPMSG_LENIENT_ALL 0xffffffffu
/** @} */

/**
 * @brief Options for parsing. Initialise with sipmsg_parse_opts_init(); fields
 *        are only ever appended, and struct_size tells the library which exist.
 *        A limit of 0 means its default (for every max_* field, in every parser).
 */
typedef struct sipmsg_parse_opts {
	size_t struct_size;         /**< sizeof(sipmsg_parse_opts), set by init */
	uint32_t flags;             /**< SIPMSG_PARSE_* */
	uint32_t lenient;           /**< SIPMSG_LENIENT_* (default SIPMSG_LENIENT_ALL) */
	uint64_t must_be_valid[2];  /**< bit per ::sipmsg_hdr_id: a malformed header with its bit set fails the parse */
	size_t max_message_size;    /**< bytes in one message (default 1 MiB) */
	size_t max_headers;         /**< header lines in one message (default 1024) */
	size_t max_line_length;     /**< bytes in one header line including folding (default 65536) */
	size_t max_list_items;      /**< comma-separated items in one header value (default 1024) */
	size_t max_uri_params;      /**< parameters in one URI or one header value (default 256) */
	size_t max_sdp_lines;       /**< lines in one SDP body (default 16384) */
	size_t max_multipart_depth; /**< nesting of multipart bodies (default 8) */
	const sipmsg_allocator *allocator; /**< NULL: malloc/free */
	sipmsg_arena *arena;        /**< NULL: the message gets its own arena; else it lives in this one */
} sipmsg_parse_opts;

/** @brief Default max_message_size. */
#define SIPMSG_DEFAULT_MAX_MESSAGE_SIZE (1024u * 1024u)
/** @brief Default max_headers. */
#define SIPMSG_DEFAULT_MAX_HEADERS 1024u
/** @brief Default max_line_length. */
#define SIPMSG_DEFAULT_MAX_LINE_LENGTH 65536u
/** @brief Default max_list_items. */
#define SIPMSG_DEFAULT_MAX_LIST_ITEMS 1024u
/** @brief Default max_uri_params. */
#define SIPMSG_DEFAULT_MAX_URI_PARAMS 256u
/** @brief Default max_sdp_lines. */
#define SIPMSG_DEFAULT_MAX_SDP_LINES 16384u
/** @brief Default max_multipart_depth. */
#define SIPMSG_DEFAULT_MAX_MULTIPART_DEPTH 8u

/** @brief Fill opts with the defaults: lenient, must_be_valid = Via, From, To,
 *         Call-ID, CSeq, Content-Length (as Sofia-SIP's bad mask), default limits. */
void sipmsg_parse_opts_init(sipmsg_parse_opts *opts);

/** @brief Add (must = true) or remove a header id from the must-be-valid set. */
void sipmsg_parse_opts_must_be_valid(sipmsg_parse_opts *opts, sipmsg_hdr_id id, bool must);

/**
 * @brief Parse one SIP message from a datagram or a framed stream message.
 *
 * @param data  the bytes; need not be NUL-terminated or writable; never read past len
 * @param len   number of bytes
 * @param opts  NULL for the defaults
 * @param out   receives the message on success (and on nothing else)
 * @param err   NULL, or filled with the reason and position on failure
 * @return SIPMSG_OK, SIPMSG_ESYNTAX, SIPMSG_ELIMIT, SIPMSG_ENOMEM or SIPMSG_EINVAL
 *
 * Bytes after a complete message (by Content-Length) are ignored and reported
 * as a SIPMSG_DIAG_TRAILING_BYTES diagnostic; sipmsg_msg_length() tells where
 * the message ended.
 */
sipmsg_status sipmsg_parse(const void *data, size_t len, const sipmsg_parse_opts *opts,
			   sipmsg_msg **out, sipmsg_error *err);

/** @brief Release a message and its arena (when it owns one). NULL is allowed. */
void sipmsg_msg_free(sipmsg_msg *msg);

/** @name Start line */
/** @{ */
/** @brief True for a request, false for a response. */
bool sipmsg_msg_is_request(const sipmsg_msg *msg);
/** @brief The method token of a request (empty slice for a response). */
sipmsg_slice sipmsg_msg_method(const sipmsg_msg *msg);
/** @brief The method of a request as a known id (SIPMSG_METHOD_OTHER for an extension method or a response). */
sipmsg_method sipmsg_msg_method_id(const sipmsg_msg *msg);
/** @brief The Request-URI as written (empty for a response). */
sipmsg_slice sipmsg_msg_request_uri(const sipmsg_msg *msg);
/** @brief The SIP-Version ("SIP/2.0"). */
sipmsg_slice sipmsg_msg_version(const sipmsg_msg *msg);
/** @brief The status code of a response (0 for a request). */
int sipmsg_msg_status(const sipmsg_msg *msg);
/** @brief The reason phrase of a response, possibly empty (empty for a request). */
sipmsg_slice sipmsg_msg_reason(const sipmsg_msg *msg);
/** @} */

/** @name Whole message */
/** @{ */
/** @brief The body (empty slice with NULL ptr when there is none). */
sipmsg_slice sipmsg_msg_body(const sipmsg_msg *msg);
/** @brief Bytes of the input the message occupied (leading CRLFs and body included, trailing bytes not). */
size_t sipmsg_msg_length(const sipmsg_msg *msg);
/** @brief Bytes after the message in the datagram, which were ignored. */
sipmsg_slice sipmsg_msg_trailing(const sipmsg_msg *msg);
/** @brief The arena the message lives in (for allocating alongside it). */
sipmsg_arena *sipmsg_msg_arena(const sipmsg_msg *msg);
/** @brief True once any edit was made since the parse. */
bool sipmsg_msg_is_modified(const sipmsg_msg *msg);
/** @} */

/** @name Diagnostics */
/** @{ */
/** @brief Number of diagnostics the parse (and later typed reads and checks) produced. */
size_t sipmsg_msg_diag_count(const sipmsg_msg *msg);
/** @brief Diagnostic number i (NULL when out of range). */
const sipmsg_diag *sipmsg_msg_diag_at(const sipmsg_msg *msg, size_t i);
/** @brief Number of diagnostics of severity error. */
size_t sipmsg_msg_error_count(const sipmsg_msg *msg);
/** @} */

/** @name Raw headers */
/** @{ */

/** @brief Header flag: edited or added since the parse (written canonically). */
#define SIPMSG_HEADER_MODIFIED 0x0001u
/** @brief Header flag: its value does not match its grammar (kept raw). */
#define SIPMSG_HEADER_BAD 0x0002u
/** @brief Header flag: the name was written in its compact form. */
#define SIPMSG_HEADER_COMPACT 0x0004u
/** @brief Header flag: the value spans folded lines (it contains CRLF SP). */
#define SIPMSG_HEADER_FOLDED 0x0008u
/** @brief Header flag: the line could not be split into name and value (a bad line kept raw; value is the whole line). */
#define SIPMSG_HEADER_BAD_LINE 0x0010u

/** @brief One header line as seen through the API. Slices point into the input or the arena. */
typedef struct sipmsg_header {
	sipmsg_slice name;  /**< the name as written ("v", "Via", "X-Foo") */
	sipmsg_slice value; /**< the value without leading and trailing whitespace; may contain folding */
	sipmsg_hdr_id id;   /**< the known id, or SIPMSG_HDR_OTHER */
	uint32_t flags;     /**< SIPMSG_HEADER_* */
	size_t offset;      /**< byte offset of the line in the input (SIZE_MAX for an added header) */
	uint32_t line;      /**< 1-based line of the header in the input (0 for an added header) */
} sipmsg_header;

/** @brief Number of header lines, in wire order. */
size_t sipmsg_header_count(const sipmsg_msg *msg);

/** @brief Header line number index. @return SIPMSG_OK or SIPMSG_ENOTFOUND. */
sipmsg_status sipmsg_header_at(const sipmsg_msg *msg, size_t index, sipmsg_header *out);

/** @brief Index of the first header with this id at or after `from`; -1 when none. */
long sipmsg_header_find(const sipmsg_msg *msg, sipmsg_hdr_id id, size_t from);

/** @brief Index of the first header with this name (long or compact form for
 *         known headers, case-insensitive) at or after `from`; -1 when none. */
long sipmsg_header_find_name(const sipmsg_msg *msg, const char *name, size_t len, size_t from);

/** @brief Number of header lines with this id. */
size_t sipmsg_header_count_id(const sipmsg_msg *msg, sipmsg_hdr_id id);

/**
 * @brief Walks every value of one header across repeated lines and, for list
 *        headers, across comma-separated elements. Lives on the caller's stack.
 */
typedef struct sipmsg_value_iter {
	const sipmsg_msg *msg; /**< the message */
	sipmsg_hdr_id id;      /**< the header id (SIPMSG_HDR_OTHER: match by name) */
	sipmsg_slice name;     /**< the name for unknown headers */
	size_t next_header;    /**< where to look for the next line */
	size_t header;         /**< index of the line the last value came from */
	sipmsg_slice rest;     /**< unread part of that line's value */
	bool split;            /**< commas separate values */
	bool in_line;          /**< rest is valid */
	uint16_t edits;        /**< the message's edit count at begin (low bits; sits in what was padding) */
} sipmsg_value_iter;

/**
 * @brief Start iterating the values of the header called `name` (long, compact or unknown).
 *
 * The iterator is valid until the message's headers are edited: after any
 * header edit (set, add, remove, insert, ...) sipmsg_values_next() returns
 * false, since the lines it was walking may be gone or moved; begin again to
 * walk the edited message. The same holds for sipmsg_values_begin_id().
 */
void sipmsg_values_begin(sipmsg_value_iter *it, const sipmsg_msg *msg, const char *name, size_t len);
/** @brief Start iterating the values of a known header. */
void sipmsg_values_begin_id(sipmsg_value_iter *it, const sipmsg_msg *msg, sipmsg_hdr_id id);
/** @brief Next value; false at the end, or once the message's headers were
 *         edited after begin. Empty list elements (",,") are skipped. */
bool sipmsg_values_next(sipmsg_value_iter *it, sipmsg_slice *value);

/**
 * @brief Split one comma-separated element off the front of `rest`.
 *
 * Commas inside "quoted strings" (with backslash escapes), inside angle
 * brackets and inside (comments) do not separate. The element is trimmed of linear whitespace
 * (folding included). `rest` advances past the comma.
 * @return false when rest holds nothing more.
 */
bool sipmsg_list_next(sipmsg_slice *rest, sipmsg_slice *item);

/** @} */

/** @name Editing
 * Edited and added headers are copied into the message's arena and written
 * in canonical form ("Name: value" CRLF); every untouched header keeps its
 * bytes. Values must not contain CR, LF or another control character but
 * HTAB (SIPMSG_EINVAL); SP and HTAB at a value's ends are dropped, as a
 * parse drops them, so that an edited header reads back the same before and
 * after a write. The value of a known header with a typed grammar (Via,
 * From, CSeq, Content-Length, ...: every ::sipmsg_hdr_kind but
 * SIPMSG_KIND_TEXT) must parse by that grammar, or the edit is refused with
 * SIPMSG_ESYNTAX and the message is unchanged; other headers take any text.
 * A line longer than the message's max_line_length is refused with
 * SIPMSG_ELIMIT. A bad index is SIPMSG_ENOTFOUND.
 *
 * Every edit copies what it writes into the message's arena, and the old
 * value stays there until the message is freed (views taken before the edit
 * stay readable). A message edited many times over grows with each edit:
 * sipmsg_msg_clone() gives a compact copy (one parse of the written bytes),
 * and the old message can then be freed.
 *
 * A message built with sipmsg_request_new() or sipmsg_response_new() starts
 * with "Content-Length: 0" (RFC 3261 §18.3, §20.14); a Content-Length the
 * caller adds replaces it, and sipmsg_msg_set_body() keeps it true to the
 * body. A parsed message without Content-Length (a datagram) gets one only
 * when its body is set.
 */
/** @{ */
/** @brief Append a header; it goes before a Content-Length that ends the header section, else last. */
sipmsg_status sipmsg_header_add(sipmsg_msg *msg, const char *name, size_t name_len,
				const char *value, size_t value_len);
/** @brief Insert a header so that it becomes number `index` (index == count appends). */
sipmsg_status sipmsg_header_insert(sipmsg_msg *msg, size_t index, const char *name, size_t name_len,
				   const char *value, size_t value_len);
/** @brief Replace the value of header number index (the name is kept as written). */
sipmsg_status sipmsg_header_replace(sipmsg_msg *msg, size_t index, const char *value, size_t value_len);
/** @brief Remove header number index. */
sipmsg_status sipmsg_header_remove(sipmsg_msg *msg, size_t index);
/**
 * @brief Remove value k (0-based) of header line index, keeping the line's
 *        other values: a proxy pops its own Via (RFC 3261 §16.7 step 3) or
 *        the first Route (§16.4) when they share a line with others. The
 *        only value of a line removes the line.
 * @return SIPMSG_OK; SIPMSG_ENOTFOUND when there is no such line or value;
 *         SIPMSG_ESYNTAX when the line does not parse (its values are unknown)
 */
sipmsg_status sipmsg_header_remove_value(sipmsg_msg *msg, size_t index, size_t k);
/**
 * @brief Replace value k (0-based) of header line index with value, keeping
 *        the line's other values and the separators between them. The line
 *        that results is checked as sipmsg_header_replace() checks a value.
 * @return SIPMSG_OK; SIPMSG_ENOTFOUND (no such line or value); SIPMSG_EINVAL
 *         (a control character in value); SIPMSG_ESYNTAX (the line does not
 *         parse, before or after); SIPMSG_ELIMIT (longer than max_line_length)
 */
sipmsg_status sipmsg_header_replace_value(sipmsg_msg *msg, size_t index, size_t k, const char *value,
					  size_t value_len);
/**
 * @brief Why the last edit of msg was refused by a header's grammar
 *        (SIPMSG_ESYNTAX from an add, insert, replace or set): the typed
 *        parser's diagnostic, with its code, message and header name (its
 *        position is in the refused value, not in the input: offset is
 *        SIZE_MAX). NULL when no edit was refused since the last one that
 *        succeeded. Owned by the message.
 */
const sipmsg_diag *sipmsg_msg_edit_refusal(const sipmsg_msg *msg);
/** @brief Remove every header with this name (long or compact); returns how many. */
size_t sipmsg_header_remove_all(sipmsg_msg *msg, const char *name, size_t name_len);
/** @brief Set a header: replace the first with this name, remove the others, or add it when absent. */
sipmsg_status sipmsg_header_set(sipmsg_msg *msg, const char *name, size_t name_len,
				const char *value, size_t value_len);
/**
 * @brief Replace the body (copied into the arena). Content-Length is set to the
 *        new length (added when missing). When content_type is not NULL the
 *        Content-Type header is set to it; when the body is empty and
 *        content_type is NULL, Content-Type is removed.
 */
sipmsg_status sipmsg_msg_set_body(sipmsg_msg *msg, const void *body, size_t len, const char *content_type);
/** @brief Replace the Request-URI of a request: a SIP, SIPS or absolute URI
 *         (RFC 3261 §25.1) as sipmsg_uri_parse() reads it, else SIPMSG_ESYNTAX. */
sipmsg_status sipmsg_msg_set_request_uri(sipmsg_msg *msg, const char *uri, size_t len);
/** @brief Replace the method of a request. */
sipmsg_status sipmsg_msg_set_method(sipmsg_msg *msg, const char *method, size_t len);
/** @brief Replace the status code and reason of a response (reason NULL: the table's phrase). */
sipmsg_status sipmsg_msg_set_status(sipmsg_msg *msg, int code, const char *reason, size_t reason_len);
/** @} */

/** @name Building from scratch
 * A built message has no body and one header, "Content-Length: 0", which a
 * Content-Length added by the caller replaces; add the others with the
 * editing calls. `allocator` may be NULL.
 */
/** @{ */
/** @brief A new request "METHOD uri SIP/2.0" (SIPMSG_EINVAL for a method that is
 *         not a token or a URI with a space or control character, SIPMSG_ESYNTAX
 *         for one the URI parser refuses). */
sipmsg_status sipmsg_request_new(const char *method, size_t method_len, const char *uri, size_t uri_len,
				 const sipmsg_allocator *allocator, sipmsg_msg **out);
/** @brief A new response "SIP/2.0 code reason" (reason NULL: the table's phrase). */
sipmsg_status sipmsg_response_new(int code, const char *reason, size_t reason_len,
				  const sipmsg_allocator *allocator, sipmsg_msg **out);
/** @brief A deep copy (same bytes, own arena; slices into the original input are
 *         copied too). It holds only what is written: the copies old edits left
 *         in the original's arena stay behind. */
sipmsg_status sipmsg_msg_clone(const sipmsg_msg *msg, sipmsg_msg **out);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_MSG_H */
