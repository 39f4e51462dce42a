"""The contacts selected in the list, as the model's rows at the click.

A bulk action's click read the id of each selected row on the GUI thread:
10-15 ms of the click's own frame over 100,000 contacts (the rows scattered in
memory: one cache miss a row, whatever reads them). The click now takes a
copy of the selected rows (a copy of pointers, ~1 ms), and their ids are read
where the write first reads them, on the worker (``SelectedIds``): still the
rows selected at the click, whatever the list does meanwhile. Whether every
selected row is archived (Archive or Unarchive, asked at each change of the
selection) is read a span at a time in C, not a Python call a row.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

from followup.domain import ContactRow

if TYPE_CHECKING:
    from ui.contacts.model import ContactsTableModel

_ARCHIVED: Callable[[ContactRow], bool] = operator.attrgetter("archived")
CHUNK = 4096  # rows read at once for their archived flag


class SelectedIds(Sequence[int]):
    """The ids of ``rows``, read on first use (on the thread that uses them),
    then kept, and the rows let go (a list of ints holds nothing else alive)."""

    def __init__(self, rows: list[ContactRow]) -> None:
        self._rows: list[ContactRow] | None = rows
        self._ids: list[int] = []
        self._n = len(rows)
        self._lock = threading.Lock()

    def _read(self) -> list[int]:
        with self._lock:
            if self._rows is not None:
                # A comprehension is a loop of bytecode: the GUI thread gets the
                # interpreter in between (list(map(...)) would hold it 10-15 ms).
                self._ids = [row.id for row in self._rows]
                self._rows = None
            return self._ids

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        return self._read()[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._read())


def rows_of(model: ContactsTableModel, spans: list[tuple[int, int]]) -> list[ContactRow]:
    """The rows of these (first, last) spans, in order."""
    rows: list[ContactRow] = []
    for first, last in spans:
        rows += model.rows_between(first, last)
    return rows


def all_archived(model: ContactsTableModel, spans: list[tuple[int, int]]) -> bool:
    """Whether there is a row in ``spans`` and every one is archived. The
    first ``CHUNK`` rows are read first: one not archived ends it. Then the
    model's count of archived contacts answers when every contact is (all
    100,000 selected: 5-6 ms to read each row's flag) or fewer are than are
    selected; else the rows are read ``CHUNK`` at a time (a copy of 100,000
    rows to look at the first was ~1.5 ms)."""
    if not spans:
        return False
    first, last = spans[0]
    if not all(map(_ARCHIVED, model.rows_between(first, min(first + CHUNK, last + 1) - 1))):
        return False
    archived = model.archived_count()
    if archived == model.total():
        return True
    if archived < sum(last - first + 1 for first, last in spans):
        return False
    return all(
        all(map(_ARCHIVED, model.rows_between(at, min(at + CHUNK, last + 1) - 1)))
        for first, last in spans
        for at in range(first, last + 1, CHUNK)
    )
