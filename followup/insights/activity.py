"""Touch points by week, channel and kind: read from the hourly figures.

``touch_point_hours`` (migration _v_touch_point_hours) holds the figures of
every UTC hour. A week's bucket begins at midnight on the user's calendar:
in a zone on a whole hour that is the start of an hour, and every hour lies
wholly in one bucket. Only the hours a cut falls inside (the period's start
and end, usually ``now``, and the midnights of zones on a half or quarter
hour) are counted from the touch points themselves, through the index on
their time. 200,000 touch points in 30 days become ~30,000 hourly rows and a
few hundred touch points.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from followup.domain import Channel

LIVE = (Channel.PHONE.value, Channel.VIDEO.value, Channel.IN_PERSON.value)
_HOUR = timedelta(hours=1)

# Each row: bucket, channel, kind, count, difficult, difficult and live,
# satisfaction sum, satisfaction scores, referrals asked, referrals received.
Row = tuple[int, str, str, int, int, int, int, int, int, int]


def _floor(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _hour(instant: datetime) -> str:
    """The hour's key as the table stores it: "YYYY-MM-DDTHH"."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H")


def _text(instant: datetime) -> str:
    return instant.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _bucket(column: str, cuts: list[str]) -> str:
    """CASE expression: the index of the week ``column`` falls in, given the
    texts at which weeks after the first begin."""
    if not cuts:
        return "0"
    whens = " ".join(f"WHEN {column} < ? THEN {i}" for i in range(len(cuts)))
    return f"CASE {whens} ELSE {len(cuts)} END"


def rows(conn: sqlite3.Connection, start: datetime, end: datetime, boundaries: list[datetime]) -> Iterator[Row]:
    """The period [start, end) by week (``boundaries``: the instants at which
    the weeks after the first begin), channel and the contact's kind."""
    if end <= start:
        return
    cuts = [start, *boundaries, end]
    # The hours a cut falls strictly inside are read from the touch points.
    raw_hours = sorted({_floor(c) for c in cuts if _floor(c) != c})
    first = _floor(start) if _floor(start) == start else _floor(start) + _HOUR
    last = _floor(end)  # hours before this one end by `end`
    live = ", ".join("?" * len(LIVE))
    if first < last:
        # An hour H lies before a boundary b exactly when its key is below
        # b's first 13 characters (H never contains b: such hours are raw).
        hour_cuts = [_hour(b) for b in boundaries]
        skip = [_hour(h) for h in raw_hours if first <= h < last]
        yield from conn.execute(
            f"""SELECT {_bucket("hour", hour_cuts)}, channel, kind, sum(n), sum(difficult),
                       sum(CASE WHEN channel IN ({live}) THEN difficult ELSE 0 END),
                       sum(satisfaction_sum), sum(satisfaction_n), sum(asked), sum(received)
                FROM touch_point_hours
                WHERE hour >= ? AND hour < ? AND hour NOT IN ({", ".join("?" * len(skip))})
                GROUP BY 1, 2, 3""",
            [*hour_cuts, *LIVE, _hour(first), _hour(last), *skip],
        )
    texts = [_text(b) for b in boundaries]
    for lo, hi in _raw_spans(raw_hours, start, end):
        yield from conn.execute(
            f"""SELECT {_bucket("t.at_utc", texts)}, t.channel, c.kind, count(*), sum(t.difficult != 0),
                       sum(t.difficult != 0 AND t.channel IN ({live})),
                       coalesce(sum(t.satisfaction), 0), count(t.satisfaction),
                       sum(t.referral IS 'asked'), sum(t.referral IS 'received')
                FROM touch_points t INDEXED BY touch_points_insights
                CROSS JOIN contacts c INDEXED BY contacts_kind ON c.id = t.contact_id
                WHERE t.at_utc >= ? AND t.at_utc < ?
                GROUP BY 1, 2, 3""",
            [*texts, *LIVE, _text(lo), _text(hi)],
        )


def _raw_spans(hours: Iterable[datetime], start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
    """Each raw hour cut to the period, neighbours joined."""
    spans: list[list[datetime]] = []
    for h in hours:
        lo, hi = max(h, start), min(h + _HOUR, end)
        if lo >= hi:
            continue
        if spans and spans[-1][1] >= lo:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        yield lo, hi
