"""``run``: every write from the UI goes through here.

It runs ``fn`` (a quick write on the window's own connection), shows a
``FollowupError`` in one place (a warning titled with what was being done),
and on success tells the hub what the write touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from followup.changes import Changes
from followup.errors import FollowupError
from ui.ops.changes import ChangesHub

T = TypeVar("T")


class Failed:
    """What ``run`` returns when the write failed (and the user was told)."""

    def __bool__(self) -> bool:
        return False


FAILED = Failed()


def run(
    hub: ChangesHub,
    parent: QWidget | None,
    title: str,
    fn: Callable[[], T],
    changes: Changes,
    then: Callable[[T], object] | None = None,
) -> T | Failed:
    """Do one write; on a FollowupError say so once and return FAILED, else run
    ``then(result)`` (what the caller shows at once) and emit ``changes``."""
    try:
        result = fn()
    except FollowupError as error:
        QMessageBox.warning(parent, title, str(error))
        return FAILED
    if then is not None:
        then(result)
    hub.publish(changes)
    return result
