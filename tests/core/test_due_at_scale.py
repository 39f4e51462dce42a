"""`due` and Today with tens of thousands of open follow-ups: every item is
listed (the store once stopped silently at 10,000), `--limit N` gives fewer
and says so, and Today's sections count them all.

The fixture: 40 clients, 25,000 follow-ups due over the 500 days before the
fixed clock (Monday 2026-11-23 09:30Z, the user in UTC), 30 due later today
and 70 later this week, written in one executemany.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followup.cli import build_parser, run_command
from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.engine import follow_ups as engine
from followup.store import Store
from followup.timeutil import to_db

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
OVERDUE, LATER_TODAY, THIS_WEEK = 25_000, 30, 70


def _write_follow_ups(store: Store, contact_ids: list[int]) -> None:
    stamp = to_db(NOW)
    rows = []

    def row(i: int, due: datetime, source: str) -> tuple[Any, ...]:
        return (contact_ids[i % len(contact_ids)], source, f"Item {i}", "email", "UTC", to_db(due), to_db(due), stamp)

    for i in range(OVERDUE):  # before today: from 500 days ago up to yesterday
        due = NOW.replace(hour=0, minute=0) - timedelta(minutes=1 + (i * 720_000) // OVERDUE)
        source = "reply" if i % 7 == 0 else "plan" if i % 3 == 0 else "manual"
        if i < len(contact_ids):  # at most one open stay-in-touch item per contact
            source = "cadence"
        rows.append(row(i, due, source))
    for i in range(LATER_TODAY):
        rows.append(row(OVERDUE + i, NOW + timedelta(minutes=5 + i), "manual"))
    for i in range(THIS_WEEK):
        rows.append(row(OVERDUE + LATER_TODAY + i, NOW + timedelta(days=1, hours=i), "manual"))
    with store.transaction() as conn:
        conn.executemany(
            """INSERT INTO follow_ups (contact_id, source, title, channel, tz, due_utc, wake_utc, created_at,
                   updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?8)""",
            rows,
        )


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    with Store.open(folder / "followup.db", FixedClock(NOW)) as store:
        store.settings.set("user_tz", "UTC")
        ids = [store.contacts.add(Contact(f"Client {n:02d}", kind=Kind.CLIENT, tz="UTC")) for n in range(40)]
        _write_follow_ups(store, ids)
    return folder


def _run(folder: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_command(build_parser().parse_args(["--data-dir", str(folder), *argv]), clock=FixedClock(NOW))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_due_json_lists_every_one_of_25000_items_oldest_first(
    big_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN 25,000 follow-ups due before now (and 100 later)
    # WHEN due --json runs
    code, out, _err = _run(big_dir, capsys, "due", "--json")
    # THEN every one of them is there, oldest first, none twice
    items = json.loads(out)
    assert code == 0
    assert len(items) == OVERDUE
    assert len({i["id"] for i in items}) == OVERDUE
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)


def test_due_as_text_prints_a_line_for_every_item(big_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN 25,000 due follow-ups  WHEN due prints a table
    code, out, err = _run(big_dir, capsys, "due")
    # THEN it has a header and 25,000 rows, and says nothing was left out
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("ID")
    assert len(lines) == 1 + OVERDUE
    assert err == ""


def test_due_limit_gives_the_oldest_n_and_says_how_many_more(big_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN 25,000 due follow-ups  WHEN due --limit 100 runs, as text and as JSON
    code, out, err = _run(big_dir, capsys, "due", "--limit", "100")
    jcode, jout, jerr = _run(big_dir, capsys, "due", "--limit", "100", "--json")
    _c, everything, _e = _run(big_dir, capsys, "due", "--json")
    # THEN both give the 100 oldest, and say on stderr that 24,900 more are due
    assert (code, jcode) == (0, 0)
    assert len(out.splitlines()) == 1 + 100
    assert json.loads(jout) == json.loads(everything)[:100]
    assert "24900 more" in err.replace(",", "") and "--limit" in err
    assert err == jerr


@pytest.mark.parametrize("bad", ["0", "-3"])
def test_due_limit_must_be_positive(big_dir: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    # GIVEN a limit below one  WHEN due runs  THEN one clear sentence, exit 1, nothing printed
    code, out, err = _run(big_dir, capsys, "due", "--limit", bad)
    assert code == 1
    assert out == ""
    assert err.strip() == "followup: --limit must be 1 or more."


def test_today_counts_every_item_in_its_section(big_dir: Path) -> None:
    # GIVEN 25,000 overdue, 30 later today and 70 later this week
    with Store.open(big_dir / "followup.db", FixedClock(NOW)) as store:
        # WHEN Today is read
        buckets = engine.today(store)
    # THEN each section counts all of its items and shows the most pressing 300
    assert buckets.totals == (OVERDUE, LATER_TODAY, THIS_WEEK)
    assert len(buckets.overdue) == engine.TODAY_LIMIT
    assert len(buckets.today) == LATER_TODAY
    assert len(buckets.this_week) == THIS_WEEK
    # in due order (issue 13: each section is in the order things fell due), the oldest first
    wakes = [f.snoozed_until or f.due for f in buckets.overdue]
    assert wakes == sorted(wakes)  # type: ignore[type-var]


@pytest.mark.parametrize("limit", [300, 5_000, 30_000])
def test_today_sections_are_in_the_order_of_one_sort_of_everything(big_dir: Path, limit: int) -> None:
    # GIVEN 25,000 overdue items of all four sources
    with Store.open(big_dir / "followup.db", FixedClock(NOW)) as store:
        start_of_today = NOW.replace(hour=0, minute=0)
        # WHEN the overdue section is read with a limit that cuts inside a kind of source, or not at all
        shown, total = store.follow_ups.waking_between(None, start_of_today, limit=limit)
        # THEN it is the first `limit` of every open item sorted by (reply, planned or manual,
        # stay-in-touch), then wake time, then id: the order the section always had
        rank = {"reply": 0, "plan": 1, "manual": 1, "cadence": 2}
        rows = store.conn.execute(
            "SELECT id, source, wake_utc FROM follow_ups WHERE status = 'open' AND wake_utc < ?",
            (to_db(start_of_today),),
        ).fetchall()
    expected = [r[0] for r in sorted(rows, key=lambda r: (rank[r[1]], r[2], r[0]))][:limit]
    assert [f.id for f in shown] == expected
    assert total == OVERDUE
