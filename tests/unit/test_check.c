/* SPDX-License-Identifier: MIT */
/* The RFC 3261 checks (sipmsg_msg_check): each rule on a message that
 * breaks it and on one that does not; codes, severities and the header
 * named. */
#include "typed_test.h"

TestSuite(check, .fini = tt_teardown);

static size_t count_code(sipmsg_diag_code code)
{
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++)
		n += sipmsg_msg_diag_at(tt_m, i)->code == code;
	return n;
}

static const sipmsg_diag *expect(sipmsg_diag_code code, sipmsg_severity sev, const char *header)
{
	const sipmsg_diag *d = tt_diag(tt_m, code);
	cr_assert_not_null(d, "no %s diagnostic", sipmsg_diag_code_name(code));
	cr_assert_eq(d->severity, sev, "%s: severity", sipmsg_diag_code_name(code));
	if (header)
		TT_SLICE(d->header, header);
	return d;
}

Test(check, clean_message_passes)
{
	TT_PARSE(TT_REQ(""));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
}

Test(check, mandatory_headers_rfc4475_insuf)
{
	TT_PARSE("INVITE sip:user@example.com SIP/2.0\r\nCSeq: 193942 INVITE\r\n"
		 "Via: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf\r\nContent-Type: application/sdp\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	cr_assert_eq(count_code(SIPMSG_DIAG_MISSING_HEADER), 5);
	static const char *const missing[] = {"To", "From", "Call-ID", "Max-Forwards", "Contact"};
	for (size_t k = 0; k < 5; k++) {
		bool found = false;
		for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++) {
			const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, i);
			if (d->code != SIPMSG_DIAG_MISSING_HEADER || !tt_is(d->header, missing[k]))
				continue;
			found = true;
			/* placed where the header section ends: the empty line */
			cr_assert_eq(d->line, 6, "missing %s at line %u", missing[k], d->line);
			cr_assert_eq(d->column, 1);
			cr_assert_eq(d->offset, 148);
		}
		cr_assert(found, "missing %s not reported", missing[k]);
	}
	/* a 2xx to INVITE needs Contact, a 180 does not */
	TT_PARSE("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\nFrom: <sip:a@h>;tag=1\r\n"
		 "Call-ID: c\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	expect(SIPMSG_DIAG_MISSING_HEADER, SIPMSG_SEVERITY_ERROR, "Contact");
	TT_PARSE("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
		 "From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "responses need no Max-Forwards nor a 1xx Contact");
}

Test(check, missing_header_of_a_built_message_has_no_position)
{
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_request_new("OPTIONS", 7, "sip:a@b", 7, NULL, &m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_check(m), SIPMSG_ESYNTAX);
	cr_assert_gt(sipmsg_msg_diag_count(m), 0);
	const sipmsg_diag *d = sipmsg_msg_diag_at(m, 0);
	cr_assert_eq(d->code, SIPMSG_DIAG_MISSING_HEADER);
	cr_assert_eq(d->offset, SIZE_MAX, "no input bytes to point at");
	cr_assert_eq(d->line, 0);
	sipmsg_msg_free(m);
}

Test(check, single_valued_repeated_rfc4475_multi01)
{
	TT_PARSE(TT_REQ("CSeq: 59 OPTIONS\r\nCall-ID: other@h\r\nTo: sip:other@example.net\r\nMax-Forwards: 5\r\n"
			"Contact: <sip:a@h>\r\nContact: <sip:b@h>\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	cr_assert_eq(count_code(SIPMSG_DIAG_MULTIPLE_VALUES), 4, "Contact is a list header");
	const sipmsg_diag *d = expect(SIPMSG_DIAG_MULTIPLE_VALUES, SIPMSG_SEVERITY_ERROR, "CSeq");
	cr_assert_eq(d->line, 8, "the repeated line is named");
}

/* RFC 3261 §10.2.2, §20.10: a "*" Contact is the only Contact value of the
 * message; a second Contact line is the same list (§7.3.1) */
Test(check, contact_star_is_the_only_contact)
{
	TT_PARSE("REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK5\r\nMax-Forwards: 70\r\n"
		 "To: <sip:u@example.com>\r\nFrom: <sip:u@example.com>;tag=8\r\nCall-ID: r1@h\r\nCSeq: 2 REGISTER\r\n"
		 "Contact: <sip:u@192.0.2.7>\r\nContact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = expect(SIPMSG_DIAG_MULTIPLE_VALUES, SIPMSG_SEVERITY_ERROR, "Contact");
	cr_assert_eq(d->line, 9, "the \"*\" line is named");
	cr_assert_eq(count_code(SIPMSG_DIAG_MULTIPLE_VALUES), 1);
	/* alone, it passes */
	TT_PARSE("REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK5\r\nMax-Forwards: 70\r\n"
		 "To: <sip:u@example.com>\r\nFrom: <sip:u@example.com>;tag=8\r\nCall-ID: r1@h\r\nCSeq: 2 REGISTER\r\n"
		 "Contact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
}

Test(check, cseq_method_mismatch_rfc4475_mismatch01)
{
	TT_PARSE("OPTIONS sip:user@example.com SIP/2.0\r\nTo: sip:j.user@example.com\r\n"
		 "From: sip:caller@example.net;tag=34525\r\nMax-Forwards: 6\r\nCall-ID: mismatch01.dj0234sxdfl3\r\n"
		 "CSeq: 8 INVITE\r\nVia: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = expect(SIPMSG_DIAG_CSEQ_METHOD_MISMATCH, SIPMSG_SEVERITY_ERROR, "CSeq");
	cr_assert_eq(d->column, 9, "points at the CSeq method");
}

Test(check, request_uri_rules)
{
	TT_PARSE("OPTIONS soap.beep://192.0.2.103:3002 SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n"
		 "To: <sip:b@h>\r\nFrom: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 3\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "an unknown scheme is only a warning (RFC 4475 novelsc)");
	expect(SIPMSG_DIAG_UNKNOWN_URI_SCHEME, SIPMSG_SEVERITY_WARNING, NULL);

	TT_PARSE("INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
		 "To: <sip:b@h>\r\nFrom: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nMax-Forwards: 3\r\n"
		 "Contact: <sip:a@h>\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	const sipmsg_diag *d = expect(SIPMSG_DIAG_REQUEST_URI_HEADERS, SIPMSG_SEVERITY_ERROR, NULL);
	cr_assert_eq(d->column, 28);

	TT_PARSE("INVITE <sip:user@example.com> SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
		 "To: <sip:b@h>\r\nFrom: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nMax-Forwards: 3\r\n"
		 "Contact: <sip:a@h>\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	expect(SIPMSG_DIAG_BAD_REQUEST_URI, SIPMSG_SEVERITY_ERROR, NULL);
	cr_assert_null(sipmsg_msg_request_uri_parsed(tt_m));
	cr_assert_eq(tt_parse_strict("INVITE <sip:user@example.com> SIP/2.0\r\nl: 0\r\n\r\n"), SIPMSG_ESYNTAX,
		     "strict mode checks the Request-URI while parsing");
	cr_assert_eq(tt_err.code, SIPMSG_DIAG_BAD_REQUEST_URI);
	cr_assert_eq(tt_err.column, 8);
}

Test(check, branch_cookie_warnings_rfc4475_badbranch)
{
	TT_PARSE("OPTIONS sip:user@example.com SIP/2.0\r\nTo: sip:user@example.com\r\nFrom: sip:caller@example.org;tag=33242\r\n"
		 "Max-Forwards: 3\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=1234\r\n"
		 "Via: SIP/2.0/UDP 192.0.2.3\r\nCall-ID: badbranch.sadonfo23i420jv0as0derf3j3n\r\nCSeq: 8 OPTIONS\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "warnings only");
	expect(SIPMSG_DIAG_EMPTY_BRANCH, SIPMSG_SEVERITY_WARNING, "Via");
	cr_assert_eq(count_code(SIPMSG_DIAG_BRANCH_NO_COOKIE), 1, "branch=1234");
	cr_assert_eq(count_code(SIPMSG_DIAG_MISSING_BRANCH), 1, "the third Via");
	cr_assert_str_eq(sipmsg_diag_code_name(SIPMSG_DIAG_MISSING_BRANCH), "missing-branch");
}

Test(check, body_rules)
{
	TT_PARSE(TT_REQ(""));
	cr_assert_eq(sipmsg_msg_set_body(tt_m, "hello", 5, NULL), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	expect(SIPMSG_DIAG_MISSING_CONTENT_TYPE, SIPMSG_SEVERITY_ERROR, "Content-Type");
	long cl = sipmsg_header_find(tt_m, SIPMSG_HDR_CONTENT_LENGTH, 0);
	cr_assert_eq(sipmsg_header_replace(tt_m, (size_t)cl, "7", 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_header_add(tt_m, TT_STR("Content-Type"), TT_STR("text/plain")), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	expect(SIPMSG_DIAG_CONTENT_LENGTH_MISMATCH, SIPMSG_SEVERITY_ERROR, "Content-Length");
	cr_assert_null(tt_diag(tt_m, SIPMSG_DIAG_MISSING_CONTENT_TYPE), "a second run replaces the first's diagnostics");
	cl = sipmsg_header_find(tt_m, SIPMSG_HDR_CONTENT_LENGTH, 0); /* Content-Type went before it */
	cr_assert_eq(sipmsg_header_replace(tt_m, (size_t)cl, "5", 1), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
}

Test(check, start_line_rules)
{
	TT_PARSE("SIP/2.0 700 Odd\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\nFrom: <sip:a@h>;tag=1\r\n"
		 "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	expect(SIPMSG_DIAG_STATUS_OUT_OF_RANGE, SIPMSG_SEVERITY_ERROR, NULL);
	TT_PARSE("SIP/7.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\nFrom: <sip:a@h>;tag=1\r\n"
		 "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	cr_assert_eq(count_code(SIPMSG_DIAG_UNSUPPORTED_VERSION), 1, "reported once, not again by the check");
	/* RFC 3261 §7.1: the version is read in any case; senders write it in
	 * upper case */
	TT_PARSE("sip/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\nFrom: <sip:a@h>;tag=1\r\n"
		 "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "a warning, not a 505");
	cr_assert_eq(count_code(SIPMSG_DIAG_UNSUPPORTED_VERSION), 0);
	const sipmsg_diag *d = expect(SIPMSG_DIAG_START_LINE_RULE, SIPMSG_SEVERITY_WARNING, NULL);
	cr_assert_eq(d->column, 1);
	TT_PARSE("OPTIONS sip:b@h Sip/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>\r\nFrom: <sip:a@h>;tag=1\r\n"
		 "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	d = expect(SIPMSG_DIAG_START_LINE_RULE, SIPMSG_SEVERITY_WARNING, NULL);
	cr_assert_eq(d->column, 17);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(count_code(SIPMSG_DIAG_START_LINE_RULE), 1, "a second run replaces the first's");
	/* Reason-Phrase takes '%' only as an escape (RFC 3261 §25.1) */
	TT_PARSE("SIP/2.0 486 100% Busy %41%4\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
		 "From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	d = expect(SIPMSG_DIAG_START_LINE_RULE, SIPMSG_SEVERITY_WARNING, NULL);
	cr_assert_eq(d->column, 16, "the first bare '%%', not the escape after it");
	TT_PARSE("SIP/2.0 486 Busy %41\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
		 "From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "an escape is no fault");
}

Test(check, typed_errors_are_reported_too)
{
	TT_PARSE(TT_REQ("Expires: 10000000000\r\nRAck: x\r\n"));
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0, "lazy headers are not parsed yet");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	expect(SIPMSG_DIAG_VALUE_OUT_OF_RANGE, SIPMSG_SEVERITY_ERROR, "Expires");
	expect(SIPMSG_DIAG_BAD_HEADER_VALUE, SIPMSG_SEVERITY_ERROR, "RAck");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX);
	cr_assert_eq(count_code(SIPMSG_DIAG_VALUE_OUT_OF_RANGE), 1, "typed errors are reported once");
}

/* Diagnostic k (0-based) of code, or NULL. */
static const sipmsg_diag *nth(sipmsg_diag_code code, size_t k)
{
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, i);
		if (d->code == code && k-- == 0)
			return d;
	}
	return NULL;
}

/* Digest parameters (RFC 3261 §25.1, RFC 2617 §3.2): what real devices
 * write outside the grammar but harmlessly (qop="auth", algorithm="MD5",
 * stale="false", an empty response in 3GPP's first REGISTER, SHA-256's 64
 * digits) draws nothing; a shape broken or a required parameter missing is
 * a warning at the value, never an error. */
Test(check, digest_parameters_as_devices_write_them)
{
	TT_PARSE(TT_REQ("Authorization: Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd\",\r\n"
			" uri=\"sip:bob@biloxi.com\", qop=\"auth\", nc=0000000A, cnonce=\"0a4f113b\",\r\n"
			" response=\"6629fae49393a05397450978507c4ef1\", algorithm=\"MD5\", opaque=\"\"\r\n"
			"Proxy-Authorization: Digest username=\"u@ims.example\", realm=\"ims.example\", nonce=\"\",\r\n"
			" uri=\"sip:ims.example\", response=\"\"\r\n"
			"Proxy-Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"sip:h\", algorithm=SHA-256,\r\n"
			" response=\"5a1a8a47df5c298551b9b42ba9b05835174a5bd7d511ff7fe9191d8e946fc4e7\"\r\n"
			"Authorization: NoOneKnowsThisScheme opaque-data=here\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "%s", sipmsg_msg_diag_at(tt_m, 0)->message);

	TT_PARSE("SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
		 "From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
		 "WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth, auth-int\",\r\n"
		 " nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=\"MD5\"\r\n"
		 "Proxy-Authenticate: Digest realm=\"x\", nonce=\"y\", qop=auth, stale=\"true\"\r\n"
		 "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"ab\", nc=00000001\r\n"
		 "Content-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "%s", sipmsg_msg_diag_at(tt_m, 0)->message);
}

Test(check, digest_parameter_shapes_and_required_ones)
{
	const char *text = TT_REQ("Authorization: Digest username=bob, realm=\"r\", nonce=\"n\", qop=auth,\r\n"
				  " nc=1, response=\"6629fae49393a05397450978507c4ef\"\r\n");
	TT_PARSE(text);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "warnings only");
	cr_assert_eq(count_code(SIPMSG_DIAG_BAD_DIGEST_PARAM), 5);
	static const char *const at[] = {"bob,", "1, response", "6629fae"};
	for (size_t k = 0; k < 3; k++) {
		const sipmsg_diag *d = nth(SIPMSG_DIAG_BAD_DIGEST_PARAM, k);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		TT_SLICE(d->header, "Authorization");
		cr_assert_eq(d->offset, (size_t)(strstr(text, at[k]) - text), "%s at %zu", d->message, d->offset);
	}
	/* then what is missing, at the start of the value: uri, and cnonce
	 * since qop is there (nc is there, if malformed) */
	const size_t value = (size_t)(strstr(text, "Digest username") - text);
	const sipmsg_diag *d = nth(SIPMSG_DIAG_BAD_DIGEST_PARAM, 3);
	cr_assert_eq(d->offset, value);
	cr_assert(strstr(d->message, "without uri"), "%s", d->message);
	d = nth(SIPMSG_DIAG_BAD_DIGEST_PARAM, 4);
	cr_assert(strstr(d->message, "without cnonce"), "%s", d->message);
	cr_assert_str_eq(sipmsg_diag_code_name(SIPMSG_DIAG_BAD_DIGEST_PARAM), "bad-digest-param");

	text = "SIP/2.0 407 Proxy Authentication Required\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
	       "From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
	       "Proxy-Authenticate: Digest realm=x, qop=\"auth,,auth-int\", stale=maybe\r\n"
	       "Authentication-Info: nextnonce=abc, rspauth=\"xyz\", nc=0001\r\nContent-Length: 0\r\n\r\n";
	TT_PARSE(text);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "warnings only");
	static const char *const at2[] = {"x, qop", "auth,,", "maybe", "Digest realm", "abc,", "xyz", "0001"};
	cr_assert_eq(count_code(SIPMSG_DIAG_BAD_DIGEST_PARAM), 7);
	for (size_t k = 0; k < 7; k++) {
		d = nth(SIPMSG_DIAG_BAD_DIGEST_PARAM, k);
		cr_assert_eq(d->offset, (size_t)(strstr(text, at2[k]) - text), "%zu: %s at %zu", k, d->message, d->offset);
	}
	cr_assert(strstr(nth(SIPMSG_DIAG_BAD_DIGEST_PARAM, 3)->message, "challenge without nonce"));
	/* a second run reports them once */
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(count_code(SIPMSG_DIAG_BAD_DIGEST_PARAM), 7);
}

/* via-extension = generic-param (RFC 3261 §25.1): the parse takes a bare
 * ':' in any Via parameter (received needs it for a bare IPv6 address;
 * maddr, a host, takes only a bracketed one); the check warns of one
 * elsewhere, and of a bracketed non-address, once per Via value and run. */
Test(check, via_extension_values_are_gen_values)
{
	TT_PARSE("OPTIONS sip:b@h SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP h;branch=z9hG4bK1;received=2001:db8::1;maddr=[::2];x=[::1];y=\"a:b\";z\r\n"
		 "Via: SIP/2.0/UDP h2;branch=z9hG4bK2;x=a:b, SIP/2.0/UDP h3;branch=z9hG4bK3;rport;y=[zz];w=1:2\r\n"
		 "Max-Forwards: 70\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n");
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(count_code(SIPMSG_DIAG_BAD_VIA_PARAM), 2);
	const sipmsg_diag *d = expect(SIPMSG_DIAG_BAD_VIA_PARAM, SIPMSG_SEVERITY_WARNING, NULL);
	cr_assert_eq(d->line, 3);
	cr_assert_eq(d->column, 39, "column %u", d->column);
	cr_assert_eq(nth(SIPMSG_DIAG_BAD_VIA_PARAM, 1)->column, 83, "column %u", nth(SIPMSG_DIAG_BAD_VIA_PARAM, 1)->column);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(count_code(SIPMSG_DIAG_BAD_VIA_PARAM), 2);
	cr_assert_str_eq(sipmsg_diag_code_name(SIPMSG_DIAG_BAD_VIA_PARAM), "bad-via-param");
}

/* MIME-Version = 1*DIGIT "." 1*DIGIT (RFC 3261 §20.24, no RFC 2045
 * comments); User-Agent and Server are server-vals: products (token
 * [ "/" token ]) and comments (§20.35, §20.41); Privacy is priv-values,
 * tokens separated by ";" (RFC 3323 §4.2). Warnings at the first stray
 * byte; the values real agents send stay clean. */
Test(check, text_headers_keep_their_grammar)
{
	TT_PARSE(TT_REQ("MIME-Version: 1.0\r\nUser-Agent: Asterisk PBX 18.0\r\n"
			"Server: FPBX-16.0.40(18.9.0) Cisco-SIPGateway/IOS-12.x kamailio (5.6.3 (x86_64/linux))\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "%s", sipmsg_msg_diag_at(tt_m, 0)->message);
	TT_PARSE(TT_REQ("User-Agent: SIPimp.org/0.2.5 (curses) ( a \\) b ) x / y\r\nServer: (only a comment)\r\n"
			"Privacy: id;header ; user;x-private\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "%s", sipmsg_msg_diag_at(tt_m, 0)->message);

	static const struct {
		const char *line, *at;
	} bad[] = {
		{"MIME-Version: 1.0 (produced by X)", "(produced"},
		{"MIME-Version: 1", ""},
		{"MIME-Version: 1.x", "x"},
		{"MIME-Version: .0", ".0"},
		{"User-Agent: Foo/1.0/2", "/2"},
		{"User-Agent: IP phone [build 3]", "[build"},
		{"Server: X (not closed", "(not"},
		{"Server: X/", ""},
		{"User-Agent: a, b", ", b"},
		{"User-Agent: ", ""},
		{"Privacy: id, user", ", user"},
		{"Privacy: id;;user", ";user"},
		{"Privacy: header;", ""},
		{"Privacy: ", ""},
		{"Privacy: id user", "user"},
		{"Privacy: \"id\"", "\"id\""},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		char text[512];
		snprintf(text, sizeof text, TT_REQ("%s\r\n"), bad[k].line);
		TT_PARSE(text);
		cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "%s: warnings only", bad[k].line);
		cr_assert_eq(count_code(SIPMSG_DIAG_BAD_TEXT_HEADER), 1, "%s", bad[k].line);
		const sipmsg_diag *d = expect(SIPMSG_DIAG_BAD_TEXT_HEADER, SIPMSG_SEVERITY_WARNING, NULL);
		const char *line = strstr(text, bad[k].line), *colon = strchr(line, ':');
		/* the stray bytes after the colon, or the line's end */
		size_t at = (size_t)((*bad[k].at ? strstr(colon, bad[k].at) : line + strlen(bad[k].line)) - text);
		cr_assert_eq(d->offset, at, "%s: at %zu, not %zu (%s)", bad[k].line, d->offset, at, d->message);
	}
	cr_assert_str_eq(sipmsg_diag_code_name(SIPMSG_DIAG_BAD_TEXT_HEADER), "bad-text-header");
}

/* "*" is a token character, so a "*" Content-Type type or subtype parses;
 * a wildcard is Accept's media-range (RFC 3261 §20.1) and labels no body:
 * a warning at it. */
Test(check, content_type_wildcard_warns)
{
	static const struct {
		const char *value;
		uint32_t column;
	} cases[] = {{"*/*", 15}, {"application/*", 27}, {"*/sdp", 15}, {"text/ * ;charset=utf-8", 21}};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char text[512];
		snprintf(text, sizeof text, TT_REQ("Content-Type: %s\r\n"), cases[k].value);
		TT_PARSE(text);
		cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "%s", cases[k].value);
		cr_assert_eq(count_code(SIPMSG_DIAG_HEADER_RULE), 1, "%s", cases[k].value);
		const sipmsg_diag *d = expect(SIPMSG_DIAG_HEADER_RULE, SIPMSG_SEVERITY_WARNING, "Content-Type");
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].value, d->column);
		cr_assert(strstr(d->message, "Accept"), "%s", d->message);
	}
	/* a type with '*' among other characters is a plain token; Accept keeps its wildcards */
	TT_PARSE(TT_REQ("Content-Type: application/x*y\r\nAccept: */*, application/*\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
}

/* hostname = *( domainlabel "." ) toplabel [ "." ] (RFC 3261 §25.1): the
 * parse reads host characters only (the hot path too); the check warns of
 * a name out of the rule, at the fault, in the Request-URI, Via and every
 * name-addr's SIP URI. */
Test(check, host_name_rule)
{
	TT_PARSE("INVITE sip:bob@example.1com SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP pc33.-atlanta.com;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
		 "To: <sip:bob@biloxi..com>\r\nFrom: <sip:alice@atlanta-.com>;tag=1\r\n"
		 "Contact: <sip:a@pc33.atlanta.com.>, <tel:+1-201-555-0123>\r\n"
		 "Route: <sip:10.0.0.1;lr>, <sip:p1_x.example.com;lr>\r\n"
		 "Call-ID: c\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "warnings only");
	static const struct {
		uint32_t line, column;
		const char *why;
	} want[] = {
		{1, 24, "digit"}, {2, 23, "'-'"}, {4, 21, "empty"}, {5, 25, "'-'"},
	};
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, i);
		if (d->code != SIPMSG_DIAG_BAD_HOST_NAME)
			continue;
		cr_assert_lt(n, 4, "%s", d->message);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		cr_assert_eq(d->line, want[n].line, "%s", d->message);
		cr_assert_eq(d->column, want[n].column, "%s: column %u", d->message, d->column);
		cr_assert(strstr(d->message, want[n].why), "%s", d->message);
		n++;
	}
	cr_assert_eq(n, 4, "the root's dot, an IPv4 address, '_' and a tel URI are fine");
}

/* The k-th diagnostic with code and its line and column, or fails. */
static void expect_at(sipmsg_diag_code code, size_t k, uint32_t line, uint32_t column, const char *what)
{
	const sipmsg_diag *d = nth(code, k);
	cr_assert_not_null(d, "no %s #%zu", sipmsg_diag_code_name(code), k);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s", d->message);
	cr_assert_eq(d->line, line, "%s: line %u", d->message, d->line);
	cr_assert_eq(d->column, column, "%s: column %u", d->message, d->column);
	if (what)
		cr_assert(strstr(d->message, what), "%s", d->message);
}

/* uri-parameter (RFC 3261 §19.1.1, §25.1): the parse reads the first
 * transport, user, method, ttl and maddr; a second one, or a second lr,
 * is a warning at its name, in the Request-URI and every name-addr URI. */
Test(check, repeated_uri_params_warn)
{
	TT_PARSE("INVITE sip:bob@example.com;transport=udp;TRANSPORT=tcp SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
		 "To: <sip:bob@biloxi.com;user=phone;user=ip>\r\nFrom: <sip:alice@atlanta.com;method=INVITE;method=BYE>;tag=1\r\n"
		 "Contact: <sip:a@pc33.atlanta.com;maddr=192.0.2.1;maddr=192.0.2.2;ttl=1;ttl=2>\r\n"
		 "Route: <sip:p1.example.com;lr;lr>\r\nRecord-Route: <sip:p2.example.com;lr;transport=tcp>\r\n"
		 "Call-ID: c\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "warnings only");
	cr_assert_eq(count_code(SIPMSG_DIAG_MULTIPLE_VALUES), 6);
	expect_at(SIPMSG_DIAG_MULTIPLE_VALUES, 0, 1, 42, "transport");
	cr_assert_null(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 0)->header.ptr, "the Request-URI is no header");
	expect_at(SIPMSG_DIAG_MULTIPLE_VALUES, 1, 4, 36, "user");
	TT_SLICE(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 1)->header, "To");
	expect_at(SIPMSG_DIAG_MULTIPLE_VALUES, 2, 5, 44, "method");
	expect_at(SIPMSG_DIAG_MULTIPLE_VALUES, 3, 6, 50, "maddr");
	expect_at(SIPMSG_DIAG_MULTIPLE_VALUES, 4, 6, 72, "ttl");
	expect_at(SIPMSG_DIAG_MULTIPLE_VALUES, 5, 7, 31, "lr");
	TT_SLICE(nth(SIPMSG_DIAG_MULTIPLE_VALUES, 5)->header, "Route");
	/* a valueless transport is no value to read; other params may repeat */
	TT_PARSE(TT_REQ("Contact: <sip:a@h;transport;transport=tcp;x=1;x=2>\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "%s",
		     sipmsg_msg_diag_count(tt_m) ? sipmsg_msg_diag_at(tt_m, 0)->message : "");
	/* a bare addr-spec's parameters are the header's: not the URI's */
	TT_PARSE(TT_REQ("Contact: sip:a@h;expires=1\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(count_code(SIPMSG_DIAG_MULTIPLE_VALUES), 0);
}

/* lr-param = "lr" (RFC 3261 §25.1): ";lr=on", which older proxies write,
 * is read as lr and warned of at the '=', with its header. */
Test(check, lr_with_a_value_warns)
{
	TT_PARSE(TT_REQ("Route: <sip:p1.example.com;lr=on>, <sip:p2.example.com;lr>\r\n"
			"Record-Route: <sip:p3.example.com;LR=true>\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "a warning");
	cr_assert_eq(count_code(SIPMSG_DIAG_HEADER_RULE), 2);
	expect_at(SIPMSG_DIAG_HEADER_RULE, 0, 8, 30, "lr-param");
	TT_SLICE(nth(SIPMSG_DIAG_HEADER_RULE, 0)->header, "Route");
	expect_at(SIPMSG_DIAG_HEADER_RULE, 1, 9, 37, "lr-param");
	TT_SLICE(nth(SIPMSG_DIAG_HEADER_RULE, 1)->header, "Record-Route");
	cr_assert(tt_value(SIPMSG_HDR_ROUTE, 0).nameaddr->uri.lr, "still read as lr");
	TT_PARSE("OPTIONS sip:bob@example.com;lr=1 SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
		 "Max-Forwards: 70\r\nTo: <sip:b@h>\r\nFrom: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	expect_at(SIPMSG_DIAG_HEADER_RULE, 0, 1, 31, "lr-param");
}

/* display-name = *(token LWS) / quoted-string (RFC 3261 §25.1): token is
 * ASCII, so an unquoted UTF-8 name, which the parse reads, is a warning at
 * its first byte out of the rule. */
Test(check, unquoted_display_name_is_tokens)
{
	TT_PARSE("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
		 "To: Bob Smith <sip:bob@example.com>\r\nFrom: J\xc3\xb6s\xc3\xa9 <sip:a@b>;tag=1\r\n"
		 "Contact: \"J\xc3\xb6s\xc3\xa9\" <sip:a@h>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "a warning");
	cr_assert_eq(count_code(SIPMSG_DIAG_HEADER_RULE), 1, "tokens with LWS and a quoted name are fine");
	expect_at(SIPMSG_DIAG_HEADER_RULE, 0, 5, 8, "display-name");
	TT_SLICE(nth(SIPMSG_DIAG_HEADER_RULE, 0)->header, "From");
	TT_SLICE(tt_value(SIPMSG_HDR_FROM, 0).nameaddr->display, "J\xc3\xb6s\xc3\xa9");
}

/* The parameters other headers' RFCs name once (RFC 6665 §8.4, RFC 3261
 * §20.1-3, §20.9, §20.11, §20.33, RFC 3326 §2, RFC 4028 §4): a second one
 * is a multiple-values warning at its name; other parameters may repeat. */
Test(check, repeated_header_params_warn)
{
	TT_PARSE(TT_REQ("Event: presence;id=1;ID=2\r\n"
			"Subscription-State: terminated;reason=timeout;reason=noresource;expires=1;expires=2\r\n"
			"Content-Disposition: session;handling=optional;handling=required\r\n"
			"Reason: SIP;cause=200;cause=300, Q.850;cause=16;text=\"a\";text=\"b\"\r\n"
			"Retry-After: 120 (x);duration=10;duration=20\r\n"
			"Session-Expires: 90;refresher=uac;refresher=uas\r\n"
			"Accept: application/sdp;q=0.5;q=0.1, text/plain;q=1\r\n"
			"Accept-Encoding: gzip;q=1;q=0\r\nAccept-Language: da;q=1;q=0\r\n"
			"Call-Info: <http://x/y>;purpose=icon;purpose=info\r\n"
			"Allow-Events: presence\r\nSubscription-State: active;x=1;x=2\r\n"));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_ESYNTAX, "two Subscription-State lines are an error");
	static const struct {
		uint32_t line, column;
		const char *name;
	} want[] = {
		{8, 22, "id"},        {9, 47, "reason"},   {9, 75, "expires"},   {10, 48, "handling"},
		{11, 23, "cause"},    {11, 58, "text"},    {12, 34, "duration"}, {13, 35, "refresher"},
		{14, 31, "q"},        {15, 27, "q"},       {16, 25, "q"},        {17, 38, "purpose"},
	};
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, i);
		if (d->code != SIPMSG_DIAG_MULTIPLE_VALUES || d->severity != SIPMSG_SEVERITY_WARNING)
			continue;
		cr_assert_lt(n, 12, "%s", d->message);
		cr_assert_eq(d->line, want[n].line, "%s: line %u", d->message, d->line);
		cr_assert_eq(d->column, want[n].column, "%s: column %u", d->message, d->column);
		char what[40];
		snprintf(what, sizeof what, "second %s ", want[n].name);
		cr_assert(strstr(d->message, what), "%s", d->message);
		n++;
	}
	cr_assert_eq(n, 12);
}
