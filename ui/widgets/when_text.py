"""Dates and times as the user's system writes them (QLocale): the 12- or
24-hour clock, the order of day and month, the names of days and months,
and the first day of the week in calendars.

Every date or time the window shows goes through here; the core keeps ISO
dates and the 24-hour clock for the command line. The formats are derived
from the locale's own long date format, shortened (``dddd`` to ``ddd``,
``MMMM`` to ``MMM``) and with the weekday or the year left out on request.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtWidgets import QDateTimeEdit

_SHORT = QLocale.FormatType.ShortFormat
_LONG = QLocale.FormatType.LongFormat
# Separators a locale puts between the weekday or the year and the rest
# (Arabic writes a comma of its own).
_SEP = r"[\s,.،]*"
_QUOTED_TAIL = re.compile(r"\s*'[^']*'\s*$")  # "d 'de' MMMM 'de'" once the year is gone
_QUOTED_HEAD = re.compile(r"^\s*'[^']*'\s*")


def _locale() -> QLocale:
    return QLocale()


def uses_12_hour_clock() -> bool:
    return "a" in time_format().lower().replace("'", "")


def time_format() -> str:
    """The locale's short time format, hours and minutes ('HH:mm', 'h:mm AP')."""
    return _locale().timeFormat(_SHORT)


def _without_weekday(fmt: str) -> str:
    out = re.sub(rf"^d{{3,4}}{_SEP}", "", fmt)
    out = re.sub(rf"{_SEP}d{{3,4}}$", "", out)
    return out if out != fmt else re.sub(rf"{_SEP}d{{3,4}}{_SEP}", " ", fmt).strip()


def _without_year(fmt: str) -> str:
    out = re.sub(rf"{_SEP}y+\.?$", "", fmt)
    if out == fmt:
        out = re.sub(r"^y+[\s,.،/\-]+", "", fmt)
    if out == fmt:  # the year in the middle (e.g. 'yyyy年M月d日dddd'): keep it
        return fmt
    return _QUOTED_HEAD.sub("", _QUOTED_TAIL.sub("", out))


def date_format(*, weekday: bool = True, year: bool = True, long: bool = False) -> str:
    """A date format in the locale's order: 'ddd d MMM yyyy' in Britain,
    'ddd, MMM d, yyyy' in the US, 'ddd, d. MMM yyyy' in Germany."""
    return _shortened(_locale().dateFormat(_LONG), weekday, year, long)


@functools.lru_cache(maxsize=64)
def _shortened(fmt: str, weekday: bool, year: bool, long: bool) -> str:
    """The locale's long format cut as asked (worked out once per format: a
    contact's page writes a dozen dates, Today a few hundred)."""
    if not long:
        fmt = re.sub(r"(?<!d)d{4}(?!d)", "ddd", fmt)
        fmt = re.sub(r"(?<!M)M{4}(?!M)", "MMM", fmt)
        # 'ddd, d MMM' reads as a list once shortened: Britain writes 'Wed 25 Nov'
        # (the US 'Wed, Nov 25' and Germany 'Mi., 25. Nov.' keep theirs).
        fmt = re.sub(r"^ddd, (d{1,2} )", r"ddd \1", fmt)
    if not weekday:
        fmt = _without_weekday(fmt)
    if not year:
        fmt = _without_year(fmt)
    return fmt.strip(" ,")


def time_text(value: datetime | time) -> str:
    """'14:05' or '2:05 PM' (a datetime is read on its own wall clock)."""
    return _locale().toString(QTime(value.hour, value.minute), time_format())


def date_text(value: date | None, *, weekday: bool = True, year: bool = True, long: bool = False) -> str:
    """'Mon, 23 Nov 2026', 'Mon, Nov 23, 2026', 'Mo., 23. Nov. 2026' ('' for no date)."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    fmt = date_format(weekday=weekday, year=year, long=long)
    return _locale().toString(QDate(day.year, day.month, day.day), fmt)


def weekday_text(value: date) -> str:
    """'Mon', 'Mo.', as the locale shortens the day's name."""
    return _locale().toString(QDate(value.year, value.month, value.day), "ddd")


def datetime_text(
    instant: datetime,
    tz: ZoneInfo | None = None,
    *,
    weekday: bool = True,
    year: bool = True,
    long: bool = False,
) -> str:
    """The date and the time of ``instant`` on the wall clock of ``tz``."""
    local = instant.astimezone(tz) if tz is not None else instant
    return f"{date_text(local, weekday=weekday, year=year, long=long)}, {time_text(local)}"


def edit_format(*, with_time: bool = True) -> str:
    """A display format for date (and time) edits: no weekday, whose section
    cannot be typed in and would only be one more stop for Tab."""
    fmt = date_format(weekday=False)
    return f"{fmt}  {time_format()}" if with_time else fmt


def time_edit_format() -> str:
    return time_format()


def follow_locale(edit: QDateTimeEdit, *, with_time: bool = True) -> None:
    """An edit as the locale writes days. Its calendar popup counts them as
    the locale does by itself (Qt's calendar starts the week on the default
    locale's first day), and is left to be made when it first opens: asking
    for it makes it at once (issue 16: ~1 ms of R's dialog)."""
    edit.setDisplayFormat(edit_format(with_time=with_time))
