"""Benchmark: the live calendar file and a full `export-ics` at 10,000, 50,000
and 100,000 contacts (issue 16), with their baselines in the same run.

For each size (the databases of bench_scale.py, built by `demo` and cached),
in a child process of its own:

- the live calendar file after a change to one follow-up, as the app now
  writes it (on the worker, with its own connection: the window of
  live_file.py, only the changed event serialised again), alternating with
  the way it was written before (every open follow-up read, composed and
  looked up in the cache of serialised events, the whole file written; the
  window waited one second after a change before it wrote);
- `export-ics` of everything open, end to end (read the store, the bytes):
  the first run (no cache file: every event serialised by icalendar), a
  second run (a new process's state: the cache file beside the database,
  followup/calendar/event_file.py) and again in the same process;
- the yardstick, "the fastest correct writer": the same rows read and keyed
  the same way, and the bytes put together from a warm cache in memory
  (nothing serialised, nothing read from disk), alternated with the second
  run; the ratio printed is export / yardstick. `--vobject` also times
  vobject writing the same events (2-3x slower than icalendar).
- the bytes of the second run are compared with icalendar's from scratch.

`--check` runs the independent parsers on the largest export (ical.js,
icalendar, vobject with validate, recurring-ical-events, and the RFC 5546 /
line checks of tests/calendar/rfc5546.py). A report, never a test: it always
exits 0.

    .venv/bin/python bench/bench_ics_scale.py [--sizes 10000,50000,100000] [--rounds 5] [--check]
        [--copy-from /work/benchdb]   (copies of DIR/c<N>/followup.db instead of building them)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OLD_DEBOUNCE_S = 1.0  # ui/shell/data_io.py waited this long after a change before (now: the next event loop turn)


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def vobject_calendar(events: list[Any], organizer: Any, now: Any) -> bytes:
    """The same events written with vobject (reference only)."""
    import vobject
    from dateutil import tz

    def utc(moment: Any) -> Any:  # vobject names only dateutil's zones
        return moment.replace(tzinfo=tz.UTC) if moment is not None else None

    cal = vobject.iCalendar()
    cal.add("prodid").value = "-//bench//EN"
    cal.add("method").value = "PUBLISH"
    for e in events:
        ev = cal.add("vevent")
        ev.add("uid").value = e.uid
        ev.add("dtstamp").value = utc(now)
        ev.add("sequence").value = str(e.sequence)
        ev.add("dtstart").value = utc(e.start) if e.start is not None else e.start_date
        ev.add("dtend").value = utc(e.end) if e.end is not None else e.end_date
        ev.add("summary").value = e.title
        if e.description:
            ev.add("description").value = e.description
        if e.location:
            ev.add("location").value = e.location
        if e.modified is not None:
            ev.add("last-modified").value = utc(e.modified)
        ev.add("transp").value = "TRANSPARENT"
        ev.add("class").value = "PRIVATE"
        org = ev.add("organizer")
        org.value = f"mailto:{organizer.email}"
        org.params["CN"] = [organizer.name]
        ev.add("status").value = "CONFIRMED"
        alarm = ev.add("valarm")
        alarm.add("action").value = "DISPLAY"
        alarm.add("description").value = e.title
        alarm.add("trigger").value = -timedelta(minutes=10) if e.start is not None else timedelta(hours=9)
    data: bytes = cal.serialize().encode("utf-8")
    return data


def measure(
    folder: Path, rounds: int, export_rounds: int, check: Path | None, vobject_too: bool = False
) -> dict[str, Any]:
    from followup.calendar import event_file, live_file, open_events
    from followup.calendar.event_cache import EventCache
    from followup.calendar.events import open_follow_up_events
    from followup.calendar.export import (
        EXPORT_NAME,
        ExportRequest,
        Mode,
        Organizer,
        export,
        serialise,
        write_atomically,
    )
    from followup.preferences import Preferences
    from followup.store import Store

    db = folder / "followup.db"
    out = Path(tempfile.mkdtemp(prefix="bench-ics-"))
    live, before_file = out / "live.ics", out / "before.ics"
    store = Store.open(db)
    prefs = Preferences.load(store)
    organizer = Organizer.of(prefs)
    now = store.clock.now()
    live_file.set_live_path(store, live)
    result: dict[str, Any] = {"load_start": os.getloadavg()[0]}
    try:
        # -- the live file after a change ---------------------------------------------
        fid, title = store.conn.execute(
            "SELECT id, title FROM follow_ups WHERE status = 'open' AND wake_utc >= ? ORDER BY wake_utc LIMIT 1",
            (now.strftime("%Y-%m-%dT%H:%M:%SZ"),),
        ).fetchone()
        old_cache = EventCache()

        def before() -> int:  # main before this work: every open follow-up, the whole file
            events = open_follow_up_events(store, user_tz=prefs.user_tz)
            data = old_cache.serialise(events, Mode.PUBLISH, organizer, now, name=live_file.CALENDAR_NAME, live=True)
            write_atomically(before_file, data)
            return len(data)

        def after() -> int:  # now: what the worker does, its own connection included
            with Store.open(db) as own:
                live_file.refresh(own)
            return live_file.cache_for(store).serialised

        def change(n: int) -> None:
            with store.transaction():
                store.conn.execute(
                    "UPDATE follow_ups SET title = ? WHERE id = ?", (title + ("" if n % 2 else " (moved)"), fid)
                )

        for purpose in ("live", "export"):  # cold: no cache file left by an earlier run
            event_file.cache_path(db.resolve(), purpose).unlink(missing_ok=True)
        w, c, _ = timed(after)
        result["live_first"] = (w, c)
        w, c, size = timed(before)
        result["before_first"] = (w, c)
        result["before_size"] = size
        samples: dict[str, list[tuple[float, float]]] = {"live": [], "before": []}
        reserialised = []
        for n in range(rounds):
            change(n)
            w, c, count = timed(after)
            samples["live"].append((w, c))
            reserialised.append(count)
            change(n + 1)
            w, c, _ = timed(before)
            samples["before"].append((w, c))
        change(1)  # the title as it was
        open_events._CACHES.clear()  # the app started again: its first write finds the cache file
        w, c, _ = timed(after)
        result["live_first_from_disk"] = (w, c)
        result["live_first_from_disk_serialised"] = live_file.cache_for(store).serialised
        result["live"] = samples["live"]
        result["before"] = samples["before"]
        result["reserialised"] = reserialised
        result["live_size"] = live.stat().st_size
        result["live_events"] = live.read_bytes().count(b"BEGIN:VEVENT")

        # -- export-ics of everything open ----------------------------------------------
        # The yardstick, "the fastest correct writer": the same rows read the
        # same way, and their events' bytes put together from a warm cache in
        # memory (nothing serialised, nothing read from disk): no writer that
        # serialises anything can beat concatenating bytes it already has.
        # Alternated with export-ics made from the cache file (what a second
        # run does: the process's memory empty, the file on disk).
        def floor() -> bytes:
            keyed = open_events.keyed_rows(store, prefs)
            return warm.serialise_keyed(keyed, Mode.PUBLISH, organizer, now, name=EXPORT_NAME)

        def from_disk() -> bytes:
            open_events._CACHES.clear()  # a new process: nothing in memory
            return export(store, ExportRequest()).data

        def cold() -> bytes:
            open_events._CACHES.clear()
            cache_file.unlink(missing_ok=True)
            return export(store, ExportRequest()).data

        cache_file = event_file.cache_path(db.resolve(), "export")
        w, c, keyed = timed(lambda: open_events.keyed_rows(store, prefs))
        result["read"] = (w, c)
        result["events"] = len(keyed)
        warm = EventCache()
        warm.serialise_keyed(keyed, Mode.PUBLISH, organizer, now, name=EXPORT_NAME)
        samples = {k: [] for k in ("export_cold", "export_from_disk", "export_in_memory", "floor")}
        data = b""
        for n in range(export_rounds):
            if n == 0:  # cold once (minutes at 100k): writes the cache file
                w, c, data = timed(cold)
                samples["export_cold"].append((w, c))
                result["cold_serialised"] = open_events.cache_for(store, "export").serialised
                result["cache_size"] = cache_file.stat().st_size if cache_file.exists() else 0
            w, c, _ = timed(floor)
            samples["floor"].append((w, c))
            w, c, data = timed(from_disk)
            samples["export_from_disk"].append((w, c))
            result["from_disk_serialised"] = open_events.cache_for(store, "export").serialised
            w, c, _ = timed(lambda: export(store, ExportRequest()).data)  # the same process again (the GUI)
            samples["export_in_memory"].append((w, c))
        result.update(samples)
        stamp = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
        scratch = serialise(
            open_follow_up_events(store, user_tz=prefs.user_tz), Mode.PUBLISH, organizer, now, name=EXPORT_NAME
        )
        result["same_bytes"] = stamp.sub(b"", scratch) == stamp.sub(b"", data)  # icalendar from scratch
        result["export_size"] = len(data)
        if vobject_too:
            events = [make() for _, make in keyed]
            w, c, _ = timed(lambda: vobject_calendar(events, organizer, now))
            result["vobject"] = (w, c)
        if check is not None:
            check.write_bytes(data)
            live_copy = check.with_name("live.ics")
            live_copy.write_bytes(live.read_bytes())
        result["load_end"] = os.getloadavg()[0]
    finally:
        live_file.set_live_path(store, None)
        store.close()
    return result


def parsers(paths: list[Path]) -> dict[str, str]:
    """The independent parsers of tests/calendar on big files: what each says."""
    sys.path.insert(0, str(ROOT / "tests" / "calendar"))
    import icalendar
    import recurring_ical_events
    import vobject
    from rfc5546 import method_problems, raw_lines

    said: dict[str, str] = {}
    for path in paths:
        data = path.read_bytes()
        n = data.count(b"BEGIN:VEVENT")
        node = subprocess.run(
            ["node", str(ROOT / "tools" / "ical-check" / "check.mjs"), str(path)],
            capture_output=True,
            text=True,
            timeout=7200,  # ical.js takes 10-30 minutes on 33 MB on a loaded machine
        )
        if node.returncode == 0:
            [found] = json.loads(node.stdout)
            said[f"{path.name}: ical.js"] = f"ok={found['ok']}, {len(found['events'])} of {n} events"
        else:
            said[f"{path.name}: ical.js"] = "FAILED " + node.stderr[-300:]
        cal = icalendar.Calendar.from_ical(data)
        events = cal.walk("VEVENT")
        errors = sum(len(e.errors) for e in events)
        said[f"{path.name}: icalendar"] = f"{len(events)} events, {errors} errors"
        parsed = vobject.readOne(data.decode("utf-8"), validate=True)
        said[f"{path.name}: vobject validate"] = f"{len(parsed.vevent_list)} events"
        expanded = recurring_ical_events.of(cal).between((1900, 1, 1), (2200, 1, 1))
        said[f"{path.name}: recurring-ical-events"] = f"{len(expanded)} occurrences"
        lines = raw_lines(data)
        longest = max(len(line) for line in lines)
        problems = method_problems(data)
        said[f"{path.name}: RFC 5546 + lines"] = f"{len(problems)} problems, CRLF, longest line {longest} octets"
    return said


def copy_of(root: Path, n: int) -> Path:
    """A private copy of a database made by `demo` (never measured in place)."""
    folder = Path(tempfile.mkdtemp(prefix=f"bench-ics-c{n}-"))
    subprocess.run(["cp", "--reflink=auto", str(root / f"c{n}" / "followup.db"), str(folder)], check=True)
    return folder


def med(values: list[tuple[float, float]], i: int) -> float:
    return statistics.median(v[i] for v in values)


def main() -> None:
    from bench.bench_scale import build, exponent, machine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the live file (alternating)")
    parser.add_argument("--export-rounds", type=int, default=3, help="rounds of the exports (the cold one: once)")
    parser.add_argument("--check", action="store_true", help="run the independent parsers on the largest export")
    parser.add_argument("--vobject", action="store_true", help="also time vobject writing the same events (slow)")
    parser.add_argument(
        "--copy-from",
        metavar="DIR",
        help="measure copies of DIR/c<N>/followup.db (made by `demo`) instead of building the databases",
    )
    parser.add_argument("--measure", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--check-to", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        check = Path(args.check_to) if args.check_to else None
        print(json.dumps(measure(Path(args.measure), args.rounds, args.export_rounds, check, args.vobject)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Machine at start: {machine()}", flush=True)
    checked = Path(tempfile.mkdtemp(prefix="bench-ics-check-")) / "export.ics"
    got: dict[int, dict[str, Any]] = {}
    for n in sizes:
        folder = copy_of(Path(args.copy_from), n) if args.copy_from else build(n, args.seed)[0]
        cmd = [sys.executable, __file__, "--measure", str(folder), "--rounds", str(args.rounds)]
        cmd += ["--export-rounds", str(args.export_rounds)] + (["--vobject"] if args.vobject else [])
        if args.check and n == sizes[-1]:
            cmd += ["--check-to", str(checked)]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            print(f"  {n:,}: failed: {done.stderr[-2000:]}")
            return
        got[n] = json.loads(done.stdout)
        if args.copy_from:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"  {n:,} contacts measured (load {got[n]['load_start']:.2f} -> {got[n]['load_end']:.2f})", flush=True)
    print(f"Machine at end:   {machine()}\n")
    r = [got[n] for n in sizes]

    def line(label: str, values: list[float], unit: str = "ms", floor: list[float] | None = None) -> None:
        shown = "  ".join(f"{v * 1000:9.1f}" if unit == "ms" else f"{v:9.2f}" for v in values)
        ratio = "  ratio " + " ".join(f"{v / f:6.2f}x" for v, f in zip(values, floor, strict=True)) if floor else ""
        slope = exponent(sizes, values)
        print(f"{label:<52} {shown} {unit:<3}" + (f" exp {slope:5.2f}" if slope is not None else "") + ratio)

    print(f"{'':<52} " + "  ".join(f"{n:>9,}" for n in sizes))
    print(f"{'open follow-ups (export-ics events)':<52} " + "  ".join(f"{x['events']:>9,}" for x in r))
    print(f"{'events in the live file (its window)':<52} " + "  ".join(f"{x['live_events']:>9,}" for x in r))
    print(f"{'live file MB / whole file before MB':<52} " + "  ".join(
        f"{x['live_size'] / 1e6:4.1f}/{x['before_size'] / 1e6:4.1f}" for x in r))  # fmt: skip
    print(f"{'events serialised again after one change':<52} " + "  ".join(
        f"{max(x['reserialised']):>9}" for x in r))  # fmt: skip
    print()
    for i, kind in ((0, "wall"), (1, "CPU")):
        live = [med(x["live"], i) for x in r]
        old = [med(x["before"], i) for x in r]
        line(f"live file after a change, now, {kind} (vs before)", live, floor=old)
        line(f"live file after a change, before, {kind}", old)
        line(f"  ...with the old 1 s wait: change to disk, {kind}", [o + OLD_DEBOUNCE_S for o in old])
    line("live file, first write, nothing cached, CPU", [x["live_first"][1] for x in r])
    line("live file, first write after a start (cache file), CPU", [x["live_first_from_disk"][1] for x in r])
    print()
    for i, kind in ((0, "wall"), (1, "CPU")):
        floor = [med(x["floor"], i) for x in r]
        line(f"export-ics, second run (cache file), {kind}", [med(x["export_from_disk"], i) for x in r], floor=floor)
        line(f"  fastest correct writer: read + warm concat, {kind}", floor)
        line(f"  read the rows and key them, {kind}", [x["read"][i] for x in r])
        line(f"export-ics, first run (nothing cached), {kind}", [med(x["export_cold"], i) for x in r], floor=floor)
        line(f"export-ics, again in the same process, {kind}", [med(x["export_in_memory"], i) for x in r], floor=floor)
        if all("vobject" in x for x in r):
            line(f"  writer only: vobject, {kind}", [x["vobject"][i] for x in r])
    print(f"{'events serialised: first run / second run':<52} " + "  ".join(
        f"{x['cold_serialised']:>5}/{x['from_disk_serialised']}" for x in r))  # fmt: skip
    print(f"{'export-ics size MB / cache file MB':<52} " + "  ".join(
        f"{x['export_size'] / 1e6:4.1f}/{x['cache_size'] / 1e6:4.1f}" for x in r))  # fmt: skip
    print(f"{'the same bytes as icalendar from scratch':<52} " + "  ".join(f"{x['same_bytes']!s:>9}" for x in r))
    if args.check:
        print(f"\nIndependent parsers on the {sizes[-1]:,}-contact export and live file:")
        for what, said in parsers([checked, checked.with_name("live.ics")]).items():
            print(f"  {what}: {said}")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a report, never a failure
        print(f"bench_ics_scale failed: {error!r}")
    sys.exit(0)
