"""Opening the database file safely.

The order matters: the file's header is checked before SQLite touches it (so a
non-SQLite file is reported, never overwritten), the schema version is read
before any pragma that writes (so a newer database is refused untouched), and a
copy is taken before the first migration of an existing database.

One rule above all (sqlite.org, "How To Corrupt An SQLite Database File",
2.2): POSIX advisory locks belong to the process, and closing *any*
descriptor of a database file drops all of the process's locks on it, so the
next process thinks it is alone and deletes the WAL under our feet. So this
module never opens a database file itself while a connection of this process
may have it open: the process keeps a count of its open connections per file
(by device and inode), and the header is read only when that count is zero.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import stat
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from followup import privacy
from followup.errors import StoreError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a statement waits for another process's write lock before giving
# up: a long writer (demo data, a big import, a restore) may hold it for
# seconds, and the window and the command line must wait, not fail.
BUSY_TIMEOUT_MS = 60_000

_lock = threading.RLock()
_open_files: dict[tuple[int, int], int] = {}

FileId = tuple[int, int]


def _file_id(path: Path) -> FileId | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def open_in_this_process(path: Path) -> bool:
    """Whether a connection of this process has ``path`` open (then the file
    must not be opened outside SQLite: closing that descriptor would drop our locks)."""
    fid = _file_id(path)
    with _lock:
        return fid is not None and _open_files.get(fid, 0) > 0


class TrackedConnection(sqlite3.Connection):
    """A connection that keeps the per-file count of open connections right."""

    file_id: FileId | None = None

    def close(self) -> None:
        super().close()
        with _lock:
            fid, self.file_id = self.file_id, None
            if fid is not None:
                left = _open_files.get(fid, 0) - 1
                if left > 0:
                    _open_files[fid] = left
                else:
                    _open_files.pop(fid, None)


class ProtectedFileError(StoreError, PermissionError):
    """A write aimed at a database file this process has open (or its WAL,
    shared memory or journal): refused, so an export never replaces the data."""


SIDECARS = ("-wal", "-shm", "-journal")


def refuse_database_target(path: Path | str) -> None:
    """Raise ProtectedFileError when ``path`` is an open database of this
    process or one of its companion files; anything else may be written."""
    path = Path(path)
    candidates = [path]
    for suffix in SIDECARS:
        if path.name.endswith(suffix):
            candidates.append(path.with_name(path.name[: -len(suffix)]))
    if any(open_in_this_process(c) for c in candidates):
        raise ProtectedFileError(f"{path} is Followup's own database (or part of it): choose another file.")


def check_header(path: Path) -> None:
    """Refuse a file that exists and is not a regular file, is empty, or is not
    an SQLite database. Never opens a file this process has a connection on
    (and holds the lock that opening one takes, so none opens meanwhile)."""
    with _lock:
        _check_header(path)


def _check_header(path: Path) -> None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is a folder, not a Followup database file.")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{path} is not a regular file (a pipe or a device?), so it cannot be a Followup database.")
    if open_in_this_process(path):
        return  # an SQLite database we have open: reading it here would drop our locks
    try:
        # O_NONBLOCK: should the file become a pipe after the check above, do not hang on it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"{path} is not a regular file, so it cannot be a Followup database.")
        header = os.read(fd, len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.") from None
    finally:
        os.close(fd)
    if not header:
        raise StoreError(
            f"{path} is empty (0 bytes): the database that was there is gone. It was left untouched. "
            "Restore your last backup (followup restore FILE --force) after moving the empty file away, "
            "or delete the empty file to start afresh."
        )
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a Followup database (it is not an SQLite file). "
            "It was left untouched; choose another data folder or move the file away."
        )


def _check_writable(path: Path) -> None:
    """SQLite needs to write the database and to make its WAL beside it: say so
    plainly when the folder or the file is read-only (a full sentence, not
    "unable to open database file")."""
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(
            f"The data folder {path.parent} is read-only, and Followup needs to write its database there. "
            "Nothing was changed: make the folder writable, or choose another one with --data-dir."
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            f"{path} cannot be written (it is read-only or someone else's). Nothing was changed: "
            "make it writable for you, or choose another data folder with --data-dir."
        )


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are always explicit."""
    with _lock:  # the header check and the count move together: no thread reads the file while another opens it
        privacy.private_dir(path.parent)
        check_header(path)
        _check_writable(path)
        conn: Any = None
        try:
            try:
                # SQLite gives the WAL and the shared memory the database's own mode
                privacy.create_private(path)
            except OSError:
                pass  # a read-only folder: SQLite says so below
            conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=TrackedConnection,
                check_same_thread=True,
            )
            conn.file_id = _file_id(path)
            if conn.file_id is not None:
                _open_files[conn.file_id] = _open_files.get(conn.file_id, 0) + 1
            conn.execute("PRAGMA user_version").fetchone()
            for name in (path.name, *(path.name + suffix for suffix in SIDECARS)):
                privacy.private_file(path.with_name(name))  # files made before this rule
        except sqlite3.DatabaseError as error:
            if conn is not None:
                conn.close()
            raise StoreError(f"Cannot open {path}: {error}. The file was left untouched.") from None
    assert isinstance(conn, sqlite3.Connection)
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
OPTIMIZE_WAIT_MS = 200  # the statistics never wait long for another process's write lock


def optimize_on_open(conn: sqlite3.Connection) -> None:
    """What SQLite recommends for a long-lived connection: analyse, now, the
    tables whose statistics are missing or stale (0x10000: look at every table,
    not only those this connection has queried; older SQLite ignores the bit)."""
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    if sqlite3.sqlite_version_info >= (3, 46, 0):
        _optimize(conn, 0x10002)
        return
    # Older SQLite looks only at tables this connection has queried, and not
    # at all at tables never analysed: analyse those that hold rows.
    for table in _never_analysed(conn):
        _analyse(conn, table)


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
    tables this connection's queries would have planned better with them.
    Never worth waiting for: another process holding the write lock makes
    this a no-op, not a minute-long wait at quit."""
    conn.execute(f"PRAGMA busy_timeout = {OPTIMIZE_WAIT_MS}")
    _optimize(conn, 0x02)


def optimize_now(conn: sqlite3.Connection) -> None:
    """What SQLite recommends every few hours for a connection that stays
    open (a window open for days): as at close, then the connection's own
    wait for a lock as it was."""
    try:
        optimize_on_close(conn)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def analyze(conn: sqlite3.Connection) -> None:
    """Statistics for every table and index, after a bulk load (demo, a large
    import): the planner's choices depend on them from the first query."""
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    _analyse(conn, None)


def _optimize(conn: sqlite3.Connection, mask: int) -> None:
    """``PRAGMA optimize = mask``, its ANALYZE steps run by ``_analyse``: the
    pragma is asked what it would do (bit 0x01) rather than left to do it."""
    try:
        steps = [str(row[0]) for row in conn.execute(f"PRAGMA optimize = {mask | 0x01}")]
    except sqlite3.DatabaseError as error:
        log.debug("PRAGMA optimize skipped: %s", error)
        return
    tables = [_ANALYZE_STEP.fullmatch(step) for step in steps]
    if not all(tables):  # a step this SQLite words otherwise: let it do all of them
        log.debug("PRAGMA optimize steps left to SQLite: %s", steps)
        try:
            conn.execute(f"PRAGMA optimize = {mask}")
        except sqlite3.DatabaseError as error:
            log.debug("PRAGMA optimize skipped: %s", error)
        return
    for found in tables:
        assert found is not None
        _analyse(conn, found.group(1).replace('""', '"'))


_ANALYZE_STEP = re.compile(r'ANALYZE "main"\."((?:[^"]|"")+)"')

# What sqlite_stat1 says of an index with no entry: one row per key, the
# fewest SQLite can express. ANALYZE writes no row for an empty index (a
# partial index nothing matches yet, an empty table), and SQLite counts an
# index without a row as never analysed: PRAGMA optimize then analysed its
# table again at every close that had queried it. At 100,000 contacts that
# was 0.3 s, and a commit that every open window took for a change made
# elsewhere: it read everything again, and at Today or Insights, whose reads
# on the worker close the same way, again, once a second, for ever. With
# the row, the table is analysed again once it holds 25 times more rows,
# as any other. (An empty table gets none: analysing it again commits
# nothing, and its statistics stay exactly as they were.)
_EMPTY_INDEX = "1"


def _analyse(conn: sqlite3.Connection, table: str | None) -> None:
    """ANALYZE one table (None: all), and give each index it left without
    statistics, being empty, the row that says so; in one transaction.
    Statistics are an optimisation: a read-only or busy database is no error."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("ANALYZE" if table is None else f'ANALYZE "main"."{_quoted(table)}"')
            _note_empty_indexes(conn, table)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as error:
        # (another process writing, most often: not worth a line in the user's log)
        log.debug("ANALYZE %s skipped: %s", table or "", error)


def _note_empty_indexes(conn: sqlite3.Connection, table: str | None) -> None:
    if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]:
        return
    where, params = ("", ()) if table is None else (" AND tbl_name = ?", (table,))
    missing = conn.execute(
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'" + where + " AND name NOT IN "
        "(SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)",
        params,
    ).fetchall()
    for tbl, index in missing:  # (every index is a real table's: ANALYZE has just read it)
        if not conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{_quoted(tbl)}")').fetchone()[0]:
            continue  # an empty table: analysing it again writes nothing, and the statistics stay as they were
        keys = len(conn.execute(f'PRAGMA index_info("{_quoted(index)}")').fetchall())
        stat = " ".join([_EMPTY_INDEX] * (keys + 1))
        conn.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", (tbl, index, stat))


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def backup_copy(conn: sqlite3.Connection, path: Path, version: int, when: datetime) -> Path:
    """A consistent copy of the database, made with SQLite's backup API."""
    target = path.with_name(f"{path.name}.v{version}-{when:%Y%m%d-%H%M%S}.bak")
    privacy.create_private(target)
    dest = sqlite3.connect(str(target), isolation_level=None)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, never a WAL beside it
    finally:
        dest.close()
    log.info("copied %s to %s before migrating", path, target)
    return target
