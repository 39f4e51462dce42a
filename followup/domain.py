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


class DateKind(StrEnum):
    """An important date in someone's year."""

    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    WORK_ANNIVERSARY = "work_anniversary"
    CONTRACT_RENEWAL = "contract_renewal"
    QUARTER_END = "quarter_end"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return DATE_KIND_LABELS[self]

    @property
    def default_lead_days(self) -> int:
        """How many days ahead a reminder comes when the date says nothing:
        a birthday on the day, a renewal a month ahead (time to prepare)."""
        return DATE_LEAD_DAYS[self]


DATE_KIND_LABELS = {
    DateKind.BIRTHDAY: "Birthday",
    DateKind.ANNIVERSARY: "Anniversary",
    DateKind.WORK_ANNIVERSARY: "Work anniversary",
    DateKind.CONTRACT_RENEWAL: "Contract renewal",
    DateKind.QUARTER_END: "Their quarter end",
    DateKind.CUSTOM: "Date",
}
DATE_LEAD_DAYS = {
    DateKind.BIRTHDAY: 0,
    DateKind.ANNIVERSARY: 0,
    DateKind.WORK_ANNIVERSARY: 0,
    DateKind.CONTRACT_RENEWAL: 30,
    DateKind.QUARTER_END: 14,
    DateKind.CUSTOM: 7,
}


@dataclass(slots=True)
class ContactDate:
    """A date that comes back every year, with or without the year it began."""

    kind: DateKind
    month: int
    day: int
    year: int | None = None
    label: str = ""  # for a custom date: what it is ("Founded", "Their fiscal year")
    lead_days: int | None = None  # None: the kind's default

    @property
    def lead(self) -> int:
        return self.kind.default_lead_days if self.lead_days is None else self.lead_days

    @property
    def title(self) -> str:
        return self.label or self.kind.label

    def iso(self) -> str:
        """1980-04-12, or --04-12 without a year (as vCard 4.0 writes it)."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"


@dataclass(slots=True)
class Address:
    """A postal address, as a contacts file writes it."""

    label: str = ""  # work, home...
    street: str = ""  # may hold several lines
    locality: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""

    def lines(self) -> list[str]:
        """As written on an envelope, one part a line; empty parts left out."""
        city = " ".join(p for p in (self.postcode, self.locality) if p)
        parts = [*self.street.splitlines(), city, self.region, self.country]
        return [p.strip() for p in parts if p.strip()]

    def one_line(self) -> str:
        return ", ".join(self.lines())


@dataclass(slots=True)
class Link:
    """A website or a social profile."""

    url: str
    label: str = ""  # linkedin, twitter, homepage... ("" for a plain website)


@dataclass(slots=True)
class Contact:
    """A person the user works with, and what is known of them."""

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
    dates: list[ContactDate] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    photo: bytes | None = None  # an image file's bytes, from a vCard
    photo_type: str = ""  # its MIME type
    photo_uri: str = ""  # or where the photo is, when the file only links to it

    @property
    def birthday(self) -> ContactDate | None:
        return next((d for d in self.dates if d.kind is DateKind.BIRTHDAY), None)

    @property
    def primary_email(self) -> str:
        return self.emails[0].value if self.emails else ""


@dataclass(slots=True)
class TouchPoint:
    """One contact with a person: a call, an email, a meeting, a message."""

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
    created_at: datetime | None = None  # when it was added: a new contact is not yet "never touched"


@dataclass(slots=True, frozen=True)
class NoteHit:
    """A touch point found by full-text search, with a highlighted snippet."""

    touch_point_id: int
    contact_id: int
    contact_name: str
    at: datetime
    summary: str
    snippet: str
