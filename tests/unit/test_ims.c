/* SPDX-License-Identifier: MIT */
/* The IMS and priority headers: Session-ID (RFC 7989), Resource-Priority and
 * Accept-Resource-Priority (RFC 4412), P-Charging-Vector and
 * P-Access-Network-Info (RFC 7315, RFC 7913). */
#include "typed_test.h"

TestSuite(ims, .fini = tt_teardown);

Test(ims, session_id)
{
	TT_PARSE(TT_REQ("Session-ID: ab30317f1a784dc48ff824d0d3715d86 ;remote=47755a9de7794ba387653f2099600ef2;x=1\r\n"));
	cr_assert_eq(sipmsg_hdr_lookup("session-id", 10), SIPMSG_HDR_SESSION_ID);
	cr_assert_eq(sipmsg_hdr_kind_of(SIPMSG_HDR_SESSION_ID), SIPMSG_KIND_SESSION_ID);
	sipmsg_typed t = tt_value(SIPMSG_HDR_SESSION_ID, 0);
	cr_assert_eq(t.kind, SIPMSG_KIND_SESSION_ID);
	TT_SLICE(t.session_id->local_uuid, "ab30317f1a784dc48ff824d0d3715d86");
	TT_SLICE(t.session_id->remote_uuid, "47755a9de7794ba387653f2099600ef2");
	cr_assert_eq(t.session_id->param_count, 2);
	TT_SLICE(t.session_id->params[1].name, "x");
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
	/* the null UUID, and no remote parameter (RFC 7989 §7) */
	TT_PARSE(TT_REQ("Session-ID: 00000000000000000000000000000000\r\n"));
	t = tt_value(SIPMSG_HDR_SESSION_ID, 0);
	TT_SLICE(t.session_id->local_uuid, "00000000000000000000000000000000");
	cr_assert_null(t.session_id->remote_uuid.ptr);
	cr_assert_eq(t.session_id->param_count, 0);
}

Test(ims, session_id_bad)
{
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715d8", SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_HEADER_VALUE, 44);
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715d86a", SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_HEADER_VALUE, 45);
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715g86", SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_HEADER_VALUE, 42);
	tt_bad("Session-ID: ;remote=47755a9de7794ba387653f2099600ef2", SIPMSG_HDR_SESSION_ID,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 13);
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=1234", SIPMSG_HDR_SESSION_ID,
	    SIPMSG_DIAG_BAD_PARAMETER, 57);
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote", SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_PARAMETER,
	    46);
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715d86, 47755a9de7794ba387653f2099600ef2", SIPMSG_HDR_SESSION_ID,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 45);
}

/* RFC 7989 §4.2: lower-case hex; RFC 7329 devices are seen with upper case,
 * read with a warning. */
Test(ims, session_id_upper_case_warns)
{
	tt_warned("Session-ID: AB30317F1A784DC48FF824D0D3715D86", SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_HEADER_VALUE, 13);
	TT_SLICE(tt_value(SIPMSG_HDR_SESSION_ID, 0).session_id->local_uuid, "AB30317F1A784DC48FF824D0D3715D86");
	tt_warned("Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=47755A9DE7794BA387653F2099600EF2",
	       SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_PARAMETER, 53);
}

Test(ims, resource_priority)
{
	TT_PARSE(TT_REQ("Resource-Priority: wps.2 , dsn.flash\r\nAccept-Resource-Priority: dsn.flash-override,"
			"dsn.routine, q735.4\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_RESOURCE_PRIORITY), 2);
	sipmsg_typed t = tt_value(SIPMSG_HDR_RESOURCE_PRIORITY, 0);
	cr_assert_eq(t.kind, SIPMSG_KIND_RESOURCE_PRIORITY);
	TT_SLICE(t.raw, "wps.2");
	TT_SLICE(t.resource_priority->ns, "wps");
	TT_SLICE(t.resource_priority->priority, "2");
	TT_SLICE(tt_value(SIPMSG_HDR_RESOURCE_PRIORITY, 1).resource_priority->priority, "flash");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY), 3);
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY, 0).resource_priority->priority, "flash-override");
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY, 2).resource_priority->ns, "q735");
	/* Accept-Resource-Priority may be empty (RFC 4412 §3.2) */
	TT_PARSE(TT_REQ("Accept-Resource-Priority:\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY), SIPMSG_OK);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY), 0);
}

Test(ims, resource_priority_bad)
{
	tt_bad("Resource-Priority: wps", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 23);
	tt_bad("Resource-Priority: .2", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	tt_bad("Resource-Priority: wps.", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 24);
	tt_bad("Resource-Priority: wps.2.1", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 25);
	tt_bad("Resource-Priority: wps.2 x", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 26);
	tt_bad("Resource-Priority: dsn.flash, wps", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_BAD_HEADER_VALUE, 34);
	tt_bad("Resource-Priority:", SIPMSG_HDR_RESOURCE_PRIORITY, SIPMSG_DIAG_EMPTY_HEADER_VALUE, 19);
	tt_bad("Accept-Resource-Priority: dsn.flash,", SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY, SIPMSG_DIAG_EMPTY_LIST_ITEM,
	    37);
}

Test(ims, charging_vector)
{
	TT_PARSE(TT_REQ("P-Charging-Vector: icid-value=1234bc9876e; icid-generated-at=192.0.6.8; orig-ioi=home1.net\r\n"));
	sipmsg_typed t = tt_value(SIPMSG_HDR_P_CHARGING_VECTOR, 0);
	cr_assert_eq(t.kind, SIPMSG_KIND_CHARGING_VECTOR);
	const sipmsg_charging_vector *c = t.charging_vector;
	TT_SLICE(c->icid, "1234bc9876e");
	TT_SLICE(c->icid_generated_at, "192.0.6.8");
	TT_SLICE(c->orig_ioi, "home1.net");
	cr_assert_null(c->term_ioi.ptr);
	cr_assert_null(c->transit_ioi.ptr);
	cr_assert_eq(c->param_count, 2);
	TT_PARSE(TT_REQ("P-Charging-Vector: ICID-Value = \"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\";"
			"orig-ioi=home1.net;term-ioi=home2.net;transit-ioi=\"1.sip.example,2.void\";"
			"icid-generated-at=[2001:db8::9];related-icid=abc\r\n"));
	c = tt_value(SIPMSG_HDR_P_CHARGING_VECTOR, 0).charging_vector;
	TT_SLICE(c->icid, "AyretyU0dm+6O2IrT5tAFrbHLso=023551024");
	TT_SLICE(c->term_ioi, "home2.net");
	TT_SLICE(c->transit_ioi, "1.sip.example,2.void");
	TT_SLICE(c->icid_generated_at, "[2001:db8::9]");
	cr_assert_eq(c->param_count, 5);
	TT_SLICE(c->params[4].name, "related-icid");
}

Test(ims, charging_vector_bad)
{
	tt_bad("P-Charging-Vector: orig-ioi=home1.net; icid-value=1", SIPMSG_HDR_P_CHARGING_VECTOR,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	tt_bad("P-Charging-Vector: icid-value", SIPMSG_HDR_P_CHARGING_VECTOR, SIPMSG_DIAG_BAD_PARAMETER, 30);
	tt_bad("P-Charging-Vector: icid-value=;orig-ioi=a", SIPMSG_HDR_P_CHARGING_VECTOR, SIPMSG_DIAG_BAD_PARAMETER, 31);
	tt_bad("P-Charging-Vector: icid-value=\"12", SIPMSG_HDR_P_CHARGING_VECTOR, SIPMSG_DIAG_UNTERMINATED_QUOTE, 31);
	tt_bad("P-Charging-Vector: icid-value=1;icid-generated-at=\"x\"", SIPMSG_HDR_P_CHARGING_VECTOR,
	    SIPMSG_DIAG_BAD_PARAMETER, 52);
	tt_bad("P-Charging-Vector: icid-value=1;icid-generated-at=1.2.3.4.5.6:9", SIPMSG_HDR_P_CHARGING_VECTOR,
	    SIPMSG_DIAG_BAD_PARAMETER, 51);
	tt_bad("P-Charging-Vector: icid-value=1;term-ioi", SIPMSG_HDR_P_CHARGING_VECTOR, SIPMSG_DIAG_BAD_PARAMETER, 33);
	tt_bad("P-Charging-Vector: icid-value=1, icid-value=2", SIPMSG_HDR_P_CHARGING_VECTOR,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 32);
}

Test(ims, access_network_info)
{
	TT_PARSE(TT_REQ("P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=23456789ABCDE\r\n"
			"P-Access-Network-Info: 3GPP-E-UTRAN-FDD;utran-cell-id-3gpp=234150999999999;network-provided, "
			"IEEE-802.11;i-wlan-node-id=ffeeddccbbaa;cgi-3gpp=\"a,b\"\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_P_ACCESS_NETWORK_INFO), 3);
	sipmsg_typed t = tt_value(SIPMSG_HDR_P_ACCESS_NETWORK_INFO, 0);
	cr_assert_eq(t.kind, SIPMSG_KIND_ACCESS_NETWORK_INFO);
	TT_SLICE(t.access_network_info->access_type, "3GPP-UTRAN-TDD");
	cr_assert_not(t.access_network_info->network_provided);
	cr_assert_eq(t.access_network_info->param_count, 1);
	TT_SLICE(t.access_network_info->params[0].value, "23456789ABCDE");
	t = tt_value(SIPMSG_HDR_P_ACCESS_NETWORK_INFO, 1);
	TT_SLICE(t.access_network_info->access_type, "3GPP-E-UTRAN-FDD");
	cr_assert(t.access_network_info->network_provided);
	t = tt_value(SIPMSG_HDR_P_ACCESS_NETWORK_INFO, 2);
	TT_SLICE(t.raw, "IEEE-802.11;i-wlan-node-id=ffeeddccbbaa;cgi-3gpp=\"a,b\"");
	TT_SLICE(t.access_network_info->access_type, "IEEE-802.11");
	TT_SLICE(t.access_network_info->params[1].value, "a,b");
	cr_assert(t.access_network_info->params[1].quoted);
}

Test(ims, access_network_info_bad)
{
	tt_bad("P-Access-Network-Info: ;cgi-3gpp=1", SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_BAD_HEADER_VALUE, 24);
	/* a bare item in RFC 3455's form is a gen-value: an IPv6 reference or a closed quote */
	const sipmsg_diag *d = tt_header_diag("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; [x]",
					      SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_PARAMETER,
					      SIPMSG_SEVERITY_ERROR, 42);
	cr_assert(strstr(d->message, "access-info \"[x]\" is not an IPv6 reference"), "%s", d->message);
	d = tt_header_diag("P-Access-Network-Info: 3GPP-E-UTRAN-FDD;x=1; []", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
			   SIPMSG_ESYNTAX, SIPMSG_DIAG_BAD_PARAMETER, SIPMSG_SEVERITY_ERROR, 46);
	cr_assert(strstr(d->message, "access-info \"[]\""), "%s", d->message);
	tt_bad("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; \"x", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
	    SIPMSG_DIAG_UNTERMINATED_QUOTE, 42);
	tt_bad("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; =x", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
	    SIPMSG_DIAG_BAD_PARAMETER, 42);
	tt_bad("P-Access-Network-Info: 3GPP-E-UTRAN-FDD x", SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_BAD_HEADER_VALUE,
	    41);
	tt_bad("P-Access-Network-Info: 3GPP-E-UTRAN-FDD;cgi-3gpp=\"1", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
	    SIPMSG_DIAG_UNTERMINATED_QUOTE, 50);
}

/* The warning sipmsg_msg_check() gives header line `line` of a TT_REQ
 * message, whose typed parse succeeds: this code, at this column. */
static const sipmsg_diag *check_warns(const char *line, sipmsg_hdr_id id, sipmsg_diag_code code, uint32_t column)
{
	char text[1024];
	snprintf(text, sizeof text, TT_REQ("%s\r\n"), line);
	TT_PARSE(text);
	cr_assert_eq(tt_header_status(id), SIPMSG_OK, "%s: status %s", line, sipmsg_status_name(tt_header_status(id)));
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "%s: check", line);
	const sipmsg_diag *d = tt_diag(tt_m, code);
	cr_assert_not_null(d, "%s: no %s", line, sipmsg_diag_code_name(code));
	cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s: severity", line);
	cr_assert_eq(d->column, column, "%s: column %u", line, d->column);
	return d;
}

/* The header line `line` of a TT_REQ message draws no diagnostic from sipmsg_msg_check(). */
static void check_clean(const char *line)
{
	char text[1024];
	snprintf(text, sizeof text, TT_REQ("%s\r\n"), line);
	TT_PARSE(text);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK, "%s: check", line);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0, "%s: %s", line,
		     sipmsg_msg_diag_count(tt_m) ? sipmsg_msg_diag_at(tt_m, 0)->message : "");
}

/* RFC 3455 §4.4: extension-access-info = gen-value, a bare item RFC 7315
 * §5.4 and RFC 7913 §3 replaced by a generic-param; IMS equipment still
 * sends it. Read as a nameless parameter, with a warning from the check. */
Test(ims, access_network_info_rfc3455_form)
{
	const sipmsg_diag *d = check_warns("P-Access-Network-Info: 3GPP-UTRAN-TDD; \"23456789ABCDE\"; network-provided",
					   SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_HEADER_RULE, 40);
	cr_assert(strstr(d->message, "RFC 3455"), "%s", d->message);
	cr_assert_str_eq(sipmsg_diag_code_name(SIPMSG_DIAG_HEADER_RULE), "header-rule");
	const sipmsg_access_network_info *a = tt_value(SIPMSG_HDR_P_ACCESS_NETWORK_INFO, 0).access_network_info;
	cr_assert_eq(a->param_count, 2);
	cr_assert_eq(a->params[0].name.len, 0);
	TT_SLICE(a->params[0].value, "23456789ABCDE");
	cr_assert(a->params[0].quoted);
	cr_assert(a->network_provided);
	/* a bare IPv6 reference is a gen-value too (host) */
	check_warns("P-Access-Network-Info: IEEE-802.11;[2001:db8::1]", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
		    SIPMSG_DIAG_HEADER_RULE, 36);
	TT_SLICE(tt_value(SIPMSG_HDR_P_ACCESS_NETWORK_INFO, 0).access_network_info->params[0].value, "[2001:db8::1]");
	/* a bare token is a generic-param of either RFC: no warning */
	check_clean("P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=2345601234ABCDEF; network-provided");
	/* elsewhere a nameless parameter stays an error */
	tt_bad("Session-ID: ab30317f1a784dc48ff824d0d3715d86;\"x\"", SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_BAD_PARAMETER,
	    46);
}

/* A parameter the grammar names once, given twice: the view reads the
 * first, and the check warns at each later one, naming it. */
Test(ims, repeated_params_warn)
{
	const sipmsg_diag *d = check_warns(
		"Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2;"
		"REMOTE=00000000000000000000000000000000",
		SIPMSG_HDR_SESSION_ID, SIPMSG_DIAG_MULTIPLE_VALUES, 86);
	cr_assert(strstr(d->message, "remote"), "%s", d->message);
	TT_SLICE(tt_value(SIPMSG_HDR_SESSION_ID, 0).session_id->remote_uuid, "47755a9de7794ba387653f2099600ef2");
	d = check_warns("P-Charging-Vector: icid-value=1;orig-ioi=a;term-ioi=b;orig-ioi=c", SIPMSG_HDR_P_CHARGING_VECTOR,
			SIPMSG_DIAG_MULTIPLE_VALUES, 55);
	cr_assert(strstr(d->message, "orig-ioi"), "%s", d->message);
	TT_SLICE(tt_value(SIPMSG_HDR_P_CHARGING_VECTOR, 0).charging_vector->orig_ioi, "a");
	/* the leading icid-value counts as the first */
	d = check_warns("P-Charging-Vector: icid-value=1;icid-value=2", SIPMSG_HDR_P_CHARGING_VECTOR,
			SIPMSG_DIAG_MULTIPLE_VALUES, 33);
	cr_assert(strstr(d->message, "icid-value"), "%s", d->message);
	/* each repeat is reported; a generic parameter may repeat */
	check_warns("P-Charging-Vector: icid-value=1;related-icid=a;x=1;x=2;related-icid=b;Related-ICID=c",
		    SIPMSG_HDR_P_CHARGING_VECTOR, SIPMSG_DIAG_MULTIPLE_VALUES, 56);
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++)
		n += sipmsg_msg_diag_at(tt_m, i)->code == SIPMSG_DIAG_MULTIPLE_VALUES;
	cr_assert_eq(n, 2);
	check_clean("P-Charging-Vector: icid-value=1;icid-generated-at=h;orig-ioi=a;term-ioi=b;related-icid=c;"
		    "related-icid-generated-at=d;x=1;x=2");
	check_clean("Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=47755a9de7794ba387653f2099600ef2;x;x");
}

/* RFC 7315 §5.6: transit-ioi = "transit-ioi" EQUAL DQUOTE transit-ioi-param
 * *( COMMA transit-ioi-param ) DQUOTE, each name "." index or "void." index. */
Test(ims, transit_ioi_entries)
{
	TT_PARSE(TT_REQ("P-Charging-Vector: icid-value=1;transit-ioi=\"operatorA.1 , void.2,op-3b.17\"\r\n"));
	const sipmsg_charging_vector *c = tt_value(SIPMSG_HDR_P_CHARGING_VECTOR, 0).charging_vector;
	sipmsg_slice rest = c->transit_ioi;
	sipmsg_transit_ioi e;
	static const char *const raw[] = {"operatorA.1", "void.2", "op-3b.17"};
	static const char *const name[] = {"operatorA", "void", "op-3b"};
	static const char *const index[] = {"1", "2", "17"};
	size_t n = 0;
	while (sipmsg_transit_ioi_next(&rest, &e)) {
		cr_assert_lt(n, 3);
		TT_SLICE(e.raw, raw[n]);
		TT_SLICE(e.name, name[n]);
		TT_SLICE(e.index, index[n]);
		/* slices into the input, not copies */
		cr_assert(e.raw.ptr >= c->raw.ptr && e.raw.ptr < c->raw.ptr + c->raw.len);
		n++;
	}
	cr_assert_eq(n, 3);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
	/* an entry without '.', and an empty one, are still returned */
	rest = (sipmsg_slice){"a,,b.x", 6};
	cr_assert(sipmsg_transit_ioi_next(&rest, &e));
	TT_SLICE(e.name, "a");
	cr_assert_null(e.index.ptr);
	cr_assert(sipmsg_transit_ioi_next(&rest, &e));
	cr_assert_eq(e.raw.len, 0);
	cr_assert(sipmsg_transit_ioi_next(&rest, &e));
	TT_SLICE(e.name, "b");
	TT_SLICE(e.index, "x");
	cr_assert_not(sipmsg_transit_ioi_next(&rest, &e));
	rest = (sipmsg_slice){NULL, 0};
	cr_assert_not(sipmsg_transit_ioi_next(&rest, &e));
}

Test(ims, transit_ioi_checked)
{
	const sipmsg_diag *d = check_warns("P-Charging-Vector: icid-value=1;transit-ioi=\"opA.1,1.sip.example\"",
					   SIPMSG_HDR_P_CHARGING_VECTOR, SIPMSG_DIAG_HEADER_RULE, 52);
	cr_assert(strstr(d->message, "1.sip.example"), "%s", d->message);
	check_warns("P-Charging-Vector: icid-value=1;transit-ioi=\"opA.1,void\"", SIPMSG_HDR_P_CHARGING_VECTOR,
		    SIPMSG_DIAG_HEADER_RULE, 52);
	check_warns("P-Charging-Vector: icid-value=1;transit-ioi=\"opA.1,,opB.2\"", SIPMSG_HDR_P_CHARGING_VECTOR,
		    SIPMSG_DIAG_HEADER_RULE, 52);
	check_warns("P-Charging-Vector: icid-value=1;transit-ioi=\"op_A.1\"", SIPMSG_HDR_P_CHARGING_VECTOR,
		    SIPMSG_DIAG_HEADER_RULE, 46);
	check_warns("P-Charging-Vector: icid-value=1;transit-ioi=\"\"", SIPMSG_HDR_P_CHARGING_VECTOR,
		    SIPMSG_DIAG_HEADER_RULE, 46);
	/* the list is quoted */
	check_warns("P-Charging-Vector: icid-value=1;transit-ioi=opA.1", SIPMSG_HDR_P_CHARGING_VECTOR,
		    SIPMSG_DIAG_HEADER_RULE, 45);
	check_clean("P-Charging-Vector: icid-value=1;transit-ioi=\"void.1\"");
}

/* 3GPP TS 24.229 §7.2A.4.3 codes the cell identities RFC 7315 §5.4 takes as
 * token / quoted-string: MCC (3 digits), MNC (2 or 3), then full hex codes
 * of fixed length, per access type. A value out of that shape is a warning
 * at its first stray character, or at its start when only the length is
 * wrong. */
Test(ims, cell_id_shapes)
{
	/* GERAN: LAC and CI, 4 hex digits each; a 2- or 3-digit MNC */
	check_clean("P-Access-Network-Info: 3GPP-GERAN; cgi-3gpp=2345612ab34CD");
	check_clean("P-Access-Network-Info: 3GPP-GERAN; cgi-3gpp=\"310410FFFE0001\"");
	/* UTRAN: LAC and the 28-bit cell identity (4 + 7) */
	check_clean("P-Access-Network-Info: 3GPP-UTRAN-FDD; utran-cell-id-3gpp=310410ABCD1234567");
	/* E-UTRAN: TAC and ECI (4 + 7); a 24-bit TAC (6 + 7) is taken too */
	check_clean("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=0010100010019B01");
	check_clean("P-Access-Network-Info: 3GPP-E-UTRAN-TDD; utran-cell-id-3gpp=00101000001019B01A");
	/* NR: TAC (6) and the 36-bit NR cell identity (9) */
	check_clean("P-Access-Network-Info: 3GPP-NR-FDD; utran-cell-id-3gpp=00101000001123456789");
	/* another access type or class: any of those lengths */
	check_clean("P-Access-Network-Info: 3GPP-E-UTRAN; utran-cell-id-3gpp=0010100010019B01");
	/* other access-info values are not held to a shape */
	check_clean("P-Access-Network-Info: IEEE-802.11; i-wlan-node-id=ffffffffffff; dsl-location=x");

	const sipmsg_diag *d = check_warns("P-Access-Network-Info: 3GPP-GERAN; cgi-3gpp=23456789ABCDEF0",
					   SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_HEADER_RULE, 45);
	cr_assert(strstr(d->message, "cgi-3gpp") && strstr(d->message, "24.229"), "%s", d->message);
	/* the MCC and MNC are decimal: at the first that is not */
	check_warns("P-Access-Network-Info: 3GPP-GERAN; cgi-3gpp=234A612ab34CD", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
		    SIPMSG_DIAG_HEADER_RULE, 48);
	/* hex digits only, quoted or not */
	check_warns("P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=\"310410ABCD123456G\"",
		    SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_HEADER_RULE, 76);
	/* RFC 7315's own example value is short for UTRAN (13 of 16 or 17) */
	check_warns("P-Access-Network-Info: 3GPP-UTRAN-TDD; utran-cell-id-3gpp=23456789ABCDE",
		    SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_HEADER_RULE, 59);
	/* a 24-bit TAC is E-UTRAN's and NR's only */
	check_warns("P-Access-Network-Info: 3GPP-UTRAN-FDD; utran-cell-id-3gpp=00101000001019B01A",
		    SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_HEADER_RULE, 59);
	d = check_warns("P-Access-Network-Info: 3GPP-NR-TDD; utran-cell-id-3gpp=0010100010019B01",
			SIPMSG_HDR_P_ACCESS_NETWORK_INFO, SIPMSG_DIAG_HEADER_RULE, 56);
	cr_assert(strstr(d->message, "NR"), "%s", d->message);
	check_warns("P-Access-Network-Info: 3GPP-E-UTRAN; utran-cell-id-3gpp=0010", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
		    SIPMSG_DIAG_HEADER_RULE, 61);
	check_warns("P-Access-Network-Info: 3GPP-GERAN; cgi-3gpp=\"\"", SIPMSG_HDR_P_ACCESS_NETWORK_INFO,
		    SIPMSG_DIAG_HEADER_RULE, 46);
}
