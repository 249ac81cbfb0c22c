/* SPDX-License-Identifier: MIT */
/* Typed views of the core SDP lines and their writers: o=, c=, b=, t=, r=,
 * z=, m=, v=. */
#include "sdp_helpers.h"

TestSuite(sdp_lines, .fini = sdp_teardown);

static const sipmsg_sdp_section *session(void) { return sipmsg_sdp_session(sdp); }

Test(sdp_lines, origin)
{
	sdp_parse_ok("v=0\r\no=jdoe 4611731400430051336 2 IN IP6 2001:db8::1\r\ns=-\r\nt=0 0\r\n");
	sipmsg_sdp_origin o;
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 1, &o), SIPMSG_OK);
	EXPECT_SLICE(o.username, "jdoe");
	EXPECT_SLICE(o.sess_id, "4611731400430051336");
	cr_assert_eq(o.sess_id_value, 4611731400430051336ull);
	cr_assert_eq(o.sess_version_value, 2);
	EXPECT_SLICE(o.nettype, "IN");
	EXPECT_SLICE(o.addrtype, "IP6");
	EXPECT_SLICE(o.address, "2001:db8::1");
	EXPECT_FORMAT(sipmsg_sdp_format_origin(&o, b_, sizeof b_), "jdoe 4611731400430051336 2 IN IP6 2001:db8::1");
	cr_assert_eq(sipmsg_sdp_origin_of(sdp, &o), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 0, &o), SIPMSG_ESTATE, "v= is not an o=");
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 9, &o), SIPMSG_ENOTFOUND);

	/* sess-id larger than 64 bits keeps its text, value saturates */
	sdp_parse_ok("v=0\r\no=- 123456789012345678901234567890 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 1, &o), SIPMSG_OK);
	cr_assert_eq(o.sess_id_value, UINT64_MAX);
	EXPECT_SLICE(o.sess_id, "123456789012345678901234567890");

	/* a built origin: defaults for the empty fields */
	sipmsg_sdp_origin b = {.sess_id_value = 2890844526, .sess_version_value = 1,
			       .address = {"198.51.100.1", 12}};
	EXPECT_FORMAT(sipmsg_sdp_format_origin(&b, b_, sizeof b_), "- 2890844526 1 IN IP4 198.51.100.1");
	b.address = (sipmsg_slice){"::1", 3};
	b.username = (sipmsg_slice){"alice", 5};
	EXPECT_FORMAT(sipmsg_sdp_format_origin(&b, b_, sizeof b_), "alice 2890844526 1 IN IP6 ::1");

	/* malformed: too few fields, non-numeric ids */
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 1, &o), SIPMSG_ESYNTAX);
	sdp_parse_ok("v=0\r\no=- x1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 1, &o), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->column, 5);
	/* the getter stays failed, and reports once */
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 1, &o), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 1);
}

Test(sdp_lines, connection_unicast_multicast_ttl_count)
{
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 233.252.0.1/127/3\r\nt=0 0\r\n"
		     "m=audio 1 RTP/AVP 0\r\nc=IN IP6 ff15::101/3\r\n"
		     "m=audio 2 RTP/AVP 0\r\nc=IN IP4 198.51.100.7\r\n"
		     "m=audio 3 RTP/AVP 0\r\nc=IN IP4 233.252.0.2/1\r\n"
		     "m=audio 4 RTP/AVP 0\r\nc=ATM NSAP 47.0091.8100.0000.0060.3e64.fd01/x\r\n");
	sipmsg_sdp_connection c;
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_OK);
	EXPECT_SLICE(c.address, "233.252.0.1");
	cr_assert_eq(c.ttl, 127);
	cr_assert_eq(c.count, 3);
	EXPECT_FORMAT(sipmsg_sdp_format_connection(&c, b_, sizeof b_), "IN IP4 233.252.0.1/127/3");
	const sipmsg_sdp_section *m = sipmsg_sdp_media_at(sdp, 0);
	cr_assert_eq(sipmsg_sdp_get_connection(m, 1, &c), SIPMSG_OK);
	EXPECT_SLICE(c.address, "ff15::101");
	cr_assert_eq(c.ttl, -1, "IP6 multicast has no TTL");
	cr_assert_eq(c.count, 3);
	EXPECT_FORMAT(sipmsg_sdp_format_connection(&c, b_, sizeof b_), "IN IP6 ff15::101/3");
	cr_assert_eq(sipmsg_sdp_get_connection(sipmsg_sdp_media_at(sdp, 1), 1, &c), SIPMSG_OK);
	cr_assert_eq(c.ttl, -1);
	cr_assert_eq(c.count, 0);
	cr_assert_eq(sipmsg_sdp_get_connection(sipmsg_sdp_media_at(sdp, 2), 1, &c), SIPMSG_OK);
	cr_assert_eq(c.ttl, 1);
	/* other network types: the address is kept whole */
	cr_assert_eq(sipmsg_sdp_get_connection(sipmsg_sdp_media_at(sdp, 3), 1, &c), SIPMSG_OK);
	EXPECT_SLICE(c.nettype, "ATM");
	EXPECT_SLICE(c.address, "47.0091.8100.0000.0060.3e64.fd01/x");

	sipmsg_sdp_connection b = {.address = {"2001:db8::5", 11}, .ttl = -1};
	EXPECT_FORMAT(sipmsg_sdp_format_connection(&b, b_, sizeof b_), "IN IP6 2001:db8::5");

	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 233.252.0.1/300\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_ESYNTAX, "TTL over 255");
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP6 ff15::1/3/4\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_ESYNTAX, "IP6 takes no TTL");
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_ESYNTAX);
}

/* RFC 8866 §9: numaddr = integer (POS-DIGIT *DIGIT). "/0" is no count at
 * all; read as count 0 it came back as an absent count. */
Test(sdp_lines, connection_zero_count_is_bad)
{
	sipmsg_sdp_connection c;
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 233.252.0.1/127/0\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->column, 26, "at the count, got column %u", (unsigned)d->column);
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP6 ff15::101/0\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_ESYNTAX);
	d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->column, 20, "at the count, got column %u", (unsigned)d->column);
	/* a TTL of 0 is one (ttl = ... / "0") */
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 233.252.0.1/0/2\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_OK);
	cr_assert_eq(c.ttl, 0);
	cr_assert_eq(c.count, 2);
	cr_assert_eq(sdp_parse_mode("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 233.252.0.1/127/0\r\nt=0 0\r\n",
				    true),
		     SIPMSG_ESYNTAX);
}

Test(sdp_lines, bandwidth_every_type_kept)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 96\r\nb=AS:512\r\nb=CT:1000\r\nb=TIAS:500000\r\nb=RS:0\r\n"
				  "b=RR:2000\r\nb=X-YZ:7\r\nb=as:1\r\n");
	const sipmsg_sdp_section *m = sipmsg_sdp_media_at(sdp, 0);
	static const struct {
		const char *type;
		sipmsg_sdp_bwtype known;
		uint64_t value;
	} want[] = {{"AS", SIPMSG_SDP_BW_AS, 512},     {"CT", SIPMSG_SDP_BW_CT, 1000},
		    {"TIAS", SIPMSG_SDP_BW_TIAS, 500000}, {"RS", SIPMSG_SDP_BW_RS, 0},
		    {"RR", SIPMSG_SDP_BW_RR, 2000},      {"X-YZ", SIPMSG_SDP_BW_OTHER, 7},
		    {"as", SIPMSG_SDP_BW_AS, 1}};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		sipmsg_sdp_bandwidth b;
		cr_assert_eq(sipmsg_sdp_get_bandwidth(m, k + 1, &b), SIPMSG_OK);
		EXPECT_SLICE(b.type, want[k].type);
		cr_assert_eq(b.known, want[k].known);
		cr_assert_eq(b.value, want[k].value);
		char buf[64], line[64];
		sipmsg_sdp_format_bandwidth(&b, buf, sizeof buf);
		snprintf(line, sizeof line, "%s:%llu", want[k].type, (unsigned long long)want[k].value);
		cr_assert_str_eq(buf, line, "b=RS:0 must not become BW-X (freeswitch #836)");
	}
	sipmsg_sdp_bandwidth b = {.known = SIPMSG_SDP_BW_TIAS, .value = 64000};
	EXPECT_FORMAT(sipmsg_sdp_format_bandwidth(&b, b_, sizeof b_), "TIAS:64000");
	sdp_parse_ok(SESSION_HEAD "b=AS\r\n");
	cr_assert_eq(sipmsg_sdp_get_bandwidth(session(), 4, &b), SIPMSG_ESYNTAX);
	sdp_parse_ok(SESSION_HEAD "b=AS:x\r\n");
	cr_assert_eq(sipmsg_sdp_get_bandwidth(session(), 4, &b), SIPMSG_ESYNTAX);
}

/* RFC 8866 §9: bwtype = token. A type that is not one is a bad value at
 * the byte that breaks it; spaces around a number it reads (b=, v=) are a
 * warning with the value kept, as for the numeric attributes, not "not a
 * number". */
Test(sdp_lines, bandwidth_type_token_and_spaces)
{
	sipmsg_sdp_bandwidth b;
	sdp_parse_ok(SESSION_HEAD "b=A S:64\r\n");
	cr_assert_eq(sipmsg_sdp_get_bandwidth(session(), 4, &b), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->column, 4);
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "b=A(S:64\r\n", true), SIPMSG_ESYNTAX);

	sdp_parse_ok(SESSION_HEAD "b=AS:64 \r\n");
	cr_assert_eq(sipmsg_sdp_get_bandwidth(session(), 4, &b), SIPMSG_OK);
	cr_assert_eq(b.value, 64);
	d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_str_eq(d->message, "spaces around the number");

	sdp_parse_ok("v=0 \r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n");
	d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_null(d, "nothing parsed yet");
	cr_assert_eq(sdp_parse_mode("v=0 \r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", true), SIPMSG_OK,
		     "%s", sdp_err.reason);
	d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_str_eq(d->message, "spaces around the number");
}

/* RFC 8866 §5: fields are separated by one space, none before the first or
 * after the last. Spaces around the fields of o=, c=, t= and m= change no
 * field: the warning a number with spaces around it gives (above), at the
 * first stray space, in strict mode too, with the value kept and the bytes
 * written back as they came. */
Test(sdp_lines, spaces_around_the_fields)
{
	static const char text[] = "v=0\r\no= - 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1 \r\n"
				   "t=0 0\t\r\nm=audio 49170 RTP/AVP 0 8  \r\n";
	cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_OK, "%s", sdp_err.reason);
	static const struct {
		uint32_t line, column;
	} want[] = {{2, 3}, {4, 19}, {5, 6}, {6, 26}};
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 4);
	for (size_t k = 0; k < 4; k++) {
		const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, k);
		cr_assert_eq(d->code, SIPMSG_DIAG_SDP_BAD_VALUE, "%zu", k);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%zu", k);
		cr_assert_eq(d->line, want[k].line, "%zu", k);
		cr_assert_eq(d->column, want[k].column, "line %u", want[k].line);
		cr_assert_str_eq(d->message, "spaces around the fields");
	}
	sipmsg_sdp_origin o;
	cr_assert_eq(sipmsg_sdp_get_origin(session(), 1, &o), SIPMSG_OK);
	EXPECT_SLICE(o.username, "-");
	EXPECT_SLICE(o.address, "192.0.2.1");
	sipmsg_sdp_connection c;
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 3, &c), SIPMSG_OK);
	EXPECT_SLICE(c.address, "192.0.2.1");
	sipmsg_sdp_timing t;
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 4, &t), SIPMSG_OK);
	cr_assert_eq(t.stop, 0);
	sipmsg_sdp_media_desc m;
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &m), SIPMSG_OK);
	cr_assert_eq(m.nformats, 2);
	EXPECT_SDP_WIRE(sdp, text);

	/* a field after the last is still an error, not this warning */
	sdp_parse_ok(SESSION_HEAD "c=IN IP4 192.0.2.1 x\r\n");
	cr_assert_eq(sipmsg_sdp_get_connection(session(), 4, &c), SIPMSG_ESYNTAX);
	cr_assert_str_eq(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE)->message, "c=: more than three fields");
}

Test(sdp_lines, timing_repeat_zone)
{
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=3034423619 3042462419\r\nr=7d 1h 0 25h\r\n"
		     "r=604800 3600 0 90000\r\nz=2882844526 -1h 2898848070 0\r\n");
	sipmsg_sdp_timing t;
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 3, &t), SIPMSG_OK);
	cr_assert_eq(t.start, 3034423619ull);
	cr_assert_eq(t.stop, 3042462419ull);
	EXPECT_FORMAT(sipmsg_sdp_format_timing(&t, b_, sizeof b_), "3034423619 3042462419");
	sipmsg_sdp_repeat r;
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 4, &r), SIPMSG_OK);
	cr_assert_eq(r.interval, 604800);
	cr_assert_eq(r.duration, 3600);
	cr_assert_eq(r.noffsets, 2);
	cr_assert_eq(r.offsets[0], 0);
	cr_assert_eq(r.offsets[1], 90000);
	EXPECT_FORMAT(sipmsg_sdp_format_repeat(&r, b_, sizeof b_), "604800 3600 0 90000");
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 5, &r), SIPMSG_OK, "typed times and seconds agree");
	cr_assert_eq(r.interval, 604800);
	sipmsg_sdp_zone z;
	cr_assert_eq(sipmsg_sdp_get_zone(session(), 6, &z), SIPMSG_OK);
	cr_assert_eq(z.count, 2);
	cr_assert_eq(z.adjustments[0].time, 2882844526ull);
	cr_assert_eq(z.adjustments[0].offset, -3600);
	cr_assert_eq(z.adjustments[1].offset, 0);
	EXPECT_FORMAT(sipmsg_sdp_format_zone(&z, b_, sizeof b_), "2882844526 -3600 2898848070 0");

	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0\r\nr=1d 1h\r\nz=1 2 3\r\n");
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 3, &t), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 4, &r), SIPMSG_ESYNTAX, "an offset is required");
	cr_assert_eq(sipmsg_sdp_get_zone(session(), 5, &z), SIPMSG_ESYNTAX, "pairs");
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nr=7x 1h 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 4, &r), SIPMSG_ESYNTAX, "units are d h m s");
}

/* RFC 8866 §9: repeat-interval = POS-DIGIT *DIGIT [unit], so an interval
 * of 0 is a bad value; time = POS-DIGIT 9*DIGIT (t= also takes "0"), so a
 * shorter time or one with a leading zero still reads, with a warning. */
Test(sdp_lines, timing_grammar_edges)
{
	sipmsg_sdp_repeat r;
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=3034423619 0\r\nr=0 1h 0\r\nr=0d 1h 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 4, &r), SIPMSG_ESYNTAX, "interval 0");
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 5, &r), SIPMSG_ESYNTAX, "interval 0d");
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->column, 3);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	/* offsets and durations may be 0 */
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=3034423619 0\r\nr=1d 0 0\r\n");
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 4, &r), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);

	sipmsg_sdp_timing t;
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nt=3034423619 3042462419\r\n"
		     "t=123 0\r\nt=0 03042462419\r\n");
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 3, &t), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 4, &t), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 5, &t), SIPMSG_OK);
	cr_assert_eq(t.start, 123);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 1);
	d = sipmsg_sdp_diag_at(sdp, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 3);
	cr_assert_eq(sipmsg_sdp_get_timing(session(), 6, &t), SIPMSG_OK);
	cr_assert_eq(t.stop, 3042462419ull);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 2);
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 1)->column, 5);

	sipmsg_sdp_zone z;
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nr=1d 1h 0\r\nz=0 -1h\r\n");
	cr_assert_eq(sipmsg_sdp_get_zone(session(), 5, &z), SIPMSG_OK);
	cr_assert_eq(z.adjustments[0].offset, -3600);
	d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->column, 3);
}

Test(sdp_lines, media_port_count_proto_formats)
{
	sdp_parse_ok(SESSION_HEAD "m=video 49170/2 RTP/AVP 31 32\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
				  "m=audio 0 RTP/AVP 0\r\n");
	sipmsg_sdp_media_desc md;
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &md), SIPMSG_OK);
	EXPECT_SLICE(md.media, "video");
	cr_assert_eq(md.port, 49170);
	cr_assert_eq(md.port_count, 2);
	EXPECT_SLICE(md.proto, "RTP/AVP");
	cr_assert_eq(md.nformats, 2);
	EXPECT_SLICE(md.formats[0], "31");
	EXPECT_SLICE(md.formats[1], "32");
	EXPECT_FORMAT(sipmsg_sdp_format_media_desc(&md, b_, sizeof b_), "video 49170/2 RTP/AVP 31 32");
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 1), &md), SIPMSG_OK);
	EXPECT_SLICE(md.formats[0], "webrtc-datachannel");
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 2), &md), SIPMSG_OK);
	cr_assert_eq(md.port, 0, "a rejected stream");
	cr_assert_eq(sipmsg_sdp_get_media_desc(session(), &md), SIPMSG_ESTATE);

	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP\r\nm=audio 1/0 RTP/AVP 0\r\nm=audio 1x RTP/AVP 0\r\n");
	for (size_t k = 0; k < 3; k++)
		cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, k), &md), SIPMSG_ESYNTAX, "%zu", k);
}

/* RFC 8866 §5.1: v=0 is the only version. Another is a warning in a
 * lenient parse and an error at its column in a strict one. */
Test(sdp_lines, version)
{
	sdp_parse_ok("v=1\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_str_eq(d->message, "SDP version other than 0");
	cr_assert_eq(sdp_parse_mode("v=1\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.line, 1);
	cr_assert_eq(sdp_err.column, 3);
	cr_assert(strstr(sdp_err.reason, "SDP version other than 0"), "%s", sdp_err.reason);
	cr_assert_eq(sdp_parse_mode("v= 2\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", true), SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_err.column, 4, "at the number, past the stray space");
	cr_assert_eq(sdp_parse_mode("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", true), SIPMSG_OK);
	cr_assert_eq(sdp_parse_mode("v=x\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\n", true), SIPMSG_ESYNTAX);
}

Test(sdp_lines, formatters_follow_snprintf)
{
	sipmsg_sdp_timing t = {1, 2};
	char small[3];
	cr_assert_eq(sipmsg_sdp_format_timing(&t, small, sizeof small), 3);
	cr_assert_str_eq(small, "1 ");
	cr_assert_eq(sipmsg_sdp_format_timing(&t, NULL, 0), 3);
	cr_assert_eq(sipmsg_sdp_format_timing(NULL, small, sizeof small), 0);
	cr_assert_str_eq(small, "");
}

/* RFC 8866 §9: media = token, proto = token *("/" token), fmt = token.
 * Each was taken as whatever word stood there. */
Test(sdp_lines, media_tokens)
{
	static const struct {
		const char *m;
		unsigned column;
	} bad[] = {
		{"m=aud(io 49170 RTP/AVP 0", 6},  {"m=audio 49170 RTP//AVP 0", 19},
		{"m=audio 49170 /RTP 0", 15},     {"m=audio 49170 RTP/ 0", 19},
		{"m=audio 49170 RTP/AVP 0 (8)", 25},
	};
	sipmsg_sdp_media_desc md;
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, SESSION_HEAD "%s\r\n", bad[k].m);
		sdp_parse_ok(text);
		cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &md), SIPMSG_ESYNTAX, "%s",
			     bad[k].m);
		const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
		cr_assert_not_null(d);
		cr_assert_eq(d->column, bad[k].column, "%s: column %u", bad[k].m, (unsigned)d->column);
		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX, "%s", bad[k].m);
	}
	static const char *const good[] = {
		"m=message 7394 TCP/TLS/MSRP *", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
		"m=image 0 udptl t38",           "m=application 50000 TCP/TLS/BFCP *",
		"m=x-foo 1 X/Y~z 1 a#b",
	};
	for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, SESSION_HEAD "%s\r\n", good[k]);
		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_OK, "%s: %s", good[k], sdp_err.reason);
		cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &md), SIPMSG_OK);
	}
}

/* r= and z= are lines of fields too: spaces before the first or after the
 * last are the warning o=, c=, t= and m= give, at the first stray space. */
Test(sdp_lines, spaces_around_repeat_and_zone)
{
	static const char text[] = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\nr=7d 1h 0 \r\nz=2882844526 -1h\t\r\n"
				   "t=0 0\r\nr= 7d 1h 0\r\n";
	cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_OK, "%s", sdp_err.reason);
	static const struct {
		uint32_t line, column;
	} want[] = {{5, 10}, {6, 17}, {8, 3}};
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 3);
	for (size_t k = 0; k < 3; k++) {
		const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, k);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%zu", k);
		cr_assert_eq(d->line, want[k].line, "%zu", k);
		cr_assert_eq(d->column, want[k].column, "line %u", want[k].line);
		cr_assert_str_eq(d->message, "spaces around the fields");
	}
	sipmsg_sdp_repeat r;
	cr_assert_eq(sipmsg_sdp_get_repeat(session(), 4, &r), SIPMSG_OK);
	cr_assert_eq(r.noffsets, 1);
	sipmsg_sdp_zone z;
	cr_assert_eq(sipmsg_sdp_get_zone(session(), 5, &z), SIPMSG_OK);
	cr_assert_eq(z.adjustments[0].offset, -3600);
	EXPECT_SDP_WIRE(sdp, text);
}

/* RFC 8866 §9 separates fields with exactly one SP. A lenient parse reads
 * two spaces (or an HTAB) as one separator, with a warning at the byte past
 * the one SP; a strict parse fails there. */
Test(sdp_lines, fields_separated_by_one_space)
{
#define HEAD_R SESSION_HEAD "r=7d 1h 0\r\n"
	static const struct {
		const char *text;
		uint32_t line, column;
	} cases[] = {
		{SESSION_HEAD "m=audio  49170 RTP/AVP 0\r\n", 5, 9},
		{SESSION_HEAD "m=audio 49170 RTP/AVP  0 8\r\n", 5, 23},
		{SESSION_HEAD "m=audio 49170 RTP/AVP 0   8\r\n", 5, 25},
		{SESSION_HEAD "m=audio 49170\tRTP/AVP 0\r\n", 5, 14},
		{SESSION_HEAD "m=audio 1 RTP/AVP 0\r\nc=IN  IP4 192.0.2.1\r\n", 6, 6},
		{"v=0\r\no=- 1 1 IN IP4\t\t192.0.2.1\r\ns=-\r\nt=0 0\r\n", 2, 15},
		{SESSION_HEAD "t=0  0\r\n", 5, 5},
		{SESSION_HEAD "r=7d 1h  0\r\n", 5, 9},
		{HEAD_R "z=2882844526  -1h\r\n", 6, 14},
	};
#undef HEAD_R
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const char *text = cases[k].text;
		sdp_parse_ok(text);
		cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
		const sipmsg_diag *d = NULL;
		for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp) && !d; i++)
			if (sipmsg_sdp_diag_at(sdp, i)->line == cases[k].line)
				d = sipmsg_sdp_diag_at(sdp, i);
		cr_assert(d, "%s: no diagnostic", text);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s", text);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", text, d->column);
		cr_assert_str_eq(d->message, "fields not separated by exactly one space");

		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX, "%s", text);
		cr_assert_eq(sdp_err.line, cases[k].line, "%s", text);
		cr_assert_eq(sdp_err.column, cases[k].column, "%s: column %u", text, sdp_err.column);
		cr_assert(strstr(sdp_err.reason, "fields not separated by exactly one space"), "%s", sdp_err.reason);
	}
	/* the fields read as they would with one space */
	sdp_parse_ok(SESSION_HEAD "m=audio  49170 RTP/AVP 0   8\r\n");
	sipmsg_sdp_media_desc m;
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(sdp, 0), &m), SIPMSG_OK);
	cr_assert_eq(m.port, 49170);
	cr_assert_eq(m.nformats, 2);
	EXPECT_SLICE(m.formats[1], "8");
}

/* a=source-filter (RFC 4570 §3), in the forms of the RFC's examples: SSM
 * with one source, IPv6, the "*" wildcards, FQDNs, several sources. */
Test(sdp_lines, source_filter)
{
	sdp_parse_ok(SESSION_HEAD "a=source-filter: excl IN IP4 * 192.0.2.10\r\n"
				  "m=audio 49170 RTP/AVP 0\r\nc=IN IP4 232.3.4.5/127\r\n"
				  "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10\r\n"
				  "a=source-filter: incl IN IP6 FF0E::11A 2001:DB8:1:2:240:96FF:FE25:8EC9\r\n"
				  "a=source-filter: incl IN * dst-1.example.com src-1.example.com src-2.example.com\r\n"
				  "a=source-filter:INCL IN IP4 232.3.4.5 192.0.2.10\r\n");
	sipmsg_sdp_source_filter f;
	cr_assert_eq(sipmsg_sdp_get_source_filter(session(), 4, &f), SIPMSG_OK);
	cr_assert(f.exclude);
	EXPECT_SLICE(f.nettype, "IN");
	EXPECT_SLICE(f.addrtype, "IP4");
	EXPECT_SLICE(f.dest_address, "*");
	cr_assert_eq(f.nsources, 1);
	EXPECT_SLICE(f.sources[0], "192.0.2.10");
	EXPECT_FORMAT(sipmsg_sdp_format_source_filter(&f, b_, sizeof b_), " excl IN IP4 * 192.0.2.10");

	const sipmsg_sdp_section *m = sipmsg_sdp_media_at(sdp, 0);
	cr_assert_eq(sipmsg_sdp_get_source_filter(m, 2, &f), SIPMSG_OK);
	cr_assert_not(f.exclude);
	EXPECT_SLICE(f.dest_address, "232.3.4.5");
	EXPECT_FORMAT(sipmsg_sdp_format_source_filter(&f, b_, sizeof b_), " incl IN IP4 232.3.4.5 192.0.2.10");
	cr_assert_eq(sipmsg_sdp_get_source_filter(m, 3, &f), SIPMSG_OK);
	EXPECT_SLICE(f.addrtype, "IP6");
	EXPECT_SLICE(f.sources[0], "2001:DB8:1:2:240:96FF:FE25:8EC9");
	cr_assert_eq(sipmsg_sdp_get_source_filter(m, 4, &f), SIPMSG_OK);
	EXPECT_SLICE(f.addrtype, "*");
	cr_assert_eq(f.nsources, 2);
	EXPECT_SLICE(f.sources[1], "src-2.example.com");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	/* the mode in any case (an ABNF string); no SP after ':' reads, with a warning */
	cr_assert_eq(sipmsg_sdp_get_source_filter(m, 5, &f), SIPMSG_OK);
	cr_assert_not(f.exclude);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->column, 17);
	EXPECT_SDP_WIRE(sdp, SESSION_HEAD "a=source-filter: excl IN IP4 * 192.0.2.10\r\n"
					  "m=audio 49170 RTP/AVP 0\r\nc=IN IP4 232.3.4.5/127\r\n"
					  "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10\r\n"
					  "a=source-filter: incl IN IP6 FF0E::11A 2001:DB8:1:2:240:96FF:FE25:8EC9\r\n"
					  "a=source-filter: incl IN * dst-1.example.com src-1.example.com src-2.example.com\r\n"
					  "a=source-filter:INCL IN IP4 232.3.4.5 192.0.2.10\r\n");
}

/* What breaks the grammar, with the column of the byte that breaks it. */
Test(sdp_lines, source_filter_bad)
{
	static const struct {
		const char *value;
		uint32_t column;
		const char *msg;
	} cases[] = {
		{" only IN IP4 232.3.4.5 192.0.2.10", 18, "source-filter: the filter mode is neither incl nor excl"},
		{" incl IN IP4 232.3.4.5", 39, "source-filter: no source address"},
		{" incl IN IP4", 29, "source-filter: missing destination address"},
		{" incl I@N IP4 232.3.4.5 192.0.2.10", 24, "source-filter: the nettype is not a token"},
		{" incl IN IP4 232.3.4.5 *", 40, "source-filter: a source address cannot be *"},
		{"", 17, "source-filter: missing filter mode"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, SESSION_HEAD "a=source-filter:%s\r\n", cases[k].value);
		sdp_parse_ok(text);
		sipmsg_sdp_source_filter f;
		cr_assert_eq(sipmsg_sdp_get_source_filter(session(), 4, &f), SIPMSG_ESYNTAX, "%s", cases[k].value);
		const sipmsg_diag *d = NULL;
		for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++)
			if (sipmsg_sdp_diag_at(sdp, i)->severity == SIPMSG_SEVERITY_ERROR)
				d = sipmsg_sdp_diag_at(sdp, i);
		cr_assert(d, "%s", cases[k].value);
		cr_assert_str_eq(d->message, cases[k].msg);
		cr_assert_eq(d->line, 5);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].value, d->column);
		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX, "%s", cases[k].value);
	}
}

/* The diagnostic with this message on this line, or NULL. */
static const sipmsg_diag *diag_on_line(uint32_t line, const char *msg)
{
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++) {
		const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, i);
		if (d->line == line && strcmp(d->message, msg) == 0)
			return d;
	}
	return NULL;
}

/* The attributes whose grammars separate fields with SP (rtpmap, fmtp:
 * RFC 8866 §6.6, §6.15; rtcp: RFC 3605; rtcp-fb: RFC 4585; candidate: RFC
 * 8839; ssrc, ssrc-group: RFC 5576; extmap: RFC 8285; group: RFC 5888; msid:
 * RFC 8830; rid: RFC 8851; simulcast: RFC 8853; fingerprint: RFC 8122) are
 * held to one SP as the line grammars are: a warning found by
 * sipmsg_sdp_check() in a lenient parse, an error at the same column in a
 * strict one. */
Test(sdp_lines, attribute_fields_separated_by_one_space)
{
	static const struct {
		const char *line;
		uint32_t column;
	} cases[] = {
		{"a=rtpmap:96  opus/48000/2\r\n", 13},
		{"a=rtpmap:96\topus/48000/2\r\n", 12},
		{"a=fmtp:96  minptime=10\r\n", 11},
		{"a=rtcp:9  IN IP4 0.0.0.0\r\n", 10},
		{"a=rtcp:9 IN  IP4 0.0.0.0\r\n", 13},
		{"a=rtcp:9 IN IP4\t0.0.0.0\r\n", 16},
		{"a=rtcp-fb:96  nack\r\n", 14},
		{"a=rtcp-fb:96 nack  pli\r\n", 19},
		{"a=candidate:1  1 udp 2122260223 192.0.2.1 54321 typ host\r\n", 15},
		{"a=candidate:1 1 udp 2122260223 192.0.2.1  54321 typ host\r\n", 42},
		{"a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ  host\r\n", 52},
		{"a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation\t0\r\n", 67},
		{"a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host  generation 0\r\n", 57},
		{"a=ssrc:1  cname:x\r\n", 10},
		{"a=ssrc-group:FID 1  2\r\n", 20},
		{"a=extmap:1  urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n", 12},
		{"a=extmap:1 urn:ietf:params:rtp-hdrext:encrypt  urn:x:y\r\n", 47},
		{"a=extmap:1 urn:x:y  attrs\r\n", 20},
		{"a=group:BUNDLE 0  1\r\n", 18},
		{"a=msid:s  t\r\n", 10},
		{"a=rid:1  send\r\n", 9},
		{"a=rid:1 send  pt=96\r\n", 14},
		{"a=simulcast:send 1;2  recv 3\r\n", 22},
		{"a=simulcast:send\t1\r\n", 17},
		{"a=fingerprint:sha-1  AB:CD\r\n", 21},
	};
	static const char msg[] = "fields not separated by exactly one space";
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[512];
		snprintf(text, sizeof text, SESSION_HEAD "m=audio 49170 RTP/AVP 96\r\n%s", cases[k].line);
		sdp_parse_ok(text);
		cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
		const sipmsg_diag *d = diag_on_line(6, msg);
		cr_assert(d, "%s: no diagnostic", cases[k].line);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s", cases[k].line);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].line, d->column);

		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX, "%s", cases[k].line);
		cr_assert_eq(sdp_err.line, 6, "%s", cases[k].line);
		cr_assert_eq(sdp_err.column, cases[k].column, "%s: column %u", cases[k].line, sdp_err.column);
		cr_assert(strstr(sdp_err.reason, msg), "%s", sdp_err.reason);
	}
	/* the fields read as they would with one space */
	sdp_parse_ok(SESSION_HEAD "m=audio 49170 RTP/AVP 96\r\na=rtpmap:96\t\topus/48000/2\r\n");
	sipmsg_sdp_rtpmap r;
	cr_assert_eq(sipmsg_sdp_get_rtpmap(sipmsg_sdp_media_at(sdp, 0), 1, &r), SIPMSG_OK);
	EXPECT_SLICE(r.encoding, "opus");
	cr_assert_eq(r.clock_rate, 48000);
}

/* What the grammars allow stays quiet: crypto (RFC 4568 §9.1) and
 * imageattr (RFC 6236 §3.1) separate with 1*WSP; Chrome's "msid-semantic:
 * WMS" puts a space first, as the draft it comes from does. */
Test(sdp_lines, attribute_separators_the_grammar_allows)
{
	static const char text[] = SESSION_HEAD "a=msid-semantic: WMS s\r\n"
				   "m=video 49170 RTP/SAVP 96\r\n"
				   "a=crypto:1  AES_CM_128_HMAC_SHA1_80\tinline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4\r\n"
				   "a=imageattr:96  send\t[x=800,y=640]  [x=480,y=320] recv *\r\n";
	cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_OK, "%s", sdp_err.reason);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_null(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE));
}

/* The same attributes start with their first field: a space before it is
 * the one-SP rule broken at the value's first byte (a warning in a lenient
 * parse, which reads the fields as if it were not there; an error at that
 * column in a strict one). */
Test(sdp_lines, attribute_space_before_the_first_field)
{
#define HEAD_C "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
	static const char *const lines[] = {
		"a=rtpmap: 96 opus/48000/2\r\n",
		"a=fmtp:  96 minptime=10\r\n",
		"a=rtcp: 9 IN IP4 0.0.0.0\r\n",
		"a=rtcp-fb:\t96 nack\r\n",
		"a=candidate: 1 1 udp 2122260223 192.0.2.1 54321 typ host\r\n",
		"a=ssrc: 1 cname:x\r\n",
		"a=ssrc-group: FID 1 2\r\n",
		"a=extmap: 1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n",
		"a=group: BUNDLE 0 1\r\n",
		"a=msid: s t\r\n",
		"a=rid: 1 send\r\n",
		"a=fingerprint: sha-1 AB:CD\r\n",
	};
	static const char msg[] = "a space before the first field";
	for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
		char text[512];
		snprintf(text, sizeof text, HEAD_C "m=audio 49170 RTP/AVP 96\r\n%s", lines[k]);
		uint32_t column = (uint32_t)(strchr(lines[k], ':') - lines[k]) + 2;
		sdp_parse_ok(text);
		cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
		const sipmsg_diag *d = diag_on_line(7, msg);
		cr_assert(d, "%s: no diagnostic", lines[k]);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s", lines[k]);
		cr_assert_eq(d->column, column, "%s: column %u", lines[k], d->column);
		cr_assert_eq(sipmsg_sdp_error_count(sdp), 0, "%s", lines[k]);

		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX, "%s", lines[k]);
		cr_assert_eq(sdp_err.line, 7, "%s", lines[k]);
		cr_assert_eq(sdp_err.column, column, "%s: column %u", lines[k], sdp_err.column);
		cr_assert(strstr(sdp_err.reason, msg), "%s", sdp_err.reason);
	}
	/* the lenient read takes the fields after the spaces */
	sdp_parse_ok(HEAD_C "m=audio 49170 RTP/AVP 96\r\na=rtpmap: 96 opus/48000/2\r\n"
				  "a=fmtp:  96 minptime=10\r\n"
				  "a=candidate:\t1 1 udp 2122260223 192.0.2.1 54321 typ host\r\n");
	const sipmsg_sdp_section *m = sipmsg_sdp_media_at(sdp, 0);
	sipmsg_sdp_rtpmap r;
	cr_assert_eq(sipmsg_sdp_get_rtpmap(m, 1, &r), SIPMSG_OK);
	cr_assert_eq(r.payload_type, 96);
	EXPECT_SLICE(r.encoding, "opus");
	sipmsg_sdp_fmtp f;
	cr_assert_eq(sipmsg_sdp_get_fmtp(m, 2, &f), SIPMSG_OK);
	cr_assert_eq(f.payload_type, 96);
	EXPECT_SLICE(f.format, "96");
	cr_assert_eq(f.nparams, 1);
	EXPECT_SLICE(f.list[0].name, "minptime");
	sipmsg_sdp_candidate c;
	cr_assert_eq(sipmsg_sdp_get_candidate(m, 3, &c), SIPMSG_OK);
	EXPECT_SLICE(c.foundation, "1");
	cr_assert_eq(c.port, 54321);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 0);
#undef HEAD_C
}

/* "a=simulcast: send ..." is the drafts' spacing (1*2(WSP sc-str-list)),
 * not RFC 8853's: draft syntax, a warning in either mode like rid=, told
 * after the rid= warning, which says more. */
Test(sdp_lines, simulcast_space_first_is_draft_syntax)
{
	static const char text[] = SESSION_HEAD "m=video 49170 RTP/AVP 96\r\na=simulcast: send 1;2\r\n"
				   "a=rid:1 send\r\na=rid:2 send\r\n";
	cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_OK, "%s", sdp_err.reason);
	const sipmsg_diag *d = diag_on_line(6, "simulcast: a space before the first field (pre-RFC 8853 syntax)");
	cr_assert(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->column, 13);
	sipmsg_sdp_simulcast sc;
	cr_assert_eq(sipmsg_sdp_get_simulcast(sipmsg_sdp_media_at(sdp, 0), 1, &sc), SIPMSG_OK);
	cr_assert_eq(sc.count, 2);

	sdp_parse_ok(SESSION_HEAD "m=video 49170 RTP/AVP 96\r\na=simulcast: send rid=1;2\r\n");
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_not_null(diag_on_line(6, "simulcast: pre-RFC 8853 rid= syntax"));
}
