/* SPDX-License-Identifier: MIT */
/* Typed views of the core SDP lines (RFC 8866 §5): v=, o=, c=, b=, t=, r=,
 * z= and m=, each a parser into a struct of slices and a writer back to the
 * value text; and a=source-filter, which shares c='s fields. */
#include "sdp_internal.h"

#define BAD(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_ERROR, (msg))
#define WARN(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_WARNING, (msg))

/* A word that must be there; false (and a fault) when the value ended, or
 * when a separator breaks one_space() in strict mode. Spaces before the
 * first word (c->i == 0) are trailing()'s to report. */
static bool need_word(struct sm_pctx *x, struct sm_cur *c, sipmsg_slice *w, const char *what)
{
	size_t gap = c->i;
	sm_cur_sp(c);
	*w = sm_cur_word(c);
	if (!w->len) {
		BAD(x, c->p + c->i, what);
		return false;
	}
	return gap == 0 || sm_sdp_one_space(x, c->p + gap, w->ptr);
}

static uint64_t saturated(sipmsg_slice s)
{
	struct sm_cur c = {s.ptr, s.len, 0};
	uint64_t v = 0;
	sm_cur_u64(&c, &v);
	return v;
}

/* After the last field of a line of fields (o=, c=, t=, r=, z=, m=): another field
 * is an error. RFC 8866 §5 puts no space before the first field or after
 * the last; spaces there change no field, so they are the warning a number
 * with spaces around it gives (v=, b=, a=ptime, ...), at the first stray
 * space, with the value kept. */
static int trailing(struct sm_pctx *x, struct sm_cur *c, const char *what)
{
	size_t last = c->i;
	sm_cur_sp(c);
	if (!sm_cur_end(c))
		return BAD(x, c->p + c->i, what);
	if (c->p[0] == ' ' || c->p[0] == '\t')
		return WARN(x, c->p, "spaces around the fields");
	return c->i == last ? SM_PARSE_OK : WARN(x, c->p + last, "spaces around the fields");
}

/* ---- v= ---- */

int sm_sdp_parse_version(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	struct sm_uint_view *u = view;
	sipmsg_slice t = sm_trim(v, n);
	if (!sm_parse_uint(t.ptr, t.len, UINT32_MAX, &u->value))
		return BAD(x, v, "v= is not a number");
	/* RFC 8866 §5.1: proto-version = %s"v=" 1*DIGIT, and "there is no minor
	 * version number": 0 is the only version. Another is a grammar this
	 * parser does not know: a warning, and in strict mode an error. */
	if (u->value != 0)
		return sm_fault(x, t.ptr, x->strict ? SIPMSG_SEVERITY_ERROR : SIPMSG_SEVERITY_WARNING,
				"SDP version other than 0");
	/* "v=0 " means 0: a warning, as for the other numbers (sdp_attr_rtp.c) */
	if (t.len != n)
		return WARN(x, v, "spaces around the number");
	return SM_PARSE_OK;
}

void sm_sdp_write_version(struct sm_out *o, const void *view)
{
	sm_out_u64(o, ((const struct sm_uint_view *)view)->value);
}

/* ---- o= username sess-id sess-version nettype addrtype address ---- */

int sm_sdp_parse_origin(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_origin *o = view;
	struct sm_cur c = {v, n, 0};
	if (!need_word(x, &c, &o->username, "o=: missing username") ||
	    !need_word(x, &c, &o->sess_id, "o=: missing sess-id") ||
	    !need_word(x, &c, &o->sess_version, "o=: missing sess-version") ||
	    !need_word(x, &c, &o->nettype, "o=: missing nettype") ||
	    !need_word(x, &c, &o->addrtype, "o=: missing addrtype") ||
	    !need_word(x, &c, &o->address, "o=: missing unicast-address"))
		return SM_PARSE_BAD;
	int r = trailing(x, &c, "o=: more than six fields");
	if (!sm_all_digits(o->sess_id.ptr, o->sess_id.len, SIZE_MAX))
		r |= BAD(x, o->sess_id.ptr, "o=: sess-id is not a number");
	if (!sm_all_digits(o->sess_version.ptr, o->sess_version.len, SIZE_MAX))
		r |= BAD(x, o->sess_version.ptr, "o=: sess-version is not a number");
	o->sess_id_value = saturated(o->sess_id);
	o->sess_version_value = saturated(o->sess_version);
	return r;
}

/* IP6 when the address has a ':', else IP4. */
static void out_addrtype(struct sm_out *o, sipmsg_slice addrtype, sipmsg_slice address)
{
	if (addrtype.len)
		sm_out_slice(o, addrtype);
	else if (address.len && memchr(address.ptr, ':', address.len))
		sm_out_put(o, SM_LIT("IP6"));
	else
		sm_out_put(o, SM_LIT("IP4"));
}

static void out_or(struct sm_out *o, sipmsg_slice s, const char *dflt)
{
	if (s.len)
		sm_out_slice(o, s);
	else
		sm_out_put(o, dflt, strlen(dflt));
}

void sm_sdp_write_origin(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_origin *v = view;
	out_or(o, v->username, "-");
	sm_out_ch(o, ' ');
	if (v->sess_id.len)
		sm_out_slice(o, v->sess_id);
	else
		sm_out_u64(o, v->sess_id_value);
	sm_out_ch(o, ' ');
	if (v->sess_version.len)
		sm_out_slice(o, v->sess_version);
	else
		sm_out_u64(o, v->sess_version_value);
	sm_out_ch(o, ' ');
	out_or(o, v->nettype, "IN");
	sm_out_ch(o, ' ');
	out_addrtype(o, v->addrtype, v->address);
	sm_out_ch(o, ' ');
	sm_out_slice(o, v->address);
}

/* ---- c= nettype addrtype address[/ttl][/count] ---- */

int sm_sdp_parse_connection(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_connection *c = view;
	struct sm_cur cur = {v, n, 0};
	sipmsg_slice addr;
	c->ttl = -1;
	if (!need_word(x, &cur, &c->nettype, "c=: missing nettype") ||
	    !need_word(x, &cur, &c->addrtype, "c=: missing addrtype") ||
	    !need_word(x, &cur, &addr, "c=: missing connection-address"))
		return SM_PARSE_BAD;
	int r = trailing(x, &cur, "c=: more than three fields");
	bool ip4 = sm_eq_lower(c->addrtype.ptr, c->addrtype.len, SM_LIT("ip4"));
	bool ip6 = sm_eq_lower(c->addrtype.ptr, c->addrtype.len, SM_LIT("ip6"));
	const char *slash = (ip4 || ip6) ? memchr(addr.ptr, '/', addr.len) : NULL;
	if (!slash) {
		c->address = addr;
		return r;
	}
	c->address = (sipmsg_slice){addr.ptr, (size_t)(slash - addr.ptr)};
	struct sm_cur s = {addr.ptr, addr.len, (size_t)(slash - addr.ptr) + 1};
	uint64_t a = 0, b = 0;
	if (!sm_cur_u64(&s, &a))
		return BAD(x, s.p + s.i, "c=: a number must follow '/'");
	bool second = sm_cur_eat(&s, '/');
	const char *at_b = s.p + s.i;
	if (second && !sm_cur_u64(&s, &b))
		return BAD(x, s.p + s.i, "c=: a number must follow '/'");
	if (!sm_cur_end(&s))
		return BAD(x, s.p + s.i, "c=: junk after the address");
	/* numaddr = integer (POS-DIGIT *DIGIT): a count of 0 is no count at
	 * all, and would read back as an absent one */
	const char *at_count = ip4 ? at_b : slash + 1;
	uint64_t count = ip4 ? b : a;
	if ((!ip4 || second) && count == 0)
		return BAD(x, at_count, "c=: the number of addresses is not a positive number");
	if (ip4) {
		if (a > 255)
			r |= BAD(x, slash + 1, "c=: TTL larger than 255");
		c->ttl = (int32_t)(a > 255 ? 255 : a);
	} else if (second) {
		r |= BAD(x, slash + 1, "c=: IP6 multicast takes a count, not a TTL");
	}
	c->count = (uint32_t)(count > UINT32_MAX ? UINT32_MAX : count);
	return r;
}

void sm_sdp_write_connection(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_connection *v = view;
	out_or(o, v->nettype, "IN");
	sm_out_ch(o, ' ');
	out_addrtype(o, v->addrtype, v->address);
	sm_out_ch(o, ' ');
	sm_out_slice(o, v->address);
	if (v->ttl >= 0) {
		sm_out_ch(o, '/');
		sm_out_u64(o, (uint64_t)v->ttl);
	}
	if (v->count) {
		sm_out_ch(o, '/');
		sm_out_u64(o, v->count);
	}
}

/* ---- a=source-filter (RFC 4570 §3), c='s fields after a filter mode ----
 * source-filter = "source-filter" ":" SP filter-mode SP filter-spec
 * filter-spec   = nettype SP address-types SP dest-address SP src-list
 * The value starts after the ':', with the SP. Addresses are judged for
 * their type by sipmsg_sdp_check(). */

int sm_sdp_parse_source_filter(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_source_filter *f = view;
	int r = SM_PARSE_OK;
	if (n && v[0] == ' ') {
		v++;
		n--;
	} else {
		r = WARN(x, v, "source-filter: RFC 4570 puts a space after the ':'");
	}
	struct sm_cur c = {v, n, 0};
	sipmsg_slice mode;
	if (!need_word(x, &c, &mode, "source-filter: missing filter mode") ||
	    !need_word(x, &c, &f->nettype, "source-filter: missing nettype") ||
	    !need_word(x, &c, &f->addrtype, "source-filter: missing address types") ||
	    !need_word(x, &c, &f->dest_address, "source-filter: missing destination address"))
		return SM_PARSE_BAD;
	f->exclude = sm_eq_lower(mode.ptr, mode.len, SM_LIT("excl"));
	if (!f->exclude && !sm_eq_lower(mode.ptr, mode.len, SM_LIT("incl")))
		return BAD(x, mode.ptr, "source-filter: the filter mode is neither incl nor excl");
	const char *bad = sm_sdp_token_bad(f->nettype);
	if (bad)
		return BAD(x, bad, "source-filter: the nettype is not a token");
	if (!(f->addrtype.len == 1 && f->addrtype.ptr[0] == '*') && (bad = sm_sdp_token_bad(f->addrtype)))
		return BAD(x, bad, "source-filter: the address types are neither a token nor *");
	size_t ns = sm_count_items(c.p + c.i, c.n - c.i, ' ');
	if (ns == 0)
		return BAD(x, v + n, "source-filter: no source address");
	if (ns > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, c.p + c.i, "source-filter: more sources than max_list_items");
	}
	bool nomem;
	sipmsg_slice *src = sm_sdp_array(x, ns, sizeof *src, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	for (size_t k = 0; k < ns; k++) {
		if (!need_word(x, &c, &src[k], "source-filter: missing source address"))
			return SM_PARSE_BAD;
		/* src-address = unicast address / FQDN: no wildcard */
		if (src[k].len == 1 && src[k].ptr[0] == '*')
			return BAD(x, src[k].ptr, "source-filter: a source address cannot be *");
	}
	f->sources = src;
	f->nsources = ns;
	return r | trailing(x, &c, "source-filter: junk after the sources");
}

void sm_sdp_write_source_filter(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_source_filter *v = view;
	sm_out_ch(o, ' ');
	if (v->exclude)
		sm_out_put(o, SM_LIT("excl"));
	else
		sm_out_put(o, SM_LIT("incl"));
	sm_out_ch(o, ' ');
	out_or(o, v->nettype, "IN");
	sm_out_ch(o, ' ');
	out_addrtype(o, v->addrtype, v->dest_address);
	sm_out_ch(o, ' ');
	out_or(o, v->dest_address, "*");
	for (size_t k = 0; k < v->nsources; k++) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, v->sources[k]);
	}
}

/* ---- b= bwtype:bandwidth ---- */

static const struct {
	const char *name;
	uint8_t len;
	sipmsg_sdp_bwtype type;
} bwtypes[] = {
	{"as", 2, SIPMSG_SDP_BW_AS}, {"ct", 2, SIPMSG_SDP_BW_CT}, {"tias", 4, SIPMSG_SDP_BW_TIAS},
	{"rs", 2, SIPMSG_SDP_BW_RS}, {"rr", 2, SIPMSG_SDP_BW_RR},
};

int sm_sdp_parse_bandwidth(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_bandwidth *b = view;
	const char *colon = memchr(v, ':', n);
	if (!colon || colon == v)
		return BAD(x, colon ? v : v + n, "b=: expected <bwtype>:<bandwidth>");
	b->type = (sipmsg_slice){v, (size_t)(colon - v)};
	/* bwtype = token: "b=A S:1" is not a type with a space in it */
	const char *bad = sm_sdp_token_bad(b->type);
	if (bad)
		return BAD(x, bad, "b=: the bandwidth type is not a token");
	for (size_t k = 0; k < sizeof bwtypes / sizeof bwtypes[0]; k++)
		if (sm_eq_lower(b->type.ptr, b->type.len, bwtypes[k].name, bwtypes[k].len))
			b->known = bwtypes[k].type;
	sipmsg_slice num = sm_trim(colon + 1, n - (size_t)(colon - v) - 1);
	if (!sm_parse_uint(num.ptr, num.len, UINT64_MAX - 1, &b->value))
		return BAD(x, num.len ? num.ptr : colon + 1, "b=: the bandwidth is not a number");
	if (num.ptr + num.len != v + n || num.ptr != colon + 1)
		return WARN(x, colon + 1, "spaces around the number");
	return SM_PARSE_OK;
}

void sm_sdp_write_bandwidth(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_bandwidth *v = view;
	static const char *const names[] = {"X-", "AS", "CT", "TIAS", "RS", "RR"};
	if (v->type.len)
		sm_out_slice(o, v->type);
	else if ((unsigned)v->known < sizeof names / sizeof names[0])
		sm_out_put(o, names[v->known], strlen(names[v->known]));
	sm_out_ch(o, ':');
	sm_out_u64(o, v->value);
}

/* ---- t= start stop ---- */

/* time = POS-DIGIT 9*DIGIT (NTP seconds: 10 digits or more from 1931 on);
 * t= also takes "0". A shorter number still reads: a warning. */
static bool ntp_time_shape(sipmsg_slice w, bool zero_ok)
{
	if (zero_ok && w.len == 1 && w.ptr[0] == '0')
		return true;
	return w.len >= 10 && w.ptr[0] != '0';
}

int sm_sdp_parse_timing(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_timing *t = view;
	struct sm_cur c = {v, n, 0};
	sipmsg_slice a, b;
	if (!need_word(x, &c, &a, "t=: missing start time") || !need_word(x, &c, &b, "t=: missing stop time"))
		return SM_PARSE_BAD;
	if (!sm_slice_uint(a, UINT64_MAX - 1, &t->start))
		return BAD(x, a.ptr, "t=: the start time is not a number");
	if (!sm_slice_uint(b, UINT64_MAX - 1, &t->stop))
		return BAD(x, b.ptr, "t=: the stop time is not a number");
	int r = trailing(x, &c, "t=: more than two fields");
	if (!ntp_time_shape(a, true))
		r |= WARN(x, a.ptr, "t=: the start time is neither 0 nor an NTP time of 10 or more digits");
	if (!ntp_time_shape(b, true))
		r |= WARN(x, b.ptr, "t=: the stop time is neither 0 nor an NTP time of 10 or more digits");
	return r;
}

void sm_sdp_write_timing(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_timing *v = view;
	sm_out_u64(o, v->start);
	sm_out_ch(o, ' ');
	sm_out_u64(o, v->stop);
}

/* ---- r= and z=: typed times (digits with an optional d/h/m/s) ---- */

static bool typed_time(sipmsg_slice w, uint64_t *out)
{
	if (!w.len)
		return false;
	uint64_t mult = 1;
	switch (w.ptr[w.len - 1]) {
	case 'd': mult = 86400; break;
	case 'h': mult = 3600; break;
	case 'm': mult = 60; break;
	case 's': mult = 1; break;
	default: mult = 0; break;
	}
	uint64_t v;
	if (!sm_parse_uint(w.ptr, w.len - (mult != 0), UINT64_MAX / 86400, &v))
		return false;
	*out = v * (mult ? mult : 1);
	return true;
}

int sm_sdp_parse_repeat(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_repeat *r = view;
	size_t words = sm_count_items(v, n, ' ');
	if (words < 3)
		return BAD(x, v + n, "r=: expected interval, duration and at least one offset");
	if (words - 2 > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, v, "r=: more offsets than max_list_items");
	}
	bool nomem;
	uint64_t *offs = sm_sdp_array(x, words - 2, sizeof *offs, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	struct sm_cur c = {v, n, 0};
	for (size_t k = 0; k < words; k++) {
		sipmsg_slice w;
		uint64_t t;
		if (!need_word(x, &c, &w, "r=: missing typed time"))
			return SM_PARSE_BAD;
		if (!typed_time(w, &t))
			return BAD(x, w.ptr, "r=: not a typed time");
		/* repeat-interval = POS-DIGIT *DIGIT [unit]: a session does not
		 * repeat every 0 seconds */
		if (k == 0 && w.ptr[0] == '0')
			return BAD(x, w.ptr, "r=: the repeat interval does not start with 1-9");
		if (k == 0)
			r->interval = t;
		else if (k == 1)
			r->duration = t;
		else
			offs[k - 2] = t;
	}
	r->offsets = offs;
	r->noffsets = words - 2;
	return trailing(x, &c, "r=: junk after the offsets");
}

void sm_sdp_write_repeat(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_repeat *v = view;
	sm_out_u64(o, v->interval);
	sm_out_ch(o, ' ');
	sm_out_u64(o, v->duration);
	for (size_t k = 0; k < v->noffsets; k++) {
		sm_out_ch(o, ' ');
		sm_out_u64(o, v->offsets[k]);
	}
}

int sm_sdp_parse_zone(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_zone *z = view;
	size_t words = sm_count_items(v, n, ' ');
	if (words < 2 || words % 2)
		return BAD(x, v + n, "z=: expected pairs of adjustment time and offset");
	if (words / 2 > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, v, "z=: more adjustments than max_list_items");
	}
	bool nomem;
	sipmsg_sdp_zone_adjustment *adj = sm_sdp_array(x, words / 2, sizeof *adj, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	struct sm_cur c = {v, n, 0};
	for (size_t k = 0; k < words / 2; k++) {
		sipmsg_slice t, off;
		if (!need_word(x, &c, &t, "z=: missing adjustment time") ||
		    !need_word(x, &c, &off, "z=: missing offset"))
			return SM_PARSE_BAD;
		if (!sm_slice_uint(t, UINT64_MAX - 1, &adj[k].time))
			return BAD(x, t.ptr, "z=: the adjustment time is not a number");
		if (!ntp_time_shape(t, false))
			WARN(x, t.ptr, "z=: the adjustment time is not an NTP time of 10 or more digits");
		bool neg = off.len && off.ptr[0] == '-';
		uint64_t secs;
		if (!typed_time((sipmsg_slice){off.ptr + neg, off.len - neg}, &secs) || secs > INT64_MAX)
			return BAD(x, off.ptr, "z=: the offset is not a typed time");
		adj[k].offset = neg ? -(int64_t)secs : (int64_t)secs;
	}
	z->adjustments = adj;
	z->count = words / 2;
	return trailing(x, &c, "z=: junk after the adjustments");
}

void sm_sdp_write_zone(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_zone *v = view;
	for (size_t k = 0; k < v->count; k++) {
		if (k)
			sm_out_ch(o, ' ');
		sm_out_u64(o, v->adjustments[k].time);
		sm_out_ch(o, ' ');
		sm_out_i64(o, v->adjustments[k].offset);
	}
}

/* ---- m= media port[/count] proto fmt... ---- */

/* proto = token *("/" token): the first byte that breaks it, or NULL */
static const char *proto_bad(sipmsg_slice p)
{
	bool start = true;
	for (size_t i = 0; i < p.len; i++) {
		if (p.ptr[i] == '/') {
			if (start)
				return p.ptr + i;
			start = true;
		} else if (!sm_sdp_token_char((unsigned char)p.ptr[i])) {
			return p.ptr + i;
		} else {
			start = false;
		}
	}
	return start ? p.ptr + p.len : NULL;
}

int sm_sdp_parse_media(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_media_desc *m = view;
	struct sm_cur c = {v, n, 0};
	sipmsg_slice port;
	if (!need_word(x, &c, &m->media, "m=: missing media type") || !need_word(x, &c, &port, "m=: missing port") ||
	    !need_word(x, &c, &m->proto, "m=: missing proto"))
		return SM_PARSE_BAD;
	const char *bad = sm_sdp_token_bad(m->media);
	if (bad)
		return BAD(x, bad, "m=: the media type is not a token");
	if ((bad = proto_bad(m->proto)))
		return BAD(x, bad, "m=: the proto is not tokens separated by '/'");
	struct sm_cur pc = {port.ptr, port.len, 0};
	uint64_t p = 0, cnt = 0;
	if (!sm_cur_u64(&pc, &p) || p > UINT32_MAX)
		return BAD(x, port.ptr, "m=: the port is not a number");
	m->port = (uint32_t)p;
	if (sm_cur_eat(&pc, '/')) {
		if (!sm_cur_u64(&pc, &cnt) || cnt == 0 || cnt > UINT32_MAX)
			return BAD(x, pc.p + pc.i, "m=: the number of ports is not a positive number");
		m->port_count = (uint32_t)cnt;
	}
	if (!sm_cur_end(&pc))
		return BAD(x, pc.p + pc.i, "m=: junk after the port");
	size_t nf = sm_count_items(c.p + c.i, c.n - c.i, ' ');
	if (nf > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, c.p + c.i, "m=: more formats than max_list_items");
	}
	bool nomem;
	sipmsg_slice *f = sm_sdp_array(x, nf, sizeof *f, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	for (size_t k = 0; k < nf; k++) {
		if (!need_word(x, &c, &f[k], "m=: missing format"))
			return SM_PARSE_BAD;
		if ((bad = sm_sdp_token_bad(f[k])))
			return BAD(x, bad, "m=: a format is not a token");
	}
	m->formats = f;
	m->nformats = nf;
	if (nf == 0)
		return BAD(x, v + n, "m=: no format");
	return trailing(x, &c, "m=: junk after the formats");
}

void sm_sdp_write_media(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_media_desc *v = view;
	sm_out_slice(o, v->media);
	sm_out_ch(o, ' ');
	sm_out_u64(o, v->port);
	if (v->port_count) {
		sm_out_ch(o, '/');
		sm_out_u64(o, v->port_count);
	}
	sm_out_ch(o, ' ');
	sm_out_slice(o, v->proto);
	for (size_t k = 0; k < v->nformats; k++) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, v->formats[k]);
	}
}
