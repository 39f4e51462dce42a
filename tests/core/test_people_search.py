"""Finding a person as the user types (followup/store/people_search.py): the
best few first, any alphabet's case ignored, wildcards taken literally, and
twins told apart as in every picker."""

from __future__ import annotations

from pathlib import Path

from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store, migrations, people_search
from tests.old_databases import database_at


def _add(store: Store, name: str, organisation: str = "", email: str = "") -> int:
    emails = [LabelledValue(email)] if email else []
    return store.contacts.add(Contact(name=name, kind=Kind.CLIENT, organisation=organisation, emails=emails))


def _names(found: list[tuple[int, str]]) -> list[str]:
    return [label for _cid, label in found]


def test_names_that_begin_with_the_text_come_first_then_word_starts_then_the_rest(store: Store) -> None:
    # GIVEN people whose names hold "ed" at the start, at a word's start, and inside a word
    for name in ("Alfred Brown", "Ann Edwards", "Edith Ames", "Bo Lund", "Ned Fry"):
        _add(store, name)
    # WHEN "ed" is typed THEN Edith first, then Ann Edwards, then Alfred and Ned (name order within each);
    # Bo, without "ed", is not offered
    assert _names(store.contacts.pick("ed")) == ["Edith Ames", "Ann Edwards", "Alfred Brown", "Ned Fry"]
    # AND case does not matter
    assert _names(store.contacts.pick("ED")) == _names(store.contacts.pick("ed"))


def test_every_word_must_be_found_in_the_name_organisation_or_an_email(store: Store) -> None:
    # GIVEN two Emmas, one at Acme, and someone whose email alone says acme
    _add(store, "Emma Stone", "Acme Corp")
    _add(store, "Emma Hill", "Globex")
    _add(store, "Raj Patel", "", "raj@acme.example")
    # WHEN a word of an organisation is typed THEN its people come, and the email's owner too
    assert _names(store.contacts.pick("acme")) == ["Emma Stone", "Raj Patel"]
    # AND two words narrow it to whoever has both
    assert _names(store.contacts.pick("emma acme")) == ["Emma Stone"]
    assert _names(store.contacts.pick("raj@")) == ["Raj Patel"]
    assert store.contacts.pick("emma zebra") == []


def test_blank_text_offers_the_first_people_by_name_and_a_limit_holds(store: Store) -> None:
    # GIVEN 60 contacts, one archived
    ids = [_add(store, f"Person {n:02d}") for n in range(60)]
    store.contacts.set_archived(ids[0], True)
    # WHEN nothing is typed THEN the first 50 by name (archived people too: a referrer may be archived)
    found = store.contacts.pick("")
    assert _names(found) == [f"Person {n:02d}" for n in range(50)]
    # AND a smaller limit, and an excluded person (nobody refers themselves), are kept to
    assert _names(store.contacts.pick("person", limit=3, exclude=ids[1])) == ["Person 00", "Person 02", "Person 03"]


def test_case_is_ignored_in_any_alphabet(store: Store) -> None:
    # GIVEN names with accented and non-Latin capitals
    _add(store, "Émile Zola")
    _add(store, "Mesut Özil")
    _add(store, "Σοφία Παππά")
    # WHEN they are typed in the other case THEN they are found
    assert _names(store.contacts.pick("émi")) == ["Émile Zola"]
    assert _names(store.contacts.pick("ÖZ")) == ["Mesut Özil"]
    assert _names(store.contacts.pick("σοφ")) == ["Σοφία Παππά"]
    assert _names(store.contacts.pick("ΠΑΠ")) == ["Σοφία Παππά"]


def test_wildcards_and_quotes_are_taken_literally(store: Store) -> None:
    # GIVEN an organisation with a percent sign, and others
    _add(store, "Ann Lee", "100% Juice")
    _add(store, "Bo Kim", "Juicery")
    _add(store, "O'Brien Dee")
    # WHEN "%" or "_" is typed THEN only what holds it literally is found
    assert _names(store.contacts.pick("100%")) == ["Ann Lee"]
    assert store.contacts.pick("_") == []
    assert _names(store.contacts.pick("o'b")) == ["O'Brien Dee"]


def test_a_huge_paste_is_searched_by_its_first_words(store: Store) -> None:
    # GIVEN Ann Lee WHEN a whole page is pasted into a picker, her name first
    ann = _add(store, "Ann Lee", "Acme")
    page = "ann lee acme " + "lorem ipsum dolor " * 20_000
    # THEN it is answered (no "too many SQL variables"), by its first words: nobody holds them all
    assert store.contacts.pick(page) == []
    assert store.contacts.pick("ann lee acme " + "x" * 100_000) == []
    assert store.contacts.pick("ann   lee\tacme") == [(ann, "Ann Lee")]


def test_twins_are_told_apart_even_when_only_one_is_found(store: Store) -> None:
    # GIVEN two Emma Taylors, one at Acme and one known by email, and a lone Zoe
    acme = _add(store, "Emma Taylor", "Acme")
    other = _add(store, "Emma Taylor", "", "emma@b.example")
    _add(store, "Zoe Quinn")
    # WHEN one of them alone is found THEN her label still says which Emma she is
    assert store.contacts.pick("acme") == [(acme, "Emma Taylor · Acme")]
    assert store.contacts.pick("emma@b") == [(other, "Emma Taylor · emma@b.example")]
    assert store.contacts.picker_label(acme) == "Emma Taylor · Acme"
    # AND her whole label, typed, finds her
    assert store.contacts.pick("emma taylor · acme") == [(acme, "Emma Taylor · Acme")]
    assert store.contacts.picker_label(999) is None
    # AND a name nobody shares stays alone
    assert _names(store.contacts.pick("zoe")) == ["Zoe Quinn"]


def test_a_unique_name_is_shown_alone_and_twins_are_told_apart_whatever_their_case(store: Store) -> None:
    # GIVEN two Emma Taylors at different organisations, two Bo Chens known by email (one written
    # in lower case), two Cy Dees alike in everything, and a lone name
    emma = _add(store, "Emma Taylor", "Acme", "emma@acme.example")
    _add(store, "Emma Taylor", "Globex")
    _add(store, "Ana Lima")
    _add(store, "Bo Chen", "", "bo@a.example")
    _add(store, "bo chen", "", "bo@b.example")
    _add(store, "Cy Dee")
    _add(store, "Cy Dee")
    # WHEN everyone is listed THEN what differs is shown, and a number only when nothing does
    assert _names(store.contacts.pick("")) == [
        "Ana Lima",
        "Bo Chen · bo@a.example",
        "bo chen · bo@b.example",
        "Cy Dee (1)",
        "Cy Dee (2)",
        "Emma Taylor · Acme · emma@acme.example",
        "Emma Taylor · Globex",
    ]
    assert store.contacts.picker_labels([emma]) == {emma: "Emma Taylor · Acme · emma@acme.example"}


def test_two_people_alike_in_everything_are_numbered(store: Store) -> None:
    # GIVEN two people with one name and nothing else
    _add(store, "Sam Roe")
    _add(store, "Sam Roe")
    # WHEN they are found THEN they are numbered, never shown alike
    assert _names(store.contacts.pick("sam")) == ["Sam Roe (1)", "Sam Roe (2)"]


def _plans(store: Store, words: list[str]) -> list[str]:
    """The query plan of each pass ``pick`` makes for ``words`` (ASCII)."""
    plans = []
    for where, args, by_name in people_search._passes(words, ascii_only=True):
        sql = f"SELECT c.id FROM contacts c {'' if by_name else 'NOT INDEXED '}WHERE {where} LIMIT ?"
        plans.append(" | ".join(str(row[-1]) for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", (*args, 51))))
    return plans


def test_a_name_search_begins_in_the_name_index_and_reads_everyone_once_at_most(store: Store) -> None:
    # GIVEN the latest schema WHEN a picker asks for "ed", and for nothing typed
    first, rest = _plans(store, ["ed"])
    [everyone] = _plans(store, [])
    # THEN the names beginning with it are a range of the name index, in order, sorted by nothing;
    # the first of everyone is the index's beginning; and the word starts and the rest are one
    # pass over the contacts, not one each (bench/bench_people_search.py: 96 -> 48 ms at 100,000)
    assert "contacts_name" in first and "TEMP B-TREE" not in first
    assert "contacts_name" in everyone and "TEMP B-TREE" not in everyone
    assert rest.count("SCAN c") == 1


def test_word_starts_come_before_words_inside_in_one_pass_by_name_or_email(store: Store) -> None:
    # GIVEN, beside a name that begins with "acme", people in whom "acme" begins a word of their
    # organisation or an email, and people in whom it is only inside a word
    inside = _add(store, "Ada Ray", "Bacme Ltd")
    starts_email = _add(store, "Zed Orr", "", "acme.sales@x.example")
    starts_org = _add(store, "Yan Poe", "Acme")
    inside_email = _add(store, "Abe Sun", "", "info@macme.example")
    begins = _add(store, "Acme Front Desk")
    # WHEN "acme" is typed THEN the name first, then the word starts, then the rest, by name in each
    assert [cid for cid, _label in store.contacts.pick("acme")] == [
        begins,
        starts_org,
        starts_email,
        inside_email,
        inside,
    ]
    # AND the same for a word outside ASCII, compared case-folded
    _add(store, "Zoë Émond")
    _add(store, "Bo Lémon")
    _add(store, "Émile Roy")
    assert _names(store.contacts.pick("ÉM")) == ["Émile Roy", "Zoë Émond", "Bo Lémon"]
    # AND a limit cuts the best first
    assert [cid for cid, _label in store.contacts.pick("acme", limit=3)] == [begins, starts_org, starts_email]


def test_every_earlier_version_upgrades_to_the_name_index(tmp_path: Path, clock: FixedClock) -> None:
    for old in range(1, migrations.LATEST):
        # GIVEN a database at an earlier version with a contact
        path = tmp_path / f"v{old}.db"
        database_at(path, old, name="Ana Lima")
        # WHEN the current version opens it THEN the contact is there and found by the picker
        with Store.open(path, clock) as store:
            assert store.schema_version == migrations.LATEST
            assert _names(store.contacts.pick("lim")) == ["Ana Lima"]
