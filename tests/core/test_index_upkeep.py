"""The search index is merged in the window's idle time, never inside a
user's write (issue 16; followup/store/index_upkeep.py). FTS5 merged its
segments as part of the writes themselves: at 20,000 demo contacts one write
in a hundred rewrote the big segments a bulk load leaves (5–7 s, and 34 s
seen at 100,000 contacts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.store import Store, index_upkeep, migrations
from followup.store.index_upkeep import _v_merge_when_idle
from tests.old_databases import database_at

MINE = migrations.MIGRATIONS.index(_v_merge_when_idle) + 1


def _segments(conn: sqlite3.Connection) -> int:
    """How many segments the search index is made of (each write of FTS5's pending terms makes one)."""
    return int(conn.execute("SELECT count(DISTINCT segid) FROM touch_points_fts_idx").fetchone()[0])


def _log(store: Store, contact: int, clock: FixedClock, n: int) -> None:
    """``n`` touch points, a write each as a user logs them, with notes of 300 words of their own
    (each write's segment spans several pages of the index)."""
    for day in range(n):
        notes = " ".join(f"w{contact}x{day}x{k}" for k in range(300))
        log_touch_point(store, TouchPoint(contact, clock.now() - timedelta(days=day + 1), Channel.EMAIL,
                                          Direction.IN, f"Note {day} about the renewal", notes=notes))  # fmt: skip


def test_a_users_write_never_merges_the_search_index(
    store: Store, clock: FixedClock, add_contact: Callable[..., int], fts_ok: Callable[[], bool]
) -> None:
    # GIVEN a contact
    ana = add_contact("Ana")
    # WHEN 40 touch points are logged, a write each
    _log(store, ana, clock, 40)
    # THEN each write added its segment and none merged any (FTS5's own merging had left 4 of 40),
    # and the index finds every one
    assert _segments(store.conn) == 40
    assert fts_ok() and len(store.touch_points.search("renewal")) == 40


def test_upkeep_merges_the_segments_in_steps_and_says_when_it_is_done(
    store: Store, clock: FixedClock, add_contact: Callable[..., int], fts_ok: Callable[[], bool]
) -> None:
    # GIVEN 40 writes' segments
    _log(store, add_contact("Ana"), clock, 40)
    # WHEN the upkeep takes steps of one page until it says there is nothing left
    steps = 0
    while index_upkeep.merge_step(store.conn, pages=1):
        steps += 1
        assert steps < 1000, "the merge never ended"
    # THEN it took several steps, the segments are merged, and the index finds every touch point
    assert steps > 1
    assert _segments(store.conn) <= 3
    assert fts_ok() and len(store.touch_points.search("renewal")) == 40
    # AND a step with nothing to merge leaves the index as it was
    index = store.conn.execute("SELECT id, block FROM touch_points_fts_data ORDER BY id").fetchall()
    assert index_upkeep.merge_step(store.conn) is False
    assert store.conn.execute("SELECT id, block FROM touch_points_fts_data ORDER BY id").fetchall() == index


def test_tidy_stops_when_asked_and_says_there_is_more(
    store: Store, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN 40 writes' segments
    _log(store, add_contact("Ana"), clock, 40)
    # WHEN the upkeep is asked to stop after its first step of one page
    done = index_upkeep.tidy(store.conn, lambda: True, pages=1)
    # THEN it took one step and says there is more; asked again without a stop, it finishes
    assert (done.steps, done.more) == (1, True)
    finished = index_upkeep.tidy(store.conn, lambda: False, pages=1)
    assert finished.more is False and finished.steps > 1
    assert not store.conn.in_transaction
    # AND the connection checkpoints its log as it did before (it did not while merging)
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)


def test_the_merge_writes_no_checkpoint_inside_its_steps(
    store: Store, db_path: Path, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN 40 writes' segments, and a connection that checkpoints its log at every commit
    _log(store, add_contact("Ana"), clock, 40)
    store.conn.execute("PRAGMA wal_autocheckpoint = 1")
    wal = db_path.with_name(db_path.name + "-wal")
    restarts: list[bytes] = []
    real = index_upkeep.merge_step

    def step(conn: sqlite3.Connection, **kw: int) -> bool:
        more = real(conn, **kw)
        restarts.append(wal.read_bytes()[12:16])  # the log's checkpoint sequence: one more at each restart
        return more

    # WHEN the upkeep merges in steps of one page
    with pytest.MonkeyPatch.context() as m:
        m.setattr(index_upkeep, "merge_step", step)
        index_upkeep.tidy(store.conn, lambda: False, pages=1)
    # THEN the log was never checkpointed and started again between two steps, and the connection
    # checkpoints as before once it is done
    assert len(restarts) > 2 and len(set(restarts)) == 1
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1,)


def test_tidy_says_when_another_connection_wrote_meanwhile(
    store: Store, db_path: Path, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN 40 writes' segments, and another process's connection to the same file
    _log(store, add_contact("Ana"), clock, 40)
    other = sqlite3.connect(db_path, isolation_level=None)
    wrote = []

    def other_writes_once() -> bool:
        if not wrote:
            other.execute("UPDATE contacts SET notes = 'from the command line'")
            wrote.append(True)
        return False

    # WHEN the upkeep runs alone, then while the other connection commits between two of its steps
    alone = index_upkeep.tidy(store.conn, lambda: False, pages=1)
    _log(store, 1, clock, 40)
    meanwhile = index_upkeep.tidy(store.conn, other_writes_once, pages=1)
    other.close()
    # THEN only the second says that another connection wrote (its views must be read again)
    assert alone.others_wrote is False
    assert meanwhile.others_wrote is True


def test_a_busy_database_leaves_the_merge_for_later(
    store: Store, db_path: Path, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # GIVEN segments to merge, and another process holding the write lock
    _log(store, add_contact("Ana"), clock, 40)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    store.conn.execute("PRAGMA busy_timeout = 0")
    try:
        # WHEN the upkeep runs
        done = index_upkeep.tidy(store.conn, lambda: False, pages=1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # THEN it wrote nothing, said there is more to do, and left no transaction open
    assert (done.steps, done.more) == (0, True)
    assert _segments(store.conn) == 40
    assert not store.conn.in_transaction


@pytest.mark.parametrize("old", range(1, MINE))
def test_every_earlier_version_upgrades_with_its_data(tmp_path: Path, clock: FixedClock, old: int) -> None:
    # GIVEN a database at an earlier version with a contact and their touch point
    path = tmp_path / "followup.db"
    database_at(path, old)
    # WHEN the current version opens it
    with Store.open(path, clock) as store:
        # THEN its data is there, and its search index merges in the upkeep only
        assert store.schema_version == migrations.LATEST
        assert store.touch_points.count_for(1) == 1
        config = dict(store.conn.execute("SELECT k, v FROM touch_points_fts_config"))
        assert config["automerge"] == 0
        assert config["crisismerge"] == index_upkeep.CRISIS_SEGMENTS
        assert store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts) VALUES ('integrity-check')")
