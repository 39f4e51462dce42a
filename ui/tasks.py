"""Slow work off the GUI thread: each job opens its own Store connection on a
worker thread and reports back by signal (Anki's taskman, in miniature)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from followup.clock import Clock
from followup.errors import FollowupError
from followup.store import Store

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, db_path: Path, clock: Clock, work: Callable[[Store], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._db_path = db_path
        self._clock = clock
        self._work = work

    def run(self) -> None:
        try:
            with Store.open(self._db_path, self._clock) as store:
                result = self._work(store)
        except FollowupError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # a worker must report, never die silently
            log.exception("background job failed")
            self.signals.failed.emit(f"Something went wrong: {error}")
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs jobs on a one-thread pool: one writer at a time, in order."""

    def __init__(self, db_path: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._clock = clock
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._alive: set[_Job] = set()

    def run(
        self,
        work: Callable[[Store], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        job = _Job(self._db_path, self._clock, work)
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
