"""A full backup in one file; restore checks it first, refuses to replace data
without force, and keeps a copy of what it replaces."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup import demo
from followup.clock import FixedClock
from followup.contacts_io.backup import BackupError, back_up, inspect, restore
from followup.domain import Contact
from followup.store import Store

TABLES = ("contacts", "contact_emails", "touch_points", "engagements", "follow_ups", "playbooks", "settings")


def _rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {t: list(store.conn.execute(f"SELECT * FROM {t} ORDER BY 1")) for t in TABLES}


@pytest.fixture
def full(store: Store) -> Store:
    demo.generate(store, contacts=30, seed=3)
    return store


def test_backup_then_restore_into_an_empty_database_gives_everything_back(
    full: Store, tmp_path: Path, clock: FixedClock
) -> None:
    # GIVEN a database of demo data WHEN it is backed up
    info = back_up(full, tmp_path / "backup.followup")
    assert info.counts["contacts"] == 30 and info.counts["follow_ups"] > 0 and info.counts["settings"] >= 1
    # WHEN the backup is restored into an empty database THEN every row is back, and stays after reopening
    with Store.open(tmp_path / "new" / "followup.db", clock) as empty:
        result = restore(empty, tmp_path / "backup.followup")
        assert _rows(empty) == _rows(full)
        assert empty.integrity_ok()
        assert result.restored.counts == info.counts
    with Store.open(tmp_path / "new" / "followup.db", clock) as reopened:
        assert reopened.contacts.count() == 30


def test_restore_refuses_to_replace_data_without_force_and_keeps_a_copy_with_it(
    full: Store, tmp_path: Path, clock: FixedClock
) -> None:
    # GIVEN a backup, and another database with a contact of its own
    back_up(full, tmp_path / "b.followup")
    with Store.open(tmp_path / "other.db", clock) as other:
        mine = other.contacts.add(Contact("Only Mine"))
        # WHEN restored without force THEN it is refused and nothing is lost
        with pytest.raises(BackupError, match=r"already holds 1 contact.*--force"):
            restore(other, tmp_path / "b.followup")
        assert other.contacts.get(mine).name == "Only Mine"
        # WHEN forced THEN the backup replaces it, and a copy of what was there is kept
        result = restore(other, tmp_path / "b.followup", force=True)
        assert other.contacts.count() == 30
        assert result.kept_copy is not None and result.kept_copy.exists()
    with Store.open(result.kept_copy, clock) as kept:
        assert [name for _, name in kept.contacts.names()] == ["Only Mine"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a Followup backup"),
        (b"hello, these are not my contacts", "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "damaged or cut short"),
    ],
)
def test_bad_backup_files_are_refused_and_nothing_changes(
    full: Store, tmp_path: Path, content: bytes, message: str
) -> None:
    # GIVEN a file that is not a backup WHEN restored (even forced) THEN it is refused, nothing changes
    bad = tmp_path / "bad.followup"
    bad.write_bytes(content)
    before = _rows(full)
    with pytest.raises(BackupError, match=message):
        restore(full, bad, force=True)
    assert _rows(full) == before


def test_a_cut_short_backup_is_refused(full: Store, tmp_path: Path) -> None:
    # GIVEN a backup cut to half its size WHEN restored THEN it is refused, nothing changes
    back_up(full, tmp_path / "b.followup")
    data = (tmp_path / "b.followup").read_bytes()
    (tmp_path / "cut.followup").write_bytes(data[: len(data) // 2])
    before = _rows(full)
    with pytest.raises(BackupError):
        restore(full, tmp_path / "cut.followup", force=True)
    assert _rows(full) == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    # GIVEN Firefox's places.sqlite WHEN inspected as a backup THEN it is another program's
    other = tmp_path / "places.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER)")
    with pytest.raises(BackupError, match="another program"):
        inspect(other)
