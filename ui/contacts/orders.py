"""The contacts list in every order, worked out on the worker after a load.

Sorting 100,000 contacts by a new column took 150-280 ms on the GUI thread
the first time (the list then keeps each order: ui/contacts/model.py). Once
the whole list has arrived, the orders it may be asked for are sorted on the
worker, and the model adopts them if its rows have not changed meanwhile; an
order asked for before then is sorted on a thread of its own
(ui/contacts/order_thread.py), or in place for a small list.

A sort in C holds the interpreter for its whole merge (~35 ms for 100,000
names), and the GUI thread waits for the interpreter: the rows are sorted in
runs of ``RUN`` and the runs merged by ``heapq.merge``, which is Python and
lets the GUI thread in every few milliseconds. The result is exactly
``sorted(rows, key=sort_key(column), reverse=...)``: each run is sorted
stably and the merge takes equal keys from earlier runs first.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import operator
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, QTimer

from followup.domain import ContactRow
from followup.progress import CancelCheck
from ui.ops import collector, jobs
from ui.widgets import activity

COLUMNS = ("Name", "Organisation", "Kind", "Email", "Last touched")
NAME, ORGANISATION, KIND, EMAIL, LAST_TOUCHED = range(len(COLUMNS))
RUN = 8192  # rows sorted in one go (a few milliseconds holding the interpreter)
PREFETCH_FROM = 5_000  # contacts: below, a first sort by a column fits in a frame
Order = tuple[int, Qt.SortOrder]
ORDERS: tuple[Order, ...] = tuple(
    (column, order)
    for column in range(len(COLUMNS))
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)
)


def by_name(row: ContactRow) -> str:
    """The list's order by name."""
    return row.name.casefold()


def display_text(row: ContactRow, column: int) -> str:
    """What a column shows of a contact (Last touched: ui/contacts/freshness.py, it needs the day)."""
    if column == NAME:
        return row.name + ("  (archived)" if row.archived else "")
    if column == ORGANISATION:
        return row.organisation
    if column == KIND:
        return row.kind.label
    return row.primary_email if column == EMAIL else ""


def sort_key(column: int) -> Callable[[ContactRow], Any]:
    if column == LAST_TOUCHED:
        # never-touched sorts as the oldest
        return lambda r: r.last_touched_at.timestamp() if r.last_touched_at else float("-inf")
    if column == ORGANISATION:
        return lambda r: (r.organisation.casefold(), r.name.casefold())
    if column == KIND:
        return lambda r: (r.kind.value, r.name.casefold())
    if column == EMAIL:
        return lambda r: r.primary_email.casefold()
    return by_name


def sorted_in_runs(
    rows: list[ContactRow], order: Order, cancelled: CancelCheck = lambda: False
) -> list[ContactRow] | None:
    """``sorted(rows, key=sort_key(column), reverse=descending)``, in runs;
    None once ``cancelled()``."""
    key, reverse = sort_key(order[0]), order[1] == Qt.SortOrder.DescendingOrder
    if len(rows) <= RUN:
        return sorted(rows, key=key, reverse=reverse)
    runs = []
    for i in range(0, len(rows), RUN):
        if cancelled():
            return None
        runs.append(sorted(rows[i : i + RUN], key=key, reverse=reverse))
    merged = heapq.merge(*runs, key=key, reverse=reverse)
    out: list[ContactRow] = []
    while chunk := list(itertools.islice(merged, RUN)):
        if cancelled():
            return None
        out.extend(chunk)
    return out


def every_order(
    rows: list[ContactRow], wanted: Iterable[Order], cancelled: CancelCheck
) -> dict[Order, list[ContactRow]]:
    """The orders ``wanted``, as many as were done before ``cancelled()``."""
    done: dict[Order, list[ContactRow]] = {}
    for order in wanted:
        ordered = sorted_in_runs(rows, order, cancelled)
        if ordered is None:
            break
        done[order] = ordered
    return done


def positions(rows: list[ContactRow], wanted: dict[int, ContactRow], order: Order) -> dict[int, int]:
    """Where each contact of ``wanted`` (id: its row) is in ``rows``, which
    are in ``order``. A few (the current row, a small selection) are found by
    a binary search on their sort key: reading every row's id cost 18 ms at
    100,000 contacts in an order other than the names' (rows scattered in
    memory). Many (a whole selection) are found in one pass."""
    if len(wanted) > 16:
        ids = list(map(_ID, rows))
        return {cid: n for cid, n in zip(ids, range(len(ids)), strict=True) if cid in wanted}
    key, descending = sort_key(order[0]), order[1] == Qt.SortOrder.DescendingOrder
    found = {}
    for cid, row in wanted.items():
        k = key(row)
        if descending:
            reversed_key = lambda r: _Reversed(key(r))  # noqa: E731
            lo = bisect.bisect_left(rows, _Reversed(k), key=reversed_key)
            hi = bisect.bisect_right(rows, _Reversed(k), lo, key=reversed_key)
        else:
            lo = bisect.bisect_left(rows, k, key=key)
            hi = bisect.bisect_right(rows, k, lo, key=key)
        # Among its equals (a fifth of the list never touched, half without an
        # email): the row itself, looked for in C; a newer copy of it, by id.
        try:
            found[cid] = rows.index(row, lo, hi)
        except ValueError:
            found.update((cid, n) for n in range(lo, hi) if rows[n].id == cid)
    return found


def insert_position(rows: list[ContactRow], row: ContactRow, order: Order) -> int:
    """Where ``row`` goes in ``rows`` (which are in ``order``): after its equals,
    as a stable sort puts it. A binary search: a linear one called the sort key
    on up to every row of a 100,000-contact list for one edit."""
    key, k = sort_key(order[0]), sort_key(order[0])(row)
    if order[1] == Qt.SortOrder.DescendingOrder:
        return bisect.bisect_right(rows, _Reversed(k), key=lambda r: _Reversed(key(r)))
    return bisect.bisect_right(rows, k, key=key)


def reorder(
    in_order: dict[Order, list[ContactRow]], everyone: list[ContactRow], row: ContactRow | None, old: ContactRow | None
) -> dict[Order, list[ContactRow]]:
    """The whole list's kept orders right after one contact changed (``old``
    became ``row``), came (``old`` None) or went (``row`` None): A to Z ones
    kept by binary searches, the others dropped (sorted again when next asked
    for). ``everyone`` is the list itself, which an order may be: that one is
    copied, never changed here. Filtering each order (five passes over
    100,000 rows) took 44 ms of a touch point logged from Today."""
    kept: dict[Order, list[ContactRow]] = {}
    for (column, order), rows in in_order.items():
        if order != Qt.SortOrder.AscendingOrder:
            continue
        if rows is everyone:  # the list itself was in order: keep a copy of our own
            rows = list(rows)
        if old is not None:
            drop(rows, old, (column, order))
        if row is not None:
            bisect.insort(rows, row, key=sort_key(column))
        kept[column, order] = rows
    return kept


def without(in_order: dict[Order, list[ContactRow]], gone: list[ContactRow]) -> dict[Order, list[ContactRow]]:
    """The whole list's kept orders once the contacts ``gone`` left: A to Z
    ones, each a new list (never changed in place: one may be the list
    itself) without the rows found by binary searches; the others dropped."""
    ids = {row.id for row in gone}
    kept: dict[Order, list[ContactRow]] = {}
    for (column, order), rows in in_order.items():
        if order != Qt.SortOrder.AscendingOrder:
            continue
        found = [positions(rows, {old.id: old}, (column, order)) for old in gone]
        places = sorted(at for one in found for at in one.values())
        # not where its key says (never expected): looked for one by one
        kept[column, order] = cut(rows, places) if len(places) == len(ids) else [r for r in rows if r.id not in ids]
    return kept


def cut(rows: list[ContactRow], places: list[int]) -> list[ContactRow]:
    """A copy of ``rows`` without those at ``places`` (ascending), copied a run at a time."""
    out: list[ContactRow] = []
    start = 0
    for at in places:
        out += rows[start:at]
        start = at + 1
    out += rows[start:]
    return out


def drop(rows: list[ContactRow], old: ContactRow, order: Order) -> None:
    """Take the contact ``old`` out of ``rows`` (in ``order``), found by its sort key."""
    at = positions(rows, {old.id: old}, order).get(old.id)
    if at is not None:
        del rows[at]
    else:  # not where its key says (never expected): looked for one by one
        rows[:] = [r for r in rows if r.id != old.id]


class _Reversed:
    """A sort key compared the other way round: a binary search in a descending list."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.key < self.key)


_ID = operator.attrgetter("id")


class Prefetch(QObject):
    """Sorts a model's rows on the worker in the orders it does not keep yet,
    ``SETTLE_MS`` after its rows last changed (a load, an edit). The model
    has ``total()``, ``order_request(copy)`` and ``adopt_orders(generation, orders)``
    (ui/contacts/model.py); orders of rows that changed meanwhile are dropped."""

    SETTLE_MS = 500
    IDLE_S = 1.0  # sorted only after this long without the user's input (ui/widgets/activity.py)

    def __init__(self, model: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model: Any = model
        self._job: tuple[int, jobs.ProgressJob] | None = None  # the generation being sorted, and its job
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.SETTLE_MS)
        self.timer.timeout.connect(self.start)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.dataChanged):
            signal.connect(self._rows_changed)

    def _rows_changed(self) -> None:
        """Again once the rows have settled; a sort of rows that changed stops
        now: what it finds would be dropped, and its Python meanwhile holds the
        interpreter the GUI thread wants for showing the new rows."""
        if self._job is not None and self._job[0] != self._model.order_request(copy=False)[0]:
            self.cancel()
        self.timer.start()

    def start(self) -> None:
        """Sort now what the model does not keep yet (nothing when it is small),
        if the user is idle and no other job waits; else try again later.

        It is work that can wait: at 100,000 contacts a second or two of
        Python on the worker, which slows every Python call the GUI thread
        makes meanwhile (a bulk action's first 40 ms took 200-270). So it
        stops within a few milliseconds, keeping the orders it finished, as
        soon as the user types or clicks or another job is queued, and goes
        on once the user has paused."""
        generation, _, wanted = self._model.order_request(copy=False)
        if self._job is not None and self._job[0] == generation:
            return  # these rows are being sorted already
        self.cancel()
        if self._model.total() < PREFETCH_FROM or not wanted:
            return
        if activity.idle_for() < self.IDLE_S or jobs.queued():
            self.timer.start()  # (the rows are copied once there is a pause, not every tick: 100,000 are 0.4 ms and 800 kB)
            return
        generation, rows, wanted = self._model.order_request()

        def interrupted() -> bool:
            return job.stop.is_set() or activity.idle_for() < self.IDLE_S or jobs.queued() > 0

        # No collector pass while it sorts: each young pass walked the lists of 100,000 rows being
        # made (10-20 ms each at 100k); the orders kept are frozen once adopted.
        hold = collector.Hold()

        def sort() -> dict[Order, list[ContactRow]]:
            hold.begin()  # when it runs: queued behind a long write, it holds nothing
            return every_order(rows, wanted, interrupted)

        job = jobs.ProgressJob(lambda _p, _c: sort(), what="ordering the list")
        job.setAutoDelete(False)
        self._job = (generation, job)
        job.signals.finished.connect(lambda orders: self._adopt(job, generation, orders, hold.release))
        job.signals.failed.connect(lambda _message: self._forget(job, hold.release))
        jobs.start(job)

    def busy(self) -> bool:
        return self._job is not None

    def cancel(self) -> None:
        self.timer.stop()
        if self._job is not None:
            self._job[1].stop.set()
            self._job = None

    def _forget(self, job: jobs.ProgressJob, release: Callable[[], None]) -> None:
        release()
        if self._job is not None and self._job[1] is job:
            self._job = None  # (logged by the job; a first sort is then done in place)

    def _adopt(
        self,
        job: jobs.ProgressJob,
        generation: int,
        orders: dict[Order, list[ContactRow]],
        release: Callable[[], None],
    ) -> None:
        try:
            if self._job is not None and self._job[1] is job:
                self._job = None
                self.timer.start()  # interrupted: the rest once the user pauses (nothing left: it stops there)
            self._model.adopt_orders(generation, orders)
            if orders:
                collector.freeze_long_lived()  # they live as long as the rows: no pass walks them
        finally:
            release()
