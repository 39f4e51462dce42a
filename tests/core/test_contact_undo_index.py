"""Undo of one contact's delete writes the search index once (issue 16). A
touch point put back by a statement of its own was a segment of FTS5's index
each; 16 at one level make FTS5 merge them with the big ones at once (its
'crisis merge'): at 20,000 demo contacts, Ctrl+Z after deleting a contact
with 28 touch points froze the window 5.7 s, rewriting 175 MB of the index."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.store import Store


def _segments(conn: sqlite3.Connection) -> int:
    """How many segments the search index is made of (each write of FTS5's pending terms makes one)."""
    return int(conn.execute("SELECT count(DISTINCT segid) FROM touch_points_fts_idx").fetchone()[0])


def test_undo_of_one_contacts_delete_writes_the_search_index_once(
    store: Store, clock: FixedClock, add_contact: Callable[..., int], fts_ok: Callable[[], bool]
) -> None:
    # GIVEN a contact with 20 touch points, another with one, and a search index that never merges
    # its segments (so that each write of its pending terms shows as one more)
    ana, bo = add_contact("Ana"), add_contact("Bo")
    for day in range(20):
        log_touch_point(store, TouchPoint(ana, clock.now() - timedelta(days=day + 1), Channel.EMAIL, Direction.IN,
                                          f"Note {day} about the renewal"))  # fmt: skip
    log_touch_point(store, TouchPoint(bo, clock.now(), Channel.PHONE, Direction.OUT, "Call about the renewal"))
    for setting, value in (("automerge", 0), ("crisismerge", 1000)):
        store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES (?, ?)", (setting, value))
    rows = store.conn.execute("SELECT * FROM touch_points ORDER BY id").fetchall()
    # WHEN Ana is deleted, then the delete is undone
    gone = store.contacts.delete(ana)
    before = _segments(store.conn)
    store.contacts.restore(gone)
    # THEN her 20 touch points entered the index in one write (20 before), every row is back as it was,
    # and the index finds them
    assert _segments(store.conn) - before == 1
    assert store.conn.execute("SELECT * FROM touch_points ORDER BY id").fetchall() == rows
    assert fts_ok() and len(store.touch_points.search("renewal")) == 21
