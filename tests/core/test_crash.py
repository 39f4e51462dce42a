"""A real crash: a writer killed with SIGKILL mid-work loses no committed batch
and leaves no partial one, and the database stays consistent."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from followup.clock import FixedClock
from followup.domain import Contact
from followup.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
BATCH = 5
# (batches to wait for before the kill) for three successive crashes of the same file.
KILL_AFTER = [1, 7, 30]
TIMEOUT_S = 60

WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from datetime import UTC, datetime, timedelta
from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.store import Store

path, contact_id, batch = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
store = Store.open(path, FixedClock(now))
n = store.touch_points.count()
committed = 0
while True:
    with store.transaction():
        for _ in range(batch):
            n += 1
            # Times jump about, so the newest entry is rarely the last one written.
            at = now - timedelta(minutes=(n * 7919) % 500_000)
            store.touch_points.add(
                TouchPoint(contact_id, at, Channel.PHONE, Direction.OUT, f"Call {n}", notes="word " * 50)
            )
    committed += 1
    print(committed, flush=True)
"""


def _run_until_killed(db_path: Path, contact_id: int, kill_after: int) -> int:
    """Start the writer, kill it once it reported ``kill_after`` commits; return the commits it reported."""
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(REPO_ROOT), str(db_path), str(contact_id), str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True)  # type: ignore[union-attr]
    reader.start()
    reported = 0
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while reported < kill_after:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or proc.poll() is not None:
                break
            try:
                reported = int(lines.get(timeout=min(remaining, 1.0)))
            except queue.Empty:
                continue
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=TIMEOUT_S)
        reader.join(timeout=TIMEOUT_S)
        stderr = proc.stderr.read()  # type: ignore[union-attr]
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    while not lines.empty():  # lines printed between our last read and the kill were committed too
        reported = max(reported, int(lines.get()))
    assert proc.returncode == -signal.SIGKILL, stderr
    assert reported >= kill_after, f"the writer reported only {reported} commits: {stderr}"
    return reported


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_write_loses_nothing_committed(db_path: Path, clock: FixedClock) -> None:
    # GIVEN a database with one contact
    with Store.open(db_path, clock) as store:
        contact_id = store.contacts.add(Contact(name="Ana Lima"))
    expected_at_least = 0
    for kill_after in KILL_AFTER:
        # WHEN a writer committing batches of 5 is killed with SIGKILL
        expected_at_least += _run_until_killed(db_path, contact_id, kill_after) * BATCH
        # THEN the file opens, is intact, holds whole batches only and every batch reported committed
        with Store.open(db_path, clock) as store:
            assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES ('integrity-check', 1)")
            count = store.touch_points.count()
            assert count % BATCH == 0
            assert count >= expected_at_least
            # AND last touched is exactly the newest surviving entry
            newest = max(tp.at for tp in store.touch_points.for_contact(contact_id))
            assert store.contacts.get(contact_id).last_touched_at == newest
            assert len(store.touch_points.search("call")) == min(count, 200)
            expected_at_least = count  # the next crash starts from what survived
