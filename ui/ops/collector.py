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
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


def collect_due() -> int:
    """Collect the generations whose thresholds were crossed, as CPython's
    automatic collection would have; returns how many objects were freed.
    Call it on the GUI thread."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    freed = 0
    if count0 > threshold0:
        freed += gc.collect(0)
        if count1 > threshold1:
            freed += gc.collect(1)
            if count2 > threshold2:
                freed += gc.collect(2)
    return freed


class GuiThreadCollector(QObject):
    """Owned by the QApplication: automatic collection off while it lives,
    collect_due() on the GUI thread every INTERVAL_MS."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(collect_due)
        self.timer.start(interval_ms)
        self.destroyed.connect(lambda *_: gc.enable())


def install(app: QObject) -> GuiThreadCollector:
    """Once per application (a second call returns the first collector)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if isinstance(existing, GuiThreadCollector) else GuiThreadCollector(app)
