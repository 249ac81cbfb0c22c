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

_ITER = type(iter(int, 0))  # what Message.values() returns: a callable iterator

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
