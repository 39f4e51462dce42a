"""Working time and wall-clock arithmetic (followup/planning/schedule.py).

Calendar facts used below, worked out by hand: 2026-01-01 is a Thursday, so
2026-03-01, 03-08, 03-29, 10-25 and 11-01 are Sundays and 2026-11-23 is a
Monday. Europe/Berlin springs forward on 2026-03-29 (+01:00 -> +02:00 at
02:00) and falls back on 2026-10-25; America/New_York springs forward on
2026-03-08 (-05:00 -> -04:00) and falls back on 2026-11-01.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.planning.model import Anchor, Phase, Step
from followup.planning.schedule import (
    add_working_days,
    is_working_time,
    local_at,
    next_working_morning,
    place,
    place_date,
    previous_working_morning,
    step_time,
)
from followup.preferences import Preferences

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
WORKDAYS = frozenset({0, 1, 2, 3, 4})
PREFS = Preferences(user_tz="Europe/Berlin")  # Mon-Fri, 09:00-17:30


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)  # type: ignore[misc]


DAY_BEFORE_AT_NINE = Step(Phase.BEFORE, "Prepare", days=-1, working_days=True, at=time(9, 0))


# -- local_at and DST ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "meeting", "meeting_offset", "expected_utc", "step_offset"),
    [
        # Berlin spring: Mon 2026-03-30 14:00 CEST (+2) = 12:00Z; one working
        # day before is Fri 03-27, still CET (+1): 09:00 local = 08:00Z.
        (BERLIN, datetime(2026, 3, 30, 14, 0), 2, utc(2026, 3, 27, 8, 0), 1),
        # Berlin autumn: Mon 2026-10-26 14:00 CET (+1); Fri 10-23 is CEST (+2):
        # 09:00 local = 07:00Z.
        (BERLIN, datetime(2026, 10, 26, 14, 0), 1, utc(2026, 10, 23, 7, 0), 2),
        # New York spring: Mon 2026-03-09 14:00 EDT (-4); Fri 03-06 is EST (-5):
        # 09:00 local = 14:00Z.
        (NEW_YORK, datetime(2026, 3, 9, 14, 0), -4, utc(2026, 3, 6, 14, 0), -5),
        # New York autumn: Mon 2026-11-02 14:00 EST (-5); Fri 10-30 is EDT (-4):
        # 09:00 local = 13:00Z.
        (NEW_YORK, datetime(2026, 11, 2, 14, 0), -5, utc(2026, 10, 30, 13, 0), -4),
    ],
    ids=["berlin-spring", "berlin-autumn", "new-york-spring", "new-york-autumn"],
)
def test_nine_the_working_day_before_is_nine_local_across_a_dst_change(
    zone: ZoneInfo, meeting: datetime, meeting_offset: int, expected_utc: datetime, step_offset: int
) -> None:
    # GIVEN a meeting on the Monday right after the zone changed its offset
    start = meeting.replace(tzinfo=zone).astimezone(UTC)
    # WHEN "09:00 one working day before" is applied on that zone's wall clock
    due = step_time(start, DAY_BEFORE_AT_NINE, zone, PREFS)
    # THEN it is 09:00 local on the Friday, with the Friday's own UTC offset
    assert due == expected_utc
    assert due.astimezone(zone).time() == time(9, 0)
    assert due.astimezone(zone).weekday() == 4
    assert start.astimezone(zone).utcoffset() == timedelta(hours=meeting_offset)
    assert due.astimezone(zone).utcoffset() == timedelta(hours=step_offset)
    assert meeting_offset != step_offset


def test_nine_the_calendar_day_before_is_nine_local_on_the_change_day_itself() -> None:
    # GIVEN a Monday 2026-03-30 meeting in Berlin (CEST) and "09:00 the day before"
    start = berlin(2026, 3, 30, 14, 0).astimezone(UTC)
    step = Step(Phase.BEFORE, "Prepare", days=-1, at=time(9, 0))
    # WHEN applied in Berlin and in New York (whose change was three weeks earlier)
    in_berlin = step_time(start, step, BERLIN, PREFS)
    # 12:00Z is 08:00 EDT on Mon 03-30 in New York, so the day before is Sun 03-29
    in_new_york = step_time(start, step, NEW_YORK, PREFS)
    # THEN Sunday 03-29 09:00 CEST (after the 02:00 jump) = 07:00Z,
    # and Sunday 03-29 09:00 EDT = 13:00Z
    assert in_berlin == utc(2026, 3, 29, 7, 0)
    assert in_new_york == utc(2026, 3, 29, 13, 0)


def test_a_time_inside_the_spring_forward_gap_lands_after_the_gap() -> None:
    # GIVEN 02:30 on 2026-03-29 in Berlin, which the clocks skip (02:00 -> 03:00)
    # WHEN it is resolved on Berlin's wall clock
    instant = local_at(date(2026, 3, 29), time(2, 30), BERLIN)
    # THEN it is read with the offset before the gap (+01:00): 01:30Z, which
    # a Berlin clock shows as 03:30 CEST
    assert instant == utc(2026, 3, 29, 1, 30)
    assert instant.astimezone(BERLIN).time() == time(3, 30)
    assert instant.astimezone(BERLIN).utcoffset() == timedelta(hours=2)


def test_an_ambiguous_autumn_time_is_the_first_of_the_two() -> None:
    # GIVEN 02:30 on 2026-10-25 in Berlin, which happens twice (CEST then CET)
    # WHEN it is resolved
    instant = local_at(date(2026, 10, 25), time(2, 30), BERLIN)
    # THEN it is the first one, 02:30 CEST (+02:00) = 00:30Z
    assert instant == utc(2026, 10, 25, 0, 30)


def test_local_at_returns_utc() -> None:
    # GIVEN a New York winter morning WHEN resolved THEN 09:00 EST (-5) = 14:00Z, in UTC
    instant = local_at(date(2026, 11, 23), time(9, 0), NEW_YORK)
    assert instant == utc(2026, 11, 23, 14, 0)
    assert instant.tzinfo == UTC


# -- working days -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Fri +1 -> Mon
        (date(2026, 11, 30), -1, date(2026, 11, 27)),  # Mon -1 -> Fri
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # Sat +1 -> Mon
        (date(2026, 11, 29), -1, date(2026, 11, 27)),  # Sun -1 -> Fri
        (date(2026, 11, 27), 5, date(2026, 12, 4)),  # Fri +5 -> next Fri
        (date(2026, 12, 2), -5, date(2026, 11, 25)),  # Wed -5 -> previous Wed
        (date(2026, 11, 25), 2, date(2026, 11, 27)),  # Wed +2 -> Fri, no weekend
        (date(2026, 11, 28), 0, date(2026, 11, 28)),  # zero moves nothing, even on a Saturday
    ],
)
def test_add_working_days_skips_weekends_both_ways(start: date, n: int, expected: date) -> None:
    # GIVEN a Monday-to-Friday week WHEN moving n working days THEN weekends are not counted
    assert add_working_days(start, n, WORKDAYS) == expected


def test_add_working_days_with_no_working_days_counts_calendar_days() -> None:
    # GIVEN a user with no working days set WHEN moving THEN plain calendar days
    assert add_working_days(date(2026, 11, 27), 1, frozenset()) == date(2026, 11, 28)


# -- next working morning -------------------------------------------------------------


@pytest.mark.parametrize(
    ("local", "expected_local"),
    [
        # Saturday morning -> Monday 09:00 (Berlin is +01:00 in late November)
        (berlin(2026, 11, 28, 10, 0), berlin(2026, 11, 30, 9, 0)),
        # Sunday evening -> Monday 09:00
        (berlin(2026, 11, 29, 20, 0), berlin(2026, 11, 30, 9, 0)),
        # Tuesday before work -> the same Tuesday at 09:00
        (berlin(2026, 11, 24, 7, 15), berlin(2026, 11, 24, 9, 0)),
        # Tuesday after work -> Wednesday 09:00
        (berlin(2026, 11, 24, 18, 0), berlin(2026, 11, 25, 9, 0)),
        # Friday at 17:30 exactly: the end is not working time -> Monday 09:00
        (berlin(2026, 11, 27, 17, 30), berlin(2026, 11, 30, 9, 0)),
        # inside working hours, and at 09:00 exactly: unchanged
        (berlin(2026, 11, 24, 11, 0), berlin(2026, 11, 24, 11, 0)),
        (berlin(2026, 11, 24, 9, 0), berlin(2026, 11, 24, 9, 0)),
    ],
    ids=["saturday", "sunday", "before-start", "after-end", "at-end", "inside", "at-start"],
)
def test_next_working_morning(local: datetime, expected_local: datetime) -> None:
    # GIVEN an instant WHEN moved to working time in Berlin THEN as listed
    assert next_working_morning(local.astimezone(UTC), BERLIN, PREFS) == expected_local.astimezone(UTC)


def test_next_working_morning_reads_the_zone_not_utc() -> None:
    # GIVEN Tuesday 2026-11-24 15:00Z, inside UTC working hours but 10:00 EST in New York,
    # and 23:00Z, which is 18:00 EST (after work)
    # WHEN moved in New York THEN 15:00Z stays; 23:00Z goes to Wed 09:00 EST = 14:00Z
    assert next_working_morning(utc(2026, 11, 24, 15, 0), NEW_YORK, PREFS) == utc(2026, 11, 24, 15, 0)
    assert next_working_morning(utc(2026, 11, 24, 23, 0), NEW_YORK, PREFS) == utc(2026, 11, 25, 14, 0)
    assert not is_working_time(utc(2026, 11, 24, 23, 0), NEW_YORK, PREFS)


def test_previous_working_morning() -> None:
    # GIVEN a Monday at 06:30 (before work) WHEN asking for the previous working morning
    # THEN it is the Friday before at 09:00; on a Tuesday at 18:00 it is that Tuesday 09:00
    assert previous_working_morning(berlin(2026, 11, 30, 6, 30), BERLIN, PREFS) == berlin(2026, 11, 27, 9, 0)
    assert previous_working_morning(berlin(2026, 11, 24, 18, 0), BERLIN, PREFS) == berlin(2026, 11, 24, 9, 0)


# -- place ----------------------------------------------------------------------------


def test_a_before_step_that_would_pass_the_start_moves_back_to_the_previous_working_morning() -> None:
    # GIVEN an engagement at Monday 2026-11-30 08:30 Berlin and a step two hours
    # earlier, 06:30 Monday: the next working morning (Mon 09:00) is after the start
    start = berlin(2026, 11, 30, 8, 30).astimezone(UTC)
    due = start - timedelta(hours=2)
    # WHEN placed
    placed = place(due, Phase.BEFORE, BERLIN, PREFS, deadline=start)
    # THEN it moves back to Friday 11-27 09:00 CET = 08:00Z
    assert placed == utc(2026, 11, 27, 8, 0)


def test_a_before_step_in_working_hours_after_an_early_start_moves_to_the_previous_working_day() -> None:
    # GIVEN an engagement at Monday 2026-11-30 08:30 Berlin and a BEFORE step "on the day of the
    # start at 09:00" (Monday 09:00, inside working hours but after the start)
    start = berlin(2026, 11, 30, 8, 30).astimezone(UTC)
    step = Step(Phase.BEFORE, "Send the agenda", at=time(9, 0))
    due = step_time(start, step, BERLIN, PREFS)
    assert due == berlin(2026, 11, 30, 9, 0)
    # WHEN placed
    placed = place(due, Phase.BEFORE, BERLIN, PREFS, deadline=start)
    # THEN it stays before the engagement: the previous working morning, Friday 11-27 09:00 CET = 08:00Z
    assert placed == utc(2026, 11, 27, 8, 0)


def test_a_before_step_on_a_weekend_moves_back_when_monday_morning_is_too_late() -> None:
    # GIVEN an engagement at Monday 08:00 and a step on the Saturday before
    start = berlin(2026, 11, 30, 8, 0).astimezone(UTC)
    # WHEN placed THEN Saturday is not a working day: back to Friday 09:00
    assert place(berlin(2026, 11, 28, 10, 0), Phase.BEFORE, BERLIN, PREFS, deadline=start) == berlin(2026, 11, 27, 9, 0)


def test_a_before_step_moves_forward_when_that_still_precedes_the_start() -> None:
    # GIVEN an engagement at Monday 14:00 and a step on the Sunday before
    start = berlin(2026, 11, 30, 14, 0).astimezone(UTC)
    # WHEN placed THEN Monday 09:00 is still before 14:00, so it goes forward
    assert place(berlin(2026, 11, 29, 15, 0), Phase.BEFORE, BERLIN, PREFS, deadline=start) == berlin(2026, 11, 30, 9, 0)


def test_a_during_step_never_moves() -> None:
    # GIVEN a Saturday-night engagement moment WHEN placed as DURING THEN it stays
    saturday_night = berlin(2026, 11, 28, 22, 0).astimezone(UTC)
    assert place(saturday_night, Phase.DURING, BERLIN, PREFS, deadline=saturday_night) == saturday_night


def test_an_after_step_goes_to_the_next_working_morning() -> None:
    # GIVEN an after step on Saturday evening WHEN placed THEN Monday 09:00, whatever the deadline
    start = berlin(2026, 11, 27, 16, 0).astimezone(UTC)
    assert place(berlin(2026, 11, 28, 19, 0), Phase.AFTER, BERLIN, PREFS, deadline=start) == berlin(2026, 11, 30, 9, 0)


@pytest.mark.parametrize(
    ("day", "phase", "expected"),
    [
        (date(2026, 11, 28), Phase.BEFORE, date(2026, 11, 27)),  # Sat before -> Fri
        (date(2026, 11, 29), Phase.BEFORE, date(2026, 11, 27)),  # Sun before -> Fri
        (date(2026, 11, 28), Phase.AFTER, date(2026, 11, 30)),  # Sat after -> Mon
        (date(2026, 11, 29), Phase.AFTER, date(2026, 11, 30)),  # Sun after -> Mon
        (date(2026, 11, 28), Phase.DURING, date(2026, 11, 28)),  # during: stays
        (date(2026, 11, 25), Phase.AFTER, date(2026, 11, 25)),  # Wednesday: stays
    ],
)
def test_place_date_for_all_day_steps(day: date, phase: Phase, expected: date) -> None:
    # GIVEN an all-day step's date WHEN placed THEN working days, before stays before
    assert place_date(day, phase, PREFS) == expected


def test_minutes_after_the_end_are_added_to_the_instant() -> None:
    # GIVEN an end at 2026-11-24 15:00Z and "2 hours after the end"
    step = Step(Phase.AFTER, "Thank", anchor=Anchor.END, minutes=120)
    # WHEN applied THEN 17:00Z, whatever the zone
    assert step_time(utc(2026, 11, 24, 15, 0), step, NEW_YORK, PREFS) == utc(2026, 11, 24, 17, 0)
