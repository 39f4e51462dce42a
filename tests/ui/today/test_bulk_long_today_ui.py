"""Today's bulk actions on a large selection (issue 16): on the worker, the
result and its Undo right, with the follow-ups as they were. Today shows at
most 300 follow-ups a section, so the test lowers the threshold to reach it."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from followup.clock import FixedClock
from followup.engine import bulk_follow_ups
from followup.engine import follow_ups as engine
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import to_db
from ui.shell.window import MainWindow
from ui.today import bulk as today_bulk

N = 3_000
STATE = "SELECT id, status, completed_at, due_utc, snoozed_until_utc, wake_utc, updated_at FROM follow_ups ORDER BY id"


def test_skip_thousands_on_the_worker_and_undo_them_all(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 3,000 contacts never touched: 3,000 overdue stay-in-touch nudges, those shown selected in Today
    monkeypatch.setattr(today_bulk, "IN_BACKGROUND_FROM", 100)
    now = clock.now()
    ideal, _ = Preferences.load(store).cadence_for("other")
    rows = [(f"Person {i:04}", to_db(now - timedelta(days=ideal + 5 + i / 10))) for i in range(N)]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?2, ?2)", rows
        )
    engine.sync_cadences(store)
    before = store.conn.execute(STATE).fetchall()
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)
    tree = window.today_view.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    chosen = {fu.id for fu in window.today.bulk.selected()}
    assert len(chosen) >= 100
    threads: list[str] = []
    real = bulk_follow_ups.skip

    def spy(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(bulk_follow_ups, "skip", spy)
    # WHEN Skip is clicked
    qtbot.mouseClick(window.today_view.skip_button, Qt.MouseButton.LeftButton)
    # THEN every nudge is skipped, by the worker, and the status bar says so
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Skipped"), timeout=20_000)
    assert threads and threads[0] != threading.current_thread().name
    assert window.statusBar().currentMessage() == f"Skipped {len(chosen):,} follow-ups. Ctrl+Z undoes it."
    skipped = {i for (i,) in store.conn.execute("SELECT id FROM follow_ups WHERE status = 'skipped'")}
    assert skipped == chosen
    # AND one Ctrl+Z puts back every follow-up exactly as it was (its times and its stamp)
    window.registry.undo.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Undid"), timeout=20_000)
    assert window.statusBar().currentMessage() == f"Undid skip {len(chosen):,} follow-ups."
    assert store.conn.execute(STATE).fetchall() == before
