"""The live calendar file serialises again only the events that changed
(followup/calendar/event_cache.py), and writes exactly what the full
serialiser writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followup.calendar import live_file
from followup.calendar.event_cache import EventCache
from followup.calendar.events import EventData
from followup.calendar.export import Mode, Organizer, serialise
from followup.engine import follow_ups as engine
from followup.planning.model import FollowUp, Source
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ORGANIZER = Organizer("Zoë Lindqvist", "zoe@example.com")


def _events() -> list[EventData]:
    start = datetime(2026, 11, 24, 10, tzinfo=UTC)
    return [
        EventData(uid="a@x", title="Send the offer · Ana Lima", description="Why: a promise.\nHow: email",
                  start=start, end=start + timedelta(minutes=30), sequence=2, modified=NOW, follow_up_id=1),
        EventData(uid="b@x", title="Delivery day · Bo, Ltd; “quoted”", start_date=date(2026, 12, 4),
                  end_date=date(2026, 12, 5), follow_up_id=2),
        EventData(uid="c@x", title="Quarterly review", description="Long line " * 60, location="Zürich, Bahnhofstr. 1",
                  start=start, end=start + timedelta(hours=1), attendees=[("ana@example.com", "Ana Lima")],
                  busy=True, engagement_id=7),
        EventData(uid="d@x", title="Called off", start=start, end=start + timedelta(hours=1), cancelled=True),
    ]  # fmt: skip


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("live", [False, True])
def test_the_cached_file_is_what_the_serialiser_writes(mode: Mode, live: bool) -> None:
    # GIVEN events of every shape (timed, all-day, folded long text, attendees, cancelled)
    cache = EventCache()
    # WHEN the file is made twice, an hour apart (the second time from the cache)
    for now in (NOW, NOW + timedelta(hours=1)):
        got = cache.serialise(_events(), mode, ORGANIZER, now, name="Followup", live=live)
        # THEN each time it is byte for byte what serialise writes at that time
        assert got == serialise(_events(), mode, ORGANIZER, now, name="Followup", live=live)
    assert cache.serialised == 0  # the second time, nothing was serialised again


def test_only_what_changed_is_serialised_again() -> None:
    cache = EventCache()
    events = _events()
    cache.serialise(events, Mode.PUBLISH, ORGANIZER, NOW)
    assert cache.serialised == 4
    # WHEN one event's title changes and one is gone
    events[1].title = "Delivery day moved"
    del events[3]
    got = cache.serialise(events, Mode.PUBLISH, ORGANIZER, NOW)
    # THEN only that event is serialised again, and the file is still exact
    assert cache.serialised == 1
    assert got == serialise(events, Mode.PUBLISH, ORGANIZER, NOW)


def test_the_live_file_follows_changes_through_the_cache(
    store: Store, people: dict[str, int], tmp_path: Path, ical_check: Callable[[list[Path]], list[dict[str, Any]]]
) -> None:
    # GIVEN a live file with three open follow-ups, written once
    path = tmp_path / "followup.ics"
    live_file.set_live_path(store, path)
    ids = [
        store.follow_ups.add(FollowUp(people["alice"], f"Item {n}", Source.MANUAL, NOW + timedelta(days=n)))
        for n in range(1, 4)
    ]
    live_file.refresh(store)
    # WHEN one is snoozed and another done, and the file is written again
    engine.snooze(store, ids[0], NOW + timedelta(days=9))
    engine.complete(store, ids[1], None)
    live_file.refresh(store)
    # THEN one event was serialised again, and ical.js reads the two left as they are now
    assert live_file.cache_for(store).serialised == 1
    [found] = ical_check([path])
    assert found["ok"]
    assert sorted(e["summary"].split(" · ")[0] for e in found["events"]) == ["Item 1", "Item 3"]
    assert path.read_bytes() == live_file.serialise_uncached(store)
