"""What the GUI benchmarks share: the window opened over a data folder once its
whole list has loaded, and each action timed until what it changed has painted
(wall, and the GUI thread's own CPU: ``time.thread_time``, a worker's share not
in it). Used by bench_interactions.py, bench_open_contact.py, bench_pickers.py
and bulk_gui_stall.py, which run from bench/."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from followup.clock import SystemClock
from followup.store import Store
from ui.shell.window import MainWindow
from ui.widgets import activity

FRAME_MS = 16.0
Sample = tuple[float, float]  # wall, GUI-thread CPU (seconds)


class Paints(QObject):
    """Counts a widget's paint events; ``started``: the GUI thread's CPU time
    when the first paint since it was last set to None began."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        self.started: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            if self.started is None:
                self.started = time.thread_time()
        return False


def until_painted(paints: Paints, action: Callable[[], object]) -> Sample:
    before = paints.count
    activity.note()  # what a key or a click is to the app: input (work that can wait steps aside)
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    QApplication.processEvents()
    for _ in range(5):  # layouts run on zero-timers; the paint may need another pass
        if paints.count != before:
            break
        QApplication.processEvents()
    return time.perf_counter() - wall, time.thread_time() - cpu


def timed(owner: object, name: str, paints: Paints) -> list[Sample]:
    """Wrap ``owner.name`` so each call's wall and GUI-thread CPU time is
    kept, until what it changed has painted."""
    samples: list[Sample] = []
    original = getattr(owner, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        sample = until_painted(paints, lambda: original(*args, **kwargs))
        samples.append(sample)
        return None

    setattr(owner, name, wrapper)
    return samples


def line(label: str, samples: list[Sample], frames: int = 1) -> None:
    """Median and worst; OVER when the GUI thread's CPU passed ``frames`` frames
    (two for an action that is two steps: a key to its dialog, then its OK)."""
    walls = [s[0] * 1000 for s in samples]
    cpus = [s[1] * 1000 for s in samples]
    worst = max(walls)
    flag = "" if max(cpus) < FRAME_MS * frames else "  OVER (CPU)"
    print(
        f"{label:<46} n={len(samples):<4} wall median {statistics.median(walls):6.1f} worst {worst:6.1f} ms"
        f"   CPU median {statistics.median(cpus):6.1f} worst {max(cpus):6.1f} ms{flag}",
        flush=True,
    )


def settle(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def accepted_as_it_opens(after_accept: list[float]) -> None:
    """The next modal dialog is accepted as soon as it has painted (Enter, at
    once); the GUI thread's CPU time at that moment is noted."""
    painted: list[Paints] = []
    tries: list[float] = []  # when the dialog was first seen

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(0, accept)  # not shown yet
            return
        if not painted:
            painted.append(Paints(dialog))
            tries.append(time.perf_counter())
        if not painted[0].count and time.perf_counter() - tries[0] < 5.0:  # (never painted: accepted anyway)
            QTimer.singleShot(0, accept)  # not painted yet
            return
        after_accept.append(time.thread_time())
        dialog.accept()

    QTimer.singleShot(0, accept)


def cpu_of(owner: object, name: str) -> list[Sample]:
    """Wrap ``owner.name``: each call's wall and GUI-thread CPU time (no paint waited for)."""
    samples: list[Sample] = []
    original = getattr(owner, name)

    def wrapper(*args: object, **kwargs: object) -> object:
        wall, cpu = time.perf_counter(), time.thread_time()
        result = original(*args, **kwargs)
        samples.append((time.perf_counter() - wall, time.thread_time() - cpu))
        return result

    setattr(owner, name, wrapper)
    return samples


def shown_with_the_whole_list(store: Store, folder: Path, size: tuple[int, int] | None = None) -> MainWindow:
    """The window over ``store`` (``size``: resized first), shown, once its contacts list has loaded (at most 300 s)."""
    window = MainWindow(store, SystemClock(), folder, initial_view="contacts")
    if size is not None:
        window.resize(*size)
    loaded: list[bool] = []
    window.contacts_loader.loaded.connect(lambda _result: loaded.append(True))
    window.show()
    started = time.perf_counter()
    while not loaded and time.perf_counter() - started < 300:
        QApplication.processEvents()
        time.sleep(0.01)
    return window


def closed(window: MainWindow, store: Store) -> None:
    """The window's work stopped and waited for, the window and the store closed."""
    window.contacts_loader.cancel()
    window.tasks.wait(10_000)
    window.close()
    store.close()
