"""Encodings and formats as the programs really write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.contacts_io import ContactsFileError, read_bytes, read_file
from followup.contacts_io.detect import decode, detect_format


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Zoë".encode(), "UTF-8", "Zoë"),
        (b"\xef\xbb\xbf" + "Zoë".encode(), "UTF-8 with BOM", "Zoë"),
        ("Zoë €".encode("cp1252"), "Windows-1252", "Zoë €"),
        (b"\xff\xfe" + "Zoë 王".encode("utf-16-le"), "UTF-16", "Zoë 王"),  # Outlook's "Unicode" CSV
    ],
)
def test_decode_names_the_encoding(data: bytes, encoding: str, text: str) -> None:
    assert decode(data) == (text, encoding)


def test_binary_data_is_refused(files: Path) -> None:
    with pytest.raises(ContactsFileError, match="binary data"):
        read_file(files / "picture.png")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("google_contacts.vcf", "vcard"),
        ("outlook_2_1.vcf", "vcard"),
        ("google_contacts.csv", "google-csv"),
        ("google_old_layout.csv", "google-csv"),
        ("outlook_windows1252.csv", "outlook-csv"),
        ("crm_export.csv", "csv"),
    ],
)
def test_format_is_detected(files: Path, name: str, fmt: str) -> None:
    text, _ = decode((files / name).read_bytes())
    assert detect_format(text) == fmt


def test_prose_and_empty_files_are_not_contacts(files: Path) -> None:
    with pytest.raises(ContactsFileError, match="line 1 is neither BEGIN:VCARD"):
        read_file(files / "not_contacts.txt")
    with pytest.raises(ContactsFileError, match="empty"):
        read_bytes(b"  \n\n")


def test_a_forced_format_that_does_not_fit_is_refused(files: Path) -> None:
    with pytest.raises(ContactsFileError, match="not a vCard"):
        read_file(files / "google_contacts.csv", "vcard")
    with pytest.raises(ContactsFileError, match="is a vCard file"):
        read_file(files / "google_contacts.vcf", "outlook-csv")


def test_semicolon_separated_csv_from_a_european_spreadsheet() -> None:
    parsed = read_bytes("Name;E-mail;Telefon\nJosé Ñandú;jose@x.example;+34 600 000 000\n".encode("cp1252"))
    (item,) = parsed.items
    assert (item.contact.name, item.contact.emails[0].value, parsed.encoding) == (
        "José Ñandú",
        "jose@x.example",
        "Windows-1252",
    )
