"""Follow-up actions from anywhere in the window: a one-off reminder
("Remind me…"), and reopening a done or skipped follow-up. Each confirms in
the status bar and can be undone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from followup.changes import Changes
from followup.engine import follow_ups as engine
from followup.engine.reminders_one_off import add_reminder
from followup.errors import FollowupError
from followup.planning.model import Status
from followup.preferences import Preferences
from ui.widgets.when_text import datetime_text

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


class FollowUpActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def current_contact(self) -> int | None:
        """The contact shown, or the one of the follow-up selected in Today."""
        w = self.window
        if w.tabs.currentWidget() is w.today_view and (fu := w.today_view.current()) is not None:
            return fu.contact_id
        return w._shown_id()

    def remind(self, contact_id: int | None = None, title: str = "", channel: str | None = None) -> int | None:
        w = self.window
        contact_id = contact_id or self.current_contact()
        if not contact_id:
            QMessageBox.information(w, "Remind me", "Open a contact, or select a follow-up in Today, first.")
            return None
        from ui.today.remind_dialog import RemindDialog

        now = w.clock.now()
        initial = engine.pick_time_default(now, Preferences.load(w.store))
        name = w.store.contacts.row(contact_id).name
        dialog = RemindDialog(name, initial, w.tz, w.clock.now, title=title, channel=channel, parent=w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text, at, how = dialog.value()
        try:
            fu_id = add_reminder(w.store, contact_id, text, at, how)
        except FollowupError as error:
            QMessageBox.warning(w, "Remind me", str(error))
            return None
        self._changed(contact_id)
        fu = w.store.follow_ups.get(fu_id)

        def undo() -> str:
            before = w.store.follow_ups.get(fu_id)
            if before.status == Status.OPEN:
                w.store.follow_ups.close(fu_id, Status.CANCELLED, w.clock.now())
            self._changed(contact_id)
            return ""

        w._push_undo(f"reminder “{fu.title}”", undo)
        w.statusBar().showMessage(f"I will remind you {datetime_text(at, w.tz, year=False)}: {fu.title}.", 10000)
        return fu_id

    def reopen(self, follow_up_id: int) -> None:
        w = self.window
        before = engine.snapshot(w.store, follow_up_id)
        try:
            engine.reopen(w.store, follow_up_id)
        except FollowupError as error:
            QMessageBox.warning(w, "Reopen", str(error))
            return
        fu = before.follow_up
        self._changed(fu.contact_id)

        def undo() -> str:
            w.store.follow_ups.close(follow_up_id, fu.status, fu.completed_at or w.clock.now(),
                                     resolved_by=fu.resolved_by_touch_point_id)  # fmt: skip
            self._changed(fu.contact_id)
            return ""

        w._push_undo(f"reopen “{fu.title}”", undo)
        w.statusBar().showMessage(f"Open again: {fu.title}. Ctrl+Z undoes it.", 10000)

    def _changed(self, contact_id: int) -> None:
        self.window.hub.publish(Changes.for_contact(contact_id, follow_ups=True))
