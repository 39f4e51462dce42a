"""What the first frame does not show is built once the window has painted
(ui/shell/after_paint.py), or soon after a start in the tray."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.shell import after_paint
from ui.shell.after_paint import AfterFirstPaint


def test_work_waits_for_the_first_paint(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window not shown yet and two pieces of work for after its first frame
    window = QWidget()
    qtbot.addWidget(window)
    done: list[str] = []
    later = AfterFirstPaint(window)
    later.add(lambda: done.append("first"))
    later.add(lambda: done.append("second"))
    assert done == []
    # WHEN it is shown and painted
    window.show()
    qtbot.waitExposed(window)
    # THEN both run, once each, in the order given
    qtbot.waitUntil(lambda: len(done) == 2)
    window.update()
    qtbot.wait(50)
    assert done == ["first", "second"]


def test_a_window_never_shown_gets_its_work_done_anyway(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window that stays hidden (the app started in the tray)
    monkeypatch.setattr(after_paint, "LATEST_MS", 10)
    window = QWidget()
    qtbot.addWidget(window)
    done: list[str] = []
    AfterFirstPaint(window).add(lambda: done.append("built"))
    # THEN the work runs without a paint
    qtbot.waitUntil(lambda: done == ["built"])


def test_the_main_window_builds_today_after_painting_on_contacts(qtbot, store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.mail.invitation_replies import InvitationRepliesPanel
    from ui.shell import today_slot
    from ui.shell.window import MainWindow
    from ui.today.new_meetings import NewMeetingsPanel
    from ui.today.view import TodayView

    # GIVEN the window opening on Contacts: Today (its view, its panels) is not on its first frame
    window = MainWindow(store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    assert window.today_built is None and window.new_meetings is None
    assert window.today_page.findChild(TodayView) is None
    # WHEN it has painted THEN Today is built a slice at a time, in its tab, its panels in it,
    # replies first, as when it opens on Today
    window.show()
    qtbot.waitUntil(lambda: today_slot.built(window))
    steps = [name for name, _cpu in today_slot.builder(window).slices]
    assert steps[: len(today_slot.MODULES)] == list(today_slot.MODULES)
    assert steps[len(today_slot.MODULES) :] == [
        "make the view, its model and controller",
        "the replies to invitations",
        "the new meetings",
    ]
    assert window.today_page.findChild(TodayView) is window.today_view
    banners = [w for w in window.today_view.findChildren(QWidget) if isinstance(w, (InvitationRepliesPanel, NewMeetingsPanel))]  # fmt: skip
    assert [type(w) for w in banners] == [InvitationRepliesPanel, NewMeetingsPanel]
    assert banners[1] is window.new_meetings
    assert window.narrow.today_columns is not None  # narrow, it drops its columns as it did
    opened_on_today = MainWindow(store, clock, tmp_path)
    qtbot.addWidget(opened_on_today)
    assert today_slot.built(opened_on_today)  # at once: its first frame shows it
    assert opened_on_today.today_view.findChild(InvitationRepliesPanel) is not None
    assert opened_on_today.new_meetings is not None


def test_today_asked_for_before_its_slices_are_done_is_built_at_once(qtbot, demo_store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.shell import today_slot
    from ui.shell.window import MainWindow

    # GIVEN the window on Contacts, Today's build started but not finished (two slices done)
    window = MainWindow(demo_store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    today_slot.build_in_slices(window)
    build = today_slot.builder(window)
    build.timer.stop()
    build.hurried = True
    build.step()
    build.step()
    assert window.today_built is None and not build.done()
    # WHEN the user goes to Today (Ctrl+1)
    window.registry.go_today.trigger()
    # THEN it is there at once, whole, and shows what is due
    assert window.tabs.currentWidget() is window.today_page
    assert today_slot.built(window) and build.done()
    assert window.new_meetings is not None
    assert "due today" in window.today_view.summary.text()  # read for the switch
    assert len(build.slices) == len(today_slot.MODULES) + 3  # nothing built twice


def test_a_window_closed_before_it_painted_builds_nothing_after(qtbot, db_path, clock, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from followup.store import Store
    from ui.shell.window import MainWindow

    # GIVEN the window opening on Contacts, closed (quit) before it ever painted, its database then closed
    monkeypatch.setattr(after_paint, "LATEST_MS", 10)
    store = Store.open(db_path, clock)
    window = MainWindow(store, clock, tmp_path, initial_view="contacts")
    qtbot.addWidget(window)
    assert window.close()
    store.close()
    # WHEN the time by which hidden work runs anyway has passed
    qtbot.wait(100)
    # THEN nothing was built over the closed database (pytest-qt fails the test on an error in a slot)
    assert window.new_meetings is None and window.today_built is None
