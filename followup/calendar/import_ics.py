"""Importing calendar events as engagements with plans.

Three steps, so the UI can show everything before anything is saved:
1. :func:`followup.calendar.reading.read_calendar` (no store; a worker thread);
2. :func:`analyse` decides, per event, create / update / cancel / skip and
   matches people to contacts by email (the user's own address is never one);
3. :func:`apply` writes it all in one transaction: a failure or a cancel
   leaves the database as it was.

Re-importing the same file changes nothing (events are matched on UID and
recurrence id); a newer SEQUENCE updates the engagement and moves its open
follow-ups; an older or equal one is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from followup.calendar.reading import CalendarEvent, Cancelled, ImportCancelled, ParsedCalendar, Person
from followup.calendar.text import name_from_email
from followup.domain import Channel, Contact, Kind, LabelledValue
from followup.engine import plans
from followup.planning.model import Engagement, EngagementKind, PlannedFollowUp, Playbook
from followup.planning.planner import PlanContact, plan
from followup.preferences import Preferences
from followup.progress import Progress
from followup.timeutil import is_valid_zone

if TYPE_CHECKING:
    from followup.store import Store


class Action:
    CREATE = "create"
    UPDATE = "update"
    CANCEL = "cancel"
    SKIP = "skip"


_VIDEO = re.compile(
    r"teams\.microsoft|microsoft teams|teams meeting|zoom|meet\.google|google meet|webex|whereby|https?://",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Item:
    """One event and what importing it will do."""

    event: CalendarEvent
    action: str
    reason: str = ""
    matched: list[int] = field(default_factory=list)  # contact ids
    unknown: list[str] = field(default_factory=list)  # lower-case emails of people who are not contacts
    existing_id: int | None = None


@dataclass(slots=True)
class ImportPlan:
    items: list[Item]
    people: dict[str, Person]  # unknown people by lower-case email
    create: set[str]  # the unknown people to add as contacts (the UI lets the user change this)
    contact_names: dict[int, str]
    method: str = ""
    calendar_skipped: list[tuple[str, str]] = field(default_factory=list)

    def contacts_for(self, item: Item) -> list[str]:
        """Names of the people the plan would be for (existing and new)."""
        names = [self.contact_names.get(c, f"#{c}") for c in item.matched]
        return names + [_person_name(self.people[e]) for e in item.unknown if e in self.create]

    def counts(self) -> dict[str, int]:
        out = {a: 0 for a in (Action.CREATE, Action.UPDATE, Action.CANCEL, Action.SKIP)}
        for item in self.items:
            out[item.action] += 1
        return out


@dataclass(slots=True)
class ImportResult:
    created: list[dict[str, object]] = field(default_factory=list)
    updated: list[dict[str, object]] = field(default_factory=list)
    cancelled: list[dict[str, object]] = field(default_factory=list)
    skipped: list[dict[str, object]] = field(default_factory=list)
    contacts_created: list[dict[str, object]] = field(default_factory=list)
    matched: list[dict[str, object]] = field(default_factory=list)
    not_matched: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "created": self.created,
            "updated": self.updated,
            "cancelled": self.cancelled,
            "skipped": self.skipped,
            "contacts_created": self.contacts_created,
            "matched": self.matched,
            "not_matched": self.not_matched,
        }


def _person_name(p: Person) -> str:
    return p.name or name_from_email(p.email)


def analyse(store: Store, parsed: ParsedCalendar, prefs: Preferences | None = None) -> ImportPlan:
    """Decide what importing would do; reads the store, writes nothing."""
    prefs = prefs or Preferences.load(store)
    me = prefs.user_email.strip().lower()
    now = store.clock.now()
    conn = store.conn
    existing = {
        (uid, rid): (eid, seq, status)
        for eid, uid, rid, seq, status in conn.execute(
            "SELECT id, uid, recurrence_id, sequence, status FROM engagements"
        )
    }
    by_email: dict[str, int] = {}
    for cid, lower in conn.execute("SELECT contact_id, address_lower FROM contact_emails ORDER BY position DESC"):
        by_email[lower] = cid
    names: dict[int, str] = {}
    people: dict[str, Person] = {}
    create: set[str] = set()
    items: list[Item] = []
    reply = parsed.method == "REPLY"
    for event in parsed.events:
        item = Item(event, Action.CREATE)
        for person in event.people:
            if person.key == me:
                continue
            cid = by_email.get(person.key)
            if cid is not None:
                if cid not in item.matched:
                    item.matched.append(cid)
            else:
                item.unknown.append(person.key)
                people.setdefault(person.key, person)
        found = existing.get((event.uid, event.recurrence_id))
        if reply:
            item.action, item.reason = Action.SKIP, "a reply to an invitation, not a meeting"
        elif found is not None:
            eid, seq, status = found
            item.existing_id = eid
            if event.sequence <= seq:
                item.action = Action.SKIP
                item.reason = "already imported" if event.sequence == seq else "older than the version imported"
            elif event.cancelled:
                if status == "cancelled":
                    item.action, item.reason = Action.SKIP, "already cancelled"
                else:
                    item.action, item.reason = Action.CANCEL, "cancelled by the organizer"
            else:
                item.action, item.reason = Action.UPDATE, f"newer version (sequence {seq} → {event.sequence})"
        elif event.cancelled:
            item.action, item.reason = Action.SKIP, "cancelled: nothing to plan"
        elif event.ends_before(now):
            item.action, item.reason = Action.SKIP, "already over"
        elif not item.matched and not item.unknown:
            item.action, item.reason = Action.SKIP, "nobody but you in it: no one to follow up with"
        else:
            item.reason = "new"
            if not item.matched:
                # Nobody known: plan for the organizer, or the first attendee.
                create.add(item.unknown[0])
        items.append(item)
    for cid, name in conn.execute("SELECT id, name FROM contacts"):
        names[cid] = name
    return ImportPlan(items, people, create, names, parsed.method, list(parsed.skipped))


def _engagement_from(event: CalendarEvent, contact_ids: list[int], user_tz: str) -> Engagement:
    channel = Channel.VIDEO
    if event.location and not _VIDEO.search(event.location):
        channel = Channel.IN_PERSON
    return Engagement(
        title=event.title,
        contact_ids=contact_ids,
        start=event.start,
        end=event.end,
        all_day=event.all_day,
        start_date=event.start_date,
        end_date=event.end_date,
        tz=event.tz if is_valid_zone(event.tz) else user_tz,
        kind=EngagementKind.MEETING,
        location=event.location,
        channel=channel,
        uid=event.uid,
        sequence=event.sequence,
        notes=event.description,
        source="ics",
        organizer=event.organizer.email if event.organizer else "",
        recurrence_id=event.recurrence_id,
    )


def preview(
    store: Store, import_plan: ImportPlan, item: Item, playbook: Playbook | None, prefs: Preferences | None = None
) -> list[PlannedFollowUp]:
    """The follow-ups importing ``item`` would plan; nothing is saved. People
    not yet contacts take part under a temporary negative id."""
    prefs = prefs or Preferences.load(store)
    contacts = plans.plan_contacts(store, item.matched)
    for n, email in enumerate(e for e in item.unknown if e in import_plan.create):
        person = import_plan.people[email]
        contacts.append(PlanContact(-1 - n, _person_name(person), "", Channel.EMAIL, prefs.user_tz))
    if not contacts:
        return []
    if playbook is None:
        playbook = plans.default_playbook(store, item.matched)
    engagement = _engagement_from(item.event, [c.id for c in contacts], prefs.user_tz)
    return plan(engagement, playbook, contacts, prefs)


def apply(
    store: Store,
    import_plan: ImportPlan,
    playbook: Playbook | None = None,
    prefs: Preferences | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Write the plan in one transaction. ``playbook`` None: by contacts' kind.

    Raises ImportCancelled (everything rolled back) when ``cancelled()`` is true.
    """
    prefs = prefs or Preferences.load(store)
    result = ImportResult()
    new_ids: dict[str, int] = {}
    total = len(import_plan.items)
    default_books: dict[int | None, Playbook] = {}
    with store.transaction():
        for n, item in enumerate(import_plan.items, 1):
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None and n % 50 == 0:
                progress(n, total)
            event = item.event
            label: dict[str, object] = {"title": event.title, "uid": event.uid, "recurrence_id": event.recurrence_id}
            if item.action == Action.SKIP:
                result.skipped.append({**label, "why": item.reason})
                continue
            ids = list(item.matched)
            for email in item.unknown:
                if email in import_plan.create:
                    if email not in new_ids:
                        new_ids[email] = _add_contact(store, import_plan.people[email], event, prefs, result)
                    ids.append(new_ids[email])
            if item.action == Action.CREATE:
                if not ids:
                    result.skipped.append({**label, "why": "nobody to plan for: no contact matched or was added"})
                    continue
                book = playbook
                if book is None:
                    first = ids[0]
                    if first not in default_books:
                        default_books[first] = plans.default_playbook(store, ids)
                    book = default_books[first]
                engagement = _engagement_from(event, ids, prefs.user_tz)
                done = plans.create(store, engagement, book, prefs)
                result.created.append(
                    {
                        **label,
                        "engagement_id": done.engagement_id,
                        "playbook": book.name,
                        "follow_ups": len(done.created),
                    }
                )
            elif item.action in (Action.UPDATE, Action.CANCEL):
                assert item.existing_id is not None
                _update(store, item, ids, prefs, result, label)
        if progress is not None:
            progress(total, total)
    _people_report(store, import_plan, result, new_ids)
    return result


def _update(
    store: Store, item: Item, ids: list[int], prefs: Preferences, result: ImportResult, label: dict[str, object]
) -> None:
    assert item.existing_id is not None
    event = item.event
    engagement = store.engagements.get(item.existing_id)
    fresh = _engagement_from(
        event, engagement.contact_ids + [c for c in ids if c not in engagement.contact_ids], prefs.user_tz
    )
    fresh.id, fresh.playbook_id, fresh.kind = engagement.id, engagement.playbook_id, engagement.kind
    fresh.source = engagement.source
    if item.action == Action.CANCEL:
        # Outlook prefixes the title ("Canceled: ..."); keep the one the user knows.
        fresh.title, fresh.status = engagement.title, "cancelled"
        store.engagements.update(fresh, bump_sequence=False)
        done = plans.cancel(store, engagement.id)  # type: ignore[arg-type]
        result.cancelled.append({**label, "engagement_id": engagement.id, "follow_ups_cancelled": len(done.cancelled)})
        return
    store.engagements.update(fresh, bump_sequence=False)
    done = plans.replan(store, engagement.id, prefs)  # type: ignore[arg-type]
    result.updated.append(
        {
            **label,
            "engagement_id": engagement.id,
            "follow_ups_moved": len(done.moved),
            "follow_ups_created": len(done.created),
            "why": item.reason,
        }
    )


def _add_contact(store: Store, person: Person, event: CalendarEvent, prefs: Preferences, result: ImportResult) -> int:
    contact = Contact(
        name=_person_name(person),
        kind=Kind.OTHER,
        emails=[LabelledValue(person.email, "work")],
        tz=prefs.user_tz,
        notes=f"Added from the calendar event “{event.title}”.",
    )
    cid = store.contacts.add(contact)
    result.contacts_created.append({"id": cid, "name": contact.name, "email": person.email})
    return cid


def _people_report(store: Store, import_plan: ImportPlan, result: ImportResult, new_ids: dict[str, int]) -> None:
    seen: set[int] = set()
    for item in import_plan.items:
        for cid in item.matched:
            if cid not in seen:
                seen.add(cid)
                result.matched.append({"id": cid, "name": import_plan.contact_names.get(cid, "")})
    for email, person in sorted(import_plan.people.items()):
        if email not in new_ids:
            result.not_matched.append({"email": person.email, "name": person.name})
