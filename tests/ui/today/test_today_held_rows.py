"""Rows that only come at a section's end out of sight wait for the user to
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
