"""How long Remove a tag and Delete hold the GUI thread on every contact
selected (Ctrl+A) before their dialog opens, and when it opens: what the
dialog says (the selection's tags, its touch points) is read first.

    PYTHONPATH=. python bench/bulk_dialog_reads.py DATA_FOLDER [ROUNDS]

Offscreen; each dialog is answered at once with Cancel (nothing is written).
Run with PYTHONPATH set to the code to measure (main, or a branch).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QDialog, QMessageBox

import ui.contacts.bulk as contacts_bulk_ui
from bench.bulk_gui_stall import _until
from followup.clock import SystemClock
from followup.store import Store
from ui.app import make_application
from ui.ops import jobs
from ui.shell.window import MainWindow
from ui.widgets import activity

_opened: list[float] = []


class _Refuse(QDialog):
    """The tag dialog, cancelled at once (when it opened is noted)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        _opened.append(time.perf_counter())

    def exec(self) -> int:
        return int(QDialog.DialogCode.Rejected)


def main(folder: Path, rounds: int) -> None:
    make_application()
    contacts_bulk_ui.ChoiceDialog = _Refuse  # type: ignore[assignment, misc]
    QMessageBox.exec = lambda box: (_opened.append(time.perf_counter()), 0)[1]  # type: ignore[method-assign, assignment, misc]
    QMessageBox.clickedButton = lambda box: None  # type: ignore[method-assign, assignment, misc]
    store = Store.open(folder / "followup.db", SystemClock())
    window = MainWindow(store, SystemClock(), folder, initial_view="contacts")
    window.show()
    n = store.conn.execute("SELECT count(*) FROM contacts WHERE archived = 0").fetchone()[0]
    _until(lambda: window.contacts_model.rowCount() >= n, 120)
    _until(lambda: False, 2.0)
    for _ in range(rounds):
        for name in ("untag", "delete"):
            window.contacts_panel.table.selectAll()
            activity.note()
            _until(lambda: jobs.executor().activeThreadCount() == 0, 60)
            _until(lambda: False, 0.3)
            _opened.clear()
            wall, cpu = time.perf_counter(), time.thread_time()
            getattr(window.contacts_bulk, name)()
            held, held_cpu = time.perf_counter() - wall, time.thread_time() - cpu
            _until(lambda: bool(_opened), 60)
            print(
                f"{name}: GUI thread held {held * 1000:.0f} ms (its CPU {held_cpu * 1000:.0f} ms), "
                f"dialog open after {(_opened[0] - wall) * 1000:.0f} ms, load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    window.close()
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 2)
