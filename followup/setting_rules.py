"""What a valid value of each setting looks like, for values that come from
outside (a backup to restore).

The user's preferences are checked by followup/settings_table.py, the same
checks the Settings dialog, ``config`` and Preferences.load use; the app's own
state kept in the settings table (reminder bookkeeping, the calendar UID seed,
remembered folders) has its rules here. Settings that hold a path are marked:
a path from a backup is never applied without asking the user.

A new setting key must be in settings_table or here, or restore drops it (and
says so).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from followup import settings_table
from followup.errors import ValidationError

Rule = Callable[[Any], bool]

MAX_TEXT = 1000
KINDS = settings_table.KINDS


def _text(limit: int = MAX_TEXT) -> Rule:
    return lambda v: isinstance(v, str) and len(v) <= limit and "\x00" not in v


def _boolean(v: Any) -> bool:
    return isinstance(v, bool)


def _int_between(low: int, high: int) -> Rule:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _utc(v: Any) -> bool:
    if not isinstance(v, str) or len(v) > 40:
        return False
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


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


def _table(setting: settings_table.Setting) -> Rule:
    default = json.loads(json.dumps(setting.default))

    def rule(value: Any) -> bool:
        if value is None or value == default:  # unset, or the default (which may mean "this machine's")
            return True
        try:
            setting.check(value)
        except (ValidationError, TypeError, ValueError, KeyError):
            return False
        return True

    return rule


def _id_map(inner: Rule) -> Rule:
    """{"<row id>": value}, as the reminder bookkeeping keeps it."""
    return lambda v: (
        isinstance(v, dict)
        and len(v) <= 100_000
        and all(isinstance(k, str) and k.isdigit() and len(k) <= 19 and inner(x) for k, x in v.items())
    )


def _meeting_state(v: Any) -> bool:
    return isinstance(v, dict) and set(v) <= {"start", "wake", "notified"} and all(_text(40)(x) for x in v.values())


RULES: dict[str, Rule] = {
    **{s.key: _table(s) for s in settings_table.SETTINGS},
    "cadences": _cadences,  # before one key per kind: still read as a fallback
    "tray_notice_shown": _boolean,
    "reminders_paused": _pause,
    "reminders_waiting": _waiting,
    "meeting_reminders": _id_map(_meeting_state),
    "meeting_reminder_minutes": _id_map(_int_between(0, 1440)),
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
