# SPDX-License-Identifier: MIT
"""What the message and SDP modules share: diagnostics and parse limits."""

import functools
from typing import Any, Callable, NamedTuple, Optional, Tuple, TypeVar

from . import capi


class Diagnostic(NamedTuple):
    """Something odd or wrong the library noticed in a message.

    A diagnostic never stops a lenient parse by itself; it tells the caller
    what was found so that it can decide (answer 400, log, drop).
    """

    #: Stable short name of what was found ("bare-lf", "bad-header-value", ...).
    code: str
    #: "error" (breaks a MUST of the RFC) or "warning" (odd but usable).
    severity: str
    #: The header name concerned, as written, or None.
    header: Optional[str]
    #: Byte offset in the parsed input, or None when not about input bytes.
    offset: Optional[int]
    #: A one-line English explanation.
    message: str
    #: 1-based line of ``offset`` (0 when there is no offset).
    line: int = 0
    #: 1-based column (in bytes) of ``offset``.
    column: int = 0


def diagnostic(rec: Tuple[Any, ...]) -> Diagnostic:
    code, severity, header, offset, message, line, column = rec[:7]
    return Diagnostic(code, severity, header, offset, message, line, column)


def limits(max_message_size: int, max_headers: int, max_line_length: int, max_list_items: int,
           max_uri_params: int, max_sdp_lines: int, max_multipart_depth: int) -> Optional[Tuple[int, ...]]:
    """The limits of a parse in the C options' order, or None when every one
    is 0 (the library's defaults). A negative or non-integer limit is a
    ValueError, not a wrapped-around size."""
    values = (max_message_size, max_headers, max_line_length, max_list_items, max_uri_params, max_sdp_lines,
              max_multipart_depth)
    if not any(values):
        return None
    names = ("max_message_size", "max_headers", "max_line_length", "max_list_items", "max_uri_params",
             "max_sdp_lines", "max_multipart_depth")
    for name, v in zip(names, values):
        if not isinstance(v, int) or isinstance(v, bool) or v < 0 or v > 0xFFFFFFFF:
            raise ValueError("%s must be a whole number from 0 (the default) to 4294967295, not %r" % (name, v))
    return values


def whole(arg: str, value: Any, lo: int, hi: int, none: bool = False) -> Any:
    """``value`` when it is an int from ``lo`` to ``hi`` (or None when
    ``none``); else a TypeError, or a sipmsg.Error (a ValueError), that
    names ``arg`` and the range, before SWIG turns it into an OverflowError
    about its wrapper."""
    if value is None and none:
        return value
    allowed = f"a whole number from {lo} to {hi}" + (", or None" if none else "")
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{arg} must be {allowed}, not {type(value).__name__} {value!r}")
    if not lo <= value <= hi:
        message = f"{arg} must be {allowed}, not {value!r}"
        raise _said(capi.Error(message, status="invalid-argument", reason=message))
    return value


def text(arg: str, value: Any, none: bool = False) -> Any:
    """``value`` when it is a str (or None when ``none``); else a TypeError naming ``arg``."""
    if isinstance(value, str) or (value is None and none):
        return value
    raise TypeError(f"{arg} must be a str{' or None' if none else ''}, not {type(value).__name__} {value!r}")


def data(arg: str, value: Any) -> Any:
    """``value`` when it is bytes-like or a str; else a TypeError naming ``arg``."""
    if isinstance(value, (bytes, bytearray, memoryview, str)):
        return value
    raise TypeError(f"{arg} must be bytes (or bytearray, memoryview) or str, not {type(value).__name__}")


_F = TypeVar("_F", bound=Callable[..., Any])


def _said(e: Exception) -> Exception:
    """Mark an error whose message already names the argument (explains() leaves it)."""
    setattr(e, "_sipmsg_explained", True)
    return e


def _edit_refusal(func: Any, args: Any) -> Optional[Exception]:
    """The error an edit refused by a header's grammar raises: the header and
    what its grammar found, from the message the edit was made on (the first
    argument of a wrapped method, or the handle a bound C call belongs to),
    or None when there is no such record."""
    handle = getattr(args[0], "_h", None) if args else None
    if handle is None:
        handle = getattr(func, "__self__", None)
    refusal = getattr(handle, "edit_refusal", None)
    rec = refusal() if refusal is not None else None
    if rec is None:
        return None
    d = diagnostic(rec)
    message = f"{d.header}: {d.message}" if d.header else d.message
    return _said(capi.Error(f"edit refused: {message}", status="syntax", code=d.code, header=d.header,
                            reason=d.message))


def explains(hint: str, where: Optional[str] = None) -> Callable[[_F], _F]:
    """Give the C library's bare "invalid argument" refusal of the wrapped
    call a message that says which arguments it takes and how (``hint``),
    after ``where`` (default: the function's name); the error keeps its
    class and status."""
    def wrap(func: _F) -> _F:
        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except capi.Error as e:
                if e.status == "syntax" and not isinstance(e, capi.ParseError) and \
                        not getattr(e, "_sipmsg_explained", False):
                    refused = _edit_refusal(func, args)
                    if refused is not None:
                        raise refused from None
                if e.status != "invalid-argument" or isinstance(e, capi.ParseError) or \
                        getattr(e, "_sipmsg_explained", False):
                    raise
                name = where or func.__qualname__.replace(".__init__", "")
                raise _said(capi.Error(f"{name}: {hint}", status=e.status, code=e.code, code_number=e.code_number,
                                       offset=e.offset, line=e.line, column=e.column, header=e.header,
                                       reason=hint)) from None
        return call  # type: ignore[return-value]
    return wrap
