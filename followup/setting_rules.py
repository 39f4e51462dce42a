"""What a valid value of each setting looks like, in one place.

Used when settings come from outside (a backup to restore) and when they are
read (Preferences.load falls back to the default for a value that breaks a
rule), so a bad value can never stop the app. Settings that hold a path are
marked: a path from a backup is never applied without asking the user.

A new setting key must be added here, or restore drops it (and says so).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from followup.timeutil import is_valid_zone

Rule = Callable[[Any], bool]

MAX_TEXT = 1000
KINDS = ("manager", "colleague", "client", "supplier", "partner", "other")


def _text(limit: int = MAX_TEXT) -> Rule:
    return lambda v: isinstance(v, str) and len(v) <= limit and "\x00" not in v


def _boolean(v: Any) -> bool:
    return isinstance(v, bool)


def _int_between(low: int, high: int) -> Rule:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _clock_time(v: Any) -> bool:
    if not isinstance(v, str) or len(v) > 8:
        return False
    try:
        time.fromisoformat(v)
    except ValueError:
        return False
    return True


def _utc(v: Any) -> bool:
    if not isinstance(v, str) or len(v) > 40:
        return False
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _zone(v: Any) -> bool:
    return isinstance(v, str) and len(v) <= 100 and is_valid_zone(v)


def _working_days(v: Any) -> bool:
    return isinstance(v, list) and len(v) <= 7 and all(_int_between(0, 6)(d) for d in v) and len(set(v)) == len(v)


def _cadences(v: Any) -> bool:
    if not isinstance(v, dict) or len(v) > len(KINDS):
        return False
    for kind, pair in v.items():
        if kind not in KINDS or not isinstance(pair, list | tuple) or len(pair) != 2:
            return False
        if not all(_int_between(1, 3650)(n) for n in pair):
            return False
    return True


def _pause(v: Any) -> bool:
    return v is None or (isinstance(v, dict) and set(v) == {"from", "until"} and all(_utc(x) for x in v.values()))


def _waiting(v: Any) -> bool:
    return (
        isinstance(v, dict)
        and len(v) <= 10_000
        and all(isinstance(k, str) and k.isdigit() and len(k) <= 19 and _utc(t) for k, t in v.items())
    )


def _database_id(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= 64 and v.isalnum()


RULES: dict[str, Rule] = {
    "user_tz": _zone,
    "reply_window_hours": _int_between(1, 24 * 14),
    "working_days": _working_days,
    "work_start": _clock_time,
    "work_end": _clock_time,
    "cadences": _cadences,
    "user_name": _text(),
    "user_email": _text(),
    "reminders_enabled": _boolean,
    "quiet_hours_enabled": _boolean,
    "quiet_start": _clock_time,
    "quiet_end": _clock_time,
    "remind_on_working_days_only": _boolean,
    "start_at_login": _boolean,
    "tray_notice_shown": _boolean,
    "reminders_paused": _pause,
    "reminders_waiting": _waiting,
    "calendar_database_id": _database_id,
}

# Settings that name a file or folder: never taken from a backup without asking.
PATH_KEYS: frozenset[str] = frozenset(
    {"calendar_live_file", "export_folder", "calendar_export_folder", "calendar_import_folder"}
)
for _key in PATH_KEYS:
    RULES[_key] = _text(4096)


def is_valid(key: str, value: Any) -> bool:
    """True if ``value`` (already decoded from JSON) is a valid value of ``key``."""
    rule = RULES.get(key)
    return rule is not None and bool(rule(value))


def decode(key: str, text: object) -> tuple[bool, Any]:
    """A setting as stored (JSON text): (valid, value)."""
    if not isinstance(text, str):
        return False, None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return False, None
    return is_valid(key, value), value
