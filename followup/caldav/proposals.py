"""Meetings proposed for a plan ("New meetings" in Today): plan or dismiss."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.domain import Channel
from followup.errors import NotFoundError, ValidationError
from followup.planning.model import Engagement, EngagementKind, Playbook
from followup.timeutil import to_db

if TYPE_CHECKING:
    from followup.preferences import Preferences
    from followup.store import Store


@dataclass(slots=True)
class Proposal:
    """A time a calendar proposed for an engagement, waiting for the user's answer."""

    id: int
    uid: str
    recurrence_id: str
    title: str
    start: datetime | None
    end: datetime | None
    start_date: date | None
    end_date: date | None
    tz: str
    location: str
    organizer: str
    contact_ids: list[int]
    status: str
    engagement_id: int | None


_COLUMNS = (
    "id, uid, recurrence_id, title, start_utc, end_utc, start_date, end_date, tz, location, organizer, "
    "contact_ids, status, engagement_id"
)


def _proposal(r: tuple[object, ...]) -> Proposal:
    def when(v: object) -> datetime | None:
        return datetime.fromisoformat(str(v)) if v else None

    def day(v: object) -> date | None:
        return date.fromisoformat(str(v)) if v else None

    return Proposal(
        int(r[0]),  # type: ignore[call-overload]
        str(r[1]),
        str(r[2]),
        str(r[3]),
        when(r[4]),
        when(r[5]),
        day(r[6]),
        day(r[7]),
        str(r[8]),
        str(r[9]),
        str(r[10]),
        [int(c) for c in str(r[11]).split(",") if c],
        str(r[12]),
        None if r[13] is None else int(r[13]),  # type: ignore[call-overload]
    )


def open_proposals(store: Store) -> list[Proposal]:
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM cal_proposals WHERE status = 'open' ORDER BY coalesce(start_utc, start_date), id"
    )
    return [_proposal(r) for r in rows]


def get(store: Store, proposal_id: int) -> Proposal:
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM cal_proposals WHERE id = ?", (proposal_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"There is no proposed meeting with id {proposal_id} (see `calendar proposals`).")
    return _proposal(row)


def engagement_of(p: Proposal) -> Engagement:
    import re

    channel = Channel.VIDEO
    if p.location and not re.search(r"teams|zoom|meet\.google|webex|https?://", p.location, re.IGNORECASE):
        channel = Channel.IN_PERSON
    return Engagement(
        title=p.title,
        contact_ids=p.contact_ids,
        start=p.start,
        end=p.end,
        all_day=p.start is None,
        start_date=p.start_date,
        end_date=p.end_date,
        tz=p.tz,
        kind=EngagementKind.MEETING,
        location=p.location,
        channel=channel,
        uid=p.uid,
        source="ics",
        organizer=p.organizer,
        recurrence_id=p.recurrence_id,
    )


def playbook_for(store: Store, p: Proposal, name: str | None) -> Playbook:
    from followup.engine import plans

    if name:
        for book in store.playbooks.all():
            if book.name.lower() == name.strip().lower():
                return book
        raise ValidationError(f"There is no playbook “{name}” (see `playbooks`).")
    if p.recurrence_id:
        # one occurrence of a series: the playbook for recurring meetings, as a
        # series imported from a file gets (added to the store the first time)
        from followup.errors import NotFoundError
        from followup.planning import defaults

        try:
            return store.playbooks.by_name(defaults.RECURRING_MEETING)
        except NotFoundError:
            book = defaults.RECURRING_MEETING_PLAYBOOK()
            book.id = store.playbooks.add(book)
            return book
    return plans.default_playbook(store, p.contact_ids)


def plan_proposal(store: Store, proposal_id: int, playbook: str | Playbook | None, prefs: Preferences) -> int:
    """Plan a proposed meeting; returns the engagement id."""
    from followup.engine import plans

    p = get(store, proposal_id)
    if p.status == "planned" and p.engagement_id is not None:
        raise ValidationError(f"That meeting is already planned (engagement {p.engagement_id}).")
    if p.status == "gone":
        raise ValidationError("That meeting was cancelled or deleted in the calendar; there is nothing to plan.")
    alive = [c for c in p.contact_ids if store.conn.execute("SELECT 1 FROM contacts WHERE id = ?", (c,)).fetchone()]
    if not alive:
        raise ValidationError("Nobody in that meeting is a contact any more; there is no one to plan for.")
    p.contact_ids = alive
    book = playbook if isinstance(playbook, Playbook) else playbook_for(store, p, playbook)
    with store.transaction():
        done = plans.create(store, engagement_of(p), book, prefs)
        store.conn.execute(
            "UPDATE cal_proposals SET status = 'planned', engagement_id = ?, updated_at = ? WHERE id = ?",
            (done.engagement_id, to_db(store.clock.now()), proposal_id),
        )
    return done.engagement_id


def dismiss(store: Store, proposal_id: int) -> None:
    p = get(store, proposal_id)
    if p.status != "open":
        raise ValidationError(f"That meeting is not waiting for a decision (it is {p.status}).")
    with store.transaction(savepoint=False):
        store.conn.execute(
            "UPDATE cal_proposals SET status = 'dismissed', updated_at = ? WHERE id = ?",
            (to_db(store.clock.now()), proposal_id),
        )
