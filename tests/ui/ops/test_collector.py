"""Cycles holding Qt objects are freed on the GUI thread, never on the worker
(ui/ops/collector.py)."""

from __future__ import annotations

import contextlib
import gc
import math
import sys
import threading
import time
import weakref
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from ui.ops import collector


class Holder:
    """A cycle (it refers to itself) that keeps a Qt object, like a closure
    connected to a dialog."""

    def __init__(self) -> None:
        self.me = self
        self.qt = QObject()


def freed_in(make_garbage_elsewhere: bool) -> str:
    """Which thread frees a fresh cycle when a worker allocates enough to
    cross the youngest generation's threshold (a job building rows does)."""
    where: list[str] = []
    holder = Holder()
    weakref.finalize(holder, lambda: where.append(threading.current_thread().name))
    del holder

    def allocate() -> None:
        junk = []
        for _ in range(50 * gc.get_threshold()[0]):
            junk.append([])  # each list is tracked by the collector

    if make_garbage_elsewhere:
        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
    collector.collect_due()  # what the GUI thread's timer does
    gc.collect()  # and whatever is left, on this (the GUI) thread
    return where[0]


@pytest.fixture
def automatic_collection() -> Iterator[None]:
    was = gc.isenabled()
    gc.collect()  # earlier tests' cycles are freed here, on the GUI thread, not by the worker below
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_without_the_collector_a_worker_frees_the_gui_threads_objects(
    qapp: QApplication, automatic_collection: None
) -> None:
    # GIVEN Python's automatic collection (what the app had before)
    # WHEN a worker allocates after a cycle holding a QObject was dropped
    # THEN the worker frees it: the hazard the collector exists for
    assert freed_in(make_garbage_elsewhere=True) == "worker"


def test_with_the_collector_only_the_gui_thread_frees_cycles(qapp: QApplication) -> None:
    # GIVEN the collector installed on the application (ui/app.py does it)
    was = gc.isenabled()
    installed = collector.install(qapp)
    try:
        assert not gc.isenabled()
        assert collector.install(qapp) is installed  # once per application
        # WHEN a worker allocates a lot after a cycle holding a QObject was dropped
        # THEN the cycle waits for the GUI thread
        assert freed_in(make_garbage_elsewhere=True) == threading.current_thread().name
    finally:
        installed.timer.stop()
        installed.setParent(None)
        del installed  # destroyed now: automatic collection comes back, as when the app ends
        assert gc.isenabled()
        if not was:
            gc.disable()  # the suite's own setting (tests/conftest.py)


def test_collect_due_collects_what_crossed_the_threshold(qapp: QApplication) -> None:
    # GIVEN automatic collection off and more young cycles than the threshold
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for _ in range(gc.get_threshold()[0] + 10):
            Holder()
        # WHEN the timer's work runs
        freed = collector.collect_due()
        # THEN the cycles are freed, and a second run finds nothing new to do
        assert freed >= gc.get_threshold()[0]
        assert collector.collect_due() == 0
    finally:
        if was:
            gc.enable()


def cross_every_threshold() -> list[list[int]]:
    """Make every generation due (automatic collection off): returns the young objects to keep alive."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    for _ in range(threshold2 + 1):
        gc.collect(1)  # the middle generation collected often enough for the oldest to be due
    for _ in range(threshold1 + 1):
        gc.collect(0)
    return [[] for _ in range(2 * threshold0)]  # the youngest is due too


@contextlib.contextmanager
def passes_started() -> Iterator[list[int]]:
    """The generation of each collection begun inside the block, in order."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def generations_collected(
    long_lived: int, idle_for: float = math.inf, waited: float | None = None, quiet_for: float = math.inf
) -> list[int]:
    """Which generations collect_due() collects once every threshold is
    crossed, when the oldest generation held ``long_lived`` objects after its
    last collection, the user's last input was ``idle_for`` seconds ago, the
    last job on the worker ran ``quiet_for`` seconds ago and a full pass has
    been waiting for a pause for ``waited`` seconds."""
    was = gc.isenabled()
    gc.disable()
    saved = collector._long_lived[0]
    collector._long_lived[0] = long_lived
    collector._due_since[0] = None if waited is None else 1000.0 - waited
    collector._heap_at[0] = -math.inf  # each call a tick of its own
    try:
        junk = cross_every_threshold()  # noqa: F841 (kept alive until collected)
        with passes_started() as seen:
            collector.collect_due(idle_for=idle_for, quiet_for=quiet_for, now=1000.0)
    finally:
        collector._long_lived[0] = saved
        collector._due_since[0] = None
        if was:
            gc.enable()
    return seen


def test_the_oldest_generation_waits_until_it_has_grown_by_a_quarter() -> None:
    # GIVEN every generation's threshold crossed
    # WHEN the oldest generation has not grown by a quarter since its last pass (100,000 list rows in it)
    # THEN only the younger ones are collected (a full pass stalled the window for a tenth of a second)
    now = sys.getallocatedblocks()
    assert generations_collected(long_lived=now * 2) == [0, 1]
    # AND once it has grown by more than a quarter, it is collected as CPython would
    assert generations_collected(long_lived=0) == [0, 1, 2]


def test_a_full_pass_waits_for_a_pause_in_the_users_input() -> None:
    # GIVEN the oldest generation grown by more than a quarter (a list of 100,000 rows just read)
    # WHEN the user typed half a second ago
    # THEN only the younger generations are collected: the 0.1 s pass waits for a pause
    assert generations_collected(long_lived=0, idle_for=0.5) == [0, 1]
    # AND after two seconds without input, it runs
    assert generations_collected(long_lived=0, idle_for=collector.IDLE_S) == [0, 1, 2]
    # AND someone who never pauses gets it after two minutes anyway (memory would only grow)
    assert generations_collected(long_lived=0, idle_for=0.5, waited=collector.LONGEST_WAIT_S - 1) == [0, 1]
    assert generations_collected(long_lived=0, idle_for=0.5, waited=collector.LONGEST_WAIT_S) == [0, 1, 2]


def test_a_full_pass_waits_until_no_job_has_run_for_a_while() -> None:
    # GIVEN the oldest generation grown by more than a quarter and the user idle (no input during a bulk action)
    # WHEN a job runs on the worker (the write, the list read again, a view's refresh), or ran a moment ago
    # THEN only the younger generations are collected: the pass (100-300 ms at 100k) does not land in the refresh
    assert generations_collected(long_lived=0, quiet_for=0.0) == [0, 1]
    assert generations_collected(long_lived=0, quiet_for=collector.QUIET_S - 0.1) == [0, 1]
    # AND once nothing has run for a while, it runs
    assert generations_collected(long_lived=0, quiet_for=collector.QUIET_S) == [0, 1, 2]
    # AND a job that never ends does not hold it off for more than two minutes
    assert generations_collected(long_lived=0, quiet_for=0.0, waited=collector.LONGEST_WAIT_S) == [0, 1, 2]


def test_the_longest_wait_counts_from_when_a_full_pass_last_fell_due() -> None:
    # GIVEN a full pass due while the user works and a job runs (it waits), at t=1000
    was = gc.isenabled()
    gc.disable()
    saved = collector._long_lived[0]
    try:
        collector._long_lived[0] = 0
        junk = [cross_every_threshold()]  # each kept alive: objects freed count down the youngest generation
        collector.collect_due(idle_for=0.5, quiet_for=0.0, now=1000.0)
        # WHEN it stops being due without running (the list adopted and frozen: nothing new to walk)
        collector._long_lived[0] = 10 * sys.getallocatedblocks() + 10**6
        junk.append(cross_every_threshold())
        collector.collect_due(idle_for=0.5, quiet_for=0.0, now=1010.0)
        # AND falls due again much later, while the user works (an undo after an eight-minute delete)
        collector._long_lived[0] = 0
        junk.append(cross_every_threshold())
        with passes_started() as seen:
            collector.collect_due(idle_for=0.5, quiet_for=0.0, now=1000.0 + collector.LONGEST_WAIT_S + 60)
        # THEN it waits again: the two minutes count from when it fell due this time, not the first time
        assert seen == [0, 1]
    finally:
        collector._long_lived[0] = saved
        collector._due_since[0] = None
        if was:
            gc.enable()


def test_what_was_frozen_is_left_out_of_passes_then_walked_again_later() -> None:
    # GIVEN a cycle alive when a big list was adopted and everything alive was frozen
    # (nothing frozen before: earlier tests' lists may have been)
    was = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    collector._frozen_since[0] = None
    gc.collect()
    holder = Holder()
    freed: list[bool] = []
    weakref.finalize(holder, lambda: freed.append(True))
    try:
        collector.freeze_long_lived(now=1000.0)
        assert gc.get_freeze_count() > 0
        assert not any(o is holder for o in gc.get_objects(generation=2))  # no pass walks it
        # WHEN it becomes garbage
        del holder
        # THEN a full pass leaves it be, as long as it is frozen
        gc.collect()
        collector.collect_due(now=1000.0 + collector.UNFREEZE_EVERY_S - 1)
        assert freed == []
        # AND not while the user types or a job runs, even when it is time
        collector.collect_due(idle_for=0.5, now=1000.0 + collector.UNFREEZE_EVERY_S)
        collector.collect_due(quiet_for=0.0, now=1000.0 + collector.UNFREEZE_EVERY_S)
        assert freed == [] and gc.get_freeze_count() > 0
        # AND once it has been frozen long enough, with the user idle and nothing running, it is freed
        collector.collect_due(now=1000.0 + collector.UNFREEZE_EVERY_S)
        assert freed == [True]
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        collector._frozen_since[0] = None
        if was:
            gc.enable()


def test_the_collector_collects_in_slices_while_a_job_runs(qapp: QApplication, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the collector ticking at its idle pace
    was = gc.isenabled()
    owner = QObject()
    ticking = collector.GuiThreadCollector(owner)
    try:
        gc.collect()
        collector._busy_at[0] = -math.inf
        ticking.tick()
        assert ticking.timer.interval() == collector.INTERVAL_MS
        # WHEN a job runs on the worker (it may allocate 100,000 rows between two ticks)
        monkeypatch.setattr(collector.jobs, "busy", lambda: True)
        ticking.tick()
        # THEN the young generations are collected every frame, each pass a few milliseconds
        assert ticking.timer.interval() == collector.BURST_MS <= 16
        # AND for a moment after it ended (the rows it made are adopted), then at the idle pace again
        monkeypatch.setattr(collector.jobs, "busy", lambda: False)
        ticking.tick()
        assert ticking.timer.interval() == collector.BURST_MS
        collector._busy_at[0] -= collector.QUIET_S
        ticking.tick()
        assert ticking.timer.interval() == collector.INTERVAL_MS
    finally:
        ticking.timer.stop()
        collector._busy_at[0] = -math.inf
        del ticking, owner  # destroyed: automatic collection comes back, as when the app ends
        if not was:
            gc.disable()


@contextlib.contextmanager
def installed_collector(qapp: QApplication) -> Iterator[collector.GuiThreadCollector]:
    """The application's collector, installed for the block, then gone (automatic collection as the suite had it)."""
    was = gc.isenabled()
    installed = collector.install(qapp)
    try:
        yield installed
    finally:
        installed.timer.stop()
        # Deleted now, not when the block's own name for it goes (after this
        # finally): its end turns automatic collection back on.
        shiboken6.delete(installed)
        if not was:
            gc.disable()


def test_a_hold_keeps_every_pass_off_until_released(qapp: QApplication) -> None:
    # GIVEN the collector installed and young cycles over every threshold
    freed: list[bool] = []
    with installed_collector(qapp) as installed:
        gc.collect()
        holders = [Holder() for _ in range(gc.get_threshold()[0] + 10)]
        weakref.finalize(holders[0], lambda: freed.append(True))
        del holders
        # WHEN a job building objects that will live on holds the collector (the contacts list read again)
        release = collector.Hold().begin()
        assert collector.held()
        installed.tick()
        # THEN no pass walks anything meanwhile
        assert not freed
        # AND once released, the next tick frees the cycles
        release()
        release()  # a second release is harmless
        assert not collector.held()
        installed.tick()
        assert freed == [True]


def test_a_hold_never_released_lapses() -> None:
    # GIVEN a hold whose job was lost (never released)
    release = collector.Hold(longest_s=60.0).begin(now=1000.0)
    try:
        # THEN it holds until it lapses, not for ever
        assert collector.held(now=1059.0)
        assert not collector.held(now=1060.0)
    finally:
        release()


def test_the_collector_never_holds_a_reference_to_a_tuple_a_worker_is_still_building() -> None:
    # GIVEN a worker building tuples from a generator (the undo of a delete: tuple(r[c] for c in columns)),
    # which gives the interpreter to other threads in the middle of each one
    errors: list[BaseException] = []
    stop = threading.Event()

    def slow() -> Iterator[int]:
        for i in range(20):
            time.sleep(0)  # the GIL goes to the GUI thread mid-tuple
            yield i

    def build() -> None:
        while not stop.is_set():
            try:
                tuple(x for x in slow())
            except SystemError as error:  # CPython's tuple resize with a second reference held
                errors.append(error)
                return

    was = gc.isenabled()
    gc.disable()
    saved = collector._long_lived[0]
    worker = threading.Thread(target=build, name="worker")
    worker.start()
    junk = [[] for _ in range(100_000)]  # a full pass long enough for the worker to run inside it
    try:
        # WHEN the GUI thread's collector runs full passes and freezes, again and again
        for _ in range(40):
            collector._long_lived[0] = 0
            junk.append(cross_every_threshold())
            collector.collect_due(now=1000.0)
            collector.freeze_long_lived(now=1000.0)
            gc.unfreeze()
            if errors:
                break
    finally:
        stop.set()
        worker.join()
        collector._long_lived[0] = saved
        collector._due_since[0] = collector._frozen_since[0] = None
        if was:
            gc.enable()
    # THEN the worker's tuples are built undisturbed (gc.get_objects() held a reference to one
    # half-made, and CPython raised "SystemError: bad argument to internal function" in the worker:
    # CPython issue 39117; an undo of a delete of 100,000 contacts failed that way)
    assert errors == []


def test_growth_counts_from_a_heap_that_shrank() -> None:
    # GIVEN the heap after the last full pass ten times what it is now (a list of 100,000 contacts deleted)
    was = gc.isenabled()
    gc.disable()
    saved = collector._long_lived[0]
    try:
        collector._long_lived[0] = 10 * sys.getallocatedblocks()
        junk = cross_every_threshold()  # noqa: F841 (kept alive until collected)
        # WHEN the collector's timer runs while the user works
        collector.collect_due(idle_for=0.5, quiet_for=0.0, now=1000.0)
        # THEN the next full pass falls due once the heap grows by a quarter from what it is now,
        # not from what it was before the delete (garbage cycles would pile up meanwhile)
        assert collector._long_lived[0] < 2 * sys.getallocatedblocks()
    finally:
        collector._long_lived[0] = saved
        collector._due_since[0] = None
        if was:
            gc.enable()


def test_a_hold_for_a_queued_job_begins_when_the_job_runs() -> None:
    # GIVEN a hold made for a job that waits behind another (an eight-minute delete on the worker)
    hold = collector.Hold()
    # THEN it holds nothing yet: the passes go on while the other job runs (a hold taken at once
    # lapsed after 60 s, and the young generation's pass then walked 3 million objects: 147 ms)
    assert not collector.held()
    # WHEN the job runs THEN it holds, until released
    hold.begin()
    assert collector.held()
    hold.release()
    assert not collector.held()
    # AND a job dropped before it ran, its hold released first, never holds
    dropped = collector.Hold()
    dropped.release()
    dropped.begin()
    assert not collector.held()


def test_any_job_started_is_collected_in_slices_from_its_start(qapp: QApplication) -> None:
    # GIVEN the application's collector ticking at its idle pace (a second between ticks)
    from ui.ops import jobs

    with installed_collector(qapp) as installed:
        installed.timer.start(collector.INTERVAL_MS)
        # WHEN a job starts on the worker (a bulk write: 120,000 objects in its first second)
        jobs.start(jobs.ProgressJob(lambda _p, _c: None))
        # THEN the young generations are collected every frame from now, not a second later in one pass
        assert installed.timer.interval() == collector.BURST_MS
        # AND a job started meanwhile does not push the next tick back
        remaining = installed.timer.remainingTime()
        jobs.start(jobs.ProgressJob(lambda _p, _c: None))
        assert installed.timer.remainingTime() <= remaining
        jobs.wait()


def test_in_a_burst_the_youngest_generation_is_collected_at_every_tick_whatever_its_count() -> None:
    # GIVEN a few young cycles, far fewer than the threshold (a worker merging a sort frees as much as it
    # allocates: the count stays low while lists of 100,000 rows are built, then walked whole, 8-15 ms each)
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        for _ in range(10):
            Holder()
        # WHEN no job runs, THEN they wait for the threshold, as CPython would have them wait
        assert collector.collect_due() == 0
        # WHEN a job runs (a burst), THEN the young generation is collected at this tick all the same
        assert collector.collect_due(burst=True) >= 10
    finally:
        if was:
            gc.enable()
