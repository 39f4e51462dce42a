"""Every setting in one declarative table: its key, default, how it is read
from text (the ``config`` command) and checked (the Settings dialog, a value
from the database), and how it is shown. Preferences.load/save, the Settings
dialog and ``config`` all go through it, so they validate alike.

Values are stored as JSON in the settings table under their key, in the form
``check`` returns; a stored value that no longer passes falls back to the
default, so a bad row never stops the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from followup.domain import Channel, Kind
from followup.errors import ValidationError
from followup.timeutil import zone
from followup.validation import clean_line

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
KINDS = tuple(k.value for k in Kind)
# (ideal, limit) in days: past the ideal a contact is drifting, past the limit overdue.
DEFAULT_CADENCES: dict[str, tuple[int, int]] = {
    Kind.MANAGER.value: (7, 14),
    Kind.COLLEAGUE.value: (14, 28),
    Kind.CLIENT.value: (30, 60),
    Kind.SUPPLIER.value: (42, 84),
    Kind.PARTNER.value: (45, 90),
    Kind.OTHER.value: (90, 180),
}


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its key, default, and how a value is read and checked."""

    key: str
    default: Any  # in stored form
    parse: Callable[[str], Any]  # text typed by a person -> stored form; ValidationError if unreadable
    check: Callable[[Any], Any]  # a stored-form value (JSON, the dialog) -> the same, checked
    show: Callable[[Any], str]  # stored form -> text, as parse reads it
    label: str


# -- parsers and checkers ---------------------------------------------------------------


def _bool_text(text: str) -> bool:
    t = text.strip().lower()
    if t in ("on", "yes", "true", "1"):
        return True
    if t in ("off", "no", "false", "0"):
        return False
    raise ValidationError(f"{text!r} is not on or off; use on or off.")


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError("Use on or off.")
    return value


def _clock(value: Any) -> str:
    try:
        t = time.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(f"{value!r} is not a time of day; use HH:MM, for example 09:00.") from None
    return f"{t.hour:02d}:{t.minute:02d}"


def _days_text(text: str) -> list[int]:
    names = [n for n in re.split(r"[\s,]+", text.strip().lower()) if n]
    days = []
    for name in names:
        if name[:3] not in DAYS:
            raise ValidationError(f"{name!r} is not a day; use mon, tue, wed, thu, fri, sat, sun (e.g. mon,tue,wed).")
        days.append(DAYS.index(name[:3]))
    return _days(days)


def _days(value: Any) -> list[int]:
    if not isinstance(value, list) or not all(isinstance(d, int) and 0 <= d <= 6 for d in value):
        raise ValidationError("Working days are days of the week, Monday = 0.")
    if not value:
        raise ValidationError("Choose at least one working day.")
    return sorted(set(value))


def _int_between(low: int, high: int, what: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        try:
            n = int(str(value).strip())
        except ValueError:
            raise ValidationError(f"{value!r} is not a whole number; {what} is {low} to {high}.") from None
        if not low <= n <= high:
            raise ValidationError(f"{what.capitalize()} is {low} to {high}, not {n}.")
        return n

    return check


def _first_day_text(text: str) -> int:
    t = text.strip().lower()
    if t[:3] in DAYS:
        return DAYS.index(t[:3])
    return _int_between(0, 6, "the first day of the week (Monday = 0)")(t)


def _email(value: Any) -> str:
    text = clean_line(str(value), "Your email", 320)
    if text and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValidationError(f"{text!r} is not an email address, such as me@example.com.")
    return text


def _name(value: Any) -> str:
    return clean_line(str(value), "Your name", 200)


def _zone(value: Any) -> str:
    zone(str(value))
    return str(value)


def _cadence_text(text: str) -> list[int]:
    found = re.fullmatch(r"\s*(\d+)\s*(?:/|,|\s)\s*(\d+)\s*(?:days?)?\s*", text)
    if not found:
        raise ValidationError(f"{text!r} is not a rhythm; write IDEAL/LIMIT in days, for example 30/60.")
    return _cadence([int(found.group(1)), int(found.group(2))])


def _cadence(value: Any) -> list[int]:
    if not (isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise ValidationError("A rhythm is two numbers of days: ideal and limit, e.g. 30/60.")
    ideal, limit = value
    if not 1 <= ideal <= limit <= 3650:
        raise ValidationError(f"A rhythm needs 1 <= ideal <= limit <= 3650 days, not {ideal}/{limit}.")
    return [ideal, limit]


def _window_text(text: str) -> dict[str, Any] | None:
    t = text.strip().lower()
    if t in ("", "default"):
        return None
    found = re.fullmatch(r"(\d+)\s*(working\s+hours?|working\s*h|wh|hours?|h)", t)
    if not found:
        raise ValidationError(f"{text!r} is not a reply window; write e.g. 24h, 48 hours or 4 working hours.")
    return _window({"hours": int(found.group(1)), "working": "w" in found.group(2)})


def _window(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("hours"), int):
        raise ValidationError("A reply window is a number of hours, e.g. 24h or 4 working hours.")
    hours = _int_between(1, 720, "a reply window in hours")(value["hours"])
    return {"hours": hours, "working": bool(value.get("working", False))}


def _show_window(value: Any) -> str:
    if value is None:
        return "default"
    return f"{value['hours']} working hours" if value["working"] else f"{value['hours']}h"


def _kinds(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(k, str) and k in KINDS for k in value):
        shown = ", ".join(str(k) for k in value) if isinstance(value, list) else str(value)
        raise ValidationError(f"Kinds are some of {', '.join(KINDS)}; “{shown}” is not.")
    return list(dict.fromkeys(value))


def _kinds_text(text: str) -> list[str]:
    return _kinds([part.strip().lower() for part in text.split(",") if part.strip()])


def _same(value: Any) -> Any:
    return value


def _text(value: Any) -> str:
    return str(value)


def _show_bool(value: Any) -> str:
    return "on" if value else "off"


def _one_of(values: tuple[str, ...], what: str) -> Callable[[Any], str | None]:
    """None (any) or one of ``values``: Today's remembered filter."""

    def check(value: Any) -> str | None:
        if value is None or value in ("", "any"):
            return None
        if not isinstance(value, str) or value.strip().lower() not in values:
            raise ValidationError(f"{what} is any or one of {', '.join(values)}; {value!r} is not.")
        return value.strip().lower()

    return check


_TODAY_KIND = _one_of(KINDS, "Today's kind filter")
_TODAY_CHANNEL = _one_of(tuple(c.value for c in Channel), "Today's channel filter")


# -- the table --------------------------------------------------------------------------


def _row(key: str, default: Any, parse: Callable[[str], Any], check: Callable[[Any], Any], show: Callable[[Any], str],
         label: str) -> Setting:  # fmt: skip
    return Setting(key, default, parse, check, show, label)


_HOURS = _int_between(1, 720, "the reply window in hours")
_LEAD = _int_between(0, 1440, "the reminder lead time in minutes")

SETTINGS: tuple[Setting, ...] = (
    _row("user_name", "", _name, _name, _text, "Your name"),
    _row("user_email", "", _email, _email, _text, "Your email (the organizer of invites you send)"),
    _row("user_tz", "", _zone, _zone, _text, "Your time zone (IANA, e.g. Europe/Lisbon; empty: this machine's)"),
    _row("working_days", [0, 1, 2, 3, 4], _days_text, _days, lambda v: ",".join(DAYS[d] for d in v), "Working days"),
    _row("work_start", "09:00", _clock, _clock, _text, "Working day starts"),
    _row("work_end", "17:30", _clock, _clock, _text, "Working day ends"),
    _row(
        "first_day_of_week",
        0,
        _first_day_text,
        _int_between(0, 6, "the first day of the week"),
        lambda v: DAYS[v],
        "First day of the week (Today's 'this week')",
    ),
    _row("reply_window_hours", 24, _HOURS, _HOURS, str, "Reply within (hours), unless set for the kind"),
    *(
        _row(
            f"reply_window_{kind}",
            None,
            _window_text,
            _window,
            _show_window,
            f"Reply window for a {kind} (24h, 4 working hours, or default)",
        )
        for kind in KINDS
    ),
    *(
        _row(
            f"cadence_{kind}",
            list(DEFAULT_CADENCES[kind]),
            _cadence_text,
            _cadence,
            lambda v: f"{v[0]}/{v[1]}",
            f"Stay in touch with a {kind} every IDEAL/LIMIT days",
        )
        for kind in KINDS
    ),
    _row("reminders_enabled", True, _bool_text, _bool, _show_bool, "Remind me when a follow-up comes due"),
    _row("quiet_hours_enabled", True, _bool_text, _bool, _show_bool, "Quiet hours"),
    _row("quiet_start", "20:00", _clock, _clock, _text, "Quiet hours start"),
    _row("quiet_end", "08:00", _clock, _clock, _text, "Quiet hours end"),
    _row("remind_on_working_days_only", True, _bool_text, _bool, _show_bool, "Remind only on working days"),
    _row("engagement_reminder_minutes", 15, _LEAD, _LEAD, str, "Remind me this many minutes before a meeting"),
    _row("start_at_login", False, _bool_text, _bool, _show_bool, "Start Followup at login"),
    _row(
        "mail_sync_minutes",
        15,
        _int_between(0, 1440, "the mail sync interval in minutes"),
        _int_between(0, 1440, "the mail sync interval in minutes"),
        str,
        "Sync mail every this many minutes (0: only when asked)",
    ),
    _row(
        "caldav_sync_minutes",
        15,
        _int_between(0, 1440, "the calendar sync interval in minutes"),
        _int_between(0, 1440, "the calendar sync interval in minutes"),
        str,
        "Sync calendars every this many minutes (0: only when asked)",
    ),
    _row(
        "caldav_autoplan_kinds",
        [],
        _kinds_text,
        _kinds,
        lambda v: ",".join(v),
        "Plan new calendar meetings without asking for these kinds (e.g. client,supplier)",
    ),
    _row("today_kind", None, _TODAY_KIND, _TODAY_KIND, lambda v: v or "any", "Today shows this kind (or any)"),
    _row(
        "today_channel", None, _TODAY_CHANNEL, _TODAY_CHANNEL, lambda v: v or "any", "Today shows this channel (or any)"
    ),
)
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    found = BY_KEY.get(key.strip().lower().replace("-", "_"))
    if found is None:
        raise ValidationError(f"There is no setting {key!r}. Settings: {', '.join(BY_KEY)}.")
    return found


def check_together(values: dict[str, Any]) -> None:
    """Rules across settings: the working day starts before it ends."""
    if values["work_start"] >= values["work_end"]:
        raise ValidationError(
            f"The working day must start before it ends (start {values['work_start']}, end {values['work_end']})."
        )


def stored(get: Callable[[str, Any], Any]) -> dict[str, Any]:
    """Every setting's value as stored, checked; a bad or missing one is its default."""
    values: dict[str, Any] = {}
    for s in SETTINGS:
        raw = get(s.key, s.default)
        try:
            values[s.key] = s.check(raw) if raw is not None else s.default
        except ValidationError:
            values[s.key] = s.default
    return values


def validated(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``changes`` (stored form) checked one by one and together with the rest.
    Raises ValidationError naming the first problem; nothing is written here."""
    checked = {key: (setting(key).check(value) if value is not None else None) for key, value in changes.items()}
    merged = {**current, **checked}
    check_together(merged)
    return checked
