"""Render a long bulk write to PNG (issue 16): 3,000 contacts selected and
deleted, the window-modal progress dialog with its Cancel over the window
and the status bar saying what runs. The write is held on the worker while
the picture is taken, then cancelled (nothing is kept).

    python tools/long_write_screenshots.py OUT_DIR [--dark]   (QT_SCALE_FACTOR=2 for 200%)

Look at each PNG after a change (the project's rule for screens).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import shot_kit
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from followup import demo
from followup.clock import FixedClock
from followup.engine import bulk_contacts
from followup.store import Store
from followup.timeutil import to_db

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def settle(seconds: float = 0.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        QApplication.processEvents()
        if time.monotonic() >= deadline:
            return
        time.sleep(0.01)


def main() -> int:
    args, _app, suffix = shot_kit.start()
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", clock)
        store.settings.set("user_tz", "Europe/Lisbon")
        demo.generate(store, contacts=60, seed=1)
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO contacts (name, organisation, kind, tz, created_at, updated_at) "
                "VALUES (?, ?, 'other', 'Europe/Lisbon', ?3, ?3)",
                [(f"Imported Person {i:04}", "Trade Fair 2025", to_db(NOW - timedelta(days=100 + i // 10)))
                 for i in range(3000)],
            )  # fmt: skip
        from ui.shell.window import MainWindow

        window = MainWindow(store, clock, Path(tmp))
        window.resize(1280, 800)
        window.show()
        window.registry.go_contacts.trigger()
        settle(1.0)
        window.contacts_panel.table.selectAll()
        hold, started, real = threading.Event(), threading.Event(), bulk_contacts.delete

        def held(*a: Any) -> Any:
            started.set()
            hold.wait(30)
            return real(*a)

        bulk_contacts.delete = held  # type: ignore[assignment]
        QMessageBox.exec = lambda box: 0  # type: ignore[method-assign, assignment]
        QMessageBox.clickedButton = lambda box: box.buttons()[-1]  # type: ignore[method-assign, assignment]
        # The touch points are counted on the worker first, then the delete is confirmed and starts
        window.contacts_bulk.delete()
        deadline = time.monotonic() + 10
        while not started.is_set() and time.monotonic() < deadline:
            settle(0.05)
        dialog = window.findChild(QProgressDialog, "longWriteProgress")
        assert dialog is not None, "the delete never started"
        while not dialog.isVisible() and time.monotonic() < deadline:
            settle(0.05)
        settle(0.3)
        shot = window.grab()
        painter = QPainter(shot)
        at = window.mapFromGlobal(dialog.mapToGlobal(QPoint(0, 0)))
        if not window.rect().contains(at):  # offscreen, a dialog is placed anywhere: centre it
            at = QPoint((shot.width() - dialog.width() * shot.devicePixelRatio()) // 2 // shot.devicePixelRatio(), 200)
        painter.drawPixmap(at, dialog.grab())
        painter.end()
        out = args.out / f"long-write-progress{suffix}.png"
        shot.save(str(out))
        print(out)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels, as the Cancel button does
        hold.set()
        deadline = time.monotonic() + 30
        while "cancelled" not in window.statusBar().currentMessage() and time.monotonic() < deadline:
            settle(0.05)
        out = args.out / f"long-write-cancelled{suffix}.png"
        window.grab().save(str(out))
        print(out)
        left = store.conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        print(f"after the cancel: {left:,} contacts; status: {window.statusBar().currentMessage()}")
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
