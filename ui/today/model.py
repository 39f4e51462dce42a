"""The Today view's model: three sections (overdue, today, this week) and
their follow-ups, as a two-level tree.

Its structure is Qt's own (a QStandardItemModel: a follow-up's row is empty
cells, no item), its texts are ours (``data``). QTreeView lays every row out
again when one row comes or goes under an expanded parent, asking the model
for each row's index and twice for its flags: ~2,700 calls into Python at
900 rows, ~5–7 ms at every Done, Skip or arrival that moves a row in sight
(issue 16); answered by Qt, that layout takes ~0.5 ms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication

from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp, Source
from followup.timeutil import zone_info
from ui.style import theme
from ui.today import rows_diff
from ui.today.when import is_late, longest_when_text, wake_of, when_text
from ui.widgets.columns import column_title
from ui.widgets.labels import channel_label
from ui.widgets.plain_text import tip
from ui.widgets.when_text import date_text, datetime_text, time_text

FollowUpRole = Qt.ItemDataRole.UserRole + 30
COLUMNS = ("What", "Who", "Phase", "Channel", "When")
WHAT, WHO, PHASE, CHANNEL, WHEN = range(len(COLUMNS))
SECTIONS = ("Overdue", "Today", "This week")
SECTION_TIPS = (
    "Past its due time, the oldest first",
    "Due later today, by your calendar",
    "Due in the rest of this week (Settings: first day of the week)",
)
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _TOOLTIP, _FONT, _FOREGROUND = (
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _FONT, _FOREGROUND, FollowUpRole))
# A follow-up's row has no item at all: its cells have Qt's default flags, all
# in C++ (enabled and selectable; editable and draggable too, which the view
# never allows: no edit triggers, no drag). An item cloned for each row would
# leave its PySide wrapper behind when Qt deletes it with its row, and PySide
# would hand that wrapper back for whatever Qt allocates next at its address.


def _title_item(columns: int = 0) -> QStandardItem:
    """A section's cell: enabled, never selected (made in Python: PySide is told when Qt deletes it)."""
    item = QStandardItem()
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    if columns:
        item.setColumnCount(columns)
    return item


class TodayModel(QStandardItemModel):
    shown = Signal()  # set_buckets is done
    rows_changed = Signal()  # set_buckets listed other follow-ups (not only the same ones again)
    held = Signal()  # rows that came out of sight wait for show_held (hold_at)

    def __init__(self, now: Callable[[], datetime], tz: ZoneInfo) -> None:
        super().__init__()
        self._now = now
        self._tz = tz
        self._sections: list[list[FollowUp]] = [[], [], []]
        self._totals = [0, 0, 0]
        self._at = now()
        self._longest: str | None = ""
        self._rows: dict[int, tuple[tuple[str, ...], bool]] = {}  # by id: its texts, late (_row)
        self._palette_key = -1
        self._held: list[list[tuple[int, FollowUp]]] = [[], [], []]  # come out of sight: (row, follow-up)
        self._going: list[set[int | None]] = [set(), set(), set()]  # ids of rows to go, out of sight
        self._whens: dict[int, str] | None = None  # by id: When texts worked out with the buckets (on the worker)
        # Whether a row that comes before row r of section s (r: its count, at
        # its end) may wait: it is below what the view shows. Inserting one
        # lays every row out again.
        self.hold_at: Callable[[int, int], bool] = lambda _section, _row: False
        self._colour_pair = (QColor(), QColor())
        self.setColumnCount(len(COLUMNS))
        self._items = [_title_item(len(COLUMNS)) for _ in SECTIONS]
        for item in self._items:
            self.appendRow([item, *(_title_item() for _ in COLUMNS[1:])])
        # An index's internalId is its parent item's address: a follow-up's is
        # its section item's, a section's the root's.
        self._section_of = {shiboken6.getCppPointer(item)[0]: s for s, item in enumerate(self._items)}
        self._root_id = shiboken6.getCppPointer(self.invisibleRootItem())[0]
        # Our rows change as Qt's do: first of all slots told, before any view.
        self._pending: Callable[[], None] | None = None
        self.rowsInserted.connect(self._apply_pending)
        self.rowsRemoved.connect(self._apply_pending)

    # -- structure ------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_title(COLUMNS, section, orientation, role)

    def _apply_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def _remove_rows(self, section: int, first: int, last: int) -> None:
        """Rows ``first``..``last`` of ``section`` go (our list changes as Qt's rows do)."""
        rows = self._sections[section]

        def remove() -> None:
            del rows[first : last + 1]

        self._pending = remove
        self.removeRows(first, last - first + 1, self.index(section, 0))
        self._apply_pending()  # (no rows: nothing was said)

    def _insert_rows(self, section: int, first: int, follow_ups: list[FollowUp]) -> None:
        """``follow_ups`` come as rows ``first``... of ``section``."""
        if not follow_ups:
            return
        rows = self._sections[section]

        def insert() -> None:
            rows[first:first] = follow_ups

        self._pending = insert
        self.insertRows(first, len(follow_ups), self.index(section, 0))  # empty cells: no item made
        self._apply_pending()

    # -- data -------------------------------------------------------------------------

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Asked for ~7 roles of each cell shown at every paint: the roles never
        # answered go first, and a row's texts are worked out once per showing.
        if role not in _ANSWERED:
            return None
        internal = index.internalId()
        s = self._section_of.get(internal)
        if s is None:
            return self._section_data(index.row(), index.column(), role) if internal == self._root_id else None
        section = self._sections[s]
        row = index.row()
        if row >= len(section):
            return None
        fu = section[row]
        if role == _DISPLAY:
            return self._row(fu)[0][index.column()]
        if role == _FOREGROUND:
            column = index.column()
            if column == WHEN:
                return self._colours()[0] if self._row(fu)[1] else None
            return self._colours()[1] if column in (PHASE, CHANNEL) else None
        if role == FollowUpRole:
            return fu
        if role == _TOOLTIP:
            if index.column() == WHEN:
                return self._when_tooltip(fu)
            parts = [fu.title]
            if fu.notes:
                parts.append(fu.notes[:600])
            parts.append(f"Source: {fu.source.label}")
            return tip("\n\n".join(parts))
        return None

    def _section_data(self, row: int, column: int, role: int) -> Any:
        shown = len(self._sections[row]) + len(self._held[row]) - len(self._going[row])
        total = self._totals[row]
        if role == _DISPLAY and column == 0:
            if total > shown:
                return f"{SECTIONS[row]}  ({total:,}; the {shown} most pressing are shown)"
            return f"{SECTIONS[row]}  ({shown})"
        if role == _TOOLTIP:  # over its whole row, as its title is drawn (ui.today.view.SectionTree)
            return SECTION_TIPS[row]
        if role == _FONT and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == _FOREGROUND and row == 0 and self._sections[0]:
            return self._colours()[0]
        return None

    def _row(self, fu: FollowUp) -> tuple[tuple[str, ...], bool]:
        """Its five texts, and whether it is late, as of ``_at`` (kept until the next ``set_buckets``)."""
        assert fu.id is not None
        known = self._rows.get(fu.id)
        if known is None:
            phase = fu.phase.label if fu.phase else fu.source.label if fu.source != Source.MANUAL else "—"
            texts = (fu.title, fu.contact_name, phase, channel_label(fu.channel), self._when(fu))
            known = self._rows[fu.id] = (texts, is_late(fu, self._at, self._tz))
        return known

    def _colours(self) -> tuple[QColor, QColor]:
        """Late, and secondary text, for the palette in use (light or dark, which may change)."""
        palette = QApplication.palette()
        if self._palette_key != palette.cacheKey():
            self._palette_key = palette.cacheKey()
            late = QColor(theme.OVERDUE).lighter(140 if theme.is_dark(palette) else 100)
            self._colour_pair = (late, theme.muted(palette))
        return self._colour_pair

    def _when(self, fu: FollowUp) -> str:
        known = self._whens.get(fu.id) if self._whens is not None and fu.id is not None else None
        return known if known is not None else when_text(fu, self._at, self._tz)

    def _when_tooltip(self, fu: FollowUp) -> str:
        wake = wake_of(fu)
        if wake is None:
            return f"Due on {date_text(fu.due_date, long=True)} (all day)"
        text = f"Due {datetime_text(fu.due, self._tz, long=True)}" if fu.due else ""
        if fu.snoozed_until:
            text += f"\nSnoozed until {datetime_text(fu.snoozed_until, self._tz, year=False, long=True)}"
        if fu.tz != self._tz.key and fu.due:
            text += f"\n{time_text(fu.due.astimezone(zone_info(fu.tz)))} for them ({fu.tz})"
        return text.strip()

    # -- our API ------------------------------------------------------------------------

    def set_buckets(
        self,
        buckets: TodayBuckets,
        *,
        at: datetime | None = None,
        longest: str | None = None,
        whens: dict[int, str] | None = None,
    ) -> None:
        """Show ``buckets``, as of ``at`` (now by default); ``longest`` is
        their ``longest_when_text`` when it was worked out with them (on the
        worker). Only the rows that came, went or moved are inserted and
        removed (no reset: the view keeps its selection, its scroll position,
        what is expanded, and lays out once); a When whose text moved on ("3
        hours late") is said to have changed (every When, unless ``whens``,
        each one's text by id, came now and before), and a follow-up that
        changed in place is said to have changed. When all rows that
        come or go are below what the view shows (``hold_at``) they wait for ``show_held``
        (``held``), counted in their section's title meanwhile. ``rows_changed``
        follows if rows came or went; ``shown`` follows either way."""
        sections = [list(buckets.overdue), list(buckets.today), list(buckets.this_week)]
        totals = [max(t, len(s)) for t, s in zip(buckets.totals, sections, strict=True)]
        self._at = at if at is not None else self._now()
        self._totals, self._longest = totals, longest
        before, self._whens = self._whens, whens
        self._rows.clear()
        self._held, self._going = [[], [], []], [set(), set(), set()]
        if not all(_unique(items) for items in (*sections, *self._sections)):
            for s, items in enumerate(sections):  # never from the store; kept well-behaved anyway
                if self._sections[s]:
                    self._remove_rows(s, 0, len(self._sections[s]) - 1)
                self._insert_rows(s, 0, items)
            self.rows_changed.emit()
        else:
            moves = [
                rows_diff.moves([f.id for f in a], [f.id for f in b])
                for a, b in zip(self._sections, sections, strict=True)
            ]
            if self._hold(sections, moves):  # only rows out of sight came: nothing is laid out again
                moves = [([], [])] * len(moves)
            moved = [self._move_rows(s, items, *moves[s], before) for s, items in enumerate(sections)]
            if any(moved) or any(self._held) or any(self._going):
                self.rows_changed.emit()
            if any(self._held) or any(self._going):
                self.held.emit()
        self.shown.emit()

    def _hold(self, sections: list[list[FollowUp]], moves: list[tuple[rows_diff.Runs, rows_diff.Runs]]) -> bool:
        """Whether every row that comes or goes is below what the list shows
        (``hold_at``): if so they wait (``show_held``), and ``sections`` is
        made what is shown meanwhile (the rows to go still in it)."""
        if not any(gone or come for gone, come in moves):
            return False
        for s, (gone, come) in enumerate(moves):  # the highest row that goes, and where the first that comes goes
            if gone and not self.hold_at(s, gone[0][0]):
                return False
            if come:  # after the rows kept before it (rows only come after the first)
                kept = [r for r in range(len(self._sections[s])) if not rows_diff.within(r, gone)]
                if not self.hold_at(s, kept[come[0][0] - 1] + 1 if come[0][0] else 0):
                    return False
        for s, (gone, come) in enumerate(moves):
            coming = {r for first, last in come for r in range(first, last + 1)}
            self._held[s] = [(r, fu) for r, fu in enumerate(sections[s]) if r in coming]
            self._going[s] = {fu.id for r, fu in enumerate(self._sections[s]) if rows_diff.within(r, gone)}
            new = iter(fu for r, fu in enumerate(sections[s]) if r not in coming)
            sections[s] = [fu if fu.id in self._going[s] else next(new) for fu in self._sections[s]]
        return True

    def show_held(self) -> None:
        """Remove and insert the rows that wait (``held``), if any."""
        for s, held in enumerate(self._held):
            if held or self._going[s]:
                parent, rows, going = self.index(s, 0), self._sections[s], self._going[s]
                self._held[s], self._going[s] = [], set()
                for first, last in reversed(rows_diff.runs([r for r, fu in enumerate(rows) if fu.id in going])):
                    self._remove_rows(s, first, last)
                for first, last in rows_diff.runs([r for r, _fu in held]):
                    self._insert_rows(s, first, [fu for r, fu in held if first <= r <= last])
                self.dataChanged.emit(parent, parent)

    def _move_rows(
        self,
        section: int,
        new: list[FollowUp],
        gone: rows_diff.Runs,
        come: rows_diff.Runs,
        whens: dict[int, str] | None,
    ) -> bool:
        """Make section ``section`` list ``new``: rows removed and inserted
        (``rows_diff.moves``), then the rest said to have changed. True if rows came or went."""
        rows = self._sections[section]
        parent = self.index(section, 0)
        for first, last in reversed(gone):
            self._remove_rows(section, first, last)
        for first, last in come:
            self._insert_rows(section, first, new[first : last + 1])
        changed = [r for r, (was, now) in enumerate(zip(rows, new, strict=True)) if was is not now and was != now]
        self._sections[section] = new
        self.dataChanged.emit(parent, parent)  # its count
        for first, last in self._whens_moved(new, whens):  # a column of its own: the view walks no rows for it
            self.dataChanged.emit(self.index(first, WHEN, parent), self.index(last, WHEN, parent))
        for first, last in rows_diff.runs(changed):  # edited elsewhere: the whole row
            self.dataChanged.emit(self.index(first, 0, parent), self.index(last, len(COLUMNS) - 1, parent))
        return bool(gone or come)

    def _whens_moved(self, rows: list[FollowUp], before: dict[int, str] | None) -> rows_diff.Runs:
        """The rows whose When text is not the one shown ``before``: all of them unless both are known."""
        if before is None or self._whens is None:
            return [(0, len(rows) - 1)] if rows else []
        whens, ids = self._whens, [fu.id or 0 for fu in rows]
        return rows_diff.runs([r for r, i in enumerate(ids) if (was := before.get(i)) is None or was != whens.get(i)])

    def longest_when(self) -> str:
        """The longest When text with two clocks (a call abroad), or ""."""
        if self._longest is None:
            self._longest = longest_when_text(self._sections, self._at, self._tz)
        return self._longest

    def follow_up(self, index: _Index) -> FollowUp | None:
        s = self._section_of.get(index.internalId())
        if s is None or not 0 <= index.row() < len(self._sections[s]):
            return None
        return self._sections[s][index.row()]

    def listed(self) -> list[FollowUp]:
        """Every follow-up Today lists, section by section, in order."""
        return [fu for items in self._sections for fu in items]

    def index_of(self, follow_up_id: int | None) -> QModelIndex:
        """The first column of ``follow_up_id``'s row (invalid if it is not listed)."""
        for s, items in enumerate(self._sections):
            for r, fu in enumerate(items):
                if fu.id == follow_up_id:
                    return self.index(r, 0, self.index(s, 0))
        return QModelIndex()

    def remove(self, follow_up_id: int) -> None:
        """One follow-up acted upon: only its row goes."""
        self.show_held()  # laid out once with it
        for s, items in enumerate(self._sections):
            for r, fu in enumerate(items):
                if fu.id == follow_up_id:
                    self._totals[s] = max(len(items) - 1, self._totals[s] - 1)  # counted as the row goes
                    self._remove_rows(s, r, r)
                    self.dataChanged.emit(self.index(s, 0), self.index(s, 0))
                    return

    def count(self) -> int:
        return sum(len(s) for s in self._sections)

    def total(self, section: int) -> int:
        return self._totals[section]

    def section_index(self, section: int) -> QModelIndex:
        return self.index(section, 0)


def _unique(items: list[FollowUp]) -> bool:
    return len({fu.id for fu in items}) == len(items)
