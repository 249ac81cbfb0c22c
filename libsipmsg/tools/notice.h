/* SPDX-License-Identifier: MIT */
/* Notices: things about a capture the user must hear of (a TCP gap, lost IP
 * fragments, a frame cut by the snaplen), which are not SIP messages. Each
 * layer reports through this sink, so none of them prints. */
#ifndef SIPMSG_TOOL_NOTICE_H
#define SIPMSG_TOOL_NOTICE_H

#include <stdint.h>

struct notice_sink {
	/* kind is a stable short name ("tcp-gap"); text a one-line sentence. */
	void (*fn)(void *ctx, uint64_t frame, const char *kind, const char *text);
	void *ctx;
};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void notice_emit(const struct notice_sink *sink, uint64_t frame, const char *kind, const char *fmt, ...);

#endif
