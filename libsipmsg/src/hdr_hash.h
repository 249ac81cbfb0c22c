/* SPDX-License-Identifier: MIT */
/* The hash of header names, shared by the build-time index generator
 * (gen/hdr_index_gen.c) and the scanner so both agree. It mixes the name's
 * first 8 bytes (as one little-endian word), its length and its last byte:
 * the scanner has loaded that word anyway to compare it with the slot's
 * key, so a known name costs one word compare (two up to 16 bytes). */
#ifndef SM_HDR_HASH_H
#define SM_HDR_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SM_HDR_SLOTS 256u   /* power of two, well over 2x the number of names */
#define SM_HDR_NAME_MAX 32u /* longest known name + padding for word compares */

/* Eight bytes as a little-endian word, whatever the host's byte order. */
static inline uint64_t sm_le64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* w: the name's first 8 bytes, each | 0x20, zero past a shorter name; z: its
 * last byte | 0x20. c | 0x20 lowercases ASCII letters; names never hold
 * control characters here (the scanner stops at them), and for the other
 * bytes of a token no case-folded byte equals a letter, digit or '-' of a
 * known name unless it is that character (see hdr_index_gen.c). */
static inline unsigned sm_hdr_hash(uint64_t w, size_t len, unsigned z)
{
	uint64_t x = w ^ ((uint64_t)z << 56) ^ ((uint64_t)len << 48);
	return (unsigned)((x * 0x9E3779B97F4A7C15ull) >> 56) & (SM_HDR_SLOTS - 1);
}

#endif
