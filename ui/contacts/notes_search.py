"""Search every touch point's notes (SQLite FTS5), results as you type:
newest first, or the most relevant first; Enter opens the selected result,
Up and Down choose it without leaving the search box."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
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
from followup.store.snippets import HIT_END, HIT_START
from ui.widgets.when_text import date_text

HitRole = Qt.ItemDataRole.UserRole + 20
_Index = QModelIndex | QPersistentModelIndex
# (label, order for TouchPoints.search, what the status calls the first 200)
ORDERS = (("Newest first", "newest", "the 200 newest"), ("Most relevant first", "relevance", "the 200 best matches"))


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
            return f"{date_text(hit.at.astimezone(self._tz), long=True)}: open {hit.contact_name}"
        return None

    def set_hits(self, hits: list[NoteHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def hit(self, row: int) -> NoteHit:
        return self._hits[row]

    def html(self, hit: NoteHit, muted: str, text: str | None = None) -> str:
        """The result as rich text; ``text`` colours it all (the selected row's text colour)."""
        snippet = html.escape(hit.snippet).replace(HIT_START, "<b>").replace(HIT_END, "</b>")
        body = (
            f"<span style='color:{muted}'>{date_text(hit.at.astimezone(self._tz), weekday=False)}</span> &nbsp;"
            f"<b>{html.escape(hit.contact_name)}</b> · {html.escape(hit.summary)}"
            + (f"<br>{snippet}" if snippet.strip() else "")
        )
        return f"<div style='color:{text}'>{body}</div>" if text else body


class _HitDelegate(QStyledItemDelegate):
    def __init__(self, model: NoteHitsModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        from ui.style import theme

        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        hit = index.data(HitRole)
        if option.state & QStyle.StateFlag.State_Selected:
            # The palette's own pair: readable in the light and the dark scheme alike
            text = option.palette.color(QPalette.ColorRole.HighlightedText)
            doc.setHtml(self._model.html(hit, text.name(), text.name()))
        else:
            doc.setHtml(self._model.html(hit, theme.muted(option.palette).name()))
        doc.setTextWidth(max(100, option.rect.width() - 12))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(option.rect.width(), int(self._document(option, index).size().height()) + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.color(QPalette.ColorRole.Highlight))
        doc = self._document(option, index)
        painter.translate(option.rect.left() + 6, option.rect.top() + 5)
        doc.drawContents(painter)
        painter.restore()


class NotesSearchDialog(QDialog):
    contact_chosen = Signal(int)

    def __init__(
        self, search: Callable[[str, str], list[NoteHit]], tz: ZoneInfo, parent: QWidget | None = None
    ) -> None:
        """``search(text, order)`` finds the hits; order is "newest" or "relevance"."""
        super().__init__(parent)
        self.setWindowTitle("Search notes")
        self.resize(640, 520)
        self._search = search
        self.query = QLineEdit()
        self.query.setObjectName("notesQuery")
        self.query.setPlaceholderText("Words from any summary or note, e.g. budget migration")
        self.query.setClearButtonEnabled(True)
        self.query.setToolTip(
            "Every word must appear; accents and case do not matter; word starts match. "
            "Up and Down choose a result, Enter opens it."
        )
        self.query.installEventFilter(self)
        self.order = QComboBox()
        self.order.setObjectName("notesOrder")
        self.order.addItems([label for label, _, _ in ORDERS])
        self.order.setAccessibleName("Sort results")
        self.order.setToolTip("Newest first: by when the touch point happened. Most relevant: the best matches first.")
        self.order.currentIndexChanged.connect(lambda _i: self.run_search())
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
        head = QHBoxLayout()
        head.addWidget(self.query, 1)
        sort_label = QLabel("&Sort:")
        sort_label.setBuddy(self.order)
        head.addWidget(sort_label)
        head.addWidget(self.order)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

    def run_search(self) -> None:
        self._timer.stop()
        text = self.query.text()
        _label, order, first = ORDERS[self.order.currentIndex()]
        hits = self._search(text, order) if text.strip() else []
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        if not text.strip():
            self.status.setText("Type to search every touch point's summary and notes.")
        elif not hits:
            self.status.setText("No touch point mentions that.")
        else:
            more = f" ({first})" if len(hits) >= 200 else ""
            noun = "touch point" if len(hits) == 1 else "touch points"
            self.status.setText(f"{len(hits)} {noun}{more}. Enter opens the selected one.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move the selection in the results."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and self.model.rowCount():
                row = max(0, min(self.model.rowCount() - 1, self.results.currentIndex().row() + step))
                self.results.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(watched, event)

    def _on_query_return_pressed(self) -> None:
        if self._timer.isActive():  # typed, not searched yet: search first, keep the selection it makes
            self.run_search()
        current = self.results.currentIndex()
        if current.isValid():
            self._on_results_activated(current)

    def _on_results_activated(self, index: QModelIndex) -> None:
        self.contact_chosen.emit(self.model.hit(index.row()).contact_id)
