/* SPDX-License-Identifier: MIT */
/* Credentials and challenges: Digest with quoted values (commas inside),
 * unknown schemes, token68, Authentication-Info, and errors. */
#include "typed_test.h"

TestSuite(auth, .fini = tt_teardown);

Test(auth, digest_credentials)
{
	TT_PARSE(TT_REQ("Authorization: Digest username=\"bob\", realm=\"biloxi.com\",\r\n"
			"  nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth,\r\n"
			"  nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\",\r\n"
			"  opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5, x=\"a, \\\"b\\\"\"\r\n"));
	const sipmsg_auth *a = tt_value(SIPMSG_HDR_AUTHORIZATION, 0).auth;
	TT_SLICE(a->scheme, "Digest");
	TT_SLICE(a->username, "bob");
	TT_SLICE(a->realm, "biloxi.com");
	TT_SLICE(a->nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
	TT_SLICE(a->uri, "sip:bob@biloxi.com");
	TT_SLICE(a->qop, "auth");
	TT_SLICE(a->nc, "00000001");
	TT_SLICE(a->cnonce, "0a4f113b");
	TT_SLICE(a->response, "6629fae49393a05397450978507c4ef1");
	TT_SLICE(a->opaque, "5ccc069c403ebaf9f0171e9517f40e41");
	TT_SLICE(a->algorithm, "MD5");
	cr_assert_eq(a->param_count, 11);
	cr_assert(a->params[0].quoted);
	cr_assert_not(a->params[4].quoted);
	TT_SLICE(a->params[10].value, "a, \\\"b\\\"");
	cr_assert_null(a->token68.ptr);
}

Test(auth, challenges_and_info)
{
	TT_PARSE("SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n"
		 "From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
		 "WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth,auth-int\",\r\n"
		 " nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n"
		 "WWW-Authenticate: Bearer realm=\"x\"\r\n"
		 "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"ab\"\r\n"
		 "Content-Length: 0\r\n\r\n");
	cr_assert_eq(sipmsg_typed_count(tt_m, SIPMSG_HDR_WWW_AUTHENTICATE), 2);
	const sipmsg_auth *a = tt_value(SIPMSG_HDR_WWW_AUTHENTICATE, 0).auth;
	TT_SLICE(a->realm, "atlanta.com");
	TT_SLICE(a->qop, "auth,auth-int");
	TT_SLICE(a->opaque, "");
	cr_assert_not_null(a->opaque.ptr, "an empty quoted value is present");
	TT_SLICE(tt_value(SIPMSG_HDR_WWW_AUTHENTICATE, 1).auth->scheme, "Bearer");
	sipmsg_typed t = tt_value(SIPMSG_HDR_AUTHENTICATION_INFO, 0);
	cr_assert_eq(t.kind, SIPMSG_KIND_AUTH_INFO);
	cr_assert_null(t.auth->scheme.ptr);
	cr_assert_eq(t.auth->param_count, 3);
	TT_SLICE(t.auth->qop, "auth");
}

Test(auth, unknown_scheme_and_token68)
{
	/* RFC 4475 regaut01 */
	TT_PARSE(TT_REQ("Authorization: NoOneKnowsThisScheme opaque-data=here\r\n"
			"Proxy-Authorization: Bearer mF_9.B5f-4.1JqM/abc+de==\r\n"));
	const sipmsg_auth *a = tt_value(SIPMSG_HDR_AUTHORIZATION, 0).auth;
	TT_SLICE(a->scheme, "NoOneKnowsThisScheme");
	TT_SLICE(a->params[0].name, "opaque-data");
	TT_SLICE(a->params[0].value, "here");
	a = tt_value(SIPMSG_HDR_PROXY_AUTHORIZATION, 0).auth;
	TT_SLICE(a->scheme, "Bearer");
	TT_SLICE(a->token68, "mF_9.B5f-4.1JqM/abc+de==");
	cr_assert_eq(a->param_count, 0);
}

static void bad(const char *line, sipmsg_diag_code code, uint32_t column)
{
	char text[1024];
	snprintf(text, sizeof text, TT_REQ("%s\r\n"), line);
	TT_PARSE(text);
	cr_assert_eq(tt_header_status(SIPMSG_HDR_AUTHORIZATION), SIPMSG_ESYNTAX, "%s parsed", line);
	const sipmsg_diag *d = tt_diag(tt_m, code);
	cr_assert_not_null(d, "%s: no %s", line, sipmsg_diag_code_name(code));
	cr_assert_eq(d->column, column, "%s: column %u (%s)", line, d->column, d->message);
}

Test(auth, errors)
{
	bad("Authorization: Digest", SIPMSG_DIAG_BAD_HEADER_VALUE, 22);
	bad("Authorization: Digest realm=\"x", SIPMSG_DIAG_UNTERMINATED_QUOTE, 29);
	bad("Authorization: Digest realm=x,,nonce=y", SIPMSG_DIAG_EMPTY_LIST_ITEM, 31);
	bad("Authorization: Digest realm=x nonce=y", SIPMSG_DIAG_BAD_HEADER_VALUE, 31);
	bad("Authorization: Digest realm=, nonce=y", SIPMSG_DIAG_BAD_PARAMETER, 29);
	bad("Authorization: Digest realm=x, =y", SIPMSG_DIAG_BAD_PARAMETER, 32);
}
