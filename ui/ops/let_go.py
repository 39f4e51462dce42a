"""Letting go of a big list a slice at a time, on the GUI thread.

Freeing 100,000 contacts list rows (each a tuple of strings, tuples and
datetimes) takes 50-70 ms in one go: when a list read again replaced the
old one, the window froze for that long after every bulk action. The old
rows are handed here instead: a copy of the list keeps them, and each turn
of the event loop drops ``RUN`` of them (a few milliseconds) until none is
left. A row still used elsewhere (a search running on its thread) is freed
whenever that lets it go, as before.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

RUN = 8192  # rows dropped per turn of the event loop (~4 ms at 100,000 contacts)
FROM = 2 * RUN  # a shorter list is let go at once
_held: list[list[Any]] = []  # what is still to drop, oldest first


def later(items: list[Any]) -> None:
    """Let go of ``items`` (the caller may drop or reuse the list itself at once)."""
    if len(items) < FROM or QCoreApplication.instance() is None:
        return
    _held.append(list(items))
    if len(_held) == 1:
        QTimer.singleShot(0, _step)


def pending() -> int:
    """How many items are still held."""
    return sum(map(len, _held))


def _step() -> None:
    if not _held:
        return
    del _held[0][-RUN:]
    if not _held[0]:
        del _held[0]
    if _held:
        QTimer.singleShot(0, _step)
