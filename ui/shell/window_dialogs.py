"""The window's own dialogs, opened from the registry: Search notes, Playbooks,
Settings, Help > Keyboard shortcuts (and the rows it lists) and About. Each is imported when first
opened, off the start-up path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup import __version__

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def search_notes(window: MainWindow, text: str = "") -> None:
    from ui.contacts.notes_search import NotesSearchDialog

    store = window.store
    dialog = NotesSearchDialog(lambda q, order: store.touch_points.search(q, order=order), window.tz, window)
    dialog.contact_chosen.connect(window.open_contact)
    dialog.query.setText(text)
    dialog.show()
    dialog.query.setFocus()


def edit_playbooks(window: MainWindow) -> None:
    from ui.engagements.playbook_editor import PlaybookEditorDialog

    PlaybookEditorDialog(window.store, window, hub=window.hub).exec()  # each save tells the hub itself


def edit_settings(window: MainWindow) -> None:
    from ui.shell.settings_dialog import SettingsDialog

    if SettingsDialog(window.store, window, hub=window.hub).exec():
        reminders = window.reminders
        if reminders is not None:
            reminders.timer.start(0)  # quiet hours or on/off may have changed


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """The registry's actions, then each view's own keys (Help > Keyboard shortcuts)."""
    from ui.contacts.bulk import KEYS as contacts_bulk_keys
    from ui.contacts.page import KEYS as contact_keys
    from ui.contacts.panel import KEYS as contacts_keys
    from ui.reminders.window import KEYS as reminder_keys
    from ui.shell.actions import help_rows
    from ui.today.view import KEYS as today_keys
    from ui.widgets import dialog_keys

    return help_rows(
        window.registry,
        [
            ("Today", today_keys),
            ("Contacts", contacts_keys),
            ("Contacts", contacts_bulk_keys),
            ("Contact", contact_keys),
            ("Reminders", reminder_keys),
            ("Dialogs", dialog_keys.KEYS),
        ],
    )


def show_shortcuts(window: MainWindow) -> None:
    from ui.shell import help_dialogs

    help_dialogs.show_shortcuts(window, window.shortcut_rows())


def show_about(window: MainWindow) -> None:
    from ui.shell import help_dialogs

    help_dialogs.show_about(window, __version__, window.data_dir)
