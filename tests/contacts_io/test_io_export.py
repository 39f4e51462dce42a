"""Export, then import into an empty database: everything comes back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import vobject
from ical_checker import icaljs_read

from followup.clock import FixedClock
from followup.contacts_io import read_file
from followup.contacts_io.export import fold, guard, load_contacts, to_csv, to_vcard, write
from followup.contacts_io.merge import apply_import
from followup.domain import Address, Channel, Contact, ContactDate, DateKind, Kind, LabelledValue, Link
from followup.store import Store

PEOPLE = [
    Contact(
        "Ana Lima", Kind.SUPPLIER, "Acme Logistics, Lda.", "Head of Procurement; EMEA",
        emails=[LabelledValue("ana@acme.example", "work"), LabelledValue("ana.l@mail.example", "home")],
        phones=[LabelledValue("+351 912 345 678", "mobile"), LabelledValue("+351 21 000 1234", "work")],
        preferred_channel=Channel.PHONE, tz="Europe/Lisbon", tags=["vip", "renewal-q1"],
        notes="Prefers calls before 10:00; hates long threads.\nAsk about Porto, the new warehouse.\\ok",
    ),
    Contact("王小明", Kind.CLIENT, "上海贸易有限公司", emails=[LabelledValue("xm@trade.example", "")],
            tz="Asia/Shanghai"),
    Contact("ליאת כהן", Kind.PARTNER, notes="נפגשנו בכנס " * 20,
            phones=[LabelledValue("+972 52 555 0123", "mobile")]),
    Contact("=HYPERLINK(\"http://evil\")", organisation="-2+3", title="@SUM(A1)",
            emails=[LabelledValue("a@b.example")]),
    Contact("Zoë Ångström", Kind.COLLEAGUE, tags=["Nordics"], emails=[LabelledValue("zoe@angstrom.example", "work")]),
]  # fmt: skip


def _fields(
    c: Contact, *, labels: bool = True, tz: bool = True, channel: bool = True, kind_tag: bool = False
) -> tuple[object, ...]:
    # kind_tag: Outlook carries the kind as a category ("Partners"), which comes back as a tag too
    tags = [t for t in c.tags if not (kind_tag and t == c.kind.label + "s")]
    return (
        c.name, c.kind, c.organisation, c.title,
        [(e.value, e.label if labels else "") for e in c.emails],
        sorted((p.value, p.label if labels else "") for p in c.phones),
        sorted(tags), c.notes, c.tz if tz else None, c.preferred_channel if channel else None,
    )  # fmt: skip


@pytest.fixture
def full(store: Store) -> Store:
    for person in PEOPLE:
        store.contacts.add(Contact(**{f: getattr(person, f) for f in ("name", "kind", "organisation", "title",
                           "emails", "phones", "preferred_channel", "tz", "tags", "notes")}))  # fmt: skip
    return store


@pytest.mark.parametrize(
    ("fmt", "suffix", "same"),
    # What each format cannot carry: Google CSV has no preferred channel; Outlook's
    # fixed columns name phones by place and have no labels for emails or a time zone.
    [
        ("vcard4", ".vcf", {}),
        ("vcard3", ".vcf", {}),
        ("google-csv", ".csv", {"channel": False}),
        ("outlook-csv", ".csv", {"labels": False, "tz": False, "channel": False, "kind_tag": True}),
    ],
)
def test_round_trip_into_an_empty_database(
    full: Store, tmp_path: Path, clock: FixedClock, fmt: str, suffix: str, same: dict[str, bool]
) -> None:
    # GIVEN every contact exported
    path = tmp_path / f"out{suffix}"
    assert write(load_contacts(full), path, fmt) == len(PEOPLE)
    # WHEN the file is imported into an empty database
    with Store.open(tmp_path / "empty.db", clock) as empty:
        summary = apply_import(empty, read_file(path).items)
        assert len(summary.created) == len(PEOPLE) and not summary.skipped
        # THEN every field the format can carry comes back as it was
        back = {c.name: _fields(c, **same) for c in load_contacts(empty)}
    want = {c.name: _fields(c, **same) for c in load_contacts(full)}
    assert back == want


def test_exported_vcards_are_read_by_vobject_too(full: Store) -> None:
    for version in ("4.0", "3.0"):
        cards = list(vobject.readComponents(to_vcard(load_contacts(full), version)))
        assert [c.fn.value for c in cards] == [c.name for c in load_contacts(full)]
        ana = next(c for c in cards if c.fn.value == "Ana Lima")
        assert ana.org.value == ["Acme Logistics, Lda."]
        assert ana.note.value == PEOPLE[0].notes


def test_long_lines_fold_at_75_octets_between_characters() -> None:
    line = "NOTE:" + "נפגשנו בכנס " * 20
    folded = fold(line)
    parts = folded.removesuffix("\r\n").split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line


def test_csv_cells_that_start_a_formula_are_guarded(full: Store) -> None:
    text = to_csv(load_contacts(full), "google-csv")
    assert "'=HYPERLINK" in text and ",'-2+3," in text and ",'@SUM(A1)," in text
    assert guard("\tx") == "'\tx" and guard("\rx") == "'\rx" and guard("plain") == "plain"
    assert ",=" not in text


def test_one_contact_or_a_filtered_set(full: Store) -> None:
    # GIVEN the people of the fixture WHEN only Ana is asked for THEN only Ana
    ana = full.contacts.resolve("Ana Lima")
    assert [c.name for c in load_contacts(full, [ana])] == ["Ana Lima"]
    # WHEN she is archived THEN the others without her, if archived ones are left out
    full.contacts.set_archived(ana)
    names = [c.name for c in load_contacts(full, include_archived=False)]
    assert len(names) == full.contacts.count() - 1 and "Ana Lima" not in names


def test_every_line_break_in_a_value_is_escaped_and_vobject_reads_it() -> None:
    # GIVEN values holding a bare CR (a Google CSV address), CRLF, and Unicode line breaks
    odd = Contact(
        "Lena\rBerg", organisation="Hauptstr. 1\rBerlin", title="a\u2028b", notes="one\rtwo\r\nthree\nfour\x85five",
        tags=["x\ry"], emails=[LabelledValue("lena@berg.example", "wo\rrk")],
    )  # fmt: skip
    for version in ("4.0", "3.0"):
        # WHEN exported
        text = to_vcard([odd], version)
        # THEN no value holds a raw line break, and vobject reads every card back
        assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
        assert "\u2028" not in text and "\x85" not in text
        (card,) = vobject.readComponents(text)
        assert card.note.value == "one\ntwo\nthree\nfour\nfive"
        assert card.org.value == ["Hauptstr. 1\nBerlin"]


def test_vcard_3_time_zone_is_text_so_icaljs_reads_it(tmp_path: Path) -> None:
    # GIVEN a contact in Lisbon, exported as vCard 3.0
    text = to_vcard([Contact("Ana Lima", tz="Europe/Lisbon")], "3.0")
    assert "TZ;VALUE=text:Europe/Lisbon\r\n" in text
    path = tmp_path / "v3.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    # THEN ical.js (an independent parser) reads the file and the zone as text
    assert icaljs_read(path, "c.getFirstPropertyValue('tz')") == "Europe/Lisbon"


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=1+1", True), ("+1+1", True), ("-2+3", True), ("@SUM(A1)", True), ("\tx", True), ("\rx", True),
        (" =HYPERLINK(\"http://evil\")", True), ("  @SUM(A1)", True), (" \t=1", True),
        ("+44 20 7946 0000", False), ("+1 (650) 253-0000", False), ("+351 912 345 678", False),
        ("plain", False), (" plain with a space", False), ("", False),
    ],
)  # fmt: skip
def test_csv_formula_guard_covers_leading_spaces_and_spares_phone_numbers(cell: str, guarded: bool) -> None:
    assert (guard(cell) == "'" + cell) is guarded
    if not guarded:
        assert guard(cell) == cell


def test_guarded_cells_come_back_as_written(tmp_path: Path) -> None:
    people = [Contact(" =1+1", organisation="+44 20 7946 0000", emails=[LabelledValue("a@b.example")])]
    path = tmp_path / "g.csv"
    write(people, path, "google-csv")
    (item,) = read_file(path).items
    assert (item.contact.name, item.contact.organisation) == ("=1+1", "+44 20 7946 0000")


RECORDS = Contact(
    "Ana Lima", emails=[LabelledValue("ana.records@acme.example")],
    dates=[ContactDate(DateKind.BIRTHDAY, 4, 12, 1980), ContactDate(DateKind.ANNIVERSARY, 6, 20),
           ContactDate(DateKind.CONTRACT_RENEWAL, 12, 20, lead_days=45), ContactDate(DateKind.CUSTOM, 3, 1, label="Founded")],
    addresses=[Address("work", "Rua Augusta 100\nSuite 4", "Lisboa", "", "1100-053", "Portugal"),
               Address("home", "Rua do Sol 7", "Porto", "", "4000-001", "Portugal")],
    links=[Link("https://acme.example/ana"), Link("https://www.linkedin.com/in/ana-lima", "linkedin")],
    photo=(Path(__file__).parent / "files" / "picture.png").read_bytes(), photo_type="image/png",
)  # fmt: skip


def _records(c: Contact) -> tuple[object, ...]:
    return (
        sorted((d.kind.value, d.month, d.day, d.year, d.label, d.lead_days) for d in c.dates),
        [(a.label, a.lines()) for a in c.addresses],
        [(link.url, link.label) for link in c.links],
        (c.photo, c.photo_type),
    )


@pytest.mark.parametrize("fmt", ["vcard4", "vcard3", "google-csv"])
def test_dates_addresses_links_and_photo_round_trip(store: Store, tmp_path: Path, clock: FixedClock, fmt: str) -> None:
    # GIVEN a contact with every kind of record
    store.contacts.add(RECORDS)
    path = tmp_path / ("out.vcf" if fmt.startswith("vcard") else "out.csv")
    # WHEN exported and imported into an empty database
    write(load_contacts(store), path, fmt)
    with Store.open(tmp_path / "empty.db", clock) as empty:
        apply_import(empty, read_file(path).items)
        (back,) = load_contacts(empty)
    # THEN they come back as fields (a CSV cannot carry the photo, nor lead times of dates it has columns for)
    want = _records(load_contacts(store)[0])
    if fmt == "google-csv":
        want = (sorted((*d[:5], None) for d in want[0]), want[1], want[2], (None, ""))  # type: ignore[index, attr-defined]
        assert _records(back)[0] == want[0]
        assert _records(back)[1:] == want[1:]
    else:
        assert _records(back) == want
    assert "Birthday" not in back.notes


def test_exported_records_are_what_vobject_reads() -> None:
    for version in ("4.0", "3.0"):
        (card,) = vobject.readComponents(to_vcard([RECORDS], version))
        assert card.bday.value in ("19800412", "1980-04-12")
        assert [str(a.value).splitlines()[0] for a in card.contents["adr"]] == ["Rua Augusta 100", "Rua do Sol 7"]
        assert card.url.value == "https://acme.example/ana"
        assert "photo" in card.contents


def test_outlook_csv_carries_the_birthday_address_and_web_page(store: Store) -> None:
    store.contacts.add(RECORDS)
    rows = list(csv.DictReader(io.StringIO(to_csv(load_contacts(store), "outlook-csv"))))
    assert (rows[0]["Birthday"], rows[0]["Business City"], rows[0]["Home City"]) == ("4/12/1980", "Lisboa", "Porto")
    assert rows[0]["Web Page"] == "https://acme.example/ana"
    assert "Anniversary: --06-20" in rows[0]["Notes"]  # Outlook needs a year: the date is kept in the notes


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_icaljs_reads_the_records_we_export(tmp_path: Path, version: str) -> None:
    # GIVEN a contact with every record, exported
    path = tmp_path / "records.vcf"
    path.write_text(to_vcard([RECORDS], version), encoding="utf-8", newline="")
    # WHEN ical.js (an independent parser) reads it
    found = icaljs_read(
        path,
        "{fn: c.getFirstPropertyValue('fn'), bday: String(c.getFirstPropertyValue('bday')),"
        " adr: c.getAllProperties('adr').length, url: c.getFirstPropertyValue('url')}",
    )
    # THEN it reads the name, birthday, both addresses and the website
    assert (found["fn"], found["adr"], found["url"]) == ("Ana Lima", 2, "https://acme.example/ana")
    assert found["bday"].startswith("1980-04-12")
