"""The search index's merging, done when the user is idle, never inside a write.

FTS5 keeps its index as segments: every write adds one, and by default a
write also merges some (``automerge``), or all of a level at once when it
holds 16 (``crisismerge``). Which write pays is chance; after a bulk load
(demo data, an import, Undo of a big delete) the merges reach its big
segments. At 20,000 demo contacts one write in a hundred froze the window
5–7 s, and 34 s was seen at 100,000.

Migration ``_v_merge_when_idle`` turns FTS5's merging off inside writes
(``automerge`` 0) and lets a level grow to ``CRISIS_SEGMENTS`` before a
write must merge it. The window merges in small steps on its worker while
the user is idle (ui/ops/index_upkeep.py): ``tidy``. Each step is one short
transaction, so a write of the window or of the command line waits at most
one step for the lock. Without the window (the command line alone) a level
is merged by the write that brings it to ``CRISIS_SEGMENTS`` small ones.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

FTS_TABLE = "touch_points_fts"
# A write merges a level of the index only once it holds this many segments
# (FTS5's default 16), the level under merge included: after a bulk load of
# 100,000 demo contacts the upkeep needs ~45 s of the user's pauses to merge
# the load's ten big segments, and at 64 the 54th write since finished that
# merge itself (22-24 s). Each search reads every segment: at 20,000 demo
# contacts 256 more cost ~1 ms a word (1,000 more, ~4 ms). FTS5 refuses any
# write past 2,000 segments in all, so not higher.
CRISIS_SEGMENTS = 256
# Pages of the index one step merges: at 20,000 demo contacts 128 pages
# took 17 ms (median; 50 at the 99th percentile), at 100,000 44 ms, and
# 32-256 pages cost about the same (a step restarts the merge
# where the last one stopped).
STEP_PAGES = 128
# A write of the window copies the write-ahead log back into the database
# (a checkpoint) only once it holds this many pages (SQLite's default: 1,000,
# 4 MB). At 1,000 one write in ten of a contact's delete or Undo paid for it
# at 20,000 demo contacts: 30-45 ms instead of 6. ``tidy`` checkpoints
# (ui/ops/index_upkeep.py: after every change, once the user pauses).
WINDOW_CHECKPOINT_PAGES = 5000


def _v_merge_when_idle(conn: sqlite3.Connection) -> None:
    """Migration: no merging inside writes (FTS5 stores both settings in its _config table)."""
    for key, value in (("automerge", 0), ("crisismerge", CRISIS_SEGMENTS)):
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES (?, ?)", (key, value))


# FTS5's 'merge' merges a level only once it holds this many segments (its
# 'usermerge' setting, left at its default).
USERMERGE = 4


def may_merge(conn: sqlite3.Connection) -> bool:
    """Whether the index holds enough segments for a merge to have work (a
    level may hold fewer: then a step finds none). Reads the first key of
    each segment in the index's own table: 0.1 ms at 100,000 demo contacts."""
    (count,) = conn.execute(f"SELECT count(DISTINCT segid) FROM {FTS_TABLE}_idx").fetchone()
    return int(count) >= USERMERGE


def merge_step(conn: sqlite3.Connection, *, pages: int = STEP_PAGES) -> bool:
    """Merge up to ``pages`` pages of the index in a transaction of its own;
    whether there was anything to merge (False: the index needs nothing now).

    FTS5's 'merge' merges a level that holds at least ``usermerge`` (4)
    segments, or goes on with a merge a step left unfinished; it writes
    nothing when there is none, which SQLite's count of changes shows."""
    before = conn.total_changes
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('merge', ?)", (pages,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return conn.total_changes - before >= 2


@dataclass(frozen=True)
class Tidied:
    """What one ``tidy`` did."""

    steps: int  # merge steps committed
    more: bool  # whether merging is left to do
    others_wrote: bool  # another connection committed meanwhile (the window must read again)
    error: str | None = None  # why it stopped early (the database busy, the disk full)


def tidy(conn: sqlite3.Connection, stop: Callable[[], bool], *, pages: int = STEP_PAGES) -> Tidied:
    """Merge step after step until nothing is left or ``stop()`` says so
    (asked after each step); then let the write-ahead log be copied back
    into the database if no reader needs it (a passive checkpoint), so that
    no later write of the user's pays for copying what the merge wrote.

    A database busy for longer than the connection's busy timeout, or a
    full disk, ends it with ``more`` and the reason: nothing half-written,
    the merge goes on next time."""
    seen = _data_version(conn)
    steps = 0
    more = True
    error = None
    (every,) = conn.execute("PRAGMA wal_autocheckpoint").fetchone()
    # No checkpoint inside a step's commit: it would hold the write lock
    # while copying (a step's worst went from ~60 to 240 ms at 20,000 demo
    # contacts); the passive one at the end leaves writers free meanwhile.
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        while more:
            more = merge_step(conn, pages=pages)
            steps += more
            if more and stop():
                break
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    except sqlite3.OperationalError as failure:
        error = str(failure)
        log.info("the search index's merge stopped: %s", error)
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(every)}")
    return Tidied(steps, more, _data_version(conn) != seen, error)


def _data_version(conn: sqlite3.Connection) -> int:
    """Moves when another connection commits (never for this one's own commits)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
