"""Before the window: the check an unclean shutdown asks for, said out loud.

After a crash the database is checked whole before anything writes
(followup/store/health.py). At 100,000 contacts that is half a minute on a
quiet machine, and without a word the user would see nothing and launch
again. So the check runs on a thread of its own while a small dialog says
what is happening and how long it has taken; Quit interrupts it, writes
nothing, and the check runs again at the next start.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from followup.store.health import needs_check
from followup.store.store import check_unclean_shutdown

SHOW_AFTER_MS = 400  # a small database is checked before the dialog would show
POLL_MS = 50


def _text(seconds: float) -> str:
    waited = f" ({int(seconds)} s)" if seconds >= 1 else ""
    return (
        "Followup was not closed properly last time.\n"
        f"Checking your data before anything is written…{waited}\n"
        "A large database takes a minute or so."
    )


def check_before_window(db: Path, title: str) -> bool:
    """Run the pending check, if any, showing progress. False when the user quit."""
    if not needs_check(db):
        return True
    stop = threading.Event()
    thread = threading.Thread(target=check_unclean_shutdown, args=(db, stop), daemon=True)
    dialog = QProgressDialog(_text(0), "Quit", 0, 0)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    began = time.monotonic()
    quit_asked = False

    def poll() -> None:
        nonlocal quit_asked
        if dialog.wasCanceled() and not quit_asked:
            quit_asked = True
            stop.set()
        if not thread.is_alive():
            loop.quit()
            return
        dialog.setLabelText(_text(time.monotonic() - began))

    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    thread.start()
    timer.start()
    loop.exec()
    timer.stop()
    dialog.close()
    dialog.deleteLater()
    return not quit_asked
