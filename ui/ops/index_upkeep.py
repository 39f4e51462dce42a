"""The search index merged on the worker while the user is idle
(followup/store/index_upkeep.py: no write merges it any more), and the
write-ahead log checkpointed then rather than inside a write of the window.

Due at start (the folder may come from a bulk load on the command line) and
after every change the hub reports; once the user has left keyboard and mouse
alone for ``IDLE_S`` and no job runs or waits, one job merges for at most
``JOB_S`` on the worker's own connection, then leaves the executor to
whatever queued meanwhile, and the next job follows while the user stays
idle. Each merge step is a short transaction of its own: a write of the
window that comes meanwhile waits for one step at most.

The job's commits are no change to the views: the hub does not look while
it runs, and takes the database's version as seen when it ends, unless
another connection committed meanwhile (the command line, or this window):
then the hub's next look reports that change as it reports any other. The
hub looks just before a job starts; a commit from elsewhere in the
milliseconds between that look and the job's connection opening is taken
as seen (as with any job's writes, ui/ops/changes.py), and shows with the
next change.
"""

from __future__ import annotations

import logging
import time
import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer

from followup.changes import Changes
from followup.progress import CancelCheck, Progress
from followup.store import Store, index_upkeep
from ui.ops import collector, jobs, pending
from ui.widgets import activity

if TYPE_CHECKING:
    from followup.clock import Clock
    from ui.ops.changes import ChangesHub

log = logging.getLogger(__name__)
IDLE_S = 2.0  # the user idle this long: merging cannot land under a keystroke
LOOK_MS = 1000  # while merging is due and the user busy: look again this much later
AGAIN_MS = 50  # between two jobs while the user stays idle
RETRY_MS = 60 * 1000  # the database busy for long, or the disk full: a minute later
JOB_S = 0.25  # one job's merging, at most (plus the step under way)
_running: set[jobs.ProgressJob] = set()


def running() -> bool:
    """Whether a merge job has yet to report (the hub leaves its commits alone)."""
    return bool(_running)


class IndexUpkeep(QObject):
    def __init__(self, store: Store, hub: ChangesHub, clock: Clock, parent: QObject) -> None:
        super().__init__(parent)
        self.store, self.hub, self.clock = store, hub, clock
        # Due at start if the index has segments to merge (a bulk load from
        # the command line); the log needs no checkpoint before a change.
        self.due = index_upkeep.may_merge(store.conn)
        self.stopped = False
        # The log is copied back into the database by the jobs, in the
        # user's pauses; a write of the window does it only past this bound.
        store.conn.execute(f"PRAGMA wal_autocheckpoint = {index_upkeep.WINDOW_CHECKPOINT_PAGES}")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._look)
        hub.changed.connect(self._changed)
        self.timer.start(LOOK_MS)

    def stop(self) -> None:
        """The window closes: no job starts from now on (one under way ends
        first: the window waits for the executor)."""
        self.stopped = True
        self.timer.stop()

    def _changed(self, _changes: Changes) -> None:
        self.due = True
        if not self.stopped and not self.timer.isActive() and not running():
            self.timer.start(LOOK_MS)

    def _look(self) -> None:
        if self.stopped or self.store.closed or not self.due:
            return  # the window has closed, or nothing to merge until the next change
        if activity.idle_for() < IDLE_S or jobs.busy() or pending.any_pending() or collector.waiting():
            # (a full pass of the collector waits for a pause without jobs: it goes first)
            self.timer.start(LOOK_MS)
            return
        self._start()

    def _start(self) -> None:
        since = activity.last_input()

        def stop() -> bool:
            # The user back (SQLite's lock is not fair: the window's write,
            # sleeping in its busy handler, could wait behind step after
            # step), a job waiting, or the job's time is up.
            return activity.last_input() != since or jobs.queued() > 0 or time.monotonic() > until

        def work(store: Store, _progress: Progress, cancelled: CancelCheck) -> index_upkeep.Tidied:
            return index_upkeep.tidy(store.conn, lambda: cancelled() or stop(), pages=index_upkeep.STEP_PAGES)

        until = time.monotonic() + JOB_S  # (from its start: the executor is free, it starts at once)

        self.due = False  # a change from now on makes it due again
        # A commit from elsewhere since the hub last looked is reported now:
        # the job sees only those made once it has opened its connection.
        self.hub.poll()
        job = jobs.ProgressJob.with_store(self.store.path, self.clock, work, what="merging the search index")
        job.setAutoDelete(False)
        _running.add(job)
        me = weakref.ref(self)
        job.signals.finished.connect(lambda done: _report(me, job, done))
        job.signals.failed.connect(lambda message: _report(me, job, index_upkeep.Tidied(0, True, True, message)))
        jobs.start(job)

    def _ended(self, done: index_upkeep.Tidied) -> None:
        if not done.others_wrote:
            self.hub.publish(Changes())  # its own commits seen: no view reads again for them
        if done.error is not None:
            log.info("merging the search index left for later: %s", done.error)
        self.due = self.due or done.more
        if self.store.closed or not self.due:  # (a stopped upkeep is not told: _report)
            return
        self.timer.start(RETRY_MS if done.error is not None else AGAIN_MS)


def _report(me: weakref.ref[IndexUpkeep], job: jobs.ProgressJob, done: index_upkeep.Tidied) -> None:
    """A job has ended: it no longer counts as running, whatever became of
    the window; the upkeep that started it hears of it if it is still there."""
    _running.discard(job)
    upkeep = me()
    if upkeep is not None and shiboken6.isValid(upkeep) and not upkeep.stopped:
        upkeep._ended(done)
