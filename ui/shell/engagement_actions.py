"""Engagements from the window: planning one with its preview, and
rescheduling or cancelling one from a contact's page."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from followup.changes import Changes
from followup.planning.model import Engagement, Playbook
from ui.ops.operations import run, run_in_dialog
from ui.ops.shell import Shell
from ui.widgets.counts import plural


class EngagementActions(QObject):
    """Asks the window only through ``Shell``."""

    calendar_requested = Signal(int, bool)  # engagement id, as an invitation: the window's file work

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.dialog_parent())
        self.shell = shell

    def plan_engagement(self, contact_id: int | None = None) -> None:
        w = self.shell
        from followup.engine import plans  # (the plans' engine: off the start-up, issue 16)
        from ui.engagements.plan_dialog import PlanDialog

        if not w.store.contacts.at_least(1):
            return
        if contact_id is None:
            contact_id = w.shown_contact_id()
        now = w.clock.now().astimezone(w.tz)
        start = (now + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
        dialog = PlanDialog(
            w.store.path,
            w.store.playbooks.all(),
            labels=w.store.contacts.picker_labels([contact_id] if contact_id is not None else []),
            preview=lambda e, p: plans.preview(w.store, e, p),
            save=lambda e, p: self._save_plan(e, p, dialog.reminder_lead()),
            default_playbook=lambda ids: plans.default_playbook(w.store, ids),
            tz=w.tz,
            start=start,
            contact_id=contact_id,
            parent=w.dialog_parent(),
            now=w.clock.now,
        )
        dialog.exec()
        dialog.deleteLater()

    def _save_plan(self, engagement: Engagement, playbook: Playbook, lead: int | None = None) -> None:
        from followup import meeting_reminders
        from followup.engine import plans

        w = self.shell

        def write() -> plans.PlanResult:
            with w.store.transaction():
                result = plans.create(w.store, engagement, playbook)
                if lead is not None:
                    meeting_reminders.set_lead(w.store, result.engagement_id, lead)
            return result

        touched = Changes(follow_ups=True, engagements=True, contact_ids=frozenset(engagement.contact_ids))
        result = run_in_dialog(w.hub, write, touched)
        w.show_status(
            f"Planned {engagement.title}: {plural(len(result.created), 'follow-up')} with the {playbook.name} playbook.",
            8000,
        )

    def edit_engagement(self, engagement_id: int) -> None:
        """The plan dialog on an existing engagement: title, times, all-day,
        place, contacts and playbook; saving re-plans its open steps."""
        w = self.shell
        from followup import meeting_reminders
        from followup.engine import plans
        from followup.engine.engagement_edit import EngagementChanges, edit
        from ui.engagements.plan_dialog import PlanDialog

        engagement = w.store.engagements.get(engagement_id)

        def save(edited: Engagement, playbook: Playbook) -> None:
            changes = EngagementChanges(
                title=edited.title,
                start=edited.start,
                end=edited.end,
                all_day=edited.all_day,
                start_date=edited.start_date,
                end_date=edited.end_date,
                location=edited.location,
                contact_ids=edited.contact_ids,
                playbook_id=playbook.id,
            )

            def write() -> plans.PlanResult:
                with w.store.transaction():
                    result = edit(w.store, engagement_id, changes)
                    meeting_reminders.set_lead(w.store, engagement_id, dialog.reminder_lead())
                return result

            touched = Changes(engagements=True, follow_ups=True)
            for cid in set(engagement.contact_ids) | set(edited.contact_ids):
                touched = touched | Changes.for_contact(cid, engagements=True, follow_ups=True)
            result = run_in_dialog(w.hub, write, touched)
            w.show_status(
                f"Saved {edited.title}: {plural(len(result.moved), 'follow-up')} moved, {len(result.created)} added, "
                f"{len(result.cancelled)} cancelled; {plural(len(result.kept), 'closed one')} kept.",
                10000,
            )

        dialog = PlanDialog(
            w.store.path,
            w.store.playbooks.all(),
            labels=w.store.contacts.picker_labels(engagement.contact_ids),
            preview=lambda e, p: plans.preview(w.store, e, p),
            save=save,
            default_playbook=lambda ids: plans.default_playbook(w.store, ids),
            tz=w.tz,
            start=engagement.start or w.clock.now(),
            parent=w.dialog_parent(),
            now=w.clock.now,
        )
        dialog.load(engagement, meeting_reminders.lead_of(w.store, engagement_id))
        dialog.exec()
        dialog.deleteLater()

    def engagement_action(self, engagement_id: int, action: str) -> None:
        w = self.shell
        if action == "edit":
            self.edit_engagement(engagement_id)
            return
        if action == "answers":  # who accepted the invitation (ui/engagements/answers_dialog.py)
            from ui.engagements.answers_dialog import show_answers

            show_answers(w, engagement_id)
            return
        if action in ("ics", "invite"):
            self.calendar_requested.emit(engagement_id, action == "invite")
            return
        from followup.engine import plans

        engagement = w.store.engagements.get(engagement_id)
        touched = Changes(follow_ups=True, engagements=True, contact_ids=frozenset(engagement.contact_ids))
        if action == "cancel":
            answer = QMessageBox.question(
                w.dialog_parent(),
                "Cancel the engagement",
                f"Cancel “{engagement.title}”? Its open follow-ups are cancelled; what is done stays in the "
                "history. You can send the cancellation to calendars afterwards.",
            )
            if answer == QMessageBox.StandardButton.Yes:
                run(
                    w.hub,
                    w.dialog_parent(),
                    "Cancel the engagement",
                    lambda: plans.cancel(w.store, engagement_id),
                    touched,
                    then=lambda result: w.show_status(
                        f"Cancelled {engagement.title} and {plural(len(result.cancelled), 'open follow-up')}.", 8000
                    ),
                )
        elif action == "reschedule":
            from ui.widgets.datetime_edit import PickTimeDialog

            if engagement.all_day:
                initial = w.clock.now()
            else:
                assert engagement.start is not None
                initial = engagement.start
            dialog = PickTimeDialog(
                "Reschedule",
                f"New start for “{engagement.title}” (its open follow-ups move with it):",
                initial,
                w.tz,
                w.dialog_parent(),
            )
            if dialog.exec() != PickTimeDialog.DialogCode.Accepted:
                return
            new = dialog.value()

            def reschedule() -> plans.PlanResult:
                if engagement.all_day:
                    return plans.reschedule(w.store, engagement_id, start_date=new.astimezone(w.tz).date())
                return plans.reschedule(w.store, engagement_id, start=new)

            run(
                w.hub,
                w.dialog_parent(),
                "Reschedule",
                reschedule,
                touched,
                then=lambda result: w.show_status(
                    f"Moved {engagement.title}; {plural(len(result.moved), 'open follow-up')} moved with it.", 8000
                ),
            )
