"""The main window as a whole: the welcome page, demo data, Help, Refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
)
from window_pages import select, shown_id

from followup.domain import Contact
from followup.store import Store
from ui.shell.window import MainWindow


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
