"""Bulk follow-up actions and the overdue tidy (followup/engine/bulk_follow_ups.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.engine import bulk_follow_ups as bulk
from followup.engine import follow_ups as engine
from followup.engine.reminders_one_off import add_reminder
from followup.errors import NotFoundError, ValidationError
from followup.planning.model import Source, Status
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db


def _reminders(store: Store, clock: FixedClock, contact_id: int, n: int, days_ago: int = 3) -> list[int]:
    at = clock.now() - timedelta(days=days_ago)
    clock.set(at - timedelta(hours=1))
    try:
        return [add_reminder(store, contact_id, f"Step {i}", at + timedelta(minutes=i)) for i in range(n)]
    finally:
        clock.set(at + timedelta(days=days_ago, hours=0))


def test_done_skip_and_one_undo_each(store: Store, clock: FixedClock, add_contact: Callable[..., int]) -> None:
    now = clock.now()
    a = add_contact("Ana")
    ids = _reminders(store, clock, a, 4)
    clock.set(now)
    done = bulk.complete(store, ids[:2])
    skipped = bulk.skip(store, ids[2:])
    assert [store.follow_ups.get(i).status for i in ids] == [Status.DONE] * 2 + [Status.SKIPPED] * 2
    assert bulk.describe(done) == "Marked 2 follow-ups done."
    bulk.undo(store, skipped)
    bulk.undo(store, done)
    assert {store.follow_ups.get(i).status for i in ids} == {Status.OPEN}
    assert store.follow_ups.get(ids[0]).completed_at is None


def test_snooze_never_brings_forward_and_undo(store: Store, clock: FixedClock, add_contact: Callable[..., int]) -> None:
    now = clock.now()
    a = add_contact("Ana")
    overdue = _reminders(store, clock, a, 2)
    clock.set(now)
    later = add_reminder(store, a, "Next month", now + timedelta(days=30))
    done = bulk.snooze(store, [*overdue, later], now + timedelta(days=7))
    # THEN the overdue ones sleep a week; the one due next month is left as it was
    assert done.changed == overdue and done.left == 1
    assert store.follow_ups.get(overdue[0]).snoozed_until == now + timedelta(days=7)
    assert store.follow_ups.get(later).snoozed_until is None
    assert "1 due later than that, left as they are" in bulk.describe(done)
    bulk.undo(store, done)
    assert store.follow_ups.get(overdue[0]).snoozed_until is None
    with pytest.raises(ValidationError, match="future"):
        bulk.snooze(store, overdue, now - timedelta(hours=1))


def test_reschedule_many(store: Store, clock: FixedClock, add_contact: Callable[..., int]) -> None:
    now = clock.now()
    ids = _reminders(store, clock, add_contact("Ana"), 3)
    clock.set(now)
    when = now + timedelta(days=2)
    done = bulk.reschedule(store, ids, when)
    assert {store.follow_ups.get(i).due for i in ids} == {when}
    bulk.undo(store, done)
    assert {store.follow_ups.get(i).due for i in ids} != {when}


def test_empty_and_gone(store: Store, clock: FixedClock, add_contact: Callable[..., int], db_path: Path) -> None:
    now = clock.now()
    a = add_contact("Ana")
    ids = _reminders(store, clock, a, 3)
    clock.set(now)
    with pytest.raises(ValidationError, match="Select at least one"):
        bulk.skip(store, [])
    # GIVEN another process deletes the contact of one... closes one follow-up meanwhile
    other = Store.open(db_path, clock)
    try:
        engine.skip(other, ids[0])
    finally:
        other.close()
    done = bulk.complete(store, ids)
    assert done.changed == ids[1:] and done.gone == 1
    assert "1 closed or deleted elsewhere meanwhile" in bulk.describe(done)
    with pytest.raises(NotFoundError, match="no longer open"):
        bulk.complete(store, [ids[0]])


def test_tidy_3000_overdue_nudges(store: Store, clock: FixedClock) -> None:
    # GIVEN 3,000 contacts imported long ago and never touched: 3,000 overdue
    # stay-in-touch nudges, 2,000 of them due more than 90 days ago
    now = clock.now()
    ideal, _limit = Preferences.load(store).cadence_for("other")
    rows = []
    for i in range(3000):
        # a nudge falls due a cadence after the contact was added: from 5 to 305 days overdue
        created = to_db(now - timedelta(days=ideal + 5 + i / 10))
        rows.append((f"Person {i}", created, created))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?, ?)", rows
        )
    engine.sync_cadences(store)
    nudges = store.conn.execute(
        "SELECT id, due_utc FROM follow_ups WHERE source = 'cadence' AND status = 'open'"
    ).fetchall()
    assert len(nudges) == 3000
    cutoff = to_db(now - timedelta(days=90))
    old = {i for i, due in nudges if due < cutoff}
    # AND a planned step 200 days overdue (not a nudge) and a nudge already snoozed
    contact = store.conn.execute("SELECT min(id) FROM contacts").fetchone()[0]
    clock.set(now - timedelta(days=201))
    manual = add_reminder(store, contact, "Send the contract", now - timedelta(days=200))
    clock.set(now)
    tidy = bulk.Tidy()  # older than 90 days, nudges only, a week
    assert bulk.count_tidy(store, tidy) == len(old)
    # WHEN the tidy runs
    done, until = bulk.tidy_overdue(store, tidy)
    # THEN exactly the old nudges sleep until a week from now, the rest is untouched
    assert set(done.changed) == old and 0 < len(old) < 3000
    assert until - now >= timedelta(days=6)
    snoozed = {i for (i,) in store.conn.execute("SELECT id FROM follow_ups WHERE snoozed_until_utc IS NOT NULL")}
    assert snoozed == old
    assert store.follow_ups.get(manual).snoozed_until is None
    assert engine.today(store).totals[0] == 3000 - len(old) + 1
    # AND a second tidy finds nothing, and says so
    with pytest.raises(ValidationError, match="Nothing overdue matches"):
        bulk.tidy_overdue(store, tidy)
    # AND one Undo brings every one of them back
    bulk.undo(store, done)
    assert bulk.count_tidy(store, tidy) == len(old)
    # AND every overdue kind, not nudges only, includes the planned step
    assert bulk.count_tidy(store, bulk.Tidy(nudges_only=False)) == len(old) + 1
    assert store.follow_ups.get(manual).source is Source.MANUAL


def test_tidy_refuses_silly_numbers(store: Store) -> None:
    with pytest.raises(ValidationError, match="Snooze by"):
        bulk.count_tidy(store, bulk.Tidy(snooze_days=0))
