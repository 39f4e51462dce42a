"""Dates and times on the user's wall clock: the edit, its conversions, and a
small dialog that asks for one instant (snooze, reschedule)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.widgets.when_text import follow_locale


def to_qdatetime(instant: datetime, tz: ZoneInfo) -> QDateTime:
    """The wall-clock time in ``tz`` as a QDateTime that Qt will not adjust.

    It is tagged UTC (no DST at all) so that a time which does not exist in
    the *machine's* zone (a spring-forward gap) is kept as typed; use it with
    an edit from ``datetime_edit()``. The user's zone is applied on the way back.
    """
    local = instant.astimezone(tz)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute),
        QTimeZone(QTimeZone.Initialization.UTC),
    )


def from_qdatetime(value: QDateTime, tz: ZoneInfo) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz).astimezone(UTC)


def datetime_edit(instant: datetime, tz: ZoneInfo) -> QDateTimeEdit:
    """A date-and-time edit showing ``instant`` on the wall clock of ``tz``."""
    edit = QDateTimeEdit()
    edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
    edit.setDateTime(to_qdatetime(instant, tz))
    edit.setCalendarPopup(True)
    follow_locale(edit)
    edit.setToolTip(f"In your time zone ({tz.key})")
    return edit


class PickTimeDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        initial: datetime,
        tz: ZoneInfo,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        from ui.widgets.when_field import WhenField  # (it uses this module's helpers)

        self.setWindowTitle(title)
        self._tz = tz
        self.when = datetime_edit(initial, tz)
        self.when_field = WhenField(self.when, tz, now or (lambda: datetime.now(UTC)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.when_field)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        if self.when_field.valid():
            super().accept()

    def value(self) -> datetime:
        return from_qdatetime(self.when.dateTime(), self._tz)
