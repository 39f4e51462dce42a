"""Ctrl+Z pressed while a Today action is still being written (on the worker,
10–50 ms at 100,000 contacts) undoes that action once it has landed, never
the one before it; if the write fails, nothing else is undone."""

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
from ui.ops.worker_write import writing
from ui.today import controller as today_controller


def _overdue(store: Store, clock, title: str) -> int:  # type: ignore[no-untyped-def]
    contact = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    return store.follow_ups.add(
        FollowUp(contact, title, Source.MANUAL, due=clock.now() - timedelta(hours=2), tz="Europe/Lisbon")  # type: ignore[arg-type]
    )


def _today_with(qtbot, window, store: Store, clock, titles: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {title: _overdue(store, clock, title) for title in titles}
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() == len(titles))
    window.today_view.tree.setFocus()
    return ids


def _select(window, title: str) -> None:  # type: ignore[no-untyped-def]
    model, tree = window.today_model, window.today_view.tree
    section = model.section_index(0)
    row = next(r for r in range(model.rowCount(section)) if model.follow_up(model.index(r, 0, section)).title == title)
    tree.setCurrentIndex(model.index(row, 0, section))


def _held_skip(monkeypatch) -> threading.Event:  # type: ignore[no-untyped-def]
    """The worker's next skips wait for the returned event before writing."""
    go = threading.Event()
    real = today_controller.engine.skip

    def held(*args: object) -> None:
        go.wait(10)
        real(*args)

    monkeypatch.setattr(today_controller.engine, "skip", held)
    return go


def test_ctrl_z_while_a_skip_is_written_undoes_that_skip(qtbot, window, store: Store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two overdue follow-ups, the first skipped and written
    ids = _today_with(qtbot, window, store, clock, ["First", "Second"])
    _select(window, "First")
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    written(qtbot)
    assert store.follow_ups.get(ids["First"]).status == Status.SKIPPED
    # AND the second skipped too, its write still on the worker
    go = _held_skip(monkeypatch)
    _select(window, "Second")
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    assert writing()
    # WHEN Ctrl+Z is pressed before that write has landed
    assert window.registry.undo.isEnabled()
    window.registry.undo.trigger()
    go.set()
    written(qtbot)
    qtbot.waitUntil(lambda: store.follow_ups.get(ids["Second"]).status == Status.OPEN)
    # THEN the second skip is the one undone; the first stays skipped
    assert store.follow_ups.get(ids["First"]).status == Status.SKIPPED
    assert window.registry.undo.text() == "&Undo skip “First”"
    assert "Undid skip “Second”" in window.statusBar().currentMessage()


def test_ctrl_z_right_after_the_first_action_is_not_lost(qtbot, window, store: Store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN nothing to undo yet, and a skip still being written
    ids = _today_with(qtbot, window, store, clock, ["Only"])
    go = _held_skip(monkeypatch)
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    # WHEN Ctrl+Z is pressed at once
    assert window.registry.undo.isEnabled()  # offered already: the write is on its way
    window.registry.undo.trigger()
    go.set()
    # THEN once written, the skip is undone and nothing is left to undo
    qtbot.waitUntil(lambda: not writing() and store.follow_ups.get(ids["Only"]).status == Status.OPEN)
    qtbot.waitUntil(lambda: not window.registry.undo.isEnabled())
    assert store.follow_ups.get(ids["Only"]).status == Status.OPEN


def test_ctrl_z_while_a_failing_write_runs_undoes_nothing_else(
    qtbot, modal, window, store: Store, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the first follow-up skipped and written, and the store then refusing to skip
    ids = _today_with(qtbot, window, store, clock, ["First", "Second"])
    _select(window, "First")
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    written(qtbot)
    go = threading.Event()

    def refuse(*_args: object) -> None:
        go.wait(10)
        raise FollowupError("the database is read-only")

    monkeypatch.setattr(today_controller.engine, "skip", refuse)
    run = modal(lambda _box: None, QMessageBox)
    # WHEN the second is skipped and Ctrl+Z pressed before the write fails
    _select(window, "Second")
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    window.registry.undo.trigger()
    go.set()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    written(qtbot)
    # THEN the first skip is not undone behind the user's back, and still on offer
    qtbot.waitUntil(lambda: "Nothing was undone" in window.statusBar().currentMessage())
    assert store.follow_ups.get(ids["First"]).status == Status.SKIPPED
    assert store.follow_ups.get(ids["Second"]).status == Status.OPEN
    assert window.registry.undo.text() == "&Undo skip “First”"
