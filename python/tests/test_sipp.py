# SPDX-License-Identifier: MIT
"""Real calls against SIPp (Debian package sip-tester) on 127.0.0.1.

The two functions under test are the examples of docs/python.md ("A call
against a real peer"), taken from the guide as written: place_call() calls
SIPp's built-in UAS, answer_calls() answers SIPp's built-in UAC, which must
report the call successful (exit status 0, one successful call in its
statistics). Ports 15110-15161; every SIPp process is stopped by its PID.
"""

import csv
import os
import re
import shutil
import socket
import subprocess
import threading
import time

import pytest

import sipmsg
from conftest import source_root

SIPP = shutil.which("sipp")
pytestmark = pytest.mark.skipif(SIPP is None, reason="sipp is not installed (Debian: sip-tester; .ci/deps.sh "
                                                    "installs it): the calls against SIPp are skipped")
HOST = "127.0.0.1"
UAS_PORT, HARNESS_PORT, UAS_MEDIA = 15110, 15111, 15150
RESPONDER_PORT, UAC_PORT, UAC_MEDIA = 15120, 15121, 15160


def _guide_functions():
    """place_call and answer_calls, defined by the guide's code block."""
    with open(os.path.join(source_root(), "docs", "python.md"), encoding="utf-8") as f:
        blocks = re.findall(r"^```python\n(.*?)^```", f.read(), re.S | re.M)
    block = next(b for b in blocks if "def place_call(" in b)
    namespace = {"sipmsg": sipmsg, "__name__": "docs_python_md"}
    exec(compile(block, "docs/python.md", "exec"), namespace)
    return namespace["place_call"], namespace["answer_calls"]


def _udp(port, timeout):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((HOST, port))
    sock.settimeout(timeout)
    return sock


def _wait_bound(port, proc, seconds=10.0):
    """Wait until SIPp listens on port (binding it ourselves then fails)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"sipp exited early with status {proc.returncode}"
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.bind((HOST, port))
        except OSError:
            return
        finally:
            probe.close()
        time.sleep(0.05)
    raise AssertionError(f"sipp did not bind {HOST}:{port}")


def _stop(proc):
    if proc.poll() is None:
        os.kill(proc.pid, 15)  # SIGTERM, to this PID only
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, 9)
            proc.wait()


def _log(tmp_path, name):
    path = tmp_path / name
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def _last_stats(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert len(rows) >= 2, f"no statistics in {path}"
    return dict(zip(rows[0], rows[-1]))


def test_a_call_to_the_sipp_uas(tmp_path):
    place_call, _ = _guide_functions()
    with open(tmp_path / "uas.log", "wb") as log:
        proc = subprocess.Popen([SIPP, "-sn", "uas", "-i", HOST, "-p", str(UAS_PORT), "-mp", str(UAS_MEDIA),
                                 "-m", "1", "-nostdin", "-timeout", "20s"],
                                cwd=str(tmp_path), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_bound(UAS_PORT, proc)
        with _udp(HARNESS_PORT, 5.0) as sock:
            statuses = place_call(sock, (HOST, UAS_PORT))
        # SIPp's UAS answers 180 then 200 (it sends no 100); the harness
        # asserted branch, CSeq, Call-ID and tags of every response, the SDP
        # answer, and the 200 to its BYE.
        assert statuses == [180, 200]
    except BaseException:
        _stop(proc)
        print(_log(tmp_path, "uas.log"))
        raise
    _stop(proc)  # the UAS lingers 4 s in its timewait; the call is done


def test_the_sipp_uac_calls_a_sipmsg_responder(tmp_path):
    _, answer_calls = _guide_functions()
    outcome = {}

    def serve():
        try:
            with _udp(RESPONDER_PORT, 10.0) as sock:
                outcome["methods"] = answer_calls(sock, 1)
        except BaseException as e:  # reported below
            outcome["error"] = e

    server = threading.Thread(target=serve)
    server.start()
    stats = tmp_path / "uac.csv"
    with open(tmp_path / "uac.log", "wb") as log:
        proc = subprocess.Popen([SIPP, "-sn", "uac", "-i", HOST, "-p", str(UAC_PORT), "-mp", str(UAC_MEDIA),
                                 "-m", "1", "-nostdin", "-timeout", "15s", "-timeout_error",
                                 "-trace_stat", "-stf", str(stats), f"{HOST}:{RESPONDER_PORT}"],
                                cwd=str(tmp_path), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        status = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        status = None
    finally:
        _stop(proc)
    server.join(timeout=15)
    assert "error" not in outcome, outcome.get("error")
    assert status == 0, f"sipp exit status {status}:\n{_log(tmp_path, 'uac.log')}"
    assert outcome.get("methods") == ["INVITE", "ACK", "BYE"]
    counts = _last_stats(stats)
    assert counts["SuccessfulCall(C)"] == "1", counts
    assert counts["FailedCall(C)"] == "0", counts
    assert counts["OutgoingCall(C)"] == "1", counts
