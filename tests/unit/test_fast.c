/* SPDX-License-Identifier: MIT */
/* The typed fast paths (src/hot.c) against the general parsers: whenever a
 * fast path takes a value, the general parser must take it too, report
 * nothing, and build the same view (same slices, same parameter arrays).
 * Checked on every header of every SIP message of the corpus and on every
 * one-byte edit (deletion, insertion, replacement) of a set of values. */
#include "typed_test.h"

#include <stdlib.h>

#include "internal.h"
#include "typed.h"

TestSuite(fast, .fini = tt_teardown);

static bool sl_eq(sipmsg_slice a, sipmsg_slice b) { return a.ptr == b.ptr && a.len == b.len; }

static bool params_eq(const sipmsg_param *a, size_t an, const sipmsg_param *b, size_t bn)
{
	if (an != bn || (!a) != (!b))
		return false;
	for (size_t i = 0; i < an; i++)
		if (!sl_eq(a[i].name, b[i].name) || !sl_eq(a[i].value, b[i].value) || a[i].quoted != b[i].quoted)
			return false;
	return true;
}

static bool uri_eq(const sipmsg_uri *a, const sipmsg_uri *b)
{
	return sl_eq(a->raw, b->raw) && a->scheme == b->scheme && sl_eq(a->scheme_name, b->scheme_name) &&
	       sl_eq(a->user, b->user) && sl_eq(a->password, b->password) && sl_eq(a->host, b->host) &&
	       a->host_type == b->host_type && a->has_port == b->has_port && a->port == b->port && a->lr == b->lr &&
	       sl_eq(a->transport, b->transport) && sl_eq(a->user_param, b->user_param) &&
	       sl_eq(a->method, b->method) && sl_eq(a->maddr, b->maddr) && sl_eq(a->ttl, b->ttl) &&
	       sl_eq(a->opaque, b->opaque) && params_eq(a->params, a->param_count, b->params, b->param_count) &&
	       params_eq(a->headers, a->header_count, b->headers, b->header_count);
}

static bool view_eq(unsigned kind, const void *x, const void *y)
{
	switch (kind) {
	case SIPMSG_KIND_VIA: {
		const sipmsg_via *a = x, *b = y;
		return sl_eq(a->raw, b->raw) && sl_eq(a->protocol_name, b->protocol_name) &&
		       sl_eq(a->protocol_version, b->protocol_version) && sl_eq(a->transport, b->transport) &&
		       sl_eq(a->host, b->host) && a->host_type == b->host_type && a->has_port == b->has_port &&
		       a->port == b->port && sl_eq(a->branch, b->branch) && sl_eq(a->received, b->received) &&
		       a->has_rport == b->has_rport && sl_eq(a->rport, b->rport) && sl_eq(a->maddr, b->maddr) &&
		       sl_eq(a->ttl, b->ttl) && params_eq(a->params, a->param_count, b->params, b->param_count);
	}
	case SIPMSG_KIND_NAMEADDR:
	case SIPMSG_KIND_CONTACT: {
		const sipmsg_nameaddr *a = x, *b = y;
		return sl_eq(a->raw, b->raw) && a->star == b->star && a->angle == b->angle &&
		       a->display_quoted == b->display_quoted && sl_eq(a->display, b->display) &&
		       uri_eq(&a->uri, &b->uri) && sl_eq(a->tag, b->tag) && sl_eq(a->q, b->q) &&
		       a->has_expires == b->has_expires && a->expires == b->expires &&
		       params_eq(a->params, a->param_count, b->params, b->param_count);
	}
	case SIPMSG_KIND_CSEQ: {
		const sipmsg_cseq *a = x, *b = y;
		return sl_eq(a->raw, b->raw) && a->number == b->number && sl_eq(a->method, b->method) &&
		       a->method_id == b->method_id;
	}
	case SIPMSG_KIND_CALLID:
		return sl_eq(((const sipmsg_callid *)x)->raw, ((const sipmsg_callid *)y)->raw);
	case SIPMSG_KIND_UINT: {
		const sipmsg_number *a = x, *b = y;
		return sl_eq(a->raw, b->raw) && a->value == b->value && sl_eq(a->refresher, b->refresher) &&
		       params_eq(a->params, a->param_count, b->params, b->param_count);
	}
	case SIPMSG_KIND_MEDIATYPE: {
		const sipmsg_mediatype *a = x, *b = y;
		return sl_eq(a->raw, b->raw) && sl_eq(a->type, b->type) && sl_eq(a->subtype, b->subtype) &&
		       sl_eq(a->boundary, b->boundary) &&
		       params_eq(a->params, a->param_count, b->params, b->param_count);
	}
	default:
		return false;
	}
}

static size_t fast_taken, fast_checked;

/* Header i of m on both paths; fails the test when they disagree. */
static void check_header(sipmsg_msg *m, size_t i, const char *what)
{
	struct sm_hdr *h = &m->hdrs[i];
	if (!h->id || (h->flags & SIPMSG_HEADER_BAD_LINE))
		return;
	unsigned kind = sm_hdr_rows[h->id].kind;
	size_t size = sm_kind_view_size((sipmsg_hdr_kind)kind);
	if (!size)
		return;
	fast_checked++;
	void *view = h->view;
	uint16_t flags = h->flags;
	h->view = NULL;
	h->flags &= (uint16_t)~(SM_H_VIEW_DONE | SIPMSG_HEADER_BAD);
	sipmsg_status fst = sm_typed_fast(m, i);
	const struct sm_vals *fv = h->view;
	h->view = view;
	h->flags = flags;
	uint32_t nd = m->ndiags;
	struct sm_vals *gv = NULL;
	sipmsg_status gst = sm_typed_parse_general(m, i, &gv);
	uint32_t added = m->ndiags - nd;
	m->ndiags = nd;
	if (fst == SM_FAST_NO)
		return;
	fast_taken++;
	const char *hv = h->value;
	int hl = (int)h->value_len;
	cr_assert_eq(fst, SIPMSG_OK, "%s: fast path status %d on \"%.*s\"", what, fst, hl, hv);
	cr_assert_eq(gst, SIPMSG_OK, "%s: the fast path took \"%.*s\", the general parser says %d", what, hl, hv, gst);
	cr_assert_eq(added, 0, "%s: the fast path took \"%.*s\", the general parser reported %u diagnostic(s): %s",
		     what, hl, hv, added, m->diags[nd].message);
	cr_assert_eq(fv->n, gv->n, "%s: \"%.*s\": %u values fast, %u general", what, hl, hv, fv->n, gv->n);
	for (uint32_t k = 0; k < fv->n; k++)
		cr_assert(view_eq(kind, (const char *)fv->items + k * size, (const char *)gv->items + k * size),
			  "%s: \"%.*s\": value %u differs between the fast and the general path", what, hl, hv, k);
}

static sipmsg_status parse_lenient(const char *text, size_t len)
{
	sipmsg_parse_opts o;
	sipmsg_parse_opts_init(&o);
	memset(o.must_be_valid, 0, sizeof o.must_be_valid); /* keep bad hot headers, to compare them */
	tt_teardown();
	const char *p = guard_copy(&tt_g, text, len);
	return sipmsg_parse(p, len, &o, &tt_m, &tt_err);
}

Test(fast, agrees_with_the_general_parsers_on_the_corpus)
{
	const char *dir = corpus_dir();
	char path[4096];
	if (!dir)
		cr_skip_test("the shared corpus is absent (SIPMSG_CORPUS)");
	snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
	FILE *man = fopen(path, "r");
	if (!man)
		cr_skip_test("the shared corpus is absent (%s)", path);
	char line[2048];
	size_t messages = 0;
	while (fgets(line, sizeof line, man)) {
		char *tab = strchr(line, '\t');
		if (!tab || strncmp(tab + 1, "sip\t", 4) != 0)
			continue;
		*tab = '\0';
		snprintf(path, sizeof path, "%s/%s", dir, line);
		size_t len;
		char *data = read_file(path, &len);
		if (!data)
			continue;
		if (parse_lenient(data, len) == SIPMSG_OK) {
			messages++;
			for (size_t i = 0; i < tt_m->nhdrs; i++)
				check_header(tt_m, i, line);
		}
		free(data);
	}
	fclose(man);
	cr_assert_gt(messages, 50);
	cr_assert_gt(fast_taken, fast_checked / 2, "the fast path took only %zu of %zu values", fast_taken,
		     fast_checked);
	cr_log_info("%zu messages: the fast path took %zu of %zu typed values", messages, fast_taken, fast_checked);
}

static const struct {
	const char *name, *value;
} seeds[] = {
	{"Via", "SIP/2.0/UDP proxy1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1"},
	{"Via", "SIP/2.0/UDP 198.51.100.23:5060;branch=z9hG4bK74bf9;received=198.51.100.23;rport=5060"},
	{"Via", "SIP/2.0/TCP h.example.com;rport;ttl=16;maddr=239.1.1.1,SIP/2.0/UDP 10.0.0.1"},
	{"v", "SIP/2.0/TLS a_b-1.x;BRANCH=z9;Received=1.2.3.4;RPORT=1"},
	{"Via", "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnvXbTtMRV4ZoGTpR;rport"},
	{"Via", "SIP/2.0/udp h;branch=1"},
	/* the names hot.c recognises from one word, and names that start like them */
	{"Via", "SIP/2.0/UDP h.example.com;rport;branch=z9hG4bKabc;received=10.0.0.1;branchx=1;rport=0"},
	{"Via", "SIP/2.0/UDP 10.0.0.1;Received=a;receivedx=b;rports=5;BRANCH=;x"},
	/* a known parameter given twice: the first is kept on both paths */
	{"Via", "SIP/2.0/UDP h;branch=z9hG4bKa;ttl=1;received=1.2.3.4;rport=1;BRANCH=b;ttl=2;received=5.6.7.8;rport"},
	{"From", "\"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl"},
	/* tag, q and expires given twice: the first is kept on both paths */
	{"From", "<sip:alice@atlanta.example.com>;tag=a;TAG=b"},
	{"Contact", "<sip:a@h>;q=0.5;expires=60;Q=1;expires=7"},
	{"To", "<sip:b@h;transport=tcp;ttl=1;user=phone;method=INVITE;TRANSPORT=udp;ttl=2;user=ip;method=BYE>"},
	{"To", "Bob <sip:bob@biloxi.example.com:5061;transport=tcp;lr>"},
	{"f", "sip:alice@10.1.1.1;tag=a"},
	{"t", "<sip:b@h>;tag=1234;TAG=5;tags=x;tag"},
	{"Contact", "<sip:alice@198.51.100.23:5060;transport=udp;user=phone>;expires=3600;q=0.7"},
	{"Contact", "sip:a@b.c;expires=60,<sips:x@1.2.3.4>"},
	{"Contact", "<sip:a@10.0.0.1;ob>;reg-id=1;expires=600,<sip:b@h>;reg-id=2147483647;Reg-ID=0;reg-id"},
	{"From", "<sip:a@h>;tag=1;reg-id=0"},
	{"Contact", "<sip:a@h>;+sip.instance=urn;+SIP.INSTANCE;+sip.instances=x"},
	{"Route", "<sip:p1.example.com;lr>,<sip:p2.example.com;lr;maddr=1.2.3.4;ttl=1;method=INVITE>"},
	{"Record-Route", "<SIP:p1.example.com:5060;LR>"},
	/* a URI's ttl is 0..255 (uri.c), as a Via's */
	{"To", "<sip:b@h;ttl=255;maddr=239.1.1.1>;tag=1"},
	{"From", "<sip:a@h;TTL=256>;tag=1"},
	{"Call-ID", "3848276298220188511@atlanta.example.com"},
	{"i", "a-b.c!%*_+`'~()<>:\\\"/[]?{}"},
	{"CSeq", "31862 INVITE"},
	{"CSeq", "7 OPTIONS"}, /* the request's own method (seed_header) */
	{"Max-Forwards", "69"},
	{"Content-Length", "412"},
	{"Expires", "4294967295"},
	{"RSeq", "0"}, /* in range for the digits, not for RFC 3262 */
	{"RSeq", "2147483648"},
	{"Content-Length", "0"},
	{"Max-Forwards", "00000000000000000000255"}, /* leading zeros: more digits than a sum holds */
	{"Via", "SIP/2.0/UDP h:00000000000000000065535;rport=065535"},
	/* IPv4 addresses at the edges of dotted_quad()'s 16-byte path: parts of
	 * three digits around 255, a part too many or too few, 4-digit parts
	 * (by the insertions), leading zeros, the longest address; a short one
	 * last in the value is close enough to the end of the input for the
	 * byte loop instead */
	{"Via", "SIP/2.0/UDP 255.255.255.255:5060;received=249.250.251.252;rport"},
	{"Via", "SIP/2.0/UDP 256.1.1.1;received=1.2.3.256;x"},
	{"Via", "SIP/2.0/UDP 199.200.201.209;received=01.002.0.00;received=10.0.0"},
	{"Via", "SIP/2.0/UDP 1.2.3.4.5;received=1..2.3;x"},
	{"Via", "SIP/2.0/TCP 10.0.0.1;received=100.100.100.100"},
	{"Via", "SIP/2.0/UDP 1.100.2.200;received=100.1.100.2;rport"},
	{"To", "<sip:b@199.250.255.255:5060>;tag=1"},
	{"Content-Type", "application/sdp"},
	{"Content-Type", "Application/SDP;x=y"},
	{"c", "multipart/mixed;boundary=unique-boundary-1;X=y"},
	/* m-parameter = m-attribute EQUAL m-value: a Content-Type parameter
	 * without a value is an error, an Accept one (generic-param) is not */
	{"Content-Type", "application/sdp;foo"},
	{"Content-Type", "text/plain;charset=utf-8;x"},
	{"Accept", "application/sdp;foo"},
	/* an m-value is a token or quoted (no ':'); Accept's gen-value neither */
	{"Content-Type", "application/sdp;a=b:c"},
	{"Accept", "text/plain;a=b:c;x"},
	/* headers with their own shape (typed.h sm_na_shape) or parameter rules
	 * (hdr_param_rules.c), which the fast path must leave to the general one */
	{"History-Info", "<sip:a@h>;index=1.1;rc=1;mp=1;np=1"},
	{"History-Info", "<sip:a@h>;index=01;rc=1."},
	{"Accept", "application/sdp;q=0.5;level=1"},
	{"Accept", "application/sdp;q=2"},
	/* media-range: a "*" type only with a "*" subtype */
	{"Accept", "*/*;q=0.1"},
	{"Accept", "*/html"},
	/* a name-addr's generic-param value is a gen-value: no bare ':' (a
	 * Via's received and maddr take a bare IPv6 address) */
	{"From", "<sip:a@h>;tag=1;x=a:b"},
	{"Contact", "<sip:a@h>;expires=60;received=1.2.3.4:5060;q=0.5"},
	{"Via", "SIP/2.0/UDP h;branch=z9hG4bK1;received=2001:db8::1;x=a:b"},
	/* maddr is a host: a bare IPv6 address is not one */
	{"Via", "SIP/2.0/UDP h;branch=z9hG4bK1;maddr=2001:db8::1"},
	{"Via", "SIP/2.0/UDP h;branch=z9hG4bK1;maddr=[2001:db8::1]"},
	{"To", "<sip:b@h;maddr=2001:db8::1>;tag=1"},
	{"P-Asserted-Identity", "sip:+15551234567@h;user=phone"},
	{"P-Asserted-Identity", "\"A\" <sip:a@h>;tag=1"},
	{"Alert-Info", "<http://h/ring.wav>;appearance=1"},
	{"Diversion", "<sip:a@h>;reason=unconditional;counter=1"},
};

static const char edits[] = " \t;,=\"<>:@%[]\\*?&/._-0aZ";

static size_t seed_header(const char *name, const char *value, size_t vlen, char *out, size_t cap)
{
	int n = snprintf(out, cap, "OPTIONS sip:b@h SIP/2.0\r\n%s: %.*s\r\n\r\n", name, (int)vlen, value);
	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

static void check_value(const char *name, const char *value, size_t vlen)
{
	char msg[512];
	size_t len = seed_header(name, value, vlen, msg, sizeof msg);
	if (!len || parse_lenient(msg, len) != SIPMSG_OK || tt_m->nhdrs < 1)
		return;
	char what[300];
	snprintf(what, sizeof what, "%s: %.*s", name, (int)vlen, value);
	check_header(tt_m, 0, what);
}

Test(fast, agrees_with_the_general_parsers_on_one_byte_edits)
{
	char v[256];
	for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
		const char *val = seeds[s].value;
		size_t n = strlen(val);
		check_value(seeds[s].name, val, n);
		for (size_t i = 0; i <= n; i++) {
			if (i < n) { /* delete byte i */
				memcpy(v, val, i);
				memcpy(v + i, val + i + 1, n - i - 1);
				check_value(seeds[s].name, v, n - 1);
			}
			for (const char *e = edits; *e; e++) {
				/* insert before byte i */
				memcpy(v, val, i);
				v[i] = *e;
				memcpy(v + i + 1, val + i, n - i);
				check_value(seeds[s].name, v, n + 1);
				if (i < n) { /* replace byte i */
					memcpy(v, val, n);
					v[i] = *e;
					check_value(seeds[s].name, v, n);
				}
			}
		}
	}
	cr_log_info("one-byte edits: the fast path took %zu of %zu values", fast_taken, fast_checked);
	cr_assert_gt(fast_taken, 1000);
}
