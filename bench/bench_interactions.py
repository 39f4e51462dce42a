"""Benchmark: every interaction on the GUI thread at scale (issue 16: under
16 ms, one frame). Opens the window in-process, offscreen, over a data folder
(a copy of a `demo --contacts 100000` database), waits for the whole list,
then times, each until the view it changes has painted: filter as you type,
the filter cleared, sorting by each column, opening a contact (selecting it in
the list), switching tabs, and acting on a selected Today item as a user does
with the keyboard: Delete (skip), S then a choice (snooze), Ctrl+D (done) and
R (reschedule), whose dialogs are accepted once painted, as Enter would. For
those two the dialog's own shares are given apart: the key to the dialog
painted, and from its Done or OK to Today painted again. Prints the
median and the worst of each, wall time and the GUI thread's own CPU time
(``time.thread_time``: a worker's share is not in it). A report, never a
test: it always exits 0.

    .venv/bin/python bench/bench_interactions.py /tmp/copy-of-c100000/ [ROUNDS] [--today | --first-insights]

(``--today``: only switching to Today and acting on it. ``--first-insights``:
only the first switch to Insights by a user who has not paused since the
window opened, an input noted every 20 ms from before the window is shown:
the switch until painted, then the most GUI CPU in one pass of the event loop
(between two ticks of a zero timer: what a key pressed then would wait for)
until the view is built and its figures shown, and the build's slices.)
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for where in (ROOT, ROOT / "bench"):
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import make_none_immortal, pyside_loses_none_refs  # noqa: E402
from bench_foundation import FILTER_QUERIES  # noqa: E402
from gui_timing import (  # noqa: E402
    Paints,
    Sample,
    accepted_as_it_opens,
    closed,
    cpu_of,
    line,
    settle,
    shown_with_the_whole_list,
    timed,
    until_painted,
)
from PySide6.QtCore import QObject, Qt, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from followup.clock import SystemClock  # noqa: E402
from followup.store import Store  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.shell import contact_page_slot  # noqa: E402
from ui.shell.insights_slot import built  # noqa: E402
from ui.shell.window import MainWindow  # noqa: E402
from ui.widgets import activity  # noqa: E402


def act_on_today(window: MainWindow, today: Paints, rounds: int) -> None:
    """Each action on a different overdue item, Today read again on the worker between them."""
    view = window.today_view
    tree = view.tree
    window.tabs.setCurrentWidget(view)
    settle(0.3)
    window.today.wait()
    settle(0.3)
    by_key = {action.shortcut().toString(): action for action in tree.actions()}
    delete = by_key[QKeySequence(QKeySequence.StandardKey.Delete).toString()]
    actions: dict[str, Callable[[], object]] = {
        "skip (Delete)": delete.trigger,
        "snooze (S, then 1 hour)": view.snooze_menu.actions()[0].trigger,
        "done (Ctrl+D, the dialog accepted)": window.registry.done.trigger,
        "reschedule (R, the dialog accepted)": by_key["R"].trigger,
    }
    samples: dict[str, list[Sample]] = {name: [] for name in actions}
    after: dict[str, list[float]] = {name: [] for name in actions}
    opened: dict[str, list[float]] = {name: [] for name in actions}  # the key to its dialog painted
    told = cpu_of(window.hub, "publish")  # what the write touched, told when it has run (then painted)
    for i in range(rounds):
        for name, act in actions.items():
            tree.setCurrentIndex(window.today_model.index(3 + 5 * i, 0, window.today_model.section_index(0)))
            settle(0.05)
            accepted: list[float] = []
            if "dialog" in name:
                accepted_as_it_opens(accepted)
            samples[name].append(until_painted(today, act))
            end = time.thread_time()
            if accepted:
                after[name].append(end - accepted[0])
                opened[name].append(samples[name][-1][1] - after[name][-1])
            settle(0.2)
            window.today.wait()  # the write, and Today read again, on the worker
            settle(0.3)
    for name, found in samples.items():
        line(f"act on Today: {name}", found, frames=2 if after[name] else 1)  # a dialog's: two steps
        if after[name]:
            line("  the key to its dialog painted (GUI CPU)", [(s, s) for s in opened[name]])
            line("  from the dialog's OK to Today painted (GUI CPU)", [(s, s) for s in after[name]])
    if told:
        line("  the hub told what a write touched (GUI CPU of the call)", told)


def main(folder: Path, rounds: int, only_today: bool = False, first_insights: bool = False) -> None:
    qInstallMessageHandler(lambda _k, _c, text: None if "propagateSizeHints" in text else print(text, file=sys.stderr))
    make_application()
    if pyside_loses_none_refs():
        make_none_immortal()
    store = Store.open(folder / "followup.db", SystemClock())
    typing = QTimer()  # --first-insights: a user who never pauses (input every 20 ms)
    typing.timeout.connect(activity.note)
    if first_insights:
        activity.note()
        typing.start(20)
    window = shown_with_the_whole_list(store, folder)
    settle(1.0)
    rows = window.contacts_model.rowCount()
    print(f"{rows:,} contacts in the list; load average {os.getloadavg()[0]:.2f}", flush=True)
    table = window.contacts_panel.table
    listed = Paints(table.viewport())

    if only_today or first_insights:
        if first_insights:
            first_switch_to_insights(window)
        else:
            today_only(window, table, listed, rounds)
        closed(window, store)
        return
    search = window.contacts_panel.search
    # From 20,000 rows to look in, a query is answered by a thread of its own:
    # the keystroke returns at once, and the rows found are shown on arrival.
    found = timed(window.contacts_model, "_on_found", listed)
    keys: list[Sample] = []
    for query in FILTER_QUERIES.values():
        for _ in range(rounds):
            for i in range(1, len(query) + 1):
                keys.append(until_painted(listed, partial(search.setText, query[:i])))
                settle(0.02)  # a typist's pace, roughly: the rows looked for off the GUI thread arrive
            search.clear()
            settle(0.05)
    line("filter as you type, every keystroke", keys)
    if found:
        line("  rows found off the GUI thread, shown, painted", found)
    clears = []
    for _ in range(rounds):
        search.setText("meridian")
        settle(0.05)
        clears.append(until_painted(listed, search.clear))
    line("filter cleared (back to every row)", clears)

    # An order the worker has not sorted yet (it sorts them while the user is
    # idle, and this script never is) is sorted on a thread of its own: the
    # click returns at once, and the rows show when they arrive.
    late = timed(window.contacts_model, "_on_sorted", listed)
    sorts: list[Sample] = []
    for _ in range(rounds):
        for column in (1, 2, 3, 0):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                sorts.append(until_painted(listed, partial(table.sortByColumn, column, order)))
                settle(0.6)  # the new order's rows, sorted off the GUI thread, arrive
    line("sort by a column (each column, both ways)", sorts)
    if late:
        line("  an order sorted off the GUI thread, shown, painted", late)

    # The contact page, built after the first paint a slice at a time (ui/shell/contact_page_slot.py)
    slices = [cpu * 1000 for _name, cpu in contact_page_slot.builder(window).slices]
    if slices:
        print(
            f"{'contact page built, each slice (CPU only)':<46} n={len(slices):<4} "
            f"CPU median {statistics.median(slices):6.1f} worst {max(slices):6.1f} ms, all {sum(slices):.1f} ms",
            flush=True,
        )
    page = Paints(window.contact_page.timeline.viewport())
    opens: list[Sample] = []
    model = window.contacts_model
    for i in range(rounds * 4):
        row = (i * 7919) % model.rowCount()
        opens.append(until_painted(page, partial(table.selectRow, row)))
    line("open a contact (select it in the list)", opens)
    line("  the first one", opens[:1])
    line("  the next ones", opens[1:])

    tabs = window.tabs
    today = Paints(window.today_view.tree.viewport())
    insights = Paints(window.insights_page)
    switches: dict[str, list[Sample]] = {"Today": [], "Contacts": [], "Insights": []}
    arrivals = timed(window.today, "_show", today)  # Today's buckets, read on the worker, shown on arrival
    figures: list[Sample] = []
    for _ in range(rounds):
        window.today.stale = True  # as after a change made elsewhere: Today reads again
        switches["Today"].append(until_painted(today, partial(tabs.setCurrentWidget, window.today_page)))
        settle(0.3)
        window.today.wait()
        settle(0.3)
        if built(window):  # (built while the user was idle: ui/shell/insights_slot.py; else by this switch)
            window.insights_view.stale = True  # as after a change made elsewhere: its figures are read again
            if not figures:  # Insights' figures, read on the worker, shown on arrival
                figures = timed(window.insights_view, "_on_computed", insights)
        switches["Insights"].append(until_painted(insights, partial(tabs.setCurrentWidget, window.insights_page)))
        settle(1.5)  # its figures come from the worker
        window.insights_view.wait()
        settle(0.3)
        switches["Contacts"].append(until_painted(listed, partial(tabs.setCurrentWidget, window.splitter)))
        settle(0.3)
    for name, samples in switches.items():
        line(f"switch to {name}", samples)
    line("  Today's buckets shown when they arrive, painted", arrivals)
    if figures:
        line("  Insights' figures shown when they arrive, painted", figures)
    act_on_today(window, today, rounds)
    line("  Today's buckets shown when they arrive, painted (all)", arrivals)
    print(f"load average {os.getloadavg()[0]:.2f}")
    closed(window, store)


def first_switch_to_insights(window: MainWindow) -> None:
    """--first-insights: the first switch to Insights, the user never idle since the window opened."""
    insights = Paints(window.insights_page)
    switch = until_painted(insights, partial(window.tabs.setCurrentWidget, window.insights_page))
    ticks: list[float] = []
    tick = QTimer()
    tick.timeout.connect(lambda: ticks.append(time.thread_time()))
    ticks.append(time.thread_time())
    tick.start(0)  # once a pass of the event loop

    def shown() -> bool:
        view = getattr(window, "insights_built", None) or getattr(window, "_insights", None)  # (main: _insights)
        return view is not None and view.insights is not None and built(window)

    started = time.perf_counter()
    whole: list[float] = []  # when the view was built whole: (wall since the switch, ticks so far)
    while not shown() and time.perf_counter() - started < 60:
        if not whole and built(window):
            whole += [time.perf_counter() - started, len(ticks)]
        QApplication.processEvents()
        time.sleep(0.002)
    settle(0.3)  # the figures painted
    tick.stop()
    line("first switch to Insights, never idle before", [switch])
    building = int(whole[1]) if whole else len(ticks)
    for label, span in (("while it is built", ticks[:building]), ("as its figures arrive", ticks[building - 1 :])):
        most = max((b - a for a, b in itertools.pairwise(span)), default=0.0)
        line(f"  the most GUI CPU in one event-loop pass, {label}", [(most, most)])
    if whole:
        print(f"  built whole {whole[0] * 1000:.0f} ms after the switch (wall)", flush=True)
    build = window.findChild(QObject, "insightsBuild")
    slices = [cpu * 1000 for _name, cpu in getattr(build, "slices", [])]
    if slices:
        print(
            f"{'  Insights built, each slice (CPU only)':<46} n={len(slices):<4} "
            f"CPU median {statistics.median(slices):6.1f} worst {max(slices):6.1f} ms, all {sum(slices):.1f} ms",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.2f}")


def today_only(window: MainWindow, table: QWidget, listed: Paints, rounds: int) -> None:
    """--today: Today's part alone (switching to it after a change, and acting on it).

    The first write of a session imports the live calendar file's code on the
    GUI thread (~0.2 s of CPU, once; as bulk_gui_stall.py, a warm-up): Today's
    first read writes (the nudges that came due since the database was made)."""
    from followup.calendar import live_file  # noqa: F401

    today = Paints(window.today_view.tree.viewport())
    arrivals = timed(window.today, "_show", today)
    switches: list[Sample] = []
    for _ in range(rounds):
        window.today.stale = True
        switches.append(until_painted(today, partial(window.tabs.setCurrentWidget, window.today_page)))
        settle(0.3)
        window.today.wait()
        settle(0.3)
        window.tabs.setCurrentWidget(window.splitter)
        settle(0.3)
    line("switch to Today", switches)
    line("  Today's buckets shown when they arrive, painted", arrivals)
    line("  ... the first one (the list filled from nothing)", arrivals[:1])
    act_on_today(window, today, rounds)
    line("  Today's buckets shown when they arrive, painted (all)", arrivals)
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a not in ("--today", "--first-insights")]
    main(
        Path(args[0]),
        int(args[1]) if len(args) > 1 else 3,
        only_today="--today" in sys.argv,
        first_insights="--first-insights" in sys.argv,
    )
