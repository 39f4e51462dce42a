"""Layouts settled now, rather than one turn of the event loop at a time.

A change of text asks the layout of the label's parent to run again, and
that layout, once run, asks its parent's: each request is an event posted for
the next turn of the event loop, and a paint may come between two of them.
A page whose layouts nest (a scroll area in a scroll area) then paints
several times for one change, each time laid out differently (issue 16:
opening a contact at 100,000 contacts painted the page two or three times).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

ROUNDS = 4  # a request handled may post another one level up: the page's nesting is under this deep

_LAYOUT_REQUEST = QEvent.Type.LayoutRequest.value


def settle() -> None:
    """Run every layout request posted so far, and those they post in turn."""
    for _ in range(ROUNDS):
        QCoreApplication.sendPostedEvents(None, _LAYOUT_REQUEST)
