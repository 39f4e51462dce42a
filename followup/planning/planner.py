"""Turning an engagement and a playbook into dated follow-ups (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain import Channel
from followup.planning.model import (
    NO_CHANNEL,
    PREFERRED,
    Anchor,
    Engagement,
    PlannedFollowUp,
    Playbook,
    Step,
    StepZone,
    zone_for,
)
from followup.planning.schedule import add_working_days, local_at, place, place_date, step_time
from followup.preferences import Preferences
from followup.timeutil import zone_info


@dataclass(slots=True, frozen=True)
class PlanContact:
    """What a plan needs to know about a person."""

    id: int
    name: str
    organisation: str = ""
    preferred_channel: Channel = Channel.EMAIL
    tz: str = "UTC"

    @property
    def first(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name


def step_key(step: Step, position: int, contact_id: int) -> str:
    """Identifies a planned follow-up within its engagement, so that planning
    again finds it instead of adding a duplicate."""
    return f"{'s' + str(step.id) if step.id else 'p' + str(position)}:c{contact_id}"


def render_title(template: str, contact: PlanContact, engagement: Engagement, everyone: list[PlanContact]) -> str:
    names = contact.name if len(everyone) <= 1 else _join([c.name for c in everyone])
    values = {
        "first": contact.first,
        "contact": names,
        "engagement": engagement.title,
        "organisation": contact.organisation,
    }
    try:
        return template.format(**values).strip()
    except (KeyError, IndexError, ValueError):
        return template


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def engagement_bounds(engagement: Engagement, prefs: Preferences) -> tuple[datetime, datetime]:
    """Start and end instants; an all-day engagement runs from the start of the
    working day on its first date to the end of the working day on its last."""
    if engagement.all_day:
        tz = zone_info(engagement.tz)
        first = engagement.start_date
        assert first is not None
        last = engagement.end_date or first
        return local_at(first, prefs.work_start, tz), local_at(last, prefs.work_end, tz)
    assert engagement.start is not None
    return engagement.start, engagement.end or engagement.start + timedelta(hours=1)


def plan(
    engagement: Engagement, playbook: Playbook, contacts: list[PlanContact], prefs: Preferences
) -> list[PlannedFollowUp]:
    """The follow-ups ``playbook`` asks for around ``engagement``, ordered by due time.

    Deterministic: the same inputs always give the same keys, titles and times.
    """
    if not contacts:
        return []
    start, end = engagement_bounds(engagement, prefs)
    user_zone = ZoneInfo(prefs.user_tz)
    planned: list[PlannedFollowUp] = []
    for position, step in enumerate(playbook.steps):
        targets = contacts if step.per_contact else contacts[:1]
        for contact in targets:
            channel = contact.preferred_channel.value if step.channel == PREFERRED else step.channel
            zone = zone_info(contact.tz) if zone_for(channel) == StepZone.CONTACT else user_zone
            key = step_key(step, position, contact.id)
            title = render_title(step.title, contact, engagement, contacts if not step.per_contact else [contact])
            base = PlannedFollowUp(
                step_key=key,
                contact_id=contact.id,
                phase=step.phase,
                title=title,
                notes=step.notes,
                channel=None if channel == NO_CHANNEL else channel,
                tz=zone.key,
                due=None,
                step_description=step.describe(),
            )
            if engagement.all_day and step.at is None and step.minutes == 0:
                base.due_date = _all_day_date(engagement, step, prefs)
            else:
                anchor = start if step.anchor == Anchor.START else end
                due = step_time(anchor, step, zone, prefs)
                base.due = place(due, step.phase, zone, prefs, deadline=start)
            planned.append(base)
    planned.sort(key=lambda p: (p.due.timestamp() if p.due else _date_ts(p.due_date, user_zone, prefs), p.step_key))
    return planned


def _all_day_date(engagement: Engagement, step: Step, prefs: Preferences) -> date:
    assert engagement.start_date is not None
    day = engagement.start_date if step.anchor == Anchor.START else (engagement.end_date or engagement.start_date)
    if step.days:
        day = (
            add_working_days(day, step.days, prefs.working_days)
            if step.working_days
            else day + timedelta(days=step.days)
        )
    return place_date(day, step.phase, prefs)


def _date_ts(day: date | None, tz: ZoneInfo, prefs: Preferences) -> float:
    assert day is not None
    return local_at(day, prefs.work_start, tz).timestamp()


__all__ = ["PlanContact", "engagement_bounds", "plan", "render_title", "step_key"]
