"""Who accepted: the answers to an engagement's invitation, per attendee, as
the engagement view and Today show them; a proposed new time accepted
(the engagement moves and is re-planned) or declined.

The answers arrive by mail (imip_reply.py). ``seen_at`` says Today has shown
an answer and the user took note; a proposed new time stays in Today until it
is accepted or declined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from followup.errors import ValidationError
from followup.mail.answers_today import FOR_TODAY, SHOWN_FOR
from followup.mail.answers_today import SELECT_ANSWERS as _SELECT
from followup.store import Store
from followup.timeutil import from_db, to_db, zone

if TYPE_CHECKING:
    from followup.engine import plans  # (imported by accept_proposal: not on a start on Today, issue 16)

WORDS = {"ACCEPTED": "Accepted", "TENTATIVE": "Maybe", "DECLINED": "Declined", "NEEDS-ACTION": "No answer yet"}


@dataclass(frozen=True, slots=True)
class Answer:
    engagement_id: int
    engagement: str
    start: datetime | None  # the engagement's start (UTC); None when all-day
    contact_id: int
    contact: str
    partstat: str  # ACCEPTED, TENTATIVE, DECLINED, NEEDS-ACTION ("" : no answer has come)
    proposed_start: datetime | None = None
    comment: str = ""
    at: datetime | None = None
    seen: bool = False

    @property
    def word(self) -> str:
        return WORDS.get(self.partstat, "No answer yet")

    @property
    def proposes(self) -> bool:
        return self.proposed_start is not None


def _answer(row: tuple[object, ...]) -> Answer:
    eid, title, start, cid, name, partstat, proposed, comment, at, seen = row
    return Answer(
        int(str(eid)),
        str(title),
        from_db(str(start)) if start else None,
        int(str(cid)),
        str(name),
        str(partstat),
        from_db(str(proposed)) if proposed else None,
        str(comment or ""),
        from_db(str(at)) if at else None,
        seen is not None,
    )


def attendees(store: Store, engagement_id: int) -> list[Answer]:
    """Every contact of the engagement with their answer (or none yet), by name."""
    engagement = store.engagements.get(engagement_id)
    found = {
        a.contact_id: a
        for a in map(_answer, store.conn.execute(_SELECT + "WHERE r.engagement_id = ?", (engagement_id,)))
    }
    out = list(found.values())
    for cid in engagement.contact_ids:
        if cid not in found:
            name = store.contacts.row(cid).name
            out.append(Answer(engagement_id, engagement.title, engagement.start, cid, name, ""))
    return sorted(out, key=lambda a: a.contact.casefold())


def for_today(store: Store) -> list[Answer]:
    """Answers to show in Today: new ones, and every proposed time still to decide;
    none of a cancelled engagement or of one long past. Newest first."""
    since = to_db(store.clock.now() - SHOWN_FOR)
    rows = store.conn.execute(_SELECT + FOR_TODAY + "ORDER BY r.at_utc DESC LIMIT 200", (since,))
    return [_answer(r) for r in rows]


def mark_seen(store: Store, engagement_id: int, contact_id: int) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE engagement_responses SET seen_at = ? WHERE engagement_id = ? AND contact_id = ? AND seen_at IS NULL",
            (to_db(store.clock.now()), engagement_id, contact_id),
        )


def _proposal(store: Store, engagement_id: int, contact_id: int) -> datetime:
    row = store.conn.execute(
        "SELECT proposed_start_utc FROM engagement_responses WHERE engagement_id = ? AND contact_id = ?",
        (engagement_id, contact_id),
    ).fetchone()
    if row is None or row[0] is None:
        raise ValidationError("There is no new time proposed for this engagement any more.")
    return from_db(str(row[0]))


def _settle(store: Store, engagement_id: int, contact_id: int) -> None:
    store.conn.execute(
        "UPDATE engagement_responses SET proposed_start_utc = NULL, seen_at = ? WHERE engagement_id = ? "
        "AND contact_id = ?",
        (to_db(store.clock.now()), engagement_id, contact_id),
    )


def accept_proposal(store: Store, engagement_id: int, contact_id: int) -> plans.PlanResult:
    """Move the engagement to the proposed time (its length kept) and re-plan its follow-ups."""
    from followup.engine import plans

    with store.transaction():
        start = _proposal(store, engagement_id, contact_id)
        engagement = store.engagements.get(engagement_id)
        if engagement.all_day:
            result = plans.reschedule(store, engagement_id, start_date=start.astimezone(zone(engagement.tz)).date())
        else:
            result = plans.reschedule(store, engagement_id, start=start)
        _settle(store, engagement_id, contact_id)
        return result


def decline_proposal(store: Store, engagement_id: int, contact_id: int) -> None:
    """Keep the engagement's time; the proposal is answered."""
    with store.transaction():
        _proposal(store, engagement_id, contact_id)
        _settle(store, engagement_id, contact_id)
