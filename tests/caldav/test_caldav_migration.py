"""The live-calendars migration, from every earlier version, with data in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from old_databases import backups_of, database_at

from followup.clock import FixedClock
from followup.store import Store, migrations

MINE = migrations.MIGRATIONS.index(migrations._v_live_calendars) + 1


@pytest.mark.parametrize("start", range(1, MINE))
def test_every_earlier_version_gains_the_calendar_tables_and_keeps_its_rows(
    start: int, tmp_path: Path, clock: FixedClock
) -> None:
    # GIVEN a database at an earlier version, with a contact and a touch point
    path = tmp_path / "followup.db"
    database_at(path, start, contact_id=7, name="Maria Costa")
    # WHEN Followup opens it
    with Store.open(path, clock) as store:
        # THEN it is at the latest version, with the calendar tables, rows intact
        assert store.schema_version == migrations.LATEST
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"cal_accounts", "cal_calendars", "cal_items", "cal_proposals", "cal_met", "cal_published"} <= names
        assert store.contacts.get(7).name == "Maria Costa"
        assert [tp.summary for tp in store.touch_points.for_contact(7)] == ["Hello"]
        assert store.integrity_ok()
    # AND a copy of the old version sits beside it
    assert len(backups_of(path, start)) == 1
