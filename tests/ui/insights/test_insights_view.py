"""The Insights view, driven as a user would: choose a period, read the cards,
click Log or Plan on a drifting contact, export the figures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from followup.clock import FixedClock
from followup.insights import compute, this_quarter
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone
from ui.insights.view import InsightsView
from ui.insights.widgets import hours_text, percent


def _view(qtbot, db_path: Path, clock: FixedClock) -> InsightsView:  # type: ignore[no-untyped-def]
    view = InsightsView(db_path, clock)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    return view


def test_the_quarter_shows_the_cores_figures(qtbot, demo_store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the demo data and the figures the core computes for this quarter
    prefs = Preferences.load(demo_store)
    expected = compute(demo_store, prefs, this_quarter(clock.now(), zone(prefs.user_tz)), clock.now()).overall
    view = _view(qtbot, db_path, clock)
    # WHEN the user picks This quarter (computed on the worker)
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.set_period("This quarter")
    # THEN the cards show them, and every card explains itself
    assert view.cards["reply"].value.text() == hours_text(expected.reply_time_median_hours)
    assert view.cards["promise"].value.text() == percent(expected.reply_within_promise_share)
    assert view.cards["waiting"].value.text() == str(expected.replies_waiting)
    assert view.cards["on_time"].value.text() == percent(expected.followups_done_on_time_share)
    assert view.cards["health"].value.text() == str(expected.drifting_contacts + expected.overdue_contacts)
    assert all(card.toolTip() for card in view.cards.values())
    assert "this quarter" in view.cards["on_time"].toolTip()
    assert view.summary.text().startswith("This quarter: Thu 1 Oct")
    assert view.kind_table.rowCount() == 6
    assert view.weekly_chart.categories[0] == "28 Sept"
    assert sum(view.weekly_chart.totals()) == expected.touch_points
    assert view.export_button.isEnabled()
    view.wait()


def test_one_click_logs_or_plans_a_drifting_contact(qtbot, demo_store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, db_path, clock)
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.refresh()
    assert view.insights is not None and view.insights.silences
    tree = view.external_tree if view.external_tree.topLevelItemCount() else view.internal_tree
    tree.scrollToTop()
    view.scroll_area.ensureWidgetVisible(tree)
    contact_id = tree.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole)
    # WHEN the user clicks Log, then Plan, on the first row THEN each asks for that contact
    with qtbot.waitSignal(view.log_requested, timeout=2_000) as logged:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.button_rect(0, "log").center())
    assert logged.args == [contact_id]
    with qtbot.waitSignal(view.plan_requested, timeout=2_000) as planned:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.button_rect(0, "plan").center())
    assert planned.args == [contact_id]
    # the longest silence comes first
    days = [s.days for s in view.insights.external_silences]
    assert days == sorted(days, reverse=True)
    view.wait()


def test_export_csv(qtbot, demo_store: Store, db_path: Path, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, db_path, clock)
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.set_period("This month")
    out = tmp_path / "figures.csv"
    view.export_csv(out)  # on the worker: every silence is read there
    assert view.wait()
    qtbot.waitUntil(lambda: "Saved to" in view.summary.text(), timeout=10_000)
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("section,figure,scope,value\n")
    assert "figures,reply_time_median_hours,all," in text
    # every silence, though the view lists only the first of each side
    silent = [line for line in text.splitlines() if line.startswith(("drifting_contacts,", "overdue_contacts,"))]
    figures = view.insights.overall
    assert len(silent) == figures.drifting_contacts + figures.overdue_contacts > 0
    view.wait()


def test_the_newest_period_wins(qtbot, demo_store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two periods chosen one after the other, before the first is computed
    view = _view(qtbot, db_path, clock)
    view.set_period("This quarter")
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.set_period("This week")
    view.wait()
    qtbot.wait(50)
    # THEN the view shows the week, not the quarter that finished first
    assert view.insights is not None and view.insights.period.label == "This week"
    assert view.summary.text().startswith("This week")


def test_an_empty_database(qtbot, store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, db_path, clock)
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.refresh()
    assert view.cards["reply"].value.text() == "—"
    assert view.cards["reply"].note.text() == "No replies"
    assert view.cards["on_time"].note.text() == "None fell due"
    assert view.internal_tree.topLevelItem(0).text(0) == "Nobody is drifting away."
    assert view.weekly_chart.totals() and set(view.weekly_chart.totals()) == {0}  # the default: last 30 days
    view.wait()
