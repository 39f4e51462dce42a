"""What "changed" compares for Esc's question: the values of a dialog's input
widgets (ui/widgets/dialog_keys.field_values), one kind of field at a time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
)

from ui.widgets.dialog_keys import field_values


class _Every(QDialog):
    """One field of every kind the snapshot reads, and some it must not."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.line = QLineEdit("Maria")
        self.shown = QLineEdit("read only")
        self.shown.setReadOnly(True)
        self.plain = QPlainTextEdit("notes")
        self.rich = QTextEdit("rich")
        self.combo = QComboBox()
        self.combo.addItems(["client", "supplier"])
        self.editable = QComboBox()
        self.editable.setEditable(True)
        self.editable.addItems(["Europe/Lisbon", "UTC"])
        self.spin = QSpinBox()
        self.check = QCheckBox("Own rhythm")
        self.radio = QRadioButton("Call")
        self.toggle = QPushButton("Pinned")
        self.toggle.setCheckable(True)
        self.push = QPushButton("Save")
        self.label = QLabel("a label")
        for widget in (self.line, self.shown, self.plain, self.rich, self.combo, self.editable, self.spin,
                       self.check, self.radio, self.toggle, self.push, self.label):  # fmt: skip
            layout.addWidget(widget)


CHANGES: dict[str, Callable[[_Every], None]] = {
    "a line": lambda d: d.line.setText("Maria Silva"),
    "a plain text": lambda d: d.plain.setPlainText("other notes"),
    "a rich text": lambda d: d.rich.setPlainText("other"),
    "a combo's choice": lambda d: d.combo.setCurrentIndex(1),
    "an editable combo's text": lambda d: d.editable.setEditText("Europe/Berl"),
    "a spin box": lambda d: d.spin.setValue(7),
    "a check box": lambda d: d.check.setChecked(True),
    "a radio button": lambda d: d.radio.setChecked(True),
    "a checkable button": lambda d: d.toggle.setChecked(True),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_any_kind_of_field_shows(qtbot, change: Callable[[_Every], None]) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a dialog with a field of every kind, and its values as shown
    dialog = _Every()
    qtbot.addWidget(dialog)
    before = field_values(dialog)
    assert field_values(dialog) == before  # (read again unchanged: the same)
    # WHEN one field is changed THEN the values differ
    change(dialog)
    assert field_values(dialog) != before


def test_what_no_one_types_into_is_not_compared(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a dialog with a field of every kind, and its values as shown
    dialog = _Every()
    qtbot.addWidget(dialog)
    before = field_values(dialog)
    # WHEN a read-only field, a label and a button's text change
    dialog.shown.setText("other")
    dialog.label.setText("other")
    dialog.push.setText("Save it")
    # THEN nothing changed that the user could have
    assert field_values(dialog) == before
    # AND every field is read once: the spin box's and the combo's own line edits are not fields
    names = [name for name, _value in before]
    assert names.count("QLineEdit") == 1
    assert len(before) == 9
