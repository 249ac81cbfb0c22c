/* SPDX-License-Identifier: MIT */
/*
 * The Lua 5.4 typemaps of sipmsg.i (included only under SWIGLUA); swig runs
 * with -lua -module sipmsg_capi -nomoduleglobal, and the module is loaded as
 * require "sipmsg.capi" by the Lua layer, bindings/lua/sipmsg.lua.
 *
 * Lua strings are byte strings: text and bodies cross as they are, nothing
 * is decoded. Numbers are Lua integers (never floats); a getter's absent
 * value is nil (text) or -1 (numbers), as in the C API.
 *
 * Failures raise a Lua error whose value is a table: { kind = "parse" or
 * "error", status, code, code_number, offset, line, column, header, reason,
 * message } (see sipmsg_lua_push_error), with a __tostring giving message,
 * built from the call's own sipmsg_error record. Using a closed object
 * raises { kind = "closed", ... }. (A wrong argument type raises SWIG's
 * usual string.)
 *
 * Objects: SWIG's userdata, freed by __gc; what a view points into is
 * counted in C (sipmsg_binding_ref), so they may be collected in any order.
 * obj:close() (and __close, for `local m <close> = ...`) frees one early;
 * the pointer is then NULL and every method refuses it.
 */

%{
#include <stdint.h>

/* The metatable of error values (one per Lua state, in its registry). */
static int sipmsg_lua_error_tostring(lua_State *L)
{
	lua_getfield(L, 1, "message");
	if (!lua_isstring(L, -1)) {
		lua_pop(L, 1);
		lua_pushliteral(L, "libsipmsg error");
	}
	return 1;
}

static void sipmsg_lua_set_error_metatable(lua_State *L)
{
	if (luaL_newmetatable(L, "sipmsg.error")) {
		lua_pushcfunction(L, sipmsg_lua_error_tostring);
		lua_setfield(L, -2, "__tostring");
		lua_pushliteral(L, "sipmsg.error");
		lua_setfield(L, -2, "__name");
	}
	lua_setmetatable(L, -2);
}

/* Push the error value for a failed call (kind: "parse" or "error"). */
static void sipmsg_lua_push_error(lua_State *L, const sipmsg_error *err, const char *kind)
{
	char line[512];
	sipmsg_error_format(err, line, sizeof line);
	lua_createtable(L, 0, 10);
	lua_pushstring(L, kind);
	lua_setfield(L, -2, "kind");
	lua_pushstring(L, sipmsg_status_name(err->status));
	lua_setfield(L, -2, "status");
	lua_pushstring(L, err->code ? sipmsg_diag_code_name(err->code) : "");
	lua_setfield(L, -2, "code");
	lua_pushinteger(L, err->code);
	lua_setfield(L, -2, "code_number");
	lua_pushinteger(L, (lua_Integer)err->offset);
	lua_setfield(L, -2, "offset");
	lua_pushinteger(L, err->line);
	lua_setfield(L, -2, "line");
	lua_pushinteger(L, err->column);
	lua_setfield(L, -2, "column");
	if (err->header[0]) {
		lua_pushstring(L, err->header);
		lua_setfield(L, -2, "header");
	}
	lua_pushstring(L, err->reason[0] ? err->reason : line);
	lua_setfield(L, -2, "reason");
	lua_pushstring(L, line);
	lua_setfield(L, -2, "message");
	sipmsg_lua_set_error_metatable(L);
}

/* The error value for a bare status of the call fn, or for the binding's
 * own refusals: the reason names the call, as nothing else says which one
 * failed. */
static void sipmsg_lua_push_status(lua_State *L, const char *fn, int st)
{
	sipmsg_error err;
	sipmsg_binding_status_error(st, &err);
	size_t n = strlen(fn);
	if (n + 2 < sizeof err.reason) { /* "fn: " before the reason, cut at its end */
		memmove(err.reason + n + 2, err.reason, sizeof err.reason - n - 2);
		memcpy(err.reason, fn, n);
		memcpy(err.reason + n, ": ", 2);
		err.reason[sizeof err.reason - 1] = '\0';
	}
	sipmsg_lua_push_error(L, &err, "error");
}

static void sipmsg_lua_push_simple(lua_State *L, const char *kind, const char *reason)
{
	lua_createtable(L, 0, 4);
	lua_pushstring(L, kind);
	lua_setfield(L, -2, "kind");
	lua_pushstring(L, kind);
	lua_setfield(L, -2, "status");
	lua_pushstring(L, reason);
	lua_setfield(L, -2, "reason");
	lua_pushstring(L, reason);
	lua_setfield(L, -2, "message");
	sipmsg_lua_set_error_metatable(L);
}

/* The SWIG object at idx, or NULL for anything else. SWIG's runtime reads
 * any userdata, and a table given a class's metatable, as a
 * swig_lua_userdata: a light userdata, another library's userdata or such a
 * table would make it read or write memory that is not one. An object is a
 * full userdata of that size whose metatable is one of the classes' in
 * SWIG's registry (Lua code cannot give a userdata a metatable). */
static swig_lua_userdata *sipmsg_lua_object(lua_State *L, int idx)
{
	swig_lua_userdata *usr = NULL;
	int top = lua_gettop(L);
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TUSERDATA && lua_rawlen(L, idx) == sizeof(swig_lua_userdata) &&
	    lua_getmetatable(L, idx)) {
		lua_pushliteral(L, ".type");
		if (lua_rawget(L, -2) == LUA_TSTRING) {
			SWIG_Lua_get_class_metatable(L, lua_tostring(L, -1));
			if (lua_rawequal(L, -1, -3))
				usr = (swig_lua_userdata *)lua_touserdata(L, idx);
		}
	}
	lua_settop(L, top);
	return usr;
}

/* SWIG's conversions and error messages, over sipmsg_lua_object(): a value
 * that is not an object is refused (nil stays NULL, which the handle
 * checks below refuse), and is named by its Lua type. */
static const char *sipmsg_lua_typename(lua_State *L, int idx)
{
	swig_lua_userdata *usr = sipmsg_lua_object(L, idx);
	if (usr)
		return usr->type && usr->type->str ? usr->type->str : "userdata";
	return luaL_typename(L, idx);
}

static int sipmsg_lua_convert_ptr(lua_State *L, int idx, void **ptr, swig_type_info *type, int flags)
{
	if (!lua_isnil(L, idx) && !sipmsg_lua_object(L, idx))
		return SWIG_ERROR;
	return SWIG_Lua_ConvertPtr(L, idx, ptr, type, flags);
}

#undef SWIG_ConvertPtr
#define SWIG_ConvertPtr(L, idx, ptr, type, flags) sipmsg_lua_convert_ptr(L, idx, ptr, type, flags)
#undef SWIG_fail_arg
#define SWIG_fail_arg(func_name, argnum, type)                                                          \
	{                                                                                                \
		SWIG_Lua_pushferrstring(L, "Error in %s (arg %d), expected '%s' got '%s'", func_name, argnum, \
					type, sipmsg_lua_typename(L, argnum));                              \
		goto fail;                                                                               \
	}

/* A class metamethod of SWIG's (upvalue 1), called only with an object of
 * that class (upvalue 2: its metatable) as its first argument: SWIG's
 * __index, __newindex, __tostring and __gc assert that, or crash. */
static int sipmsg_lua_is_instance(lua_State *L)
{
	int ok = lua_type(L, 1) == LUA_TUSERDATA && lua_rawlen(L, 1) == sizeof(swig_lua_userdata) &&
		 lua_getmetatable(L, 1);
	if (ok) {
		ok = lua_rawequal(L, -1, lua_upvalueindex(2));
		lua_pop(L, 1);
	}
	return ok;
}

static int sipmsg_lua_guarded(lua_State *L)
{
	if (!sipmsg_lua_is_instance(L))
		return luaL_error(L, "not a libsipmsg %s object", lua_tostring(L, lua_upvalueindex(3)));
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* __gc of a table that was given the metatable: nothing to free. */
static int sipmsg_lua_guarded_gc(lua_State *L)
{
	if (!sipmsg_lua_is_instance(L))
		return 0;
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

/* swig_type(x), swig_equals(a, b): the globals SWIG's runtime adds, which
 * read any userdata as one of its objects. */
static int sipmsg_lua_swig_type(lua_State *L)
{
	lua_pushstring(L, sipmsg_lua_typename(L, 1));
	return 1;
}

static int sipmsg_lua_swig_equals(lua_State *L)
{
	swig_lua_userdata *a = sipmsg_lua_object(L, 1), *b = sipmsg_lua_object(L, 2);
	lua_pushboolean(L, a && b && a->ptr == b->ptr);
	return 1;
}

/* At load: every class's metamethods guarded, its metatable hidden from
 * getmetatable() (which returns "sipmsg.<Class>" instead), and SWIG's two
 * globals replaced. */
static void sipmsg_lua_protect(lua_State *L)
{
	static const char *const guarded[] = {"__index", "__newindex", "__tostring", "__eq", "__gc"};
	SWIG_Lua_get_class_registry(L);
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) == LUA_TSTRING && lua_tostring(L, -2)[0] != '.' && lua_istable(L, -1)) {
			int mt = lua_gettop(L);
			for (size_t i = 0; i < sizeof guarded / sizeof guarded[0]; i++) {
				lua_pushstring(L, guarded[i]);
				if (lua_rawget(L, mt) == LUA_TFUNCTION && lua_iscfunction(L, -1)) {
					lua_pushvalue(L, mt);
					lua_pushvalue(L, mt - 1);
					lua_pushcclosure(L, strcmp(guarded[i], "__gc") ? sipmsg_lua_guarded : sipmsg_lua_guarded_gc, 3);
					lua_setfield(L, mt, guarded[i]);
				} else {
					lua_pop(L, 1);
				}
			}
			lua_pushfstring(L, "sipmsg.%s", lua_tostring(L, mt - 1));
			lua_setfield(L, mt, "__metatable");
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (lua_getglobal(L, "swig_type") == LUA_TFUNCTION) {
		lua_pushcfunction(L, sipmsg_lua_swig_type);
		lua_setglobal(L, "swig_type");
	}
	if (lua_getglobal(L, "swig_equals") == LUA_TFUNCTION) {
		lua_pushcfunction(L, sipmsg_lua_swig_equals);
		lua_setglobal(L, "swig_equals");
	}
	lua_pop(L, 2);
}

/* obj:close(), and __close: what SWIG's __gc does, at once; the userdata
 * then holds NULL, which every method refuses. */
static int sipmsg_lua_close(lua_State *L)
{
	swig_lua_userdata *usr = sipmsg_lua_object(L, 1);
	if (!usr || !usr->type)
		return luaL_argerror(L, 1, "a libsipmsg object");
	if (usr->ptr && usr->own) {
		swig_lua_class *clss = (swig_lua_class *)usr->type->clientdata;
		if (clss && clss->destructor)
			clss->destructor(usr->ptr);
	}
	usr->ptr = NULL;
	usr->own = 0;
	return 0;
}

/* obj:is_closed() */
static int sipmsg_lua_is_closed(lua_State *L)
{
	swig_lua_userdata *usr = sipmsg_lua_object(L, 1);
	if (!usr || !usr->type)
		return luaL_argerror(L, 1, "a libsipmsg object");
	lua_pushboolean(L, usr->ptr == NULL);
	return 1;
}

/* _class(name): the metatable of a class's objects and its method table
 * (".fn"), for the Lua layer to add methods and metamethods to. */
static int sipmsg_lua_class(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	SWIG_Lua_get_class_metatable(L, name);
	if (!lua_istable(L, -1))
		return luaL_error(L, "no class %s", name);
	lua_getfield(L, -1, ".fn");
	return 2;
}
%}

%init %{
	sipmsg_lua_protect(L);
%}

%native(_close) int sipmsg_lua_close(lua_State *L);
%native(_is_closed) int sipmsg_lua_is_closed(lua_State *L);
%native(_class) int sipmsg_lua_class(lua_State *L);

/* The shared files raise with SWIG_exception_fail (the scripting languages
 * of SWIG's UTL have it; Lua does not): a table like every other error. */
%define SWIG_exception_fail(code, msg)
{ sipmsg_lua_push_simple(L, "error", msg); SWIG_fail; }
%enddef

/* ---------------------------------------------------------------------
 * Numbers: Lua 5.4 integers, not floats; a float with an integral value is
 * accepted. Each must fit its C parameter: an integer out of its range, or a
 * float with a fraction, raises an "invalid-argument" error naming the
 * argument and the range (a silent conversion would turn 2^32 + 200 into
 * 200); another Lua type raises SWIG's usual string.
 * --------------------------------------------------------------------- */
%{
#include <limits.h>
#include <stdarg.h>

/* An "invalid-argument" error about argument argnum (name) of fn. */
static void sipmsg_lua_push_invalid(lua_State *L, const char *fn, int argnum, const char *name, const char *fmt, ...)
{
	sipmsg_error err;
	memset(&err, 0, sizeof err);
	err.status = SIPMSG_EINVAL;
	int n = snprintf(err.reason, sizeof err.reason, "%s: argument %d (%s) ", fn, argnum, name);
	if (n >= 0 && (size_t)n < sizeof err.reason) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err.reason + n, sizeof err.reason - (size_t)n, fmt, ap);
		va_end(ap);
	}
	sipmsg_lua_push_error(L, &err, "error");
}

/* The error for an argument out of its range (value: as Lua prints it). */
static void sipmsg_lua_push_range(lua_State *L, const char *fn, int argnum, const char *name, const char *value,
				  lua_Integer lo, lua_Integer hi)
{
	sipmsg_lua_push_invalid(L, fn, argnum, name, "must be an integer in %lld..%lld, got %s", (long long)lo,
				(long long)hi, value);
}

/* Argument idx as an integer in lo..hi; 0 with the error pushed if not. */
static int sipmsg_lua_integer(lua_State *L, int idx, lua_Integer lo, lua_Integer hi, const char *fn, const char *name,
			      lua_Integer *out)
{
	int isnum = 0;
	lua_Integer v = lua_tointegerx(L, idx, &isnum);
	if (isnum && v >= lo && v <= hi) {
		*out = v;
		return 1;
	}
	if (!isnum && !lua_isnumber(L, idx)) {
		SWIG_Lua_pushferrstring(L, "Error in %s (arg %d), expected 'integer' got '%s'", fn, idx,
					sipmsg_lua_typename(L, idx));
		return 0;
	}
	sipmsg_lua_push_range(L, fn, idx, name, luaL_tolstring(L, idx, NULL), lo, hi);
	lua_remove(L, -2); /* luaL_tolstring's string */
	return 0;
}

/* A value already converted, in a narrower range than its type's (a status
 * code): for %exception, which sees the arguments as argN. */
static int sipmsg_lua_in_range(lua_State *L, lua_Integer v, lua_Integer lo, lua_Integer hi, const char *fn, int argnum,
			       const char *name)
{
	if (v >= lo && v <= hi)
		return 1;
	char text[32];
	snprintf(text, sizeof text, "%lld", (long long)v);
	sipmsg_lua_push_range(L, fn, argnum, name, text, lo, hi);
	return 0;
}
%}

%define SIPMSG_LUA_INTEGER(TYPE, LO, HI)
%typemap(in, checkfn="lua_isnumber") TYPE {
	lua_Integer v_;
	if (!sipmsg_lua_integer(L, $input, (lua_Integer)(LO), (lua_Integer)(HI), "$symname", "$1_name", &v_))
		SWIG_fail;
	$1 = ($1_ltype)v_;
}
%enddef
SIPMSG_LUA_INTEGER(int, INT_MIN, INT_MAX)
SIPMSG_LUA_INTEGER(long, LONG_MIN, LONG_MAX)
SIPMSG_LUA_INTEGER(long long, LUA_MININTEGER, LUA_MAXINTEGER)
SIPMSG_LUA_INTEGER(short, SHRT_MIN, SHRT_MAX)
SIPMSG_LUA_INTEGER(signed char, SCHAR_MIN, SCHAR_MAX)
SIPMSG_LUA_INTEGER(unsigned int, 0, UINT_MAX)
SIPMSG_LUA_INTEGER(unsigned short, 0, USHRT_MAX)
SIPMSG_LUA_INTEGER(unsigned char, 0, UCHAR_MAX)
SIPMSG_LUA_INTEGER(unsigned long, 0, LUA_MAXINTEGER)
SIPMSG_LUA_INTEGER(unsigned long long, 0, LUA_MAXINTEGER)
SIPMSG_LUA_INTEGER(size_t, 0, LUA_MAXINTEGER)
/* The arguments whose range is narrower than their C type's: a Via's port,
 * and the 32-bit numbers of the builders (CSeq, a numeric header, an m=
 * line's port and count). */
SIPMSG_LUA_INTEGER(unsigned int port, 0, 65535)
SIPMSG_LUA_INTEGER(unsigned long long number, 0, UINT32_MAX)
SIPMSG_LUA_INTEGER(unsigned long long value, 0, UINT32_MAX)
SIPMSG_LUA_INTEGER(unsigned long long port, 0, UINT32_MAX)
SIPMSG_LUA_INTEGER(unsigned long long port_count, 0, UINT32_MAX)

/* A status code (make_response, set_status, response): 100..699. */
%exception sipmsg_binding_msg::make_response {
	if (!sipmsg_lua_in_range(L, arg2, 100, 699, "$symname", 2, "code"))
		SWIG_fail;
	$action
}
%exception sipmsg_binding_msg::set_status {
	if (!sipmsg_lua_in_range(L, arg2, 100, 699, "$symname", 2, "code"))
		SWIG_fail;
	$action
}
%exception sipmsg_binding_response_new {
	if (!sipmsg_lua_in_range(L, arg1, 100, 699, "$symname", 1, "code"))
		SWIG_fail;
	$action
}

/* A header index past the last line: the C call's status, with a reason
 * that says so (header_replace's EINVAL read "a name that is not a token"). */
%{
static int sipmsg_lua_header_index(lua_State *L, const sipmsg_binding_msg *h, size_t index, size_t past, int st,
				   const char *fn)
{
	size_t count = sipmsg_header_count(h->msg);
	if (index < count + past)
		return 1;
	sipmsg_error err;
	memset(&err, 0, sizeof err);
	err.status = (sipmsg_status)st;
	snprintf(err.reason, sizeof err.reason,
		 "%s: argument 2 (index) is %zu, out of range: the message has %zu header line(s)", fn, index, count);
	sipmsg_lua_push_error(L, &err, "error");
	return 0;
}
%}
%define SIPMSG_LUA_HEADER_INDEX(METHOD, PAST, STATUS)
%exception sipmsg_binding_msg::METHOD {
	if (!sipmsg_lua_header_index(L, arg1, arg2, PAST, STATUS, "$symname"))
		SWIG_fail;
	$action
}
%enddef
SIPMSG_LUA_HEADER_INDEX(header_replace, 0, SIPMSG_EINVAL)
SIPMSG_LUA_HEADER_INDEX(header_insert, 1, SIPMSG_EINVAL)
SIPMSG_LUA_HEADER_INDEX(header_remove, 0, SIPMSG_ENOTFOUND)

/* A char (an SDP line type): a string of one byte. */
%typemap(in, checkfn="lua_isstring") char {
	size_t n_;
	const char *s_ = lua_type(L, $input) == LUA_TSTRING ? lua_tolstring(L, $input, &n_) : NULL;
	if (!s_)
		SWIG_fail_arg("$symname", $input, "string");
	if (n_ != 1) {
		sipmsg_lua_push_invalid(L, "$symname", $input, "$1_name", "must be a string of one character");
		SWIG_fail;
	}
	$1 = s_[0];
}
%typemap(out) int, long, long long, short, signed char, unsigned int, unsigned long, unsigned long long,
		unsigned short, unsigned char, size_t {
	lua_pushinteger(L, (lua_Integer)$1);
	SWIG_arg++;
}

/* ---------------------------------------------------------------------
 * Arguments.
 * --------------------------------------------------------------------- */
%typemap(in, checkfn="lua_isstring") (const char *STR, size_t LEN), (const void *DATA, size_t LEN) {
	if (lua_type(L, $input) != LUA_TSTRING)
		SWIG_fail_arg("$symname", $input, "string");
	$1 = ($1_ltype)lua_tolstring(L, $input, &$2);
}
%typemap(in) (const char *OPTSTR, size_t OPTLEN) {
	if (lua_isnoneornil(L, $input)) {
		$1 = NULL;
		$2 = 0;
	} else if (lua_type(L, $input) == LUA_TSTRING) {
		$1 = ($1_ltype)lua_tolstring(L, $input, &$2);
	} else {
		SWIG_fail_arg("$symname", $input, "string or nil");
	}
}
/* Trailing optional arguments may be left out in Lua: a text or nothing
 * (OPTSTR: a flag attribute's value, a reason phrase), and the C strings
 * that may be NULL at the end of a call (tags, reason, branch, ...). */
%typemap(default) (const char *OPTSTR, size_t OPTLEN) {
	$1 = NULL;
	$2 = 0;
}
%typemap(default) const char *reason_str, const char *to_tag, const char *tag, const char *cseq_method,
		const char *branch, const char *boundary, const char *call_id {
	$1 = NULL;
}

%apply (const char *STR, size_t LEN) {
	(const char *name, size_t name_len), (const char *value, size_t value_len),
	(const char *uri, size_t uri_len), (const char *method, size_t method_len)
};
%apply (const char *OPTSTR, size_t OPTLEN) { (const char *reason, size_t reason_len) };
%apply (const void *DATA, size_t LEN) { (const void *data, size_t len), (const void *body, size_t body_len) };

/* A NUL-terminated string or nil. */
%typemap(in) const char *CSTR_OR_NULL {
	if (lua_isnoneornil(L, $input)) {
		$1 = NULL;
	} else if (lua_type(L, $input) == LUA_TSTRING) {
		size_t n_;
		$1 = ($1_ltype)lua_tolstring(L, $input, &n_);
		if (strlen($1) != n_) {
			sipmsg_lua_push_simple(L, "error", "embedded NUL character");
			SWIG_fail;
		}
	} else {
		SWIG_fail_arg("$symname", $input, "string or nil");
	}
}
%apply const char *CSTR_OR_NULL { const char *content_type };

/* The per-call error record: on the wrapper's stack, raised when set. */
%define SIPMSG_LUA_ERROR_TYPEMAP(NAME, KIND)
%typemap(in, numinputs=0) sipmsg_error *NAME (sipmsg_error errrec) {
	memset(&errrec, 0, sizeof errrec);
	$1 = &errrec;
}
%typemap(argout) sipmsg_error *NAME {
	if ($1->status != SIPMSG_OK) {
		sipmsg_lua_push_error(L, $1, KIND);
		SWIG_fail;
	}
}
%enddef
SIPMSG_LUA_ERROR_TYPEMAP(ERR, "error")
SIPMSG_LUA_ERROR_TYPEMAP(PARSE_ERR, "parse")

/* The object a method is called on: closed, it raises { kind = "closed" }
 * (the handle list below applies this to each class's self). The handles
 * passed as arguments: nil or closed raises an error. (Named, as the
 * shared files' unnamed check typemaps come after this file.) */
%typemap(check) SWIGTYPE *self {
	if (!$1) {
		sipmsg_lua_push_simple(L, "closed", "this libsipmsg object is closed");
		SWIG_fail;
	}
}
%typemap(check) sipmsg_binding_msg *msg, const sipmsg_binding_msg *msg, const sipmsg_binding_msg *response,
		const sipmsg_binding_sdp *sdp, const sipmsg_binding_parts *parts, const sipmsg_binding_uri *other,
		const sipmsg_binding_section *other, const sipmsg_binding_section *from,
		const sipmsg_binding_media_spec *spec {
	if (!$1) {
		sipmsg_lua_push_simple(L, "closed", "$1_name is nil or closed");
		SWIG_fail;
	}
}
%define SIPMSG_LUA_HANDLE(CTYPE)
%typemap(check) struct CTYPE *self = SWIGTYPE *self;
%enddef
SIPMSG_LUA_HANDLE(sipmsg_binding_msg)
SIPMSG_LUA_HANDLE(sipmsg_binding_values)
SIPMSG_LUA_HANDLE(sipmsg_binding_uri)
SIPMSG_LUA_HANDLE(sipmsg_binding_nameaddr)
SIPMSG_LUA_HANDLE(sipmsg_binding_via)
SIPMSG_LUA_HANDLE(sipmsg_binding_session_id)
SIPMSG_LUA_HANDLE(sipmsg_binding_resource_priority)
SIPMSG_LUA_HANDLE(sipmsg_binding_charging_vector)
SIPMSG_LUA_HANDLE(sipmsg_binding_access_network_info)
SIPMSG_LUA_HANDLE(sipmsg_binding_multipart)
SIPMSG_LUA_HANDLE(sipmsg_binding_part)
SIPMSG_LUA_HANDLE(sipmsg_binding_parts)
SIPMSG_LUA_HANDLE(sipmsg_binding_sdp)
SIPMSG_LUA_HANDLE(sipmsg_binding_section)
SIPMSG_LUA_HANDLE(sipmsg_binding_origin)
SIPMSG_LUA_HANDLE(sipmsg_binding_connection)
SIPMSG_LUA_HANDLE(sipmsg_binding_rtpmap)
SIPMSG_LUA_HANDLE(sipmsg_binding_codec)
SIPMSG_LUA_HANDLE(sipmsg_binding_source_filter)
SIPMSG_LUA_HANDLE(sipmsg_binding_media_spec)

/* ---------------------------------------------------------------------
 * Results.
 * --------------------------------------------------------------------- */

/* A status: nothing on success (out parameters then supply the results),
 * an error otherwise. */
%typemap(out) sipmsg_status {
	if ((int)$1 < 0) {
		sipmsg_lua_push_status(L, "$symname", (int)$1);
		SWIG_fail;
	}
}

%typemap(out) sipmsg_slice, sipmsg_bytes {
	lua_pushlstring(L, $1.ptr ? $1.ptr : "", $1.ptr ? $1.len : 0);
	SWIG_arg++;
}
%typemap(out) sipmsg_optslice {
	if ($1.ptr)
		lua_pushlstring(L, $1.ptr, $1.len);
	else
		lua_pushnil(L);
	SWIG_arg++;
}

/* One diagnostic: a table (nil past the end). */
%typemap(out) const sipmsg_diag * {
	if (!$1) {
		lua_pushnil(L);
	} else {
		lua_createtable(L, 0, 9);
		lua_pushstring(L, sipmsg_diag_code_name($1->code));
		lua_setfield(L, -2, "code");
		lua_pushstring(L, sipmsg_severity_name($1->severity));
		lua_setfield(L, -2, "severity");
		if ($1->header.len) {
			lua_pushlstring(L, $1->header.ptr, $1->header.len);
			lua_setfield(L, -2, "header");
		}
		lua_pushinteger(L, $1->offset == SIZE_MAX ? -1 : (lua_Integer)$1->offset);
		lua_setfield(L, -2, "offset");
		lua_pushstring(L, $1->message ? $1->message : "");
		lua_setfield(L, -2, "message");
		lua_pushinteger(L, $1->line);
		lua_setfield(L, -2, "line");
		lua_pushinteger(L, $1->column);
		lua_setfield(L, -2, "column");
		lua_pushinteger(L, $1->code);
		lua_setfield(L, -2, "code_number");
		lua_pushinteger(L, $1->header_index == SIZE_MAX ? -1 : (lua_Integer)$1->header_index);
		lua_setfield(L, -2, "header_index");
	}
	SWIG_arg++;
}

/* One header line: { name, value, id, flags, offset (-1: added), line }. */
%typemap(in, numinputs=0) sipmsg_header *HEADER_OUT (sipmsg_header hrec) {
	memset(&hrec, 0, sizeof hrec);
	$1 = &hrec;
}
%typemap(argout) sipmsg_header *HEADER_OUT {
	lua_createtable(L, 0, 6);
	lua_pushlstring(L, $1->name.ptr ? $1->name.ptr : "", $1->name.len);
	lua_setfield(L, -2, "name");
	lua_pushlstring(L, $1->value.ptr ? $1->value.ptr : "", $1->value.len);
	lua_setfield(L, -2, "value");
	lua_pushinteger(L, (lua_Integer)$1->id);
	lua_setfield(L, -2, "id");
	lua_pushinteger(L, (lua_Integer)$1->flags);
	lua_setfield(L, -2, "flags");
	lua_pushinteger(L, $1->offset == SIZE_MAX ? -1 : (lua_Integer)$1->offset);
	lua_setfield(L, -2, "offset");
	lua_pushinteger(L, (lua_Integer)$1->line);
	lua_setfield(L, -2, "line");
	SWIG_arg++;
}

/* A buffer the library allocated: a string, then released (also when the
 * call failed: freearg runs before the error is raised). */
%typemap(in, numinputs=0) (char **OUT, size_t *OUTLEN) (char *obuf = NULL, size_t olen = 0) {
	$1 = &obuf;
	$2 = &olen;
}
%typemap(argout) (char **OUT, size_t *OUTLEN) {
	lua_pushlstring(L, *$1 ? *$1 : "", *$1 ? *$2 : 0);
	SWIG_arg++;
}
%typemap(freearg) (char **OUT, size_t *OUTLEN) { sipmsg_free(obuf$argnum); }

%typemap(in, numinputs=0) (char **OUTTEXT, size_t *OUTTEXTLEN) (char *obuf = NULL, size_t olen = 0) {
	$1 = &obuf;
	$2 = &olen;
}
%typemap(argout) (char **OUTTEXT, size_t *OUTTEXTLEN) {
	if (*$1)
		lua_pushlstring(L, *$1, *$2);
	else
		lua_pushnil(L);
	SWIG_arg++;
}
%typemap(freearg) (char **OUTTEXT, size_t *OUTTEXTLEN) { free(obuf$argnum); }

%typemap(in, numinputs=0) size_t *COUNT_OUT (size_t cnt = 0), size_t *SKIP_OUT (size_t cnt = 0) { $1 = &cnt; }
%typemap(argout) size_t *COUNT_OUT, size_t *SKIP_OUT {
	lua_pushinteger(L, (lua_Integer)*$1);
	SWIG_arg++;
}
/* frame(): length, skip; nil, skip when more bytes are needed. */
%typemap(out) long sipmsg_binding_frame {
	if ($1 < 0)
		lua_pushnil(L);
	else
		lua_pushinteger(L, (lua_Integer)$1);
	SWIG_arg++;
}

/* A constructor that could not allocate. */
%exception sipmsg_binding_values::sipmsg_binding_values {
	$action
	if (!result) {
		sipmsg_lua_push_simple(L, "error", "out of memory");
		SWIG_fail;
	}
}

/* Lua names: the views of Message without their suffix. */
%rename(from) sipmsg_binding_msg::from_view;
%rename(to) sipmsg_binding_msg::to_view;
%rename(request_uri_parsed) sipmsg_binding_msg::request_uri_view;
