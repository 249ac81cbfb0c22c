/* SPDX-License-Identifier: MIT */
/* Via: sent-protocol, sent-by (names, IPv4, IPv6), branch, received with
 * and without brackets, rport with and without a value, maddr, ttl, other
 * parameters, lists across lines, and errors. */
#include "typed_test.h"

TestSuite(via, .fini = tt_teardown);

#define VREQ(vias) \
	"OPTIONS sip:b@h SIP/2.0\r\n" vias "To: <sip:b@h>\r\nFrom: <sip:a@h>;tag=1\r\nCall-ID: c@h\r\n" \
	"CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nl: 0\r\n\r\n"

Test(via, every_part)
{
	TT_PARSE(VREQ("Via: SIP/2.0/UDP 198.51.100.23:5060;branch=z9hG4bK74bf9;received=198.51.100.23;rport=5060"
		      ";maddr=239.1.1.1;ttl=16;x-ext;y=\"q s\"\r\n"));
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 1);
	const sipmsg_via *v = sipmsg_msg_via(tt_m, 0);
	TT_SLICE(v->protocol_name, "SIP");
	TT_SLICE(v->protocol_version, "2.0");
	TT_SLICE(v->transport, "UDP");
	TT_SLICE(v->host, "198.51.100.23");
	cr_assert_eq(v->host_type, SIPMSG_HOST_IPV4);
	cr_assert(v->has_port);
	cr_assert_eq(v->port, 5060);
	TT_SLICE(v->branch, "z9hG4bK74bf9");
	TT_SLICE(v->received, "198.51.100.23");
	cr_assert(v->has_rport);
	TT_SLICE(v->rport, "5060");
	TT_SLICE(v->maddr, "239.1.1.1");
	TT_SLICE(v->ttl, "16");
	cr_assert_eq(v->param_count, 7);
	TT_SLICE(v->params[5].name, "x-ext");
	cr_assert(v->params[6].quoted);
	TT_SLICE(v->params[6].value, "q s");
}

/* A known parameter given twice: each is checked, the first is read (as
 * for every parameter named once), and the check warns at each repeat. */
Test(via, repeated_known_params_first_wins)
{
	TT_PARSE(VREQ("Via: SIP/2.0/UDP h;branch=z9hG4bKa;received=1.2.3.4;rport=1;ttl=1;maddr=a.example"
		      ";BRANCH=z9hG4bKb;received=5.6.7.8;rport;ttl=2;maddr=b.example;branch=z9hG4bKc\r\n"
		      "Via: SIP/2.0/UDP h ;rport ;rport=7 ;branch=z9hG4bKd ;branch=z9hG4bKe\r\n"));
	const sipmsg_via *v = sipmsg_msg_via(tt_m, 0);
	TT_SLICE(v->branch, "z9hG4bKa");
	TT_SLICE(v->received, "1.2.3.4");
	cr_assert(v->has_rport);
	TT_SLICE(v->rport, "1");
	TT_SLICE(v->ttl, "1");
	TT_SLICE(v->maddr, "a.example");
	cr_assert_eq(v->param_count, 11);
	v = sipmsg_msg_via(tt_m, 1);
	TT_SLICE(v->branch, "z9hG4bKd");
	cr_assert(v->has_rport);
	cr_assert_null(v->rport.ptr, "the first rport had no value");
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	size_t n = 0;
	const sipmsg_diag *first = NULL;
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, i);
		cr_assert_eq(d->code, SIPMSG_DIAG_MULTIPLE_VALUES, "%s", d->message);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		if (!n++)
			first = d;
	}
	cr_assert_eq(n, 8, "each repeat: 6 in the first Via, 2 in the second");
	cr_assert_eq(first->line, 2);
	cr_assert_eq(first->column, 83, "at the name of the second branch: column %u", first->column);
	cr_assert(strstr(first->message, "branch"), "%s", first->message);
}

Test(via, transports_and_lists_rfc4475_transports)
{
	TT_PARSE(VREQ("Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw\r\n"
		      "Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf, SIP/2.0/TLS t3.example.com;branch=z9hG4bK2\r\n"
		      "v: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en\r\n"
		      "Via: SIP/2.0/TCP t5.example.com;rport\r\n"));
	static const char *const want[] = {"UDP", "SCTP", "TLS", "UNKNOWN", "TCP"};
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 5);
	for (size_t k = 0; k < 5; k++) {
		const sipmsg_via *v = sipmsg_msg_via(tt_m, k);
		TT_SLICE(v->transport, want[k]);
		char host[32];
		snprintf(host, sizeof host, "t%zu.example.com", k + 1);
		TT_SLICE(v->host, host);
	}
	const sipmsg_via *v = sipmsg_msg_via(tt_m, 4);
	cr_assert(v->has_rport);
	cr_assert_null(v->rport.ptr, "valueless rport");
	cr_assert_null(v->branch.ptr);
	cr_assert_null(sipmsg_msg_via(tt_m, 5));
}

Test(via, ipv6_sent_by_and_received_rfc5118)
{
	TT_PARSE(VREQ("Via: SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bKas3-111;received=[2001:db8::9:255]\r\n"
		      "Via: SIP/2.0/UDP [2001:db8::9:2];received=2001:db8::9:255;branch=z9hG4bKas3\r\n"));
	const sipmsg_via *v = sipmsg_msg_via(tt_m, 0);
	TT_SLICE(v->host, "[2001:db8::9:1]");
	cr_assert_eq(v->host_type, SIPMSG_HOST_IPV6);
	cr_assert_eq(v->port, 5062);
	TT_SLICE(v->received, "[2001:db8::9:255]");
	v = sipmsg_msg_via(tt_m, 1);
	cr_assert_not(v->has_port);
	TT_SLICE(v->received, "2001:db8::9:255");
	TT_SLICE(v->branch, "z9hG4bKas3");
	/* the bracketed form is taken (RFC 5118 §4.5) but is not the grammar's */
	const sipmsg_diag *d = tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER);
	cr_assert_not_null(d, "a warning for received=[...]");
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->line, 2);
	cr_assert_eq(d->column, 70, "at the value");
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 1, "none for the plain IPv6 address");
}

Test(via, whitespace_around_slashes_and_colon)
{
	TT_PARSE(VREQ("Via: SIP / 2.0 / UDP\r\n  first.example.com : 4000 ; branch = z9hG4bKa ;ttl=1\r\n"));
	const sipmsg_via *v = sipmsg_msg_via(tt_m, 0);
	cr_assert_not_null(v);
	TT_SLICE(v->protocol_version, "2.0");
	TT_SLICE(v->host, "first.example.com");
	cr_assert_eq(v->port, 4000);
	TT_SLICE(v->branch, "z9hG4bKa");
	TT_SLICE(v->ttl, "1");
}

static void bad_via(const char *via, sipmsg_diag_code code, size_t col)
{
	char text[512];
	snprintf(text, sizeof text, VREQ("Via: %s\r\n"), via);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	cr_assert_eq(tt_parse_opts(text, &o), SIPMSG_ESYNTAX, "%s accepted", via);
	cr_assert_eq(tt_err.code, (int)code, "%s: %s", via, tt_err.reason);
	cr_assert_str_eq(tt_err.header, "Via");
	cr_assert_eq(tt_err.line, 2);
	cr_assert_eq(tt_err.column, col, "%s: column %u, expected %zu (%s)", via, tt_err.column, col, tt_err.reason);
}

Test(via, errors_fail_the_parse_with_positions)
{
	/* RFC 4475 badinv01 */
	bad_via("SIP/2.0/UDP 192.0.2.15;;,;,,", SIPMSG_DIAG_BAD_PARAMETER, 29);
	bad_via("SIP/2.0/UDP h;branch=z9hG4bK1,,SIP/2.0/UDP g", SIPMSG_DIAG_EMPTY_LIST_ITEM, 36);
	bad_via("SIP/2.0/UDP", SIPMSG_DIAG_BAD_HEADER_VALUE, 17);
	bad_via("SIP/2.0 h", SIPMSG_DIAG_BAD_HEADER_VALUE, 6);
	bad_via("SIP/2.0/UDP h:99999", SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 20);
	bad_via("SIP/2.0/UDP h;ttl=256", SIPMSG_DIAG_BAD_PARAMETER, 24);
	bad_via("SIP/2.0/UDP h;ttl=1;ttl=256", SIPMSG_DIAG_BAD_PARAMETER, 30); /* a repeat is checked too */
	bad_via("SIP/2.0/UDP h;rport=x", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;branch", SIPMSG_DIAG_BAD_PARAMETER, 20);
	bad_via("SIP/2.0/UDP [::1;branch=z9hG4bK1", SIPMSG_DIAG_BAD_IP_ADDRESS, 18);
	bad_via("SIP/2.0/UDP h junk", SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	/* received = IPv4address / IPv6address */
	bad_via("SIP/2.0/UDP h;received=host.example.com", SIPMSG_DIAG_BAD_PARAMETER, 29);
	bad_via("SIP/2.0/UDP h;received=[192.0.2.1]", SIPMSG_DIAG_BAD_PARAMETER, 29);
	bad_via("SIP/2.0/UDP h;received=192.0.2.256", SIPMSG_DIAG_BAD_PARAMETER, 29);
	bad_via("SIP/2.0/UDP h;received", SIPMSG_DIAG_BAD_PARAMETER, 20);
	/* via-maddr = "maddr" EQUAL host: IPv6 only as a reference, unlike received */
	bad_via("SIP/2.0/UDP h;branch=z9hG4bK1;maddr=2001:db8::1", SIPMSG_DIAG_BAD_PARAMETER, 42);
	bad_via("SIP/2.0/UDP h;maddr=::1;branch=z9hG4bK1", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;maddr=a:b", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;maddr=[zz]", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;maddr=\"239.1.1.1\"", SIPMSG_DIAG_BAD_PARAMETER, 27);
	bad_via("SIP/2.0/UDP h;maddr", SIPMSG_DIAG_BAD_PARAMETER, 20);
	bad_via("SIP/2.0/UDP h;maddr=[::1];branch=z9hG4bK1, SIP/2.0/UDP g;maddr=1::2", SIPMSG_DIAG_BAD_PARAMETER, 69);
	/* ... and a name or IPv4 address as the sent-by host is one */
	bad_via("SIP/2.0/UDP h;maddr=239.1.1.256", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;maddr=239.1", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;maddr=-mc.example.com;branch=z9hG4bK1", SIPMSG_DIAG_BAD_PARAMETER, 26);
	bad_via("SIP/2.0/UDP h;maddr=mc*example", SIPMSG_DIAG_BAD_PARAMETER, 26);
}

Test(via, maddr_is_a_host)
{
	TT_PARSE(VREQ("Via: SIP/2.0/UDP h;branch=z9hG4bK1;maddr=[2001:db8::1], SIP/2.0/UDP g;maddr=mc.example.com\r\n"));
	TT_SLICE(sipmsg_msg_via(tt_m, 0)->maddr, "[2001:db8::1]");
	TT_SLICE(sipmsg_msg_via(tt_m, 1)->maddr, "mc.example.com");
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
	/* an IPv6 form valid only by RFC 3261's ABNF: taken, with the host's warning */
	TT_PARSE(VREQ("Via: SIP/2.0/UDP h;maddr=[2001:db8:::192.0.2.1];branch=z9hG4bK1\r\n"));
	TT_SLICE(sipmsg_msg_via(tt_m, 0)->maddr, "[2001:db8:::192.0.2.1]");
	const sipmsg_diag *d = tt_diag(tt_m, SIPMSG_DIAG_BAD_IP_ADDRESS);
	cr_assert_not_null(d);
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
	cr_assert_eq(d->column, 27, "column %u", d->column);
	/* the reason names the bracket rule */
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	cr_assert_eq(tt_parse_opts(VREQ("Via: SIP/2.0/UDP h;maddr=2001:db8::1\r\n"), &o), SIPMSG_ESYNTAX);
	cr_assert(strstr(tt_err.reason, "[brackets]"), "%s", tt_err.reason);
}

Test(via, list_limit)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	o.max_list_items = 3;
	const char *text = VREQ("Via: SIP/2.0/UDP a, SIP/2.0/UDP b, SIP/2.0/UDP c, SIP/2.0/UDP d\r\n");
	cr_assert_eq(tt_parse_opts(text, &o), SIPMSG_ELIMIT, "over a limit is ELIMIT, not a syntax error");
	cr_assert_eq(tt_err.code, SIPMSG_DIAG_LIMIT_LIST_ITEMS);
	o.max_list_items = 4;
	cr_assert_eq(tt_parse_opts(text, &o), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 4);
}

Test(via, many_lines_read_in_linear_time)
{
	/* 1000 Via lines: sequential reads use the cursor (no quadratic walk) */
	static char text[64 * 1024];
	size_t n = (size_t)snprintf(text, sizeof text, "OPTIONS sip:b@h SIP/2.0\r\n");
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "Via: SIP/2.0/UDP h%d;branch=z9hG4bK%d\r\n", i, i);
	snprintf(text + n, sizeof text - n, "l: 0\r\n\r\n");
	TT_PARSE(text);
	cr_assert_eq(sipmsg_msg_via_count(tt_m), 1000);
	for (size_t k = 0; k < 1000; k++) {
		char want[16];
		snprintf(want, sizeof want, "h%zu", k);
		TT_SLICE(sipmsg_msg_via(tt_m, k)->host, want);
	}
}
