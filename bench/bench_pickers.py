"""Benchmark: the dialogs that choose a person, over a big address book
(issue 16). Opens the window in-process, offscreen, over a data folder (a
copy of a `demo --contacts 100000` database), and measures:

1. GUI CPU from each action to its dialog painted (median / worst of
   ROUNDS): Plan an engagement, New contact, Edit contact, Merge with…,
   Filter contacts… (every tag and organisation offered), and Log touch
   point with no contact shown (it asks whom with). Each dialog's picker
   now holds only what the user's text finds; they used to read, label and
   list every contact as they opened.
2. The picker as the user types: for each query, the wall time from the
   keystroke to the list shown, and the GUI thread's CPU for it: the
   keystroke, then the answer put in the list and shown (the search itself
   runs on the picker's thread), against the baseline measured in
   the same run: what a whole-list picker read on each open (every
   contact's id, name, organisation and first email, in name order; the
   labels and the list added on top of that were as much again).

A report, never a test: it always exits 0.

    .venv/bin/python bench/bench_pickers.py /tmp/copy-of-c100000/ [ROUNDS]
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for where in (ROOT, ROOT / "bench"):
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_timing import Paints, closed, settle, shown_with_the_whole_list  # noqa: E402
from PySide6.QtCore import QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from followup.clock import SystemClock  # noqa: E402
from followup.store import Store  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.widgets.contact_picker import ContactPicker  # noqa: E402
from ui.widgets.pick_contact_dialog import ask_for_contact  # noqa: E402

QUERIES = ("a", "em", "emma tay", "taylor", "northwind", "zzq")
WHOLE_LIST_SQL = (
    "SELECT c.id, c.name, coalesce(c.organisation, ''), coalesce((SELECT e.address FROM contact_emails e "
    "WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1), '') FROM contacts c ORDER BY c.name COLLATE NOCASE"
)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f} {max(values):8.1f}"


def to_painted(action: Callable[[], object], then: Callable[[QDialog], None] | None = None) -> float:
    """GUI CPU (ms) from ``action`` to the modal dialog it opens painted; the dialog is then closed."""
    out: list[float] = []
    seen: list[Paints] = []
    began = [0.0]

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(0, look)
            return
        if not seen:
            seen.append(Paints(dialog))
        if not seen[0].count and time.perf_counter() - began[1] < 5.0:
            QTimer.singleShot(0, look)
            return
        out.append((time.thread_time() - began[0]) * 1e3)
        if then is not None:
            then(dialog)
        dialog.setProperty("followupDiscardCheck", False)
        dialog.done(0)

    QTimer.singleShot(0, look)
    began[:] = [time.thread_time(), time.perf_counter()]
    action()
    settle(0.3)
    return out[0] if out else float("nan")


ANSWERS: list[float] = []  # GUI CPU (s) of each answer shown since the last keystroke
_shown = ContactPicker._on_found


def _timed_on_found(self: ContactPicker, request: int, people: object) -> None:
    began = time.thread_time()
    _shown(self, request, people)  # type: ignore[arg-type]
    ANSWERS.append(time.thread_time() - began)


ContactPicker._on_found = _timed_on_found  # type: ignore[method-assign]


def typing(dialog: QDialog, queries: tuple[str, ...], results: dict[str, list[tuple[float, float]]]) -> None:
    """In ``dialog``'s picker, each query typed as one keystroke after the rest; the
    wall time and GUI CPU until its answer is shown."""
    picker = dialog.findChild(ContactPicker)
    assert picker is not None
    picker.setFocus()
    for query in queries:
        picker.clear()
        if len(query) > 1:
            QTest.keyClicks(picker, query[:-1])
            settle(0.3)
        ANSWERS.clear()
        wall, cpu = time.perf_counter(), time.thread_time()
        QTest.keyClicks(picker, query[-1])
        key = time.thread_time() - cpu
        while picker.looking() and time.perf_counter() - wall < 10:
            QApplication.processEvents()
            time.sleep(0.0005)  # (waiting, as an idle event loop does: not the GUI's work)
        shown = (time.perf_counter() - wall) * 1e3
        results.setdefault(query, []).append((shown, (key + sum(ANSWERS)) * 1e3))
        settle(0.05)


def main(folder: Path, rounds: int) -> None:
    qInstallMessageHandler(lambda _k, _c, text: None if "propagateSizeHints" in text else print(text, file=sys.stderr))
    make_application()
    store = Store.open(folder / "followup.db", SystemClock())
    window = shown_with_the_whole_list(store, folder)
    settle(3.0)
    contacts = store.contacts.count()
    print(f"{contacts:,} contacts; load average {os.getloadavg()[0]:.2f}; {rounds} rounds", flush=True)
    reg = window.registry
    opens: dict[str, list[float]] = {}
    searches: dict[str, list[tuple[float, float]]] = {}
    for _ in range(rounds):
        window.contacts_panel.table.selectRow(5)
        settle(0.5)
        opens.setdefault("Plan an engagement", []).append(to_painted(reg.plan_engagement.trigger))
        opens.setdefault("New contact", []).append(to_painted(reg.new_contact.trigger))
        opens.setdefault("Edit contact", []).append(to_painted(reg.edit_contact.trigger))
        opens.setdefault("Merge with…", []).append(to_painted(reg.merge_contacts.trigger))
        opens.setdefault("Filter contacts…", []).append(to_painted(window.saved_views.edit))
        # what Log touch point asks when no contact is shown (ui/shell/contact_actions.py)
        opens.setdefault("Log touch point: with whom?", []).append(
            to_painted(
                lambda: ask_for_contact(store.path, "Log touch point", "With &whom?", window),
                lambda d: typing(d, QUERIES, searches),
            )
        )
    print("\nGUI CPU from the action to its dialog painted, ms   median    worst")
    for name, values in opens.items():
        print(f"  {name:<40} {_ms(values)}")
    baseline = []
    for _ in range(max(3, rounds)):
        with sqlite3.connect(folder / "followup.db") as conn:
            began = time.perf_counter()
            conn.execute(WHOLE_LIST_SQL).fetchall()
            baseline.append((time.perf_counter() - began) * 1e3)
        conn.close()
    base = statistics.median(baseline)
    print(f"\nbaseline: a whole-list picker's read of everyone on each open: {base:.1f} ms (median of {len(baseline)})")
    print("typed, until the list is shown, ms   wall median  worst   GUI CPU median  worst   wall/baseline")
    for query, samples in searches.items():
        walls = [w for w, _ in samples]
        cpus = [c for _, c in samples]
        ratio = statistics.median(walls) / base
        print(f"  {query!r:<12} {_ms(walls)}     {_ms(cpus)}     {ratio:6.2f}x")
    closed(window, store)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0]), int(args[1]) if len(args) > 1 else 5)
    sys.stdout.flush()
    os._exit(0)  # (threads of a window never closed by a user: no slow teardown)
