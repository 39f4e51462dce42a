"""Hooks the bulk actions into the window: the contacts list's selection
(ui/contacts/bulk.py) acts through the registry's "selected contacts"
actions, exports through the export dialog; Follow-up > Tidy overdue… opens
Today's tidy (ui/today/bulk.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.contacts.bulk import ContactsBulk

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def install(w: MainWindow) -> ContactsBulk:
    a = w.registry
    contacts = ContactsBulk(w.contacts_panel, w)
    contacts.use_actions(
        {
            "tag": a.tag_selected,
            "untag": a.untag_selected,
            "kind": a.kind_selected,
            "rhythm": a.rhythm_selected,
            "archive": a.archive_selected,
            "delete": a.delete_selected,
            "export": a.export_selected,
        }
    )
    contacts.export_requested.connect(w.io.export_contacts)
    a.tidy_overdue.triggered.connect(lambda: w.today.bulk.tidy())  # Today built if need be
    return contacts
