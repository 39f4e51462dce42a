"""Asking the store for the people a picker shows, off the GUI thread.

At 100,000 contacts a search that finds few people reads every contact
(45-70 ms, ~200 outside ASCII: followup/store/people_search.py), so a picker asks here and
shows the answer when it comes. A thread of its own, not the app's one
worker: a long write there must not keep a name from being found. Each
search opens its own connection (about 2 ms), so nothing is held open on
the database between searches (a restore can replace the file). The
newest request wins: an older one not yet begun is skipped, and an answer
that comes after a newer request is never shown.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from followup.store import Store

log = logging.getLogger(__name__)


class PeopleSearch(QObject):
    """``found(request, people)`` on the GUI thread for the newest request
    only; ``people`` is [(id, label)], or None when the search failed (logged)."""

    found = Signal(int, object)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor

        self._path = db_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="people-search")
        self._latest = 0
        pool = self._pool
        self.destroyed.connect(lambda *_: pool.shutdown(wait=False, cancel_futures=True))

    def ask(self, text: str, exclude: int | None = None) -> int:
        """Look for ``text``; the request's number, as ``found`` will give it."""
        self._latest += 1
        request = self._latest

        def work() -> None:
            if request != self._latest:
                return  # a newer request came before this one began
            try:
                with Store.open(self._path, statistics=False) as store:
                    people: list[tuple[int, str]] | None = store.contacts.pick(text, exclude=exclude)
            except Exception:  # a thread must report, never die silently
                log.exception("looking for people failed")
                people = None
            if request == self._latest:
                with contextlib.suppress(RuntimeError):  # the picker went away meanwhile
                    self.found.emit(request, people)

        self._pool.submit(work)
        return request
