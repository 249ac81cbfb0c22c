/* SPDX-License-Identifier: MIT */
/* What `sipmsg check` prints: one line (or one JSON object) per message and
 * per notice, a line per capture, and the final summary. Keeps the totals. */
#ifndef SIPMSG_TOOL_REPORT_H
#define SIPMSG_TOOL_REPORT_H

#include "capture.h"
#include "pipeline.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct totals {
	uint64_t files, messages, ok, warnings, failed, bytes, notices, unreadable;
	uint64_t cut_short; /* SIP the capture's snapshot length cut short: not checked */
};

struct reporter {
	FILE *out;
	bool json;
	struct totals totals;
	/* the file being reported */
	const char *file;
	bool capture;
	const struct capture *cap;         /* captures: its link types */
	const struct capture_stats *stats; /* captures: for the time base */
	size_t links_named;                /* captures: link types the header line named */
	uint64_t index;                    /* messages so far in this file */
	int name_width;                    /* file-name column of raw files, for alignment */
};

void report_init(struct reporter *r, FILE *out, bool json);

/* Start a file: cap is the capture being read (open until
 * report_end_capture), NULL for a file that is not a capture. */
void report_begin_file(struct reporter *r, const char *name, const struct capture *cap);

/* One checked message. rec: the capture record it came from (NULL for a file);
 * offset: its offset in a --stream file (UINT64_MAX for a whole-file message). */
void report_message(struct reporter *r, const struct capture_record *rec, uint64_t offset, const uint8_t *data,
		    size_t len, const struct pipeline *p);

/* A notice (rec->kind == CAPTURE_NOTICE; frame 0 when not from a capture). */
void report_notice(struct reporter *r, const struct capture_record *rec);

/* After the last frame of a capture. */
void report_end_capture(struct reporter *r);

/* A file could not be read, or a capture is corrupt: stderr, and a JSON
 * object on stdout in --json mode. */
void report_error(struct reporter *r, const char *file, const char *message);

void report_summary(struct reporter *r);

#endif
