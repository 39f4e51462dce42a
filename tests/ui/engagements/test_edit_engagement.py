"""Editing an engagement from the contact page (issue 13): the plan dialog
filled in with it; saving moves its open steps and keeps the closed ones."""

from __future__ import annotations

from datetime import timedelta

from followup.domain import Contact, Kind
from followup.engine import plans
from followup.planning.model import Engagement, Status
from followup.store import Store
from ui.engagements.plan_dialog import PlanDialog
from ui.widgets.datetime_edit import to_qdatetime


def _planned(store: Store) -> tuple[int, int]:
    cid = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    start = store.clock.now() + timedelta(days=7)
    engagement = Engagement(
        "Quarterly review", [cid], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon", location="Porto"
    )
    result = plans.create(store, engagement, plans.default_playbook(store, [cid]))
    return cid, result.engagement_id


def test_edit_engagement_fills_the_dialog_and_moves_the_open_steps(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a planned engagement with one step done, shown on its contact's page
    cid, eid = _planned(store)
    steps = store.follow_ups.for_engagement(eid)
    store.follow_ups.close(steps[0].id, Status.DONE, clock.now())  # type: ignore[arg-type]
    window.reload_contacts()
    window.open_contact(cid)
    new_start = store.engagements.get(eid).start + timedelta(days=1)  # type: ignore[operator]
    seen: dict[str, object] = {}

    def edit(dialog: PlanDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["fields"] = (dialog.title.text(), dialog.location.text(), dialog.duration.value())
        seen["ok"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()
        dialog.title.setText("Q4 review")
        dialog.start.setDateTime(to_qdatetime(new_start, window.tz))
        dialog.accept()

    # WHEN Edit… is chosen, and the title and start are changed
    run = modal(edit, PlanDialog)
    window.contact_page.engagement_action_requested.emit(eid, "edit")
    run.check()
    # THEN the dialog was filled in with the engagement
    assert seen == {
        "title": "Edit engagement: Quarterly review",
        "fields": ("Quarterly review", "Porto", 60),
        "ok": "Save",
    }
    # AND it moved, its open steps with it, the done one untouched; the status bar says so
    e = store.engagements.get(eid)
    assert (e.title, e.start) == ("Q4 review", new_start)
    after = store.follow_ups.for_engagement(eid)
    assert after[0].status == Status.DONE and after[0].due == steps[0].due
    during = next(f for f in after if f.phase is not None and f.phase.value == "during")
    assert during.due == new_start
    assert window.statusBar().currentMessage().startswith("Saved Q4 review:")


def test_the_plan_dialog_takes_a_start_in_words(qtbot, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    # GIVEN the plan dialog (it is Monday 09:30 in Lisbon) WHEN "thu 15:00" is typed as the start
    cid, _eid = _planned(store)
    dialog = PlanDialog(
        store.path,
        store.playbooks.all(),
        labels=store.contacts.picker_labels([cid]),
        preview=lambda e, b: plans.preview(store, e, b),
        save=lambda e, b: None,
        default_playbook=lambda ids: plans.default_playbook(store, ids),
        tz=ZoneInfo("Europe/Lisbon"),
        start=clock.now(),
        contact_id=cid,
        now=clock.now,
    )
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.start_field.typed, "thu 15:00")
    # THEN the engagement starts then
    assert dialog.engagement().start == datetime(2026, 11, 26, 15, tzinfo=UTC)
    dialog.done(0)  # stops the preview timer before the store closes


def test_an_engagement_can_have_its_own_reminder_lead_time(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    from followup import meeting_reminders

    # GIVEN a planned engagement WHEN edited to remind 5 minutes before
    cid, eid = _planned(store)
    window.reload_contacts()
    window.open_contact(cid)
    shown: list[str] = []

    def edit(dialog: PlanDialog) -> None:
        shown.append(dialog.remind_before.text())
        dialog.remind_before.setValue(5)
        dialog.accept()

    run = modal(edit, PlanDialog)
    window.contact_page.engagement_action_requested.emit(eid, "edit")
    run.check()
    # THEN it showed "as in Settings" first, and now has its own 5 minutes
    assert shown == ["As in Settings"]
    assert meeting_reminders.lead_of(store, eid) == 5
