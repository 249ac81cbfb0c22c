/* SPDX-License-Identifier: MIT */
/* Parse options: the defaults, the must-be-valid set, and the one place
 * where options are normalised for every parser (SIP, SDP, multipart). */
#include "internal.h"

#define MUST_BIT(id, word) ((id) / 64 == (word) ? (uint64_t)1 << ((id) % 64) : 0)
#define DEFAULT_MUST(word)                                                                          \
	(MUST_BIT(SIPMSG_HDR_VIA, word) | MUST_BIT(SIPMSG_HDR_FROM, word) | MUST_BIT(SIPMSG_HDR_TO, word) | \
	 MUST_BIT(SIPMSG_HDR_CALL_ID, word) | MUST_BIT(SIPMSG_HDR_CSEQ, word) |                            \
	 MUST_BIT(SIPMSG_HDR_CONTENT_LENGTH, word))

/* The defaults: lenient, Sofia-SIP's bad mask as must-be-valid, safe limits. */
static const sipmsg_parse_opts default_opts = {
	.struct_size = sizeof(sipmsg_parse_opts),
	.lenient = SIPMSG_LENIENT_ALL,
	.must_be_valid = {DEFAULT_MUST(0), DEFAULT_MUST(1)},
	.max_message_size = SIPMSG_DEFAULT_MAX_MESSAGE_SIZE,
	.max_headers = SIPMSG_DEFAULT_MAX_HEADERS,
	.max_line_length = SIPMSG_DEFAULT_MAX_LINE_LENGTH,
	.max_list_items = SIPMSG_DEFAULT_MAX_LIST_ITEMS,
	.max_uri_params = SIPMSG_DEFAULT_MAX_URI_PARAMS,
	.max_sdp_lines = SIPMSG_DEFAULT_MAX_SDP_LINES,
	.max_multipart_depth = SIPMSG_DEFAULT_MAX_MULTIPART_DEPTH,
};

void sipmsg_parse_opts_init(sipmsg_parse_opts *o)
{
	if (o)
		*o = default_opts;
}

/* The options in force: the caller's when they are complete, else the
 * defaults overlaid with the fields an older caller knew about. */
const sipmsg_parse_opts *sm_opts_effective(const sipmsg_parse_opts *in, sipmsg_parse_opts *merged)
{
	if (!in)
		return &default_opts;
	if (in->struct_size == sizeof *in)
		return in;
	*merged = default_opts;
	memcpy(merged, in, in->struct_size);
	merged->struct_size = sizeof *merged;
	return merged;
}

void sm_opts_normalize(sipmsg_parse_opts *o)
{
	/* one rule for every limit: 0 means the default */
	if (!o->max_message_size)
		o->max_message_size = default_opts.max_message_size;
	if (!o->max_headers)
		o->max_headers = default_opts.max_headers;
	if (!o->max_line_length)
		o->max_line_length = default_opts.max_line_length;
	if (!o->max_list_items)
		o->max_list_items = default_opts.max_list_items;
	if (!o->max_uri_params)
		o->max_uri_params = default_opts.max_uri_params;
	if (!o->max_sdp_lines)
		o->max_sdp_lines = default_opts.max_sdp_lines;
	if (!o->max_multipart_depth)
		o->max_multipart_depth = default_opts.max_multipart_depth;
	if (o->flags & SIPMSG_PARSE_STRICT)
		o->lenient = 0;
	if (o->max_headers > UINT32_MAX - 1)
		o->max_headers = UINT32_MAX - 1;
	if (o->max_message_size > UINT32_MAX)
		o->max_message_size = UINT32_MAX;
}

void sipmsg_parse_opts_must_be_valid(sipmsg_parse_opts *o, sipmsg_hdr_id id, bool must)
{
	if (!o || id <= SIPMSG_HDR_OTHER || id >= SIPMSG_HDR_COUNT_)
		return;
	uint64_t bit = (uint64_t)1 << (id % 64);
	if (must)
		o->must_be_valid[id / 64] |= bit;
	else
		o->must_be_valid[id / 64] &= ~bit;
}
