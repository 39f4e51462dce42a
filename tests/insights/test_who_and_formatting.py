"""Who is behind each figure (the lists a card opens), the periods offered by
name, and figures written alike for people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import main
from followup import demo
from followup.errors import ValidationError
from followup.insights import compute
from followup.insights.formatting import count, plural, share_text
from followup.insights.period import DEFAULT_PERIOD, PERIOD_CHOICES, parse_period
from followup.insights.who import drifting, late_follow_ups, waiting_replies
from followup.preferences import Preferences
from followup.store import Store
from tests.insights.conftest import NOW, World, nov

LISBON = ZoneInfo("Europe/Lisbon")


def test_each_list_holds_exactly_what_its_figure_counts(world: World) -> None:
    # GIVEN the figures for November so far
    period = parse_period("2026-11-01..2026-11-30", NOW, LISBON)
    result = compute(world.store, world.prefs, period, NOW)
    f = result.overall
    # WHEN the lists behind the cards are asked for
    waiting = waiting_replies(world.store, NOW, result.reply_window_hours)
    late = late_follow_ups(world.store, period, NOW)
    drift = drifting(result)
    # THEN each has one row per counted item, named, with its status
    assert len(waiting) == f.replies_waiting == 2
    assert sum(p.status == "past promise" for p in waiting) == f.replies_waiting_overdue
    assert [p.at for p in waiting] == sorted(p.at for p in waiting)  # oldest first
    assert len(late) == f.followups_done_late + f.followups_overdue
    assert {p.status for p in late} <= {"late", "open"}
    assert len(drift) == f.drifting_contacts + f.overdue_contacts
    assert all(p.name and p.contact_id for p in [*waiting, *late, *drift])


def test_the_lists_agree_with_the_figures_over_the_demo_data(store: Store) -> None:
    # GIVEN the demo data and a quarter of it
    demo.generate(store, contacts=120, seed=7)
    prefs = Preferences.load(store)
    now = store.clock.now()
    period = parse_period("90d", now, LISBON)
    f = compute(store, prefs, period, now).overall
    # THEN the late list holds the late and the still-open follow-ups, the waiting list every waiting reply
    late = late_follow_ups(store, period, now)
    assert len(late) == f.followups_done_late + f.followups_overdue > 0
    assert len(waiting_replies(store, now, prefs.reply_window_hours)) == f.replies_waiting


@pytest.mark.parametrize(
    ("text", "label", "days"),
    [("1y", "Last year", 365), ("365d", "Last 365 days", 365), ("7d", "Last 7 days", 7), ("90d", "Last 90 days", 90)],
)
def test_named_periods(text: str, label: str, days: int) -> None:
    period = parse_period(text, NOW, LISBON)
    assert (period.label, period.end - period.start) == (label, timedelta(days=days))


def test_calendar_periods_by_name_and_the_one_default() -> None:
    assert parse_period("quarter", NOW, LISBON).label == "This quarter"
    assert parse_period("week", NOW, LISBON).start == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # Lisbon is UTC in Nov
    assert parse_period("month", NOW, LISBON).start == nov(1, 0)
    assert DEFAULT_PERIOD in dict(PERIOD_CHOICES)
    assert all(parse_period(code, NOW, LISBON).label == label for code, label in PERIOD_CHOICES)
    with pytest.raises(ValidationError, match="1y, week, month, quarter"):
        parse_period("fortnight", NOW, LISBON)


def test_figures_for_people() -> None:
    assert count(3068) == "3,068"
    assert plural(1, "reply", "replies") == "1 reply"
    assert plural(3068, "reply", "replies") == "3,068 replies"
    # a share from a single reply is a count, not "100%"
    assert share_text(1, 1) == "1 of 1"
    assert share_text(3, 4) == "3 of 4"
    assert share_text(0, 0) == "—"
    assert share_text(9, 10) == "90%"
    assert share_text(2950, 3068) == "96%"


def test_the_command_gives_no_share_from_a_handful_of_replies(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN the small world (a few replies in November) WHEN its figures are printed
    assert main.main(["--data-dir", str(tmp_path), "insights", "--period", "7d", "--now", "2026-11-23T09:30"]) == 0
    text = capsys.readouterr().out
    # THEN no percentage or "90% within" is drawn from fewer than five replies
    assert text.startswith("Last 7 days:")
    [replies] = [line for line in text.splitlines() if line.startswith("Replies:")]
    answered = int(replies.split()[1].replace(",", ""))
    assert 1 <= answered < 5
    assert "%" not in replies
