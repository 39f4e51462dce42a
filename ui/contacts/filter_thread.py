"""Filtering a big contacts list off the GUI thread, as the user types.

At 100,000 contacts the rows' search texts are 21 MB: the first letter or
two of a query, looked for in all of them, took 20-40 ms on the GUI thread.
From ``FROM`` rows to look in, the model (ui/contacts/model.py) hands the
search to this thread of its own (not the app's one worker: a long write
there must not stop the filter) and shows the rows when they come back. The
newest request wins: an older one stops at its next slice and is never
shown. Slices of ``SLICE`` rows let the GUI thread in between them.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from followup import matching
from followup.domain import ContactRow

log = logging.getLogger(__name__)

FROM = 20_000  # rows to look in: below, a query is answered in place within a frame
SLICE = 8_192


def select_in_slices(
    query: matching.Query, rows: Sequence[ContactRow], superseded: Callable[[], bool]
) -> list[ContactRow] | None:
    """``matching.select(query, rows)``, slice by slice; None once ``superseded()``."""
    found: list[ContactRow] = []
    for start in range(0, len(rows), SLICE):
        if superseded():
            return None
        found.extend(matching.select(query, rows[start : start + SLICE]))
    return found


def narrows(before: matching.Query, after: matching.Query) -> bool:
    """Whether every contact ``after`` finds is one ``before`` found: each of
    its words holds one of the earlier ones (a phone query: its digits hold
    the earlier digits)."""
    if before.digits or after.digits:
        return bool(before.digits and after.digits and before.digits in after.digits)
    return all(any(word in longer for longer in after.words) for word in before.words)


class FilterThread(QObject):
    """``found(request, rows)`` on the GUI thread for the newest request
    only; rows None: it failed (logged), and the model looks in place."""

    found = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor  # made for the first big filter, not at start-up

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contacts-filter")
        self._latest = 0
        self.destroyed.connect(lambda *_: self._pool.shutdown(wait=False, cancel_futures=True))

    def submit(self, query: matching.Query, rows: Sequence[ContactRow]) -> int:
        self._latest += 1
        request = self._latest

        def superseded() -> bool:
            return request != self._latest

        def work() -> None:
            try:
                found = select_in_slices(query, rows, superseded)
                if found is not None and not superseded():
                    self.found.emit(request, found)
            except RuntimeError:  # the model went away meanwhile (the window closed)
                pass
            except Exception:  # a thread must report, never die silently
                log.exception("filtering the contacts list failed")
                with contextlib.suppress(RuntimeError):
                    self.found.emit(request, None)

        self._pool.submit(work)
        return request

    def cancel(self) -> None:
        """Whatever is being looked for will not be shown."""
        self._latest += 1
