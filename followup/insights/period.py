"""Periods for the Insights figures: this week, month, quarter, the last N
days, or a custom range, as half-open UTC intervals [start, end).

Calendar periods (weeks, months, quarters, custom dates) are read on the
user's wall clock, so "this week" starts on Monday at midnight where the user
is, whatever the DST offset that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup.errors import ValidationError
from followup.timeutil import parse_user_date, parse_user_datetime


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open interval [start, end) of UTC instants, with a label for people."""

    start: datetime
    end: datetime
    label: str

    def until(self, now: datetime) -> datetime:
        """The end as seen at ``now``: nothing after ``now`` has happened yet."""
        return min(self.end, now)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0)).replace(tzinfo=tz, fold=0).astimezone(UTC)


def this_week(now: datetime, tz: ZoneInfo) -> Period:
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    return Period(_midnight(monday, tz), _midnight(monday + timedelta(days=7), tz), "This week")


def this_month(now: datetime, tz: ZoneInfo) -> Period:
    today = now.astimezone(tz).date()
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(_midnight(first, tz), _midnight(following, tz), "This month")


def this_quarter(now: datetime, tz: ZoneInfo) -> Period:
    today = now.astimezone(tz).date()
    first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    following = (first + timedelta(days=95)).replace(day=1)
    return Period(_midnight(first, tz), _midnight(following, tz), "This quarter")


def last_days(days: int, now: datetime) -> Period:
    return Period(now - timedelta(days=days), now, f"Last {days} days")


def between_dates(first: date, last: date, tz: ZoneInfo) -> Period:
    """From ``first`` to ``last``, both whole days included."""
    if last < first:
        raise ValidationError(f"The period ends ({last}) before it starts ({first}).")
    return Period(_midnight(first, tz), _midnight(last + timedelta(days=1), tz), f"{first} to {last}")


# The periods offered by name, in the GUI's menu and the CLI's --period alike
# (with a custom FROM..TO after them), and the one both start with: thirty
# days hold enough replies for a share to mean something, and a rolling
# window is never empty on a Monday morning.
PERIOD_CHOICES = (
    ("7d", "Last 7 days"),
    ("30d", "Last 30 days"),
    ("90d", "Last 90 days"),
    ("1y", "Last year"),
    ("week", "This week"),
    ("month", "This month"),
    ("quarter", "This quarter"),
)
DEFAULT_PERIOD = "30d"


def parse_period(text: str, now: datetime, tz: ZoneInfo) -> Period:
    """``7d``, ``30d``, ``90d`` (any ``Nd``): the last N days up to ``now``;
    ``1y``: the last 365 days; ``week``, ``month``, ``quarter``: this one on
    the user's calendar. ``FROM..TO``: two dates, both days included (read in
    ``tz``); or two date-times, the end excluded."""
    raw = text.strip().lower()
    if raw in ("1y", "year"):
        return Period(now - timedelta(days=365), now, "Last year")
    calendar = {"week": this_week, "month": this_month, "quarter": this_quarter}.get(raw)
    if calendar is not None:
        return calendar(now, tz)
    if raw.endswith("d") and raw[:-1].isdigit() and raw[:-1].isascii():
        days = int(raw[:-1])
        if not 1 <= days <= 3660:
            raise ValidationError("A period of N days needs N between 1 and 3660.")
        return last_days(days, now)
    if ".." in raw:
        left, right = (part.strip() for part in text.split("..", 1))
        if len(left) == 10 and len(right) == 10:
            if not (left[4:5] == "-" and right[4:5] == "-"):
                raise ValidationError(f"{text!r}: use dates as YYYY-MM-DD..YYYY-MM-DD.")
            return between_dates(parse_user_date(left), parse_user_date(right), tz)
        start, end = parse_user_datetime(left, tz), parse_user_datetime(right, tz)
        if end <= start:
            raise ValidationError(f"The period {text!r} ends before it starts.")
        return Period(start, end, f"{left} to {right}")
    raise ValidationError(
        f"Unknown period {text!r}: use 7d, 30d, 90d, 1y, week, month, quarter or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)."
    )


def week_starts(period: Period, now: datetime, tz: ZoneInfo) -> list[tuple[date, datetime]]:
    """The weeks (Monday to Sunday, on the user's calendar) the period touches
    up to ``now``: each week's Monday and the instant its bucket starts (the
    period's start for the first week, the Monday's midnight after that)."""
    end = period.until(now)
    first = period.start.astimezone(tz).date()
    monday = first - timedelta(days=first.weekday())
    weeks = [(monday, period.start)]
    while True:
        monday += timedelta(days=7)
        start = _midnight(monday, tz)
        if start >= end:
            return weeks
        weeks.append((monday, start))
