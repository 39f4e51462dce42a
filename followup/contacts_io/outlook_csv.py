"""Outlook CSV: desktop Outlook's "Comma Separated Values" (often
Windows-1252) and Outlook.com's export. Fixed columns: three emails, a dozen
phones named by where they ring, "Categories" separated by semicolons."""

from __future__ import annotations

import re

from followup.contacts_io import records
from followup.contacts_io.generic_csv import unguard
from followup.contacts_io.model import Incoming, apply_labels
from followup.domain import Contact, DateKind, LabelledValue

EMAIL_COLUMNS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
PHONE_COLUMNS = {
    "Mobile Phone": "mobile", "Business Phone": "work", "Business Phone 2": "work", "Home Phone": "home",
    "Home Phone 2": "home", "Other Phone": "other", "Primary Phone": "main", "Company Main Phone": "company",
    "Business Fax": "work fax", "Home Fax": "home fax", "Other Fax": "other fax", "Pager": "pager",
    "Car Phone": "car", "Assistant's Phone": "assistant", "Callback": "callback", "Radio Phone": "radio",
    "TTY/TDD Phone": "tty", "ISDN": "isdn", "Telex": "telex",
}  # fmt: skip
NAME_COLUMNS = {
    "Title": "prefix",
    "First Name": "first",
    "Middle Name": "middle",
    "Last Name": "last",
    "Suffix": "suffix",
}
ADDRESS_PARTS = {
    "Street": "street", "Street 2": "extended", "Street 3": "extended", "City": "locality", "State": "region",
    "Postal Code": "postcode", "Country/Region": "country", "Country": "country", "PO Box": "pobox",
}  # fmt: skip
_ADDRESS = re.compile(
    r"^(Business|Home|Other) (Street 2|Street 3|Street|City|State|Postal Code|Country/Region|Country|PO Box)$"
)
# Values Outlook writes into every row meaning "nothing".
EMPTY_VALUES = {"0/0/00", "00/00/0000", "1/1/1601"}
QUIET = {
    "E-mail Type", "E-mail 2 Type", "E-mail 3 Type", "E-mail Display Name", "E-mail 2 Display Name",
    "E-mail 3 Display Name", "Priority", "Sensitivity", "Private", "Gender", "Initials", "Given Yomi",
    "Surname Yomi", "Company Yomi", "Display Name",
}  # fmt: skip


def map_row(headers: list[str], line: int, cells: list[str]) -> Incoming:
    item = Incoming(Contact(name=""), f"line {line}")
    contact = item.contact
    names: dict[str, str] = {}
    addresses: dict[str, dict[str, str]] = {}
    for header, raw in zip(headers, cells, strict=False):
        value = unguard(raw.strip())
        if not value or value in EMPTY_VALUES:
            continue
        if header in NAME_COLUMNS:
            names[NAME_COLUMNS[header]] = value
        elif header in EMAIL_COLUMNS:
            contact.emails.append(LabelledValue(value, ""))
        elif header in PHONE_COLUMNS:
            contact.phones.append(LabelledValue(value, PHONE_COLUMNS[header]))
        elif header == "Company":
            contact.organisation = value
        elif header == "Job Title":
            contact.title = value
        elif header == "Notes":
            contact.notes = unguard(raw)  # as written: notes keep their spacing
        elif header == "Categories":
            apply_labels(item, value.split(";"))
        elif header in ("Birthday", "Anniversary"):
            records.add_date(item, DateKind.BIRTHDAY if header == "Birthday" else DateKind.ANNIVERSARY, value)
        elif (found := _ADDRESS.match(header)) is not None:
            addresses.setdefault(found[1].lower(), {})[ADDRESS_PARTS[found[2]]] = value
        elif header in ("Web Page", "Personal Web Page"):
            records.add_link(item, value)
        elif header not in QUIET and not (header in ("Priority", "Sensitivity") and value == "Normal"):
            item.extras.append(f"{header}: {value}")
    for where, parts in addresses.items():
        records.add_address(item, {"business": "work"}.get(where, where), parts)
    contact.name = " ".join(names[k] for k in ("prefix", "first", "middle", "last", "suffix") if k in names)
    if not contact.name:
        contact.name = next((v for h, v in zip(headers, cells, strict=False) if h == "Display Name" and v), "")
    return item
