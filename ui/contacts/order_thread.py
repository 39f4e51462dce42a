"""An order of a big contacts list asked for before it was kept, sorted off
the GUI thread.

The list keeps every order of the whole list once the worker has sorted them
(ui/contacts/orders.py), but only once the user has paused, and an edit
drops the Z to A ones. A click on a column header before then sorted
100,000 contacts on the GUI thread: 274 ms, the window frozen. From
``FROM`` contacts, the model (ui/contacts/model.py) hands such a sort to this
thread of its own (not the app's one worker: a long write there must not hold
up a click) and keeps showing the rows as they were; the header shows the
new order at once, and the rows follow when it is sorted (~0.3 s at
100,000). The newest click wins: an older sort stops at its next run.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, Signal

from followup.domain import ContactRow
from ui.contacts import orders
from ui.ops import collector

log = logging.getLogger(__name__)

FROM = 5_000  # contacts: below, a first sort by a column fits in a frame (orders.PREFETCH_FROM)


class OrderThread(QObject):
    """``done(generation, order, rows)`` on the GUI thread for the newest
    request only; rows None: it failed (logged), and the model sorts in place."""

    done = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor  # made for the first such sort, not at start-up

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contacts-sort")
        self._latest = 0
        self.destroyed.connect(lambda *_: self._pool.shutdown(wait=False, cancel_futures=True))

    def submit(self, generation: int, rows: list[ContactRow], order: orders.Order) -> int:
        """Sort ``rows`` (a copy the thread may keep) in ``order``."""
        self._latest += 1
        request = self._latest

        def superseded() -> bool:
            return request != self._latest

        # No collector pass meanwhile: young passes on the GUI thread walked the lists being made
        # (18-34 ms each at 100,000 contacts); the order is kept by the model once shown.
        hold = collector.Hold()

        def work() -> None:
            hold.begin()  # when it runs, not while it waits behind an older sort
            try:
                ordered = orders.sorted_in_runs(rows, order, superseded)
                if ordered is not None and not superseded():
                    self.done.emit(generation, order, ordered)
            except RuntimeError:  # the model went away meanwhile (the window closed)
                pass
            except Exception:  # a thread must report, never die silently
                log.exception("sorting the contacts list failed")
                with contextlib.suppress(RuntimeError):
                    self.done.emit(generation, order, None)
            finally:
                hold.release()

        self._pool.submit(work)
        return request

    def cancel(self) -> None:
        """Whatever is being sorted will not be shown."""
        self._latest += 1
