/* SPDX-License-Identifier: MIT */
/* The slot of an SDP attribute name in the generated index: a hash of its
 * length, first and last bytes (case-folded), so that classifying a name
 * costs no loop over it. Shared by the build-time generator
 * (gen/sdp_attr_index_gen.c) and the parser, so both agree. */
#ifndef SM_SDP_ATTR_HASH_H
#define SM_SDP_ATTR_HASH_H

#include <stddef.h>
#include <stdint.h>

#define SM_SDP_ATTR_SLOTS 256u /* power of two, over 4x the number of names */
#define SM_SDP_ATTR_KEY 24u    /* bytes of a zero-padded name in the table; names are shorter */

/* len >= 1 */
static inline unsigned sm_sdp_attr_slot(const char *p, size_t len)
{
	uint32_t a = (unsigned char)p[0] | 0x20u, z = (unsigned char)p[len - 1] | 0x20u;
	uint32_t key = a | z << 8 | (uint32_t)len << 16;
	return (unsigned)((key * 0x9e3779b1u) >> 24) & (SM_SDP_ATTR_SLOTS - 1);
}

#endif
