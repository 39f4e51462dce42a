"""log --reply-to / --not-a-reply, delete-touch-point, reopen, reschedule
(issue 13), in-process with a fixed clock.

The user lives in Europe/Berlin (+01:00); the clock stands at Monday
2026-11-23 09:30Z (10:30 Berlin). Bo wrote at 08:00 Berlin (07:00Z): his
reply is due Tuesday 08:00 Berlin.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_runner import Cli, make_data_dir

from followup.clock import FixedClock
from followup.domain import Contact, Kind

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    bo = Contact("Bo Chen", kind=Kind.CLIENT, tz="Europe/Berlin")
    return make_data_dir(tmp_path / "data", clock, settings={"user_tz": "Europe/Berlin"}, contacts=[bo])


def question(cli: Cli, at: str = "2026-11-23T08:00", summary: str = "Question about the offer") -> int:
    result = cli(
        "log", "Bo Chen", "--channel", "email", "--direction", "in", "--needs-reply", "--summary", summary,
        "--at", at, "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    (promise,) = result.data["follow_ups_opened"]
    return promise  # type: ignore[no-any-return]


def due_ids(cli: Cli) -> list[int]:
    result = cli("due", "--until", "2026-11-30T00:00", "--json")
    assert result.code == 0, result.err
    return [f["id"] for f in result.data]


def test_not_a_reply_closes_nothing(cli: Cli) -> None:
    # GIVEN Bo's question WHEN a newsletter is logged as not a reply
    promise = question(cli)
    result = cli("log", "Bo Chen", "--channel", "email", "--summary", "Newsletter", "--not-a-reply", "--json")
    # THEN nothing closes
    assert result.code == 0, result.err
    assert result.data["follow_ups_closed"] == []
    assert promise in due_ids(cli)


def test_reply_to_closes_that_one_only(cli: Cli) -> None:
    # GIVEN two questions from Bo WHEN the answer to the second is logged
    first = question(cli)
    second = question(cli, summary="Another one")
    result = cli("log", "Bo Chen", "--channel", "email", "--summary", "Answer", "--reply-to", str(second), "--json")
    # THEN only the second closes
    assert result.data["follow_ups_closed"] == [second]
    assert first in due_ids(cli) and second not in due_ids(cli)


def test_with_neither_an_outbound_message_closes_the_promises_and_says_which(cli: Cli) -> None:
    # GIVEN Bo's question WHEN an outbound email is logged with neither option
    promise = question(cli)
    result = cli("log", "Bo Chen", "--channel", "email", "--summary", "Answer")
    # THEN it closed the promise and names it
    assert result.code == 0, result.err
    assert f"Closed reply promise {promise}: Reply to Bo: Question about the offer" in result.out
    assert promise not in due_ids(cli)


def test_reply_to_and_not_a_reply_together_are_refused(cli: Cli) -> None:
    # GIVEN Bo's question WHEN a touch point is both a reply to it and not a reply
    promise = question(cli)
    result = cli("log", "Bo Chen", "--channel", "email", "--summary", "x", "--reply-to", str(promise), "--not-a-reply")
    # THEN it is a usage error (exit 2) that names the clash, and nothing closes
    assert result.code == 2 and "not allowed with argument" in result.err
    assert promise in due_ids(cli)


def test_reply_to_an_unknown_promise_is_a_clean_error_and_logs_nothing(cli: Cli) -> None:
    question(cli)
    result = cli("log", "Bo Chen", "--channel", "email", "--summary", "Answer", "--reply-to", "999")
    assert result.code != 0
    assert result.err == "followup: Follow-up 999 is not an open reply promise of Bo Chen.\n"
    assert len(cli("search", "Answer", "--json").data) == 0


def test_a_past_question_says_when_its_reply_was_due(cli: Cli) -> None:
    # GIVEN it is Monday 10:30 Berlin WHEN a question of Sunday 09:30 Berlin is logged
    result = cli(
        "log", "Bo Chen", "--channel", "email", "--direction", "in", "--needs-reply", "--summary", "Q",
        "--at", "2026-11-22T09:30",
    )  # fmt: skip
    # THEN it says the reply was due an hour ago, not "within 24 hours"
    assert "A reply was due 1 h ago (Mon 23 Nov 09:30)." in result.out
    # AND a fresh question says when it is due
    fresh = cli("log", "Bo Chen", "--channel", "email", "--direction", "in", "--needs-reply", "--summary", "Q2")
    assert "A reply is due in 24 h (Tue 24 Nov 10:30)." in fresh.out


def test_delete_touch_point_reopens_the_promise_it_answered(cli: Cli) -> None:
    # GIVEN Bo's question answered by an email
    promise = question(cli)
    answer = cli("log", "Bo Chen", "--channel", "email", "--summary", "Answer", "--json").data["id"]
    # WHEN the answer is deleted
    result = cli("delete-touch-point", str(answer))
    # THEN the promise is open again, and it says so
    assert result.code == 0, result.err
    assert f"Reopened reply promise {promise}" in result.out
    assert promise in due_ids(cli)
    again = cli("delete-touch-point", str(answer))
    assert (again.code, again.err) == (1, f"followup: There is no touch point with id {answer}.\n")


def test_reopen_a_done_follow_up(cli: Cli) -> None:
    # GIVEN Bo's promise marked done WHEN reopened THEN it is open and due again
    promise = question(cli)
    assert cli("done", str(promise)).code == 0
    result = cli("reopen", str(promise), "--json")
    assert result.code == 0, result.err
    assert result.data["status"] == "open"
    assert promise in due_ids(cli)
    again = cli("reopen", str(promise))
    assert again.code != 0 and "already open" in again.err


def test_reschedule_moves_the_due_time_either_way(cli: Cli) -> None:
    # GIVEN Bo's promise due Tuesday 08:00 Berlin WHEN rescheduled to today 12:00
    promise = question(cli)
    result = cli("reschedule", str(promise), "--to", "2026-11-23T12:00", "--json")
    # THEN it is due then (earlier is allowed: that is what reschedule is for)
    assert result.code == 0, result.err
    assert result.data["due"] == "2026-11-23T12:00:00+01:00"
    bad = cli("reschedule", str(promise), "--to", "soon")
    assert bad.code != 0 and "Traceback" not in bad.err


@pytest.mark.parametrize(
    ("argv", "field", "expected"),
    [
        (("log", "Bo Chen", "--channel", "phone", "--summary", "Call", "--at", "-2h", "--json"), "at",
         "2026-11-23T08:30:00+01:00"),
        (("remind", "Bo Chen", "--at", "fri 14:00", "--title", "Send the quote", "--json"), "due",
         "2026-11-27T14:00:00+01:00"),
    ],
    ids=["log-at", "remind-at"],
)  # fmt: skip
def test_every_when_option_takes_human_times(cli: Cli, argv: tuple[str, ...], field: str, expected: str) -> None:
    # GIVEN it is Monday 10:30 Berlin WHEN a command is given a human time THEN it is read in the user's zone
    result = cli(*argv)
    assert result.code == 0, result.err
    assert result.data[field] == expected


def test_snooze_reschedule_and_due_take_human_times(cli: Cli) -> None:
    # GIVEN Bo's promise due Tuesday 08:00 Berlin
    promise = question(cli)
    # WHEN it is rescheduled to "today 14:00", then snoozed "+1d"
    assert cli("reschedule", str(promise), "--to", "today 14:00", "--json").data["due"] == "2026-11-23T14:00:00+01:00"
    snoozed = cli("snooze", str(promise), "--until", "+1d", "--json")
    assert snoozed.data["snoozed_until"] == "2026-11-24T10:30:00+01:00"
    # THEN due --until +2d lists it, and --until +2h does not
    assert [f["id"] for f in cli("due", "--until", "+2d", "--json").data] == [promise]
    assert cli("due", "--until", "+2h", "--json").data == []
    # AND an unreadable one is refused with an example of what works
    bad = cli("due", "--until", "whenever")
    assert bad.code != 0 and "tomorrow 9:00" in bad.err


def test_remind_adds_a_one_off_follow_up_that_is_due_like_any_other(cli: Cli) -> None:
    # GIVEN Bo WHEN "remind me on Friday at 14:00 to send the quote, by email"
    result = cli(
        "remind", "Bo Chen", "--at", "fri 14:00", "--title", "Send Bo the quote", "--channel", "email", "--json"
    )
    # THEN a follow-up with its id and due time; due lists it then, in this week's section
    assert result.code == 0, result.err
    assert result.data["due"] == "2026-11-27T14:00:00+01:00"
    listed = cli("due", "--until", "2026-11-27T14:00", "--json").data
    (item,) = [f for f in listed if f["id"] == result.data["id"]]
    assert (item["title"], item["channel"], item["source"], item["section"]) == (
        "Send Bo the quote",
        "email",
        "manual",
        "week",
    )
    text = cli("remind", "Bo Chen", "--at", "+2h", "--title", "Call Bo")
    assert text.out.startswith("Reminder set for Mon 23 Nov 12:30: Call Bo (id ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--at", "someday", "--title", "X"), "tomorrow 9:00"),
        (("--at", "fri 14:00", "--title", "  "), "title"),
        (("--at", "fri 14:00", "--title", "X", "--channel", "pigeon"), "Unknown channel"),
    ],
    ids=["bad-time", "no-title", "bad-channel"],
)
def test_remind_refuses_bad_input_and_writes_nothing(cli: Cli, argv: tuple[str, ...], message: str) -> None:
    result = cli("remind", "Bo Chen", *argv)
    assert result.code != 0 and message in result.err and "Traceback" not in result.err
    assert cli("due", "--until", "2027-01-01", "--json").data == []
