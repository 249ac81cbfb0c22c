/* SPDX-License-Identifier: MIT */
/* The framer keeps positions relative to the pointer it was last given, and
 * this code only ever drops bytes in front of an unfinished message at a
 * message boundary (or resets the framer when it drops keep-alives), so the
 * same unfinished message can be resumed from the caller's buffer or from our
 * copy alike: a message arriving one byte at a time costs linear time. */
#include "sipstream.h"

#include "sipdetect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A stream joined mid-way that shows no SIP start line in this many bytes is
 * taken for another protocol and ignored. */
#define MIDSTREAM_GIVE_UP 65536u

void sipstream_init(struct sipstream *s, enum sipstream_mode mode, size_t max_bytes, sipstream_emit_fn emit, void *ctx)
{
	memset(s, 0, sizeof *s);
	s->max_bytes = max_bytes;
	s->emit = emit;
	s->ctx = ctx;
	size_t max_message = max_bytes < SIPMSG_DEFAULT_MAX_MESSAGE_SIZE ? max_bytes : SIPMSG_DEFAULT_MAX_MESSAGE_SIZE;
	sipmsg_framer_init(&s->framer, max_message);
	s->state = mode == SIPSTREAM_DETECT ? SIPSTREAM_ST_DETECT
		   : mode == SIPSTREAM_ASSUME_SIP ? SIPSTREAM_ST_SIP
						  : SIPSTREAM_ST_RESYNC;
	s->at_line_start = true;
	s->after_hole = mode == SIPSTREAM_MIDSTREAM;
	s->start_seen = mode == SIPSTREAM_ASSUME_SIP;
}

void sipstream_release(struct sipstream *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = s->cap = 0;
}

static void notice(struct sipstream *s, const char *kind, const char *text)
{
	struct sipstream_event ev = {.kind = SIPSTREAM_NOTICE, .notice_kind = kind, .text = text};
	s->emit(s->ctx, &ev);
}

static void report_skipped(struct sipstream *s, const char *until)
{
	if (!s->skipped)
		return;
	char text[160];
	snprintf(text, sizeof text, "%llu bytes that do not start a SIP message were skipped %s",
		 (unsigned long long)s->skipped, until);
	s->skipped = 0;
	notice(s, "stream-skipped", text);
}

static bool is_crlf(uint8_t c) { return c == '\r' || c == '\n'; }

/* The framer's size limit, which a header section is looked at up to. */
static size_t max_message(const struct sipstream *s) { return s->framer.max_message_size; }

/* A line this short at the end of the bytes is kept for the next ones
 * while resynchronising: it may be a Content-Length line or the empty line
 * after one, cut by a segment boundary. */
#define SHORT_LINE 64u

/* RESYNC: is the line at p[i..n) (stream offset base + i) where a message
 * starts? A SIP start line followed by a header section (a start line in a
 * message/sipfrag body is followed by text or the next message's start
 * line), outside the body of a message whose Content-Length was skipped.
 * Right after a hole only a status line or a known method counts: bytes
 * there may be the tail of a cut request line ("VITE sip:... SIP/2.0"). */
static enum sip_detect candidate(struct sipstream *s, const uint8_t *p, size_t i, size_t n, uint64_t base, bool hole)
{
	enum sip_detect d = sip_detect_start_line(p + i, n - i, false);
	if (d == SIP_YES && hole && !sip_detect_known_start(p + i, n - i))
		d = SIP_NO;
	if (d != SIP_YES)
		return d;
	const uint8_t *lf = memchr(p + i, '\n', n - i);
	if (!lf)
		return SIP_MAYBE;
	size_t first = (size_t)(lf - p) + 1 - i;
	size_t at = s->cand_checked && s->cand_at == base + i ? s->cand_checked : first;
	d = sip_detect_header_section(p + i, n - i, first, &at, max_message(s));
	s->cand_at = base + i;
	s->cand_checked = d == SIP_MAYBE ? at : 0;
	return d;
}

/* RESYNC: a skipped line p[i..e) (no CR/LF) that ends before n: remember a
 * Content-Length, and at the empty line after it where that body ends. */
static void skipped_line(struct sipstream *s, const uint8_t *p, size_t i, size_t e, uint64_t end_offset)
{
	uint64_t v;
	if (e == i) {
		/* a body past the framer's limit would not be framed: no reason
		 * to skip it whole */
		if (s->body_cl_seen && s->body_cl <= max_message(s))
			s->body_end = end_offset + s->body_cl;
		s->body_cl_seen = false;
	} else if (sip_detect_content_length(p + i, e - i, &v)) {
		s->body_cl = v;
		s->body_cl_seen = true;
	}
}

/* RESYNC: find a line start at or after pos where a SIP message begins. */
static size_t resync(struct sipstream *s, const uint8_t *p, size_t pos, size_t n, uint64_t base, bool *found)
{
	*found = false;
	size_t i = pos;
	bool line_start = s->at_line_start, hole = s->after_hole;
	while (i < n) {
		if (base + i < s->body_end) { /* inside a skipped message's body */
			uint64_t left = s->body_end - (base + i);
			if (left >= n - i) {
				line_start = true; /* from body_end on, which the next bytes skip to */
				i = n;
				break;
			}
			i += (size_t)left;
			line_start = true;
			hole = false;
			continue;
		}
		const uint8_t *lf = memchr(p + i, '\n', n - i);
		if (line_start) {
			enum sip_detect d = is_crlf(p[i]) ? SIP_NO : candidate(s, p, i, n, base, hole);
			if (d == SIP_NO && !lf && n - i < SHORT_LINE)
				d = SIP_MAYBE; /* perhaps a Content-Length line or an empty line */
			if (d == SIP_MAYBE && s->cand_checked && s->cand_at == base + i)
				s->start_seen = true; /* a whole start line, headers to come: SIP, if cut short */
			if (d != SIP_NO) {
				s->skipped += i - pos;
				s->at_line_start = true;
				s->after_hole = hole;
				if (d == SIP_YES) {
					*found = true;
					s->after_hole = false;
					s->body_cl_seen = false;
					report_skipped(s, "before the next SIP start line");
				}
				return i;
			}
			if (lf) {
				size_t end = (size_t)(lf - p);
				skipped_line(s, p, i, end > i && p[end - 1] == '\r' ? end - 1 : end, base + end + 1);
			}
		}
		hole = false;
		if (!lf) {
			line_start = false;
			i = n;
			break;
		}
		i = (size_t)(lf - p) + 1;
		line_start = true;
	}
	s->skipped += n - pos;
	s->at_line_start = line_start;
	s->after_hole = false;
	if (!s->ever_sip && s->skipped > MIDSTREAM_GIVE_UP)
		s->state = SIPSTREAM_ST_NOT_SIP; /* some other protocol */
	return n;
}

/* BAD_HEAD: the end of the unframed message at p[pos..n): after the empty
 * line that ends its header section, or, when that line is not within the
 * framer's size limit, the end of the line where the framer gave up (never
 * before the end of the start line); 0 while neither is known. */
static size_t bad_head_end(struct sipstream *s, const uint8_t *p, size_t pos, size_t n, uint64_t base)
{
	size_t i = (size_t)(s->bad_scan - base);
	while (i < n) {
		const uint8_t *lf = memchr(p + i, '\n', n - i);
		if (!lf)
			break;
		size_t end = (size_t)(lf - p);
		/* an empty line, and past the error (the framer reads line ends
		 * its own way: a "section end" before the error is none) */
		if (i > pos && (end == i || (end == i + 1 && p[i] == '\r')) &&
		    (s->bad_err.offset == SIZE_MAX || end + 1 - pos >= s->bad_err.offset))
			return end + 1;
		i = end + 1;
	}
	s->bad_scan = base + i;
	if (n - pos <= max_message(s))
		return 0;
	size_t end = s->bad_err.offset <= n - pos ? pos + s->bad_err.offset : n;
	const uint8_t *lf = memchr(p + pos, '\n', n - pos);
	size_t line_end = lf ? (size_t)(lf - p) + 1 : n;
	if (end < line_end)
		end = line_end;
	lf = memchr(p + end, '\n', n - end);
	return lf && p[end - 1] != '\n' ? (size_t)(lf - p) + 1 : end;
}

/* Frame what can be framed in p[0..n); returns how many bytes are done with. */
static size_t process(struct sipstream *s, const uint8_t *p, size_t n, uint64_t base)
{
	size_t pos = 0;
	while (pos < n) {
		switch (s->state) {
		case SIPSTREAM_ST_NOT_SIP:
			return n;
		case SIPSTREAM_ST_DETECT: {
			size_t i = pos;
			while (i < n && is_crlf(p[i]))
				i++;
			if (i == n)
				return n; /* keep-alives before the first message */
			enum sip_detect d = sip_detect_start_line(p + i, n - i, false);
			if (d == SIP_MAYBE)
				return pos;
			s->state = d == SIP_YES ? SIPSTREAM_ST_SIP : SIPSTREAM_ST_NOT_SIP;
			s->start_seen = d == SIP_YES;
			break;
		}
		case SIPSTREAM_ST_RESYNC: {
			bool found;
			size_t at = resync(s, p, pos, n, base, &found);
			if (!found)
				return at;
			s->state = SIPSTREAM_ST_SIP;
			s->start_seen = true;
			pos = at;
			break;
		}
		case SIPSTREAM_ST_SIP: {
			size_t skip = 0, len = 0;
			sipmsg_error err;
			sipmsg_status st = sipmsg_framer_next(&s->framer, p + pos, n - pos, &skip, &len, &err);
			if (st == SIPMSG_OK) {
				struct sipstream_event ev = {.kind = SIPSTREAM_MESSAGE, .data = p + pos + skip,
							     .len = len, .offset = base + pos + skip};
				s->ever_sip = true;
				s->emit(s->ctx, &ev);
				pos += skip + len;
				break;
			}
			if (st == SIPMSG_EAGAIN) {
				if (pos + skip == n) { /* only keep-alives: drop them */
					sipmsg_framer_reset(&s->framer);
					return n;
				}
				return pos;
			}
			/* Framing failed (a bad Content-Length, say): the message is
			 * reported through its header section's empty line, so that its
			 * own lines are not taken for skipped bytes; wait for that line. */
			/* the error's offset counts from data, before the keep-alives
			 * the report leaves out */
			size_t rel = err.offset != SIZE_MAX && err.offset > skip ? err.offset - skip : 0;
			s->bad_err = err;
			if (err.offset != SIZE_MAX)
				s->bad_err.offset = rel;
			s->bad_at = base + pos + skip;
			s->bad_scan = s->bad_at;
			sipmsg_framer_reset(&s->framer);
			s->state = SIPSTREAM_ST_BAD_HEAD;
			pos += skip;
			break;
		}
		case SIPSTREAM_ST_BAD_HEAD: {
			size_t end = bad_head_end(s, p, pos, n, base);
			if (!end)
				return pos; /* the header section goes on */
			struct sipstream_event ev = {.kind = SIPSTREAM_FRAMING_ERROR, .data = p + pos,
						     .len = end - pos, .offset = base + pos, .error = &s->bad_err};
			s->emit(s->ctx, &ev);
			s->state = SIPSTREAM_ST_RESYNC;
			s->at_line_start = p[end - 1] == '\n';
			s->after_hole = false;
			s->skipped = 0;
			s->body_cl_seen = false;
			pos = end;
			break;
		}
		}
	}
	return n;
}

static bool keep(struct sipstream *s, const uint8_t *data, size_t len)
{
	if (s->len + len > s->max_bytes) {
		char text[200];
		snprintf(text, sizeof text,
			 "an unfinished message needs more than the stream buffer limit of %zu bytes; %zu bytes dropped",
			 s->max_bytes, s->len + len);
		s->offset += s->len; /* the caller adds len */
		s->len = 0;
		sipmsg_framer_reset(&s->framer);
		if (s->state != SIPSTREAM_ST_NOT_SIP)
			s->state = SIPSTREAM_ST_RESYNC;
		s->at_line_start = false;
		s->after_hole = false;
		notice(s, "stream-buffer-limit", text);
		return false;
	}
	if (s->len + len > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < s->len + len)
			cap *= 2;
		uint8_t *b = realloc(s->buf, cap);
		if (!b) {
			notice(s, "stream-buffer-limit", "out of memory for a stream buffer; bytes dropped");
			s->offset += s->len;
			s->len = 0;
			sipmsg_framer_reset(&s->framer);
			s->state = SIPSTREAM_ST_RESYNC;
			s->at_line_start = false;
			s->after_hole = false;
			return false;
		}
		s->buf = b;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, len);
	s->len += len;
	return true;
}

void sipstream_feed(struct sipstream *s, const uint8_t *data, size_t len)
{
	if (!len || s->state == SIPSTREAM_ST_NOT_SIP)
		return;
	if (s->len == 0) {
		size_t done = process(s, data, len, s->offset);
		s->offset += done;
		if (done < len && !keep(s, data + done, len - done))
			s->offset += len - done;
		return;
	}
	if (!keep(s, data, len)) {
		s->offset += len;
		return;
	}
	size_t done = process(s, s->buf, s->len, s->offset);
	memmove(s->buf, s->buf + done, s->len - done);
	s->len -= done;
	s->offset += done;
}

/* Bytes held for an unfinished message, without the keep-alives before it. */
static size_t held_message(const struct sipstream *s)
{
	size_t i = 0;
	while (i < s->len && is_crlf(s->buf[i]))
		i++;
	return s->len - i;
}

/* BAD_HEAD and no more bytes to come: the unframed message is what is held. */
static void report_bad_head(struct sipstream *s)
{
	if (s->state != SIPSTREAM_ST_BAD_HEAD)
		return;
	size_t at = (size_t)(s->bad_at - s->offset);
	struct sipstream_event ev = {.kind = SIPSTREAM_FRAMING_ERROR, .data = s->buf + at, .len = s->len - at,
				     .offset = s->bad_at, .error = &s->bad_err};
	s->emit(s->ctx, &ev);
	s->offset += s->len;
	s->len = 0;
	s->state = SIPSTREAM_ST_RESYNC;
}

size_t sipstream_gap(struct sipstream *s, uint64_t missing)
{
	report_bad_head(s);
	size_t dropped = held_message(s);
	s->offset += s->len + missing;
	s->len = 0;
	sipmsg_framer_reset(&s->framer);
	if (s->state != SIPSTREAM_ST_NOT_SIP) {
		s->state = SIPSTREAM_ST_RESYNC;
		s->at_line_start = true; /* the next segment may well start a message, */
		s->after_hole = true;    /* or end one whose start line was cut */
		s->body_cl_seen = false;
		s->cand_checked = 0;
	}
	return dropped;
}

void sipstream_finish(struct sipstream *s)
{
	report_bad_head(s);
	size_t held = held_message(s);
	if (s->state == SIPSTREAM_ST_RESYNC && held &&
	    sip_detect_start_line(s->buf + s->len - held, held, true) == SIP_NO) {
		s->skipped += held; /* a short line kept in case it was a Content-Length */
		held = 0;
	}
	if (s->state == SIPSTREAM_ST_RESYNC)
		report_skipped(s, "at the end of the stream without another SIP start line");
	if (s->state != SIPSTREAM_ST_NOT_SIP && held) {
		char text[200];
		size_t i = s->len - held;
		size_t show = 0;
		while (i + show < s->len && show < 60 && s->buf[i + show] >= 0x20 && s->buf[i + show] < 0x7f)
			show++;
		snprintf(text, sizeof text, "the stream ends inside a message (%zu bytes, \"%.*s\"); not checked", held,
			 (int)show, (const char *)s->buf + i);
		notice(s, "stream-incomplete", text);
	}
	s->offset += s->len;
	s->len = 0;
	sipmsg_framer_reset(&s->framer);
}
