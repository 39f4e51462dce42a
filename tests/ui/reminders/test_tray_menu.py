"""The tray menu offers Log touch point and New contact whatever is due (issue 15)."""

from __future__ import annotations

from followup.clock import FixedClock
from followup.store import Store
from ui.reminders.notifier import Notifier
from ui.reminders.service import ReminderService
from ui.reminders.tray import SystemTray


def test_with_nothing_due_the_tray_still_offers_log_and_new_contact(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the tray and its service with nothing due
    tray = SystemTray()
    service = ReminderService(store, clock, Notifier(None, None, use_plyer=False), tray=tray)
    qtbot.addWidget(service.window)
    service.tick()
    assert tray.count == 0
    # THEN the menu offers Log touch point… and New contact…
    log, new = tray.action("trayLog"), tray.action("trayNewContact")
    assert log is not None and new is not None
    assert (log.text(), new.text()) == ("&Log touch point…", "&New contact…")
    # WHEN each is chosen THEN the service asks the window for it (ui/shell/reminders_hookup.py
    # brings the window forward and triggers its Log touch point / New contact action)
    with qtbot.waitSignal(service.log_requested):
        log.trigger()
    with qtbot.waitSignal(service.new_contact_requested):
        new.trigger()
    service.stop()
