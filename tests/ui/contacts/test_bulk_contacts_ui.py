"""Many contacts at once (issue 15): select in the list, then tag, untag,
change kind, set a rhythm, archive, delete (with Undo) and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.store import Store
from ui.contacts.bulk_dialogs import ChoiceDialog, RhythmDialog
from ui.contacts.model import NAME
from ui.contacts_io.export_dialog import ContactsExportDialog
from ui.ops import long_write
from ui.shell.window import MainWindow

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _window_with(qtbot, window: MainWindow, store: Store, names: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    ids = [store.contacts.add(Contact(name=n, tz="Europe/Lisbon")) for n in names]
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == len(names))
    return ids


def _click(qtbot, window: MainWindow, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    table = window.contacts_panel.table
    rect = table.visualRect(window.contacts_model.index(row, NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_shift_and_ctrl_click_select_and_the_bar_counts(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN five contacts in the list
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy", "Di", "Ed"])
    bulk = window.contacts_bulk
    # WHEN the first is clicked, the third Shift+clicked and the fifth Ctrl+clicked
    _click(qtbot, window, 0)
    assert not bulk.bar.isVisible()
    _click(qtbot, window, 2, SHIFT)
    _click(qtbot, window, 4, CTRL)
    # THEN four are selected, the bar says so and the menu actions name them
    assert bulk.selected_ids() == [ids[0], ids[1], ids[2], ids[4]]
    assert bulk.bar.isVisible() and bulk.bar.count.text() == "4 selected"
    assert window.registry.tag_selected.text() == "&Tag 4 contacts…"
    # AND Ctrl+A in the list selects every contact shown
    window.contacts_panel.table.setFocus()
    qtbot.keyClick(window.contacts_panel.table, Qt.Key.Key_A, CTRL)
    assert len(bulk.selected_ids()) == 5


def test_tag_the_selection_then_undo_in_one_step(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    window.contacts_panel.table.selectAll()

    # WHEN Contact > Tag is chosen and 'vip' typed
    def tag(dialog: ChoiceDialog) -> None:
        qtbot.keyClicks(dialog.combo, "vip")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(tag, ChoiceDialog)
    window.registry.tag_selected.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN all three have it, and the status bar says so
    assert all(store.contacts.get(i).tags == ["vip"] for i in ids)
    assert _status(window).startswith("Tagged 3 contacts 'vip'.")
    assert window.registry.undo.text() == "&Undo tag 3 contacts “vip”"
    # WHEN Edit > Undo
    window.registry.undo.trigger()
    # THEN one step takes the tag off all three
    assert all(store.contacts.get(i).tags == [] for i in ids)
    assert not window.registry.undo.isEnabled()


def test_context_menu_untag_and_kind(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    for i in ids[:2]:
        c = store.contacts.get(i)
        c.tags = ["lead", "x"]
        store.contacts.update(c)
    window.contacts_panel.table.selectAll()
    menu = window.contacts_bulk.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["&Tag 3 contacts…", "Remove a ta&g from 3 contacts…"]
    assert "&Delete 3 contacts…" in texts and "E&xport 3 contacts…" in texts

    # WHEN Kind > Client is chosen in the context menu
    kinds = next(a.menu() for a in menu.actions() if a.text() == "&Kind")
    next(a for a in kinds.actions() if a.text() == "Client").trigger()
    # THEN all three are clients
    assert {store.contacts.get(i).kind for i in ids} == {Kind.CLIENT}
    assert _status(window).startswith("Changed 3 contacts to Client.")

    # WHEN "Remove a tag" offers the tags they have, and 'lead' is removed
    def untag(dialog: ChoiceDialog) -> None:
        assert [dialog.combo.itemText(i) for i in range(dialog.combo.count())] == ["lead", "x"]
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(untag, ChoiceDialog)
    next(a for a in menu.actions() if a.text().startswith("Remove a ta&g")).trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert [store.contacts.get(i).tags for i in ids] == [["x"], ["x"], []]
    assert _status(window).startswith("Removed 'lead' from 2 contacts (1 did not have it).")
    # AND two undos, one per batch, put both back
    window.registry.undo.trigger()
    window.registry.undo.trigger()
    assert store.contacts.get(ids[0]).tags == ["lead", "x"]
    assert {store.contacts.get(i).kind for i in ids} == {Kind.OTHER}


def test_rhythm_for_the_selection(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo"])
    window.contacts_panel.table.selectAll()

    def every_two_weeks(dialog: RhythmDialog) -> None:
        dialog.ideal.setValue(14)
        dialog.limit.setValue(21)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(every_two_weeks, RhythmDialog)
    window.registry.rhythm_selected.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert {(store.contacts.get(i).cadence_ideal_days, store.contacts.get(i).cadence_limit_days) for i in ids} == {
        (14, 21)
    }


def test_ctrl_shift_a_archives_the_selection_and_undo_brings_them_back(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    _click(qtbot, window, 0)
    _click(qtbot, window, 1, SHIFT)
    # WHEN Ctrl+Shift+A (Archive contact) is pressed with two selected
    window.registry.archive_contact.trigger()
    # THEN both are archived and leave the list; the third stays
    assert [store.contacts.get(i).archived for i in ids] == [True, True, False]
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 1)
    assert _status(window).startswith("Archived 2 contacts.")
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 3)
    assert not any(store.contacts.get(i).archived for i in ids)


def test_delete_the_selection_asks_then_undo_restores(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    store.touch_points.add(
        TouchPoint(
            contact_id=ids[0], at=store.clock.now(), channel=Channel.PHONE, direction=Direction.OUT, summary="Call"
        )
    )
    window.contacts_panel.table.selectAll()
    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == "Delete 3 contacts")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    run = modal(confirm, QMessageBox)
    window.registry.delete_selected.trigger()
    # (even three go on the worker, never in the window's frame: five took 109 ms at 100,000 demo contacts)
    assert long_write.running()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert asked == ["Delete 3 contacts and their 1 touch point?"]
    qtbot.waitUntil(lambda: not long_write.running())
    assert store.contacts.count() == 0
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 0 or window.pages.currentWidget() is window.welcome)
    window.registry.undo.trigger()
    assert long_write.running()  # its undo too
    qtbot.waitUntil(lambda: not long_write.running())
    assert sorted(r.id for r in store.contacts.rows()) == ids
    assert store.touch_points.count_for(ids[0]) == 1
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 3)


def test_export_the_selection(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    _click(qtbot, window, 0)
    _click(qtbot, window, 2, CTRL)
    chosen: list[object] = []

    def look(dialog: ContactsExportDialog) -> None:
        assert dialog.selected_radio.isChecked()
        chosen.append(dialog.chosen_ids())

    run = modal(look, ContactsExportDialog)
    window.registry.export_selected.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert chosen == [[ids[0], ids[2]]]


def test_a_contact_deleted_meanwhile_elsewhere(  # type: ignore[no-untyped-def]
    qtbot, modal, window: MainWindow, store: Store, db_path: Path, clock: FixedClock
) -> None:
    ids = _window_with(qtbot, window, store, ["Ana", "Bo", "Cy"])
    window.contacts_panel.table.selectAll()
    # GIVEN another process (the command line) deletes Bo after the selection was made
    other = Store.open(db_path, clock)
    try:
        other.contacts.delete(ids[1])
    finally:
        other.close()

    def tag(dialog: ChoiceDialog) -> None:
        qtbot.keyClicks(dialog.combo, "vip")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(tag, ChoiceDialog)
    window.registry.tag_selected.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN the other two are tagged and the status bar says one was gone
    assert _status(window).startswith("Tagged 2 contacts 'vip' (1 deleted elsewhere meanwhile).")
    assert store.contacts.get(ids[2]).tags == ["vip"]


def test_nothing_selected(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    _window_with(qtbot, window, store, ["Ana", "Bo"])
    window.contacts_panel.table.clearSelection()
    # THEN the selection's actions are off, and asking anyway says what to do
    assert not window.registry.tag_selected.isEnabled()
    said: list[str] = []
    run = modal(lambda box: said.append(box.text()), QMessageBox)
    window.contacts_bulk.tag()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert said == ["Select one or more contacts in the list first."]


def test_change_kind_from_the_contact_menu(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    ids = _window_with(qtbot, window, store, ["Ana", "Bo"])
    window.contacts_panel.table.selectAll()

    def supplier(dialog: ChoiceDialog) -> None:
        dialog.combo.setCurrentIndex(dialog.combo.findText(Kind.SUPPLIER.label))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run = modal(supplier, ChoiceDialog)
    window.registry.kind_selected.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert {store.contacts.get(i).kind for i in ids} == {Kind.SUPPLIER}
