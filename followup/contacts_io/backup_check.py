"""Checking a backup before anything of it is used.

The file is first copied, byte for byte, to a private temporary file (mode
0600) in a folder we choose; only the copy is opened by SQLite, so a file name
with ``#``, ``?`` or ``%`` is never read as a URI and a FIFO or device is never
opened. The copy must be a Followup database (our application id, a version we
know), pass ``PRAGMA integrity_check`` and ``foreign_key_check``, hold exactly
the schema a fresh database of its version has (no trigger, view, table or
index of anyone else's), and every setting must pass the app's own rules.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from followup import setting_rules
from followup.errors import FollowupError
from followup.store import migrations

SQLITE_HEADER = b"SQLite format 3\x00"
Schema = frozenset[tuple[str, str, str, str | None]]
STAT_TABLES = frozenset({"sqlite_stat1", "sqlite_stat4"})


class BackupError(FollowupError):
    """A backup that cannot be made, or a file that cannot be restored from."""


@dataclass(slots=True)
class CheckedCopy:
    conn: sqlite3.Connection
    version: int
    path_settings: dict[str, str] = field(default_factory=dict)  # non-empty path-valued settings
    unknown_settings: list[str] = field(default_factory=list)


@contextlib.contextmanager
def private_copy(source: Path, folder: Path | None) -> Iterator[Path]:
    """A private copy of ``source`` in ``folder`` (the system's temporary folder
    if None), removed afterwards with any journal SQLite left beside it."""
    try:
        st = source.stat()
    except OSError as error:
        raise BackupError(f"Cannot read {source}: {error.strerror or error}.") from None
    if stat.S_ISDIR(st.st_mode):
        raise BackupError(f"{source} is a folder, not a Followup backup.")
    if not stat.S_ISREG(st.st_mode):
        raise BackupError(f"{source} is not a regular file (a pipe or a device?), so it is not a Followup backup.")
    if st.st_size == 0:
        raise BackupError(f"{source.name} is empty: it is not a Followup backup.")
    try:
        fd, name = tempfile.mkstemp(prefix=".followup-restore-", suffix=".db", dir=folder)
    except OSError as error:
        raise BackupError(f"Cannot make a temporary copy in {folder}: {error.strerror or error}.") from None
    copy = Path(name)
    try:
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                header = src.read(len(SQLITE_HEADER))
                if header != SQLITE_HEADER:
                    raise BackupError(f"{source.name} is not a Followup backup (it is not an SQLite database).")
                out.write(header)
                while chunk := src.read(1 << 20):
                    out.write(chunk)
        except OSError as error:
            raise BackupError(f"Cannot copy {source}: {error.strerror or error}. Nothing was changed.") from None
        yield copy
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


def open_checked(copy: Path, shown: str) -> CheckedCopy:
    """Open the private copy and check it all; the caller closes ``conn``."""
    try:
        conn = sqlite3.connect(str(copy), isolation_level=None)
    except sqlite3.Error as error:
        raise BackupError(f"{shown} cannot be opened: {error}.") from None
    try:
        # Nothing in the file's schema may run with more rights than plain SQL.
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = OFF")
        checked = _check(conn, shown)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise BackupError(f"{shown} is damaged or cut short ({error}); nothing was restored.") from None
    except BaseException:
        conn.close()
        raise
    return checked


def _check(conn: sqlite3.Connection, shown: str) -> CheckedCopy:
    version = migrations.user_version(conn)
    if migrations.application_id(conn) != migrations.APPLICATION_ID or version < 1:
        raise BackupError(f"{shown} is an SQLite database from another program, not a Followup backup.")
    if version > migrations.LATEST:
        raise BackupError(
            f"{shown} was made by a newer version of Followup (data version {version}); update Followup first."
        )
    # The copy is ours alone: a rollback journal, never a WAL left beside it.
    conn.execute("PRAGMA journal_mode = DELETE")
    extra, missing = _schema_difference(conn, version)
    if extra or missing:
        what = ", ".join(sorted(extra | missing)[:5])
        raise BackupError(
            f"{shown} holds database objects that are not Followup's own ({what}); "
            "it was changed outside Followup, so nothing was restored."
        )
    problem = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if problem != "ok":
        raise BackupError(f"{shown} is damaged ({problem}); nothing was restored.")
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise BackupError(f"{shown} is damaged (rows refer to rows that do not exist); nothing was restored.")
    checked = CheckedCopy(conn, version)
    bad = []
    for key, text in conn.execute("SELECT key, value FROM settings ORDER BY key"):
        if key not in setting_rules.RULES:
            checked.unknown_settings.append(str(key))
            continue
        ok, value = setting_rules.decode(key, text)
        if not ok:
            bad.append(str(key))
        elif key in setting_rules.PATH_KEYS and value:
            checked.path_settings[key] = value
    if bad:
        raise BackupError(f"{shown} has settings Followup cannot use ({', '.join(bad[:5])}); nothing was restored.")
    return checked


def _schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    return frozenset((str(t), str(n), str(tb), s) for t, n, tb, s in rows)


@functools.cache
def reference_schema(version: int) -> Schema:
    """The schema of a fresh database of ``version``, made here in memory."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrations.migrate(conn, target=version)
        return _schema(conn)
    finally:
        conn.close()


def _schema_difference(conn: sqlite3.Connection, version: int) -> tuple[set[str], set[str]]:
    mine, ours = _schema(conn), reference_schema(version)
    # SQLite's own statistics (ANALYZE, PRAGMA optimize) only guide its query planner.
    extra = {f"{t} {n}" for t, n, _, _ in mine - ours if not (t == "table" and n in STAT_TABLES)}
    missing = {f"{t} {n}" for t, n, _, _ in ours - mine}
    return extra, missing
