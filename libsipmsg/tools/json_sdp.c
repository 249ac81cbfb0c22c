/* SPDX-License-Identifier: MIT */
#include "json_sdp.h"

#include "json_views.h"

#include <stdint.h>

/* ---- small helpers ---- */

static const char *direction_name(sipmsg_sdp_direction d)
{
	switch (d) {
	case SIPMSG_SDP_DIR_SENDRECV: return "sendrecv";
	case SIPMSG_SDP_DIR_SENDONLY: return "sendonly";
	case SIPMSG_SDP_DIR_RECVONLY: return "recvonly";
	case SIPMSG_SDP_DIR_INACTIVE: return "inactive";
	default: return "none";
	}
}

static void slices(struct jw *w, const char *key, const sipmsg_slice *v, size_t n)
{
	jw_key(w, key);
	jw_array(w);
	for (size_t i = 0; i < n; i++)
		jw_slice(w, v[i]);
	jw_end_array(w);
}

static void pairs(struct jw *w, const char *key, const sipmsg_sdp_param *v, size_t n)
{
	jw_key(w, key);
	jw_array(w);
	for (size_t i = 0; i < n; i++) {
		jw_object(w);
		jw_kslice(w, "name", v[i].name);
		jw_kslice(w, "value", v[i].value);
		jw_end_object(w);
	}
	jw_end_array(w);
}

/* A signed field whose negative value means "absent". */
static void kneg(struct jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	if (v < 0)
		jw_null(w);
	else
		jw_int(w, v);
}

/* A field whose 0 means "absent". */
static void kzero(struct jw *w, const char *key, uint64_t v)
{
	jw_key(w, key);
	if (v)
		jw_uint(w, v);
	else
		jw_null(w);
}

/* ---- the views of the core lines ---- */

typedef const sipmsg_sdp_section sec_t;

/* Each emitter writes the members of the typed object for line i; it returns
 * the getter's status (the object is discarded by the caller unless OK). */

static sipmsg_status core_view(struct jw *w, sec_t *s, size_t i, char type)
{
	sipmsg_status st;
	switch (type) {
	case 'o': {
		sipmsg_sdp_origin v;
		if ((st = sipmsg_sdp_get_origin(s, i, &v)))
			return st;
		jw_object(w);
		jw_kslice(w, "username", v.username);
		jw_kslice(w, "sess_id", v.sess_id);
		jw_kuint(w, "sess_id_value", v.sess_id_value);
		jw_kslice(w, "sess_version", v.sess_version);
		jw_kuint(w, "sess_version_value", v.sess_version_value);
		jw_kslice(w, "nettype", v.nettype);
		jw_kslice(w, "addrtype", v.addrtype);
		jw_kslice(w, "address", v.address);
		break;
	}
	case 'c': {
		sipmsg_sdp_connection v;
		if ((st = sipmsg_sdp_get_connection(s, i, &v)))
			return st;
		jw_object(w);
		jw_kslice(w, "nettype", v.nettype);
		jw_kslice(w, "addrtype", v.addrtype);
		jw_kslice(w, "address", v.address);
		kneg(w, "ttl", v.ttl);
		kzero(w, "count", v.count);
		break;
	}
	case 'b': {
		static const char *const known[] = {"other", "AS", "CT", "TIAS", "RS", "RR"};
		sipmsg_sdp_bandwidth v;
		if ((st = sipmsg_sdp_get_bandwidth(s, i, &v)))
			return st;
		jw_object(w);
		jw_kslice(w, "type", v.type);
		jw_kcstr(w, "known", v.known <= SIPMSG_SDP_BW_RR ? known[v.known] : "other");
		jw_kuint(w, "value", v.value);
		break;
	}
	case 't': {
		sipmsg_sdp_timing v;
		if ((st = sipmsg_sdp_get_timing(s, i, &v)))
			return st;
		jw_object(w);
		jw_kuint(w, "start", v.start);
		jw_kuint(w, "stop", v.stop);
		break;
	}
	case 'r': {
		sipmsg_sdp_repeat v;
		if ((st = sipmsg_sdp_get_repeat(s, i, &v)))
			return st;
		jw_object(w);
		jw_kuint(w, "interval", v.interval);
		jw_kuint(w, "duration", v.duration);
		jw_key(w, "offsets");
		jw_array(w);
		for (size_t k = 0; k < v.noffsets; k++)
			jw_uint(w, v.offsets[k]);
		jw_end_array(w);
		break;
	}
	case 'z': {
		sipmsg_sdp_zone v;
		if ((st = sipmsg_sdp_get_zone(s, i, &v)))
			return st;
		jw_object(w);
		jw_key(w, "adjustments");
		jw_array(w);
		for (size_t k = 0; k < v.count; k++) {
			jw_object(w);
			jw_kuint(w, "time", v.adjustments[k].time);
			jw_kint(w, "offset", v.adjustments[k].offset);
			jw_end_object(w);
		}
		jw_end_array(w);
		break;
	}
	case 'm': {
		sipmsg_sdp_media_desc v;
		if ((st = sipmsg_sdp_get_media_desc(s, &v)))
			return st;
		jw_object(w);
		jw_kslice(w, "media", v.media);
		jw_kuint(w, "port", v.port);
		kzero(w, "port_count", v.port_count);
		jw_kslice(w, "proto", v.proto);
		slices(w, "formats", v.formats, v.nformats);
		break;
	}
	default:
		jw_null(w); /* i=, u=, e=, p=, k=: text */
		return SIPMSG_OK;
	}
	jw_end_object(w);
	return SIPMSG_OK;
}

/* ---- the views of attributes, one emitter per view of the attribute table ---- */

typedef sipmsg_status (*attr_view_fn)(struct jw *w, sec_t *s, size_t i);

/* Attributes without a typed view: a flag has no value, a text is its value. */
static sipmsg_status view_flag(struct jw *w, sec_t *s, size_t i)
{
	(void)s, (void)i;
	jw_null(w);
	return SIPMSG_OK;
}
#define view_text view_flag

#define GET(type, getter)              \
	type v;                        \
	sipmsg_status st = getter(s, i, &v); \
	if (st)                        \
		return st;             \
	jw_object(w)

static sipmsg_status view_rtpmap(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_rtpmap, sipmsg_sdp_get_rtpmap);
	jw_kuint(w, "payload_type", v.payload_type);
	jw_kslice(w, "encoding", v.encoding);
	kzero(w, "clock_rate", v.clock_rate);
	jw_kslice(w, "encoding_params", v.encoding_params);
	kzero(w, "channels", v.channels);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_fmtp(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_fmtp, sipmsg_sdp_get_fmtp);
	jw_kslice(w, "format", v.format);
	kneg(w, "payload_type", v.payload_type);
	jw_kslice(w, "params", v.params);
	pairs(w, "list", v.list, v.nparams);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_number(struct jw *w, sec_t *s, size_t i)
{
	double v;
	sipmsg_status st = sipmsg_sdp_get_number(s, i, &v);
	if (st)
		return st;
	jw_object(w);
	jw_key(w, "value");
	jw_double(w, v);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_uint(struct jw *w, sec_t *s, size_t i)
{
	uint64_t v;
	sipmsg_status st = sipmsg_sdp_get_uint(s, i, &v);
	if (st)
		return st;
	jw_object(w);
	jw_kuint(w, "value", v);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_token(struct jw *w, sec_t *s, size_t i)
{
	sipmsg_slice v;
	sipmsg_status st = sipmsg_sdp_get_token(s, i, &v);
	if (st)
		return st;
	jw_object(w);
	jw_kslice(w, "value", v);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_list(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_list, sipmsg_sdp_get_list);
	slices(w, "items", v.items, v.count);
	jw_end_object(w);
	return SIPMSG_OK;
}
#define view_tokens view_list
#define view_commalist view_list

static sipmsg_status view_rtcp(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_rtcp, sipmsg_sdp_get_rtcp);
	jw_kuint(w, "port", v.port);
	jw_kslice(w, "nettype", v.nettype);
	jw_kslice(w, "addrtype", v.addrtype);
	jw_kslice(w, "address", v.address);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_rtcp_fb(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_rtcp_fb, sipmsg_sdp_get_rtcp_fb);
	jw_kslice(w, "payload_type", v.payload_type);
	jw_kbool(w, "wildcard", v.wildcard);
	jw_key(w, "pt");
	if (v.wildcard)
		jw_null(w);
	else
		jw_uint(w, v.pt);
	jw_kslice(w, "type", v.type);
	jw_kslice(w, "subtype", v.subtype);
	jw_kslice(w, "params", v.params);
	kzero(w, "trr_int", v.trr_int);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_candidate(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_candidate, sipmsg_sdp_get_candidate);
	jw_kslice(w, "foundation", v.foundation);
	jw_kuint(w, "component", v.component);
	jw_kslice(w, "transport", v.transport);
	jw_kuint(w, "priority", v.priority);
	jw_kslice(w, "address", v.address);
	jw_kuint(w, "port", v.port);
	jw_kslice(w, "type", v.type);
	jw_kslice(w, "raddr", v.raddr);
	kneg(w, "rport", v.rport);
	jw_kslice(w, "tcptype", v.tcptype);
	kneg(w, "generation", v.generation);
	kneg(w, "network_id", v.network_id);
	kneg(w, "network_cost", v.network_cost);
	pairs(w, "extensions", v.extensions, v.nextensions);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_fingerprint(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_fingerprint, sipmsg_sdp_get_fingerprint);
	jw_kslice(w, "hash_func", v.hash_func);
	jw_kslice(w, "value", v.value);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_setup(struct jw *w, sec_t *s, size_t i)
{
	static const char *const roles[] = {"other", "active", "passive", "actpass", "holdconn"};
	GET(sipmsg_sdp_setup, sipmsg_sdp_get_setup);
	jw_kslice(w, "value", v.value);
	jw_kcstr(w, "role", v.role <= SIPMSG_SDP_SETUP_HOLDCONN ? roles[v.role] : "other");
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_group(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_group, sipmsg_sdp_get_group);
	jw_kslice(w, "semantics", v.semantics);
	slices(w, "ids", v.ids, v.count);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_msid(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_msid, sipmsg_sdp_get_msid);
	jw_kslice(w, "id", v.id);
	jw_kslice(w, "appdata", v.appdata);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_ssrc(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_ssrc, sipmsg_sdp_get_ssrc);
	jw_kuint(w, "ssrc", v.ssrc);
	jw_kslice(w, "attribute", v.attribute);
	jw_kslice(w, "value", v.value);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_ssrc_group(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_ssrc_group, sipmsg_sdp_get_ssrc_group);
	jw_kslice(w, "semantics", v.semantics);
	jw_key(w, "ssrcs");
	jw_array(w);
	for (size_t k = 0; k < v.count; k++)
		jw_uint(w, v.ssrcs[k]);
	jw_end_array(w);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_extmap(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_extmap, sipmsg_sdp_get_extmap);
	jw_kuint(w, "id", v.id);
	jw_kcstr(w, "direction", direction_name(v.direction));
	jw_kbool(w, "encrypt", v.encrypt);
	jw_kslice(w, "uri", v.uri);
	jw_kslice(w, "attributes", v.attributes);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_rid(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_rid, sipmsg_sdp_get_rid);
	jw_kslice(w, "id", v.id);
	jw_kcstr(w, "direction", direction_name(v.direction));
	jw_key(w, "payload_types");
	jw_array(w);
	for (size_t k = 0; k < v.npayload_types; k++)
		jw_uint(w, v.payload_types[k]);
	jw_end_array(w);
	pairs(w, "restrictions", v.restrictions, v.nrestrictions);
	jw_kslice(w, "params", v.params);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_simulcast(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_simulcast, sipmsg_sdp_get_simulcast);
	jw_key(w, "rids");
	jw_array(w);
	for (size_t k = 0; k < v.count; k++) {
		jw_object(w);
		jw_kcstr(w, "direction", direction_name(v.rids[k].direction));
		jw_kuint(w, "stream", v.rids[k].stream);
		jw_kslice(w, "rid", v.rids[k].rid);
		jw_kbool(w, "paused", v.rids[k].paused);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_crypto(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_crypto, sipmsg_sdp_get_crypto);
	jw_kuint(w, "tag", v.tag);
	jw_kslice(w, "suite", v.suite);
	jw_kslice(w, "key_params", v.key_params);
	jw_key(w, "keys");
	jw_array(w);
	for (size_t k = 0; k < v.nkeys; k++) {
		jw_object(w);
		jw_kslice(w, "method", v.keys[k].method);
		jw_kslice(w, "info", v.keys[k].info);
		jw_kslice(w, "key", v.keys[k].key);
		jw_kslice(w, "lifetime", v.keys[k].lifetime);
		jw_kslice(w, "mki", v.keys[k].mki);
		jw_end_object(w);
	}
	jw_end_array(w);
	jw_kslice(w, "session_params", v.session_params);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_sctpmap(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_sctpmap, sipmsg_sdp_get_sctpmap);
	jw_kuint(w, "number", v.number);
	jw_kslice(w, "app", v.app);
	kzero(w, "streams", v.streams);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_imageattr(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_imageattr, sipmsg_sdp_get_imageattr);
	jw_kslice(w, "payload_type", v.payload_type);
	jw_kbool(w, "wildcard", v.wildcard);
	jw_key(w, "pt");
	if (v.wildcard)
		jw_null(w);
	else
		jw_uint(w, v.pt);
	jw_kslice(w, "send", v.send);
	jw_kslice(w, "recv", v.recv);
	slices(w, "send_sets", v.send_sets, v.nsend_sets);
	slices(w, "recv_sets", v.recv_sets, v.nrecv_sets);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_silencesupp(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_silencesupp, sipmsg_sdp_get_silencesupp);
	jw_kslice(w, "enable", v.enable);
	jw_kslice(w, "timer", v.timer);
	jw_kslice(w, "pref", v.pref);
	jw_kslice(w, "siduse", v.siduse);
	jw_kslice(w, "fxnslevel", v.fxnslevel);
	jw_end_object(w);
	return SIPMSG_OK;
}

static sipmsg_status view_source_filter(struct jw *w, sec_t *s, size_t i)
{
	GET(sipmsg_sdp_source_filter, sipmsg_sdp_get_source_filter);
	jw_kcstr(w, "mode", v.exclude ? "excl" : "incl");
	jw_kslice(w, "nettype", v.nettype);
	jw_kslice(w, "addrtype", v.addrtype);
	jw_kslice(w, "dest_address", v.dest_address);
	slices(w, "sources", v.sources, v.nsources);
	jw_end_object(w);
	return SIPMSG_OK;
}

/* The library's attribute table names each attribute's view; a new view in
 * the table fails to compile here until it has an emitter. */
static const attr_view_fn attr_views[SIPMSG_SDP_ATTR_COUNT_] = {
#define ATTR_VIEW_ROW(id, name, scope, view) [SIPMSG_SDP_ATTR_##id] = view_##view,
	SIPMSG_SDP_ATTR_TABLE(ATTR_VIEW_ROW)
#undef ATTR_VIEW_ROW
};

/* ---- lines, sections, the SDP ---- */

/* Every emitter calls its getter before writing anything, so a value that
 * breaks its grammar leaves only the key behind, and gets null. */
static void line(struct jw *w, sec_t *s, size_t i)
{
	sipmsg_sdp_line l;
	if (sipmsg_sdp_line_at(s, i, &l) != SIPMSG_OK)
		return;
	jw_object(w);
	jw_key(w, "type");
	if (l.type)
		jw_str(w, &l.type, 1);
	else
		jw_null(w);
	if (l.type == 'a') {
		jw_kslice(w, "name", l.name);
		jw_kcstr(w, "attr", sipmsg_sdp_attr_name(l.attr));
	}
	jw_kslice(w, "value", l.value);
	jw_kwire(w, "raw", l.raw.ptr ? l.raw.ptr : "", l.raw.len);
	jw_key(w, "line");
	if (l.line)
		jw_uint(w, l.line);
	else
		jw_null(w);
	jw_key(w, "offset");
	if (l.offset == SIZE_MAX)
		jw_null(w);
	else
		jw_uint(w, l.offset);
	jw_key(w, "typed");
	sipmsg_status st;
	if (l.type == 'a')
		st = l.attr < SIPMSG_SDP_ATTR_COUNT_ && attr_views[l.attr] ? attr_views[l.attr](w, s, i)
									   : view_text(w, s, i);
	else if (l.type)
		st = core_view(w, s, i, l.type);
	else
		st = view_text(w, s, i);
	if (st != SIPMSG_OK)
		jw_null(w);
	jw_kbool(w, "bad", st != SIPMSG_OK || l.bad);
	jw_end_object(w);
}

static void section(struct jw *w, sec_t *s)
{
	jw_object(w);
	jw_key(w, "lines");
	jw_array(w);
	size_t n = sipmsg_sdp_line_count(s);
	for (size_t i = 0; i < n; i++)
		line(w, s, i);
	jw_end_array(w);
	jw_end_object(w);
}

/* The line end of the first line, as the writer uses for new lines. */
static const char *line_end(sec_t *session, const char *input, size_t len)
{
	sipmsg_sdp_line l;
	if (sipmsg_sdp_line_at(session, 0, &l) != SIPMSG_OK || l.offset == SIZE_MAX || !input)
		return "\r\n";
	size_t end = l.offset + l.raw.len;
	if (end < len && input[end] == '\n')
		return "\n";
	return "\r\n";
}

size_t jsdp_members(struct jw *w, sipmsg_sdp *sdp, const char *input, size_t len)
{
	sipmsg_sdp_check(sdp); /* ENOMEM only; the findings are diagnostics */
	jw_kbool(w, "parsed", true);
	sec_t *session = sipmsg_sdp_session(sdp);
	jw_kcstr(w, "line_end", line_end(session, input, len));
	jw_key(w, "session");
	section(w, session);
	jw_key(w, "media");
	jw_array(w);
	size_t n = sipmsg_sdp_media_count(sdp);
	for (size_t i = 0; i < n; i++)
		section(w, sipmsg_sdp_media_at(sdp, i));
	jw_end_array(w);
	jw_key(w, "diagnostics");
	jw_array(w);
	n = sipmsg_sdp_diag_count(sdp);
	for (size_t i = 0; i < n; i++)
		jv_diag(w, sipmsg_sdp_diag_at(sdp, i));
	jw_end_array(w);
	return sipmsg_sdp_error_count(sdp);
}

void jsdp_failed_members(struct jw *w, sipmsg_status st, const sipmsg_error *err)
{
	jw_kbool(w, "parsed", false);
	jw_key(w, "diagnostics");
	jw_array(w);
	jv_error(w, st, err);
	jw_end_array(w);
}
