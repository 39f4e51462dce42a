"""Which format a contacts file is in (the encoding is :mod:`.encodings`'s)."""

from __future__ import annotations

import csv
import re

from followup.contacts_io import encodings
from followup.contacts_io.model import ContactsFileError

# BEGIN:VCARD, also with a group prefix ("item1.BEGIN:VCARD") as some tools write it
_BEGIN = re.compile(r"^(?:[A-Za-z0-9-]+\.)?BEGIN:VCARD\b", re.IGNORECASE)
_GOOGLE = re.compile(r"^(E-mail|Phone) \d+ - (Value|Type|Label)$")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding; raises ContactsFileError for binary data."""
    decoded = encodings.decode(data)
    return decoded.text, decoded.encoding


def detect_format(text: str) -> str:
    """ "vcard", "google-csv", "outlook-csv", "thunderbird-csv" or "csv"; raises ContactsFileError otherwise."""
    lines = [line.strip() for line in text[:65536].splitlines() if line.strip()][:10]
    if not lines:
        raise ContactsFileError("The file is empty: there are no contacts in it.")
    # a card first, or after a few lines of banner or comment that some tools write
    if any(_BEGIN.match(line) for line in lines) and not csv_header(text):
        return "vcard"
    if _BEGIN.match(lines[0]):
        return "vcard"
    headers = csv_header(text)
    if headers is None:
        raise ContactsFileError(
            "This does not look like a contacts file: line 1 is neither BEGIN:VCARD (a vCard) "
            "nor the header row of a CSV file."
        )
    return format_of_headers(headers)


def format_of_headers(headers: list[str]) -> str:
    names = {h.strip() for h in headers}
    if "Primary Email" in names or {"Mobile Number", "Work Phone"} <= names:
        return "thunderbird-csv"
    if any(_GOOGLE.match(h) for h in names) or "Group Membership" in names or {"Labels", "First Name"} <= names:
        return "google-csv"
    outlook = {"E-mail Address", "Business Phone", "Mobile Phone", "Job Title", "Home Phone", "E-mail Display Name"}
    if len(names & outlook) >= 2 or ("E-mail Address" in names and "First Name" in names):
        return "outlook-csv"
    return "csv"


def csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma almost always; a semicolon or tab from spreadsheets in some locales."""
    first = text[: text.find("\n") if "\n" in text else len(text)]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter if counts[delimiter] else ","
    Dialect.strict = True
    return Dialect


def csv_header(text: str) -> list[str] | None:
    """The header row if ``text`` starts like a CSV file of records, else None."""
    try:
        reader = csv.reader(text.splitlines()[:1], csv_dialect(text))
        headers = next(reader, [])
    except csv.Error:
        return None
    cells = [h.strip() for h in headers]
    if len(cells) < 2 or sum(1 for c in cells if c) < 2:
        return None
    if any(len(c) > 80 for c in cells) or len(set(cells)) < len([c for c in cells if c]) // 2:
        return None
    return cells
