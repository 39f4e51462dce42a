"""Repeating meetings, expanded with bounds on count, time and memory.

A series is read lazily (recurring-ical-events' ``after()`` iterator), at most
:data:`MAX_OCCURRENCES` occurrences and only within the window, so neither
``FREQ=DAILY;INTERVAL=0`` (which never advances), nor ``FREQ=SECONDLY`` (8
million occurrences in 90 days) can take the memory or the time of the machine:
- a rule that cannot be used (INTERVAL=0, a missing UNTIL, an unknown FREQ)
  gives the event once, at its first date, with a note;
- a rule repeating more often than daily is never expanded: it is imported
  once, at its next time, with a note, because a plan for each would flood;
- the first occurrence from now is the one planned; the later ones come out
  marked ``later`` so the user can tick them (the import skips them otherwise).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from icalendar import Calendar

from followup.calendar.vevent import CalendarEvent, Unusable, dt_of, first, to_event

MAX_OCCURRENCES = 1000  # per series, within the window: a daily meeting for almost three years
MAX_SECONDS = 5.0  # per series: a rule whose occurrences are far apart stops here
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_SUBDAILY = {"SECONDLY": timedelta(seconds=1), "MINUTELY": timedelta(minutes=1), "HOURLY": timedelta(hours=1)}


def recurrence_text(value: Any, floating: tzinfo) -> str:
    """An occurrence's identity: its original start, in UTC (or a date)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=floating)
        return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    return ""


def _rule(master: Any) -> tuple[str, int]:
    """(FREQ, INTERVAL) of the series' rule; ("", 1) for RDATE only.
    Raises Unusable for a rule that cannot be used."""
    rule = first(master, "RRULE")
    if rule is None:
        return "", 1
    try:
        freq = str(rule.get("FREQ", [""])[0]).upper()
        interval = int(rule.get("INTERVAL", [1])[0])
    except (AttributeError, IndexError, TypeError, ValueError):
        raise Unusable("its repeat rule (RRULE) cannot be read") from None
    if freq not in _UNITS and freq not in _SUBDAILY:
        raise Unusable(f"its repeat rule (RRULE) has an unknown frequency {freq or '(none)'}")
    if interval < 1:
        raise Unusable(f"its repeat rule (RRULE) repeats every {interval} {_UNITS.get(freq, 'time')}s")
    return freq, interval


def describe(freq: str, interval: int) -> str:
    if not freq:
        return "on several dates"
    unit = _UNITS.get(freq) or {"SECONDLY": "second", "MINUTELY": "minute", "HOURLY": "hour"}[freq]
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def describe_of(master: Any) -> str:
    try:
        return describe(*_rule(master))
    except Unusable:
        return "with a rule that cannot be read"


def expand(
    components: list[Any],
    timezones: list[Any],
    uid: str,
    now: datetime,
    window_end: datetime,
    floating: tzinfo,
    method_cancel: bool,
) -> list[CalendarEvent]:
    """The occurrences of one series from ``now`` to ``window_end``, at most
    MAX_OCCURRENCES; raises Unusable when the series gives nothing usable."""
    masters = [c for c in components if c.get("RECURRENCE-ID") is None]
    master = masters[0] if masters else components[0]
    try:
        freq, interval = _rule(master)
    except Unusable as why:
        return [_once(master, uid, floating, method_cancel, f"Imported once: {why}.")]
    repeats = describe(freq, interval)
    if freq in _SUBDAILY:
        return [_next_of_flood(master, uid, now, floating, method_cancel, _SUBDAILY[freq] * interval, repeats)]
    series = Calendar()
    for tz in timezones:
        series.add_component(tz)
    for component in components:
        series.add_component(component)
    events: list[CalendarEvent] = []
    try:
        for occurrence in _bounded(series, now, window_end):
            rid = occurrence.get("RECURRENCE-ID")
            start = first(occurrence, "DTSTART")
            rid_text = recurrence_text(dt_of(rid if rid is not None else start), floating)
            try:
                event = to_event(occurrence, uid, rid_text, floating, method_cancel)
            except Unusable:
                continue  # one moved occurrence that cannot be read: the others still can
            event.repeats, event.later = repeats, bool(events)
            events.append(event)
    except Exception:  # a rule dateutil or recurring-ical-events cannot expand
        if events:
            return events
        return [_once(master, uid, floating, method_cancel, "Imported once: its repeat rule cannot be expanded.")]
    return events


def _bounded(series: Calendar, now: datetime, window_end: datetime) -> Iterator[Any]:
    import recurring_ical_events  # type: ignore[import-untyped]

    deadline = time.monotonic() + MAX_SECONDS
    for n, occurrence in enumerate(recurring_ical_events.of(series).after(now)):
        if n >= MAX_OCCURRENCES or time.monotonic() > deadline:
            return
        start = dt_of(first(occurrence, "DTSTART"))
        if isinstance(start, datetime):
            if (start if start.tzinfo else start.replace(tzinfo=UTC)) >= window_end:
                return
        elif isinstance(start, date) and start >= window_end.date():
            return
        yield occurrence


def _once(master: Any, uid: str, floating: tzinfo, method_cancel: bool, note: str) -> CalendarEvent:
    event = to_event(master, uid, "", floating, method_cancel)
    event.note = note
    return event


def _next_of_flood(
    master: Any, uid: str, now: datetime, floating: tzinfo, method_cancel: bool, step: timedelta, repeats: str
) -> CalendarEvent:
    """A series repeating more often than daily: one engagement, at its next time."""
    event = to_event(master, uid, "", floating, method_cancel)
    event.repeats = repeats
    event.note = f"It repeats {repeats}: too often to plan each time, so it is imported once, at its next time."
    if event.start is not None and event.start < now:
        shift = step * math.ceil((now - event.start) / step)
        event.start += shift
        if event.end is not None:
            event.end += shift
    if event.start is not None:
        event.recurrence_id = event.start.strftime("%Y%m%dT%H%M%SZ")
    return event
