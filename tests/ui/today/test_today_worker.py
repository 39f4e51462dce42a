"""Today read on the worker (issue 16): with a big address book, switching to
Today after a change no longer reads 30,000 overdue items on the GUI thread.
Here the threshold is lowered so that three contacts take the worker's path."""

from __future__ import annotations

from datetime import timedelta

from followup.changes import Changes
from followup.domain import Contact, Kind
from followup.errors import FollowupError
from followup.planning.model import FollowUp, Source
from followup.store import Store
from followup.timeutil import to_db
from ui.today import controller as today_controller


def _overdue(store: Store, clock, name: str, title: str) -> int:  # type: ignore[no-untyped-def]
    contact = store.contacts.add(Contact(name=name, kind=Kind.CLIENT, tz="Europe/Lisbon"))
    return store.follow_ups.add(
        FollowUp(contact_id=contact, title=title, source=Source.MANUAL, due=clock.now() - timedelta(days=2), tz="UTC")
    )


def _titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [fu.title for fu in window.today_model.listed()]


def test_today_is_read_on_the_worker_and_says_so_until_it_arrives(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two overdue follow-ups, and Today read on the worker for any address book
    window.registry.go_contacts.trigger()
    window.today.in_place_below = window.today.first_in_place_below = 0
    _overdue(store, clock, "Ana Lima", "Send the quote")
    _overdue(store, clock, "Bo Chen", "Call about the delivery")
    window.reload_contacts()
    window.today.stale = True
    # WHEN Today is shown
    window.registry.go_today.trigger()
    # THEN while it is read, nothing pretends that nothing is due
    assert window.today.busy()
    assert window.today_view.stack.currentWidget() is window.today_view.empty
    assert "Reading what is due" in window.today_view.empty.text()
    assert window.today_view.summary.text() == ""
    # AND once read, both are listed and counted
    qtbot.waitUntil(lambda: not window.today.busy())
    assert sorted(_titles(window)) == ["Call about the delivery", "Send the quote"]
    assert window.today_view.summary.text().startswith("2 overdue")
    assert window.today_view.current() is not None  # the first is selected, as in place


def test_an_older_read_that_arrives_late_is_not_shown(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today read on the worker, showing one overdue item
    window.today.in_place_below = window.today.first_in_place_below = 0
    _overdue(store, clock, "Ana Lima", "Send the quote")
    window.reload_contacts()
    window.registry.go_today.trigger()
    window.today.refresh()
    qtbot.waitUntil(lambda: not window.today.busy())
    shown: list[int] = []
    window.today_model.shown.connect(lambda: shown.append(1))
    # WHEN two refreshes are asked for at once, another item logged between them
    window.today.refresh()
    _overdue(store, clock, "Bo Chen", "Call about the delivery")
    window.today.refresh()
    window.today.wait()
    qtbot.waitUntil(lambda: not window.today.busy())
    # THEN only the newest read reached the view, and it has both
    assert shown == [1]
    assert sorted(_titles(window)) == ["Call about the delivery", "Send the quote"]


def test_a_read_that_fails_says_so_and_is_tried_again(qtbot, window, store: Store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today read on the worker, and a database that cannot be read
    window.registry.go_contacts.trigger()
    window.today.in_place_below = window.today.first_in_place_below = 0
    _overdue(store, clock, "Ana Lima", "Send the quote")
    window.reload_contacts()

    def unreadable(*_args: object, **_kwargs: object) -> None:
        raise FollowupError("disk I/O error")

    monkeypatch.setattr(today_controller.today_filter, "today", unreadable)
    window.today.stale = True
    # WHEN Today is shown
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: not window.today.busy())
    # THEN it says what went wrong, and the next showing reads again
    assert window.today_view.summary.text() == "Today could not be read: disk I/O error"
    assert window.today.stale
    monkeypatch.undo()
    window.registry.go_contacts.trigger()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: not window.today.busy())
    assert _titles(window) == ["Send the quote"]


def test_nudges_that_today_opens_as_it_reads_are_not_news_from_elsewhere(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact never touched for far longer than their kind's rhythm,
    # their stay-in-touch nudge not opened yet, and Today read on the worker
    window.registry.go_contacts.trigger()
    window.today.in_place_below = window.today.first_in_place_below = 0
    long_ago = to_db(clock.now() - timedelta(days=400))
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES ('Ana Lima', 'other', 'UTC', ?, ?)",
            (long_ago, long_ago),
        )
    window.reload_contacts()
    qtbot.waitUntil(lambda: not window.contacts_loader.busy())
    window.hub.poll()
    told: list[Changes] = []
    window.hub.changed.connect(told.append)
    # WHEN Today is shown, and its read opens the nudge
    window.today.stale = True
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: not window.today.busy())
    # THEN it is listed, and the window is told what the read wrote, as for any
    # write of its own: not "changed from elsewhere" (every view read again,
    # the whole contacts list too)
    assert _titles(window) == ["Stay in touch with Ana"]
    assert not window.hub.poll()
    assert told and all(not c.external and c.follow_ups and not c.contacts for c in told)


def _switch_to_today(window, store: Store, clock, in_place_below: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Three contacts with something overdue, the contacts list shown, Today made stale; then
    Today shown, and the statements the window's own connection ran for the switch."""
    for name in ("Ana Lima", "Bo Chen", "Caro Diaz"):
        _overdue(store, clock, name, f"Call {name}")
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    assert window.tabs.currentWidget() is window.splitter
    window.today.in_place_below = window.today.first_in_place_below = in_place_below
    window.today.stale = True
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        window.registry.go_today.trigger()
    finally:
        store.conn.set_trace_callback(None)
    assert window.tabs.currentWidget() is window.today_page
    return statements


def test_switching_to_today_does_not_count_every_contact(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN three contacts, and Today read on the worker from three contacts
    # WHEN Today is shown
    statements = _switch_to_today(window, store, clock, in_place_below=3)
    # THEN it went to the worker without counting the address book on the GUI thread
    # (SELECT count(*) over 100,000 contacts: 1.4-9.6 ms of every switch)
    assert window.today.busy()
    assert not any("count(" in s.lower() for s in statements), statements
    qtbot.waitUntil(lambda: not window.today.busy())
    assert len(_titles(window)) == 3


def test_below_the_threshold_today_is_still_read_in_place(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN three contacts, and Today read in place below four
    # WHEN Today is shown
    statements = _switch_to_today(window, store, clock, in_place_below=4)
    # THEN it was read here, at once
    assert any("FROM follow_ups" in s for s in statements), statements
    assert not window.today.busy()
    assert len(_titles(window)) == 3


def test_the_first_read_is_in_place_and_the_next_ones_on_the_worker(qtbot, window, store: Store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today never read yet (the welcome page shows), and read on the worker for any address book
    # after its first read, which is in place up to 20,000 contacts
    window.today.in_place_below = 0
    assert window.today.first_in_place_below == 20_000
    _overdue(store, clock, "Ana Lima", "Send the quote")
    _overdue(store, clock, "Bo Chen", "Call about the delivery")
    # WHEN the list leaves the welcome page and Today, shown, is read for the first time
    window.reload_contacts()
    assert window.tabs.currentWidget() is window.today_page
    # THEN it is listed at once: no "Reading what is due" frame, nothing sent to the worker
    assert not window.today.busy()
    assert sorted(_titles(window)) == ["Call about the delivery", "Send the quote"]
    assert window.today_view.stack.currentWidget() is window.today_view.tree
    # AND the next read goes to the worker, the list shown meanwhile
    window.today.refresh()
    assert window.today.busy() and len(_titles(window)) == 2
    qtbot.waitUntil(lambda: not window.today.busy())
    assert len(_titles(window)) == 2
