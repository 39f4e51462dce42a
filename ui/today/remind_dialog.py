"""Remind me…: a one-off reminder about a contact, with a title, a time
(typed in words if you like: "fri 14:00") and a channel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from followup.domain import Channel
from ui.style import theme
from ui.widgets.datetime_edit import datetime_edit, from_qdatetime
from ui.widgets.when_field import WhenField


class RemindDialog(QDialog):
    def __init__(
        self,
        contact_name: str,
        initial: datetime,
        tz: ZoneInfo,
        now: Callable[[], datetime],
        *,
        title: str = "",
        channel: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Remind me about {contact_name}")
        self.setMinimumWidth(480)
        self._tz = tz
        self.title = QLineEdit(title)
        self.title.setPlaceholderText("What to do, e.g. Send Maria the quote")
        self.title.setAccessibleName("Title")
        self.when = datetime_edit(initial, tz)
        self.when_field = WhenField(self.when, tz, now)
        self.channel = QComboBox()
        self.channel.addItem("Any way", None)
        for c in Channel:
            self.channel.addItem(c.label, c.value)
        self.channel.setCurrentIndex(max(0, self.channel.findData(channel)))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()
        form = QFormLayout()
        form.addRow("&What", self.title)
        form.addRow("&When", self.when_field)
        form.addRow("&How", self.channel)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Remind me")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.title.setFocus()

    def value(self) -> tuple[str, datetime, str | None]:
        return self.title.text(), from_qdatetime(self.when.dateTime(), self._tz), self.channel.currentData()

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText("Say what to do, in a line.")
            self.error.show()
            return
        if self.when_field.valid():
            super().accept()
