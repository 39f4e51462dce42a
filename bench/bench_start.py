"""Benchmark: cold start to the painted contacts window, before and after a
change, against the bare window, alternating in the same run (issue 16).

Each round starts every tree's app (`main.py --view contacts --quit-on-paint`,
as `bench_scale.py` does) and then `bench/baseline_window.py`, each in a
process of its own, and prints the medians of CPU (user + system) and wall
time with their ratio to the bare window. Trees are source checkouts (a
worktree, or `git archive REV | tar -x -C DIR` of the code before a change);
each is imported from its own folder. Python's bytecode is written and kept
(PYTHONDONTWRITEBYTECODE is dropped): otherwise every start compiles every
module. Two untimed starts of each come first (the file cache, the .pyc files).
The database is used in place: give it a copy. A report, never a test: exits 0.

    .venv/bin/python bench/bench_start.py DATA_DIR [--rounds 9] [TREE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}: {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="a folder holding a copy of followup.db")
    parser.add_argument("trees", type=Path, nargs="*", help="source trees to start (default: this one)")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    data = args.data_dir.resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", FOLLOWUP_DATA_DIR=str(data))
    app = [sys.executable, "main.py", "--data-dir", str(data), "--view", "contacts", "--quit-on-paint"]
    runs = {str(tree): (app, tree.resolve()) for tree in (args.trees or [ROOT])}
    runs["bare"] = ([sys.executable, str(ROOT / "bench" / "baseline_window.py"), str(data / "followup.db")], ROOT)
    for cmd, cwd in runs.values():
        for _ in range(2):
            _run(cmd, cwd, {**env, "PYTHONPATH": str(cwd)})
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    load_before = os.getloadavg()
    for _ in range(args.rounds):
        for name, (cmd, cwd) in runs.items():
            times[name].append(_run(cmd, cwd, {**env, "PYTHONPATH": str(cwd)}))
    load_after = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {args.rounds} rounds")
    print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    bare_wall = statistics.median(t[0] for t in times["bare"])
    bare_cpu = statistics.median(t[1] for t in times["bare"])
    for name, samples in times.items():
        wall = statistics.median(t[0] for t in samples)
        cpu = statistics.median(t[1] for t in samples)
        print(
            f"{name:<40} CPU {cpu * 1000:6.0f} ms ({cpu / bare_cpu:.2f}x)   wall {wall * 1000:6.0f} ms ({wall / bare_wall:.2f}x)"
        )


if __name__ == "__main__":
    main()
