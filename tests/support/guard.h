/* SPDX-License-Identifier: MIT */
/* Test support: inputs placed right before a PROT_NONE page, so that reading
 * one byte past the end crashes the test at once (picohttpparser's trick). */
#ifndef TEST_GUARD_H
#define TEST_GUARD_H

#include <stddef.h>

struct guarded {
	void *map;
	size_t map_len;
	const char *data; /* the copy; data[len] is on the protected page */
	size_t len;
};

/* Copy src[0..len) to just before a guard page. Aborts on failure. */
const char *guard_copy(struct guarded *g, const void *src, size_t len);
/* Same for a NUL-terminated string (the NUL is not copied). */
const char *guard_str(struct guarded *g, const char *s);
void guard_free(struct guarded *g);

/* Read a whole file into a malloc'd buffer, NUL-terminated (the NUL is not
 * counted in *len); NULL when it cannot be read. */
char *read_file(const char *path, size_t *len);

/* The shared corpus directory (SIPMSG_CORPUS, set by meson), or NULL when it
 * is absent; tests that need it skip with a message saying so. */
const char *corpus_dir(void);

#endif
