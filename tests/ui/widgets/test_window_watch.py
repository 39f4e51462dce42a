"""The user's input noted by each top-level window, and the dialog keys' filter
on the application only while a dialog is shown (ui/widgets/window_watch.py)."""

from __future__ import annotations

import math
import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu, QVBoxLayout, QWidget

from ui.shell.window import MainWindow
from ui.widgets import activity, window_watch
from ui.widgets.dialog_keys import DialogKeys

FOCUS_WAIT_S = 10.0  # a dialog not given the focus by then is closed, and its test fails


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


def _the_watch(qtbot) -> window_watch.WindowWatch:  # type: ignore[no-untyped-def]
    """The window's watch, once the window has painted and with no dialog shown."""
    qtbot.waitUntil(lambda: window_watch._installed is not None and not window_watch._installed.keys_on)
    watch = window_watch._installed
    assert watch is not None
    return watch


def _close_the_dialog_when_shown(watch: window_watch.WindowWatch, filtering: list[bool]) -> None:
    """Once a modal dialog runs: note whether the keys' filter is on, and close it."""

    deadline = time.monotonic() + FOCUS_WAIT_S

    def look_then_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isActiveWindow():
            if time.monotonic() < deadline:
                QTimer.singleShot(5, look_then_close)  # (keys reach a dialog once it has the focus)
            elif isinstance(dialog, QDialog):
                filtering.append("never had the focus")  # type: ignore[arg-type]
                dialog.reject()
            return
        filtering.append(watch.keys_on)
        dialog.reject()

    QTimer.singleShot(0, look_then_close)


def test_the_keys_are_on_the_application_only_while_a_dialog_is_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted: its watch installed, no dialog shown
    watch = _the_watch(qtbot)
    filtering: list[bool] = []
    # WHEN a modal dialog opens, and is closed
    _close_the_dialog_when_shown(watch, filtering)
    QDialog(window).exec()
    # THEN the keys were on while it had the focus, and are off as soon as it has gone
    # (before its widgets are destroyed: each event on the way a Python call, issue 16)
    assert filtering == [True]
    assert not watch.keys_on


class _CountingKeys(DialogKeys):
    """The keys' filter, counting the window-blocked events it is given for ``window``'s widgets."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.told: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        blocking = event.type() in (QEvent.Type.WindowBlocked, QEvent.Type.WindowUnblocked)
        if blocking and isinstance(watched, QWidget) and watched.window() is self.window:
            self.told.append(event.type())
        return super().eventFilter(watched, event)


class _Told(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.told: list[QEvent.Type] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowBlocked, QEvent.Type.WindowUnblocked):
            self.told.append(event.type())
        return False


def test_a_dialog_opening_tells_the_window_s_widgets_without_the_keys_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted, with no dialog shown: the keys' filter (counting what it is
    # given) off the application, and a widget deep in the window that notes being blocked
    watch = _the_watch(qtbot)
    keys, watch.keys = watch.keys, _CountingKeys(window)
    counting = watch.keys
    deep = _Told(window.today_view.tree.viewport())
    filtering: list[bool] = []
    try:
        # WHEN a modal dialog opens over it, and is closed
        _close_the_dialog_when_shown(watch, filtering)
        QDialog(window).exec()
        qtbot.waitUntil(lambda: not watch.keys_on)
    finally:
        watch.keys = keys
    # THEN the keys were on while it was shown; the widget was told it was blocked, then
    # unblocked; and none of the window's thousands of widgets was told through the keys' filter
    # (a Python call each: half of a dialog's opening, issue 16)
    assert filtering == [True]
    assert deep.told == [QEvent.Type.WindowBlocked, QEvent.Type.WindowUnblocked]
    assert counting.told == []


def test_a_dialog_over_a_dialog_tells_the_first_one_s_widgets_and_the_keys_stay_on(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted, and a dialog with a field shown over it
    watch = _the_watch(qtbot)
    first = QDialog(window)
    field = QLineEdit(first)
    told = _Told(field)
    seen: list[tuple[str, bool]] = []

    deadline = time.monotonic() + FOCUS_WAIT_S

    def second_then_close() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not first or not first.isActiveWindow():
            if time.monotonic() < deadline:
                QTimer.singleShot(5, second_then_close)
            else:
                seen.append(("first never had the focus", watch.keys_on))
                first.reject()
            return
        seen.append(("first shown", watch.keys_on))

        def look_then_close() -> None:
            box = QApplication.activeModalWidget()
            if box is first or not isinstance(box, QDialog) or not box.isActiveWindow():
                if time.monotonic() < deadline + FOCUS_WAIT_S:
                    QTimer.singleShot(5, look_then_close)
                elif isinstance(box, QDialog) and box is not first:
                    seen.append(("second never had the focus", watch.keys_on))
                    box.reject()
                return
            seen.append(("second shown", watch.keys_on))
            box.reject()

        # WHEN a second modal dialog opens over the first (as Esc's question does), and is closed
        QTimer.singleShot(0, look_then_close)
        QDialog(first).exec()
        seen.append(("second gone", watch.keys_on))
        first.reject()

    QTimer.singleShot(0, second_then_close)
    first.exec()
    # THEN the first dialog's field was told it was blocked, then unblocked, and the keys' filter
    # was on all the while (a dialog is still shown); it goes off once the last one has gone
    assert told.told == [QEvent.Type.WindowBlocked, QEvent.Type.WindowUnblocked]
    assert seen == [("first shown", True), ("second shown", True), ("second gone", True)]
    qtbot.waitUntil(lambda: not watch.keys_on)


class _Kinds(DialogKeys):
    """The keys' filter, noting the kind of every event it is given, and those for ``dialog``'s widgets."""

    def __init__(self, dialog: QDialog | None = None) -> None:
        super().__init__()
        self.dialog = dialog
        self.kinds: list[QEvent.Type] = []
        self.dialogs: list[QEvent.Type] = []
        self.keys_to: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.kinds.append(event.type())
        if isinstance(watched, QWidget) and watched.window() is self.dialog is not None:
            self.dialogs.append(event.type())
        if event.type() == QEvent.Type.KeyPress:
            self.keys_to.append(watched)
        return super().eventFilter(watched, event)


def test_a_dialog_s_own_showing_and_going_pass_the_keys_filter_by(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted, no dialog shown, and a dialog of forty fields (the keys'
    # filter noting every event it is given)
    watch = _the_watch(qtbot)
    dialog = QDialog(window)
    keys, watch.keys = watch.keys, _Kinds(dialog)
    seen = watch.keys
    layout = QVBoxLayout(dialog)
    for n in range(40):
        layout.addWidget(QLineEdit(f"field {n}"))
    filtering: list[bool] = []
    focused: list[int] = []  # how many events the filter had been given when the dialog had the focus

    def on_focus(focus: object) -> None:
        if focus is not None and focus is dialog.windowHandle():
            focused.append(len(seen.kinds))

    QApplication.instance().focusWindowChanged.connect(on_focus)
    try:
        # WHEN it opens, has the focus, and is closed, and then destroyed
        _close_the_dialog_when_shown(watch, filtering)
        dialog.exec()
        gone = len(seen.kinds)
        dialog.deleteLater()
        QApplication.processEvents()
    finally:
        watch.keys = keys
        QApplication.instance().focusWindowChanged.disconnect(on_focus)
    # THEN the keys were on while it had the focus, and not before: its showing went by the
    # filter (each event a Python call: 400 of them for the contact dialog, a fifth of its
    # opening, issue 16); nor did its hiding, its widgets' destruction, or anything after
    assert filtering == [True]
    assert focused == [0]
    going = {QEvent.Type.Hide, QEvent.Type.HideToParent, QEvent.Type.ChildRemoved}
    assert [kind for kind in seen.dialogs if kind in going] == []
    assert len(seen.kinds) == gone


def test_a_key_to_a_modal_dialog_before_it_has_the_focus_finds_the_keys_on(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted, and a modal dialog just shown over it: the window is blocked,
    # the dialog not yet given the focus (the window system's word has not come), the keys off
    watch = _the_watch(qtbot)
    keys, watch.keys = watch.keys, _Kinds()
    seen = watch.keys
    dialog = QDialog(window)
    field = QLineEdit(dialog)
    field.setFocus()
    dialog.setModal(True)
    try:
        dialog.show()
        assert not dialog.isActiveWindow() and not watch.keys_on
        # (and they stay off when the watch looks again meanwhile, as any window shown or
        # hidden makes it: a full run once had them on for 415 of the dialog's own events)
        watch.sync()
        assert not watch.keys_on
        # WHEN a key comes to its window (a window manager that gives no focus, a click first)
        QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)
        # THEN the keys' filter was on before the field had it, and the field has it
        assert watch.keys_on
        assert field in seen.keys_to
        assert field.text() == "a"
    finally:
        dialog.reject()
        watch.keys = keys
    assert not watch.keys_on


def test_a_modal_window_destroyed_before_it_had_the_focus_is_forgotten(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a modal window shown over the main window, never given the focus nor any input
    watch = _the_watch(qtbot)
    modal = QWindow()
    modal.setModality(Qt.WindowModality.ApplicationModal)
    modal.show()
    assert watch._opening is modal
    # WHEN Qt destroys it without hiding it first (as a file dialog cancelled at once did
    # with the window it had opened: a new window was the one hidden), and the watch looks
    # again (as the windows it blocked being told it went make it do, inside an event
    # filter, where an error crashes PySide: a full run died so, one in two)
    shiboken6.delete(modal)
    watch.sync()
    # THEN it has let that window go, and the next dialog opens and closes as ever
    assert watch._opening is None
    second = QDialog(window)
    second.setModal(True)
    second.show()
    QTest.keyClick(second.windowHandle(), Qt.Key.Key_A)
    assert watch.keys_on
    second.reject()
    assert not watch.keys_on


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
