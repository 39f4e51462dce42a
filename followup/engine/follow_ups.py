"""Acting on follow-ups, keeping cadences materialised, and what is due."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain import Channel, Kind, TouchPoint
from followup.engine.cadence_closed import NOT_CLOSED_SINCE, restart_after_closed
from followup.engine.dates import sync_dates
from followup.engine.touch_points import log_touch_point
from followup.planning.model import FollowUp, Source, Status
from followup.planning.promises import answers, cadence_due, cadence_follow_up
from followup.planning.schedule import add_working_days, is_working_time, local_at, next_working_morning
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
            # The log answers this promise if it is one, and no other: an email
            # sent for an unrelated step is not an answer to anyone's question.
            answered = [follow_up_id] if fu.source == Source.REPLY and answers(log) else []
            tp_id = log_touch_point(store, log, answers=answered).touch_point_id
        if store.follow_ups.get(follow_up_id).status == Status.OPEN:  # the log may have closed it already
            store.follow_ups.close(follow_up_id, Status.DONE, store.clock.now(), resolved_by=tp_id)
    return tp_id


def reopen(store: Store, follow_up_id: int) -> None:
    """A done, skipped or cancelled follow-up is open again (its answer, if
    any, forgotten: the touch point stays in the log)."""
    fu = store.follow_ups.get(follow_up_id)
    if fu.status == Status.OPEN:
        from followup.errors import ValidationError

        raise ValidationError(f"Follow-up {follow_up_id} is already open.")
    store.follow_ups.reopen(follow_up_id)


def reschedule(store: Store, follow_up_id: int, due: datetime) -> None:
    """A new due time, earlier or later (any snooze is cleared); open only."""
    _require_open(store.follow_ups.get(follow_up_id))
    store.follow_ups.reschedule(follow_up_id, due)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A follow-up as it was before an action, for Undo."""

    follow_up: FollowUp
    due_at: datetime  # its due instant (an all-day item: its day's start)


def snapshot(store: Store, follow_up_id: int) -> Snapshot:
    return Snapshot(store.follow_ups.get(follow_up_id), store.follow_ups.due_instant(follow_up_id))


def restore(store: Store, before: Snapshot, *, logged_touch_point: int | None = None) -> None:
    """Undo Done, Skip, Snooze or Reschedule: the follow-up is as it was; a
    touch point logged with Done is removed (and what it answered reopens)."""
    from followup.engine.replies import delete_touch_point

    fu = before.follow_up
    assert fu.id is not None
    with store.transaction():
        if logged_touch_point is not None:
            delete_touch_point(store, logged_touch_point)
        if fu.status == Status.OPEN and store.follow_ups.get(fu.id).status != Status.OPEN:
            store.follow_ups.reopen(fu.id)
        store.follow_ups.reschedule(fu.id, before.due_at, fu.due_date if fu.due is None else None)
        if fu.status == Status.OPEN and fu.snoozed_until is not None:
            store.follow_ups.snooze(fu.id, fu.snoozed_until)


def skip(store: Store, follow_up_id: int) -> None:
    fu = store.follow_ups.get(follow_up_id)
    _require_open(fu)
    store.follow_ups.close(follow_up_id, Status.SKIPPED, store.clock.now())


def snooze(store: Store, follow_up_id: int, until: datetime) -> None:
    """Hide an open follow-up until ``until``. Snoozing never brings anything
    forward: a time before the due time is refused (that is a reschedule)."""
    from followup.errors import ValidationError

    if until <= store.clock.now():
        raise ValidationError("Snooze until a time in the future.")
    due_at = store.follow_ups.due_instant(follow_up_id)
    if until < due_at:
        tz = ZoneInfo(store.settings.user_zone())
        raise ValidationError(
            f"Follow-up {follow_up_id} is not due until {due_at.astimezone(tz):%a %d %b %H:%M}; snoozing never "
            f"brings it forward. To make it due earlier, reschedule it (reschedule {follow_up_id} --to WHEN)."
        )
    store.follow_ups.snooze(follow_up_id, until)


def _require_open(fu: FollowUp) -> None:
    if fu.status != Status.OPEN:
        from followup.errors import ValidationError

        raise ValidationError(f"Follow-up {fu.id} is already {fu.status.value}.")


# -- snooze choices ------------------------------------------------------------


def snooze_presets(now: datetime, prefs: Preferences, *, due: datetime | None = None) -> dict[str, datetime]:
    """The snooze menu: in an hour, tomorrow morning, next week (Monday morning).

    They count from the later of ``now`` and the item's ``due`` time, so a
    snooze never makes anything due earlier than it was."""
    tz = ZoneInfo(prefs.user_tz)
    base = max(now, due) if due is not None else now
    today = base.astimezone(tz).date()
    tomorrow = local_at(today + timedelta(days=1), prefs.work_start, tz)
    next_monday = today + timedelta(days=7 - today.weekday())
    return {
        "1 hour": base + timedelta(hours=1),
        "Tomorrow morning": next_working_morning(tomorrow, tz, prefs) if prefs.working_days else tomorrow,
        "Next week": local_at(
            add_working_days(next_monday - timedelta(days=1), 1, prefs.working_days), prefs.work_start, tz
        ),
    }


def pick_time_default(now: datetime, prefs: Preferences, *, due: datetime | None = None) -> datetime:
    """Where "Pick a time" starts: the next full hour after the later of now
    and the due time, or the next working morning when that hour is outside
    working time. Never the current minute (which would already be past)."""
    tz = ZoneInfo(prefs.user_tz)
    base = max(now, due) if due is not None else now
    local = base.astimezone(tz)
    hour = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    instant = local_at(hour.date(), hour.time().replace(tzinfo=None), tz)
    if not prefs.working_days or is_working_time(instant, tz, prefs):
        return instant
    return next_working_morning(instant, tz, prefs)


# -- cadences ------------------------------------------------------------------


def sync_cadences(store: Store, prefs: Preferences | None = None) -> list[int]:
    """Open a stay-in-touch follow-up for every active contact whose ideal
    interval has passed and who has none open. Cheap when nothing is due; safe
    to call before every due query, so cadence follow-ups are there even if
    the app was not running when they fell due."""
    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    rows = restart_after_closed(store, _cadence_candidates(store, prefs, now), now)  # a nudge closed by hand
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
                  AND coalesce(c.last_touched_at, c.created_at) <= ? AND {_NO_OPEN_CADENCE} AND {NOT_CLOSED_SINCE}""",
            (ideal, limit, kind.value, threshold, threshold),
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
    sync_dates(store, prefs, until)
    return store.follow_ups.iter_due(max(now, until or now), limit=limit)


@dataclass(slots=True)
class TodayBuckets:
    """Today's three sections, each of at most ``TODAY_LIMIT``, and how many there are in all."""

    overdue: list[FollowUp] = field(default_factory=list)
    today: list[FollowUp] = field(default_factory=list)
    this_week: list[FollowUp] = field(default_factory=list)
    totals: tuple[int, int, int] = (0, 0, 0)

    def all(self) -> list[FollowUp]:
        return self.overdue + self.today + self.this_week


# A person acts on tens of follow-ups a day, not thousands: each section shows its
# first ones and says how many more there are (instant with 50,000 open follow-ups).
TODAY_LIMIT = 300

SECTIONS = ("overdue", "today", "week", "later")


@dataclass(frozen=True, slots=True)
class SectionBounds:
    """Where Today's sections end, on the user's calendar."""

    now: datetime
    today: date  # the user's local date
    end_of_today: datetime
    end_of_week: datetime  # the start of the next week (by the first day of the week)
    week_end_date: date


def section_bounds(now: datetime, prefs: Preferences) -> SectionBounds:
    tz = ZoneInfo(prefs.user_tz)
    local_today = now.astimezone(tz).date()
    midnight = datetime.min.time()
    days_left = (prefs.first_day_of_week - local_today.weekday()) % 7 or 7
    week_end = local_today + timedelta(days=days_left)
    return SectionBounds(
        now,
        local_today,
        local_at(local_today + timedelta(days=1), midnight, tz),
        local_at(week_end, midnight, tz),
        week_end,
    )


def section_of(fu: FollowUp, now: datetime, prefs: Preferences) -> str:
    """The Today section of one follow-up: ``overdue`` (past its due time; an
    all-day item once its day is over), ``today``, ``week`` (the rest of this
    calendar week) or ``later``. The same rule as ``today()``'s queries."""
    b = section_bounds(now, prefs)
    wake = fu.snoozed_until or fu.due
    if wake is None:
        assert fu.due_date is not None
        day = fu.due_date
        if day < b.today:
            return "overdue"
        return "today" if day == b.today else "week" if day < b.week_end_date else "later"
    if wake < now:
        return "overdue"
    return "today" if wake < b.end_of_today else "week" if wake < b.end_of_week else "later"


# The same rule in SQL. An all-day item (not snoozed) goes by its date; its
# wake time (its day's working morning) is within two days of that date, which
# keeps each query a range on the wake index.
_BY_DATE = "(f.all_day = 1 AND f.snoozed_until_utc IS NULL)"
_SLACK = timedelta(days=2)
_OVERDUE = f"CASE WHEN {_BY_DATE} THEN f.due_date < :today ELSE f.wake_utc < :now END"
_TODAY = f"CASE WHEN {_BY_DATE} THEN f.due_date = :today ELSE f.wake_utc >= :now AND f.wake_utc < :end_today END"
_WEEK = (
    f"CASE WHEN {_BY_DATE} THEN f.due_date > :today AND f.due_date < :week_end "
    "ELSE f.wake_utc >= :end_today AND f.wake_utc < :end_week END"
)


def today(store: Store, prefs: Preferences | None = None, *, limit: int = TODAY_LIMIT) -> TodayBuckets:
    """The Today view: overdue (past its due time), due later today, and the
    rest of this calendar week, by the user's calendar; each in due order."""
    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    b = section_bounds(now, prefs)
    sync_cadences(store, prefs)
    sync_dates(store, prefs, b.end_of_week - timedelta(seconds=1))  # a birthday this week shows in "this week"
    params = {
        "now": to_db(now),
        "today": b.today.isoformat(),
        "end_today": to_db(b.end_of_today),
        "end_week": to_db(b.end_of_week),
        "week_end": b.week_end_date.isoformat(),
    }
    # Sections go by wake time (the snooze time, else the due time): an item
    # snoozed until tomorrow is in "this week", not "overdue".
    repo = store.follow_ups
    overdue = repo.open_in(None, now + _SLACK, _OVERDUE, params, limit=limit)
    due_today = repo.open_in(now - _SLACK, b.end_of_today + _SLACK, _TODAY, params, limit=limit)
    week = repo.open_in(b.end_of_today - _SLACK, b.end_of_week + _SLACK, _WEEK, params, limit=limit)
    return TodayBuckets(overdue, due_today, week, _totals(store, b, prefs))


def _totals(store: Store, b: SectionBounds, prefs: Preferences) -> tuple[int, int, int]:
    """How many are in each section. Counting the wake index alone is cheap;
    the all-day items whose date puts them in another section than their wake
    time are few, and lie within two days of a day boundary, so only those
    windows are read row by row (50,000 open follow-ups: the counts were most
    of Today's time when every row was read)."""
    repo = store.follow_ups
    now = b.now
    counts = {
        "overdue": repo.count_waking(None, now),
        "today": repo.count_waking(now, b.end_of_today),
        "week": repo.count_waking(b.end_of_today, b.end_of_week),
        "later": 0,
    }
    start_of_today = local_at(b.today, datetime.min.time(), ZoneInfo(prefs.user_tz))
    windows = [(start_of_today - _SLACK, b.end_of_today + _SLACK), (b.end_of_week - _SLACK, b.end_of_week + _SLACK)]
    if windows[1][0] <= windows[0][1]:
        windows = [(windows[0][0], windows[1][1])]
    for low, high in windows:
        for wake, day in repo.all_day_waking(low, high):
            by_wake = (
                "overdue"
                if wake < now
                else "today"
                if wake < b.end_of_today
                else "week"
                if wake < b.end_of_week
                else "later"
            )
            by_date = (
                "overdue"
                if day < b.today
                else "today"
                if day == b.today
                else "week"
                if day < b.week_end_date
                else "later"
            )
            if by_wake != by_date:
                counts[by_wake] -= 1
                counts[by_date] += 1
    return counts["overdue"], counts["today"], counts["week"]
