"""Google (both layouts), Outlook (Windows-1252) and any CSV through a column mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.contacts_io import ContactsFileError, read_bytes, read_file
from followup.contacts_io.generic_csv import guess_mapping
from followup.contacts_io.reader import remap
from followup.domain import Kind, LabelledValue


def test_google_csv_multi_value_cells_and_labels(files: Path) -> None:
    parsed = read_file(files / "google_contacts.csv")
    assert (parsed.format, parsed.encoding) == ("google-csv", "UTF-8 with BOM")
    ana, zoe, kenji, phone_only, harbor = parsed.items
    assert ana.contact.emails == [
        LabelledValue("ana.lima@acme-logistics.example", "work"),  # "* Work": the star marks the primary
        LabelledValue("ana.lima@acme.example", "work"),
    ]
    assert [p.value for p in ana.contact.phones] == ["+351 912 345 678", "+351 913 000 111"]
    assert ana.contact.kind is Kind.SUPPLIER and ana.contact.tags == ["Suppliers"]  # the group stays a tag
    assert (zoe.contact.name, zoe.contact.organisation, zoe.contact.kind) == (
        "Zoë Ångström",
        "Ångström & Söner AB",
        Kind.CLIENT,
    )
    assert zoe.contact.tags == ["Clients", "Nordics"]
    assert zoe.contact.notes.startswith("Talks fast, decides faster.\nSwedish first, then English.")
    # issue 15: the address and birthday are fields of the contact, no longer text in the notes
    assert [(a.label, a.lines()) for a in zoe.contact.addresses] == [
        ("work", ["Drottninggatan 1", "Stockholm"])  # Street and City win over the Formatted block
    ]
    assert [d.iso() for d in zoe.contact.dates] == ["1975-04-02"] and "Birthday" not in zoe.contact.notes
    assert kenji.source == "line 7"  # Zoë's row spans lines 3-6 (line breaks inside quoted cells)
    assert kenji.contact.kind is Kind.COLLEAGUE
    assert phone_only.problem == "It has no name, organisation or email address."
    assert harbor.contact.name == "Blue Harbor Freight"


def test_google_csv_older_layout(files: Path) -> None:
    (priya,) = read_file(files / "google_old_layout.csv").items
    c = priya.contact
    assert (c.name, c.organisation, c.title, c.kind) == (
        "Priya Raman",
        "My Company Ltd",
        "Director of Operations",
        Kind.MANAGER,
    )
    assert c.emails == [LabelledValue("priya.raman@my-company.example", "work")]


def test_outlook_csv_in_windows_1252(files: Path) -> None:
    parsed = read_file(files / "outlook_windows1252.csv")
    assert (parsed.format, parsed.encoding) == ("outlook-csv", "Windows-1252")
    francois, ines, empty = parsed.items
    c = francois.contact
    assert (c.name, c.organisation, c.title) == ("François Lefèvre", "Café Crème SARL", "Responsable achats")
    assert c.kind is Kind.CLIENT and c.tags == ["Clients", "Café owners"]
    assert c.phones == [LabelledValue("+33 1 42 60 00 00", "work"), LabelledValue("+33 6 98 76 54 32", "mobile")]
    assert c.notes.startswith("Prix négociés en €; rappeler avant le 30.")
    assert [(a.label, a.locality, a.postcode, a.country) for a in c.addresses] == [("work", "Paris", "75002", "France")]
    assert "Business City" not in c.notes
    assert "0/0/00" not in c.notes and "Unspecified" not in c.notes and "SMTP" not in c.notes
    assert ines.contact.name == "Dr. Inés Núñez" and ines.contact.kind is Kind.PARTNER
    assert [e.value for e in ines.contact.emails] == ["ines.nunez@senorio.example", "ines@home.example"]
    assert [d.iso() for d in ines.contact.dates] == ["1970-03-12"]  # Outlook writes month/day/year
    assert empty.problem


def test_any_csv_guesses_a_mapping_and_keeps_the_rest_in_notes(files: Path) -> None:
    parsed = read_file(files / "crm_export.csv")
    assert guess_mapping(parsed.headers) == {
        0: "name", 1: "organisation", 2: "email", 3: "phone", 4: "tags", 5: "notes-extra", 6: "notes-extra",
    }  # fmt: skip
    mateus = parsed.items[0].contact
    assert mateus.emails == [LabelledValue("mateus@costafilhos.example", "work")]
    assert mateus.phones == [LabelledValue("+55 11 95555 0101", "mobile")]
    assert mateus.tags == ["vip", "retail"]
    assert mateus.notes == "Account Owner: Ana\nLast Order: 2026-10-02"


def test_the_users_mapping_is_applied(files: Path) -> None:
    # GIVEN a CRM export WHEN the user skips the tags and one notes column THEN the rows are read again that way
    parsed = read_file(files / "crm_export.csv")
    mapping = guess_mapping(parsed.headers) | {4: "skip", 5: "skip", 6: "notes"}
    mateus = remap(parsed, mapping).items[0].contact
    assert mateus.tags == [] and mateus.notes == "2026-10-02"


def test_our_formula_guard_is_taken_off_again() -> None:
    (item,) = read_bytes(b"Name,Phone\nAl,'+44 20 7946 0000\n").items
    assert item.contact.phones[0].value == "+44 20 7946 0000"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.csv", "ends in the middle of line 3"),
        ("unclosed_quote.csv", "line 3"),
    ],
)
def test_broken_csv_names_the_line(files: Path, name: str, message: str) -> None:
    with pytest.raises(ContactsFileError, match=message):
        read_file(files / name)


def test_a_row_with_more_values_than_the_header() -> None:
    with pytest.raises(ContactsFileError, match="Line 3 has 4 values but the header has 2"):
        read_bytes(b"Name,Email\nA,a@x.example\nB,b@x.example,x,y\n")


def test_a_header_with_no_rows() -> None:
    with pytest.raises(ContactsFileError, match="no contacts"):
        read_bytes(b"Name,Email\n")
