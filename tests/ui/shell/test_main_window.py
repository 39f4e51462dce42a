"""The main window as a whole: the welcome page, demo data, Help, Refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from window_pages import ContactsList, Welcome, Window, save_button, select, shown_id

from followup.domain import Contact
from followup.errors import NotFoundError
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.shell.window import MainWindow


def test_empty_database_shows_the_welcome_page(window: MainWindow) -> None:
    # GIVEN an empty database
    # WHEN the window opens
    # THEN the welcome page is shown instead of an empty list, and actions that need a contact are off
    w = Window(None, window)
    assert w.on_welcome()
    assert not w.action("log_touch_point").isEnabled()
    assert not w.action("search_notes").isEnabled()
    assert not w.action("delete_contact").isEnabled()
    assert w.action("new_contact").isEnabled()


def test_demo_data_button_loads_contacts_on_a_worker_thread(qtbot, window: MainWindow, store: Store) -> None:
    # GIVEN the welcome page, and a record of the thread that resets the list
    w, welcome, contacts = Window(qtbot, window), Welcome(qtbot, window), ContactsList(qtbot, window)
    reset_threads = contacts.reset_threads()
    # WHEN the user clicks "Explore with demo data"
    assert welcome.demo_button.text() == "Explore with demo data"
    welcome.click_demo()
    # THEN the click returns before the data exists (the work is not on the GUI thread)...
    assert contacts.ids() == []
    # ...and once the worker is done the list fills, on the GUI thread, and the first contact is shown
    qtbot.waitUntil(lambda: len(contacts.ids()) == 60, timeout=20_000)
    assert store.contacts.count() == 60
    assert store.touch_points.count() > 0
    assert w.on_tabs()
    assert reset_threads and all(t is QApplication.instance().thread() for t in reset_threads)
    assert shown_id(window) == contacts.ids()[0]
    assert contacts.count_text() == "60 contacts"
    assert w.action("log_touch_point").isEnabled()


def test_keyboard_shortcuts_dialog_lists_the_shortcuts(qtbot, modal, demo_window: MainWindow) -> None:
    # GIVEN the window, whose Help menu has Keyboard shortcuts
    w = Window(qtbot, demo_window)
    help_menu = next(a.menu() for a in demo_window.menuBar().actions() if a.text() == "&Help")
    assert w.action("shortcuts") in help_menu.actions()
    texts: list[str] = []
    run = modal(lambda box: (texts.append(box.text()), box.accept()))  # type: ignore[attr-defined]
    # WHEN the user opens it
    w.trigger("shortcuts")
    box = run.check()
    # THEN it is a message box listing the New contact and Log touch point shortcuts
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Keyboard shortcuts"
    [text] = texts
    assert "New contact</td><td><b>Ctrl+N</b>" in text
    assert "Log touch point</td><td><b>Ctrl+L</b>" in text
    assert "Ctrl+F" in text and "Esc" in text


def test_refresh_reloads_from_the_database_and_keeps_the_selection(qtbot, demo_window, demo_store, clock) -> None:
    # GIVEN a contact selected, and a contact added to the database behind the window's back (e.g. by the CLI)
    contacts = ContactsList(qtbot, demo_window)
    cid = contacts.ids()[7]
    select(qtbot, demo_window, cid)
    other = demo_store.contacts.add(Contact(name="Added Elsewhere"))
    assert not contacts.lists(other)
    # WHEN the user refreshes
    Window(qtbot, demo_window).trigger("refresh")
    # THEN the new contact is listed and the selection is kept
    assert contacts.lists(other)
    assert contacts.selected_id() == cid
    assert shown_id(demo_window) == cid


def test_the_first_contact_leaves_the_welcome_page_for_their_page(qtbot, modal, window: MainWindow, store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the welcome page of an empty database
    w = Window(qtbot, window)
    assert w.on_welcome()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.name, "Ana Lima")
        qtbot.mouseClick(save_button(dialog.buttons), Qt.MouseButton.LeftButton)

    # WHEN "Add your first contact" is filled in and saved
    run = modal(fill, ContactDialog)
    window.welcome.add_contact_requested.emit()
    run.check()
    # THEN the tabs replace the welcome page, the contact is listed and their page is open
    (cid,) = [cid for cid, _name in store.contacts.names()]
    assert w.on_tabs()
    assert ContactsList(qtbot, window).names() == ["Ana Lima"]
    assert shown_id(window) == cid
    assert w.status() == "Added Ana Lima."
    assert w.action("log_touch_point").isEnabled()


def test_an_undo_that_fails_says_why_once_and_not_that_it_undid(qtbot, modal, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an undo step whose data went away meanwhile (another process deleted it)
    w = Window(qtbot, window)

    def gone() -> None:
        raise NotFoundError("That contact no longer exists.")

    window.offer_undo("archive Ana", gone)
    assert w.can_undo()
    seen: list[tuple[str, str]] = []
    # WHEN Edit > Undo is chosen
    run = modal(lambda box: (seen.append((box.windowTitle(), box.text())), box.accept()), QMessageBox)  # type: ignore[attr-defined]
    w.undo()
    run.check()
    # THEN one message titled with what was being undone says why; the status bar does not claim it was undone
    assert seen == [("Undo archive Ana", "That contact no longer exists.")]
    assert not w.status().startswith("Undid")
    assert not w.can_undo()
