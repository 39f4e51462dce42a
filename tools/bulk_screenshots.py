"""Render the bulk screens of issue 15 to PNG: the contacts list with a
selection and its context menu, Today with a selection and the tidy banner,
the tidy dialog and the import preview's batch row. A demo database plus
3,000 contacts imported long ago (3,000 overdue stay-in-touch nudges).

    python tools/bulk_screenshots.py OUT_DIR [--dark]   (QT_SCALE_FACTOR=2 for 200%)

Look at each PNG after a change (the project's rule for screens).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import shot_kit
from PySide6.QtCore import QItemSelectionModel, QPoint, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from followup import demo
from followup.clock import FixedClock
from followup.engine import bulk_follow_ups as bulk
from followup.engine.follow_ups import sync_cadences
from followup.store import Store
from followup.timeutil import to_db

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
FILES = Path(__file__).resolve().parent.parent / "tests" / "contacts_io" / "files"


def settle() -> None:
    for _ in range(10):
        QApplication.processEvents()


def save(pixmap: QPixmap, out: Path) -> None:
    pixmap.save(str(out))
    print(out)


def with_menu(window: QWidget, menu: QMenu, at: QPoint) -> QPixmap:
    """The window with ``menu`` open at ``at`` (window coordinates): offscreen,
    a popup is its own window, so it is painted onto the window's picture."""
    menu.popup(window.mapToGlobal(at))
    settle()
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(at, menu.grab())
    painter.end()
    menu.hide()
    return shot


def main() -> int:
    args, _app, suffix = shot_kit.start()  # _app: the application lives while main runs
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", clock)
        store.settings.set("user_tz", "Europe/Lisbon")
        demo.generate(store, contacts=60, seed=1)
        with store.transaction() as conn:  # an import of 3,000 people long ago, never touched since
            conn.executemany(
                "INSERT INTO contacts (name, organisation, kind, tz, created_at, updated_at) "
                "VALUES (?, ?, 'other', 'Europe/Lisbon', ?3, ?3)",
                [(f"Imported Person {i:04}", "Trade Fair 2025", to_db(NOW - timedelta(days=100 + i // 10)))
                 for i in range(3000)],
            )  # fmt: skip
        sync_cadences(store)
        from ui.shell.window import MainWindow

        window = MainWindow(store, clock, Path(tmp))
        window.resize(1280, 800)
        window.show()
        settle()

        # 1. the contacts list: a selection, the bar above it, the context menu
        window.registry.go_contacts.trigger()
        settle()
        table, model = window.contacts_panel.table, window.contacts_model
        table.selectRow(2)
        sel = table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in (3, 4, 5, 7, 9):
            sel.select(model.index(row, 0), flags)
        settle()
        save(window.grab(), args.out / f"contacts-selection{suffix}.png")
        rect = table.visualRect(model.index(5, 0))
        at = table.viewport().mapTo(window, rect.center())
        save(with_menu(window, window.contacts_bulk.context_menu(), at), args.out / f"contacts-menu{suffix}.png")
        menu = window.contacts_bulk.context_menu()
        kinds = next(a.menu() for a in menu.actions() if a.text() == "&Kind")
        menu.popup(window.mapToGlobal(at))
        settle()
        shot = window.grab()
        painter = QPainter(shot)
        painter.drawPixmap(at, menu.grab())
        painter.drawPixmap(at + QPoint(menu.width() - 4, menu.actionGeometry(menu.actions()[2]).y()), kinds.grab())
        painter.end()
        menu.hide()
        save(shot, args.out / f"contacts-menu-kind{suffix}.png")

        # 2. Today: the tidy banner, and a selection with the buttons acting on it
        window.registry.go_today.trigger()
        settle()
        tree, today = window.today_view.tree, window.today_model
        overdue = today.section_index(0)
        tree.setCurrentIndex(today.index(0, 0, overdue))
        for row in (1, 2, 3):
            tree.selectionModel().select(today.index(row, 0, overdue), flags)
        settle()
        save(window.grab(), args.out / f"today-bulk{suffix}.png")
        rect = tree.visualRect(today.index(2, 0, overdue))
        at = tree.viewport().mapTo(window, rect.center())
        shots: list[QPixmap] = []

        def grab_popup() -> None:  # runs inside the menu's own event loop
            popup = QApplication.activePopupWidget()
            if popup is None:
                QTimer.singleShot(20, grab_popup)
                return
            shot = window.grab()
            painter = QPainter(shot)
            painter.drawPixmap(at, popup.grab())
            painter.end()
            shots.append(shot)
            popup.close()

        QTimer.singleShot(50, grab_popup)
        window.today_view._on_tree_context_menu(tree.viewport().mapFrom(window, at))
        if shots:
            save(shots[0], args.out / f"today-menu{suffix}.png")

        # 3. the tidy dialog, as the banner's button opens it
        from ui.today.tidy_dialog import TidyDialog

        dialog = TidyDialog(lambda t: bulk.count_tidy(store, t), window)
        dialog.show()
        settle()
        save(dialog.grab(), args.out / f"tidy-dialog{suffix}.png")
        dialog.close()

        # 4. the import preview with its batch row
        from ui.contacts_io.import_dialog import ContactsImportDialog

        imp = ContactsImportDialog(store.path, clock, window, path=FILES / "google_contacts.csv")
        imp.show()
        imp.next_button.click()
        for _ in range(500):
            settle()
            if imp.pages.currentIndex() == 3:
                break
        imp.batch_row.kind.setCurrentIndex(2)  # the kind Client
        imp.batch_row.tags.setText("fair-2026, lead")
        imp.batch_row.tags.editingFinished.emit()  # as Enter or leaving the field does: the plan is made again
        for _ in range(500):
            settle()
            if imp.pages.currentIndex() == 3 and "fair-2026" in (imp.model.data(imp.model.index(0, 5)) or ""):
                break
        save(imp.grab(), args.out / f"import-batch{suffix}.png")
        imp.close()
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
