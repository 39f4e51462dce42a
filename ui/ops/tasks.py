"""Slow work off the GUI thread: each job opens its own Store connection on a
worker thread and reports back by signal (Anki's taskman, in miniature)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool

from followup.clock import Clock
from followup.store import Store
from ui.ops.jobs import ProgressJob


class TaskRunner(QObject):
    """Runs jobs on a one-thread pool: one writer at a time, in order."""

    def __init__(self, db_path: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._clock = clock
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._alive: set[ProgressJob] = set()

    def run(
        self,
        work: Callable[[Store], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        job = ProgressJob.with_store(
            self._db_path, self._clock, lambda store, _p, _c: work(store), what="background job"
        )
        job.setAutoDelete(False)
        self._alive.add(job)

        def done(result: Any) -> None:
            self._alive.discard(job)
            on_done(result)

        def failed(message: str) -> None:
            self._alive.discard(job)
            on_error(message)

        job.signals.finished.connect(done)
        job.signals.failed.connect(failed)
        self._pool.start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
