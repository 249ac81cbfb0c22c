/* SPDX-License-Identifier: MIT */
/* The case-insensitive hash of SDP attribute names, shared by the build-time
 * index generator (gen/sdp_attr_index_gen.c) and the SDP parser. It is the
 * header-name hash step (hdr_hash.h) with a slot function of its own. */
#ifndef SM_SDP_ATTR_HASH_H
#define SM_SDP_ATTR_HASH_H

#include "hdr_hash.h"

#define SM_SDP_ATTR_SLOTS 256u /* power of two, over 4x the number of names */

static inline unsigned sm_sdp_attr_slot(uint32_t h, size_t len)
{
	h += (uint32_t)len * 0x9e3779b1u;
	h ^= h >> 13;
	return (unsigned)(h & (SM_SDP_ATTR_SLOTS - 1));
}

#endif
