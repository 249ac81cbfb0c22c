/* SPDX-License-Identifier: MIT */
/* Token lists and token/media-type headers: every element across repeated
 * lines, empty lists where the grammar allows them, parameters, limits. */
#include "typed_test.h"

TestSuite(lists, .fini = tt_teardown);

Test(lists, token_lists_across_lines)
{
	TT_PARSE(TT_REQ("Allow: INVITE, ACK,CANCEL ,\r\n OPTIONS\r\nSupported: replaces\r\nk: timer, 100rel\r\n"
			"Require: 100rel\r\nUnsupported: foo\r\nProxy-Require: x\r\nAllow-Events: presence, dialog\r\n"));
	static const char *const allow[] = {"INVITE", "ACK", "CANCEL", "OPTIONS"};
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ALLOW), 4);
	for (size_t k = 0; k < 4; k++) {
		sipmsg_typed t = tt_value(SIPMSG_HDR_ALLOW, k);
		cr_assert_eq(t.kind, SIPMSG_KIND_TOKEN);
		TT_SLICE(t.token->value, allow[k]);
		TT_SLICE(t.raw, allow[k]);
	}
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_SUPPORTED), 3);
	TT_SLICE(tt_value(SIPMSG_HDR_SUPPORTED, 2).token->value, "100rel");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ALLOW_EVENTS), 2);
}

Test(lists, empty_lists_where_allowed)
{
	TT_PARSE(TT_REQ("Accept:\r\nAllow:\r\nSupported: \r\nAccept-Encoding:\r\nAccept-Language:\r\n"));
	size_t n = sipmsg_header_count(tt_m);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(sipmsg_header_parse(tt_m, i, NULL), SIPMSG_OK, "header %zu", i);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT), 0);
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);

	TT_PARSE(TT_REQ("Require:\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_REQUIRE), SIPMSG_ESYNTAX);
	cr_assert_not_null(tt_diag(tt_m, SIPMSG_DIAG_EMPTY_HEADER_VALUE));
}

Test(lists, media_types_and_accept)
{
	TT_PARSE(TT_REQ("Content-Type: multipart/mixed ; boundary=\"a b\";charset=UTF-8\r\n"
			"Accept: application/sdp;level=1, */*;q=0.1,\r\n text/*\r\n"));
	const sipmsg_mediatype *ct = sipmsg_msg_content_type(tt_m);
	TT_SLICE(ct->type, "multipart");
	TT_SLICE(ct->subtype, "mixed");
	TT_SLICE(ct->boundary, "a b");
	cr_assert_eq(ct->param_count, 2);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT), 3);
	sipmsg_typed t = tt_value(SIPMSG_HDR_ACCEPT, 1);
	TT_SLICE(t.mediatype->type, "*");
	TT_SLICE(t.mediatype->subtype, "*");
	TT_SLICE(t.mediatype->params[0].value, "0.1");
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT, 2).mediatype->subtype, "*");
}

Test(lists, token_params_headers)
{
	TT_PARSE(TT_REQ("Event: presence.winfo;id=1234\r\nSubscription-State: active;expires=3600\r\n"
			"Reason: SIP ;cause=200 ;text=\"Call completed elsewhere\", Q.850;cause=16\r\n"
			"Content-Disposition: session;handling=required\r\nAccept-Encoding: gzip;q=1.0, identity\r\n"
			"Security-Client: digest;d-alg=md5, tls;q=0.2\r\nPriority: emergency\r\n"));
	sipmsg_typed t = tt_value(SIPMSG_HDR_EVENT, 0);
	TT_SLICE(t.token->value, "presence.winfo");
	TT_SLICE(t.token->params[0].value, "1234");
	t = tt_value(SIPMSG_HDR_SUBSCRIPTION_STATE, 0);
	TT_SLICE(t.token->value, "active");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_REASON), 2);
	t = tt_value(SIPMSG_HDR_REASON, 0);
	TT_SLICE(t.token->value, "SIP");
	cr_assert_eq(t.token->param_count, 2);
	TT_SLICE(t.token->params[1].value, "Call completed elsewhere");
	TT_SLICE(tt_value(SIPMSG_HDR_REASON, 1).token->value, "Q.850");
	TT_SLICE(tt_value(SIPMSG_HDR_CONTENT_DISPOSITION, 0).token->params[0].value, "required");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT_ENCODING), 2);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_SECURITY_CLIENT), 2);
	TT_SLICE(tt_value(SIPMSG_HDR_PRIORITY, 0).token->value, "emergency");
}

Test(lists, errors)
{
	tt_bad("Allow: INVITE,,ACK", SIPMSG_HDR_ALLOW, SIPMSG_DIAG_EMPTY_LIST_ITEM, 15);
	tt_bad("Allow: INVITE ACK", SIPMSG_HDR_ALLOW, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	tt_bad("Priority: a, b", SIPMSG_HDR_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 12);
	tt_bad("Content-Disposition: <x>", SIPMSG_HDR_CONTENT_DISPOSITION, SIPMSG_DIAG_BAD_HEADER_VALUE, 22);
	tt_bad("Accept: application", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	tt_bad("Accept: application/", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_HEADER_VALUE, 21);
	tt_bad("Event: foo;;id=1", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_PARAMETER, 12);
	tt_bad("Event: foo;id=", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_PARAMETER, 15);
	tt_bad("Event: foo;id=\"x", SIPMSG_HDR_EVENT, SIPMSG_DIAG_UNTERMINATED_QUOTE, 15);
	/* event-type: package and templates are token-nodot, none empty (RFC 6665) */
	tt_bad("Event: presence.", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_HEADER_VALUE, 16);
	tt_bad("Event: .presence;id=1", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_HEADER_VALUE, 8);
	tt_bad("Event: a..winfo", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_HEADER_VALUE, 9);
	tt_bad("Allow-Events: presence, dialog.", SIPMSG_HDR_ALLOW_EVENTS, SIPMSG_DIAG_BAD_HEADER_VALUE, 31);
	TT_PARSE(TT_REQ("Allow-Events: presence.winfo.x, refer\r\n"));
	TT_SLICE(tt_value(SIPMSG_HDR_ALLOW_EVENTS, 0).token->value, "presence.winfo.x");
}

/* media-range = ( "*" SLASH "*" ) / ( m-type SLASH "*" ) / ( m-type SLASH
 * m-subtype ) (RFC 3261 §25.1): a "*" type goes with a "*" subtype only. */
Test(lists, accept_media_ranges)
{
	tt_bad("Accept: */html", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_HEADER_VALUE, 11);
	tt_bad("Accept: text/plain, * / sdp;q=0.5", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_HEADER_VALUE, 25);
	TT_PARSE(TT_REQ("Accept: */*;q=0.1, text/*, application/sdp\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT), 3);
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT, 1).mediatype->subtype, "*");
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);
}

/* m-parameter = m-attribute EQUAL m-value (RFC 3261 §25.1): a Content-Type
 * parameter has a value; Accept's accept-param = ("q" EQUAL qvalue) /
 * generic-param may go without one. */
Test(lists, media_type_parameters_have_values)
{
	tt_bad("Content-Type: application/sdp;foo", SIPMSG_HDR_CONTENT_TYPE, SIPMSG_DIAG_BAD_PARAMETER, 31);
	tt_bad("c: text/plain;charset=utf-8;x", SIPMSG_HDR_CONTENT_TYPE, SIPMSG_DIAG_BAD_PARAMETER, 29);
	tt_bad("Content-Type: multipart/mixed ; boundary ; x=y", SIPMSG_HDR_CONTENT_TYPE, SIPMSG_DIAG_BAD_PARAMETER, 33);
	/* strict mode fails the message there */
	cr_assert_eq(tt_parse_strict(TT_REQ("Content-Type: application/sdp;foo\r\n")), SIPMSG_ESYNTAX);
	cr_assert_eq(tt_err.code, SIPMSG_DIAG_BAD_PARAMETER);
	cr_assert_str_eq(tt_err.header, "Content-Type");
	cr_assert_eq(tt_err.column, 31);

	TT_PARSE(TT_REQ("Accept: application/sdp;foo, text/plain;level;q=0.5\r\n"
			"Content-Type: application/sdp;foo=\"\"\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT), 2);
	sipmsg_typed t = tt_value(SIPMSG_HDR_ACCEPT, 0);
	cr_assert_eq(t.mediatype->param_count, 1);
	TT_SLICE(t.mediatype->params[0].name, "foo");
	cr_assert_null(t.mediatype->params[0].value.ptr);
	cr_assert_eq(tt_value(SIPMSG_HDR_ACCEPT, 1).mediatype->param_count, 2);
	const sipmsg_mediatype *ct = sipmsg_msg_content_type(tt_m);
	cr_assert_not_null(ct);
	TT_SLICE(ct->params[0].value, "");
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);
}

/* Content-Type's m-value is token / quoted-string; Accept's and
 * Content-Disposition's generic-param has a gen-value, which adds host
 * (an IPv6 reference, no bare ':'); handling is a token (RFC 3261 §25.1). */
Test(lists, parameter_values_follow_each_rule)
{
	tt_bad("Content-Type: application/sdp;a=b:c", SIPMSG_HDR_CONTENT_TYPE, SIPMSG_DIAG_BAD_PARAMETER, 33);
	tt_bad("Content-Type: application/sdp;a=[::1]", SIPMSG_HDR_CONTENT_TYPE, SIPMSG_DIAG_BAD_PARAMETER, 33);
	tt_bad("Accept: text/plain;a=b:c", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_PARAMETER, 22);
	tt_bad("Accept: text/plain;q=0.5;a=[v6]", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_PARAMETER, 28);
	tt_bad("Content-Disposition: session;x=a:b", SIPMSG_HDR_CONTENT_DISPOSITION, SIPMSG_DIAG_BAD_PARAMETER, 32);
	tt_bad("Content-Disposition: session;handling=\"optional\"", SIPMSG_HDR_CONTENT_DISPOSITION,
	    SIPMSG_DIAG_BAD_PARAMETER, 40);

	TT_PARSE(TT_REQ("Content-Type: message/external-body;access-type=\"URL\";x=a.b\r\n"
			"Accept: text/plain;a=[2001:db8::1];q=0.5;b=\"c:d\";e\r\n"
			"Content-Disposition: session;handling=optional;x=[::2];y=\"[\";z\r\n"));
	TT_SLICE(sipmsg_msg_content_type(tt_m)->params[1].value, "a.b");
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT, 0).mediatype->params[0].value, "[2001:db8::1]");
	TT_SLICE(tt_value(SIPMSG_HDR_CONTENT_DISPOSITION, 0).token->params[1].value, "[::2]");
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);
}

/* Every other header's parameters are generic-params too (RFC 3261 §25.1
 * and the extensions' grammars): a gen-value, never a bare ':' or a
 * bracketed non-address, in the fast path (From, To, Contact) and the
 * general parser alike. Via keeps its own (bare IPv6 received, maddr). */
Test(lists, every_generic_param_is_a_gen_value)
{
	static const struct {
		const char *line;
		sipmsg_hdr_id id;
		uint32_t column;
	} cases[] = {
		{"Reply-To: <sip:a@h>;x=a:b", SIPMSG_HDR_REPLY_TO, 23},
		{"Referred-By: sip:b@h;cid=2001:db8::1", SIPMSG_HDR_REFERRED_BY, 26},
		{"Contact: <sip:a@h>;expires=60;received=1.2.3.4:5060", SIPMSG_HDR_CONTACT, 40},
		{"Contact: <sip:a@h>;x=[zz]", SIPMSG_HDR_CONTACT, 22},
		{"Route: <sip:p@h;lr>;x=urn:a", SIPMSG_HDR_ROUTE, 23},
		{"Call-Info: <http://h/a.png>;purpose=icon;y=[]", SIPMSG_HDR_CALL_INFO, 44},
		{"Event: dialog;call-id=ab:c", SIPMSG_HDR_EVENT, 23},
		{"Subscription-State: active;x=1:2", SIPMSG_HDR_SUBSCRIPTION_STATE, 30},
		{"Reason: SIP;cause=200;x=a:b", SIPMSG_HDR_REASON, 25},
		{"Session-Expires: 90;x=[1.2.3.4]", SIPMSG_HDR_SESSION_EXPIRES, 23},
		{"Retry-After: 5;x=a:b", SIPMSG_HDR_RETRY_AFTER, 18},
		{"Replaces: abc@h;to-tag=1;from-tag=2;x=y:z", SIPMSG_HDR_REPLACES, 39},
		{"Accept-Language: da;x=a:b", SIPMSG_HDR_ACCEPT_LANGUAGE, 23},
		{"Security-Client: digest;d-alg=md5:x", SIPMSG_HDR_SECURITY_CLIENT, 31},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		tt_bad(cases[k].line, cases[k].id, SIPMSG_DIAG_BAD_PARAMETER, cases[k].column);
	/* From is one of the headers that must be valid: the parse fails there */
	cr_assert_eq(tt_parse("OPTIONS sip:b@h SIP/2.0\r\nFrom: <sip:a@h>;tag=1;x=a:b\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(tt_err.code, SIPMSG_DIAG_BAD_PARAMETER);
	cr_assert_eq(tt_err.column, 25);

	TT_PARSE(TT_REQ("Reply-To: <sip:a@h>;x=[2001:db8::1];y=\"a:b\";z\r\n"
			"Contact: <sip:a@h>;+sip.instance=\"<urn:uuid:1>\";received=\"sip:1.2.3.4:5060\"\r\n"
			"Event: dialog;call-id=\"a@b:c\";x=[::1]\r\n"
			"Via: SIP/2.0/UDP h;branch=z9hG4bK1;received=2001:db8::1;x=a:b\r\n"));
	sipmsg_hdr_id ok[] = {SIPMSG_HDR_REPLY_TO, SIPMSG_HDR_CONTACT, SIPMSG_HDR_EVENT, SIPMSG_HDR_VIA};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		cr_assert_eq(tt_header_status(ok[i]), SIPMSG_OK, "%s", sipmsg_hdr_name(ok[i]));
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);
}

/* language-tag = primary-tag *( "-" subtag ), 1*8ALPHA each (RFC 3261
 * §20.13, RFC 2616 §3.10); subtags may hold digits as BCP 47 has them. */
Test(lists, content_language_tags)
{
	TT_PARSE(TT_REQ("Content-Language: fr, en-US,i-klingon, es-419,de-CH-1996, ABCDEFGH-x\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_CONTENT_LANGUAGE), 6);
	TT_SLICE(tt_value(SIPMSG_HDR_CONTENT_LANGUAGE, 3).token->value, "es-419");
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);

	tt_bad("Content-Language: fr, 1en", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 23);
	tt_bad("Content-Language: abcdefghi", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 27);
	tt_bad("Content-Language: en--us", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 22);
	tt_bad("Content-Language: en-", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 22);
	tt_bad("Content-Language: en-US.1", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 24);
	tt_bad("Content-Language: en_US.UTF-8", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 24);
}

/* language-range = language-tag / "*" (RFC 3261 §20.3), held as
 * Content-Language's tags are. */
Test(lists, accept_language_ranges)
{
	TT_PARSE(TT_REQ("Accept-Language: da, en-gb;q=0.8, es-419;q=0.5, *;q=0.1\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT_LANGUAGE), 4);
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT_LANGUAGE, 3).token->value, "*");
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);

	tt_bad("Accept-Language: en, 1en", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 22);
	tt_bad("Accept-Language: englishes", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 26);
	tt_bad("Accept-Language: en-;q=0.5", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 21);
	tt_bad("Accept-Language: *-us", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 18);
	tt_bad("Accept-Language: fr, en.us", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 24);
}

/* A POSIX locale for a tag ("en_US") is seen in real traffic: the value
 * reads, with a warning at the "_" (in either language header). */
Test(lists, language_underscore_is_a_warning)
{
	tt_warned("Accept-Language: en_US;q=0.8, fr", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	tt_warned("Accept-Language: de-CH_1996", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 23);
	tt_warned("Content-Language: en_US", SIPMSG_HDR_CONTENT_LANGUAGE, SIPMSG_DIAG_BAD_HEADER_VALUE, 21);
	cr_assert_eq(sipmsg_msg_error_count(tt_m), 0);
	TT_SLICE(tt_value(SIPMSG_HDR_CONTENT_LANGUAGE, 0).token->value, "en_US");
}

Test(lists, limits)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_list_items = 2;
	o.max_uri_params = 2;
	cr_assert_eq(tt_parse_opts(TT_REQ("Allow: A, B, C\r\nEvent: e;a;b;c\r\n"), &o), SIPMSG_OK);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_ALLOW), SIPMSG_ESYNTAX);
	cr_assert_not_null(tt_diag(tt_m, SIPMSG_DIAG_LIMIT_LIST_ITEMS));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_EVENT), SIPMSG_ESYNTAX);
	cr_assert_not_null(tt_diag(tt_m, SIPMSG_DIAG_LIMIT_URI_PARAMS));
	cr_assert_eq(sipmsg_msg_parse_all(tt_m), 2);
}

/* gen-value = token / host / quoted-string (RFC 3261 §25.1): a value that is
 * there but none of those is not called empty. */
Test(lists, parameter_value_that_is_no_gen_value)
{
	tt_bad("Event: dialog;call-id=(see body)", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_PARAMETER, 23);
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER)->message,
			 "a parameter value must be a token, host or quoted-string");
	tt_bad("Event: dialog;call-id=", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_PARAMETER, 23);
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER)->message, "empty parameter value");
	tt_bad("Event: dialog;call-id=;x", SIPMSG_HDR_EVENT, SIPMSG_DIAG_BAD_PARAMETER, 23);
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER)->message, "empty parameter value");
}

/* Parameters whose value the header's grammar narrows from gen-value:
 * q of Accept* (RFC 3261 §25.1) and Security-* (RFC 3329 §2.2), Reason's
 * cause and text (RFC 3326 §2), Session-Expires' refresher (RFC 4028 §4),
 * History-Info's index, rc, mp and np (RFC 7044 §5). */
Test(lists, narrowed_parameter_values)
{
	tt_bad("Accept: application/sdp;q=2", SIPMSG_HDR_ACCEPT, SIPMSG_DIAG_BAD_PARAMETER, 27);
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER)->message,
			 "q must be a qvalue between 0 and 1 (at most 3 decimals)");
	tt_bad("Accept-Encoding: gzip;q=0.5, identity;Q=1.5", SIPMSG_HDR_ACCEPT_ENCODING, SIPMSG_DIAG_BAD_PARAMETER, 41);
	tt_bad("Accept-Language: da, en-gb;q", SIPMSG_HDR_ACCEPT_LANGUAGE, SIPMSG_DIAG_BAD_PARAMETER, 28);
	tt_bad("Security-Client: digest;d-alg=md5;q=high", SIPMSG_HDR_SECURITY_CLIENT, SIPMSG_DIAG_BAD_PARAMETER, 37);
	tt_bad("Reason: Q.850;cause=normal", SIPMSG_HDR_REASON, SIPMSG_DIAG_BAD_PARAMETER, 21);
	tt_bad("Reason: SIP;cause=200;text=Completed", SIPMSG_HDR_REASON, SIPMSG_DIAG_BAD_PARAMETER, 28);
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER)->message, "text must be a quoted-string (RFC 3326)");
	tt_bad("Session-Expires: 1800;refresher=both", SIPMSG_HDR_SESSION_EXPIRES, SIPMSG_DIAG_BAD_PARAMETER, 33);
	tt_bad("History-Info: <sip:a@example.com>;index=1.01", SIPMSG_HDR_HISTORY_INFO, SIPMSG_DIAG_BAD_PARAMETER, 41);
	tt_bad("History-Info: <sip:a@example.com>;index=1, <sip:b@example.com>;index=1.1;rc=1.", SIPMSG_HDR_HISTORY_INFO,
	    SIPMSG_DIAG_BAD_PARAMETER, 77);
	tt_bad("History-Info: <sip:a@h>;index=1;rc=01", SIPMSG_HDR_HISTORY_INFO, SIPMSG_DIAG_BAD_PARAMETER, 36); /* one entry: the fast path's case */
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER)->message,
			 "rc must be numbers without leading zeros, separated by dots (RFC 7044)");
	/* the same names are free elsewhere, and good values pass */
	TT_PARSE(TT_REQ("Accept: application/sdp;q=0.8, application/pidf+xml;q=1.000\r\n"
			"Reason: Q.850;cause=16;text=\"Normal call clearing\"\r\n"
			"Session-Expires: 1800;REFRESHER=UAC\r\n"
			"History-Info: <sip:a@example.com>;index=1, <sip:b@example.com>;index=1.10.2;mp=1\r\n"
			"Event: dialog;text=plain;cause=x\r\n"));
	sipmsg_hdr_id ok[] = {SIPMSG_HDR_ACCEPT, SIPMSG_HDR_REASON, SIPMSG_HDR_SESSION_EXPIRES, SIPMSG_HDR_HISTORY_INFO,
			      SIPMSG_HDR_EVENT};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		cr_assert_eq(tt_header_status(ok[i]), SIPMSG_OK, "%s", sipmsg_hdr_name(ok[i]));
}

/* RFC 6665 §8.4: subexp-params = ("expires" EQUAL delta-seconds) /
 * ("retry-after" EQUAL delta-seconds) / ... */
Test(lists, subscription_state_times_are_delta_seconds)
{
	tt_bad("Subscription-State: active;expires=later", SIPMSG_HDR_SUBSCRIPTION_STATE, SIPMSG_DIAG_BAD_PARAMETER, 36);
	tt_bad("Subscription-State: pending;expires=\"600\"", SIPMSG_HDR_SUBSCRIPTION_STATE, SIPMSG_DIAG_BAD_PARAMETER,
	    38);
	tt_bad("Subscription-State: terminated;reason=probation;retry-after=1e3", SIPMSG_HDR_SUBSCRIPTION_STATE,
	    SIPMSG_DIAG_BAD_PARAMETER, 61);
	tt_bad("Subscription-State: active;expires=4294967296", SIPMSG_HDR_SUBSCRIPTION_STATE,
	    SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 36);
	TT_PARSE(TT_REQ("Subscription-State: terminated;reason=giveup;retry-after=90;x=later\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_SUBSCRIPTION_STATE), SIPMSG_OK);
	TT_SLICE(tt_value(SIPMSG_HDR_SUBSCRIPTION_STATE, 0).token->params[1].value, "90");
}
