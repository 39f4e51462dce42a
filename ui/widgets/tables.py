"""Tables: a read-only one to look at and pick a row from (previews), and
selecting a row for the user."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget


def read_only_table(headers: list[str], widths: list[int]) -> QTableWidget:
    """Columns with these headers and starting widths (the last one stretches);
    whole rows selected one at a time; no editing; no wrapping."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for col, width in enumerate(widths):
        table.setColumnWidth(col, width)
    return table


def select_only_row(table: QTableView, row: int) -> None:
    """Make ``row`` the current row and the only one selected, whatever keys the
    user holds. ``QTableView.selectRow`` asks the keyboard: with Shift held it
    selects from an anchor that may not exist (nothing, after Shift+Down from the
    search box), with Ctrl it toggles the row into or out of the selection."""
    header = table.horizontalHeader()
    column = header.logicalIndexAt(table.viewport().width() if table.isRightToLeft() else 0)
    index = table.model().index(row, max(column, 0))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(index, flags)
