/* SPDX-License-Identifier: MIT */
/* JSON output for the tool. Strings: bytes that are valid UTF-8 pass through;
 * control characters are escaped; a byte that is not part of valid UTF-8 is
 * written as \u00XX (its Latin-1 reading), so the output is always valid JSON
 * and no byte is silently lost (json_is_utf8() tells when that happened, so
 * that a caller can add the exact bytes in base64). */
#ifndef SIPMSG_TOOL_JSON_H
#define SIPMSG_TOOL_JSON_H

#include <sipmsg/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void json_string(FILE *out, const void *data, size_t len);
void json_cstring(FILE *out, const char *s); /* NULL writes null */

/* Length of the valid UTF-8 sequence at p[0..n) (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF), or 0. n must be at least 1. */
size_t json_utf8_len(const uint8_t *p, size_t n);

/* True when data[0..len) is valid UTF-8 (RFC 3629); NUL bytes are allowed. */
bool json_is_utf8(const void *data, size_t len);

/* Base64 (RFC 4648, with padding) of data[0..len), as a JSON string. */
void json_base64(FILE *out, const void *data, size_t len);

/* A writer of whole documents that keeps track of commas and indentation.
 * Nesting deeper than JW_MAX_DEPTH is a programming error (asserted). */
#define JW_MAX_DEPTH 64

struct jw {
	FILE *out;
	bool pretty;              /* newlines and two-space indentation */
	int depth;
	bool has_items[JW_MAX_DEPTH]; /* the container at each depth has an item */
	bool after_key;           /* a key was written; its value comes next */
};

void jw_init(struct jw *w, FILE *out, bool pretty);
void jw_object(struct jw *w);
void jw_end_object(struct jw *w);
void jw_array(struct jw *w);
void jw_end_array(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_null(struct jw *w);
void jw_bool(struct jw *w, bool v);
void jw_int(struct jw *w, int64_t v);
void jw_uint(struct jw *w, uint64_t v);
void jw_double(struct jw *w, double v);
void jw_str(struct jw *w, const void *data, size_t len);
void jw_cstr(struct jw *w, const char *s);  /* NULL writes null */
void jw_slice(struct jw *w, sipmsg_slice s); /* a NULL ptr writes null */
void jw_base64(struct jw *w, const void *data, size_t len);
/* After the last value: the final newline and a flush. Returns
 * false when writing failed. */
bool jw_finish(struct jw *w);

/* key + value shorthands */
void jw_kstr(struct jw *w, const char *key, const void *data, size_t len);
void jw_kcstr(struct jw *w, const char *key, const char *s);
void jw_kslice(struct jw *w, const char *key, sipmsg_slice s);
void jw_kint(struct jw *w, const char *key, int64_t v);
void jw_kuint(struct jw *w, const char *key, uint64_t v);
void jw_kbool(struct jw *w, const char *key, bool v);
void jw_knull(struct jw *w, const char *key);
/* A string `sipmsg build` reads back: when its bytes are not valid UTF-8 the
 * JSON string cannot hold them exactly, so KEY_base64 holds them too. */
void jw_kwire(struct jw *w, const char *key, const void *data, size_t len);

#endif
