"""Merging two contacts from the window (preview, which one is kept, Undo)
and the likely duplicates (merge or dismiss, dismissals remembered)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from window_pages import shown_id, visible_names

from followup import duplicates
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.merge_preview import KEEP, OTHER
from followup.store import Store
from ui.contacts.duplicates_dialog import DuplicatesDialog
from ui.contacts.merge_dialog import MergeDialog
from ui.shell.window import MainWindow


def _two_emmas(store: Store, clock: FixedClock) -> tuple[int, int]:
    one = store.contacts.add(
        Contact("Emma Taylor", Kind.CLIENT, "One Ltd", emails=[LabelledValue("emma@one.example")], tags=["vip"])
    )
    two = store.contacts.add(
        Contact("Emma  Taylor", Kind.SUPPLIER, "", "Buyer", emails=[LabelledValue("emma@two.example")])
    )
    now = clock.now()
    for days in (3, 10):
        log_touch_point(store, TouchPoint(two, now - timedelta(days=days), Channel.PHONE, Direction.OUT, "Call"))
    log_touch_point(store, TouchPoint(one, now - timedelta(days=1), Channel.EMAIL, Direction.OUT, "Mail"))
    return one, two


def _cell(dialog: MergeDialog, label: str, column: int) -> str:
    for row in range(dialog.table.rowCount()):
        item = dialog.table.item(row, 0)
        if item is not None and item.text() == label:
            cell = dialog.table.item(row, column)
            return cell.text() if cell is not None else ""
    raise AssertionError(f"no row {label}")


def test_merge_preview_choose_who_is_kept_merge_and_undo(qtbot, modal, window: MainWindow, store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two Emma Taylors, the first one's page open
    one, two = _two_emmas(store, clock)
    window.reload_contacts()
    window.open_contact(one)
    seen: dict[str, object] = {}

    # WHEN Contact > Merge with… is chosen, the second Emma picked, the preview read, and the other one kept
    def check(dialog: QWidget) -> None:
        assert isinstance(dialog, MergeDialog)
        assert not dialog.merge_button.isEnabled()  # nobody picked yet
        # (her name typed: the picker finds her, never the one whose page is open)
        dialog.picker.setFocus()
        qtbot.keyClicks(dialog.picker, "emma")
        qtbot.waitUntil(lambda: not dialog.picker.looking() and dialog.picker.popup_shown())
        assert dialog.picker.offered() == [(two, "Emma  Taylor")]
        qtbot.keyClick(dialog.picker.popup(), Qt.Key.Key_Return)
        assert dialog.other_id == two
        # THEN the preview shows both side by side and what wins
        assert dialog.heading.text() == "Keep Emma Taylor and merge Emma  Taylor into it"
        assert _cell(dialog, "Kind", 1) == "Client" and _cell(dialog, "Kind", 3) == "Client"
        assert _cell(dialog, "Role", 3) == "Buyer"
        assert _cell(dialog, "Email", 3) == "emma@one.example\nemma@two.example"
        assert dialog.preview is not None
        rows = {r.label: r.source for r in dialog.preview.rows}
        assert rows["Kind"] == KEEP and rows["Role"] == OTHER
        assert dialog.moving.text().startswith("Moving to Emma Taylor: 2 touch points.")
        seen["before"] = dialog.moving.text()
        # WHEN the other one is kept instead THEN the preview turns round
        qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
        assert _cell(dialog, "Kind", 3) == "Supplier" and _cell(dialog, "Organisation", 3) == "One Ltd"
        assert dialog.moving.text().startswith("Moving to Emma  Taylor: 1 touch point.")
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    run = modal(check)
    window.registry.merge_contacts.trigger()
    run.check()
    # THEN the second Emma holds everything, the first is gone, nothing was written by the preview before
    assert not run.left_open
    kept = store.contacts.get(two)
    assert kept.kind is Kind.SUPPLIER and kept.organisation == "One Ltd"
    assert store.touch_points.count_for(two) == 3
    assert visible_names(window) == ["Emma  Taylor"]
    assert shown_id(window) == two
    # WHEN Edit > Undo THEN both are back as they were
    assert window.registry.undo.text() == "&Undo merge Emma Taylor into Emma  Taylor"
    window.registry.undo.trigger()
    assert sorted(visible_names(window)) == ["Emma  Taylor", "Emma Taylor"]
    assert store.touch_points.count_for(one) == 1 and store.touch_points.count_for(two) == 2
    assert store.contacts.get(two).organisation == ""
    assert store.contacts.get(one).kind is Kind.CLIENT


def test_duplicates_are_listed_merged_or_dismissed_and_remembered(
    qtbot, modal, window: MainWindow, store, clock
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two Emmas and two Joses who are different people
    one, two = _two_emmas(store, clock)
    jose = store.contacts.add(Contact("José Peña", phones=[LabelledValue("+49 30 1234567")]))
    pepe = store.contacts.add(Contact("Pepe Peña", phones=[LabelledValue("030 1234567")]))
    window.reload_contacts()
    # WHEN Contact > Likely duplicates… opens
    window.registry.duplicates.trigger()
    dialog = next(w for w in window.findChildren(DuplicatesDialog) if w.isVisible())
    qtbot.waitUntil(lambda: len(dialog.pairs) == 2)
    # THEN both pairs show with why, told apart by organisation or email
    texts = [(dialog.tree.topLevelItem(i).text(0), dialog.tree.topLevelItem(i).text(2)) for i in range(2)]  # type: ignore[union-attr]
    assert ("José Peña", "same phone") in texts
    assert ("Emma Taylor (One Ltd)", "similar name") in texts
    # WHEN the Joses are dismissed with Delete
    row = [p.ids for p in dialog.pairs].index((jose, pepe))
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(row))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Delete)
    # THEN they leave the list, and are remembered
    assert [p.ids for p in dialog.pairs] == [(one, two)]
    assert store.conn.execute("SELECT contact_low, contact_high FROM duplicate_dismissals").fetchall() == [(jose, pepe)]

    # WHEN the Emmas are merged from the list (Enter), keeping the first
    def merge(box: QWidget) -> None:
        assert isinstance(box, MergeDialog)
        assert box.pick_row.isHidden()  # both are known
        qtbot.mouseClick(box.merge_button, Qt.MouseButton.LeftButton)

    run = modal(merge)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    run.check()
    # THEN the list is empty and says so; opening it again offers nothing (the Joses stay dismissed)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.empty)
    assert dialog.empty.text() == "No likely duplicates: every contact looks like one person."
    assert duplicates.find(store) == []
    assert store.touch_points.count_for(one) == 3
    dialog.close()
