"""Private by default: under the usual umask 022 the data folder is 0700 and
the database, its WAL and shared memory, the migration copy and the log are
0600; files made before that rule are tightened on open. And the log never
holds what people wrote: names, notes, summaries, titles."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from safety_procs import REPO_ROOT, TIMEOUT_S, env, script

from followup.store import migrations

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")

SECRET = "Zyxwvut"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_with_umask_022(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import os; os.umask(0o022)\n" + code, *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env(),
        check=False,
    )


def test_a_new_data_folder_its_database_and_its_log_are_the_users_alone(tmp_path: Path) -> None:
    # GIVEN the usual umask 022 and no data folder yet
    folder = tmp_path / "data"
    # WHEN the command line writes, and the window's logging starts
    result = run_with_umask_022(
        "import sys; from main import main; sys.exit(main(['--data-dir', sys.argv[1], 'add-contact', 'Ana Lima']))",
        str(folder),
    )
    assert result.returncode == 0, result.stderr
    logged = run_with_umask_022(
        "import sys, logging; from pathlib import Path\n"
        "from followup.logsetup import configure_logging\n"
        "configure_logging(Path(sys.argv[1]) / 'followup.log')\n"
        "logging.getLogger('t').info('started')",
        str(folder),
    )
    assert logged.returncode == 0, logged.stderr
    # THEN the folder is 0700 and the database and the log 0600
    assert mode(folder) == 0o700
    assert mode(folder / "followup.db") == 0o600
    assert mode(folder / "followup.log") == 0o600


HOLD = """
import sys
from followup.store import Store
store = Store.open(sys.argv[1])
store.conn.execute("INSERT INTO settings(key, value) VALUES ('x', '1')")
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


def test_files_made_before_the_rule_are_tightened_and_the_wal_and_shm_are_private(tmp_path: Path) -> None:
    # GIVEN a data folder, database and log left world-readable by an older Followup
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    db = folder / "followup.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    db.chmod(0o644)
    old_log = folder / "followup.log"
    old_log.write_text("an old line\n")
    old_log.chmod(0o644)
    # WHEN a process opens the database (under umask 022) and writes
    holder = script("import os; os.umask(0o022)\n" + HOLD, str(db))
    try:
        assert holder.stdout.readline().strip() == "open", holder.stderr.read()  # type: ignore[union-attr]
        # THEN the folder, the database, its WAL and its shared memory are the user's alone
        assert mode(folder) == 0o700
        assert mode(db) == 0o600
        assert mode(folder / "followup.db-wal") == 0o600
        assert mode(folder / "followup.db-shm") == 0o600
    finally:
        holder.stdin.write("\n")  # type: ignore[union-attr]
        holder.stdin.close()  # type: ignore[union-attr]
        holder.wait(timeout=TIMEOUT_S)
        holder.stdout.close()  # type: ignore[union-attr]
        holder.stderr.close()  # type: ignore[union-attr]
    # AND the window's logging tightens the old log
    logged = run_with_umask_022(
        "import sys; from pathlib import Path\nfrom followup.logsetup import configure_logging\n"
        "configure_logging(Path(sys.argv[1]))",
        str(old_log),
    )
    assert logged.returncode == 0, logged.stderr
    assert mode(old_log) == 0o600


def test_the_copy_made_before_a_migration_is_private(tmp_path: Path) -> None:
    # GIVEN a version-1 database
    db = tmp_path / "followup.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    migrations.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    # WHEN it is opened (and migrated) under umask 022
    done = run_with_umask_022("import sys; from followup.store import Store; Store.open(sys.argv[1]).close()", str(db))
    assert done.returncode == 0, done.stderr
    # THEN the copy kept beside it is the user's alone
    [copy] = tmp_path.glob("followup.db.v1-*.bak")
    assert mode(copy) == 0o600


WINDOW_WORK = """
import sys
from datetime import timedelta
from pathlib import Path
from PySide6.QtWidgets import QApplication
from followup.logsetup import configure_logging
from followup.clock import SystemClock
from followup.domain import Channel, Contact, Direction, LabelledValue, TouchPoint
from followup.engine import touch_points
from followup.planning.model import FollowUp, Source
from followup.store import Store
from followup.contacts_io import backup
from followup.calendar import live_file

folder, secret = Path(sys.argv[1]), sys.argv[2]
configure_logging(folder / "followup.log", verbose=True)
app = QApplication([])
clock = SystemClock()
store = Store.open(folder / "followup.db", clock)
store.settings.set("quiet_hours_enabled", False)
store.settings.set("remind_on_working_days_only", False)
who = store.contacts.add(Contact(name=f"{secret} Person", organisation=f"{secret} Ltd", notes=f"{secret} notes",
                                 emails=[LabelledValue(f"{secret.lower()}@example.com", "")]))
touch_points.log_touch_point(store, TouchPoint(who, clock.now(), Channel.EMAIL, Direction.IN,
                             f"{secret} summary", notes=f"{secret} private note", needs_reply=True))
store.follow_ups.add(FollowUp(contact_id=who, title=f"Call {secret}", source=Source.MANUAL,
                              due=clock.now() - timedelta(minutes=5), tz="UTC"))
live_file.set_live_path(store, folder / "live.ics")
live_file.refresh(store)
backup.back_up(store, folder / "backup.db")
from ui.reminders.notifier import Notifier
from ui.reminders.service import ReminderService
service = ReminderService(store, clock, Notifier(None, None, use_plyer=False, use_dbus=False))
service.tick()
service.snooze([999999], "5 minutes")
service.done(999999)
service.stop()
store.close()
print("done", flush=True)
"""


def test_the_log_never_holds_names_notes_summaries_or_titles(tmp_path: Path) -> None:
    # GIVEN the window's logging at its most verbose
    folder = tmp_path / "data"
    folder.mkdir()
    # WHEN real work is done with a secret word in every name, note, summary and title:
    # a contact, an inbound message that needs a reply, a follow-up due, the live calendar,
    # a backup, and the reminder tick notifying it
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_WORK, str(folder), SECRET],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env={**env(), "QT_QPA_PLATFORM": "offscreen"},
        check=False,
        cwd=REPO_ROOT,
    )
    assert done.returncode == 0, done.stderr
    # THEN the log says what happened, but never what was written
    log = (folder / "followup.log").read_text()
    assert "delivering" in log and "notif" in log
    assert SECRET.lower() not in log.lower()
    assert os.path.getsize(folder / "live.ics") > 0
