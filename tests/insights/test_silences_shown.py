"""The view's Insights list only each side's longest silences (read from the
index of each kind's silences, insights/health.py): the figures and the
first rows must be exactly those of the whole list, whatever the contacts
are like: never touched, touched on the same day (ties ordered by name),
archived, with an ideal or only a limit of their own, a kind this version
does not know, added or touched after a ``now`` in the past."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.insights import Period, compute
from followup.insights.health import first_of_each_side
from followup.insights.queries import with_all_silences
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
NAMES = ["ana", "Ana", "Bruno", "bruno", "Carla", "Ádám", "zoe", "Eva", "dora", "Émile"]


def _world(store: Store, rng: random.Random, *, odd_kind: bool) -> None:
    kinds = list(Kind)
    with store.transaction():
        for _ in range(300):
            own = rng.random()
            ideal = rng.choice([3, 20, 400]) if own < 0.08 else None
            # only a limit: the app sets both or neither, an older database may not
            limit = rng.choice([5, 30, 60]) if 0.05 < own < 0.15 else None
            if ideal and limit:
                limit = max(limit, ideal)
            cid = store.contacts.add(Contact(f"{rng.choice(NAMES)} {rng.randrange(5)}", kind=rng.choice(kinds)))
            store.conn.execute(
                "UPDATE contacts SET cadence_ideal_days = ?, cadence_limit_days = ? WHERE id = ?", (ideal, limit, cid)
            )
            # few distinct days, so that many contacts tie on their days of silence
            added = NOW - timedelta(days=rng.choice([5, 50, 120, 200, 300]), hours=rng.randrange(3))
            touched = NOW - timedelta(days=rng.choice([1, 10, 40, 95, 181]), minutes=rng.randrange(60))
            store.conn.execute(
                "UPDATE contacts SET created_at = ?, last_touched_at = ?, archived = ? WHERE id = ?",
                (to_db(added), to_db(touched) if rng.random() < 0.7 else None, int(rng.random() < 0.1), cid),
            )
        if odd_kind:
            store.conn.execute("UPDATE contacts SET kind = 'vendor' WHERE id IN (3, 4)")


@pytest.mark.parametrize("odd_kind", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_first_silences_and_the_figures_equal_those_of_the_whole_list(
    tmp_path: Path, seed: int, odd_kind: bool
) -> None:
    # GIVEN 300 contacts of every sort
    rng = random.Random(seed)
    with Store.open(tmp_path / "followup.db", FixedClock(NOW)) as store:
        _world(store, rng, odd_kind=odd_kind)
        prefs = Preferences.load(store)
        # WHEN Insights are computed now and at instants in the past (someone touched or added after them)
        for at in (NOW, NOW - timedelta(days=3), NOW - timedelta(days=100)):
            period = Period(at - timedelta(days=30), at, "30 days")
            whole = compute(store, prefs, period, at)
            assert whole.silences and whole.silences_shown is None
            for shown in (1, 7, 40, 1000):
                first = compute(store, prefs, period, at, silences_shown=shown)
                # THEN the figures are the same, the list is the whole one's first of each side
                assert first.overall == whole.overall and first.by_kind == whole.by_kind
                assert first.silences == first_of_each_side(whole.silences, shown)
                assert first.silence_count(internal=True) == len(whole.internal_silences)
                assert first.silence_count(internal=False) == len(whole.external_silences)
                # and asking for all of them gives the whole list
                assert with_all_silences(store, first).silences == whole.silences


def test_first_of_each_side_keeps_the_order() -> None:
    whole = [("a", True), ("b", False), ("c", True), ("d", True), ("e", False)]

    class S:
        def __init__(self, name: str, internal: bool) -> None:
            self.name, self.internal = name, internal

    silences = [S(n, i) for n, i in whole]
    assert [s.name for s in first_of_each_side(silences, 2)] == ["a", "b", "c", "e"]  # type: ignore[arg-type]
