"""Every long writer, killed with SIGKILL at random moments (real command-line
processes, 20 kills each): the database then passes integrity_check, opens,
and holds either everything from before or everything from after: at most the
transaction in flight is lost, never half of one."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from safety_procs import REPO_ROOT, cli, env, integrity

from followup.clock import SystemClock
from followup.domain import Contact
from followup.store import Store

KILLS = 20
# Stay-in-touch follow-ups are left out: they are derived, brought up to date in
# their own transaction after a writer (and before any due query), so a kill
# between the writer's commit and that one loses nothing that is not made again.
COUNTS = (
    *(f"SELECT count(*) FROM {t}" for t in ("contacts", "contact_emails", "touch_points", "engagements", "playbooks")),
    "SELECT count(*) FROM engagement_contacts",
    "SELECT count(*) FROM follow_ups WHERE source != 'cadence'",
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


def fingerprint(db: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return tuple(int(conn.execute(query).fetchone()[0]) for query in COUNTS)
    finally:
        conn.close()


def big_vcard(n: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\nEMAIL:p{i}@example.com\r\n"
        f"TEL:+44207{i:07d}\r\nNOTE:met at the fair\r\nEND:VCARD\r\n"
        for i in range(n)
    )


def big_calendar(n: int) -> str:
    start = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    fmt = "%Y%m%dT%H%M%SZ"
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "METHOD:PUBLISH"]
    for i in range(n):
        at = start + timedelta(hours=i % 8, days=i // 8 % 60)
        lines += [
            "BEGIN:VEVENT",
            f"DTSTART:{at:{fmt}}",
            f"DTEND:{at + timedelta(minutes=45):{fmt}}",
            "DTSTAMP:20261122T120000Z",
            f"UID:kill-{i}@google.com",
            f"ORGANIZER;CN=Person {i % 50}:mailto:person{i % 50}@client.example",
            f"SUMMARY:Meeting {i}",
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


@dataclass
class Writer:
    name: str
    prepare: Callable[[Path, Path], list[str]]  # (base data folder, files folder) -> the command's arguments


def _empty(folder: Path) -> None:
    Store.open(folder / "followup.db", SystemClock()).close()


def _demo(base: Path, files: Path) -> list[str]:
    _empty(base)
    return ["demo", "--contacts", "200"]


def _import_contacts(base: Path, files: Path) -> list[str]:
    _empty(base)
    (files / "big.vcf").write_text(big_vcard(5000))
    return ["import-contacts", str(files / "big.vcf")]


def _import_ics(base: Path, files: Path) -> list[str]:
    _empty(base)
    (files / "big.ics").write_text(big_calendar(600))
    return ["import-ics", str(files / "big.ics")]


def _restore(base: Path, files: Path) -> list[str]:
    source = files / "source"
    assert cli(source, "demo", "--contacts", "200").returncode == 0
    assert cli(source, "backup", str(files / "backup.db")).returncode == 0
    with Store.open(base / "followup.db", SystemClock()) as store:
        for name in ("Ana Lima", "Bruno Costa", "Chen Wei"):
            store.contacts.add(Contact(name=name))
    return ["restore", str(files / "backup.db"), "--force"]


def _plan(base: Path, files: Path) -> list[str]:
    assert cli(base, "demo", "--contacts", "60").returncode == 0
    others = [arg for n in range(2, 12) for arg in ("--with", str(n))]
    return ["plan", "1", "--title", "Launch", "--start", "2027-01-11T10:00", *others]


WRITERS = [
    Writer("demo", _demo),
    Writer("import-contacts", _import_contacts),
    Writer("import-ics", _import_ics),
    Writer("restore", _restore),
    Writer("plan", _plan),
]


def _start(folder: Path, argv: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "main.py"), "--data-dir", str(folder), *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env(),
    )


@pytest.mark.parametrize("writer", WRITERS, ids=[w.name for w in WRITERS])
def test_a_long_writer_killed_at_random_moments_loses_at_most_its_transaction(writer: Writer, tmp_path: Path) -> None:
    # GIVEN a database as it was before the writer, and what the writer leaves when it completes
    base, files = tmp_path / "base", tmp_path / "files"
    base.mkdir()
    files.mkdir()
    argv = writer.prepare(base, files)
    before = fingerprint(base / "followup.db")
    calibration = tmp_path / "complete"
    shutil.copytree(base, calibration)
    started = time.monotonic()
    done = cli(calibration, *argv)
    duration = time.monotonic() - started  # only to spread the kills over the run, never asserted
    assert done.returncode == 0, done.stderr
    after = fingerprint(calibration / "followup.db")
    assert after != before
    rng = random.Random(f"kill-{writer.name}")
    outcomes = {"before": 0, "mid-transaction": 0, "after": 0}
    for trial in range(KILLS):
        folder = tmp_path / f"trial-{trial}"
        shutil.copytree(base, folder)
        # WHEN the writer is killed with SIGKILL at a random moment
        proc = _start(folder, argv)
        time.sleep(rng.uniform(0.2, 1.5) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        stderr = proc.stderr.read().decode()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
        assert proc.returncode in (0, -signal.SIGKILL), stderr
        # THEN the file is intact, opens, and holds all of the before or all of the after
        db = folder / "followup.db"
        wal = db.with_name("followup.db-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0  # frames left by the killed process
        assert integrity(db) == "ok", f"trial {trial}"
        with Store.open(db, SystemClock()) as store:
            assert store.integrity_ok()
            store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES ('integrity-check', 1)")
        state = fingerprint(db)
        assert state in (before, after), f"trial {trial}: {state} is neither {before} nor {after}"
        if state == after:
            outcomes["after"] += 1
        else:
            outcomes["mid-transaction" if wal_bytes > 32 else "before"] += 1
        shutil.rmtree(folder)
    print(f"{writer.name}: {KILLS} kills over {duration:.2f} s runs: {outcomes}")
