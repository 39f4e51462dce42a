"""engagements and edit-engagement (issue 13), in-process with a fixed clock.

The user lives in Europe/Berlin; it is Monday 2026-11-23 10:30 there. Ana's
review is planned on Monday 11-30 14:00-15:00 with the Client meeting
playbook (prepare and confirm on Friday 11-27; thank on 11-30 17:00, ...).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_runner import Cli, make_data_dir

from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.store import Store


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    ana = Contact("Ana Lima", kind=Kind.CLIENT, tz="Europe/Berlin")
    bo = Contact("Bo Chen", kind=Kind.SUPPLIER, tz="Europe/Berlin")
    return make_data_dir(tmp_path / "data", clock, settings={"user_tz": "Europe/Berlin"}, contacts=[ana, bo])


@pytest.fixture
def review(cli: Cli) -> dict[str, Any]:
    result = cli("plan", "Ana Lima", "--title", "Quarterly review", "--start", "2026-11-30T14:00", "--json")
    assert result.code == 0, result.err
    return result.data  # type: ignore[no-any-return]


def test_engagements_lists_them_with_their_fields(cli: Cli, review: dict[str, Any]) -> None:
    # GIVEN Ana's review WHEN engagements are listed as JSON
    result = cli("engagements", "--json")
    # THEN each has id, title, start, end, playbook, status and contacts
    assert result.code == 0, result.err
    (e,) = result.data
    assert e == {
        "id": review["engagement_id"],
        "title": "Quarterly review",
        "start": "2026-11-30T14:00:00+01:00",
        "end": "2026-11-30T15:00:00+01:00",
        "all_day": False,
        "playbook": "Client meeting",
        "status": "planned",
        "contacts": ["Ana Lima"],
    }
    assert cli("engagements", "--contact", "Bo Chen", "--json").data == []
    assert "Quarterly review" in cli("engagements").out


def test_edit_engagement_moves_open_steps_and_keeps_closed_ones(cli: Cli, review: dict[str, Any]) -> None:
    # GIVEN Ana's review, with preparing already done
    steps = {f["title"].split()[0]: f for f in review["follow_ups"]}
    assert cli("done", str(steps["Prepare"]["id"])).code == 0
    eid = review["engagement_id"]
    # WHEN it moves a day later, with a new title
    result = cli("edit-engagement", str(eid), "--start", "2026-12-01T14:00", "--title", "Q4 review", "--json")
    # THEN its times move (its length is kept), open steps move with it, the done one stays
    assert result.code == 0, result.err
    assert (result.data["title"], result.data["start"], result.data["end"]) == (
        "Q4 review",
        "2026-12-01T14:00:00+01:00",
        "2026-12-01T15:00:00+01:00",
    )
    due = {f["id"]: f for f in cli("due", "--until", "2027-03-01", "--json").data}
    assert steps["Prepare"]["id"] not in due
    assert due[steps["Be"]["id"]]["due"] == "2026-12-01T14:00:00+01:00"
    assert due[steps["Confirm"]["id"]]["title"] == "Confirm the Q4 review with Ana"


def test_edit_engagement_with_another_playbook_replans_its_open_steps(cli: Cli, review: dict[str, Any]) -> None:
    # GIVEN Ana's review on the Client meeting playbook WHEN it switches to another playbook
    books = [b["name"] for b in cli("playbooks", "--json").data]
    other = next(name for name in books if name != "Client meeting")
    eid = review["engagement_id"]
    result = cli("edit-engagement", str(eid), "--playbook", other, "--json")
    # THEN it says so, and its open follow-ups are the new playbook's
    assert result.code == 0, result.err
    assert result.data["playbook"] == other
    open_ids = {f["id"] for f in cli("due", "--until", "2027-06-01", "--json").data if f["engagement_id"] == eid}
    old_ids = {f["id"] for f in review["follow_ups"]}
    assert open_ids and not (open_ids & old_ids)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("999", "--title", "X"), "There is no engagement with id 999."),
        (("{eid}", "--playbook", "Nope"), "Nope"),
        (("{eid}", "--start", "whenever"), "tomorrow 9:00"),
        (("{eid}", "--end", "2026-11-30T13:00"), "end"),
    ],
    ids=["unknown", "bad-playbook", "bad-time", "end-before-start"],
)
def test_edit_engagement_refuses_bad_input_and_changes_nothing(
    cli: Cli, review: dict[str, Any], argv: tuple[str, ...], message: str
) -> None:
    before = cli("engagements", "--json").data
    args = [a.format(eid=review["engagement_id"]) for a in argv]
    result = cli("edit-engagement", *args)
    assert result.code != 0 and message in result.err and "Traceback" not in result.err
    assert cli("engagements", "--json").data == before


def test_edit_engagement_sets_its_own_reminder_lead_time(
    cli: Cli, review: dict[str, Any], data_dir: Path, clock: FixedClock
) -> None:
    from followup import meeting_reminders

    # GIVEN Ana's review WHEN it is to remind 5 minutes before THEN that is its own lead time
    result = cli("edit-engagement", str(review["engagement_id"]), "--remind-before", "5")
    assert result.code == 0, result.err
    with Store.open(data_dir / "followup.db", clock) as store:
        assert store.settings.get(meeting_reminders.LEAD_KEY) == {str(review["engagement_id"]): 5}
    bad = cli("edit-engagement", str(review["engagement_id"]), "--remind-before", "5000")
    assert bad.code != 0 and "1440" in bad.err
