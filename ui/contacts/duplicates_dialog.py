"""Likely duplicates: pairs of contacts sharing an email, a phone or a name,
to merge (the merge dialog, with its preview) or to dismiss ("Not the same
person": remembered, never offered again). Found on the background executor:
at 100,000 contacts it takes about a second."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.duplicates import DuplicatePair, Side
from ui.style import theme

DISMISS_KEY = QKeySequence.StandardKey.Delete


def _who(side: Side) -> str:
    return f"{side.name} ({side.detail})" if side.detail else side.name


class DuplicatesDialog(QDialog):
    merge_requested = Signal(int, int)  # the pair's ids: the first is offered as the one kept
    dismiss_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Likely duplicates")
        self.resize(760, 480)
        self.pairs: list[DuplicatePair] = []
        self.intro = QLabel(
            "Contacts that share an email address, a phone number or a name (accents, case and word order aside)."
        )
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("duplicates")
        self.tree.setAccessibleName("Likely duplicates")
        self.tree.setHeaderLabels(["Contact", "Same person?", "Why"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda *_: self._emit(self.merge_requested))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        dismiss = QAction("Not the same person", self.tree)
        dismiss.setShortcut(QKeySequence(DISMISS_KEY))
        dismiss.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        dismiss.triggered.connect(lambda: self._emit(self.dismiss_requested))
        self.tree.addAction(dismiss)
        self.empty = QLabel("Looking for duplicates…")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {theme.muted().name()};")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tree)

        self.merge_button = QPushButton("&Merge…")
        self.merge_button.setToolTip("See what is kept, choose which one to keep, and merge (Enter)")
        self.merge_button.clicked.connect(lambda: self._emit(self.merge_requested))
        self.dismiss_button = QPushButton("&Not the same person")
        self.dismiss_button.setToolTip("Never offer this pair again (Delete)")
        self.dismiss_button.clicked.connect(lambda: self._emit(self.dismiss_requested))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        current = self.current()
        self.pairs = pairs
        self.tree.clear()
        for pair in pairs:
            item = QTreeWidgetItem([_who(pair.first), _who(pair.second), ", ".join(pair.reasons)])
            item.setToolTip(0, _who(pair.first))
            item.setToolTip(1, _who(pair.second))
            self.tree.addTopLevelItem(item)
        self.stack.setCurrentWidget(self.tree if pairs else self.empty)
        self.empty.setText("No likely duplicates: every contact looks like one person.")
        if pairs:
            ids = [p.ids for p in pairs]
            at = ids.index(current.ids) if current is not None and current.ids in ids else 0
            first = self.tree.topLevelItem(at)
            if first is not None:
                self.tree.setCurrentItem(first)
            self.tree.setFocus()
        self._update_buttons()

    def set_failed(self, message: str) -> None:
        self.empty.setText(f"Could not look for duplicates: {message}")
        self.stack.setCurrentWidget(self.empty)

    def current(self) -> DuplicatePair | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        row = self.tree.indexOfTopLevelItem(item)
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def remove(self, ids: tuple[int, int], gone: int | None = None) -> None:
        """A pair dismissed (or merged: ``gone`` is the contact merged away, and
        every pair of theirs goes too) leaves the list at once."""
        self.set_pairs([p for p in self.pairs if p.ids != ids and gone not in p.ids])

    def _emit(self, signal: SignalInstance) -> None:
        pair = self.current()
        if pair is not None:
            signal.emit(*pair.ids)

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.merge_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)
