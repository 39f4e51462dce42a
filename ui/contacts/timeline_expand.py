"""A long note in the timeline opens in place: a click on its card, or Enter,
shows the whole note, and again shows three lines (issue 15). Enter on a card
whose note is shown whole already edits it, as before; a double click or the
context menu edits any."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView

from ui.contacts.timeline_delegate import TimelineDelegate
from ui.contacts.timeline_model import TouchPointRole


class TimelineExpander(QObject):
    def __init__(self, view: QListView, delegate: TimelineDelegate) -> None:
        super().__init__(view)
        self._view = view
        self._delegate = delegate
        view.clicked.connect(self.toggle)
        view.installEventFilter(self)

    def can_expand(self, index: QModelIndex) -> bool:
        tp = index.data(TouchPointRole)
        if tp is None or tp.id is None:
            return False
        if tp.id in self._delegate.expanded:
            return True
        return self._delegate.note_is_cut(tp, self._view.font(), self._view.viewport().width() - 4)

    def toggle(self, index: QModelIndex) -> None:
        if not index.isValid() or not self.can_expand(index):
            return
        tp = index.data(TouchPointRole)
        self._delegate.expanded ^= {tp.id}
        self._delegate.sizeHintChanged.emit(index)
        self._view.scrollTo(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            index = self._view.currentIndex()
            if index.isValid() and self.can_expand(index):
                self.toggle(index)
                return True
        return False
