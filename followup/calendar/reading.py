"""Reading .ics files from Outlook, Google and invites into plain CalendarEvents.

No store and no Qt: this runs on a worker thread. Times come out in UTC (or as
dates for all-day events); zones are resolved here:
- Outlook's Windows zone names ("W. Europe Standard Time"): icalendar maps them
  to IANA zones (its WINDOWS_TO_OLSON table), or uses the file's VTIMEZONE;
- a file's own VTIMEZONEs win for that file: icalendar keeps the first
  definition of a TZID for the whole process, so its memory is cleared before
  each file is read (two Outlook files with the same TZID and different rules
  in one session of the app each keep their own rules);
- Google's X-WR-TIMEZONE: the x-wr-timezone package rewrites the calendar;
- floating times (no zone): the user's zone, as calendar apps read them.
Repeating events are expanded within a window, with bounds
(followup/calendar/recurrence.py): never an endless series.

Real files are untidy; one bad event never refuses the calendar: it is
skipped with its title, time and the reason (``ParsedCalendar.skipped``). The
whole file is refused (CalendarFileError, one sentence) only when it is not a
calendar, is cut short, or holds no event that can be read.
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar.timezone import tzp

from followup.calendar import recurrence
from followup.calendar.text import one_line
from followup.calendar.vevent import (
    CalendarEvent,
    Person,
    Unusable,
    dt_of,
    first,
    stable_uid,
    text_of,
    title_of,
    to_event,
    when_text,
)
from followup.errors import FollowupError
from followup.progress import CancelCheck, Progress
from followup.timeutil import is_valid_zone

__all__ = ["CalendarEvent", "CalendarFileError", "ImportCancelled", "ParsedCalendar", "Person", "read_calendar"]

Cancelled = CancelCheck  # the calendar code's name for it

DEFAULT_WINDOW_DAYS = 90
# Later occurrences listed (for the user to tick) in one file, all series
# together; past it, each series still gives its next occurrence.
MAX_LISTED = 20_000
MAX_WINDOW_DAYS = 3660
# icalendar's memory of VTIMEZONEs is one per process: one file at a time.
_READING = threading.Lock()
_ITIP_WITHOUT_START = frozenset({"CANCEL", "REPLY", "REFRESH", "DECLINECOUNTER"})


class CalendarFileError(FollowupError):
    """The file is not a calendar we can read; the message names the problem."""


class ImportCancelled(FollowupError):
    """The user stopped the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was saved.")


@dataclass(slots=True)
class ParsedCalendar:
    method: str = ""
    name: str = ""
    events: list[CalendarEvent] = field(default_factory=list)
    # events that could not be used: {"title", "when", "uid", "recurrence_id", "why"}
    skipped: list[dict[str, object]] = field(default_factory=list)
    # readable, with nothing to import: a series with no occurrence in the window (same keys)
    quiet: list[dict[str, object]] = field(default_factory=list)
    window_start: datetime | None = None
    window_end: datetime | None = None
    owner: str = ""  # the calendar's own address (Google names an export after it): the user
    unusable: int = 0
    kinds: set[str] = field(default_factory=set)  # the components seen: VEVENT, VTODO...


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


def _unfolded_lines(text: str) -> list[str]:
    return re.sub(r"\r?\n[ \t]", "", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _parse_whole(text: str) -> list[Calendar]:
    return list(Calendar.from_ical(text, multiple=True))


def _parse_piecewise(text: str, result: ParsedCalendar) -> list[Calendar]:
    """When the file as a whole cannot be parsed: each component on its own,
    time zones first (so events find them); what fails is skipped."""
    header: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    depth, current = 0, None
    for line in _unfolded_lines(text):
        upper = line.strip().upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            if depth == 2:
                current = (upper[6:].strip(), [line])
                continue
        elif upper.startswith("END:"):
            depth -= 1
            if depth == 1 and current is not None:
                current[1].append(line)
                blocks.append(current)
                current = None
                continue
        if current is not None:
            current[1].append(line)
        elif depth == 1 and ":" in line and not upper.startswith("BEGIN:"):
            header.append(line)
    cal = Calendar()
    for prop in header:
        name, _, value = prop.partition(":")
        if name.upper() in ("METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE", "NAME"):
            cal.add(name, value.strip())
    ordered = [b for b in blocks if b[0] == "VTIMEZONE"] + [b for b in blocks if b[0] != "VTIMEZONE"]
    for kind, lines in ordered:
        component = _parse_block(lines, kind)
        if component is not None:
            cal.add_component(component)
        else:
            result.kinds.add(kind)
            if kind == "VEVENT":
                body = "\n".join(lines)
                title = re.search(r"^SUMMARY[^:\n]*:(.*)$", body, re.M | re.I)
                when = re.search(r"^DTSTART[^:\n]*:(.*)$", body, re.M | re.I)
                _skip(
                    result,
                    one_line(title.group(1)) if title else "(no title)",
                    one_line(when.group(1)) if when else "",
                    "a line of it cannot be read",
                )
    return [cal]


# What the import reads of an event; when an event cannot be parsed whole,
# it is parsed again with these alone (an odd alarm or X- line is not needed).
_NEEDED = frozenset(
    [
        "UID",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "RECURRENCE-ID",
        "SEQUENCE",
        "ORGANIZER",
        "ATTENDEE",
        "LOCATION",
        "DESCRIPTION",
        "STATUS",
        "DTSTAMP",
        "LAST-MODIFIED",
        "X-ALT-DESC",
    ]
)


def _parse_block(lines: list[str], kind: str) -> Any:
    """One top-level component on its own: as written; then without nested
    components (alarms) and lines that are not properties; then, for an event,
    with only the properties the import needs. None when nothing works."""
    flat, depth = [], 0
    for line in lines:
        upper = line.strip().upper()
        if upper.startswith("BEGIN:"):
            depth += 1
        if depth == 1 and (":" in line or ";" in line):
            flat.append(line)
        if upper.startswith("END:"):
            depth -= 1
    needed = (
        [lines[0]]
        + [line for line in flat[1:-1] if re.split(r"[;:]", line, maxsplit=1)[0].strip().upper() in _NEEDED]
        + [lines[-1]]
    )
    attempts = [lines, flat] + ([needed] if kind == "VEVENT" else [])
    for attempt in attempts:
        wrapped = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *attempt, "END:VCALENDAR", ""])
        try:
            [one] = Calendar.from_ical(wrapped, multiple=True)
            [component] = one.subcomponents
            return component
        except Exception:
            continue
    return None


def _skip(result: ParsedCalendar, title: str, when: str, why: str, uid: str = "", rid: str = "") -> None:
    result.unusable += 1
    result.skipped.append({"title": title[:300], "when": when, "uid": uid, "recurrence_id": rid, "why": why})


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

    Raises CalendarFileError naming the problem (not a calendar, truncated, no
    event that can be read), ImportCancelled when ``cancelled()`` is true.
    """
    if not 1 <= window_days <= MAX_WINDOW_DAYS:
        raise CalendarFileError(f"The window must be between 1 and {MAX_WINDOW_DAYS} days (not {window_days}).")
    text = decode(data)
    result = ParsedCalendar(window_start=now, window_end=now + timedelta(days=window_days))
    floating = ZoneInfo(user_tz)
    with _READING, warnings.catch_warnings():
        # Library warnings (a guessed TZID...) are not for the user's terminal.
        warnings.simplefilter("ignore")
        tzp.use_zoneinfo()  # forget the VTIMEZONEs of files read before: this file's own win
        try:
            calendars = _parse_whole(text)
        except Exception:
            calendars = _parse_piecewise(text, result)
        for cal in calendars:
            if cal.name != "VCALENDAR":
                raise CalendarFileError(f"The file holds a {cal.name}, not a calendar.")
            _read_calendar_object(cal, result, now, floating, progress, cancelled)
        tzp.use_zoneinfo()  # and forget them again: the next file starts clean
    if not result.events:
        _nothing_to_import(result)
    return result


def _nothing_to_import(result: ParsedCalendar) -> None:
    if result.skipped and not result.quiet:
        s = result.skipped[0]
        when = f" ({s['when']})" if s["when"] else ""
        others = result.unusable - 1
        more = f", nor can the {others} other{'s' if others != 1 else ''}" if others else ""
        raise CalendarFileError(f"No event in this calendar can be read: “{s['title']}”{when}: {s['why']}{more}.")
    if "VEVENT" not in result.kinds and not result.skipped and not result.quiet:
        found = [label for kind, label in (("VTODO", "tasks"), ("VJOURNAL", "journal entries")) if kind in result.kinds]
        what = f"this file holds only {' and '.join(found)}" if found else "this calendar holds no events"
        raise CalendarFileError(f"Followup imports meetings (events) and found none: {what}.")


def _read_calendar_object(
    cal: Calendar,
    result: ParsedCalendar,
    now: datetime,
    floating: tzinfo,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    import x_wr_timezone  # type: ignore[import-untyped]

    result.method = result.method or text_of(cal, "METHOD").strip().upper()
    result.name = result.name or text_of(cal, "X-WR-CALNAME") or text_of(cal, "NAME")
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", result.name.strip()):
        result.owner = result.name.strip().lower()
    wr_zone = text_of(cal, "X-WR-TIMEZONE").strip()
    if wr_zone and is_valid_zone(wr_zone):
        floating = ZoneInfo(wr_zone)
        try:
            cal = x_wr_timezone.to_standard(cal)
        except Exception:
            pass  # the events keep their own zones; floating times are read in the calendar's zone
    for component in cal.subcomponents:
        result.kinds.add(str(component.name))
    _read_events(cal, result, now, floating, progress, cancelled)


def _best(components: list[Any]) -> Any:
    """Of several copies of one event: the highest SEQUENCE, then the latest stamp."""

    def rank(c: Any) -> tuple[int, str]:
        try:
            seq = int(str(first(c, "SEQUENCE") or 0).strip())
        except ValueError:
            seq = 0
        stamp = text_of(c, "LAST-MODIFIED") or text_of(c, "DTSTAMP")
        return seq, stamp.strip()

    return max(components, key=rank)


def _read_events(
    cal: Calendar,
    result: ParsedCalendar,
    now: datetime,
    floating: tzinfo,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    method_cancel = result.method == "CANCEL"
    undated_ok = result.method in _ITIP_WITHOUT_START
    vevents = [c for c in cal.subcomponents if c.name == "VEVENT"]
    timezones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
    groups: dict[str, dict[str, list[Any]]] = {}  # uid -> recurrence id text -> copies
    series: set[str] = set()
    for ev in vevents:
        uid = text_of(ev, "UID").strip() or stable_uid(ev)
        rid = first(ev, "RECURRENCE-ID")
        rid_text = recurrence.recurrence_text(dt_of(rid), floating) if rid is not None else ""
        groups.setdefault(uid, {}).setdefault(rid_text, []).append(ev)
        if not rid_text and (ev.get("RRULE") is not None or ev.get("RDATE") is not None):
            series.add(uid)
    total = len(groups)
    assert result.window_end is not None
    for done, (uid, copies) in enumerate(groups.items(), 1):
        if cancelled is not None and done % 50 == 0 and cancelled():
            raise ImportCancelled
        if progress is not None and done % 200 == 0:
            progress(done, total)
        if uid in series:
            components = [_best(c) for c in copies.values()]
            try:
                found = recurrence.expand(components, timezones, uid, now, result.window_end, floating, method_cancel)
                if len(result.events) + len(found) > MAX_LISTED:
                    found = found[: max(1, MAX_LISTED - len(result.events))]
                result.events.extend(found)
                if not found:
                    master = components[0]
                    days = (result.window_end - now).days
                    why = f"a repeating meeting ({recurrence.describe_of(master)}) with no occurrence in the next {days} days"
                    result.quiet.append(
                        {
                            "title": title_of(master),
                            "when": when_text(master),
                            "uid": uid,
                            "recurrence_id": "",
                            "why": why,
                        }
                    )
            except Unusable as why:
                master = components[0]
                _skip(result, title_of(master), when_text(master), str(why), uid)
            continue
        for rid_text, same in copies.items():
            ev = _best(same)
            try:
                if first(ev, "DTSTART") is None and not undated_ok:
                    raise Unusable("it has no start (DTSTART)")
                result.events.append(to_event(ev, uid, rid_text, floating, method_cancel))
            except Unusable as why:
                _skip(result, title_of(ev), when_text(ev), str(why), uid, rid_text)
            except Exception:
                _skip(result, title_of(ev), when_text(ev), "it cannot be read", uid, rid_text)
    if progress is not None:
        progress(total, total)
