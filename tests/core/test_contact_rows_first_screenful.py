"""The contacts list's first screenful (ContactsRepo.first_rows) is the head of
the whole list, emails, tags and phones included; a read asked to stop
returns nothing."""

from __future__ import annotations

import random

from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store


def test_first_rows_are_the_head_of_the_whole_list(store: Store) -> None:
    # GIVEN contacts in random order with emails, tags and phones, one archived
    rng = random.Random(7)
    names = [f"{rng.choice('abcdeABCDE')}{rng.randrange(1000)}" for _ in range(60)]
    for i, name in enumerate(names):
        contact = Contact(
            name=name,
            kind=rng.choice(list(Kind)),
            emails=[LabelledValue(f"{name}.{k}@example.org") for k in range(i % 3)],
            phones=[LabelledValue(f"+351 91{i:07d}")] if i % 2 else [],
            tags=["vip", "Lisbon"][: i % 3],
        )
        cid = store.contacts.add(contact)
        if i == 5:
            store.contacts.set_archived(cid)
    # WHEN the first screenful is read
    first = store.contacts.first_rows(20)
    # THEN it is the first 20 of the whole (active) list, row for row
    assert first == store.contacts.rows()[:20]
    assert len(store.contacts.first_rows(500)) == 59


def test_a_read_asked_to_stop_returns_nothing(store: Store) -> None:
    # GIVEN a contact
    store.contacts.add(Contact(name="Ana Lima"))
    # WHEN the whole list is read with a cancel check that says stop THEN nothing comes back
    assert store.contacts.rows(cancelled=lambda: True) == []
    assert len(store.contacts.rows(cancelled=lambda: False)) == 1
