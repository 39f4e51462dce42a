"""Acting on many follow-ups at once: done, skip, snooze, reschedule, and
tidying what has been overdue for long (3,000 stay-in-touch nudges after an
import), each in one transaction and undoable in one step.

Set-based, as in bulk_contacts: the selection is one JSON array. A
follow-up closed or deleted meanwhile (by another process) is left alone and
counted; a selection of which nothing open is left is refused.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.changes import Changes
from followup.errors import NotFoundError, ValidationError
from followup.planning.model import Source, Status
from followup.planning.schedule import local_at, next_working_morning
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db

IDS = "SELECT value FROM json_each(?)"
# What Undo writes back: the follow-up's state and times as they were.
_STATE = "status, completed_at, resolved_by_touch_point_id, due_utc, due_date, all_day, snoozed_until_utc, wake_utc"


@dataclass(slots=True)
class BulkFollowUps:
    """What one bulk action did, and what its Undo needs."""

    action: str  # done, skip, snooze, reschedule
    changed: list[int] = field(default_factory=list)
    left: int = 0  # open but left as they were (snooze: due after that time already)
    gone: int = 0  # closed or deleted meanwhile
    before: list[tuple[Any, ...]] = field(default_factory=list)  # (id, *_STATE, updated_at)
    contact_ids: frozenset[int] = frozenset()

    @property
    def changes(self) -> Changes:
        ids = self.contact_ids if len(self.contact_ids) <= 200 else frozenset()
        return Changes(follow_ups=True, contacts=bool(ids), contact_ids=ids)


def _selection(ids: Collection[int]) -> str:
    unique = list(dict.fromkeys(int(i) for i in ids))
    if not unique:
        raise ValidationError("Select at least one follow-up first.")
    return json.dumps(unique)


def _open_ones(store: Store, selection: str) -> list[tuple[Any, ...]]:
    """The selected follow-ups still open, as they are (for Undo); refuses when none is."""
    # one JSON array, read in one step (a row at a time starves the GUI thread of the GIL: bulk_contacts._all)
    (text,) = store.conn.execute(
        f"""SELECT coalesce(json_group_array(json_array(id, {_STATE}, updated_at, contact_id)), '[]')
            FROM follow_ups WHERE status = 'open' AND id IN ({IDS})""",
        (selection,),
    ).fetchone()
    rows = [tuple(r) for r in json.loads(text)]
    if not rows:
        n = len(json.loads(selection))
        raise NotFoundError(
            "That follow-up is no longer open (done, skipped or deleted elsewhere)."
            if n == 1
            else f"None of the {n:,} selected follow-ups is open any more (done, skipped or deleted elsewhere)."
        )
    return rows


def _apply(store: Store, action: str, ids: Collection[int], sql: str, params: Iterable[Any]) -> BulkFollowUps:
    """Run ``sql`` (an UPDATE of open follow-ups ``WHERE ... AND id IN (IDS)``, the
    selection its last parameter, RETURNING id) and keep what Undo needs."""
    selection = _selection(ids)
    wanted = len(json.loads(selection))
    with store.transaction() as conn:
        rows = _open_ones(store, selection)
        changed = {r for (r,) in conn.execute(sql, (*params, selection)).fetchall()}
    before = [r[:-1] for r in rows if r[0] in changed]
    contacts = frozenset(r[-1] for r in rows if r[0] in changed)
    return BulkFollowUps(action, sorted(changed), len(rows) - len(changed), wanted - len(rows), before, contacts)


def complete(store: Store, ids: Collection[int]) -> BulkFollowUps:
    """Mark done (no touch point is logged: that is one at a time, in Done…)."""
    return _close(store, ids, Status.DONE)


def skip(store: Store, ids: Collection[int]) -> BulkFollowUps:
    return _close(store, ids, Status.SKIPPED)


def _close(store: Store, ids: Collection[int], status: Status) -> BulkFollowUps:
    now = to_db(store.clock.now())
    sql = f"""UPDATE follow_ups SET status = ?, completed_at = ?, updated_at = ?
              WHERE status = 'open' AND id IN ({IDS}) RETURNING id"""
    return _apply(store, "done" if status is Status.DONE else "skip", ids, sql, (status.value, now, now))


def snooze(store: Store, ids: Collection[int], until: datetime) -> BulkFollowUps:
    """Hide the selected follow-ups until ``until``. As one at a time, a snooze
    never brings anything forward: those due after ``until`` are left as they are."""
    if until <= store.clock.now():
        raise ValidationError("Snooze until a time in the future.")
    at, now = to_db(until), to_db(store.clock.now())
    sql = f"""UPDATE follow_ups SET snoozed_until_utc = ?1, wake_utc = ?1, updated_at = ?2
              WHERE status = 'open' AND due_utc <= ?1 AND id IN ({IDS}) RETURNING id"""
    return _apply(store, "snooze", ids, sql, (at, now))


def reschedule(store: Store, ids: Collection[int], due: datetime) -> BulkFollowUps:
    """A new due time for every selected follow-up (any snooze is cleared)."""
    at, now = to_db(due), to_db(store.clock.now())
    sql = f"""UPDATE follow_ups SET due_utc = ?1, due_date = NULL, all_day = 0, snoozed_until_utc = NULL,
                  wake_utc = ?1, updated_at = ?2
              WHERE status = 'open' AND id IN ({IDS}) RETURNING id"""
    return _apply(store, "reschedule", ids, sql, (at, now))


def undo(store: Store, done: BulkFollowUps) -> None:
    """Every follow-up ``done`` changed is as it was, in one transaction."""
    # One statement over the rows as one JSON array (not one UPDATE per row:
    # 47 s for the undo of a tidy of 100,000 nudges).
    with store.transaction() as conn:
        conn.execute(
            """UPDATE follow_ups SET status = b.value ->> 1, completed_at = b.value ->> 2,
                   resolved_by_touch_point_id = b.value ->> 3, due_utc = b.value ->> 4, due_date = b.value ->> 5,
                   all_day = b.value ->> 6, snoozed_until_utc = b.value ->> 7, wake_utc = b.value ->> 8,
                   updated_at = b.value ->> 9
               FROM json_each(?) AS b WHERE follow_ups.id = b.value ->> 0""",
            (json.dumps(done.before),),
        )


# -- tidying what has been overdue for long ---------------------------------------


@dataclass(frozen=True, slots=True)
class Tidy:
    """Which overdue follow-ups to tidy: due more than ``older_than_days`` ago,
    stay-in-touch nudges only or every kind, snoozed by ``snooze_days``."""

    older_than_days: int = 90
    nudges_only: bool = True
    snooze_days: int = 7

    def check(self) -> None:
        if not 0 <= self.older_than_days <= 36_500:
            raise ValidationError("“Older than” is between 0 and 36,500 days.")
        if not 1 <= self.snooze_days <= 3650:
            raise ValidationError("Snooze by 1 to 3,650 days.")


def _tidy_where(tidy: Tidy, now: datetime) -> tuple[str, tuple[Any, ...]]:
    """Open, overdue now (not snoozed into the future), due before the cut-off."""
    cutoff = to_db(now - timedelta(days=tidy.older_than_days))
    where = "status = 'open' AND wake_utc < ? AND due_utc < ?"
    params: tuple[Any, ...] = (to_db(now), cutoff)
    if tidy.nudges_only:
        where += " AND source = ?"
        params += (Source.CADENCE.value,)
    return where, params


def tidy_ids(store: Store, tidy: Tidy) -> list[int]:
    """The follow-ups ``tidy`` would snooze."""
    tidy.check()
    where, params = _tidy_where(tidy, store.clock.now())
    return [r for (r,) in store.conn.execute(f"SELECT id FROM follow_ups WHERE {where} ORDER BY id", params)]


def count_tidy(store: Store, tidy: Tidy) -> int:
    tidy.check()
    where, params = _tidy_where(tidy, store.clock.now())
    return int(store.conn.execute(f"SELECT count(*) FROM follow_ups WHERE {where}", params).fetchone()[0])


def tidy_until(now: datetime, days: int, prefs: Preferences) -> datetime:
    """``days`` from now, at the start of that day's working morning (the user's)."""
    tz = ZoneInfo(prefs.user_tz)
    day = (now + timedelta(days=days)).astimezone(tz).date()
    return next_working_morning(local_at(day, prefs.work_start, tz), tz, prefs)


def tidy_overdue(store: Store, tidy: Tidy, prefs: Preferences | None = None) -> tuple[BulkFollowUps, datetime]:
    """Snooze what ``tidy`` picks; returns what was done and until when."""
    prefs = prefs or Preferences.load(store)
    until = tidy_until(store.clock.now(), tidy.snooze_days, prefs)
    with store.transaction():
        ids = tidy_ids(store, tidy)
        if not ids:
            raise ValidationError("Nothing overdue matches: nothing was snoozed.")
        return snooze(store, ids, until), until


def describe(done: BulkFollowUps, when: str = "") -> str:
    """One sentence for the status bar: "Snoozed 3,000 follow-ups until Mon 30 Nov 09:00."."""
    n = len(done.changed)
    items = f"{n:,} follow-up{'s' * (n != 1)}"
    text = {
        "done": f"Marked {items} done",
        "skip": f"Skipped {items}",
        "snooze": f"Snoozed {items}" + (f" until {when}" if when else ""),
        "reschedule": f"Rescheduled {items}" + (f" to {when}" if when else ""),
    }[done.action]
    extra = []
    if done.left:
        extra.append(f"{done.left:,} due later than that, left as they are")
    if done.gone:
        extra.append(f"{done.gone:,} closed or deleted elsewhere meanwhile")
    return text + (f" ({'; '.join(extra)})" if extra else "") + "."
