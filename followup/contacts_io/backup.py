"""A full backup in one file, and restoring from it.

The backup is a consistent copy of the whole database made with SQLite's
backup API (contacts, touch points, engagements, follow-ups, playbooks,
settings: everything, with nothing to forget when a table is added), in
rollback-journal mode so that it is one self-contained file, readable by the
user alone (0600). A damaged database is never backed up.

Restore trusts nothing in the file (see backup_check): a private copy is
checked and migrated first; only then is it written into the live database
through SQLite's backup API, which takes SQLite's locks (another process with
the database open sees the change; no file is ever swapped or deleted under a
connection). What it replaces is kept first. Settings that name a path are not
restored: they are reported, for the user to confirm.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from followup import outfile
from followup.contacts_io.backup_check import BackupError, open_checked, private_copy
from followup.store import Store, connection, migrations

log = logging.getLogger(__name__)

__all__ = ["BackupError", "BackupInfo", "RestoreResult", "back_up", "holds_data", "inspect", "restore"]

COUNTED = ("contacts", "touch_points", "engagements", "follow_ups", "playbooks", "settings")


@dataclass(slots=True, frozen=True)
class BackupInfo:
    path: Path
    version: int
    counts: dict[str, int]
    # settings that name a file or folder: never restored without the user's word
    paths: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        c = self.counts
        return (
            f"{c.get('contacts', 0):,} contacts, {c.get('touch_points', 0):,} touch points, "
            f"{c.get('engagements', 0):,} engagements, {c.get('follow_ups', 0):,} follow-ups, "
            f"{c.get('playbooks', 0):,} playbooks"
        )


@dataclass(slots=True, frozen=True)
class RestoreResult:
    restored: BackupInfo
    kept_copy: Path | None  # what was replaced, copied aside first
    dropped_paths: dict[str, str] = field(default_factory=dict)  # path settings not restored
    dropped_unknown: list[str] = field(default_factory=list)  # settings this version does not know


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED if t in tables}


def holds_data(store: Store) -> bool:
    """Anything the user made: built-in playbooks and settings alone do not count."""
    conn = store.conn
    made = sum(counts(conn).get(t, 0) for t in ("contacts", "touch_points", "engagements", "follow_ups"))
    own_playbooks = int(conn.execute("SELECT count(*) FROM playbooks WHERE builtin = 0").fetchone()[0])
    return made + own_playbooks > 0


def private_sqlite_file(path: Path) -> sqlite3.Connection:
    """A new, empty file readable by the user alone, opened by SQLite (no URI)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    return sqlite3.connect(str(path), isolation_level=None)


def back_up(store: Store, out: Path | str) -> BackupInfo:
    """Copy the whole database to ``out`` (a file written beside it, then
    renamed into place; through a symlink; straight to a device; ``-`` for
    standard output). Refused, with nothing written, for a damaged database."""
    where = outfile.target(out)
    if where.path is not None and not where.special and where.path.resolve() == store.path.resolve():
        raise BackupError("The backup cannot be the database itself: choose another file.")
    problem = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    if problem != "ok":
        raise BackupError(
            f"The database is damaged ({problem}), so no backup was written: a backup of it could not be "
            "restored. Keep your last good backup, and copy the database file aside while Followup is closed."
        )
    partial = outfile.temporary_beside(where)  # 0600 from the start
    try:
        dest = sqlite3.connect(str(partial), isolation_level=None)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            info = BackupInfo(Path(str(out)), migrations.user_version(dest), counts(dest))
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise BackupError(f"The backup could not be written to {where.shown}: {reason}.") from None
    outfile.place(where, partial, private=True)
    log.info("backed up %s to %s (%s)", store.path, where.shown, info.describe())
    return info


def inspect(path: Path | str, folder: Path | None = None) -> BackupInfo:
    """Check that ``path`` is a complete, undamaged Followup backup; raise
    BackupError if not. The private copy is made in ``folder`` (the system's
    temporary folder if None; the window passes the data folder)."""
    path = Path(path)
    with private_copy(path, folder) as copy:
        checked = open_checked(copy, path.name)
        try:
            return BackupInfo(path, checked.version, counts(checked.conn), dict(checked.path_settings))
        finally:
            checked.conn.close()


def restore(store: Store, path: Path | str, *, force: bool = False) -> RestoreResult:
    """Replace everything in ``store`` with the backup at ``path``.

    Raises BackupError, with nothing changed, for a bad file or (without
    ``force``) a database that already holds contacts or history.
    """
    path = Path(path)
    if path.exists() and store.path.exists() and path.resolve() == store.path.resolve():
        raise BackupError("That file is the database itself, not a backup of it.")
    with private_copy(path, store.path.parent) as copy:
        checked = open_checked(copy, path.name)
        conn = checked.conn
        try:
            info = BackupInfo(path, checked.version, counts(conn), dict(checked.path_settings))
            if holds_data(store) and not force:
                raise BackupError(
                    f"The database already holds {BackupInfo(store.path, 0, counts(store.conn)).describe()}. "
                    "Restoring would replace all of it: use --force (a copy is kept first)."
                )
            _prepare(conn, store, path.name, set(checked.path_settings) | set(checked.unknown_settings))
            kept = _keep_copy(store)
            try:
                conn.backup(store.conn)
            except sqlite3.Error as error:
                raise BackupError(
                    f"The backup could not be written into the database ({error}); it was left as it was."
                ) from None
        finally:
            conn.close()
    connection.configure(store.conn)
    store.analyze()  # the planner's statistics for what was just written in (a bulk change)
    log.info("restored %s from %s; the previous database was kept at %s", store.path, path, kept)
    return RestoreResult(info, kept, dict(checked.path_settings), list(checked.unknown_settings))


def _prepare(conn: sqlite3.Connection, store: Store, shown: str, dropped: set[str]) -> None:
    """Bring the checked copy up to date and make it fit the live database."""
    try:
        applied = migrations.migrate(conn)
    except Exception as error:  # a migration is code: whatever it raises, the live database is untouched
        raise BackupError(
            f"{shown} could not be brought up to date ({error}); nothing was changed, the database is as it was."
        ) from None
    if applied:
        log.info("backup upgraded through versions %s before restoring", applied)
    if dropped:
        marks = ", ".join("?" * len(dropped))
        conn.execute(f"DELETE FROM settings WHERE key IN ({marks})", sorted(dropped))
    # The full-text index is rebuilt from the rows themselves, never taken on trust.
    conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('rebuild')")
    # A WAL database can only receive pages of its own size.
    page = int(store.conn.execute("PRAGMA page_size").fetchone()[0])
    if int(conn.execute("PRAGMA page_size").fetchone()[0]) != page:
        conn.execute(f"PRAGMA page_size = {page}")
        conn.execute("VACUUM")


def _keep_copy(store: Store) -> Path:
    """A consistent copy of what is about to be replaced, readable by the user alone."""
    stamp = store.clock.now().strftime("%Y%m%d-%H%M%S")
    target = store.path.with_name(f"{store.path.name}.before-restore-{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = store.path.with_name(f"{store.path.name}.before-restore-{stamp}-{n}.bak")
    try:
        dest = private_sqlite_file(target)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as error:
        target.unlink(missing_ok=True)
        raise BackupError(f"Could not keep a copy of the database first ({error}); nothing was changed.") from None
    return target
