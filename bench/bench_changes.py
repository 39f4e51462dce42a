"""Benchmark: what watching the database for changes from elsewhere costs, and
how soon such a change shows in the open window.

The changes hub (ui/ops/changes.py) asks SQLite's ``PRAGMA data_version`` once
a second; this measures one ask on a demo database, and the time from a real
second process (``main.py log``) finishing its write to Today listing the new
reply promise. It is a report: it always exits 0.

    .venv/bin/python bench/bench_changes.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup import demo
from followup.clock import SystemClock
from followup.store import Store

ROOT = Path(__file__).resolve().parent.parent


def pragma_cost_us(store: Store, n: int = 20_000) -> float:
    start = time.perf_counter()
    for _ in range(n):
        store.conn.execute("PRAGMA data_version").fetchone()
    return (time.perf_counter() - start) / n * 1e6


def today_titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [fu.title for fu in window.today_model.listed()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from ui.shell.window import MainWindow

    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = Store.open(data / "followup.db", SystemClock())
        demo.generate(store, contacts=60, seed=1)
        print(f"PRAGMA data_version: {pragma_cost_us(store):.2f} µs a call (asked once a second)")
        window = MainWindow(store, SystemClock(), data)
        window.show()
        window.registry.go_today.trigger()
        name = store.contacts.names()[0][1]
        latencies = []
        for i in range(args.rounds):
            summary = f"Asked about round {i}"
            before = len(today_titles(window))
            subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "log", name, "--channel", "email",
                 "--direction", "in", "--needs-reply", "--summary", summary],
                check=True, capture_output=True,
            )  # fmt: skip
            written = time.perf_counter()
            while len(today_titles(window)) <= before:  # the new reply promise is not listed yet
                app.processEvents()
                time.sleep(0.005)
                if time.perf_counter() - written > 10:
                    break
            latencies.append(time.perf_counter() - written)
        latencies.sort()
        print(
            f"a change by another process shows in Today after {latencies[len(latencies) // 2] * 1000:.0f} ms "
            f"(median of {len(latencies)}, max {latencies[-1] * 1000:.0f} ms; target < 2000 ms)"
        )
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
