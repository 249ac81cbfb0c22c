/* SPDX-License-Identifier: MIT */
/*
 * The Python typemaps of sipmsg.i (included only under SWIGPYTHON).
 *
 * Text crosses the boundary as UTF-8 with "surrogateescape": bytes that are
 * not UTF-8 (a Latin-1 display name on the wire) become lone surrogates in
 * the str and turn back into the same bytes when the str is passed in, so
 * nothing is lost either way. Bodies and whole messages are bytes.
 *
 * Failures raise sipmsg.capi.Error (a ValueError) or its subclass
 * ParseError, built from the call's own sipmsg_error record; both classes
 * are defined in Python at the end of this file and looked up when raised.
 */

%begin %{
#define PY_SSIZE_T_CLEAN
%}

%{
/* One argument taken from Python: either an encoded copy of a str or a
 * borrowed buffer (bytes, bytearray, memoryview). Released by freearg. */
typedef struct sipmsg_py_in {
	Py_buffer view;
	PyObject *encoded;
	int has_view;
} sipmsg_py_in;

static int sipmsg_py_in_get(PyObject *o, sipmsg_py_in *in, const void **ptr, size_t *len, int allow_none)
{
	if (o == Py_None && allow_none) {
		*ptr = NULL;
		*len = 0;
		return 0;
	}
	if (PyUnicode_Check(o)) {
		in->encoded = PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape");
		if (!in->encoded)
			return -1;
		*ptr = PyBytes_AS_STRING(in->encoded);
		*len = (size_t)PyBytes_GET_SIZE(in->encoded);
		return 0;
	}
	if (PyObject_CheckBuffer(o)) {
		if (PyObject_GetBuffer(o, &in->view, PyBUF_SIMPLE) < 0)
			return -1;
		in->has_view = 1;
		*ptr = in->view.buf;
		*len = (size_t)in->view.len;
		return 0;
	}
	PyErr_Format(PyExc_TypeError, "expected str or bytes%s, not %.100s", allow_none ? " or None" : "",
		     Py_TYPE(o)->tp_name);
	return -1;
}

static void sipmsg_py_in_release(sipmsg_py_in *in)
{
	if (in->has_view)
		PyBuffer_Release(&in->view);
	in->has_view = 0;
	Py_CLEAR(in->encoded);
}

static PyObject *sipmsg_py_text(const char *ptr, size_t len)
{
	if (!ptr)
		return PyUnicode_FromStringAndSize("", 0);
	return PyUnicode_DecodeUTF8(ptr, (Py_ssize_t)len, "surrogateescape");
}

static PyObject *sipmsg_py_bytes(const char *ptr, size_t len)
{
	return PyBytes_FromStringAndSize(ptr ? ptr : "", ptr ? (Py_ssize_t)len : 0);
}

/* The exception class called name in sipmsg.capi (ValueError when that
 * module cannot be found, e.g. while it is being imported). New reference. */
static PyObject *sipmsg_py_error_class(const char *name)
{
	PyObject *mod = PyImport_ImportModule("sipmsg.capi");
	PyObject *cls = NULL;
	if (mod) {
		cls = PyObject_GetAttrString(mod, name);
		Py_DECREF(mod);
	}
	if (!cls) {
		PyErr_Clear();
		Py_INCREF(PyExc_ValueError);
		cls = PyExc_ValueError;
	}
	return cls;
}

/* Raise the error a call reported: MemoryError for SIPMSG_ENOMEM, else
 * sipmsg.capi.<cls>(message, status=, code=, offset=, line=, column=,
 * header=, reason=). */
static void sipmsg_py_raise(const sipmsg_error *err, const char *cls_name)
{
	if (err->status == SIPMSG_ENOMEM) {
		PyErr_NoMemory();
		return;
	}
	char line[512];
	sipmsg_error_format(err, line, sizeof line);
	PyObject *cls = sipmsg_py_error_class(cls_name);
	PyObject *header = err->header[0] ? PyUnicode_DecodeUTF8(err->header, (Py_ssize_t)strlen(err->header), "replace")
					  : (Py_INCREF(Py_None), Py_None);
	PyObject *args = Py_BuildValue("(N)", PyUnicode_DecodeUTF8(line, (Py_ssize_t)strlen(line), "replace"));
	PyObject *kw = Py_BuildValue("{s:s,s:s,s:i,s:n,s:I,s:I,s:O,s:N}",
				     "status", sipmsg_status_name(err->status),
				     "code", err->code ? sipmsg_diag_code_name(err->code) : "",
				     "code_number", err->code,
				     "offset", (Py_ssize_t)err->offset,
				     "line", (unsigned)err->line,
				     "column", (unsigned)err->column,
				     "header", header ? header : Py_None,
				     "reason", PyUnicode_DecodeUTF8(err->reason, (Py_ssize_t)strlen(err->reason), "replace"));
	if (args && kw) {
		PyObject *exc = PyObject_Call(cls, args, kw);
		if (exc) {
			PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
			Py_DECREF(exc);
		}
	}
	Py_XDECREF(args);
	Py_XDECREF(kw);
	Py_XDECREF(header);
	Py_DECREF(cls);
	if (!PyErr_Occurred())
		PyErr_SetString(PyExc_ValueError, line);
}

/* Raise for a bare status (a call without an error record). */
static void sipmsg_py_raise_status(int st)
{
	if (st == SIPMSG_BINDING_EBUSY) {
		PyErr_SetString(PyExc_RuntimeError, "the message is being written by another thread; edit it afterwards");
		return;
	}
	sipmsg_error err;
	memset(&err, 0, sizeof err);
	err.status = (sipmsg_status)st;
	const char *why = st == SIPMSG_EINVAL ? "invalid argument (a name that is not a token, a value with CR or LF, ...)"
		: st == SIPMSG_ESTATE ? "the call does not apply to this message (e.g. a status code of a request)"
		: st == SIPMSG_ENOTFOUND ? "no such header"
		: sipmsg_status_name((sipmsg_status)st);
	snprintf(err.reason, sizeof err.reason, "%s", why);
	sipmsg_py_raise(&err, "Error");
}
%}

/* Text arguments: str (UTF-8, surrogateescape) or bytes-like. */
%typemap(in) (const char *STR, size_t LEN) (sipmsg_py_in pyin = {0}) {
	const void *p_;
	if (sipmsg_py_in_get($input, &pyin, &p_, &$2, 0) < 0)
		SWIG_fail;
	$1 = ($1_ltype)p_;
}
%typemap(freearg) (const char *STR, size_t LEN) { sipmsg_py_in_release(&pyin$argnum); }
%apply (const char *STR, size_t LEN) {
	(const char *name, size_t name_len), (const char *value, size_t value_len),
	(const char *uri, size_t uri_len), (const char *method, size_t method_len)
};

%typemap(in) (const char *OPTSTR, size_t OPTLEN) (sipmsg_py_in pyin = {0}) {
	const void *p_;
	if (sipmsg_py_in_get($input, &pyin, &p_, &$2, 1) < 0)
		SWIG_fail;
	$1 = ($1_ltype)p_;
}
%typemap(freearg) (const char *OPTSTR, size_t OPTLEN) { sipmsg_py_in_release(&pyin$argnum); }
%apply (const char *OPTSTR, size_t OPTLEN) { (const char *reason, size_t reason_len) };

/* Bytes arguments: bytes-like (kept borrowed for the call) or str. */
%typemap(in) (const void *DATA, size_t LEN) (sipmsg_py_in pyin = {0}) {
	const void *p_;
	if (sipmsg_py_in_get($input, &pyin, &p_, &$2, 0) < 0)
		SWIG_fail;
	$1 = ($1_ltype)p_;
}
%typemap(freearg) (const void *DATA, size_t LEN) { sipmsg_py_in_release(&pyin$argnum); }
%apply (const void *DATA, size_t LEN) { (const void *data, size_t len), (const void *body, size_t body_len) };

/* A NUL-terminated string or None (Content-Type of set_body). */
%typemap(in) const char *CSTR_OR_NULL (PyObject *enc = NULL) {
	if ($input == Py_None) {
		$1 = NULL;
	} else if (PyUnicode_Check($input)) {
		enc = PyUnicode_AsEncodedString($input, "utf-8", "surrogateescape");
		if (!enc)
			SWIG_fail;
		if (strlen(PyBytes_AS_STRING(enc)) != (size_t)PyBytes_GET_SIZE(enc)) {
			PyErr_SetString(PyExc_ValueError, "embedded NUL character");
			SWIG_fail;
		}
		$1 = PyBytes_AS_STRING(enc);
	} else {
		PyErr_SetString(PyExc_TypeError, "expected str or None");
		SWIG_fail;
	}
}
%typemap(freearg) const char *CSTR_OR_NULL { Py_XDECREF(enc$argnum); }
%apply const char *CSTR_OR_NULL { const char *content_type };

/* The per-call error record: on the wrapper's stack, raised when set.
 * ERR raises Error; PARSE_ERR (parse, frame) raises ParseError. */
%define SIPMSG_PY_ERROR_TYPEMAP(NAME, CLASS)
%typemap(in, numinputs=0) sipmsg_error *NAME (sipmsg_error errrec) {
	memset(&errrec, 0, sizeof errrec);
	$1 = &errrec;
}
%typemap(argout) sipmsg_error *NAME {
	if ($1->status != SIPMSG_OK) {
		Py_XDECREF($result);
		$result = NULL;
		sipmsg_py_raise($1, CLASS);
		SWIG_fail;
	}
}
%enddef
SIPMSG_PY_ERROR_TYPEMAP(ERR, "Error")
SIPMSG_PY_ERROR_TYPEMAP(PARSE_ERR, "ParseError")

/* A returned status: None on success, an exception otherwise. */
%typemap(out) sipmsg_status {
	if ((int)$1 < 0) {
		sipmsg_py_raise_status((int)$1);
		SWIG_fail;
	}
	$result = Py_None;
	Py_INCREF(Py_None);
}

/* Returned slices: text, or bytes for bodies. */
%typemap(out) sipmsg_slice {
	$result = sipmsg_py_text($1.ptr, $1.len);
	if (!$result)
		SWIG_fail;
}
%typemap(out) sipmsg_bytes {
	$result = sipmsg_py_bytes($1.ptr, $1.len);
	if (!$result)
		SWIG_fail;
}
/* Text that may be absent: None for a NULL ptr. */
%typemap(out) sipmsg_optslice {
	if (!$1.ptr) {
		$result = Py_None;
		Py_INCREF(Py_None);
	} else {
		$result = sipmsg_py_text($1.ptr, $1.len);
		if (!$result)
			SWIG_fail;
	}
}

/* One header line: (name, value, id, flags, offset or None, line). */
%typemap(in, numinputs=0) sipmsg_header *HEADER_OUT (sipmsg_header hrec) {
	memset(&hrec, 0, sizeof hrec);
	$1 = &hrec;
}
%typemap(argout) sipmsg_header *HEADER_OUT {
	PyObject *off = $1->offset == SIZE_MAX ? (Py_INCREF(Py_None), Py_None) : PyLong_FromSize_t($1->offset);
	PyObject *t = Py_BuildValue("(NNiINI)", sipmsg_py_text($1->name.ptr, $1->name.len),
				    sipmsg_py_text($1->value.ptr, $1->value.len), (int)$1->id, (unsigned)$1->flags,
				    off, (unsigned)$1->line);
	if (!t)
		SWIG_fail;
	Py_XDECREF($result);
	$result = t;
}

/* One diagnostic: (code name, severity name, header or None, offset or
 * None, message, line, column, numeric code, header index or None). */
%typemap(out) const sipmsg_diag * {
	if (!$1) {
		$result = Py_None;
		Py_INCREF(Py_None);
	} else {
		PyObject *hdr = $1->header.len ? sipmsg_py_text($1->header.ptr, $1->header.len) : (Py_INCREF(Py_None), Py_None);
		PyObject *off = $1->offset == SIZE_MAX ? (Py_INCREF(Py_None), Py_None) : PyLong_FromSize_t($1->offset);
		PyObject *idx = $1->header_index == SIZE_MAX ? (Py_INCREF(Py_None), Py_None) : PyLong_FromSize_t($1->header_index);
		$result = Py_BuildValue("(ssNNNIIiN)", sipmsg_diag_code_name($1->code), sipmsg_severity_name($1->severity),
					hdr, off, sipmsg_py_text($1->message, $1->message ? strlen($1->message) : 0),
					(unsigned)$1->line, (unsigned)$1->column, (int)$1->code, idx);
		if (!$result)
			SWIG_fail;
	}
}

/* A buffer the library allocated: returned as bytes, then released. */
%typemap(in, numinputs=0) (char **OUT, size_t *OUTLEN) (char *obuf = NULL, size_t olen = 0) {
	$1 = &obuf;
	$2 = &olen;
}
%typemap(argout) (char **OUT, size_t *OUTLEN) {
	PyObject *b = sipmsg_py_bytes(*$1, *$2);
	if (!b)
		SWIG_fail;
	Py_XDECREF($result);
	$result = b;
}
%typemap(freearg) (char **OUT, size_t *OUTLEN) { sipmsg_free(obuf$argnum); }

/* The same, as text; None when the call left it NULL. */
%typemap(in, numinputs=0) (char **OUTTEXT, size_t *OUTTEXTLEN) (char *obuf = NULL, size_t olen = 0) {
	$1 = &obuf;
	$2 = &olen;
}
%typemap(argout) (char **OUTTEXT, size_t *OUTTEXTLEN) {
	PyObject *t;
	if (*$1) {
		t = sipmsg_py_text(*$1, *$2);
		if (!t)
			SWIG_fail;
	} else {
		t = Py_None;
		Py_INCREF(Py_None);
	}
	Py_XDECREF($result);
	$result = t;
}
%typemap(freearg) (char **OUTTEXT, size_t *OUTTEXTLEN) { free(obuf$argnum); }

/* Counts returned through a pointer, appended to the result. */
%typemap(in, numinputs=0) size_t *COUNT_OUT (size_t cnt = 0), size_t *SKIP_OUT (size_t cnt = 0) { $1 = &cnt; }
%typemap(argout) size_t *COUNT_OUT, size_t *SKIP_OUT {
	$result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1));
}

/* A message being written with the interpreter lock released: counted, so
 * that edits from other threads are refused meanwhile (see writers). Only
 * write() takes a const handle named msg. */
%typemap(check) const sipmsg_binding_msg *msg (int counted = 0) {
	if (!$1)
		SWIG_exception_fail(SWIG_ValueError, "a Message is required, not None");
	((sipmsg_binding_msg *)$1)->writers++;
	counted = 1;
}
%typemap(freearg) const sipmsg_binding_msg *msg {
	if (counted$argnum)
		((sipmsg_binding_msg *)$1)->writers--;
}

/* A constructor that could not allocate raises MemoryError. (Views hold a
 * reference on what they point into, in C; see sipmsg_binding_ref.) */
%exception sipmsg_binding_values::sipmsg_binding_values {
	$action
	if (!result) {
		PyErr_NoMemory();
		SWIG_fail;
	}
}

%pythoncode %{
class Error(ValueError):
    """A libsipmsg call failed.

    Attributes mirror the C library's ``sipmsg_error`` record:

    * ``status``: the short status name ("syntax", "limit", "invalid", ...);
    * ``code``: the stable diagnostic code name ("bad-start-line", ...), or "";
    * ``code_number``: the numeric diagnostic code, 0 when none;
    * ``offset``: byte offset of the fault in the input;
    * ``line``, ``column``: 1-based position (0 when not about input bytes);
    * ``header``: the header name where the fault is, or None;
    * ``reason``: a one-line reason without the position.

    ``str(error)`` is the C library's formatted line, e.g.
    "line 3, column 18: Via: missing sent-by host".
    """

    def __init__(self, message, status="", code="", code_number=0, offset=0, line=0, column=0,
                 header=None, reason=""):
        super().__init__(message)
        self.status = status
        self.code = code
        self.code_number = code_number
        self.offset = offset
        self.line = line
        self.column = column
        self.header = header
        self.reason = reason or message


class ParseError(Error):
    """The bytes are not a SIP message the parser accepts (or a limit was hit)."""
%}
