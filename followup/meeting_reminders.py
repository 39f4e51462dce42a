"""Reminders for engagements themselves, as Outlook gives them: N minutes
before a meeting or call starts (the Settings lead time, or the engagement's
own), once per start time; "snooze until 5 minutes before" reminds again
then. The state (what was reminded, snoozes, per-engagement lead times) is
kept in the settings table, so backups carry it and no schema changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.planning.schedule import local_at
from followup.preferences import Preferences
from followup.timeutil import from_db, humanize_duration, to_db, zone_info

if TYPE_CHECKING:
    from followup.store import Store

STATE_KEY = "meeting_reminders"  # {"<engagement id>": {"start": utc, "wake": utc, "notified": utc}}
LEAD_KEY = "meeting_reminder_minutes"  # {"<engagement id>": minutes}: an engagement's own lead time


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting to remind the user of, shortly before it starts."""

    engagement_id: int
    title: str
    start: datetime
    contacts: str
    tz: str

    def headline(self, time_text: Callable[[datetime], str] | None = None) -> str:
        """'Review with Ana at 11:00'; ``time_text`` writes the time (the window's locale)."""
        local = self.start.astimezone(zone_info(self.tz))
        who = f" with {self.contacts}" if self.contacts else ""
        return f"{self.title}{who} at {time_text(local) if time_text else f'{local:%H:%M}'}"

    def details(self, now: datetime) -> str:
        if self.start <= now:
            return "now"
        return f"in {humanize_duration(self.start - now)}"


def _state(store: Store) -> dict[str, dict[str, str]]:
    value = store.settings.get(STATE_KEY)
    return value if isinstance(value, dict) else {}


def _leads(store: Store) -> dict[str, int]:
    value = store.settings.get(LEAD_KEY)
    return {str(k): int(v) for k, v in value.items()} if isinstance(value, dict) else {}


def lead_of(store: Store, engagement_id: int) -> int | None:
    """This engagement's own lead time, or None (the Settings one)."""
    return _leads(store).get(str(engagement_id))


def set_lead(store: Store, engagement_id: int, minutes: int | None) -> None:
    """This engagement's own lead time (None: the Settings one)."""
    leads = _leads(store)
    if minutes is None:
        leads.pop(str(engagement_id), None)
    else:
        if not 0 <= minutes <= 1440:
            from followup.errors import ValidationError

            raise ValidationError("A reminder comes 0 to 1440 minutes before.")
        leads[str(engagement_id)] = minutes
    store.settings.set(LEAD_KEY, leads)


def _rows(store: Store, low: datetime, high: datetime) -> list[Meeting]:
    rows = store.conn.execute(
        """SELECT e.id, e.title, e.start_utc, e.tz,
                  (SELECT group_concat(c.name, ', ') FROM engagement_contacts ec JOIN contacts c ON c.id = ec.contact_id
                   WHERE ec.engagement_id = e.id)
           FROM engagements e
           WHERE e.status = 'planned' AND e.all_day = 0 AND e.start_utc >= ? AND e.start_utc < ?
           ORDER BY e.start_utc, e.id""",
        (to_db(low), to_db(high)),
    ).fetchall()
    return [Meeting(int(i), str(t), from_db(str(s)), str(c or ""), str(tz)) for i, t, s, tz, c in rows]


def collect(store: Store, now: datetime, prefs: Preferences) -> list[Meeting]:
    """Meetings whose reminder time has come and that were not yet reminded
    for it; they are marked reminded in the same transaction."""
    leads = _leads(store)
    longest = max([prefs.engagement_reminder_minutes, *leads.values()])
    if longest <= 0:
        return []
    state = _state(store)
    due = []
    for m in _rows(store, now, now + timedelta(minutes=longest) + timedelta(seconds=1)):
        lead = leads.get(str(m.engagement_id), prefs.engagement_reminder_minutes)
        if lead <= 0:
            continue
        entry = state.get(str(m.engagement_id), {})
        start = to_db(m.start)
        wake = (
            entry["wake"]
            if entry.get("start") == start and entry.get("wake")
            else to_db(m.start - timedelta(minutes=lead))
        )
        if from_db(wake) <= now and entry.get("notified") != wake:
            state[str(m.engagement_id)] = {"start": start, "wake": wake, "notified": wake}
            due.append(m)
    if due:
        store.settings.set(STATE_KEY, state)
    return due


def snooze_until_before(store: Store, engagement_id: int, *, minutes: int = 5) -> datetime:
    """Remind again ``minutes`` before the start; returns when."""
    e = store.engagements.get(engagement_id)
    assert e.start is not None
    wake = e.start - timedelta(minutes=minutes)
    state = _state(store)
    state[str(engagement_id)] = {"start": to_db(e.start), "wake": to_db(wake), "notified": ""}
    store.settings.set(STATE_KEY, state)
    return wake


def upcoming_today(store: Store, now: datetime, prefs: Preferences) -> list[Meeting]:
    """Timed engagements still to come today, by the user's calendar."""
    tz = ZoneInfo(prefs.user_tz)
    end = local_at(now.astimezone(tz).date() + timedelta(days=1), time(0), tz)
    return _rows(store, now, end)
