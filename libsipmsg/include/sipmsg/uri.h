/* SPDX-License-Identifier: MIT */
/**
 * @file sipmsg/uri.h
 * @brief URIs: sip and sips (RFC 3261 §19.1, RFC 5118 IPv6 forms), tel
 *        (RFC 3966) and any other absoluteURI kept opaque.
 *
 * A parsed URI is a struct of slices into the text it was parsed from (a
 * message's input, or the caller's buffer for sipmsg_uri_parse()); parameter
 * and header arrays live in an arena. Escapes (`%41`) are kept as received:
 * sipmsg_unescape() decodes a component when the caller needs its value, and
 * sipmsg_uri_equal() compares by RFC 3261 §19.1.4, where an escaped character
 * equals its unescaped form.
 */
#ifndef SIPMSG_URI_H
#define SIPMSG_URI_H

#include "sipmsg/types.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sipmsg_parse_opts;

/** @brief The scheme of a URI. */
typedef enum sipmsg_uri_scheme {
	SIPMSG_SCHEME_OTHER = 0, /**< any other absoluteURI (kept opaque) */
	SIPMSG_SCHEME_SIP,       /**< sip: */
	SIPMSG_SCHEME_SIPS,      /**< sips: */
	SIPMSG_SCHEME_TEL        /**< tel: (RFC 3966) */
} sipmsg_uri_scheme;

/** @brief What kind of host a URI or Via names. */
typedef enum sipmsg_host_type {
	SIPMSG_HOST_NONE = 0, /**< no host (tel and opaque URIs) */
	SIPMSG_HOST_NAME,     /**< a domain name */
	SIPMSG_HOST_IPV4,     /**< a dotted IPv4 address */
	SIPMSG_HOST_IPV6      /**< an IPv6 reference, written in brackets */
} sipmsg_host_type;

/**
 * @brief One parameter: `;name=value`, `;name` (valueless), or one URI header
 *        `name=value`.
 *
 * `value.ptr` is NULL for a valueless parameter; an empty value (`;name=`) has
 * a non-NULL ptr and length 0. For a quoted-string value, `value` is the text
 * between the quotes (backslash escapes kept) and `quoted` is true.
 */
typedef struct sipmsg_param {
	sipmsg_slice name;  /**< the name as written */
	sipmsg_slice value; /**< the value as written (without the quotes of a quoted-string) */
	bool quoted;        /**< the value was a quoted-string */
} sipmsg_param;

/**
 * @brief A parsed URI. Every slice points into the parsed text; absent parts
 *        are empty slices with a NULL ptr.
 */
typedef struct sipmsg_uri {
	sipmsg_slice raw;            /**< the whole URI as written */
	sipmsg_uri_scheme scheme;    /**< which scheme */
	sipmsg_slice scheme_name;    /**< the scheme as written ("sip", "SIPS", "urn") */
	sipmsg_slice user;           /**< sip/sips: the user part (it may contain ";params", RFC 4475 semiuri); tel: the number */
	sipmsg_slice password;       /**< sip/sips: the password after "user:" */
	sipmsg_slice host;           /**< sip/sips: the host as written (an IPv6 reference keeps its brackets) */
	sipmsg_host_type host_type;  /**< what host is */
	bool has_port;               /**< a port was written */
	uint16_t port;               /**< the port (0 when absent) */
	bool lr;                     /**< the lr parameter is present */
	sipmsg_slice transport;      /**< the transport parameter's value */
	sipmsg_slice user_param;     /**< the user parameter's value ("phone", "ip") */
	sipmsg_slice method;         /**< the method parameter's value */
	sipmsg_slice maddr;          /**< the maddr parameter's value */
	sipmsg_slice ttl;            /**< the ttl parameter's value */
	sipmsg_slice opaque;         /**< other schemes: everything after "scheme:" */
	const sipmsg_param *params;  /**< URI parameters in order (sip, sips, tel); the fields above are the first of each with a value */
	size_t param_count;          /**< number of params */
	const sipmsg_param *headers; /**< URI headers ("?a=b&c=d") in order */
	size_t header_count;         /**< number of headers */
} sipmsg_uri;

/**
 * @brief Parse a URI from text[0..len) (not NUL-terminated) into out.
 *
 * Slices in out point into text; the parameter arrays are allocated in
 * arena. The whole text must be one URI.
 * @param text  the URI (not NUL-terminated; never read past len)
 * @param len   its length
 * @param arena where the parameter arrays go
 * @param opts  NULL for the defaults; max_uri_params bounds the parameters and headers.
 * @param out   receives the URI
 * @param err   NULL, or filled with the reason and the offset in text on failure
 * @return SIPMSG_OK, SIPMSG_ESYNTAX, SIPMSG_ELIMIT, SIPMSG_ENOMEM or SIPMSG_EINVAL
 */
sipmsg_status sipmsg_uri_parse(const char *text, size_t len, sipmsg_arena *arena,
			       const struct sipmsg_parse_opts *opts, sipmsg_uri *out, sipmsg_error *err);

/**
 * @brief Compare two URIs by RFC 3261 §19.1.4 (sip, sips), RFC 3966 §4 (tel),
 *        or byte equality after the scheme (others).
 *
 * Escaped characters equal their unescaped forms (except reserved ones),
 * user and password compare case-sensitively, host and parameters
 * case-insensitively, IPv6 addresses by value; user, ttl, method, maddr and
 * transport parameters must agree when either URI has them; other parameters
 * only when both have them; headers must all match.
 */
bool sipmsg_uri_equal(const sipmsg_uri *a, const sipmsg_uri *b);

/** @brief The parameter called name (case-insensitive), or NULL. */
const sipmsg_param *sipmsg_param_find(const sipmsg_param *params, size_t count, const char *name);

/** @brief Parameter i of an array (NULL out of range); for bindings. */
const sipmsg_param *sipmsg_param_at(const sipmsg_param *params, size_t count, size_t i);

/**
 * @brief Decode %HH escapes of in[0..len) into out (a '%' not followed by two
 *        hex digits is copied as it is).
 * @return the decoded length, which may exceed size (then out holds a prefix).
 */
size_t sipmsg_unescape(const char *in, size_t len, char *out, size_t size);

/** @brief Which URI component sipmsg_escape() writes for. */
typedef enum sipmsg_uri_part {
	SIPMSG_URI_PART_USER = 0, /**< the user part of a sip/sips URI */
	SIPMSG_URI_PART_PASSWORD, /**< the password */
	SIPMSG_URI_PART_PARAM,    /**< a parameter name or value */
	SIPMSG_URI_PART_HEADER    /**< a header name or value */
} sipmsg_uri_part;

/**
 * @brief Escape in[0..len) for one URI component: every byte the component's
 *        grammar does not allow becomes %HH (uppercase hex).
 * @return the escaped length, which may exceed size (then out holds a prefix).
 */
size_t sipmsg_escape(const char *in, size_t len, sipmsg_uri_part part, char *out, size_t size);

/**
 * @brief Remove the backslash escapes of a quoted-string's content (as in
 *        sipmsg_param::value or a display name) into out.
 * @return the unquoted length, which may exceed size (then out holds a prefix).
 */
size_t sipmsg_unquote(const char *in, size_t len, char *out, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* SIPMSG_URI_H */
