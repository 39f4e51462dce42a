"""Corruption is looked for: ``followup check`` on demand, and a check before
anything writes after a process died with the database open. A damaged
database is refused, byte for byte untouched, until it is restored."""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
from pathlib import Path

import pytest
from safety_procs import cli, integrity, kill_when, names, script

from followup.clock import SystemClock
from followup.domain import Contact
from followup.errors import StoreError
from followup.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals")

HOLD_OPEN = """
import sys, time
from followup.errors import StoreError
from followup.store import Store
store = Store.open(sys.argv[1])
print("open", flush=True)
time.sleep(600)
"""


def make_database(folder: Path, *people: str) -> Path:
    db = folder / "followup.db"
    with Store.open(db, SystemClock()) as store:
        for name in people:
            store.contacts.add(Contact(name=name))
        store.conn.execute("UPDATE contacts SET last_touched_at = '2026-11-20T10:00:00Z'")
    return db


def lose_index_entries(db: Path) -> None:
    """What a torn write does: the contacts_last_touched index page comes back empty
    (the file is closed: nothing of ours has it open)."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contacts_last_touched'").fetchone()[0]
    conn.close()
    empty_leaf = bytes([0x0A, 0, 0, 0, 0]) + (page_size % 65536).to_bytes(2, "big") + b"\0"
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(empty_leaf + bytes(page_size - len(empty_leaf)))


def die_with_the_database_open(db: Path) -> None:
    kill_when(script(HOLD_OPEN, str(db)), "open")


def test_check_says_an_intact_database_is_intact(tmp_path: Path) -> None:
    # GIVEN an intact database
    make_database(tmp_path, "Ana Lima")
    # WHEN it is checked, as text and as JSON
    text = cli(tmp_path, "check")
    as_json = cli(tmp_path, "check", "--json")
    # THEN it says so, with exit 0
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("The database is intact")
    assert json.loads(as_json.stdout) == {
        "ok": True,
        "path": str(tmp_path / "followup.db"),
        "integrity": [],
        "foreign_keys": [],
        "advice": "",
    }


def test_check_says_what_is_wrong_and_what_to_do_and_exits_non_zero(tmp_path: Path) -> None:
    # GIVEN a database whose index lost its entries
    db = make_database(tmp_path, "Ana Lima", "Bruno Costa")
    lose_index_entries(db)
    # WHEN it is checked
    text = cli(tmp_path, "check")
    as_json = cli(tmp_path, "check", "--json")
    # THEN it names the damage and the way out, and exits 3
    assert text.returncode == 3
    assert "The database is damaged" in text.stdout
    assert "missing from index contacts_last_touched" in text.stdout
    assert "followup restore FILE --force" in text.stdout
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 3
    assert report["ok"] is False and report["integrity"] and report["advice"]
    # AND from then on nothing writes to it: a command that would is refused, the file byte for byte the same
    before = db.read_bytes()
    refused = cli(tmp_path, "add-contact", "Chen Wei")
    assert refused.returncode == 3
    assert "is damaged" in refused.stderr and "Traceback" not in refused.stderr
    assert db.read_bytes() == before


def test_after_an_unclean_shutdown_an_intact_database_is_checked_and_used(tmp_path: Path) -> None:
    # GIVEN a process that died with the database open
    db = make_database(tmp_path, "Ana Lima")
    die_with_the_database_open(db)
    assert list(tmp_path.glob(".followup.db.pid-*"))
    # WHEN the command line next writes
    done = cli(tmp_path, "--verbose", "add-contact", "Bruno Costa")
    # THEN it checked first, found it intact, and wrote
    assert done.returncode == 0, done.stderr
    assert "was not closed cleanly last time: checking it" in done.stderr
    assert names(db) == {"Ana Lima", "Bruno Costa"}
    assert not list(tmp_path.glob(".followup.db.*"))  # the check passed: nothing left to check


def test_after_an_unclean_shutdown_a_damaged_database_is_refused_until_restored(tmp_path: Path) -> None:
    # GIVEN a backup, then damage, then a process that died with the database open
    db = make_database(tmp_path / "data", "Ana Lima", "Bruno Costa")
    backup = tmp_path / "backup.db"
    assert cli(tmp_path / "data", "backup", str(backup)).returncode == 0
    lose_index_entries(db)
    die_with_the_database_open(db)
    before = db.read_bytes()
    # WHEN the command line and the window (offscreen, unattended) next open it
    refused = cli(tmp_path / "data", "add-contact", "Chen Wei")
    again = cli(tmp_path / "data", "contacts")
    window = cli(tmp_path / "data", "--screenshot", str(tmp_path / "shot.png"))
    # THEN it is refused with what is wrong and what to do, every time, and not a byte changed
    assert refused.returncode == 3 and again.returncode == 3 and window.returncode == 3
    for result in (refused, window):
        assert "is damaged" in result.stderr and "followup restore FILE --force" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    # AND restoring the backup repairs it: the next command works
    restored = cli(tmp_path / "data", "restore", str(backup), "--force")
    assert restored.returncode == 0, restored.stderr
    done = cli(tmp_path / "data", "add-contact", "Chen Wei")
    assert done.returncode == 0, done.stderr
    assert integrity(db) == "ok"
    assert names(db) == {"Ana Lima", "Bruno Costa", "Chen Wei"}


def test_the_check_can_run_ahead_of_the_open_and_is_not_run_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a damaged database whose last process died with it open
    from followup.store import health
    from followup.store.store import check_unclean_shutdown

    db = make_database(tmp_path, "Ana Lima", "Bruno Costa")
    lose_index_entries(db)
    die_with_the_database_open(db)
    checks: list[Path] = []
    real_examine = health.examine
    monkeypatch.setattr(health, "examine", lambda conn, **kw: checks.append(db) or real_examine(conn, **kw))
    # WHEN the check runs ahead of the open (as the window runs it, on a thread of its own)
    found = check_unclean_shutdown(db)
    # THEN it names the damage
    assert found is not None and not found.ok
    assert "missing from index contacts_last_touched" in found.summary()
    # AND the open that follows refuses the file without checking the unchanged file again, and writes
    # nothing (the check's connection, the last to close, folded in the dead process's log: SQLite's own recovery)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="is damaged"):
        Store.open(db, SystemClock())
    assert len(checks) == 1
    assert db.read_bytes() == before


def test_an_intact_database_checked_ahead_opens_without_a_second_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.store import health
    from followup.store.store import check_unclean_shutdown

    # GIVEN an intact database whose last process died with it open
    db = make_database(tmp_path, "Ana Lima")
    die_with_the_database_open(db)
    checks: list[Path] = []
    real_examine = health.examine
    monkeypatch.setattr(health, "examine", lambda conn, **kw: checks.append(db) or real_examine(conn, **kw))
    # WHEN it is checked ahead, then opened
    found = check_unclean_shutdown(db)
    with Store.open(db, SystemClock()) as store:
        store.contacts.add(Contact(name="Bruno Costa"))
    # THEN the check passed once, the markers are gone, and the store works
    assert found is not None and found.ok
    assert len(checks) == 1
    assert names(db) == {"Ana Lima", "Bruno Costa"}
    assert not list(tmp_path.glob(".followup.db.*"))
    # AND with nothing pending there is nothing to check
    assert check_unclean_shutdown(db) is None


def test_an_interrupted_check_leaves_the_check_pending(tmp_path: Path) -> None:
    from followup.store.store import check_unclean_shutdown

    # GIVEN a database whose last process died with it open
    db = make_database(tmp_path, "Ana Lima")
    die_with_the_database_open(db)

    class StopOnceStarted(threading.Event):
        """Quit pressed while the check runs: set from the second time it is asked."""

        asked = 0

        def is_set(self) -> bool:
            self.asked += 1
            return self.asked > 1

    # WHEN the check is interrupted while it runs (the user chose Quit), or asked to stop before it starts
    stop = StopOnceStarted()
    found = check_unclean_shutdown(db, stop)
    already = threading.Event()
    already.set()
    not_started = check_unclean_shutdown(db, already)
    # THEN it reports nothing, and the next start checks again
    assert stop.asked > 1  # it was stopped while it ran, not before
    assert found is None and not_started is None
    assert list(tmp_path.glob(".followup.db.pid-*"))
