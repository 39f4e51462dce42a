"""What a row of the contacts list shows in each cell, beyond its text: Last
touched against the contact's rhythm (its colour, its words, its tip), the
kind's colour, the tips of the other columns."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from followup.domain import ContactRow
from followup.timeutil import days_ago
from ui.contacts.freshness import Freshness, freshness, list_tip
from ui.contacts.orders import EMAIL, KIND, LAST_TOUCHED, NAME, display_text
from ui.style import theme
from ui.widgets.plain_text import tip

ContactIdRole = Qt.ItemDataRole.UserRole + 1
DaysRole = Qt.ItemDataRole.UserRole + 2


class RowLook:
    """The rhythms of Settings by kind, the user's zone and today (moved on by
    the model when its rows are set again)."""

    def __init__(self, tz: ZoneInfo, today: datetime, cadences: dict[str, tuple[int, int]] | None = None) -> None:
        self.tz = tz
        self.today = today
        self.cadences = dict(cadences or {})

    def cadence(self, row: ContactRow) -> tuple[int, int]:
        """(ideal, limit) days: the contact's own, else their kind's."""
        return row.cadence or self.cadences.get(row.kind.value, (30, 60))

    def fresh(self, row: ContactRow) -> Freshness:
        return freshness(row.last_touched_at, row.created_at, self.today, self.tz, *self.cadence(row))

    def days(self, row: ContactRow) -> int | None:
        if row.last_touched_at is None:
            return None
        return days_ago(row.last_touched_at, self.today, self.tz)

    def data(self, row: ContactRow, column: int, role: int) -> Any:
        """What the model answers for ``row``'s cell in ``column`` and ``role``."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.fresh(row).short if column == LAST_TOUCHED else display_text(row, column)
        if role == ContactIdRole:
            return row.id
        if role == DaysRole:
            return self.days(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == LAST_TOUCHED:
                return list_tip(row.last_touched_at, self.fresh(row), self.days(row), self.tz, *self.cadence(row))
            if column == EMAIL and len(row.emails) > 1:
                return tip("\n".join(row.emails))
            if column == NAME and row.tags:
                return "Tags: " + ", ".join(row.tags)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == KIND:
                return theme.kind_colour(row.kind)
            if column == LAST_TOUCHED:
                return self.fresh(row).colour
            if row.archived:
                return theme.muted()
        return None
