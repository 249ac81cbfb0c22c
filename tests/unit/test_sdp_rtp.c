/* SPDX-License-Identifier: MIT */
/* RTP attribute family: rtpmap, fmtp, ptime/maxptime/framerate, direction,
 * rtcp, rtcp-mux/rsize, rtcp-fb, extmap, imageattr, silenceSupp; the codec
 * list and the direction helper. */
#include "sdp_helpers.h"

TestSuite(sdp_rtp, .fini = sdp_teardown);

static const sipmsg_sdp_section *media(size_t i) { return sipmsg_sdp_media_at(sdp, i); }

Test(sdp_rtp, rtpmap)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 111 0 96 97\r\na=rtpmap:111 opus/48000/2\r\n"
				  "a=rtpmap:0 PCMU/8000\r\na=rtpmap:96 AppleLossless\r\na=rtpmap:97 L16/8000/x\r\n");
	sipmsg_sdp_rtpmap r;
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 1, &r), SIPMSG_OK);
	cr_assert_eq(r.payload_type, 111);
	EXPECT_SLICE(r.encoding, "opus");
	cr_assert_eq(r.clock_rate, 48000);
	EXPECT_SLICE(r.encoding_params, "2");
	cr_assert_eq(r.channels, 2);
	EXPECT_FORMAT(sipmsg_sdp_format_rtpmap(&r, b_, sizeof b_), "111 opus/48000/2");
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 2, &r), SIPMSG_OK);
	cr_assert_eq(r.channels, 0);
	EXPECT_FORMAT(sipmsg_sdp_format_rtpmap(&r, b_, sizeof b_), "0 PCMU/8000");
	/* AirTunes writes no clock rate (sdp-transform #30): kept, with a warning */
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 3, &r), SIPMSG_OK);
	EXPECT_SLICE(r.encoding, "AppleLossless");
	cr_assert_eq(r.clock_rate, 0);
	cr_assert_eq(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE)->severity, SIPMSG_SEVERITY_WARNING);
	EXPECT_FORMAT(sipmsg_sdp_format_rtpmap(&r, b_, sizeof b_), "96 AppleLossless");
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 4, &r), SIPMSG_OK);
	EXPECT_SLICE(r.encoding_params, "x");
	cr_assert_eq(r.channels, 0, "not a number");
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 0, &r), SIPMSG_ESTATE, "the m= line");

	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=rtpmap:128 X/1\r\na=rtpmap:x X/1\r\na=rtpmap:0\r\n"
				  "a=rtpmap:0 PCMU/x\r\na=rtpmap\r\n");
	for (size_t i = 1; i <= 5; i++)
		cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), i, &r), SIPMSG_ESYNTAX, "line %zu", i);
}

/* RFC 8866 §6.6: encoding-name = token, clock-rate = integer (1-9 first).
 * "o(p)us" was an encoding name, and a clock rate of 0 read as none: its
 * formatter dropped the "/0". */
Test(sdp_rtp, rtpmap_encoding_token_clock_positive)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 96 97 98\r\na=rtpmap:96 o(p)us/48000\r\na=rtpmap:97 foo/0\r\n"
				  "a=rtpmap:98 telephone-event/8000\r\n");
	sipmsg_sdp_rtpmap r;
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 1, &r), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_not_null(d);
	cr_assert_eq(d->column, 14, "at '(', got %u", (unsigned)d->column);
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 2, &r), SIPMSG_ESYNTAX);
	d = sipmsg_sdp_diag_at(sdp, 1);
	cr_assert_eq(d->column, 17, "at the clock rate, got %u", (unsigned)d->column);
	cr_assert_eq(sipmsg_sdp_get_rtpmap(media(0), 3, &r), SIPMSG_OK);
	EXPECT_SLICE(r.encoding, "telephone-event");
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "m=audio 1 RTP/AVP 97\r\na=rtpmap:97 foo/0\r\n", true),
		     SIPMSG_ESYNTAX);
}

Test(sdp_rtp, fmtp_params_split_raw_kept)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 100 101 97\r\n"
				  "a=fmtp:100 level-asymmetry-allowed=1;packetization-mode=1; profile-level-id=42e01f\r\n"
				  "a=fmtp:101 0-16\r\na=fmtp:97 sampling=YCbCr-4:2:2; interlace; SSN=ST2110-20:2017;\r\n"
				  "a=fmtp:t38 T38FaxVersion=0\r\n");
	sipmsg_sdp_fmtp f;
	cr_assert_eq(sipmsg_sdp_get_fmtp(media(0), 1, &f), SIPMSG_OK);
	cr_assert_eq(f.payload_type, 100);
	EXPECT_SLICE(f.params, "level-asymmetry-allowed=1;packetization-mode=1; profile-level-id=42e01f");
	cr_assert_eq(f.nparams, 3);
	EXPECT_SLICE(f.list[2].name, "profile-level-id");
	EXPECT_SLICE(f.list[2].value, "42e01f");
	EXPECT_FORMAT(sipmsg_sdp_format_fmtp(&f, b_, sizeof b_),
		      "100 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
	cr_assert_eq(sipmsg_sdp_get_fmtp(media(0), 2, &f), SIPMSG_OK);
	cr_assert_eq(f.nparams, 1);
	EXPECT_SLICE(f.list[0].name, "0-16");
	cr_assert_null(f.list[0].value.ptr);
	cr_assert_eq(sipmsg_sdp_get_fmtp(media(0), 3, &f), SIPMSG_OK);
	cr_assert_eq(f.nparams, 3, "the trailing ';' adds nothing");
	EXPECT_SLICE(f.list[1].name, "interlace");
	EXPECT_SLICE(f.list[2].value, "ST2110-20:2017");
	cr_assert_eq(sipmsg_sdp_get_fmtp(media(0), 4, &f), SIPMSG_OK);
	EXPECT_SLICE(f.format, "t38");
	cr_assert_eq(f.payload_type, -1);
	/* the raw string is written when the list is empty */
	sipmsg_sdp_fmtp b = {.format = {"101", 3}, .params = {"0-15", 4}};
	EXPECT_FORMAT(sipmsg_sdp_format_fmtp(&b, b_, sizeof b_), "101 0-15");
	/* an empty fmtp (webrtc-sdp PR #282) is reported */
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 96\r\na=fmtp:96 \r\n");
	cr_assert_eq(sipmsg_sdp_get_fmtp(media(0), 1, &f), SIPMSG_OK);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_BAD_VALUE));
}

Test(sdp_rtp, ptime_maxptime_framerate)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=ptime:20\r\na=maxptime:60\r\na=ptime:0.125\r\n"
				  "m=video 1 RTP/AVP 96\r\na=framerate:29.97\r\na=framerate:x\r\n");
	double v;
	cr_assert_eq(sipmsg_sdp_get_number(media(0), 1, &v), SIPMSG_OK);
	cr_assert_float_eq(v, 20.0, 1e-9);
	cr_assert_eq(sipmsg_sdp_get_number(media(0), 2, &v), SIPMSG_OK);
	cr_assert_float_eq(v, 60.0, 1e-9);
	cr_assert_eq(sipmsg_sdp_get_number(media(0), 3, &v), SIPMSG_OK);
	cr_assert_float_eq(v, 0.125, 1e-9);
	cr_assert_eq(sipmsg_sdp_get_number(media(1), 1, &v), SIPMSG_OK);
	cr_assert_float_eq(v, 29.97, 1e-9);
	cr_assert_eq(sipmsg_sdp_get_number(media(1), 2, &v), SIPMSG_ESYNTAX);
	EXPECT_FORMAT(sipmsg_sdp_format_number(29.97, b_, sizeof b_), "29.97");
	EXPECT_FORMAT(sipmsg_sdp_format_number(20, b_, sizeof b_), "20");
	EXPECT_FORMAT(sipmsg_sdp_format_number(0.125, b_, sizeof b_), "0.125");
	uint64_t u;
	cr_assert_eq(sipmsg_sdp_get_uint(media(0), 1, &u), SIPMSG_ESTATE, "ptime is a number, not an integer view");
}

/* RFC 8866 §6.4/§6.5/§6.13: ptime, maxptime and framerate are
 * non-zero-int-or-real. ".5", "5.", "020" and 0 read as numbers, with a
 * warning (they passed silently); "0.5" and "30.0" are clean. */
Test(sdp_rtp, number_non_zero_int_or_real)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=ptime:.5\r\na=ptime:5.\r\na=maxptime:020\r\n"
				  "a=ptime:0\r\na=ptime:0.5\r\na=ptime:30.0\r\na=ptime:.\r\n");
	static const struct {
		double v;
		bool warn;
	} want[] = {{0.5, true}, {5, true}, {20, true}, {0, true}, {0.5, false}, {30, false}};
	double v;
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		size_t before = sipmsg_sdp_diag_count(sdp);
		cr_assert_eq(sipmsg_sdp_get_number(media(0), k + 1, &v), SIPMSG_OK, "line %zu", k + 1);
		cr_assert_float_eq(v, want[k].v, 1e-9);
		cr_assert_eq(sipmsg_sdp_diag_count(sdp) - before, want[k].warn ? 1u : 0u, "line %zu", k + 1);
		if (want[k].warn) {
			const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, before);
			cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
			cr_assert_eq(d->column, 9 + (k == 2 ? 3 : 0));
		}
	}
	cr_assert_eq(sipmsg_sdp_get_number(media(0), 7, &v), SIPMSG_ESYNTAX, "no digit");
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, sipmsg_sdp_diag_count(sdp) - 1)->column, 9);
}

Test(sdp_rtp, direction_with_session_fallback)
{
	sdp_parse_ok(SESSION_HEAD "a=recvonly\r\nm=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\na=inactive\r\n"
				  "m=audio 3 RTP/AVP 0\r\na=sendonly\r\na=sendrecv\r\n");
	cr_assert_eq(sipmsg_sdp_media_direction(media(0)), SIPMSG_SDP_DIR_RECVONLY, "from the session");
	cr_assert_eq(sipmsg_sdp_media_direction(media(1)), SIPMSG_SDP_DIR_INACTIVE);
	cr_assert_eq(sipmsg_sdp_media_direction(media(2)), SIPMSG_SDP_DIR_SENDRECV, "the last one wins");
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\n");
	cr_assert_eq(sipmsg_sdp_media_direction(media(0)), SIPMSG_SDP_DIR_SENDRECV, "RFC 8866 default");
}

Test(sdp_rtp, rtcp_mux_rsize)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=rtcp:53020\r\n"
				  "a=rtcp:9 IN IP6 2001:db8::1\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtcp:1 IN IP7 X\r\n");
	sipmsg_sdp_rtcp r;
	cr_assert_eq(sipmsg_sdp_get_rtcp(media(0), 1, &r), SIPMSG_OK);
	cr_assert_eq(r.port, 9);
	EXPECT_SLICE(r.nettype, "IN");
	EXPECT_SLICE(r.addrtype, "IP4");
	EXPECT_SLICE(r.address, "0.0.0.0");
	EXPECT_FORMAT(sipmsg_sdp_format_rtcp(&r, b_, sizeof b_), "9 IN IP4 0.0.0.0");
	cr_assert_eq(sipmsg_sdp_get_rtcp(media(0), 2, &r), SIPMSG_OK);
	cr_assert_eq(r.port, 53020);
	cr_assert_eq(r.address.len, 0);
	EXPECT_FORMAT(sipmsg_sdp_format_rtcp(&r, b_, sizeof b_), "53020");
	cr_assert_eq(sipmsg_sdp_get_rtcp(media(0), 3, &r), SIPMSG_OK);
	EXPECT_SLICE(r.address, "2001:db8::1");
	cr_assert_eq(sipmsg_sdp_attr_count(media(0), SIPMSG_SDP_ATTR_RTCP_MUX), 1);
	cr_assert_eq(sipmsg_sdp_attr_count(media(0), SIPMSG_SDP_ATTR_RTCP_RSIZE), 1);
	/* sdp-transform's invalid.sdp: an unknown address type is a warning */
	cr_assert_eq(sipmsg_sdp_get_rtcp(media(0), 6, &r), SIPMSG_OK);
	cr_assert_eq(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_ADDRESS)->severity, SIPMSG_SEVERITY_WARNING);
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=rtcp:x\r\na=rtcp:9 IN\r\n");
	cr_assert_eq(sipmsg_sdp_get_rtcp(media(0), 1, &r), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_rtcp(media(0), 2, &r), SIPMSG_ESYNTAX);
}

Test(sdp_rtp, rtcp_fb_wildcard_and_trr_int)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 96\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n"
				  "a=rtcp-fb:* trr-int 5\r\na=rtcp-fb:* ccm tmmbr\r\na=rtcp-fb:96 ack app foo bar\r\n"
				  "a=rtcp-fb:96 goog-remb\r\n");
	sipmsg_sdp_rtcp_fb f;
	cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), 1, &f), SIPMSG_OK);
	cr_assert_not(f.wildcard);
	cr_assert_eq(f.pt, 96);
	EXPECT_SLICE(f.type, "nack");
	cr_assert_eq(f.subtype.len, 0);
	EXPECT_FORMAT(sipmsg_sdp_format_rtcp_fb(&f, b_, sizeof b_), "96 nack");
	cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), 2, &f), SIPMSG_OK);
	EXPECT_SLICE(f.subtype, "pli");
	cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), 3, &f), SIPMSG_OK);
	cr_assert(f.wildcard);
	EXPECT_SLICE(f.type, "trr-int");
	cr_assert_eq(f.trr_int, 5, "not NaN (sdp-transform PR #91)");
	EXPECT_FORMAT(sipmsg_sdp_format_rtcp_fb(&f, b_, sizeof b_), "* trr-int 5");
	cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), 4, &f), SIPMSG_OK);
	EXPECT_SLICE(f.subtype, "tmmbr");
	cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), 5, &f), SIPMSG_OK);
	EXPECT_SLICE(f.type, "ack");
	EXPECT_SLICE(f.subtype, "app");
	EXPECT_SLICE(f.params, "app foo bar");
	cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), 6, &f), SIPMSG_OK);
	EXPECT_SLICE(f.type, "goog-remb");
	sipmsg_sdp_rtcp_fb b = {.wildcard = true, .type = {"trr-int", 7}, .trr_int = 100};
	EXPECT_FORMAT(sipmsg_sdp_format_rtcp_fb(&b, b_, sizeof b_), "* trr-int 100");
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 96\r\na=rtcp-fb:96\r\na=rtcp-fb:x nack\r\na=rtcp-fb:* trr-int\r\n");
	for (size_t i = 1; i <= 3; i++)
		cr_assert_eq(sipmsg_sdp_get_rtcp_fb(media(0), i, &f), SIPMSG_ESYNTAX, "line %zu", i);
}

Test(sdp_rtp, extmap_direction_encrypt_attributes)
{
	sdp_parse_ok(SESSION_HEAD "a=extmap-allow-mixed\r\nm=audio 1 RTP/AVP 0\r\n"
				  "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
				  "a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:toffset\r\n"
				  "a=extmap:3 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:smpte-tc 25@600/24\r\n"
				  "a=extmap:4/recvonly urn:ietf:params:rtp-hdrext:encrypt URI-gps-string\r\n"
				  "a=extmap:3 some_other_extension some_params some more params\r\n");
	cr_assert_eq(sipmsg_sdp_attr_count(sipmsg_sdp_session(sdp), SIPMSG_SDP_ATTR_EXTMAP_ALLOW_MIXED), 1);
	sipmsg_sdp_extmap e;
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 1, &e), SIPMSG_OK);
	cr_assert_eq(e.id, 1);
	cr_assert_eq(e.direction, SIPMSG_SDP_DIR_NONE);
	cr_assert_not(e.encrypt);
	EXPECT_SLICE(e.uri, "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 2, &e), SIPMSG_OK);
	cr_assert_eq(e.direction, SIPMSG_SDP_DIR_SENDONLY);
	EXPECT_FORMAT(sipmsg_sdp_format_extmap(&e, b_, sizeof b_), "2/sendonly urn:ietf:params:rtp-hdrext:toffset");
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 3, &e), SIPMSG_OK);
	cr_assert(e.encrypt);
	EXPECT_SLICE(e.uri, "urn:ietf:params:rtp-hdrext:smpte-tc");
	EXPECT_SLICE(e.attributes, "25@600/24");
	EXPECT_FORMAT(sipmsg_sdp_format_extmap(&e, b_, sizeof b_),
		      "3 urn:ietf:params:rtp-hdrext:encrypt urn:ietf:params:rtp-hdrext:smpte-tc 25@600/24");
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 4, &e), SIPMSG_OK);
	cr_assert_eq(e.direction, SIPMSG_SDP_DIR_RECVONLY);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_BAD_VALUE), "URI-gps-string is no absolute URI");
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 5, &e), SIPMSG_OK);
	EXPECT_SLICE(e.attributes, "some_params some more params");
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=extmap:0 urn:x:y\r\na=extmap:1/up urn:x:y\r\na=extmap:1\r\n");
	for (size_t i = 1; i <= 3; i++)
		cr_assert_eq(sipmsg_sdp_get_extmap(media(0), i, &e), SIPMSG_ESYNTAX, "line %zu", i);
}

/* RFC 8285 §8: direction = "sendonly" / "recvonly" / "sendrecv" /
 * "inactive", ABNF quoted strings: any case (RFC 5234 §2.3). */
Test(sdp_rtp, extmap_direction_any_case)
{
	static const char text[] = SESSION_HEAD "m=audio 1 RTP/AVP 0\r\n"
				   "a=extmap:2/SendOnly urn:ietf:params:rtp-hdrext:toffset\r\n"
				   "a=extmap:3/INACTIVE urn:x:y\r\n";
	sdp_parse_ok(text);
	sipmsg_sdp_extmap e;
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 1, &e), SIPMSG_OK);
	cr_assert_eq(e.direction, SIPMSG_SDP_DIR_SENDONLY);
	EXPECT_SLICE(e.uri, "urn:ietf:params:rtp-hdrext:toffset");
	EXPECT_FORMAT(sipmsg_sdp_format_extmap(&e, b_, sizeof b_), "2/sendonly urn:ietf:params:rtp-hdrext:toffset");
	cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 2, &e), SIPMSG_OK);
	cr_assert_eq(e.direction, SIPMSG_SDP_DIR_INACTIVE);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	EXPECT_SDP_WIRE(sdp, text);
}

/* RFC 8285: ids 1-255, and 4096-4351 in an answer that declines one */
Test(sdp_rtp, extmap_id_ranges)
{
	static const struct {
		const char *id;
		bool ok;
	} cases[] = {{"1", true},     {"14", true},    {"15", true},    {"255", true},  {"256", false},
		     {"300", false},  {"4095", false}, {"4096", true},  {"4351", true}, {"4352", false}};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=extmap:%s urn:x:y\r\n", cases[k].id);
		sdp_parse_ok(text);
		sipmsg_sdp_extmap e;
		cr_assert_eq(sipmsg_sdp_get_extmap(media(0), 1, &e), cases[k].ok ? SIPMSG_OK : SIPMSG_ESYNTAX, "id %s",
			     cases[k].id);
		cr_assert_eq(sdp_has_diag(SIPMSG_DIAG_SDP_BAD_VALUE), !cases[k].ok, "id %s", cases[k].id);
	}
}

Test(sdp_rtp, imageattr)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 97 100\r\n"
				  "a=imageattr:97 send [x=1280,y=720] recv [x=1280,y=720] [x=320,y=180]\r\n"
				  "a=imageattr:100 recv [x=[480:16:800],y=[320:16:640],par=[1.2-1.3],q=0.6] send *\r\n"
				  "a=imageattr:* recv *\r\na=imageattr:flob\r\na=imageattr:97 send [x=1\r\n");
	sipmsg_sdp_imageattr ia;
	cr_assert_eq(sipmsg_sdp_get_imageattr(media(0), 1, &ia), SIPMSG_OK);
	cr_assert_eq(ia.pt, 97);
	EXPECT_SLICE(ia.send, "[x=1280,y=720]");
	EXPECT_SLICE(ia.recv, "[x=1280,y=720] [x=320,y=180]");
	cr_assert_eq(ia.nsend_sets, 1);
	cr_assert_eq(ia.nrecv_sets, 2);
	EXPECT_SLICE(ia.recv_sets[1], "[x=320,y=180]");
	cr_assert_eq(sipmsg_sdp_get_imageattr(media(0), 2, &ia), SIPMSG_OK);
	cr_assert_eq(ia.nrecv_sets, 1, "nested brackets stay in one set");
	EXPECT_SLICE(ia.send, "*");
	cr_assert_eq(ia.nsend_sets, 0);
	EXPECT_FORMAT(sipmsg_sdp_format_imageattr(&ia, b_, sizeof b_),
		      "100 send * recv [x=[480:16:800],y=[320:16:640],par=[1.2-1.3],q=0.6]");
	cr_assert_eq(sipmsg_sdp_get_imageattr(media(0), 3, &ia), SIPMSG_OK);
	cr_assert(ia.wildcard);
	cr_assert_eq(sipmsg_sdp_get_imageattr(media(0), 4, &ia), SIPMSG_ESYNTAX, "webrtc-sdp 33.sdp");
	cr_assert_eq(sipmsg_sdp_get_imageattr(media(0), 5, &ia), SIPMSG_ESYNTAX, "unbalanced");
}

/* RFC 6236: image-attr = "imageattr:" PT 1*2( 1*WSP ( "send" / "recv" )
 * 1*WSP attr-list ): quoted strings, any case. The upper-case RECV must
 * also end the send sets rather than be read as one of them. */
Test(sdp_rtp, imageattr_send_recv_any_case)
{
	static const char text[] = SESSION_HEAD "m=video 1 RTP/AVP 97\r\n"
				   "a=imageattr:97 SEND [x=640,y=480] Recv [x=320,y=240]\r\n";
	sdp_parse_ok(text);
	sipmsg_sdp_imageattr ia;
	cr_assert_eq(sipmsg_sdp_get_imageattr(media(0), 1, &ia), SIPMSG_OK);
	EXPECT_SLICE(ia.send, "[x=640,y=480]");
	EXPECT_SLICE(ia.recv, "[x=320,y=240]");
	cr_assert_eq(ia.nsend_sets, 1);
	cr_assert_eq(ia.nrecv_sets, 1);
	EXPECT_FORMAT(sipmsg_sdp_format_imageattr(&ia, b_, sizeof b_), "97 send [x=640,y=480] recv [x=320,y=240]");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	EXPECT_SDP_WIRE(sdp, text);
}

Test(sdp_rtp, silencesupp)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=silenceSupp:off - - - -\r\na=silenceSupp:on 200 - - 1\r\n"
				  "a=silenceSupp:on\r\n");
	sipmsg_sdp_silencesupp s;
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 1, &s), SIPMSG_OK);
	EXPECT_SLICE(s.enable, "off");
	EXPECT_SLICE(s.fxnslevel, "-");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 2, &s), SIPMSG_OK);
	EXPECT_SLICE(s.timer, "200");
	EXPECT_FORMAT(sipmsg_sdp_format_silencesupp(&s, b_, sizeof b_), "on 200 - - 1");
	sipmsg_sdp_silencesupp b = {.enable = {"off", 3}};
	EXPECT_FORMAT(sipmsg_sdp_format_silencesupp(&b, b_, sizeof b_), "off - - - -");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 3, &s), SIPMSG_ESYNTAX);
}

Test(sdp_rtp, codec_list)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 111 0 8 101 webrtc 18\r\na=rtpmap:111 opus/48000/2\r\n"
				  "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:101 telephone-event/8000\r\n"
				  "a=fmtp:101 0-16\r\na=rtpmap:8 PCMA/8000\r\n");
	const sipmsg_sdp_section *m = media(0);
	cr_assert_eq(sipmsg_sdp_codec_count(m), 5, "webrtc is no payload type");
	sipmsg_sdp_codec c;
	cr_assert_eq(sipmsg_sdp_codec_at(m, 0, &c), SIPMSG_OK);
	cr_assert_eq(c.payload_type, 111);
	EXPECT_SLICE(c.name, "opus");
	cr_assert_eq(c.clock_rate, 48000);
	cr_assert_eq(c.channels, 2);
	EXPECT_SLICE(c.fmtp, "minptime=10;useinbandfec=1");
	cr_assert_eq(c.rtpmap_line, 1);
	cr_assert_eq(c.fmtp_line, 2);
	cr_assert_eq(sipmsg_sdp_codec_at(m, 1, &c), SIPMSG_OK);
	cr_assert_eq(c.payload_type, 0);
	EXPECT_SLICE(c.name, "PCMU");
	cr_assert_eq(c.clock_rate, 8000);
	cr_assert_eq(c.rtpmap_line, -1, "RFC 3551 static payload type");
	cr_assert_eq(sipmsg_sdp_codec_at(m, 2, &c), SIPMSG_OK);
	cr_assert_eq(c.rtpmap_line, 5);
	cr_assert_eq(sipmsg_sdp_codec_at(m, 3, &c), SIPMSG_OK);
	EXPECT_SLICE(c.name, "telephone-event");
	EXPECT_SLICE(c.fmtp, "0-16");
	cr_assert_eq(sipmsg_sdp_codec_at(m, 4, &c), SIPMSG_OK);
	cr_assert_eq(c.payload_type, 18);
	EXPECT_SLICE(c.name, "G729");
	cr_assert_eq(sipmsg_sdp_codec_at(m, 5, &c), SIPMSG_ENOTFOUND);
	cr_assert_eq(sipmsg_sdp_codec_at(sipmsg_sdp_session(sdp), 0, &c), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_codec_count(sipmsg_sdp_session(sdp)), 0);
}

/* RFC 3108 §5.6.3.2: five fields, one SP between them, "-" for any not
 * given; sidUse "No SID", "Fixed Noise" or "Sampled Noise" is one field
 * with a space in it. Separators follow the one-SP rule (a warning, strict:
 * an error at the column); values out of their sets are warnings. */
Test(sdp_rtp, silencesupp_fields)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=silenceSupp:on 250 standard Fixed Noise 30\r\n"
				  "a=silenceSupp:on - custom No SID -\r\na=silenceSupp:ON 20 - sampled noise 7\r\n"
				  "a=silenceSupp:Off - - - -\r\n");
	sipmsg_sdp_silencesupp s;
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 1, &s), SIPMSG_OK);
	EXPECT_SLICE(s.siduse, "Fixed Noise");
	EXPECT_SLICE(s.fxnslevel, "30");
	EXPECT_FORMAT(sipmsg_sdp_format_silencesupp(&s, b_, sizeof b_), "on 250 standard Fixed Noise 30");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 2, &s), SIPMSG_OK);
	EXPECT_SLICE(s.siduse, "No SID");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 3, &s), SIPMSG_OK);
	EXPECT_SLICE(s.siduse, "sampled noise");
	EXPECT_SLICE(s.enable, "ON");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 4, &s), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "keywords in any case, on and off too");

	static const struct {
		const char *value;
		uint32_t column;
		const char *msg;
		bool strict_error;
	} cases[] = {
		{"off  - - - -", 19, "fields not separated by exactly one space", true},
		{"off - - -\t-", 24, "fields not separated by exactly one space", true},
		/* the gap inside a two-word sidUse is a separator too (it read as six fields) */
		{"on - - Fixed  Noise -", 28, "fields not separated by exactly one space", true},
		{"on - - No\tSID -", 24, "fields not separated by exactly one space", true},
		{"on x - - -", 18, "silenceSupp: silenceTimer is neither - nor a number", false},
		{"on - best - -", 20, "silenceSupp: suppPref is not -, standard or custom", false},
		{"on - - Noise -", 22, "silenceSupp: sidUse is not -, No SID, Fixed Noise or Sampled Noise", false},
		{"on - - - high", 24, "silenceSupp: fxnslevel is neither - nor a number", false},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=silenceSupp:%s\r\n", cases[k].value);
		sdp_parse_ok(text);
		cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 1, &s), SIPMSG_OK, "%s", cases[k].value);
		const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
		cr_assert(d, "%s", cases[k].value);
		cr_assert_str_eq(d->message, cases[k].msg);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].value, d->column);
		sipmsg_status st = sdp_parse_mode(text, true);
		cr_assert_eq(st, cases[k].strict_error ? SIPMSG_ESYNTAX : SIPMSG_OK, "%s", cases[k].value);
		if (cases[k].strict_error)
			cr_assert_eq(sdp_err.column, cases[k].column, "%s: column %u", cases[k].value, sdp_err.column);
	}
	/* the lenient read keeps the value as written, and it is a known sidUse */
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=silenceSupp:on - - Sampled  noise 3\r\n");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 1, &s), SIPMSG_OK);
	EXPECT_SLICE(s.siduse, "Sampled  noise");
	EXPECT_SLICE(s.fxnslevel, "3");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 1, "only the separator's warning");
	/* RFC 3108 prints its syntax with a space after the colon: let be */
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=silenceSupp: off - - - -\r\n");
	cr_assert_eq(sipmsg_sdp_get_silencesupp(media(0), 1, &s), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
}
