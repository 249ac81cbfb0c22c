/* SPDX-License-Identifier: MIT */
/* Layer 4 (typed part): setters that write canonical header values, random
 * branches and tags, and the messages RFC 3261 derives from others: a
 * response (§8.2.6), the ACK for a non-2xx response (§17.1.1.3) and CANCEL
 * (§9.1). Everything goes through the editing calls of edit.c. */
#include "sipmsg/build.h"
#include "typed.h"
#include "uri.h"

#include <errno.h>
#include <sys/random.h>

/* A string built in the message's arena (growing at its top). */
struct sbuf {
	sipmsg_arena *a;
	char *p;
	size_t n, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *p = sm_realloc_last(b->a, b->p, b->cap, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_str(struct sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

/* 32 symbols, so that a random byte's low 5 bits pick one uniformly. */
static sipmsg_status random_chars(char *out, size_t n)
{
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuv";
	unsigned char r[32];
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom(r + got, n - got, 0);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return SIPMSG_EUNSUPPORTED;
		}
		got += (size_t)k;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[r[i] & 31];
	return SIPMSG_OK;
}

sipmsg_status sipmsg_generate_branch(char *buf, size_t size)
{
	if (!buf || size < SIPMSG_BRANCH_SIZE)
		return SIPMSG_ENOSPC;
	memcpy(buf, "z9hG4bK", 7);
	sipmsg_status st = random_chars(buf + 7, 16);
	buf[st ? 0 : 23] = '\0';
	return st;
}

sipmsg_status sipmsg_generate_tag(char *buf, size_t size)
{
	if (!buf || size < SIPMSG_TAG_SIZE)
		return SIPMSG_ENOSPC;
	sipmsg_status st = random_chars(buf, 16);
	buf[st ? 0 : 16] = '\0';
	return st;
}

static bool is_token(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!sm_is((unsigned char)*s, SM_C_TOKEN))
			return false;
	return true;
}

static bool valid_uri(sipmsg_msg *m, const char *uri)
{
	sipmsg_uri u;
	return uri && sipmsg_uri_parse(uri, strlen(uri), m->arena, NULL, &u, NULL) == SIPMSG_OK;
}

/* A display name as a quoted-string; false for bytes no quoted-string holds. */
static bool add_display(struct sbuf *b, const char *display)
{
	sb_add(b, "\"", 1);
	for (const char *s = display; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
		if (c == '"' || c == '\\')
			sb_add(b, "\\", 1);
		sb_add(b, s, 1);
	}
	sb_add(b, "\" ", 2);
	return true;
}

/* `"display" <uri>;tag=tag` into b; EINVAL for a bad argument. */
static sipmsg_status nameaddr_text(sipmsg_msg *m, struct sbuf *b, const char *display, const char *uri,
				   const char *tag)
{
	if (!valid_uri(m, uri) || (tag && !is_token(tag)))
		return SIPMSG_EINVAL;
	if (display && *display && !add_display(b, display))
		return SIPMSG_EINVAL;
	sb_add(b, "<", 1);
	sb_str(b, uri);
	sb_add(b, ">", 1);
	if (tag) {
		sb_add(b, ";tag=", 5);
		sb_str(b, tag);
	}
	return b->oom ? SIPMSG_ENOMEM : SIPMSG_OK;
}

static sipmsg_status set_id(sipmsg_msg *m, sipmsg_hdr_id id, const struct sbuf *b)
{
	const char *name = sm_hdr_rows[id].name;
	return sipmsg_header_set(m, name, strlen(name), b->p, b->n);
}

static sipmsg_status add_id(sipmsg_msg *m, sipmsg_hdr_id id, const char *value, size_t len)
{
	const char *name = sm_hdr_rows[id].name;
	return sipmsg_header_add(m, name, strlen(name), value, len);
}

static sipmsg_status set_nameaddr(sipmsg_msg *m, sipmsg_hdr_id id, const char *display, const char *uri,
				  const char *tag)
{
	if (!m)
		return SIPMSG_EINVAL;
	struct sbuf b = {.a = m->arena};
	sipmsg_status st = nameaddr_text(m, &b, display, uri, tag);
	return st ? st : set_id(m, id, &b);
}

sipmsg_status sipmsg_msg_set_from(sipmsg_msg *m, const char *display, const char *uri, const char *tag)
{
	return set_nameaddr(m, SIPMSG_HDR_FROM, display, uri, tag);
}

sipmsg_status sipmsg_msg_set_to(sipmsg_msg *m, const char *display, const char *uri, const char *tag)
{
	return set_nameaddr(m, SIPMSG_HDR_TO, display, uri, tag);
}

sipmsg_status sipmsg_msg_add_contact(sipmsg_msg *m, const char *display, const char *uri)
{
	if (!m)
		return SIPMSG_EINVAL;
	struct sbuf b = {.a = m->arena};
	sipmsg_status st = nameaddr_text(m, &b, display, uri, NULL);
	return st ? st : add_id(m, SIPMSG_HDR_CONTACT, b.p, b.n);
}

sipmsg_status sipmsg_msg_add_route(sipmsg_msg *m, const char *uri)
{
	if (!m)
		return SIPMSG_EINVAL;
	struct sbuf b = {.a = m->arena};
	sipmsg_status st = nameaddr_text(m, &b, NULL, uri, NULL);
	if (st)
		return st;
	/* after the last Route, so that the route set keeps its order */
	long last = -1;
	for (long i = sipmsg_header_find(m, SIPMSG_HDR_ROUTE, 0); i >= 0;
	     i = sipmsg_header_find(m, SIPMSG_HDR_ROUTE, (size_t)i + 1))
		last = i;
	if (last < 0)
		return add_id(m, SIPMSG_HDR_ROUTE, b.p, b.n);
	return sipmsg_header_insert(m, (size_t)last + 1, SM_LIT("Route"), b.p, b.n);
}

sipmsg_status sipmsg_msg_set_call_id(sipmsg_msg *m, const char *call_id)
{
	if (!m)
		return SIPMSG_EINVAL;
	char gen[SIPMSG_TAG_SIZE];
	if (!call_id) {
		sipmsg_status st = sipmsg_generate_tag(gen, sizeof gen);
		if (st)
			return st;
		call_id = gen;
	}
	size_t n = strlen(call_id);
	const char *e = sm_span(sm_ctype, SM_C_WORD, call_id, call_id + n);
	if (e < call_id + n && *e == '@' && e > call_id)
		e = sm_span(sm_ctype, SM_C_WORD, e + 1, call_id + n);
	if (n == 0 || e != call_id + n || call_id[n - 1] == '@')
		return SIPMSG_EINVAL;
	return sipmsg_header_set(m, SM_LIT("Call-ID"), call_id, n);
}

sipmsg_status sipmsg_msg_set_cseq(sipmsg_msg *m, uint32_t number, const char *method)
{
	if (!m)
		return SIPMSG_EINVAL;
	sipmsg_slice meth = method ? (sipmsg_slice){method, strlen(method)} : sipmsg_msg_method(m);
	char buf[96];
	/* RFC 3261 §8.1.1.5: the sequence number MUST be less than 2^31 */
	if (!meth.len || meth.len > 64 || (method && !is_token(method)) || number > INT32_MAX)
		return SIPMSG_EINVAL;
	int n = snprintf(buf, sizeof buf, "%lu %.*s", (unsigned long)number, (int)meth.len, meth.ptr);
	return sipmsg_header_set(m, SM_LIT("CSeq"), buf, (size_t)n);
}

sipmsg_status sipmsg_msg_set_number(sipmsg_msg *m, sipmsg_hdr_id id, uint32_t value)
{
	if (!m || id <= SIPMSG_HDR_OTHER || id >= SIPMSG_HDR_COUNT_ ||
	    (sm_hdr_rows[id].kind != SIPMSG_KIND_UINT && sm_hdr_rows[id].kind != SIPMSG_KIND_UINT_PARAMS) ||
	    !sm_number_allowed(id, value))
		return SIPMSG_EINVAL;
	/* only the number changes: Session-Expires keeps ;refresher= (RFC 4028 §9) */
	sipmsg_slice rest = {"", 0};
	sipmsg_typed t;
	if (sm_hdr_rows[id].kind == SIPMSG_KIND_UINT_PARAMS && m->first[id] &&
	    sipmsg_header_value(m, m->first[id] - 1, 0, &t) == SIPMSG_OK && t.number->param_count) {
		const char *p = t.raw.ptr, *end = p + t.raw.len;
		while (p < end && sm_is((unsigned char)*p, SM_C_DIGIT))
			p++;
		rest = (sipmsg_slice){p, (size_t)(end - p)};
	}
	struct sbuf b = {.a = m->arena};
	char num[16];
	int n = snprintf(num, sizeof num, "%lu", (unsigned long)value);
	sb_add(&b, num, (size_t)n);
	sb_add(&b, rest.ptr, rest.len);
	if (b.oom)
		return SIPMSG_ENOMEM;
	return set_id(m, id, &b);
}

sipmsg_status sipmsg_msg_push_via(sipmsg_msg *m, const char *transport, const char *host, uint16_t port,
				  const char *branch)
{
	if (!m || !is_token(transport) || !host || !*host || (branch && !is_token(branch)))
		return SIPMSG_EINVAL;
	char gen[SIPMSG_BRANCH_SIZE];
	sipmsg_status st;
	if (!branch) {
		if ((st = sipmsg_generate_branch(gen, sizeof gen)))
			return st;
		branch = gen;
	}
	struct sbuf b = {.a = m->arena};
	sb_add(&b, "SIP/2.0/", 8);
	sb_str(&b, transport);
	sb_add(&b, " ", 1);
	size_t host_at = b.n;
	bool bracket = strchr(host, ':') && host[0] != '[';
	if (bracket)
		sb_add(&b, "[", 1);
	sb_str(&b, host);
	if (bracket)
		sb_add(&b, "]", 1);
	if (b.oom)
		return SIPMSG_ENOMEM;
	/* the host must be a host (name, IPv4, IPv6 reference) and nothing else */
	struct sm_uri_ctx c = {.arena = m->arena, .max_params = 1};
	sipmsg_slice hs;
	sipmsg_host_type ht;
	const char *after = NULL;
	if (sm_host_parse(&c, b.p + host_at, b.p + b.n, &hs, &ht, &after) || after != b.p + b.n || c.warn.code)
		return SIPMSG_EINVAL;
	if (port) {
		char pb[8];
		int n = snprintf(pb, sizeof pb, ":%u", (unsigned)port);
		sb_add(&b, pb, (size_t)n);
	}
	sb_add(&b, ";branch=", 8);
	sb_str(&b, branch);
	if (b.oom)
		return SIPMSG_ENOMEM;
	long first = sipmsg_header_find(m, SIPMSG_HDR_VIA, 0);
	return sipmsg_header_insert(m, first >= 0 ? (size_t)first : 0, SM_LIT("Via"), b.p, b.n);
}

/* Add header `id` with value v to out, folding undone (CRLF SP becomes SP),
 * and suffix appended (may be NULL). */
static sipmsg_status copy_value(sipmsg_msg *out, sipmsg_hdr_id id, sipmsg_slice v, const char *suffix)
{
	struct sbuf b = {.a = out->arena};
	for (size_t i = 0; i < v.len;) {
		if (v.ptr[i] == '\r' || v.ptr[i] == '\n') {
			while (b.n && (b.p[b.n - 1] == ' ' || b.p[b.n - 1] == '\t'))
				b.n--;
			while (i < v.len && sm_is((unsigned char)v.ptr[i], SM_C_LWS))
				i++;
			sb_add(&b, " ", 1);
			continue;
		}
		sb_add(&b, v.ptr + i, 1);
		i++;
	}
	if (suffix)
		sb_str(&b, suffix);
	if (b.oom)
		return SIPMSG_ENOMEM;
	return add_id(out, id, b.n ? b.p : "", b.n);
}

/* Copy every line of id from src to dst, in order. */
static sipmsg_status copy_all(const sipmsg_msg *src, sipmsg_msg *dst, sipmsg_hdr_id id)
{
	for (long i = sipmsg_header_find(src, id, 0); i >= 0; i = sipmsg_header_find(src, id, (size_t)i + 1)) {
		const struct sm_hdr *h = &src->hdrs[i];
		sipmsg_status st = copy_value(dst, id, (sipmsg_slice){h->value, h->value_len}, NULL);
		if (st)
			return st;
	}
	return SIPMSG_OK;
}

/* The ";tag" parameter without a value in the To value v (from its
 * semicolon through its name), or a NULL slice. */
static sipmsg_slice valueless_tag(const sipmsg_nameaddr *to, sipmsg_slice v)
{
	for (size_t i = 0; i < to->param_count; i++) {
		const sipmsg_param *pr = &to->params[i];
		if (pr->value.ptr || !sm_eq_lower(pr->name.ptr, pr->name.len, SM_LIT("tag")) || pr->name.ptr <= v.ptr ||
		    pr->name.ptr + pr->name.len > v.ptr + v.len)
			continue;
		const char *semi = pr->name.ptr;
		while (semi > v.ptr && semi[-1] != ';')
			semi--;
		if (semi == v.ptr)
			continue;
		semi--;
		while (semi > v.ptr && sm_is((unsigned char)semi[-1], SM_C_LWS))
			semi--;
		return (sipmsg_slice){semi, (size_t)(pr->name.ptr + pr->name.len - semi)};
	}
	return (sipmsg_slice){NULL, 0};
}

static bool creates_dialog(sipmsg_method m)
{
	return m == SIPMSG_METHOD_INVITE || m == SIPMSG_METHOD_SUBSCRIBE || m == SIPMSG_METHOD_REFER ||
	       m == SIPMSG_METHOD_NOTIFY;
}

sipmsg_status sipmsg_make_response(const sipmsg_msg *req, int code, const char *reason, const char *to_tag,
				   sipmsg_msg **out)
{
	if (out)
		*out = NULL;
	if (!req || !out || code < 100 || code > 699 || (to_tag && !is_token(to_tag)))
		return SIPMSG_EINVAL;
	/* RFC 3261 §17.1.1.3, §17.2.1: an ACK is never answered */
	if (!req->is_request || req->method_id == SIPMSG_METHOD_ACK)
		return SIPMSG_ESTATE;
	/* §8.2.6.2: the response's To is the request's (as sipmsg_make_cancel) */
	if (!req->first[SIPMSG_HDR_TO])
		return SIPMSG_EINVAL;
	sipmsg_msg *r;
	sipmsg_status st = sipmsg_response_new(code, reason, reason ? strlen(reason) : 0,
					       sm_arena_allocator(req->arena), &r);
	if (st)
		return st;
	const sipmsg_nameaddr *to = sipmsg_msg_to(req);
	const char *suffix = NULL;
	const struct sm_hdr *to_line = &req->hdrs[req->first[SIPMSG_HDR_TO] - 1];
	sipmsg_slice to_value = {to_line->value, to_line->value_len};
	if (to && !to->tag.ptr && code != 100) {
		/* a ";tag" without a value gives way to the new one (two tag
		 * parameters would be ambiguous) */
		sipmsg_slice cut = valueless_tag(to, to_value);
		if (cut.ptr) {
			struct sbuf v = {.a = r->arena};
			sb_add(&v, to_value.ptr, (size_t)(cut.ptr - to_value.ptr));
			sb_add(&v, cut.ptr + cut.len, (size_t)(to_value.ptr + to_value.len - (cut.ptr + cut.len)));
			if (v.oom) {
				st = SIPMSG_ENOMEM;
				goto fail;
			}
			to_value = (sipmsg_slice){v.p, v.n};
		}
		char gen[SIPMSG_TAG_SIZE];
		if (!to_tag && (st = sipmsg_generate_tag(gen, sizeof gen)))
			goto fail;
		struct sbuf b = {.a = r->arena};
		sb_add(&b, ";tag=", 5);
		sb_str(&b, to_tag ? to_tag : gen);
		if (b.oom) {
			st = SIPMSG_ENOMEM;
			goto fail;
		}
		suffix = b.p;
	}
	/* in the order the request has them: Via lines first, then the rest */
	for (uint32_t i = 0; i < req->nhdrs; i++) {
		const struct sm_hdr *h = &req->hdrs[i];
		sipmsg_hdr_id id = (sipmsg_hdr_id)h->id;
		bool copy = id == SIPMSG_HDR_VIA || id == SIPMSG_HDR_FROM || id == SIPMSG_HDR_CALL_ID ||
			    id == SIPMSG_HDR_CSEQ || id == SIPMSG_HDR_TIMESTAMP ||
			    (id == SIPMSG_HDR_RECORD_ROUTE && code > 100 && code < 300 && creates_dialog(req->method_id));
		if (id == SIPMSG_HDR_TO)
			st = req->first[SIPMSG_HDR_TO] == i + 1
				     ? copy_value(r, id, to_value, suffix)
				     : copy_value(r, id, (sipmsg_slice){h->value, h->value_len}, NULL);
		else if (copy)
			st = copy_value(r, id, (sipmsg_slice){h->value, h->value_len}, NULL);
		if (st)
			goto fail;
	}
	if ((st = sipmsg_header_add(r, SM_LIT("Content-Length"), "0", 1)))
		goto fail;
	*out = r;
	return SIPMSG_OK;
fail:
	sipmsg_msg_free(r);
	return st;
}

/* A request derived from an INVITE (ACK, CANCEL): method, the INVITE's
 * Request-URI, its top Via, Max-Forwards, Route set, From, Call-ID. */
static sipmsg_status derived_request(const sipmsg_msg *inv, const char *method, sipmsg_msg **out)
{
	sipmsg_msg *r;
	sipmsg_status st = sm_request_new_same_uri(method, strlen(method), inv->ruri.ptr, inv->ruri.len,
						   sm_arena_allocator(inv->arena), &r);
	if (st)
		return st;
	const sipmsg_via *via = sipmsg_msg_via(inv, 0);
	uint32_t mf = 70;
	sipmsg_msg_number(inv, SIPMSG_HDR_MAX_FORWARDS, &mf);
	if (!via)
		st = SIPMSG_EINVAL;
	if (!st)
		st = copy_value(r, SIPMSG_HDR_VIA, via->raw, NULL);
	if (!st)
		st = sipmsg_msg_set_number(r, SIPMSG_HDR_MAX_FORWARDS, mf);
	if (!st)
		st = copy_all(inv, r, SIPMSG_HDR_ROUTE);
	if (!st)
		st = copy_all(inv, r, SIPMSG_HDR_FROM);
	if (!st)
		st = copy_all(inv, r, SIPMSG_HDR_CALL_ID);
	if (st) {
		sipmsg_msg_free(r);
		return st;
	}
	*out = r;
	return SIPMSG_OK;
}

static sipmsg_status finish_derived(sipmsg_msg *r, const sipmsg_cseq *cseq, const char *method, sipmsg_msg **out)
{
	sipmsg_status st = sipmsg_msg_set_cseq(r, cseq->number, method);
	if (!st)
		st = sipmsg_header_add(r, SM_LIT("Content-Length"), "0", 1);
	if (st) {
		sipmsg_msg_free(r);
		return st;
	}
	*out = r;
	return SIPMSG_OK;
}

static bool is_invite(const sipmsg_msg *m) { return m->is_request && m->method_id == SIPMSG_METHOD_INVITE; }

sipmsg_status sipmsg_make_ack(const sipmsg_msg *inv, const sipmsg_msg *resp, sipmsg_msg **out)
{
	if (out)
		*out = NULL;
	if (!inv || !resp || !out)
		return SIPMSG_EINVAL;
	if (!is_invite(inv) || resp->is_request || resp->status < 300)
		return SIPMSG_ESTATE;
	const sipmsg_cseq *cseq = sipmsg_msg_cseq(inv);
	long to = sipmsg_header_find(resp, SIPMSG_HDR_TO, 0);
	if (!cseq || to < 0)
		return SIPMSG_EINVAL;
	sipmsg_msg *r;
	sipmsg_status st = derived_request(inv, "ACK", &r);
	if (st)
		return st;
	const struct sm_hdr *h = &resp->hdrs[to];
	if ((st = copy_value(r, SIPMSG_HDR_TO, (sipmsg_slice){h->value, h->value_len}, NULL))) {
		sipmsg_msg_free(r);
		return st;
	}
	return finish_derived(r, cseq, "ACK", out);
}

sipmsg_status sipmsg_make_cancel(const sipmsg_msg *inv, sipmsg_msg **out)
{
	if (out)
		*out = NULL;
	if (!inv || !out)
		return SIPMSG_EINVAL;
	if (!is_invite(inv))
		return SIPMSG_ESTATE;
	const sipmsg_cseq *cseq = sipmsg_msg_cseq(inv);
	if (!cseq || !inv->first[SIPMSG_HDR_TO])
		return SIPMSG_EINVAL;
	sipmsg_msg *r;
	sipmsg_status st = derived_request(inv, "CANCEL", &r);
	if (st)
		return st;
	if ((st = copy_all(inv, r, SIPMSG_HDR_TO))) {
		sipmsg_msg_free(r);
		return st;
	}
	return finish_derived(r, cseq, "CANCEL", out);
}
