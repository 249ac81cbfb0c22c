/* SPDX-License-Identifier: MIT */
/* Helpers shared by the SDP test suites. Inputs are copied right before a
 * guard page and stay mapped until the suite's teardown (the SDP points into
 * them). */
#ifndef TEST_SDP_HELPERS_H
#define TEST_SDP_HELPERS_H

#include <criterion/criterion.h>
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"

static struct guarded sdp_g;
static sipmsg_sdp *sdp;
static sipmsg_error sdp_err;

__attribute__((unused)) static void sdp_teardown(void)
{
	sipmsg_sdp_free(sdp);
	sdp = NULL;
	guard_free(&sdp_g);
}

/* Parse text (lenient or strict) into the suite's sdp. */
__attribute__((unused)) static sipmsg_status sdp_parse_mode(const char *text, bool strict)
{
	sipmsg_sdp_free(sdp);
	sdp = NULL;
	guard_free(&sdp_g);
	const char *p = guard_str(&sdp_g, text);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	if (strict)
		o.flags |= SIPMSG_PARSE_STRICT;
	memset(&sdp_err, 0, sizeof sdp_err);
	return sipmsg_sdp_parse(p, strlen(text), &o, &sdp, &sdp_err);
}

__attribute__((unused)) static void sdp_parse_ok(const char *text)
{
	sipmsg_status st = sdp_parse_mode(text, false);
	cr_assert_eq(st, SIPMSG_OK, "parse failed: %s", sdp_err.reason);
}

__attribute__((unused)) static bool sdp_has_diag(int code)
{
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++)
		if ((int)sipmsg_sdp_diag_at(sdp, i)->code == code)
			return true;
	return false;
}

__attribute__((unused)) static const sipmsg_diag *sdp_find_diag(int code)
{
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++)
		if ((int)sipmsg_sdp_diag_at(sdp, i)->code == code)
			return sipmsg_sdp_diag_at(sdp, i);
	return NULL;
}

__attribute__((unused)) static bool slice_eq(sipmsg_slice s, const char *want)
{
	return s.len == strlen(want) && (s.len == 0 || memcmp(s.ptr, want, s.len) == 0);
}

#define EXPECT_SLICE(s, want) \
	cr_assert(slice_eq((s), (want)), "expected \"%s\", got \"%.*s\"", (want), (int)(s).len, \
		  (s).ptr ? (s).ptr : "")

/* The written SDP as a malloc'd string. */
__attribute__((unused)) static char *sdp_written(const sipmsg_sdp *d)
{
	char *s = NULL;
	size_t n = 0;
	cr_assert_eq(sipmsg_sdp_write_alloc(d, 0, &s, &n), SIPMSG_OK);
	cr_assert_eq(strlen(s), n);
	return s;
}

#define EXPECT_SDP_WIRE(d, want) \
	do { \
		char *w_ = sdp_written(d); \
		cr_assert_str_eq(w_, (want)); \
		free(w_); \
	} while (0)

/* Line index of the nth (0-based) a= line with this id in sec. */
__attribute__((unused)) static size_t attr_line(const sipmsg_sdp_section *sec, sipmsg_sdp_attr_id id, int nth)
{
	long i = -1;
	for (int k = 0; k <= nth; k++) {
		i = sipmsg_sdp_attr_find(sec, id, (size_t)(i + 1));
		cr_assert_geq(i, 0, "no a= line #%d with id %d", nth, (int)id);
	}
	return (size_t)i;
}

/* A format call into a local buffer, checked for the snprintf contract. */
#define EXPECT_FORMAT(call, want) \
	do { \
		char b_[512]; \
		size_t n_ = (call); \
		cr_assert_eq(n_, strlen(want)); \
		cr_assert_str_eq(b_, (want)); \
	} while (0)

#define SESSION_HEAD "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"

#endif
