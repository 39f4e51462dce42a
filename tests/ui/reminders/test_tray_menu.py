"""The tray menu offers Log touch point and New contact whatever is due (issue 15)."""

from __future__ import annotations

from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.contacts.touch_point_dialog import TouchPointDialog
from ui.reminders.notifier import Notifier
from ui.reminders.service import ReminderService
from ui.reminders.tray import SystemTray
from ui.shell.window import MainWindow


def _tray(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> tuple[ReminderService, SystemTray]:  # type: ignore[no-untyped-def]
    tray = SystemTray()
    service = ReminderService(store, clock, Notifier(None, None, use_plyer=False), tray=tray)
    qtbot.addWidget(service.window)
    window.attach_reminders(service)
    service.tick()
    return service, tray


def test_with_nothing_due_the_tray_still_logs_and_adds(qtbot, modal, window: MainWindow, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Maria's page and nothing due
    cid = store.contacts.add(Contact(name="Maria Silva", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    window.reload_contacts()
    window.open_contact(cid)
    service, tray = _tray(qtbot, window, store, clock)
    assert tray.count == 0
    # THEN the menu offers Log touch point… and New contact…
    log, new = tray.action("trayLog"), tray.action("trayNewContact")
    assert log is not None and new is not None
    assert (log.text(), new.text()) == ("&Log touch point…", "&New contact…")
    titles: list[str] = []

    # WHEN each is chosen THEN the window opens the dialog it names
    run = modal(lambda d: titles.append(d.windowTitle()), TouchPointDialog)
    log.trigger()
    run.check()
    run = modal(lambda d: titles.append(d.windowTitle()), ContactDialog)
    new.trigger()
    run.check()
    assert titles == ["Log a touch point with Maria Silva", "New contact"]
    service.stop()
