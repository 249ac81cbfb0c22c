/* SPDX-License-Identifier: MIT */
/* name-addr / addr-spec headers: From, To, Contact (and "*"), Route and
 * friends; display names quoted or not, header parameters, lists across
 * lines, and errors with their positions. */
#include "typed_test.h"

TestSuite(nameaddr, .fini = tt_teardown);

Test(nameaddr, from_to_hot_views)
{
	TT_PARSE("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
		 "From: \"Alice \\\"A.\\\" Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774;x\r\n"
		 "To: Bob  Smith<sips:bob@biloxi.example.com;transport=tls>\r\n"
		 "Call-ID: x@y\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	const sipmsg_nameaddr *f = sipmsg_msg_from(tt_m);
	cr_assert_not_null(f);
	cr_assert(f->display_quoted);
	TT_SLICE(f->display, "Alice \\\"A.\\\" Liddell");
	char buf[64];
	size_t n = sipmsg_unquote(f->display.ptr, f->display.len, buf, sizeof buf);
	cr_assert(n == 18 && memcmp(buf, "Alice \"A.\" Liddell", 18) == 0, "unquoted: %.*s", (int)n, buf);
	cr_assert(f->angle);
	TT_SLICE(f->uri.user, "alice");
	TT_SLICE(f->uri.host, "atlanta.example.com");
	TT_SLICE(f->tag, "1928301774");
	cr_assert_eq(f->param_count, 2);
	TT_SLICE(f->params[1].name, "x");
	cr_assert_null(f->params[1].value.ptr);

	const sipmsg_nameaddr *t = sipmsg_msg_to(tt_m);
	cr_assert_not(t->display_quoted);
	TT_SLICE(t->display, "Bob  Smith");
	cr_assert_eq(t->uri.scheme, SIPMSG_SCHEME_SIPS);
	TT_SLICE(t->uri.transport, "tls");
	cr_assert_null(t->tag.ptr);
	cr_assert_eq(t->param_count, 0);
}

/* tag, q and expires given twice: each is checked, the first is read (on
 * the hot path and the general one alike), and the check warns at each
 * repeat. */
Test(nameaddr, repeated_known_params_first_wins)
{
	TT_PARSE("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
		 "From: <sip:alice@atlanta.example.com>;tag=first;TAG=second\r\n"
		 "To: sip:bob@biloxi.example.com;tag=a;tag=b\r\n"
		 "Contact: <sip:alice@pc33.atlanta.example.com>;q=0.5;expires=60;q=1;expires=7\r\n"
		 "Call-ID: x@y\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
	TT_SLICE(sipmsg_msg_from(tt_m)->tag, "first");
	TT_SLICE(sipmsg_msg_to(tt_m)->tag, "a");
	sipmsg_typed t = tt_value(SIPMSG_HDR_CONTACT, 0);
	TT_SLICE(t.nameaddr->q, "0.5");
	cr_assert(t.nameaddr->has_expires);
	cr_assert_eq(t.nameaddr->expires, 60);
	cr_assert_eq(t.nameaddr->param_count, 4, "every parameter stays in the list");
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 0);
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_msg_diag_count(tt_m); i++) {
		const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, i);
		cr_assert_eq(d->code, SIPMSG_DIAG_MULTIPLE_VALUES, "%s", d->message);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING);
		if (n++ == 0) {
			cr_assert_eq(d->line, 4);
			cr_assert_eq(d->column, 49, "at the second tag's name: column %u", d->column);
		}
	}
	cr_assert_eq(n, 4, "From, To, and Contact's q and expires");
	/* a repeat is still checked */
	tt_bad("Contact: <sip:a@h>;q=1;q=2", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_PARAMETER, 26);

	/* a bare ";tag" is no tag: the view reads the next, and the check says
	 * so rather than that the first was read */
	TT_PARSE("OPTIONS sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
		 "From: <sip:a@h>;tag;tag=5\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n");
	TT_SLICE(sipmsg_msg_from(tt_m)->tag, "5");
	cr_assert_eq(sipmsg_msg_check(tt_m), SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_diag_count(tt_m), 1);
	const sipmsg_diag *d = sipmsg_msg_diag_at(tt_m, 0);
	cr_assert_eq(d->code, SIPMSG_DIAG_HEADER_RULE, "%s", d->message);
	cr_assert_eq(d->column, 17);
}

Test(nameaddr, addr_spec_params_belong_to_the_header)
{
	TT_PARSE(TT_REQ("Reply-To: sip:caller@example.net;tag=134161461246;lr\r\n"
			"Refer-To: <sip:carol@c.example;method=INVITE?Replaces=a%40b>\r\n"));
	sipmsg_typed v = tt_value(SIPMSG_HDR_REPLY_TO, 0);
	cr_assert_not(v.nameaddr->angle);
	TT_SLICE(v.nameaddr->uri.raw, "sip:caller@example.net");
	cr_assert_eq(v.nameaddr->uri.param_count, 0, "in addr-spec form parameters go to the header");
	TT_SLICE(v.nameaddr->tag, "134161461246");
	cr_assert_eq(v.nameaddr->param_count, 2);
	v = tt_value(SIPMSG_HDR_REFER_TO, 0);
	TT_SLICE(v.nameaddr->uri.method, "INVITE");
	cr_assert_eq(v.nameaddr->uri.header_count, 1);
	TT_SLICE(v.nameaddr->uri.headers[0].value, "a%40b");
}

Test(nameaddr, contact_star_expires_q_and_lists)
{
	TT_PARSE(TT_REQ("Contact: <sip:a@h1>;expires=3600;q=0.7, \"B, b\" <sip:b@h2>;q=1.000\r\n"
			"m: sip:c@h3;expires=0\r\n"
			"Contact: <urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>;+sip.instance=\"<x>\"\r\n"));
	cr_assert_eq(sipmsg_msg_contact_count(tt_m), 4);
	const sipmsg_nameaddr *c = sipmsg_msg_contact(tt_m, 0);
	cr_assert(c->has_expires);
	cr_assert_eq(c->expires, 3600);
	TT_SLICE(c->q, "0.7");
	TT_SLICE(c->raw, "<sip:a@h1>;expires=3600;q=0.7");
	c = sipmsg_msg_contact(tt_m, 1);
	TT_SLICE(c->display, "B, b");
	TT_SLICE(c->q, "1.000");
	cr_assert_not(c->has_expires);
	c = sipmsg_msg_contact(tt_m, 2);
	cr_assert(c->has_expires);
	cr_assert_eq(c->expires, 0);
	TT_SLICE(c->uri.host, "h3");
	c = sipmsg_msg_contact(tt_m, 3);
	cr_assert_eq(c->uri.scheme, SIPMSG_SCHEME_OTHER);
	cr_assert(c->params[0].quoted);
	TT_SLICE(c->params[0].value, "<x>");
	cr_assert_null(sipmsg_msg_contact(tt_m, 4));

	TT_PARSE(TT_REQ("Contact: *\r\nExpires: 0\r\n"));
	c = sipmsg_msg_contact(tt_m, 0);
	cr_assert(c->star);
	TT_SLICE(c->raw, "*");
}

Test(nameaddr, route_lists_across_lines_in_order)
{
	TT_PARSE(TT_REQ("Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
			"Record-Route: <sip:rr.example.com;lr>\r\n"
			"Route: <sip:p3.example.com;lr>,\r\n <sip:p4.example.com;lr>\r\n"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ROUTE), 4);
	for (size_t k = 0; k < 4; k++) {
		sipmsg_typed v = tt_value(SIPMSG_HDR_ROUTE, k);
		char want[32];
		snprintf(want, sizeof want, "p%zu.example.com", k + 1);
		TT_SLICE(v.nameaddr->uri.host, want);
		cr_assert(v.nameaddr->uri.lr);
		cr_assert_eq(v.kind, SIPMSG_KIND_NAMEADDR);
		cr_assert_eq(v.index, k % 2);
	}
	/* random access works after sequential access, and backwards */
	cr_assert(tt_is(tt_value(SIPMSG_HDR_ROUTE, 1).nameaddr->uri.host, "p2.example.com"));
	cr_assert(tt_is(tt_value(SIPMSG_HDR_ROUTE, 3).nameaddr->uri.host, "p4.example.com"));
	cr_assert(tt_is(tt_value(SIPMSG_HDR_ROUTE, 0).nameaddr->uri.host, "p1.example.com"));
	sipmsg_typed t;
	cr_assert_eq(sipmsg_typed_at(tt_m, SIPMSG_HDR_ROUTE, 4, &t), SIPMSG_ENOTFOUND);
}

Test(nameaddr, edits_invalidate_cached_views)
{
	TT_PARSE(TT_REQ("Route: <sip:p1.example.com;lr>\r\nRoute: <sip:p2.example.com;lr>\r\n"));
	cr_assert(tt_is(tt_value(SIPMSG_HDR_ROUTE, 1).nameaddr->uri.host, "p2.example.com"));
	long i = sipmsg_header_find(tt_m, SIPMSG_HDR_ROUTE, 0);
	cr_assert_eq(sipmsg_header_replace(tt_m, (size_t)i + 1, "<sip:new.example.com>", 21), SIPMSG_OK);
	cr_assert(tt_is(tt_value(SIPMSG_HDR_ROUTE, 1).nameaddr->uri.host, "new.example.com"));
	cr_assert_eq(sipmsg_header_remove(tt_m, (size_t)i), SIPMSG_OK);
	cr_assert(tt_is(tt_value(SIPMSG_HDR_ROUTE, 0).nameaddr->uri.host, "new.example.com"));
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ROUTE), 1);
}

static void bad(const char *line, sipmsg_hdr_id id, sipmsg_diag_code code, uint32_t column)
{
	const sipmsg_diag *d = tt_header_diag(line, id, SIPMSG_ESYNTAX, code, SIPMSG_SEVERITY_ERROR, column);
	cr_assert_eq(d->line, 8, "%s: line %u", line, d->line);
	cr_assert_eq(d->header_index, (size_t)sipmsg_header_find(tt_m, id, 0));
	long i = sipmsg_header_find(tt_m, id, 0);
	sipmsg_header h;
	sipmsg_header_at(tt_m, (size_t)i, &h);
	cr_assert(h.flags & SIPMSG_HEADER_BAD);
	cr_assert(h.value.len > 0, "the raw value stays usable");
}

Test(nameaddr, errors_with_positions)
{
	bad("Contact: \"Joe\" <sip:joe@example.org>;;;;", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_PARAMETER, 38);
	bad("Contact: <sip:a@h>,,<sip:b@h>", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_EMPTY_LIST_ITEM, 20);
	bad("Contact: <sip:a@h>,", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_EMPTY_LIST_ITEM, 20);
	bad("P-Asserted-Identity: \"Bob <sip:b@h>", SIPMSG_HDR_P_ASSERTED_IDENTITY, SIPMSG_DIAG_UNTERMINATED_QUOTE,
	    22);
	bad("Route: <sip:p1.example.com;lr", SIPMSG_HDR_ROUTE, SIPMSG_DIAG_UNBALANCED_ANGLE, 8);
	bad("Route: <sip:p1.example.com:99999>", SIPMSG_HDR_ROUTE, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 28);
	bad("Contact: <sip:a@h>;expires=280297596632815", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_VALUE_OUT_OF_RANGE, 28);
	bad("Contact: <sip:a@h>;expires=soon", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_PARAMETER, 28);
	bad("Contact: <sip:a@h>;q=1.5", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_PARAMETER, 22);
	bad("Contact: <sip:a@h>;q=\"0.5\"", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_PARAMETER, 23);
	bad("Reply-To: <sip:a@h>, <sip:b@h>", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	bad("Reply-To: \"x\" sip:a@h", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	bad("Reply-To: nobody", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_URI, 17);
	bad("Reply-To: <sip:a@h> junk", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 21);
	bad("Route: <sip:a@h>;x=\"open", SIPMSG_HDR_ROUTE, SIPMSG_DIAG_UNTERMINATED_QUOTE, 20);
	/* RFC 3261 §20.10: a URI with '?' only in <> (RFC 4475 §3.1.2.13) */
	bad("Contact: sip:a@h?Subject=hi", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_URI, 17);
	bad("Reply-To: sip:a?b@h", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_URI, 16);
	/* no whitespace inside <> (RFC 4475 §3.1.2.14) */
	bad("Reply-To: < sip:a@h>", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_URI, 12);
	bad("Reply-To: <sip:a@h >", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_URI, 19);
	/* a display name with a separator must be quoted (RFC 4475 §3.1.2.15) */
	bad("Reply-To: Bell, Alexander <sip:a@h>", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	bad("Contact: J.Doe@Home <sip:a@h>", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	/* ... but in a list header a comma ends the item: "foo" is a bad URI */
	bad("Contact: foo, <sip:a@h>", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_URI, 13);
	/* a control character only escaped: the quote itself is closed */
	bad("Reply-To: \"a\x01" "b\" <sip:a@h>", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_BAD_HEADER_VALUE, 13);
	bad("Reply-To: \"a\\\"b <sip:a@h>", SIPMSG_HDR_REPLY_TO, SIPMSG_DIAG_UNTERMINATED_QUOTE, 11);
}

/* RFC 3261 §20.10, §25.1: Contact = HCOLON ( STAR / (contact-param *(COMMA
 * contact-param)) ): a "*" is the only value of its line, never one of a list */
Test(nameaddr, contact_star_is_the_whole_value)
{
	TT_PARSE(TT_REQ("Contact:  * \r\nExpires: 0\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_CONTACT), SIPMSG_OK);
	cr_assert(sipmsg_msg_contact(tt_m, 0)->star);
	bad("Contact: *, <sip:a@h>", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_HEADER_VALUE, 11);
	bad("Contact: <sip:a@h>, *", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_HEADER_VALUE, 21);
	bad("Contact: <sip:a@h>,*,<sip:b@h>", SIPMSG_HDR_CONTACT, SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
}

Test(nameaddr, must_be_valid_from_fails_the_parse)
{
	const char *text = "OPTIONS sip:b@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			   "From: <sip:a@h;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n";
	cr_assert_eq(tt_parse(text), SIPMSG_ESYNTAX);
	cr_assert_eq(tt_err.code, SIPMSG_DIAG_UNBALANCED_ANGLE);
	cr_assert_str_eq(tt_err.header, "From");
	cr_assert_eq(tt_err.line, 3);
	cr_assert_eq(tt_err.column, 7);
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	sipmsg_parse_opts_must_be_valid(&o, SIPMSG_HDR_FROM, false);
	cr_assert_eq(tt_parse_opts(text, &o), SIPMSG_OK, "leniently kept when From need not be valid");
	cr_assert_null(sipmsg_msg_from(tt_m));
	cr_assert_not_null(tt_diag(tt_m, SIPMSG_DIAG_UNBALANCED_ANGLE));
}

Test(nameaddr, escaped_contact_params_rfc4475_esc01)
{
	TT_PARSE(TT_REQ("Contact:\r\n  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>\r\n"));
	const sipmsg_nameaddr *c = sipmsg_msg_contact(tt_m, 0);
	cr_assert_not_null(c);
	TT_SLICE(c->uri.user, "cal%6Cer");
	cr_assert_eq(c->uri.param_count, 2);
	TT_SLICE(c->uri.params[1].value, "v%61lue%25%34%31");
}

Test(nameaddr, generic_view_of_every_header)
{
	TT_PARSE(TT_REQ("Subject: lunch, maybe\r\nAccept-Contact: *;audio, *;video\r\n"));
	size_t n = sipmsg_header_count(tt_m);
	for (size_t i = 0; i < n; i++) {
		size_t count;
		cr_assert_eq(sipmsg_header_parse(tt_m, i, &count), SIPMSG_OK);
		for (size_t j = 0; j < count; j++) {
			sipmsg_typed t;
			cr_assert_eq(sipmsg_header_value(tt_m, i, j, &t), SIPMSG_OK);
			cr_assert(t.raw.len > 0);
			cr_assert_eq(t.header, i);
			cr_assert_eq(t.index, j);
			int set = !!t.nameaddr + !!t.via + !!t.cseq + !!t.callid + !!t.number + !!t.mediatype + !!t.token +
				  !!t.auth + !!t.retry_after + !!t.warning + !!t.rack + !!t.timestamp + !!t.date +
				  !!t.replaces;
			cr_assert_eq(set, t.kind == SIPMSG_KIND_TEXT ? 0 : 1, "exactly one view for header %zu", i);
		}
		sipmsg_typed t;
		cr_assert_eq(sipmsg_header_value(tt_m, i, count, &t), SIPMSG_ENOTFOUND);
	}
	long s = sipmsg_header_find(tt_m, SIPMSG_HDR_SUBJECT, 0);
	sipmsg_typed t;
	cr_assert_eq(sipmsg_header_value(tt_m, (size_t)s, 0, &t), SIPMSG_OK);
	TT_SLICE(t.raw, "lunch, maybe");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_ACCEPT_CONTACT), 2, "an untyped list still splits");
	TT_SLICE(tt_value(SIPMSG_HDR_ACCEPT_CONTACT, 1).raw, "*;video");
}

/* Route, Record-Route (RFC 3261 §25.1), Path (RFC 3327 §4) and
 * Service-Route (RFC 3608 §5) take name-addr only, never a bare URI. */
Test(nameaddr, route_sets_need_angle_brackets)
{
	bad("Route: sip:edge1.example.org;lr", SIPMSG_HDR_ROUTE, SIPMSG_DIAG_BAD_HEADER_VALUE, 8);
	bad("Record-Route: sip:edge1.example.org;lr", SIPMSG_HDR_RECORD_ROUTE, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	bad("Path: <sip:pcscf.example.org;lr>, sip:edge1.example.org;lr", SIPMSG_HDR_PATH,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 35);
	bad("Service-Route: sip:orig@scscf.example.org;lr", SIPMSG_HDR_SERVICE_ROUTE, SIPMSG_DIAG_BAD_HEADER_VALUE,
	    16);
	TT_PARSE(TT_REQ("Path: \"edge\" <sip:edge1.example.org;lr;ob>\r\nP-Asserted-Identity: tel:+15551234567\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_PATH), SIPMSG_OK);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_P_ASSERTED_IDENTITY), SIPMSG_OK);
}

/* The other name-addr-only headers: History-Info (RFC 7044 §5), Diversion
 * (RFC 5806 §3), P-Called-Party-ID and P-Associated-URI (RFC 7315 §5). */
Test(nameaddr, more_name_addr_only_headers)
{
	bad("History-Info: sip:bob@example.com;index=1", SIPMSG_HDR_HISTORY_INFO, SIPMSG_DIAG_BAD_HEADER_VALUE, 15);
	bad("Diversion: sip:bob@example.com;reason=unconditional", SIPMSG_HDR_DIVERSION, SIPMSG_DIAG_BAD_HEADER_VALUE,
	    12);
	bad("P-Called-Party-ID: sip:user1-business@example.com", SIPMSG_HDR_P_CALLED_PARTY_ID,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 20);
	bad("P-Associated-URI: <sip:a@example.com>, sip:b@example.com", SIPMSG_HDR_P_ASSOCIATED_URI,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 40);
	TT_PARSE(TT_REQ("History-Info: <sip:bob@example.com>;index=1\r\n"
			"Diversion: \"Bob\" <sip:bob@example.com>;reason=unconditional\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_HISTORY_INFO), SIPMSG_OK);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_DIVERSION), SIPMSG_OK);
	TT_SLICE(tt_value(SIPMSG_HDR_DIVERSION, 0).nameaddr->display, "Bob");
}

/* Alert-Info, Call-Info, Error-Info (RFC 3261 §25.1), Identity-Info (RFC
 * 4474 §9) and Geolocation (RFC 6442 §4.1) take "<" absoluteURI ">" with
 * no display name. */
Test(nameaddr, angle_uri_headers)
{
	bad("Alert-Info: http://www.example.com/sounds/moo.wav", SIPMSG_HDR_ALERT_INFO, SIPMSG_DIAG_BAD_HEADER_VALUE,
	    13);
	bad("Call-Info: \"Alice\" <http://www.example.com/alice/photo.jpg>;purpose=icon", SIPMSG_HDR_CALL_INFO,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 12);
	bad("Error-Info: Recording <sip:not-in-service-recording@atlanta.com>", SIPMSG_HDR_ERROR_INFO,
	    SIPMSG_DIAG_BAD_HEADER_VALUE, 13);
	bad("Geolocation: cid:target123@atlanta.example.com", SIPMSG_HDR_GEOLOCATION, SIPMSG_DIAG_BAD_HEADER_VALUE, 14);
	bad("Alert-Info: Ring Answer", SIPMSG_HDR_ALERT_INFO, SIPMSG_DIAG_BAD_HEADER_VALUE, 13);
	cr_assert_str_eq(tt_diag(tt_m, SIPMSG_DIAG_BAD_HEADER_VALUE)->message,
			 "Alert-Info takes its URI in '<' and '>'");
	TT_PARSE(TT_REQ("Alert-Info: <http://www.example.com/sounds/moo.wav>\r\n"
			"Call-Info: <http://wwww.example.com/alice/photo.jpg> ;purpose=icon,\r\n"
			" <http://www.example.com/alice/> ;purpose=info\r\n"
			"Geolocation: <cid:target123@atlanta.example.com>;inserted-by=endpoint\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_ALERT_INFO), SIPMSG_OK);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_CALL_INFO), SIPMSG_OK);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_GEOLOCATION), SIPMSG_OK);
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_CALL_INFO), 2);
	TT_SLICE(tt_value(SIPMSG_HDR_CALL_INFO, 1).nameaddr->params[0].value, "info");
}

/* P-Asserted-Identity and P-Preferred-Identity (RFC 3325 §9.1) are
 * name-addr / addr-spec with no header parameters: the parameters of a
 * bare URI are its own, and a parameter after <URI> is an error. */
Test(nameaddr, asserted_identity_has_no_header_params)
{
	TT_PARSE(TT_REQ("P-Asserted-Identity: sip:+15551234567@example.com;user=phone, tel:+15551234567;ext=12\r\n"
			"P-Preferred-Identity: \"Alice\" <sip:alice@example.com>\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_P_ASSERTED_IDENTITY), SIPMSG_OK);
	sipmsg_typed t = tt_value(SIPMSG_HDR_P_ASSERTED_IDENTITY, 0);
	TT_SLICE(t.nameaddr->uri.user_param, "phone");
	cr_assert_eq(t.nameaddr->param_count, 0);
	TT_SLICE(t.nameaddr->uri.raw, "sip:+15551234567@example.com;user=phone");
	t = tt_value(SIPMSG_HDR_P_ASSERTED_IDENTITY, 1);
	TT_SLICE(t.nameaddr->uri.raw, "tel:+15551234567;ext=12");
	cr_assert_eq(t.nameaddr->param_count, 0);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_P_PREFERRED_IDENTITY), SIPMSG_OK);
	/* nor the '?' rule of From/To/Contact: a bare identity's URI may carry headers */
	TT_PARSE(TT_REQ("P-Asserted-Identity: sip:alice@example.com?subject=x\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_P_ASSERTED_IDENTITY), SIPMSG_OK);
	TT_SLICE(tt_value(SIPMSG_HDR_P_ASSERTED_IDENTITY, 0).nameaddr->uri.raw, "sip:alice@example.com?subject=x");
	bad("P-Asserted-Identity: sip:alice@example.com ;x", SIPMSG_HDR_P_ASSERTED_IDENTITY, SIPMSG_DIAG_BAD_PARAMETER,
	    44);
	bad("P-Asserted-Identity: <sip:alice@example.com>;tag=1", SIPMSG_HDR_P_ASSERTED_IDENTITY,
	    SIPMSG_DIAG_BAD_PARAMETER, 45);
	bad("P-Preferred-Identity: \"A\" <sip:alice@example.com> ;x", SIPMSG_HDR_P_PREFERRED_IDENTITY,
	    SIPMSG_DIAG_BAD_PARAMETER, 51);
}

/* RFC 5626's Contact parameters: a bad reg-id or +sip.instance is a
 * warning at its value, and the Contact still reads. */
Test(nameaddr, outbound_contact_params_rfc5626)
{
	static const struct {
		const char *contact;
		uint32_t column; /* of the warning; 0: none */
	} cases[] = {
		{"Contact: <sip:a@h;ob>;reg-id=1;+sip.instance=\"<urn:uuid:1>\"", 0},
		{"Contact: <sip:a@h>;reg-id=2147483647", 0},
		{"Contact: <sip:a@h>;reg-id=0", 27},
		{"Contact: <sip:a@h>;reg-id=2147483648", 27},
		{"Contact: <sip:a@h>;REG-ID=x1", 27},
		{"Contact: <sip:a@h>;reg-id", 20},
		{"Contact: <sip:a@h>;+sip.instance=\"urn:uuid:1\"", 35},
		{"Contact: <sip:a@h>;+sip.instance=urn", 34},
		/* bare, the URN's ':' is no gen-value either: still a warning only */
		{"Contact: <sip:a@h>;+sip.instance=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", 34},
	};
	char text[512];
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		snprintf(text, sizeof text, TT_REQ("%s\r\n"), cases[k].contact);
		TT_PARSE(text);
		const sipmsg_nameaddr *c = sipmsg_msg_contact(tt_m, 0);
		cr_assert_not_null(c, "%s: the Contact reads", cases[k].contact);
		TT_SLICE(c->uri.host, "h");
		const sipmsg_diag *d = tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER);
		if (!cases[k].column) {
			cr_assert_null(d, "%s: %s", cases[k].contact, d ? d->message : "");
			continue;
		}
		cr_assert_not_null(d, "%s: no warning", cases[k].contact);
		cr_assert_eq(d->severity, SIPMSG_SEVERITY_WARNING, "%s", cases[k].contact);
		cr_assert_eq(d->column, cases[k].column, "%s: column %u", cases[k].contact, d->column);
	}
	/* only a Contact's: other headers carry no outbound parameters */
	TT_PARSE(TT_REQ("Reply-To: <sip:a@h>;reg-id=0\r\n"));
	cr_assert_eq(tt_header_status(SIPMSG_HDR_REPLY_TO), SIPMSG_OK);
	cr_assert_null(tt_diag(tt_m, SIPMSG_DIAG_BAD_PARAMETER));
}
