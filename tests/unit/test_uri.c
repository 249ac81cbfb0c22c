/* SPDX-License-Identifier: MIT */
/* URIs: sip/sips components, RFC 5118 IPv6 forms, tel, opaque schemes,
 * escapes, limits, and comparison by RFC 3261 §19.1.4. Every URI is parsed
 * from bytes right before a guard page. */
#include "typed_test.h"

static sipmsg_arena *arena;
static struct guarded ug;

static void setup(void) { arena = sipmsg_arena_new(NULL, 0); }

static void teardown(void)
{
	sipmsg_arena_free(arena);
	guard_free(&ug);
}

TestSuite(uri, .init = setup, .fini = teardown);

static sipmsg_status parse(const char *text, sipmsg_uri *u, sipmsg_error *err)
{
	guard_free(&ug);
	const char *p = guard_str(&ug, text);
	return sipmsg_uri_parse(p, strlen(text), arena, NULL, u, err);
}

static sipmsg_uri must(const char *text)
{
	sipmsg_uri u;
	sipmsg_error err;
	cr_assert_eq(parse(text, &u, &err), SIPMSG_OK, "%s: %s", text, err.reason);
	return u;
}

static void must_fail(const char *text, sipmsg_diag_code code, size_t offset)
{
	sipmsg_uri u;
	sipmsg_error err;
	cr_assert_eq(parse(text, &u, &err), SIPMSG_ESYNTAX, "%s parsed", text);
	cr_assert_eq(err.code, (int)code, "%s: code %d (%s), expected %d", text, err.code, err.reason, code);
	cr_assert_eq(err.offset, offset, "%s: offset %zu, expected %zu", text, err.offset, offset);
}

Test(uri, sip_every_component)
{
	sipmsg_uri u = must("sip:alice:secretword@atlanta.com:5061;transport=tcp;lr;maddr=239.255.255.1;ttl=15;"
			    "user=phone;method=INVITE;x-y?subject=project%20x&priority=urgent");
	cr_assert_eq(u.scheme, SIPMSG_SCHEME_SIP);
	TT_SLICE(u.scheme_name, "sip");
	TT_SLICE(u.user, "alice");
	TT_SLICE(u.password, "secretword");
	TT_SLICE(u.host, "atlanta.com");
	cr_assert_eq(u.host_type, SIPMSG_HOST_NAME);
	cr_assert(u.has_port);
	cr_assert_eq(u.port, 5061);
	cr_assert_eq(u.param_count, 7);
	TT_SLICE(u.transport, "tcp");
	TT_SLICE(u.maddr, "239.255.255.1");
	TT_SLICE(u.ttl, "15");
	TT_SLICE(u.user_param, "phone");
	TT_SLICE(u.method, "INVITE");
	cr_assert(u.lr);
	TT_SLICE(u.params[1].name, "lr");
	cr_assert_null(u.params[1].value.ptr, "lr is valueless");
	TT_SLICE(u.params[6].name, "x-y");
	cr_assert_eq(u.header_count, 2);
	TT_SLICE(u.headers[0].name, "subject");
	TT_SLICE(u.headers[0].value, "project%20x");
	TT_SLICE(u.headers[1].value, "urgent");
	cr_assert_eq(sipmsg_param_find(u.params, u.param_count, "MADDR"), &u.params[2]);
	cr_assert_null(sipmsg_param_find(u.params, u.param_count, "nope"));
}

Test(uri, host_only_and_scheme_case)
{
	sipmsg_uri u = must("SIPS:biloxi.com");
	cr_assert_eq(u.scheme, SIPMSG_SCHEME_SIPS);
	TT_SLICE(u.scheme_name, "SIPS");
	cr_assert_null(u.user.ptr);
	cr_assert_null(u.password.ptr);
	TT_SLICE(u.host, "biloxi.com");
	cr_assert_not(u.has_port);
}

Test(uri, semicolon_inside_user_part)
{
	/* RFC 4475 semiuri: the user part holds ";par=u%40example.net" */
	sipmsg_uri u = must("sip:user;par=u%40example.net@example.com");
	TT_SLICE(u.user, "user;par=u%40example.net");
	TT_SLICE(u.host, "example.com");
	cr_assert_eq(u.param_count, 0);
}

Test(uri, escapes_kept_as_received)
{
	sipmsg_uri u = must("sip:sips%3Auser%40example.com@example.net");
	TT_SLICE(u.user, "sips%3Auser%40example.com");
	char out[64];
	size_t n = sipmsg_unescape(u.user.ptr, u.user.len, out, sizeof out);
	cr_assert_eq(n, strlen("sips:user@example.com"));
	cr_assert(memcmp(out, "sips:user@example.com", n) == 0);
	must_fail("sip:a%4@h", SIPMSG_DIAG_BAD_ESCAPE, 5);
	must_fail("sip:h;p=%zz", SIPMSG_DIAG_BAD_ESCAPE, 8);
	must_fail("sip:h?a=%", SIPMSG_DIAG_BAD_ESCAPE, 8);
}

Test(uri, ipv4_and_names)
{
	sipmsg_uri u = must("sip:u@192.0.2.4:5060");
	cr_assert_eq(u.host_type, SIPMSG_HOST_IPV4);
	TT_SLICE(u.host, "192.0.2.4");
	cr_assert_eq(must("sip:u@1und1.de").host_type, SIPMSG_HOST_NAME, "a name may start with a digit");
	must_fail("sip:u@192.0.2.256", SIPMSG_DIAG_BAD_IP_ADDRESS, 6);
	must_fail("sip:u@1.2.3", SIPMSG_DIAG_BAD_IP_ADDRESS, 6);
	must_fail("sip:u@h:70000", SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 8);
	must_fail("sip:u@h:", SIPMSG_DIAG_BAD_URI, 8);
	must_fail("sip:u@", SIPMSG_DIAG_BAD_URI, 6);
	must_fail("sip:@h", SIPMSG_DIAG_BAD_URI, 4);
	must_fail("sip:u@h@g", SIPMSG_DIAG_BAD_URI, 7);
	must_fail("sip:u@h x", SIPMSG_DIAG_BAD_URI, 7);
}

/* ttl-param = "ttl=" ttl, ttl = 1*3DIGIT ; 0 to 255 (RFC 3261 §25.1), as
 * in a Via */
Test(uri, ttl_param_0_to_255)
{
	sipmsg_uri u = must("sip:h;ttl=0");
	TT_SLICE(u.ttl, "0");
	u = must("sip:h;maddr=239.255.255.1;ttl=255");
	TT_SLICE(u.ttl, "255");
	must_fail("sip:h;ttl=256", SIPMSG_DIAG_BAD_PARAMETER, 10);
	must_fail("sip:u@h;lr;ttl=1x", SIPMSG_DIAG_BAD_PARAMETER, 15);
	must_fail("sip:h;TTL", SIPMSG_DIAG_BAD_PARAMETER, 6);
	/* a tel URI has no ttl-param: its "ttl" is any parameter */
	must("tel:+1-201-555-0123;ttl=999");
}

/* A parameter RFC 3261 gives a meaning, given twice: each is checked, the
 * first is read (as header parameters are). */
Test(uri, repeated_known_params_first_wins)
{
	sipmsg_uri u = must("sip:b@h;transport=tcp;ttl=1;user=phone;method=INVITE;maddr=a.example"
			    ";TRANSPORT=udp;ttl=2;user=ip;method=BYE;maddr=b.example");
	TT_SLICE(u.transport, "tcp");
	TT_SLICE(u.ttl, "1");
	TT_SLICE(u.user_param, "phone");
	TT_SLICE(u.method, "INVITE");
	TT_SLICE(u.maddr, "a.example");
	cr_assert_eq(u.param_count, 10, "every parameter stays in the list");
	must_fail("sip:h;ttl=1;ttl=256", SIPMSG_DIAG_BAD_PARAMETER, 16);
}

/* maddr-param = "maddr=" host: an IPv6 address only in brackets (as in a
 * Via's maddr; only Via's received takes a bare one) */
Test(uri, maddr_param_is_a_host)
{
	sipmsg_uri u = must("sip:h;maddr=[2001:db8::1];lr");
	TT_SLICE(u.maddr, "[2001:db8::1]");
	u = must("sip:h;maddr=mc.example.com");
	TT_SLICE(u.maddr, "mc.example.com");
	must_fail("sip:h;maddr=2001:db8::1", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:u@h;lr;maddr=::1;ttl=1", SIPMSG_DIAG_BAD_PARAMETER, 17);
	must_fail("sip:h;maddr=a:b", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr", SIPMSG_DIAG_BAD_PARAMETER, 6);
	/* the whole host rule, as for the URI's own host: hostname / IPv4address */
	u = must("sip:h;maddr=239.255.255.1;x");
	TT_SLICE(u.maddr, "239.255.255.1");
	u = must("sip:h;maddr=a_b-1.example.com.");
	TT_SLICE(u.maddr, "a_b-1.example.com.");
	must_fail("sip:h;maddr=239.255.255.256", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr=10.0.0", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr=-mc.example.com", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr=.example.com", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr=mc!example", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr=mc%2Eexample", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("sip:h;maddr=[::1]x", SIPMSG_DIAG_BAD_PARAMETER, 12);
	/* a tel URI has no maddr-param */
	must("tel:+1-201-555-0123;maddr=2001:db8::1");
}

Test(uri, ipv6_references_rfc5118)
{
	sipmsg_uri u = must("sip:[2001:db8::10]:5070");
	cr_assert_eq(u.host_type, SIPMSG_HOST_IPV6);
	TT_SLICE(u.host, "[2001:db8::10]");
	cr_assert_eq(u.port, 5070);
	/* RFC 5118 §4.4: the port is inside the brackets, so there is none */
	u = must("sip:[2001:db8::10:5070]");
	TT_SLICE(u.host, "[2001:db8::10:5070]");
	cr_assert_not(u.has_port);
	u = must("sip:user@[2001:db8::192.0.2.1]");
	TT_SLICE(u.host, "[2001:db8::192.0.2.1]");
	must("sip:[::1]");
	must("sip:[::]");
	must("sip:[1:2:3:4:5:6:7:8]");
	must("sip:[::ffff:192.0.2.1];transport=udp");
	/* RFC 5118 §4.10: valid only by RFC 3261's ABNF, accepted */
	must("sip:user@[2001:db8:::192.0.2.1]");
	/* RFC 5118 §4.3: without brackets */
	must_fail("sip:2001:db8::10", SIPMSG_DIAG_BAD_IP_ADDRESS, 4);
	/* a name with two ports is no IPv6 address: the error is the second port */
	must_fail("sip:h:5060:5061", SIPMSG_DIAG_BAD_URI, 10);
	must_fail("sip:ab:1:2", SIPMSG_DIAG_BAD_IP_ADDRESS, 4); /* "ab" is hex: it may be one */
	must_fail("sip:user@[2001:db8::10", SIPMSG_DIAG_BAD_IP_ADDRESS, 9);
	must_fail("sip:[1:2:3:4:5:6:7:8:9]", SIPMSG_DIAG_BAD_IP_ADDRESS, 5);
	must_fail("sip:[1::2::3]", SIPMSG_DIAG_BAD_IP_ADDRESS, 5);
	must_fail("sip:[12345::1]", SIPMSG_DIAG_BAD_IP_ADDRESS, 5);
	must_fail("sip:[1:2]", SIPMSG_DIAG_BAD_IP_ADDRESS, 5);
	must_fail("sip:[::1:]", SIPMSG_DIAG_BAD_IP_ADDRESS, 5);
}

Test(uri, tel_rfc3966)
{
	sipmsg_uri u = must("tel:+1-201-555-0123;ext=1234;phone-context=example.com");
	cr_assert_eq(u.scheme, SIPMSG_SCHEME_TEL);
	TT_SLICE(u.user, "+1-201-555-0123");
	cr_assert_eq(u.param_count, 2);
	TT_SLICE(u.params[0].value, "1234");
	cr_assert_eq(must("tel:7042;phone-context=example.com").param_count, 1);
	must_fail("tel:+", SIPMSG_DIAG_BAD_URI, 4);
	must_fail("tel:12 34", SIPMSG_DIAG_BAD_URI, 6);
}

/* RFC 3966 §3: global-number-digits = "+" *phonedigit DIGIT *phonedigit
 * (digits and the visual separators - . ( ) only), local-number-digits
 * also take HEXDIG, "*" and "#"; extension = ";ext=" 1*phonedigit;
 * descriptor = domainname / global-number-digits */
Test(uri, tel_digits_ext_and_context_rfc3966)
{
	sipmsg_uri u = must("tel:+1-(201)-555.0123;ext=12-34");
	TT_SLICE(u.user, "+1-(201)-555.0123");
	u = must("tel:*21#;phone-context=+1-914-555");
	TT_SLICE(u.user, "*21#");
	must("tel:0a1B;phone-context=example.com");
	must_fail("tel:+1-201-555-01ab", SIPMSG_DIAG_BAD_URI, 17);
	must_fail("tel:+*21#", SIPMSG_DIAG_BAD_URI, 5);
	must_fail("tel:+-.", SIPMSG_DIAG_BAD_URI, 5);
	must_fail("tel:-.();phone-context=example.com", SIPMSG_DIAG_BAD_URI, 4);
	must_fail("tel:+1201;ext=12a", SIPMSG_DIAG_BAD_PARAMETER, 14);
	must_fail("tel:+1201;EXT", SIPMSG_DIAG_BAD_PARAMETER, 10);
	must_fail("tel:5550123;phone-context=+1-ab", SIPMSG_DIAG_BAD_PARAMETER, 26);
	must_fail("tel:5550123;phone-context=+", SIPMSG_DIAG_BAD_PARAMETER, 26);
	/* without "=" or with nothing after it (the first was undefined
	 * behaviour, a NULL value's end computed: found by fuzz_uri) */
	must_fail("tel:+1-201-555-0123;phone-context;ext=22", SIPMSG_DIAG_BAD_PARAMETER, 20);
	must_fail("tel:5550123;ext;phone-context=example.com", SIPMSG_DIAG_BAD_PARAMETER, 12);
	must_fail("tel:5550123;phone-context=", SIPMSG_DIAG_BAD_PARAMETER, 26);
	/* §5.1.5: a local number MUST carry a phone-context; one without is
	 * kept with a warning */
	TT_PARSE(TT_REQ("P-Asserted-Identity: <tel:5550123>\r\nReply-To: <tel:5550124;phone-context=example.com>\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_P_ASSERTED_IDENTITY), SIPMSG_OK);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_REPLY_TO), SIPMSG_OK);
	const sipmsg_diag *d = tt_diag(tt_m, SIPMSG_DIAG_BAD_URI);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 8);
	cr_assert_eq(d->column, 27);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 1, "the Reply-To has its context");
	/* a tel URI's "maddr" is any parameter: no host warning for it */
	TT_PARSE(TT_REQ("Reply-To: <tel:+1-201-555-0124;maddr=[2001:db8:::192.0.2.1]>\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_REPLY_TO), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
	tt_teardown();
}

Test(uri, other_schemes_opaque)
{
	sipmsg_uri u = must("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
	cr_assert_eq(u.scheme, SIPMSG_SCHEME_OTHER);
	TT_SLICE(u.scheme_name, "urn");
	TT_SLICE(u.opaque, "uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
	u = must("soap.beep://192.0.2.103:3002");
	TT_SLICE(u.scheme_name, "soap.beep");
	must("http://[2001:db8::1]/a?b=c");
	must_fail("<sip:user@example.com>", SIPMSG_DIAG_BAD_URI, 0);
	must_fail("", SIPMSG_DIAG_BAD_URI, 0);
	must_fail("mailto", SIPMSG_DIAG_BAD_URI, 6);
	must_fail("x:", SIPMSG_DIAG_BAD_URI, 2);
	must_fail("x:a b", SIPMSG_DIAG_BAD_URI, 3);
}

Test(uri, parameter_limit)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_uri_params = 2;
	sipmsg_uri u;
	sipmsg_error err;
	const char *text = "sip:h;a;b;c";
	cr_assert_eq(sipmsg_uri_parse(text, strlen(text), arena, &o, &u, &err), SIPMSG_ELIMIT);
	cr_assert_eq(err.code, SIPMSG_DIAG_LIMIT_URI_PARAMS);
	cr_assert_eq(err.offset, 10);
	text = "sip:h;a;b";
	cr_assert_eq(sipmsg_uri_parse(text, strlen(text), arena, &o, &u, &err), SIPMSG_OK);
	cr_assert_eq(sipmsg_uri_parse(NULL, 3, arena, NULL, &u, &err), SIPMSG_EINVAL);
}

Test(uri, escape_unescape_unquote)
{
	char out[64];
	size_t n = sipmsg_escape("a b@c;d", 7, SIPMSG_URI_PART_USER, out, sizeof out);
	cr_assert_eq(n, strlen("a%20b%40c;d"));
	cr_assert(memcmp(out, "a%20b%40c;d", n) == 0, "';' is allowed in a user part");
	n = sipmsg_escape("a;b=c", 5, SIPMSG_URI_PART_PARAM, out, sizeof out);
	cr_assert(n == 9 && memcmp(out, "a%3Bb%3Dc", 9) == 0);
	n = sipmsg_escape("100%", 4, SIPMSG_URI_PART_HEADER, out, 3);
	cr_assert_eq(n, 6, "returns the needed size even when out is short");
	n = sipmsg_unescape("v%61lue%25%34%31", 16, out, sizeof out);
	cr_assert(n == 8 && memcmp(out, "value%41", 8) == 0, "one level of escapes is decoded");
	n = sipmsg_unescape("%Z%4", 4, out, sizeof out);
	cr_assert(n == 4 && memcmp(out, "%Z%4", 4) == 0, "broken escapes stay as they are");
	n = sipmsg_unquote("a \\\"b\\\\", 7, out, sizeof out);
	cr_assert(n == 5 && memcmp(out, "a \"b\\", 5) == 0);
}

static bool eq(const char *a, const char *b)
{
	sipmsg_uri ua = must(a);
	sipmsg_uri ub;
	cr_assert_eq(sipmsg_uri_parse(b, strlen(b), arena, NULL, &ub, NULL), SIPMSG_OK, "%s", b);
	bool r = sipmsg_uri_equal(&ua, &ub);
	cr_assert_eq(r, sipmsg_uri_equal(&ub, &ua), "equality is symmetric for %s and %s", a, b);
	return r;
}

Test(uri, comparison_rfc3261_19_1_4)
{
	/* the equal pairs of §19.1.4 */
	cr_assert(eq("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
	cr_assert(eq("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
	cr_assert(eq("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
	cr_assert(eq("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
		     "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
	cr_assert(eq("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
		     "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
	/* and the unequal ones */
	cr_assert_not(eq("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
	cr_assert_not(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
	cr_assert_not(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
	cr_assert_not(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
	cr_assert_not(eq("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
	cr_assert_not(eq("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
	cr_assert_not(eq("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off"));
	/* more: schemes, passwords, escaped reserved characters, IPv6 by value */
	cr_assert_not(eq("sip:a@h", "sips:a@h"));
	cr_assert_not(eq("sip:a:pw@h", "sip:a@h"));
	cr_assert(eq("sip:[2001:db8::1]", "sip:[2001:0DB8:0:0::1]"));
	cr_assert_not(eq("sip:[2001:db8::1]", "sip:[2001:db8::2]"));
	cr_assert(eq("sip:h;lr", "sip:h;LR"));
	cr_assert_not(eq("sip:h;x=1", "sip:h;x"));
	/* tel: visual separators do not count, parameters must all match */
	cr_assert(eq("tel:+1-201-555-0123", "tel:+12015550123"));
	cr_assert_not(eq("tel:+12015550123;ext=1", "tel:+12015550123"));
	cr_assert(eq("tel:7042;phone-context=EXAMPLE.com", "tel:7042;phone-context=example.com"));
	/* opaque: the scheme is case-insensitive, the rest compared after unescaping */
	cr_assert(eq("URN:uuid:1", "urn:uuid:%31"));
	cr_assert_not(eq("urn:uuid:1", "urn:uuid:2"));
}

Test(uri, escaped_reserved_differs)
{
	/* ';' escaped in a user part is data, not a separator */
	cr_assert_not(eq("sip:a%3Bb@h", "sip:a;b@h"));
	cr_assert(eq("sip:a%62@h", "sip:ab@h"));
}
