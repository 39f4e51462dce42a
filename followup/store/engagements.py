"""Engagements: meetings, deliveries, orders, milestones, with their contacts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from followup.domain import Channel
from followup.errors import NotFoundError, ValidationError
from followup.planning.model import Engagement, EngagementKind
from followup.timeutil import from_db, to_db, zone
from followup.validation import clean_line, clean_notes

if TYPE_CHECKING:
    from followup.store.store import Store

_COLUMNS = (
    "id, title, kind, start_utc, end_utc, all_day, start_date, end_date, tz, location, channel, notes, "
    "playbook_id, status, uid, sequence, source, organizer, recurrence_id"
)


def new_uid() -> str:
    import uuid  # uuid imports platform (~4 ms): off the window's start-up

    return f"{uuid.uuid4()}@followup"


def validate_engagement(e: Engagement) -> None:
    e.title = clean_line(e.title, "The engagement's title", 300, required=True)
    e.location = clean_line(e.location, "The place or link", 1000)
    e.notes = clean_notes(e.notes)
    zone(e.tz)
    if not e.contact_ids:
        raise ValidationError("An engagement needs at least one contact.")
    if e.all_day:
        if e.start_date is None:
            raise ValidationError("An all-day engagement needs a start date.")
        if e.end_date is not None and e.end_date < e.start_date:
            raise ValidationError("The engagement ends before it starts.")
    else:
        if e.start is None or e.start.tzinfo is None:
            raise ValidationError("An engagement needs a start time with a time zone.")
        if e.end is not None and e.end < e.start:
            raise ValidationError("The engagement ends before it starts.")


class EngagementsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, engagement_id: int) -> Engagement:
        row = self._store.conn.execute(f"SELECT {_COLUMNS} FROM engagements WHERE id = ?", (engagement_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no engagement with id {engagement_id}.")
        return self._engagement(row)

    def by_uid(self, uid: str, recurrence_id: str = "") -> Engagement | None:
        row = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM engagements WHERE uid = ? AND recurrence_id = ?", (uid, recurrence_id)
        ).fetchone()
        return self._engagement(row) if row else None

    def all_with_uid(self, uid: str) -> list[Engagement]:
        """The engagement and every imported occurrence sharing a calendar UID."""
        rows = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM engagements WHERE uid = ? ORDER BY recurrence_id", (uid,)
        )
        return [self._engagement(r) for r in rows]

    def for_contact(self, contact_id: int, *, limit: int = 50) -> list[Engagement]:
        rows = self._store.conn.execute(
            f"""SELECT {", ".join("e." + c.strip() for c in _COLUMNS.split(","))} FROM engagements e
                JOIN engagement_contacts ec ON ec.engagement_id = e.id
                WHERE ec.contact_id = ?
                ORDER BY coalesce(e.start_utc, e.start_date) DESC LIMIT ?""",
            (contact_id, limit),
        )
        return [self._engagement(r) for r in rows]

    def listed(self, contact_id: int | None = None, *, limit: int = 1000) -> list[Engagement]:
        """Engagements (a contact's, or everyone's), the latest start first."""
        if contact_id is not None:
            return self.for_contact(contact_id, limit=limit)
        rows = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM engagements ORDER BY coalesce(start_utc, start_date) DESC LIMIT ?", (limit,)
        )
        return [self._engagement(r) for r in rows]

    def add(self, e: Engagement) -> int:
        validate_engagement(e)
        now = to_db(self._store.clock.now())
        e.uid = e.uid or new_uid()
        with self._store.transaction() as conn:
            cur = conn.execute(
                f"""INSERT INTO engagements ({_COLUMNS.replace("id, ", "", 1)}, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (*self._values(e), now, now),
            )
            e.id = int(cur.lastrowid or 0)
            self._write_contacts(e)
        return e.id

    def update(self, e: Engagement, *, bump_sequence: bool = True) -> None:
        if e.id is None:
            raise ValueError("update() needs an engagement with an id")
        validate_engagement(e)
        if bump_sequence:
            e.sequence += 1
        with self._store.transaction() as conn:
            sets = ", ".join(f"{c.strip()} = ?" for c in _COLUMNS.split(",")[1:])
            cur = conn.execute(
                f"UPDATE engagements SET {sets}, updated_at = ? WHERE id = ?",
                (*self._values(e), to_db(self._store.clock.now()), e.id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no engagement with id {e.id}.")
            conn.execute("DELETE FROM engagement_contacts WHERE engagement_id = ?", (e.id,))
            self._write_contacts(e)

    def count(self) -> int:
        return int(self._store.conn.execute("SELECT count(*) FROM engagements").fetchone()[0])

    def _write_contacts(self, e: Engagement) -> None:
        for position, cid in enumerate(dict.fromkeys(e.contact_ids)):
            if not self._store.conn.execute("SELECT 1 FROM contacts WHERE id = ?", (cid,)).fetchone():
                raise NotFoundError(f"There is no contact with id {cid}.")
            self._store.conn.execute(
                "INSERT INTO engagement_contacts (engagement_id, contact_id, position) VALUES (?, ?, ?)",
                (e.id, cid, position),
            )

    @staticmethod
    def _values(e: Engagement) -> tuple[object, ...]:
        return (
            e.title,
            EngagementKind(e.kind).value,
            to_db(e.start) if e.start and not e.all_day else None,
            to_db(e.end) if e.end and not e.all_day else None,
            int(e.all_day),
            e.start_date.isoformat() if e.all_day and e.start_date else None,
            e.end_date.isoformat() if e.all_day and e.end_date else None,
            e.tz,
            e.location,
            Channel(e.channel).value,
            e.notes,
            e.playbook_id,
            e.status,
            e.uid,
            e.sequence,
            e.source,
            e.organizer,
            e.recurrence_id,
        )

    def _engagement(self, row: tuple[Any, ...]) -> Engagement:
        (
            eid,
            title,
            kind,
            start,
            end,
            all_day,
            start_date,
            end_date,
            tz,
            location,
            channel,
            notes,
            playbook_id,
            status,
            uid,
            sequence,
            source,
            organizer,
            recurrence_id,
        ) = row
        contact_ids = [
            c
            for (c,) in self._store.conn.execute(
                "SELECT contact_id FROM engagement_contacts WHERE engagement_id = ? ORDER BY position", (eid,)
            )
        ]
        return Engagement(
            id=int(eid),
            title=str(title),
            kind=EngagementKind(kind),
            start=from_db(str(start)) if start else None,
            end=from_db(str(end)) if end else None,
            all_day=bool(all_day),
            start_date=date.fromisoformat(str(start_date)) if start_date else None,
            end_date=date.fromisoformat(str(end_date)) if end_date else None,
            tz=str(tz),
            location=str(location),
            channel=Channel(channel),
            notes=str(notes),
            playbook_id=int(playbook_id) if playbook_id is not None else None,
            status=str(status),
            uid=str(uid),
            sequence=int(sequence),
            source=str(source),
            organizer=str(organizer),
            recurrence_id=str(recurrence_id),
            contact_ids=contact_ids,
        )
