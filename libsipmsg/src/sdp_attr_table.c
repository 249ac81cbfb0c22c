/* SPDX-License-Identifier: MIT */
/* The SDP grammars as data: one row per attribute (name, scope, view kind,
 * from SIPMSG_SDP_ATTR_TABLE) and one row per view kind (parse and write
 * functions, view size). The name index is generated at build time. */
#include "sdp_internal.h"
#include "sdp_attr_index.h"

const struct sm_sdp_attr_row sm_sdp_attrs[SIPMSG_SDP_ATTR_COUNT_] = {
#define ROW(id, name, scope, view) \
	[SIPMSG_SDP_ATTR_##id] = {name, name, sizeof(name) - 1, SIPMSG_SDP_SCOPE_##scope, SM_K_##view},
	SIPMSG_SDP_ATTR_TABLE(ROW)
#undef ROW
};

#define KIND(k, type) [SM_K_##k] = {sm_sdp_parse_##k, sm_sdp_write_##k, (uint16_t)sizeof(type), false}
/* The attribute grammars that separate fields with one SP (RFC 8866 §6.6,
 * §6.15, RFC 3605, 4585, 8839, 8122, 5888, 8830, 5576, 8285, 8851, and
 * draft-ietf-mmusic-sctp-sdp's sctpmap): the value starts with the first
 * field, not a space. simulcast judges its own: its drafts put WSP first. */
#define KIND_SP(k, type) [SM_K_##k] = {sm_sdp_parse_##k, sm_sdp_write_##k, (uint16_t)sizeof(type), true}
const struct sm_sdp_kind_row sm_sdp_kinds[SM_K_COUNT] = {
	[SM_K_VERSION] = {sm_sdp_parse_version, sm_sdp_write_version, sizeof(struct sm_uint_view)},
	[SM_K_ORIGIN] = {sm_sdp_parse_origin, sm_sdp_write_origin, sizeof(sipmsg_sdp_origin)},
	[SM_K_CONNECTION] = {sm_sdp_parse_connection, sm_sdp_write_connection, sizeof(sipmsg_sdp_connection)},
	[SM_K_BANDWIDTH] = {sm_sdp_parse_bandwidth, sm_sdp_write_bandwidth, sizeof(sipmsg_sdp_bandwidth)},
	[SM_K_TIMING] = {sm_sdp_parse_timing, sm_sdp_write_timing, sizeof(sipmsg_sdp_timing)},
	[SM_K_REPEAT] = {sm_sdp_parse_repeat, sm_sdp_write_repeat, sizeof(sipmsg_sdp_repeat)},
	[SM_K_ZONE] = {sm_sdp_parse_zone, sm_sdp_write_zone, sizeof(sipmsg_sdp_zone)},
	[SM_K_MEDIA] = {sm_sdp_parse_media, sm_sdp_write_media, sizeof(sipmsg_sdp_media_desc)},
	[SM_K_flag] = {NULL, NULL, 0},
	[SM_K_text] = {NULL, NULL, 0},
	KIND(token, sipmsg_slice),
	KIND(number, struct sm_num_view),
	KIND(uint, struct sm_uint_view),
	KIND(tokens, sipmsg_sdp_list),
	KIND(commalist, sipmsg_sdp_list),
	KIND_SP(rtpmap, sipmsg_sdp_rtpmap),
	KIND_SP(fmtp, sipmsg_sdp_fmtp),
	KIND_SP(rtcp, sipmsg_sdp_rtcp),
	KIND_SP(rtcp_fb, sipmsg_sdp_rtcp_fb),
	KIND_SP(candidate, sipmsg_sdp_candidate),
	KIND_SP(fingerprint, sipmsg_sdp_fingerprint),
	KIND(setup, sipmsg_sdp_setup),
	KIND_SP(group, sipmsg_sdp_group),
	KIND_SP(msid, sipmsg_sdp_msid),
	KIND_SP(ssrc, sipmsg_sdp_ssrc),
	KIND_SP(ssrc_group, sipmsg_sdp_ssrc_group),
	KIND_SP(extmap, sipmsg_sdp_extmap),
	KIND_SP(rid, sipmsg_sdp_rid),
	KIND(simulcast, sipmsg_sdp_simulcast),
	KIND(crypto, sipmsg_sdp_crypto),
	KIND_SP(sctpmap, sipmsg_sdp_sctpmap),
	KIND(imageattr, sipmsg_sdp_imageattr),
	KIND(silencesupp, sipmsg_sdp_silencesupp),
	KIND(source_filter, sipmsg_sdp_source_filter),
};
#undef KIND
#undef KIND_SP

/* Letters whose values have a grammar of their own; the rest are text. */
unsigned sm_sdp_line_kind(const struct sm_sdp_line *l)
{
	switch (l->type) {
	case 'a': return sm_sdp_attrs[l->attr].kind;
	case 'v': return SM_K_VERSION;
	case 'o': return SM_K_ORIGIN;
	case 'c': return SM_K_CONNECTION;
	case 'b': return SM_K_BANDWIDTH;
	case 't': return SM_K_TIMING;
	case 'r': return SM_K_REPEAT;
	case 'z': return SM_K_ZONE;
	case 'm': return SM_K_MEDIA;
	case 0: return SM_K_NONE;
	default: return SM_K_text;
	}
}

bool sm_sdp_name_eq_nocase(const char *p, const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sm_lower((unsigned char)p[i]) != sm_lower((unsigned char)name[i]))
			return false;
	return true;
}

sipmsg_sdp_attr_id sipmsg_sdp_attr_lookup(const char *name, size_t len)
{
	return name ? sm_sdp_attr_lookup(name, len) : SIPMSG_SDP_ATTR_OTHER;
}

const char *sipmsg_sdp_attr_name(sipmsg_sdp_attr_id id)
{
	return (id > SIPMSG_SDP_ATTR_OTHER && id < SIPMSG_SDP_ATTR_COUNT_) ? sm_sdp_attrs[id].name : NULL;
}

sipmsg_sdp_scope sipmsg_sdp_attr_scope(sipmsg_sdp_attr_id id)
{
	return (id > SIPMSG_SDP_ATTR_OTHER && id < SIPMSG_SDP_ATTR_COUNT_) ? (sipmsg_sdp_scope)sm_sdp_attrs[id].scope
									     : SIPMSG_SDP_SCOPE_BOTH;
}
