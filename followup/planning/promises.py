"""Reply promises and stay-in-touch cadences (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from followup.domain import Channel, Direction, TouchPoint
from followup.planning.model import FollowUp, Source
from followup.planning.schedule import add_working_hours, local_at, next_working_morning
from followup.preferences import Preferences
from followup.timeutil import days_ago, humanize_duration

CALL_NOT_EMAIL = (
    "It was a difficult conversation: answer with a call, not an email. Tone carries on the phone, "
    "and misunderstandings are caught at once."
)


def needs_reply_promise(tp: TouchPoint) -> bool:
    return tp.direction == Direction.IN and tp.needs_reply


def answers(tp: TouchPoint) -> bool:
    """Whether a touch point counts as my reply: anything from me, or a meeting."""
    return tp.direction in (Direction.OUT, Direction.MET)


def reply_follow_up(tp: TouchPoint, first_name: str, prefs: Preferences, kind: str = "other") -> FollowUp:
    """The reply promise: due the kind's reply window after the message came in
    (``reply_window_hours`` unless the kind has its own). Counted in exact
    hours it is never moved to working hours; a window set in working hours
    counts only the user's working time."""
    hours, working = prefs.reply_window_for(kind)
    channel = tp.channel.value
    title = f"Reply to {first_name}: {tp.summary}"
    window = f"{hours} working hours" if working else f"{hours} hours"
    notes = f"They reached out by {tp.channel.label.lower()}. You promised an answer within {window}."
    if tp.difficult and tp.channel.written:
        channel = Channel.PHONE.value
        title = f"Call {first_name} back: {tp.summary}"
        notes = CALL_NOT_EMAIL + " " + notes
    due = add_working_hours(tp.at, hours, ZoneInfo(prefs.user_tz), prefs) if working else tp.at + timedelta(hours=hours)
    return FollowUp(
        contact_id=tp.contact_id,
        title=title,
        source=Source.REPLY,
        due=due,
        tz=tp.tz,
        notes=notes,
        channel=channel,
        origin_touch_point_id=tp.id,
    )


def reply_due_text(due: datetime, now: datetime, tz: ZoneInfo) -> str:
    """When the reply to a message is due, said as a person would: "A reply was
    due 1 h ago (Mon 23 Nov 09:30)." or "A reply is due in 24 h (...)"."""
    when = f"{due.astimezone(tz):%a %d %b %H:%M}"
    if due <= now:
        return f"A reply was due {humanize_duration(now - due)} ago ({when})."
    return f"A reply is due in {humanize_duration(due - now)} ({when})."


class Health(StrEnum):
    FRESH = "fresh"
    DRIFTING = "drifting"
    OVERDUE = "overdue"


@dataclass(slots=True, frozen=True)
class CadenceState:
    """How a contact is doing against their stay-in-touch rhythm."""

    health: Health
    days_since: int | None  # None: never touched
    ideal: int
    limit: int


def cadence_state(
    last_touched: datetime | None, since: datetime, ideal: int, limit: int, now: datetime, tz: ZoneInfo
) -> CadenceState:
    """Fresh until the ideal interval has passed, drifting until the limit,
    overdue after. A contact never touched counts from when they were added."""
    days = days_ago(last_touched or since, now, tz)
    health = Health.OVERDUE if days > limit else Health.DRIFTING if days > ideal else Health.FRESH
    return CadenceState(health, days if last_touched else None, ideal, limit)


def cadence_due(last_touched: datetime, ideal: int, tz: ZoneInfo, prefs: Preferences) -> datetime:
    """When the stay-in-touch follow-up falls due: once the ideal interval has
    passed, on the next working morning on the contact's clock (it asks the
    user to reach them, so it belongs in the contact's working hours)."""
    day = (last_touched.astimezone(tz) + timedelta(days=ideal)).date()
    return next_working_morning(local_at(day, prefs.work_start, tz), tz, prefs)


def cadence_follow_up(
    contact_id: int, first_name: str, channel: Channel, tz: str, due: datetime, ideal: int, limit: int
) -> FollowUp:
    return FollowUp(
        contact_id=contact_id,
        title=f"Stay in touch with {first_name}",
        source=Source.CADENCE,
        due=due,
        tz=tz,
        channel=channel.value,
        notes=f"You aim to be in touch every {ideal} days, and never more than {limit}. Any logged touch point "
        "closes this.",
    )
