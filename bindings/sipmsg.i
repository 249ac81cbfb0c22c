/* SPDX-License-Identifier: MIT */
/*
 * sipmsg.i -- the one SWIG interface over the public C API of libsipmsg.
 *
 * It is shared by every language binding: Python, Java and Lua (each with
 * its own typemaps in bindings/<language>/).
 * The common part declares what the target language sees:
 *
 *   Message     an owning handle on a sipmsg_msg (freed by its destructor);
 *   ValueIter   a walk over the values of one header (it points into a
 *               message, so every language must keep that message alive);
 *   functions   parse, build, write, frame and the tables;
 *   constants   the enums and #defines of the public headers.
 *
 * The typemaps that turn C values into the language's values (slices into
 * str, bodies into bytes, statuses into exceptions carrying the error's
 * fields, (pointer, length) pairs from the language's strings) are per
 * language, behind #ifdef SWIG<LANG>. No parsing happens here: every
 * decision about bytes is made by the C library.
 *
 * Errors are per call: a call that can fail with a position receives its
 * own sipmsg_error on the wrapper's stack (the ERR typemap); there is no
 * static error variable, so any number of threads may call at once.
 */

#ifdef SWIGPYTHON
%module(package="sipmsg", threads="1") capi
#else
%module capi
#endif

%{
#include <stdlib.h>
#include <string.h>
#include <sipmsg/sipmsg.h>

/* Shared ownership, in C, so that no language has to get it right: every
 * object a view points into (a message, a standalone SDP, the text of a
 * standalone URI) is counted. The language's handle holds one reference,
 * and every view made from it holds another; the object is destroyed when
 * the last of them goes, in whatever order the language's collector frees
 * them. Counts change atomically, as Java frees from a finalizer thread. */
typedef struct sipmsg_binding_ref {
	unsigned long refs;
	void (*destroy)(struct sipmsg_binding_ref *ref);
} sipmsg_binding_ref;

static sipmsg_binding_ref *sipmsg_binding_retain(sipmsg_binding_ref *ref)
{
	if (ref)
		__atomic_add_fetch(&ref->refs, 1, __ATOMIC_RELAXED);
	return ref;
}

static void sipmsg_binding_release(sipmsg_binding_ref *ref)
{
	if (ref && __atomic_sub_fetch(&ref->refs, 1, __ATOMIC_ACQ_REL) == 0)
		ref->destroy(ref);
}

/* The handle a binding holds for one message (counted: views keep it).
 * `writers` counts the calls that are serializing the message with the
 * interpreter lock released (Python); while it is non-zero every edit is
 * refused with SIPMSG_BINDING_EBUSY instead of racing with the writer. It is
 * only read and changed while the lock is held. */
typedef struct sipmsg_binding_msg {
	sipmsg_binding_ref ref;
	sipmsg_msg *msg;
	unsigned writers;
} sipmsg_binding_msg;

/* A walk over the values of one header. The name is copied, since the C
 * iterator keeps a slice of it; the walk holds a reference on its message. */
typedef struct sipmsg_binding_values {
	sipmsg_value_iter it;
	char *name;
	sipmsg_binding_msg *owner;
} sipmsg_binding_values;

/* A status of the binding's own, beyond sipmsg_status: an edit was refused
 * because another thread is writing the message. */
#define SIPMSG_BINDING_EBUSY (-100)

/* A body: the same slice as any other, but handed to the language as bytes. */
typedef sipmsg_slice sipmsg_bytes;

static void sipmsg_binding_set_error(sipmsg_error *err, sipmsg_status st, const char *what)
{
	if (!err)
		return;
	memset(err, 0, sizeof *err);
	err->status = st;
	snprintf(err->reason, sizeof err->reason, "%s: %s", what, sipmsg_status_name(st));
}

/* The error record for a bare status (a call that returns one without an
 * error record), with a reason a user can act on. For the languages whose
 * typemaps raise from a record (Java, Lua); inline, as Python has its own. */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static inline void sipmsg_binding_status_error(int st, sipmsg_error *err)
{
	memset(err, 0, sizeof *err);
	err->status = (sipmsg_status)st;
	const char *why = st == SIPMSG_EINVAL ? "invalid argument (a name that is not a token, a value with CR or LF, ...)"
		: st == SIPMSG_ESTATE ? "the call does not apply to this object (e.g. a status code of a request)"
		: st == SIPMSG_ENOTFOUND ? "no such header or item"
		: st == SIPMSG_BINDING_EBUSY ? "the message is being written by another thread; edit it afterwards"
		: sipmsg_status_name((sipmsg_status)st);
	snprintf(err->reason, sizeof err->reason, "%s", why);
}

static void sipmsg_binding_msg_destroy(sipmsg_binding_ref *ref)
{
	sipmsg_binding_msg *h = (sipmsg_binding_msg *)ref;
	sipmsg_msg_free(h->msg);
	free(h);
}

static sipmsg_binding_msg *sipmsg_binding_wrap(sipmsg_msg *m, sipmsg_error *err)
{
	sipmsg_binding_msg *h = calloc(1, sizeof *h);
	if (!h) {
		sipmsg_msg_free(m);
		sipmsg_binding_set_error(err, SIPMSG_ENOMEM, "out of memory");
		return NULL;
	}
	h->ref.refs = 1;
	h->ref.destroy = sipmsg_binding_msg_destroy;
	h->msg = m;
	return h;
}

/* The options of a binding's parse: its flags and the seven limits, each 0
 * for the library's default. */
static void sipmsg_binding_opts(sipmsg_parse_opts *opts, unsigned flags, unsigned allowed, size_t max_message_size,
				size_t max_headers, size_t max_line_length, size_t max_list_items,
				size_t max_uri_params, size_t max_sdp_lines, size_t max_multipart_depth)
{
	sipmsg_parse_opts_init(opts);
	/* The binding's input (a bytes object) may go away right after the
	 * call: the message always gets its own copy. */
	opts->flags = (flags & allowed) | SIPMSG_PARSE_COPY;
	if (flags & SIPMSG_PARSE_STRICT)
		opts->lenient = 0;
	opts->max_message_size = max_message_size;
	opts->max_headers = max_headers;
	opts->max_line_length = max_line_length;
	opts->max_list_items = max_list_items;
	opts->max_uri_params = max_uri_params;
	opts->max_sdp_lines = max_sdp_lines;
	opts->max_multipart_depth = max_multipart_depth;
}

static sipmsg_binding_msg *sipmsg_binding_parse_limits(const void *data, size_t len, unsigned flags,
						       size_t max_message_size, size_t max_headers,
						       size_t max_line_length, size_t max_list_items,
						       size_t max_uri_params, size_t max_sdp_lines,
						       size_t max_multipart_depth, sipmsg_error *err)
{
	sipmsg_parse_opts opts;
	sipmsg_binding_opts(&opts, flags, SIPMSG_PARSE_STRICT | SIPMSG_PARSE_STREAM, max_message_size, max_headers,
			    max_line_length, max_list_items, max_uri_params, max_sdp_lines, max_multipart_depth);
	sipmsg_msg *m = NULL;
	sipmsg_status st = sipmsg_parse(data, len, &opts, &m, err);
	if (st != SIPMSG_OK) {
		if (err->status == SIPMSG_OK)
			sipmsg_binding_set_error(err, st, "parse");
		return NULL;
	}
	return sipmsg_binding_wrap(m, err);
}

static sipmsg_binding_msg *sipmsg_binding_parse(const void *data, size_t len, unsigned flags, sipmsg_error *err)
{
	return sipmsg_binding_parse_limits(data, len, flags, 0, 0, 0, 0, 0, 0, 0, err);
}

static sipmsg_binding_msg *sipmsg_binding_request_new(const char *method, size_t method_len, const char *uri,
						      size_t uri_len, sipmsg_error *err)
{
	sipmsg_msg *m = NULL;
	sipmsg_status st = sipmsg_request_new(method, method_len, uri, uri_len, NULL, &m);
	if (st != SIPMSG_OK) {
		sipmsg_binding_set_error(err, st, "invalid method or Request-URI");
		return NULL;
	}
	return sipmsg_binding_wrap(m, err);
}

static sipmsg_binding_msg *sipmsg_binding_response_new(int code, const char *reason, size_t reason_len,
						       sipmsg_error *err)
{
	sipmsg_msg *m = NULL;
	sipmsg_status st = sipmsg_response_new(code, reason, reason_len, NULL, &m);
	if (st != SIPMSG_OK) {
		sipmsg_binding_set_error(err, st, "invalid status code or reason phrase");
		return NULL;
	}
	return sipmsg_binding_wrap(m, err);
}

static sipmsg_binding_msg *sipmsg_binding_clone(const sipmsg_binding_msg *h, sipmsg_error *err)
{
	sipmsg_msg *m = NULL;
	sipmsg_status st = sipmsg_msg_clone(h->msg, &m);
	if (st != SIPMSG_OK) {
		sipmsg_binding_set_error(err, st, "clone");
		return NULL;
	}
	return sipmsg_binding_wrap(m, err);
}

static sipmsg_status sipmsg_binding_write(const sipmsg_binding_msg *h, unsigned flags, char **out, size_t *len)
{
	return sipmsg_write_alloc(h->msg, flags, out, len);
}

/* Frame the next message of a stream buffer: its length, with the number of
 * keep-alive bytes before it in *skip; -1 when more bytes are needed. */
static long sipmsg_binding_frame(const void *data, size_t len, size_t max_message_size, size_t *skip,
				 sipmsg_error *err)
{
	size_t length = 0;
	*skip = 0;
	sipmsg_status st = sipmsg_frame(data, len, max_message_size, skip, &length, err);
	if (st == SIPMSG_EAGAIN) {
		memset(err, 0, sizeof *err);
		return -1;
	}
	if (st != SIPMSG_OK) {
		if (err->status == SIPMSG_OK)
			sipmsg_binding_set_error(err, st, "frame");
		return -1;
	}
	return (long)length;
}
%}

/* ---------------------------------------------------------------------
 * Language-specific typemaps. Each language provides the same named
 * typemaps, and applies them to the parameter names used below:
 *   (const char *STR, size_t LEN)       a string argument (text): name,
 *                                       value, uri, method
 *   (const char *OPTSTR, size_t OPTLEN) the same, or nothing (NULL, 0): reason
 *   (const void *DATA, size_t LEN)      bytes (a message, a body): data, body
 *   const char *CSTR_OR_NULL            a NUL-terminated string or nothing:
 *                                       content_type
 *   sipmsg_error *ERR, *PARSE_ERR       the per-call error record; raises
 *   sipmsg_status                       returned status; raises when < 0
 *   sipmsg_slice                        returned text
 *   sipmsg_bytes                        returned bytes
 *   sipmsg_header *HEADER_OUT           one header line as a record
 *   const sipmsg_diag *                 one diagnostic as a record
 *   (char **OUT, size_t *OUTLEN)        a malloc'd buffer returned as bytes
 *   (char **OUTTEXT, size_t *OUTTEXTLEN) the same as text (null when the
 *                                       call left it NULL)
 *   sipmsg_optslice                     returned text or null (an absent
 *                                       part; an empty one is "")
 *   size_t *COUNT_OUT, *SKIP_OUT        a count appended to the result
 *   const sipmsg_binding_msg *msg       a message being written (see writers;
 *                                       only write() takes a const handle)
 * The applications to parameter names below are shared.
 * --------------------------------------------------------------------- */
#ifdef SWIGPYTHON
%include "python/sipmsg_python.i"
#endif
#ifdef SWIGJAVA
%include "java/sipmsg_java.i"
#endif
#ifdef SWIGLUA
%include "lua/sipmsg_lua.i"
#endif

%apply (const char *STR, size_t LEN) { (const char *value, size_t value_len) };
%apply (const char *OPTSTR, size_t OPTLEN) { (const char *opt_value, size_t opt_value_len) };
%apply const char *CSTR_OR_NULL {
	const char *transport, const char *host, const char *branch, const char *display, const char *uri_str,
	const char *tag, const char *call_id, const char *cseq_method, const char *reason_str, const char *to_tag,
	const char *subtype, const char *boundary, const char *media, const char *proto, const char *username,
	const char *sess_id, const char *sess_version, const char *nettype, const char *addrtype, const char *address
};

/* parse() and write() release the interpreter lock where the language has
 * one (Python: the module's threads="1" with %thread on those two); every
 * other wrapper keeps it (%nothread): they are short, and they touch a
 * message another thread could be using. */
#ifdef SWIGPYTHON
%nothread;
%thread sipmsg_binding_parse;
%thread sipmsg_binding_parse_limits;
%thread sipmsg_binding_sdp_parse_limits;
%thread sipmsg_binding_write;
%thread sipmsg_binding_sdp_parse;
#endif

/* ---------------------------------------------------------------------
 * Ownership. Every function that returns a new handle hands it to the
 * language (%newobject): the language's object frees it.
 * --------------------------------------------------------------------- */
%newobject sipmsg_binding_parse;
%newobject sipmsg_binding_parse_limits;
%newobject sipmsg_binding_request_new;
%newobject sipmsg_binding_response_new;
%newobject sipmsg_binding_msg::clone;

/* A handle is never NULL: not None as an argument, and no object without a
 * handle (no default constructor; messages come from parse and the
 * builders). */
%typemap(check) sipmsg_binding_msg *, const sipmsg_binding_msg *, struct sipmsg_binding_msg * {
	if (!$1)
		SWIG_exception_fail(SWIG_ValueError, "a Message is required, not None");
}
%typemap(check) sipmsg_binding_values *, struct sipmsg_binding_values * {
	if (!$1)
		SWIG_exception_fail(SWIG_ValueError, "a ValueIter is required, not None");
}
%nodefaultctor sipmsg_binding_msg;
%nodefaultctor sipmsg_binding_values;

%rename(Message) sipmsg_binding_msg;
%rename(ValueIter) sipmsg_binding_values;

/* Typed views, URIs, builders, multipart bodies; the SDP codec. They come
 * before Message's declaration, where SWIG writes its methods, so that
 * their C helpers precede every method they add to Message. */
%include "views.i"
%include "sdp.i"

typedef struct sipmsg_binding_msg {} sipmsg_binding_msg;
typedef struct sipmsg_binding_values {} sipmsg_binding_values;

%extend sipmsg_binding_msg {
	~sipmsg_binding_msg() {
		sipmsg_binding_release(&$self->ref);
	}

	/* Start line */
	bool is_request() { return sipmsg_msg_is_request($self->msg); }
	sipmsg_slice method() { return sipmsg_msg_method($self->msg); }
	int method_id() { return (int)sipmsg_msg_method_id($self->msg); }
	sipmsg_slice request_uri() { return sipmsg_msg_request_uri($self->msg); }
	sipmsg_slice version() { return sipmsg_msg_version($self->msg); }
	int status() { return sipmsg_msg_status($self->msg); }
	sipmsg_slice reason() { return sipmsg_msg_reason($self->msg); }

	/* Whole message */
	sipmsg_bytes body() { return sipmsg_msg_body($self->msg); }
	size_t length() { return sipmsg_msg_length($self->msg); }
	sipmsg_bytes trailing() { return sipmsg_msg_trailing($self->msg); }
	bool is_modified() { return sipmsg_msg_is_modified($self->msg); }
	size_t write_size(unsigned flags) { return sipmsg_write_size($self->msg, flags); }
	sipmsg_binding_msg *clone(sipmsg_error *ERR) { return sipmsg_binding_clone($self, ERR); }

	/* Diagnostics */
	size_t diag_count() { return sipmsg_msg_diag_count($self->msg); }
	const sipmsg_diag *diag_at(size_t i) { return sipmsg_msg_diag_at($self->msg, i); }
	size_t error_count() { return sipmsg_msg_error_count($self->msg); }
	/* why the last edit was refused by a header's grammar (NULL: none was) */
	const sipmsg_diag *edit_refusal() { return sipmsg_msg_edit_refusal($self->msg); }
	/* RFC 3261 checks (sipmsg/check.h): their diagnostics join the list above */
	int check() { return (int)sipmsg_msg_check($self->msg); }

	/* Raw headers */
	size_t header_count() { return sipmsg_header_count($self->msg); }
	sipmsg_status header_at(size_t index, sipmsg_header *HEADER_OUT) {
		return sipmsg_header_at($self->msg, index, HEADER_OUT);
	}
	long header_find(int id, size_t start) { return sipmsg_header_find($self->msg, (sipmsg_hdr_id)id, start); }
	long header_find_name(const char *name, size_t name_len, size_t start) {
		return sipmsg_header_find_name($self->msg, name, name_len, start);
	}
	size_t header_count_id(int id) { return sipmsg_header_count_id($self->msg, (sipmsg_hdr_id)id); }

	/* Editing: refused while another thread writes the message. */
	sipmsg_status header_add(const char *name, size_t name_len, const char *value, size_t value_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_add($self->msg, name, name_len, value, value_len);
	}
	sipmsg_status header_insert(size_t index, const char *name, size_t name_len, const char *value, size_t value_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_insert($self->msg, index, name, name_len, value, value_len);
	}
	sipmsg_status header_replace(size_t index, const char *value, size_t value_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_replace($self->msg, index, value, value_len);
	}
	sipmsg_status header_remove(size_t index) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_remove($self->msg, index);
	}
	/* one value of a comma-list line (a proxy pops its Via, RFC 3261 §16.7) */
	sipmsg_status header_remove_value(size_t index, size_t k) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_remove_value($self->msg, index, k);
	}
	sipmsg_status header_replace_value(size_t index, size_t k, const char *value, size_t value_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_replace_value($self->msg, index, k, value, value_len);
	}
	/* *COUNT_OUT receives how many were removed. */
	sipmsg_status header_remove_all(const char *name, size_t name_len, size_t *COUNT_OUT) {
		*COUNT_OUT = 0;
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		*COUNT_OUT = sipmsg_header_remove_all($self->msg, name, name_len);
		return SIPMSG_OK;
	}
	sipmsg_status header_set(const char *name, size_t name_len, const char *value, size_t value_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_header_set($self->msg, name, name_len, value, value_len);
	}
	sipmsg_status set_body(const void *body, size_t body_len, const char *content_type) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_msg_set_body($self->msg, body, body_len, content_type);
	}
	sipmsg_status set_request_uri(const char *uri, size_t uri_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_msg_set_request_uri($self->msg, uri, uri_len);
	}
	sipmsg_status set_method(const char *method, size_t method_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_msg_set_method($self->msg, method, method_len);
	}
	sipmsg_status set_status(int code, const char *reason, size_t reason_len) {
		if ($self->writers)
			return (sipmsg_status)SIPMSG_BINDING_EBUSY;
		return sipmsg_msg_set_status($self->msg, code, reason, reason_len);
	}
}

%extend sipmsg_binding_values {
	/* The values of the header called name (long, compact or unknown) in
	 * msg, across repeated lines and, for list headers, comma lists. */
	sipmsg_binding_values(sipmsg_binding_msg *msg, const char *name, size_t name_len) {
		sipmsg_binding_values *v = calloc(1, sizeof *v);
		if (!v)
			return NULL;
		v->name = malloc(name_len + 1);
		if (!v->name) {
			free(v);
			return NULL;
		}
		memcpy(v->name, name, name_len);
		v->name[name_len] = '\0';
		v->owner = msg;
		sipmsg_binding_retain(&msg->ref);
		sipmsg_values_begin(&v->it, msg->msg, v->name, name_len);
		return v;
	}
	~sipmsg_binding_values() {
		sipmsg_binding_release(&$self->owner->ref);
		free($self->name);
		free($self);
	}
	/* The next value; null at the end. */
	sipmsg_optslice next_value() {
		sipmsg_slice s = {NULL, 0};
		if (!sipmsg_values_next(&$self->it, &s))
			return (sipmsg_slice){NULL, 0};
		if (!s.ptr)
			s.ptr = "";
		return s;
	}
}

/* ---------------------------------------------------------------------
 * Functions.
 * --------------------------------------------------------------------- */

%rename(parse) sipmsg_binding_parse;
sipmsg_binding_msg *sipmsg_binding_parse(const void *data, size_t len, unsigned flags, sipmsg_error *PARSE_ERR);
/* parse() with the limits of sipmsg_parse_opts, in its order (0: the default) */
%rename(parse_limits) sipmsg_binding_parse_limits;
sipmsg_binding_msg *sipmsg_binding_parse_limits(const void *data, size_t len, unsigned flags, size_t max_message_size,
						size_t max_headers, size_t max_line_length, size_t max_list_items,
						size_t max_uri_params, size_t max_sdp_lines, size_t max_multipart_depth,
						sipmsg_error *PARSE_ERR);
%rename(request_new) sipmsg_binding_request_new;
sipmsg_binding_msg *sipmsg_binding_request_new(const char *method, size_t method_len, const char *uri, size_t uri_len,
					       sipmsg_error *ERR);
%rename(response_new) sipmsg_binding_response_new;
sipmsg_binding_msg *sipmsg_binding_response_new(int code, const char *reason, size_t reason_len, sipmsg_error *ERR);
%rename(write) sipmsg_binding_write;
sipmsg_status sipmsg_binding_write(const sipmsg_binding_msg *msg, unsigned flags, char **OUT, size_t *OUTLEN);
%rename(frame) sipmsg_binding_frame;
long sipmsg_binding_frame(const void *data, size_t len, size_t max_message_size, size_t *SKIP_OUT,
			  sipmsg_error *PARSE_ERR);

/* Tables: plain functions of the C API, wrapped as they are. */
const char *sipmsg_version(void);
const char *sipmsg_status_name(sipmsg_status status);
const char *sipmsg_diag_code_name(int code);
const char *sipmsg_reason_phrase(int code);
const char *sipmsg_reason_phrase_or_class(int code);
%rename(sipmsg_hdr_lookup) sipmsg_binding_hdr_lookup;
%rename(sipmsg_method_lookup) sipmsg_binding_method_lookup;
%inline %{
static int sipmsg_binding_hdr_lookup(const char *name, size_t name_len) { return (int)sipmsg_hdr_lookup(name, name_len); }
static int sipmsg_binding_method_lookup(const char *method, size_t method_len)
{
	return (int)sipmsg_method_lookup(method, method_len);
}
%}
%rename(sipmsg_hdr_name) sipmsg_binding_hdr_name;
%rename(sipmsg_hdr_compact) sipmsg_binding_hdr_compact;
%rename(sipmsg_method_name) sipmsg_binding_method_name;
%inline %{
static const char *sipmsg_binding_hdr_name(int id) { return sipmsg_hdr_name((sipmsg_hdr_id)id); }
static const char *sipmsg_binding_method_name(int id) { return sipmsg_method_name((sipmsg_method)id); }
/* The compact letter as a string ("i"), empty when the header has none. */
static sipmsg_slice sipmsg_binding_hdr_compact(int id)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
	char c = sipmsg_hdr_compact((sipmsg_hdr_id)id);
	if (c < 'a' || c > 'z')
		return (sipmsg_slice){"", 0};
	return (sipmsg_slice){letters + (c - 'a'), 1};
}
%}

/* ---------------------------------------------------------------------
 * Constants: only the enums and #defines of the public headers are
 * exported (libnvme's pattern); their functions and structs are wrapped
 * above, by hand, or not at all.
 * --------------------------------------------------------------------- */
#ifdef SWIGJAVA
/* constants are not methods: undo the Java file's synchronized default */
%feature("java:methodmodifiers", "public");
#endif
%rename("$ignore", %$isfunction) "";
%rename("$ignore", %$isclass) "";
%rename("$ignore", %$isvariable) "";
%rename("$ignore", %$isunion) "";
%rename("$ignore", regextarget=1) "_$";
%rename("$ignore") SIPMSG_HEADER_TABLE;
%rename("$ignore") SIPMSG_METHOD_TABLE;
%ignore SIPMSG_TYPES_H;
%ignore SIPMSG_DIAG_H;
%ignore SIPMSG_HDR_H;
%ignore SIPMSG_MSG_H;
%ignore SIPMSG_WRITE_H;
%ignore SIPMSG_TABLES_H;
%ignore SIPMSG_FRAME_H;
%ignore SIPMSG_SIPMSG_H;
%ignore SIPMSG_URI_H;
%ignore SIPMSG_VIEWS_H;
%ignore SIPMSG_SDP_H;
%ignore SIPMSG_BUILD_H;
%ignore SIPMSG_CHECK_H;
%ignore SIPMSG_MULTIPART_H;
%rename("$ignore") SIPMSG_SDP_ATTR_TABLE;
%include "sipmsg/types.h"
%include "sipmsg/diag.h"
%include "sipmsg/tables.h"
%include "sipmsg/hdr.h"
%include "sipmsg/msg.h"
%include "sipmsg/write.h"
%include "sipmsg/uri.h"
%include "sipmsg/views.h"
%include "sipmsg/build.h"
%include "sipmsg/sdp.h"
%constant int SIPMSG_BINDING_EBUSY = SIPMSG_BINDING_EBUSY;
