"""How long since you were in touch, as a word and a colour, and the legend
that explains the colours (issue 15).

A contact never touched is counted from the day it was added: "new" in the
neutral text colour while within its ideal interval, then "never" in amber,
and in red only past its limit. A contact added a second ago is not an alarm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from followup.timeutil import days_ago, humanize_days_ago
from ui.style import theme
from ui.widgets.counts import plural
from ui.widgets.when_text import datetime_text


@dataclass(frozen=True, slots=True)
class Freshness:
    """How recently a contact was touched, as the list and the page show it."""

    short: str  # the list's column: "3 days ago", "new", "never"
    long: str  # the contact page: "Last touched 3 days ago", "New", "Never touched"
    colour: QColor
    new: bool


def freshness(
    last_touched_at: datetime | None,
    created_at: datetime | None,
    now: datetime,
    tz: tzinfo,
    ideal: int,
    limit: int,
) -> Freshness:
    if last_touched_at is not None:
        days = days_ago(last_touched_at, now, tz)
        long = "Touched today" if days == 0 else f"Last touched {humanize_days_ago(days)}"
        return Freshness(humanize_days_ago(days), long, theme.freshness_colour(days, ideal, limit), False)
    since = days_ago(created_at, now, tz) if created_at is not None else None
    if since is not None and since <= ideal:
        return Freshness("new", "New", theme.muted(), True)
    return Freshness("never", "Never touched", theme.freshness_colour(since, ideal, limit), False)


def freshness_tip(fresh: Freshness, days: int | None, ideal: int, limit: int) -> str:
    """The contact page's tooltip: where the contact stands against their rhythm."""
    if fresh.new:
        tip = "New: added recently, no touch point logged yet."
    elif days is None:
        tip = "Never touched."
    elif days > limit:
        tip = f"Overdue: past the limit of {plural(limit, 'day')}."
    elif days > ideal:
        tip = f"Drifting: past the ideal of {plural(ideal, 'day')}."
    else:
        tip = f"Within the ideal of {plural(ideal, 'day')}."
    return f"{tip} You aim to be in touch every {plural(ideal, 'day')}, never more than {limit}."


def list_tip(
    last_touched_at: datetime | None, fresh: Freshness, days: int | None, tz: ZoneInfo, ideal: int, limit: int
) -> str:
    """The list's tooltip on "Last touched": when, and where that stands against the rhythm."""
    rhythm = f"\nStay in touch every {plural(ideal, 'day')}, never more than {limit}."
    if last_touched_at is None:
        new = "New: added recently, " if fresh.new else ""
        return f"{new}no touch point logged yet.".capitalize() + rhythm
    days = days or 0
    state = " (overdue)" if days > limit else " (drifting)" if days > ideal else ""
    return f"Last touch point: {datetime_text(last_touched_at, tz, long=True)}{state}." + rhythm


def legend_html() -> str:
    def dot(colour: QColor, text: str) -> str:
        # an entry is never split over two lines, the legend only between entries
        return f"<span style='color:{colour.name()}'>●</span>&nbsp;{text.replace(' ', '&nbsp;')}"

    return " &nbsp; ".join(
        (
            dot(theme.freshness_colour(0, 30, 60), "in rhythm"),
            dot(theme.freshness_colour(45, 30, 60), "drifting"),
            dot(theme.freshness_colour(None, 30, 60), "overdue"),
            dot(theme.muted(), "new"),
        )
    )


LEGEND_TIP = (
    "The colours of Last touched. Green: in touch within the contact's ideal interval. Amber: past it, drifting. "
    "Red: past the limit, or never touched long after being added. "
    "New: added recently, not touched yet. Each kind has its own interval (Settings)."
)


class FreshnessLegend(QLabel):
    """One line under the contacts list that says what the colours mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("freshnessLegend")
        # One line beside the count while it fits; where the list is narrow, the count
        # long ("33,955 of 100,000 contacts") or the words long, two lines or more:
        # never a word cut off. As narrow as its longest entry, no narrower.
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setToolTip(LEGEND_TIP)
        self.setAccessibleName("Legend of the last-touched colours")
        self.refresh()

    def refresh(self) -> None:
        """Again after the colour scheme changed (the colours are lighter on dark)."""
        self.setText(f"<span style='color:{theme.muted().name()}'>{legend_html()}</span>")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.refresh()
