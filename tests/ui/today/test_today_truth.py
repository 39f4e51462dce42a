"""Today tells the truth (issue 13): snoozing never brings anything forward,
Pick a time opens at a sensible time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QMessageBox
from window_pages import written

from followup.domain import Contact, Kind
from followup.planning.model import FollowUp, Source
from followup.store import Store
from ui.widgets.datetime_edit import PickTimeDialog


def _client(store: Store, name: str = "Ana Lima") -> int:
    return store.contacts.add(Contact(name=name, kind=Kind.CLIENT, tz="Europe/Lisbon"))


def _show_today(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)


def _select(window, fu_id: int) -> None:  # type: ignore[no-untyped-def]
    model = window.today_model
    for section in range(model.rowCount()):
        parent = model.section_index(section)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            fu = model.follow_up(index)
            if fu is not None and fu.id == fu_id:
                window.today_view.tree.setCurrentIndex(index)
                return
    raise AssertionError(f"follow-up {fu_id} is not in Today")


def test_snooze_one_hour_on_a_later_item_counts_from_its_due_time(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a follow-up due on Thursday 11-26 at 10:00 (it is Monday 09:30)
    due = datetime(2026, 11, 26, 10, tzinfo=UTC)
    fid = store.follow_ups.add(
        FollowUp(contact_id=_client(store), title="Send the quote", source=Source.MANUAL, due=due, tz="Europe/Lisbon")
    )
    _show_today(qtbot, window)
    _select(window, fid)
    # WHEN "1 hour" is chosen in the Snooze menu
    action = next(a for a in window.today_view.snooze_menu.actions() if a.text() == "1 hour")
    action.trigger()
    written(qtbot)
    # THEN it wakes an hour after it was due, never earlier: it is not due today
    fu = store.follow_ups.get(fid)
    assert fu.snoozed_until == due + timedelta(hours=1)
    assert store.follow_ups.due(clock.now() + timedelta(hours=2)) == []


def test_pick_a_time_opens_on_the_next_full_hour(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an overdue follow-up (it is Monday 09:30 in Lisbon)
    fid = store.follow_ups.add(
        FollowUp(
            contact_id=_client(store),
            title="Send the quote",
            source=Source.MANUAL,
            due=clock.now() - timedelta(days=1),
            tz="Europe/Lisbon",
        )
    )
    _show_today(qtbot, window)
    _select(window, fid)
    seen: list[datetime] = []

    def accept(dialog: PickTimeDialog) -> None:
        seen.append(dialog.value())
        dialog.accept()

    # WHEN Snooze > Pick a time opens and OK is pressed at once
    run = modal(accept, PickTimeDialog)
    next(a for a in window.today_view.snooze_menu.actions() if a.text().startswith("Pick")).trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    written(qtbot)
    # THEN it offered 10:00 today, and OK was accepted (snoozed until then)
    assert seen == [datetime(2026, 11, 23, 10, tzinfo=UTC)]
    assert store.follow_ups.get(fid).snoozed_until == datetime(2026, 11, 23, 10, tzinfo=UTC)


def test_a_call_in_another_zone_shows_both_clocks(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a call with Bo in New York at 18:00 his time on Wednesday 11-25 (23:00 in Lisbon),
    # and an email to him at the same time (only a live step needs his clock)
    bo = store.contacts.add(Contact(name="Bo Chen", kind=Kind.CLIENT, tz="America/New_York"))
    at = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    for title, channel in (("Call Bo", "phone"), ("Email Bo", "email")):
        store.follow_ups.add(
            FollowUp(contact_id=bo, title=title, source=Source.MANUAL, due=at, tz="America/New_York", channel=channel)
        )
    # WHEN Today is shown
    _show_today(qtbot, window)
    model = window.today_model
    week = model.section_index(2)
    whens = {model.index(r, 0, week).data(): model.index(r, 4, week).data() for r in range(model.rowCount(week))}
    # THEN the call shows both clocks, the email only mine
    assert whens == {"Call Bo": "Wed 25 Nov, 23:00  (18:00 for them)", "Email Bo": "Wed 25 Nov, 23:00"}


def test_overdue_is_what_is_past_its_due_time(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a promise three hours late this morning, and a nudge 100 days late
    ana = _client(store)
    for title, late in (("Reply to Ana", timedelta(hours=3)), ("Stay in touch", timedelta(days=100))):
        store.follow_ups.add(
            FollowUp(ana, title, Source.MANUAL, due=clock.now() - late, tz="Europe/Lisbon")  # type: ignore[arg-type]
        )
    # WHEN Today is shown THEN both are overdue, the oldest first; nothing is under Today
    _show_today(qtbot, window)
    model = window.today_model
    overdue = model.section_index(0)
    assert [model.index(r, 0, overdue).data() for r in range(model.rowCount(overdue))] == [
        "Stay in touch",
        "Reply to Ana",
    ]
    assert model.rowCount(model.section_index(1)) == 0


def test_a_time_can_be_typed_in_words(qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Pick a time dialog (it is Monday 09:30 in Lisbon)
    from zoneinfo import ZoneInfo

    dialog = PickTimeDialog("Snooze", "When?", clock.now(), ZoneInfo("Europe/Lisbon"), now=clock.now)
    qtbot.addWidget(dialog)
    # WHEN "tomorrow 9:00" is typed THEN the time is Tuesday 09:00
    qtbot.keyClicks(dialog.when_field.typed, "tomorrow 9:00")
    assert dialog.value() == datetime(2026, 11, 24, 9, tzinfo=UTC)
    # AND something unreadable says what works, and OK keeps the dialog open
    dialog.when_field.typed.clear()
    qtbot.keyClicks(dialog.when_field.typed, "soonish")
    assert "tomorrow 9:00" in dialog.when_field.error.text()
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()


def _overdue(store: Store, clock, title: str = "Send the quote") -> int:  # type: ignore[no-untyped-def]
    due = clock.now() - timedelta(hours=2)
    return store.follow_ups.add(
        FollowUp(_client(store), title, Source.MANUAL, due=due, tz="Europe/Lisbon", channel="email")  # type: ignore[arg-type]
    )


def test_done_is_confirmed_and_undone_with_ctrl_z(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    from followup.planning.model import Status
    from ui.today.follow_up_dialogs import DoneDialog

    # GIVEN an overdue follow-up in Today
    fid = _overdue(store, clock)
    _show_today(qtbot, window)
    _select(window, fid)
    # WHEN it is marked done (and logged) with Ctrl+D's dialog
    run = modal(lambda d: d.accept(), DoneDialog)
    window.registry.done.trigger()
    run.check()
    written(qtbot)
    # THEN the status bar confirms it, and Ctrl+Z brings it back, open, with the log removed
    assert store.follow_ups.get(fid).status == Status.DONE
    assert window.statusBar().currentMessage().startswith("Done and logged: Send the quote.")
    window.registry.undo.trigger()
    assert store.follow_ups.get(fid).status == Status.OPEN
    assert store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0] == 0
    assert window.today_model.count() == 1


def test_delete_skips_without_asking_and_ctrl_z_undoes_it(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from followup.planning.model import Status

    # GIVEN an overdue follow-up selected in Today
    fid = _overdue(store, clock)
    _show_today(qtbot, window)
    _select(window, fid)
    window.today_view.tree.setFocus()
    # WHEN Delete is pressed THEN it is skipped at once, and says so
    qtbot.keyClick(window.today_view.tree, Qt.Key.Key_Delete)
    assert window.today_model.count() == 0
    written(qtbot)
    assert store.follow_ups.get(fid).status == Status.SKIPPED
    assert "Skipped: Send the quote." in window.statusBar().currentMessage()
    # AND Ctrl+Z makes it open again, back in Today
    window.registry.undo.trigger()
    assert store.follow_ups.get(fid).status == Status.OPEN
    assert window.today_model.count() == 1


def test_snooze_and_reschedule_are_undone(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an overdue follow-up WHEN snoozed an hour and undone THEN it is not snoozed
    fid = _overdue(store, clock)
    _show_today(qtbot, window)
    _select(window, fid)
    next(a for a in window.today_view.snooze_menu.actions() if a.text() == "1 hour").trigger()
    written(qtbot)
    assert store.follow_ups.get(fid).snoozed_until is not None
    window.registry.undo.trigger()
    assert store.follow_ups.get(fid).snoozed_until is None
    # AND WHEN rescheduled to tomorrow and undone THEN it is due when it was
    due = store.follow_ups.get(fid).due
    _select(window, fid)
    run = modal(lambda d: (d.when_field.typed.setText(""), d.accept()), PickTimeDialog)
    window.today.reschedule(store.follow_ups.get(fid))
    run.check()
    written(qtbot)
    window.registry.undo.trigger()
    assert store.follow_ups.get(fid).due == due


def test_picking_an_earlier_snooze_says_why_without_an_id(qtbot, modal, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a follow-up due on Thursday 11-26 at 10:00 (it is Monday 09:30)
    due = datetime(2026, 11, 26, 10, tzinfo=UTC)
    fid = store.follow_ups.add(
        FollowUp(contact_id=_client(store), title="Send the quote", source=Source.MANUAL, due=due, tz="Europe/Lisbon")
    )
    _show_today(qtbot, window)
    _select(window, fid)
    said: list[str] = []

    def pick_tomorrow(dialog: PickTimeDialog) -> None:
        qtbot.keyClicks(dialog.when_field.typed, "tomorrow 9:00")
        said.append("")  # the message box comes once this dialog closed
        runs.append(modal(lambda box: said.append(box.text()), QMessageBox))
        dialog.accept()

    runs = [modal(pick_tomorrow, PickTimeDialog)]
    # WHEN Snooze > Pick a time is set to tomorrow, before it is due
    next(a for a in window.today_view.snooze_menu.actions() if a.text().startswith("Pick")).trigger()
    qtbot.waitUntil(lambda: len(runs) == 2 and runs[1].done)
    runs[0].check()
    runs[1].check()
    # THEN it is not snoozed, and the message names the follow-up and the way, never its id
    assert store.follow_ups.get(fid).snoozed_until is None
    assert said[1] == (
        "“Send the quote” is not due until Thu 26 Nov 2026, 10:00: a snooze never brings it forward. "
        "To make it due earlier, reschedule it (Reschedule…, R)."
    )
