"""Python's cycle collector, run on the GUI thread only.

CPython runs its cyclic garbage collector in whichever thread happens to
allocate when a generation's threshold is crossed. With a background executor
(ui/ops/jobs.py) that is often the worker: a cycle that holds a Qt object (a
dialog and a lambda connected to it, a widget kept by a closure) would then be
freed, and its C++ object deleted, off the GUI thread, which Qt does not allow
(a crash, seen once in the test suite). The usual fix for Python Qt
applications (pyqtgraph, Spyder, Erik Janssens' note "Should the Python
garbage collector be disabled?"): turn automatic collection off and let the
GUI thread collect on a timer, generation by generation, with the thresholds
Python would have used. Reference counting still frees everything that is
not in a cycle at once, in the thread that drops it.

At 100,000 contacts the list's rows are most of what the collector walks:
a full pass over them took 64 ms on a quiet machine, 100-300 ms during the
views' refresh after a bulk action (both lists alive, the worker running).
So a full pass also waits until no job has run for ``QUIET_S`` (a write,
a list being read, a view's refresh), and a list that big is frozen once
adopted (``freeze_long_lived``: ``gc.freeze()``, the objects alive then are
left out of every later pass; reference counting still frees them). While
such a list is read on the worker, no pass runs at all (``Hold``): walking
its rows as they were made cost the GUI thread 10-100 ms passes of the young
generations that freed nothing.
Whatever was frozen goes back to the oldest generation, walked by a full
pass, ``UNFREEZE_EVERY_S`` later while the user is idle and nothing runs,
so a cycle among them is freed late, never kept for ever. While a job runs, the young
generations are collected every ``BURST_MS``: the worker's allocations are
walked in slices of a few milliseconds.
"""

from __future__ import annotations

import gc
import math
import sys
import threading
import time
import weakref

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import isValid

from ui.ops import jobs
from ui.widgets import activity

INTERVAL_MS = 1000
BURST_MS = 16  # while something allocates fast (a job runs): collect in slices of a frame
BURST = 20  # the youngest generation over BURST times its threshold at a tick: a burst
BURST_THRESHOLD1 = 2  # in a burst, the middle generation is collected every few passes

IDLE_S = 2.0  # a full pass waits for this long without a key, a click or a mouse move...
QUIET_S = 2.0  # ...and for this long without a job on the worker (a write, a read, a refresh)...
LONGEST_WAIT_S = 120.0  # ...but once due, never longer than this (memory would only grow)
UNFREEZE_EVERY_S = 600.0  # what freeze_long_lived() left out is walked again this often (when idle and quiet)
HOLD_LONGEST_S = 60.0  # a hold() never released (a job lost) lapses after this
HEAP_EVERY_S = 1.0  # while a full pass could not run at once, the heap is measured at most this often

# The heap after the last full pass, in memory blocks (_heap(): CPython counts long_lived_total in objects).
_long_lived = [0]
_heap_at = [-math.inf]  # when _heap() was last measured while a full pass could not run at once
_due_since: list[float | None] = [None]  # when a full pass fell due and waited for a pause
_frozen_since: list[float | None] = [None]  # when objects were first frozen since the last walk over them
_busy_at = [-math.inf]  # time.monotonic() when a job was last seen running on the worker
_holds: list[float] = []  # until when each Hold begun and not yet released lasts (time.monotonic())
_holding = threading.Lock()  # a Hold is begun on the worker and released on the GUI thread


def collect_due(
    *, burst: bool = False, idle_for: float = math.inf, quiet_for: float = math.inf, now: float | None = None
) -> int:
    """Collect the generations whose thresholds were crossed, as CPython's
    automatic collection would have; returns how many objects were freed.
    Call it on the GUI thread.

    Like CPython, the oldest generation (every long-lived object: 100,000 list
    rows are 100,000 of them) is collected only once it has grown by a quarter
    since its last collection (here: the heap, ``_heap``, has grown by a
    quarter since the last full pass): a full pass over it takes a tenth of a second
    or more at that size, and made the window stall again and again. That
    pass also waits until the user has been idle for ``IDLE_S`` (``idle_for``:
    seconds since the last input) and no job has run for ``QUIET_S``
    (``quiet_for``), or it has waited ``LONGEST_WAIT_S``. Objects frozen
    (``freeze_long_lived``) are walked again by a full pass once they have
    been left out for ``UNFREEZE_EVERY_S``, when the user is idle and no job runs."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    freed = 0
    # In a burst, at every tick: a worker merging a sort frees about as much as it
    # allocates, and the count stayed under the threshold while lists of 100,000
    # rows were built, then walked whole in one tick (8-15 ms each, 40-55 ms in all).
    if count0 > threshold0 or burst:
        freed += gc.collect(0)
        if count1 > (BURST_THRESHOLD1 if burst else threshold1):  # in a burst, in small slices too
            freed += gc.collect(1)
            if count2 > threshold2 and _look_at_heap(idle_for, quiet_for, now):
                old = _heap()
                _long_lived[0] = min(_long_lived[0], old)  # a heap that shrank (a list let go): growth from here
                if old - _long_lived[0] <= _long_lived[0] // 4:
                    _due_since[0] = None  # not due (a list adopted and frozen): a later wait counts afresh
                elif _may_stall(idle_for, quiet_for, now):
                    freed += gc.collect(2)
                    _long_lived[0] = _heap()
                    _due_since[0] = None
    return freed + _walk_frozen(idle_for, quiet_for, now)


def _heap() -> int:
    """How much the interpreter holds, in memory blocks (``sys.getallocatedblocks``):
    the measure of growth for the oldest generation. Not ``len(gc.get_objects(2))``:
    that list holds a reference to every object, one a worker is still building
    with them, and CPython's tuple(generator) then fails in the worker with
    "SystemError: bad argument to internal function" (CPython issue 39117)."""
    return sys.getallocatedblocks()


def _look_at_heap(idle_for: float, quiet_for: float, now: float | None) -> bool:
    """Whether to measure the heap at this tick: always when a full pass could
    run at once (the user idle, no job), else once every ``HEAP_EVERY_S``.
    While a job ran, the oldest generation stayed due (no full pass ran) and
    the heap was measured at every third tick of 16 ms: a walk over every pool
    of the interpreter's memory, the GUI thread's for a quarter of the time
    while all 100,000 demo contacts were deleted (the rows kept for Undo: 4 GB)."""
    if idle_for >= IDLE_S and quiet_for >= QUIET_S:
        return True
    now = time.monotonic() if now is None else now
    if 0 <= now - _heap_at[0] < HEAP_EVERY_S:
        return False
    _heap_at[0] = now
    return True


def freeze_long_lived(now: float | None = None) -> None:
    """Leave every object alive now out of the collector's passes (``gc.freeze``):
    called once a list of many rows has been adopted, which will live until
    the next one. Reference counting still frees them; a full pass walks them
    again ``UNFREEZE_EVERY_S`` after the first freeze."""
    gc.freeze()
    _long_lived[0] = _heap()
    _due_since[0] = None  # nothing left to walk: a full pass due later waits afresh
    if _frozen_since[0] is None:
        _frozen_since[0] = time.monotonic() if now is None else now


def _walk_frozen(idle_for: float, quiet_for: float, now: float | None) -> int:
    """Once what was frozen has been left out for ``UNFREEZE_EVERY_S``, and the
    user is idle and no job runs: back in the oldest generation, and one full
    pass over everything (a cycle among them is freed late, not never)."""
    since = _frozen_since[0]
    if since is None or idle_for < IDLE_S or quiet_for < QUIET_S:
        return 0
    if (time.monotonic() if now is None else now) - since < UNFREEZE_EVERY_S:
        return 0
    gc.unfreeze()
    freed = gc.collect(2)
    _long_lived[0] = _heap()
    _frozen_since[0] = _due_since[0] = None
    return freed


def waiting() -> bool:
    """Whether a full pass is due and waits for the user idle and no job
    (idle work on the worker steps aside for it: ui/ops/index_upkeep.py)."""
    return _due_since[0] is not None


def job_running(now: float | None = None) -> float:
    """Note whether a job runs or waits on the worker; returns seconds since one last did (0: one does)."""
    now = time.monotonic() if now is None else now
    if jobs.busy():
        _busy_at[0] = now
    return now - _busy_at[0]


def _may_stall(idle_for: float, quiet_for: float, now: float | None) -> bool:
    """A full pass may run now: the user is idle and no job runs, or it has waited long enough."""
    if idle_for >= IDLE_S and quiet_for >= QUIET_S:
        return True
    now = time.monotonic() if now is None else now
    since = _due_since[0]
    if since is None:
        _due_since[0] = since = now
    return now - since >= LONGEST_WAIT_S


class Hold:
    """No pass at all while a job builds objects that will live on (the
    contacts list read again: 100,000 rows, frozen once adopted): walking
    them as they are made cost the GUI thread 10-100 ms passes that found
    nothing to free. ``begin()`` when the job starts to run (on the worker:
    a job queued behind an eight-minute delete must not hold meanwhile),
    ``release()`` when what it made is adopted or dropped (on the GUI
    thread; a release before the begin means it never holds). A hold not
    released lapses after ``longest_s``. Reference counting frees everything
    not in a cycle meanwhile."""

    def __init__(self, longest_s: float = HOLD_LONGEST_S) -> None:
        self._longest_s = longest_s
        self._until: float | None = None
        self._released = False

    def begin(self, now: float | None = None) -> Hold:
        with _holding:
            if not self._released and self._until is None:
                self._until = (time.monotonic() if now is None else now) + self._longest_s
                _holds.append(self._until)
        return self

    def release(self) -> None:
        with _holding:
            self._released = True
            if self._until is not None:
                _holds.remove(self._until)
                self._until = None

    __call__ = release


def held(now: float | None = None) -> bool:
    """A hold is on (and has not lapsed)."""
    now = time.monotonic() if now is None else now
    return any(until > now for until in _holds)


class GuiThreadCollector(QObject):
    """Owned by the QApplication: automatic collection off while it lives,
    collect_due() on the GUI thread every INTERVAL_MS, every BURST_MS while
    something (a worker building the contacts list) allocates fast, so that
    each pass stays short."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(interval_ms)
        self.destroyed.connect(lambda *_: gc.enable())

    def tick(self) -> None:
        young = gc.get_count()[0]
        quiet_for = job_running()
        if held():
            self.timer.setInterval(self.interval_ms)
            return
        burst = young > BURST * gc.get_threshold()[0] or quiet_for < QUIET_S  # a job runs, or just ended
        collect_due(burst=burst, idle_for=activity.idle_for(), quiet_for=quiet_for)
        self.timer.setInterval(min(BURST_MS, self.interval_ms) if burst else self.interval_ms)

    def hurry(self) -> None:
        """A burst of allocations begins (a job starts): collect in short slices from now.
        At that pace already, the next tick is left where it is (jobs started often would push it back)."""
        if not self.timer.isActive() or self.timer.interval() > min(BURST_MS, self.interval_ms):
            self.timer.start(min(BURST_MS, self.interval_ms))


_ATTRIBUTE = "_followup_collector"  # the application's collector, remembered on it (weakly)


def hurry() -> None:
    """Tell the application's collector, if there is one, that a burst begins."""
    found = _installed(QCoreApplication.instance())
    if found is not None:
        found.hurry()


def install(app: QObject) -> GuiThreadCollector:
    """Once per application (a second call returns the first collector).

    Remembered on the application rather than found among its children:
    ``findChild`` hands each child to Python, among them the application's
    style, and PySide made the QStyle class for it (5.5 ms of the start-up)."""
    existing = _installed(app)
    if existing is not None:
        return existing
    made = GuiThreadCollector(app)
    setattr(app, _ATTRIBUTE, weakref.ref(made))  # (it goes with its parent, or when let go)
    return made


def _installed(app: QObject | None) -> GuiThreadCollector | None:
    ref = getattr(app, _ATTRIBUTE, None)
    found = ref() if callable(ref) else None
    return found if isinstance(found, GuiThreadCollector) and isValid(found) else None
