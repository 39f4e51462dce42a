"""The demo data set, written in batches with its indexes built at the end
(followup/demo.py, followup/store/bulk.py): every index is whole, and the data
has the shape the views expect."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from followup import demo
from followup.clock import FixedClock
from followup.store import Store, bulk, migrations


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import NOW

    path = tmp_path_factory.mktemp("demo") / "followup.db"
    with Store.open(path, FixedClock(NOW)) as store:
        demo.CHUNK, chunk = 70, demo.CHUNK  # several batches, one cut mid-way
        try:
            demo.generate(store, contacts=300, seed=5)
        finally:
            demo.CHUNK = chunk
    return path


def _one(conn: sqlite3.Connection, sql: str) -> object:
    return conn.execute(sql).fetchone()[0]


def test_every_index_and_the_full_text_index_are_whole(demo_db: Path) -> None:
    # GIVEN a demo database  WHEN SQLite and FTS5 check themselves  THEN all is well
    conn = sqlite3.connect(demo_db)
    assert _one(conn, "PRAGMA integrity_check") == "ok"
    conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES ('integrity-check', 1)")
    assert _one(conn, "SELECT count(*) FROM touch_points_fts") == _one(conn, "SELECT count(*) FROM touch_points")
    # and every index and trigger the schema has is there again, as the schema states it
    fresh = sqlite3.connect(":memory:")
    migrations.migrate(fresh)
    schema = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
    assert conn.execute(schema).fetchall() == fresh.execute(schema).fetchall()
    assert _one(conn, "SELECT count(*) FROM pragma_foreign_key_check") == 0


def test_a_batch_is_like_one_big_write(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    # THEN each contact's last-touched time is their newest touch point
    assert (
        _one(
            conn,
            """SELECT count(*) FROM contacts c WHERE c.last_touched_at IS NOT
                 (SELECT max(at_utc) FROM touch_points t WHERE t.contact_id = c.id)""",
        )
        == 0
    )
    # every inbound message that needed an answer has exactly one reply promise
    assert _one(conn, "SELECT count(*) FROM touch_points WHERE direction = 'in' AND needs_reply = 1") == _one(
        conn, "SELECT count(*) FROM follow_ups WHERE source = 'reply'"
    )
    # a kept promise was kept by my own later touch point with the same contact
    bad = _one(
        conn,
        """SELECT count(*) FROM follow_ups f JOIN touch_points o ON o.id = f.origin_touch_point_id
             JOIN touch_points r ON r.id = f.resolved_by_touch_point_id
           WHERE f.source = 'reply' AND (r.contact_id != o.contact_id OR r.direction = 'in' OR r.at_utc < o.at_utc
                 OR f.completed_at IS NULL)""",
    )
    assert bad == 0
    # and the mix: most promises kept, some still waiting; about a third inbound; referrals present
    kept = _one(conn, "SELECT avg(status = 'done') FROM follow_ups WHERE source = 'reply'")
    inbound = _one(conn, "SELECT avg(direction = 'in') FROM touch_points WHERE summary NOT LIKE 'Replied:%'")
    assert 0.9 < kept < 1.0  # type: ignore[operator]
    assert 0.3 < inbound < 0.4  # type: ignore[operator]
    assert _one(conn, "SELECT count(DISTINCT referral) FROM touch_points WHERE referral IS NOT NULL") == 2


def test_the_same_seed_gives_the_same_data_whatever_the_batch_size(demo_db: Path, tmp_path: Path) -> None:
    # GIVEN the module's database (batches of 70)  WHEN the same seed runs in one batch
    from tests.conftest import NOW

    path = tmp_path / "followup.db"
    with Store.open(path, FixedClock(NOW)) as store:
        demo.generate(store, contacts=300, seed=5)

    # THEN contacts, touch points and follow-ups are the same (touch point ids
    # differ: a batch's logged replies are numbered after the batch)
    def dump(db: Path) -> list[list[tuple[object, ...]]]:
        conn = sqlite3.connect(db)
        return [
            conn.execute("SELECT * FROM contacts ORDER BY id").fetchall(),
            sorted(conn.execute("SELECT contact_id, at_utc, direction, summary, notes, referral FROM touch_points")),
            conn.execute(
                """SELECT f.title, f.status, f.due_utc, f.completed_at, o.at_utc, r.at_utc, r.summary
                   FROM follow_ups f LEFT JOIN touch_points o ON o.id = f.origin_touch_point_id
                   LEFT JOIN touch_points r ON r.id = f.resolved_by_touch_point_id ORDER BY f.id"""
            ).fetchall(),
        ]

    assert dump(path) == dump(demo_db)


def test_a_large_demo_bypasses_the_log_and_leaves_the_database_in_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import NOW

    # GIVEN a demo large enough to write pages once (the threshold lowered for the test)
    monkeypatch.setattr(demo, "WRITE_ONCE_FROM", 10)
    path = tmp_path / "followup.db"
    modes: list[bool] = []
    real = demo.bulk.written_once

    def spy(conn: sqlite3.Connection):  # type: ignore[no-untyped-def]
        cm = real(conn)

        class Spy:
            def __enter__(self) -> bool:
                switched = cm.__enter__()
                modes.append(switched)
                return switched

            def __exit__(self, *exc: object) -> None:
                cm.__exit__(*exc)

        return Spy()

    monkeypatch.setattr(demo.bulk, "written_once", spy)
    with Store.open(path, FixedClock(NOW)) as store:
        # WHEN it runs alone on the database
        demo.generate(store, contacts=30, seed=2)
        # THEN it wrote through the rollback journal, and the database is back in WAL with all its data
        assert modes == [True]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.contacts.count() == 30
        assert store.integrity_ok()
        # WHEN another connection is open on it (as the window's, beside a worker's)
        other = sqlite3.connect(path)
        other.execute("SELECT count(*) FROM contacts").fetchone()
        demo.generate(store, contacts=20, seed=3)
        other.close()
    # THEN the log stays, and the data is there
    assert modes == [True, False]
    with Store.open(path, FixedClock(NOW)) as store:
        assert store.contacts.count() == 50
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_failed_large_demo_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import NOW

    # GIVEN a database with a demo in it, and a second, large demo that fails half-way
    monkeypatch.setattr(demo, "WRITE_ONCE_FROM", 10)
    path = tmp_path / "followup.db"
    with Store.open(path, FixedClock(NOW)) as store:
        demo.generate(store, contacts=15, seed=2)
        before = store.contacts.count(), store.touch_points.count(), store.follow_ups.count_open()

        def broken(*args: object, **kwargs: object) -> int:
            raise RuntimeError("disk full")

        monkeypatch.setattr(demo.demo_plans, "add_engagements", broken)
        # WHEN it fails
        with pytest.raises(RuntimeError):
            demo.generate(store, contacts=40, seed=3)
        # THEN nothing of it is left, the database is whole and back in WAL
        assert (store.contacts.count(), store.touch_points.count(), store.follow_ups.count_open()) == before
        assert store.integrity_ok()
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_batch_gives_its_touch_points_in_id_order() -> None:
    # GIVEN a batch whose reply promise's answer was added after every log
    batch = demo.Batch(next_tp=1, stamp="2026-11-23T09:30:00Z")
    for cid in (1, 2):
        batch.contacts.append((cid, f"P{cid}", "", "", "client", "email", "UTC", "", None, 0, "s", "s"))
        batch.touch_points[cid] = [(batch.take_id(), cid, f"2026-11-0{n + 1}T09:00:00Z") for n in range(3)]
    batch.touch_points[1].append((batch.take_id(), 1, "2026-11-09T09:00:00Z"))  # contact 1's answer: id 7
    # THEN its rows come in id order (the copy appends each; FTS5 would start a
    # segment at each lower id), and each contact's last touch is as before
    rows = batch.rows("2026-11-23T09:30:00Z")
    assert [r[0] for r in rows.touch_points] == [1, 2, 3, 4, 5, 6, 7]
    assert [r[-1] for r in rows.contacts] == ["2026-11-09T09:00:00Z", "2026-11-03T09:00:00Z"]


def test_the_load_s_settings_are_put_back_whatever_its_end(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "any.db")
    try:
        before = conn.execute("PRAGMA cache_size").fetchone()[0]
        with pytest.raises(RuntimeError), bulk.load_pragmas(conn):
            assert conn.execute("PRAGMA cache_size").fetchone()[0] == bulk.LOAD_PRAGMAS["cache_size"]
            raise RuntimeError("interrupted")
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == before != bulk.LOAD_PRAGMAS["cache_size"]
    finally:
        conn.close()
