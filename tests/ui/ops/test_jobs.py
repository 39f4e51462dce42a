"""The one background executor: every job on one thread, in order, with progress and cancel."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

from PySide6.QtWidgets import QApplication

from followup.clock import FixedClock
from followup.errors import FollowupError
from followup.progress import CancelCheck, Progress
from followup.store import Store
from ui.ops import jobs
from ui.ops.jobs import ProgressJob, TaskRunner

REPO_ROOT = Path(__file__).resolve().parents[3]


def test_jobs_from_different_views_run_on_one_thread_in_order(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two views' runners over the same database
    first, second = TaskRunner(store.path, clock), TaskRunner(store.path, clock)
    threads: list[int] = []
    order: list[str] = []
    results: list[object] = []
    # WHEN each starts store work
    for name, runner in (("a", first), ("b", second), ("c", first)):
        runner.run(
            lambda s, name=name: (threads.append(threading.get_ident()), order.append(name), s.contacts.count()),
            results.append,
            results.append,
        )
    qtbot.waitUntil(lambda: len(results) == 3)
    # THEN they ran one after the other on the same single worker thread, not the GUI's
    assert order == ["a", "b", "c"]
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()
    assert jobs.executor().maxThreadCount() == 1


def test_a_job_reports_progress_and_stops_when_cancelled(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a job that counts to a thousand and stops when told
    class Stopped(FollowupError):
        pass

    release = threading.Event()

    def work(progress: Progress, cancelled: CancelCheck) -> int:
        for i in range(1000):
            progress(i, 1000)
            release.wait(5)
            if cancelled():
                raise Stopped("stopped")
        return 1000

    job = ProgressJob(work, cancelled_by=Stopped)
    job.setAutoDelete(False)
    seen: list[tuple[int, int]] = []
    job.signals.progress.connect(lambda done, total: seen.append((done, total)))
    # WHEN it runs and the user cancels
    with qtbot.waitSignal(job.signals.cancelled, timeout=10_000):
        jobs.start(job)
        job.stop.set()
        release.set()
    # THEN it reported how far it got, and ended as cancelled, not failed
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == (0, 1000)


def test_no_other_thread_pool_exists_in_ui() -> None:
    # GIVEN ui/ WHEN searched for thread pools and threads THEN only the executor makes one
    makers = [
        path.relative_to(REPO_ROOT).as_posix()
        for path in sorted((REPO_ROOT / "ui").rglob("*.py"))
        if any(
            word in path.read_text(encoding="utf-8")
            for word in ("QThreadPool(", "globalInstance()", "QThread(", "threading.Thread(")
        )
    ]
    assert makers == ["ui/ops/jobs.py"]


def test_a_job_that_has_reported_is_let_go_with_what_it_holds(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a job holding a large payload (as a bulk action holds its ids), started and nothing else keeping it
    class Payload:
        pass

    payload = Payload()
    held = weakref.ref(payload)
    job = ProgressJob(lambda _p, _c, payload=payload: len([payload]))
    job.setAutoDelete(False)  # as every caller says
    gone = weakref.ref(job)
    got: list[object] = []
    job.signals.finished.connect(got.append)
    jobs.start(job)
    del job, payload
    # WHEN it has run and its result has been delivered
    qtbot.waitUntil(lambda: got == [1])
    jobs.wait(5_000)
    QApplication.processEvents()
    gc.collect()
    # THEN neither the job nor its payload lives on (QThreadPool.start kept a reference to every job for ever)
    assert gone() is None and held() is None


def test_a_job_not_kept_by_its_caller_still_reports(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a job started and at once forgotten by its caller, whose work takes a moment
    release = threading.Event()
    got: list[object] = []
    job = ProgressJob(lambda _p, _c: release.wait(5) and "done")
    job.setAutoDelete(False)
    job.signals.finished.connect(got.append)
    jobs.start(job)
    del job
    gc.collect()
    # WHEN the work ends
    release.set()
    # THEN its report still arrives: the executor keeps a job until it has reported
    qtbot.waitUntil(lambda: got == ["done"])


def test_a_job_whose_slots_name_it_is_let_go_once_it_has_reported(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a job whose own slots name it (as the list's orders do: "was this my job?") and hold a payload
    class Payload:
        pass

    payload = Payload()
    held = weakref.ref(payload)
    got: list[object] = []
    job = ProgressJob(lambda _p, _c, payload=payload: len([payload]))
    job.setAutoDelete(False)
    job.signals.finished.connect(lambda result, job=job: got.append((result, job.stop.is_set())))
    gone = weakref.ref(job)
    jobs.start(job)
    del job, payload
    # WHEN it has reported
    qtbot.waitUntil(lambda: got == [(1, False)])
    jobs.wait(5_000)
    for _ in range(3):
        QApplication.processEvents()
    got.clear()
    gc.collect()
    # THEN it is freed with its payload: a slot held by Qt's connection is a reference the collector cannot see,
    # so job -> signals -> connection -> slot -> job was a cycle never collected (a list's 100,000 rows per reload)
    assert gone() is None and held() is None


def test_a_job_is_freed_on_the_gui_thread_even_when_the_worker_lets_go_of_it_last(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a job nothing else keeps, whose worker is held up right after the job has reported
    # (a thread the system schedules out; its report delivered and let go of on the GUI thread meanwhile)
    hold = threading.Event()
    freed_on: list[int] = []

    class HeldUp(ProgressJob):
        def run(self) -> None:
            super().run()
            hold.wait(5)

    job = HeldUp(lambda _p, _c: 1)
    job.setAutoDelete(False)
    weakref.finalize(job, lambda: freed_on.append(threading.get_ident()))
    weakref.finalize(job.signals, lambda: freed_on.append(threading.get_ident()))
    gone = weakref.ref(job)
    got: list[object] = []
    job.signals.finished.connect(got.append)
    jobs.start(job)
    del job
    qtbot.waitUntil(lambda: got == [1])
    qtbot.wait(50)  # the GUI thread lets go of a job that has reported
    # WHEN the worker goes on and drops what it held
    hold.set()
    assert jobs.wait(5_000)
    qtbot.waitUntil(lambda: gone() is None)
    # THEN the job and its signals' QObject were freed on the GUI thread, never on the worker
    # (a QObject deleted off its own thread, and whatever a job's work held: a view, a window)
    assert freed_on == [threading.get_ident()] * 2
