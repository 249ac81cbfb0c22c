/* SPDX-License-Identifier: MIT */
/* Header name -> id, inline so the scanner's per-line path stays in
 * registers. The index and the lowercase names are generated at build time
 * from SIPMSG_HEADER_TABLE (gen/hdr_index_gen.c). */
#ifndef SM_HDR_LOOKUP_H
#define SM_HDR_LOOKUP_H

#include "internal.h"
#include "hdr_hash.h"
#include "hdr_index.h"

static inline uint64_t load8(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

#define FOLD8 0x2020202020202020ull

/* Is name[0..len) the lowercase table name `lower` (zero-padded to
 * SM_HDR_NAME_MAX)? `avail` bytes are readable from name. Eight bytes at a
 * time, folding case with | 0x20; a short name is one masked load. */
static inline bool name_equals(const char *name, size_t len, size_t avail, const char *lower)
{
	if (len < 8) {
		if (avail < 8) {
			for (size_t i = 0; i < len; i++)
				if (((unsigned char)name[i] | 0x20) != (unsigned char)lower[i])
					return false;
			return true;
		}
		uint64_t mask = (1ull << (len * 8)) - 1; /* little-endian: the first len bytes */
		return ((load8(name) | FOLD8) & mask) == load8(lower);
	}
	size_t i = 0;
	for (; i + 8 < len; i += 8)
		if ((load8(name + i) | FOLD8) != load8(lower + i))
			return false;
	return (load8(name + len - 8) | FOLD8) == load8(lower + len - 8); /* overlapping tail */
}

/* The id of a name of 2..31 bytes that holds no control character, or
 * SIPMSG_HDR_OTHER; `avail` (>= len) bytes are readable from name. */
static SM_INLINE sipmsg_hdr_id sm_hdr_find_clean(const char *name, size_t len, size_t avail)
{
	unsigned s = sm_hash_name(name, len);
	for (unsigned probe = 0; probe <= SM_HDR_MAX_PROBE; probe++) {
		unsigned id = sm_hdr_slot_ids[s];
		if (!id)
			return SIPMSG_HDR_OTHER;
		if (sm_hdr_rows[id].name_len == len && name_equals(name, len, avail, sm_hdr_lower[id]))
			return (sipmsg_hdr_id)id;
		s = (s + 1) & (SM_HDR_SLOTS - 1);
	}
	return SIPMSG_HDR_OTHER;
}

#endif
