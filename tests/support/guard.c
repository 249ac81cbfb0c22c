/* SPDX-License-Identifier: MIT */
#include "guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

const char *guard_copy(struct guarded *g, const void *src, size_t len)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t pages = (len + page - 1) / page;
	g->map_len = (pages + 1) * page;
	g->map = mmap(NULL, g->map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->map == MAP_FAILED)
		abort();
	char *guard = (char *)g->map + pages * page;
	if (mprotect(guard, page, PROT_NONE) != 0)
		abort();
	char *dst = guard - len;
	if (len)
		memcpy(dst, src, len);
	/* the bytes are the caller's input: make them read-only too */
	if (pages && mprotect(g->map, pages * page, PROT_READ) != 0)
		abort();
	g->data = dst;
	g->len = len;
	return dst;
}

const char *guard_str(struct guarded *g, const char *s) { return guard_copy(g, s, strlen(s)); }

void guard_free(struct guarded *g)
{
	if (g->map)
		munmap(g->map, g->map_len);
	g->map = NULL;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t r;
	/* keep one byte free for the terminating NUL */
	while (buf && (r = fread(buf + n, 1, cap - 1 - n, f)) > 0) {
		n += r;
		if (n == cap - 1) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = n;
	}
	return buf;
}

const char *corpus_dir(void)
{
	const char *d = getenv("SIPMSG_CORPUS");
	struct stat st;
	if (!d || stat(d, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return d;
}
