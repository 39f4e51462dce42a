"""The small dialogs of the contacts list's bulk actions: which tag, which
kind, which stay-in-touch rhythm (ui/contacts/bulk.py asks them)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Kind
from ui.widgets.plain_text import plain


class ChoiceDialog(QDialog):
    """One choice from a list, or (``editable``) a word typed: a tag, a kind."""

    def __init__(
        self,
        title: str,
        prompt: str,
        choices: Sequence[tuple[str, object]],
        ok_text: str,
        parent: QWidget | None = None,
        *,
        editable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self.prompt = plain(QLabel(prompt))
        self.prompt.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("bulkChoice")
        self.combo.setEditable(editable)
        self.combo.setAccessibleName(title)
        for text, data in choices:
            self.combo.addItem(text, data)
        if editable:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")
            line = self.combo.lineEdit()
            if line is not None:
                line.setPlaceholderText("a tag, e.g. vip")
        self.prompt.setBuddy(self.combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)

    def text(self) -> str:
        return self.combo.currentText().strip()

    def value(self) -> object:
        return self.combo.currentData()


def kind_dialog(count: int, parent: QWidget | None = None) -> ChoiceDialog:
    people = f"{count:,} contact{'s' * (count != 1)}"
    return ChoiceDialog(
        "Change kind",
        f"Make the {people} selected:",
        [(k.label, k) for k in Kind],
        f"Change {people}",
        parent,
    )


class RhythmDialog(QDialog):
    """A stay-in-touch rhythm for the selection: every N days, at most M; or
    back to the rhythm of each one's kind (Settings)."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        people = f"{count:,} contact{'s' * (count != 1)}"
        self.setWindowTitle("Stay-in-touch rhythm")
        self.setMinimumWidth(420)
        intro = QLabel(f"How often to be in touch with the {people} selected:")
        intro.setWordWrap(True)
        self.by_kind = QCheckBox("As their &kind says (Settings › Stay in touch)")
        self.ideal = QSpinBox()
        self.ideal.setRange(1, 3650)
        self.ideal.setValue(30)
        self.ideal.setSuffix(" days")
        self.ideal.setAccessibleName("Ideally every")
        self.limit = QSpinBox()
        self.limit.setRange(1, 3650)
        self.limit.setValue(60)
        self.limit.setSuffix(" days")
        self.limit.setAccessibleName("At the latest after")
        self.by_kind.toggled.connect(self._on_by_kind_toggled)
        self.ideal.valueChanged.connect(lambda v: self.limit.setValue(max(self.limit.value(), v)))
        form = QFormLayout()
        form.addRow("&Ideally every", self.ideal)
        form.addRow("At the &latest after", self.limit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(f"Set for {people}", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.by_kind)
        layout.addWidget(self.buttons)

    def _on_by_kind_toggled(self, on: bool) -> None:
        self.ideal.setEnabled(not on)
        self.limit.setEnabled(not on)

    def value(self) -> tuple[int | None, int | None]:
        if self.by_kind.isChecked():
            return None, None
        return self.ideal.value(), self.limit.value()
