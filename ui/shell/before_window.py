"""Before the window: the slow work an open may need, said out loud.

Two things can make opening the database slow before any window exists:

- after a crash the database is checked whole before anything writes
  (followup/store/health.py): half a minute at 100,000 contacts on a quiet
  machine;
- the first start of a new version copies the database and upgrades it
  (followup/store/migrations.py): about 45 s at 100,000 contacts.

Without a word the user would see nothing and launch again. So that work
runs on the app's worker while a small dialog says what is happening and
how long it has taken. Quit interrupts the check, writes nothing, and the
check runs again at the next start; an upgrade, once begun, is let finish
(each step is all or nothing, but stopping one half way saves nothing).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from followup.store.health import needs_check
from followup.store.store import check_unclean_shutdown, needs_upgrade, upgrade
from ui.ops import jobs

SHOW_AFTER_MS = 400  # a small database is done before the dialog would show
POLL_MS = 50

CHECKING = "Followup was not closed properly last time.\nChecking your data before anything is written…"
UPGRADING = (
    "Updating your data for this version of Followup…\nA copy of it as it was is kept beside it, in case you go back."
)


def _text(what: str, seconds: float) -> str:
    waited = f"{int(seconds)} s so far; a" if seconds >= 1 else "A"
    return f"{what}\n{waited} large database takes a minute or so."


def prepare_before_window(db: Path, title: str) -> bool:
    """Run the pending check, then a pending upgrade, showing progress.
    False when the user chose Quit."""
    if needs_check(db):
        stop = threading.Event()
        if not _run(lambda: check_unclean_shutdown(db, stop), CHECKING, title, stop):
            return False
    if needs_upgrade(db):
        _run(lambda: upgrade(db), UPGRADING, title, None)
    return True


def _run(work: Callable[[], object], what: str, title: str, stop: threading.Event | None) -> bool:
    """``work`` on the worker while a dialog says ``what``; False when Quit was pressed."""
    done = threading.Event()

    def job() -> None:
        try:
            work()
        finally:
            done.set()

    dialog = QProgressDialog(_text(what, 0), "Quit", 0, 0)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if stop is None:
        dialog.setCancelButton(None)
    loop = QEventLoop()
    began = time.monotonic()
    quit_asked = False

    def poll() -> None:
        nonlocal quit_asked
        if stop is not None and dialog.wasCanceled() and not quit_asked:
            quit_asked = True
            stop.set()
        if done.is_set():
            loop.quit()
            return
        dialog.setLabelText(_text(what, time.monotonic() - began))

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    jobs.start(job)  # on the app's one worker (ui/ops/jobs.py)
    timer.start()
    loop.exec()
    timer.stop()
    if quit_asked:
        done.wait(5)  # the interrupted check ends within a few ms: leave nothing running behind
    dialog.close()
    dialog.deleteLater()
    return not quit_asked
