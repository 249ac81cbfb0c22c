/* SPDX-License-Identifier: MIT */
/* Status names, error records and positions. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

const char *sipmsg_version(void) { return SIPMSG_VERSION_STRING; }

const char *sipmsg_status_name(sipmsg_status st)
{
	switch (st) {
	case SIPMSG_OK: return "ok";
	case SIPMSG_EAGAIN: return "incomplete";
	case SIPMSG_ESYNTAX: return "syntax";
	case SIPMSG_ELIMIT: return "limit";
	case SIPMSG_ENOMEM: return "nomem";
	case SIPMSG_EINVAL: return "invalid-argument";
	case SIPMSG_ENOTFOUND: return "not-found";
	case SIPMSG_ENOSPC: return "no-space";
	case SIPMSG_ESTATE: return "state";
	case SIPMSG_EUNSUPPORTED: return "unsupported";
	}
	return "unknown";
}

void sm_position(const char *base, size_t len, size_t offset, uint32_t *line, uint32_t *column)
{
	if (offset > len)
		offset = len;
	uint32_t l = 1;
	size_t start = 0;
	for (const char *p = base, *end = base + offset; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		l++;
		p = nl + 1;
		start = (size_t)(p - base);
	}
	*line = l;
	*column = (uint32_t)(offset - start + 1);
}

static void copy_header_name(char *dst, size_t size, const char *name, size_t len)
{
	if (!name) {
		dst[0] = '\0';
		return;
	}
	if (len >= size)
		len = size - 1;
	memcpy(dst, name, len);
	dst[len] = '\0';
}

void sm_error_set(sipmsg_error *err, sipmsg_status st, int code, const char *base, size_t len,
		  size_t offset, const char *hname, size_t hname_len, const char *fmt, ...)
{
	if (!err)
		return;
	err->status = st;
	err->code = code;
	err->offset = offset;
	if (base && offset != SM_NOPOS) {
		sm_position(base, len, offset, &err->line, &err->column);
	} else {
		err->line = 0;
		err->column = 0;
	}
	copy_header_name(err->header, sizeof err->header, hname, hname_len);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof err->reason, fmt, ap);
	va_end(ap);
}

size_t sipmsg_error_format(const sipmsg_error *err, char *buf, size_t size)
{
	if (!err)
		return 0;
	char pos[48] = "";
	if (err->line)
		snprintf(pos, sizeof pos, "line %u, column %u: ", (unsigned)err->line, (unsigned)err->column);
	const char *sep = err->header[0] ? ": " : "";
	int n = snprintf(buf, buf ? size : 0, "%s%s%s%s", pos, err->header, sep, err->reason);
	return n < 0 ? 0 : (size_t)n;
}
