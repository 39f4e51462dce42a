"""Repeating meetings, past meetings and time zones in a long-lived process
(issues 14 and 11): a series imports its next occurrence with a playbook for
repeating meetings, nothing is created late, expansion is bounded, past
meetings become "we met" touch points once, and each file's VTIMEZONE wins.

Clock: Monday 2026-11-23 09:30Z; the user is me@followup.example in Lisbon.
"""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime

import pytest
from ics_fixtures import DATA

from followup.calendar import import_ics, reading, recurrence
from followup.calendar.reading import read_calendar
from followup.planning import defaults
from followup.store import Store

QUIRKS = DATA / "quirks"


def _plan(store: Store, name: str, **kw: object) -> import_ics.ImportPlan:
    data = (QUIRKS / name).read_bytes()
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon", **kw)  # type: ignore[arg-type]
    return import_ics.analyse(store, parsed)


def test_a_weekly_series_imports_its_next_occurrence_with_the_recurring_playbook(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN a weekly 30-minute sync on Mondays at 10:00 Lisbon; now is Monday 09:30Z
    result = import_ics.apply(store, _plan(store, "weekly_series.ics"))
    # THEN one engagement, today's occurrence, with the playbook for repeating meetings
    [created] = result.created
    assert created["recurrence_id"] == "20261123T100000Z" and created["playbook"] == defaults.RECURRING_MEETING
    # its "prepare an hour before" (09:00Z) has passed: it is not created late
    titles = [f.title for f in store.follow_ups.for_engagement(created["engagement_id"])]  # type: ignore[arg-type]
    assert titles == ["Write down what was promised at the Weekly sync"]
    later = [s for s in result.skipped if str(s["why"]).startswith("a later occurrence")]
    assert len(later) == 12 and all(s["uid"] == "weekly@x.example" for s in later)
    assert store.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 1


def test_the_user_may_tick_later_occurrences_of_a_series(store: Store, people: dict[str, int]) -> None:
    # GIVEN a weekly series planned: the next occurrence, later ones optional
    plan = _plan(store, "weekly_series.ics")
    later = [i for i in plan.items if i.optional]
    # WHEN the user ticks the first later one THEN both are created
    plan.choose(later[0], True)
    result = import_ics.apply(store, plan)
    assert [c["recurrence_id"] for c in result.created] == ["20261123T100000Z", "20261130T100000Z"]


@pytest.mark.parametrize("name", ["flood_daily_interval_0.ics", "flood_secondly.ics", "flood_minutely.ics"])
def test_a_series_that_would_flood_the_plan_is_one_engagement_with_a_note(
    store: Store, people: dict[str, int], name: str
) -> None:
    # GIVEN INTERVAL=0 (never advances), SECONDLY or MINUTELY; WHEN read with a year's window
    tracemalloc.start()
    plan = _plan(store, name, window_days=365)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # THEN one event, a note saying why, and the memory of a small file (not gigabytes)
    [item] = plan.items
    assert item.event.note.startswith(("Imported once:", "It repeats every"))
    assert peak < 20_000_000
    result = import_ics.apply(store, plan)
    if name == "flood_daily_interval_0.ics":
        # its one date (1 November) has passed: history with Alice, logged once
        assert len(result.logged) == 1 and not result.created
    else:
        # SECONDLY and MINUTELY: one engagement at the next time, the note in it
        [created] = result.created
        assert created["when"] >= store.clock.now().isoformat()
        [notes] = store.conn.execute("SELECT notes FROM engagements").fetchone()
        assert item.event.note in notes


def test_expansion_stops_at_its_count_cap(
    store: Store, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a daily series, a cap of 7 occurrences WHEN read with an 8-year window THEN 7 events
    data = (QUIRKS / "weekly_series.ics").read_bytes().replace(b"FREQ=WEEKLY;BYDAY=MO", b"FREQ=DAILY")
    monkeypatch.setattr(recurrence, "MAX_OCCURRENCES", 7)
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon", window_days=3000)
    assert len(parsed.events) == 7


def test_a_past_meeting_with_a_contact_is_logged_once_as_we_met(store: Store, people: dict[str, int]) -> None:
    # GIVEN a meeting with Alice last month WHEN imported THEN it is logged as met, nothing planned
    first = import_ics.apply(store, _plan(store, "past_meeting.ics"))
    assert [x["title"] for x in first.logged] == ["Quarterly review"] and not first.created
    rows = store.conn.execute("SELECT contact_id, direction, summary, at_utc FROM touch_points").fetchall()
    assert [r[:3] for r in rows] == [(people["alice"], "met", "Met: Quarterly review")]
    assert rows[0][3].startswith("2026-10-15T10:00")
    assert store.conn.execute("SELECT count(*) FROM follow_ups").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 0
    # WHEN the same file is imported again THEN nothing is logged twice
    again = import_ics.apply(store, _plan(store, "past_meeting.ics"))
    assert not again.logged and store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0] == 1
    assert {s["why"] for s in again.skipped} >= {"already logged as met"}


def test_each_files_own_vtimezone_wins_in_one_process(store: Store, people: dict[str, int]) -> None:
    # GIVEN two Outlook files with the same TZID and different rules for April 2027
    def start(name: str) -> datetime:
        parsed = read_calendar((QUIRKS / name).read_bytes(), now=store.clock.now(), user_tz="Europe/Lisbon")
        [event] = parsed.events
        assert event.start is not None
        return event.start

    # old rules: summer time ended on the last Sunday of March, so 10:00 is +10:00
    # new rules: it ends on the first Sunday of April, so 10:00 is still +11:00
    for _ in range(2):
        assert start("outlook_sydney_2003.ics") == datetime(2027, 4, 1, 0, tzinfo=UTC)
        assert start("outlook_sydney_2010.ics") == datetime(2027, 3, 31, 23, tzinfo=UTC)


def test_a_series_with_no_occurrence_in_the_window_is_reported_not_silent(store: Store, people: dict[str, int]) -> None:
    # GIVEN a series that ended before today WHEN imported THEN it is skipped and says why
    data = (QUIRKS / "weekly_series.ics").read_bytes().replace(b"BYDAY=MO", b"BYDAY=MO;UNTIL=20261110T000000Z")
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon")
    result = import_ics.apply(store, import_ics.analyse(store, parsed))
    assert not result.created
    assert [(s["title"], s["why"]) for s in result.skipped] == [
        ("Weekly sync", "a repeating meeting (every week) with no occurrence in the next 90 days")
    ]


def test_many_series_list_their_later_occurrences_only_up_to_a_total_cap(
    store: Store, people: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN three weekly series and room for only 5 listed events in all
    one = (QUIRKS / "weekly_series.ics").read_bytes()
    body = one.split(b"BEGIN:VEVENT", 1)[1].split(b"END:VEVENT", 1)[0]
    events = b"".join(
        b"BEGIN:VEVENT" + body.replace(b"weekly@", b"weekly%d@" % n) + b"END:VEVENT\r\n" for n in range(3)
    )
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n" + events + b"END:VCALENDAR\r\n"
    monkeypatch.setattr(reading, "MAX_LISTED", 5)
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon")
    # THEN every series keeps its next occurrence; later ones stop at the cap
    assert sorted(e.uid for e in parsed.events if not e.later) == [f"weekly{n}@x.example" for n in range(3)]
    assert len(parsed.events) <= 5 + 2


def test_a_past_meeting_the_live_sync_logged_is_not_logged_again(store: Store, people: dict[str, int]) -> None:
    # GIVEN the live calendar sync already logged "past@x.example" with Alice (its cal_met record)
    store.conn.execute(
        "INSERT INTO cal_met (uid, recurrence_id, contact_id, touch_point_id) VALUES ('past@x.example', '', ?, NULL)",
        (people["alice"],),
    )
    result = import_ics.apply(store, _plan(store, "past_meeting.ics"))
    assert not result.logged and store.conn.execute("SELECT count(*) FROM touch_points").fetchone()[0] == 0
