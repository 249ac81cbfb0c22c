/* SPDX-License-Identifier: MIT */
/* The message object: creation, the start-line and body accessors, and the
 * raw header API (count, index, find, iterate values, split lists). */
#include "internal.h"

sipmsg_status sm_hdrs_reserve(sipmsg_msg *m, uint32_t extra)
{
	if (m->nhdrs + (uint64_t)extra <= m->cap)
		return SIPMSG_OK;
	uint64_t cap = (uint64_t)m->cap * 2;
	if (cap < m->nhdrs + (uint64_t)extra)
		cap = m->nhdrs + (uint64_t)extra;
	if (cap > UINT32_MAX / 2)
		return SIPMSG_ENOMEM;
	struct sm_hdr *h = sm_realloc_last(m->arena, m->hdrs, m->cap * sizeof *h, (size_t)cap * sizeof *h);
	if (!h)
		return SIPMSG_ENOMEM;
	m->hdrs = h;
	m->cap = (uint32_t)cap;
	return SIPMSG_OK;
}

void sm_index_rebuild(sipmsg_msg *m)
{
	memset(m->first, 0, sizeof m->first);
	for (uint32_t i = m->nhdrs; i-- > 0;)
		if (m->hdrs[i].id)
			m->first[m->hdrs[i].id] = i + 1;
}

/* Header `index` was just inserted: entries at or after it moved up by one.
 * O(ids), so building a message header by header stays linear. */
void sm_index_inserted(sipmsg_msg *m, uint32_t index)
{
	for (unsigned id = 1; id < SIPMSG_HDR_COUNT_; id++)
		if (m->first[id] > index)
			m->first[id]++;
	unsigned id = m->hdrs[index].id;
	if (id && (!m->first[id] || m->first[id] > index + 1))
		m->first[id] = index + 1;
}

/* Header `index`, whose id was `id`, was just removed. */
void sm_index_removed(sipmsg_msg *m, uint32_t index, unsigned id)
{
	for (unsigned k = 1; k < SIPMSG_HDR_COUNT_; k++)
		if (m->first[k] > index + 1)
			m->first[k]--;
	if (id && m->first[id] == index + 1) {
		m->first[id] = 0;
		for (uint32_t i = index; i < m->nhdrs; i++)
			if (m->hdrs[i].id == id) {
				m->first[id] = i + 1;
				break;
			}
	}
}

bool sm_parse_uint(const char *p, size_t n, uint64_t max, uint64_t *out)
{
	if (n == 0 || n > 20)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)p[i] - '0';
		if (d > 9)
			return false;
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

void sipmsg_msg_free(sipmsg_msg *m)
{
	if (m && m->own_arena)
		sipmsg_arena_free(m->arena);
}

static const sipmsg_slice empty_slice = {NULL, 0};

bool sipmsg_msg_is_request(const sipmsg_msg *m) { return m && m->is_request; }
sipmsg_slice sipmsg_msg_method(const sipmsg_msg *m) { return m && m->is_request ? m->method : empty_slice; }
sipmsg_method sipmsg_msg_method_id(const sipmsg_msg *m)
{
	return m && m->is_request ? m->method_id : SIPMSG_METHOD_OTHER;
}
sipmsg_slice sipmsg_msg_request_uri(const sipmsg_msg *m) { return m && m->is_request ? m->ruri : empty_slice; }
sipmsg_slice sipmsg_msg_version(const sipmsg_msg *m) { return m ? m->version : empty_slice; }
int sipmsg_msg_status(const sipmsg_msg *m) { return m && !m->is_request ? m->status : 0; }
sipmsg_slice sipmsg_msg_reason(const sipmsg_msg *m) { return m && !m->is_request ? m->reason : empty_slice; }
sipmsg_slice sipmsg_msg_body(const sipmsg_msg *m) { return m ? m->body : empty_slice; }
size_t sipmsg_msg_length(const sipmsg_msg *m) { return m ? m->length : 0; }
sipmsg_slice sipmsg_msg_trailing(const sipmsg_msg *m) { return m ? m->trailing : empty_slice; }
sipmsg_arena *sipmsg_msg_arena(const sipmsg_msg *m) { return m ? m->arena : NULL; }
bool sipmsg_msg_is_modified(const sipmsg_msg *m) { return m && m->modified; }

size_t sipmsg_header_count(const sipmsg_msg *m) { return m ? m->nhdrs : 0; }

sipmsg_status sipmsg_header_at(const sipmsg_msg *m, size_t i, sipmsg_header *out)
{
	if (!m || !out || i >= m->nhdrs)
		return SIPMSG_ENOTFOUND;
	const struct sm_hdr *h = &m->hdrs[i];
	out->name = (sipmsg_slice){h->name, h->name_len};
	out->value = (sipmsg_slice){h->value, h->value_len};
	out->id = (sipmsg_hdr_id)h->id;
	out->flags = h->flags & 0xffu;
	out->offset = h->raw_len && sm_in_input(m, h->name) ? (size_t)(h->name - m->base) : SM_NOPOS;
	out->line = h->raw_len ? h->line : 0;
	return SIPMSG_OK;
}

long sipmsg_header_find(const sipmsg_msg *m, sipmsg_hdr_id id, size_t from)
{
	if (!m || id <= SIPMSG_HDR_OTHER || id >= SIPMSG_HDR_COUNT_)
		return -1;
	uint32_t first = m->first[id];
	if (!first)
		return -1;
	size_t i = first - 1 > from ? first - 1 : from;
	for (; i < m->nhdrs; i++)
		if (m->hdrs[i].id == id)
			return (long)i;
	return -1;
}

/* Does header h carry this name? Known names match by id (long or compact). */
static bool name_matches(const struct sm_hdr *h, sipmsg_hdr_id id, const char *name, size_t len)
{
	if (id)
		return h->id == id;
	return h->id == SIPMSG_HDR_OTHER && sm_casecmp_eq(h->name, h->name_len, name, len);
}

long sipmsg_header_find_name(const sipmsg_msg *m, const char *name, size_t len, size_t from)
{
	if (!m || !name)
		return -1;
	sipmsg_hdr_id id = sm_hdr_lookup(name, len);
	if (id)
		return sipmsg_header_find(m, id, from);
	for (size_t i = from; i < m->nhdrs; i++)
		if (name_matches(&m->hdrs[i], id, name, len) && !(m->hdrs[i].flags & SIPMSG_HEADER_BAD_LINE))
			return (long)i;
	return -1;
}

size_t sipmsg_header_count_id(const sipmsg_msg *m, sipmsg_hdr_id id)
{
	size_t n = 0;
	for (long i = sipmsg_header_find(m, id, 0); i >= 0; i = sipmsg_header_find(m, id, (size_t)i + 1))
		n++;
	return n;
}

bool sipmsg_list_next(sipmsg_slice *rest, sipmsg_slice *item)
{
	if (!rest || !item || !rest->ptr)
		return false;
	const char *p = rest->ptr, *end = p + rest->len, *q = p;
	int angle = 0, paren = 0;
	bool quote = false;
	for (; q < end; q++) {
		char c = *q;
		if (quote) {
			if (c == '\\' && q + 1 < end)
				q++;
			else if (c == '"')
				quote = false;
		} else if (c == '"') {
			quote = true;
		} else if (c == '<') {
			angle++;
		} else if (c == '>') {
			if (angle)
				angle--;
		} else if (c == '(') {
			paren++;
		} else if (c == ')') {
			if (paren)
				paren--;
		} else if (c == '\\' && paren && q + 1 < end) {
			q++;
		} else if (c == ',' && !angle && !paren) {
			break;
		}
	}
	const char *ib = p, *ie = q;
	while (ib < ie && sm_is((unsigned char)*ib, SM_C_LWS))
		ib++;
	while (ie > ib && sm_is((unsigned char)ie[-1], SM_C_LWS))
		ie--;
	item->ptr = ib;
	item->len = (size_t)(ie - ib);
	if (q < end) {
		rest->ptr = q + 1;
		rest->len = (size_t)(end - q - 1);
	} else {
		rest->ptr = NULL;
		rest->len = 0;
	}
	return true;
}

/* The edit count went into the tail padding: the struct keeps the size and
 * member offsets it had without it, so callers built before it still fit. */
struct sm_value_iter_v1 {
	const sipmsg_msg *msg;
	sipmsg_hdr_id id;
	sipmsg_slice name;
	size_t next_header, header;
	sipmsg_slice rest;
	bool split, in_line;
};
_Static_assert(sizeof(sipmsg_value_iter) == sizeof(struct sm_value_iter_v1) &&
		       offsetof(sipmsg_value_iter, in_line) == offsetof(struct sm_value_iter_v1, in_line),
	       "sipmsg_value_iter keeps its layout");

static void values_start(sipmsg_value_iter *it, const sipmsg_msg *m, sipmsg_hdr_id id, const char *name,
			 size_t len)
{
	memset(it, 0, sizeof *it);
	it->msg = m;
	it->edits = m ? (uint16_t)m->edits : 0;
	it->id = id;
	it->name = (sipmsg_slice){name, len};
	it->split = id && (sm_hdr_rows[id].flags & SIPMSG_HF_LIST);
	it->next_header = (m && id && id < SIPMSG_HDR_COUNT_) ? (m->first[id] ? m->first[id] - 1 : m->nhdrs) : 0;
}

void sipmsg_values_begin(sipmsg_value_iter *it, const sipmsg_msg *m, const char *name, size_t len)
{
	if (!it)
		return;
	values_start(it, m, name ? sm_hdr_lookup(name, len) : SIPMSG_HDR_OTHER, name, len);
}

void sipmsg_values_begin_id(sipmsg_value_iter *it, const sipmsg_msg *m, sipmsg_hdr_id id)
{
	if (!it)
		return;
	if (id <= SIPMSG_HDR_OTHER || id >= SIPMSG_HDR_COUNT_)
		id = SIPMSG_HDR_OTHER;
	values_start(it, m, id, NULL, 0);
	if (!id)
		it->next_header = m ? m->nhdrs : 0; /* nothing to match */
}

bool sipmsg_values_next(sipmsg_value_iter *it, sipmsg_slice *value)
{
	if (!it || !it->msg || !value)
		return false;
	const sipmsg_msg *m = it->msg;
	/* an edit may have removed the line `rest` points into, or shifted the
	 * indexes: the walk ends rather than return stale or repeated values */
	if ((uint16_t)m->edits != it->edits)
		return false;
	for (;;) {
		if (it->in_line) {
			sipmsg_slice item;
			if (sipmsg_list_next(&it->rest, &item)) {
				if (item.len == 0)
					continue;
				*value = item;
				return true;
			}
			it->in_line = false;
		}
		if (!it->id && !it->name.ptr)
			return false;
		size_t i = it->next_header;
		while (i < m->nhdrs && (!name_matches(&m->hdrs[i], it->id, it->name.ptr, it->name.len) ||
					(m->hdrs[i].flags & SIPMSG_HEADER_BAD_LINE)))
			i++;
		if (i >= m->nhdrs) {
			it->next_header = i;
			return false;
		}
		it->header = i;
		it->next_header = i + 1;
		const struct sm_hdr *h = &m->hdrs[i];
		if (!it->split) {
			*value = (sipmsg_slice){h->value, h->value_len};
			return true;
		}
		it->rest = (sipmsg_slice){h->value, h->value_len};
		it->in_line = true;
	}
}
