"""The command line: demo, add-contact, contacts, log and search, in-process with
a fixed clock, plus a few runs of the real entry point in a subprocess."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cli_runner import Cli, make_data_dir

from followup.clock import FixedClock
from followup.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
NEW_YORK = ZoneInfo("America/New_York")
NOTE = "Note: difficult conversations go better as a call or a meeting than in writing.\n"


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    """A data folder whose user lives in New York (UTC-5 in November)."""
    return make_data_dir(tmp_path / "data", clock, settings={"user_tz": "America/New_York"})


def snapshot(folder: Path, clock: FixedClock) -> tuple[object, ...]:
    with Store.open(folder / "followup.db", clock) as store:
        return (
            store.contacts.count(),
            list(store.conn.execute("SELECT * FROM touch_points ORDER BY id")),
            list(store.conn.execute("SELECT * FROM contact_emails ORDER BY id")),
        )


def test_demo_with_a_seed_is_deterministic(cli: Cli, tmp_path: Path) -> None:
    # GIVEN two empty folders WHEN the same seeded demo runs in each
    outputs = []
    for name in ("a", "b", "c"):
        seed = "8" if name == "c" else "7"
        demo = cli("demo", "--contacts", "25", "--seed", seed, "--json", folder=tmp_path / name)
        assert demo.code == 0
        assert json.loads(demo.out)["contacts"] == 25
        listed = cli("contacts", "--json", folder=tmp_path / name)
        assert listed.code == 0
        outputs.append(json.loads(listed.out))
    # THEN the contact lists are identical; another seed gives other data
    assert len(outputs[0]) == 25
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_contacts_json_shape(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    # GIVEN demo contacts and one never touched
    assert cli("demo", "--contacts", "30", "--seed", "3").out.startswith("Added 30 demo contacts and ")
    assert cli("add-contact", "Never Touched", "--phone", "+1 212 555 0100").code == 0
    # WHEN listed as JSON
    rows = json.loads(cli("contacts", "--json").out)
    # THEN each object has the documented fields, and last touched is ISO 8601 in the user's zone, or null
    assert len(rows) == 31
    with Store.open(data_dir / "followup.db", clock) as store:
        for row in rows:
            # issue 15: every field add-contact --json has
            assert set(row) == {"id", "name", "kind", "organisation", "title", "emails", "phones", "tags",
                                "preferred_channel", "tz", "archived", "last_touched", "birthday", "dates",
                                "addresses", "links"}  # fmt: skip
            assert isinstance(row["id"], int) and row["name"]
            assert row["kind"] in {"client", "supplier", "colleague", "manager", "partner", "other"}
            assert isinstance(row["emails"], list) and isinstance(row["phones"], list)
            assert isinstance(row["tags"], list) and isinstance(row["organisation"], str)
            stored = store.contacts.row(row["id"]).last_touched_at
            if row["last_touched"] is None:
                assert stored is None
                continue
            last = datetime.fromisoformat(row["last_touched"])
            assert last.tzinfo is not None
            assert last.utcoffset() == last.astimezone(NEW_YORK).utcoffset()  # -05:00 or -04:00 in summer
            assert last == stored
            assert last <= clock.now()
    never = next(r for r in rows if r["name"] == "Never Touched")
    assert (never["last_touched"], never["phones"], never["emails"]) == (None, ["+1 212 555 0100"], [])
    assert sum(r["last_touched"] is not None for r in rows) >= 25  # the demo touches most people


def test_add_contact_json(cli: Cli) -> None:
    result = cli(
        "add-contact", "Ana Lima", "--email", "Ana.Lima@Example.com", "--phone", "+351 912 345 678",
        "--kind", "client", "--org", "Lima & Filhos", "--title", "CEO", "--channel", "call",
        "--tag", "vip", "--tag", "Lisbon", "--json",
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == {
        "id": 1,
        "name": "Ana Lima",
        "kind": "client",
        "organisation": "Lima & Filhos",
        "title": "CEO",
        "emails": ["Ana.Lima@Example.com"],
        "phones": ["+351 912 345 678"],
        "tags": ["Lisbon", "vip"],
        "preferred_channel": "phone",
        "tz": "America/New_York",  # the user's zone by default
        "archived": False,
        "last_touched": None,
        "birthday": None,
        "dates": [],
        "addresses": [],
        "links": [],
    }
    assert cli("add-contact", "Bruno").out == "Added Bruno (id 2).\n"
    duplicate = cli("add-contact", "Other Ana", "--email", "ana.lima@EXAMPLE.com")
    assert (duplicate.code, duplicate.err) == (1, "followup: ana.lima@EXAMPLE.com already belongs to contact id 1.\n")


@pytest.fixture
def people(cli: Cli) -> None:
    assert cli("add-contact", "Ana Lima", "--email", "ana@lima.pt").code == 0
    assert cli("add-contact", "Rui Costa", "--org", "Acme").code == 0
    assert cli("add-contact", "rui costa", "--org", "Globex").code == 0


def test_log_by_email_and_by_name_any_case(cli: Cli, people: None) -> None:
    by_email = json.loads(
        cli("log", "ANA@Lima.PT", "--channel", "Mail", "--summary", "Sent the proposal", "--json").out
    )
    # (later issues add fields to this object; these are the ones it promises)
    assert by_email | {"follow_ups_opened": [], "follow_ups_closed": []} == by_email
    assert {k: v for k, v in by_email.items() if not k.startswith("follow_ups_")} == {
        "id": 1,
        "contact_id": 1,
        "contact": "Ana Lima",
        "at": "2026-11-23T04:30:00-05:00",  # the clock's 09:30 UTC, in the user's zone
        "channel": "email",
        "direction": "out",
        "summary": "Sent the proposal",
        "needs_reply": False,
        "difficult": False,
    }
    by_name = json.loads(cli("log", "  ana LIMA ", "--channel", "meeting", "--summary", "Lunch", "--json").out)
    assert (by_name["contact_id"], by_name["channel"], by_name["direction"]) == (1, "in_person", "met")


def test_log_at_without_offset_is_in_the_users_zone(cli: Cli, people: None, data_dir: Path, clock: FixedClock) -> None:
    local = json.loads(
        cli("log", "Ana Lima", "--channel", "call", "--summary", "a", "--at", "2026-11-20T14:30", "--json").out
    )
    offset = json.loads(
        cli("log", "Ana Lima", "--channel", "call", "--summary", "b", "--at", "2026-11-20T14:30+01:00", "--json").out
    )
    assert local["at"] == "2026-11-20T14:30:00-05:00"
    assert offset["at"] == "2026-11-20T08:30:00-05:00"
    with Store.open(data_dir / "followup.db", clock) as store:
        stored = {tp.summary: (tp.at, tp.tz) for tp in store.touch_points.for_contact(1)}
    assert stored == {
        "a": (datetime(2026, 11, 20, 19, 30, tzinfo=UTC), "America/New_York"),
        "b": (datetime(2026, 11, 20, 13, 30, tzinfo=UTC), "America/New_York"),
    }


LOG = ("--channel", "call", "--summary", "Catch-up")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("log", "Ana Lima", *LOG, "--at", "2026-02-30"), "'2026-02-30' is not a valid date and time"),
        (("log", "Ana Lima", *LOG, "--at", "2026-11-25T10:00"), "this one is in the future"),
        (("log", "Nobody Here", *LOG), "No contact is named 'Nobody Here' or has that email."),
        (("log", "Ana", *LOG), "Did you mean: Ana Lima (id 1)?"),
        (("log", "RUI COSTA", *LOG), "'RUI COSTA' matches 2 contacts: "),
        (("log", "Ana Lima", "--channel", "pigeon", "--summary", "x"), "Unknown channel 'pigeon'"),
        (("log", "Ana Lima", "--channel", "call", "--summary", "  "), "The summary cannot be empty."),
        (("add-contact", "   "), "The name cannot be empty."),
        (("add-contact", "Zed", "--tz", "Mars/Base"), "Unknown time zone 'Mars/Base'"),
        (("add-contact", "Zed", "--email", "zed-at-home"), "'zed-at-home' is not an email address."),
        (("add-contact", "Zed", "--channel", "pigeon"), "Unknown channel 'pigeon'"),
        (("add-contact", "Zed", "--email", "ANA@lima.pt"), "already belongs to contact id 1"),
        (("demo", "--contacts", "-1"), "--contacts must be between 0 and 1,000,000."),
    ],
)
def test_errors_exit_non_zero_with_a_message_and_change_nothing(
    cli: Cli, people: None, data_dir: Path, clock: FixedClock, argv: tuple[str, ...], message: str
) -> None:
    before = snapshot(data_dir, clock)
    result = cli(*argv)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("followup: ")
    assert message in result.err
    assert "Traceback" not in result.err
    assert snapshot(data_dir, clock) == before


def test_log_to_a_digit_that_is_no_id_is_a_clean_error(cli: Cli, people: None) -> None:
    result = cli("log", "²", *LOG)
    assert result.code == 1
    assert "No contact" in result.err


@pytest.mark.parametrize(("channel", "advice"), [("email", True), ("sms", True), ("call", False), ("zoom", False)])
def test_difficult_in_writing_advises_a_call(cli: Cli, people: None, channel: str, advice: bool) -> None:
    result = cli("log", "ana@lima.pt", "--channel", channel, "--summary", "Pushback on price", "--difficult")
    assert result.code == 0
    assert result.out.startswith("Logged ")
    assert result.out.endswith(NOTE) is advice


def test_difficult_email_output_in_full(cli: Cli, people: None) -> None:
    result = cli("log", "ana@lima.pt", "--channel", "email", "--summary", "Pushback on price", "--difficult")
    assert result.out == "Logged email with Ana Lima: Pushback on price\n" + NOTE


def test_search_finds_a_logged_note(cli: Cli, people: None) -> None:
    # GIVEN a note logged (on the 20th in New York) WHEN searched without the accent
    notes = "Discussed the Zürich rollout timeline"
    cli("log", "Ana Lima", *LOG, "--notes", notes, "--at", "2026-11-20T21:00")
    # THEN it is listed with the contact, the local date and the match marked
    result = cli("search", "zurich")
    assert result.out == "2026-11-20  Ana Lima: Catch-up\n    Discussed the *Zürich* rollout timeline\n"
    hits = json.loads(cli("search", "ROLL", "--json").out)
    assert hits == [
        {
            "touch_point_id": 1,
            "contact_id": 1,
            "contact": "Ana Lima",
            "at": "2026-11-20T21:00:00-05:00",
            "summary": "Catch-up",
            "snippet": notes,
        }
    ]
    assert cli("search", "nothing-like-it").out == "No touch point mentions that.\n"


def test_search_newest_first_or_by_relevance(cli: Cli, people: None) -> None:
    # GIVEN a recent note that says "rollout" once, and an older one logged after it that says it three times
    cli("log", "Ana Lima", *LOG, "--notes", "the rollout", "--at", "2026-11-20T10:00")
    cli("log", "Ana Lima", *LOG, "--notes", "rollout, rollout and rollout", "--at", "2026-10-01T10:00")
    # WHEN searched THEN the newest comes first by default, the most relevant first with --order relevance
    newest = json.loads(cli("search", "rollout", "--json").out)
    assert [h["snippet"] for h in newest] == ["the rollout", "rollout, rollout and rollout"]
    relevant = json.loads(cli("search", "rollout", "--order", "relevance", "--json").out)
    assert [h["snippet"] for h in relevant] == ["rollout, rollout and rollout", "the rollout"]


def test_a_folder_with_a_foreign_file_exits_3(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "foreign"
    folder.mkdir()
    (folder / "followup.db").write_text("not a database\n")
    result = cli("contacts", folder=folder)
    assert result.code == 3
    assert "is not a Followup database" in result.err
    assert "Traceback" not in result.err
    assert (folder / "followup.db").read_text() == "not a database\n"


def _main(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), *argv], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_real_entry_point_end_to_end(tmp_path: Path) -> None:
    folder = str(tmp_path)
    assert _main("--data-dir", folder, "add-contact", "Ana Lima", "--email", "ana@lima.pt").returncode == 0
    logged = _main("--data-dir", folder, "log", "ANA@LIMA.PT", "--channel", "call", "--summary", "Hello there",
                   "--at", "2026-01-05T10:00Z")  # fmt: skip
    assert (logged.returncode, logged.stdout, logged.stderr) == (
        0,
        "Logged phone call with Ana Lima: Hello there\n",
        "",
    )
    found = json.loads(_main("--data-dir", folder, "search", "hello", "--json").stdout)
    assert [h["contact"] for h in found] == ["Ana Lima"]
    listed = json.loads(_main("--data-dir", folder, "contacts", "--json").stdout)
    last = datetime.fromisoformat(listed[0]["last_touched"])
    assert last.tzinfo is not None
    assert last == datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def test_the_real_entry_point_reports_errors_without_traceback(tmp_path: Path) -> None:
    result = _main("--data-dir", str(tmp_path), "log", "Nobody", "--channel", "call", "--summary", "x")
    assert result.returncode == 1
    assert result.stderr == "followup: No contact is named 'Nobody' or has that email.\n"
    assert result.stdout == ""


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """main() configures the root logger for the process; put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_main_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_logging: None) -> None:
    import main

    assert main.main(["--data-dir", str(tmp_path), "add-contact", "Ana Lima", "--tz", "Asia/Tokyo", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert (added["id"], added["tz"], added["last_touched"]) == (1, "Asia/Tokyo", None)
    assert main.main(["--data-dir", str(tmp_path), "log", "nobody", *LOG]) == 1
    assert capsys.readouterr().err == "followup: No contact is named 'nobody' or has that email.\n"
