"""Today for one kind of contact or one channel: each section counts and
shows only those, however many others there are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from followup.clock import FixedClock
from followup.domain import Channel, Kind
from followup.engine import follow_ups as engine
from followup.engine.reminders_one_off import add_reminder
from followup.engine.today_filter import TodayFilter, today
from followup.store import Store


def test_today_by_kind_and_by_channel(store: Store, clock: FixedClock, add_contact: Callable[..., int]) -> None:
    # GIVEN a client and a supplier, each with reminders overdue and later this week
    client = add_contact("Ana Lima", kind=Kind.CLIENT)
    supplier = add_contact("Bo Berg", kind=Kind.SUPPLIER, preferred_channel=Channel.PHONE)
    now = clock.now()
    for i in range(5):
        add_reminder(store, client, f"Client {i}", now - timedelta(hours=i + 1), channel="email")
    for i in range(3):
        add_reminder(store, supplier, f"Supplier {i}", now - timedelta(hours=i + 1))  # their preferred: phone
    add_reminder(store, supplier, "Supplier later", now + timedelta(days=2), channel="email")
    everything = engine.today(store)
    # WHEN Today is filtered to clients
    clients = today(store, TodayFilter(kind=Kind.CLIENT), limit=2)
    # THEN only theirs show, at most the limit, and the totals count all of theirs
    assert {fu.contact_id for fu in clients.all()} == {client}
    assert len(clients.overdue) == 2 and clients.totals[0] == 5
    assert everything.totals[0] == 8
    # WHEN filtered to calls THEN a follow-up without its own channel goes by the contact's preferred one
    calls = today(store, TodayFilter(channel=Channel.PHONE))
    assert sorted(fu.title for fu in calls.all()) == ["Supplier 0", "Supplier 1", "Supplier 2"]
    emails = today(store, TodayFilter(kind=Kind.SUPPLIER, channel=Channel.EMAIL))
    assert [fu.title for fu in emails.all()] == ["Supplier later"]
    # an empty filter is Today itself
    assert today(store, TodayFilter()).totals == everything.totals
