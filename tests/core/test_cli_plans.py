"""The plan, due, done, snooze and skip commands, in-process with a fixed clock
(followup/cli/plan_commands.py).

The user lives in Europe/Berlin (+01:00 from 2026-10-25); the clock stands at
Monday 2026-11-23 09:30Z. Ana is a client who prefers email, so the Client
meeting playbook on Monday 11-30 14:00-15:00 Berlin gives, on the user's clock:
  prepare  Fri 11-27 09:00+01:00      confirm  Fri 11-27 11:00+01:00
  during   Mon 11-30 14:00+01:00      thank    Mon 11-30 17:00+01:00 (end + 2 h, before 17:30)
  check    Mon 12-07 10:00+01:00      feedback Wed 12-30 10:00+01:00 (11-30 + 30 days)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cli_runner import Cli, make_data_dir

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    clients = [Contact(name, kind=Kind.CLIENT, tz="Europe/Berlin") for name in ("Ana Lima", "Bo Chen")]
    return make_data_dir(tmp_path / "data", clock, settings={"user_tz": "Europe/Berlin"}, contacts=clients)


def counts(folder: Path, clock: FixedClock) -> tuple[int, int, int]:
    with Store.open(folder / "followup.db", clock) as store:
        row = store.conn.execute(
            "SELECT (SELECT count(*) FROM engagements), (SELECT count(*) FROM follow_ups), "
            "(SELECT count(*) FROM touch_points)"
        ).fetchone()
    return tuple(row)  # type: ignore[return-value]


def plan_review(cli: Cli) -> dict[str, Any]:
    result = cli("plan", "Ana Lima", "--title", "Quarterly review", "--start", "2026-11-30T14:00", "--json")
    assert result.code == 0, result.err
    return result.data  # type: ignore[no-any-return]


def ids_by_word(planned: dict[str, Any]) -> dict[str, int]:
    return {f["title"].split()[0]: f["id"] for f in planned["follow_ups"]}


def test_plan_prints_the_engagement_and_its_follow_ups(cli: Cli) -> None:
    # GIVEN Ana WHEN a review is planned on Monday 11-30 at 14:00 (no offset: the user's zone)
    data = plan_review(cli)
    # THEN the engagement id, the playbook, and each follow-up with its due time and offset
    assert isinstance(data["engagement_id"], int)
    assert data["playbook"] == "Client meeting"
    got = [(f["title"], f["phase"], f["due"], f["channel"]) for f in data["follow_ups"]]
    assert got == [
        ("Prepare for the Quarterly review with Ana Lima", "before", "2026-11-27T09:00:00+01:00", None),
        ("Confirm the Quarterly review with Ana", "before", "2026-11-27T11:00:00+01:00", "email"),
        ("Be present at the Quarterly review: take notes", "during", "2026-11-30T14:00:00+01:00", None),
        ("Thank Ana for the Quarterly review", "after", "2026-11-30T17:00:00+01:00", "email"),
        ("Check that Ana is happy with how the Quarterly review went", "after", "2026-12-07T10:00:00+01:00", "email"),
        ("Ask Ana for feedback or a referral", "after", "2026-12-30T10:00:00+01:00", "email"),
    ]
    for f in data["follow_ups"]:
        assert isinstance(f["id"], int)
        assert (f["contact"], f["contact_id"], f["source"], f["engagement_id"]) == (
            "Ana Lima",
            1,
            "plan",
            data["engagement_id"],
        )
    assert len({f["id"] for f in data["follow_ups"]}) == 6


def test_plan_as_text(cli: Cli) -> None:
    # GIVEN Ana WHEN planned without --json THEN a readable summary with local times
    result = cli("plan", "Ana Lima", "--title", "Quarterly review", "--start", "2026-11-30T14:00")
    assert result.code == 0
    assert result.out.startswith("Planned Quarterly review (engagement 1) with the Client meeting playbook:\n")
    assert "Fri 27 Nov 09:00" in result.out and "Prepare for the Quarterly review with Ana Lima" in result.out


def test_plan_all_day_gives_date_only_dues_for_all_day_items(cli: Cli) -> None:
    # GIVEN Ana WHEN an all-day engagement is planned on Monday 11-30
    result = cli("plan", "Ana Lima", "--title", "Site day", "--start", "2026-11-30", "--all-day", "--json")
    assert result.code == 0, result.err
    got = [(f["title"].split()[0], f["due"], f["all_day"]) for f in result.data["follow_ups"]]
    # THEN the during step (no time) is a date; timed steps keep their times; the day ends at 17:30
    # Berlin, so "2 h after the end" is 19:30, moved to Tuesday 12-01 09:00
    assert got == [
        ("Prepare", "2026-11-27T09:00:00+01:00", False),
        ("Confirm", "2026-11-27T11:00:00+01:00", False),
        ("Be", "2026-11-30", True),
        ("Thank", "2026-12-01T09:00:00+01:00", False),
        ("Check", "2026-12-07T10:00:00+01:00", False),
        ("Ask", "2026-12-30T10:00:00+01:00", False),
    ]


def test_an_unknown_playbook_is_an_error_listing_the_playbooks(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    # GIVEN no playbook called "Nope"
    # WHEN planning with it
    result = cli("plan", "Ana Lima", "--title", "T", "--start", "2026-11-30T14:00", "--playbook", "Nope", "--json")
    # THEN it fails, saying which playbooks exist, with no traceback and nothing written
    assert result.code != 0
    assert result.out == ""
    assert "Nope" in result.err
    for name in ("Client meeting", "Delivery or order", "Internal request", "Supplier order", "Difficult conversation"):
        assert name in result.err
    assert "Traceback" not in result.err
    assert counts(data_dir, clock) == (0, 0, 0)


@pytest.fixture
def busy(cli: Cli, data_dir: Path, clock: FixedClock) -> dict[str, int]:
    """Ana's review planned; Bo waiting for an answer; Cara, a client, not touched for a month."""
    ids = ids_by_word(plan_review(cli))
    # Bo wrote at 10:00 Berlin (09:00Z) and needs a reply: due 24 h later, 11-24 10:00+01:00
    logged = cli(
        "log",
        "Bo Chen",
        "--channel",
        "email",
        "--direction",
        "in",
        "--needs-reply",
        "--summary",
        "Question about the offer",
        "--at",
        "2026-11-23T10:00",
        "--json",
    )
    assert logged.code == 0, logged.err
    # Cara was added in August and last touched Tuesday 10-20 10:00Z (12:00 CEST): her 30-day
    # stay-in-touch falls on Thursday 11-19 09:00 CET; nothing has created it yet
    with Store.open(data_dir / "followup.db", clock) as store:
        clock.set(datetime(2026, 8, 1, tzinfo=UTC))
        cara = store.contacts.add(Contact("Cara Diaz", kind=Kind.CLIENT, tz="Europe/Berlin"))
        clock.set(NOW)
        store.touch_points.add(
            TouchPoint(cara, datetime(2026, 10, 20, 10, tzinfo=UTC), Channel.PHONE, Direction.OUT, "Call")
        )
        assert store.conn.execute("SELECT count(*) FROM follow_ups WHERE source = 'cadence'").fetchone()[0] == 0
    return ids


def summary(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(f["contact"], f["source"], f["due"]) for f in items]


CARA = ("Cara Diaz", "cadence", "2026-11-19T09:00:00+01:00")
BO = ("Bo Chen", "reply", "2026-11-24T10:00:00+01:00")
PREPARE = ("Ana Lima", "plan", "2026-11-27T09:00:00+01:00")
CONFIRM = ("Ana Lima", "plan", "2026-11-27T11:00:00+01:00")


def test_due_lists_what_is_due_at_now_oldest_first(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN the busy week WHEN asking what is due on Friday 11-27 at 12:00 Berlin
    result = cli("due", "--now", "2026-11-27T12:00+01:00", "--json", clock=None)
    # THEN the cadence (created on the spot), the reply promise and Ana's two Friday steps, oldest first
    assert result.code == 0, result.err
    assert summary(result.data) == [CARA, BO, PREPARE, CONFIRM]


def test_due_leaves_out_snoozed_items_until_their_time(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN preparing is snoozed until Friday 12:30 Berlin
    snoozed = cli("snooze", str(busy["Prepare"]), "--until", "2026-11-27T12:30", "--json")
    assert snoozed.code == 0, snoozed.err
    assert snoozed.data["snoozed_until"] == "2026-11-27T12:30:00+01:00"
    # WHEN asking at 12:00 and at 12:30
    at_noon = cli("due", "--now", "2026-11-27T12:00+01:00", "--json", clock=None)
    at_half_past = cli("due", "--now", "2026-11-27T12:30+01:00", "--json", clock=None)
    # THEN it is hidden at 12:00 and back at 12:30, ordered by when it woke
    assert summary(at_noon.data) == [CARA, BO, CONFIRM]
    assert summary(at_half_past.data) == [CARA, BO, CONFIRM, PREPARE]
    assert at_half_past.data[-1]["snoozed_until"] == "2026-11-27T12:30:00+01:00"


def test_due_until_widens_the_window(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN the busy week WHEN asking at Friday noon for everything until Monday 23:00
    result = cli("due", "--now", "2026-11-27T12:00+01:00", "--until", "2026-11-30T23:00", "--json", clock=None)
    # THEN Monday's during and thank-you steps are listed too
    assert summary(result.data) == [
        CARA,
        BO,
        PREPARE,
        CONFIRM,
        ("Ana Lima", "plan", "2026-11-30T14:00:00+01:00"),
        ("Ana Lima", "plan", "2026-11-30T17:00:00+01:00"),
    ]


def test_due_with_nothing_due(cli: Cli) -> None:
    # GIVEN nothing planned WHEN asking THEN a calm message
    result = cli("due")
    assert (result.code, result.out) == (0, "Nothing is due. Well kept.\n")


def test_due_now_without_an_offset_is_in_the_users_zone(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN the busy week WHEN asking at "2026-11-27T10:30", no offset: 10:30 Berlin = 09:30Z
    result = cli("due", "--now", "2026-11-27T10:30", "--json", clock=None)
    # THEN preparing (09:00 Berlin) is due but confirming (11:00 Berlin) is not yet;
    # read as 10:30Z (11:30 Berlin) the confirmation would wrongly be listed
    assert summary(result.data) == [CARA, BO, PREPARE]


def test_done_marks_done(cli: Cli, busy: dict[str, int], data_dir: Path, clock: FixedClock) -> None:
    # GIVEN Ana's open confirmation WHEN marked done
    result = cli("done", str(busy["Confirm"]), "--json")
    # THEN it is done, with no touch point, and no longer due
    assert result.code == 0, result.err
    assert result.data == {"id": busy["Confirm"], "status": "done", "touch_point_id": None}
    with Store.open(data_dir / "followup.db", clock) as store:
        fu = store.follow_ups.get(busy["Confirm"])
        assert (fu.status.value, fu.completed_at) == ("done", NOW)
    due = cli("due", "--now", "2026-11-27T12:00+01:00", "--json", clock=None)
    assert summary(due.data) == [CARA, BO, PREPARE]
    # and done again is refused, cleanly
    again = cli("done", str(busy["Confirm"]))
    assert again.code != 0 and "already done" in again.err and "Traceback" not in again.err


def test_done_with_log_records_a_touch_point(cli: Cli, busy: dict[str, int], data_dir: Path, clock: FixedClock) -> None:
    # GIVEN Ana's open confirmation (by email) WHEN done with --log
    before = counts(data_dir, clock)
    result = cli("done", str(busy["Confirm"]), "--log", "Sent the agenda", "--json")
    # THEN a touch point is logged (an outbound email to Ana, now) and linked
    assert result.code == 0, result.err
    tp_id = result.data["touch_point_id"]
    assert isinstance(tp_id, int)
    assert counts(data_dir, clock)[2] == before[2] + 1
    with Store.open(data_dir / "followup.db", clock) as store:
        tp = store.touch_points.get(tp_id)
        assert (tp.contact_id, tp.channel, tp.direction, tp.summary, tp.at) == (
            1,
            Channel.EMAIL,
            Direction.OUT,
            "Sent the agenda",
            NOW,
        )
        assert store.follow_ups.get(busy["Confirm"]).resolved_by_touch_point_id == tp_id


def test_skip(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN Ana's open preparation WHEN skipped THEN it is skipped and no longer due
    result = cli("skip", str(busy["Prepare"]), "--json")
    assert result.code == 0, result.err
    assert (result.data["id"], result.data["status"]) == (busy["Prepare"], "skipped")
    due = cli("due", "--now", "2026-11-27T12:00+01:00", "--json", clock=None)
    assert summary(due.data) == [CARA, BO, CONFIRM]


def test_snooze_into_the_past_is_refused(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN it is Monday 11-23 09:30Z WHEN snoozing until Sunday THEN refused, cleanly
    result = cli("snooze", str(busy["Prepare"]), "--until", "2026-11-22T09:00")
    assert result.code != 0
    assert "future" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    "argv",
    [("done", "999"), ("done", "999", "--log", "x"), ("snooze", "999", "--until", "2026-12-01T09:00"), ("skip", "999")],
    ids=["done", "done-log", "snooze", "skip"],
)
def test_an_unknown_id_is_a_clean_error(cli: Cli, data_dir: Path, clock: FixedClock, argv: tuple[str, ...]) -> None:
    # GIVEN no follow-up 999 WHEN acting on it
    before = counts(data_dir, clock)
    result = cli(*argv)
    # THEN a non-zero exit, a one-line message on stderr, no traceback, nothing written
    assert result.code != 0
    assert result.out == ""
    assert result.err == "followup: There is no follow-up with id 999.\n"
    assert counts(data_dir, clock) == before


def test_plan_then_due_later_uses_the_fixed_clock(cli: Cli, clock: FixedClock) -> None:
    # GIVEN a planned review WHEN the clock moves to Friday 11-27 10:30Z (11:30 Berlin) and due runs
    plan_review(cli)
    clock.set(NOW + timedelta(days=4, hours=1))
    result = cli("due", "--json")
    # THEN Ana's Friday steps (08:00Z and 10:00Z) are due
    assert summary(result.data) == [PREPARE, CONFIRM]


def test_snooze_before_the_due_time_is_refused_and_points_to_reschedule(
    cli: Cli, busy: dict[str, int], data_dir: Path, clock: FixedClock
) -> None:
    # GIVEN Ana's preparation is due Friday 11-27 09:00 Berlin
    before = counts(data_dir, clock)
    # WHEN snoozed until Thursday (before it is due)
    result = cli("snooze", str(busy["Prepare"]), "--until", "2026-11-26T09:00")
    # THEN refused with a message pointing to reschedule, and nothing changed
    assert result.code != 0
    assert "reschedule" in result.err and "Traceback" not in result.err
    assert counts(data_dir, clock) == before
    due = cli("due", "--until", "2026-11-27T09:00+01:00", "--json")
    assert [f["snoozed_until"] for f in due.data if f["id"] == busy["Prepare"]] == [None]


def test_due_json_gives_each_item_its_section_as_today_does(cli: Cli, busy: dict[str, int]) -> None:
    # GIVEN Ana's review planned (prepare and confirm on Friday 11-27, the rest next week) and Bo's
    # reply due Tuesday 10:00 Berlin; it is Monday 11-23 10:30 Berlin
    result = cli("due", "--until", "2027-01-31T00:00", "--json")
    assert result.code == 0, result.err
    sections = {f["title"].split()[0]: f["section"] for f in result.data}
    # THEN Bo's reply (tomorrow) and Friday's steps are this week; next Monday's are later
    assert sections["Reply"] == "week"
    assert (sections["Prepare"], sections["Confirm"]) == ("week", "week")
    assert (sections["Be"], sections["Thank"], sections["Ask"]) == ("later", "later", "later")
    # AND at Friday 12:00 Berlin, preparing (09:00) is overdue; the stay-in-touch nudge for Cara too
    friday = cli("due", "--now", "2026-11-27T12:00+01:00", "--json", clock=None)
    assert {f["section"] for f in friday.data if f["id"] == busy["Prepare"]} == {"overdue"}
