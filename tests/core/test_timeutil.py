"""Time at the edges: parsing what users type, calendar days in a zone, phones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from followup.errors import ValidationError
from followup.timeutil import days_ago, from_db, humanize_days_ago, parse_user_datetime, to_db, zone, zone_info
from followup.validation import normalise_phone

LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("text", "default_zone", "expected"),
    [
        # No offset: the wall-clock time in the given zone.
        ("2026-11-23T14:30", NEW_YORK, datetime(2026, 11, 23, 19, 30, tzinfo=UTC)),  # EST, UTC-5
        ("2026-07-01T14:30", NEW_YORK, datetime(2026, 7, 1, 18, 30, tzinfo=UTC)),  # EDT, UTC-4
        ("2026-07-01T14:30", LISBON, datetime(2026, 7, 1, 13, 30, tzinfo=UTC)),  # WEST, UTC+1
        ("2026-11-23 09:00", TOKYO, datetime(2026, 11, 23, 0, 0, tzinfo=UTC)),  # space separator
        ("2026-11-23", TOKYO, datetime(2026, 11, 22, 15, 0, tzinfo=UTC)),  # a date: midnight there
        ("  2026-11-23T14:30  ", LISBON, datetime(2026, 11, 23, 14, 30, tzinfo=UTC)),
        # With Z or an offset, the default zone does not matter.
        ("2026-11-23T14:30Z", TOKYO, datetime(2026, 11, 23, 14, 30, tzinfo=UTC)),
        ("2026-11-23T14:30:15Z", NEW_YORK, datetime(2026, 11, 23, 14, 30, 15, tzinfo=UTC)),
        ("2026-11-23T14:30+05:30", LISBON, datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        ("2026-11-23T01:30-08:00", TOKYO, datetime(2026, 11, 23, 9, 30, tzinfo=UTC)),
        ("2026-12-31T23:30-01:00", UTC, datetime(2027, 1, 1, 0, 30, tzinfo=UTC)),
    ],
)
def test_parse_user_datetime(text: str, default_zone: ZoneInfo, expected: datetime) -> None:
    parsed = parse_user_datetime(text, default_zone)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a valid date and time (day is out of range for month)"),
        ("2026-02-30T10:00", "is not a valid date and time"),
        ("2025-02-29T10:00", "day is out of range for month"),  # not a leap year
        ("2026-13-01", "month must be in 1..12"),
        ("2026-11-23T24:30", "is not a valid date and time"),
        ("yesterday", "use ISO 8601, for example 2026-11-23T14:30+01:00"),
        ("23/11/2026", "is not a valid date and time"),
        ("", "A date and time is required"),
        ("   ", "A date and time is required"),
        ("1899-12-31T23:00Z", "outside the years 1900 to 2200"),
        ("2201-01-01T00:00", "outside the years 1900 to 2200"),
        ("0001-01-01T00:00+01:00", "outside the years 1900 to 2200"),
    ],
)
def test_parse_user_datetime_rejects_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_user_datetime(text, LISBON)
    assert message in str(error.value)


def test_leap_day_is_a_real_date() -> None:
    assert parse_user_datetime("2028-02-29T12:00", LISBON) == datetime(2028, 2, 29, 12, 0, tzinfo=UTC)


def test_days_ago_counts_calendar_days_in_the_zone() -> None:
    # GIVEN two instants one hour apart, either side of midnight UTC
    then = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    now = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)
    # THEN in UTC that is yesterday, in Tokyo (09:30 vs 08:30 on the 23rd) and New York (the 22nd) the same day
    assert days_ago(then, now, UTC) == 1
    assert days_ago(then, now, TOKYO) == 0
    assert days_ago(then, now, NEW_YORK) == 0
    # GIVEN an hour either side of Tokyo's midnight (15:00 UTC) THEN Tokyo says yesterday, UTC says today
    then, now = datetime(2026, 11, 23, 14, 30, tzinfo=UTC), datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
    assert days_ago(then, now, TOKYO) == 1
    assert days_ago(then, now, UTC) == 0
    # AND a 47-hour gap can span three calendar days in New York (Mon 00:30 to Wed 23:30 local)
    then, now = datetime(2026, 11, 23, 5, 30, tzinfo=UTC), datetime(2026, 11, 26, 4, 30, tzinfo=UTC)
    assert days_ago(then, now, NEW_YORK) == 2
    assert days_ago(then, now, UTC) == 3


def test_days_ago_across_a_dst_change() -> None:
    # Lisbon leaves summer time on 2026-10-25: still one calendar day from noon to noon.
    then = datetime(2026, 10, 24, 11, 0, tzinfo=UTC)  # 12:00 WEST (UTC+1)
    now = datetime(2026, 10, 25, 12, 0, tzinfo=UTC)  # 12:00 WET (UTC+0), 25 hours later
    assert then.astimezone(LISBON).hour == now.astimezone(LISBON).hour == 12
    assert days_ago(then, now, LISBON) == 1
    # AND 23:30 on the 24th to 01:30 on the 25th, local time, is a new day
    assert days_ago(datetime(2026, 10, 24, 22, 30, tzinfo=UTC), datetime(2026, 10, 25, 0, 30, tzinfo=UTC), LISBON) == 1


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (-1, "in the future"),
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (20, "2 weeks ago"),
        (21, "3 weeks ago"),
        (59, "8 weeks ago"),
        (60, "2 months ago"),
        (89, "2 months ago"),
        (90, "3 months ago"),
        (729, "24 months ago"),
        (730, "2 years ago"),
        (1095, "3 years ago"),
    ],
)
def test_humanize_days_ago_buckets(days: int, text: str) -> None:
    assert humanize_days_ago(days) == text


@pytest.mark.parametrize(
    ("number", "normalised"),
    [
        ("+351 912 345 678", "+351912345678"),
        ("00351 912-345-678", "+351912345678"),
        ("tel:+1-555-123-4567", "+15551234567"),
        ("TEL:0044 20 7946 0000", "+442079460000"),
        ("  +44 (0)20 7946-0000 ", "+4402079460000"),
        ("(555) 123-4567", "5551234567"),
        ("555.123.4567", "5551234567"),
        ("0912 345 678", "0912345678"),  # a single leading zero is national, kept
        ("+", "+"),
    ],
)
def test_normalise_phone(number: str, normalised: str) -> None:
    assert normalise_phone(number) == normalised


def test_database_text_round_trip() -> None:
    instant = datetime(2026, 7, 1, 15, 45, 59, 999_999, tzinfo=LISBON)  # WEST, UTC+1; sub-seconds dropped
    text = to_db(instant)
    assert text == "2026-07-01T14:45:59Z"
    assert from_db(text) == instant.replace(microsecond=0)
    assert from_db(text).utcoffset() == timedelta(0)
    with pytest.raises(ValueError, match="naive"):
        to_db(datetime(2026, 1, 1))


@pytest.mark.parametrize("name", ["", " UTC", "Mars/Base", "Europe/Lisbon/", "../zoneinfo"])
def test_unknown_zone(name: str) -> None:
    with pytest.raises(ValidationError, match="Unknown time zone"):
        zone(name)


def test_a_zone_is_read_from_disk_once_and_an_unknown_one_still_fails() -> None:
    # GIVEN a zone looked up, then ZoneInfo's own cache emptied (it keeps only the last eight)
    first = zone_info("Asia/Kathmandu")
    ZoneInfo.clear_cache()
    # WHEN it is looked up again THEN it is the zone already read (ZoneInfo would read the file anew)
    assert zone_info("Asia/Kathmandu") is first
    assert ZoneInfo("Asia/Kathmandu") is not first
    assert first.utcoffset(datetime(2026, 12, 4, tzinfo=UTC)) == timedelta(hours=5, minutes=45)
    # AND an unknown name fails as ZoneInfo fails, every time (nothing kept for it)
    for _ in range(2):
        with pytest.raises(ZoneInfoNotFoundError):
            zone_info("Mars/Olympus_Mons")
