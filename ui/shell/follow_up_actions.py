"""Follow-up actions from anywhere in the window: a one-off reminder
("Remind me…"), and reopening a done or skipped follow-up. Each confirms in
the status bar and can be undone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from followup.changes import Changes
from followup.planning.model import Status
from followup.preferences import Preferences
from ui.ops.operations import FAILED, Failed, run
from ui.ops.shell import Shell
from ui.widgets.when_text import datetime_text


class FollowUpActions(QObject):
    """Asks the window through ``Shell``; ``current_contact`` says whom "Remind me"
    is about when it is told nobody (the contact shown, or the one of the
    follow-up selected in Today)."""

    def __init__(self, shell: Shell, current_contact: Callable[[], int | None]) -> None:
        super().__init__(shell.dialog_parent())
        self.shell = shell
        self.current_contact = current_contact

    def remind(self, contact_id: int | None = None, title: str = "", channel: str | None = None) -> int | None:
        w = self.shell
        contact_id = contact_id or self.current_contact()
        if not contact_id:
            QMessageBox.information(
                w.dialog_parent(), "Remind me", "Open a contact, or select a follow-up in Today, first."
            )
            return None
        from followup.engine import follow_ups as engine  # (off the start-up, issue 16)
        from followup.engine.reminders_one_off import add_reminder
        from ui.today.remind_dialog import RemindDialog

        now = w.clock.now()
        initial = engine.pick_time_default(now, Preferences.load(w.store))
        name = w.store.contacts.row(contact_id).name
        dialog = RemindDialog(name, initial, w.tz, w.clock.now, title=title, channel=channel, parent=w.dialog_parent())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text, at, how = dialog.value()
        added = run(
            w.hub,
            w.dialog_parent(),
            "Remind me",
            lambda: add_reminder(w.store, contact_id, text, at, how),
            self._touched(contact_id),
        )
        if isinstance(added, Failed):
            return None
        fu_id = added
        fu = w.store.follow_ups.get(fu_id)

        def undo() -> str:
            before = w.store.follow_ups.get(fu_id)
            if before.status == Status.OPEN:
                w.store.follow_ups.close(fu_id, Status.CANCELLED, w.clock.now())
            w.hub.publish(self._touched(contact_id))
            return ""

        w.offer_undo(f"reminder “{fu.title}”", undo)
        w.show_status(f"I will remind you {datetime_text(at, w.tz, year=False)}: {fu.title}.", 10000)
        return fu_id

    def reopen(self, follow_up_id: int) -> None:
        from followup.engine import follow_ups as engine

        w = self.shell
        before = engine.snapshot(w.store, follow_up_id)
        fu = before.follow_up
        if (
            run(
                w.hub,
                w.dialog_parent(),
                "Reopen",
                lambda: engine.reopen(w.store, follow_up_id),
                self._touched(fu.contact_id),
            )
            is FAILED
        ):
            return

        def undo() -> str:
            w.store.follow_ups.close(follow_up_id, fu.status, fu.completed_at or w.clock.now(),
                                     resolved_by=fu.resolved_by_touch_point_id)  # fmt: skip
            w.hub.publish(self._touched(fu.contact_id))
            return ""

        w.offer_undo(f"reopen “{fu.title}”", undo)
        w.show_status(f"Open again: {fu.title}. Ctrl+Z undoes it.", 10000)

    def _touched(self, contact_id: int) -> Changes:
        return Changes.for_contact(contact_id, follow_ups=True)
