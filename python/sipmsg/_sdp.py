# SPDX-License-Identifier: MIT
"""SDP (RFC 8866): session descriptions parsed, read, built, edited and written.

:class:`Sdp` and :class:`Media` are views of the C library's SDP objects:
every line is parsed, formatted and written by C. An :class:`Sdp` read from
a message (``msg.sdp``) lives in that message and keeps it alive; one from
:func:`parse_sdp` or the constructor owns itself. :class:`Origin`,
:class:`Connection`, :class:`Rtpmap`, :class:`Codec` and :class:`SourceFilter`
are plain values.
"""

from typing import Any, Iterable, List, NamedTuple, Optional, Tuple, Union

from . import capi
from ._common import Diagnostic, data as _data, diagnostic, explains, limits, text, whole

#: An attribute: its name and its value (None for a flag attribute such as ``a=sendrecv``).
Attribute = Tuple[str, Optional[str]]

_DIRECTIONS = {capi.SIPMSG_SDP_DIR_SENDRECV: "sendrecv", capi.SIPMSG_SDP_DIR_SENDONLY: "sendonly",
               capi.SIPMSG_SDP_DIR_RECVONLY: "recvonly", capi.SIPMSG_SDP_DIR_INACTIVE: "inactive"}
_DIRECTION_IDS = {v: k for k, v in _DIRECTIONS.items()}


class Origin(NamedTuple):
    """The o= line (RFC 8866 §5.2)."""

    #: the user's login, "-" when none
    username: str
    #: the session id (a number)
    session_id: int
    #: the session version (a number)
    session_version: int
    #: unicast address or FQDN of the machine the session was made on
    address: str
    #: network type
    nettype: str = "IN"
    #: "IP4" or "IP6"; None when building: the library takes it from the address
    addrtype: Optional[str] = None


class Connection(NamedTuple):
    """A c= line (RFC 8866 §5.7)."""

    #: the address, without /ttl and /count
    address: str
    #: network type
    nettype: str = "IN"
    #: "IP4" or "IP6"; None when building: the library takes it from the address
    addrtype: Optional[str] = None
    #: IPv4 multicast TTL, None when absent
    ttl: Optional[int] = None
    #: number of multicast addresses (after the second "/"), None when absent
    num_addresses: Optional[int] = None


class Rtpmap(NamedTuple):
    """An a=rtpmap line: ``<payload type> <encoding>/<clock rate>[/<parameters>]``."""

    payload_type: int
    #: "PCMU", "opus", ... as written
    encoding: str
    #: Hz (0 when the line has none)
    clock_rate: int
    #: the encoding parameters as written ("2": channels for audio), None when absent
    params: Optional[str] = None


class SourceFilter(NamedTuple):
    """An a=source-filter line (RFC 4570): which sources a receiver takes
    ("incl") or drops ("excl") for a destination."""

    #: "incl" or "excl"
    mode: str
    #: network type ("IN")
    nettype: str
    #: "IP4", "IP6" or "*" (both)
    addrtype: str
    #: the destination (a c= address), "*" for every one
    dest_address: str
    #: the source addresses or FQDNs, in order
    sources: Tuple[str, ...]


def _source_filters(sec: Any) -> List[SourceFilter]:
    out = []
    i = sec.attr_find_name("source-filter", 0)
    while i >= 0:
        f = sec.source_filter_at(i)
        if f is not None:
            out.append(SourceFilter(f.mode(), f.nettype(), f.addrtype(), f.dest_address(),
                                    tuple(f.source_at(k) for k in range(f.source_count()))))
        i = sec.attr_find_name("source-filter", i + 1)
    return out


class Codec(NamedTuple):
    """One codec of a media section: an m= format that is a payload type,
    with what its rtpmap and fmtp say (or RFC 3551's static table)."""

    payload_type: int
    #: encoding name ("" when unknown)
    name: str
    #: Hz (0 when unknown)
    clock_rate: int
    #: channels (0 when not given)
    channels: int
    #: the fmtp parameters as written, None when there is no fmtp
    fmtp: Optional[str] = None


def _lines(sec: Any) -> List[Tuple[str, str]]:
    return [(sec.line_type(i), sec.line_raw(i)) for i in range(sec.line_count())]


def _attributes(sec: Any) -> List[Attribute]:
    out = []
    i = sec.line_find("a", 0)
    while i >= 0:
        out.append((sec.line_name(i), sec.line_value(i)))
        i = sec.line_find("a", i + 1)
    return out


def _connection(c: Any) -> Optional[Connection]:
    if c is None:
        return None
    ttl = c.ttl()
    count = c.count()
    return Connection(c.address(), c.nettype(), c.addrtype(), None if ttl < 0 else ttl, count or None)


_UINT64 = (1 << 64) - 1
_VALUE_HINT = "values have no CR, LF or NUL"
_ATTR_HINT = "an attribute name is a token (letters, digits and -.!%*_+`'~) and its value has no CR, LF or NUL"


@explains("a Connection's address, nettype and addrtype are words without spaces, CR, LF or NUL")
def _set_connection(sec: Any, conn: Connection) -> None:
    if not isinstance(conn, Connection):
        raise TypeError(f"connection must be a sipmsg.Connection, not {type(conn).__name__}")
    whole("Connection.ttl", conn.ttl, 0, 255, none=True)
    whole("Connection.num_addresses", conn.num_addresses, 1, 0xFFFFFFFF, none=True)
    sec.set_connection(text("Connection.nettype", conn.nettype), text("Connection.addrtype", conn.addrtype, none=True),
                       text("Connection.address", conn.address), -1 if conn.ttl is None else conn.ttl,
                       conn.num_addresses or 0)


@explains(_ATTR_HINT)
def _attr_add(sec: Any, name: Any, value: Any) -> None:
    sec.attr_add(text("the attribute name", name), text(f"the value of attribute {name!r}", value, none=True))


@explains("media and proto must be tokens without spaces, and each format a word without spaces, CR, LF or NUL",
          "Media()")
def _media_spec(media: Any, port: Any, proto: Any, formats: Any, port_count: Any) -> Any:
    spec = capi.SdpMediaSpec(text("media", media), whole("port", port, 0, 65535),
                             whole("port_count", port_count or 0, 0, 0xFFFFFFFF), text("proto", proto))
    _add_formats(spec, formats)
    return spec


def _add_formats(spec: Any, formats: Any) -> None:
    if isinstance(formats, (str, bytes)):
        raise TypeError("formats must be a list of formats (payload types such as 0 or \"0\"), not a str")
    for f in formats:
        if isinstance(f, bool) or not isinstance(f, (int, str)):
            raise TypeError(f"a format must be an int or a str, not {type(f).__name__} {f!r}")
        if isinstance(f, int) and f < 0:
            raise ValueError(f"a format given as a number must not be negative: {f}")
        spec.add_format(str(f))


class Media:
    """One media description (an m= section) with its lines.

    Build one with ``Media("audio", 49170, "RTP/AVP", [0, 8, 101],
    attributes=[("rtpmap", "0 PCMU/8000"), ("sendrecv", None)])`` and give
    it to :class:`Sdp`; or read ``sdp.media[i]``, a view into that SDP
    (changing it changes the SDP; it keeps the SDP alive).
    """

    __slots__ = ("_sec",)
    _sec: Any

    def __init__(self, media: str, port: int, proto: str, formats: Iterable[Union[int, str]],
                 attributes: Iterable[Attribute] = (), *, port_count: Optional[int] = None,
                 connection: Optional[Connection] = None) -> None:
        spec = _media_spec(media, port, proto, formats, port_count)
        # A media section lives in an SDP: this one has its own until an Sdp copies it.
        self._sec = capi.sdp_new().add_media(spec)
        if connection is not None:
            _set_connection(self._sec, connection)
        for name, value in attributes:
            _attr_add(self._sec, name, value)

    @classmethod
    def _wrap(cls, handle: Any) -> "Media":
        m = cls.__new__(cls)
        m._sec = handle
        return m

    def _live(self) -> Any:
        """The section, to edit; an error when it is no longer in its SDP,
        where the edit would be kept nowhere."""
        if self._sec.is_removed():
            why = ("this media section is no longer in its Sdp (remove_media, insert_media or replace_media "
                   "took it out or re-made it): take it again from sdp.media")
            raise capi.Error(why, status="state", reason=why)
        return self._sec

    @property
    def removed(self) -> bool:
        """True once the section is no longer in its SDP: reading it still
        works, editing it raises :class:`sipmsg.Error` (status "state")."""
        removed: bool = self._sec.is_removed()
        return removed

    @property
    def media(self) -> str:
        """"audio", "video", "application", ..."""
        media: str = self._sec.media()
        return media

    @property
    def port(self) -> Optional[int]:
        """The port; None when the m= line's port is malformed (the
        diagnostics say where). Settable."""
        port: int = self._sec.port()
        return None if port < 0 else port

    @port.setter
    def port(self, value: int) -> None:
        whole("port", value, 0, 65535)
        sec = self._live()
        if sec.port() < 0:
            raise capi.Error("the m= line's port is malformed, so it cannot be changed: replace the section "
                             "(Sdp.replace_media)", status="syntax", reason="malformed m= line")
        sec.set_port(value)

    @property
    def port_count(self) -> Optional[int]:
        """The number of ports after "/", or None."""
        n: int = self._sec.port_count()
        return n if n > 0 else None

    @property
    def proto(self) -> str:
        """"RTP/AVP", "UDP/TLS/RTP/SAVPF", ..."""
        proto: str = self._sec.proto()
        return proto

    @property
    def formats(self) -> List[str]:
        """The formats of the m= line, as written (payload types for RTP: ["0", "8", "101"]).

        Settable to a non-empty list of ints or strs: the m= line is rewritten
        with them (media, port and proto kept); the a= lines are left as they
        are (remove an rtpmap of a dropped payload type yourself)."""
        sec = self._sec
        return [sec.format_at(i) for i in range(sec.format_count())]

    @formats.setter
    @explains("each format is a word without spaces, CR, LF or NUL, and there is at least one")
    def formats(self, value: Iterable[Union[int, str]]) -> None:
        sec = self._live()
        spec = capi.SdpMediaSpec("x", 0, 0, "x")
        _add_formats(spec, value)
        if sec.port() < 0:
            raise capi.Error("the m= line is malformed, so its formats cannot be changed: replace the section "
                             "(Sdp.replace_media)", status="syntax", reason="malformed m= line")
        sec.set_formats(spec)

    @property
    def payload_types(self) -> List[int]:
        """The formats that are RTP payload types (0..127), as numbers."""
        sec = self._sec
        return [sec.codec_at(i).payload_type() for i in range(sec.codec_count())]

    @property
    def attributes(self) -> List[Attribute]:
        """Every a= line in order, as ``(name, value)``; value None for a flag."""
        return _attributes(self._sec)

    def attribute(self, name: str) -> Optional[str]:
        """The value of the first a= line called ``name`` (any case); None when
        there is none or it is a flag (see :meth:`has_attribute`)."""
        i = self._sec.attr_find_name(name, 0)
        if i < 0:
            return None
        value: Optional[str] = self._sec.line_value(i)
        return value

    def has_attribute(self, name: str) -> bool:
        """True when an a= line called ``name`` (any case) is present."""
        found: bool = self._sec.attr_find_name(name, 0) >= 0
        return found

    def add_attribute(self, name: str, value: Optional[str] = None) -> None:
        """Append an a= line (value None: a flag such as ``a=sendrecv``)."""
        _attr_add(self._live(), name, value)

    def remove_attribute(self, name: str) -> int:
        """Remove every a= line called ``name``; returns how many."""
        removed: int = self._live().attr_remove_all(text("name", name))
        return removed

    @property
    def rtpmaps(self) -> List[Rtpmap]:
        """Every a=rtpmap, in order (malformed ones are left out and reported as diagnostics)."""
        sec = self._sec
        out = []
        i = sec.attr_find_name("rtpmap", 0)
        while i >= 0:
            r = sec.rtpmap_at(i)
            if r is not None:
                out.append(Rtpmap(r.payload_type(), r.encoding(), r.clock_rate(), r.encoding_params()))
            i = sec.attr_find_name("rtpmap", i + 1)
        return out

    @property
    def source_filters(self) -> List[SourceFilter]:
        """Every a=source-filter of this media section, in order (malformed ones
        are left out and reported as diagnostics)."""
        return _source_filters(self._sec)

    @property
    def codecs(self) -> List[Codec]:
        """The codecs, in the order of the m= formats."""
        sec = self._sec
        out = []
        for i in range(sec.codec_count()):
            c = sec.codec_at(i)
            out.append(Codec(c.payload_type(), c.name(), c.clock_rate(), c.channels(), c.fmtp()))
        return out

    @property
    def direction(self) -> str:
        """"sendrecv", "sendonly", "recvonly" or "inactive": the section's own
        attribute, else the session's, else "sendrecv" (RFC 8866 §6.7).
        Setting it replaces the section's direction attribute."""
        return _DIRECTIONS.get(self._sec.direction(), "sendrecv")

    @direction.setter
    def direction(self, value: str) -> None:
        try:
            sec, direction = self._live(), _DIRECTION_IDS[value]
            sec.set_direction(direction)
        except KeyError:
            raise ValueError(f"direction must be one of {sorted(_DIRECTION_IDS)}, not {value!r}") from None

    @property
    def connection(self) -> Optional[Connection]:
        """The section's c= line, else the session's; None when neither has one. Settable."""
        return _connection(self._sec.connection())

    @connection.setter
    def connection(self, value: Connection) -> None:
        _set_connection(self._live(), value)

    @property
    def lines(self) -> List[Tuple[str, str]]:
        """Every line of the section as ``(type, line)``, m= first, without line ends."""
        return _lines(self._sec)

    def __repr__(self) -> str:
        return f"<Media {self._sec.line_raw(0)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Media):
            return NotImplemented
        return self._sec.same(other._sec) or self.lines == other.lines

    __hash__ = None  # type: ignore[assignment]


class Sdp:
    """A session description (RFC 8866).

    Build one from objects::

        sdp = sipmsg.Sdp(origin=sipmsg.Origin(username="alice", session_id=2890844526,
                                              session_version=1, address="198.51.100.1"),
                         session_name="call",
                         connection=sipmsg.Connection(address="198.51.100.1"),
                         media=[sipmsg.Media("audio", 49170, "RTP/AVP", [0, 8])])

    or parse one (:func:`parse_sdp`, ``msg.sdp``). ``bytes(sdp)`` writes it:
    untouched parsed lines keep their bytes, new ones are canonical. An SDP
    read from a message lives in the message; changing it does not change
    the message's body until it is set again (``msg.body = sdp``).
    """

    __slots__ = ("_s",)
    _s: Any

    def __init__(self, *, origin: Optional[Origin] = None, session_name: str = "-",
                 connection: Optional[Connection] = None, media: Iterable[Media] = (),
                 timing: Tuple[int, int] = (0, 0), attributes: Iterable[Attribute] = ()) -> None:
        s = self._s = capi.sdp_new()
        if origin is not None:
            self.origin = origin
        self.session_name = session_name
        self.timing = timing
        session = s.session()
        if connection is not None:
            _set_connection(session, connection)
        for name, value in attributes:
            _attr_add(session, name, value)
        for m in media:
            self.add_media(m)

    @classmethod
    def _wrap(cls, handle: Any) -> "Sdp":
        s = cls.__new__(cls)
        s._s = handle
        return s

    @property
    def origin(self) -> Optional[Origin]:
        """The o= line, or None when it is missing or malformed. Settable."""
        o = self._s.origin()
        if o is None:
            return None
        return Origin(o.username(), o.sess_id_value(), o.sess_version_value(), o.address(), o.nettype(),
                      o.addrtype())

    @origin.setter
    @explains("an Origin's username, nettype, addrtype and address are words without spaces, CR, LF or NUL")
    def origin(self, value: Origin) -> None:
        if not isinstance(value, Origin):
            raise TypeError(f"origin must be a sipmsg.Origin, not {type(value).__name__}")
        # RFC 8866 §5.2: both are numbers (NTP times are suggested)
        sess_id = whole("Origin.session_id", value.session_id, 0, _UINT64)
        version = whole("Origin.session_version", value.session_version, 0, _UINT64)
        self._s.set_origin(text("Origin.username", value.username), str(sess_id), str(version),
                           text("Origin.nettype", value.nettype), text("Origin.addrtype", value.addrtype, none=True),
                           text("Origin.address", value.address))

    @property
    def session_name(self) -> Optional[str]:
        """The s= line's value, None when there is no s=. Settable."""
        name: Optional[str] = self._s.session_name()
        return name

    @session_name.setter
    @explains("session_name has no CR, LF or NUL")
    def session_name(self, value: str) -> None:
        self._s.set_session_name(text("session_name", value))

    @property
    def timing(self) -> Optional[Tuple[int, int]]:
        """The first t= line as ``(start, stop)``, None when absent or malformed. Settable."""
        start = self._s.timing_start()
        if start < 0:
            return None
        return start, self._s.timing_stop()

    @timing.setter
    def timing(self, value: Tuple[int, int]) -> None:
        if not isinstance(value, tuple) or len(value) != 2:
            raise TypeError(f"timing must be a (start, stop) pair, not {value!r}")
        self._s.set_timing(whole("the timing start", value[0], 0, _UINT64),
                           whole("the timing stop", value[1], 0, _UINT64))

    @property
    def connection(self) -> Optional[Connection]:
        """The session-level c= line, or None. Settable."""
        return _connection(self._s.session().connection())

    @connection.setter
    def connection(self, value: Connection) -> None:
        _set_connection(self._s.session(), value)

    @property
    def attributes(self) -> List[Attribute]:
        """The session-level a= lines in order, as ``(name, value)``."""
        return _attributes(self._s.session())

    def add_attribute(self, name: str, value: Optional[str] = None) -> None:
        """Append a session-level a= line (value None: a flag)."""
        _attr_add(self._s.session(), name, value)

    def remove_attribute(self, name: str) -> int:
        """Remove every session-level a= line called ``name``; returns how many."""
        removed: int = self._s.session().attr_remove_all(text("name", name))
        return removed

    @property
    def source_filters(self) -> List[SourceFilter]:
        """Every session-level a=source-filter, in order (malformed ones are
        left out and reported as diagnostics)."""
        return _source_filters(self._s.session())

    @property
    def direction(self) -> Optional[str]:
        """The session-level direction attribute, or None when there is none."""
        return _DIRECTIONS.get(self._s.session().direction())

    @property
    def media(self) -> List[Media]:
        """The media sections in order (views into this SDP)."""
        s = self._s
        return [Media._wrap(s.media_at(i)) for i in range(s.media_count())]

    def add_media(self, media: Media) -> Media:
        """Append a copy of ``media`` (its m= line and every other line); returns the new section."""
        if not isinstance(media, Media):
            raise TypeError(f"expected a sipmsg.Media, not {type(media).__name__}")
        return Media._wrap(self._s.add_media_copy(media._sec))

    def insert_media(self, index: int, media: Media) -> Media:
        """Put a copy of ``media`` at media index ``index`` (negative: from the
        end; ``len(sdp.media)`` appends); returns the new section.

        The library only appends sections, so the ones from ``index`` on are
        copied back after it: their lines keep their text but are written
        canonically, and :class:`Media` objects taken from them before are
        stale (:attr:`Media.removed`; take them again from :attr:`media`)."""
        if not isinstance(media, Media):
            raise TypeError(f"media must be a sipmsg.Media, not {type(media).__name__}")
        count = self._s.media_count()
        at = count if index == count else self._media_index(index, end=True)
        return Media._wrap(self._s.place_media_copy(at, False, media._sec))

    def replace_media(self, index: int, media: Media) -> Media:
        """Put a copy of ``media`` instead of media section ``index``; returns
        the new section. The old section's :class:`Media` objects, and those
        of the sections after it, are stale, as for :meth:`insert_media`."""
        if not isinstance(media, Media):
            raise TypeError(f"media must be a sipmsg.Media, not {type(media).__name__}")
        return Media._wrap(self._s.place_media_copy(self._media_index(index), True, media._sec))

    def remove_media(self, index: int) -> None:
        """Remove media section ``index`` (later ones move down). A
        :class:`Media` of the removed section is stale: editing it raises
        :class:`sipmsg.Error` (status "state")."""
        self._s.remove_media(self._media_index(index))

    def _media_index(self, index: int, end: bool = False) -> int:
        """``index`` counted from the end when negative; IndexError when out of
        range (``end``: the count itself is allowed, for an insert)."""
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError(f"index must be a whole number, not {type(index).__name__} {index!r}")
        count: int = self._s.media_count()
        k = index + count if index < 0 else index
        if not 0 <= k < count + (1 if end else 0):
            raise IndexError(f"media index {index} out of range: the SDP has {count} media section"
                             f"{'s' if count != 1 else ''}")
        return k

    def media_by_mid(self, mid: str) -> Optional[Media]:
        """The media section whose a=mid is ``mid``, or None."""
        sec = self._s.media_by_mid(mid)
        return None if sec is None else Media._wrap(sec)

    @property
    def lines(self) -> List[Tuple[str, str]]:
        """The session-level lines as ``(type, line)``, without line ends."""
        return _lines(self._s.session())

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """What the parse, the typed reads so far and the last :meth:`check` found."""
        s = self._s
        return [diagnostic(s.diag_at(i)) for i in range(s.diag_count())]

    def check(self) -> List[Diagnostic]:
        """Run the RFC 8866 checks (mandatory lines, payload types, ports,
        addresses, attribute scope, mids, groups) and return every diagnostic."""
        self._s.check()
        return self.diagnostics

    @property
    def modified(self) -> bool:
        """True once the SDP was edited after it was parsed."""
        modified: bool = self._s.is_modified()
        return modified

    def to_bytes(self, *, canonical: bool = False) -> bytes:
        """The SDP's bytes (``canonical``: every line end CRLF)."""
        data: bytes = self._s.write(capi.SIPMSG_WRITE_CANONICAL if canonical else 0)
        return data

    def __bytes__(self) -> bytes:
        return self.to_bytes()

    def __str__(self) -> str:
        return self.to_bytes().decode("utf-8", "surrogateescape")

    def copy(self) -> "Sdp":
        """An independent copy (parsed from this one's bytes)."""
        return parse_sdp(self.to_bytes())

    def __repr__(self) -> str:
        n = self._s.media_count()
        return f"<Sdp {self.session_name!r}, {n} media section{'s' if n != 1 else ''}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sdp):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    __hash__ = None  # type: ignore[assignment]


def _checked(handle: Any) -> Any:
    """``handle``, or a ParseError when not one line of it is an SDP line.

    The C parser fails only an empty SDP outright; lenient, it keeps
    every line that is not ``<letter>=<value>`` and reports it (strict, it
    fails on the first). Text of which nothing is SDP ("hello", an HTML
    error page) is not an SDP with odd lines, so it fails here, where the
    first of those reports says."""
    session = handle.session()
    if handle.media_count() or any(session.line_type(i) for i in range(session.line_count())):
        return handle
    diags = [diagnostic(handle.diag_at(i)) for i in range(handle.diag_count())]
    placed = [d for d in diags if d.offset is not None]
    first = next((d for d in placed if d.severity == "error"), placed[0] if placed else None)
    reason = "not an SDP: no line is <letter>=<value>"
    if first is None or first.offset is None:
        raise capi.ParseError(reason, status="syntax", code="sdp-bad-line", reason=reason)
    reason += f" ({first.message})"
    raise capi.ParseError(f"line {first.line}, column {first.column}: {reason}", status="syntax", code=first.code,
                          offset=first.offset, line=first.line, column=first.column, reason=reason)


def parse_sdp(data: Union[bytes, bytearray, memoryview, str], strict: bool = False, *,
              max_sdp_lines: int = 0, max_line_length: int = 0, max_list_items: int = 0) -> Sdp:
    """Parse a bare SDP body (CRLF or LF line ends) into an :class:`Sdp`.

    Lenient by default: lines out of order, missing mandatory lines and
    unknown lines are kept and reported in :attr:`Sdp.diagnostics`;
    ``strict=True`` fails on them. Raises :class:`sipmsg.ParseError` with
    the position when the bytes are not an SDP (in lenient mode too when not
    one line is ``<letter>=<value>``: ``b"hello"`` is not an SDP with an odd
    line), or when it goes over a limit:
    ``max_sdp_lines`` (default 16384), ``max_line_length`` (65536 bytes) and
    ``max_list_items`` (1024 items in one value), each 0 for its default.
    """
    _data("data", data)
    flags = capi.SIPMSG_PARSE_STRICT if strict else 0
    lim = limits(0, 0, max_line_length, max_list_items, 0, max_sdp_lines, 0)
    if lim is None:
        return Sdp._wrap(_checked(capi.sdp_parse(data, flags)))
    return Sdp._wrap(_checked(capi.sdp_parse_limits(data, flags, *lim)))
