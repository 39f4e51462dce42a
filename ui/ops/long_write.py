"""A write too long for one frame: on the worker, with progress and Cancel.

``write_in_background`` runs ``work(store)`` on the one executor over the
worker's own connection, inside ``followup.cancellable``: Cancel (in the
progress dialog, or Esc) interrupts the statement that is running and the
whole transaction rolls back. The window keeps painting meanwhile; the
dialog is window-modal, so no other write of this window can start and wait
on the worker's lock. When it ends: the changes go to the hub and
``then(result)`` says what was done; an error is one sentence in a message
titled with what was being done, and nothing was written; a cancel says so
in the status bar. Meanwhile a write on the window's own connection waits
at most GUI_WAIT_MS for the lock, and is refused in one sentence (ops.run).

A bulk action on a small selection takes less than a frame on the window's
own connection: ``runs_long`` says which selections go to the worker.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from followup.cancellable import Cancelled, cancellable
from followup.changes import Changes
from followup.progress import CancelCheck, Progress
from followup.store import Store
from followup.store.connection import BUSY_TIMEOUT_MS
from ui.ops import jobs, pending
from ui.ops.operations import Touched
from ui.ops.shell import Shell
from ui.widgets.plain_text import plain_message

T = TypeVar("T")
# The dialog appears only for a write still running after this long.
SHOW_AFTER_MS = 300
# While the worker holds the write lock, a write on the window's connection
# (the reminders window is not behind the progress dialog) gives up after this
# long and says so (ops.run) instead of freezing the window for the whole job.
GUI_WAIT_MS = 250
CANCEL_KEEPS = "Cancel stops it and keeps everything as it was."
_running: set[jobs.ProgressJob] = set()  # kept alive until they report


def running() -> bool:
    """Whether a long write is under way on the worker."""
    return bool(_running)


def _gui_waits(store: Store, ms: int) -> None:
    try:
        store.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
    except sqlite3.Error:  # the window's connection closed meanwhile (quitting)
        pass


def write_in_background(
    shell: Shell,
    title: str,
    label: str,
    work: Callable[[Store], T],
    changes: Touched[T],
    then: Callable[[T], object] | None = None,
    on_stopped: Callable[[], object] | None = None,
) -> jobs.ProgressJob:
    """Start ``work`` on the worker behind a progress dialog that can cancel it.

    Args:
        title: what is being done ("Delete contacts"): the error message's title.
        label: what runs ("Deleting 3,000 contacts…"): the progress dialog's
            text (above a line saying what Cancel does) and the status bar's meanwhile.
        changes: what the write touched (or a function of its result), told to the hub.
        then: called on the GUI thread with the result, after the hub was told.
        on_stopped: called when the write failed or was cancelled (nothing was written).
    """
    parent = shell.dialog_parent()

    def on_worker(store: Store, _progress: Progress, cancelled: CancelCheck) -> T:
        with cancellable(store.conn, cancelled):
            return work(store)

    job = jobs.ProgressJob.with_store(shell.store.path, shell.clock, on_worker, what=title, cancelled_by=Cancelled)
    job.setAutoDelete(False)
    dialog = QProgressDialog(f"{label}\n{CANCEL_KEEPS}", "Cancel", 0, 0, parent)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("x") * 60)
    dialog.setObjectName("longWriteProgress")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    # A busy dialog (no range) starts counting its minimum duration only from
    # a value at its minimum: without one it showed after Qt's default 4 s.
    dialog.setValue(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.stop.set)
    dialog.canceled.connect(lambda: dialog.setLabelText("Cancelling… nothing will be kept."))

    def ended() -> None:
        _running.discard(job)
        if not _running:
            _gui_waits(shell.store, BUSY_TIMEOUT_MS)
        dialog.canceled.disconnect()
        dialog.close()
        dialog.deleteLater()

    def finished(result: Any) -> None:
        ended()
        shell.hub.publish(changes if isinstance(changes, Changes) else changes(result))
        if then is not None:
            then(result)

    def failed(message: str) -> None:
        ended()
        shell.show_status("", 1)
        plain_message(parent, title, message)
        if on_stopped is not None:
            on_stopped()

    def cancelled() -> None:
        ended()
        shell.show_status(f"{title}: cancelled, nothing was changed.", 10_000)
        if on_stopped is not None:
            on_stopped()

    job.signals.finished.connect(pending.then_changed(finished))
    job.signals.failed.connect(pending.then_changed(failed))
    job.signals.cancelled.connect(pending.then_changed(cancelled))
    _running.add(job)
    _gui_waits(shell.store, GUI_WAIT_MS)
    shell.show_status(label, 0)
    pending.changed()
    jobs.start(job)
    return job
