"""Computing the Insights figures: grouped SQL, then a little Python.

Every query is read-only and bounded by the period: touch points by the
hour (:mod:`followup.insights.activity`), promises through covering indexes
that hold what each one keeps for Insights (its contact's kind, a reply's
wait: migration ``_v_insights_reads``). Relationship health is
:mod:`followup.insights.health`. What each figure counts is defined in
:mod:`followup.insights.figures`.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.domain import Kind
from followup.insights import activity, health
from followup.insights.figures import Figures, Insights, Outcomes, Week, quantile, share
from followup.insights.period import Period, week_starts
from followup.planning.model import Phase, Source
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db

KINDS = [k.value for k in Kind]
LIVE = activity.LIVE
WAITING_SHOWN = 10  # the oldest unanswered messages listed by name


def _kind(text: str) -> str:
    return text if text in KINDS else Kind.OTHER.value


def compute(
    store: Store, prefs: Preferences, period: Period, now: datetime, *, silences_shown: int | None = None
) -> Insights:
    """All the figures for ``period`` as seen at ``now``, overall and by kind.

    The silences (who is drifting away, longest first) are listed whole, or,
    with ``silences_shown``, the first that many of colleagues and managers
    and of everyone else (what the view shows: :func:`with_all_silences`
    lists the rest when an export or a list asks)."""
    tz = ZoneInfo(prefs.user_tz)
    conn = store.conn
    overall = Figures()
    by_kind = {k: Figures() for k in KINDS}
    start, end, at = to_db(period.start), to_db(period.until(now)), to_db(now)
    window = prefs.reply_window_hours
    waiting = _replies(conn, start, end, at, window, overall, by_kind)
    phases, sources = _follow_ups(conn, start, end, at, overall, by_kind)
    silences = health.health(conn, prefs, now, tz, overall, by_kind, silences_shown)
    weeks = _activity(conn, period, now, tz, overall, by_kind)
    return Insights(
        period, now, window, overall, by_kind, phases, sources, silences, weeks, waiting, prefs.user_tz, silences_shown
    )


def with_all_silences(store: Store, insights: Insights) -> Insights:
    """``insights`` with every silence listed (read now, at its ``now``)."""
    if insights.silences_shown is None:
        return insights
    prefs = Preferences.load(store)
    silences = health.health(
        store.conn, prefs, insights.now, ZoneInfo(insights.user_tz), Figures(), {k: Figures() for k in KINDS}
    )
    return replace(insights, silences=silences, silences_shown=None)


# -- replies -------------------------------------------------------------------

# A reply promise is closed at the time of the touch point that kept it (the
# engine passes that touch point's time, and records it as resolved_by), or,
# when marked done by hand, at that moment: completed_at is the answer's time.
# How long it waited is kept on the promise (reply_wait_seconds, migration
# _v_insights_reads) with the contact's kind: one range of a narrow index.
_ANSWERED = """
    SELECT f.contact_kind, max(0, f.reply_wait_seconds)
    FROM follow_ups f INDEXED BY follow_ups_reply_waits
    WHERE f.reply_wait_seconds IS NOT NULL AND f.completed_at >= ? AND f.completed_at < ?"""

# Unanswered at :now: came in by then, and not closed (answered or skipped) by then.
# Driven from the promises (the partial index on completed_at: those still
# open and those closed after :now), never from the log: reading every touch
# point ever logged grew faster than the data.
_WAITING = """
    SELECT c.kind, c.id, c.name, CAST(strftime('%s', :now) AS INTEGER) - CAST(strftime('%s', w.at_utc) AS INTEGER)
    FROM (SELECT o.at_utc, f.contact_id
          FROM follow_ups f INDEXED BY follow_ups_reply_closed
          CROSS JOIN touch_points o ON o.id = f.origin_touch_point_id
          WHERE f.source = 'reply' AND f.completed_at IS NULL AND o.at_utc <= :now
          UNION ALL
          SELECT o.at_utc, f.contact_id
          FROM follow_ups f INDEXED BY follow_ups_reply_closed
          CROSS JOIN touch_points o ON o.id = f.origin_touch_point_id
          WHERE f.source = 'reply' AND f.completed_at > :now AND o.at_utc <= :now) w
    CROSS JOIN contacts c ON c.id = w.contact_id
    ORDER BY w.at_utc"""


def _replies(
    conn: sqlite3.Connection,
    start: str,
    end: str,
    now: str,
    window: int,
    overall: Figures,
    by_kind: dict[str, Figures],
) -> list[tuple[int, str, float]]:
    waits: dict[str, list[int]] = defaultdict(list)
    for kind, waited in conn.execute(_ANSWERED, (start, end)):
        waits[kind].append(waited)
    hours: dict[str, list[float]] = defaultdict(list)
    for kind, kept in waits.items():
        hours[_kind(kind)] += [s / 3600 for s in kept]
    for of_kind in hours.values():
        of_kind.sort()
    everyone = sorted(h for of_kind in hours.values() for h in of_kind)  # sorted runs: merged
    for figures, values in [(overall, everyone), *((by_kind[k], v) for k, v in hours.items())]:
        figures.replies_answered = len(values)
        figures.reply_time_median_hours = quantile(values, 0.5)
        figures.reply_time_p90_hours = quantile(values, 0.9)
        figures.replies_within_promise = bisect_right(values, window)
        figures.reply_within_promise_share = share(figures.replies_within_promise, len(values))
    oldest: list[tuple[int, str, float]] = []
    for kind, contact_id, name, seconds in conn.execute(_WAITING, {"now": now}):
        waited = max(0, seconds) / 3600
        for figures in (overall, by_kind[_kind(kind)]):
            figures.replies_waiting += 1
            figures.replies_waiting_overdue += waited > window
            figures.replies_waiting_longest_hours = max(figures.replies_waiting_longest_hours or 0.0, waited)
        if len(oldest) < WAITING_SHOWN:
            oldest.append((contact_id, name, waited))
    return oldest


# -- follow-ups ----------------------------------------------------------------

# What became of each follow-up due in the period, as seen at :now (a
# completion after :now had not happened yet).
_OUTCOMES = """
    SELECT f.contact_kind, f.phase, f.source,
           CASE WHEN f.status = 'done' AND f.completed_at <= :now AND f.completed_at <= f.due_utc THEN 'on_time'
                WHEN f.status = 'done' AND f.completed_at <= :now THEN 'late'
                WHEN f.status = 'skipped' AND f.completed_at <= :now THEN 'skipped'
                ELSE 'overdue' END,
           count(*)
    FROM follow_ups f INDEXED BY follow_ups_due
    WHERE f.status != 'cancelled' AND f.due_utc >= :start AND f.due_utc < :end
    GROUP BY 1, 2, 3, 4"""


def _follow_ups(
    conn: sqlite3.Connection, start: str, end: str, now: str, overall: Figures, by_kind: dict[str, Figures]
) -> tuple[dict[str, Outcomes], dict[str, Outcomes]]:
    phases = {p.value: Outcomes() for p in Phase}
    sources = {s.value: Outcomes() for s in Source}
    kinds: dict[str, Outcomes] = defaultdict(Outcomes)
    everyone = Outcomes()
    for kind, phase, source, outcome, count in conn.execute(_OUTCOMES, {"start": start, "end": end, "now": now}):
        everyone.add(outcome, count)
        kinds[_kind(kind)].add(outcome, count)
        if phase in phases:
            phases[phase].add(outcome, count)
        if source in sources:
            sources[source].add(outcome, count)
    for figures, outcomes in [(overall, everyone), *((by_kind[k], o) for k, o in kinds.items())]:
        figures.followups_due = outcomes.total
        figures.followups_done_on_time = outcomes.on_time
        figures.followups_done_late = outcomes.late
        figures.followups_skipped = outcomes.skipped
        figures.followups_overdue = outcomes.overdue
        figures.followups_done_on_time_share = outcomes.on_time_share
    return phases, sources


# -- touch points --------------------------------------------------------------


def _activity(
    conn: sqlite3.Connection, period: Period, now: datetime, tz: ZoneInfo, overall: Figures, by_kind: dict[str, Figures]
) -> list[Week]:
    starts = week_starts(period, now, tz)
    weeks = [Week(monday) for monday, _ in starts]
    rows = activity.rows(conn, period.start, period.until(now), [instant for _, instant in starts[1:]])
    sat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for week, channel, kind, count, difficult, live, sat_sum, sat_n, asked, received in rows:
        kind = _kind(kind)
        w = weeks[week]
        w.by_channel[channel] = w.by_channel.get(channel, 0) + count
        w.by_kind[kind] = w.by_kind.get(kind, 0) + count
        w.satisfaction_sum += sat_sum
        w.satisfaction_scores += sat_n
        for key, figures in (("", overall), (kind, by_kind[kind])):
            figures.touch_points += count
            figures.difficult_conversations += difficult or 0
            figures.difficult_live += live or 0
            figures.referrals_asked += asked or 0
            figures.referrals_received += received or 0
            sat[key][0] += sat_sum
            sat[key][1] += sat_n
    for key, (total, n) in sat.items():
        figures = by_kind[key] if key else overall
        figures.satisfaction_scores = n
        figures.satisfaction_average = total / n if n else None
    return weeks


def kinds_with_contacts(store: Store) -> Iterable[str]:
    """The kinds at least one contact has, in the order of :class:`Kind`."""
    present = {r[0] for r in store.conn.execute("SELECT DISTINCT kind FROM contacts")}
    return [k for k in KINDS if k in present]
