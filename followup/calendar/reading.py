"""Reading .ics files from Outlook, Google and invites into plain CalendarEvents.

No store and no Qt: this runs on a worker thread. Times come out in UTC (or as
dates for all-day events); zones are resolved here:
- Outlook's Windows zone names ("W. Europe Standard Time"): icalendar maps them
  to IANA zones (its WINDOWS_TO_OLSON table), or uses the file's VTIMEZONE;
- Google's X-WR-TIMEZONE: the x-wr-timezone package rewrites the calendar;
- floating times (no zone): the user's zone, as calendar apps read them.
Recurring events are expanded within a window by recurring-ical-events,
EXDATEs and moved occurrences included: never an endless series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from followup.calendar.text import address, html_to_text, one_line
from followup.errors import FollowupError
from followup.progress import CancelCheck, Progress
from followup.timeutil import is_valid_zone

Cancelled = CancelCheck  # the calendar code's name for it

DEFAULT_WINDOW_DAYS = 90
MAX_WINDOW_DAYS = 3660
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "UNKNOWN"})


class CalendarFileError(FollowupError):
    """The file is not a calendar we can read; the message names the problem."""


class ImportCancelled(FollowupError):
    """The user stopped the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was saved.")


@dataclass(slots=True, frozen=True)
class Person:
    email: str
    name: str = ""

    @property
    def key(self) -> str:
        return self.email.lower()


@dataclass(slots=True)
class CalendarEvent:
    uid: str
    title: str
    recurrence_id: str = ""  # an occurrence of a recurring event: its original start
    sequence: int = 0
    description: str = ""
    location: str = ""
    start: datetime | None = None  # UTC, for timed events
    end: datetime | None = None
    start_date: date | None = None  # all-day: the first and the last day (inclusive)
    end_date: date | None = None
    tz: str = "UTC"  # the IANA zone the event was written in (else the user's)
    cancelled: bool = False
    organizer: Person | None = None
    attendees: list[Person] = field(default_factory=list)

    @property
    def all_day(self) -> bool:
        return self.start is None

    @property
    def people(self) -> list[Person]:
        """Organizer first, then attendees, each address once."""
        seen: set[str] = set()
        out = []
        for p in ([self.organizer] if self.organizer else []) + self.attendees:
            if p.key not in seen:
                seen.add(p.key)
                out.append(p)
        return out

    def ends_before(self, instant: datetime) -> bool:
        if self.end is not None:
            return self.end < instant
        if self.start is not None:
            return self.start < instant
        last = self.end_date or self.start_date
        return last is not None and last < instant.date()


@dataclass(slots=True)
class ParsedCalendar:
    method: str = ""
    name: str = ""
    events: list[CalendarEvent] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (title, why)
    window_start: datetime | None = None
    window_end: datetime | None = None


def decode(data: bytes) -> str:
    """Text of a calendar file; refuses anything that is not one."""
    if b"\x00" in data[:4096]:
        raise CalendarFileError("This is not a calendar file: it is binary data, not iCalendar text (.ics).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Some older Outlook exports are in the Windows code page.
        text = data.decode("cp1252", errors="replace")
    stripped = text.lstrip()
    if not stripped:
        raise CalendarFileError("The file is empty: there is no calendar in it.")
    if not stripped[:15].upper().startswith("BEGIN:VCALENDAR"):
        first = one_line(stripped[:60])
        raise CalendarFileError(
            f"This is not a calendar file: it should start with BEGIN:VCALENDAR, but starts with “{first}”."
        )
    if not re.search(r"END:VCALENDAR\s*$", text, re.IGNORECASE):
        raise CalendarFileError(
            "The file is cut short (truncated): END:VCALENDAR, the calendar's last line, is missing. "
            "Export or download it again."
        )
    return text


def parse(data: bytes) -> list[Calendar]:
    text = decode(data)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises ValueError and friends with the line
        raise CalendarFileError(f"The calendar file is damaged and cannot be read: {error}") from None
    if not calendars:
        raise CalendarFileError("The file holds no calendar.")
    return list(calendars)


def read_calendar(
    data: bytes,
    *,
    now: datetime,
    user_tz: str,
    window_days: int = DEFAULT_WINDOW_DAYS,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedCalendar:
    """Every event of the file, recurring ones expanded over [now, now + window).

    Raises CalendarFileError naming the problem (not a calendar, truncated,
    a date that is not a date...), ImportCancelled when ``cancelled()`` is true.
    """
    if not 1 <= window_days <= MAX_WINDOW_DAYS:
        raise CalendarFileError(f"The window must be between 1 and {MAX_WINDOW_DAYS} days (not {window_days}).")
    import x_wr_timezone  # type: ignore[import-untyped]

    calendars = parse(data)
    result = ParsedCalendar(window_start=now, window_end=now + timedelta(days=window_days))
    floating = ZoneInfo(user_tz)
    for cal in calendars:
        if cal.name != "VCALENDAR":
            raise CalendarFileError(f"The file holds a {cal.name}, not a calendar.")
        result.method = result.method or str(cal.get("METHOD", "")).upper()
        result.name = result.name or str(cal.get("X-WR-CALNAME", "") or cal.get("NAME", ""))
        wr_zone = str(cal.get("X-WR-TIMEZONE", "") or "")
        cal_floating = floating
        if wr_zone:
            if is_valid_zone(wr_zone):
                cal_floating = ZoneInfo(wr_zone)
            try:
                cal = x_wr_timezone.to_standard(cal)
            except Exception as error:
                raise CalendarFileError(f"The calendar's time zone {wr_zone!r} cannot be used: {error}") from None
        _read_one(cal, result, now, cal_floating, progress, cancelled)
    return result


def _check(ev: Component) -> None:
    errors = getattr(ev, "errors", None)
    if errors:
        prop, message = errors[0]
        what = one_line(str(ev.get("SUMMARY", ""))) or str(ev.get("UID", "")) or "an event"
        raise CalendarFileError(f"The event “{what}” has a bad {prop}: {message}.")
    if ev.get("DTSTART") is None:
        what = one_line(str(ev.get("SUMMARY", ""))) or str(ev.get("UID", "")) or "an event"
        raise CalendarFileError(f"The event “{what}” has no start (DTSTART).")


def _read_one(
    cal: Calendar,
    result: ParsedCalendar,
    now: datetime,
    floating: tzinfo,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    vevents = list(cal.walk("VEVENT"))
    total = len(vevents)
    recurring_uids = {
        str(ev.get("UID", ""))
        for ev in vevents
        if ev.get("RRULE") is not None or ev.get("RDATE") is not None or ev.get("RECURRENCE-ID") is not None
    }
    method_cancel = result.method == "CANCEL"
    for done, ev in enumerate(vevents, 1):
        _check(ev)
        uid = str(ev.get("UID", "")).strip()
        if not uid:
            raise CalendarFileError(
                f"The event “{one_line(str(ev.get('SUMMARY', '')))}” has no UID, so it cannot be matched later."
            )
        if uid not in recurring_uids:
            result.events.append(_event(ev, uid, "", floating, method_cancel))
        if cancelled is not None and done % 50 == 0 and cancelled():
            raise ImportCancelled
        if progress is not None and done % 200 == 0:
            progress(done, total)
    if recurring_uids:
        _expand(cal, recurring_uids, result, now, floating, method_cancel)
    if progress is not None:
        progress(total, total)


def _expand(
    cal: Calendar,
    uids: set[str],
    result: ParsedCalendar,
    now: datetime,
    floating: tzinfo,
    method_cancel: bool,
) -> None:
    import recurring_ical_events  # type: ignore[import-untyped]

    series = Calendar()
    for tz in cal.walk("VTIMEZONE"):
        series.add_component(tz)
    for ev in cal.walk("VEVENT"):
        if str(ev.get("UID", "")).strip() in uids:
            series.add_component(ev)
    assert result.window_end is not None
    try:
        occurrences = recurring_ical_events.of(series).between(now, result.window_end)
    except Exception as error:
        raise CalendarFileError(f"A repeating event cannot be expanded: {error}") from None
    for occ in occurrences:
        uid = str(occ.get("UID", "")).strip()
        rid = occ.get("RECURRENCE-ID")
        rid_text = _recurrence_text(rid.dt if rid is not None else occ["DTSTART"].dt, floating)
        result.events.append(_event(occ, uid, rid_text, floating, method_cancel))


def _recurrence_text(value: Any, floating: tzinfo) -> str:
    """An occurrence's identity: its original start, in UTC (or a date)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=floating)
        return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")  # type: ignore[no-any-return]


def _zone_name(value: datetime, fallback: str) -> str:
    tz = value.tzinfo
    key = getattr(tz, "key", None)  # ZoneInfo
    if isinstance(key, str) and key != "UTC" and is_valid_zone(key):
        return key
    # A VTIMEZONE from the file (Outlook's "W. Europe Standard Time"...): its
    # rules give the instant, the Windows table gives an IANA name to keep.
    name = str(getattr(tz, "_tzid", "") or getattr(tz, "zone", "") or "")
    if name in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[name]
    if name and is_valid_zone(name) and name != "UTC":
        return name
    return fallback


def _event(ev: Any, uid: str, recurrence_id: str, floating: tzinfo, method_cancel: bool) -> CalendarEvent:
    user_zone = getattr(floating, "key", "UTC")
    title = one_line(str(ev.get("SUMMARY", "") or "")) or "(no title)"
    description = str(ev.get("DESCRIPTION", "") or "")
    if not description.strip() and ev.get("X-ALT-DESC") is not None:
        description = str(ev.get("X-ALT-DESC"))  # Outlook's HTML copy
    status = str(ev.get("STATUS", "") or "").upper()
    try:
        sequence = int(ev.get("SEQUENCE", 0) or 0)
    except (TypeError, ValueError):
        sequence = 0
    event = CalendarEvent(
        uid=uid,
        title=title[:300],
        recurrence_id=recurrence_id,
        sequence=sequence,
        description=html_to_text(description) if description else "",
        location=one_line(str(ev.get("LOCATION", "") or ""))[:1000],
        cancelled=method_cancel or status == "CANCELLED",
        tz=user_zone,
    )
    start = ev["DTSTART"].dt
    end_prop = ev.get("DTEND")
    duration = ev.get("DURATION")
    if isinstance(start, datetime):
        aware = start if start.tzinfo else start.replace(tzinfo=floating)
        event.tz = _zone_name(aware, user_zone) if start.tzinfo else user_zone
        if end_prop is not None and isinstance(end_prop.dt, datetime):
            end = end_prop.dt if end_prop.dt.tzinfo else end_prop.dt.replace(tzinfo=floating)
        elif duration is not None:
            end = aware + duration.dt
        else:
            end = aware
        event.start = aware.astimezone(UTC)
        event.end = max(end.astimezone(UTC), event.start)
    else:
        event.start_date = start
        last = start
        if end_prop is not None and isinstance(end_prop.dt, date) and not isinstance(end_prop.dt, datetime):
            last = end_prop.dt - timedelta(days=1)  # DTEND of a DATE event is exclusive
        elif duration is not None and duration.dt.days > 1:
            last = start + timedelta(days=duration.dt.days - 1)
        event.end_date = max(last, start)
    organizer = ev.get("ORGANIZER")
    if organizer is not None and address(organizer):
        event.organizer = Person(address(organizer), _cn(organizer))
    attendees = ev.get("ATTENDEE")
    if attendees is not None:
        for a in attendees if isinstance(attendees, list) else [attendees]:
            cutype = str(getattr(a, "params", {}).get("CUTYPE", "INDIVIDUAL")).upper()
            email = address(a)
            if cutype in _NOT_PEOPLE or "@" not in email:
                continue
            event.attendees.append(Person(email, _cn(a)))
    return event


def _cn(value: Any) -> str:
    params = getattr(value, "params", {}) or {}
    return one_line(str(params.get("CN", "") or "")).strip('"')
