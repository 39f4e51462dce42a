"""Meetings read from a calendar, and what they set in motion.

For each event (each occurrence of a series) in the sync window whose
organizer or attendees are contacts (never the user, never a calendar, room
or resource address):
- over already: logged once as a "we met" touch point per contact, which
  fills the relationship log and resets the stay-in-touch clock;
- ahead, and already planned: a moved meeting moves its plan, a cancelled one
  cancels it;
- ahead and new: a proposal for Today's "New meetings" (plan or dismiss), or
  planned at once where the user asked for that for the contact's kind.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.calendar.reading import CalendarEvent
from followup.domain import Channel, Direction, TouchPoint
from followup.timeutil import to_db

if TYPE_CHECKING:
    from followup.preferences import Preferences
    from followup.store import Store

log = logging.getLogger(__name__)

PAST_DAYS = 30
AHEAD_DAYS = 90
AUTOPLAN_KEY = "caldav_autoplan_kinds"
# A series is proposed occurrence by occurrence as each comes this close, not
# all ninety days of a weekly meeting at once.
SERIES_AHEAD_DAYS = 14

# Addresses of calendars and resources, never people: Google's shared and
# holiday calendars and its rooms, Exchange/Outlook rooms.
_NOT_A_PERSON = re.compile(
    r"@(group|import)\.calendar\.google\.com$|@resource\.calendar\.google\.com$|^(room|resource)[-_.]|"
    r"@(holiday|holidays)\.",
    re.IGNORECASE,
)
_VIDEO = re.compile(r"teams\.microsoft|zoom|meet\.google|webex|whereby|https?://", re.IGNORECASE)


@dataclass(slots=True)
class Counts:
    met_logged: int = 0
    proposed: int = 0
    planned: int = 0
    moved: int = 0
    cancelled: int = 0
    errors: list[str] = field(default_factory=list)


def is_calendar_address(email: str) -> bool:
    return bool(_NOT_A_PERSON.search(email.strip()))


def window(now: datetime) -> tuple[datetime, datetime]:
    return now - timedelta(days=PAST_DAYS), now + timedelta(days=AHEAD_DAYS)


def in_window(ev: CalendarEvent, start: datetime, end: datetime) -> bool:
    if ev.start is not None:
        finish = ev.end or ev.start
        return finish >= start and ev.start < end
    if ev.start_date is None:
        return False
    first = datetime(ev.start_date.year, ev.start_date.month, ev.start_date.day, tzinfo=start.tzinfo)
    return first + timedelta(days=1) >= start and first < end


def matched_contacts(store: Store, ev: CalendarEvent, me: set[str]) -> list[int]:
    found: list[int] = []
    for person in ev.people:
        key = person.key
        if not key or key in me or is_calendar_address(key):
            continue
        cid = store.contacts.find_by_email(key)
        if cid is not None and cid not in found:
            found.append(cid)
    return found


def process(
    store: Store,
    ev: CalendarEvent,
    *,
    calendar_id: int | None,
    account_id: int,
    me: set[str],
    prefs: Preferences,
    counts: Counts,
) -> None:
    """Apply one event (or occurrence); one transaction, so a failure leaves
    nothing half-done."""
    now = store.clock.now()
    contacts = matched_contacts(store, ev, me)
    if not contacts:
        return
    with store.transaction():
        engagement = store.engagements.by_uid(ev.uid, ev.recurrence_id)
        if ev.cancelled:
            _cancel(store, ev, engagement, counts)
            return
        if ev.ends_before(now):
            _log_met(store, ev, contacts, counts)
            return
        if engagement is not None:
            _move(store, ev, engagement, prefs, counts)
            return
        _propose(store, ev, contacts, calendar_id, account_id, prefs, counts)


def _channel(ev: CalendarEvent) -> Channel:
    if ev.location and not _VIDEO.search(ev.location):
        return Channel.IN_PERSON
    return Channel.VIDEO


def _log_met(store: Store, ev: CalendarEvent, contacts: list[int], counts: Counts) -> None:
    from followup.engine.touch_points import log_touch_point

    at = ev.start
    if at is None and ev.start_date is not None:
        at = datetime(ev.start_date.year, ev.start_date.month, ev.start_date.day, 12, tzinfo=store.clock.now().tzinfo)
    if at is None:
        return
    for cid in contacts:
        seen = store.conn.execute(
            "SELECT 1 FROM cal_met WHERE uid = ? AND recurrence_id = ? AND contact_id = ?",
            (ev.uid, ev.recurrence_id, cid),
        ).fetchone()
        if seen is not None:
            continue
        tp = TouchPoint(
            contact_id=cid,
            at=at,
            channel=_channel(ev),
            direction=Direction.MET,
            summary=f"Met: {ev.title}"[:300],
            tz=ev.tz or "UTC",
            notes="From your calendar.",
        )
        logged = log_touch_point(store, tp)
        store.conn.execute(
            "INSERT INTO cal_met (uid, recurrence_id, contact_id, touch_point_id) VALUES (?, ?, ?, ?)",
            (ev.uid, ev.recurrence_id, cid, logged.touch_point_id),
        )
        counts.met_logged += 1


def _cancel(store: Store, ev: CalendarEvent, engagement: object, counts: Counts) -> None:
    from followup.engine import plans
    from followup.planning.model import Engagement

    if isinstance(engagement, Engagement) and engagement.status != "cancelled" and engagement.id is not None:
        engagement.status = "cancelled"
        store.engagements.update(engagement, bump_sequence=False)
        plans.cancel(store, engagement.id)
        counts.cancelled += 1
    store.conn.execute(
        "UPDATE cal_proposals SET status = 'gone', updated_at = ? WHERE uid = ? AND recurrence_id = ? AND status = 'open'",
        (to_db(store.clock.now()), ev.uid, ev.recurrence_id),
    )


def cancel_uid(store: Store, uid: str, counts: Counts) -> None:
    """A meeting deleted on the server: every planned occurrence is cancelled."""
    from followup.engine import plans

    with store.transaction():
        for engagement in store.engagements.all_with_uid(uid):
            if engagement.status != "cancelled" and engagement.id is not None:
                engagement.status = "cancelled"
                store.engagements.update(engagement, bump_sequence=False)
                plans.cancel(store, engagement.id)
                counts.cancelled += 1
        store.conn.execute(
            "UPDATE cal_proposals SET status = 'gone', updated_at = ? WHERE uid = ? AND status = 'open'",
            (to_db(store.clock.now()), uid),
        )


def _move(store: Store, ev: CalendarEvent, engagement: object, prefs: Preferences, counts: Counts) -> None:
    from followup.engine import plans
    from followup.planning.model import Engagement

    assert isinstance(engagement, Engagement) and engagement.id is not None
    same = (
        engagement.start == ev.start
        and engagement.end == ev.end
        and engagement.start_date == ev.start_date
        and engagement.end_date == ev.end_date
        and engagement.title == ev.title
        and engagement.location == ev.location
    )
    if same or engagement.status == "cancelled":
        return
    engagement.start, engagement.end = ev.start, ev.end
    engagement.start_date, engagement.end_date = ev.start_date, ev.end_date
    engagement.all_day = ev.all_day
    engagement.title, engagement.location = ev.title, ev.location
    engagement.sequence = max(engagement.sequence, ev.sequence)
    store.engagements.update(engagement, bump_sequence=False)
    plans.replan(store, engagement.id, prefs)
    counts.moved += 1


def _propose(
    store: Store,
    ev: CalendarEvent,
    contacts: list[int],
    calendar_id: int | None,
    account_id: int,
    prefs: Preferences,
    counts: Counts,
) -> None:
    if ev.recurrence_id and _starts_after(ev, store.clock.now() + timedelta(days=SERIES_AHEAD_DAYS)):
        return  # a later occurrence: proposed when it comes near
    now = to_db(store.clock.now())
    row = store.conn.execute(
        "SELECT id, status FROM cal_proposals WHERE uid = ? AND recurrence_id = ?", (ev.uid, ev.recurrence_id)
    ).fetchone()
    values = (
        ev.title,
        to_db(ev.start) if ev.start else None,
        to_db(ev.end) if ev.end else None,
        ev.start_date.isoformat() if ev.start_date else None,
        ev.end_date.isoformat() if ev.end_date else None,
        ev.tz or "UTC",
        ev.location,
        ev.organizer.email if ev.organizer else "",
        ",".join(str(c) for c in contacts),
        ev.sequence,
    )
    if row is not None:
        status = row[1]
        if status == "gone":
            store.conn.execute("UPDATE cal_proposals SET status = 'open' WHERE id = ?", (row[0],))
        store.conn.execute(
            """UPDATE cal_proposals SET title = ?, start_utc = ?, end_utc = ?, start_date = ?, end_date = ?, tz = ?,
                   location = ?, organizer = ?, contact_ids = ?, sequence = ?, updated_at = ? WHERE id = ?""",
            (*values, now, row[0]),
        )
        return
    cur = store.conn.execute(
        """INSERT INTO cal_proposals (calendar_id, account_id, uid, recurrence_id, title, start_utc, end_utc,
               start_date, end_date, tz, location, organizer, contact_ids, sequence, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (calendar_id, account_id, ev.uid, ev.recurrence_id, *values, now, now),
    )
    proposal_id = int(cur.lastrowid or 0)
    if _autoplan(store, contacts):
        from followup.caldav.proposals import plan_proposal

        plan_proposal(store, proposal_id, None, prefs)
        counts.planned += 1
    else:
        counts.proposed += 1


def next_change(ev: CalendarEvent, now: datetime) -> datetime | None:
    """When this event means something else though it did not change: it is
    over (a meeting to log as met), or, for an occurrence of a series, it comes
    near enough to be proposed. None when neither lies ahead."""
    if ev.start is not None:
        end = ev.end or ev.start
    elif ev.start_date is not None:
        last = ev.end_date or ev.start_date
        end = datetime(last.year, last.month, last.day, tzinfo=now.tzinfo) + timedelta(days=1)
    else:
        return None
    times = [end]
    if ev.recurrence_id and ev.start is not None:
        times.append(ev.start - timedelta(days=SERIES_AHEAD_DAYS))
    ahead = [t for t in times if t > now]
    return min(ahead) if ahead else None


def _starts_after(ev: CalendarEvent, instant: datetime) -> bool:
    if ev.start is not None:
        return ev.start > instant
    return ev.start_date is not None and ev.start_date > instant.date()


def _autoplan(store: Store, contacts: list[int]) -> bool:
    kinds = store.settings.get(AUTOPLAN_KEY) or []
    if not kinds:
        return False
    marks = ",".join("?" * len(contacts))
    found = store.conn.execute(f"SELECT kind FROM contacts WHERE id IN ({marks})", contacts).fetchall()
    return any(k in kinds for (k,) in found)
