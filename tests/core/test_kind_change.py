"""A change of kind of many contacts (followup/store/kind_change.py) writes
exactly what the row triggers write, its Undo puts every figure back, and a
cancel keeps nothing (issue 16)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from followup import cancellable as cancellable_module
from followup.cancellable import Cancelled, cancellable
from followup.domain import Kind
from followup.engine import bulk_contacts
from followup.store import Store

KINDS = [k.value for k in Kind]
CHANNELS = ("email", "call", "meeting", "message")
N = 60


def _fill(store: Store) -> None:
    """N contacts of every kind, touch points in shared and lone hours and
    channels (some difficult, scored, referrals), and follow-ups."""
    rng = random.Random(7)
    stamp = "2026-01-01T00:00:00Z"
    with store.transaction() as conn:
        for i in range(1, N + 1):
            conn.execute(
                "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (i, f"Person {i}", KINDS[i % len(KINDS)], stamp, stamp),
            )
            for _ in range(rng.randrange(0, 6)):
                conn.execute(
                    "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, difficult,"
                    " satisfaction, referral, created_at, updated_at) VALUES (?, ?, ?, 'in', 'Hi', ?, ?, ?, ?, ?)",
                    (
                        i,
                        f"2026-02-0{rng.randrange(1, 4)}T{rng.randrange(8, 11):02}:{rng.randrange(60):02}:00Z",
                        rng.choice(CHANNELS),
                        rng.randrange(2),
                        rng.choice([None, 1, 3, 5]),
                        rng.choice([None, "asked", "received"]),
                        stamp,
                        stamp,
                    ),
                )
            conn.execute(
                "INSERT INTO follow_ups (contact_id, source, title, due_utc, wake_utc, status, created_at, updated_at)"
                " VALUES (?, 'manual', 'Call', ?, ?, 'open', ?, ?)",
                (i, stamp, stamp, stamp, stamp),
            )


def _state(store: Store) -> dict[str, list[Any]]:
    q = store.conn.execute
    return {
        "hours": q("SELECT * FROM touch_point_hours ORDER BY hour, kind, channel").fetchall(),
        "kinds": q("SELECT id, kind FROM contacts ORDER BY id").fetchall(),
        "follow_ups": q("SELECT id, contact_kind FROM follow_ups ORDER BY id").fetchall(),
        "paused": q("SELECT * FROM trigger_pauses").fetchall(),
    }


def _row_by_row(store: Store, ids: list[int], kind: str) -> None:
    with store.transaction() as conn:
        for i in ids:
            conn.execute("UPDATE contacts SET kind = ? WHERE id = ?", (kind, i))


@pytest.mark.parametrize("kind", [Kind.CLIENT, Kind.OTHER])
def test_a_bulk_kind_writes_what_the_row_triggers_write(tmp_path, clock, kind: Kind) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two identical databases
    stores = [Store.open(tmp_path / f"{n}.db", clock) for n in ("bulk", "rows")]
    try:
        for s in stores:
            _fill(s)
        ids = random.Random(3).sample(range(1, N + 1), N // 2)
        # WHEN one changes the kinds in bulk and the other one row at a time (the triggers)
        done = bulk_contacts.set_kind(stores[0], ids, kind)
        _row_by_row(stores[1], ids, kind.value)
        # THEN both hold the same figures, kinds and follow-ups' kinds, and nothing stays paused
        assert done.changed and done.unchanged
        assert _state(stores[0]) == _state(stores[1])
        assert _state(stores[0])["paused"] == []
    finally:
        for s in stores:
            s.close()


def test_undo_of_a_bulk_kind_puts_every_figure_back(store: Store) -> None:
    # GIVEN contacts of every kind
    _fill(store)
    before = _state(store)
    # WHEN all change to Client and the change is undone
    done = bulk_contacts.set_kind(store, range(1, N + 1), Kind.CLIENT)
    assert _state(store) != before
    bulk_contacts.undo(store, done)
    # THEN the figures, kinds and follow-ups' kinds are as they were
    assert _state(store) == before


def test_a_cancelled_bulk_kind_keeps_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN contacts of every kind, and SQLite asking whether to stop at every step
    monkeypatch.setattr(cancellable_module, "STEPS", 1)
    _fill(store)
    before = _state(store)
    started: list[bool] = []
    real = bulk_contacts.change_kinds

    def starting(*args: Any) -> list[tuple[int, str]]:
        started.append(True)
        return real(*args)

    monkeypatch.setattr(bulk_contacts, "change_kinds", starting)
    # WHEN the change is cancelled once the kinds are being changed (the triggers paused)
    with pytest.raises(Cancelled), cancellable(store.conn, lambda: bool(started)):
        bulk_contacts.set_kind(store, range(1, N + 1), Kind.CLIENT)
    assert started
    # THEN nothing changed and nothing stays paused
    assert _state(store) == before
