/* SPDX-License-Identifier: MIT */
/* Grouping, stream and data-channel attribute family: mid, group,
 * msid-semantic, msid, ssrc, ssrc-group, rid, simulcast, sctp-port,
 * max-message-size, sctpmap, label, content. */
#include "sdp_helpers.h"

TestSuite(sdp_bundle, .fini = sdp_teardown);

static const sipmsg_sdp_section *media(size_t i) { return sipmsg_sdp_media_at(sdp, i); }

Test(sdp_bundle, mid_group_msid_semantic)
{
	sdp_parse_ok(SESSION_HEAD "a=group:BUNDLE 0 1\r\na=group:LS 0 1\r\na=msid-semantic: WMS stream-4f5a\r\n"
				  "a=group:FEC\r\nm=audio 1 RTP/AVP 0\r\na=mid:0\r\nm=video 1 RTP/AVP 96\r\na=mid:1\r\n");
	const sipmsg_sdp_section *s = sipmsg_sdp_session(sdp);
	sipmsg_sdp_group g;
	cr_assert_eq(sipmsg_sdp_get_group(s, 4, &g), SIPMSG_OK);
	EXPECT_SLICE(g.semantics, "BUNDLE");
	cr_assert_eq(g.count, 2);
	EXPECT_SLICE(g.ids[1], "1");
	EXPECT_FORMAT(sipmsg_sdp_format_group(&g, b_, sizeof b_), "BUNDLE 0 1");
	cr_assert_eq(sipmsg_sdp_get_group(s, 5, &g), SIPMSG_OK);
	EXPECT_SLICE(g.semantics, "LS");
	cr_assert_eq(sipmsg_sdp_get_group(s, 6, &g), SIPMSG_OK, "msid-semantic shares the view");
	EXPECT_SLICE(g.semantics, "WMS");
	EXPECT_SLICE(g.ids[0], "stream-4f5a");
	cr_assert_eq(sipmsg_sdp_get_group(s, 7, &g), SIPMSG_OK);
	cr_assert_eq(g.count, 0);
	sipmsg_slice mid;
	cr_assert_eq(sipmsg_sdp_get_token(media(1), 1, &mid), SIPMSG_OK);
	EXPECT_SLICE(mid, "1");
	cr_assert_eq(sipmsg_sdp_media_by_mid(sdp, "1", 1), media(1));
	cr_assert_null(sipmsg_sdp_media_by_mid(sdp, "2", 1));
	/* junk after a mid is reported and left out (sdp-transform st2110-20.sdp) */
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 96\r\na=mid:secondary;\r\n");
	cr_assert_eq(sipmsg_sdp_get_token(media(0), 1, &mid), SIPMSG_OK);
	EXPECT_SLICE(mid, "secondary");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_BAD_VALUE));
	cr_assert_not_null(sipmsg_sdp_media_by_mid(sdp, "secondary", 9));
}

Test(sdp_bundle, msid_ssrc_ssrc_group)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 96\r\na=msid:stream-4f5a video-track\r\na=msid:only\r\n"
				  "a=ssrc-group:FID 2231627014 632943048\r\na=ssrc:2231627014 cname:rTCpjTXKZxhWOhd5\r\n"
				  "a=ssrc:2231627014 msid:stream-4f5a video-track\r\na=ssrc:1 label\r\n"
				  "a=ssrc:4294967296 cname:x\r\na=ssrc-group:FEC-FR 1 x\r\na=msid:a b c\r\n");
	sipmsg_sdp_msid ms;
	cr_assert_eq(sipmsg_sdp_get_msid(media(0), 1, &ms), SIPMSG_OK);
	EXPECT_SLICE(ms.id, "stream-4f5a");
	EXPECT_SLICE(ms.appdata, "video-track");
	cr_assert_eq(sipmsg_sdp_get_msid(media(0), 2, &ms), SIPMSG_OK);
	cr_assert_null(ms.appdata.ptr);
	EXPECT_FORMAT(sipmsg_sdp_format_msid(&ms, b_, sizeof b_), "only");
	sipmsg_sdp_ssrc_group sg;
	cr_assert_eq(sipmsg_sdp_get_ssrc_group(media(0), 3, &sg), SIPMSG_OK);
	EXPECT_SLICE(sg.semantics, "FID");
	cr_assert_eq(sg.count, 2);
	cr_assert_eq(sg.ssrcs[0], 2231627014u);
	cr_assert_eq(sg.ssrcs[1], 632943048u);
	EXPECT_FORMAT(sipmsg_sdp_format_ssrc_group(&sg, b_, sizeof b_), "FID 2231627014 632943048");
	sipmsg_sdp_ssrc ss;
	cr_assert_eq(sipmsg_sdp_get_ssrc(media(0), 4, &ss), SIPMSG_OK);
	cr_assert_eq(ss.ssrc, 2231627014u);
	EXPECT_SLICE(ss.attribute, "cname");
	EXPECT_SLICE(ss.value, "rTCpjTXKZxhWOhd5");
	cr_assert_eq(sipmsg_sdp_get_ssrc(media(0), 5, &ss), SIPMSG_OK);
	EXPECT_SLICE(ss.value, "stream-4f5a video-track");
	EXPECT_FORMAT(sipmsg_sdp_format_ssrc(&ss, b_, sizeof b_), "2231627014 msid:stream-4f5a video-track");
	cr_assert_eq(sipmsg_sdp_get_ssrc(media(0), 6, &ss), SIPMSG_OK);
	cr_assert_null(ss.value.ptr);
	cr_assert_eq(sipmsg_sdp_get_ssrc(media(0), 7, &ss), SIPMSG_ESYNTAX, "more than 32 bits");
	cr_assert_eq(sipmsg_sdp_get_ssrc_group(media(0), 8, &sg), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_msid(media(0), 9, &ms), SIPMSG_ESYNTAX);
}

Test(sdp_bundle, rid)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 97 98\r\na=rid:1 send pt=97;max-width=1280;max-height=720\r\n"
				  "a=rid:c recv pt=97,98\r\na=rid:lo send max-fps=15\r\na=rid:x both\r\na=rid:y send pt=abc\r\n"
				  "a=rid:z recv\r\n");
	sipmsg_sdp_rid r;
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 1, &r), SIPMSG_OK);
	EXPECT_SLICE(r.id, "1");
	cr_assert_eq(r.direction, SIPMSG_SDP_DIR_SENDONLY);
	cr_assert_eq(r.npayload_types, 1, "pt= is parsed (pion PR #3453)");
	cr_assert_eq(r.payload_types[0], 97);
	cr_assert_eq(r.nrestrictions, 2);
	EXPECT_SLICE(r.restrictions[0].name, "max-width");
	EXPECT_SLICE(r.restrictions[1].value, "720");
	EXPECT_FORMAT(sipmsg_sdp_format_rid(&r, b_, sizeof b_), "1 send pt=97;max-width=1280;max-height=720");
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 2, &r), SIPMSG_OK);
	cr_assert_eq(r.direction, SIPMSG_SDP_DIR_RECVONLY);
	cr_assert_eq(r.npayload_types, 2);
	cr_assert_eq(r.payload_types[1], 98);
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 3, &r), SIPMSG_OK);
	cr_assert_eq(r.npayload_types, 0);
	cr_assert_eq(r.nrestrictions, 1);
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 4, &r), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 5, &r), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 6, &r), SIPMSG_OK);
	EXPECT_FORMAT(sipmsg_sdp_format_rid(&r, b_, sizeof b_), "z recv");
}

Test(sdp_bundle, simulcast_alternatives_and_paused)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 97\r\na=simulcast:send 1,~4;2;3 recv c\r\n"
				  "a=simulcast: send rid=1,4;2;3 paused=4 recv rid=c\r\na=simulcast:recv a;b\r\n"
				  "a=simulcast:send\r\na=simulcast:send 1 send 2\r\na=simulcast:send 1,,2\r\n");
	sipmsg_sdp_simulcast sc;
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 1, &sc), SIPMSG_OK);
	cr_assert_eq(sc.count, 5);
	static const struct {
		sipmsg_sdp_direction dir;
		uint32_t stream;
		const char *rid;
		bool paused;
	} want[] = {{SIPMSG_SDP_DIR_SENDONLY, 0, "1", false}, {SIPMSG_SDP_DIR_SENDONLY, 0, "4", true},
		    {SIPMSG_SDP_DIR_SENDONLY, 1, "2", false}, {SIPMSG_SDP_DIR_SENDONLY, 2, "3", false},
		    {SIPMSG_SDP_DIR_RECVONLY, 0, "c", false}};
	for (size_t k = 0; k < 5; k++) {
		cr_assert_eq(sc.rids[k].direction, want[k].dir, "%zu", k);
		cr_assert_eq(sc.rids[k].stream, want[k].stream, "%zu", k);
		EXPECT_SLICE(sc.rids[k].rid, want[k].rid);
		cr_assert_eq(sc.rids[k].paused, want[k].paused, "%zu", k);
	}
	EXPECT_FORMAT(sipmsg_sdp_format_simulcast(&sc, b_, sizeof b_), "send 1,~4;2;3 recv c");
	/* the draft syntax the sdp-transform fixture uses: same meaning, a warning */
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 2, &sc), SIPMSG_OK);
	cr_assert_eq(sc.count, 5);
	cr_assert(sc.rids[1].paused, "paused=4");
	EXPECT_FORMAT(sipmsg_sdp_format_simulcast(&sc, b_, sizeof b_), "send 1,~4;2;3 recv c");
	cr_assert_eq(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE)->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 3, &sc), SIPMSG_OK);
	cr_assert_eq(sc.rids[1].stream, 1);
	for (size_t i = 4; i <= 6; i++)
		cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), i, &sc), SIPMSG_ESYNTAX, "line %zu", i);
}

/* Unlike most SDP grammars, RFC 8851 §10 (rid-dir = %s"send" / %s"recv")
 * and RFC 8853 §5.1 (sc-send = %s"send" ..., sc-recv = %s"recv" ...) use
 * RFC 7405's case-sensitive strings: "SEND" is not a direction. */
Test(sdp_bundle, rid_simulcast_directions_case_sensitive)
{
	sdp_parse_ok(SESSION_HEAD "m=video 1 RTP/AVP 97\r\na=rid:a SEND\r\na=rid:b Recv\r\n"
				  "a=simulcast:SEND a\r\na=simulcast:send a Recv b\r\n");
	sipmsg_sdp_rid r;
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 1, &r), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 2, &r), SIPMSG_ESYNTAX);
	sipmsg_sdp_simulcast sc;
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 3, &sc), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 4, &sc), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 4);
	const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, 0);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 9, "at the direction");
	d = sipmsg_sdp_diag_at(sdp, 3);
	cr_assert_eq(d->line, 9);
	cr_assert_eq(d->column, 20, "at Recv");
}

Test(sdp_bundle, rid_id_grammar)
{
	/* RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"), and RFC 8853
	 * sc-id = [sc-id-paused] rid-id. The draft "pt=" form lists payload
	 * types, not rids, so it cannot be read as a simulcast of rids. */
	sdp_parse_ok(SESSION_HEAD "m=video 5004 RTP/AVP 100 101\r\nc=IN IP4 192.0.2.9\r\n"
				  "a=rid:hi-res_1 send pt=100\r\na=rid:lo_2 send pt=101\r\na=rid:lo.res send\r\n"
				  "a=simulcast:send hi-res_1;~lo_2\r\na=simulcast:send pt=100;101\r\n"
				  "a=simulcast:recv a+b\r\n");
	sipmsg_sdp_rid r;
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 2, &r), SIPMSG_OK);
	EXPECT_SLICE(r.id, "hi-res_1");
	cr_assert_eq(sipmsg_sdp_get_rid(media(0), 4, &r), SIPMSG_ESYNTAX, "'.' is not a rid-id character");
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 0)->column, 9, "at the '.'");
	sipmsg_sdp_simulcast sc;
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 5, &sc), SIPMSG_OK);
	EXPECT_SLICE(sc.rids[1].rid, "lo_2");
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 6, &sc), SIPMSG_ESYNTAX, "payload types are not rids");
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 1)->column, 18, "at pt=");
	cr_assert_eq(sipmsg_sdp_get_simulcast(media(0), 7, &sc), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 2)->column, 19, "at the '+'");
	/* so the check does not report the payload types as undefined rids */
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_not(sdp_has_diag(SIPMSG_DIAG_SDP_SIMULCAST_UNKNOWN_RID));
}

Test(sdp_bundle, data_channel_label_content)
{
	sdp_parse_ok(SESSION_HEAD "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n"
				  "a=max-message-size:262144\r\nm=application 9 DTLS/SCTP 5000\r\n"
				  "a=sctpmap:5000 webrtc-datachannel 1024\r\na=sctpmap:5000 webrtc-datachannel\r\n"
				  "a=sctpmap:5000\r\nm=video 1 RTP/AVP 96\r\na=label:1\r\na=content:slides,main\r\n"
				  "a=sctp-port:x\r\n");
	uint64_t u;
	cr_assert_eq(sipmsg_sdp_get_uint(media(0), 1, &u), SIPMSG_OK);
	cr_assert_eq(u, 5000);
	cr_assert_eq(sipmsg_sdp_get_uint(media(0), 2, &u), SIPMSG_OK);
	cr_assert_eq(u, 262144);
	sipmsg_sdp_sctpmap m;
	cr_assert_eq(sipmsg_sdp_get_sctpmap(media(1), 1, &m), SIPMSG_OK);
	cr_assert_eq(m.number, 5000);
	EXPECT_SLICE(m.app, "webrtc-datachannel");
	cr_assert_eq(m.streams, 1024);
	EXPECT_FORMAT(sipmsg_sdp_format_sctpmap(&m, b_, sizeof b_), "5000 webrtc-datachannel 1024");
	cr_assert_eq(sipmsg_sdp_get_sctpmap(media(1), 2, &m), SIPMSG_OK);
	cr_assert_eq(m.streams, 0);
	cr_assert_eq(sipmsg_sdp_get_sctpmap(media(1), 3, &m), SIPMSG_ESYNTAX, "webrtc-sdp 30.sdp");
	sipmsg_slice v;
	cr_assert_eq(sipmsg_sdp_attr_value(media(2), "label", 5, &v), SIPMSG_OK);
	EXPECT_SLICE(v, "1");
	sipmsg_sdp_list l;
	cr_assert_eq(sipmsg_sdp_get_list(media(2), 2, &l), SIPMSG_OK);
	cr_assert_eq(l.count, 2);
	EXPECT_SLICE(l.items[1], "main");
	EXPECT_FORMAT(sipmsg_sdp_format_list(&l, ',', b_, sizeof b_), "slides,main");
	cr_assert_eq(sipmsg_sdp_get_uint(media(2), 3, &u), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_list(media(2), 1, &l), SIPMSG_ESTATE, "label is text");
}

/* draft-ietf-mmusic-sctp-sdp-05/06: sctpmap-number SP app [SP streams],
 * app a token. The separators follow the one-SP rule (a warning, strict: an
 * error at the column), as does a space before the number; the number and
 * the application are held to their forms. */
Test(sdp_bundle, sctpmap_fields)
{
	static const struct {
		const char *value;
		uint32_t column;
		const char *msg;
		bool warning; /* lenient: a warning (strict: the error); else an error in both */
	} cases[] = {
		{"5000  webrtc-datachannel 1024", 16, "fields not separated by exactly one space", true},
		{"5000 webrtc-datachannel\t1024", 34, "fields not separated by exactly one space", true},
		{" 5000 webrtc-datachannel", 11, "a space before the first field", true},
		{"5000x webrtc-datachannel", 15, "sctpmap: the number is not a port", false},
		{"5000 webrtc/datachannel", 22, "sctpmap: the application is not a token", false},
		{"5000 webrtc-datachannel 1024 1", 40, "sctpmap: more than three fields", false},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, SESSION_HEAD "m=application 9 DTLS/SCTP 5000\r\na=sctpmap:%s\r\n", cases[k].value);
		sdp_parse_ok(text);
		sipmsg_sdp_sctpmap m;
		sipmsg_status st = sipmsg_sdp_get_sctpmap(media(0), 1, &m);
		cr_assert_eq(st, cases[k].warning ? SIPMSG_OK : SIPMSG_ESYNTAX, "%s", cases[k].value);
		const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
		cr_assert(d, "%s", cases[k].value);
		cr_assert_str_eq(d->message, cases[k].msg);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].value, d->column);
		cr_assert_eq(d->severity, cases[k].warning ? SIPMSG_SEVERITY_WARNING : SIPMSG_SEVERITY_ERROR);
		if (cases[k].warning) {
			cr_assert_eq(m.number, 5000);
			EXPECT_SLICE(m.app, "webrtc-datachannel");
		}
		cr_assert_eq(sdp_parse_mode(text, true), SIPMSG_ESYNTAX, "%s", cases[k].value);
		cr_assert_eq(sdp_err.column, cases[k].column, "%s: column %u", cases[k].value, sdp_err.column);
	}
}
