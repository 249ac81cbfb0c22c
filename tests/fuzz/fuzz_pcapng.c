/* SPDX-License-Identifier: MIT */
/* The pcapng reader of `sipmsg check` (libsipmsg/tools/pcapng.c) on the raw
 * input as a file: blocks of any type and length, sections in either byte
 * order, interfaces of any link type, time resolution and offset, packet
 * blocks for interfaces that exist or not. The input is read through
 * fmemopen() and capture_open_fp() as `sipmsg check -` reads a pipe, and
 * every frame goes on into the capture reader (fuzz_capture covers what
 * follows in depth; here it runs with its defaults).
 *
 * Checks: a refused file or a failed run says why in one line; frame
 * numbers never decrease; every byte of every message and framing error is
 * read (ASan sees a bad pointer); the stats count what the callback saw;
 * nothing leaks. */
#include "fuzz.h"

#include "capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seen {
	uint64_t last_frame;
	uint64_t messages, framing_errors, notices;
	unsigned sum; /* of every byte handed over, so that every byte is read */
};

static volatile unsigned sink; /* keeps the byte reads */

static void on_record(void *ctx, const struct capture_record *rec)
{
	struct seen *s = ctx;
	FUZZ_CHECK(rec->frame >= s->last_frame, "record of frame %llu after one of frame %llu",
		   (unsigned long long)rec->frame, (unsigned long long)s->last_frame);
	s->last_frame = rec->frame;
	if (rec->kind == CAPTURE_NOTICE) {
		FUZZ_CHECK(rec->notice_kind && rec->text && *rec->notice_kind && *rec->text, "an empty notice");
		FUZZ_CHECK(!strchr(rec->text, '\n') && !strchr(rec->text, '\r'), "a notice of more than one line: %s",
			   rec->text);
		s->notices++;
		return;
	}
	FUZZ_CHECK(rec->kind == CAPTURE_MESSAGE || rec->kind == CAPTURE_FRAMING_ERROR, "record kind %d",
		   (int)rec->kind);
	FUZZ_CHECK(rec->len == 0 || rec->data, "%zu bytes at NULL", rec->len);
	for (size_t i = 0; i < rec->len; i++)
		s->sum += rec->data[i];
	if (rec->kind == CAPTURE_MESSAGE)
		s->messages++;
	else
		s->framing_errors++;
}

static bool one_line(const char *reason) { return reason[0] && !strchr(reason, '\n') && !strchr(reason, '\r'); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0; /* fmemopen() of nothing is not a file */
	/* fmemopen() wants a writable buffer even to read */
	uint8_t *file = malloc(size);
	FUZZ_CHECK(file, "out of memory");
	memcpy(file, data, size);
	FILE *fp = fmemopen(file, size, "rb");
	FUZZ_CHECK(fp, "fmemopen");

	struct capture_opts o;
	capture_opts_init(&o);
	char err[512] = "";
	struct capture *c = capture_open_fp(fp, &o, err, sizeof err);
	if (!c) {
		FUZZ_CHECK(one_line(err), "open failed without a one-line reason: \"%s\"", err);
	} else {
		struct seen s;
		memset(&s, 0, sizeof s);
		err[0] = '\0';
		int rc = capture_run(c, on_record, &s, err, sizeof err);
		FUZZ_CHECK(rc == 0 || rc == -1, "capture_run returned %d", rc);
		FUZZ_CHECK(rc == 0 || one_line(err), "capture_run failed without a one-line reason: \"%s\"", err);
		const struct capture_stats *st = capture_get_stats(c);
		FUZZ_CHECK(st->udp_messages + st->tcp_messages + st->ws_messages == s.messages,
			   "stats say %llu messages, the callback saw %llu",
			   (unsigned long long)(st->udp_messages + st->tcp_messages + st->ws_messages),
			   (unsigned long long)s.messages);
		FUZZ_CHECK(st->framing_errors == s.framing_errors && st->notices == s.notices,
			   "stats say %llu framing errors and %llu notices, the callback saw %llu and %llu",
			   (unsigned long long)st->framing_errors, (unsigned long long)st->notices,
			   (unsigned long long)s.framing_errors, (unsigned long long)s.notices);
		FUZZ_CHECK(s.last_frame <= st->frames, "a record of frame %llu after %llu frames",
			   (unsigned long long)s.last_frame, (unsigned long long)st->frames);
		FUZZ_CHECK(capture_link_count(c) > 0, "no link type");
		for (size_t i = 0; i < capture_link_count(c); i++) {
			char buf[CAPTURE_LINK_NAME_LEN];
			FUZZ_CHECK(strlen(capture_link_name(c, i, buf)) > 0, "no name for link type %zu", i);
		}
		capture_close(c);
		sink = s.sum;
	}
	free(file);
	return 0;
}
