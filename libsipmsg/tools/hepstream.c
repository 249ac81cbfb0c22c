/* SPDX-License-Identifier: MIT */
/* A packet that lies whole in the caller's bytes is handed on from them;
 * only one that spans feeds is copied, into buf, which then holds its
 * header first. While resynchronising, the last three bytes seen are kept
 * so that a magic cut between two feeds is still found. */
#include "hepstream.h"

#include "hep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER 6u /* magic and total length */

static bool is_magic(const uint8_t *p) { return (p[0] == 'H' || p[0] == 'E') && memcmp(p + 1, "EP3", 3) == 0; }

enum hep_stream_start hep_stream_detect(const uint8_t *data, size_t len)
{
	size_t n = len < 4 ? len : 4;
	bool prefix = n && (data[0] == 'H' || data[0] == 'E') && memcmp(data + 1, "EP3", n - 1) == 0;
	return !prefix ? HEP_START_NO : len < 4 ? HEP_START_MAYBE : HEP_START_YES;
}

/* The header at p (len bytes of it kept, at least HEP_STREAM_PROBE) looks
 * like a real packet's: see hep_stream_find. */
static bool plausible(const uint8_t *p, size_t len)
{
	size_t total = (size_t)(p[4] << 8 | p[5]);
	if (!is_magic(p) || total < HEP_STREAM_PROBE || p[6] || p[7])
		return false;
	size_t at = HEADER, end = total < len ? total : len;
	while (end - at >= HEADER) { /* at <= end here: a chunk never runs past total */
		size_t clen = (size_t)(p[at + 4] << 8 | p[at + 5]);
		if (clen < HEADER || clen > total - at)
			return false;
		at += clen;
		if (at > end)
			break;
	}
	return end < total || at == total; /* a whole packet is tiled exactly */
}

size_t hep_stream_find(const uint8_t *data, size_t len)
{
	for (size_t i = 0; len >= HEP_STREAM_PROBE && i <= len - HEP_STREAM_PROBE; i++)
		if (data[i + 3] == '3' && plausible(data + i, len - i))
			return i;
	return len;
}

void hep_stream_init(struct hep_stream *s, size_t max_bytes, sipstream_emit_fn emit, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->max_bytes = max_bytes;
	s->emit = emit;
	s->ctx = ctx;
}

void hep_stream_release(struct hep_stream *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = s->cap = 0;
}

static void notice(struct hep_stream *s, const char *kind, const char *text)
{
	struct sipstream_event ev = {.kind = SIPSTREAM_NOTICE, .notice_kind = kind, .text = text};
	s->emit(s->ctx, &ev);
}

static void packet(struct hep_stream *s, const uint8_t *p, size_t len)
{
	struct sipstream_event ev = {.kind = SIPSTREAM_MESSAGE, .data = p, .len = len};
	s->emit(s->ctx, &ev);
}

static void next_packet(struct hep_stream *s)
{
	s->total = s->left = 0;
	s->skip = false;
	s->len = 0;
}

/* Room for `want` bytes in buf (want <= max_bytes, checked by the caller). */
static bool reserve(struct hep_stream *s, size_t want)
{
	if (want <= s->cap)
		return true;
	uint8_t *b = realloc(s->buf, want);
	if (!b)
		return false;
	s->buf = b;
	s->cap = want;
	return true;
}

static void start_resync(struct hep_stream *s)
{
	next_packet(s);
	s->resync = true;
	s->skipped = 0;
	s->win_len = 0;
}

/* Skip bytes up to the next magic; returns how many were consumed (the
 * magic's bytes included when it was found: buf then holds it). */
static size_t resync(struct hep_stream *s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s->win_len == 3 && p[i] == '3' && (s->win[0] == 'H' || s->win[0] == 'E') && s->win[1] == 'E' &&
		    s->win[2] == 'P') {
			s->skipped -= 3; /* they start the magic */
			char text[160];
			snprintf(text, sizeof text, "%llu bytes skipped to the next HEP3 packet",
				 (unsigned long long)s->skipped);
			if (s->skipped)
				notice(s, "hep-resync", text);
			s->resync = false;
			s->skipped = 0;
			if (!reserve(s, HEADER)) {
				start_resync(s);
				return i + 1;
			}
			memcpy(s->buf, s->win, 3);
			s->buf[3] = '3';
			s->len = 4;
			return i + 1;
		}
		if (s->win_len == 3) {
			memmove(s->win, s->win + 1, 2);
			s->win_len = 2;
		}
		s->win[s->win_len++] = p[i];
		s->skipped++;
	}
	return n;
}

/* The header in h[0..6) is whole: take its length, or lose the framing.
 * False when the framing was lost (the header's bytes after its first are
 * then for the caller to look through again). */
static bool header(struct hep_stream *s, const uint8_t *h)
{
	char text[200];
	size_t total = (size_t)(h[4] << 8 | h[5]);
	if (!is_magic(h) || total < HEADER) {
		snprintf(text, sizeof text, "%s; skipping to the next HEP3 packet",
			 !is_magic(h) ? "a HEP stream's next bytes are not a HEP3 header"
				      : "a HEP3 packet's length is shorter than its header");
		notice(s, "hep-malformed", text);
		return false;
	}
	s->total = total;
	s->left = total - HEADER;
	if (total > s->max_bytes) {
		snprintf(text, sizeof text,
			 "a HEP packet of %zu bytes is larger than the flow buffer limit of %zu bytes; not checked", total,
			 s->max_bytes);
		notice(s, "hep-packet-limit", text);
		s->skip = true;
		s->len = 0;
	}
	return true;
}

static void packet_done(struct hep_stream *s)
{
	if (!s->skip)
		packet(s, s->buf, s->len);
	next_packet(s);
}

void hep_stream_feed(struct hep_stream *s, const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s->resync) {
			i += resync(s, p + i, n - i);
			continue;
		}
		if (!s->total && !s->len && n - i >= HEADER && is_magic(p + i)) {
			size_t total = (size_t)(p[i + 4] << 8 | p[i + 5]);
			if (total >= HEADER && total <= n - i && total <= s->max_bytes) {
				packet(s, p + i, total); /* whole in the caller's bytes */
				i += total;
				continue;
			}
		}
		if (!s->total) { /* inside the header */
			if (!reserve(s, HEADER)) {
				notice(s, "hep-packet-limit", "out of memory for a HEP packet; skipping to the next one");
				start_resync(s);
				continue;
			}
			size_t take = HEADER - s->len < n - i ? HEADER - s->len : n - i;
			memcpy(s->buf + s->len, p + i, take);
			s->len += take;
			i += take;
			if (s->len < HEADER)
				return;
			if (!header(s, s->buf)) {
				uint8_t again[HEADER - 1];
				memcpy(again, s->buf + 1, sizeof again);
				start_resync(s);
				s->skipped = 1; /* the bad header's first byte */
				hep_stream_feed(s, again, sizeof again);
				continue;
			}
			if (!s->skip && !reserve(s, s->total)) {
				notice(s, "hep-packet-limit", "out of memory for a HEP packet; not checked");
				s->skip = true;
				s->len = 0;
			}
			if (!s->left)
				packet_done(s);
			continue;
		}
		size_t take = s->left < n - i ? s->left : n - i;
		if (!s->skip) {
			memcpy(s->buf + s->len, p + i, take);
			s->len += take;
		}
		s->left -= take;
		i += take;
		if (!s->left)
			packet_done(s);
	}
}

bool hep_stream_in_sip_packet(const struct hep_stream *s)
{
	return !s->resync && s->len > HEADER && hep_v3_kept_proto_type(s->buf, s->len) == HEP_PROTO_SIP;
}

size_t hep_stream_gap(struct hep_stream *s, uint64_t missing)
{
	size_t dropped = s->skip ? 0 : s->len;
	if (!s->resync && s->total && missing <= s->left) {
		/* inside the packet: its end is known, so framing goes on */
		s->skip = true;
		s->len = 0;
		s->left -= (size_t)missing;
		if (!s->left)
			next_packet(s);
		return dropped;
	}
	if (s->resync) { /* still looking: the bytes before the gap stay skipped */
		s->win_len = 0;
		return 0;
	}
	start_resync(s);
	return dropped;
}

void hep_stream_finish(struct hep_stream *s)
{
	char text[200];
	if (s->resync && s->skipped) {
		snprintf(text, sizeof text, "the stream ends after %llu bytes that start no HEP3 packet; not checked",
			 (unsigned long long)s->skipped);
		notice(s, "hep-resync", text);
	} else if (!s->resync && !s->skip && s->len) {
		if (s->total)
			snprintf(text, sizeof text, "the stream ends inside a HEP packet (%zu of %zu bytes); not checked",
				 s->len, s->total);
		else
			snprintf(text, sizeof text, "the stream ends inside a HEP packet header (%zu bytes); not checked",
				 s->len);
		notice(s, "stream-incomplete", text);
	}
	s->resync = false;
	s->skipped = 0;
	next_packet(s);
}
