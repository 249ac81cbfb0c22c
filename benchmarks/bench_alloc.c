/* SPDX-License-Identifier: MIT */
/* Counting every heap allocation of the process, without LD_PRELOAD.
 *
 * The peers are shared libraries. -Wl,--wrap=malloc only rewrites the
 * references of the objects on this executable's link line, so it would never
 * see the peers' calls (they are bound at run time). Instead this executable
 * defines malloc, calloc, realloc and free itself: ELF symbol interposition
 * makes every shared object, libc included, call these (glibc documents this
 * as the way to replace malloc), and they forward to the next definition,
 * found with dlsym(RTLD_NEXT). The bench is single-threaded; the counter is a
 * plain integer.
 *
 * While dlsym() itself runs (it may allocate), requests are served from a
 * small static buffer that free() recognises and ignores. */
#include "bench.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);

static uint64_t allocs;
static int resolving;

static _Alignas(max_align_t) unsigned char boot[8192];
static size_t boot_used;

static void *boot_alloc(size_t n)
{
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (n > sizeof boot - boot_used)
		return NULL;
	void *p = boot + boot_used;
	boot_used += n;
	return p;
}

static bool in_boot(const void *p)
{
	return (const unsigned char *)p >= boot && (const unsigned char *)p < boot + sizeof boot;
}

static void resolve(void)
{
	resolving = 1;
	next_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	next_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
	next_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	next_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	resolving = 0;
}

uint64_t bench_alloc_count(void) { return allocs; }

void *malloc(size_t n)
{
	if (!next_malloc) {
		if (resolving)
			return boot_alloc(n);
		resolve();
	}
	allocs++;
	return next_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (!next_calloc) {
		if (resolving) {
			if (size && n > SIZE_MAX / size)
				return NULL;
			return boot_alloc(n * size); /* static storage: already zero */
		}
		resolve();
	}
	allocs++;
	return next_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (!next_realloc) {
		if (resolving)
			return NULL;
		resolve();
	}
	if (in_boot(p)) {
		void *q = malloc(n);
		if (q)
			memcpy(q, p, n < (size_t)(boot + sizeof boot - (unsigned char *)p) ? n
				: (size_t)(boot + sizeof boot - (unsigned char *)p));
		return q;
	}
	allocs++;
	return next_realloc(p, n);
}

void free(void *p)
{
	if (!p || in_boot(p))
		return;
	if (!next_free)
		resolve();
	next_free(p);
}
