/* SPDX-License-Identifier: MIT */
/* The header table rows (from SIPMSG_HEADER_TABLE) and name lookup through
 * the generated index. */
#include "internal.h"
#include "hdr_lookup.h"

const struct sm_hdr_row sm_hdr_rows[SIPMSG_HDR_COUNT_] = {
	[SIPMSG_HDR_OTHER] = {NULL, 0, 0, 0, SIPMSG_KIND_TEXT},
#define ROW(id, name, compact, flags, kind) \
	[SIPMSG_HDR_##id] = {name, sizeof(name) - 1, compact, (flags), SIPMSG_KIND_##kind},
	SIPMSG_HEADER_TABLE(ROW)
#undef ROW
};

_Static_assert(SIPMSG_HDR_COUNT_ <= 255, "header ids must fit the generated uint8_t index");

sipmsg_hdr_id sm_hdr_lookup(const char *name, size_t len)
{
	if (!name || len == 0)
		return SIPMSG_HDR_OTHER;
	if (len == 1) {
		unsigned char c = sm_lower((unsigned char)name[0]);
		return (c >= 'a' && c <= 'z') ? (sipmsg_hdr_id)sm_hdr_compact_ids[c - 'a'] : SIPMSG_HDR_OTHER;
	}
	if (len >= SM_HDR_NAME_MAX)
		return SIPMSG_HDR_OTHER;
	/* | 0x20 folding is only sound without control characters */
	for (size_t i = 0; i < len; i++)
		if (sm_is((unsigned char)name[i], SM_C_CTL))
			return SIPMSG_HDR_OTHER;
	return sm_hdr_find_clean(name, len, len);
}

sipmsg_hdr_id sm_hdr_find_long(const char *name, size_t len)
{
	if (len >= SM_HDR_NAME_MAX)
		return SIPMSG_HDR_OTHER;
	uint64_t lo = sm_le64(name) | FOLD8; /* len > 16: the first word is whole */
	for (size_t s = sm_hdr_hash(lo, SM_HDR_LONG);; s++) {
		if (sm_hdr_index.lo[s] == lo && sm_hdr_index.hi[s] == SM_HDR_LONG && sm_hdr_index.len[s] == len &&
		    name_tail_equals(name, len, sm_hdr_lower[sm_hdr_index.id[s]]))
			return (sipmsg_hdr_id)sm_hdr_index.id[s];
		if (!sm_hdr_index.id[s])
			return SIPMSG_HDR_OTHER;
	}
}

sipmsg_hdr_id sipmsg_hdr_lookup(const char *name, size_t len) { return sm_hdr_lookup(name, len); }

static bool valid_id(sipmsg_hdr_id id) { return id > SIPMSG_HDR_OTHER && id < SIPMSG_HDR_COUNT_; }

const char *sipmsg_hdr_name(sipmsg_hdr_id id) { return valid_id(id) ? sm_hdr_rows[id].name : NULL; }

char sipmsg_hdr_compact(sipmsg_hdr_id id) { return valid_id(id) ? sm_hdr_rows[id].compact : 0; }

unsigned sipmsg_hdr_flags(sipmsg_hdr_id id) { return valid_id(id) ? sm_hdr_rows[id].flags : 0; }

sipmsg_hdr_kind sipmsg_hdr_kind_of(sipmsg_hdr_id id)
{
	return valid_id(id) ? (sipmsg_hdr_kind)sm_hdr_rows[id].kind : SIPMSG_KIND_TEXT;
}

const char *sipmsg_hdr_kind_name(sipmsg_hdr_kind kind)
{
	static const char *const names[SIPMSG_KIND_COUNT] = {
		[SIPMSG_KIND_TEXT] = "text",
		[SIPMSG_KIND_NAMEADDR] = "nameaddr",
		[SIPMSG_KIND_CONTACT] = "contact",
		[SIPMSG_KIND_VIA] = "via",
		[SIPMSG_KIND_CSEQ] = "cseq",
		[SIPMSG_KIND_CALLID] = "callid",
		[SIPMSG_KIND_UINT] = "uint",
		[SIPMSG_KIND_UINT_PARAMS] = "uint-params",
		[SIPMSG_KIND_MEDIATYPE] = "mediatype",
		[SIPMSG_KIND_TOKEN] = "token",
		[SIPMSG_KIND_TOKEN_PARAMS] = "token-params",
		[SIPMSG_KIND_AUTH] = "auth",
		[SIPMSG_KIND_AUTH_INFO] = "auth-info",
		[SIPMSG_KIND_RETRY_AFTER] = "retry-after",
		[SIPMSG_KIND_WARNING] = "warning",
		[SIPMSG_KIND_RACK] = "rack",
		[SIPMSG_KIND_TIMESTAMP] = "timestamp",
		[SIPMSG_KIND_DATE] = "date",
		[SIPMSG_KIND_REPLACES] = "replaces",
		[SIPMSG_KIND_SESSION_ID] = "session-id",
		[SIPMSG_KIND_RESOURCE_PRIORITY] = "resource-priority",
		[SIPMSG_KIND_CHARGING_VECTOR] = "charging-vector",
		[SIPMSG_KIND_ACCESS_NETWORK_INFO] = "access-network-info",
	};
	return (kind >= 0 && kind < SIPMSG_KIND_COUNT) ? names[kind] : "unknown";
}
