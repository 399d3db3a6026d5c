"""A throwaway PostgreSQL cluster for the tests that run on a team server (issue 15).

One cluster per test session: ``initdb -E UTF8 --locale=C.UTF-8`` in a temporary folder,
listening only on a Unix socket in that folder (no TCP port, so nothing else on the
machine can reach it and parallel runs never collide), stopped and deleted at the end.
PostgreSQL refuses to run as root, so under root it runs as the unprivileged ``postgres``
user through ``runuser``. Each test gets a database of its own, copied from a template
(``CREATE DATABASE … TEMPLATE``), which takes milliseconds.

Where no server is installed the tests that need one skip, saying why; in CI
(``CI=true``) they fail instead, so a broken install never passes as a green run.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from briefing.store.db.dump import postgres_folder

SERVER_USER = "postgres"
"""The unprivileged account the cluster runs as when the tests run as root."""

"""Where Debian's postgresql packages put each major version's programs (``15/bin``)."""

SUPERUSER = "briefing_admin"
"""The cluster's superuser, which owns every test database."""


class ServerUnavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def server_binaries() -> Path:
    """The folder holding ``initdb`` and ``pg_ctl``, found as the app finds ``pg_dump``."""
    folder = postgres_folder("initdb", "pg_ctl")
    if folder is None:
        raise ServerUnavailable(
            "PostgreSQL is not installed (no initdb and pg_ctl under `pg_config --bindir`, "
            "/usr/lib/postgresql/*/bin or PATH); .ci/run installs Debian's postgresql package"
        )
    return folder


@dataclass
class Cluster:
    """A running throwaway cluster: its folder, socket folder and a database factory."""

    root: Path
    binaries: Path
    run_as: str | None
    _names: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, database: str = "postgres") -> URL:
        """A ``postgresql+psycopg`` URL to ``database`` through the cluster's socket."""
        return URL.create(
            "postgresql+psycopg",
            username=SUPERUSER,
            database=database,
            query={"host": str(self.socket_dir)},
        )

    def execute(self, *statements: str) -> None:
        """Run statements outside a transaction (CREATE and DROP DATABASE need that)."""
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()

    def create_database(self, template: str = "template0") -> URL:
        """A new, empty or template-copied database; its URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, url: URL) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')

    def mark_template(self, url: URL) -> None:
        """Let ``url``'s database be copied by :meth:`create_database`, and no longer used."""
        self.execute(
            f'ALTER DATABASE "{url.database}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false'
        )

    def start(self) -> None:
        """Start the server (again, after :meth:`halt`) and wait until it accepts connections."""
        options = (
            f"-c listen_addresses='' -k {self.socket_dir} "
            # A throwaway cluster: durability costs time and buys nothing.
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        _run(
            self,
            [
                str(self.binaries / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
                "-w",
                "start",
            ],
        )

    def halt(self) -> None:
        """Stop the server as a power cut would, keeping its data for :meth:`start`."""
        _run(
            self,
            [str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
        )

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.root, ignore_errors=True)


def _command(run_as: str | None, argv: Sequence[str]) -> list[str]:
    return ["runuser", "-u", run_as, "--", *argv] if run_as else list(argv)


def _run(cluster: Cluster, argv: Sequence[str], stdin: str | None = None) -> None:
    done = subprocess.run(
        _command(cluster.run_as, argv), input=stdin, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise ServerUnavailable(
            f"{Path(argv[0]).name} failed ({done.returncode}): "
            f"{(done.stderr or done.stdout).strip()[-800:]}"
        )


PASSWORD_HBA = "local all {superuser} trust\nlocal all all scram-sha-256\n"
"""pg_hba.conf of a cluster that asks every role but the superuser for its password."""


def start_cluster(*, passwords: bool = False) -> Cluster:
    """Make and start a cluster; raises :class:`ServerUnavailable` saying why it cannot.

    With ``passwords`` every role but :data:`SUPERUSER` logs in with a password checked by
    scram-sha-256, as on a ministry's server, so wrong passwords are tested for real.
    """
    binaries = server_binaries()
    run_as: str | None = None
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise ServerUnavailable(
                f"the tests run as root and PostgreSQL will not; there is no {SERVER_USER!r} "
                "user to run it as (Debian's postgresql package creates one)"
            ) from None
        if not shutil.which("runuser"):
            raise ServerUnavailable("the tests run as root and runuser is missing")
        run_as = SERVER_USER
    # Short: a Unix socket's path must fit in about 100 bytes.
    root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    root.chmod(0o755)
    cluster = Cluster(root, binaries, run_as)
    try:
        cluster.socket_dir.mkdir()
        if run_as:
            os.chown(root, account.pw_uid, account.pw_gid)
            os.chown(cluster.socket_dir, account.pw_uid, account.pw_gid)
        _run(
            cluster,
            [
                str(binaries / "initdb"),
                "-D",
                str(cluster.data),
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "-U",
                SUPERUSER,
                # Only this machine's socket, in a folder of its own: trust is safe there.
                "--auth=trust",
                "--no-sync",
            ],
        )
        if passwords:
            hba = cluster.data / "pg_hba.conf"
            _run(cluster, ["sh", "-c", f"cat > {hba}"], PASSWORD_HBA.format(superuser=SUPERUSER))
        cluster.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


def required_in_ci() -> bool:
    """Whether a missing server fails the run rather than skipping its tests."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
