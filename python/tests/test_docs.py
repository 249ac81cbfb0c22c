# SPDX-License-Identifier: MIT
"""docs/python.md: its python blocks run, and mypy accepts them with the stubs."""

import contextlib
import io
import os
import re
import subprocess
import sys

import pytest

import sipmsg
from conftest import source_root

DOC = os.path.join(source_root(), "docs", "python.md")
README = os.path.join(source_root(), "README.md")


def _blocks():
    with open(DOC, encoding="utf-8") as f:
        return re.findall(r"^```python\n(.*?)^```", f.read(), re.S | re.M)


def _mypy_missing():
    try:
        import mypy  # noqa: F401
    except ImportError:
        return f"mypy is not importable by {sys.executable} (Debian: mypy)"
    return None


def test_doc_has_examples():
    assert len(_blocks()) >= 5


def test_doc_examples_run_in_order():
    namespace = {"__name__": "__doc_example__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, block in enumerate(_blocks()):
            exec(compile(block, f"{DOC}:python block {i + 1}", "exec"), namespace)
    printed = out.getvalue()
    # the values the comments in the guide promise
    assert "INVITE sip:bob@example.com\n" in printed
    assert "<Request INVITE sip:bob@example.com, 9 headers, 5-byte body>" in printed
    assert "[['Content-Type', 'text/plain'], ['Content-Length', '5']]" in printed
    assert "line 3, column 7: X-Y: control character in the line" in printed
    assert "ctl-in-value error 3 7" in printed
    assert "Alice alice 1928301774\nUDP 192.0.2.1 5060 z9hG4bK776asdhds\n" in printed
    assert "<Response 180 Ringing, 6 headers, no body>" in printed
    assert "application/sdp 224\naudio 49170 RTP/AVP ['0', '8', '101']\n" in printed
    assert "Rtpmap(payload_type=101, encoding='telephone-event', clock_rate=8000, params=None)" in printed
    assert "['PCMU', 'PCMA', 'telephone-event'] sendrecv" in printed
    # the SIPp harness is defined there (python/tests/test_sipp.py runs it)
    assert callable(namespace["place_call"]) and callable(namespace["answer_calls"])


def _mypy(tmp_path, source):
    script = tmp_path / "example.py"
    script.write_text(source)
    env = dict(os.environ)
    env["MYPYPATH"] = os.path.dirname(os.path.dirname(sipmsg.__file__))
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                           "--cache-dir", str(tmp_path / "cache"), str(script)],
                          capture_output=True, text=True, env=env, cwd=str(tmp_path))


def test_mypy_accepts_the_examples(tmp_path):
    why = _mypy_missing()
    if why:
        pytest.skip(why)
    r = _mypy(tmp_path, "\n".join(_blocks()))
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_uses_the_stubs(tmp_path):
    # A wrong use must be caught: the stubs give real types, not Any.
    why = _mypy_missing()
    if why:
        pytest.skip(why)
    r = _mypy(tmp_path, 'import sipmsg\n'
                        'msg = sipmsg.parse(b"")\n'
                        'code: int = msg.status\n'
                        'sipmsg.Request("INVITE", 5)\n'
                        'body: str = msg.body\n')
    assert r.returncode != 0
    assert 'Incompatible types in assignment (expression has type "Optional[int]"' in r.stdout
    assert 'Argument 2 to "Request" has incompatible type "int"' in r.stdout
    assert 'Incompatible types in assignment (expression has type "bytes"' in r.stdout


def test_stubs_match_the_runtime():
    if _mypy_missing():
        pytest.skip(_mypy_missing())
    env = dict(os.environ)
    env["MYPYPATH"] = os.path.dirname(os.path.dirname(sipmsg.__file__))
    allow = os.path.join(os.path.dirname(__file__), "stubtest-allowlist.txt")
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "sipmsg", "--ignore-missing-stub", "--allowlist", allow],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr


def _readme_block():
    with open(README, encoding="utf-8") as f:
        m = re.search(r"^<!-- readme-example:python -->\n```python\n(.*?)^```\n(.*?)\n\n", f.read(), re.S | re.M)
    assert m, "README.md has no <!-- readme-example:python --> block"
    return m.group(1), m.group(2)


def test_readme_python_example_runs_and_prints_what_it_says():
    block, after = _readme_block()
    assert 10 <= len(block.strip().splitlines()) <= 20
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md python example", "exec"), {"__name__": "__readme__"})
    lines = out.getvalue().splitlines()
    # the text after the block quotes both lines the example prints
    assert lines == ["a84b4c76e66710@192.0.2.1 1 alice z9hG4bK776asdhds", "180 Ringing a6c85cf"]
    assert all(f"`{line}`" in " ".join(after.split()) for line in lines)


def test_mypy_accepts_the_readme_example(tmp_path):
    why = _mypy_missing()
    if why:
        pytest.skip(why)
    r = _mypy(tmp_path, _readme_block()[0])
    assert r.returncode == 0, r.stdout + r.stderr
