"""A line where a time can be typed as a person says it ("tomorrow 9:00",
"fri 14:00", "+2h", "-3d"), next to a date-and-time edit that it sets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QDateTimeEdit, QLabel, QLineEdit, QVBoxLayout, QWidget

from followup.errors import ValidationError
from followup.human_time import parse_when
from ui.style import theme
from ui.widgets.datetime_edit import to_qdatetime


class WhenField(QWidget):
    """``edit`` (a QDateTimeEdit) with a line to type the time in words above it."""

    def __init__(self, edit: QDateTimeEdit, tz: ZoneInfo, now: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = edit
        self._tz = tz
        self._now = now
        self.typed = QLineEdit()
        self.typed.setPlaceholderText("or type: tomorrow 9:00, fri 14:00, +2h, -3d")
        self.typed.setAccessibleName("Time in words")
        self.typed.setClearButtonEnabled(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit)
        layout.addWidget(self.typed)
        layout.addWidget(self.error)
        self.typed.textEdited.connect(self._on_typed)

    def _on_typed(self, text: str) -> None:
        if not text.strip():
            self.error.hide()
            return
        try:
            when = parse_when(text, self._tz, self._now())
        except ValidationError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.error.hide()
        self.edit.setDateTime(to_qdatetime(when, self._tz))

    def valid(self) -> bool:
        """False while the typed text cannot be read (the edit keeps its last good time)."""
        return self.error.isHidden()
