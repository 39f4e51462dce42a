"""Every menu action that opens a dialog really opens it (the wiring between
the window, its controllers and the dialogs of each feature)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from window_pages import ContactPage, ContactsList, Window

from followup.contacts_io.backup import back_up
from followup.domain import Contact, Kind
from followup.store import Store
from ui.calendar.export_dialog import ExportDialog
from ui.calendar.import_dialog import ImportDialog
from ui.contacts_io.export_dialog import ContactsExportDialog
from ui.contacts_io.import_dialog import ContactsImportDialog
from ui.engagements.playbook_editor import PlaybookEditorDialog


@pytest.mark.parametrize(
    ("action", "kind"),
    [
        ("import_contacts", ContactsImportDialog),
        ("export_contacts", ContactsExportDialog),
        ("import_meetings", ImportDialog),
        ("export_calendar", ExportDialog),
        ("playbooks", PlaybookEditorDialog),
    ],
)
def test_menu_action_opens_its_dialog(qtbot, modal, window, store: Store, action: str, kind: type) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window with a contact (so every action is enabled)
    store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    w = Window(qtbot, window)
    w.told_of_writes()
    seen: list[str] = []

    # WHEN the menu action is triggered THEN its dialog opens, as a child of the window
    def look(dialog: QDialog) -> None:
        seen.append(type(dialog).__name__)
        assert dialog.parent() is window
        dialog.reject()

    run = modal(look, kind)
    w.trigger(action)
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert seen == [kind.__name__]


def test_back_up_asks_where_and_restore_refuses_nothing_silently(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window WHEN Back up… is chosen THEN a file dialog (or message) opens and can be cancelled
    store.contacts.add(Contact(name="Ana Lima"))
    w = Window(qtbot, window)
    w.told_of_writes()
    opened: list[str] = []

    def cancel(widget) -> None:  # type: ignore[no-untyped-def]
        opened.append(type(widget).__name__)
        if isinstance(widget, QMessageBox):
            widget.reject()
        else:
            widget.reject()

    run = modal(cancel, QDialog)
    w.trigger("back_up")
    qtbot.waitUntil(lambda: run.done)
    run.check()
    assert opened and store.contacts.count() == 1


def test_restore_replaces_everything_with_the_backup_and_the_views_follow(  # type: ignore[no-untyped-def]
    qtbot, modal, window, store: Store, tmp_path
) -> None:
    # GIVEN a backup holding Ana, then Bruno added after it, and an undoable archive
    store.contacts.add(Contact(name="Ana Lima"))
    backup = tmp_path / "before.followup"
    back_up(store, backup)
    bruno = store.contacts.add(Contact(name="Bruno Costa"))
    w = Window(qtbot, window)
    w.told_of_writes()
    ContactPage(window).open(bruno)
    w.trigger("archive_contact")
    assert w.can_undo()
    told: list[str] = []

    # WHEN File > Restore… picks the backup and the user confirms the replacement
    def done(box: QMessageBox) -> None:
        told.append(box.text())
        box.accept()

    def confirm(box: QMessageBox) -> None:
        told.append(box.text())
        modal(done, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(backup))
        modal(confirm, QMessageBox)
        dialog.accept()

    run = modal(choose, QFileDialog)
    w.trigger("restore")
    qtbot.waitUntil(lambda: len(told) == 2)
    run.check()
    # THEN the store and the contacts list hold what the backup held, and nothing is left to undo
    assert "Restoring replaces everything" in told[0] and told[1].startswith("Restored")
    assert [name for _id, name in store.contacts.names()] == ["Ana Lima"]
    qtbot.waitUntil(lambda: ContactsList(qtbot, window).names() == ["Ana Lima"])
    assert not w.can_undo()
