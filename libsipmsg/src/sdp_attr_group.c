/* SPDX-License-Identifier: MIT */
/* Typed views of the grouping and stream attributes: group / msid-semantic
 * (RFC 5888, RFC 8830), msid, ssrc and ssrc-group (RFC 5576), rid (RFC 8851),
 * simulcast (RFC 8853, and the draft syntax still seen) and sctpmap; each a
 * parser and a writer. */
#include "sdp_internal.h"

#define BAD(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_ERROR, (msg))
#define WARN(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_WARNING, (msg))

static bool eq(sipmsg_slice s, const char *lit, size_t n) { return s.len == n && memcmp(s.ptr, lit, n) == 0; }

static bool too_many(struct sm_pctx *x, size_t n, const char *at)
{
	if (n <= x->max_items)
		return false;
	x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
	BAD(x, at, "more items than max_list_items");
	return true;
}

/* ---- group:<semantics> *(SP <id>), msid-semantic: <semantic> *(SP <id>) ---- */

int sm_sdp_parse_group(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_group *g = view;
	struct sm_cur c = {v, n, 0};
	sm_cur_sp(&c); /* "msid-semantic: WMS" puts a space first */
	g->semantics = sm_cur_word(&c);
	if (!g->semantics.len)
		return BAD(x, v, "missing semantics");
	size_t total = sm_count_items(v + c.i, n - c.i, ' ');
	if (too_many(x, total, v + c.i))
		return SM_PARSE_BAD;
	bool nomem;
	sipmsg_slice *ids = sm_sdp_array(x, total, sizeof *ids, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	for (size_t k = 0; k < total; k++) {
		if (!sm_sdp_sep(x, &c))
			return SM_PARSE_BAD;
		ids[k] = sm_cur_word(&c);
	}
	g->ids = ids;
	g->count = total;
	return SM_PARSE_OK;
}

void sm_sdp_write_group(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_group *g = view;
	sm_out_slice(o, g->semantics);
	for (size_t k = 0; k < g->count; k++) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, g->ids[k]);
	}
}

/* ---- msid:<id> [<appdata>] ---- */

int sm_sdp_parse_msid(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_msid *m = view;
	struct sm_cur c = {v, n, 0};
	m->id = sm_cur_word(&c);
	if (!m->id.len)
		return BAD(x, v, "msid: missing id");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	m->appdata = sm_cur_word(&c);
	sm_cur_sp(&c);
	if (!sm_cur_end(&c))
		return BAD(x, v + c.i, "msid: more than two fields");
	if (!m->appdata.len)
		m->appdata.ptr = NULL;
	return SM_PARSE_OK;
}

void sm_sdp_write_msid(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_msid *m = view;
	sm_out_slice(o, m->id);
	if (m->appdata.len) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, m->appdata);
	}
}

/* ---- ssrc:<ssrc-id> <attribute>[:<value>] ---- */

int sm_sdp_parse_ssrc(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_ssrc *s = view;
	struct sm_cur c = {v, n, 0};
	uint64_t id;
	if (!sm_cur_u64(&c, &id) || id > UINT32_MAX)
		return BAD(x, v, "ssrc: the SSRC is not a number up to 2^32-1");
	s->ssrc = (uint32_t)id;
	if (c.i >= n || (v[c.i] != ' ' && v[c.i] != '\t'))
		return BAD(x, v + c.i, "ssrc: expected a space and an attribute");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	size_t start = c.i;
	while (c.i < n && v[c.i] != ':')
		c.i++;
	s->attribute = sm_trim(v + start, c.i - start);
	if (!s->attribute.len)
		return BAD(x, v + start, "ssrc: missing attribute");
	if (c.i < n)
		s->value = (sipmsg_slice){v + c.i + 1, n - c.i - 1};
	return SM_PARSE_OK;
}

void sm_sdp_write_ssrc(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_ssrc *s = view;
	sm_out_u64(o, s->ssrc);
	sm_out_ch(o, ' ');
	sm_out_slice(o, s->attribute);
	if (s->value.ptr) {
		sm_out_ch(o, ':');
		sm_out_slice(o, s->value);
	}
}

/* ---- ssrc-group:<semantics> *(SP <ssrc-id>) ---- */

int sm_sdp_parse_ssrc_group(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_ssrc_group *g = view;
	struct sm_cur c = {v, n, 0};
	g->semantics = sm_cur_word(&c);
	if (!g->semantics.len)
		return BAD(x, v, "ssrc-group: missing semantics");
	size_t total = sm_count_items(v + c.i, n - c.i, ' ');
	if (too_many(x, total, v + c.i))
		return SM_PARSE_BAD;
	bool nomem;
	uint32_t *ids = sm_sdp_array(x, total, sizeof *ids, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	for (size_t k = 0; k < total; k++) {
		if (!sm_sdp_sep(x, &c))
			return SM_PARSE_BAD;
		sipmsg_slice w = sm_cur_word(&c);
		uint64_t id;
		if (!sm_slice_uint(w, UINT32_MAX, &id))
			return BAD(x, w.ptr, "ssrc-group: an SSRC is not a number up to 2^32-1");
		ids[k] = (uint32_t)id;
	}
	g->ssrcs = ids;
	g->count = total;
	return SM_PARSE_OK;
}

void sm_sdp_write_ssrc_group(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_ssrc_group *g = view;
	sm_out_slice(o, g->semantics);
	for (size_t k = 0; k < g->count; k++) {
		sm_out_ch(o, ' ');
		sm_out_u64(o, g->ssrcs[k]);
	}
}

/* ---- rid:<id> send|recv [pt=<fmt>,...;<restriction>=<value>;...] ---- */

/* RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"); simulcast names
 * rids with the same rule (RFC 8853 sc-id). The first bad byte, or NULL. */
static const char *rid_id_bad(sipmsg_slice id)
{
	for (size_t i = 0; i < id.len; i++)
		if (!sm_is((unsigned char)id.ptr[i], SM_C_ALPHA | SM_C_DIGIT) && id.ptr[i] != '-' && id.ptr[i] != '_')
			return id.ptr + i;
	return NULL;
}

/* The next value of a pt= list: a format up to ',', SP or the end. */
sipmsg_slice sm_sdp_rid_pt_next(struct sm_cur *pc)
{
	sm_cur_sp(pc);
	sipmsg_slice w = sm_cur_until(pc, ',');
	sm_cur_sp(pc);
	sm_cur_eat(pc, ',');
	return w;
}

sipmsg_slice sm_sdp_rid_pt_list(const sipmsg_sdp_rid *r)
{
	struct sm_cur c = {r->params.ptr, r->params.len, 0};
	sipmsg_sdp_param pr;
	sipmsg_slice pts = {NULL, 0};
	while (sm_next_param(&c, ';', &pr))
		if (eq(pr.name, SM_LIT("pt")))
			pts = pr.value; /* the last one, as in the parse */
	return pts;
}

int sm_sdp_parse_rid(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_rid *r = view;
	struct sm_cur c = {v, n, 0};
	r->id = sm_cur_word(&c);
	if (!r->id.len)
		return BAD(x, v, "rid: missing rid-id");
	const char *bad = rid_id_bad(r->id);
	if (bad)
		return BAD(x, bad, "rid: the rid-id is not letters, digits, '-' and '_'");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	sipmsg_slice d = sm_cur_word(&c);
	/* RFC 8851 §10: rid-dir = %s"send" / %s"recv", case-sensitive
	 * (RFC 7405), unlike a plain quoted string */
	if (eq(d, SM_LIT("send")))
		r->direction = SIPMSG_SDP_DIR_SENDONLY;
	else if (eq(d, SM_LIT("recv")))
		r->direction = SIPMSG_SDP_DIR_RECVONLY;
	else
		return BAD(x, d.ptr, "rid: the direction is neither send nor recv");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	r->params = (sipmsg_slice){v + c.i, n - c.i};
	if (!r->params.len)
		return SM_PARSE_OK;
	const sipmsg_sdp_param *all;
	size_t nall;
	int st = sm_split_params(x, r->params.ptr, r->params.len, ';', &all, &nall);
	if (st)
		return st;
	/* pt= moves to payload_types; the others stay restrictions, in order */
	sipmsg_sdp_param *rest = (sipmsg_sdp_param *)all;
	size_t nrest = 0;
	for (size_t k = 0; k < nall; k++) {
		if (!eq(all[k].name, SM_LIT("pt"))) {
			rest[nrest++] = all[k];
			continue;
		}
		sipmsg_slice pts = all[k].value;
		size_t np = sm_count_items(pts.ptr, pts.len, ',');
		if (too_many(x, np, pts.ptr))
			return SM_PARSE_BAD;
		bool nomem;
		uint32_t *p = sm_sdp_array(x, np, sizeof *p, &nomem);
		if (nomem)
			return SM_PARSE_NOMEM;
		struct sm_cur pc = {pts.ptr, pts.len, 0};
		for (size_t j = 0; j < np; j++) {
			sipmsg_slice w = sm_sdp_rid_pt_next(&pc);
			uint64_t pt;
			if (!sm_slice_uint(w, 127, &pt))
				return BAD(x, w.ptr, "rid: a pt= value is not a payload type");
			p[j] = (uint32_t)pt;
		}
		r->payload_types = p;
		r->npayload_types = np;
	}
	r->restrictions = nrest ? rest : NULL;
	r->nrestrictions = nrest;
	return SM_PARSE_OK;
}

void sm_sdp_write_rid(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_rid *r = view;
	sm_out_slice(o, r->id);
	sm_out_put(o, r->direction == SIPMSG_SDP_DIR_RECVONLY ? " recv" : " send", 5);
	if (!r->npayload_types && !r->nrestrictions) {
		if (r->params.len) {
			sm_out_ch(o, ' ');
			sm_out_slice(o, r->params);
		}
		return;
	}
	sm_out_ch(o, ' ');
	bool first = true;
	if (r->npayload_types) {
		sm_out_put(o, SM_LIT("pt="));
		for (size_t k = 0; k < r->npayload_types; k++) {
			if (k)
				sm_out_ch(o, ',');
			sm_out_u64(o, r->payload_types[k]);
		}
		first = false;
	}
	for (size_t k = 0; k < r->nrestrictions; k++) {
		if (!first)
			sm_out_ch(o, ';');
		first = false;
		sm_out_slice(o, r->restrictions[k].name);
		if (r->restrictions[k].value.ptr) {
			sm_out_ch(o, '=');
			sm_out_slice(o, r->restrictions[k].value);
		}
	}
}

/* ---- simulcast: send <list> [recv <list>] (or recv first) ----
 * list: alternatives ',' within a stream, streams ';', '~' marks paused.
 * The pre-RFC draft wrote "send rid=1,2;3 paused=2": accepted with a warning. */

static int simulcast_list(struct sm_pctx *x, sipmsg_slice list, sipmsg_sdp_direction dir,
			  sipmsg_sdp_simulcast_rid *out, size_t *k, size_t cap)
{
	uint32_t stream = 0;
	size_t i = 0;
	while (i <= list.len) {
		size_t s = i;
		while (i < list.len && list.ptr[i] != ',' && list.ptr[i] != ';')
			i++;
		sipmsg_slice id = {list.ptr + s, i - s};
		bool paused = id.len && id.ptr[0] == '~';
		if (paused) {
			id.ptr++;
			id.len--;
		}
		if (!id.len)
			return BAD(x, list.ptr + s, "simulcast: an empty rid");
		const char *bad = rid_id_bad(id);
		if (bad)
			return BAD(x, bad, "simulcast: a rid-id is letters, digits, '-' and '_'");
		if (*k < cap)
			out[(*k)++] = (sipmsg_sdp_simulcast_rid){dir, stream, id, paused};
		if (i < list.len && list.ptr[i] == ';')
			stream++;
		i++;
	}
	return SM_PARSE_OK;
}

int sm_sdp_parse_simulcast(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_simulcast *sc = view;
	/* every rid is followed by ',', ';', SP or the end: an upper bound */
	size_t cap = 1;
	for (size_t i = 0; i < n; i++)
		cap += v[i] == ',' || v[i] == ';' || v[i] == ' ';
	if (too_many(x, cap, v))
		return SM_PARSE_BAD;
	bool nomem;
	sipmsg_sdp_simulcast_rid *rids = sm_sdp_array(x, cap, sizeof *rids, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	struct sm_cur c = {v, n, 0};
	size_t k = 0;
	int r = SM_PARSE_OK;
	bool seen_send = false, seen_recv = false;
	/* "a=simulcast: send ...": the drafts' 1*2(WSP sc-str-list) put a space
	 * first, RFC 8853 does not. Draft syntax, a warning in either mode, told
	 * last so that the rid=/paused= warnings, which say more, come first. */
	sm_cur_sp(&c);
	bool lead = c.i > 0;
	while (true) {
		if (c.i > 0 && !sm_sdp_sep(x, &c))
			return SM_PARSE_BAD;
		if (sm_cur_end(&c))
			break;
		sipmsg_slice w = sm_cur_word(&c);
		if (w.len > 7 && memcmp(w.ptr, "paused=", 7) == 0) {
			/* draft syntax: paused=<rid>,<rid> marks rids listed earlier */
			r |= WARN(x, w.ptr, "simulcast: pre-RFC 8853 paused= syntax");
			for (size_t j = 7, s = 7; j <= w.len; j++) {
				if (j < w.len && w.ptr[j] != ',')
					continue;
				for (size_t q = 0; q < k; q++)
					if (rids[q].rid.len == j - s && memcmp(rids[q].rid.ptr, w.ptr + s, j - s) == 0)
						rids[q].paused = true;
				s = j + 1;
			}
			continue;
		}
		/* RFC 8853 §5.1: sc-send = %s"send" ..., sc-recv = %s"recv" ...:
		 * case-sensitive (RFC 7405) */
		sipmsg_sdp_direction dir;
		if (eq(w, SM_LIT("send")) && !seen_send) {
			dir = SIPMSG_SDP_DIR_SENDONLY;
			seen_send = true;
		} else if (eq(w, SM_LIT("recv")) && !seen_recv) {
			dir = SIPMSG_SDP_DIR_RECVONLY;
			seen_recv = true;
		} else {
			return BAD(x, w.ptr, "simulcast: expected send or recv (once each)");
		}
		if (!sm_sdp_sep(x, &c))
			return SM_PARSE_BAD;
		sipmsg_slice list = sm_cur_word(&c);
		/* the draft's pt= lists payload types: no rids to read (RFC 8853 has none) */
		if (list.len > 3 && memcmp(list.ptr, "pt=", 3) == 0)
			return BAD(x, list.ptr, "simulcast: pre-RFC 8853 pt= syntax lists payload types, not rids");
		if (list.len > 4 && memcmp(list.ptr, "rid=", 4) == 0) {
			r |= WARN(x, list.ptr, "simulcast: pre-RFC 8853 rid= syntax");
			list.ptr += 4;
			list.len -= 4;
		}
		if (!list.len)
			return BAD(x, v + c.i, "simulcast: missing stream list");
		int st = simulcast_list(x, list, dir, rids, &k, cap);
		if (st)
			return st;
	}
	if (!k)
		return BAD(x, v, "simulcast: no stream list");
	sc->rids = rids;
	sc->count = k;
	if (lead)
		r |= WARN(x, v, "simulcast: a space before the first field (pre-RFC 8853 syntax)");
	return r;
}

void sm_sdp_write_simulcast(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_simulcast *sc = view;
	for (size_t k = 0; k < sc->count; k++) {
		const sipmsg_sdp_simulcast_rid *r = &sc->rids[k];
		if (k == 0 || r->direction != sc->rids[k - 1].direction) {
			if (k)
				sm_out_ch(o, ' ');
			sm_out_put(o, r->direction == SIPMSG_SDP_DIR_RECVONLY ? "recv " : "send ", 5);
		} else {
			sm_out_ch(o, r->stream != sc->rids[k - 1].stream ? ';' : ',');
		}
		if (r->paused)
			sm_out_ch(o, '~');
		sm_out_slice(o, r->rid);
	}
}

/* ---- sctpmap:<number> <app> [<streams>] ----
 * draft-ietf-mmusic-sctp-sdp-05/06: sctpmap-number SP app [SP max-message-size
 * / streams], app = token: one SP between the fields, as the RFC grammars. */

int sm_sdp_parse_sctpmap(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_sctpmap *s = view;
	struct sm_cur c = {v, n, 0};
	uint64_t num;
	if (!sm_cur_u64(&c, &num) || num > 65535)
		return BAD(x, v, "sctpmap: the number is not a port");
	s->number = (uint32_t)num;
	if (!sm_cur_end(&c) && v[c.i] != ' ' && v[c.i] != '\t')
		return BAD(x, v + c.i, "sctpmap: the number is not a port");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	s->app = sm_cur_word(&c);
	if (!s->app.len)
		return BAD(x, v + c.i, "sctpmap: missing application");
	const char *bad = sm_sdp_token_bad(s->app);
	if (bad)
		return BAD(x, bad, "sctpmap: the application is not a token");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	if (!sm_cur_end(&c)) {
		sipmsg_slice w = sm_cur_word(&c);
		if (!sm_slice_uint(w, UINT32_MAX, &num))
			return BAD(x, w.ptr, "sctpmap: the stream count is not a number");
		s->streams = (uint32_t)num;
		sm_cur_sp(&c);
		if (!sm_cur_end(&c))
			return BAD(x, v + c.i, "sctpmap: more than three fields");
	}
	return SM_PARSE_OK;
}

void sm_sdp_write_sctpmap(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_sctpmap *s = view;
	sm_out_u64(o, s->number);
	sm_out_ch(o, ' ');
	sm_out_slice(o, s->app);
	if (s->streams) {
		sm_out_ch(o, ' ');
		sm_out_u64(o, s->streams);
	}
}
