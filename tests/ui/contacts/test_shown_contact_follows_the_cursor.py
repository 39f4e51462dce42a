"""With several contacts selected, the page shows the contact the user last
clicked or moved to (the list's current row): Ctrl+A keeps the contact shown,
Shift+click shows the one clicked, Shift+Down the one moved to. Ctrl+A used to
jump the page to the first row newly selected (8–14 ms of its frame at 100k)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_bulk_contacts_ui import SHIFT, _click, _window_with

from followup.store import Store
from ui.shell.window import MainWindow


def _shown(qtbot, window: MainWindow, contact_id: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.shown_contact_id() == contact_id)


def _selected_rows(window: MainWindow) -> list[int]:
    return sorted(i.row() for i in window.contacts_panel.table.selectionModel().selectedRows())


def test_ctrl_a_keeps_the_contact_shown(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN five contacts, the third clicked and shown
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di", "Ed"])
    _click(qtbot, window, 2)
    _shown(qtbot, window, ids[2])
    filled: list[int] = []
    window.contacts_panel.contact_selected.connect(filled.append)
    # WHEN Ctrl+A selects them all
    qtbot.keyClick(window.contacts_panel.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    # THEN all five are selected, and the page still shows the third, not filled again
    assert _selected_rows(window) == [0, 1, 2, 3, 4]
    assert window.shown_contact_id() == ids[2]
    assert filled == []


def test_shift_click_shows_the_contact_clicked(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN five contacts, the first clicked
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di", "Ed"])
    _click(qtbot, window, 0)
    _shown(qtbot, window, ids[0])
    # WHEN the fourth is Shift+clicked
    _click(qtbot, window, 3, SHIFT)
    # THEN four are selected and the fourth, clicked, is shown
    assert _selected_rows(window) == [0, 1, 2, 3]
    _shown(qtbot, window, ids[3])


def test_shift_down_and_down_show_the_row_moved_to(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN five contacts, the second clicked
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di", "Ed"])
    _click(qtbot, window, 1)
    _shown(qtbot, window, ids[1])
    table = window.contacts_panel.table
    # WHEN Shift+Down extends the selection
    qtbot.keyClick(table, Qt.Key.Key_Down, SHIFT)
    # THEN the third is shown, the second and third selected
    assert _selected_rows(window) == [1, 2]
    _shown(qtbot, window, ids[2])
    # AND Down alone moves on to the fourth, alone selected and shown
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert _selected_rows(window) == [3]
    _shown(qtbot, window, ids[3])
