"""The import preview (untick a row, import, see the result) and the export dialog,
driven through their real widgets with work on the real worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from followup.clock import FixedClock
from followup.contacts_io import read_file
from followup.contacts_io.merge import Action
from followup.store import Store
from ui.contacts_io.export_dialog import ContactsExportDialog
from ui.contacts_io.import_dialog import ContactsImportDialog

FILES = Path(__file__).resolve().parents[2] / "contacts_io" / "files"
PREVIEW, SUMMARY, CHOOSE, MAPPING = 3, 4, 0, 2


def _dialog(qtbot, db_path: Path, clock: FixedClock, name: str) -> ContactsImportDialog:  # type: ignore[no-untyped-def]
    dialog = ContactsImportDialog(db_path, clock, path=FILES / name)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_untick_a_row_import_and_see_the_result(qtbot, store: Store, clock: FixedClock, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the preview of Google's vCard export
    dialog = _dialog(qtbot, store.path, clock, "google_contacts.vcf")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    qtmodeltester.check(dialog.model)
    assert dialog.counts_label.text() == "6 new · 0 merged · 1 skipped"
    assert dialog.next_button.text() == "&Import 6 contacts"
    # WHEN the user unticks 王小明 (row 2) and imports
    model = dialog.model
    assert model.data(model.index(1, 2)) == "王小明"
    assert model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.counts_label.text() == "5 new · 0 merged · 2 skipped"
    with qtbot.waitSignal(dialog.contacts_imported, timeout=10_000) as imported:
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    # THEN five are saved, 王小明 is not, and the summary says so with the skipped card's reason
    assert imported.args == [5, 0]
    assert dialog.pages.currentIndex() == SUMMARY
    assert "Imported 5 new contacts" in dialog.summary_label.text()
    assert "left out 1 you unticked" in dialog.summary_label.text()
    assert "It has no name, organisation or email address." in dialog.summary_label.text()
    names = {name for _, name in store.contacts.names()}
    assert "王小明" not in names and "ליאת כהן" in names and len(names) == 5


def test_skipped_rows_cannot_be_ticked(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, store.path, clock, "google_contacts.vcf")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    skipped = next(i for i, r in enumerate(dialog.model.rows) if r.action is Action.SKIP)
    index = dialog.model.index(skipped, 0)
    assert not dialog.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not dialog.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def test_a_second_import_merges_and_shows_what_changes(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    from followup.contacts_io.merge import apply_import

    apply_import(store, read_file(FILES / "google_contacts.vcf").items)
    dialog = _dialog(qtbot, store.path, clock, "apple_iphone.vcf")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    assert dialog.counts_label.text() == "1 new · 1 merged · 0 skipped"
    ana = next(i for i, r in enumerate(dialog.model.rows) if r.action is Action.MERGE)
    assert dialog.model.data(dialog.model.index(ana, 1)) == "Merge into Ana Lima"
    assert dialog.model.data(dialog.model.index(ana, 5)) == "adds phone +351 21 000 1234"


def test_a_broken_file_shows_the_line_and_writes_nothing(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, store.path, clock, "truncated.vcf")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert dialog.pages.currentIndex() == CHOOSE
    assert "line 28 (card 3)" in dialog.message.text()
    assert store.contacts.count() == 0


def test_cancel_while_reading_writes_nothing(qtbot, store: Store, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.vcf"
    big.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P {n}\r\nEMAIL:p{n}@x.example\r\nEND:VCARD\r\n" for n in range(20_000)
        ),
        encoding="utf-8",
    )
    dialog = ContactsImportDialog(store.path, clock, path=big)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.next_button.click()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog._job is None, timeout=10_000)
    assert dialog.pages.currentIndex() == CHOOSE
    assert dialog.message.text() == "Cancelled: nothing was imported."
    assert store.contacts.count() == 0


def test_any_csv_goes_through_the_column_mapping(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, store.path, clock, "crm_export.csv")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == MAPPING)
    combo = dialog.mapping_table.cellWidget(4, 2)  # "Tags"
    assert isinstance(combo, QComboBox) and combo.currentData() == "tags"
    combo.setCurrentIndex(combo.findData("skip"))
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    with qtbot.waitSignal(dialog.contacts_imported, timeout=10_000):
        dialog.next_button.click()
    mateus = store.contacts.get(store.contacts.resolve("Mateus Costa"))
    assert mateus.tags == [] and "Account Owner: Ana" in mateus.notes


def test_export_dialog_writes_the_chosen_contacts(qtbot, store: Store, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from followup.contacts_io.merge import apply_import

    apply_import(store, read_file(FILES / "google_contacts.vcf").items)
    ana = store.contacts.resolve("Ana Lima")
    dialog = ContactsExportDialog(store.path, clock, store.contacts.count(), [ana], (ana, "Ana Lima"), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    # WHEN Google CSV is chosen, then "only Ana Lima", then Export
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("google-csv"))
    assert dialog.file_edit.text().endswith(".csv")
    dialog.one_radio.click()
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    # THEN one contact was written, and reading the file back gives her
    path, count = exported.args
    assert count == 1 and dialog.status.text().startswith("Exported 1 contact to")
    assert [i.contact.name for i in read_file(path).items] == ["Ana Lima"]
    # AND all contacts as vCard
    dialog.all_radio.click()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("vcard4"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        dialog.export_button.click()
    assert exported.args[1] == 6 and Path(exported.args[0]).suffix == ".vcf"


def test_the_preview_names_the_encoding_and_what_was_skipped(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a vCard with one line that cannot be read (issue 14: it no longer refuses the file)
    dialog = _dialog(qtbot, store.path, clock, "bad_line.vcf")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == PREVIEW)
    # THEN both cards are offered and the preview says which line was skipped
    assert dialog.counts_label.text() == "2 new · 0 merged · 0 skipped"
    assert "UTF-8" in dialog.file_label.text()
    assert "Line 8 (card 2) could not be read and was skipped" in dialog.file_label.text()
    import os

    if os.environ.get("FOLLOWUP_SHOTS"):
        dialog.resize(900, 500)
        dialog.grab().save(os.path.join(os.environ["FOLLOWUP_SHOTS"], "import-preview-note.png"))
