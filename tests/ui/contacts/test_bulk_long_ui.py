"""Bulk actions on thousands of contacts (issue 16): on the worker, never on
the GUI thread, with a progress dialog whose Cancel keeps nothing; an error
half-way is one sentence and loses nothing; Undo is a job of its own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from followup.clock import FixedClock
from followup.domain import Kind
from followup.engine import bulk_contacts
from followup.store import Store
from followup.timeutil import to_db
from ui.contacts.bulk import IN_BACKGROUND_FROM
from ui.ops import long_write
from ui.ops.operations import FAILED
from ui.ops.operations import run as run_write
from ui.shell.window import MainWindow

N = 3_000
KINDS = ("friend", "client", "colleague", "other")
assert N >= IN_BACKGROUND_FROM  # the case these tests are about


def _many(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """N contacts of mixed kinds, each with a touch point, all selected in the list."""
    now = clock.now()
    old = to_db(now - timedelta(days=40))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) VALUES (?, ?, ?, 'UTC', ?, ?)",
            [(i, f"Person {i:05}", KINDS[i % 4], old, old) for i in range(1, N + 1)],
        )
        conn.executemany(
            """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes, needs_reply,
                   difficult, created_at, updated_at) VALUES (?, ?, 'UTC', 'email', 'in', 'Hello', '', 0, 0, ?, ?)""",
            [(i, old, old, old) for i in range(1, N + 1)],
        )
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N, timeout=20_000)
    window.contacts_panel.table.selectAll()
    return dict(store.conn.execute("SELECT id, kind FROM contacts").fetchall())


def _kinds(store: Store) -> dict[int, str]:
    return dict(store.conn.execute("SELECT id, kind FROM contacts").fetchall())


def _spy(monkeypatch: pytest.MonkeyPatch, name: str, before: Callable[[], None] | None = None) -> list[str]:
    """``bulk_contacts.<name>`` records the thread it runs on (and runs ``before`` first)."""
    threads: list[str] = []
    real = getattr(bulk_contacts, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        if before is not None:
            before()
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk_contacts, name, spy)
    return threads


def _status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_kind_of_thousands_runs_on_the_worker_and_undo_too(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 3,000 contacts of four kinds, all selected
    before = _many(qtbot, window, store, clock)
    changing = _spy(monkeypatch, "set_kind")
    undoing = _spy(monkeypatch, "undo")
    # WHEN Kind > Client is chosen
    window.contacts_bulk.set_kind(Kind.CLIENT)
    # THEN the write runs off the GUI thread and says what it did when it ends
    qtbot.waitUntil(lambda: _status(window).startswith("Changed"), timeout=20_000)
    gui = threading.current_thread().name
    assert changing and changing[0] != gui
    assert set(_kinds(store).values()) == {"client"}
    assert _status(window) == (
        f"Changed {N - N // 4:,} contacts to Client ({N // 4:,} were so already). Ctrl+Z undoes it."
    )
    # AND one Ctrl+Z puts every kind back, on the worker as well
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: _status(window).startswith("Undid"), timeout=20_000)
    assert undoing and undoing[0] != gui
    assert _kinds(store) == before
    assert _status(window) == f"Undid change {N:,} contacts to Client."


def test_ctrl_z_before_the_progress_shows_undoes_this_change_once_written(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 3,000 contacts of four kinds, all selected, and a change of kind that is slow to start
    before = _many(qtbot, window, store, clock)
    go = threading.Event()
    _spy(monkeypatch, "set_kind", lambda: go.wait(10))
    # WHEN Kind > Client is chosen, and Ctrl+Z pressed while it is still being written
    window.contacts_bulk.set_kind(Kind.CLIENT)
    assert long_write.running()
    assert window.registry.undo.isEnabled()
    window.registry.undo.trigger()
    go.set()
    # THEN once written, that change is the one undone: every kind is as it was
    qtbot.waitUntil(lambda: _status(window).startswith("Undid"), timeout=20_000)
    assert _status(window) == f"Undid change {N:,} contacts to Client."
    assert _kinds(store) == before


def test_cancel_a_delete_keeps_every_contact(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 3,000 selected contacts, and a delete that is slow to start
    before = _many(qtbot, window, store, clock)
    started, go = threading.Event(), threading.Event()

    def slow() -> None:
        started.set()
        go.wait(10)

    _spy(monkeypatch, "delete", slow)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[-1])  # "Delete 3,000 contacts"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    # WHEN the delete is confirmed, its progress dialog shows, and Cancel is clicked
    window.contacts_bulk.delete()
    qtbot.waitUntil(started.is_set)
    dialog = window.findChild(QProgressDialog, "longWriteProgress")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.labelText() == f"Deleting {N:,} contacts…\nCancel stops it and keeps everything as it was."
    assert _status(window) == f"Deleting {N:,} contacts…"
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    go.set()
    # THEN the delete stops half-way through its statements and nothing of it is kept
    qtbot.waitUntil(lambda: "cancelled" in _status(window), timeout=20_000)
    assert _status(window) == "Delete contacts: cancelled, nothing was changed."
    assert _kinds(store) == before
    assert store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0] == N
    assert not long_write.running()
    assert not window.registry.undo.isEnabled()  # nothing to undo


def test_an_error_half_way_is_one_sentence_and_loses_nothing(  # type: ignore[no-untyped-def]
    qtbot, modal, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 3,000 selected contacts, and a disk that fails at the 2,000th row written
    before = _many(qtbot, window, store, clock)
    store.conn.execute(
        """CREATE TRIGGER fail_half_way BEFORE UPDATE OF kind ON contacts WHEN NEW.id = 2000
           BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"""
    )
    said: list[str] = []
    run = modal(lambda box: said.append(box.text()), QMessageBox, 20.0)
    # WHEN Kind > Colleague is chosen
    window.contacts_bulk.set_kind(Kind.COLLEAGUE)
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    run.check()
    # THEN one sentence says so, and every contact keeps its kind
    assert said == ["Something went wrong: disk I/O error"]
    assert _kinds(store) == before
    assert not window.registry.undo.isEnabled()


def test_a_write_from_the_window_meanwhile_is_refused_not_frozen(  # type: ignore[no-untyped-def]
    qtbot, modal, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN a long archive holding the write lock on the worker
    _many(qtbot, window, store, clock)
    holding, go = threading.Event(), threading.Event()
    real = bulk_contacts.set_archived

    def hold(own: Store, ids: Any, archived: bool = True) -> Any:
        with own.transaction():
            result = real(own, ids, archived)
            holding.set()
            go.wait(10)
        return result

    monkeypatch.setattr(bulk_contacts, "set_archived", hold)
    window.contacts_bulk.archive()
    qtbot.waitUntil(holding.is_set)
    # WHEN the window writes on its own connection meanwhile (the reminders window can)
    said: list[str] = []
    run = modal(lambda box: said.append(box.text()), QMessageBox)
    result = run_write(
        window.hub, window, "Rename", lambda: store.conn.execute("UPDATE contacts SET name = 'X' WHERE id = 1"),
        bulk_contacts.BulkResult("edit").changes,
    )  # fmt: skip
    qtbot.waitUntil(lambda: run.done)
    run.check()
    go.set()
    # THEN it is refused in one sentence (no deadlock, no frozen window), and the archive completes
    assert result is FAILED
    assert said == [
        "Followup is still busy with a long change, so this one was not made: try again when it has finished."
    ]
    qtbot.waitUntil(lambda: _status(window).startswith("Archived"), timeout=20_000)
    assert store.conn.execute("SELECT count(*) FROM contacts WHERE archived = 1").fetchone()[0] == N
    assert store.conn.execute("SELECT name FROM contacts WHERE id = 1").fetchone()[0] == "Person 00001"
    # AND the window's connection waits as long as before again
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 60_000


def test_the_progress_dialog_shows_once_the_write_has_run_its_minimum_duration(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN thousands of selected contacts, a tag that is slow to finish, and a dialog due at once
    # (SHOW_AFTER_MS in the app: a busy dialog with no value yet waited Qt's default 4 s instead)
    _many(qtbot, window, store, clock)
    started, go = threading.Event(), threading.Event()

    def slow() -> None:
        started.set()
        go.wait(10)

    _spy(monkeypatch, "add_tag", slow)
    monkeypatch.setattr(long_write, "SHOW_AFTER_MS", 0)
    monkeypatch.setattr("ui.contacts.bulk_dialogs.ChoiceDialog.exec", lambda dialog: 1)
    monkeypatch.setattr("ui.contacts.bulk_dialogs.ChoiceDialog.text", lambda dialog: "vip")
    try:
        # WHEN the tag starts
        window.contacts_bulk.tag()
        qtbot.waitUntil(started.is_set)
        dialog = window.findChild(QProgressDialog, "longWriteProgress")
        assert dialog is not None
        # THEN its progress dialog shows at the next turn of the event loop
        qtbot.wait(1)
        assert dialog.isVisible()
    finally:
        go.set()
    qtbot.waitUntil(lambda: _status(window).startswith("Tagged"), timeout=20_000)
