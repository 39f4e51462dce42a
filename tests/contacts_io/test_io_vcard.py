"""vCards from Google, Apple, old Outlook (2.1) and RFC 6350 (4.0)."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from followup.contacts_io import ContactsFileError, read_bytes, read_file
from followup.domain import Kind, LabelledValue


def test_google_vcard_folded_escaped_grouped(files: Path) -> None:
    items = read_file(files / "google_contacts.vcf").items
    ana = items[0].contact
    assert ana.name == "Ana Lima"
    assert ana.organisation == "Acme Logistics, Lda."  # escaped comma, second ORG unit kept in notes
    assert ana.notes.startswith(
        "Prefers short calls before 10:00; hates long email threads.\n"
        "Ask about the Porto warehouse, it opened in March."
    )
    assert "Department: Procurement" in ana.notes
    assert [link.url for link in ana.links] == ["https://acme-logistics.example"]  # item1. group's Apple label
    assert ana.kind is Kind.SUPPLIER and ana.tags == ["Suppliers", "VIP"]  # "myContacts" dropped; a kind, and a tag
    assert ana.emails == [
        LabelledValue("ana.lima@acme-logistics.example", "work"),
        LabelledValue("ANA.LIMA@mail.example", "home"),
    ]
    assert ana.phones == [LabelledValue("+351 912 345 678", "mobile")]


def test_cjk_and_right_to_left_names(files: Path) -> None:
    items = read_file(files / "google_contacts.vcf").items
    names = [i.contact.name for i in items]
    assert names[1:4] == ["王小明", "ליאת כהן", "سارة العلي"]
    assert items[1].contact.organisation == "上海贸易有限公司" and items[1].contact.kind is Kind.CLIENT
    assert items[2].contact.notes == "נפגשנו בכנס בתל אביב"
    assert items[3].contact.kind is Kind.PARTNER


def test_no_name_takes_the_organisation_then_the_email_else_skipped(files: Path) -> None:
    items = read_file(files / "google_contacts.vcf").items
    assert items[4].contact.name == "Nordlicht Ingenieurbüro GmbH"
    assert items[5].contact.name == "orders@fjordpaper.example"
    assert items[6].problem == "It has no name, organisation or email address."
    assert items[6].source == "card 7 (line 53)"


def test_apple_labels_types_and_what_does_not_map(files: Path) -> None:
    soren = read_file(files / "apple_iphone.vcf").items[0].contact
    assert soren.name == "Søren Øvergaard" and soren.organisation == "Fjord Paper AS"
    assert soren.emails[0] == LabelledValue("soren@fjordpaper.example", "other")  # _$!<Other>!$_
    assert soren.phones == [LabelledValue("+47 22 33 44 55", "switchboard"), LabelledValue("+47 912 34 567", "mobile")]
    assert [(a.label, a.one_line()) for a in soren.addresses] == [("work", "Karl Johans gate 1, 0154 Oslo, Norway")]
    assert [d.iso() for d in soren.dates] == ["1981-06-14"]
    assert soren.photo is not None and soren.photo.startswith(b"\xff\xd8")  # the JPEG itself
    assert "/9j/" not in soren.notes and "ABPerson" not in soren.notes  # photo and Apple ids are not notes


def test_vcard_2_1_quoted_printable_windows_1252_soft_breaks(files: Path) -> None:
    (item,) = read_file(files / "outlook_2_1.vcf").items
    c = item.contact
    assert (c.name, c.organisation, c.title) == ("Jürgen Müller", "Nordlicht Ingenieurbüro GmbH", "Projektleiter")
    assert c.notes.startswith("Liefert immer pünktlich.\nMag keine Anrufe nach 17 Uhr.")
    assert c.phones == [LabelledValue("+49 30 901820", "work"), LabelledValue("+49 171 5550123", "mobile")]
    assert c.emails == [LabelledValue("j.mueller@nordlicht.example", "")]


def test_vcard_4_tel_uris_time_zone_and_escaped_categories(files: Path) -> None:
    (item,) = read_file(files / "rfc6350_v4.vcf").items
    c = item.contact
    assert c.phones == [LabelledValue("+33-1-55-55-01-23", "work"), LabelledValue("+33-6-12-34-56-78", "mobile")]
    assert c.tz == "Europe/Paris" and c.kind is Kind.CLIENT and c.tags == ["Clients", "Luxury, retail"]


def test_an_unknown_time_zone_is_kept_in_the_notes() -> None:
    (item,) = read_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Al\r\nTZ:-05:00\r\nEND:VCARD\r\n").items
    assert item.contact.tz == "UTC" and "Time zone: -05:00" in item.contact.notes


@pytest.mark.parametrize("name", ["google_contacts.vcf", "apple_iphone.vcf", "outlook_2_1.vcf", "rfc6350_v4.vcf"])
def test_our_reading_agrees_with_vobjects_own(files: Path, name: str) -> None:
    # GIVEN vobject's full parser over the same file (the slow path we skip for speed)
    text = (files / name).read_text(encoding="utf-8")
    theirs = list(vobject.readComponents(text, allowQP=True))
    ours = read_file(files / name).items
    assert len(theirs) == len(ours)
    for card, item in zip(theirs, ours, strict=True):
        fn = card.contents.get("fn", [None])[0]
        if fn is not None and fn.value:
            assert item.contact.name == fn.value
        emails = [e.value for e in card.contents.get("email", [])]
        assert [e.value for e in item.contact.emails] == emails
        phones = [t.value.removeprefix("tel:") for t in card.contents.get("tel", [])]
        assert [p.value for p in item.contact.phones] == phones
        for note in card.contents.get("note", []):
            assert item.contact.notes.startswith(note.value.replace("\r\n", "\n"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.vcf", r"ends in the middle of line 28 \(card 3\): it is cut short"),
    ],
)
def test_broken_vcards_name_the_line_and_card(files: Path, name: str, message: str) -> None:
    with pytest.raises(ContactsFileError, match=message):
        read_file(files / name)


def test_a_line_that_cannot_be_read_is_skipped_and_named(files: Path) -> None:
    # GIVEN a card with a line that has no colon (issue 14: one bad line refused the whole file)
    parsed = read_file(files / "bad_line.vcf")
    # THEN both cards are read, and the skipped line is named with its card
    assert [i.contact.name for i in parsed.items] == ["Good Card", "Broken Card"]
    assert parsed.notes == ["Line 8 (card 2) could not be read and was skipped: 'this line has no colon at all'."]


def test_a_card_that_never_ends_before_the_next_one() -> None:
    data = b"BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\n"
    with pytest.raises(ContactsFileError, match=r"Card 1 .*line 1.* no END:VCARD .* line 3"):
        read_bytes(data)
