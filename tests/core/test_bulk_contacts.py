"""Bulk contact actions (followup/engine/bulk_contacts.py) on a real database."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.engine import bulk_contacts as bulk
from followup.errors import NotFoundError, ValidationError
from followup.store import Store


def _tags(store: Store, contact_id: int) -> list[str]:
    return store.contacts.get(contact_id).tags


def test_tag_many_in_one_step_and_undo(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN three contacts, one already tagged 'VIP' in another case
    a, b = add_contact("Ana"), add_contact("Bo")
    c = add_contact("Cy", tags=["VIP"])
    # WHEN all three are tagged 'vip'
    done = bulk.add_tag(store, [a, b, c], "vip")
    # THEN the two without it have it, the third keeps its spelling
    assert done.changed == [a, b] and done.unchanged == 1
    assert _tags(store, a) == ["vip"] and _tags(store, c) == ["VIP"]
    assert bulk.describe(done, "vip") == "Tagged 2 contacts 'vip' (1 had it already)."
    # AND Undo takes it off those two only
    bulk.undo(store, done)
    assert _tags(store, a) == [] and _tags(store, b) == [] and _tags(store, c) == ["VIP"]


def test_untag_any_case_and_undo_brings_the_spelling_back(store: Store, add_contact: Callable[..., int]) -> None:
    a = add_contact("Ana", tags=["Lead", "x"])
    b = add_contact("Bo", tags=["lead"])
    c = add_contact("Cy")
    done = bulk.remove_tag(store, [a, b, c], "LEAD")
    assert done.changed == [a, b] and done.unchanged == 1
    assert _tags(store, a) == ["x"] and _tags(store, b) == []
    bulk.undo(store, done)
    assert _tags(store, a) == ["Lead", "x"] and _tags(store, b) == ["lead"]


def test_kind_rhythm_archive_and_their_undo(store: Store, add_contact: Callable[..., int]) -> None:
    a, b = add_contact("Ana", kind=Kind.CLIENT), add_contact("Bo")
    kind = bulk.set_kind(store, [a, b], Kind.CLIENT)
    assert kind.changed == [b] and kind.unchanged == 1
    assert store.contacts.get(b).kind is Kind.CLIENT
    rhythm = bulk.set_rhythm(store, [a, b], 14, 30)
    assert (store.contacts.get(a).cadence_ideal_days, store.contacts.get(a).cadence_limit_days) == (14, 30)
    archived = bulk.set_archived(store, [a, b])
    assert store.contacts.rows() == []
    for done in (archived, rhythm, kind):
        bulk.undo(store, done)
    assert [r.name for r in store.contacts.rows()] == ["Ana", "Bo"]
    assert store.contacts.get(b).kind is Kind.OTHER
    assert store.contacts.get(a).cadence_ideal_days is None


def test_rhythm_refuses_a_limit_shorter_than_the_ideal(store: Store, add_contact: Callable[..., int]) -> None:
    a = add_contact("Ana")
    with pytest.raises(ValidationError, match="cannot be shorter"):
        bulk.set_rhythm(store, [a], 30, 14)
    with pytest.raises(ValidationError, match="or neither"):
        bulk.set_rhythm(store, [a], 30, None)


def test_delete_many_and_undo_puts_everything_back(
    store: Store, add_contact: Callable[..., int], log_tp: Callable[..., int]
) -> None:
    # GIVEN two contacts with emails, tags and touch points, and a third referred by one of them
    a = add_contact("Ana", tags=["x"])
    b = add_contact("Bo")
    c = store.contacts.add(Contact(name="Cy", referred_by=a))
    log_tp(a, summary="Lunch")
    log_tp(b, summary="Call")
    before_a = store.contacts.get(a)
    # WHEN both are deleted in one step
    done = bulk.delete(store, [a, b])
    assert store.contacts.count() == 1 and store.contacts.get(c).referred_by is None
    assert bulk.describe(done) == "Deleted 2 contacts."
    # THEN Undo brings them back with their ids, tags, log and the referral
    bulk.undo(store, done)
    assert store.contacts.get(a) == before_a
    assert store.touch_points.count_for(b) == 1
    assert store.contacts.get(c).referred_by == a
    assert [r.summary for r in store.touch_points.search("Lunch")] == ["Lunch"]


def test_empty_selection_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="Select at least one contact"):
        bulk.add_tag(store, [], "vip")


def test_a_contact_deleted_meanwhile_by_another_process(
    store: Store, add_contact: Callable[..., int], db_path, clock: FixedClock
) -> None:
    # GIVEN three selected contacts, one of which another process deletes
    a, b, c = add_contact("Ana"), add_contact("Bo"), add_contact("Cy")
    other = Store.open(db_path, clock)
    try:
        other.contacts.delete(b)
    finally:
        other.close()
    # WHEN the selection is tagged
    done = bulk.add_tag(store, [a, b, c], "vip")
    # THEN the others are tagged and the missing one is named, not an error
    assert done.changed == [a, c] and done.missing == [b]
    assert "1 deleted elsewhere meanwhile" in bulk.describe(done, "vip")
    # AND a selection of which nothing is left is refused with a sentence
    with pytest.raises(NotFoundError, match="no longer exists"):
        bulk.set_archived(store, [b])
    with pytest.raises(NotFoundError, match="None of the 2 selected contacts exists any more"):
        bulk.set_archived(store, [b, 999, b])
    # AND those missing are named in the order they were selected, each once
    assert bulk.set_kind(store, [999, c, b, 998, b], Kind.PARTNER).missing == [999, b, 998]


def test_a_bad_tag_changes_nothing(store: Store, add_contact: Callable[..., int]) -> None:
    a = add_contact("Ana")
    with pytest.raises(ValidationError, match="at least one letter"):
        bulk.add_tag(store, [a], " # ")
    assert _tags(store, a) == []


def test_thousands_in_one_transaction(store: Store) -> None:
    # GIVEN 3,000 contacts
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', ?, ?)",
            [(f"P{i}", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z") for i in range(3000)],
        )
    ids = [r for (r,) in store.conn.execute("SELECT id FROM contacts")]
    # WHEN all are tagged, then deleted, then brought back
    assert len(bulk.add_tag(store, ids, "imported").changed) == 3000
    done = bulk.delete(store, ids)
    assert store.contacts.count() == 0
    bulk.undo(store, done)
    # THEN every one is back with the tag
    assert store.conn.execute("SELECT count(*) FROM contact_tags WHERE tag = 'imported'").fetchone()[0] == 3000
    assert done.changes.contact_ids == frozenset()  # too many to name: the list reloads once
