"""Benchmark: finding a person as the user types (followup/store/people_search.py,
issue 16), this tree's ``pick`` against an earlier commit's, alternating, on
the same database (a `demo --contacts 100000` one: 17% of its people have a
name or organisation outside ASCII, as "Léa Dubois" or "João Costa").

For each query, the median wall time of ``pick`` (on the picker's thread in
the app: ui/widgets/people_search.py), both codes' answers compared (a
difference is printed: the same people, in the same order, is the point),
and the ratio new / old. The queries: a name's beginning (answered from the
name index), words inside names or organisations, a query that finds nobody,
and the same with letters outside ASCII (compared case-folded).

    .venv/bin/python bench/bench_people_search.py /tmp/d100k/followup.db [--base REV] [--rounds N]

A report, never a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from followup.store import people_search  # noqa: E402

QUERIES = ("em", "emma tay", "taylor", "northwind", "zzq", "mül", "lé", "joão co", "zoë", "zzqé")
MODULE = "followup/store/people_search.py"


def module_at(rev: str) -> ModuleType:
    """``people_search`` as it was at ``rev`` (it imports nothing of ours but validation)."""
    text = subprocess.run(["git", "show", f"{rev}:{MODULE}"], cwd=ROOT, capture_output=True, text=True, check=True)
    folder = Path(tempfile.mkdtemp(prefix="bench-people-search-"))
    path = folder / "people_search_base.py"
    path.write_text(text.stdout)
    spec = importlib.util.spec_from_file_location("people_search_base", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--base", default="9304084", help="the commit whose pick() is the baseline")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    contacts = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    old = module_at(args.base)
    codes = {"old": old.pick, "new": people_search.pick}
    print(f"{contacts:,} contacts; old = {args.base}, new = this tree; load {os.getloadavg()[0]:.2f}")
    times: dict[tuple[str, str], list[float]] = {}
    answers: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for _ in range(args.rounds):
        for query in QUERIES:
            for name, pick in codes.items():  # alternating, the same query one after the other
                started = time.perf_counter()
                answers[query, name] = pick(conn, query)
                times.setdefault((query, name), []).append(time.perf_counter() - started)
    print(f"{'query':<12} {'found':>5} {'old ms':>8} {'new ms':>8} {'new/old':>8}")
    for query in QUERIES:
        before, after = (statistics.median(times[query, name]) * 1000 for name in codes)
        found = len(answers[query, "new"])
        same = "" if answers[query, "new"] == answers[query, "old"] else "  DIFFERENT ANSWERS"
        print(f"{query!r:<12} {found:>5} {before:8.1f} {after:8.1f} {after / before:7.2f}x{same}")
    print(f"load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
