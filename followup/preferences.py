"""The user's preferences, read through the one table of settings
(followup/settings_table.py: key, default, parser, validation).

Stored in the database's settings table (so backups carry them); anything not
set, or no longer valid, falls back to the table's default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import TYPE_CHECKING, Any

from followup.domain import Kind
from followup.settings_table import DEFAULT_CADENCES, KINDS, SETTINGS, stored, validated

if TYPE_CHECKING:
    from followup.store import Store

# Every default, by key (read from the table; kept for callers that want one).
DEFAULTS: dict[str, Any] = {s.key: s.default for s in SETTINGS}


@dataclass(slots=True)
class Preferences:
    """The user's preferences, as the settings table keeps them."""

    user_tz: str = "UTC"
    reply_window_hours: int = 24
    working_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)
    cadences: dict[str, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_CADENCES))
    # a kind's own reply window: (hours, counted in working hours); absent: reply_window_hours
    reply_windows: dict[str, tuple[int, bool]] = field(default_factory=dict)
    user_name: str = ""
    user_email: str = ""
    reminders_enabled: bool = True
    quiet_hours_enabled: bool = True
    quiet_start: time = time(20, 0)
    quiet_end: time = time(8, 0)
    remind_on_working_days_only: bool = True
    start_at_login: bool = False
    first_day_of_week: int = 0
    engagement_reminder_minutes: int = 15

    def cadence_for(self, kind: Kind | str) -> tuple[int, int]:
        value = kind.value if isinstance(kind, Kind) else kind
        return self.cadences.get(value, DEFAULT_CADENCES[Kind.OTHER.value])

    def reply_window_for(self, kind: Kind | str) -> tuple[int, bool]:
        """How long a reply to this kind of contact may take: (hours, working hours?)."""
        value = kind.value if isinstance(kind, Kind) else kind
        return self.reply_windows.get(value, (self.reply_window_hours, False))

    @classmethod
    def load(cls, store: Store) -> Preferences:
        get = store.settings.read_all()  # one statement, not one per key
        values = stored(get)
        legacy = get("cadences") or {}  # before one key per kind
        cadences = dict(DEFAULT_CADENCES)
        for kind in KINDS:
            own = get(f"cadence_{kind}")
            pair = values[f"cadence_{kind}"] if own is not None else legacy.get(kind)
            if isinstance(pair, list | tuple) and len(pair) == 2:
                cadences[kind] = (int(pair[0]), int(pair[1]))
        windows = {
            kind: (int(w["hours"]), bool(w["working"]))
            for kind in KINDS
            if (w := values[f"reply_window_{kind}"]) is not None
        }
        return cls(
            user_tz=store.settings.user_zone(get),
            reply_window_hours=values["reply_window_hours"],
            working_days=frozenset(values["working_days"]),
            work_start=time.fromisoformat(values["work_start"]),
            work_end=time.fromisoformat(values["work_end"]),
            cadences=cadences,
            reply_windows=windows,
            user_name=values["user_name"],
            user_email=values["user_email"],
            reminders_enabled=values["reminders_enabled"],
            quiet_hours_enabled=values["quiet_hours_enabled"],
            quiet_start=time.fromisoformat(values["quiet_start"]),
            quiet_end=time.fromisoformat(values["quiet_end"]),
            remind_on_working_days_only=values["remind_on_working_days_only"],
            start_at_login=values["start_at_login"],
            first_day_of_week=values["first_day_of_week"],
            engagement_reminder_minutes=values["engagement_reminder_minutes"],
        )

    @staticmethod
    def save(store: Store, changes: dict[str, Any]) -> dict[str, Any]:
        """Check ``changes`` (stored form, by key) against the table, one by one
        and together, then write them all in one transaction; or write nothing
        and raise the ValidationError. Returns what was written."""
        checked = validated(stored(store.settings.get), changes)
        with store.transaction():
            for key, value in checked.items():
                store.settings.set(key, value)
        return checked
