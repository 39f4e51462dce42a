"""The migration that lets a change of many kinds pause the kind triggers
(followup/store/migration_kind_pause.py): every earlier version upgrades with
its data; one contact's kind still moves its figures through the triggers."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.store import Store, migrations
from followup.store.migration_kind_pause import _v_kind_pause
from tests.old_databases import database_at

MINE = migrations.MIGRATIONS.index(_v_kind_pause) + 1


@pytest.mark.parametrize("old", range(1, MINE))
def test_every_earlier_version_upgrades_with_its_data(tmp_path: Path, clock: FixedClock, old: int) -> None:
    # GIVEN a database at an earlier version with a contact and their touch point
    path = tmp_path / "followup.db"
    database_at(path, old)
    # WHEN the current version opens it and the contact's kind changes, one row
    with Store.open(path, clock) as store:
        assert store.schema_version == migrations.LATEST
        assert store.touch_points.count_for(1) == 1
        assert store.conn.execute("SELECT kind FROM contacts WHERE id = 1").fetchone()[0] != "client"
        with store.transaction() as conn:
            conn.execute("UPDATE contacts SET kind = 'client' WHERE id = 1")
        # THEN the triggers moved its touch point's figures, and nothing is left paused
        figures = store.conn.execute("SELECT kind, n FROM touch_point_hours ORDER BY kind").fetchall()
        assert figures == [("client", 1)]
        assert store.conn.execute("SELECT count(*) FROM trigger_pauses").fetchone()[0] == 0
