"""Insights' hourly touch-point figures (_v_touch_point_hours): filled on
upgrade from every earlier version, kept equal to a recomputation from the
touch points by every write path (log, edit, delete and undo, merge, a
contact's kind changed, a contact deleted and put back, the demo's bulk
load), and the weeks Insights reads from them equal the touch points counted
one by one, in zones on whole, half and quarter hours."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from old_databases import filled_at

from followup import demo
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.engine.merge_contacts import merge_contacts
from followup.engine.replies import delete_touch_point, edit_touch_point, restore_touch_point
from followup.engine.touch_points import log_touch_point
from followup.insights import Period, compute, parse_period
from followup.insights.period import week_starts
from followup.preferences import Preferences
from followup.store import Store, migrations
from followup.store.migration_touch_point_hours import _v_touch_point_hours

MINE = migrations.MIGRATIONS.index(_v_touch_point_hours) + 1
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
STAMP = "2026-01-01T00:00:00Z"

# Written apart from the migration's own SQL: the figures of every touch point, counted again.
RECOUNT = """
    SELECT substr(t.at_utc, 1, 13), c.kind, t.channel, count(*), sum(t.difficult != 0),
           sum(coalesce(t.satisfaction, 0)), count(t.satisfaction),
           sum(t.referral IS 'asked'), sum(t.referral IS 'received')
    FROM touch_points t JOIN contacts c ON c.id = t.contact_id GROUP BY 1, 2, 3"""


def kept(conn: sqlite3.Connection) -> Counter[tuple[object, ...]]:
    return Counter(conn.execute("SELECT * FROM touch_point_hours"))


def recounted(conn: sqlite3.Connection) -> Counter[tuple[object, ...]]:
    return Counter(conn.execute(RECOUNT))


def _fill(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(
        "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (1, 'Ana Lima', 'client', ?, ?)",
        (STAMP, STAMP),
    )
    conn.execute(
        "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (2, 'Bruno Costa', 'colleague', ?, ?)",
        (STAMP, STAMP),
    )
    rows = [
        (1, 1, "2026-11-20T10:00:00Z", "email", 0, None),
        (2, 1, "2026-11-20T10:59:59Z", "email", 1, 4),
        (3, 2, "2026-11-20T10:30:00Z", "phone", 1, None),
        (4, 2, "2026-11-21T23:00:00Z", "in_person", 0, 2),
    ]
    for tp_id, contact, at, channel, difficult, satisfaction in rows:
        conn.execute(
            "INSERT INTO touch_points (id, contact_id, at_utc, channel, direction, summary, difficult, satisfaction, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, 'out', 'Pricing', ?, ?, ?, ?)",
            (tp_id, contact, at, channel, difficult, satisfaction, STAMP, STAMP),
        )
    if version >= 3:  # referrals arrive with version 3
        conn.execute("UPDATE touch_points SET referral = 'asked' WHERE id = 2")


@pytest.mark.parametrize("version", range(1, MINE))
def test_every_earlier_version_is_upgraded_with_its_touch_points_counted(tmp_path: Path, version: int) -> None:
    # GIVEN a database at an earlier version with touch points of two contacts
    path = tmp_path / "followup.db"
    filled_at(path, version, _fill)
    # WHEN this version opens it
    with Store.open(path, FixedClock(NOW)) as store:
        # THEN it is at the latest version, the hourly figures hold every touch point
        assert store.schema_version == migrations.LATEST
        figures = kept(store.conn)
        assert figures == recounted(store.conn)
        assert figures[("2026-11-20T10", "client", "email", 2, 1, 4, 1, int(version >= 3), 0)] == 1
        assert sum(row[3] for row in figures.elements()) == 4
        # and a touch point logged afterwards is counted by the triggers
        tp = TouchPoint(1, datetime(2026, 11, 20, 10, 45, tzinfo=UTC), Channel.EMAIL, Direction.IN, "More")
        store.touch_points.add(tp)
        assert kept(store.conn) == recounted(store.conn)
        # and Insights reads them
        period = Period(datetime(2026, 11, 16, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC), "week")
        assert compute(store, Preferences.load(store), period, NOW).overall.touch_points == 5


def _random_touch_point(rng: random.Random, contact_id: int) -> TouchPoint:
    at = datetime(2026, 9, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(80 * 86400))
    return TouchPoint(
        contact_id,
        at,
        rng.choice(list(Channel)),
        rng.choice(list(Direction)),
        "Talked",
        needs_reply=rng.random() < 0.3,
        difficult=rng.random() < 0.2,
        satisfaction=rng.choice([None, None, 1, 3, 5]),
        referral=rng.choice([None, None, None, "asked", "received"]),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_write_path_keeps_the_figures_equal_to_a_recount(tmp_path: Path, seed: int) -> None:
    # GIVEN a database with demo data loaded in bulk (the triggers suspended, the rows added at the end)
    rng = random.Random(seed)
    clock = FixedClock(NOW)
    with Store.open(tmp_path / "followup.db", clock) as store:
        demo.generate(store, contacts=40, seed=seed)
        assert kept(store.conn) == recounted(store.conn)
        assert sum(r[3] for r in kept(store.conn).elements()) == store.touch_points.count()
        prefs = Preferences.load(store)
        kinds = list(Kind)
        # WHEN random writes go through every path the app has
        for step in range(120):
            ids = [r[0] for r in store.conn.execute("SELECT id FROM contacts")]
            tps = [r[0] for r in store.conn.execute("SELECT id FROM touch_points")]
            action = rng.choice(["log", "log", "edit", "delete", "undo", "kind", "merge", "contact", "add"])
            if action == "log":
                log_touch_point(store, _random_touch_point(rng, rng.choice(ids)), prefs)
            elif action == "edit" and tps:
                old = store.touch_points.get(rng.choice(tps))
                new = _random_touch_point(rng, rng.choice([old.contact_id, rng.choice(ids)]))
                new.id = old.id
                edit_touch_point(store, new)
            elif action in ("delete", "undo") and tps:
                deleted = delete_touch_point(store, rng.choice(tps))
                if action == "undo":
                    restore_touch_point(store, deleted)
            elif action == "kind":
                contact = store.contacts.get(rng.choice(ids))
                contact.kind = rng.choice(kinds)
                store.contacts.update(contact)
            elif action == "merge" and len(ids) > 2:
                keep, other = rng.sample(ids, 2)
                merge_contacts(store, keep, other)
            elif action == "contact" and len(ids) > 2:
                gone = store.contacts.delete(rng.choice(ids))
                if rng.random() < 0.5:
                    store.contacts.restore(gone)  # Undo puts it back with its touch points
            elif action == "add":
                store.contacts.add(Contact(name=f"New {step}", kind=rng.choice(kinds)))
            # THEN after each one the kept figures equal a count from scratch
            assert kept(store.conn) == recounted(store.conn), f"after step {step}: {action}"
        assert not store.conn.execute("SELECT 1 FROM touch_point_hours WHERE n = 0").fetchall()


def _weeks_counted_one_by_one(
    store: Store, start: datetime, end: datetime, starts: list[datetime]
) -> tuple[Counter[tuple[int, str]], Counter[tuple[int, str]]]:
    """(week, channel) and (week, kind) -> touch points, bucketed in Python from every touch point."""
    by_channel: Counter[tuple[int, str]] = Counter()
    by_kind: Counter[tuple[int, str]] = Counter()
    kinds = dict(store.conn.execute("SELECT id, kind FROM contacts"))
    for contact_id, at_text, channel in store.conn.execute("SELECT contact_id, at_utc, channel FROM touch_points"):
        at = datetime.fromisoformat(at_text.replace("Z", "+00:00"))
        if start <= at < end:
            week = sum(1 for s in starts if s <= at)
            by_channel[week, channel] += 1
            by_kind[week, kinds[contact_id]] += 1
    return by_channel, by_kind


@pytest.mark.parametrize("zone", ["Europe/Lisbon", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "UTC"])
@pytest.mark.parametrize("choice", ["30d", "7d", "month", "quarter", "2026-10-03..2026-11-02"])
def test_weeks_read_from_the_hours_equal_the_touch_points_counted_one_by_one(
    tmp_path: Path, zone: str, choice: str
) -> None:
    # GIVEN touch points at random times (seconds included) over four months, in the user's zone
    rng = random.Random(zone + choice)
    now = NOW + timedelta(seconds=rng.randrange(86400))
    with Store.open(tmp_path / "followup.db", FixedClock(now)) as store:
        ids = [store.contacts.add(Contact(name=f"C{i}", kind=rng.choice(list(Kind)))) for i in range(6)]
        for _ in range(600):
            store.touch_points.add(_random_touch_point(rng, rng.choice(ids)))
        store.settings.set("user_tz", zone)
        prefs = Preferences.load(store)
        tz = ZoneInfo(zone)
        period = parse_period(choice, now, tz)
        # WHEN Insights computes the period's weeks
        result = compute(store, prefs, period, now)
        # THEN each week's counts by channel and by kind equal the touch points counted one by one
        starts = [instant for _, instant in week_starts(period, now, tz)][1:]
        by_channel, by_kind = _weeks_counted_one_by_one(store, period.start, period.until(now), starts)
        assert Counter({(i, c): n for i, w in enumerate(result.weeks) for c, n in w.by_channel.items()}) == by_channel
        assert Counter({(i, k): n for i, w in enumerate(result.weeks) for k, n in w.by_kind.items()}) == by_kind
        assert result.overall.touch_points == sum(by_channel.values()) > 0
