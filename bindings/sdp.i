/* SPDX-License-Identifier: MIT */
/*
 * sdp.i -- the SDP codec (sipmsg/sdp.h) for every language (included by
 * sipmsg.i, after views.i).
 *
 *   Sdp          a counted handle on a sipmsg_sdp: parsed on its own
 *                (sdp_parse), built (sdp_new), or read from a message's body
 *                (Message.sdp(); then it holds a reference on the message,
 *                whose arena it lives in);
 *   SdpSection   the session level or one media section; holds a reference
 *                on its Sdp;
 *   SdpOrigin, SdpConnection, SdpRtpmap, SdpCodec, SdpSourceFilter
 *                views (copies of the library's structs) with a reference
 *                on the Sdp;
 *   SdpMediaSpec what a new media section is built from (owns its strings).
 */

%{
typedef struct sipmsg_binding_sdp {
	sipmsg_binding_ref ref;
	sipmsg_sdp *sdp;
	sipmsg_binding_ref *owner; /* the message the SDP lives in, or NULL when the handle owns it */
} sipmsg_binding_sdp;

static void sipmsg_binding_sdp_destroy(sipmsg_binding_ref *ref)
{
	sipmsg_binding_sdp *s = (sipmsg_binding_sdp *)ref;
	if (s->owner)
		sipmsg_binding_release(s->owner);
	else
		sipmsg_sdp_free(s->sdp);
	free(s);
}

/* A handle on sdp; owner NULL: the handle owns it (freed on failure too). */
static sipmsg_binding_sdp *sipmsg_binding_sdp_wrap(sipmsg_sdp *sdp, sipmsg_binding_ref *owner, sipmsg_error *err)
{
	sipmsg_binding_sdp *s = calloc(1, sizeof *s);
	if (!s) {
		if (!owner)
			sipmsg_sdp_free(sdp);
		sipmsg_binding_set_error(err, SIPMSG_ENOMEM, "out of memory");
		return NULL;
	}
	s->ref.refs = 1;
	s->ref.destroy = sipmsg_binding_sdp_destroy;
	s->sdp = sdp;
	s->owner = sipmsg_binding_retain(owner);
	return s;
}

static sipmsg_binding_sdp *sipmsg_binding_sdp_parse_limits(const void *data, size_t len, unsigned flags,
							   size_t max_message_size, size_t max_headers,
							   size_t max_line_length, size_t max_list_items,
							   size_t max_uri_params, size_t max_sdp_lines,
							   size_t max_multipart_depth, sipmsg_error *err)
{
	sipmsg_parse_opts opts;
	sipmsg_binding_opts(&opts, flags, SIPMSG_PARSE_STRICT, max_message_size, max_headers, max_line_length,
			    max_list_items, max_uri_params, max_sdp_lines, max_multipart_depth);
	sipmsg_sdp *sdp = NULL;
	sipmsg_status st = sipmsg_sdp_parse(data, len, &opts, &sdp, err);
	if (st != SIPMSG_OK) {
		if (err->status == SIPMSG_OK)
			sipmsg_binding_set_error(err, st, "SDP");
		return NULL;
	}
	return sipmsg_binding_sdp_wrap(sdp, NULL, err);
}

static sipmsg_binding_sdp *sipmsg_binding_sdp_parse(const void *data, size_t len, unsigned flags, sipmsg_error *err)
{
	return sipmsg_binding_sdp_parse_limits(data, len, flags, 0, 0, 0, 0, 0, 0, 0, err);
}

static sipmsg_binding_sdp *sipmsg_binding_sdp_new(sipmsg_error *err)
{
	sipmsg_sdp *sdp = NULL;
	sipmsg_status st = sipmsg_sdp_new(NULL, &sdp);
	if (st != SIPMSG_OK) {
		sipmsg_binding_set_error(err, st, "SDP");
		return NULL;
	}
	return sipmsg_binding_sdp_wrap(sdp, NULL, err);
}

typedef struct sipmsg_binding_section {
	sipmsg_binding_sdp *sdp;
	sipmsg_sdp_section *sec;
} sipmsg_binding_section;

static sipmsg_binding_section *sipmsg_binding_section_new(sipmsg_binding_sdp *sdp, sipmsg_sdp_section *sec)
{
	if (!sec)
		return NULL;
	sipmsg_binding_section *x = malloc(sizeof *x);
	if (!x)
		return NULL;
	sipmsg_binding_retain(&sdp->ref);
	x->sdp = sdp;
	x->sec = sec;
	return x;
}

SIPMSG_BINDING_VIEW(sipmsg_binding_origin, sipmsg_sdp_origin)
SIPMSG_BINDING_VIEW(sipmsg_binding_connection, sipmsg_sdp_connection)
SIPMSG_BINDING_VIEW(sipmsg_binding_rtpmap, sipmsg_sdp_rtpmap)
SIPMSG_BINDING_VIEW(sipmsg_binding_codec, sipmsg_sdp_codec)
SIPMSG_BINDING_VIEW(sipmsg_binding_source_filter, sipmsg_sdp_source_filter)

/* The SDP of a message: its body when Content-Type is application/sdp, else
 * the first application/sdp part of a multipart body (depth first). */
static sipmsg_status sipmsg_binding_find_sdp_part(sipmsg_msg *m, const sipmsg_multipart *mp, sipmsg_sdp **out,
						 sipmsg_error *err)
{
	for (size_t i = 0; i < mp->part_count; i++) {
		const sipmsg_mime_part *p = &mp->parts[i];
		sipmsg_status st = p->nested ? sipmsg_binding_find_sdp_part(m, p->nested, out, err)
					     : sipmsg_mime_part_sdp(m, p, out, err);
		if (st != SIPMSG_ESTATE && st != SIPMSG_ENOTFOUND)
			return st;
		memset(err, 0, sizeof *err);
	}
	return SIPMSG_ENOTFOUND;
}

static sipmsg_binding_sdp *sipmsg_binding_sdp_of(sipmsg_binding_msg *h, sipmsg_error *err)
{
	sipmsg_sdp *sdp = NULL;
	sipmsg_status st = sipmsg_msg_sdp(h->msg, &sdp, err);
	if (st == SIPMSG_ENOTFOUND) {
		const sipmsg_multipart *mp = NULL;
		memset(err, 0, sizeof *err);
		if (sipmsg_msg_multipart(h->msg, &mp) != SIPMSG_OK)
			return NULL;
		st = sipmsg_binding_find_sdp_part(h->msg, mp, &sdp, err);
		if (st == SIPMSG_ENOTFOUND)
			return NULL;
	}
	if (st != SIPMSG_OK) {
		if (err->status == SIPMSG_OK)
			sipmsg_binding_set_error(err, st, "SDP body");
		return NULL;
	}
	return sipmsg_binding_sdp_wrap(sdp, &h->ref, err);
}

/* What a new media section is made of (SdpMediaSpec). */
typedef struct sipmsg_binding_media_spec {
	char *media, *proto;
	unsigned port, port_count;
	sipmsg_slice *formats;
	size_t count, cap;
} sipmsg_binding_media_spec;

static void sipmsg_binding_media_spec_free(sipmsg_binding_media_spec *s)
{
	for (size_t i = 0; i < s->count; i++)
		free((char *)s->formats[i].ptr);
	free(s->formats);
	free(s->media);
	free(s->proto);
	free(s);
}

/* Copy section `from` (of any SDP) to the end of `to`: its m= line, then
 * every other line in order. */
static sipmsg_status sipmsg_binding_copy_media(sipmsg_sdp *to, const sipmsg_sdp_section *from,
					       sipmsg_sdp_section **out)
{
	sipmsg_sdp_media_desc desc;
	sipmsg_status st = sipmsg_sdp_get_media_desc(from, &desc);
	if (st != SIPMSG_OK)
		return st;
	sipmsg_sdp_section *sec = NULL;
	if ((st = sipmsg_sdp_media_add_desc(to, &desc, &sec)) != SIPMSG_OK)
		return st;
	size_t n = sipmsg_sdp_line_count(from);
	for (size_t i = 1; i < n && st == SIPMSG_OK; i++) {
		sipmsg_sdp_line line;
		if ((st = sipmsg_sdp_line_at(from, i, &line)) != SIPMSG_OK)
			break;
		if (line.type == 'a')
			st = sipmsg_sdp_attr_add(sec, line.name.ptr, line.name.len, line.value.ptr, line.value.len, NULL);
		else if (line.type)
			st = sipmsg_sdp_line_add(sec, line.type, line.value.ptr, line.value.len, NULL);
	}
	*out = sec;
	return st;
}

static char *sipmsg_binding_strndup(const char *p, size_t n)
{
	char *s = malloc(n + 1);
	if (s) {
		if (n)
			memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

/* Copy part p into spec s (every string owned), its body replaced by
 * body/len when body is not NULL. */
static sipmsg_status sipmsg_binding_copy_part(const sipmsg_mime_part *p, const char *body, size_t len,
					      sipmsg_mime_part_spec *s)
{
	memset(s, 0, sizeof *s);
	if (!body) {
		body = p->body.ptr;
		len = p->body.len;
	}
	size_t hlen = 0;
	for (size_t k = 0; k < p->header_count; k++)
		hlen += p->headers[k].name.len + 2 + p->headers[k].value.len + 2;
	char *headers = malloc(hlen + 1), *h = headers;
	char *ct = p->content_type.ptr ? sipmsg_binding_strndup(p->content_type.ptr, p->content_type.len) : NULL;
	void *copy = malloc(len ? len : 1);
	s->content_type = ct;
	s->headers = headers;
	s->body = copy;
	s->body_len = len;
	if (!headers || !copy || (p->content_type.ptr && !ct))
		return SIPMSG_ENOMEM;
	for (size_t k = 0; k < p->header_count; k++) {
		const sipmsg_mime_header *x = &p->headers[k];
		if (x->name.len == 12 && !strncasecmp(x->name.ptr, "Content-Type", 12))
			continue; /* given as content_type */
		memcpy(h, x->name.ptr, x->name.len);
		h += x->name.len;
		memcpy(h, ": ", 2);
		memcpy(h + 2, x->value.ptr, x->value.len);
		h += 2 + x->value.len;
		memcpy(h, "\r\n", 2);
		h += 2;
	}
	*h = '\0';
	if (len)
		memcpy(copy, body, len);
	return SIPMSG_OK;
}

/* The body of a multipart message with its first application/sdp part
 * (at the top level) replaced by sdp written out; the other parts, the
 * subtype and the boundary are kept. ESTATE: the body is not multipart or
 * has no SDP part; EUNSUPPORTED: the SDP part is inside a nested multipart. */
static sipmsg_status sipmsg_binding_set_sdp_part(sipmsg_binding_msg *h, const sipmsg_sdp *sdp)
{
	const sipmsg_multipart *mp = NULL;
	const sipmsg_mediatype *ct = sipmsg_msg_content_type(h->msg);
	if (!ct || sipmsg_msg_multipart(h->msg, &mp) != SIPMSG_OK)
		return SIPMSG_ESTATE;
	size_t at = mp->part_count;
	sipmsg_status st = SIPMSG_ESTATE;
	for (size_t i = 0; i < mp->part_count && at == mp->part_count; i++) {
		sipmsg_sdp *found = NULL;
		sipmsg_error err;
		memset(&err, 0, sizeof err);
		sipmsg_status fs = mp->parts[i].nested
					   ? sipmsg_binding_find_sdp_part(h->msg, mp->parts[i].nested, &found, &err)
					   : sipmsg_mime_part_sdp(h->msg, &mp->parts[i], &found, &err);
		if (fs == SIPMSG_ESTATE || fs == SIPMSG_ENOTFOUND)
			continue;
		if (mp->parts[i].nested)
			return SIPMSG_EUNSUPPORTED;
		at = i; /* an application/sdp part, even one that does not parse */
	}
	if (at == mp->part_count)
		return st;
	char *body = NULL;
	size_t len = 0;
	if ((st = sipmsg_sdp_write_alloc(sdp, 0, &body, &len)) != SIPMSG_OK)
		return st;
	sipmsg_binding_parts *b = calloc(1, sizeof *b);
	char *subtype = sipmsg_binding_strndup(ct->subtype.ptr, ct->subtype.len);
	char *boundary = sipmsg_binding_strndup(mp->boundary.ptr, mp->boundary.len);
	st = b && subtype && boundary && (b->parts = calloc(mp->part_count, sizeof *b->parts)) ? SIPMSG_OK : SIPMSG_ENOMEM;
	for (size_t i = 0; i < mp->part_count && st == SIPMSG_OK; i++, b->count++)
		st = sipmsg_binding_copy_part(&mp->parts[i], i == at ? body : NULL, i == at ? len : 0, &b->parts[i]);
	/* everything is copied: the new body may replace the one the parts point into */
	if (st == SIPMSG_OK)
		st = sipmsg_msg_set_multipart_body(h->msg, subtype, b->parts, b->count, boundary);
	if (b)
		sipmsg_binding_parts_free(b);
	free(subtype);
	free(boundary);
	sipmsg_free(body);
	return st;
}

/* A media section removed from its SDP (remove_media, or re-made by
 * insert_media_copy) still lives in the arena; edits through a handle on it
 * would be kept nowhere, so they are refused with SIPMSG_ESTATE. */
static bool sipmsg_binding_section_removed(const sipmsg_binding_section *x)
{
	if (!sipmsg_sdp_section_is_media(x->sec))
		return false;
	size_t n = sipmsg_sdp_media_count(x->sdp->sdp);
	for (size_t i = 0; i < n; i++)
		if (sipmsg_sdp_media_at(x->sdp->sdp, i) == x->sec)
			return false;
	return true;
}

/* Put a copy of `from` at media index `at` (replace: instead of the section
 * there). The library only appends media sections, so the ones from `at` on
 * are removed and copied back after it: handles on them go stale. */
static sipmsg_status sipmsg_binding_place_media(sipmsg_sdp *sdp, size_t at, bool replace,
						const sipmsg_sdp_section *from, sipmsg_sdp_section **out)
{
	size_t n = sipmsg_sdp_media_count(sdp);
	if (at > n || (replace && at == n))
		return SIPMSG_ENOTFOUND;
	if (!sipmsg_sdp_section_is_media(from))
		return SIPMSG_ESTATE;
	sipmsg_sdp_section **tail = malloc((n - at + 1) * sizeof *tail);
	if (!tail)
		return SIPMSG_ENOMEM;
	for (size_t i = at; i < n; i++)
		tail[i - at] = sipmsg_sdp_media_at(sdp, i);
	/* removed sections keep their lines in the arena, so they can be copied */
	for (size_t i = n; i > at; i--)
		sipmsg_sdp_media_remove(sdp, i - 1);
	sipmsg_sdp_section *ignored;
	sipmsg_status st = sipmsg_binding_copy_media(sdp, from, out);
	for (size_t k = replace ? 1 : 0; k < n - at && st == SIPMSG_OK; k++)
		st = sipmsg_binding_copy_media(sdp, tail[k], &ignored);
	free(tail);
	return st;
}

static sipmsg_slice sipmsg_binding_char(char c)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
	if (c < 'a' || c > 'z')
		return (sipmsg_slice){"", 0};
	return (sipmsg_slice){letters + (c - 'a'), 1};
}

static sipmsg_slice sipmsg_binding_opt(const char *s)
{
	return s ? (sipmsg_slice){s, strlen(s)} : (sipmsg_slice){NULL, 0};
}
%}

%newobject sipmsg_binding_sdp_parse;
%newobject sipmsg_binding_sdp_parse_limits;
%newobject sipmsg_binding_sdp_new;
%newobject sipmsg_binding_msg::sdp;
%newobject sipmsg_binding_sdp::session;
%newobject sipmsg_binding_sdp::media_at;
%newobject sipmsg_binding_sdp::media_by_mid;
%newobject sipmsg_binding_sdp::origin;
%newobject sipmsg_binding_sdp::add_media;
%newobject sipmsg_binding_sdp::add_media_copy;
%newobject sipmsg_binding_sdp::place_media_copy;
%newobject sipmsg_binding_section::get_sdp;
%newobject sipmsg_binding_section::connection;
%newobject sipmsg_binding_section::rtpmap_at;
%newobject sipmsg_binding_section::codec_at;
%newobject sipmsg_binding_section::source_filter_at;

%nodefaultctor sipmsg_binding_sdp;
%nodefaultctor sipmsg_binding_section;
%nodefaultctor sipmsg_binding_origin;
%nodefaultctor sipmsg_binding_connection;
%nodefaultctor sipmsg_binding_rtpmap;
%nodefaultctor sipmsg_binding_codec;
%nodefaultctor sipmsg_binding_source_filter;

%rename(Sdp) sipmsg_binding_sdp;
%rename(SdpSection) sipmsg_binding_section;
%rename(SdpOrigin) sipmsg_binding_origin;
%rename(SdpConnection) sipmsg_binding_connection;
%rename(SdpRtpmap) sipmsg_binding_rtpmap;
%rename(SdpCodec) sipmsg_binding_codec;
%rename(SdpSourceFilter) sipmsg_binding_source_filter;
%rename(SdpMediaSpec) sipmsg_binding_media_spec;

/* Before the declarations below: SWIG reads a type's %extend methods where
 * the type is declared, with the typemaps in force there (placed after
 * them, the check was silently not applied to the methods' arguments). */
%typemap(check) sipmsg_binding_sdp *, const sipmsg_binding_sdp *, sipmsg_binding_section *,
		const sipmsg_binding_section *, const sipmsg_binding_media_spec * {
	if (!$1)
		SWIG_exception_fail(SWIG_ValueError, "an object is required, not None");
}

typedef struct sipmsg_binding_sdp {} sipmsg_binding_sdp;
typedef struct sipmsg_binding_section {} sipmsg_binding_section;
typedef struct sipmsg_binding_origin {} sipmsg_binding_origin;
typedef struct sipmsg_binding_connection {} sipmsg_binding_connection;
typedef struct sipmsg_binding_rtpmap {} sipmsg_binding_rtpmap;
typedef struct sipmsg_binding_codec {} sipmsg_binding_codec;
typedef struct sipmsg_binding_source_filter {} sipmsg_binding_source_filter;
typedef struct sipmsg_binding_media_spec {} sipmsg_binding_media_spec;

%rename(sdp_parse) sipmsg_binding_sdp_parse;
sipmsg_binding_sdp *sipmsg_binding_sdp_parse(const void *data, size_t len, unsigned flags, sipmsg_error *PARSE_ERR);
%rename(sdp_parse_limits) sipmsg_binding_sdp_parse_limits;
sipmsg_binding_sdp *sipmsg_binding_sdp_parse_limits(const void *data, size_t len, unsigned flags,
						    size_t max_message_size, size_t max_headers, size_t max_line_length,
						    size_t max_list_items, size_t max_uri_params, size_t max_sdp_lines,
						    size_t max_multipart_depth, sipmsg_error *PARSE_ERR);
%rename(sdp_new) sipmsg_binding_sdp_new;
sipmsg_binding_sdp *sipmsg_binding_sdp_new(sipmsg_error *ERR);

%extend sipmsg_binding_msg {
	/* The SDP of the body (application/sdp, or the first such part of a
	 * multipart body); null when there is none. It lives in the message
	 * and holds a reference on it. Editing it does not change the body:
	 * set_sdp() does. */
	sipmsg_binding_sdp *sdp(sipmsg_error *PARSE_ERR) { return sipmsg_binding_sdp_of($self, PARSE_ERR); }
	/* The body becomes the SDP written out; Content-Type application/sdp. */
	sipmsg_status set_sdp(const sipmsg_binding_sdp *sdp) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_set_sdp($self->msg, sdp->sdp);
	}
	/* A multipart body's first application/sdp part becomes the SDP
	 * written out; the other parts, the subtype and the boundary stay.
	 * ESTATE: not multipart, or no SDP part; EUNSUPPORTED: the SDP part
	 * is in a nested multipart. */
	sipmsg_status set_sdp_part(const sipmsg_binding_sdp *sdp) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_binding_set_sdp_part($self, sdp->sdp);
	}
}

%extend sipmsg_binding_sdp {
	~sipmsg_binding_sdp() { sipmsg_binding_release(&$self->ref); }
	sipmsg_status write(unsigned flags, char **OUT, size_t *OUTLEN) {
		return sipmsg_sdp_write_alloc($self->sdp, flags, OUT, OUTLEN);
	}
	bool is_modified() { return sipmsg_sdp_is_modified($self->sdp); }
	/* true when the SDP is the body of a message (and keeps it alive) */
	bool in_message() { return $self->owner != NULL; }

	size_t diag_count() { return sipmsg_sdp_diag_count($self->sdp); }
	const sipmsg_diag *diag_at(size_t i) { return sipmsg_sdp_diag_at($self->sdp, i); }
	size_t error_count() { return sipmsg_sdp_error_count($self->sdp); }
	sipmsg_status check() { return sipmsg_sdp_check($self->sdp); }

	sipmsg_binding_section *session() { return sipmsg_binding_section_new($self, sipmsg_sdp_session($self->sdp)); }
	size_t media_count() { return sipmsg_sdp_media_count($self->sdp); }
	sipmsg_binding_section *media_at(size_t i) { return sipmsg_binding_section_new($self, sipmsg_sdp_media_at($self->sdp, i)); }
	sipmsg_binding_section *media_by_mid(const char *value, size_t value_len) {
		return sipmsg_binding_section_new($self, sipmsg_sdp_media_by_mid($self->sdp, value, value_len));
	}
	/* the o= line; null when absent or malformed */
	sipmsg_binding_origin *origin() {
		sipmsg_sdp_origin o;
		return sipmsg_sdp_origin_of($self->sdp, &o) == SIPMSG_OK ? sipmsg_binding_origin_new(&$self->ref, &o) : NULL;
	}
	sipmsg_optslice session_name() {
		sipmsg_slice s = {NULL, 0};
		if (sipmsg_sdp_session_name($self->sdp, &s) != SIPMSG_OK)
			return (sipmsg_slice){NULL, 0};
		return s.ptr ? s : (sipmsg_slice){"", 0};
	}
	/* the first t= line: start and stop, -1 when there is none or it is malformed */
	long long timing_start() {
		sipmsg_sdp_section *s = sipmsg_sdp_session($self->sdp);
		long i = sipmsg_sdp_line_find(s, 't', 0);
		sipmsg_sdp_timing t;
		return i >= 0 && sipmsg_sdp_get_timing(s, (size_t)i, &t) == SIPMSG_OK ? (long long)t.start : -1;
	}
	long long timing_stop() {
		sipmsg_sdp_section *s = sipmsg_sdp_session($self->sdp);
		long i = sipmsg_sdp_line_find(s, 't', 0);
		sipmsg_sdp_timing t;
		return i >= 0 && sipmsg_sdp_get_timing(s, (size_t)i, &t) == SIPMSG_OK ? (long long)t.stop : -1;
	}

	/* Building and editing. set_origin: null strings take the formatter's
	 * defaults (username "-", nettype "IN", addrtype from the address);
	 * the ids are decimal text. */
	sipmsg_status set_origin(const char *username, const char *sess_id, const char *sess_version,
				 const char *nettype, const char *addrtype, const char *address) {
		sipmsg_sdp_origin o;
		memset(&o, 0, sizeof o);
		o.username = sipmsg_binding_opt(username);
		o.sess_id = sipmsg_binding_opt(sess_id);
		o.sess_version = sipmsg_binding_opt(sess_version);
		o.nettype = sipmsg_binding_opt(nettype);
		o.addrtype = sipmsg_binding_opt(addrtype);
		o.address = sipmsg_binding_opt(address);
		if (!address || !sess_id || !sess_version)
			return SIPMSG_EINVAL;
		return sipmsg_sdp_set_origin($self->sdp, &o);
	}
	sipmsg_status set_session_name(const char *value, size_t value_len) {
		return sipmsg_sdp_set_session_name($self->sdp, value, value_len);
	}
	sipmsg_status set_timing(unsigned long long start, unsigned long long stop) {
		return sipmsg_sdp_set_timing($self->sdp, start, stop);
	}
	sipmsg_binding_section *add_media(const sipmsg_binding_media_spec *spec, sipmsg_error *ERR) {
		sipmsg_sdp_media_desc d;
		memset(&d, 0, sizeof d);
		d.media = sipmsg_binding_opt(spec->media);
		d.proto = sipmsg_binding_opt(spec->proto);
		d.port = spec->port;
		d.port_count = spec->port_count;
		d.formats = spec->formats;
		d.nformats = spec->count;
		sipmsg_sdp_section *sec = NULL;
		sipmsg_status st = sipmsg_sdp_media_add_desc($self->sdp, &d, &sec);
		if (st != SIPMSG_OK) {
			sipmsg_binding_set_error(ERR, st, "invalid media description");
			return NULL;
		}
		sipmsg_binding_section *x = sipmsg_binding_section_new($self, sec);
		if (!x)
			sipmsg_binding_set_error(ERR, SIPMSG_ENOMEM, "out of memory");
		return x;
	}
	/* A copy of a media section of any SDP (its m= line and every other line) at the end. */
	sipmsg_binding_section *add_media_copy(const sipmsg_binding_section *from, sipmsg_error *ERR) {
		sipmsg_sdp_section *sec = NULL;
		sipmsg_status st = sipmsg_binding_copy_media($self->sdp, from->sec, &sec);
		if (st != SIPMSG_OK) {
			sipmsg_binding_set_error(ERR, st, st == SIPMSG_ESTATE ? "not a media section" : "copy media section");
			return NULL;
		}
		sipmsg_binding_section *x = sipmsg_binding_section_new($self, sec);
		if (!x)
			sipmsg_binding_set_error(ERR, SIPMSG_ENOMEM, "out of memory");
		return x;
	}
	sipmsg_status remove_media(size_t index) { return sipmsg_sdp_media_remove($self->sdp, index); }
	/* A copy of a media section at media index `index` (0 to the count),
	 * or instead of section `index` (replace); the sections after it are
	 * re-made, so handles on them go stale (is_removed). */
	sipmsg_binding_section *place_media_copy(size_t index, bool replace, const sipmsg_binding_section *from,
						 sipmsg_error *ERR) {
		sipmsg_sdp_section *sec = NULL;
		sipmsg_status st = sipmsg_binding_place_media($self->sdp, index, replace, from->sec, &sec);
		if (st != SIPMSG_OK) {
			sipmsg_binding_set_error(ERR, st, st == SIPMSG_ESTATE ? "not a media section"
							  : st == SIPMSG_ENOTFOUND ? "no media section at that index"
							  : "copy media section");
			return NULL;
		}
		sipmsg_binding_section *x = sipmsg_binding_section_new($self, sec);
		if (!x)
			sipmsg_binding_set_error(ERR, SIPMSG_ENOMEM, "out of memory");
		return x;
	}
}

%extend sipmsg_binding_section {
	~sipmsg_binding_section() {
		sipmsg_binding_release(&$self->sdp->ref);
		free($self);
	}
	/* the Sdp this section belongs to */
	sipmsg_binding_sdp *get_sdp() {
		sipmsg_binding_retain(&$self->sdp->ref);
		return $self->sdp;
	}
	bool is_media() { return sipmsg_sdp_section_is_media($self->sec); }
	/* true for a media section no longer in its SDP (its edits are refused) */
	bool is_removed() { return sipmsg_binding_section_removed($self); }
	/* The same section (two handles on one section compare equal). */
	bool same(const sipmsg_binding_section *other) { return $self->sec == other->sec; }

	/* Lines, in order (a media section's m= is line 0). */
	size_t line_count() { return sipmsg_sdp_line_count($self->sec); }
	/* "v", "o", "a", ...; "" for a line that is not "<letter>=" */
	sipmsg_slice line_type(size_t i) {
		sipmsg_sdp_line l;
		return sipmsg_sdp_line_at($self->sec, i, &l) == SIPMSG_OK ? sipmsg_binding_char(l.type) : (sipmsg_slice){"", 0};
	}
	/* a=: the attribute name; null for other lines */
	sipmsg_optslice line_name(size_t i) {
		sipmsg_sdp_line l;
		return sipmsg_sdp_line_at($self->sec, i, &l) == SIPMSG_OK && l.type == 'a' ? l.name : (sipmsg_slice){NULL, 0};
	}
	/* after "x=" (a=: after the ':'; null for a flag attribute) */
	sipmsg_optslice line_value(size_t i) {
		sipmsg_sdp_line l;
		if (sipmsg_sdp_line_at($self->sec, i, &l) != SIPMSG_OK)
			return (sipmsg_slice){NULL, 0};
		if (l.type != 'a' && !l.value.ptr)
			return (sipmsg_slice){"", 0};
		return l.value;
	}
	sipmsg_slice line_raw(size_t i) {
		sipmsg_sdp_line l;
		return sipmsg_sdp_line_at($self->sec, i, &l) == SIPMSG_OK ? l.raw : (sipmsg_slice){"", 0};
	}
	long line_find(char type, size_t start) { return sipmsg_sdp_line_find($self->sec, type, start); }
	long attr_find_name(const char *name, size_t name_len, size_t start) {
		return sipmsg_sdp_attr_find_name($self->sec, name, name_len, start);
	}

	/* The m= line (null / -1 for the session level). */
	sipmsg_optslice media() {
		sipmsg_sdp_media_desc d;
		return sipmsg_sdp_get_media_desc($self->sec, &d) == SIPMSG_OK ? d.media : (sipmsg_slice){NULL, 0};
	}
	long long port() {
		sipmsg_sdp_media_desc d;
		return sipmsg_sdp_get_media_desc($self->sec, &d) == SIPMSG_OK ? (long long)d.port : -1;
	}
	/* the number of ports after "/", 0 when absent */
	long long port_count() {
		sipmsg_sdp_media_desc d;
		return sipmsg_sdp_get_media_desc($self->sec, &d) == SIPMSG_OK ? (long long)d.port_count : -1;
	}
	sipmsg_optslice proto() {
		sipmsg_sdp_media_desc d;
		return sipmsg_sdp_get_media_desc($self->sec, &d) == SIPMSG_OK ? d.proto : (sipmsg_slice){NULL, 0};
	}
	size_t format_count() {
		sipmsg_sdp_media_desc d;
		return sipmsg_sdp_get_media_desc($self->sec, &d) == SIPMSG_OK ? d.nformats : 0;
	}
	sipmsg_slice format_at(size_t i) {
		sipmsg_sdp_media_desc d;
		if (sipmsg_sdp_get_media_desc($self->sec, &d) != SIPMSG_OK || i >= d.nformats)
			return (sipmsg_slice){"", 0};
		return d.formats[i];
	}
	/* SIPMSG_SDP_DIR_*: the section's own, else the session's, else sendrecv */
	int direction() {
		if (!sipmsg_sdp_section_is_media($self->sec)) {
			static const sipmsg_sdp_attr_id ids[] = {SIPMSG_SDP_ATTR_SENDRECV, SIPMSG_SDP_ATTR_SENDONLY,
								 SIPMSG_SDP_ATTR_RECVONLY, SIPMSG_SDP_ATTR_INACTIVE};
			static const sipmsg_sdp_direction dirs[] = {SIPMSG_SDP_DIR_SENDRECV, SIPMSG_SDP_DIR_SENDONLY,
								    SIPMSG_SDP_DIR_RECVONLY, SIPMSG_SDP_DIR_INACTIVE};
			for (size_t k = 0; k < 4; k++)
				if (sipmsg_sdp_attr_find($self->sec, ids[k], 0) >= 0)
					return (int)dirs[k];
			return (int)SIPMSG_SDP_DIR_NONE;
		}
		return (int)sipmsg_sdp_media_direction($self->sec);
	}
	/* the connection: a media section's own c=, else the session's */
	sipmsg_binding_connection *connection() {
		sipmsg_sdp_connection c;
		sipmsg_status st;
		if (sipmsg_sdp_section_is_media($self->sec)) {
			st = sipmsg_sdp_media_connection($self->sec, &c);
		} else {
			long i = sipmsg_sdp_line_find($self->sec, 'c', 0);
			st = i < 0 ? SIPMSG_ENOTFOUND : sipmsg_sdp_get_connection($self->sec, (size_t)i, &c);
		}
		return st == SIPMSG_OK ? sipmsg_binding_connection_new(&$self->sdp->ref, &c) : NULL;
	}
	/* the rtpmap of line i; null when it is not one or is malformed */
	sipmsg_binding_rtpmap *rtpmap_at(size_t i) {
		sipmsg_sdp_rtpmap r;
		return sipmsg_sdp_get_rtpmap($self->sec, i, &r) == SIPMSG_OK ? sipmsg_binding_rtpmap_new(&$self->sdp->ref, &r) : NULL;
	}
	/* the source-filter of line i; null when it is not one or is malformed */
	sipmsg_binding_source_filter *source_filter_at(size_t i) {
		sipmsg_sdp_source_filter f;
		return sipmsg_sdp_get_source_filter($self->sec, i, &f) == SIPMSG_OK
			       ? sipmsg_binding_source_filter_new(&$self->sdp->ref, &f)
			       : NULL;
	}
	size_t codec_count() { return sipmsg_sdp_codec_count($self->sec); }
	sipmsg_binding_codec *codec_at(size_t i) {
		sipmsg_sdp_codec c;
		return sipmsg_sdp_codec_at($self->sec, i, &c) == SIPMSG_OK ? sipmsg_binding_codec_new(&$self->sdp->ref, &c) : NULL;
	}

	/* Edits (refused with SIPMSG_ESTATE through a removed section). */
	sipmsg_status set_port(unsigned long long port) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		if (port > UINT32_MAX)
			return SIPMSG_EINVAL;
		return sipmsg_sdp_media_set_port($self->sec, (uint32_t)port);
	}
	/* The m= line's formats become the spec's (media, port and proto kept). */
	sipmsg_status set_formats(const sipmsg_binding_media_spec *spec) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		sipmsg_sdp_media_desc d;
		sipmsg_status st = sipmsg_sdp_get_media_desc($self->sec, &d);
		if (st != SIPMSG_OK)
			return st;
		if (!spec->count)
			return SIPMSG_EINVAL;
		d.formats = spec->formats;
		d.nformats = spec->count;
		size_t n = sipmsg_sdp_format_media_desc(&d, NULL, 0);
		char *buf = malloc(n + 1);
		if (!buf)
			return SIPMSG_ENOMEM;
		sipmsg_sdp_format_media_desc(&d, buf, n + 1);
		st = sipmsg_sdp_line_set($self->sec, 0, buf, n);
		free(buf);
		return st;
	}
	sipmsg_status set_direction(int direction) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		if (direction < SIPMSG_SDP_DIR_NONE || direction > SIPMSG_SDP_DIR_INACTIVE)
			return SIPMSG_EINVAL;
		return sipmsg_sdp_set_direction($self->sec, (sipmsg_sdp_direction)direction);
	}
	/* nettype, addrtype null: "IN", from the address; ttl -1 and count 0: none */
	sipmsg_status set_connection(const char *nettype, const char *addrtype, const char *address, int ttl,
				     unsigned int count) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		if (!address)
			return SIPMSG_EINVAL;
		sipmsg_sdp_connection c;
		memset(&c, 0, sizeof c);
		c.nettype = sipmsg_binding_opt(nettype);
		c.addrtype = sipmsg_binding_opt(addrtype);
		c.address = sipmsg_binding_opt(address);
		c.ttl = ttl;
		c.count = count;
		return sipmsg_sdp_set_connection($self->sec, &c);
	}
	/* value null: a flag attribute ("a=sendrecv") */
	sipmsg_status attr_add(const char *name, size_t name_len, const char *opt_value, size_t opt_value_len) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		return sipmsg_sdp_attr_add($self->sec, name, name_len, opt_value, opt_value_len, NULL);
	}
	sipmsg_status attr_remove_all(const char *name, size_t name_len, size_t *COUNT_OUT) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		return sipmsg_sdp_attr_remove_all($self->sec, name, name_len, COUNT_OUT);
	}
	/* a line of another type than a and m, at its RFC 8866 place */
	sipmsg_status line_add(char type, const char *value, size_t value_len) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		return sipmsg_sdp_line_add($self->sec, type, value, value_len, NULL);
	}
	sipmsg_status line_set(size_t index, const char *opt_value, size_t opt_value_len) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		return sipmsg_sdp_line_set($self->sec, index, opt_value, opt_value_len);
	}
	sipmsg_status line_remove(size_t index) {
		if (sipmsg_binding_section_removed($self))
			return SIPMSG_ESTATE;
		return sipmsg_sdp_line_remove($self->sec, index);
	}
}

%extend sipmsg_binding_origin {
	~sipmsg_binding_origin() { sipmsg_binding_origin_free($self); }
	sipmsg_slice username() { return $self->v.username; }
	sipmsg_slice sess_id() { return $self->v.sess_id; }
	unsigned long long sess_id_value() { return $self->v.sess_id_value; }
	sipmsg_slice sess_version() { return $self->v.sess_version; }
	unsigned long long sess_version_value() { return $self->v.sess_version_value; }
	sipmsg_slice nettype() { return $self->v.nettype; }
	sipmsg_slice addrtype() { return $self->v.addrtype; }
	sipmsg_slice address() { return $self->v.address; }
}

%extend sipmsg_binding_connection {
	~sipmsg_binding_connection() { sipmsg_binding_connection_free($self); }
	sipmsg_slice nettype() { return $self->v.nettype; }
	sipmsg_slice addrtype() { return $self->v.addrtype; }
	sipmsg_slice address() { return $self->v.address; }
	/* -1 when absent */
	int ttl() { return $self->v.ttl; }
	/* 0 when absent */
	unsigned int count() { return $self->v.count; }
}

%extend sipmsg_binding_rtpmap {
	~sipmsg_binding_rtpmap() { sipmsg_binding_rtpmap_free($self); }
	unsigned int payload_type() { return $self->v.payload_type; }
	sipmsg_slice encoding() { return $self->v.encoding; }
	unsigned int clock_rate() { return $self->v.clock_rate; }
	/* "2" (channels for audio); null when absent */
	sipmsg_optslice encoding_params() { return $self->v.encoding_params; }
	unsigned int channels() { return $self->v.channels; }
}

%extend sipmsg_binding_codec {
	~sipmsg_binding_codec() { sipmsg_binding_codec_free($self); }
	unsigned int payload_type() { return $self->v.payload_type; }
	/* from the rtpmap, else RFC 3551's static table, else "" */
	sipmsg_slice name() { return $self->v.name; }
	/* 0 when unknown */
	unsigned int clock_rate() { return $self->v.clock_rate; }
	/* 0 when not given */
	unsigned int channels() { return $self->v.channels; }
	/* the raw fmtp parameters; null when there is no fmtp */
	sipmsg_optslice fmtp() { return $self->v.fmtp_line >= 0 ? $self->v.fmtp : (sipmsg_slice){NULL, 0}; }
}

%extend sipmsg_binding_source_filter {
	~sipmsg_binding_source_filter() { sipmsg_binding_source_filter_free($self); }
	/* "incl" or "excl" */
	const char *mode() { return $self->v.exclude ? "excl" : "incl"; }
	sipmsg_slice nettype() { return $self->v.nettype; }
	/* "IP4", "IP6" or "*" */
	sipmsg_slice addrtype() { return $self->v.addrtype; }
	/* "*" for every destination */
	sipmsg_slice dest_address() { return $self->v.dest_address; }
	size_t source_count() { return $self->v.nsources; }
	/* "" past the end */
	sipmsg_slice source_at(size_t i) {
		return i < $self->v.nsources ? $self->v.sources[i] : (sipmsg_slice){NULL, 0};
	}
}

%exception sipmsg_binding_media_spec::sipmsg_binding_media_spec {
	$action
	if (!result)
		SWIG_exception_fail(SWIG_ValueError, "invalid media, port or proto (or out of memory)");
}

%extend sipmsg_binding_media_spec {
	sipmsg_binding_media_spec(const char *media, unsigned long long port, unsigned long long port_count,
				  const char *proto) {
		if (!media || !proto || port > UINT32_MAX || port_count > UINT32_MAX)
			return NULL;
		sipmsg_binding_media_spec *s = calloc(1, sizeof *s);
		if (!s)
			return NULL;
		s->media = strdup(media);
		s->proto = strdup(proto);
		s->port = (unsigned)port;
		s->port_count = (unsigned)port_count;
		if (!s->media || !s->proto) {
			sipmsg_binding_media_spec_free(s);
			return NULL;
		}
		return s;
	}
	~sipmsg_binding_media_spec() { sipmsg_binding_media_spec_free($self); }
	sipmsg_status add_format(const char *value, size_t value_len) {
		if (!value_len || sipmsg_binding_has_line_end(value, value_len) || memchr(value, ' ', value_len))
			return SIPMSG_EINVAL;
		if ($self->count == $self->cap) {
			size_t cap = $self->cap ? 2 * $self->cap : 8;
			sipmsg_slice *f = realloc($self->formats, cap * sizeof *f);
			if (!f)
				return SIPMSG_ENOMEM;
			$self->formats = f;
			$self->cap = cap;
		}
		char *copy = malloc(value_len);
		if (!copy)
			return SIPMSG_ENOMEM;
		memcpy(copy, value, value_len);
		$self->formats[$self->count++] = (sipmsg_slice){copy, value_len};
		return SIPMSG_OK;
	}
}
