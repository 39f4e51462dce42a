"""The domain's vocabulary: kinds of contact, channels, touch points.

Plain data classes with no behaviour beyond labels; the rules live in the
modules that use them, the storage in ``followup.store``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """Who a contact is to the user: everyone served is a customer."""

    CLIENT = "client"
    SUPPLIER = "supplier"
    COLLEAGUE = "colleague"
    MANAGER = "manager"
    PARTNER = "partner"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def internal(self) -> bool:
        """Internal customers: the people inside the user's own organisation."""
        return self in (Kind.COLLEAGUE, Kind.MANAGER)


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"
    TEXT = "text"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def written(self) -> bool:
        """Written channels, which are the wrong place for a difficult conversation."""
        return self in (Channel.EMAIL, Channel.TEXT)


CHANNEL_LABELS = {
    Channel.EMAIL: "Email",
    Channel.PHONE: "Phone call",
    Channel.VIDEO: "Video call",
    Channel.IN_PERSON: "In person",
    Channel.TEXT: "Text / chat",
}

# Words people use for a channel, as typed on the command line.
CHANNEL_ALIASES = {
    "email": Channel.EMAIL,
    "mail": Channel.EMAIL,
    "phone": Channel.PHONE,
    "call": Channel.PHONE,
    "video": Channel.VIDEO,
    "zoom": Channel.VIDEO,
    "teams": Channel.VIDEO,
    "in_person": Channel.IN_PERSON,
    "in-person": Channel.IN_PERSON,
    "inperson": Channel.IN_PERSON,
    "meeting": Channel.IN_PERSON,
    "visit": Channel.IN_PERSON,
    "text": Channel.TEXT,
    "chat": Channel.TEXT,
    "message": Channel.TEXT,
    "sms": Channel.TEXT,
}


class Direction(StrEnum):
    IN = "in"
    OUT = "out"
    MET = "met"

    @property
    def label(self) -> str:
        return {"in": "They reached out", "out": "I reached out", "met": "We met"}[self.value]


class Mood(StrEnum):
    """How the person was: what the user noticed about their state."""

    STRESSED = "stressed"
    BUSY = "busy"
    NEUTRAL = "neutral"
    RELAXED = "relaxed"
    ENTHUSIASTIC = "enthusiastic"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(slots=True)
class LabelledValue:
    """An email address or phone number with its label (work, home, mobile...)."""

    value: str
    label: str = ""


@dataclass(slots=True)
class Contact:
    name: str
    kind: Kind = Kind.OTHER
    organisation: str = ""
    title: str = ""
    emails: list[LabelledValue] = field(default_factory=list)
    phones: list[LabelledValue] = field(default_factory=list)
    preferred_channel: Channel = Channel.EMAIL
    tz: str = "UTC"
    tags: list[str] = field(default_factory=list)
    referred_by: int | None = None
    notes: str = ""
    id: int | None = None
    archived: bool = False
    created_at: datetime | None = None
    last_touched_at: datetime | None = None
    cadence_ideal_days: int | None = None  # None: the default for their kind
    cadence_limit_days: int | None = None

    @property
    def primary_email(self) -> str:
        return self.emails[0].value if self.emails else ""


@dataclass(slots=True)
class TouchPoint:
    contact_id: int
    at: datetime
    channel: Channel
    direction: Direction
    summary: str
    tz: str = "UTC"
    notes: str = ""
    mood: Mood | None = None
    needs_reply: bool = False
    difficult: bool = False
    satisfaction: int | None = None
    referral: str | None = None  # "asked" (I asked them for a referral) or "received" (they referred someone)
    id: int | None = None


class ContactRow(NamedTuple):
    """One line of the contacts list: just what the list shows and filters on.

    A NamedTuple, not a frozen dataclass: building 10,000 of them at start-up
    is three times faster.
    """

    id: int
    name: str
    organisation: str
    kind: Kind
    primary_email: str
    emails: tuple[str, ...]
    tags: tuple[str, ...]
    last_touched_at: datetime | None
    archived: bool
    haystack: str  # lower-cased name, organisation, emails and tags for filtering
    cadence: tuple[int, int] | None = None  # (ideal, limit) days set for this contact; None: the kind's


@dataclass(slots=True, frozen=True)
class NoteHit:
    """A touch point found by full-text search, with a highlighted snippet."""

    touch_point_id: int
    contact_id: int
    contact_name: str
    at: datetime
    summary: str
    snippet: str
