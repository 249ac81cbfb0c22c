/* SPDX-License-Identifier: MIT */
/* A small JSON reader for tests (the Wireshark summaries beside captured
 * messages). Not part of the library: the core has no JSON dependency. */
#ifndef TEST_JSON_H
#define TEST_JSON_H

#include <stdbool.h>
#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	bool boolean;
	char *text;           /* JSON_STRING (decoded, NUL-terminated) or JSON_NUMBER (as written) */
	size_t len;           /* bytes of text */
	struct json **items;  /* JSON_ARRAY elements, JSON_OBJECT values */
	char **keys;          /* JSON_OBJECT keys (decoded) */
	size_t count;
};

/* Parse text[0..len); NULL on a syntax error (err receives the offset). */
struct json *json_parse(const char *text, size_t len, size_t *err);
void json_free(struct json *j);
/* The member called key of an object (NULL when absent or not an object). */
const struct json *json_get(const struct json *obj, const char *key);

#endif
