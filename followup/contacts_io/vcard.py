"""Reading vCards (2.1, 3.0, 4.0) as phones, Google, Apple and Outlook write them.

The file is tokenised by vobject (``getLogicalLines`` unfolds continuation
lines and joins vCard 2.1 quoted-printable soft breaks; ``parseLine`` splits
group, name, parameters and value, quoted parameters included). We then read
the values straight off those tokens instead of building vobject's component
objects: ``vobject.readComponents`` spends ~0.45 ms a card in its attribute
machinery, which alone is 4.5 s for 10,000 cards; the tokens take 0.05 ms.
tests/contacts_io/test_vcard.py checks that both readings agree.
"""

from __future__ import annotations

import io
import quopri
import re
from collections.abc import Iterator

from vobject.base import ParseError, getLogicalLines, parseLine  # type: ignore[import-untyped]

from followup.contacts_io import records
from followup.contacts_io.model import (
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

Params = dict[str, list[str]]
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}

# Properties that are the card's plumbing, not anything the user wrote.
IGNORED = {
    "VERSION", "PRODID", "UID", "REV", "LOGO", "SOUND", "KEY", "CLIENTPIDMAP", "KIND", "SORT-STRING",
    "X-ABUID", "X-ABSHOWAS", "X-ABLABEL", "X-ABADR", "X-IMAGETYPE", "X-IMAGEHASH", "X-SHARED-PHOTO-DISPLAY-PREF",
    "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-MS-CARDPICTURE", "X-MS-OL-DESIGN", "MAILER", "NAME", "PROFILE", "SOURCE",
    "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME", "X-GOOGLE-ETAG",
}  # fmt: skip
READABLE = {
    "ADR": "Address", "BDAY": "Birthday", "ANNIVERSARY": "Anniversary", "URL": "Website", "NICKNAME": "Nickname",
    "IMPP": "Messaging", "X-SOCIALPROFILE": "Social profile", "ROLE": "Role", "RELATED": "Related",
    "X-ABRELATEDNAMES": "Related", "X-ABDATE": "Date", "GEO": "Location", "LANG": "Language", "GENDER": "Gender",
    "LABEL": "Address label", "X-SKYPE": "Skype", "X-AIM": "AIM", "X-JABBER": "Jabber", "X-MSN": "MSN",
    "X-TWITTER": "Twitter", "X-SPOUSE": "Spouse", "X-ANNIVERSARY": "Anniversary", "MEMBER": "Member",
}  # fmt: skip
# TYPE values that say nothing a person would call a label.
_NOISE_TYPES = {"internet", "pref", "voice", "x400", "text", "uri", "msg"}
_TEL_LABELS = {"cell": "mobile", "iphone": "mobile", "main": "main", "fax": "fax", "pager": "pager"}


def parse(
    text: str,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    notes: list[str] | None = None,
) -> list[Incoming]:
    """Every card in ``text``; raises ContactsFileError naming the line or card.

    A line that cannot be read is skipped and named in ``notes``; the file is
    refused only when it is not a vCard, is cut short, or holds no card.
    """
    if "\r" in text:  # classic Mac files end lines with a bare CR, which vobject does not split on
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    total = max(1, text.count("\n"))
    items: list[Incoming] = []
    skipped = notes if notes is not None else []
    for number, start, lines in _cards(text, skipped):
        items.append(finish(_card(number, start, lines)))
        if number % 250 == 0:
            checkpoint(min(start, total), total, progress, cancel)
    if not items:
        raise ContactsFileError("There is no BEGIN:VCARD in the file, so it holds no contacts.")
    return items


Line = tuple[str, Params, str, str | None]
# A property name vCard does not allow but programs write (KDE's "X-messaging/aim-All").
_LENIENT = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9][A-Za-z0-9/_+-]*)((?:;[^:]*)?):(.*)$", re.DOTALL)


def _cards(text: str, skipped: list[str]) -> Iterator[tuple[int, int, list[Line]]]:
    number = 0
    start = 0
    lines: list[Line] | None = None
    last_line = text.rstrip().count("\n") + 1
    for line, n in getLogicalLines(io.StringIO(text), True):
        line_no = n or 1  # vobject counts the very first line as 0
        try:
            name, raw_params, value, group = parseLine(line, line_no)
        except ParseError:
            card = f" (card {number})" if lines is not None else ""
            if lines is not None and line_no >= last_line:
                raise ContactsFileError(
                    f"The file ends in the middle of line {line_no}{card}: it is cut short."
                ) from None
            if lines and lines[-1][2].endswith("\\") and not lines[-1][2].endswith("\\\\"):
                # Android: a backslash at the end of a line continues the value on the next line
                name, params, value, group = lines[-1]
                lines[-1] = (name, params, value[:-1] + line.strip(), group)
                continue
            found = _LENIENT.match(line)
            if lines is not None and found:
                params = _params([p.split("=", 1) for p in found[3].split(";") if p]) if found[3] else {}
                lines.append((found[2].upper(), params, found[4], found[1]))
                continue
            skipped.append(f"Line {line_no}{card} could not be read and was skipped: {line[:40]!r}.")
            continue
        name = name.upper()
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if lines is not None:
                raise ContactsFileError(
                    f"Card {number} (from line {start}) has no END:VCARD before the next card "
                    f"at line {line_no}: the file is damaged."
                )
            number += 1
            start = line_no
            lines = []
        elif name == "END" and value.strip().upper() == "VCARD":
            if lines is None:
                skipped.append(f"Line {line_no} ends a card that never began; it was skipped.")
                continue
            yield number, start, lines
            lines = None
        elif lines is None:
            skipped.append(f"Line {line_no} is outside any card and was skipped: {line[:40]!r}.")
        else:
            lines.append((name, _params(raw_params), value, group))
    if lines is not None:
        raise ContactsFileError(
            f"Card {number}, which begins at line {start}, never ends (no END:VCARD): the file is cut short."
        )


def _params(raw: list[list[str]]) -> Params:
    """vCard 2.1's bare "TEL;WORK;CELL" becomes TYPE=work,cell, like 3.0's."""
    params: Params = {}
    for entry in raw:
        if len(entry) == 1:
            bare = entry[0]
            key = "ENCODING" if bare.upper() in ("QUOTED-PRINTABLE", "BASE64", "B") else "TYPE"
            params.setdefault(key, []).append(bare)
        else:
            values = [v for value in entry[1:] for v in value.strip('"').split(",")]
            params.setdefault(entry[0].upper(), []).extend(values)
    return params


def _text(value: str, params: Params) -> str:
    """The property's value as text: quoted-printable decoded, nothing unescaped yet."""
    encoding = [e.upper() for e in params.get("ENCODING", ())]
    if "QUOTED-PRINTABLE" in encoding:
        raw = quopri.decodestring(value.encode("utf-8"))
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return raw.decode("cp1252", errors="replace")
    return value


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), "\\" + m.group(1)), text)


def split(text: str, separator: str) -> list[str]:
    """Split on separators that are not escaped, then unescape each part."""
    parts, current, i = [], [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == separator:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append(unescape("".join(current)))
    return parts


def _types(params: Params) -> list[str]:
    return [t.lower() for t in params.get("TYPE", ()) if t and t.lower() not in _NOISE_TYPES]


def _card(number: int, start: int, lines: list[Line]) -> Incoming:
    item = Incoming(Contact(name=""), f"card {number} (line {start})")
    contact = item.contact
    group_labels = {
        group.lower(): _apple_label(unescape(_text(value, params)))
        for name, params, value, group in lines
        if name == "X-ABLABEL" and group
    }
    structured_name = ""
    for name, params, raw, group in lines:
        name = name.upper()
        value = _text(raw, params)
        label = group_labels.get(group.lower(), "") if group else ""
        if name == "FN":
            contact.name = unescape(value)
        elif name == "N":
            parts = [p.strip() for p in split(value, ";")] + [""] * 5
            family, given, middle, prefix, suffix = parts[:5]
            structured_name = " ".join(p for p in (prefix, given, middle, family, suffix) if p)
        elif name == "ORG":
            units = [u.strip() for u in split(value, ";") if u.strip()]
            contact.organisation = units[0] if units else ""
            if len(units) > 1:
                item.extras.append(f"Department: {', '.join(units[1:])}")
        elif name == "TITLE":
            contact.title = unescape(value)
        elif name == "EMAIL":
            contact.emails.append(LabelledValue(unescape(value), label or _type_label(params, {})))
        elif name == "TEL":
            contact.phones.append(LabelledValue(unescape(value), label or _type_label(params, _TEL_LABELS)))
        elif name == "NOTE":
            note = unescape(value).replace("\r\n", "\n")
            contact.notes = f"{contact.notes}\n{note}" if contact.notes else note
        elif name == "TZ":
            _time_zone(item, unescape(value))
        elif name == "CATEGORIES":
            apply_labels(item, [c for c in split(value, ",") if c.strip()])
        elif name in ("BDAY", "ANNIVERSARY", "X-ANNIVERSARY", "X-ABDATE", "X-FOLLOWUP-DATE"):
            _date(item, name, unescape(value), params, label)
        elif name == "ADR":
            parts = [p.strip() for p in split(value, ";")] + [""] * 7
            keys = ("pobox", "extended", "street", "locality", "region", "postcode", "country")
            records.add_address(item, label or _type_label(params, {}), dict(zip(keys, parts, strict=False)))
        elif name in ("URL", "X-SOCIALPROFILE"):
            kind = label or _type_label(params, {})
            records.add_link(item, unescape(value), "" if kind in ("homepage", "home", "work") else kind)
        elif name == "PHOTO":
            encoding = (params.get("ENCODING") or [""])[0]
            records.set_photo(item, value, encoding, (params.get("TYPE") or [""])[0])
        elif name == "X-FOLLOWUP-KIND":
            set_kind(item, unescape(value))
        elif name == "X-FOLLOWUP-CHANNEL":
            set_channel(item, unescape(value))
        elif name.startswith("X-MESSAGING/"):
            service = name.split("/", 1)[1].removesuffix("-ALL").lower()
            item.extras.append(f"Messaging ({service}): {unescape(value).strip()}")
        elif name in IGNORED or (name.startswith("X-") and name not in READABLE):
            continue
        else:
            _keep(item, name, value, params, label)
    if not contact.name.strip():
        contact.name = structured_name
    return item


def _date(item: Incoming, name: str, value: str, params: Params, label: str) -> None:
    if name == "BDAY":
        kind, custom = DateKind.BIRTHDAY, ""
    elif name in ("ANNIVERSARY", "X-ANNIVERSARY"):
        kind, custom = DateKind.ANNIVERSARY, ""
    elif name == "X-FOLLOWUP-DATE":
        kind = next((k for k in DateKind if k.value == (params.get("TYPE") or [""])[0].lower()), DateKind.CUSTOM)
        custom = unescape((params.get("X-LABEL") or [""])[0])
    else:
        kind, custom = records.date_kind(label)
    omit = "X-APPLE-OMIT-YEAR" in params
    records.add_date(item, kind, value, label=custom, omit_year=omit)
    lead = (params.get("X-LEAD") or [""])[0]
    if name == "X-FOLLOWUP-DATE" and lead.isdigit():
        for d in item.contact.dates:  # the same date may also be the card's BDAY
            if d.kind is kind and d.label == (custom if kind is DateKind.CUSTOM else ""):
                d.lead_days = min(int(lead), 365)


def _time_zone(item: Incoming, value: str) -> None:
    zone = value.strip()
    if zone.lower().startswith("tz:"):
        zone = zone[3:]
    item.contact.tz = zone


def _keep(item: Incoming, name: str, value: str, params: Params, label: str) -> None:
    """A property with no place in a contact, kept readable in the notes."""
    if name == "ADR":
        text = ", ".join(p.strip().replace("\n", ", ") for p in split(value, ";") if p.strip())
    else:
        text = unescape(value).strip()
    if not text:
        return
    what = READABLE.get(name, name.title())
    kind = label or _type_label(params, {})
    item.extras.append(f"{what} ({kind}): {text}" if kind else f"{what}: {text}")


def _type_label(params: Params, words: dict[str, str]) -> str:
    types = _types(params)
    labels = [words.get(t, t) for t in types]
    if "fax" in labels and len(labels) > 1:
        labels = [f"{next(t for t in labels if t != 'fax')} fax"]
    return " ".join(dict.fromkeys(labels))


def _apple_label(text: str) -> str:
    """Apple writes its own labels as "_$!<HomePage>!$_"."""
    if text.startswith("_$!<") and text.endswith(">!$_"):
        return text[4:-4].lower()
    return text
