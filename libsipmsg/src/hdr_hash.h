/* SPDX-License-Identifier: MIT */
/* The key and hash of header names, shared by the build-time index generator
 * (gen/hdr_index_gen.c) and the scanner so both agree. A name's key is its
 * first 16 bytes, lowercased, as two little-endian words (zero past a
 * shorter name): for a name of up to 16 bytes the key is the whole name, so
 * a known name costs two word compares. A longer name's second word is
 * SM_HDR_LONG and its length and bytes from the 9th on are compared apart. */
#ifndef SM_HDR_HASH_H
#define SM_HDR_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SM_HDR_SLOTS 256u   /* power of two, well over 2x the number of names */
#define SM_HDR_TABLE_SLOTS (SM_HDR_SLOTS + 8u) /* probes run on past the last slot, never wrap */
#define SM_HDR_NAME_MAX 32u /* longest known name + padding for word compares */
#define SM_HDR_KEY_LEN 16u  /* names up to this long are their key */

/* The second key word of a name longer than SM_HDR_KEY_LEN: no shorter
 * name has it, since its key bytes are 0 (past the name) or | 0x20. */
#define SM_HDR_LONG 0x0101010101010101ull

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

/* lo, hi: the key words, each byte | 0x20. c | 0x20 lowercases ASCII
 * letters; names never hold control characters here (the scanner stops at
 * them), and for the other bytes of a token no case-folded byte equals a
 * letter, digit or '-' of a known name unless it is that character (see
 * hdr_index_gen.c). */
static inline unsigned sm_hdr_hash(uint64_t lo, uint64_t hi)
{
	uint64_t x = lo + hi;
	return (unsigned)((x * 0x9E3779B97F4A7C15ull) >> 56) & (SM_HDR_SLOTS - 1);
}

#endif
