"""A stay-in-touch nudge done or skipped by hand restarts the clock
(followup/engine/cadence_closed.py): it does not come straight back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from followup.clock import FixedClock
from followup.engine import bulk_follow_ups as bulk
from followup.engine import follow_ups as engine
from followup.planning.model import Source, Status
from followup.preferences import Preferences
from followup.store import Store


def _nudges(store: Store) -> list[tuple[int, int, str]]:
    return store.conn.execute(
        "SELECT id, contact_id, status FROM follow_ups WHERE source = 'cadence' ORDER BY id"
    ).fetchall()


def test_skipped_nudges_stay_away_for_a_full_interval(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN two contacts added long ago and never touched: two overdue nudges
    now = clock.now()
    ideal, _ = Preferences.load(store).cadence_for("other")
    clock.set(now - timedelta(days=ideal + 40))
    a, b = add_contact("Ana"), add_contact("Bo")
    clock.set(now)
    engine.sync_cadences(store)
    first = [i for i, _c, _s in _nudges(store)]
    assert len(first) == 2
    # WHEN Ana's is skipped and Bo's marked done, in Today (no touch point logged)
    bulk.skip(store, [first[0]])
    engine.complete(store, first[1])
    # THEN Today does not bring them straight back
    assert [f for f in engine.today(store).all() if f.source == Source.CADENCE] == []
    clock.set(now + timedelta(days=ideal - 2))
    assert engine.sync_cadences(store) == []
    # AND a full interval after, each has one new nudge, due then (not overdue since long ago)
    clock.set(now + timedelta(days=ideal + 1))
    engine.sync_cadences(store)
    new = [f for f in store.follow_ups.due(clock.now()) if f.source == Source.CADENCE]
    assert sorted(f.contact_id for f in new) == [a, b]
    assert all(f.due is not None and f.due >= now + timedelta(days=ideal - 1) for f in new)
    assert [s for _i, _c, s in _nudges(store)] == [Status.SKIPPED.value, Status.DONE.value, "open", "open"]
