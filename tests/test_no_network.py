"""The network guard itself: proof that it would catch a connection if one were made."""

from __future__ import annotations

import socket
import urllib.request

import pytest

from tests.conftest import NetworkAttempt


def test_guard_refuses_internet_sockets(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        urllib.request.urlopen("http://example.com/", timeout=1)
    with pytest.raises(NetworkAttempt), socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.connect(("127.0.0.1", 9))
    assert len(no_network) == 2
    no_network.clear()  # the attempts above were the test's own
