"""Logging in to a team server safely (issue 15): where a password may go, and who we are.

A password is only ever sent to a server on this machine (a Unix socket, ``localhost``,
``127.0.0.1``, ``::1``) or over TLS that checks the server's name against its certificate
(``sslmode=verify-full``). Anything else is refused *before* a connection is attempted,
because libpq sends the password from a password or service file on its own, and
``sslmode=require`` encrypts without checking who is at the other end. The documented
opt-out, for a network the ministry's IT vouches for, is the environment variable
``BRIEFING_INSECURE_SERVER=1``.

Passwords never come from a URL typed by a person (others see command lines and shell
histories): libpq's password file (``PGPASSFILE``, ``~/.pgpass``) and service file
(``PGSERVICEFILE``, ``~/.pg_service.conf``) are honoured as libpq honours them, and when
the server still asks, the caller asks the person (a hidden prompt, ``--passphrase-stdin``
or the GUI's connect dialog) and opens again with :func:`with_password`.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from briefing.errors import DatabaseRefused
from briefing.i18n import N_

if TYPE_CHECKING:
    from briefing.store.db.database import Store

INSECURE_OPT_OUT = "BRIEFING_INSECURE_SERVER"
"""Set to 1 to allow a server neither local nor reached with ``sslmode=verify-full``."""

CONNECT_TIMEOUT_S = 15
"""How long the connect dialog waits for a server to answer."""

LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1", "[::1]"})


class PasswordNeeded(DatabaseRefused):
    """The server asks for a password that no password or service file gave: ask for it."""


def _service_settings(url: URL) -> dict[str, str]:
    """The settings of the libpq service the URL or ``PGSERVICE`` names, as libpq reads
    them: the user's service file (``PGSERVICEFILE`` or ``~/.pg_service.conf``) first,
    then the system one in ``PGSYSCONFDIR``."""
    name = str(url.query.get("service") or os.environ.get("PGSERVICE") or "")
    if not name:
        return {}
    files = [Path(os.environ.get("PGSERVICEFILE") or Path.home() / ".pg_service.conf")]
    if os.environ.get("PGSYSCONFDIR"):
        files.append(Path(os.environ["PGSYSCONFDIR"]) / "pg_service.conf")
    for file in files:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(file, encoding="utf-8")
        except (OSError, configparser.Error):
            continue
        if parser.has_section(name):
            return dict(parser.items(name))
    return {}


def _setting(url: URL, name: str, env: str) -> str:
    """One connection setting as libpq resolves it: the URL, the service, the environment."""
    value = url.query.get(name)
    if isinstance(value, tuple):
        value = ",".join(value)
    if value:
        return str(value)
    return _service_settings(url).get(name) or os.environ.get(env, "")


def hosts(url: URL) -> list[str]:
    """The hosts libpq would try for ``url`` (an empty string: the default Unix socket),
    then the addresses ``hostaddr`` gives, which libpq connects to instead of the names."""
    named = url.host or _setting(url, "host", "PGHOST")
    found = [part.strip() for part in named.split(",")] if named else [""]
    addresses = _setting(url, "hostaddr", "PGHOSTADDR")
    return found + [part.strip() for part in addresses.split(",") if part.strip()]


def is_local(host: str) -> bool:
    """A Unix socket folder or this machine's loopback: nothing leaves the machine."""
    return host.startswith(("/", "@")) or host.lower() in LOCAL_HOSTS


def server_name(url: URL) -> str:
    """The server's host for people: ``localhost`` for a Unix socket on this machine."""
    host = hosts(url)[0]
    return "localhost" if not host or host.startswith(("/", "@")) else host


def require_safe_connection(url: URL) -> None:
    """Refuse, before any connection, a server a password could reach in the clear or
    reach at the wrong machine; see the module's docstring for what passes and the opt-out."""
    remote = [host for host in hosts(url) if not is_local(host)]
    if not remote or _setting(url, "sslmode", "PGSSLMODE") == "verify-full":
        return
    if os.environ.get(INSECURE_OPT_OUT) == "1":
        return
    raise DatabaseRefused(
        N_(
            "Briefing connects to the server at {host} only over TLS that checks the server's "
            "certificate: add ?sslmode=verify-full to the address (or set {opt_out}=1 if your "
            "IT department says this network is safe)"
        ),
        host=remote[0],
        opt_out=INSECURE_OPT_OUT,
    )


def refuse_password_in(address: str) -> None:
    """A password typed into an address would be seen in the command line and history."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if "://" not in address:
        return
    try:
        url = make_url(address)
    except ArgumentError:
        return
    if url.password is not None:
        raise DatabaseRefused(
            N_(
                "a password does not belong in the server's address, where others can see it; "
                "leave it out and Briefing asks for it (or use libpq's password file)"
            )
        )


def with_password(url: URL, password: str) -> URL:
    """``url`` carrying the password the person gave; never to be shown or stored."""
    return url.set(password=password)


def needs_password(exc: OperationalError) -> bool:
    """Whether libpq gave up because the server asks for a password it does not have."""
    return "no password supplied" in str(exc.orig)


@dataclass(frozen=True)
class Identity:
    """Who the app works as: where, as which user, and up to which clearance.

    Attributes:
        server: ``host/database`` on a server, the file's path on SQLite.
        user: the server role logged in; None for a file.
        clearance_rank: the highest handling level the user may see; None for no limit
            (a file, a server without clearances, or a role the server sets none for).
    """

    server: str
    user: str | None = None
    clearance_rank: int | None = None


def identity(store: Store) -> Identity:
    """The identity behind ``store``: ``current_user`` and ``briefing_clearance()`` when the
    server defines that function (``briefing server init`` does), nothing to ask a file."""
    from briefing.store.db.database import is_server

    if not is_server(store.url):
        return Identity(store.location)
    where = f"{server_name(store.url)}/{store.url.database}"
    with store.engine.connect() as connection:
        user = str(connection.execute(text("SELECT current_user")).scalar_one())
        defined = connection.execute(text("SELECT to_regprocedure('briefing_clearance()')"))
        rank = None
        if defined.scalar() is not None:
            rank = connection.execute(text("SELECT briefing_clearance()")).scalar()
    return Identity(where, user, None if rank is None else int(rank))


def server_url(address: str, database: str, user: str, password: str = "") -> URL:
    """The URL for a server typed as ``host[:port]`` (``[::1]:5433`` for IPv6), a Unix
    socket folder (``/run/postgresql``) or nothing (libpq's default socket)."""
    address = address.strip()
    host: str | None = None
    port: int | None = None
    # A server that does not answer is reported after this many seconds, not TCP's minutes.
    query: dict[str, str] = {"connect_timeout": str(CONNECT_TIMEOUT_S)}
    if address.startswith("/"):
        query["host"] = address
    elif address:
        host, _, port_text = address.rpartition(":") if _has_port(address) else (address, "", "")
        host = host.strip("[]")
        if port_text:
            if not port_text.isdigit() or not 0 < int(port_text) < 65536:
                raise DatabaseRefused(
                    N_("{port_text} is not a port number (1 to 65535)"), port_text=port_text
                )
            port = int(port_text)
    url = URL.create(
        "postgresql+psycopg",
        username=user.strip() or None,
        host=host or None,
        port=port,
        database=database.strip() or None,
        query=query,
    )
    return with_password(url, password) if password else url


def _has_port(address: str) -> bool:
    """``host:port`` or ``[v6]:port``; a bare IPv6 address has colons but no port."""
    if address.startswith("["):
        return "]:" in address
    return address.count(":") == 1


def address_of(url: URL) -> str:
    """``host[:port]`` or the socket folder, as :func:`server_url` reads it back."""
    if url.host:
        host = f"[{url.host}]" if ":" in url.host else url.host
        return f"{host}:{url.port}" if url.port else host
    named = url.query.get("host", "")
    return ",".join(named) if isinstance(named, tuple) else str(named)


def without_password(url: URL) -> str:
    """The URL as text with no password at all (not even ``***``): what may be remembered."""
    return url._replace(password=None).render_as_string(hide_password=False)
