"""Who is behind a figure of the Insights view: the replies waiting, the late
follow-ups, the contacts drifting away.

Each list counts exactly what its figure counts (the same conditions as
:mod:`followup.insights.queries`), one row per message, follow-up or contact,
so the user can act on them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.insights.figures import Insights
from followup.insights.period import Period
from followup.store import Store
from followup.timeutil import from_db, to_db

LISTED = 1000  # more than anyone works through from one list


@dataclass(frozen=True, slots=True)
class Person:
    """One row behind a figure: a contact, what it is about, and since when."""

    contact_id: int
    name: str
    kind: str
    what: str  # the message's summary, the follow-up's title, or the contact's rhythm
    at: datetime  # the message came in / the follow-up was due / the last touch point (or when added)
    status: str  # "waiting", "past promise"; "late", "open"; "drifting", "overdue"


def waiting_replies(store: Store, now: datetime, window_hours: int, limit: int = LISTED) -> list[Person]:
    """Messages that needed an answer and have none at ``now``, oldest first
    (what the "Waiting for your reply" figure counts)."""
    # The same shape as the figure's query (queries._WAITING): driven from the
    # open promises through their partial index, never from the whole log.
    rows = store.conn.execute(
        """SELECT c.id, c.name, c.kind, w.summary, w.at_utc,
                  CAST(strftime('%s', :now) AS INTEGER) - CAST(strftime('%s', w.at_utc) AS INTEGER)
           FROM (SELECT o.at_utc, o.summary, f.contact_id
                 FROM follow_ups f INDEXED BY follow_ups_reply_closed
                 CROSS JOIN touch_points o ON o.id = f.origin_touch_point_id
                 WHERE f.source = 'reply' AND f.completed_at IS NULL AND o.at_utc <= :now
                 UNION ALL
                 SELECT o.at_utc, o.summary, f.contact_id
                 FROM follow_ups f INDEXED BY follow_ups_reply_closed
                 CROSS JOIN touch_points o ON o.id = f.origin_touch_point_id
                 WHERE f.source = 'reply' AND f.completed_at > :now AND o.at_utc <= :now) w
           CROSS JOIN contacts c ON c.id = w.contact_id
           ORDER BY w.at_utc LIMIT :limit""",
        {"now": to_db(now), "limit": limit},
    )
    return [
        Person(cid, name, kind, summary, from_db(at), "past promise" if seconds > window_hours * 3600 else "waiting")
        for cid, name, kind, summary, at, seconds in rows
    ]


def late_follow_ups(store: Store, period: Period, now: datetime, limit: int = LISTED) -> list[Person]:
    """Follow-ups due in ``period`` that were done late or are still open at
    ``now``, the earliest due first (what "Follow-ups on time" counts against)."""
    at = to_db(now)
    rows = store.conn.execute(
        """SELECT c.id, c.name, c.kind, f.title, f.due_utc,
                  CASE WHEN f.status = 'done' AND f.completed_at <= :now THEN 'late' ELSE 'open' END
           FROM follow_ups f INDEXED BY follow_ups_due CROSS JOIN contacts c ON c.id = f.contact_id
           WHERE f.status != 'cancelled' AND f.due_utc >= :start AND f.due_utc < :end
             AND NOT (f.status = 'done' AND f.completed_at <= :now AND f.completed_at <= f.due_utc)
             AND NOT (f.status = 'skipped' AND f.completed_at <= :now)
           ORDER BY f.due_utc, f.id LIMIT :limit""",
        {"now": at, "start": to_db(period.start), "end": to_db(period.until(now)), "limit": limit},
    )
    return [Person(cid, name, kind, title, from_db(due), status) for cid, name, kind, title, due, status in rows]


def drifting(insights: Insights) -> list[Person]:
    """The contacts drifting away or overdue, longest silence first (from the
    figures already computed, with every silence listed: the same list as
    "Drifting away"; see ``queries.with_all_silences``)."""
    if insights.silences_shown is not None:
        raise ValueError("Only the first silences were listed: read them all first (with_all_silences).")
    people = []
    for s in insights.silences:
        since = insights.now.timestamp() - s.days * 86400
        people.append(
            Person(
                s.contact_id,
                s.name,
                s.kind,
                f"every {s.ideal} days, at most {s.limit}",
                datetime.fromtimestamp(since, insights.now.tzinfo),
                s.health,
            )
        )
    return people
