# SPDX-License-Identifier: MIT
"""sipmsg: parse, build, edit and write SIP messages (RFC 3261) with libsipmsg.

    >>> import sipmsg
    >>> msg = sipmsg.parse(b"OPTIONS sip:bob@example.com SIP/2.0\\r\\nCall-ID: 42@a\\r\\nl: 0\\r\\n\\r\\n")
    >>> msg.method, msg.uri, msg.header("Call-ID"), msg.header("Content-Length")
    ('OPTIONS', 'sip:bob@example.com', '42@a', '0')

The package is a pythonic layer over the SWIG binding of the C library
(:mod:`sipmsg.capi`); all parsing and writing happens in C. See
docs/python.md for a guide.
"""

from . import capi
from ._common import Diagnostic
from ._message import BodyLike, HeadersLike, Message, Part, Request, Response, frame, parse, reason_phrase
from ._sdp import Codec, Connection, Media, Origin, Rtpmap, Sdp, SourceFilter, parse_sdp
from ._views import (AccessNetworkInfo, ChargingVector, CSeq, NameAddr, ResourcePriority, SessionId, Uri, Via, escape,
                     new_branch, new_tag, unescape)

#: Raised when a call into the library fails (a ValueError).
Error = capi.Error
#: Raised when bytes do not parse as a SIP message (a subclass of Error and ValueError).
ParseError = capi.ParseError

#: The C library's version ("0.1.0").
__version__: str = capi.sipmsg_version()

__all__ = [
    "AccessNetworkInfo",
    "BodyLike",
    "CSeq",
    "ChargingVector",
    "Codec",
    "Connection",
    "Diagnostic",
    "Error",
    "HeadersLike",
    "Media",
    "Message",
    "NameAddr",
    "Origin",
    "ParseError",
    "Part",
    "Request",
    "ResourcePriority",
    "Response",
    "Rtpmap",
    "Sdp",
    "SessionId",
    "SourceFilter",
    "Uri",
    "Via",
    "escape",
    "frame",
    "new_branch",
    "new_tag",
    "parse",
    "parse_sdp",
    "reason_phrase",
    "unescape",
]
