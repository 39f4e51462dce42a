"""Google Contacts CSV, in both the current layout ("First Name", "Labels",
"E-mail 1 - Label") and the older one ("Given Name", "Group Membership",
"E-mail 1 - Type"). Several values in one cell are joined by " ::: "; a label
starting with "* " marks the primary value or a system group."""

from __future__ import annotations

import re

from followup.contacts_io import records
from followup.contacts_io.generic_csv import unguard
from followup.contacts_io.model import Incoming, apply_labels, set_kind
from followup.domain import Contact, DateKind, LabelledValue

MULTI = " ::: "
_NUMBERED = re.compile(r"^(E-mail|Phone|Custom Field|Address|Website|Relation|Event|IM|Organization) (\d+) - (.+)$")
NAME_COLUMNS = {
    "First Name": "first", "Given Name": "first", "Middle Name": "middle", "Additional Name": "middle",
    "Last Name": "last", "Family Name": "last", "Name Prefix": "prefix", "Name Suffix": "suffix",
}  # fmt: skip
# Columns with nothing a person wrote in them, or repeated elsewhere in the row.
QUIET = {
    "Name", "File As", "Photo", "Yomi Name", "Given Name Yomi", "Additional Name Yomi", "Family Name Yomi",
    "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name", "Initials", "Short Name", "Sensitivity",
    "Priority", "Organization Phonetic Name", "Organization 1 - Yomi Name", "Organization 1 - Type",
}  # fmt: skip
# The custom field our export writes the time zone into.
TZ_FIELD = "Time zone"
KIND_FIELD = "Kind"


def split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split(MULTI.strip()) if v.strip()]


def map_row(headers: list[str], line: int, cells: list[str]) -> Incoming:
    item = Incoming(Contact(name=""), f"line {line}")
    contact = item.contact
    row_raw = dict(zip(headers, cells, strict=False))
    row = {h: unguard(c.strip()) for h, c in row_raw.items()}
    names: dict[str, str] = {}
    numbered: dict[tuple[str, str], dict[str, str]] = {}
    for header, value in row.items():
        if not value:
            continue
        if header in NAME_COLUMNS:
            names[NAME_COLUMNS[header]] = value
        elif found := _NUMBERED.match(header):
            numbered.setdefault((found[1], found[2]), {})[found[3]] = value
        elif header in ("Organization Name", "Organization 1 - Name"):
            contact.organisation = value
        elif header in ("Organization Title", "Organization 1 - Title"):
            contact.title = value
        elif header == "Notes":
            contact.notes = unguard(row_raw[header])  # as written: notes keep their spacing
        elif header in ("Labels", "Group Membership"):
            apply_labels(item, split_multi(value))
        elif header == "Birthday":
            records.add_date(item, DateKind.BIRTHDAY, value)
        elif header not in QUIET:
            item.extras.append(f"{header}: {value}")
    for (what, _number), parts in numbered.items():
        _numbered(item, what, parts)
    contact.name = " ".join(names[k] for k in ("prefix", "first", "middle", "last", "suffix") if k in names)
    if not contact.name:
        contact.name = row.get("Name", "") or row.get("File As", "")
    return item


def _numbered(item: Incoming, what: str, parts: dict[str, str]) -> None:
    contact = item.contact
    label = (parts.get("Label") or parts.get("Type") or "").lstrip("* ").strip()
    value = parts.get("Value", "")
    if what == "E-mail":
        contact.emails += [LabelledValue(v, label) for v in split_multi(value)]
    elif what == "Phone":
        contact.phones += [LabelledValue(v, label) for v in split_multi(value)]
    elif what == "Custom Field" and label == TZ_FIELD:
        contact.tz = value
    elif what == "Custom Field" and label == KIND_FIELD:
        set_kind(item, value)
    elif what == "Organization":
        if parts.get("Name") and not contact.organisation:
            contact.organisation = parts["Name"]
        if parts.get("Title") and not contact.title:
            contact.title = parts["Title"]
        for key in ("Department", "Job Description", "Location", "Symbol"):
            if parts.get(key):
                item.extras.append(f"Organization {key.lower()}: {parts[key]}")
    elif what == "Address":
        keys = {"Street": "street", "Extended Address": "extended", "PO Box": "pobox", "City": "locality",
                "Region": "region", "Postal Code": "postcode", "Country": "country"}  # fmt: skip
        structured = {keys[k]: v for k, v in parts.items() if k in keys}
        if structured:
            records.add_address(item, label, structured)
        elif parts.get("Formatted"):
            records.add_formatted_address(item, label, parts["Formatted"])
    elif what == "Website":
        for url in split_multi(value):
            records.add_link(item, url, "" if label.lower() in ("homepage", "home", "work", "profile") else label)
    elif what == "Event" and value:
        kind, custom = records.date_kind(label or "Date")
        records.add_date(item, kind, value, label=custom)
    else:
        text = value or ", ".join(v for k, v in parts.items() if k not in ("Label", "Type") and v)
        if text:
            item.extras.append(_extra(what, label, text.replace(MULTI, ", ")))


def _extra(what: str, label: str, text: str) -> str:
    return f"{what} ({label}): {text}" if label else f"{what}: {text}"
