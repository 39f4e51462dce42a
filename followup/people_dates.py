"""Important dates: reading them as people and programs write them, and when
each comes next. Pure functions: no store, no clock of their own."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from followup.domain import ContactDate, DateKind
from followup.errors import ValidationError

_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$")
# Years that programs write to mean "no year": Apple's 1604, and 0000.
NO_YEAR_MARKERS = {1604, 0}


def parse_date(text: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) from 1980-04-12, 19800412, --04-12, --0412,
    04-12 or 1980-04-12T00:00:00Z; ValidationError for anything else."""
    value = text.strip()
    found = _ISO.match(value)
    if found:
        year: int | None = int(found[1])
        month, day = int(found[2]), int(found[3])
    elif found := (_NO_YEAR.match(value) or _MONTH_DAY.match(value)):
        year, month, day = None, int(found[1]), int(found[2])
    else:
        raise ValidationError(f"{value!r} is not a date: write it as 1980-04-12, or --04-12 without the year.")
    if year in NO_YEAR_MARKERS:
        year = None
    check(year, month, day)
    return year, month, day


def parse_us_date(text: str) -> tuple[int | None, int, int] | None:
    """Outlook's CSV writes 4/12/1980 (month first); 0/0/00 means none."""
    found = _US.match(text.strip())
    if not found:
        return None
    month, day, year = int(found[1]), int(found[2]), int(found[3])
    if year < 100:
        year += 1900 if year > 30 else 2000
    try:
        check(year, month, day)
    except ValidationError:
        return None
    return year, month, day


def check(year: int | None, month: int, day: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError(f"Month {month} does not exist: months are 1 to 12.")
    longest = calendar.monthrange(year if year else 2000, month)[1]  # 2000: a leap year, so 29 February is fine
    if not 1 <= day <= longest:
        raise ValidationError(f"{calendar.month_name[month]} has no day {day}.")
    if year is not None and not 1 <= year <= 9999:
        raise ValidationError(f"The year {year} is out of range.")


def on_year(d: ContactDate, year: int) -> date:
    """The date in ``year``; 29 February is the 28th in other years."""
    day = min(d.day, calendar.monthrange(year, d.month)[1])
    return date(year, d.month, day)


def next_occurrence(d: ContactDate, today: date) -> date:
    """The date on or after ``today``."""
    this_year = on_year(d, today.year)
    return this_year if this_year >= today else on_year(d, today.year + 1)


def reminder_day(d: ContactDate, occurrence: date) -> date:
    return occurrence - timedelta(days=d.lead)


def years_on(d: ContactDate, occurrence: date) -> int | None:
    """How many years it will be on that occurrence (their age on a birthday)."""
    return occurrence.year - d.year if d.year and occurrence.year > d.year else None


def describe(d: ContactDate, today: date | None = None) -> str:
    """ "12 April 1980", "12 April"; with ``today``: when it comes next."""
    text = f"{d.day} {calendar.month_name[d.month]}" + (f" {d.year}" if d.year else "")
    if today is None:
        return text
    occurrence = next_occurrence(d, today)
    days = (occurrence - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    years = years_on(d, occurrence)
    if years is not None:
        what = f"turns {years}" if d.kind is DateKind.BIRTHDAY else f"{years} years"
        return f"{text} ({what} {when})"
    return f"{text} ({when})"


_TITLES = {
    DateKind.BIRTHDAY: "{first}'s birthday",
    DateKind.ANNIVERSARY: "{first}'s anniversary",
    DateKind.WORK_ANNIVERSARY: "{first}'s work anniversary",
    DateKind.CONTRACT_RENEWAL: "Contract renewal with {first}",
    DateKind.QUARTER_END: "{first}'s quarter end",
    DateKind.CUSTOM: "{label} ({first})",
}


def reminder_title(d: ContactDate, name: str, occurrence: date) -> str:
    """ "Ana's birthday (turns 46)", "Contract renewal with Ana on 20 December":
    the first name, as stay-in-touch nudges say it (the full name is beside it)."""
    first = name.split()[0] if name.split() else name
    years = years_on(d, occurrence)
    extra = ""
    if years is not None:
        extra = f" (turns {years})" if d.kind is DateKind.BIRTHDAY else f" ({years} years)"
    on = "" if d.lead == 0 else f" on {occurrence.day} {calendar.month_name[occurrence.month]}"
    return _TITLES[d.kind].format(first=first, label=d.title) + on + extra
