"""A contact's touch points, newest first, for the timeline list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from followup.domain import TouchPoint

TouchPointRole = Qt.ItemDataRole.UserRole + 10
_Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._items: list[TouchPoint] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        tp = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return tp.summary
        if role == TouchPointRole:
            return tp
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = tp.notes if len(tp.notes) < 1500 else tp.notes[:1500] + "…"
            return f"{tp.summary}\n\n{notes}".strip()
        return None

    def set_items(self, items: list[TouchPoint]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> TouchPoint:
        return self._items[row]
