"""Acting on a Today item writes on the worker (issue 16: at 100,000 contacts
a skip or a snooze took 50–140 ms of the GUI thread): the row goes at once,
the write runs on the one executor, and what it touched is told afterwards.
A follow-up shows in no row of the contacts list: its change leaves the list
alone."""

from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from window_pages import written

from followup.domain import Contact, Kind
from followup.errors import FollowupError
from followup.planning.model import FollowUp, Source, Status
from followup.store import Store
from ui.today import controller as today_controller


def _overdue(store: Store, clock, title: str = "Send the quote") -> int:  # type: ignore[no-untyped-def]
    contact = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    return store.follow_ups.add(
        FollowUp(contact, title, Source.MANUAL, due=clock.now() - timedelta(hours=2), tz="Europe/Lisbon")  # type: ignore[arg-type]
    )


def _show_today(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)
    window.today_view.tree.setFocus()


def test_skip_and_snooze_write_on_the_worker(qtbot, window, store: Store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two overdue follow-ups in Today, and the threads their writes run on noted
    first, second = _overdue(store, clock), _overdue(store, clock, "Call back")
    threads: list[str] = []
    for name in ("skip", "snooze"):
        real = getattr(today_controller.engine, name)
        monkeypatch.setattr(
            today_controller.engine,
            name,
            lambda *args, _real=real: (threads.append(threading.current_thread().name), _real(*args))[1],
        )
    _show_today(qtbot, window)
    # WHEN one is skipped (Delete) and the other snoozed an hour
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    assert window.today_model.count() == 1  # gone at once
    next(a for a in window.today_view.snooze_menu.actions() if a.text() == "1 hour").trigger()
    written(qtbot)
    # THEN both were written, neither on the GUI thread
    assert {store.follow_ups.get(first).status, store.follow_ups.get(second).status} == {Status.SKIPPED, Status.OPEN}
    assert store.follow_ups.get(second if store.follow_ups.get(first).status == Status.SKIPPED else first).snoozed_until
    assert len(threads) == 2 and threading.main_thread().name not in threads


def test_a_write_that_fails_says_so_and_the_row_comes_back(
    qtbot, modal, window, store: Store, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an overdue follow-up in Today, and a store that refuses to skip it
    fid = _overdue(store, clock)
    _show_today(qtbot, window)

    def refuse(*_args: object) -> None:
        raise FollowupError("the database is read-only")

    monkeypatch.setattr(today_controller.engine, "skip", refuse)
    said: list[str] = []
    run = modal(lambda box: said.append(box.text()), QMessageBox)
    # WHEN Delete is pressed
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN the error is said once, and Today, read again, lists it as before
    assert said == ["the database is read-only"]
    qtbot.waitUntil(lambda: not window.today.busy() and window.today_model.count() == 1)
    assert store.follow_ups.get(fid).status == Status.OPEN


def test_a_follow_up_acted_on_leaves_the_contacts_list_alone(qtbot, window, store: Store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an overdue follow-up in Today, and the contacts list's row updates noted
    _overdue(store, clock)
    _show_today(qtbot, window)
    upserts: list[int] = []
    real = window.contacts_model.upsert
    monkeypatch.setattr(window.contacts_model, "upsert", lambda row: (upserts.append(row.id), real(row)))
    # WHEN it is skipped
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    written(qtbot)
    # THEN no row of the list was read again (none shows a follow-up)
    assert upserts == []


def test_after_delete_the_next_one_is_selected(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN three overdue follow-ups in Today, the second one selected
    for title in ("First", "Second", "Third"):
        _overdue(store, clock, title)
    _show_today(qtbot, window)
    model, tree = window.today_model, window.today_view.tree
    tree.setCurrentIndex(model.index(1, 0, model.section_index(0)))
    second = window.today_view.current()
    assert second is not None
    # WHEN Delete is pressed
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    # THEN the one after it is current and the only one selected, ready for the next key
    after = window.today_view.current()
    assert after is not None and after.id != second.id
    assert [model.follow_up(i) for i in tree.selectionModel().selectedRows()] == [after]
    assert [fu.title for fu in model.listed()].index(after.title) == 1
    written(qtbot)
    qtbot.waitUntil(lambda: not window.today.busy())
    assert window.today_view.current() == after
