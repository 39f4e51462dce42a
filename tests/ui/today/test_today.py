"""The Today view and the plan dialog, driven like a user would: keys, buttons, dialogs."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from window_pages import written

from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.engine import follow_ups as engine
from followup.engine.touch_points import log_touch_point
from followup.planning.model import Source, Status
from followup.store import Store
from ui.engagements.plan_dialog import PlanDialog
from ui.today.follow_up_dialogs import DoneDialog
from ui.today.model import TodayModel
from ui.widgets.datetime_edit import PickTimeDialog


def _client(store: Store, name: str = "Ana Lima") -> int:
    return store.contacts.add(
        Contact(name=name, kind=Kind.CLIENT, emails=[LabelledValue("ana@acme.pt", "work")], tz="Europe/Lisbon")
    )


def _reply_promise(store: Store, contact_id: int, hours_ago: int = 30) -> int:
    """An email that needed an answer, received ``hours_ago``: its promise is open."""
    tp = TouchPoint(
        contact_id=contact_id,
        at=store.clock.now() - timedelta(hours=hours_ago),
        channel=Channel.EMAIL,
        direction=Direction.IN,
        summary="Asked for the updated quote",
        needs_reply=True,
        tz="Europe/Lisbon",
    )
    return log_touch_point(store, tp).created[0]


def _show_today(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)


def test_today_model_passes_the_model_tester(qtmodeltester, demo_store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the demo data's follow-ups WHEN they fill the model THEN it is a well-behaved tree
    model = TodayModel(demo_store.clock.now, __import__("zoneinfo").ZoneInfo("Europe/Lisbon"))
    model.set_buckets(engine.today(demo_store))
    assert model.count() > 0
    qtmodeltester.check(model)
    # AND after one row goes
    first = model.follow_up(model.index(0, 0, model.section_index(0)))
    assert first is not None and first.id is not None
    model.remove(first.id)
    qtmodeltester.check(model)


def test_overdue_reply_promise_comes_first_and_says_how_late(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a reply promise that fell due yesterday, 36 hours ago (the email came 60 h ago),
    # and one that fell due this morning, 6 hours ago
    cid = _client(store)
    _reply_promise(store, cid, hours_ago=60)
    _reply_promise(store, cid, hours_ago=30)
    # WHEN Today is shown
    _show_today(qtbot, window)
    # THEN the overdue section holds it, first, with who, what and how late
    model = window.today_model
    row = model.index(0, 0, model.section_index(0))
    fu = model.follow_up(row)
    assert fu is not None and fu.source == Source.REPLY
    assert model.index(0, 0, model.section_index(0)).data() == "Reply to Ana: Asked for the updated quote"
    assert model.index(0, 1, model.section_index(0)).data() == "Ana Lima"
    assert model.index(0, 4, model.section_index(0)).data() == "36 h late"
    # AND this morning's, 6 hours late, is overdue too (past its due time), after it
    assert model.index(1, 4, model.section_index(0)).data() == "6 h late"
    assert window.today_view.summary.text().startswith("2 overdue")


def test_ctrl_d_marks_done_and_logs_the_reply(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an open reply promise selected in Today
    cid = _client(store)
    fu_id = _reply_promise(store, cid)
    _show_today(qtbot, window)
    window.today_view.tree.setFocus()
    assert window.today_view.current() is not None

    # WHEN Ctrl+D is pressed and the dialog is accepted with "log a touch point" ticked
    def accept(dialog: DoneDialog) -> None:
        assert dialog.log.isChecked()
        dialog.summary.setText("Sent the updated quote")
        dialog.accept()

    run = modal(accept, DoneDialog)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    written(qtbot)
    # THEN the promise is kept by the logged reply, and Today is empty
    fu = store.follow_ups.get(fu_id)
    assert fu.status == Status.DONE
    assert fu.resolved_by_touch_point_id is not None
    assert store.touch_points.get(fu.resolved_by_touch_point_id).summary == "Sent the updated quote"
    qtbot.waitUntil(lambda: window.today_model.count() == 0)
    assert window.today_view.stack.currentWidget() is window.today_view.empty


def test_delete_key_skips_and_the_row_goes(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    fu_id = _reply_promise(store, _client(store))
    _show_today(qtbot, window)
    window.today_view.tree.setFocus()
    # WHEN Delete is pressed on the selected follow-up
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    # THEN it is gone from Today at once, and skipped (kept in the history) once written
    assert window.today_model.count() == 0
    written(qtbot)
    assert store.follow_ups.get(fu_id).status == Status.SKIPPED
    assert window.today_model.count() == 0


def test_snooze_one_hour_hides_it_until_then(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    fu_id = _reply_promise(store, _client(store))
    _show_today(qtbot, window)
    # WHEN "1 hour" is chosen in the Snooze menu
    action = next(a for a in window.today_view.snooze_menu.actions() if a.text() == "1 hour")
    action.trigger()
    written(qtbot)
    # THEN it wakes exactly an hour from now: not due now, due then
    fu = store.follow_ups.get(fu_id)
    assert fu.snoozed_until == clock.now() + timedelta(hours=1)
    assert [f.id for f in store.follow_ups.due(clock.now())] == []
    assert [f.id for f in store.follow_ups.due(clock.now() + timedelta(hours=1))] == [fu_id]


def test_r_reschedules_through_the_dialog(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    fu_id = _reply_promise(store, _client(store))
    _show_today(qtbot, window)
    window.today_view.tree.setFocus()
    new_time = clock.now() + timedelta(days=2)

    def pick(dialog: PickTimeDialog) -> None:
        from ui.widgets.datetime_edit import to_qdatetime

        dialog.when.setDateTime(to_qdatetime(new_time, window.tz))
        dialog.accept()

    run = modal(pick, PickTimeDialog)
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    written(qtbot)
    qtbot.waitUntil(lambda: not window.today.busy())
    # THEN the follow-up is due at the new time (to the minute), no longer overdue
    assert store.follow_ups.get(fu_id).due == new_time.replace(second=0)
    assert window.today_model.rowCount(window.today_model.section_index(0)) == 0


def test_enter_opens_the_contact(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    cid = _client(store)
    _reply_promise(store, cid)
    _show_today(qtbot, window)
    window.today_view.tree.setFocus()
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.splitter
    assert window.contact_page.contact is not None and window.contact_page.contact.id == cid


def test_plan_dialog_previews_then_plans_from_the_keyboard(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a client whose page is open
    cid = _client(store)
    window.reload_contacts()
    window.open_contact(cid)
    seen: dict[str, object] = {}

    # WHEN Ctrl+Shift+E opens the plan dialog, a title is typed and Enter pressed
    def plan(dialog: PlanDialog) -> None:
        qtbot.keyClicks(dialog.title, "Quarterly review")
        dialog.refresh_preview()
        seen["playbook"] = dialog.chosen_playbook().name
        seen["rows"] = dialog.preview_table.rowCount()
        seen["first"] = dialog.preview_table.item(0, 2).text()
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)

    run = modal(plan, PlanDialog)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN the preview showed the client playbook's six steps, and exactly those were saved
    assert seen["playbook"] == "Client meeting"
    assert seen["rows"] == 6
    assert seen["first"] == "Prepare for the Quarterly review with Ana Lima"
    engagements = store.engagements.for_contact(cid)
    assert [e.title for e in engagements] == ["Quarterly review"]
    assert len(store.follow_ups.for_engagement(engagements[0].id or 0)) == 6


def test_plan_dialog_all_day_previews_dates_and_saves_nothing_on_cancel(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    cid = _client(store)
    window.reload_contacts()
    window.open_contact(cid)
    seen: dict[str, object] = {}

    def preview(dialog: PlanDialog) -> None:
        dialog.title.setText("Delivery")
        dialog.playbook.setCurrentIndex(dialog.playbook.findText("Delivery or order"))
        dialog.all_day.setChecked(True)
        dialog.refresh_preview()
        seen["whens"] = [dialog.preview_table.item(r, 0).text() for r in range(dialog.preview_table.rowCount())]
        dialog.reject()

    run = modal(preview, PlanDialog)
    window.registry.plan_engagement.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    whens = seen["whens"]
    assert isinstance(whens, list)
    assert any(w.endswith("all day") for w in whens)  # the delivery day itself
    assert store.engagements.count() == 0 and store.follow_ups.count_open() == 0
