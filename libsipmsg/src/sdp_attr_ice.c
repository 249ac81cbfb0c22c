/* SPDX-License-Identifier: MIT */
/* Typed views of the transport and security attributes: candidate (RFC 8839,
 * RFC 6544, libwebrtc extensions), fingerprint (RFC 8122), setup (RFC 4145)
 * and crypto (RFC 4568); each a parser and a writer. */
#include "sdp_internal.h"

#define BAD(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_ERROR, (msg))
#define WARN(x, at, msg) sm_fault((x), (at), SIPMSG_SEVERITY_WARNING, (msg))

static bool eq(sipmsg_slice s, const char *lit, size_t n) { return s.len == n && memcmp(s.ptr, lit, n) == 0; }

/* ---- candidate ---- */

static bool word_u64(struct sm_cur *c, uint64_t max, uint64_t *out, sipmsg_slice *w)
{
	*w = sm_cur_word(c);
	return sm_slice_uint(*w, max, out);
}

/* RFC 8839 §5.1: one SP between the fields, the extension pairs included */
#define SEP_OR_BAD(x, c)                      \
	do {                                  \
		if (!sm_sdp_sep((x), (c)))    \
			return SM_PARSE_BAD;  \
	} while (0)

/* A signed extension value ("generation 0"); false when not a number. */
static bool ext_number(sipmsg_slice w, int64_t *out)
{
	uint64_t v;
	if (!sm_slice_uint(w, INT64_MAX, &v))
		return false;
	*out = (int64_t)v;
	return true;
}

/* RFC 6544 §4.5: a TCP candidate carries "SP tcp-type-ext" (not optional in
 * its candidate-attribute), tcp-type = "active" / "passive" / "so". Old
 * libwebrtc wrote TCP candidates without it: kept, with a warning. */
static int check_tcptype(struct sm_pctx *x, const sipmsg_sdp_candidate *cd)
{
	if (!sm_eq_lower(cd->transport.ptr, cd->transport.len, SM_LIT("tcp")))
		return SM_PARSE_OK;
	if (!cd->tcptype.len)
		return WARN(x, cd->transport.ptr, "candidate: a TCP candidate without tcptype (RFC 6544)");
	if (!sm_eq_lower(cd->tcptype.ptr, cd->tcptype.len, SM_LIT("active")) &&
	    !sm_eq_lower(cd->tcptype.ptr, cd->tcptype.len, SM_LIT("passive")) &&
	    !sm_eq_lower(cd->tcptype.ptr, cd->tcptype.len, SM_LIT("so")))
		return WARN(x, cd->tcptype.ptr, "candidate: tcptype is not active, passive or so");
	return SM_PARSE_OK;
}

/* foundation = 1*32ice-char, ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839
 * §5.1): the first byte that breaks it (the 33rd when too long), or NULL. */
static const char *bad_foundation(sipmsg_slice f)
{
	for (size_t k = 0; k < f.len; k++) {
		unsigned char ch = (unsigned char)f.ptr[k];
		if (k == 32 || !(sm_is(ch, SM_C_ALPHA | SM_C_DIGIT) || ch == '+' || ch == '/'))
			return f.ptr + k;
	}
	return NULL;
}

int sm_sdp_parse_candidate(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_candidate *cd = view;
	struct sm_cur c = {v, n, 0};
	sipmsg_slice w;
	uint64_t num;
	cd->rport = -1;
	cd->generation = cd->network_id = cd->network_cost = -1;
	cd->foundation = sm_cur_word(&c);
	if (!cd->foundation.len)
		return BAD(x, v, "candidate: missing foundation");
	const char *fbad = bad_foundation(cd->foundation);
	if (fbad)
		return BAD(x, fbad, fbad == cd->foundation.ptr + 32
					    ? "candidate: the foundation is longer than 32 characters (RFC 8839 §5.1)"
					    : "candidate: the foundation is not ALPHA, DIGIT, \"+\" or \"/\" (RFC 8839 §5.1)");
	SEP_OR_BAD(x, &c);
	if (!word_u64(&c, 256, &num, &w))
		return BAD(x, w.ptr, "candidate: the component id is not a number");
	cd->component = (uint32_t)num;
	if (!num)
		WARN(x, w.ptr, "candidate: component ids start at 1 (RFC 8445 §4)");
	SEP_OR_BAD(x, &c);
	cd->transport = sm_cur_word(&c);
	if (!cd->transport.len)
		return BAD(x, v + c.i, "candidate: missing transport");
	SEP_OR_BAD(x, &c);
	if (!word_u64(&c, UINT32_MAX, &cd->priority, &w))
		return BAD(x, w.ptr, "candidate: the priority is not a number up to 2^32-1");
	if (cd->priority == 0 || cd->priority > INT32_MAX)
		WARN(x, w.ptr, "candidate: the priority is outside 1..2^31-1 (RFC 8445 §5.1.2.1)");
	SEP_OR_BAD(x, &c);
	cd->address = sm_cur_word(&c);
	if (!cd->address.len)
		return BAD(x, v + c.i, "candidate: missing connection address");
	SEP_OR_BAD(x, &c);
	if (!word_u64(&c, 65535, &num, &w))
		return BAD(x, w.ptr, "candidate: the port is not a number up to 65535");
	cd->port = (uint32_t)num;
	SEP_OR_BAD(x, &c);
	w = sm_cur_word(&c);
	/* RFC 8839 §5.1: cand-type = "typ" SP candidate-types, rel-addr =
	 * "raddr" SP ..., rel-port = "rport" SP ...; RFC 6544 §4.5:
	 * tcp-type-ext = "tcptype" SP tcp-type. Quoted strings: any case. The
	 * candidate type is kept as written (its values are quoted strings
	 * too: compare them without case). generation, network-id and
	 * network-cost are libwebrtc extension names (extension-att-name, a
	 * token), matched as libwebrtc writes them. */
	if (!SM_IS(w, "typ"))
		return BAD(x, w.ptr, "candidate: expected \"typ\"");
	SEP_OR_BAD(x, &c);
	cd->type = sm_cur_word(&c);
	if (!cd->type.len)
		return BAD(x, v + c.i, "candidate: missing candidate type");

	/* name value pairs: raddr, rport, tcptype, the libwebrtc ones, others kept */
	sipmsg_sdp_param *ext = NULL;
	size_t next = 0, cap = 0;
	int r = SM_PARSE_OK;
	for (;;) {
		SEP_OR_BAD(x, &c);
		if (sm_cur_end(&c))
			break;
		sipmsg_slice name = sm_cur_word(&c);
		SEP_OR_BAD(x, &c);
		sipmsg_slice val = sm_cur_word(&c);
		if (!val.len)
			return BAD(x, v + n, "candidate: an extension name without a value");
		if (SM_IS(name, "raddr")) {
			cd->raddr = val;
		} else if (SM_IS(name, "rport")) {
			if (!sm_slice_uint(val, 65535, &num))
				return BAD(x, val.ptr, "candidate: rport is not a number up to 65535");
			cd->rport = (int32_t)num;
		} else if (SM_IS(name, "tcptype")) {
			cd->tcptype = val;
		} else if (eq(name, SM_LIT("generation")) && ext_number(val, &cd->generation)) {
		} else if (eq(name, SM_LIT("network-id")) && ext_number(val, &cd->network_id)) {
		} else if (eq(name, SM_LIT("network-cost")) && ext_number(val, &cd->network_cost)) {
		} else {
			if (!ext) {
				/* each pair takes at least four bytes ("a b "): room for the rest */
				cap = (n - (size_t)(name.ptr - v)) / 4 + 1;
				if (cap > x->max_items)
					cap = x->max_items;
				bool nomem;
				ext = sm_sdp_array(x, cap, sizeof *ext, &nomem);
				if (nomem)
					return SM_PARSE_NOMEM;
			}
			if (next == cap) {
				x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
				return BAD(x, name.ptr, "candidate: more extensions than max_list_items");
			}
			ext[next].name = name;
			ext[next].value = val;
			next++;
		}
	}
	cd->extensions = ext;
	cd->nextensions = next;
	if (cd->raddr.len && cd->rport < 0)
		r = WARN(x, cd->raddr.ptr, "candidate: raddr without rport");
	return r == SM_PARSE_OK ? check_tcptype(x, cd) : r;
}

void sm_sdp_write_candidate(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_candidate *c = view;
	sm_out_slice(o, c->foundation);
	sm_out_ch(o, ' ');
	sm_out_u64(o, c->component);
	sm_out_ch(o, ' ');
	sm_out_slice(o, c->transport);
	sm_out_ch(o, ' ');
	sm_out_u64(o, c->priority);
	sm_out_ch(o, ' ');
	sm_out_slice(o, c->address);
	sm_out_ch(o, ' ');
	sm_out_u64(o, c->port);
	sm_out_put(o, SM_LIT(" typ "));
	sm_out_slice(o, c->type);
	if (c->raddr.len) {
		sm_out_put(o, SM_LIT(" raddr "));
		sm_out_slice(o, c->raddr);
	}
	if (c->rport >= 0) {
		sm_out_put(o, SM_LIT(" rport "));
		sm_out_u64(o, (uint64_t)c->rport);
	}
	if (c->tcptype.len) {
		sm_out_put(o, SM_LIT(" tcptype "));
		sm_out_slice(o, c->tcptype);
	}
	if (c->generation >= 0) {
		sm_out_put(o, SM_LIT(" generation "));
		sm_out_i64(o, c->generation);
	}
	if (c->network_id >= 0) {
		sm_out_put(o, SM_LIT(" network-id "));
		sm_out_i64(o, c->network_id);
	}
	if (c->network_cost >= 0) {
		sm_out_put(o, SM_LIT(" network-cost "));
		sm_out_i64(o, c->network_cost);
	}
	for (size_t k = 0; k < c->nextensions; k++) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, c->extensions[k].name);
		sm_out_ch(o, ' ');
		sm_out_slice(o, c->extensions[k].value);
	}
}

/* ---- fingerprint:<hash-func> <fingerprint> ---- */

int sm_sdp_parse_fingerprint(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_fingerprint *f = view;
	struct sm_cur c = {v, n, 0};
	f->hash_func = sm_cur_word(&c);
	if (!sm_sdp_sep(x, &c)) /* RFC 8122 §5: hash-func SP fingerprint */
		return SM_PARSE_BAD;
	f->value = sm_cur_word(&c);
	if (!f->hash_func.len || !f->value.len)
		return BAD(x, v + c.i, "fingerprint: expected <hash-func> <fingerprint>");
	sm_cur_sp(&c);
	if (!sm_cur_end(&c))
		return BAD(x, v + c.i, "fingerprint: junk after the fingerprint");
	/* 2UHEX *(":" 2UHEX) */
	const char *p = f->value.ptr, *end = p + f->value.len;
	for (;;) {
		if (end - p < 2 || !sm_is((unsigned char)p[0], SM_C_HEX) || !sm_is((unsigned char)p[1], SM_C_HEX))
			return BAD(x, p, "fingerprint: expected hex pairs separated by ':'");
		p += 2;
		if (p == end)
			break;
		if (*p++ != ':')
			return BAD(x, p - 1, "fingerprint: expected hex pairs separated by ':'");
	}
	return SM_PARSE_OK;
}

void sm_sdp_write_fingerprint(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_fingerprint *f = view;
	sm_out_slice(o, f->hash_func);
	sm_out_ch(o, ' ');
	sm_out_slice(o, f->value);
}

/* ---- setup:active|passive|actpass|holdconn ---- */

static const char *const roles[] = {"", "active", "passive", "actpass", "holdconn"};

int sm_sdp_parse_setup(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_setup *s = view;
	s->value = sm_trim(v, n);
	/* RFC 4145 §4 writes the roles as ABNF quoted strings: any case */
	for (int k = 1; k <= SIPMSG_SDP_SETUP_HOLDCONN; k++)
		if (sm_eq_lower(s->value.ptr, s->value.len, roles[k], strlen(roles[k])))
			s->role = (sipmsg_sdp_setup_role)k;
	if (!s->value.len)
		return BAD(x, v, "setup: missing role");
	if (!s->role)
		return WARN(x, v, "setup: not active, passive, actpass or holdconn");
	return SM_PARSE_OK;
}

void sm_sdp_write_setup(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_setup *s = view;
	if (s->value.len)
		sm_out_slice(o, s->value);
	else if (s->role > 0 && s->role <= SIPMSG_SDP_SETUP_HOLDCONN)
		sm_out_put(o, roles[s->role], strlen(roles[s->role]));
}

/* ---- crypto:<tag> <suite> <key-params> [<session-params>] (RFC 4568) ---- */

static void split_key(sipmsg_sdp_crypto_key *k, sipmsg_slice kp)
{
	const char *colon = memchr(kp.ptr, ':', kp.len);
	if (!colon) {
		k->method = kp;
		return;
	}
	k->method = (sipmsg_slice){kp.ptr, (size_t)(colon - kp.ptr)};
	k->info = (sipmsg_slice){colon + 1, kp.len - (size_t)(colon - kp.ptr) - 1};
	/* key-salt ["|" lifetime] ["|" mki ":" length] */
	const char *p = k->info.ptr, *end = p + k->info.len;
	const char *bar = memchr(p, '|', k->info.len);
	k->key = (sipmsg_slice){p, (size_t)((bar ? bar : end) - p)};
	while (bar) {
		const char *s = bar + 1;
		bar = memchr(s, '|', (size_t)(end - s));
		sipmsg_slice part = {s, (size_t)((bar ? bar : end) - s)};
		if (memchr(part.ptr, ':', part.len))
			k->mki = part;
		else
			k->lifetime = part;
	}
}

/* RFC 4568 §9.2 inline key-info: key-salt ["|" lifetime] ["|" mki], with
 * lifetime = ["2^"] 1*DIGIT and mki = 1*DIGIT ":" 1*3DIGIT. The first byte
 * of a part that breaks it, or NULL; split_key() takes the parts in any
 * number and order, so a third part or a lifetime after the MKI would
 * overwrite what was read. */
static const char *inline_info_bad(const sipmsg_sdp_crypto_key *k, const char **why)
{
	const char *p = k->key.ptr + k->key.len, *end = k->info.ptr + k->info.len;
	int part = 0;
	bool mki = false;
	while (p < end) {
		const char *s = p + 1, *bar = memchr(s, '|', (size_t)(end - s));
		const char *e = bar ? bar : end, *colon = memchr(s, ':', (size_t)(e - s));
		if (++part > 2 || mki) {
			*why = "crypto: an inline key takes at most a lifetime then an MKI after the key";
			return s;
		}
		if (colon) {
			mki = true;
			if (!sm_all_digits(s, (size_t)(colon - s), SIZE_MAX) ||
			    !sm_all_digits(colon + 1, (size_t)(e - colon - 1), 3)) {
				*why = "crypto: the MKI is not <digits>:<1-3 digits>";
				return s;
			}
		} else {
			size_t skip = e - s >= 2 && s[0] == '2' && s[1] == '^' ? 2 : 0;
			if (!sm_all_digits(s + skip, (size_t)(e - s) - skip, SIZE_MAX)) {
				*why = "crypto: the lifetime is not [2^]<digits>";
				return s;
			}
		}
		p = e;
	}
	return NULL;
}

int sm_sdp_parse_crypto(struct sm_pctx *x, const char *v, size_t n, void *view)
{
	sipmsg_sdp_crypto *cr = view;
	struct sm_cur c = {v, n, 0};
	uint64_t tag;
	if (!sm_cur_u64(&c, &tag) || tag > 999999999)
		return BAD(x, v, "crypto: the tag is not a number of at most nine digits");
	cr->tag = (uint32_t)tag;
	sm_cur_sp(&c);
	cr->suite = sm_cur_word(&c);
	sm_cur_sp(&c);
	cr->key_params = sm_cur_word(&c);
	if (!cr->suite.len || !cr->key_params.len)
		return BAD(x, v + c.i, "crypto: expected <tag> <crypto-suite> <key-params>");
	sm_cur_sp(&c);
	if (!sm_cur_end(&c))
		cr->session_params = sm_trim(v + c.i, n - c.i);
	size_t total = sm_count_items(cr->key_params.ptr, cr->key_params.len, ';');
	if (total > x->max_items) {
		x->fault_code = SIPMSG_DIAG_LIMIT_LIST_ITEMS;
		return BAD(x, cr->key_params.ptr, "crypto: more keys than max_list_items");
	}
	bool nomem;
	sipmsg_sdp_crypto_key *keys = sm_sdp_array(x, total, sizeof *keys, &nomem);
	if (nomem)
		return SM_PARSE_NOMEM;
	const char *p = cr->key_params.ptr, *end = p + cr->key_params.len;
	size_t k = 0;
	while (p < end && k < total) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		sipmsg_slice kp = {p, (size_t)((semi ? semi : end) - p)};
		p = semi ? semi + 1 : end;
		if (!kp.len)
			continue;
		split_key(&keys[k], kp);
		if (!keys[k].info.len)
			return BAD(x, kp.ptr, "crypto: a key-param is not <method>:<info>");
		const char *why, *bad;
		if (sm_eq_lower(keys[k].method.ptr, keys[k].method.len, SM_LIT("inline")) &&
		    (bad = inline_info_bad(&keys[k], &why)))
			return BAD(x, bad, why);
		k++;
	}
	cr->keys = keys;
	cr->nkeys = k;
	return SM_PARSE_OK;
}

void sm_sdp_write_crypto(struct sm_out *o, const void *view)
{
	const sipmsg_sdp_crypto *cr = view;
	sm_out_u64(o, cr->tag);
	sm_out_ch(o, ' ');
	sm_out_slice(o, cr->suite);
	sm_out_ch(o, ' ');
	if (cr->nkeys) {
		for (size_t k = 0; k < cr->nkeys; k++) {
			const sipmsg_sdp_crypto_key *key = &cr->keys[k];
			if (k)
				sm_out_ch(o, ';');
			sm_out_slice(o, key->method);
			sm_out_ch(o, ':');
			if (key->key.len) {
				sm_out_slice(o, key->key);
				if (key->lifetime.len) {
					sm_out_ch(o, '|');
					sm_out_slice(o, key->lifetime);
				}
				if (key->mki.len) {
					sm_out_ch(o, '|');
					sm_out_slice(o, key->mki);
				}
			} else {
				sm_out_slice(o, key->info);
			}
		}
	} else {
		sm_out_slice(o, cr->key_params);
	}
	if (cr->session_params.len) {
		sm_out_ch(o, ' ');
		sm_out_slice(o, cr->session_params);
	}
}
