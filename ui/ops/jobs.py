"""The one background executor: work off the GUI thread, one job at a time.

Every job of the app runs on ``executor()``, a pool of exactly one thread, in
the order it was started: there is one writer besides the window's own
connection, never two jobs racing for the database (Anki's taskman). One
``ProgressJob`` runs ``work(progress, cancelled)`` there and reports back by
signal: progress, the result, an error message, or that the user cancelled.
Work that touches the database opens its own connection on the worker
(``ProgressJob.with_store``): SQLite connections stay on the thread that made
them. ``run_with_progress`` shows a modal progress dialog with a Cancel
button; ``TaskRunner`` runs store work for a view and calls it back.
"""

from __future__ import annotations

import logging
import threading
import warnings
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from followup.clock import Clock
from followup.errors import FollowupError
from followup.progress import CancelCheck, Progress
from followup.store import Store

log = logging.getLogger(__name__)
Work = Callable[[Progress, CancelCheck], Any]
StoreWork = Callable[[Store, Progress, CancelCheck], Any]


_executor: QThreadPool | None = None


def executor() -> QThreadPool:
    """The app's one background thread (made on first use, owned by the application)."""
    global _executor
    if _executor is None:
        _executor = QThreadPool(QCoreApplication.instance())
        _executor.setMaxThreadCount(1)
    return _executor


def start(job: QRunnable | Callable[[], None]) -> None:
    """Queue ``job`` behind whatever the executor is doing. (Cycles are never
    collected on the worker: automatic collection is off and the GUI thread
    collects, ui/ops/collector.py.)

    The executor is handed the job's ``run``, never the job: PySide's
    ``QThreadPool.start(QRunnable)`` keeps a reference for ever to a job it
    does not delete (``setAutoDelete(False)``, as every caller asks), and with
    it all the job holds; the wrapper of one it does delete
    (``QRunnable.create``) outlives the object and is handed back for whatever
    Qt allocates next at its address. A ``ProgressJob`` is kept here until its
    report has been delivered on the GUI thread and the worker has let go of
    it (``_run_and_release``): it is freed on the GUI thread."""
    from ui.ops import collector  # (it imports this module)

    run = job.run if isinstance(job, QRunnable) else job
    if isinstance(job, ProgressJob):
        _queued[0] += 1
        job.queued = True
        _keep_until_reported(job)
        run = _run_and_release(job)
    collector.hurry()  # what the job allocates is collected in frame-sized slices from now
    executor().start(run)


def _run_and_release(job: ProgressJob) -> Callable[[], None]:
    """The job's run for the executor, holding the job only until it returns.
    The worker drops its reference, then says so (``released``); the GUI
    thread lets go of the job only after that (``_let_go``). Handed
    ``job.run``, a worker held up after the report (scheduled out) dropped
    the last reference: the job, its signals' QObject and whatever its work
    held (a view) were freed on the worker (tests/ui/ops/test_jobs.py)."""
    box = [job]

    def run() -> None:
        taken = box.pop()
        released = taken.released
        try:
            taken.run()
        finally:
            del taken
            released.set()

    return run


_reporting: set[ProgressJob] = set()  # started, their last signal not yet delivered


def _keep_until_reported(job: ProgressJob) -> None:
    _reporting.add(job)
    ref = weakref.ref(job)

    def let_go(*_args: object) -> None:  # connected last: runs after the caller's own slots
        QTimer.singleShot(0, partial(_let_go, ref))  # not inside its emission

    for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
        signal.connect(let_go)


def _let_go(ref: weakref.ref[ProgressJob]) -> None:
    """A job has reported: it says nothing more, so its slots are let go too.
    A slot naming its job ("is this still my job?") is held by Qt's
    connection, out of the collector's sight: job, signals, connection, slot,
    job was a cycle never freed, with all the job held."""
    job = ref()
    if job is None:
        return
    if not job.released.is_set():  # the worker still holds it: let go once it has not
        QTimer.singleShot(1, partial(_let_go, ref))
        return
    _reporting.discard(job)
    signals = job.signals
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Failed to disconnect": a signal nobody listened to
        for signal in (signals.progress, signals.finished, signals.failed, signals.cancelled):
            signal.disconnect()


def ended_unreported() -> bool:
    """Whether a job's work has returned and its report is still to be
    delivered: what it wrote is committed, and not yet told (ui/ops/changes.py)."""
    return any(job.ended for job in _reporting)


_queued = [0]  # ProgressJobs started and not yet running


def queued() -> int:
    """How many jobs wait behind the one running: work that can wait
    (ui/contacts/orders.py) steps aside for them."""
    return _queued[0]


def busy() -> bool:
    """Whether a job runs or waits on the executor (none before it is first used)."""
    return _executor is not None and (_executor.activeThreadCount() > 0 or _queued[0] > 0)


def wait(msecs: int = 30_000) -> bool:
    """Block until every queued job has ended (closing a window, a restore); False on timeout."""
    return executor().waitForDone(msecs)


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class ProgressJob(QRunnable):
    """Runs ``work(progress, cancelled)``; reports by signal, never dies silently.

    Args:
        work: the job; it calls ``progress(done, total)`` now and then and
            stops (raising) once ``cancelled()`` is true.
        what: names the job in the log if it fails unexpectedly.
        cancelled_by: the error that means "the user cancelled": it emits
            ``cancelled`` instead of ``failed``. Without it, every
            FollowupError is a failure with its message.
    """

    def __init__(self, work: Work, *, what: str = "job", cancelled_by: type[FollowupError] | None = None) -> None:
        super().__init__()
        self.signals = _Signals()
        self.stop = threading.Event()
        self.queued = False  # counted in queued() until it runs
        self.ended = False  # its work has returned (a write committed): its report may still be on its way
        self.released = threading.Event()  # the worker holds it no more (_run_and_release)
        self._work, self._what, self._cancelled_by = work, what, cancelled_by

    @classmethod
    def with_store(
        cls,
        db_path: Path,
        clock: Clock,
        work: StoreWork,
        *,
        what: str = "job",
        cancelled_by: type[FollowupError] | None = None,
    ) -> ProgressJob:
        """A job whose ``work(store, progress, cancelled)`` gets its own connection
        (which leaves the planner's statistics to the window's: a commit of
        them would be a change from elsewhere to the window, ui/ops/changes.py)."""

        def on_own_connection(progress: Progress, cancelled: CancelCheck) -> Any:
            with Store.open(db_path, clock, statistics=False) as store:
                return work(store, progress, cancelled)

        return cls(on_own_connection, what=what, cancelled_by=cancelled_by)

    def run(self) -> None:
        if self.queued:
            self.queued = False
            _queued[0] -= 1
        try:
            try:
                result = self._work(self.signals.progress.emit, self.stop.is_set)
            finally:
                self.ended = True
        except FollowupError as error:
            if self._cancelled_by is not None and isinstance(error, self._cancelled_by):
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(error))
        except Exception as error:  # a worker must report, never die silently
            log.exception("%s failed", self._what)
            self.signals.failed.emit(f"Something went wrong: {error}")
        else:
            self.signals.finished.emit(result)


def run_with_progress(
    parent: QWidget,
    label: str,
    work: Work,
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    *,
    what: str = "job",
) -> ProgressJob:
    """Run ``work`` on the executor behind a modal progress dialog whose
    Cancel stops it; ``on_done(result)`` or ``on_error(message)`` follows."""
    progress = QProgressDialog(label, "Cancel", 0, 0, parent)
    progress.setWindowTitle("Followup")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    job = ProgressJob(work, what=what)
    job.setAutoDelete(False)

    def step(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total))

    def finish(result: Any) -> None:
        progress.close()
        on_done(result)

    def fail(message: str) -> None:
        progress.close()
        on_error(message)

    job.signals.progress.connect(step)
    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    progress.canceled.connect(job.stop.set)
    parent._progress_job = job  # type: ignore[attr-defined]  # keep it alive until it reports
    start(job)
    return job


class TaskRunner(QObject):
    """Store work for one view on the executor; ``on_done(result)`` or ``on_error(message)`` follows."""

    def __init__(self, db_path: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._clock = clock

    def run(
        self,
        work: Callable[[Store], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        job = ProgressJob.with_store(
            self._db_path, self._clock, lambda store, _p, _c: work(store), what="background job"
        )
        job.setAutoDelete(False)  # (kept by start() until it has reported)
        job.signals.finished.connect(on_done)
        job.signals.failed.connect(on_error)
        start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        return wait(msecs)
