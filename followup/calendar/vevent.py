"""One VEVENT of a real calendar file turned into a plain CalendarEvent.

Real files are untidy: two DTSTART lines, Google's year-0 CREATED, addresses
that are not addresses, calendars and rooms as organizers. What the import
needs (the start, the people, the title) is read with care; everything else
is ignored. An event that cannot be used raises :class:`Unusable` with a
reason a person can read, and the rest of the file goes on.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from followup.calendar.text import address, html_to_text, one_line
from followup.timeutil import is_valid_zone

# Followup's own calendar: follow-up UIDs and the stand-in organizer of an
# export made before the user's address was set (followup/calendar/export.py).
OWN_UID = re.compile(r"^followup-\d+-[0-9a-f]+@followup$")
STAND_IN_EMAIL = "followup@localhost.invalid"
GENERATED_UID_DOMAIN = "@followup-import"
# The last line of every follow-up's description (followup/calendar/events.py):
# it survives a calendar that rewrites UIDs and organizers (Outlook).
OWN_SIGNATURE = "From Followup. Mark it done there"

_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "UNKNOWN", "GROUP"})
# Addresses of calendars and rooms, never of people: Google's shared, holiday,
# subscribed and resource calendars.
_CALENDAR_ADDRESS = re.compile(r"@(?:[\w.-]+\.)?(?:group|import|resource)(?:\.v)?\.calendar\.google\.com$", re.I)
_EMAIL = re.compile(r"^[^@\s<>\"',;:]+@[^@\s<>\"',;:]+\.[^@\s<>\"',;:.]{2,}$")


class Unusable(Exception):
    """This event cannot be imported; ``str()`` says why, for a person."""


@dataclass(slots=True, frozen=True)
class Person:
    email: str  # empty: a name without a usable address
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
    nameless: list[str] = field(default_factory=list)  # people named without a usable address
    own: bool = False  # exported by Followup itself
    repeats: str = ""  # a repeating meeting: "weekly", "daily"...
    later: bool = False  # an occurrence after the next one of its series
    note: str = ""  # what the import did to it, for the user (a flood of occurrences...)

    @property
    def undated(self) -> bool:
        """An iTIP CANCEL or REPLY may have no DTSTART (RFC 5546)."""
        return self.start is None and self.start_date is None

    @property
    def all_day(self) -> bool:
        return self.start is None and self.start_date is not None

    @property
    def people(self) -> list[Person]:
        """Organizer first, then attendees, each address once (named-only people left out)."""
        seen: set[str] = set()
        out = []
        for p in ([self.organizer] if self.organizer else []) + self.attendees:
            if p.email and p.key not in seen:
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


def first(ev: Any, name: str) -> Any:
    """A property that should appear once; the first when a file repeats it."""
    value = ev.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def text_of(ev: Any, name: str) -> str:
    value = first(ev, name)
    if value is None:
        return ""
    try:
        return str(value)
    except Exception:
        return ""


def title_of(ev: Any) -> str:
    return one_line(text_of(ev, "SUMMARY"))[:300] or "(no title)"


def when_text(ev: Any) -> str:
    """The start as written in the file, for a message about an event that failed."""
    value = first(ev, "DTSTART")
    if value is None:
        return ""
    raw = getattr(value, "to_ical", None)
    try:
        text = raw().decode() if raw else str(value)
    except Exception:
        text = str(dt_of(value) or "")
    return one_line(text)[:40]


def stable_uid(ev: Any) -> str:
    """A UID for an event that has none, from what does not change when the
    same file is exported again: its start, title and organizer."""
    parts = [when_text(ev), title_of(ev), address(first(ev, "ORGANIZER") or "")]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:24]
    return f"{digest}{GENERATED_UID_DOMAIN}"


def dt_of(prop: Any) -> Any:
    """The value of a date, time or duration property; None when it is broken."""
    if prop is None:
        return None
    try:
        return getattr(prop, "dt", None)
    except Exception:  # icalendar's BrokenCalendarProperty for a value it could not read
        return None


def start_value(ev: Any) -> date | datetime | None:
    """The start as a date or datetime; Unusable when it is something else."""
    prop = first(ev, "DTSTART")
    if prop is None:
        return None
    value = dt_of(prop)
    if not isinstance(value, date):
        raise Unusable("its start (DTSTART) is not a date or time")
    if value.year < 1900:
        raise Unusable(f"its start (DTSTART) is in the year {value.year}")
    return value


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


def to_event(ev: Any, uid: str, recurrence_id: str, floating: tzinfo, method_cancel: bool) -> CalendarEvent:
    """Raises Unusable (with the reason) for an event that cannot be imported."""
    user_zone = getattr(floating, "key", "UTC")
    description = text_of(ev, "DESCRIPTION")
    if not description.strip():
        description = text_of(ev, "X-ALT-DESC")  # Outlook's HTML copy
    status = text_of(ev, "STATUS").upper()
    try:
        sequence = max(0, int(str(first(ev, "SEQUENCE") or 0).strip()))
    except (TypeError, ValueError):
        sequence = 0
    event = CalendarEvent(
        uid=uid,
        title=title_of(ev),
        recurrence_id=recurrence_id,
        sequence=sequence,
        description=html_to_text(description) if description else "",
        location=one_line(text_of(ev, "LOCATION"))[:1000],
        cancelled=method_cancel or status == "CANCELLED",
        tz=user_zone,
    )
    start = start_value(ev)
    if isinstance(start, datetime):
        _timed(event, ev, start, floating, user_zone)
    elif isinstance(start, date):
        _all_day(event, ev, start)
    _people(event, ev)
    event.own = (
        bool(OWN_UID.match(uid))
        or (event.organizer is not None and event.organizer.key == STAND_IN_EMAIL)
        or OWN_SIGNATURE in event.description
    )
    return event


def _end_value(ev: Any) -> Any:
    return dt_of(first(ev, "DTEND"))


def _duration(ev: Any) -> timedelta | None:
    value = dt_of(first(ev, "DURATION"))
    return value if isinstance(value, timedelta) and timedelta(0) <= value <= timedelta(days=366) else None


def _timed(event: CalendarEvent, ev: Any, start: datetime, floating: tzinfo, user_zone: str) -> None:
    end_value, duration = _end_value(ev), _duration(ev)
    zoned_end = isinstance(end_value, datetime) and end_value.tzinfo is not None
    # A floating start beside a zoned end (ownCloud): the file says where it is.
    local = start.tzinfo or (end_value.tzinfo if zoned_end else None)
    aware = start if start.tzinfo else start.replace(tzinfo=local or floating)
    event.tz = _zone_name(aware, user_zone) if local else user_zone
    if isinstance(end_value, datetime):
        end = end_value if end_value.tzinfo else end_value.replace(tzinfo=aware.tzinfo)
    elif duration is not None:
        end = aware + duration
    else:
        end = aware
    try:
        # an end before the start: the two were swapped (as calendar apps read it)
        event.start, event.end = sorted((aware.astimezone(UTC), end.astimezone(UTC)))
    except (OverflowError, ValueError):
        raise Unusable("its time is out of range") from None


def _all_day(event: CalendarEvent, ev: Any, start: date) -> None:
    event.start_date = start
    last = start
    end_value, duration = _end_value(ev), _duration(ev)
    if isinstance(end_value, date) and not isinstance(end_value, datetime):
        last = end_value - timedelta(days=1)  # DTEND of a DATE event is exclusive
    elif duration is not None and duration.days > 1:
        last = start + timedelta(days=duration.days - 1)
    event.end_date = max(last, start)


def _person(value: Any) -> Person | None:
    """A person from a CAL-ADDRESS; None for a calendar, a room or a resource."""
    params = getattr(value, "params", {}) or {}
    cutype = str(params.get("CUTYPE", "INDIVIDUAL") or "INDIVIDUAL").upper()
    email = address(value)
    if cutype in _NOT_PEOPLE or _CALENDAR_ADDRESS.search(email):
        return None
    name = one_line(str(params.get("CN", "") or "")).strip('"').strip()
    if not _EMAIL.match(email):
        return Person("", name) if name else None
    return Person(email, name)


def _people(event: CalendarEvent, ev: Any) -> None:
    organizer = first(ev, "ORGANIZER")
    if organizer is not None:
        person = _person(organizer)
        if person is not None and person.email:
            event.organizer = person
        elif person is not None:
            event.nameless.append(person.name)
    attendees = ev.get("ATTENDEE")
    for a in attendees if isinstance(attendees, list) else [attendees] if attendees is not None else []:
        person = _person(a)
        if person is None:
            continue
        if person.email:
            event.attendees.append(person)
        elif person.name not in event.nameless:
            event.nameless.append(person.name)
