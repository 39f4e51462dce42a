"""Contacts in the store: round trips, validation, archive, delete and undo, resolve."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Kind, LabelledValue
from followup.errors import AmbiguousError, NotFoundError, ValidationError
from followup.store import Store

AddContact = Callable[..., int]


def full_contact(referred_by: int | None) -> Contact:
    return Contact(
        name="Ana Lima",
        kind=Kind.CLIENT,
        organisation="Lima & Filhos",
        title="Head of Operations",
        emails=[LabelledValue("ana@lima.pt", "work"), LabelledValue("ana.home@mail.example", "home")],
        phones=[LabelledValue("+351 912 345 678", "mobile"), LabelledValue("00351 21 000 0000", "office")],
        preferred_channel=Channel.VIDEO,
        tz="Europe/Lisbon",
        tags=["vip", "Lisbon"],
        referred_by=referred_by,
        notes="Prefers mornings.\nCall before 11:00.\tThanks!",
    )


def test_add_then_get_returns_every_field(store: Store, add_contact: AddContact, clock: FixedClock) -> None:
    # GIVEN a referrer and a contact with every field filled in
    referrer = add_contact("Rui Costa")
    # WHEN it is added and read back
    contact_id = store.contacts.add(full_contact(referrer))
    got = store.contacts.get(contact_id)
    # THEN every field is as given; tags come back in case-insensitive order
    assert got.id == contact_id
    assert (got.name, got.kind, got.organisation, got.title) == (
        "Ana Lima",
        Kind.CLIENT,
        "Lima & Filhos",
        "Head of Operations",
    )
    assert got.emails == [LabelledValue("ana@lima.pt", "work"), LabelledValue("ana.home@mail.example", "home")]
    assert got.phones == [LabelledValue("+351 912 345 678", "mobile"), LabelledValue("00351 21 000 0000", "office")]
    assert got.preferred_channel is Channel.VIDEO
    assert got.tz == "Europe/Lisbon"
    assert got.tags == ["Lisbon", "vip"]
    assert got.referred_by == referrer
    assert got.notes == "Prefers mornings.\nCall before 11:00.\tThanks!"
    assert got.created_at == clock.now()
    assert got.last_touched_at is None
    assert got.archived is False
    # AND phones are stored normalised beside the text, for matching
    normalised = [n for (n,) in store.conn.execute("SELECT normalised FROM contact_phones ORDER BY position")]
    assert normalised == ["+351912345678", "+351210000000"]


def test_update_replaces_every_field(store: Store, add_contact: AddContact) -> None:
    # GIVEN a stored contact
    referrer = add_contact("Rui Costa")
    contact_id = store.contacts.add(full_contact(referrer))
    # WHEN every field is changed and saved
    changed = Contact(
        id=contact_id,
        name="Ana Lima Ferreira",
        kind=Kind.PARTNER,
        organisation="Ferreira Lda",
        title="CEO",
        emails=[LabelledValue("ana@ferreira.pt", "new work")],
        phones=[LabelledValue("tel:+44 20 7946 0000", "London")],
        preferred_channel=Channel.IN_PERSON,
        tz="America/New_York",
        tags=["partner"],
        referred_by=None,
        notes="Moved to New York.",
    )
    store.contacts.update(changed)
    got = store.contacts.get(contact_id)
    # THEN the stored contact is the new one, children replaced rather than appended
    assert (got.name, got.kind, got.organisation, got.title) == (
        "Ana Lima Ferreira",
        Kind.PARTNER,
        "Ferreira Lda",
        "CEO",
    )
    assert got.emails == [LabelledValue("ana@ferreira.pt", "new work")]
    assert got.phones == [LabelledValue("tel:+44 20 7946 0000", "London")]
    assert (got.preferred_channel, got.tz, got.tags) == (Channel.IN_PERSON, "America/New_York", ["partner"])
    assert (got.referred_by, got.notes) == (None, "Moved to New York.")
    assert store.contacts.find_by_email("ana@lima.pt") is None
    assert store.contacts.find_by_email("ANA@Ferreira.PT") == contact_id


RTL_AND_CJK = {
    "name": "👩\u200d💻 שרה כהן \u200fسارة",
    "organisation": "شركة النور 🌙",
    "title": "部長 🎌 営業",
    "notes": "مرحبا بكم\nשלום עולם\n你好，世界 🌍👍🏽",
}


def test_emoji_rtl_and_cjk_are_stored_exactly(store: Store) -> None:
    # GIVEN every text field in emoji, Hebrew, Arabic and CJK
    contact = Contact(
        **RTL_AND_CJK,
        emails=[LabelledValue("سارة@example.com", "עבודה 💼")],
        phones=[LabelledValue("+972 50 123 4567", "携帯 📱")],
        tags=["🔥hot", "顧客", "عميل"],
    )
    # WHEN stored and read back
    got = store.contacts.get(store.contacts.add(contact))
    # THEN every character is kept
    assert {k: getattr(got, k) for k in RTL_AND_CJK} == RTL_AND_CJK
    assert got.emails == [LabelledValue("سارة@example.com", "עבודה 💼")]
    assert got.phones == [LabelledValue("+972 50 123 4567", "携帯 📱")]
    assert got.tags == ["عميل", "顧客", "🔥hot"]  # NOCASE orders non-ASCII by UTF-8 bytes
    assert store.contacts.resolve(RTL_AND_CJK["name"]) == got.id


def test_one_megabyte_of_notes_round_trips(store: Store) -> None:
    # GIVEN notes of a million characters, many of them multi-byte
    unit = "Reunião em São Paulo: 会议记录 ✓ — שלום\n"
    notes = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    # WHEN stored and read back THEN they are identical
    got = store.contacts.get(store.contacts.add(Contact(name="Long Notes", notes=notes)))
    assert len(got.notes) == 1_000_000
    assert got.notes == notes


@pytest.mark.parametrize("name", ["", "   ", "\n\t ", "\x00\x01\x7f"])
def test_empty_name_is_rejected_and_nothing_written(store: Store, add_contact: AddContact, name: str) -> None:
    # GIVEN one contact
    add_contact("Existing")
    # WHEN a contact with a blank name is added THEN it is refused with a clear message, nothing written
    with pytest.raises(ValidationError, match="The name cannot be empty"):
        store.contacts.add(Contact(name=name, emails=[LabelledValue("x@y.z")]))
    assert store.contacts.count() == 1
    assert store.conn.execute("SELECT count(*) FROM contact_emails").fetchone()[0] == 0


@pytest.mark.parametrize("tz", ["Mars/Olympus_Mons", "", "Europe/Lisbon ", "../../etc/passwd"])
def test_unknown_zone_is_rejected(store: Store, tz: str) -> None:
    with pytest.raises(ValidationError, match="Unknown time zone"):
        store.contacts.add(Contact(name="Ana", tz=tz))
    assert store.contacts.count() == 0


@pytest.mark.parametrize("address", ["ana", "ana@", "@lima.pt", "ana lima@lima.pt", "a@b@c.pt"])
def test_invalid_email_is_rejected_on_add_and_update(store: Store, add_contact: AddContact, address: str) -> None:
    # GIVEN a contact with a good address
    contact_id = add_contact("Ana", emails=[LabelledValue("ana@lima.pt")])
    # WHEN a bad address is added or saved THEN it is refused and nothing changes
    with pytest.raises(ValidationError, match="is not an email address"):
        store.contacts.add(Contact(name="Bad", emails=[LabelledValue(address)]))
    contact = store.contacts.get(contact_id)
    contact.emails.append(LabelledValue(address))
    with pytest.raises(ValidationError):
        store.contacts.update(contact)
    assert store.contacts.count() == 1
    assert store.contacts.get(contact_id).emails == [LabelledValue("ana@lima.pt")]


def test_archive_hides_from_rows_but_not_from_all_rows(store: Store, add_contact: AddContact) -> None:
    # GIVEN two contacts, one archived
    kept, archived = add_contact("Ana"), add_contact("Bruno")
    store.contacts.set_archived(archived)
    # THEN the default list hides it, the full list and the archive list show it
    assert [r.id for r in store.contacts.rows()] == [kept]
    assert [(r.id, r.archived) for r in store.contacts.rows(include_archived=True)] == [(kept, False), (archived, True)]
    assert [r.id for r in store.contacts.rows(only_archived=True)] == [archived]
    assert store.contacts.count(include_archived=False) == 1
    # AND un-archiving brings it back
    store.contacts.set_archived(archived, False)
    assert [r.id for r in store.contacts.rows()] == [kept, archived]


def test_delete_then_restore_brings_everything_back(
    store: Store, add_contact: AddContact, log_tp: Callable[..., int], fts_ok: Callable[[], bool], clock: FixedClock
) -> None:
    # GIVEN A (referred by R, with children and touch points) who referred B
    referrer = add_contact("Rui Costa")
    a = store.contacts.add(full_contact(referrer))
    b = add_contact("Bruno Sousa", referred_by=a)
    log_tp(a, clock.now().replace(hour=8), "Quarterly review", notes="The zebra crossing project")
    log_tp(a, clock.now().replace(day=1), "Intro", notes="Zebra again")
    before, tps_before = store.contacts.get(a), store.touch_points.for_contact(a)
    # WHEN A is deleted
    deleted = store.contacts.delete(a)
    # THEN everything of theirs is gone, and B no longer points at them
    with pytest.raises(NotFoundError):
        store.contacts.get(a)
    for table in ("contact_emails", "contact_phones", "contact_tags", "touch_points"):
        assert store.conn.execute(f"SELECT count(*) FROM {table} WHERE contact_id = ?", (a,)).fetchone()[0] == 0
    assert store.contacts.get(b).referred_by is None
    assert store.touch_points.search("zebra") == []
    # WHEN the delete is undone
    store.contacts.restore(deleted)
    # THEN the contact, children, touch points, search and B's link are back as they were
    assert store.contacts.get(a) == before
    assert store.touch_points.for_contact(a) == tps_before
    assert {h.summary for h in store.touch_points.search("zebra")} == {"Quarterly review", "Intro"}
    assert store.contacts.get(b).referred_by == a
    assert fts_ok()


def test_restore_drops_a_referrer_deleted_meanwhile(store: Store, add_contact: AddContact) -> None:
    referrer = add_contact("Rui Costa")
    a = add_contact("Ana", referred_by=referrer)
    deleted = store.contacts.delete(a)
    store.contacts.delete(referrer)
    store.contacts.restore(deleted)
    assert store.contacts.get(a).referred_by is None


def test_restore_after_a_new_contact_took_the_old_id(store: Store, add_contact: AddContact) -> None:
    # GIVEN the newest contact deleted, then another contact added
    add_contact("Ana")
    newest = add_contact("Bruno")
    deleted = store.contacts.delete(newest)
    other = add_contact("Carla")
    # WHEN the delete is undone THEN both are there
    store.contacts.restore(deleted)
    assert {store.contacts.get(newest).name, store.contacts.get(other).name} == {"Bruno", "Carla"}


def test_resolve_by_name_email_and_id(store: Store, add_contact: AddContact) -> None:
    ana = add_contact("Ana Lima", emails=[LabelledValue("Ana.Lima@Example.COM")])
    add_contact("Rui Costa")
    for text in ("Ana Lima", "ana lima", "  ANA LIMA ", "ana.lima@example.com", "ANA.LIMA@EXAMPLE.COM", str(ana)):
        assert store.contacts.resolve(text) == ana, text


def test_resolve_unknown_suggests_near_matches(store: Store, add_contact: AddContact) -> None:
    ana = add_contact("Ana Lima", organisation="Lima & Filhos")
    rui = add_contact("Rui Lima")
    add_contact("Zoe Park")
    with pytest.raises(NotFoundError) as found:
        store.contacts.resolve("lima")
    assert str(found.value) == (
        f"No contact is named 'lima' or has that email. Did you mean: Ana Lima (Lima & Filhos, id {ana}); "
        f"Rui Lima (id {rui})?"
    )
    with pytest.raises(NotFoundError) as nothing:
        store.contacts.resolve("Nobody")
    assert "Did you mean" not in str(nothing.value)


def test_resolve_two_of_the_same_name_is_ambiguous(store: Store, add_contact: AddContact) -> None:
    first = add_contact("Ana Lima", organisation="Acme")
    second = add_contact("ana lima", organisation="Globex")
    with pytest.raises(AmbiguousError, match="matches 2 contacts") as error:
        store.contacts.resolve("Ana Lima")
    assert sorted(error.value.candidates) == [f"Ana Lima (Acme, id {first})", f"ana lima (Globex, id {second})"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("²", id="superscript-two"),
        pytest.param("99999999999999999999999", id="huge-number"),
    ],
)
def test_resolve_digit_like_text_that_is_no_id(store: Store, add_contact: AddContact, text: str) -> None:
    # GIVEN a contact WHEN resolving digits that are no id THEN the answer is "not found", not a crash
    add_contact("Ana Lima")
    with pytest.raises(NotFoundError):
        store.contacts.resolve(text)


def test_referrer_must_exist(store: Store, add_contact: AddContact) -> None:
    ana = add_contact("Ana")
    with pytest.raises(ValidationError, match="does not exist"):
        store.contacts.add(Contact(name="Bruno", referred_by=9999))
    contact = store.contacts.get(ana)
    contact.referred_by = ana
    with pytest.raises(ValidationError, match="cannot have referred themselves"):
        store.contacts.update(contact)
    assert store.contacts.count() == 1
    assert store.contacts.get(ana).referred_by is None


def test_rows_give_emails_in_their_order_and_tags_in_case_blind_order(store: Store) -> None:
    # GIVEN contacts with several emails (the primary not the first written) and tags in mixed case
    from followup.domain import Contact, LabelledValue

    ana = store.contacts.add(
        Contact(
            "Ana Lima",
            emails=[LabelledValue("ana@work.example", "work"), LabelledValue("ana@home.example", "home"),
                    LabelledValue("a.l@old.example", "other")],
            tags=["zeta", "Alpha", "beta", "Gamma"],
        )
    )  # fmt: skip
    bo = store.contacts.add(Contact("Bo Chen"))
    # WHEN the list rows are read
    rows = {r.id: r for r in store.contacts.rows()}
    # THEN each row has its emails in position order and its tags sorted ignoring case
    assert rows[ana].emails == ("ana@work.example", "ana@home.example", "a.l@old.example")
    assert rows[ana].primary_email == "ana@work.example"
    assert rows[ana].tags == ("Alpha", "beta", "Gamma", "zeta")
    assert "ana@home.example" in rows[ana].haystack and "gamma" in rows[ana].haystack
    assert (rows[bo].emails, rows[bo].tags, rows[bo].primary_email) == ((), (), "")
    # and a row read alone is the same as in the list
    assert store.contacts.row(ana) == rows[ana]


def test_at_least_answers_without_counting_every_contact(store: Store, add_contact: AddContact) -> None:
    # GIVEN three contacts, one of them archived (counted: the threshold is about the whole address book)
    for name in ("Ana Lima", "Bo Chen", "Caro Diaz"):
        add_contact(name)
    store.contacts.set_archived(store.contacts.resolve("Bo Chen"), True)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        # WHEN asked whether there are at least n contacts
        answers = {n: store.contacts.at_least(n) for n in (-1, 0, 1, 2, 3, 4, 100)}
    finally:
        store.conn.set_trace_callback(None)
    # THEN it says so for every n, as count() >= n would
    assert answers == {-1: True, 0: True, 1: True, 2: True, 3: True, 4: False, 100: False}
    assert answers == {n: store.contacts.count() >= n for n in answers}
    # AND never by counting them all (SELECT count(*) walks 100,000 rows: 1.4-9.6 ms)
    assert statements and not any("count(" in s.lower() for s in statements)


def test_at_least_on_an_empty_address_book(store: Store) -> None:
    assert store.contacts.at_least(0) is True
    assert store.contacts.at_least(1) is False
