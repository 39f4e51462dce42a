"""Thunderbird's CSV: its own address book export ("Primary Email", "Work
Phone", "Mobile Number", "Organization") and the files its import tests use.
Fixed columns; addresses in five parts, the birthday in three."""

from __future__ import annotations

from followup.contacts_io import records
from followup.contacts_io.generic_csv import unguard
from followup.contacts_io.model import Incoming
from followup.domain import Contact, DateKind, LabelledValue

EMAIL_COLUMNS = ("Primary Email", "Secondary Email")
PHONE_COLUMNS = {
    "Work Phone": "work", "Home Phone": "home", "Fax Number": "fax", "Pager Number": "pager",
    "Mobile Number": "mobile",
}  # fmt: skip
ADDRESS_PARTS = {
    "Address": "street", "Address 2": "extended", "City": "locality", "State": "region", "ZipCode": "postcode",
    "Country": "country",
}  # fmt: skip
ADDRESS_COLUMNS = {
    f"{where} {part}": (where.lower(), key) for where in ("Home", "Work") for part, key in ADDRESS_PARTS.items()
}
BIRTH_COLUMNS = ("Birth Year", "Birth Month", "Birth Day")
# Columns that carry more than a name: a file with none of them is not Thunderbird's.
DETAIL_COLUMNS = {*EMAIL_COLUMNS, *PHONE_COLUMNS, "Organization", *ADDRESS_COLUMNS}
QUIET = {"Display Name", "First Name", "Last Name"}


def map_row(headers: list[str], line: int, cells: list[str]) -> Incoming:
    item = Incoming(Contact(name=""), f"line {line}")
    contact = item.contact
    row = {h: unguard(c.strip()) for h, c in zip(headers, cells, strict=False)}
    addresses: dict[str, dict[str, str]] = {}
    for header, value in row.items():
        if not value:
            continue
        if header in EMAIL_COLUMNS:
            contact.emails.append(LabelledValue(value, ""))
        elif header in PHONE_COLUMNS:
            contact.phones.append(LabelledValue(value, PHONE_COLUMNS[header]))
        elif header == "Organization":
            contact.organisation = value
        elif header == "Job Title":
            contact.title = value
        elif header == "Notes":
            contact.notes = unguard(dict(zip(headers, cells, strict=False))[header])
        elif header in ADDRESS_COLUMNS:
            where, part = ADDRESS_COLUMNS[header]
            addresses.setdefault(where, {})[part] = value
        elif header in BIRTH_COLUMNS or header in QUIET:
            continue
        elif header.startswith("Web Page"):
            records.add_link(item, value)
        else:
            item.extras.append(f"{header}: {value}")
    for label, parts in addresses.items():
        records.add_address(item, label, parts)
    year, month, day = (row.get(c, "") for c in BIRTH_COLUMNS)
    if month.isdigit() and day.isdigit():
        date = f"{int(month):02d}-{int(day):02d}"
        records.add_date(item, DateKind.BIRTHDAY, f"{int(year):04d}-{date}" if year.isdigit() else f"--{date}")
    given = " ".join(row[c] for c in ("First Name", "Last Name") if row.get(c))
    contact.name = row.get("Display Name", "") or given
    return item
