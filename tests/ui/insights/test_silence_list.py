"""The lists of contacts drifting away: Log and Plan on every row, painted
rather than made of widgets, answering the mouse, the keyboard (Enter, the
context menu) and the tooltip as the buttons did."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolButton, QToolTip

from followup.insights.figures import Silence
from ui.insights.silences import SILENCES_SHOWN, SilenceList


def _silences(n: int) -> list[Silence]:
    return [Silence(100 + i, f"Person {i}", "client", 400 - i, False, 30, 60, "overdue", False) for i in range(n)]


def _list(qtbot, silences: list[Silence], total: int | None = None) -> SilenceList:  # type: ignore[no-untyped-def]
    tree = SilenceList("External")
    qtbot.addWidget(tree)
    tree.resize(600, 400)
    tree.show_silences(silences, total)
    tree.show()
    qtbot.waitExposed(tree)
    return tree


def test_no_widget_is_made_for_a_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the forty longest silences of many
    tree = _list(qtbot, _silences(SILENCES_SHOWN), total=31_000)
    # THEN no row has a widget of its own: the buttons are painted
    assert tree.topLevelItemCount() == SILENCES_SHOWN + 1  # and "and 30,960 more"
    assert all(tree.itemWidget(tree.topLevelItem(row), 3) is None for row in range(SILENCES_SHOWN))
    assert [b for b in tree.findChildren(QToolButton) if b.isVisible()] == []
    # each row has both buttons side by side in its last cell; the "more" row has none
    log, plan = tree.button_rect(0, "log"), tree.button_rect(0, "plan")
    assert log.isValid() and plan.isValid() and log.right() < plan.left()
    assert tree.button_at(log.center()) == (0, "log") and tree.button_at(plan.center()) == (0, "plan")
    more = tree.visualRect(tree.model().index(SILENCES_SHOWN, 3))
    assert tree.button_at(more.center()) is None


def test_a_click_on_log_or_plan_asks_for_that_rows_contact(qtbot) -> None:  # type: ignore[no-untyped-def]
    tree = _list(qtbot, _silences(5))
    # WHEN the user clicks Log on the third row THEN a touch point with that contact is asked for
    with qtbot.waitSignal(tree.log_requested, timeout=1_000) as logged:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.button_rect(2, "log").center())
    assert logged.args == [102]
    # AND Plan on the first row plans one with the first contact
    with qtbot.waitSignal(tree.plan_requested, timeout=1_000) as planned:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.button_rect(0, "plan").center())
    assert planned.args == [100]
    # a button's click is its own, as with a real button: the row is not selected
    assert tree.selectedItems() == []


def test_a_press_released_elsewhere_or_a_click_on_the_name_does_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    tree = _list(qtbot, _silences(3))
    asked: list[int] = []
    tree.log_requested.connect(asked.append)
    tree.plan_requested.connect(asked.append)
    qtbot.mousePress(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.button_rect(0, "log").center())
    assert tree.button_down == (0, "log")
    qtbot.mouseRelease(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.button_rect(1, "log").center())
    name = tree.visualRect(tree.model().index(0, 0)).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=name)
    assert asked == [] and tree.button_down is None


def test_enter_logs_and_the_context_menu_logs_or_plans(qtbot) -> None:  # type: ignore[no-untyped-def]
    tree = _list(qtbot, _silences(3))
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1))
    with qtbot.waitSignal(tree.log_requested, timeout=1_000) as logged:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert logged.args == [101]
    log, plan = tree.row_menu(tree.topLevelItem(2)).actions()
    assert "Person 2" in log.text() and "Person 2" in plan.text()
    with qtbot.waitSignal(tree.plan_requested, timeout=1_000) as planned:
        plan.trigger()
    assert planned.args == [102]
    with qtbot.waitSignal(tree.log_requested, timeout=1_000) as logged:
        log.trigger()
    assert logged.args == [102]


def test_each_button_says_who_it_is_for(qtbot) -> None:  # type: ignore[no-untyped-def]
    tree = _list(qtbot, _silences(3))
    where = tree.button_rect(1, "plan").center()
    event = QHelpEvent(QEvent.Type.ToolTip, where, tree.viewport().mapToGlobal(where))
    QApplication.sendEvent(tree.viewport(), event)
    assert QToolTip.text() == "Plan a touch point with Person 1"
    QToolTip.hideText()
    name = tree.visualRect(tree.model().index(1, 1)).center()
    event = QHelpEvent(QEvent.Type.ToolTip, name, tree.viewport().mapToGlobal(name))
    QApplication.sendEvent(tree.viewport(), event)
    assert QToolTip.text().startswith("Overdue: 399 days")  # the cell's own tip, as before
    QToolTip.hideText()


def test_nobody_drifting_has_no_buttons(qtbot) -> None:  # type: ignore[no-untyped-def]
    tree = _list(qtbot, [])
    assert tree.topLevelItem(0).text(0) == "Nobody is drifting away."
    assert tree.button_at(tree.visualRect(tree.model().index(0, 3)).center()) is None
    assert tree.contact_at(0) is None
