/* SPDX-License-Identifier: MIT */
/*
 * The Java typemaps of sipmsg.i (included only under SWIGJAVA); swig runs
 * with -package org.sipmsg.
 *
 * Text crosses JNI as UTF-8 bytes, never as JNI's "modified UTF-8": a String
 * argument is encoded by the Java side (Native.utf8) and arrives as a byte[];
 * returned text leaves C as a byte[] and is decoded by Native.text (bytes
 * that are not UTF-8 become U+FFFD; bodies and whole messages stay byte[]).
 *
 * Every handle class (Message, Sdp, Via, ...) is AutoCloseable: close()
 * drops its reference at once, a java.lang.ref.Cleaner drops it when the
 * object is collected otherwise (no finalize()). A closed object's pointer
 * is 0 and every method checks it: using a closed object throws
 * IllegalStateException, never touches freed memory. Instance methods are
 * synchronized, so close() cannot run in the middle of another thread's
 * call on the same object.
 *
 * Failures throw unchecked exceptions built by the Java side (Native.error)
 * from the call's own sipmsg_error record: SipParseException for parse and
 * frame (PARSE_ERR), SipException for the rest, OutOfMemoryError for
 * SIPMSG_ENOMEM.
 */

%include "enumtypeunsafe.swg"
%include "exception.i"

/* The shared file raises with SWIG_exception_fail (SWIG's scripting
 * languages have it; Java does not): throw the mapped Java exception. */
%define SWIG_exception_fail(code, msg)
{ SWIG_JavaException(jenv, code, msg); return $null; }
%enddef

/* The generated module classes are internals: the public entry points are
 * the hand-written SipMsg, and the static factories of Message, Sdp, Uri. */
%pragma(java) moduleclassmodifiers="final class"
%pragma(java) jniclassclassmodifiers="final class"
%pragma(java) jniclasscode=%{
  static {
    Native.load();
  }
%}

%{
#include <limits.h>
#include <stdint.h>

/* A byte[] holding len bytes of ptr (an empty array for NULL). */
static jbyteArray sipmsg_java_bytes(JNIEnv *jenv, const char *ptr, size_t len)
{
	if (!ptr)
		len = 0;
	if (len > INT32_MAX) {
		SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "too large for a Java array");
		return NULL;
	}
	jbyteArray a = (*jenv)->NewByteArray(jenv, (jsize)len);
	if (a && len)
		(*jenv)->SetByteArrayRegion(jenv, a, 0, (jsize)len, (const jbyte *)ptr);
	return a;
}

static jbyteArray sipmsg_java_cbytes(JNIEnv *jenv, const char *s)
{
	return s ? sipmsg_java_bytes(jenv, s, strlen(s)) : NULL;
}

/* Throw the error a call reported (kind 1: SipParseException, 0:
 * SipException), built by org.sipmsg.Native.error. Leaves the exception
 * pending: the wrapper still releases its arguments before returning. */
static void sipmsg_java_throw(JNIEnv *jenv, const sipmsg_error *err, int kind)
{
	if (err->status == SIPMSG_ENOMEM) {
		SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "libsipmsg: out of memory");
		return;
	}
	char line[512];
	sipmsg_error_format(err, line, sizeof line);
	jclass cls = (*jenv)->FindClass(jenv, "org/sipmsg/Native");
	if (!cls)
		return;
	jmethodID make = (*jenv)->GetStaticMethodID(jenv, cls, "error",
						    "(I[B[B[BIJII[B[B)Ljava/lang/RuntimeException;");
	if (!make)
		return;
	jobject exc = (*jenv)->CallStaticObjectMethod(
		jenv, cls, make, (jint)kind, sipmsg_java_cbytes(jenv, line), sipmsg_java_cbytes(jenv, sipmsg_status_name(err->status)),
		sipmsg_java_cbytes(jenv, err->code ? sipmsg_diag_code_name(err->code) : ""), (jint)err->code,
		(jlong)err->offset, (jint)err->line, (jint)err->column,
		err->header[0] ? sipmsg_java_cbytes(jenv, err->header) : NULL, sipmsg_java_cbytes(jenv, err->reason));
	if (exc && !(*jenv)->ExceptionCheck(jenv))
		(*jenv)->Throw(jenv, (jthrowable)exc);
}

/* Throw for a bare status of the call fn (a call without an error record):
 * the reason names the call, as nothing else says which one failed. */
static void sipmsg_java_throw_status(JNIEnv *jenv, const char *fn, int st)
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
	sipmsg_java_throw(jenv, &err, 0);
}

/* A byte[] argument's bytes for the length of the call. */
typedef struct sipmsg_java_in {
	jbyteArray array;
	jbyte *bytes;
} sipmsg_java_in;

static int sipmsg_java_in_get(JNIEnv *jenv, jbyteArray a, sipmsg_java_in *in, const char **ptr, size_t *len)
{
	in->array = a;
	in->bytes = NULL;
	*ptr = NULL;
	*len = 0;
	if (!a)
		return 0;
	*len = (size_t)(*jenv)->GetArrayLength(jenv, a);
	in->bytes = (*jenv)->GetByteArrayElements(jenv, a, NULL);
	if (!in->bytes)
		return -1;
	*ptr = (const char *)in->bytes;
	return 0;
}

static void sipmsg_java_in_release(JNIEnv *jenv, sipmsg_java_in *in)
{
	if (in->bytes)
		(*jenv)->ReleaseByteArrayElements(jenv, in->array, in->bytes, JNI_ABORT);
	in->bytes = NULL;
}
%}

/* ---------------------------------------------------------------------
 * Arguments.
 * --------------------------------------------------------------------- */

/* Text: a String, null refused on the Java side (OPTSTR: null is nothing). */
%define SIPMSG_JAVA_BYTES_IN(SIG, JSTYPE, JAVAIN)
%typemap(jni) SIG "jbyteArray"
%typemap(jtype) SIG "byte[]"
%typemap(jstype) SIG "JSTYPE"
%typemap(javain) SIG "JAVAIN"
%typemap(in) SIG (sipmsg_java_in jin) {
	const char *p_;
	if (sipmsg_java_in_get(jenv, $input, &jin, &p_, &$2) < 0)
		return $null;
	$1 = ($1_ltype)p_;
}
%typemap(freearg) SIG { sipmsg_java_in_release(jenv, &jin$argnum); }
%enddef
SIPMSG_JAVA_BYTES_IN((const char *STR, size_t LEN), String, Native.utf8($javainput))
SIPMSG_JAVA_BYTES_IN((const char *OPTSTR, size_t OPTLEN), String, Native.utf8OrNull($javainput))
SIPMSG_JAVA_BYTES_IN((const void *DATA, size_t LEN), byte[], Native.nonNull($javainput))

%apply (const char *STR, size_t LEN) {
	(const char *name, size_t name_len), (const char *value, size_t value_len),
	(const char *uri, size_t uri_len), (const char *method, size_t method_len)
};
%apply (const char *OPTSTR, size_t OPTLEN) { (const char *reason, size_t reason_len) };
%apply (const void *DATA, size_t LEN) { (const void *data, size_t len), (const void *body, size_t body_len) };

/* A NUL-terminated string or nothing: Native.cstr appends the NUL (and
 * refuses an embedded one). */
%typemap(jni) const char *CSTR_OR_NULL "jbyteArray"
%typemap(jtype) const char *CSTR_OR_NULL "byte[]"
%typemap(jstype) const char *CSTR_OR_NULL "String"
%typemap(javain) const char *CSTR_OR_NULL "Native.cstr($javainput)"
%typemap(in) const char *CSTR_OR_NULL (sipmsg_java_in jin) {
	const char *p_;
	size_t n_;
	if (sipmsg_java_in_get(jenv, $input, &jin, &p_, &n_) < 0)
		return $null;
	$1 = ($1_ltype)p_;
}
%typemap(freearg) const char *CSTR_OR_NULL { sipmsg_java_in_release(jenv, &jin$argnum); }
%apply const char *CSTR_OR_NULL { const char *content_type };

/* The per-call error record: on the wrapper's stack; the exception is left
 * pending after the result is converted, and the arguments are released. */
%define SIPMSG_JAVA_ERROR_TYPEMAP(NAME, KIND)
%typemap(in, numinputs=0) sipmsg_error *NAME (sipmsg_error errrec) {
	memset(&errrec, 0, sizeof errrec);
	$1 = &errrec;
}
%typemap(argout) sipmsg_error *NAME {
	if ($1->status != SIPMSG_OK && !(*jenv)->ExceptionCheck(jenv))
		sipmsg_java_throw(jenv, $1, KIND);
}
%enddef
SIPMSG_JAVA_ERROR_TYPEMAP(ERR, 0)
SIPMSG_JAVA_ERROR_TYPEMAP(PARSE_ERR, 1)

/* The object a method is called on: closed, it throws IllegalStateException
 * (the handle macro below applies this to each class's self). The handles
 * passed as arguments: null or closed throws NullPointerException. (Named,
 * as the shared files' unnamed check typemaps come after this file.) */
%typemap(check) SWIGTYPE *self {
	if (!$1) {
		SWIG_JavaThrowException(jenv, SWIG_JavaIllegalStateException, "this libsipmsg object is closed");
		return $null;
	}
}
%typemap(check) sipmsg_binding_msg *msg, const sipmsg_binding_msg *msg, const sipmsg_binding_msg *response,
		const sipmsg_binding_sdp *sdp, const sipmsg_binding_parts *parts, const sipmsg_binding_uri *other,
		const sipmsg_binding_section *other, const sipmsg_binding_section *from,
		const sipmsg_binding_media_spec *spec {
	if (!$1) {
		SWIG_JavaThrowException(jenv, SWIG_JavaNullPointerException, "$1_name is null or closed");
		return $null;
	}
}

/* ---------------------------------------------------------------------
 * Results.
 * --------------------------------------------------------------------- */

/* A returned status: nothing on success, an exception otherwise. */
%typemap(jni) sipmsg_status "void"
%typemap(jtype) sipmsg_status "void"
%typemap(jstype) sipmsg_status "void"
%typemap(javaout) sipmsg_status { $jnicall; }
%typemap(out) sipmsg_status {
	if ((int)$1 < 0)
		sipmsg_java_throw_status(jenv, "$symname", (int)$1);
}
/* The items of the enum itself would match the typemaps above: Java sees a
 * status only as SipException.status() ("syntax", "limit", ...). */
%ignore sipmsg_status;
%ignore SIPMSG_OK;
%ignore SIPMSG_EAGAIN;
%ignore SIPMSG_ESYNTAX;
%ignore SIPMSG_ELIMIT;
%ignore SIPMSG_ENOMEM;
%ignore SIPMSG_EINVAL;
%ignore SIPMSG_ENOTFOUND;
%ignore SIPMSG_ENOSPC;
%ignore SIPMSG_ESTATE;
%ignore SIPMSG_EUNSUPPORTED;
%ignore SIPMSG_BINDING_EBUSY;
%ignore sipmsg_status_name;

/* Returned text (String), text or nothing (String or null), bytes (byte[]). */
%typemap(jni) sipmsg_slice, sipmsg_optslice, sipmsg_bytes "jbyteArray"
%typemap(jtype) sipmsg_slice, sipmsg_optslice, sipmsg_bytes "byte[]"
%typemap(jstype) sipmsg_slice, sipmsg_optslice "String"
%typemap(jstype) sipmsg_bytes "byte[]"
%typemap(javaout) sipmsg_slice { return Native.text($jnicall); }
%typemap(javaout) sipmsg_optslice { return Native.textOrNull($jnicall); }
%typemap(javaout) sipmsg_bytes { return $jnicall; }
%typemap(out) sipmsg_slice, sipmsg_bytes { $result = sipmsg_java_bytes(jenv, $1.ptr, $1.len); }
%typemap(out) sipmsg_optslice { $result = $1.ptr ? sipmsg_java_bytes(jenv, $1.ptr, $1.len) : NULL; }

/* One diagnostic, as a Diagnostic (null past the end). */
%typemap(jni) const sipmsg_diag * "jobject"
%typemap(jtype) const sipmsg_diag * "Diagnostic"
%typemap(jstype) const sipmsg_diag * "Diagnostic"
%typemap(javaout) const sipmsg_diag * { return $jnicall; }
%typemap(out) const sipmsg_diag * {
	$result = NULL;
	if ($1) {
		jclass cls_ = (*jenv)->FindClass(jenv, "org/sipmsg/Native");
		jmethodID make_ = cls_ ? (*jenv)->GetStaticMethodID(jenv, cls_, "diagnostic", "([B[B[BJ[BIIIJ)Lorg/sipmsg/Diagnostic;") : NULL;
		if (make_)
			$result = (*jenv)->CallStaticObjectMethod(
				jenv, cls_, make_, sipmsg_java_cbytes(jenv, sipmsg_diag_code_name($1->code)),
				sipmsg_java_cbytes(jenv, sipmsg_severity_name($1->severity)),
				$1->header.len ? sipmsg_java_bytes(jenv, $1->header.ptr, $1->header.len) : NULL,
				$1->offset == SIZE_MAX ? (jlong)-1 : (jlong)$1->offset, sipmsg_java_cbytes(jenv, $1->message ? $1->message : ""),
				(jint)$1->line, (jint)$1->column, (jint)$1->code,
				$1->header_index == SIZE_MAX ? (jlong)-1 : (jlong)$1->header_index);
	}
}

/* Calls that return a status and hand their result back through a pointer
 * (an out parameter) return that result in Java instead; the status still
 * throws. NAME is the C function's name. */
%define SIPMSG_JAVA_RESULT(NAME, JNI, JTYPE)
%typemap(jni) sipmsg_status NAME "JNI"
%typemap(jtype) sipmsg_status NAME "JTYPE"
%typemap(jstype) sipmsg_status NAME "JTYPE"
%typemap(javaout) sipmsg_status NAME { return $jnicall; }
%typemap(out) sipmsg_status NAME {
	$result = 0;
	if ((int)$1 < 0)
		sipmsg_java_throw_status(jenv, "$symname", (int)$1);
}
%enddef
%define SIPMSG_JAVA_TEXT_RESULT(NAME)
SIPMSG_JAVA_RESULT(NAME, jbyteArray, byte[])
%typemap(jstype) sipmsg_status NAME "String"
%typemap(javaout) sipmsg_status NAME { return Native.textOrNull($jnicall); }
%enddef
SIPMSG_JAVA_RESULT(header_at, jobject, Header)
SIPMSG_JAVA_RESULT(sipmsg_binding_write, jbyteArray, byte[])
SIPMSG_JAVA_RESULT(write, jbyteArray, byte[])
SIPMSG_JAVA_RESULT(header_remove_all, jlong, long)
SIPMSG_JAVA_RESULT(attr_remove_all, jlong, long)
SIPMSG_JAVA_TEXT_RESULT(display_name)
SIPMSG_JAVA_TEXT_RESULT(sipmsg_binding_generate_tag)
SIPMSG_JAVA_TEXT_RESULT(sipmsg_binding_generate_branch)
SIPMSG_JAVA_TEXT_RESULT(sipmsg_binding_unescape)
SIPMSG_JAVA_TEXT_RESULT(sipmsg_binding_escape)
SIPMSG_JAVA_TEXT_RESULT(sipmsg_binding_unquote)

/* The out parameters themselves (set only when the call succeeded). */
%typemap(in, numinputs=0) sipmsg_header *HEADER_OUT (sipmsg_header hrec) {
	memset(&hrec, 0, sizeof hrec);
	$1 = &hrec;
}
%typemap(argout) sipmsg_header *HEADER_OUT {
	if (!(*jenv)->ExceptionCheck(jenv)) {
		jclass cls_ = (*jenv)->FindClass(jenv, "org/sipmsg/Native");
		jmethodID make_ = cls_ ? (*jenv)->GetStaticMethodID(jenv, cls_, "header", "([B[BIIJI)Lorg/sipmsg/Header;") : NULL;
		if (make_)
			$result = (*jenv)->CallStaticObjectMethod(jenv, cls_, make_,
				sipmsg_java_bytes(jenv, $1->name.ptr, $1->name.len), sipmsg_java_bytes(jenv, $1->value.ptr, $1->value.len),
				(jint)$1->id, (jint)$1->flags, $1->offset == SIZE_MAX ? (jlong)-1 : (jlong)$1->offset, (jint)$1->line);
	}
}

%typemap(in, numinputs=0) (char **OUT, size_t *OUTLEN) (char *obuf = NULL, size_t olen = 0) {
	$1 = &obuf;
	$2 = &olen;
}
%typemap(argout) (char **OUT, size_t *OUTLEN) {
	if (!(*jenv)->ExceptionCheck(jenv))
		$result = sipmsg_java_bytes(jenv, *$1, *$2);
}
%typemap(freearg) (char **OUT, size_t *OUTLEN) { sipmsg_free(obuf$argnum); }

%typemap(in, numinputs=0) (char **OUTTEXT, size_t *OUTTEXTLEN) (char *obuf = NULL, size_t olen = 0) {
	$1 = &obuf;
	$2 = &olen;
}
%typemap(argout) (char **OUTTEXT, size_t *OUTTEXTLEN) {
	if (!(*jenv)->ExceptionCheck(jenv) && *$1)
		$result = sipmsg_java_bytes(jenv, *$1, *$2);
}
%typemap(freearg) (char **OUTTEXT, size_t *OUTTEXTLEN) { free(obuf$argnum); }

%typemap(in, numinputs=0) size_t *COUNT_OUT (size_t cnt = 0) { $1 = &cnt; }
%typemap(argout) size_t *COUNT_OUT { $result = (jlong)*$1; }

/* frame(): {length, skip}; null when more bytes are needed. */
%typemap(in, numinputs=0) size_t *SKIP_OUT (size_t cnt = 0) { $1 = &cnt; }
%typemap(jni) long sipmsg_binding_frame "jlongArray"
%typemap(jtype) long sipmsg_binding_frame "long[]"
%typemap(jstype) long sipmsg_binding_frame "long[]"
%typemap(javaout) long sipmsg_binding_frame { return $jnicall; }
%typemap(out) long sipmsg_binding_frame { $result = NULL; }
%typemap(argout) size_t *SKIP_OUT {
	if (result >= 0 && !(*jenv)->ExceptionCheck(jenv)) {
		jlong pair_[2] = {(jlong)result, (jlong)*$1};
		$result = (*jenv)->NewLongArray(jenv, 2);
		if ($result)
			(*jenv)->SetLongArrayRegion(jenv, $result, 0, 2, pair_);
	}
}

/* The unsigned numbers of the interface are at most 64 bits wide: Java's
 * long. */
%apply long long { unsigned long long };

/* ---------------------------------------------------------------------
 * Numbers that C narrows: a Java long for an unsigned int, a size_t or an
 * unsigned long long, a Java char for a C char. Each must fit: one that
 * does not throws SipException ("invalid-argument") naming the argument
 * and its range, instead of wrapping (pushVia's port 2^32 + 5060 was 5060,
 * an SDP line type '\u0176' a 'v').
 * --------------------------------------------------------------------- */
%{
#include <stdarg.h>

/* Throw SipException, status "invalid-argument", about argument name of fn. */
static void sipmsg_java_throw_invalid(JNIEnv *jenv, const char *fn, const char *name, const char *fmt, ...)
{
	sipmsg_error err;
	memset(&err, 0, sizeof err);
	err.status = SIPMSG_EINVAL;
	int n = snprintf(err.reason, sizeof err.reason, "%s: %s ", fn, name);
	if (n >= 0 && (size_t)n < sizeof err.reason) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err.reason + n, sizeof err.reason - (size_t)n, fmt, ap);
		va_end(ap);
	}
	sipmsg_java_throw(jenv, &err, 0);
}

/* 1 when v is in lo..hi, else 0 with the exception thrown. */
static int sipmsg_java_in_range(JNIEnv *jenv, long long v, long long lo, long long hi, const char *fn, const char *name)
{
	if (v >= lo && v <= hi)
		return 1;
	sipmsg_java_throw_invalid(jenv, fn, name, "must be in %lld..%lld, got %lld", lo, hi, v);
	return 0;
}
%}

%define SIPMSG_JAVA_RANGE(TYPE, LO, HI)
%typemap(in) TYPE {
	if (!sipmsg_java_in_range(jenv, (long long)$input, (long long)(LO), (long long)(HI), "$symname", "$1_name"))
		return $null;
	$1 = ($1_ltype)$input;
}
%enddef
SIPMSG_JAVA_RANGE(unsigned int, 0, UINT_MAX)
SIPMSG_JAVA_RANGE(size_t, 0, LLONG_MAX)
SIPMSG_JAVA_RANGE(unsigned long long, 0, LLONG_MAX)
/* Narrower than their C type: a Via's port, the 32-bit numbers of the
 * builders (CSeq, a numeric header, an m= line's port and count). */
SIPMSG_JAVA_RANGE(unsigned int port, 0, 65535)
SIPMSG_JAVA_RANGE(unsigned long long number, 0, UINT32_MAX)
SIPMSG_JAVA_RANGE(unsigned long long value, 0, UINT32_MAX)
SIPMSG_JAVA_RANGE(unsigned long long port, 0, UINT32_MAX)
SIPMSG_JAVA_RANGE(unsigned long long port_count, 0, UINT32_MAX)

/* An SDP line type: one ASCII character. */
%typemap(in) char {
	if ($input > 0x7f) {
		sipmsg_java_throw_invalid(jenv, "$symname", "$1_name", "must be an ASCII character, got U+%04X",
					  (unsigned)$input);
		return $null;
	}
	$1 = (char)$input;
}

/* A header index past the last line: the C call's status, with a reason
 * that says so (headerReplace's EINVAL read "a name that is not a token"). */
%{
static int sipmsg_java_header_index(JNIEnv *jenv, const sipmsg_binding_msg *h, size_t index, size_t past, int st,
				    const char *fn)
{
	size_t count = sipmsg_header_count(h->msg);
	if (index < count + past)
		return 1;
	sipmsg_error err;
	memset(&err, 0, sizeof err);
	err.status = (sipmsg_status)st;
	snprintf(err.reason, sizeof err.reason, "%s: index is %zu, out of range: the message has %zu header line(s)",
		 fn, index, count);
	sipmsg_java_throw(jenv, &err, 0);
	return 0;
}
%}
%define SIPMSG_JAVA_HEADER_INDEX(METHOD, PAST, STATUS)
%exception sipmsg_binding_msg::METHOD {
	if (!sipmsg_java_header_index(jenv, arg1, arg2, PAST, STATUS, "$symname"))
		return $null;
	$action
}
%enddef
SIPMSG_JAVA_HEADER_INDEX(header_replace, 0, SIPMSG_EINVAL)
SIPMSG_JAVA_HEADER_INDEX(header_insert, 1, SIPMSG_EINVAL)
SIPMSG_JAVA_HEADER_INDEX(header_remove, 0, SIPMSG_ENOTFOUND)

/* A status code (makeResponse, setStatus, response): 100..699. */
%exception sipmsg_binding_msg::make_response {
	if (!sipmsg_java_in_range(jenv, arg2, 100, 699, "$symname", "code"))
		return $null;
	$action
}
%exception sipmsg_binding_msg::set_status {
	if (!sipmsg_java_in_range(jenv, arg2, 100, 699, "$symname", "code"))
		return $null;
	$action
}
%exception sipmsg_binding_response_new {
	if (!sipmsg_java_in_range(jenv, arg1, 100, 699, "$symname", "code"))
		return $null;
	$action
}

/* A constructor that could not allocate throws OutOfMemoryError. */
%exception sipmsg_binding_values::sipmsg_binding_values {
	$action
	if (!result) {
		SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "libsipmsg: out of memory");
		return $null;
	}
}

/* ---------------------------------------------------------------------
 * The handle classes: AutoCloseable, freed by a Cleaner, synchronized.
 * --------------------------------------------------------------------- */
%define SIPMSG_JAVA_HANDLE(CTYPE)
%typemap(check) struct CTYPE *self = SWIGTYPE *self;
%typemap(javainterfaces) struct CTYPE "AutoCloseable"
%typemap(javafinalize) struct CTYPE ""
%typemap(javabody) struct CTYPE %{
  private transient long swigCPtr;
  protected transient boolean swigCMemOwn;
  private final java.lang.ref.Cleaner.Cleanable swigCleanable;

  protected $javaclassname(long cPtr, boolean cMemoryOwn) {
    swigCMemOwn = cMemoryOwn;
    swigCPtr = cPtr;
    swigCleanable = cMemoryOwn && cPtr != 0 ? Native.CLEANER.register(this, new Release(cPtr)) : null;
  }

  /* What the Cleaner runs: it must not refer to the object itself. */
  private static final class Release implements Runnable {
    private final long cPtr;

    Release(long cPtr) {
      this.cPtr = cPtr;
    }

    @Override
    public void run() {
      $imclassname.delete_$javaclassname(cPtr);
    }
  }

  protected static long getCPtr($javaclassname obj) {
    return (obj == null) ? 0 : obj.swigCPtr;
  }

  /** True once {@link #close()} has run; every other method then throws IllegalStateException. */
  public synchronized boolean isClosed() {
    return swigCPtr == 0;
  }
%}
%typemap(javadestruct, methodname="close", methodmodifiers="@Override public synchronized") struct CTYPE {
    if (swigCPtr != 0) {
      swigCPtr = 0;
      if (swigCleanable != null) {
        swigCleanable.clean();
      }
    }
  }
%enddef

SIPMSG_JAVA_HANDLE(sipmsg_binding_msg)
SIPMSG_JAVA_HANDLE(sipmsg_binding_values)
SIPMSG_JAVA_HANDLE(sipmsg_binding_uri)
SIPMSG_JAVA_HANDLE(sipmsg_binding_nameaddr)
SIPMSG_JAVA_HANDLE(sipmsg_binding_via)
SIPMSG_JAVA_HANDLE(sipmsg_binding_session_id)
SIPMSG_JAVA_HANDLE(sipmsg_binding_resource_priority)
SIPMSG_JAVA_HANDLE(sipmsg_binding_charging_vector)
SIPMSG_JAVA_HANDLE(sipmsg_binding_access_network_info)
SIPMSG_JAVA_HANDLE(sipmsg_binding_multipart)
SIPMSG_JAVA_HANDLE(sipmsg_binding_part)
SIPMSG_JAVA_HANDLE(sipmsg_binding_parts)
SIPMSG_JAVA_HANDLE(sipmsg_binding_sdp)
SIPMSG_JAVA_HANDLE(sipmsg_binding_section)
SIPMSG_JAVA_HANDLE(sipmsg_binding_origin)
SIPMSG_JAVA_HANDLE(sipmsg_binding_connection)
SIPMSG_JAVA_HANDLE(sipmsg_binding_rtpmap)
SIPMSG_JAVA_HANDLE(sipmsg_binding_codec)
SIPMSG_JAVA_HANDLE(sipmsg_binding_source_filter)
SIPMSG_JAVA_HANDLE(sipmsg_binding_media_spec)

/* Instance methods are synchronized on their object; the module's static
 * functions (parse, write, the tables) are not, so that threads parse at
 * once. */
%feature("java:methodmodifiers", "public synchronized");
%define SIPMSG_JAVA_STATIC(NAME)
%javamethodmodifiers NAME "public";
%enddef
SIPMSG_JAVA_STATIC(sipmsg_binding_parse)
SIPMSG_JAVA_STATIC(sipmsg_binding_parse_limits)
SIPMSG_JAVA_STATIC(sipmsg_binding_sdp_parse_limits)
SIPMSG_JAVA_STATIC(sipmsg_binding_request_new)
SIPMSG_JAVA_STATIC(sipmsg_binding_response_new)
SIPMSG_JAVA_STATIC(sipmsg_binding_write)
SIPMSG_JAVA_STATIC(sipmsg_binding_frame)
SIPMSG_JAVA_STATIC(sipmsg_binding_uri_parse)
SIPMSG_JAVA_STATIC(sipmsg_binding_sdp_parse)
SIPMSG_JAVA_STATIC(sipmsg_binding_sdp_new)
SIPMSG_JAVA_STATIC(sipmsg_binding_generate_tag)
SIPMSG_JAVA_STATIC(sipmsg_binding_generate_branch)
SIPMSG_JAVA_STATIC(sipmsg_binding_unescape)
SIPMSG_JAVA_STATIC(sipmsg_binding_escape)
SIPMSG_JAVA_STATIC(sipmsg_binding_unquote)
SIPMSG_JAVA_STATIC(sipmsg_binding_hdr_lookup)
SIPMSG_JAVA_STATIC(sipmsg_binding_method_lookup)
SIPMSG_JAVA_STATIC(sipmsg_binding_hdr_name)
SIPMSG_JAVA_STATIC(sipmsg_binding_hdr_compact)
SIPMSG_JAVA_STATIC(sipmsg_binding_method_name)
SIPMSG_JAVA_STATIC(sipmsg_version)
SIPMSG_JAVA_STATIC(sipmsg_diag_code_name)
SIPMSG_JAVA_STATIC(sipmsg_reason_phrase)
SIPMSG_JAVA_STATIC(sipmsg_reason_phrase_or_class)
SIPMSG_JAVA_STATIC(sipmsg_binding_values::sipmsg_binding_values)
SIPMSG_JAVA_STATIC(sipmsg_binding_parts::sipmsg_binding_parts)
SIPMSG_JAVA_STATIC(sipmsg_binding_media_spec::sipmsg_binding_media_spec)

/* ---------------------------------------------------------------------
 * Java names: methods in lowerCamelCase, a few made plainer.
 * --------------------------------------------------------------------- */
%rename("%(lowercamelcase)s", %$isfunction, %$ismember) "";
%rename(copy) sipmsg_binding_msg::clone;
%rename(from) sipmsg_binding_msg::from_view;
%rename(to) sipmsg_binding_msg::to_view;
%rename(via) sipmsg_binding_msg::via_at;
%rename(contact) sipmsg_binding_msg::contact_at;
%rename(requestUriParsed) sipmsg_binding_msg::request_uri_view;
%rename(sameAs) sipmsg_binding_uri::equals;
%rename(sdp) sipmsg_binding_section::get_sdp;
%rename(media) sipmsg_binding_sdp::media_at;
%rename(part) sipmsg_binding_multipart::part_at;
%rename(rtpmap) sipmsg_binding_section::rtpmap_at;
%rename(codec) sipmsg_binding_section::codec_at;
%rename(diagnostic) diag_at;
%rename(writeBytes) sipmsg_binding_sdp::write;

%include "java/sipmsg_javacode.i"

/* The C enums become classes of int constants (the interface passes ids as
 * int), named for Java; their items keep their C names, as C's enum items
 * share one namespace (HeaderId.SIPMSG_HDR_VIA, Method.SIPMSG_METHOD_INVITE). */
%rename(HeaderId) sipmsg_hdr_id;
%rename(HeaderKind) sipmsg_hdr_kind;
%rename(Method) sipmsg_method;
%rename(DiagCode) sipmsg_diag_code;
%rename(Severity) sipmsg_severity;
%rename(SdpDirection) sipmsg_sdp_direction;
%rename(UriScheme) sipmsg_uri_scheme;
%rename(HostType) sipmsg_host_type;
%rename(UriPart) sipmsg_uri_part;
%rename(SdpAttrId) sipmsg_sdp_attr_id;
%rename(SdpBandwidthType) sipmsg_sdp_bwtype;
%rename(SdpScope) sipmsg_sdp_scope;
%rename(SdpSetupRole) sipmsg_sdp_setup_role;
