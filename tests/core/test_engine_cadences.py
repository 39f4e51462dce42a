"""Stay-in-touch cadences (followup/engine/follow_ups.py): a contact past
their kind's ideal gets one follow-up, on their clock, once; a touch point
closes it. (Moved from test_engine_follow_ups.py, unchanged.)

The store's clock stands at Monday 2026-11-23 09:30Z; the user is in
Europe/Lisbon. Contacts are in Europe/Berlin (+01:00 after 2026-10-25)
unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Direction, Kind, TouchPoint
from followup.engine import follow_ups as engine
from followup.engine.touch_points import log_touch_point
from followup.planning.model import FollowUp, Source, Status
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def person(store: Store, clock: FixedClock, add_contact: Callable[..., int]) -> Callable[..., int]:
    """A contact added 90 days before the clock's time, last touched ``touched`` ago."""

    def make(
        name: str, touched: timedelta | None, *, kind: Kind = Kind.CLIENT, tz: str = "Europe/Berlin", **fields: object
    ) -> int:
        now = clock.now()
        clock.set(now - timedelta(days=90))
        cid = add_contact(name, kind=kind, tz=tz, **fields)
        clock.set(now)
        if touched is not None:
            store.touch_points.add(TouchPoint(cid, now - touched, Channel.PHONE, Direction.OUT, "Catch-up"))
        return cid

    return make


def cadence_items(store: Store, contact_id: int) -> list[FollowUp]:
    return [f for f in store.follow_ups.for_contact(contact_id, open_only=False) if f.source == Source.CADENCE]


def test_a_client_past_the_ideal_gets_one_stay_in_touch_follow_up(store: Store, person: Callable[..., int]) -> None:
    # GIVEN a client in Berlin (ideal 30 days) last touched 31 days ago: 2026-10-23 09:30Z = 11:30 CEST
    ana = person("Ana Lima", timedelta(days=31))
    # WHEN cadences are synced
    created = engine.sync_cadences(store)
    # THEN one follow-up opens; 10-23 + 30 days = Sunday 11-22, so it is due on the next working
    # morning on Ana's clock: Monday 11-23 09:00 CET = 08:00Z
    (fu,) = cadence_items(store, ana)
    assert created == [fu.id]
    assert fu.due == utc(2026, 11, 23, 8, 0)
    assert (fu.status, fu.tz, fu.channel, fu.title) == (Status.OPEN, "Europe/Berlin", "email", "Stay in touch with Ana")
    assert "every 30 days" in fu.notes and "never more than 60" in fu.notes


def test_the_cadence_is_placed_on_the_contacts_clock(store: Store, person: Callable[..., int]) -> None:
    # GIVEN the same client but in New York: 10-23 09:30Z = 05:30 EDT
    ana = person("Ana Lima", timedelta(days=31), tz="America/New_York")
    # WHEN synced THEN 10-23 + 30 = Sunday 11-22 -> Monday 11-23 09:00 EST = 14:00Z
    engine.sync_cadences(store)
    assert [f.due for f in cadence_items(store, ana)] == [utc(2026, 11, 23, 14, 0)]


def test_syncing_twice_creates_nothing_more(store: Store, person: Callable[..., int]) -> None:
    # GIVEN a client due a stay-in-touch follow-up, synced once
    ana = person("Ana Lima", timedelta(days=31))
    engine.sync_cadences(store)
    # WHEN synced again THEN nothing new
    assert engine.sync_cadences(store) == []
    assert len(cadence_items(store, ana)) == 1


def test_fresh_recent_and_archived_contacts_get_none(
    store: Store, person: Callable[..., int], add_contact: Callable[..., int]
) -> None:
    # GIVEN a contact added just now, a client touched 28 days ago, and an archived client untouched for 200 days
    fresh = add_contact("Fresh Face", kind=Kind.CLIENT)
    recent = person("Recent Contact", timedelta(days=28))
    archived = person("Gone Away", timedelta(days=200))
    store.contacts.set_archived(archived)
    # WHEN synced THEN none of them gets a follow-up
    assert engine.sync_cadences(store) == []
    assert cadence_items(store, fresh) == cadence_items(store, recent) == cadence_items(store, archived) == []


def test_a_never_touched_contact_counts_from_when_it_was_added(store: Store, person: Callable[..., int]) -> None:
    # GIVEN a manager (ideal 7) added 90 days ago (2026-08-25 09:30Z, 11:30 CEST) and never touched
    boss = person("Big Boss", None, kind=Kind.MANAGER)
    # WHEN synced THEN 08-25 + 7 = Tuesday 09-01, 09:00 CEST = 07:00Z
    engine.sync_cadences(store)
    assert [f.due for f in cadence_items(store, boss)] == [utc(2026, 9, 1, 7, 0)]


def test_a_per_contact_cadence_overrides_the_kind(store: Store, person: Callable[..., int]) -> None:
    # GIVEN a client touched 6 days ago (Tuesday 11-17 09:30Z = 10:30 CET) whose own ideal is 3 days
    ana = person("Ana Lima", timedelta(days=6))
    store.conn.execute("UPDATE contacts SET cadence_ideal_days = 3 WHERE id = ?", (ana,))
    # WHEN synced THEN due 11-17 + 3 = Friday 11-20 09:00 CET = 08:00Z (with the client's 30, none)
    engine.sync_cadences(store)
    (fu,) = cadence_items(store, ana)
    assert fu.due == utc(2026, 11, 20, 8, 0)
    assert "every 3 days" in fu.notes and "never more than 60" in fu.notes


def test_the_cadences_setting_overrides_the_kind_default(store: Store, person: Callable[..., int]) -> None:
    # GIVEN clients are to be touched every 10 days (at most 20), and a client touched 11 days ago
    # (Thursday 11-12 09:30Z = 10:30 CET)
    store.settings.set("cadences", {"client": [10, 20]})
    ana = person("Ana Lima", timedelta(days=11))
    # WHEN synced THEN 11-12 + 10 = Sunday 11-22 -> Monday 11-23 09:00 CET = 08:00Z
    engine.sync_cadences(store)
    (fu,) = cadence_items(store, ana)
    assert fu.due == utc(2026, 11, 23, 8, 0)
    assert "every 10 days, and never more than 20" in fu.notes


def test_a_touch_point_closes_it_and_the_next_comes_only_once_the_ideal_passes_again(
    store: Store, clock: FixedClock, person: Callable[..., int]
) -> None:
    # GIVEN an open stay-in-touch follow-up for a Berlin client
    ana = person("Ana Lima", timedelta(days=31))
    (first,) = engine.sync_cadences(store)
    # WHEN the user calls her now (Monday 11-23 09:30Z = 10:30 CET)
    log_touch_point(store, TouchPoint(ana, NOW, Channel.PHONE, Direction.OUT, "Caught up"))
    # THEN it is done, and syncing now or 28 days later creates nothing
    assert store.follow_ups.get(first).status == Status.DONE
    assert engine.sync_cadences(store) == []
    clock.set(NOW + timedelta(days=28))
    assert engine.sync_cadences(store) == []
    # and 29 days later nothing is due yet (a follow-up may already be waiting for its morning)
    clock.set(NOW + timedelta(days=29))
    assert [f for f in engine.due(store, clock.now()) if f.source == Source.CADENCE] == []
    # and 31 days later exactly one new one is open and due: 11-23 + 30 = Wednesday 12-23 09:00 CET = 08:00Z
    clock.set(NOW + timedelta(days=31))
    engine.sync_cadences(store)
    due = [f for f in engine.due(store, clock.now()) if f.source == Source.CADENCE]
    assert [(f.contact_id, f.due) for f in due] == [(ana, utc(2026, 12, 23, 8, 0))]
    assert [f.status for f in cadence_items(store, ana)] == [Status.DONE, Status.OPEN]


def test_due_shows_cadence_follow_ups_even_if_nothing_ran_in_between(
    store: Store, clock: FixedClock, person: Callable[..., int]
) -> None:
    # GIVEN a Berlin client touched just now, and nothing runs until mid-2027
    ana = person("Ana Lima", timedelta(0))
    clock.set(utc(2027, 6, 1, 12, 0))
    # WHEN asking what is due then
    items = engine.due(store, clock.now())
    # THEN one stay-in-touch follow-up, due when the ideal passed: 11-23 + 30 = Wed 12-23, 08:00Z
    assert [(f.contact_id, f.source, f.due) for f in items] == [(ana, Source.CADENCE, utc(2026, 12, 23, 8, 0))]


def test_due_includes_a_cadence_follow_up_whose_working_morning_has_passed(
    store: Store, person: Callable[..., int]
) -> None:
    # GIVEN a Berlin client last touched Saturday 2026-10-24 10:30Z (12:30 CEST): 29 days 23 h ago,
    # so 30 x 24 h have not yet passed
    ana = person("Ana Lima", timedelta(days=29, hours=23))
    # WHEN asking at Monday 11-23 09:30Z what is due
    items = engine.due(store, NOW)
    # THEN the stay-in-touch follow-up is there: 10-24 + 30 days = Monday 11-23, whose working
    # morning on Ana's clock (09:00 CET = 08:00Z) is already past
    assert [(f.contact_id, f.source, f.due) for f in items] == [(ana, Source.CADENCE, utc(2026, 11, 23, 8, 0))]
