"""Foundation benchmark: start-up, filter-as-you-type, opening a contact, notes search.

A report, not a test: it prints figures against the targets and exits 0 either way.

    .venv/bin/python bench/bench_foundation.py            # 10,000 contacts, ~200,000 touch points
    .venv/bin/python bench/bench_foundation.py --quick    # 1,000 contacts
    .venv/bin/python bench/bench_foundation.py --rounds 11
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    RARE_WORD,
    ROOT,
    BenchData,
    Report,
    alternate,
    build_database,
    make_none_immortal,
    median_ms,
    ms,
    pyside_loses_none_refs,
    python_env,
    time_call,
    xvfb_display,
)

STARTUP_RATIO_TARGET = 1.5
KEYSTROKE_MS = 16.0
OPEN_CONTACT_MS = 50.0
SEARCH_MS = 50.0

# What a user types in the contacts search box, one keystroke at a time.
FILTER_QUERIES = {
    "name prefix": "anal",  # a, an, ana (Ana, Ananya…), then 'anal' (the Analytics organisations)
    "name": "santiago",
    "org word": "meridian",
    "email domain": "atlasfoods.co.uk",
    "tag": "decision-maker",
    "no match": "zqxw",
}
NOTE_QUERIES = {
    "common word": "budget",
    "rare word": RARE_WORD,
    "two words": "budget lisbon",
    "prefix": "migr",
    "one-letter prefix": "a",
    "no match": "xylophone",
}


def bench_startup(data: BenchData, report: Report, rounds: int, use_xvfb: bool) -> None:
    commands = {
        "app": [sys.executable, "main.py", "--data-dir", str(data.data_dir), "--view", "contacts", "--quit-on-paint"],
        "baseline": [sys.executable, str(ROOT / "bench" / "baseline_window.py"), str(data.db_path)],
    }
    platforms = [("offscreen", python_env(QT_QPA_PLATFORM="offscreen"))]
    with xvfb_display() if use_xvfb else nullcontext() as display:
        if display:
            platforms.append((f"xcb, Xvfb {display}", python_env(QT_QPA_PLATFORM="xcb", DISPLAY=display)))
        elif use_xvfb:
            report.note("start-up under Xvfb", "skipped (Xvfb not available)")
        for label, env in platforms:
            print(f"start-up [{label}]: {rounds} alternating rounds of app and baseline…", flush=True)
            try:
                times = alternate(commands, env, rounds)
            except RuntimeError as error:
                report.note(f"start-up [{label}]", f"FAILED: {str(error).splitlines()[0]}")
                continue
            for name, samples in times.items():
                print(f"  {name:8} ms: " + " ".join(f"{ms(t):.0f}" for t in samples))
            app_ms, base_ms = median_ms(times["app"]), median_ms(times["baseline"])
            report.add(f"start-up [{label}]: app, median", app_ms, "ms")
            report.add(f"start-up [{label}]: baseline, median", base_ms, "ms")
            report.add(f"start-up [{label}]: ratio app/baseline", app_ms / base_ms, "x", STARTUP_RATIO_TARGET)


def bench_in_process(data: BenchData, report: Report, rounds: int) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, QObject, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QWidget

    from followup.clock import SystemClock
    from followup.store import Store
    from ui.app import make_application
    from ui.shell.window import MainWindow

    class PaintCounter(QObject):
        def __init__(self, widget: QWidget) -> None:
            super().__init__(widget)
            self.count = 0
            widget.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    def until_painted(counter: PaintCounter, action: Callable[[], object]) -> float:
        """Seconds for ``action()`` plus event processing up to the next paint."""
        before = counter.count
        start = time.perf_counter()
        action()
        QApplication.processEvents()
        for _ in range(5):  # layouts run on zero-timers; the paint may need another pass
            if counter.count != before:
                break
            QApplication.processEvents()
        return time.perf_counter() - start

    def on_qt_message(kind: object, context: object, text: str) -> None:
        if "propagateSizeHints" not in text:  # the offscreen platform's one harmless complaint
            print(text, file=sys.stderr)

    qInstallMessageHandler(on_qt_message)
    make_application()
    lost_per_call = pyside_loses_none_refs()
    none_refs = sys.getrefcount(None)
    if lost_per_call:
        make_none_immortal()  # else the run aborts; see pyside_loses_none_refs()
    store = Store.open(data.db_path)
    start = time.perf_counter()
    window = MainWindow(store, SystemClock(), data.data_dir, initial_view="contacts")
    window.show()
    list_paints = PaintCounter(window.contacts_panel.table.viewport())
    timeline_paints = PaintCounter(window.contact_page.timeline.viewport())
    until_painted(list_paints, lambda: None)
    report.add("in-process: MainWindow built and painted", ms(time.perf_counter() - start), "ms")

    # -- filter as you type ----------------------------------------------------
    search = window.contacts_panel.search
    print("filter-as-you-type…", flush=True)
    all_keys: list[float] = []
    for label, query in FILTER_QUERIES.items():
        keys: list[float] = []
        for _ in range(max(1, rounds // 2)):
            for i in range(1, len(query) + 1):
                keys.append(until_painted(list_paints, partial(search.setText, query[:i])))
            shown = window.contacts_model.rowCount()
            search.clear()
            QApplication.processEvents()
        all_keys += keys
        report.add(f"filter '{query}' ({label}, {shown} shown): median/key", median_ms(keys), "ms")
        report.add(f"filter '{query}': worst key", ms(max(keys)), "ms", KEYSTROKE_MS)
    clears = []
    for _ in range(rounds):
        search.setText("meridian")
        QApplication.processEvents()
        clears.append(until_painted(list_paints, search.clear))
    report.add(f"filter, all {len(all_keys)} keystrokes: median", median_ms(all_keys), "ms", KEYSTROKE_MS)
    report.add("filter, all keystrokes: max", ms(max(all_keys)), "ms", KEYSTROKE_MS)
    report.add("filter cleared (Esc, back to all rows): median", median_ms(clears), "ms", KEYSTROKE_MS)

    # -- opening a contact -------------------------------------------------------
    print("opening contacts…", flush=True)
    first = until_painted(timeline_paints, lambda: window.show_contact(data.big_contact))
    big: list[float] = []
    other: list[float] = []
    for _ in range(rounds * 2):
        other.append(until_painted(timeline_paints, lambda: window.show_contact(data.other_contact)))
        big.append(until_painted(timeline_paints, lambda: window.show_contact(data.big_contact)))
    n_other = window.store.touch_points.count_for(data.other_contact)
    report.add("open contact, 500 touch points: first time", ms(first), "ms")
    report.add("open contact, 500 touch points: median", median_ms(big), "ms", OPEN_CONTACT_MS)
    report.add("open contact, 500 touch points: max", ms(max(big)), "ms")
    report.add(f"open contact, {n_other} touch points: median", median_ms(other), "ms")

    # -- full-text search over the notes ---------------------------------------------
    print("notes search…", flush=True)
    tps = store.touch_points
    for label, query in NOTE_QUERIES.items():
        hits = len(tps.search(query))
        times = [time_call(partial(tps.search, query)) for _ in range(rounds * 3)]
        report.add(f"notes search '{query}' ({label}, {hits} hits): median", median_ms(times), "ms", SEARCH_MS)
    window.close()
    store.close()
    if lost_per_call:
        lost = none_refs + (1 << 40) - sys.getrefcount(None)
        report.note("PySide6 bug: refs to None lost in this section", f"{lost:,} (None had {none_refs:,})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 contacts instead of 10,000")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of each start-up and repeated measurement")
    parser.add_argument("--no-xvfb", action="store_true", help="skip the start-up run under Xvfb")
    args = parser.parse_args(argv)
    contacts = 1000 if args.quick else 10_000
    rounds = max(1, args.rounds)

    print(
        f"Followup foundation benchmark, {datetime.now():%Y-%m-%d %H:%M}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, {platform.platform()}"
    )
    import PySide6

    print(f"PySide6 {PySide6.__version__}, SQLite {sqlite3.sqlite_version}, repo {ROOT}")
    print(f"demo database: {contacts:,} contacts, seed 1…", flush=True)
    data = build_database(contacts, seed=1)
    how = "reused the cached copy" if data.reused else "built"
    print(
        f"  {how} in {data.build_seconds:.1f} s: {data.contacts:,} contacts, {data.touch_points:,} touch points, "
        f"contact #{data.big_contact} has 500; {data.db_path.relative_to(ROOT)}"
    )

    report = Report()
    if not data.reused:
        report.add("build the demo database", data.build_seconds * 1000, "ms")
    bench_startup(data, report, rounds, use_xvfb=not args.no_xvfb)
    bench_in_process(data, report, rounds)
    print()
    report.print()
    overs = [r[0] for r in report.rows if r[3] == "OVER"]
    print(f"\n{len(overs)} figure(s) over target" + (": " + "; ".join(overs) if overs else "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
