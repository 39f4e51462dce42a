"""Benchmark: the Insights figures for a quarter over 200,000 touch points.

Builds (once, cached under bench/out/) 10,000 demo contacts with their
~196,000 touch points, reply promises and plans, topped up to exactly 200,000
touch points spread over the last two years, and times ``followup.insights.compute`` for
this quarter, the last 90 days and the last 7 days, each a fresh Store
connection's first call and then the median of warm calls. Also times the CSV
export. A report: it always exits 0.

    .venv/bin/python bench/bench_insights.py [--rounds N] [--touch-points N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import OUT, Report, ms
from followup import demo
from followup.clock import FixedClock
from followup.insights import Period, compute, parse_period, this_quarter
from followup.insights.export import to_csv
from followup.preferences import Preferences
from followup.store import Store, migrations
from followup.timeutil import to_db

TARGET_MS = 200
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
COVERING = "at_utc, contact_id, channel, difficult, satisfaction, referral"


def build(total: int) -> Path:
    """10,000 demo contacts, topped up to exactly ``total`` touch points over
    the last two years; built once and cached under bench/out/. (Not the
    foundation benchmark's cached database: one built before migration 3
    gained the referral column would lack it.)"""
    folder = OUT / f"insights-c10000-tp{total}-v{migrations.LATEST}"
    db = folder / "followup.db"
    if (folder / "complete").exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with Store.open(db, FixedClock(NOW)) as store:
        demo.generate(store, contacts=10_000, seed=1)
        have = store.touch_points.count()
        rng = random.Random(11)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM contacts")]
        stamp = to_db(NOW)
        rows = []
        for _ in range(max(0, total - have)):
            direction = rng.choice(["in", "out", "met"])
            channel = "in_person" if direction == "met" else rng.choice(["email", "phone", "text"])
            at = NOW - timedelta(days=rng.randrange(1, 730), hours=rng.randrange(0, 10))
            rows.append((rng.choice(ids), to_db(at), "UTC", channel, direction, "Bench", stamp, stamp))
        with store.transaction() as conn:
            conn.executemany(
                """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary,
                       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                rows,
            )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (folder / "complete").write_text("ok\n")
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--touch-points", type=int, default=200_000)
    args = parser.parse_args()
    start = time.perf_counter()
    db = build(args.touch_points)
    built = time.perf_counter() - start
    report = Report()
    with Store.open(db) as store:
        n_contacts = store.contacts.count()
        n_tps = store.touch_points.count()
        n_fus = store.conn.execute("SELECT count(*) FROM follow_ups").fetchone()[0]
    now = NOW
    report.note("Database", f"{n_contacts:,} contacts, {n_tps:,} touch points, {n_fus:,} follow-ups")
    report.add("Build (or reuse) the database", built, "s")
    prefs_tz = "UTC"
    periods: list[tuple[str, Period]] = [
        ("This quarter", this_quarter(now, ZoneInfo(prefs_tz))),
        ("Last 90 days", parse_period("90d", now, ZoneInfo(prefs_tz))),
        ("Last 7 days", parse_period("7d", now, ZoneInfo(prefs_tz))),
    ]
    for name, period in periods:
        with Store.open(db, FixedClock(now)) as store:
            prefs = Preferences.load(store)
            start = time.perf_counter()
            result = compute(store, prefs, period, now)
            first = time.perf_counter() - start
            in_period = result.overall.touch_points
            samples = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                compute(store, prefs, period, now)
                samples.append(time.perf_counter() - start)
        report.add(f"{name} ({in_period:,} touch points): first call", ms(first), "ms", TARGET_MS)
        report.add(f"{name}: median of {args.rounds}", ms(statistics.median(samples)), "ms", TARGET_MS)
        report.add(f"{name}: worst", ms(max(samples)), "ms")
    with Store.open(db, FixedClock(now)) as store:
        prefs = Preferences.load(store)
        result = compute(store, prefs, periods[0][1], now)
        start = time.perf_counter()
        text = to_csv(result)
        report.add(f"CSV export of the quarter ({text.count(chr(10)):,} rows)", ms(time.perf_counter() - start), "ms")
    # The proposed index (not in the schema: migrations belong to the store's
    # owner): covering the columns the weekly aggregation reads, so the quarter
    # is read from the index alone instead of 30,000 wide table rows.
    copy = db.parent / "with-covering-index.db"
    shutil.copyfile(db, copy)
    with Store.open(copy, FixedClock(now)) as store:
        store.conn.execute(f"CREATE INDEX IF NOT EXISTS touch_points_insights ON touch_points({COVERING})")
        prefs = Preferences.load(store)
        compute(store, prefs, periods[0][1], now)
        samples = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            compute(store, prefs, periods[0][1], now)
            samples.append(time.perf_counter() - start)
    copy.unlink()
    report.add(
        "This quarter, with a covering index on touch points: median", ms(statistics.median(samples)), "ms", TARGET_MS
    )
    report.print()


if __name__ == "__main__":
    main()
