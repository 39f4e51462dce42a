"""Benchmark: deleting every contact of a demo database at once, and its Undo
(followup/engine/bulk_contacts.py), as the window's worker does it: what it
costs (CPU, wall) and the memory it holds while Undo is offered.

Each run is a fresh process over a fresh copy of the database, with the code
of one tree; the trees are alternated, ``--rounds`` times each:

    .venv/bin/python bench/bench_delete_undo.py DB BEFORE_TREE [AFTER_TREE] [--rounds 2]

DB is a folder made by ``main.py --data-dir DB demo --contacts N``; a tree is
a checkout (``git archive REV | tar -x -C DIR``). Printed per tree: the
delete's and the undo's CPU and wall seconds, the process's peak RSS, and
what the result kept for Undo held (RSS after the delete, less before it).
Every run checks that Undo put back every row of every table. A report: it
always exits 0.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import gc, json, resource, sys, time
from pathlib import Path
from followup.clock import SystemClock
from followup.engine import bulk_contacts as bulk
from followup.store import Store

TABLES = ("contacts", "contact_emails", "contact_tags", "touch_points", "follow_ups", "engagement_contacts",
          "touch_points_fts")


def rss_mib():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def counts(store):
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


store = Store.open(Path(sys.argv[1]), SystemClock(), statistics=False)
ids = [i for (i,) in store.conn.execute("SELECT id FROM contacts")]
before = counts(store)
gc.collect()
rss0 = rss_mib()
cpu, wall = time.process_time(), time.perf_counter()
done = bulk.delete(store, ids)
out = {"delete_cpu": time.process_time() - cpu, "delete_wall": time.perf_counter() - wall}
gc.collect()
out["held_mib"] = rss_mib() - rss0
out["deleted"] = len(done.changed)
cpu, wall = time.process_time(), time.perf_counter()
bulk.undo(store, done)
out["undo_cpu"], out["undo_wall"] = time.process_time() - cpu, time.perf_counter() - wall
out["all_back"] = counts(store) == before
out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
store.close()
print(json.dumps(out))
"""

FIELDS = ("delete_cpu", "delete_wall", "undo_cpu", "undo_wall", "held_mib", "peak_mib")


def run(tree: Path, db_dir: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-delete-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(db_dir, copy)
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(copy / "followup.db")],
            capture_output=True, text=True, cwd=tree, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    if out.returncode != 0:
        print(f"  {tree}: failed\n{out.stderr[-2000:]}")
        return {}
    return json.loads(out.stdout.splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("trees", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    seen: dict[Path, list[dict[str, float]]] = {tree: [] for tree in args.trees}
    for round_ in range(args.rounds):
        for tree in args.trees:
            result = run(tree, args.db)
            print(f"round {round_ + 1} {tree}: {result}", flush=True)
            if result:
                seen[tree].append(result)
    print(f"\n{'tree':40} " + " ".join(f"{f:>12}" for f in FIELDS) + "  all back")
    for tree, results in seen.items():
        if not results:
            continue
        cells = " ".join(f"{statistics.median(r[f] for r in results):12.1f}" for f in FIELDS)
        print(f"{str(tree)[-40:]:40} {cells}  {all(r['all_back'] for r in results)}")
    if len(args.trees) == 2 and all(seen.values()):
        a, b = (seen[t] for t in args.trees)
        for f in FIELDS:
            ma, mb = statistics.median(r[f] for r in a), statistics.median(r[f] for r in b)
            if ma > 0:
                print(f"  {f}: after / before = {mb / ma:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
