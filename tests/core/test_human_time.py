"""Human times, typed anywhere a time is typed (followup/human_time.py).

It is Monday 2026-11-23 09:30Z; the user is in Europe/Berlin (+01:00), so it
is 10:30 there. 2026-11-27 is a Friday.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.errors import ValidationError
from followup.human_time import parse_when

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN).astimezone(UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30T14:00", berlin(2026, 11, 30, 14)),
        ("2026-11-30 14:00", berlin(2026, 11, 30, 14)),
        ("2026-11-30T14:00+00:00", datetime(2026, 11, 30, 14, tzinfo=UTC)),
        ("2026-11-30T13:00Z", datetime(2026, 11, 30, 13, tzinfo=UTC)),
        ("today 14:00", berlin(2026, 11, 23, 14)),
        ("Today 9:05", berlin(2026, 11, 23, 9, 5)),
        ("tomorrow 9:00", berlin(2026, 11, 24, 9)),
        ("yesterday 17:30", berlin(2026, 11, 22, 17, 30)),
        ("14:00", berlin(2026, 11, 23, 14)),  # a time without a day is today
        ("9:00", berlin(2026, 11, 23, 9)),  # today, even if already past
        ("fri 14:00", berlin(2026, 11, 27, 14)),
        ("Friday 14:00", berlin(2026, 11, 27, 14)),
        ("mon 9:00", berlin(2026, 11, 30, 9)),  # today is Monday: the next one is next week
        ("mon 11:00", berlin(2026, 11, 30, 11)),  # even later today: a weekday means the next one
        ("+30m", NOW + timedelta(minutes=30)),
        ("+2h", NOW + timedelta(hours=2)),
        ("-2h", NOW - timedelta(hours=2)),
        ("+3d", NOW + timedelta(days=3)),
        ("-3d", NOW - timedelta(days=3)),
        ("+1w", NOW + timedelta(weeks=1)),
        ("  +1W ", NOW + timedelta(weeks=1)),
    ],
)
def test_readable_times(text: str, expected: datetime) -> None:
    # GIVEN the time and the user's zone WHEN a time is typed THEN it is read as a person means it
    assert parse_when(text, BERLIN, NOW) == expected


def test_days_count_on_the_wall_clock_across_a_dst_change() -> None:
    # GIVEN Saturday 2026-03-28 12:00 in Berlin (+01:00) WHEN "+1d" THEN Sunday 12:00 (+02:00), 23 h later
    now = berlin(2026, 3, 28, 12)
    assert parse_when("+1d", BERLIN, now) == berlin(2026, 3, 29, 12)


@pytest.mark.parametrize("text", ["", "soon", "tomorrow at noon", "25:00", "fri 9:75", "+3x", "2026-13-01", "+"])
def test_an_unreadable_time_is_refused_with_an_example(text: str) -> None:
    # GIVEN a time that cannot be read WHEN parsed THEN one sentence with examples that work
    with pytest.raises(ValidationError) as error:
        parse_when(text, BERLIN, NOW)
    assert "tomorrow 9:00" in str(error.value) and "+2h" in str(error.value)
