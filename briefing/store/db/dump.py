"""Backups of a team server: ``pg_dump``, run by an administrator (issue 15).

A server's backup must hold every row, and only a role that row-level security does not
filter can read them all; pg_dump refuses anyone else rather than write a partial dump
that would look complete. The password reaches pg_dump through its environment, never
its command line, where other users of the machine could read it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from briefing.errors import BriefingError
from briefing.i18n import N_
from briefing.store.db.server import require_safe_connection, server_name

DEBIAN_SERVERS = Path("/usr/lib/postgresql")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def postgres_folder(*programs: str) -> Path | None:
    """The folder holding all of PostgreSQL's ``programs``: ``pg_config --bindir``,
    Debian's versioned folders (newest first, whose clients serve any older server), then
    ``PATH``; None when none holds them all."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found:
            candidates.append(Path(found))
    versioned = DEBIAN_SERVERS.glob("*/bin")
    candidates += sorted(versioned, key=lambda p: _version(p.parent.name), reverse=True)
    on_path = shutil.which(programs[0])
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if all((folder / program).is_file() for program in programs):
            return folder
    return None


def find_pg_dump() -> Path:
    """``pg_dump``, found where the test server's ``initdb`` is (:func:`postgres_folder`)."""
    folder = postgres_folder("pg_dump")
    if folder is None:
        raise BriefingError(
            N_(
                "pg_dump is not installed here; install PostgreSQL's client programs (Debian: "
                "postgresql-client) to back up the server"
            )
        )
    return folder / "pg_dump"


def connection_settings(url: URL) -> dict[str, str]:
    """libpq's settings for ``url``, without its password."""
    settings = {
        str(k): ",".join(v) if isinstance(v, tuple) else str(v) for k, v in url.query.items()
    }
    for name, value in (
        ("dbname", url.database),
        ("user", url.username),
        ("host", url.host),
        ("port", url.port),
    ):
        if value:
            settings[name] = str(value)
    return settings


def dump_file_name(url: URL, when: dt.datetime) -> str:
    return f"{url.database or 'server'}-{when.strftime('%Y%m%d-%H%M%S')}.dump"


def dump_server(url: URL, target: Path) -> Path:
    """Write the server's database to ``target`` in pg_dump's custom format (what
    ``pg_restore`` reads); a role row-level security filters gets one line saying who can."""
    require_safe_connection(url)
    from psycopg.conninfo import make_conninfo

    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = url.password
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    done = subprocess.run(
        [
            str(find_pg_dump()),
            "--format=custom",
            "--no-password",
            f"--file={partial}",
            f"--dbname={make_conninfo(**connection_settings(url))}",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        partial.unlink(missing_ok=True)
        said = done.stderr
        if "row-level security" in said or "permission denied" in said:
            if url.username:
                raise BriefingError(
                    N_(
                        "only an administrator can back up the server at {server}: user {user} "
                        "cannot read every row; ask your administrator"
                    ),
                    server=server_name(url),
                    user=url.username,
                )
            raise BriefingError(
                N_(
                    "only an administrator can back up the server at {server}: user you "
                    "cannot read every row; ask your administrator"
                ),
                server=server_name(url),
            )
        last = said.strip().splitlines()[-1] if said.strip() else f"exit {done.returncode}"
        raise BriefingError(
            N_("pg_dump could not back up the server: {reason}"),
            reason=last.removeprefix("pg_dump: "),
        )
    partial.replace(target)
    return target
