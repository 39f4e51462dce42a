"""Painting the contacts list with every row selected asks the model about
the rows on screen, not about every row (issue 16).

Qt's QHeaderView works out, on each paint, whether each column is selected
(QItemSelectionModel.isColumnSelected), which walks every row of the model:
with Ctrl+A over 100,000 contacts that was 1.6 million calls into the Python
model per repaint of the header, and the header repaints whenever the window
is (de)activated, e.g. when a bulk action's progress dialog opens and closes
(a 1.2-3 s freeze). The header now reads a selection of its own that stays
empty: columns are never selected in a list whose rows are."""

from __future__ import annotations

import sys
from datetime import timedelta
from types import FrameType

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from followup.clock import FixedClock
from followup.store import Store
from followup.timeutil import to_db
from ui.contacts.model import ContactsTableModel
from ui.shell.window import MainWindow

N = 2_000


def test_repainting_the_header_with_every_row_selected_does_not_walk_every_row(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
):
    # GIVEN a list of N contacts, all selected
    old = to_db(clock.now() - timedelta(days=40))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) VALUES (?, ?, 'other', 'UTC', ?, ?)",
            [(i, f"Person {i:05}", old, old) for i in range(1, N + 1)],
        )
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == N, timeout=20_000)
    table = window.contacts_panel.table
    table.selectAll()
    assert len(window.contacts_bulk.selected_ids()) == N
    calls = [0]
    code = ContactsTableModel.rowCount.__code__

    def count(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code is code:
            calls[0] += 1

    # WHEN the header and the rows on screen are painted again
    sys.setprofile(count)  # Qt calls the model from C++: a profile hook sees every call
    try:
        table.grab()  # paints the table, its header and the rows on screen
    finally:
        sys.setprofile(None)

    # THEN the model was asked about far fewer than every row
    assert 0 < calls[0] < N // 4
    # and the rows are still shown selected
    assert table.selectionModel().isRowSelected(0)


def test_the_selected_ids_are_read_span_by_span_in_the_lists_order(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
):
    # GIVEN ten contacts in the list
    old = to_db(clock.now() - timedelta(days=40))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) VALUES (?, ?, 'other', 'UTC', ?, ?)",
            [(i, f"Person {i:02}", old, old) for i in range(1, 11)],
        )
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 10, timeout=20_000)
    model, table = window.contacts_model, window.contacts_panel.table

    # WHEN rows 6-7, then 1-3 and 2-4 (overlapping) are selected, as Ctrl+click and Shift+click add them
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for first, last in ((6, 7), (1, 3), (2, 4)):
        table.selectionModel().select(QItemSelection(model.index(first, 0), model.index(last, 0)), flags)

    # THEN each selected contact comes once, in the list's order
    expected = [model.contact_at(r).id for r in (1, 2, 3, 4, 6, 7)]
    assert window.contacts_bulk.selected_ids() == expected
    assert window.contacts_bulk.count() == 6
