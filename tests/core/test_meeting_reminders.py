"""Outlook-style reminders for engagements themselves (issue 13): N minutes
before a meeting (default 15, per engagement too), once; what is upcoming
today; snooze "until 5 minutes before".

It is Monday 2026-11-23 09:30Z; the user is in Europe/Lisbon (+00:00).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from followup import meeting_reminders as meetings
from followup.clock import FixedClock
from followup.engine import plans
from followup.planning.model import Engagement
from followup.preferences import Preferences
from followup.store import Store


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def meeting(store: Store, contact_id: int, start: datetime, title: str = "Quarterly review") -> int:
    e = Engagement(title, [contact_id], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon")
    return plans.create(store, e, None).engagement_id


def test_a_meeting_reminds_fifteen_minutes_before_once(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN a meeting with Ana at 11:00 today
    eid = meeting(store, add_contact("Ana Lima"), utc(2026, 11, 23, 11))
    prefs = Preferences.load(store)
    # WHEN the clock reaches 10:44, then 10:45, then 10:46
    clock.set(utc(2026, 11, 23, 10, 44))
    assert meetings.collect(store, clock.now(), prefs) == []
    clock.set(utc(2026, 11, 23, 10, 45))
    (m,) = meetings.collect(store, clock.now(), prefs)
    clock.set(utc(2026, 11, 23, 10, 46))
    # THEN it reminds at 10:45, once, saying what, who and when
    assert meetings.collect(store, clock.now(), prefs) == []
    assert (m.engagement_id, m.headline()) == (eid, "Quarterly review with Ana Lima at 11:00")
    assert m.details(utc(2026, 11, 23, 10, 45)) == "in 15 min"


def test_the_lead_time_comes_from_settings_and_per_engagement(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN 30 minutes in Settings, and 5 minutes for one engagement
    store.settings.set("engagement_reminder_minutes", 30)
    ana = add_contact("Ana Lima")
    first = meeting(store, ana, utc(2026, 11, 23, 11), "Review")
    second = meeting(store, ana, utc(2026, 11, 23, 11), "Call")
    meetings.set_lead(store, second, 5)
    prefs = Preferences.load(store)
    # WHEN it is 10:30 THEN only the first reminds; at 10:55 the second
    assert [m.engagement_id for m in meetings.collect(store, utc(2026, 11, 23, 10, 30), prefs)] == [first]
    assert [m.engagement_id for m in meetings.collect(store, utc(2026, 11, 23, 10, 55), prefs)] == [second]


def test_snooze_until_five_minutes_before_reminds_again_then(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN a meeting at 11:00 reminded at 10:45
    eid = meeting(store, add_contact("Ana Lima"), utc(2026, 11, 23, 11))
    prefs = Preferences.load(store)
    assert meetings.collect(store, utc(2026, 11, 23, 10, 45), prefs)
    # WHEN snoozed until 5 minutes before
    meetings.snooze_until_before(store, eid, minutes=5)
    # THEN nothing at 10:54, and again at 10:55
    assert meetings.collect(store, utc(2026, 11, 23, 10, 54), prefs) == []
    assert [m.engagement_id for m in meetings.collect(store, utc(2026, 11, 23, 10, 55), prefs)] == [eid]


def test_upcoming_today_lists_what_is_still_to_come(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN a meeting this morning (past), two later today, one tomorrow, one cancelled
    ana = add_contact("Ana Lima")
    meeting(store, ana, utc(2026, 11, 23, 8), "Past")
    meeting(store, ana, utc(2026, 11, 23, 16), "Late")
    meeting(store, ana, utc(2026, 11, 23, 12), "Noon")
    meeting(store, ana, utc(2026, 11, 24, 9), "Tomorrow")
    plans.cancel(store, meeting(store, ana, utc(2026, 11, 23, 13), "Cancelled"))
    # WHEN the reminders window asks THEN the two still to come today, in order
    titles = [m.title for m in meetings.upcoming_today(store, clock.now(), Preferences.load(store))]
    assert titles == ["Noon", "Late"]


def test_a_lead_of_zero_turns_meeting_reminders_off(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    store.settings.set("engagement_reminder_minutes", 0)
    meeting(store, add_contact("Ana Lima"), utc(2026, 11, 23, 11))
    assert meetings.collect(store, utc(2026, 11, 23, 11), Preferences.load(store)) == []
