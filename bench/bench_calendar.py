"""Benchmark: exporting 10,000 follow-ups to .ics and importing 10,000 events.

Export is compared with serialising the same events directly with icalendar
in the same run (target: at most 1.3x); import (read, analyse, write in one
transaction) has a target of under 10 s. It is a report: it always exits 0.

    .venv/bin/python bench/bench_calendar.py [--follow-ups N] [--events N] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "calendar"))

from bench_data import many_events  # noqa: E402
from icalendar import Alarm, Calendar, Event, vCalAddress  # noqa: E402

from bench._common import Report, median_ms, time_call  # noqa: E402
from followup.calendar import import_ics  # noqa: E402
from followup.calendar.events import EventData, open_follow_up_events  # noqa: E402
from followup.calendar.export import ExportRequest, export  # noqa: E402
from followup.calendar.reading import read_calendar  # noqa: E402
from followup.clock import FixedClock  # noqa: E402
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint  # noqa: E402
from followup.planning.model import FollowUp, Source  # noqa: E402
from followup.store import Store  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
CONTACTS = 500


def build(folder: Path, follow_ups: int) -> Path:
    path = folder / "followup.db"
    with Store.open(path, FixedClock(NOW)) as store:
        store.settings.set("user_tz", "Europe/Lisbon")
        store.settings.set("user_email", "me@followup.example")
        with store.transaction():
            ids = []
            for i in range(CONTACTS):
                cid = store.contacts.add(
                    Contact(
                        f"Person {i}",
                        kind=Kind.CLIENT,
                        organisation="Client Co",
                        emails=[LabelledValue(f"person{i}@client.example")],
                        phones=[LabelledValue(f"+1 212 555 {i:04d}")],
                        preferred_channel=Channel.PHONE,
                    )
                )
                store.touch_points.add(
                    TouchPoint(
                        cid,
                        NOW - timedelta(days=i % 30),
                        Channel.EMAIL,
                        Direction.OUT,
                        "Sent the offer, with prices; and terms",
                    )
                )
                ids.append(cid)
            for n in range(follow_ups):
                store.follow_ups.add(
                    FollowUp(
                        ids[n % CONTACTS],
                        f"Follow up on the offer #{n}",
                        Source.MANUAL,
                        NOW + timedelta(hours=n % 2000),
                        notes="Ask about the delivery date.",
                    )
                )
    return path


def direct(events: list[EventData], now: datetime) -> bytes:
    """The baseline: the same events built and serialised with icalendar alone."""
    cal = Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    org = vCalAddress("mailto:me@followup.example")
    org.params["CN"] = "Me"
    for e in events:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", now)
        ev.add("sequence", e.sequence)
        ev.add("dtstart", e.start)
        ev.add("dtend", e.end)
        ev.add("summary", e.title)
        ev.add("description", e.description)
        ev.add("last-modified", e.modified)
        ev.add("transp", "TRANSPARENT")
        ev.add("class", "PRIVATE")
        ev.add("organizer", org)
        ev.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", e.title)
        alarm.add("trigger", -timedelta(minutes=10))
        ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--follow-ups", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="bench-calendar-"))
    try:
        start = time.perf_counter()
        path = build(work / "export", args.follow_ups)
        report.note(
            "setup", f"{args.follow_ups:,} open follow-ups, {CONTACTS} contacts ({time.perf_counter() - start:.1f} s)"
        )
        with Store.open(path, FixedClock(NOW)) as store:
            events = open_follow_up_events(store)
            ours, base = [], []
            for _ in range(args.rounds):  # alternate, so drift hits both alike
                ours.append(time_call(lambda: export(store, ExportRequest())))
                base.append(time_call(lambda: direct(events, NOW)))
            size = len(export(store, ExportRequest()).data)
        report.add(f"export {args.follow_ups:,} follow-ups (store to .ics)", median_ms(ours), "ms")
        report.add("icalendar alone, same events", median_ms(base), "ms")
        report.add("export / icalendar alone", median_ms(ours) / median_ms(base), "x", 1.3)
        report.note("file size", f"{size / 1e6:.1f} MB")

        data = many_events(args.events, start=NOW + timedelta(days=1))
        base_db = build(work / "import-base", 0)
        phases: dict[str, list[float]] = {"read": [], "analyse": [], "write": [], "total": []}
        created = 0
        for r in range(args.rounds):
            db = work / f"import-{r}" / "followup.db"
            db.parent.mkdir()
            shutil.copy(base_db, db)
            with Store.open(db, FixedClock(NOW)) as store:
                t0 = time.perf_counter()
                parsed = read_calendar(data, now=NOW, user_tz="Europe/Lisbon")
                t1 = time.perf_counter()
                plan = import_ics.analyse(store, parsed)
                t2 = time.perf_counter()
                result = import_ics.apply(store, plan)
                t3 = time.perf_counter()
                created = len(result.created)
                follow_ups = store.follow_ups.count_open()
            for k, v in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
                phases[k].append(v)
        report.add(f"import {args.events:,} events: read (worker thread)", median_ms(phases["read"]), "ms")
        report.add("import: analyse (match contacts, UIDs)", median_ms(phases["analyse"]), "ms")
        report.add("import: write (one transaction)", median_ms(phases["write"]), "ms")
        report.add("import total", median_ms(phases["total"]) / 1000, "s", 10)
        report.note("imported", f"{created:,} engagements, {follow_ups:,} follow-ups planned")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.print()
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a report, never a failure
        print(f"bench_calendar failed: {error!r}")
    sys.exit(0)
