/* SPDX-License-Identifier: MIT */
/* Arena allocation used inside the library. The public half is in sipmsg/types.h. */
#ifndef SM_ARENA_H
#define SM_ARENA_H

#include "sipmsg/types.h"

/* 8-byte aligned bytes from the arena; NULL when the allocator fails. */
void *sm_alloc(sipmsg_arena *a, size_t size);
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
