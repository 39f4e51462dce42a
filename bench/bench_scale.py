"""Benchmark: the scale series of issue 16 (10,000, 50,000 and 100,000 contacts).

One command builds (once, cached under bench/out/scale/, keyed by size, seed,
schema version and a hash of the demo's code) a database per size with the app's own `demo` command,
never analysed by hand, then measures at each size, alternating every
figure with its baseline in the same run:

- `demo --contacts N` itself (wall, CPU and peak memory; from the cache's
  build.json when the database was already built);
- cold start to the painted contacts window (`main.py --quit-on-paint`)
  against the bare window (`bench/baseline_window.py`), and the peak memory
  of both;
- Insights for the default period (the last 30 days) against plain sqlite3
  counting the period's touch points;
- Today (the cadence check, then three sections of at most 300) against plain
  sqlite3 reading the 900 rows shown;
- optionally (`--ics`) a full `export-ics`.

It prints each figure per size, its ratio to the baseline, and the exponent of
a least-squares fit of log(figure) on log(N) (1.0: linear). CPU time is given
beside wall time: the machine is shared, and CPU time is the steadier of the
two. A report, never a test: it always exits 0.

    .venv/bin/python bench/bench_scale.py [--sizes 10000,50000,100000] [--rounds 5] [--ics]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = ROOT / "bench" / "out" / "scale"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak memory (KiB) of one
    child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({status}): {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def demo_version() -> str:
    """A short hash of the code that writes demo data: a changed demo is built again."""
    import hashlib

    digest = hashlib.sha256()
    for name in (
        "followup/demo.py",
        "followup/demo_batches.py",
        "followup/demo_plans.py",
        "followup/demo_data.py",
        "followup/store/bulk.py",
    ):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:8]


def build(n: int, seed: int) -> tuple[Path, dict[str, float]]:
    """The demo database for ``n`` contacts, made by `main.py demo`, cached."""
    from followup.store import migrations

    folder = SCALE / f"c{n}-s{seed}-v{migrations.LATEST}-{demo_version()}"
    info = folder / "build.json"
    if info.exists() and (folder / "followup.db").exists():
        return folder, json.loads(info.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    load = os.getloadavg()[0]
    wall, cpu, rss = run(
        [sys.executable, "main.py", "--data-dir", str(folder), "demo", "--contacts", str(n), "--seed", str(seed)]
    )
    figures = {"wall": wall, "cpu": cpu, "rss_kib": rss, "load": load, "built": time.time()}
    info.write_text(json.dumps(figures))
    return folder, figures


# -- measured inside one child process per size (--measure DIR) ---------------


def measure(folder: Path, rounds: int) -> dict[str, object]:
    from zoneinfo import ZoneInfo

    from followup.engine import follow_ups as engine
    from followup.insights import compute, parse_period
    from followup.preferences import Preferences
    from followup.store import Store
    from followup.timeutil import to_db

    db = folder / "followup.db"
    store = Store.open(db)
    plain = sqlite3.connect(db)
    prefs = Preferences.load(store)
    now = store.clock.now()
    period = parse_period("30d", now, ZoneInfo(prefs.user_tz))
    start, end = to_db(period.start), to_db(period.until(now))

    def timed(fn: object) -> tuple[float, float]:
        w, c = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        return time.perf_counter() - w, time.process_time() - c

    def insights() -> None:
        # As the view computes them: its 40 longest silences of each side
        # (ui.insights.silences.SILENCES_SHOWN); exports read the rest.
        compute(store, prefs, period, now, silences_shown=40)

    def insights_floor() -> None:
        plain.execute(
            "SELECT count(*), sum(difficult) FROM touch_points WHERE at_utc >= ? AND at_utc < ?", (start, end)
        ).fetchone()

    def today() -> None:
        engine.today(store, prefs)

    def today_floor() -> None:
        plain.execute(
            "SELECT f.id, f.title, f.due_utc, c.name FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
            "WHERE f.status = 'open' AND f.wake_utc < ? ORDER BY f.wake_utc LIMIT 900",
            (to_db(now),),
        ).fetchall()

    first = {"insights": timed(insights), "today": timed(today)}
    samples: dict[str, list[tuple[float, float]]] = {
        k: [] for k in ("insights", "insights_floor", "today", "today_floor")
    }
    for _ in range(rounds):
        for name, fn in (("insights", insights), ("insights_floor", insights_floor), ("today", today), ("today_floor", today_floor)):  # fmt: skip
            samples[name].append(timed(fn))
    buckets = engine.today(store, prefs)
    due = len(engine.due(store, now, None, prefs))
    result: dict[str, object] = {
        "contacts": store.contacts.count(),
        "touch_points": store.touch_points.count(),
        "period_touch_points": plain.execute(
            "SELECT count(*) FROM touch_points WHERE at_utc >= ? AND at_utc < ?", (start, end)
        ).fetchone()[0],
        "today_totals": list(buckets.totals),
        "due": due,
        "first": first,
    }
    for name, values in samples.items():
        result[name] = (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
    store.close()
    return result


# -- the report ------------------------------------------------------------------


def exponent(sizes: list[int], values: list[float]) -> float | None:
    """Slope of the least-squares line through (log N, log value)."""
    points = [(math.log(n), math.log(v)) for n, v in zip(sizes, values, strict=True) if v > 0]
    if len(points) < 2:
        return None
    mx = statistics.fmean(p[0] for p in points)
    my = statistics.fmean(p[1] for p in points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else None


def start_ups(folder: Path, rounds: int) -> dict[str, list[tuple[float, float, int, float]]]:
    """Each round: (wall s, CPU s, peak KiB, CPU s to the painted window) of the app and of the bare
    window, alternating (through bench_start's wrapper: the CPU when the event loop returns)."""
    from bench.bench_start import run_child

    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", FOLLOWUP_DATA_DIR=str(folder), PYTHONPATH=str(ROOT))
    commands = {
        "app": [sys.executable, "main.py", "--data-dir", str(folder), "--view", "contacts", "--quit-on-paint"],
        "bare": [sys.executable, str(ROOT / "bench" / "baseline_window.py"), str(folder / "followup.db")],
    }
    for cmd in commands.values():  # untimed warm-ups (the file cache, the .pyc files)
        for _ in range(2):
            run_child(cmd, ROOT, env)
    times: dict[str, list[tuple[float, float, int, float]]] = {k: [] for k in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            wall, cpu, _main_thread, painted, peak = run_child(cmd, ROOT, env)
            times[name].append((wall, cpu, peak, painted))
    return times


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )


def row(label: str, values: list[float], unit: str, sizes: list[int], floor: list[float] | None = None) -> None:
    shown = "  ".join(f"{v * 1000:9.1f}" if unit == "ms" else f"{v:9.2f}" for v in values)
    ratio = "  ratio " + " ".join(f"{v / f:5.2f}x" for v, f in zip(values, floor, strict=True)) if floor else ""
    slope = exponent(sizes, values)
    print(f"{label:<44} {shown} {unit:<3} exp {slope:5.2f}{ratio}" if slope is not None else f"{label:<44} {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ics", action="store_true", help="also time a full export-ics")
    parser.add_argument("--no-window", action="store_true", help="skip the start-up runs")
    parser.add_argument("--measure", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.rounds)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Machine at start: {machine()}")
    built, measured, windows, ics = {}, {}, {}, {}
    for n in sizes:
        folder, built[n] = build(n, args.seed)
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder), "--rounds", str(args.rounds)],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        measured[n] = json.loads(out.stdout)
        if not args.no_window:
            windows[n] = start_ups(folder, args.rounds)
        if args.ics:
            ics[n] = run([sys.executable, "main.py", "--data-dir", str(folder), "export-ics", str(folder / "all.ics")])
        print(f"  {n:,} contacts measured (load {os.getloadavg()[0]:.2f})", flush=True)
    print(f"Machine at end:   {machine()}\n")
    m = [measured[n] for n in sizes]
    print(f"{'':<44} " + "  ".join(f"{n:>9,}" for n in sizes))
    print(f"{'touch points':<44} " + "  ".join(f"{r['touch_points']:>9,}" for r in m))
    print(f"{'touch points in the last 30 days':<44} " + "  ".join(f"{r['period_touch_points']:>9,}" for r in m))
    print(f"{'Today: overdue / today / this week':<44} " + "  ".join(f"{'/'.join(map(str, r['today_totals'])):>9}" for r in m))  # fmt: skip
    print(f"{'due (every item, printed by `due`)':<44} " + "  ".join(f"{r['due']:>9,}" for r in m))
    print()
    row("demo --contacts N, wall", [built[n]["wall"] for n in sizes], "s", sizes)
    row("demo --contacts N, CPU", [built[n]["cpu"] for n in sizes], "s", sizes)
    row("demo --contacts N, peak memory (MiB)", [built[n]["rss_kib"] / 1024 for n in sizes], "", sizes)
    for key, label in (("insights", "Insights, last 30 days"), ("today", "Today")):
        for i, kind in ((0, "wall"), (1, "CPU")):
            values = [r[key][i] for r in m]  # type: ignore[index]
            floors = [r[f"{key}_floor"][i] for r in m]  # type: ignore[index]
            row(f"{label}, median {kind} (vs plain sqlite3)", values, "ms", sizes, floors)
        row(f"{label}, first call wall", [r["first"][key][0] for r in m], "ms", sizes)  # type: ignore[index]
    if windows:
        for i, kind in ((0, "wall"), (1, "CPU"), (3, "CPU to the paint")):
            app = [statistics.median(t[i] for t in windows[n]["app"]) for n in sizes]
            bare = [statistics.median(t[i] for t in windows[n]["bare"]) for n in sizes]
            row(f"cold start to painted window, {kind} (vs bare)", app, "ms", sizes, bare)
            row(f"bare window baseline, {kind}", bare, "ms", sizes)
        app_mem = [max(t[2] for t in windows[n]["app"]) / 1024 for n in sizes]
        bare_mem = [max(t[2] for t in windows[n]["bare"]) / 1024 for n in sizes]
        row("start-up peak memory, MiB (vs bare)", app_mem, "", sizes, bare_mem)
    if ics:
        row("export-ics of everything open, wall", [ics[n][0] for n in sizes], "s", sizes)
        row("export-ics peak memory (MiB)", [ics[n][2] / 1024 for n in sizes], "", sizes)


if __name__ == "__main__":
    main()
