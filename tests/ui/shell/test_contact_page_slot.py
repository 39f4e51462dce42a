"""The contact page is not on the first frame: it is built when first needed
(a contact selected, Enter in the search box, a contact opened from
elsewhere) or once the window has painted (ui/shell/contact_page_slot.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from followup.clock import FixedClock
from followup.store import Store
from ui.shell import after_paint, contact_page_slot
from ui.shell.window import MainWindow
from ui.widgets import activity

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def unpainted(qtbot, demo_store: Store, clock: FixedClock, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A window on Contacts where nothing has asked for the page yet (nor will the
    first paint: these tests are about building it on demand)."""
    monkeypatch.setattr(MainWindow, "_build_contact_page", lambda _self: None)
    window = MainWindow(demo_store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    yield window
    window.tasks.wait(10_000)
    window.close()


def test_the_page_is_not_built_until_a_contact_is_selected(qtbot, unpainted: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window just built: the placeholder is shown and no contact is
    window = unpainted
    assert window._contact_page is None
    assert window.right.currentWidget() is window.placeholder
    assert window.shown_contact_id() is None  # asking does not build it
    assert window._contact_page is None
    # WHEN a contact is selected in the list
    window.contacts_panel.select_first()
    # THEN the page is built, shows them, and is wired (its Log button asks for the log dialog)
    page = window._contact_page
    assert page is not None and page.contact is not None
    assert window.right.currentWidget() is page
    assert window.shown_contact_id() == page.contact.id
    assert window.registry.edit_contact.isEnabled()
    assert page.receivers("2log_requested(int)") == 1


def test_enter_in_the_search_box_builds_the_page_and_focuses_the_timeline(qtbot, unpainted: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window shown on Contacts, the page not built yet
    window = unpainted
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window._contact_page is None
    # WHEN the user finds a contact by keyboard only (Ctrl+F, a name, Enter)
    window.registry.find.trigger()
    search = window.contacts_panel.search
    first = window.contacts_model.contact_at(0)
    qtbot.keyClicks(search, first.name)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    # THEN the page is built and shows them, with the timeline focused
    page = window._contact_page
    assert page is not None and page.contact is not None and page.contact.name == first.name
    assert window.right.currentWidget() is page
    qtbot.waitUntil(lambda: page.timeline.hasFocus())


def test_opening_a_contact_from_elsewhere_builds_the_page(unpainted: MainWindow) -> None:
    # GIVEN the page not built WHEN a contact is opened (a link, Today's Open, a reminder)
    window = unpainted
    contact_id = window.contacts_model.contact_at(3).id
    window.open_contact(contact_id)
    # THEN it is built and shows them
    assert window.shown_contact_id() == contact_id


def test_the_page_is_built_once_the_window_has_painted(
    qtbot, demo_store: Store, clock: FixedClock, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window just built: no page yet
    monkeypatch.setattr(after_paint, "LATEST_MS", 600_000)  # only the paint may build it here
    window = MainWindow(demo_store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    assert window._contact_page is None
    # WHEN it is shown and has painted THEN the page is ready before the first click, not shown
    window.show()
    qtbot.waitUntil(lambda: window._contact_page is not None)
    assert window.right.currentWidget() is window.placeholder
    window.tasks.wait(10_000)
    window.close()


def test_the_window_fits_the_page_s_own_room_once_it_is_built(unpainted: MainWindow) -> None:
    # GIVEN the window before the page is built: the room is kept for it
    window = unpainted
    assert window.right.minimumSizeHint() == contact_page_slot.PAGE_ROOM
    assert window.page_room is not None and window.right.currentWidget() is window.placeholder
    # WHEN the page is built
    page = window.contact_page
    # THEN the right side and the widths that stack the window follow the page itself
    assert window.page_room is None
    assert window.right.minimumSizeHint() == page.minimumSizeHint()
    assert window.right_scroll.minimumWidth() == page.minimumSizeHint().width()
    assert window.narrow.page is not None


def test_the_room_kept_is_the_page_s_own_in_the_app_s_appearance(tmp_path: Path) -> None:
    # GIVEN the application as the app starts it (its font and style: ui.app.make_application),
    # in a process of its own so that this session's application is left as it is
    script = (
        "from zoneinfo import ZoneInfo\n"
        "from followup.clock import SystemClock\n"
        "from ui.app import make_application\n"
        "app = make_application()\n"
        "from ui.contacts.page import ContactPage\n"
        "size = ContactPage(SystemClock().now, ZoneInfo('UTC')).minimumSizeHint()\n"
        "print(size.width(), size.height())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "FOLLOWUP_COLOR_SCHEME": "light"}
    # WHEN the page is built there
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    )
    # THEN its minimum size is the room the first frame keeps for it (the first frame is laid out as before)
    width, height = map(int, out.stdout.split())
    assert (width, height) == (contact_page_slot.PAGE_ROOM.width(), contact_page_slot.PAGE_ROOM.height())


@pytest.fixture
def idle(monkeypatch) -> list[float]:  # type: ignore[no-untyped-def]
    """The user's idle time as the slices see it (ui/widgets/activity.py): idle unless a test says otherwise."""
    seconds = [float("inf")]
    monkeypatch.setattr(activity, "idle_for", lambda: seconds[0])
    return seconds


def _step_until(build: contact_page_slot.SlicedBuild, name: str) -> None:
    while not build.done() and (not build.slices or build.slices[-1][0] != name):
        build.step()


def test_the_page_is_built_a_slice_at_a_time_and_left_unseen_and_empty(unpainted: MainWindow, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window whose page is not built, and the user idle
    window = unpainted
    build = contact_page_slot.builder(window)
    # WHEN the builder takes its first slice THEN that slice is not the whole page
    build.step()
    assert len(build.slices) == 1 and window._contact_page is None
    # WHEN it takes the others, one at a time
    while not build.done():
        build.step()
    # THEN there were many, the page is built and wired, still behind the placeholder, showing no one
    names = [name for name, _ in build.slices]
    assert len(names) > 10 and len(set(names)) == len(names)
    page = window._contact_page
    assert page is not None and page.receivers("2log_requested(int)") == 1
    assert names.index("wire it") < names.index("fill it with a specimen, unseen") < names.index("forget the specimen")
    assert window.right.currentWidget() is window.placeholder
    assert page.contact is None and page.timeline_model.rowCount() == 0
    assert window.shown_contact_id() is None
    # AND the next contact shown is shown whole (the specimen left nothing behind)
    first = window.contacts_model.contact_at(0)
    window.contacts_panel.select_first()
    assert window.shown_contact_id() == first.id and page.name_label.text() == first.name


def test_no_slice_is_taken_while_the_user_types_or_clicks(qtbot, unpainted: MainWindow, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the user busy (input a moment ago)
    window = unpainted
    idle[0] = 0.01
    build = contact_page_slot.builder(window)
    # WHEN the window starts building its page after the first paint
    window.after_paint.add(lambda: contact_page_slot.build_in_slices(window))
    window.after_paint.run()
    qtbot.wait(200)
    # THEN nothing of it is done while they are busy
    assert build.slices == [] and window._contact_page is None
    # WHEN they pause THEN it is built, a slice per event-loop turn
    idle[0] = 1.0
    qtbot.waitUntil(build.done, timeout=10_000)
    assert window._contact_page is not None


def test_a_contact_opened_midway_finishes_the_page_at_once_without_the_warm_ups(unpainted: MainWindow, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the page half built
    window = unpainted
    build = contact_page_slot.builder(window)
    _step_until(build, "make its details")
    assert window._contact_page is None
    # WHEN a contact is opened
    first = window.contacts_model.contact_at(0)
    window.contacts_panel.select_first()
    # THEN the rest is built at once, the contact shown, and no warm-up ran (nor will)
    assert build.done()
    assert window.shown_contact_id() == first.id
    assert not any("unseen" in name or name == "forget the specimen" for name, _ in build.slices)


def test_a_contact_opened_while_the_specimen_is_on_the_hidden_page_stays(unpainted: MainWindow, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the page built and warming up: the specimen is on it, unseen
    window = unpainted
    build = contact_page_slot.builder(window)
    _step_until(build, "fill it with a specimen, unseen")
    page = window._contact_page
    assert page is not None and page.contact is not None and page.contact.name == "Specimen Contact"
    assert window.shown_contact_id() is None  # not shown: no one is
    # WHEN the user opens a contact, and the warm-ups left run after it
    first = window.contacts_model.contact_at(0)
    window.contacts_panel.select_first()
    while not build.done():
        build.step()
    # THEN the contact stays on the page, shown
    assert window.right.currentWidget() is page
    assert page.contact is not None and page.contact.id == first.id and page.name_label.text() == first.name
    assert page.timeline_model.rowCount() > 0


def test_the_first_contact_opened_after_the_build_reads_no_setting(unpainted: MainWindow, idle) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the page built a slice at a time, every warm-up run
    window = unpainted
    build = contact_page_slot.builder(window)
    while not build.done():
        build.step()
    statements: list[str] = []
    window.store.conn.set_trace_callback(statements.append)
    # WHEN the first contact is opened
    try:
        window.contacts_panel.select_first()
    finally:
        window.store.conn.set_trace_callback(None)
    # THEN the rhythms of Settings were read while it was built, not by the open
    assert window.shown_contact_id() is not None
    assert statements and not [s for s in statements if "settings" in s.lower()]
