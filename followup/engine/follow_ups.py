"""Acting on follow-ups, keeping cadences materialised, and what is due."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain import Channel, Kind, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.planning.model import FollowUp, Status
from followup.planning.promises import cadence_due, cadence_follow_up
from followup.planning.schedule import add_working_days, local_at, next_working_morning
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import from_db, to_db


def complete(store: Store, follow_up_id: int, log: TouchPoint | None = None) -> int | None:
    """Mark done; with ``log``, the touch point is logged in the same step (and
    its rules run: it may keep other promises too). Returns the touch point id."""
    with store.transaction():
        fu = store.follow_ups.get(follow_up_id)
        _require_open(fu)
        tp_id = None
        if log is not None:
            log.contact_id = fu.contact_id
            tp_id = log_touch_point(store, log).touch_point_id
        if store.follow_ups.get(follow_up_id).status == Status.OPEN:  # the log may have closed it already
            store.follow_ups.close(follow_up_id, Status.DONE, store.clock.now(), resolved_by=tp_id)
    return tp_id


def skip(store: Store, follow_up_id: int) -> None:
    fu = store.follow_ups.get(follow_up_id)
    _require_open(fu)
    store.follow_ups.close(follow_up_id, Status.SKIPPED, store.clock.now())


def snooze(store: Store, follow_up_id: int, until: datetime) -> None:
    if until <= store.clock.now():
        from followup.errors import ValidationError

        raise ValidationError("Snooze until a time in the future.")
    store.follow_ups.snooze(follow_up_id, until)


def _require_open(fu: FollowUp) -> None:
    if fu.status != Status.OPEN:
        from followup.errors import ValidationError

        raise ValidationError(f"Follow-up {fu.id} is already {fu.status.value}.")


# -- snooze choices ------------------------------------------------------------


def snooze_presets(now: datetime, prefs: Preferences) -> dict[str, datetime]:
    """The snooze menu: in an hour, tomorrow morning, next week (Monday morning)."""
    tz = ZoneInfo(prefs.user_tz)
    today = now.astimezone(tz).date()
    tomorrow = local_at(today + timedelta(days=1), prefs.work_start, tz)
    next_monday = today + timedelta(days=7 - today.weekday())
    return {
        "1 hour": now + timedelta(hours=1),
        "Tomorrow morning": next_working_morning(tomorrow, tz, prefs) if prefs.working_days else tomorrow,
        "Next week": local_at(
            add_working_days(next_monday - timedelta(days=1), 1, prefs.working_days), prefs.work_start, tz
        ),
    }


# -- cadences ------------------------------------------------------------------


def sync_cadences(store: Store, prefs: Preferences | None = None) -> list[int]:
    """Open a stay-in-touch follow-up for every active contact whose ideal
    interval has passed and who has none open. Cheap when nothing is due; safe
    to call before every due query, so cadence follow-ups are there even if
    the app was not running when they fell due."""
    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    rows = _cadence_candidates(store, prefs, now)
    if not rows:
        return []
    zones: dict[str, ZoneInfo] = {}
    items = []
    for cid, name, channel, tz, since, ideal, limit in rows:
        zone = zones.get(tz) or zones.setdefault(tz, ZoneInfo(tz))
        due = cadence_due(from_db(since), int(ideal), zone, prefs)
        first = name.split()[0] if name.split() else name
        items.append(cadence_follow_up(cid, first, Channel(channel), tz, due, int(ideal), int(limit)))
    with store.transaction() as conn:
        top = conn.execute("SELECT coalesce(max(id), 0) FROM follow_ups").fetchone()[0]
        store.follow_ups.add_many(items)
        # ids in the order given (add_many writes them in one statement)
        return [r[0] for r in conn.execute("SELECT id FROM follow_ups WHERE id > ? ORDER BY id", (top,))]


_CANDIDATE_COLUMNS = """c.id, c.name, c.preferred_channel, c.tz, coalesce(c.last_touched_at, c.created_at)"""
# Probed only for the contacts past their threshold, in the partial index of
# open stay-in-touch items (named: the planner preferred an index that is not
# covering, 40 ms against 3 ms at 100,000 contacts).
_NO_OPEN_CADENCE = """NOT EXISTS (SELECT 1 FROM follow_ups f INDEXED BY follow_ups_open_cadence
                       WHERE f.contact_id = c.id AND f.source = 'cadence' AND f.status = 'open')"""


def _cadence_candidates(store: Store, prefs: Preferences, now: datetime) -> list[tuple[Any, ...]]:
    """Active contacts whose ideal interval has passed (a day early: the
    follow-up falls due on the working morning of day last + ideal, which can
    be hours before last + ideal x 24 h) and who have no stay-in-touch item
    open: (id, name, channel, zone, since, ideal, limit).

    Read by kind from the index on (kind, when the silence began): only the
    contacts past their kind's threshold are read, never every contact."""
    default_ideal, default_limit = prefs.cadence_for("other")
    rows: list[tuple[Any, ...]] = []
    conn = store.conn
    for kind in Kind:
        ideal, limit = prefs.cadences.get(kind.value, (default_ideal, default_limit))
        threshold = to_db(now - timedelta(days=ideal - 1))
        found = conn.execute(
            f"""SELECT {_CANDIDATE_COLUMNS}, ?, coalesce(c.cadence_limit_days, ?)
                FROM contacts c INDEXED BY contacts_cadence_clock
                WHERE c.archived = 0 AND c.cadence_ideal_days IS NULL AND c.kind = ?
                  AND coalesce(c.last_touched_at, c.created_at) <= ? AND {_NO_OPEN_CADENCE}""",
            (ideal, limit, kind.value, threshold),
        )
        rows += found.fetchall()
    # contacts with a rhythm of their own (few): the rule in full
    rows += conn.execute(
        f"""SELECT {_CANDIDATE_COLUMNS}, c.cadence_ideal_days,
                   coalesce(c.cadence_limit_days, CASE c.kind {_cases(prefs, 1)} ELSE {default_limit} END)
            FROM contacts c INDEXED BY contacts_own_cadence
            WHERE c.archived = 0 AND c.cadence_ideal_days IS NOT NULL
              AND julianday(coalesce(c.last_touched_at, c.created_at)) + c.cadence_ideal_days - 1 <= julianday(?)
              AND {_NO_OPEN_CADENCE}""",
        (to_db(now).replace("Z", ""),),
    ).fetchall()
    rows.sort(key=lambda r: r[0])  # by contact, as one query over the table gave them
    return rows


def _cases(prefs: Preferences, index: int) -> str:
    return " ".join(f"WHEN '{kind}' THEN {pair[index]}" for kind, pair in prefs.cadences.items() if kind.isalpha())


# -- what is due -----------------------------------------------------------------


def due(
    store: Store,
    now: datetime,
    until: datetime | None = None,
    prefs: Preferences | None = None,
    *,
    limit: int | None = None,
) -> list[FollowUp]:
    """Open follow-ups due at or before ``until`` (default ``now``), oldest
    first: all of them, or the oldest ``limit``; snoozed ones only once their
    snooze ends. Cadences are brought up to date first."""
    return list(iter_due(store, now, until, prefs, limit=limit))


def iter_due(
    store: Store,
    now: datetime,
    until: datetime | None = None,
    prefs: Preferences | None = None,
    *,
    limit: int | None = None,
) -> Iterator[FollowUp]:
    """As ``due``, streamed: for printing any number of items."""
    sync_cadences(store, prefs)
    return store.follow_ups.iter_due(max(now, until or now), limit=limit)


@dataclass(slots=True)
class TodayBuckets:
    overdue: list[FollowUp] = field(default_factory=list)
    today: list[FollowUp] = field(default_factory=list)
    this_week: list[FollowUp] = field(default_factory=list)
    # how many there are in all; a section shows at most ``TODAY_LIMIT``
    totals: tuple[int, int, int] = (0, 0, 0)

    def all(self) -> list[FollowUp]:
        return self.overdue + self.today + self.this_week


# A person acts on tens of follow-ups a day, not thousands: each section shows
# its most pressing ones and says how many more there are. This also keeps the
# view instant with 50,000 open follow-ups.
TODAY_LIMIT = 300


def today(store: Store, prefs: Preferences | None = None, *, limit: int = TODAY_LIMIT) -> TodayBuckets:
    """The Today view: overdue (due before today), due today, and the next
    seven days, by the user's calendar. Within a section: promises to answer
    first, then planned steps, then stay-in-touch nudges; oldest first."""
    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    tz = ZoneInfo(prefs.user_tz)
    local_today = now.astimezone(tz).date()
    midnight = datetime.min.time()
    start_of_today = local_at(local_today, midnight, tz)
    end_of_today = local_at(local_today + timedelta(days=1), midnight, tz)
    end_of_week = local_at(local_today + timedelta(days=8), midnight, tz)
    sync_cadences(store, prefs)
    # Sections go by wake time (the snooze time, else the due time): an item
    # snoozed until tomorrow is in "this week", not "overdue".
    overdue, n_overdue = store.follow_ups.waking_between(None, start_of_today, limit=limit)
    due_today, n_today = store.follow_ups.waking_between(start_of_today, end_of_today, limit=limit)
    week, n_week = store.follow_ups.waking_between(end_of_today, end_of_week, limit=limit)
    return TodayBuckets(overdue, due_today, week, (n_overdue, n_today, n_week))
