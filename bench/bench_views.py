"""Saved views and likely duplicates at 100,000 contacts (issue 15): compiling
a view (its SQL-only criteria as one query of ids) and selecting the rows the
contacts list keeps in memory; finding the likely duplicates (blocked by
email, phone and folded name; never every pair). A report: always exits 0.

    .venv/bin/python bench/bench_views.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup import duplicates
from followup.clock import FixedClock
from followup.domain import Kind
from followup.preferences import Preferences
from followup.saved_views import Criteria, compile_view
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
KINDS = [k.value for k in Kind]


def build(store: Store, n: int) -> None:
    """n contacts: kinds, tags, touches spread over two years, 1% written twice (email, phone or name)."""
    at = "2025-01-01T00:00:00Z"
    conn = store.conn
    with store.transaction():
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, organisation, created_at, updated_at, last_touched_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (i, f"Given{i % 5000} Family{i * 7919 % n}", KINDS[i % 6], f"Org {i % 900}", at, at,
                 f"20{24 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z")
                for i in range(1, n + 1)
            ],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, address, address_lower) VALUES (?, 0, ?, ?)",
            [(i, f"p{i}@x.example", f"p{i}@x.example") for i in range(1, n + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_phones (contact_id, position, number, normalised) VALUES (?, 0, ?, ?)",
            [(i, f"+49 30 {i:08d}", f"+4930{i:08d}") for i in range(1, n + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)", [(i, "vip") for i in range(1, n + 1, 7)]
        )
        twins = range(2, n + 1, 100)
        conn.executemany(
            "INSERT INTO contact_phones (contact_id, position, number, normalised) VALUES (?, 1, ?, ?)",
            [(i, f"030 {i - 1:08d}", f"030{i - 1:08d}") for i in twins],
        )


def timed(fn, rounds: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", FixedClock(NOW))
        build(store, n)
        store.analyze()
        rows = store.contacts.rows()
        prefs = Preferences.load(store)
        print(f"{n:,} contacts")
        for what, criteria in (
            ("kind + tag", Criteria(kind=Kind.CLIENT, tag="vip")),
            ("text + touched before 90d", Criteria(text="family1", touched_before="90d")),
            ("overdue (SQL ids)", Criteria(overdue=True)),
            ("needs a reply (SQL ids)", Criteria(needs_reply=True)),
            ("everything", Criteria("given1", Kind.CLIENT, "vip", "Org 1", True, True, False, "30d", "2024-01-01")),
        ):
            compile_ms, view = timed(lambda c=criteria: compile_view(store, c, NOW, prefs))
            select_ms, shown = timed(lambda v=view: v.select(rows))  # type: ignore[attr-defined]
            print(f"  view {what:28} compile {compile_ms:7.1f} ms  select {select_ms:6.1f} ms  {len(shown):>7,} shown")  # type: ignore[arg-type]
        find_ms, pairs = timed(lambda: duplicates.find(store), rounds=3)
        print(f"  likely duplicates: {find_ms:.0f} ms, {len(pairs):,} pairs")  # type: ignore[arg-type]
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
