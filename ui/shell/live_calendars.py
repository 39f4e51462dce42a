"""Live calendars in the window: the "New meetings" panel in Today, the
Calendars dialog, and the background sync (not in unattended runs such as
--screenshot: they never touch the network)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from ui.calendar.live_sync import LiveSync
    from ui.shell.window import MainWindow

FIRST_SYNC_MS = 5_000  # after start-up has painted, not during it


def attach_panel(window: MainWindow) -> None:
    """The Calendars dialog (the "New meetings" panel is built with Today: ui/shell/today_slot.py)."""
    window.registry.calendars.triggered.connect(lambda: open_dialog(window))
    window.registry.sync_calendars.setEnabled(False)  # until the sync is attached


def attach_sync(window: MainWindow) -> LiveSync:
    from ui.calendar.live_sync import LiveSync  # not in unattended runs (--screenshot, --quit-on-paint)

    sync = LiveSync(window.store.path, window.clock, window.store, window.hub, window)
    sync.status.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    window.registry.sync_calendars.setEnabled(True)
    window.registry.sync_calendars.triggered.connect(sync.sync_now)
    window.live_sync = sync
    QTimer.singleShot(FIRST_SYNC_MS, sync.sync_now)
    return sync


def open_dialog(window: MainWindow) -> None:
    from ui.calendar.accounts_page import CalendarAccountsDialog

    CalendarAccountsDialog(window.store, window.hub, getattr(window, "live_sync", None), window).exec()
