"""Insights: a card opens who is behind it, to act from; the periods are the
CLI's; figures are written alike; no share is drawn from a single reply."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.insights.period import DEFAULT_PERIOD, PERIOD_CHOICES
from followup.preferences import Preferences
from followup.store import Store
from ui.insights.view import PERIODS, InsightsView
from ui.insights.who import WhoDialog
from ui.shell.window import MainWindow

SHOTS = Path(os.environ.get("FOLLOWUP_TEST_SHOTS", "/tmp/followup-shots"))


def _view(qtbot, db_path: Path, clock: FixedClock) -> InsightsView:  # type: ignore[no-untyped-def]
    view = InsightsView(db_path, clock)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.refresh()
    return view


def _who(qtbot, view: InsightsView, key: str) -> WhoDialog:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.who_shown, timeout=10_000) as shown:
        qtbot.mouseClick(view.cards[key], Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert isinstance(dialog, WhoDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_drifting_card_lists_who_and_acts_on_them(
    qtbot, demo_store: Store, db_path: Path, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Insights view over the demo data
    view = _view(qtbot, db_path, clock)
    assert view.insights is not None
    f = view.insights.overall
    # WHEN the user clicks the "Drifting away" card
    dialog = _who(qtbot, view, "health")
    # THEN every contact the figure counts is listed, longest silence first, with a Plan button
    assert dialog.tree.topLevelItemCount() == f.drifting_contacts + f.overdue_contacts > 0
    assert dialog.tree.topLevelItem(0).text(0) == view.insights.silences[0].name
    assert dialog.plan_button is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "insights-who-drifting.png"))
    first = view.insights.silences[0].contact_id
    # WHEN they click Plan, then Log THEN each asks for the selected contact
    with qtbot.waitSignal(view.plan_requested, timeout=2_000) as planned:
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert planned.args == [first]
    with qtbot.waitSignal(view.log_requested, timeout=2_000) as logged:
        qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert logged.args == [first]
    # WHEN they move down one row and press Enter THEN that contact is opened and the list closes
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.open_requested, timeout=2_000) as opened:
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert opened.args == [view.insights.silences[1].contact_id]
    assert not dialog.isVisible()
    view.wait()


def test_the_waiting_and_on_time_cards_list_their_rows(
    qtbot, demo_store: Store, db_path: Path, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Insights view over the demo data, for the last 90 days
    view = _view(qtbot, db_path, clock)
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.set_period("Last 90 days")
    assert view.insights is not None
    f = view.insights.overall
    # WHEN the user opens the waiting card with the keyboard (focus, then Enter)
    view.cards["waiting"].setFocus()
    with qtbot.waitSignal(view.who_shown, timeout=10_000) as shown:
        qtbot.keyClick(view.cards["waiting"], Qt.Key.Key_Return)
    waiting = shown.args[0]
    # THEN one row per message waiting, and no Plan (the view offers none there)
    assert waiting.tree.topLevelItemCount() == max(1, f.replies_waiting)
    assert waiting.plan_button is None
    waiting.close()
    # WHEN they click "Follow-ups on time" THEN the late and still-open ones are listed
    late = _who(qtbot, view, "on_time")
    assert late.tree.topLevelItemCount() == f.followups_done_late + f.followups_overdue > 0
    assert {late.tree.topLevelItem(i).text(3) for i in range(late.tree.topLevelItemCount())} <= {
        "Done late",
        "Still open",
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    late.grab().save(str(SHOTS / "insights-who-late.png"))
    late.close()
    view.wait()


def test_periods_are_the_clis_with_its_default(qtbot, store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the view WHEN it opens THEN its choices are the CLI's named periods and Custom, starting on the same one
    view = _view(qtbot, db_path, clock)
    combo = view.period_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [label for _, label in PERIOD_CHOICES] + ["Custom…"]
    assert combo.currentText() == dict(PERIOD_CHOICES)[DEFAULT_PERIOD]
    assert view.insights is not None and view.insights.period.label == combo.currentText()
    assert PERIODS[-1] == "Custom…"
    # WHEN the user picks a year THEN the figures cover the last 365 days
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.set_period("Last year")
    assert view.summary.text().startswith("Last year:")
    assert view.insights.period.end - view.insights.period.start == timedelta(days=365)
    view.wait()


def test_one_reply_gives_a_count_not_a_share(qtbot, store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a single message that needed a reply, answered two hours later
    prefs = Preferences.load(store)
    ana = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    now = clock.now()
    for hours, direction in ((3, Direction.IN), (1, Direction.OUT)):
        tp = TouchPoint(ana, now - timedelta(hours=hours), Channel.EMAIL, direction, "Pricing", tz="Europe/Lisbon")
        tp.needs_reply = direction == Direction.IN
        log_touch_point(store, tp, prefs)
    # WHEN the Insights view shows the figures
    view = _view(qtbot, db_path, clock)
    assert view.insights is not None and view.insights.overall.replies_answered == 1
    # THEN the promise card says "1 of 1", not "100%", and its tooltip says why; no "9 in 10" from one reply
    promise = view.cards["promise"]
    assert promise.value.text() == "1 of 1"
    assert "Fewer than 5" in promise.toolTip()
    assert view.cards["reply"].note.text() == "1 reply"
    assert "9 in 10" not in view.cards["reply"].note.text()
    assert "from 10 replies up" in view.cards["reply"].toolTip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "insights-one-reply.png"))
    view.wait()


def test_opening_a_contact_from_insights_shows_their_page(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window on Insights
    demo_window.registry.go_insights.trigger()
    view = demo_window.insights_view
    qtbot.waitUntil(lambda: view.insights is not None, timeout=10_000)
    assert view.insights is not None
    # WHEN the user opens the drifting list and presses Enter on the first
    dialog = _who(qtbot, view, "health")
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    # THEN the window shows that contact's page
    assert demo_window.tabs.currentWidget() is demo_window.splitter
    contact = demo_window.contact_page.contact
    assert contact is not None and contact.id == view.insights.silences[0].contact_id
    QApplication.processEvents()


def test_the_cards_go_two_to_a_row_when_narrow(qtbot, store: Store, db_path: Path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Insights view, wide: four cards to a row
    view = _view(qtbot, db_path, clock)
    assert view.card_columns == 4
    # WHEN it is made as narrow as a window tiled on a 1366-pixel laptop
    view.resize(680, 700)
    QApplication.processEvents()
    # THEN two cards to a row, none cut off on the right
    assert view.card_columns == 2
    card = view.cards["on_time"]
    assert card.mapTo(view, card.rect().topRight()).x() < view.width()
    # WHEN wide again THEN four
    view.resize(1280, 800)
    QApplication.processEvents()
    assert view.card_columns == 4
    view.wait()
