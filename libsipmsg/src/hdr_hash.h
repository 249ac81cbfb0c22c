/* SPDX-License-Identifier: MIT */
/* The hash of header names, shared by the build-time index generator
 * (gen/hdr_index_gen.c) and the scanner so both agree. It reads three bytes
 * (length, first, last) instead of every byte: the scanner compares the whole
 * name against the candidate anyway, so collisions only cost a probe. */
#ifndef SM_HDR_HASH_H
#define SM_HDR_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SM_HDR_SLOTS 512u   /* power of two, well over 2x the number of names */
#define SM_HDR_NAME_MAX 32u /* longest known name + padding for word compares */

/* c | 0x20 lowercases ASCII letters; names never hold control characters
 * here (the scanner stops at them), so no other byte can turn into a letter. */
static inline unsigned sm_hash_name(const char *name, size_t len)
{
	unsigned a = (unsigned char)name[0] | 0x20u, z = (unsigned char)name[len - 1] | 0x20u;
	return ((unsigned)len * 37u + a * 7u + z * 19u) & (SM_HDR_SLOTS - 1);
}

#endif
