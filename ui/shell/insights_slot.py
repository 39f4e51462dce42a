"""The Insights view, built before its tab is first shown.

Importing the Insights modules and building the view (cards, charts, tables,
the lists of silences) was 40-110 ms of the GUI thread at the first switch to
the tab at 100,000 contacts (issue 16: every interaction within a frame).
Start-up does not pay it either: the first frame does not show Insights.
Once the window has painted, the view is built in two short steps, the
import and then the view (polished and laid out at the tabs' size, without
its figures: those are read on the worker when the tab is shown), each when
the user has given no input for ``IDLE_S``, so that neither lands under a
keystroke. A switch to the tab before then builds it at once, as before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from ui.widgets import activity

if TYPE_CHECKING:
    from ui.shell.window import MainWindow

IDLE_S = 1.0  # each step (15-25 ms) waits for this long without a key, a click or a mouse move
POLL_MS = 250


def built(w: MainWindow) -> bool:
    """Is the Insights view built (the page holds it once it is)?"""
    layout = w.insights_page.layout()
    return layout is not None and layout.count() > 0


class InsightsSlot(QObject):
    """``start()``: build ``window``'s Insights view, step by step, while the user is idle."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._steps = [self._import, self._build]
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.step)

    def start(self) -> None:
        self._timer.start()

    def polling(self) -> bool:
        """Is it looking for a pause in the user's input (not built yet, the window shown)?"""
        return self._timer.isActive()

    def step(self) -> None:
        """Take the next step if the user is idle (the timer calls it)."""
        w = self._window
        if not self._steps or built(w):
            self._timer.stop()
            return
        if not w.isVisible():  # closed, or in the tray: again when shown
            self._timer.stop()
            w.installEventFilter(self)
            return
        if activity.idle_for() >= IDLE_S:
            self._steps.pop(0)()
            if not self._steps:
                self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Show:
            self._window.removeEventFilter(self)
            self._timer.start()
        return False

    def _import(self) -> None:
        importlib.import_module("ui.insights.view")

    def _build(self) -> None:
        from ui.insights import charts

        charts.warm_up()
        w = self._window
        view = w.insights_view
        view.ensurePolished()
        page, shown = w.insights_page, w.tabs.currentWidget()
        if shown is not None and shown is not page:
            page.setGeometry(shown.geometry())  # the size it will be shown at: laid out once, now
        layout = page.layout()
        if layout is not None:
            layout.activate()
