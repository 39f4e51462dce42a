"""Reading the whole contacts list off the GUI thread.

At 100,000 contacts reading the list (one query, a row and a search text per
contact) takes about a second: on the GUI thread the window froze on every
Refresh, Show archived, import, restore or change made by another process.
The loader reads it on the one background executor (``ui.ops.jobs``), on a
connection of its own, and hands the rows back by signal; the model is
swapped in on the GUI thread. Only the newest request's rows are shown: a
result that arrives after a newer request was made is dropped, and the older
job stops reading as soon as it notices.

Small lists are read in place: below ``in_place_below`` contacts the read
takes less than a frame and a thread hop would only leave the list stale for
a moment. At start-up a big list shows its first screenful at once (read in
a few milliseconds, in the list's order) and the rest follows from the worker.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal

from followup.clock import Clock
from followup.domain import ContactRow
from followup.progress import CancelCheck, Progress
from followup.store import Store
from ui.contacts.model import by_name
from ui.ops import collector, jobs

log = logging.getLogger(__name__)

FIRST_SCREENFUL = 200  # rows shown at start-up before the rest arrives (a tall window shows ~60)
IN_PLACE_BELOW = 1_000  # contacts: read on the GUI thread (~8 ms) rather than on the worker
START_LATEST_MS = 1_000  # start-up: read the rest by then even if the window has not painted
# Rows from which a list, once shown, is left out of the cycle collector's
# passes (ui/ops/collector.py): a full pass over 100,000 rows took 64-300 ms.
FREEZE_FROM = 20_000


class Loaded(NamedTuple):
    rows: list[ContactRow]
    total: int  # every contact, archived or not (the welcome page shows when there is none)
    complete: bool = True  # False: the first screenful, the rest follows
    by_name: bool = False  # already in the list's order by name (ui.contacts.model.by_name)
    where: dict[int, int] | None = None  # each contact's place in rows, by id (made on the worker)


Read = Callable[[Store, bool, CancelCheck], Loaded | None]


def read_rows(store: Store, include_archived: bool, cancelled: CancelCheck) -> Loaded | None:
    """The list's rows, or None when the request was superseded before it began."""
    if cancelled():
        return None
    rows = store.contacts.rows(include_archived=include_archived, cancelled=cancelled)
    if cancelled():
        return None
    rows.sort(key=by_name)  # the list's own order, here rather than on the GUI thread (~70 ms at 100k)
    where = {r.id: n for n, r in enumerate(rows)}  # the list's index, here rather than on the GUI thread
    return Loaded(rows, store.contacts.count(), by_name=True, where=where)


class ContactsListLoader(QObject):
    """Signals: ``loaded(Loaded)`` with the newest request's rows, ``failed(message)``."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, clock: Clock, parent: QObject | None = None, *, read: Read | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._clock = clock
        self.read: Read = read if read is not None else read_rows
        self.in_place_below = IN_PLACE_BELOW
        self.freeze_from = FREEZE_FROM
        self._request = 0
        self._pending: dict[int, jobs.ProgressJob] = {}
        # The worker's connection of each request being read, to interrupt it
        # (sqlite3's interrupt() is made to be called from another thread).
        self._reading: dict[int, sqlite3.Connection] = {}
        self._deferred: int | None = None  # start-up: the request waiting for the window's first frame

    def busy(self) -> bool:
        """A request is still being read (a write meanwhile may not be in it)."""
        return bool(self._pending)

    def load(self, store: Store, include_archived: bool) -> Loaded | None:
        """Read the list: returns it at once when it is small (nothing else
        follows), else None and ``loaded`` follows from the worker."""
        self.cancel()
        if not store.contacts.at_least(self.in_place_below):
            return read_rows(store, include_archived, lambda: False)
        self._start(include_archived)
        return None

    def first_screenful(self, store: Store, after_first_frame: Callable[[Callable[[], None]], object]) -> Loaded | None:
        """At start-up: the whole list when it is small, else the first
        screenful of active contacts now and the rest from the worker, handed
        to ``after_first_frame`` (the window's: once it has painted, and its
        data read on the worker has come; the worker would slow the first
        frame down: building rows in Python holds the interpreter), and
        started after ``START_LATEST_MS`` at the latest."""
        total = store.contacts.count()
        if total < self.in_place_below:
            return read_rows(store, False, lambda: False)
        self.cancel()
        request = self._deferred = self._request
        after_first_frame(lambda: self._start_deferred(request))
        QTimer.singleShot(START_LATEST_MS, lambda: self._start_deferred(request))
        return Loaded(store.contacts.first_rows(FIRST_SCREENFUL), total, complete=False)

    def _start_deferred(self, request: int) -> None:
        if self._deferred != request:
            return  # started already, or superseded (cancel() dropped it)
        self._deferred = None
        self._start(False)

    def cancel(self) -> None:
        """Drop whatever is being read: its result will not be shown."""
        self._request += 1
        self._deferred = None  # (the start-up read, if it was waiting for the first frame)
        for job in self._pending.values():
            job.stop.set()
        for conn in list(self._reading.values()):
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
                conn.interrupt()

    def _start(self, include_archived: bool) -> None:
        request = self._request
        read = self.read
        reading = self._reading

        # No collector pass while the rows are made: they live until the next list and are frozen once
        # shown; walking them as they came cost 10-100 ms passes on the GUI thread that freed nothing.
        # (From when the read runs: queued behind a long write, it holds nothing.)
        hold = collector.Hold()

        def work(store: Store, _progress: Progress, cancelled: CancelCheck) -> Loaded | None:
            hold.begin()
            reading[request] = store.conn
            try:
                if cancelled():
                    return None
                return read(store, include_archived, cancelled)
            except sqlite3.OperationalError:
                if cancelled():  # interrupted: nobody wants these rows any more
                    return None
                raise
            finally:
                reading.pop(request, None)

        job = jobs.ProgressJob.with_store(self._db_path, self._clock, work, what="reading the contacts list")
        job.setAutoDelete(False)
        self._pending[request] = job
        job.signals.finished.connect(lambda result: self._on_finished(request, result, hold.release))
        job.signals.failed.connect(lambda message: self._on_failed(request, message, hold.release))
        jobs.start(job)

    def _on_finished(self, request: int, result: Loaded | None, release: Callable[[], None]) -> None:
        self._pending.pop(request, None)
        try:
            if request == self._request and result is not None:
                self.loaded.emit(result)  # shown: the list before it is let go
                if len(result.rows) >= self.freeze_from:
                    collector.freeze_long_lived()  # these rows live until the next list: no pass walks them
        finally:
            release()

    def _on_failed(self, request: int, message: str, release: Callable[[], None]) -> None:
        release()
        self._pending.pop(request, None)
        if request == self._request:
            log.warning("the contacts list could not be read: %s", message)
            self.failed.emit(message)
