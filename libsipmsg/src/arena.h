/* SPDX-License-Identifier: MIT */
/* Arena allocation used inside the library. The public half is in sipmsg/types.h. */
#ifndef SM_ARENA_H
#define SM_ARENA_H

#include "sipmsg/types.h"

#include <stdbool.h>

#define SM_ARENA_ALIGN 8u

struct sm_block {
	struct sm_block *next;
	size_t size; /* usable bytes after the header */
	/* data follows, aligned */
};

/* Here rather than in arena.c so that the common allocation (room in the
 * current block) is inlined into the parsers. */
struct sipmsg_arena {
	sipmsg_allocator al;
	bool have_al;
	struct sm_block *first; /* embedded in the same allocation as the arena */
	struct sm_block *cur;   /* block being filled */
	char *pos, *end;        /* free space in cur */
	char *last;             /* most recent allocation, for sm_realloc_last */
	size_t used;
	size_t block_allocs;    /* blocks obtained from the allocator, the first included */
};

/* The allocation that needs a new block (or is 0 bytes or huge). */
void *sm_alloc_slow(sipmsg_arena *a, size_t size);

/* 8-byte aligned bytes from the arena; NULL when the allocator fails. */
static inline void *sm_alloc(sipmsg_arena *a, size_t size)
{
	size_t al = (size + SM_ARENA_ALIGN - 1) & ~(size_t)(SM_ARENA_ALIGN - 1);
	if (__builtin_expect(al == 0 || (size_t)(a->end - a->pos) < al || al < size, 0))
		return sm_alloc_slow(a, size);
	char *p = a->pos;
	a->pos = p + al;
	a->used += al;
	a->last = p;
	return p;
}

/* The free bytes at the top of the current block, at least `size` of them,
 * without taking them (NULL when the block has less): a parser may write an
 * array of unknown length there and then take what it used with
 * sm_arena_take(). Nothing else may be allocated in between. */
static inline void *sm_arena_top(sipmsg_arena *a, size_t size)
{
	return (size_t)(a->end - a->pos) >= size ? a->pos : NULL;
}

/* Take n bytes written at sm_arena_top() (n, a multiple of 8, no more than
 * was asked for, so they are there). */
static inline void *sm_arena_take(sipmsg_arena *a, size_t n)
{
	char *p = a->pos;
	a->pos = p + n;
	a->used += n;
	a->last = p;
	return p;
}

/* A point to roll the arena back to (sm_arena_rewind) when a tentative parse
 * is abandoned; the rewind does nothing once a new block was started. */
struct sm_arena_mark {
	struct sm_block *cur;
	char *pos, *last;
	size_t used;
};

static inline struct sm_arena_mark sm_arena_mark(const sipmsg_arena *a)
{
	struct sm_arena_mark mk = {a->cur, a->pos, a->last, a->used};
	return mk;
}

static inline void sm_arena_rewind(sipmsg_arena *a, struct sm_arena_mark mk)
{
	if (a->cur == mk.cur) {
		a->pos = mk.pos;
		a->last = mk.last;
		a->used = mk.used;
	}
}
/* Zeroed. */
void *sm_zalloc(sipmsg_arena *a, size_t size);
/* A copy of n bytes (plus a NUL after them, for convenience); NULL on failure. */
char *sm_memdup(sipmsg_arena *a, const void *p, size_t n);
/* Grow the most recent allocation in place when it is at the top of the
 * current block; otherwise allocate anew and copy. NULL on failure (old kept). */
void *sm_realloc_last(sipmsg_arena *a, void *p, size_t old_size, size_t new_size);
/* The arena's allocator (for buffers handed to the caller). */
const sipmsg_allocator *sm_arena_allocator(const sipmsg_arena *a);

/* malloc/free through an allocator that may be NULL (meaning the C library). */
void *sm_raw_alloc(const sipmsg_allocator *al, size_t size);
void sm_raw_free(const sipmsg_allocator *al, void *p);

#endif
