"""Reminders: once per wake time, snoozes, quiet hours, days off, pauses, the
waiting list; across DST and a clock jump, with an injected clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup import reminders
from followup.clock import FixedClock
from followup.engine import follow_ups as engine
from followup.planning.model import FollowUp, Source
from followup.preferences import Preferences
from followup.reminders import Reason
from followup.store import Store

LISBON = ZoneInfo("Europe/Lisbon")


def loud(**changes: object) -> Preferences:
    """Preferences with no quiet time at all, unless told otherwise."""
    prefs = Preferences(user_tz="Europe/Lisbon", quiet_hours_enabled=False, remind_on_working_days_only=False)
    for key, value in changes.items():
        setattr(prefs, key, value)
    return prefs


@pytest.fixture
def follow_up(store: Store, add_contact: Callable[..., int]) -> Callable[..., int]:
    contact = add_contact("Ana Lima")

    def add(title: str = "Send the proposal", due: datetime | None = None, **fields: object) -> int:
        fu = FollowUp(
            contact_id=contact,
            title=title,
            source=Source.MANUAL,
            due=due or store.clock.now(),
            tz="Europe/Lisbon",
            **fields,  # type: ignore[arg-type]
        )
        return store.follow_ups.add(fu)

    return add


def ids(delivery: reminders.Delivery) -> list[int]:
    return [r.id for r in delivery.reminders]


def test_a_due_follow_up_reminds_once_and_waits_until_acted_upon(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    # GIVEN a follow-up due an hour ago and one due tomorrow
    now = clock.now()
    due = follow_up(due=now - timedelta(hours=1))
    follow_up("Later", due=now + timedelta(days=1))
    # WHEN the reminder tick runs twice
    first = reminders.collect(store, now, loud())
    second = reminders.collect(store, now + timedelta(minutes=1), loud())
    # THEN it is delivered once, says what, who and how late, and waits in the window
    assert ids(first) == [due] and first.total == 1 and not first.grouped
    assert first.reminders[0].headline() == "Send the proposal · Ana Lima"
    assert first.reminders[0].details(now) == "1 h late"
    assert second.reminders == []
    assert [r.id for r in reminders.waiting(store)] == [due]
    # the next check is no later than a minute away
    assert second.next_check is not None and second.next_check <= now + timedelta(minutes=2)


def test_restart_repeats_nothing_and_delivers_what_came_due_while_closed(
    store: Store, clock: FixedClock, follow_up: Callable[..., int], db_path
) -> None:
    # GIVEN one follow-up already notified, then the app closed
    now = clock.now()
    old = follow_up("Old", due=now - timedelta(hours=2))
    reminders.collect(store, now, loud())
    late = [follow_up(f"Came due {i}", due=now + timedelta(minutes=10 + i)) for i in range(7)]
    store.close()
    # WHEN it starts again two hours later (a new connection, a new process)
    clock.advance(timedelta(hours=2))
    again = Store.open(db_path, clock)
    try:
        delivery = reminders.collect(again, clock.now(), loud(), started_at=clock.now())
        # THEN only the seven that came due while closed are delivered, grouped
        assert sorted(ids(delivery)) == sorted(late)
        assert delivery.grouped and delivery.reason == Reason.CLOSED
        assert delivery.summary() == "7 follow-ups came due while Followup was closed"
        assert "and 4 more" in delivery.summary_body()
        assert old in [r.id for r in reminders.waiting(again)]
    finally:
        again.close()


def test_a_snoozed_follow_up_comes_back_at_its_time_and_reminds_again(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    now = clock.now()
    fid = follow_up(due=now - timedelta(minutes=5))
    assert ids(reminders.collect(store, now, loud())) == [fid]
    # WHEN it is snoozed for an hour
    engine.snooze(store, fid, now + timedelta(hours=1))
    # THEN it leaves the window and stays silent until then, and comes back exactly then
    assert reminders.waiting(store) == []
    assert reminders.collect(store, now + timedelta(minutes=59), loud()).reminders == []
    assert reminders.collect(store, now + timedelta(minutes=59), loud()).next_check == now + timedelta(hours=1)
    back = reminders.collect(store, now + timedelta(hours=1), loud())
    assert ids(back) == [fid] and back.reason == Reason.NOW


def test_done_skip_and_dismiss_take_it_out_of_the_window_only(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    now = clock.now()
    a, b, c = (follow_up(t, due=now - timedelta(minutes=1)) for t in "abc")
    reminders.collect(store, now, loud())
    engine.complete(store, a)
    engine.skip(store, b)
    assert [r.id for r in reminders.waiting(store)] == [c]
    reminders.dismiss(store, [c])
    assert reminders.waiting(store) == []
    # dismissed is not done: still open, and never notified twice for the same wake
    assert store.follow_ups.get(c).status.value == "open"
    assert reminders.collect(store, now + timedelta(hours=3), loud()).reminders == []


def test_snooze_all_snoozes_what_waits(store: Store, clock: FixedClock, follow_up: Callable[..., int]) -> None:
    now = clock.now()
    for t in "ab":
        follow_up(t, due=now - timedelta(minutes=1))
    reminders.collect(store, now, loud())
    assert reminders.snooze_all(store, now, now + timedelta(hours=1)) == 2
    assert reminders.waiting(store) == []
    assert reminders.collect(store, now + timedelta(hours=1), loud()).total == 2


def test_quiet_hours_hold_reminders_until_they_end_on_the_users_clock(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    # GIVEN quiet hours 20:00-08:00 in Lisbon and an item due at 23:00 local (UTC+0 in November)
    prefs = loud(quiet_hours_enabled=True, quiet_start=time(20), quiet_end=time(8))
    night = datetime(2026, 11, 23, 23, 0, tzinfo=LISBON)
    fid = follow_up(due=night)
    # WHEN the tick runs at 23:05
    held = reminders.collect(store, night + timedelta(minutes=5), prefs)
    # THEN nothing is said, and the next check is no later than a minute
    assert held.reminders == []
    morning = datetime(2026, 11, 24, 8, 0, tzinfo=LISBON)
    assert reminders.next_allowed(night, prefs) == morning
    # and at 08:00 it is delivered, saying it was held back
    delivered = reminders.collect(store, morning, prefs)
    assert ids(delivered) == [fid] and delivered.reason == Reason.QUIET


def test_quiet_hours_follow_the_wall_clock_across_dst() -> None:
    # Lisbon springs forward on Sunday 28 March 2027 (01:00 -> 02:00) and falls
    # back on 31 October 2027.
    prefs = loud(quiet_hours_enabled=True, quiet_start=time(22), quiet_end=time(7))
    before = datetime(2027, 3, 27, 23, 30, tzinfo=LISBON)
    assert reminders.next_allowed(before, prefs) == datetime(2027, 3, 28, 7, 0, tzinfo=LISBON)
    assert reminders.next_allowed(before, prefs) == datetime(2027, 3, 28, 6, 0, tzinfo=UTC)  # summer time
    autumn = datetime(2027, 10, 30, 23, 30, tzinfo=LISBON)
    assert reminders.next_allowed(autumn, prefs) == datetime(2027, 10, 31, 7, 0, tzinfo=UTC)  # winter time
    # a quiet end inside the spring-forward gap lands after the gap, as a wall clock shows it
    gap = loud(quiet_hours_enabled=True, quiet_start=time(0, 30), quiet_end=time(1, 30))
    assert reminders.next_allowed(datetime(2027, 3, 28, 0, 45, tzinfo=LISBON), gap) == datetime(
        2027, 3, 28, 1, 30, tzinfo=UTC
    )


def test_quiet_hours_within_a_day_and_days_off() -> None:
    lunch = loud(quiet_hours_enabled=True, quiet_start=time(12), quiet_end=time(13))
    assert reminders.next_allowed(datetime(2026, 11, 23, 12, 10, tzinfo=LISBON), lunch) == datetime(
        2026, 11, 23, 13, 0, tzinfo=LISBON
    )
    assert reminders.next_allowed(datetime(2026, 11, 23, 13, 10, tzinfo=LISBON), lunch) == datetime(
        2026, 11, 23, 13, 10, tzinfo=LISBON
    )
    # Saturday 28 November 2026 at 10:00, working days Monday to Friday, quiet 20-08
    workdays = loud(remind_on_working_days_only=True, quiet_hours_enabled=True, quiet_start=time(20), quiet_end=time(8))
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=LISBON)
    assert reminders.next_allowed(saturday, workdays) == datetime(2026, 11, 30, 8, 0, tzinfo=LISBON)
    # no working days at all: never silent forever
    nobody = loud(remind_on_working_days_only=True, working_days=frozenset())
    assert reminders.next_allowed(saturday, nobody) == saturday


def test_pause_holds_reminders_and_a_backward_clock_jump_cannot_stretch_it(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    now = clock.now()
    fid = follow_up(due=now - timedelta(minutes=1))
    reminders.pause(store, now, now + timedelta(hours=1))
    held = reminders.collect(store, now + timedelta(minutes=30), loud())
    assert held.reminders == [] and held.next_check == now + timedelta(minutes=31)
    assert ids(reminders.collect(store, now + timedelta(hours=1), loud())) == [fid]
    # a pause that seems to start in the future: the clock went back a day; ignored
    reminders.pause(store, now, now + timedelta(hours=1))
    assert reminders.paused_until(store, now - timedelta(days=1)) is None
    reminders.resume(store)
    assert reminders.paused_until(store, now) is None


def test_a_clock_jump_back_repeats_nothing_and_forward_drops_nothing(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    now = clock.now()
    a = follow_up("a", due=now - timedelta(minutes=1))
    b = follow_up("b", due=now + timedelta(hours=5))
    assert ids(reminders.collect(store, now, loud())) == [a]
    # the clock goes back two days: a stays notified
    assert reminders.collect(store, now - timedelta(days=2), loud()).reminders == []
    assert reminders.collect(store, now, loud()).reminders == []
    # then jumps a day ahead: b, which woke in between, is delivered once
    assert ids(reminders.collect(store, now + timedelta(days=1), loud())) == [b]
    assert reminders.collect(store, now + timedelta(days=1), loud()).reminders == []


def test_reminders_off_delivers_nothing_and_marks_nothing(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    now = clock.now()
    fid = follow_up(due=now - timedelta(minutes=1))
    assert reminders.collect(store, now, loud(reminders_enabled=False)).reminders == []
    assert ids(reminders.collect(store, now, loud())) == [fid]


def test_many_at_once_are_counted_and_the_window_keeps_the_newest(
    store: Store, clock: FixedClock, follow_up: Callable[..., int]
) -> None:
    now = clock.now()
    for i in range(reminders.WAITING_LIMIT + 20):
        follow_up(f"n{i}", due=now - timedelta(minutes=i + 1))
    delivery = reminders.collect(store, now, loud())
    assert delivery.total == reminders.WAITING_LIMIT + 20
    assert len(delivery.reminders) == reminders.WAITING_LIMIT
    assert delivery.summary() == f"{reminders.WAITING_LIMIT + 20} follow-ups are due"
    assert len(reminders.waiting(store)) == reminders.WAITING_LIMIT
    assert reminders.collect(store, now, loud()).total == 0


def test_the_tick_uses_the_partial_index(store: Store) -> None:
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT f.id FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
        f"WHERE {reminders._PENDING} AND f.wake_utc <= ? ORDER BY f.wake_utc DESC LIMIT 5",
        ("2026-01-01T00:00:00Z",),
    ).fetchall()
    assert any("follow_ups_to_notify" in str(row) for row in plan), plan


def test_pause_choices_are_an_hour_and_tomorrow_morning(clock: FixedClock) -> None:
    choices = reminders.pause_choices(clock.now(), loud())
    assert choices["For an hour"] == clock.now() + timedelta(hours=1)
    assert choices["Until tomorrow"] == datetime(2026, 11, 24, 9, 0, tzinfo=LISBON)
