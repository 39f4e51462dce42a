"""The export-ics and import-ics commands, in-process with a fixed clock
(followup/cli/calendar_commands.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import Cli, make_data_dir
from ics_fixtures import DATA
from rfc5546 import method_problems

from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    bob = Contact("Bob Brenner", kind=Kind.SUPPLIER, emails=[LabelledValue("bob@supplier.example")])
    ana = Contact("Ana Lima", kind=Kind.CLIENT)  # no email
    settings = {"user_tz": "Europe/Lisbon", "user_email": "me@followup.example"}
    return make_data_dir(tmp_path / "data", clock, settings=settings, contacts=[bob, ana])


def _tables(data_dir: Path, clock: FixedClock) -> tuple[int, int, int]:
    with Store.open(data_dir / "followup.db", clock) as store:
        return store.conn.execute(
            "SELECT (SELECT count(*) FROM engagements), (SELECT count(*) FROM follow_ups), "
            "(SELECT count(*) FROM contacts)"
        ).fetchone()  # type: ignore[no-any-return]


def test_import_prints_created_matched_skipped_and_why(cli: Cli, tmp_path: Path) -> None:
    # GIVEN Outlook's invite to Bob and Carol (not a contact) WHEN it is imported
    result = cli("import-ics", str(DATA / "outlook_invite.ics"))
    # THEN the summary counts it, names who matched and who is not a contact
    assert result.code == 0, result.err
    assert "1 created, 0 updated, 0 cancelled, 0 skipped" in result.out
    assert "Matched contacts: Bob Brenner" in result.out
    assert "Not contacts (not added): Carol Dübois <carol@newco.example>" in result.out
    # WHEN the same file is imported again THEN nothing is created: it says why, as JSON
    again = cli("import-ics", str(DATA / "outlook_invite.ics"), "--json")
    assert again.code == 0
    assert again.data["created"] == [] and again.data["skipped"][0]["why"] == "already imported"
    assert again.data["method"] == "REQUEST"


def test_import_with_a_chosen_playbook_and_window(cli: Cli) -> None:
    # WHEN Google's export is imported with a playbook and a 16-day window
    result = cli(
        "import-ics", str(DATA / "google_export.ics"), "--playbook", "Client meeting", "--window-days", "16", "--json"
    )
    assert result.code == 0, result.err
    # THEN every engagement created uses that playbook
    created = result.data["created"]
    assert {c["playbook"] for c in created} == {"Client meeting"}
    # a weekly series: its next occurrence is planned (Dec 1); Dec 8, also within
    # 16 days of Mon Nov 23, is listed as a later occurrence, not planned
    weekly = [c for c in created if c["uid"].startswith("7kukuqrf")]
    assert [w["recurrence_id"] for w in weekly] == ["20261201T143000Z"]
    later = [s for s in result.data["skipped"] if s["uid"].startswith("7kukuqrf")]
    assert [s["recurrence_id"] for s in later] == ["20261208T143000Z"] and "later occurrence" in later[0]["why"]
    # Alice, who organizes the events nobody known attends, was created; Bob was matched
    assert [c["email"] for c in result.data["contacts_created"]] == ["alice@client.example"]
    assert [m["name"] for m in result.data["matched"]] == ["Bob Brenner"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import-ics", "missing.ics"], "Cannot read"),
        (["import-ics", str(DATA / "outlook_invite.ics"), "--playbook", "Nope"], "Nope"),
        (["import-ics", str(DATA / "outlook_invite.ics"), "--window-days", "0"], "window"),
    ],
)
def test_import_errors_exit_non_zero_and_write_nothing(
    cli: Cli, data_dir: Path, clock: FixedClock, argv: list[str], message: str
) -> None:
    # GIVEN the counts before WHEN an import is refused THEN it exits non-zero, names why, writes nothing
    before = _tables(data_dir, clock)
    result = cli(*argv)
    assert result.code != 0 and message in result.err
    assert _tables(data_dir, clock) == before


def test_import_of_a_truncated_file(cli: Cli, data_dir: Path, clock: FixedClock, tmp_path: Path) -> None:
    # GIVEN Google's export cut off after 3,000 bytes
    cut = tmp_path / "cut.ics"
    cut.write_bytes((DATA / "google_export.ics").read_bytes()[:3000])
    before = _tables(data_dir, clock)
    # WHEN it is imported THEN it is refused as truncated and nothing is written
    result = cli("import-ics", str(cut))
    assert result.code == 1 and "truncated" in result.err
    assert _tables(data_dir, clock) == before


def test_export_everything_then_an_invite_then_a_cancellation(cli: Cli, tmp_path: Path) -> None:
    # GIVEN a review planned with Bob (who has an email) and Ana (who has none)
    planned = cli(
        "plan",
        "Bob Brenner",
        "--with",
        "Ana Lima",
        "--title",
        "Delivery review",
        "--start",
        "2026-12-01T10:00",
        "--json",
    ).data
    eid = str(planned["engagement_id"])
    # WHEN everything is exported THEN each follow-up is an event and the file is valid PUBLISH
    out = tmp_path / "all.ics"
    result = cli("export-ics", str(out), "--json")
    assert result.code == 0 and len(result.data["events"]) == len(planned["follow_ups"])
    assert method_problems(out.read_bytes()) == []
    # AND exporting one contact gives only theirs
    one = cli("export-ics", str(tmp_path / "bob.ics"), "--contact", "Bob Brenner", "--json").data
    assert all("Bob Brenner" in e["title"] for e in one["events"])
    # WHEN the engagement is sent as an invite THEN it is a REQUEST and says Ana cannot be invited
    invite = cli("export-ics", str(tmp_path / "invite.ics"), "--engagement", eid, "--invite")
    assert invite.code == 0, invite.err
    assert "Not invited, no email address: Ana Lima." in invite.out
    assert "method=REQUEST" in invite.out
    # WHEN it is cancelled THEN the file is a CANCEL with a higher sequence
    cancel = cli("export-ics", str(tmp_path / "cancel.ics"), "--engagement", eid, "--cancel", "--json").data
    assert cancel["method"] == "CANCEL" and cancel["events"][0]["sequence"] == 1
    assert cancel["notes"][0].startswith("Cancelled “Delivery review”")
    assert method_problems((tmp_path / "cancel.ics").read_bytes()) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--invite"], "need --engagement"),
        (["--engagement", "99"], "no engagement with id 99"),
        (["--contact", "Nobody"], "No contact is named"),
    ],
)
def test_export_errors_exit_non_zero_and_write_no_file(cli: Cli, tmp_path: Path, argv: list[str], message: str) -> None:
    # WHEN an export is asked for wrongly THEN it exits 1, names why, and writes no file
    out = tmp_path / "x.ics"
    result = cli("export-ics", str(out), *argv)
    assert result.code == 1 and message in result.err
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("tasks_only.ics", "Followup imports meetings (events) and found none: this file holds only tasks."),
        (
            "journal_only.ics",
            "Followup imports meetings (events) and found none: this file holds only journal entries.",
        ),
    ],
)
def test_a_file_without_meetings_is_one_clean_line_and_writes_nothing(
    cli: Cli, data_dir: Path, clock: FixedClock, name: str, message: str
) -> None:
    # GIVEN a calendar holding only tasks or journal entries WHEN it is imported
    before = _tables(data_dir, clock)
    result = cli("import-ics", str(DATA / "quirks" / name))
    # THEN one line says what it holds, and nothing is written
    assert result.code != 0 and result.err.strip().endswith(message) and len(result.err.strip().splitlines()) == 1
    assert _tables(data_dir, clock) == before


def test_a_calendar_with_one_bad_event_imports_the_rest_and_names_the_skipped_one(cli: Cli, tmp_path: Path) -> None:
    # GIVEN two events, one with a start that is not a date
    data = (DATA / "quirks" / "two_dtstart.ics").read_bytes().replace(b"DTSTART:20261203T100000Z", b"DTSTART:2026120")
    path = tmp_path / "one_bad.ics"
    path.write_bytes(data)
    # WHEN the file is imported THEN the good one is created and the bad one named
    result = cli("import-ics", str(path))
    assert result.code == 0 and result.err == ""
    assert "1 created" in result.out
    assert "skipped   A fine meeting (2026120): its start (DTSTART) is not a date or time" in result.out
