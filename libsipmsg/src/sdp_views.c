/* SPDX-License-Identifier: MIT */
/* Read access: sections, lines, diagnostics, and the typed views, parsed on
 * first access and cached on the line. */
#include "sdp_internal.h"

/* A value of SP-separated fields starts with the first field: spaces before
 * it are held to the one-SP rule between fields (a warning; in strict mode
 * an error, false). A lenient read skips them, so the fields read as
 * written without. "a=msid-semantic: WMS" is what the draft it comes from
 * (dropped from RFC 8830) and every Chrome writes: let be. */
static bool lead_space(struct sm_pctx *x, const struct sm_sdp_line *l, unsigned kind, const char **val, size_t *n)
{
	const char *p = *val;
	if (!sm_sdp_kinds[kind].fields_sp || !*n || (*p != ' ' && *p != '\t') ||
	    l->attr == SIPMSG_SDP_ATTR_MSID_SEMANTIC)
		return true;
	size_t i = 0;
	while (i < *n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (x->strict) {
		sm_fault(x, p, SIPMSG_SEVERITY_ERROR, "a space before the first field");
		return false;
	}
	sm_fault(x, p, SIPMSG_SEVERITY_WARNING, "a space before the first field");
	*val = p + i;
	*n -= i;
	return true;
}

sipmsg_status sm_sdp_view(const sipmsg_sdp_section *cs, size_t i, unsigned kind, const void **view)
{
	if (!cs || i >= cs->nlines)
		return SIPMSG_ENOTFOUND;
	/* the cache is the only thing a read changes (documented in sdp.h) */
	sipmsg_sdp_section *s = (sipmsg_sdp_section *)cs;
	struct sm_sdp_line *l = &s->lines[i];
	if (sm_sdp_line_kind(l) != kind || !sm_sdp_kinds[kind].parse)
		return SIPMSG_ESTATE;
	if (l->flags & SM_SL_VIEW_DONE) {
		if (l->flags & SM_SL_BAD)
			return SIPMSG_ESYNTAX;
		*view = l->view;
		return SIPMSG_OK;
	}
	sipmsg_sdp *sdp = s->sdp;
	void *v = sm_zalloc(sdp->arena, sm_sdp_kinds[kind].view_size);
	if (!v)
		return SIPMSG_ENOMEM;
	struct sm_pctx x = {
		.a = sdp->arena,
		.max_items = sdp->max_items,
		.strict = !(sdp->lenient & SIPMSG_LENIENT_SDP_BAD_VALUES),
	};
	size_t n;
	const char *val = sm_sdp_value(l, &n);
	int r;
	if (!val) {
		val = l->p + l->len;
		r = sm_fault(&x, val, SIPMSG_SEVERITY_ERROR, "the attribute needs a value");
	} else if (lead_space(&x, l, kind, &val, &n)) {
		r = sm_sdp_kinds[kind].parse(&x, val, n, v);
	} else {
		r = SM_PARSE_BAD;
	}
	if (r == SM_PARSE_NOMEM)
		return SIPMSG_ENOMEM;
	if (x.fault_msg && sm_sdp_diag(sdp, l, x.fault_at, (sipmsg_diag_code)x.fault_code, x.fault_sev,
				       x.fault_msg) != SIPMSG_OK)
		return SIPMSG_ENOMEM;
	l->flags |= SM_SL_VIEW_DONE;
	if (r == SM_PARSE_BAD) {
		l->flags |= SM_SL_BAD;
		l->view = NULL;
		return SIPMSG_ESYNTAX;
	}
	l->view = v;
	*view = v;
	return SIPMSG_OK;
}

/* ---- diagnostics ---- */

size_t sipmsg_sdp_diag_count(const sipmsg_sdp *sdp) { return sdp ? (size_t)sdp->ndiags + sdp->ncdiags : 0; }

const sipmsg_diag *sipmsg_sdp_diag_at(const sipmsg_sdp *sdp, size_t i)
{
	if (!sdp)
		return NULL;
	if (i < sdp->ndiags)
		return &sdp->diags[i];
	i -= sdp->ndiags;
	return i < sdp->ncdiags ? &sdp->cdiags[i] : NULL;
}

size_t sipmsg_sdp_error_count(const sipmsg_sdp *sdp)
{
	size_t n = 0;
	for (size_t i = 0; i < sipmsg_sdp_diag_count(sdp); i++)
		n += sipmsg_sdp_diag_at(sdp, i)->severity == SIPMSG_SEVERITY_ERROR;
	return n;
}

bool sipmsg_sdp_is_modified(const sipmsg_sdp *sdp) { return sdp && sdp->modified; }

/* ---- sections ---- */

sipmsg_sdp_section *sipmsg_sdp_session(const sipmsg_sdp *sdp)
{
	return sdp ? (sipmsg_sdp_section *)&sdp->session : NULL;
}

size_t sipmsg_sdp_media_count(const sipmsg_sdp *sdp) { return sdp ? sdp->nmedia : 0; }

sipmsg_sdp_section *sipmsg_sdp_media_at(const sipmsg_sdp *sdp, size_t i)
{
	return (sdp && i < sdp->nmedia) ? sdp->media[i] : NULL;
}

sipmsg_sdp *sipmsg_sdp_section_sdp(const sipmsg_sdp_section *sec) { return sec ? sec->sdp : NULL; }

bool sipmsg_sdp_section_is_media(const sipmsg_sdp_section *sec) { return sec && sec->is_media; }

sipmsg_sdp_section *sipmsg_sdp_media_by_mid(const sipmsg_sdp *sdp, const char *mid, size_t len)
{
	for (size_t k = 0; sdp && mid && k < sdp->nmedia; k++) {
		sipmsg_slice v;
		long i = sipmsg_sdp_attr_find(sdp->media[k], SIPMSG_SDP_ATTR_MID, 0);
		if (i >= 0 && sipmsg_sdp_get_token(sdp->media[k], (size_t)i, &v) == SIPMSG_OK && v.len == len &&
		    memcmp(v.ptr, mid, len) == 0)
			return sdp->media[k];
	}
	return NULL;
}

/* ---- lines ---- */

size_t sipmsg_sdp_line_count(const sipmsg_sdp_section *sec) { return sec ? sec->nlines : 0; }

sipmsg_status sipmsg_sdp_line_at(const sipmsg_sdp_section *sec, size_t i, sipmsg_sdp_line *out)
{
	if (!sec || !out || i >= sec->nlines)
		return SIPMSG_ENOTFOUND;
	const struct sm_sdp_line *l = &sec->lines[i];
	memset(out, 0, sizeof *out);
	out->type = l->type;
	out->raw = (sipmsg_slice){l->p, l->len};
	size_t n;
	const char *v = sm_sdp_value(l, &n);
	out->value = (sipmsg_slice){v, n};
	if (l->type == 'a') {
		out->attr = (sipmsg_sdp_attr_id)l->attr;
		out->name = (sipmsg_slice){l->p + 2, l->name_len};
	} else if (l->type == 0) {
		out->value = (sipmsg_slice){l->p, l->len};
	}
	bool parsed = !(l->flags & SM_SL_MODIFIED) && l->lineno;
	out->offset = parsed ? (size_t)(l->p - sec->sdp->base) : SM_NOPOS;
	out->line = parsed ? l->lineno : 0;
	out->bad = (l->flags & SM_SL_BAD) != 0;
	return SIPMSG_OK;
}

long sipmsg_sdp_line_find(const sipmsg_sdp_section *sec, char type, size_t from)
{
	for (size_t i = from; sec && i < sec->nlines; i++)
		if (sec->lines[i].type == type)
			return (long)i;
	return -1;
}

long sipmsg_sdp_attr_find(const sipmsg_sdp_section *sec, sipmsg_sdp_attr_id id, size_t from)
{
	for (size_t i = from; sec && i < sec->nlines; i++)
		if (sec->lines[i].type == 'a' && sec->lines[i].attr == id)
			return (long)i;
	return -1;
}

long sipmsg_sdp_attr_find_name(const sipmsg_sdp_section *sec, const char *name, size_t len, size_t from)
{
	for (size_t i = from; sec && name && i < sec->nlines; i++) {
		const struct sm_sdp_line *l = &sec->lines[i];
		if (l->type == 'a' && sm_casecmp_eq(l->p + 2, l->name_len, name, len))
			return (long)i;
	}
	return -1;
}

size_t sipmsg_sdp_attr_count(const sipmsg_sdp_section *sec, sipmsg_sdp_attr_id id)
{
	size_t n = 0;
	for (size_t i = 0; sec && i < sec->nlines; i++)
		n += sec->lines[i].type == 'a' && sec->lines[i].attr == id;
	return n;
}

sipmsg_status sipmsg_sdp_attr_value(const sipmsg_sdp_section *sec, const char *name, size_t len, sipmsg_slice *out)
{
	long i = sipmsg_sdp_attr_find_name(sec, name, len, 0);
	if (i < 0 || !out)
		return SIPMSG_ENOTFOUND;
	size_t n;
	const char *v = sm_sdp_value(&sec->lines[i], &n);
	*out = (sipmsg_slice){v, n};
	return SIPMSG_OK;
}

/* ---- typed getters ---- */

#define GETTER(fn, type, kind) \
	sipmsg_status fn(const sipmsg_sdp_section *sec, size_t line, type *out) \
	{ \
		const void *v; \
		if (!out) \
			return SIPMSG_EINVAL; \
		sipmsg_status st = sm_sdp_view(sec, line, kind, &v); \
		if (st == SIPMSG_OK) \
			memcpy(out, v, sizeof *out); \
		return st; \
	}

GETTER(sipmsg_sdp_get_origin, sipmsg_sdp_origin, SM_K_ORIGIN)
GETTER(sipmsg_sdp_get_connection, sipmsg_sdp_connection, SM_K_CONNECTION)
GETTER(sipmsg_sdp_get_bandwidth, sipmsg_sdp_bandwidth, SM_K_BANDWIDTH)
GETTER(sipmsg_sdp_get_timing, sipmsg_sdp_timing, SM_K_TIMING)
GETTER(sipmsg_sdp_get_repeat, sipmsg_sdp_repeat, SM_K_REPEAT)
GETTER(sipmsg_sdp_get_zone, sipmsg_sdp_zone, SM_K_ZONE)
GETTER(sipmsg_sdp_get_rtpmap, sipmsg_sdp_rtpmap, SM_K_rtpmap)
GETTER(sipmsg_sdp_get_fmtp, sipmsg_sdp_fmtp, SM_K_fmtp)
GETTER(sipmsg_sdp_get_rtcp, sipmsg_sdp_rtcp, SM_K_rtcp)
GETTER(sipmsg_sdp_get_rtcp_fb, sipmsg_sdp_rtcp_fb, SM_K_rtcp_fb)
GETTER(sipmsg_sdp_get_candidate, sipmsg_sdp_candidate, SM_K_candidate)
GETTER(sipmsg_sdp_get_fingerprint, sipmsg_sdp_fingerprint, SM_K_fingerprint)
GETTER(sipmsg_sdp_get_setup, sipmsg_sdp_setup, SM_K_setup)
GETTER(sipmsg_sdp_get_group, sipmsg_sdp_group, SM_K_group)
GETTER(sipmsg_sdp_get_msid, sipmsg_sdp_msid, SM_K_msid)
GETTER(sipmsg_sdp_get_ssrc, sipmsg_sdp_ssrc, SM_K_ssrc)
GETTER(sipmsg_sdp_get_ssrc_group, sipmsg_sdp_ssrc_group, SM_K_ssrc_group)
GETTER(sipmsg_sdp_get_extmap, sipmsg_sdp_extmap, SM_K_extmap)
GETTER(sipmsg_sdp_get_rid, sipmsg_sdp_rid, SM_K_rid)
GETTER(sipmsg_sdp_get_simulcast, sipmsg_sdp_simulcast, SM_K_simulcast)
GETTER(sipmsg_sdp_get_crypto, sipmsg_sdp_crypto, SM_K_crypto)
GETTER(sipmsg_sdp_get_sctpmap, sipmsg_sdp_sctpmap, SM_K_sctpmap)
GETTER(sipmsg_sdp_get_imageattr, sipmsg_sdp_imageattr, SM_K_imageattr)
GETTER(sipmsg_sdp_get_silencesupp, sipmsg_sdp_silencesupp, SM_K_silencesupp)
GETTER(sipmsg_sdp_get_source_filter, sipmsg_sdp_source_filter, SM_K_source_filter)
GETTER(sipmsg_sdp_get_token, sipmsg_slice, SM_K_token)
#undef GETTER

sipmsg_status sipmsg_sdp_get_media_desc(const sipmsg_sdp_section *sec, sipmsg_sdp_media_desc *out)
{
	if (!sec || !out)
		return SIPMSG_EINVAL;
	if (!sec->is_media)
		return SIPMSG_ESTATE;
	const void *v;
	sipmsg_status st = sm_sdp_view(sec, 0, SM_K_MEDIA, &v);
	if (st == SIPMSG_OK)
		memcpy(out, v, sizeof *out);
	return st;
}

sipmsg_status sipmsg_sdp_get_number(const sipmsg_sdp_section *sec, size_t line, double *out)
{
	const void *v;
	if (!out)
		return SIPMSG_EINVAL;
	sipmsg_status st = sm_sdp_view(sec, line, SM_K_number, &v);
	if (st == SIPMSG_OK)
		*out = ((const struct sm_num_view *)v)->value;
	return st;
}

sipmsg_status sipmsg_sdp_get_uint(const sipmsg_sdp_section *sec, size_t line, uint64_t *out)
{
	const void *v;
	if (!out)
		return SIPMSG_EINVAL;
	sipmsg_status st = sm_sdp_view(sec, line, SM_K_uint, &v);
	if (st == SIPMSG_OK)
		*out = ((const struct sm_uint_view *)v)->value;
	return st;
}

sipmsg_status sipmsg_sdp_get_list(const sipmsg_sdp_section *sec, size_t line, sipmsg_sdp_list *out)
{
	const void *v;
	if (!out)
		return SIPMSG_EINVAL;
	sipmsg_status st = sm_sdp_view(sec, line, SM_K_tokens, &v);
	if (st == SIPMSG_ESTATE)
		st = sm_sdp_view(sec, line, SM_K_commalist, &v);
	if (st == SIPMSG_OK)
		memcpy(out, v, sizeof *out);
	return st;
}

/* ---- formatters ---- */

static size_t format(unsigned kind, const void *view, char *buf, size_t size)
{
	struct sm_out o = {buf, buf ? size : 0, 0};
	if (view)
		sm_sdp_kinds[kind].write(&o, view);
	return sm_out_finish(&o);
}

#define FORMATTER(fn, type, kind) \
	size_t fn(const type *v, char *buf, size_t size) { return format(kind, v, buf, size); }

FORMATTER(sipmsg_sdp_format_origin, sipmsg_sdp_origin, SM_K_ORIGIN)
FORMATTER(sipmsg_sdp_format_connection, sipmsg_sdp_connection, SM_K_CONNECTION)
FORMATTER(sipmsg_sdp_format_bandwidth, sipmsg_sdp_bandwidth, SM_K_BANDWIDTH)
FORMATTER(sipmsg_sdp_format_timing, sipmsg_sdp_timing, SM_K_TIMING)
FORMATTER(sipmsg_sdp_format_repeat, sipmsg_sdp_repeat, SM_K_REPEAT)
FORMATTER(sipmsg_sdp_format_zone, sipmsg_sdp_zone, SM_K_ZONE)
FORMATTER(sipmsg_sdp_format_media_desc, sipmsg_sdp_media_desc, SM_K_MEDIA)
FORMATTER(sipmsg_sdp_format_rtpmap, sipmsg_sdp_rtpmap, SM_K_rtpmap)
FORMATTER(sipmsg_sdp_format_fmtp, sipmsg_sdp_fmtp, SM_K_fmtp)
FORMATTER(sipmsg_sdp_format_rtcp, sipmsg_sdp_rtcp, SM_K_rtcp)
FORMATTER(sipmsg_sdp_format_rtcp_fb, sipmsg_sdp_rtcp_fb, SM_K_rtcp_fb)
FORMATTER(sipmsg_sdp_format_candidate, sipmsg_sdp_candidate, SM_K_candidate)
FORMATTER(sipmsg_sdp_format_fingerprint, sipmsg_sdp_fingerprint, SM_K_fingerprint)
FORMATTER(sipmsg_sdp_format_setup, sipmsg_sdp_setup, SM_K_setup)
FORMATTER(sipmsg_sdp_format_group, sipmsg_sdp_group, SM_K_group)
FORMATTER(sipmsg_sdp_format_msid, sipmsg_sdp_msid, SM_K_msid)
FORMATTER(sipmsg_sdp_format_ssrc, sipmsg_sdp_ssrc, SM_K_ssrc)
FORMATTER(sipmsg_sdp_format_ssrc_group, sipmsg_sdp_ssrc_group, SM_K_ssrc_group)
FORMATTER(sipmsg_sdp_format_extmap, sipmsg_sdp_extmap, SM_K_extmap)
FORMATTER(sipmsg_sdp_format_rid, sipmsg_sdp_rid, SM_K_rid)
FORMATTER(sipmsg_sdp_format_simulcast, sipmsg_sdp_simulcast, SM_K_simulcast)
FORMATTER(sipmsg_sdp_format_crypto, sipmsg_sdp_crypto, SM_K_crypto)
FORMATTER(sipmsg_sdp_format_sctpmap, sipmsg_sdp_sctpmap, SM_K_sctpmap)
FORMATTER(sipmsg_sdp_format_imageattr, sipmsg_sdp_imageattr, SM_K_imageattr)
FORMATTER(sipmsg_sdp_format_silencesupp, sipmsg_sdp_silencesupp, SM_K_silencesupp)
FORMATTER(sipmsg_sdp_format_source_filter, sipmsg_sdp_source_filter, SM_K_source_filter)
FORMATTER(sipmsg_sdp_format_token, sipmsg_slice, SM_K_token)
#undef FORMATTER

size_t sipmsg_sdp_format_number(double v, char *buf, size_t size)
{
	struct sm_num_view nv = {v};
	return format(SM_K_number, &nv, buf, size);
}

size_t sipmsg_sdp_format_list(const sipmsg_sdp_list *v, char sep, char *buf, size_t size)
{
	struct sm_out o = {buf, buf ? size : 0, 0};
	for (size_t k = 0; v && k < v->count; k++) {
		if (k)
			sm_out_ch(&o, sep);
		sm_out_slice(&o, v->items[k]);
	}
	return sm_out_finish(&o);
}
