"""How a follow-up is read from its row: the columns every query of
followups.py selects (with the contact's name) and the FollowUp made of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from followup.planning.model import FollowUp, Phase, Source, Status

COLUMNS = (
    "f.id, f.contact_id, f.engagement_id, f.step_key, f.phase, f.source, f.title, f.notes, f.channel, f.tz, "
    "f.all_day, f.due_date, f.due_utc, f.snoozed_until_utc, f.status, f.completed_at, f.origin_touch_point_id, "
    "f.resolved_by_touch_point_id, c.name"
)
FROM = "FROM follow_ups f JOIN contacts c ON c.id = f.contact_id"
_PHASES = {p.value: p for p in Phase}
_SOURCES = {s.value: s for s in Source}
_STATUSES = {s.value: s for s in Status}


def read_follow_up(row: tuple[Any, ...]) -> FollowUp:
    (
        fid,
        contact_id,
        engagement_id,
        step_key,
        phase,
        source,
        title,
        notes,
        channel,
        tz,
        all_day,
        due_date,
        due_utc,
        snoozed,
        status,
        completed,
        origin,
        resolved,
        name,
    ) = row
    return FollowUp(
        id=int(fid),
        contact_id=int(contact_id),
        engagement_id=int(engagement_id) if engagement_id is not None else None,
        step_key=str(step_key) if step_key is not None else None,
        phase=_PHASES[phase] if phase else None,
        source=_SOURCES[source],
        title=str(title),
        notes=str(notes),
        channel=str(channel) if channel else None,
        tz=str(tz),
        due=None if all_day else datetime.fromisoformat(due_utc),
        due_date=date.fromisoformat(str(due_date)) if all_day and due_date else None,
        snoozed_until=datetime.fromisoformat(snoozed) if snoozed else None,
        status=_STATUSES[status],
        completed_at=datetime.fromisoformat(completed) if completed else None,
        origin_touch_point_id=int(origin) if origin is not None else None,
        resolved_by_touch_point_id=int(resolved) if resolved is not None else None,
        contact_name=str(name),
    )
