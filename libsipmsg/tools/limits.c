/* SPDX-License-Identifier: MIT */
#include "limits.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row per limit of sipmsg_parse_opts: the option's name without max_. */
static const struct {
	const char *name;
	size_t offset;
} limits[] = {
	{"message-size", offsetof(sipmsg_parse_opts, max_message_size)},
	{"headers", offsetof(sipmsg_parse_opts, max_headers)},
	{"line-length", offsetof(sipmsg_parse_opts, max_line_length)},
	{"list-items", offsetof(sipmsg_parse_opts, max_list_items)},
	{"uri-params", offsetof(sipmsg_parse_opts, max_uri_params)},
	{"sdp-lines", offsetof(sipmsg_parse_opts, max_sdp_lines)},
	{"multipart-depth", offsetof(sipmsg_parse_opts, max_multipart_depth)},
};

/* The defaults named here are the library's (SIPMSG_DEFAULT_MAX_*); a test
 * holds this text to msg.h. */
const char limit_help[] =
	"  --limit NAME=N      a parse limit (repeatable); over it a message fails\n"
	"                      with the position: message-size (bytes, default 1048576),\n"
	"                      headers (1024), line-length (65536), list-items (1024),\n"
	"                      uri-params (256), sdp-lines (16384), multipart-depth (8)\n";

bool limit_apply(const char *spec, sipmsg_parse_opts *o, char *why, size_t whylen)
{
	const char *eq = strchr(spec, '=');
	size_t nlen = eq ? (size_t)(eq - spec) : strlen(spec);
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		if (strlen(limits[i].name) != nlen || memcmp(limits[i].name, spec, nlen) != 0)
			continue;
		const char *v = eq ? eq + 1 : "";
		char *end;
		errno = 0;
		unsigned long long n = strtoull(v, &end, 10);
		if (errno || end == v || *end || *v == '-' || *v == '+' || n < 1 || n > 4294967295ull) {
			snprintf(why, whylen, "--limit %.*s needs a whole number from 1 to 4294967295, not '%s'",
				 (int)nlen, spec, v);
			return false;
		}
		*(size_t *)(void *)((char *)o + limits[i].offset) = (size_t)n;
		return true;
	}
	snprintf(why, whylen,
		 "--limit: unknown limit '%.*s' (message-size, headers, line-length, list-items, uri-params, "
		 "sdp-lines, multipart-depth)",
		 (int)nlen, spec);
	return false;
}

void limit_copy(sipmsg_parse_opts *to, const sipmsg_parse_opts *from)
{
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
		memcpy((char *)to + limits[i].offset, (const char *)from + limits[i].offset, sizeof(size_t));
}
