# SPDX-License-Identifier: MIT
"""Lifetimes: a view keeps its message alive, and objects may die in any order.

libnvme's tests/gc.py exists because deleting a parent before its children
crashed; these tests delete parents first, run the cycle collector, and only
then use the children.
"""

import gc
import os
import random
import subprocess
import sys
import textwrap
import weakref

import sipmsg
from sipmsg import capi
from conftest import INVITE, OK

_ITER = type(iter([]))  # what Message.values() returns: an iterator over a snapshot

VIAS = [
    "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds",
    "SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK42",
    "SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK7",
]


def test_values_iterator_outlives_its_message():
    msg = sipmsg.parse(INVITE)
    ref = weakref.ref(msg)
    it = msg.values("Via")
    del msg
    gc.collect()
    assert ref() is None  # the Python object is gone ...
    assert list(it) == VIAS  # ... but the C message it walks is not


def test_capi_value_iter_keeps_the_handle():
    handle = capi.parse(INVITE, 0)
    it = capi.ValueIter(handle, "v")
    del handle
    gc.collect()
    assert list(iter(it.next_value, None)) == VIAS
    del it
    gc.collect()


def test_partly_consumed_iterator_after_parent_dies():
    msg = sipmsg.parse(INVITE)
    it = msg.values("Via")
    assert next(it) == VIAS[0]
    del msg
    gc.collect()
    assert list(it) == VIAS[1:]


def test_edits_during_iteration_never_crash():
    msg = sipmsg.parse(INVITE)
    it = msg.values("Via")
    first = next(it)
    msg.remove_header("Via")
    msg.body = b"x" * 4096
    for i in range(50):
        msg.add_header("Via", f"SIP/2.0/UDP 10.0.0.{i}")
    rest = list(it)  # either version of the message, but valid strings
    assert first == VIAS[0]
    assert all(isinstance(v, str) and v.startswith("SIP/2.0/") for v in rest)


def test_any_deletion_order():
    rng = random.Random(5)
    for _ in range(12):
        objs = []
        expected = []
        for data in (INVITE, OK):
            msg = sipmsg.parse(data)
            dup = msg.copy()
            its = [msg.values("Via"), dup.values("Via"), msg.values("Call-ID")]
            objs += [msg, dup, msg._h, *its]
            expected.append(list(msg.values("Via")))
        rng.shuffle(objs)
        survivors = objs[len(objs) // 2:]
        del objs[len(objs) // 2:]
        objs.clear()
        gc.collect()
        for o in survivors:
            if isinstance(o, _ITER):
                assert all(isinstance(v, str) for v in o)
            elif isinstance(o, sipmsg.Message):
                assert bytes(o) in (INVITE, OK)
        rng.shuffle(survivors)
        while survivors:
            survivors.pop()  # freed at once by reference counting, in a random order
        gc.collect()


# Every kind of view, and what reading it gives.
SDP = (b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
       b"m=audio 49170 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2\r\n")
MULTIPART = (b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
             b"From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: mp\r\n"
             b"CSeq: 1 INVITE\r\nContent-Type: multipart/mixed;boundary=b1\r\n"
             b"Content-Length: " + str(len(SDP) + 58).encode() + b"\r\n\r\n"
             b"--b1\r\nContent-Type: application/sdp\r\n\r\n" + SDP + b"\r\n--b1--\r\n")
PROBES = [
    (sipmsg.Message, bytes), (capi.Message, lambda o: capi.write(o, 0)), (_ITER, list),
    (sipmsg.Uri, lambda o: (o.raw, o.user, o.host, o.params)), (capi.Uri, lambda o: o.raw()),
    (sipmsg.NameAddr, lambda o: (o.raw, o.display_name, o.tag, o.uri.raw)), (capi.NameAddr, lambda o: o.raw()),
    (sipmsg.Via, lambda o: (o.raw, o.branch, o.host)), (capi.Via, lambda o: o.raw()),
    (sipmsg.Sdp, bytes), (capi.Sdp, lambda o: o.write(0)),
    (sipmsg.Media, lambda o: (o.lines, o.rtpmaps, o.codecs, o.connection)), (capi.SdpSection, lambda o: o.line_raw(0)),
    (capi.SdpOrigin, lambda o: o.address()), (capi.SdpConnection, lambda o: o.address()),
    (capi.SdpRtpmap, lambda o: o.encoding()), (capi.SdpCodec, lambda o: o.name()),
    (capi.Multipart, lambda o: o.boundary()), (capi.MimePart, lambda o: o.body()),
]


def _probe(o):
    for cls, read in PROBES:
        if isinstance(o, cls):
            return read(o)
    raise AssertionError(f"no probe for {type(o)}")


def _every_view():
    """A message, an SDP and a multipart message, and every view of each."""
    objs = []
    msg = sipmsg.parse(INVITE)
    objs += [msg, msg._h, msg.from_, msg.to, msg.from_.uri, msg.request_uri, *msg.vias, *msg.contacts,
             msg.values("Via"), msg._h.from_view(), msg._h.via_at(0), msg._h.request_uri_view()]
    sdp = msg.sdp
    assert sdp is not None
    objs += [sdp, sdp._s, sdp._s.origin(), sdp._s.session()]
    bare = sipmsg.parse_sdp(SDP)
    media = bare.media[0]
    objs += [bare, media, media._sec, media._sec.connection(), media._sec.rtpmap_at(1), media._sec.codec_at(1)]
    alone = sipmsg.Media("video", 5000, "RTP/AVP", [99], [("rtpmap", "99 H264/90000")])
    uri = sipmsg.Uri("sip:carol@chicago.com;transport=tcp")
    objs += [alone, alone._sec, uri, uri._u]
    mp_msg = sipmsg.parse(MULTIPART)
    mp = mp_msg._h.multipart()
    mp_sdp = mp_msg.sdp
    assert mp is not None and mp_sdp is not None
    objs += [mp_msg, mp, mp.part_at(0), mp_sdp, mp_sdp.media[0]]
    return objs


def test_every_view_outlives_its_parents_in_any_order():
    rng = random.Random(7)
    for _ in range(20):
        objs = _every_view()
        expected = {id(o): _probe(o) for o in objs}
        rng.shuffle(objs)
        survivors = objs[: len(objs) // 3]
        del objs
        gc.collect()  # parents (messages, SDPs, sections) may be gone now
        for o in survivors:
            if not isinstance(o, _ITER):  # an iterator is consumed by its probe
                assert _probe(o) == expected[id(o)]
        rng.shuffle(survivors)
        while survivors:
            survivors.pop()
        gc.collect()


def test_views_of_a_message_after_it_is_gone():
    msg = sipmsg.parse(INVITE)
    ref = weakref.ref(msg)
    frm, via, sdp = msg.from_, msg.vias[1], msg.sdp
    uri = frm.uri
    del msg, frm
    gc.collect()
    assert ref() is None
    assert (uri.user, uri.host) == ("alice", "example.com")
    assert via.branch == "z9hG4bK42"
    assert sdp is not None and sdp.origin is not None and sdp.origin.address == "192.0.2.1"
    sdp2 = sdp
    del sdp
    media_free = sipmsg.Sdp(media=[sipmsg.Media("audio", 1, "RTP/AVP", [0])]).media[0]
    gc.collect()
    assert media_free.port == 1 and sdp2.session_name == "-"


def test_views_survive_edits_of_their_message():
    msg = sipmsg.parse(INVITE)
    frm, vias = msg.from_, msg.vias
    msg.remove_header("From")
    msg.remove_header("Via")
    msg.body = b"x" * 10000
    msg.set_from("sip:zed@example.org", tag="z")
    assert frm.uri.user == "alice" and frm.tag == "1928301774"  # the view shows the message as it was
    assert [v.branch for v in vias] == ["z9hG4bK776asdhds", "z9hG4bK42", "z9hG4bK7"]
    assert msg.from_.uri.user == "zed" and msg.vias == []


def test_reference_cycles_are_collected_safely():
    msg = sipmsg.parse(INVITE)
    it = msg.values("Via")
    cycle = [msg, it]
    cycle.append(cycle)
    ref = weakref.ref(msg)
    del msg, it, cycle
    gc.collect()
    assert ref() is None


def test_interpreter_exit_with_live_objects():
    # Module globals are torn down in no particular order at exit.
    code = textwrap.dedent(f"""
        import sipmsg
        MSG = sipmsg.parse({INVITE!r})
        IT = MSG.values("Via")
        COPY = MSG.copy()
        HANDLE = MSG._h
        ITS = [COPY.values("v") for _ in range(100)]
        VIEWS = [MSG.from_, MSG.from_.uri, MSG.vias, MSG.sdp, MSG.sdp.media if MSG.sdp else None]
        SDP = sipmsg.parse_sdp(b"v=0\\r\\nm=audio 1 RTP/AVP 0\\r\\n")
        MEDIA = SDP.media[0]
        URI = sipmsg.Uri("sip:a@b")
        next(IT)
        print("done")
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "done"


def test_none_and_wrong_types_raise_instead_of_crashing():
    import pytest
    with pytest.raises(ValueError):
        capi.ValueIter(None, "Via")
    with pytest.raises(TypeError):
        capi.ValueIter(object(), "Via")
    with pytest.raises(ValueError):
        capi.write(None, 0)
    with pytest.raises(TypeError):
        capi.Message.header_count(capi.ValueIter(capi.parse(OK, 0), "x"))
