"""The click of a bulk action and each selection change over thousands of
contacts (issue 16): the GUI thread takes the selected rows as they are and
reads no contact's id or archived flag one row at a time, and the action
still hits exactly the contacts selected at the click."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from types import FrameType
from typing import Any

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from followup.clock import FixedClock
from followup.domain import Kind
from followup.engine import bulk_contacts
from followup.store import Store
from followup.timeutil import to_db
from ui.contacts import selected_rows
from ui.contacts.bulk import IN_BACKGROUND_FROM
from ui.contacts.model import NAME, ContactsTableModel
from ui.contacts_io.export_dialog import ContactsExportDialog
from ui.shell.window import MainWindow

N = 2_000
assert N >= IN_BACKGROUND_FROM  # the actions run on the worker


def _contacts(qtbot, window: MainWindow, store: Store, clock: FixedClock, archived=lambda i: False, n=N) -> None:  # type: ignore[no-untyped-def]
    """``n`` contacts "Person 00001".., ``archived(i)`` archived; Show archived on if any is."""
    old = to_db(clock.now() - timedelta(days=40))
    rows = [(i, f"Person {i:05}", int(archived(i)), old, old) for i in range(1, n + 1)]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, archived, tz, created_at, updated_at)"
            " VALUES (?, ?, 'other', ?, 'UTC', ?, ?)",
            rows,
        )
    if any(r[2] for r in rows):
        window.registry.show_archived.setChecked(True)
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == n, timeout=20_000)


@contextmanager
def _calls(*functions: Any) -> Iterator[list[int]]:
    """How many times each of ``functions`` (Python) is called on this thread meanwhile."""
    codes = [f.__code__ for f in functions]
    counts = [0] * len(codes)

    def count(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code in codes:
            counts[codes.index(frame.f_code)] += 1

    sys.setprofile(count)  # Qt calls the model from C++: a profile hook sees every call
    try:
        yield counts
    finally:
        sys.setprofile(None)


def _select(window: MainWindow, *spans: tuple[int, int]) -> None:
    model, table = window.contacts_model, window.contacts_panel.table
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for first, last in spans:
        table.selectionModel().select(QItemSelection(model.index(first, 0), model.index(last, 0)), flags)


def test_the_click_reads_no_id_row_by_row_and_hits_the_contacts_selected_then(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts, rows 10-1509 and 1600-1899 selected
    _contacts(qtbot, window, store, clock)
    model = window.contacts_model
    _select(window, (10, 1509), (1600, 1899))
    selected = [model.contact_at(r).id for r in [*range(10, 1510), *range(1600, 1900)]]
    # AND the write waits, on the worker, until the list has changed under the selection
    go, seen = threading.Event(), []
    real = bulk_contacts.set_kind

    def held(store: Store, ids: Any, kind: Kind) -> Any:
        assert go.wait(10)
        seen.append(list(ids))
        return real(store, ids, kind)

    monkeypatch.setattr(bulk_contacts, "set_kind", held)

    # WHEN the kind of the selection is changed (the click)
    with _calls(ContactsTableModel.ids_between, ContactsTableModel.contact_at) as asked:
        window.contacts_bulk.set_kind(Kind.CLIENT)
    # AND before the worker reads the selection, the list changes in place and is filtered
    model.remove(selected[0])
    window.contacts_panel.search.setText("Person 01")
    go.set()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Changed"), timeout=20_000)

    # THEN the click asked the model for no id, row by row or span by span
    assert asked == [0, 0]
    # AND the write got exactly the contacts selected at the click, in the list's order
    assert seen == [selected]
    clients = {i for (i,) in store.conn.execute("SELECT id FROM contacts WHERE kind = 'client'")}
    assert clients == set(selected)


def test_a_selection_change_over_archived_contacts_reads_no_row_one_by_one(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N archived contacts, Show archived on
    _contacts(qtbot, window, store, clock, archived=lambda i: True)
    table = window.contacts_panel.table
    table.selectRow(0)

    # WHEN every one is selected
    with _calls(ContactsTableModel.contact_at) as asked:
        table.selectAll()

    # THEN the archive action offers to unarchive them, without asking for each row
    assert window.registry.archive_selected.text() == f"Un&archive {N:,} contacts"
    assert asked == [0]


def test_archive_or_unarchive_follows_the_selected_rows_after_a_sort_and_a_filter(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts, every third one archived, Show archived on, sorted Z to A
    _contacts(qtbot, window, store, clock, archived=lambda i: i % 3 == 0)
    model, table = window.contacts_model, window.contacts_panel.table
    table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.contact_at(0).id == N)
    action = window.registry.archive_selected
    archived_rows = [r for r in range(model.rowCount()) if model.contact_at(r).archived]
    assert archived_rows[:3] == [2, 5, 8]  # ids 1998, 1995, 1992

    # WHEN only archived rows are selected, in several spans: THEN it offers to unarchive them
    _select(window, (2, 2), (5, 5), (8, 8))
    assert action.text() == "Un&archive 3 contacts"
    # WHEN a span mixes archived and not: THEN it offers to archive them
    _select(window, (2, 2), (5, 6))
    assert action.text() == "&Archive 3 contacts"
    _select(window, (0, model.rowCount() - 1))
    assert action.text() == f"&Archive {N:,} contacts"

    # WHEN the list is filtered and only its archived rows are selected
    window.contacts_panel.search.setText("Person 01")
    qtbot.waitUntil(lambda: 0 < model.rowCount() < N)
    rows = [r for r in range(model.rowCount()) if model.contact_at(r).archived]
    _select(window, *[(r, r) for r in rows])
    assert action.text() == f"Un&archive {len(rows):,} contacts"
    # AND one unarchived row more
    _select(window, *[(r, r) for r in rows], (rows[0] + 1, rows[0] + 1))
    assert action.text() == f"&Archive {len(rows) + 1:,} contacts"


def test_contacts_archived_out_of_the_list_leave_it_a_run_of_rows_at_a_time(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts (Show archived off), 150 rows selected in a run and 30 more apart
    _contacts(qtbot, window, store, clock)
    model, table, bulk = window.contacts_model, window.contacts_panel.table, window.contacts_bulk
    runs = [(100, 249), *[(r, r) for r in range(400, 700, 10)]]
    _select(window, *runs)
    gone = set(bulk.selected_ids())
    assert len(gone) == 180 <= bulk_contacts.NAMED_UP_TO  # each is named: its row follows on its own
    removed: list[tuple[int, int]] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    told: list[int] = []
    bulk.selection_changed.connect(told.append)

    # WHEN they are archived
    bulk.archive()

    # THEN each run of rows left the list at once, and the selection bar was told once
    assert sorted(removed) == runs
    assert told == [0]
    # AND the others are listed in order, found where they are, and in another order too
    left = [i for i in range(1, N + 1) if i not in gone]
    assert model.ids_between(0, model.rowCount() - 1) == left
    assert [model.row_of(i) for i in (left[0], left[150], left[-1])] == [0, 150, len(left) - 1]
    assert all(model.row_of(i) == -1 for i in gone)
    table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.contact_at(0).id == N)
    assert model.ids_between(0, model.rowCount() - 1) == left[::-1]
    table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    assert model.ids_between(0, model.rowCount() - 1) == left


def test_after_archiving_rows_that_stay_listed_the_action_offers_to_unarchive_them(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN three contacts, one archived, Show archived on, the two others selected
    _contacts(qtbot, window, store, clock, archived=lambda i: i == 3, n=3)
    action = window.registry.archive_selected
    _select(window, (0, 1))
    assert action.text() == "&Archive 2 contacts"

    # WHEN they are archived (they stay listed, now archived)
    window.contacts_bulk.archive()

    # THEN the action says what it now does: unarchive them (it said Archive, and unarchived)
    assert action.text() == "Un&archive 2 contacts"


def test_selecting_every_archived_contact_reads_one_chunk_of_rows_then_a_count(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N archived contacts, Show archived on, the rows' flags read 100 at a time
    monkeypatch.setattr(selected_rows, "CHUNK", 100)
    _contacts(qtbot, window, store, clock, archived=lambda i: True)
    model, table, action = window.contacts_model, window.contacts_panel.table, window.registry.archive_selected
    read: list[int] = []
    real = model.rows_between
    monkeypatch.setattr(model, "rows_between", lambda first, last: read.append(last - first + 1) or real(first, last))

    # WHEN every one is selected, then all but the first
    table.selectAll()
    assert action.text() == f"Un&archive {N:,} contacts"
    _select(window, (1, N - 1))

    # THEN it offers to unarchive them, having read the first 100 rows of each selection, not all of them
    assert action.text() == f"Un&archive {N - 1:,} contacts"
    assert sum(read) <= 2 * 100


def test_the_archived_count_follows_a_contact_unarchived_then_deleted(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch: pytest.MonkeyPatch, modal, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N archived contacts, Show archived on, every one selected (the count of archived ones read)
    monkeypatch.setattr(selected_rows, "CHUNK", 100)
    _contacts(qtbot, window, store, clock, archived=lambda i: True)
    table, action, bulk = window.contacts_panel.table, window.registry.archive_selected, window.contacts_bulk
    table.selectAll()
    assert action.text() == f"Un&archive {N:,} contacts"

    # WHEN the last one in the list is unarchived on its own (its row changes in place)
    _select(window, (N - 1, N - 1))
    bulk.archive()
    # THEN every one selected again is not all archived: Archive
    table.selectAll()
    assert action.text() == f"&Archive {N:,} contacts"

    # WHEN that one is deleted (its row leaves the list)
    _select(window, (N - 1, N - 1))
    run = modal(
        lambda box: qtbot.mouseClick(
            next(b for b in box.buttons() if b.text() == "Delete 1 contact"), Qt.MouseButton.LeftButton
        ),
        QMessageBox,
    )
    bulk.delete()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N - 1)
    # THEN every one left is archived again: Unarchive
    table.selectAll()
    assert action.text() == f"Un&archive {N - 1:,} contacts"


def test_exporting_a_big_selection_asks_the_model_for_no_row_one_by_one(  # type: ignore[no-untyped-def]
    qtbot, modal, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN N contacts, all selected, the list filtered to the first hundred
    _contacts(qtbot, window, store, clock)
    model = window.contacts_model
    window.contacts_panel.search.setText("Person 000")
    qtbot.waitUntil(lambda: model.rowCount() < N)
    window.contacts_panel.table.selectAll()
    listed = model.ids_between(0, model.rowCount() - 1)
    offered: list[list[int]] = []

    def look(dialog: ContactsExportDialog) -> None:
        dialog.shown_radio.setChecked(True)
        offered.append(dialog.chosen_ids())

    # WHEN Export is asked for
    run = modal(look, ContactsExportDialog)
    with _calls(ContactsTableModel.contact_at) as asked:
        window.registry.export_selected.trigger()
        qtbot.waitUntil(lambda: run.done)
    run.check()

    # THEN the dialog offers the contacts listed, read without a call into the model a row
    assert offered == [listed]
    assert asked == [0]
