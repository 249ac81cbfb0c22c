# SPDX-License-Identifier: MIT
"""Shared fixtures of the pytest suite (run by `meson test --suite python`)."""

import os

import pytest

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the property tests skip themselves
    pass
else:
    # Reproducible runs, no example database in the source tree, and no
    # per-example deadline: nothing here may depend on how fast the machine is.
    settings.register_profile("sipmsg", derandomize=True, database=None, deadline=None, max_examples=300,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("sipmsg")

INVITE = (
    b"INVITE sip:bob@example.com SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK42\r\n"
    b"v: SIP/2.0/TCP 192.0.2.7;branch=z9hG4bK7\r\n"
    b"Max-Forwards: 70\r\n"
    b'From: "Alice" <sip:alice@example.com>;tag=1928301774\r\n'
    b"To: <sip:bob@example.com>\r\n"
    b"i: a84b4c76e66710@192.0.2.1\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Contact: <sip:alice@192.0.2.1>\r\n"
    b"X-Odd:   spaced value  \r\n"
    b"Content-Type: application/sdp\r\n"
    b"Content-Length: 40\r\n"
    b"\r\n"
    b"v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\n"
)

OK = (
    b"SIP/2.0 200 OK\r\n"
    b"Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
    b"To: <sip:bob@example.com>;tag=a6c85cf\r\n"
    b"Call-ID: a84b4c76e66710@192.0.2.1\r\n"
    b"CSeq: 314159 INVITE\r\n"
    b"Content-Length: 0\r\n"
    b"\r\n"
)


@pytest.fixture
def invite_bytes():
    return INVITE


@pytest.fixture
def ok_bytes():
    return OK


def source_root():
    """The source tree (meson sets SIPMSG_SOURCE_ROOT; else relative to this file)."""
    return os.environ.get("SIPMSG_SOURCE_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def pytest_sessionfinish(session, exitstatus):
    """Report a file whose every test skipped as skipped to meson (exit 77)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or exitstatus != 0:
        return
    stats = reporter.stats
    if stats.get("skipped") and not stats.get("passed") and not stats.get("failed"):
        session.exitstatus = 77
