/* SPDX-License-Identifier: MIT */
/* SDP parse (layer 3): line splitting, sections, order, leniency and strict
 * mode, diagnostics with positions, limits, and the attribute table. */
#include "sdp_helpers.h"

TestSuite(sdp_parse, .fini = sdp_teardown);

static const char offer[] = "v=0\r\n"
			    "o=jdoe 2890844526 2890842807 IN IP4 198.51.100.1\r\n"
			    "s=SDP Seminar\r\n"
			    "c=IN IP4 233.252.0.12/127\r\n"
			    "t=2873397496 2873404696\r\n"
			    "a=recvonly\r\n"
			    "m=audio 49170 RTP/AVP 0\r\n"
			    "m=video 51372 RTP/AVP 99\r\n"
			    "c=IN IP6 2001:db8::2\r\n"
			    "a=rtpmap:99 h263-1998/90000\r\n";

Test(sdp_parse, sections_and_lines_in_order)
{
	sdp_parse_ok(offer);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	const sipmsg_sdp_section *s = sipmsg_sdp_session(sdp);
	cr_assert_not(sipmsg_sdp_section_is_media(s));
	cr_assert_eq(sipmsg_sdp_line_count(s), 6);
	cr_assert_eq(sipmsg_sdp_media_count(sdp), 2);
	const char types[] = "voscta";
	for (size_t i = 0; i < 6; i++) {
		sipmsg_sdp_line l;
		cr_assert_eq(sipmsg_sdp_line_at(s, i, &l), SIPMSG_OK);
		cr_assert_eq(l.type, types[i]);
		cr_assert_eq(l.line, i + 1);
	}
	const sipmsg_sdp_section *v = sipmsg_sdp_media_at(sdp, 1);
	cr_assert(sipmsg_sdp_section_is_media(v));
	cr_assert_eq(sipmsg_sdp_section_sdp(v), sdp);
	cr_assert_eq(sipmsg_sdp_line_count(v), 3);
	sipmsg_sdp_line l;
	cr_assert_eq(sipmsg_sdp_line_at(v, 2, &l), SIPMSG_OK);
	cr_assert_eq(l.type, 'a');
	cr_assert_eq(l.attr, SIPMSG_SDP_ATTR_RTPMAP);
	EXPECT_SLICE(l.name, "rtpmap");
	EXPECT_SLICE(l.value, "99 h263-1998/90000");
	EXPECT_SLICE(l.raw, "a=rtpmap:99 h263-1998/90000");
	cr_assert_eq(l.line, 10);
	cr_assert_eq(l.offset, (size_t)(strstr(offer, "a=rtpmap") - offer));
	cr_assert_eq(sipmsg_sdp_line_at(v, 3, &l), SIPMSG_ENOTFOUND);
	cr_assert_null(sipmsg_sdp_media_at(sdp, 2));
	EXPECT_SDP_WIRE(sdp, offer);
}

Test(sdp_parse, bare_lf_and_mixed_line_ends_round_trip)
{
	const char *lf = "v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\nm=audio 1 RTP/AVP 0\na=sendrecv\n";
	sdp_parse_ok(lf);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "RFC 8866 lets parsers accept a bare LF");
	cr_assert_eq(sipmsg_sdp_media_count(sdp), 1);
	EXPECT_SDP_WIRE(sdp, lf);
	const char *mixed = "v=0\r\no=- 1 1 IN IP4 h\ns=-\r\nt=0 0\n";
	sdp_parse_ok(mixed);
	EXPECT_SDP_WIRE(sdp, mixed);
	char buf[256];
	size_t n;
	cr_assert_eq(sipmsg_sdp_write(sdp, SIPMSG_WRITE_CANONICAL, buf, sizeof buf, &n), SIPMSG_OK);
	cr_assert_eq(n, strlen(mixed) + 2);
	cr_assert(memcmp(buf, "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", n) == 0);
}

Test(sdp_parse, unknown_attributes_and_values_kept_verbatim)
{
	const char *t = SESSION_HEAD "a=x-custom:some  value;with=odd bytes\r\n"
				     "m=audio 9 RTP/AVP 0\r\na=fpaeskey:RlBMWQ==\r\na=goo\r\n";
	sdp_parse_ok(t);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	const sipmsg_sdp_section *s = sipmsg_sdp_session(sdp);
	long i = sipmsg_sdp_attr_find_name(s, "X-CUSTOM", 8, 0);
	cr_assert_eq(i, 4);
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(s, (size_t)i, &l);
	cr_assert_eq(l.attr, SIPMSG_SDP_ATTR_OTHER);
	EXPECT_SLICE(l.value, "some  value;with=odd bytes");
	sipmsg_slice v;
	cr_assert_eq(sipmsg_sdp_attr_value(sipmsg_sdp_media_at(sdp, 0), "goo", 3, &v), SIPMSG_OK);
	cr_assert_null(v.ptr, "a flag attribute has no value");
	EXPECT_SDP_WIRE(sdp, t);
}

Test(sdp_parse, lenient_accepts_out_of_order_with_a_warning_strict_rejects)
{
	/* a= before t= and c= after t=: both seen in the wild (retina #26) */
	const char *t = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\na=tool:x\r\nt=0 0\r\nc=IN IP4 192.0.2.1\r\n"
			"m=audio 1 RTP/AVP 0\r\n";
	sdp_parse_ok(t);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_LINE_ORDER);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 5, "t= after a=");
	cr_assert_eq(d->column, 1);
	EXPECT_SLICE(d->header, "t");
	EXPECT_SDP_WIRE(sdp, t);
	cr_assert_eq(sdp_parse_mode(t, true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.code, SIPMSG_DIAG_SDP_LINE_ORDER);
	cr_assert_eq(sdp_err.line, 5);
	cr_assert_str_eq(sdp_err.header, "t");
	cr_assert_null(sdp, "no object on failure");
}

Test(sdp_parse, media_level_only_types)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\nt=0 0\r\n");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_LINE_ORDER), "t= inside a media description");
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\nc=IN IP4 h\r\nc=IN IP6 ::1\r\nb=AS:1\r\nb=TIAS:2\r\n");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "several c= and b= are allowed in a media description");
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\ni=a\r\ni=b\r\nt=0 0\r\n");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_LINE_ORDER), "i= only once");
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=1 2\r\nr=7d 1h 0 25h\r\nt=3 4\r\nr=1d 1h 0\r\nz=1 -1h\r\n"
		     "k=prompt\r\n");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "time descriptions repeat");
}

/* RFC 8866 §9: repeat-description = 1*repeat-field [zone-field], and §10
 * "Make 'z=' without a preceding 'r=' a syntax error" (RFC 4566 allowed
 * it): an order deviation, a warning unless strict. */
Test(sdp_parse, zone_needs_repeat)
{
	const char *t = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=3034423619 0\r\nz=2882844526 -1h\r\n";
	sdp_parse_ok(t);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_LINE_ORDER);
	cr_assert_not_null(d, "z= right after t=");
	cr_assert_eq(d->line, 5);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	EXPECT_SDP_WIRE(sdp, t);
	cr_assert_eq(sdp_parse_mode(t, true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.code, SIPMSG_DIAG_SDP_LINE_ORDER);
	cr_assert_eq(sdp_err.line, 5);
	/* the second time description has no r= of its own */
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=3034423619 0\r\nr=1d 1h 0\r\nt=3034423620 0\r\n"
		     "z=2882844526 -1h\r\n");
	d = sdp_find_diag(SIPMSG_DIAG_SDP_LINE_ORDER);
	cr_assert_not_null(d);
	cr_assert_eq(d->line, 7);
	/* no time description at all */
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nz=2882844526 -1h\r\n");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_LINE_ORDER));
	/* after r= it is in its place */
	cr_assert_eq(sdp_parse_mode("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=3034423619 0\r\nr=1d 1h 0\r\n"
				    "z=2882844526 -1h\r\na=recvonly\r\n",
				    true),
		     SIPMSG_OK, "%s", sdp_err.reason);
}

Test(sdp_parse, missing_and_empty_mandatory_lines)
{
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=\r\nm=audio 1 RTP/AVP 0\r\n");
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "tolerated: see empty_session_name_is_tolerated");
	cr_assert_eq(d->line, 3);
	cr_assert_eq(d->column, 3);
	d = sdp_find_diag(SIPMSG_DIAG_SDP_MISSING_LINE);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "a missing t= is tolerated (RFC 4145 examples)");
	cr_assert_eq(d->offset, (size_t)-1);
	cr_assert_eq(sdp_parse_mode("v=0\r\no=- 1 1 IN IP4 h\r\ns=\r\nt=0 0\r\n", true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.code, SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME);

	sdp_parse_ok("o=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_MISSING_LINE), "no v=");
	sdp_parse_ok("s=-\r\nv=0\r\no=- 1 1 IN IP4 h\r\nt=0 0\r\n");
	d = sdp_find_diag(SIPMSG_DIAG_SDP_MISSING_LINE);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->message, "the description does not start with v=");
	cr_assert_eq(sdp_parse_mode("", false), SIPMSG_ESYNTAX, "an empty SDP is no SDP");
}

Test(sdp_parse, bad_lines_and_unknown_types)
{
	const char *t = SESSION_HEAD "f=invalid:yes\r\nnot a line\r\n\r\nm=audio 1 RTP/AVP 0\r\n";
	sdp_parse_ok(t);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_UNKNOWN_TYPE);
	cr_assert_not_null(d);
	cr_assert_eq(d->line, 5);
	EXPECT_SLICE(d->header, "f");
	d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_LINE);
	cr_assert_not_null(d);
	cr_assert_eq(d->line, 6);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_EMPTY_LINE));
	sipmsg_sdp_line l;
	cr_assert_eq(sipmsg_sdp_line_at(sipmsg_sdp_session(sdp), 5, &l), SIPMSG_OK);
	cr_assert_eq(l.type, 0);
	EXPECT_SLICE(l.raw, "not a line");
	EXPECT_SDP_WIRE(sdp, t);
	cr_assert_eq(sdp_parse_mode(t, true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.line, 5);
	cr_assert_eq(sdp_err.column, 1);
	char msg[300];
	sipmsg_error_format(&sdp_err, msg, sizeof msg);
	cr_assert(strstr(msg, "line 5, column 1") != NULL, "%s", msg);
}

Test(sdp_parse, control_characters_and_missing_final_line_end)
{
	static const char t[] = "v=0\r\no=- 1 1 IN IP4 h\r\ns=a\0b\r\nt=0 0\r\na=x:1\r2\r\na=tab:\tok\r\na=last";
	sdp_g = (struct guarded){0};
	const char *p = guard_copy(&sdp_g, t, sizeof t - 1);
	cr_assert_eq(sipmsg_sdp_parse(p, sizeof t - 1, NULL, &sdp, &sdp_err), SIPMSG_OK);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_CTL_IN_LINE);
	cr_assert_not_null(d);
	cr_assert_eq(d->line, 3);
	cr_assert_eq(d->column, 4, "the NUL");
	d = sdp_find_diag(SIPMSG_DIAG_SDP_NO_LINE_END);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	const sipmsg_sdp_section *s = sipmsg_sdp_session(sdp);
	cr_assert_eq(sipmsg_sdp_line_count(s), 7, "a lone CR stays inside its line");
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(s, 4, &l);
	EXPECT_SLICE(l.raw, "a=x:1\r2");
	char *w;
	size_t n;
	cr_assert_eq(sipmsg_sdp_write_alloc(sdp, 0, &w, &n), SIPMSG_OK);
	cr_assert_eq(n, sizeof t - 1);
	cr_assert(memcmp(w, t, n) == 0);
	free(w);
}

Test(sdp_parse, crlf_split_across_blocks_is_not_a_control_character)
{
	/* put CR and LF on each side of every 16- and 64-byte boundary */
	for (size_t pad = 0; pad < 70; pad++) {
		char t[256];
		int n = snprintf(t, sizeof t, "v=0\r\no=- 1 1 IN IP4 h\r\ns=x%.*s\r\nt=0 0\r\na=x\r\n", (int)pad,
				 "--------------------------------------------------------------------------");
		sdp_parse_ok(t);
		cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "pad %zu", pad);
		cr_assert_eq(sipmsg_sdp_line_count(sipmsg_sdp_session(sdp)), 5);
		EXPECT_SDP_WIRE(sdp, t);
		(void)n;
	}
}

Test(sdp_parse, never_reads_past_the_input)
{
	/* every prefix of an offer, each right before a guard page */
	size_t len = strlen(offer);
	for (size_t k = 1; k <= len; k++) {
		struct guarded g = {0};
		const char *p = guard_copy(&g, offer, k);
		sipmsg_sdp *d = NULL;
		if (sipmsg_sdp_parse(p, k, NULL, &d, NULL) == SIPMSG_OK) {
			sipmsg_sdp_check(d);
			char *w;
			size_t n;
			cr_assert_eq(sipmsg_sdp_write_alloc(d, 0, &w, &n), SIPMSG_OK);
			cr_assert_eq(n, k);
			cr_assert(memcmp(w, offer, k) == 0);
			free(w);
			sipmsg_sdp_free(d);
		}
		guard_free(&g);
	}
}

Test(sdp_parse, limits_are_options)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_sdp_lines = 3;
	const char *p = guard_str(&sdp_g, SESSION_HEAD);
	cr_assert_eq(sipmsg_sdp_parse(p, strlen(SESSION_HEAD), &o, &sdp, &sdp_err), SIPMSG_ELIMIT);
	cr_assert_eq(sdp_err.code, SIPMSG_DIAG_LIMIT_SDP_LINES);
	o.max_sdp_lines = 4;
	cr_assert_eq(sipmsg_sdp_parse(p, strlen(SESSION_HEAD), &o, &sdp, &sdp_err), SIPMSG_OK);
	sipmsg_sdp_free(sdp);
	sdp = NULL;
	o.max_line_length = 10;
	cr_assert_eq(sipmsg_sdp_parse(p, strlen(SESSION_HEAD), &o, &sdp, &sdp_err), SIPMSG_ELIMIT);
	cr_assert_eq(sdp_err.code, SIPMSG_DIAG_LIMIT_LINE_LENGTH);
	cr_assert_eq(sdp_err.line, 2);
	/* list items: the m= formats */
	sipmsg_parse_opts_init(&o);
	o.max_list_items = 2;
	guard_free(&sdp_g);
	const char *t = SESSION_HEAD "m=audio 1 RTP/AVP 0 8 9\r\n";
	p = guard_str(&sdp_g, t);
	cr_assert_eq(sipmsg_sdp_parse(p, strlen(t), &o, &sdp, &sdp_err), SIPMSG_OK);
	sipmsg_sdp_media_desc md;
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &md), SIPMSG_ESYNTAX);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_LIMIT_LIST_ITEMS));
}

Test(sdp_parse, many_lines_grow_past_the_first_guess)
{
	/* short lines: more than len/24 of them */
	size_t cap = 64 * 1024;
	char *t = malloc(cap);
	size_t n = (size_t)snprintf(t, cap, "%s", SESSION_HEAD);
	for (int i = 0; i < 3000; i++)
		n += (size_t)snprintf(t + n, cap - n, "a=x\n");
	sdp_parse_ok(t);
	cr_assert_eq(sipmsg_sdp_line_count(sipmsg_sdp_session(sdp)), 3004);
	EXPECT_SDP_WIRE(sdp, t);
	free(t);
}

Test(sdp_parse, copy_flag_and_caller_arena)
{
	char *t = strdup(offer);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	cr_assert_eq(sipmsg_sdp_parse(t, strlen(t), &o, &sdp, NULL), SIPMSG_OK);
	memset(t, 'x', strlen(t));
	free(t);
	EXPECT_SDP_WIRE(sdp, offer);
	sipmsg_sdp_free(sdp);
	sdp = NULL;

	sipmsg_arena *a = sipmsg_arena_new(NULL, 64 * 1024);
	sipmsg_parse_opts_init(&o);
	o.arena = a;
	for (int k = 0; k < 3; k++) {
		sipmsg_arena_reset(a);
		sipmsg_sdp *d;
		cr_assert_eq(sipmsg_sdp_parse(offer, strlen(offer), &o, &d, NULL), SIPMSG_OK);
		cr_assert_eq(sipmsg_sdp_media_count(d), 2);
		sipmsg_sdp_free(d); /* releases nothing: the arena is the caller's */
	}
	cr_assert_eq(sipmsg_arena_block_allocations(a), 1, "a reused arena allocates nothing more");
	sipmsg_arena_free(a);
}

Test(sdp_parse, bad_arguments)
{
	cr_assert_eq(sipmsg_sdp_parse(NULL, 3, NULL, &sdp, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_parse("v=0", 3, NULL, NULL, NULL), SIPMSG_EINVAL);
	sipmsg_parse_opts o = {0};
	cr_assert_eq(sipmsg_sdp_parse("v=0", 3, &o, &sdp, &sdp_err), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_line_count(NULL), 0);
	cr_assert_eq(sipmsg_sdp_media_count(NULL), 0);
	cr_assert_null(sipmsg_sdp_session(NULL));
	cr_assert_eq(sipmsg_sdp_diag_count(NULL), 0);
	sipmsg_sdp_free(NULL);
}

Test(sdp_parse, attribute_table)
{
	cr_assert_str_eq(sipmsg_sdp_attr_name(SIPMSG_SDP_ATTR_RTCP_FB), "rtcp-fb");
	cr_assert_null(sipmsg_sdp_attr_name(SIPMSG_SDP_ATTR_OTHER));
	cr_assert_null(sipmsg_sdp_attr_name(SIPMSG_SDP_ATTR_COUNT_));
	/* every row can be found by its name, in any case */
	for (int id = 1; id < SIPMSG_SDP_ATTR_COUNT_; id++) {
		const char *name = sipmsg_sdp_attr_name((sipmsg_sdp_attr_id)id);
		cr_assert_eq((int)sipmsg_sdp_attr_lookup(name, strlen(name)), id, "%s", name);
		char up[64];
		size_t n = strlen(name);
		for (size_t k = 0; k <= n; k++)
			up[k] = (char)((name[k] >= 'a' && name[k] <= 'z') ? name[k] - 32 : name[k]);
		cr_assert_eq((int)sipmsg_sdp_attr_lookup(up, n), id, "%s", up);
	}
	cr_assert_eq(sipmsg_sdp_attr_lookup("rtpmapx", 7), SIPMSG_SDP_ATTR_OTHER);
	cr_assert_eq(sipmsg_sdp_attr_lookup("rtpma", 5), SIPMSG_SDP_ATTR_OTHER);
	cr_assert_eq(sipmsg_sdp_attr_lookup("", 0), SIPMSG_SDP_ATTR_OTHER);
	cr_assert_eq(sipmsg_sdp_attr_scope(SIPMSG_SDP_ATTR_GROUP), SIPMSG_SDP_SCOPE_SESSION);
	cr_assert_eq(sipmsg_sdp_attr_scope(SIPMSG_SDP_ATTR_RTPMAP), SIPMSG_SDP_SCOPE_MEDIA);
	cr_assert_eq(sipmsg_sdp_attr_scope(SIPMSG_SDP_ATTR_OTHER), SIPMSG_SDP_SCOPE_BOTH);
	/* the parser classifies names the same way, whatever their case */
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=RTPMAP:0 PCMU/8000\r\na=silencesupp:off - - - -\r\n");
	const sipmsg_sdp_section *m = sipmsg_sdp_media_at(sdp, 0);
	cr_assert_eq(sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_RTPMAP, 0), 1);
	cr_assert_eq(sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_SILENCESUPP, 0), 2);
	cr_assert_eq(sipmsg_sdp_attr_count(m, SIPMSG_SDP_ATTR_RTPMAP), 1);
}

Test(sdp_parse, bad_attribute_names)
{
	sdp_parse_ok(SESSION_HEAD "a=:x\r\na=bad name:1\r\n");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 2);
	const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, 0);
	cr_assert_eq(d->code, SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR, "no name at all");
	cr_assert_eq(d->line, 5);
	/* a name that is not a token: an attribute not understood, ignored with
	 * a warning at the first byte that is not a token character */
	d = sipmsg_sdp_diag_at(sdp, 1);
	cr_assert_eq(d->code, SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 6);
	sdp_parse_ok(SESSION_HEAD "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port 5000\r\n");
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 0);
	cr_assert_eq(sipmsg_sdp_attr_count(sipmsg_sdp_media_at(sdp, 0), SIPMSG_SDP_ATTR_SCTP_PORT), 0,
		     "not read as a=sctp-port");
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "a=bad name:1\r\n", true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "a=:x\r\n", true), SIPMSG_ESYNTAX);
}

Test(sdp_parse, strict_mode_parses_every_value)
{
	const char *t = SESSION_HEAD "m=audio x RTP/AVP 0\r\n";
	sdp_parse_ok(t);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "lenient: values are parsed on first access");
	sipmsg_sdp_media_desc md;
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &md), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->line, 5);
	cr_assert_eq(d->column, 9);
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(sipmsg_sdp_media_at(sdp, 0), 0, &l);
	cr_assert(l.bad);
	cr_assert_eq(sdp_parse_mode(t, true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.line, 5);
	cr_assert_eq(sdp_err.column, 9);
	/* warnings do not fail strict mode */
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "m=audio 1 RTP/AVP 96\r\na=rtpmap:96 AppleLossless\r\n", true),
		     SIPMSG_OK);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_BAD_VALUE));
	/* one leniency flag at a time */
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.lenient &= ~SIPMSG_LENIENT_SDP_BAD_VALUES;
	guard_free(&sdp_g);
	sipmsg_sdp_free(sdp);
	sdp = NULL;
	const char *p = guard_str(&sdp_g, t);
	cr_assert_eq(sipmsg_sdp_parse(p, strlen(t), &o, &sdp, &sdp_err), SIPMSG_ESYNTAX);
	o.lenient = SIPMSG_LENIENT_SDP_BAD_VALUES;
	cr_assert_eq(sipmsg_sdp_parse(p, strlen(t), &o, &sdp, &sdp_err), SIPMSG_OK);
}

/* RFC 8866 §5.3: s= MUST NOT be empty (" " when there is no name), but RFC
 * 3264's examples and real tools write "s=" and the corpus tolerates it:
 * lenient mode takes it with a warning and writes it back as it came;
 * strict mode rejects it, at the line's end. */
Test(sdp_parse, empty_session_name_is_tolerated)
{
	static const char text[] = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
				   "m=audio 49170 RTP/AVP 0\r\n";
	sdp_parse_ok(text);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 0, "no error: %s",
		     sipmsg_sdp_diag_count(sdp) ? sipmsg_sdp_diag_at(sdp, 0)->message : "");
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 3);
	cr_assert_eq(d->column, 3);
	cr_assert_eq(d->offset, 33);
	EXPECT_SDP_WIRE(sdp, text);
	cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.code, SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME);
	cr_assert_eq(sdp_err.line, 3);
	cr_assert_eq(sdp_err.column, 3);
	cr_assert(strstr(sdp_err.reason, "s="), "%s", sdp_err.reason);
	/* a single space is the RFC's "no name": clean in both modes */
	static const char space[] = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns= \r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
	cr_assert_eq(sdp_parse_mode(space, true), SIPMSG_OK, "%s", sdp_err.reason);
	cr_assert_null(sdp_find_diag(SIPMSG_DIAG_SDP_EMPTY_SESSION_NAME));
}
