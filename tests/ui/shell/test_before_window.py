"""After a crash the window says it is checking the data before it opens, and
Quit stops the check without writing anything (ui/shell/before_window.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from followup.clock import SystemClock
from followup.domain import Contact
from followup.store import Store
from ui.shell import before_window


def crashed_database(folder: Path) -> Path:
    """A database, and the marker of a process that died with it open."""
    db = folder / "followup.db"
    with Store.open(db, SystemClock()) as store:
        store.contacts.add(Contact(name="Ana Lima"))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (folder / f".followup.db.pid-{int(gone.stdout)}").touch()
    return db


def pending(folder: Path) -> list[Path]:
    return list(folder.glob(".followup.db.pid-*"))


def test_the_check_runs_and_the_start_goes_on(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN a database left open by a process that died
    db = crashed_database(tmp_path)
    assert pending(tmp_path)
    # WHEN the window's start runs the check
    ok = before_window.prepare_before_window(db, "Followup")
    # THEN it passed, nothing is left to check, and no dialog stays behind
    assert ok is True
    assert not pending(tmp_path)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_quit_stops_the_start_and_writes_nothing(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a database left open by a process that died, and a dialog that shows at once
    db = crashed_database(tmp_path)
    before = db.read_bytes()
    monkeypatch.setattr(before_window, "SHOW_AFTER_MS", 0)
    seen: list[str] = []

    def press_quit() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        seen.extend(d.labelText() for d in dialogs)
        for dialog in dialogs:
            dialog.cancel()

    # WHEN the user presses Quit before the first look at the check (the poll is 50 ms away)
    QTimer.singleShot(0, press_quit)
    ok = before_window.prepare_before_window(db, "Followup")
    # THEN the start stops, the dialog had said what was happening, and not a byte was written
    assert ok is False
    assert seen and "not closed properly last time" in seen[0]
    assert db.read_bytes() == before


def test_nothing_to_check_shows_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN a database closed cleanly
    db = tmp_path / "followup.db"
    Store.open(db, SystemClock()).close()
    # WHEN the start asks
    shown: list[object] = []
    QTimer.singleShot(
        0, lambda: shown.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))
    )
    ok = before_window.prepare_before_window(db, "Followup")
    qtbot.wait(10)
    # THEN it goes straight on
    assert ok is True and not shown


def test_an_older_database_is_upgraded_behind_a_dialog_that_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.store import migrations
    from tests.old_databases import backups_of, database_at

    # GIVEN a database an earlier version left, and a dialog that shows at once
    db = tmp_path / "followup.db"
    database_at(db, migrations.LATEST - 1)
    monkeypatch.setattr(before_window, "SHOW_AFTER_MS", 0)
    seen: list[str] = []
    QTimer.singleShot(
        0, lambda: seen.extend(w.labelText() for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))
    )
    # WHEN the window's start prepares it
    ok = before_window.prepare_before_window(db, "Followup")
    # THEN it said it was updating, the database is at the latest version, its copy was kept, and Ana is there
    assert ok is True
    assert seen and seen[0].startswith("Updating your data for this version of Followup")
    with Store.open(db, SystemClock()) as store:
        assert [c.name for c in store.contacts.rows(include_archived=True)] == ["Ana Lima"]
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert backups_of(db, migrations.LATEST - 1)


def test_the_check_leaves_no_runnable_behind(qtbot: QtBot, tmp_path: Path) -> None:
    # GIVEN a database left open by a process that died
    db = crashed_database(tmp_path)
    # WHEN the check has run on the worker
    assert before_window.prepare_before_window(db, "Followup") is True
    # THEN no Python wrapper of a runnable is left: one made by QRunnable.create outlives the object Qt deleted
    # after running it, and Qt hands that stale wrapper back for whatever it allocates next at the same
    # address (a QAction seen as a 'QRunnable' with no 'triggered', a window failing to build)
    left = [w for w in Shiboken.getAllValidWrappers() if type(w) is QRunnable]
    assert left == []
