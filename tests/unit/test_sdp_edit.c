/* SPDX-License-Identifier: MIT */
/* Building an SDP from objects, editing a parsed one (untouched lines keep
 * their bytes), writing, and SDP bodies of SIP messages. */
#include "sdp_helpers.h"

TestSuite(sdp_edit, .fini = sdp_teardown);

static const char webrtc[] = "v=0\r\n"
			     "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
			     "s=-\r\n"
			     "t=0 0\r\n"
			     "a=group:BUNDLE 0 1\r\n"
			     "m=audio 54400 UDP/TLS/RTP/SAVPF 111 0\r\n"
			     "c=IN IP4 203.0.113.77\r\n"
			     "a=mid:0\r\n"
			     "a=rtpmap:111 opus/48000/2\r\n"
			     "a=rtcp-fb:111 transport-cc\r\n"
			     "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
			     "a=sendrecv\r\n"
			     "m=video 54402 UDP/TLS/RTP/SAVPF 96\r\n"
			     "c=IN IP4 203.0.113.77\r\n"
			     "a=mid:1\r\n"
			     "a=rtpmap:96 VP8/90000\r\n";

Test(sdp_edit, build_from_objects_writes_canonical_crlf)
{
	cr_assert_eq(sipmsg_sdp_new(NULL, &sdp), SIPMSG_OK);
	sipmsg_sdp_origin o = {.username = {"alice", 5}, .sess_id_value = 2890844526, .sess_version_value = 1,
			       .address = {"198.51.100.1", 12}};
	cr_assert_eq(sipmsg_sdp_set_origin(sdp, &o), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_set_session_name(sdp, "call", 4), SIPMSG_OK);
	sipmsg_sdp_connection c = {.address = {"198.51.100.1", 12}, .ttl = -1};
	cr_assert_eq(sipmsg_sdp_set_connection(sipmsg_sdp_session(sdp), &c), SIPMSG_OK);
	sipmsg_sdp_section *m;
	cr_assert_eq(sipmsg_sdp_media_add(sdp, "audio 49170 RTP/AVP 0 8 101", 27, &m), SIPMSG_OK);
	static const char *const attrs[][2] = {{"rtpmap", "0 PCMU/8000"}, {"rtpmap", "8 PCMA/8000"},
					       {"rtpmap", "101 telephone-event/8000"}, {"fmtp", "101 0-16"},
					       {"sendrecv", NULL}};
	for (size_t k = 0; k < 5; k++)
		cr_assert_eq(sipmsg_sdp_attr_add(m, attrs[k][0], strlen(attrs[k][0]), attrs[k][1],
						 attrs[k][1] ? strlen(attrs[k][1]) : 0, NULL),
			     SIPMSG_OK);
	static const char want[] = "v=0\r\n"
				   "o=alice 2890844526 1 IN IP4 198.51.100.1\r\n"
				   "s=call\r\n"
				   "c=IN IP4 198.51.100.1\r\n"
				   "t=0 0\r\n"
				   "m=audio 49170 RTP/AVP 0 8 101\r\n"
				   "a=rtpmap:0 PCMU/8000\r\n"
				   "a=rtpmap:8 PCMA/8000\r\n"
				   "a=rtpmap:101 telephone-event/8000\r\n"
				   "a=fmtp:101 0-16\r\n"
				   "a=sendrecv\r\n";
	EXPECT_SDP_WIRE(sdp, want);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
	/* views work on built lines */
	sipmsg_sdp_rtpmap r;
	cr_assert_eq(sipmsg_sdp_get_rtpmap(m, 3, &r), SIPMSG_OK);
	EXPECT_SLICE(r.encoding, "telephone-event");
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(m, 5, &l);
	cr_assert_eq(l.attr, SIPMSG_SDP_ATTR_SENDRECV);
	cr_assert_eq(l.offset, (size_t)-1);
	cr_assert_eq(l.line, 0);
	/* and the result parses back to the same lines */
	char *w = sdp_written(sdp);
	sipmsg_sdp *back;
	cr_assert_eq(sipmsg_sdp_parse(w, strlen(w), NULL, &back, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_media_count(back), 1);
	cr_assert_eq(sipmsg_sdp_codec_count(sipmsg_sdp_media_at(back, 0)), 3);
	sipmsg_sdp_free(back);
	free(w);
}

Test(sdp_edit, missing_origin_of_a_built_sdp_is_reported)
{
	cr_assert_eq(sipmsg_sdp_new(NULL, &sdp), SIPMSG_OK);
	EXPECT_SDP_WIRE(sdp, "v=0\r\ns=-\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_MISSING_LINE));
	sipmsg_sdp_origin o = {.address = {"h", 1}};
	cr_assert_eq(sipmsg_sdp_set_origin(sdp, &o), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "a new check replaces the previous findings");
	cr_assert_eq(sipmsg_sdp_set_timing(sdp, 3034423619ull, 0), SIPMSG_OK);
	EXPECT_SDP_WIRE(sdp, "v=0\r\no=- 0 0 IN IP4 h\r\ns=-\r\nt=3034423619 0\r\n");
}

Test(sdp_edit, untouched_is_byte_identical_and_edits_keep_other_bytes)
{
	sdp_parse_ok(webrtc);
	cr_assert_not(sipmsg_sdp_is_modified(sdp));
	EXPECT_SDP_WIRE(sdp, webrtc);
	sipmsg_sdp_section *a = sipmsg_sdp_media_at(sdp, 0);
	cr_assert_eq(sipmsg_sdp_media_set_port(a, 9), SIPMSG_OK);
	cr_assert(sipmsg_sdp_is_modified(sdp));
	cr_assert_eq(sipmsg_sdp_connection_set_address(a, 1, "2001:db8::7", 11), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_attr_remove_all(a, "rtcp-fb", 7, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_attr_insert(a, 3, "ptime", 5, "20", 2), SIPMSG_OK);
	size_t idx;
	cr_assert_eq(sipmsg_sdp_attr_add(a, "rtcp-mux", 8, NULL, 0, &idx), SIPMSG_OK);
	cr_assert_eq(idx, 7);
	static const char want[] = "v=0\r\n"
				   "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
				   "s=-\r\n"
				   "t=0 0\r\n"
				   "a=group:BUNDLE 0 1\r\n"
				   "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n"
				   "c=IN IP6 2001:db8::7\r\n"
				   "a=mid:0\r\n"
				   "a=ptime:20\r\n"
				   "a=rtpmap:111 opus/48000/2\r\n"
				   "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
				   "a=sendrecv\r\n"
				   "a=rtcp-mux\r\n"
				   "m=video 54402 UDP/TLS/RTP/SAVPF 96\r\n"
				   "c=IN IP4 203.0.113.77\r\n"
				   "a=mid:1\r\n"
				   "a=rtpmap:96 VP8/90000\r\n";
	EXPECT_SDP_WIRE(sdp, want);
	/* untouched lines still point at the input */
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(a, 4, &l);
	cr_assert_eq(l.offset, (size_t)(strstr(webrtc, "a=rtpmap:111") - webrtc));
	cr_assert_eq(l.raw.ptr, sdp_g.data + l.offset);
	/* and the changed ones read back as typed views */
	sipmsg_sdp_media_desc md;
	cr_assert_eq(sipmsg_sdp_get_media_desc(a, &md), SIPMSG_OK);
	cr_assert_eq(md.port, 9);
	cr_assert_eq(md.nformats, 2);
	sipmsg_sdp_connection c;
	cr_assert_eq(sipmsg_sdp_media_connection(a, &c), SIPMSG_OK);
	EXPECT_SLICE(c.addrtype, "IP6");
}

Test(sdp_edit, add_and_remove_media_sections)
{
	sdp_parse_ok(webrtc);
	cr_assert_eq(sipmsg_sdp_media_remove(sdp, 0), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_media_count(sdp), 1);
	sipmsg_sdp_media_desc md = {.media = {"application", 11}, .port = 9, .proto = {"UDP/DTLS/SCTP", 13},
				    .formats = (sipmsg_slice[]){{"webrtc-datachannel", 18}}, .nformats = 1};
	sipmsg_sdp_section *d;
	cr_assert_eq(sipmsg_sdp_media_add_desc(sdp, &md, &d), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_attr_add(d, "sctp-port", 9, "5000", 4, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_line_add(d, 'c', "IN IP4 0.0.0.0", 14, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_media_count(sdp), 2);
	cr_assert_eq(sipmsg_sdp_media_at(sdp, 1), d);
	static const char want[] = "v=0\r\n"
				   "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
				   "s=-\r\n"
				   "t=0 0\r\n"
				   "a=group:BUNDLE 0 1\r\n"
				   "m=video 54402 UDP/TLS/RTP/SAVPF 96\r\n"
				   "c=IN IP4 203.0.113.77\r\n"
				   "a=mid:1\r\n"
				   "a=rtpmap:96 VP8/90000\r\n"
				   "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
				   "c=IN IP4 0.0.0.0\r\n"
				   "a=sctp-port:5000\r\n";
	EXPECT_SDP_WIRE(sdp, want);
	/* the BUNDLE group now names a mid that is gone: the check says so */
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_GROUP_UNKNOWN_MID));
	cr_assert_eq(sipmsg_sdp_media_remove(sdp, 5), SIPMSG_ENOTFOUND);
}

/* A removed section is written nowhere: every edit through a pointer kept on
 * it is refused rather than silently lost. */
Test(sdp_edit, edits_through_a_removed_section_are_refused)
{
	sdp_parse_ok(webrtc);
	sipmsg_sdp_section *gone = sipmsg_sdp_media_at(sdp, 0);
	cr_assert_eq(sipmsg_sdp_media_remove(sdp, 0), SIPMSG_OK);
	char *before = sdp_written(sdp);
	sipmsg_sdp_connection c = {.nettype = {"IN", 2}, .addrtype = {"IP4", 3}, .address = {"192.0.2.9", 9}, .ttl = -1};
	size_t n = 99, at = 99;
	cr_assert_eq(sipmsg_sdp_set_connection(gone, &c), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_connection_set_address(gone, 1, "192.0.2.9", 9), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_media_set_port(gone, 5004), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_set_direction(gone, SIPMSG_SDP_DIR_INACTIVE), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_set_direction(gone, SIPMSG_SDP_DIR_NONE), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_line_add(gone, 'b', "AS:64", 5, &at), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_line_set(gone, 0, "audio 1 RTP/AVP 0", 17), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_line_set(gone, 2, "mid:9", 5), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_line_remove(gone, 2), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_attr_add(gone, "ptime", 5, "20", 2, &at), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_attr_insert(gone, 1, "ptime", 5, "20", 2), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_attr_remove_all(gone, "rtpmap", 6, &n), SIPMSG_ESTATE);
	cr_assert_eq(at, 99, "no index reported");
	cr_assert_eq(n, 99, "no count reported");
	/* refused before the arguments are looked at, as the bindings do */
	cr_assert_eq(sipmsg_sdp_set_connection(gone, NULL), SIPMSG_ESTATE);
	cr_assert_eq(sipmsg_sdp_line_remove(gone, 1000), SIPMSG_ESTATE);
	char *after = sdp_written(sdp);
	cr_assert_str_eq(after, before);
	/* the removed section itself is untouched too (it can still be read or copied) */
	cr_assert_eq(sipmsg_sdp_line_count(gone), 7);
	cr_assert_eq(sipmsg_sdp_attr_find_name(gone, "rtpmap", 6, 0), 3);
	free(before);
	free(after);
	/* the sections still in the SDP take edits */
	cr_assert_eq(sipmsg_sdp_media_set_port(sipmsg_sdp_media_at(sdp, 0), 5004), SIPMSG_OK);
}

Test(sdp_edit, lines_set_add_remove_in_rfc_order)
{
	sdp_parse_ok("v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\na=tool:x\nm=audio 1 RTP/AVP 0\na=recvonly\n");
	const sipmsg_sdp_section *cs = sipmsg_sdp_session(sdp);
	sipmsg_sdp_section *s = (sipmsg_sdp_section *)cs;
	size_t at;
	cr_assert_eq(sipmsg_sdp_line_add(s, 'b', "AS:64", 5, &at), SIPMSG_OK);
	cr_assert_eq(at, 3, "b= before t=");
	cr_assert_eq(sipmsg_sdp_line_add(s, 'i', "info", 4, &at), SIPMSG_OK);
	cr_assert_eq(at, 3, "i= right after s=");
	cr_assert_eq(sipmsg_sdp_line_set(s, 6, "y", 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_line_remove(s, 0), SIPMSG_OK);
	sipmsg_sdp_section *m = sipmsg_sdp_media_at(sdp, 0);
	cr_assert_eq(sipmsg_sdp_set_direction(m, SIPMSG_SDP_DIR_INACTIVE), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_line_remove(m, 0), SIPMSG_EINVAL, "remove the media instead");
	/* changed and added lines take the SDP's own line end (LF here) */
	EXPECT_SDP_WIRE(sdp, "o=- 1 1 IN IP4 h\ns=-\ni=info\nb=AS:64\nt=0 0\na=tool:y\nm=audio 1 RTP/AVP 0\n"
			     "a=inactive\n");
	cr_assert_eq(sipmsg_sdp_set_direction(m, SIPMSG_SDP_DIR_NONE), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_line_count(m), 1);
	cr_assert_eq(sipmsg_sdp_set_direction(m, SIPMSG_SDP_DIR_SENDONLY), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_media_direction(m), SIPMSG_SDP_DIR_SENDONLY);
	/* values with line ends would inject lines: refused */
	cr_assert_eq(sipmsg_sdp_attr_add(m, "x", 1, "a\r\nm=evil", 9, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_attr_add(m, "x:y", 3, "1", 1, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_line_add(m, 'a', "x", 1, NULL), SIPMSG_EINVAL);
	cr_assert_eq(sipmsg_sdp_line_add(m, 't', "0 0", 3, NULL), SIPMSG_EINVAL, "no t= in a media section");
	cr_assert_eq(sipmsg_sdp_line_set(m, 9, "x", 1), SIPMSG_ENOTFOUND);
}

Test(sdp_edit, last_line_without_line_end_gets_one_when_followed)
{
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0");
	EXPECT_SDP_WIRE(sdp, "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0");
	cr_assert_eq(sipmsg_sdp_attr_add(sipmsg_sdp_session(sdp), "x", 1, NULL, 0, NULL), SIPMSG_OK);
	EXPECT_SDP_WIRE(sdp, "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\na=x\r\n");
}

Test(sdp_edit, write_into_caller_buffers)
{
	sdp_parse_ok(webrtc);
	size_t need = sipmsg_sdp_write_size(sdp, 0);
	cr_assert_eq(need, strlen(webrtc));
	char small[10], *big = malloc(need);
	size_t n;
	cr_assert_eq(sipmsg_sdp_write(sdp, 0, small, sizeof small, &n), SIPMSG_ENOSPC);
	cr_assert_eq(n, need);
	cr_assert_eq(sipmsg_sdp_write(sdp, 0, big, need, &n), SIPMSG_OK);
	cr_assert(memcmp(big, webrtc, need) == 0);
	free(big);
	cr_assert_eq(sipmsg_sdp_write(NULL, 0, small, sizeof small, &n), SIPMSG_EINVAL);
}

/* ---- SIP bodies ---- */

static sipmsg_msg *msg;

static void msg_teardown(void)
{
	sipmsg_msg_free(msg);
	msg = NULL;
	sdp_teardown();
}

static void parse_msg(const char *content_type, const char *body)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: 1\r\n"
		 "CSeq: 1 INVITE\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n%s%s%sContent-Length: %zu\r\n\r\n%s",
		 content_type ? "Content-Type: " : "", content_type ? content_type : "", content_type ? "\r\n" : "",
		 strlen(body), body);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.flags |= SIPMSG_PARSE_COPY;
	sipmsg_msg_free(msg);
	cr_assert_eq(sipmsg_parse(text, strlen(text), &o, &msg, NULL), SIPMSG_OK);
}

Test(sdp_edit, sdp_of_a_message, .fini = msg_teardown)
{
	static const char *const types[] = {"application/sdp", "Application/SDP", "application/sdp;charset=utf-8",
					    "  application / sdp ; x=1"};
	for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
		parse_msg(types[k], webrtc);
		sipmsg_sdp *s = NULL, *again = NULL;
		cr_assert_eq(sipmsg_msg_sdp(msg, &s, NULL), SIPMSG_OK, "%s", types[k]);
		cr_assert_eq(sipmsg_sdp_media_count(s), 2);
		cr_assert_eq(sipmsg_msg_sdp(msg, &again, NULL), SIPMSG_OK);
		cr_assert_eq(again, s, "cached in the message");
	}
	static const char *const others[] = {"application/sdpx", "text/plain", "multipart/mixed;boundary=x",
					     "application"};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
		parse_msg(others[k], webrtc);
		sipmsg_sdp *s = NULL;
		cr_assert_eq(sipmsg_msg_sdp(msg, &s, NULL), SIPMSG_ENOTFOUND, "%s", others[k]);
		cr_assert_null(s);
	}
	parse_msg(NULL, webrtc);
	sipmsg_sdp *s;
	cr_assert_eq(sipmsg_msg_sdp(msg, &s, NULL), SIPMSG_ENOTFOUND, "no Content-Type");
	parse_msg("application/sdp", "");
	cr_assert_eq(sipmsg_msg_sdp(msg, &s, NULL), SIPMSG_ENOTFOUND, "no body");
	/* a body that is no SDP: the parse error, relative to the body */
	parse_msg("application/sdp", "hello\r\n");
	sipmsg_error err;
	cr_assert_eq(sipmsg_msg_sdp(msg, &s, &err), SIPMSG_OK, "lenient: kept as a bad line");
	cr_assert_gt(sipmsg_sdp_error_count(s), 0);
}

Test(sdp_edit, set_sdp_as_body, .fini = msg_teardown)
{
	parse_msg("text/plain", "hi");
	cr_assert_eq(sipmsg_sdp_new(NULL, &sdp), SIPMSG_OK);
	sipmsg_sdp_origin o = {.address = {"192.0.2.1", 9}};
	sipmsg_sdp_set_origin(sdp, &o);
	sipmsg_sdp_media_add(sdp, "audio 4000 RTP/AVP 0", 20, NULL);
	cr_assert_eq(sipmsg_msg_set_sdp(msg, sdp), SIPMSG_OK);
	sipmsg_slice body = sipmsg_msg_body(msg);
	char *w = sdp_written(sdp);
	cr_assert_eq(body.len, strlen(w));
	cr_assert(memcmp(body.ptr, w, body.len) == 0);
	long i = sipmsg_header_find(msg, SIPMSG_HDR_CONTENT_TYPE, 0);
	sipmsg_header h;
	cr_assert_eq(sipmsg_header_at(msg, (size_t)i, &h), SIPMSG_OK);
	EXPECT_SLICE(h.value, "application/sdp");
	i = sipmsg_header_find(msg, SIPMSG_HDR_CONTENT_LENGTH, 0);
	cr_assert_eq(sipmsg_header_at(msg, (size_t)i, &h), SIPMSG_OK);
	char cl[24];
	snprintf(cl, sizeof cl, "%zu", strlen(w));
	EXPECT_SLICE(h.value, cl);
	/* the message's SDP is the new body, parsed afresh */
	sipmsg_sdp *s;
	cr_assert_eq(sipmsg_msg_sdp(msg, &s, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_media_count(s), 1);
	sipmsg_sdp_media_desc md;
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(s, 0), &md), SIPMSG_OK);
	cr_assert_eq(md.port, 4000);
	/* edit the message's own SDP and put it back */
	cr_assert_eq(sipmsg_sdp_media_set_port(sipmsg_sdp_media_at(s, 0), 4002), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_sdp(msg, s), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_sdp(msg, &s, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_get_media_desc(sipmsg_sdp_media_at(s, 0), &md), SIPMSG_OK);
	cr_assert_eq(md.port, 4002);
	free(w);
}

/* fuzz_build found it: a bare-LF SDP whose unterminated last line ends in a
 * lone CR. A line added after it must not turn that CR into a CRLF. */
Test(sdp_edit, unterminated_last_line_keeps_its_lone_cr)
{
	static const char in[] = "v=0\ns=x\r";
	cr_assert_eq(sipmsg_sdp_parse(in, sizeof in - 1, NULL, &sdp, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_attr_add(sipmsg_sdp_session(sdp), "a", 1, NULL, 0, NULL), SIPMSG_OK);
	char *out;
	size_t len;
	cr_assert_eq(sipmsg_sdp_write_alloc(sdp, 0, &out, &len), SIPMSG_OK);
	cr_assert_str_eq(out, "v=0\ns=x\r\r\na=a\n");
	sipmsg_sdp *r;
	cr_assert_eq(sipmsg_sdp_parse(out, len, NULL, &r, NULL), SIPMSG_OK);
	sipmsg_sdp_line l;
	cr_assert_eq(sipmsg_sdp_line_at(sipmsg_sdp_session(r), 1, &l), SIPMSG_OK);
	cr_assert(l.raw.len == 4 && memcmp(l.raw.ptr, "s=x\r", 4) == 0);
	sipmsg_sdp_free(r);
	sipmsg_free(out);
}
