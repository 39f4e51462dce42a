"""Benchmark: bulk actions on every contact (issue 15) at 10,000 and 100,000.

A database of N contacts, each with an email, two tags and a touch point,
added long ago and never touched since (so each has an overdue stay-in-touch
nudge), is built with plain inserts; then each bulk action runs once on all
of them, as a selection of every contact in the list (Ctrl+A) would: tag,
untag, kind, rhythm, archive and its undo, delete and its undo; done, skip,
snooze on every nudge and the overdue tidy. The undo of the tidy is timed
twice, alternated: as main wrote it (one UPDATE per row) and set-based.

``--gui MAIN_TREE`` (issue 16) measures, instead, what the user feels: the
window over a copy of the same database, each action as the UI does it
(bench/bulk_gui_stall.py), with the code of MAIN_TREE (before) and of this
tree (after), alternated, ``--rounds`` times: the longest gap of a 16 ms
timer on the GUI thread while the write ran, wall and CPU. It is a report:
it always exits 0.

    .venv/bin/python bench/bench_bulk.py [--contacts 10000 100000]
    .venv/bin/python bench/bench_bulk.py --gui /work/main [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup.clock import FixedClock
from followup.domain import Kind
from followup.engine import bulk_contacts as contacts_bulk
from followup.engine import bulk_follow_ups as follow_ups_bulk
from followup.engine.follow_ups import sync_cadences, today
from followup.store import Store
from followup.timeutil import to_db

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def build(path: Path, n: int) -> Store:
    store = Store.open(path, FixedClock(NOW))
    old = to_db(NOW - timedelta(days=400))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) VALUES (?, ?, 'other', 'UTC', ?, ?)",
            [(i, f"Person {i:06}", to_db(NOW - timedelta(days=100 + i % 300)), old) for i in range(1, n + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, label, address, address_lower) VALUES (?, 0, '', ?, ?)",
            [(i, f"p{i}@example.com", f"p{i}@example.com") for i in range(1, n + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)",
            [(i, t) for i in range(1, n + 1) for t in ("imported", f"group-{i % 20}")],
        )
        conn.executemany(
            """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes, needs_reply,
                   difficult, created_at, updated_at) VALUES (?, ?, 'UTC', 'email', 'in', 'Hello', '', 0, 0, ?, ?)""",
            [(i, old, old, old) for i in range(1, n + 1)],
        )
    store.conn.execute("UPDATE contacts SET last_touched_at = NULL")
    store.analyze()
    return store


def timed(label: str, fn: Callable[[], Any], results: list[tuple[str, float, str]]) -> Any:
    start = time.perf_counter()
    value = fn()
    results.append((label, (time.perf_counter() - start) * 1000, _said(value)))
    return value


def _said(value: Any) -> str:
    if isinstance(value, contacts_bulk.BulkResult):
        return f"{len(value.changed):,} changed"
    if isinstance(value, follow_ups_bulk.BulkFollowUps):
        return f"{len(value.changed):,} changed"
    if isinstance(value, tuple) and value and isinstance(value[0], follow_ups_bulk.BulkFollowUps):
        return f"{len(value[0].changed):,} snoozed"
    if isinstance(value, list):
        return f"{len(value):,}"
    return ""


def run(n: int) -> list[tuple[str, float, str]]:
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        store = build(Path(folder) / "followup.db", n)
        results.append(("build (not a bulk action)", (time.perf_counter() - start) * 1000, f"{n:,} contacts"))
        ids = [r for (r,) in store.conn.execute("SELECT id FROM contacts")]
        try:
            tagged = timed("tag all", lambda: contacts_bulk.add_tag(store, ids, "vip"), results)
            timed("undo tag", lambda: contacts_bulk.undo(store, tagged), results)
            timed("untag all", lambda: contacts_bulk.remove_tag(store, ids, "imported"), results)
            timed("kind of all", lambda: contacts_bulk.set_kind(store, ids, Kind.CLIENT), results)
            timed("rhythm of all", lambda: contacts_bulk.set_rhythm(store, ids, 30, 60), results)
            archived = timed("archive all", lambda: contacts_bulk.set_archived(store, ids), results)
            timed("undo archive", lambda: contacts_bulk.undo(store, archived), results)
            deleted = timed("delete all", lambda: contacts_bulk.delete(store, ids), results)
            timed("undo delete", lambda: contacts_bulk.undo(store, deleted), results)
            timed("open every nudge (sync)", lambda: sync_cadences(store), results)
            timed("Today with them", lambda: today(store), results)
            tidy = follow_ups_bulk.Tidy(older_than_days=30)
            timed("tidy: count", lambda: follow_ups_bulk.count_tidy(store, tidy), results)
            tidied = timed("tidy: snooze", lambda: follow_ups_bulk.tidy_overdue(store, tidy), results)
            timed("undo tidy", lambda: follow_ups_bulk.undo(store, tidied[0]), results)
            for _ in range(2):  # alternated: the same rows back, row by row (main) and set-based
                rows = follow_ups_bulk.tidy_overdue(store, tidy)[0]
                timed("undo tidy, one UPDATE a row (before)", partial(_undo_row_by_row, store, rows), results)
                rows = follow_ups_bulk.tidy_overdue(store, tidy)[0]
                timed("undo tidy, set-based (after)", partial(follow_ups_bulk.undo, store, rows), results)
            nudges = [r for (r,) in store.conn.execute("SELECT id FROM follow_ups WHERE status = 'open'")]
            skipped = timed("skip every nudge", lambda: follow_ups_bulk.skip(store, nudges), results)
            timed("Today after (nothing comes back)", lambda: today(store).totals, results)
            timed("undo skip", lambda: follow_ups_bulk.undo(store, skipped), results)
            timed("done every nudge", lambda: follow_ups_bulk.complete(store, nudges), results)
        finally:
            store.close()
    return results


def _undo_row_by_row(store: Store, done: follow_ups_bulk.BulkFollowUps) -> None:
    """The undo as main had it: one UPDATE per follow-up (the baseline)."""
    with store.transaction() as conn:
        conn.executemany(
            """UPDATE follow_ups SET status = ?2, completed_at = ?3, resolved_by_touch_point_id = ?4, due_utc = ?5,
                   due_date = ?6, all_day = ?7, snoozed_until_utc = ?8, wake_utc = ?9, updated_at = ?10
               WHERE id = ?1""",
            done.before,
        )


ROOT = Path(__file__).resolve().parent.parent


def gui(n: int, main_tree: Path, rounds: int, database: Path | None = None) -> None:
    """The GUI thread's longest stall per action, before (main_tree) and after (this tree), alternated;
    over a fresh copy of ``database`` (one the app made, e.g. by ``demo``: never opened in place) if given."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        source = Path(folder) / "built"
        source.mkdir()
        if database is not None:
            shutil.copyfile(database, source / "followup.db")
        else:
            _build_with(main_tree, source, n)
        _alternate(main_tree, rounds, Path(folder), source)


def _build_with(main_tree: Path, source: Path, n: int) -> None:
    # built by main's code (its schema: this tree's migrations upgrade it on opening, main's refuse newer)
    made = (
        f"import sys; sys.path.insert(0, {str(main_tree / 'bench')!r}); import bench_bulk as b;"
        f"from followup.engine.follow_ups import sync_cadences;"
        f"s = b.build(b.Path({str(source / 'followup.db')!r}), {n}); sync_cadences(s); s.close()"
    )  # every contact's nudge open, for the tidy
    subprocess.run([sys.executable, "-c", made], check=True, env={**os.environ, "PYTHONPATH": str(main_tree)})


def _alternate(main_tree: Path, rounds: int, folder: Path, source: Path) -> None:
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in range(rounds):
        for version, tree in (("before", main_tree), ("after", ROOT)):
            run_dir = Path(folder) / f"{version}-{r}"
            shutil.copytree(source, run_dir)
            env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
            out = subprocess.run(
                [sys.executable, str(ROOT / "bench" / "bulk_gui_stall.py"), str(run_dir)],
                env=env, capture_output=True, text=True, timeout=3600, check=False,
            )  # fmt: skip
            for line in out.stdout.splitlines():
                if line.startswith("{"):
                    row = json.loads(line)
                    rows.setdefault((row["action"], version), []).append(row)
            if out.returncode:
                print(f"  ({version}, round {r + 1}: exit {out.returncode}: {out.stderr.strip()[-300:]})")
            shutil.rmtree(run_dir)
    print(f"  {'action':<26} {'':6} {'stall ms':>9} {'+refresh':>9} {'GUI cpu':>8} {'wall ms':>8} {'cpu ms':>8}  load")
    for action in dict.fromkeys(a for a, _ in rows):
        for version in ("before", "after"):
            for row in rows.get((action, version), []):
                print(
                    f"  {action:<26} {version:<6} {row['stall_ms']:>9,} {row['stall_with_refresh_ms']:>9,}"
                    f" {row.get('gui_cpu_in_stall_ms', -1):>8,} {row['wall_ms']:>8,} {row['cpu_ms']:>8,}  {row['load']}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--gui", type=Path, metavar="MAIN_TREE", help="the window's stalls, before (this tree) and after"
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--database", type=Path, help="with --gui: a fresh copy of this database each run (never opened in place)"
    )
    args = parser.parse_args()
    if args.gui:
        for n in args.contacts:
            print(f"\n{n:,} contacts, the GUI thread (16 ms timer), before = {args.gui}, after = {ROOT}")
            gui(n, args.gui, args.rounds, args.database)
        return
    for n in args.contacts:
        print(f"\n{n:,} contacts")
        for label, ms, said in run(n):
            print(f"  {label:<34} {ms:9.1f} ms  {said}")


if __name__ == "__main__":
    main()
