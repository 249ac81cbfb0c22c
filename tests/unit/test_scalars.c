/* SPDX-License-Identifier: MIT */
/* Numbers and other scalar headers: CSeq (32-bit), Call-ID, Max-Forwards
 * (0..255), Expires and Content-Length (2^32-1), Session-Expires, RSeq/RAck,
 * Timestamp, Retry-After, Warning, Date, Replaces/Join/Target-Dialog. */
#include "typed_test.h"

TestSuite(scalars, .fini = tt_teardown);

Test(scalars, cseq_call_id_numbers)
{
	TT_PARSE("INVITE sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>\r\n"
		 "From: <sip:a@h>;tag=1\r\nCall-ID: f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com\r\n"
		 "CSeq: 4294967295   INVITE\r\nMax-Forwards: 255\r\nExpires: 4294967295\r\nMin-Expires: 0007\r\n"
		 "Content-Length: 0\r\n\r\n");
	const sipmsg_cseq *c = sipmsg_msg_cseq(tt_m);
	cr_assert_eq(c->number, 4294967295u);
	TT_SLICE(c->method, "INVITE");
	cr_assert_eq(c->method_id, SIPMSG_METHOD_INVITE);
	TT_SLICE(sipmsg_msg_call_id(tt_m), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com");
	uint32_t v;
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_MAX_FORWARDS, &v), SIPMSG_OK);
	cr_assert_eq(v, 255);
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_EXPIRES, &v), SIPMSG_OK);
	cr_assert_eq(v, 4294967295u);
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_MIN_EXPIRES, &v), SIPMSG_OK);
	cr_assert_eq(v, 7);
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_CONTENT_LENGTH, &v), SIPMSG_OK);
	cr_assert_eq(v, 0);
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_RSEQ, &v), SIPMSG_ENOTFOUND);
	cr_assert_eq(sipmsg_msg_number(tt_m, SIPMSG_HDR_TO, &v), SIPMSG_EINVAL);
}

Test(scalars, overlarge_and_malformed_rfc4475_scalar02)
{
	tt_bad("Expires: 10000000000000000000000000000000000000000", SIPMSG_HDR_EXPIRES, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 10);
	tt_bad("Expires: 4294967296", SIPMSG_HDR_EXPIRES, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 10);
	tt_bad("Expires: -1", SIPMSG_HDR_EXPIRES, SIPMSG_DIAG_BAD_HEADER_VALUE, 10);
	tt_bad("Expires: 12 s", SIPMSG_HDR_EXPIRES, SIPMSG_DIAG_BAD_HEADER_VALUE, 13);
	tt_bad("RSeq: 12x", SIPMSG_HDR_RSEQ, SIPMSG_DIAG_BAD_HEADER_VALUE, 9);
	tt_bad("Max-Breadth: 256", SIPMSG_HDR_MAX_BREADTH, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 14);
	tt_bad("In-Reply-To: a b", SIPMSG_HDR_IN_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 16);
	tt_bad("In-Reply-To: a@", SIPMSG_HDR_IN_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);

	/* the hot ones fail the parse when they must be valid */
	const char *text = "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK3\r\nTo: <sip:u@h>\r\n"
			   "From: <sip:u@h>;tag=2\r\nCSeq: 36893488147419103232 REGISTER\r\nCall-ID: s\r\n"
			   "Max-Forwards: 300\r\nContent-Length: 0\r\n\r\n";
	cr_assert_eq(tt_parse(text), SIPMSG_ESYNTAX);
	cr_assert_eq(tt_err.code, SIPMSG_DIAG_VALUE_OUT_OF_RANGE);
	cr_assert_str_eq(tt_err.header, "CSeq");
	cr_assert_eq(tt_err.column, 7);
	cr_assert_eq(tt_parse_strict("OPTIONS sip:b@h SIP/2.0\r\nCSeq: 1\r\nl: 0\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(tt_err.column, 8, "the method is missing after the number");
	cr_assert_eq(tt_parse_strict("OPTIONS sip:b@h SIP/2.0\r\nCall-ID: a@b@c\r\nl: 0\r\n\r\n"), SIPMSG_ESYNTAX);
	cr_assert_eq(tt_err.column, 13);
}

Test(scalars, session_timer_rseq_rack_timestamp)
{
	TT_PARSE(TT_REQ("Session-Expires: 1800;refresher=uac\r\nMin-SE: 90\r\nRSeq: 988789\r\n"
			"RAck: 776656 1 INVITE\r\nTimestamp: 54.21 0.3\r\nIn-Reply-To: 70710@saturn.bell-tel.com, 17320@x\r\n"));
	sipmsg_typed t = tt_value(SIPMSG_HDR_SESSION_EXPIRES, 0);
	cr_assert_eq(t.number->value, 1800);
	TT_SLICE(t.number->refresher, "uac");
	cr_assert_eq(tt_value(SIPMSG_HDR_MIN_SE, 0).number->value, 90);
	cr_assert_eq(tt_value(SIPMSG_HDR_RSEQ, 0).number->value, 988789);
	t = tt_value(SIPMSG_HDR_RACK, 0);
	cr_assert_eq(t.rack->rseq, 776656);
	cr_assert_eq(t.rack->cseq, 1);
	cr_assert_eq(t.rack->method_id, SIPMSG_METHOD_INVITE);
	t = tt_value(SIPMSG_HDR_TIMESTAMP, 0);
	TT_SLICE(t.timestamp->value, "54.21");
	TT_SLICE(t.timestamp->delay, "0.3");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_IN_REPLY_TO), 2);
	TT_SLICE(tt_value(SIPMSG_HDR_IN_REPLY_TO, 1).callid->raw, "17320@x");
	tt_bad("RAck: 776656 INVITE", SIPMSG_HDR_RACK, SIPMSG_DIAG_BAD_HEADER_VALUE, 14);
	/* response-num is between 1 and 2^31-1 (RFC 3262 §3), in RSeq and RAck */
	tt_bad("RSeq: 0", SIPMSG_HDR_RSEQ, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 7);
	tt_bad("RSeq: 2147483648", SIPMSG_HDR_RSEQ, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 7);
	tt_bad("RAck: 0 1 INVITE", SIPMSG_HDR_RACK, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 7);
	tt_bad("RAck: 2147483648 1 INVITE", SIPMSG_HDR_RACK, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 7);
	TT_PARSE(TT_REQ("RSeq: 2147483647\r\nRAck: 1 4294967295 PRACK\r\n"));
	cr_assert_eq(tt_value(SIPMSG_HDR_RSEQ, 0).number->value, 2147483647u);
	cr_assert_eq(tt_value(SIPMSG_HDR_RACK, 0).rack->cseq, 4294967295u);
	tt_bad("Timestamp: .5", SIPMSG_HDR_TIMESTAMP, SIPMSG_DIAG_BAD_HEADER_VALUE, 12);
	/* Min-SE = delta-seconds *(SEMI generic-param) (RFC 4028 §5): no refresher */
	TT_PARSE(TT_REQ("Min-SE: 90;refresher=uas\r\n"));
	t = tt_value(SIPMSG_HDR_MIN_SE, 0);
	cr_assert_null(t.number->refresher.ptr);
	cr_assert_eq(t.number->param_count, 1);
}

Test(scalars, retry_after_warning_date)
{
	TT_PARSE(TT_REQ("Retry-After: 18000;duration=3600\r\n"
			"Warning: 307 isi.edu \"Session parameter 'foo' not understood\", 301 [::1]:5060 \"x, y\"\r\n"
			"Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"));
	sipmsg_typed t = tt_value(SIPMSG_HDR_RETRY_AFTER, 0);
	cr_assert_eq(t.retry_after->seconds, 18000);
	cr_assert(t.retry_after->has_duration);
	cr_assert_eq(t.retry_after->duration, 3600);
	cr_assert_null(t.retry_after->comment.ptr);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_WARNING), 2);
	t = tt_value(SIPMSG_HDR_WARNING, 0);
	cr_assert_eq(t.warning->code, 307);
	TT_SLICE(t.warning->agent, "isi.edu");
	TT_SLICE(t.warning->text, "Session parameter 'foo' not understood");
	t = tt_value(SIPMSG_HDR_WARNING, 1);
	TT_SLICE(t.warning->agent, "[::1]:5060");
	TT_SLICE(t.warning->text, "x, y");
	t = tt_value(SIPMSG_HDR_DATE, 0);
	TT_SLICE(t.date->weekday, "Sat");
	cr_assert(t.date->year == 2010 && t.date->month == 11 && t.date->day == 13);
	cr_assert(t.date->hour == 23 && t.date->minute == 29 && t.date->second == 0);

	TT_PARSE(TT_REQ("Retry-After: 120 (I'm in a meeting (really))\r\n"));
	TT_SLICE(tt_value(SIPMSG_HDR_RETRY_AFTER, 0).retry_after->comment, "I'm in a meeting (really)");
	tt_bad("Retry-After: 5 (open", SIPMSG_HDR_RETRY_AFTER, SIPMSG_DIAG_BAD_HEADER_VALUE, 16);
	tt_bad("Retry-After: 5;duration=x", SIPMSG_HDR_RETRY_AFTER, SIPMSG_DIAG_BAD_PARAMETER, 25);
	/* retry-param = ("duration" EQUAL delta-seconds) / generic-param: a
	 * quoted number is neither (as Contact's expires, RFC 3261 §25.1) */
	tt_bad("Retry-After: 5;duration=\"60\"", SIPMSG_HDR_RETRY_AFTER, SIPMSG_DIAG_BAD_PARAMETER, 26);
	tt_bad("Warning: 30 h \"t\"", SIPMSG_HDR_WARNING, SIPMSG_DIAG_BAD_HEADER_VALUE, 10);
	tt_bad("Warning: 307 h t", SIPMSG_HDR_WARNING, SIPMSG_DIAG_BAD_HEADER_VALUE, 16);
	tt_bad("Date: Sat, 13 Nov 2010 23:29:00 UTC", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 32);
	tt_bad("Date: Sat, 13 Foo 2010 23:29:00 GMT", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	tt_bad("Date: Sat, 13 Nov 2010 24:29:00 GMT", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 24);
}

/* The Date view of a message whose Date is `value`, which must read as
 * Sat, 13 Nov 2010 23:29:00 GMT. */
static const sipmsg_date *sat_13_nov_2010(const char *value)
{
	char text[1024];
	snprintf(text, sizeof text, TT_REQ("Date: %s\r\n"), value);
	TT_PARSE(text);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_DATE), SIPMSG_OK, "%s", value);
	const sipmsg_date *d = tt_value(SIPMSG_HDR_DATE, 0).date;
	cr_assert(d->year == 2010 && d->month == 11 && d->day == 13, "%s", value);
	cr_assert(d->hour == 23 && d->minute == 29 && d->second == 0, "%s", value);
	return d;
}

/* Each SP of rfc1123-date may be any linear whitespace, folding included:
 * RFC 3261 §25.1 gives LWS the meaning of SP on every header line. */
Test(scalars, date_takes_lws_for_each_space)
{
	static const char *const dates[] = {
		"Sat,\r\n 13 Nov 2010 23:29:00 GMT",
		"Sat, 13 Nov 2010\r\n\t23:29:00 GMT",
		"Sat,  13\tNov  2010 23:29:00\r\n  GMT",
	};
	for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++)
		TT_SLICE(sat_13_nov_2010(dates[k])->weekday, "Sat");
	/* but a space there must be, and none before the comma */
	tt_bad("Date: Sat,13 Nov 2010 23:29:00 GMT", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 7);
	tt_bad("Date: Sat , 13 Nov 2010 23:29:00 GMT", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 7);
	tt_bad("Date: Sat, 13 Nov 201023:29:00 GMT", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 19);
	tt_bad("Date: Sat, 13 Nov 2010 23:29:00GMT", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 32);
}

/* wkday, month and "GMT" are ABNF string literals of rfc1123-date (RFC
 * 3261 §25.1), case-insensitive (RFC 5234 §2.3); the bytes stay as written. */
Test(scalars, date_names_in_any_case)
{
	static const char *const dates[] = {
		"sat, 13 nov 2010 23:29:00 gmt",
		"SAT, 13 NOV 2010 23:29:00 GMT",
		"sAt, 13 nOV 2010 23:29:00 Gmt",
	};
	for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
		const sipmsg_date *d = sat_13_nov_2010(dates[k]);
		cr_assert_eq(d->weekday.ptr, d->raw.ptr, "%s: the weekday as written", dates[k]);
		cr_assert_eq(memcmp(d->weekday.ptr, dates[k], 3), 0);
		char *out;
		size_t len;
		cr_assert_eq(sipmsg_write_alloc(tt_m, 0, &out, &len), SIPMSG_OK);
		char text[1024];
		snprintf(text, sizeof text, TT_REQ("Date: %s\r\n"), dates[k]);
		cr_assert(len == strlen(text) && memcmp(out, text, len) == 0, "%s: not written back as it was", dates[k]);
		sipmsg_free(out);
	}
	/* the case is free, not the letters */
	tt_bad("Date: sat, 13 nob 2010 23:29:00 gmt", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	tt_bad("Date: sax, 13 nov 2010 23:29:00 gmt", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 7);
	tt_bad("Date: sat, 13 nov 2010 23:29:00 gmx", SIPMSG_HDR_DATE, SIPMSG_DIAG_BAD_HEADER_VALUE, 32);
}

/* RFC 3261 §20.43: warn-agent = hostport / pseudonym, pseudonym = token */
Test(scalars, warning_agent_is_hostport_or_token)
{
	TT_PARSE(TT_REQ("Warning: 399 gw-7.example.net:5070 \"a\", 370 [2001:db8::5] \"b\", 399 - \"c\"\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_WARNING), 3);
	TT_SLICE(tt_value(SIPMSG_HDR_WARNING, 0).warning->agent, "gw-7.example.net:5070");
	TT_SLICE(tt_value(SIPMSG_HDR_WARNING, 1).warning->agent, "[2001:db8::5]");
	TT_SLICE(tt_value(SIPMSG_HDR_WARNING, 2).warning->agent, "-");
	tt_bad("Warning: 399 gw.example.net:sip \"t\"", SIPMSG_HDR_WARNING, SIPMSG_DIAG_BAD_HEADER_VALUE, 29);
	tt_bad("Warning: 399 gw.example.net:5060:1 \"t\"", SIPMSG_HDR_WARNING, SIPMSG_DIAG_BAD_HEADER_VALUE, 33);
	tt_bad("Warning: 399 gw/1 \"t\"", SIPMSG_HDR_WARNING, SIPMSG_DIAG_BAD_HEADER_VALUE, 16);
	tt_bad("Warning: 399 [2001:db8::5 \"t\"", SIPMSG_HDR_WARNING, SIPMSG_DIAG_BAD_HEADER_VALUE, 14);
}

Test(scalars, dialog_identifiers)
{
	TT_PARSE(TT_REQ("Replaces: 98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only\r\n"
			"Target-Dialog: 7@h;local-tag=a;remote-tag=b\r\nJoin: 12@h;to-tag=x;from-tag=y\r\n"));
	sipmsg_typed t = tt_value(SIPMSG_HDR_REPLACES, 0);
	TT_SLICE(t.replaces->call_id, "98732@sip.example.com");
	TT_SLICE(t.replaces->from_tag, "r33th4x0r");
	TT_SLICE(t.replaces->to_tag, "ff87ff");
	cr_assert(t.replaces->early_only);
	t = tt_value(SIPMSG_HDR_TARGET_DIALOG, 0);
	TT_SLICE(t.replaces->to_tag, "b");
	TT_SLICE(t.replaces->from_tag, "a");
	cr_assert_not(t.replaces->early_only);
	TT_SLICE(tt_value(SIPMSG_HDR_JOIN, 0).replaces->to_tag, "x");
	tt_bad("Replaces: ;to-tag=1", SIPMSG_HDR_REPLACES, SIPMSG_DIAG_BAD_HEADER_VALUE, 11);
}

/* RFC 3891 §6.1 and RFC 3911 §7.1: Replaces and Join MUST carry exactly one
 * to-tag and one from-tag; Target-Dialog (RFC 4538) has no such rule. */
Test(scalars, dialog_identifiers_need_both_tags)
{
	tt_bad("Replaces: 7f3a@ua.example.net;to-tag=k2", SIPMSG_HDR_REPLACES, SIPMSG_DIAG_BAD_PARAMETER, 11);
	tt_bad("Replaces: 7f3a@ua.example.net;from-tag=k1;early-only", SIPMSG_HDR_REPLACES, SIPMSG_DIAG_BAD_PARAMETER, 11);
	tt_bad("Replaces: 7f3a@ua.example.net;to-tag=k2;from-tag=k1;to-tag=k3", SIPMSG_HDR_REPLACES,
	    SIPMSG_DIAG_BAD_PARAMETER, 11);
	tt_bad("Join: 55@conf.example.net;from-tag=q", SIPMSG_HDR_JOIN, SIPMSG_DIAG_BAD_PARAMETER, 7);
	TT_PARSE(TT_REQ("Replaces: 7f3a@ua.example.net;to-tag=k2;from-tag=k1\r\nTarget-Dialog: 9@h;local-tag=a\r\n"));
	TT_SLICE(tt_value(SIPMSG_HDR_REPLACES, 0).replaces->to_tag, "k2");
	TT_SLICE(tt_value(SIPMSG_HDR_TARGET_DIALOG, 0).replaces->from_tag, "a");
}
