"""Fixtures for the book tests: sample exports made once per module, a network guard."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.store.database import Store
from briefing.store.migrate import open_store

TODAY = dt.date(2025, 5, 1)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Fails any attempt to open a connection and records it."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        attempts.append(args)
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


@pytest.fixture(scope="module")
def sample_store(
    sample_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The sample dossier, shared by one module's tests that only read it."""
    target = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    shutil.copyfile(sample_template, target)
    store = open_store(target, seed_sample=False)
    yield store
    store.close()
