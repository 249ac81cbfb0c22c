# SPDX-License-Identifier: MIT
"""The JSON schema of `sipmsg parse` (docs/json.md), as plain Python data,
and a checker. Standard library only.

A spec is one of:
  a type (str, int, bool, float)      the value has that type (an int is not a bool);
  Null(spec)                          null, or spec;
  [spec]                              an array whose every element matches spec;
  {key: spec, ...}                    an object with exactly these keys;
  Enum(a, b, ...)                     one of these strings;
  a function(value, path)             a check of its own.
Objects may also carry KEY_base64 (a string) beside a wire field KEY (the
exact bytes when they are not valid UTF-8); `WIRE` lists those fields.
"""
import re


class Null:
    def __init__(self, spec):
        self.spec = spec


class Enum:
    def __init__(self, *values):
        self.values = values


class SchemaError(AssertionError):
    pass


# the fields `sipmsg build` reads, which may come with a KEY_base64 twin
WIRE = {"method", "uri", "version", "reason", "name", "value", "raw"}
NUM = (int, float)


def check(value, spec, path="$"):
    if isinstance(spec, Null):
        if value is None:
            return
        spec = spec.spec
    if isinstance(spec, Enum):
        if value not in spec.values:
            raise SchemaError("%s: %r is not one of %s" % (path, value, spec.values))
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            raise SchemaError("%s: expected an object, got %r" % (path, value))
        keys = set(value)
        for k in list(keys):
            if k.endswith("_base64") and k[:-7] in WIRE and k[:-7] in value:
                if not isinstance(value[k], str) or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", value[k]):
                    raise SchemaError("%s.%s: not base64" % (path, k))
                keys.discard(k)
        if keys != set(spec):
            raise SchemaError("%s: keys %s, want %s (missing %s, unexpected %s)" % (
                path, sorted(keys), sorted(spec), sorted(set(spec) - keys), sorted(keys - set(spec))))
        for k, s in spec.items():
            check(value[k], s, path + "." + k)
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise SchemaError("%s: expected an array, got %r" % (path, value))
        for i, v in enumerate(value):
            check(v, spec[0], "%s[%d]" % (path, i))
    elif isinstance(spec, type) or isinstance(spec, tuple):
        ok = isinstance(value, spec) and not (isinstance(value, bool) and spec is not bool)
        if not ok:
            raise SchemaError("%s: expected %s, got %r" % (path, spec, value))
    elif callable(spec):
        spec(value, path)
    else:
        raise TypeError("bad spec %r" % (spec,))


OPT_STR = Null(str)
OPT_INT = Null(int)
PARAMS = [{"name": str, "value": OPT_STR, "quoted": bool}]
HOST_TYPE = Enum("none", "name", "ipv4", "ipv6")

URI = {"raw": str, "scheme": Enum("sip", "sips", "tel", "other"), "scheme_name": OPT_STR, "user": OPT_STR,
       "password": OPT_STR, "host": OPT_STR, "host_type": HOST_TYPE, "port": OPT_INT, "lr": bool,
       "transport": OPT_STR, "user_param": OPT_STR, "method": OPT_STR, "maddr": OPT_STR, "ttl": OPT_STR,
       "opaque": OPT_STR, "params": PARAMS, "headers": PARAMS}

DIAG = {"code": str, "code_number": int, "severity": Enum("warning", "error"), "offset": OPT_INT,
        "line": OPT_INT, "column": OPT_INT, "header": OPT_STR, "header_index": OPT_INT, "message": str}


def _bytes(value, path):
    check(value, {"length": int, "encoding": Enum("text", "base64"), "content": str}, path)
    if value["encoding"] == "text":
        n = len(value["content"].encode("utf-8"))
        if "\0" in value["content"]:
            raise SchemaError("%s: a text body with NUL" % path)
    else:
        import base64
        n = len(base64.b64decode(value["content"], validate=True))
    if n != value["length"]:
        raise SchemaError("%s: length %d but %d bytes" % (path, value["length"], n))


BYTES = _bytes

# the typed view of each header kind (sipmsg_hdr_kind_name), one value
TYPED = {
    "nameaddr": {"raw": str, "star": bool, "angle": bool, "display_quoted": bool, "display": OPT_STR,
                 "uri": Null(URI), "tag": OPT_STR, "q": OPT_STR, "expires": OPT_INT, "params": PARAMS},
    "via": {"raw": str, "protocol_name": str, "protocol_version": str, "transport": str, "host": str,
            "host_type": HOST_TYPE, "port": OPT_INT, "branch": OPT_STR, "received": OPT_STR, "has_rport": bool,
            "rport": OPT_STR, "maddr": OPT_STR, "ttl": OPT_STR, "params": PARAMS},
    "cseq": {"raw": str, "number": int, "method": str},
    "callid": {"raw": str},
    "uint": {"raw": str, "value": int, "refresher": OPT_STR, "params": PARAMS},
    "mediatype": {"raw": str, "type": str, "subtype": str, "boundary": OPT_STR, "params": PARAMS},
    "token": {"raw": str, "value": str, "params": PARAMS},
    "auth": {"raw": str, "scheme": OPT_STR, "token68": OPT_STR, "realm": OPT_STR, "nonce": OPT_STR,
             "opaque": OPT_STR, "algorithm": OPT_STR, "qop": OPT_STR, "username": OPT_STR, "uri": OPT_STR,
             "response": OPT_STR, "cnonce": OPT_STR, "nc": OPT_STR, "params": PARAMS},
    "retry-after": {"raw": str, "seconds": int, "comment": OPT_STR, "duration": OPT_INT, "params": PARAMS},
    "warning": {"raw": str, "code": int, "agent": str, "text": str},
    "rack": {"raw": str, "rseq": int, "cseq": int, "method": str},
    "timestamp": {"raw": str, "value": str, "delay": OPT_STR},
    "date": {"raw": str, "weekday": str, "year": int, "month": int, "day": int, "hour": int, "minute": int,
             "second": int},
    "replaces": {"raw": str, "call_id": str, "to_tag": OPT_STR, "from_tag": OPT_STR, "early_only": bool,
                 "params": PARAMS},
    "session-id": {"raw": str, "local_uuid": str, "remote_uuid": OPT_STR, "params": PARAMS},
    "resource-priority": {"raw": str, "namespace": str, "priority": str},
    "charging-vector": {"raw": str, "icid": str, "icid_generated_at": OPT_STR, "orig_ioi": OPT_STR,
                        "term_ioi": OPT_STR, "transit_ioi": OPT_STR, "transit_iois": [str],
                        "params": PARAMS},
    "access-network-info": {"raw": str, "access_type": str, "network_provided": bool, "params": PARAMS},
}
TYPED["contact"] = TYPED["nameaddr"]
TYPED["uint-params"] = TYPED["uint"]
TYPED["token-params"] = TYPED["token"]
TYPED["auth-info"] = TYPED["auth"]

# header names whose values are comma lists (typed is then an array); read
# from the library's table by the caller (set_list_headers)
LIST_HEADERS = set()


def _header(h, path):
    check(h, {"name": str, "value": str, "id": OPT_STR, "kind": str, "compact": bool, "folded": bool,
              "bad_line": bool, "offset": OPT_INT, "line": OPT_INT, "typed": lambda v, p: None, "bad": bool}, path)
    kind, typed = h["kind"], h["typed"]
    if kind == "text" or h["bad"]:
        if typed is not None:
            raise SchemaError("%s.typed: a %s header has no typed view" % (path, "bad" if h["bad"] else "text"))
        return
    if kind not in TYPED:
        raise SchemaError("%s.kind: unknown kind %r" % (path, kind))
    if h["id"] in LIST_HEADERS:
        check(typed, [TYPED[kind]], path + ".typed")
    else:
        check(typed, TYPED[kind], path + ".typed")


# ---- SDP ----------------------------------------------------------------

PAIRS = [{"name": str, "value": OPT_STR}]
DIRECTION = Enum("none", "sendrecv", "sendonly", "recvonly", "inactive")
CORE = {
    "o": {"username": str, "sess_id": str, "sess_id_value": int, "sess_version": str, "sess_version_value": int,
          "nettype": str, "addrtype": str, "address": str},
    "c": {"nettype": str, "addrtype": str, "address": str, "ttl": OPT_INT, "count": OPT_INT},
    "b": {"type": str, "known": Enum("other", "AS", "CT", "TIAS", "RS", "RR"), "value": int},
    "t": {"start": int, "stop": int},
    "r": {"interval": int, "duration": int, "offsets": [int]},
    "z": {"adjustments": [{"time": int, "offset": int}]},
    "m": {"media": str, "port": int, "port_count": OPT_INT, "proto": str, "formats": [str]},
}
VIEWS = {
    "flag": None, "text": None,
    "rtpmap": {"payload_type": int, "encoding": str, "clock_rate": OPT_INT, "encoding_params": OPT_STR,
               "channels": OPT_INT},
    "fmtp": {"format": str, "payload_type": OPT_INT, "params": OPT_STR, "list": PAIRS},
    "number": {"value": NUM},
    "uint": {"value": int},
    "token": {"value": str},
    "tokens": {"items": [str]},
    "commalist": {"items": [str]},
    "rtcp": {"port": int, "nettype": OPT_STR, "addrtype": OPT_STR, "address": OPT_STR},
    "rtcp_fb": {"payload_type": str, "wildcard": bool, "pt": OPT_INT, "type": str, "subtype": OPT_STR,
                "params": OPT_STR, "trr_int": OPT_INT},
    "candidate": {"foundation": str, "component": int, "transport": str, "priority": int, "address": str,
                  "port": int, "type": str, "raddr": OPT_STR, "rport": OPT_INT, "tcptype": OPT_STR,
                  "generation": OPT_INT, "network_id": OPT_INT, "network_cost": OPT_INT, "extensions": PAIRS},
    "fingerprint": {"hash_func": str, "value": str},
    "setup": {"value": str, "role": Enum("other", "active", "passive", "actpass", "holdconn")},
    "group": {"semantics": str, "ids": [str]},
    "msid": {"id": str, "appdata": OPT_STR},
    "ssrc": {"ssrc": int, "attribute": str, "value": OPT_STR},
    "ssrc_group": {"semantics": str, "ssrcs": [int]},
    "extmap": {"id": int, "direction": DIRECTION, "encrypt": bool, "uri": str, "attributes": OPT_STR},
    "rid": {"id": str, "direction": DIRECTION, "payload_types": [int], "restrictions": PAIRS, "params": OPT_STR},
    "simulcast": {"rids": [{"direction": DIRECTION, "stream": int, "rid": str, "paused": bool}]},
    "crypto": {"tag": int, "suite": str, "key_params": str,
               "keys": [{"method": str, "info": str, "key": OPT_STR, "lifetime": OPT_STR, "mki": OPT_STR}],
               "session_params": OPT_STR},
    "sctpmap": {"number": int, "app": str, "streams": OPT_INT},
    "imageattr": {"payload_type": str, "wildcard": bool, "pt": OPT_INT, "send": OPT_STR, "recv": OPT_STR,
                  "send_sets": [str], "recv_sets": [str]},
    "silencesupp": {"enable": str, "timer": str, "pref": str, "siduse": str, "fxnslevel": str},
    "source_filter": {"mode": str, "nettype": str, "addrtype": str, "dest_address": str, "sources": [str]},
}
# attribute name -> view name; read from the library's table (set_attr_views)
ATTR_VIEWS = {}


def _line(l, path):
    base = {"type": OPT_STR, "value": OPT_STR, "raw": str, "line": OPT_INT, "offset": OPT_INT,
            "typed": lambda v, p: None, "bad": bool}
    if l.get("type") == "a":
        base.update({"name": str, "attr": OPT_STR})
    check(l, base, path)
    t, typed = l["type"], l["typed"]
    if l["bad"] or typed is None:
        if l["bad"] and typed is not None:
            raise SchemaError("%s.typed: a bad line has no typed view" % path)
        if not l["bad"] and (t in CORE or (t == "a" and VIEWS.get(ATTR_VIEWS.get(l["attr"]), None))):
            raise SchemaError("%s.typed: a good %s line without its view" % (path, l["raw"]))
        return
    if t == "a":
        spec = VIEWS.get(ATTR_VIEWS.get(l["attr"]))
        if spec is None:
            raise SchemaError("%s.typed: attribute %r has no view" % (path, l["name"]))
        check(typed, spec, path + ".typed")
    elif t in CORE:
        check(typed, CORE[t], path + ".typed")
    else:
        raise SchemaError("%s.typed: a %r line has no view" % (path, t))


SECTION = {"lines": [_line]}
SDP_FAILED = {"parsed": bool, "diagnostics": [DIAG]}
SDP = {"parsed": bool, "line_end": Enum("\r\n", "\n"), "session": SECTION, "media": [SECTION],
       "diagnostics": [DIAG]}


def _sdp(v, path):
    check(v, SDP if v.get("parsed") else SDP_FAILED, path)


def _part(v, path):
    spec = {"headers": [{"name": str, "value": str}], "content_type": OPT_STR, "body": BYTES}
    for k in ("sdp", "multipart"):
        if k in v:
            spec[k] = _sdp if k == "sdp" else _multipart
    check(v, spec, path)


def _multipart(v, path):
    if v.get("parsed") is False:
        check(v, {"parsed": bool}, path)
    else:
        check(v, {"parsed": bool, "boundary": str, "preamble": BYTES, "epilogue": BYTES, "closed": bool, "parts": [_part]}, path)


def check_document(d):
    """A document `sipmsg parse` printed."""
    t = d.get("type")
    if t in ("request", "response"):
        spec = {"type": str, "length": int, "trailing": int, "version": str, "headers": [_header], "body": BYTES,
                "diagnostics": [DIAG]}
        if t == "request":
            spec.update({"method": str, "uri": str, "uri_typed": Null(URI)})
        else:
            spec.update({"status": int, "reason": str})
        if "sdp" in d:
            spec["sdp"] = _sdp
        if "multipart" in d:
            spec["multipart"] = _multipart
        check(d, spec)
    elif t == "sdp":
        spec = dict(SDP, type=str, length=int)
        if not d.get("parsed"):
            raise SchemaError("$.parsed: a bare SDP document is always parsed")
        check(d, spec)
    elif t == "error":
        check(d, {"type": str, "input": Enum("sip", "sdp"), "length": int, "diagnostics": [DIAG]})
        if len(d["diagnostics"]) != 1 or d["diagnostics"][0]["severity"] != "error":
            raise SchemaError("$.diagnostics: an error document holds exactly its error")
    else:
        raise SchemaError("$.type: %r" % t)


def load_tables(hdr_h, sdp_h):
    """The list headers and the attribute views, from the library's tables."""
    for name, flags in re.findall(r'X\(\s*\w+,\s*"([^"]+)",\s*\S+,\s*([^,]+),\s*\w+\)', open(hdr_h).read()):
        if "SIPMSG_HF_LIST" in flags:
            LIST_HEADERS.add(name)
    for name, view in re.findall(r'X\([A-Z_]+,\s*"([^"]+)",\s*(?:SESSION|MEDIA|BOTH),\s*(\w+)\)', open(sdp_h).read()):
        ATTR_VIEWS[name] = view
    assert "Via" in LIST_HEADERS and ATTR_VIEWS.get("rtpmap") == "rtpmap", "the tables did not load"
    missing = set(ATTR_VIEWS.values()) - set(VIEWS)
    assert not missing, "views without a schema: %s" % missing
