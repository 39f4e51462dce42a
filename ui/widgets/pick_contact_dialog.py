"""Asking which contact an action is about, when nothing shown says so: a
small dialog around the contact picker (ui/widgets/contact_picker.py).

It was a list of every contact (``QInputDialog.getItem``): at 100,000
contacts, read, labelled and added one by one each time it opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.widgets.contact_picker import ContactPicker


class PickContactDialog(QDialog):
    def __init__(self, db_path: Path, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.picker = ContactPicker(db_path)
        self.picker.setMinimumWidth(self.picker.fontMetrics().averageCharWidth() * 60)
        self.picker.setAccessibleName(question)
        label = QLabel(question)
        label.setBuddy(self.picker)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        ok.setToolTip("Choose someone from the list first")
        self.picker.chosen.connect(lambda cid: ok.setEnabled(cid is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.picker.setFocus()

    def contact_id(self) -> int | None:
        return self.picker.contact_id() if self.result() == QDialog.DialogCode.Accepted else None


def ask_for_contact(db_path: Path, title: str, question: str, parent: QWidget | None = None) -> int | None:
    """The contact the user chooses, or None if they cancel."""
    dialog = PickContactDialog(db_path, title, question, parent)
    try:
        dialog.exec()
        return dialog.contact_id()
    finally:
        dialog.deleteLater()
