"""The people commands of issue 15 (a public contract: exact names), in-process
with a fixed clock on a real database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import vobject
from cli_runner import Cli, make_data_dir

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.store import Store


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    return make_data_dir(tmp_path / "data", clock, settings={"user_tz": "Europe/Lisbon"})


@pytest.fixture
def people(cli: Cli) -> None:
    assert cli("add-contact", "José Peña", "--email", "jose@cafe.example", "--phone", "+49 30 1234567",
               "--org", "Café Olé", "--birthday", "1980-11-25").code == 0  # fmt: skip
    assert cli("add-contact", "María González", "--email", "maria@x.example", "--tag", "vip").code == 0
    assert cli("add-contact", "Emma Taylor", "--email", "emma@one.example", "--phone", "+44 20 7946 0000").code == 0
    assert cli("add-contact", "Emma T.", "--email", "emma@two.example", "--org", "Two Ltd").code == 0


def test_edit_contact_changes_only_what_is_given(cli: Cli, people: None) -> None:
    # WHEN a contact is edited by name
    result = cli("edit-contact", "josé peña", "--title", "Owner", "--kind", "client", "--tag", "coffee",
                 "--email", "jose@cafe.example", "--email", "jp@home.example", "--birthday=--04-12", "--json")  # (= because it starts with --)  # fmt: skip
    # THEN what was given changed, the rest stayed
    data = json.loads(result.out)
    assert result.code == 0
    assert (data["title"], data["kind"], data["tags"], data["organisation"]) == (
        "Owner",
        "client",
        ["coffee"],
        "Café Olé",
    )
    assert data["emails"] == ["jose@cafe.example", "jp@home.example"] and data["phones"] == ["+49 30 1234567"]
    assert data["birthday"] == "--04-12"
    assert cli("edit-contact", "1", "--birthday", "").code == 0
    assert json.loads(cli("show", "1", "--json").out)["birthday"] is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("edit-contact", "1", "--birthday", "1981-02-29"), "February has no day 29."),
        (("edit-contact", "1", "--email", "maria@x.example"), "maria@x.example already belongs to contact id 2."),
        (("edit-contact", "999", "--title", "X"), "no contact with id 999"),
        (("show", "999"), "no contact with id 999"),
        (("archive", "999"), "no contact with id 999"),
        (("edit-contact", "1", "--channel", "pigeon"), "Unknown channel 'pigeon'"),
        (("merge-contacts", "1", "1"), "the same contact twice"),
        (("dates", "--within", "soon"), "is not a period"),
        (("timeline", "1", "--limit", "0"), "--limit is between 1 and 100,000."),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(
    cli: Cli, people: None, data_dir: Path, argv: tuple[str, ...], message: str, open_store: Callable[[], Store]
) -> None:
    before = (data_dir / "followup.db").read_bytes()
    result = cli(*argv)
    assert (result.code, result.out) == (1, "")
    assert message in result.err and result.err.count("\n") == 1 and "Traceback" not in result.err
    with open_store() as store:
        assert store.contacts.get(1).name == "José Peña"
    assert before  # the file is still there


def test_archive_and_unarchive(cli: Cli, people: None) -> None:
    assert cli("archive", "maria@x.example").out == "Archived María González.\n"
    assert "María González" not in cli("contacts").out
    assert "María González" in cli("contacts", "--archived").out
    assert cli("unarchive", "2").out == "Unarchived María González.\n"
    assert "María González" in cli("contacts").out


def test_delete_contact_asks_for_yes(cli: Cli, people: None) -> None:
    refused = cli("delete-contact", "María González")
    assert refused.code == 1 and "run it again with --yes" in refused.err
    assert cli("delete-contact", "María González", "--yes").out == "Deleted María González.\n"
    assert "no contact with id 2" in cli("show", "2").err


def test_merge_contacts_moves_everything_and_shows_what_is_kept(
    cli: Cli, people: None, clock: FixedClock, open_store: Callable[[], Store]
) -> None:
    # GIVEN two Emma Taylors, the second with a touch point, a follow-up and an engagement
    with open_store() as store:
        log_touch_point(store, TouchPoint(4, clock.now(), Channel.EMAIL, Direction.IN, "Asked for a quote",
                                          needs_reply=True))  # fmt: skip
    assert cli("plan", "4", "--title", "Kick-off", "--start", "2026-12-01T10:00").code == 0
    # WHEN a dry run asks what a merge would do
    dry = json.loads(cli("merge-contacts", "3", "4", "--dry-run", "--json").out)
    # THEN it says, and changes nothing
    assert dry["dry_run"] and "adds email emma@two.example" in dry["changes"]
    assert "sets organisation to Two Ltd" in dry["changes"]
    assert cli("show", "4").code == 0
    # WHEN merged
    result = cli("merge-contacts", "Emma Taylor", "emma@two.example")
    assert result.code == 0 and result.out.startswith("Merged Emma T. (id 4) into Emma Taylor (id 3)")
    # THEN everything is Emma Taylor's, and the duplicate is gone
    shown = json.loads(cli("show", "3", "--json").out)
    assert shown["emails"] == ["emma@one.example", "emma@two.example"] and shown["organisation"] == "Two Ltd"
    assert [tp["summary"] for tp in shown["touch_points"]] == ["Asked for a quote"]
    assert [e["title"] for e in shown["engagements"]] == ["Kick-off"]
    assert shown["open_follow_ups"] and all(f["contact_id"] == 3 for f in shown["open_follow_ups"])
    assert shown["last_touched"] is not None
    assert "no contact with id 4" in cli("show", "4").err


def test_show_and_timeline(cli: Cli, people: None, clock: FixedClock, open_store: Callable[[], Store]) -> None:
    with open_store() as store:
        for n in range(25):
            log_touch_point(store, TouchPoint(1, clock.now().replace(day=1 + n % 20), Channel.PHONE, Direction.OUT,
                                              f"Call {n}"))  # fmt: skip
    shown = cli("show", "José Peña")
    assert shown.code == 0 and "Birthday" in shown.out and "turns 46 in 2 days" in shown.out
    assert shown.out.count("Phone call · I reached out") == 20  # the last 20
    data = json.loads(cli("show", "1", "--json").out)
    assert len(data["touch_points"]) == 20 and data["dates"][0]["kind"] == "birthday"
    assert len(json.loads(cli("timeline", "1", "--limit", "5", "--json").out)) == 5
    assert cli("timeline", "2").out == "No touch points with María González yet.\n"


def test_tag_several_contacts(cli: Cli, people: None) -> None:
    assert cli("tag", "1", "2", "--add", "lisbon-trip").out == "Tagged 2 contacts with 'lisbon-trip'.\n"
    assert (
        cli("tag", "1", "2", "--add", "lisbon-trip").out == "Tagged 0 contacts with 'lisbon-trip' (2 already had it).\n"
    )
    assert cli("tag", "2", "--remove", "VIP").out == "Untagged 1 contact from 'VIP'.\n"
    assert json.loads(cli("show", "2", "--json").out)["tags"] == ["lisbon-trip"]
    assert cli("tag", "1", "--add", "x", "--remove", "y").code == 2  # one or the other: a usage error


def test_dates_within_and_due_with_a_source(cli: Cli, people: None) -> None:
    assert cli("edit-contact", "2", "--birthday", "12-01").code == 0  # month-day, no year
    within = json.loads(cli("dates", "--within", "30d", "--json").out)
    assert [(d["contact"], d["next"], d["in_days"]) for d in within] == [
        ("José Peña", "2026-11-25", 2),
        ("María González", "2026-12-01", 8),
    ]
    assert cli("dates", "--within", "1d").out == "No birthday or other date in the next 1 days.\n"
    due = json.loads(cli("due", "--until", "2026-11-25T12:00", "--json").out)
    birthday = [f for f in due if f["source"] == "date"]
    assert [(f["title"], f["due"]) for f in birthday] == [("José's birthday (turns 46)", "2026-11-25")]


def test_due_for_one_contact(cli: Cli, people: None, clock: FixedClock, open_store: Callable[[], Store]) -> None:
    with open_store() as store:
        for cid in (1, 2):
            log_touch_point(store, TouchPoint(cid, clock.now(), Channel.EMAIL, Direction.IN, "?", needs_reply=True))
    due = json.loads(cli("due", "--until", "2026-11-30T00:00", "--contact", "María González", "--json").out)
    assert {f["contact"] for f in due} == {"María González"}


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("jose pena", ["José Peña"]), ("PEÑA", ["José Peña"]), ("gonzalez maria", ["María González"]),
        ("+49 30", ["José Peña"]), ("030", ["José Peña"]), ("emma", ["Emma T.", "Emma Taylor"]),
        ("cafe", ["José Peña"]), ("nobody", []),
    ],
)  # fmt: skip
def test_contacts_query(cli: Cli, people: None, query: str, names: list[str]) -> None:
    rows = json.loads(cli("contacts", "--query", query, "--json").out)
    assert sorted(r["name"] for r in rows) == names


def test_contacts_query_finds_their_space_notes(cli: Cli, people: None, open_store: Callable[[], Store]) -> None:
    with open_store() as store:
        maria = store.contacts.get(2)
        maria.notes = "Training for the Öresund marathon."
        store.contacts.update(maria)
    assert [r["name"] for r in json.loads(cli("contacts", "--query", "oresund", "--json").out)] == ["María González"]


def test_export_contacts_to_standard_output(cli: Cli, people: None) -> None:
    vcard = cli("export-contacts", "-")
    # standard output carries the contacts only; the summary goes to standard error
    assert vcard.code == 0 and vcard.err == "Exported 4 contacts to standard output.\n"
    cards = list(vobject.readComponents(vcard.out))
    assert len(cards) == 4
    assert [c.bday.value for c in cards if c.fn.value == "José Peña"] == ["19801125"]
    # the same bytes a .csv file gets: UTF-8 with the BOM Excel and Outlook look for
    assert cli("export-contacts", "-", "--csv", "outlook").out.startswith("\ufeffFirst Name,")
    assert cli("export-contacts", "-", "--contact", "2").out.count("BEGIN:VCARD") == 1


def test_merging_keeps_one_birthday(cli: Cli, people: None) -> None:
    assert cli("edit-contact", "2", "--birthday", "1990-06-01").code == 0
    result = json.loads(cli("merge-contacts", "1", "2", "--json").out)
    assert "keeps the birthday 1980-11-25 (not 1990-06-01)" in result["changes"]
    assert [d["date"] for d in json.loads(cli("show", "1", "--json").out)["dates"]] == ["1980-11-25"]
