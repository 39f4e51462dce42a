"""Important dates come due like follow-ups.

Like stay-in-touch cadences, reminders are materialised lazily: before any
due query, each date whose reminder day (the date less its lead time) has come
and whose day has not passed gets one all-day follow-up with the source
``date``, keyed by the date and the year, so it is made once: done or skipped,
it does not come back; next year's is a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from followup.domain import ContactDate, DateKind
from followup.people_dates import next_occurrence, reminder_day, reminder_title
from followup.planning.model import FollowUp, Source
from followup.planning.schedule import local_at
from followup.preferences import Preferences
from followup.store import Store

_KINDS = {k.value: k for k in DateKind}


@dataclass(slots=True, frozen=True)
class Upcoming:
    """An important date of a contact, when it comes next."""

    contact_id: int
    contact: str
    record: ContactDate
    occurrence: date  # when it comes next
    remind_on: date  # when its reminder comes due


def step_key(d: ContactDate, occurrence: date) -> str:
    """One reminder per date and year, whatever the date's position or id."""
    label = f":{d.label}" if d.label else ""
    return f"date:{d.kind.value}{label}:{occurrence:%m-%d}:{occurrence.year}"


def upcoming(store: Store, today: date, within_days: int, contact_id: int | None = None) -> list[Upcoming]:
    """Every date of an active contact that comes in the next ``within_days``
    days (today included), soonest first."""
    where = " AND c.id = ?" if contact_id is not None else ""
    args: tuple[int, ...] = (contact_id,) if contact_id is not None else ()
    found = []
    for cid, name, kind, label, month, day, year, lead in store.conn.execute(
        # The dates drive (CROSS JOIN keeps them the outer loop): the planner
        # otherwise walked every contact probing for dates, 20 ms at 100,000
        # contacts on every Today refresh even with no date at all.
        "SELECT c.id, c.name, d.kind, d.label, d.month, d.day, d.year, d.lead_days FROM contact_dates d "
        f"CROSS JOIN contacts c ON c.id = d.contact_id WHERE c.archived = 0{where}",
        args,
    ):
        d = ContactDate(_KINDS.get(kind, DateKind.CUSTOM), month, day, year, label, lead)
        occurrence = next_occurrence(d, today)
        if (occurrence - today).days <= within_days:
            found.append(Upcoming(cid, name, d, occurrence, reminder_day(d, occurrence)))
    return sorted(found, key=lambda u: (u.occurrence, u.contact.casefold()))


def sync_dates(store: Store, prefs: Preferences | None = None, until: datetime | None = None) -> list[int]:
    """Open the reminders that came due (or come due by ``until``, for a due
    list that looks ahead); cheap when there are none to open."""
    prefs = prefs or Preferences.load(store)
    tz = ZoneInfo(prefs.user_tz)
    today = store.clock.now().astimezone(tz).date()
    last = max(today, until.astimezone(tz).date()) if until else today
    due = [u for u in upcoming(store, today, 366) if u.remind_on <= last]
    if not due:
        return []
    keys = {(u.contact_id, step_key(u.record, u.occurrence)): u for u in due}
    have = set(
        store.conn.execute(
            "SELECT contact_id, step_key FROM follow_ups WHERE source = 'date' AND step_key LIKE 'date:%'"
        )
    )
    created = []
    with store.transaction():
        for (cid, key), u in keys.items():
            if (cid, key) in have:
                continue
            fu = FollowUp(
                contact_id=cid,
                title=reminder_title(u.record, u.contact, u.occurrence),
                source=Source.DATE,
                due=None,
                due_date=u.remind_on,
                tz=prefs.user_tz,
                step_key=key,
                notes=_notes(u),
            )
            created.append(store.follow_ups.add(fu, day_start=local_at(u.remind_on, prefs.work_start, tz)))
    return created


def _notes(u: Upcoming) -> str:
    if u.remind_on == u.occurrence:
        return ""
    ahead = (u.occurrence - u.remind_on).days
    return f"On {u.occurrence:%d %B %Y}; this reminder comes {ahead} day{'s' if ahead != 1 else ''} ahead."


def within(text: str) -> int:
    """ "30d", "2w", "30" -> days; for `dates --within`."""
    value = text.strip().lower()
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    number, unit = (value[:-1], value[-1]) if value[-1:] in units else (value, "d")
    if not number.isdigit() or not 0 <= int(number) * units[unit] <= 366:
        from followup.errors import ValidationError

        raise ValidationError(f"{text!r} is not a period: write 30d, 2w or 1y (at most a year).")
    return int(number) * units[unit]
