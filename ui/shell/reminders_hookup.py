"""The reminder service (ui/reminders/service.py) wired to the window: opening
contacts from reminders, Done through Today's dialog, Today refreshed when
reminders act, the tray count following every change, the Reminders action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from followup.changes import Changes

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def attach_reminders(window: MainWindow, reminders: Any) -> None:  # ui.reminders.service.ReminderService
    window.reminders = reminders
    reminders.trouble.connect(lambda message: window.show_status(message, 20_000))

    def bring_to_front() -> None:
        window.show()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.raise_()
        window.activateWindow()

    def open_contact(contact_id: int) -> None:
        bring_to_front()
        window.open_contact(contact_id)

    hub = window.hub
    reminders.show_main_requested.connect(bring_to_front)
    # the tray menu's Log touch point… and New contact…, whatever is due
    reminders.log_requested.connect(bring_to_front)
    reminders.log_requested.connect(window.registry.log_touch_point.trigger)
    reminders.new_contact_requested.connect(bring_to_front)
    reminders.new_contact_requested.connect(window.registry.new_contact.trigger)
    reminders.open_contact_requested.connect(open_contact)
    reminders.changed.connect(lambda: hub.publish(Changes(follow_ups=True)))
    # a reminder that fires means something came due: Today re-sorts what is overdue, due and coming
    reminders.delivered.connect(lambda _count: hub.publish(Changes(follow_ups=True)))
    hub.changed.connect(lambda changes: reminders.refresh() if changes.due else None)
    reminders.done_handler = lambda i: window.today.done(window.store.follow_ups.get(i))
    window.registry.show_reminders.triggered.connect(reminders.show_window)
    window.registry.show_reminders.setVisible(True)
