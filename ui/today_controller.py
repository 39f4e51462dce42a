"""Acting on follow-ups from the Today view (and anywhere else that shows them)."""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from followup.clock import Clock
from followup.engine import follow_ups as engine
from followup.errors import FollowupError
from followup.planning.model import FollowUp
from followup.preferences import Preferences
from followup.store import Store
from ui.today_model import TodayModel
from ui.today_view import TodayView

log = logging.getLogger(__name__)


class TodayController(QObject):
    contact_changed = Signal(int)  # a follow-up of this contact was acted upon

    def __init__(self, store: Store, clock: Clock, view: TodayView, window: QWidget) -> None:
        super().__init__(window)
        self.store = store
        self.clock = clock
        self.view = view
        self.model: TodayModel = view.model
        self.window = window
        view.done_requested.connect(self.done)
        view.snooze_requested.connect(self.snooze)
        view.reschedule_requested.connect(self.reschedule)
        view.skip_requested.connect(self.skip)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.store.settings.user_zone())

    def refresh(self) -> None:
        current = self.view.current()
        self.model.set_buckets(engine.today(self.store))
        if current is not None:
            for section in range(self.model.rowCount()):
                parent = self.model.section_index(section)
                for row in range(self.model.rowCount(parent)):
                    index = self.model.index(row, 0, parent)
                    fu = self.model.follow_up(index)
                    if fu and fu.id == current.id:
                        self.view.tree.setCurrentIndex(index)
                        return
        self.view.select_first()

    def _after(self, fu: FollowUp, message: str) -> None:
        assert fu.id is not None
        self.model.remove(fu.id)
        if self.view.current() is None:
            self.view.select_first()
        self.contact_changed.emit(fu.contact_id)
        status = getattr(self.window, "statusBar", None)
        if status and message:
            status().showMessage(message, 6000)

    def done(self, fu: FollowUp) -> None:
        from ui.follow_up_dialogs import DoneDialog

        dialog = DoneDialog(fu, self.clock.now(), self.tz, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        assert fu.id is not None
        before = engine.snapshot(self.store, fu.id)
        try:
            tp_id = engine.complete(self.store, fu.id, dialog.touch_point())
        except FollowupError as error:
            QMessageBox.warning(self.window, "Done", str(error))
            return
        self.refresh()  # logging may have kept other promises too
        self.contact_changed.emit(fu.contact_id)
        logged = " and logged" if tp_id is not None else ""
        self._confirm(f"Done{logged}: {fu.title}.", f"done “{fu.title}”", before, tp_id)

    def snooze(self, fu: FollowUp, choice: str) -> None:
        assert fu.id is not None
        now = self.clock.now()
        prefs = Preferences.load(self.store)
        # the later of now and the due time: a snooze never brings anything forward
        due = self.store.follow_ups.due_instant(fu.id)
        if choice == "pick":
            from ui.follow_up_dialogs import PickTimeDialog

            initial = engine.pick_time_default(now, prefs, due=due)
            prompt = f"Remind me again about “{fu.title}” at:"
            dialog = PickTimeDialog("Snooze", prompt, initial, self.tz, self.window, now=self.clock.now)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            until = dialog.value()
        else:
            until = engine.snooze_presets(now, prefs, due=due)[choice]
        before = engine.snapshot(self.store, fu.id)
        try:
            engine.snooze(self.store, fu.id, until)
        except FollowupError as error:
            QMessageBox.warning(self.window, "Snooze", str(error))
            return
        self.refresh()
        self.contact_changed.emit(fu.contact_id)
        when = f"{until.astimezone(self.tz):%a %d %b %H:%M}"
        self._confirm(f"Snoozed until {when}: {fu.title}.", f"snooze “{fu.title}”", before)

    def reschedule(self, fu: FollowUp) -> None:
        assert fu.id is not None
        from ui.follow_up_dialogs import PickTimeDialog

        initial = fu.due or self.clock.now()
        dialog = PickTimeDialog(
            "Reschedule", f"New due time for “{fu.title}”:", initial, self.tz, self.window, now=self.clock.now
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        before = engine.snapshot(self.store, fu.id)
        try:
            engine.reschedule(self.store, fu.id, dialog.value())
        except FollowupError as error:
            QMessageBox.warning(self.window, "Reschedule", str(error))
            return
        self.refresh()
        self.contact_changed.emit(fu.contact_id)
        when = f"{dialog.value().astimezone(self.tz):%a %d %b %H:%M}"
        self._confirm(f"Now due {when}: {fu.title}.", f"reschedule “{fu.title}”", before)

    def skip(self, fu: FollowUp) -> None:
        assert fu.id is not None
        before = engine.snapshot(self.store, fu.id)
        try:
            engine.skip(self.store, fu.id)
        except FollowupError as error:
            QMessageBox.warning(self.window, "Skip", str(error))
            return
        self._after(fu, "")
        self._confirm(f"Skipped: {fu.title}.", f"skip “{fu.title}”", before)

    def _confirm(self, message: str, undo_text: str, before: engine.Snapshot, tp_id: int | None = None) -> None:
        """Say what was done in the status bar, and make it undoable (Ctrl+Z)."""
        push = getattr(self.window, "_push_undo", None)
        if push is not None:

            def undo() -> str:
                engine.restore(self.store, before, logged_touch_point=tp_id)
                self.refresh()
                self.contact_changed.emit(before.follow_up.contact_id)
                return f"“{before.follow_up.title}” is as it was."

            push(undo_text, undo)
            message += " Ctrl+Z undoes it."
        status = getattr(self.window, "statusBar", None)
        if status:
            status().showMessage(message, 10000)
