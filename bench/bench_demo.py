"""`main.py demo --contacts N --seed 1`: this tree against the code of an
earlier commit (issue 16's target: 100,000 contacts under 60 s).

The earlier code is taken out of git (``git archive``) into a temporary
folder; each round runs the old and the new command, alternating, each in a
process of its own on a fresh data folder. Prints wall and CPU (the child
process, all its threads) per run, the load average, medians and ratios.
Never a pass or fail: always exits 0.

    PYTHONPATH=$PWD .venv/bin/python bench/bench_demo.py --sizes 10000 100000 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The demo as it was before issue 16's last demo work (main at 6ef1993: 86 s at 100k, quiet).
DEFAULT_BASE = "6ef1993"


def _extract(base: str, into: Path) -> Path:
    tree = into / "old"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", base, "followup", "main.py"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _run(tree: Path, contacts: int, data_dir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one demo run (CPU: user + system of the child)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data_dir), "demo", "--contacts", str(contacts), "--seed", "1"],
        cwd=tree,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(data_dir)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--base", default=DEFAULT_BASE, help="the commit whose demo is 'old'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as tmp:
        trees = {"old": _extract(args.base, Path(tmp)), "new": ROOT}
        print(f"old = {args.base}, new = this tree; python {sys.version.split()[0]}")
        for contacts in args.sizes:
            results: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
            for round_ in range(args.rounds):
                order = ["old", "new"] if round_ % 2 == 0 else ["new", "old"]
                for name in order:
                    load = os.getloadavg()[0]
                    wall, cpu = _run(trees[name], contacts, Path(tmp) / "data")
                    results[name].append((wall, cpu))
                    print(
                        f"{contacts:>7} {name}: wall {wall:6.1f} s, CPU {cpu:6.1f} s (load {load:.2f} before)",
                        flush=True,
                    )
            old_wall = statistics.median(w for w, _ in results["old"])
            old_cpu = statistics.median(c for _, c in results["old"])
            new_wall = statistics.median(w for w, _ in results["new"])
            new_cpu = statistics.median(c for _, c in results["new"])
            print(
                f"{contacts:>7} median: old wall {old_wall:.1f} s / CPU {old_cpu:.1f} s, "
                f"new wall {new_wall:.1f} s / CPU {new_cpu:.1f} s; "
                f"new/old wall {new_wall / old_wall:.2f}, CPU {new_cpu / old_cpu:.2f}; "
                f"load now {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a benchmark reports, it never fails the build
        print(f"bench_demo: {error}")
    sys.exit(0)
