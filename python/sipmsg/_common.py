# SPDX-License-Identifier: MIT
"""What the message and SDP modules share: diagnostics and parse limits."""

from typing import Any, NamedTuple, Optional, Tuple


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
