"""A saved view of what only the database knows (a reply owed), over
thousands of contacts, is asked again on the worker after a write, and only
the newest answer is shown (issue 16)."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from followup.changes import Changes
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.saved_views import Criteria
from followup.store import Store
from followup.timeutil import to_db
from ui.contacts import views_bar
from ui.shell.window import MainWindow

N = 1_500


def test_needs_a_reply_is_asked_again_on_the_worker(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 1,500 contacts, two of whom wait for a reply, and the view "needs a reply" shown
    assert N >= views_bar.RECOMPILE_IN_PLACE_BELOW
    stamp = to_db(clock.now() - timedelta(days=3))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?, ?)",
            [(f"Person {i:05}", stamp, stamp) for i in range(N)],
        )
    ana = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    bo = store.contacts.add(Contact(name="Bo Chen", tz="Europe/Lisbon"))
    for who in (ana, bo):
        asked = TouchPoint(who, clock.now() - timedelta(hours=3), Channel.EMAIL, Direction.IN, "Q", needs_reply=True)
        log_touch_point(store, asked)
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.total() == N + 2, timeout=20_000)
    window.saved_views.show_criteria(Criteria(needs_reply=True))
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 2)
    threads: list[str] = []
    real = views_bar.compile_view

    def spy(*args: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(views_bar, "compile_view", spy)
    # WHEN Ana is answered, then Bo, each write told to the hub
    for who in (ana, bo):
        log_touch_point(store, TouchPoint(who, clock.now(), Channel.EMAIL, Direction.OUT, "Answer"))
        window.hub.publish(Changes.for_contact(who, touch_points=True, follow_ups=True))
    # THEN the view is asked again off the GUI thread, and the newest answer shows: nobody owes a reply
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 0, timeout=20_000)
    assert threads and all(name != threading.current_thread().name for name in threads)
    window.tasks.wait(10_000)
    qtbot.wait(50)
    assert window.contacts_model.rowCount() == 0  # an older answer, arriving late, is not shown


def test_another_view_shown_meanwhile_wins(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    # GIVEN 1,500 contacts and the view "needs a reply" (nobody) shown
    stamp = to_db(clock.now() - timedelta(days=3))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?, ?)",
            [(f"Person {i:05}", stamp, stamp) for i in range(N)],
        )
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.total() == N, timeout=20_000)
    bar = window.saved_views
    bar.show_criteria(Criteria(needs_reply=True))
    assert window.contacts_model.rowCount() == 0
    # WHEN a write asks it again, and the user shows everyone before the answer comes
    window.hub.publish(Changes(follow_ups=True, contacts=True))
    bar.show_criteria(None)
    window.tasks.wait(10_000)
    qtbot.wait(50)
    # THEN everyone stays shown
    assert bar.filter is None
    assert window.contacts_model.rowCount() == N
