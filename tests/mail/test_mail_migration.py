"""The mail migration: every earlier version upgrades with its data, and a copy is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from old_databases import backups_of, database_at

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
    database_at(db_path, start)
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
    backups = backups_of(db_path, start)
    assert len(backups) == 1
