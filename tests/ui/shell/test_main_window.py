"""The main window, driven the way a user drives it: keys, clicks, actions,
and the modal dialogs they open, over a real database file."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.errors import NotFoundError
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.contacts.model import LAST_TOUCHED, NAME, ContactIdRole
from ui.contacts.notes_search import NotesSearchDialog
from ui.contacts.touch_point_dialog import TouchPointDialog
from ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def visible_names(w: MainWindow) -> list[str]:
    model = w.contacts_model
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def shown_id(w: MainWindow) -> int | None:
    """The contact whose page is on the right, or None for the placeholder."""
    if w.right.currentWidget() is not w.contact_page or w.contact_page.contact is None:
        return None
    return w.contact_page.contact.id


def select(qtbot, w: MainWindow, contact_id: int) -> None:  # type: ignore[no-untyped-def]
    """Select a contact by clicking its row, as a user would."""
    table = w.contacts_panel.table
    row = w.contacts_model.row_of(contact_id)
    assert row >= 0, "contact not in the list"
    table.scrollTo(w.contacts_model.index(row, NAME))
    rect = table.visualRect(w.contacts_model.index(row, NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown_id(w) == contact_id


def focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Give ``widget`` the keyboard focus, as a click into it would (the window
    may have lost activation to a dialog that just closed)."""
    window = widget.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def save_button(box: QDialogButtonBox) -> QPushButton:
    button = box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


# -- first run ------------------------------------------------------------------------


def test_empty_database_shows_the_welcome_page(window: MainWindow) -> None:
    # GIVEN an empty database
    # WHEN the window opens
    # THEN the welcome page is shown instead of an empty list, and actions that need a contact are off
    assert window.pages.currentWidget() is window.welcome
    assert window.welcome.isVisible()
    assert not window.registry.log_touch_point.isEnabled()
    assert not window.registry.search_notes.isEnabled()
    assert not window.registry.delete_contact.isEnabled()
    assert window.registry.new_contact.isEnabled()


def test_demo_data_button_loads_contacts_on_a_worker_thread(qtbot, window: MainWindow, store: Store) -> None:
    # GIVEN the welcome page, and a record of the thread that resets the list
    reset_threads: list[QThread] = []
    window.contacts_model.modelReset.connect(
        lambda: reset_threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
    )
    # WHEN the user clicks "Explore with demo data"
    assert window.welcome.demo_button.text() == "Explore with demo data"
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    # THEN the click returns before the data exists (the work is not on the GUI thread)...
    assert window.contacts_model.rowCount() == 0
    # ...and once the worker is done the list fills, on the GUI thread, and the first contact is shown
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 60, timeout=20_000)
    assert store.contacts.count() == 60
    assert store.touch_points.count() > 0
    assert window.pages.currentWidget() is window.tabs
    assert reset_threads and all(t is QApplication.instance().thread() for t in reset_threads)
    assert shown_id(window) == window.contacts_model.contact_at(0).id
    assert window.contacts_panel.count_label.text() == "60 contacts"
    assert window.registry.log_touch_point.isEnabled()


# -- finding contacts -------------------------------------------------------------------


def test_typing_in_the_search_box_filters_the_list(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the 40 demo contacts
    panel = demo_window.contacts_panel
    assert demo_window.contacts_model.rowCount() == 40
    # WHEN the user types part of an organisation name, in another case
    qtbot.keyClicks(panel.search, "BRIGHTwork")
    # THEN only the people at that organisation remain, and the count says so
    rows = [demo_window.contacts_model.contact_at(r) for r in range(demo_window.contacts_model.rowCount())]
    assert 0 < len(rows) < 40
    assert all(r.organisation == "Brightwork" for r in rows)
    assert panel.count_label.text() == f"{len(rows)} of 40 contacts"
    # WHEN the user replaces it with the start of a name, then types more of it
    panel.search.clear()
    qtbot.keyClicks(panel.search, "ngozi")
    assert visible_names(demo_window) == ["Ngozi Eze", "Ngozi Nwosu", "Ngozi Nwosu"]
    qtbot.keyClicks(panel.search, " e")
    # THEN the one person who matches is left
    assert visible_names(demo_window) == ["Ngozi Eze"]


def test_search_with_no_match_empties_the_list(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the demo contacts
    # WHEN the user types a word nobody matches
    qtbot.keyClicks(demo_window.contacts_panel.search, "xyzzy")
    # THEN the list is empty and says so
    assert demo_window.contacts_model.rowCount() == 0
    assert demo_window.contacts_panel.count_label.text() == "0 of 40 contacts"


def test_ctrl_f_focuses_the_search_box(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the focus is in the contacts list
    panel = demo_window.contacts_panel
    focus(qtbot, panel.table)
    assert not panel.search.hasFocus()
    # WHEN the user presses Ctrl+F
    qtbot.keyClick(panel.table, Qt.Key.Key_F, CTRL)
    # THEN the search box has the focus
    qtbot.waitUntil(panel.search.hasFocus, timeout=1000)


def test_down_key_moves_from_the_search_box_into_the_list(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the user has filtered the list from the search box
    panel = demo_window.contacts_panel
    panel.focus_search()
    qtbot.waitUntil(panel.search.hasFocus)
    qtbot.keyClicks(panel.search, "nilsson")
    assert demo_window.contacts_model.rowCount() == 3
    # WHEN they press Down
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    # THEN the list has the focus on its first row, and the key was not typed into the box
    qtbot.waitUntil(panel.table.hasFocus)
    assert panel.table.currentIndex().row() == 0
    assert panel.search.text() == "nilsson"


def test_down_key_from_the_search_box_selects_and_shows_the_first_contact(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the user has filtered the list from the search box, with nothing selected
    panel = demo_window.contacts_panel
    panel.focus_search()
    qtbot.waitUntil(panel.search.hasFocus)
    qtbot.keyClicks(panel.search, "nilsson")
    assert not panel.table.selectionModel().hasSelection()
    # WHEN they press Down
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    # THEN the first contact is selected and their page is shown (as the code intends: selectRow(0))
    first = demo_window.contacts_model.contact_at(0).id
    assert [i.row() for i in panel.table.selectionModel().selectedRows()] == [0]
    assert shown_id(demo_window) == first


def test_enter_in_the_search_box_opens_the_first_contact(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the user has filtered the list from the search box
    panel = demo_window.contacts_panel
    focus(qtbot, panel.search)
    qtbot.keyClicks(panel.search, "ngozi e")
    # WHEN they press Enter
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    # THEN the one matching contact is shown and the focus moves to their timeline
    assert shown_id(demo_window) == demo_window.contacts_model.contact_at(0).id
    assert demo_window.contact_page.name_label.text() == "Ngozi Eze"
    qtbot.waitUntil(demo_window.contact_page.timeline.hasFocus)


def test_escape_clears_the_search(qtbot, demo_window: MainWindow) -> None:
    # GIVEN a filtered list
    panel = demo_window.contacts_panel
    qtbot.keyClicks(panel.search, "nilsson")
    assert demo_window.contacts_model.rowCount() == 3
    # WHEN the user presses Esc in the search box
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    # THEN the search is empty and every contact is back
    assert panel.search.text() == ""
    assert demo_window.contacts_model.rowCount() == 40


def test_filtering_keeps_the_selected_contact_selected(qtbot, demo_window: MainWindow, demo_store: Store) -> None:
    # GIVEN Ngozi Eze is selected
    hao = demo_store.contacts.resolve("Ngozi Eze")
    select(qtbot, demo_window, hao)
    # WHEN the user types a filter that still includes him
    qtbot.keyClicks(demo_window.contacts_panel.search, "ngozi")
    # THEN he is still the selected contact
    assert demo_window.contacts_panel.current_contact_id() == hao
    assert shown_id(demo_window) == hao


def test_kind_filter_combo_limits_the_list(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the demo contacts
    combo = demo_window.contacts_panel.kind_filter
    # WHEN the user picks "Managers"
    combo.setCurrentIndex(combo.findText("Managers"))
    # THEN only managers are listed
    kinds = {demo_window.contacts_model.contact_at(r).kind for r in range(demo_window.contacts_model.rowCount())}
    assert kinds == {Kind.MANAGER}


def test_changing_the_sort_keeps_the_selected_contact_selected(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the first contact by name is selected and shown
    panel = demo_window.contacts_panel
    first = demo_window.contacts_model.contact_at(0).id
    select(qtbot, demo_window, first)
    # WHEN the user sorts by last touched, oldest first (which moves that contact, touched yesterday)
    panel.sort_box.setCurrentIndex(panel.sort_box.findText("Sort: Last touched (oldest first)"))
    assert demo_window.contacts_model.row_of(first) != 0
    # THEN the list still has that contact selected, matching the page on the right
    assert panel.current_contact_id() == first
    assert shown_id(demo_window) == first


# -- adding a contact ---------------------------------------------------------------------


def test_new_contact_dialog_adds_the_contact_and_shows_it(qtbot, modal, demo_window: MainWindow, demo_store) -> None:
    # GIVEN the demo contacts, and a user ready to fill the New contact dialog
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        assert dialog.windowTitle() == "New contact"
        assert not save_button(dialog.buttons).isEnabled()  # no name yet
        qtbot.keyClicks(dialog.name, "Zoe Quokka")
        qtbot.keyClicks(dialog.organisation, "Quokka Labs")
        edit = dialog.emails.first_edit()
        assert edit is not None
        qtbot.keyClicks(edit, "zoe@quokka.example")
        qtbot.keyClicks(dialog.tags, "vip, rottnest")
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)

    run = modal(fill)
    # WHEN they choose File > New contact and save
    demo_window.registry.new_contact.trigger()
    run.check()
    # THEN the dialog closed, the contact is stored, listed, selected and shown
    assert not run.left_open
    new_id = demo_store.contacts.resolve("zoe@quokka.example")
    stored = demo_store.contacts.get(new_id)
    assert (stored.name, stored.organisation, stored.tags, stored.tz) == (
        "Zoe Quokka",
        "Quokka Labs",
        ["rottnest", "vip"],
        "Europe/Lisbon",
    )
    assert demo_window.contacts_model.row_of(new_id) >= 0
    assert demo_window.contacts_panel.current_contact_id() == new_id
    assert shown_id(demo_window) == new_id
    assert demo_window.contact_page.name_label.text() == "Zoe Quokka"
    assert demo_window.contact_page.last_touched_label.text() == "Never touched"
    assert demo_window.statusBar().currentMessage() == "Added Zoe Quokka."


def test_first_contact_from_the_welcome_page_leaves_the_welcome_page(qtbot, modal, window: MainWindow, store) -> None:
    # GIVEN the welcome page of an empty database
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.name, "Ana Lima")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves

    run = modal(fill)
    # WHEN the user clicks "Add your first contact" and saves a name
    qtbot.mouseClick(window.welcome.add_button, Qt.MouseButton.LeftButton)
    run.check()
    # THEN the list replaces the welcome page with that contact selected and shown
    assert not run.left_open
    assert window.pages.currentWidget() is window.tabs
    assert window.tabs.currentWidget() is window.splitter
    assert visible_names(window) == ["Ana Lima"]
    assert shown_id(window) == store.contacts.resolve("Ana Lima")
    assert window.registry.log_touch_point.isEnabled()


def test_new_contact_hidden_by_the_filter_clears_the_filter_to_show_it(qtbot, modal, demo_window, demo_store) -> None:
    # GIVEN the list filtered to "nilsson"
    qtbot.keyClicks(demo_window.contacts_panel.search, "nilsson")

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.name, "Unrelated Person")  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    run = modal(fill)
    # WHEN a contact who does not match is added
    demo_window.registry.new_contact.trigger()
    run.check()
    # THEN the filter is cleared so that the new contact can be selected and shown
    new_id = demo_store.contacts.resolve("Unrelated Person")
    assert demo_window.contacts_panel.search.text() == ""
    assert demo_window.contacts_panel.current_contact_id() == new_id
    assert shown_id(demo_window) == new_id


def test_contact_dialog_refuses_an_unknown_time_zone_and_stays_open(qtbot, modal, demo_window, demo_store) -> None:
    # GIVEN a user who types a time zone that does not exist
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.name, "Marvin Martian")
        line = dialog.tz.lineEdit()
        line.clear()
        qtbot.keyClicks(line, "Mars/Olympus_Mons")
        assert not dialog.error.isVisible()
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)
        seen["error_visible"] = dialog.error.isVisible()
        seen["error"] = dialog.error.text()
        seen["name"] = dialog.name.text()
        seen["still_open"] = dialog.isVisible()

    run = modal(fill)
    before_count = demo_store.contacts.count()
    # WHEN they try to save the contact
    demo_window.registry.new_contact.trigger()
    run.check()
    # THEN the dialog said why, stayed open with what they typed, and nothing was written
    assert seen["still_open"] is True
    assert run.left_open
    assert seen["error_visible"] is True
    assert "Unknown time zone 'Mars/Olympus_Mons'" in str(seen["error"])
    assert seen["name"] == "Marvin Martian"
    assert demo_store.contacts.count() == before_count
    assert demo_window.contacts_model.total() == before_count
    with pytest.raises(NotFoundError):
        demo_store.contacts.resolve("Marvin Martian")


def test_contact_dialog_refuses_a_bad_email_and_keeps_the_name(qtbot, store: Store) -> None:
    # GIVEN a New contact dialog whose save writes to the store
    dialog = ContactDialog(Contact(name="", tz="UTC"), [], store.contacts.add)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Ana Lima")
    edit = dialog.emails.first_edit()
    assert edit is not None
    qtbot.keyClicks(edit, "not-an-email")
    # WHEN the user saves
    dialog.accept()
    # THEN the error is shown, the dialog is still open, and nothing was stored
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "'not-an-email' is not an email address." in dialog.error.text()
    assert store.contacts.count() == 0
    # WHEN they fix the address and save again
    edit.clear()
    qtbot.keyClicks(edit, "ana@example.com")
    dialog.accept()
    # THEN the dialog closes and the contact is stored
    assert not dialog.isVisible()
    assert store.contacts.get(store.contacts.resolve("ana@example.com")).name == "Ana Lima"


# -- logging a touch point -------------------------------------------------------------------


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


# -- archive, delete, undo -----------------------------------------------------------------


def test_archive_hides_the_contact_and_undo_brings_it_back(qtbot, demo_window: MainWindow, demo_store) -> None:
    # GIVEN a contact shown in the window
    cid = demo_window.contacts_model.contact_at(2).id
    select(qtbot, demo_window, cid)
    assert not demo_window.registry.undo.isEnabled()
    # WHEN the user archives them
    demo_window.registry.archive_contact.trigger()
    # THEN they leave the list and the page, are archived in the store, and Undo is offered
    assert demo_window.contacts_model.row_of(cid) == -1
    assert shown_id(demo_window) is None
    assert demo_store.contacts.get(cid).archived
    assert demo_window.registry.undo.isEnabled()
    assert demo_window.contacts_panel.count_label.text() == "39 contacts"
    # WHEN the user presses Ctrl+Z
    focus(qtbot, demo_window.contacts_panel.table)
    qtbot.keyClick(demo_window.contacts_panel.table, Qt.Key.Key_Z, CTRL)
    # THEN they are back in the list, unarchived, and nothing is left to undo
    assert demo_window.contacts_model.row_of(cid) >= 0
    assert not demo_store.contacts.get(cid).archived
    assert not demo_window.registry.undo.isEnabled()
    assert demo_window.contacts_panel.count_label.text() == "40 contacts"


def test_show_archived_lists_archived_contacts(qtbot, demo_window: MainWindow, demo_store) -> None:
    # GIVEN an archived contact
    cid = demo_window.contacts_model.contact_at(0).id
    select(qtbot, demo_window, cid)
    demo_window.registry.archive_contact.trigger()
    assert demo_window.contacts_model.row_of(cid) == -1
    # WHEN View > Show archived contacts is turned on
    demo_window.registry.show_archived.trigger()
    # THEN the archived contact is listed, marked as archived
    row = demo_window.contacts_model.row_of(cid)
    assert row >= 0
    assert demo_window.contacts_model.index(row, NAME).data().endswith("(archived)")


def answer_delete(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()


def test_delete_removes_the_contact_and_undo_restores_it_with_its_touch_points(
    qtbot, modal, demo_window: MainWindow, demo_store: Store
) -> None:
    # GIVEN a contact with touch points, shown in the window
    cid = demo_window.contacts_model.contact_at(4).id
    select(qtbot, demo_window, cid)
    name = demo_store.contacts.get(cid).name
    touch_ids = [tp.id for tp in demo_store.touch_points.for_contact(cid)]
    assert touch_ids
    texts: list[str] = []
    run = modal(lambda box: (texts.append(box.text()), answer_delete(box)))  # type: ignore[attr-defined]
    # WHEN the user deletes them and confirms with the Delete button
    demo_window.registry.delete_contact.trigger()
    run.check()
    # THEN the question named them and their touch points, and they are gone from the store and the window
    assert texts == [f"Delete {name} and their {len(touch_ids)} touch points?"]
    with pytest.raises(NotFoundError):
        demo_store.contacts.get(cid)
    assert demo_store.touch_points.count_for(cid) == 0
    assert demo_window.contacts_model.row_of(cid) == -1
    assert shown_id(demo_window) is None
    assert not demo_window.registry.delete_contact.isEnabled()
    # WHEN the user undoes it
    demo_window.registry.undo.trigger()
    # THEN the contact and every touch point are back, listed, selected and shown
    assert demo_store.contacts.get(cid).name == name
    assert [tp.id for tp in demo_store.touch_points.for_contact(cid)] == touch_ids
    assert demo_window.contacts_model.row_of(cid) >= 0
    assert demo_window.contacts_panel.current_contact_id() == cid
    assert shown_id(demo_window) == cid
    assert demo_window.contact_page.timeline_model.rowCount() == len(touch_ids)


def test_cancelling_the_delete_question_deletes_nothing(qtbot, modal, demo_window: MainWindow, demo_store) -> None:
    # GIVEN a contact shown in the window
    cid = demo_window.contacts_model.contact_at(1).id
    select(qtbot, demo_window, cid)
    n = demo_store.touch_points.count_for(cid)

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Cancel).click()

    run = modal(cancel)
    # WHEN the user clicks Delete… on the page and then Cancel
    qtbot.mouseClick(demo_window.contact_page.delete_button, Qt.MouseButton.LeftButton)
    run.check()
    # THEN the contact and their touch points are still there, and there is nothing to undo
    assert demo_store.contacts.get(cid).id == cid
    assert demo_store.touch_points.count_for(cid) == n
    assert shown_id(demo_window) == cid
    assert not demo_window.registry.undo.isEnabled()


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


# -- help and notes search ------------------------------------------------------------------


def test_keyboard_shortcuts_dialog_lists_the_shortcuts(qtbot, modal, demo_window: MainWindow) -> None:
    # GIVEN the window, whose Help menu has Keyboard shortcuts
    help_menu = next(a.menu() for a in demo_window.menuBar().actions() if a.text() == "&Help")
    assert demo_window.registry.shortcuts in help_menu.actions()
    texts: list[str] = []
    run = modal(lambda box: (texts.append(box.text()), box.accept()))  # type: ignore[attr-defined]
    # WHEN the user opens it
    demo_window.registry.shortcuts.trigger()
    box = run.check()
    # THEN it is a message box listing the New contact and Log touch point shortcuts
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Keyboard shortcuts"
    [text] = texts
    assert "New contact</td><td><b>Ctrl+N</b>" in text
    assert "Log touch point</td><td><b>Ctrl+L</b>" in text
    assert "Ctrl+F" in text and "Esc" in text


def test_notes_search_finds_a_note_and_opens_its_contact(
    qtbot, demo_window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    # GIVEN a supplier with a note about quokkas, and the list showing only clients
    cid = next(r.id for r in demo_store.contacts.rows() if r.kind == Kind.SUPPLIER)
    demo_store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=clock.now() - timedelta(hours=1),
            channel=Channel.PHONE,
            direction=Direction.IN,
            summary="Shipping question",
            notes="Asked about the quokka shipment.",
            tz="Europe/Lisbon",
        )
    )
    combo = demo_window.contacts_panel.kind_filter
    combo.setCurrentIndex(combo.findText("Clients"))
    assert demo_window.contacts_model.row_of(cid) == -1
    # WHEN the user opens Search notes and types the word
    demo_window.registry.search_notes.trigger()
    [dialog] = demo_window.findChildren(NotesSearchDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.query, "Quokka")
    # THEN that touch point is found (as the search runs shortly after typing)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.hit(0).contact_id == cid
    assert dialog.status.text() == "1 touch point. Enter opens the selected one."
    assert dialog.results.currentIndex().row() == 0
    # WHEN they press Enter in the search box
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    # THEN the window lifts the filter hiding that contact, selects them and shows their page
    assert combo.currentIndex() == 0
    assert demo_window.contacts_panel.current_contact_id() == cid
    assert shown_id(demo_window) == cid
    timeline = demo_window.contact_page.timeline_model
    assert timeline.item(0).summary == "Shipping question"


def test_notes_search_says_when_nothing_matches(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the notes search dialog
    demo_window.registry.search_notes.trigger()
    [dialog] = demo_window.findChildren(NotesSearchDialog)
    # WHEN the user types a word no note contains, and presses Enter
    qtbot.keyClicks(dialog.query, "xyzzyplugh")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    # THEN there are no results and the status says so
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "No touch point mentions that."


def test_contact_ids_in_the_list_match_the_store(demo_window: MainWindow, demo_store: Store) -> None:
    # GIVEN the window over the demo data
    # THEN every listed row carries the id of the stored contact with that name, in name order
    model = demo_window.contacts_model
    listed = [(model.index(r, NAME).data(ContactIdRole), model.index(r, NAME).data()) for r in range(model.rowCount())]
    stored = [(r.id, r.name) for r in demo_store.contacts.rows()]
    assert sorted(listed) == sorted(stored)
    assert [n for _, n in listed] == sorted((n for _, n in listed), key=str.casefold)


# -- editing ----------------------------------------------------------------------------------


def test_editing_a_contact_updates_the_list_and_the_page(qtbot, modal, demo_window: MainWindow, demo_store) -> None:
    # GIVEN a contact shown in the window
    cid = demo_window.contacts_model.contact_at(3).id
    select(qtbot, demo_window, cid)
    old = demo_store.contacts.get(cid)

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        assert dialog.windowTitle() == "Edit contact"
        assert dialog.name.text() == old.name
        dialog.organisation.clear()
        qtbot.keyClicks(dialog.organisation, "Moved On Ltd")
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)

    run = modal(edit, ContactDialog)
    # WHEN the user edits their organisation with Contact > Edit contact
    demo_window.registry.edit_contact.trigger()
    run.check()
    # THEN the store, the list row and the page all show the new organisation; the rest is unchanged
    assert not run.left_open
    stored = demo_store.contacts.get(cid)
    assert stored.organisation == "Moved On Ltd"
    assert (stored.name, stored.emails, stored.tags) == (old.name, old.emails, old.tags)
    assert demo_window.contacts_model.index(demo_window.contacts_model.row_of(cid), 1).data() == "Moved On Ltd"
    assert "Moved On Ltd" in demo_window.contact_page.role_label.text()
    assert demo_window.statusBar().currentMessage() == f"Saved {old.name}."


def test_log_with_no_contact_shown_asks_with_whom(qtbot, modal, demo_window: MainWindow, demo_store) -> None:
    # GIVEN no contact is shown
    assert shown_id(demo_window) is None
    hao = demo_store.contacts.resolve("Ngozi Eze")
    titles: list[str] = []

    def pick(dialog: QWidget) -> None:
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        combo.setCurrentIndex(combo.findText(f"Ngozi Eze  (#{hao})"))
        # the Log dialog opens once this one has closed
        runs.append(modal(lambda d: titles.append(d.windowTitle()), TouchPointDialog))
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    runs = [modal(pick, QInputDialog)]
    # WHEN the user presses Ctrl+L and picks a contact from the list
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


def test_unarchive_from_the_contact_page(qtbot, demo_window: MainWindow, demo_store: Store) -> None:
    # GIVEN an archived contact, listed because archived contacts are shown
    cid = demo_window.contacts_model.contact_at(0).id
    select(qtbot, demo_window, cid)
    demo_window.registry.archive_contact.trigger()
    demo_window.registry.show_archived.setChecked(True)
    select(qtbot, demo_window, cid)
    page = demo_window.contact_page
    assert page.archive_button.text() == "Unarchive"
    assert demo_window.registry.archive_contact.text() == "Un&archive contact"
    # WHEN the user clicks Unarchive on their page
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    # THEN they are active again, listed without the archived mark, still shown
    assert not demo_store.contacts.get(cid).archived
    row = demo_window.contacts_model.row_of(cid)
    assert not demo_window.contacts_model.index(row, NAME).data().endswith("(archived)")
    assert page.archive_button.text() == "Archive"
    assert shown_id(demo_window) == cid


def test_refresh_reloads_from_the_database_and_keeps_the_selection(qtbot, demo_window, demo_store, clock) -> None:
    # GIVEN a contact selected, and a contact added to the database behind the window's back (e.g. by the CLI)
    cid = demo_window.contacts_model.contact_at(7).id
    select(qtbot, demo_window, cid)
    other = demo_store.contacts.add(Contact(name="Added Elsewhere"))
    assert demo_window.contacts_model.row_of(other) == -1
    # WHEN the user refreshes
    demo_window.registry.refresh.trigger()
    # THEN the new contact is listed and the selection is kept
    assert demo_window.contacts_model.row_of(other) >= 0
    assert demo_window.contacts_panel.current_contact_id() == cid
    assert shown_id(demo_window) == cid


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


def test_filtering_with_a_contact_selected_does_not_reload_their_page(
    qtbot, demo_window: MainWindow, demo_store: Store
) -> None:
    # GIVEN Ngozi Eze is selected and her page is shown
    ngozi = demo_store.contacts.resolve("Ngozi Eze")
    select(qtbot, demo_window, ngozi)
    assert shown_id(demo_window) == ngozi
    # WHEN the user types a filter, key by key, that keeps her in the list
    # THEN her page is not loaded again on any keystroke (it was, on every one)
    with qtbot.assertNotEmitted(demo_window.contacts_panel.contact_selected):
        qtbot.keyClicks(demo_window.contacts_panel.search, "ngozi")
    # and she is still selected and shown
    assert demo_window.contacts_panel.current_contact_id() == ngozi
    assert shown_id(demo_window) == ngozi
