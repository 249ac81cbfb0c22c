/* SPDX-License-Identifier: MIT */
/* The builders. Byte 0 (mode): bit 0 a failing allocator (at call 1 + byte 1),
 * bit 1 start from a built response (else a built request), bit 2 start from
 * a parsed message (its text a string of the input; the built one when it
 * does not parse), bit 3 start from a parsed SDP (else sipmsg_sdp_new()),
 * bit 4 write the SIP message compact, bit 5 write the SDP canonical. Byte 1:
 * the failing allocation. Then the start (strings and numbers, as below),
 * then up to MAX_OPS operations until the input ends: an op byte below 0x80
 * is a SIP edit or builder (op % NSIP), from 0x80 an SDP one (op % NSDP),
 * each followed by its arguments. A string is a length byte (0xfe: a 16-bit
 * length follows; 0xff: the rest of the input) and that many bytes, cut at
 * the input's end: any byte, CR, LF and NUL included. NUL-terminated
 * arguments (build.h) end at the first NUL.
 *
 * Checked: each call returns what its contract says for its arguments (or
 * ENOMEM when an allocation failed); what it did reads back at once; at the
 * end (and for every derived response, ACK and CANCEL) the message is
 * written, parsed again and must say the same: start line, header names and
 * values, body, and the typed parse of every header; the SDP likewise: the
 * same sections and lines, and the same typed views. Nothing leaks. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPS 32

struct str {
	const char *p;
	size_t n;
};

static struct str take_str(struct fuzz_in *in)
{
	uint8_t c = fuzz_u8(in);
	size_t n = c;
	if (c == 0xfe)
		n = fuzz_u16(in);
	else if (c == 0xff)
		n = in->n;
	if (n > in->n)
		n = in->n;
	struct str s = {(const char *)in->p, n};
	in->p += n;
	in->n -= n;
	return s;
}

/* A NUL-terminated copy (the caller frees it): build.h takes C strings. */
static char *cstr(struct str s)
{
	char *p = malloc(s.n + 1);
	FUZZ_CHECK(p, "malloc");
	memcpy(p, s.p, s.n);
	p[s.n] = '\0';
	return p;
}

/* What an SDP value may hold: no CR, LF or NUL. */
static bool is_clean(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0')
			return false;
	return true;
}

static bool same(sipmsg_slice a, const char *p, size_t n)
{
	return a.len == n && (!n || memcmp(a.ptr, p, n) == 0);
}

/* A stored header value against the value given to an edit: the library
 * drops SP/HTAB at its ends, as a parse would. */
static bool same_value(sipmsg_slice a, const char *p, size_t n)
{
	while (n && (p[0] == ' ' || p[0] == '\t'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return same(a, p, n);
}

static bool same_slice(sipmsg_slice a, sipmsg_slice b)
{
	return same(a, b.ptr, b.len);
}

struct ctx {
	struct fuzz_alloc fa;
	bool fail;
	size_t failed; /* fa.failed before the call being checked */
};

/* The call's status is `want`, or ENOMEM when an allocation failed in it. */
static void expect(struct ctx *c, sipmsg_status st, sipmsg_status want, const char *what)
{
	if (st == SIPMSG_ENOMEM && c->fa.failed > c->failed)
		return;
	FUZZ_CHECK(st == want, "%s: %s, expected %s", what, sipmsg_status_name(st), sipmsg_status_name(want));
}

/* Does the library check the value of this header by its grammar (a known
 * header with a typed view)? Its edit may then be refused with ESYNTAX. */
static bool typed_name(const char *name, size_t nlen)
{
	sipmsg_hdr_id id = sipmsg_hdr_lookup(name, nlen);
	return id && sipmsg_hdr_kind_of(id) != SIPMSG_KIND_TEXT;
}

/* As expect(), and ESYNTAX stands for OK when the header has a grammar. */
static void expect_edit(struct ctx *c, sipmsg_status st, sipmsg_status want, const char *name, size_t nlen,
			const char *what)
{
	if (want == SIPMSG_OK && st == SIPMSG_ESYNTAX && typed_name(name, nlen))
		return;
	expect(c, st, want, what);
}

/* A field of o= or c=: no whitespace or control characters (sdp_edit.c). */
static bool is_field(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] <= 0x20 || p[i] == 0x7f)
			return false;
	return true;
}

static void before(struct ctx *c)
{
	c->failed = c->fa.failed;
}

/* A header the writer moves to the top: a bad line starting with
 * whitespace anywhere but first stands alone only there (see write.c). */
static bool dropped(const sipmsg_header *h, size_t i)
{
	return i && (h->flags & SIPMSG_HEADER_BAD_LINE) && h->value.len && (h->value.ptr[0] == ' ' || h->value.ptr[0] == '\t');
}

/* Write m, parse it again, and compare. */
static void check_roundtrip(struct ctx *c, const sipmsg_msg *m, unsigned flags, const char *what)
{
	char *out;
	size_t olen;
	FUZZ_CHECK(sipmsg_write_alloc(m, flags, &out, &olen) == SIPMSG_OK, "%s: write", what);
	FUZZ_CHECK(sipmsg_write_size(m, flags) == olen, "%s: write size", what);
	if (olen) {
		size_t need = 0;
		char small[1];
		FUZZ_CHECK(sipmsg_write(m, flags, small, olen > 1 ? 1 : 0, &need) == SIPMSG_ENOSPC && need == olen,
			   "%s: short buffer: needed %zu, expected %zu", what, need, olen);
	}
	size_t count = sipmsg_header_count(m);
	if (getenv("FUZZ_TRACE")) /* replaying one input: show what was built */
		fprintf(stderr, "%s:\n%.*s\n", what, (int)olen, out);
	sipmsg_parse_opts ro;
	fuzz_reparse_opts(&ro, olen, count);
	sipmsg_msg *r;
	sipmsg_error err;
	sipmsg_status st = sipmsg_parse(out, olen, &ro, &r, &err);
	FUZZ_CHECK(st == SIPMSG_OK, "%s: the written message does not parse: %s at %u:%u: %s\n%.*s", what,
		   sipmsg_status_name(st), err.line, err.column, err.reason, (int)olen, out);
	FUZZ_CHECK(sipmsg_msg_length(r) == olen, "%s: written %zu bytes, parsed %zu", what, olen, sipmsg_msg_length(r));
	FUZZ_CHECK(sipmsg_msg_is_request(r) == sipmsg_msg_is_request(m), "%s: kind", what);
	if (sipmsg_msg_is_request(m)) {
		FUZZ_CHECK(same_slice(sipmsg_msg_method(r), sipmsg_msg_method(m)), "%s: method", what);
		FUZZ_CHECK(same_slice(sipmsg_msg_request_uri(r), sipmsg_msg_request_uri(m)), "%s: Request-URI", what);
	} else {
		FUZZ_CHECK(sipmsg_msg_status(r) == sipmsg_msg_status(m), "%s: status %d, built %d", what,
			   sipmsg_msg_status(r), sipmsg_msg_status(m));
		FUZZ_CHECK(same_slice(fuzz_trim(sipmsg_msg_reason(r)), fuzz_trim(sipmsg_msg_reason(m))), "%s: reason '%.*s', built '%.*s'",
			   what, (int)sipmsg_msg_reason(r).len, sipmsg_msg_reason(r).ptr, (int)sipmsg_msg_reason(m).len,
			   sipmsg_msg_reason(m).ptr);
	}
	size_t j = 0, rcount = sipmsg_header_count(r);
	for (size_t i = 1; i < count; i++) {
		sipmsg_header h, g;
		sipmsg_header_at(m, i, &h);
		if (dropped(&h, i)) {
			FUZZ_CHECK(sipmsg_header_at(r, 0, &g) == SIPMSG_OK && (g.flags & SIPMSG_HEADER_BAD_LINE) &&
					   fuzz_same_unfolded(g.value, h.value),
				   "%s: the bad line %zu is not first after a parse", what, i);
			j = 1;
		}
	}
	for (size_t i = 0; i < count; i++) {
		sipmsg_header h, g;
		FUZZ_CHECK(sipmsg_header_at(m, i, &h) == SIPMSG_OK, "%s: header %zu", what, i);
		if (dropped(&h, i))
			continue;
		FUZZ_CHECK(j < rcount && sipmsg_header_at(r, j, &g) == SIPMSG_OK, "%s: header %zu missing after a parse",
			   what, i);
		if (h.flags & SIPMSG_HEADER_BAD_LINE) {
			FUZZ_CHECK(g.flags & SIPMSG_HEADER_BAD_LINE, "%s: header %zu is no longer a bad line", what, i);
		} else {
			FUZZ_CHECK(g.id == h.id, "%s: header %zu id %d, built %d", what, i, g.id, h.id);
			if (!(flags & SIPMSG_WRITE_COMPACT))
				FUZZ_CHECK(same_slice(g.name, h.name), "%s: header %zu name '%.*s', built '%.*s'", what, i,
					   (int)g.name.len, g.name.ptr, (int)h.name.len, h.name.ptr);
		}
		FUZZ_CHECK(fuzz_same_unfolded(fuzz_trim(g.value), fuzz_trim(h.value)), "%s: header %zu value '%.*s', built '%.*s'",
			   what, i, (int)g.value.len, g.value.ptr, (int)h.value.len, h.value.ptr);
		/* values come without SP/HTAB at their ends, parsed or edited, so
		 * the typed parse of the same value says the same */
		if (!(h.flags & SIPMSG_HEADER_BAD_LINE))
			FUZZ_CHECK(fuzz_trim(h.value).len == h.value.len, "%s: header %zu value '%.*s' not trimmed", what, i,
				   (int)h.value.len, h.value.ptr);
		size_t n1 = 0, n2 = 0;
		sipmsg_status s1 = sipmsg_header_parse(m, i, &n1), s2 = sipmsg_header_parse(r, j, &n2);
		if (!(s1 == SIPMSG_ENOMEM && c->fail))
			FUZZ_CHECK(s1 == s2 && n1 == n2, "%s: header %zu '%.*s' typed: %s (%zu values), after a parse %s (%zu)",
				   what, i, (int)h.name.len, h.name.ptr, sipmsg_status_name(s1), n1, sipmsg_status_name(s2), n2);
		j++;
	}
	FUZZ_CHECK(j == rcount, "%s: %zu headers after a parse, expected %zu", what, rcount, j);
	sipmsg_slice b = sipmsg_msg_body(m), rb = sipmsg_msg_body(r);
	FUZZ_CHECK(same_slice(rb, b), "%s: body of %zu bytes, built %zu", what, rb.len, b.len);
	sipmsg_msg_free(r);
	sipmsg_free(out);
}

/* ---- SIP ---- */

static bool is_content_length(const char *name, size_t n)
{
	return sipmsg_hdr_lookup(name, n) == SIPMSG_HDR_CONTENT_LENGTH;
}

static bool header_is_cl(const sipmsg_msg *m, size_t i)
{
	sipmsg_header h;
	return sipmsg_header_at(m, i, &h) == SIPMSG_OK && h.id == SIPMSG_HDR_CONTENT_LENGTH &&
	       !(h.flags & SIPMSG_HEADER_BAD_LINE);
}

/* Two 16-bit reads in order (the operands of | are not sequenced). */
static uint32_t take_u32(struct fuzz_in *in)
{
	uint32_t hi = fuzz_u16(in);
	return hi << 16 | fuzz_u16(in);
}

/* Header i reads name: value. */
static void check_header(const sipmsg_msg *m, size_t i, const char *name, size_t nlen, const char *v, size_t vlen,
			 const char *what)
{
	sipmsg_header h;
	FUZZ_CHECK(sipmsg_header_at(m, i, &h) == SIPMSG_OK, "%s: no header %zu", what, i);
	FUZZ_CHECK(same(h.name, name, nlen) && same_value(h.value, v, vlen), "%s: header %zu reads '%.*s: %.*s'", what, i,
		   (int)h.name.len, h.name.ptr, (int)h.value.len, h.value.ptr);
}

/* Does any header the derived message copies hold a byte no edit accepts? */
static bool copies_ctl(const sipmsg_msg *m)
{
	for (size_t i = 0; i < sipmsg_header_count(m); i++) {
		sipmsg_header h;
		sipmsg_header_at(m, i, &h);
		for (size_t k = 0; k < h.value.len; k++) {
			unsigned char ch = (unsigned char)h.value.ptr[k];
			if (((ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') || ch == 0x7f))
				return true;
		}
	}
	return false;
}

/* A derived message copies header values (Route, From, To, Call-ID, ...);
 * an edit refuses a value its header's grammar does not read (ESYNTAX), so
 * a lenient parse's bad header in a source makes the derivation fail. */
static bool copies_bad(const sipmsg_msg *m, const sipmsg_msg *resp)
{
	return sipmsg_msg_error_count(m) > 0 || (resp && sipmsg_msg_error_count(resp) > 0);
}

static void derived_checks(struct ctx *c, sipmsg_msg *m, struct fuzz_in *in, unsigned wflags)
{
	uint16_t code = fuzz_u16(in);
	int icode = code % 800;
	uint8_t f = fuzz_u8(in);
	struct str rs = take_str(in), ts = take_str(in);
	char *reason = f & 1 ? cstr(rs) : NULL, *tag = f & 2 ? cstr(ts) : NULL;
	bool req = sipmsg_msg_is_request(m);
	sipmsg_msg *resp = NULL;
	before(c);
	sipmsg_status st = sipmsg_make_response(m, icode, reason, tag, &resp);
	sipmsg_status want = icode < 100 || icode > 699 || (tag && !fuzz_is_token(tag, strlen(tag))) ||
				     (reason && !fuzz_is_text(reason, strlen(reason)))
			     ? SIPMSG_EINVAL
			     : !req || sipmsg_msg_method_id(m) == SIPMSG_METHOD_ACK ? SIPMSG_ESTATE
			     : sipmsg_header_find(m, SIPMSG_HDR_TO, 0) < 0 ? SIPMSG_EINVAL : SIPMSG_OK;
	/* with a bad argument and a response both errors apply: either may come first */
	if (!(st == SIPMSG_EINVAL && want == SIPMSG_OK && copies_ctl(m)) && !(st == SIPMSG_ESTATE && !req) &&
	    !(st == SIPMSG_ESTATE && want == SIPMSG_EINVAL && req))
		expect(c, st, want, "make_response");
	FUZZ_CHECK((st == SIPMSG_OK) == (resp != NULL), "make_response: out");
	if (st == SIPMSG_OK) {
		FUZZ_CHECK(sipmsg_msg_status(resp) == icode, "response status");
		const char *want_reason = reason ? reason : sipmsg_reason_phrase_or_class(icode);
		FUZZ_CHECK(same(sipmsg_msg_reason(resp), want_reason, strlen(want_reason)), "response reason");
		FUZZ_CHECK(sipmsg_header_count_id(resp, SIPMSG_HDR_VIA) == sipmsg_header_count_id(m, SIPMSG_HDR_VIA),
			   "response Via lines");
		size_t n = sipmsg_header_count(resp);
		FUZZ_CHECK(n && header_is_cl(resp, n - 1), "response ends with Content-Length");
		const sipmsg_nameaddr *to = sipmsg_msg_to(m);
		if (to && !to->tag.ptr && icode != 100 && tag) {
			const sipmsg_nameaddr *rto = sipmsg_msg_to(resp);
			if (!(c->fail && !rto))
				FUZZ_CHECK(rto && same(rto->tag, tag, strlen(tag)), "response To tag");
		}
		check_roundtrip(c, resp, wflags, "response");
		sipmsg_msg *ack = NULL;
		before(c);
		st = sipmsg_make_ack(m, resp, &ack);
		bool invite = sipmsg_msg_method_id(m) == SIPMSG_METHOD_INVITE;
		if (!invite || icode < 300)
			expect(c, st, SIPMSG_ESTATE, "make_ack");
		else
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_EINVAL || st == SIPMSG_ENOMEM ||
					   (st == SIPMSG_ESYNTAX && copies_bad(m, resp)),
				   "make_ack: %s", sipmsg_status_name(st));
		FUZZ_CHECK((st == SIPMSG_OK) == (ack != NULL), "make_ack: out");
		if (ack) {
			FUZZ_CHECK(same(sipmsg_msg_method(ack), "ACK", 3), "ACK method");
			FUZZ_CHECK(same_slice(sipmsg_msg_request_uri(ack), sipmsg_msg_request_uri(m)), "ACK Request-URI");
			const sipmsg_cseq *cs = sipmsg_msg_cseq(ack), *ics = sipmsg_msg_cseq(m);
			if (!c->fail)
				FUZZ_CHECK(cs && ics && cs->number == ics->number && same(cs->method, "ACK", 3), "ACK CSeq");
			check_roundtrip(c, ack, wflags, "ACK");
			sipmsg_msg_free(ack);
		}
		sipmsg_msg_free(resp);
	}
	sipmsg_msg *can = NULL;
	before(c);
	st = sipmsg_make_cancel(m, &can);
	if (sipmsg_msg_method_id(m) != SIPMSG_METHOD_INVITE)
		expect(c, st, SIPMSG_ESTATE, "make_cancel");
	else
		FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_EINVAL || st == SIPMSG_ENOMEM ||
				   (st == SIPMSG_ESYNTAX && copies_bad(m, NULL)),
			   "make_cancel: %s", sipmsg_status_name(st));
	FUZZ_CHECK((st == SIPMSG_OK) == (can != NULL), "make_cancel: out");
	if (can) {
		FUZZ_CHECK(same(sipmsg_msg_method(can), "CANCEL", 6), "CANCEL method");
		FUZZ_CHECK(same_slice(sipmsg_msg_request_uri(can), sipmsg_msg_request_uri(m)), "CANCEL Request-URI");
		check_roundtrip(c, can, wflags, "CANCEL");
		sipmsg_msg_free(can);
	}
	free(reason);
	free(tag);
}

#define NSIP 18

static void sip_op(struct ctx *c, sipmsg_msg *m, uint8_t op, struct fuzz_in *in, size_t maxh, unsigned wflags)
{
	size_t count = sipmsg_header_count(m);
	bool req = sipmsg_msg_is_request(m);
	sipmsg_status st, want;
	before(c);
	switch (op % NSIP) {
	case 0:   /* add */
	case 1: { /* insert */
		size_t at = op % NSIP ? fuzz_u8(in) % (count + 2) : 0;
		struct str n = take_str(in), v = take_str(in);
		if (is_content_length(n.p, n.n))
			break; /* Content-Length is the body's business (set_body) */
		bool ok = fuzz_is_token(n.p, n.n) && fuzz_is_text(v.p, v.n);
		if (op % NSIP == 0) {
			at = count;
			if (count && header_is_cl(m, count - 1))
				at--;
			st = sipmsg_header_add(m, n.p, n.n, v.p, v.n);
		} else {
			ok &= at <= count;
			st = sipmsg_header_insert(m, at, n.p, n.n, v.p, v.n);
		}
		want = !ok ? SIPMSG_EINVAL : count >= maxh ? SIPMSG_ELIMIT : SIPMSG_OK;
		expect_edit(c, st, want, n.p, n.n, "add/insert");
		if (st == SIPMSG_OK)
			check_header(m, at, n.p, n.n, v.p, v.n, "add/insert");
		break;
	}
	case 2: { /* replace */
		size_t at = fuzz_u8(in) % (count + 1);
		struct str v = take_str(in);
		sipmsg_header h = {0};
		if (at < count)
			sipmsg_header_at(m, at, &h);
		if (h.id == SIPMSG_HDR_CONTENT_LENGTH)
			break;
		bool bad_line = h.flags & SIPMSG_HEADER_BAD_LINE;
		st = sipmsg_header_replace(m, at, v.p, v.n);
		want = at >= count ? SIPMSG_ENOTFOUND : !fuzz_is_text(v.p, v.n) || bad_line ? SIPMSG_EINVAL : SIPMSG_OK;
		expect_edit(c, st, want, h.name.ptr ? h.name.ptr : "", h.name.len, "replace");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(sipmsg_header_at(m, at, &h) == SIPMSG_OK && same_value(h.value, v.p, v.n), "replace reads back");
		break;
	}
	case 3: { /* remove */
		size_t at = fuzz_u8(in) % (count + 1);
		if (at < count) {
			sipmsg_header h;
			sipmsg_header_at(m, at, &h);
			if (h.id == SIPMSG_HDR_CONTENT_LENGTH)
				break;
		}
		st = sipmsg_header_remove(m, at);
		FUZZ_CHECK(st == (at < count ? SIPMSG_OK : SIPMSG_ENOTFOUND), "remove: %s", sipmsg_status_name(st));
		FUZZ_CHECK(sipmsg_header_count(m) == count - (at < count), "remove: count");
		break;
	}
	case 4: { /* remove_all */
		struct str n = take_str(in);
		if (is_content_length(n.p, n.n))
			break;
		size_t had = 0;
		for (long i = sipmsg_header_find_name(m, n.p, n.n, 0); i >= 0; i = sipmsg_header_find_name(m, n.p, n.n, (size_t)i + 1))
			had++;
		size_t got = sipmsg_header_remove_all(m, n.p, n.n);
		FUZZ_CHECK(got == had && sipmsg_header_find_name(m, n.p, n.n, 0) < 0, "remove_all: %zu of %zu", got, had);
		break;
	}
	case 5: { /* set */
		struct str n = take_str(in), v = take_str(in);
		if (is_content_length(n.p, n.n))
			break;
		bool ok = fuzz_is_token(n.p, n.n) && fuzz_is_text(v.p, v.n);
		long first = ok ? sipmsg_header_find_name(m, n.p, n.n, 0) : -1;
		bool bad_line = false;
		if (first >= 0) {
			sipmsg_header h;
			sipmsg_header_at(m, (size_t)first, &h);
			bad_line = h.flags & SIPMSG_HEADER_BAD_LINE;
		}
		st = sipmsg_header_set(m, n.p, n.n, v.p, v.n);
		want = !ok || bad_line ? SIPMSG_EINVAL : first < 0 && count >= maxh ? SIPMSG_ELIMIT : SIPMSG_OK;
		expect_edit(c, st, want, n.p, n.n, "set");
		if (st == SIPMSG_OK) {
			long i = sipmsg_header_find_name(m, n.p, n.n, 0);
			sipmsg_header h;
			FUZZ_CHECK(i >= 0 && sipmsg_header_at(m, (size_t)i, &h) == SIPMSG_OK && same_value(h.value, v.p, v.n) &&
					   sipmsg_header_find_name(m, n.p, n.n, (size_t)i + 1) < 0,
				   "set reads back");
		}
		break;
	}
	case 6: { /* body */
		uint8_t k = fuzz_u8(in);
		struct str b = take_str(in), t = take_str(in);
		char *ct = k % 3 == 0 ? NULL : k % 3 == 1 ? cstr((struct str){"application/sdp", 15}) : cstr(t);
		st = sipmsg_msg_set_body(m, b.p, b.n, ct);
		want = ct && !fuzz_is_text(ct, strlen(ct)) ? SIPMSG_EINVAL : SIPMSG_OK;
		if (!(st == SIPMSG_ELIMIT && count + 2 > maxh))
			expect_edit(c, st, want, "Content-Type", 12, "set_body");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(same(sipmsg_msg_body(m), b.p, b.n), "set_body reads back");
		free(ct);
		break;
	}
	case 7: { /* Request-URI */
		struct str u = take_str(in);
		bool ok = u.n > 0;
		for (size_t i = 0; i < u.n; i++)
			ok &= (unsigned char)u.p[i] > 0x20 && (unsigned char)u.p[i] != 0x7f;
		st = sipmsg_msg_set_request_uri(m, u.p, u.n);
		/* (ESYNTAX: a text the URI parser refuses) */
		if (!(req && ok && st == SIPMSG_ESYNTAX))
			expect(c, st, !req ? SIPMSG_ESTATE : !ok ? SIPMSG_EINVAL : SIPMSG_OK, "set_request_uri");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(same(sipmsg_msg_request_uri(m), u.p, u.n), "Request-URI reads back");
		break;
	}
	case 8: { /* method */
		struct str s = take_str(in);
		st = sipmsg_msg_set_method(m, s.p, s.n);
		expect(c, st, !req ? SIPMSG_ESTATE : !fuzz_is_token(s.p, s.n) ? SIPMSG_EINVAL : SIPMSG_OK, "set_method");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(same(sipmsg_msg_method(m), s.p, s.n), "method reads back");
		break;
	}
	case 9: { /* status */
		int code = fuzz_u16(in) % 800;
		uint8_t f = fuzz_u8(in);
		struct str r = take_str(in);
		st = sipmsg_msg_set_status(m, code, f & 1 ? NULL : r.p, r.n);
		want = req ? SIPMSG_ESTATE : code < 100 || code > 699 || (!(f & 1) && !fuzz_is_text(r.p, r.n)) ? SIPMSG_EINVAL : SIPMSG_OK;
		expect(c, st, want, "set_status");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(sipmsg_msg_status(m) == code && (f & 1 || same(sipmsg_msg_reason(m), r.p, r.n)),
				   "status reads back");
		break;
	}
	case 10: { /* Via */
		uint8_t f = fuzz_u8(in);
		uint16_t port = fuzz_u16(in);
		struct str t = take_str(in), h = take_str(in), b = take_str(in);
		char *tr = cstr(t), *host = cstr(h), *br = f & 1 ? cstr(b) : NULL;
		long first = sipmsg_header_find(m, SIPMSG_HDR_VIA, 0);
		size_t at = first >= 0 ? (size_t)first : 0;
		st = sipmsg_msg_push_via(m, tr, host, port, br);
		bool ok = fuzz_is_token(tr, strlen(tr)) && *host && (!br || fuzz_is_token(br, strlen(br)));
		if (!ok)
			expect(c, st, SIPMSG_EINVAL, "push_via");
		else
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_EINVAL || st == SIPMSG_ELIMIT ||
					   (st == SIPMSG_ENOMEM && c->fa.failed > c->failed),
				   "push_via: %s", sipmsg_status_name(st));
		if (st == SIPMSG_OK) {
			sipmsg_header hd;
			FUZZ_CHECK(sipmsg_header_at(m, at, &hd) == SIPMSG_OK && hd.id == SIPMSG_HDR_VIA, "push_via: the top Via");
			/* a Via built from a host that parsed: its typed view parses */
			const sipmsg_via *v = sipmsg_msg_via(m, 0);
			if (!(c->fail && !v))
				FUZZ_CHECK(v && (!br || same(v->branch, br, strlen(br))), "push_via: Via '%.*s' does not read back",
					   (int)hd.value.len, hd.value.ptr);
		}
		free(tr);
		free(host);
		free(br);
		break;
	}
	case 11:   /* From */
	case 12:   /* To */
	case 13:   /* Contact */
	case 14: { /* Route */
		uint8_t f = fuzz_u8(in);
		struct str d = take_str(in), u = take_str(in), t = take_str(in);
		char *disp = f & 1 ? cstr(d) : NULL, *uri = cstr(u), *tag = f & 2 ? cstr(t) : NULL;
		int kind = op % NSIP;
		if (kind == 11)
			st = sipmsg_msg_set_from(m, disp, uri, tag);
		else if (kind == 12)
			st = sipmsg_msg_set_to(m, disp, uri, tag);
		else if (kind == 13)
			st = sipmsg_msg_add_contact(m, disp, uri);
		else
			st = sipmsg_msg_add_route(m, uri);
		bool bad = (kind <= 12 && tag && !fuzz_is_token(tag, strlen(tag))) ||
			   (kind <= 13 && disp && !fuzz_is_text(disp, strlen(disp)));
		if (bad)
			expect(c, st, SIPMSG_EINVAL, "name-addr setter");
		else
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_EINVAL || st == SIPMSG_ELIMIT ||
					   (st == SIPMSG_ENOMEM && c->fa.failed > c->failed),
				   "name-addr setter: %s", sipmsg_status_name(st));
		if (st == SIPMSG_OK && kind <= 12) {
			/* "a built message parses back to the same typed values" */
			const sipmsg_nameaddr *na = kind == 11 ? sipmsg_msg_from(m) : sipmsg_msg_to(m);
			if (!(c->fail && !na)) {
				FUZZ_CHECK(na, "%s does not parse back", kind == 11 ? "From" : "To");
				FUZZ_CHECK(same(na->uri.raw, uri, strlen(uri)), "name-addr URI '%.*s', set '%s'",
					   (int)na->uri.raw.len, na->uri.raw.ptr, uri);
				FUZZ_CHECK(tag ? same(na->tag, tag, strlen(tag)) : !na->tag.ptr, "name-addr tag");
			}
		}
		free(disp);
		free(uri);
		free(tag);
		break;
	}
	case 15: { /* Call-ID, CSeq */
		uint8_t f = fuzz_u8(in);
		uint32_t num = take_u32(in);
		struct str s = take_str(in);
		char *v = f & 1 ? cstr(s) : NULL;
		if (f & 2) {
			st = sipmsg_msg_set_cseq(m, num, v);
			if ((v && !fuzz_is_token(v, strlen(v))) || num > INT32_MAX)
				expect(c, st, SIPMSG_EINVAL, "set_cseq");
			if (st == SIPMSG_OK) {
				const sipmsg_cseq *cs = sipmsg_msg_cseq(m);
				if (!(c->fail && !cs))
					FUZZ_CHECK(cs && cs->number == num && (!v || same(cs->method, v, strlen(v))),
						   "CSeq does not read back");
			}
		} else {
			st = sipmsg_msg_set_call_id(m, v);
			if (st == SIPMSG_OK && v) {
				long i = sipmsg_header_find(m, SIPMSG_HDR_CALL_ID, 0);
				sipmsg_header h;
				FUZZ_CHECK(i >= 0 && sipmsg_header_at(m, (size_t)i, &h) == SIPMSG_OK && same_value(h.value, v, strlen(v)),
					   "Call-ID reads back");
			}
		}
		FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_EINVAL || st == SIPMSG_ELIMIT ||
				   (st == SIPMSG_ENOMEM && c->fa.failed > c->failed),
			   "Call-ID/CSeq: %s", sipmsg_status_name(st));
		free(v);
		break;
	}
	case 16: { /* a numeric header */
		sipmsg_hdr_id id = (sipmsg_hdr_id)(fuzz_u8(in) % SIPMSG_HDR_COUNT_);
		uint32_t num = take_u32(in);
		if (id == SIPMSG_HDR_CONTENT_LENGTH)
			break;
		st = sipmsg_msg_set_number(m, id, num);
		FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_EINVAL || st == SIPMSG_ELIMIT ||
				   (st == SIPMSG_ENOMEM && c->fa.failed > c->failed),
			   "set_number: %s", sipmsg_status_name(st));
		if (st == SIPMSG_OK) {
			uint32_t got = 0;
			sipmsg_status g = sipmsg_msg_number(m, id, &got);
			if (!(c->fail && g == SIPMSG_ENOMEM))
				FUZZ_CHECK(g == SIPMSG_OK && got == num, "number header %d: %s, %u, set %u", id,
					   sipmsg_status_name(g), got, num);
		}
		break;
	}
	default: /* response, ACK, CANCEL */
		derived_checks(c, m, in, wflags);
		break;
	}
}

/* ---- SDP ---- */

/* The section byte s names: the session, or a media section. */
static sipmsg_sdp_section *section_of(sipmsg_sdp *sdp, uint8_t s)
{
	size_t n = sipmsg_sdp_media_count(sdp);
	size_t k = s % (n + 1);
	return k ? sipmsg_sdp_media_at(sdp, k - 1) : sipmsg_sdp_session(sdp);
}

static sipmsg_slice slice_of(struct str s)
{
	return (sipmsg_slice){s.n ? s.p : NULL, s.n};
}

static bool line_reads(const sipmsg_sdp_section *sec, size_t i, char type, const char *name, size_t nlen,
		       const char *v, size_t vlen, bool flag)
{
	sipmsg_sdp_line l;
	if (sipmsg_sdp_line_at(sec, i, &l) != SIPMSG_OK || l.type != type)
		return false;
	if (type == 'a' && !same(l.name, name, nlen))
		return false;
	if (flag)
		return l.value.ptr == NULL;
	return same(l.value, v, vlen);
}

/* Line i holds a CR or NUL (a parsed line may): an edit that rewrites it refuses. */
static bool line_unclean(const sipmsg_sdp_section *sec, size_t i)
{
	sipmsg_sdp_line l;
	return sipmsg_sdp_line_at(sec, i, &l) == SIPMSG_OK && !is_clean(l.raw.ptr, l.raw.len);
}

#define NSDP 16

static void sdp_op(struct ctx *c, sipmsg_sdp *sdp, uint8_t op, struct fuzz_in *in, sipmsg_msg *m)
{
	sipmsg_status st, want;
	sipmsg_sdp_section *sec = section_of(sdp, fuzz_u8(in));
	size_t nl = sipmsg_sdp_line_count(sec);
	bool media = sipmsg_sdp_section_is_media(sec);
	before(c);
	switch (op % NSDP) {
	case 0: { /* origin */
		struct str f[6];
		for (int i = 0; i < 6; i++)
			f[i] = take_str(in);
		uint64_t id = take_u32(in), ver = fuzz_u16(in);
		sipmsg_sdp_origin o = {slice_of(f[0]), slice_of(f[1]), id,	       slice_of(f[2]),
				       ver,	       slice_of(f[3]), slice_of(f[4]), slice_of(f[5])};
		bool ok = f[5].n > 0;
		for (int i = 0; i < 6; i++)
			ok &= is_field(f[i].p, f[i].n);
		st = sipmsg_sdp_set_origin(sdp, &o);
		expect(c, st, ok ? SIPMSG_OK : SIPMSG_EINVAL, "set_origin");
		break;
	}
	case 1: { /* session name */
		struct str s = take_str(in);
		st = sipmsg_sdp_set_session_name(sdp, s.p, s.n);
		expect(c, st, s.n && is_clean(s.p, s.n) ? SIPMSG_OK : SIPMSG_EINVAL, "set_session_name");
		if (st == SIPMSG_OK) {
			sipmsg_slice v;
			FUZZ_CHECK(sipmsg_sdp_session_name(sdp, &v) == SIPMSG_OK && same(v, s.p, s.n), "s= reads back");
		}
		break;
	}
	case 2: { /* timing */
		uint64_t a = (uint64_t)take_u32(in) << 24;
		a |= fuzz_u8(in);
		uint64_t b = (uint64_t)take_u32(in) << 8;
		st = sipmsg_sdp_set_timing(sdp, a, b);
		expect(c, st, SIPMSG_OK, "set_timing");
		if (st == SIPMSG_OK) {
			sipmsg_sdp_section *ss = sipmsg_sdp_session(sdp);
			long i = sipmsg_sdp_line_find(ss, 't', 0);
			sipmsg_sdp_timing t;
			sipmsg_status g = i >= 0 ? sipmsg_sdp_get_timing(ss, (size_t)i, &t) : SIPMSG_ENOTFOUND;
			if (!(c->fail && g == SIPMSG_ENOMEM))
				FUZZ_CHECK(g == SIPMSG_OK && t.start == a && t.stop == b, "t= reads back: %s",
					   sipmsg_status_name(g));
		}
		break;
	}
	case 3: { /* connection */
		struct str f[3];
		for (int i = 0; i < 3; i++)
			f[i] = take_str(in);
		uint8_t ttl = fuzz_u8(in), cnt = fuzz_u8(in);
		sipmsg_sdp_connection cn = {slice_of(f[0]), slice_of(f[1]), slice_of(f[2]), ttl & 0x80 ? -1 : ttl, cnt};
		bool ok = f[2].n > 0;
		for (int i = 0; i < 3; i++)
			ok &= is_field(f[i].p, f[i].n);
		st = sipmsg_sdp_set_connection(sec, &cn);
		expect(c, st, ok ? SIPMSG_OK : SIPMSG_EINVAL, "set_connection");
		break;
	}
	case 4: { /* the address of a c= line */
		size_t i = fuzz_u8(in) % (nl + 1);
		struct str a = take_str(in);
		st = sipmsg_sdp_connection_set_address(sec, i, a.p, a.n);
		if (!a.n || !is_field(a.p, a.n))
			expect(c, st, SIPMSG_EINVAL, "connection_set_address");
		else if (i >= nl)
			expect(c, st, SIPMSG_ENOTFOUND, "connection_set_address");
		else
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ESTATE || st == SIPMSG_ESYNTAX || st == SIPMSG_ENOMEM ||
					   (st == SIPMSG_EINVAL && line_unclean(sec, i)),
				   "connection_set_address: %s", sipmsg_status_name(st));
		break;
	}
	case 5: { /* m= port */
		uint32_t port = (uint32_t)fuzz_u16(in) << 8;
		port |= fuzz_u8(in);
		st = sipmsg_sdp_media_set_port(sec, port);
		if (!media)
			expect(c, st, SIPMSG_EINVAL, "media_set_port");
		else
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ESYNTAX || st == SIPMSG_ENOMEM ||
					   (st == SIPMSG_EINVAL && line_unclean(sec, 0)),
				   "media_set_port: %s", sipmsg_status_name(st));
		break;
	}
	case 6: { /* direction */
		uint8_t d = fuzz_u8(in) % 6;
		st = sipmsg_sdp_set_direction(sec, (sipmsg_sdp_direction)d);
		expect(c, st, d > SIPMSG_SDP_DIR_INACTIVE ? SIPMSG_EINVAL : SIPMSG_OK, "set_direction");
		if (st == SIPMSG_OK) {
			size_t n = sipmsg_sdp_attr_count(sec, SIPMSG_SDP_ATTR_SENDRECV) +
				   sipmsg_sdp_attr_count(sec, SIPMSG_SDP_ATTR_SENDONLY) +
				   sipmsg_sdp_attr_count(sec, SIPMSG_SDP_ATTR_RECVONLY) +
				   sipmsg_sdp_attr_count(sec, SIPMSG_SDP_ATTR_INACTIVE);
			FUZZ_CHECK(n == (d != SIPMSG_SDP_DIR_NONE), "%zu direction lines after set_direction(%u)", n, d);
			if (media && d)
				FUZZ_CHECK(sipmsg_sdp_media_direction(sec) == (sipmsg_sdp_direction)d, "direction reads back");
		}
		break;
	}
	case 7: { /* a line of another type */
		char type = (char)fuzz_u8(in);
		struct str v = take_str(in);
		size_t at = SIZE_MAX;
		bool known = type && strchr(media ? "icbk" : "vosiuepcbtrzk", type);
		/* (asked before the call: a line it adds is found after it) */
		bool once = known && strchr("vosiuk", type) && sipmsg_sdp_line_find(sec, type, 0) >= 0;
		st = sipmsg_sdp_line_add(sec, type, v.p, v.n, &at);
		/* a second once-only line is refused before its value is looked at */
		expect(c, st, !known ? SIPMSG_EINVAL : once ? SIPMSG_ESTATE : is_clean(v.p, v.n) ? SIPMSG_OK : SIPMSG_EINVAL,
		       "line_add");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(line_reads(sec, at, type, NULL, 0, v.p, v.n, false), "line_add reads back");
		break;
	}
	case 8: { /* set a line */
		size_t i = fuzz_u8(in) % (nl + 1);
		uint8_t f = fuzz_u8(in);
		struct str v = take_str(in);
		sipmsg_sdp_line l = {0};
		if (i < nl)
			sipmsg_sdp_line_at(sec, i, &l);
		const char *vp = f & 1 ? NULL : v.p;
		size_t vn = f & 1 ? 0 : v.n;
		st = sipmsg_sdp_line_set(sec, i, vp, vn);
		want = i >= nl ? SIPMSG_ENOTFOUND
		       : !l.type || (!vp && l.type != 'a') || (vp && !is_clean(vp, vn)) ? SIPMSG_EINVAL
											 : SIPMSG_OK;
		if (!(st == SIPMSG_EINVAL && l.type == 'a' && !is_clean(l.name.ptr, l.name.len)))
			expect(c, st, want, "line_set");
		/* l.name still points at the old line's bytes: the arena keeps them */
		if (st == SIPMSG_OK)
			FUZZ_CHECK(line_reads(sec, i, l.type, l.name.ptr, l.name.len, vp, vn, !vp), "line_set reads back");
		break;
	}
	case 9: { /* remove a line */
		size_t i = fuzz_u8(in) % (nl + 1);
		st = sipmsg_sdp_line_remove(sec, i);
		expect(c, st, i >= nl ? SIPMSG_ENOTFOUND : media && i == 0 ? SIPMSG_EINVAL : SIPMSG_OK, "line_remove");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(sipmsg_sdp_line_count(sec) == nl - 1, "line_remove count");
		break;
	}
	case 10:   /* add an attribute */
	case 11: { /* insert one */
		size_t at = fuzz_u8(in) % (nl + 2);
		uint8_t f = fuzz_u8(in);
		struct str n = take_str(in), v = take_str(in);
		const char *vp = f & 1 ? NULL : v.p;
		size_t vn = f & 1 ? 0 : v.n;
		bool ok = n.n > 0 && is_clean(n.p, n.n) && (!vp || is_clean(vp, vn));
		for (size_t k = 0; k < n.n; k++)
			ok &= n.p[k] != ':' && n.p[k] != ' ' && n.p[k] != '\t';
		if (op % NSDP == 10) {
			at = nl;
			size_t got = SIZE_MAX;
			st = sipmsg_sdp_attr_add(sec, n.p, n.n, vp, vn, &got);
			FUZZ_CHECK(st || got == at, "attr_add index");
		} else {
			ok &= at <= nl;
			st = sipmsg_sdp_attr_insert(sec, at, n.p, n.n, vp, vn);
			if (media && at == 0)
				at = 1;
		}
		expect(c, st, ok ? SIPMSG_OK : SIPMSG_EINVAL, "attr_add/insert");
		if (st == SIPMSG_OK && n.n <= UINT16_MAX)
			FUZZ_CHECK(line_reads(sec, at, 'a', n.p, n.n, vp, vn, !vp), "attr_add/insert reads back");
		break;
	}
	case 12: { /* remove attributes by name */
		struct str n = take_str(in);
		size_t removed = SIZE_MAX;
		st = sipmsg_sdp_attr_remove_all(sec, n.p, n.n, &removed);
		expect(c, st, SIPMSG_OK, "attr_remove_all");
		FUZZ_CHECK(sipmsg_sdp_attr_find_name(sec, n.p, n.n, 0) < 0 && sipmsg_sdp_line_count(sec) == nl - removed,
			   "attr_remove_all left some");
		break;
	}
	case 13: { /* media from an m= value */
		struct str v = take_str(in);
		size_t n = sipmsg_sdp_media_count(sdp);
		sipmsg_sdp_section *ms = NULL;
		st = sipmsg_sdp_media_add(sdp, v.p, v.n, &ms);
		/* (ESYNTAX: a value that does not read as an m= line) */
		if (!(st == SIPMSG_ESYNTAX && v.n && is_clean(v.p, v.n)))
			expect(c, st, v.n && is_clean(v.p, v.n) ? SIPMSG_OK : SIPMSG_EINVAL, "media_add");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(sipmsg_sdp_media_count(sdp) == n + 1 && sipmsg_sdp_media_at(sdp, n) == ms &&
					   line_reads(ms, 0, 'm', NULL, 0, v.p, v.n, false),
				   "media_add reads back");
		break;
	}
	case 14: { /* media from a view */
		struct str f[6];
		for (int i = 0; i < 6; i++)
			f[i] = take_str(in);
		sipmsg_slice fmts[4] = {slice_of(f[2]), slice_of(f[3]), slice_of(f[4]), slice_of(f[5])};
		uint8_t k = fuzz_u8(in);
		uint32_t port = (uint32_t)fuzz_u16(in) << 4;
		sipmsg_sdp_media_desc d = {slice_of(f[0]), port, k >> 4, slice_of(f[1]), fmts, k % 5};
		bool ok = f[0].n && f[1].n && is_clean(f[0].p, f[0].n) && is_clean(f[1].p, f[1].n);
		for (size_t i = 0; i < d.nformats; i++)
			ok &= is_clean(fmts[i].ptr, fmts[i].len);
		st = sipmsg_sdp_media_add_desc(sdp, &d, NULL);
		/* (ESYNTAX: clean fields whose m= value does not read as one, e.g. a
		 * space inside a field, as sipmsg_sdp_media_add() refuses it) */
		if (!(st == SIPMSG_ESYNTAX && ok))
			expect(c, st, ok ? SIPMSG_OK : SIPMSG_EINVAL, "media_add_desc");
		break;
	}
	default: { /* remove media, or set the SDP as the message body */
		uint8_t i = fuzz_u8(in);
		if (i & 1 && m) {
			st = sipmsg_msg_set_sdp(m, sdp);
			FUZZ_CHECK(st == SIPMSG_OK || st == SIPMSG_ELIMIT || (st == SIPMSG_ENOMEM && c->fa.failed > c->failed),
				   "set_sdp: %s", sipmsg_status_name(st));
			if (st == SIPMSG_OK) {
				char *w;
				size_t wl;
				FUZZ_CHECK(sipmsg_sdp_write_alloc(sdp, 0, &w, &wl) == SIPMSG_OK, "SDP write");
				FUZZ_CHECK(same(sipmsg_msg_body(m), w, wl), "set_sdp: the body is not the SDP");
				sipmsg_free(w);
			}
			break;
		}
		size_t n = sipmsg_sdp_media_count(sdp), k = (size_t)(i >> 1) % (n + 1);
		st = sipmsg_sdp_media_remove(sdp, k);
		expect(c, st, k < n ? SIPMSG_OK : SIPMSG_ENOTFOUND, "media_remove");
		FUZZ_CHECK(sipmsg_sdp_media_count(sdp) == n - (k < n), "media_remove count");
		break;
	}
	}
}

/* Typed views of one line agree between the built SDP and its parse. */
static void same_view(struct ctx *c, const sipmsg_sdp_section *a, const sipmsg_sdp_section *b, size_t i, char type)
{
	sipmsg_status s1, s2;
	switch (type) {
	case 'o': {
		sipmsg_sdp_origin x, y;
		s1 = sipmsg_sdp_get_origin(a, i, &x);
		s2 = sipmsg_sdp_get_origin(b, i, &y);
		if (s1 == SIPMSG_ENOMEM && c->fail)
			return;
		FUZZ_CHECK(s1 == s2, "o= line %zu: %s, after a parse %s", i, sipmsg_status_name(s1), sipmsg_status_name(s2));
		if (!s1)
			FUZZ_CHECK(same_slice(x.sess_id, y.sess_id) && x.sess_version_value == y.sess_version_value &&
					   same_slice(x.address, y.address) && same_slice(x.username, y.username),
				   "o= line %zu reads otherwise", i);
		break;
	}
	case 'c': {
		sipmsg_sdp_connection x, y;
		s1 = sipmsg_sdp_get_connection(a, i, &x);
		s2 = sipmsg_sdp_get_connection(b, i, &y);
		if (s1 == SIPMSG_ENOMEM && c->fail)
			return;
		FUZZ_CHECK(s1 == s2, "c= line %zu: %s, after a parse %s", i, sipmsg_status_name(s1), sipmsg_status_name(s2));
		if (!s1)
			FUZZ_CHECK(same_slice(x.address, y.address) && x.ttl == y.ttl && x.count == y.count,
				   "c= line %zu reads otherwise", i);
		break;
	}
	case 't': {
		sipmsg_sdp_timing x, y;
		s1 = sipmsg_sdp_get_timing(a, i, &x);
		s2 = sipmsg_sdp_get_timing(b, i, &y);
		if (s1 == SIPMSG_ENOMEM && c->fail)
			return;
		FUZZ_CHECK(s1 == s2 && (s1 || (x.start == y.start && x.stop == y.stop)), "t= line %zu", i);
		break;
	}
	case 'm': {
		sipmsg_sdp_media_desc x, y;
		s1 = sipmsg_sdp_get_media_desc(a, &x);
		s2 = sipmsg_sdp_get_media_desc(b, &y);
		if (s1 == SIPMSG_ENOMEM && c->fail)
			return;
		FUZZ_CHECK(s1 == s2, "m= line: %s, after a parse %s", sipmsg_status_name(s1), sipmsg_status_name(s2));
		if (!s1)
			FUZZ_CHECK(same_slice(x.media, y.media) && x.port == y.port && x.port_count == y.port_count &&
					   same_slice(x.proto, y.proto) && x.nformats == y.nformats,
				   "m= line reads otherwise");
		break;
	}
	default:
		break;
	}
}

static void compare_section(struct ctx *c, const sipmsg_sdp_section *a, const sipmsg_sdp_section *b, const char *what)
{
	size_t n = sipmsg_sdp_line_count(a);
	FUZZ_CHECK(sipmsg_sdp_line_count(b) == n, "%s: %zu lines, after a parse %zu", what, n, sipmsg_sdp_line_count(b));
	for (size_t i = 0; i < n; i++) {
		sipmsg_sdp_line x, y;
		FUZZ_CHECK(sipmsg_sdp_line_at(a, i, &x) == SIPMSG_OK && sipmsg_sdp_line_at(b, i, &y) == SIPMSG_OK, "%s: line %zu",
			   what, i);
		FUZZ_CHECK(same_slice(x.raw, y.raw), "%s: line %zu '%.*s', after a parse '%.*s'", what, i, (int)x.raw.len,
			   x.raw.ptr, (int)y.raw.len, y.raw.ptr);
		FUZZ_CHECK(x.type == y.type && x.attr == y.attr && same_slice(x.name, y.name) && same_slice(x.value, y.value) &&
				   !x.value.ptr == !y.value.ptr,
			   "%s: line %zu '%.*s' reads otherwise after a parse", what, i, (int)x.raw.len, x.raw.ptr);
		same_view(c, a, b, i, x.type);
	}
}

static void check_sdp_roundtrip(struct ctx *c, const sipmsg_sdp *sdp, unsigned flags)
{
	char *out;
	size_t olen;
	FUZZ_CHECK(sipmsg_sdp_write_alloc(sdp, flags, &out, &olen) == SIPMSG_OK, "SDP write");
	FUZZ_CHECK(sipmsg_sdp_write_size(sdp, flags) == olen, "SDP write size");
	if (!olen) {
		sipmsg_free(out);
		return;
	}
	if (getenv("FUZZ_TRACE"))
		fprintf(stderr, "SDP:\n%.*s\n", (int)olen, out);
	sipmsg_parse_opts ro;
	fuzz_sdp_reparse_opts(&ro, olen);
	sipmsg_sdp *r;
	sipmsg_error err;
	sipmsg_status st = sipmsg_sdp_parse(out, olen, &ro, &r, &err);
	FUZZ_CHECK(st == SIPMSG_OK, "the written SDP does not parse: %s: %s\n%.*s", sipmsg_status_name(st), err.reason,
		   (int)olen, out);
	size_t media = sipmsg_sdp_media_count(sdp);
	FUZZ_CHECK(sipmsg_sdp_media_count(r) == media, "%zu media, after a parse %zu\n%.*s", media,
		   sipmsg_sdp_media_count(r), (int)olen, out);
	compare_section(c, sipmsg_sdp_session(sdp), sipmsg_sdp_session(r), "session");
	for (size_t i = 0; i < media; i++) {
		const sipmsg_sdp_section *a = sipmsg_sdp_media_at(sdp, i), *b = sipmsg_sdp_media_at(r, i);
		compare_section(c, a, b, "media");
		FUZZ_CHECK(sipmsg_sdp_media_direction(a) == sipmsg_sdp_media_direction(b), "media %zu direction", i);
	}
	sipmsg_sdp_free(r);
	sipmsg_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = {data, size};
	uint8_t mode = fuzz_u8(&in), b1 = fuzz_u8(&in);
	struct ctx c;
	c.fail = mode & 1;
	fuzz_alloc_init(&c.fa, c.fail ? 1u + b1 : 0);
	unsigned wflags = mode & 16 ? SIPMSG_WRITE_COMPACT : 0, sflags = mode & 32 ? SIPMSG_WRITE_CANONICAL : 0;

	/* the message to build on */
	sipmsg_msg *m = NULL;
	bool parsed = false;
	sipmsg_status st = SIPMSG_OK;
	if (mode & 4) {
		struct str t = take_str(&in);
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		o.allocator = &c.fa.al;
		before(&c);
		st = sipmsg_parse(t.p, t.n, &o, &m, NULL);
		if (c.fa.failed > c.failed)
			FUZZ_CHECK(st == SIPMSG_ENOMEM, "parse with a failed allocation: %s", sipmsg_status_name(st));
		parsed = st == SIPMSG_OK;
	}
	if (!parsed && mode & 2) {
		int code = fuzz_u16(&in) % 800;
		uint8_t f = fuzz_u8(&in);
		struct str r = take_str(&in);
		before(&c);
		st = sipmsg_response_new(code, f & 1 ? NULL : r.p, r.n, &c.fa.al, &m);
		expect(&c, st, code < 100 || code > 699 || (!(f & 1) && !fuzz_is_text(r.p, r.n)) ? SIPMSG_EINVAL : SIPMSG_OK,
		       "response_new");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(sipmsg_msg_status(m) == code && !sipmsg_msg_is_request(m) && sipmsg_header_count(m) == 1,
				   "response_new reads back");
	} else if (!parsed) {
		struct str me = take_str(&in), u = take_str(&in);
		bool ok = u.n > 0;
		for (size_t i = 0; i < u.n; i++)
			ok &= (unsigned char)u.p[i] > 0x20 && (unsigned char)u.p[i] != 0x7f;
		before(&c);
		st = sipmsg_request_new(me.p, me.n, u.p, u.n, &c.fa.al, &m);
		if (!(st == SIPMSG_ESYNTAX && fuzz_is_token(me.p, me.n) && ok))
			expect(&c, st, fuzz_is_token(me.p, me.n) && ok ? SIPMSG_OK : SIPMSG_EINVAL, "request_new");
		if (st == SIPMSG_OK)
			FUZZ_CHECK(same(sipmsg_msg_method(m), me.p, me.n) && same(sipmsg_msg_request_uri(m), u.p, u.n) &&
					   sipmsg_header_count(m) == 1,
				   "request_new reads back");
	}
	if (st != SIPMSG_OK)
		FUZZ_CHECK(m == NULL, "a failed call left a message");

	/* the SDP to build on */
	sipmsg_sdp *sdp = NULL;
	if (mode & 8) {
		struct str t = take_str(&in);
		sipmsg_parse_opts o;
		sipmsg_parse_opts_init(&o);
		o.allocator = &c.fa.al;
		o.flags |= SIPMSG_PARSE_COPY;
		before(&c);
		st = sipmsg_sdp_parse(t.p, t.n, &o, &sdp, NULL);
		if (c.fa.failed > c.failed)
			FUZZ_CHECK(st == SIPMSG_ENOMEM, "SDP parse with a failed allocation: %s", sipmsg_status_name(st));
	}
	if (!sdp) {
		before(&c);
		st = sipmsg_sdp_new(&c.fa.al, &sdp);
		expect(&c, st, SIPMSG_OK, "sdp_new");
	}

	size_t maxh = SIPMSG_DEFAULT_MAX_HEADERS; /* built and parsed with the defaults */
	for (int k = 0; k < MAX_OPS && in.n; k++) {
		uint8_t op = fuzz_u8(&in);
		if (op < 0x80) {
			if (m)
				sip_op(&c, m, op, &in, maxh, wflags);
		} else if (sdp) {
			sdp_op(&c, sdp, op, &in, m);
		}
	}
	if (m)
		check_roundtrip(&c, m, wflags, "message");
	if (sdp)
		check_sdp_roundtrip(&c, sdp, sflags);
	sipmsg_msg_free(m);
	sipmsg_sdp_free(sdp);
	fuzz_alloc_check_balanced(&c.fa, "build");
	return 0;
}
