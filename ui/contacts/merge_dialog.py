"""Merge two contacts: the two side by side, what the contact kept will hold
after the merge (and from which side each value comes), and what moves to it.
Choose which one to keep; Merge does it (Edit > Undo takes it back)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.errors import FollowupError
from followup.merge_preview import BOTH, KEEP, NEITHER, OTHER, SAME, MergePreview
from ui.style import theme
from ui.widgets.contact_picker import ContactPicker

Preview = Callable[[int, int], MergePreview]


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


class MergeDialog(QDialog):
    """``keep_id`` and ``other_id`` say what to merge once accepted. With no
    ``other_id``, the dialog first asks with whom, finding people in the
    database at ``db_path`` as the user types (ui/widgets/contact_picker.py)."""

    def __init__(
        self,
        load_preview: Preview,
        keep_id: int,
        other_id: int | None,
        db_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load_preview
        self.keep_id = keep_id
        self.other_id = other_id
        self.preview: MergePreview | None = None
        self.setWindowTitle("Merge contacts")
        self.resize(900, 680)

        # (any of 100,000 people: typed and found, never a list of everyone, issue 16)
        self.picker = ContactPicker(db_path, exclude=keep_id)
        self.picker.setPlaceholderText("Type a name, then pick the duplicate")
        self.picker.setAccessibleName("Contact to merge")
        self.picker.chosen.connect(self._on_chosen)
        self.pick_row = QWidget()
        pick_layout = QHBoxLayout(self.pick_row)
        pick_layout.setContentsMargins(0, 0, 0, 0)
        pick_layout.addWidget(QLabel("Merge with:"))
        pick_layout.addWidget(self.picker, 1)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        theme.make_heading(self.heading, 1.2)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("mergePreview")
        self.table.setAccessibleName("What is kept")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # wrapped text is measured again at the columns' real width (else a long address is cut)
        header.sectionResized.connect(lambda *_: self._fit_rows())
        self.moving = QLabel()
        self.moving.setWordWrap(True)
        self.moving.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()

        self.swap_button = QPushButton("&Keep the other one instead")
        self.swap_button.setToolTip("Choose which of the two is kept: its name, kind and details win")
        self.swap_button.clicked.connect(self.swap)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        self.buttons.addButton(self.swap_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pick_row)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.moving)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.pick_row.setVisible(other_id is None)
        self._refresh()
        (self.picker if other_id is None else self.merge_button).setFocus()

    def _on_chosen(self, cid: int | None) -> None:
        self.other_id = cid
        self._refresh()
        if cid is not None:
            self.merge_button.setFocus()

    def swap(self) -> None:
        if self.other_id is None:
            return
        self.keep_id, self.other_id = self.other_id, self.keep_id
        self._refresh()

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _refresh(self) -> None:
        ready = self.other_id is not None
        self.merge_button.setEnabled(False)
        self.swap_button.setEnabled(ready)
        if self.other_id is None:
            self.heading.setText("Which contact is the same person?")
            self.table.setRowCount(0)
            self.moving.clear()
            return
        try:
            self.preview = self._load(self.keep_id, self.other_id)
        except FollowupError as error:
            self.preview = None
            self._say(str(error))
            return
        self._say("")
        self._show(self.preview)
        self.merge_button.setEnabled(True)

    def _fit_rows(self) -> None:
        """Each row as tall as its longest wrapped cell. Measured here: Qt's own
        measure comes out short for a cell mixing left-to-right and
        right-to-left lines (an address in Lisbon above one in Tel Aviv)."""
        metrics = self.table.fontMetrics()
        for row in range(self.table.rowCount()):
            needed = metrics.height() + 6
            for column in range(1, 4):
                item = self.table.item(row, column)
                if item is None:
                    continue
                width = self.table.columnWidth(column) - 8
                lines = item.text().splitlines() or [""]
                height = sum(
                    metrics.boundingRect(QRect(0, 0, max(width, 20), 10_000), Qt.TextFlag.TextWordWrap, line).height()
                    for line in lines
                )
                needed = max(needed, height + 6)
            self.table.setRowHeight(row, needed)

    def _show(self, p: MergePreview) -> None:
        keep, other = p.keep, p.other
        self.heading.setText(f"Keep {keep.name} and merge {other.name} into it")
        # the names are in the first row: the headers stay short (a long name is never cut there)
        self.table.setHorizontalHeaderLabels(["", "Kept", "Merged in", "After the merge"])
        rows = [r for r in p.rows if r.source != NEITHER]
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        struck = QFont(self.table.font())
        struck.setStrikeOut(True)
        muted = theme.muted()
        for i, row in enumerate(rows):
            label = QTableWidgetItem(row.label)
            label.setForeground(muted)
            cells = [QTableWidgetItem(text or "—") for text in (row.keep, row.other, row.after)]
            kept_cell, other_cell, after_cell = cells
            if row.source == SAME:
                after_cell.setToolTip("The same on both")
            elif row.dropped:
                other_cell.setFont(struck)
                other_cell.setForeground(muted)
                other_cell.setToolTip("Not kept: the contact kept has its own")
                kept_cell.setFont(bold)
            elif row.source == KEEP:
                other_cell.setToolTip("Already there")
            elif row.source == OTHER:
                other_cell.setFont(bold)
                after_cell.setFont(bold)
                after_cell.setToolTip("From the contact merged in")
            elif row.source == BOTH:
                after_cell.setFont(bold)
                after_cell.setToolTip("Both kept")
            for cell in cells:
                if cell.text() == "—":
                    cell.setForeground(muted)
            self.table.setItem(i, 0, label)
            for column, cell in enumerate(cells, 1):
                self.table.setItem(i, column, cell)
        self.table.setCurrentIndex(QModelIndex())  # no focus frame on the first cell
        self._fit_rows()
        moving = [_plural(n, what.rstrip("s")) for what, n in p.moving.items() if n]
        if moving:
            joined = ", ".join(moving[:-1]) + (" and " if len(moving) > 1 else "") + moving[-1]
            text = f"Moving to {keep.name}: {joined}."
        else:
            text = f"No touch points, follow-ups or engagements to move to {keep.name}."
        self.moving.setText(f"{text} Then {other.name} is removed; Edit > Undo takes the merge back.")
