"""Writing contacts out: vCard 4.0 or 3.0, and CSV that Google Contacts and
Outlook import. CSV cells that a spreadsheet would run as a formula are
guarded with a leading apostrophe (our own import takes it off again)."""

from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TypeVar

from followup import outfile
from followup.contacts_io.google_csv import KIND_FIELD, MULTI, TZ_FIELD
from followup.contacts_io.outlook_csv import PHONE_COLUMNS
from followup.domain import Channel, Contact, ContactDate, DateKind, Kind, LabelledValue
from followup.store import Store, people
from followup.timeutil import from_db

E = TypeVar("E", Kind, Channel)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FORMATS = {
    "vcard4": "vCard 4.0 (.vcf)",
    "vcard3": "vCard 3.0 (.vcf), for older programs",
    "google-csv": "Google Contacts CSV (.csv)",
    "outlook-csv": "Outlook CSV (.csv)",
}


def load_contacts(store: Store, ids: Collection[int] | None = None, *, include_archived: bool = True) -> list[Contact]:
    """Contacts with their emails, phones and tags, in four queries however many."""
    conn = store.conn
    where = "" if include_archived else " WHERE archived = 0"
    contacts: dict[int, Contact] = {}
    wanted = set(ids) if ids is not None else None
    for cid, name, org, title, kind, channel, tz, notes, archived, touched in conn.execute(
        "SELECT id, name, organisation, title, kind, preferred_channel, tz, notes, archived, last_touched_at "
        f"FROM contacts{where} ORDER BY name COLLATE NOCASE, id"
    ):
        if wanted is None or cid in wanted:
            contacts[cid] = Contact(
                name, _enum(Kind, kind, Kind.OTHER), org, title, tz=tz, notes=notes, id=cid,
                preferred_channel=_enum(Channel, channel, Channel.EMAIL), archived=bool(archived),
                last_touched_at=from_db(touched) if touched else None,
            )  # fmt: skip
    for cid, label, address in conn.execute("SELECT contact_id, label, address FROM contact_emails ORDER BY position"):
        if cid in contacts:
            contacts[cid].emails.append(LabelledValue(address, label))
    for cid, label, number in conn.execute("SELECT contact_id, label, number FROM contact_phones ORDER BY position"):
        if cid in contacts:
            contacts[cid].phones.append(LabelledValue(number, label))
    for cid, tag in conn.execute("SELECT contact_id, tag FROM contact_tags ORDER BY tag COLLATE NOCASE"):
        if cid in contacts:
            contacts[cid].tags.append(tag)
    people.load_many(conn, contacts, wanted)
    return list(contacts.values())


def _enum(kind: type[E], value: str, default: E) -> E:
    try:
        return kind(value)
    except ValueError:
        return default


def format_for_path(path: Path | str) -> str:
    return "vcard4" if str(path).lower().endswith((".vcf", ".vcard")) else "google-csv"


def render(contacts: Iterable[Contact], fmt: str) -> bytes:
    items = list(contacts)
    if fmt in ("vcard4", "vcard3"):
        return to_vcard(items, "4.0" if fmt == "vcard4" else "3.0").encode("utf-8")
    if fmt in ("google-csv", "outlook-csv"):
        # Google and Outlook both read UTF-8 with a BOM; Excel needs the BOM to not guess Windows-1252.
        return to_csv(items, fmt).encode("utf-8-sig")
    raise ValueError(f"unknown export format {fmt!r}")


def write(contacts: Iterable[Contact], path: Path | str | outfile.Target, fmt: str) -> int:
    """Write ``contacts`` to ``path`` (see followup.outfile: ``-``, symlinks, devices, atomic replace)."""
    items = list(contacts)
    outfile.write(path, render(items, fmt))
    return len(items)


# -- vCard ------------------------------------------------------------------


_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def escape(text: str) -> str:
    """A vCard text value: every line break (a bare CR from a Google CSV address,
    CRLF, Unicode's own) becomes \\n; vobject refuses a raw one."""
    escaped = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _LINE_BREAKS.sub("\\\\n", escaped)


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space,
    never inside a UTF-8 character (RFC 6350 section 3.2)."""
    if len(line.encode("utf-8")) <= 75:
        return line + "\r\n"
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not out else 74):
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out) + "\r\n"


def to_vcard(contacts: Iterable[Contact], version: str = "4.0") -> str:
    parts = []
    for c in contacts:
        lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{escape(c.name)}", f"N:{_structured_name(c.name)}"]
        if c.organisation:
            lines.append(f"ORG:{escape(c.organisation)}")
        if c.title:
            lines.append(f"TITLE:{escape(c.title)}")
        for e in c.emails:
            lines.append(f"EMAIL{_type(e.label)}:{escape(e.value)}")
        for p in c.phones:
            # Free text, which 4.0 still allows, keeps the number as the user wrote it;
            # a tel: URI would turn its spaces into dashes.
            lines.append(f"TEL{_type({'mobile': 'cell'}.get(p.label, p.label))}:{escape(p.value)}")
        lines += _vcard_records(c, version)
        if c.tz and c.tz != "UTC":
            # vCard 3.0's TZ is a UTC offset unless VALUE=text says otherwise (ical.js holds to that)
            lines.append(f"TZ;VALUE=text:{escape(c.tz)}")
        if c.tags:
            lines.append("CATEGORIES:" + ",".join(escape(t) for t in c.tags))
        if c.notes:
            lines.append(f"NOTE:{escape(c.notes)}")
        lines.append(f"X-FOLLOWUP-KIND:{c.kind.value}")
        lines.append(f"X-FOLLOWUP-CHANNEL:{c.preferred_channel.value}")
        lines.append("END:VCARD")
        parts.append("".join(fold(line) for line in lines))
    return "".join(parts)


def _vcard_records(c: Contact, version: str) -> list[str]:
    """BDAY, ANNIVERSARY (with or without a year), ADR, URL, X-SOCIALPROFILE, PHOTO;
    dates vCard has no property for, and reminder lead times, as X-FOLLOWUP-DATE."""
    lines = []
    for kind, prop in ((DateKind.BIRTHDAY, "BDAY"), (DateKind.ANNIVERSARY, "ANNIVERSARY")):
        d = next((d for d in c.dates if d.kind is kind), None)
        if d is None:
            continue
        if version == "3.0" and kind is DateKind.ANNIVERSARY:
            prop = "X-ANNIVERSARY"
        if version == "4.0":
            lines.append(
                f"{prop}:{d.year:04d}{d.month:02d}{d.day:02d}" if d.year else f"{prop}:--{d.month:02d}{d.day:02d}"
            )
        elif d.year:
            lines.append(f"{prop}:{d.year:04d}-{d.month:02d}-{d.day:02d}")
        else:  # 3.0 has no date without a year: Apple's way, which Google and Apple read
            lines.append(f"{prop};X-APPLE-OMIT-YEAR=1604:1604-{d.month:02d}-{d.day:02d}")
    for d in c.dates:
        if d.kind in (DateKind.BIRTHDAY, DateKind.ANNIVERSARY) and d.lead_days is None:
            continue
        label = f";X-LABEL={_param(d.label)}" if d.label else ""
        lead = f";X-LEAD={d.lead_days}" if d.lead_days is not None else ""
        lines.append(f"X-FOLLOWUP-DATE;TYPE={d.kind.value}{label}{lead}:{d.iso()}")
    for a in c.addresses:
        parts = ["", "", a.street, a.locality, a.region, a.postcode, a.country]
        lines.append(f"ADR{_type(a.label)}:" + ";".join(escape(p) for p in parts))
    for link in c.links:
        if link.label:
            lines.append(f"X-SOCIALPROFILE{_type(link.label)}:{escape(link.url)}")
        else:
            lines.append(f"URL:{escape(link.url)}")
    if c.photo:
        data = base64.b64encode(c.photo).decode("ascii")
        mime = c.photo_type or "image/jpeg"
        if version == "4.0":
            lines.append(f"PHOTO:data:{mime};base64,{data}")
        else:
            lines.append(f"PHOTO;ENCODING=b;TYPE={mime.split('/')[-1].upper()}:{data}")
    elif c.photo_uri:
        lines.append(f"PHOTO:{c.photo_uri}" if version == "4.0" else f"PHOTO;VALUE=uri:{c.photo_uri}")
    return lines


def _param(text: str) -> str:
    """A parameter value: quoted, without the characters a quoted value cannot hold."""
    return '"' + re.sub(r'["\r\n]', " ", text).strip() + '"'


def _structured_name(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return f";{escape(name)};;;"
    return f"{escape(words[-1])};{escape(' '.join(words[:-1]))};;;"


def _type(label: str) -> str:
    """ "work fax" -> ";TYPE=work,fax"; anything but letters and digits is quoted."""
    words = [w for w in re.sub(r"[,\"\\:;]", " ", label).split() if w]
    if not words:
        return ""
    value = ",".join(words)
    return f";TYPE={value}" if all(w.isalnum() for w in words) else f';TYPE="{value}"'


# -- CSV --------------------------------------------------------------------


_PHONE_SHAPED = re.compile(r"^\+?\d[\d ().\-/]*$")


def guard(value: str) -> str:
    """Spreadsheets run a cell that starts with = + - @ (or tab, CR), also after
    spaces, as a formula: such a cell gets a leading apostrophe. A phone number
    ("+44 20 7946 0000") does not: Google and Outlook keep the apostrophe."""
    if not value.lstrip(" ").startswith(FORMULA_START):
        return value
    if _PHONE_SHAPED.match(value) and sum(ch.isdigit() for ch in value) >= 6:
        return value
    return "'" + value


def to_csv(contacts: Iterable[Contact], fmt: str = "google-csv") -> str:
    items = list(contacts)
    headers, rows = _google(items) if fmt == "google-csv" else _outlook(items)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([guard(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _split_name(name: str) -> tuple[str, str]:
    words = name.split(" ")
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1]


def _google(items: list[Contact]) -> tuple[list[str], list[list[str]]]:
    n_email = max((len(c.emails) for c in items), default=0) or 1
    n_phone = max((len(c.phones) for c in items), default=0) or 1
    headers = ["First Name", "Middle Name", "Last Name", "Organization Name", "Organization Title", "Notes", "Labels"]
    for i in range(1, n_email + 1):
        headers += [f"E-mail {i} - Label", f"E-mail {i} - Value"]
    for i in range(1, n_phone + 1):
        headers += [f"Phone {i} - Label", f"Phone {i} - Value"]
    headers += ["Custom Field 1 - Label", "Custom Field 1 - Value", "Custom Field 2 - Label", "Custom Field 2 - Value"]
    n_event = max((len(_events(c)) for c in items), default=0)
    n_address = max((len(c.addresses) for c in items), default=0)
    n_site = max((len(c.links) for c in items), default=0)
    headers += ["Birthday"]
    for i in range(1, n_event + 1):
        headers += [f"Event {i} - Label", f"Event {i} - Value"]
    for i in range(1, n_address + 1):
        headers += [f"Address {i} - Label", f"Address {i} - Formatted", f"Address {i} - Street", f"Address {i} - City",
                    f"Address {i} - Region", f"Address {i} - Postal Code", f"Address {i} - Country"]  # fmt: skip
    for i in range(1, n_site + 1):
        headers += [f"Website {i} - Label", f"Website {i} - Value"]
    rows = []
    for c in items:
        first, last = _split_name(c.name)
        labels = MULTI.join(["* myContacts", *c.tags])
        row = [first, "", last, c.organisation, c.title, c.notes, labels]
        for i in range(n_email):
            row += [c.emails[i].label, c.emails[i].value] if i < len(c.emails) else ["", ""]
        for i in range(n_phone):
            row += [c.phones[i].label, c.phones[i].value] if i < len(c.phones) else ["", ""]
        row += [TZ_FIELD, c.tz, KIND_FIELD, c.kind.value]
        row += [c.birthday.iso() if c.birthday else ""]
        events = _events(c)
        for i in range(n_event):
            row += [events[i].title, events[i].iso()] if i < len(events) else ["", ""]
        for i in range(n_address):
            a = c.addresses[i] if i < len(c.addresses) else None
            row += ([a.label.capitalize(), "\n".join(a.lines()), a.street, a.locality, a.region, a.postcode, a.country]
                    if a else [""] * 7)  # fmt: skip
        for i in range(n_site):
            row += [c.links[i].label, c.links[i].url] if i < len(c.links) else ["", ""]
        rows.append(row)
    return headers, rows


def _events(c: Contact) -> list[ContactDate]:
    """Google's "Event" columns: every date but the birthday, which has its own."""
    birthday = c.birthday
    return [d for d in c.dates if d is not birthday]


_OUTLOOK_ADDRESS = {"work": "Business", "business": "Business", "home": "Home"}


def _outlook_records(c: Contact, row: dict[str, str]) -> list[str]:
    """Fill the date, address and web page columns; what has no column goes to the notes."""
    overflow = []
    for d in c.dates:
        column = {DateKind.BIRTHDAY: "Birthday", DateKind.ANNIVERSARY: "Anniversary"}.get(d.kind)
        if column and d.year and not row[column]:
            row[column] = f"{d.month}/{d.day}/{d.year}"
        else:
            overflow.append(f"{d.title}: {d.iso()}")
    for a in c.addresses:
        where = _OUTLOOK_ADDRESS.get(a.label, "Other")
        if row[f"{where} Street"] or row[f"{where} City"]:
            overflow.append(f"Address ({a.label}): {a.one_line()}" if a.label else f"Address: {a.one_line()}")
            continue
        parts = {"Street": a.street, "City": a.locality, "State": a.region, "Postal Code": a.postcode,
                 "Country/Region": a.country}  # fmt: skip
        for part, value in parts.items():
            row[f"{where} {part}"] = value
    for link in c.links:
        if not row["Web Page"]:
            row["Web Page"] = link.url
        else:
            overflow.append(f"Website ({link.label}): {link.url}" if link.label else f"Website: {link.url}")
    return overflow


OUTLOOK_PHONES = {"mobile": "Mobile Phone", "work": "Business Phone", "home": "Home Phone", "other": "Other Phone"}
_SPARE = {"Business Phone": "Business Phone 2", "Home Phone": "Home Phone 2"}


def _outlook(items: list[Contact]) -> tuple[list[str], list[list[str]]]:
    phone_columns = list(PHONE_COLUMNS)
    address_columns = [f"{where} {part}" for where in ("Business", "Home", "Other")
                       for part in ("Street", "City", "State", "Postal Code", "Country/Region")]  # fmt: skip
    headers = ["First Name", "Middle Name", "Last Name", "Company", "Job Title", "E-mail Address",
               "E-mail 2 Address", "E-mail 3 Address", *phone_columns, *address_columns, "Birthday", "Anniversary",
               "Web Page", "Categories", "Notes"]  # fmt: skip
    rows = []
    for c in items:
        first, last = _split_name(c.name)
        row = dict.fromkeys(headers, "")
        row.update({"First Name": first, "Last Name": last, "Company": c.organisation, "Job Title": c.title})
        overflow = []
        for column, email in zip(("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"), c.emails, strict=False):
            row[column] = email.value
        overflow += [f"Email: {e.value}" for e in c.emails[3:]]
        for phone in c.phones:
            column = OUTLOOK_PHONES.get(phone.label) or next(
                (h for h, label in PHONE_COLUMNS.items() if label == phone.label), "Other Phone"
            )
            if row[column] and column in _SPARE:
                column = _SPARE[column]
            if row[column]:
                overflow.append(f"Phone ({phone.label}): {phone.value}" if phone.label else f"Phone: {phone.value}")
            else:
                row[column] = phone.value
        overflow += _outlook_records(c, row)
        row["Categories"] = ";".join(c.tags + ([c.kind.label + "s"] if c.kind is not Kind.OTHER else []))
        row["Notes"] = "\n".join([c.notes, *overflow]).strip("\n")
        rows.append([row[h] for h in headers])
    return headers, rows
