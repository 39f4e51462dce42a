"""tidy-overdue, and tag on many contacts, on the command line (issue 15)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from followup.cli import build_parser, run_command
from followup.clock import FixedClock
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db


class Result(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    folder = tmp_path / "data"
    now = clock.now()
    with Store.open(folder / "followup.db", clock) as store:
        store.settings.set("user_tz", "Europe/Lisbon")
        ideal, _ = Preferences.load(store).cadence_for("other")
        # 300 contacts never touched: nudges from 5 to 304 days overdue
        rows = [(f"P{i}", to_db(now - timedelta(days=ideal + 5 + i))) for i in range(300)]
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?2, ?2)",
                rows,
            )
    return folder


@pytest.fixture
def cli(data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*argv: str) -> Result:
        code = run_command(build_parser().parse_args(["--data-dir", str(data_dir), *argv]), clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def test_tidy_overdue_dry_run_then_for_real(cli: Callable[..., Result], data_dir: Path, clock: FixedClock) -> None:
    # GIVEN 300 overdue nudges, 215 of them due more than 90 days ago (5 to 304 days overdue)
    assert cli("tidy-overdue", "--dry-run").out == (
        "Would snooze 215 stay-in-touch nudges due more than 90 days ago.\n"
    )
    # WHEN tidy-overdue runs with its defaults
    result = cli("tidy-overdue", "--json")
    data = json.loads(result.out)
    # THEN 215 are snoozed until a week from now's working morning
    assert result.code == 0 and data["snoozed"] == 215 and len(data["ids"]) == 215
    assert data["until"] >= (clock.now() + timedelta(days=7)).isoformat()[:10]
    with Store.open(data_dir / "followup.db", clock) as store:
        left = store.conn.execute(
            "SELECT count(*) FROM follow_ups WHERE snoozed_until_utc IS NULL AND status = 'open'"
        ).fetchone()[0]
        assert left == 85
    # AND again: nothing to tidy, said in a sentence
    assert cli("tidy-overdue").out == (
        "Nothing to tidy: no stay-in-touch nudge has been overdue for more than 90 days.\n"
    )
    assert cli("tidy-overdue", "--older-than", "2w", "--snooze", "1m").out.startswith("Snoozed 76 stay-in-touch ")


def test_tidy_overdue_bad_period(cli: Callable[..., Result]) -> None:
    result = cli("tidy-overdue", "--older-than", "soon")
    assert result.code != 0
    assert "--older-than 'soon' is not a period" in result.err


def test_tag_hundreds_at_once(cli: Callable[..., Result]) -> None:
    ids = [str(i) for i in range(1, 301)]
    assert cli("tag", *ids, "--add", "imported").out == "Tagged 300 contacts with 'imported'.\n"
    data = json.loads(cli("tag", *ids[:3], "--remove", "IMPORTED", "--json").out)
    assert data == {"tag": "IMPORTED", "removed": ["P0", "P1", "P2"], "unchanged": 0}
