# SPDX-License-Identifier: MIT
"""What the message and SDP modules share: diagnostics."""

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
