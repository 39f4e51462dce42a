"""The relationship log: touch points, their full-text index, last-touched."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from followup.domain import Channel, Direction, Mood, NoteHit, TouchPoint
from followup.errors import NotFoundError, ValidationError
from followup.store.snippets import HIT_END as HIT_END  # re-exported: the UI and tests read them here
from followup.store.snippets import HIT_START as HIT_START
from followup.store.snippets import long_snippet
from followup.timeutil import from_db, to_db
from followup.validation import validate_touch_point

if TYPE_CHECKING:
    from followup.store.store import Store

# A touch point is something that happened; a little slack covers clock skew
# and a user logging a call that is just about to end.
FUTURE_SLACK = timedelta(hours=12)
SNIPPET_IN_SQL_MAX = 50_000  # characters of notes past which the snippet is cut in Python

_COLUMNS = (
    "id, contact_id, at_utc, tz, channel, direction, summary, notes, mood, needs_reply, difficult, satisfaction, "
    "referral"
)


class TouchPointsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, touch_point_id: int) -> TouchPoint:
        row = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM touch_points WHERE id = ?", (touch_point_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no touch point with id {touch_point_id}.")
        return _touch_point(row)

    def for_contact(self, contact_id: int, *, limit: int | None = None, offset: int = 0) -> list[TouchPoint]:
        """A contact's touch points, newest first."""
        rows = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM touch_points WHERE contact_id = ? ORDER BY at_utc DESC, id DESC LIMIT ? OFFSET ?",
            (contact_id, -1 if limit is None else limit, offset),
        )
        return [_touch_point(r) for r in rows]

    def count_for(self, contact_id: int) -> int:
        return int(
            self._store.conn.execute(
                "SELECT count(*) FROM touch_points WHERE contact_id = ?", (contact_id,)
            ).fetchone()[0]
        )

    def count(self) -> int:
        return int(self._store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0])

    def add(self, tp: TouchPoint) -> int:
        self._check(tp)
        now = to_db(self._store.clock.now())
        with self._store.transaction() as conn:
            _require_contact(conn, tp.contact_id)
            cur = conn.execute(
                """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes, mood,
                       needs_reply, difficult, satisfaction, referral, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (*_values(tp), now, now),
            )
            tp.id = int(cur.lastrowid or 0)
            _refresh_last_touched(conn, tp.contact_id)
        return tp.id

    def update(self, tp: TouchPoint) -> None:
        if tp.id is None:
            raise ValueError("update() needs a touch point with an id")
        self._check(tp)
        with self._store.transaction() as conn:
            old = conn.execute("SELECT contact_id FROM touch_points WHERE id = ?", (tp.id,)).fetchone()
            if old is None:
                raise NotFoundError(f"There is no touch point with id {tp.id}.")
            _require_contact(conn, tp.contact_id)
            conn.execute(
                """UPDATE touch_points SET contact_id = ?, at_utc = ?, tz = ?, channel = ?, direction = ?,
                       summary = ?, notes = ?, mood = ?, needs_reply = ?, difficult = ?, satisfaction = ?,
                       referral = ?, updated_at = ? WHERE id = ?""",
                (*_values(tp), to_db(self._store.clock.now()), tp.id),
            )
            _refresh_last_touched(conn, tp.contact_id)
            if old[0] != tp.contact_id:
                _refresh_last_touched(conn, old[0])

    def delete(self, touch_point_id: int) -> TouchPoint:
        """Delete one entry; returns it so that Undo can add it back."""
        with self._store.transaction() as conn:
            tp = self.get(touch_point_id)
            conn.execute("DELETE FROM touch_points WHERE id = ?", (touch_point_id,))
            _refresh_last_touched(conn, tp.contact_id)
        return tp

    def restore(self, tp: TouchPoint) -> None:
        """Put back a deleted touch point under its old id."""
        now = to_db(self._store.clock.now())
        with self._store.transaction() as conn:
            _require_contact(conn, tp.contact_id)
            conn.execute(
                """INSERT INTO touch_points (id, contact_id, at_utc, tz, channel, direction, summary, notes, mood,
                       needs_reply, difficult, satisfaction, referral, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (tp.id, *_values(tp), now, now),
            )
            _refresh_last_touched(conn, tp.contact_id)

    def search(self, text: str, *, limit: int = 200, order: str = "newest") -> list[NoteHit]:
        """Full-text search over summaries and notes: ``order`` "newest" (the
        touch points' own times, newest first), "logged" (the most recently
        logged first: walks the index and stops at the limit, the fastest),
        or "relevance" (bm25, the best match first).

        The snippet comes from the notes alone (the summary is shown beside
        it already); when only the summary matched, it is the notes' start.

        Each word the user typed must appear (as a prefix, any accents); FTS5
        syntax characters are neutralised, so any input is safe to pass.
        """
        query = fts_query(text)
        if not query:
            return []
        if order not in _SEARCH_ORDERS:
            raise ValueError(f"unknown search order {order!r}")
        # FTS5's snippet() scores every phrase instance against every other:
        # on a 4.9-million-character note with thousands of hits that took
        # 17-34 s. Past SNIPPET_IN_SQL_MAX characters the snippet is cut here
        # instead, around the first match (bench/bench_huge_notes.py).
        rows = self._store.conn.execute(
            f"""SELECT t.id, t.contact_id, c.name, t.at_utc, t.summary,
                      CASE WHEN length(t.notes) <= {SNIPPET_IN_SQL_MAX}
                           THEN snippet(touch_points_fts, 1, '{HIT_START}', '{HIT_END}', '…', 16) END,
                      CASE WHEN length(t.notes) > {SNIPPET_IN_SQL_MAX} THEN t.notes END
               FROM touch_points_fts
               JOIN touch_points t ON t.id = touch_points_fts.rowid
               JOIN contacts c ON c.id = t.contact_id
               WHERE touch_points_fts MATCH ?
               ORDER BY {_SEARCH_ORDERS[order]}
               LIMIT ?""",
            (query, limit),
        )
        words = re.findall(r"\w+", text, flags=re.UNICODE)[:20]
        return [
            NoteHit(r[0], r[1], r[2], from_db(r[3]), r[4], r[5] if r[6] is None else long_snippet("", r[6], words))
            for r in rows
        ]

    def _check(self, tp: TouchPoint) -> None:
        validate_touch_point(tp)
        if tp.at > self._store.clock.now() + FUTURE_SLACK:
            raise ValidationError(
                "A touch point is something that has happened; this one is in the future. "
                "Plan it as a follow-up instead."
            )


_SEARCH_ORDERS = {
    "newest": "t.at_utc DESC, t.id DESC",
    "logged": "touch_points_fts.rowid DESC",
    "relevance": "touch_points_fts.rank, t.at_utc DESC",
}


def fts_query(text: str) -> str:
    """User words to an FTS5 query: every word, as a quoted prefix.

    A one-letter word is matched whole: as a prefix it would expand to every
    term starting with that letter (50 ms over 200,000 notes) and match
    nearly everything anyway. Two- and three-letter prefixes have their own
    index (prefix='2 3'), so they are fast.
    """
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f'"{w}"' if len(w) == 1 else f'"{w}"*' for w in words[:20])


def _require_contact(conn: sqlite3.Connection, contact_id: int) -> None:
    if not conn.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone():
        raise NotFoundError(f"There is no contact with id {contact_id}.")


def _refresh_last_touched(conn: sqlite3.Connection, contact_id: int) -> None:
    conn.execute(
        "UPDATE contacts SET last_touched_at = (SELECT max(at_utc) FROM touch_points WHERE contact_id = ?) "
        "WHERE id = ?",
        (contact_id, contact_id),
    )


def _values(tp: TouchPoint) -> tuple[object, ...]:
    return (
        tp.contact_id,
        to_db(tp.at),
        tp.tz,
        Channel(tp.channel).value,
        Direction(tp.direction).value,
        tp.summary,
        tp.notes,
        Mood(tp.mood).value if tp.mood else None,
        int(tp.needs_reply),
        int(tp.difficult),
        tp.satisfaction,
        tp.referral,
    )


def _touch_point(row: tuple[Any, ...]) -> TouchPoint:
    (tp_id, contact_id, at, tz, channel, direction, summary, notes, mood, needs_reply, difficult, sat, referral) = row
    return TouchPoint(
        id=int(tp_id),
        contact_id=int(contact_id),
        at=from_db(str(at)),
        tz=str(tz),
        channel=Channel(channel),
        direction=Direction(direction),
        summary=str(summary),
        notes=str(notes),
        mood=Mood(mood) if mood else None,
        needs_reply=bool(needs_reply),
        difficult=bool(difficult),
        satisfaction=int(sat) if sat is not None else None,
        referral=str(referral) if referral else None,
    )
