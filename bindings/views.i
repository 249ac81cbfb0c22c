/* SPDX-License-Identifier: MIT */
/*
 * views.i -- typed views, URIs, the builders and multipart bodies, for every
 * language (included by sipmsg.i; the SDP part is in sdp.i).
 *
 * A view is an opaque handle holding a copy of one of the library's view
 * structs (sipmsg_uri, sipmsg_nameaddr, sipmsg_via, ...) and a reference
 * (sipmsg_binding_ref) on the object its slices point into: the message, or
 * the text of a standalone URI. A language may free a message's handle
 * before its views, or the other way round: the memory goes with the last
 * reference. A view shows the message as it was when the view was taken
 * (the library keeps everything a view points into until the message is
 * freed, edits included).
 *
 * Getters return text (sipmsg_slice), text or nothing (sipmsg_optslice: an
 * absent part is the language's null, an empty one is ""), numbers (-1 where
 * the part is absent), booleans, or a new handle (%newobject; null when
 * absent). Lists are a count and an indexed getter.
 */

%{
/* Text that may be absent: the language's null for a NULL ptr. */
typedef sipmsg_slice sipmsg_optslice;

/* One view type: a copy of the library's struct, and a reference on what it
 * points into. NAME_new() returns NULL only when out of memory. */
#define SIPMSG_BINDING_VIEW(NAME, TYPE)                                        \
	typedef struct NAME {                                                  \
		sipmsg_binding_ref *owner;                                     \
		TYPE v;                                                        \
	} NAME;                                                                \
	static NAME *NAME##_new(sipmsg_binding_ref *owner, const TYPE *v)      \
	{                                                                      \
		NAME *x = malloc(sizeof *x);                                   \
		if (!x)                                                        \
			return NULL;                                           \
		x->owner = sipmsg_binding_retain(owner);                       \
		x->v = *v;                                                     \
		return x;                                                      \
	}                                                                      \
	static void NAME##_free(NAME *x)                                       \
	{                                                                      \
		sipmsg_binding_release(x->owner);                              \
		free(x);                                                       \
	}

SIPMSG_BINDING_VIEW(sipmsg_binding_uri, sipmsg_uri)
SIPMSG_BINDING_VIEW(sipmsg_binding_nameaddr, sipmsg_nameaddr)
SIPMSG_BINDING_VIEW(sipmsg_binding_via, sipmsg_via)
SIPMSG_BINDING_VIEW(sipmsg_binding_session_id, sipmsg_session_id)
SIPMSG_BINDING_VIEW(sipmsg_binding_resource_priority, sipmsg_resource_priority)
/* P-Charging-Vector, with a cursor on its transit-ioi list so that reading
 * the entries in order (0, 1, 2, ...) costs O(1) each. */
typedef struct sipmsg_binding_pcv {
	sipmsg_charging_vector c;
	size_t next;       /* the entry rest starts at */
	sipmsg_slice rest; /* the unread part of c.transit_ioi */
} sipmsg_binding_pcv;
SIPMSG_BINDING_VIEW(sipmsg_binding_charging_vector, sipmsg_binding_pcv)
SIPMSG_BINDING_VIEW(sipmsg_binding_access_network_info, sipmsg_access_network_info)

/* Value k of header id when it is of that kind (NULL: absent, bad, or of
 * another kind). */
static const void *sipmsg_binding_typed_view(const sipmsg_msg *m, int id, size_t k, sipmsg_hdr_kind kind)
{
	sipmsg_typed t;
	if (sipmsg_typed_at(m, (sipmsg_hdr_id)id, k, &t) != SIPMSG_OK || t.kind != kind)
		return NULL;
	switch (kind) {
	case SIPMSG_KIND_SESSION_ID: return t.session_id;
	case SIPMSG_KIND_RESOURCE_PRIORITY: return t.resource_priority;
	case SIPMSG_KIND_CHARGING_VECTOR: return t.charging_vector;
	case SIPMSG_KIND_ACCESS_NETWORK_INFO: return t.access_network_info;
	default: return NULL;
	}
}

/* The text of a URI parsed on its own (sipmsg.Uri("sip:...")), with the
 * arena its parameter arrays live in. */
typedef struct sipmsg_binding_text {
	sipmsg_binding_ref ref;
	sipmsg_arena *arena;
	char text[];
} sipmsg_binding_text;

static void sipmsg_binding_text_destroy(sipmsg_binding_ref *ref)
{
	sipmsg_binding_text *t = (sipmsg_binding_text *)ref;
	sipmsg_arena_free(t->arena);
	free(t);
}

static sipmsg_binding_uri *sipmsg_binding_uri_parse(const char *uri, size_t uri_len, sipmsg_error *err)
{
	sipmsg_binding_text *t = malloc(sizeof *t + (uri_len ? uri_len : 1));
	sipmsg_arena *arena = sipmsg_arena_new(NULL, 512);
	if (!t || !arena) {
		free(t);
		sipmsg_arena_free(arena);
		sipmsg_binding_set_error(err, SIPMSG_ENOMEM, "out of memory");
		return NULL;
	}
	t->ref.refs = 1;
	t->ref.destroy = sipmsg_binding_text_destroy;
	t->arena = arena;
	if (uri_len)
		memcpy(t->text, uri, uri_len);
	sipmsg_uri u;
	sipmsg_status st = sipmsg_uri_parse(t->text, uri_len, arena, NULL, &u, err);
	sipmsg_binding_uri *view = NULL;
	if (st != SIPMSG_OK) {
		if (err->status == SIPMSG_OK)
			sipmsg_binding_set_error(err, st, "URI");
	} else if (!(view = sipmsg_binding_uri_new(&t->ref, &u))) {
		sipmsg_binding_set_error(err, SIPMSG_ENOMEM, "out of memory");
	}
	sipmsg_binding_release(&t->ref); /* the view holds it now, if there is one */
	return view;
}

/* Parameters (URI, name-addr, Via): name, value (absent for ";lr"). */
static sipmsg_slice sipmsg_binding_param_name(const sipmsg_param *params, size_t count, size_t i)
{
	const sipmsg_param *p = sipmsg_param_at(params, count, i);
	return p ? p->name : (sipmsg_slice){NULL, 0};
}

static sipmsg_slice sipmsg_binding_param_value(const sipmsg_param *params, size_t count, size_t i)
{
	const sipmsg_param *p = sipmsg_param_at(params, count, i);
	return p ? p->value : (sipmsg_slice){NULL, 0};
}

static bool sipmsg_binding_param_quoted(const sipmsg_param *params, size_t count, size_t i)
{
	const sipmsg_param *p = sipmsg_param_at(params, count, i);
	return p && p->quoted;
}

/* Decimal digits of a slice as a number (the library has validated them);
 * -1 when absent, empty or not a number. */
static long long sipmsg_binding_slice_number(sipmsg_slice s)
{
	if (!s.ptr || !s.len || s.len > 18)
		return -1;
	long long n = 0;
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return -1;
		n = n * 10 + (s.ptr[i] - '0');
	}
	return n;
}

/* A buffer the caller frees (sipmsg_free()), from one of the library's
 * snprintf-like calls: unescape, escape, unquote. */
typedef size_t (*sipmsg_binding_convert_fn)(const char *in, size_t len, int part, char *out, size_t size);

static size_t sipmsg_binding_unescape_(const char *in, size_t len, int part, char *out, size_t size)
{
	(void)part;
	return sipmsg_unescape(in, len, out, size);
}

static size_t sipmsg_binding_escape_(const char *in, size_t len, int part, char *out, size_t size)
{
	return sipmsg_escape(in, len, (sipmsg_uri_part)part, out, size);
}

static size_t sipmsg_binding_unquote_(const char *in, size_t len, int part, char *out, size_t size)
{
	(void)part;
	return sipmsg_unquote(in, len, out, size);
}

static sipmsg_status sipmsg_binding_convert(sipmsg_binding_convert_fn fn, const char *in, size_t len, int part,
					    char **out, size_t *outlen)
{
	size_t need = fn(in, len, part, NULL, 0);
	char *buf = malloc(need + 1);
	if (!buf)
		return SIPMSG_ENOMEM;
	fn(in, len, part, buf, need + 1);
	buf[need] = '\0';
	*out = buf;
	*outlen = need;
	return SIPMSG_OK;
}

/* Refuse an edit while another thread writes the message (see writers). */
#define SIPMSG_BINDING_EDITING(h)                                \
	do {                                                     \
		if ((h)->writers)                                \
			return (sipmsg_status)SIPMSG_BINDING_EBUSY; \
	} while (0)

/* A response to, the ACK for, or a CANCEL of a request. */
static sipmsg_binding_msg *sipmsg_binding_built(sipmsg_status st, sipmsg_msg *m, const char *what, sipmsg_error *err)
{
	if (st != SIPMSG_OK) {
		sipmsg_binding_set_error(err, st, what);
		return NULL;
	}
	return sipmsg_binding_wrap(m, err);
}

/* ---- multipart ---- */

/* A split multipart body, or one of its parts: they point into the message. */
typedef struct sipmsg_binding_multipart {
	sipmsg_binding_msg *msg;
	const sipmsg_multipart *mp;
} sipmsg_binding_multipart;

typedef struct sipmsg_binding_part {
	sipmsg_binding_msg *msg;
	const sipmsg_mime_part *p;
} sipmsg_binding_part;

static sipmsg_binding_multipart *sipmsg_binding_multipart_new(sipmsg_binding_msg *msg, const sipmsg_multipart *mp)
{
	sipmsg_binding_multipart *x = malloc(sizeof *x);
	if (!x)
		return NULL;
	sipmsg_binding_retain(&msg->ref);
	x->msg = msg;
	x->mp = mp;
	return x;
}

/* The parts of a multipart body being built; every string and body is a
 * copy owned by the builder. */
typedef struct sipmsg_binding_parts {
	sipmsg_mime_part_spec *parts;
	size_t count, cap;
} sipmsg_binding_parts;

static void sipmsg_binding_parts_free(sipmsg_binding_parts *b)
{
	for (size_t i = 0; i < b->count; i++) {
		free((char *)b->parts[i].content_type);
		free((char *)b->parts[i].headers);
		free((void *)b->parts[i].body);
	}
	free(b->parts);
	free(b);
}

static bool sipmsg_binding_has_line_end(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0')
			return true;
	return false;
}
%}

/* ---------------------------------------------------------------------
 * Ownership of the new handles.
 * --------------------------------------------------------------------- */
%newobject sipmsg_binding_uri_parse;
%newobject sipmsg_binding_nameaddr::uri;
%newobject sipmsg_binding_msg::from_view;
%newobject sipmsg_binding_msg::to_view;
%newobject sipmsg_binding_msg::via_at;
%newobject sipmsg_binding_msg::contact_at;
%newobject sipmsg_binding_msg::request_uri_view;
%newobject sipmsg_binding_msg::session_id_view;
%newobject sipmsg_binding_msg::resource_priority_at;
%newobject sipmsg_binding_msg::charging_vector_view;
%newobject sipmsg_binding_msg::access_network_info_at;
%newobject sipmsg_binding_msg::make_response;
%newobject sipmsg_binding_msg::make_ack;
%newobject sipmsg_binding_msg::make_cancel;
%newobject sipmsg_binding_msg::multipart;
%newobject sipmsg_binding_multipart::part_at;
%newobject sipmsg_binding_part::nested;

%nodefaultctor sipmsg_binding_uri;
%nodefaultctor sipmsg_binding_nameaddr;
%nodefaultctor sipmsg_binding_via;
%nodefaultctor sipmsg_binding_session_id;
%nodefaultctor sipmsg_binding_resource_priority;
%nodefaultctor sipmsg_binding_charging_vector;
%nodefaultctor sipmsg_binding_access_network_info;
%nodefaultctor sipmsg_binding_multipart;
%nodefaultctor sipmsg_binding_part;

%rename(Uri) sipmsg_binding_uri;
%rename(NameAddr) sipmsg_binding_nameaddr;
%rename(Via) sipmsg_binding_via;
%rename(SessionId) sipmsg_binding_session_id;
%rename(ResourcePriority) sipmsg_binding_resource_priority;
%rename(ChargingVector) sipmsg_binding_charging_vector;
%rename(AccessNetworkInfo) sipmsg_binding_access_network_info;
%rename(Multipart) sipmsg_binding_multipart;
%rename(MimePart) sipmsg_binding_part;
%rename(MultipartBuilder) sipmsg_binding_parts;

/* Before the declarations below: SWIG reads a type's %extend methods where
 * the type is declared, with the typemaps in force there (placed after
 * them, the check was silently not applied to the methods' arguments). */
%typemap(check) sipmsg_binding_uri *, const sipmsg_binding_uri *, sipmsg_binding_parts * {
	if (!$1)
		SWIG_exception_fail(SWIG_ValueError, "an object is required, not None");
}

typedef struct sipmsg_binding_uri {} sipmsg_binding_uri;
typedef struct sipmsg_binding_nameaddr {} sipmsg_binding_nameaddr;
typedef struct sipmsg_binding_via {} sipmsg_binding_via;
typedef struct sipmsg_binding_session_id {} sipmsg_binding_session_id;
typedef struct sipmsg_binding_resource_priority {} sipmsg_binding_resource_priority;
typedef struct sipmsg_binding_charging_vector {} sipmsg_binding_charging_vector;
typedef struct sipmsg_binding_access_network_info {} sipmsg_binding_access_network_info;
typedef struct sipmsg_binding_multipart {} sipmsg_binding_multipart;
typedef struct sipmsg_binding_part {} sipmsg_binding_part;
typedef struct sipmsg_binding_parts {} sipmsg_binding_parts;

/* The parameter getters every view with parameters has. */
%define SIPMSG_BINDING_PARAMS(PARAMS, COUNT)
	size_t param_count() { return $self->v.COUNT; }
	sipmsg_slice param_name(size_t i) { return sipmsg_binding_param_name($self->v.PARAMS, $self->v.COUNT, i); }
	sipmsg_optslice param_value(size_t i) { return sipmsg_binding_param_value($self->v.PARAMS, $self->v.COUNT, i); }
	bool param_quoted(size_t i) { return sipmsg_binding_param_quoted($self->v.PARAMS, $self->v.COUNT, i); }
%enddef

%extend sipmsg_binding_uri {
	~sipmsg_binding_uri() { sipmsg_binding_uri_free($self); }
	sipmsg_slice raw() { return $self->v.raw; }
	/* SIPMSG_SCHEME_* */
	int scheme() { return (int)$self->v.scheme; }
	sipmsg_slice scheme_name() { return $self->v.scheme_name; }
	sipmsg_optslice user() { return $self->v.user; }
	sipmsg_optslice password() { return $self->v.password; }
	sipmsg_optslice host() { return $self->v.host; }
	/* SIPMSG_HOST_* */
	int host_type() { return (int)$self->v.host_type; }
	/* -1 when no port is written */
	int port() { return $self->v.has_port ? (int)$self->v.port : -1; }
	bool lr() { return $self->v.lr; }
	sipmsg_optslice transport() { return $self->v.transport; }
	sipmsg_optslice user_param() { return $self->v.user_param; }
	sipmsg_optslice method() { return $self->v.method; }
	sipmsg_optslice maddr() { return $self->v.maddr; }
	sipmsg_optslice ttl() { return $self->v.ttl; }
	sipmsg_optslice opaque() { return $self->v.opaque; }
	SIPMSG_BINDING_PARAMS(params, param_count)
	size_t header_count() { return $self->v.header_count; }
	sipmsg_slice header_name(size_t i) { return sipmsg_binding_param_name($self->v.headers, $self->v.header_count, i); }
	sipmsg_optslice header_value(size_t i) {
		return sipmsg_binding_param_value($self->v.headers, $self->v.header_count, i);
	}
	/* RFC 3261 §19.1.4 (sip, sips), RFC 3966 (tel), bytes (others) */
	bool equals(const sipmsg_binding_uri *other) { return sipmsg_uri_equal(&$self->v, &other->v); }
}

%extend sipmsg_binding_nameaddr {
	~sipmsg_binding_nameaddr() { sipmsg_binding_nameaddr_free($self); }
	sipmsg_slice raw() { return $self->v.raw; }
	/* Contact: "*" */
	bool star() { return $self->v.star; }
	bool angle() { return $self->v.angle; }
	bool display_quoted() { return $self->v.display_quoted; }
	/* the display name as written (inside the quotes, escapes kept) */
	sipmsg_optslice display() { return $self->v.display; }
	/* the display name with its backslash escapes removed; null when none */
	sipmsg_status display_name(char **OUTTEXT, size_t *OUTTEXTLEN) {
		if (!$self->v.display.ptr)
			return SIPMSG_OK;
		if (!$self->v.display_quoted) {
			*OUTTEXTLEN = $self->v.display.len;
			if (!(*OUTTEXT = malloc($self->v.display.len + 1)))
				return SIPMSG_ENOMEM;
			memcpy(*OUTTEXT, $self->v.display.ptr, $self->v.display.len);
			return SIPMSG_OK;
		}
		return sipmsg_binding_convert(sipmsg_binding_unquote_, $self->v.display.ptr, $self->v.display.len, 0,
					      OUTTEXT, OUTTEXTLEN);
	}
	/* the URI (null for "*") */
	sipmsg_binding_uri *uri() {
		return $self->v.star ? NULL : sipmsg_binding_uri_new($self->owner, &$self->v.uri);
	}
	sipmsg_optslice tag() { return $self->v.tag; }
	sipmsg_optslice q() { return $self->v.q; }
	/* -1 when there is no expires parameter */
	long long expires() { return $self->v.has_expires ? (long long)$self->v.expires : -1; }
	SIPMSG_BINDING_PARAMS(params, param_count)
}

%extend sipmsg_binding_via {
	~sipmsg_binding_via() { sipmsg_binding_via_free($self); }
	sipmsg_slice raw() { return $self->v.raw; }
	sipmsg_slice protocol_name() { return $self->v.protocol_name; }
	sipmsg_slice protocol_version() { return $self->v.protocol_version; }
	sipmsg_slice transport() { return $self->v.transport; }
	sipmsg_slice host() { return $self->v.host; }
	int host_type() { return (int)$self->v.host_type; }
	/* -1 when sent-by has no port */
	int port() { return $self->v.has_port ? (int)$self->v.port : -1; }
	sipmsg_optslice branch() { return $self->v.branch; }
	sipmsg_optslice received() { return $self->v.received; }
	bool has_rport() { return $self->v.has_rport; }
	/* rport's value; -1 when absent or valueless */
	long long rport() { return sipmsg_binding_slice_number($self->v.rport); }
	sipmsg_optslice maddr() { return $self->v.maddr; }
	sipmsg_optslice ttl() { return $self->v.ttl; }
	SIPMSG_BINDING_PARAMS(params, param_count)
}

/* Session-ID (RFC 7989) */
%extend sipmsg_binding_session_id {
	~sipmsg_binding_session_id() { sipmsg_binding_session_id_free($self); }
	sipmsg_slice raw() { return $self->v.raw; }
	sipmsg_slice local_uuid() { return $self->v.local_uuid; }
	sipmsg_optslice remote_uuid() { return $self->v.remote_uuid; }
	SIPMSG_BINDING_PARAMS(params, param_count)
}

/* One Resource-Priority / Accept-Resource-Priority value (RFC 4412) */
%extend sipmsg_binding_resource_priority {
	~sipmsg_binding_resource_priority() { sipmsg_binding_resource_priority_free($self); }
	sipmsg_slice raw() { return $self->v.raw; }
	sipmsg_slice ns() { return $self->v.ns; }
	sipmsg_slice priority() { return $self->v.priority; }
}

/* P-Charging-Vector (RFC 7315 §5.6) */
%extend sipmsg_binding_charging_vector {
	~sipmsg_binding_charging_vector() { sipmsg_binding_charging_vector_free($self); }
	sipmsg_slice raw() { return $self->v.c.raw; }
	sipmsg_slice icid() { return $self->v.c.icid; }
	sipmsg_optslice icid_generated_at() { return $self->v.c.icid_generated_at; }
	sipmsg_optslice orig_ioi() { return $self->v.c.orig_ioi; }
	sipmsg_optslice term_ioi() { return $self->v.c.term_ioi; }
	sipmsg_optslice transit_ioi() { return $self->v.c.transit_ioi; }
	/* the entries of transit-ioi (sipmsg_transit_ioi_next()); 0 when absent */
	size_t transit_ioi_count() {
		sipmsg_slice rest = $self->v.c.transit_ioi;
		sipmsg_transit_ioi e;
		size_t n = 0;
		while (sipmsg_transit_ioi_next(&rest, &e))
			n++;
		return n;
	}
	/* entry k as written ("" past the end) */
	sipmsg_slice transit_ioi_at(size_t k) {
		sipmsg_binding_pcv *x = &$self->v;
		sipmsg_transit_ioi e = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
		if (k < x->next) {
			x->next = 0;
			x->rest = x->c.transit_ioi;
		}
		while (x->next <= k && sipmsg_transit_ioi_next(&x->rest, &e))
			x->next++;
		return x->next == k + 1 ? e.raw : (sipmsg_slice){"", 0};
	}
	SIPMSG_BINDING_PARAMS(c.params, c.param_count)
}

/* One P-Access-Network-Info value (RFC 7315 §5.4, RFC 7913) */
%extend sipmsg_binding_access_network_info {
	~sipmsg_binding_access_network_info() { sipmsg_binding_access_network_info_free($self); }
	sipmsg_slice raw() { return $self->v.raw; }
	sipmsg_slice access_type() { return $self->v.access_type; }
	bool network_provided() { return $self->v.network_provided; }
	SIPMSG_BINDING_PARAMS(params, param_count)
}

/* ---------------------------------------------------------------------
 * Typed reads, builders and multipart bodies on Message.
 * --------------------------------------------------------------------- */
%extend sipmsg_binding_msg {
	/* Typed reads: null / -1 when the header is absent or malformed (a
	 * diagnostic then says where; header_find() tells which). */
	sipmsg_optslice call_id() { return sipmsg_msg_call_id($self->msg); }
	long long cseq_number() {
		const sipmsg_cseq *c = sipmsg_msg_cseq($self->msg);
		return c ? (long long)c->number : -1;
	}
	sipmsg_optslice cseq_method() {
		const sipmsg_cseq *c = sipmsg_msg_cseq($self->msg);
		return c ? c->method : (sipmsg_slice){NULL, 0};
	}
	sipmsg_binding_nameaddr *from_view() {
		const sipmsg_nameaddr *na = sipmsg_msg_from($self->msg);
		return na ? sipmsg_binding_nameaddr_new(&$self->ref, na) : NULL;
	}
	sipmsg_binding_nameaddr *to_view() {
		const sipmsg_nameaddr *na = sipmsg_msg_to($self->msg);
		return na ? sipmsg_binding_nameaddr_new(&$self->ref, na) : NULL;
	}
	size_t via_count() { return sipmsg_msg_via_count($self->msg); }
	sipmsg_binding_via *via_at(size_t k) {
		const sipmsg_via *v = sipmsg_msg_via($self->msg, k);
		return v ? sipmsg_binding_via_new(&$self->ref, v) : NULL;
	}
	size_t contact_count() { return sipmsg_msg_contact_count($self->msg); }
	sipmsg_binding_nameaddr *contact_at(size_t k) {
		const sipmsg_nameaddr *na = sipmsg_msg_contact($self->msg, k);
		return na ? sipmsg_binding_nameaddr_new(&$self->ref, na) : NULL;
	}
	sipmsg_binding_uri *request_uri_view() {
		const sipmsg_uri *u = sipmsg_msg_request_uri_parsed($self->msg);
		return u ? sipmsg_binding_uri_new(&$self->ref, u) : NULL;
	}
	/* The number of typed values of header id (bad lines count 0). */
	size_t typed_count(int id) { return sipmsg_typed_count($self->msg, (sipmsg_hdr_id)id); }
	/* The IMS and priority headers: null when absent or malformed */
	sipmsg_binding_session_id *session_id_view() {
		const sipmsg_session_id *v = sipmsg_binding_typed_view($self->msg, SIPMSG_HDR_SESSION_ID, 0,
									SIPMSG_KIND_SESSION_ID);
		return v ? sipmsg_binding_session_id_new(&$self->ref, v) : NULL;
	}
	/* id: SIPMSG_HDR_RESOURCE_PRIORITY or SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY */
	sipmsg_binding_resource_priority *resource_priority_at(int id, size_t k) {
		const sipmsg_resource_priority *v = sipmsg_binding_typed_view($self->msg, id, k,
										SIPMSG_KIND_RESOURCE_PRIORITY);
		return v ? sipmsg_binding_resource_priority_new(&$self->ref, v) : NULL;
	}
	sipmsg_binding_charging_vector *charging_vector_view() {
		const sipmsg_charging_vector *v = sipmsg_binding_typed_view($self->msg, SIPMSG_HDR_P_CHARGING_VECTOR, 0,
									      SIPMSG_KIND_CHARGING_VECTOR);
		if (!v)
			return NULL;
		sipmsg_binding_pcv x = {*v, 0, v->transit_ioi};
		return sipmsg_binding_charging_vector_new(&$self->ref, &x);
	}
	sipmsg_binding_access_network_info *access_network_info_at(size_t k) {
		const sipmsg_access_network_info *v = sipmsg_binding_typed_view(
			$self->msg, SIPMSG_HDR_P_ACCESS_NETWORK_INFO, k, SIPMSG_KIND_ACCESS_NETWORK_INFO);
		return v ? sipmsg_binding_access_network_info_new(&$self->ref, v) : NULL;
	}
	/* A numeric header (SIPMSG_HDR_MAX_FORWARDS, ...): -1 absent, -2 malformed or not numeric. */
	long long number(int id) {
		uint32_t value = 0;
		sipmsg_status st = sipmsg_msg_number($self->msg, (sipmsg_hdr_id)id, &value);
		return st == SIPMSG_OK ? (long long)value : st == SIPMSG_ENOTFOUND ? -1 : -2;
	}
	/* Every header and the Request-URI parsed; returns the number of bad ones. */
	size_t parse_all() { return sipmsg_msg_parse_all($self->msg); }

	/* Typed builders (sipmsg/build.h): canonical values. */
	sipmsg_status push_via(const char *transport, const char *host, unsigned int port, const char *branch) {
		SIPMSG_BINDING_EDITING($self);
		if (port > 65535)
			return SIPMSG_EINVAL;
		return sipmsg_msg_push_via($self->msg, transport, host, (uint16_t)port, branch);
	}
	sipmsg_status set_from(const char *display, const char *uri_str, const char *tag) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_set_from($self->msg, display, uri_str, tag);
	}
	sipmsg_status set_to(const char *display, const char *uri_str, const char *tag) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_set_to($self->msg, display, uri_str, tag);
	}
	sipmsg_status add_contact(const char *display, const char *uri_str) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_add_contact($self->msg, display, uri_str);
	}
	sipmsg_status add_route(const char *uri_str) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_add_route($self->msg, uri_str);
	}
	/* null: a new random Call-ID */
	sipmsg_status set_call_id(const char *call_id) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_set_call_id($self->msg, call_id);
	}
	/* method null: the request's method */
	sipmsg_status set_cseq(unsigned long long number, const char *cseq_method) {
		SIPMSG_BINDING_EDITING($self);
		if (number > UINT32_MAX)
			return SIPMSG_EINVAL;
		return sipmsg_msg_set_cseq($self->msg, (uint32_t)number, cseq_method);
	}
	sipmsg_status set_number(int id, unsigned long long value) {
		SIPMSG_BINDING_EDITING($self);
		if (value > UINT32_MAX)
			return SIPMSG_EINVAL;
		return sipmsg_msg_set_number($self->msg, (sipmsg_hdr_id)id, (uint32_t)value);
	}

	/* RFC 3261 §8.2.6, §17.1.1.3, §9.1 (new messages). reason and to_tag
	 * may be null: the registry's phrase, a new tag. */
	sipmsg_binding_msg *make_response(int code, const char *reason_str, const char *to_tag, sipmsg_error *ERR) {
		sipmsg_msg *m = NULL;
		sipmsg_status st = sipmsg_make_response($self->msg, code, reason_str, to_tag, &m);
		return sipmsg_binding_built(st, m, st == SIPMSG_ESTATE ? "not a request" : "make_response", ERR);
	}
	sipmsg_binding_msg *make_ack(const sipmsg_binding_msg *response, sipmsg_error *ERR) {
		sipmsg_msg *m = NULL;
		sipmsg_status st = sipmsg_make_ack($self->msg, response->msg, &m);
		return sipmsg_binding_built(st, m,
					    st == SIPMSG_ESTATE ? "the ACK needs an INVITE and its 3xx-6xx response" : "make_ack",
					    ERR);
	}
	sipmsg_binding_msg *make_cancel(sipmsg_error *ERR) {
		sipmsg_msg *m = NULL;
		sipmsg_status st = sipmsg_make_cancel($self->msg, &m);
		return sipmsg_binding_built(st, m, st == SIPMSG_ESTATE ? "only an INVITE can be cancelled" : "make_cancel", ERR);
	}

	/* The parts of a multipart body; null when the body is not multipart. */
	sipmsg_binding_multipart *multipart(sipmsg_error *PARSE_ERR) {
		const sipmsg_multipart *mp = NULL;
		sipmsg_status st = sipmsg_msg_multipart($self->msg, &mp);
		if (st == SIPMSG_ESTATE)
			return NULL;
		if (st != SIPMSG_OK) {
			sipmsg_binding_set_error(PARSE_ERR, st, "multipart body");
			return NULL;
		}
		sipmsg_binding_multipart *x = sipmsg_binding_multipart_new($self, mp);
		if (!x)
			sipmsg_binding_set_error(PARSE_ERR, SIPMSG_ENOMEM, "out of memory");
		return x;
	}
	/* The body becomes multipart/SUBTYPE of the builder's parts (boundary null: a new one). */
	sipmsg_status set_multipart(const char *subtype, const sipmsg_binding_parts *parts, const char *boundary) {
		SIPMSG_BINDING_EDITING($self);
		return sipmsg_msg_set_multipart_body($self->msg, subtype, parts->parts, parts->count, boundary);
	}
}

%extend sipmsg_binding_multipart {
	~sipmsg_binding_multipart() {
		sipmsg_binding_release(&$self->msg->ref);
		free($self);
	}
	sipmsg_slice boundary() { return $self->mp->boundary; }
	sipmsg_bytes preamble() { return $self->mp->preamble; }
	sipmsg_bytes epilogue() { return $self->mp->epilogue; }
	bool closed() { return $self->mp->closed; }
	size_t part_count() { return $self->mp->part_count; }
	sipmsg_binding_part *part_at(size_t i) {
		if (i >= $self->mp->part_count)
			return NULL;
		sipmsg_binding_part *x = malloc(sizeof *x);
		if (!x)
			return NULL;
		sipmsg_binding_retain(&$self->msg->ref);
		x->msg = $self->msg;
		x->p = &$self->mp->parts[i];
		return x;
	}
}

%extend sipmsg_binding_part {
	~sipmsg_binding_part() {
		sipmsg_binding_release(&$self->msg->ref);
		free($self);
	}
	sipmsg_bytes raw() { return $self->p->raw; }
	size_t header_count() { return $self->p->header_count; }
	sipmsg_slice header_name(size_t i) {
		return i < $self->p->header_count ? $self->p->headers[i].name : (sipmsg_slice){NULL, 0};
	}
	sipmsg_slice header_value(size_t i) {
		return i < $self->p->header_count ? $self->p->headers[i].value : (sipmsg_slice){NULL, 0};
	}
	/* null: no Content-Type (text/plain by RFC 2046) */
	sipmsg_optslice content_type() { return $self->p->content_type; }
	sipmsg_bytes body() { return $self->p->body; }
	/* the parts of a nested multipart part, else null */
	sipmsg_binding_multipart *nested() {
		return $self->p->nested ? sipmsg_binding_multipart_new($self->msg, $self->p->nested) : NULL;
	}
}

%exception sipmsg_binding_parts::sipmsg_binding_parts {
	$action
	if (!result)
		SWIG_exception_fail(SWIG_MemoryError, "out of memory");
}

%extend sipmsg_binding_parts {
	sipmsg_binding_parts() { return calloc(1, sizeof(sipmsg_binding_parts)); }
	~sipmsg_binding_parts() { sipmsg_binding_parts_free($self); }
	size_t count() { return $self->count; }
	/* A new part: its Content-Type (or null) and its bytes. */
	sipmsg_status add_part(const char *content_type, const void *body, size_t body_len) {
		if (content_type && sipmsg_binding_has_line_end(content_type, strlen(content_type)))
			return SIPMSG_EINVAL;
		if ($self->count == $self->cap) {
			size_t cap = $self->cap ? 2 * $self->cap : 4;
			sipmsg_mime_part_spec *p = realloc($self->parts, cap * sizeof *p);
			if (!p)
				return SIPMSG_ENOMEM;
			$self->parts = p;
			$self->cap = cap;
		}
		sipmsg_mime_part_spec *s = &$self->parts[$self->count];
		memset(s, 0, sizeof *s);
		char *ct = content_type ? strdup(content_type) : NULL;
		void *copy = malloc(body_len ? body_len : 1);
		if ((content_type && !ct) || !copy) {
			free(ct);
			free(copy);
			return SIPMSG_ENOMEM;
		}
		if (body_len)
			memcpy(copy, body, body_len);
		s->content_type = ct;
		s->body = copy;
		s->body_len = body_len;
		$self->count++;
		return SIPMSG_OK;
	}
	/* One more header line ("Name: value") for the last part. */
	sipmsg_status add_header(const char *name, size_t name_len, const char *value, size_t value_len) {
		if (!$self->count || !name_len || sipmsg_binding_has_line_end(name, name_len) ||
		    sipmsg_binding_has_line_end(value, value_len) || memchr(name, ':', name_len))
			return SIPMSG_EINVAL;
		sipmsg_mime_part_spec *s = &$self->parts[$self->count - 1];
		size_t old = s->headers ? strlen(s->headers) : 0;
		char *h = realloc((char *)s->headers, old + name_len + value_len + 5);
		if (!h)
			return SIPMSG_ENOMEM;
		memcpy(h + old, name, name_len);
		memcpy(h + old + name_len, ": ", 2);
		memcpy(h + old + name_len + 2, value, value_len);
		memcpy(h + old + name_len + 2 + value_len, "\r\n", 3);
		s->headers = h;
		return SIPMSG_OK;
	}
}

/* URIs on their own, and the escaping rules of uri.h. */
%rename(uri_parse) sipmsg_binding_uri_parse;
sipmsg_binding_uri *sipmsg_binding_uri_parse(const char *uri, size_t uri_len, sipmsg_error *PARSE_ERR);

%rename(generate_tag) sipmsg_binding_generate_tag;
%rename(generate_branch) sipmsg_binding_generate_branch;
%inline %{
/* A new random tag (16 characters, 80 bits), also usable as a Call-ID. */
static sipmsg_status sipmsg_binding_generate_tag(char **OUTTEXT, size_t *OUTTEXTLEN)
{
	char *buf = malloc(SIPMSG_TAG_SIZE);
	if (!buf)
		return SIPMSG_ENOMEM;
	sipmsg_status st = sipmsg_generate_tag(buf, SIPMSG_TAG_SIZE);
	if (st != SIPMSG_OK) {
		free(buf);
		return st;
	}
	*OUTTEXT = buf;
	*OUTTEXTLEN = strlen(buf);
	return SIPMSG_OK;
}
/* A new Via branch: "z9hG4bK" and 16 random characters. */
static sipmsg_status sipmsg_binding_generate_branch(char **OUTTEXT, size_t *OUTTEXTLEN)
{
	char *buf = malloc(SIPMSG_BRANCH_SIZE);
	if (!buf)
		return SIPMSG_ENOMEM;
	sipmsg_status st = sipmsg_generate_branch(buf, SIPMSG_BRANCH_SIZE);
	if (st != SIPMSG_OK) {
		free(buf);
		return st;
	}
	*OUTTEXT = buf;
	*OUTTEXTLEN = strlen(buf);
	return SIPMSG_OK;
}
%}

%rename(unescape) sipmsg_binding_unescape;
%rename(escape) sipmsg_binding_escape;
%rename(unquote) sipmsg_binding_unquote;
%inline %{
/* %HH escapes decoded (a '%' without two hex digits stays). */
static sipmsg_status sipmsg_binding_unescape(const char *value, size_t value_len, char **OUTTEXT, size_t *OUTTEXTLEN)
{
	return sipmsg_binding_convert(sipmsg_binding_unescape_, value, value_len, 0, OUTTEXT, OUTTEXTLEN);
}
/* Escaped for one URI component (SIPMSG_URI_PART_*). */
static sipmsg_status sipmsg_binding_escape(const char *value, size_t value_len, int part, char **OUTTEXT,
					   size_t *OUTTEXTLEN)
{
	if (part < SIPMSG_URI_PART_USER || part > SIPMSG_URI_PART_HEADER)
		return SIPMSG_EINVAL;
	return sipmsg_binding_convert(sipmsg_binding_escape_, value, value_len, part, OUTTEXT, OUTTEXTLEN);
}
/* A quoted-string's content with its backslash escapes removed. */
static sipmsg_status sipmsg_binding_unquote(const char *value, size_t value_len, char **OUTTEXT, size_t *OUTTEXTLEN)
{
	return sipmsg_binding_convert(sipmsg_binding_unquote_, value, value_len, 0, OUTTEXT, OUTTEXTLEN);
}
%}
