"""The contacts list: search, filters, sorting and the keyboard, over a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_pages import CTRL, focus, select, shown_id, visible_names

from followup.domain import Kind
from followup.store import Store
from ui.contacts.model import NAME, ContactIdRole
from ui.shell.window import MainWindow


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
    qtbot.keyClicks(panel.search, " eze")
    # THEN the one person who matches is left (words match anywhere, in any order:
    # "ngozi e" also finds a Ngozi Nwosu whose organisation or email has an e)
    assert visible_names(demo_window) == ["Ngozi Eze"]


def test_search_with_no_match_empties_the_list(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the demo contacts
    # WHEN the user types a word nobody matches
    qtbot.keyClicks(demo_window.contacts_panel.search, "xyzzy")
    # THEN the list is empty and says so
    assert demo_window.contacts_model.rowCount() == 0
    assert demo_window.contacts_panel.count_label.text() == "No contact matches."


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
    qtbot.keyClicks(panel.search, "ngozi eze")
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


def test_contact_ids_in_the_list_match_the_store(demo_window: MainWindow, demo_store: Store) -> None:
    # GIVEN the window over the demo data
    # THEN every listed row carries the id of the stored contact with that name, in name order
    model = demo_window.contacts_model
    listed = [(model.index(r, NAME).data(ContactIdRole), model.index(r, NAME).data()) for r in range(model.rowCount())]
    stored = [(r.id, r.name) for r in demo_store.contacts.rows()]
    assert sorted(listed) == sorted(stored)
    assert [n for _, n in listed] == sorted((n for _, n in listed), key=str.casefold)


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


def test_the_sort_box_says_the_order_the_header_sorted_by(demo_window: MainWindow) -> None:
    from ui.contacts.model import LAST_TOUCHED, ORGANISATION
    from ui.contacts.panel import SORTS

    panel = demo_window.contacts_panel
    box, table = panel.sort_box, panel.table
    # GIVEN the list by name, as the box says
    assert box.currentText() == "Sort: Name"
    # WHEN the user clicks the Organisation header (an order the box does not list)
    table.sortByColumn(ORGANISATION, Qt.SortOrder.AscendingOrder)
    # THEN the box says it, not "Name"
    assert box.currentText() == "Sort: Organisation (A–Z)"
    # AND the other way round
    table.sortByColumn(ORGANISATION, Qt.SortOrder.DescendingOrder)
    assert box.currentText() == "Sort: Organisation (Z–A)"
    table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert box.currentText() == "Sort: Name (Z–A)"
    # WHEN the header sorts by an order the box lists THEN it shows that one, and only its own entries are left
    table.sortByColumn(LAST_TOUCHED, Qt.SortOrder.DescendingOrder)
    assert box.currentText() == "Sort: Last touched (newest first)"
    assert box.count() == len(SORTS)
    # WHEN the user picks an entry of the box after a header's order THEN the list follows it
    table.sortByColumn(ORGANISATION, Qt.SortOrder.AscendingOrder)
    box.setCurrentIndex(box.findText("Sort: Name"))
    header = table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (NAME, Qt.SortOrder.AscendingOrder)
    assert box.currentText() == "Sort: Name" and box.count() == len(SORTS)


def test_a_contact_selected_for_the_user_is_selected_whatever_keys_they_hold(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the list filtered from the search box, nothing selected
    panel = demo_window.contacts_panel
    focus(qtbot, panel.search)
    qtbot.keyClicks(panel.search, "nilsson")
    assert not panel.table.selectionModel().hasSelection()
    # WHEN they press Shift+Down (Shift still held as the list is told to select its first row)
    qtbot.keyClick(panel.search, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    # THEN the first contact is selected and shown, not a range from nowhere (an empty selection)
    assert [i.row() for i in panel.table.selectionModel().selectedRows()] == [0]
    assert shown_id(demo_window) == demo_window.contacts_model.contact_at(0).id
    # WHEN, the search cleared and the first contact selected, another is opened from elsewhere while Ctrl is
    # held (a Ctrl+click on a link)
    panel.search.clear()
    qtbot.waitUntil(lambda: demo_window.contacts_model.rowCount() > 1)
    panel.select_first()
    assert panel.current_contact_id() == demo_window.contacts_model.contact_at(0).id
    other = demo_window.contacts_model.contact_at(1).id
    qtbot.keyPress(panel.table, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.ControlModifier
    try:
        assert panel.select_contact(other)
        # THEN that contact alone is selected (not added to the selection)
        rows = panel.table.selectionModel().selectedRows()
        assert [i.data(ContactIdRole) for i in rows] == [other] and panel.current_contact_id() == other
    finally:
        qtbot.keyRelease(panel.table, Qt.Key.Key_Control)
