"""Benchmark: Insights for the last 30 days, part by part, before and after (issue 16).

Runs the figures' parts (replies, follow-ups, relationship health, touch
points by week) and the whole ``compute`` as the view calls it, in child
processes that alternate between an older checkout of the code (``--before``,
e.g. ``git archive <commit> | tar -x -C DIR``) on its own copy of a database
and this tree on another copy (upgraded by its migrations when opened), and
prints CPU and wall medians of each. A report, never a test: it always exits 0.

    .venv/bin/python bench/bench_insights_parts.py --before DIR --before-db A.db --db B.db [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the child with the code under test on sys.path: prints a JSON object
# part -> list of (cpu, wall) seconds.
CHILD = r"""
import json, sys, time
from zoneinfo import ZoneInfo
from followup.insights import queries as q, parse_period
from followup.insights.figures import Figures
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db

db, rounds, shown = sys.argv[1], int(sys.argv[2]), 40
store = Store.open(db)
prefs = Preferences.load(store)
now = store.clock.now()
tz = ZoneInfo(prefs.user_tz)
period = parse_period("30d", now, tz)
conn = store.conn
start, end, at = to_db(period.start), to_db(period.until(now)), to_db(now)
new = hasattr(q, "with_all_silences")
if new:
    from followup.insights import health
    def health_part(o, b): health.health(conn, prefs, now, tz, o, b, shown)
    def compute_part(o, b): q.compute(store, prefs, period, now, silences_shown=shown)
else:
    def health_part(o, b): q._health(conn, prefs, now, tz, o, b)
    def compute_part(o, b): q.compute(store, prefs, period, now)
parts = {
    "replies": lambda o, b: q._replies(conn, start, end, at, prefs.reply_window_hours, o, b),
    "follow-ups": lambda o, b: q._follow_ups(conn, start, end, at, o, b),
    "relationship health": health_part,
    "touch points by week": lambda o, b: q._activity(conn, period, now, tz, o, b),
    "compute (the view's)": compute_part,
}
samples = {k: [] for k in parts}
for fn in parts.values():
    fn(Figures(), {k: Figures() for k in q.KINDS})  # warm
for _ in range(rounds):
    for name, fn in parts.items():
        o, b = Figures(), {k: Figures() for k in q.KINDS}
        w, c = time.perf_counter(), time.process_time()
        fn(o, b)
        samples[name].append((time.process_time() - c, time.perf_counter() - w))
store.close()
print(json.dumps(samples))
"""


def child(code: Path, db: Path, rounds: int) -> dict[str, list[tuple[float, float]]]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(rounds)],
        cwd=code,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the older code")
    parser.add_argument("--before-db", type=Path, required=True, help="a copy of the database for the older code")
    parser.add_argument("--db", type=Path, required=True, help="a copy of the database for this tree")
    parser.add_argument("--rounds", type=int, default=3, help="alternations (each runs every part 3 times)")
    args = parser.parse_args()
    runs: dict[str, dict[str, list[tuple[float, float]]]] = {"before": {}, "after": {}}
    for _ in range(args.rounds):
        for label, code, db in (("before", args.before, args.before_db), ("after", ROOT, args.db)):
            for part, values in child(code, db, 3).items():
                runs[label].setdefault(part, []).extend(values)
    print(f"{'part (ms, median)':24s} {'before CPU':>11s} {'after CPU':>10s} {'before wall':>12s} {'after wall':>11s}")
    for part in runs["after"]:
        b, a = runs["before"][part], runs["after"][part]
        print(
            f"{part:24s} {statistics.median(v[0] for v in b) * 1000:11.1f} {statistics.median(v[0] for v in a) * 1000:10.1f}"
            f" {statistics.median(v[1] for v in b) * 1000:12.1f} {statistics.median(v[1] for v in a) * 1000:11.1f}"
        )


if __name__ == "__main__":
    main()
