"""The planner's statistics are kept fresh by the app itself (SQLite's advice:
PRAGMA optimize on close, optimize=0x10002 on open, ANALYZE after bulk loads),
so benchmarks and users get the plans an analysed database gets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from followup import demo
from followup.clock import FixedClock
from followup.domain import Contact
from followup.store import Store


def _analysed_tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        if not conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]:
            return set()
        return {row[0] for row in conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    finally:
        conn.close()


def test_demo_leaves_statistics_for_the_tables_it_filled(tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a new database  WHEN demo data is added
    path = tmp_path / "followup.db"
    with Store.open(path, clock) as store:
        demo.generate(store, contacts=40, seed=3)
        # THEN the planner has statistics for every table it filled, at once
        assert {"contacts", "touch_points", "follow_ups", "contact_emails"} <= _analysed_tables(path)


def test_opening_analyses_tables_that_never_were(tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a database with 2,000 contacts and no statistics (as every
    # earlier Followup left it)
    path = tmp_path / "followup.db"
    with Store.open(path, clock) as store, store.transaction():
        for n in range(2000):
            store.contacts.add(Contact(f"Person {n}", emails=[]))
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE IF EXISTS sqlite_stat1")
    conn.commit()
    conn.close()
    assert _analysed_tables(path) == set()
    # WHEN the app opens it
    with Store.open(path, clock):
        # THEN the contacts table has statistics before the first query
        assert "contacts" in _analysed_tables(path)
