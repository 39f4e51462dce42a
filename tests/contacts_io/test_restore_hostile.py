"""Restore never trusts a backup: a copy is checked (our application id,
integrity, exactly our own schema, every setting) and migrated before a byte of
the live database changes, and the live database is written through SQLite."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from old_databases import database_at

from followup import demo
from followup.calendar import live_file
from followup.clock import FixedClock
from followup.contacts_io.backup import BackupError, back_up, inspect, restore
from followup.domain import Contact
from followup.store import Store, migrations


def _state(store: Store) -> tuple[object, ...]:
    """Every row and every schema object, with the version and the files' stat."""
    conn = store.conn
    dump = list(conn.iterdump())
    files = []
    for suffix in ("", "-wal"):
        p = Path(f"{store.path}{suffix}")
        files.append((p.stat().st_size, p.stat().st_mtime_ns) if p.exists() else None)
    return dump, migrations.user_version(conn), migrations.application_id(conn), files


def _leftovers(folder: Path, db: Path) -> list[str]:
    # the database, its WAL files, and this process's open-database marker (followup/store/health.py)
    allowed = {db.name, f"{db.name}-wal", f"{db.name}-shm", f".{db.name}.pid-{os.getpid()}"}
    return sorted(p.name for p in folder.iterdir() if p.name not in allowed)


@pytest.fixture
def live(tmp_path: Path, clock: FixedClock) -> Store:
    folder = tmp_path / "data"
    s = Store.open(folder / "followup.db", clock)
    s.contacts.add(Contact("Live Person"))
    return s


@pytest.fixture
def good_backup(tmp_path: Path, clock: FixedClock) -> Path:
    with Store.open(tmp_path / "source" / "followup.db", clock) as source:
        demo.generate(source, contacts=20, seed=2)
        out = tmp_path / "good.followup"
        back_up(source, out)
    return out


def _tamper(backup: Path, tmp_path: Path, name: str, *statements: str) -> Path:
    hostile = tmp_path / f"{name}.followup"
    hostile.write_bytes(backup.read_bytes())
    with sqlite3.connect(hostile) as conn:
        for statement in statements:
            conn.execute(statement)
    return hostile


def _setting(key: str, value: object) -> str:
    text = json.dumps(value).replace("'", "''")
    return f"INSERT OR REPLACE INTO settings(key, value) VALUES ('{key}', '{text}')"


HOSTILE: dict[str, tuple[tuple[str, ...], str]] = {
    "trigger": (
        ("CREATE TRIGGER wipe AFTER INSERT ON touch_points BEGIN DELETE FROM contacts WHERE id > 1; END",),
        "not Followup's own",
    ),
    "view": (("CREATE VIEW everyone AS SELECT * FROM contacts",), "not Followup's own"),
    "unknown table": (("CREATE TABLE extra (x)",), "not Followup's own"),
    "unknown index": (("CREATE INDEX contacts_name_x ON contacts(name)",), "not Followup's own"),
    "changed table": (
        ("DROP INDEX contacts_last_touched", "CREATE INDEX contacts_last_touched ON contacts(name)"),
        "not Followup's own",
    ),
    "bad setting value": ((_setting("reply_window_hours", "soon"),), "reply_window_hours"),
    "bad zone": ((_setting("user_tz", "Mars/Olympus"),), "user_tz"),
    "bad working days": ((_setting("working_days", [0, 9]),), "working_days"),
    "bad time": ((_setting("work_start", "25:99"),), "work_start"),
    "setting not json": (("INSERT OR REPLACE INTO settings(key, value) VALUES ('user_name', '{nope')",), "user_name"),
    "newer version": ((f"PRAGMA user_version = {migrations.LATEST + 1}",), "newer version"),
    "other program": (("PRAGMA application_id = 42",), "another program"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_backup_is_refused_and_the_live_database_is_unchanged(
    live: Store, good_backup: Path, tmp_path: Path, case: str
) -> None:
    # GIVEN a backup someone tampered with, and a live database with data
    statements, message = HOSTILE[case]
    hostile = _tamper(good_backup, tmp_path, case.replace(" ", "-"), *statements)
    before = _state(live)
    # WHEN it is restored with --force
    with pytest.raises(BackupError, match=message):
        restore(live, hostile, force=True)
    # THEN nothing changed, and no temporary file is left beside the database
    assert _state(live) == before
    assert _leftovers(live.path.parent, live.path) == []


def test_a_damaged_backup_is_refused_and_nothing_changes(live: Store, good_backup: Path, tmp_path: Path) -> None:
    # GIVEN a backup with a page of its middle overwritten
    data = bytearray(good_backup.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 600] = b"\xff" * 600
    damaged = tmp_path / "damaged.followup"
    damaged.write_bytes(bytes(data))
    before = _state(live)
    with pytest.raises(BackupError, match="damaged"):
        restore(live, damaged, force=True)
    assert _state(live) == before


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 100])
def test_a_file_that_is_not_a_backup_is_refused(live: Store, tmp_path: Path, content: bytes) -> None:
    # GIVEN a file that is not a backup WHEN restored (forced) THEN it is refused, nothing changes
    bad = tmp_path / "bad.followup"
    bad.write_bytes(content)
    before = _state(live)
    with pytest.raises(BackupError):
        restore(live, bad, force=True)
    assert _state(live) == before


def test_a_fifo_is_refused_without_hanging(live: Store, tmp_path: Path) -> None:
    # GIVEN a FIFO (reading it would wait forever) WHEN restored THEN it is refused at once
    fifo = tmp_path / "pipe.followup"
    os.mkfifo(fifo)
    with pytest.raises(BackupError, match="not a regular file"):
        restore(live, fifo, force=True)


def test_a_backup_whose_migration_fails_leaves_the_live_database_as_it_was(
    live: Store, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a backup made by an older version, and a migration that fails on it
    older = tmp_path / "older.followup"
    database_at(older, migrations.LATEST - 1, name="Old Friend", summary=None)

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("no such column: nonsense")

    steps = list(migrations.MIGRATIONS)
    steps[-1] = broken
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    before = _state(live)
    # WHEN it is restored
    with pytest.raises(BackupError, match="could not be brought up to date"):
        restore(live, older, force=True)
    # THEN the live database is untouched and still opens
    assert _state(live) == before
    monkeypatch.undo()
    live.close()
    with Store.open(live.path, clock) as again:
        assert [n for _, n in again.contacts.names()] == ["Live Person"]


def test_an_older_backup_is_migrated_then_restored(live: Store, tmp_path: Path) -> None:
    # GIVEN a backup made by the first version, with one contact
    older = tmp_path / "older.followup"
    database_at(older, 1, name="Old Friend", summary=None)
    # WHEN it is restored THEN it is migrated to this version, the contact kept
    restore(live, older, force=True)
    assert [n for _, n in live.contacts.names()] == ["Old Friend"]
    assert live.schema_version == migrations.LATEST
    assert live.integrity_ok()


def test_a_live_file_path_from_a_backup_is_dropped_and_reported(live: Store, good_backup: Path, tmp_path: Path) -> None:
    # GIVEN a backup that points the live calendar file at someone's precious file
    victim = tmp_path / "precious.txt"
    victim.write_text("do not overwrite me")
    hostile = _tamper(good_backup, tmp_path, "live-file", _setting(live_file.SETTING, str(victim)))
    # WHEN it is restored
    result = restore(live, hostile, force=True)
    # THEN everything else is restored, the path is not, and it is reported
    assert live.contacts.count() == 20
    assert live_file.live_path(live) is None
    assert result.dropped_paths == {live_file.SETTING: str(victim)}
    assert live_file.refresh(live) is None
    assert victim.read_text() == "do not overwrite me"


def test_restore_writes_through_sqlite_so_another_connection_sees_it(live: Store, good_backup: Path) -> None:
    # GIVEN a second connection on the live database (another process would be the same)
    other = sqlite3.connect(live.path)
    assert other.execute("SELECT count(*) FROM contacts").fetchone()[0] == 1
    inode = live.path.stat().st_ino
    # WHEN a backup is restored
    restore(live, good_backup, force=True)
    # THEN the file was written in place (never swapped) and the other connection sees the new data
    assert live.path.stat().st_ino == inode
    assert other.execute("SELECT count(*) FROM contacts").fetchone()[0] == 20
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    other.close()


def test_the_copy_of_what_is_replaced_and_the_backup_are_private(
    live: Store, good_backup: Path, tmp_path: Path
) -> None:
    # WHEN a backup is made, and a restore keeps a copy of what it replaces THEN both are the owner's alone
    out = tmp_path / "mine.followup"
    back_up(live, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    result = restore(live, good_backup, force=True)
    assert result.kept_copy is not None
    assert stat.S_IMODE(result.kept_copy.stat().st_mode) == 0o600


@pytest.mark.parametrize("name", ["we#ird?name%20.followup", "100%#?.followup"])
def test_file_names_with_uri_characters_work(tmp_path: Path, clock: FixedClock, good_backup: Path, name: str) -> None:
    # GIVEN a backup and a database in paths with #, ? and % (special in SQLite URIs)
    folder = tmp_path / "odd#folder?%41"
    folder.mkdir()
    target = folder / name
    target.write_bytes(good_backup.read_bytes())
    # WHEN inspected, restored and backed up again THEN each works on the right file
    assert inspect(target).counts["contacts"] == 20
    with Store.open(folder / "db#1?.db", clock) as odd:
        restore(odd, target)
        assert odd.contacts.count() == 20
        again = folder / f"again-{name}"
        assert back_up(odd, again).counts["contacts"] == 20


def test_inspect_refuses_what_restore_refuses(good_backup: Path, tmp_path: Path) -> None:
    # GIVEN a backup with a view added WHEN only inspected THEN it is refused as restore would
    hostile = _tamper(good_backup, tmp_path, "t", "CREATE VIEW v AS SELECT 1")
    with pytest.raises(BackupError, match="not Followup's own"):
        inspect(hostile)


def test_another_process_with_the_database_open_sees_the_restore_and_keeps_working(
    live: Store, good_backup: Path
) -> None:
    # GIVEN another process (the window, say) holding the live database open in WAL mode
    import subprocess
    import sys

    script = (
        "import sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA journal_mode = WAL')\n"
        "print(conn.execute('SELECT count(*) FROM contacts').fetchone()[0], flush=True)\n"
        "sys.stdin.readline()\n"
        "print(conn.execute('SELECT count(*) FROM contacts').fetchone()[0], flush=True)\n"
        "conn.execute(\"INSERT INTO contacts(name, created_at, updated_at) VALUES ('After', 'x', 'x')\")\n"
        "print(conn.execute('PRAGMA integrity_check').fetchone()[0], flush=True)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(live.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as other:
        assert other.stdout is not None and other.stdin is not None
        assert other.stdout.readline().strip() == "1"
        # WHEN a backup is restored in this process
        restore(live, good_backup, force=True)
        other.stdin.write("go\n")
        other.stdin.flush()
        # THEN the other process sees the restored data, writes, and the database stays whole
        assert other.stdout.readline().strip() == "20"
        assert other.stdout.readline().strip() == "ok"
        assert other.wait(timeout=30) == 0
    assert live.contacts.count() == 21
    assert live.integrity_ok()


def test_sqlite_statistics_from_analyze_are_not_foreign(live: Store, good_backup: Path, tmp_path: Path) -> None:
    # GIVEN a backup of a database on which SQLite gathered statistics (ANALYZE, PRAGMA optimize)
    analysed = _tamper(good_backup, tmp_path, "analysed", "ANALYZE")
    # WHEN it is restored THEN it is accepted
    assert restore(live, analysed, force=True).restored.counts["contacts"] == 20
