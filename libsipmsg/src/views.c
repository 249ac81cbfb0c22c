/* SPDX-License-Identifier: MIT */
/* The public accessors of the typed views (sipmsg/views.h): by header line,
 * across every value of one header, and the common headers by name. Views
 * are parsed on first access and cached, so the message is logically const
 * but physically written. */
#include "typed.h"

static sipmsg_msg *mut(const sipmsg_msg *m) { return (sipmsg_msg *)(uintptr_t)m; }

static sipmsg_hdr_kind kind_of(const struct sm_hdr *h)
{
	return h->id ? (sipmsg_hdr_kind)sm_hdr_rows[h->id].kind : SIPMSG_KIND_TEXT;
}

/* Values of a line without a typed grammar: its list elements, or the value. */
static size_t text_count(const struct sm_hdr *h)
{
	if (!h->id || !(sm_hdr_rows[h->id].flags & SIPMSG_HF_LIST))
		return 1;
	sipmsg_slice rest = {h->value, h->value_len}, item;
	size_t n = 0;
	while (sipmsg_list_next(&rest, &item))
		n += item.len != 0;
	return n;
}

static bool text_value(const struct sm_hdr *h, size_t j, sipmsg_slice *out)
{
	if (!h->id || !(sm_hdr_rows[h->id].flags & SIPMSG_HF_LIST)) {
		*out = (sipmsg_slice){h->value, h->value_len};
		return j == 0;
	}
	sipmsg_slice rest = {h->value, h->value_len}, item;
	while (sipmsg_list_next(&rest, &item))
		if (item.len && j-- == 0) {
			*out = item;
			return true;
		}
	return false;
}

sipmsg_status sipmsg_header_parse(const sipmsg_msg *cm, size_t i, size_t *count)
{
	if (count)
		*count = 0;
	if (!cm || i >= cm->nhdrs)
		return SIPMSG_ENOTFOUND;
	sipmsg_msg *m = mut(cm);
	sipmsg_status st = sm_typed_parse_header(m, i);
	if (st)
		return st;
	const struct sm_hdr *h = &m->hdrs[i];
	if (count)
		*count = h->view ? ((const struct sm_vals *)h->view)->n : text_count(h);
	return SIPMSG_OK;
}

static void fill_typed(sipmsg_typed *out, sipmsg_hdr_kind kind, const void *v)
{
	switch (kind) {
	case SIPMSG_KIND_NAMEADDR:
	case SIPMSG_KIND_CONTACT: out->nameaddr = v; break;
	case SIPMSG_KIND_VIA: out->via = v; break;
	case SIPMSG_KIND_CSEQ: out->cseq = v; break;
	case SIPMSG_KIND_CALLID: out->callid = v; break;
	case SIPMSG_KIND_UINT:
	case SIPMSG_KIND_UINT_PARAMS: out->number = v; break;
	case SIPMSG_KIND_MEDIATYPE: out->mediatype = v; break;
	case SIPMSG_KIND_TOKEN:
	case SIPMSG_KIND_TOKEN_PARAMS: out->token = v; break;
	case SIPMSG_KIND_AUTH:
	case SIPMSG_KIND_AUTH_INFO: out->auth = v; break;
	case SIPMSG_KIND_RETRY_AFTER: out->retry_after = v; break;
	case SIPMSG_KIND_WARNING: out->warning = v; break;
	case SIPMSG_KIND_RACK: out->rack = v; break;
	case SIPMSG_KIND_TIMESTAMP: out->timestamp = v; break;
	case SIPMSG_KIND_DATE: out->date = v; break;
	case SIPMSG_KIND_REPLACES: out->replaces = v; break;
	case SIPMSG_KIND_SESSION_ID: out->session_id = v; break;
	case SIPMSG_KIND_RESOURCE_PRIORITY: out->resource_priority = v; break;
	case SIPMSG_KIND_CHARGING_VECTOR: out->charging_vector = v; break;
	case SIPMSG_KIND_ACCESS_NETWORK_INFO: out->access_network_info = v; break;
	default: break;
	}
}

sipmsg_status sipmsg_header_value(const sipmsg_msg *cm, size_t i, size_t j, sipmsg_typed *out)
{
	if (!cm || !out || i >= cm->nhdrs)
		return SIPMSG_ENOTFOUND;
	sipmsg_msg *m = mut(cm);
	sipmsg_status st = sm_typed_parse_header(m, i);
	if (st)
		return st;
	const struct sm_hdr *h = &m->hdrs[i];
	memset(out, 0, sizeof *out);
	out->kind = kind_of(h);
	out->id = (sipmsg_hdr_id)h->id;
	out->header = i;
	out->index = j;
	const struct sm_vals *v = h->view;
	if (!v) {
		out->kind = SIPMSG_KIND_TEXT;
		return text_value(h, j, &out->raw) ? SIPMSG_OK : SIPMSG_ENOTFOUND;
	}
	if (j >= v->n)
		return SIPMSG_ENOTFOUND;
	const void *item = (const char *)v->items + j * sm_kind_view_size(out->kind);
	out->raw = *(const sipmsg_slice *)item; /* every view starts with raw */
	fill_typed(out, out->kind, item);
	return SIPMSG_OK;
}

size_t sipmsg_typed_count(const sipmsg_msg *m, sipmsg_hdr_id id)
{
	size_t n = 0, c;
	for (long i = sipmsg_header_find(m, id, 0); i >= 0; i = sipmsg_header_find(m, id, (size_t)i + 1))
		if (sipmsg_header_parse(m, (size_t)i, &c) == SIPMSG_OK)
			n += c;
	return n;
}

sipmsg_status sipmsg_typed_at(const sipmsg_msg *cm, sipmsg_hdr_id id, size_t k, sipmsg_typed *out)
{
	if (!cm || !out || id <= SIPMSG_HDR_OTHER || id >= SIPMSG_HDR_COUNT_)
		return SIPMSG_ENOTFOUND;
	sipmsg_msg *m = mut(cm);
	struct sm_typed_state *s = sm_typed_state(m);
	if (!s)
		return SIPMSG_ENOMEM;
	/* Resume from the cursor when it still describes this message's lines
	 * (no edit since it was set: an edit of an earlier line can change how
	 * many values come before it): sequential reads then cost O(1) each. */
	long i = sipmsg_header_find(m, id, 0);
	size_t base = 0;
	if (s->cur_id == id && s->cur_edits == m->edits && s->cur_line < m->nhdrs && k >= s->cur_base &&
	    m->hdrs[s->cur_line].id == id && s->cur_view && m->hdrs[s->cur_line].view == s->cur_view) {
		i = (long)s->cur_line;
		base = s->cur_base;
	}
	for (; i >= 0; i = sipmsg_header_find(m, id, (size_t)i + 1)) {
		size_t c;
		sipmsg_status st = sipmsg_header_parse(m, (size_t)i, &c);
		if (st == SIPMSG_ENOMEM)
			return st;
		if (st)
			continue;
		if (k < base + c) {
			s->cur_id = id;
			s->cur_line = (uint32_t)i;
			s->cur_edits = m->edits;
			s->cur_base = base;
			s->cur_view = m->hdrs[i].view;
			return sipmsg_header_value(m, (size_t)i, k - base, out);
		}
		base += c;
	}
	return SIPMSG_ENOTFOUND;
}

/* The first value of the first line of id, when it parsed. */
static const void *first_view(const sipmsg_msg *m, sipmsg_hdr_id id)
{
	if (!m || !m->first[id])
		return NULL;
	size_t i = m->first[id] - 1;
	const struct sm_vals *v = sm_typed_vals(mut(m), i, NULL);
	return v && v->n ? v->items : NULL;
}

sipmsg_slice sipmsg_msg_call_id(const sipmsg_msg *m)
{
	const sipmsg_callid *c = first_view(m, SIPMSG_HDR_CALL_ID);
	return c ? c->raw : (sipmsg_slice){NULL, 0};
}

const sipmsg_cseq *sipmsg_msg_cseq(const sipmsg_msg *m) { return first_view(m, SIPMSG_HDR_CSEQ); }
const sipmsg_nameaddr *sipmsg_msg_from(const sipmsg_msg *m) { return first_view(m, SIPMSG_HDR_FROM); }
const sipmsg_nameaddr *sipmsg_msg_to(const sipmsg_msg *m) { return first_view(m, SIPMSG_HDR_TO); }
const sipmsg_mediatype *sipmsg_msg_content_type(const sipmsg_msg *m)
{
	return first_view(m, SIPMSG_HDR_CONTENT_TYPE);
}

size_t sipmsg_msg_via_count(const sipmsg_msg *m) { return sipmsg_typed_count(m, SIPMSG_HDR_VIA); }

const sipmsg_via *sipmsg_msg_via(const sipmsg_msg *m, size_t k)
{
	sipmsg_typed t;
	return sipmsg_typed_at(m, SIPMSG_HDR_VIA, k, &t) == SIPMSG_OK ? t.via : NULL;
}

size_t sipmsg_msg_contact_count(const sipmsg_msg *m) { return sipmsg_typed_count(m, SIPMSG_HDR_CONTACT); }

const sipmsg_nameaddr *sipmsg_msg_contact(const sipmsg_msg *m, size_t k)
{
	sipmsg_typed t;
	return sipmsg_typed_at(m, SIPMSG_HDR_CONTACT, k, &t) == SIPMSG_OK ? t.nameaddr : NULL;
}

sipmsg_status sipmsg_msg_number(const sipmsg_msg *m, sipmsg_hdr_id id, uint32_t *value)
{
	if (!m || id <= SIPMSG_HDR_OTHER || id >= SIPMSG_HDR_COUNT_ || !value)
		return SIPMSG_EINVAL;
	unsigned kind = sm_hdr_rows[id].kind;
	if (kind != SIPMSG_KIND_UINT && kind != SIPMSG_KIND_UINT_PARAMS)
		return SIPMSG_EINVAL;
	if (!m->first[id])
		return SIPMSG_ENOTFOUND;
	const sipmsg_number *n = first_view(m, id);
	if (!n)
		return SIPMSG_ESYNTAX;
	*value = n->value;
	return SIPMSG_OK;
}

const sipmsg_uri *sipmsg_msg_request_uri_parsed(const sipmsg_msg *m)
{
	const sipmsg_uri *u = NULL;
	if (m)
		sm_typed_parse_ruri(mut(m), &u);
	return u;
}

size_t sipmsg_msg_parse_all(const sipmsg_msg *cm)
{
	if (!cm)
		return 0;
	sipmsg_msg *m = mut(cm);
	size_t bad = 0;
	for (size_t i = 0; i < m->nhdrs; i++)
		bad += sm_typed_parse_header(m, i) != SIPMSG_OK;
	const sipmsg_uri *u;
	if (m->is_request)
		bad += sm_typed_parse_ruri(m, &u) != SIPMSG_OK;
	return bad;
}
