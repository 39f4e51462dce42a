"""Likely duplicates (issue 15): same email, same phone by digits, similar
names; dismissed pairs are remembered; blocked by keys, never every pair."""

from __future__ import annotations

from collections.abc import Callable

from followup import duplicates
from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store


def test_pairs_by_email_phone_and_folded_name(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN contacts that are one person written twice, and two that are not
    a = add_contact("Emma Taylor", emails=[LabelledValue("emma@one.example")])
    b = add_contact("E. Taylor", emails=[LabelledValue("EMMA@one.example")])
    c = add_contact("José Peña", phones=[LabelledValue("+49 30 1234567")])
    d = add_contact("Pepe", phones=[LabelledValue("030 123-4567")])
    e = add_contact("pena, JOSE")
    add_contact("Ana", phones=[LabelledValue("12")])
    add_contact("Ana")  # one-word names are too common to say anything
    # WHEN the duplicates are found
    found = {p.ids: p.reasons for p in duplicates.find(store)}
    # THEN each pair says why, and nothing else is offered
    assert found == {
        (a, b): ("same email",),
        (c, d): ("same phone",),
        (c, e): ("similar name",),
    }


def test_a_phone_in_international_and_national_form_is_one_phone(store: Store, add_contact: Callable[..., int]) -> None:
    # GIVEN numbers written as people write them, and two that only end alike
    noa = add_contact("נועה לוי", phones=[LabelledValue("+972 3 555 1234")])
    levi = add_contact("Noa Levi", phones=[LabelledValue("03-555-1234")])
    add_contact("Someone Else", phones=[LabelledValue("+44 20 7555 1234")])
    add_contact("Another One", phones=[LabelledValue("+1 212 555 1234")])
    # THEN only the two forms of one number are a pair
    assert [(p.ids, p.reasons) for p in duplicates.find(store)] == [((noa, levi), ("same phone",))]


def test_the_strongest_evidence_comes_first(store: Store, add_contact: Callable[..., int]) -> None:
    a = add_contact("Li Wei", emails=[LabelledValue("li@x.example")], phones=[LabelledValue("+44 20 7946 0000")])
    b = add_contact("Wei Li", emails=[LabelledValue("li@x.example")], phones=[LabelledValue("020 7946 0000")])
    c = add_contact("Ana Lima")
    d = add_contact("ana lima")
    pairs = duplicates.find(store)
    assert [p.ids for p in pairs] == [(a, b), (c, d)]
    assert pairs[0].reasons == ("same email", "same phone", "similar name")
    assert pairs[0].first.detail == "li@x.example"


def test_a_dismissed_pair_is_not_offered_again_and_goes_with_the_contact(
    store: Store, add_contact: Callable[..., int]
) -> None:
    # GIVEN two Emma Taylors who are two people
    a = add_contact("Emma Taylor", organisation="One Ltd")
    b = add_contact("Emma Taylor", organisation="Two Ltd")
    c = add_contact("emma taylor")
    assert len(duplicates.find(store)) == 3
    # WHEN the user says a and b are not one person
    duplicates.dismiss(store, b, a)
    # THEN that pair is never offered again, the others still are
    assert [p.ids for p in duplicates.find(store)] == [(a, c), (b, c)]
    duplicates.undismiss(store, a, b)
    assert len(duplicates.find(store)) == 3
    duplicates.dismiss(store, a, b)
    store.contacts.delete(a)
    assert store.conn.execute("SELECT count(*) FROM duplicate_dismissals").fetchone()[0] == 0


def test_at_scale_blocks_by_key_and_skips_keys_everyone_shares(store: Store) -> None:
    # GIVEN 100,000 contacts: 2,000 of them share one office mailbox, 40 pairs are real duplicates
    now = "2026-01-01T00:00:00Z"
    n = 100_000
    conn = store.conn
    with store.transaction():
        conn.executemany(
            "INSERT INTO contacts (id, name, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(i, f"Person{i} Family{i * 7919 % n}", Kind.CLIENT.value, now, now) for i in range(1, n + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, address, address_lower) VALUES (?, 0, ?, ?)",
            [(i, f"p{i}@x.example", f"p{i}@x.example") for i in range(1, n + 1)],
        )
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, address, address_lower) VALUES (?, 1, ?, ?)",
            [(i, "office@big.example", "office@big.example") for i in range(1, 2001)],
        )
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, address, address_lower) VALUES (?, 2, ?, ?)",
            [(i, f"p{i - 1}@x.example", f"p{i - 1}@x.example") for i in range(50_002, 50_082, 2)],
        )
    # WHEN the duplicates are found
    pairs = duplicates.find(store)
    # THEN exactly the 40 real pairs: the shared mailbox (2 million pairs) is left out
    assert sorted(p.ids for p in pairs) == [(i - 1, i) for i in range(50_002, 50_082, 2)]
    assert duplicates.name_key("Ängström,  ÅSA") == "angstrom asa"


def test_names_of_one_word_or_initials_only_are_no_key() -> None:
    assert duplicates.name_key("Cher") == ""
    assert duplicates.name_key("J. K.") == ""
    assert duplicates.name_key("María José GONZÁLEZ") == "gonzalez jose maria"


def test_merged_contacts_leave_no_pair(store: Store, add_contact: Callable[..., int]) -> None:
    from followup.engine.merge_contacts import merge_contacts

    a = add_contact("Emma Taylor")
    b = store.contacts.add(Contact(name="Emma  Taylor"))
    merge_contacts(store, a, b)
    assert duplicates.find(store) == []
