"""Benchmark: the due query and the Today view with 50,000 open follow-ups.

Builds (once, cached under bench/out/) 2,000 demo contacts and 50,000 open
follow-ups shaped like a heavy user's: most planned days or weeks ahead, a few
hundred due or overdue, some snoozed. Prints figures against the targets of
the follow-up engine issue, with a plain-sqlite3 baseline for the due query
measured in the same run. It is a report: it always exits 0.

    .venv/bin/python bench/bench_followups.py [--follow-ups N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import OUT, Report, make_none_immortal, median_ms, pyside_loses_none_refs, time_call
from followup import demo
from followup.clock import FixedClock
from followup.engine import follow_ups as engine
from followup.preferences import Preferences
from followup.store import Store, migrations
from followup.timeutil import to_db

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SOURCES = ["plan"] * 6 + ["reply", "manual", "cadence"]


def build(follow_ups: int) -> Path:
    folder = OUT / f"followups-{follow_ups}-v{migrations.LATEST}"
    db = folder / "followup.db"
    if (folder / "complete").exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    with Store.open(db, FixedClock(NOW)) as store:
        demo.generate(store, contacts=2000, seed=7, touch_points_per_contact=3, engagements=0)
        rng = random.Random(7)
        stamp = to_db(NOW)
        rows = []
        with store.transaction() as conn:
            conn.execute("DELETE FROM follow_ups WHERE source = 'cadence'")  # the bench makes its own
        existing = store.follow_ups.count_open()
        for n in range(follow_ups - existing):
            # 98% ahead (plans reach weeks out), 2% due or overdue, 5% of all snoozed
            ahead = rng.random() < 0.98
            due = NOW + (
                timedelta(minutes=rng.randint(1, 90 * 24 * 60))
                if ahead
                else -timedelta(minutes=rng.randint(0, 30 * 24 * 60))
            )
            snooze = due + timedelta(hours=rng.randint(1, 72)) if rng.random() < 0.05 else None
            source = rng.choice(SOURCES)
            rows.append(
                (
                    rng.randint(1, 2000),
                    None,
                    None,
                    "after" if source == "plan" else None,
                    source,
                    f"Follow-up {n}",
                    "",
                    "email",
                    "Europe/Lisbon",
                    0,
                    None,
                    to_db(due),
                    to_db(snooze) if snooze else None,
                    to_db(snooze or due),
                    "open",
                    stamp,
                    stamp,
                )
            )
        with store.transaction() as conn:
            seen: set[int] = set()
            for r in rows:
                if r[4] == "cadence":
                    if r[0] in seen:  # one open stay-in-touch item per contact: make it a manual one
                        r = (*r[:4], "manual", *r[5:])
                    seen.add(r[0])
                conn.execute(
                    """INSERT INTO follow_ups (contact_id, engagement_id, step_key, phase, source, title, notes,
                           channel, tz, all_day, due_date, due_utc, snoozed_until_utc, wake_utc, status,
                           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    r,
                )
    (folder / "complete").write_text("ok")
    print(f"built {db} in {time.perf_counter() - start:.1f} s")
    return db


def bench_queries(db: Path, report: Report, rounds: int) -> None:
    store = Store.open(db, FixedClock(NOW))
    prefs = Preferences.load(store)
    print(
        f"{store.follow_ups.count_open():,} open follow-ups, "
        f"{len(store.follow_ups.due(NOW)):,} due at {NOW:%Y-%m-%d %H:%M} UTC"
    )
    raw = sqlite3.connect(db)
    sql = (
        "SELECT f.id, f.title, c.name, f.wake_utc FROM follow_ups f JOIN contacts c ON c.id = f.contact_id "
        "WHERE f.status = 'open' AND f.wake_utc <= ? ORDER BY f.wake_utc, f.id"
    )
    base, ours, full, today = [], [], [], []
    for _ in range(rounds):  # alternately, so both see the same cache and load
        base.append(time_call(lambda: raw.execute(sql, (to_db(NOW),)).fetchall()))
        ours.append(time_call(lambda: store.follow_ups.due(NOW)))
        full.append(time_call(lambda: engine.due(store, NOW, None, prefs)))
        today.append(time_call(lambda: engine.today(store, prefs)))
    n_due = len(store.follow_ups.due(NOW))
    small_at = NOW - timedelta(days=27)  # when ~100 of them were due: a user who keeps up
    small = [time_call(lambda: store.follow_ups.due(small_at)) for _ in range(rounds)]
    n_small = len(store.follow_ups.due(small_at))
    report.add(f"due query, {n_small} due (a user who keeps up)", median_ms(small), "ms", 5)
    report.add(f"due query, plain sqlite3 baseline ({n_due} rows)", median_ms(base), "ms")
    report.add(f"due query, {n_due} due (a backlog): store.follow_ups.due", median_ms(ours), "ms", 5)
    report.add("due query: ratio to the baseline", median_ms(ours) / median_ms(base), "x")
    report.add("`due` as the command runs it (cadence sync + query)", median_ms(full), "ms")
    report.add("Today data: engine.today (sync + 3 sections)", median_ms(today), "ms")
    store.close()


def bench_view(db: Path, report: Report, rounds: int) -> None:
    if pyside_loses_none_refs():
        make_none_immortal()
    from PySide6.QtWidgets import QApplication

    from ui.shell.window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = Store.open(db, FixedClock(NOW))
    window = MainWindow(store, store.clock, db.parent, initial_view="today")
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    samples = []
    for _ in range(rounds):

        def load() -> None:
            window.today.refresh()
            window.today_view.tree.viewport().repaint()

        samples.append(time_call(load))
    shown = window.today_model.count()
    report.add(f"Today view load: data, model and paint ({shown} rows shown)", median_ms(samples), "ms", 100)
    window.close()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--follow-ups", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    db = build(args.follow_ups)
    report = Report()
    bench_queries(db, report, args.rounds)
    bench_view(db, report, max(5, args.rounds // 2))
    report.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
