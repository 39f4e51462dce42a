"""The user's input noted by each top-level window, and the dialog keys' filter
on the application only while a dialog is shown (ui/widgets/window_watch.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu

from ui.shell.window import MainWindow
from ui.widgets import activity, window_watch


def test_a_window_notes_the_users_input_with_no_dialog_shown(qapp: QApplication) -> None:
    # GIVEN a field in a window of its own, watched (ui/widgets/window_watch.py), and no dialog shown:
    # the dialog keys' filter is off the application, the window's watch notes input
    field = QLineEdit()
    field.show()
    QTest.qWaitForWindowExposed(field)
    watch = window_watch.install(field)
    assert not watch.keys_on
    activity._last[0] = -math.inf
    assert activity.idle_for() == math.inf
    # WHEN a key is typed into its window, as the window system gives it
    QTest.keyClick(field.windowHandle(), Qt.Key.Key_A)
    # THEN it reached the field, and the user was active a moment ago
    assert field.text() == "a"
    assert activity.idle_for() < 1.0
    field.close()


def test_a_click_counts_as_the_user_s_input_and_a_paint_or_layout_does_not(qapp: QApplication) -> None:
    # GIVEN a field in a watched window (the watch lets every event that is not input,
    # or a modal window opening or going, through without a look)
    field = QLineEdit()
    field.show()
    QTest.qWaitForWindowExposed(field)
    window_watch.install(field)
    activity._last[0] = -math.inf
    # WHEN it is resized, laid out and painted THEN the user has done nothing
    field.resize(300, 40)
    field.update()
    QApplication.processEvents()
    assert activity.idle_for() == math.inf
    # WHEN the user clicks it THEN they were active a moment ago
    QTest.mouseClick(field.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert activity.idle_for() < 1.0
    field.close()


def test_the_keys_are_on_the_application_only_while_a_dialog_is_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted: its watch installed, no dialog shown
    qtbot.waitUntil(lambda: window_watch._installed is not None and not window_watch._installed.keys_on)
    watch = window_watch._installed
    assert watch is not None
    filtering: list[bool] = []

    def look_then_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(5, look_then_close)
            return
        filtering.append(watch.keys_on)
        dialog.reject()

    # WHEN a modal dialog opens, and is closed
    QTimer.singleShot(0, look_then_close)
    QDialog(window).exec()
    # THEN the keys were on while it was shown, and are off a turn after it went
    assert filtering == [True]
    qtbot.waitUntil(lambda: not watch.keys_on)


def test_a_menu_open_counts_as_the_user_being_active(qapp: QApplication) -> None:
    # GIVEN a window with a menu, and a user idle for long (a menu's popup is a window that never
    # takes the focus, so no watch sees the mouse move in it)
    field = QLineEdit()
    field.show()
    QTest.qWaitForWindowExposed(field)
    window_watch.install(field)
    menu = QMenu(field)
    menu.addAction("Tag…")
    activity._last[0] = -math.inf
    assert activity.idle_for() == math.inf
    # WHEN the menu is open (the user reading it, hovering its items)
    menu.popup(field.mapToGlobal(QPoint(5, 5)))
    QTest.qWaitForWindowExposed(menu)
    # THEN the user is active: no pause (a full pass of the collector, a build slice) lands under it
    assert activity.idle_for() == 0.0
    # AND once it has closed, they are idle since it did
    menu.close()
    QApplication.processEvents()
    assert 0.0 < activity.idle_for() < 1.0
    field.close()
