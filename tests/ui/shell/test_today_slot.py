"""Today when the window opens on Contacts (ui/shell/today_slot.py): built a
slice at a time after the first paint while the user is idle, whole at once
when it is asked for (Ctrl+1, View > Today, its tab, a menu, the tray's Done),
never twice, paused while the window is hidden, nothing after it has closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from window_pages import Today

from followup.clock import FixedClock
from followup.domain import Contact
from followup.store import Store
from tests.ui.conftest import _make_window
from ui.mail.invitation_replies import InvitationRepliesPanel
from ui.shell import after_paint, today_slot
from ui.shell.window import MainWindow
from ui.today.follow_up_dialogs import DoneDialog
from ui.today.model import PHASE, WHAT, WHEN
from ui.today.new_meetings import NewMeetingsPanel
from ui.today.remind_dialog import RemindDialog
from ui.today.tidy_dialog import TidyDialog
from ui.today.view import TodayView

CTRL = Qt.KeyboardModifier.ControlModifier
MAKE = "make the view, its model and controller"
REPLIES = "the replies to invitations"
ALL_SLICES = [*today_slot.MODULES, MAKE, REPLIES, "the new meetings"]
# Where the slices may have got to when the user asks for Today: none yet, modules only,
# the view made but not its panels, one panel of two.
HALF_WAYS = [None, "ui.today.view", MAKE, REPLIES]


def _open_on_contacts(qtbot, store: Store, clock: FixedClock, tmp_path: Path, *, show: bool = True) -> MainWindow:  # type: ignore[no-untyped-def]
    if show:  # shown, painted and active
        return _make_window(qtbot, store, clock, tmp_path, initial_view="contacts")
    window = MainWindow(store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    return window


def _contact_shown(window: MainWindow, idle: list[float], done_so_far: str | None) -> int:
    """Today's build taken up to ``done_so_far`` (None: not begun), then the first contact shown: its id."""
    if done_so_far is not None:
        _take_slices_until(today_slot.builder(window), done_so_far, idle)
    window.contacts_panel.select_first()
    contact_id = window.shown_contact_id()
    assert contact_id is not None
    return contact_id


@pytest.fixture
def on_contacts(qtbot, demo_store: Store, clock: FixedClock, tmp_path: Path, idle: list[float]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window opened on Contacts over the demo data, painted and active, the user busy
    (``idle``: typing), so Today's slices are due but none is taken until a test says so."""
    window = _open_on_contacts(qtbot, demo_store, clock, tmp_path)
    qtbot.waitUntil(today_slot.builder(window).waiting)  # the first paint started the build
    yield window
    window.tasks.wait(10_000)
    window.close()


def _take_slices_until(build: today_slot.SlicedBuild, name: str, idle: list[float]) -> None:
    """The slices up to ``name`` taken as the user pauses, then the user busy again."""
    idle[0] = 1.0
    try:
        while not build.slices or build.slices[-1][0] != name:
            build.step()
    finally:
        idle[0] = 0.0


class _PaintsOf(QObject):
    """Each paint of the Today tab from now on: whether Today's view was shown in it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.seen: list[bool] = []
        window.today_page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.today_page and event.type() == QEvent.Type.Paint:
            built = self.window.today_built
            self.seen.append(built is not None and built.view.isVisible())
        return False


def _record_starts(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """Each window whose after-paint work asks for Today's slices, from now on."""
    started: list[MainWindow] = []
    build_in_slices = today_slot.build_in_slices

    def recorded(w: MainWindow) -> None:
        started.append(w)
        build_in_slices(w)

    monkeypatch.setattr(today_slot, "build_in_slices", recorded)
    return started


def _slice_names(window: MainWindow) -> list[str]:
    return [name for name, _cpu in today_slot.builder(window).slices]


def _assert_whole_once(window: MainWindow) -> None:
    """One Today in its tab, with one of each panel above its list, each slice taken once."""
    assert today_slot.built(window)
    built = window.today_built
    assert built is not None
    assert window.today_page.findChildren(TodayView) == [built.view]
    assert len(window.findChildren(TodayView)) == 1
    assert len(built.view.findChildren(InvitationRepliesPanel)) == 1
    assert built.view.findChildren(NewMeetingsPanel) == [window.new_meetings]
    assert _slice_names(window) == ALL_SLICES


@pytest.mark.parametrize("done_so_far", HALF_WAYS)
def test_ctrl_1_before_the_slices_are_done_shows_today_whole_read_with_the_focus_in_its_list(  # type: ignore[no-untyped-def]
    qtbot, on_contacts, idle, done_so_far
) -> None:
    # GIVEN the window on Contacts, the focus in its list, Today not built or half built
    window = on_contacts
    build = today_slot.builder(window)
    if done_so_far is not None:
        _take_slices_until(build, done_so_far, idle)
    assert not today_slot.built(window)
    table = window.contacts_panel.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    paints = _PaintsOf(window)
    # WHEN the user presses Ctrl+1
    qtbot.keyClick(table, Qt.Key.Key_1, CTRL)
    # THEN Today shows at once, whole, read, its first follow-up current and its list focused
    assert window.tabs.currentWidget() is window.today_page
    _assert_whole_once(window)
    view = window.today_view
    assert "due today" in view.summary.text()
    assert window.today_model.count() > 0 and view.current() is not None
    qtbot.waitUntil(view.tree.hasFocus)
    # AND the tab is never painted without its view (no empty frame before it)
    qtbot.waitUntil(lambda: bool(paints.seen))
    assert all(paints.seen), paints.seen
    # AND the builder has nothing left to do once the user rests
    assert build.done() and not build.waiting()


def test_view_today_from_the_menu_midway_is_the_same_as_ctrl_1(qtbot, on_contacts, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's view made but not its panels
    window = on_contacts
    _take_slices_until(today_slot.builder(window), MAKE, idle)
    # WHEN View > Today is chosen
    window.registry.go_today.trigger()
    # THEN it is whole and read, and its list has the focus
    assert window.tabs.currentWidget() is window.today_page
    _assert_whole_once(window)
    assert Today(window).titles() and "due today" in window.today_view.summary.text()
    qtbot.waitUntil(window.today_view.tree.hasFocus)


def test_a_click_on_the_today_tab_before_the_slices_are_done_shows_it_read(qtbot, on_contacts, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's modules half imported, nothing of it made
    window = on_contacts
    _take_slices_until(today_slot.builder(window), "ui.today.model", idle)
    assert window.today_built is None
    # WHEN the user clicks the Today tab
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    # THEN Today is whole and lists what is due
    assert window.tabs.currentWidget() is window.today_page
    _assert_whole_once(window)
    assert window.today_model.count() > 0 and "due today" in window.today_view.summary.text()


@pytest.mark.parametrize("done_so_far", [None, MAKE])
def test_done_while_today_is_not_built_opens_nothing_and_raises_nothing(  # type: ignore[no-untyped-def]
    qtbot, modal, on_contacts, idle, done_so_far
) -> None:
    # GIVEN the window on Contacts with a contact shown (Done is enabled), Today never shown
    window = on_contacts
    _contact_shown(window, idle, done_so_far)
    assert window.registry.done.isEnabled()
    run = modal(lambda _dialog: None)  # a dialog would block trigger() until handed over here
    # WHEN Follow-up > Done is chosen
    window.registry.done.trigger()
    # THEN no dialog opened (no follow-up is selected in Today) and the user stays on Contacts
    assert not run.done
    assert window.tabs.currentWidget() is window.splitter
    if done_so_far is None:  # AND nothing of Today was built for it
        assert window.today_built is None and today_slot.builder(window).slices == []
        assert window.findChildren(TodayView) == []
    else:
        assert len(window.findChildren(TodayView)) == 1


def test_tidy_overdue_from_contacts_builds_today_and_opens_its_dialog(qtbot, modal, on_contacts) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window on Contacts, nothing of Today built
    window = on_contacts
    assert window.today_built is None
    seen: list[str] = []
    run = modal(lambda dialog: seen.append(dialog.found.text()), TidyDialog)
    # WHEN Follow-up > Tidy overdue… is chosen
    window.registry.tidy_overdue.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN its dialog opened and counted, Today was built once for it, the user left on Contacts
    assert len(seen) == 1 and seen[0].endswith("match.")
    _assert_whole_once(window)
    assert window.tabs.currentWidget() is window.splitter


@pytest.mark.parametrize("done_so_far", [None, MAKE])
def test_a_reminder_added_before_today_is_built_is_listed_when_the_user_switches(  # type: ignore[no-untyped-def]
    qtbot, modal, on_contacts, idle, done_so_far
) -> None:
    # GIVEN the window on Contacts, a contact's page shown, Today not built (or its view made, never read)
    window = on_contacts
    contact_id = _contact_shown(window, idle, done_so_far)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, RemindDialog)
        dialog.title.setText("Send the signed lease")
        qtbot.keyClicks(dialog.when_field.typed, "fri 14:00")
        dialog.accept()

    # WHEN Remind me… writes a follow-up (told through the hub) before Today is built
    run = modal(fill, RemindDialog)
    window.registry.remind.trigger()
    run.check()
    assert [f.title for f in window.store.follow_ups.for_contact(contact_id)].count("Send the signed lease") == 1
    if done_so_far is None:
        assert window.today_built is None  # a write does not build Today
    # AND the user switches to Today
    window.registry.go_today.trigger()
    # THEN it lists the new follow-up
    assert "Send the signed lease" in Today(window).titles()
    _assert_whole_once(window)


@pytest.mark.parametrize("done_so_far", [None, "ui.today.model", MAKE])
def test_a_window_closed_while_today_s_slices_wait_builds_nothing_after_its_store_closes(  # type: ignore[no-untyped-def]
    qtbot, db_path, clock, tmp_path, idle, done_so_far
) -> None:
    # GIVEN the window on Contacts, painted, Today not built or half built, the user busy
    store = Store.open(db_path, clock)
    store.contacts.add(Contact(name="Ana Lima"))
    window = _open_on_contacts(qtbot, store, clock, tmp_path)
    build = today_slot.builder(window)
    qtbot.waitUntil(build.waiting)
    if done_so_far is not None:
        _take_slices_until(build, done_so_far, idle)
    taken = list(build.slices)
    # WHEN it is closed (quit), its database closed, and the user then rests
    window.tasks.wait(10_000)
    assert window.close()
    store.close()
    idle[0] = 1.0
    # THEN no slice is due any more, and none is taken (pytest-qt fails the test on an error in a slot)
    assert not build.waiting()
    qtbot.wait(150)  # three of the builder's retries
    assert build.slices == taken
    assert window.new_meetings is None


def test_a_window_closed_to_the_tray_pauses_today_s_slices_and_resumes_when_shown(qtbot, on_contacts, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window on Contacts with a tray (closing hides it), Today's modules half imported
    window = on_contacts
    window.reminders = SimpleNamespace(keeps_running=lambda: True, closed_to_tray=lambda: None)
    build = today_slot.builder(window)
    _take_slices_until(build, "ui.today.model", idle)
    taken = list(build.slices)
    # WHEN the user closes it to the tray, then leaves the computer alone
    window.close()
    assert not window.isVisible()
    idle[0] = 1.0
    # THEN the build pauses: no slice is taken for a window nobody sees
    qtbot.waitUntil(lambda: not build.waiting())
    qtbot.wait(100)
    assert build.slices == taken and window.today_built is None
    # WHEN the tray shows the window again THEN the rest is built, each slice once
    window.reminders = None  # (the fixture's close closes it for good)
    window.show()
    qtbot.waitUntil(lambda: today_slot.built(window))
    _assert_whole_once(window)


def test_a_window_started_in_the_tray_builds_today_whole_for_the_tray_s_done(  # type: ignore[no-untyped-def]
    qtbot, modal, demo_store, clock, tmp_path, idle, monkeypatch
) -> None:
    # GIVEN the window started hidden on Contacts (in the tray): its after-paint work has run, the user idle
    monkeypatch.setattr(after_paint, "LATEST_MS", 10)
    started = _record_starts(monkeypatch)
    idle[0] = 1.0
    window = _open_on_contacts(qtbot, demo_store, clock, tmp_path, show=False)
    qtbot.waitUntil(lambda: started == [window])
    build = today_slot.builder(window)
    qtbot.waitUntil(lambda: not build.waiting())
    qtbot.wait(100)
    assert build.slices == [] and window.today_built is None  # paused: nothing built for a hidden window
    (open_id,) = demo_store.conn.execute("SELECT min(id) FROM follow_ups WHERE status = 'open'").fetchone()
    fu = demo_store.follow_ups.get(open_id)
    seen: list[str] = []
    run = modal(lambda dialog: seen.append(dialog.windowTitle()), DoneDialog)
    # WHEN a reminder's Done is clicked in the tray (reminders_hookup: window.today.done)
    window.today.done(fu)
    run.check()
    # THEN Today was built whole at once and its Done dialog opened
    assert seen == ["Mark done"]
    _assert_whole_once(window)
    window.tasks.wait(10_000)
    window.close()


@pytest.mark.parametrize("how", ["idle", "asked"])
def test_a_narrow_window_drops_today_s_columns_once_today_is_built_late(qtbot, on_contacts, idle, how) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window on Contacts made 680 pixels wide before Today is built
    window = on_contacts
    window.resize(680, 720)
    QApplication.processEvents()
    assert window.width() == 680 and window.narrow.today_columns is None
    # WHEN Today is built, in slices while the user rests or at once for Ctrl+1, and then shown
    if how == "idle":
        idle[0] = 1.0
        qtbot.waitUntil(lambda: today_slot.built(window))
    window.registry.go_today.trigger()
    # THEN it drops its least important columns as a Today built at start-up does; "What" and "When" stay
    columns = window.narrow.today_columns
    assert columns is not None
    tree = window.today_view.tree
    qtbot.waitUntil(lambda: tree.isColumnHidden(PHASE))
    assert PHASE in columns.collapsed
    assert not tree.isColumnHidden(WHAT) and not tree.isColumnHidden(WHEN)
    # AND made wide again, they come back
    window.resize(1280, 800)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not tree.isColumnHidden(PHASE))
    assert columns.collapsed == []


def test_today_asked_for_before_the_first_paint_is_not_built_again_after_it(  # type: ignore[no-untyped-def]
    qtbot, demo_store, clock, tmp_path, idle, monkeypatch
) -> None:
    # GIVEN the window on Contacts, not painted yet, Today asked for (Ctrl+1 before the first frame)
    started = _record_starts(monkeypatch)
    window = _open_on_contacts(qtbot, demo_store, clock, tmp_path, show=False)
    window.registry.go_today.trigger()
    _assert_whole_once(window)
    view = window.today_built.view  # type: ignore[union-attr]
    # WHEN it paints (its after-paint work asks for Today's slices) and the user rests
    idle[0] = 1.0
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: started == [window])
    qtbot.wait(100)
    # THEN nothing is built a second time: the same view, one of each panel, each slice once
    assert not today_slot.builder(window).waiting()
    assert window.today_view is view
    _assert_whole_once(window)
    # AND asked for again, in slices or whole, it stays as it is
    today_slot.build_in_slices(window)
    assert window.today is window.today_built.controller  # type: ignore[union-attr]
    _assert_whole_once(window)
    window.tasks.wait(10_000)
    window.close()
