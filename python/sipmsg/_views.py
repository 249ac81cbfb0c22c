# SPDX-License-Identifier: MIT
"""Typed header views: URIs, name-addrs (From, To, Contact), Via, CSeq, and
the IMS and priority headers (Session-ID, Resource-Priority, P-Charging-Vector,
P-Access-Network-Info).

Each view wraps a handle of the SWIG module that holds a copy of the C
library's struct and a reference on the message it points into (counted in
C), so a view stays valid after its message is gone, and objects may be
freed in any order. A view shows the header as it was when the view was
taken; read it again from the message after an edit.

Nothing is parsed here: every field comes from the C library, and
comparisons use its rules (RFC 3261 §19.1.4 for URIs).
"""

from typing import Any, List, NamedTuple, Optional, Tuple

from . import capi
from ._common import text as _text

#: A parameter: its name as written and its value (None for a valueless one, ``;lr``).
Param = Tuple[str, Optional[str]]

_SCHEMES = {capi.SIPMSG_SCHEME_SIP: "sip", capi.SIPMSG_SCHEME_SIPS: "sips", capi.SIPMSG_SCHEME_TEL: "tel"}
_HOST_TYPES = {capi.SIPMSG_HOST_NAME: "name", capi.SIPMSG_HOST_IPV4: "ipv4", capi.SIPMSG_HOST_IPV6: "ipv6"}


def _params(h: Any) -> List[Param]:
    return [(h.param_name(i), h.param_value(i)) for i in range(h.param_count())]


def _find(params: List[Param], name: str) -> Optional[str]:
    low = name.lower()
    for n, v in params:
        if n.lower() == low:
            return v
    return None


def _opt_int(n: int) -> Optional[int]:
    return None if n < 0 else n


class Uri:
    """A URI: sip, sips, tel, or any other absoluteURI (kept opaque).

    ``sipmsg.Uri("sip:bob@example.com;transport=tcp")`` parses one (raising
    :class:`sipmsg.ParseError` when it is not a URI); messages hand them out
    as ``msg.from_.uri``, ``msg.request_uri``, ...

    ``==`` compares by RFC 3261 §19.1.4 (sip, sips) or RFC 3966 (tel), also
    against a str, which is parsed first: ``uri == "sip:BOB@Example.COM"``
    compares the host case-insensitively and the user case-sensitively.
    Components keep their escapes as written; :func:`sipmsg.unescape`
    decodes one.
    """

    __slots__ = ("_u",)
    _u: Any

    def __init__(self, text: str) -> None:
        self._u = capi.uri_parse(_text("text", text))

    @classmethod
    def _wrap(cls, handle: Any) -> "Uri":
        u = cls.__new__(cls)
        u._u = handle
        return u

    @property
    def raw(self) -> str:
        """The URI as written."""
        raw: str = self._u.raw()
        return raw

    @property
    def scheme(self) -> str:
        """"sip", "sips" or "tel" (in lower case), or the other scheme as written."""
        known = _SCHEMES.get(self._u.scheme())
        if known is not None:
            return known
        name: str = self._u.scheme_name()
        return name

    @property
    def user(self) -> Optional[str]:
        """The user part (sip, sips; escapes kept), or the number of a tel URI; None when absent."""
        user: Optional[str] = self._u.user()
        return user

    @property
    def password(self) -> Optional[str]:
        """The password after ``user:``, or None."""
        password: Optional[str] = self._u.password()
        return password

    @property
    def host(self) -> Optional[str]:
        """The host as written (an IPv6 reference keeps its brackets); None for tel and opaque URIs."""
        host: Optional[str] = self._u.host()
        return host

    @property
    def host_type(self) -> Optional[str]:
        """"name", "ipv4", "ipv6", or None when there is no host."""
        return _HOST_TYPES.get(self._u.host_type())

    @property
    def port(self) -> Optional[int]:
        """The port, or None when none is written."""
        return _opt_int(self._u.port())

    @property
    def transport(self) -> Optional[str]:
        """The transport parameter's value."""
        v: Optional[str] = self._u.transport()
        return v

    @property
    def user_param(self) -> Optional[str]:
        """The user parameter's value ("phone", "ip")."""
        v: Optional[str] = self._u.user_param()
        return v

    @property
    def method(self) -> Optional[str]:
        """The method parameter's value."""
        v: Optional[str] = self._u.method()
        return v

    @property
    def maddr(self) -> Optional[str]:
        """The maddr parameter's value."""
        v: Optional[str] = self._u.maddr()
        return v

    @property
    def ttl(self) -> Optional[str]:
        """The ttl parameter's value."""
        v: Optional[str] = self._u.ttl()
        return v

    @property
    def lr(self) -> bool:
        """True when the lr parameter is present (a loose router)."""
        lr: bool = self._u.lr()
        return lr

    @property
    def opaque(self) -> Optional[str]:
        """Other schemes: everything after ``scheme:``."""
        v: Optional[str] = self._u.opaque()
        return v

    @property
    def params(self) -> List[Param]:
        """The URI parameters in order, as ``(name, value)``; value None for a valueless one."""
        return _params(self._u)

    def param(self, name: str) -> Optional[str]:
        """The value of parameter ``name`` (case-insensitive); None when absent or valueless."""
        return _find(self.params, name)

    @property
    def headers(self) -> List[Param]:
        """The URI headers (``?subject=hi&priority=urgent``) in order."""
        u = self._u
        return [(u.header_name(i), u.header_value(i)) for i in range(u.header_count())]

    def __str__(self) -> str:
        return self.raw

    def __repr__(self) -> str:
        return f"sipmsg.Uri({self.raw!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            try:
                other = Uri(other)
            except capi.Error:
                return False
        if not isinstance(other, Uri):
            return NotImplemented
        equal: bool = self._u.equals(other._u)
        return equal

    # Equal URIs may be written differently (escapes, case, IPv6 forms).
    __hash__ = None  # type: ignore[assignment]


class NameAddr:
    """A name-addr or addr-spec with header parameters: From, To, Contact,
    Route, Record-Route, ... (``"Alice" <sip:alice@example.com>;tag=1928301774``).

    ``==`` compares the URIs (RFC 3261 §19.1.4), the display names and the
    parameters (names case-insensitively). ``str()`` is the value as written.
    """

    __slots__ = ("_n",)
    _n: Any

    def __init__(self) -> None:
        raise TypeError("NameAddr views come from a message: msg.from_, msg.to, msg.contacts")

    @classmethod
    def _wrap(cls, handle: Any) -> "NameAddr":
        n = cls.__new__(cls)
        n._n = handle
        return n

    @property
    def raw(self) -> str:
        """The value as written."""
        raw: str = self._n.raw()
        return raw

    @property
    def display_name(self) -> Optional[str]:
        """The display name, quotes and backslash escapes removed; None when there is none."""
        name: Optional[str] = self._n.display_name()
        return name

    @property
    def uri(self) -> Uri:
        """The URI (a view that keeps the message alive). A Contact ``*`` has none: ValueError."""
        u = self._n.uri()
        if u is None:
            raise ValueError("a Contact '*' has no URI")
        return Uri._wrap(u)

    @property
    def tag(self) -> Optional[str]:
        """The tag parameter's value, or None."""
        tag: Optional[str] = self._n.tag()
        return tag

    @property
    def star(self) -> bool:
        """True for a Contact ``*``."""
        star: bool = self._n.star()
        return star

    @property
    def q(self) -> Optional[str]:
        """The q parameter's value as written ("0.7"), or None."""
        q: Optional[str] = self._n.q()
        return q

    @property
    def expires(self) -> Optional[int]:
        """The expires parameter's value (Contact), or None."""
        return _opt_int(self._n.expires())

    @property
    def params(self) -> List[Param]:
        """The header parameters after the URI, in order (tag included)."""
        return _params(self._n)

    def param(self, name: str) -> Optional[str]:
        """The value of parameter ``name`` (case-insensitive); None when absent or valueless."""
        return _find(self.params, name)

    def __str__(self) -> str:
        return self.raw

    def __repr__(self) -> str:
        return f"<NameAddr {self.raw}>"

    def _params_key(self) -> List[Tuple[str, Optional[str]]]:
        return sorted((n.lower(), v) for n, v in self.params)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NameAddr):
            return NotImplemented
        if self.star or other.star:
            return self.star == other.star
        return (self.uri == other.uri and self.display_name == other.display_name
                and self._params_key() == other._params_key())

    __hash__ = None  # type: ignore[assignment]


class Via:
    """One Via value (``SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds``).

    ``==`` compares transport (any case), sent-by host (any case) and port,
    and the parameters (names case-insensitively). ``str()`` is the value as
    written.
    """

    __slots__ = ("_v",)
    _v: Any

    def __init__(self) -> None:
        raise TypeError("Via views come from a message: msg.vias (build one with msg.push_via())")

    @classmethod
    def _wrap(cls, handle: Any) -> "Via":
        v = cls.__new__(cls)
        v._v = handle
        return v

    @property
    def raw(self) -> str:
        """The via-parm as written."""
        raw: str = self._v.raw()
        return raw

    @property
    def protocol(self) -> str:
        """Protocol name and version ("SIP/2.0")."""
        return f"{self._v.protocol_name()}/{self._v.protocol_version()}"

    @property
    def transport(self) -> str:
        """"UDP", "TCP", "TLS", "SCTP", "WS", ... as written."""
        t: str = self._v.transport()
        return t

    @property
    def host(self) -> str:
        """The sent-by host as written (IPv6 in brackets)."""
        host: str = self._v.host()
        return host

    @property
    def host_type(self) -> Optional[str]:
        """"name", "ipv4" or "ipv6"."""
        return _HOST_TYPES.get(self._v.host_type())

    @property
    def port(self) -> Optional[int]:
        """The sent-by port, or None when none is written."""
        return _opt_int(self._v.port())

    @property
    def branch(self) -> Optional[str]:
        """The branch parameter, or None."""
        b: Optional[str] = self._v.branch()
        return b

    @property
    def received(self) -> Optional[str]:
        """The received parameter as written, or None."""
        r: Optional[str] = self._v.received()
        return r

    @property
    def has_rport(self) -> bool:
        """True when rport is present (RFC 3581), with or without a value."""
        has: bool = self._v.has_rport()
        return has

    @property
    def rport(self) -> Optional[int]:
        """rport's value; None when it is absent or valueless (see :attr:`has_rport`)."""
        return _opt_int(self._v.rport())

    @property
    def maddr(self) -> Optional[str]:
        """The maddr parameter, or None."""
        m: Optional[str] = self._v.maddr()
        return m

    @property
    def ttl(self) -> Optional[str]:
        """The ttl parameter as written, or None."""
        t: Optional[str] = self._v.ttl()
        return t

    @property
    def params(self) -> List[Param]:
        """Every parameter in order (branch, received, rport, ... included)."""
        return _params(self._v)

    def param(self, name: str) -> Optional[str]:
        """The value of parameter ``name`` (case-insensitive); None when absent or valueless."""
        return _find(self.params, name)

    def __str__(self) -> str:
        return self.raw

    def __repr__(self) -> str:
        return f"<Via {self.raw}>"

    def _key(self) -> Tuple[Any, ...]:
        return (self.protocol.upper(), self.transport.upper(), self.host.lower(), self.port,
                sorted((n.lower(), v) for n, v in self.params))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Via):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]


class CSeq(NamedTuple):
    """A CSeq: the sequence number and the method (``CSeq(314159, "INVITE")``)."""

    #: the sequence number (32 bits)
    number: int
    #: the method token, case as written
    method: str


class SessionId(NamedTuple):
    """Session-ID (RFC 7989 §4.2): ``msg.session_id``."""

    #: local-uuid: 32 hex digits (all "0" is the null UUID)
    local_uuid: str
    #: the remote parameter's UUID; None when absent
    remote_uuid: Optional[str]
    #: every parameter in order (remote included)
    params: List[Param]

    @classmethod
    def _from(cls, h: Any) -> "SessionId":
        return cls(h.local_uuid(), h.remote_uuid(), _params(h))


class ResourcePriority(NamedTuple):
    """One Resource-Priority or Accept-Resource-Priority value (RFC 4412
    §3.1): ``ResourcePriority("wps", "2")`` is ``wps.2``."""

    #: the namespace ("wps", "dsn", ...)
    namespace: str
    #: the priority within it ("2", "flash", ...)
    priority: str

    @classmethod
    def _from(cls, h: Any) -> "ResourcePriority":
        return cls(h.ns(), h.priority())


class ChargingVector(NamedTuple):
    """P-Charging-Vector (RFC 7315 §5.6): ``msg.charging_vector``."""

    #: icid-value (quotes removed when quoted)
    icid: str
    #: icid-generated-at (a host); None when absent
    icid_generated_at: Optional[str]
    #: orig-ioi; None when absent
    orig_ioi: Optional[str]
    #: term-ioi; None when absent
    term_ioi: Optional[str]
    #: transit-ioi, the quoted list without its quotes; None when absent
    transit_ioi: Optional[str]
    #: the parameters after icid-value, in order (the above included)
    params: List[Param]
    #: the entries of transit-ioi ("operatorA.1", "void.2"); empty when absent
    transit_iois: List[str] = []

    @classmethod
    def _from(cls, h: Any) -> "ChargingVector":
        return cls(h.icid(), h.icid_generated_at(), h.orig_ioi(), h.term_ioi(), h.transit_ioi(), _params(h),
                   [h.transit_ioi_at(k) for k in range(h.transit_ioi_count())])


class AccessNetworkInfo(NamedTuple):
    """One P-Access-Network-Info value (RFC 7315 §5.4, RFC 7913)."""

    #: the access type or class ("3GPP-E-UTRAN-FDD", "IEEE-802.11", any token)
    access_type: str
    #: the network-provided parameter is present
    network_provided: bool
    #: the access-info parameters in order (cgi-3gpp, utran-cell-id-3gpp, ...)
    params: List[Param]

    @classmethod
    def _from(cls, h: Any) -> "AccessNetworkInfo":
        return cls(h.access_type(), h.network_provided(), _params(h))


def unescape(text: str) -> str:
    """``text`` with its %HH escapes decoded (bytes that are not UTF-8 become surrogates)."""
    out: str = capi.unescape(text)
    return out


_URI_PARTS = {"user": capi.SIPMSG_URI_PART_USER, "password": capi.SIPMSG_URI_PART_PASSWORD,
              "param": capi.SIPMSG_URI_PART_PARAM, "header": capi.SIPMSG_URI_PART_HEADER}


def escape(text: str, part: str = "user") -> str:
    """``text`` escaped for one URI component: ``part`` is "user", "password",
    "param" or "header"; every byte that component does not allow becomes %HH."""
    try:
        code = _URI_PARTS[part]
    except KeyError:
        raise ValueError(f"part must be one of {sorted(_URI_PARTS)}, not {part!r}") from None
    out: str = capi.escape(text, code)
    return out


def new_tag() -> str:
    """A new random tag for From or To (16 characters, 80 bits from the
    system's randomness); also usable as a Call-ID or its local part."""
    tag: str = capi.generate_tag()
    return tag


def new_branch() -> str:
    """A new Via branch: the RFC 3261 magic cookie "z9hG4bK" and 16 random characters."""
    branch: str = capi.generate_branch()
    return branch
