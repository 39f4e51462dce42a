"""Engagements and their plans: preview, create, re-plan, reschedule, cancel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from followup.domain import Channel, Kind
from followup.errors import NotFoundError
from followup.planning import defaults
from followup.planning.model import Engagement, FollowUp, PlannedFollowUp, Playbook, Source, Status
from followup.planning.planner import PlanContact, plan
from followup.planning.schedule import local_at
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone_info

# The playbook a new engagement gets by default, by the kind of its first contact.
DEFAULT_PLAYBOOK_BY_KIND = {
    Kind.CLIENT: defaults.CLIENT_MEETING,
    Kind.PARTNER: defaults.CLIENT_MEETING,
    Kind.OTHER: defaults.CLIENT_MEETING,
    Kind.SUPPLIER: defaults.SUPPLIER_ORDER,
    Kind.COLLEAGUE: defaults.INTERNAL_REQUEST,
    Kind.MANAGER: defaults.INTERNAL_REQUEST,
}


@dataclass(slots=True)
class PlanResult:
    """The follow-ups a plan created, moved and cancelled."""

    engagement_id: int
    created: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # already closed: history, untouched


def plan_contacts(store: Store, contact_ids: list[int]) -> list[PlanContact]:
    people = []
    for cid in dict.fromkeys(contact_ids):
        row = store.conn.execute(
            "SELECT name, organisation, preferred_channel, tz FROM contacts WHERE id = ?", (cid,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no contact with id {cid}.")
        people.append(PlanContact(cid, row[0], row[1], Channel(row[2]), row[3]))
    return people


def default_playbook(store: Store, contact_ids: list[int]) -> Playbook:
    kind = store.contacts.row(contact_ids[0]).kind if contact_ids else Kind.OTHER
    try:
        return store.playbooks.by_name(DEFAULT_PLAYBOOK_BY_KIND[kind])
    except Exception:  # the user deleted or renamed it: fall back to the first
        books = store.playbooks.all()
        if not books:
            raise
        return books[0]


def preview(
    store: Store, engagement: Engagement, playbook: Playbook, prefs: Preferences | None = None
) -> list[PlannedFollowUp]:
    """The follow-ups a plan would make, with exact times; nothing is saved."""
    prefs = prefs or Preferences.load(store)
    return plan(engagement, playbook, plan_contacts(store, engagement.contact_ids), prefs)


def create(
    store: Store,
    engagement: Engagement,
    playbook: Playbook | None,
    prefs: Preferences | None = None,
    *,
    skip_past: bool = False,
) -> PlanResult:
    """Save an engagement and its plan in one transaction. ``skip_past``: a
    step whose time has already passed is not created (late from birth)."""
    prefs = prefs or Preferences.load(store)
    with store.transaction():
        if playbook is not None:
            engagement.playbook_id = playbook.id
        engagement_id = store.engagements.add(engagement)
        result = PlanResult(engagement_id)
        if playbook is not None:
            _apply(store, engagement, playbook, prefs, result, skip_past=skip_past)
    return result


def is_past(planned: PlannedFollowUp, now: datetime) -> bool:
    """A planned step whose time (or day, in its zone) is already over."""
    if planned.due is not None:
        return planned.due < now
    return planned.due_date is not None and planned.due_date < now.astimezone(zone_info(planned.tz)).date()


def replan(
    store: Store, engagement_id: int, prefs: Preferences | None = None, *, skip_past: bool = False
) -> PlanResult:
    """Bring an engagement's open follow-ups in line with its current dates,
    contacts and playbook. Idempotent: planning again changes nothing."""
    prefs = prefs or Preferences.load(store)
    engagement = store.engagements.get(engagement_id)
    result = PlanResult(engagement_id)
    if engagement.playbook_id is None or engagement.status == "cancelled":
        return result
    playbook = store.playbooks.get(engagement.playbook_id)
    with store.transaction():
        _apply(store, engagement, playbook, prefs, result, skip_past=skip_past)
    return result


def reschedule(
    store: Store,
    engagement_id: int,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    prefs: Preferences | None = None,
) -> PlanResult:
    """Move an engagement; its open follow-ups move with it, closed ones stay as history."""
    with store.transaction():
        engagement = store.engagements.get(engagement_id)
        if engagement.status == "cancelled":
            from followup.errors import ValidationError

            raise ValidationError("This engagement is cancelled; it cannot be rescheduled.")
        if engagement.all_day:
            if start_date is not None and end_date is None and engagement.start_date and engagement.end_date:
                end_date = start_date + (engagement.end_date - engagement.start_date)  # keep its length
            engagement.start_date = start_date or engagement.start_date
            engagement.end_date = end_date if end_date is not None else engagement.end_date
        else:
            if start is not None and end is None and engagement.start and engagement.end:
                end = start + (engagement.end - engagement.start)
            engagement.start = start or engagement.start
            engagement.end = end or engagement.end
        store.engagements.update(engagement)
        return replan(store, engagement_id, prefs)


def cancel(store: Store, engagement_id: int) -> PlanResult:
    """Cancel an engagement and its open follow-ups; nothing is deleted."""
    now = store.clock.now()
    result = PlanResult(engagement_id)
    with store.transaction():
        engagement = store.engagements.get(engagement_id)
        if engagement.status != "cancelled":
            engagement.status = "cancelled"
            store.engagements.update(engagement)
        for fu in store.follow_ups.for_engagement(engagement_id):
            assert fu.id is not None
            if fu.status == Status.OPEN:
                store.follow_ups.close(fu.id, Status.CANCELLED, now)
                result.cancelled.append(fu.id)
    return result


def _apply(
    store: Store,
    engagement: Engagement,
    playbook: Playbook,
    prefs: Preferences,
    result: PlanResult,
    *,
    skip_past: bool = False,
) -> None:
    assert engagement.id is not None
    now = store.clock.now()
    wanted = plan(engagement, playbook, plan_contacts(store, engagement.contact_ids), prefs)
    existing = {fu.step_key: fu for fu in store.follow_ups.for_engagement(engagement.id) if fu.step_key}
    for planned in wanted:
        day_start = local_at(planned.due_date, prefs.work_start, zone_info(planned.tz)) if planned.due_date else None
        fu = FollowUp(
            contact_id=planned.contact_id,
            title=planned.title,
            source=Source.PLAN,
            due=planned.due,
            due_date=planned.due_date,
            tz=planned.tz,
            phase=planned.phase,
            engagement_id=engagement.id,
            notes=planned.notes,
            channel=planned.channel,
            step_key=planned.step_key,
        )
        old = existing.pop(planned.step_key, None)
        if old is None and skip_past and is_past(planned, now):
            continue
        if old is None:
            result.created.append(store.follow_ups.add(fu, day_start=day_start))
        elif old.status != Status.OPEN:
            assert old.id is not None
            result.kept.append(old.id)
        else:
            assert old.id is not None
            if (old.due, old.due_date, old.title, old.channel, old.tz) != (
                fu.due,
                fu.due_date,
                fu.title,
                fu.channel,
                fu.tz,
            ):
                store.follow_ups.update_planned(old.id, fu, day_start)
                result.moved.append(old.id)
    # Open follow-ups the plan no longer asks for (a contact removed, a step
    # deleted from the playbook) are cancelled, not deleted.
    for leftover in existing.values():
        assert leftover.id is not None
        if leftover.status == Status.OPEN:
            store.follow_ups.close(leftover.id, Status.CANCELLED, store.clock.now())
            result.cancelled.append(leftover.id)
