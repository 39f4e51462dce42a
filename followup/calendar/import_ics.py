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
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.calendar.import_model import (
    MAX_OFFERED,
    OWN_EXPORT,
    Action,
    ImportPlan,
    ImportResult,
    Item,
    later_reason,
    person_name,
    when_of,
)
from followup.calendar.reading import CalendarEvent, Cancelled, ImportCancelled, ParsedCalendar, Person
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.engine import plans
from followup.engine.touch_points import log_touch_point
from followup.errors import NotFoundError
from followup.planning import defaults
from followup.planning.model import Engagement, EngagementKind, PlannedFollowUp, Playbook
from followup.planning.planner import PlanContact, plan
from followup.preferences import Preferences
from followup.progress import Progress
from followup.timeutil import is_valid_zone

__all__ = ["Action", "ImportPlan", "ImportResult", "Item", "analyse", "apply", "preview"]

if TYPE_CHECKING:
    from followup.store import Store


_VIDEO = re.compile(
    r"teams\.microsoft|microsoft teams|teams meeting|zoom|meet\.google|google meet|webex|whereby|https?://",
    re.IGNORECASE,
)


def _owner_by_presence(parsed: ParsedCalendar) -> str:
    """The user's address in an export of their own calendar when Settings do
    not say it: the one address in every meeting (three or more) of the file."""
    meetings = [{p.key for p in e.people} for e in parsed.events if e.people and not e.later]
    if len(meetings) < 3:
        return ""
    common = set.intersection(*meetings)
    return next(iter(common)) if len(common) == 1 else ""


def analyse(store: Store, parsed: ParsedCalendar, prefs: Preferences | None = None) -> ImportPlan:
    """Decide what importing would do; reads the store, writes nothing."""
    prefs = prefs or Preferences.load(store)
    me = {e for e in (prefs.user_email.strip().lower(), parsed.owner) if e}
    if not prefs.user_email.strip():
        me.add(_owner_by_presence(parsed))  # a guess, only when Settings do not say
    now = store.clock.now()
    conn = store.conn
    existing = {
        (uid, rid): (eid, seq, status)
        for eid, uid, rid, seq, status in conn.execute(
            "SELECT id, uid, recurrence_id, sequence, status FROM engagements"
        )
    }
    met = set(conn.execute("SELECT DISTINCT uid, recurrence_id FROM cal_met").fetchall())
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
        if not event.own:
            for person in event.people:
                if person.key in me:
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
        elif event.own:
            item.action, item.reason = Action.SKIP, OWN_EXPORT
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
            elif event.undated:
                item.action, item.reason = Action.SKIP, "no date in it: nothing to change"
            else:
                item.action, item.reason = Action.UPDATE, f"newer version (sequence {seq} → {event.sequence})"
        elif event.cancelled:
            item.action, item.reason = Action.SKIP, "cancelled: nothing to plan"
        elif event.undated:
            item.action, item.reason = Action.SKIP, "no date in it: nothing to plan"
        elif event.ends_before(now):
            if item.matched and (event.uid, event.recurrence_id) in met:
                item.action, item.reason = Action.SKIP, "already logged as met"
            elif item.matched:
                item.action, item.reason = Action.LOG, "already happened: logged as a meeting"
            else:
                item.action, item.reason = Action.SKIP, "already over, and nobody in it is a contact"
        elif not item.matched and not item.unknown:
            item.action, item.reason = Action.SKIP, "nobody but you in it: no one to follow up with"
        elif event.later:
            item.action, item.reason, item.optional = Action.SKIP, later_reason(event), True
        else:
            item.reason = "new"
            if not item.matched:
                # Nobody known: offer everyone in it (the user is never among them).
                create.update(item.unknown[:MAX_OFFERED])
        items.append(item)
    for cid, name in conn.execute("SELECT id, name FROM contacts"):
        names[cid] = name
    return ImportPlan(items, people, create, names, parsed.method, list(parsed.skipped), list(parsed.quiet))


def _notes(event: CalendarEvent) -> str:
    extra = []
    if event.note:
        extra.append(event.note)
    if event.repeats and not event.note:
        extra.append(f"A repeating meeting ({event.repeats}).")
    if event.nameless:
        extra.append("Also in it (no email address in the file): " + ", ".join(event.nameless) + ".")
    return "\n\n".join([*extra, event.description] if event.description else extra)


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
        notes=_notes(event),
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
        contacts.append(PlanContact(-1 - n, person_name(person), "", Channel.EMAIL, prefs.user_tz))
    if not contacts:
        return []
    if playbook is None:
        playbook = _book_for(store, item, None, {}, create=False)
    engagement = _engagement_from(item.event, [c.id for c in contacts], prefs.user_tz)
    now = store.clock.now()
    return [p for p in plan(engagement, playbook, contacts, prefs) if not plans.is_past(p, now)]


def _book_for(
    store: Store, item: Item, ids: list[int] | None, cache: dict[int | None, Playbook], *, create: bool = True
) -> Playbook:
    """The playbook an imported meeting gets when the user chose none: the
    recurring-meeting one for a series (added to the store the first time),
    else by the first contact's kind."""
    if item.event.repeats:
        try:
            return store.playbooks.by_name(defaults.RECURRING_MEETING)
        except NotFoundError:
            book = defaults.RECURRING_MEETING_PLAYBOOK()
            if create:
                book.id = store.playbooks.add(book)
            return book
    contact_ids = item.matched if ids is None else ids
    first = contact_ids[0] if contact_ids else None
    if first not in cache:
        cache[first] = plans.default_playbook(store, contact_ids)
    return cache[first]


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
    result.skipped.extend(dict(s) for s in import_plan.calendar_skipped + import_plan.calendar_quiet)
    with store.transaction():
        for n, item in enumerate(import_plan.items, 1):
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None and n % 50 == 0:
                progress(n, total)
            event = item.event
            label: dict[str, object] = {
                "title": event.title,
                "when": when_of(event),
                "uid": event.uid,
                "recurrence_id": event.recurrence_id,
            }
            if item.action == Action.SKIP:
                result.skipped.append({**label, "why": item.reason})
                continue
            if item.action == Action.LOG:
                _log_past(store, item, prefs, result, label)
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
                book = playbook or _book_for(store, item, ids, default_books)
                engagement = _engagement_from(event, ids, prefs.user_tz)
                done = plans.create(store, engagement, book, prefs, skip_past=True)
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
    if len(result.created) >= 1000:
        store.analyze()  # many new engagements and follow-ups: fresh planner statistics
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
    if event.undated:  # an iTIP CANCEL may carry no dates: keep the engagement's
        fresh.start, fresh.end, fresh.all_day = engagement.start, engagement.end, engagement.all_day
        fresh.start_date, fresh.end_date, fresh.tz = engagement.start_date, engagement.end_date, engagement.tz
    if item.action == Action.CANCEL:
        # Outlook prefixes the title ("Canceled: ..."); keep the one the user knows.
        fresh.title, fresh.status = engagement.title, "cancelled"
        store.engagements.update(fresh, bump_sequence=False)
        done = plans.cancel(store, engagement.id)  # type: ignore[arg-type]
        result.cancelled.append({**label, "engagement_id": engagement.id, "follow_ups_cancelled": len(done.cancelled)})
        return
    store.engagements.update(fresh, bump_sequence=False)
    done = plans.replan(store, engagement.id, prefs, skip_past=True)  # type: ignore[arg-type]
    result.updated.append(
        {
            **label,
            "engagement_id": engagement.id,
            "follow_ups_moved": len(done.moved),
            "follow_ups_created": len(done.created),
            "why": item.reason,
        }
    )


def _log_past(store: Store, item: Item, prefs: Preferences, result: ImportResult, label: dict[str, object]) -> None:
    """A meeting with contacts that already happened: history, not a plan.
    Logged once per contact as a "we met" touch point, remembered in cal_met
    (as the live calendar sync does, so the two never log it twice)."""
    event = item.event
    if event.start is not None:
        at = event.start
    else:
        assert event.start_date is not None
        at = datetime.combine(event.start_date, time(12), ZoneInfo(prefs.user_tz)).astimezone(UTC)
    channel = _engagement_from(event, [], prefs.user_tz).channel
    logged = []
    for cid in item.matched:
        if _met_already(store, event, cid):
            continue
        tp = TouchPoint(
            cid,
            at,
            channel,
            Direction.MET,
            f"Met: {event.title}"[:300],
            tz=event.tz if is_valid_zone(event.tz) else prefs.user_tz,
            notes="From an imported calendar file.",
        )
        done = log_touch_point(store, tp, prefs)
        store.conn.execute(
            "INSERT INTO cal_met (uid, recurrence_id, contact_id, touch_point_id) VALUES (?, ?, ?, ?)",
            (event.uid, event.recurrence_id, cid, done.touch_point_id),
        )
        logged.append(done.touch_point_id)
    result.logged.append({**label, "contacts": list(item.matched), "touch_points": logged})


def _met_already(store: Store, event: CalendarEvent, contact_id: int) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM cal_met WHERE uid = ? AND recurrence_id = ? AND contact_id = ?",
        (event.uid, event.recurrence_id, contact_id),
    ).fetchone()
    return row is not None


def _add_contact(store: Store, person: Person, event: CalendarEvent, prefs: Preferences, result: ImportResult) -> int:
    contact = Contact(
        name=person_name(person),
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
