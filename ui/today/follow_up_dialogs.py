"""Small dialogs for acting on a follow-up: done (and log it); picking a time is
ui.widgets.datetime_edit.PickTimeDialog."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Channel, Direction, TouchPoint
from followup.planning.model import FollowUp


class DoneDialog(QDialog):
    """Mark a follow-up done, and log the touch point it was in the same step."""

    def __init__(self, fu: FollowUp, now: datetime, tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark done")
        self.setMinimumWidth(460)
        self._fu = fu
        self._now = now
        self._tz = tz
        title = QLabel(f"<b>{fu.title}</b><br>with {fu.contact_name}")
        title.setWordWrap(True)
        self.log = QCheckBox("Also log a touch point with them")
        self.log.setToolTip("Adds this to their timeline, resets the stay-in-touch clock and keeps reply promises")
        self.log.setChecked(bool(fu.channel))
        self.summary = QLineEdit(fu.title)
        self.summary.setAccessibleName("Summary")
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel)
        if fu.channel:
            try:
                self.channel.setCurrentIndex(list(Channel).index(Channel(fu.channel)))
            except ValueError:
                pass
        self.direction = QComboBox()
        for direction in Direction:
            self.direction.addItem(direction.label, direction)
        self.direction.setCurrentIndex(1)  # I reached out
        form = QFormLayout()
        form.addRow("", self.log)
        form.addRow("&Summary", self.summary)
        form.addRow("&Channel", self.channel)
        form.addRow("&Direction", self.direction)
        self.log.toggled.connect(self._on_log_toggled)
        self._on_log_toggled(self.log.isChecked())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Done")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_log_toggled(self, on: bool) -> None:
        for widget in (self.summary, self.channel, self.direction):
            widget.setEnabled(on)

    def touch_point(self) -> TouchPoint | None:
        if not self.log.isChecked() or not self.summary.text().strip():
            return None
        return TouchPoint(
            contact_id=self._fu.contact_id,
            at=self._now,
            channel=Channel(self.channel.currentData()),
            direction=Direction(self.direction.currentData()),
            summary=self.summary.text(),
            tz=self._tz.key,
        )
