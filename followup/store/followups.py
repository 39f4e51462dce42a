"""Follow-ups: what the user owes someone, and when."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from followup.errors import NotFoundError, ValidationError
from followup.planning.model import FollowUp, Source, Status
from followup.store.follow_up_rows import COLUMNS, FROM, read_follow_up
from followup.timeutil import to_db, zone
from followup.validation import clean_line, clean_notes

if TYPE_CHECKING:
    from followup.store.store import Store


def validate_follow_up(fu: FollowUp) -> None:
    fu.title = clean_line(fu.title, "The follow-up's title", 300, required=True)
    fu.notes = clean_notes(fu.notes)
    zone(fu.tz)
    if fu.due is None and fu.due_date is None:
        raise ValidationError("A follow-up needs a due time or a due date.")


INSERT_TIMED = """INSERT INTO follow_ups (contact_id, engagement_id, step_key, phase, source, title, notes, channel,
           tz, all_day, due_date, due_utc, snoozed_until_utc, wake_utc, status, completed_at,
           origin_touch_point_id, resolved_by_touch_point_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?, ?, ?, ?17, ?17)"""


def timed_rows(follow_ups: Iterable[FollowUp], now: str) -> list[tuple[object, ...]]:
    """The rows of timed follow-ups as ``add_many`` writes them, each checked
    as ``add`` checks it; ``now`` (database text) is when they were made.
    Touches no database: the demo makes them on a thread of its own."""
    zones: set[str] = set()
    rows: list[tuple[object, ...]] = []
    for fu in follow_ups:
        if fu.tz not in zones:
            zone(fu.tz)
            zones.add(fu.tz)
        fu.title = clean_line(fu.title, "The follow-up's title", 300, required=True)
        fu.notes = clean_notes(fu.notes)
        if fu.due is None:
            raise ValidationError("add_many takes timed follow-ups only.")
        due_utc = to_db(fu.due)
        rows.append(
            (
                fu.contact_id,
                fu.engagement_id,
                fu.step_key,
                fu.phase.value if fu.phase else None,
                fu.source.value,
                fu.title,
                fu.notes,
                fu.channel,
                fu.tz,
                due_utc,
                to_db(fu.snoozed_until) if fu.snoozed_until else None,
                to_db(fu.snoozed_until) if fu.snoozed_until else due_utc,
                fu.status.value,
                to_db(fu.completed_at) if fu.completed_at else None,
                fu.origin_touch_point_id,
                fu.resolved_by_touch_point_id,
                now,
            )
        )
    return rows


class FollowUpsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- reading -----------------------------------------------------------------

    def get(self, follow_up_id: int) -> FollowUp:
        row = self._store.conn.execute(f"SELECT {COLUMNS} {FROM} WHERE f.id = ?", (follow_up_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
        return read_follow_up(row)

    def due_instant(self, follow_up_id: int) -> datetime:
        """When it falls due, as an instant (an all-day item: its day's start)."""
        row = self._store.conn.execute("SELECT due_utc FROM follow_ups WHERE id = ?", (follow_up_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")
        return datetime.fromisoformat(row[0])

    def due(self, until: datetime, *, limit: int | None = None) -> list[FollowUp]:
        """Open follow-ups that are due (or whose snooze ended) at or before
        ``until``, oldest first: all of them, or the oldest ``limit``."""
        return list(self.iter_due(until, limit=limit))

    def iter_due(self, until: datetime, *, limit: int | None = None) -> Iterator[FollowUp]:
        """As ``due``, one at a time, read from the partial index on wake time
        as they are consumed (nothing is dropped, nothing is held)."""
        rows = self._store.conn.execute(
            f"""SELECT {COLUMNS} {FROM}
                WHERE f.status = 'open' AND f.wake_utc <= ?
                ORDER BY f.wake_utc, f.id LIMIT ?""",
            (to_db(until), -1 if limit is None else limit),
        )
        for row in rows:
            yield read_follow_up(row)

    def count_due(self, until: datetime) -> int:
        return int(
            self._store.conn.execute(
                "SELECT count(*) FROM follow_ups WHERE status = 'open' AND wake_utc <= ?", (to_db(until),)
            ).fetchone()[0]
        )

    def waking_between(
        self, start: datetime | None, end: datetime, *, limit: int = 10_000
    ) -> tuple[list[FollowUp], int]:
        """Open follow-ups that wake in [start, end): the most pressing ``limit``
        of them (reply promises, then planned steps, then stay-in-touch; oldest
        first within each), and how many there are in all.

        Each kind of source is read from the index on (source, wake time) of
        open items, at most ``limit`` rows each: nothing is sorted but what
        is shown, however many are overdue."""
        low, high = (to_db(start) if start else ""), to_db(end)
        conn = self._store.conn
        total = conn.execute(
            "SELECT count(*) FROM follow_ups WHERE status = 'open' AND wake_utc >= ? AND wake_utc < ?",
            (low, high),
        ).fetchone()[0]
        picked: list[FollowUp] = []
        for sources in _TODAY_ORDER:
            if len(picked) >= limit:
                break
            want = limit - len(picked)
            ranges = " UNION ALL ".join(
                f"""SELECT * FROM (SELECT id, wake_utc FROM follow_ups INDEXED BY follow_ups_open_source_wake
                       WHERE status = 'open' AND source = '{source}' AND wake_utc >= :low AND wake_utc < :high
                       ORDER BY wake_utc, id LIMIT :want)"""
                for source in sources
            )
            rows = conn.execute(
                f"""SELECT {COLUMNS} FROM ({ranges}) w CROSS JOIN follow_ups f ON f.id = w.id
                    JOIN contacts c ON c.id = f.contact_id
                    ORDER BY w.wake_utc, w.id LIMIT :want""",
                {"low": low, "high": high, "want": want},
            )
            picked += [read_follow_up(r) for r in rows]
        return picked, int(total)

    def open_in(
        self, low: datetime | None, high: datetime, where: str, params: dict[str, str], *, limit: int = 10_000
    ) -> list[FollowUp]:
        """Open follow-ups waking in [low, high) (a range on the wake index)
        that also meet ``where`` (SQL on ``f``, named ``params``), in due order:
        the first ``limit`` of them."""
        bounds = {"low": to_db(low) if low else "", "high": to_db(high), **params}
        where_all = f"f.status = 'open' AND f.wake_utc >= :low AND f.wake_utc < :high AND ({where})"
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} {FROM} WHERE {where_all} ORDER BY f.wake_utc, f.id LIMIT :limit",
            {**bounds, "limit": limit},
        )
        return [read_follow_up(r) for r in rows]

    def count_waking(self, low: datetime | None, high: datetime) -> int:
        """How many open follow-ups wake in [low, high): the wake index alone."""
        row = self._store.conn.execute(
            "SELECT count(*) FROM follow_ups WHERE status = 'open' AND wake_utc >= ? AND wake_utc < ?",
            (to_db(low) if low else "", to_db(high)),
        ).fetchone()
        return int(row[0])

    def all_day_waking(self, low: datetime, high: datetime) -> list[tuple[datetime, date]]:
        """(wake, date) of the open all-day follow-ups, not snoozed, waking in [low, high)."""
        rows = self._store.conn.execute(
            """SELECT wake_utc, due_date FROM follow_ups WHERE status = 'open' AND wake_utc >= ? AND wake_utc < ?
                   AND all_day = 1 AND snoozed_until_utc IS NULL AND due_date IS NOT NULL""",
            (to_db(low), to_db(high)),
        )
        return [(datetime.fromisoformat(w), date.fromisoformat(d)) for w, d in rows]

    def for_contact(self, contact_id: int, *, open_only: bool = True, limit: int = 200) -> list[FollowUp]:
        status = "AND f.status = 'open'" if open_only else ""
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} {FROM} WHERE f.contact_id = ? {status} ORDER BY f.wake_utc LIMIT ?",
            (contact_id, limit),
        )
        return [read_follow_up(r) for r in rows]

    def recently_closed(self, contact_id: int, *, limit: int = 20) -> list[FollowUp]:
        """The contact's latest done or skipped follow-ups (the newest first), to reopen."""
        rows = self._store.conn.execute(
            f"""SELECT {COLUMNS} {FROM} WHERE f.contact_id = ? AND f.status IN ('done', 'skipped')
                ORDER BY f.completed_at DESC, f.id DESC LIMIT ?""",
            (contact_id, limit),
        )
        return [read_follow_up(r) for r in rows]

    def for_engagement(self, engagement_id: int) -> list[FollowUp]:
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} {FROM} WHERE f.engagement_id = ? ORDER BY f.due_utc, f.id", (engagement_id,)
        )
        return [read_follow_up(r) for r in rows]

    def open_of_source(self, contact_id: int, source: Source) -> list[FollowUp]:
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} {FROM} WHERE f.contact_id = ? AND f.source = ? AND f.status = 'open' ORDER BY f.due_utc",
            (contact_id, source.value),
        )
        return [read_follow_up(r) for r in rows]

    def closed_by(self, touch_point_id: int) -> list[FollowUp]:
        """Follow-ups closed by this touch point (the promises it kept)."""
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} {FROM} WHERE f.resolved_by_touch_point_id = ? AND f.status != 'open' ORDER BY f.id",
            (touch_point_id,),
        )
        return [read_follow_up(r) for r in rows]

    def opened_by(self, touch_point_id: int) -> list[FollowUp]:
        """The reply promise this touch point (a message) opened, if any."""
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} {FROM} WHERE f.origin_touch_point_id = ? AND f.source = 'reply' ORDER BY f.id",
            (touch_point_id,),
        )
        return [read_follow_up(r) for r in rows]

    def set_origin(self, follow_up_id: int, touch_point_id: int | None) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE follow_ups SET origin_touch_point_id = ?, updated_at = ? WHERE id = ?",
                (touch_point_id, to_db(self._store.clock.now()), follow_up_id),
            )

    def count_open(self) -> int:
        return int(self._store.conn.execute("SELECT count(*) FROM follow_ups WHERE status = 'open'").fetchone()[0])

    # -- writing -----------------------------------------------------------------

    def add(self, fu: FollowUp, *, day_start: datetime | None = None) -> int:
        """Store a follow-up. ``day_start`` is the instant an all-day follow-up
        becomes due (its date's working morning), computed by the caller."""
        validate_follow_up(fu)
        due_utc = fu.due or day_start
        if due_utc is None:
            raise ValidationError("An all-day follow-up needs the instant its day starts.")
        now = to_db(self._store.clock.now())
        # One INSERT is atomic by itself: inside a caller's transaction it
        # needs no savepoint of its own (saves two statements per follow-up
        # when a plan or an import writes thousands).
        with self._store.transaction(savepoint=False) as conn:
            cur = conn.execute(
                """INSERT INTO follow_ups (contact_id, engagement_id, step_key, phase, source, title, notes, channel,
                       tz, all_day, due_date, due_utc, snoozed_until_utc, wake_utc, status, completed_at,
                       origin_touch_point_id, resolved_by_touch_point_id, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    fu.contact_id,
                    fu.engagement_id,
                    fu.step_key,
                    fu.phase.value if fu.phase else None,
                    Source(fu.source).value,
                    fu.title,
                    fu.notes,
                    fu.channel,
                    fu.tz,
                    int(fu.due is None),
                    fu.due_date.isoformat() if fu.due is None and fu.due_date else None,
                    to_db(due_utc),
                    to_db(fu.snoozed_until) if fu.snoozed_until else None,
                    to_db(fu.snoozed_until or due_utc),
                    Status(fu.status).value,
                    to_db(fu.completed_at) if fu.completed_at else None,
                    fu.origin_touch_point_id,
                    fu.resolved_by_touch_point_id,
                    now,
                    now,
                ),
            )
            fu.id = int(cur.lastrowid or 0)
        return fu.id

    def add_many(self, follow_ups: Iterable[FollowUp]) -> None:
        """Store timed follow-ups in one statement (demo data, cadences): each
        checked as ``add`` checks it; ids are given in order."""
        self.add_rows(timed_rows(follow_ups, to_db(self._store.clock.now())))

    def add_rows(self, rows: list[tuple[object, ...]]) -> None:
        """Store the rows :func:`timed_rows` made, in one statement."""
        with self._store.transaction() as conn:
            conn.executemany(INSERT_TIMED, rows)

    def close(self, follow_up_id: int, status: Status, at: datetime, *, resolved_by: int | None = None) -> None:
        """Done, skipped or cancelled: the record stays, with when it closed."""
        if status == Status.OPEN:
            raise ValueError("close() takes a closing status")
        with self._store.transaction() as conn:
            cur = conn.execute(
                """UPDATE follow_ups SET status = ?, completed_at = ?, resolved_by_touch_point_id =
                       coalesce(?, resolved_by_touch_point_id), updated_at = ? WHERE id = ?""",
                (status.value, to_db(at), resolved_by, to_db(self._store.clock.now()), follow_up_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")

    def reopen(self, follow_up_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE follow_ups SET status = 'open', completed_at = NULL, resolved_by_touch_point_id = NULL, "
                "updated_at = ? WHERE id = ?",
                (to_db(self._store.clock.now()), follow_up_id),
            )

    def snooze(self, follow_up_id: int, until: datetime | None) -> None:
        """Hide until ``until`` (None: wake it now, at its due time)."""
        with self._store.transaction() as conn:
            cur = conn.execute(
                """UPDATE follow_ups SET snoozed_until_utc = ?, wake_utc = coalesce(?, due_utc), updated_at = ?
                   WHERE id = ? AND status = 'open'""",
                (
                    to_db(until) if until else None,
                    to_db(until) if until else None,
                    to_db(self._store.clock.now()),
                    follow_up_id,
                ),
            )
            if cur.rowcount == 0:
                self.get(follow_up_id)  # raises NotFoundError for an unknown id
                raise ValidationError(f"Follow-up {follow_up_id} is closed; only open follow-ups can be snoozed.")

    def reschedule(self, follow_up_id: int, due: datetime, due_date: date | None = None) -> None:
        """A new due time (and date, for all-day items); any snooze is cleared."""
        with self._store.transaction() as conn:
            cur = conn.execute(
                """UPDATE follow_ups SET due_utc = ?, due_date = ?, all_day = ?, snoozed_until_utc = NULL,
                       wake_utc = ?, updated_at = ? WHERE id = ?""",
                (
                    to_db(due),
                    due_date.isoformat() if due_date else None,
                    int(due_date is not None),
                    to_db(due),
                    to_db(self._store.clock.now()),
                    follow_up_id,
                ),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no follow-up with id {follow_up_id}.")

    def update_planned(self, follow_up_id: int, fu: FollowUp, day_start: datetime | None) -> None:
        """Re-planning an open follow-up: new title, notes, channel and time."""
        validate_follow_up(fu)
        due_utc = fu.due or day_start
        assert due_utc is not None
        with self._store.transaction() as conn:
            conn.execute(
                """UPDATE follow_ups SET title = ?, notes = ?, channel = ?, tz = ?, phase = ?, all_day = ?,
                       due_date = ?, due_utc = ?, wake_utc = coalesce(snoozed_until_utc, ?), updated_at = ?
                   WHERE id = ? AND status = 'open'""",
                (
                    fu.title,
                    fu.notes,
                    fu.channel,
                    fu.tz,
                    fu.phase.value if fu.phase else None,
                    int(fu.due is None),
                    fu.due_date.isoformat() if fu.due is None and fu.due_date else None,
                    to_db(due_utc),
                    to_db(due_utc),
                    to_db(self._store.clock.now()),
                    follow_up_id,
                ),
            )


# Today's order: promises to answer, then planned and manual steps (merged
# by wake time), then stay-in-touch nudges.
_TODAY_ORDER = (("reply",), ("plan", "manual"), ("cadence",))
