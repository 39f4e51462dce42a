"""The Today view's model: three sections (overdue, today, this week) and
their follow-ups, as a two-level tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp, Source
from followup.timeutil import humanize_duration
from ui.style import theme
from ui.widgets.columns import column_title
from ui.widgets.counts import plural
from ui.widgets.labels import channel_label
from ui.widgets.plain_text import tip
from ui.widgets.when_text import date_text, datetime_text, time_text, weekday_text

FollowUpRole = Qt.ItemDataRole.UserRole + 30
COLUMNS = ("What", "Who", "Phase", "Channel", "When")
WHAT, WHO, PHASE, CHANNEL, WHEN = range(len(COLUMNS))
SECTIONS = ("Overdue", "Today", "This week")
SECTION_TIPS = (
    "Past its due time, the oldest first",
    "Due later today, by your calendar",
    "Due in the rest of this week (Settings: first day of the week)",
)
LIVE_CHANNELS = ("phone", "video", "in_person")  # steps that reach the person: their clock matters
_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = 0xFFFFFFFF  # internalId of a section row


class TodayModel(QAbstractItemModel):
    shown = Signal()  # set_buckets is done: reset, or updated in place

    def __init__(self, now: Callable[[], datetime], tz: ZoneInfo) -> None:
        super().__init__()
        self._now = now
        self._tz = tz
        self._sections: list[list[FollowUp]] = [[], [], []]
        self._totals = [0, 0, 0]
        self._at = now()
        self._longest: str | None = ""

    # -- structure ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked here, not by hasIndex(): it would call rowCount and
        # columnCount back through Python for each of the ~900 rows laid out.
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT) if row < len(SECTIONS) else QModelIndex()
        if parent.internalId() != _NO_PARENT or parent.column() != 0 or row >= len(self._sections[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row())

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _NO_PARENT)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(SECTIONS)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._sections[parent.row()])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_title(COLUMNS, section, orientation, role)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- data -------------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            return self._section_data(index.row(), index.column(), role)
        section = self._sections[int(index.internalId())]
        if not 0 <= index.row() < len(section):
            return None
        fu = section[index.row()]
        column = index.column()
        if role == FollowUpRole:
            return fu
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(fu, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WHEN:
                return self._when_tooltip(fu)
            parts = [fu.title]
            if fu.notes:
                parts.append(fu.notes[:600])
            parts.append(f"Source: {fu.source.label}")
            return tip("\n\n".join(parts))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == WHEN and self._late(fu):
                return QColor(theme.OVERDUE).lighter(140 if theme.is_dark() else 100)
            if column in (PHASE, CHANNEL):
                return theme.muted()
        return None

    def _section_data(self, row: int, column: int, role: int) -> Any:
        shown, total = len(self._sections[row]), self._totals[row]
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            if total > shown:
                return f"{SECTIONS[row]}  ({total:,}; the {shown} most pressing are shown)"
            return f"{SECTIONS[row]}  ({shown})"
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return SECTION_TIPS[row]
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row == 0 and self._sections[0]:
            return QColor(theme.OVERDUE).lighter(140 if theme.is_dark() else 100)
        return None

    def _display(self, fu: FollowUp, column: int) -> str:
        if column == WHAT:
            return fu.title
        if column == WHO:
            return fu.contact_name
        if column == PHASE:
            return fu.phase.label if fu.phase else fu.source.label if fu.source != Source.MANUAL else "—"
        if column == CHANNEL:
            return channel_label(fu.channel)
        return self._when(fu)

    def _late(self, fu: FollowUp) -> bool:
        wake = _wake(fu)
        if wake is None:
            return bool(fu.due_date and fu.due_date < self._at.astimezone(self._tz).date())
        return wake < self._at

    def _when(self, fu: FollowUp) -> str:
        return when_text(fu, self._at, self._tz)

    def _when_tooltip(self, fu: FollowUp) -> str:
        wake = _wake(fu)
        if wake is None:
            return f"Due on {date_text(fu.due_date, long=True)} (all day)"
        text = f"Due {datetime_text(fu.due, self._tz, long=True)}" if fu.due else ""
        if fu.snoozed_until:
            text += f"\nSnoozed until {datetime_text(fu.snoozed_until, self._tz, year=False, long=True)}"
        if fu.tz != self._tz.key and fu.due:
            text += f"\n{time_text(fu.due.astimezone(ZoneInfo(fu.tz)))} for them ({fu.tz})"
        return text.strip()

    # -- our API ------------------------------------------------------------------------

    def set_buckets(self, buckets: TodayBuckets, *, at: datetime | None = None, longest: str | None = None) -> None:
        """Show ``buckets``, as of ``at`` (now by default); ``longest`` is
        their ``longest_when_text`` when it was worked out with them (on the
        worker). The same follow-ups in the same places are updated in place:
        no reset, so the view keeps its layout (~20 ms at 900 rows) and
        repaints what shows. ``shown`` follows either way."""
        sections = [buckets.overdue, buckets.today, buckets.this_week]
        totals = [max(t, len(s)) for t, s in zip(buckets.totals, sections, strict=True)]
        same_places = all(
            [fu.id for fu in new] == [fu.id for fu in old] for new, old in zip(sections, self._sections, strict=True)
        )
        if not same_places:
            self.beginResetModel()
        self._at = at if at is not None else self._now()
        self._sections, self._totals, self._longest = sections, totals, longest
        if not same_places:
            self.endResetModel()
        else:  # every row's text may have moved on ("3 hours late"): what shows is painted again
            for section, items in enumerate(sections):
                parent = self.index(section, 0)
                self.dataChanged.emit(parent, self.index(section, len(COLUMNS) - 1))
                if items:
                    self.dataChanged.emit(
                        self.index(0, 0, parent), self.index(len(items) - 1, len(COLUMNS) - 1, parent)
                    )
        self.shown.emit()

    def longest_when(self) -> str:
        """The longest When text with two clocks (a call abroad), or ""."""
        if self._longest is None:
            self._longest = longest_when_text(self._sections, self._at, self._tz)
        return self._longest

    def follow_up(self, index: _Index) -> FollowUp | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._sections[int(index.internalId())][index.row()]

    def listed(self) -> list[FollowUp]:
        """Every follow-up Today lists, section by section, in order."""
        return [fu for items in self._sections for fu in items]

    def remove(self, follow_up_id: int) -> None:
        """One follow-up acted upon: only its row goes."""
        for s, items in enumerate(self._sections):
            for r, fu in enumerate(items):
                if fu.id == follow_up_id:
                    parent = self.index(s, 0)
                    self.beginRemoveRows(parent, r, r)
                    del items[r]
                    self._totals[s] = max(len(items), self._totals[s] - 1)
                    self.endRemoveRows()
                    self.dataChanged.emit(parent, parent)
                    return

    def count(self) -> int:
        return sum(len(s) for s in self._sections)

    def total(self, section: int) -> int:
        return self._totals[section]

    def section_index(self, section: int) -> QModelIndex:
        return self.index(section, 0)


# -- the When column's text, also worked out on the worker (ui.today.controller) --


def _wake(fu: FollowUp) -> datetime | None:
    return fu.snoozed_until or fu.due


def when_text(fu: FollowUp, at: datetime, tz: ZoneInfo) -> str:
    """ "2 days late", "14:30", "Thu 26 Nov, 23:00  (Fri 18:00 for them)", "all day"."""
    wake = _wake(fu)
    if wake is None:
        assert fu.due_date is not None
        today = at.astimezone(tz).date()
        days = (today - fu.due_date).days
        return (
            "all day"
            if days == 0
            else f"{plural(days, 'day')} late"
            if days > 0
            else f"{date_text(fu.due_date, year=False)}, all day"
        )
    if wake < at:
        return f"{humanize_duration(at - wake)} late"
    local = wake.astimezone(tz)
    text = time_text(local) if local.date() == at.astimezone(tz).date() else datetime_text(local, year=False)
    return text + _their_clock(fu, wake, tz)


def _their_clock(fu: FollowUp, wake: datetime, tz: ZoneInfo) -> str:
    """A call or a visit in another zone: their time too, where it differs
    (as the plan preview shows it), so 00:00 is never left unexplained."""
    if fu.channel not in LIVE_CHANNELS or fu.tz == tz.key:
        return ""
    mine, theirs = wake.astimezone(tz), wake.astimezone(ZoneInfo(fu.tz))
    if mine.replace(tzinfo=None) == theirs.replace(tzinfo=None):
        return ""
    day = f"{weekday_text(theirs)} " if theirs.date() != mine.date() else ""
    return f"  ({day}{time_text(theirs)} for them)"


def longest_when_text(sections: Iterable[list[FollowUp]], at: datetime, tz: ZoneInfo) -> str:
    """The longest When text with two clocks (a call abroad), or "": the
    column is made that wide (asking every row, as ResizeToContents does, is
    slower). Only an item still to come shows their clock."""
    texts = [
        when_text(fu, at, tz)
        for section in sections
        for fu in section
        if fu.channel in LIVE_CHANNELS and fu.tz != tz.key and not _is_late(fu, at)
    ]
    return max(texts, key=len, default="")


def _is_late(fu: FollowUp, at: datetime) -> bool:
    wake = _wake(fu)
    return wake is not None and wake < at
