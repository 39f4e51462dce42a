"""Periods, the CSV export and its formula guard, and the insights command."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import main
from followup.domain import Contact, Kind
from followup.errors import ValidationError
from followup.insights import Period, compute, parse_period, this_month, this_quarter, this_week
from followup.insights.export import guard_cell, to_csv
from followup.insights.figures import quantile
from tests.insights.conftest import NOW, World, nov

LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")


def test_quantiles_interpolate_between_closest_ranks() -> None:
    assert quantile([], 0.5) is None
    assert quantile([7.0], 0.9) == 7.0
    assert quantile([1.0, 3.0], 0.5) == 2.0  # the mean of the middle two
    assert quantile([0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0], 0.9) == pytest.approx(81.0)


def test_calendar_periods_on_the_users_wall_clock() -> None:
    # Monday 23 November 09:30 UTC is 04:30 in New York (UTC-5)
    week = this_week(NOW, NEW_YORK)
    assert (week.start, week.end) == (datetime(2026, 11, 23, 5, tzinfo=UTC), datetime(2026, 11, 30, 5, tzinfo=UTC))
    month = this_month(NOW, LISBON)
    assert (month.start, month.end) == (datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))
    # the quarter began on 1 October, in summer time (UTC+1)
    quarter = this_quarter(NOW, LISBON)
    assert (quarter.start, quarter.end) == (datetime(2026, 9, 30, 23, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def test_parse_period() -> None:
    assert parse_period("7d", NOW, LISBON) == Period(nov(16, 9, 30), NOW, "Last 7 days")
    custom = parse_period("2026-11-01..2026-11-15", NOW, LISBON)
    assert (custom.start, custom.end) == (nov(1, 0), nov(16, 0))  # the last day is included
    for bad in ("fortnight", "0d", "2026-11-15..2026-11-01", "2026-13-01..2026-13-02"):
        with pytest.raises(ValidationError):
            parse_period(bad, NOW, LISBON)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_start_like_a_formula_are_quoted(text: str) -> None:
    assert guard_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value, shown", [("Ana Lima", "Ana Lima"), (3, "3"), (0.25, "0.25"), (None, ""), ("a=b", "a=b")]
)
def test_other_cells_are_left_alone(value: object, shown: str) -> None:
    assert guard_cell(value) == shown


def test_csv_export_guards_a_contact_name(world: World) -> None:
    # GIVEN a drifting contact whose name is a formula
    world.store.contacts.add(Contact(name='=HYPERLINK("http://x.example","hi")', kind=Kind.OTHER))
    world.store.conn.execute("UPDATE contacts SET created_at = '2026-01-01T00:00:00Z' WHERE name LIKE '=%'")
    text = to_csv(compute(world.store, world.prefs, Period(nov(16, 0), nov(23, 0), "week"), NOW))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "figure", "scope", "value"]
    # THEN its row reads as text, and no cell anywhere starts a formula
    assert ["overdue_contacts", "days_silent", '\'=HYPERLINK("http://x.example","hi")', "326"] in rows
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert ["figures", "reply_time_median_hours", "all", "10"] in rows
    assert ["figures", "reply_within_promise_share", "all", "0.8"] in rows
    assert ["figures", "reply_time_median_hours", "partner", ""] in rows


def test_insights_command_json(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN the world on disk WHEN the command runs for the week of 16 November
    rc = main.main(
        [
            "--data-dir",
            str(tmp_path),
            "insights",
            "--period",
            "2026-11-16..2026-11-22",
            "--now",
            "2026-11-23T09:30",
            "--json",
        ]
    )
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    # THEN the figures are those worked out in test_compute.py
    assert data["reply_time_median_hours"] == 10.0
    assert data["reply_time_p90_hours"] == 27.6
    assert data["reply_within_promise_share"] == 0.8
    assert data["replies_waiting"] == 2
    assert data["followups_done_on_time_share"] == 0.5
    assert (data["drifting_contacts"], data["overdue_contacts"]) == (2, 3)
    assert data["by_kind"]["client"]["reply_time_median_hours"] == 16.0
    assert data["by_kind"]["partner"]["reply_time_median_hours"] is None
    assert data["by_kind"]["client"]["overdue_contacts"] == 1
    assert data["now"] == "2026-11-23T09:30:00+00:00"


def test_insights_command_with_an_empty_period_and_csv(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "figures.csv"
    rc = main.main(
        [
            "--data-dir",
            str(tmp_path),
            "insights",
            "--period",
            "2025-01-01..2025-01-31",
            "--now",
            "2026-11-23T09:30",
            "--json",
            "--csv",
            str(out),
        ]
    )
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reply_time_median_hours"] is None
    assert data["reply_within_promise_share"] is None
    assert data["followups_done_on_time_share"] is None
    assert data["replies_waiting"] == 2
    assert out.read_text(encoding="utf-8-sig").startswith("section,figure,scope,value\n")


def test_insights_command_text_and_a_bad_period(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["--data-dir", str(tmp_path), "insights", "--now", "2026-11-23T09:30"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Last 30 days:")  # the default, as in the GUI
    assert "2 still waiting (1 past the promise)" in text
    assert main.main(["--data-dir", str(tmp_path), "insights", "--period", "fortnight"]) == 1
    assert "Unknown period" in capsys.readouterr().err
