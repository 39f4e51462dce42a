"""What goes into a calendar event: follow-ups and engagements read from the
store in bulk and turned into plain EventData (times in UTC, text composed).

Export, the live file and the web links all start here, so a follow-up looks
the same in a file, a subscribed calendar and a prefilled Google page.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.domain import CHANNEL_LABELS, Channel
from followup.errors import NotFoundError
from followup.planning.model import Engagement
from followup.timeutil import to_db, zone

if TYPE_CHECKING:
    from followup.store import Store

FOLLOW_UP_MINUTES = 15  # a follow-up is a short slot in the calendar
DATABASE_ID_KEY = "calendar_database_id"
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

WHY = {
    "cadence": "Stay in touch: it is time to reach out again.",
    "reply": "Reply promise: they are waiting for your answer.",
    "manual": "A follow-up you set yourself.",
}


@dataclass(slots=True)
class EventData:
    """One calendar event, ready to serialise. Timed events have ``start`` and
    ``end`` in UTC; all-day ones ``start_date`` and an exclusive ``end_date``."""

    uid: str
    title: str
    description: str = ""
    location: str = ""
    start: datetime | None = None
    end: datetime | None = None
    start_date: date | None = None
    end_date: date | None = None
    sequence: int = 0
    modified: datetime | None = None
    attendees: list[tuple[str, str]] = field(default_factory=list)  # (email, name)
    busy: bool = False  # follow-ups leave the user's time free
    cancelled: bool = False
    follow_up_id: int | None = None
    engagement_id: int | None = None

    @property
    def all_day(self) -> bool:
        return self.start is None


# f.id, f.contact_id, f.engagement_id, phase, source, title, notes, channel,
# all_day, due_date, due_utc, snoozed_until_utc, updated_at, engagement title, location
FollowUpRow = tuple[Any, ...]


@dataclass(slots=True)
class _Person:
    name: str
    organisation: str
    title: str
    channel: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    last: tuple[str, str, str] | None = None  # (at_utc, channel, summary)

    def key(self) -> tuple[Any, ...]:
        """Everything about the person that goes into an event."""
        return (
            self.name,
            self.organisation,
            self.title,
            self.channel,
            tuple(self.emails),
            tuple(self.phones),
            self.last,
        )


def database_id(store: Store) -> str:
    """A random id for this database, made once: with the follow-up's id it
    gives UIDs that are stable across exports and differ between databases."""
    value = store.settings.get(DATABASE_ID_KEY)
    if not isinstance(value, str) or not value:
        value = uuid.uuid4().hex[:12]
        store.settings.set(DATABASE_ID_KEY, value)
    return value


def follow_up_uid(follow_up_id: int, db_id: str) -> str:
    return f"followup-{follow_up_id}-{db_id}@followup"


def sequence_from(updated_at: str | None) -> int:
    """Minutes since 2020 of the last change: grows with every edit, so
    calendars that honour SEQUENCE take the newer copy of a follow-up."""
    if not updated_at:
        return 0
    return max(0, int((datetime.fromisoformat(updated_at) - _SEQUENCE_EPOCH).total_seconds() // 60))


def _in(ids: list[int]) -> str:
    return ",".join(str(int(i)) for i in ids)


def _people(
    store: Store, contact_ids: list[int] | None, waking: tuple[datetime, datetime] | None = None
) -> dict[int, _Person]:
    """Contacts with emails, phones and last touch point; ``None``: every
    contact with an open follow-up (that wakes in ``waking``). Each contact's
    last touch point is one probe of the index on (contact, time): reading
    every touch point ever logged was 2 s of the live calendar file at
    100,000 contacts."""
    conn = store.conn
    scope = _OPEN_CONTACTS if contact_ids is None else _in(contact_ids)
    if contact_ids is None and waking is not None:
        start, end = map(to_db, waking)  # the window's bounds are our own text: no user input
        scope += f" AND wake_utc >= '{start}' AND wake_utc < '{end}'"
    people = {
        cid: _Person(name, org, title, channel)
        for cid, name, org, title, channel in conn.execute(
            f"SELECT id, name, organisation, title, preferred_channel FROM contacts WHERE id IN ({scope})"
        )
    }
    for cid, address in conn.execute(
        f"SELECT contact_id, address FROM contact_emails WHERE contact_id IN ({scope}) ORDER BY position"
    ):
        if cid in people:
            people[cid].emails.append(address)
    for cid, number in conn.execute(
        f"SELECT contact_id, number FROM contact_phones WHERE contact_id IN ({scope}) ORDER BY position"
    ):
        if cid in people:
            people[cid].phones.append(number)
    # The latest touch point; of two at the same instant, the first logged.
    for cid, at, channel, summary in conn.execute(
        f"""SELECT c.id, t.at_utc, t.channel, t.summary FROM contacts c
            JOIN touch_points t ON t.id = (SELECT l.id FROM touch_points l WHERE l.contact_id = c.id
                                           ORDER BY l.at_utc DESC, l.id LIMIT 1)
            WHERE c.id IN ({scope})"""
    ):
        if cid in people:
            people[cid].last = (at, channel, summary)
    return people


_OPEN_CONTACTS = "SELECT contact_id FROM follow_ups WHERE status = 'open'"


def _channel_label(value: str | None) -> str:
    try:
        return CHANNEL_LABELS[Channel(value)] if value else ""
    except ValueError:
        return value or ""


def _who(person: _Person) -> str:
    extra = ", ".join(x for x in (person.title, person.organisation) if x)
    return f"{person.name} ({extra})" if extra else person.name


def _reach(person: _Person, tz: ZoneInfo, lines: list[str]) -> None:
    if person.last:
        at, channel, summary = person.last
        when = datetime.fromisoformat(at).astimezone(tz)
        lines.append(f"Last touch point: {when:%a %d %b %Y}, {_channel_label(channel).lower()}: {summary}")
    else:
        lines.append("Last touch point: none logged yet")
    if person.channel:
        lines.append(f"Preferred channel: {_channel_label(person.channel)}")
    if person.phones:
        lines.append("Phone: " + ", ".join(person.phones))
    if person.emails:
        lines.append("Email: " + ", ".join(person.emails))


def _titled(title: str, contact: str, engagement: str) -> str:
    """Make sure the title names the contact and the engagement."""
    text = title
    if contact and contact.lower() not in text.lower():
        text = f"{text} · {contact}"
    if engagement and engagement.lower() not in text.lower():
        text = f"{text} ({engagement})"
    return text


_FU_SQL = """SELECT f.id, f.contact_id, f.engagement_id, f.phase, f.source, f.title, f.notes, f.channel,
       f.all_day, f.due_date, f.due_utc, f.snoozed_until_utc, f.updated_at, e.title, e.location
  FROM follow_ups f LEFT JOIN engagements e ON e.id = f.engagement_id
 WHERE f.status = 'open'"""


def open_follow_up_rows(
    store: Store,
    *,
    follow_up_id: int | None = None,
    contact_id: int | None = None,
    engagement_id: int | None = None,
    waking: tuple[datetime, datetime] | None = None,
) -> tuple[list[FollowUpRow], dict[int, _Person]]:
    """The rows behind :func:`open_follow_up_events`, and their contacts.
    ``waking`` keeps the follow-ups that wake in [start, end) (the live file's window)."""
    sql, params = _FU_SQL, list[object]()
    if follow_up_id is not None:
        sql, params = sql + " AND f.id = ?", [follow_up_id]
    if contact_id is not None:
        sql, params = sql + " AND f.contact_id = ?", [*params, contact_id]
    if engagement_id is not None:
        sql, params = sql + " AND f.engagement_id = ?", [*params, engagement_id]
    if waking is not None:
        sql, params = sql + " AND f.wake_utc >= ? AND f.wake_utc < ?", [*params, *map(to_db, waking)]
    rows: list[FollowUpRow] = store.conn.execute(sql + " ORDER BY f.wake_utc, f.id", params).fetchall()
    if follow_up_id is not None and not rows:
        store.follow_ups.get(follow_up_id)  # NotFoundError for an unknown id
        raise NotFoundError(f"Follow-up {follow_up_id} is closed; only open follow-ups are exported.")
    # Every contact with an open follow-up (in the window) in one pass, unless there are few.
    few = len(rows) < 500
    return rows, _people(store, sorted({r[1] for r in rows}) if few else None, waking)


def open_follow_up_events(
    store: Store,
    *,
    follow_up_id: int | None = None,
    contact_id: int | None = None,
    engagement_id: int | None = None,
    user_tz: str | None = None,
    waking: tuple[datetime, datetime] | None = None,
) -> list[EventData]:
    """Open follow-ups as events: one, a contact's, an engagement's, or all
    (``waking``: those that wake in [start, end))."""
    rows, people = open_follow_up_rows(
        store, follow_up_id=follow_up_id, contact_id=contact_id, engagement_id=engagement_id, waking=waking
    )
    tz = zone(user_tz or store.settings.user_zone())
    db_id = database_id(store)
    return [follow_up_event(row, people[row[1]], tz, db_id) for row in rows]


def follow_up_event(row: FollowUpRow, person: _Person, tz: ZoneInfo, db_id: str) -> EventData:
    """One row of :func:`open_follow_up_rows` as an event: everything in it
    comes from the row, the person, the zone and the database id."""
    (
        fid,
        _cid,
        eid,
        phase,
        source,
        title,
        notes,
        channel,
        all_day,
        due_date,
        due_utc,
        snoozed,
        updated,
        e_title,
        e_location,
    ) = row
    why = f"{phase.capitalize()} “{e_title}”." if eid is not None and phase else WHY.get(source, "")
    lines = [f"Follow-up with {_who(person)}", f"Why: {why}"]
    if channel and channel != "none":
        lines.append(f"How: {_channel_label(channel)}")
    if notes:
        lines += ["", notes, ""]
    _reach(person, tz, lines)
    lines += ["", "From Followup. Mark it done there, so the plan moves on."]
    event = EventData(
        uid=follow_up_uid(fid, db_id),
        title=_titled(title, person.name, e_title or ""),
        description="\n".join(lines),
        location=e_location or "",
        sequence=sequence_from(updated),
        modified=datetime.fromisoformat(updated) if updated else None,
        follow_up_id=fid,
        engagement_id=eid,
    )
    if all_day:
        day = date.fromisoformat(due_date)
        event.start_date, event.end_date = day, day + timedelta(days=1)
    else:
        start = datetime.fromisoformat(snoozed or due_utc)
        event.start, event.end = start, start + timedelta(minutes=FOLLOW_UP_MINUTES)
    return event


def engagement_event(
    store: Store, engagement: Engagement, *, private: bool = True, user_tz: str | None = None
) -> EventData:
    """An engagement as an event. ``private`` adds what only the user should
    read (notes, last touch points, the plan); an invite leaves it out."""
    assert engagement.id is not None
    people = _people(store, engagement.contact_ids)
    contacts = [people[c] for c in engagement.contact_ids if c in people]
    names = ", ".join(p.name for p in contacts)
    event = EventData(
        uid=engagement.uid,
        title=_titled(engagement.title, names if private else "", ""),
        location=engagement.location,
        sequence=engagement.sequence,
        busy=True,
        cancelled=engagement.status == "cancelled",
        attendees=[(p.emails[0], p.name) for p in contacts if p.emails],
        engagement_id=engagement.id,
    )
    if engagement.all_day:
        assert engagement.start_date is not None
        event.start_date = engagement.start_date
        event.end_date = (engagement.end_date or engagement.start_date) + timedelta(days=1)
    else:
        assert engagement.start is not None
        event.start = engagement.start.astimezone(UTC)
        event.end = (engagement.end or engagement.start + timedelta(hours=1)).astimezone(UTC)
    if private:
        tz = zone(user_tz or store.settings.user_zone())
        lines = [f"{engagement.kind.label} with {', '.join(_who(p) for p in contacts)}"]
        if engagement.notes:
            lines += ["", engagement.notes]
        for person in contacts:
            lines += ["", person.name + ":"]
            _reach(person, tz, lines)
        open_count = store.conn.execute(
            "SELECT count(*) FROM follow_ups WHERE engagement_id = ? AND status = 'open'", (engagement.id,)
        ).fetchone()[0]
        if open_count:
            lines += ["", f"Followup has {open_count} open follow-up{'s' if open_count != 1 else ''} planned for it."]
        event.description = "\n".join(lines)
    return event
