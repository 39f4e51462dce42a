"""Notes search with one huge note (4.9 million characters, thousands of hits).

The issue measured 17-34 s for a search on such a note: FTS5's snippet()
scores every phrase instance against the others. Past SNIPPET_IN_SQL_MAX
characters the snippet is now cut in Python (followup/store/snippets.py).
Prints the median of each query, against snippet() in SQL for the same row
(skip that with --quick: it takes tens of seconds). A report: always exits 0.

    .venv/bin/python bench/bench_huge_notes.py [--quick]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup.clock import FixedClock  # noqa: E402
from followup.domain import Channel, Contact, Direction, TouchPoint  # noqa: E402
from followup.store import Store  # noqa: E402
from followup.store.touchpoints import fts_query  # noqa: E402

NOTE_CHARS = 4_900_000
WORDS = ["alpha", "budget", "contract", "delivery", "escrow", "forecast", "growth", "hiring", "roadmap", "quarterly"]
QUERIES = ["escrow", "roadmap12", "zürich", "budget contract", "nothingmatches"]
TARGET_MS = 50


def build(path: Path) -> Store:
    store = Store.open(path, FixedClock(datetime(2026, 11, 23, tzinfo=UTC)))
    rnd = random.Random(1)
    contact = store.contacts.add(Contact("Huge Note"))
    text = " ".join(f"{rnd.choice(WORDS)}{rnd.randint(0, 999)}" for _ in range(NOTE_CHARS // 9))[:NOTE_CHARS]
    text = text[:2_000_000] + " Zurich " + text[2_000_000:]
    for i in range(200):  # ordinary touch points around it
        store.touch_points.add(
            TouchPoint(
                contact_id=contact,
                at=datetime(2026, 1, 1, tzinfo=UTC).replace(hour=i % 24, day=1 + i % 28),
                tz="UTC",
                channel=Channel.EMAIL,
                direction=Direction.IN,
                summary=f"call {i}",
                notes=f"escrow and budget, item {i}",
            )
        )
    store.touch_points.add(
        TouchPoint(
            contact_id=contact,
            at=datetime(2026, 11, 20, tzinfo=UTC),
            tz="UTC",
            channel=Channel.EMAIL,
            direction=Direction.IN,
            summary="the whole thread",
            notes=text,
        )
    )
    return store


def median_ms(run: object, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        store = build(Path(folder) / "followup.db")
        print(f"one note of {NOTE_CHARS:,} characters among 200 ordinary ones; target < {TARGET_MS} ms")
        print(f"{'query':<18} {'search()':>10} {'snippet() in SQL':>18}")
        for q in QUERIES:
            now = median_ms(lambda q=q: store.touch_points.search(q))
            old = "skipped"
            if not quick:
                sql = (
                    "SELECT snippet(touch_points_fts, -1, '[', ']', '…', 16) FROM touch_points_fts "
                    "WHERE touch_points_fts MATCH ? ORDER BY rowid DESC LIMIT 200"
                )
                query = fts_query(q)
                old = f"{median_ms(lambda s=sql, x=query: store.conn.execute(s, (x,)).fetchall(), rounds=1):,.0f} ms"
            print(f"{q:<18} {now:>7.1f} ms {old:>18}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
