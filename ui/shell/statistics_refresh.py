"""The window's connection refreshes the planner's statistics every few hours
(SQLite's advice for a connection that stays open: PRAGMA optimize now and
then). A window open for days would otherwise plan with what it saw at open:
the statistics are refreshed only at open, at close and after a bulk load.

On the GUI thread (the window's connection lives there), once the user has
left keyboard and mouse alone for a moment and no job is running: usually a
no-op, at most ~1,000 rows read per index (``ANALYSIS_LIMIT``). A commit of
the window's own connection is not a change from elsewhere to the hub."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from followup.store import Store
from ui.ops import jobs
from ui.widgets import activity

EVERY_MS = 3 * 60 * 60 * 1000
RETRY_MS = 60 * 1000  # the user busy, or a job running: a minute later
IDLE_S = 5.0


class StatisticsRefresh(QObject):
    def __init__(self, store: Store, parent: QObject) -> None:
        super().__init__(parent)
        self.store = store
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._due)
        self.timer.start(EVERY_MS)

    def _due(self) -> None:
        if self.store.closed:
            return  # the window has closed: nothing more
        if activity.idle_for() < IDLE_S or jobs.busy():
            self.timer.start(RETRY_MS)
            return
        self.store.refresh_statistics()
        self.timer.start(EVERY_MS)
