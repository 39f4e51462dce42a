"""Opening and migrating database files: old ones upgraded with a backup,
foreign or newer ones refused and left byte-identical, failures rolled back."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.errors import StoreError
from followup.store import Store, migrations

V1_ROWS = [
    (1, "Ana Lima", "Met at the café in Zürich about the rollout"),
    (2, "Bruno Sousa", "Invoice dispute, promised a credit note"),
]


def raw(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(str(path), isolation_level=None))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(path: Path) -> set[str]:
    with raw(path) as conn:
        return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}


def version(path: Path) -> int:
    with raw(path) as conn:
        return migrations.user_version(conn)


def dump(path: Path) -> list[tuple[object, ...]]:
    with raw(path) as conn:
        return list(
            conn.execute(
                "SELECT c.id, c.name, t.id, t.at_utc, t.summary, t.notes FROM contacts c "
                "JOIN touch_points t ON t.contact_id = c.id ORDER BY t.id"
            )
        )


@pytest.fixture
def v1_db(db_path: Path) -> Path:
    """A database as Followup 1 left it: schema version 1, contacts and notes, no search index."""
    with raw(db_path) as conn:
        assert migrations.migrate(conn, target=1) == [1]
        for cid, name, notes in V1_ROWS:
            conn.execute(
                "INSERT INTO contacts (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (cid, name, "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            )
            conn.execute(
                "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, notes, created_at, "
                "updated_at) VALUES (?, '2025-06-01T10:00:00Z', 'phone', 'out', ?, ?, '2025-06-01T10:00:00Z', "
                "'2025-06-01T10:00:00Z')",
                (cid, f"Call with {name}", notes),
            )
    return db_path


def test_a_fresh_database_is_at_the_latest_version(db_path: Path, clock: FixedClock) -> None:
    with Store.open(db_path, clock) as store:
        assert store.schema_version == migrations.LATEST == len(migrations.MIGRATIONS)
        assert store.integrity_ok()
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"contacts", "touch_points", "touch_points_fts", "touch_points_fts_insert"} <= tables(db_path)
    assert list(db_path.parent.glob("*.bak")) == []  # nothing to back up


def test_version_1_is_migrated_with_a_backup_and_search_backfilled(v1_db: Path, clock: FixedClock) -> None:
    # GIVEN a version-1 database with notes WHEN opened
    rows_before = dump(v1_db)
    with Store.open(v1_db, clock) as store:
        # THEN it is at the latest version, rows intact, and old notes are searchable
        assert store.schema_version == migrations.LATEST
        assert [(h.contact_name, h.summary) for h in store.touch_points.search("zurich cafe")] == [
            ("Ana Lima", "Call with Ana Lima")
        ]
        assert [h.contact_name for h in store.touch_points.search("credit")] == ["Bruno Sousa"]
    assert dump(v1_db) == rows_before
    # AND a copy of the version-1 file sits beside it, named for the version and the clock's time
    backups = list(v1_db.parent.glob("followup.db.v1-*.bak"))
    assert [b.name for b in backups] == ["followup.db.v1-20261123-093000.bak"]
    assert version(backups[0]) == 1
    assert dump(backups[0]) == rows_before
    assert "touch_points_fts" not in tables(backups[0])


def test_opening_again_makes_no_second_backup(v1_db: Path, clock: FixedClock) -> None:
    Store.open(v1_db, clock).close()
    clock.advance(timedelta(days=1))
    Store.open(v1_db, clock).close()
    assert len(list(v1_db.parent.glob("*.bak"))) == 1


@pytest.fixture(params=["delete", "wal"])
def newer_db(request: pytest.FixtureRequest, db_path: Path) -> Path:
    """A database from a future Followup, in either journal mode."""
    with raw(db_path) as conn:
        migrations.migrate(conn)
        conn.execute(f"PRAGMA journal_mode = {request.param}")
        conn.execute("INSERT INTO settings VALUES ('user_tz', '\"Europe/Lisbon\"')")
        conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    return db_path


def test_a_newer_database_is_refused_untouched(newer_db: Path, clock: FixedClock) -> None:
    before = digest(newer_db)
    with pytest.raises(StoreError, match="newer") as error:
        Store.open(newer_db, clock)
    assert f"data version {migrations.LATEST + 1}" in str(error.value)
    assert digest(newer_db) == before
    assert sorted(p.name for p in newer_db.parent.iterdir()) == ["followup.db"]  # no -wal, -shm or .bak


@pytest.mark.parametrize(
    "content",
    [
        b"Dear diary,\nthis is not a database.\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100),
        b"SQLite",  # too short to be the header
        b"SQLite format 3\x00" + bytes(200),  # the header, then nothing SQLite can use
    ],
    ids=["text", "png", "short", "sqlite-header-only"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path, clock: FixedClock, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match="left untouched"):
        Store.open(db_path, clock)
    assert db_path.read_bytes() == content
    assert [p.name for p in db_path.parent.iterdir()] == ["followup.db"]


def test_a_folder_in_place_of_the_file_is_refused(db_path: Path, clock: FixedClock) -> None:
    db_path.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(db_path, clock)


def test_another_programs_database_is_refused_untouched(db_path: Path, clock: FixedClock) -> None:
    with raw(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    before = digest(db_path)
    with pytest.raises(StoreError, match="another program"):
        Store.open(db_path, clock)
    assert digest(db_path) == before
    assert [p.name for p in db_path.parent.iterdir()] == ["followup.db"]


def test_another_programs_database_at_version_1_is_left_untouched(db_path: Path, clock: FixedClock) -> None:
    with raw(db_path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("PRAGMA user_version = 1")
    before = digest(db_path)
    with pytest.raises(StoreError):
        Store.open(db_path, clock)
    assert digest(db_path) == before
    assert [p.name for p in db_path.parent.iterdir()] == ["followup.db"]


def test_a_zero_byte_file_is_refused_not_made_a_new_database(db_path: Path, clock: FixedClock) -> None:
    # A database replaced by an empty file (a failed copy, a full disk) is a
    # loss the user must hear about, not a silent fresh start (issue 11).
    db_path.touch()
    with pytest.raises(StoreError, match="is empty"):
        Store.open(db_path, clock)
    assert db_path.stat().st_size == 0


@pytest.fixture
def failing_step(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Replace migration 2 by one that does its work, then fails before committing."""
    calls: list[str] = []
    real_v2 = migrations.MIGRATIONS[1]

    def broken_v2(conn: sqlite3.Connection) -> None:
        real_v2(conn)
        calls.append("v2 ran")
        conn.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(migrations, "MIGRATIONS", [migrations.MIGRATIONS[0], broken_v2])
    yield calls


def test_a_failing_migration_rolls_back(v1_db: Path, clock: FixedClock, failing_step: list[str]) -> None:
    # GIVEN a version-1 database and a migration that fails half-way WHEN opened
    rows_before, tables_before = dump(v1_db), tables(v1_db)
    with pytest.raises(StoreError, match="no such table: no_such_table"):
        Store.open(v1_db, clock)
    # THEN the step ran, but its tables and the version bump were rolled back; the data is intact
    assert failing_step == ["v2 ran"]
    assert version(v1_db) == 1
    assert tables(v1_db) == tables_before
    assert dump(v1_db) == rows_before


def test_a_failing_later_step_keeps_earlier_versions(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a database at the latest version and an extra step that creates a table, then raises
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with raw(db_path) as conn:
        assert migrations.migrate(conn, target=migrations.LATEST) == list(range(1, migrations.LATEST + 1))
        # WHEN migrated one step further THEN the error propagates and nothing of the step remains
        with pytest.raises(RuntimeError, match="disk on fire"):
            migrations.migrate(conn, target=migrations.LATEST + 1)
        assert migrations.user_version(conn) == migrations.LATEST
        assert not conn.in_transaction
    assert "half_done" not in tables(db_path)


def test_migrate_applies_only_what_is_missing(db_path: Path) -> None:
    with raw(db_path) as conn:
        assert migrations.migrate(conn, target=1) == [1]
        assert migrations.migrate(conn) == list(range(2, migrations.LATEST + 1))
        assert migrations.migrate(conn) == []


def test_a_version_2_database_gains_engagements_playbooks_and_follow_ups(db_path: Path, clock: FixedClock) -> None:
    # GIVEN a database made by the version that had contacts, touch points and search (schema 2)
    with raw(db_path) as conn:
        assert migrations.migrate(conn, target=2) == [1, 2]
        conn.execute(
            "INSERT INTO contacts (name, kind, created_at, updated_at) VALUES ('Ana Lima', 'client', "
            "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
        )
        conn.execute(
            "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, notes, created_at, updated_at) "
            "VALUES (1, '2026-02-01T10:00:00Z', 'phone', 'out', 'Kick-off', 'talked budget', "
            "'2026-02-01T10:00:00Z', '2026-02-01T10:00:00Z')"
        )
    # WHEN the current version opens it
    with Store.open(db_path, clock) as store:
        # THEN it is at the latest version, with the old data and the shipped playbooks
        assert store.schema_version == migrations.LATEST
        assert store.contacts.get(1).name == "Ana Lima"
        assert [h.summary for h in store.touch_points.search("budget")] == ["Kick-off"]
        assert {p.name for p in store.playbooks.all()} == {
            "Client meeting",
            "Delivery or order",
            "Internal request",
            "Supplier order",
            "Difficult conversation",
        }
        assert store.follow_ups.count_open() == 0
        cadence = store.conn.execute("SELECT cadence_ideal_days FROM contacts WHERE id = 1").fetchone()[0]
        assert cadence is None  # the kind's default applies
    # AND a copy of the version-2 file was kept
    backups = sorted(db_path.parent.glob("followup.db.v2-*.bak"))
    assert len(backups) == 1
    with raw(backups[0]) as conn:
        assert migrations.user_version(conn) == 2
