"""A full backup in one file, and restoring from it.

The backup is a consistent copy of the whole database made with SQLite's
backup API (contacts, touch points, engagements, follow-ups, playbooks,
settings: everything, with nothing to forget when a table is added), in
rollback-journal mode so that it is one self-contained file. Restore checks
the file completely before touching anything, refuses to replace a database
that holds anything unless forced, and first keeps a copy of what it replaces.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from followup.errors import FollowupError, StoreError
from followup.store import Store, connection, migrations

log = logging.getLogger(__name__)

COUNTED = ("contacts", "touch_points", "engagements", "follow_ups", "playbooks", "settings")
# Tables every Followup database has from version 1; later ones are checked by their version.
REQUIRED = {1: {"contacts", "contact_emails", "contact_phones", "contact_tags", "touch_points", "settings"}}
REQUIRED[2] = REQUIRED[1] | {"touch_points_fts"}
REQUIRED[3] = REQUIRED[2] | {"playbooks", "playbook_steps", "engagements", "engagement_contacts", "follow_ups"}


class BackupError(FollowupError):
    """A backup that cannot be made, or a file that cannot be restored from."""


@dataclass(slots=True, frozen=True)
class BackupInfo:
    path: Path
    version: int
    counts: dict[str, int]

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


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED if t in tables}


def holds_data(store: Store) -> bool:
    """Anything the user made: built-in playbooks and settings alone do not count."""
    conn = store.conn
    made = sum(counts(conn).get(t, 0) for t in ("contacts", "touch_points", "engagements", "follow_ups"))
    own_playbooks = int(conn.execute("SELECT count(*) FROM playbooks WHERE builtin = 0").fetchone()[0])
    return made + own_playbooks > 0


def back_up(store: Store, out: Path | str) -> BackupInfo:
    """Copy the whole database to ``out`` (written beside it, then renamed into place)."""
    out = Path(out)
    if out.resolve() == store.path.resolve():
        raise BackupError("The backup cannot be the database itself: choose another file.")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(str(partial), isolation_level=None)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            info = BackupInfo(out, migrations.user_version(dest), counts(dest))
        finally:
            dest.close()
        partial.replace(out)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The backup could not be written to {out}: {error}.") from None
    log.info("backed up %s to %s (%s)", store.path, out, info.describe())
    return info


def inspect(path: Path | str) -> BackupInfo:
    """Check that ``path`` is a complete, undamaged Followup backup; raise BackupError if not."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    try:
        connection.check_header(path)
    except StoreError:
        raise BackupError(f"{path.name} is not a Followup backup (it is not an SQLite database).") from None
    if path.stat().st_size == 0:
        raise BackupError(f"{path.name} is empty: it is not a Followup backup.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path.name} cannot be opened: {error}.") from None
    try:
        version = migrations.user_version(conn)
        if migrations.application_id(conn) != migrations.APPLICATION_ID or version < 1:
            raise BackupError(f"{path.name} is an SQLite database from another program, not a Followup backup.")
        if version > migrations.LATEST:
            raise BackupError(
                f"{path.name} was made by a newer version of Followup (data version {version}); update Followup first."
            )
        problem = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if problem != "ok":
            raise BackupError(f"{path.name} is damaged ({problem}); nothing was restored.")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = REQUIRED[min(version, max(REQUIRED))] - tables
        if missing:
            raise BackupError(f"{path.name} is incomplete: it lacks {', '.join(sorted(missing))}.")
        return BackupInfo(path, version, counts(conn))
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path.name} is damaged or cut short ({error}); nothing was restored.") from None
    finally:
        conn.close()


def restore(store: Store, path: Path | str, *, force: bool = False) -> RestoreResult:
    """Replace everything in ``store`` with the backup at ``path``.

    Raises BackupError, with nothing changed, for a bad file or (without
    ``force``) a database that already holds contacts or history.
    """
    info = inspect(path)
    if Path(path).resolve() == store.path.resolve():
        raise BackupError("That file is the database itself, not a backup of it.")
    if holds_data(store) and not force:
        raise BackupError(
            f"The database already holds {BackupInfo(store.path, 0, counts(store.conn)).describe()}. "
            "Restoring would replace all of it: use --force (a copy is kept first)."
        )
    kept = _keep_copy(store) if holds_data(store) or store.path.exists() else None
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(store.conn)
    finally:
        source.close()
    connection.configure(store.conn)
    applied = migrations.migrate(store.conn)
    store.analyze()
    if applied:
        log.info("restored backup upgraded through versions %s", applied)
    log.info("restored %s from %s; the previous database was kept at %s", store.path, path, kept)
    return RestoreResult(info, kept)


def _keep_copy(store: Store) -> Path:
    stamp = store.clock.now().strftime("%Y%m%d-%H%M%S")
    target = store.path.with_name(f"{store.path.name}.before-restore-{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = store.path.with_name(f"{store.path.name}.before-restore-{stamp}-{n}.bak")
    dest = sqlite3.connect(str(target), isolation_level=None)
    try:
        store.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    return target
