"""One run of bench_bulk.py --gui: the window over a data folder, offscreen,
every contact selected (Ctrl+A), then each bulk action as a user does it
(its dialog answered at once), timed until the status bar says it is done.

Printed per action, as one JSON line: the wall and CPU time (every thread of
the process), the longest gap between two ticks of a 16 ms timer on the GUI
thread while the write ran (a frozen window), and the same until the views
have refreshed. Run with PYTHONPATH set to the code to measure (main, or a
branch): the same script drives both, through the UI's own entry points.

    PYTHONPATH=. python bench/bulk_gui_stall.py DATA_FOLDER

The tidy runs twice: from the contacts list (Today hidden: it is only
marked stale), then as a user does it, from Today's banner with Today shown
("tidy from Today": Today is read again and its overdue rows replaced).

BENCH_SKIP="delete all,undo delete" leaves those out (the delete of all
100,000 demo contacts and its undo take several minutes each: bench/README.md);
BENCH_ONLY="tag all,undo tag" runs only those.

The application is made as the app makes it (ui.app.make_application: the
cycle collector runs on the GUI thread, as in the app), and the views'
refresh is waited for with the event loop running: a blocking wait for the
worker froze the GUI thread and was counted as a stall. ``gui_cpu_in_stall_ms``
is the GUI thread's own CPU time inside the longest gap: near the gap, the
GUI thread was busy; near zero, it waited (for the GIL, a lock).
``first_frame_gui_cpu_ms`` is the GUI thread's CPU from the action's start to
the first tick after it (what the click itself cost; Ctrl+A's own frame is
``select_all_gui_cpu_ms``, measured apart: 0.3 s pass between the two, as
they would for a user moving to the action), ``max_gui_cpu_ms`` the
most it used between any two ticks until the views had refreshed: both
hardly move with the machine's load, unlike the gaps. ``today_shown_gui_cpu_ms``
is the GUI CPU of each time Today's buckets arrived and were shown, until
its list had painted (Today shown: after a tidy from Today).
"""

from __future__ import annotations

import itertools
import json
import operator
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_timing import Paints  # the same paint counter: this script runs from bench/
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

import ui.contacts.bulk as contacts_bulk_ui
import ui.today.tidy_dialog as tidy_dialog
from followup.clock import SystemClock
from followup.domain import Kind
from followup.engine.bulk_follow_ups import Tidy
from followup.store import Store
from ui.app import make_application
from ui.ops import jobs
from ui.shell.window import MainWindow
from ui.widgets import activity

# How long an action may take before the next is measured: main's delete of all 100,000
# demo contacts took 8-18 minutes, and so did its undo.
WAIT_S = 3600


class _Answer(QDialog):
    """A dialog answered at once: a tag dialog says "vip", a tidy dialog picks every overdue nudge."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def exec(self) -> int:
        return int(QDialog.DialogCode.Accepted)

    def text(self) -> str:
        return "bench-vip"

    def tidy(self) -> Tidy:
        return Tidy(older_than_days=0)


def _confirm_every_message_box() -> None:
    QMessageBox.exec = lambda box: 0  # type: ignore[method-assign, assignment, misc]
    QMessageBox.clickedButton = lambda box: box.buttons()[-1]  # type: ignore[method-assign, assignment, misc]


def _cpu_until_painted(owner: Any, name: str, paints: Paints) -> list[float]:
    """Wrap ``owner.name``: the GUI CPU of each call and of the events after it, until ``paints`` has counted a paint."""
    samples: list[float] = []
    original = getattr(owner, name)

    def wrapper(*args: object) -> None:
        before, cpu = paints.count, time.thread_time()
        original(*args)
        for _ in range(6):  # the layout and the paint come from the event loop
            QCoreApplication.processEvents()
            if paints.count != before:
                break
        samples.append(time.thread_time() - cpu)

    setattr(owner, name, wrapper)
    return samples


def main(folder: Path) -> None:
    app = make_application()
    contacts_bulk_ui.ChoiceDialog = _Answer  # type: ignore[assignment, misc]
    tidy_dialog.TidyDialog = _Answer  # type: ignore[assignment, misc]
    _confirm_every_message_box()
    store = Store.open(folder / "followup.db", SystemClock())
    window = MainWindow(store, SystemClock(), folder, initial_view="contacts")
    window.show()
    n = store.conn.execute("SELECT count(*) FROM contacts WHERE archived = 0").fetchone()[0]
    _until(lambda: window.contacts_model.rowCount() >= n, 120)
    ticks: list[float] = []
    gui_cpu: list[float] = []  # the GUI thread's CPU time at each tick
    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(lambda: (ticks.append(time.perf_counter()), gui_cpu.append(time.thread_time())))
    timer.start()
    bulk = window.contacts_bulk
    today_shown = _cpu_until_painted(window.today, "_show", Paints(window.today_view.tree.viewport()))

    skip = {a.strip() for a in os.environ.get("BENCH_SKIP", "").split(",") if a.strip()}
    only = {a.strip() for a in os.environ.get("BENCH_ONLY", "").split(",") if a.strip()}

    def act(label: str, start: Callable[[], object], said: str, today: bool = False) -> None:
        if label in skip or (only and label not in only):
            return
        (window.registry.go_today if today else window.registry.go_contacts).trigger()
        _until(lambda: not window.today.busy(), 60)
        window.statusBar().clearMessage()
        _until(lambda: False, 0.3)
        activity.note()  # what the user's Ctrl+A and click are to the app: input (work that can wait steps aside)
        ticks.clear()
        gui_cpu[:] = [time.thread_time()]
        window.contacts_panel.table.selectAll()
        _until(lambda: len(gui_cpu) > 1, 1.0)
        select_all = gui_cpu[1] - gui_cpu[0]  # Ctrl+A's own frame (the selection bar shown, a contact shown)
        _until(lambda: False, 0.3)  # the user moves to the action: Ctrl+A's frame painted, the tags read
        activity.note()
        ticks.clear()
        gui_cpu.clear()
        today_shown.clear()
        wall, cpu = time.perf_counter(), time.process_time()
        ticks.append(wall)
        gui_cpu.append(time.thread_time())
        start()
        _until(lambda: window.statusBar().currentMessage().startswith(said), WAIT_S)
        done_wall, done_cpu = time.perf_counter(), time.process_time()
        writing = [t for t in ticks if t <= done_wall] + [done_wall]
        _until(lambda: jobs.executor().activeThreadCount() == 0, WAIT_S)  # the event loop runs meanwhile
        _until(lambda: False, 1.0)  # the views refresh from the change
        _until(lambda: jobs.executor().activeThreadCount() == 0, WAIT_S)
        settled = [*ticks, time.perf_counter()]
        at = max(range(1, len(ticks)), key=lambda i: ticks[i] - ticks[i - 1], default=0)
        print(
            json.dumps(
                {
                    "action": label,
                    "wall_ms": round((done_wall - wall) * 1000),
                    "cpu_ms": round((done_cpu - cpu) * 1000),
                    "stall_ms": round(_gap(writing) * 1000),
                    "stall_at_ms": round(_gap_at(writing, wall) * 1000),
                    "stall_with_refresh_ms": round(_gap(settled) * 1000),
                    "gui_cpu_in_stall_ms": round((gui_cpu[at] - gui_cpu[at - 1]) * 1000) if at else 0,
                    "first_frame_gui_cpu_ms": round((gui_cpu[1] - gui_cpu[0]) * 1000) if len(gui_cpu) > 1 else 0,
                    "select_all_gui_cpu_ms": round(select_all * 1000),
                    "max_gui_cpu_ms": round(max(map(operator.sub, gui_cpu[1:], gui_cpu), default=0) * 1000),
                    "today_shown_gui_cpu_ms": [round(c * 1000, 1) for c in today_shown],
                    "status": window.statusBar().currentMessage() or "",
                    "load": round(os.getloadavg()[0], 2),
                }
            ),
            flush=True,
        )

    undo = window.registry.undo.trigger
    # The first write of a session imports the live calendar file's code on
    # the GUI thread (~0.6 s, once): a warm-up, not counted against an action.
    window.contacts_panel.table.selectRow(0)
    bulk.tag()
    _until(lambda: window.statusBar().currentMessage().startswith("Tagged"), 60)
    undo()
    _until(lambda: jobs.executor().activeThreadCount() == 0, 60)
    _until(lambda: False, 1.0)
    act("tag all", bulk.tag, "Tagged")
    act("undo tag", undo, "Undid")
    act("kind of all", lambda: bulk.set_kind(Kind.CLIENT), "Changed")
    act("undo kind", undo, "Undid")
    act("archive all", bulk.archive, "Archived")
    act("undo archive", undo, "Undid")
    act("delete all", bulk.delete, "Deleted")
    act("undo delete", undo, "Undid")
    act("tidy every overdue nudge", window.today.bulk.tidy, "Snoozed")
    act("undo tidy", undo, "Undid")
    act("tidy from Today", window.today.bulk.tidy, "Snoozed", today=True)
    act("undo tidy from Today", undo, "Undid", today=True)
    window.close()
    store.close()
    app.quit()


def _until(done: Callable[[], bool], seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while not done() and time.perf_counter() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)


def _gap_at(values: list[float], start: float) -> float:
    """When the longest gap began, after ``start``."""
    pairs = list(itertools.pairwise(values))
    return max(pairs, key=lambda p: p[1] - p[0])[0] - start if pairs else 0.0


def _gap(values: list[float]) -> float:
    return max((b - a for a, b in itertools.pairwise(values)), default=0.0)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
