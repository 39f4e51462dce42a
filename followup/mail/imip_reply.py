"""An invitation's answer that came back by mail (iMIP, RFC 6047): REPLY
(accepted, tentative, declined) or COUNTER (a proposed new time) updates
that attendee on the engagement."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

from followup.store import Store
from followup.timeutil import to_db

log = logging.getLogger(__name__)
PARTSTATS = ("ACCEPTED", "TENTATIVE", "DECLINED", "NEEDS-ACTION")


def apply_reply(store: Store, data: bytes, contact_id: int, at: datetime) -> bool:
    """Record the answer of ``contact_id``; False when the calendar names no
    engagement of ours or is unreadable."""
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except ValueError as error:
        log.info("an invitation answer could not be read: %s", error)
        return False
    method = str(cal.get("method", "")).upper()
    emails = {
        r[0] for r in store.conn.execute("SELECT address_lower FROM contact_emails WHERE contact_id = ?", (contact_id,))
    }
    for event in cal.walk("VEVENT"):
        uid = str(event.get("uid", ""))
        engagement = store.engagements.by_uid(uid)
        if engagement is None or engagement.id is None:
            continue
        attendees = event.get("attendee")
        attendees = attendees if isinstance(attendees, list) else [attendees] if attendees is not None else []
        partstat = "NEEDS-ACTION"
        for who in attendees:
            address = str(who).lower().removeprefix("mailto:")
            if address in emails or len(attendees) == 1:
                partstat = str(getattr(who, "params", {}).get("PARTSTAT", "NEEDS-ACTION")).upper()
                break
        proposed = _start(event) if method == "COUNTER" else None
        if partstat not in PARTSTATS:
            partstat = "NEEDS-ACTION"
        comment = str(event.get("comment", ""))
        with store.transaction(savepoint=False) as conn:
            conn.execute(
                """INSERT INTO engagement_responses (engagement_id, contact_id, partstat, proposed_start_utc,
                       comment, at_utc) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (engagement_id, contact_id) DO UPDATE SET partstat = excluded.partstat,
                       proposed_start_utc = excluded.proposed_start_utc, comment = excluded.comment,
                       at_utc = excluded.at_utc, seen_at = NULL
                   WHERE excluded.at_utc >= engagement_responses.at_utc""",
                (engagement.id, contact_id, partstat, to_db(proposed) if proposed else None, comment, to_db(at)),
            )
        return True
    return False


def _start(event: Any) -> datetime | None:
    value = event.get("dtstart")
    start = getattr(value, "dt", None)
    if isinstance(start, datetime):
        return start.astimezone(UTC) if start.tzinfo else start.replace(tzinfo=UTC)
    if isinstance(start, date):
        return datetime(start.year, start.month, start.day, tzinfo=UTC)
    return None


def responses(store: Store, engagement_id: int) -> list[dict[str, Any]]:
    """Who answered an engagement's invitation, and how."""
    rows = store.conn.execute(
        "SELECT c.name, r.contact_id, r.partstat, r.proposed_start_utc, r.comment, r.at_utc "
        "FROM engagement_responses r JOIN contacts c ON c.id = r.contact_id WHERE r.engagement_id = ? "
        "ORDER BY c.name",
        (engagement_id,),
    )
    return [
        {"contact": r[0], "contact_id": r[1], "partstat": r[2], "proposed_start": r[3], "comment": r[4], "at": r[5]}
        for r in rows
    ]
