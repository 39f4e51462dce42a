"""The import preview: one row per contact in the file and what happens to
it (new, merged into someone you have, or skipped and why); new and merged
rows can be unticked to leave them out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from followup.contacts_io.merge import Action, ImportPlan, PlannedRow
from ui.style import theme
from ui.widgets.plain_text import tip

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ["", "What happens", "Name", "Organisation", "Email", "Details", "In the file"]
ACTION_TEXT = {Action.NEW: "New", Action.MERGE: "Merge", Action.SKIP: "Skip"}


class PreviewModel(QAbstractTableModel):
    """One row per contact in the file; new and merged rows can be unticked."""

    ticks_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PlannedRow] = []
        self.ticked: list[bool] = []

    def set_plan(self, plan: ImportPlan, unticked: frozenset[int] = frozenset()) -> None:
        """Show ``plan``; rows of the file's contacts in ``unticked`` stay unticked (a plan made again)."""
        self.beginResetModel()
        self.rows = plan.rows
        self.ticked = [r.action is not Action.SKIP and r.index not in unticked for r in plan.rows]
        self.endResetModel()
        self.ticks_changed.emit()

    def selected(self) -> list[int]:
        """Indexes (into the file's contacts) of the ticked rows, and of the
        skipped ones so that the summary lists them with their reasons."""
        return [r.index for r, t in zip(self.rows, self.ticked, strict=True) if t or r.action is Action.SKIP]

    def unticked_indexes(self) -> frozenset[int]:
        return frozenset(r.index for r, t in zip(self.rows, self.ticked, strict=True) if not t)

    def unticked(self) -> int:
        return sum(1 for r, t in zip(self.rows, self.ticked, strict=True) if not t and r.action is not Action.SKIP)

    def counts(self) -> dict[Action, int]:
        counts = dict.fromkeys(Action, 0)
        for row, ticked in zip(self.rows, self.ticked, strict=True):
            counts[row.action if ticked or row.action is Action.SKIP else Action.SKIP] += 1
        return counts

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self.rows[index.row()].action is not Action.SKIP:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0 and row.action is not Action.SKIP:
            return Qt.CheckState.Checked if self.ticked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, self.ticked[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and column in (5, 2):
            return tip(row.describe()) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.action is Action.SKIP or not self.ticked[index.row()]:
                return theme.muted()
            if column == 1:
                return QColor("#2e7d32") if row.action is Action.NEW else QColor("#1565c0")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        if self.rows[index.row()].action is Action.SKIP:
            return False
        self.ticked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        self.ticks_changed.emit()
        return True

    @staticmethod
    def _text(row: PlannedRow, column: int, ticked: bool) -> str:
        contact = row.item.contact
        if column == 1:
            if not ticked and row.action is not Action.SKIP:
                return "Not imported"
            return ACTION_TEXT[row.action] + (f" into {row.target_name}" if row.action is Action.MERGE else "")
        if column == 2:
            return contact.name or "(no name)"
        if column == 3:
            return contact.organisation
        if column == 4:
            return ", ".join(e.value for e in contact.emails[:2]) + ("…" if len(contact.emails) > 2 else "")
        if column == 5:
            if row.action is Action.NEW:
                # the kind first: with the batch's tags the line grows, and the end is what gets cut
                bits = [contact.kind.label] if contact.kind.value != "other" else []
                bits += [f"{len(contact.phones)} phone{'s' * (len(contact.phones) != 1)}"] if contact.phones else []
                bits += [", ".join(contact.tags)] if contact.tags else []
                return " · ".join(bits)
            return row.describe()
        if column == 6:
            return row.item.source
        return ""
