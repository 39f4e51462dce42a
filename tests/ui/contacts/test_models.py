"""The list models behind the window: Qt's model tester plus what they must do.

``qtmodeltester.check`` attaches Qt's QAbstractItemModelTester to the model for
the rest of the test: every later reset, insert, remove, layout change and
dataChanged is checked too, and any breach of the model contract fails the
test (pytest-qt turns the tester's qt.modeltest warnings into failures).
"""

from __future__ import annotations

import html
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.store import Store
from ui.contacts.model import (
    COLUMNS,
    EMAIL,
    KIND,
    LAST_TOUCHED,
    NAME,
    ORGANISATION,
    ContactIdRole,
    ContactsTableModel,
)
from ui.contacts.notes_search import HitRole, NoteHitsModel
from ui.contacts.timeline_model import TimelineModel, TouchPointRole

LISBON = ZoneInfo("Europe/Lisbon")
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def names(model: ContactsTableModel) -> list[str]:
    return [model.index(r, NAME).data() for r in range(model.rowCount())]


def ids(model: ContactsTableModel) -> list[int]:
    return [model.index(r, NAME).data(ContactIdRole) for r in range(model.rowCount())]


def sort_key(model: ContactsTableModel, column: int):  # type: ignore[no-untyped-def]
    """What each column is expected to sort by, independently of the model's code."""
    if column == NAME:
        return lambda r: r.name.casefold()
    if column == ORGANISATION:
        return lambda r: (r.organisation.casefold(), r.name.casefold())
    if column == KIND:
        return lambda r: (r.kind.value, r.name.casefold())
    if column == EMAIL:
        return lambda r: r.primary_email.casefold()
    return lambda r: r.last_touched_at.timestamp() if r.last_touched_at else float("-inf")


def visible_rows(model: ContactsTableModel) -> list:  # type: ignore[type-arg]
    return [model.contact_at(r) for r in range(model.rowCount())]


@pytest.fixture
def contacts_model(demo_store: Store, clock: FixedClock) -> ContactsTableModel:
    model = ContactsTableModel(clock.now, LISBON)
    model.set_rows(demo_store.contacts.rows())
    return model


@pytest.fixture
def small_store(store: Store, clock: FixedClock) -> dict[str, int]:
    """Four contacts with distinct names, organisations, emails, tags, kinds and
    last-touched times; Dmitri has never been touched."""
    people = {
        "Ana Lima": Contact(
            name="Ana Lima",
            organisation="Acme Ltd",
            kind=Kind.CLIENT,
            emails=[LabelledValue("ana@acme.example", "work")],
            tags=["vip"],
        ),
        "Bruno Costa": Contact(
            name="Bruno Costa",
            organisation="Globex",
            kind=Kind.CLIENT,
            emails=[LabelledValue("bruno@globex.example", "work")],
            tags=["renewal-q1"],
        ),
        "Carla Dias": Contact(
            name="Carla Dias",
            organisation="Initech",
            kind=Kind.SUPPLIER,
            emails=[LabelledValue("carla@initech.example", "work")],
        ),
        "Dmitri Ivanov": Contact(name="Dmitri Ivanov", organisation="Umbrella", kind=Kind.COLLEAGUE),
    }
    result = {name: store.contacts.add(c) for name, c in people.items()}
    for name, days in (("Ana Lima", 3), ("Bruno Costa", 30), ("Carla Dias", 0)):
        store.touch_points.add(
            TouchPoint(
                contact_id=result[name],
                at=clock.now() - timedelta(days=days),
                channel=Channel.PHONE,
                direction=Direction.OUT,
                summary=f"Call with {name}",
                tz="Europe/Lisbon",
            )
        )
    return result


@pytest.fixture
def small_model(store: Store, small_store: dict[str, int], clock: FixedClock) -> ContactsTableModel:
    model = ContactsTableModel(clock.now, LISBON)
    model.set_rows(store.contacts.rows())
    return model


# -- ContactsTableModel: the model contract ---------------------------------------


def test_contacts_model_passes_the_model_tester_with_demo_rows(qtmodeltester, contacts_model) -> None:
    # GIVEN a model holding the 40 demo contacts
    # WHEN Qt's model tester inspects it
    qtmodeltester.check(contacts_model)
    # THEN the contract holds and every demo contact is a row with five columns
    assert contacts_model.rowCount() == 40
    assert contacts_model.columnCount() == len(COLUMNS)
    assert contacts_model.rowCount(contacts_model.index(0, 0)) == 0  # a table: no children


def test_contacts_model_passes_the_model_tester_through_filtering(qtmodeltester, contacts_model) -> None:
    # GIVEN a tested model of the demo contacts
    qtmodeltester.check(contacts_model)
    # WHEN it is filtered by text, by kind, by both, then cleared
    contacts_model.set_filter("brightwork")
    brightwork = contacts_model.rowCount()
    contacts_model.set_filter("", Kind.CLIENT)
    clients = contacts_model.rowCount()
    contacts_model.set_filter("brightwork", Kind.MANAGER)
    managers = contacts_model.rowCount()
    contacts_model.set_filter("no such person anywhere")
    nobody = contacts_model.rowCount()
    contacts_model.set_filter("")
    # THEN each filter narrowed the list, and clearing it brings back everyone
    assert 0 < managers < brightwork < 40
    assert 0 < clients < 40
    assert nobody == 0
    assert contacts_model.rowCount() == 40


@pytest.mark.parametrize("order", [ASC, DESC], ids=["ascending", "descending"])
@pytest.mark.parametrize("column", range(len(COLUMNS)), ids=list(COLUMNS))
def test_contacts_model_sorts_each_column_in_both_orders(qtmodeltester, contacts_model, column, order) -> None:
    # GIVEN a tested model of the demo contacts
    qtmodeltester.check(contacts_model)
    before = sorted(ids(contacts_model))
    # WHEN it is sorted on one column
    contacts_model.sort(column, order)
    # THEN the rows are the same contacts, in that column's order
    rows = visible_rows(contacts_model)
    assert sorted(r.id for r in rows) == before
    key = sort_key(contacts_model, column)
    assert [key(r) for r in rows] == sorted((key(r) for r in rows), reverse=order == DESC)


def test_contacts_model_passes_the_model_tester_through_upsert_and_remove(
    qtmodeltester, contacts_model, demo_store: Store
) -> None:
    # GIVEN a tested model of the demo contacts, sorted by name
    qtmodeltester.check(contacts_model)
    contacts_model.sort(NAME, ASC)
    # WHEN a new contact is upserted
    new_id = demo_store.contacts.add(Contact(name="Mmmm Middle", organisation="Zeta"))
    contacts_model.upsert(demo_store.contacts.row(new_id))
    # THEN it is inserted in name order
    assert contacts_model.rowCount() == 41
    at = contacts_model.row_of(new_id)
    assert names(contacts_model)[at - 1].casefold() <= "mmmm middle" <= names(contacts_model)[at + 1].casefold()
    # WHEN an existing contact is upserted with a new organisation
    existing = contacts_model.contact_at(5)
    contact = demo_store.contacts.get(existing.id)
    contact.organisation = "Renamed Organisation"
    demo_store.contacts.update(contact)
    contacts_model.upsert(demo_store.contacts.row(existing.id))
    # THEN its row shows it, and no row was added
    assert contacts_model.rowCount() == 41
    assert contacts_model.index(contacts_model.row_of(existing.id), ORGANISATION).data() == "Renamed Organisation"
    # WHEN a contact is removed
    contacts_model.remove(existing.id)
    # THEN its row is gone and the total counts it no more
    assert contacts_model.row_of(existing.id) == -1
    assert contacts_model.rowCount() == 40
    assert contacts_model.total() == 40


def test_upsert_of_a_contact_the_filter_hides_adds_no_row(qtmodeltester, contacts_model, demo_store: Store) -> None:
    # GIVEN a tested model filtered to "brightwork"
    qtmodeltester.check(contacts_model)
    contacts_model.set_filter("brightwork")
    shown = contacts_model.rowCount()
    # WHEN a contact that does not match is added
    new_id = demo_store.contacts.add(Contact(name="Outsider", organisation="Elsewhere"))
    contacts_model.upsert(demo_store.contacts.row(new_id))
    # THEN the list is unchanged, but the contact is counted and appears once the filter is cleared
    assert contacts_model.rowCount() == shown
    assert contacts_model.total() == 41
    contacts_model.set_filter("")
    assert contacts_model.row_of(new_id) >= 0


def test_upsert_that_stops_matching_the_filter_removes_the_row(qtmodeltester, contacts_model, demo_store) -> None:
    # GIVEN a tested model filtered to "brightwork" (the user's own company)
    qtmodeltester.check(contacts_model)
    contacts_model.set_filter("brightwork")
    shown = contacts_model.rowCount()
    leaving = contacts_model.contact_at(0)
    # WHEN that contact moves to another organisation and email domain
    contact = demo_store.contacts.get(leaving.id)
    contact.organisation = "Elsewhere"
    contact.emails = [LabelledValue("someone@elsewhere.example", "work")]
    demo_store.contacts.update(contact)
    contacts_model.upsert(demo_store.contacts.row(leaving.id))
    # THEN the row leaves the filtered list
    assert contacts_model.rowCount() == shown - 1
    assert contacts_model.row_of(leaving.id) == -1


# -- ContactsTableModel: filtering and sorting ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LIMA", ["Ana Lima"]),  # name, any case
        ("glob", ["Bruno Costa"]),  # organisation
        ("Carla@INITECH", ["Carla Dias"]),  # email
        ("Renewal-Q", ["Bruno Costa"]),  # tag
        ("  dias  ", ["Carla Dias"]),  # surrounding spaces ignored
        ("a", ["Ana Lima", "Bruno Costa", "Carla Dias", "Dmitri Ivanov"]),
        ("zzz", []),
    ],
)
def test_filter_matches_name_organisation_email_and_tag_in_any_case(small_model, text, expected) -> None:
    # GIVEN four contacts
    # WHEN the list is filtered by a substring
    small_model.set_filter(text)
    # THEN exactly the contacts whose name, organisation, email or tag contain it are shown
    assert names(small_model) == expected


def test_kind_filter_shows_one_kind_and_combines_with_text(small_model) -> None:
    # GIVEN four contacts: two clients, a supplier, a colleague
    # WHEN only clients are shown
    small_model.set_filter("", Kind.CLIENT)
    # THEN only the clients are listed
    assert names(small_model) == ["Ana Lima", "Bruno Costa"]
    # WHEN text narrows the clients further
    small_model.set_filter("acme", Kind.CLIENT)
    assert names(small_model) == ["Ana Lima"]
    # WHEN the text matches only someone of another kind
    small_model.set_filter("initech", Kind.CLIENT)
    assert names(small_model) == []
    # WHEN the kind filter is lifted
    small_model.set_filter("initech", None)
    assert names(small_model) == ["Carla Dias"]


def test_sort_by_last_touched_ascending_puts_never_touched_first(small_model) -> None:
    # GIVEN Carla touched today, Ana 3 days ago, Bruno 30 days ago, Dmitri never
    # WHEN the list is sorted by last touched, oldest first
    small_model.sort(LAST_TOUCHED, ASC)
    # THEN the never-touched contact leads (added just now: "new"), then the most neglected
    assert names(small_model) == ["Dmitri Ivanov", "Bruno Costa", "Ana Lima", "Carla Dias"]
    assert [small_model.index(r, LAST_TOUCHED).data() for r in range(4)] == [
        "new",
        "4 weeks ago",
        "3 days ago",
        "today",
    ]
    # WHEN sorted newest first
    small_model.sort(LAST_TOUCHED, DESC)
    # THEN never-touched comes last
    assert names(small_model) == ["Carla Dias", "Ana Lima", "Bruno Costa", "Dmitri Ivanov"]


def test_new_contact_is_inserted_at_its_place_in_a_last_touched_sort(small_model, store: Store) -> None:
    # GIVEN the list sorted by last touched, newest first
    small_model.sort(LAST_TOUCHED, DESC)
    # WHEN a never-touched contact is added
    new_id = store.contacts.add(Contact(name="Aaron New"))
    small_model.upsert(store.contacts.row(new_id))
    # THEN it joins the never-touched at the end, not at its alphabetical place
    assert names(small_model)[-2:] in (["Aaron New", "Dmitri Ivanov"], ["Dmitri Ivanov", "Aaron New"])
    assert names(small_model)[0] == "Carla Dias"


def test_data_roles_for_tooltips_and_ids(small_model, small_store) -> None:
    # GIVEN the four contacts
    row = small_model.row_of(small_store["Ana Lima"])
    dmitri = small_model.row_of(small_store["Dmitri Ivanov"])
    # THEN the id role, the tag tooltip and the never-touched tooltip say what they should
    assert small_model.index(row, KIND).data(ContactIdRole) == small_store["Ana Lima"]
    assert small_model.index(row, NAME).data(Qt.ItemDataRole.ToolTipRole) == "Tags: vip"
    assert (
        small_model.index(dmitri, LAST_TOUCHED)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("New: added recently, no touch point logged yet")
    )
    assert small_model.index(row, KIND).data() == "Client"
    assert small_model.headerData(EMAIL, Qt.Orientation.Horizontal) == "Email"
    assert small_model.data(QModelIndex()) is None


def test_sort_keeps_persistent_indexes_on_their_contact(qtmodeltester, small_model, small_store) -> None:
    # GIVEN a persistent index on Ana's row (the kind of index a view's selection holds)
    qtmodeltester.check(small_model)
    ana = small_store["Ana Lima"]
    persistent = QPersistentModelIndex(small_model.index(small_model.row_of(ana), NAME))
    # WHEN the list is sorted by last touched, which moves Ana from row 0 to row 2
    small_model.sort(LAST_TOUCHED, ASC)
    assert small_model.row_of(ana) != 0
    # THEN the persistent index still refers to Ana
    assert persistent.data(ContactIdRole) == ana


def test_upsert_of_a_renamed_contact_keeps_the_list_sorted(qtmodeltester, small_model, small_store, store) -> None:
    # GIVEN the list sorted by name, Ana first
    qtmodeltester.check(small_model)
    small_model.sort(NAME, ASC)
    assert names(small_model)[0] == "Ana Lima"
    # WHEN Ana is renamed Zoe and the model is told
    contact = store.contacts.get(small_store["Ana Lima"])
    contact.name = "Zoe Lima"
    store.contacts.update(contact)
    small_model.upsert(store.contacts.row(contact.id))
    # THEN the list is still in name order
    assert names(small_model) == sorted(names(small_model), key=str.casefold)


# -- TimelineModel --------------------------------------------------------------------


def test_timeline_model_passes_the_model_tester_and_keeps_order(qtmodeltester, demo_store: Store) -> None:
    # GIVEN a tested, empty timeline model
    model = TimelineModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    # WHEN a contact's touch points are set, then replaced by another contact's
    first = demo_store.touch_points.for_contact(1)
    model.set_items(first)
    # THEN each row is one touch point, newest first, its summary displayed
    assert model.rowCount() == len(first) > 0
    assert [model.index(r).data(TouchPointRole).id for r in range(model.rowCount())] == [tp.id for tp in first]
    assert model.index(0).data() == first[0].summary
    assert first[0].summary in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    ats = [model.item(r).at for r in range(model.rowCount())]
    assert ats == sorted(ats, reverse=True)
    second = demo_store.touch_points.for_contact(2)
    model.set_items(second)
    assert model.rowCount() == len(second)
    model.set_items([])
    assert model.rowCount() == 0


def test_timeline_tooltip_cuts_very_long_notes(qtmodeltester, clock: FixedClock) -> None:
    # GIVEN a touch point with 10,000 characters of notes
    tp = TouchPoint(
        contact_id=1,
        at=clock.now(),
        channel=Channel.EMAIL,
        direction=Direction.IN,
        summary="Long thread",
        notes="x" * 10_000,
        id=1,
    )
    model = TimelineModel()
    qtmodeltester.check(model)
    # WHEN it is in the model
    model.set_items([tp])
    # THEN its tooltip is the summary and the first 1,500 characters, marked as cut
    # (shown as plain text: escaped inside a <p> of its own, see ui/widgets/plain_text.py)
    shown = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert shown.startswith("<p style='white-space:pre-wrap'>") and shown.endswith("</p>")
    tip = html.unescape(shown.removeprefix("<p style='white-space:pre-wrap'>").removesuffix("</p>"))
    assert tip.startswith("Long thread\n\n")
    assert tip.endswith("…")
    assert len(tip) == len("Long thread\n\n") + 1500 + 1


# -- NoteHitsModel --------------------------------------------------------------------


def test_note_hits_model_passes_the_model_tester_with_search_results(qtmodeltester, demo_store: Store) -> None:
    # GIVEN a tested hits model and a word that appears in the demo notes
    model = NoteHitsModel(LISBON)
    qtmodeltester.check(model)
    some_tp = demo_store.touch_points.for_contact(3)[0]
    word = max(some_tp.summary.split(), key=len)
    hits = demo_store.touch_points.search(word)
    assert hits
    # WHEN the hits are set
    model.set_hits(hits)
    # THEN each row is one hit, labelled with the contact and the summary
    assert model.rowCount() == len(hits)
    first = model.index(0).data(HitRole)
    assert model.index(0).data() == f"{first.contact_name}: {first.summary}"
    assert first.contact_name in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    # WHEN a search finds nothing
    model.set_hits([])
    # THEN the model is empty
    assert model.rowCount() == 0


def test_note_hit_html_escapes_text_and_bolds_only_the_match(store: Store, clock: FixedClock) -> None:
    # GIVEN a contact whose name and note contain HTML-like text
    cid = store.contacts.add(Contact(name="<b>Eve</b> & Co"))
    store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=clock.now(),
            channel=Channel.EMAIL,
            direction=Direction.IN,
            summary="Pricing <script>",
            notes="They asked about quokka pricing",
            tz="UTC",
        )
    )
    model = NoteHitsModel(LISBON)
    # WHEN the note is found and rendered
    hit = store.touch_points.search("quokka")[0]
    text = model.html(hit, "#777777")
    # THEN user text is escaped and only the matched word is bold
    assert "&lt;b&gt;Eve&lt;/b&gt; &amp; Co" in text
    assert "Pricing &lt;script&gt;" in text
    assert "<b>quokka</b>" in text
    assert "<script>" not in text


# -- finding anyone (issue 15): the same rule as `contacts --query` ------------------------


@pytest.fixture
def worldly_model(store: Store, clock: FixedClock) -> ContactsTableModel:
    store.contacts.add(Contact("José Peña", organisation="Café Olé", phones=[LabelledValue("+49 30 1234567")]))
    store.contacts.add(Contact("Zoë Ängström", notes="Training for the Öresund marathon"))
    store.contacts.add(Contact("María González", emails=[LabelledValue("maria@x.example")]))
    store.contacts.add(Contact("Tom Okafor", phones=[LabelledValue("+44 20 7946 0000")]))
    model = ContactsTableModel(clock.now, LISBON)
    model.set_rows(store.contacts.rows())
    return model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jose pena", ["José Peña"]), ("angstrom", ["Zoë Ängström"]), ("gonzalez maria", ["María González"]),
        ("+49 30", ["José Peña"]), ("030", ["José Peña"]), ("020 7946", ["Tom Okafor"]), ("oresund", ["Zoë Ängström"]),
        ("CAFE OLE", ["José Peña"]), ("maria smith", []),
    ],
)  # fmt: skip
def test_filter_folds_accents_matches_phones_word_order_and_their_space(
    qtmodeltester, worldly_model: ContactsTableModel, text: str, expected: list[str]
) -> None:
    qtmodeltester.check(worldly_model)
    worldly_model.set_filter(text)
    assert names(worldly_model) == expected


def test_an_edited_contact_is_found_by_its_new_phone(worldly_model: ContactsTableModel, store: Store) -> None:
    worldly_model.set_filter("+351 912")
    assert names(worldly_model) == []
    tom = store.contacts.get(store.contacts.resolve("Tom Okafor"))
    tom.phones.append(LabelledValue("+351 912 345 678"))
    store.contacts.update(tom)
    worldly_model.upsert(store.contacts.row(tom.id or 0))
    assert names(worldly_model) == ["Tom Okafor"]
