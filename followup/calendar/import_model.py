"""What importing a calendar will do, and what it did: the plan the UI
shows before anything is saved (items, people to add) and the result.
Plain data, no store (followup/calendar/import_ics.py fills them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.calendar.reading import CalendarEvent, Person
from followup.calendar.text import name_from_email


class Action:
    CREATE = "create"
    UPDATE = "update"
    CANCEL = "cancel"
    SKIP = "skip"
    LOG = "log"  # a past meeting with contacts: logged as a touch point, nothing planned


MAX_OFFERED = 12  # unknown people of one meeting ticked to become contacts (an all-hands is not)
OWN_EXPORT = "a follow-up exported by Followup, not a meeting"


@dataclass(slots=True)
class Item:
    """One event and what importing it will do."""

    event: CalendarEvent
    action: str
    reason: str = ""
    matched: list[int] = field(default_factory=list)  # contact ids
    unknown: list[str] = field(default_factory=list)  # lower-case emails of people who are not contacts
    existing_id: int | None = None
    optional: bool = False  # a later occurrence of a series: the user may tick it to plan it too


@dataclass(slots=True)
class ImportPlan:
    items: list[Item]
    people: dict[str, Person]  # unknown people by lower-case email
    create: set[str]  # the unknown people to add as contacts (the UI lets the user change this)
    contact_names: dict[int, str]
    method: str = ""
    calendar_skipped: list[dict[str, object]] = field(default_factory=list)  # events that cannot be read
    calendar_quiet: list[dict[str, object]] = field(default_factory=list)  # series with nothing in the window

    def contacts_for(self, item: Item) -> list[str]:
        """Names of the people the plan would be for (existing and new)."""
        names = [self.contact_names.get(c, f"#{c}") for c in item.matched]
        return names + [person_name(self.people[e]) for e in item.unknown if e in self.create]

    def choose(self, item: Item, planned: bool) -> None:
        """Tick (or untick) a later occurrence of a repeating meeting."""
        if not item.optional:
            return
        if planned:
            item.action, item.reason = Action.CREATE, "new (an occurrence you chose)"
            if not item.matched:
                self.create.update(item.unknown[:MAX_OFFERED])
        else:
            item.action, item.reason = Action.SKIP, later_reason(item.event)

    def counts(self) -> dict[str, int]:
        out = {a: 0 for a in (Action.CREATE, Action.UPDATE, Action.CANCEL, Action.SKIP, Action.LOG)}
        for item in self.items:
            out[item.action] += 1
        return out


@dataclass(slots=True)
class ImportResult:
    created: list[dict[str, object]] = field(default_factory=list)
    updated: list[dict[str, object]] = field(default_factory=list)
    cancelled: list[dict[str, object]] = field(default_factory=list)
    skipped: list[dict[str, object]] = field(default_factory=list)
    logged: list[dict[str, object]] = field(default_factory=list)
    contacts_created: list[dict[str, object]] = field(default_factory=list)
    matched: list[dict[str, object]] = field(default_factory=list)
    not_matched: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "created": self.created,
            "updated": self.updated,
            "cancelled": self.cancelled,
            "skipped": self.skipped,
            "logged": self.logged,
            "contacts_created": self.contacts_created,
            "matched": self.matched,
            "not_matched": self.not_matched,
        }


def person_name(p: Person) -> str:
    return p.name or name_from_email(p.email)


def later_reason(event: CalendarEvent) -> str:
    return f"a later occurrence of a repeating meeting ({event.repeats}): only the next one is planned"


def when_of(event: CalendarEvent) -> str:
    if event.start is not None:
        return event.start.isoformat()
    return event.start_date.isoformat() if event.start_date is not None else ""
