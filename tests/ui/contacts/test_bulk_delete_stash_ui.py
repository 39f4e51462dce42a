"""The window's long delete (on the worker, behind a
progress dialog with Cancel) and the stash it keeps for Undo beside the data
(followup/store/undo_stash.py): Cancel once the stash is written keeps every
row and leaves no stash; Ctrl+Z puts everything back and removes it; two
deletes undone by two Ctrl+Z come back both, both stashes gone."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from followup.clock import FixedClock
from followup.domain import Contact
from followup.store import Store, contacts_stash, undo_stash
from followup.store.contact_undo import OWNED_TABLES
from followup.timeutil import to_db
from ui.contacts.bulk_write import DELETE_IN_BACKGROUND_FROM
from ui.ops import long_write
from ui.shell.window import MainWindow

N = 301  # two deletes of different sizes: 150, then 151
assert N >= 2 * DELETE_IN_BACKGROUND_FROM  # two halves, each a long delete


def _people(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    """N contacts, each with a tag, a touch point and a follow-up, shown in the list."""
    old = to_db(clock.now() - timedelta(days=40))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) VALUES (?, ?, 'friend', 'UTC', ?, ?)",
            [(i, f"Person {i:05}", old, old) for i in range(1, N + 1)],
        )
        conn.executemany("INSERT INTO contact_tags (contact_id, tag) VALUES (?, 'x')", [(i,) for i in range(1, N + 1)])
        conn.executemany(
            """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes, needs_reply,
                   difficult, created_at, updated_at) VALUES (?, ?, 'UTC', 'email', 'in', 'Lunch', '', 0, 0, ?, ?)""",
            [(i, old, old, old) for i in range(1, N + 1)],
        )
        conn.executemany(
            "INSERT INTO follow_ups (contact_id, source, title, due_utc, wake_utc, created_at, updated_at) "
            "VALUES (?, 'manual', 'Call', ?, ?, ?, ?)",
            [(i, old, old, old, old) for i in range(1, N + 1)],
        )
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N, timeout=20_000)


def _select_rows(window: MainWindow, first: int, last: int) -> None:
    model, table = window.contacts_model, window.contacts_panel.table
    span = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(span, flags)


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    conn = store.conn
    rows = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in ("contacts", *OWNED_TABLES)}
    rows["found"] = conn.execute("SELECT rowid FROM touch_points_fts WHERE touch_points_fts MATCH 'lunch'").fetchall()
    return rows


def _stashes(store: Store) -> list[Path]:
    where = undo_stash.folder(store.path)
    return sorted(where.glob("*.db")) if where.exists() else []


def _status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


@pytest.fixture
def confirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The delete's question answered "Delete N contacts" (its last button)."""
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[-1])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


def _delete_and_wait(qtbot, window: MainWindow, how_many: int) -> None:  # type: ignore[no-untyped-def]
    window.contacts_bulk.delete()
    assert long_write.running()  # on the worker, behind the progress dialog
    qtbot.waitUntil(lambda: _status(window).startswith(f"Deleted {how_many:,} contacts"), timeout=20_000)
    assert not long_write.running()


def _click_cancel(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Cancel clicked in the long write's progress dialog, once it shows. (The
    dialog of a write that has ended may still be there, closed, its deletion
    queued: the shown one is looked for each time, never one found before.)"""
    shown: list[QProgressDialog] = []

    def one_shown() -> bool:
        shown[:] = [d for d in window.findChildren(QProgressDialog, "longWriteProgress") if d.isVisible()]
        return len(shown) == 1

    qtbot.waitUntil(one_shown)
    cancel = shown[0].findChild(QPushButton)
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)


def test_cancel_after_the_stash_is_written_keeps_every_row_and_no_stash(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, confirmed, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts with their rows, all selected, and a delete held just after it has written its stash
    _people(qtbot, window, store, clock)
    before = _dump(store)
    window.contacts_panel.table.selectAll()
    stashed, go = threading.Event(), threading.Event()
    seen: list[list[Path]] = []
    real = contacts_stash.stash

    def held(conn: sqlite3.Connection, *args: Any) -> dict[str, int]:
        counts = real(conn, *args)
        seen.append(_stashes(store))
        stashed.set()
        go.wait(10)
        return counts

    monkeypatch.setattr(contacts_stash, "stash", held)
    # WHEN the delete is confirmed, and Cancel is clicked in its progress dialog while the stash is there
    window.contacts_bulk.delete()
    qtbot.waitUntil(stashed.is_set)
    _click_cancel(qtbot, window)
    go.set()
    # THEN the delete says it was cancelled, every row is as it was, and its stash (written by then) is gone
    qtbot.waitUntil(lambda: "cancelled" in _status(window), timeout=20_000)
    assert _status(window) == "Delete contacts: cancelled, nothing was changed."
    assert len(seen) == 1 and len(seen[0]) == 1
    assert _dump(store) == before
    assert _stashes(store) == []
    assert not window.registry.undo.isEnabled()


def test_ctrl_z_after_a_long_delete_puts_everything_back_and_removes_its_stash(  # type: ignore[no-untyped-def]
    qtbot, confirmed, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts with their rows, all selected
    _people(qtbot, window, store, clock)
    before = _dump(store)
    window.contacts_panel.table.selectAll()
    # WHEN they are deleted (on the worker)
    _delete_and_wait(qtbot, window, N)
    # THEN nothing of theirs is left but the stash beside the data
    assert store.contacts.count() == 0
    assert len(_stashes(store)) == 1
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 0, timeout=20_000)
    # AND Ctrl+Z puts every row back, the search index too, the list shows them, and the stash is gone
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: _status(window).startswith("Undid"), timeout=20_000)
    assert _status(window) == f"Undid delete {N:,} contacts."
    assert _dump(store) == before
    assert _stashes(store) == []
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N, timeout=20_000)
    assert not window.registry.undo.isEnabled()


def test_two_long_deletes_undone_by_two_ctrl_z_come_back_both(  # type: ignore[no-untyped-def]
    qtbot, confirmed, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts with their rows
    _people(qtbot, window, store, clock)
    before = _dump(store)
    half = N // 2
    # WHEN the first half of the list is deleted, then the rest
    _select_rows(window, 0, half - 1)
    _delete_and_wait(qtbot, window, half)
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N - half, timeout=20_000)
    window.contacts_panel.table.selectAll()
    _delete_and_wait(qtbot, window, N - half)
    assert store.contacts.count() == 0 and len(_stashes(store)) == 2
    # AND Ctrl+Z is pressed twice, the second once the first undo has landed
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: _status(window) == f"Undid delete {N - half:,} contacts.", timeout=20_000)
    assert store.contacts.count() == N - half and len(_stashes(store)) == 1
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: _status(window) == f"Undid delete {half:,} contacts.", timeout=20_000)
    # THEN everyone is back as they were, and neither stash is left
    assert _dump(store) == before
    assert _stashes(store) == []
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N, timeout=20_000)


def test_cancel_an_undo_keeps_its_stash_and_ctrl_z_again_puts_everything_back(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, confirmed, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts deleted from the window (on the worker), and an undo held before it puts anything back,
    # whose statements look at Cancel every 100 steps (so that the first one after Cancel stops)
    _people(qtbot, window, store, clock)
    before = _dump(store)
    window.contacts_panel.table.selectAll()
    _delete_and_wait(qtbot, window, N)
    (stash,) = _stashes(store)
    started, go = threading.Event(), threading.Event()
    real = contacts_stash.put_back

    def held(conn: sqlite3.Connection) -> None:
        started.set()
        go.wait(10)
        real(conn)

    monkeypatch.setattr(contacts_stash, "put_back", held)
    monkeypatch.setattr("followup.cancellable.STEPS", 100)
    # WHEN Ctrl+Z is pressed and Cancel clicked in the undo's progress dialog
    window.registry.undo.trigger()
    qtbot.waitUntil(started.is_set)
    _click_cancel(qtbot, window)
    go.set()
    # THEN nothing is put back, the stash is kept, and Undo is offered again
    qtbot.waitUntil(lambda: "cancelled" in _status(window), timeout=20_000)
    assert _status(window) == f"Undo delete {N:,} contacts: cancelled, nothing was changed."
    assert store.contacts.count() == 0
    assert _stashes(store) == [stash]
    assert window.registry.undo.isEnabled()
    # AND Ctrl+Z again puts every row back and removes the stash
    monkeypatch.setattr(contacts_stash, "put_back", real)
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: _status(window).startswith("Undid"), timeout=20_000)
    assert _dump(store) == before
    assert _stashes(store) == []


def test_undo_forgotten_when_the_demo_is_removed_takes_its_stash_with_it(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, confirmed, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN Ana and Bo deleted from the window (a small delete, on the window's connection), and a demo contact
    ids = [store.contacts.add(Contact(name=n)) for n in ("Ana", "Bo", "Zed")]
    with store.transaction() as conn:
        conn.execute("INSERT INTO demo_contacts VALUES (?)", (ids[2],))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 3, timeout=20_000)
    rows = [r for r in range(3) if window.contacts_model.ids_between(r, r)[0] in ids[:2]]
    _select_rows(window, min(rows), max(rows))
    window.contacts_bulk.delete()
    qtbot.waitUntil(lambda: _status(window).startswith("Deleted 2 contacts"), timeout=20_000)
    assert len(_stashes(store)) == 1 and window.registry.undo.isEnabled()
    # WHEN the demo is removed (File > Remove demo data, answered Yes): Undo is forgotten
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    window.io.remove_demo()
    assert not window.registry.undo.isEnabled()
    # THEN what the delete kept for its Undo is removed too, not left on disk until the window closes
    assert _stashes(store) == []
