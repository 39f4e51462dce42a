"""What the delete of many contacts makes SQLite do (issue 16: deleting all
100,000 demo contacts took 8–18 minutes, its Undo as long). Behaviour, not
time: which rows are touched on the way, and that the result is the same."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.engine import bulk_contacts as bulk
from followup.engine.touch_points import log_touch_point
from followup.store import Store, contacts_stash
from followup.store.contact_undo import OWNED_TABLES


def _log(store: Store, clock: FixedClock, contact_id: int, days_ago: int) -> int:
    tp = TouchPoint(contact_id, clock.now() - timedelta(days=days_ago), Channel.EMAIL, Direction.IN, "Hi",
                    needs_reply=True)  # fmt: skip
    return log_touch_point(store, tp).touch_point_id


def _watch_updates(conn: sqlite3.Connection) -> None:
    """Every update of a follow-up from now on, in temp.updated (a temporary trigger: nothing in the file)."""
    conn.execute("CREATE TEMP TABLE updated (follow_up INTEGER, contact INTEGER)")
    conn.execute(
        "CREATE TEMP TRIGGER watch_updates AFTER UPDATE ON main.follow_ups BEGIN "
        "INSERT INTO updated VALUES (new.id, new.contact_id); END"
    )


def _dump(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    tables = ("contacts", *OWNED_TABLES, "touch_point_hours")
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def test_the_follow_ups_deleted_are_not_updated_first(
    store: Store, clock: FixedClock, add_contact: Callable[..., int], fts_ok: Callable[[], bool]
) -> None:
    # (A guard: the touch points go before their contacts, in one statement; their follow-ups must go first.)
    # GIVEN two contacts each with emails waiting for a reply (a follow-up pointing at its touch point),
    # and a third whose follow-up was resolved by a touch point of one of them; Ana has a photo
    a, b, c = add_contact("Ana"), add_contact("Bo"), add_contact("Cy")
    with store.transaction() as conn:
        conn.execute("UPDATE contacts SET photo = ?, photo_type = 'image/png' WHERE id = ?", (bytes(range(256)), a))
    for contact in (a, b, a, b):
        _log(store, clock, contact, days_ago=3)
    other = _log(store, clock, c, days_ago=2)
    ana_tp = store.conn.execute("SELECT max(id) FROM touch_points WHERE contact_id = ?", (a,)).fetchone()[0]
    with store.transaction() as conn:
        conn.execute("UPDATE follow_ups SET resolved_by_touch_point_id = ? WHERE origin_touch_point_id = ?",
                     (ana_tp, other))  # fmt: skip
    before = _dump(store.conn)
    _watch_updates(store.conn)
    # WHEN both are deleted in one step
    done = bulk.delete(store, [b, a])
    # THEN no follow-up of theirs was updated on its way out (set to NULL by its touch point's going, then deleted):
    # only Cy's, whose resolving touch point went
    assert store.conn.execute("SELECT DISTINCT contact FROM updated").fetchall() == [(c,)]
    assert store.conn.execute("SELECT resolved_by_touch_point_id FROM follow_ups WHERE contact_id = ?",
                              (c,)).fetchall() == [(None,)]  # fmt: skip
    assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE contact_id IN (?, ?)", (a, b)).fetchone() == (0,)
    assert store.conn.execute("SELECT count(*) FROM touch_points WHERE contact_id != ?", (c,)).fetchone() == (0,)
    # AND Insights' hourly figures and the search index lost exactly their touch points
    only_cy = store.conn.execute("SELECT * FROM touch_point_hours ORDER BY 1, 2, 3").fetchall()
    assert [r[3] for r in only_cy] == [1] and fts_ok()
    # AND Undo puts every row back as it was, with its id (Cy's follow-up keeps its NULL, as before)
    bulk.undo(store, done)
    after = _dump(store.conn)
    assert store.conn.execute(
        "SELECT count(*) FROM follow_ups WHERE resolved_by_touch_point_id IS NOT NULL"
    ).fetchone() == (0,)
    before["follow_ups"] = [r for r in before["follow_ups"] if r[1] != c]  # Cy's: its NULL stays, as above
    after["follow_ups"] = [r for r in after["follow_ups"] if r[1] != c]
    assert after == before and fts_ok()


def _segments(conn: sqlite3.Connection) -> int:
    """How many segments the search index is made of (each write of FTS5's pending terms makes one)."""
    return int(conn.execute("SELECT count(DISTINCT segid) FROM touch_points_fts_idx").fetchone()[0])


def test_the_search_index_is_written_once_by_the_delete_and_once_by_its_undo(
    store: Store, clock: FixedClock, add_contact: Callable[..., int], fts_ok: Callable[[], bool]
) -> None:
    # GIVEN 30 contacts with two touch points each, and a search index that never merges its segments
    # (so that each write of its pending terms shows as one more)
    people = [add_contact(f"P{i}") for i in range(30)]
    for days_ago in (5, 4):
        for person in people:
            _log(store, clock, person, days_ago)
    for setting, value in (("automerge", 0), ("crisismerge", 1000)):
        store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES (?, ?)", (setting, value))
    before = _segments(store.conn)
    # WHEN all are deleted in one step
    done = bulk.delete(store, list(reversed(people)))
    # THEN their 60 touch points left the index in one write (one for each contact's cascade before: 30)
    assert _segments(store.conn) - before == 1
    # AND Undo puts them back in one write too (one for each touch point before: 60)
    bulk.undo(store, done)
    assert _segments(store.conn) - before == 2
    assert fts_ok() and store.conn.execute("SELECT count(*) FROM touch_points").fetchone() == (60,)
    assert [r.summary for r in store.touch_points.search("Hi")] == ["Hi"] * 60


def test_the_search_index_neither_merges_nor_writes_a_megabyte_at_a_time_meanwhile(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN contacts with touch points, and a watch on FTS5's settings (a row each in touch_points_fts_config)
    people = [add_contact(f"P{i}") for i in range(3)]
    for person in people:
        _log(store, clock, person, days_ago=2)
    store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES ('automerge', 8)")
    settings = store.conn.execute("SELECT * FROM touch_points_fts_config ORDER BY k").fetchall()
    store.conn.execute("CREATE TEMP TABLE set_to (k TEXT, v)")
    store.conn.execute(
        "CREATE TEMP TRIGGER watch_settings AFTER INSERT ON main.touch_points_fts_config BEGIN "
        "INSERT INTO set_to VALUES (new.k, new.v); END"
    )
    # WHEN all are deleted, then put back
    bulk.undo(store, bulk.delete(store, people))
    # THEN each ran with a 128 MiB buffer of pending words and no merging (as the demo's bulk load), set
    # back after: automerge as the user had it, the buffer's default as no row
    meanwhile = [("hashsize", 128 * 1024 * 1024), ("automerge", 0)]
    after = [("hashsize", 1024 * 1024), ("automerge", 8)]
    assert store.conn.execute("SELECT * FROM set_to ORDER BY rowid").fetchall() == (meanwhile + after) * 2
    assert store.conn.execute("SELECT * FROM touch_points_fts_config ORDER BY k").fetchall() == settings


def test_removing_the_demo_writes_the_search_index_once_and_keeps_real_contacts(
    store: Store, clock: FixedClock, add_contact: Callable[..., int], fts_ok: Callable[[], bool]
) -> None:
    from followup import demo, demo_marks

    # GIVEN the demo's contacts, a real contact with a touch point, and a search index that never merges
    demo.generate(store, contacts=30, seed=2)
    real = add_contact("Real Person")
    _log(store, clock, real, days_ago=1)
    for setting, value in (("automerge", 0), ("crisismerge", 1000)):
        store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES (?, ?)", (setting, value))
    before = _segments(store.conn)
    demo_touch_points = store.conn.execute(
        "SELECT count(*) FROM touch_points WHERE contact_id != ?", (real,)
    ).fetchone()
    # WHEN the demo is removed
    removed = demo_marks.remove(store)
    # THEN its touch points left the index in one write (one for each demo contact's cascade before)
    assert _segments(store.conn) - before == 1
    assert removed.contacts == 30 and (removed.touch_points,) == demo_touch_points
    # AND only the real contact is left, with its touch point, searchable
    assert store.conn.execute("SELECT id FROM contacts").fetchall() == [(real,)]
    assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE contact_id != ?", (real,)).fetchone() == (0,)
    assert fts_ok() and [r.contact_id for r in store.touch_points.search("Hi")] == [real]


def _state(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """What a delete of touch points must leave right: every row, the hourly figures, what the search
    index finds for each word, and the schema (indexes and triggers)."""
    state = _dump(conn)
    words = {w for (s,) in conn.execute("SELECT summary FROM touch_points") for w in s.lower().split() if w.isalpha()}
    state["found"] = [
        (w, *conn.execute("SELECT rowid FROM touch_points_fts WHERE touch_points_fts MATCH ? ORDER BY rowid", (w,)))
        for w in sorted(words)
    ]
    state["schema"] = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    return state


def test_deleting_most_touch_points_builds_the_index_and_figures_again_the_same(
    tmp_path, monkeypatch, clock: FixedClock, fts_ok: Callable[[], bool]
) -> None:
    from followup import demo

    # GIVEN the demo's 40 contacts, of which 36 are deleted in one step (most of the touch points)
    # on two copies of the database: row by row, and built again from what is left
    first = Store.open(tmp_path / "a.db", clock)
    demo.generate(first, contacts=40, seed=3)
    ids = [i for (i,) in first.conn.execute("SELECT id FROM contacts ORDER BY id")][4:]
    second = Store.open(tmp_path / "b.db", clock)
    first.conn.backup(second.conn)
    before = _state(second.conn)
    built: list[str] = []
    second.conn.set_trace_callback(built.append)
    monkeypatch.setattr(contacts_stash, "MOST_FROM", 1_000_000)
    bulk.delete(first, ids)
    monkeypatch.setattr(contacts_stash, "MOST_FROM", 1)
    done = bulk.delete(second, ids)
    # THEN the second built the search index again, and both left the same rows, figures, index and schema
    assert sum("VALUES ('rebuild')" in sql for sql in built) == 1
    assert _state(second.conn) == _state(first.conn)
    assert second.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0] > 0  # some were left
    second.conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('integrity-check')")
    # AND Undo puts everything back as it was, adding its touch points to the search index in one statement
    built.clear()
    bulk.undo(second, done)
    assert sum(sql.startswith("INSERT INTO touch_points_fts(rowid, summary, notes) SELECT") for sql in built) == 1
    assert _state(second.conn) == before
    second.conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('integrity-check')")
    first.close()
    second.close()
