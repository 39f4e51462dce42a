"""The Settings dialog's "Work and promises" group: your zone, working hours,
the first day of the week, and per kind of contact the stay-in-touch rhythm
and the reply window. Every field is read with the parser of its row in
followup/settings_table.py, so it is checked exactly as ``config`` checks it."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QTimeEdit

from followup.domain import Kind
from followup.settings_table import DAYS, KINDS, setting, stored
from followup.store import Store
from ui.widgets.when_text import time_format

DAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _time_edit(text: str, name: str) -> QTimeEdit:
    hour, minute = (int(p) for p in text.split(":"))
    edit = QTimeEdit(QTime(hour, minute))
    edit.setDisplayFormat(time_format())
    edit.setAccessibleName(name)
    return edit


class WorkSettings(QGroupBox):
    def __init__(self, store: Store) -> None:
        super().__init__("Work and promises")
        values = stored(store.settings.get)
        self.zone = QLineEdit(store.settings.user_zone())
        self.zone.setAccessibleName("Your time zone")
        completer = QCompleter(sorted(available_timezones()), self.zone)
        completer.setFilterMode(completer.filterMode().MatchContains)
        self.zone.setCompleter(completer)
        self.zone.setToolTip("Your IANA time zone, e.g. Europe/Lisbon: Today's days and your working hours")
        self.work_start = _time_edit(values["work_start"], "Working day starts")
        self.work_end = _time_edit(values["work_end"], "Working day ends")
        self.first_day = QComboBox()
        for label in DAY_LABELS:
            self.first_day.addItem(label)
        self.first_day.setCurrentIndex(values["first_day_of_week"])
        self.first_day.setToolTip("Where Today's “This week” ends")
        self.lead = QSpinBox()
        self.lead.setRange(0, 1440)
        self.lead.setSuffix(" min before")
        self.lead.setValue(values["engagement_reminder_minutes"])
        self.lead.setToolTip("A reminder this long before a meeting or call starts (0: none)")
        grid = QGridLayout(self)
        grid.addWidget(QLabel("Time &zone"), 0, 0)
        grid.itemAtPosition(0, 0).widget().setBuddy(self.zone)  # type: ignore[union-attr]
        grid.addWidget(self.zone, 0, 1, 1, 2)
        grid.addWidget(QLabel("Working hours"), 1, 0)
        grid.addWidget(self.work_start, 1, 1)
        grid.addWidget(self.work_end, 1, 2)
        grid.addWidget(QLabel("Week starts on"), 2, 0)
        grid.addWidget(self.first_day, 2, 1, 1, 2)
        grid.addWidget(QLabel("Meeting reminder"), 3, 0)
        grid.addWidget(self.lead, 3, 1, 1, 2)
        header = ("Kind", "Stay in touch (ideal/limit days)", "Reply within")
        for column, heading in enumerate(header):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 4, column)
        self.cadences: dict[str, QLineEdit] = {}
        self.windows: dict[str, QLineEdit] = {}
        for row, kind in enumerate(KINDS, start=5):
            grid.addWidget(QLabel(Kind(kind).label), row, 0)
            cadence = QLineEdit(setting(f"cadence_{kind}").show(values[f"cadence_{kind}"]))
            cadence.setAccessibleName(f"Stay in touch with a {kind}")
            window = QLineEdit(setting(f"reply_window_{kind}").show(values[f"reply_window_{kind}"]))
            window.setAccessibleName(f"Reply window for a {kind}")
            window.setPlaceholderText("default")
            window.setToolTip("e.g. 24h, 48h, or 4 working hours; empty or default: the general window")
            grid.addWidget(cadence, row, 1)
            grid.addWidget(window, row, 2)
            self.cadences[kind] = cadence
            self.windows[kind] = window

    def values(self) -> dict[str, Any]:
        """The fields in stored form; a field that cannot be read raises
        ValidationError (the dialog shows it and stays open)."""
        out: dict[str, Any] = {
            "user_tz": setting("user_tz").parse(self.zone.text().strip()),
            "work_start": f"{self.work_start.time().hour():02d}:{self.work_start.time().minute():02d}",
            "work_end": f"{self.work_end.time().hour():02d}:{self.work_end.time().minute():02d}",
            "first_day_of_week": DAYS.index(DAYS[self.first_day.currentIndex()]),
            "engagement_reminder_minutes": self.lead.value(),
        }
        for kind in KINDS:
            out[f"cadence_{kind}"] = setting(f"cadence_{kind}").parse(self.cadences[kind].text())
            out[f"reply_window_{kind}"] = setting(f"reply_window_{kind}").parse(self.windows[kind].text())
        return out
