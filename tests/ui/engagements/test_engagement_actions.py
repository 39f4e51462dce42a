"""Rescheduling and cancelling an engagement from the contact page, and the live calendar file."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox

from followup.calendar import live_file
from followup.changes import Changes
from followup.domain import Contact, Kind
from followup.engine import plans
from followup.planning.model import Engagement, Status
from followup.store import Store
from ui.widgets.datetime_edit import PickTimeDialog, to_qdatetime


def _planned(store: Store) -> tuple[int, int]:
    cid = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    start = store.clock.now() + timedelta(days=7)
    engagement = Engagement("Quarterly review", [cid], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon")
    result = plans.create(store, engagement, plans.default_playbook(store, [cid]))
    return cid, result.engagement_id


def test_cancel_from_the_contact_page_cancels_open_follow_ups(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a planned engagement shown on its contact's page
    cid, eid = _planned(store)
    window.reload_contacts()
    window.open_contact(cid)
    window.contact_page.lower_tabs.setCurrentWidget(window.contact_page.engagements_tree)  # (filled when shown)
    assert window.contact_page.engagements_tree.topLevelItem(0).text(2) == "Planned"

    # WHEN "Cancel the engagement" is chosen and confirmed
    def yes(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    run = modal(yes, QMessageBox)
    window.contact_page.engagement_action_requested.emit(eid, "cancel")
    run.check()
    # THEN it and its open follow-ups are cancelled, nothing deleted, and the page says so
    assert store.engagements.get(eid).status == "cancelled"
    follow_ups = store.follow_ups.for_engagement(eid)
    assert len(follow_ups) == 6 and {f.status for f in follow_ups} == {Status.CANCELLED}
    assert window.contact_page.engagements_tree.topLevelItem(0).text(2) == "Cancelled"


def test_reschedule_moves_the_open_follow_ups(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    cid, eid = _planned(store)
    window.reload_contacts()
    window.open_contact(cid)
    before = {f.step_key: f.due for f in store.follow_ups.for_engagement(eid)}
    new_start = store.engagements.get(eid).start + timedelta(days=7)  # type: ignore[operator]

    def pick(dialog: PickTimeDialog) -> None:
        dialog.when.setDateTime(to_qdatetime(new_start, window.tz))
        dialog.accept()

    run = modal(pick, PickTimeDialog)
    window.contact_page.engagement_action_requested.emit(eid, "reschedule")
    run.check()
    # THEN the engagement starts a week later and every open follow-up moved by a week
    assert store.engagements.get(eid).start == new_start
    after = {f.step_key: f.due for f in store.follow_ups.for_engagement(eid)}
    assert after.keys() == before.keys()
    assert all(after[k] - before[k] == timedelta(days=7) for k in before if before[k] and after[k])


def test_the_live_calendar_file_follows_changes(qtbot, window, store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a live calendar file set in the settings
    target = tmp_path / "sync" / "followup.ics"
    target.parent.mkdir()
    live_file.set_live_path(store, target)
    _cid, eid = _planned(store)
    # WHEN follow-ups change in the window (a plan is cancelled)
    window.reload_contacts()
    plans.cancel(store, eid)
    window.hub.publish(Changes(follow_ups=True, engagements=True))
    # THEN within the debounce the file is rewritten with no open follow-up left
    qtbot.waitUntil(lambda: target.exists(), timeout=5000)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" not in text


def test_the_live_calendar_file_follows_a_change_from_another_process(qtbot, window, store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a live calendar file set in the settings, and a plan
    target = tmp_path / "sync" / "followup.ics"
    target.parent.mkdir()
    live_file.set_live_path(store, target)
    _cid, eid = _planned(store)
    window.hub.poll()  # what is there now is known
    # WHEN another connection cancels the plan (as the command line or a sync would)
    with Store.open(store.path) as other:
        plans.cancel(other, eid)
    # THEN the hub notices and the file is rewritten without an open follow-up
    qtbot.waitUntil(lambda: target.exists(), timeout=5000)
    assert "BEGIN:VEVENT" not in target.read_text(encoding="utf-8")


def test_closing_the_window_writes_a_waiting_live_calendar_file(qtbot, window, store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a live calendar file set, and a change still inside the one-second debounce
    target = tmp_path / "sync" / "followup.ics"
    target.parent.mkdir()
    live_file.set_live_path(store, target)
    _planned(store)
    window.hub.publish(Changes(follow_ups=True, engagements=True))
    assert not target.exists()
    # WHEN the window closes at once THEN the file is written before it goes
    window.close()
    assert "BEGIN:VEVENT" in target.read_text(encoding="utf-8")
