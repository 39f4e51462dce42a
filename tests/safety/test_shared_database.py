"""The window and the command line on one database at once: a window-like
process that opens and closes a second connection (as Insights and every
worker do) while command-line processes write. Every process must keep seeing
the others' writes, the WAL must never be deleted under an open connection,
and the file must stay intact (sqlite.org, "How To Corrupt An SQLite Database
File", 2.2: closing any descriptor of the file drops the process's locks)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from safety_procs import TIMEOUT_S, cli, integrity, names, script

WINDOW = """
import sys
from followup.clock import SystemClock
from followup.domain import Contact
from followup.store import Store

path = sys.argv[1]
main = Store.open(path, SystemClock())
main.contacts.add(Contact(name="Window One"))
for line in sys.stdin:
    command = line.strip()
    if command == "worker":
        # a worker thread's own connection, opened and closed
        worker = Store.open(path, SystemClock())
        worker.conn.execute("SELECT count(*) FROM contacts").fetchone()
        worker.close()
    elif command.startswith("add "):
        main.contacts.add(Contact(name=command[4:]))
    elif command == "names":
        rows = main.conn.execute("SELECT name FROM contacts ORDER BY name").fetchall()
        print("|".join(r[0] for r in rows), flush=True)
        continue
    elif command == "quit":
        main.close()
        print("closed", flush=True)
        break
    print("ok", flush=True)
"""


def _ask(proc: object, command: str) -> str:
    proc.stdin.write(command + "\n")  # type: ignore[attr-defined]
    proc.stdin.flush()  # type: ignore[attr-defined]
    return str(proc.stdout.readline().strip())  # type: ignore[attr-defined]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
def test_a_window_with_a_worker_and_command_line_writers_see_each_other_and_stay_intact(tmp_path: Path) -> None:
    # GIVEN a window-like process holding its connection, whose worker opened and closed a second one
    folder = tmp_path / "data"
    db = folder / "followup.db"
    assert cli(folder, "add-contact", "Cli Zero").returncode == 0
    window = script(WINDOW, str(db))
    try:
        assert _ask(window, "worker") == "ok", window.stderr.read()  # type: ignore[union-attr]
        wal = db.with_name(db.name + "-wal")
        wal_inode = wal.stat().st_ino
        # WHEN command-line processes write, one after the other
        for n in range(1, 4):
            done = cli(folder, "add-contact", f"Cli {n}")
            assert done.returncode == 0, done.stderr
            # THEN the window's WAL is still there, the same file
            assert wal.exists(), f"the WAL was deleted under the window after command-line process {n}"
            assert wal.stat().st_ino == wal_inode
        # AND the window sees every command-line write
        seen = set(_ask(window, "names").split("|"))
        assert {"Cli Zero", "Cli 1", "Cli 2", "Cli 3", "Window One"} <= seen
        # AND the command line sees the window's later writes
        assert _ask(window, "worker") == "ok"
        assert _ask(window, "add Window Two") == "ok"
        listed = cli(folder, "contacts", "--json")
        assert listed.returncode == 0, listed.stderr
        assert "Window Two" in {c["name"] for c in json.loads(listed.stdout)}
        assert cli(folder, "add-contact", "Cli 4").returncode == 0
        assert _ask(window, "quit") == "closed"
    finally:
        window.kill()
        window.wait(timeout=TIMEOUT_S)
        errors = window.stderr.read()  # type: ignore[union-attr]
        for stream in (window.stdin, window.stdout, window.stderr):
            stream.close()  # type: ignore[union-attr]
    # AND after the window closed, the file is intact and holds every write
    assert errors == ""
    assert integrity(db) == "ok"
    assert names(db) == {"Cli Zero", "Cli 1", "Cli 2", "Cli 3", "Cli 4", "Window One", "Window Two"}


def test_a_live_calendar_file_aimed_at_the_database_is_refused_and_the_data_kept(tmp_path: Path) -> None:
    # GIVEN an open database with a contact, and the live calendar file set to the database itself or its WAL
    from followup.calendar import live_file
    from followup.clock import SystemClock
    from followup.domain import Contact
    from followup.errors import FollowupError
    from followup.store import Store

    db = tmp_path / "followup.db"
    with Store.open(db, SystemClock()) as store:
        store.contacts.add(Contact(name="Ana Lima"))
        for target in (db, db.with_name("followup.db-wal"), tmp_path / "." / "followup.db"):
            live_file.set_live_path(store, target)
            # WHEN the live file is refreshed
            # THEN it is refused with a sentence, as an OSError the window already reports
            with pytest.raises(OSError, match="Followup's own database") as refused:
                live_file.refresh(store)
            assert isinstance(refused.value, FollowupError)
        live_file.set_live_path(store, None)
    # AND the database is intact and still holds the contact
    assert integrity(db) == "ok"
    assert names(db) == {"Ana Lima"}
