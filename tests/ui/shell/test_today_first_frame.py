"""A window that opens on Today builds it for its first frame, all but the
panel of replies to invitations when none waits: that panel is hidden then,
and built once the window has painted (ui/shell/today_slot.py, issue 16).
When an answer waits, the first frame shows it as before."""

from __future__ import annotations

from pathlib import Path

from mail_ui_data import add_ana, add_bo, answer, plan_kickoff
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from followup.clock import FixedClock
from followup.store import Store
from ui.mail.invitation_replies import InvitationRepliesPanel
from ui.shell import today_slot
from ui.shell.dialog_warmup import DialogWarmUp
from ui.shell.window import MainWindow
from ui.widgets.idle_steps import IdleSteps


def _replies(window: MainWindow) -> list[InvitationRepliesPanel]:
    return window.today_page.findChildren(InvitationRepliesPanel)


def _an_answer_waits(store: Store) -> None:
    ana, bo = add_ana(store), add_bo(store)
    uid = store.engagements.get(plan_kickoff(store, [ana, bo])).uid
    assert answer(store, "Bo Chen", "bo@harbor.example", uid, "REPLY", "ACCEPTED").replies_read == 1


def _opened(qtbot, store: Store, clock: FixedClock, folder: Path, view: str = "today") -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(store, clock, folder, initial_view=view)
    qtbot.addWidget(window)
    return window


def test_with_no_answer_waiting_the_replies_panel_is_built_after_the_first_paint(
    qtbot, store: Store, clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN contacts, none of whose answers waits
    add_ana(store)
    # WHEN the window opens on Today
    window = _opened(qtbot, store, clock, tmp_path)
    # THEN its first frame has Today's list, read, and the new meetings, but no replies panel yet
    assert window.today_built is not None and window.new_meetings is not None
    assert window.tabs.currentWidget() is window.today_page
    assert not window.today_built.controller.stale and not window.today_built.controller.busy()
    assert _replies(window) == [] and not today_slot.built(window)
    # WHEN it has painted THEN the panel is built, once, above the list and hidden (nothing waits)
    window.show()
    qtbot.waitUntil(lambda: today_slot.built(window))
    [panel] = _replies(window)
    assert panel.isHidden()
    steps = [name for name, _cpu in today_slot.builder(window).slices]
    assert steps.count(today_slot.REPLIES) == 1 and steps[-1] == today_slot.REPLIES


def test_a_part_of_today_asked_for_before_the_paint_brings_the_panel_at_once(
    qtbot, store: Store, clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window opened on Today, its replies panel left to after the paint
    window = _opened(qtbot, store, clock, tmp_path)
    assert _replies(window) == []
    # WHEN something asks for Today's view (a key, the tray's Done) THEN it gets the whole of it
    assert window.today_view is window.today_built.view  # type: ignore[union-attr]
    assert len(_replies(window)) == 1 and today_slot.built(window)
    # AND the panel is not built a second time once the window has painted and the user paused
    window.show()
    qtbot.waitUntil(lambda: window.findChild(DialogWarmUp, "dialogWarmUp") is not None)  # after-paint work ran
    qtbot.wait(int(IdleSteps.IDLE_S * 1000) * 2)  # (a slice left to do would have run by now)
    assert len(_replies(window)) == 1
    assert [name for name, _cpu in today_slot.builder(window).slices].count(today_slot.REPLIES) == 1


def test_with_an_answer_waiting_the_first_frame_shows_it(
    qtbot, store: Store, clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an invitation's answer that came back by mail
    _an_answer_waits(store)
    # WHEN the window opens on Today
    window = _opened(qtbot, store, clock, tmp_path)
    # THEN Today is built whole before its first frame, and the panel shows the answer on it
    assert today_slot.built(window)
    [panel] = _replies(window)
    assert not panel.isHidden() and panel.title.text() == "Replies to invitations (1)"
    assert panel.list.topLevelItem(0).text(0) == "Bo Chen"


class _ShownAsWindows(QObject):
    """Notes each panel shown as a window of its own (a flash on a desktop)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.seen.append(type(watched).__name__)
        return False


def test_today_built_while_the_window_shows_puts_a_waiting_answer_in_it_at_once_never_in_a_window(
    qtbot, store: Store, clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an answer waiting, and the window opened on Contacts and shown (Today not built yet)
    _an_answer_waits(store)
    window = _opened(qtbot, store, clock, tmp_path, "contacts")
    window.show()
    qtbot.waitExposed(window)
    windows = _ShownAsWindows()
    QApplication.instance().installEventFilter(windows)
    try:
        # WHEN Today is asked for before its slices are done (Ctrl+1)
        window.registry.go_today.trigger()
        # THEN the panel is shown in Today's tab at once, with the answer
        [panel] = _replies(window)
        assert panel.isVisible() and panel.window() is window
        assert panel.title.text() == "Replies to invitations (1)"
        # AND no panel was ever shown as a window of its own
        qtbot.wait(20)
    finally:
        QApplication.instance().removeEventFilter(windows)
    assert windows.seen == []
