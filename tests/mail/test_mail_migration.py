"""The mail migration: every earlier version upgrades with its data, and a copy is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.store import Store, migrations

MAIL_VERSION = migrations.MIGRATIONS.index(migrations._v6_mail) + 1
MAIL_TABLES = {
    "mail_accounts",
    "mail_folders",
    "mail_messages",
    "mail_references",
    "mail_strangers",
    "engagement_responses",
}


@pytest.mark.parametrize("start", range(1, MAIL_VERSION))
def test_an_earlier_database_gains_the_mail_tables_with_its_data_kept(
    start: int, db_path: Path, clock: FixedClock
) -> None:
    # GIVEN a database at an earlier version, with a contact and a touch point
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrations.migrate(conn, target=start)
    conn.execute(
        "INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ana Lima', '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z')"
    )
    conn.execute(
        "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
        "VALUES (1, '2026-02-01T10:00:00Z', 'email', 'in', 'Hello', '2026-02-01T10:00:00Z', '2026-02-01T10:00:00Z')"
    )
    conn.close()
    # WHEN this version opens it
    with Store.open(db_path, clock) as store:
        # THEN the mail tables are there and the old rows are intact
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert names >= MAIL_TABLES
        assert store.schema_version == migrations.LATEST
        assert store.contacts.get(1).name == "Ana Lima"
        assert store.touch_points.for_contact(1)[0].summary == "Hello"
        # AND the table of accounts has no column for a password
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(mail_accounts)")}
        assert not any("pass" in c or "secret" in c for c in columns)
        assert "auth_method" in columns
    # AND a copy of the old file was made first
    backups = list(db_path.parent.glob(f"followup.db.v{start}-*.bak"))
    assert len(backups) == 1
