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


def install(window: Any) -> MailSyncService:
    """Edit > Mail… and the background sync, on the main window (one call)."""
    from ui.mail.settings_dialog import MailSettingsDialog

    service = MailSyncService(window.store.path, window.store.clock, window)
    service.status.connect(lambda text: window.statusBar().showMessage(text, 15_000))
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


def write_follow_up(window: Any) -> None:
    from ui.mail.draft_dialog import DraftDialog

    fu = window.today_view.current()
    if fu is None or fu.id is None:
        window.statusBar().showMessage("Select a follow-up in Today first, then write it (Ctrl+Shift+W).", 8000)
        return
    dialog = DraftDialog(window.store, fu.id, window)
    if dialog.exec():
        window.statusBar().showMessage(f"Sent “{dialog.subject.text()}”; logged, and the follow-up is done.", 8000)
        window.today.refresh()
    elif dialog.call_instead:
        window.statusBar().showMessage("Plan the call: the plan opens with this contact.", 8000)
        window.engagements.plan_engagement(fu.contact_id)
    dialog.deleteLater()  # not kept as a child of the window, one per draft written
