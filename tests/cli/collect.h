/* SPDX-License-Identifier: MIT */
/* Test support: read a capture and keep a copy of every record it gives,
 * for the capture reader's tests (test_capture.c, test_sctp.c). */
#ifndef TEST_COLLECT_H
#define TEST_COLLECT_H

#include "capture.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a test looks at of a record. */
struct rec {
	enum capture_kind kind;
	uint64_t frame;
	int64_t ts_sec;
	uint32_t ts_usec;  /* ts_nsec / 1000 */
	uint32_t ts_nsec;
	bool has_endpoints;
	enum capture_transport transport;
	struct net_addr src, dst;
	uint16_t sport, dport;
	char *data; /* a NUL-terminated copy */
	size_t len;
	int error_code;
	char notice_kind[40];
	char text[400];
	bool cut_short;
};

struct collected {
	struct rec r[512];
	size_t n;
	int rc;
	char err[512];
	struct capture_stats stats;
	size_t links_at_open;  /* link types known before the first frame */
	char links[256];       /* every link type's name, ", " between them */
};

/* capture_fn: copies the record into ctx, a struct collected. */
void collect(void *ctx, const struct capture_record *r);

/* Read the capture at path with options o (NULL: the defaults). */
struct collected *read_capture_opts(const char *path, const struct capture_opts *o);

void free_collected(struct collected *c);

/* How many records of kind k. */
size_t count_kind(const struct collected *c, enum capture_kind k);

#endif
