"""Today for one kind of contact or one channel (issue 15: "Today filtered by
kind or channel"). The same sections and the same rule as ``follow_ups.today``,
with the filter in each section's query, so that a section still shows its
first items *of that kind* and counts them all, however many others there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from followup.domain import Channel, Kind
from followup.engine import follow_ups as engine
from followup.engine.dates import sync_dates
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db


@dataclass(frozen=True, slots=True)
class TodayFilter:
    """Today for one kind of contact or one channel (None: all)."""

    kind: Kind | None = None
    channel: Channel | None = None

    @property
    def empty(self) -> bool:
        return self.kind is None and self.channel is None

    def sql(self) -> tuple[str, dict[str, str]]:
        """A condition on ``f`` (the follow-up) and ``c`` (its contact), with its parameters."""
        parts, params = [], {}
        if self.kind is not None:
            parts.append("c.kind = :filter_kind")
            params["filter_kind"] = self.kind.value
        if self.channel is not None:
            # a step without a channel of its own is made on the contact's preferred one
            parts.append("coalesce(nullif(f.channel, 'preferred'), c.preferred_channel) = :filter_channel")
            params["filter_channel"] = self.channel.value
        return " AND ".join(parts) or "1", params


def today(
    store: Store, wanted: TodayFilter, prefs: Preferences | None = None, *, limit: int = engine.TODAY_LIMIT
) -> engine.TodayBuckets:
    if wanted.empty:
        return engine.today(store, prefs, limit=limit)
    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    b = engine.section_bounds(now, prefs)
    engine.sync_cadences(store, prefs)
    sync_dates(store, prefs, b.end_of_week - timedelta(seconds=1))
    condition, extra = wanted.sql()
    params = {
        "now": to_db(now),
        "today": b.today.isoformat(),
        "end_today": to_db(b.end_of_today),
        "end_week": to_db(b.end_of_week),
        "week_end": b.week_end_date.isoformat(),
        **extra,
    }
    slack = engine._SLACK
    ranges = (
        (None, now + slack, engine._OVERDUE),
        (now - slack, b.end_of_today + slack, engine._TODAY),
        (b.end_of_today - slack, b.end_of_week + slack, engine._WEEK),
    )
    repo = store.follow_ups
    sections = [repo.open_in(low, high, f"({rule}) AND {condition}", params, limit=limit) for low, high, rule in ranges]
    totals = []
    for low, high, rule in ranges:
        row = store.conn.execute(
            f"""SELECT count(*) FROM follow_ups f JOIN contacts c ON c.id = f.contact_id
                WHERE f.status = 'open' AND f.wake_utc >= :low AND f.wake_utc < :high AND ({rule}) AND {condition}""",
            {**params, "low": to_db(low) if low else "", "high": to_db(high)},
        ).fetchone()
        totals.append(int(row[0]))
    return engine.TodayBuckets(sections[0], sections[1], sections[2], (totals[0], totals[1], totals[2]))
