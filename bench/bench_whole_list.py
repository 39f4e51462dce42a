"""Benchmark: after the first screenful, when the whole contacts list is in,
and how long the GUI thread went without running while the worker read it.

`bench_scale.py` times the start to the first paint (the first screenful);
this opens the window in-process, offscreen, over a database made by
`bench_scale.py` (or any data folder), and prints: the first paint of the
contacts table, when the worker's whole list was swapped in, the time that
swap took on the GUI thread, and the longest gap between two ticks of a 16 ms
timer while the list was being read, against the longest gap over the next
four idle seconds. A report, never a test: it always exits 0.

    .venv/bin/python bench/bench_whole_list.py bench/out/scale/c100000-…/
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402

from followup.clock import SystemClock  # noqa: E402
from followup.store import Store  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.contacts.list_loader import Loaded  # noqa: E402
from ui.shell.window import MainWindow  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def main(folder: Path) -> None:
    app = make_application()  # as the app: its cycle collector runs on the GUI thread (ui/ops/collector.py)
    store = Store.open(folder / "followup.db", SystemClock())
    window = MainWindow(store, SystemClock(), folder, initial_view="contacts")
    painted = FirstPaint()
    window.contacts_panel.table.viewport().installEventFilter(painted)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    swap: list[float] = []
    set_rows = window.contacts_model.set_rows

    def timed_set_rows(*args: object, **kwargs: object) -> None:
        started = time.perf_counter()
        set_rows(*args, **kwargs)  # type: ignore[arg-type]
        swap.append(time.perf_counter() - started)

    window.contacts_model.set_rows = timed_set_rows  # type: ignore[method-assign]

    def gaps(values: list[float]) -> float:
        return max((b - a for a, b in itertools.pairwise(values)), default=0.0)

    def loaded(result: Loaded) -> None:
        reading = list(ticks)
        arrived = time.perf_counter()

        def report() -> None:
            idle = ticks[len(reading) :]
            first = ms(painted.at - T0) if painted.at else "never"
            print(f"first paint of the table          {first}")
            print(f"whole list in ({len(result.rows):,} rows)     {ms(arrived - T0)}")
            print(f"swapping it in, on the GUI thread {ms(swap[-1]) if swap else '?'}")
            print(f"longest GUI gap while reading     {ms(gaps(reading))} ({len(reading)} ticks)")
            print(f"longest GUI gap, 4 s idle after   {ms(gaps(idle))} ({len(idle)} ticks)")
            print(f"load average                      {os.getloadavg()[0]:.2f}")
            app.quit()

        QTimer.singleShot(4000, report)

    window.contacts_loader.loaded.connect(loaded)
    window.show()
    app.exec()
    window.close()
    store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
