"""Logging, editing and deleting touch points through the real dialogs and the timeline."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QWidget,
)
from window_pages import CTRL, focus, save_button, select, shown_id

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.store import Store
from ui.contacts.model import LAST_TOUCHED
from ui.contacts.touch_point_dialog import TouchPointDialog
from ui.shell.window import MainWindow
from ui.widgets.pick_contact_dialog import PickContactDialog


def stale_contact(w: MainWindow, store: Store, clock: FixedClock) -> int:
    """A demo contact not touched today nor yesterday."""
    for r in range(w.contacts_model.rowCount()):
        row = w.contacts_model.contact_at(r)
        if row.last_touched_at and clock.now() - row.last_touched_at > timedelta(days=10):
            return row.id
    raise AssertionError("no stale demo contact")


def test_logging_a_touch_point_puts_it_on_top_of_the_timeline(
    qtbot, modal, demo_window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    # GIVEN a contact last touched weeks ago, shown in the window
    cid = stale_contact(demo_window, demo_store, clock)
    select(qtbot, demo_window, cid)
    page = demo_window.contact_page
    before = page.timeline_model.rowCount()
    assert page.last_touched_label.text() != "Touched today"

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        assert dialog.windowTitle().startswith("Log a touch point with ")
        qtbot.keyClicks(dialog.summary, "Agreed the renewal terms")
        qtbot.keyClicks(dialog.notes, "Send the contract by Friday.")
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)

    run = modal(fill)
    # WHEN the user logs a touch point with Contact > Log touch point
    demo_window.registry.log_touch_point.trigger()
    run.check()
    # THEN it is stored, first in the timeline, and the page says the contact was touched today
    assert not run.left_open
    assert page.timeline_model.rowCount() == before + 1
    top = page.timeline_model.item(0)
    assert (top.summary, top.notes, top.contact_id) == ("Agreed the renewal terms", "Send the contract by Friday.", cid)
    assert top.id is not None and demo_store.touch_points.get(top.id).summary == "Agreed the renewal terms"
    assert page.last_touched_label.text() == "Touched today"
    assert page.timeline_title.text() == f"Touch points ({before + 1})"
    row = demo_window.contacts_model.row_of(cid)
    assert demo_window.contacts_model.index(row, LAST_TOUCHED).data() == "today"


def test_ctrl_l_opens_the_log_dialog_for_the_shown_contact(qtbot, modal, demo_window, demo_store) -> None:
    # GIVEN a contact shown and the focus in the list
    cid = demo_window.contacts_model.contact_at(3).id
    select(qtbot, demo_window, cid)
    name = demo_store.contacts.get(cid).name
    titles: list[str] = []
    run = modal(lambda d: titles.append(d.windowTitle()))
    # WHEN the user presses Ctrl+L
    qtbot.keyClick(demo_window.contacts_panel.table, Qt.Key.Key_L, CTRL)
    run.check()
    # THEN the Log dialog opens for that contact (and cancelling it logs nothing)
    assert titles == [f"Log a touch point with {name}"]
    assert demo_store.touch_points.count_for(cid) == demo_window.contact_page.timeline_model.rowCount()


def log_dialog(qtbot, channel: Channel, clock: FixedClock) -> TouchPointDialog:  # type: ignore[no-untyped-def]
    tp = TouchPoint(contact_id=1, at=clock.now(), channel=channel, direction=Direction.OUT, summary="")
    dialog = TouchPointDialog(tp, "Ana", channel, ZoneInfo("Europe/Lisbon"), lambda _tp: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize(
    ("channel", "difficult", "advice_shown"),
    [
        (Channel.EMAIL, True, True),
        (Channel.TEXT, True, True),
        (Channel.PHONE, True, False),
        (Channel.VIDEO, True, False),
        (Channel.IN_PERSON, True, False),
        (Channel.EMAIL, False, False),
        (Channel.TEXT, False, False),
        (Channel.PHONE, False, False),
    ],
)
def test_difficult_conversation_advice_only_for_written_channels(
    qtbot, clock: FixedClock, channel: Channel, difficult: bool, advice_shown: bool
) -> None:
    # GIVEN a Log dialog, opened with a phone call preselected
    dialog = log_dialog(qtbot, Channel.PHONE, clock)
    assert not dialog.advice.isVisible()
    # WHEN the user picks a channel and ticks (or not) "It was a difficult conversation"
    with qtbot.captureExceptions() as errors:
        dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        if difficult:
            dialog.difficult.click()
    # THEN nothing went wrong, and the advice to talk instead of write shows only for a difficult written exchange
    assert [str(e[1]) for e in errors] == []
    assert dialog.difficult.isChecked() is difficult
    assert dialog.advice.isVisible() is advice_shown


def test_advice_follows_the_channel_and_the_tick(qtbot, clock: FixedClock) -> None:
    # GIVEN a difficult conversation logged as an email: the advice shows
    dialog = log_dialog(qtbot, Channel.EMAIL, clock)
    with qtbot.captureExceptions() as errors:
        dialog.difficult.click()
        email_shown = dialog.advice.isVisible()
        # WHEN the user changes the channel to a phone call, back to email, then unticks "difficult"
        dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.PHONE))
        phone_shown = dialog.advice.isVisible()
        dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.EMAIL))
        email_again_shown = dialog.advice.isVisible()
        dialog.difficult.click()
        unticked_shown = dialog.advice.isVisible()
    # THEN the advice follows: shown for email, hidden for the call, shown again, hidden when unticked
    assert [str(e[1]) for e in errors] == []
    assert (email_shown, phone_shown, email_again_shown, unticked_shown) == (True, False, True, False)


def test_a_difficult_email_is_still_logged_as_difficult(qtbot, modal, demo_window, demo_store) -> None:
    # GIVEN a contact shown in the window
    cid = demo_window.contacts_model.contact_at(6).id
    select(qtbot, demo_window, cid)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        dialog.channel.setCurrentIndex(dialog.channel.findData(Channel.EMAIL))
        dialog.difficult.click()
        assert dialog.advice.isVisible()
        qtbot.keyClicks(dialog.summary, "Pushed back on the invoice")
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)

    run = modal(fill)
    # WHEN the user logs a difficult email
    demo_window.registry.log_touch_point.trigger()
    run.check()
    # THEN it is stored as a difficult email
    top = demo_store.touch_points.for_contact(cid)[0]
    assert (top.summary, top.channel, top.difficult) == ("Pushed back on the invoice", Channel.EMAIL, True)


def test_touch_point_dialog_needs_a_summary_and_stores_what_was_chosen(qtbot, store: Store, clock) -> None:
    # GIVEN a Log dialog for a stored contact, saving into the store
    cid = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    tp = TouchPoint(
        contact_id=cid, at=clock.now(), channel=Channel.EMAIL, direction=Direction.OUT, summary="", tz="Europe/Lisbon"
    )
    dialog = TouchPointDialog(tp, "Ana Lima", Channel.VIDEO, ZoneInfo("Europe/Lisbon"), store.touch_points.add)
    qtbot.addWidget(dialog)
    dialog.show()
    # THEN it starts on the contact's preferred channel and cannot be saved without a summary
    assert dialog.channel.currentData() == Channel.VIDEO
    assert not save_button(dialog.buttons).isEnabled()
    # WHEN the user types a summary, marks a reply as owed, and saves
    qtbot.keyClicks(dialog.summary, "Quarterly review")
    dialog.needs_reply.click()
    dialog.satisfaction.setCurrentIndex(dialog.satisfaction.findData(4))
    qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)
    # THEN the touch point is stored as chosen, at the minute it was logged
    [stored] = store.touch_points.for_contact(cid)
    assert (stored.summary, stored.channel, stored.needs_reply, stored.satisfaction) == (
        "Quarterly review",
        Channel.VIDEO,
        True,
        4,
    )
    assert stored.at == clock.now()
    assert not dialog.isVisible()


def test_delete_key_deletes_a_touch_point_and_undo_restores_it(
    qtbot, demo_window: MainWindow, demo_store: Store
) -> None:
    # GIVEN a contact's timeline with its second entry selected
    cid = demo_window.contacts_model.contact_at(0).id
    select(qtbot, demo_window, cid)
    page = demo_window.contact_page
    before = [tp.id for tp in demo_store.touch_points.for_contact(cid)]
    victim = page.timeline_model.item(1)
    focus(qtbot, page.timeline)
    page.timeline.setCurrentIndex(page.timeline_model.index(1))
    # WHEN the user presses Delete
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)
    # THEN that entry is gone from the store and the timeline
    assert victim.id not in [tp.id for tp in demo_store.touch_points.for_contact(cid)]
    assert page.timeline_model.rowCount() == len(before) - 1
    assert victim.id not in [page.timeline_model.item(r).id for r in range(page.timeline_model.rowCount())]
    assert "Ctrl+Z brings it back" in demo_window.statusBar().currentMessage()
    # WHEN the user undoes it
    demo_window.registry.undo.trigger()
    # THEN the entry is back in its place, with its summary
    assert [tp.id for tp in demo_store.touch_points.for_contact(cid)] == before
    assert page.timeline_model.rowCount() == len(before)
    assert page.timeline_model.item(1).summary == victim.summary


def test_deleting_the_newest_touch_point_updates_last_touched_and_undo_restores_it(
    qtbot, modal, demo_window: MainWindow, demo_store: Store
) -> None:
    # GIVEN a contact with a touch point logged today through the window
    cid = demo_window.contacts_model.contact_at(5).id
    select(qtbot, demo_window, cid)
    page = demo_window.contact_page

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.summary, "Quick check-in")  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    run = modal(fill)
    demo_window.registry.log_touch_point.trigger()
    run.check()
    assert page.last_touched_label.text() == "Touched today"
    # WHEN that newest entry is deleted
    focus(qtbot, page.timeline)
    page.timeline.setCurrentIndex(page.timeline_model.index(0))
    qtbot.keyClick(page.timeline, Qt.Key.Key_Delete)
    # THEN the contact no longer counts as touched today
    assert page.timeline_model.item(0).summary != "Quick check-in"
    assert page.last_touched_label.text().startswith("Last touched ")
    # WHEN it is undone
    demo_window.registry.undo.trigger()
    # THEN it is back on top and the contact was touched today again
    assert page.timeline_model.item(0).summary == "Quick check-in"
    assert page.last_touched_label.text() == "Touched today"


def test_log_with_no_contact_shown_asks_with_whom(qtbot, modal, demo_window: MainWindow, demo_store) -> None:
    # GIVEN no contact is shown
    assert shown_id(demo_window) is None
    titles: list[str] = []

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, PickContactDialog)
        # the whole name, typed, chooses her once the search has answered (she is the only Ngozi Eze)
        qtbot.keyClicks(dialog.picker, "Ngozi Eze")
        qtbot.waitUntil(lambda: not dialog.picker.looking() and dialog.picker.popup_shown())
        assert not any("#" in label for _cid, label in dialog.picker.offered())  # never an internal id
        assert dialog.picker.contact_id() is not None
        # the Log dialog opens once this one has closed
        runs.append(modal(lambda d: titles.append(d.windowTitle()), TouchPointDialog))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    runs = [modal(pick, PickContactDialog)]
    # WHEN the user presses Ctrl+L and types whom it was with
    demo_window.registry.log_touch_point.trigger()
    runs[0].check()
    qtbot.waitUntil(lambda: len(runs) == 2 and runs[1].done)
    runs[1].check()
    # THEN the Log dialog opens for that contact
    assert titles == ["Log a touch point with Ngozi Eze"]


def make_touch_point(store: Store, at, summary: str = "Call") -> tuple[int, int]:  # type: ignore[no-untyped-def]
    cid = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    tp_id = store.touch_points.add(
        TouchPoint(
            contact_id=cid, at=at, channel=Channel.PHONE, direction=Direction.OUT, summary=summary, tz="Europe/Lisbon"
        )
    )
    return cid, tp_id


def edit_summary_through_the_timeline(qtbot, modal, w: MainWindow, cid: int, new_summary: str):  # type: ignore[no-untyped-def]
    select(qtbot, w, cid)
    timeline = w.contact_page.timeline
    focus(qtbot, timeline)
    timeline.setCurrentIndex(w.contact_page.timeline_model.index(0))

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        assert dialog.windowTitle() == "Edit touch point with Ana Lima"
        dialog.summary.clear()
        qtbot.keyClicks(dialog.summary, new_summary)
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)

    run = modal(edit, TouchPointDialog)
    qtbot.keyClick(timeline, Qt.Key.Key_Return)  # Enter on an entry edits it
    run.check()
    assert not run.left_open


def test_editing_a_touch_point_summary_keeps_its_time(qtbot, modal, window: MainWindow, store: Store) -> None:
    # GIVEN a touch point logged at a whole minute, two days ago
    at = datetime(2026, 11, 21, 15, 45, tzinfo=UTC)
    cid, tp_id = make_touch_point(store, at)
    window.reload_contacts()
    # WHEN the user opens it from the timeline and changes only its summary
    edit_summary_through_the_timeline(qtbot, modal, window, cid, "Call about the renewal")
    # THEN the summary changed, its time did not, and the timeline shows the new summary
    stored = store.touch_points.get(tp_id)
    assert stored.summary == "Call about the renewal"
    assert stored.at == at
    assert window.contact_page.timeline_model.item(0).summary == "Call about the renewal"


@pytest.mark.parametrize(
    "at",
    [
        pytest.param(
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
            id="repeated-hour-at-the-end-of-summer-time",
        ),
        pytest.param(
            datetime(2026, 11, 21, 15, 45, 30, tzinfo=UTC),
            id="seconds",
        ),
    ],
)
def test_editing_only_the_summary_never_moves_the_touch_point(qtbot, modal, window, store: Store, at) -> None:
    # GIVEN a touch point at a time the dialog cannot show exactly
    cid, tp_id = make_touch_point(store, at)
    window.reload_contacts()
    # WHEN the user changes only its summary
    edit_summary_through_the_timeline(qtbot, modal, window, cid, "Call about the renewal")
    # THEN it is still at the instant it happened
    stored = store.touch_points.get(tp_id)
    assert stored.summary == "Call about the renewal"
    assert stored.at == at


MACHINE_ZONE_SCRIPT = """
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo
from PySide6.QtWidgets import QApplication
from followup.domain import Channel, Direction, TouchPoint
from ui.contacts.touch_point_dialog import TouchPointDialog
app = QApplication([])
at = datetime.fromisoformat(sys.argv[1])
tp = TouchPoint(contact_id=1, at=at, channel=Channel.PHONE, direction=Direction.OUT, summary="Call", id=1,
                tz="Europe/Lisbon")
dialog = TouchPointDialog(tp, "Ana", Channel.PHONE, ZoneInfo("Europe/Lisbon"), lambda _tp: None)
print(dialog.edited().at.astimezone(UTC).isoformat())
"""


def test_the_edit_dialog_time_does_not_depend_on_the_machine_zone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a user in Lisbon on a machine set to New York, and a touch point at 02:30 Lisbon time on the
    # night New York springs forward (02:30 does not exist there)
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "America/New_York", "PYTHONPATH": str(root)}
    # WHEN the edit dialog is opened on it and read back unchanged
    result = subprocess.run(
        [sys.executable, "-c", MACHINE_ZONE_SCRIPT, "2026-03-08T02:30:00+00:00"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # THEN the time is the one stored
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2026-03-08T02:30:00+00:00"
