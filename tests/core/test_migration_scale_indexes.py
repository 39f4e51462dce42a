"""The migration that adds Insights' indexes (_v5_scale_indexes): every
earlier version, with data in it, is upgraded with a backup kept, and the
figures read through the new indexes count the old rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from old_databases import filled_at

from followup.clock import FixedClock
from followup.insights import Period, compute
from followup.preferences import Preferences
from followup.store import Store, migrations

MINE = migrations.MIGRATIONS.index(migrations._v5_scale_indexes) + 1
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
STAMP = "2026-01-01T00:00:00Z"


def _fill(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(
        "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (1, 'Ana Lima', 'client', ?, ?)",
        (STAMP, STAMP),
    )
    for tp_id, at, direction in [(1, "2026-11-20T10:00:00Z", "in"), (2, "2026-11-20T14:00:00Z", "out")]:
        conn.execute(
            "INSERT INTO touch_points (id, contact_id, at_utc, channel, direction, summary, created_at, updated_at) "
            "VALUES (?, 1, ?, 'email', ?, 'Pricing', ?, ?)",
            (tp_id, at, direction, STAMP, STAMP),
        )
    if version >= 3:  # follow-ups exist from version 3: a reply promise answered after 4 hours
        conn.execute(
            """INSERT INTO follow_ups (contact_id, source, title, due_utc, wake_utc, status, completed_at,
                   origin_touch_point_id, resolved_by_touch_point_id, created_at, updated_at)
               VALUES (1, 'reply', 'Reply to Ana', '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z', 'done',
                   '2026-11-20T14:00:00Z', 1, 2, ?, ?)""",
            (STAMP, STAMP),
        )


@pytest.mark.parametrize("version", range(1, MINE))
def test_every_earlier_version_is_upgraded_with_a_backup(tmp_path: Path, version: int) -> None:
    # GIVEN a database at an earlier version, with a contact and touch points in it
    path = tmp_path / "followup.db"
    filled_at(path, version, _fill)
    # WHEN this version opens it
    with Store.open(path, FixedClock(NOW)) as store:
        # THEN it is at the latest version with the indexes, a backup of the old one is beside it
        assert store.schema_version == migrations.LATEST
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"follow_ups_reply_closed", "follow_ups_due"} <= names
        backups = list(tmp_path.glob(f"followup.db.v{version}-*.bak"))
        assert len(backups) == 1
        with closing(sqlite3.connect(backups[0])) as old:
            assert old.execute("PRAGMA user_version").fetchone()[0] == version
        assert store.contacts.get(1).name == "Ana Lima"
        # and the figures read through the new indexes see the old rows
        figures = compute(store, Preferences.load(store), Period(NOW.replace(day=16), NOW, "week"), NOW).overall
        assert figures.touch_points == 2
        if version >= 3:
            assert figures.replies_answered == 1
            assert figures.reply_time_median_hours == pytest.approx(4.0)
            assert figures.followups_due == 1
