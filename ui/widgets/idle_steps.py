"""Work done a step at a time while the user is idle, after the first frame.

What the window builds or warms up before it is first needed (the contact
page: ui/shell/contact_page_slot.py; Insights: ui/shell/insights_slot.py;
the everyday dialogs: ui/shell/dialog_warmup.py) is cut into steps of a few
milliseconds of the GUI thread. Each runs in an event-loop turn of its own,
once the user has left the keyboard and mouse for ``IDLE_S``
(ui/widgets/activity.py), so that nothing the user does waits behind more
than one step. A step is *needed* (what is built) or a warm-up (what makes
the first use cheaper): ``hurry`` runs the rest a step a turn whatever the
user does, the warm-ups left out; ``run_needed`` runs the rest now, the
warm-ups left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Container

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ui.widgets import activity

# A step: its name, its work, and whether it is needed (False: a warm-up).
Step = tuple[str, Callable[[], object], bool]


class IdleSteps(QObject):
    """Runs its steps a turn each while the user is idle (``start``)."""

    IDLE_S = 0.15  # a step runs once the user has left the keyboard and mouse this long
    RETRY_MS = 50

    def __init__(self, parent: QObject, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.slices: list[tuple[str, float]] = []  # each step run: its name, its GUI-thread CPU (s)
        self.hurried = False  # no more waiting for the user to be idle
        self._steps: list[Step] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.step)

    def set_steps(self, steps: list[Step]) -> None:
        self._steps = list(steps)

    def start(self) -> None:
        if self._steps:
            self.timer.start(0)

    def waiting(self) -> bool:
        """Is a step due (the timer running), rather than paused or done?"""
        return self.timer.isActive()

    def done(self) -> bool:
        return not self._steps

    def step(self) -> None:
        """One step, if the user is idle (or ``hurry`` was asked); else try
        again a little later. Nothing while ``paused``."""
        if not self._steps or self.paused():
            return
        if not self.hurried and activity.idle_for() < self.IDLE_S:
            self.timer.start(self.RETRY_MS)
            return
        name, work, needed = self._steps.pop(0)
        if needed or not self.hurried:
            self._run(name, work)
        if self._steps:
            self.timer.start(0)  # the next step after what is waiting (input, paints)

    def paused(self) -> bool:
        """Wait (the timer stopped) instead of running a step: never, unless a
        subclass says so (and starts again itself)."""
        return False

    def hurry(self) -> None:
        """The rest a step a turn from now, whether the user is idle or not; warm-ups left out."""
        self.hurried = True
        if self._steps:
            self.timer.start(0)

    def run_needed(self, leave: Container[str] = ()) -> None:
        """The rest of what is needed, now; the warm-ups are left out. The
        steps named in ``leave`` are kept, in order, for later (``start``)."""
        self.timer.stop()
        steps, self._steps = self._steps, []
        for step in steps:
            name, work, needed = step
            if name in leave:
                self._steps.append(step)
            elif needed:
                self._run(name, work)

    def _run(self, name: str, work: Callable[[], object]) -> None:
        cpu = time.thread_time()
        work()
        self.slices.append((name, time.thread_time() - cpu))


class WhileShown(IdleSteps):
    """Steps for a window that wait while it is hidden (in the tray, or
    closed) and go on when it is shown again."""

    def __init__(self, window: QWidget, name: str) -> None:
        super().__init__(window, name)
        self._window = window

    def paused(self) -> bool:
        if self._window.isVisible():
            return False
        self.timer.stop()
        self._window.installEventFilter(self)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            self.start()
        return False
