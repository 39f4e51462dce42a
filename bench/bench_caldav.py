"""Live calendars at scale: a first sync of 5,000 events (500 of them with
contacts) from a real Radicale on 127.0.0.1, and an incremental sync with
nothing new (target: under one second), with peak memory.

The baseline, measured in the same run against the same server, is what any
CalDAV client must at least do: the `caldav` library reading every object
with sync-collection (first) and asking for changes with the token (again).

    python bench/bench_caldav.py [--events 5000] [--with-contacts 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "caldav")]

from caldav_servers import PASSWORD, USER, start_radicale  # noqa: E402

from followup.caldav import accounts as acc  # noqa: E402
from followup.caldav.credentials import FILE_ENV  # noqa: E402
from followup.caldav.sync import sync_all  # noqa: E402
from followup.clock import FixedClock  # noqa: E402
from followup.domain import Contact, Kind, LabelledValue  # noqa: E402
from followup.store import Store  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def ics(i: int, start: datetime, attendee: str) -> str:
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "BEGIN:VEVENT", f"UID:bench-{i}",
            f"DTSTAMP:{start.strftime(fmt)}", f"SUMMARY:Meeting {i}", f"DTSTART:{start.strftime(fmt)}",
            f"DTEND:{(start + timedelta(minutes=45)).strftime(fmt)}", "ORGANIZER:mailto:me@example.test",
            f"ATTENDEE;CN=Person {i}:mailto:{attendee}", "END:VEVENT", "END:VCALENDAR", "",
        ]
    )  # fmt: skip


def fill(folder: Path, events: int, with_contacts: int) -> tuple[Path, list[str]]:
    """Radicale's storage written before it starts (5,000 PUTs would take minutes)."""
    import json

    cal = folder / "collections" / "collection-root" / USER / "work"
    cal.mkdir(parents=True)
    (cal / ".Radicale.props").write_text(json.dumps({"tag": "VCALENDAR", "D:displayname": "Work"}))
    known = []
    for i in range(events):
        start = NOW + timedelta(hours=(i * 7) % (120 * 24)) - timedelta(days=30)
        email = f"p{i}@clients.test" if i < with_contacts else f"stranger{i}@else.test"
        if i < with_contacts:
            known.append(email)
        (cal / f"bench-{i}.ics").write_text(ics(i, start, email))
    return cal, known


def warm_up(url: str) -> None:
    """Radicale parses every file once and caches it; that first read is the
    server's cost, not a client's, so neither side is timed on it."""
    import caldav

    client = caldav.DAVClient(url, username=USER, password=PASSWORD, timeout=600)
    client.principal().calendars()[0].objects_by_sync_token(load_objects=False)
    client.close()


def baseline(url: str) -> tuple[float, float]:
    import caldav

    client = caldav.DAVClient(url, username=USER, password=PASSWORD, timeout=600)
    cal = client.principal().calendars()[0]
    t0 = time.perf_counter()
    coll = cal.objects_by_sync_token(load_objects=True)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    cal.objects_by_sync_token(sync_token=coll.sync_token, load_objects=True)
    again = time.perf_counter() - t0
    client.close()
    return first, again


def ours(url: str, folder: Path, known: list[str]) -> tuple[float, float, dict[str, object]]:
    clock = FixedClock(NOW)
    store = Store.open(folder / "followup.db", clock)
    store.settings.set("user_email", "me@example.test")
    with store.transaction():
        for n, email in enumerate(known):
            store.contacts.add(Contact(name=f"Person {n}", kind=Kind.CLIENT, emails=[LabelledValue(email)]))
    import os

    os.environ[FILE_ENV] = str(folder / "passwords.json")
    from followup.caldav.credentials import save_password

    save_password(url, USER, PASSWORD)
    account_id = acc.add_account(store, acc.CALDAV, url, USER, publish=False, now=NOW)
    _ = account_id
    t0 = time.perf_counter()
    first_report = sync_all(store)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    again_report = sync_all(store)
    again = time.perf_counter() - t0
    store.close()
    assert not again_report.errors, again_report.errors
    return first, again, first_report.as_json()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--with-contacts", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = {"baseline first": [], "baseline again": [], "followup first": [], "followup again": []}
    report: dict[str, object] = {}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            _, known = fill(folder / "radicale", args.events, args.with_contacts)
            (folder / "radicale" / "users").write_text(f"{USER}:{PASSWORD}\n")
            server = start_radicale(folder / "radicale")
            try:
                warm_up(server.url)
                # alternate which goes first, so a warm server cache favours neither
                if run % 2 == 0:
                    b = baseline(server.url)
                    o = ours(server.url, folder, known)
                else:
                    o = ours(server.url, folder, known)
                    b = baseline(server.url)
            finally:
                server.stop()
        rows["baseline first"].append(b[0])
        rows["baseline again"].append(b[1])
        rows["followup first"].append(o[0])
        rows["followup again"].append(o[1])
        report = o[2]
    med = {k: statistics.median(v) for k, v in rows.items()}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.events} events, {args.with_contacts} with contacts, {args.runs} runs (medians)")
    print(f"  first sync:       followup {med['followup first']:.2f} s, baseline {med['baseline first']:.2f} s, "
          f"ratio {med['followup first'] / med['baseline first']:.2f}x")  # fmt: skip
    print(f"  nothing new:      followup {med['followup again'] * 1000:.0f} ms (target < 1000 ms), "
          f"baseline {med['baseline again'] * 1000:.0f} ms")  # fmt: skip
    print(f"  peak memory of the bench process: {peak_mib:.0f} MiB")
    print(f"  last first sync: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
