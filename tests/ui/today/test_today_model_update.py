"""Today's model shown again with the same follow-ups in the same places is
updated in place (issue 16: a reset lays every row out again, ~27 ms at 900
rows at 100,000 contacts); otherwise only the rows that came, went or moved
are inserted and removed, so the view keeps what is selected, and the model
stays well-behaved all along."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

from followup.engine import follow_ups as engine
from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp, Source
from followup.store import Store
from ui.today.model import WHEN, TodayModel
from ui.today.view import TodayView
from ui.today.when import when_text

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


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
    # THEN there was no reset, every When was said to have changed, and its text moved on
    assert seen == {"reset": 0, "changed": 6, "shown": 1}
    assert model.data(first) != before
    qtmodeltester.check(model)


def test_a_follow_up_gone_is_only_its_row_removed(qtmodeltester, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's model showing the demo's follow-ups
    model = TodayModel(demo_store.clock.now, ZoneInfo("Europe/Lisbon"))
    model.set_buckets(engine.today(demo_store))
    qtmodeltester.check(model)  # and checked at every change from here on
    count = model.count()
    seen = _signals(model)
    removed: list[tuple[int, int, int]] = []
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((parent.row(), first, last)))
    # WHEN the first overdue one is done elsewhere and Today is read again
    first = model.follow_up(model.index(0, 0, model.section_index(0)))
    assert first is not None and first.id is not None
    engine.skip(demo_store, first.id)
    model.set_buckets(engine.today(demo_store))
    # THEN only its row was removed: no reset
    assert seen["reset"] == 0 and seen["shown"] == 1
    assert removed == [(0, 0, 0)]
    assert model.count() == count - 1
    assert first.id not in {fu.id for fu in model.listed()}
    qtmodeltester.check(model)


def _fu(i: int, hours: int) -> FollowUp:
    return FollowUp(
        contact_id=i, title=f"Step {i}", source=Source.MANUAL, due=NOW + timedelta(hours=hours), tz="UTC", id=i
    )


def test_rows_that_come_go_and_move_leave_the_model_as_read(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's model, checked by Qt's model tester at every change
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    qtmodeltester.check(model)
    pool = [_fu(i, i - 40) for i in range(1, 80)]
    rng = random.Random(16)
    for _ in range(60):
        # WHEN follow-ups come, go and change places between readings
        sections = [rng.sample(pool, rng.randint(0, 25)) for _ in range(3)]
        taken = set()
        for items in sections:  # one follow-up in one place
            items[:] = [fu for fu in items if not (fu.id in taken or taken.add(fu.id))]  # type: ignore[func-returns-value]
        model.set_buckets(TodayBuckets(*sections, totals=(len(sections[0]), len(sections[1]), 99)))  # type: ignore[arg-type]
        # THEN the model lists exactly what was read, section by section
        for s, items in enumerate(sections):
            parent = model.section_index(s)
            assert model.rowCount(parent) == len(items)
            assert [model.follow_up(model.index(r, 0, parent)) for r in range(len(items))] == items
    qtmodeltester.check(model)


def test_a_refresh_keeps_what_is_selected(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today showing ten overdue follow-ups, two of them selected
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    view = TodayView(model)
    qtbot.addWidget(view)
    view.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    items = [_fu(i, -i) for i in range(1, 11)]
    model.set_buckets(TodayBuckets(items, [], [], totals=(10, 0, 0)))
    overdue = model.section_index(0)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.tree.setCurrentIndex(model.index(3, 0, overdue))
    view.tree.selectionModel().select(model.index(5, 0, overdue), flags)
    # WHEN Today is read again, the first one done elsewhere and a new one due
    model.set_buckets(TodayBuckets([*items[1:], _fu(11, -0)], [], [], totals=(10, 0, 0)))
    # THEN the same two are still selected, and the same one is current
    selected = {model.follow_up(i).id for i in view.tree.selectionModel().selectedRows()}  # type: ignore[union-attr]
    assert selected == {4, 6}
    assert view.current() is not None and view.current().id == 4  # type: ignore[union-attr]


def _whens(model: TodayModel, items: list[FollowUp], at: datetime) -> dict[int, str]:
    """Each one's When text as of ``at``, as the worker works them out with the buckets."""
    return {fu.id: when_text(fu, at, ZoneInfo("UTC")) for fu in items}  # type: ignore[misc]


def test_only_the_whens_whose_text_moved_on_are_said_to_have_changed(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today showing ten overdue follow-ups, 1 to 10 hours late, their When texts worked out with them
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    items = [_fu(i, -i) for i in range(1, 11)]
    buckets = TodayBuckets(items, [], [], totals=(10, 0, 0))
    model.set_buckets(buckets, at=NOW, whens=_whens(model, items, NOW))
    changed: list[tuple[int, int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row(), last.column())))
    # WHEN they are read again a minute later (no text moves on), then half an hour later with one due in the meantime
    later = NOW + timedelta(minutes=1)
    model.set_buckets(buckets, at=later, whens=_whens(model, items, later))
    whens_said = [c for c in changed if c[2] == WHEN]
    items2 = [_fu(11, 0), *items]  # due at NOW: "30 minutes late" at NOW + 30 min
    later2 = NOW + timedelta(minutes=30)
    texts = _whens(model, items2, later2)
    model.set_buckets(TodayBuckets(items2, [], [], totals=(11, 0, 0)), at=later2, whens=texts)
    # THEN no When was said to have changed the first time; the second time only the new one's
    assert whens_said == []
    assert [c for c in changed if c[2] == WHEN] == [(0, 0, WHEN)]
    assert model.data(model.index(0, WHEN, model.section_index(0))) == texts[11] == "30 min late"
