"""A contact's touch points, newest first, for the timeline list. Mail of one
thread is one card with its count, opened to show the thread's other
messages under it (timeline_threads.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from followup.domain import TouchPoint
from ui.contacts.timeline_threads import Row, ThreadSource, group, rows
from ui.widgets.plain_text import tip

TouchPointRole = Qt.ItemDataRole.UserRole + 10
RowRole = Qt.ItemDataRole.UserRole + 11  # the Row: thread, count, member, expanded
ReplyKeptRole = Qt.ItemDataRole.UserRole + 12  # True: it needed a reply, and the reply was given
_Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []
        self._groups: list[tuple[str, list[TouchPoint]]] = []
        self._expanded: set[str] = set()
        self._contact_id: int | None = None
        self.thread_source: ThreadSource | None = None  # set by the window; None: no threads
        self.kept_source: Callable[[int], set[int]] | None = None  # touch points whose reply promise was kept
        self._kept: set[int] = set()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        tp = row.tp
        if role == Qt.ItemDataRole.DisplayRole:
            return tp.summary
        if role == TouchPointRole:
            return tp
        if role == RowRole:
            return row
        if role == ReplyKeptRole:
            return tp.id in self._kept
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = tp.notes if len(tp.notes) < 1500 else tp.notes[:1500] + "…"
            text = f"{tp.summary}\n\n{notes}".strip()
            if row.count > 1:
                what = "hide the older ones" if row.expanded else "show them all"
                text += f"\n\nA thread of {row.count} messages: click “{row.count} messages” to {what}."
            return tip(text)
        return None

    def set_items(self, items: list[TouchPoint]) -> None:
        contact_id = items[0].contact_id if items else None
        if contact_id != self._contact_id:
            self._expanded.clear()  # another contact: every thread starts closed
        self._contact_id = contact_id
        threads = self.thread_source(contact_id) if self.thread_source and contact_id is not None else {}
        self._kept = self.kept_source(contact_id) if self.kept_source and contact_id is not None else set()
        self.beginResetModel()
        self._groups = group(list(items), threads)
        self._rows = rows(self._groups, self._expanded)
        self.endResetModel()

    def item(self, row: int) -> TouchPoint:
        return self._rows[row].tp

    def row_info(self, row: int) -> Row:
        return self._rows[row]

    def toggle_thread(self, row: int) -> None:
        """Open a thread's card to show its other messages under it, or close it."""
        head = self._rows[row]
        if head.count < 2 or head.member:
            return
        if head.expanded:
            self._expanded.discard(head.thread)
            self.beginRemoveRows(QModelIndex(), row + 1, row + head.count - 1)
            self._rows[row + 1 : row + head.count] = []
            self._rows[row] = Row(head.tp, head.thread, head.count, expanded=False)
            self.endRemoveRows()
        else:
            self._expanded.add(head.thread)
            members = next(m for key, m in self._groups if key == head.thread)
            self.beginInsertRows(QModelIndex(), row + 1, row + head.count - 1)
            self._rows[row + 1 : row + 1] = [Row(tp, head.thread, member=True) for tp in members[1:]]
            self._rows[row] = Row(head.tp, head.thread, head.count, expanded=True)
            self.endInsertRows()
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
