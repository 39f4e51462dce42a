"""Times as people type them: ISO 8601, ``today 14:00``, ``tomorrow 9:00``,
a weekday (``fri 14:00``: the next one), ``+30m``, ``+2h``, ``+3d``, ``+1w``
(``-2h``, ``-3d`` for the past), in the user's zone. A time without a day is
today; days and weeks count on the wall clock, so ``+1d`` across a DST change
is the same time tomorrow. Pure: ``now`` and the zone are passed in.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from followup.errors import ValidationError

EXAMPLES = "2026-11-30 14:00, today 14:00, tomorrow 9:00, fri 14:00, +30m, +2h, +3d, +1w or -2h"

_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for name in names
}
_RELATIVE = re.compile(r"^([+-])\s*(\d{1,5})\s*(m|min|mins|h|d|w)$")
_DAY_AND_TIME = re.compile(r"^([a-z]+)(?:\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def _refuse(raw: str, why: str = "") -> ValidationError:
    reason = f" ({why})" if why else ""
    return ValidationError(f"Could not read {raw!r} as a time{reason}; try for example {EXAMPLES}.")


def _wall(day: date, at: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, at).replace(tzinfo=tz, fold=0).astimezone(UTC)


def _clock(hour: str, minute: str | None, raw: str) -> time:
    h, m = int(hour), int(minute or 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise _refuse(raw, "hours go to 23 and minutes to 59")
    return time(h, m)


def parse_when(text: str, tz: tzinfo, now: datetime, *, default_time: time = time(9, 0)) -> datetime:
    """``text`` as an aware UTC instant, read in ``tz`` at ``now``; a day
    without a time is at ``default_time``. Raises ValidationError with examples."""
    raw = text.strip()
    lowered = raw.lower()
    if not lowered:
        raise ValidationError(f"A time is required; for example {EXAMPLES}.")
    local_now = now.astimezone(tz)
    if m := _RELATIVE.match(lowered):
        sign = 1 if m.group(1) == "+" else -1
        n, unit = int(m.group(2)) * sign, m.group(3)
        if unit in ("m", "min", "mins"):
            return (now + timedelta(minutes=n)).astimezone(UTC)
        if unit == "h":
            return (now + timedelta(hours=n)).astimezone(UTC)
        days = n * (7 if unit == "w" else 1)
        try:
            return _wall(local_now.date() + timedelta(days=days), local_now.time().replace(tzinfo=None), tz)
        except OverflowError:
            raise _refuse(raw, "too far away") from None
    if m := _TIME.match(lowered):
        return _wall(local_now.date(), _clock(m.group(1), m.group(2), raw), tz)
    if m := _DAY_AND_TIME.match(lowered):
        word, hour, minute = m.groups()
        at = _clock(hour, minute, raw) if hour is not None else default_time
        offsets = {"today": 0, "tomorrow": 1, "yesterday": -1}
        if word in offsets:
            return _wall(local_now.date() + timedelta(days=offsets[word]), at, tz)
        if word in _WEEKDAYS:
            ahead = (_WEEKDAYS[word] - local_now.weekday()) % 7 or 7  # the next one, never today
            return _wall(local_now.date() + timedelta(days=ahead), at, tz)
    return _iso(raw, tz)


def _iso(raw: str, tz: tzinfo) -> datetime:
    try:
        parsed = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw)
    except ValueError as error:
        if not raw[:1].isdigit():
            raise _refuse(raw) from None
        raise ValidationError(f"{raw!r} is not a valid date and time ({error}); try for example {EXAMPLES}.") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    if not 1900 <= parsed.year <= 2200:
        raise ValidationError(f"{raw!r} is outside the years 1900 to 2200.")
    return parsed.astimezone(UTC)
