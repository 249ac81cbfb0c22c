/* SPDX-License-Identifier: MIT */
/* SDP checks (RFC 8866 and the attribute RFCs) as diagnostics: mandatory
 * lines, payload types (rid pt= included), ports (an active TCP candidate's
 * too), addresses, attribute scope, mids, groups and simulcast rids. Never a
 * parse failure: the caller decides. */
#include "sdp_internal.h"

#define ERR SIPMSG_SEVERITY_ERROR
#define WARNING SIPMSG_SEVERITY_WARNING

static bool eq(sipmsg_slice a, sipmsg_slice b) { return a.len == b.len && (!a.len || !memcmp(a.ptr, b.ptr, a.len)); }

/* ---- addresses ---- */

/* Dotted quad, each part 0..255 without leading zeros beyond one digit. */
static bool ip4_ok(sipmsg_slice s)
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		if (part && (i >= s.len || s.ptr[i++] != '.'))
			return false;
		size_t st = i;
		unsigned v = 0;
		while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9' && i - st < 3)
			v = v * 10 + (unsigned)(s.ptr[i++] - '0');
		if (i == st || v > 255 || (i - st > 1 && s.ptr[st] == '0'))
			return false;
	}
	return i == s.len;
}

/* RFC 4291 text form: up to 8 groups of 1-4 hex digits, one "::", an
 * optional dotted quad in place of the last two groups. */
static bool ip6_ok(sipmsg_slice s)
{
	size_t i = 0, groups = 0;
	bool gap = false;
	if (s.len >= 2 && s.ptr[0] == ':' && s.ptr[1] == ':') {
		gap = true;
		i = 2;
	} else if (s.len && s.ptr[0] == ':') {
		return false;
	}
	while (i < s.len) {
		size_t st = i;
		while (i < s.len && sm_is((unsigned char)s.ptr[i], SM_C_HEX) && i - st < 4)
			i++;
		if (i < s.len && s.ptr[i] == '.') {
			/* trailing dotted quad */
			if (!ip4_ok((sipmsg_slice){s.ptr + st, s.len - st}))
				return false;
			groups += 2;
			i = s.len;
			break;
		}
		if (i == st)
			return false;
		groups++;
		if (i == s.len)
			break;
		if (s.ptr[i] != ':')
			return false;
		i++;
		if (i < s.len && s.ptr[i] == ':') {
			if (gap)
				return false;
			gap = true;
			i++;
		} else if (i == s.len) {
			return false;
		}
	}
	return gap ? groups < 8 : groups == 8;
}

/* Only addresses that look numeric are judged: anything else may be an FQDN. */
static sipmsg_status check_address(sipmsg_sdp *sdp, const struct sm_sdp_line *l, sipmsg_slice addrtype,
				   sipmsg_slice addr)
{
	bool v4 = sm_eq_lower(addrtype.ptr, addrtype.len, SM_LIT("ip4"));
	bool v6 = sm_eq_lower(addrtype.ptr, addrtype.len, SM_LIT("ip6"));
	if (!addr.len || (!v4 && !v6))
		return SIPMSG_OK;
	bool colon = memchr(addr.ptr, ':', addr.len) != NULL;
	bool numeric = true;
	for (size_t i = 0; i < addr.len; i++)
		numeric &= (addr.ptr[i] >= '0' && addr.ptr[i] <= '9') || addr.ptr[i] == '.';
	if (v4 && colon)
		return sm_sdp_diag(sdp, l, addr.ptr, SIPMSG_DIAG_SDP_BAD_ADDRESS, WARNING,
				   "an IPv6 address with address type IP4");
	if (v4 && numeric && !ip4_ok(addr))
		return sm_sdp_diag(sdp, l, addr.ptr, SIPMSG_DIAG_SDP_BAD_ADDRESS, WARNING,
				   "a malformed IPv4 address");
	if (v6 && colon && !ip6_ok(addr))
		return sm_sdp_diag(sdp, l, addr.ptr, SIPMSG_DIAG_SDP_BAD_ADDRESS, WARNING,
				   "a malformed IPv6 address");
	if (v6 && !colon && numeric)
		return sm_sdp_diag(sdp, l, addr.ptr, SIPMSG_DIAG_SDP_BAD_ADDRESS, WARNING,
				   "an IPv4 address with address type IP6");
	return SIPMSG_OK;
}

static bool ip4_multicast(sipmsg_slice a)
{
	if (!ip4_ok(a))
		return false;
	unsigned first = 0;
	for (size_t i = 0; i < a.len && a.ptr[i] != '.'; i++)
		first = first * 10 + (unsigned)(a.ptr[i] - '0');
	return first >= 224 && first <= 239;
}

/* ff00::/8 (RFC 4291 §2.7): a first group of four hex digits starting
 * "ff" ("ff::1" is 00ff::1, not multicast) */
static bool ip6_multicast(sipmsg_slice a)
{
	return a.len > 4 && a.ptr[4] == ':' && (a.ptr[0] | 0x20) == 'f' && (a.ptr[1] | 0x20) == 'f';
}

/* port, read from the value at `at` (NULL: a line changed since, no column) */
static sipmsg_status check_port(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const char *at, uint64_t port,
				const char *what)
{
	if (port <= 65535)
		return SIPMSG_OK;
	return sm_sdp_diag(sdp, l, at, SIPMSG_DIAG_SDP_BAD_PORT, ERR, what);
}

/* Where the port of an m= line starts, after "m=<media> ". */
static const char *media_port(const struct sm_sdp_line *l)
{
	const char *sp = memchr(l->p, ' ', l->len);
	return sp ? sp + 1 : NULL;
}

/* ---- per line ---- */

/* An RTP proto: one of its '/' parts is "RTP" (RTP/AVP, RTP/SAVPF,
 * UDP/TLS/RTP/SAVPF, TCP/RTP/AVP, ...). */
static bool rtp_proto(sipmsg_slice proto)
{
	size_t s = 0;
	for (size_t i = 0; i <= proto.len; i++) {
		if (i < proto.len && proto.ptr[i] != '/')
			continue;
		if (sm_eq_lower(proto.ptr + s, i - s, SM_LIT("rtp")))
			return true;
		s = i + 1;
	}
	return false;
}

/* RFC 8866 §5.14: under an RTP profile the formats are RTP payload types,
 * a 7-bit field (RFC 3550 §5.1; §6.6 repeats the 0-127 range). */
static sipmsg_status check_rtp_formats(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const sipmsg_sdp_media_desc *m)
{
	if (!rtp_proto(m->proto))
		return SIPMSG_OK;
	for (size_t k = 0; k < m->nformats; k++) {
		uint64_t pt;
		if (sm_slice_uint(m->formats[k], 127, &pt))
			continue;
		sipmsg_status st = sm_sdp_diag(sdp, l, m->formats[k].ptr, SIPMSG_DIAG_SDP_BAD_VALUE, ERR,
					       "m=: an RTP format is not a payload type from 0 to 127");
		if (st)
			return st;
	}
	return SIPMSG_OK;
}

static bool in_formats(const sipmsg_sdp_media_desc *md, sipmsg_slice fmt)
{
	for (size_t k = 0; k < md->nformats; k++)
		if (eq(md->formats[k], fmt))
			return true;
	return false;
}

static bool pt_in_formats(const sipmsg_sdp_media_desc *md, uint32_t pt)
{
	for (size_t k = 0; k < md->nformats; k++) {
		uint64_t v;
		if (sm_slice_uint(md->formats[k], 127, &v) && v == pt)
			return true;
	}
	return false;
}

/* ice-ufrag is 4 to 256 ice-chars, ice-pwd 22 to 256 (RFC 8839 §5.4);
 * ice-char = ALPHA / DIGIT / "+" / "/" */
static sipmsg_status check_ice_credential(sipmsg_sdp *sdp, const struct sm_sdp_line *l)
{
	size_t n;
	const char *v = sm_sdp_value(l, &n);
	bool ufrag = l->attr == SIPMSG_SDP_ATTR_ICE_UFRAG;
	if (!v)
		return SIPMSG_OK; /* no value: reported with the line */
	for (size_t i = 0; i < n; i++)
		if (!sm_is((unsigned char)v[i], SM_C_ALPHA | SM_C_DIGIT) && v[i] != '+' && v[i] != '/')
			return sm_sdp_diag(sdp, l, v + i, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING,
					   ufrag ? "ice-ufrag: a character that is not an ice-char"
						 : "ice-pwd: a character that is not an ice-char");
	if (n < (ufrag ? 4u : 22u) || n > 256)
		return sm_sdp_diag(sdp, l, v, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING,
				   ufrag ? "ice-ufrag: not 4 to 256 characters" : "ice-pwd: not 22 to 256 characters");
	return SIPMSG_OK;
}

/* RFC 8851 §6.1: each pt= value "MUST be a valid payload type for the
 * media section (that is, it must be listed on the m= line)" */
static sipmsg_status check_rid_pts(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const sipmsg_sdp_media_desc *md,
				   const sipmsg_sdp_rid *r)
{
	sipmsg_slice pts = sm_sdp_rid_pt_list(r);
	struct sm_cur pc = {pts.ptr, pts.len, 0};
	for (size_t k = 0; k < r->npayload_types; k++) {
		sipmsg_slice w = sm_sdp_rid_pt_next(&pc);
		if (pt_in_formats(md, r->payload_types[k]))
			continue;
		sipmsg_status st = sm_sdp_diag(sdp, l, w.ptr, SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS, ERR,
					       "rid: a pt= payload type not on the m= line");
		if (st)
			return st;
	}
	return SIPMSG_OK;
}

/* RFC 6544 §4.5: an active TCP candidate carries the discard port, 9, as a
 * placeholder. §3 says the peer ignores that port ("meaningless"), and
 * libjingle wrote 0 there: another value is a warning, not an error.
 * Passive and so candidates are held to no port, 0 included. */
static sipmsg_status check_tcp_port(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const sipmsg_sdp_candidate *c)
{
	if (c->port == 9 || !sm_eq_lower(c->transport.ptr, c->transport.len, SM_LIT("tcp")) ||
	    !sm_eq_lower(c->tcptype.ptr, c->tcptype.len, SM_LIT("active")))
		return SIPMSG_OK;
	size_t vn;
	const char *v = sm_sdp_value(l, &vn);
	struct sm_cur at = {v, vn, (size_t)(c->address.ptr + c->address.len - v)}; /* the port follows */
	sm_cur_sp(&at);
	return sm_sdp_diag(sdp, l, v + at.i, SIPMSG_DIAG_SDP_BAD_PORT, WARNING,
			   "candidate: an active TCP candidate's port is not 9 (RFC 6544)");
}

/* RFC 8122 §5: the fingerprint is the hash of the certificate, so its
 * length follows from the hash function (hash-func names are ABNF quoted
 * strings: any case). The grammar (2UHEX *(":" 2UHEX)) allows any length,
 * which the typed view already checked; a length that no digest of that
 * function has is reported here. Unknown hash functions are not judged. */
static const struct {
	const char *name;
	uint8_t name_len;
	uint8_t pairs;
	const char *msg;
} fingerprint_hashes[] = {
	{"sha-1", 5, 20, "fingerprint: a sha-1 fingerprint is 20 hex pairs (RFC 8122)"},
	{"sha-224", 7, 28, "fingerprint: a sha-224 fingerprint is 28 hex pairs (RFC 8122)"},
	{"sha-256", 7, 32, "fingerprint: a sha-256 fingerprint is 32 hex pairs (RFC 8122)"},
	{"sha-384", 7, 48, "fingerprint: a sha-384 fingerprint is 48 hex pairs (RFC 8122)"},
	{"sha-512", 7, 64, "fingerprint: a sha-512 fingerprint is 64 hex pairs (RFC 8122)"},
	{"md5", 3, 16, "fingerprint: an md5 fingerprint is 16 hex pairs (RFC 8122)"},
	{"md2", 3, 16, "fingerprint: an md2 fingerprint is 16 hex pairs (RFC 8122)"},
};

static sipmsg_status check_fingerprint(sipmsg_sdp *sdp, const struct sm_sdp_line *l, const sipmsg_sdp_fingerprint *f)
{
	/* the view holds 2HEX *(":" 2HEX): n pairs take 3n - 1 bytes */
	size_t pairs = (f->value.len + 1) / 3;
	for (size_t k = 0; k < sizeof fingerprint_hashes / sizeof fingerprint_hashes[0]; k++) {
		if (!sm_eq_lower(f->hash_func.ptr, f->hash_func.len, fingerprint_hashes[k].name,
				 fingerprint_hashes[k].name_len))
			continue;
		if (pairs == fingerprint_hashes[k].pairs)
			return SIPMSG_OK;
		return sm_sdp_diag(sdp, l, f->value.ptr, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING, fingerprint_hashes[k].msg);
	}
	return SIPMSG_OK;
}

/* Attributes whose value is one of a closed set: orient and type (RFC 8866
 * §6.8, §6.9: %s, case-sensitive) and connection (RFC 4145 §5: ABNF
 * quoted strings, any case). Another value is kept, with a warning. */
static const struct {
	uint8_t attr;
	bool any_case;
	const char *values[5];
	const char *msg;
} closed_sets[] = {
	{SIPMSG_SDP_ATTR_ORIENT, false, {"portrait", "landscape", "seascape"},
	 "orient: not portrait, landscape or seascape (RFC 8866 §6.8)"},
	{SIPMSG_SDP_ATTR_TYPE, false, {"broadcast", "meeting", "moderated", "test", "H332"},
	 "type: not broadcast, meeting, moderated, test or H332 (RFC 8866 §6.9)"},
	{SIPMSG_SDP_ATTR_CONNECTION, true, {"new", "existing"}, "connection: not new or existing (RFC 4145 §5)"},
};

static sipmsg_status check_closed_set(sipmsg_sdp *sdp, const struct sm_sdp_line *l)
{
	for (size_t k = 0; k < sizeof closed_sets / sizeof closed_sets[0]; k++) {
		if (closed_sets[k].attr != l->attr)
			continue;
		size_t n;
		const char *v = sm_sdp_value(l, &n);
		if (!v || !n)
			return SIPMSG_OK; /* reported as a missing value */
		sipmsg_slice t = sm_trim(v, n);
		for (size_t j = 0; j < 5 && closed_sets[k].values[j]; j++) {
			const char *w = closed_sets[k].values[j];
			size_t wn = strlen(w);
			if (closed_sets[k].any_case ? sm_eq_lower(t.ptr, t.len, w, wn)
						    : t.len == wn && memcmp(t.ptr, w, wn) == 0)
				return SIPMSG_OK;
		}
		return sm_sdp_diag(sdp, l, v, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING, closed_sets[k].msg);
	}
	return SIPMSG_OK;
}

/* RFC 4570 §3: the address types apply to the destination and to every
 * source; under "*" an address with a ':' is judged as IP6, else as IP4. */
static sipmsg_status check_filter_address(sipmsg_sdp *sdp, const struct sm_sdp_line *l, sipmsg_slice addrtype,
					  sipmsg_slice addr)
{
	if (addrtype.len == 1 && addrtype.ptr[0] == '*')
		addrtype = memchr(addr.ptr, ':', addr.len) ? (sipmsg_slice){SM_LIT("IP6")} : (sipmsg_slice){SM_LIT("IP4")};
	return check_address(sdp, l, addrtype, addr);
}

/* A c= line of section s whose address is addr (any case: hex digits of
 * IPv6, names). The views were read by parse_all(). */
static bool has_connection(const sipmsg_sdp_section *s, sipmsg_slice addr)
{
	for (uint32_t i = 0; i < s->nlines; i++) {
		const struct sm_sdp_line *l = &s->lines[i];
		if (l->type != 'c' || !(l->flags & SM_SL_VIEW_DONE) || (l->flags & SM_SL_BAD))
			continue;
		const sipmsg_sdp_connection *c = l->view;
		if (c->address.len == addr.len && sm_sdp_name_eq_nocase(c->address.ptr, addr.ptr, addr.len))
			return true;
	}
	return false;
}

/* RFC 4570 §3: a destination other than "*" is one of the connection
 * addresses the filter applies to: the session's c= or, for a filter in a
 * media description, that media's; a session-level filter covers every
 * media description, so any c= will do. */
static bool filter_dest_known(const sipmsg_sdp_section *s, sipmsg_slice dest)
{
	const sipmsg_sdp *sdp = s->sdp;
	if (has_connection(&sdp->session, dest) || (s->is_media && has_connection(s, dest)))
		return true;
	for (uint32_t k = 0; !s->is_media && k < sdp->nmedia; k++)
		if (has_connection(sdp->media[k], dest))
			return true;
	return false;
}

static sipmsg_status check_source_filter(const sipmsg_sdp_section *s, const struct sm_sdp_line *l,
					 const sipmsg_sdp_source_filter *f)
{
	sipmsg_sdp *sdp = s->sdp;
	bool any = f->dest_address.len == 1 && f->dest_address.ptr[0] == '*';
	uint32_t before = sdp->ncdiags;
	sipmsg_status st = any ? SIPMSG_OK : check_filter_address(sdp, l, f->addrtype, f->dest_address);
	/* a malformed destination is reported once, as malformed */
	bool judge_dest = !any && sdp->ncdiags == before;
	for (size_t k = 0; !st && k < f->nsources; k++)
		st = check_filter_address(sdp, l, f->addrtype, f->sources[k]);
	if (!st && judge_dest && !filter_dest_known(s, f->dest_address))
		st = sm_sdp_diag(sdp, l, f->dest_address.ptr, SIPMSG_DIAG_SDP_BAD_ADDRESS, WARNING,
				 "source-filter: the destination is not a c= address of the session or of this "
				 "media (RFC 4570 §3)");
	return st;
}

/* ---- the informational lines: i=, u=, e=, p=, k= (RFC 8866 §5.4-5.6, §5.12, §9) ----
 * Each is a warning: these lines carry no media, and a peer that writes
 * them oddly still describes its session. */

/* email-safe = any byte but NUL, CR, LF, "(", ")", "<", ">" (the line
 * splitter already took the control bytes) */
static const char *email_safe_bad(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '(' || *p == ')' || *p == '<' || *p == '>')
			return p;
	return NULL;
}

/* addr-spec (RFC 5322 §3.4.1), as far as a line needs: local "@" domain,
 * neither empty, no space. The first byte that breaks it, or NULL. */
static const char *addr_spec_bad(const char *p, const char *end)
{
	const char *at = NULL;
	for (const char *q = p; q < end; q++) {
		if (*q == ' ' || *q == '\t' || *q == '(' || *q == ')' || *q == '<' || *q == '>')
			return q;
		if (*q == '@')
			at = q;
	}
	if (!at || at == p)
		return at ? at : p;
	return at + 1 == end ? end : NULL;
}

/* phone = ["+"] DIGIT 1*(SP / "-" / DIGIT) */
static const char *phone_bad(const char *p, const char *end)
{
	if (p < end && *p == '+')
		p++;
	if (p == end || *p < '0' || *p > '9')
		return p;
	const char *first = p++;
	for (; p < end; p++)
		if (*p != ' ' && *p != '-' && (*p < '0' || *p > '9'))
			return p;
	return p - first < 2 ? p : NULL;
}

/* Both e= and p=: the bare form, "<x> (comment)" or "name <x>". */
static const char *contact_bad(const char *v, size_t n, const char *(*bare)(const char *, const char *))
{
	const char *end = v + n;
	if (n && end[-1] == '>') {
		/* 1*email-safe *SP "<" x ">" (e= wants 1*SP, p= none) */
		const char *lt = v + n - 1;
		while (lt > v && *lt != '<')
			lt--;
		if (*lt != '<')
			return end - 1;
		if (lt == v)
			return v;
		const char *bad = email_safe_bad(v, lt);
		return bad ? bad : bare(lt + 1, end - 1);
	}
	if (n && end[-1] == ')') {
		/* x *SP "(" 1*email-safe ")" */
		const char *lp = memchr(v, '(', n);
		if (!lp)
			return end - 1;
		const char *bad = email_safe_bad(lp + 1, end - 1);
		if (bad || lp + 1 == end - 1)
			return bad ? bad : end - 1;
		const char *x_end = lp;
		while (x_end > v && x_end[-1] == ' ')
			x_end--;
		return bare(v, x_end);
	}
	return bare(v, end);
}

/* uri = URI-reference (RFC 3986): no space, no byte outside its set */
static const char *uri_bad(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c <= ' ' || c >= 0x7f || strchr("\"<>\\^`{|}", c))
			return v + i;
	}
	return NULL;
}

static sipmsg_status check_info_line(sipmsg_sdp *sdp, const struct sm_sdp_line *l)
{
	size_t n;
	const char *v = sm_sdp_value(l, &n), *bad = NULL, *msg = NULL;
	if (l->type == 'k')
		return sm_sdp_diag(sdp, l, v, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING,
				   "k= is obsolete: keys go in the media's own attributes (RFC 8866 §5.12)");
	if (!n)
		return sm_sdp_diag(sdp, l, v, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING,
				   "an empty value (RFC 8866 §9: text is at least one byte)");
	switch (l->type) {
	case 'u':
		bad = uri_bad(v, n);
		msg = "u=: not a URI (RFC 8866 §5.5)";
		break;
	case 'e':
		bad = contact_bad(v, n, addr_spec_bad);
		msg = "e=: not an email address, \"address (name)\" or \"name <address>\" (RFC 8866 §5.6)";
		break;
	case 'p':
		bad = contact_bad(v, n, phone_bad);
		msg = "p=: not a phone number ([+]digits, spaces, '-'), with an optional name (RFC 8866 §5.6)";
		break;
	default:
		break;
	}
	return bad ? sm_sdp_diag(sdp, l, bad, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING, msg) : SIPMSG_OK;
}

static sipmsg_status check_line(sipmsg_sdp_section *s, size_t i, const sipmsg_sdp_media_desc *md)
{
	sipmsg_sdp *sdp = s->sdp;
	const struct sm_sdp_line *l = &s->lines[i];
	const void *v = (l->flags & SM_SL_VIEW_DONE) && !(l->flags & SM_SL_BAD) ? l->view : NULL;
	sipmsg_status st = SIPMSG_OK;
	switch (l->type) {
	case 'o':
		if (v)
			st = check_address(sdp, l, ((const sipmsg_sdp_origin *)v)->addrtype,
					   ((const sipmsg_sdp_origin *)v)->address);
		return st;
	case 'c':
		if (v) {
			const sipmsg_sdp_connection *c = v;
			st = check_address(sdp, l, c->addrtype, c->address);
			bool v4 = sm_eq_lower(c->addrtype.ptr, c->addrtype.len, SM_LIT("ip4"));
			if (!st && c->ttl < 0 && v4 && ip4_multicast(c->address))
				st = sm_sdp_diag(sdp, l, c->address.ptr, SIPMSG_DIAG_SDP_BAD_ADDRESS, ERR,
						 "an IPv4 multicast address without a TTL");
			/* RFC 8866 §5.7: /ttl and /count belong to multicast groups; a
			 * literal unicast address with them is a mistake (a name may
			 * still resolve to a group, so names are not judged) */
			if (!st && (c->ttl >= 0 || c->count) && v4 && ip4_ok(c->address) && !ip4_multicast(c->address))
				st = sm_sdp_diag(sdp, l, c->address.ptr + c->address.len, SIPMSG_DIAG_SDP_BAD_ADDRESS,
						 WARNING, "a TTL on an IPv4 address that is not multicast");
			if (!st && c->count && !v4 && ip6_ok(c->address) && !ip6_multicast(c->address))
				st = sm_sdp_diag(sdp, l, c->address.ptr + c->address.len, SIPMSG_DIAG_SDP_BAD_ADDRESS,
						 WARNING, "an address count on an IPv6 address that is not multicast");
		}
		return st;
	case 'm':
		if (v) {
			const sipmsg_sdp_media_desc *m = v;
			st = check_port(sdp, l, media_port(l), m->port, "m=: port larger than 65535");
			if (!st && m->port_count)
				st = check_port(sdp, l, media_port(l), (uint64_t)m->port + m->port_count - 1,
						"m=: the port range goes past 65535");
			if (!st)
				st = check_rtp_formats(sdp, l, m);
		}
		return st;
	case 'i':
	case 'u':
	case 'e':
	case 'p':
	case 'k':
		return check_info_line(sdp, l);
	case 'a':
		break;
	default:
		return SIPMSG_OK;
	}
	const struct sm_sdp_attr_row *row = &sm_sdp_attrs[l->attr];
	if (l->attr && !(row->scope & (s->is_media ? SIPMSG_SDP_SCOPE_MEDIA : SIPMSG_SDP_SCOPE_SESSION))) {
		st = sm_sdp_diag(sdp, l, l->p + 2, SIPMSG_DIAG_SDP_SCOPE, WARNING,
				 s->is_media ? "a session-level attribute in a media description"
					     : "a media-level attribute at session level");
		if (st)
			return st;
	}
	size_t vn;
	if (l->attr && row->kind == SM_K_flag && sm_sdp_value(l, &vn))
		return sm_sdp_diag(sdp, l, l->p + 2 + l->name_len, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING,
				   "this attribute takes no value");
	/* the text kinds have no parser to say it (text = 1*byte, RFC 8866 §9) */
	if (l->attr && row->kind == SM_K_text && (!sm_sdp_value(l, &vn) || !vn))
		return sm_sdp_diag(sdp, l, l->p + l->len, SIPMSG_DIAG_SDP_BAD_VALUE, ERR, "the attribute needs a value");
	/* attribute = attribute-name ":" attribute-value / attribute-name, and
	 * attribute-value = byte-string = 1*byte (RFC 8866 §9): an attribute
	 * not understood is ignored (§5.13), so its empty value is a warning */
	if (!l->attr && sm_sdp_value(l, &vn) && !vn)
		return sm_sdp_diag(sdp, l, l->p + l->len, SIPMSG_DIAG_SDP_BAD_VALUE, WARNING,
				   "an empty value after ':' (RFC 8866 §9: attribute-value is at least one byte)");
	if (l->attr == SIPMSG_SDP_ATTR_ICE_UFRAG || l->attr == SIPMSG_SDP_ATTR_ICE_PWD)
		return check_ice_credential(sdp, l);
	if (l->attr == SIPMSG_SDP_ATTR_ORIENT || l->attr == SIPMSG_SDP_ATTR_TYPE || l->attr == SIPMSG_SDP_ATTR_CONNECTION)
		return check_closed_set(sdp, l);
	if (!v)
		return SIPMSG_OK;
	switch (l->attr) {
	case SIPMSG_SDP_ATTR_RTPMAP:
		if (md && !pt_in_formats(md, ((const sipmsg_sdp_rtpmap *)v)->payload_type))
			st = sm_sdp_diag(sdp, l, l->p + 9, SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS, WARNING,
					 "rtpmap for a payload type not on the m= line");
		break;
	case SIPMSG_SDP_ATTR_FMTP:
		if (md && !in_formats(md, ((const sipmsg_sdp_fmtp *)v)->format))
			st = sm_sdp_diag(sdp, l, l->p + 7, SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS, WARNING,
					 "fmtp for a format not on the m= line");
		break;
	case SIPMSG_SDP_ATTR_RTCP_FB: {
		const sipmsg_sdp_rtcp_fb *f = v;
		if (md && !f->wildcard && !pt_in_formats(md, f->pt))
			st = sm_sdp_diag(sdp, l, l->p + 10, SIPMSG_DIAG_SDP_PT_NOT_IN_FORMATS, WARNING,
					 "rtcp-fb for a payload type not on the m= line");
		break;
	}
	case SIPMSG_SDP_ATTR_RID:
		if (md)
			st = check_rid_pts(sdp, l, md, v);
		break;
	case SIPMSG_SDP_ATTR_RTCP: {
		const sipmsg_sdp_rtcp *r = v;
		st = check_port(sdp, l, sm_sdp_value(l, &vn), r->port, "rtcp: port larger than 65535");
		if (!st)
			st = check_address(sdp, l, r->addrtype, r->address);
		break;
	}
	case SIPMSG_SDP_ATTR_FINGERPRINT:
		st = check_fingerprint(sdp, l, v);
		break;
	case SIPMSG_SDP_ATTR_SOURCE_FILTER:
		st = check_source_filter(s, l, v);
		break;
	case SIPMSG_SDP_ATTR_SCTP_PORT:
		st = check_port(sdp, l, sm_sdp_value(l, &vn), ((const struct sm_uint_view *)v)->value,
				"sctp-port larger than 65535");
		break;
	case SIPMSG_SDP_ATTR_CANDIDATE: {
		const sipmsg_sdp_candidate *c = v;
		bool colon = memchr(c->address.ptr, ':', c->address.len) != NULL;
		st = check_address(sdp, l, colon ? (sipmsg_slice){SM_LIT("IP6")} : (sipmsg_slice){SM_LIT("IP4")},
				   c->address);
		if (!st)
			st = check_tcp_port(sdp, l, c);
		break;
	}
	default:
		break;
	}
	return st;
}

/* ---- across sections ---- */

static bool mid_of(const sipmsg_sdp_section *m, sipmsg_slice *mid, long *line)
{
	long i = sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_MID, 0);
	if (line)
		*line = i;
	return i >= 0 && sipmsg_sdp_get_token(m, (size_t)i, mid) == SIPMSG_OK;
}

static sipmsg_status check_mids(sipmsg_sdp *sdp)
{
	for (uint32_t a = 0; a < sdp->nmedia; a++) {
		sipmsg_slice ma;
		if (!mid_of(sdp->media[a], &ma, NULL))
			continue;
		for (uint32_t b = a + 1; b < sdp->nmedia; b++) {
			sipmsg_slice mb;
			long i;
			if (mid_of(sdp->media[b], &mb, &i) && eq(ma, mb)) {
				sipmsg_status st = sm_sdp_diag(sdp, &sdp->media[b]->lines[i], NULL,
							       SIPMSG_DIAG_SDP_DUPLICATE_MID, ERR,
							       "two media descriptions share this mid");
				if (st)
					return st;
			}
		}
	}
	return SIPMSG_OK;
}

static sipmsg_status check_groups(sipmsg_sdp *sdp)
{
	sipmsg_sdp_section *s = &sdp->session;
	for (long i = sipmsg_sdp_attr_find(s, SIPMSG_SDP_ATTR_GROUP, 0); i >= 0;
	     i = sipmsg_sdp_attr_find(s, SIPMSG_SDP_ATTR_GROUP, (size_t)i + 1)) {
		const struct sm_sdp_line *l = &s->lines[i];
		if (!(l->flags & SM_SL_VIEW_DONE) || (l->flags & SM_SL_BAD))
			continue;
		const sipmsg_sdp_group *g = l->view;
		for (size_t k = 0; k < g->count; k++) {
			if (sipmsg_sdp_media_by_mid(sdp, g->ids[k].ptr, g->ids[k].len))
				continue;
			sipmsg_status st = sm_sdp_diag(sdp, l, g->ids[k].ptr, SIPMSG_DIAG_SDP_GROUP_UNKNOWN_MID, ERR,
						       "the group names a mid no media description has");
			if (st)
				return st;
		}
	}
	return SIPMSG_OK;
}

static sipmsg_status check_simulcast(sipmsg_sdp_section *m)
{
	for (long i = sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_SIMULCAST, 0); i >= 0;
	     i = sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_SIMULCAST, (size_t)i + 1)) {
		const struct sm_sdp_line *l = &m->lines[i];
		if (!(l->flags & SM_SL_VIEW_DONE) || (l->flags & SM_SL_BAD))
			continue;
		const sipmsg_sdp_simulcast *sc = l->view;
		for (size_t k = 0; k < sc->count; k++) {
			bool found = false;
			for (long j = sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_RID, 0); j >= 0 && !found;
			     j = sipmsg_sdp_attr_find(m, SIPMSG_SDP_ATTR_RID, (size_t)j + 1)) {
				const struct sm_sdp_line *r = &m->lines[j];
				found = (r->flags & SM_SL_VIEW_DONE) && !(r->flags & SM_SL_BAD) &&
					eq(((const sipmsg_sdp_rid *)r->view)->id, sc->rids[k].rid);
			}
			if (found)
				continue;
			sipmsg_status st = sm_sdp_diag(m->sdp, l, sc->rids[k].rid.ptr,
						       SIPMSG_DIAG_SDP_SIMULCAST_UNKNOWN_RID, ERR,
						       "a=simulcast names a rid that no a=rid of this media defines");
			if (st)
				return st;
		}
	}
	return SIPMSG_OK;
}

/* RFC 8851 §4: a rid-id names one RTP stream restriction, unique within its
 * media description. Each a=rid after the first with the same id is
 * reported at its id. Sorted rather than compared pairwise, so that a
 * section of many rids costs n log n; up to 32 rids need no memory, more
 * take a scratch array from the arena's allocator, freed before returning
 * (taken from the arena it would stay, and every call would add to it). */
struct rid_ref {
	sipmsg_slice id;
	uint32_t line;
	bool dup;
};

static int rid_ref_by_id(const void *a, const void *b)
{
	const struct rid_ref *x = a, *y = b;
	int c = memcmp(x->id.ptr, y->id.ptr, x->id.len < y->id.len ? x->id.len : y->id.len);
	if (c)
		return c;
	if (x->id.len != y->id.len)
		return x->id.len < y->id.len ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int rid_ref_by_line(const void *a, const void *b)
{
	const struct rid_ref *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* refs: the section's rid ids in line order (n of them); reported in line order. */
static sipmsg_status report_rid_dups(sipmsg_sdp_section *m, struct rid_ref *refs, size_t n)
{
	size_t k;
	qsort(refs, n, sizeof *refs, rid_ref_by_id);
	bool any = false;
	for (k = 1; k < n; k++) {
		refs[k].dup = eq(refs[k].id, refs[k - 1].id);
		any |= refs[k].dup;
	}
	if (!any)
		return SIPMSG_OK;
	qsort(refs, n, sizeof *refs, rid_ref_by_line);
	for (k = 0; k < n; k++) {
		if (!refs[k].dup)
			continue;
		sipmsg_status st = sm_sdp_diag(m->sdp, &m->lines[refs[k].line], refs[k].id.ptr,
					       SIPMSG_DIAG_MULTIPLE_VALUES, ERR,
					       "a second a=rid with this rid-id in the media description (RFC 8851 §4)");
		if (st)
			return st;
	}
	return SIPMSG_OK;
}

/* An a=rid line whose view was read well (parse_all read every view). */
static bool good_rid(const struct sm_sdp_line *l)
{
	return l->type == 'a' && l->attr == SIPMSG_SDP_ATTR_RID && (l->flags & SM_SL_VIEW_DONE) && !(l->flags & SM_SL_BAD);
}

static sipmsg_status check_rid_ids(sipmsg_sdp_section *m)
{
	struct rid_ref local[32], *refs = local;
	size_t n = 0;
	for (uint32_t i = 0; i < m->nlines; i++)
		n += good_rid(&m->lines[i]);
	if (n < 2)
		return SIPMSG_OK;
	const sipmsg_allocator *al = sm_arena_allocator(m->sdp->arena);
	if (n > sizeof local / sizeof local[0] && !(refs = sm_raw_alloc(al, n * sizeof *refs)))
		return SIPMSG_ENOMEM;
	size_t k = 0;
	for (uint32_t i = 0; i < m->nlines; i++)
		if (good_rid(&m->lines[i]))
			refs[k++] = (struct rid_ref){((const sipmsg_sdp_rid *)m->lines[i].view)->id, i, false};
	sipmsg_status st = report_rid_dups(m, refs, n);
	if (refs != local)
		sm_raw_free(al, refs);
	return st;
}

static sipmsg_status parse_all(sipmsg_sdp_section *s)
{
	for (uint32_t i = 0; i < s->nlines; i++) {
		unsigned k = sm_sdp_line_kind(&s->lines[i]);
		const void *v;
		if (sm_sdp_kinds[k].parse && sm_sdp_view(s, i, k, &v) == SIPMSG_ENOMEM)
			return SIPMSG_ENOMEM;
	}
	return SIPMSG_OK;
}

/* RFC 8866 §6.7: "At most one occurrence of a=recvonly, a=sendrecv,
 * a=sendonly, or a=inactive MAY appear" at session level and in each media
 * description. The direction helper takes the last; each one after the
 * first is reported. */
static sipmsg_status check_directions(sipmsg_sdp_section *s)
{
	bool seen = false;
	for (uint32_t i = 0; i < s->nlines; i++) {
		const struct sm_sdp_line *l = &s->lines[i];
		if (l->type != 'a' || (l->attr != SIPMSG_SDP_ATTR_SENDRECV && l->attr != SIPMSG_SDP_ATTR_SENDONLY &&
				       l->attr != SIPMSG_SDP_ATTR_RECVONLY && l->attr != SIPMSG_SDP_ATTR_INACTIVE))
			continue;
		if (seen) {
			sipmsg_status st = sm_sdp_diag(s->sdp, l, l->p + 2, SIPMSG_DIAG_MULTIPLE_VALUES, WARNING,
						       "a second direction attribute in this section (RFC 8866 §6.7)");
			if (st)
				return st;
		}
		seen = true;
	}
	return SIPMSG_OK;
}

static sipmsg_status check_section(sipmsg_sdp_section *s)
{
	sipmsg_sdp_media_desc md;
	bool have_md = s->is_media && sipmsg_sdp_get_media_desc(s, &md) == SIPMSG_OK;
	for (uint32_t i = 0; i < s->nlines; i++) {
		sipmsg_status st = check_line(s, i, have_md ? &md : NULL);
		if (st)
			return st;
	}
	sipmsg_status st = check_directions(s);
	if (st)
		return st;
	if (!s->is_media)
		return SIPMSG_OK;
	if ((st = check_rid_ids(s)))
		return st;
	return check_simulcast(s);
}

static sipmsg_status run_checks(sipmsg_sdp *sdp)
{
	sipmsg_sdp_section *ss = &sdp->session;
	static const struct {
		char type;
		unsigned bit;
		const char *msg;
	} need[] = {
		{'v', SM_MISS_V, "the v= line is missing"},
		{'o', SM_MISS_O, "the o= line is missing"},
		{'s', SM_MISS_S, "the s= line is missing"},
		{'t', SM_MISS_T, "the t= line is missing"},
	};
	sipmsg_status st;
	for (size_t k = 0; k < sizeof need / sizeof need[0]; k++) {
		if (sipmsg_sdp_line_find(ss, need[k].type, 0) >= 0 || (sdp->missing & need[k].bit))
			continue;
		if ((st = sm_sdp_diag(sdp, NULL, NULL, SIPMSG_DIAG_SDP_MISSING_LINE, need[k].type == 't' ? WARNING : ERR,
				      need[k].msg)))
			return st;
	}
	if (sipmsg_sdp_line_find(ss, 'c', 0) < 0) {
		for (uint32_t k = 0; k < sdp->nmedia; k++) {
			if (sipmsg_sdp_line_find(sdp->media[k], 'c', 0) >= 0)
				continue;
			if ((st = sm_sdp_diag(sdp, &sdp->media[k]->lines[0], NULL, SIPMSG_DIAG_SDP_MISSING_LINE, ERR,
					      "no c= in this media description nor at session level")))
				return st;
		}
	}
	if ((st = check_section(ss)))
		return st;
	for (uint32_t k = 0; k < sdp->nmedia; k++)
		if ((st = check_section(sdp->media[k])))
			return st;
	if ((st = check_mids(sdp)))
		return st;
	return check_groups(sdp);
}

sipmsg_status sipmsg_sdp_check(sipmsg_sdp *sdp)
{
	if (!sdp)
		return SIPMSG_EINVAL;
	/* bad values are reported once, with the view, in the main list */
	sipmsg_status st = parse_all(&sdp->session);
	for (uint32_t k = 0; !st && k < sdp->nmedia; k++)
		st = parse_all(sdp->media[k]);
	if (st)
		return st;
	sdp->ncdiags = 0;
	sdp->checking = true;
	st = run_checks(sdp);
	sdp->checking = false;
	return st;
}
