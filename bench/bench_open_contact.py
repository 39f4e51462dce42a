"""Benchmark: opening a contact (selecting another row of the list) at scale,
on the GUI thread (issue 16: under 16 ms, one frame). Opens the window
offscreen over a data folder (a copy of a `demo --contacts 100000` database:
runs change it), waits for the whole list, builds the contact page, then
opens N contacts one after the other, each followed by a pause, and prints:

- the GUI thread's CPU (``time.thread_time``) from the selection until the
  page's timeline has painted, as ``bench_interactions.py`` times it (the
  pass of the event loop that paints may also run what was due after the
  paint, such as the next batch of the timeline's cards);
- the same until the timeline's first paint begins (the frame is on screen a
  paint later: what the user waits for is between the two);
- how much of it was the fill (the selection's handlers, synchronous) and how
  much the event loop after it (layouts, paints);
- how often the page was painted within that and in the pause after it, and
  the GUI CPU of the pause (work the open left for later turns);
- the first contact opened after the page is built (apart: Qt's first
  everything), and the opens whose details gained or lost their scroll bar
  (a small window: the text wraps again).

    .venv/bin/python bench/bench_open_contact.py /tmp/copy-of-d100k [N] [--size WxH] [--profile]

(``--size``: the window's size, e.g. 700x560 for a small one; the default is
the offscreen one, 784x752. ``--profile``: cProfile on the GUI thread during
the opens, the 25 biggest by own time and by cumulative time printed after.)

A report, never a test: it always exits 0.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for where in (ROOT, ROOT / "bench"):
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import make_none_immortal, pyside_loses_none_refs  # noqa: E402
from gui_timing import Paints, closed, settle, shown_with_the_whole_list  # noqa: E402
from PySide6.QtCore import qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from followup.clock import SystemClock  # noqa: E402
from followup.store import Store  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.widgets import activity  # noqa: E402

PAUSE_S = 0.05  # after each open: what it left for later turns of the event loop runs here


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:6.2f}  worst {max(values) * 1000:6.2f} ms"


def main(folder: Path, n: int, size: tuple[int, int] | None, profile: bool) -> None:
    qInstallMessageHandler(lambda _k, _c, text: None if "propagateSizeHints" in text else print(text, file=sys.stderr))
    make_application()
    if pyside_loses_none_refs():
        make_none_immortal()
    store = Store.open(folder / "followup.db", SystemClock())
    window = shown_with_the_whole_list(store, folder, size)
    settle(3.0)  # the page built in slices, the list's orders sorted
    table, model, page = window.contacts_panel.table, window.contacts_model, window.contact_page
    timeline_paints, page_paints = Paints(page.timeline.viewport()), Paints(page)
    print(f"{model.rowCount():,} contacts; window {window.width()}x{window.height()}; load {os.getloadavg()[0]:.2f}")
    total: list[float] = []
    fill: list[float] = []
    to_paint: list[float] = []  # until the timeline's first paint begins
    after: list[float] = []
    paints_in = paints_after = 0
    flips: list[float] = []  # the opens whose details gained or lost their scroll bar
    first = 0.0
    bar = page.details_area.verticalScrollBar()
    profiler = cProfile.Profile() if profile else None
    for i in range(n + 5):
        row = (i * 7919) % model.rowCount()
        before, page_before = timeline_paints.count, page_paints.count
        activity.note()
        had_bar = bar.isVisible()
        timeline_paints.started = None
        if profiler is not None and i >= 5:
            profiler.enable()
        cpu = time.thread_time()
        table.selectRow(row)
        filled = time.thread_time()
        QApplication.processEvents()
        for _ in range(5):  # as bench_interactions.until_painted
            if timeline_paints.count != before:
                break
            QApplication.processEvents()
        painted = time.thread_time()
        if profiler is not None:
            profiler.disable()
        page_painted = page_paints.count
        settle(PAUSE_S)
        if i == 0:
            first = painted - cpu
        if i < 5:  # warm-up
            continue
        if bar.isVisible() != had_bar:
            flips.append(painted - cpu)
        total.append(painted - cpu)
        fill.append(filled - cpu)
        if timeline_paints.started is not None:
            to_paint.append(timeline_paints.started - cpu)
        after.append(time.thread_time() - painted)
        paints_in += page_painted - page_before
        paints_after += page_paints.count - page_painted
    print(f"open a contact, until painted (GUI CPU), n={n}: {ms(total)}")
    print(f"  until its first paint begins:             {ms(to_paint)}")
    print(f"  the fill (selection handlers):            {ms(fill)}")
    print(f"  the pause after it ({PAUSE_S * 1000:.0f} ms, GUI CPU):     {ms(after)}")
    print(f"  paint events of the page per open: {paints_in / n:.1f} until painted, {paints_after / n:.1f} after")
    print(f"  the first contact opened after the page is built: {first * 1000:6.2f} ms")
    if flips:
        print(f"  those whose details gained or lost their scroll bar, n={len(flips)}: {ms(flips)}")
    print(f"load {os.getloadavg()[0]:.2f}")
    if profiler is not None:
        for key in ("tottime", "cumulative"):
            pstats.Stats(profiler).sort_stats(key).print_stats(25)
    closed(window, store)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = sys.argv[1:]
    wanted = flags[flags.index("--size") + 1] if "--size" in flags else None
    if wanted is not None:
        args.remove(wanted)
    main(
        Path(args[0]),
        int(args[1]) if len(args) > 1 else 40,
        tuple(int(v) for v in wanted.split("x")) if wanted else None,  # type: ignore[arg-type]
        "--profile" in flags,
    )
