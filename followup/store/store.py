"""The Store: one open database and the repositories over it."""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from followup.clock import Clock, SystemClock
from followup.errors import StoreError
from followup.store import connection, health, migrations
from followup.store.contacts import ContactsRepo
from followup.store.engagements import EngagementsRepo
from followup.store.followups import FollowUpsRepo
from followup.store.playbooks import PlaybooksRepo
from followup.store.settings import SettingsRepo
from followup.store.touchpoints import TouchPointsRepo

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)
_savepoints = itertools.count(1)


class Store:
    """An open Followup database.

    Reads are plain SQL on the connection; writes go through :meth:`transaction`
    (``BEGIN IMMEDIATE``, so two processes never deadlock upgrading a read lock;
    nested calls are savepoints). Bulk writes (demo data, imports, restore) use
    sqlite-utils through :attr:`db`, imported on first use to keep it off the
    start-up path (it costs ~90 ms).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self._db: sqlite_utils.Database | None = None
        self._closed = False
        self._statistics = True  # refreshed at close (Store.open)
        self.contacts = ContactsRepo(self)
        self.touch_points = TouchPointsRepo(self)
        self.settings = SettingsRepo(self)
        self.playbooks = PlaybooksRepo(self)
        self.engagements = EngagementsRepo(self)
        self.follow_ups = FollowUpsRepo(self)

    @classmethod
    def open(
        cls, path: Path | str, clock: Clock | None = None, *, allow_damaged: bool = False, statistics: bool = True
    ) -> Store:
        """Open (creating or migrating as needed) the database at ``path``.

        With ``statistics`` (the default), the planner's statistics are
        refreshed as SQLite recommends, at open and at close
        (``connection.optimize_on_open``/``optimize_on_close``). A window's
        worker opens a connection per job with ``statistics=False``: each such
        commit was, to the window watching the file, a change made elsewhere,
        and every view was read again. The window's own connection keeps them.

        Raises StoreError, with the file untouched, for a non-SQLite file, a
        database from a newer Followup, or another program's SQLite database;
        and for a damaged one (found after an unclean shutdown, see
        store/health.py) unless ``allow_damaged`` (checking it, restoring over it).
        """
        path = Path(path).absolute()
        clock = clock or SystemClock()
        conn = connection.connect(path)
        try:
            version = migrations.user_version(conn)
            if version > migrations.LATEST:
                raise StoreError(
                    f"{path} was made by a newer version of Followup (data version {version}; "
                    f"this version understands up to {migrations.LATEST}). "
                    "It was left untouched: update Followup to open it."
                )
            foreign = version > 0 and migrations.application_id(conn) != migrations.APPLICATION_ID
            if foreign or (version == 0 and _has_tables(conn)):
                raise StoreError(
                    f"{path} is an SQLite database from another program, not Followup's. It was left untouched."
                )
            damage = _check_after_unclean_shutdown(conn, path)
            if damage is not None and not allow_damaged:
                raise StoreError(f"{path} is damaged ({damage.summary()}). {health.damage_advice(path)}")
            connection.configure(conn)
            if version < migrations.LATEST:
                if version > 0:
                    connection.backup_copy(conn, path, version, clock.now())
                applied = migrations.migrate(conn)
                log.info("migrated %s through versions %s", path, applied)
            if statistics:
                connection.optimize_on_open(conn)
        except sqlite3.DatabaseError as error:
            conn.close()
            if "malformed" in str(error):
                health.mark_damaged(path)
                raise StoreError(f"{path} is damaged ({error}). {health.damage_advice(path)}") from None
            raise StoreError(f"Cannot use {path}: {error}. The file was left as it was.") from None
        except BaseException:
            conn.close()
            raise
        health.opened(path)
        store = cls(conn, path, clock)
        store._statistics = statistics
        return store

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextmanager
    def transaction(self, *, savepoint: bool = True) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit on success, roll back on any exception.

        Nested use joins the outer transaction through a savepoint, or, with
        ``savepoint=False`` (for a single statement, atomic anyway), directly.
        """
        if self.conn.in_transaction and not savepoint:
            yield self.conn
            return
        if self.conn.in_transaction:
            name = f"sp{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def busy_timeout(self, ms: int) -> Iterator[None]:
        """Wait at most ``ms`` for another process's write lock inside the block
        (a background tick gives up quickly and tries again later, instead of
        freezing the window while an import holds the lock)."""
        before = int(self.conn.execute("PRAGMA busy_timeout").fetchone()[0])  # a long write may have lowered it
        self.conn.execute(f"PRAGMA busy_timeout = {min(int(ms), before)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {before}")

    def bulk_insert(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]], *, ignore: bool = False
    ) -> None:
        """Insert many rows at once through sqlite-utils (multi-row INSERTs in
        batches), inside the caller's transaction: demo data, imports."""
        self.db[table].insert_all(  # type: ignore[union-attr]
            (dict(zip(columns, row, strict=True)) for row in rows), batch_size=200, ignore=ignore
        )

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    @property
    def schema_version(self) -> int:
        return migrations.user_version(self.conn)

    def analyze(self) -> None:
        """Fresh planner statistics after a bulk load (demo, a large import)."""
        if not self.conn.in_transaction:
            connection.analyze(self.conn)

    def refresh_statistics(self) -> None:
        """The planner's statistics refreshed while the store stays open
        (SQLite's advice for a long-lived connection: PRAGMA optimize every
        few hours); never waits long for another process's write lock."""
        if self._statistics and not self._closed and not self.conn.in_transaction:
            connection.optimize_now(self.conn)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            if self._statistics and not self.conn.in_transaction:
                connection.optimize_on_close(self.conn)
        except sqlite3.ProgrammingError:  # closed already
            pass
        self.conn.close()
        health.closed(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_tables(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0)


def _check_after_unclean_shutdown(conn: sqlite3.Connection, path: Path) -> health.Health | None:
    """When a process died with the database open, check it before anything
    writes; returns what is wrong, or None when all is well (or nothing died)."""
    markers = health.needs_check(path)
    if not markers:
        return None
    found = health.remembered(path)
    if found is None:
        log.info("%s was not closed cleanly last time: checking it", path.name)
        found = health.examine(conn, foreign_keys=False)
        health.remember(path, found)
    if found.ok:
        health.clear(markers)
        log.info("%s checked after an unclean shutdown: intact", path.name)
        return None
    log.error("%s is damaged: %s", path.name, found.summary())
    health.mark_damaged(path)
    return found


def check_unclean_shutdown(path: Path | str, stop: threading.Event | None = None) -> health.Health | None:
    """The check an unclean shutdown asks for, run ahead of :meth:`Store.open`
    with a connection of its own, on any thread (the window runs it on one so
    it can say what it is doing: a whole check of a large database takes
    half a minute). Setting ``stop`` interrupts it.
    Returns what it found, or None when no check was due or it could not run
    (interrupted, or a file :meth:`Store.open` will refuse with its own
    sentence). The open that follows does not check the unchanged file again."""
    path = Path(path).absolute()
    if not health.needs_check(path) or (stop is not None and stop.is_set()):
        return None
    try:
        conn = connection.connect(path)
    except (StoreError, OSError, sqlite3.Error):
        return None
    try:
        if stop is not None:
            conn.set_progress_handler(stop.is_set, 1_000)  # a true answer interrupts the statement
        found = _check_after_unclean_shutdown(conn, path) or health.Health()
    except sqlite3.Error as error:
        log.info("the check of %s did not finish: %s", path.name, error)
        return None
    finally:
        conn.close()
    # Closing the last connection checkpoints the log into the file (its
    # content unchanged): what was found holds for the file as it is now.
    health.remember(path, found)
    return found


def needs_upgrade(path: Path | str) -> bool:
    """Whether opening ``path`` will upgrade it (False for a new file, or one
    :meth:`Store.open` will refuse with its own sentence)."""
    path = Path(path).absolute()
    if not path.exists():
        return False
    try:
        conn = connection.connect(path)
    except (StoreError, OSError, sqlite3.Error):
        return False
    try:
        version = migrations.user_version(conn)
        return 0 < version < migrations.LATEST and migrations.application_id(conn) == migrations.APPLICATION_ID
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def upgrade(path: Path | str) -> None:
    """Open and close ``path``, upgrading it (with its copy) on whatever thread
    calls this, so the open that follows is quick. A failure is left for that
    open to report in its own words."""
    try:
        Store.open(path).close()
    except (StoreError, OSError, sqlite3.Error) as error:
        log.info("the upgrade ahead of the open did not finish: %s", error)
