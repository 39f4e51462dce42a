"""A batch of demo rows handed from the thread that makes it to the writer.

Python holds one lock (the GIL) at a time; SQLite lets it go while a
statement runs. Inserting two million touch points row by row from the
writer would take the lock back for every row, so the thread making the
next batch could hardly run. Instead the making thread writes its batch into
a small in-memory database of its own (the rows bound to their statements
there) and hands it over as bytes (``serialize``); the writer puts those
bytes in place of an attached in-memory schema (``deserialize``) and copies
each table with one ``INSERT ... SELECT``, which runs without the lock while
the next batch is made.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

SCHEMA = "demo_batch"  # the attached in-memory schema the writer reads batches from

# Each table a batch fills: its columns in the batch, and how the writer copies them.
_TABLES = {
    "contacts": (
        13,
        """INSERT INTO main.contacts (id, name, organisation, title, kind, preferred_channel, tz, notes, referred_by,
               archived, created_at, updated_at, last_touched_at) SELECT * FROM {schema}.contacts ORDER BY rowid""",
    ),
    "emails": (
        5,
        "INSERT INTO main.contact_emails (contact_id, position, label, address, address_lower) "
        "SELECT * FROM {schema}.emails ORDER BY rowid",
    ),
    "phones": (
        5,
        "INSERT INTO main.contact_phones (contact_id, position, label, number, normalised) "
        "SELECT * FROM {schema}.phones ORDER BY rowid",
    ),
    "tags": (2, "INSERT OR IGNORE INTO main.contact_tags (contact_id, tag) SELECT * FROM {schema}.tags ORDER BY rowid"),
    "touch_points": (
        15,
        """INSERT INTO main.touch_points (id, contact_id, at_utc, tz, channel, direction, summary, notes, mood,
               needs_reply, difficult, satisfaction, referral, created_at, updated_at)
           SELECT * FROM {schema}.touch_points ORDER BY rowid""",
    ),
    # The columns of followups.timed_rows, in followups.INSERT_TIMED's places.
    "follow_ups": (
        17,
        """INSERT INTO main.follow_ups (contact_id, engagement_id, step_key, phase, source, title, notes, channel,
               tz, all_day, due_date, due_utc, snoozed_until_utc, wake_utc, status, completed_at,
               origin_touch_point_id, resolved_by_touch_point_id, created_at, updated_at)
           SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, 0, NULL, c10, c11, c12, c13, c14, c15, c16, c17, c17
           FROM {schema}.follow_ups ORDER BY rowid""",
    ),
}


@dataclass(slots=True)
class Rows:
    """A batch of contacts and what belongs to them, as their INSERTs take them."""

    contacts: list[tuple[object, ...]]
    emails: list[tuple[object, ...]]
    phones: list[tuple[object, ...]]
    tags: list[tuple[object, ...]]
    touch_points: list[tuple[object, ...]]
    follow_ups: list[tuple[object, ...]]

    def pack(self) -> bytes:
        """The rows as an in-memory database's bytes (on the making thread)."""
        conn = sqlite3.connect(":memory:")
        try:
            for table, (width, _copy) in _TABLES.items():
                columns = ", ".join(f"c{i}" for i in range(1, width + 1))
                conn.execute(f"CREATE TABLE {table} ({columns})")  # no types: values kept as given
                conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", getattr(self, table))
            conn.commit()
            return conn.serialize()
        finally:
            conn.close()


@contextmanager
def batch_schema(conn: sqlite3.Connection) -> Iterator[None]:
    """The in-memory schema batches are read from, attached for the block
    (before the caller's transaction: it can only be detached after it)."""
    conn.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
    try:
        yield
    finally:
        conn.execute(f"DETACH DATABASE {SCHEMA}")


def write(conn: sqlite3.Connection, packed: bytes, number: int) -> None:
    """Copy the packed batch ``number`` into the database, table by table, in
    the caller's transaction."""
    conn.deserialize(packed, name=SCHEMA)
    for _width, copy in _TABLES.values():
        # Each batch's statements are prepared again, against the schema just
        # put in place: a statement prepared for the previous batch's bytes
        # (Python caches them by their text) read the new ones as "database
        # disk image is malformed" (SQLite 3.40).
        conn.execute(f"-- batch {number}\n" + copy.format(schema=SCHEMA))


@dataclass(slots=True)
class _End:
    error: BaseException | None


def made_ahead(items: Iterator[T], depth: int, name: str) -> Generator[T, None, None]:
    """``items`` drawn on a thread of their own (``name``): up to ``depth``
    made and waiting for the caller while the next is made. Made only when
    the caller asked for the last (a future per batch), the next batch was
    never begun while the writer indexed the full text (2 s a step, a batch
    taking 1.5 s to make), and the writer then waited for it: 9-10 s of the
    demo at 100,000 contacts. An error on the thread is raised here; the
    thread stops when the caller does."""
    handed: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: T | _End) -> bool:
        while not stop.is_set():
            try:
                handed.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_End(None))
        except BaseException as error:  # raised again on the caller's thread
            put(_End(error))

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    try:
        while True:
            item = handed.get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
    finally:
        stop.set()
        thread.join()
