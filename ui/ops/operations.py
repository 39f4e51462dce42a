"""``run``: every write from the UI goes through here.

It runs ``fn`` (a quick write on the window's own connection), shows a
``FollowupError`` in one place (a warning titled with what was being done),
and on success tells the hub what the write touched. ``run_in_dialog`` is the
same for a dialog's Save: the error goes back to the dialog, which shows it
beside what was typed and stays open, so nothing typed is lost.

``changes`` may be a function of the result, for a write whose own result
names what it touched (the id of a contact just added).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from followup.changes import Changes
from followup.errors import FollowupError
from ui.ops.changes import ChangesHub
from ui.widgets.plain_text import plain_message

T = TypeVar("T")
BUSY = "Followup is still busy with a long change, so this one was not made: try again when it has finished."
Touched = Changes | Callable[[T], Changes]


class Failed:
    """What ``run`` returns when the write failed (and the user was told)."""

    def __bool__(self) -> bool:
        return False


FAILED = Failed()


def run(
    hub: ChangesHub | None,
    parent: QWidget | None,
    title: str,
    fn: Callable[[], T],
    changes: Touched[T],
    then: Callable[[T], object] | None = None,
) -> T | Failed:
    """Do one write; on a FollowupError say so once and return FAILED, else run
    ``then(result)`` (what the caller shows at once) and emit ``changes``.

    ``hub`` is None only for a dialog opened on its own, with no window to tell."""
    try:
        result = fn()
    except FollowupError as error:
        plain_message(parent, title, str(error))  # an error names user data: shown as typed
        return FAILED
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        plain_message(parent, title, BUSY)  # a long write holds the lock (ui/ops/long_write.py)
        return FAILED
    _done(hub, result, changes, then)
    return result


def run_in_dialog(
    hub: ChangesHub | None,
    fn: Callable[[], T],
    changes: Touched[T],
    then: Callable[[T], object] | None = None,
) -> T:
    """A dialog's Save: a FollowupError propagates to the dialog (shown beside
    the fields, the dialog stays open); success is told as ``run`` tells it."""
    result = fn()
    _done(hub, result, changes, then)
    return result


def _done(hub: ChangesHub | None, result: T, changes: Touched[T], then: Callable[[T], object] | None) -> None:
    if then is not None:
        then(result)
    if hub is not None:
        hub.publish(changes if isinstance(changes, Changes) else changes(result))
