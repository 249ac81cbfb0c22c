# SPDX-License-Identifier: MIT
"""Threads: parse and write release the interpreter lock and stay correct."""

import os
import re
import threading

import pytest

import sipmsg
from conftest import INVITE

THREADS = 8
ROUNDS = 300


def _variant(i, j):
    call_id = f"call-{i}-{j}@192.0.2.1".encode()
    body = b"v=0\r\n" * (1 + (i + j) % 7)
    return (INVITE.split(b"i: ")[0] + b"i: " + call_id + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body,
            call_id.decode(), body)


def _run(target, n=THREADS):
    barrier = threading.Barrier(n)
    errors = []

    def wrapped(i):
        try:
            barrier.wait()
            target(i)
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_eight_threads_parse_at_once():
    results = [[] for _ in range(THREADS)]

    def parse_many(i):
        for j in range(ROUNDS):
            data, call_id, body = _variant(i, j)
            msg = sipmsg.parse(data)
            results[i].append((msg.header("Call-ID") == call_id, msg.body == body, bytes(msg) == data,
                               msg.diagnostics == []))

    _run(parse_many)
    assert [len(r) for r in results] == [ROUNDS] * THREADS
    assert all(all(flags) for r in results for flags in r)


def test_eight_threads_write_one_message():
    msg = sipmsg.parse(INVITE)
    outs = [[] for _ in range(THREADS)]

    def write_many(i):
        for _ in range(ROUNDS):
            outs[i].append(bytes(msg))

    _run(write_many)
    assert all(out == INVITE for r in outs for out in r)
    assert sum(len(r) for r in outs) == THREADS * ROUNDS


def test_edits_while_other_threads_write_are_refused_or_applied_never_torn():
    msg = sipmsg.parse(INVITE)
    msg.body = b"x" * 200000  # long writes: the lock is released for a while
    snapshots = []
    outcomes = {"applied": 0, "refused": 0}

    def work(i):
        for j in range(60):
            if i == 0:
                try:
                    msg.set_header("X-Counter", str(j))
                    outcomes["applied"] += 1
                except RuntimeError as e:
                    assert "being written by another thread" in str(e)
                    outcomes["refused"] += 1
            else:
                snapshots.append(bytes(msg))

    _run(work, 4)
    assert outcomes["applied"] + outcomes["refused"] == 60
    for data in snapshots:
        again = sipmsg.parse(data)  # every snapshot is a whole, consistent message
        assert again.diagnostics == []
        assert again.body == b"x" * 200000
    assert msg.header("X-Counter") is not None or outcomes["applied"] == 0


def test_threads_parse_and_read_views_sdp_and_builders_at_once():
    sdp = (b"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
           b"m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
    shared = sipmsg.parse_sdp(sdp)
    seen = []

    def work(i):
        for j in range(ROUNDS // 3):
            data, call_id, _ = _variant(i, j)
            msg = sipmsg.parse(data)
            assert isinstance(msg, sipmsg.Request)
            assert msg.call_id == call_id and msg.max_forwards == 70
            assert [v.branch for v in msg.vias][0] == "z9hG4bK776asdhds" and msg.from_.uri.user == "alice"
            resp = msg.make_response(200, to_tag=f"t{i}")
            resp.body = sipmsg.parse_sdp(sdp)
            back = sipmsg.parse(bytes(resp))
            assert back.to.tag == f"t{i}" and back.sdp is not None
            assert back.sdp.media[0].codecs[0].name == "PCMU"
            seen.append(bytes(shared))  # one SDP written from every thread

    _run(work)
    assert set(seen) == {sdp}


def test_parsers_and_write_release_the_lock_and_nothing_else_does():
    wrap = os.path.join(os.path.dirname(sipmsg.__file__), "capi_wrap.c")
    if not os.path.exists(wrap):
        pytest.skip("the generated wrapper is only beside the package in the build dir")
    with open(wrap, encoding="utf-8") as f:
        text = f.read()
    releasing = set()
    for m in re.finditer(r"SWIGINTERN PyObject \*_wrap_(\w+)\(.*?\n}\n", text, re.S):
        if "SWIG_PYTHON_THREAD_BEGIN_ALLOW" in m.group(0):
            releasing.add(m.group(1))
    assert releasing == {"parse", "parse_limits", "write", "sdp_parse", "sdp_parse_limits"}
