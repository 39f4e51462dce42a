"""Loading many touch points at once (demo data): the way SQLite loads fastest.

Row by row, each new touch point updates two indexes ordered by time (at
random places) and the full-text index through a trigger: 100 µs a row, and
more as the indexes outgrow the cache. For a bulk load the time-ordered
indexes are dropped and built again once at the end (a sort), and the new
rows enter the full-text index in one statement with a large pending-terms
buffer (fewer, larger segments to merge). The statements put back are the
ones the schema holds, read from sqlite_master: nothing is restated here.
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
LOAD_CACHE_KIB = -65536  # SQLite's page cache while loading: 64 MiB (default 2 MiB)


def next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id the next row of an AUTOINCREMENT ``table`` would get."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = conn.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0]
    return max(int(seq[0]) if seq else 0, int(top)) + 1


@contextmanager
def loading_touch_points(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside the caller's transaction: touch points inserted in the block are
    indexed (time indexes and full text) once, when it ends."""
    if not conn.in_transaction:
        raise RuntimeError("loading_touch_points needs the caller's transaction")
    first = next_id(conn, "touch_points")
    schema = dict(
        conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE name IN ({', '.join('?' * (len(SUSPENDED_INDEXES) + 2))})",
            (*SUSPENDED_INDEXES, FTS_TRIGGER, HOURS_TRIGGER),
        ).fetchall()
    )
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {LOAD_CACHE_KIB}")
    for name in SUSPENDED_INDEXES:
        if name in schema:
            conn.execute(f'DROP INDEX "{name}"')
    for trigger in (FTS_TRIGGER, HOURS_TRIGGER):
        if trigger in schema:
            conn.execute(f'DROP TRIGGER "{trigger}"')
    yield
    for name in SUSPENDED_INDEXES:
        if name in schema:
            conn.execute(schema[name])
    if FTS_TRIGGER in schema:
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('hashsize', {LOAD_HASH_BYTES})")
        conn.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, summary, notes) SELECT id, summary, notes FROM touch_points WHERE id >= ?",
            (first,),
        )
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('hashsize', {DEFAULT_HASH_BYTES})")
        # FTS5 stores the setting: the default is the absence of the row, as before the load.
        conn.execute(f"DELETE FROM {FTS_TABLE}_config WHERE k = 'hashsize' AND v = ?", (DEFAULT_HASH_BYTES,))
        conn.execute(schema[FTS_TRIGGER])
    if HOURS_TRIGGER in schema:
        # Insights' hourly figures: the new rows added once, grouped.
        conn.execute(hours.FILL_SQL, (first,))
        conn.execute(schema[HOURS_TRIGGER])
    conn.execute(f"PRAGMA cache_size = {cache}")


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
