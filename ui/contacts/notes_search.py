"""Search every touch point's notes (SQLite FTS5), results as you type."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from followup.domain import NoteHit
from followup.store.touchpoints import HIT_END, HIT_START

HitRole = Qt.ItemDataRole.UserRole + 20
_Index = QModelIndex | QPersistentModelIndex


class NoteHitsModel(QAbstractListModel):
    def __init__(self, tz: ZoneInfo) -> None:
        super().__init__()
        self._tz = tz
        self._hits: list[NoteHit] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.contact_name}: {hit.summary}"
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.at.astimezone(self._tz):%A %d %B %Y}: open {hit.contact_name}"
        return None

    def set_hits(self, hits: list[NoteHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def hit(self, row: int) -> NoteHit:
        return self._hits[row]

    def html(self, hit: NoteHit, muted: str) -> str:
        snippet = html.escape(hit.snippet).replace(HIT_START, "<b>").replace(HIT_END, "</b>")
        return (
            f"<span style='color:{muted}'>{hit.at.astimezone(self._tz):%d %b %Y}</span> &nbsp;"
            f"<b>{html.escape(hit.contact_name)}</b> · {html.escape(hit.summary)}<br>{snippet}"
        )


class _HitDelegate(QStyledItemDelegate):
    def __init__(self, model: NoteHitsModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        from ui.style import theme

        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(self._model.html(index.data(HitRole), theme.muted(option.palette).name()))
        doc.setTextWidth(max(100, option.rect.width() - 12))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(option.rect.width(), int(self._document(option, index).size().height()) + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight).lighter(170))
        doc = self._document(option, index)
        painter.translate(option.rect.left() + 6, option.rect.top() + 5)
        doc.drawContents(painter)
        painter.restore()


class NotesSearchDialog(QDialog):
    contact_chosen = Signal(int)

    def __init__(self, search: Callable[[str], list[NoteHit]], tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search notes")
        self.resize(640, 520)
        self._search = search
        self.query = QLineEdit()
        self.query.setObjectName("notesQuery")
        self.query.setPlaceholderText("Words from any summary or note, e.g. budget migration")
        self.query.setClearButtonEnabled(True)
        self.query.setToolTip("Every word must appear; accents and case do not matter; word starts match")
        self.model = NoteHitsModel(tz)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(_HitDelegate(self.model, self.results))
        self.results.setAlternatingRowColors(True)
        self.results.activated.connect(self._on_results_activated)
        self.status = QLabel("Type to search every touch point's summary and notes.")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self._on_query_return_pressed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

    def run_search(self) -> None:
        text = self.query.text()
        hits = self._search(text) if text.strip() else []
        self.model.set_hits(hits)
        if not text.strip():
            self.status.setText("Type to search every touch point's summary and notes.")
        elif not hits:
            self.status.setText("No touch point mentions that.")
        else:
            more = " (the 200 most recent)" if len(hits) >= 200 else ""
            self.status.setText(f"{len(hits)} touch points{more}. Enter opens the contact.")

    def _on_query_return_pressed(self) -> None:
        self._timer.stop()
        self.run_search()
        if self.model.rowCount():
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0))

    def _on_results_activated(self, index: QModelIndex) -> None:
        self.contact_chosen.emit(self.model.hit(index.row()).contact_id)
