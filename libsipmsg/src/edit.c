/* SPDX-License-Identifier: MIT */
/* Layer 4 (raw part): editing headers, the start line and the body, building
 * a message from scratch, and cloning. Everything new is copied into the
 * message's arena; untouched fragments keep pointing at the input. */
#include "internal.h"

#include <stdio.h>

static bool valid_token(const char *p, size_t n)
{
	if (!p || n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!sm_is((unsigned char)p[i], SM_C_TOKEN))
			return false;
	return true;
}

/* A value may hold any byte but CR, LF and the other control characters
 * (HTAB allowed): the writer emits it on one line. */
static bool valid_value(const char *p, size_t n)
{
	if (!p && n)
		return false;
	return sm_find_ctl(p, n) == n;
}

/* A value is stored as a parse would give it: without SP/HTAB at its ends
 * (written "Name: value", they would be trimmed by the next reader anyway,
 * and the typed views would see what the wire never says). */
static void trim_value(const char **value, size_t *vlen)
{
	const char *v = *value;
	size_t n = *vlen;
	while (n && (v[0] == ' ' || v[0] == '\t'))
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	*value = v;
	*vlen = n;
}

/* Is header line i, just edited, what its grammar reads? The typed parser
 * of a known header decides (RFC 3261 §25 and the extensions' grammars): an
 * edit must not make a message that reads back otherwise, or not at all.
 * The diagnostic of a failed parse leaves the list (the caller undoes the
 * edit) for sipmsg_msg_edit_refusal(). */
static sipmsg_status check_edited(sipmsg_msg *m, size_t i, bool inserted)
{
	uint32_t ndiags = m->ndiags;
	sipmsg_status st = sm_typed_parse_header(m, i);
	if (st != SIPMSG_ESYNTAX)
		return st;
	sipmsg_diag *d = m->ndiags > ndiags ? sm_alloc(m->arena, sizeof *d) : NULL;
	if (d) {
		*d = m->diags[ndiags];
		if (inserted)
			d->header_index = SM_NOPOS; /* the line goes away */
	}
	m->edit_refusal = d;
	m->ndiags = ndiags;
	return st;
}

const sipmsg_diag *sipmsg_msg_edit_refusal(const sipmsg_msg *m) { return m ? m->edit_refusal : NULL; }

/* A line that a parse with the message's limits would refuse. */
static bool line_too_long(const sipmsg_msg *m, size_t nlen, size_t vlen)
{
	return nlen > UINT32_MAX || vlen > UINT32_MAX || nlen + 2 + vlen > m->opts.max_line_length;
}

static sipmsg_status fill_header(sipmsg_msg *m, struct sm_hdr *h, const char *name, size_t nlen, const char *value,
				 size_t vlen)
{
	if (line_too_long(m, nlen, vlen))
		return SIPMSG_ELIMIT;
	trim_value(&value, &vlen);
	char *n = sm_memdup(m->arena, name, nlen);
	char *v = sm_memdup(m->arena, value ? value : "", vlen);
	if (!n || !v)
		return SIPMSG_ENOMEM;
	sipmsg_hdr_id id = sm_hdr_lookup(name, nlen);
	memset(h, 0, sizeof *h);
	h->name = n;
	h->name_len = (uint32_t)nlen;
	h->value = v;
	h->value_len = (uint32_t)vlen;
	h->id = (uint16_t)id;
	h->flags = (uint16_t)(SIPMSG_HEADER_MODIFIED | (nlen == 1 && id ? SIPMSG_HEADER_COMPACT : 0));
	return SIPMSG_OK;
}

static void remove_at(sipmsg_msg *m, size_t index)
{
	unsigned id = m->hdrs[index].id;
	memmove(&m->hdrs[index], &m->hdrs[index + 1], (m->nhdrs - index - 1) * sizeof m->hdrs[0]);
	m->nhdrs--;
	sm_index_removed(m, (uint32_t)index, id);
}

sipmsg_status sipmsg_header_insert(sipmsg_msg *m, size_t index, const char *name, size_t nlen, const char *value,
				   size_t vlen)
{
	if (!m || index > m->nhdrs || !valid_token(name, nlen) || !valid_value(value, vlen))
		return SIPMSG_EINVAL;
	if (m->nhdrs >= m->opts.max_headers)
		return SIPMSG_ELIMIT;
	struct sm_hdr h;
	sipmsg_status st = fill_header(m, &h, name, nlen, value, vlen);
	if (st)
		return st;
	if ((st = sm_hdrs_reserve(m, 1)))
		return st;
	memmove(&m->hdrs[index + 1], &m->hdrs[index], (m->nhdrs - index) * sizeof h);
	m->hdrs[index] = h;
	m->nhdrs++;
	sm_index_inserted(m, (uint32_t)index);
	if ((st = check_edited(m, index, true))) {
		remove_at(m, index);
		return st;
	}
	/* a Content-Length of the caller's replaces the one a built message
	 * started with (sipmsg_request_new) */
	if (h.id == SIPMSG_HDR_CONTENT_LENGTH)
		for (size_t i = 0; i < m->nhdrs; i++)
			if (m->hdrs[i].flags & SM_H_AUTO_LENGTH) {
				remove_at(m, i);
				break;
			}
	sm_touch(m);
	return SIPMSG_OK;
}

sipmsg_status sipmsg_header_add(sipmsg_msg *m, const char *name, size_t nlen, const char *value, size_t vlen)
{
	if (!m)
		return SIPMSG_EINVAL;
	size_t at = m->nhdrs;
	/* Peers reject headers after a closing Content-Length (OpenSIPS #951). */
	if (at && m->hdrs[at - 1].id == SIPMSG_HDR_CONTENT_LENGTH && sm_hdr_lookup(name, nlen) != SIPMSG_HDR_CONTENT_LENGTH)
		at--;
	return sipmsg_header_insert(m, at, name, nlen, value, vlen);
}

/* Replace a header's value; the caller has checked it for control
 * characters. Undone when the header's grammar refuses it. */
static sipmsg_status replace_value(sipmsg_msg *m, size_t index, const char *value, size_t vlen)
{
	struct sm_hdr *h = &m->hdrs[index];
	if (h->flags & SIPMSG_HEADER_BAD_LINE)
		return SIPMSG_EINVAL;
	if (line_too_long(m, h->name_len, vlen))
		return SIPMSG_ELIMIT;
	trim_value(&value, &vlen);
	char *v = sm_memdup(m->arena, value ? value : "", vlen);
	if (!v)
		return SIPMSG_ENOMEM;
	struct sm_hdr old = *h;
	h->value = v;
	h->value_len = (uint32_t)vlen;
	h->view = NULL;
	h->raw_len = 0;
	h->flags = (uint16_t)((h->flags & SIPMSG_HEADER_COMPACT) | SIPMSG_HEADER_MODIFIED);
	sipmsg_status st = check_edited(m, index, false);
	if (st) {
		*h = old;
		return st;
	}
	sm_touch(m);
	return SIPMSG_OK;
}

sipmsg_status sipmsg_header_replace(sipmsg_msg *m, size_t index, const char *value, size_t vlen)
{
	if (m && index >= m->nhdrs)
		return SIPMSG_ENOTFOUND; /* as sipmsg_header_remove() and sipmsg_header_at() */
	if (!m || !valid_value(value, vlen))
		return SIPMSG_EINVAL;
	return replace_value(m, index, value, vlen);
}

sipmsg_status sipmsg_header_remove(sipmsg_msg *m, size_t index)
{
	if (!m || index >= m->nhdrs)
		return SIPMSG_ENOTFOUND;
	remove_at(m, index);
	sm_touch(m);
	return SIPMSG_OK;
}

/* Remove, in one pass, every header at index `from` or later that
 * sipmsg_header_find_name() finds under this name. Removing them one by one
 * would cost the header count for each (a search, a memmove, an index
 * rebuild): quadratic in a peer-controlled count. */
static size_t remove_named(sipmsg_msg *m, const char *name, size_t nlen, size_t from)
{
	if (!m || !name)
		return 0;
	sipmsg_hdr_id id = sm_hdr_lookup(name, nlen);
	uint32_t w = (uint32_t)from;
	for (uint32_t r = (uint32_t)from; r < m->nhdrs; r++) {
		const struct sm_hdr *h = &m->hdrs[r];
		bool match = id ? h->id == id
				: h->id == SIPMSG_HDR_OTHER && !(h->flags & SIPMSG_HEADER_BAD_LINE) &&
					  sm_casecmp_eq(h->name, h->name_len, name, nlen);
		if (!match)
			m->hdrs[w++] = *h;
	}
	size_t n = m->nhdrs - w;
	if (n) {
		m->nhdrs = w;
		sm_touch(m);
		sm_index_rebuild(m);
	}
	return n;
}

size_t sipmsg_header_remove_all(sipmsg_msg *m, const char *name, size_t nlen)
{
	return remove_named(m, name, nlen, 0);
}

sipmsg_status sipmsg_header_set(sipmsg_msg *m, const char *name, size_t nlen, const char *value, size_t vlen)
{
	if (!m || !valid_token(name, nlen) || !valid_value(value, vlen))
		return SIPMSG_EINVAL;
	if (vlen > UINT32_MAX)
		return SIPMSG_EINVAL;
	/* a known name is looked up once, then found by id */
	sipmsg_hdr_id id = sm_hdr_lookup(name, nlen);
	long first = id ? sipmsg_header_find(m, id, 0) : sipmsg_header_find_name(m, name, nlen, 0);
	if (first < 0)
		return sipmsg_header_add(m, name, nlen, value, vlen);
	if (m->hdrs[first].flags & SIPMSG_HEADER_BAD_LINE)
		return SIPMSG_EINVAL;
	sipmsg_status st = replace_value(m, (size_t)first, value, vlen);
	if (st)
		return st;
	remove_named(m, name, nlen, (size_t)first + 1);
	return SIPMSG_OK;
}

sipmsg_status sipmsg_msg_set_body(sipmsg_msg *m, const void *body, size_t len, const char *content_type)
{
	if (!m || (!body && len) || (content_type && !valid_value(content_type, strlen(content_type))))
		return SIPMSG_EINVAL;
	char *b = sm_memdup(m->arena, body, len);
	if (!b)
		return SIPMSG_ENOMEM;
	/* Content-Type first: a value its grammar refuses changes nothing */
	sipmsg_status st = SIPMSG_OK;
	if (content_type)
		st = sipmsg_header_set(m, SM_LIT("Content-Type"), content_type, strlen(content_type));
	if (st)
		return st;
	char num[24];
	int n = snprintf(num, sizeof num, "%zu", len);
	if ((st = sipmsg_header_set(m, SM_LIT("Content-Length"), num, (size_t)n)))
		return st;
	if (!content_type && len == 0)
		sipmsg_header_remove_all(m, SM_LIT("Content-Type"));
	m->body = (sipmsg_slice){b, len};
	m->body_modified = true;
	m->modified = true;
	return SIPMSG_OK;
}

/* A Request-URI is one word without control characters (EINVAL), and a
 * SIP, SIPS or absolute URI (RFC 3261 §25.1) as the URI parser reads it
 * (ESYNTAX: "bob" or "sip:" would make a start line that does not parse). */
static sipmsg_status check_uri_text(sipmsg_arena *a, const char *p, size_t n)
{
	if (!p || n == 0)
		return SIPMSG_EINVAL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c <= 0x20 || c == 0x7f)
			return SIPMSG_EINVAL;
	}
	sipmsg_uri u;
	return !a || sipmsg_uri_parse(p, n, a, NULL, &u, NULL) == SIPMSG_OK ? SIPMSG_OK : SIPMSG_ESYNTAX;
}

sipmsg_status sipmsg_msg_set_request_uri(sipmsg_msg *m, const char *uri, size_t len)
{
	if (!m || !m->is_request)
		return m ? SIPMSG_ESTATE : SIPMSG_EINVAL;
	sipmsg_status st = check_uri_text(m->arena, uri, len);
	if (st)
		return st;
	char *u = sm_memdup(m->arena, uri, len);
	if (!u)
		return SIPMSG_ENOMEM;
	m->ruri = (sipmsg_slice){u, len};
	m->start_modified = m->modified = true;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_msg_set_method(sipmsg_msg *m, const char *method, size_t len)
{
	if (!m || !m->is_request)
		return m ? SIPMSG_ESTATE : SIPMSG_EINVAL;
	if (!valid_token(method, len))
		return SIPMSG_EINVAL;
	char *s = sm_memdup(m->arena, method, len);
	if (!s)
		return SIPMSG_ENOMEM;
	m->method = (sipmsg_slice){s, len};
	m->method_id = sipmsg_method_lookup(s, len);
	m->start_modified = m->modified = true;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_msg_set_status(sipmsg_msg *m, int code, const char *reason, size_t rlen)
{
	if (!m || m->is_request)
		return m ? SIPMSG_ESTATE : SIPMSG_EINVAL;
	if (code < 100 || code > 699)
		return SIPMSG_EINVAL;
	if (!reason) {
		reason = sipmsg_reason_phrase_or_class(code);
		rlen = strlen(reason);
	}
	if (!valid_value(reason, rlen))
		return SIPMSG_EINVAL;
	char *r = sm_memdup(m->arena, reason, rlen);
	if (!r)
		return SIPMSG_ENOMEM;
	m->status = code;
	m->reason = (sipmsg_slice){r, rlen};
	m->start_modified = m->modified = true;
	return SIPMSG_OK;
}

static const char version_2_0[] = "SIP/2.0";

static sipmsg_status new_message(const sipmsg_allocator *al, sipmsg_msg **out)
{
	if (!out)
		return SIPMSG_EINVAL;
	*out = NULL;
	sipmsg_arena *a = sipmsg_arena_new(al, 16384); /* a built INVITE with a WebRTC SDP fits */
	if (!a)
		return SIPMSG_ENOMEM;
	sipmsg_msg *m = sm_msg_new(a, true, NULL, 0);
	if (!m) {
		sipmsg_arena_free(a);
		return SIPMSG_ENOMEM;
	}
	m->version = (sipmsg_slice){version_2_0, 7};
	m->start_modified = m->modified = true;
	/* RFC 3261 §18.3, §20.14: Content-Length on stream transports; true to
	 * the body from the start. A Content-Length the caller adds replaces it
	 * (sipmsg_header_insert), so a builder that adds its own (the Python
	 * Request) still writes one. */
	sipmsg_status st = sipmsg_header_add(m, SM_LIT("Content-Length"), "0", 1);
	if (st) {
		sipmsg_msg_free(m);
		return st;
	}
	m->hdrs[0].flags |= SM_H_AUTO_LENGTH;
	*out = m;
	return SIPMSG_OK;
}

/* A new request; its Request-URI checked by the URI grammar when `checked`. */
static sipmsg_status request_new(const char *method, size_t mlen, const char *uri, size_t ulen,
				 const sipmsg_allocator *al, sipmsg_msg **out, bool checked)
{
	if (!valid_token(method, mlen) || check_uri_text(NULL, uri, ulen)) {
		if (out)
			*out = NULL;
		return SIPMSG_EINVAL;
	}
	sipmsg_status st = new_message(al, out);
	if (st)
		return st;
	sipmsg_msg *m = *out;
	m->is_request = true;
	if (!(st = sipmsg_msg_set_method(m, method, mlen))) {
		if (checked) {
			st = sipmsg_msg_set_request_uri(m, uri, ulen);
		} else {
			char *u = sm_memdup(m->arena, uri, ulen);
			if (u)
				m->ruri = (sipmsg_slice){u, ulen};
			else
				st = SIPMSG_ENOMEM;
		}
	}
	if (st) {
		sipmsg_msg_free(m);
		*out = NULL;
	}
	return st;
}

sipmsg_status sipmsg_request_new(const char *method, size_t mlen, const char *uri, size_t ulen,
				 const sipmsg_allocator *al, sipmsg_msg **out)
{
	return request_new(method, mlen, uri, ulen, al, out, true);
}

/* ACK and CANCEL carry the INVITE's Request-URI as it is (RFC 3261 §9.1,
 * §17.1.1.3), whatever a lenient parse let through: it is not checked
 * again, only for the bytes a line cannot hold. */
sipmsg_status sm_request_new_same_uri(const char *method, size_t mlen, const char *uri, size_t ulen,
				      const sipmsg_allocator *al, sipmsg_msg **out)
{
	return request_new(method, mlen, uri, ulen, al, out, false);
}

sipmsg_status sipmsg_response_new(int code, const char *reason, size_t rlen, const sipmsg_allocator *al,
				  sipmsg_msg **out)
{
	if (code < 100 || code > 699 || (reason && !valid_value(reason, rlen))) {
		if (out)
			*out = NULL;
		return SIPMSG_EINVAL;
	}
	sipmsg_status st = new_message(al, out);
	if (st)
		return st;
	sipmsg_msg *m = *out;
	m->is_request = false;
	if ((st = sipmsg_msg_set_status(m, code, reason, rlen))) {
		sipmsg_msg_free(m);
		*out = NULL;
	}
	return st;
}

sipmsg_status sipmsg_msg_clone(const sipmsg_msg *m, sipmsg_msg **out)
{
	if (!m || !out)
		return SIPMSG_EINVAL;
	*out = NULL;
	char *buf;
	size_t len;
	sipmsg_status st = sipmsg_write_alloc(m, 0, &buf, &len);
	if (st)
		return st;
	/* Re-parse our own output with nothing in the way: no strictness, no
	 * stream rule (an edit may have removed Content-Length; a copy has no
	 * transport), and limits that fit what edits made (they are not
	 * checked against max_line_length). */
	sipmsg_parse_opts o = m->opts;
	o.flags = (o.flags & ~(uint32_t)(SIPMSG_PARSE_STRICT | SIPMSG_PARSE_STREAM)) | SIPMSG_PARSE_COPY;
	o.lenient = SIPMSG_LENIENT_ALL;
	o.must_be_valid[0] = o.must_be_valid[1] = 0;
	o.arena = NULL;
	o.max_message_size = len > o.max_message_size ? len : o.max_message_size;
	o.max_headers = m->nhdrs > o.max_headers ? m->nhdrs : o.max_headers;
	o.max_line_length = len > o.max_line_length ? len : o.max_line_length;
	st = sipmsg_parse(buf, len, &o, out, NULL);
	sipmsg_free(buf);
	if (st == SIPMSG_OK)
		(*out)->opts = m->opts;
	return st;
}
