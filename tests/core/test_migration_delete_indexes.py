"""The migration that indexes what deletes look up (followup/store/migration_delete_indexes.py):
every earlier version upgrades with its data, and a delete no longer scans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.engine import bulk_contacts
from followup.store import Store, migrations
from followup.store.migration_delete_indexes import _v_delete_indexes

MINE = migrations.MIGRATIONS.index(_v_delete_indexes) + 1


@pytest.mark.parametrize("old", range(1, MINE))
def test_every_earlier_version_upgrades_with_its_data(tmp_path: Path, clock: FixedClock, old: int) -> None:
    # GIVEN a database at an earlier version, with two contacts (one referred by the other) and a touch point
    path = tmp_path / "followup.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, target=old)
    stamp = "'2025-01-01T00:00:00Z'"
    conn.execute(f"INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ana Lima', {stamp}, {stamp})")
    conn.execute(
        f"INSERT INTO contacts (name, referred_by, created_at, updated_at) VALUES ('Bo Chen', 1, {stamp}, {stamp})"
    )
    conn.execute(
        "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
        f"VALUES (1, '2025-06-01T10:00:00Z', 'phone', 'out', 'Kick-off', {stamp}, {stamp})"
    )
    conn.close()
    # WHEN the current version opens it
    with Store.open(path, clock) as store:
        # THEN it has the indexes and its data, and deleting Ana (and undoing it) keeps Bo's referral
        assert store.schema_version == migrations.LATEST
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"contacts_referred_by", "follow_ups_resolved_by", "engagement_responses_contact"} <= names
        done = bulk_contacts.delete(store, [1])
        assert store.contacts.get(2).referred_by is None
        bulk_contacts.undo(store, done)
        assert store.contacts.get(2).referred_by == 1
        assert store.touch_points.count_for(1) == 1


def test_the_referral_lookup_of_a_delete_uses_the_index(store: Store) -> None:
    plan = " ".join(
        str(r[-1]) for r in store.conn.execute("EXPLAIN QUERY PLAN SELECT 1 FROM contacts WHERE referred_by = 5")
    )
    assert "contacts_referred_by" in plan
