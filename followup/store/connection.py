"""Opening the database file safely.

The order matters: the file's header is checked before SQLite touches it (so a
non-SQLite file is reported, never overwritten), the schema version is read
before any pragma that writes (so a newer database is refused untouched), and a
copy is taken before the first migration of an existing database.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from followup.errors import StoreError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def check_header(path: Path) -> None:
    """Refuse a file that exists, is not empty, and is not an SQLite database."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a Followup database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a Followup database (it is not an SQLite file). "
            "It was left untouched; choose another data folder or move the file away."
        )


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are always explicit."""
    check_header(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"Cannot open {path}: {error}. The file was left untouched.") from None
    return conn


def configure(conn: sqlite3.Connection) -> None:
    """Pragmas for a desktop app: WAL so readers never block the writer,
    synchronous=NORMAL (durable against a crash of the app; in WAL mode only a
    power cut can lose the last commits), foreign keys on."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        log.warning("journal_mode is %s, not WAL (network or read-only file system?)", mode)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def backup_copy(conn: sqlite3.Connection, path: Path, version: int, when: datetime) -> Path:
    """A consistent copy of the database, made with SQLite's backup API."""
    target = path.with_name(f"{path.name}.v{version}-{when:%Y%m%d-%H%M%S}.bak")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    log.info("copied %s to %s before migrating", path, target)
    return target
