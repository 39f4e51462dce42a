"""Contacts and touch points from the window: add, edit, archive and delete
a contact (undoable), log, edit and delete a touch point (deleting is
undoable), and asking with whom when no contact is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox

from followup.changes import Changes
from followup.domain import Contact, Direction, TouchPoint
from followup.planning.model import Source
from followup.preferences import Preferences
from ui.ops.operations import FAILED, Failed, run, run_in_dialog
from ui.ops.shell import Shell
from ui.widgets.counts import plural

if TYPE_CHECKING:
    from followup.engine.touch_points import Logged


class ContactActions(QObject):
    """Asks the window only through ``Shell``: the list and the page follow the
    changes each write publishes (a contact archived out of view or deleted
    leaves the page)."""

    remind_requested = Signal(int, str, object)  # contact id, title, channel: "remind me" after logging

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.dialog_parent())
        self.shell = shell

    # -- contacts ----------------------------------------------------------------

    def new_contact(self) -> None:
        w = self.shell
        from ui.contacts.dialog import ContactDialog

        contact = Contact(name="", tz=w.tz.key)
        dialog = ContactDialog(
            contact,
            w.store.path,  # "Referred by" finds people as the user types
            self._save_new_contact,
            w.dialog_parent(),
            Preferences.load(w.store).cadences,
        )
        dialog.exec()

    def _save_new_contact(self, contact: Contact) -> None:
        w = self.shell
        # the list takes the new row from the change (the first contact leaves the welcome page)
        contact_id = run_in_dialog(w.hub, lambda: w.store.contacts.add(contact), Changes.for_contact)
        w.open_contact(contact_id)
        w.show_status(f"Added {contact.name}.", 5000)

    def edit_contact(self, contact_id: int) -> None:
        w = self.shell
        from ui.contacts.dialog import ContactDialog

        contact = w.store.contacts.get(contact_id)
        referrer = None if contact.referred_by is None else w.store.contacts.picker_label(contact.referred_by)
        dialog = ContactDialog(
            contact,
            w.store.path,  # "Referred by" finds people as the user types
            self._save_edited_contact,
            w.dialog_parent(),
            Preferences.load(w.store).cadences,
            referrer=referrer,
        )
        dialog.exec()

    def _save_edited_contact(self, contact: Contact) -> None:
        w = self.shell
        assert contact.id is not None
        run_in_dialog(w.hub, lambda: w.store.contacts.update(contact), Changes.for_contact(contact.id))
        w.show_status(f"Saved {contact.name}.", 5000)

    def toggle_archived(self, contact_id: int) -> None:
        w = self.shell
        contact = w.store.contacts.get(contact_id)
        archive = not contact.archived
        # an archived contact's follow-ups leave Today
        touched = Changes.for_contact(contact_id, follow_ups=True)
        title = "Archive contact" if archive else "Unarchive contact"

        def write() -> None:
            w.store.contacts.set_archived(contact_id, archive)

        if run(w.hub, w.dialog_parent(), title, write, touched) is FAILED:
            return

        def undo() -> None:
            w.store.contacts.set_archived(contact_id, not archive)
            w.hub.publish(Changes.for_contact(contact_id, follow_ups=True))

        w.offer_undo(f"{'archive' if archive else 'unarchive'} {contact.name}", undo)
        verb = "Archived" if archive else "Unarchived"
        w.show_status(f"{verb} {contact.name}. Ctrl+Z undoes it.", 8000)

    def delete_contact(self, contact_id: int) -> None:
        w = self.shell
        contact = w.store.contacts.get(contact_id)
        n = w.store.touch_points.count_for(contact_id)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete contact",
            f"Delete {contact.name} and their {plural(n, 'touch point')}?" if n else f"Delete {contact.name}?",
            QMessageBox.StandardButton.Cancel,
            w.dialog_parent(),
        )
        box.setInformativeText(
            "Archive keeps them out of the way without losing anything. You can undo a delete "
            "with Ctrl+Z until you quit."
        )
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return
        touched = Changes.for_contact(contact_id, touch_points=True, follow_ups=True, engagements=True)
        deleted = run(w.hub, w.dialog_parent(), "Delete contact", lambda: w.store.contacts.delete(contact_id), touched)
        if isinstance(deleted, Failed):
            return

        def restore() -> None:
            w.store.contacts.restore(deleted)
            w.hub.publish(touched)
            w.open_contact(contact_id)

        w.offer_undo(f"delete {contact.name}", restore)
        w.show_status(f"Deleted {contact.name}. Ctrl+Z brings them back.", 10000)

    # -- touch points --------------------------------------------------------------

    def log_touch_point(self, contact_id: int | None = None) -> None:
        w = self.shell
        if not contact_id:
            contact_id = w.shown_contact_id() or self._ask_for_contact()
        if not contact_id:
            return
        from ui.contacts.touch_point_dialog import TouchPointDialog

        contact = w.store.contacts.get(contact_id)
        tp = TouchPoint(
            contact_id=contact_id,
            at=w.clock.now(),
            channel=contact.preferred_channel,
            direction=Direction.OUT,
            summary="",
            tz=w.tz.key,
        )
        promises = w.store.follow_ups.open_of_source(contact_id, Source.REPLY)
        dialog = TouchPointDialog(
            tp,
            contact.name,
            contact.preferred_channel,
            w.tz,
            lambda edited: self._save_touch_point(edited, dialog.answers()),
            w.dialog_parent(),
            promises=promises,
            now=w.clock.now,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.remind_after.isChecked():
            summary = dialog.summary.text().strip()
            self.remind_requested.emit(contact_id, f"Follow up: {summary}", dialog.channel.currentData())

    def _save_touch_point(self, tp: TouchPoint, answers: list[int] | None = None) -> None:
        from followup.engine import replies  # (the engine of touch points: off the start-up, issue 16)
        from followup.engine.touch_points import log_touch_point

        w = self.shell
        touched = Changes.for_contact(tp.contact_id, touch_points=True, follow_ups=True)
        if tp.id is None:
            logged = run_in_dialog(w.hub, lambda: log_touch_point(w.store, tp, answers=answers or []), touched)
            w.show_status(f"Logged: {tp.summary}.{self._logged_text(logged)}", 10000)
            tp_id = logged.touch_point_id
            w.offer_undo(f"log “{tp.summary}”", lambda: self._undo_log(tp_id))
        else:
            reopened = run_in_dialog(w.hub, lambda: replies.edit_touch_point(w.store, tp), touched)
            extra = "".join(f" Open again: {w.store.follow_ups.get(i).title}." for i in reopened)
            w.show_status(f"Saved: {tp.summary}.{extra}", 10000)

    def _logged_text(self, logged: Logged) -> str:
        from followup.planning.promises import reply_due_text

        store = self.shell.store
        text = "".join(f" Closed: {store.follow_ups.get(i).title}." for i in logged.replies_closed)
        if kept := len(logged.closed) - len(logged.replies_closed):
            text += f" Kept {kept} stay-in-touch promise(s)."
        for fu_id in logged.created:
            text += " " + reply_due_text(store.follow_ups.due_instant(fu_id), store.clock.now(), self.shell.tz)
        return text

    def _undo_log(self, touch_point_id: int) -> str:
        from followup.engine import replies

        w = self.shell
        deleted = replies.delete_touch_point(w.store, touch_point_id)
        w.hub.publish(Changes.for_contact(deleted.touch_point.contact_id, touch_points=True, follow_ups=True))
        return " ".join(f"Open again: {w.store.follow_ups.get(i).title}." for i in deleted.reopened)

    def edit_touch_point(self, touch_point_id: int) -> None:
        w = self.shell
        from ui.contacts.touch_point_dialog import TouchPointDialog

        tp = w.store.touch_points.get(touch_point_id)
        contact = w.store.contacts.get(tp.contact_id)
        parent = w.dialog_parent()
        dialog = TouchPointDialog(tp, contact.name, contact.preferred_channel, w.tz, self._save_touch_point, parent)
        dialog.exec()

    def delete_touch_point(self, touch_point_id: int) -> None:
        from followup.engine import replies

        w = self.shell
        tp_contact = w.store.touch_points.get(touch_point_id).contact_id
        touched = Changes.for_contact(tp_contact, touch_points=True, follow_ups=True)
        deleted = run(
            w.hub,
            w.dialog_parent(),
            "Delete touch point",
            lambda: replies.delete_touch_point(w.store, touch_point_id),
            touched,
        )
        if isinstance(deleted, Failed):
            return
        tp = deleted.touch_point

        def restore() -> None:
            replies.restore_touch_point(w.store, deleted)
            w.hub.publish(touched)

        w.offer_undo(f"delete touch point “{tp.summary}”", restore)
        extra = "".join(f" Open again: {w.store.follow_ups.get(i).title}." for i in deleted.reopened)
        w.show_status(f"Deleted touch point “{tp.summary}”.{extra} Ctrl+Z brings it back.", 10000)

    def _ask_for_contact(self) -> int | None:
        w = self.shell
        if not w.store.contacts.at_least(1):
            return None
        from ui.widgets.pick_contact_dialog import ask_for_contact

        return ask_for_contact(w.store.path, "Log touch point", "With &whom?", w.dialog_parent())
