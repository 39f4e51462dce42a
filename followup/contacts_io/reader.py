"""Reading a contacts file of any supported format into Incoming contacts."""

from __future__ import annotations

import re
from pathlib import Path

from followup import infile
from followup.contacts_io import detect, encodings, generic_csv, google_csv, outlook_csv, thunderbird_csv, vcard
from followup.contacts_io.model import ContactsFileError, ParsedFile
from followup.progress import CancelCheck, Progress

FORMATS = ("auto", "vcard", "google-csv", "outlook-csv", "thunderbird-csv", "csv")
FORMAT_NAMES = {
    "vcard": "vCard",
    "google-csv": "Google CSV",
    "outlook-csv": "Outlook CSV",
    "thunderbird-csv": "Thunderbird CSV",
    "csv": "CSV",
}
_GOOGLE_DETAIL = re.compile(r"^(E-mail|Phone|Address|Organization) \d+ - |^Organization (Name|Title)$")
MAX_BYTES = 512 * 1024 * 1024


def read_file(
    path: Path | str,
    fmt: str = "auto",
    *,
    mapping: dict[int, str] | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ParsedFile:
    try:
        data = infile.read(path)
    except infile.InputError as error:
        raise ContactsFileError(str(error)) from None
    return read_bytes(data, fmt, mapping=mapping, progress=progress, cancel=cancel)


def read_bytes(
    data: bytes,
    fmt: str = "auto",
    *,
    mapping: dict[int, str] | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ParsedFile:
    """Parse ``data``; a generic CSV with no ``mapping`` uses the guessed one.

    Raises ContactsFileError (naming the line or card) for a file that cannot
    be read, and Cancelled when ``cancel`` says so.
    """
    if fmt not in FORMATS:
        raise ContactsFileError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    decoded = encodings.decode(data)
    text, encoding, notes = decoded.text, decoded.encoding, decoded.notes
    found = detect.detect_format(text)
    if fmt == "auto":
        fmt = found
    elif fmt == "vcard" and found != "vcard":
        raise ContactsFileError("This is not a vCard file: it does not begin with BEGIN:VCARD.")
    elif fmt != "vcard" and found == "vcard":
        raise ContactsFileError("This is a vCard file, not a CSV file: import it as vCard.")
    if fmt == "vcard":
        items = vcard.parse(text, progress=progress, cancel=cancel, notes=notes)
        return ParsedFile("vcard", encoding, items, notes=notes)
    headers, rows = generic_csv.read_rows(text, cancel=cancel)
    if fmt == "csv" and generic_csv.looks_like_data(headers):
        rows.insert(0, (1, headers))
        headers = [f"Column {i + 1}" for i in range(len(headers))]
        mapping = mapping if mapping is not None else generic_csv.guess_by_content(rows)
        what = ", ".join(
            f"{headers[i]}: {generic_csv.FIELDS[f].lower()}" for i, f in mapping.items() if f != "notes-extra"
        )
        notes.append(f"The file has no header row: its columns were matched by what they hold ({what}).")
    if fmt == "csv" and mapping is None:
        mapping = generic_csv.guess_mapping(headers, rows)
    _check_columns(fmt, headers, mapping)
    layouts = {
        "google-csv": google_csv.map_row,
        "outlook-csv": outlook_csv.map_row,
        "thunderbird-csv": thunderbird_csv.map_row,
    }
    if fmt in layouts:
        map_row = layouts[fmt]
        items = generic_csv.map_all(
            rows, lambda line, cells: map_row(headers, line, cells), progress=progress, cancel=cancel
        )
    else:
        use = mapping if mapping is not None else generic_csv.guess_mapping(headers)
        items = generic_csv.map_rows(headers, rows, use, progress=progress, cancel=cancel)
    if not rows:
        raise ContactsFileError("The CSV file has a header row but no contacts under it.")
    return ParsedFile(fmt, encoding, items, headers, rows if fmt == "csv" else [], notes)


def _check_columns(fmt: str, headers: list[str], mapping: dict[int, str] | None) -> None:
    """A format (forced, or a CSV guessed) whose columns hold no email, phone or
    organisation would import names only: say so instead."""
    names = {h.strip() for h in headers}
    if fmt == "google-csv":
        fits = any(_GOOGLE_DETAIL.match(h) for h in names)
    elif fmt == "outlook-csv":
        fits = bool(names & {*outlook_csv.EMAIL_COLUMNS, *outlook_csv.PHONE_COLUMNS, "Company"})
    elif fmt == "thunderbird-csv":
        fits = bool(names & thunderbird_csv.DETAIL_COLUMNS)
    else:
        use = mapping if mapping is not None else generic_csv.guess_mapping(headers)
        fits = any(f not in ("notes-extra", "skip") for f in use.values())
    if not fits:
        shown = ", ".join(repr(h) for h in headers[:6]) + (", ..." if len(headers) > 6 else "")
        raise ContactsFileError(
            f"This file is not {FORMAT_NAMES[fmt]}: none of its columns ({shown}) holds an email, a phone "
            f"or an organisation as {FORMAT_NAMES[fmt]} writes them. Import it with the format detected "
            "(auto) or as any CSV (csv), where columns are matched by name."
        )


def remap(parsed: ParsedFile, mapping: dict[int, str]) -> ParsedFile:
    """A generic CSV read again with the user's column mapping."""
    items = generic_csv.map_rows(parsed.headers, parsed.rows, mapping)
    return ParsedFile(parsed.format, parsed.encoding, items, parsed.headers, parsed.rows, parsed.notes)
