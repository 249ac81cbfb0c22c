/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/sdp.h
 * @brief SDP (RFC 8866): parse, read typed views, build, edit and write
 *        session descriptions, byte-exact for everything untouched.
 *
 * A parsed SDP is its lines, in wire order, grouped into sections: the
 * session-level section (v= up to the first m=) and one section per media
 * description (m= up to the next m=). Nothing is reordered, dropped or
 * invented: unknown lines and attributes are kept verbatim, and an untouched
 * SDP writes back byte for byte (CRLF or bare LF, as it came).
 *
 * Lines are addressed by their index inside a section. Typed views (origin,
 * connection, media, rtpmap, candidate, ...) are parsed on first access and
 * cached; they are plain structs of slices that point into the input or into
 * the SDP's arena and stay valid as long as the SDP. Like a SIP message, an SDP
 * is not safe to use from two threads at once, because of that cache.
 *
 * Leniency: parsing is lenient by default. Lines out of the RFC 8866 order, an
 * empty or missing s=, a missing t=, lines that are not "\<letter\>=" and
 * unknown line types are kept and reported as diagnostics. With
 * SIPMSG_PARSE_STRICT (or with the SIPMSG_LENIENT_SDP_* flags cleared) they
 * fail the parse, and every line's value is parsed at once so that a value
 * that breaks its grammar fails it too. Semantic rules (payload types,
 * ports, addresses, mids, BUNDLE) are checked by sipmsg_sdp_check().
 *
 * Diagnostic offsets, lines and columns are relative to the SDP input (for
 * an SDP read from a SIP message: to its body).
 */
#ifndef SIPMSG_SDP_H
#define SIPMSG_SDP_H

#include "sipmsg/types.h"
#include "sipmsg/diag.h"
#include "sipmsg/msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A parsed or built session description. Opaque. */
typedef struct sipmsg_sdp sipmsg_sdp;

/**
 * @brief One section of an SDP: the session level, or one media description.
 *        Opaque; owned by its SDP. A media section removed from its SDP stays
 *        readable until the SDP is freed but is no longer written.
 */
typedef struct sipmsg_sdp_section sipmsg_sdp_section;

/** @name SDP leniency flags (sipmsg_parse_opts::lenient)
 * On by default (sipmsg_parse_opts_init() sets every leniency flag);
 * SIPMSG_PARSE_STRICT turns them all off. Each accepted deviation is reported
 * as a diagnostic.
 */
/** @{ */
/** Accept lines out of the RFC 8866 order (e.g. a= before t=, c= after t=),
 *  and a line type repeated where the grammar allows one. Risk: low; a peer
 *  that enforces the order (webrtc-rs) rejects what we forward. */
#define SIPMSG_LENIENT_SDP_ORDER 0x00010000u
/** Accept a missing v=, o=, s= or t= line and an empty s=. Risk: the
 *  session has no identity (o=) or timing; checks report it. */
#define SIPMSG_LENIENT_SDP_MISSING 0x00020000u
/** Keep lines that are not "\<letter\>=\<value\>", unknown type letters, empty
 *  lines, a last line without its line end and control characters inside a
 *  line, as raw lines. Risk: RFC 8866 says a description with an unknown type
 *  letter must be rejected; a forwarding peer may disagree with us. */
#define SIPMSG_LENIENT_SDP_BAD_LINES 0x00040000u
/** In strict mode every value is parsed at parse time; without this flag a
 *  value that breaks its grammar (a bad o=, c=, m=, rtpmap, candidate, ...)
 *  fails the parse. With it (the default) values are parsed on first access
 *  and a bad one is kept raw, marked bad and reported. Risk: the caller must
 *  look at the diagnostics (or the getter's status) before trusting a value. */
#define SIPMSG_LENIENT_SDP_BAD_VALUES 0x00080000u
/** Every SDP leniency flag. */
#define SIPMSG_LENIENT_SDP_ALL 0x000f0000u
/** @} */

/** @brief Where an attribute may appear (RFC 8866 §6 and the defining RFCs). */
typedef enum sipmsg_sdp_scope {
	SIPMSG_SDP_SCOPE_SESSION = 1, /**< session level only */
	SIPMSG_SDP_SCOPE_MEDIA = 2,   /**< media level only */
	SIPMSG_SDP_SCOPE_BOTH = 3     /**< either */
} sipmsg_sdp_scope;

/**
 * @brief The attribute table: one row per known attribute.
 *
 * X(ID, "name", SCOPE, view) -- append only: the ids are part of the ABI.
 * `view` names the typed view and its getter: `rtpmap` is read with
 * sipmsg_sdp_get_rtpmap() into a ::sipmsg_sdp_rtpmap and written with
 * sipmsg_sdp_format_rtpmap(). `flag` attributes have no value; `text` ones
 * are read as the raw value (sipmsg_sdp_line_at()); `tokens` and `commalist`
 * with sipmsg_sdp_get_list(). Names match
 * case-insensitively.
 */
#define SIPMSG_SDP_ATTR_TABLE(X) \
	X(RTPMAP,             "rtpmap",             MEDIA,   rtpmap) \
	X(FMTP,               "fmtp",               MEDIA,   fmtp) \
	X(PTIME,              "ptime",              MEDIA,   number) \
	X(MAXPTIME,           "maxptime",           MEDIA,   number) \
	X(SENDRECV,           "sendrecv",           BOTH,    flag) \
	X(SENDONLY,           "sendonly",           BOTH,    flag) \
	X(RECVONLY,           "recvonly",           BOTH,    flag) \
	X(INACTIVE,           "inactive",           BOTH,    flag) \
	X(RTCP,               "rtcp",               MEDIA,   rtcp) \
	X(RTCP_MUX,           "rtcp-mux",           MEDIA,   flag) \
	X(RTCP_RSIZE,         "rtcp-rsize",         MEDIA,   flag) \
	X(RTCP_FB,            "rtcp-fb",            MEDIA,   rtcp_fb) \
	X(CANDIDATE,          "candidate",          MEDIA,   candidate) \
	X(END_OF_CANDIDATES,  "end-of-candidates",  BOTH,    flag) \
	X(ICE_UFRAG,          "ice-ufrag",          BOTH,    text) \
	X(ICE_PWD,            "ice-pwd",            BOTH,    text) \
	X(ICE_OPTIONS,        "ice-options",        BOTH,    tokens) \
	X(ICE_LITE,           "ice-lite",           SESSION, flag) \
	X(FINGERPRINT,        "fingerprint",        BOTH,    fingerprint) \
	X(SETUP,              "setup",              BOTH,    setup) \
	X(CONNECTION,         "connection",         BOTH,    token) \
	X(MID,                "mid",                MEDIA,   token) \
	X(GROUP,              "group",              SESSION, group) \
	X(MSID,               "msid",               MEDIA,   msid) \
	X(MSID_SEMANTIC,      "msid-semantic",      SESSION, group) \
	X(SSRC,               "ssrc",               MEDIA,   ssrc) \
	X(SSRC_GROUP,         "ssrc-group",         MEDIA,   ssrc_group) \
	X(EXTMAP,             "extmap",             BOTH,    extmap) \
	X(EXTMAP_ALLOW_MIXED, "extmap-allow-mixed", BOTH,    flag) \
	X(RID,                "rid",                MEDIA,   rid) \
	X(SIMULCAST,          "simulcast",          MEDIA,   simulcast) \
	X(CRYPTO,             "crypto",             MEDIA,   crypto) \
	X(SCTP_PORT,          "sctp-port",          MEDIA,   uint) \
	X(MAX_MESSAGE_SIZE,   "max-message-size",   MEDIA,   uint) \
	X(SCTPMAP,            "sctpmap",            MEDIA,   sctpmap) \
	X(FRAMERATE,          "framerate",          MEDIA,   number) \
	X(IMAGEATTR,          "imageattr",          MEDIA,   imageattr) \
	X(LABEL,              "label",              MEDIA,   text) \
	X(CONTENT,            "content",            MEDIA,   commalist) \
	X(SILENCESUPP,        "silenceSupp",        MEDIA,   silencesupp) \
	X(BUNDLE_ONLY,        "bundle-only",        MEDIA,   flag) \
	X(CAT,                "cat",                SESSION, text) \
	X(KEYWDS,             "keywds",             SESSION, text) \
	X(TOOL,               "tool",               SESSION, text) \
	X(TYPE,               "type",               SESSION, text) \
	X(CHARSET,            "charset",            SESSION, text) \
	X(SDPLANG,            "sdplang",            BOTH,    text) \
	X(LANG,               "lang",               BOTH,    text) \
	X(ORIENT,             "orient",             MEDIA,   text) \
	X(QUALITY,            "quality",            MEDIA,   uint) \
	/* RFC 8839 §5.2 and §5.5: both are media-level only */ \
	X(REMOTE_CANDIDATES,  "remote-candidates",  MEDIA,   text) \
	X(ICE_MISMATCH,       "ice-mismatch",       MEDIA,   flag) \
	X(SOURCE_FILTER,      "source-filter",      BOTH,    source_filter)

/** @brief Known attribute ids (rows of SIPMSG_SDP_ATTR_TABLE); 0 is any other attribute. */
typedef enum sipmsg_sdp_attr_id {
	SIPMSG_SDP_ATTR_OTHER = 0, /**< an attribute not in the table (kept verbatim) */
#define SIPMSG_SDP_ATTR_ENUM_(id, name, scope, view) SIPMSG_SDP_ATTR_##id,
	SIPMSG_SDP_ATTR_TABLE(SIPMSG_SDP_ATTR_ENUM_)
#undef SIPMSG_SDP_ATTR_ENUM_
	SIPMSG_SDP_ATTR_COUNT_ /**< number of ids, OTHER included */
} sipmsg_sdp_attr_id;

/** @brief The canonical name of an attribute id ("rtpmap"), NULL for OTHER or out of range. */
const char *sipmsg_sdp_attr_name(sipmsg_sdp_attr_id id);
/** @brief The id of an attribute name (case-insensitive); SIPMSG_SDP_ATTR_OTHER when unknown. */
sipmsg_sdp_attr_id sipmsg_sdp_attr_lookup(const char *name, size_t len);
/** @brief Where the attribute may appear; SIPMSG_SDP_SCOPE_BOTH for OTHER. */
sipmsg_sdp_scope sipmsg_sdp_attr_scope(sipmsg_sdp_attr_id id);

/* ------------------------------------------------------------------------ */
/** @name Parse, free, write */
/** @{ */

/**
 * @brief Parse a session description.
 *
 * @param data  the bytes (CRLF or bare LF line ends); never read past len,
 *              no NUL terminator needed; must stay valid while the SDP is
 *              used unless opts has SIPMSG_PARSE_COPY
 * @param len   number of bytes
 * @param opts  NULL for the defaults. Used: flags (STRICT, COPY), lenient
 *              (SIPMSG_LENIENT_SDP_*), max_sdp_lines, max_line_length (one
 *              SDP line), max_list_items (items in one value: formats,
 *              fmtp parameters, candidate extensions, group ids, ...),
 *              allocator and arena (when set, the SDP lives in that arena
 *              and sipmsg_sdp_free() releases nothing)
 * @param out   receives the SDP on success
 * @param err   NULL, or the reason and position on failure
 * @return SIPMSG_OK, SIPMSG_ESYNTAX (empty input, or a deviation the options
 *         do not allow), SIPMSG_ELIMIT, SIPMSG_ENOMEM or SIPMSG_EINVAL
 */
sipmsg_status sipmsg_sdp_parse(const void *data, size_t len, const sipmsg_parse_opts *opts, sipmsg_sdp **out,
			       sipmsg_error *err);

/** @brief Release an SDP and its arena (when it owns one). NULL is allowed. An
 *         SDP read from a SIP message belongs to the message: do not free it. */
void sipmsg_sdp_free(sipmsg_sdp *sdp);

/**
 * @brief Write the SDP. Untouched lines keep their bytes and line ends; lines
 *        that were added or changed are written "x=value" with the line end
 *        the SDP uses (that of its first line; CRLF for a built SDP).
 * @param sdp the description
 * @param flags 0, or SIPMSG_WRITE_CANONICAL: every line end becomes CRLF
 * @param buf where to write (may be NULL when size is 0, to ask for the size)
 * @param size bytes available at buf
 * @param written bytes written, or needed when the result is SIPMSG_ENOSPC
 * @return SIPMSG_OK, SIPMSG_ENOSPC or SIPMSG_EINVAL
 */
sipmsg_status sipmsg_sdp_write(const sipmsg_sdp *sdp, unsigned flags, char *buf, size_t size, size_t *written);
/** @brief The number of bytes sipmsg_sdp_write() needs. */
size_t sipmsg_sdp_write_size(const sipmsg_sdp *sdp, unsigned flags);
/** @brief Write into a new NUL-terminated buffer (release with sipmsg_free()); *len excludes the NUL. */
sipmsg_status sipmsg_sdp_write_alloc(const sipmsg_sdp *sdp, unsigned flags, char **out, size_t *len);
/** @brief True once the SDP was edited (a written copy may differ from the input). */
bool sipmsg_sdp_is_modified(const sipmsg_sdp *sdp);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name Diagnostics and checks */
/** @{ */

/** @brief Number of diagnostics: those of the parse, of typed views parsed so
 *         far, then those of the last sipmsg_sdp_check(). */
size_t sipmsg_sdp_diag_count(const sipmsg_sdp *sdp);
/** @brief Diagnostic i, NULL when out of range. The `header` slice holds the
 *         line's type and attribute name ("a=rtpmap", "c"). */
const sipmsg_diag *sipmsg_sdp_diag_at(const sipmsg_sdp *sdp, size_t i);
/** @brief Number of diagnostics of severity error. */
size_t sipmsg_sdp_error_count(const sipmsg_sdp *sdp);

/**
 * @brief Run the RFC checks: every typed view is parsed (bad values reported),
 *        mandatory lines (v, o, s, t; c= at session level or in every media
 *        section), rtpmap/fmtp payload types on the m= line, ports in
 *        0..65535, addresses well formed for their type, attribute scope,
 *        duplicate mids, groups naming existing mids, simulcast naming
 *        existing rids. Replaces the results of the previous check.
 * @return SIPMSG_OK or SIPMSG_ENOMEM; the findings are diagnostics.
 */
sipmsg_status sipmsg_sdp_check(sipmsg_sdp *sdp);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name Sections and lines */
/** @{ */

/** @brief The session-level section (always present). */
sipmsg_sdp_section *sipmsg_sdp_session(const sipmsg_sdp *sdp);
/** @brief Number of media sections. */
size_t sipmsg_sdp_media_count(const sipmsg_sdp *sdp);
/** @brief Media section i, NULL when out of range. */
sipmsg_sdp_section *sipmsg_sdp_media_at(const sipmsg_sdp *sdp, size_t i);
/** @brief The first media section whose a=mid is `mid`, NULL when none. */
sipmsg_sdp_section *sipmsg_sdp_media_by_mid(const sipmsg_sdp *sdp, const char *mid, size_t len);
/** @brief The SDP a section belongs to. */
sipmsg_sdp *sipmsg_sdp_section_sdp(const sipmsg_sdp_section *sec);
/** @brief True for a media section, false for the session level. */
bool sipmsg_sdp_section_is_media(const sipmsg_sdp_section *sec);

/** @brief One line as read (or as set). */
typedef struct sipmsg_sdp_line {
	char type;            /**< 'v', 'o', 'a', 'm', ...; 0 for a line that is not "\<letter\>=" */
	sipmsg_sdp_attr_id attr; /**< for a=: the attribute id (OTHER when unknown) */
	sipmsg_slice name;    /**< for a=: the attribute name; else empty */
	sipmsg_slice value;   /**< after "x=" (for a=: after the ':'; NULL ptr when there is no ':') */
	sipmsg_slice raw;     /**< the whole line without its line end */
	size_t offset;        /**< byte offset in the input; SIZE_MAX for an added or changed line */
	uint32_t line;        /**< 1-based line number in the input; 0 for an added or changed line */
	bool bad;             /**< its typed view was parsed and did not match the grammar */
} sipmsg_sdp_line;

/** @brief Number of lines of the section (for a media section, m= is line 0). */
size_t sipmsg_sdp_line_count(const sipmsg_sdp_section *sec);
/** @brief Line i of the section. @return SIPMSG_OK or SIPMSG_ENOTFOUND. */
sipmsg_status sipmsg_sdp_line_at(const sipmsg_sdp_section *sec, size_t i, sipmsg_sdp_line *out);
/** @brief Index of the first line of this type at or after `from`; -1 when none. */
long sipmsg_sdp_line_find(const sipmsg_sdp_section *sec, char type, size_t from);
/** @brief Index of the first a= line with this id at or after `from`; -1 when none. */
long sipmsg_sdp_attr_find(const sipmsg_sdp_section *sec, sipmsg_sdp_attr_id id, size_t from);
/** @brief Index of the first a= line with this name (case-insensitive) at or after `from`; -1 when none. */
long sipmsg_sdp_attr_find_name(const sipmsg_sdp_section *sec, const char *name, size_t len, size_t from);
/** @brief Number of a= lines with this id in the section. */
size_t sipmsg_sdp_attr_count(const sipmsg_sdp_section *sec, sipmsg_sdp_attr_id id);
/** @brief The value of the first a= line with this name. `out` gets a NULL
 *         ptr for a flag attribute. @return SIPMSG_OK or SIPMSG_ENOTFOUND. */
sipmsg_status sipmsg_sdp_attr_value(const sipmsg_sdp_section *sec, const char *name, size_t len, sipmsg_slice *out);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name Typed views of the core lines
 * Getters take the section and the line index and return SIPMSG_OK,
 * SIPMSG_ENOTFOUND (no such line), SIPMSG_ESTATE (the line is of another
 * type), SIPMSG_ESYNTAX (the value breaks its grammar; a diagnostic says
 * where) or SIPMSG_ENOMEM. Formatters write the value (what follows "x=")
 * into buf with snprintf semantics and return the length it needs. In a view
 * given to a formatter, an empty slice (NULL ptr) means "use the number"
 * where a field has both, or the default the field documents.
 */
/** @{ */

/** @brief o= (RFC 8866 §5.2). */
typedef struct sipmsg_sdp_origin {
	sipmsg_slice username;      /**< "-" when none (formatter default "-") */
	sipmsg_slice sess_id;       /**< as written (may exceed 64 bits) */
	uint64_t sess_id_value;     /**< its value (saturated at UINT64_MAX) */
	sipmsg_slice sess_version;  /**< as written */
	uint64_t sess_version_value; /**< its value (saturated) */
	sipmsg_slice nettype;       /**< "IN" (formatter default) */
	sipmsg_slice addrtype;      /**< "IP4" / "IP6" (formatter default: from the address) */
	sipmsg_slice address;       /**< unicast address or FQDN */
} sipmsg_sdp_origin;

/** @brief c= (RFC 8866 §5.7). */
typedef struct sipmsg_sdp_connection {
	sipmsg_slice nettype;  /**< "IN" (formatter default) */
	sipmsg_slice addrtype; /**< "IP4" / "IP6" (formatter default: from the address) */
	sipmsg_slice address;  /**< the address without /ttl and /count */
	int32_t ttl;           /**< IP4 multicast TTL, -1 when absent */
	uint32_t count;        /**< number of addresses, 0 when absent */
} sipmsg_sdp_connection;

/** @brief Bandwidth types with a meaning (RFC 8866 §5.8, RFC 3556, RFC 3890). */
typedef enum sipmsg_sdp_bwtype {
	SIPMSG_SDP_BW_OTHER = 0, /**< any other type (kept as written) */
	SIPMSG_SDP_BW_AS,        /**< application specific, kbit/s */
	SIPMSG_SDP_BW_CT,        /**< conference total, kbit/s */
	SIPMSG_SDP_BW_TIAS,      /**< transport independent, bit/s (RFC 3890) */
	SIPMSG_SDP_BW_RS,        /**< RTCP senders, bit/s (RFC 3556) */
	SIPMSG_SDP_BW_RR         /**< RTCP receivers, bit/s (RFC 3556) */
} sipmsg_sdp_bwtype;

/** @brief b= */
typedef struct sipmsg_sdp_bandwidth {
	sipmsg_slice type;      /**< as written ("AS", "X-foo", ...) */
	sipmsg_sdp_bwtype known; /**< the type when it is one of the known ones */
	uint64_t value;         /**< the bandwidth */
} sipmsg_sdp_bandwidth;

/** @brief t= */
typedef struct sipmsg_sdp_timing {
	uint64_t start; /**< NTP seconds, 0 for unbounded */
	uint64_t stop;  /**< NTP seconds, 0 for unbounded */
} sipmsg_sdp_timing;

/** @brief r= (typed times are converted to seconds; the formatter writes seconds). */
typedef struct sipmsg_sdp_repeat {
	uint64_t interval;        /**< repeat interval, seconds */
	uint64_t duration;        /**< active duration, seconds */
	const uint64_t *offsets;  /**< offsets from the start time, seconds */
	size_t noffsets;          /**< number of offsets (at least one) */
} sipmsg_sdp_repeat;

/** @brief One z= adjustment. */
typedef struct sipmsg_sdp_zone_adjustment {
	uint64_t time;  /**< NTP seconds at which the offset applies */
	int64_t offset; /**< offset, seconds (may be negative) */
} sipmsg_sdp_zone_adjustment;

/** @brief z= */
typedef struct sipmsg_sdp_zone {
	const sipmsg_sdp_zone_adjustment *adjustments; /**< in order */
	size_t count;                                  /**< at least one */
} sipmsg_sdp_zone;

/** @brief m= (RFC 8866 §5.14). */
typedef struct sipmsg_sdp_media_desc {
	sipmsg_slice media;         /**< "audio", "video", "application", ... */
	uint32_t port;              /**< the port (checked against 65535 by sipmsg_sdp_check()) */
	uint32_t port_count;        /**< the number of ports after "/", 0 when absent */
	sipmsg_slice proto;         /**< "RTP/AVP", "UDP/TLS/RTP/SAVPF", ... */
	const sipmsg_slice *formats; /**< the formats, in order */
	size_t nformats;            /**< number of formats */
} sipmsg_sdp_media_desc;

/** @brief The view of o= line i of the section. */
sipmsg_status sipmsg_sdp_get_origin(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_origin *out);
/** @brief The view of c= line i. */
sipmsg_status sipmsg_sdp_get_connection(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_connection *out);
/** @brief The view of b= line i. */
sipmsg_status sipmsg_sdp_get_bandwidth(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_bandwidth *out);
/** @brief The view of t= line i. */
sipmsg_status sipmsg_sdp_get_timing(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_timing *out);
/** @brief The view of r= line i. */
sipmsg_status sipmsg_sdp_get_repeat(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_repeat *out);
/** @brief The view of z= line i. */
sipmsg_status sipmsg_sdp_get_zone(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_zone *out);
/** @brief The m= line of a media section (ESTATE for the session level). */
sipmsg_status sipmsg_sdp_get_media_desc(const sipmsg_sdp_section *sec, sipmsg_sdp_media_desc *out);

/** @brief Format an o= value. */
size_t sipmsg_sdp_format_origin(const sipmsg_sdp_origin *v, char *buf, size_t size);
/** @brief Format a c= value. */
size_t sipmsg_sdp_format_connection(const sipmsg_sdp_connection *v, char *buf, size_t size);
/** @brief Format a b= value (type from `type`, or from `known` when type is empty). */
size_t sipmsg_sdp_format_bandwidth(const sipmsg_sdp_bandwidth *v, char *buf, size_t size);
/** @brief Format a t= value. */
size_t sipmsg_sdp_format_timing(const sipmsg_sdp_timing *v, char *buf, size_t size);
/** @brief Format an r= value (seconds). */
size_t sipmsg_sdp_format_repeat(const sipmsg_sdp_repeat *v, char *buf, size_t size);
/** @brief Format a z= value (seconds). */
size_t sipmsg_sdp_format_zone(const sipmsg_sdp_zone *v, char *buf, size_t size);
/** @brief Format an m= value. */
size_t sipmsg_sdp_format_media_desc(const sipmsg_sdp_media_desc *v, char *buf, size_t size);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name Typed views of attributes
 * Same conventions as the core lines; the line must be an a= line whose id
 * has that view in SIPMSG_SDP_ATTR_TABLE (else SIPMSG_ESTATE).
 */
/** @{ */

/** @brief A name[=value] pair (fmtp parameters, rid restrictions, candidate extensions). */
typedef struct sipmsg_sdp_param {
	sipmsg_slice name;  /**< the name, or the whole item when it has no '=' */
	sipmsg_slice value; /**< NULL ptr when there is no '=' */
} sipmsg_sdp_param;

/** @brief A list of items (ice-options: space-separated; content: comma-separated). */
typedef struct sipmsg_sdp_list {
	const sipmsg_slice *items; /**< in order */
	size_t count;              /**< number of items */
} sipmsg_sdp_list;

/** @brief a=rtpmap:\<pt\> \<encoding\>/\<clock\>[/\<params\>] (RFC 8866 §6.6). */
typedef struct sipmsg_sdp_rtpmap {
	uint32_t payload_type;        /**< 0..127 */
	sipmsg_slice encoding;        /**< "opus", "PCMU", ... (case as written) */
	uint32_t clock_rate;          /**< Hz; 0 when the (nonconforming) line has none */
	sipmsg_slice encoding_params; /**< e.g. "2" (channels for audio); empty when absent */
	uint32_t channels;            /**< encoding_params as a number; 0 when absent or not a number */
} sipmsg_sdp_rtpmap;

/** @brief a=fmtp:\<format\> \<parameters\> (RFC 8866 §6.15); parameters split on ';'. */
typedef struct sipmsg_sdp_fmtp {
	sipmsg_slice format;            /**< the format (a payload type for RTP) */
	int32_t payload_type;           /**< format as a number, -1 when it is not one */
	sipmsg_slice params;            /**< the raw parameter string (formatter writes this when nparams is 0) */
	const sipmsg_sdp_param *list;   /**< the parameters, trimmed, in order */
	size_t nparams;                 /**< number of parameters */
} sipmsg_sdp_fmtp;

/** @brief a=rtcp:\<port\> [\<nettype\> \<addrtype\> \<address\>] (RFC 3605). */
typedef struct sipmsg_sdp_rtcp {
	uint32_t port;         /**< the RTCP port */
	sipmsg_slice nettype;  /**< empty when no address is given */
	sipmsg_slice addrtype; /**< empty when no address is given */
	sipmsg_slice address;  /**< empty when no address is given */
} sipmsg_sdp_rtcp;

/** @brief a=rtcp-fb:<pt|*> \<type\> [\<params\>] (RFC 4585 §4.2). */
typedef struct sipmsg_sdp_rtcp_fb {
	sipmsg_slice payload_type; /**< as written ("96" or "*") */
	bool wildcard;             /**< payload type "*" */
	uint32_t pt;               /**< the payload type when not wildcard */
	sipmsg_slice type;         /**< "nack", "ccm", "trr-int", "goog-remb", ... */
	sipmsg_slice subtype;      /**< the first parameter ("pli", "fir", ...), empty when none */
	sipmsg_slice params;       /**< everything after the type, empty when none */
	uint32_t trr_int;          /**< for type trr-int: the interval in ms; else 0 */
} sipmsg_sdp_rtcp_fb;

/** @brief a=candidate (RFC 8839 §5.1, RFC 6544 tcptype, libwebrtc extensions). */
typedef struct sipmsg_sdp_candidate {
	sipmsg_slice foundation;    /**< 1 to 32 ice-chars */
	uint32_t component;         /**< component id */
	sipmsg_slice transport;     /**< "udp", "tcp", ... (case as written) */
	uint64_t priority;          /**< priority */
	sipmsg_slice address;       /**< IP address or FQDN (or an mDNS name) */
	uint32_t port;              /**< port */
	sipmsg_slice type;          /**< "host", "srflx", "prflx", "relay", or another token */
	sipmsg_slice raddr;         /**< related address, empty when absent */
	int32_t rport;              /**< related port, -1 when absent */
	sipmsg_slice tcptype;       /**< "active", "passive", "so", empty when absent */
	int64_t generation;         /**< -1 when absent */
	int64_t network_id;         /**< -1 when absent */
	int64_t network_cost;       /**< -1 when absent */
	const sipmsg_sdp_param *extensions; /**< every other extension pair, in order */
	size_t nextensions;         /**< number of other extension pairs */
} sipmsg_sdp_candidate;

/** @brief a=fingerprint:\<hash\> \<value\> (RFC 8122). */
typedef struct sipmsg_sdp_fingerprint {
	sipmsg_slice hash_func; /**< "sha-256", ... */
	sipmsg_slice value;     /**< upper-case hex pairs separated by ':' */
} sipmsg_sdp_fingerprint;

/** @brief The a=setup role (RFC 4145). */
typedef enum sipmsg_sdp_setup_role {
	SIPMSG_SDP_SETUP_OTHER = 0, /**< not one of the four */
	SIPMSG_SDP_SETUP_ACTIVE,    /**< active */
	SIPMSG_SDP_SETUP_PASSIVE,   /**< passive */
	SIPMSG_SDP_SETUP_ACTPASS,   /**< actpass */
	SIPMSG_SDP_SETUP_HOLDCONN   /**< holdconn */
} sipmsg_sdp_setup_role;

/** @brief a=setup */
typedef struct sipmsg_sdp_setup {
	sipmsg_slice value;          /**< as written */
	sipmsg_sdp_setup_role role;  /**< the role (formatter uses value when set, else role) */
} sipmsg_sdp_setup;

/** @brief a=group:\<semantics\> \<ids\> (RFC 5888) and a=msid-semantic:\<semantic\> \<ids\>. */
typedef struct sipmsg_sdp_group {
	sipmsg_slice semantics;    /**< "BUNDLE", "LS", "FID", "WMS", ... */
	const sipmsg_slice *ids;   /**< the identification tags (mids, or stream ids / "*") */
	size_t count;              /**< number of ids (may be 0) */
} sipmsg_sdp_group;

/** @brief a=msid:\<id\> [\<appdata\>] (RFC 8830). */
typedef struct sipmsg_sdp_msid {
	sipmsg_slice id;      /**< stream id */
	sipmsg_slice appdata; /**< track id, empty when absent */
} sipmsg_sdp_msid;

/** @brief a=ssrc:\<ssrc\> \<attribute\>[:\<value\>] (RFC 5576). */
typedef struct sipmsg_sdp_ssrc {
	uint32_t ssrc;          /**< the SSRC */
	sipmsg_slice attribute; /**< "cname", "msid", ... */
	sipmsg_slice value;     /**< NULL ptr when there is no ':' */
} sipmsg_sdp_ssrc;

/** @brief a=ssrc-group:\<semantics\> \<ssrc\>... (RFC 5576). */
typedef struct sipmsg_sdp_ssrc_group {
	sipmsg_slice semantics; /**< "FID", "FEC-FR", "SIM", ... */
	const uint32_t *ssrcs;  /**< in order */
	size_t count;           /**< number of SSRCs */
} sipmsg_sdp_ssrc_group;

/** @brief A direction as written in extmap, rid and simulcast. */
typedef enum sipmsg_sdp_direction {
	SIPMSG_SDP_DIR_NONE = 0, /**< absent or unknown */
	SIPMSG_SDP_DIR_SENDRECV, /**< sendrecv */
	SIPMSG_SDP_DIR_SENDONLY, /**< sendonly (extmap), send (rid, simulcast) */
	SIPMSG_SDP_DIR_RECVONLY, /**< recvonly (extmap), recv (rid, simulcast) */
	SIPMSG_SDP_DIR_INACTIVE  /**< inactive */
} sipmsg_sdp_direction;

/** @brief a=extmap:\<id\>[/\<direction\>] \<uri\> [\<attributes\>] (RFC 8285, RFC 6904 encrypt). */
typedef struct sipmsg_sdp_extmap {
	uint32_t id;                     /**< 1..14 one-byte, up to 255 two-byte */
	sipmsg_sdp_direction direction;  /**< NONE when absent */
	bool encrypt;                    /**< the URI was preceded by urn:ietf:params:rtp-hdrext:encrypt */
	sipmsg_slice uri;                /**< the extension URI */
	sipmsg_slice attributes;         /**< the extension attributes, empty when none */
} sipmsg_sdp_extmap;

/** @brief a=rid:\<id\> <send|recv> [pt=\<fmts\>;\<restrictions\>] (RFC 8851). */
typedef struct sipmsg_sdp_rid {
	sipmsg_slice id;                      /**< rid-id */
	sipmsg_sdp_direction direction;       /**< SENDONLY for "send", RECVONLY for "recv" */
	const uint32_t *payload_types;        /**< from pt=, in order */
	size_t npayload_types;                /**< 0 when there is no pt= */
	const sipmsg_sdp_param *restrictions; /**< the other parameters (max-width=1280, ...) */
	size_t nrestrictions;                 /**< number of restrictions */
	sipmsg_slice params;                  /**< the raw parameter string */
} sipmsg_sdp_rid;

/** @brief One rid in an a=simulcast stream list. */
typedef struct sipmsg_sdp_simulcast_rid {
	sipmsg_sdp_direction direction; /**< SENDONLY (send list) or RECVONLY (recv list) */
	uint32_t stream;                /**< index of the stream (';'-separated) within its list */
	sipmsg_slice rid;               /**< the rid-id */
	bool paused;                    /**< written with '~' (or named in the draft's paused=) */
} sipmsg_sdp_simulcast_rid;

/** @brief a=simulcast (RFC 8853): each rid of the send and recv lists,
 *         alternatives of one stream sharing a stream index. */
typedef struct sipmsg_sdp_simulcast {
	const sipmsg_sdp_simulcast_rid *rids; /**< send list first or recv first, as written */
	size_t count;                         /**< number of rids */
} sipmsg_sdp_simulcast;

/** @brief One key-param of a=crypto: "\<method\>:\<info\>"; info split for inline keys. */
typedef struct sipmsg_sdp_crypto_key {
	sipmsg_slice method;   /**< "inline" */
	sipmsg_slice info;     /**< everything after the ':' */
	sipmsg_slice key;      /**< the key and salt (base64), before the first '|' */
	sipmsg_slice lifetime; /**< empty when absent */
	sipmsg_slice mki;      /**< "\<value\>:\<length\>", empty when absent */
} sipmsg_sdp_crypto_key;

/** @brief a=crypto:\<tag\> \<suite\> \<key-params\> [\<session-params\>] (RFC 4568). */
typedef struct sipmsg_sdp_crypto {
	uint32_t tag;                      /**< the tag */
	sipmsg_slice suite;                /**< "AES_CM_128_HMAC_SHA1_80", ... */
	sipmsg_slice key_params;           /**< raw key-params */
	const sipmsg_sdp_crypto_key *keys; /**< split key-params (';'-separated) */
	size_t nkeys;                      /**< number of keys */
	sipmsg_slice session_params;       /**< the rest, empty when none */
} sipmsg_sdp_crypto;

/** @brief a=sctpmap:\<number\> \<app\> [\<streams\>] (draft-ietf-mmusic-sctp-sdp-05). */
typedef struct sipmsg_sdp_sctpmap {
	uint32_t number;     /**< the SCTP port (also the m= format) */
	sipmsg_slice app;    /**< "webrtc-datachannel" */
	uint32_t streams;    /**< maximum streams, 0 when absent */
} sipmsg_sdp_sctpmap;

/** @brief a=imageattr:<pt|*> (send|recv) \<sets\> [(send|recv) \<sets\>] (RFC 6236). */
typedef struct sipmsg_sdp_imageattr {
	sipmsg_slice payload_type;     /**< as written ("97" or "*") */
	bool wildcard;                 /**< payload type "*" */
	uint32_t pt;                   /**< the payload type when not wildcard */
	sipmsg_slice send;             /**< the raw send sets ("*" or "[..] [..]"), empty when absent */
	sipmsg_slice recv;             /**< the raw recv sets, empty when absent */
	const sipmsg_slice *send_sets; /**< each "[...]" of send (none for "*") */
	size_t nsend_sets;             /**< number of send sets */
	const sipmsg_slice *recv_sets; /**< each "[...]" of recv */
	size_t nrecv_sets;             /**< number of recv sets */
} sipmsg_sdp_imageattr;

/** @brief a=silenceSupp:\<enable\> \<timer\> \<pref\> \<siduse\> \<fxnslevel\> (RFC 3108); "-" fields kept. */
typedef struct sipmsg_sdp_silencesupp {
	sipmsg_slice enable;    /**< "on" / "off" */
	sipmsg_slice timer;     /**< silenceTimer */
	sipmsg_slice pref;      /**< suppPref */
	sipmsg_slice siduse;    /**< sidUse */
	sipmsg_slice fxnslevel; /**< fxnslevel */
} sipmsg_sdp_silencesupp;

/** @brief a=source-filter: \<incl|excl\> \<nettype\> \<address-types\> \<dest-address\> \<src-list\> (RFC 4570). */
typedef struct sipmsg_sdp_source_filter {
	bool exclude;              /**< "excl" (else "incl") */
	sipmsg_slice nettype;      /**< "IN" */
	sipmsg_slice addrtype;     /**< "IP4", "IP6" or "*" (both) */
	sipmsg_slice dest_address; /**< the destination (a c= address), "*" for every one */
	const sipmsg_slice *sources; /**< the source addresses or FQDNs, in order */
	size_t nsources;           /**< number of sources (at least one) */
} sipmsg_sdp_source_filter;

/** @brief a=rtpmap line. */
sipmsg_status sipmsg_sdp_get_rtpmap(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_rtpmap *out);
/** @brief a=fmtp line. */
sipmsg_status sipmsg_sdp_get_fmtp(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_fmtp *out);
/** @brief A token attribute (mid, connection): the leading token of the value
 *         (junk after it, as in "a=mid:x;", is reported and left out). */
sipmsg_status sipmsg_sdp_get_token(const sipmsg_sdp_section *sec, size_t line, sipmsg_slice *out);
/** @brief A numeric attribute that may have a fraction (ptime, maxptime, framerate). */
sipmsg_status sipmsg_sdp_get_number(const sipmsg_sdp_section *sec, size_t line, double *out);
/** @brief An integer attribute (sctp-port, max-message-size, quality). */
sipmsg_status sipmsg_sdp_get_uint(const sipmsg_sdp_section *sec, size_t line, uint64_t *out);
/** @brief a=rtcp line. */
sipmsg_status sipmsg_sdp_get_rtcp(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_rtcp *out);
/** @brief a=rtcp-fb line. */
sipmsg_status sipmsg_sdp_get_rtcp_fb(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_rtcp_fb *out);
/** @brief a=candidate line. */
sipmsg_status sipmsg_sdp_get_candidate(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_candidate *out);
/** @brief a=fingerprint line. */
sipmsg_status sipmsg_sdp_get_fingerprint(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_fingerprint *out);
/** @brief a=setup line. */
sipmsg_status sipmsg_sdp_get_setup(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_setup *out);
/** @brief a=group or a=msid-semantic line. */
sipmsg_status sipmsg_sdp_get_group(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_group *out);
/** @brief a=msid line. */
sipmsg_status sipmsg_sdp_get_msid(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_msid *out);
/** @brief a=ssrc line. */
sipmsg_status sipmsg_sdp_get_ssrc(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_ssrc *out);
/** @brief a=ssrc-group line. */
sipmsg_status sipmsg_sdp_get_ssrc_group(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_ssrc_group *out);
/** @brief a=extmap line. */
sipmsg_status sipmsg_sdp_get_extmap(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_extmap *out);
/** @brief a=rid line. */
sipmsg_status sipmsg_sdp_get_rid(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_rid *out);
/** @brief a=simulcast line. */
sipmsg_status sipmsg_sdp_get_simulcast(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_simulcast *out);
/** @brief a=crypto line. */
sipmsg_status sipmsg_sdp_get_crypto(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_crypto *out);
/** @brief a=sctpmap line. */
sipmsg_status sipmsg_sdp_get_sctpmap(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_sctpmap *out);
/** @brief a=imageattr line. */
sipmsg_status sipmsg_sdp_get_imageattr(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_imageattr *out);
/** @brief a=silenceSupp line. */
sipmsg_status sipmsg_sdp_get_silencesupp(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_silencesupp *out);
/** @brief a=source-filter line. */
sipmsg_status sipmsg_sdp_get_source_filter(const sipmsg_sdp_section *sec, size_t line,
					   sipmsg_sdp_source_filter *out);
/** @brief a=ice-options (space-separated) or a=content (comma-separated) line. */
sipmsg_status sipmsg_sdp_get_list(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_list *out);

/** @brief Format an rtpmap value. */
size_t sipmsg_sdp_format_rtpmap(const sipmsg_sdp_rtpmap *v, char *buf, size_t size);
/** @brief Format an fmtp value (from the list when nparams > 0, else params). */
size_t sipmsg_sdp_format_fmtp(const sipmsg_sdp_fmtp *v, char *buf, size_t size);
/** @brief Format a number as ptime/maxptime/framerate write it (no trailing zeros). */
size_t sipmsg_sdp_format_number(double v, char *buf, size_t size);
/** @brief Format an rtcp value. */
size_t sipmsg_sdp_format_rtcp(const sipmsg_sdp_rtcp *v, char *buf, size_t size);
/** @brief Format an rtcp-fb value. */
size_t sipmsg_sdp_format_rtcp_fb(const sipmsg_sdp_rtcp_fb *v, char *buf, size_t size);
/** @brief Format a candidate value: the fields, typ, raddr, rport, tcptype,
 *         generation, network-id, network-cost, then the other extensions. */
size_t sipmsg_sdp_format_candidate(const sipmsg_sdp_candidate *v, char *buf, size_t size);
/** @brief Format a fingerprint value. */
size_t sipmsg_sdp_format_fingerprint(const sipmsg_sdp_fingerprint *v, char *buf, size_t size);
/** @brief Format a setup value. */
size_t sipmsg_sdp_format_setup(const sipmsg_sdp_setup *v, char *buf, size_t size);
/** @brief Format a group (or msid-semantic) value. */
size_t sipmsg_sdp_format_group(const sipmsg_sdp_group *v, char *buf, size_t size);
/** @brief Format an msid value. */
size_t sipmsg_sdp_format_msid(const sipmsg_sdp_msid *v, char *buf, size_t size);
/** @brief Format an ssrc value. */
size_t sipmsg_sdp_format_ssrc(const sipmsg_sdp_ssrc *v, char *buf, size_t size);
/** @brief Format an ssrc-group value. */
size_t sipmsg_sdp_format_ssrc_group(const sipmsg_sdp_ssrc_group *v, char *buf, size_t size);
/** @brief Format an extmap value. */
size_t sipmsg_sdp_format_extmap(const sipmsg_sdp_extmap *v, char *buf, size_t size);
/** @brief Format a rid value (pt= first, then the restrictions; or params when both lists are empty). */
size_t sipmsg_sdp_format_rid(const sipmsg_sdp_rid *v, char *buf, size_t size);
/** @brief Format a simulcast value (RFC 8853 syntax). */
size_t sipmsg_sdp_format_simulcast(const sipmsg_sdp_simulcast *v, char *buf, size_t size);
/** @brief Format a crypto value (keys from the list when nkeys > 0, else key_params). */
size_t sipmsg_sdp_format_crypto(const sipmsg_sdp_crypto *v, char *buf, size_t size);
/** @brief Format an sctpmap value. */
size_t sipmsg_sdp_format_sctpmap(const sipmsg_sdp_sctpmap *v, char *buf, size_t size);
/** @brief Format an imageattr value (from the raw send/recv strings). */
size_t sipmsg_sdp_format_imageattr(const sipmsg_sdp_imageattr *v, char *buf, size_t size);
/** @brief Format a silenceSupp value (empty fields become "-"). */
size_t sipmsg_sdp_format_silencesupp(const sipmsg_sdp_silencesupp *v, char *buf, size_t size);
/** @brief Format a source-filter value (with the space RFC 4570 puts after the ':'). */
size_t sipmsg_sdp_format_source_filter(const sipmsg_sdp_source_filter *v, char *buf, size_t size);
/** @brief Format a token value (the token itself). */
size_t sipmsg_sdp_format_token(const sipmsg_slice *v, char *buf, size_t size);
/** @brief Format a list; `sep` is ' ' for ice-options, ',' for content. */
size_t sipmsg_sdp_format_list(const sipmsg_sdp_list *v, char sep, char *buf, size_t size);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name Helpers */
/** @{ */

/** @brief The origin of the SDP (its session-level o= line). */
sipmsg_status sipmsg_sdp_origin_of(const sipmsg_sdp *sdp, sipmsg_sdp_origin *out);
/** @brief The session name (value of s=); ENOTFOUND when there is no s=. */
sipmsg_status sipmsg_sdp_session_name(const sipmsg_sdp *sdp, sipmsg_slice *out);

/** @brief One codec of a media section, from the m= formats in order. */
typedef struct sipmsg_sdp_codec {
	uint32_t payload_type;        /**< the payload type */
	sipmsg_slice name;            /**< encoding name: from rtpmap, else RFC 3551's static table, else empty */
	uint32_t clock_rate;          /**< 0 when unknown */
	uint32_t channels;            /**< 0 when not given (1 for audio is implied) */
	sipmsg_slice fmtp;            /**< raw fmtp parameters, empty when none */
	long rtpmap_line;             /**< line index of the rtpmap, -1 when none */
	long fmtp_line;               /**< line index of the fmtp, -1 when none */
} sipmsg_sdp_codec;

/** @brief Number of codecs: the m= formats that are payload types (0..127). */
size_t sipmsg_sdp_codec_count(const sipmsg_sdp_section *media);
/** @brief Codec i of a media section. @return SIPMSG_OK, ENOTFOUND, ESTATE or ENOMEM. */
sipmsg_status sipmsg_sdp_codec_at(const sipmsg_sdp_section *media, size_t i, sipmsg_sdp_codec *out);

/** @brief The direction of a media section: its own sendrecv/sendonly/
 *         recvonly/inactive, else the session's, else SENDRECV (RFC 8866 §6.7). */
sipmsg_sdp_direction sipmsg_sdp_media_direction(const sipmsg_sdp_section *media);
/** @brief The connection of a media section: its first c=, else the
 *         session's. @return SIPMSG_OK, ENOTFOUND or ESYNTAX. */
sipmsg_status sipmsg_sdp_media_connection(const sipmsg_sdp_section *media, sipmsg_sdp_connection *out);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name Build and edit
 * Added and changed lines are stored in the SDP's arena; everything else
 * keeps its bytes. Values are checked for line ends and NUL (EINVAL), not
 * against their grammar: sipmsg_sdp_check() does that. The exceptions are
 * the lines whose fields the others hang on: each field of an origin or a
 * connection must be free of whitespace and control characters (EINVAL:
 * a space would shift the fields after it), the m= value of
 * sipmsg_sdp_media_add() must read as one (ESYNTAX), s= must not be empty
 * (EINVAL, RFC 8866 §5.3), and sipmsg_sdp_line_add() does not add a second
 * v=, o=, s=, i=, u= or k= to a section (ESTATE).
 */
/** @{ */

/**
 * @brief A new SDP holding "v=0", "s=-" and "t=0 0" (the mandatory lines with
 *        neutral values); add the origin with sipmsg_sdp_set_origin().
 * @param allocator NULL for malloc/free
 * @param out receives the new SDP
 */
sipmsg_status sipmsg_sdp_new(const sipmsg_allocator *allocator, sipmsg_sdp **out);

/** @brief Set the o= line (replaced, or inserted in RFC 8866 order). */
sipmsg_status sipmsg_sdp_set_origin(sipmsg_sdp *sdp, const sipmsg_sdp_origin *origin);
/** @brief Set the s= line (not empty: "-" when there is no name). */
sipmsg_status sipmsg_sdp_set_session_name(sipmsg_sdp *sdp, const char *name, size_t len);
/** @brief Set the first t= line (inserted when there is none). */
sipmsg_status sipmsg_sdp_set_timing(sipmsg_sdp *sdp, uint64_t start, uint64_t stop);
/** @brief Set the first c= line of a section (inserted in order when there is none). */
sipmsg_status sipmsg_sdp_set_connection(sipmsg_sdp_section *sec, const sipmsg_sdp_connection *conn);
/** @brief Change the address of c= line i (keeps /ttl and /count; addrtype
 *         follows the address: IP6 when it has a ':', else IP4). */
sipmsg_status sipmsg_sdp_connection_set_address(sipmsg_sdp_section *sec, size_t line, const char *addr, size_t len);
/** @brief Change the port of a media section's m= line (port_count kept). */
sipmsg_status sipmsg_sdp_media_set_port(sipmsg_sdp_section *media, uint32_t port);
/** @brief Set the direction attribute of a section: the existing
 *         sendrecv/sendonly/recvonly/inactive line is replaced, else one is
 *         added; SIPMSG_SDP_DIR_NONE removes them. */
sipmsg_status sipmsg_sdp_set_direction(sipmsg_sdp_section *sec, sipmsg_sdp_direction dir);

/** @brief Add a line of type `type` (not 'a' or 'm') at its RFC 8866 place in the section. */
sipmsg_status sipmsg_sdp_line_add(sipmsg_sdp_section *sec, char type, const char *value, size_t len, size_t *index);
/** @brief Replace the value of line i (type and, for a=, the name kept). For
 *         a= lines value NULL makes it a flag attribute. */
sipmsg_status sipmsg_sdp_line_set(sipmsg_sdp_section *sec, size_t i, const char *value, size_t len);
/** @brief Remove line i (not the m= line of a media section: remove the media instead). */
sipmsg_status sipmsg_sdp_line_remove(sipmsg_sdp_section *sec, size_t i);

/** @brief Append an attribute at the end of the section; value NULL for a flag. */
sipmsg_status sipmsg_sdp_attr_add(sipmsg_sdp_section *sec, const char *name, size_t name_len, const char *value,
				  size_t value_len, size_t *index);
/** @brief Insert an attribute before line `before` (a media section's m= stays first). */
sipmsg_status sipmsg_sdp_attr_insert(sipmsg_sdp_section *sec, size_t before, const char *name, size_t name_len,
				     const char *value, size_t value_len);
/** @brief Remove every attribute with this name; *removed (may be NULL) gets the count. */
sipmsg_status sipmsg_sdp_attr_remove_all(sipmsg_sdp_section *sec, const char *name, size_t len, size_t *removed);

/** @brief Append a media section from its m= value ("audio 49170 RTP/AVP 0 8"). */
sipmsg_status sipmsg_sdp_media_add(sipmsg_sdp *sdp, const char *mline, size_t len, sipmsg_sdp_section **out);
/** @brief Append a media section from a view; the m= value its fields make
 *         must read as one, as for sipmsg_sdp_media_add() (ESYNTAX: a space
 *         inside a field, a format that is not a token). */
sipmsg_status sipmsg_sdp_media_add_desc(sipmsg_sdp *sdp, const sipmsg_sdp_media_desc *desc, sipmsg_sdp_section **out);
/**
 * @brief Remove media section i (later ones move down).
 *
 * A pointer kept on the removed section stays readable (its lines live in the
 * SDP's arena until sipmsg_sdp_free()), but it is no longer written: every
 * edit through it (sipmsg_sdp_set_connection(),
 * sipmsg_sdp_connection_set_address(), sipmsg_sdp_media_set_port(),
 * sipmsg_sdp_set_direction(), sipmsg_sdp_line_add/set/remove(),
 * sipmsg_sdp_attr_add/insert/remove_all()) returns SIPMSG_ESTATE and changes
 * nothing.
 */
sipmsg_status sipmsg_sdp_media_remove(sipmsg_sdp *sdp, size_t index);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name SDP bodies of SIP messages */
/** @{ */

/**
 * @brief The SDP of a message whose Content-Type is application/sdp (type and
 *        subtype compared case-insensitively, parameters ignored).
 *
 * Parsed on first call with the message's parse options and cached; it lives
 * in the message's arena and goes away with the message (do not free it). A
 * new body (sipmsg_msg_set_body(), sipmsg_msg_set_sdp()) is parsed afresh.
 * SDP inside multipart bodies is read through the multipart module.
 * @return SIPMSG_OK, SIPMSG_ENOTFOUND (no body or another Content-Type), or
 *         the parse's error (err says where, relative to the body)
 */
sipmsg_status sipmsg_msg_sdp(sipmsg_msg *msg, sipmsg_sdp **out, sipmsg_error *err);

/** @brief Set the SDP as the message body: Content-Type becomes
 *         application/sdp and Content-Length the written length. */
sipmsg_status sipmsg_msg_set_sdp(sipmsg_msg *msg, const sipmsg_sdp *sdp);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_SDP_H */
