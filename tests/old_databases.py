"""Databases as an earlier version of Followup left them, for the migration
tests: made by the migrations themselves up to that version, with a contact
and a touch point written in that version's own columns (plain SQL, no
repository: those speak the latest schema)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from followup.store import migrations

STAMP = "2026-01-01T00:00:00Z"


def database_at(
    path: Path, version: int, *, contact_id: int = 1, name: str = "Ana Lima", summary: str | None = "Hello"
) -> None:
    """Make `path` a database at `version` holding one contact and (unless
    `summary` is None) one inbound email from them."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrations.migrate(conn, target=version)
        conn.execute(
            "INSERT INTO contacts (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (contact_id, name, STAMP, STAMP),
        )
        if summary is not None:
            conn.execute(
                "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
                "VALUES (?, '2026-02-01T10:00:00Z', 'email', 'in', ?, ?, ?)",
                (contact_id, summary, STAMP, STAMP),
            )


def filled_at(path: Path, version: int, fill: Callable[[sqlite3.Connection, int], None]) -> None:
    """Make `path` a Followup database at `version` (our application id) and
    let `fill` write that version's rows into it."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrations.migrate(conn, target=version)
        conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
        fill(conn, version)


def backups_of(path: Path, version: int) -> list[Path]:
    """The copies Followup made of `path` before migrating it from `version`."""
    return list(path.parent.glob(f"{path.name}.v{version}-*.bak"))
