"""A big list is let go of a slice at a time (ui/ops/let_go.py): freeing
100,000 contacts list rows at once froze the window for 50-70 ms."""

from __future__ import annotations

import weakref

from PySide6.QtWidgets import QApplication

from ui.ops import let_go


class Row:
    """Stands for a list row (a tuple cannot be watched by a weak reference)."""


def test_a_big_list_is_freed_over_several_turns_of_the_event_loop(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a list of three slices' worth of rows, and a watch on each
    rows = [Row() for _ in range(3 * let_go.RUN)]
    alive = weakref.WeakSet(rows)
    # WHEN it is let go of, and the caller drops its own list at once
    let_go.later(rows)
    del rows
    # THEN none is freed on the spot (the window would freeze that long)
    assert len(alive) == 3 * let_go.RUN
    # AND a turn of the event loop frees one slice at most
    qapp.processEvents()
    assert len(alive) >= 2 * let_go.RUN
    # AND soon every row is freed
    qtbot.waitUntil(lambda: len(alive) == 0 and let_go.pending() == 0)


def test_a_short_list_is_freed_at_once() -> None:
    rows = [Row() for _ in range(let_go.FROM - 1)]
    alive = weakref.WeakSet(rows)
    let_go.later(rows)
    del rows
    assert len(alive) == 0


def test_the_contacts_model_lets_its_old_rows_go_a_slice_at_a_time(qapp: QApplication, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contacts list with rows
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from followup.domain import ContactRow, Kind
    from ui.contacts.model import ContactsTableModel

    def row(i: int) -> ContactRow:
        return ContactRow(i, f"N{i}", "", Kind.CLIENT, "", (), (), None, False, f"n{i}")

    model = ContactsTableModel(lambda: datetime(2026, 11, 23, tzinfo=UTC), ZoneInfo("UTC"))
    old = [row(i) for i in range(5)]
    model.set_rows(old)
    handed: list[list[ContactRow]] = []
    monkeypatch.setattr(let_go, "later", lambda *lists: handed.extend(lists))
    # WHEN new rows replace them
    model.set_rows([row(9)])
    # THEN the old ones are handed to let_go, and the new ones show
    assert old in handed
    assert model.rowCount() == 1


def test_the_contacts_model_hands_every_list_of_its_old_rows_to_let_go(qapp: QApplication, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contacts list kept in several orders (sorted on the worker after a load), filtered
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import Qt

    from followup.domain import ContactRow, Kind
    from ui.contacts import orders
    from ui.contacts.model import ContactsTableModel

    def row(i: int) -> ContactRow:
        return ContactRow(i, f"N{i}", f"O{9 - i}", Kind.CLIENT, "", (), (), None, False, f"n{i}")

    model = ContactsTableModel(lambda: datetime(2026, 11, 23, tzinfo=UTC), ZoneInfo("UTC"))
    model.set_rows([row(i) for i in range(5)])
    generation, rows, wanted = model.order_request()
    model.adopt_orders(generation, orders.every_order(rows, wanted, lambda: False))
    kept = [*model._in_order.values(), model._visible]
    handed: list[list[ContactRow]] = []
    monkeypatch.setattr(let_go, "later", lambda *lists: handed.extend(lists))
    # WHEN new rows replace them
    model.set_rows([row(9)])
    # THEN each list that held the old rows is handed over, not dropped on the spot:
    # dropping ten lists of 100,000 rows was 8-16 ms of the frame that shows the new list
    assert {id(items) for items in kept} <= {id(items) for items in handed}
    assert model.sort(orders.ORGANISATION, Qt.SortOrder.AscendingOrder) is None and model.rowCount() == 1


def test_a_list_held_elsewhere_is_never_changed(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a big list handed over while someone else still holds it (a search running on its thread)
    rows = [Row() for _ in range(3 * let_go.RUN)]
    alive = weakref.WeakSet(rows)
    let_go.later(rows)
    # WHEN the event loop turns until let_go has nothing left
    qtbot.waitUntil(lambda: let_go.pending() == 0)
    # THEN the list is as it was, and its rows alive, until its last holder drops it
    assert len(rows) == 3 * let_go.RUN and len(alive) == 3 * let_go.RUN


def test_jobs_say_whether_one_runs_or_waits(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    # (the collector's full pass waits while one does: ui/ops/collector.py)
    import threading

    from ui.ops import jobs

    jobs.wait()
    assert not jobs.busy()
    release = threading.Event()
    job = jobs.ProgressJob(lambda _p, _c: release.wait(10))
    jobs.start(job)
    try:
        assert jobs.busy()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not jobs.busy())
