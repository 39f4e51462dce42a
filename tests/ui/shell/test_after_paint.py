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
    assert opened_on_today.today_built is not None  # at once: its first frame shows it
    assert opened_on_today.new_meetings is not None  # (the replies panel: tests/ui/shell/test_today_first_frame.py)


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


def test_work_held_for_the_first_frame_s_data_waits_for_it_or_gives_up(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject, Signal

    class Data(QObject):
        shown = Signal()

    # GIVEN work for after the first frame, held until the frame's data is shown
    window = QWidget()
    qtbot.addWidget(window)
    data = Data()
    done: list[str] = []
    later = AfterFirstPaint(window)
    later.add(lambda: done.append("built"))
    later.hold(data.shown)
    # WHEN the window has painted THEN the work still waits
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)
    assert done == []
    # WHEN the data is shown THEN it runs, once
    data.shown.emit()
    qtbot.waitUntil(lambda: done == ["built"])
    data.shown.emit()
    qtbot.wait(50)
    assert done == ["built"]
    # AND data that never comes is given up on after HOLD_LONGEST_MS
    monkeypatch.setattr(after_paint, "HOLD_LONGEST_MS", 50)
    other = QWidget()
    qtbot.addWidget(other)
    never = AfterFirstPaint(other)
    never.add(lambda: done.append("anyway"))
    silent = Data()
    never.hold(silent.shown)
    other.show()
    qtbot.waitUntil(lambda: done == ["built", "anyway"])


def test_a_start_on_today_read_on_the_worker_shows_today_before_the_rest(  # type: ignore[no-untyped-def]
    qtbot, demo_store, clock, tmp_path, monkeypatch
) -> None:
    import threading

    from ui.contacts import list_loader
    from ui.shell.window import MainWindow
    from ui.today import controller

    # GIVEN Today and the contacts list both read on the worker, as from 1,000 contacts, Today's read slow
    monkeypatch.setattr(controller, "IN_PLACE_BELOW", 0)
    monkeypatch.setattr(controller, "FIRST_IN_PLACE_BELOW", 0)
    monkeypatch.setattr(list_loader, "IN_PLACE_BELOW", 0)
    answer = threading.Event()
    read_today = controller.read_today

    def slow(*args):  # type: ignore[no-untyped-def]
        answer.wait(10)
        return read_today(*args)

    monkeypatch.setattr(controller, "read_today", slow)
    window = MainWindow(demo_store, clock, tmp_path)  # on Today, as a start without --view
    qtbot.addWidget(window)
    order: list[str] = []
    window.after_paint.add(lambda: order.append("after the first frame"))
    window.today.shown.connect(lambda: order.append("Today shown"))
    count = window.contacts_panel.count_label
    assert count.text().startswith("The first")  # the rest of the list is still to be read
    try:
        # WHEN the window has painted and Today is still being read
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(200)
        # THEN neither the work after the first frame nor the rest of the (hidden) contacts list has begun
        assert order == []
        assert count.text().startswith("The first") and not window.contacts_loader.busy()
        # WHEN Today's list arrives THEN it is shown first, then the rest follows
        answer.set()
        qtbot.waitUntil(lambda: order == ["Today shown", "after the first frame"])
        qtbot.waitUntil(lambda: not count.text().startswith("The first"))
        assert window.today_model.count() > 0
    finally:
        answer.set()
        window.today.wait()
        window.tasks.wait(10_000)
        window.close()
