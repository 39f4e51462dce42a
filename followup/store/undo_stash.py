"""Rows a bulk delete removed, kept for its Undo in a file of their own: a
small SQLite database beside the data (``.followup.db.undo/``), one per
delete, never in Python's memory. Kept as Python dicts, the rows of 20,000
demo contacts held 846 MiB for as long as Undo was offered (the whole
session), and 100,000 about 4 GB; copied here by SQLite they cost nothing
held, and the copy out and back is one statement a table.

A stash is written inside the delete's own transaction (attached to its
connection) and read back inside Undo's, on whichever connection runs it.
It holds nothing that is not in the database already, so it is written
without a journal or syncs: if the process dies, Undo dies with it. Its
name carries the process's id: files left by a process that has ended are
removed by ``sweep`` (the window does so as it starts and as it closes).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from followup.store import health

log = logging.getLogger(__name__)

SCHEMA = "undo_stash"  # the attached database's name on the connection
PREFIX = "delete-"


def folder(db_path: Path) -> Path:
    """Where the stashes of the database at ``db_path`` are kept."""
    return db_path.with_name(f".{db_path.name}.undo")


def new_path(db_path: Path) -> Path:
    """A new stash's file (its folder made): the process's id, then a unique part."""
    where = folder(db_path)
    where.mkdir(exist_ok=True)
    return where / f"{PREFIX}{os.getpid()}-{os.urandom(8).hex()}.db"  # (uuid is not on the start-up path)


@contextmanager
def attached(conn: sqlite3.Connection, path: Path) -> Iterator[str]:
    """The stash at ``path`` attached to ``conn`` (outside a transaction: SQLite
    attaches nothing inside one) as ``SCHEMA``, for the block; yields that name."""
    conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (str(path),))
    try:
        conn.execute(f"PRAGMA {SCHEMA}.journal_mode = OFF")
        conn.execute(f"PRAGMA {SCHEMA}.synchronous = OFF")
        yield SCHEMA
    finally:
        conn.execute(f"DETACH DATABASE {SCHEMA}")


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The table's stored columns, in order (as ``SELECT *`` reads them)."""
    return [str(row[1]) for row in conn.execute(f'PRAGMA main.table_info("{table}")')]


def copy_out(conn: sqlite3.Connection, table: str, where: str, params: tuple[object, ...]) -> int:
    """Copy ``main.table``'s rows ``WHERE where`` into the attached stash, in
    id order where the table has ids, into a table of the same name without
    types (every value kept exactly as read). How many rows."""
    names = columns(conn, table)
    listed = ", ".join(f'"{c}"' for c in names)
    conn.execute(f'CREATE TABLE {SCHEMA}."{table}" ({listed})')
    order = ' ORDER BY "id"' if "id" in names else ""
    cursor = conn.execute(
        f'INSERT INTO {SCHEMA}."{table}" ({listed}) SELECT {listed} FROM main."{table}" WHERE {where}{order}', params
    )
    return int(cursor.rowcount)


def has(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute(f"SELECT 1 FROM {SCHEMA}.sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    return row is not None


def discard(path: Path | None) -> None:
    """Remove a stash (its Undo done, or never to be)."""
    if path is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("cannot remove the undo stash %s: %s", path, error)


def sweep(db_path: Path, *, ours: bool = False) -> int:
    """Remove the stashes left by processes that have ended (and, with ``ours``,
    this process's own: its window is closing). How many were removed."""
    where = folder(db_path)
    try:
        found = list(where.glob(f"{PREFIX}*.db"))
    except OSError:
        return 0
    removed = 0
    for path in found:
        pid = path.name[len(PREFIX) :].split("-", 1)[0]
        if not pid.isdigit():
            continue
        mine = int(pid) == os.getpid()
        if (mine and ours) or (not mine and not health.alive(int(pid))):
            discard(path)
            removed += 1
    try:
        where.rmdir()  # only when empty
    except OSError:
        pass
    return removed
