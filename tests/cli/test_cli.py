#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The sipmsg command line: exit codes, help, text and JSON output (every
JSON line parsed back and checked against the documented schema), --stream,
standard input, --strict, and captures written here (a tiny pcap writer),
including truncated and corrupt ones. Standard library only.

usage: test_cli.py PATH/TO/sipmsg
"""
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile

import runner

SIPMSG = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="sipmsg-cli-")

INVITE = (b"INVITE sip:bob@example.com SIP/2.0\r\n"
          b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
          b"Max-Forwards: 70\r\n"
          b"To: Bob <sip:bob@example.com>\r\n"
          b"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
          b"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
          b"CSeq: 314159 INVITE\r\n"
          b"Contact: <sip:alice@192.0.2.1>\r\n"
          b"Content-Length: 0\r\n\r\n")
RINGING = (b"SIP/2.0 180 Ringing\r\n"
           b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
           b"To: Bob <sip:bob@example.com>;tag=a6c85cf\r\n"
           b"From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
           b"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
           b"CSeq: 314159 INVITE\r\n"
           b"Content-Length: 0\r\n\r\n")
BARE_LF = INVITE.replace(b"\r\n", b"\n")
BAD_STATUS = b"SIP/2.0 4294967301 better not break the receiver\r\nContent-Length: 0\r\n\r\n"
NO_CL = b"OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n"


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def run(*args, stdin=None):
    p = subprocess.run([SIPMSG, *args], input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_json(*args, stdin=None):
    rc, out, err = run("check", "--json", *args, stdin=stdin)
    objs = [json.loads(line) for line in out.splitlines()]  # every line must be JSON
    for o in objs:
        check_schema(o, strict="--strict" in args)
    assert objs and objs[-1]["type"] == "summary", "the last object is the summary"
    return rc, objs, err


# --- the documented JSON schema ---------------------------------------------

def want(obj, key, types, nullable=False):
    assert key in obj, "missing %r in %r" % (key, obj)
    v = obj[key]
    if v is None:
        assert nullable, "%r is null in %r" % (key, obj)
        return
    assert isinstance(v, types) and not (types is int and isinstance(v, bool)), \
        "%r has type %s in %r" % (key, type(v).__name__, obj)


def check_schema(o, strict=False):
    t = o.get("type")
    assert t in ("message", "notice", "capture", "error", "summary"), "unknown type %r" % t
    if t in ("message", "notice", "capture", "error"):
        want(o, "file", str)
    if t in ("message", "notice") and "frame" in o:
        want(o, "frame", int)
        want(o, "time", float)
        want(o, "time_nsec", int)
        assert 0 <= o["time_nsec"] < 10**9 and int(round(o["time"] % 1 * 1e6)) % 10**6 == o["time_nsec"] // 1000, o
    if t in ("message", "notice") and "src" in o:
        for k in ("src", "dst", "transport"):
            want(o, k, str)
        for k in ("sport", "dport"):
            want(o, k, int)
        assert o["transport"] in ("udp", "tcp", "ws")
    if t == "message":
        for k in ("index", "length"):
            want(o, k, int)
        assert o["input"] in ("sip", "sdp"), o
        want(o, "start_line", str)
        want(o, "call_id", str, nullable=True)
        want(o, "cseq", str, nullable=True)
        assert o["input"] == "sip" or (o["call_id"] is None and o["cseq"] is None), o
        assert o["verdict"] in ("ok", "warn", "fail"), o
        want(o, "reason", str, nullable=True)
        want(o, "round_trip", bool, nullable=True)
        want(o, "diagnostics", list)
        assert (o["reason"] is None) == (o["verdict"] == "ok"), o
        for d in o["diagnostics"]:
            want(d, "code", str)
            want(d, "code_number", int)
            assert d["severity"] in ("warning", "error"), d
            want(d, "offset", int, nullable=True)
            want(d, "line", int, nullable=True)
            want(d, "column", int, nullable=True)
            want(d, "header", str, nullable=True)
            want(d, "message", str)
            want(d, "fails", bool)
            assert not d["fails"] or d["severity"] == "error", d
            # "fails": this diagnostic fails the message in the mode used; with
            # --strict every error does
            assert d["fails"] or not strict or d["severity"] != "error", d
        diags = o["diagnostics"]
        assert o["verdict"] == ("fail" if any(d["fails"] for d in diags) else "warn" if diags else "ok"), o
    if t == "notice":
        want(o, "kind", str)
        want(o, "message", str)
    if t == "capture":
        for k in ("frames", "sip_messages", "udp", "tcp", "ws", "hep", "unframed", "tcp_flows", "retransmitted",
                  "notices", "cut_short", "unreadable"):
            want(o, k, int)
        assert o["unreadable"] <= o["frames"], o
        want(o, "link_types", list)
        assert o["link_types"] and all(isinstance(x, str) for x in o["link_types"]), o
    if t == "error":
        want(o, "message", str)
    if t == "summary":
        for k in ("files", "messages", "ok", "warnings", "failed", "bytes", "notices", "errors", "cut_short"):
            want(o, k, int)
        assert o["cut_short"] <= o["notices"], o
        assert o["messages"] == o["ok"] + o["warnings"] + o["failed"], o


# --- a tiny pcap writer (raw IPv4, LINKTYPE_RAW) ------------------------------

def udp4(src, sport, dst, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    return ip + udp


def frags4(ident, src, sport, dst, dport, payload, cut=64):
    """A UDP datagram as two IPv4 fragments (the first `cut` bytes of UDP, a
    multiple of 8, then the rest)."""
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    out = []
    for off, piece, more in ((0, udp[:cut], 0x2000), (cut, udp[cut:], 0)):
        out.append(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(piece), ident, more | off // 8, 64, 17, 0,
                               socket.inet_aton(src), socket.inet_aton(dst)) + piece)
    return out


def pcap(packets, linktype=101):
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for i, p in enumerate(packets):
        out += struct.pack("<IIII", 1700000000, i * 1000, len(p), len(p)) + p
    return out


def pcapng(blocks):
    """A little-endian pcapng file: a section header, then each block,
    ("idb", LINKTYPE_) for an interface or ("epb", interface, frame)."""
    def block(kind, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", kind, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    out = [block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))]  # joined once: files of 65k blocks
    for i, b in enumerate(blocks):
        if b[0] == "idb":
            out.append(block(1, struct.pack("<HHI", b[1], 0, 65535)))
        else:
            ts = (1700000000 + i) * 1000000
            out.append(block(6, struct.pack("<IIIII", b[1], ts >> 32, ts & 0xFFFFFFFF, len(b[2]), len(b[2])) + b[2]))
    return b"".join(out)


def ip4(src, dst, proto, payload):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst)) + payload


def gre4(src, dst, inner):
    """An IPv4 packet in GRE (with a key) in IPv4."""
    return ip4(src, dst, 47, struct.pack("!HHI", 0x2000, 0x0800, 7) + inner)


def ip4_frags(ident, src, dst, proto, payload, cut):
    """An IPv4 packet of protocol `proto` as two fragments (cut a multiple of 8)."""
    return [struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(piece), ident, more | off // 8, 64, proto, 0,
                        socket.inet_aton(src), socket.inet_aton(dst)) + piece
            for off, piece, more in ((0, payload[:cut], 0x2000), (cut, payload[cut:], 0))]


def tcp4(src, sport, dst, dport, seq, flags, payload=b""):
    """An IPv4 TCP segment (flags: 0x02 SYN, 0x10 ACK, 0x18 PSH|ACK)."""
    return ip4(src, dst, 6, struct.pack("!HHIIBBHHH", sport, dport, seq, 1, 5 << 4, flags, 65535, 0, 0) + payload)


def ws_frame(payload, opcode=1, fin=True, mask=None):
    """A WebSocket frame (RFC 6455 §5.2); a client's carries a mask."""
    head = bytes([(0x80 if fin else 0) | opcode])
    m = 0x80 if mask else 0
    if len(payload) < 126:
        head += bytes([m | len(payload)])
    elif len(payload) < 65536:
        head += bytes([m | 126]) + struct.pack("!H", len(payload))
    else:
        head += bytes([m | 127]) + struct.pack("!Q", len(payload))
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        head += mask
    return head + payload


def hep3(src, sport, dst, dport, payload, ts=1700000000):
    """A HEPv3 packet as Kamailio's siptrace sends it (IPv4, UDP, SIP)."""
    def chunk(t, v):
        return struct.pack("!HHH", 0, t, 6 + len(v)) + v
    body = (chunk(1, b"\x02") + chunk(2, b"\x11") + chunk(3, socket.inet_aton(src)) + chunk(4, socket.inet_aton(dst))
            + chunk(7, struct.pack("!H", sport)) + chunk(8, struct.pack("!H", dport))
            + chunk(9, struct.pack("!I", ts)) + chunk(10, struct.pack("!I", 0)) + chunk(11, b"\x01")
            + chunk(12, struct.pack("!I", 2001)) + chunk(15, payload))
    return b"HEP3" + struct.pack("!H", 6 + len(body)) + body


def snapped(capture, snaplen):
    """A little-endian pcap as a capture with this snapshot length would have
    written it (what `editcap -s` does): each record cut to snaplen bytes,
    its original length kept."""
    assert capture[:4] == struct.pack("<I", 0xA1B2C3D4), "a little-endian pcap"
    out = [capture[:16], struct.pack("<I", snaplen), capture[20:24]]
    at = 24
    while at < len(capture):
        sec, usec, caplen, wirelen = struct.unpack_from("<IIII", capture, at)
        keep = min(caplen, snaplen)
        out += [struct.pack("<IIII", sec, usec, keep, wirelen), capture[at + 16:at + 16 + keep]]
        at += 16 + caplen
    return b"".join(out)


def two_message_capture():
    return pcap([udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE),
                 udp4("192.0.2.2", 5080, "192.0.2.1", 5060, RINGING),
                 udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)])


# --- tests --------------------------------------------------------------------

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_PCAP = os.path.join(HERE, "..", "..", "docs", "samples", "sipp-calls.pcap")
MSG_H = os.path.join(HERE, "..", "..", "libsipmsg", "include", "sipmsg", "msg.h")


def test_limit_options():
    ok = write("limits.sip", INVITE)  # 8 header lines, the longest 56 bytes
    rc, out, _ = run("check", "--limit", "headers=8", "--limit=line-length=60", ok)
    assert rc == 0 and " OK" in out, out
    rc, out, _ = run("check", "--limit", "headers=7", ok)
    assert rc == 1 and "limit-headers" in out and "line 9, column 1" in out, out
    rc, out, _ = run("check", "--limit", "message-size=100", ok)
    assert rc == 1 and "limit-message-size" in out, out
    rc, out, err = run("parse", "--compact", "--limit", "line-length=20", ok)
    doc = json.loads(out)
    assert rc == 1 and doc["type"] == "error", out
    assert doc["diagnostics"][0]["code"] == "limit-line-length" and doc["diagnostics"][0]["line"] == 2, doc
    assert "line 2, column 1" in err, err
    for cmd in ("check", "parse"):
        for bad in (["--limit"], ["--limit", "headers=0"], ["--limit", "headers"], ["--limit", "headers=-1"],
                    ["--limit", "headers=4294967296"], ["--limit", "bogus=3"], ["--limit", "headers=3x"]):
            rc, _, err = run(cmd, *bad, ok)
            assert rc == 2 and "--limit" in err, (cmd, bad, rc, err)


def test_limit_help_states_the_library_defaults():
    with open(MSG_H) as f:
        defaults = dict((m.group(1), eval(m.group(2).replace("u", "")))
                        for m in re.finditer(r"#define SIPMSG_DEFAULT_MAX_(\w+) \(?([0-9u* ]+)\)?", f.read()))
    assert len(defaults) == 7, defaults
    for cmd in ("check", "parse"):
        _, out, _ = run(cmd, "--help")
        help_text = " ".join(out.split())
        for name, value in defaults.items():
            want = "%s (%s%d)" % (name.lower().replace("_", "-"), "bytes, default " if name == "MESSAGE_SIZE" else "",
                                  value)
            assert want in help_text, (cmd, want)


def test_capture_limit_options():
    rc, out, _ = run("check", SAMPLE_PCAP)
    assert rc == 0 and "tcp-flow-limit" not in out, out
    rc, out, _ = run("check", "--max-flows", "1", SAMPLE_PCAP)
    assert "tcp-flow-limit: more than 1 TCP flows" in out, out
    body = b"x" * 200
    big = INVITE.replace(b"Content-Length: 0", b"Content-Length: 200") + body
    a = frags4(7, "192.0.2.1", 5060, "192.0.2.2", 5080, big)
    b = frags4(8, "192.0.2.3", 5060, "192.0.2.2", 5080, big)
    cap = write("frags.pcap", pcap([a[0], b[0], b[1], a[1]]))  # a waits while b comes whole
    rc, out, _ = run("check", cap)
    assert rc == 0 and "summary: 2 messages" in out, out
    rc, out, _ = run("check", "--max-fragmented", "1", cap)
    assert "summary: 1 messages" in out and "notice" in out, out
    for bad in (["--max-flows", "0"], ["--max-fragmented", "x"], ["--max-flows"]):
        rc, _, err = run("check", *bad, cap)
        assert rc == 2 and err, (bad, rc, err)

def test_pcapng_interfaces_bounded():
    """A pcapng section holds every interface it describes until it ends, so
    their number is bounded: 65,536 by default, --max-interfaces N. One more
    is an error (exit status 2) naming the section and the byte offset of the
    block; the frames before it are reported."""
    frame = ("epb", 0, udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE))
    many = pcapng([("idb", 101)] * 65536 + [frame])
    rc, out, err = run("check", write("ifs-65536.pcapng", many))
    assert rc == 0 and "summary: 1 messages, 1 ok" in out, (out, err)
    over = write("ifs-65537.pcapng", pcapng([("idb", 101)] * 65537 + [frame]))
    rc, out, err = run("check", over)
    at = 28 + 65536 * 20  # the section header, then 20 bytes an interface
    said = "%s: frame 1: pcapng section 1 describes more than 65536 interfaces (--max-interfaces): " \
        "the interface description block at byte %d would be its interface 65536" % (over, at)
    assert rc == 2 and said in err, err
    rc, out, err = run("check", "--max-interfaces", "65537", over)
    assert rc == 0 and "summary: 1 messages, 1 ok" in out, (out, err)
    late = write("ifs-late.pcapng", pcapng([("idb", 101), frame, ("idb", 1), frame, frame]))
    rc, out, err = run("check", "--max-interfaces=1", late)
    assert rc == 2 and "frame 2: pcapng section 1 describes more than 1 interfaces" in err, err
    epb = 32 + (len(frame[2]) + 3) // 4 * 4
    assert out.count(" OK") == 1 and "at byte %d would be its interface 1" % (28 + 20 + epb) in err, (out, err)
    rc, objs, _ = run_json("--max-interfaces", "1", late)
    errs = [o for o in objs if o["type"] == "error"]
    assert rc == 2 and len(errs) == 1 and "--max-interfaces" in errs[0]["message"] and objs[-1]["errors"] == 1, objs
    rc, _, err = run("check", "--max-interfaces", "2", late)
    assert rc == 0, err
    for bad in ("0", "x", "-1", "4294967297"):
        rc, _, err = run("check", "--max-interfaces", bad, late)
        assert rc == 2 and "--max-interfaces needs a number from 1 to 4294967296" in err, (bad, err)


def test_help_and_usage_errors():
    rc, out, _ = run("--help")
    assert rc == 0 and "check" in out and "parse" in out, out
    rc, out, _ = run("check", "--help")
    assert rc == 0 and "--strict" in out and "--stream" in out and "--json" in out and "--sdp" in out, out
    rc, out, _ = run("--version")
    assert rc == 0 and out.startswith("sipmsg "), out
    for args in ([], ["frobnicate"], ["check"], ["check", "--bogus", "x"],
                 ["check", write("a.sip", INVITE), "--json"],
                 ["check", "--max-flow-bytes", "12", "x"],
                 ["check", "--stream", "--sdp", write("s.sdp", OFFER)]):
        rc, _, err = run(*args)
        assert rc == 2 and err, (args, rc, err)
    for cmd in ("parse", "build"):
        rc, out, _ = run(cmd, "--help")
        assert rc == 0 and "usage: sipmsg " + cmd in out
    # parse reads one message: a capture is named as one, not parsed as SIP
    cap = write("one.pcap", pcap([udp4("10.0.0.1", 5060, "10.0.0.2", 5060, INVITE)]))
    rc, out, err = run("parse", cap)
    assert rc == 2 and not out and "pcap or pcapng capture" in err and "sipmsg check" in err, (rc, out, err)


def test_exit_codes_and_text_lines():
    ok, bad = write("ok.sip", INVITE), write("bad.sip", BAD_STATUS)
    rc, out, _ = run("check", ok)
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0].startswith(ok) and "INVITE sip:bob@example.com SIP/2.0" in lines[0] and \
        lines[0].rstrip().endswith("OK"), lines
    assert lines[-1] == "summary: 1 messages, 1 ok, 0 warnings, 0 failed, %d bytes" % len(INVITE), lines
    rc, out, _ = run("check", ok, bad)
    assert rc == 1, out
    assert "FAIL  bad-status-code: the status code is not three digits (line 1, column 9)" in out, out
    assert "2 messages, 1 ok, 0 warnings, 1 failed" in out, out
    rc, out, _ = run("check", write("lf.sip", BARE_LF))
    assert rc == 0 and "WARN  bare-lf" in out, out
    missing = os.path.join(TMP, "does-not-exist.sip")
    rc, out, err = run("check", ok, missing)
    assert rc == 2 and missing in err and "cannot open" in err, err
    assert "1 ok" in out and "1 files unreadable" in out, out
    rc, _, err = run("check", TMP)  # a directory
    assert rc == 2 and TMP in err, err


def test_text_lines_show_utf8_but_no_controls():
    def response(reason):
        return b"SIP/2.0 486 " + reason + b"\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nTo: <sip:b@h>;tag=2\r\n" \
            b"From: <sip:a@h>;tag=1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
    # a reason phrase in UTF-8 (RFC 3261 lets it be) is shown as it is, one
    # column per character, so the verdicts stay in one column
    cyr = write("cyr.sip", response("Занято".encode()))
    asc = write("asc.sip", response(b"Zanyat"))
    rc, out, _ = run("check", cyr, asc)
    lines = out.splitlines()
    assert rc == 0 and "SIP/2.0 486 Занято " in lines[0], lines
    assert lines[0].index("OK") - len(cyr) == lines[1].index("OK") - len(asc), lines
    # C1 controls, bidirectional overrides and bytes that are not UTF-8 are '?'
    rc, out, _ = run("check", write("c1.sip", response(b"\xc2\x85x\xe2\x80\xaey\xff")))
    assert "SIP/2.0 486 ??x???y? " in out, out


def test_strict_fails_what_lenient_warns():
    lf = write("lf.sip", BARE_LF)
    rc, objs, _ = run_json(lf)
    assert rc == 0 and objs[0]["verdict"] == "warn", objs
    assert objs[0]["diagnostics"][0]["code"] == "bare-lf"
    rc, objs, _ = run_json("--strict", lf)
    assert rc == 1 and objs[0]["verdict"] == "fail" and objs[0]["round_trip"] is None, objs


def test_json_every_failing_diagnostic_says_so():
    """`fails` is per diagnostic (docs/samples/README.md: true when this
    diagnostic fails the message in the mode used), not a mark on the one
    the reason names: a message with several errors that fail it says so on
    each, in both modes, and a warning never does."""
    two_bad = INVITE.replace(b"Max-Forwards: 70", b"Max-Forwards: abc").replace(
        b"Contact: <sip:alice@192.0.2.1>\r\n", b"Contact: <sip:alice@192.0.2.1>\r\nContent-Type: ///\r\n")
    checks = INVITE.replace(b"Max-Forwards: 70\r\n", b"").replace(b"Contact: <sip:alice@192.0.2.1>\r\n", b"") \
        .replace(b"CSeq: 314159 INVITE", b"CSeq: 314159 BYE")
    sdp = OFFER.replace(b"t=0 0\r\n", b"t=0 0\r\ngarbage\r\n") + b"more garbage\r\na=x\x01y:1\r\n"
    files = [write("two-bad.sip", two_bad), write("checks.sip", checks), write("bad-lines.sdp", sdp)]
    # (file, lenient: failing codes, strict: failing codes at least)
    want = [(["bad-header-value", "bad-header-value"], ["bad-header-value"]),
            ([], ["missing-header", "missing-header", "cseq-method-mismatch"]),
            (["sdp-bad-line", "sdp-bad-line", "sdp-ctl-in-line"], ["sdp-bad-line"])]
    for strict in (False, True):
        rc, objs, _ = run_json(*(["--strict"] if strict else []), *files)
        msgs = [o for o in objs if o["type"] == "message"]
        assert len(msgs) == 3, objs
        for m, (lenient_codes, strict_codes) in zip(msgs, want):
            failing = [d["code"] for d in m["diagnostics"] if d["fails"]]
            if strict:
                assert failing[:len(strict_codes)] == strict_codes, (m["file"], failing)
            else:
                assert failing == lenient_codes, (m["file"], failing)
            assert m["verdict"] == ("fail" if failing else "warn"), m
            assert all(d["severity"] == "error" for d in m["diagnostics"] if d["fails"]), m
            if failing:
                assert m["reason"] == next(d["message"] for d in m["diagnostics"] if d["fails"]), m


def test_json_message_fields():
    rc, objs, _ = run_json(write("ok.sip", INVITE), write("bad.sip", BAD_STATUS), write("trail.sip", INVITE + b"junk"))
    assert rc == 1
    ok, bad, trail, summary = objs
    assert ok["verdict"] == "ok" and ok["round_trip"] is True and ok["diagnostics"] == [] and \
        ok["length"] == len(INVITE) and ok["start_line"] == "INVITE sip:bob@example.com SIP/2.0", ok
    assert "frame" not in ok and "src" not in ok, ok
    call_id = re.search(rb"\r\nCall-ID: ([^\r]*)\r\n", INVITE).group(1).decode()
    cseq = re.search(rb"\r\nCSeq: ([^\r]*)\r\n", INVITE).group(1).decode()
    assert ok["call_id"] == call_id and ok["cseq"] == cseq, ok
    assert bad["call_id"] is None and bad["cseq"] is None, bad
    d = bad["diagnostics"][0]
    assert d["code"] == "bad-status-code" and d["code_number"] == 106 and d["severity"] == "error" and \
        d["line"] == 1 and d["column"] == 9 and d["offset"] == 8 and bad["reason"] == d["message"], bad
    codes = [x["code"] for x in trail["diagnostics"]]
    assert trail["verdict"] == "warn" and "trailing-bytes" in codes and trail["round_trip"] is True, trail
    assert summary == {"type": "summary", "files": 3, "messages": 3, "ok": 1, "warnings": 1, "failed": 1,
                       "bytes": 2 * len(INVITE) + len(BAD_STATUS) + 4, "notices": 0, "errors": 0,
                       "cut_short": 0}, summary


def test_json_escaping():
    # quotes, backslash, a tab, a NUL, a control byte, valid UTF-8 and a byte that is not UTF-8
    hostile = INVITE.replace(b"Bob <", b"\"B\\o\tb\x00\x01 \xc3\xa9 \xff\" <")
    rc, objs, _ = run_json(write("hostile.sip", hostile))
    msg = objs[0]
    assert msg["type"] == "message", msg
    rc, objs, _ = run_json(write("hostile \"name\".sip", INVITE))
    assert objs[0]["file"].endswith("hostile \"name\".sip"), objs[0]
    bad_start = b"INVITE sip:\xff\x01\"\\ SIP/2.0\r\nContent-Length: 0\r\n\r\n"
    rc, objs, _ = run_json(write("badstart.sip", bad_start))
    assert objs[0]["start_line"] == "INVITE sip:\u00ff\u0001\"\\ SIP/2.0", objs[0]


def test_stream_files():
    stream = INVITE + b"\r\n\r\n" + RINGING + INVITE
    rc, objs, _ = run_json("--stream", write("s.txt", stream))
    msgs = [o for o in objs if o["type"] == "message"]
    assert rc == 0 and len(msgs) == 3, objs
    assert [m["offset"] for m in msgs] == [0, len(INVITE) + 4, len(INVITE) + 4 + len(RINGING)], msgs
    assert all(m["verdict"] == "ok" for m in msgs), msgs
    rc, out, _ = run("check", "--stream", write("s2.txt", stream))
    assert rc == 0 and "s2.txt@%d" % (len(INVITE) + 4) in out, out
    # no Content-Length: the stream cannot be framed there; the next message is found again
    rc, objs, _ = run_json("--stream", write("nocl.txt", NO_CL + INVITE))
    msgs = [o for o in objs if o["type"] == "message"]
    assert rc == 1 and len(msgs) == 2 and msgs[0]["verdict"] == "fail", objs
    assert msgs[0]["diagnostics"][0]["code"] == "missing-content-length", msgs[0]
    assert msgs[1]["verdict"] == "ok" and msgs[1]["offset"] == len(NO_CL), msgs
    # a stream that ends inside a message
    rc, objs, _ = run_json("--stream", write("cut.txt", INVITE + RINGING[:30]))
    kinds = [o.get("kind") for o in objs if o["type"] == "notice"]
    assert rc == 0 and kinds == ["stream-incomplete"], objs


def test_stdin():
    rc, objs, _ = run_json("-", stdin=INVITE)
    assert rc == 0 and objs[0]["file"] == "-" and objs[0]["verdict"] == "ok", objs
    rc, objs, _ = run_json("-", stdin=two_message_capture())
    msgs = [o for o in objs if o["type"] == "message"]
    assert rc == 0 and [m["frame"] for m in msgs] == [1, 2, 3], objs


def test_capture_text_and_json():
    cap = write("two.pcap", two_message_capture())
    rc, out, _ = run("check", cap)
    lines = out.splitlines()
    assert rc == 0, out
    assert lines[0] == cap + ": capture, link type RAW", lines
    assert lines[1].split() == ["frame", "time", "source", "destination", "tr", "start", "line", "verdict"], lines
    f1 = lines[2].split()
    assert f1[:6] == ["1", "0.000000", "192.0.2.1:5060", "->", "192.0.2.2:5080", "UDP"], f1
    assert f1[-1] == "OK" and "INVITE" in f1, f1
    f2 = lines[3].split()
    assert f2[:3] == ["2", "0.001000", "192.0.2.2:5080"] and f2[6:9] == ["SIP/2.0", "180", "Ringing"], f2
    assert lines[-2] == cap + ": 3 frames, 3 SIP messages (3 UDP, 0 TCP), 0 notices", lines
    assert lines[-1].startswith("summary: 3 messages, 3 ok"), lines
    rc, objs, _ = run_json(cap)
    m = objs[0]
    assert (m["frame"], m["src"], m["sport"], m["dst"], m["dport"], m["transport"]) == \
        (1, "192.0.2.1", 5060, "192.0.2.2", 5080, "udp"), m
    assert abs(m["time"] - 1700000000.0) < 1e-6, m
    capobj = [o for o in objs if o["type"] == "capture"][0]
    assert capobj["frames"] == 3 and capobj["sip_messages"] == 3 and capobj["udp"] == 3, capobj


def test_json_time_keeps_nanoseconds():
    """A nanosecond pcap (magic 0xa1b23c4d) and a pcapng interface with
    if_tsresol 9 keep their nanoseconds in time_nsec; time stays in
    microseconds, and a microsecond capture's time_nsec is 1000 times them."""
    dgram = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    ns_pcap = struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 65535, 101) + \
        struct.pack("<IIII", 1700000000, 123456789, len(dgram), len(dgram)) + dgram
    shb = struct.pack("<IIIHHq", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1) + struct.pack("<I", 28)
    idb_body = struct.pack("<HHI", 101, 0, 65535) + struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)
    idb = struct.pack("<II", 1, 12 + len(idb_body)) + idb_body + struct.pack("<I", 12 + len(idb_body))
    ts = 1700000000 * 10**9 + 987654321
    pad = dgram + b"\0" * (-len(dgram) % 4)
    epb_body = struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(dgram), len(dgram)) + pad
    epb = struct.pack("<II", 6, 12 + len(epb_body)) + epb_body + struct.pack("<I", 12 + len(epb_body))
    us_pcap = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101) + \
        struct.pack("<IIII", 1700000000, 654321, len(dgram), len(dgram)) + dgram
    for name, data, nsec in (("ns.pcap", ns_pcap, 123456789), ("ns.pcapng", shb + idb + epb, 987654321),
                             ("us.pcap", us_pcap, 654321000)):
        rc, objs, _ = run_json(write(name, data))
        m = [o for o in objs if o["type"] == "message"][0]
        assert rc == 0 and m["time_nsec"] == nsec, (name, m)
        assert "%.6f" % m["time"] == "1700000000.%06d" % (nsec // 1000), (name, m)


def test_pcapng_link_types_all_named():
    """A pcapng of interfaces of several link types (what `dumpcap -i lo -i
    any` writes): the header names those described before the first frame,
    the capture's line the full list when a later interface added one, the
    JSON capture object always the full list."""
    ip = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    eth = b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip
    sll2 = struct.pack("!HHIHBB8s", 0x0800, 0, 1, 772, 0, 6, b"\x02" * 6) + ip
    up_front = [("idb", 1), ("idb", 101), ("idb", 1), ("epb", 0, eth), ("epb", 1, ip), ("epb", 2, eth)]
    cap = write("two-links.pcapng", pcapng(up_front))
    rc, out, _ = run("check", cap)
    lines = out.splitlines()
    assert rc == 0 and lines[0] == cap + ": capture, link types EN10MB, RAW", lines
    assert lines[-2] == cap + ": 3 frames, 3 SIP messages (3 UDP, 0 TCP), 0 notices", lines
    later = write("later-link.pcapng", pcapng(up_front + [("idb", 276), ("epb", 3, sll2)]))
    rc, out, _ = run("check", later)
    lines = out.splitlines()
    assert rc == 0 and lines[0] == later + ": capture, link types EN10MB, RAW", lines
    assert lines[-2] == later + ": 4 frames, 4 SIP messages (4 UDP, 0 TCP), 0 notices; link types EN10MB, RAW, " \
        "LINUX_SLL2 (with interfaces described after the first frame)", lines
    rc, objs, _ = run_json(cap, later)
    links = [o["link_types"] for o in objs if o["type"] == "capture"]
    assert rc == 0 and links == [["EN10MB", "RAW"], ["EN10MB", "RAW", "LINUX_SLL2"]], links
    rc, objs, _ = run_json(write("one.pcap", two_message_capture()))
    assert [o["link_types"] for o in objs if o["type"] == "capture"] == [["RAW"]], objs


def test_pcapng_link_types_named_up_to_eight():
    """A pcapng may describe an interface of each of the 65,536 link types: a
    text line names the first 8 and counts the rest; the JSON array has
    them all."""
    ip = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    eth = b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip
    many = write("many-links.pcapng", pcapng([("idb", 1)] + [("idb", 147 + k) for k in range(299)] +
                                             [("epb", 0, eth)]))
    rc, objs, _ = run_json(many)
    links = [o for o in objs if o["type"] == "capture"][0]["link_types"]
    assert rc == 0 and len(links) == 300 and len(set(links)) == 300 and links[0] == "EN10MB", links
    rc, out, _ = run("check", many)
    lines = out.splitlines()
    assert rc == 0 and lines[0] == many + ": capture, link types " + ", ".join(links[:8]) + " and 292 more", lines[0]
    assert lines[-2] == many + ": 1 frames, 1 SIP messages (1 UDP, 0 TCP), 0 notices", lines
    eight = write("eight-links.pcapng", pcapng([("idb", 1)] + [("idb", 147 + k) for k in range(7)] +
                                               [("epb", 0, eth)]))
    rc, out, _ = run("check", eight)
    assert rc == 0 and out.splitlines()[0] == eight + ": capture, link types " + ", ".join(links[:8]), out
    later = write("later-links.pcapng", pcapng([("idb", 1), ("idb", 147), ("epb", 0, eth)] +
                                               [("idb", 148 + k) for k in range(10)] + [("epb", 0, eth)]))
    rc, out, _ = run("check", later)
    lines = out.splitlines()
    assert rc == 0 and lines[0] == later + ": capture, link types " + ", ".join(links[:2]), lines[0]
    assert lines[-2] == later + ": 2 frames, 2 SIP messages (2 UDP, 0 TCP), 0 notices; link types " + \
        ", ".join(links[:8]) + " and 4 more (with interfaces described after the first frame)", lines[-2]


def test_capture_tunnels_report_the_inner_endpoints():
    inner = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    cap = write("tunnels.pcap", pcap([gre4("203.0.113.1", "203.0.113.2", inner),
                                      ip4("203.0.113.1", "203.0.113.2", 4, inner)]))
    rc, out, _ = run("check", cap)
    lines = out.splitlines()
    assert rc == 0, out
    for line in lines[2:4]:
        assert line.split()[2:6] == ["192.0.2.1:5060", "->", "192.0.2.2:5080", "UDP"], lines
    assert lines[-2] == cap + ": 2 frames, 2 SIP messages (2 UDP, 0 TCP), 0 notices", lines
    rc, objs, _ = run_json(cap)
    m = objs[0]
    assert (m["src"], m["dst"]) == ("192.0.2.1", "192.0.2.2"), m
    # fragmented GRE packets, reassembled before the tunnel is opened; the
    # second carries the inner datagram's fragments in turn
    outer = ip4_frags(9, "203.0.113.1", "203.0.113.2", 47, struct.pack("!HH", 0, 0x0800) + inner, 200)
    inner_frags = frags4(5, "192.0.2.1", 5060, "192.0.2.2", 5080, INVITE, cut=96)
    gre_a = ip4_frags(10, "203.0.113.1", "203.0.113.2", 47, struct.pack("!HH", 0, 0x0800) + inner_frags[0], 64)
    gre_b = ip4_frags(11, "203.0.113.1", "203.0.113.2", 47, struct.pack("!HH", 0, 0x0800) + inner_frags[1], 64)
    cap = write("gre-frags.pcap", pcap(outer + gre_a + gre_b, linktype=101))
    rc, out, _ = run("check", cap)
    assert rc == 0 and out.splitlines()[-2] == cap + ": 6 frames, 2 SIP messages (2 UDP, 0 TCP), 0 notices", out
    assert out.count("192.0.2.1:5060 -> 192.0.2.2:5080") == 2, out
    # a GRE header cut short is a notice, not a crash
    cut = write("gre-cut.pcap", pcap([ip4("203.0.113.1", "203.0.113.2", 47, b"\xb0\x00\x08\x00")]))
    rc, out, _ = run("check", cut)
    assert rc == 0 and "GRE header cut short" in out, out


def udp_tunnel4(kind, dport, inner):
    """The IPv4 packet `inner` in VXLAN (and Ethernet) or GTP-U, in UDP to dport, in IPv4."""
    if kind == "vxlan":
        head = struct.pack("!II", 0x08000000, 100 << 8) + b"\x02\0\0\0\0\x04\x02\0\0\0\0\x03\x08\x00"
    else:  # GTPv1-U G-PDU, TEID 7
        head = struct.pack("!BBHI", 0x30, 255, len(inner), 7)
    return udp4("203.0.113.1", 49152, "203.0.113.2", dport, head + inner)


def test_tunnel_port_options():
    inner = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    vxlan = write("vxlan-8472.pcap", pcap([udp_tunnel4("vxlan", 8472, inner)]))
    gtpu = write("gtpu-3386.pcap", pcap([udp_tunnel4("gtpu", 3386, inner)]))
    found = vxlan + ": 1 frames, 1 SIP messages (1 UDP, 0 TCP), 0 notices"
    none = ": 1 frames, 0 SIP messages (0 UDP, 0 TCP), 0 notices"
    rc, out, _ = run("check", vxlan)  # 8472, the Linux kernel's VXLAN port, is a default
    assert rc == 0 and out.splitlines()[-2] == found and "192.0.2.1:5060 -> 192.0.2.2:5080" in out, out
    rc, out, _ = run("check", "--vxlan-port", "4789", vxlan)  # the list replaces the defaults
    assert rc == 0 and out.splitlines()[-2] == vxlan + none, out
    rc, out, _ = run("check", "--no-tunnels", vxlan)
    assert rc == 0 and out.splitlines()[-2] == vxlan + none, out
    rc, out, _ = run("check", gtpu)
    assert rc == 0 and out.splitlines()[-2] == gtpu + none, out
    for opt in (["--gtpu-port", "2152,3386"], ["--gtpu-port=3386"]):
        rc, out, _ = run("check", *opt, gtpu)
        assert rc == 0 and out.splitlines()[-2] == gtpu + found[len(vxlan):], (opt, out)
    rc, out, _ = run("check", "--no-tunnels", "--gtpu-port", "3386", gtpu)
    assert rc == 0 and out.splitlines()[-2] == gtpu + none, out
    # SIP sent to a tunnel's port is SIP (an INVITE's 'I' has VXLAN's I flag)
    short = b"INVITE a SIP/2.0\r\n\r\n"
    sip = write("sip-8472.pcap", pcap([udp4("192.0.2.1", 5060, "192.0.2.2", 8472, short)]))
    rc, out, _ = run("check", sip)
    assert "1 SIP messages" in out.splitlines()[-2] and "malformed" not in out, out
    for bad, says in ((["--vxlan-port", "0"], "--vxlan-port: '0' is not a list of UDP ports"),
                      (["--geneve-port", "65536"], "--geneve-port: '65536' is not a list of UDP ports"),
                      (["--gtpu-port", "2152,"], "--gtpu-port: '2152,' is not a list"),
                      (["--vxlan-port", "x"], "--vxlan-port: 'x' is not a list"),
                      (["--vxlan-port", "-1"], "--vxlan-port: '-1' is not a list"),
                      (["--vxlan-port", "1,2,3,4,5,6,7,8,9"], "names more than 8 ports"),
                      (["--vxlan-port", "2152"], "UDP port 2152 is both in --vxlan-port and in --gtpu-port"),
                      (["--vxlan-port"], "--vxlan-port needs a list of UDP ports")):
        rc, _, err = run("check", *bad, "--", vxlan) if len(bad) > 1 else run("check", *bad)
        assert rc == 2 and says in err, (bad, rc, err)


def wlan_frame(protected, payload):
    """A bare 802.11 data frame from the AP (LINKTYPE_IEEE802_11, no FCS),
    protected (its body opaque) or carrying an IP packet through LLC/SNAP."""
    head = struct.pack("<BBH", 0x08, 0x02 | (0x40 if protected else 0), 0) + b"\x02" * 6 + b"\x04" * 6 + \
        b"\x06" * 6 + b"\0\0"
    return head + (b"\0" * 8 + payload if protected else b"\xaa\xaa\x03\0\0\0\x08\x00" + payload)


def test_capture_counts_unreadable_frames():
    sip = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    cap = write("wpa.pcap", pcap([wlan_frame(True, sip), wlan_frame(False, sip), wlan_frame(True, sip),
                                  wlan_frame(True, sip)], linktype=105))
    rc, out, _ = run("check", cap)
    assert rc == 0 and out.count("frame-unreadable") == 1, out
    assert out.splitlines()[-2] == cap + (": 4 frames, 1 SIP messages (1 UDP, 0 TCP), 1 notices, "
                                          "3 frames unreadable (skipped)"), out
    rc, objs, _ = run_json(cap)
    capture = [o for o in objs if o["type"] == "capture"]
    assert rc == 0 and capture[0]["unreadable"] == 3 and capture[0]["notices"] == 1, objs
    rc, out, _ = run("check", SAMPLE_PCAP)  # nothing unreadable: the line as it was
    assert "unreadable" not in out, out


def test_capture_websocket_and_hep():
    """SIP over WebSocket (RFC 7118) after an HTTP upgrade, and SIP mirrored
    to a HEP collector: reported with the SIP endpoints, WS as the transport."""
    c, s = ("192.0.2.10", 50000), ("192.0.2.20", 8080)
    get = (b"GET / HTTP/1.1\r\nHost: ws.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
           b"Sec-WebSocket-Version: 13\r\n\r\n")
    ok101 = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
    invite = INVITE.replace(b"Content-Length: 0\r\n", b"")  # one message per WebSocket message: none needed
    frames = ws_frame(invite[:100], fin=False, mask=b"\x01\x02\x03\x04") + \
        ws_frame(invite[100:], opcode=0, mask=b"\x05\x06\x07\x08")
    cseq, sseq = 1001, 5001
    packets = [tcp4(*c, *s, 1000, 0x02), tcp4(*s, *c, 5000, 0x12),
               tcp4(*c, *s, cseq, 0x18, get), tcp4(*s, *c, sseq, 0x18, ok101)]
    cseq += len(get)
    sseq += len(ok101)
    packets += [tcp4(*c, *s, cseq, 0x18, frames[:70]), tcp4(*c, *s, cseq + 70, 0x18, frames[70:]),
                tcp4(*s, *c, sseq, 0x18, ws_frame(RINGING)),
                udp4("203.0.113.5", 41000, "203.0.113.9", 9060, hep3("198.51.100.1", 5060, "198.51.100.2", 5062,
                                                                       INVITE))]
    cap = write("ws-hep.pcap", pcap(packets))
    rc, out, _ = run("check", cap)
    lines = out.splitlines()
    assert rc == 0, out
    rows = [line.split() for line in lines[2:5]]
    assert rows[0][:6] == ["6", rows[0][1], "192.0.2.10:50000", "->", "192.0.2.20:8080", "WS"], rows
    assert rows[0][6] == "INVITE" and rows[0][-1] == "OK", rows
    assert rows[1][:6] == ["7", rows[1][1], "192.0.2.20:8080", "->", "192.0.2.10:50000", "WS"], rows
    assert rows[2][:6] == ["8", rows[2][1], "198.51.100.1:5060", "->", "198.51.100.2:5062", "UDP"], rows
    assert lines[-2] == cap + ": 8 frames, 3 SIP messages (1 UDP, 0 TCP, 2 WebSocket; 1 read from HEP), 0 notices", \
        lines
    rc, objs, _ = run_json(cap)
    msgs = [o for o in objs if o["type"] == "message"]
    assert [(m["transport"], m["src"], m["dport"]) for m in msgs] == \
        [("ws", "192.0.2.10", 8080), ("ws", "192.0.2.20", 50000), ("udp", "198.51.100.1", 5062)], msgs
    capobj = [o for o in objs if o["type"] == "capture"][0]
    assert (capobj["ws"], capobj["hep"], capobj["udp"], capobj["sip_messages"]) == (2, 1, 1, 3), capobj
    # a HEP packet cut short is a notice naming the collector's endpoints
    cut = write("hep-cut.pcap", pcap([udp4("203.0.113.5", 41000, "203.0.113.9", 9060,
                                           hep3("198.51.100.1", 5060, "198.51.100.2", 5062, INVITE)[:40])]))
    rc, out, _ = run("check", cut)
    assert rc == 0 and "NOTE malformed-packet: malformed HEP packet 203.0.113.5:41000 -> 203.0.113.9:9060" in out, out


def test_sip_cut_short_by_the_snapshot_length_fails_the_check():
    """The sample capture as `editcap -s 200` leaves it: every SIP message is
    longer, so none could be checked. That is said in the counts and is exit
    status 1, not a pass with notices."""
    with open(SAMPLE_PCAP, "rb") as f:
        full = f.read()
    rc, objs, _ = run_json(SAMPLE_PCAP)
    sip = objs[-1]["messages"]
    assert rc == 0 and sip > 0 and objs[-1]["cut_short"] == 0, objs[-1]
    cut = write("snap200.pcap", snapped(full, 200))
    rc, out, _ = run("check", cut)
    lines = out.splitlines()
    said = ", %d SIP frames cut short by the capture (not checked)" % sip
    assert rc == 1, (rc, lines[-2:])
    assert lines[-2].startswith(cut + ": ") and lines[-2].endswith(said), lines[-2:]
    assert lines[-1].startswith("summary: 0 messages, 0 ok, 0 warnings, 0 failed") and lines[-1].endswith(said), \
        lines[-1]
    rc, objs, _ = run_json(cut)
    capobj = [o for o in objs if o["type"] == "capture"][0]
    assert rc == 1 and capobj["cut_short"] == sip and capobj["sip_messages"] == 0, capobj
    assert objs[-1]["cut_short"] == sip and objs[-1]["failed"] == 0, objs[-1]


def test_headers_only_capture_counts_only_what_shows_sip():
    """A headers-only capture (`tcpdump -s 40` and the like) of traffic that
    is not shown to be SIP passes: a TLS flow with no payload byte kept, a
    DNS query of which 2 bytes were kept, a HEP packet cut before its
    protocol type chunk. Notices say what was cut; only what the bytes kept
    show to be SIP is counted and makes the exit status 1."""
    c, s = ("192.0.2.1", 50000), ("192.0.2.2", 443)
    hello = b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(32)) * 4
    tls = write("tls-s40.pcap", snapped(pcap([tcp4(*c, *s, 1000, 0x02), tcp4(*c, *s, 1001, 0x18, hello)]), 40))
    rc, out, _ = run("check", tls)
    lines = out.splitlines()
    assert "NOTE tcp-gap: %d bytes of TCP 192.0.2.1:50000 -> 192.0.2.2:443 missing" % len(hello) in out, out
    assert rc == 0 and lines[-2] == tls + ": 2 frames, 0 SIP messages (0 UDP, 0 TCP), 1 notices", lines
    dns = b"ab\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07example\x03com\x00\x00\x01\x00\x01"
    query = write("dns-s30.pcap", snapped(pcap([udp4("192.0.2.1", 40000, "192.0.2.53", 53, dns)]), 30))
    rc, out, _ = run("check", query)
    assert "NOTE frame-truncated: datagram 192.0.2.1:40000 -> 192.0.2.53:53 cut short by the capture's snapshot " \
        "length (2 of %d bytes) before it could be told whether it is SIP; not checked" % len(dns) in out, out
    assert rc == 0 and out.splitlines()[-1].endswith(", 1 notices"), out
    hep = hep3("198.51.100.1", 5060, "198.51.100.2", 5062, INVITE)
    type_end = hep.index(b"\x00\x00\x00\x0b\x00\x07\x01") + 7
    hep_pcap = pcap([udp4("203.0.113.5", 41000, "203.0.113.9", 9060, hep)])
    rc, out, _ = run("check", write("hep-untold.pcap", snapped(hep_pcap, 28 + type_end - 1)))
    assert rc == 0 and "before it could be told whether it mirrors SIP; not checked" in out, out
    start_line = INVITE.index(b"\r\n") + 2
    cases = [("sip-s%d.pcap" % start_line, pcap([udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)]), start_line,
              "NOTE frame-truncated: SIP datagram 192.0.2.1:5060 -> 192.0.2.2:5080 cut short by the capture's "
              "snapshot length (%d of %d bytes); not checked" % (start_line, len(INVITE))),
             ("hep-sip.pcap", hep_pcap, type_end,
              "NOTE frame-truncated: HEP packet 203.0.113.5:41000 -> 203.0.113.9:9060 cut short by the capture's "
              "snapshot length (%d of %d bytes); not checked" % (type_end, len(hep)))]
    for name, data, keep, note in cases:
        cut = write(name, snapped(data, 28 + keep))
        rc, out, _ = run("check", cut)
        lines = out.splitlines()
        said = ", 1 SIP frames cut short by the capture (not checked)"
        assert rc == 1 and note in out and lines[-2].endswith(said) and lines[-1].endswith(said), (name, out)
        rc, objs, _ = run_json(cut, query, tls)
        assert rc == 1 and [o["cut_short"] for o in objs if o["type"] == "capture"] == [1, 0, 0], objs
        assert objs[-1]["cut_short"] == 1 and objs[-1]["notices"] == 3, objs[-1]


def test_ip_fragments_cut_short_count_as_sip_once():
    """A capture whose snapshot length cuts the fragments of a large SIP
    datagram (`tcpdump -s 200` of an INVITE with a big SDP): the first
    fragment kept its start line, so the datagram is SIP that could not be
    checked, counted once in the summary and the JSON, exit status 1; the
    later fragment names the frame it was counted in, and is not counted
    again. A fragmented datagram that is not SIP, cut the same way, passes
    with its notices."""
    big = INVITE.replace(b"Content-Length: 0", b"Content-Length: 400") + b"x" * 400
    sip = frags4(7, "192.0.2.1", 5060, "192.0.2.2", 5080, big, cut=256)
    other = frags4(8, "192.0.2.1", 40000, "192.0.2.2", 40002, bytes(range(128, 256)) * 5, cut=256)
    for frames, counted in ((sip, 1), (other, 0)):
        cut = write("frag-s200-%d.pcap" % counted, snapped(pcap(frames), 200))
        rc, out, _ = run("check", cut)
        lines = out.splitlines()
        assert out.count("NOTE ip-fragment-truncated: IPv4 fragment 192.0.2.1 -> 192.0.2.2 id 0x") == 2, out
        said = ", 1 SIP frames cut short by the capture (not checked)"
        assert rc == counted and lines[-1].endswith(said) == bool(counted), (rc, out)
        notes = [line for line in lines if "NOTE" in line]
        assert ("by the bytes kept; not checked" in notes[0] and
                "a SIP datagram 192.0.2.1:5060 -> 192.0.2.2:5080" in notes[0]) == bool(counted), notes
        if counted:
            assert notes[1].endswith(", a SIP datagram 192.0.2.1:5060 -> 192.0.2.2:5080 already said cut short "
                                     "in frame 1"), notes
        else:
            assert notes[1].endswith("its datagram cannot be reassembled"), notes
        rc, objs, _ = run_json(cut)
        capobj = [o for o in objs if o["type"] == "capture"][0]
        assert capobj["cut_short"] == counted and objs[-1]["cut_short"] == counted and objs[-1]["notices"] == 2, objs


def test_truncated_and_corrupt_captures():
    data = two_message_capture()
    cut = write("cut.pcap", data[:-20])
    rc, out, err = run("check", cut)
    assert rc == 2 and "frame 3" in err and "truncated" in err and cut in err, err
    assert out.count(" OK") == 2, out  # the frames before the damage are reported
    rc, objs, _ = run_json(cut)
    errs = [o for o in objs if o["type"] == "error"]
    assert rc == 2 and len(errs) == 1 and "frame 3" in errs[0]["message"], objs
    assert objs[-1]["errors"] == 1
    bad = bytearray(data)
    bad[4:6] = struct.pack("<H", 9)  # major version 9
    rc, _, err = run("check", write("badhdr.pcap", bytes(bad)))
    assert rc == 2 and "not a readable capture" in err, err
    bad = bytearray(data)
    rec2 = 24 + 16 + len(udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE))
    bad[rec2 + 8:rec2 + 12] = struct.pack("<I", 0x7FFFFFF0)  # frame 2's captured length
    rc, out, err = run("check", write("badrec.pcap", bytes(bad)))
    assert rc == 2 and "frame 2" in err, err
    rc, _, err = run("check", write("unsupported.pcap", pcap([], linktype=147)))  # USER0
    assert rc == 2 and "link type" in err, err


def test_pcapng_damage_read_ahead_is_the_first_frames_error():
    """pcapng_open() reads every block before the first frame; damage met
    there after an interface was described is kept and reported as the
    first frame's error (exit status 2), not as an unreadable file, and a
    frame read before damage is still checked."""
    ip = udp4("192.0.2.1", 5060, "192.0.2.2", 5080, INVITE)
    eth = b"\x02" * 6 + b"\x04" * 6 + b"\x08\x00" + ip
    epb = pcapng([("idb", 1), ("epb", 0, eth)])
    shb_idb = pcapng([("idb", 1)])
    cut_block = epb[len(shb_idb):len(shb_idb) + 40]  # an EPB announcing more than is there
    cases = [("shb-idb-cut.pcapng", shb_idb + cut_block, "frame 1: pcapng block cut short"),
             ("shb-idb-cut-head.pcapng", shb_idb + cut_block[:6], "frame 1: truncated pcapng block"),
             ("frame-then-cut.pcapng", epb + cut_block, "frame 2: pcapng block cut short")]
    for name, data, said in cases:
        path = write(name, data)
        rc, out, err = run("check", path)
        assert rc == 2 and "sipmsg: %s: %s" % (path, said) in err, (name, rc, err)
        assert "not a readable capture" not in err, (name, err)
        lines = out.splitlines()
        assert lines[0] == path + ": capture, link type EN10MB", (name, lines)
        frames = 1 if name.startswith("frame-") else 0
        assert lines[-2] == path + ": %d frames, %d SIP messages (%d UDP, 0 TCP), 0 notices" % ((frames,) * 3), \
            (name, lines)
        rc, objs, _ = run_json(path)
        errs = [o for o in objs if o["type"] == "error"]
        assert rc == 2 and len(errs) == 1 and errs[0]["message"].startswith(said), (name, objs)
        assert objs[-1]["errors"] == 1 and objs[-1]["messages"] == frames, (name, objs[-1])
    # damage before any interface is described: the file is refused
    path = write("shb-cut.pcapng", shb_idb[:28] + cut_block)
    rc, _, err = run("check", path)
    assert rc == 2 and "not a readable capture: pcapng block cut short" in err, err


def with_body(msg, ctype, body):
    head = msg.replace(b"Content-Length: 0\r\n\r\n", b"")
    return head + b"Content-Type: " + ctype + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body


# a port above 65535 (an error of the SDP checks)
BAD_SDP = (b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
           b"m=audio 70000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def test_check_policy_lenient_warns_strict_fails():
    """Errors only the checks find (RFC 3261 rules, typed reads of headers the
    parse leaves alone, SDP checks) WARN in lenient mode and FAIL in strict."""
    no_contact = write("nocontact.sip", INVITE.replace(b"Contact: <sip:alice@192.0.2.1>\r\n", b""))
    sdp = with_body(INVITE, b"application/sdp", BAD_SDP)
    boundary = b"b0undary"
    mixed = (b"--b0undary\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
             b"--b0undary\r\nContent-Type: application/sdp\r\n\r\n" + BAD_SDP + b"\r\n--b0undary--\r\n")
    multi = with_body(INVITE, b"multipart/mixed;boundary=" + boundary, mixed)
    files = [no_contact, write("badsdp.sip", sdp), write("multi.sip", multi)]
    want_code = ["missing-header", "sdp-bad-port", "sdp-bad-port"]
    rc, objs, _ = run_json(*files)
    msgs = [o for o in objs if o["type"] == "message"]
    assert rc == 0 and [m["verdict"] for m in msgs] == ["warn"] * 3, msgs
    for m, code, data in zip(msgs, want_code, [None, sdp, multi]):
        d = [d for d in m["diagnostics"] if d["code"] == code]
        assert d and d[0]["severity"] == "error" and not d[0]["fails"], m
        assert m["round_trip"] is True, m
        if data is not None:  # SDP findings point into the message, not the body: at the port
            line = data[:d[0]["offset"]].count(b"\n") + 1
            assert d[0]["line"] == line and d[0]["column"] == 9, (d, line)
            assert data[d[0]["offset"] - 8:].startswith(b"m=audio 70000"), (d, line)
    rc, objs, _ = run_json("--strict", *files)
    msgs = [o for o in objs if o["type"] == "message"]
    assert rc == 1 and [m["verdict"] for m in msgs] == ["fail"] * 3, msgs
    rc, out, _ = run("check", files[1])
    assert rc == 0 and "WARN  sdp-bad-port" in out, out


# --- bare SDP files ------------------------------------------------------------

OFFER = (b"v=0\r\n"
         b"o=carol 3724394400 3724394405 IN IP4 203.0.113.7\r\n"
         b"s=call\r\n"
         b"c=IN IP4 203.0.113.7\r\n"
         b"t=0 0\r\n"
         b"m=audio 40000 RTP/AVP 0 101\r\n"
         b"a=rtpmap:0 PCMU/8000\r\n"
         b"a=rtpmap:101 telephone-event/8000\r\n"
         b"a=fmtp:101 0-15\r\n"
         b"m=video 40002 RTP/AVP 96\r\n"
         b"a=rtpmap:96 H264/90000\r\n")
# an rtpmap for a payload type the m= line does not list: a warning of the checks
OFFER_WARNING = OFFER.replace(b"a=rtpmap:96 H264/90000\r\n", b"a=rtpmap:96 H264/90000\r\na=rtpmap:97 VP8/90000\r\n")
# no c= at session level nor in the media description: an error only the checks find
OFFER_NO_C = OFFER.replace(b"c=IN IP4 203.0.113.7\r\n", b"")
# an unknown line type: the parse rejects it in strict mode and reports it as an error otherwise
OFFER_UNKNOWN_LINE = OFFER.replace(b"t=0 0\r\n", b"t=0 0\r\nf=x\r\n")


def sdp_message(objs):
    msgs = [o for o in objs if o["type"] == "message"]
    assert len(msgs) == 1 and msgs[0]["input"] == "sdp", objs
    return msgs[0]


def test_bare_sdp_clean_is_ok():
    path = write("offer.sdp", OFFER)
    rc, out, _ = run("check", path)
    lines = out.splitlines()
    assert rc == 0 and re.match(re.escape(path) + r"\s+SDP o=carol 3724394400, 2 media\s+OK$", lines[0]), out
    assert lines[-1] == "summary: 1 messages, 1 ok, 0 warnings, 0 failed, %d bytes" % len(OFFER), lines
    for mode in ([], ["--strict"]):
        rc, objs, _ = run_json(*mode, path)
        m = sdp_message(objs)
        assert rc == 0 and m["verdict"] == "ok" and m["round_trip"] is True and m["diagnostics"] == [], m
        assert m["length"] == len(OFFER) and m["start_line"] == "v=0", m


def test_bare_sdp_with_a_warning_warns_in_both_modes():
    path = write("warning.sdp", OFFER_WARNING)
    at = OFFER_WARNING.index(b"a=rtpmap:97")
    for mode in ([], ["--strict"]):
        rc, objs, _ = run_json(*mode, path)
        m = sdp_message(objs)
        assert rc == 0 and m["verdict"] == "warn" and m["round_trip"] is True, (mode, m)
        d = m["diagnostics"][0]
        assert d["code"] == "sdp-pt-not-in-formats" and d["severity"] == "warning" and not d["fails"], d
        assert d["line"] == 12 and d["column"] == 10 and d["offset"] == at + 9 and d["header"] == "a=rtpmap", d
    rc, out, _ = run("check", path)
    assert rc == 0 and "WARN  sdp-pt-not-in-formats: " in out and "(line 12, column 10, a=rtpmap)" in out, out


def test_bare_sdp_error_of_the_checks_warns_lenient_fails_strict():
    path = write("no-c.sdp", OFFER_NO_C)
    rc, objs, _ = run_json(path)
    m = sdp_message(objs)
    assert rc == 0 and m["verdict"] == "warn" and m["round_trip"] is True, m
    d = [d for d in m["diagnostics"] if d["code"] == "sdp-missing-line"]
    assert d and d[0]["severity"] == "error" and not d[0]["fails"], m
    assert d[0]["line"] == 5 and d[0]["column"] == 1 and OFFER_NO_C[d[0]["offset"]:].startswith(b"m=audio"), d
    rc, objs, _ = run_json("--strict", path)
    m = sdp_message(objs)
    assert rc == 1 and m["verdict"] == "fail" and m["round_trip"] is True, m
    assert m["diagnostics"][0]["fails"] and m["reason"] == m["diagnostics"][0]["message"], m
    rc, out, _ = run("check", "--strict", path)
    assert rc == 1 and "FAIL  sdp-missing-line: " in out and "(line 5, column 1, m)" in out, out
    assert "0 ok, 0 warnings, 1 failed" in out, out


def test_bare_sdp_unknown_line_fails():
    path = write("unknown.sdp", OFFER_UNKNOWN_LINE)
    at = OFFER_UNKNOWN_LINE.index(b"f=x")
    rc, objs, _ = run_json("--strict", path)  # the parse fails
    m = sdp_message(objs)
    assert rc == 1 and m["verdict"] == "fail" and m["round_trip"] is None, m
    d = m["diagnostics"]
    assert len(d) == 1 and d[0]["code"] == "sdp-unknown-type" and d[0]["fails"], m
    assert d[0]["line"] == 6 and d[0]["column"] == 1 and d[0]["offset"] == at, d
    rc, objs, _ = run_json(path)  # the lenient parse reports it as an error: it fails too
    m = sdp_message(objs)
    assert rc == 1 and m["verdict"] == "fail" and m["round_trip"] is True, m
    assert m["diagnostics"][0]["code"] == "sdp-unknown-type" and m["diagnostics"][0]["fails"], m
    for mode in ([], ["--strict"]):
        rc, out, _ = run("check", *mode, path)
        assert rc == 1 and "FAIL  sdp-unknown-type: " in out and "(line 6, column 1, f)" in out, (mode, out)


def test_sdp_verdict_follows_who_found_the_error():
    """The rule the man page states: an error the SDP parse finds (a line that
    is not x=value, a control character in a line) fails a bare SDP in both
    modes; an error only the checks find (a value that breaks its grammar:
    an rtpmap payload type that is not a number) makes it WARN without
    --strict. In a SIP message's body every SDP finding is one of the checks
    (the SIP parse does not read the body): WARN without --strict, FAIL with
    it."""
    cases = [  # (what, extra line, code, bare SDP fails without --strict)
        ("bad line", b"garbage\r\n", "sdp-bad-line", True),
        ("control byte", b"a=foo\x01bar\r\n", "sdp-ctl-in-line", True),
        ("bad value", b"a=rtpmap:zz PCMU/8000\r\n", "sdp-bad-value", False),
    ]
    for what, extra, code, parse_error in cases:
        sdp = OFFER + extra
        files = [write("verdict-%s.sdp" % what.replace(" ", "-"), sdp),
                 write("verdict-%s.sip" % what.replace(" ", "-"), with_body(INVITE, b"application/sdp", sdp))]
        for strict in (False, True):
            rc, objs, _ = run_json(*(["--strict"] if strict else []), *files)
            msgs = [o for o in objs if o["type"] == "message"]
            bare_fails = parse_error or strict
            want = ["fail" if bare_fails else "warn", "fail" if strict else "warn"]
            assert [m["verdict"] for m in msgs] == want, (what, strict, msgs)
            assert rc == (1 if "fail" in want else 0), (what, strict, rc)
            if strict:  # strict mode refuses the SDP's parse, on the first error it meets
                assert all(any(d["fails"] for d in m["diagnostics"]) for m in msgs), (what, msgs)
                continue
            for m, fails in zip(msgs, (bare_fails, False)):
                d = [d for d in m["diagnostics"] if d["code"] == code]
                assert d and d[0]["severity"] == "error" and d[0]["fails"] == fails, (what, m)


def test_sdp_option_forces_a_bare_sdp():
    data = b"\r\n" + OFFER  # a blank line first: not recognised as SDP
    path = write("blank-first.txt", data)
    rc, objs, _ = run_json(path)
    m = [o for o in objs if o["type"] == "message"][0]
    assert rc == 1 and m["input"] == "sip" and m["diagnostics"][0]["code"] == "bad-method", m
    rc, objs, _ = run_json("--sdp", path)
    m = sdp_message(objs)
    d = [d for d in m["diagnostics"] if d["fails"]][0]
    assert rc == 1 and m["verdict"] == "fail" and m["reason"] == "the description does not start with v=", m
    assert d["code"] == "sdp-missing-line" and d["line"] == 1 and d["column"] == 1, m
    # --sdp applies to every file, standard input included
    rc, objs, _ = run_json("--sdp", "-", stdin=OFFER)
    assert rc == 0 and sdp_message(objs)["verdict"] == "ok", objs


def test_sip_files_still_go_the_sip_way():
    sip = write("with-sdp.sip", with_body(INVITE, b"application/sdp", OFFER))
    rc, objs, _ = run_json(sip, write("offer2.sdp", OFFER))
    msgs = [o for o in objs if o["type"] == "message"]
    assert rc == 0 and [m["input"] for m in msgs] == ["sip", "sdp"], msgs
    assert msgs[0]["start_line"] == "INVITE sip:bob@example.com SIP/2.0" and msgs[0]["verdict"] == "ok", msgs
    assert objs[-1]["messages"] == 2 and objs[-1]["ok"] == 2, objs[-1]
    rc, out, _ = run("check", sip)
    assert rc == 0 and "INVITE sip:bob@example.com SIP/2.0" in out and "SDP o=" not in out, out


def test_bare_lf_sdp_round_trips_byte_exact():
    lf = OFFER.replace(b"\r\n", b"\n")  # RFC 8866 §5 allows LF alone
    path = write("lf.sdp", lf)
    for mode in ([], ["--strict"]):
        rc, objs, _ = run_json(*mode, path)
        m = sdp_message(objs)
        assert rc == 0 and m["verdict"] == "ok" and m["round_trip"] is True and m["length"] == len(lf), (mode, m)
    rc, out, _ = run("check", path)
    assert rc == 0 and "SDP o=carol 3724394400, 2 media" in out and out.splitlines()[0].endswith("OK"), out


def main():
    return runner.run_tests(globals(), TMP)


if __name__ == "__main__":
    sys.exit(main())
