"""Turning an engagement and a playbook into dated follow-ups (followup/planning/planner.py).

The user lives in Europe/Lisbon. In June 2026 Lisbon is on WEST (+01:00) and
New York on EDT (-04:00), so the user's zone, the contact's zone and UTC all
differ. 2026-06-01 is a Monday (151 days after Thursday 2026-01-01), so
06-12 and 06-19 are Fridays, 06-15 and 06-22 Mondays.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.domain import Channel
from followup.planning import defaults
from followup.planning.model import Anchor, Engagement, Phase, PlannedFollowUp, Playbook, Step
from followup.planning.planner import PlanContact, plan, step_key
from followup.preferences import Preferences

LISBON = ZoneInfo("Europe/Lisbon")
PREFS = Preferences(user_tz="Europe/Lisbon")

ANA_EMAIL = PlanContact(1, "Ana Lima", "Lima Lda", Channel.EMAIL, "America/New_York")
ANA_PHONE = PlanContact(1, "Ana Lima", "Lima Lda", Channel.PHONE, "America/New_York")
BO = PlanContact(2, "Bo Chen", "Chen Inc", Channel.EMAIL, "Europe/Lisbon")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def playbook(name: str) -> Playbook:
    return next(p for p in defaults.DEFAULT_PLAYBOOKS() if p.name == name)


def meeting(start_local: datetime, hours: int = 1, title: str = "Quarterly review", contacts: int = 1) -> Engagement:
    start = start_local.replace(tzinfo=LISBON).astimezone(UTC)
    return Engagement(
        title, list(range(1, contacts + 1)), start=start, end=start + timedelta(hours=hours), tz="Europe/Lisbon"
    )


MONDAY_14 = datetime(2026, 6, 15, 14, 0)  # 14:00 WEST = 13:00Z; ends 15:00 WEST = 14:00Z


def by_title_start(items: list[PlannedFollowUp], prefix: str) -> list[PlannedFollowUp]:
    return [p for p in items if p.title.startswith(prefix)]


def test_client_meeting_with_an_email_contact_is_placed_on_the_users_clock() -> None:
    # GIVEN a Monday 14:00 (Lisbon) client meeting with Ana, who prefers email and lives in New York
    items = plan(meeting(MONDAY_14), playbook(defaults.CLIENT_MEETING), [ANA_EMAIL], PREFS)
    # WHEN the Client meeting playbook is applied THEN, step by step:
    got = [(p.title, p.phase, p.channel, p.tz, p.due) for p in items]
    assert got == [
        # one working day before at 09:00 on the user's clock: Fri 06-12 09:00 WEST = 08:00Z
        ("Prepare for the Quarterly review with Ana Lima", Phase.BEFORE, None, "Europe/Lisbon", utc(2026, 6, 12, 8)),
        # the confirmation is an email, the user's own work: Fri 11:00 WEST = 10:00Z
        ("Confirm the Quarterly review with Ana", Phase.BEFORE, "email", "Europe/Lisbon", utc(2026, 6, 12, 10)),
        # during: at the start, 13:00Z
        ("Be present at the Quarterly review: take notes", Phase.DURING, None, "Europe/Lisbon", utc(2026, 6, 15, 13)),
        # two hours after the end (14:00Z) = 16:00Z = 17:00 WEST, before 17:30: stays
        ("Thank Ana for the Quarterly review", Phase.AFTER, "email", "Europe/Lisbon", utc(2026, 6, 15, 16)),
        # seven days after the end at 10:00 Lisbon: Mon 06-22 10:00 WEST = 09:00Z
        (
            "Check that Ana is happy with how the Quarterly review went",
            Phase.AFTER,
            "email",
            "Europe/Lisbon",
            utc(2026, 6, 22, 9),
        ),
        # thirty days after: 06-15 + 30 = 07-15, a Wednesday (30 = 4 weeks + 2 days), 10:00 WEST = 09:00Z
        ("Ask Ana for feedback or a referral", Phase.AFTER, "email", "Europe/Lisbon", utc(2026, 7, 15, 9)),
    ]
    assert all(p.due_date is None and not p.all_day for p in items)


def test_client_meeting_with_a_phone_contact_places_calls_on_the_contacts_clock() -> None:
    # GIVEN the same meeting, but Ana prefers phone (New York, EDT -04:00)
    items = plan(meeting(MONDAY_14), playbook(defaults.CLIENT_MEETING), [ANA_PHONE], PREFS)
    got = [(p.title.split()[0], p.channel, p.tz, p.due) for p in items]
    # WHEN planned THEN preparing is still on the user's clock; every call is in Ana's working hours:
    assert got == [
        # Fri 06-12 09:00 Lisbon = 08:00Z
        ("Prepare", None, "Europe/Lisbon", utc(2026, 6, 12, 8)),
        # start 13:00Z = 09:00 EDT Monday; one working day before at 11:00 EDT = Fri 15:00Z
        ("Confirm", "phone", "America/New_York", utc(2026, 6, 12, 15)),
        ("Be", None, "Europe/Lisbon", utc(2026, 6, 15, 13)),
        # end 14:00Z = 10:00 EDT, + 2 h = 12:00 EDT = 16:00Z
        ("Thank", "phone", "America/New_York", utc(2026, 6, 15, 16)),
        # Mon 06-22 10:00 EDT = 14:00Z
        ("Check", "phone", "America/New_York", utc(2026, 6, 22, 14)),
        # Wed 07-15 10:00 EDT = 14:00Z
        ("Ask", "phone", "America/New_York", utc(2026, 7, 15, 14)),
    ]
    for p in items:
        if p.channel == "phone":
            local = p.due.astimezone(ZoneInfo("America/New_York"))  # type: ignore[union-attr]
            assert local.weekday() < 5 and time(9) <= local.time() < time(17, 30)


def test_a_call_that_would_fall_outside_the_contacts_hours_moves_into_them() -> None:
    # GIVEN a Monday 16:00 Lisbon meeting (15:00Z, ends 16:00Z = 12:00 EDT) with a phone contact in New York
    items = plan(meeting(datetime(2026, 6, 15, 16, 0)), playbook(defaults.CLIENT_MEETING), [ANA_PHONE], PREFS)
    thank = by_title_start(items, "Thank")[0]
    # WHEN planned THEN the thank-you call is 2 h after the end: 14:00 EDT = 18:00Z, fine for
    # New York although it is 19:00 in Lisbon, after the user's working day
    assert thank.due == utc(2026, 6, 15, 18)
    # and the same step for an email contact in Lisbon moves to Tue 09:00 WEST = 08:00Z
    emailed = plan(meeting(datetime(2026, 6, 15, 16, 0)), playbook(defaults.CLIENT_MEETING), [ANA_EMAIL], PREFS)
    assert by_title_start(emailed, "Thank")[0].due == utc(2026, 6, 16, 8)


def test_per_contact_steps_make_one_follow_up_per_contact() -> None:
    # GIVEN a meeting with Ana and Bo
    items = plan(meeting(MONDAY_14, contacts=2), playbook(defaults.CLIENT_MEETING), [ANA_EMAIL, BO], PREFS)
    # WHEN planned THEN the three engagement-level steps give one follow-up each (for the
    # first contact), the three per-contact steps one per person: 3 + 3 * 2 = 9
    assert len(items) == 9
    assert [p.contact_id for p in by_title_start(items, "Prepare")] == [1]
    assert [p.contact_id for p in by_title_start(items, "Confirm")] == [1]
    assert [p.contact_id for p in by_title_start(items, "Be present")] == [1]
    assert sorted(p.contact_id for p in by_title_start(items, "Thank")) == [1, 2]
    # an engagement-level title names everyone; a per-contact title names that person
    assert by_title_start(items, "Prepare")[0].title == "Prepare for the Quarterly review with Ana Lima and Bo Chen"
    assert {p.title for p in by_title_start(items, "Thank")} == {
        "Thank Ana for the Quarterly review",
        "Thank Bo for the Quarterly review",
    }


def test_step_keys_are_unique_and_stable() -> None:
    # GIVEN a two-contact meeting
    book = playbook(defaults.CLIENT_MEETING)
    first = plan(meeting(MONDAY_14, contacts=2), book, [ANA_EMAIL, BO], PREFS)
    # WHEN planned again, and again with the meeting moved a day later
    again = plan(meeting(MONDAY_14, contacts=2), book, [ANA_EMAIL, BO], PREFS)
    moved = plan(meeting(MONDAY_14 + timedelta(days=1), contacts=2), book, [ANA_EMAIL, BO], PREFS)
    keys = [p.step_key for p in first]
    # THEN keys are unique, identical each time, and do not depend on the dates
    assert len(set(keys)) == len(keys) == 9
    assert keys == [p.step_key for p in again]
    assert sorted(keys) == sorted(p.step_key for p in moved)
    # steps without a database id are keyed by position; stored ones by their id
    assert set(keys) == {"p0:c1", "p1:c1", "p2:c1", "p3:c1", "p3:c2", "p4:c1", "p4:c2", "p5:c1", "p5:c2"}
    assert step_key(Step(Phase.AFTER, "x", id=42), 3, 7) == "s42:c7"


def test_planning_is_deterministic() -> None:
    # GIVEN the same inputs WHEN planned twice THEN identical results
    book = playbook(defaults.CLIENT_MEETING)
    assert plan(meeting(MONDAY_14), book, [ANA_PHONE], PREFS) == plan(meeting(MONDAY_14), book, [ANA_PHONE], PREFS)


def test_titles_render_first_name_engagement_contact_and_organisation() -> None:
    # GIVEN a step using every placeholder
    book = Playbook(
        "Custom",
        steps=[
            Step(
                Phase.AFTER,
                "Write to {first} at {organisation} ({contact}) about {engagement}",
                anchor=Anchor.END,
                days=1,
                at=time(10),
            )
        ],
    )
    # WHEN planned THEN each is replaced
    (item,) = plan(meeting(MONDAY_14), book, [ANA_EMAIL], PREFS)
    assert item.title == "Write to Ana at Lima Lda (Ana Lima) about Quarterly review"


def test_an_all_day_engagement_gives_all_day_follow_ups_for_steps_without_a_time() -> None:
    # GIVEN an all-day engagement on Monday 06-15 to Tuesday 06-16, and a playbook with
    # untimed steps and timed ones
    engagement = Engagement(
        "Site visit", [1], all_day=True, start_date=date(2026, 6, 15), end_date=date(2026, 6, 16), tz="Europe/Lisbon"
    )
    book = Playbook(
        "Custom",
        steps=[
            Step(Phase.BEFORE, "Pack for the {engagement}", days=-1),  # Sun 06-14 -> before: Fri 06-12
            Step(Phase.DURING, "Be on site"),  # 06-15
            Step(
                Phase.AFTER, "Report on the {engagement}", anchor=Anchor.END, days=5
            ),  # Tue+5 = Sun 06-21 -> Mon 06-22
            Step(Phase.BEFORE, "Call {first}", days=-1, working_days=True, at=time(9, 0)),  # timed
            Step(Phase.AFTER, "Thank {first}", anchor=Anchor.END, minutes=120),  # timed
        ],
    )
    # WHEN planned for Ana (email, so everything is on the user's Lisbon clock)
    items = {p.title.split()[0]: p for p in plan(engagement, book, [ANA_EMAIL], PREFS)}
    # THEN untimed steps are all-day: no due instant, a due date on a working day
    assert (items["Pack"].due, items["Pack"].due_date) == (None, date(2026, 6, 12))
    assert (items["Be"].due, items["Be"].due_date) == (None, date(2026, 6, 15))
    assert (items["Report"].due, items["Report"].due_date) == (None, date(2026, 6, 22))
    assert items["Pack"].all_day and items["Be"].all_day and items["Report"].all_day
    # and timed steps are timed: Fri 06-12 09:00 WEST = 08:00Z
    assert (items["Call"].due, items["Call"].due_date) == (utc(2026, 6, 12, 8), None)
    # the end of an all-day engagement is the end of its last working day, Tue 06-16 17:30 WEST = 16:30Z;
    # + 2 h = 18:30Z = 19:30 WEST, after work: Wed 06-17 09:00 WEST = 08:00Z
    assert (items["Thank"].due, items["Thank"].due_date) == (utc(2026, 6, 17, 8), None)


def test_the_client_meeting_on_an_all_day_engagement() -> None:
    # GIVEN the Client meeting playbook on an all-day Monday 06-15
    engagement = Engagement("Workshop", [1], all_day=True, start_date=date(2026, 6, 15), tz="Europe/Lisbon")
    items = plan(engagement, playbook(defaults.CLIENT_MEETING), [ANA_EMAIL], PREFS)
    # WHEN planned THEN only the during step (no time, no minutes) is all-day
    all_day = [p for p in items if p.all_day]
    assert [(p.title, p.due_date) for p in all_day] == [("Be present at the Workshop: take notes", date(2026, 6, 15))]
    assert len([p for p in items if not p.all_day]) == 5


def test_weekend_landing_moves_to_the_next_working_morning() -> None:
    # GIVEN a Friday 06-19 16:00 Lisbon meeting (15:00Z-16:00Z)
    items = plan(meeting(datetime(2026, 6, 19, 16, 0)), playbook(defaults.CLIENT_MEETING), [ANA_EMAIL], PREFS)
    # WHEN planned THEN "2 h after the end" (Fri 18:00 WEST) moves to Mon 06-22 09:00 WEST = 08:00Z,
    assert by_title_start(items, "Thank")[0].due == utc(2026, 6, 22, 8)
    # and "30 days after at 10:00" (06-19 + 30 = Sun 07-19) moves to Mon 07-20 09:00 WEST = 08:00Z
    assert by_title_start(items, "Ask")[0].due == utc(2026, 7, 20, 8)
    # and "7 days after at 10:00" is Fri 06-26 10:00 WEST = 09:00Z, a working day: unchanged
    assert by_title_start(items, "Check")[0].due == utc(2026, 6, 26, 9)


def test_follow_ups_come_ordered_by_due_time() -> None:
    # GIVEN any plan WHEN made THEN ordered by due time
    items = plan(meeting(MONDAY_14, contacts=2), playbook(defaults.CLIENT_MEETING), [ANA_PHONE, BO], PREFS)
    dues = [p.due for p in items]
    assert dues == sorted(dues)  # type: ignore[type-var]


@pytest.mark.parametrize("contact", [ANA_EMAIL, ANA_PHONE, PlanContact(3, "Cy Doe", "", Channel.TEXT, "UTC")])
def test_the_difficult_conversation_never_plans_an_email(contact: PlanContact) -> None:
    # GIVEN a difficult conversation with someone who prefers email, phone or text
    items = plan(meeting(MONDAY_14, title="Late payment"), playbook(defaults.DIFFICULT), [contact], PREFS)
    # WHEN planned THEN no step is written: preparing has no channel, the rest are calls
    assert [p.channel for p in items] == [None, "phone", "phone"]
    assert all(p.channel not in ("email", "text") for p in items)
    # and every step says why: a call, not an email
    for p in items:
        assert "call" in p.notes.lower()
        assert "never emails" in p.notes


def test_no_contacts_no_plan() -> None:
    # GIVEN no contacts WHEN planned THEN nothing
    assert plan(meeting(MONDAY_14), playbook(defaults.CLIENT_MEETING), [], PREFS) == []
