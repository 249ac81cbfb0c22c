/* SPDX-License-Identifier: MIT */
/* SDP checks as diagnostics: mandatory lines, c= coverage, payload types,
 * ports (TCP candidates too), addresses, scope, mids, BUNDLE groups,
 * simulcast rids, rid pt=. */
#include "sdp_helpers.h"

TestSuite(sdp_check, .fini = sdp_teardown);

static void check(const char *text)
{
	sdp_parse_ok(text);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
}

static size_t count(int code)
{
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++)
		n += (int)sipmsg_sdp_diag_at(sdp, i)->code == code;
	return n;
}

/* The k-th diagnostic with this code (the test fails when there is none). */
static const sipmsg_diag *nth(int code, size_t k)
{
	for (size_t i = 0, seen = 0; i < sipmsg_sdp_diag_count(sdp); i++) {
		const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, i);
		if ((int)d->code == code && seen++ == k)
			return d;
	}
	cr_assert_fail("no diagnostic %d number %zu", code, k);
	return NULL;
}

Test(sdp_check, clean_offer_has_no_findings)
{
	check("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=group:BUNDLE a v\r\n"
	      "m=audio 49170 RTP/AVP 0 96\r\na=mid:a\r\na=rtpmap:96 opus/48000/2\r\na=fmtp:96 useinbandfec=1\r\n"
	      "a=rtcp:49171 IN IP6 2001:db8::1\r\nm=video 0 RTP/AVP 97\r\na=mid:v\r\na=rtcp-fb:* nack\r\n"
	      "a=candidate:1 1 udp 1 2001:db8::2 9 typ host\r\na=candidate:2 1 udp 1 host.example 9 typ host\r\n");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "first: %s",
		     sipmsg_sdp_diag_count(sdp) ? sipmsg_sdp_diag_at(sdp, 0)->message : "");
}

Test(sdp_check, connection_coverage)
{
	check(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\nm=audio 2 RTP/AVP 0\r\n");
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_MISSING_LINE);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert_eq(d->line, 7, "on the m= that lacks it");
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\nm=audio 1 RTP/AVP 0\r\n");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_LINE_ORDER), "c= after t=");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_MISSING_LINE), 0, "a session c= covers every media");
}

Test(sdp_check, payload_types_on_the_m_line)
{
	check(SESSION_HEAD "c=IN IP4 h\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:96 opus/48000\r\na=fmtp:97 x=1\r\n"
			   "a=rtcp-fb:98 nack\r\na=rtpmap:0 PCMU/8000\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS), 3);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 7);
	cr_assert_eq(d->column, 10, "at the payload type");
}

Test(sdp_check, port_ranges)
{
	check(SESSION_HEAD "c=IN IP4 h\r\nm=audio 70000 RTP/AVP 0\r\nm=audio 65535/2 RTP/AVP 0\r\n"
			   "m=audio 1 RTP/AVP 0\r\na=rtcp:65536\r\nm=application 9 UDP/DTLS/SCTP x\r\na=sctp-port:99999\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_PORT), 4);
	cr_assert_eq(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_PORT)->severity, SIPMSG_SEVERITY_ERROR);
	/* each at its value: m= port, m= port range, a=rtcp, a=sctp-port */
	static const uint32_t line[] = {6, 7, 9, 11}, column[] = {9, 9, 8, 13};
	for (size_t k = 0; k < 4; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_PORT, k);
		cr_assert(d->line == line[k] && d->column == column[k], "port diagnostic %zu at %u:%u", k, d->line,
			  d->column);
	}
}

Test(sdp_check, addresses)
{
	check("v=0\r\no=- 1 1 IN IP4 1.2.3.999\r\ns=-\r\nc=IN IP6 2001:db8:::1\r\nt=0 0\r\n"
	      "m=audio 1 RTP/AVP 0\r\nc=IN IP4 fe80::1\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4 233.252.0.1\r\n"
	      "m=audio 1 RTP/AVP 0\r\nc=IN IP6 10.0.0.1\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4 media.example.com\r\n"
	      "m=audio 1 RTP/AVP 0\r\nc=IN IP6 ::ffff:192.0.2.1\r\na=candidate:1 1 udp 1 300.1.1.1 9 typ host\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_ADDRESS), 6);
	static const uint32_t lines[] = {2, 4, 7, 9, 11, 16};
	for (size_t k = 0; k < 6; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_ADDRESS, k);
		cr_assert_eq(d->line, lines[k], "finding %zu at line %u", k, d->line);
		/* only the multicast address without TTL breaks a MUST */
		cr_assert_eq(d->severity, d->line == 9 ? SIPMSG_SEVERITY_ERROR : SIPMSG_SEVERITY_WARNING);
	}
}

/* RFC 8866 §5.7: /ttl and /count only on multicast groups */
Test(sdp_check, ttl_and_count_only_on_multicast)
{
	check(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\nc=IN IP4 192.0.2.1/127\r\nm=audio 1 RTP/AVP 0\r\n"
			   "c=IN IP6 2001:db8::1/3\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4 233.252.0.1/127/2\r\n"
			   "m=audio 1 RTP/AVP 0\r\nc=IN IP6 ff15::101/3\r\nm=audio 1 RTP/AVP 0\r\n"
			   "c=IN IP6 ff::1/2\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4 group.example.com/127\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_ADDRESS), 3);
	static const uint32_t lines[] = {6, 8, 14}; /* ff::1 is 00ff::1 */
	for (size_t k = 0; k < 3; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_ADDRESS, k);
		cr_assert_eq(d->line, lines[k], "finding %zu at line %u", k, d->line);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	}
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_ADDRESS);
	cr_assert_eq(d->column, 19, "at the slash after the address");
}

/* RFC 8839 §5.4: ice-ufrag 4-256 ice-chars, ice-pwd 22-256 */
Test(sdp_check, ice_credentials)
{
	check(SESSION_HEAD "a=ice-ufrag:F7gI\r\na=ice-pwd:x9cml/YzichV2+XlhiMu8g1k\r\nm=audio 1 RTP/AVP 0\r\n"
			   "c=IN IP4 192.0.2.1\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 0);
	check(SESSION_HEAD "a=ice-ufrag:abc\r\na=ice-pwd:short\r\nm=audio 1 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\n"
			   "a=ice-ufrag:ab-cd\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 3);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 5);
	cr_assert_eq(d->column, 13, "at the value");
}

Test(sdp_check, attribute_scope_and_flag_values)
{
	/* webrtc-sdp 18..31: media-level attributes at session level */
	check(SESSION_HEAD "c=IN IP4 h\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\nm=audio 1 RTP/AVP 0\r\n"
			   "a=group:BUNDLE 0\r\na=rtcp-mux:yes\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_SCOPE), 2);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_SCOPE);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);
	EXPECT_SLICE(d->header, "a=rtpmap");
	cr_assert(sdp_has_diag(SIPMSG_DIAG_SDP_BAD_VALUE), "a flag attribute with a value");
}

Test(sdp_check, ice_media_only_attributes)
{
	/* RFC 8839 §5.2, §5.5: remote-candidates and ice-mismatch are
	 * media-level only; at session level they are out of scope, in a media
	 * description they are fine */
	check(SESSION_HEAD "c=IN IP4 192.0.2.9\r\na=remote-candidates:1 192.0.2.44 40000\r\na=ice-mismatch\r\n"
			   "m=audio 40000 RTP/AVP 0\r\na=remote-candidates:1 192.0.2.44 40000 2 192.0.2.44 40001\r\n"
			   "a=ice-mismatch\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_SCOPE), 2);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_SCOPE, 0);
	cr_assert_eq(d->line, 6);
	EXPECT_SLICE(d->header, "a=remote-candidates");
	d = nth(SIPMSG_DIAG_SDP_SCOPE, 1);
	cr_assert_eq(d->line, 7);
	EXPECT_SLICE(d->header, "a=ice-mismatch");
	cr_assert_eq(sipmsg_sdp_attr_scope(sipmsg_sdp_attr_lookup("ICE-MISMATCH", 12)), SIPMSG_SDP_SCOPE_MEDIA);

	/* ice-mismatch-attribute = "ice-mismatch": it takes no value */
	check(SESSION_HEAD "c=IN IP4 192.0.2.9\r\nm=audio 40000 RTP/AVP 0\r\na=ice-mismatch:yes\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 1);
}

Test(sdp_check, duplicate_mids_and_bundle)
{
	check(SESSION_HEAD "c=IN IP4 h\r\na=group:BUNDLE 0 1 2\r\nm=audio 1 RTP/AVP 0\r\na=mid:0\r\n"
			   "m=video 1 RTP/AVP 0\r\na=mid:0\r\nm=video 1 RTP/AVP 0\r\na=mid:1\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_DUPLICATE_MID), 1);
	const sipmsg_diag *d = sdp_find_diag(SIPMSG_DIAG_SDP_DUPLICATE_MID);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert_eq(d->line, 10, "on the second a=mid:0");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_GROUP_UNKNOWN_MID), 1);
	d = sdp_find_diag(SIPMSG_DIAG_SDP_GROUP_UNKNOWN_MID);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 20, "at the unknown mid");
}

Test(sdp_check, simulcast_names_existing_rids)
{
	/* OvenMediaEngine #2314: RFC 8853 wants every rid defined */
	check(SESSION_HEAD "c=IN IP4 h\r\nm=video 1 RTP/AVP 97\r\na=rid:h send pt=97\r\na=rid:l send\r\n"
			   "a=simulcast:send h;~l;m\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_SIMULCAST_UNKNOWN_RID), 1);
	cr_assert_eq(sdp_find_diag(SIPMSG_DIAG_SDP_SIMULCAST_UNKNOWN_RID)->column, 23);
}

/* RFC 8851 §6.1: a pt= value MUST be a format of its m= line (an error),
 * reported at that value, wherever pt= stands in the parameters */
Test(sdp_check, rid_payload_types_on_the_m_line)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\nm=video 1 RTP/AVP 97 98\r\na=rid:1 send pt=96\r\n"
			   "a=rid:2 send pt=97,99;max-width=640\r\na=rid:3 recv pt=98,97\r\na=rid:4 send max-fps=30\r\n"
			   "a=rid:5 send max-width=320;pt=100\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS), 3);
	static const uint32_t line[] = {7, 8, 11}, column[] = {17, 20, 31};
	for (size_t k = 0; k < 3; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS, k);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
		cr_assert(d->line == line[k] && d->column == column[k], "pt diagnostic %zu at %u:%u", k, d->line,
			  d->column);
	}
}

/* RFC 6544 §4.5: an active TCP candidate's port is 9, the discard port; §3:
 * the peer ignores it, so another one is a warning at the port. Passive and
 * so candidates are not held to any port, 0 included. */
Test(sdp_check, tcp_active_candidate_port)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\nm=audio 9 RTP/AVP 0\r\n"
			   "a=candidate:1 1 tcp 1518280447 192.0.2.1 9 typ host tcptype active\r\n"
			   "a=candidate:2 1 TCP 1518280446 192.0.2.1 0 typ host tcptype active\r\n"
			   "a=candidate:3 1 tcp 1518280445 192.0.2.1 50000 typ host tcptype ACTIVE\r\n"
			   "a=candidate:4 1 tcp 1518280444 192.0.2.1 0 typ host tcptype passive\r\n"
			   "a=candidate:5 1 tcp 1518280443 192.0.2.1 0 typ host tcptype so\r\n"
			   "a=candidate:6 1 udp 2122260223 192.0.2.1 0 typ host\r\n"
			   "a=candidate:7 2 tcp 1518280442 192.0.2.1 0 typ host\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_PORT), 2);
	for (size_t k = 0; k < 2; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_PORT, k);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		cr_assert(d->line == 8 + k && d->column == 42, "port diagnostic %zu at %u:%u", k, d->line,
			  d->column);
	}
}

Test(sdp_check, bad_values_reported_once_and_check_repeats)
{
	check(SESSION_HEAD "c=IN IP4 h\r\nm=audio x RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n");
	size_t n = sipmsg_sdp_diag_count(sdp);
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 2);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), n, "a second check adds nothing new");
	cr_assert_eq(sipmsg_sdp_check(NULL), SIPMSG_EINVAL);
}

/* RFC 8866 §6.7: at most one of sendrecv/sendonly/recvonly/inactive at
 * session level and in each media description. Each extra one is a
 * multiple-values warning at its name; one per section is clean. */
Test(sdp_check, one_direction_per_section)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\na=recvonly\r\nm=audio 1 RTP/AVP 0\r\na=sendonly\r\n"
			   "m=audio 2 RTP/AVP 0\r\na=sendonly\r\na=rtcp-mux\r\na=sendrecv\r\na=sendrecv\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_MULTIPLE_VALUES), 2);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_MULTIPLE_VALUES, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 12);
	cr_assert_eq(d->column, 3);
	EXPECT_SLICE(d->header, "a=sendrecv");
	cr_assert_eq(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 1)->line, 13);
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\na=inactive\r\na=inactive\r\nm=audio 1 RTP/AVP 0\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_MULTIPLE_VALUES), 1, "at session level too");
	cr_assert_eq(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 0)->line, 7);
}

/* RFC 8866 §5.14: under an RTP profile each format is an RTP payload type,
 * 0-127 (RFC 3550 §5.1). 200 and "foo" were accepted; other protos take
 * any token. */
Test(sdp_check, rtp_formats_are_payload_types)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\nm=video 1 RTP/SAVPF 200 96 foo\r\n"
			   "m=audio 2 UDP/TLS/RTP/SAVPF 111 127 0\r\nm=image 3 udptl t38\r\n"
			   "m=application 4 UDP/DTLS/SCTP webrtc-datachannel\r\nm=message 5 TCP/MSRP *\r\n"
			   "m=audio 6 udp 300\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 2, "first: %s", sipmsg_sdp_diag_at(sdp, 0)->message);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 21);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 1)->column, 28);
}

/* The attributes read as text (tool, label, lang, ice-ufrag, ...) are
 * value attributes: "a=label" or "a=tool:" breaks text = 1*byte (RFC 8866
 * §9). The typed kinds said so; these passed. */
Test(sdp_check, text_attributes_need_a_value)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\na=tool\r\na=tool:\r\na=tool:x 1.0\r\nm=audio 1 RTP/AVP 0\r\n"
			   "a=label\r\na=ice-ufrag\r\na=label:1\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 4);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 7, "after the name");
	cr_assert_str_eq(d->message, "the attribute needs a value");
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 1)->line, 7);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 2)->line, 10);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 3)->line, 11);
}

/* Closed value sets: orient (RFC 8866 §6.8) and type (§6.9) are
 * case-sensitive (%s), connection (RFC 4145 §5) is not. Any other value is
 * a warning at the value; they passed unseen. */
Test(sdp_check, orient_type_connection_values)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\na=type:meeting\r\na=type:H332\r\na=type:Meeting\r\n"
			   "m=video 1 RTP/AVP 31\r\na=orient:seascape\r\na=orient:sideways\r\n"
			   "m=application 2 TCP/BFCP *\r\na=connection:EXISTING\r\na=connection:reuse\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 3, "first: %s", sipmsg_sdp_diag_at(sdp, 0)->message);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 8);
	cr_assert_eq(d->column, 8);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 1)->line, 11);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 1)->column, 10);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 2)->line, 14);
	cr_assert_eq(nth(SIPMSG_DIAG_SDP_BAD_VALUE, 2)->column, 14);
}

/* RFC 8122 §5: a fingerprint is the digest of the certificate, so its number
 * of hex pairs follows from the hash function (names in any case); a
 * mismatch is a warning at the value. Unknown hash functions are not judged. */
#define FP_HEAD "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"

static char *hex_pairs(char *buf, size_t n)
{
	char *p = buf;
	for (size_t k = 0; k < n; k++) {
		memcpy(p, k ? ":AB" : "AB", k ? 3 : 2);
		p += k ? 3 : 2;
	}
	*p = '\0';
	return buf;
}

Test(sdp_check, fingerprint_length_matches_hash)
{
	static const struct {
		const char *hash;
		size_t pairs;
	} ok[] = {{"sha-1", 20},  {"sha-224", 28}, {"SHA-256", 32}, {"sha-384", 48},
		  {"sha-512", 64}, {"md5", 16},     {"MD2", 16},     {"x-future", 5}};
	char text[512], fp[200];
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		snprintf(text, sizeof text, FP_HEAD "a=fingerprint:%s %s\r\n", ok[k].hash,
			 hex_pairs(fp, ok[k].pairs));
		check(text);
		cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "%s with %zu pairs", ok[k].hash, ok[k].pairs);
	}
	/* a sha-256 name on a sha-1 digest, at session and media level */
	snprintf(text, sizeof text, FP_HEAD "a=fingerprint:sha-256 %s\r\n"
						 "m=audio 1 RTP/SAVP 0\r\na=fingerprint:Sha-1 %s\r\n",
		 hex_pairs(fp, 20), hex_pairs(fp + 100, 21));
	check(text);
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 2);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 23, "at the fingerprint, after \"a=fingerprint:sha-256 \"");
	cr_assert_str_eq(d->message, "fingerprint: a sha-256 fingerprint is 32 hex pairs (RFC 8122)");
	d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 1);
	cr_assert_eq(d->line, 8);
	cr_assert_eq(d->column, 21);
	cr_assert_str_eq(d->message, "fingerprint: a sha-1 fingerprint is 20 hex pairs (RFC 8122)");
	sipmsg_sdp_fingerprint f;
	cr_assert_eq(sipmsg_sdp_get_fingerprint(sipmsg_sdp_session(sdp), 5, &f), SIPMSG_OK, "the view stays usable");
}

/* RFC 8851 §4: a rid-id is unique within its media description. Each a=rid
 * after the first with the same id is an error at the id, in line order;
 * another media description may use the same ids. */
Test(sdp_check, rid_ids_unique_per_media)
{
	check(FP_HEAD "m=video 1 RTP/AVP 97\r\na=rid:a send\r\na=rid:b send\r\na=rid:a recv\r\na=rid:c send\r\n"
		      "a=rid:b send\r\na=rid:a send\r\nm=video 2 RTP/AVP 97\r\na=rid:a send\r\na=rid:b send\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_MULTIPLE_VALUES), 3);
	static const uint32_t lines[] = {9, 11, 12};
	for (size_t k = 0; k < 3; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_MULTIPLE_VALUES, k);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
		cr_assert_eq(d->line, lines[k], "%zu", k);
		cr_assert_eq(d->column, 7, "at the rid-id");
		EXPECT_SLICE(d->header, "a=rid");
	}
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 3, "nothing else");
}

/* Up to 32 rids the check sorts on the stack; past that it takes its
 * memory from the arena: the same findings. */
Test(sdp_check, rid_ids_unique_many_rids)
{
	char text[4096];
	int n = snprintf(text, sizeof text, FP_HEAD "m=video 1 RTP/AVP 97\r\n");
	for (int k = 0; k < 40; k++)
		n += snprintf(text + n, sizeof text - (size_t)n, "a=rid:r%d send\r\n", k == 39 ? 3 : k == 20 ? 0 : k);
	check(text);
	cr_assert_eq(count(SIPMSG_DIAG_MULTIPLE_VALUES), 2);
	cr_assert_eq(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 0)->line, 7 + 20);
	cr_assert_eq(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 1)->line, 7 + 39);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 2);
}

/* RFC 4570 §3: the address types of a source-filter apply to the
 * destination and to each source; under "*" each address goes by its form.
 * FQDNs and the "*" destination are not judged. */
Test(sdp_check, source_filter_addresses)
{
	check(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\nc=IN IP4 232.3.4.5/127\r\n"
			   "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10 src.example.com\r\n"
			   "a=source-filter: incl IN IP4 232.3.4.5 2001:db8::1\r\n"
			   "a=source-filter: excl IN IP6 * 192.0.2.10\r\n"
			   "a=source-filter: incl IN * 232.3.4.256 2001:db8::1\r\n"
			   "a=source-filter: incl IN * * 2001:db8:::1\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_ADDRESS), 4);
	static const struct {
		uint32_t line, column;
	} want[] = {{8, 40}, {9, 32}, {10, 28}, {11, 30}};
	for (size_t k = 0; k < 4; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_ADDRESS, k);
		cr_assert_eq(d->line, want[k].line, "finding %zu at line %u", k, d->line);
		cr_assert_eq(d->column, want[k].column, "line %u: column %u", d->line, d->column);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	}
}

/* RFC 4570 §3: a destination other than "*" is a connection address the
 * filter applies to: the session's c= or, in a media description, that
 * media's (any case); a session-level filter may name any media's c=. One
 * that matches none is a warning at the destination. */
Test(sdp_check, source_filter_destination_is_a_connection_address)
{
	check("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 232.3.4.5/127\r\nt=0 0\r\n"
	      "a=source-filter: incl IN IP4 232.3.4.9 192.0.2.10\r\n"
	      "a=source-filter: incl IN IP4 232.3.4.7 192.0.2.10\r\n"
	      "m=audio 1 RTP/AVP 0\r\n"
	      "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10\r\n"
	      "a=source-filter: incl IN IP4 232.3.4.9 192.0.2.10\r\n"
	      "a=source-filter: excl IN IP4 * 192.0.2.10\r\n"
	      "m=video 2 RTP/AVP 96\r\nc=IN IP4 232.3.4.9/127\r\nc=IN IP6 FF0E::11A\r\n"
	      "a=source-filter: incl IN * ff0e::11a 2001:db8::1\r\n"
	      "a=source-filter: incl IN IP4 232.3.4.9 192.0.2.10\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_ADDRESS), 2);
	static const uint32_t lines[] = {7, 10};
	for (size_t k = 0; k < 2; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_ADDRESS, k);
		cr_assert_eq(d->line, lines[k], "finding %zu at line %u", k, d->line);
		cr_assert_eq(d->column, 30, "line %u: column %u", d->line, d->column);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		cr_assert(strstr(d->message, "RFC 4570"), "%s", d->message);
	}
}

/* i=, u=, e=, p= (RFC 8866 §5.4-5.6, §9) in the forms the grammar allows
 * stay quiet; a value outside them is an sdp-bad-value warning at the byte
 * that breaks it; k= is obsolete (§5.12): a warning whatever its method. */
Test(sdp_check, information_lines)
{
	check("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\ni=a session\r\nu=http://www.example.com/seminars/sdp.pdf\r\n"
	      "e=j.doe@example.com (Jane Doe)\r\ne=Jane Doe <j.doe@example.com>\r\ne=j.doe@example.com\r\n"
	      "p=+1 617 555-6011\r\np=+1 617 555-6011 (Jane Doe)\r\np=Jane Doe <+1-617-555-6011>\r\nt=0 0\r\n");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "%s", sipmsg_sdp_diag_at(sdp, 0)->message);

	static const struct {
		const char *line;
		uint32_t column;
	} cases[] = {
		{"i=\r\n", 3},
		{"u=http://example.com/a b\r\n", 23},
		{"u=<http://example.com/>\r\n", 3},
		{"e=jane doe\r\n", 7},
		{"e=jane.example.com\r\n", 3},
		{"e=jane@\r\n", 8},
		{"e=Jane <jane@example.com\r\n", 7},
		{"e=jane@example.com (Jane (Doe))\r\n", 26},
		{"p=617 555 6011x\r\n", 15},
		{"p=Jane <phone>\r\n", 9},
		{"p=+\r\n", 4},
		{"k=prompt\r\n", 3},
		{"k=clear:secret\r\n", 3},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[256];
		snprintf(text, sizeof text, "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n%st=0 0\r\n", cases[k].line);
		if (cases[k].line[0] == 'k')
			snprintf(text, sizeof text, "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n%s",
				 cases[k].line);
		check(text);
		cr_assert_eq(sipmsg_sdp_diag_count(sdp), 1, "%s", cases[k].line);
		const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 0);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s", cases[k].line);
		cr_assert_eq(d->line, cases[k].line[0] == 'k' ? 5 : 4, "%s", cases[k].line);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].line, d->column);
	}
}

/* attribute-value = byte-string = 1*byte (RFC 8866 §9): "a=x-foo:" breaks
 * it. The text kinds are errors (text_attributes_need_a_value); an
 * attribute not understood is ignored (§5.13), so a warning, after the ':'.
 * A flag without ':' and a value with one byte are fine. */
Test(sdp_check, unknown_attribute_empty_value)
{
	check(SESSION_HEAD "c=IN IP4 192.0.2.1\r\na=x-foo:\r\na=x-bar\r\na=x-baz: \r\nm=audio 1 RTP/AVP 0\r\n"
			   "a=X-Qux:\r\n");
	cr_assert_eq(count(SIPMSG_DIAG_SDP_BAD_VALUE), 2);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 9, "after the ':'");
	cr_assert(strstr(d->message, "RFC 8866 §9"), "%s", d->message);
	d = nth(SIPMSG_DIAG_SDP_BAD_VALUE, 1);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 10);
}
