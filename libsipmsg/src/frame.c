/* SPDX-License-Identifier: MIT */
/* Layer 7: stream framing. Skips CRLF keep-alives, finds the empty line that
 * ends the header section and reads Content-Length ("l") on the way, so the
 * message length is known without parsing. Resumes where it stopped. */
#include "internal.h"

#define NO_LENGTH SIZE_MAX

void sipmsg_framer_init(sipmsg_framer *f, size_t max_message_size)
{
	if (!f)
		return;
	memset(f, 0, sizeof *f);
	f->max_message_size = max_message_size ? max_message_size : SIPMSG_DEFAULT_MAX_MESSAGE_SIZE;
	f->content_length = NO_LENGTH;
}

void sipmsg_framer_reset(sipmsg_framer *f)
{
	if (f)
		sipmsg_framer_init(f, f->max_message_size);
}

static sipmsg_status frame_error(sipmsg_framer *f, sipmsg_error *err, sipmsg_status st, int code, const char *p,
				 size_t len, size_t at, const char *reason)
{
	sm_error_set(err, st, code, p, len, at, NULL, 0, "%s", reason);
	sipmsg_framer_reset(f);
	return st;
}

/* If the line p[b..e) is a Content-Length header, parse it into *cl. */
static int content_length_line(const char *p, size_t b, size_t e, size_t *cl)
{
	/* Only the name "l" and the 14 letters of "Content-Length", each followed
	 * by a byte that is not a token character, can match: every other line
	 * is dismissed from its first byte or two. */
	size_t n;
	unsigned c0 = (unsigned char)p[b] | 0x20u;
	if (c0 == 'l')
		n = 1;
	else if (c0 == 'c' && e - b >= 14)
		n = 14;
	else
		return 0;
	if ((b + n < e && sm_is((unsigned char)p[b + n], SM_C_TOKEN)) ||
	    (n == 14 && sm_hdr_lookup(p + b, n) != SIPMSG_HDR_CONTENT_LENGTH))
		return 0;
	size_t i = b + n;
	while (i < e && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i >= e || p[i] != ':')
		return 0;
	i++;
	while (i < e && sm_is((unsigned char)p[i], SM_C_LWS))
		i++;
	while (e > i && sm_is((unsigned char)p[e - 1], SM_C_LWS))
		e--;
	uint64_t v;
	if (!sm_parse_uint(p + i, e - i, UINT32_MAX, &v))
		return -1;
	if (*cl != NO_LENGTH && *cl != (size_t)v)
		return -2;
	*cl = (size_t)v;
	return 1;
}

sipmsg_status sipmsg_framer_next(sipmsg_framer *f, const void *data, size_t len, size_t *skip, size_t *length,
				 sipmsg_error *err)
{
	if (!f || (!data && len) || !skip || !length)
		return SIPMSG_EINVAL;
	const char *p = data;
	*skip = 0;
	*length = 0;
	if (!f->max_message_size)
		sipmsg_framer_init(f, 0);
	if (!f->header_end) {
		if (f->scanned == 0) {
			while (f->skip < len && (p[f->skip] == '\r' || p[f->skip] == '\n'))
				f->skip++;
			if (f->skip == len) {
				*skip = f->skip;
				return SIPMSG_EAGAIN;
			}
			f->scanned = f->line_start = f->skip;
		}
		/* Each line end: is the next line empty? is this line Content-Length? */
		while (f->scanned < len) {
			const char *nl = memchr(p + f->scanned, '\n', len - f->scanned);
			size_t k = nl ? (size_t)(nl - p) : len;
			if (k - f->skip > f->max_message_size)
				return frame_error(f, err, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, p, len,
						   f->skip + f->max_message_size,
						   "the header section exceeds max_message_size");
			if (!nl) {
				f->scanned = len;
				break;
			}
			if (k + 1 >= len || (p[k + 1] == '\r' && k + 2 >= len)) {
				f->scanned = k; /* cannot tell yet whether an empty line follows */
				break;
			}
			if (f->line_start > f->skip) { /* not the start line */
				size_t e = k > f->line_start && p[k - 1] == '\r' ? k - 1 : k;
				/* Folded continuation lines of Content-Length are not expected; the
				 * parser re-checks the value anyway. */
				int r = content_length_line(p, f->line_start, e, &f->content_length);
				if (r < 0)
					return frame_error(f, err, SIPMSG_ESYNTAX,
							   r == -1 ? SIPMSG_DIAG_BAD_CONTENT_LENGTH
								   : SIPMSG_DIAG_CONFLICTING_CONTENT_LENGTH,
							   p, len, f->line_start,
							   r == -1 ? "Content-Length is not a decimal number below 2^32"
								   : "Content-Length values disagree");
			}
			f->lines++;
			if (p[k + 1] == '\n' || (p[k + 1] == '\r' && p[k + 2] == '\n')) {
				f->header_end = k + 1 + (p[k + 1] == '\n' ? 1 : 2);
				break;
			}
			f->line_start = f->scanned = k + 1;
		}
		if (!f->header_end) {
			*skip = f->skip;
			return SIPMSG_EAGAIN;
		}
		if (f->content_length == NO_LENGTH)
			return frame_error(f, err, SIPMSG_ESYNTAX, SIPMSG_DIAG_MISSING_CONTENT_LENGTH, p, len,
					   f->header_end, "no Content-Length on a stream transport");
	}
	size_t head = f->header_end - f->skip;
	if (f->content_length > f->max_message_size || head + f->content_length > f->max_message_size)
		return frame_error(f, err, SIPMSG_ELIMIT, SIPMSG_DIAG_LIMIT_MESSAGE_SIZE, p, len, f->skip,
				   "the message exceeds max_message_size");
	size_t total = head + f->content_length;
	*skip = f->skip;
	if (len - f->skip < total)
		return SIPMSG_EAGAIN;
	*length = total;
	sipmsg_framer_reset(f);
	return SIPMSG_OK;
}

sipmsg_status sipmsg_frame(const void *data, size_t len, size_t max_message_size, size_t *skip, size_t *length,
			   sipmsg_error *err)
{
	sipmsg_framer f;
	sipmsg_framer_init(&f, max_message_size);
	return sipmsg_framer_next(&f, data, len, skip, length, err);
}
