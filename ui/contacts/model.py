"""The contacts list model: every contact in memory, filtered and sorted here.

Filtering 10,000 contacts as the user types must fit in one frame, so the model keeps a folded haystack per
contact (followup.matching: no accents, any case, phone digits, "Their space" notes) and filters with one list
comprehension a word (about 1 ms), instead of a proxy calling back into Python for each row. The filter is a
reset of the visible rows; edits to one contact are row-scoped (dataChanged / insert / remove). From 20,000
rows to look in (a first letter at 100,000 contacts: 21 MB of search text), the search runs on a thread of its
own (ui/contacts/filter_thread.py), and each order of the whole list is sorted on the worker (ui/contacts/orders.py).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from followup import matching
from followup.domain import ContactRow, Kind
from ui.contacts import filter_thread, order_thread, orders
from ui.contacts.kept_selection import runs
from ui.contacts.orders import COLUMNS as COLUMNS  # the list's columns, kept beside their sort keys
from ui.contacts.orders import EMAIL as EMAIL
from ui.contacts.orders import KIND as KIND
from ui.contacts.orders import LAST_TOUCHED as LAST_TOUCHED
from ui.contacts.orders import NAME as NAME
from ui.contacts.orders import ORDERS, Order, insert_position, positions, reorder, sort_key
from ui.contacts.orders import ORGANISATION as ORGANISATION
from ui.contacts.orders import by_name as by_name
from ui.contacts.row_look import ContactIdRole as ContactIdRole  # the roles, where the model's users look
from ui.contacts.row_look import DaysRole as DaysRole
from ui.contacts.row_look import RowLook
from ui.ops import let_go
from ui.widgets.columns import column_title

_Index = QModelIndex | QPersistentModelIndex
_ID: Callable[[ContactRow], int] = operator.attrgetter("id")


class ContactsTableModel(QAbstractTableModel):
    filtered = Signal()  # the filter asked for shows (at once, or once found off the GUI thread)
    sorted_late = Signal()  # an order sorted off the GUI thread shows (ui/contacts/order_thread.py)

    def __init__(
        self, now: Callable[[], datetime], tz: ZoneInfo, cadences: dict[str, tuple[int, int]] | None = None
    ) -> None:
        super().__init__()
        self._look = RowLook(tz, now(), cadences)  # each cell's colour, words and tip (ui/contacts/row_look.py)
        self._now = now
        self._all: list[ContactRow] = []
        self._visible: list[ContactRow] = []
        self._text = ""
        self._query = matching.parse("")
        self._kind: Kind | None = None
        self._view: Callable[[list[ContactRow]], list[ContactRow]] | None = None  # a saved view's select
        self._in_view: list[ContactRow] | None = None  # what it selected from _all (None: ask again)
        # The whole list in each order asked for, kept while the rows stay: the
        # visible rows are filtered from it (filtering keeps the order), so
        # typing never sorts, and sorting again by a column is one lookup.
        self._in_order: dict[Order, list[ContactRow]] = {}
        self._generation = 0  # moves on whenever a row does: orders sorted elsewhere are then stale
        self._thread: filter_thread.FilterThread | None = None  # made for the first big filter
        self._pending: tuple[int, str, Kind | None, matching.Query] | None = None  # request, text, kind, query
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sorter: order_thread.OrderThread | None = None  # made for the first big sort by a new order
        self._asked: Order | None = None  # that order, until its rows show
        self._ids: dict[int, int] | None = None  # _where()
        self._archived: int | None = None  # archived_count()
        self.complete = True

    # -- Qt API ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_title(COLUMNS, section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        return self._look.data(self._visible[index.row()], index.column(), role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.settle()
        asked, self._asked = self._asked, None
        if (column, order) == (self._sort_column, self._sort_order):
            return  # the rows are kept in this order (QTableView.sortByColumn asks twice)
        if (column, order) not in self._in_order and self._sort_elsewhere((column, order), again=asked):
            return  # the rows follow once sorted off the GUI thread (ui/contacts/order_thread.py)
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        # Persistent indexes (the selection, the current row) follow their contact.
        persistent = self.persistentIndexList()
        before = [self._visible[i.row()] if i.isValid() and i.row() < len(self._visible) else None for i in persistent]
        ids = [row.id if row is not None else None for row in before]
        self._visible = self._shown()
        rows = positions(self._visible, {row.id: row for row in before if row is not None}, (column, order))
        self.changePersistentIndexList(
            persistent,
            [
                self.index(rows[cid], old.column()) if cid in rows else QModelIndex()
                for old, cid in zip(persistent, ids, strict=True)
            ],
        )
        self.layoutChanged.emit()

    # -- our API ---------------------------------------------------------------

    def set_rows(
        self,
        rows: list[ContactRow],
        *,
        complete: bool = True,
        in_name_order: bool = False,
        where: dict[int, int] | None = None,
    ) -> None:
        """Every contact of the list; ``complete`` False while only the first screenful is in (start-up);
        ``in_name_order``: already sorted by :func:`by_name` (on the worker), kept when sorted by name, A to
        Z; ``where``: each contact's place in ``rows`` by id, if made on the worker (10-15 ms at 100k)."""
        self.settle()
        self.beginResetModel()
        self._generation += 1
        self._look.today = self._now()
        self.complete = complete
        # The old rows are freed a slice at a time (at once: 50-70 ms at 100k), and
        # each list of them dropped a turn at a time (ten orders kept: 8-16 ms).
        old = (self._all, self._visible, *self._in_order.values())
        self._all = list(rows)
        self._ids, self._archived = where, None
        self._in_view = None
        self._in_order = {(NAME, Qt.SortOrder.AscendingOrder): self._all} if in_name_order else {}
        self._visible = self._shown()
        let_go.later(*old)
        del old
        self.endResetModel()

    def set_filter(self, text: str, kind: Kind | None = None) -> None:
        """Show the contacts ``text`` and ``kind`` select; ``filtered`` follows
        once they show. Looking through ``filter_thread.FROM`` rows or more is
        done off the GUI thread: the rows shown change when it is done."""
        needle = text.strip()
        pending = self._pending
        if (needle, kind) == ((pending[1], pending[2]) if pending else (self._text, self._kind)):
            return
        query = matching.parse(needle)
        # A query that only narrows the last one (a letter typed at the end) is
        # looked for in the rows shown, not in every contact: same rows, same order.
        narrower = kind == self._kind and not self._query.empty and filter_thread.narrows(self._query, query)
        source = self._visible if narrower else self._of_kind(kind)
        if source is not None and not query.empty and len(source) >= filter_thread.FROM:
            if self._thread is None:
                self._thread = filter_thread.FilterThread(self)
                self._thread.found.connect(self._on_found)
            self._pending = (self._thread.submit(query, source), needle, kind, query)
            return
        self._apply(needle, kind, query, matching.select(query, self._visible) if narrower else None)

    def settle(self) -> None:
        """A filter being looked for off the GUI thread is looked for here, now
        (before anything else changes the rows, or reads them to act)."""
        pending = self._pending
        if pending is not None:
            self._apply(pending[1], pending[2], pending[3], None)

    def _on_found(self, request: int, rows: list[ContactRow] | None) -> None:
        pending = self._pending
        if pending is not None and pending[0] == request:
            self._apply(pending[1], pending[2], pending[3], rows)

    def _apply(self, needle: str, kind: Kind | None, query: matching.Query, rows: list[ContactRow] | None) -> None:
        """Show the filter; ``rows`` found already, or None: found here."""
        if self._thread is not None:
            self._thread.cancel()
        self._pending = None
        self._text, self._kind, self._query = needle, kind, query
        self.beginResetModel()
        self._visible = rows if rows is not None else self._shown()
        self.endResetModel()
        self.filtered.emit()

    def set_view(self, select: Callable[[list[ContactRow]], list[ContactRow]] | None) -> None:
        """A saved view (ui/contacts/views_bar.py) the search box's text then narrows."""
        self.settle()
        self._view, self._in_view = select, None
        self.beginResetModel()
        self._visible = self._shown()
        self.endResetModel()

    def _sort_elsewhere(self, order: Order, again: Order | None) -> bool:
        """Hand a big list's new order to the sorting thread (True), or sort here (False)."""
        if self._view is not None or len(self._all) < order_thread.FROM:
            return False
        self._asked = order
        if order != again:  # asked twice in a row (sortByColumn does): the first sort goes on
            if self._sorter is None:
                self._sorter = order_thread.OrderThread(self)
                self._sorter.done.connect(self._on_sorted)
            self._sorter.submit(self._generation, list(self._all), order)
        return True

    def _on_sorted(self, generation: int, order: Order, rows: list[ContactRow] | None) -> None:
        if rows is None:  # the thread failed (logged): sorted here, as for a small list
            rows = orders.sorted_in_runs(self._all, order) if generation == self._generation else None
            generation = self._generation
        self.adopt_orders(generation, {order: rows} if rows is not None else {})
        if self._asked == order:
            self._asked = None
            self.sort(*order)  # kept now: a lookup; else the rows changed meanwhile, and it is asked again
            if (self._sort_column, self._sort_order) == order:
                self.sorted_late.emit()

    def order_request(self, copy: bool = True) -> tuple[int, list[ContactRow], list[Order]]:
        """What to sort elsewhere (orders.py): this generation, a copy of the rows if ``copy``, the orders not kept."""
        wanted = [order for order in ORDERS if order not in self._in_order]
        return self._generation, list(self._all) if copy else [], wanted if self.complete else []

    def adopt_orders(self, generation: int, orders: dict[Order, list[ContactRow]]) -> None:
        """Keep orders sorted elsewhere, unless a row changed since they were asked for."""
        if generation == self._generation:
            for order, rows in orders.items():
                self._in_order.setdefault(order, rows)

    def set_cadences(self, cadences: dict[str, tuple[int, int]]) -> None:
        """The rhythms of Settings changed (here or by another process): Last
        touched's colours and tips follow them."""
        if cadences == self._look.cadences:
            return
        self._look.cadences = dict(cadences)
        if self._visible:
            self.dataChanged.emit(self.index(0, LAST_TOUCHED), self.index(len(self._visible) - 1, LAST_TOUCHED))

    def cadence(self, row: ContactRow) -> tuple[int, int]:
        """(ideal, limit) days: the contact's own, else their kind's."""
        return self._look.cadence(row)

    def row_of(self, contact_id: int) -> int:
        """Where the contact shows (-1: not shown), found by a binary search on its sort key."""
        at = self._where().get(contact_id)
        return -1 if at is None else self._row_of(self._all[at])

    def _row_of(self, row: ContactRow) -> int:
        return positions(self._visible, {row.id: row}, (self._sort_column, self._sort_order)).get(row.id, -1)

    def _where(self) -> dict[int, int]:
        """Where each contact is in the whole list, by id: made on first use after a load or a removal."""
        if self._ids is None:
            self._ids = {r.id: n for n, r in enumerate(self._all)}
        return self._ids

    def contact_at(self, row: int) -> ContactRow:
        return self._visible[row]

    def ids_between(self, first: int, last: int) -> list[int]:
        """The ids of the rows shown from ``first`` to ``last`` (both included), in order."""
        return list(map(_ID, self._visible[first : last + 1]))

    def rows_between(self, first: int, last: int) -> list[ContactRow]:
        """The rows shown from ``first`` to ``last`` (both included), in order: a copy."""
        return self._visible[first : last + 1]

    def archived_count(self) -> int:
        """How many of every contact (shown or not) are archived: counted once a load, then kept."""
        if self._archived is None:
            self._archived = sum(map(operator.attrgetter("archived"), self._all))
        return self._archived

    def total(self) -> int:
        return len(self._all)

    def upsert(self, row: ContactRow) -> None:
        """One contact added or changed: only its row is touched."""
        self.settle()
        at = self._where().get(row.id)
        before = self._all[at] if at is not None else None
        if self._archived is not None:
            self._archived += row.archived - (before is not None and before.archived)
        self._in_order = reorder(self._in_order, self._all, row, before)
        visible_at = self._row_of(before) if before is not None else -1
        if at is not None:
            self._all[at] = row
        else:
            self._where()[row.id] = len(self._all)
            self._all.append(row)
        self._generation += 1
        self._in_view = None
        matches = self._matches(row)
        if visible_at >= 0 and matches:
            key = self._key()
            old = self._visible[visible_at]
            if key(old) == key(row):
                self._visible[visible_at] = row
                self.dataChanged.emit(self.index(visible_at, 0), self.index(visible_at, len(COLUMNS) - 1))
                return
            # Its sort key changed (renamed, just touched): move it to its place.
            del self._visible[visible_at]
            to = self._insert_position(row)
            self._visible.insert(visible_at, old)
            if to != visible_at:
                # beginMoveRows counts the destination before the row is removed
                self.beginMoveRows(QModelIndex(), visible_at, visible_at, QModelIndex(), to + (to > visible_at))
                del self._visible[visible_at]
                self._visible.insert(to, row)
                self.endMoveRows()
            else:
                self._visible[visible_at] = row
            self.dataChanged.emit(self.index(to, 0), self.index(to, len(COLUMNS) - 1))
        elif visible_at >= 0:
            self.beginRemoveRows(QModelIndex(), visible_at, visible_at)
            del self._visible[visible_at]
            self.endRemoveRows()
        elif matches:
            at = self._insert_position(row)
            self.beginInsertRows(QModelIndex(), at, at)
            self._visible.insert(at, row)
            self.endInsertRows()

    def remove(self, *contact_ids: int) -> None:
        """These contacts left: the whole list and each order kept copied once
        without them, the rows shown removed a run at a time from the bottom (a
        contact at a time, 200 of 100,000 took 6-8 s: a copy of the list and
        of its index by id each)."""
        self.settle()
        where = self._where()
        places = sorted({where[c] for c in contact_ids if c in where})
        if not places:
            return
        gone = [self._all[at] for at in places]
        self._in_order = orders.without(self._in_order, gone)
        shown = sorted({at for row in gone if (at := self._row_of(row)) >= 0})
        self._all = orders.cut(self._all, places)  # a copy: an order kept may be this list
        if self._archived is not None:
            self._archived -= sum(row.archived for row in gone)
        self._ids = None
        self._generation += 1
        self._in_view = None
        for first, last in reversed(runs(shown)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._visible[first : last + 1]
            self.endRemoveRows()

    # -- helpers ---------------------------------------------------------------

    def _matches(self, row: ContactRow) -> bool:
        in_view = self._view is None or bool(self._view([row]))
        return in_view and (self._kind is None or row.kind == self._kind) and bool(matching.select(self._query, [row]))

    def _filtered(self) -> list[ContactRow]:
        """The contacts the filter shows: followup.matching's rule, the one `contacts --query` uses."""
        kind = self._kind
        rows = self._all if self._view is None else self._viewed()
        rows = rows if kind is None else [r for r in rows if r.kind == kind]
        return matching.select(self._query, rows) if not self._query.empty else list(rows)

    def _viewed(self) -> list[ContactRow]:
        """The saved view's rows, selected once and kept while the rows stay the
        same: typing in the search box then filters only them."""
        if self._in_view is None:
            assert self._view is not None
            self._in_view = self._view(self._all)
        return self._in_view

    def _key(self, column: int | None = None) -> Callable[[ContactRow], Any]:
        return sort_key(self._sort_column if column is None else column)

    def _shown(self) -> list[ContactRow]:
        """The visible rows in the list's order. Without a saved view they are
        filtered from the whole list kept in that order (sorted once per
        order and load); a view's few rows are sorted as they are."""
        rows = self._of_kind(self._kind)
        if rows is None:
            return self._sorted(self._filtered())
        return matching.select(self._query, rows) if not self._query.empty else list(rows)

    def _of_kind(self, kind: Kind | None) -> list[ContactRow] | None:
        """Every contact of ``kind`` in the list's order (None: a saved view shows)."""
        if self._view is not None:
            return None
        order = (self._sort_column, self._sort_order)
        everyone = self._in_order.get(order)
        if everyone is None:
            everyone = self._in_order[order] = self._sorted(self._all)
        return everyone if kind is None else [r for r in everyone if r.kind == kind]

    def _sorted(self, rows: list[ContactRow]) -> list[ContactRow]:
        return sorted(rows, key=self._key(), reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _insert_position(self, row: ContactRow) -> int:
        return insert_position(self._visible, row, (self._sort_column, self._sort_order))
