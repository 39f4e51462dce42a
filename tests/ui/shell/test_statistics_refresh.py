"""The window's connection refreshes the planner's statistics every few hours
(ui/shell/statistics_refresh.py), once the user is idle and no job runs."""

from __future__ import annotations

import math

from followup.domain import Contact, Kind
from followup.store import Store
from ui.shell.statistics_refresh import EVERY_MS, RETRY_MS, StatisticsRefresh
from ui.widgets import activity


def test_the_window_refreshes_its_statistics_when_due_and_the_user_is_idle(
    qtbot, window, store: Store, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window's refresh (what a refresh does to the statistics: tests/core/test_statistics.py)
    refresh = window.findChild(StatisticsRefresh)
    assert refresh is not None and refresh.timer.isActive()
    assert refresh.timer.interval() == EVERY_MS  # hours away at start: the open analysed
    store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    done: list[bool] = []
    real = store.refresh_statistics
    monkeypatch.setattr(store, "refresh_statistics", lambda: (done.append(True), real())[1])
    # WHEN it falls due while the user has just typed
    activity.note()
    refresh.timer.timeout.emit()
    # THEN it waits a minute, and nothing was refreshed
    assert done == []
    assert refresh.timer.isActive() and refresh.timer.interval() == RETRY_MS
    # WHEN it falls due again, the user idle
    activity._last[0] = -math.inf
    refresh.timer.timeout.emit()
    # THEN the statistics were refreshed, the store works on, and the next refresh is hours away
    assert done == [True]
    assert store.contacts.count() == 1
    assert refresh.timer.isActive() and refresh.timer.interval() == EVERY_MS


def test_a_refresh_after_the_store_closed_does_nothing(qtbot, tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QObject

    # GIVEN a refresh over a store since closed (the window closed)
    store = Store.open(tmp_path / "followup.db", clock)
    owner = QObject()
    refresh = StatisticsRefresh(store, owner)
    store.close()
    activity._last[0] = -math.inf
    # WHEN it falls due THEN nothing is asked of the closed connection, and it stops
    refresh.timer.stop()
    refresh.timer.timeout.emit()
    assert not refresh.timer.isActive()
    owner.deleteLater()
