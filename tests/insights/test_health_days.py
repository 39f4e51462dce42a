"""Relationship health decided in SQL (insights/queries.py, _health) counts
calendar days on the user's wall clock exactly as the rules in Python do
(timeutil.days_ago, promises.cadence_state): checked for contacts last touched
a minute either side of local midnights, across both DST changes, in a zone
that is far from UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.insights import Period, compute
from followup.planning.promises import Health, cadence_state
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import days_ago, to_db


@pytest.mark.parametrize(
    ("zone", "now"),
    [
        ("America/Santiago", datetime(2026, 11, 23, 3, 30, tzinfo=UTC)),  # 00:30 local, summer time
        ("Europe/Berlin", datetime(2026, 4, 2, 22, 10, tzinfo=UTC)),  # just after midnight, days after DST
        ("Pacific/Kiritimati", datetime(2026, 11, 23, 9, 59, tzinfo=UTC)),  # UTC+14
    ],
)
def test_days_of_silence_match_the_wall_clock_rule(tmp_path, zone: str, now: datetime) -> None:  # type: ignore[no-untyped-def]
    # GIVEN contacts last touched a minute before and after each local midnight
    # of the past 400 days (so past both DST changes), with a 3/7-day cadence
    tz = ZoneInfo(zone)
    with Store.open(tmp_path / "followup.db", FixedClock(now - timedelta(days=800))) as store:
        store.settings.set("user_tz", zone)
        touched: dict[int, datetime] = {}
        today = now.astimezone(tz).date()
        with store.transaction():
            for k in range(0, 400, 3):
                midnight = datetime.combine(today - timedelta(days=k), datetime.min.time(), tzinfo=tz)
                for delta in (timedelta(minutes=-1), timedelta(minutes=1)):
                    at = midnight.astimezone(UTC) + delta
                    if at > now:
                        continue
                    cid = store.contacts.add(
                        Contact(
                            f"P {k} {delta.total_seconds():+.0f}",
                            kind=Kind.CLIENT,
                            cadence_ideal_days=3,
                            cadence_limit_days=7,
                        )
                    )
                    store.conn.execute("UPDATE contacts SET last_touched_at = ? WHERE id = ?", (to_db(at), cid))
                    touched[cid] = at
        prefs = Preferences.load(store)
        # WHEN Insights are computed at now
        result = compute(store, prefs, Period(now - timedelta(days=7), now, "week"), now)
    # THEN each contact's days and health are what the Python rules say
    expected = {}
    for cid, at in touched.items():
        state = cadence_state(at, at, 3, 7, now, tz)
        if state.health != Health.FRESH:
            expected[cid] = (days_ago(at, now, tz), state.health.value)
    got = {s.contact_id: (s.days, s.health) for s in result.silences}
    assert got == expected
    assert result.overall.overdue_contacts == sum(h == "overdue" for _d, h in expected.values())
    assert result.overall.drifting_contacts == sum(h == "drifting" for _d, h in expected.values())


def test_silences_are_longest_first_then_by_name_whatever_the_case(store: Store) -> None:
    # GIVEN contacts never touched, added on two days, with names in mixed case and accents
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    clock = store.clock
    assert isinstance(clock, FixedClock)
    for added, names in [
        (now - timedelta(days=200), ["zoe", "Ádám", "bruno"]),
        (now - timedelta(days=300), ["Eva", "ana"]),
    ]:
        clock.set(added)
        for name in names:
            store.contacts.add(Contact(name=name, kind=Kind.OTHER))
    clock.set(now)
    # WHEN Insights lists the silences
    result = compute(store, Preferences.load(store), Period(now - timedelta(days=7), now, "week"), now)
    # THEN the longest silence comes first, and within a day count, names in Python's lower-case order
    assert [s.name for s in result.silences] == ["ana", "Eva", "bruno", "zoe", "Ádám"]
