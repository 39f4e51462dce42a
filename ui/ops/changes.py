"""The one change signal: every write says what it touched, every view listens.

``ChangesHub.changed(Changes)`` is emitted after a write from this window
(through ``ops.run`` or ``hub.publish``) and when another process wrote to the
database: the hub asks SQLite's ``PRAGMA data_version`` on a short timer. The
pragma is answered from the connection's own state (no disk read), and its
value moves only when *another* connection committed, so a write made by this
window's connection is never reported twice. Work done on the background
writer (another connection) reports its own ``Changes`` when it ends; the hub
then takes the new data_version as seen. Between its commit and its report
the hub does not look: a write on the worker (``ui/ops/pending.py``) or a
job whose work has returned would be taken for a change from elsewhere, and
every view read again (the 100,000-row list with them). A change from
elsewhere made meanwhile is taken as seen with the worker's report: it shows
when the views are next read.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal

from followup.changes import Changes
from ui.ops import index_upkeep, jobs, pending

log = logging.getLogger(__name__)
POLL_MS = 1000


class ChangesHub(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, conn: sqlite3.Connection, parent: QObject | None = None, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._conn = conn
        self._seen = self._data_version()
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def publish(self, changes: Changes) -> None:
        """Tell every listener what a write touched."""
        self._seen = self._data_version()
        if changes.anything:
            self.changed.emit(changes)

    def poll(self) -> bool:
        """Report a commit made by another connection since the last look; True if there was one."""
        if pending.any_pending() or jobs.ended_unreported() or index_upkeep.running():
            return False  # a write of ours may have committed and not yet told: it tells its own changes
        version = self._data_version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        log.info("the database was changed from elsewhere")
        self.changed.emit(Changes.everything(external=True))
        return True

    def _data_version(self) -> int | None:
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:  # closed (the window is going away) or busy: look again next tick
            return None
