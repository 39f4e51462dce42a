"""The migration that marks demo data: every earlier version upgrades with its
data kept and a copy made first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

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
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, target=old)
    conn.execute(
        "INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ana Lima', '2025-01-01T00:00:00Z', "
        "'2025-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
        "VALUES (1, '2025-06-01T10:00:00Z', 'phone', 'out', 'Kick-off', '2025-06-01T10:00:00Z', "
        "'2025-06-01T10:00:00Z')"
    )
    conn.close()
    # WHEN the current version opens it
    with Store.open(path, clock) as store:
        # THEN it has the marks, its contact is real, and nothing is demo data
        assert store.schema_version == migrations.LATEST
        assert store.contacts.get(1).name == "Ana Lima"
        assert demo_marks.real_contacts(store) == 1
        assert demo_marks.remove(store).contacts == 0
        assert store.contacts.count() == 1
    copies = list(tmp_path.glob(f"followup.db.v{old}-*.bak"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == old
        assert kept.execute("SELECT name FROM contacts").fetchall() == [("Ana Lima",)]
