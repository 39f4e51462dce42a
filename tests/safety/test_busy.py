"""A long writer in another process (demo data, a big import, a restore)
holds the write lock for longer than the old 5-second busy timeout: the
command line waits and succeeds, the window starts, and the reminder tick
neither shows a dialog nor stops for good."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from safety_procs import cli, finish, hold_write_lock, integrity, names

from followup.clock import FixedClock
from followup.domain import Contact
from followup.planning.model import FollowUp, Source
from followup.store import Store

HOLD_S = 7.0  # longer than the 5 s that used to be the limit

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    assert cli(folder, "add-contact", "Ana Lima").returncode == 0
    return folder


@pytest.mark.slow
def test_a_command_line_writer_waits_for_a_long_writer_and_succeeds(folder: Path) -> None:
    # GIVEN another process holding the write lock for 7 seconds
    db = folder / "followup.db"
    holder = hold_write_lock(db, HOLD_S)
    try:
        # WHEN the command line adds a contact meanwhile
        done = cli(folder, "add-contact", "Bruno Costa")
    finally:
        errors = finish(holder)
    # THEN it waited and succeeded, with nothing on stderr
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert errors == ""
    assert names(db) == {"Ana Lima", "Bruno Costa"}
    assert integrity(db) == "ok"


@pytest.mark.slow
def test_the_window_starts_while_a_long_writer_holds_the_lock(folder: Path, tmp_path: Path) -> None:
    # GIVEN another process holding the write lock for 7 seconds
    db = folder / "followup.db"
    holder = hold_write_lock(db, HOLD_S)
    try:
        # WHEN the window starts (offscreen, rendering itself once painted)
        shot = tmp_path / "today.png"
        done = cli(folder, "--screenshot", str(shot))
    finally:
        errors = finish(holder)
    # THEN it started and painted, and said nothing went wrong
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 0
    log = folder / "followup.log"
    assert "locked" not in done.stderr + (log.read_text() if log.exists() else "")
    assert errors == ""


def test_the_cli_says_a_sentence_when_the_lock_outlasts_its_patience(folder: Path) -> None:
    # GIVEN another process holding the write lock until told, and a command line that waits only briefly
    from followup.cli.run import database_error_sentence

    db = folder / "followup.db"
    holder = hold_write_lock(db)
    try:
        # WHEN a write gives up
        with Store.open(db) as store, store.busy_timeout(100), pytest.raises(sqlite3.OperationalError) as failed:
            store.contacts.add(Contact(name="Bruno Costa"))
    finally:
        errors = finish(holder)
    # THEN the user reads one sentence that says what to do
    sentence = database_error_sentence(failed.value)
    assert "another Followup process" in sentence and "try again" in sentence
    assert errors == ""


@pytest.fixture
def service(qtbot, db_path: Path, clock: FixedClock) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ui.reminders.notifier import Notifier
    from ui.reminders.service import ReminderService

    class Recording(Notifier):
        def __init__(self) -> None:
            super().__init__(None, None, use_plyer=False)
            self.shown: list[str] = []

        def notify(self, title: str, message: str) -> None:
            self.shown.append(title)

    store = Store.open(db_path, clock)
    store.settings.set("quiet_hours_enabled", False)
    store.settings.set("remind_on_working_days_only", False)
    contact = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    due = clock.now() - timedelta(minutes=5)
    store.follow_ups.add(
        FollowUp(contact_id=contact, title="Send the proposal", source=Source.MANUAL, due=due, tz="UTC")
    )
    s = ReminderService(store, clock, Recording())
    qtbot.addWidget(s.window)
    yield s
    s.stop()
    store.close()


def test_a_reminder_tick_meeting_a_long_writer_tells_quietly_and_tries_again(qtbot, service, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.reminders.service import RETRY_MS

    # GIVEN another process holding the write lock
    holder = hold_write_lock(db_path)
    troubles: list[str] = []
    service.trouble.connect(troubles.append)
    try:
        # WHEN the reminder timer ticks
        service.tick()
        # THEN no exception reached the event loop (no dialog), the user is told quietly, and the timer runs again
        assert troubles and "another Followup process" in troubles[0]
        assert service.timer.isActive()
        assert service.timer.interval() == RETRY_MS
        assert service.notifier.shown == []
    finally:
        errors = finish(holder)
    assert errors == ""
    # AND once the writer has finished, the next tick delivers the reminder
    service.tick()
    assert service.notifier.shown == ["Send the proposal · Ana Lima"]
    assert 0 < service.timer.interval() <= 60_000
    assert integrity(db_path) == "ok"
