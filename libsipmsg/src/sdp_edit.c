/* SPDX-License-Identifier: MIT */
/* Building and editing an SDP. New and changed lines are written into the
 * arena as "x=value" and flagged modified; every other line keeps pointing at
 * its input bytes, so it is written back unchanged. Lines go where RFC 8866
 * puts them; nothing else moves. */
#include "sdp_internal.h"

#include <stdio.h>

static bool clean(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == '\r' || p[i] == '\n' || p[i] == '\0')
			return false;
	return true;
}

/* A media section taken out by sipmsg_sdp_media_remove() still lives in the
 * arena but is written nowhere: an edit through it would be lost silently, so
 * it is refused (checked before the arguments, as the bindings do). */
#define SM_REFUSE_REMOVED(sec)                                                                                         \
	do {                                                                                                           \
		if ((sec) && (sec)->removed)                                                                           \
			return SIPMSG_ESTATE;                                                                          \
	} while (0)

sipmsg_status sm_sdp_reserve(sipmsg_sdp_section *s, uint32_t extra)
{
	if ((uint64_t)s->nlines + extra <= s->cap)
		return SIPMSG_OK;
	uint64_t cap = s->cap ? (uint64_t)s->cap * 2 : (uint64_t)s->nlines + 8;
	if (cap < (uint64_t)s->nlines + extra)
		cap = (uint64_t)s->nlines + extra;
	if (cap > UINT32_MAX / 2)
		return SIPMSG_ENOMEM;
	/* a parsed section shares the parse array: always copy, never grow in place */
	struct sm_sdp_line *nl = sm_alloc(s->sdp->arena, (size_t)cap * sizeof *nl);
	if (!nl)
		return SIPMSG_ENOMEM;
	if (s->nlines)
		memcpy(nl, s->lines, s->nlines * sizeof *nl);
	s->lines = nl;
	s->cap = (uint32_t)cap;
	return SIPMSG_OK;
}

/* A new line "t=value" or, for a=, "a=name[:value]" (value NULL: a flag). */
static sipmsg_status make_line(sipmsg_sdp *sdp, char type, const char *name, size_t nlen, const char *val,
			       size_t vlen, struct sm_sdp_line *l)
{
	if ((val && !clean(val, vlen)) || (name && !clean(name, nlen)) || nlen > UINT16_MAX ||
	    vlen > UINT32_MAX - nlen - 3)
		return SIPMSG_EINVAL;
	size_t len = 2 + (type == 'a' ? nlen + (val ? 1 : 0) : 0) + (val ? vlen : 0);
	char *p = sm_alloc(sdp->arena, len ? len : 1);
	if (!p)
		return SIPMSG_ENOMEM;
	size_t k = 0;
	p[k++] = type;
	p[k++] = '=';
	if (type == 'a') {
		memcpy(p + k, name, nlen);
		k += nlen;
		if (val)
			p[k++] = ':';
	}
	if (val && vlen)
		memcpy(p + k, val, vlen);
	memset(l, 0, sizeof *l);
	l->p = p;
	l->len = (uint32_t)len;
	l->type = type;
	l->eol = sdp->eol;
	l->flags = SM_SL_MODIFIED;
	if (type == 'a') {
		l->name_len = (uint16_t)nlen;
		l->attr = (uint8_t)sm_sdp_attr_lookup(name, nlen);
	}
	return SIPMSG_OK;
}

static sipmsg_status insert_at(sipmsg_sdp_section *s, size_t at, const struct sm_sdp_line *l)
{
	sipmsg_status st = sm_sdp_reserve(s, 1);
	if (st)
		return st;
	memmove(&s->lines[at + 1], &s->lines[at], (s->nlines - at) * sizeof *l);
	s->lines[at] = *l;
	s->nlines++;
	s->sdp->modified = true;
	return SIPMSG_OK;
}

/* Where a line of this type goes: after the last line that may precede it. */
static size_t ordered_pos(const sipmsg_sdp_section *s, char type)
{
	uint8_t r = sm_sdp_rank(s->is_media, type);
	size_t pos = s->is_media ? 1 : 0;
	for (size_t i = pos; i < s->nlines; i++) {
		uint8_t ri = sm_sdp_rank(s->is_media, s->lines[i].type);
		if (ri && ri <= r)
			pos = i + 1;
	}
	return pos;
}

static sipmsg_status replace_line(sipmsg_sdp_section *s, size_t i, const char *val, size_t vlen)
{
	struct sm_sdp_line *old = &s->lines[i], l;
	sipmsg_status st = make_line(s->sdp, old->type, old->p + 2, old->name_len, val, vlen, &l);
	if (st)
		return st;
	if (old->eol)
		l.eol = old->eol;
	*old = l;
	s->sdp->modified = true;
	return SIPMSG_OK;
}

/* Replace the first line of `type`, or add one at its place. */
static sipmsg_status set_line(sipmsg_sdp_section *s, char type, const char *val, size_t vlen)
{
	long i = sipmsg_sdp_line_find(s, type, 0);
	if (i >= 0)
		return replace_line(s, (size_t)i, val, vlen);
	struct sm_sdp_line l;
	sipmsg_status st = make_line(s->sdp, type, NULL, 0, val, vlen, &l);
	return st ? st : insert_at(s, ordered_pos(s, type), &l);
}

/* Format a view with `fn` into the arena and set it as the first line of `type`. */
static sipmsg_status set_formatted(sipmsg_sdp_section *s, char type, unsigned kind, const void *view)
{
	struct sm_out o = {NULL, 0, 0};
	sm_sdp_kinds[kind].write(&o, view);
	char *buf = sm_alloc(s->sdp->arena, o.len + 1);
	if (!buf)
		return SIPMSG_ENOMEM;
	struct sm_out w = {buf, o.len + 1, 0};
	sm_sdp_kinds[kind].write(&w, view);
	return set_line(s, type, buf, o.len);
}

sipmsg_status sipmsg_sdp_new(const sipmsg_allocator *allocator, sipmsg_sdp **out)
{
	if (!out)
		return SIPMSG_EINVAL;
	*out = NULL;
	sipmsg_arena *a = sipmsg_arena_new(allocator, 0);
	if (!a)
		return SIPMSG_ENOMEM;
	sipmsg_sdp *sdp = sm_sdp_alloc(a, true);
	sipmsg_status st = sdp ? SIPMSG_OK : SIPMSG_ENOMEM;
	if (!st)
		st = set_line(&sdp->session, 'v', SM_LIT("0"));
	if (!st)
		st = set_line(&sdp->session, 's', SM_LIT("-"));
	if (!st)
		st = set_line(&sdp->session, 't', SM_LIT("0 0"));
	if (st) {
		sipmsg_arena_free(a);
		return st;
	}
	sdp->modified = false; /* nothing to compare with: a built SDP starts clean */
	*out = sdp;
	return SIPMSG_OK;
}

/* One field of o= or c=: RFC 8866 §9 non-ws-string (or empty: the
 * formatter's default). A space would shift every field after it. */
static bool field_ok(sipmsg_slice f)
{
	if (!f.ptr && f.len)
		return false;
	for (size_t i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.ptr[i];
		if (c <= 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

sipmsg_status sipmsg_sdp_set_origin(sipmsg_sdp *sdp, const sipmsg_sdp_origin *origin)
{
	if (!sdp || !origin || !origin->address.len)
		return SIPMSG_EINVAL;
	if (!field_ok(origin->username) || !field_ok(origin->sess_id) || !field_ok(origin->sess_version) ||
	    !field_ok(origin->nettype) || !field_ok(origin->addrtype) || !field_ok(origin->address))
		return SIPMSG_EINVAL;
	return set_formatted(&sdp->session, 'o', SM_K_ORIGIN, origin);
}

sipmsg_status sipmsg_sdp_set_session_name(sipmsg_sdp *sdp, const char *name, size_t len)
{
	/* RFC 8866 §5.3: "The "s=" line MUST NOT be empty" ("s= " or "s=-" for none) */
	if (!sdp || !name || !len)
		return SIPMSG_EINVAL;
	return set_line(&sdp->session, 's', name, len);
}

sipmsg_status sipmsg_sdp_set_timing(sipmsg_sdp *sdp, uint64_t start, uint64_t stop)
{
	if (!sdp)
		return SIPMSG_EINVAL;
	sipmsg_sdp_timing t = {start, stop};
	return set_formatted(&sdp->session, 't', SM_K_TIMING, &t);
}

sipmsg_status sipmsg_sdp_set_connection(sipmsg_sdp_section *sec, const sipmsg_sdp_connection *conn)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || !conn || !conn->address.len || !field_ok(conn->nettype) ||
	    !field_ok(conn->addrtype) || !field_ok(conn->address))
		return SIPMSG_EINVAL;
	return set_formatted(sec, 'c', SM_K_CONNECTION, conn);
}

sipmsg_status sipmsg_sdp_connection_set_address(sipmsg_sdp_section *sec, size_t line, const char *addr, size_t len)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || !addr || !len || !field_ok((sipmsg_slice){addr, len}))
		return SIPMSG_EINVAL;
	sipmsg_sdp_connection c;
	sipmsg_status st = sipmsg_sdp_get_connection(sec, line, &c);
	if (st)
		return st;
	c.address = (sipmsg_slice){addr, len};
	bool v6 = memchr(addr, ':', len) != NULL;
	bool known = sm_eq_lower(c.addrtype.ptr, c.addrtype.len, SM_LIT("ip4")) ||
		     sm_eq_lower(c.addrtype.ptr, c.addrtype.len, SM_LIT("ip6"));
	if (known)
		c.addrtype = v6 ? (sipmsg_slice){SM_LIT("IP6")} : (sipmsg_slice){SM_LIT("IP4")};
	if (v6 && c.ttl >= 0) {
		/* an IP6 multicast address takes a count, no TTL */
		c.ttl = -1;
	}
	struct sm_out o = {NULL, 0, 0};
	sm_sdp_write_connection(&o, &c);
	char *buf = sm_alloc(sec->sdp->arena, o.len + 1);
	if (!buf)
		return SIPMSG_ENOMEM;
	struct sm_out w = {buf, o.len + 1, 0};
	sm_sdp_write_connection(&w, &c);
	return replace_line(sec, line, buf, o.len);
}

sipmsg_status sipmsg_sdp_media_set_port(sipmsg_sdp_section *media, uint32_t port)
{
	SM_REFUSE_REMOVED(media);
	if (!media || !media->is_media || !media->nlines)
		return SIPMSG_EINVAL;
	/* splice the port into the m= value: the formats keep their bytes */
	const struct sm_sdp_line *l = &media->lines[0];
	size_t n;
	const char *v = sm_sdp_value(l, &n);
	struct sm_cur c = {v, n, 0};
	sm_cur_sp(&c);
	sm_cur_word(&c);
	sm_cur_sp(&c);
	size_t ps = c.i;
	while (c.i < n && v[c.i] >= '0' && v[c.i] <= '9')
		c.i++;
	if (c.i == ps)
		return SIPMSG_ESYNTAX;
	char num[16];
	int nl = snprintf(num, sizeof num, "%u", (unsigned)port);
	size_t len = ps + (size_t)nl + (n - c.i);
	char *buf = sm_alloc(media->sdp->arena, len + 1);
	if (!buf)
		return SIPMSG_ENOMEM;
	memcpy(buf, v, ps);
	memcpy(buf + ps, num, (size_t)nl);
	memcpy(buf + ps + nl, v + c.i, n - c.i);
	return replace_line(media, 0, buf, len);
}

static bool is_direction(const struct sm_sdp_line *l)
{
	return l->type == 'a' && (l->attr == SIPMSG_SDP_ATTR_SENDRECV || l->attr == SIPMSG_SDP_ATTR_SENDONLY ||
				  l->attr == SIPMSG_SDP_ATTR_RECVONLY || l->attr == SIPMSG_SDP_ATTR_INACTIVE);
}

sipmsg_status sipmsg_sdp_set_direction(sipmsg_sdp_section *sec, sipmsg_sdp_direction dir)
{
	static const char *const names[] = {NULL, "sendrecv", "sendonly", "recvonly", "inactive"};
	SM_REFUSE_REMOVED(sec);
	if (!sec || (unsigned)dir > SIPMSG_SDP_DIR_INACTIVE)
		return SIPMSG_EINVAL;
	bool done = dir == SIPMSG_SDP_DIR_NONE;
	for (size_t i = 0; i < sec->nlines;) {
		if (!is_direction(&sec->lines[i])) {
			i++;
			continue;
		}
		if (!done) {
			struct sm_sdp_line l;
			sipmsg_status st = make_line(sec->sdp, 'a', names[dir], 8, NULL, 0, &l);
			if (st)
				return st;
			if (sec->lines[i].eol)
				l.eol = sec->lines[i].eol;
			sec->lines[i++] = l;
			sec->sdp->modified = true;
			done = true;
		} else {
			sipmsg_status st = sipmsg_sdp_line_remove(sec, i);
			if (st)
				return st;
		}
	}
	if (done)
		return SIPMSG_OK;
	return sipmsg_sdp_attr_add(sec, names[dir], 8, NULL, 0, NULL);
}

sipmsg_status sipmsg_sdp_line_add(sipmsg_sdp_section *sec, char type, const char *value, size_t len, size_t *index)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || (!value && len) || type == 'a' || type == 'm' || !sm_sdp_rank(sec->is_media, type))
		return SIPMSG_EINVAL;
	/* v=, o=, s=, i=, u= and k= come at most once in a section (RFC 8866
	 * §5): a second one is set with sipmsg_sdp_line_set() instead */
	if (strchr("vosiuk", type) && sipmsg_sdp_line_find(sec, type, 0) >= 0)
		return SIPMSG_ESTATE;
	struct sm_sdp_line l;
	sipmsg_status st = make_line(sec->sdp, type, NULL, 0, value ? value : "", len, &l);
	if (st)
		return st;
	size_t at = ordered_pos(sec, type);
	st = insert_at(sec, at, &l);
	if (!st && index)
		*index = at;
	return st;
}

sipmsg_status sipmsg_sdp_line_set(sipmsg_sdp_section *sec, size_t i, const char *value, size_t len)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || i >= sec->nlines || (!value && len) || (!value && sec->lines[i].type != 'a') ||
	    !sec->lines[i].type)
		return sec && i >= sec->nlines ? SIPMSG_ENOTFOUND : SIPMSG_EINVAL;
	return replace_line(sec, i, value, len);
}

sipmsg_status sipmsg_sdp_line_remove(sipmsg_sdp_section *sec, size_t i)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || i >= sec->nlines)
		return SIPMSG_ENOTFOUND;
	if (sec->is_media && i == 0)
		return SIPMSG_EINVAL;
	/* a shared parse array is fine to shift in place: it is this section's own run */
	memmove(&sec->lines[i], &sec->lines[i + 1], (sec->nlines - i - 1) * sizeof *sec->lines);
	sec->nlines--;
	sec->sdp->modified = true;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_sdp_attr_insert(sipmsg_sdp_section *sec, size_t before, const char *name, size_t name_len,
				     const char *value, size_t value_len)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || !name || !name_len || (!value && value_len) || before > sec->nlines)
		return SIPMSG_EINVAL;
	for (size_t k = 0; k < name_len; k++)
		if (name[k] == ':' || name[k] == ' ' || name[k] == '\t')
			return SIPMSG_EINVAL;
	if (sec->is_media && before == 0)
		before = 1;
	struct sm_sdp_line l;
	sipmsg_status st = make_line(sec->sdp, 'a', name, name_len, value, value_len, &l);
	return st ? st : insert_at(sec, before, &l);
}

sipmsg_status sipmsg_sdp_attr_add(sipmsg_sdp_section *sec, const char *name, size_t name_len, const char *value,
				  size_t value_len, size_t *index)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec)
		return SIPMSG_EINVAL;
	size_t at = sec->nlines;
	sipmsg_status st = sipmsg_sdp_attr_insert(sec, at, name, name_len, value, value_len);
	if (!st && index)
		*index = at;
	return st;
}

sipmsg_status sipmsg_sdp_attr_remove_all(sipmsg_sdp_section *sec, const char *name, size_t len, size_t *removed)
{
	SM_REFUSE_REMOVED(sec);
	if (!sec || !name)
		return SIPMSG_EINVAL;
	size_t n = 0;
	long i;
	while ((i = sipmsg_sdp_attr_find_name(sec, name, len, 0)) >= 0) {
		sipmsg_sdp_line_remove(sec, (size_t)i);
		n++;
	}
	if (removed)
		*removed = n;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_sdp_media_add(sipmsg_sdp *sdp, const char *mline, size_t len, sipmsg_sdp_section **out)
{
	if (!sdp || !mline || !len || !clean(mline, len))
		return SIPMSG_EINVAL;
	/* the m= value must read as one (RFC 8866 §5.14): the section's lines
	 * hang on it */
	sipmsg_sdp_media_desc d;
	memset(&d, 0, sizeof d);
	struct sm_pctx x = {.a = sdp->arena, .max_items = SIZE_MAX};
	int pr = sm_sdp_kinds[SM_K_MEDIA].parse(&x, mline, len, &d);
	if (pr == SM_PARSE_NOMEM)
		return SIPMSG_ENOMEM;
	if (pr != SM_PARSE_OK)
		return SIPMSG_ESYNTAX;
	if (sdp->nmedia == sdp->media_cap) {
		uint32_t cap = sdp->media_cap ? sdp->media_cap * 2 : 4;
		sipmsg_sdp_section **nm = sm_alloc(sdp->arena, cap * sizeof *nm);
		if (!nm)
			return SIPMSG_ENOMEM;
		if (sdp->nmedia)
			memcpy(nm, sdp->media, sdp->nmedia * sizeof *nm);
		sdp->media = nm;
		sdp->media_cap = cap;
	}
	sipmsg_sdp_section *s = sm_zalloc(sdp->arena, sizeof *s);
	if (!s)
		return SIPMSG_ENOMEM;
	s->sdp = sdp;
	s->is_media = true;
	struct sm_sdp_line l;
	sipmsg_status st = make_line(sdp, 'm', NULL, 0, mline, len, &l);
	if (!st)
		st = sm_sdp_reserve(s, 8);
	if (st)
		return st;
	s->lines[s->nlines++] = l;
	sdp->media[sdp->nmedia++] = s;
	sdp->modified = true;
	if (out)
		*out = s;
	return SIPMSG_OK;
}

sipmsg_status sipmsg_sdp_media_add_desc(sipmsg_sdp *sdp, const sipmsg_sdp_media_desc *desc, sipmsg_sdp_section **out)
{
	if (!sdp || !desc || !desc->media.len || !desc->proto.len)
		return SIPMSG_EINVAL;
	struct sm_out o = {NULL, 0, 0};
	sm_sdp_write_media(&o, desc);
	char *buf = sm_alloc(sdp->arena, o.len + 1);
	if (!buf)
		return SIPMSG_ENOMEM;
	struct sm_out w = {buf, o.len + 1, 0};
	sm_sdp_write_media(&w, desc);
	return sipmsg_sdp_media_add(sdp, buf, o.len, out);
}

sipmsg_status sipmsg_sdp_media_remove(sipmsg_sdp *sdp, size_t index)
{
	if (!sdp || index >= sdp->nmedia)
		return SIPMSG_ENOTFOUND;
	sdp->media[index]->removed = true;
	memmove(&sdp->media[index], &sdp->media[index + 1], (sdp->nmedia - index - 1) * sizeof *sdp->media);
	sdp->nmedia--;
	sdp->modified = true;
	return SIPMSG_OK;
}
