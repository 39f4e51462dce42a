"""Benchmark: what a user's single write costs when FTS5 merges the search
index inside writes (its defaults: ``automerge`` 4, ``crisismerge`` 16, as
before migration 16), against merging it in the user's idle time
(followup/store/index_upkeep.py, as the window's upkeep does on its worker).

    .venv/bin/python bench/bench_index_merge.py DB [--contacts 150] [--rounds 2]

DB is a folder made by ``main.py --data-dir DB demo --contacts N`` (a bulk
load: its big segments are what the merges reach). Each round takes a fresh
copy per way, the two ways alternated. The writes are what a user does:
delete one contact (with their touch points), then Undo, for ``--contacts``
contacts. In the idle way, after every fifth contact the user "pauses" and
the upkeep merges in jobs of ``JOB_S`` for up to 2 s (the window starts its
next job 50 ms later while the user stays idle). Printed per way: the
writes' median, 99th percentile and worst, how many took over a frame
(16 ms) and over 100 ms, and for the idle way the merge steps' times. The
idle way's connection checkpoints its log as the window's does (only past
``WINDOW_CHECKPOINT_PAGES``; ``tidy`` checkpoints in the pauses); the
other keeps SQLite's 1,000 pages, as the window did before.
A report: it always exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup.clock import SystemClock
from followup.store import Store, index_upkeep
from followup.store.index_upkeep import FTS_TABLE

PAUSE_EVERY = 5  # contacts between two pauses of the user
PAUSE_S = 2.0  # how long a pause lets the upkeep merge


def _fresh_copy(source: Path, into: Path) -> Path:
    shutil.copytree(source, into)
    os.sync()  # the copy's pages on disk: no later commit pays for writing them back
    return into / "followup.db"


def _round(db: Path, way: str, contacts: int) -> dict[str, list[float]]:
    store = Store.open(db, SystemClock(), statistics=False)
    conn = store.conn
    if way == "when idle":  # the window's connection: checkpoints in the user's pauses (tidy)
        conn.execute(f"PRAGMA wal_autocheckpoint = {index_upkeep.WINDOW_CHECKPOINT_PAGES}")
    if way == "inside writes":
        for key, value in (("automerge", 4), ("crisismerge", 16)):
            conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES (?, ?)", (key, value))
        conn.commit()
    ids = [
        i
        for (i,) in conn.execute(
            "SELECT id FROM contacts c WHERE (SELECT count(*) FROM touch_points t WHERE t.contact_id = c.id) > 5 "
            "ORDER BY id DESC LIMIT ?",
            (contacts,),
        )
    ]
    writes: list[float] = []
    steps: list[float] = []
    for n, contact in enumerate(ids, 1):
        t = time.perf_counter()
        gone = store.contacts.delete(contact)
        writes.append(time.perf_counter() - t)
        t = time.perf_counter()
        store.contacts.restore(gone)
        writes.append(time.perf_counter() - t)
        if way == "when idle" and n % PAUSE_EVERY == 0:
            _pause(conn, steps)
    store.close()
    return {"writes": writes, "steps": steps}


def _pause(conn, steps: list[float]) -> None:  # type: ignore[no-untyped-def]
    """The upkeep's jobs while the user pauses; each step timed on its own."""
    real = index_upkeep.merge_step

    def timed(c, **kw):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return real(c, **kw)
        finally:
            steps.append(time.perf_counter() - t)

    index_upkeep.merge_step = timed
    try:
        end = time.monotonic() + PAUSE_S
        while time.monotonic() < end:
            until = time.monotonic() + 0.25
            if not index_upkeep.tidy(conn, lambda u=until: time.monotonic() > u).more:
                break
            time.sleep(0.05)
    finally:
        index_upkeep.merge_step = real


def _summary(times: list[float]) -> str:
    if not times:
        return "none"
    ms = sorted(x * 1000 for x in times)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    over_frame = sum(x > 16 for x in ms)
    over_100 = sum(x > 100 for x in ms)
    return (
        f"{len(ms)}: median {statistics.median(ms):.1f} ms, p99 {p99:.0f}, worst {ms[-1]:.0f}; "
        f"over 16 ms {over_frame}, over 100 ms {over_100}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--contacts", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    ways = ["inside writes", "when idle"]
    results: dict[str, dict[str, list[float]]] = {w: {"writes": [], "steps": []} for w in ways}
    for r in range(args.rounds):
        for way in ways if r % 2 == 0 else reversed(ways):
            with tempfile.TemporaryDirectory(dir=args.db.parent) as tmp:
                got = _round(_fresh_copy(args.db, Path(tmp) / "copy"), way, args.contacts)
            for key, values in got.items():
                results[way][key].extend(values)
            print(f"round {r + 1}, {way}: writes {_summary(got['writes'])}", flush=True)
    print()
    for way in ways:
        print(f"{way}: writes {_summary(results[way]['writes'])}")
    print(f"when idle: merge steps ({index_upkeep.STEP_PAGES} pages) {_summary(results['when idle']['steps'])}")
    inside, idle = (max(results[w]["writes"]) for w in ways)
    print(f"worst write, inside writes / when idle: {inside / idle:.1f}x")


if __name__ == "__main__":
    main()
