"""Any CSV file: read the rows, then map columns to contact fields.

The mapping is the user's (the import dialog's column-mapping step, or a
guess from the header names). A column left unmapped keeps its values in the
notes as "Header: value"; only a column mapped to ``skip`` is dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from followup.contacts_io import records
from followup.contacts_io.detect import csv_dialect
from followup.contacts_io.model import (
    Cancelled,
    ContactsFileError,
    Incoming,
    apply_labels,
    checkpoint,
    finish,
    set_channel,
    set_kind,
)
from followup.domain import Contact, DateKind, LabelledValue
from followup.progress import CancelCheck, Progress

Row = tuple[int, list[str]]  # (line number, cells)

# What a column can be: key -> what the user sees in the mapping step.
FIELDS: dict[str, str] = {
    "notes-extra": "Keep in notes",
    "name": "Full name",
    "first": "First name",
    "middle": "Middle name",
    "last": "Last name",
    "organisation": "Organisation",
    "title": "Role or title",
    "email": "Email",
    "phone": "Phone",
    "notes": "Notes",
    "tags": "Tags (comma or semicolon separated)",
    "tz": "Time zone",
    "birthday": "Birthday",
    "address": "Address",
    "website": "Website or profile",
    "kind": "Kind",
    "channel": "Preferred channel",
    "skip": "Do not import",
}
_GUESSES: list[tuple[str, str]] = [
    # English first, then the words other languages' exports use (Thunderbird, Outlook, Excel)
    (
        r"^(full ?name|name|display ?name|contact( name)?|nom|naam|anzeigename|nom complet|nombre completo)$"
        r"|^(名前|氏名|姓名|이름|名字|聯絡人|联系人)$",
        "name",
    ),
    (r"^(first|given|fore)[ _-]?name$|^first$|^vorname$|^prénom$|^nombre$|^nome$|^voornaam$", "first"),
    (r"^(middle|additional)[ _-]?name$", "middle"),
    (
        r"^(last|family|sur)[ _-]?name$|^surname$|^last$|^nachname$|^nom de famille$|^apellidos?$|^cognome$"
        r"|^achternaam$",
        "last",
    ),
    (
        r"^(company|organi[sz]ation|org|employer|firm|account( name)?)([ _-]?name)?$"
        r"|^(firma|unternehmen|société|entreprise|empresa|azienda|bedrijf|organisatie)$|^(会社|会社名|公司|单位|單位|회사|소속)$",
        "organisation",
    ),
    (r"^(job ?)?title$|^role$|^position$|^arbeitstitel$|^funktion$|^poste$|^fonction$|^cargo$", "title"),
    (r"e-?mail|メール|邮件|郵件|邮箱|이메일", "email"),
    (r"phone|mobile|cell|tel|電話|电话|手机|手機|携帯|전화|휴대", "phone"),
    (r"^(notes?|comments?|description|remarks|notizen|bemerkungen|remarques|notas|opmerkingen)$", "notes"),
    (r"^(tags?|labels?|categor(y|ies)|groups?)$", "tags"),
    (r"^(time ?zone|tz)$", "tz"),
    (r"birthday|date of birth|^dob$|^born$|geburtstag|anniversaire|生日|誕生日|생일", "birthday"),
    (r"^((home|work|business|postal|street|mailing) )?address$|^street$|^adresse$|住所|地址|주소", "address"),
    (r"^(web ?site|url|web ?page|home ?page|linkedin|profile|webseite|site web|sitio web)( \d+)?$", "website"),
    (r"^(kind|type|relationship)$", "kind"),
]


def read_rows(text: str, *, cancel: CancelCheck | None = None) -> tuple[list[str], list[Row]]:
    """The header and every non-empty row with its line number.

    Raises ContactsFileError on broken quoting, a row with more cells than the
    header, or a last line cut short.
    """
    reader = csv.reader(io.StringIO(text, newline=""), csv_dialect(text))
    try:
        headers = [h.strip() for h in next(reader)]
        rows: list[Row] = []
        short_last = False
        line = reader.line_num + 1
        for cells in reader:
            if len(rows) % 1000 == 0 and cancel is not None and cancel():
                raise Cancelled
            if any(c.strip() for c in cells):
                if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
                    raise ContactsFileError(
                        f"Line {line} has {len(cells)} values but the header has {len(headers)} columns: "
                        "the file is damaged or not a CSV export."
                    )
                short_last = len(cells) < len(headers)
                rows.append((line, cells + [""] * (len(headers) - len(cells))))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ContactsFileError(f"The CSV file cannot be read at line {reader.line_num}: {error}.") from None
    except StopIteration:
        raise ContactsFileError("The file is empty: there are no contacts in it.") from None
    # Exports end every row with a line break: a last line without one that
    # also has fewer cells than the header is a file that was cut off.
    if rows and not text.endswith(("\n", "\r")) and short_last:
        raise ContactsFileError(f"The file ends in the middle of line {rows[-1][0]}: it is cut short.")
    return headers, rows


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


_DATE_SHAPED = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$")


def is_phone(value: str) -> bool:
    value = value.strip()
    return bool(_PHONE.match(value)) and sum(c.isdigit() for c in value) >= 6 and not _DATE_SHAPED.match(value)


def looks_like_data(headers: list[str]) -> bool:
    """A first row holding an email address or a phone number is a contact, not a header."""
    return any(is_email(h) or is_phone(h) for h in headers)


def guess_by_content(rows: list[Row]) -> dict[int, str]:
    """For a file with no header row: emails and phones by their shape, then the
    first column of words is the name and the next the organisation."""
    width = max((len(cells) for _, cells in rows), default=0)
    mapping: dict[int, str] = {}
    text_fields = iter(("name", "organisation"))
    for index in range(width):
        values = [cells[index].strip() for _, cells in rows[:200] if index < len(cells) and cells[index].strip()]
        if not values:
            mapping[index] = "notes-extra"
        elif sum(map(is_email, values)) * 2 > len(values):
            mapping[index] = "email"
        elif sum(map(is_phone, values)) * 2 > len(values):
            mapping[index] = "phone"
        else:
            mapping[index] = next(text_fields, "notes-extra")
    return mapping


def guess_mapping(headers: list[str], rows: list[Row] | None = None) -> dict[int, str]:
    """By header name; with ``rows``, a column whose name says nothing known
    ("Courriel") but whose values are emails or phone numbers is mapped so."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = header.strip().lower()
        mapping[index] = next((field for pattern, field in _GUESSES if re.search(pattern, key)), "notes-extra")
    if rows:
        by_content = guess_by_content(rows)
        for index, field in mapping.items():
            if field == "notes-extra" and by_content.get(index) in ("email", "phone"):
                mapping[index] = by_content[index]
    return mapping


def map_all(
    rows: list[Row],
    map_one: Callable[[int, list[str]], Incoming],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> list[Incoming]:
    """``map_one(line, cells)`` for every row, finished, checking for Cancel every 500 rows."""
    items = []
    for n, (line, cells) in enumerate(rows):
        if n % 500 == 0:
            checkpoint(n, len(rows), progress, cancel)
        items.append(finish(map_one(line, cells)))
    return items


def map_rows(
    headers: list[str],
    rows: list[Row],
    mapping: dict[int, str],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> list[Incoming]:
    return map_all(rows, lambda line, cells: map_row(headers, line, cells, mapping), progress=progress, cancel=cancel)


def map_row(headers: list[str], line: int, cells: list[str], mapping: dict[int, str]) -> Incoming:
    item = Incoming(Contact(name=""), f"line {line}")
    contact = item.contact
    first = middle = last = ""
    for index, raw in enumerate(cells):
        value = unguard(raw.strip())
        field = mapping.get(index, "notes-extra")
        if not value or field == "skip":
            continue
        header = headers[index] if index < len(headers) else f"Column {index + 1}"
        if field == "name":
            contact.name = value
        elif field == "first":
            first = value
        elif field == "middle":
            middle = value
        elif field == "last":
            last = value
        elif field == "organisation":
            contact.organisation = value
        elif field == "title":
            contact.title = value
        elif field == "email":
            contact.emails += [LabelledValue(v, _label(header, "email")) for v in _many(value)]
        elif field == "phone":
            contact.phones += [LabelledValue(v, _label(header, "phone")) for v in _many(value)]
        elif field == "notes":
            note = unguard(raw)  # as written: notes keep their spacing
            contact.notes = f"{contact.notes}\n{note}" if contact.notes else note
        elif field == "tags":
            apply_labels(item, re.split(r"\s*[;,]\s*|\s+:::\s+", value))
        elif field == "tz":
            contact.tz = value
        elif field == "kind":
            set_kind(item, value)
        elif field == "channel":
            set_channel(item, value)
        elif field == "birthday":
            records.add_date(item, DateKind.BIRTHDAY, value)
        elif field == "address":
            records.add_formatted_address(item, _label(header, "address"), unguard(raw))
        elif field == "website":
            records.add_link(item, value, _label(header, "website"))
        else:
            item.extras.append(f"{header}: {value}")
    if not contact.name:
        contact.name = " ".join(p for p in (first, middle, last) if p)
    return item


def _many(value: str) -> list[str]:
    return [v for v in re.split(r"\s*;\s*|\s+:::\s+|\s*\n\s*", value) if v]


def _label(header: str, what: str) -> str:
    """ "Work Email" -> "work", "Mobile phone" -> "mobile", "Email" -> ""."""
    words = re.sub(r"e-?mail|phone|number|address|tel(ephone)?|web ?site|url|web ?page|\d+", " ", header.lower())
    return " ".join(words.replace("_", " ").replace("-", " ").split())


def unguard(value: str) -> str:
    """Undo the spreadsheet-formula guard our own CSV export adds ("'=1+1" -> "=1+1",
    "' @x" -> " @x"); an apostrophe before a phone number (older exports) goes too."""
    if len(value) > 1 and value[0] == "'" and value[1:].lstrip(" ")[:1] in tuple("=+-@\t\r"):
        return value[1:]
    return value
