/* SPDX-License-Identifier: MIT */
/* Typed views: the dispatch from a header's kind (its row in the header
 * table) to the parser of that grammar, the splitting of comma lists, and
 * the generic parameter list every grammar shares. A view is parsed once and
 * cached on the header; a value that does not parse is marked bad and
 * reported, and stays available raw. */
#include "typed.h"
#include "uri.h"

struct kind_info {
	sm_elem_fn parse;
	size_t size;
};

static const struct kind_info kinds[SIPMSG_KIND_COUNT] = {
	[SIPMSG_KIND_TEXT] = {NULL, 0},
	[SIPMSG_KIND_NAMEADDR] = {sm_parse_nameaddr, sizeof(sipmsg_nameaddr)},
	[SIPMSG_KIND_CONTACT] = {sm_parse_nameaddr, sizeof(sipmsg_nameaddr)},
	[SIPMSG_KIND_VIA] = {sm_parse_via, sizeof(sipmsg_via)},
	[SIPMSG_KIND_CSEQ] = {sm_parse_cseq, sizeof(sipmsg_cseq)},
	[SIPMSG_KIND_CALLID] = {sm_parse_callid, sizeof(sipmsg_callid)},
	[SIPMSG_KIND_UINT] = {sm_parse_number, sizeof(sipmsg_number)},
	[SIPMSG_KIND_UINT_PARAMS] = {sm_parse_number_params, sizeof(sipmsg_number)},
	[SIPMSG_KIND_MEDIATYPE] = {sm_parse_mediatype, sizeof(sipmsg_mediatype)},
	[SIPMSG_KIND_TOKEN] = {sm_parse_token, sizeof(sipmsg_token)},
	[SIPMSG_KIND_TOKEN_PARAMS] = {sm_parse_token_params, sizeof(sipmsg_token)},
	[SIPMSG_KIND_AUTH] = {sm_parse_auth, sizeof(sipmsg_auth)},
	[SIPMSG_KIND_AUTH_INFO] = {sm_parse_auth_info, sizeof(sipmsg_auth)},
	[SIPMSG_KIND_RETRY_AFTER] = {sm_parse_retry_after, sizeof(sipmsg_retry_after)},
	[SIPMSG_KIND_WARNING] = {sm_parse_warning, sizeof(sipmsg_warning)},
	[SIPMSG_KIND_RACK] = {sm_parse_rack, sizeof(sipmsg_rack)},
	[SIPMSG_KIND_TIMESTAMP] = {sm_parse_timestamp, sizeof(sipmsg_timestamp)},
	[SIPMSG_KIND_DATE] = {sm_parse_date, sizeof(sipmsg_date)},
	[SIPMSG_KIND_REPLACES] = {sm_parse_replaces, sizeof(sipmsg_replaces)},
	[SIPMSG_KIND_SESSION_ID] = {sm_parse_session_id, sizeof(sipmsg_session_id)},
	[SIPMSG_KIND_RESOURCE_PRIORITY] = {sm_parse_resource_priority, sizeof(sipmsg_resource_priority)},
	[SIPMSG_KIND_CHARGING_VECTOR] = {sm_parse_charging_vector, sizeof(sipmsg_charging_vector)},
	[SIPMSG_KIND_ACCESS_NETWORK_INFO] = {sm_parse_access_network_info, sizeof(sipmsg_access_network_info)},
};

size_t sm_kind_view_size(sipmsg_hdr_kind kind)
{
	return (unsigned)kind < SIPMSG_KIND_COUNT ? kinds[kind].size : 0;
}

sipmsg_status sm_typed_bad(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *msg)
{
	if (sm_diag_add(t->m, code, SIPMSG_SEVERITY_ERROR, at, t->index, msg))
		return SIPMSG_ENOMEM;
	return SIPMSG_ESYNTAX;
}

sipmsg_status sm_typed_badf(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *fmt, ...)
{
	char buf[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (sm_diag_addf(t->m, code, SIPMSG_SEVERITY_ERROR, at, t->index, "%s", buf))
		return SIPMSG_ENOMEM;
	return SIPMSG_ESYNTAX;
}

sipmsg_status sm_typed_warn(struct sm_tctx *t, sipmsg_diag_code code, const char *at, const char *msg)
{
	return sm_diag_add(t->m, code, SIPMSG_SEVERITY_WARNING, at, t->index, msg);
}

sipmsg_status sm_typed_fail(struct sm_tctx *t, sipmsg_status st, const struct sm_fail *f)
{
	if (st == SIPMSG_ENOMEM)
		return st;
	sipmsg_status r = sm_typed_bad(t, (sipmsg_diag_code)f->code, f->at, f->msg);
	return r == SIPMSG_ENOMEM ? r : SIPMSG_ESYNTAX;
}

/* gen-value after '=': quoted-string, an IPv6 reference, or token characters
 * (':' too, for the bare IPv6 address of Via received; hdr_via.c judges
 * received and maddr). */
static SM_INLINE const char *gen_value(const char *p, const char *end, sipmsg_slice *v, bool *quoted)
{
	const unsigned char *q = (const unsigned char *)p, *e = (const unsigned char *)end;
	if (q < e && *q == '"') {
		*quoted = true;
		return sm_quoted(p, end, v);
	}
	if (q < e && *q == '[') {
		const char *r = memchr(p, ']', (size_t)(end - p));
		if (!r)
			return NULL;
		q = (const unsigned char *)r + 1;
	} else {
		q = (const unsigned char *)sm_span(sm_uclass, SM_U_GENVAL, p, end);
	}
	*v = (sipmsg_slice){p, (size_t)((const char *)q - p)};
	return (const char *)q;
}

const char *sm_gen_value(const char *p, const char *end, sipmsg_slice *v, bool *quoted)
{
	return gen_value(p, end, v, quoted);
}

/* RFC 3455 §4.4's extension-access-info was a bare gen-value (";\"x\"",
 * ";[2001:db8::1]"); RFC 7315 and RFC 7913 made it a generic-param, but IMS
 * equipment still sends the old form. In P-Access-Network-Info it is read
 * as a parameter with an empty name (the check warns of it); a bare token
 * is a generic-param of either RFC already. */
static SM_INLINE bool nameless_item(const struct sm_tctx *t, const char *p, const char *end)
{
	return t->id == SIPMSG_HDR_P_ACCESS_NETWORK_INFO && p < end && (*p == '"' || *p == '[');
}

/* More parameters than the stack buffer holds: move them to the arena. */
static bool grow_params(sipmsg_arena *a, struct sm_vec *v)
{
	size_t cap = v->cap * 2;
	sipmsg_param *items = sm_alloc(a, cap * sizeof *items);
	if (!items)
		return false;
	memcpy(items, v->items, v->n * sizeof *items);
	v->items = items;
	v->cap = cap;
	return true;
}

sipmsg_status sm_gparams(struct sm_tctx *t, const char **pp, const char *end, const sipmsg_param **out,
			 size_t *count)
{
	const char *p = sm_skip_lws(*pp, end);
	*pp = p;
	if (p >= end || *p != ';')
		return SIPMSG_OK; /* no parameters: *out and *count stay as zeroed */
	/* the first parameters go to the stack, then to the arena in one piece */
	sipmsg_param local[8];
	struct sm_vec v = {local, 0, 8};
	size_t max = t->m->opts.max_uri_params;
	do {
		const char *nb = sm_skip_lws(p + 1, end);
		const char *ne = sm_skip_token(nb, end);
		if (ne == nb && !nameless_item(t, nb, end))
			return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, nb,
					    nb < end && *nb == ';' ? "empty parameter (\";;\")" : "a parameter name must be a token");
		if (SM_UNLIKELY(v.n >= max))
			return sm_typed_bad(t, SIPMSG_DIAG_LIMIT_URI_PARAMS, nb, "more parameters than max_uri_params");
		if (SM_UNLIKELY(v.n == v.cap) && !grow_params(t->m->arena, &v))
			return SIPMSG_ENOMEM;
		sipmsg_param *pr = (sipmsg_param *)v.items + v.n++;
		pr->name = (sipmsg_slice){nb, (size_t)(ne - nb)};
		pr->value = (sipmsg_slice){NULL, 0};
		pr->quoted = false;
		p = ne;
		if (p < end && sm_is((unsigned char)*p, SM_C_LWS))
			p = sm_skip_lws(p, end);
		if (ne == nb || (p < end && *p == '=')) {
			const char *vb = ne == nb ? nb : sm_skip_lws(p + 1, end);
			const char *ve = gen_value(vb, end, &pr->value, &pr->quoted);
			if (!ve)
				return sm_typed_bad(t, SIPMSG_DIAG_UNTERMINATED_QUOTE, vb,
						    "parameter value: quoted-string or IPv6 reference not closed");
			/* gen-value = token / host / quoted-string (RFC 3261 §25.1):
			 * say which when something is there ("expires=(n/a)") */
			if (ve == vb)
				return sm_typed_bad(t, SIPMSG_DIAG_BAD_PARAMETER, vb,
						    vb < end && *vb != ';' && *vb != ','
							    ? "a parameter value must be a token, host or quoted-string"
							    : "empty parameter value");
			p = ve;
			if (p < end && sm_is((unsigned char)*p, SM_C_LWS))
				p = sm_skip_lws(p, end);
		}
	} while (p < end && *p == ';');
	if (v.items == local) {
		void *a = sm_alloc(t->m->arena, v.n * sizeof(sipmsg_param));
		if (!a)
			return SIPMSG_ENOMEM;
		v.items = memcpy(a, local, v.n * sizeof(sipmsg_param));
	}
	*out = v.items;
	*count = v.n;
	*pp = p;
	return sm_param_rules_check(t, v.items, v.n);
}

/* Headers whose grammar allows an empty value (an empty list). */
static bool allows_empty(sipmsg_hdr_id id)
{
	switch (id) {
	case SIPMSG_HDR_ACCEPT:
	case SIPMSG_HDR_ACCEPT_ENCODING:
	case SIPMSG_HDR_ACCEPT_LANGUAGE:
	case SIPMSG_HDR_ALLOW:
	case SIPMSG_HDR_SUPPORTED:
	case SIPMSG_HDR_RECV_INFO:
	case SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY:
		return true;
	default:
		return false;
	}
}

/* Room for one more value (not zeroed: each parser zeroes its view); the
 * block is reallocated (copied) when full. */
static void *vals_slot(sipmsg_arena *a, struct sm_vals **vp, size_t size)
{
	struct sm_vals *v = *vp;
	if (v->n == v->cap) {
		uint32_t cap = v->cap * 4;
		struct sm_vals *nv = sm_alloc(a, sizeof *nv + (size_t)cap * size);
		if (!nv)
			return NULL;
		nv->n = v->n;
		nv->cap = cap;
		nv->items = nv + 1;
		memcpy(nv->items, v->items, (size_t)v->n * size);
		*vp = v = nv;
	}
	return (char *)v->items + (size_t)v->n * size;
}

static sipmsg_status parse_values(sipmsg_msg *m, size_t i, const struct kind_info *k, struct sm_vals **out)
{
	struct sm_hdr *h = &m->hdrs[i];
	struct sm_tctx t = {.m = m, .index = i, .id = (sipmsg_hdr_id)h->id,
			    .list = (sm_hdr_rows[h->id].flags & SIPMSG_HF_LIST) != 0};
	const char *p = h->value, *end = p + h->value_len;
	uint32_t cap = t.list ? 4 : 1;
	struct sm_vals *v = sm_alloc(m->arena, sizeof *v + cap * k->size);
	if (!v)
		return SIPMSG_ENOMEM;
	v->n = 0;
	v->cap = cap;
	v->items = v + 1;
	if (p == end) {
		*out = v;
		if (allows_empty(t.id))
			return SIPMSG_OK;
		return sm_typed_bad(&t, SIPMSG_DIAG_EMPTY_HEADER_VALUE, p, "empty value");
	}
	for (;;) {
		void *item = vals_slot(m->arena, &v, k->size);
		if (!item)
			return SIPMSG_ENOMEM;
		const char *stop = end;
		sipmsg_status st = k->parse(&t, p, end, &stop, item);
		if (st)
			return st;
		const char *re = stop;
		if (stop != end) /* the value itself is trimmed; an element ends before a ',' */
			while (re > p && sm_is((unsigned char)re[-1], SM_C_LWS))
				re--;
		*(sipmsg_slice *)item = (sipmsg_slice){p, (size_t)(re - p)};
		v->n++;
		if (stop == end)
			break;
		/* the parser stopped on a ',' of a list */
		p = sm_skip_lws(stop + 1, end);
		if (p == end || *p == ',')
			return sm_typed_bad(&t, SIPMSG_DIAG_EMPTY_LIST_ITEM, p, "empty element in the list");
		if (v->n >= m->opts.max_list_items)
			return sm_typed_bad(&t, SIPMSG_DIAG_LIMIT_LIST_ITEMS, p, "more list elements than max_list_items");
	}
	*out = v;
	return SIPMSG_OK;
}

sipmsg_status sm_typed_parse_general(sipmsg_msg *m, size_t i, struct sm_vals **out)
{
	struct sm_hdr *h = &m->hdrs[i];
	const struct kind_info *k = h->id ? &kinds[sm_hdr_rows[h->id].kind] : &kinds[SIPMSG_KIND_TEXT];
	*out = NULL;
	return k->parse ? parse_values(m, i, k, out) : SIPMSG_OK;
}

sipmsg_status sm_typed_parse_header(sipmsg_msg *m, size_t i)
{
	struct sm_hdr *h = &m->hdrs[i];
	if (h->flags & SM_H_VIEW_DONE)
		return (h->flags & SIPMSG_HEADER_BAD) ? SIPMSG_ESYNTAX : SIPMSG_OK;
	if (h->flags & SIPMSG_HEADER_BAD_LINE) {
		h->flags |= SM_H_VIEW_DONE;
		return SIPMSG_ESYNTAX;
	}
	const struct kind_info *k = h->id ? &kinds[sm_hdr_rows[h->id].kind] : &kinds[SIPMSG_KIND_TEXT];
	if (!k->parse) {
		h->flags |= SM_H_VIEW_DONE;
		return SIPMSG_OK;
	}
	sipmsg_status fst = sm_typed_fast(m, i);
	if (fst != SM_FAST_NO)
		return fst;
	struct sm_vals *v = NULL;
	sipmsg_status st = parse_values(m, i, k, &v);
	if (st == SIPMSG_ENOMEM)
		return st;
	h->flags |= SM_H_VIEW_DONE;
	if (st == SIPMSG_OK)
		h->view = v;
	else
		h->flags |= SIPMSG_HEADER_BAD;
	return st;
}

const struct sm_vals *sm_typed_vals(sipmsg_msg *m, size_t i, sipmsg_status *st)
{
	sipmsg_status s = sm_typed_parse_header(m, i);
	if (st)
		*st = s;
	return s == SIPMSG_OK ? m->hdrs[i].view : NULL;
}

struct sm_typed_state *sm_typed_state(sipmsg_msg *m)
{
	struct sm_typed_state *s = m->ext[SM_EXT_TYPED];
	if (!s) {
		s = sm_zalloc(m->arena, sizeof *s);
		m->ext[SM_EXT_TYPED] = s;
	}
	return s;
}

sipmsg_status sm_typed_parse_ruri(sipmsg_msg *m, const sipmsg_uri **out)
{
	*out = NULL;
	if (!m->is_request)
		return SIPMSG_ESTATE;
	struct sm_typed_state *s = sm_typed_state(m);
	if (!s)
		return SIPMSG_ENOMEM;
	if (s->ruri_done && s->ruri_text.ptr == m->ruri.ptr && s->ruri_text.len == m->ruri.len) {
		*out = s->ruri_bad ? NULL : &s->ruri;
		return s->ruri_bad ? SIPMSG_ESYNTAX : SIPMSG_OK;
	}
	memset(&s->ruri, 0, sizeof s->ruri);
	struct sm_uri_ctx c = {.arena = m->arena, .max_params = m->opts.max_uri_params};
	const char *p = m->ruri.ptr ? m->ruri.ptr : "";
	sipmsg_status st = sm_uri_parse(&c, p, p + m->ruri.len, &s->ruri);
	if (st == SIPMSG_ENOMEM)
		return st;
	s->ruri_done = true;
	s->ruri_text = m->ruri;
	s->ruri_bad = st != SIPMSG_OK;
	if (st) {
		if (sm_diag_addf(m, SIPMSG_DIAG_BAD_REQUEST_URI, SIPMSG_SEVERITY_ERROR, c.fail.at, SM_NOPOS,
				 "Request-URI: %s", c.fail.msg))
			return SIPMSG_ENOMEM;
		return SIPMSG_ESYNTAX;
	}
	if (c.warn.code && sm_diag_addf(m, (sipmsg_diag_code)c.warn.code, SIPMSG_SEVERITY_WARNING, c.warn.at,
					SM_NOPOS, "Request-URI: %s", c.warn.msg))
		return SIPMSG_ENOMEM;
	*out = &s->ruri;
	return SIPMSG_OK;
}
