"""Soak: the real app (offscreen, main.py with its timers and a worker's own
connection, on a demo database) runs for about a minute while four
command-line processes write beside it. Zero errors, zero lost writes, and
the file intact at the end."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from safety_procs import REPO_ROOT, cli, env, integrity

SOAK_S = 60.0
WRITERS = 4

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")]


@dataclass
class Tally:
    contacts: int = 0
    touch_points: int = 0
    errors: list[str] = field(default_factory=list)


def _wal_id(folder: Path) -> int | None:
    try:
        return (folder / "followup.db-wal").stat().st_ino
    except FileNotFoundError:
        return None


def _write_for(folder: Path, writer: int, until: float, tally: Tally, lock: threading.Lock, wal: int) -> None:
    n = 0
    while time.monotonic() < until:
        n += 1
        name = f"Soak {writer}-{n}"
        added = cli(folder, "add-contact", name, "--email", f"soak{writer}.{n}@example.com")
        logged = cli(folder, "log", name, "--channel", "email", "--summary", "Soak message", "--needs-reply")
        with lock:
            for what, result in (("add-contact", added), ("log", logged)):
                if result.returncode != 0 or result.stderr:
                    tally.errors.append(f"{what} {name}: exit {result.returncode}: {result.stderr.strip()}")
            tally.contacts += added.returncode == 0
            tally.touch_points += logged.returncode == 0
            if _wal_id(folder) != wal:  # the app still has it open: it must never be deleted under it
                tally.errors.append(f"after {name}: the app's WAL was deleted or replaced")


def test_the_app_and_four_command_line_writers_for_a_minute(tmp_path: Path) -> None:
    # GIVEN the real app running on a demo database, on Insights (a worker with its own connection)
    folder = tmp_path / "data"
    assert cli(folder, "demo", "--contacts", "60").returncode == 0
    before = _counts(folder)
    app = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "main.py"), "--data-dir", str(folder), "--view", "insights"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env(), "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        # WHEN four command-line processes add contacts and log messages beside it for a minute
        deadline = time.monotonic() + 60
        log = folder / "followup.log"
        while not (log.exists() and "reminders use notifications" in log.read_text()):  # its reminders started
            assert time.monotonic() < deadline and app.poll() is None, "the app never started"
            time.sleep(0.05)
        wal = _wal_id(folder)
        assert wal is not None
        tally, lock = Tally(), threading.Lock()
        until = time.monotonic() + SOAK_S
        threads = [
            threading.Thread(target=_write_for, args=(folder, w, until, tally, lock, wal)) for w in range(WRITERS)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # THEN the app is still running
        assert app.poll() is None, app.communicate()[1]
    finally:
        app.terminate()  # SIGTERM: the app quits cleanly, closing (and checkpointing) its database
        _, app_err = app.communicate(timeout=60)
    assert app.returncode == 0, app_err
    # AND nobody said anything went wrong
    assert tally.errors == []
    log = (folder / "followup.log").read_text()
    assert "ERROR" not in log and "Traceback" not in log and "locked" not in log, log
    assert "Traceback" not in app_err, app_err
    # AND no write was lost, and the file is intact
    assert tally.contacts > 0
    contacts, touch_points = _counts(folder)
    assert contacts == before[0] + tally.contacts
    assert touch_points == before[1] + tally.touch_points
    assert integrity(folder / "followup.db") == "ok"
    assert not list(folder.glob(".followup.db.pid-*"))  # a clean shutdown: nothing left to check
    print(f"soak: {tally.contacts} contacts and {tally.touch_points} touch points written beside the app")


def _counts(folder: Path) -> tuple[int, int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{folder / 'followup.db'}?mode=ro", uri=True)
    try:
        return (
            int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0]),
            int(conn.execute("SELECT count(*) FROM touch_points").fetchone()[0]),
        )
    finally:
        conn.close()
