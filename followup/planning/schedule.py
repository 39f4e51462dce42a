"""Where a step lands in time: offsets on the wall clock, then working time.

All wall-clock arithmetic happens in an IANA zone, so "09:00 the day before"
is 09:00 local on both sides of a DST change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup.planning.model import Anchor, Phase, Step
from followup.preferences import Preferences


def local_at(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``day`` at ``at`` on the wall clock of ``tz``, as an aware UTC instant.

    With fold=0 (PEP 495), a time inside a spring-forward gap is read with the
    offset before the gap, which lands it after the gap by the gap's length
    (02:30 becomes 03:30), as a wall clock would show it; an ambiguous time in
    the repeated autumn hour is the first of the two.
    """
    return datetime.combine(day, at).replace(tzinfo=tz, fold=0).astimezone(UTC)


def add_working_days(day: date, n: int, working: frozenset[int]) -> date:
    """Move ``n`` working days from ``day`` (negative: back)."""
    if not working:
        return day + timedelta(days=n)
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if day.weekday() in working:
            remaining -= 1
    return day


def step_time(anchor_utc: datetime, step: Step, tz: ZoneInfo, prefs: Preferences) -> datetime:
    """Apply a step's offset to an anchor instant on the wall clock of ``tz``."""
    local = anchor_utc.astimezone(tz)
    if step.days or step.at:
        day = local.date()
        if step.days:
            day = (
                add_working_days(day, step.days, prefs.working_days)
                if step.working_days
                else day + timedelta(days=step.days)
            )
        at = step.at or local.time().replace(tzinfo=None)
        instant = local_at(day, at, tz)
    else:
        instant = anchor_utc
    return instant + timedelta(minutes=step.minutes)


def is_working_time(instant: datetime, tz: ZoneInfo, prefs: Preferences) -> bool:
    local = instant.astimezone(tz)
    return (
        local.weekday() in prefs.working_days and prefs.work_start <= local.time().replace(tzinfo=None) < prefs.work_end
    )


def next_working_morning(instant: datetime, tz: ZoneInfo, prefs: Preferences) -> datetime:
    """``instant`` if it is in working time, else the start of the next working period."""
    if is_working_time(instant, tz, prefs) or not prefs.working_days:
        return instant
    local = instant.astimezone(tz)
    day = local.date()
    if local.weekday() in prefs.working_days and local.time().replace(tzinfo=None) < prefs.work_start:
        return local_at(day, prefs.work_start, tz)
    day = add_working_days(day, 1, prefs.working_days)
    return local_at(day, prefs.work_start, tz)


def add_working_hours(start: datetime, hours: float, tz: ZoneInfo, prefs: Preferences) -> datetime:
    """``hours`` of working time after ``start`` on the wall clock of ``tz``:
    time outside working hours and days does not count."""
    if not prefs.working_days or prefs.work_start >= prefs.work_end:
        return start + timedelta(hours=hours)
    left = timedelta(hours=hours)
    at = next_working_morning(start, tz, prefs)
    while True:
        day_end = local_at(at.astimezone(tz).date(), prefs.work_end, tz)
        if at + left <= day_end:
            return at + left
        left -= day_end - at
        at = next_working_morning(day_end, tz, prefs)


def previous_working_morning(instant: datetime, tz: ZoneInfo, prefs: Preferences) -> datetime:
    """The start of the working day at or before ``instant``'s day, if that is
    still before ``instant``; else of the working day before it."""
    local = instant.astimezone(tz)
    day = local.date()
    if day.weekday() not in prefs.working_days or local.time().replace(tzinfo=None) < prefs.work_start:
        day = add_working_days(day, -1, prefs.working_days)
    return local_at(day, prefs.work_start, tz)


def place(due: datetime, phase: Phase, tz: ZoneInfo, prefs: Preferences, deadline: datetime | None) -> datetime:
    """Working time for a planned step.

    Outside working hours a step moves to the next working morning. A step
    *before* the engagement must stay before it: if the next working morning
    is past ``deadline`` (the engagement's start), it moves back to the start
    of the previous working day instead. Steps *during* the engagement happen
    when the engagement happens and never move.
    """
    if phase == Phase.DURING:
        return due
    moved = next_working_morning(due, tz, prefs)
    if phase == Phase.BEFORE and deadline is not None and moved >= deadline:
        earlier = previous_working_morning(min(due, deadline), tz, prefs)
        while earlier >= deadline:  # 09:00 on the same day may still be after an 08:30 start
            earlier = previous_working_morning(earlier - timedelta(minutes=1), tz, prefs)
        return earlier
    return moved


def place_date(day: date, phase: Phase, prefs: Preferences) -> date:
    """Working days for an all-day step: the next working day (before: the previous)."""
    if phase == Phase.DURING or day.weekday() in prefs.working_days or not prefs.working_days:
        return day
    return add_working_days(day, -1 if phase == Phase.BEFORE else 1, prefs.working_days)


def anchor_of(step: Step, start: datetime, end: datetime) -> datetime:
    return start if step.anchor == Anchor.START else end
