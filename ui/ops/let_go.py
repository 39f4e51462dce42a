"""Letting go of big lists a slice at a time, on the GUI thread.

Freeing 100,000 contacts list rows (each a tuple of strings, tuples and
datetimes) takes 50-70 ms in one go: when a list read again replaced the
old one, the window froze for that long after every bulk action. Dropping a
list that does not free its rows costs too: a reference less on each row,
rows scattered in memory (the model's old list, the rows it showed and each
order it kept: 8-16 ms in all at 100,000 contacts). The lists are handed
here instead, as they are (no copy: copying touched every row once more),
and each turn of the event loop does a few milliseconds of the work: a list
someone else still holds (a search running on its thread, the same list
handed twice) is only forgotten, never changed; one held only here loses
``RUN`` of its rows, from its end, until it is empty.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

RUN = 8192  # rows dropped per turn of the event loop (~4 ms at 100,000 contacts)
FROM = 2 * RUN  # a shorter list is let go at once
_held: list[list[Any]] = []  # what is still to drop, oldest first


def _references_when_only_here() -> int:
    """What ``sys.getrefcount`` says in ``_step`` of a list held by nobody else (its slot, its name, the argument)."""
    probe: list[list[Any]] = [[]]
    items = probe[0]
    return sys.getrefcount(items)


_ONLY_HERE = _references_when_only_here()


def later(*lists: list[Any]) -> None:
    """Let go of ``lists``: the caller gives them up (it may hold them still, to read, never to change)."""
    if QCoreApplication.instance() is None:
        return
    was_idle = not _held
    handed = {id(items) for items in _held}
    for items in lists:
        if len(items) >= FROM and id(items) not in handed:
            _held.append(items)
            handed.add(id(items))
    if was_idle and _held:
        QTimer.singleShot(0, _step)


def pending() -> int:
    """How many items are still held."""
    return sum(map(len, _held))


def _step() -> None:
    while _held:
        items = _held[0]
        if sys.getrefcount(items) > _ONLY_HERE:
            del items, _held[0]  # someone else holds it: theirs to free
            continue
        del items[-RUN:]
        if not items:
            del _held[0]
        break
    if _held:
        QTimer.singleShot(0, _step)
