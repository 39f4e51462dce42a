"""Editing an engagement: title, times, all-day, place, contacts, playbook.
Its open follow-ups move or are re-planned; closed ones stay as history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup.engine.plans import PlanResult, replan
from followup.errors import ValidationError
from followup.planning.schedule import local_at
from followup.preferences import Preferences
from followup.store import Store


@dataclass(slots=True)
class EngagementChanges:
    """What to change; None leaves a field as it is."""

    title: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    all_day: bool | None = None
    start_date: date | None = None
    end_date: date | None = None
    location: str | None = None
    contact_ids: list[int] | None = None
    playbook_id: int | None = None


def edit(store: Store, engagement_id: int, changes: EngagementChanges, prefs: Preferences | None = None) -> PlanResult:
    """Apply ``changes`` and re-plan, all or nothing. Moving only the start
    keeps the engagement's length."""
    prefs = prefs or Preferences.load(store)
    tz = ZoneInfo(prefs.user_tz)
    with store.transaction():
        e = store.engagements.get(engagement_id)
        if e.status == "cancelled":
            raise ValidationError("This engagement is cancelled; it cannot be edited.")
        if changes.title is not None:
            e.title = changes.title
        if changes.location is not None:
            e.location = changes.location
        if changes.contact_ids is not None:
            e.contact_ids = list(changes.contact_ids)
        if changes.playbook_id is not None:
            store.playbooks.get(changes.playbook_id)  # an unknown one: NotFoundError
            e.playbook_id = changes.playbook_id
        to_all_day = e.all_day if changes.all_day is None else changes.all_day
        if to_all_day and not e.all_day:  # a timed engagement becomes a day (or days)
            assert e.start is not None
            e.start_date = e.start.astimezone(tz).date()
            e.end_date = e.end.astimezone(tz).date() if e.end else None
            e.start = e.end = None
        elif not to_all_day and e.all_day:  # a day becomes a meeting at the working morning
            assert e.start_date is not None
            e.start = local_at(e.start_date, prefs.work_start, tz)
            e.end = e.start + timedelta(hours=1)
            e.start_date = e.end_date = None
        e.all_day = to_all_day
        if e.all_day:
            start_date = changes.start_date or (changes.start.astimezone(tz).date() if changes.start else None)
            end_date = changes.end_date or (changes.end.astimezone(tz).date() if changes.end else None)
            if start_date is not None and end_date is None and e.start_date and e.end_date:
                end_date = start_date + (e.end_date - e.start_date)
            e.start_date = start_date or e.start_date
            e.end_date = end_date if end_date is not None else e.end_date
        else:
            start = changes.start or (local_at(changes.start_date, time(9), tz) if changes.start_date else None)
            end = changes.end
            if start is not None and end is None and e.start and e.end:
                end = start + (e.end - e.start)
            e.start = start or e.start
            e.end = end or e.end
        store.engagements.update(e)
        return replan(store, engagement_id, prefs)


def using_playbook(store: Store, playbook_id: int) -> list[int]:
    """Planned engagements on this playbook that still have open follow-ups:
    the ones an edit of the playbook could re-plan."""
    rows = store.conn.execute(
        """SELECT e.id FROM engagements e WHERE e.playbook_id = ? AND e.status = 'planned'
           AND EXISTS (SELECT 1 FROM follow_ups f WHERE f.engagement_id = e.id AND f.status = 'open')
           ORDER BY e.id""",
        (playbook_id,),
    )
    return [int(r[0]) for r in rows]


def replan_all(store: Store, engagement_ids: list[int], prefs: Preferences | None = None) -> list[PlanResult]:
    """Re-plan each engagement (its open steps follow the edited playbook)."""
    prefs = prefs or Preferences.load(store)
    with store.transaction():
        return [replan(store, eid, prefs) for eid in engagement_ids]
