/* SPDX-License-Identifier: MIT */
/* The case-insensitive hash of header names. Shared by the build-time index
 * generator (gen/hdr_index_gen.c) and the scanner, so both agree. */
#ifndef SM_HDR_HASH_H
#define SM_HDR_HASH_H

#include <stdint.h>
#include <stddef.h>

#define SM_HDR_SLOTS 512u /* power of two, a bit over 2x the number of names */
#define SM_HASH_INIT 5381u

/* c | 0x20 lowercases letters and leaves '-', digits and '.' alone; other
 * token characters may collide, which the final comparison sorts out. */
static inline uint32_t sm_hash_step(uint32_t h, unsigned char c) { return (h * 33u) ^ (uint32_t)(c | 0x20u); }

static inline unsigned sm_hash_slot(uint32_t h, size_t len)
{
	h ^= (uint32_t)len * 0x9e3779b1u;
	h ^= h >> 11;
	return (unsigned)(h & (SM_HDR_SLOTS - 1));
}

#endif
