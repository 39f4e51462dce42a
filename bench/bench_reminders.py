"""Reminders: the cost of one tick with 500,000 follow-ups in the database,
and the running app's idle CPU over a minute.

    .venv/bin/python bench/bench_reminders.py [--follow-ups N] [--idle-seconds S]

The database: 2,000 contacts; N follow-ups, 40% closed, the open ones spread
from a year ago to a year ahead, every past one already notified (the steady
state of a running app), plus 3 that have just come due. Target: a tick under
5 ms, so the one timer never stutters the UI.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup import reminders
from followup.clock import FixedClock
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent


def build(path: Path, n: int) -> None:
    store = Store.open(path, FixedClock(NOW))
    rng = random.Random(5)
    now = to_db(NOW)
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, created_at, updated_at) VALUES (?, ?, ?)",
            [(f"Person {i}", now, now) for i in range(2000)],
        )
        rows = []
        for i in range(n):
            wake = NOW + timedelta(minutes=rng.randint(-525_600, 525_600))
            status = "open" if rng.random() < 0.6 else "done"
            w = to_db(wake)
            notified = w if wake <= NOW else None
            rows.append((rng.randint(1, 2000), f"Follow-up {i}", w, w, status, notified, now, now))
        conn.executemany(
            "INSERT INTO follow_ups (contact_id, source, title, due_utc, wake_utc, status, notified_wake_utc, "
            "created_at, updated_at) VALUES (?, 'manual', ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    for key, value in {"user_tz": "UTC", "quiet_hours_enabled": False, "remind_on_working_days_only": False}.items():
        store.settings.set(key, value)
    store.close()


def bench_tick(path: Path, runs: int = 200) -> dict[str, float]:
    clock = FixedClock(NOW)
    store = Store.open(path, clock)
    prefs = Preferences.load(store)
    # the first tick after start: 3 items just came due
    with store.transaction() as conn:
        for i in range(3):
            conn.execute(
                "UPDATE follow_ups SET wake_utc = ?, notified_wake_utc = NULL WHERE id = ?",
                (to_db(NOW - timedelta(seconds=30)), i + 1),
            )
            conn.execute("UPDATE follow_ups SET status = 'open' WHERE id = ?", (i + 1,))
    t = time.perf_counter()
    first = reminders.collect(store, NOW, prefs)
    deliver_ms = (time.perf_counter() - t) * 1000
    assert first.total == 3, first.total
    idle, full, waiting = [], [], []
    for i in range(runs):
        now = NOW + timedelta(seconds=i)
        t = time.perf_counter()
        reminders.collect(store, now, prefs)
        idle.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        p = Preferences.load(store)
        reminders.collect(store, now, p)
        reminders.waiting(store)
        reminders.paused_until(store, now)
        full.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        reminders.waiting(store)
        waiting.append((time.perf_counter() - t) * 1000)
    open_n = store.conn.execute("SELECT count(*) FROM follow_ups WHERE status = 'open'").fetchone()[0]
    store.close()
    return {
        "open": open_n,
        "deliver_3_ms": deliver_ms,
        "collect_median_ms": statistics.median(idle),
        "collect_p95_ms": sorted(idle)[int(runs * 0.95)],
        "service_tick_median_ms": statistics.median(full),
        "service_tick_p95_ms": sorted(full)[int(runs * 0.95)],
        "waiting_median_ms": statistics.median(waiting),
    }


def idle_cpu(seconds: float) -> dict[str, float]:
    """Run the real app (offscreen, reminders on) and read its CPU time from
    /proc/PID/stat over ``seconds`` after it settled."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db")
        store.settings.set("quiet_hours_enabled", False)
        store.close()
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", tmp], env=env, stderr=subprocess.DEVNULL
        )
        try:
            time.sleep(5)
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited with {proc.returncode}")
            tick = os.sysconf("SC_CLK_TCK")

            def cpu() -> float:
                fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

            c0, t0 = cpu(), time.monotonic()
            time.sleep(seconds)
            c1, t1 = cpu(), time.monotonic()
        finally:
            proc.terminate()
            proc.wait(10)
    return {"seconds": t1 - t0, "cpu_seconds": c1 - c0, "cpu_percent": 100 * (c1 - c0) / (t1 - t0)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--follow-ups", type=int, default=500_000)
    parser.add_argument("--idle-seconds", type=float, default=60)
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / f"reminders-{args.follow_ups}"
    out.mkdir(parents=True, exist_ok=True)
    db = out / "followup.db"
    if not (out / "complete").exists():
        db.unlink(missing_ok=True)
        t = time.perf_counter()
        build(db, args.follow_ups)
        (out / "complete").touch()
        print(f"built {args.follow_ups:,} follow-ups in {time.perf_counter() - t:.1f} s")
    tick = bench_tick(db)
    print(f"open follow-ups: {tick['open']:,}")
    print(f"first tick delivering 3:           {tick['deliver_3_ms']:.3f} ms")
    print(
        f"tick, nothing new (collect):       median {tick['collect_median_ms']:.3f} ms, p95 {tick['collect_p95_ms']:.3f} ms"
    )
    print(
        f"service tick (prefs+collect+waiting+pause): median {tick['service_tick_median_ms']:.3f} ms, "
        f"p95 {tick['service_tick_p95_ms']:.3f} ms  (target < 5 ms)"
    )
    print(f"waiting list (reminders window):   median {tick['waiting_median_ms']:.3f} ms")
    if args.idle_seconds > 0:
        idle = idle_cpu(args.idle_seconds)
        print(
            f"idle app: {idle['cpu_seconds']:.2f} s CPU over {idle['seconds']:.0f} s = {idle['cpu_percent']:.2f}% of a core"
        )


if __name__ == "__main__":
    main()
