"""Mail files dropped onto the window (.eml, .msg, an mbox, a maildir folder)
are imported on a worker, like import-mail; the status bar says what came in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from followup.mail.ingest import MailResult
from ui.ops.jobs import ProgressJob, start
from ui.ops.shell import Shell
from ui.widgets.counts import plural

SUFFIXES = {".eml", ".msg", ".mbox", ".mbx", ""}


def mail_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.is_dir() or p.suffix.lower() in SUFFIXES]


class MailDrop(QObject):
    """Accepts mail files dropped on the shell's window and imports them."""

    def __init__(self, shell: Shell) -> None:
        target = shell.dialog_parent()
        super().__init__(target)
        self.shell = shell
        self._jobs: set[ProgressJob] = set()
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if mail_paths(event):  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            paths = mail_paths(event)  # type: ignore[arg-type]
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self.import_paths(paths)
                return True
        return False

    def import_paths(self, paths: list[Path]) -> ProgressJob:
        from followup.mail.files import import_path

        def work(store: Any, _p: Any, _c: Any) -> MailResult:
            total = MailResult()
            for path in paths:
                total.add(import_path(store, path))
            return total

        store = self.shell.store
        job = ProgressJob.with_store(store.path, store.clock, work, what="importing mail files")
        job.setAutoDelete(False)
        self._jobs.add(job)
        self.shell.show_status("Importing mail…", 0)

        def done(result: MailResult) -> None:
            self._jobs.discard(job)
            text = (
                f"Mail imported: {result.logged} logged, {result.skipped} skipped, "
                f"{plural(result.promises_opened, 'reply promise')} opened, {result.promises_closed} kept."
            )
            if result.errors:
                text += f" {plural(len(result.errors), 'problem')}: {result.errors[0]}"
            self.shell.show_status(text, 15_000)
            if result.logged or result.promises_opened or result.promises_closed:
                from followup.changes import Changes

                # every view refreshes itself from the one change signal
                self.shell.hub.publish(Changes(contacts=True, touch_points=True, follow_ups=True))

        def failed(message: str) -> None:
            self._jobs.discard(job)
            self.shell.show_status(message, 15_000)

        job.signals.finished.connect(done)
        job.signals.failed.connect(failed)
        start(job)
        return job
