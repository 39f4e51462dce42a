"""Messages logged as touch points (their Message-ID, thread and references),
and the addresses seen that are not contacts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from followup.timeutil import from_db, to_db

if TYPE_CHECKING:
    from followup.store.store import Store


class Stranger(NamedTuple):
    address: str
    name: str
    sent: int
    received: int
    last_at: str


class Thread(NamedTuple):
    thread_key: str
    messages: int
    first_touch_point_id: int
    last_touch_point_id: int
    last_at: datetime


class MailMessagesRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def address_book(self) -> dict[str, int]:
        """Every contact's addresses (lower case) -> contact id; archived contacts too."""
        rows = self._store.conn.execute(
            "SELECT address_lower, contact_id FROM contact_emails ORDER BY contact_id, position"
        )
        book: dict[str, int] = {}
        for addr, cid in rows:
            book.setdefault(str(addr), int(cid))
        return book

    def logged(self, message_id: str, contact_id: int) -> bool:
        return (
            self._store.conn.execute(
                "SELECT 1 FROM mail_messages WHERE message_id = ? AND contact_id = ?", (message_id, contact_id)
            ).fetchone()
            is not None
        )

    def add(
        self,
        *,
        message_id: str,
        contact_id: int,
        touch_point_id: int,
        direction: str,
        in_reply_to: str,
        refs: Iterable[str],
        thread_key: str,
        at: datetime,
    ) -> int:
        with self._store.transaction(savepoint=False) as conn:
            cur = conn.execute(
                "INSERT INTO mail_messages (message_id, contact_id, touch_point_id, direction, in_reply_to, "
                "thread_key, at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (message_id, contact_id, touch_point_id, direction, in_reply_to, thread_key, to_db(at)),
            )
            row = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT OR IGNORE INTO mail_references (message_row, ref) VALUES (?, ?)", [(row, r) for r in refs]
            )
        return row

    def thread_key_of(self, refs: list[str]) -> str | None:
        """The thread an earlier logged message of these references belongs to."""
        for ref in refs:
            row = self._store.conn.execute(
                "SELECT thread_key FROM mail_messages WHERE message_id = ? LIMIT 1", (ref,)
            ).fetchone()
            if row:
                return str(row[0])
        return None

    def inbound_answered_by(self, refs: list[str], contact_id: int) -> list[tuple[int, datetime]]:
        """(touch point id, time) of this contact's inbound messages that ``refs`` name."""
        if not refs:
            return []
        marks = ",".join("?" * len(refs))
        rows = self._store.conn.execute(
            f"SELECT touch_point_id, at_utc FROM mail_messages WHERE direction = 'in' AND contact_id = ? "
            f"AND touch_point_id IS NOT NULL AND message_id IN ({marks})",
            (contact_id, *refs),
        )
        return [(int(r[0]), from_db(str(r[1]))) for r in rows]

    def first_reply_to(self, message_id: str, contact_id: int) -> tuple[int, datetime] | None:
        """My earliest logged message to this contact that answers ``message_id``."""
        row = self._store.conn.execute(
            "SELECT m.touch_point_id, m.at_utc FROM mail_references r JOIN mail_messages m ON m.id = r.message_row "
            "WHERE r.ref = ? AND m.direction = 'out' AND m.contact_id = ? AND m.touch_point_id IS NOT NULL "
            "ORDER BY m.at_utc LIMIT 1",
            (message_id, contact_id),
        ).fetchone()
        return (int(row[0]), from_db(str(row[1]))) if row else None

    def note_stranger(self, address: str, name: str, *, sent: bool, at: datetime) -> None:
        with self._store.transaction(savepoint=False) as conn:
            conn.execute(
                """INSERT INTO mail_strangers (address_lower, name, sent, received, last_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (address_lower) DO UPDATE SET name = CASE WHEN excluded.name != '' THEN excluded.name
                       ELSE name END, sent = sent + excluded.sent, received = received + excluded.received,
                       last_at = max(last_at, excluded.last_at)""",
                (address, name, int(sent), int(not sent), to_db(at)),
            )

    def seen(self, message_id: str) -> bool:
        return (
            self._store.conn.execute("SELECT 1 FROM mail_seen WHERE message_id = ?", (message_id,)).fetchone()
            is not None
        )

    def mark_seen(self, message_id: str) -> None:
        with self._store.transaction(savepoint=False) as conn:
            conn.execute("INSERT OR IGNORE INTO mail_seen (message_id) VALUES (?)", (message_id,))

    def strangers(self, limit: int = 20) -> list[Stranger]:
        """People written to most who are not contacts (now or since)."""
        rows = self._store.conn.execute(
            "SELECT s.address_lower, s.name, s.sent, s.received, s.last_at FROM mail_strangers s "
            "WHERE s.sent > 0 AND NOT EXISTS (SELECT 1 FROM contact_emails e WHERE e.address_lower = s.address_lower) "
            "ORDER BY s.sent DESC, s.received DESC, s.last_at DESC LIMIT ?",
            (limit,),
        )
        return [Stranger(*r) for r in rows]

    def threads(self, contact_id: int) -> list[Thread]:
        """A contact's mail as threads, newest first: one line each, with its count."""
        rows = self._store.conn.execute(
            "SELECT thread_key, count(*), min(touch_point_id), max(touch_point_id), max(at_utc) FROM mail_messages "
            "WHERE contact_id = ? AND touch_point_id IS NOT NULL GROUP BY thread_key ORDER BY max(at_utc) DESC",
            (contact_id,),
        )
        return [Thread(str(r[0]), int(r[1]), int(r[2]), int(r[3]), from_db(str(r[4]))) for r in rows]

    def thread_keys(self, contact_id: int) -> dict[int, str]:
        """touch point id -> its thread, for a contact's logged mail (the timeline groups by it)."""
        rows = self._store.conn.execute(
            "SELECT touch_point_id, thread_key FROM mail_messages WHERE contact_id = ? AND touch_point_id IS NOT NULL",
            (contact_id,),
        )
        return {int(r[0]): str(r[1]) for r in rows}
