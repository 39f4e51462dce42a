"""Open follow-ups out to the calendar Followup owns on the server.

As tasks (VTODO with DUE) where the server takes them, else as short events.
The items carry no alarm: Followup's own reminders ring, so nothing rings
twice. Each item is written only when what it says changed (a hash of its
text), with If-Match on its ETag. Coming back:
- a task completed elsewhere (STATUS:COMPLETED) is done in Followup;
- a DUE moved elsewhere reschedules the follow-up.
Done in Followup completes the task; skipped or cancelled removes it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from followup.caldav.remote import CalendarSyncError, PreconditionFailed, Remote
from followup.calendar.events import EventData, open_follow_up_events
from followup.planning.model import Status

if TYPE_CHECKING:
    from followup.caldav.accounts import Account
    from followup.store import Store

log = logging.getLogger(__name__)

AHEAD_DAYS = 90
PRODID = "-//Followup//Followup tasks//EN"


@dataclass(slots=True)
class PublishCounts:
    published: int = 0
    completed_remotely: int = 0
    rescheduled_remotely: int = 0


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _due_text(ev: EventData) -> str:
    if ev.start is not None:
        return _stamp(ev.start)
    assert ev.start_date is not None
    return ev.start_date.strftime("%Y%m%d")


def to_ics(ev: EventData, component: str, *, completed: bool = False, now: datetime | None = None) -> str:
    """One follow-up as a calendar object (no VALARM, on purpose)."""
    from icalendar import Calendar, Event, Todo

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    item = Todo() if component == "VTODO" else Event()
    item.add("uid", ev.uid)
    item.add("dtstamp", datetime(2020, 1, 1, tzinfo=UTC))  # stable: the text changes only when the item does
    item.add("summary", ev.title)
    if ev.description:
        item.add("description", ev.description)
    if ev.location:
        item.add("location", ev.location)
    if component == "VTODO":
        if ev.start is not None:
            item.add("due", ev.start.astimezone(UTC))
        else:
            item.add("due", ev.start_date)
        item.add("status", "COMPLETED" if completed else "NEEDS-ACTION")
        if completed and now is not None:
            item.add("completed", now.astimezone(UTC))
    else:
        if ev.start is not None:
            item.add("dtstart", ev.start.astimezone(UTC))
            item.add("dtend", (ev.end or ev.start + timedelta(minutes=15)).astimezone(UTC))
        else:
            item.add("dtstart", ev.start_date)
            item.add("dtend", ev.end_date or (ev.start_date + timedelta(days=1) if ev.start_date else None))
        item.add("transp", "TRANSPARENT")
    cal.add_component(item)
    return str(cal.to_ical().decode("utf-8"))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _href(base: str, uid: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in uid)
    return base.rstrip("/") + "/" + safe + ".ics"


def pull_remote_changes(store: Store, remote: Remote, account: Account, token: str, counts: PublishCounts) -> str:
    """Tasks completed or moved elsewhere come back; returns the new sync token."""
    from followup.engine import follow_ups as engine

    changes = remote.changes(account.publish_url, token)
    published = {
        href: (fid, etag, due)
        for fid, href, etag, due in store.conn.execute(
            "SELECT follow_up_id, href, etag, published_due FROM cal_published WHERE account_id = ?", (account.id,)
        )
    }
    for obj in changes.changed:
        found = published.get(obj.href)
        if found is None:
            continue
        fid, _, published_due = found
        status, due = _todo_state(obj.data)
        fu = store.follow_ups.get(fid)
        with store.transaction():
            store.conn.execute("UPDATE cal_published SET etag = ? WHERE follow_up_id = ?", (obj.etag, fid))
            if fu.status != Status.OPEN:
                continue
            if status == "COMPLETED":
                engine.complete(store, fid)
                counts.completed_remotely += 1
            elif due and due != published_due:
                moved = _parse_due(due)
                if isinstance(moved, datetime):
                    store.follow_ups.reschedule(fid, moved)
                else:
                    store.follow_ups.reschedule(
                        fid, datetime(moved.year, moved.month, moved.day, 9, tzinfo=UTC), due_date=moved
                    )
                store.conn.execute("UPDATE cal_published SET published_due = ? WHERE follow_up_id = ?", (due, fid))
                counts.rescheduled_remotely += 1
    return changes.token


def _todo_state(data: str) -> tuple[str, str]:
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(data)
    except Exception:
        return "", ""
    for comp in cal.walk():
        if comp.name in ("VTODO", "VEVENT"):
            status = str(comp.get("STATUS", "")).upper()
            due = comp.get("DUE") or comp.get("DTSTART")
            if due is None:
                return status, ""
            value = due.dt
            if isinstance(value, datetime):
                if value.tzinfo is None:
                    value = value.replace(tzinfo=UTC)
                return status, _stamp(value)
            return status, value.strftime("%Y%m%d")
    return "", ""


def _parse_due(text: str) -> datetime | date:
    if "T" in text:
        return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return datetime.strptime(text, "%Y%m%d").date()


def push(store: Store, remote: Remote, account: Account, counts: PublishCounts) -> None:
    """Bring the server's Followup calendar in line with the open follow-ups."""
    now = store.clock.now()
    horizon = now + timedelta(days=AHEAD_DAYS)
    wanted = {
        ev.follow_up_id: ev
        for ev in open_follow_up_events(store)
        if ev.follow_up_id is not None and (ev.start or _midday(ev.start_date)) <= horizon
    }
    rows = store.conn.execute(
        "SELECT follow_up_id, href, etag, uid, published_hash FROM cal_published WHERE account_id = ?", (account.id,)
    ).fetchall()
    known = {fid: (href, etag, uid, h) for fid, href, etag, uid, h in rows}
    for fid, ev in wanted.items():
        text = to_ics(ev, account.publish_component)
        digest = _hash(text)
        if fid in known:
            href, etag, _, old = known[fid]
            if old == digest:
                continue
            etag = _put_merging(store, remote, fid, href, text, etag, counts)
            if etag is None:
                continue
        else:
            href = _href(account.publish_url, ev.uid)
            try:
                etag = remote.put(href, text, create=True)
            except PreconditionFailed:
                etag = remote.put(href, text)  # ours from an earlier, interrupted sync
        with store.transaction(savepoint=False):
            store.conn.execute(
                """INSERT INTO cal_published (follow_up_id, account_id, href, etag, uid, published_hash, published_due)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(follow_up_id) DO UPDATE SET etag = excluded.etag,
                       published_hash = excluded.published_hash, published_due = excluded.published_due""",
                (fid, account.id, href, etag, ev.uid, digest, _due_text(ev)),
            )
        counts.published += 1
    for fid, (href, etag, uid, _) in known.items():
        if fid in wanted:
            continue
        _retire(store, remote, account, fid, href, etag, uid, now)


def _midday(day: date | None) -> datetime:
    assert day is not None
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def _put_merging(
    store: Store, remote: Remote, fid: int, href: str, text: str, etag: str, counts: PublishCounts
) -> str | None:
    """PUT with If-Match; on 412 read the server's copy: a task completed
    there is done here (and not overwritten); anything else is ours to write."""
    from followup.engine import follow_ups as engine

    try:
        return remote.put(href, text, etag)
    except PreconditionFailed:
        current = remote.get(href)
        if current is None:
            return remote.put(href, text, create=True)
        status, _ = _todo_state(current.data)
        if status == "COMPLETED":
            engine.complete(store, fid)
            counts.completed_remotely += 1
            return None
        return remote.put(href, text, current.etag)


def _retire(
    store: Store, remote: Remote, account: Account, fid: int, href: str, etag: str, uid: str, now: datetime
) -> None:
    """A follow-up no longer open (or out of the window): done completes the
    task, anything else removes it."""
    try:
        fu = store.follow_ups.get(fid)
    except Exception:
        fu = None
    try:
        if fu is not None and fu.status == Status.DONE and account.publish_component == "VTODO":
            current = remote.get(href)
            if current is not None and _todo_state(current.data)[0] != "COMPLETED":
                ev = EventData(uid=uid, title=fu.title, start=fu.due, start_date=fu.due_date)
                remote.put(href, to_ics(ev, "VTODO", completed=True, now=now), current.etag)
        elif fu is None or fu.status != Status.OPEN:
            remote.delete(href, etag)
        else:
            remote.delete(href, etag)  # open but beyond the window: it comes back when it is near
    except PreconditionFailed:
        log.info("a published task changed on the server while being retired; it is left as it is there")
    except CalendarSyncError:
        raise
    with store.transaction(savepoint=False):
        store.conn.execute("DELETE FROM cal_published WHERE follow_up_id = ?", (fid,))
