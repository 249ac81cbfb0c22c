/* SPDX-License-Identifier: MIT */
/* Header name -> id, inline so the scanner's per-line path stays in
 * registers. The index and the lowercase names are generated at build time
 * from SIPMSG_HEADER_TABLE (gen/hdr_index_gen.c). */
#ifndef SM_HDR_LOOKUP_H
#define SM_HDR_LOOKUP_H

#include "internal.h"
#include "hdr_hash.h"
#include "hdr_index.h"

#define FOLD8 0x2020202020202020ull

/* Does name[8..len) (len > 8) equal the lowercase table name `lower`,
 * ignoring case? Whole words, the last one overlapping. */
static SM_INLINE bool name_tail_equals(const char *name, size_t len, const char *lower)
{
	for (size_t i = 8; i + 8 < len; i += 8)
		if ((sm_le64(name + i) | FOLD8) != sm_le64(lower + i))
			return false;
	return (sm_le64(name + len - 8) | FOLD8) == sm_le64(lower + len - 8);
}

/* The id of a name of 17..31 bytes (out of line: such names are rare). */
sipmsg_hdr_id sm_hdr_find_long(const char *name, size_t len);

/* The id of a name of 2..16 bytes that holds no control character, or
 * SIPMSG_HDR_OTHER; `avail` (>= len) bytes are readable from name. */
static SM_INLINE sipmsg_hdr_id sm_hdr_find_short(const char *name, size_t len, size_t avail)
{
	uint64_t lo, hi;
	if (SM_LIKELY(avail >= SM_HDR_KEY_LEN)) {
		lo = (sm_le64(name) | FOLD8) & sm_hdr_key_mask[0][len];
		hi = (sm_le64(name + 8) | FOLD8) & sm_hdr_key_mask[1][len];
	} else {
		lo = hi = 0;
		for (size_t i = 0; i < len; i++) {
			uint64_t c = (unsigned char)name[i] | 0x20u;
			if (i < 8)
				lo |= c << (8 * i);
			else
				hi |= c << (8 * (i - 8));
		}
	}
	/* the key is the whole name; every probe sequence ends at an empty
	 * slot (whose key no name has), at the latest the last one */
	size_t s = sm_hdr_hash(lo, hi);
	while (SM_UNLIKELY(sm_hdr_index.lo[s] != lo || sm_hdr_index.hi[s] != hi)) {
		if (!sm_hdr_index.id[s])
			return SIPMSG_HDR_OTHER;
		s++;
	}
	return (sipmsg_hdr_id)sm_hdr_index.id[s];
}

/* The id of a name of 2..31 bytes that holds no control character, or
 * SIPMSG_HDR_OTHER; `avail` (>= len) bytes are readable from name. */
static SM_INLINE sipmsg_hdr_id sm_hdr_find_clean(const char *name, size_t len, size_t avail)
{
	if (SM_UNLIKELY(len > SM_HDR_KEY_LEN))
		return sm_hdr_find_long(name, len);
	return sm_hdr_find_short(name, len, avail);
}

#endif
