"""Today's model shown again with the same follow-ups in the same places is
updated in place (issue 16: a reset lays every row out again, ~20 ms at 900
rows); anything else is a reset, and the model stays well-behaved both ways."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from followup.engine import follow_ups as engine
from followup.store import Store
from ui.today.model import WHEN, TodayModel


def _signals(model: TodayModel) -> dict[str, int]:
    seen = {"reset": 0, "changed": 0, "shown": 0}
    model.modelReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    model.dataChanged.connect(lambda *_: seen.__setitem__("changed", seen["changed"] + 1))
    model.shown.connect(lambda: seen.__setitem__("shown", seen["shown"] + 1))
    return seen


def test_the_same_follow_ups_again_are_updated_in_place(qtmodeltester, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's model showing the demo's follow-ups
    model = TodayModel(demo_store.clock.now, ZoneInfo("Europe/Lisbon"))
    buckets = engine.today(demo_store)
    model.set_buckets(buckets)
    assert model.count() > 0
    first = model.index(0, WHEN, model.section_index(0))
    before = model.data(first)
    seen = _signals(model)
    # WHEN the same buckets arrive two days later
    model.set_buckets(engine.today(demo_store), at=demo_store.clock.now() + timedelta(days=2))
    # THEN there was no reset, every row was said to have changed, and its text moved on
    assert seen == {"reset": 0, "changed": 6, "shown": 1}
    assert model.data(first) != before
    qtmodeltester.check(model)


def test_a_follow_up_gone_is_a_reset(qtmodeltester, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's model showing the demo's follow-ups
    model = TodayModel(demo_store.clock.now, ZoneInfo("Europe/Lisbon"))
    model.set_buckets(engine.today(demo_store))
    count = model.count()
    seen = _signals(model)
    # WHEN the first overdue one is done elsewhere and Today is read again
    first = model.follow_up(model.index(0, 0, model.section_index(0)))
    assert first is not None and first.id is not None
    engine.skip(demo_store, first.id)
    model.set_buckets(engine.today(demo_store))
    # THEN the model was reset without it
    assert seen["reset"] == 1 and seen["shown"] == 1
    assert model.count() == count - 1
    assert first.id not in {fu.id for fu in model.listed()}
    qtmodeltester.check(model)
