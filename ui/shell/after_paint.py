"""Work the first frame does not need, run once the window has painted.

Start-up builds only what the first frame shows; what is hidden behind
another tab (Today's replies to invitations when the window opens on
Contacts, ...) is built by a zero-timer after the window's first paint, or
after ``LATEST_MS`` when the window is not shown (started in the tray).

A first frame whose data comes from the worker (Today's first read, from
``FIRST_IN_PLACE_BELOW`` contacts: ui/today/controller.py) is not complete at
the first paint: ``hold`` makes the work wait for it too, at most
``HOLD_LONGEST_MS``. The work is Python, and it held the interpreter the
worker's read needed: Today's list painted 25-30 ms later at 10,000 contacts
when that read was on the worker (bench_start.py --view today)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget

LATEST_MS = 1_000  # run by then even if the window has not painted
HOLD_LONGEST_MS = 2_000  # what ``hold`` waits for is given up on after this


class AfterFirstPaint(QObject):
    """``add(work)``: run ``work`` once ``window`` has painted (in the order added)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._work: list[Callable[[], None]] = []
        self._armed = False
        self._held = False  # waiting for the first frame's data too (``hold``)
        self._painted = False

    def add(self, work: Callable[[], None], *, first: bool = False) -> None:
        """``first``: before what was added so far (a read for the worker to start on)."""
        if first:
            self._work.insert(0, work)
        else:
            self._work.append(work)
        if not self._armed:
            self._armed = True
            self._window.installEventFilter(self)
            QTimer.singleShot(LATEST_MS, self, self._latest)

    def hold(self, until: SignalInstance) -> None:
        """Wait also for ``until`` (the first frame's data, read on the worker), at most ``HOLD_LONGEST_MS``."""
        self._held = True
        until.connect(self._release, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(HOLD_LONGEST_MS, self, self._release)

    def _release(self) -> None:
        if self._held:
            self._held = False
            if self._painted:
                self._after_this_frame()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and self._work:
            self._painted = True
            if not self._held:
                self._after_this_frame()
        return False

    def _after_this_frame(self) -> None:
        # The window paints before its children, in the same pass: a zero-timer
        # now would run before the rest of the frame is painted. Two hops run
        # it once the whole frame is on screen.
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self.run))

    def _latest(self) -> None:
        if not self._window.isVisible():  # started in the tray: nothing will paint soon
            self.run()

    def cancel(self) -> None:
        """The window has closed for good: what waits would build over a store
        that is closing, for a window nobody will see."""
        if self._armed:
            self._window.removeEventFilter(self)
            self._armed = False
        self._work = []

    def run(self) -> None:
        """Run what is waiting now (also for tests that never show the window)."""
        if self._armed:
            self._window.removeEventFilter(self)
            self._armed = False
        work, self._work = self._work, []
        for item in work:
            item()
