/* SPDX-License-Identifier: MIT */
/* The output buffer gets room for one byte past max: a message that fills
 * it is too large, told without inflating further. zlib's deflate turns a
 * window of 8 bits into 9 for raw streams, so an inflater is never made
 * with fewer than 9 (RFC 7692 §7.1.2.1 leaves 8 to the peer). */
#include "wsinflate.h"

#include <stdlib.h>

#ifdef SIPMSG_TOOL_ZLIB
#include <zlib.h>

/* zlib counts in uInt (<limits.h> is shadowed here by the tool's limits.h) */
#define UINT_MAX_Z ((size_t)(uInt)-1)

struct ws_inflater {
	z_stream z;
};

bool ws_inflate_available(void) { return true; }

void ws_inflate_reset(struct ws_inflater *z)
{
	if (z)
		inflateReset(&z->z);
}

void ws_inflate_free(struct ws_inflater *z)
{
	if (!z)
		return;
	inflateEnd(&z->z);
	free(z);
}

static struct ws_inflater *make(int window_bits)
{
	struct ws_inflater *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	if (window_bits < 9 || window_bits > 15)
		window_bits = window_bits < 9 ? 9 : 15;
	if (inflateInit2(&z->z, -window_bits) != Z_OK) {
		free(z);
		return NULL;
	}
	return z;
}

/* Room for more output: doubled, up to max + 1. */
static bool grow(struct ws_inflate_out *o, size_t max)
{
	size_t cap = o->cap ? o->cap * 2 : 4096;
	if (cap > max + 1 || cap < o->cap)
		cap = max + 1;
	uint8_t *b = realloc(o->buf, cap);
	if (!b)
		return false;
	o->buf = b;
	o->cap = cap;
	return true;
}

/* Inflate in[0..n) into o. *end: the sender ended its deflate stream
 * (BFINAL), after which the rest of the input is not read. */
static enum ws_inflate_rc run(struct ws_inflater *w, const uint8_t *in, size_t n, struct ws_inflate_out *o, size_t max,
			      bool *end, const char **why)
{
	z_stream *z = &w->z;
	while (n || z->avail_in) {
		if (!z->avail_in) {
			size_t take = n < UINT_MAX_Z ? n : UINT_MAX_Z;
			z->next_in = (Bytef *)(uintptr_t)in;
			z->avail_in = (uInt)take;
			in += take;
			n -= take;
		}
		for (;;) {
			if (o->len == o->cap) {
				if (o->cap > max)
					return WS_INFLATE_TOO_LARGE;
				if (!grow(o, max))
					return WS_INFLATE_NOMEM;
			}
			size_t room = o->cap - o->len;
			z->next_out = o->buf + o->len;
			z->avail_out = (uInt)(room < UINT_MAX_Z ? room : UINT_MAX_Z);
			uInt before = z->avail_out;
			int rc = inflate(z, Z_SYNC_FLUSH);
			o->len += before - z->avail_out;
			if (o->len > max)
				return WS_INFLATE_TOO_LARGE;
			if (rc == Z_STREAM_END) {
				*end = true;
				return WS_INFLATE_OK;
			}
			if (rc == Z_MEM_ERROR)
				return WS_INFLATE_NOMEM;
			if (rc != Z_OK && rc != Z_BUF_ERROR) {
				*why = z->msg ? z->msg : "not a deflate stream";
				return WS_INFLATE_ERROR;
			}
			if (z->avail_out) /* all the output of the input so far is out */
				break;
		}
		if (z->avail_in) { /* output room was left, yet input remains: zlib is stuck */
			*why = "the deflate stream does not advance";
			return WS_INFLATE_ERROR;
		}
	}
	return WS_INFLATE_OK;
}

enum ws_inflate_rc ws_inflate_message(struct ws_inflater **zp, int window_bits, const uint8_t *in, size_t n,
				      struct ws_inflate_out *out, size_t max, const char **why)
{
	static const uint8_t tail[4] = {0x00, 0x00, 0xff, 0xff};
	out->len = 0;
	*why = "";
	if (!*zp && !(*zp = make(window_bits)))
		return WS_INFLATE_NOMEM;
	struct ws_inflater *z = *zp;
	bool end = false;
	enum ws_inflate_rc rc = run(z, in, n, out, max, &end, why);
	if (rc == WS_INFLATE_OK && !end)
		rc = run(z, tail, sizeof tail, out, max, &end, why);
	z->z.avail_in = 0;
	z->z.next_in = NULL;
	if (rc != WS_INFLATE_OK || end) /* a stream ended by BFINAL starts again too */
		inflateReset(&z->z);
	return rc;
}

#else /* no zlib */

struct ws_inflater {
	int unused;
};

bool ws_inflate_available(void) { return false; }

enum ws_inflate_rc ws_inflate_message(struct ws_inflater **z, int window_bits, const uint8_t *in, size_t n,
				      struct ws_inflate_out *out, size_t max, const char **why)
{
	(void)z, (void)window_bits, (void)in, (void)n, (void)max;
	out->len = 0;
	*why = "built without zlib";
	return WS_INFLATE_NO_ZLIB;
}

void ws_inflate_reset(struct ws_inflater *z) { (void)z; }

void ws_inflate_free(struct ws_inflater *z) { free(z); }

#endif
