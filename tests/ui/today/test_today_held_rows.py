"""Rows that only come below what Today's list shows wait for the user to
be idle, to scroll or to use the list (issue 16: inserting one lays every row
out again, ~5 ms at 900 rows, in the frame of the action that brought it);
their section's title counts them at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp, Source
from ui.today.model import TodayModel
from ui.today.view import TodayView
from ui.widgets import activity

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def _fu(i: int) -> FollowUp:
    return FollowUp(contact_id=i, title=f"Step {i}", source=Source.MANUAL, due=NOW - timedelta(hours=i), id=i)


def _today(qtbot, height: int) -> tuple[TodayModel, TodayView]:  # type: ignore[no-untyped-def]
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    view = TodayView(model)
    qtbot.addWidget(view)
    model.set_buckets(TodayBuckets([_fu(i) for i in range(1, 41)], [], [], totals=(40, 0, 0)))
    view.resize(800, height)
    view.show()
    qtbot.waitExposed(view)
    view.tree.setCurrentIndex(model.index(0, 0, model.section_index(0)))
    return model, view


def _one_more(model: TodayModel) -> None:
    """Today read again: one more overdue, at the end."""
    activity.note()  # the user has just acted
    model.set_buckets(TodayBuckets([_fu(i) for i in range(1, 42)], [], [], totals=(41, 0, 0)))


def test_a_row_that_comes_out_of_sight_waits_until_the_user_is_idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's 40 overdue follow-ups, the first few in sight
    model, _view = _today(qtbot, 300)
    overdue = model.section_index(0)
    # WHEN one more comes at the end of the section, out of sight
    _one_more(model)
    # THEN its row waits, its section's title counts it at once, and it is there once the user is idle
    assert model.rowCount(overdue) == 40
    assert model.data(overdue) == "Overdue  (41)"
    qtbot.waitUntil(lambda: model.rowCount(overdue) == 41, timeout=3000)
    assert model.follow_up(model.index(40, 0, overdue)).id == 41  # type: ignore[union-attr]


def test_a_row_held_is_there_for_the_next_key(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN one more overdue follow-up that came out of sight, not inserted yet
    model, view = _today(qtbot, 300)
    view.tree.setCurrentIndex(model.index(39, 0, model.section_index(0)))  # the last one, scrolled to
    view.tree.scrollToTop()
    _one_more(model)
    # WHEN the user goes down one row at once
    QTest.keyClick(view.tree, Qt.Key.Key_Down)
    # THEN it is the new one
    assert view.current() is not None and view.current().id == 41  # type: ignore[union-attr]


def test_a_row_that_comes_in_sight_is_there_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's 40 overdue follow-ups, all in sight
    model, _view = _today(qtbot, 1400)
    # WHEN one more comes at the end
    _one_more(model)
    # THEN it is there at once
    assert model.rowCount(model.section_index(0)) == 41


def test_rows_that_come_within_sections_out_of_sight_wait_and_land_in_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's 40 overdue follow-ups and 3 due today, the first few in sight
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    view = TodayView(model)
    qtbot.addWidget(view)
    later = [
        FollowUp(contact_id=i, title=f"Later {i}", source=Source.MANUAL, due=NOW + timedelta(hours=i), id=i)
        for i in (101, 103, 105)
    ]
    overdue = [_fu(i) for i in range(1, 41)]
    model.set_buckets(TodayBuckets(overdue, later, [], totals=(40, 3, 0)))
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    # WHEN one more overdue comes between the 20th and the 21st, and one more due today between the first two
    came = FollowUp(contact_id=102, title="Later 102", source=Source.MANUAL, due=NOW + timedelta(hours=2), id=102)
    activity.note()
    model.set_buckets(
        TodayBuckets([*overdue[:20], _fu(77), *overdue[20:]], [later[0], came, *later[1:]], [], totals=(41, 4, 0))
    )
    # THEN they wait, counted at once, and land in their places once the user is idle
    overdue_index, today_index = model.section_index(0), model.section_index(1)
    assert (model.rowCount(overdue_index), model.rowCount(today_index)) == (40, 3)
    assert model.data(today_index) == "Today  (4)"
    qtbot.waitUntil(lambda: model.rowCount(today_index) == 4, timeout=3000)
    assert [model.follow_up(model.index(r, 0, today_index)).id for r in range(4)] == [101, 102, 103, 105]  # type: ignore[union-attr]
    assert model.follow_up(model.index(20, 0, overdue_index)).id == 77  # type: ignore[union-attr]


def test_a_row_that_goes_out_of_sight_waits_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's 40 overdue follow-ups (the 40 most pressing of 50), the first few in sight
    model, _view = _today(qtbot, 300)
    overdue = model.section_index(0)
    # WHEN one more comes at the 30th place, out of sight, and the 40th is no longer among the most pressing
    activity.note()
    items = [_fu(i) for i in range(1, 40)]
    model.set_buckets(TodayBuckets([*items[:29], _fu(77), *items[29:]], [], [], totals=(50, 0, 0)))
    # THEN nothing moves until the user is idle; then the list is as read
    assert [model.follow_up(model.index(r, 0, overdue)).id for r in range(40)] == list(range(1, 41))  # type: ignore[union-attr]
    assert model.data(overdue) == "Overdue  (50; the 40 most pressing are shown)"
    qtbot.waitUntil(lambda: model.follow_up(model.index(29, 0, overdue)).id == 77, timeout=3000)  # type: ignore[union-attr]
    assert [model.follow_up(model.index(r, 0, overdue)).id for r in range(40)] == [*range(1, 30), 77, *range(30, 40)]  # type: ignore[union-attr]
