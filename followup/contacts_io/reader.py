"""Reading a contacts file of any supported format into Incoming contacts."""

from __future__ import annotations

from pathlib import Path

from followup import infile
from followup.contacts_io import detect, generic_csv, google_csv, outlook_csv, vcard
from followup.contacts_io.model import ContactsFileError, ParsedFile
from followup.progress import CancelCheck, Progress

FORMATS = ("auto", "vcard", "google-csv", "outlook-csv", "csv")
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
    text, encoding = detect.decode(data)
    found = detect.detect_format(text)
    if fmt == "auto":
        fmt = found
    elif fmt == "vcard" and found != "vcard":
        raise ContactsFileError("This is not a vCard file: its first line is not BEGIN:VCARD.")
    elif fmt != "vcard" and found == "vcard":
        raise ContactsFileError("This is a vCard file, not a CSV file: import it as vCard.")
    if fmt == "vcard":
        return ParsedFile("vcard", encoding, vcard.parse(text, progress=progress, cancel=cancel))
    headers, rows = generic_csv.read_rows(text, cancel=cancel)
    if fmt == "google-csv":
        items = google_csv.map_rows(headers, rows, progress=progress, cancel=cancel)
    elif fmt == "outlook-csv":
        items = outlook_csv.map_rows(headers, rows, progress=progress, cancel=cancel)
    else:
        use = mapping if mapping is not None else generic_csv.guess_mapping(headers)
        items = generic_csv.map_rows(headers, rows, use, progress=progress, cancel=cancel)
    if not rows:
        raise ContactsFileError("The CSV file has a header row but no contacts under it.")
    return ParsedFile(fmt, encoding, items, headers, rows if fmt == "csv" else [])


def remap(parsed: ParsedFile, mapping: dict[int, str]) -> ParsedFile:
    """A generic CSV read again with the user's column mapping."""
    items = generic_csv.map_rows(parsed.headers, parsed.rows, mapping)
    return ParsedFile(parsed.format, parsed.encoding, items, parsed.headers, parsed.rows)
