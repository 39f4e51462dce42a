"""'Add to Google Calendar' / 'Add to Outlook' links and the live calendar file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from followup.calendar import live_file
from followup.calendar.events import EventData
from followup.calendar.links import google_url, outlook_url
from followup.engine import follow_ups as engine
from followup.planning.model import FollowUp, Source
from followup.store import Store

TIMED = EventData(
    uid="u1",
    title="Call Zoë & Bob: 50% off? #1",
    description="Why: renewal\nPhone: +1 212 555 0100",
    location="Café, Rua Augusta 12",
    start=datetime(2026, 12, 2, 15, 0, tzinfo=UTC),
    end=datetime(2026, 12, 2, 15, 15, tzinfo=UTC),
)
ALL_DAY = EventData(uid="u2", title="Delivery day", start_date=date(2026, 12, 4), end_date=date(2026, 12, 5))


def _query(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert " " not in url and "\n" not in url
    return {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}


def test_google_link_has_utc_dates_and_percent_encoded_text() -> None:
    url = google_url(TIMED)
    assert url.startswith("https://calendar.google.com/calendar/render?")
    q = _query(url)
    assert q["action"] == "TEMPLATE"
    assert q["dates"] == "20261202T150000Z/20261202T151500Z"
    assert q["text"] == TIMED.title and q["details"] == TIMED.description and q["location"] == TIMED.location
    assert "%26" in url and "%23" in url and "%0A" in url  # & # and newline never raw


def test_google_link_for_an_all_day_item_uses_dates_with_an_exclusive_end() -> None:
    assert _query(google_url(ALL_DAY))["dates"] == "20261204/20261205"


def test_outlook_links_for_work_and_personal_accounts() -> None:
    q = _query(outlook_url(TIMED))
    assert outlook_url(TIMED).startswith("https://outlook.office.com/calendar/0/deeplink/compose?")
    assert outlook_url(TIMED, personal=True).startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    assert q["rru"] == "addevent" and q["path"] == "/calendar/action/compose"
    assert q["startdt"] == "2026-12-02T15:00:00Z" and q["enddt"] == "2026-12-02T15:15:00Z"
    assert q["subject"] == TIMED.title and q["body"] == TIMED.description
    day = _query(outlook_url(ALL_DAY))
    assert (day["startdt"], day["enddt"], day["allday"]) == ("2026-12-04", "2026-12-05", "true")


def test_long_descriptions_are_trimmed_to_keep_the_link_usable() -> None:
    long = EventData(uid="u3", title="x", description="word " * 2000, start=TIMED.start, end=TIMED.end)
    assert len(google_url(long)) < 3000


def test_live_file_is_off_until_a_path_is_set(store: Store) -> None:
    assert live_file.refresh(store) is None


def test_live_file_holds_the_open_follow_ups_and_follows_changes(
    store: Store, people: dict[str, int], tmp_path: Path, ical_check: Callable[[list[Path]], list[dict[str, Any]]]
) -> None:
    # GIVEN a live file in a (synced) folder that does not exist yet
    path = tmp_path / "Sync" / "followup.ics"
    live_file.set_live_path(store, path)
    a = store.follow_ups.add(
        FollowUp(people["alice"], "Send the offer", Source.MANUAL, datetime(2026, 11, 24, 10, tzinfo=UTC))
    )
    store.follow_ups.add(
        FollowUp(people["bob"], "Chase the delivery", Source.MANUAL, datetime(2026, 11, 25, 10, tzinfo=UTC))
    )
    # WHEN the app refreshes it after a change
    assert live_file.refresh(store) == path
    [found] = ical_check([path])
    assert found["ok"] and len(found["events"]) == 2
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in path.read_bytes()
    # THEN a follow-up marked done leaves the file at the next refresh, atomically
    engine.complete(store, a, None)
    live_file.refresh(store)
    [found] = ical_check([path])
    assert [e["summary"] for e in found["events"]] == ["Chase the delivery · Bob Brenner"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["followup.ics"]
