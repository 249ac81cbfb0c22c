# SPDX-License-Identifier: MIT
"""Seams for the parts of the API that wait for C calls not merged yet.

The typed header views (URI, name-addr, Via, CSeq, ...), the RFC 3261 checks,
the response/ACK/CANCEL builders and the SDP codec are being added to the C
library. Their Python names are fixed by DESIGN.md ("Python API") and are
declared here and on :class:`sipmsg.Message` so that the API's shape does
not move; each raises :class:`NotImplementedError` saying what it waits for.

They will be bound to those C calls, with views that keep their message
alive, when the calls land. They will never be implemented by parsing
strings in Python: the C library is the single source of truth.
"""

from typing import Any, NoReturn


def not_yet(what: str, api: str) -> NotImplementedError:
    """The exception every seam raises."""
    return NotImplementedError(f"{what} is not available yet: it binds {api}, which is not merged yet")


class _Pending:
    """Base of the typed classes that are not bound yet."""

    __slots__ = ()
    _api = "the typed-header C API (sipmsg/views.h)"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise not_yet(f"sipmsg.{type(self).__name__}", self._api)


class Uri(_Pending):
    """A SIP, SIPS or tel URI (or any absoluteURI): scheme, user, password,
    host, port, params, headers. Not available yet."""

    __slots__ = ()


class NameAddr(_Pending):
    """A name-addr or addr-spec with parameters (From, To, Contact, Route, ...):
    display_name, uri, tag, params. Not available yet."""

    __slots__ = ()


class Via(_Pending):
    """One Via value: transport, host, port, branch, received, rport, maddr,
    ttl, params. Not available yet."""

    __slots__ = ()


class CSeq(_Pending):
    """A CSeq: number and method. Not available yet."""

    __slots__ = ()


class Sdp(_Pending):
    """An SDP session description (RFC 8866): origin, session_name,
    connection, media, attributes. Not available yet."""

    __slots__ = ()
    _api = "the SDP C API (sipmsg/sdp.h)"


class Origin(_Pending):
    """The o= line: username, session_id, session_version, address. Not available yet."""

    __slots__ = ()
    _api = "the SDP C API (sipmsg/sdp.h)"


class Connection(_Pending):
    """The c= line: address (net "IN", type IP4 or IP6). Not available yet."""

    __slots__ = ()
    _api = "the SDP C API (sipmsg/sdp.h)"


class Media(_Pending):
    """One m= section: media, port, proto, formats, attributes, rtpmaps. Not available yet."""

    __slots__ = ()
    _api = "the SDP C API (sipmsg/sdp.h)"


def parse_sdp(data: Any) -> NoReturn:
    """Parse a bare SDP body into an :class:`Sdp`. Not available yet."""
    raise not_yet("sipmsg.parse_sdp()", "the SDP C API (sipmsg/sdp.h)")
