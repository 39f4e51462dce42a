"""Long writes that the user can stop: all of it, or nothing.

A bulk write is a few set-based statements in one transaction; one of them
may run for seconds at 100,000 contacts. ``cancellable(conn, cancelled)``
asks ``cancelled()`` every few thousand SQLite steps (the connection's
progress handler) and interrupts the running statement when it says yes:
the statement fails, the transaction around it rolls back, and ``Cancelled``
is raised, so nothing is ever half-written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from followup.errors import FollowupError
from followup.progress import CancelCheck

# SQLite virtual-machine steps between two looks at ``cancelled()``: a few
# thousand rows' worth, well under a millisecond.
STEPS = 20_000


class Cancelled(FollowupError):
    """The user stopped the write; nothing of it was kept."""

    def __init__(self, message: str = "Cancelled: nothing was changed.") -> None:
        super().__init__(message)


@contextmanager
def cancellable(conn: sqlite3.Connection, cancelled: CancelCheck) -> Iterator[None]:
    """Statements run inside may be interrupted by ``cancelled()``; the error
    that follows (and the rollback it causes) comes out as ``Cancelled``."""
    fired = False

    def look() -> int:
        nonlocal fired
        if not fired and cancelled():
            fired = True  # once: the ROLLBACK that follows must run to its end
            return 1
        return 0

    conn.set_progress_handler(look, STEPS)
    try:
        yield
    except sqlite3.OperationalError as error:
        if fired:
            raise Cancelled() from error
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if fired:  # interrupted inside a statement whose error someone caught: say so anyway
        raise Cancelled()
