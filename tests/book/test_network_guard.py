"""The suite's network guard reaches the book tests, where ReportLab could fetch a URL."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkAttempt


def test_the_suites_network_guard_covers_book_tests(request: pytest.FixtureRequest) -> None:
    """Asks for no fixture: the autouse guard must be the one in force here, not a local one."""
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    attempts = request.getfixturevalue("no_network")
    assert attempts == ["create_connection ('127.0.0.1', 9)"]
    attempts.clear()  # the attempt above was the test's own
