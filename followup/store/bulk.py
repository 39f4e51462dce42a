"""Loading many touch points at once (demo data): the way SQLite loads fastest.

Row by row, each new touch point updates two indexes ordered by time (at
random places) and the full-text index through a trigger: 100 µs a row, and
more as the indexes outgrow the cache. For a bulk load the time-ordered
indexes are dropped and built again once at the end (a sort, on two threads),
and the new rows enter the full-text index a few hundred thousand at a time
(``TouchPointLoad.index_new``: one statement, one segment each) with a large
pending-terms buffer and no merging while loading. The statements put back
are the ones the schema holds, read from sqlite_master: nothing is restated
here; FTS5's settings are put back as they were (no row where there was none).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from followup.store import migration_insights_reads as insights_reads
from followup.store import migration_touch_point_hours as hours

# Indexes on touch_points that no bulk-load step reads (the contact's own
# index, touch_points_contact_at, stays: loading reads it).
SUSPENDED_INDEXES = ("touch_points_at", "touch_points_insights")
FTS_TRIGGER = "touch_points_fts_insert"
FTS_TABLE = "touch_points_fts"
HOURS_TRIGGER = hours.INSERT_TRIGGER
LOAD_HASH_BYTES = 128 * 1024 * 1024  # FTS5's pending-terms buffer while loading (64 MiB: 30% slower)
DEFAULT_HASH_BYTES = 1024 * 1024  # FTS5's default
# FTS5's settings while loading, with their defaults. No automatic merging:
# with a large buffer the load makes a few segments, and merging them as it
# goes rewrote it more than once (the full-text statement alone at 100,000
# contacts: 28 -> 18 s CPU); the usual merging resumes with the next writes.
FTS_LOAD_CONFIG = {"hashsize": (LOAD_HASH_BYTES, DEFAULT_HASH_BYTES), "automerge": (0, 4)}
# The connection's settings while loading, put back after: a 64 MiB page
# cache (default 2 MiB), and the sorts of CREATE INDEX and GROUP BY on two threads.
LOAD_PRAGMAS = {"cache_size": -65536, "threads": 2}


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id the next row of an AUTOINCREMENT ``table`` would get."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = conn.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
    return max(int(seq[0]) if seq else 0, int(top)) + 1


class TouchPointLoad:
    """The touch points loaded so far, and how far the full-text index has caught up."""

    def __init__(self, conn: sqlite3.Connection, first: int) -> None:
        self._conn = conn
        self._indexed = first  # the first id not in the full-text index yet
        self.full_text = False  # set while the full-text trigger is suspended

    def index_new(self, *, at_least: int = 1) -> None:
        """Add the touch points loaded since the last call to the full-text
        index, in one statement (SQLite runs it without Python's lock: a
        thread can prepare the next rows meanwhile), once there are
        ``at_least`` of them (each call makes a segment of the index)."""
        if not self.full_text:
            return
        top = int(self._conn.execute("SELECT coalesce(max(id), 0) FROM touch_points").fetchone()[0])
        if top - self._indexed + 1 < max(at_least, 1):
            return
        self._conn.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, summary, notes) SELECT id, summary, notes FROM touch_points "
            "WHERE id BETWEEN ? AND ?",
            (self._indexed, top),
        )
        self._indexed = top + 1


@contextmanager
def full_text_in_bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction: FTS5's settings for loading
    (``FTS_LOAD_CONFIG``) meanwhile, as they were after. For a write that
    adds or removes many touch points' words (a bulk delete of contacts and
    its undo): a few segments, not one a megabyte, and no merging meanwhile."""
    if not conn.in_transaction:
        raise RuntimeError("full_text_in_bulk needs the caller's transaction")
    config = _full_text_for_loading(conn)
    yield
    _full_text_as_it_was(conn, config)


def _full_text_for_loading(conn: sqlite3.Connection) -> dict[str, object]:
    """FTS5's loading settings set; the settings as they were stored (a default: no row)."""
    keys = ", ".join("?" * len(FTS_LOAD_CONFIG))
    config = dict(conn.execute(f"SELECT k, v FROM {FTS_TABLE}_config WHERE k IN ({keys})", tuple(FTS_LOAD_CONFIG)))
    for key, (value, _default) in FTS_LOAD_CONFIG.items():
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES (?, ?)", (key, value))
    return config


def _full_text_as_it_was(conn: sqlite3.Connection, config: dict[str, object]) -> None:
    for key, (_value, default) in FTS_LOAD_CONFIG.items():
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES (?, ?)", (key, config.get(key, default)))
    # FTS5 stores each setting given: a setting that was not there before
    # (the default) leaves no row, as before.
    for key in FTS_LOAD_CONFIG:
        if key not in config:
            conn.execute(f"DELETE FROM {FTS_TABLE}_config WHERE k = ?", (key,))


# The triggers that take one deleted touch point out of the search index and
# the hourly figures: suspended while most of them go, then both rebuilt.
DELETE_TRIGGERS = ("touch_points_fts_delete", hours.DELETE_TRIGGER)


@contextmanager
def deleting_most_touch_points(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction, for a block that deletes most touch
    points (a selection of every contact): the search index, the hourly
    figures and the indexes are built again from what is left when it ends,
    instead of taking each row out of them. At 20,000 demo contacts deleting
    all 442,000 touch points took 29 s CPU row by row, 13 s this way; half
    of them, 17.5 and 12.8 s. Nothing in the block may read through the
    indexes (the triggers that do, on contacts, run after it)."""
    if not conn.in_transaction:
        raise RuntimeError("deleting_most_touch_points needs the caller's transaction")
    names = ", ".join("?" * len(DELETE_TRIGGERS))
    triggers = dict(conn.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({names})", DELETE_TRIGGERS))
    with without_secondary_indexes(conn, "touch_points"):
        for name in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        yield
        if "touch_points_fts_delete" in triggers:
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        if hours.DELETE_TRIGGER in triggers:
            conn.execute("DELETE FROM touch_point_hours")
            conn.execute(hours.FILL_SQL, (0,))
        for sql in triggers.values():
            conn.execute(sql)


# Insights' hourly figures of the touch points whose ids ``{source}`` lists, added.
_HOURS_OF = hours.FILL_SQL.replace("WHERE t.id >= ?", "WHERE t.id IN (SELECT id FROM {source})")
assert _HOURS_OF != hours.FILL_SQL, "FILL_SQL no longer reads 'WHERE t.id >= ?'"


@contextmanager
def putting_back_many_touch_points(conn: sqlite3.Connection, source: str) -> Iterator[None]:
    """Inside the caller's transaction, for a block that inserts touch points
    (with their old ids) at least as many as there are, listed by the table
    ``source`` (an undo's stash): the indexes are built again when it ends,
    and the rows enter the search index and the hourly figures in one
    statement each, instead of a trigger's work each."""
    if not conn.in_transaction:
        raise RuntimeError("putting_back_many_touch_points needs the caller's transaction")
    names = (FTS_TRIGGER, HOURS_TRIGGER)
    triggers = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name IN (?, ?)", names))
    with without_secondary_indexes(conn, "touch_points"):
        for name in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        yield
        if FTS_TRIGGER in triggers:
            conn.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, summary, notes) SELECT id, summary, notes FROM touch_points "
                f"WHERE id IN (SELECT id FROM {source})"
            )
        if HOURS_TRIGGER in triggers:
            conn.execute(_HOURS_OF.format(source=source))
        for sql in triggers.values():
            conn.execute(sql)


@contextmanager
def load_pragmas(conn: sqlite3.Connection) -> Iterator[None]:
    """The connection's settings for a large load (``LOAD_PRAGMAS``) in the
    block, as they were after it, whatever its end."""
    pragmas = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in LOAD_PRAGMAS}
    for name, value in LOAD_PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        for name, value in pragmas.items():
            conn.execute(f"PRAGMA {name} = {value}")


@contextmanager
def loading_touch_points(conn: sqlite3.Connection) -> Iterator[TouchPointLoad]:
    """Inside the caller's transaction: touch points inserted in the block are
    indexed (time indexes and per-hour figures) once, when it ends; the
    full-text index catches up when the caller asks (``index_new``) and at
    the end. The caller sets the connection for the load (``load_pragmas``:
    the demo, around its whole transaction)."""
    if not conn.in_transaction:
        raise RuntimeError("loading_touch_points needs the caller's transaction")
    first = next_id(conn, "touch_points")
    load = TouchPointLoad(conn, first)
    schema = dict(
        conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE name IN ({', '.join('?' * (len(SUSPENDED_INDEXES) + 2))})",
            (*SUSPENDED_INDEXES, FTS_TRIGGER, HOURS_TRIGGER),
        ).fetchall()
    )
    for name in SUSPENDED_INDEXES:
        if name in schema:
            conn.execute(f'DROP INDEX "{name}"')
    for trigger in (FTS_TRIGGER, HOURS_TRIGGER):
        if trigger in schema:
            conn.execute(f'DROP TRIGGER "{trigger}"')
    config: dict[str, object] = {}
    if FTS_TRIGGER in schema:
        config = _full_text_for_loading(conn)
        load.full_text = True
    yield load
    for name in SUSPENDED_INDEXES:
        if name in schema:
            conn.execute(schema[name])
    if FTS_TRIGGER in schema:
        load.index_new()
        _full_text_as_it_was(conn, config)
        conn.execute(schema[FTS_TRIGGER])
        load.full_text = False
    if HOURS_TRIGGER in schema:
        # Insights' hourly figures: the new rows added once, grouped.
        conn.execute(hours.FILL_SQL, (first,))
        conn.execute(schema[HOURS_TRIGGER])


# What each follow-up keeps for Insights (its contact's kind, a reply's wait),
# set row by row by these triggers; a bulk load sets it once at the end.
FOLLOW_UP_INSERT_TRIGGERS = ("follow_up_kind_insert", "reply_wait_insert")
_FOLLOW_UPS_KEPT = (
    "UPDATE follow_ups SET contact_kind = (SELECT kind FROM contacts c WHERE c.id = follow_ups.contact_id), "
    f"reply_wait_seconds = {insights_reads.WAIT} WHERE id >= ?"
)


@contextmanager
def loading_follow_ups(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction: follow-ups inserted in the block get
    what Insights keeps of them (their contact's kind, a reply's wait) in one
    statement when it ends, instead of an update each as they are inserted."""
    if not conn.in_transaction:
        raise RuntimeError("loading_follow_ups needs the caller's transaction")
    first = next_id(conn, "follow_ups")
    names = ", ".join("?" * len(FOLLOW_UP_INSERT_TRIGGERS))
    schema = dict(
        conn.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({names})", FOLLOW_UP_INSERT_TRIGGERS)
    )
    for name in schema:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    if schema:
        conn.execute(_FOLLOW_UPS_KEPT, (first,))
    for sql in schema.values():
        conn.execute(sql)


@contextmanager
def without_secondary_indexes(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """Inside the caller's transaction: the table's indexes that enforce
    nothing (not UNIQUE) are dropped for the block and built again at its
    end, from the statements the schema holds. Nothing in the block may
    read through them."""
    if not conn.in_transaction:
        raise RuntimeError("without_secondary_indexes needs the caller's transaction")
    dropped = [
        (str(name), str(sql))
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        )
    ]
    for name, _sql in dropped:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in dropped:
        conn.execute(sql)


@contextmanager
def written_once(conn: sqlite3.Connection) -> Iterator[bool]:
    """Around a large load's transaction, by a connection that is alone on
    the database: the rollback journal instead of the write-ahead log for
    its duration. In WAL mode every new page is written twice (to the log,
    then to the database at the checkpoint: 2 x 2.2 GB for 100,000 demo
    contacts); a rollback journal writes new pages once and still undoes
    everything if the load fails or the process dies (the next open rolls
    the hot journal back). When another connection is open, WAL stays.
    Yields whether it switched."""
    switched = False
    if not conn.in_transaction and str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        try:
            switched = str(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]).lower() == "delete"
        except sqlite3.OperationalError:  # another connection holds the database
            switched = False
    try:
        yield switched
    finally:
        if switched:
            conn.execute("PRAGMA journal_mode = WAL")
