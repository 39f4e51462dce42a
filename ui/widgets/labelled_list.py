"""An editor for a few labelled values: email addresses or phone numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from followup.domain import LabelledValue


class LabelledListEditor(QWidget):
    def __init__(self, what: str, labels: list[str], placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self._labels = labels
        self._placeholder = placeholder
        self._rows: list[tuple[QWidget, QComboBox, QLineEdit]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.add_button = QPushButton(f"Add {what}")
        self.add_button.setToolTip(f"Add another {what}")
        self.add_button.clicked.connect(lambda: self.add_row().setFocus())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self._layout.addLayout(buttons)

    def add_row(self, value: str = "", label: str = "") -> QLineEdit:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(self._labels)
        combo.setCurrentText(label or self._labels[0])
        combo.setToolTip(f"Label for this {self._what}")
        combo.setMinimumContentsLength(7)
        edit = QLineEdit(value)
        edit.setPlaceholderText(self._placeholder)
        edit.setAccessibleName(self._what)
        remove = QPushButton("Remove")
        remove.setToolTip(f"Remove this {self._what}")
        layout.addWidget(combo)
        layout.addWidget(edit, 1)
        layout.addWidget(remove)
        self._layout.insertWidget(len(self._rows), row)
        entry = (row, combo, edit)
        self._rows.append(entry)
        remove.clicked.connect(lambda: self._remove(entry))
        return edit

    def _remove(self, entry: tuple[QWidget, QComboBox, QLineEdit]) -> None:
        self._rows.remove(entry)
        entry[0].deleteLater()

    def set_values(self, values: list[LabelledValue]) -> None:
        for entry in list(self._rows):
            self._remove(entry)
        for v in values:
            self.add_row(v.value, v.label)
        if not values:
            self.add_row()

    def values(self) -> list[LabelledValue]:
        return [
            LabelledValue(edit.text().strip(), combo.currentText().strip())
            for _, combo, edit in self._rows
            if edit.text().strip()
        ]

    def first_edit(self) -> QLineEdit | None:
        return self._rows[0][2] if self._rows else None
