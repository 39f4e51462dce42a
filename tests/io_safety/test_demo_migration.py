"""The migration that marks demo data: every earlier version upgrades with its
data kept and a copy made first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from old_databases import backups_of, database_at

from followup import demo_marks
from followup.clock import FixedClock
from followup.store import Store, migrations

MINE = migrations.MIGRATIONS.index(migrations._v_demo_marks) + 1


@pytest.mark.parametrize("old", range(1, MINE))
def test_every_earlier_version_gains_the_demo_marks_with_its_data_and_a_copy(
    tmp_path: Path, clock: FixedClock, old: int
) -> None:
    # GIVEN a database at an earlier version, with a contact and a touch point
    path = tmp_path / "followup.db"
    database_at(path, old)
    # WHEN the current version opens it
    with Store.open(path, clock) as store:
        # THEN it has the marks, its contact is real, and nothing is demo data
        assert store.schema_version == migrations.LATEST
        assert store.contacts.get(1).name == "Ana Lima"
        assert demo_marks.real_contacts(store) == 1
        assert demo_marks.remove(store).contacts == 0
        assert store.contacts.count() == 1
    copies = backups_of(path, old)
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == old
        assert kept.execute("SELECT name FROM contacts").fetchall() == [("Ana Lima",)]
