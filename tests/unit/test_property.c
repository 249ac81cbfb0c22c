/* SPDX-License-Identifier: MIT */
/* Seeded property test: thousands of random messages built from typed
 * parts (random URIs with escapes, IPv4/IPv6/name hosts, params, display
 * names with quotes and backslashes, Via lists, bodies with binary bytes),
 * written, parsed back in strict mode and compared field by field with what
 * was put in. A fixed seed makes every run the same; a failure prints the
 * seed and the message. */
#include "typed_test.h"

#include <stdint.h>
#include <stdlib.h>

#define MESSAGES 3000

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n) { return (unsigned)(rnd() % n); }

/* A string built in a fixed buffer. */
struct str {
	char s[512];
	size_t n;
};

static void put(struct str *b, const char *s)
{
	size_t l = strlen(s);
	cr_assert_lt(b->n + l, sizeof b->s);
	memcpy(b->s + b->n, s, l + 1);
	b->n += l;
}

static void putc_(struct str *b, char c)
{
	char t[2] = {c, 0};
	put(b, t);
}

static void put_from(struct str *b, const char *alphabet, unsigned min, unsigned max)
{
	unsigned n = min + below(max - min + 1);
	size_t al = strlen(alphabet);
	for (unsigned i = 0; i < n; i++)
		putc_(b, alphabet[below((unsigned)al)]);
}

static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
static const char token_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

static void gen_host(struct str *b, sipmsg_host_type *type)
{
	switch (below(3)) {
	case 0: {
		unsigned labels = 1 + below(3);
		for (unsigned i = 0; i < labels; i++) {
			putc_(b, "abcdefghijklmnopqrstuvwxyz"[below(26)]);
			put_from(b, "abcdefghijklmnopqrstuvwxyz0123456789-", 0, 6);
			putc_(b, alnum[below(26)]);
			put(b, ".");
		}
		put(b, below(2) ? "example.com" : "example");
		*type = SIPMSG_HOST_NAME;
		break;
	}
	case 1: {
		char t[20];
		snprintf(t, sizeof t, "%u.%u.%u.%u", below(256), below(256), below(256), below(256));
		put(b, t);
		*type = SIPMSG_HOST_IPV4;
		break;
	}
	default: {
		/* 8 groups, a run of them possibly compressed to "::" */
		unsigned skip_at = below(9), skip_len = skip_at < 8 ? 1 + below(8 - skip_at) : 0;
		put(b, "[");
		bool need_colon = false;
		for (unsigned g = 0; g < 8; g++) {
			if (g == skip_at && skip_len) {
				put(b, "::");
				g += skip_len - 1;
				need_colon = false;
				continue;
			}
			if (need_colon)
				put(b, ":");
			char t[8];
			snprintf(t, sizeof t, below(2) ? "%x" : "%X", below(0x10000));
			put(b, t);
			need_colon = true;
		}
		put(b, "]");
		*type = SIPMSG_HOST_IPV6;
	}
	}
}

/* A user part with escapes and the user-unreserved characters. */
static void gen_user(struct str *b)
{
	unsigned n = 1 + below(10);
	for (unsigned i = 0; i < n; i++) {
		unsigned k = below(10);
		if (k == 0) {
			char t[4];
			snprintf(t, sizeof t, "%%%02X", below(256));
			put(b, t);
		} else if (k == 1) {
			putc_(b, "-_.!~*'()&=+$,;?/"[below(17)]);
		} else {
			putc_(b, alnum[below(62)]);
		}
	}
}

struct uri_spec {
	struct str text;
	struct str user, host;
	sipmsg_host_type host_type;
	unsigned port;
	unsigned params, headers;
	bool lr;
};

static void gen_uri(struct uri_spec *u, bool with_headers)
{
	memset(u, 0, sizeof *u);
	struct str *b = &u->text;
	if (below(8) == 0) {
		put(b, "tel:");
		put(&u->user, "+");
		put_from(&u->user, "0123456789", 4, 12);
		put(b, u->user.s);
		if (below(2)) {
			put(b, ";phone-context=example.com");
			u->params = 1;
		}
		return;
	}
	put(b, below(5) ? "sip:" : "sips:");
	if (below(4)) {
		gen_user(&u->user);
		put(b, u->user.s);
		if (below(6) == 0) {
			put(b, ":");
			put_from(b, "abc123&=+$,", 1, 8);
		}
		put(b, "@");
	}
	gen_host(&u->host, &u->host_type);
	put(b, u->host.s);
	if (below(2)) {
		u->port = below(65536);
		char t[8];
		snprintf(t, sizeof t, ":%u", u->port);
		put(b, t);
	} else {
		u->port = 70000; /* none */
	}
	unsigned np = below(4);
	for (unsigned i = 0; i < np; i++) {
		if (below(3) == 0 && !u->lr) {
			put(b, ";lr");
			u->lr = true;
		} else {
			put(b, ";p");
			put_from(b, alnum, 1, 5);
			if (below(2)) {
				put(b, "=");
				put_from(b, "abc123-_.!~*'()[]/:&+$", 1, 6);
			}
		}
		u->params++;
	}
	if (with_headers && below(6) == 0) {
		put(b, "?h=");
		static const char *const values[] = {"", "abc", "%20x", "a%3Db"};
		put(b, values[below(4)]);
		put(b, "&i=j");
		u->headers = 2;
	}
}

static void check_uri(const sipmsg_uri *got, const struct uri_spec *u, const char *what)
{
	cr_assert(tt_is(got->raw, u->text.s), "%s: raw %.*s != %s", what, (int)got->raw.len, got->raw.ptr, u->text.s);
	cr_assert(tt_is(got->user, u->user.n ? u->user.s : NULL), "%s user", what);
	if (got->scheme == SIPMSG_SCHEME_TEL) {
		cr_assert_eq(got->param_count, u->params);
		return;
	}
	cr_assert(tt_is(got->host, u->host.s), "%s host %.*s != %s", what, (int)got->host.len, got->host.ptr, u->host.s);
	cr_assert_eq(got->host_type, u->host_type, "%s host type", what);
	cr_assert_eq(got->has_port, u->port != 70000);
	if (got->has_port)
		cr_assert_eq(got->port, u->port);
	cr_assert_eq(got->param_count, u->params, "%s params", what);
	cr_assert_eq(got->lr, u->lr);
	cr_assert_eq(got->header_count, u->headers);
}

/* Display names with quotes, backslashes, spaces and UTF-8. */
static void gen_display(struct str *b)
{
	unsigned n = below(12);
	for (unsigned i = 0; i < n; i++) {
		unsigned k = below(12);
		if (k == 0)
			putc_(b, '"');
		else if (k == 1)
			putc_(b, '\\');
		else if (k == 2)
			put(b, "\xc3\xa9");
		else if (k == 3)
			putc_(b, ' ');
		else
			putc_(b, token_chars[below((unsigned)strlen(token_chars))]);
	}
}

struct spec {
	bool request;
	struct str method;
	struct uri_spec ruri;
	unsigned nvia;
	struct str via_host[3], via_branch[3];
	sipmsg_host_type via_type[3];
	unsigned via_port[3];
	const char *via_transport[3];
	struct str from_display, to_display, from_tag, call_id;
	struct uri_spec from, to, contact;
	uint32_t cseq;
	unsigned max_forwards;
	struct str ctype;
	unsigned char body[64];
	size_t body_len;
};

static void check_display(const sipmsg_nameaddr *na, const struct str *want)
{
	if (!want->n) {
		cr_assert_null(na->display.ptr);
		return;
	}
	char buf[64];
	size_t n = sipmsg_unquote(na->display.ptr, na->display.len, buf, sizeof buf);
	cr_assert(n == want->n && memcmp(buf, want->s, n) == 0, "display \"%.*s\" != \"%s\"", (int)n, buf, want->s);
}

static sipmsg_msg *build(struct spec *s)
{
	static const char *const methods[] = {"INVITE", "OPTIONS", "REGISTER", "BYE", "MESSAGE", "NEWMETHOD"};
	static const char *const transports[] = {"UDP", "TCP", "TLS", "SCTP", "WS"};
	memset(s, 0, sizeof *s);
	put(&s->method, methods[below(6)]);
	gen_uri(&s->ruri, false); /* no headers in a Request-URI (RFC 3261 §19.1.1) */
	sipmsg_msg *m;
	cr_assert_eq(sipmsg_request_new(s->method.s, s->method.n, s->ruri.text.s, s->ruri.text.n, NULL, &m), SIPMSG_OK);
	s->nvia = 1 + below(3);
	for (unsigned i = s->nvia; i-- > 0;) {
		/* pushed bottom first: via i ends up at position i */
		gen_host(&s->via_host[i], &s->via_type[i]);
		s->via_port[i] = below(2) ? below(65535) + 1 : 0;
		s->via_transport[i] = transports[below(5)];
		put(&s->via_branch[i], "z9hG4bK");
		put_from(&s->via_branch[i], token_chars, 1, 12);
		/* the builder adds the brackets itself */
		char host[64];
		snprintf(host, sizeof host, "%.*s", s->via_type[i] == SIPMSG_HOST_IPV6 ? (int)s->via_host[i].n - 2 : (int)s->via_host[i].n,
			 s->via_host[i].s + (s->via_type[i] == SIPMSG_HOST_IPV6));
		cr_assert_eq(sipmsg_msg_push_via(m, s->via_transport[i], host, (uint16_t)s->via_port[i], s->via_branch[i].s),
			     SIPMSG_OK, "%s", host);
	}
	gen_display(&s->from_display);
	gen_display(&s->to_display);
	gen_uri(&s->from, true);
	gen_uri(&s->to, true);
	put_from(&s->from_tag, token_chars, 1, 16);
	cr_assert_eq(sipmsg_msg_set_from(m, s->from_display.n ? s->from_display.s : NULL, s->from.text.s, s->from_tag.s),
		     SIPMSG_OK);
	cr_assert_eq(sipmsg_msg_set_to(m, s->to_display.n ? s->to_display.s : NULL, s->to.text.s, NULL), SIPMSG_OK, "%s / %s",
		     s->to_display.s, s->to.text.s);
	put_from(&s->call_id, "abcdef0123456789-.!%*_+`'~()<>:\\\"/[]?{}", 1, 20);
	if (below(2)) {
		put(&s->call_id, "@");
		put_from(&s->call_id, alnum, 1, 10);
	}
	cr_assert_eq(sipmsg_msg_set_call_id(m, s->call_id.s), SIPMSG_OK, "%s", s->call_id.s);
	s->cseq = (uint32_t)rnd() & 0x7fffffffu; /* below 2^31 (RFC 3261 §8.1.1.5) */
	cr_assert_eq(sipmsg_msg_set_cseq(m, s->cseq, NULL), SIPMSG_OK);
	s->max_forwards = below(256);
	cr_assert_eq(sipmsg_msg_set_number(m, SIPMSG_HDR_MAX_FORWARDS, s->max_forwards), SIPMSG_OK);
	gen_uri(&s->contact, true);
	cr_assert_eq(sipmsg_msg_add_contact(m, NULL, s->contact.text.s), SIPMSG_OK);
	if (below(2)) {
		s->body_len = 1 + below(sizeof s->body);
		for (size_t i = 0; i < s->body_len; i++)
			s->body[i] = (unsigned char)rnd();
		put(&s->ctype, below(2) ? "application/octet-stream" : "application/sdp;x=\"1 2\"");
		cr_assert_eq(sipmsg_msg_set_body(m, s->body, s->body_len, s->ctype.s), SIPMSG_OK);
	}
	return m;
}

static void compare(const struct spec *s, const sipmsg_msg *m)
{
	cr_assert(tt_is(sipmsg_msg_method(m), s->method.s));
	check_uri(sipmsg_msg_request_uri_parsed(m), &s->ruri, "Request-URI");
	cr_assert_eq(sipmsg_msg_via_count(m), s->nvia);
	for (unsigned i = 0; i < s->nvia; i++) {
		const sipmsg_via *v = sipmsg_msg_via(m, i);
		cr_assert(tt_is(v->host, s->via_host[i].s), "via %u host %.*s != %s", i, (int)v->host.len, v->host.ptr,
			  s->via_host[i].s);
		cr_assert_eq(v->host_type, s->via_type[i]);
		cr_assert_eq(v->has_port, s->via_port[i] != 0);
		cr_assert_eq(v->port, s->via_port[i]);
		cr_assert(tt_is(v->transport, s->via_transport[i]));
		cr_assert(tt_is(v->branch, s->via_branch[i].s));
	}
	const sipmsg_nameaddr *f = sipmsg_msg_from(m), *t = sipmsg_msg_to(m);
	check_display(f, &s->from_display);
	check_display(t, &s->to_display);
	check_uri(&f->uri, &s->from, "From");
	check_uri(&t->uri, &s->to, "To");
	cr_assert(tt_is(f->tag, s->from_tag.s));
	cr_assert_null(t->tag.ptr);
	cr_assert(tt_is(sipmsg_msg_call_id(m), s->call_id.s));
	cr_assert_eq(sipmsg_msg_cseq(m)->number, s->cseq);
	cr_assert(tt_is(sipmsg_msg_cseq(m)->method, s->method.s));
	uint32_t mf;
	cr_assert_eq(sipmsg_msg_number(m, SIPMSG_HDR_MAX_FORWARDS, &mf), SIPMSG_OK);
	cr_assert_eq(mf, s->max_forwards);
	cr_assert_eq(sipmsg_msg_contact_count(m), 1);
	check_uri(&sipmsg_msg_contact(m, 0)->uri, &s->contact, "Contact");
	sipmsg_slice body = sipmsg_msg_body(m);
	cr_assert_eq(body.len, s->body_len);
	cr_assert(s->body_len == 0 || memcmp(body.ptr, s->body, s->body_len) == 0);
	if (s->body_len)
		cr_assert(tt_is(sipmsg_msg_content_type(m)->raw, s->ctype.s));
}

Test(property, build_write_parse_compare)
{
	rng_state = 0x5eed5eed5eedull;
	for (int k = 0; k < MESSAGES; k++) {
		struct spec s;
		sipmsg_msg *m = build(&s);
		unsigned flags = below(3) == 0 ? SIPMSG_WRITE_COMPACT : 0;
		char *out;
		size_t n;
		cr_assert_eq(sipmsg_write_alloc(m, flags, &out, &n), SIPMSG_OK);
		sipmsg_msg_free(m);
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		o.flags |= SIPMSG_PARSE_STRICT;
		tt_teardown();
		const char *p = guard_copy(&tt_g, out, n);
		sipmsg_status st = sipmsg_parse(p, n, &o, &tt_m, &tt_err);
		cr_assert_eq(st, SIPMSG_OK, "message %d: %s at %zu\n%s", k, tt_err.reason, tt_err.offset, out);
		compare(&s, tt_m);
		cr_assert_eq(sipmsg_msg_parse_all(tt_m), 0);
		if (sipmsg_msg_check(tt_m) != SIPMSG_OK) {
			const sipmsg_diag *d = NULL;
			for (size_t i = 0; !d && i < sipmsg_msg_diag_count(tt_m); i++)
				if (sipmsg_msg_diag_at(tt_m, i)->severity == SIPMSG_SEVERITY_ERROR)
					d = sipmsg_msg_diag_at(tt_m, i);
			cr_assert_fail("message %d breaks an RFC 3261 rule: %s\n%s", k, d ? d->message : "?", out);
		}
		/* written again, the parsed message gives the same bytes */
		char *again;
		size_t n2;
		cr_assert_eq(sipmsg_write_alloc(tt_m, 0, &again, &n2), SIPMSG_OK);
		cr_assert(n2 == n && memcmp(again, out, n) == 0, "message %d: not idempotent", k);
		sipmsg_free(again);
		sipmsg_free(out);

		/* a response to it carries the same dialog fields */
		sipmsg_msg *r;
		cr_assert_eq(sipmsg_make_response(tt_m, 200 + (int)below(400), NULL, NULL, &r), SIPMSG_OK);
		cr_assert_eq(sipmsg_write_alloc(r, 0, &out, &n), SIPMSG_OK);
		sipmsg_msg_free(r);
		tt_teardown();
		p = guard_copy(&tt_g, out, n);
		cr_assert_eq(sipmsg_parse(p, n, &o, &tt_m, &tt_err), SIPMSG_OK, "response %d: %s\n%s", k, tt_err.reason, out);
		cr_assert_eq(sipmsg_msg_via_count(tt_m), s.nvia);
		cr_assert(tt_is(sipmsg_msg_via(tt_m, s.nvia - 1)->branch, s.via_branch[s.nvia - 1].s));
		cr_assert(tt_is(sipmsg_msg_from(tt_m)->tag, s.from_tag.s));
		cr_assert_eq(sipmsg_msg_to(tt_m)->tag.len, 16);
		check_uri(&sipmsg_msg_to(tt_m)->uri, &s.to, "response To");
		cr_assert_eq(sipmsg_msg_cseq(tt_m)->number, s.cseq);
		sipmsg_free(out);
	}
	tt_teardown();
}

/* Every prefix of every sample value, as the last bytes of a datagram right
 * before a guard page: the typed parsers, the checks and the multipart
 * splitter either accept it or report it, and never read past it. */
Test(property, value_prefixes_never_read_past_the_end)
{
	static const char *const lines[] = {
		"Via: SIP/2.0/UDP [2001:db8::9:1]:5062;branch=z9hG4bKas3-111;received=[2001:db8::9:255];rport",
		"From: \"Alice \\\"A\\\"\" <sip:alice:pw@atlanta.com:5061;transport=tcp;lr?subject=x%20y&a=b>;tag=19",
		"To: sip:%75se%72@example.com;tag=1",
		"Contact: <tel:+1-201-555-0123;ext=1>;expires=3600;q=0.7, <sip:b@c>",
		"Contact: *",
		"Route: <urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>;x=\"a,b\"",
		"CSeq: 4294967295 INVITE",
		"Call-ID: a84b4c76e66710@pc33.atlanta.com",
		"Content-Type: multipart/mixed;boundary=\"b q\";charset=utf-8",
		"Authorization: Digest username=\"bob\", realm=\"b.com\", nc=00000001, qop=auth",
		"Proxy-Authorization: Bearer abc.def-ghi==",
		"Retry-After: 120 (in a (nested) meeting);duration=60",
		"Warning: 307 [::1]:5060 \"text, more\"",
		"Date: Sat, 13 Nov 2010 23:29:00 GMT",
		"RAck: 776656 1 INVITE",
		"Timestamp: 54.21 0.3",
		"Replaces: 98732@sip.example.com;from-tag=r33th4x0r;early-only",
		"Session-Expires: 1800;refresher=uac",
		"Accept: application/sdp;level=1, */*;q=0.1",
		"Event: presence.winfo;id=\"x\"",
		"Max-Forwards: 70",
	};
	for (size_t l = 0; l < sizeof lines / sizeof lines[0]; l++) {
		size_t n = strlen(lines[l]);
		for (size_t cut = strlen("Via:"); cut <= n; cut++) {
			char text[512];
			int len = snprintf(text, sizeof text, "OPTIONS sip:x@[::1] SIP/2.0\r\n%.*s", (int)cut, lines[l]);
			tt_teardown();
			const char *p = guard_copy(&tt_g, text, (size_t)len);
			if (sipmsg_parse(p, (size_t)len, NULL, &tt_m, &tt_err) != SIPMSG_OK)
				continue;
			sipmsg_msg_parse_all(tt_m);
			sipmsg_msg_check(tt_m);
			const sipmsg_multipart *mp;
			sipmsg_msg_multipart(tt_m, &mp);
			for (size_t i = 0; i < sipmsg_header_count(tt_m); i++) {
				size_t count = 0;
				sipmsg_header_parse(tt_m, i, &count);
				for (size_t j = 0; j < count; j++) {
					sipmsg_typed t;
					cr_assert_eq(sipmsg_header_value(tt_m, i, j, &t), SIPMSG_OK);
				}
			}
		}
	}
	tt_teardown();
}
