"""The mail feature (ui/mail/) wired to the window: Edit > Mail accounts…, the
background sync with its line in the status bar, Write follow-up… from
Today, and mail files dropped on the window. The feature asks the window
through the Shell; only this module knows the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.mail.sync_service import MailSyncService

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def install(window: MainWindow) -> MailSyncService:
    """Edit > Mail… and the background sync, on the main window (one call)."""
    from ui.mail.settings_dialog import MailSettingsDialog

    service = MailSyncService(window.store.path, window.store.clock, window)
    service.status.connect(lambda text: window.show_status(text, 15_000))
    service.configure(window.store)

    def open_settings() -> None:
        dialog = MailSettingsDialog(window.store, window, sync_now=service.sync_now)
        service.synced.connect(lambda _r: dialog.refresh())
        dialog.exec()
        service.configure(window.store)

    # the actions live in the window's registry (menus, Help > Keyboard shortcuts)
    window.registry.mail_accounts.triggered.connect(open_settings)
    window.registry.write_follow_up.triggered.connect(lambda: write_follow_up(window))
    window.registry.mail_accounts.setEnabled(True)
    window.registry.write_follow_up.setEnabled(True)
    from ui.mail.drop_import import MailDrop

    window.mail_drop = MailDrop(window)  # .eml, .msg, mbox, maildir dropped on the window
    window.mail_sync = service
    return service


def write_follow_up(window: MainWindow) -> None:
    from ui.mail.draft_dialog import DraftDialog

    fu = window.today_view.current()
    if fu is None or fu.id is None:
        window.show_status("Select a follow-up in Today first, then write it (Ctrl+Shift+W).", 8000)
        return
    dialog = DraftDialog(window.store, fu.id, window)
    if dialog.exec():
        window.show_status(f"Sent “{dialog.subject.text()}”; logged, and the follow-up is done.", 8000)
        window.today.refresh()
    elif dialog.call_instead:
        window.show_status("Plan the call: the plan opens with this contact.", 8000)
        window.engagements.plan_engagement(fu.contact_id)
    dialog.deleteLater()  # not kept as a child of the window, one per draft written
