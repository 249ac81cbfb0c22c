/* SPDX-License-Identifier: MIT */
/* SDP serialization: every line in order, its own bytes and its own line end;
 * lines added or changed take the SDP's line end. Nothing is reordered or
 * invented, so an untouched SDP writes back byte for byte. */
#include "sdp_internal.h"

#include <stdlib.h>

/* Bytes still to copy: a run of untouched input lines, copied at once. */
struct run {
	const char *p;
	size_t len;
};

static void flush(struct sm_out *o, struct run *r)
{
	if (r->len)
		sm_out_put(o, r->p, r->len);
	r->len = 0;
}

static void write_section(struct sm_out *o, struct run *r, const sipmsg_sdp_section *s, unsigned flags,
			  uint8_t dflt, bool last)
{
	for (uint32_t i = 0; i < s->nlines; i++) {
		const struct sm_sdp_line *l = &s->lines[i];
		uint8_t eol = l->eol;
		if (flags & SIPMSG_WRITE_CANONICAL)
			eol = 2;
		else if (eol == 0 && !(last && i + 1 == s->nlines))
			eol = dflt; /* added, or no longer the last line */
		/* an unterminated last line may end in a lone CR: an LF after it
		 * would make it a CRLF and take the CR out of the line */
		if (eol == 1 && l->len && l->p[l->len - 1] == '\r')
			eol = 2;
		bool verbatim = !(l->flags & SM_SL_MODIFIED) && eol == l->eol;
		if (verbatim) {
			/* an input line with its own line end: extend the run when it follows it */
			size_t n = l->len + l->eol;
			if (r->len && r->p + r->len == l->p) {
				r->len += n;
			} else {
				flush(o, r);
				*r = (struct run){l->p, n};
			}
			continue;
		}
		flush(o, r);
		sm_out_put(o, l->p, l->len);
		if (eol == 2)
			sm_out_put(o, "\r\n", 2);
		else if (eol == 1)
			sm_out_ch(o, '\n');
	}
}

static size_t write_all(const sipmsg_sdp *sdp, unsigned flags, char *buf, size_t size)
{
	struct sm_out o = {buf, size, 0};
	if (!sdp->modified && sdp->length && !(flags & SIPMSG_WRITE_CANONICAL)) {
		/* untouched: the lines and their line ends are exactly the input */
		sm_out_put(&o, sdp->base, sdp->length);
		return o.len;
	}
	struct run r = {NULL, 0};
	write_section(&o, &r, &sdp->session, flags, sdp->eol, sdp->nmedia == 0);
	for (uint32_t k = 0; k < sdp->nmedia; k++)
		write_section(&o, &r, sdp->media[k], flags, sdp->eol, k + 1 == sdp->nmedia);
	flush(&o, &r);
	return o.len;
}

size_t sipmsg_sdp_write_size(const sipmsg_sdp *sdp, unsigned flags)
{
	return sdp ? write_all(sdp, flags, NULL, 0) : 0;
}

sipmsg_status sipmsg_sdp_write(const sipmsg_sdp *sdp, unsigned flags, char *buf, size_t size, size_t *written)
{
	if (!sdp || (!buf && size))
		return SIPMSG_EINVAL;
	size_t n = write_all(sdp, flags, buf, size);
	if (written)
		*written = n;
	return n <= size ? SIPMSG_OK : SIPMSG_ENOSPC;
}

sipmsg_status sipmsg_sdp_write_alloc(const sipmsg_sdp *sdp, unsigned flags, char **out, size_t *len)
{
	if (!sdp || !out)
		return SIPMSG_EINVAL;
	size_t n = write_all(sdp, flags, NULL, 0);
	/* sipmsg_free() releases with free(): allocate with malloc */
	char *b = malloc(n + 1);
	if (!b)
		return SIPMSG_ENOMEM;
	write_all(sdp, flags, b, n);
	b[n] = '\0';
	*out = b;
	if (len)
		*len = n;
	return SIPMSG_OK;
}
