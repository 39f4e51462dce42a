"""The selection survives the list being read again (after a bulk action,
Refresh, Show archived): tag fifty contacts, then archive the same fifty."""

from __future__ import annotations

from PySide6.QtCore import Qt

from followup.domain import Contact
from followup.store import Store
from tests.ui.contacts.test_bulk_contacts_ui import _click, _window_with
from ui.contacts.kept_selection import runs
from ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_selection_is_kept_when_the_list_is_read_again(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN five contacts, the first, third and fifth selected, the fifth (clicked last) shown
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di", "Ed"])
    _click(qtbot, window, 0)
    _click(qtbot, window, 2, CTRL)
    _click(qtbot, window, 4, CTRL)
    assert window.contacts_bulk.selected_ids() == [ids[0], ids[2], ids[4]]
    assert window.shown_contact_id() == ids[4]
    # WHEN the list is read again with one of them gone and a new contact added before them
    store.contacts.delete(ids[2])
    added = store.contacts.add(Contact(name="Aaron", tz="Europe/Lisbon"))
    window.reload_contacts()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 5)
    # THEN those still listed are still selected, the same one current and shown, the new one not selected
    assert window.contacts_bulk.selected_ids() == [ids[0], ids[4]]
    assert window.contacts_panel.current_contact_id() == ids[4] and window.shown_contact_id() == ids[4]
    assert added not in window.contacts_bulk.selected_ids()
    assert window.contacts_bulk.bar.count.text() == "2 selected"


def test_every_contact_selected_stays_selected_after_a_reload(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN every contact selected (Ctrl+A)
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di"])
    _click(qtbot, window, 1)
    window.contacts_panel.table.setFocus()
    qtbot.keyClick(window.contacts_panel.table, Qt.Key.Key_A, CTRL)
    # WHEN the list is read again (as after tagging them all)
    window.reload_contacts()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 4)
    # THEN all are still selected, in one run of rows
    assert sorted(window.contacts_bulk.selected_ids()) == sorted(ids)
    assert window.contacts_panel.table.selectionModel().selection().count() == 1


def test_one_contact_selected_is_just_the_current_one_again(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    _click(qtbot, window, 1)
    window.reload_contacts()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 3)
    assert window.contacts_bulk.selected_ids() == [ids[1]] and window.shown_contact_id() == ids[1]


def test_rows_make_runs() -> None:
    assert runs([]) == []
    assert runs([0, 1, 2, 5, 7, 8]) == [(0, 2), (5, 5), (7, 8)]


def test_the_selection_bar_says_the_selection_kept_once_not_at_each_step(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN every contact selected (Ctrl+A), and what the selection bar is told counted
    _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di"])
    _click(qtbot, window, 1)
    window.contacts_panel.table.setFocus()
    qtbot.keyClick(window.contacts_panel.table, Qt.Key.Key_A, CTRL)
    told: list[int] = []
    window.contacts_bulk.selection_changed.connect(told.append)
    # WHEN the list is read again (as after tagging them all)
    window.reload_contacts()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 4)
    # THEN the bar is told once, the selection as it ends up: not nothing, one, then all of them
    # (each told hid or showed the bar and renamed seven actions: 8 ms at 100,000 contacts)
    assert told == [4]
    assert window.contacts_bulk.bar.count.text() == "4 selected" and window.contacts_bulk.bar.isVisibleTo(window)
