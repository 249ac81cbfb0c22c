/* SPDX-License-Identifier: MIT */
/* Typed views of the RTP media attributes: rtpmap, fmtp, ptime/maxptime/
 * framerate (numbers), integers, lists, rtcp, rtcp-fb, extmap, imageattr and
 * silenceSupp; each a parser and a writer. */
#include "sdp_internal.h"

#define BAD(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_ERROR, (msg))
#define WARN(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_WARNING, (msg))

static bool eq(sipmsg_slice s, const char *lit, size_t n) { return s.len == n && memcmp(s.ptr, lit, n) == 0; }

/* ---- numbers: *DIGIT ["." *DIGIT] with a digit (ptime, maxptime, framerate) ----
 * RFC 8866 §6.4, §6.5, §6.13 want non-zero-int-or-real (an integer from 1,
 * or "0." or an integer, "." and digits): ".5", "5.", "020" and 0 still
 * read, with a warning. Trailing zeros ("30.0") are let pass: common and
 * harmless. */

int sm_sdp_parse_number(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	struct sm_num_view *nv = view;
	sipmsg_slice s = sm_trim(v, n);
	double val = 0, scale = 1;
	size_t i = 0, whole = 0, fdigits = 0;
	bool frac = false;
	for (; i < s.len; i++) {
		char c = s.ptr[i];
		if (c >= '0' && c <= '9') {
			if (frac) {
				fdigits++;
				scale /= 10;
				val += (c - '0') * scale;
			} else {
				whole++;
				val = val * 10 + (c - '0');
			}
		} else if (c == '.' && !frac) {
			frac = true;
		} else {
			break;
		}
	}
	nv->value = val;
	if (!whole && !fdigits)
		return BAD(x, s.len ? s.ptr : v + n, "not a number");
	if (i < s.len)
		return BAD(x, s.ptr + i, "not a number");
	if (!whole || (frac && !fdigits) || (whole > 1 && s.ptr[0] == '0') || val == 0)
		return WARN(x, s.ptr, "not a non-zero integer or decimal (RFC 8866 non-zero-int-or-real)");
	if (s.len != n)
		return WARN(x, v, "spaces around the number");
	return SM_PARSE_OK;
}

void sm_sdp_write_number(struct sm_out *o, const void *view)
{
	double v = ((const struct sm_num_view *)view)->value;
	if (!(v >= 0) || v > 1e15) {
		sm_out_ch(o, '0');
		return;
	}
	uint64_t whole = (uint64_t)v;
	/* up to 6 decimals, rounded, trailing zeros dropped */
	uint64_t frac = (uint64_t)((v - (double)whole) * 1e6 + 0.5);
	if (frac >= 1000000) {
		whole++;
		frac -= 1000000;
	}
	sm_out_u64(o, whole);
	if (frac) {
		char d[7];
		int k = 6;
		while (frac % 10 == 0) {
			frac /= 10;
			k--;
		}
		for (int j = k - 1; j >= 0; j--) {
			d[j] = (char)('0' + frac % 10);
			frac /= 10;
		}
		sm_out_ch(o, '.');
		sm_out_put(o, d, (size_t)k);
	}
}

int sm_sdp_parse_uint(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	struct sm_uint_view *u = view;
	sipmsg_slice s = sm_trim(v, n);
	if (!sm_slice_uint(s, UINT64_MAX - 1, &u->value))
		return BAD(x, v, "not a decimal number");
	if (s.len != n)
		return WARN(x, v, "spaces around the number");
	return SM_PARSE_OK;
}

void sm_sdp_write_uint(struct sm_out *o, const void *view)
{
	sm_out_u64(o, ((const struct sm_uint_view *)view)->value);
}

/* ---- a token (mid, connection): what a peer means despite junk after it ---- */

int sm_sdp_parse_token(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_slice *t = view;
	size_t i = 0;
	while (i < n && sm_sdp_token_char((unsigned char)v[i]))
		i++;
	*t = (sipmsg_slice){v, i};
	if (i == 0)
		return BAD(x, v, "not a token");
	if (i < n)
		return WARN(x, v + i, "junk after the token (ignored)");
	return SM_PARSE_OK;
}

void sm_sdp_write_token(struct sm_out *o, const void *view) { sm_out_slice(o, *(const sipmsg_slice *)view); }

/* ---- lists ---- */

static int parse_list(struct sm_pctx *x, const char *v, size_t n, sipmsg_sdp_list *l, char sep)
{
	size_t total = sm_count_items(v, n, sep);
	if (total > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, v, "more items than max_list_items");
	}
	bool nomem;
	sipmsg_slice *items = sm_sdp_array(x, total, sizeof *items, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	size_t k = 0, i = 0;
	while (i < n && k < total) {
		size_t s = i;
		while (i < n && v[i] != sep && !(sep == ' ' && v[i] == '\t'))
			i++;
		sipmsg_slice it = sm_trim(v + s, i - s);
		i++;
		if (it.len)
			items[k++] = it;
	}
	l->items = items;
	l->count = k;
	return k ? SM_PARSE_OK : BAD(x, v, "an empty list");
}

int sm_sdp_parse_tokens(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	return parse_list(x, v, n, view, ' ');
}

int sm_sdp_parse_commalist(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	return parse_list(x, v, n, view, ',');
}

static void write_list(struct sm_out *o, const sipmsg_sdp_list *l, char sep)
{
	for (size_t k = 0; k < l->count; k++) {
		if (k)
			sm_out_ch(o, sep);
		sm_out_slice(o, l->items[k]);
	}
}

void sm_sdp_write_tokens(struct sm_out *o, const void *view) { write_list(o, view, ' '); }
void sm_sdp_write_commalist(struct sm_out *o, const void *view) { write_list(o, view, ','); }

/* ---- rtpmap:<pt> <encoding>/<clock>[/<params>] ---- */

int sm_sdp_parse_rtpmap(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_rtpmap *r = view;
	struct sm_cur c = {v, n, 0};
	uint64_t pt;
	if (!sm_cur_u64(&c, &pt))
		return BAD(x, v, "rtpmap: the payload type is not a number");
	if (pt > 127)
		return BAD(x, v, "rtpmap: payload type larger than 127");
	r->payload_type = (uint32_t)pt;
	if (c.i >= n || (v[c.i] != ' ' && v[c.i] != '\t'))
		return BAD(x, v + c.i, "rtpmap: expected a space after the payload type");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	r->encoding = sm_cur_until(&c, '/');
	if (!r->encoding.len)
		return BAD(x, v + c.i, "rtpmap: missing encoding name");
	const char *bad = sm_sdp_token_bad(r->encoding);
	if (bad)
		return BAD(x, bad, "rtpmap: the encoding name is not a token");
	if (!sm_cur_eat(&c, '/')) {
		if (!sm_cur_end(&c))
			return BAD(x, v + c.i, "rtpmap: junk after the encoding name");
		return WARN(x, v + c.i, "rtpmap: no clock rate");
	}
	uint64_t clock;
	const char *at_clock = v + c.i;
	if (!sm_cur_u64(&c, &clock) || clock > UINT32_MAX)
		return BAD(x, at_clock, "rtpmap: the clock rate is not a number");
	/* clock-rate = integer (RFC 8866 §6.6): 0 would read as no clock rate */
	if (clock == 0)
		return BAD(x, at_clock, "rtpmap: the clock rate is not a positive number");
	r->clock_rate = (uint32_t)clock;
	if (sm_cur_eat(&c, '/')) {
		size_t s = c.i;
		sm_cur_word(&c);
		r->encoding_params = (sipmsg_slice){v + s, c.i - s};
		uint64_t ch;
		if (sm_slice_uint(r->encoding_params, UINT32_MAX, &ch))
			r->channels = (uint32_t)ch;
		if (!r->encoding_params.len)
			return BAD(x, v + s, "rtpmap: empty encoding parameters");
	}
	sm_cur_sp(&c);
	if (!sm_cur_end(&c))
		return BAD(x, v + c.i, "rtpmap: junk after the clock rate");
	return SM_PARSE_OK;
}

void sm_sdp_write_rtpmap(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_rtpmap *r = view;
	sm_out_u64(o, r->payload_type);
	sm_out_ch(o, ' ');
	sm_out_slice(o, r->encoding);
	if (r->clock_rate || r->encoding_params.len || r->channels) {
		sm_out_ch(o, '/');
		sm_out_u64(o, r->clock_rate);
	}
	if (r->encoding_params.len) {
		sm_out_ch(o, '/');
		sm_out_slice(o, r->encoding_params);
	} else if (r->channels) {
		sm_out_ch(o, '/');
		sm_out_u64(o, r->channels);
	}
}

/* ---- fmtp:<format> <params> ---- */

int sm_sdp_parse_fmtp(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_fmtp *f = view;
	struct sm_cur c = {v, n, 0};
	f->format = sm_cur_word(&c);
	if (!f->format.len)
		return BAD(x, v, "fmtp: missing format");
	uint64_t pt;
	f->payload_type = sm_slice_uint(f->format, 127, &pt) ? (int32_t)pt : -1;
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	f->params = (sipmsg_slice){v + c.i, n - c.i};
	if (!f->params.len)
		return WARN(x, v + n, "fmtp: no parameters");
	return sm_split_params(x, f->params.ptr, f->params.len, ';', &f->list, &f->nparams);
}

static void write_params(struct sm_out *o, const sipmsg_sdp_param *p, size_t n, char sep)
{
	for (size_t k = 0; k < n; k++) {
		if (k)
			sm_out_ch(o, sep);
		sm_out_slice(o, p[k].name);
		if (p[k].value.ptr) {
			sm_out_ch(o, '=');
			sm_out_slice(o, p[k].value);
		}
	}
}

void sm_sdp_write_fmtp(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_fmtp *f = view;
	if (f->format.len)
		sm_out_slice(o, f->format);
	else
		sm_out_u64(o, f->payload_type < 0 ? 0 : (uint64_t)f->payload_type);
	sm_out_ch(o, ' ');
	if (f->nparams)
		write_params(o, f->list, f->nparams, ';');
	else
		sm_out_slice(o, f->params);
}

/* ---- rtcp:<port> [<nettype> <addrtype> <address>] (RFC 3605) ---- */

int sm_sdp_parse_rtcp(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_rtcp *r = view;
	struct sm_cur c = {v, n, 0};
	uint64_t port;
	if (!sm_cur_u64(&c, &port) || port > UINT32_MAX)
		return BAD(x, v, "rtcp: the port is not a number");
	r->port = (uint32_t)port;
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	if (sm_cur_end(&c))
		return SM_PARSE_OK;
	r->nettype = sm_cur_word(&c);
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	r->addrtype = sm_cur_word(&c);
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	r->address = sm_cur_word(&c);
	if (!r->nettype.len || !r->addrtype.len || !r->address.len)
		return BAD(x, v + c.i, "rtcp: expected <nettype> <addrtype> <address> after the port");
	sm_cur_sp(&c);
	if (!sm_cur_end(&c))
		return BAD(x, v + c.i, "rtcp: junk after the address");
	if (!sm_eq_lower(r->addrtype.ptr, r->addrtype.len, SM_LIT("ip4")) &&
	    !sm_eq_lower(r->addrtype.ptr, r->addrtype.len, SM_LIT("ip6"))) {
		x->fault_code = SIPMSG_DIAG_SDP_BAD_ADDRESS;
		return WARN(x, r->addrtype.ptr, "rtcp: unknown address type");
	}
	return SM_PARSE_OK;
}

void sm_sdp_write_rtcp(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_rtcp *r = view;
	sm_out_u64(o, r->port);
	if (r->address.len) {
		sm_out_ch(o, ' ');
		sm_out_put(o, r->nettype.len ? r->nettype.ptr : "IN", r->nettype.len ? r->nettype.len : 2);
		sm_out_ch(o, ' ');
		if (r->addrtype.len)
			sm_out_slice(o, r->addrtype);
		else
			sm_out_put(o, memchr(r->address.ptr, ':', r->address.len) ? "IP6" : "IP4", 3);
		sm_out_ch(o, ' ');
		sm_out_slice(o, r->address);
	}
}

/* ---- rtcp-fb:<pt|*> <type> [<params>] (RFC 4585 §4.2) ---- */

int sm_sdp_parse_rtcp_fb(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_rtcp_fb *f = view;
	struct sm_cur c = {v, n, 0};
	f->payload_type = sm_cur_word(&c);
	if (eq(f->payload_type, SM_LIT("*"))) {
		f->wildcard = true;
	} else {
		uint64_t pt;
		if (!sm_slice_uint(f->payload_type, 127, &pt))
			return BAD(x, v, "rtcp-fb: the payload type is neither a number up to 127 nor *");
		f->pt = (uint32_t)pt;
	}
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	f->type = sm_cur_word(&c);
	if (!f->type.len)
		return BAD(x, v + c.i, "rtcp-fb: missing feedback type");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	f->params = sm_trim(v + c.i, n - c.i);
	f->subtype = sm_cur_word(&c);
	if (!f->params.len)
		f->params.ptr = NULL, f->subtype.ptr = NULL;
	if (eq(f->type, SM_LIT("trr-int"))) {
		uint64_t ms;
		if (!sm_slice_uint(f->params, UINT32_MAX, &ms))
			return BAD(x, f->params.ptr ? f->params.ptr : v + n, "rtcp-fb: trr-int needs a number");
		f->trr_int = (uint32_t)ms;
	}
	return SM_PARSE_OK;
}

void sm_sdp_write_rtcp_fb(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_rtcp_fb *f = view;
	if (f->payload_type.len)
		sm_out_slice(o, f->payload_type);
	else if (f->wildcard)
		sm_out_ch(o, '*');
	else
		sm_out_u64(o, f->pt);
	sm_out_ch(o, ' ');
	sm_out_slice(o, f->type);
	if (f->params.len) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, f->params);
	} else if (f->subtype.len) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, f->subtype);
	} else if (eq(f->type, SM_LIT("trr-int"))) {
		sm_out_ch(o, ' ');
		sm_out_u64(o, f->trr_int);
	}
}

/* ---- extmap:<id>[/<dir>] <uri> [<attributes>] (RFC 8285, RFC 6904) ---- */

static const struct {
	const char *name;
	uint8_t len;
	sipmsg_sdp_direction dir;
} dirs[] = {
	{"sendrecv", 8, SIPMSG_SDP_DIR_SENDRECV},
	{"sendonly", 8, SIPMSG_SDP_DIR_SENDONLY},
	{"recvonly", 8, SIPMSG_SDP_DIR_RECVONLY},
	{"inactive", 8, SIPMSG_SDP_DIR_INACTIVE},
};
static const char *const dir_names[] = {"", "sendrecv", "sendonly", "recvonly", "inactive"};

int sm_sdp_parse_extmap(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_extmap *e = view;
	struct sm_cur c = {v, n, 0};
	uint64_t id;
	if (!sm_cur_u64(&c, &id))
		return BAD(x, v, "extmap: the id is not a number");
	/* RFC 8285 §6-7: 1-255 (1-14 in the one-byte form, 15 reserved
	 * there), and 4096-4351 only in an answer that declines an id */
	if (id == 0 || (id > 255 && id < 4096) || id > 4351)
		return BAD(x, v, "extmap: the id is not in 1-255 or 4096-4351");
	e->id = (uint32_t)id;
	if (sm_cur_eat(&c, '/')) {
		/* RFC 8285 §8: direction = "sendonly" / "recvonly" / "sendrecv" /
		 * "inactive", quoted strings: any case */
		sipmsg_slice d = sm_cur_word(&c);
		for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
			if (sm_eq_lower(d.ptr, d.len, dirs[k].name, dirs[k].len))
				e->direction = dirs[k].dir;
		if (!e->direction)
			return BAD(x, d.ptr, "extmap: unknown direction");
	}
	if (c.i >= n || (v[c.i] != ' ' && v[c.i] != '\t'))
		return BAD(x, v + c.i, "extmap: expected a space and the URI");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	e->uri = sm_cur_word(&c);
	if (eq(e->uri, SM_LIT("urn:ietf:params:rtp-hdrext:encrypt"))) {
		e->encrypt = true;
		if (!sm_sdp_sep(x, &c))
			return SM_PARSE_BAD;
		e->uri = sm_cur_word(&c);
	}
	if (!e->uri.len)
		return BAD(x, v + c.i, "extmap: missing URI");
	if (!sm_sdp_sep(x, &c))
		return SM_PARSE_BAD;
	if (!sm_cur_end(&c))
		e->attributes = sm_trim(v + c.i, n - c.i);
	if (!memchr(e->uri.ptr, ':', e->uri.len))
		return WARN(x, e->uri.ptr, "extmap: the URI is not an absolute URI");
	return SM_PARSE_OK;
}

void sm_sdp_write_extmap(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_extmap *e = view;
	sm_out_u64(o, e->id);
	if (e->direction > SIPMSG_SDP_DIR_NONE && e->direction <= SIPMSG_SDP_DIR_INACTIVE) {
		sm_out_ch(o, '/');
		sm_out_put(o, dir_names[e->direction], 8);
	}
	sm_out_ch(o, ' ');
	if (e->encrypt)
		sm_out_put(o, SM_LIT("urn:ietf:params:rtp-hdrext:encrypt "));
	sm_out_slice(o, e->uri);
	if (e->attributes.len) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, e->attributes);
	}
}

/* ---- imageattr:<pt|*> (send|recv) <sets> [(send|recv) <sets>] (RFC 6236) ---- */

/* The bytes of one direction's sets: up to the next top-level send/recv. */
static sipmsg_slice imageattr_sets(struct sm_cur *c)
{
	size_t s = c->i, end = c->i;
	int depth = 0;
	while (c->i < c->n) {
		char ch = c->p[c->i];
		if (depth == 0 && (ch == ' ' || ch == '\t')) {
			struct sm_cur t = *c;
			sm_cur_sp(&t);
			sipmsg_slice w = sm_cur_word(&t);
			if (SM_IS(w, "send") || SM_IS(w, "recv"))
				break;
			c->i = t.i - w.len;
			continue;
		}
		if (ch == '[')
			depth++;
		else if (ch == ']')
			depth--;
		c->i++;
		end = c->i;
	}
	return (sipmsg_slice){c->p + s, end - s};
}

/* Split "[..] [..]" into its top-level bracketed sets. */
static int imageattr_split(struct sm_pctx *x, sipmsg_slice s, const sipmsg_slice **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (eq(s, SM_LIT("*")))
		return SM_PARSE_OK;
	size_t total = 0;
	int depth = 0;
	for (size_t i = 0; i < s.len; i++) {
		char ch = s.ptr[i];
		if (ch == '[') {
			total += depth++ == 0;
		} else if (ch == ']') {
			if (--depth < 0)
				return BAD(x, s.ptr + i, "imageattr: unbalanced ']'");
		} else if (depth == 0 && ch != ' ' && ch != '\t') {
			return BAD(x, s.ptr + i, "imageattr: expected '[' or '*'");
		}
	}
	if (depth != 0 || total == 0)
		return BAD(x, s.ptr, "imageattr: unbalanced '['");
	if (total > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, s.ptr, "imageattr: more sets than max_list_items");
	}
	bool nomem;
	sipmsg_slice *sets = sm_sdp_array(x, total, sizeof *sets, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	size_t k = 0, start = 0;
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] == '[' && depth++ == 0)
			start = i;
		else if (s.ptr[i] == ']' && --depth == 0)
			sets[k++] = (sipmsg_slice){s.ptr + start, i + 1 - start};
	}
	*out = sets;
	*count = k;
	return SM_PARSE_OK;
}

int sm_sdp_parse_imageattr(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_imageattr *ia = view;
	struct sm_cur c = {v, n, 0};
	ia->payload_type = sm_cur_word(&c);
	if (eq(ia->payload_type, SM_LIT("*"))) {
		ia->wildcard = true;
	} else {
		uint64_t pt;
		if (!sm_slice_uint(ia->payload_type, 127, &pt))
			return BAD(x, v, "imageattr: the payload type is neither a number up to 127 nor *");
		ia->pt = (uint32_t)pt;
	}
	for (int k = 0; k < 2; k++) {
		sm_cur_sp(&c);
		if (sm_cur_end(&c)) {
			if (k == 0)
				return BAD(x, v + n, "imageattr: expected send or recv");
			break;
		}
		sipmsg_slice w = sm_cur_word(&c);
		/* RFC 6236 image-attr: ( "send" / "recv" ), quoted strings: any case */
		bool send = SM_IS(w, "send");
		if (!send && !SM_IS(w, "recv"))
			return BAD(x, w.ptr, "imageattr: expected send or recv");
		sipmsg_slice *dst = send ? &ia->send : &ia->recv;
		if (dst->ptr)
			return BAD(x, w.ptr, "imageattr: send or recv given twice");
		sm_cur_sp(&c);
		*dst = imageattr_sets(&c);
		if (!dst->len)
			return BAD(x, v + c.i, "imageattr: missing sets");
		int r = send ? imageattr_split(x, *dst, &ia->send_sets, &ia->nsend_sets)
			     : imageattr_split(x, *dst, &ia->recv_sets, &ia->nrecv_sets);
		if (r)
			return r;
	}
	sm_cur_sp(&c);
	return sm_cur_end(&c) ? SM_PARSE_OK : BAD(x, v + c.i, "imageattr: junk after the sets");
}

void sm_sdp_write_imageattr(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_imageattr *ia = view;
	if (ia->payload_type.len)
		sm_out_slice(o, ia->payload_type);
	else if (ia->wildcard)
		sm_out_ch(o, '*');
	else
		sm_out_u64(o, ia->pt);
	if (ia->send.len) {
		sm_out_put(o, SM_LIT(" send "));
		sm_out_slice(o, ia->send);
	}
	if (ia->recv.len) {
		sm_out_put(o, SM_LIT(" recv "));
		sm_out_slice(o, ia->recv);
	}
}

/* ---- silenceSupp:<enable> <timer> <pref> <siduse> <fxnslevel> (RFC 3108) ----
 * RFC 3108 §5.6.3.2 gives no ABNF: five fields separated by one SP, as the
 * SDP grammars, each "-" when not given; sidUse is one of "No SID", "Fixed
 * Noise" and "Sampled Noise", a value with a space in it. Its syntax line
 * prints a space after the colon, so one there is let be. */

/* sidUse's two-word values: the second word joins the first, and the gap
 * between them is a separator like the others (one SP; more, or an HTAB,
 * a warning, strict: an error). *known when w is one of them; false only
 * for a strict parse's bad gap. */
static bool siduse_words(struct sm_pctx *x, struct sm_cur *c, sipmsg_slice *w, bool *known)
{
	static const struct {
		const char *first, *second;
	} two[] = {{"no", "sid"}, {"fixed", "noise"}, {"sampled", "noise"}}; /* any case */
	*known = false;
	for (size_t k = 0; k < sizeof two / sizeof two[0]; k++) {
		size_t fl = strlen(two[k].first), sl = strlen(two[k].second);
		if (!sm_eq_lower(w->ptr, w->len, two[k].first, fl))
			continue;
		struct sm_cur g = *c;
		sm_cur_sp(&g);
		if (g.i == c->i || g.n - g.i < sl || !sm_eq_lower(g.p + g.i, sl, two[k].second, sl) ||
		    (g.i + sl < g.n && g.p[g.i + sl] != ' ' && g.p[g.i + sl] != '\t'))
			return true;
		if (!sm_sdp_sep(x, c))
			return false;
		c->i += sl;
		w->len = (size_t)(c->p + c->i - w->ptr);
		*known = true;
		return true;
	}
	return true;
}

static bool dash_or_digits(sipmsg_slice s)
{
	return (s.len == 1 && s.ptr[0] == '-') || sm_all_digits(s.ptr, s.len, SIZE_MAX);
}

int sm_sdp_parse_silencesupp(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_silencesupp *s = view;
	struct sm_cur c = {v, n, 0};
	sipmsg_slice *f[5] = {&s->enable, &s->timer, &s->pref, &s->siduse, &s->fxnslevel};
	bool two_words = false;
	sm_cur_sp(&c);
	for (int k = 0; k < 5; k++) {
		if (k && !sm_sdp_sep(x, &c))
			return SM_PARSE_BAD;
		*f[k] = sm_cur_word(&c);
		if (!f[k]->len)
			return BAD(x, v + c.i, "silenceSupp: expected five fields");
		if (k == 3 && !siduse_words(x, &c, f[k], &two_words))
			return SM_PARSE_BAD;
	}
	sm_cur_sp(&c);
	if (!sm_cur_end(&c))
		return BAD(x, v + c.i, "silenceSupp: more than five fields");
	/* in any case, as the other fields' keywords */
	if (!sm_eq_lower(s->enable.ptr, s->enable.len, SM_LIT("on")) &&
	    !sm_eq_lower(s->enable.ptr, s->enable.len, SM_LIT("off")))
		return WARN(x, s->enable.ptr, "silenceSupp: enable is neither on nor off");
	if (!dash_or_digits(s->timer))
		return WARN(x, s->timer.ptr, "silenceSupp: silenceTimer is neither - nor a number");
	if (!eq(s->pref, SM_LIT("-")) && !SM_IS(s->pref, "standard") && !SM_IS(s->pref, "custom"))
		return WARN(x, s->pref.ptr, "silenceSupp: suppPref is not -, standard or custom");
	if (!two_words && !eq(s->siduse, SM_LIT("-")))
		return WARN(x, s->siduse.ptr, "silenceSupp: sidUse is not -, No SID, Fixed Noise or Sampled Noise");
	if (!dash_or_digits(s->fxnslevel))
		return WARN(x, s->fxnslevel.ptr, "silenceSupp: fxnslevel is neither - nor a number");
	return SM_PARSE_OK;
}

void sm_sdp_write_silencesupp(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_silencesupp *s = view;
	const sipmsg_slice f[5] = {s->enable, s->timer, s->pref, s->siduse, s->fxnslevel};
	for (int k = 0; k < 5; k++) {
		if (k)
			sm_out_ch(o, ' ');
		if (f[k].len)
			sm_out_slice(o, f[k]);
		else
			sm_out_ch(o, '-');
	}
}
