"""Engagements, playbooks and follow-ups: the vocabulary of planning."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from followup.domain import Channel


class Phase(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Source(StrEnum):
    PLAN = "plan"
    CADENCE = "cadence"
    REPLY = "reply"
    MANUAL = "manual"
    DATE = "date"  # a birthday, renewal or other important date coming up

    @property
    def label(self) -> str:
        return {
            "plan": "Plan",
            "cadence": "Stay in touch",
            "reply": "Reply promise",
            "manual": "Manual",
            "date": "Important date",
        }[self.value]


class Status(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class EngagementKind(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    DELIVERY = "delivery"
    ORDER = "order"
    MILESTONE = "milestone"
    REQUEST = "request"
    CONVERSATION = "conversation"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Anchor(StrEnum):
    START = "start"
    END = "end"


class StepZone(StrEnum):
    """Whose wall clock a step's time is read on; see ``Step.zone``."""

    USER = "user"
    CONTACT = "contact"


# A step's channel: a fixed channel, the contact's preferred one, or none (the
# user's own work, such as preparing).
PREFERRED = "preferred"
NO_CHANNEL = "none"


LIVE_CHANNELS = frozenset({Channel.PHONE.value, Channel.VIDEO.value, Channel.IN_PERSON.value})


def zone_for(channel: str | None) -> StepZone:
    """Whose working hours a step is placed in.

    A step that reaches the person live (a call, a video call, a visit) must
    land in *their* working hours, so it is placed on the contact's clock.
    Everything else (preparing, writing, checking) is the user's own work and
    is placed on the user's clock: an email written at 09:00 for the user is
    read whenever the contact starts their day.
    """
    return StepZone.CONTACT if channel in LIVE_CHANNELS else StepZone.USER


@dataclass(slots=True)
class Step:
    """One step of a playbook: what to do, and when, relative to the engagement."""

    phase: Phase
    title: str  # template: {first}, {contact}, {engagement}, {organisation}
    anchor: Anchor = Anchor.START
    days: int = 0  # negative: before the anchor
    working_days: bool = False  # count days as working days
    at: time | None = None  # set the wall-clock time after moving by days
    minutes: int = 0  # then add this duration (hours after the end...)
    notes: str = ""
    channel: str = PREFERRED  # a Channel value, PREFERRED or NO_CHANNEL
    per_contact: bool = False  # one follow-up per contact of the engagement
    id: int | None = None
    # the mail a follow-up of this step can be written from (followup/planning/mail_templates.py)
    mail_subject: str = ""
    mail_body: str = ""

    def describe(self, time_text: Callable[[time], str] | None = None) -> str:
        """'1 working day before the start at 09:00', '2 hours after the end'
        (``time_text`` writes the time: the window's locale; 24-hour without)."""
        clock = time_text or (lambda t: f"{t:%H:%M}")
        where = "the start" if self.anchor == Anchor.START else "the end"
        text = ""
        if self.days:
            n = abs(self.days)
            unit = ("working day" if self.working_days else "day") + ("s" if n != 1 else "")
            text = f"{n} {unit} {'before' if self.days < 0 else 'after'} {where}"
            if self.at:
                text += f" at {clock(self.at)}"
            if self.minutes:
                text += f", then {_duration(self.minutes)} {'earlier' if self.minutes < 0 else 'later'}"
            return text
        if self.at:
            text = f"on the day of {where} at {clock(self.at)}"
            if self.minutes:
                text += f", then {_duration(self.minutes)} {'earlier' if self.minutes < 0 else 'later'}"
            return text
        if self.minutes:
            return f"{_duration(self.minutes)} {'before' if self.minutes < 0 else 'after'} {where}"
        return f"at {where}"


def _duration(minutes: int) -> str:
    m = abs(minutes)
    if m % 60 == 0:
        hours = m // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{m} minutes"


@dataclass(slots=True)
class Playbook:
    """A named plan of steps before, during and after an engagement."""

    name: str
    description: str = ""
    steps: list[Step] = field(default_factory=list)
    builtin: bool = False
    id: int | None = None


@dataclass(slots=True)
class Engagement:
    """A meeting, delivery or order with one or more contacts, planned from a playbook."""

    title: str
    contact_ids: list[int]
    start: datetime | None = None  # aware, for timed engagements
    end: datetime | None = None
    all_day: bool = False
    start_date: date | None = None  # for all-day engagements (inclusive range)
    end_date: date | None = None
    tz: str = "UTC"
    kind: EngagementKind = EngagementKind.MEETING
    location: str = ""
    channel: Channel = Channel.VIDEO
    playbook_id: int | None = None
    status: str = "planned"  # planned | cancelled
    uid: str = ""
    sequence: int = 0
    notes: str = ""
    source: str = "manual"  # manual | ics
    organizer: str = ""  # the organizer's email, for imported meetings
    recurrence_id: str = ""  # for one occurrence of a recurring calendar event
    id: int | None = None


@dataclass(slots=True)
class PlannedFollowUp:
    """One follow-up a plan asks for, before it is stored."""

    step_key: str
    contact_id: int
    phase: Phase
    title: str
    notes: str
    channel: str | None
    tz: str
    due: datetime | None  # aware UTC, for timed follow-ups
    due_date: date | None = None  # for all-day follow-ups
    step_description: str = ""

    @property
    def all_day(self) -> bool:
        return self.due is None


@dataclass(slots=True)
class FollowUp:
    """Something to do for a contact, by a time: a step, a reply promised, a nudge."""

    contact_id: int
    title: str
    source: Source
    due: datetime | None
    due_date: date | None = None
    tz: str = "UTC"
    phase: Phase | None = None
    engagement_id: int | None = None
    notes: str = ""
    channel: str | None = None
    status: Status = Status.OPEN
    snoozed_until: datetime | None = None
    completed_at: datetime | None = None
    step_key: str | None = None
    origin_touch_point_id: int | None = None
    resolved_by_touch_point_id: int | None = None
    id: int | None = None
    contact_name: str = ""  # filled by queries that join contacts

    @property
    def all_day(self) -> bool:
        return self.due is None

    def wake_at(self, day_start_utc: datetime | None = None) -> datetime | None:
        """When it is (again) due: the snooze time, else the due time."""
        return self.snoozed_until or self.due or day_start_utc
