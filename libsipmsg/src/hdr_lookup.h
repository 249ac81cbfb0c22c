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

/* The id of a name of 2..31 bytes that holds no control character, or
 * SIPMSG_HDR_OTHER; `avail` (>= len) bytes are readable from name. */
static SM_INLINE sipmsg_hdr_id sm_hdr_find_clean(const char *name, size_t len, size_t avail)
{
	uint64_t w;
	if (SM_LIKELY(avail >= 8)) {
		w = sm_le64(name) | FOLD8;
		if (len < 8)
			w &= ((uint64_t)1 << (len * 8)) - 1;
	} else {
		w = 0;
		for (size_t i = 0; i < len; i++)
			w |= (uint64_t)((unsigned char)name[i] | 0x20u) << (8 * i);
	}
	unsigned s = sm_hdr_hash(w, len, (unsigned char)name[len - 1] | 0x20u);
	for (unsigned probe = 0; probe <= SM_HDR_MAX_PROBE; probe++) {
		const struct sm_hdr_slot *e = &sm_hdr_slots[s];
		if (!e->id)
			return SIPMSG_HDR_OTHER;
		if (e->key == w && e->len == len && (len <= 8 || name_tail_equals(name, len, sm_hdr_lower[e->id])))
			return (sipmsg_hdr_id)e->id;
		s = (s + 1) & (SM_HDR_SLOTS - 1);
	}
	return SIPMSG_HDR_OTHER;
}

#endif
