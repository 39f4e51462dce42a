"""The migration that indexes follow-ups by the touch point they came from
(followup/store/migration_origin_index.py): every earlier version upgrades
with its data, and deleting a touch point no longer scans every follow-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.store import Store, migrations
from followup.store.migration_origin_index import _v_origin_index
from tests.old_databases import database_at

MINE = migrations.MIGRATIONS.index(_v_origin_index) + 1


def _delete_plan(store: Store) -> str:
    rows = store.conn.execute("EXPLAIN QUERY PLAN DELETE FROM touch_points WHERE id = 1").fetchall()
    return " | ".join(str(r[-1]) for r in rows)


@pytest.mark.parametrize("old", range(1, MINE))
def test_every_earlier_version_upgrades_with_its_data(tmp_path: Path, clock: FixedClock, old: int) -> None:
    # GIVEN a database at an earlier version with a contact and their touch point
    path = tmp_path / "followup.db"
    database_at(path, old)
    # WHEN the current version opens it
    with Store.open(path, clock) as store:
        # THEN its data is there, and a touch point's delete finds the follow-ups it began through the index
        assert store.schema_version == migrations.LATEST
        assert store.touch_points.count_for(1) == 1
        assert "SCAN follow_ups" not in _delete_plan(store)
        assert "follow_ups_origin" in _delete_plan(store)


def test_deleting_a_touch_point_forgets_it_as_the_origin(store: Store) -> None:
    # GIVEN a reply promise opened by a touch point
    stamp = "2026-01-01T00:00:00Z"
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO contacts (id, name, created_at, updated_at) VALUES (1, 'Ana Lima', ?, ?)", (stamp, stamp)
        )
        conn.execute(
            "INSERT INTO touch_points (id, contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
            "VALUES (1, 1, ?, 'email', 'in', 'Hello', ?, ?)",
            (stamp, stamp, stamp),
        )
        conn.execute(
            "INSERT INTO follow_ups (contact_id, source, title, due_utc, wake_utc, status, origin_touch_point_id,"
            " created_at, updated_at) VALUES (1, 'reply', 'Reply', ?, ?, 'open', 1, ?, ?)",
            (stamp, stamp, stamp, stamp),
        )
    # WHEN the touch point is deleted
    store.conn.execute("DELETE FROM touch_points WHERE id = 1")
    # THEN the promise stays, no longer pointing at it
    assert store.conn.execute("SELECT origin_touch_point_id FROM follow_ups").fetchall() == [(None,)]
