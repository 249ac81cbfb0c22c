/* SPDX-License-Identifier: MIT */
#include "notice.h"

#include <stdarg.h>
#include <stdio.h>

void notice_emit(const struct notice_sink *sink, uint64_t frame, const char *kind, const char *fmt, ...)
{
	if (!sink || !sink->fn)
		return;
	char text[512]; /* two IPv6 endpoints and a reason fit with room to spare */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	sink->fn(sink->ctx, frame, kind, text);
}
