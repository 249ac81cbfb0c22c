# SPDX-License-Identifier: MIT
"""SIP messages: parse, read, edit, build and write requests and responses.

Everything here is a thin, pythonic shape over the C library reached through
the SWIG module :mod:`sipmsg.capi`. No SIP syntax is interpreted in Python:
the C library finds the start line, the headers and the body, matches header
names (long and compact forms), splits comma lists, keeps Content-Length true
and writes the wire bytes.
"""

from typing import Any, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from . import capi
from ._common import Diagnostic, data as _data, diagnostic, explains, limits, text, whole
from ._sdp import Sdp, _checked
from ._views import AccessNetworkInfo, ChargingVector, CSeq, NameAddr, ResourcePriority, SessionId, Uri, Via

#: What a body may be given as: raw bytes (or any bytes-like object), text
#: (encoded as UTF-8), or an SDP (Content-Type becomes application/sdp).
BodyLike = Union[bytes, bytearray, memoryview, str, Sdp]
#: Headers given to a constructor: pairs in wire order, or a mapping.
HeadersLike = Union[Iterable[Tuple[str, str]], Mapping[str, str]]

_HEADER_MODIFIED = capi.SIPMSG_HEADER_MODIFIED

_HEADER_HINT = ("a header name is a token (letters, digits and -.!%*_+`'~) and its value has no CR, LF or NUL")
_STATUS_HINT = "status must be a whole number from 100 to 699 and reason a str without CR, LF or NUL"
_URI_HINT = "uri must be a URI (sip:, sips:, tel: or another scheme) without CR, LF or NUL"
_ADDR_HINT = ("uri must be a URI, display_name a str without CR, LF or NUL, and tag a token (letters, digits "
              "and -.!%*_+`'~)")
_UINT32 = 0xFFFFFFFF


def parse(data: Union[bytes, bytearray, memoryview, str], strict: bool = False, *,
          stream: bool = False, max_message_size: int = 0, max_headers: int = 0, max_line_length: int = 0,
          max_list_items: int = 0, max_uri_params: int = 0, max_sdp_lines: int = 0,
          max_multipart_depth: int = 0) -> "Union[Request, Response]":
    """Parse one SIP message.

    :param data: the message bytes (a str is encoded as UTF-8). The message
        keeps its own copy, so ``data`` may be reused at once.
    :param strict: strict mode: every leniency is off and any malformed
        header fails the parse. By default the parse is lenient: a bad
        optional header is kept raw and reported in :attr:`Message.diagnostics`.
    :param stream: the bytes come from a stream transport (TCP, TLS):
        Content-Length is required (RFC 3261 §18.3).
    :param max_message_size: the limits of the C library's parse options
        (``sipmsg_parse_opts``), each 0 for its default: bytes in the message
        (1 MiB), header lines (1024), bytes in one header line (65536),
        items in one comma list (1024), parameters in one URI or value
        (256), lines in the SDP body (16384), multipart nesting (8). Going
        over one raises :class:`ParseError` where it was crossed, or (for
        those read lazily: list items, URI parameters, SDP lines) marks that
        header or body bad with a diagnostic.
    :returns: a :class:`Request` or a :class:`Response`.
    :raises ParseError: with ``.offset``, ``.line``, ``.column``, ``.header``
        and ``.reason`` when the bytes are not a message the parser accepts.
    :raises ValueError: for a negative limit.

    The interpreter lock is released while the C parser runs, so threads
    parse in parallel.
    """
    _data("data", data)
    flags = (capi.SIPMSG_PARSE_STRICT if strict else 0) | (capi.SIPMSG_PARSE_STREAM if stream else 0)
    lim = limits(max_message_size, max_headers, max_line_length, max_list_items, max_uri_params, max_sdp_lines,
                 max_multipart_depth)
    if lim is None:
        return _wrap(capi.parse(data, flags))
    return _wrap(capi.parse_limits(data, flags, *lim))


def frame(data: Union[bytes, bytearray, memoryview], max_message_size: int = 0) -> Optional[Tuple[int, int]]:
    """Find the next complete message at the front of a stream buffer.

    :returns: ``(skip, length)``: the message is ``data[skip:skip + length]``
        (the first ``skip`` bytes are CRLF keep-alives), or None when more
        bytes are needed.
    :raises ParseError: when the header section is malformed or has no
        Content-Length, or the message is larger than ``max_message_size``
        (0: the library's default, 1 MiB). The stream cannot be resynchronised
        after that; close it.
    """
    whole("max_message_size", max_message_size, 0, _UINT32)
    length, skip = capi.frame(_data("data", data), max_message_size)
    if length < 0:
        return None
    return skip, length


def reason_phrase(code: int) -> Optional[str]:
    """The reason phrase the IANA SIP registry gives ``code`` (486 -> "Busy Here"), or None."""
    if not isinstance(code, int) or isinstance(code, bool):
        raise TypeError(f"code must be a whole number, not {type(code).__name__} {code!r}")
    if not 100 <= code <= 699:
        return None
    phrase: Optional[str] = capi.sipmsg_reason_phrase(code)
    return phrase


_METHOD_HINT = "method must be a token (letters, digits and -.!%*_+`'~), such as INVITE"


def _explained(where: str, call: Any, hint: str, *args: Any) -> Any:
    """call(*args), with the C library's bare "invalid argument" replaced by ``where: hint``."""
    return explains(hint, where)(call)(*args)


def _uri_text(uri: Any) -> str:
    if isinstance(uri, Uri):
        return str(uri)
    text_uri: str = text("uri", uri)
    return text_uri


def _wrap(handle: Any) -> "Union[Request, Response]":
    if handle.is_request():
        req = Request.__new__(Request)
        req._h = handle
        return req
    resp = Response.__new__(Response)
    resp._h = handle
    return resp


class Message:
    """A SIP request or response (the base of :class:`Request` and :class:`Response`).

    A message is mutable: headers, the start line and the body can be
    changed; :func:`bytes` writes it. Headers nobody touched keep their exact
    bytes, so an untouched parsed message writes back byte for byte.

    A message must not be edited by one thread while another uses it; the
    binding refuses an edit (``RuntimeError``) while another thread is
    writing the message, and any number of threads may read or write it at
    once.
    """

    __slots__ = ("_h", "__weakref__")
    _h: Any

    def __init__(self) -> None:
        raise TypeError("use sipmsg.Request(...), sipmsg.Response(...) or sipmsg.parse(...)")

    # -- start line -------------------------------------------------------

    @property
    def method(self) -> Optional[str]:
        """The method of a request ("INVITE"); None for a response."""
        return None

    @property
    def uri(self) -> Optional[str]:
        """The Request-URI of a request as written; None for a response."""
        return None

    @property
    def status(self) -> Optional[int]:
        """The status code of a response; None for a request."""
        return None

    @property
    def reason(self) -> Optional[str]:
        """The reason phrase of a response (possibly empty); None for a request."""
        return None

    @property
    def is_request(self) -> bool:
        """True for a :class:`Request`."""
        return isinstance(self, Request)

    @property
    def is_response(self) -> bool:
        """True for a :class:`Response`."""
        return isinstance(self, Response)

    @property
    def version(self) -> str:
        """The SIP-Version of the start line ("SIP/2.0")."""
        version: str = self._h.version()
        return version

    # -- headers ----------------------------------------------------------

    @property
    def headers(self) -> List[Tuple[str, str]]:
        """Every header line as ``(name, value)``, in wire order.

        Names are as written (``"v"`` stays ``"v"``); values are without the
        surrounding whitespace and may contain line folding. A fresh list:
        changing it does not change the message (use :meth:`set_header`,
        :meth:`add_header`, :meth:`remove_header`).
        """
        h = self._h
        out = []
        for i in range(h.header_count()):
            rec = h.header_at(i)
            out.append((rec[0], rec[1]))
        return out

    def header(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The value of the first header line called ``name``, or ``default``.

        ``name`` is matched case-insensitively, and a known header is found
        by its long or its compact name (``"i"`` finds ``Call-ID``).
        """
        index = self._h.header_find_name(name, 0)
        if index < 0:
            return default
        value: str = self._h.header_at(index)[1]
        return value

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The same as :meth:`header`: the first line's value, or ``default``."""
        return self.header(name, default)

    def __getitem__(self, name: str) -> str:
        """``msg["Via"]``: the value of the first line called ``name`` (long
        or compact name, any case), as :meth:`header`; raises ``KeyError``
        when there is none. A comma list stays whole (:meth:`values` splits it)."""
        if not isinstance(name, str):
            raise TypeError(f"a header name is a str, not {type(name).__name__}")
        index = self._h.header_find_name(name, 0)
        if index < 0:
            raise KeyError(name)
        value: str = self._h.header_at(index)[1]
        return value

    def __contains__(self, name: object) -> bool:
        """``"Via" in msg``: True when a line has that name (long or compact, any case)."""
        if not isinstance(name, str):
            return False
        found: bool = self._h.header_find_name(name, 0) >= 0
        return found

    # msg["name"] would otherwise make iter(msg) ask for msg[0], msg[1], ...
    def __iter__(self) -> Iterator[Tuple[str, str]]:
        raise TypeError("a message is not iterable: iterate msg.headers (name, value pairs) or msg.values(name)")

    def headers_named(self, name: str) -> List[str]:
        """The values of every header line called ``name`` (long or compact), in wire order.

        One entry per line: a line holding a comma list (``Via: a, b``) is
        one entry; :meth:`values` splits such lists.
        """
        h = self._h
        out = []
        index = h.header_find_name(name, 0)
        while index >= 0:
            out.append(h.header_at(index)[1])
            index = h.header_find_name(name, index + 1)
        return out

    def values(self, name: str) -> Iterator[str]:
        """Every value of the header ``name``, across its lines and, for a list
        header (Via, Contact, Route, Allow, ...), across its comma-separated
        elements. Commas in quoted strings and ``<...>`` do not separate.

        The values are taken when this is called, so the message may be
        edited while iterating (an added line does not show up).
        """
        # A live C walk would follow lines added behind it and never end.
        values: List[str] = list(iter(capi.ValueIter(self._h, name).next_value, None))
        return iter(values)

    @explains(_HEADER_HINT)
    def set_header(self, name: str, value: str) -> None:
        """Set header ``name`` to ``value``: the first line with that name is
        replaced, the others removed, or the header is added when absent."""
        self._h.header_set(text("name", name), text("value", value))

    @explains(_HEADER_HINT)
    def add_header(self, name: str, value: str) -> None:
        """Append a header line (before a Content-Length that ends the header section)."""
        self._h.header_add(text("name", name), text("value", value))

    @explains(_HEADER_HINT)
    def insert_header(self, index: int, name: str, value: str) -> None:
        """Insert a header line so that it becomes line number ``index`` of :attr:`headers`."""
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError(f"index must be a whole number, not {type(index).__name__} {index!r}")
        count = self._h.header_count()
        index = max(0, count + index) if index < 0 else min(index, count)
        self._h.header_insert(index, text("name", name), text("value", value))

    def remove_header_value(self, index: int, k: int) -> None:
        """Remove value ``k`` (from 0) of header line ``index`` (of
        :attr:`headers`), keeping the line's other values: a proxy pops its
        own Via (RFC 3261 §16.7) or the first Route (§16.4) when they share
        a line. The only value of a line removes the line. Raises
        :class:`sipmsg.Error` with status "not-found" when there is no such
        line or value, "syntax" when the line's values cannot be read."""
        self._h.header_remove_value(whole("index", index, 0, 2**63 - 1), whole("k", k, 0, 2**63 - 1))

    @explains("value has no CR, LF or NUL")
    def replace_header_value(self, index: int, k: int, value: str) -> None:
        """Replace value ``k`` (from 0) of header line ``index`` with
        ``value``, keeping the line's other values and the separators between
        them. The new line is checked as :meth:`set_header` checks a value."""
        self._h.header_replace_value(whole("index", index, 0, 2**63 - 1), whole("k", k, 0, 2**63 - 1),
                                     text("value", value))

    def remove_header(self, name: str) -> int:
        """Remove every header line called ``name`` (long or compact); returns how many."""
        removed: int = self._h.header_remove_all(text("name", name))
        return removed

    # -- body -------------------------------------------------------------

    @property
    def body(self) -> bytes:
        """The body as bytes (``b""`` when there is none).

        Setting it copies the new bytes in and keeps Content-Length true;
        Content-Type is kept (or removed when the new body is empty). Use
        :meth:`set_body` to set Content-Type along with it. Setting an
        :class:`Sdp` writes it as the body with Content-Type application/sdp;
        on a multipart body with an application/sdp part (``msg.body =
        msg.sdp``), it replaces that part and keeps the others.
        """
        body: bytes = self._h.body()
        return body

    @body.setter
    def body(self, value: BodyLike) -> None:
        self.set_body(value)

    @explains("content_type must be a media type (type/subtype;params) without CR, LF or NUL")
    def set_body(self, body: BodyLike, content_type: Optional[str] = None) -> None:
        """Replace the body; Content-Length follows it.

        :param body: bytes, str (encoded as UTF-8), or an :class:`Sdp`
            (written out; Content-Type application/sdp unless
            ``content_type`` says otherwise). An :class:`Sdp` given without
            ``content_type`` to a message whose body is multipart with an
            application/sdp part replaces just that part: the other parts,
            the subtype and the boundary stay (a part in a nested multipart
            raises :class:`sipmsg.Error`, status "unsupported").
        :param content_type: when given, Content-Type is set to it; when
            None, Content-Type is kept, or removed if the body is empty.
        """
        text("content_type", content_type, none=True)
        if not isinstance(body, (bytes, bytearray, memoryview, str, Sdp)):
            raise TypeError(f"body must be bytes, str or a sipmsg.Sdp, not {type(body).__name__}")
        if isinstance(body, Sdp):
            if content_type is None and self._set_sdp_part(body):
                return
            self._h.set_sdp(body._s)
            if content_type is not None:
                self._h.header_set("Content-Type", content_type)
            return
        self._h.set_body(body, content_type)

    def _set_sdp_part(self, sdp: Sdp) -> bool:
        """Put ``sdp`` in place of the application/sdp part of a multipart
        body; False when the body is not multipart or has no such part."""
        try:
            self._h.set_sdp_part(sdp._s)
        except capi.Error as e:
            if e.status == "state":
                return False
            if e.status == "unsupported":
                raise capi.Error("the SDP is a part of a nested multipart body, which setting an Sdp cannot "
                                 "rebuild: build the body with set_multipart()", status="unsupported",
                                 reason="SDP part in a nested multipart body") from None
            raise
        return True

    # -- diagnostics and state --------------------------------------------

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """What the parse found odd or wrong, in the order found."""
        h = self._h
        return [diagnostic(h.diag_at(i)) for i in range(h.diag_count())]

    @property
    def modified(self) -> bool:
        """True once the message was edited after it was parsed or built."""
        modified: bool = self._h.is_modified()
        return modified

    @property
    def trailing(self) -> bytes:
        """Bytes that followed the message in the parsed datagram (ignored by the parse)."""
        trailing: bytes = self._h.trailing()
        return trailing

    # -- writing ----------------------------------------------------------

    def to_bytes(self, *, compact: bool = False, canonical: bool = False) -> bytes:
        """The wire bytes.

        :param compact: write known headers with their compact names
            (those lines are rewritten).
        :param canonical: rewrite every line canonically: long names,
            ``Name: value``, folding undone.

        Without options, untouched lines keep their bytes; an untouched
        parsed message comes back identical. The interpreter lock is
        released while the C writer runs.
        """
        flags = (capi.SIPMSG_WRITE_COMPACT if compact else 0) | (capi.SIPMSG_WRITE_CANONICAL if canonical else 0)
        data: bytes = capi.write(self._h, flags)
        return data

    def __bytes__(self) -> bytes:
        return self.to_bytes()

    def __eq__(self, other: object) -> bool:
        """Two messages are equal when they write the same bytes
        (``bytes(a) == bytes(b)``): what goes on the wire is what a test
        asserts on. Header order, case and spacing count."""
        if not isinstance(other, Message):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    # A message is mutable: equal now, maybe not after an edit.
    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> "Union[Request, Response]":
        """An independent deep copy (same bytes, own memory)."""
        return _wrap(self._h.clone())

    def __copy__(self) -> "Union[Request, Response]":
        return self.copy()

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Union[Request, Response]":
        return self.copy()

    def __reduce__(self) -> Tuple[Any, ...]:
        return (parse, (self.to_bytes(),))

    def to_dict(self) -> Dict[str, Any]:
        """The message as plain Python values (JSON-serialisable).

        Keys: ``kind`` ("request" or "response"), ``method`` and ``uri`` or
        ``status`` and ``reason``, ``version``, ``headers`` (a list of
        ``[name, value]`` in wire order), ``body`` (the body decoded as UTF-8
        with "surrogateescape", so ``d["body"].encode("utf-8",
        "surrogateescape")`` gives the bytes back) and ``diagnostics`` (a
        list of dicts with the :class:`Diagnostic` fields).
        """
        d: Dict[str, Any] = {"kind": "request" if isinstance(self, Request) else "response"}
        if isinstance(self, Request):
            d["method"] = self.method
            d["uri"] = self.uri
        else:
            d["status"] = self.status
            d["reason"] = self.reason
        d["version"] = self.version
        d["headers"] = [[n, v] for n, v in self.headers]
        d["body"] = self.body.decode("utf-8", "surrogateescape")
        d["diagnostics"] = [dg._asdict() for dg in self.diagnostics]
        return d

    def _summary(self) -> str:
        n = self._h.header_count()
        body_len = len(self._h.body())
        body = f"{body_len}-byte body" if body_len else "no body"
        return f"{n} header{'s' if n != 1 else ''}, {body}"

    # -- typed headers (parsed by the C library; views keep the message alive)

    def _missing(self, hdr_id: int, name: str) -> "capi.Error":
        if self._h.header_find(hdr_id, 0) < 0:
            return capi.Error(f"the message has no {name} header", status="not-found",
                              reason=f"no {name} header", header=name)
        return capi.Error(f"the {name} header is malformed (see msg.diagnostics)", status="syntax",
                          reason=f"malformed {name} header", header=name)

    @property
    def call_id(self) -> str:
        """The Call-ID. Raises :class:`sipmsg.Error` (status "not-found" or
        "syntax") when it is absent or malformed. Settable."""
        value: Optional[str] = self._h.call_id()
        if value is None:
            raise self._missing(capi.SIPMSG_HDR_CALL_ID, "Call-ID")
        return value

    @call_id.setter
    @explains("a Call-ID is a word or word@word of printable characters, without spaces")
    def call_id(self, value: str) -> None:
        self._h.set_call_id(text("call_id", value, none=True))

    @property
    def cseq(self) -> CSeq:
        """The CSeq as ``CSeq(number, method)``. Raises :class:`sipmsg.Error`
        when it is absent or malformed. Settable (a CSeq or a pair)."""
        h = self._h
        number = h.cseq_number()
        if number < 0:
            raise self._missing(capi.SIPMSG_HDR_CSEQ, "CSeq")
        return _new_cseq(CSeq, (number, h.cseq_method()))

    @cseq.setter
    @explains("the CSeq method must be a token (letters, digits and -.!%*_+`'~)")
    def cseq(self, value: Tuple[int, str]) -> None:
        if not isinstance(value, tuple) or len(value) != 2:
            raise TypeError(f"cseq must be a CSeq or a (number, method) pair, not {value!r}")
        number, method = value
        self._h.set_cseq(whole("the CSeq number", number, 0, 2**31 - 1), text("the CSeq method", method))

    @property
    def from_(self) -> NameAddr:
        """The From header (``.uri``, ``.tag``, ``.display_name``, ...).
        Raises :class:`sipmsg.Error` when it is absent or malformed."""
        v = self._h.from_view()
        if v is None:
            raise self._missing(capi.SIPMSG_HDR_FROM, "From")
        return NameAddr._wrap(v)

    @property
    def to(self) -> NameAddr:
        """The To header. Raises :class:`sipmsg.Error` when it is absent or malformed."""
        v = self._h.to_view()
        if v is None:
            raise self._missing(capi.SIPMSG_HDR_TO, "To")
        return NameAddr._wrap(v)

    @property
    def vias(self) -> List[Via]:
        """Every Via value, topmost first, across lines and comma lists."""
        h = self._h
        return [Via._wrap(h.via_at(k)) for k in range(h.via_count())]

    @property
    def contacts(self) -> List[NameAddr]:
        """Every Contact value, in order."""
        h = self._h
        return [NameAddr._wrap(h.contact_at(k)) for k in range(h.contact_count())]

    @property
    def session_id(self) -> Optional[SessionId]:
        """Session-ID (RFC 7989), or None when absent or malformed (the
        diagnostics say where)."""
        v = self._h.session_id_view()
        return None if v is None else SessionId._from(v)

    def _resource_priorities(self, hdr_id: int) -> List[ResourcePriority]:
        h = self._h
        out = []
        for k in range(h.typed_count(hdr_id)):
            v = h.resource_priority_at(hdr_id, k)
            if v is not None:
                out.append(ResourcePriority._from(v))
        return out

    @property
    def resource_priority(self) -> List[ResourcePriority]:
        """Every Resource-Priority value (RFC 4412), in order; malformed lines are left out."""
        return self._resource_priorities(capi.SIPMSG_HDR_RESOURCE_PRIORITY)

    @property
    def accept_resource_priority(self) -> List[ResourcePriority]:
        """Every Accept-Resource-Priority value (RFC 4412), in order; malformed lines are left out."""
        return self._resource_priorities(capi.SIPMSG_HDR_ACCEPT_RESOURCE_PRIORITY)

    @property
    def charging_vector(self) -> Optional[ChargingVector]:
        """P-Charging-Vector (RFC 7315 §5.6), or None when absent or malformed."""
        v = self._h.charging_vector_view()
        return None if v is None else ChargingVector._from(v)

    @property
    def access_network_info(self) -> List[AccessNetworkInfo]:
        """Every P-Access-Network-Info value (RFC 7315 §5.4), in order; malformed lines are left out."""
        h = self._h
        out = []
        for k in range(h.typed_count(capi.SIPMSG_HDR_P_ACCESS_NETWORK_INFO)):
            v = h.access_network_info_at(k)
            if v is not None:
                out.append(AccessNetworkInfo._from(v))
        return out

    @property
    def max_forwards(self) -> Optional[int]:
        """Max-Forwards, or None when absent or malformed. Settable."""
        n: int = self._h.number(capi.SIPMSG_HDR_MAX_FORWARDS)
        return None if n < 0 else n

    @max_forwards.setter
    def max_forwards(self, value: int) -> None:
        self._h.set_number(capi.SIPMSG_HDR_MAX_FORWARDS, whole("max_forwards", value, 0, _UINT32))

    @property
    def sdp(self) -> Optional[Sdp]:
        """The body as an :class:`Sdp` when Content-Type is application/sdp (or
        the first application/sdp part of a multipart body); None otherwise.

        The SDP lives in the message (and keeps it alive); editing it does
        not change the body until it is set again (``msg.body = sdp``).
        Raises :class:`sipmsg.ParseError` when the body is not an SDP (also
        in a lenient parse when not one line is ``<letter>=<value>``, as
        :func:`parse_sdp`).
        """
        s = self._h.sdp()
        return None if s is None else Sdp._wrap(_checked(s))

    @property
    def parts(self) -> "List[Part]":
        """The parts of a multipart body (RFC 2046), nested ones under
        :attr:`Part.parts`; ``[]`` when the body is not multipart."""
        mp = self._h.multipart()
        return [] if mp is None else _parts(mp)

    @explains("subtype must be a token, boundary 1 to 70 characters of RFC 2046's bchars (not ending in a "
              "space), and a part's content_type and headers without CR, LF or NUL")
    def set_multipart(self, parts: "Iterable[Union[Part, Tuple[Optional[str], BodyLike]]]",
                      subtype: str = "mixed", boundary: Optional[str] = None) -> None:
        """Make the body multipart/``subtype`` of ``parts``: :class:`Part`
        objects or ``(content_type, body)`` pairs (an :class:`Sdp` body is
        written out). Content-Type (with the boundary; a new random one when
        None) and Content-Length are set."""
        builder = capi.MultipartBuilder()
        for p in parts:
            body: BodyLike
            if isinstance(p, Part):
                content_type, body, headers = p.content_type, p.body, p.headers
            else:
                (content_type, body), headers = p, ()
            text("a part's content_type", content_type, none=True)
            builder.add_part(content_type, body.to_bytes() if isinstance(body, Sdp) else body)
            for name, value in headers:
                if name.lower() != "content-type":
                    builder.add_header(name, value)
        self._h.set_multipart(text("subtype", subtype), builder, text("boundary", boundary, none=True))

    # -- typed builders (canonical values, written by the C library)

    @explains("transport must be a token (UDP, TCP, TLS, SCTP, WS, ...), host a host name or IP address, and "
              "branch a token")
    def push_via(self, host: str, port: Optional[int] = None, *, transport: str = "UDP",
                 branch: Optional[str] = None) -> None:
        """Add a Via on top: ``SIP/2.0/TRANSPORT HOST[:PORT];branch=BRANCH``
        (a new RFC 3261 branch, "z9hG4bK" and 16 random characters, when None)."""
        whole("port", port, 0, 65535, none=True)
        self._h.push_via(text("transport", transport), text("host", host), port or 0, text("branch", branch, none=True))

    @explains(_ADDR_HINT)
    def set_from(self, uri: Union[str, Uri], display_name: Optional[str] = None, tag: Optional[str] = None) -> None:
        """Set From to ``"display_name" <uri>;tag=tag`` (the URI must parse)."""
        self._h.set_from(text("display_name", display_name, none=True), _uri_text(uri), text("tag", tag, none=True))

    @explains(_ADDR_HINT)
    def set_to(self, uri: Union[str, Uri], display_name: Optional[str] = None, tag: Optional[str] = None) -> None:
        """Set To, as :meth:`set_from`."""
        self._h.set_to(text("display_name", display_name, none=True), _uri_text(uri), text("tag", tag, none=True))

    @explains(_ADDR_HINT)
    def add_contact(self, uri: Union[str, Uri], display_name: Optional[str] = None) -> None:
        """Add a Contact ``"display_name" <uri>``."""
        self._h.add_contact(text("display_name", display_name, none=True), _uri_text(uri))

    @explains(_URI_HINT)
    def add_route(self, uri: Union[str, Uri]) -> None:
        """Add a Route ``<uri>`` after the existing ones."""
        self._h.add_route(_uri_text(uri))

    def check(self) -> List[Diagnostic]:
        """Run the RFC 3261 checks (mandatory headers, repeated single-valued
        headers, CSeq method, Content-Length, ...; every header read typed) and
        return every diagnostic the message now has (:attr:`diagnostics`)."""
        self._h.check()
        return self.diagnostics


_new_cseq = tuple.__new__


class Part(NamedTuple):
    """One part of a multipart body: its Content-Type (None: text/plain by
    RFC 2046), its exact bytes, its other MIME headers, and the parts of a
    nested multipart part."""

    content_type: Optional[str]
    body: bytes
    headers: Sequence[Tuple[str, str]] = ()
    parts: "Sequence[Part]" = ()


def _parts(mp: Any) -> List[Part]:
    out = []
    for i in range(mp.part_count()):
        p = mp.part_at(i)
        headers = [(p.header_name(k), p.header_value(k)) for k in range(p.header_count())]
        nested = p.nested()
        out.append(Part(p.content_type(), p.body(), headers, [] if nested is None else _parts(nested)))
    return out


class Request(Message):
    """A SIP request.

    Build one from keywords::

        req = sipmsg.Request("OPTIONS", "sip:bob@example.com",
                             headers=[("Call-ID", "a84b4c76e66710"), ("CSeq", "1 OPTIONS")])

    ``headers`` are added in order; ``body`` (bytes, or str encoded as UTF-8)
    sets Content-Length, and ``content_type`` sets Content-Type.
    Content-Length is true to the body: one in ``headers`` is set to the
    body's length (0 without a body), and ``Content-Length: 0`` is added
    when there is none. To send a false one on purpose, set it afterwards
    (``msg.set_header("Content-Length", "999")``), which is written as given.
    """

    __slots__ = ()

    def __init__(self, method: str, uri: str, headers: Optional[HeadersLike] = None,
                 body: Optional[BodyLike] = None, content_type: Optional[str] = None) -> None:
        self._h = _explained("Request()", capi.request_new, _METHOD_HINT + "; " + _URI_HINT, text("method", method),
                             text("uri", uri))
        _fill(self, headers, body, content_type)

    @property
    def method(self) -> str:
        """The method ("INVITE", or any extension token). Settable."""
        method: str = self._h.method()
        return method

    @method.setter
    @explains(_METHOD_HINT)
    def method(self, value: str) -> None:
        self._h.set_method(text("method", value))

    @property
    def uri(self) -> str:
        """The Request-URI as written. Settable."""
        uri: str = self._h.request_uri()
        return uri

    @uri.setter
    @explains(_URI_HINT)
    def uri(self, value: str) -> None:
        self._h.set_request_uri(text("uri", value))

    @property
    def request_uri(self) -> Uri:
        """The Request-URI, parsed (a :class:`Uri` view). Raises
        :class:`sipmsg.Error` when it is malformed (see :attr:`diagnostics`)."""
        u = self._h.request_uri_view()
        if u is None:
            raise capi.Error("the Request-URI is malformed (see msg.diagnostics)", status="syntax",
                             reason="malformed Request-URI")
        return Uri._wrap(u)

    def make_response(self, status: int, reason: Optional[str] = None, *,
                      to_tag: Optional[str] = None) -> "Response":
        """A response to this request (RFC 3261 §8.2.6): every Via in order,
        From, To, Call-ID and CSeq copied; a To tag added when To has none
        (``to_tag``, or a new random one; none for 100 Trying); Record-Route
        copied into 101-299 responses to dialog-creating requests; Timestamp
        copied; ``Content-Length: 0``. ``reason`` defaults to the registry's
        phrase."""
        resp = Response.__new__(Response)
        whole("status", status, 100, 699)
        resp._h = _explained("Request.make_response", self._h.make_response, _STATUS_HINT + ", and to_tag a token",
                             status,
                             text("reason", reason, none=True), text("to_tag", to_tag, none=True))
        return resp

    def make_ack(self, response: "Response") -> "Request":
        """The ACK for a non-2xx final ``response`` to this INVITE (RFC 3261
        §17.1.1.3): Request-URI, Call-ID, From, Route and the top Via of the
        INVITE, To of the response, the INVITE's CSeq number with method ACK.
        (The ACK of a 2xx is a new transaction the dialog builds.)"""
        if not isinstance(response, Response):
            raise TypeError(f"expected a sipmsg.Response, not {type(response).__name__}")
        ack = Request.__new__(Request)
        ack._h = self._h.make_ack(response._h)
        return ack

    def make_cancel(self) -> "Request":
        """A CANCEL for this INVITE (RFC 3261 §9.1): Request-URI, Call-ID, To,
        From, Route, the top Via and the CSeq number of the INVITE, method
        CANCEL."""
        cancel = Request.__new__(Request)
        cancel._h = self._h.make_cancel()
        return cancel

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.uri}, {self._summary()}>"


class Response(Message):
    """A SIP response.

    Build one from keywords::

        resp = sipmsg.Response(486, headers=[("Call-ID", "a84b4c76e66710")])

    ``reason`` defaults to the IANA registry's phrase ("Busy Here");
    ``headers``, ``body`` and ``content_type`` work as for :class:`Request`.
    """

    __slots__ = ()

    def __init__(self, status: int, headers: Optional[HeadersLike] = None, body: Optional[BodyLike] = None,
                 reason: Optional[str] = None, content_type: Optional[str] = None) -> None:
        self._h = _explained("Response()", capi.response_new, _STATUS_HINT, whole("status", status, 100, 699),
                             text("reason", reason, none=True))
        _fill(self, headers, body, content_type)

    @property
    def status(self) -> int:
        """The status code. Setting it also resets the reason to the registry's phrase."""
        status: int = self._h.status()
        return status

    @status.setter
    def status(self, value: int) -> None:
        _explained("Response.status", self._h.set_status, _STATUS_HINT, whole("status", value, 100, 699), None)

    @property
    def reason(self) -> str:
        """The reason phrase (possibly empty). Settable."""
        reason: str = self._h.reason()
        return reason

    @reason.setter
    def reason(self, value: str) -> None:
        _explained("Response.reason", self._h.set_status, _STATUS_HINT, self.status, text("reason", value))

    def __repr__(self) -> str:
        return f"<Response {self.status} {self.reason}, {self._summary()}>"


def _fill(msg: Message, headers: Optional[HeadersLike], body: Optional[BodyLike],
          content_type: Optional[str]) -> None:
    h = msg._h
    if headers is not None:
        if isinstance(headers, (str, bytes)):
            raise TypeError("headers must be (name, value) pairs or a mapping, not a str")
        items = headers.items() if isinstance(headers, Mapping) else headers
        for item in items:
            if not isinstance(item, (tuple, list)) or len(item) != 2:
                raise TypeError(f"headers must be (name, value) pairs or a mapping, not an item {item!r}")
            _explained(type(msg).__name__ + "()", h.header_add, f"header {item[0]!r}: " + _HEADER_HINT,
                       text("a header name", item[0]),
                       text(f"the value of header {item[0]!r}", item[1]))
    if body is not None:
        msg.set_body(body, content_type)
        return
    if content_type is not None:
        _explained(type(msg).__name__ + "()", h.header_set, "content_type must be a media type without CR, LF or NUL",
                   "Content-Type",
                   text("content_type", content_type))
    # Headers copied from another message (Response(200, headers=req.headers))
    # carry its Content-Length; without a body it must say 0.
    first = h.header_find(capi.SIPMSG_HDR_CONTENT_LENGTH, 0)
    if first < 0:
        h.header_add("Content-Length", "0")
    elif h.header_at(first)[1] != "0" or h.header_find(capi.SIPMSG_HDR_CONTENT_LENGTH, first + 1) >= 0:
        h.header_set("Content-Length", "0")
