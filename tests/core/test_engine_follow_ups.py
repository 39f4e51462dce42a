"""Acting on follow-ups, snoozing and the Today view
(followup/engine/follow_ups.py; its cadences are tested in test_engine_cadences.py).

The store's clock stands at Monday 2026-11-23 09:30Z; the user is in
Europe/Lisbon (+00:00 in November, +01:00 in June). Europe/Berlin is +01:00
after 2026-10-25 and +02:00 before; America/New_York is -05:00 after
2026-11-01 and -04:00 before. 2026-11-22 is a Sunday, 2026-06-19 a Friday.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.engine import follow_ups as engine
from followup.engine.touch_points import log_touch_point
from followup.errors import ValidationError
from followup.planning.model import FollowUp, Source, Status
from followup.preferences import Preferences
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def manual(
    store: Store,
    contact_id: int,
    due: datetime | None,
    title: str = "Send the proposal",
    source: Source = Source.MANUAL,
    **fields: object,
) -> int:
    return store.follow_ups.add(
        FollowUp(contact_id=contact_id, title=title, source=source, due=due, tz="Europe/Lisbon", **fields)
    )  # type: ignore[arg-type]


# -- complete, skip -------------------------------------------------------------------------


def test_complete_with_a_touch_point_logs_it_and_closes(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN an open follow-up for Ana
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 23, 9, 0))
    # WHEN completed with a touch point (its contact id left wrong on purpose)
    tp = TouchPoint(0, NOW, Channel.EMAIL, Direction.OUT, "Sent the proposal", tz="Europe/Lisbon")
    tp_id = engine.complete(store, fid, tp)
    # THEN the touch point is Ana's, the follow-up is done now, resolved by it
    assert tp_id is not None
    logged = store.touch_points.get(tp_id)
    assert (logged.contact_id, logged.summary, logged.at) == (ana, "Sent the proposal", NOW)
    fu = store.follow_ups.get(fid)
    assert (fu.status, fu.completed_at, fu.resolved_by_touch_point_id) == (Status.DONE, NOW, tp_id)
    assert store.contacts.get(ana).last_touched_at == NOW


def test_complete_without_a_touch_point(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN an open follow-up WHEN completed alone THEN done now, no touch point
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 23, 9, 0))
    assert engine.complete(store, fid) is None
    fu = store.follow_ups.get(fid)
    assert (fu.status, fu.completed_at, fu.resolved_by_touch_point_id) == (Status.DONE, NOW, None)
    assert store.touch_points.count() == 0


def test_completing_a_reply_promise_with_the_reply(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a reply promise for Ana's message of an hour ago
    ana = add_contact("Ana Lima")
    asked = TouchPoint(ana, NOW - timedelta(hours=1), Channel.EMAIL, Direction.IN, "Question", needs_reply=True)
    (promise,) = log_touch_point(store, asked).created
    # WHEN completed with the outbound answer
    tp_id = engine.complete(store, promise, TouchPoint(0, NOW, Channel.EMAIL, Direction.OUT, "Answer"))
    # THEN it is done once, by that answer, at its time
    fu = store.follow_ups.get(promise)
    assert (fu.status, fu.completed_at, fu.resolved_by_touch_point_id) == (Status.DONE, NOW, tp_id)


def test_complete_twice_is_refused(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a completed follow-up WHEN completed again THEN refused, and the first completion stays
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 23, 9, 0))
    engine.complete(store, fid)
    with pytest.raises(ValidationError, match="already done"):
        engine.complete(store, fid, TouchPoint(0, NOW, Channel.EMAIL, Direction.OUT, "Again"))
    assert store.touch_points.count() == 0
    assert store.follow_ups.get(fid).completed_at == NOW


def test_skip(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN an overdue follow-up
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 20, 9, 0))
    # WHEN skipped
    engine.skip(store, fid)
    # THEN it is skipped now, kept, and no longer due; skipping or completing it again is refused
    fu = store.follow_ups.get(fid)
    assert (fu.status, fu.completed_at) == (Status.SKIPPED, NOW)
    assert engine.due(store, NOW) == []
    with pytest.raises(ValidationError, match="already skipped"):
        engine.skip(store, fid)
    with pytest.raises(ValidationError):
        engine.complete(store, fid)


# -- snooze -------------------------------------------------------------------------------


def test_snooze_hides_until_its_time_and_it_comes_back_exactly_then(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN an overdue follow-up (due Friday 11-20 09:00Z)
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 20, 9, 0))
    assert [f.id for f in engine.due(store, NOW)] == [fid]
    # WHEN snoozed until 15:00Z today
    until = utc(2026, 11, 23, 15, 0)
    engine.snooze(store, fid, until)
    # THEN it is hidden now and a second before, and back at 15:00:00 exactly, with its due unchanged
    assert engine.due(store, NOW) == []
    clock.set(until - timedelta(seconds=1))
    assert engine.due(store, clock.now()) == []
    clock.set(until)
    (back,) = engine.due(store, clock.now())
    assert (back.id, back.snoozed_until, back.due) == (fid, until, utc(2026, 11, 20, 9, 0))


def test_snooze_into_the_past_or_now_is_refused(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN an open follow-up
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 20, 9, 0))
    # WHEN snoozed to a minute ago, or to now THEN refused, and nothing changed
    for until in (NOW - timedelta(minutes=1), NOW):
        with pytest.raises(ValidationError, match="future"):
            engine.snooze(store, fid, until)
    assert store.follow_ups.get(fid).snoozed_until is None


def test_a_closed_follow_up_cannot_be_snoozed(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN a done follow-up WHEN snoozed THEN refused
    ana = add_contact("Ana Lima")
    fid = manual(store, ana, utc(2026, 11, 20, 9, 0))
    engine.complete(store, fid)
    with pytest.raises(ValidationError):
        engine.snooze(store, fid, NOW + timedelta(hours=1))


LISBON_PREFS = Preferences(user_tz="Europe/Lisbon")


@pytest.mark.parametrize(
    ("now", "hour", "tomorrow", "next_week"),
    [
        # Friday 06-19 15:20 WEST = 14:20Z: tomorrow is Saturday, so its working morning is
        # Monday 06-22 09:00 WEST = 08:00Z; next week's Monday is the same morning
        (utc(2026, 6, 19, 14, 20), utc(2026, 6, 19, 15, 20), utc(2026, 6, 22, 8), utc(2026, 6, 22, 8)),
        # Sunday 06-21 20:00 WEST = 19:00Z: tomorrow and next week are both Monday 06-22 08:00Z
        (utc(2026, 6, 21, 19), utc(2026, 6, 21, 20), utc(2026, 6, 22, 8), utc(2026, 6, 22, 8)),
        # Wednesday 06-17 10:00 WEST = 09:00Z: Thursday 06-18 08:00Z; next Monday 06-22 08:00Z
        (utc(2026, 6, 17, 9), utc(2026, 6, 17, 10), utc(2026, 6, 18, 8), utc(2026, 6, 22, 8)),
        # Sunday 23:30Z is already Monday 06-22 00:30 in Lisbon: tomorrow is Tuesday 06-23,
        # next week Monday 06-29, both 09:00 WEST = 08:00Z
        (utc(2026, 6, 21, 23, 30), utc(2026, 6, 22, 0, 30), utc(2026, 6, 23, 8), utc(2026, 6, 29, 8)),
    ],
    ids=["friday", "sunday", "wednesday", "monday-in-lisbon"],
)
def test_snooze_presets(now: datetime, hour: datetime, tomorrow: datetime, next_week: datetime) -> None:
    # GIVEN the time WHEN the snooze menu is built THEN an hour, the next working morning, next Monday
    assert engine.snooze_presets(now, LISBON_PREFS) == {
        "1 hour": hour,
        "Tomorrow morning": tomorrow,
        "Next week": next_week,
    }


# -- Today ----------------------------------------------------------------------------------


def test_today_sections_are_past_due_today_this_week_and_later_in_the_users_zone(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN it is Wednesday 2026-06-17 13:00 in Lisbon (WEST, 12:00Z), so local midnights are at 23:00Z;
    # the week starts on Monday, so this week ends at 00:00 on Monday 06-22 (06-21 23:00Z)
    clock.set(utc(2026, 6, 17, 12, 0))
    ana = add_contact("Ana Lima")
    items = {
        "overdue-yesterday": utc(2026, 6, 16, 22, 59),  # 23:59 Tuesday in Lisbon
        "overdue-this-morning": utc(2026, 6, 17, 9, 0),  # 10:00 today: three hours late, so overdue
        "today-next": utc(2026, 6, 17, 13, 0),  # 14:00 today
        "today-last": utc(2026, 6, 17, 22, 59),  # 23:59 Wednesday
        "week-first": utc(2026, 6, 17, 23, 0),  # 00:00 Thursday
        "week-last": utc(2026, 6, 21, 22, 59),  # 23:59 on Sunday 06-21, the week's last day
        "later": utc(2026, 6, 21, 23, 0),  # 00:00 Monday 06-22: next week
    }
    for title, due in items.items():
        manual(store, ana, due, title=title)
    # an all-day item for today (due all day: not late before the day ends), and an overdue one
    # snoozed until tomorrow 10:00 WEST (09:00Z)
    store.follow_ups.add(
        FollowUp(ana, "all-day-today", Source.MANUAL, due=None, due_date=date(2026, 6, 17), tz="Europe/Lisbon"),
        day_start=utc(2026, 6, 17, 8),
    )
    snoozed = manual(store, ana, utc(2026, 6, 10, 9), title="snoozed")
    engine.snooze(store, snoozed, utc(2026, 6, 18, 9))
    # WHEN the Today view is built
    buckets = engine.today(store)
    # THEN overdue is what is past its due time, this week ends with the calendar week
    assert [f.title for f in buckets.overdue] == ["overdue-yesterday", "overdue-this-morning"]
    assert [f.title for f in buckets.today] == ["all-day-today", "today-next", "today-last"]
    assert [f.title for f in buckets.this_week] == ["week-first", "snoozed", "week-last"]
    assert "later" not in [f.title for f in buckets.all()]
    # AND each item's section, as due --json gives it, is the same
    prefs = Preferences.load(store)
    got = {f.title: engine.section_of(f, clock.now(), prefs) for f in engine.due(store, utc(2026, 7, 1))}
    assert got["overdue-this-morning"] == "overdue" and got["all-day-today"] == "today"
    assert (got["week-last"], got["later"], got["snoozed"]) == ("week", "later", "week")


def test_a_week_that_starts_on_sunday_ends_on_saturday(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN the week starts on Sunday, and it is Wednesday 06-17 in Lisbon
    clock.set(utc(2026, 6, 17, 12, 0))
    store.settings.set("first_day_of_week", 6)
    ana = add_contact("Ana Lima")
    manual(store, ana, utc(2026, 6, 20, 12), title="saturday")
    manual(store, ana, utc(2026, 6, 21, 12), title="sunday")
    # WHEN the Today view is built THEN Saturday is this week and Sunday is the next
    assert [f.title for f in engine.today(store).this_week] == ["saturday"]


def test_within_a_section_items_are_in_due_order(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN, all due later today (Wednesday 06-17, it is 08:00 in Lisbon), of every kind
    clock.set(utc(2026, 6, 17, 7, 0))
    ana, bo, cy = add_contact("Ana Lima"), add_contact("Bo Chen"), add_contact("Cy Dorn")
    manual(store, ana, utc(2026, 6, 17, 9), title="reply", source=Source.REPLY)
    manual(store, ana, utc(2026, 6, 17, 8), title="plan", source=Source.PLAN)
    manual(store, cy, utc(2026, 6, 17, 10), title="cadence", source=Source.CADENCE)
    # and overdue: a stay-in-touch nudge 100 days late and a promise 3 hours late
    manual(store, bo, utc(2026, 3, 9, 7), title="old-cadence", source=Source.CADENCE)
    manual(store, bo, utc(2026, 6, 17, 4), title="late-reply", source=Source.REPLY)
    # WHEN the Today view is built
    buckets = engine.today(store)
    # THEN each section is in due order
    assert [f.title for f in buckets.today] == ["plan", "reply", "cadence"]
    assert [f.title for f in buckets.overdue] == ["old-cadence", "late-reply"]


def test_today_totals_match_each_items_section(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    import random

    # GIVEN it is Wednesday 06-17 13:00 in Lisbon, and 400 follow-ups spread over three weeks around it:
    # timed and all-day (their day starts on their own zone's working morning), some snoozed
    clock.set(utc(2026, 6, 17, 12, 0))
    rng = random.Random(7)
    zones = ["Europe/Lisbon", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata"]
    people = [add_contact(f"Person {i}", tz=z) for i, z in enumerate(zones)]
    for i in range(400):
        at = clock.now() + timedelta(minutes=rng.randint(-10 * 24 * 60, 12 * 24 * 60))
        tz = rng.choice(zones)
        if rng.random() < 0.3:
            day = at.astimezone(__import__("zoneinfo").ZoneInfo(tz)).date()
            fid = store.follow_ups.add(
                FollowUp(rng.choice(people), f"d{i}", Source.PLAN, due=None, due_date=day, tz=tz),
                day_start=at.replace(hour=(at.hour + 9) % 24),
            )
        else:
            fid = manual(store, rng.choice(people), at, title=f"t{i}")
        if rng.random() < 0.1:
            store.follow_ups.snooze(fid, clock.now() + timedelta(minutes=rng.randint(1, 9 * 24 * 60)))
    # WHEN Today is built
    buckets = engine.today(store, limit=1000)
    # THEN its totals and items are exactly those of the per-item rule (as due --json gives it)
    prefs = Preferences.load(store)
    everything = store.follow_ups.due(clock.now() + timedelta(days=60))
    by_section: dict[str, set[int]] = {s: set() for s in engine.SECTIONS}
    for fu in everything:
        by_section[engine.section_of(fu, clock.now(), prefs)].add(fu.id)  # type: ignore[arg-type]
    assert buckets.totals == (len(by_section["overdue"]), len(by_section["today"]), len(by_section["week"]))
    assert {f.id for f in buckets.overdue} == by_section["overdue"]
    assert {f.id for f in buckets.today} == by_section["today"]
    assert {f.id for f in buckets.this_week} == by_section["week"]
