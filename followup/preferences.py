"""The user's preferences, with every default defined here and only here.

Stored in the database's settings table (so backups carry them); anything not
set falls back to DEFAULTS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import TYPE_CHECKING, Any

from followup import setting_rules
from followup.domain import Kind

if TYPE_CHECKING:
    from followup.store import Store

# (ideal, limit) in days: past the ideal a contact is drifting, past the limit overdue.
DEFAULT_CADENCES: dict[str, tuple[int, int]] = {
    Kind.MANAGER.value: (7, 14),
    Kind.COLLEAGUE.value: (14, 28),
    Kind.CLIENT.value: (30, 60),
    Kind.SUPPLIER.value: (42, 84),
    Kind.PARTNER.value: (45, 90),
    Kind.OTHER.value: (90, 180),
}

DEFAULTS: dict[str, Any] = {
    "reply_window_hours": 24,
    "working_days": [0, 1, 2, 3, 4],  # Monday = 0
    "work_start": "09:00",
    "work_end": "17:30",
    "cadences": DEFAULT_CADENCES,
    "user_name": "",
    "user_email": "",
    # Reminders (followup/reminders.py). Quiet hours are on the user's wall
    # clock and may wrap midnight; a reminder that falls in them, or on a day
    # off, waits until they end.
    "reminders_enabled": True,
    "quiet_hours_enabled": True,
    "quiet_start": "20:00",
    "quiet_end": "08:00",
    "remind_on_working_days_only": True,
    "start_at_login": False,
}


@dataclass(slots=True)
class Preferences:
    user_tz: str = "UTC"
    reply_window_hours: int = 24
    working_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    cadences: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_CADENCES))
    user_name: str = ""
    user_email: str = ""
    reminders_enabled: bool = True
    quiet_hours_enabled: bool = True
    quiet_start: time = time(20, 0)
    quiet_end: time = time(8, 0)
    remind_on_working_days_only: bool = True
    start_at_login: bool = False

    def cadence_for(self, kind: Kind | str) -> tuple[int, int]:
        value = kind.value if isinstance(kind, Kind) else kind
        return self.cadences.get(value, DEFAULT_CADENCES[Kind.OTHER.value])

    @classmethod
    def load(cls, store: Store) -> Preferences:
        def get(key: str, default: Any = None) -> Any:
            # a stored value that breaks its rule (setting_rules) counts as unset
            row = store.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            ok, value = setting_rules.decode(key, row[0]) if row else (False, None)
            return value if ok else default

        cadences = dict(DEFAULT_CADENCES)
        for kind, pair in (get("cadences") or {}).items():
            if isinstance(pair, list | tuple) and len(pair) == 2:
                cadences[kind] = (int(pair[0]), int(pair[1]))
        return cls(
            user_tz=store.settings.user_zone(),
            reply_window_hours=int(get("reply_window_hours", DEFAULTS["reply_window_hours"])),
            working_days=frozenset(int(d) for d in get("working_days", DEFAULTS["working_days"])),
            work_start=_time(get("work_start", DEFAULTS["work_start"]), time(9, 0)),
            work_end=_time(get("work_end", DEFAULTS["work_end"]), time(17, 30)),
            cadences=cadences,
            user_name=str(get("user_name", "")),
            user_email=str(get("user_email", "")),
            reminders_enabled=bool(get("reminders_enabled", DEFAULTS["reminders_enabled"])),
            quiet_hours_enabled=bool(get("quiet_hours_enabled", DEFAULTS["quiet_hours_enabled"])),
            quiet_start=_time(get("quiet_start", DEFAULTS["quiet_start"]), time(20, 0)),
            quiet_end=_time(get("quiet_end", DEFAULTS["quiet_end"]), time(8, 0)),
            remind_on_working_days_only=bool(
                get("remind_on_working_days_only", DEFAULTS["remind_on_working_days_only"])
            ),
            start_at_login=bool(get("start_at_login", DEFAULTS["start_at_login"])),
        )


def _time(text: object, fallback: time) -> time:
    try:
        return time.fromisoformat(str(text))
    except ValueError:
        return fallback
