"""Migration 3 is frozen: a database upgraded from version 2 gets exactly the
schema, playbooks and steps it got when the migration was written, whatever
the live code (DEFAULT_PLAYBOOKS, insert_playbook) becomes later.

The expected content (data/v3_from_v2.json) was recorded from the migration as
it first shipped, when it still called the live code; regenerate it never
(``python tests/core/test_migration_v3_frozen.py`` wrote it once).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from followup.store import migrations

EXPECTED = Path(__file__).with_name("data") / "v3_from_v2.json"
V3 = migrations.MIGRATIONS.index(migrations._v3_engagements_and_follow_ups) + 1


def v2_then_v3(path: Path) -> dict[str, object]:
    """A version-2 database with a contact and a touch point, migrated by migration 3 alone; all of it, as data."""
    with closing(sqlite3.connect(str(path), isolation_level=None)) as conn:
        migrations.migrate(conn, target=V3 - 1)
        conn.execute(
            "INSERT INTO contacts (id, name, created_at, updated_at) VALUES (1, 'Ana Lima', "
            "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')"
        )
        conn.execute(
            "INSERT INTO touch_points (contact_id, at_utc, channel, direction, summary, notes, created_at, updated_at) "
            "VALUES (1, '2025-06-01T10:00:00Z', 'phone', 'out', 'Call', 'About the rollout', "
            "'2025-06-01T10:00:00Z', '2025-06-01T10:00:00Z')"
        )
        assert migrations.migrate(conn, target=V3) == [V3]
        schema = sorted(
            [kind, name, sql]
            for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        )
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {
            name: sorted((list(r) for r in conn.execute(f"SELECT * FROM [{name}]")), key=repr)
            for name in names
            if not name.startswith(("sqlite_", "touch_points_fts"))
        }
    return {"schema": schema, "rows": rows}


def test_migration_3_from_version_2_writes_exactly_what_it_first_did(tmp_path: Path) -> None:
    # GIVEN a version-2 database with data WHEN migration 3 runs
    got = v2_then_v3(tmp_path / "followup.db")
    # THEN the schema, the default playbooks and every row are what they were when it shipped
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert got["schema"] == expected["schema"]
    assert got["rows"] == expected["rows"]
    assert len(expected["rows"]["playbooks"]) >= 3 and expected["rows"]["playbook_steps"]


def test_migration_3_calls_no_live_code() -> None:
    # GIVEN migration 3's source WHEN read THEN it imports nothing from the app (literal SQL only)
    import inspect

    source = inspect.getsource(migrations._v3_engagements_and_follow_ups)
    assert "import" not in source


if __name__ == "__main__":  # recorded once, from the migration as it first shipped
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        data = v2_then_v3(Path(folder) / "followup.db")
    EXPECTED.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.exit(0)
