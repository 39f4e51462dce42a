"""The live calendar file at scale (issue 16): it holds a window of time,
writes again only what changed, equals a file made from scratch, and a write
that dies half-way leaves the old file."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followup.calendar import live_file
from followup.calendar.export import ExportRequest, export
from followup.domain import LabelledValue
from followup.engine import follow_ups as engine
from followup.planning.model import FollowUp, Source
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
Check = Callable[[list[Path]], list[dict[str, Any]]]


def _add(store: Store, contact: int, title: str, at: datetime) -> int:
    return store.follow_ups.add(FollowUp(contact, title, Source.MANUAL, at))


def _titles(found: dict[str, Any]) -> list[str]:
    return sorted(e["summary"].split(" · ")[0] for e in found["events"])


def test_the_live_file_holds_the_window_and_export_ics_holds_everything(
    store: Store, people: dict[str, int], tmp_path: Path, ical_check: Check
) -> None:
    # GIVEN open follow-ups long overdue, overdue since this morning, next week, and in two years
    alice = people["alice"]
    _add(store, alice, "Long overdue", NOW - timedelta(days=live_file.DAYS_BACK, hours=1))
    _add(store, alice, "Overdue since this morning", NOW - timedelta(hours=3))
    _add(store, alice, "Next week", NOW + timedelta(days=7))
    _add(store, alice, "In two years", NOW + timedelta(days=2 * 365))
    path = tmp_path / "live.ics"
    live_file.set_live_path(store, path)
    # WHEN the live file is written, and everything is exported
    live_file.refresh(store)
    full = tmp_path / "all.ics"
    full.write_bytes(export(store, ExportRequest()).data)
    # THEN the live file holds the window (ical.js reads it), the export every open follow-up
    live, everything = ical_check([path, full])
    assert live["ok"] and everything["ok"]
    assert _titles(live) == ["Next week", "Overdue since this morning"]
    assert _titles(everything) == ["In two years", "Long overdue", "Next week", "Overdue since this morning"]


def test_a_contact_edit_serialises_again_only_that_contacts_events(
    store: Store, people: dict[str, int], tmp_path: Path, ical_check: Check
) -> None:
    # GIVEN a live file with three follow-ups for Alice and two for Bob
    path = tmp_path / "live.ics"
    live_file.set_live_path(store, path)
    for n in range(3):
        _add(store, people["alice"], f"Alice {n}", NOW + timedelta(days=n + 1))
    for n in range(2):
        _add(store, people["bob"], f"Bob {n}", NOW + timedelta(days=n + 1))
    live_file.refresh(store)
    assert live_file.cache_for(store).serialised == 5
    # WHEN Bob gets a phone number (it is in his events' descriptions)
    bob = store.contacts.get(people["bob"])
    bob.phones = [LabelledValue("+41 44 555 0100", "work")]
    store.contacts.update(bob)
    live_file.refresh(store)
    # THEN only Bob's two events were serialised again, and the file is what a full write makes
    assert live_file.cache_for(store).serialised == 2
    assert path.read_bytes() == live_file.serialise_uncached(store)
    assert b"+41 44 555 0100" in path.read_bytes()
    # ...and nothing at all when nothing changed
    live_file.refresh(store)
    assert live_file.cache_for(store).serialised == 0
    [found] = ical_check([path])
    assert found["ok"] and len(found["events"]) == 5


def test_a_follow_up_done_snoozed_or_added_is_all_that_is_serialised_again(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN a live file with four follow-ups
    live_file.set_live_path(store, store.path.parent / "live.ics")
    ids = [_add(store, people["alice"], f"Item {n}", NOW + timedelta(days=n + 1)) for n in range(4)]
    live_file.refresh(store)
    # WHEN one is done, one snoozed and one added
    engine.complete(store, ids[0], None)
    engine.snooze(store, ids[1], NOW + timedelta(days=9))
    _add(store, people["bob"], "New", NOW + timedelta(days=2))
    live_file.refresh(store)
    # THEN two events were serialised again (the snoozed one and the new one), and the file is exact
    assert live_file.cache_for(store).serialised == 2
    assert (store.path.parent / "live.ics").read_bytes() == live_file.serialise_uncached(store)


def test_a_write_that_dies_half_way_leaves_the_old_file(
    store: Store, people: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a live file written once
    path = tmp_path / "live.ics"
    live_file.set_live_path(store, path)
    first = _add(store, people["alice"], "First", NOW + timedelta(days=1))
    live_file.refresh(store)
    old = path.read_bytes()
    # WHEN the next write is killed after the new bytes went out, before they are on disk
    engine.complete(store, first, None)
    _add(store, people["alice"], "Second", NOW + timedelta(days=2))

    def killed(fd: int) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(SystemExit):
        live_file.refresh(store)
    monkeypatch.undo()
    # THEN the old file is there as it was, with no half-written file beside it
    assert path.read_bytes() == old and b"First" in old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".live")) == []
    # ...and the next write brings it up to date
    live_file.refresh(store)
    assert b"Second" in path.read_bytes() and b"First" not in path.read_bytes()
