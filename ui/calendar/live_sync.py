"""Live calendars in the background: one timer, a sync on the executor.

The sync (followup.caldav.sync) runs on the app's background thread with its
own connection; the GUI thread never waits on the network. It says how it
went in one short line (for the status bar), never in a dialog: the server
down or a wrong password is a status, shown again in Settings > Calendars.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from followup.changes import Changes
from followup.clock import Clock
from followup.store import Store
from ui.ops.changes import ChangesHub
from ui.ops.jobs import ProgressJob, start

if TYPE_CHECKING:  # (a type only: the sync loads icalendar, ~0.3 s, off the start-up path)
    from followup.caldav.sync import SyncReport

log = logging.getLogger(__name__)

INTERVAL_KEY = "caldav_sync_minutes"
DEFAULT_MINUTES = 15


def interval_minutes(store: Store) -> int:
    value = store.settings.get(INTERVAL_KEY, DEFAULT_MINUTES)
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_MINUTES
    return minutes if 0 <= minutes <= 24 * 60 else DEFAULT_MINUTES


def summary(report: SyncReport) -> str:
    """One line for the status bar: what came in and went out, or what went wrong."""
    parts = []
    for count, what in (
        (report.met_logged, "past meeting logged"),
        (report.proposed, "new meeting to plan"),
        (report.planned, "meeting planned"),
        (report.moved, "meeting moved"),
        (report.cancelled, "meeting cancelled"),
        (report.completed_remotely, "follow-up done elsewhere"),
        (report.rescheduled_remotely, "follow-up moved elsewhere"),
    ):
        if count:
            parts.append(f"{count} {what}" + ("s" if count != 1 and not what.endswith("elsewhere") else ""))
    text = "Calendars synced: " + (", ".join(parts) if parts else "nothing new") + "."
    if report.errors:
        text += f" {len(report.errors)} problem{'s' if len(report.errors) != 1 else ''}: {report.errors[0]}"
    return text


def touched(report: SyncReport) -> Changes:
    if report.met_logged:
        return Changes(touch_points=True, follow_ups=True, contacts=True, engagements=True)
    if any((report.proposed, report.planned, report.moved, report.cancelled)):
        return Changes(engagements=True, follow_ups=True)
    if report.completed_remotely or report.rescheduled_remotely:
        return Changes(follow_ups=True)
    return Changes()


class LiveSync(QObject):
    """Syncs every calendar account now and then, and on demand."""

    status = Signal(str)  # a line for the status bar
    running_changed = Signal(bool)
    synced = Signal(object)  # SyncReport

    def __init__(
        self, db_path: Path, clock: Clock, store: Store, hub: ChangesHub, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db_path, self._clock, self._store, self._hub = db_path, clock, store, hub
        self._job: ProgressJob | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.apply_interval()

    @property
    def running(self) -> bool:
        return self._job is not None

    def apply_interval(self) -> None:
        minutes = interval_minutes(self._store)
        if minutes:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def has_accounts(self) -> bool:
        try:
            return bool(self._store.conn.execute("SELECT 1 FROM cal_accounts LIMIT 1").fetchone())
        except Exception:  # a database being restored: try next time
            return False

    def sync_now(self) -> bool:
        """Start a sync unless one is running or there is nothing to sync; True if started."""
        if self._job is not None or not self.has_accounts():
            return False
        from followup.caldav.sync import sync_all

        job = ProgressJob.with_store(self._db_path, self._clock, lambda s, _p, _c: sync_all(s), what="calendar sync")
        job.setAutoDelete(False)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self.running_changed.emit(True)
        self.status.emit("Syncing calendars…")
        start(job)
        return True

    def _end(self) -> None:
        self._job = None
        self.running_changed.emit(False)

    def _on_finished(self, report: SyncReport) -> None:
        self._end()
        self.status.emit(summary(report))
        self._hub.publish(touched(report))
        self.synced.emit(report)

    def _on_failed(self, message: str) -> None:
        self._end()
        log.warning("calendar sync failed")
        self.status.emit(f"Calendars could not be synced: {message}")
