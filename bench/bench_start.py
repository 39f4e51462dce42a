"""Benchmark: cold start to the painted contacts window, before and after a
change, against the bare window, alternating in the same run (issue 16).

Each round starts every tree's app (`main.py --view contacts --quit-on-paint`,
as `bench_scale.py` does) and then `bench/baseline_window.py`, each in a
process of its own, and prints the medians of CPU (user + system, every thread), of the main
(GUI) thread's own CPU time and of wall time, with their ratio to the bare
window. The process's CPU includes the worker that reads the whole list beside
the first screenful (on the other core: it adds CPU time, not wall time); the
main thread's is the start-up's critical path. It is read when the program
returns, through a small wrapper (``THREAD_TIME``) that runs it with runpy.
The wrapper also reads the process's CPU when the event loop returns (both
programs quit from a zero-timer after their list's first paint): the CPU
*to the painted window*, without what closing and the interpreter's exit
cost afterwards (~20 ms more for the app's modules and objects than for the
bare window's). Trees are source checkouts (a
worktree, or `git archive REV | tar -x -C DIR` of the code before a change);
each is imported from its own folder. Python's bytecode is written and kept
(PYTHONDONTWRITEBYTECODE is dropped): otherwise every start compiles every
module. Two untimed starts of each come first (the file cache, the .pyc files).
The database is used in place: give it a copy. A report, never a test: exits 0.

    .venv/bin/python bench/bench_start.py DATA_DIR [--rounds 9] [--view contacts] [TREE ...]
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
# Runs a script as __main__, then writes the main thread's CPU time to the pipe named in the environment.
THREAD_TIME = (
    "import os, runpy, sys, time\n"
    "from PySide6.QtWidgets import QApplication\n"
    "painted = [float('nan')]\n"
    "_exec = QApplication.exec\n"
    "def _exec_and_note(*_self):\n"
    "    code = _exec()\n"
    "    painted[0] = time.process_time()\n"
    "    return code\n"
    "QApplication.exec = _exec_and_note\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_path(sys.argv[0], run_name='__main__')\n"
    "except SystemExit as stop:\n"
    "    code = stop.code\n"
    "else:\n"
    "    code = 0\n"
    "os.write(int(os.environ['BENCH_THREAD_TIME_FD']), f'{time.thread_time()!r} {painted[0]!r}'.encode())\n"
    "sys.exit(code)\n"
)


def run_child(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float, float, int]:
    """Wall seconds, CPU seconds (all threads), the main thread's CPU seconds, the CPU
    seconds (all threads) when its event loop returned, and peak memory (KiB) of one child process."""
    read, write = os.pipe()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [cmd[0], "-c", THREAD_TIME, *cmd[1:]],
        cwd=cwd,
        env={**env, "BENCH_THREAD_TIME_FD": str(write)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(write,),
    )
    os.close(write)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    with os.fdopen(read) as pipe:
        main_thread, painted = (float(x) for x in (pipe.read() or "nan nan").split())
    if status != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}: {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, main_thread, painted, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, help="a folder holding a copy of followup.db")
    parser.add_argument("trees", type=Path, nargs="*", help="source trees to start (default: this one)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--view", default="contacts", help="the view the app opens on (today: its list's first paint)")
    args = parser.parse_intermixed_args()
    data = args.data_dir.resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", FOLLOWUP_DATA_DIR=str(data))
    app = [sys.executable, "main.py", "--data-dir", str(data), "--view", args.view, "--quit-on-paint"]
    runs = {str(tree): (app, tree.resolve()) for tree in (args.trees or [ROOT])}
    runs["bare"] = ([sys.executable, str(ROOT / "bench" / "baseline_window.py"), str(data / "followup.db")], ROOT)
    for cmd, cwd in runs.values():
        for _ in range(2):
            run_child(cmd, cwd, {**env, "PYTHONPATH": str(cwd)})
    times: dict[str, list[tuple[float, float, float, float, int]]] = {name: [] for name in runs}
    load_before = os.getloadavg()
    for _ in range(args.rounds):
        for name, (cmd, cwd) in runs.items():
            times[name].append(run_child(cmd, cwd, {**env, "PYTHONPATH": str(cwd)}))
    load_after = os.getloadavg()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {args.rounds} rounds")
    print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    bare = [statistics.median(t[i] for t in times["bare"]) for i in range(4)]
    for name, samples in times.items():
        wall, cpu, main_thread, painted = (statistics.median(t[i] for t in samples) for i in range(4))
        print(
            f"{name:<32} CPU {cpu * 1000:4.0f} ms ({cpu / bare[1]:.2f}x)"
            f"   main thread {main_thread * 1000:4.0f} ms ({main_thread / bare[2]:.2f}x)"
            f"   wall {wall * 1000:4.0f} ms ({wall / bare[0]:.2f}x)"
            f"   CPU to the painted window {painted * 1000:4.0f} ms ({painted / bare[3]:.2f}x)"
        )


if __name__ == "__main__":
    main()
