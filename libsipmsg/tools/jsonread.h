/* SPDX-License-Identifier: MIT */
/* A strict JSON reader (RFC 8259) for `sipmsg build`: the whole text into a
 * tree, or a clear error with its position. Strict means: no comments, no
 * trailing commas, no leading zeros, no NaN, no byte order mark, strings in
 * valid UTF-8 with control characters escaped, surrogate escapes paired, no
 * duplicate keys in an object, nothing but whitespace after the value, and
 * nesting at most JSON_MAX_DEPTH deep. */
#ifndef SIPMSG_TOOL_JSONREAD_H
#define SIPMSG_TOOL_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_MAX_DEPTH 64

enum jtype { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

struct jval {
	enum jtype type;
	size_t offset;         /* where the value starts in the text */
	bool boolean;          /* J_BOOL */
	const char *str;       /* J_STRING: the decoded bytes (NUL-terminated; may hold NULs);
				  J_NUMBER: the number as written (not terminated) */
	size_t len;            /* bytes of str */
	struct jval *items;    /* J_ARRAY: the elements; J_OBJECT: the member values */
	const struct jval *keys; /* J_OBJECT: the member names (J_STRING), parallel to items */
	size_t count;          /* elements or members */
};

struct jerror {
	size_t offset;         /* byte offset of the fault */
	unsigned line, column; /* 1-based; the column counts bytes */
	char message[160];
};

struct jdoc {
	struct jval root;
	void *blocks;          /* the memory the tree lives in */
};

/* Parse text[0..len). Returns false with err filled on malformed input or
 * when out of memory; the document must be released with jdoc_free() either way. */
bool jdoc_parse(struct jdoc *doc, const char *text, size_t len, struct jerror *err);
void jdoc_free(struct jdoc *doc);

/* The member called key of an object, or NULL. */
const struct jval *jobj_get(const struct jval *obj, const char *key);

/* The line and column of byte offset in text. */
void jpos(const char *text, size_t len, size_t offset, unsigned *line, unsigned *column);

const char *jtype_name(enum jtype t); /* "null", "a boolean", "a number", ... */

#endif
