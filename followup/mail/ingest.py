"""A parsed message becomes touch points: one per contact involved.

Shared by the IMAP sync and the file import. Idempotent by Message-ID (per
contact). Opens the reply promise for an inbound message that asks for a
reply (rules.py), and closes exactly the promise a reply in Sent answers
(by In-Reply-To/References), at the reply's real time.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain import Channel, Direction, TouchPoint
from followup.mail.message import Parsed
from followup.mail.rules import reply_needed
from followup.mail.snippet import snippet
from followup.planning.model import Source, Status
from followup.planning.promises import reply_follow_up
from followup.preferences import Preferences
from followup.store import Store
from followup.store.mail_messages import MailMessagesRepo

log = logging.getLogger(__name__)
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
SUMMARY_CAP = 200


@dataclass(slots=True)
class MailResult:
    logged: int = 0
    skipped: int = 0
    promises_opened: int = 0
    promises_closed: int = 0
    replies_read: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: MailResult) -> None:
        self.logged += other.logged
        self.skipped += other.skipped
        self.promises_opened += other.promises_opened
        self.promises_closed += other.promises_closed
        self.replies_read += other.replies_read
        self.errors += other.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "logged": self.logged,
            "skipped": self.skipped,
            "promises_opened": self.promises_opened,
            "promises_closed": self.promises_closed,
            "replies_read": self.replies_read,
            "errors": list(self.errors),
        }


def zone_for(when: datetime, preferred: list[str]) -> str:
    """An IANA zone for the message's own offset: a preferred zone (the
    contact's, the user's) when it has that offset then, else Etc/GMT±N."""
    offset = when.utcoffset() or timedelta(0)
    for name in preferred:
        try:
            if when.astimezone(ZoneInfo(name)).utcoffset() == offset:
                return name
        except (KeyError, ValueError):
            continue
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    if minutes % 60 == 0 and -14 * 60 <= minutes <= 12 * 60:
        hours = -minutes // 60  # Etc/GMT signs are inverted
        return f"Etc/GMT{hours:+d}"
    return "UTC"


class Ingestor:
    def __init__(self, store: Store, user_addresses: set[str], *, headers_only: bool = False) -> None:
        self.store = store
        self.prefs = Preferences.load(store)
        self.mine = {a.lower() for a in user_addresses if a}
        self.repo = MailMessagesRepo(store)
        self.book = self.repo.address_book()
        self.headers_only = headers_only
        self.zones = dict(store.conn.execute("SELECT id, tz FROM contacts").fetchall())

    def involved(self, msg: Parsed) -> list[int]:
        """The contacts a message is with: its sender (inbound), or its recipients (mine)."""
        if self.outbound(msg):
            found = [self.book.get(a) for _, a in msg.to + msg.cc]
        else:
            found = [self.book.get(msg.sender[1])] if msg.sender else []
        return list(dict.fromkeys(c for c in found if c is not None))

    def worth_reading(self, senders: set[str], recipients: set[str]) -> tuple[bool, bool]:
        """From addresses alone: (involves a contact, is mine). A message that is
        neither needs no further reading at all."""
        mine = bool(senders & self.mine)
        people = recipients if mine else senders
        return any(a in self.book for a in people), mine

    def outbound(self, msg: Parsed) -> bool:
        return bool(msg.sender and msg.sender[1] in self.mine)

    def when(self, msg: Parsed, fallback: datetime | None) -> datetime | None:
        """The message's time; a Date from before 1990 or from the future gives way to the arrival time."""
        now = self.store.clock.now()
        date = msg.date
        if date is not None and EARLIEST <= date <= now + timedelta(hours=12):
            return date
        if date is not None:
            msg.problems.append(f"implausible Date {date.isoformat()}")
        if fallback is not None and EARLIEST <= fallback <= now + timedelta(hours=12):
            return fallback
        return None

    def ingest(self, msg: Parsed, result: MailResult, *, fallback: datetime | None = None, where: str = "") -> None:
        contacts = self.involved(msg)
        outbound = self.outbound(msg)
        if not contacts:
            self._stranger(msg, outbound, fallback)
            result.skipped += 1
            return
        todo = [c for c in contacts if not self.repo.logged(msg.message_id, c)]
        if not todo:
            result.skipped += 1
            return
        at = self.when(msg, fallback)
        if at is None:
            result.skipped += 1
            result.errors.append(f"{where or msg.message_id}: no usable date ({', '.join(msg.problems)}); not logged.")
            return
        if msg.problems:
            log.info("message %s read with problems: %s", msg.message_id, "; ".join(msg.problems))
        text = snippet(msg.text)
        refs = msg.refs
        # a thread is named by its first message: a logged ancestor's thread, else the root it references
        root = msg.references[0] if msg.references else msg.in_reply_to or msg.message_id
        thread = self.repo.thread_key_of(refs) or root
        for contact_id in todo:
            self._log_one(msg, contact_id, at, text, refs, thread, outbound, result)
        if msg.calendar and msg.calendar_method in ("REPLY", "COUNTER") and not outbound:
            from followup.mail.imip_reply import apply_reply

            if apply_reply(self.store, msg.calendar, todo[0], at):
                result.replies_read += 1

    def _log_one(
        self,
        msg: Parsed,
        contact_id: int,
        at: datetime,
        text: str,
        refs: list[str],
        thread: str,
        outbound: bool,
        result: MailResult,
    ) -> None:
        store = self.store
        needs, _why = (False, "") if outbound else reply_needed(msg, self.mine, text)
        tz = zone_for(at, [self.zones.get(contact_id, "UTC"), self.prefs.user_tz])
        tp = TouchPoint(
            contact_id=contact_id,
            at=at.astimezone(UTC),
            channel=Channel.EMAIL,
            direction=Direction.OUT if outbound else Direction.IN,
            summary=(msg.subject or "(no subject)")[:SUMMARY_CAP],
            tz=tz,
            notes="" if self.headers_only else text,
            needs_reply=needs,
        )
        with store.transaction():
            before = store.contacts.row(contact_id).last_touched_at
            tp_id = store.touch_points.add(tp)
            self.repo.add(
                message_id=msg.message_id,
                contact_id=contact_id,
                touch_point_id=tp_id,
                direction="out" if outbound else "in",
                in_reply_to=msg.in_reply_to,
                refs=refs,
                thread_key=thread,
                at=tp.at,
            )
            if before is None or tp.at >= before:
                for fu in store.follow_ups.open_of_source(contact_id, Source.CADENCE):
                    assert fu.id is not None
                    store.follow_ups.close(fu.id, Status.DONE, tp.at, resolved_by=tp_id)
            if outbound:
                result.promises_closed += self._close_answered(refs, contact_id, tp_id, tp.at)
            elif needs:
                first = store.contacts.row(contact_id).name.split()[0]
                fu_id = store.follow_ups.add(reply_follow_up(tp, first, self.prefs))
                result.promises_opened += 1
                # The reply may have been logged first (a file import, Sent read before the inbox).
                answered = self.repo.first_reply_to(msg.message_id, contact_id)
                if answered and answered[1] >= tp.at:
                    store.follow_ups.close(fu_id, Status.DONE, answered[1], resolved_by=answered[0])
                    result.promises_closed += 1
        result.logged += 1

    def _close_answered(self, refs: list[str], contact_id: int, tp_id: int, at: datetime) -> int:
        """Close exactly the reply promises of the messages this reply names."""
        closed = 0
        for origin_id, origin_at in self.repo.inbound_answered_by(refs, contact_id):
            if origin_at > at:
                continue
            row = self.store.conn.execute(
                "SELECT id FROM follow_ups WHERE origin_touch_point_id = ? AND source = 'reply' AND status = 'open'",
                (origin_id,),
            ).fetchone()
            if row:
                self.store.follow_ups.close(int(row[0]), Status.DONE, at, resolved_by=tp_id)
                closed += 1
        return closed

    def _stranger(self, msg: Parsed, outbound: bool, fallback: datetime | None) -> None:
        """Remember who, not what: an address and how often, for 'people you write to'."""
        key = "<" + hashlib.sha256(msg.message_id.encode()).hexdigest()[:32] + ">"
        if self.repo.seen(key):
            return
        at = self.when(msg, fallback) or self.store.clock.now()
        with self.store.transaction():
            self.repo.mark_seen(key)
            if outbound:
                for name, addr in msg.to + msg.cc:
                    if addr not in self.mine:
                        self.repo.note_stranger(addr, name, sent=True, at=at)
            elif msg.sender and msg.sender[1] not in self.mine:
                self.repo.note_stranger(msg.sender[1], msg.sender[0], sent=False, at=at)
