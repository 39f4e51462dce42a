"""Reminders: what to tell the user at ``now``, once per wake time.

The rules, all pure and all taking ``now`` from the caller:

* A follow-up reminds once per *wake time* (its due time, or the end of its
  snooze). The fact is stored in ``follow_ups.notified_wake_utc``, so a
  restart, sleep and wake, or a clock jump neither repeats nor drops one; a
  snooze gives a new wake time and so a new reminder.
* Quiet hours (on the user's wall clock, possibly across midnight), days off
  and a pause hold reminders back; they are delivered when quiet time ends.
* A reminder is never only a notification: what was delivered joins the
  *waiting* list (the reminders window) in the same transaction, and stays
  there until the follow-up is acted upon (done, skipped, snoozed,
  rescheduled) or the user dismisses it.

The tick is a couple of indexed queries: the partial index
``follow_ups_to_notify`` holds only open items whose wake time has not been
notified, so its size is what is pending, not what is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from followup.planning.model import Status
from followup.planning.schedule import local_at
from followup.preferences import Preferences
from followup.timeutil import from_db, humanize_duration, to_db

if TYPE_CHECKING:
    from followup.store import Store

# Settings keys for the reminder state (not preferences: nobody edits them).
WAITING_KEY = "reminders_waiting"  # {"<id>": "<wake utc>"}: delivered, not yet acted upon
PAUSE_KEY = "reminders_paused"  # {"from": utc, "until": utc}

# More than this many at once become one notification ("7 follow-ups ...").
GROUP_AT = 4
# The reminders window keeps the newest this many; the rest stay in Today.
WAITING_LIMIT = 200
# No tick sleeps longer than this: it also catches changes made by another
# process (the command line) and wakes up promptly after a clock jump.
MAX_SLEEP = timedelta(seconds=60)
# A pause longer than this is a clock that went backwards: it is dropped.
LONGEST_PAUSE = timedelta(days=4)

_SELECT = (
    "SELECT f.id, f.title, f.phase, f.channel, f.source, f.wake_utc, f.due_utc, c.name, f.contact_id "
    "FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
)
# Written exactly as the partial index's WHERE clause, so SQLite uses it.
_PENDING = "f.status = 'open' AND f.notified_wake_utc IS NOT f.wake_utc"


class Reason(StrEnum):
    """Why a batch was delivered late (or NOW: it just came due)."""

    NOW = "now"
    CLOSED = "closed"  # came due while the app was not running
    QUIET = "quiet"  # held back by quiet hours, a day off or a pause


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    title: str
    contact_name: str
    contact_id: int
    phase: str | None
    channel: str | None
    source: str
    wake: datetime
    due: datetime

    def headline(self) -> str:
        """What and who: the notification's title."""
        return f"{self.title} · {self.contact_name}" if self.contact_name not in self.title else self.title

    def details(self, now: datetime) -> str:
        """Phase, channel and how late: the notification's body."""
        parts = []
        if self.phase:
            parts.append(self.phase.capitalize())
        if self.channel and self.channel != "none":
            parts.append(self.channel.replace("_", " ").capitalize())
        late = now - self.due
        parts.append("due now" if late < timedelta(minutes=1) else f"{humanize_duration(late)} late")
        return " · ".join(parts)


@dataclass(slots=True)
class Delivery:
    """What one tick found to tell the user."""

    reminders: list[Reminder] = field(default_factory=list)
    total: int = 0  # all delivered this tick (``reminders`` holds at most WAITING_LIMIT)
    reason: Reason = Reason.NOW
    next_check: datetime | None = None  # when to ask again

    @property
    def grouped(self) -> bool:
        return self.total >= GROUP_AT

    def summary(self) -> str:
        """The grouped notification's title."""
        n = self.total
        noun = "follow-up" if n == 1 else "follow-ups"
        verb = "came due" if n == 1 or self.reason != Reason.NOW else "are due"
        if self.reason == Reason.CLOSED:
            return f"{n} {noun} came due while Followup was closed"
        if self.reason == Reason.QUIET:
            return f"{n} {noun} came due during quiet time"
        return f"{n} {noun} {verb}"

    def summary_body(self, shown: int = 3) -> str:
        lines = [r.headline() for r in self.reminders[:shown]]
        if self.total > shown:
            lines.append(f"and {self.total - shown} more")
        return "\n".join(lines)


# -- quiet time ------------------------------------------------------------------


def _allowed_spans(day: date, prefs: Preferences, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The instants of ``day`` (user's calendar) when reminders may speak."""
    if prefs.remind_on_working_days_only and prefs.working_days and day.weekday() not in prefs.working_days:
        return []
    start, end = local_at(day, time(0), tz), local_at(day + timedelta(days=1), time(0), tz)
    if not prefs.quiet_hours_enabled or prefs.quiet_start == prefs.quiet_end:
        return [(start, end)]
    q_start, q_end = local_at(day, prefs.quiet_start, tz), local_at(day, prefs.quiet_end, tz)
    if prefs.quiet_start > prefs.quiet_end:  # across midnight: speak from its end to its start
        return [(q_end, q_start)]
    return [(start, q_start), (q_end, end)]


def next_allowed(now: datetime, prefs: Preferences, paused_until: datetime | None = None) -> datetime:
    """The first instant at or after ``now`` when a reminder may be shown:
    ``now`` itself unless quiet hours, a day off or a pause say otherwise.
    Computed on the user's wall clock, so DST never moves quiet hours."""
    at = max(now, paused_until) if paused_until else now
    tz = ZoneInfo(prefs.user_tz)
    day = at.astimezone(tz).date()
    for offset in range(9):  # a week of days off at most, plus a wrap
        for begin, end in _allowed_spans(day + timedelta(days=offset), prefs, tz):
            if end > at:
                return max(begin, at)
    return at  # every day is off: better to remind than to stay silent forever


def paused_until(store: Store, now: datetime) -> datetime | None:
    value = store.settings.get(PAUSE_KEY)
    if not isinstance(value, dict):
        return None
    try:
        since, until = from_db(value["from"]), from_db(value["until"])
    except (KeyError, TypeError, ValueError):
        return None
    # A pause set "in the future" or lasting days means the clock went back:
    # honouring it could silence reminders for as long as the jump.
    if until <= now or since > now + timedelta(minutes=5) or until - now > LONGEST_PAUSE:
        return None
    return until


def _pause_at(store: Store, instant: datetime) -> datetime | None:
    """The pause that covered ``instant``, even if it has ended since."""
    value = store.settings.get(PAUSE_KEY)
    try:
        since, until = from_db(value["from"]), from_db(value["until"])
    except (KeyError, TypeError, ValueError):
        return None
    return until if since <= instant < until else None


def pause(store: Store, now: datetime, until: datetime) -> None:
    store.settings.set(PAUSE_KEY, {"from": to_db(now), "until": to_db(until)})


def resume(store: Store) -> None:
    store.settings.set(PAUSE_KEY, None)


def pause_choices(now: datetime, prefs: Preferences) -> dict[str, datetime]:
    """The tray's "Pause reminders" menu: an hour, or until tomorrow morning."""
    tz = ZoneInfo(prefs.user_tz)
    tomorrow = now.astimezone(tz).date() + timedelta(days=1)
    return {"For an hour": now + timedelta(hours=1), "Until tomorrow": local_at(tomorrow, prefs.work_start, tz)}


# -- the tick ----------------------------------------------------------------------


def collect(store: Store, now: datetime, prefs: Preferences, *, started_at: datetime | None = None) -> Delivery:
    """Deliver what has come due by ``now`` and was not yet notified for its
    current wake time: mark it notified and add it to the waiting list, in one
    transaction. ``started_at`` (when the app started) tells what came due
    while it was closed. Returns an empty delivery, with the time to ask again,
    when nothing is due or quiet time holds reminders back."""
    if not prefs.reminders_enabled:
        return Delivery(next_check=now + MAX_SLEEP)
    pause_end = paused_until(store, now)
    speak_at = next_allowed(now, prefs, pause_end)
    conn = store.conn
    if speak_at > now:
        return Delivery(next_check=min(speak_at, now + MAX_SLEEP))
    until = to_db(now)
    rows = conn.execute(
        f"{_SELECT} WHERE {_PENDING} AND f.wake_utc <= ? ORDER BY f.wake_utc DESC, f.id DESC LIMIT ?",
        (until, WAITING_LIMIT),
    ).fetchall()
    if not rows:
        return Delivery(next_check=_next_check(store, now))
    reminders = [_reminder(r) for r in reversed(rows)]  # oldest first
    with store.transaction():
        total = len(rows)
        if total == WAITING_LIMIT:
            total = int(
                conn.execute(
                    f"SELECT count(*) FROM follow_ups f WHERE {_PENDING} AND f.wake_utc <= ?", (until,)
                ).fetchone()[0]
            )
        # every pending item is notified, also those beyond the window's limit:
        # they were counted in the grouped notification and are in Today
        conn.execute(
            f"UPDATE follow_ups AS f SET notified_wake_utc = f.wake_utc WHERE {_PENDING} AND f.wake_utc <= ?",
            (until,),
        )
        waiting = _waiting_map(store)
        for r in reminders:
            waiting[str(r.id)] = to_db(r.wake)
        _save_waiting(store, waiting)
    # An item "came due" at its wake time, or when it was written if that was
    # later (demo data or an import with due times in the past): only what came
    # due before the app started came due while it was closed.
    created = dict(
        conn.execute(
            "SELECT id, created_at FROM follow_ups WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([r.id for r in reminders]),),
        ).fetchall()
    )
    oldest = min(max(r.wake, from_db(created[r.id])) if r.id in created else r.wake for r in reminders)
    if started_at is not None and oldest <= started_at:
        reason = Reason.CLOSED
    elif next_allowed(oldest, prefs, _pause_at(store, oldest)) > oldest:
        reason = Reason.QUIET
    else:
        reason = Reason.NOW
    return Delivery(reminders, total, reason, _next_check(store, now))


def due_count(store: Store, now: datetime) -> int:
    """How many open follow-ups are due at ``now`` (snoozed ones once their
    time comes): the tray's count. Quiet hours and Dismiss never change it."""
    row = store.conn.execute(
        "SELECT count(*) FROM follow_ups WHERE status = 'open' AND wake_utc <= ?", (to_db(now),)
    ).fetchone()
    return int(row[0])


def _next_check(store: Store, now: datetime) -> datetime:
    """The next wake time not yet notified, but no later than MAX_SLEEP."""
    row = store.conn.execute(
        f"SELECT min(f.wake_utc) FROM follow_ups f WHERE {_PENDING} AND f.wake_utc > ?", (to_db(now),)
    ).fetchone()
    cap = now + MAX_SLEEP
    return min(from_db(row[0]), cap) if row and row[0] else cap


# -- the waiting list (the reminders window) --------------------------------------------


def _waiting_map(store: Store) -> dict[str, str]:
    value = store.settings.get(WAITING_KEY)
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _save_waiting(store: Store, waiting: dict[str, str]) -> None:
    if len(waiting) > WAITING_LIMIT:  # keep the newest
        waiting = dict(sorted(waiting.items(), key=lambda kv: kv[1])[-WAITING_LIMIT:])
    store.settings.set(WAITING_KEY, waiting)


def waiting(store: Store) -> list[Reminder]:
    """Delivered reminders not yet acted upon, oldest first. An item acted
    upon anywhere (done, skipped, snoozed, rescheduled, by the window, Today
    or the command line) has left: it is no longer open at that wake time."""
    entries = _waiting_map(store)
    if not entries:
        return []
    rows = store.conn.execute(
        f"{_SELECT} WHERE f.id IN (SELECT value FROM json_each(?)) AND f.status = ?",
        (json.dumps([int(k) for k in entries]), Status.OPEN.value),
    ).fetchall()
    kept = [_reminder(r) for r in rows if entries.get(str(r[0])) == r[5]]
    if len(kept) != len(entries):
        _save_waiting(store, {str(r.id): to_db(r.wake) for r in kept})
    kept.sort(key=lambda r: (r.wake, r.id))
    return kept


def dismiss(store: Store, ids: list[int] | None = None) -> None:
    """Take reminders off the waiting list (all with None). The follow-ups stay
    open and in Today; they remind again only if they wake again (a snooze)."""
    if ids is None:
        _save_waiting(store, {})
        return
    entries = _waiting_map(store)
    for i in ids:
        entries.pop(str(i), None)
    _save_waiting(store, entries)


def snooze_all(store: Store, now: datetime, until: datetime) -> int:
    """Snooze every waiting reminder until ``until``; returns how many."""
    if until <= now:
        raise ValueError("snooze until a later time")
    ids = [r.id for r in waiting(store)]
    with store.transaction():
        for i in ids:
            store.follow_ups.snooze(i, until)
    return len(ids)


def _reminder(row: tuple[object, ...]) -> Reminder:
    fid, title, phase, channel, source, wake, due, name, contact_id = row
    return Reminder(
        id=int(fid),  # type: ignore[call-overload]
        title=str(title),
        contact_name=str(name),
        contact_id=int(contact_id),  # type: ignore[call-overload]
        phase=str(phase) if phase else None,
        channel=str(channel) if channel else None,
        source=str(source),
        wake=from_db(str(wake)),
        due=from_db(str(due)),
    )
