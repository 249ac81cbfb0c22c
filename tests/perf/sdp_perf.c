/* SPDX-License-Identifier: MIT */
/* A driver for measuring the SDP codec under callgrind (never a timed test):
 *   sdp_perf FILE MODE [N]
 * FILE is a SIP message (its body is used) or a bare SDP. MODE:
 *   parse   sipmsg_sdp_parse() into a reused arena
 *   parse0  sipmsg_sdp_parse() with NULL options (its own arena), then free
 *   views   parse, then read every line's typed view
 *   check   parse, then sipmsg_sdp_check()
 *   write   write a parsed SDP back (untouched)
 *   write1  write it back after one edit (the first media's port)
 * The measured call runs N times (default 1); read the figure from
 *   valgrind --tool=callgrind --toggle-collect=measure ./sdp_perf FILE MODE
 * as the instructions of measure() divided by N. */
#include <sipmsg/sipmsg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"

static volatile size_t sink;

static void read_views(const sipmsg_sdp_section *s)
{
	for (size_t i = 0; i < sipmsg_sdp_line_count(s); i++) {
		sipmsg_sdp_line l;
		sipmsg_sdp_line_at(s, i, &l);
		union {
			sipmsg_sdp_origin o;
			sipmsg_sdp_connection c;
			sipmsg_sdp_media_desc m;
			sipmsg_sdp_timing t;
			sipmsg_sdp_rtpmap r;
			sipmsg_sdp_fmtp f;
			sipmsg_sdp_rtcp rc;
			sipmsg_sdp_rtcp_fb fb;
			sipmsg_sdp_candidate cd;
			sipmsg_sdp_fingerprint fp;
			sipmsg_sdp_setup su;
			sipmsg_sdp_group g;
			sipmsg_sdp_msid ms;
			sipmsg_sdp_ssrc ss;
			sipmsg_sdp_ssrc_group sg;
			sipmsg_sdp_extmap e;
			sipmsg_sdp_list li;
			sipmsg_slice tok;
		} u;
		switch (l.type) {
		case 'o': sipmsg_sdp_get_origin(s, i, &u.o); break;
		case 'c': sipmsg_sdp_get_connection(s, i, &u.c); break;
		case 'm': sipmsg_sdp_get_media_desc(s, &u.m); break;
		case 't': sipmsg_sdp_get_timing(s, i, &u.t); break;
		case 'a':
			switch (l.attr) {
			case SIPMSG_SDP_ATTR_RTPMAP: sipmsg_sdp_get_rtpmap(s, i, &u.r); break;
			case SIPMSG_SDP_ATTR_FMTP: sipmsg_sdp_get_fmtp(s, i, &u.f); break;
			case SIPMSG_SDP_ATTR_RTCP: sipmsg_sdp_get_rtcp(s, i, &u.rc); break;
			case SIPMSG_SDP_ATTR_RTCP_FB: sipmsg_sdp_get_rtcp_fb(s, i, &u.fb); break;
			case SIPMSG_SDP_ATTR_CANDIDATE: sipmsg_sdp_get_candidate(s, i, &u.cd); break;
			case SIPMSG_SDP_ATTR_FINGERPRINT: sipmsg_sdp_get_fingerprint(s, i, &u.fp); break;
			case SIPMSG_SDP_ATTR_SETUP: sipmsg_sdp_get_setup(s, i, &u.su); break;
			case SIPMSG_SDP_ATTR_GROUP:
			case SIPMSG_SDP_ATTR_MSID_SEMANTIC: sipmsg_sdp_get_group(s, i, &u.g); break;
			case SIPMSG_SDP_ATTR_MSID: sipmsg_sdp_get_msid(s, i, &u.ms); break;
			case SIPMSG_SDP_ATTR_SSRC: sipmsg_sdp_get_ssrc(s, i, &u.ss); break;
			case SIPMSG_SDP_ATTR_SSRC_GROUP: sipmsg_sdp_get_ssrc_group(s, i, &u.sg); break;
			case SIPMSG_SDP_ATTR_EXTMAP: sipmsg_sdp_get_extmap(s, i, &u.e); break;
			case SIPMSG_SDP_ATTR_ICE_OPTIONS: sipmsg_sdp_get_list(s, i, &u.li); break;
			case SIPMSG_SDP_ATTR_MID: sipmsg_sdp_get_token(s, i, &u.tok); break;
			default: break;
			}
			break;
		default: break;
		}
		sink += l.raw.len;
	}
}

/* The measured work; noinline so callgrind can attribute it. */
__attribute__((noinline)) static void measure(const char *mode, const char *p, size_t n, const sipmsg_parse_opts *o,
					      sipmsg_arena *arena, sipmsg_sdp *parsed, char *out, size_t out_size)
{
	if (strncmp(mode, "write", 5) == 0) {
		size_t w = 0;
		sipmsg_sdp_write(parsed, 0, out, out_size, &w);
		sink += w;
		return;
	}
	sipmsg_sdp *sdp = NULL;
	if (strcmp(mode, "parse0") == 0) {
		if (sipmsg_sdp_parse(p, n, NULL, &sdp, NULL) != SIPMSG_OK)
			abort();
		sink += sipmsg_sdp_media_count(sdp);
		sipmsg_sdp_free(sdp);
		return;
	}
	sipmsg_arena_reset(arena);
	if (sipmsg_sdp_parse(p, n, o, &sdp, NULL) != SIPMSG_OK)
		abort();
	if (strcmp(mode, "views") == 0) {
		read_views(sipmsg_sdp_session(sdp));
		for (size_t k = 0; k < sipmsg_sdp_media_count(sdp); k++)
			read_views(sipmsg_sdp_media_at(sdp, k));
	} else if (strcmp(mode, "check") == 0) {
		sipmsg_sdp_check(sdp);
	}
	sink += sipmsg_sdp_media_count(sdp);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s FILE parse|parse0|views|check|write|write1 [N]\n", argv[0]);
		return 2;
	}
	size_t len;
	char *data = read_file(argv[1], &len);
	if (!data) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return 2;
	}
	const char *body = data;
	const char *sep = NULL;
	for (size_t i = 0; i + 3 < len; i++)
		if (memcmp(data + i, "\r\n\r\n", 4) == 0) {
			sep = data + i + 4;
			break;
		}
	if (sep && len >= 2 && memcmp(data, "v=", 2) != 0)
		body = sep;
	size_t n = len - (size_t)(body - data);
	long iters = argc > 3 ? atol(argv[3]) : 1;

	sipmsg_arena *arena = sipmsg_arena_new(NULL, 64 * 1024);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.arena = arena;
	sipmsg_arena *keep = sipmsg_arena_new(NULL, 0);
	sipmsg_parse_opts ko = o;
	ko.arena = keep;
	sipmsg_sdp *parsed = NULL;
	if (sipmsg_sdp_parse(body, n, &ko, &parsed, NULL) != SIPMSG_OK) {
		fprintf(stderr, "parse failed\n");
		return 1;
	}
	if (strcmp(argv[2], "write1") == 0 && sipmsg_sdp_media_set_port(sipmsg_sdp_media_at(parsed, 0), 9) != SIPMSG_OK) {
		fprintf(stderr, "edit failed\n");
		return 1;
	}
	char *out = malloc(n + 64);
	/* warm-up outside the measurement: first-touch page faults and the like */
	measure(argv[2], body, n, &o, arena, parsed, out, n + 64);
	for (long k = 0; k < iters; k++)
		measure(argv[2], body, n, &o, arena, parsed, out, n + 64);
	printf("%s: %zu-byte SDP, %ld iterations, %zu media, arena blocks %zu\n", argv[2], n, iters,
	       sipmsg_sdp_media_count(parsed), sipmsg_arena_block_allocations(arena));
	free(out);
	sipmsg_arena_free(keep);
	sipmsg_arena_free(arena);
	free(data);
	return 0;
}
