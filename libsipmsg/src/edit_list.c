/* SPDX-License-Identifier: MIT */
/* Layer 4: editing one value of a comma-list header line. A proxy removes
 * its own Via value (RFC 3261 §16.7 step 3) and the first Route value
 * (§16.4, §16.12), which can share a line with others. The line is rewritten
 * through sipmsg_header_replace(), so its grammar is checked as for any edit. */
#include "internal.h"

/* Value k of line index (its bytes in the line's value: the views' raw
 * slices point there), with its neighbours when they exist. */
static sipmsg_status value_at(sipmsg_msg *m, size_t index, size_t k, size_t *count, sipmsg_slice *item,
			      sipmsg_slice *prev, sipmsg_slice *next)
{
	if (!m || index >= m->nhdrs)
		return SIPMSG_ENOTFOUND;
	sipmsg_status st = sipmsg_header_parse(m, index, count);
	if (st)
		return st;
	if (k >= *count)
		return SIPMSG_ENOTFOUND;
	const struct sm_hdr *h = &m->hdrs[index];
	sipmsg_slice *want[3] = {prev, item, next};
	for (size_t d = 0; d < 3; d++) {
		*want[d] = (sipmsg_slice){NULL, 0};
		if ((d == 0 && k == 0) || k + d - 1 >= *count)
			continue;
		sipmsg_typed t;
		if ((st = sipmsg_header_value(m, index, k + d - 1, &t)))
			return st;
		if (t.raw.ptr < h->value || t.raw.ptr + t.raw.len > h->value + h->value_len)
			return SIPMSG_ESTATE; /* not in the line: cannot happen */
		*want[d] = t.raw;
	}
	return SIPMSG_OK;
}

/* a[0..an) b[0..bn) c[0..cn) in the arena, folding undone (a run of
 * whitespace with a line end becomes one SP): an edited value is one line. */
static char *join3(sipmsg_arena *arena, const char *a, size_t an, const char *b, size_t bn, const char *c, size_t cn,
		   size_t *len)
{
	char *out = sm_alloc(arena, an + bn + cn + 1);
	if (!out)
		return NULL;
	const char *src[3] = {a, b, c};
	size_t n[3] = {an, bn, cn}, w = 0;
	for (size_t s = 0; s < 3; s++)
		for (size_t i = 0; i < n[s]; i++) {
			char ch = src[s][i];
			if (ch == '\r' || ch == '\n') {
				while (w && (out[w - 1] == ' ' || out[w - 1] == '\t'))
					w--;
				while (i + 1 < n[s] && sm_is((unsigned char)src[s][i + 1], SM_C_LWS))
					i++;
				ch = ' ';
			}
			out[w++] = ch;
		}
	*len = w;
	return out;
}

sipmsg_status sipmsg_header_remove_value(sipmsg_msg *m, size_t index, size_t k)
{
	size_t count;
	sipmsg_slice item, prev, next;
	sipmsg_status st = value_at(m, index, k, &count, &item, &prev, &next);
	if (st)
		return st;
	if (count == 1)
		return sipmsg_header_remove(m, index);
	const struct sm_hdr *h = &m->hdrs[index];
	const char *v = h->value, *vend = v + h->value_len;
	/* the value and the comma on one side of it: the first takes the one
	 * after it, the others the one before */
	const char *cut = k == 0 ? v : prev.ptr + prev.len;
	const char *resume = k == 0 ? next.ptr : item.ptr + item.len;
	size_t len;
	char *nv = join3(m->arena, v, (size_t)(cut - v), resume, (size_t)(vend - resume), NULL, 0, &len);
	if (!nv)
		return SIPMSG_ENOMEM;
	return sipmsg_header_replace(m, index, nv, len);
}

sipmsg_status sipmsg_header_replace_value(sipmsg_msg *m, size_t index, size_t k, const char *value, size_t len)
{
	if (!value && len)
		return SIPMSG_EINVAL;
	size_t count;
	sipmsg_slice item, prev, next;
	sipmsg_status st = value_at(m, index, k, &count, &item, &prev, &next);
	if (st)
		return st;
	if (sm_find_ctl(value, len) != len)
		return SIPMSG_EINVAL; /* a line end would survive join3() as SP */
	const struct sm_hdr *h = &m->hdrs[index];
	const char *v = h->value, *vend = v + h->value_len, *after = item.ptr + item.len;
	size_t nlen;
	char *nv = join3(m->arena, v, (size_t)(item.ptr - v), value ? value : "", len, after, (size_t)(vend - after),
			 &nlen);
	if (!nv)
		return SIPMSG_ENOMEM;
	return sipmsg_header_replace(m, index, nv, nlen);
}
