"""Settings: reminders, quiet hours, working days, start at login, the reply
window, and who the user is. Defaults live in followup/preferences.py."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from followup import autostart
from followup.changes import Changes
from followup.preferences import Preferences
from followup.store import Store
from ui.ops.changes import ChangesHub
from ui.ops.operations import run_in_dialog
from ui.widgets.when_text import time_format

log = logging.getLogger(__name__)
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> str:
    return f"{q.hour():02d}:{q.minute():02d}"


class SettingsDialog(QDialog):
    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        set_autostart: Callable[[bool], None] = autostart.set_enabled,
        hub: ChangesHub | None = None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self.setWindowTitle("Settings")
        self.setMinimumWidth(540)
        self.store = store
        self._set_autostart = set_autostart
        prefs = Preferences.load(store)
        self.prefs = prefs

        self.reminders_on = QCheckBox("&Remind me when a follow-up comes due")
        self.reminders_on.setChecked(prefs.reminders_enabled)
        self.quiet_on = QCheckBox("&Quiet hours from")
        self.quiet_on.setChecked(prefs.quiet_hours_enabled)
        self.quiet_start = QTimeEdit(_qtime(prefs.quiet_start))
        self.quiet_end = QTimeEdit(_qtime(prefs.quiet_end))
        for edit, name in ((self.quiet_start, "Quiet hours start"), (self.quiet_end, "Quiet hours end")):
            edit.setDisplayFormat(time_format())
            edit.setAccessibleName(name)
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet_on)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel("to"))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        self.working_only = QCheckBox("Only on &working days")
        self.working_only.setChecked(prefs.remind_on_working_days_only)
        self.days = [QCheckBox(name) for name in DAY_NAMES]
        days_row = QHBoxLayout()
        for i, box in enumerate(self.days):
            box.setChecked(i in prefs.working_days)
            days_row.addWidget(box)
        days_row.addStretch(1)
        note = QLabel("A reminder that falls in quiet hours or on a day off waits until they end.")
        note.setWordWrap(True)
        reminders_box = QGroupBox("Reminders")
        r = QVBoxLayout(reminders_box)
        r.addWidget(self.reminders_on)
        r.addLayout(quiet_row)
        r.addWidget(self.working_only)
        r.addLayout(days_row)
        r.addWidget(note)

        self.start_at_login = QCheckBox("Start Followup when I &log in (in the tray)")
        self.start_at_login.setChecked(prefs.start_at_login)
        self.reply_hours = QSpinBox()
        self.reply_hours.setRange(1, 24 * 14)
        self.reply_hours.setSuffix(" h")
        self.reply_hours.setValue(prefs.reply_window_hours)
        self.reply_hours.setToolTip("How soon you promise to answer someone who is waiting for you")
        self.user_name = QLineEdit(prefs.user_name)
        self.user_email = QLineEdit(prefs.user_email)
        form = QFormLayout()
        form.addRow("", self.start_at_login)
        form.addRow("Reply &within (default)", self.reply_hours)
        form.addRow("Your &name", self.user_name)
        form.addRow("Your &email", self.user_email)
        self.user_email.setToolTip("The organizer of invites you send; never taken for a contact when importing")
        from followup.calendar import live_setting

        current = live_setting.live_path(store)
        self.live_file = QLineEdit(str(current) if current else "")
        self.live_file.setPlaceholderText("Off: choose a file, e.g. in a synced folder")
        self.live_file.setToolTip(
            "One .ics file kept up to date, for calendar apps subscribed to it: the open follow-ups\n"
            "due from yesterday to a year ahead (older overdue ones wait in Today;\n"
            "File > Export to a calendar writes them all)"
        )
        browse = QPushButton("Browse…")
        browse.setToolTip("Choose where the live calendar file goes")
        browse.clicked.connect(self._on_browse_clicked)
        live_row = QHBoxLayout()
        live_row.addWidget(self.live_file, 1)
        live_row.addWidget(browse)
        live_label = QLabel("&Live calendar file")
        live_label.setBuddy(self.live_file)
        form.addRow(live_label, live_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        from ui.shell.settings_work import WorkSettings
        from ui.style import theme

        self.work = WorkSettings(store)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(reminders_box)
        layout.addWidget(self.work)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reminders_on.toggled.connect(self._update_enabled)
        self.quiet_on.toggled.connect(self._update_enabled)
        self.working_only.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        on = self.reminders_on.isChecked()
        for w in (self.quiet_on, self.working_only):
            w.setEnabled(on)
        for edit in (self.quiet_start, self.quiet_end):
            edit.setEnabled(on and self.quiet_on.isChecked())
        for box in self.days:
            box.setEnabled(on and self.working_only.isChecked())

    def values(self) -> dict[str, object]:
        return {
            "reminders_enabled": self.reminders_on.isChecked(),
            "quiet_hours_enabled": self.quiet_on.isChecked(),
            "quiet_start": _time(self.quiet_start.time()),
            "quiet_end": _time(self.quiet_end.time()),
            "remind_on_working_days_only": self.working_only.isChecked(),
            "working_days": [i for i, box in enumerate(self.days) if box.isChecked()],
            "start_at_login": self.start_at_login.isChecked(),
            "reply_window_hours": self.reply_hours.value(),
            "user_name": self.user_name.text().strip(),
            "user_email": self.user_email.text().strip(),
        }

    def _on_browse_clicked(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self, "Live calendar file", self.live_file.text() or "followup.ics", "Calendar (*.ics)"
        )
        if path:
            self.live_file.setText(path if path.endswith(".ics") else path + ".ics")

    def accept(self) -> None:
        from followup.calendar import live_file
        from followup.errors import FollowupError, ValidationError
        from followup.settings_table import stored, validated

        try:
            values = {**self.values(), **self.work.values()}
            validated(stored(self.store.settings.get), values)  # checked as `config` checks them
        except ValidationError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        live = self.live_file.text().strip()
        if live and not Path(live).expanduser().parent.is_dir():
            QMessageBox.warning(self, "Live calendar file", f"The folder of {live} does not exist.")
            return
        live_path = Path(live).expanduser() if live else None
        if values["start_at_login"] != self.prefs.start_at_login:
            try:
                self._set_autostart(bool(values["start_at_login"]))
            except OSError as error:
                QMessageBox.warning(self, "Start at login", f"Could not change start at login: {error}")
                values["start_at_login"] = self.prefs.start_at_login

        def write() -> None:
            with self.store.transaction():
                live_file.set_live_path(self.store, live_path)
                Preferences.save(self.store, values)

        try:
            run_in_dialog(self._hub, write, Changes(settings=True))
        except FollowupError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()
