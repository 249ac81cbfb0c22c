/* SPDX-License-Identifier: MIT */
/* A bump-pointer arena made of blocks. The arena header and its first block
 * come from one allocation; later blocks are chained. Reset keeps every block
 * so that a reused arena stops allocating once it reached its working size. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#define ALIGN SM_ARENA_ALIGN
#define DEFAULT_FIRST_BLOCK 8192u

#define block sm_block

#define BLOCK_HDR ((sizeof(struct block) + ALIGN - 1) & ~(size_t)(ALIGN - 1))
#define ARENA_HDR ((sizeof(struct sipmsg_arena) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

static char *block_data(struct block *b) { return (char *)b + BLOCK_HDR; }

void *sm_raw_alloc(const sipmsg_allocator *al, size_t size)
{
	return al ? al->alloc(al->ctx, size) : malloc(size);
}

void sm_raw_free(const sipmsg_allocator *al, void *p)
{
	if (al)
		al->free(al->ctx, p);
	else
		free(p);
}

static const sipmsg_allocator *arena_al(const sipmsg_arena *a) { return a->have_al ? &a->al : NULL; }

const sipmsg_allocator *sm_arena_allocator(const sipmsg_arena *a) { return arena_al(a); }

sipmsg_arena *sipmsg_arena_new(const sipmsg_allocator *allocator, size_t initial)
{
	if (allocator && (!allocator->alloc || !allocator->free))
		return NULL;
	if (initial == 0)
		initial = DEFAULT_FIRST_BLOCK;
	initial = (initial + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (initial > SIZE_MAX - ARENA_HDR - BLOCK_HDR)
		return NULL;
	char *mem = sm_raw_alloc(allocator, ARENA_HDR + BLOCK_HDR + initial);
	if (!mem)
		return NULL;
	sipmsg_arena *a = (sipmsg_arena *)mem;
	memset(a, 0, sizeof *a);
	if (allocator) {
		a->al = *allocator;
		a->have_al = true;
	}
	a->first = (struct block *)(mem + ARENA_HDR);
	a->first->next = NULL;
	a->first->size = initial;
	a->cur = a->first;
	a->pos = block_data(a->first);
	a->end = a->pos + initial;
	a->block_allocs = 1;
	return a;
}

void sipmsg_arena_reset(sipmsg_arena *a)
{
	if (!a)
		return;
	a->cur = a->first;
	a->pos = block_data(a->first);
	a->end = a->pos + a->first->size;
	a->last = NULL;
	a->used = 0;
}

void sipmsg_arena_free(sipmsg_arena *a)
{
	if (!a)
		return;
	const sipmsg_allocator *al = arena_al(a);
	sipmsg_allocator copy;
	if (al) {
		copy = *al;
		al = &copy;
	}
	struct block *b = a->first->next;
	while (b) {
		struct block *n = b->next;
		sm_raw_free(al, b);
		b = n;
	}
	sm_raw_free(al, a);
}

size_t sipmsg_arena_used(const sipmsg_arena *a) { return a ? a->used : 0; }

size_t sipmsg_arena_block_allocations(const sipmsg_arena *a) { return a ? a->block_allocs : 0; }

/* Move to the next kept block that fits, or chain a new one after cur. */
static bool next_block(sipmsg_arena *a, size_t size)
{
	for (struct block *b = a->cur->next; b; b = b->next) {
		a->cur = b;
		if (b->size >= size) {
			a->pos = block_data(b);
			a->end = a->pos + b->size;
			return true;
		}
	}
	size_t want = a->cur->size * 2;
	if (want < size)
		want = size;
	if (want > SIZE_MAX - BLOCK_HDR)
		return false;
	struct block *b = sm_raw_alloc(arena_al(a), BLOCK_HDR + want);
	if (!b)
		return false;
	a->block_allocs++;
	b->size = want;
	b->next = a->cur->next; /* NULL: cur is the last block here */
	a->cur->next = b;
	a->cur = b;
	a->pos = block_data(b);
	a->end = a->pos + want;
	return true;
}

void *sm_alloc_slow(sipmsg_arena *a, size_t size)
{
	if (size > SIZE_MAX - ALIGN)
		return NULL;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	if ((size_t)(a->end - a->pos) < size) {
		if (size > SIZE_MAX / 2 || !next_block(a, size))
			return NULL;
	}
	char *p = a->pos;
	a->pos += size;
	a->used += size;
	a->last = p;
	return p;
}

void *sm_zalloc(sipmsg_arena *a, size_t size)
{
	void *p = sm_alloc(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *sm_memdup(sipmsg_arena *a, const void *src, size_t n)
{
	if (n == SIZE_MAX)
		return NULL;
	char *p = sm_alloc(a, n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, src, n);
	p[n] = '\0';
	return p;
}

void *sm_realloc_last(sipmsg_arena *a, void *p, size_t old_size, size_t new_size)
{
	size_t old_al = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	size_t new_al = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (p && new_al <= old_al)
		return p;
	if (p && p == a->last && (char *)p + old_al == a->pos && (size_t)(a->end - (char *)p) >= new_al) {
		a->pos = (char *)p + new_al;
		a->used += new_al - old_al;
		return p;
	}
	void *q = sm_alloc(a, new_size);
	if (q && p && old_size)
		memcpy(q, p, old_size < new_size ? old_size : new_size);
	return q;
}

void sipmsg_free(void *ptr) { free(ptr); }
