"""The window merges the search index on its worker once the user is idle
(ui/ops/index_upkeep.py; what a merge does: tests/core/test_index_upkeep.py).
Its commits are no change to the views; a change from elsewhere made while
it runs is still reported."""

from __future__ import annotations

import math
import sqlite3
from datetime import timedelta

import pytest

from followup.changes import Changes
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.store import Store
from followup.store import index_upkeep as core
from ui.ops import collector, index_upkeep, jobs
from ui.ops.index_upkeep import IndexUpkeep
from ui.widgets import activity


def _segments(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(DISTINCT segid) FROM touch_points_fts_idx").fetchone()[0])


def _forty_writes(window, store: Store) -> int:  # type: ignore[no-untyped-def]
    """40 touch points logged, a write each, told to the hub as the window's writes are."""
    ana = store.contacts.add(Contact(name="Ana Lima"))
    for day in range(40):
        notes = " ".join(f"w{day}x{k}" for k in range(300))
        log_touch_point(store, TouchPoint(ana, store.clock.now() - timedelta(days=day + 1), Channel.EMAIL,
                                          Direction.IN, f"Renewal {day}", notes=notes))  # fmt: skip
    window.hub.publish(Changes(touch_points=True))
    _upkeep(window)  # (the change started its timer: the test says when it looks)
    return ana


def _reported() -> bool:
    """No merge job left to report (until then the hub does not look)."""
    return not index_upkeep.running() and not jobs.ended_unreported()


def _upkeep(window) -> IndexUpkeep:  # type: ignore[no-untyped-def]
    upkeep = window.findChild(IndexUpkeep)
    assert upkeep is not None
    upkeep.timer.stop()  # the test says when it looks
    return upkeep


def test_the_index_is_merged_on_the_worker_once_the_user_is_idle(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN 40 writes' segments in the window's database, and the window's upkeep
    upkeep = _upkeep(window)
    _forty_writes(window, store)
    reported: list[Changes] = []
    window.hub.changed.connect(reported.append)
    # WHEN it looks while the user has just typed
    activity.note()
    upkeep.timer.timeout.emit()
    # THEN no merge starts, and it looks again a second later
    assert not index_upkeep.running()
    assert _segments(store.conn) == 40
    assert upkeep.timer.isActive() and upkeep.timer.interval() == index_upkeep.LOOK_MS
    # WHEN it looks with the user idle
    activity._last[0] = -math.inf
    upkeep.timer.timeout.emit()
    # THEN a job merges on the worker until nothing is left
    assert index_upkeep.running()
    qtbot.waitUntil(lambda: not upkeep.due and not upkeep.timer.isActive() and _reported(), timeout=20_000)
    assert _segments(store.conn) <= 3
    assert len(store.touch_points.search("renewal")) == 40
    # AND no view was told of a change, by the hub's timer meanwhile or at its next look
    assert not window.hub.poll()
    assert [c for c in reported if c.anything] == []


def test_a_change_from_elsewhere_while_it_merges_is_still_reported(
    qtbot, window, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN segments to merge, and the command line writing to the same file while the merge runs
    upkeep = _upkeep(window)
    _forty_writes(window, store)
    real = core.merge_step
    wrote: list[bool] = []

    def with_the_command_line(conn, **kw):  # type: ignore[no-untyped-def]
        if not wrote:  # after the job's first look at the database's version
            other = sqlite3.connect(store.path, isolation_level=None)
            other.execute("UPDATE contacts SET notes = 'from the command line'")
            other.close()
            wrote.append(True)
        return real(conn, **kw)

    monkeypatch.setattr(core, "merge_step", with_the_command_line)
    reported: list[Changes] = []
    window.hub.changed.connect(reported.append)
    # WHEN the upkeep merges, the user idle
    activity._last[0] = -math.inf
    upkeep.timer.timeout.emit()
    qtbot.waitUntil(_reported, timeout=20_000)
    # THEN the hub's next look (its timer's, or this one) reports the change from elsewhere
    assert wrote
    window.hub.poll()
    assert [c for c in reported if c.external] == [Changes.everything(external=True)]


def test_a_full_pass_of_the_collector_waiting_for_a_pause_goes_first(
    qtbot, window, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN segments to merge, the user idle, and a full pass of the collector waiting for a pause without jobs
    upkeep = _upkeep(window)
    _forty_writes(window, store)
    activity._last[0] = -math.inf
    monkeypatch.setattr(collector, "_due_since", [0.0])
    # WHEN the upkeep looks
    upkeep.timer.timeout.emit()
    # THEN it starts no job and looks again a second later; once the pass has run, it merges
    assert not index_upkeep.running() and _segments(store.conn) == 40
    assert upkeep.timer.isActive() and upkeep.timer.interval() == index_upkeep.LOOK_MS
    collector._due_since[0] = None
    upkeep.timer.timeout.emit()
    assert index_upkeep.running()
    qtbot.waitUntil(_reported, timeout=20_000)
    assert _segments(store.conn) <= 3


def test_the_log_is_checkpointed_in_the_users_pause_not_in_the_windows_writes(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window's connection, which checkpoints the log only past a bound far above SQLite's 1,000 pages
    upkeep = _upkeep(window)
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (core.WINDOW_CHECKPOINT_PAGES,)
    _forty_writes(window, store)
    wal = store.path.with_name(store.path.name + "-wal")
    restarts = wal.read_bytes()[12:16]  # the log's checkpoint sequence: one more each time it starts again
    # WHEN the upkeep has run in a pause of the user's, and the window writes again
    activity._last[0] = -math.inf
    upkeep.timer.timeout.emit()
    qtbot.waitUntil(lambda: not upkeep.due and _reported(), timeout=20_000)
    store.contacts.add(Contact(name="Bo Chen"))
    # THEN the log had been copied back whole, and the write started it again from the top
    assert int.from_bytes(wal.read_bytes()[12:16], "big") == int.from_bytes(restarts, "big") + 1


def test_the_job_stops_after_the_step_under_way_when_the_user_comes_back(
    qtbot, window, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN segments to merge in steps of one page (many steps), the user idle, and a key pressed
    # during the job's first step
    upkeep = _upkeep(window)
    _forty_writes(window, store)
    monkeypatch.setattr(core, "STEP_PAGES", 1)
    real = core.merge_step
    steps: list[bool] = []

    def step(conn, **kw):  # type: ignore[no-untyped-def]
        if not steps:
            activity.note()  # (a float written, as the window's watch writes it)
        steps.append(real(conn, **kw))
        return steps[-1]

    monkeypatch.setattr(core, "merge_step", step)
    activity._last[0] = -math.inf
    # WHEN the upkeep starts a job
    upkeep.timer.timeout.emit()
    qtbot.waitUntil(_reported, timeout=20_000)
    # THEN that step was its last, more is left for the next pause, and no job starts while the user is busy
    assert steps == [True]
    assert upkeep.due
    upkeep.timer.timeout.emit()
    assert not index_upkeep.running()


def test_a_window_over_an_index_with_nothing_to_merge_starts_no_job(qtbot, store: Store, clock, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.shell.window import MainWindow

    def _make_window(qtbot, store: Store, clock, folder):  # type: ignore[no-untyped-def]
        window = MainWindow(store, clock, folder)
        qtbot.addWidget(window)
        window.show()
        return window

    # GIVEN a database whose index holds 40 segments, and one whose index holds none
    full = Store.open(tmp_path / "full" / "followup.db", clock)
    _forty_writes_plain(full)
    # WHEN a window opens over each
    empty_window = _make_window(qtbot, store, clock, tmp_path)
    full_window = _make_window(qtbot, full, clock, tmp_path / "full")
    # THEN only the second has a merge due
    assert _upkeep(empty_window).due is False
    assert _upkeep(full_window).due is True
    # AND once closed, it starts none
    full_window.close()
    activity._last[0] = -math.inf
    _upkeep(full_window).timer.timeout.emit()
    assert not index_upkeep.running()
    full.close()


def _forty_writes_plain(store: Store) -> None:
    ana = store.contacts.add(Contact(name="Ana Lima"))
    for day in range(40):
        log_touch_point(store, TouchPoint(ana, store.clock.now() - timedelta(days=day + 1), Channel.EMAIL,
                                          Direction.IN, f"Renewal {day}"))  # fmt: skip
