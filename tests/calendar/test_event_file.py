"""Serialised events kept on disk between runs (followup/calendar/event_file.py):
a cold `export-ics` serialises only what changed since the last run, and
writes exactly what icalendar writes from scratch, whatever happened to the
cache file."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from followup.calendar import event_file, live_file, open_events
from followup.calendar.events import open_follow_up_events
from followup.calendar.export import ExportRequest, Mode, Organizer, export, serialise
from followup.clock import FixedClock
from followup.contacts_io import backup
from followup.domain import Channel, Direction, LabelledValue, TouchPoint
from followup.planning.model import FollowUp, Source
from followup.preferences import Preferences
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _a_new_run_each_test() -> Iterator[None]:
    open_events._CACHES.clear()
    yield
    open_events._CACHES.clear()


def _new_run() -> None:
    """What a new process starts with: no cache in memory, the file on disk."""
    open_events._CACHES.clear()


def _from_scratch(store: Store) -> bytes:
    """The export as icalendar writes it, every event serialised (no cache)."""
    prefs = Preferences.load(store)
    events = open_follow_up_events(store, user_tz=prefs.user_tz)
    return serialise(events, Mode.PUBLISH, Organizer.of(prefs), store.clock.now(), name="Followup")


def _cache(store: Store) -> Path:
    return event_file.cache_path(store.path.resolve(), "export")


def _export(store: Store) -> bytes:
    return export(store, ExportRequest()).data


def _serialised(store: Store) -> int:
    return open_events.cache_for(store, "export").serialised


@pytest.fixture
def planned(store: Store, people: dict[str, int]) -> dict[str, int]:
    """Timed and all-day follow-ups for Alice and Bob, with non-ASCII, long notes."""
    ids = {}
    for n in range(3):
        ids[f"alice{n}"] = store.follow_ups.add(
            FollowUp(people["alice"], f"Call Alice {n} · “Zürich” ☎", Source.MANUAL, NOW + timedelta(days=n))
        )
    day = FollowUp(people["bob"], "Send Bob the offer", Source.MANUAL, None, due_date=date(2026, 11, 25))
    day.notes = "Länger, mit Anführungszeichen „so“; und Semikolon\\ " * 20
    ids["bob"] = store.follow_ups.add(day, day_start=datetime(2026, 11, 25, 8, tzinfo=UTC))
    return ids


def test_a_second_run_serialises_nothing_and_writes_the_same_bytes(
    store: Store, planned: dict[str, int], clock: FixedClock
) -> None:
    # GIVEN an export made once (the cache file is written beside the database)
    first = _export(store)
    assert first == _from_scratch(store)
    assert _serialised(store) == 4 and _cache(store).is_file()
    # WHEN another run exports again, an hour later
    _new_run()
    clock.advance(timedelta(hours=1))
    again = _export(store)
    # THEN nothing was serialised, and the bytes are icalendar's, with the new time stamp
    assert _serialised(store) == 0
    assert again == _from_scratch(store) != first
    assert b"DTSTAMP:20261123T103000Z" in again


def _rename_alice(store: Store, people: dict[str, int]) -> None:
    alice = store.contacts.get(people["alice"])
    alice.name = "Alice Árcher-Smith"
    store.contacts.update(alice)


def _new_email(store: Store, people: dict[str, int]) -> None:
    bob = store.contacts.get(people["bob"])
    bob.emails = [LabelledValue("bob@new.example", "work")]
    store.contacts.update(bob)


def _new_phone(store: Store, people: dict[str, int]) -> None:
    bob = store.contacts.get(people["bob"])
    bob.phones = [LabelledValue("+41 44 555 0199", "work")]
    store.contacts.update(bob)


def _retitle(store: Store, people: dict[str, int]) -> None:
    store.conn.execute("UPDATE follow_ups SET title = 'Call Alice, “again”' WHERE title LIKE 'Call Alice 0%'")


def _move(store: Store, people: dict[str, int]) -> None:
    store.conn.execute("UPDATE follow_ups SET due_utc = '2026-11-30T07:15:00Z' WHERE title LIKE 'Call Alice 1%'")


def _all_day(store: Store, people: dict[str, int]) -> None:
    # a timed follow-up becomes all-day: DATE values, and its alarm at 09:00 instead of 10 minutes before
    store.conn.execute("UPDATE follow_ups SET all_day = 1, due_date = '2026-11-26' WHERE title LIKE 'Call Alice 2%'")


def _zone(store: Store, people: dict[str, int]) -> None:
    store.settings.set("user_tz", "Asia/Tokyo")  # the last touch point's day is written in the user's zone


def _organizer(store: Store, people: dict[str, int]) -> None:
    store.settings.set("user_email", "someone.else@example.com")


def _my_name(store: Store, people: dict[str, int]) -> None:
    store.settings.set("user_name", "Mia Müller")


def _touch(store: Store, people: dict[str, int]) -> None:
    store.touch_points.add(
        TouchPoint(people["bob"], NOW - timedelta(days=3), Channel.EMAIL, Direction.OUT, "Sent the draft")
    )


@pytest.mark.parametrize(
    "change",
    [_rename_alice, _new_email, _new_phone, _retitle, _move, _all_day, _zone, _organizer, _my_name, _touch],
    ids=lambda f: f.__name__.strip("_"),
)
def test_whatever_goes_into_an_event_changes_it_in_the_next_run(
    store: Store, people: dict[str, int], planned: dict[str, int], change: Callable[[Store, dict[str, int]], None]
) -> None:
    # GIVEN an export made once, its events on disk
    _export(store)
    # WHEN something that goes into events changes, and another run exports
    change(store, people)
    _new_run()
    got = _export(store)
    # THEN the file is exactly what icalendar writes from scratch, and what changed was serialised again
    assert got == _from_scratch(store)
    assert 0 < _serialised(store) <= 4


def test_other_event_code_does_not_use_the_file(
    store: Store, planned: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN events on disk written by this code
    _export(store)
    # WHEN the code that makes events is another (a new version, an edited module)
    monkeypatch.setattr(event_file, "_version", b"\x00" * 16)
    _new_run()
    # THEN every event is serialised again, and the file written again for this code
    assert _export(store) == _from_scratch(store)
    assert _serialised(store) == 4
    assert event_file.load(_cache(store))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20  # one letter's case in an event: only the checksum can tell
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    path.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _only_the_header(path: Path) -> None:
    path.write_bytes(event_file.MAGIC)


@pytest.mark.parametrize("damage", [_truncate, _flip, _foreign, _empty, _only_the_header], ids=lambda f: f.__name__)
def test_a_damaged_or_foreign_cache_file_is_ignored_and_written_again(
    store: Store, planned: dict[str, int], damage: Callable[[Path], None]
) -> None:
    # GIVEN events on disk, and the file then damaged
    _export(store)
    damage(_cache(store))
    assert event_file.load(_cache(store)) == {}
    # WHEN another run exports
    _new_run()
    got = _export(store)
    # THEN the output is right, every event was serialised, and the file is sound again
    assert got == _from_scratch(store)
    assert _serialised(store) == 4
    assert len(event_file.load(_cache(store))) == 4


def test_the_file_is_private_and_holds_only_the_exported_events(store: Store, planned: dict[str, int]) -> None:
    data = _export(store)
    path = _cache(store)
    # THEN it is the user's alone, beside the database
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.parent == store.path.resolve().parent
    # ...and holds nothing but the events of the export (no setting, no password: those are elsewhere)
    entries = event_file.load(path)
    for before, after in entries.values():
        assert before.startswith(b"BEGIN:VEVENT\r\n") and after.endswith(b"END:VEVENT\r\n")
        assert before in data and after in data
    assert len(path.read_bytes()) < len(data) + 200  # the events, an index and a checksum


def test_a_backup_is_the_database_alone(store: Store, planned: dict[str, int], tmp_path: Path) -> None:
    # GIVEN events on disk
    _export(store)
    # WHEN the database is backed up
    out = tmp_path / "backup" / "followup-backup.db"
    out.parent.mkdir()
    backup.back_up(store, out)
    # THEN the backup carries no cache of serialised events
    assert event_file.MAGIC not in out.read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["followup-backup.db"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_folder_that_cannot_be_written_costs_the_cache_only(
    store: Store, planned: dict[str, int], monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    # GIVEN a data folder that is full, read-only or refused (the tests run as root: chmod would not stop them)
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(event_file.tempfile, "mkstemp", refuse)
    # WHEN everything is exported, twice
    first = _export(store)
    _new_run()
    second = _export(store)
    # THEN both exports are right, with no cache file (nor a temporary one) left
    assert first == second == _from_scratch(store)
    assert not _cache(store).exists()
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_write_that_fails_half_way_leaves_the_old_cache_and_no_temporary_file(
    store: Store, planned: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _export(store)
    old = _cache(store).read_bytes()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    store.conn.execute("UPDATE follow_ups SET title = 'Something else'")
    _new_run()
    monkeypatch.setattr(event_file.os, "replace", full)
    assert _export(store) == _from_scratch(store)
    assert _cache(store).read_bytes() == old
    assert not [p for p in store.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_cache_path_that_is_a_folder_is_no_error(store: Store, planned: dict[str, int]) -> None:
    _cache(store).mkdir()
    assert _export(store) == _from_scratch(store)
    _new_run()
    assert _export(store) == _from_scratch(store)


def test_the_live_file_first_write_after_a_start_uses_its_own_file(
    store: Store, planned: dict[str, int], tmp_path: Path
) -> None:
    # GIVEN the live file written once
    live_file.set_live_path(store, tmp_path / "live.ics")
    live_file.refresh(store)
    assert live_file.cache_for(store).saved
    # WHEN the app starts again and writes it
    _new_run()
    live_file.refresh(store)
    # THEN nothing was serialised, and the file is what a write from scratch makes
    assert live_file.cache_for(store).serialised == 0
    assert (tmp_path / "live.ics").read_bytes() == live_file.serialise_uncached(store)


def test_two_processes_exporting_at_once_both_write_the_right_file(
    store: Store, people: dict[str, int], planned: dict[str, int]
) -> None:
    # GIVEN a database with many open follow-ups (so both processes are still writing when the other starts)
    with store.transaction():
        for n in range(400):
            store.follow_ups.add(FollowUp(people["bob"], f"Item {n}", Source.MANUAL, NOW + timedelta(hours=n)))
    folder = store.path.parent
    outs = [folder / f"out{n}.ics" for n in range(2)]
    # WHEN two processes export everything at the same time, twice (cold, then from the file)
    for _ in range(2):
        runs = [
            subprocess.Popen(
                [sys.executable, str(ROOT / "main.py"), "--data-dir", str(folder), "export-ics", str(out), "--json"],
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for out in outs
        ]
        said = [run.communicate(timeout=300) for run in runs]
        assert all(run.returncode == 0 for run in runs), said
        assert all(len(json.loads(stdout)["events"]) == 404 for stdout, _ in said)
    # THEN each wrote the whole file (the time stamp aside, what icalendar writes), and the cache is sound
    expected = _strip_stamps(_from_scratch(store))
    for out in outs:
        assert _strip_stamps(out.read_bytes()) == expected
    assert len(event_file.load(_cache(store))) == 404


def _strip_stamps(data: bytes) -> bytes:
    import re

    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:", data)
