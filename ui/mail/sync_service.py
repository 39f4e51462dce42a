"""Mail sync in the background: a timer (the interval from Settings > Mail),
"Sync now", the work on a worker thread with its own database connection,
and one line for the status bar. The GUI never waits on the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from followup.clock import Clock
from followup.mail.ingest import MailResult
from followup.store import Store
from ui.mail.settings_dialog import sync_interval
from ui.ops.jobs import ProgressJob, start
from ui.widgets.counts import plural


def describe(result: MailResult) -> str:
    if result.errors and not result.logged:
        return "Mail: " + result.errors[0]
    text = f"Mail synced: {result.logged} logged"
    if result.promises_opened or result.promises_closed:
        text += f", {plural(result.promises_opened, 'reply promise')} opened, {result.promises_closed} kept"
    if result.errors:
        text += f" ({plural(len(result.errors), 'problem')}: {result.errors[0]})"
    return text + "."


class MailSyncService(QObject):
    status = Signal(str)
    synced = Signal(object)  # MailResult

    def __init__(self, db_path: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_path, self._clock = db_path, clock
        self._job: ProgressJob | None = None
        self._started = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)

    def configure(self, store: Store) -> None:
        minutes = sync_interval(store)
        has_account = store.conn.execute("SELECT 1 FROM mail_accounts LIMIT 1").fetchone() is not None
        if minutes > 0 and has_account:
            if not self.timer.isActive() and not self._started:
                QTimer.singleShot(30_000, self.sync_now)  # soon after start, not during it
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()
        self._started = True

    @property
    def running(self) -> bool:
        return self._job is not None

    def sync_now(self) -> None:
        if self._job is not None:
            return  # one sync at a time
        from followup.mail.sync import sync_all

        self.status.emit("Mail: syncing…")
        job = ProgressJob.with_store(
            self._db_path, self._clock, lambda store, _p, _c: sync_all(store), what="mail sync"
        )
        job.setAutoDelete(False)
        self._job = job

        def finished(result: Any) -> None:
            self._job = None
            self.status.emit(describe(result))
            self.synced.emit(result)

        def failed(message: str) -> None:
            self._job = None
            self.status.emit("Mail: " + message)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        start(job)
