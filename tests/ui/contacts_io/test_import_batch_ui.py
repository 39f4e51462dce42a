"""The import preview asks once for the kind and tags of the whole batch (issue 15)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from followup.clock import FixedClock
from followup.domain import Kind
from followup.store import Store
from ui.contacts_io.import_dialog import ContactsImportDialog

FILES = Path(__file__).resolve().parents[2] / "contacts_io" / "files"
PREVIEW, SUMMARY = 3, 4


def test_kind_and_tags_for_the_batch_show_in_the_preview_and_are_imported(
    qtbot, store: Store, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the preview of a vCard file of six contacts, one of them unticked
    dialog = ContactsImportDialog(store.path, clock, path=FILES / "google_contacts.vcf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    model = dialog.model
    unticked_name = model.data(model.index(1, 2))
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    # WHEN "Client" is chosen and two tags typed, once, for the whole import
    row = dialog.batch_row
    row.kind.setCurrentIndex(row.kind.findData(Kind.CLIENT))
    row.kind.activated.emit(row.kind.currentIndex())
    qtbot.waitUntil(
        lambda: dialog.pages.currentIndex() == PREVIEW and "Client" in (model.data(model.index(0, 5)) or "")
    )
    row.tags.setFocus()
    qtbot.keyClicks(row.tags, "fair-2026, lead")
    qtbot.keyClick(row.tags, Qt.Key.Key_Return)
    # THEN the preview is made again with them, and the unticked row stays unticked
    qtbot.waitUntil(
        lambda: dialog.pages.currentIndex() == PREVIEW and "fair-2026" in (model.data(model.index(0, 5)) or "")
    )
    assert model.data(model.index(1, 1)) == "Not imported"
    assert dialog.counts_label.text() == "5 new · 0 merged · 2 skipped"
    # WHEN Import is clicked
    with qtbot.waitSignal(dialog.contacts_imported, timeout=10_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    # THEN the five imported are clients with both tags
    rows = store.contacts.rows()
    assert len(rows) == 5 and unticked_name not in {r.name for r in rows}
    assert {r.kind for r in rows} == {Kind.CLIENT}
    assert all({"fair-2026", "lead"} <= set(r.tags) for r in rows)


def test_a_bad_tag_is_said_and_nothing_imported(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    dialog = ContactsImportDialog(store.path, clock, path=FILES / "google_contacts.vcf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    dialog.batch_row.tags.setText("x" * 120)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible() and "tag" in dialog.message.text().lower()
    assert dialog.pages.currentIndex() == PREVIEW
    assert store.contacts.count() == 0
