/* SPDX-License-Identifier: MIT */
/* Transport and security attribute family: candidate, end-of-candidates,
 * ice-ufrag/pwd/options/lite, fingerprint, setup, connection, crypto. */
#include "sdp_helpers.h"

TestSuite(sdp_ice, .fini = sdp_teardown);

static const sipmsg_sdp_section *media(size_t i) { return sipmsg_sdp_media_at(sdp, i); }

Test(sdp_ice, candidate_every_field)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 54400 UDP/TLS/RTP/SAVPF 111\r\n"
		     "a=candidate:1467250027 1 udp 2122260223 192.168.0.196 54400 typ host generation 0 network-id 1\r\n"
		     "a=candidate:3289912957 1 udp 1686052607 203.0.113.77 54400 typ srflx raddr 192.168.0.196 "
		     "rport 54400 generation 0 ufrag EsAw network-id 1 network-cost 10\r\n"
		     "a=candidate:4 1 TCP 1688207359 192.0.2.3 9 typ srflx raddr 10.0.1.1 rport 9 tcptype active\r\n"
		     "a=candidate:1 2 udp 41885439 a7d8.local 56400 typ relay x-future yes\r\n"
		     "a=end-of-candidates\r\n");
	sipmsg_sdp_candidate c;
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 1, &c), SIPMSG_OK);
	EXPECT_SLICE(c.foundation, "1467250027");
	cr_assert_eq(c.component, 1);
	EXPECT_SLICE(c.transport, "udp");
	cr_assert_eq(c.priority, 2122260223u);
	EXPECT_SLICE(c.address, "192.168.0.196");
	cr_assert_eq(c.port, 54400);
	EXPECT_SLICE(c.type, "host");
	cr_assert_eq(c.raddr.len, 0);
	cr_assert_eq(c.rport, -1);
	cr_assert_eq(c.generation, 0, "not dropped (sdp-transform #13)");
	cr_assert_eq(c.network_id, 1);
	cr_assert_eq(c.network_cost, -1);
	cr_assert_eq(c.nextensions, 0);
	EXPECT_FORMAT(sipmsg_sdp_format_candidate(&c, b_, sizeof b_),
		      "1467250027 1 udp 2122260223 192.168.0.196 54400 typ host generation 0 network-id 1");

	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 2, &c), SIPMSG_OK);
	EXPECT_SLICE(c.raddr, "192.168.0.196");
	cr_assert_eq(c.rport, 54400);
	cr_assert_eq(c.network_cost, 10);
	cr_assert_eq(c.nextensions, 1, "unknown extensions are kept");
	EXPECT_SLICE(c.extensions[0].name, "ufrag");
	EXPECT_SLICE(c.extensions[0].value, "EsAw");

	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 3, &c), SIPMSG_OK);
	EXPECT_SLICE(c.transport, "TCP");
	EXPECT_SLICE(c.tcptype, "active"); /* with raddr/rport (sdp-transform PR #37) */
	EXPECT_FORMAT(sipmsg_sdp_format_candidate(&c, b_, sizeof b_),
		      "4 1 TCP 1688207359 192.0.2.3 9 typ srflx raddr 10.0.1.1 rport 9 tcptype active");

	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 4, &c), SIPMSG_OK);
	EXPECT_SLICE(c.address, "a7d8.local");
	cr_assert_eq(c.component, 2);
	EXPECT_SLICE(c.extensions[0].name, "x-future");
	cr_assert_eq(sipmsg_sdp_attr_find(media(0), SIPMSG_SDP_ATTR_END_OF_CANDIDATES, 0), 5);
}

Test(sdp_ice, candidate_malformed)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\n"
				  "a=candidate:1 1 udp 1 h 1 host\r\n"
				  "a=candidate:1 x udp 1 h 1 typ host\r\n"
				  "a=candidate:1 1 udp 1 h 70000 typ host\r\n"
				  "a=candidate:1 1 udp 1 h 1 typ host generation\r\n"
				  "a=candidate:1 1 udp 1 h 1 typ\r\n"
				  "a=candidate:1 1 udp 1 h 1 typ host rport x\r\n");
	sipmsg_sdp_candidate c;
	for (size_t i = 1; i <= 6; i++)
		cr_assert_eq(sipmsg_sdp_get_candidate(media(0), i, &c), SIPMSG_ESYNTAX, "line %zu", i);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 6, "each reported once, where it broke");
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 1)->column, 15, "the component id");
}

/* foundation = 1*32ice-char, ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839
 * §5.1): an error there. A component id of 0 or a priority outside
 * 1..2^31-1 is in the grammar but not in RFC 8445 (§4, §5.1.2.1): a warning. */
Test(sdp_ice, candidate_foundation_component_priority)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\n"
				  "a=candidate:a+B/9 1 udp 1 h 1 typ host\r\n"
				  "a=candidate:ab_c 1 udp 1 h 1 typ host\r\n"
				  "a=candidate:123456789012345678901234567890123 1 udp 1 h 1 typ host\r\n"
				  "a=candidate:12345678901234567890123456789012 0 udp 1 h 1 typ host\r\n"
				  "a=candidate:1 1 udp 0 h 1 typ host\r\n"
				  "a=candidate:1 1 udp 2147483648 h 1 typ host\r\n"
				  "a=candidate:1 1 udp 2147483647 h 1 typ host\r\n");
	sipmsg_sdp_candidate c;
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 1, &c), SIPMSG_OK);
	EXPECT_SLICE(c.foundation, "a+B/9");
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 2, &c), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 3, &c), SIPMSG_ESYNTAX);
	for (size_t i = 4; i <= 7; i++)
		cr_assert_eq(sipmsg_sdp_get_candidate(media(0), i, &c), SIPMSG_OK, "still read: line %zu", i);
	cr_assert_eq(c.priority, 2147483647u);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 2);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 5, "two errors, three warnings, none for the last line");
	const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_ERROR);
	cr_assert_eq(d->column, 15, "at the '_'");
	d = sipmsg_sdp_diag_at(sdp, 1);
	cr_assert_eq(d->column, 45, "at the 33rd character");
	cr_assert(strstr(d->message, "32"), "%s", d->message);
	d = sipmsg_sdp_diag_at(sdp, 2);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->column, 46, "at the component id");
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 3)->column, 21, "at the priority");
	cr_assert_eq(sipmsg_sdp_diag_at(sdp, 4)->column, 21);

	/* strict mode: the foundation fails the parse, the ranges do not */
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=candidate:ab_c 1 udp 1 h 1 typ host\r\n", true),
		     SIPMSG_ESYNTAX);
	cr_assert_eq(sdp_parse_mode(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=candidate:1 0 udp 0 h 1 typ host\r\n", true),
		     SIPMSG_OK, "%s", sdp_err.reason);
}

Test(sdp_ice, tcp_candidate_needs_tcptype)
{
	/* RFC 6544 §4.5: a TCP candidate ends in SP tcp-type-ext (not optional),
	 * tcp-type = "active" / "passive" / "so"; a UDP one needs none */
	sdp_parse_ok(SESSION_HEAD "m=audio 7000 RTP/AVP 0\r\n"
				  "a=candidate:7 1 tcp 1518214911 198.51.100.20 9 typ host generation 2\r\n"
				  "a=candidate:8 1 TCP 1518214910 198.51.100.20 7002 typ host tcptype Passive\r\n"
				  "a=candidate:9 2 tcp 1518214909 198.51.100.20 7003 typ host tcptype both\r\n"
				  "a=candidate:6 1 UDP 2122194687 198.51.100.20 7000 typ host\r\n");
	sipmsg_sdp_candidate c;
	for (size_t i = 1; i <= 4; i++)
		cr_assert_eq(sipmsg_sdp_get_candidate(media(0), i, &c), SIPMSG_OK, "still read: line %zu", i);
	cr_assert_eq(sipmsg_sdp_error_count(sdp), 0, "warnings, not errors");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 2, "the first and the third");
	const sipmsg_diag *d = sipmsg_sdp_diag_at(sdp, 0);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 6);
	cr_assert_eq(d->column, 17, "at the transport");
	d = sipmsg_sdp_diag_at(sdp, 1);
	cr_assert_eq(d->line, 8);
	cr_assert_eq(d->column, 68, "at the tcp-type");
	EXPECT_SLICE(c.tcptype, "");
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), 2, &c), SIPMSG_OK);
	EXPECT_SLICE(c.tcptype, "Passive");
}

/* RFC 8839 §5.1 (cand-type = "typ" SP ..., "raddr", "rport") and RFC 6544
 * §4.5 ("tcptype"): ABNF quoted strings, which match in any case
 * (RFC 5234 §2.3). The view reads them; the line keeps its bytes and the
 * formatter writes the canonical lower case. */
Test(sdp_ice, candidate_literals_any_case)
{
	static const char text[] = SESSION_HEAD "m=audio 9 RTP/AVP 0\r\nc=IN IP4 203.0.113.7\r\n"
				   "a=candidate:2 1 UDP 1694498815 203.0.113.7 41000 TYP srflx RAddr 10.0.0.5 RPORT 5000\r\n"
				   "a=candidate:3 1 TCP 1518280447 10.0.0.5 9 Typ HOST TcpType active\r\n";
	sdp_parse_ok(text);
	sipmsg_sdp_candidate c;
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), attr_line(media(0), SIPMSG_SDP_ATTR_CANDIDATE, 0), &c), SIPMSG_OK);
	EXPECT_SLICE(c.type, "srflx");
	EXPECT_SLICE(c.raddr, "10.0.0.5");
	cr_assert_eq(c.rport, 5000);
	cr_assert_eq(c.nextensions, 0, "RAddr and RPORT are not unknown extensions");
	EXPECT_FORMAT(sipmsg_sdp_format_candidate(&c, b_, sizeof b_),
		      "2 1 UDP 1694498815 203.0.113.7 41000 typ srflx raddr 10.0.0.5 rport 5000");
	cr_assert_eq(sipmsg_sdp_get_candidate(media(0), attr_line(media(0), SIPMSG_SDP_ATTR_CANDIDATE, 1), &c), SIPMSG_OK);
	EXPECT_SLICE(c.type, "HOST");
	EXPECT_SLICE(c.tcptype, "active");
	cr_assert_eq(c.nextensions, 0);
	cr_assert_eq(sipmsg_sdp_check(sdp), SIPMSG_OK);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0, "no raddr-without-rport, no missing tcptype");
	EXPECT_SDP_WIRE(sdp, text);
}

Test(sdp_ice, ice_ufrag_pwd_options_lite)
{
	sdp_parse_ok("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nt=0 0\r\na=ice-lite\r\na=ice-options:trickle ice2\r\n"
		     "m=audio 1 RTP/AVP 0\r\na=ice-ufrag:lat6xwB1/flm+VwG\r\na=ice-pwd:L5+HonleGeFHa8jPZLc/kr0E\r\n");
	const sipmsg_sdp_section *s = sipmsg_sdp_session(sdp);
	cr_assert_eq(sipmsg_sdp_attr_find(s, SIPMSG_SDP_ATTR_ICE_LITE, 0), 4, "kept (sdp-transform #22)");
	sipmsg_sdp_list l;
	cr_assert_eq(sipmsg_sdp_get_list(s, 5, &l), SIPMSG_OK);
	cr_assert_eq(l.count, 2);
	EXPECT_SLICE(l.items[0], "trickle");
	EXPECT_SLICE(l.items[1], "ice2");
	EXPECT_FORMAT(sipmsg_sdp_format_list(&l, ' ', b_, sizeof b_), "trickle ice2");
	sipmsg_slice v;
	cr_assert_eq(sipmsg_sdp_attr_value(media(0), "ice-ufrag", 9, &v), SIPMSG_OK);
	EXPECT_SLICE(v, "lat6xwB1/flm+VwG");
	cr_assert_eq(sipmsg_sdp_attr_value(media(0), "ice-pwd", 7, &v), SIPMSG_OK);
	EXPECT_SLICE(v, "L5+HonleGeFHa8jPZLc/kr0E");
	cr_assert_eq(sipmsg_sdp_attr_value(media(0), "ice-lite", 8, &v), SIPMSG_ENOTFOUND);
}

Test(sdp_ice, fingerprint_setup_connection)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\n"
				  "a=fingerprint:sha-256 0B:30:55:7A:9F:C4:E9:0E:33:58:7D:A2:C7:EC:11:36:5B:80:A5:CA:EF:14:39:5E:83:"
				  "A8:CD:F2:17:3C:61:86\r\n"
				  "a=setup:actpass\r\na=setup:holdconn\r\na=setup:sideways\r\na=connection:new\r\n"
				  "a=fingerprint:sha-1 0B:3\r\na=fingerprint:sha-1 GG\r\n");
	sipmsg_sdp_fingerprint f;
	cr_assert_eq(sipmsg_sdp_get_fingerprint(media(0), 1, &f), SIPMSG_OK);
	EXPECT_SLICE(f.hash_func, "sha-256");
	cr_assert_eq(f.value.len, 95);
	sipmsg_sdp_setup s;
	cr_assert_eq(sipmsg_sdp_get_setup(media(0), 2, &s), SIPMSG_OK);
	cr_assert_eq(s.role, SIPMSG_SDP_SETUP_ACTPASS);
	cr_assert_eq(sipmsg_sdp_get_setup(media(0), 3, &s), SIPMSG_OK);
	cr_assert_eq(s.role, SIPMSG_SDP_SETUP_HOLDCONN);
	cr_assert_eq(sipmsg_sdp_get_setup(media(0), 4, &s), SIPMSG_OK);
	cr_assert_eq(s.role, SIPMSG_SDP_SETUP_OTHER);
	cr_assert_eq(sdp_find_diag(SIPMSG_DIAG_SDP_BAD_VALUE)->severity, SIPMSG_SEVERITY_WARNING);
	sipmsg_sdp_setup b = {.role = SIPMSG_SDP_SETUP_PASSIVE};
	EXPECT_FORMAT(sipmsg_sdp_format_setup(&b, b_, sizeof b_), "passive");
	sipmsg_slice tok;
	cr_assert_eq(sipmsg_sdp_get_token(media(0), 5, &tok), SIPMSG_OK);
	EXPECT_SLICE(tok, "new");
	cr_assert_eq(sipmsg_sdp_get_fingerprint(media(0), 6, &f), SIPMSG_ESYNTAX, "a pair cut short");
	cr_assert_eq(sipmsg_sdp_get_fingerprint(media(0), 7, &f), SIPMSG_ESYNTAX, "not hex");
}

/* RFC 4145 §4: role = "active" / "passive" / "actpass" / "holdconn", ABNF
 * quoted strings, which match in any case. "ACTIVE" read as an unknown
 * role, with a warning. */
Test(sdp_ice, setup_role_any_case)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/AVP 0\r\na=setup:ACTIVE\r\na=setup:ActPass\r\n");
	sipmsg_sdp_setup s;
	cr_assert_eq(sipmsg_sdp_get_setup(media(0), 1, &s), SIPMSG_OK);
	cr_assert_eq(s.role, SIPMSG_SDP_SETUP_ACTIVE);
	EXPECT_FORMAT(sipmsg_sdp_format_setup(&s, b_, sizeof b_), "ACTIVE");
	cr_assert_eq(sipmsg_sdp_get_setup(media(0), 2, &s), SIPMSG_OK);
	cr_assert_eq(s.role, SIPMSG_SDP_SETUP_ACTPASS);
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 0);
}

Test(sdp_ice, crypto)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/SAVP 0\r\n"
				  "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:8QVQSHJ2AM8gIumHpYRRdWHyZ5NkLhaTD1AENOWx\r\n"
				  "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32;"
				  "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:32 KDR=1 UNENCRYPTED_SRTCP\r\n"
				  "a=crypto:x AES inline:k\r\na=crypto:1 AES nokey\r\n");
	sipmsg_sdp_crypto c;
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 1, &c), SIPMSG_OK);
	cr_assert_eq(c.tag, 1);
	EXPECT_SLICE(c.suite, "AES_CM_128_HMAC_SHA1_80");
	cr_assert_eq(c.nkeys, 1);
	EXPECT_SLICE(c.keys[0].method, "inline");
	EXPECT_SLICE(c.keys[0].key, "8QVQSHJ2AM8gIumHpYRRdWHyZ5NkLhaTD1AENOWx");
	cr_assert_eq(c.keys[0].lifetime.len, 0);
	cr_assert_eq(c.session_params.len, 0);
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 2, &c), SIPMSG_OK);
	cr_assert_eq(c.nkeys, 2);
	EXPECT_SLICE(c.keys[0].lifetime, "2^20");
	EXPECT_SLICE(c.keys[0].mki, "1:32");
	EXPECT_SLICE(c.keys[1].mki, "2:32");
	EXPECT_SLICE(c.session_params, "KDR=1 UNENCRYPTED_SRTCP");
	char want[512];
	sipmsg_sdp_line l;
	sipmsg_sdp_line_at(media(0), 2, &l);
	snprintf(want, sizeof want, "%.*s", (int)l.value.len, l.value.ptr);
	EXPECT_FORMAT(sipmsg_sdp_format_crypto(&c, b_, sizeof b_), want);
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 3, &c), SIPMSG_ESYNTAX);
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 4, &c), SIPMSG_ESYNTAX);
}

/* RFC 4568 §9.2: an inline key-info is key-salt ["|" lifetime] ["|" mki],
 * lifetime = ["2^"] 1*DIGIT, mki = 1*DIGIT ":" 1*3DIGIT. A third part
 * overwrote the lifetime ("|2^20|1:32|x" read lifetime "x"), and the order
 * and shapes were not looked at. Other key methods keep any info. */
Test(sdp_ice, crypto_inline_key_info)
{
	sdp_parse_ok(SESSION_HEAD "m=audio 1 RTP/SAVP 0\r\n"
				  "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^20|1:32|x\r\n"
				  "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:KEY|1:32|2^20\r\n"
				  "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:KEY|2^x\r\n"
				  "a=crypto:4 AES_CM_128_HMAC_SHA1_80 inline:KEY|1:1234\r\n"
				  "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:KEY|1048576|1:4\r\n"
				  "a=crypto:6 AES_CM_128_HMAC_SHA1_80 inline:KEY|1:4\r\n"
				  "a=crypto:7 X_SUITE other:a|b|c:d|e\r\n");
	static const unsigned column[] = {57, 52, 47, 47};
	sipmsg_sdp_crypto c;
	for (size_t i = 0; i < 4; i++) {
		size_t before = sipmsg_sdp_diag_count(sdp);
		cr_assert_eq(sipmsg_sdp_get_crypto(media(0), i + 1, &c), SIPMSG_ESYNTAX, "line %zu", i + 1);
		cr_assert_eq(sipmsg_sdp_diag_at(sdp, before)->column, column[i], "line %zu: column %u", i + 1,
			     (unsigned)sipmsg_sdp_diag_at(sdp, before)->column);
	}
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 5, &c), SIPMSG_OK);
	EXPECT_SLICE(c.keys[0].lifetime, "1048576");
	EXPECT_SLICE(c.keys[0].mki, "1:4");
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 6, &c), SIPMSG_OK);
	cr_assert_eq(c.keys[0].lifetime.len, 0);
	EXPECT_SLICE(c.keys[0].mki, "1:4");
	cr_assert_eq(sipmsg_sdp_get_crypto(media(0), 7, &c), SIPMSG_OK);
	EXPECT_SLICE(c.keys[0].info, "a|b|c:d|e");
	cr_assert_eq(sipmsg_sdp_diag_count(sdp), 4);
}
