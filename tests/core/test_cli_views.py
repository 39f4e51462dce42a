"""The command line of saved views and duplicates: `views [--json]`,
`contacts --view NAME`, `duplicates [--json]`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from followup.cli import build_parser, run_command
from followup.clock import FixedClock
from followup.domain import Kind
from followup.saved_views import Criteria
from followup.store import Store
from followup.store import saved_views as stored


class Result(NamedTuple):
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / "followup.db", clock) as store:
        store.settings.set("user_tz", "Europe/Lisbon")
    return folder


@pytest.fixture
def cli(data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*argv: str) -> Result:
        code = run_command(build_parser().parse_args(["--data-dir", str(data_dir), *argv]), clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def test_views_and_contacts_in_a_view(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    # GIVEN three contacts and a saved view of VIP clients
    assert cli("add-contact", "José Peña", "--kind", "client", "--tag", "vip").code == 0
    assert cli("add-contact", "María González", "--kind", "client").code == 0
    assert cli("add-contact", "Emma Taylor", "--kind", "supplier", "--tag", "vip").code == 0
    assert cli("views").out == "No saved views yet. Save one from the contacts list in the window.\n"
    with Store.open(data_dir / "followup.db", clock) as store:
        stored.save(store, "VIP clients", Criteria(kind=Kind.CLIENT, tag="vip"))
    # WHEN the views are listed THEN each says what it shows
    listed = cli("views")
    assert "VIP clients" in listed.out and "Clients · tag vip" in listed.out
    data = json.loads(cli("views", "--json").out)
    assert data == [
        {"name": "VIP clients", "criteria": {"kind": "client", "tag": "vip"}, "describe": "Clients · tag vip"}
    ]
    # WHEN contacts are listed in the view (any case) THEN only its contacts, in the table and as JSON
    assert "José Peña" in cli("contacts", "--view", "vip clients").out
    assert "María" not in cli("contacts", "--view", "vip clients").out
    rows = json.loads(cli("contacts", "--view", "VIP clients", "--json").out)
    assert [r["name"] for r in rows] == ["José Peña"]
    # with --query, both
    assert json.loads(cli("contacts", "--view", "VIP clients", "--query", "maria", "--json").out) == []


def test_an_unknown_view_is_one_sentence_naming_the_views(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir / "followup.db", clock) as store:
        stored.save(store, "Waiting on me", Criteria(needs_reply=True))
    result = cli("contacts", "--view", "nope")
    assert result.code != 0
    assert "There is no saved view called 'nope'. Saved views: Waiting on me." in result.err
    assert "Traceback" not in result.err


def test_duplicates_lists_pairs_and_why(cli: Cli) -> None:
    assert cli("add-contact", "Emma Taylor", "--email", "emma@one.example", "--phone", "+44 20 7946 0000").code == 0
    assert cli("add-contact", "taylor, EMMA", "--phone", "020 7946 0000").code == 0
    assert cli("add-contact", "Ana Lima").code == 0
    table = cli("duplicates")
    assert "same phone, similar name" in table.out and "merge-contacts KEEP OTHER" in table.out
    data = json.loads(cli("duplicates", "--json").out)
    assert data == [
        {
            "first": {"id": 1, "name": "Emma Taylor", "detail": "emma@one.example"},
            "second": {"id": 2, "name": "taylor, EMMA", "detail": ""},
            "reasons": ["same phone", "similar name"],
        }
    ]
