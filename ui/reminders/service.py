"""The reminder service: one timer asks the core what has come due, then the
notifier, the tray and the reminders window tell the user.

There is no timer per follow-up. The single-shot timer sleeps until the next
wake time or a minute, whichever is sooner: a minute bounds how late a change
made by another process (the command line) or a clock jump is noticed, and
keeps the idle cost at one cheap indexed query a minute.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from followup import meeting_reminders as meetings
from followup import reminders as core
from followup.clock import Clock
from followup.engine import follow_ups as engine
from followup.engine.dates import sync_dates
from followup.errors import FollowupError
from followup.preferences import Preferences
from followup.store import Store
from ui.reminders.notifier import Notifier
from ui.reminders.tray import SystemTray, app_icon, app_pixmap
from ui.reminders.window import ID_ROLE, SNOOZE_MINUTES, RemindersWindow
from ui.widgets.when_text import time_text

log = logging.getLogger(__name__)
CADENCE_SYNC_EVERY = timedelta(minutes=30)
# A tick waits this long for another process's write lock (an import, a
# restore, demo data), then gives up quietly and tries again RETRY_MS later:
# it runs on the window's thread and must not freeze it.
TICK_BUSY_MS = 1500
RETRY_MS = 30_000


class ReminderService(QObject):
    changed = Signal()  # follow-ups were acted upon from the reminders window or the tray
    open_contact_requested = Signal(int)
    show_main_requested = Signal()
    log_requested = Signal()  # from the tray: the window logs a touch point
    new_contact_requested = Signal()
    quit_requested = Signal()
    delivered = Signal(int)  # how many reminders a tick delivered
    trouble = Signal(str)  # a tick could not run (the database is busy): a quiet sentence for the status bar

    def __init__(
        self,
        store: Store,
        clock: Clock,
        notifier: Notifier,
        window: RemindersWindow | None = None,
        tray: SystemTray | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.notifier = notifier
        self.tray = tray
        self.window = window or RemindersWindow(self.snooze_labels)
        self.started_at = clock.now()
        self.done_handler: Callable[[int], None] = self._complete
        self._first = True
        self._synced_at: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        notifier.failed.connect(self._on_notifier_failed)
        notifier.activated.connect(self.show_window)  # a click on one of our notifications
        w = self.window
        w.done_requested.connect(self.done)
        w.snooze_requested.connect(self.snooze)
        w.dismiss_requested.connect(self.dismiss)
        w.dismiss_all_requested.connect(lambda: self.dismiss(None))
        w.meeting_snooze_requested.connect(self.snooze_meeting)
        w.open_contact_requested.connect(self._on_window_open_contact)
        if tray is not None:
            tray.open_requested.connect(self._on_tray_open_requested)
            tray.reminders_requested.connect(self.show_window)
            tray.item_requested.connect(self._on_tray_item_requested)
            tray.snooze_all_requested.connect(self.snooze_all)
            tray.pause_requested.connect(self.pause)
            tray.resume_requested.connect(self.resume)
            tray.quit_requested.connect(self.quit_requested.emit)
            tray.log_requested.connect(self.log_requested.emit)
            tray.new_contact_requested.connect(self.new_contact_requested.emit)
            tray.messageClicked.connect(self.show_window)

    def _on_tray_open_requested(self) -> None:
        # why the main window came forward, for a session's log (never user text)
        log.info("the tray icon asked for the main window")
        self.show_main_requested.emit()

    def _on_window_open_contact(self, contact_id: int) -> None:
        log.info("the reminders window asked to open a contact")
        self.open_contact_requested.emit(contact_id)

    # -- the tick ------------------------------------------------------------------

    def start(self) -> None:
        """Tick now (what came due while closed shows at once), then on time."""
        self.timer.start(0)

    def stop(self) -> None:
        self.timer.stop()
        self.notifier.shutdown()

    def tick(self) -> None:
        """One look at what is due. It never shows a dialog and never stops for
        good: when the database is busy or failing it logs, says so quietly
        (status bar, tray tooltip) and tries again a little later."""
        try:
            with self.store.busy_timeout(TICK_BUSY_MS):
                self._tick()
        except (sqlite3.Error, FollowupError) as error:
            busy = isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
            log.warning("reminder check skipped (%s); trying again in %d s", error, RETRY_MS // 1000)
            message = (
                "Reminders will be checked again in a moment: another Followup process is writing to the database."
                if busy
                else "Reminders could not be checked just now; trying again shortly."
            )
            self.trouble.emit(message)
            if self.tray is not None:
                self.tray.setToolTip(message)
            self.timer.start(RETRY_MS)

    def _tick(self) -> None:
        now = self.clock.now()
        prefs = Preferences.load(self.store)
        if self._synced_at is None or not (timedelta(0) <= now - self._synced_at < CADENCE_SYNC_EVERY):
            engine.sync_cadences(self.store, prefs)  # a busy database: the whole tick is tried again
            sync_dates(self.store, prefs)  # birthdays and other dates come due like follow-ups
            self._synced_at = now
        delivery = core.collect(self.store, now, prefs, started_at=self.started_at)
        if delivery.reminders:
            self._announce(delivery, now)
        for m in meetings.collect(self.store, now, prefs):  # a meeting's own reminder, N minutes before
            self.notifier.notify(m.headline(time_text), m.details(now))
        waiting = self.refresh()
        if self._first and waiting:
            self.show_window()  # on start, what waits is shown at once
        self._first = False
        self._schedule(delivery.next_check, now)

    def _schedule(self, at: datetime | None, now: datetime) -> None:
        delay = (at - now) if at else core.MAX_SLEEP
        ms = int(min(max(delay.total_seconds(), 1.0), core.MAX_SLEEP.total_seconds()) * 1000)
        self.timer.start(ms)

    def _announce(self, delivery: core.Delivery, now: datetime) -> None:
        log.info("delivering %d reminder(s) (%s)", delivery.total, delivery.reason.value)
        if delivery.grouped:
            self.notifier.notify(delivery.summary(), delivery.summary_body())
        else:
            for r in delivery.reminders:
                self.notifier.notify(r.headline(), r.details(now))
        self.delivered.emit(delivery.total)

    def refresh(self) -> list[core.Reminder]:
        """Show what waits in the window and on the tray."""
        now = self.clock.now()
        waiting = core.waiting(self.store)
        due = core.due_count(self.store, now)
        self.window.set_reminders(waiting, now, due)
        self.window.set_upcoming(meetings.upcoming_today(self.store, now, Preferences.load(self.store)), now)
        if self.tray is not None:
            self.tray.set_due(waiting, core.paused_until(self.store, now), due)
        return waiting

    # -- acting ------------------------------------------------------------------------

    def show_window(self) -> None:
        self.refresh()
        self.window.bring_to_front()

    def snooze_labels(self) -> list[str]:
        return [*SNOOZE_MINUTES, *self._presets(self.clock.now()).keys()]

    def _presets(self, now: datetime) -> dict[str, datetime]:
        presets = engine.snooze_presets(now, Preferences.load(self.store))
        return {k: v for k, v in presets.items() if k != "1 hour"}

    def snooze_until(self, choice: str, now: datetime) -> datetime:
        if choice in SNOOZE_MINUTES:
            return now + timedelta(minutes=SNOOZE_MINUTES[choice])
        return self._presets(now)[choice]

    def done(self, follow_up_id: int) -> None:
        try:
            self.done_handler(follow_up_id)
        except FollowupError as error:
            log.warning("follow-up %d not marked done: %s", follow_up_id, type(error).__name__)
        self._after_action()

    def _complete(self, follow_up_id: int) -> None:
        engine.complete(self.store, follow_up_id)

    def snooze(self, ids: list[int], choice: str) -> None:
        now = self.clock.now()
        until = self.snooze_until(choice, now)
        with self.store.transaction():
            for i in ids:
                try:
                    engine.snooze(self.store, i, until)
                except FollowupError as error:  # closed meanwhile (the command line, Today)
                    log.info("follow-up %d not snoozed: %s", i, type(error).__name__)
        self._after_action()

    def snooze_all(self) -> None:
        now = self.clock.now()
        core.snooze_all(self.store, now, now + timedelta(hours=1))
        self._after_action()

    def snooze_meeting(self, engagement_id: int) -> None:
        """Remind again 5 minutes before the meeting starts."""
        meetings.snooze_until_before(self.store, engagement_id, minutes=5)
        self._schedule(None, self.clock.now())

    def dismiss(self, ids: list[int] | None) -> None:
        core.dismiss(self.store, ids)
        self.refresh()

    def pause(self, choice: str) -> None:
        now = self.clock.now()
        until = core.pause_choices(now, Preferences.load(self.store))[choice]
        core.pause(self.store, now, until)
        log.info("reminders paused until %s", until)
        self.refresh()

    def resume(self) -> None:
        core.resume(self.store)
        self.timer.start(0)

    def _after_action(self) -> None:
        self.refresh()
        self.changed.emit()

    def _on_tray_item_requested(self, follow_up_id: int) -> None:
        self.show_window()
        for i in range(self.window.tree.topLevelItemCount()):
            item = self.window.tree.topLevelItem(i)
            if item is not None and item.data(0, ID_ROLE) == follow_up_id:
                self.window.tree.clearSelection()
                self.window.tree.setCurrentItem(item)
                break

    def _on_notifier_failed(self, _title: str) -> None:
        # The notification may never have been seen: the window makes sure.
        self.show_window()

    # -- the tray and quitting -----------------------------------------------------

    TRAY_NOTICE_KEY = "tray_notice_shown"

    def keeps_running(self) -> bool:
        """Whether closing the main window should hide it to the tray: not once
        the application has started to quit (ui.app.Application notes it)."""
        quitting = bool(getattr(QApplication.instance(), "quitting", False))
        return self.tray is not None and self.tray.isVisible() and not quitting

    def closed_to_tray(self) -> None:
        """The window went to the tray: say so once, ever."""
        if self.tray is None or self.store.settings.get(self.TRAY_NOTICE_KEY):
            return
        self.store.settings.set(self.TRAY_NOTICE_KEY, True)
        self.tray.showMessage(
            "Followup is still running",
            "Reminders keep coming. Open Followup or quit it from the tray icon.",
            QSystemTrayIcon.MessageIcon.Information,
            10_000,
        )


def setup_reminders(app: QApplication, store: Store, clock: Clock, data_dir: Path) -> ReminderService:
    """The tray (where there is one), the notifier and the service, started."""
    tray = SystemTray() if QSystemTrayIcon.isSystemTrayAvailable() else None
    icon_path = data_dir / "followup-icon.png"
    if not icon_path.exists():
        app_pixmap(128).save(str(icon_path))
    app.setWindowIcon(app_icon())
    notifier = Notifier(tray, icon_path)
    service = ReminderService(store, clock, notifier, tray=tray, parent=app)
    if tray is not None:
        tray.show()
        app.setQuitOnLastWindowClosed(False)
        service.quit_requested.connect(QApplication.quit)
        log.info("tray icon shown; closing the window hides it")
    else:
        log.info("no system tray here: closing the window quits; reminders use notifications and the window")
    service.start()
    return service
