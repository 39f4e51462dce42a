"""The contacts list's selection, kept when the list is read again.

A bulk action, Refresh, Show archived or an import reads the whole list
again, and a model reset forgets what was selected: the window selected the
current contact again and nothing else, so tagging fifty contacts and then
archiving the same fifty meant selecting them all again. ``remember`` takes
the selected contacts' ids before the reset (a slice of the rows per span of
the selection, not a question per row), or that every contact listed was
selected; ``restore`` selects again those still listed, as runs of rows (all
of them, as Ctrl+A does), after the window has made the current contact
current again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QTableView

if TYPE_CHECKING:
    from ui.contacts.model import ContactsTableModel


def spans(table: QTableView) -> list[tuple[int, int]]:
    """The selected rows as (first, last) spans, in order, not overlapping,
    from the selection's ranges: selectedRows() asks the model about every
    cell, seconds for Ctrl+A over 10,000 contacts."""
    selection = table.selectionModel().selection()
    ranges = sorted((selection.at(i).top(), selection.at(i).bottom()) for i in range(selection.count()))
    merged: list[tuple[int, int]] = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


@dataclass(frozen=True)
class Kept:
    """What was selected: these contacts, or every one listed (Ctrl+A)."""

    ids: frozenset[int] = frozenset()
    every: bool = False


def remember(table: QTableView, model: ContactsTableModel) -> Kept:
    """What is selected, if more than one contact is (one is the current
    contact, whom the window selects again itself). Every contact listed is
    remembered as such: at 100,000 their ids, and finding them again, were
    ~35 ms of the GUI thread in the frame that shows the list read again."""
    selected = spans(table)
    count = sum(last - first + 1 for first, last in selected)
    if count < 2:
        return Kept()
    if count == model.rowCount():
        return Kept(every=True)
    ids: list[int] = []
    for first, last in selected:
        ids.extend(model.ids_between(first, last))
    return Kept(frozenset(ids))


def runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    out: list[tuple[int, int]] = []
    for row in rows:
        if out and row == out[-1][1] + 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


def restore(table: QTableView, model: ContactsTableModel, kept: Kept) -> int:
    """Add to the selection what ``kept`` names and is still listed; how many rows that is."""
    rows = model.rowCount()
    if kept.every:
        found = [(0, rows - 1)] if rows else []
    elif kept.ids:
        shown = model.ids_between(0, rows - 1)
        found = runs(row for row, contact_id in enumerate(shown) if contact_id in kept.ids)
    else:
        return 0
    selection = QItemSelection()
    last_column = model.columnCount() - 1
    for first, last in found:
        selection.select(model.index(first, 0), model.index(last, last_column))
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().select(selection, flags)
    return sum(last - first + 1 for first, last in found)
