"""Adding, editing, archiving and deleting contacts, with Undo, through the real dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)
from window_pages import CTRL, focus, save_button, select, shown_id, visible_names

from followup.domain import Contact
from followup.errors import NotFoundError
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.contacts.model import NAME
from ui.shell.window import MainWindow


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
    assert demo_window.contact_page.last_touched_label.text() == "New"
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
    dialog = ContactDialog(Contact(name="", tz="UTC"), store.path, store.contacts.add)
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


def test_the_time_zone_field_is_not_measured_item_by_item(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the contact dialog, whose time zone list holds every zone
    dialog = ContactDialog(Contact(name="", tz="UTC"), store.path, store.contacts.add)
    qtbot.addWidget(dialog)
    zones = [dialog.tz.itemText(i) for i in range(dialog.tz.count())]
    longest = max(dialog.tz.fontMetrics().horizontalAdvance(zone) for zone in zones)
    # WHEN its size is asked THEN it comes from a number of characters, narrower than the longest
    # zone's name: Qt shaped every zone's name for it, a fifth of opening the dialog (issue 16)
    assert dialog.tz.sizeHint().width() < longest
    assert dialog.tz.minimumSizeHint().width() < longest
    # AND the field still lists every zone, and takes the contact's own
    assert len(zones) > 400
    assert dialog.tz.currentText() == "UTC"
