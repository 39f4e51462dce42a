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


# ANALYZE reads at most about this many rows of each index (approximate
# statistics are as good for the planner, and a large database is analysed in
# milliseconds rather than seconds).
ANALYSIS_LIMIT = 1000


def optimize_on_open(conn: sqlite3.Connection) -> None:
    """What SQLite recommends for a long-lived connection: analyse, now, the
    tables whose statistics are missing or stale (0x10000: look at every table,
    not only those this connection has queried; older SQLite ignores the bit)."""
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    if sqlite3.sqlite_version_info >= (3, 46, 0):
        _optimize(conn, "PRAGMA optimize = 0x10002")
        return
    # Older SQLite looks only at tables this connection has queried, and not
    # at all at tables never analysed: analyse those that hold rows.
    for table in _never_analysed(conn):
        _optimize(conn, f'ANALYZE "{table}"')


def _never_analysed(conn: sqlite3.Connection) -> list[str]:
    tables = [
        str(r[0])
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' "
            "AND name IN (SELECT tbl_name FROM sqlite_master WHERE type = 'index')"
        )
    ]
    if conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]:
        analysed = {str(r[0]) for r in conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
        tables = [t for t in tables if t not in analysed]
    return [t for t in tables if conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]]


def optimize_on_close(conn: sqlite3.Connection) -> None:
    """What SQLite recommends before closing: refresh the statistics of the
    tables this connection's queries would have planned better with them."""
    _optimize(conn, "PRAGMA optimize")


def analyze(conn: sqlite3.Connection) -> None:
    """Statistics for every table and index, after a bulk load (demo, a large
    import): the planner's choices depend on them from the first query."""
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    _optimize(conn, "ANALYZE")


def _optimize(conn: sqlite3.Connection, statement: str) -> None:
    # Statistics are an optimisation: a read-only or busy database is no error.
    try:
        conn.execute(statement)
    except sqlite3.DatabaseError as error:
        log.info("%s skipped: %s", statement, error)


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
