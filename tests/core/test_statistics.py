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


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def test_a_session_that_only_reads_writes_nothing_at_close(tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a database whose statistics are fresh, with indexes that hold no
    # entry (no dates kept yet; partial indexes nothing matches: ANALYZE
    # writes no statistics for those, and SQLite then counts them as never
    # analysed, at every close)
    from followup.engine import follow_ups

    path = tmp_path / "followup.db"
    with Store.open(path, clock) as store:
        demo.generate(store, contacts=200, seed=3)
        store.conn.execute("DELETE FROM contact_dates")
    for _ in range(2):  # statistics settle over a session or two
        with Store.open(path, clock) as store:
            follow_ups.today(store)
    watcher = sqlite3.connect(path)
    before = _data_version(watcher)
    # WHEN a session only reads what Today shows, and closes
    with Store.open(path, clock) as store:
        follow_ups.today(store)
    # THEN it committed nothing: an open window would otherwise take it for a
    # change made elsewhere and read everything again (at Today or Insights,
    # whose reads close the same way: for ever, once a second)
    assert _data_version(watcher) == before
    watcher.close()


def _no_dates_settled(tmp_path: Path, clock: FixedClock) -> Path:
    """A demo database with no kept dates, its statistics settled over two sessions."""
    from followup.engine import follow_ups

    path = tmp_path / "followup.db"
    with Store.open(path, clock) as store:
        demo.generate(store, contacts=200, seed=3)
        store.conn.execute("DELETE FROM contact_dates")
    for _ in range(2):
        with Store.open(path, clock) as store:
            follow_ups.today(store)
    return path


def _keep_60_birthdays(store: Store) -> None:
    """Over 25 times what the statistics of _no_dates_settled say."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO contact_dates (contact_id, kind, month, day) "
            "SELECT id, 'birthday', 1 + id % 12, 1 + id % 28 FROM contacts ORDER BY id LIMIT 60"
        )


def _dates_counted(path: Path) -> int | None:
    """How many kept dates the planner's statistics count (None: none)."""
    conn = sqlite3.connect(path)
    stat = conn.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'contact_dates_contact'").fetchone()
    conn.close()
    return None if stat is None else int(stat[0].split()[0])


def test_an_empty_index_is_analysed_again_once_it_fills(tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a database with no kept dates, its statistics settled
    from followup.engine import follow_ups

    path = _no_dates_settled(tmp_path, clock)
    # WHEN 60 birthdays are kept (over 25 times what the statistics say) and Today is read
    with Store.open(path, clock) as store:
        _keep_60_birthdays(store)
        follow_ups.today(store)
    # THEN the statistics count them
    assert _dates_counted(path) == 60


def test_a_store_open_for_days_refreshes_its_statistics_without_closing(tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a database with no kept dates, its statistics settled, open in a long-lived store (a window)
    from followup.engine import follow_ups

    path = _no_dates_settled(tmp_path, clock)
    with Store.open(path, clock) as store:
        # WHEN 60 birthdays are kept (over 25 times what the statistics say), Today is read,
        # and hours later the statistics are refreshed, the store still open
        _keep_60_birthdays(store)
        before = follow_ups.today(store)
        store.refresh_statistics()
        # THEN the statistics count them already, and the store goes on as before
        assert _dates_counted(path) == 60
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000  # its own wait for a lock, as before
        after = follow_ups.today(store)
        assert [f.id for f in after.overdue] == [f.id for f in before.overdue] and before.overdue


def test_refreshing_statistics_never_waits_for_another_process_writing(tmp_path: Path, clock: FixedClock) -> None:
    # GIVEN a store whose statistics are stale, and another process holding the write lock
    path = tmp_path / "followup.db"
    with Store.open(path, clock) as store:
        demo.generate(store, contacts=50, seed=3)
    with Store.open(path, clock) as store:
        with store.transaction() as conn:
            conn.execute("DELETE FROM contact_dates")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        try:
            # WHEN the statistics are refreshed
            store.refresh_statistics()
        finally:
            store.conn.set_trace_callback(None)
            other.execute("ROLLBACK")
            other.close()
        # THEN it waited at most 200 ms for the lock (not the store's minute), then went on as before
        optimize = next(i for i, s in enumerate(statements) if s.startswith("PRAGMA optimize"))
        assert "PRAGMA busy_timeout = 200" in statements[:optimize]
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 60_000
        assert store.conn.execute("SELECT count(*) FROM contact_dates").fetchone()[0] == 0
