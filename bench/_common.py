"""Helpers for bench_foundation.py: the cached demo database, timing, Xvfb, the report table."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from followup import demo  # noqa: E402
from followup.demo_data import NOTE_SENTENCES, SUMMARIES  # noqa: E402
from followup.store import Store, migrations  # noqa: E402
from followup.timeutil import to_db  # noqa: E402

BIG_TOUCH_POINTS = 500
RARE_WORD = "escrow"  # planted in a few of the big contact's notes: the demo corpus has no rare words
RARE_COUNT = 5


@dataclass(slots=True)
class BenchData:
    data_dir: Path
    db_path: Path
    big_contact: int  # has exactly BIG_TOUCH_POINTS touch points
    other_contact: int  # an ordinary contact, to alternate with
    contacts: int
    touch_points: int
    build_seconds: float
    reused: bool


def build_database(contacts: int, seed: int) -> BenchData:
    """The demo database for these parameters, built once and cached under bench/out/."""
    key = f"c{contacts}-s{seed}-big{BIG_TOUCH_POINTS}-v{migrations.LATEST}"
    data_dir = OUT / key
    db_path = data_dir / "followup.db"
    done = data_dir / "complete"
    big, other = contacts // 2 or 1, contacts // 3 or 1
    reused = done.exists() and _schema_version(db_path) == migrations.LATEST
    start = time.perf_counter()
    if not reused:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        with Store.open(db_path) as store:
            demo.generate(store, contacts=contacts, seed=seed)
            _give_touch_points(store, big, BIG_TOUCH_POINTS, seed)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        done.write_text("ok\n")
    seconds = time.perf_counter() - start
    with Store.open(db_path) as store:
        n_contacts, n_tps = store.contacts.count(), store.touch_points.count()
        assert store.touch_points.count_for(big) == BIG_TOUCH_POINTS
    return BenchData(data_dir, db_path, big, other, n_contacts, n_tps, seconds, reused)


def _schema_version(db_path: Path) -> int:
    """The database's schema version, read without migrating it (-1 if unreadable)."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def _give_touch_points(store: Store, contact_id: int, total: int, seed: int) -> None:
    """Top the contact up to exactly ``total`` touch points with one bulk insert."""
    rng = random.Random(seed + 1)
    have = store.touch_points.count_for(contact_id)
    now = store.clock.now().replace(microsecond=0)
    stamp = to_db(now)
    rows = []
    for i in range(total - have):
        direction = rng.choice(["in", "out", "met"])
        notes = " ".join(rng.sample(NOTE_SENTENCES, rng.choice([1, 2, 3, 4, 5])))
        if i < RARE_COUNT:
            notes += f" They asked about the {RARE_WORD} arrangement."
        at = now - timedelta(days=rng.randrange(1, 730), hours=rng.randrange(0, 10))
        channel = "in_person" if direction == "met" else rng.choice(["email", "phone"])
        rows.append(
            (contact_id, to_db(at), "UTC", channel, direction, rng.choice(SUMMARIES[direction]), notes, stamp, stamp)
        )
    with store.transaction() as conn:
        conn.executemany(
            """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        conn.execute(
            "UPDATE contacts SET last_touched_at = (SELECT max(at_utc) FROM touch_points WHERE contact_id = ?) "
            "WHERE id = ?",
            (contact_id, contact_id),
        )


def run_timed(cmd: Sequence[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one subprocess, from spawn to exit."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return seconds


def alternate(commands: dict[str, list[str]], env: dict[str, str], rounds: int) -> dict[str, list[float]]:
    """Run each command once per round, in turn, after one untimed warm-up each."""
    for cmd in commands.values():
        run_timed(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            times[name].append(run_timed(cmd, env))
    return times


@contextmanager
def xvfb_display() -> Iterator[str | None]:
    """A private Xvfb server's DISPLAY, or None if Xvfb is not installed."""
    if not (shutil.which("xvfb-run") and shutil.which("Xvfb")):
        yield None
        return
    number = next((n for n in range(77, 100) if not Path(f"/tmp/.X{n}-lock").exists()), None)
    if number is None:
        yield None
        return
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{number}")
        for _ in range(100):
            if socket.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        yield f":{number}" if proc.poll() is None and socket.exists() else None
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def ms(seconds: float) -> float:
    return seconds * 1000.0


def median_ms(samples: Sequence[float]) -> float:
    return ms(statistics.median(samples))


def time_call(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


class Report:
    """Rows of (measurement, figure, target, verdict), printed as one table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, name: str, value: float, unit: str, target: float | None = None) -> None:
        shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.1f} {unit}"
        if target is None:
            self.rows.append((name, shown, "", ""))
        else:
            limit = f"<= {target:g}{unit}" if unit == "x" else f"< {target:g} {unit}"
            self.rows.append((name, shown, limit, "PASS" if value <= target else "OVER"))

    def note(self, name: str, text: str) -> None:
        self.rows.append((name, text, "", ""))

    def print(self) -> None:
        widths = [max(len(r[i]) for r in [("Measurement", "Figure", "Target", ""), *self.rows]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        print(line)
        for row in [("Measurement", "Figure", "Target", ""), *self.rows]:
            print(
                "  ".join(
                    cell.ljust(w) if i != 1 else cell.rjust(w)
                    for i, (cell, w) in enumerate(zip(row, widths, strict=True))
                )
            )
            if row[0] == "Measurement":
                print(line)
        print(line)


def python_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.update(extra)
    return env


def pyside_loses_none_refs() -> int:
    """References to None a PySide6 void method call loses (0 when healthy).

    PySide6 6.12.0 on CPython 3.11 returns None from every void method without
    taking a reference; None is immortal only from 3.12, so on 3.11 the app
    aborts ('none_dealloc: deallocating None') after a few thousand such calls.
    """
    from PySide6.QtGui import QColor

    colour = QColor()
    before = sys.getrefcount(None)
    for _ in range(100):
        colour.setRed(1)
    return (before - sys.getrefcount(None)) // 100


def make_none_immortal() -> None:
    """Work around that bug for this process, as CPython 3.12 does: give None
    references that are never released. Changes no timing."""
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
