"""Benchmark: the everyday dialogs of the main window at scale (issue 16: an
interaction within a frame). Opens the window in-process, offscreen, over a
data folder (a copy of a ``demo --contacts N`` database), waits for the whole
list, selects a contact, then opens each dialog from its action as a key or a
menu would, until the dialog has **painted**, and closes it with Escape
(nothing is written). The first open of each dialog in the session is given
apart from the next ones. Prints the median and the worst of each, wall time
and the GUI thread's own CPU time. A report, never a test: it always exits 0.

    .venv/bin/python bench/bench_dialogs.py /tmp/copy-of-c100000/ [ROUNDS] [--only NAME,...] [--profile NAME]

(``--only``: those dialogs alone, in that order, e.g. ``--only edit_contact``
for the first Edit contact of a session that opened no other dialog.
``--profile NAME``: the dialog's next opens under cProfile, the top of the
GUI thread's cumulative time printed.)
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for where in (ROOT, ROOT / "bench"):
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import make_none_immortal, pyside_loses_none_refs  # noqa: E402
from gui_timing import Paints, Sample, closed, line, settle, shown_with_the_whole_list  # noqa: E402
from PySide6.QtCore import QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from followup.clock import SystemClock  # noqa: E402
from followup.store import Store  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.widgets import activity  # noqa: E402

# The dialogs a user opens every day, by the window's action that opens them.
DIALOGS = ("new_contact", "edit_contact", "log_touch_point", "remind", "plan_engagement", "search_notes")


def _dialog_shown(before: set[int]) -> QDialog | None:
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QDialog):
        return modal
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and id(widget) not in before:
            return widget
    return None


OTHERS: list[float] = []  # each sample's CPU of the process's other threads (a worker, a sort), seconds


def opened_until_painted(action: QAction) -> Sample:
    """``action`` triggered; the dialog it opens closed (Escape) once it has painted.
    Wall and GUI CPU from the trigger to the end of that first paint (the
    other threads' CPU meanwhile appended to OTHERS)."""
    before = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}
    painted: list[Paints] = []
    done: list[Sample] = []
    wall, cpu, process = 0.0, 0.0, 0.0

    def close_once_painted() -> None:
        dialog = _dialog_shown(before)
        if dialog is None:
            QTimer.singleShot(0, close_once_painted)
            return
        if not painted:
            painted.append(Paints(dialog))
        if not painted[0].count and time.perf_counter() - wall < 5.0:
            QTimer.singleShot(0, close_once_painted)
            return
        done.append((time.perf_counter() - wall, time.thread_time() - cpu))
        OTHERS.append(time.process_time() - process - done[0][1])
        dialog.reject()

    activity.note()
    QTimer.singleShot(0, close_once_painted)
    wall, cpu, process = time.perf_counter(), time.thread_time(), time.process_time()
    action.trigger()  # exec(): returns once closed; open(): at once
    while not done and time.perf_counter() - wall < 10.0:
        QApplication.processEvents()
    return done[0] if done else (float("nan"), float("nan"))


def main(folder: Path, rounds: int, profile: str | None, only: tuple[str, ...] = DIALOGS) -> None:
    qInstallMessageHandler(lambda _k, _c, text: None if "propagateSizeHints" in text else print(text, file=sys.stderr))
    make_application()
    if pyside_loses_none_refs():
        make_none_immortal()
    store = Store.open(folder / "followup.db", SystemClock())
    window = shown_with_the_whole_list(store, folder)
    settle(1.0)
    rows = window.contacts_model.rowCount()
    print(f"{rows:,} contacts in the list; load average {os.getloadavg()[0]:.2f}", flush=True)
    table: QWidget = window.contacts_panel.table
    window.contacts_panel.table.selectRow(rows // 3)
    settle(3.0)  # the page of the contact selected, and what is made ready while the user is idle
    for name in only:
        action: QAction = getattr(window.registry, name)
        samples = []
        del OTHERS[:]
        for _ in range(rounds + 1):
            table.setFocus()
            samples.append(opened_until_painted(action))
            settle(0.3)
        line(f"{name}: the first", samples[:1])
        line(f"{name}: the next", samples[1:])
        busy = [round(max(o, 0.0) * 1000, 1) for o in OTHERS]
        print(f"  the other threads' CPU meanwhile, ms: {busy}", flush=True)
        if name == profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(rounds):
                opened_until_painted(action)
                settle(0.1)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    print(f"load average {os.getloadavg()[0]:.2f}")
    closed(window, store)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    named = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    chosen = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    for value in (named, chosen):
        if value:
            args.remove(value)
    only = tuple(chosen.split(",")) if chosen else DIALOGS
    main(Path(args[0]), int(args[1]) if len(args) > 1 else 5, named, only)
