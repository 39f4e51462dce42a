"""How long each answered reply promise waited, and its contact's kind, kept
on the promise (_v_insights_reads): filled on upgrade from every earlier
version, and kept equal to a recount (the promise's closing time minus its
message's time; the contact's kind) by every write path: log, answer by hand
or by a logged touch point, skip, reopen, undo, bulk close and its undo, a
message's time edited, a message deleted and put back, merge, a contact
deleted and put back, a contact's kind changed, the demo's bulk load."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from old_databases import filled_at

from followup import demo
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.engine import bulk_follow_ups
from followup.engine import follow_ups as engine
from followup.engine.merge_contacts import merge_contacts
from followup.engine.replies import delete_touch_point, edit_touch_point, restore_touch_point
from followup.engine.touch_points import log_touch_point
from followup.insights import Period, compute
from followup.preferences import Preferences
from followup.store import Store, migrations
from followup.store.migration_insights_reads import _v_insights_reads

MINE = migrations.MIGRATIONS.index(_v_insights_reads) + 1
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
STAMP = "2026-01-01T00:00:00Z"

# Written apart from the migration's SQL: every reply promise's wait, counted again in Python.
PROMISES = """
    SELECT f.id, f.source, f.status, f.completed_at, o.at_utc, f.reply_wait_seconds
    FROM follow_ups f LEFT JOIN touch_points o ON o.id = f.origin_touch_point_id"""


def _seconds(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


def wrong_waits(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """The promises whose kept wait differs from a recount (none when right)."""
    wrong = []
    for fu_id, source, status, completed, origin_at, kept in conn.execute(PROMISES):
        answered = source == "reply" and status == "done" and completed is not None and origin_at is not None
        expected = _seconds(completed) - _seconds(origin_at) if answered else None
        if kept != expected:
            wrong.append((fu_id, source, status, completed, origin_at, kept, expected))
    return wrong


def wrong_kinds(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """The promises whose kept kind is not their contact's (none when right)."""
    return conn.execute(
        "SELECT f.id, f.contact_kind, c.kind FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
        "WHERE f.contact_kind IS NOT c.kind"
    ).fetchall()


def _fill(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(
        "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (1, 'Ana Lima', 'client', ?, ?)",
        (STAMP, STAMP),
    )
    for tp_id, at, direction in (
        (1, "2026-11-20T10:00:00Z", "in"),
        (2, "2026-11-20T13:30:00Z", "out"),
        (3, "2026-11-21T08:00:00Z", "in"),
    ):
        conn.execute(
            "INSERT INTO touch_points (id, contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
            "VALUES (?, 1, ?, 'email', ?, 'Pricing', ?, ?)",
            (tp_id, at, direction, STAMP, STAMP),
        )
    if version < 3:
        return  # promises arrive with version 3
    for fu_id, source, status, completed, origin in (
        (1, "reply", "done", "2026-11-20T13:30:00Z", 1),  # answered after 3.5 hours
        (2, "reply", "open", None, 3),
        (3, "reply", "skipped", "2026-11-21T09:00:00Z", 2),
        (4, "manual", "done", "2026-11-21T09:00:00Z", None),
    ):
        conn.execute(
            "INSERT INTO follow_ups (id, contact_id, source, title, due_utc, wake_utc, status, completed_at, "
            "origin_touch_point_id, created_at, updated_at) "
            "VALUES (?, 1, ?, 'Reply', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', ?, ?, ?, ?, ?)",
            (fu_id, source, status, completed, origin, STAMP, STAMP),
        )


@pytest.mark.parametrize("version", range(1, MINE))
def test_every_earlier_version_is_upgraded_with_its_reply_waits_kept(tmp_path: Path, version: int) -> None:
    # GIVEN a database at an earlier version with an answered, an open and a skipped reply promise
    path = tmp_path / "followup.db"
    filled_at(path, version, _fill)
    # WHEN this version opens it
    with Store.open(path, FixedClock(NOW)) as store:
        # THEN it is at the latest version and the answered promise keeps its 3.5 hours, each its kind
        assert store.schema_version == migrations.LATEST
        assert wrong_waits(store.conn) == []
        assert wrong_kinds(store.conn) == []
        waits = dict(store.conn.execute("SELECT id, reply_wait_seconds FROM follow_ups"))
        assert waits == ({1: 12600, 2: None, 3: None, 4: None} if version >= 3 else {})
        # and Insights reads it
        period = Period(datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC), "week")
        figures = compute(store, Preferences.load(store), period, NOW).overall
        assert figures.replies_answered == (1 if version >= 3 else 0)
        assert figures.reply_time_median_hours == (3.5 if version >= 3 else None)


def _message(rng: random.Random, contact_id: int, *, inbound: bool | None = None) -> TouchPoint:
    at = NOW - timedelta(seconds=rng.randrange(40 * 86400))
    direction = (Direction.IN if inbound else Direction.OUT) if inbound is not None else rng.choice(list(Direction))
    return TouchPoint(
        contact_id,
        at,
        rng.choice([Channel.EMAIL, Channel.EMAIL, Channel.TEXT, Channel.PHONE]),
        direction,
        "Talked",
        needs_reply=direction == Direction.IN and rng.random() < 0.8,
    )


def _promises(store: Store, status: str | None = None) -> list[int]:
    sql = "SELECT id FROM follow_ups WHERE source = 'reply'" + (" AND status = ?" if status else "")
    return [r[0] for r in store.conn.execute(sql, (status,) if status else ())]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_write_path_keeps_the_reply_waits_equal_to_a_recount(tmp_path: Path, seed: int) -> None:
    # GIVEN a database with demo data loaded in bulk
    rng = random.Random(seed)
    clock = FixedClock(NOW)
    with Store.open(tmp_path / "followup.db", clock) as store:
        demo.generate(store, contacts=40, seed=seed)
        assert wrong_waits(store.conn) == []
        assert wrong_kinds(store.conn) == []
        assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE reply_wait_seconds IS NOT NULL").fetchone()[0]
        prefs = Preferences.load(store)
        undo: list[tuple[str, object]] = []
        actions = [
            "message", "answer", "answer", "done", "done_logged", "skip", "reopen", "undo", "bulk", "bulk_undo",
            "edit", "delete", "delete_undo", "merge", "contact", "kind",
        ]  # fmt: skip
        # WHEN random writes go through every path that opens, closes or moves a reply promise
        for step in range(150):
            ids = [r[0] for r in store.conn.execute("SELECT id FROM contacts")]
            tps = [r[0] for r in store.conn.execute("SELECT id FROM touch_points")]
            open_ones, closed = _promises(store, "open"), [*_promises(store, "done"), *_promises(store, "skipped")]
            clock.set(NOW + timedelta(minutes=step * 7))
            action = rng.choice(actions)
            if action == "message":
                log_touch_point(store, _message(rng, rng.choice(ids), inbound=True), prefs)
            elif action == "answer":  # an outbound touch point answers what the contact is waiting for
                log_touch_point(store, _message(rng, rng.choice(ids), inbound=False), prefs)
            elif action in ("done", "done_logged", "skip") and open_ones:
                fu_id = rng.choice(open_ones)
                before = engine.snapshot(store, fu_id)
                if action == "skip":
                    engine.skip(store, fu_id)
                    logged = None
                else:
                    log = _message(rng, 0, inbound=False) if action == "done_logged" else None
                    logged = engine.complete(store, fu_id, log)
                undo.append(("one", (before, logged)))
            elif action == "reopen" and closed:
                engine.reopen(store, rng.choice(closed))
            elif action == "undo" and undo:
                kind, what = undo.pop()
                if kind == "one":
                    before, logged = what  # type: ignore[misc]
                    engine.restore(store, before, logged_touch_point=logged)
                else:
                    bulk_follow_ups.undo(store, what)  # type: ignore[arg-type]
            elif action == "bulk" and open_ones:
                chosen = rng.sample(open_ones, min(len(open_ones), rng.randint(1, 5)))
                undo.append(("bulk", bulk_follow_ups.complete(store, chosen)))
            elif action == "bulk_undo" and undo and undo[-1][0] == "bulk":
                bulk_follow_ups.undo(store, undo.pop()[1])  # type: ignore[arg-type]
            elif action == "edit" and tps:
                old = store.touch_points.get(rng.choice(tps))
                old.at = old.at + timedelta(minutes=rng.randint(-600, 600))
                edit_touch_point(store, old)
            elif action in ("delete", "delete_undo") and tps:
                deleted = delete_touch_point(store, rng.choice(tps))
                if action == "delete_undo":
                    restore_touch_point(store, deleted)
                undo.clear()  # an undo of an older action may name the deleted touch point
            elif action == "merge" and len(ids) > 2:
                keep, other = rng.sample(ids, 2)
                merge_contacts(store, keep, other)
                undo.clear()
            elif action == "kind":
                contact = store.contacts.get(rng.choice(ids))
                contact.kind = rng.choice(list(Kind))
                store.contacts.update(contact)
            elif action == "contact" and len(ids) > 2:
                gone = store.contacts.delete(rng.choice(ids))
                if rng.random() < 0.5:
                    store.contacts.restore(gone)  # Undo puts it back with its touch points and promises
                undo.clear()
            # THEN after each one every promise's kept wait equals a recount, and its kind its contact's
            assert wrong_waits(store.conn) == [], f"after step {step}: {action}"
            assert wrong_kinds(store.conn) == [], f"after step {step}: {action}"
        kept = store.conn.execute("SELECT count(*) FROM follow_ups WHERE reply_wait_seconds IS NOT NULL").fetchone()
        assert kept[0] > 0


def test_a_contact_of_a_new_kind_changes_nothing_kept(tmp_path: Path) -> None:
    # GIVEN an answered promise
    with Store.open(tmp_path / "followup.db", FixedClock(NOW)) as store:
        prefs = Preferences.load(store)
        ana = store.contacts.add(Contact(name="Ana", kind=Kind.CLIENT))
        log_touch_point(
            store, TouchPoint(ana, NOW - timedelta(hours=5), Channel.EMAIL, Direction.IN, "?", needs_reply=True), prefs
        )
        log_touch_point(store, TouchPoint(ana, NOW - timedelta(hours=1), Channel.EMAIL, Direction.OUT, "!"), prefs)
        assert store.conn.execute("SELECT reply_wait_seconds FROM follow_ups").fetchall() == [(4 * 3600,)]
        # WHEN the contact's kind changes, THEN the wait stays and Insights counts it under the new kind
        contact = store.contacts.get(ana)
        contact.kind = Kind.PARTNER
        store.contacts.update(contact)
        assert wrong_waits(store.conn) == []
        period = Period(NOW - timedelta(days=7), NOW, "week")
        result = compute(store, prefs, period, NOW)
        assert result.by_kind[Kind.PARTNER.value].replies_answered == 1
        assert result.by_kind[Kind.CLIENT.value].replies_answered == 0
