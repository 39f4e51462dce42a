"""Remind me… (issue 13): from the contact page, from Today, from the log
dialog; and Reopen on the contact page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QWidget
from window_pages import ContactPage, Today, Window

from followup.domain import Channel, Contact, Kind
from followup.planning.model import FollowUp, Source, Status
from followup.store import Store
from ui.contacts.touch_point_dialog import TouchPointDialog
from ui.today.remind_dialog import RemindDialog


def _maria(store: Store) -> int:
    return store.contacts.add(Contact(name="Maria Silva", kind=Kind.CLIENT, tz="Europe/Lisbon"))


def test_remind_me_from_the_contact_page_adds_a_follow_up_shown_in_today(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Maria's page is open (it is Monday 09:30 in Lisbon)
    cid = _maria(store)
    Window(qtbot, window).told_of_writes()
    ContactPage(window).open(cid)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, RemindDialog)
        dialog.title.setText("Send Maria the quote")
        qtbot.keyClicks(dialog.when_field.typed, "fri 14:00")
        dialog.channel.setCurrentIndex(dialog.channel.findData("email"))
        dialog.accept()

    # WHEN Contact > Remind me… is filled in with "fri 14:00"
    run = modal(fill, RemindDialog)
    Window(qtbot, window).trigger("remind")
    run.check()
    # THEN a follow-up is due Friday 14:00, the status bar says so, and Today lists it this week
    (fu,) = store.follow_ups.for_contact(cid)
    assert (fu.title, fu.due, fu.channel) == ("Send Maria the quote", datetime(2026, 11, 27, 14, tzinfo=UTC), "email")
    w = Window(qtbot, window)
    assert w.status().startswith("I will remind you Fri 27 Nov, 14:00")
    w.trigger("go_today")
    assert Today(window).count_in(2) == 1
    # AND Ctrl+Z takes it back
    w.undo()
    assert store.follow_ups.for_contact(cid) == []


def test_and_remind_me_in_the_log_dialog_opens_the_reminder(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Maria's page is open
    cid = _maria(store)
    Window(qtbot, window).told_of_writes()
    ContactPage(window).open(cid)
    titles: list[str] = []

    def log(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        dialog.summary.setText("Promised the quote")
        dialog.remind_after.setChecked(True)
        dialog.channel.setCurrentIndex(list(Channel).index(Channel.PHONE))
        remind = modal(lambda d: (titles.append(d.title.text()), d.accept()), RemindDialog)
        dialog.accept()
        runs.append(remind)

    runs: list[object] = []
    # WHEN a call is logged with "And remind me…" ticked
    run = modal(log, TouchPointDialog)
    Window(qtbot, window).trigger("log_touch_point")
    run.check()
    qtbot.waitUntil(lambda: bool(titles))
    # THEN the reminder dialog came with a title from the log, and the reminder exists
    assert titles == ["Follow up: Promised the quote"]
    assert [f.title for f in store.follow_ups.for_contact(cid)] == ["Follow up: Promised the quote"]


def test_a_done_follow_up_can_be_reopened_from_the_contact_page(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a done follow-up of Maria's, shown greyed on her page
    cid = _maria(store)
    fid = store.follow_ups.add(
        FollowUp(cid, "Send the quote", Source.MANUAL, due=clock.now() + timedelta(days=1), tz="Europe/Lisbon")  # type: ignore[arg-type]
    )
    store.follow_ups.close(fid, Status.DONE, clock.now())
    Window(qtbot, window).told_of_writes()
    ContactPage(window).open(cid)
    page, w = ContactPage(window), Window(qtbot, window)
    assert page.follow_up_texts(1)[0].startswith("Done Mon 23 Nov 2026")
    # WHEN Reopen is chosen for it
    page.reopen(fid)
    # THEN it is open again, the status bar says so, and Ctrl+Z closes it again
    assert store.follow_ups.get(fid).status == Status.OPEN
    assert w.status().startswith("Open again: Send the quote.")
    w.undo()
    assert store.follow_ups.get(fid).status == Status.DONE
